/**
 * The lowered-artifact cache: content-keyed, two tiers. The local tier is a folder of
 * `<key>.bca` files (default `<project>/obj/beskid/cache/`); the optional remote tier is the
 * container's service. The key covers the toolchain version, the artifact schema version, the
 * lowering options and the content of every unit in the import closure plus the manifests and
 * the lock — never timestamps. Entries are written atomically; a corrupt entry is a miss (and
 * is removed), never an error. Verification of the decoded artifact is the caller's job.
 */

import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { sha256Hex, writeFileAtomic } from "../util/fs.ts";
import { MAGIC } from "../artifact/encode.ts";
import { ARTIFACT_SCHEMA_VERSION } from "../artifact/schema.ts";
import { KEY_HASH_LENGTH, type CacheKey, type CacheKeyBase } from "./api.ts";
import type { Diagnostic } from "../diagnostics/index.ts";

export interface KeyInputs {
  readonly toolchain: string;
  readonly schema: number | string;
  /** Lowering options (never backend options), serialised deterministically by the caller. */
  readonly options: Readonly<Record<string, string | number | boolean>>;
  /** Module name + content hash of each unit, in discovery order. */
  readonly units: readonly { readonly module: string; readonly hash: string }[];
  /** Project-relative path + content hash of each manifest and the lock. */
  readonly inputs: readonly { readonly path: string; readonly hash: string }[];
}

function short(hex: string): string {
  return hex.slice(0, KEY_HASH_LENGTH);
}

/** The key's parts that do not depend on the import closure (toolchain, schema, options hash). */
export function cacheKeyBase(k: Pick<KeyInputs, "toolchain" | "schema" | "options">): CacheKeyBase {
  const options = short(
    sha256Hex(
      Object.keys(k.options)
        .sort()
        .map((name) => `${name}=${String(k.options[name])}`)
        .join("\n"),
    ),
  );
  return { toolchain: k.toolchain, schema: `s${k.schema}`, options };
}

export function computeCacheKey(k: KeyInputs): CacheKey {
  const base = cacheKeyBase(k);
  const closureText = [
    ...k.units.map((u) => `unit ${u.module} ${u.hash}`),
    ...k.inputs.map((i) => `input ${i.path} ${i.hash}`),
  ].join("\n");
  const closure = short(sha256Hex(closureText));
  const components = { ...base, closure };
  return { key: `${base.toolchain}-${base.schema}-${base.options}-${closure}`, components };
}

/** A cache entry that passed `LocalCache.verify`. */
export interface VerifiedEntry {
  readonly path: string;
  /** sha256 of the artifact bytes (the artifact's identity). */
  readonly sha256: string;
  readonly bytes: number;
}

/** How many entries one local cache folder keeps (newest by use); older ones are pruned. */
export const LOCAL_CACHE_KEEP = 4;

export class LocalCache {
  constructor(readonly dir: string) {}

  private pathOf(key: string): string {
    return join(this.dir, `${key}.bca`);
  }

  /**
   * An entry's body and stored digest (the last 64 bytes of the file are the hex digest of
   * the rest), or why it is unusable; undefined when there is no entry.
   */
  private read(key: string): { body: Buffer; digest: string } | { problem: string } | undefined {
    const path = this.pathOf(key);
    if (!existsSync(path)) return undefined;
    try {
      const file = readFileSync(path);
      const body = file.subarray(0, Math.max(0, file.length - 64));
      const digest = file.subarray(body.length).toString("latin1");
      if (file.length < 64 || sha256Hex(body) !== digest)
        return { problem: "its digest does not match its bytes" };
      return { body, digest };
    } catch (e) {
      return { problem: (e as Error).message };
    }
  }

  /** Stored bytes whose sha256 matches the stored digest; a damaged entry is removed. */
  get(key: string): Uint8Array | undefined {
    return this.getEntry(key)?.bytes;
  }

  /**
   * As `get`, with the bytes' sha256 (the artifact's identity, `artifactId`), already computed
   * to check them against the stored digest.
   */
  getEntry(key: string): { readonly bytes: Uint8Array; readonly sha256: string } | undefined {
    const entry = this.read(key);
    if (entry === undefined) return undefined;
    if ("problem" in entry) {
      this.remove(key);
      return undefined;
    }
    try {
      const now = new Date();
      utimesSync(this.pathOf(key), now, now);
    } catch {
      this.remove(key);
      return undefined;
    }
    return { bytes: new Uint8Array(entry.body), sha256: entry.digest };
  }

