/**
 * Paths: a path as shown under a root folder (`pathUnder`), and where the toolchain's own
 * files are: the package root (holding package.json, corelib/ and
 * dist/), found by walking up from this module. Works both from src/ (tests, tsx) and from
 * the bundles in dist/.
 */

import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "corelib"))) return (cached = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error("beskid-ci: cannot find the package root (package.json beside corelib/)");
    dir = up;
  }
}

/** The bundled corelib's folder (the project folder holding its manifest). */
export function bundledCorelibRoot(): string {
  return join(packageRoot(), "corelib");
}

/**
 * `path` relative to `root` with `/` separators (`""` for `root` itself), or undefined when it
 * lies outside `root` (another drive, or a `..` away).
 */
export function pathUnder(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  return rel.startsWith("..") || isAbsolute(rel) ? undefined : rel.split(sep).join("/");
}
