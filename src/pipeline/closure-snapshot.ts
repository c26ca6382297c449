/**
 * Closure snapshots: a warm run's shortcut past parsing. The import closure only depends on
 * the bytes of the files assembly read and on which candidate files existed when it resolved
 * module paths. A snapshot records exactly those facts (every existence probe with its answer,
 * every file read with its SHA-256, every realpath) together with the resulting units. When all
 * recorded facts still hold, assembly would produce the same units, so the pipeline can compute
 * the cache key without parsing anything; on a cache hit nothing is parsed at all.
 *
 * Sound by construction: any changed byte, any new or removed candidate file, any moved root
 * invalidates the snapshot and the pipeline assembles normally. Snapshots live in the local
 * cache folder (so the action's cache tier carries them) and are written atomically; a
 * missing, stale or corrupt snapshot is simply not used.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { nodeFs, type AssemblyFs, type ProgramAssembly, type SourceUnit } from "../assembly/index.ts";
import { sha256Hex, writeFileAtomic } from "../util/fs.ts";
import { VERSION } from "../version.ts";

interface SnapshotUnit {
  readonly module: string;
  readonly path: string;
  readonly relPath: string;
  readonly hash: string;
  readonly fileName: string;
  readonly rootIndex: number;
}

interface Snapshot {
  readonly v: 2;
  readonly toolchain: string;
  readonly probes: readonly (readonly [string, boolean])[];
  /** Folder checks (assembly skips candidates in missing folders); a new folder invalidates. */
  readonly folders: readonly (readonly [string, boolean])[];
  readonly reads: readonly (readonly [string, string])[];
  readonly realpaths: readonly (readonly [string, string])[];
  readonly units: readonly SnapshotUnit[];
  readonly entryIndex: number;
}

/** An AssemblyFs that remembers every question assembly asked and every answer. */
export function recordingFs(base: AssemblyFs = nodeFs) {
  const probes = new Map<string, boolean>();
  const folders = new Map<string, boolean>();
  const reads = new Map<string, string>();
  const realpaths = new Map<string, string>();
  const isDir = base.isDir;
  const fs: AssemblyFs = {
    isFile(p) {
      const v = base.isFile(p);
      probes.set(p, v);
      return v;
    },
    ...(isDir
      ? {
          isDir(p: string) {
            const v = isDir(p);
            folders.set(p, v);
            return v;
          },
        }
      : {}),
    readFile(p) {
      const bytes = base.readFile(p);
      reads.set(p, sha256Hex(bytes));
      return bytes;
    },
    realpath(p) {
      const v = base.realpath(p);
      realpaths.set(p, v);
      return v;
    },
  };
  return { fs, probes, folders, reads, realpaths };
}

export function snapshotPath(dir: string, identity: string): string {
  return join(dir, `closure-${sha256Hex(`${VERSION}\n${identity}`).slice(0, 16)}.json`);
}

export function saveSnapshot(
  path: string,
  rec: ReturnType<typeof recordingFs>,
  assembly: ProgramAssembly,
): void {
  const sorted = <T>(m: Map<string, T>) =>
    [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const snap: Snapshot = {
    v: 2,
    toolchain: VERSION,
    probes: sorted(rec.probes),
    folders: sorted(rec.folders),
    reads: sorted(rec.reads),
    realpaths: sorted(rec.realpaths),
    units: assembly.units.map((u) => ({
      module: u.module,
      path: u.path,
      relPath: u.relPath,
      hash: u.hash,
      fileName: u.fileName,
      rootIndex: u.rootIndex,
    })),
    entryIndex: assembly.entryIndex,
  };
  writeFileAtomic(path, JSON.stringify(snap));
}

/**
 * The units of a still-valid snapshot (with text but without trees), or undefined. Reads each
 * recorded file once to check its hash; never parses.
 */
export function loadValidSnapshot(
  path: string,
  roots: ProgramAssembly["roots"],
  fs: AssemblyFs = nodeFs,
): ProgramAssembly | undefined {
  let snap: Snapshot;
  try {
    snap = JSON.parse(readFileSync(path, "utf8")) as Snapshot;
    if (snap.v !== 2 || snap.toolchain !== VERSION || !Array.isArray(snap.units)) return undefined;
    if (!Array.isArray(snap.folders)) return undefined;
  } catch {
    return undefined;
  }
  try {
    for (const [p, exists] of snap.probes) if (fs.isFile(p) !== exists) return undefined;
    const isDir = (p: string) => (fs.isDir ? fs.isDir(p) : nodeFs.isDir!(p));
    for (const [p, exists] of snap.folders) if (isDir(p) !== exists) return undefined;
    for (const [p, real] of snap.realpaths) if (fs.realpath(p) !== real) return undefined;
    const texts = new Map<string, string>();
    const decoder = new TextDecoder("utf-8");
    for (const [p, hash] of snap.reads) {
      const bytes = fs.readFile(p);
      if (sha256Hex(bytes) !== hash) return undefined;
      texts.set(p, decoder.decode(bytes));
    }
    // Each unit must be one of the files just checked, under the hash that check found: a
    // damaged or hand-edited snapshot must not put a stale hash into the cache key.
    const hashes = new Map(snap.reads);
    if (!snap.units.every((u) => wellFormed(u) && hashes.get(u.path) === u.hash)) return undefined;
    if (!Number.isInteger(snap.entryIndex) || snap.entryIndex < 0 || snap.entryIndex >= snap.units.length)
      return undefined;
    const units: SourceUnit[] = snap.units.map((u) => ({ ...u, text: texts.get(u.path)! }));
    return { roots, units, entryIndex: snap.entryIndex, mode: "ImportClosure" };
  } catch {
    return undefined;
  }
}

function wellFormed(u: SnapshotUnit): boolean {
  return (
    typeof u === "object" &&
    u !== null &&
    typeof u.module === "string" &&
    typeof u.path === "string" &&
    typeof u.relPath === "string" &&
    typeof u.fileName === "string" &&
    typeof u.hash === "string" &&
    Number.isInteger(u.rootIndex)
  );
}
