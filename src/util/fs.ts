/**
 * File helpers shared by every stage that writes: atomic writes (temporary name in the same
 * folder, then rename) so that a crash or an error never leaves a half-written output,
 * cache entry or lockfile behind.
 */

import { randomBytes, createHash } from "node:crypto";
import * as nodeFs from "node:fs";
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as nodePath from "node:path";
import { dirname, basename, join, resolve } from "node:path";

export function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/**
 * Creates `dir` and its missing parents; returns the first folder it created (undefined when
 * `dir` already existed), like `mkdirSync(dir, { recursive: true })`. Written out because Node's
 * recursive mkdir never returns under a pseudo file system that answers ENOENT to every mkdir
 * (`/proc/x/y` loops forever): here each missing folder is created once, parents first, and the
 * first failure is thrown (ENOENT, EACCES, ENOTDIR, …) for the caller to report.
 */
export function makeDirs(dir: string): string | undefined {
  return makeDirsWith(dir, nodeFs, nodePath);
}

/**
 * `makeDirs` through the given `fs` and `path` modules. Self-contained (it names nothing
 * outside itself), so the JIT's worker thread gets its source as it gets the host's (a
 * program's `fs_mkdir` under `/proc` must fail, not hang).
 */
export function makeDirsWith(
  dir: string,
  fs: Pick<typeof nodeFs, "mkdirSync" | "statSync">,
  path: Pick<typeof nodePath, "dirname" | "resolve">,
): string | undefined {
  const missing: string[] = [];
  for (let d = path.resolve(dir); ;) {
    try {
      if (fs.statSync(d).isDirectory()) break;
      const e: NodeJS.ErrnoException = new Error(`ENOTDIR: not a directory, mkdir '${d}'`);
      e.code = "ENOTDIR";
      throw e;
    } catch (e) {
      const up = path.dirname(d);
      if ((e as NodeJS.ErrnoException).code !== "ENOENT" || up === d) throw e;
      missing.push(d);
      d = up;
    }
  }
  missing.reverse();
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
    } catch (e) {
      // Another process made it meanwhile: fine, as long as it is a folder.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || !fs.statSync(d).isDirectory()) throw e;
    }
  }
  return missing[0];
}

/** Writes `data` to `path` atomically, creating parent folders. */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): void {
  makeDirs(dirname(path));
  const tmp = tempNameFor(path);
  try {
    writeFileSync(tmp, data, mode === undefined ? undefined : { mode });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Whether a process with this id runs on this machine (EPERM: it does, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Staging folders named `<prefix><pid>-<random>` in `dir` (made by `mkdtempSync(join(dir,
 * prefix + process.pid + "-"))`) whose process is gone are removed: a build killed with
 * SIGKILL cannot clean up after itself, and its folder would stay in the output folder for
 * good. A folder of a running process (another build into the same place) is left alone;
 * failures are ignored (the next build tries again).
 */
export function removeStaleStaging(dir: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || processAlive(pid)) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
    } catch {
      // Not ours to fight over: left for the next build.
    }
  }
}

/**
 * Where a report named on the command line or in an input goes: `given` resolved against
 * `base`, or `<that>/<nameInFolder>` when it names a folder (an existing one, or a path
 * ending in a slash, which is created).
 */
export function reportFilePath(base: string, given: string, nameInFolder: string): string {
  const path = resolve(base, given);
  let folder = /[\\/]$/.test(given);
  if (!folder) {
    try {
      folder = statSync(path).isDirectory();
    } catch {
      folder = false;
    }
  }
  return folder ? join(path, nameInFolder) : path;
}
