/**
 * A compiled JIT module as bytes, so a cache can keep it next to the artifact: a later run
 * loads it (`loadPrepared`) and starts the program without decoding the artifact or emitting
 * wasm (V8 compiles function bodies lazily, so loading is a few milliseconds even for large
 * programs).
 *
 * Layout: `BSKW`, u32 format, the toolchain version and the artifact id it was made from,
 * the wasm bytes, the run information as JSON, then a SHA-256 of everything before it. A
 * mismatch in any of these is a value (`ok: false`), never an exception; the caller simply
 * compiles again. Where the bytes are stored is the pipeline's business, not this module's.
 */

import { createHash } from "node:crypto";
import { ByteReader, ByteReaderError, ByteWriter } from "../../artifact/index.ts";
import { VERSION } from "../../version.ts";
import type { JitModuleInfo } from "./emit.ts";
import type { CodegenArtifact } from "../../artifact/index.ts";
import { compileModule, defaultTier, prepareArtifact, type PreparedArtifact } from "./run.ts";
import { useWasmTier } from "./tuning.ts";

// 2: `unavailable` entries carry a call-site location (E4040 with file and line).
export const JIT_MODULE_FORMAT = 2;
const MAGIC = [0x42, 0x53, 0x4b, 0x57]; // "BSKW"

export function encodePrepared(p: Pick<PreparedArtifact, "wasm" | "info">, artifactId: string): Uint8Array {
  const w = new ByteWriter(p.wasm.length + 64 * 1024);
  for (const b of MAGIC) w.u8(b);
  w.u32le(JIT_MODULE_FORMAT);
  w.str(VERSION);
  w.str(artifactId);
  w.uleb(p.wasm.length);
  w.bytes(p.wasm);
  const info = {
    ...p.info,
    locTables: p.info.locTables.map((t) => Array.from(t)),
    locations: Array.from(p.info.locations),
  };
  w.str(JSON.stringify(info));
  w.bytes(createHash("sha256").update(w.peek()).digest());
  return w.finish();
}

export type LoadResult =
  | { readonly ok: true; readonly prepared: PreparedArtifact }
  | { readonly ok: false; readonly message: string };

export function loadPrepared(bytes: Uint8Array, artifactId: string): LoadResult {
  const fail = (message: string): LoadResult => ({ ok: false, message });
  if (bytes.length < 40 || MAGIC.some((b, i) => bytes[i] !== b)) return fail("not a compiled JIT module");
  const body = bytes.subarray(0, bytes.length - 32);
  const digest = createHash("sha256").update(body).digest();
  if (!digest.equals(bytes.subarray(bytes.length - 32)))
    return fail("compiled JIT module corrupted: checksum mismatch");
  try {
    const r = new ByteReader(body);
    r.pos = 4;
    const format = r.u32le();
    if (format !== JIT_MODULE_FORMAT)
      return fail(`compiled JIT module format ${format} is not ${JIT_MODULE_FORMAT}`);
    const version = r.str();
    if (version !== VERSION) return fail(`compiled JIT module is from toolchain ${version}, not ${VERSION}`);
    const id = r.str();
    if (id !== artifactId) return fail("compiled JIT module belongs to another artifact");
    const wasm = r.bytes(r.uleb());
    const raw = JSON.parse(r.str()) as Omit<JitModuleInfo, "locTables" | "locations"> & {
      locTables: number[][];
      locations: number[];
    };
    const info: JitModuleInfo = {
      ...raw,
      locTables: raw.locTables.map((t) => Int32Array.from(t)),
      locations: Int32Array.from(raw.locations),
    };
    const t0 = performance.now();
    const prepared = compileModule(wasm, info);
    return { ok: true, prepared: { ...prepared, compileMs: performance.now() - t0 } };
  } catch (e) {
    if (e instanceof ByteReaderError || e instanceof SyntaxError || e instanceof WebAssembly.CompileError) {
      return fail(`compiled JIT module unreadable: ${e.message}`);
    }
    throw e;
  }
}

/**
 * Where a caller keeps one compiled module (for example a file next to the cached artifact).
 * Either method may throw; `prepareCached` turns every failure into a warning.
 */
export interface PreparedStore {
  /** The stored bytes, or undefined when there are none. */
  read(): Uint8Array | undefined;
  write(bytes: Uint8Array): void;
  /** Drops unusable bytes (optional). */
  remove?(): void;
}

export interface CachedPrepareResult {
  readonly prepared: PreparedArtifact;
  /** True when the module came from the store (no wasm was emitted). */
  readonly hit: boolean;
}

/**
 * The compiled module for `artifact` (whose id is `artifactId`): loaded from `store` when it
 * holds a usable one, else compiled and written back. A missing, stale, corrupt or unreadable
 * entry is only a miss (it is removed and replaced); a store that cannot be written only
 * warns. Compiling itself throws only for a lowering bug, exactly like `prepareArtifact`.
 * `purpose` picks the engine tier first, as `runMain`/`runTests` would (V8 reads it when it
 * compiles).
 */
export function prepareCached(
  artifact: CodegenArtifact,
  artifactId: string,
  store: PreparedStore | undefined,
  options: { readonly purpose?: "main" | "tests"; readonly warn?: (message: string) => void } = {},
): CachedPrepareResult {
  const warn = options.warn ?? (() => undefined);
  useWasmTier(options.purpose === "tests" ? "baseline" : defaultTier(artifact.functions.length));
  if (store) {
    let bytes: Uint8Array | undefined;
    try {
      bytes = store.read();
    } catch (e) {
      warn(`could not read the compiled JIT module: ${(e as Error).message}`);
    }
    if (bytes !== undefined) {
      let loaded: LoadResult;
      try {
        loaded = loadPrepared(bytes, artifactId);
      } catch (e) {
        loaded = { ok: false, message: (e as Error).message };
      }
      if (loaded.ok) return { prepared: loaded.prepared, hit: true };
      warn(`ignoring the compiled JIT module: ${loaded.message}`);
      try {
        store.remove?.();
      } catch {
        // Best effort: the write below replaces it anyway.
      }
    }
  }
  const prepared = prepareArtifact(artifact);
  if (store) {
    try {
      store.write(encodePrepared(prepared, artifactId));
    } catch (e) {
      warn(`could not store the compiled JIT module: ${(e as Error).message}`);
    }
  }
  return { prepared, hit: false };
}
