/**
 * Materialization of dependency sources (PIPELINE.md §1): each dependency's `.bd` files are
 * synchronised into `obj/beskid/deps/src/<Name>-<hash>/` under the host project, and assembly
 * reads those copies, never the originals.
 *
 * Layout: `<Name>-<hash>/src/` mirrors the dependency's source root and `<Name>-<hash>/.generated/`
 * its `.generated` folder, so the `<root>/../.generated` lookup of assembly works unchanged.
 * The hash is taken from the dependency manifest's path relative to the host project, so the
 * folder name is the same on every machine. Synchronisation is content-based: identical files
 * are left alone, changed files are rewritten atomically, removed files are deleted. Only
 * `.bd` files are copied (nothing else is ever read by later stages).
 */

import { readdirSync, readFileSync, rmdirSync, rmSync } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { sha256Hex, writeFileAtomic } from "../util/fs.ts";

export const DEPS_DIR = join("obj", "beskid", "deps", "src");

export interface MaterializeTarget {
  readonly name: string;
  readonly manifestPath: string;
  readonly projectDir: string;
  readonly sourceRoot: string;
}

export interface SyncStats {
  written: number;
  deleted: number;
  unchanged: number;
}

/** `<host>/obj/beskid/deps/src/<Name>-<hash>` for one dependency. */
export function materializedDir(hostDir: string, dep: MaterializeTarget): string {
  const key = relative(hostDir, dep.manifestPath).split(sep).join("/");
  return join(hostDir, DEPS_DIR, `${dep.name}-${sha256Hex(key).slice(0, 12)}`);
}

/** The materialized source root (what the lock records and assembly reads). */
export function materializedRoot(hostDir: string, dep: MaterializeTarget): string {
  return join(materializedDir(hostDir, dep), "src");
}

/**
 * The original of a materialized file (what the user edits and a CI annotation must name):
 * `<Name>-<hash>/src/X` → `<sourceRoot>/X`, `<Name>-<hash>/.generated/X` →
 * `<sourceRoot>/../.generated/X`. Any other path is returned unchanged.
 */
export function originalOf(
  file: string,
  deps: readonly { readonly materializedRoot?: string; readonly sourceRoot: string }[],
): string {
  for (const dep of deps) {
    if (dep.materializedRoot === undefined) continue;
    const top = dirname(dep.materializedRoot);
    for (const [from, to] of [
      [dep.materializedRoot, dep.sourceRoot],
      [join(top, ".generated"), join(dep.sourceRoot, "..", ".generated")],
    ] as const) {
      const rel = relative(from, file);
      if (rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)) return join(to, rel);
    }
  }
  return file;
}

/** Relative paths of the `.bd` files under `dir`, skipping dot-folders and `skip`. */
function listBd(dir: string, skip: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name.startsWith(".") || skip.has(p)) continue;
        walk(p, r);
      } else if (e.isFile() && e.name.endsWith(".bd")) {
        out.push(r);
      }
    }
  };
  walk(dir, "");
  return out.sort();
}

/** All files (any extension) under dir, relative; used to find what to delete. */
function listAll(dir: string): { files: string[]; dirs: string[] } {
  const files: string[] = [];
  const dirs: string[] = [];
  const walk = (d: string, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        walk(join(d, e.name), r);
        dirs.push(r);
      } else files.push(r);
    }
  };
  walk(dir, "");
  return { files, dirs };
}

/** Makes `dest` hold exactly the `.bd` files of `src`. Throws on I/O errors (caller reports). */
export function syncTree(
  src: string,
  dest: string,
  stats: SyncStats,
  skip: ReadonlySet<string> = new Set(),
): void {
  const wanted = listBd(src, skip);
  const wantedSet = new Set(wanted);
  for (const rel of wanted) {
    const from = join(src, ...rel.split("/"));
    const to = join(dest, ...rel.split("/"));
    const bytes = readFileSync(from);
    let same = false;
    try {
      same = readFileSync(to).equals(bytes);
    } catch {
      same = false;
    }
    if (same) stats.unchanged++;
    else {
      writeFileAtomic(to, bytes);
      stats.written++;
    }
  }
  const have = listAll(dest);
  for (const rel of have.files) {
    if (!wantedSet.has(rel)) {
      rmSync(join(dest, ...rel.split("/")), { force: true });
      stats.deleted++;
    }
  }
  // Deepest first, so emptied parents go too.
  for (const rel of have.dirs.sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(join(dest, ...rel.split("/")));
    } catch {
      // not empty: still holds wanted files
    }
  }
}

/**
 * Synchronises every dependency and removes folders of dependencies that are gone. Throws on
 * I/O errors; `plan.ts` turns them into E3024.
 */
export function materializeAll(hostDir: string, deps: readonly MaterializeTarget[]): SyncStats {
  const stats: SyncStats = { written: 0, deleted: 0, unchanged: 0 };
  const keep = new Set<string>();
  for (const dep of deps) {
    const dir = materializedDir(hostDir, dep);
    keep.add(dir);
    // A source root equal to the project folder must not copy the project's own obj/.
    const skip = new Set([join(dep.projectDir, "obj")]);
    syncTree(dep.sourceRoot, join(dir, "src"), stats, skip);
    syncTree(join(dep.sourceRoot, "..", ".generated"), join(dir, ".generated"), stats, skip);
  }
  const base = join(hostDir, DEPS_DIR);
  let existing: string[] = [];
  try {
    existing = readdirSync(base);
  } catch {
    existing = [];
  }
  for (const name of existing) {
    const p = join(base, name);
    if (!keep.has(p)) {
      rmSync(p, { recursive: true, force: true });
      stats.deleted++;
    }
  }
  return stats;
}