  /**
   * Checks an entry without decoding it (the action's exact-hit path, which must not load
   * the compiler): the stored digest over the bytes, the `BSKA` magic, this toolchain's
   * schema version and the encoded total length. A bad entry is removed, so whoever lowers
   * next writes a good one. The digest is the artifact's identity (`artifactId`).
   */
  verify(key: string): VerifiedEntry | { readonly problem: string } {
    const entry = this.read(key);
    if (entry === undefined) return { problem: `no entry ${key}.bca in the cache folder` };
    const problem = "problem" in entry ? entry.problem : headerProblem(entry.body);
    if (problem !== undefined || "problem" in entry) {
      this.remove(key);
      return { problem: problem! };
    }
    return { path: this.pathOf(key), sha256: entry.digest, bytes: entry.body.length };
  }

  /** Stores `bytes`; `sha256` is their digest when the caller has it already. */
  put(key: string, bytes: Uint8Array, sha256: string = sha256Hex(bytes)): string {
    const path = this.pathOf(key);
    const digest = Buffer.from(sha256, "latin1");
    writeFileAtomic(path, Buffer.concat([Buffer.from(bytes), digest]));
    this.prune(key);
    return path;
  }

  remove(key: string): void {
    rmSync(this.pathOf(key), { force: true });
    rmSync(this.warningsPathOf(key), { force: true });
  }

  private warningsPathOf(key: string): string {
    return join(this.dir, `${key}.warnings.json`);
  }

  /**
   * The warnings the compile that produced an entry reported (`<key>.warnings.json`), so a hit
   * shows them again as a fresh compile would (the artifact itself carries no diagnostics).
   * Nothing is written when there were none. Stored as the front end reported them (unit
   * paths), so the caller renders them relative to its own working directory.
   */
  putWarnings(key: string, warnings: readonly Diagnostic[]): void {
    const path = this.warningsPathOf(key);
    if (warnings.length === 0) rmSync(path, { force: true });
    else writeFileAtomic(path, JSON.stringify(warnings));
  }

  /** The stored warnings of an entry; none when absent or unreadable (a damaged file is removed). */
  getWarnings(key: string): Diagnostic[] {
    const path = this.warningsPathOf(key);
    if (!existsSync(path)) return [];
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
      if (Array.isArray(parsed) && parsed.every(isStoredDiagnostic)) return parsed;
    } catch {
      // fall through: treat as absent
    }
    rmSync(path, { force: true });
    return [];
  }

  /** Keeps the newest LOCAL_CACHE_KEEP entries so an archived cache folder stays small. */
  private prune(keep: string): void {
    let entries: { name: string; mtime: number }[];
    try {
      entries = readdirSync(this.dir)
        .filter((n) => n.endsWith(".bca") && n !== `${keep}.bca`)
        .map((name) => ({ name, mtime: statSync(join(this.dir, name)).mtimeMs }));
    } catch {
      return;
    }
    entries.sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? -1 : 1));
    for (const e of entries.slice(LOCAL_CACHE_KEEP - 1)) this.remove(e.name.slice(0, -".bca".length));
  }
}

function isStoredDiagnostic(d: unknown): d is Diagnostic {
  if (typeof d !== "object" || d === null) return false;
  const o = d as Record<string, unknown>;
  return (
    typeof o.code === "string" &&
    o.severity === "warning" &&
    typeof o.message === "string" &&
    Array.isArray(o.notes)
  );
}

/** What is wrong with an encoded artifact's header (`BSKA`, schema version, total length), if anything. */
function headerProblem(body: Buffer): string | undefined {
  if (body.length < 12) return "it is truncated";
  if (MAGIC.some((b, i) => body[i] !== b)) return "it is not a beskid-ci artifact";
  const schema = body.readUInt32LE(4);
  if (schema !== ARTIFACT_SCHEMA_VERSION)
    return `it has artifact schema ${schema}, this toolchain reads ${ARTIFACT_SCHEMA_VERSION}`;
  if (body.readUInt32LE(8) !== body.length) return "it is truncated";
  return undefined;
}
