/**
 * Module path ↔ file (PIPELINE.md §2, LANGUAGE.md §5.1).
 *
 * Path → file: root by root, the first existing of `A/B.bd`, `A/B/B.bd`, `A/B/mod.bd`,
 * `<root>/../.generated/A/B.g.bd`; a leading `Std` is then tried without it. File → path: the
 * path under its root without `.bd`, a doubled last segment or a trailing `mod` dropped, or the
 * path under `.generated` without `.g.bd`. This module only asks whether given files exist
 * (through the injected `exists`); it never lists a folder.
 */

import { basename, dirname, join, relative, sep } from "node:path";

export interface Root {
  readonly name: string;
  readonly path: string;
}

export interface Resolved {
  /** Absolute path of the module file. */
  readonly file: string;
  readonly rootIndex: number;
  /** True when found under `<root>/../.generated`. */
  readonly generated: boolean;
}

export function generatedDir(root: Root): string {
  return join(root.path, "..", ".generated");
}

/** The candidate files for `segments` under one root, in lookup order. */
export function candidates(root: Root, segments: readonly string[]): { file: string; generated: boolean }[] {
  const last = segments[segments.length - 1]!;
  return [
    { file: join(root.path, ...segments) + ".bd", generated: false },
    { file: join(root.path, ...segments, `${last}.bd`), generated: false },
    { file: join(root.path, ...segments, "mod.bd"), generated: false },
    { file: join(generatedDir(root), ...segments) + ".g.bd", generated: true },
  ];
}

/**
 * Resolves a module path (segments) over the roots; undefined when no file exists. With
 * `folderExists`, a candidate whose folder does not exist is not asked about: most dotted
 * chains (`p.x` of a local) name no folder at all, and one memoised folder check then stands
 * for every candidate under it. The answer is the same either way.
 */
export function resolveModule(
  roots: readonly Root[],
  segments: readonly string[],
  exists: (file: string) => boolean,
  folderExists?: (dir: string) => boolean,
): Resolved | undefined {
  if (segments.length === 0) return undefined;
  for (let r = 0; r < roots.length; r++) {
    for (const c of candidates(roots[r]!, segments)) {
      if (folderExists && !folderExists(dirname(c.file))) continue;
      if (exists(c.file)) return { file: c.file, rootIndex: r, generated: c.generated };
    }
  }
  if (segments[0] === "Std" && segments.length > 1)
    return resolveModule(roots, segments.slice(1), exists, folderExists);
  return undefined;
}

function isIdent(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (i > 0 && c >= 48 && c <= 57);
    if (!ok) return false;
  }
  return true;
}

function under(dir: string, file: string): string[] | undefined {
  const r = relative(dir, file);
  if (r === "" || r.startsWith("..") || r.startsWith(sep) || /^[A-Za-z]:/.test(r)) return undefined;
  return r.split(sep);
}

/**
 * The module path a file has by its location (LANGUAGE.md §5.1), or undefined when some
 * segment is not an identifier. `generated` says the file was found under `.generated`.
 */
export function modulePathOf(root: Root, file: string, generated: boolean): string | undefined {
  const segs = under(generated ? generatedDir(root) : root.path, file);
  if (!segs) return undefined;
  const last = segs[segs.length - 1]!;
  const suffix = generated ? ".g.bd" : ".bd";
  if (!last.endsWith(suffix)) return undefined;
  segs[segs.length - 1] = last.slice(0, -suffix.length);
  if (!generated) {
    if (segs.length >= 2 && segs[segs.length - 1] === segs[segs.length - 2]) segs.pop();
    else if (segs.length >= 2 && segs[segs.length - 1] === "mod") segs.pop();
  }
  return segs.every(isIdent) ? segs.join(".") : undefined;
}

/**
 * The root (and whether under `.generated`) that holds a file. When roots nest (a host root
 * `.` holding a vendored `corelib/Src`), the innermost one names the file, so
 * `corelib/Src/Core/Output.bd` stays `Core.Output`; among equally deep roots the first wins.
 */
export function rootOf(
  roots: readonly Root[],
  file: string,
): { rootIndex: number; generated: boolean } | undefined {
  let best: { rootIndex: number; generated: boolean } | undefined;
  let bestDepth = -1;
  for (let r = 0; r < roots.length; r++) {
    for (const generated of [false, true]) {
      const segs = under(generated ? generatedDir(roots[r]!) : roots[r]!.path, file);
      // Fewer segments below the root means a deeper (more specific) root.
      if (segs && (bestDepth < 0 || segs.length < bestDepth)) {
        best = { rootIndex: r, generated };
        bestDepth = segs.length;
      }
    }
  }
  return best;
}

/** The name an entry file outside every root gets: its stem. */
export function stemOf(file: string): string {
  return basename(file).replace(/\.g\.bd$|\.bd$/, "");
}
