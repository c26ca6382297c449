/**
 * A compiled JIT module as bytes, so a cache can keep it next to the artifact: a later run
 * loads it (`loadPrepared`) and starts the program without decoding the artifact or emitting
 * wasm (V8 compiles function bodies lazily, so loading is a few milliseconds even for large
 * programs).
 *
 * Layout: `BSKW`, u32 format, the toolchain version and the artifact id it was made from,
 * the wasm bytes, the source map's three integer arrays (`locTable`, `locTableStarts`,
 * `locations`: uleb count, then little-endian i32s, copied as they are on load), the rest of
 * the run information as JSON, then a SHA-256 of everything before it. A
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
// 3: the source map's integer arrays are stored as raw i32s (one flat `locTable`), not JSON.
export const JIT_MODULE_FORMAT = 3;
const MAGIC = [0x42, 0x53, 0x4b, 0x57]; // "BSKW"

export function encodePrepared(p: Pick<PreparedArtifact, "wasm" | "info">, artifactId: string): Uint8Array {
  const w = new ByteWriter(p.wasm.length + 64 * 1024);
  for (const b of MAGIC) w.u8(b);
  w.u32le(JIT_MODULE_FORMAT);
  w.str(VERSION);
  w.str(artifactId);
  w.uleb(p.wasm.length);
  w.bytes(p.wasm);
  const { locTable, locTableStarts, locations, ...rest } = p.info;
  for (const a of [locTable, locTableStarts, locations]) {
    w.uleb(a.length);
    w.bytes(i32Bytes(a));
  }
  w.str(JSON.stringify(rest));
  w.bytes(createHash("sha256").update(w.peek()).digest());
  return w.finish();
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function i32Bytes(a: Int32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(a.length * 4);
  const v = new DataView(out.buffer);
  a.forEach((x, i) => v.setInt32(i * 4, x, true));
  return out;
}

/** `bytes` is a fresh copy (`ByteReader.bytes`), so on little-endian hosts it is viewed, not copied again. */
function i32From(bytes: Uint8Array): Int32Array {
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0)
    return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Int32Array.from({ length: bytes.length / 4 }, (_, i) => v.getInt32(i * 4, true));
}

export type LoadResult =
  | { readonly ok: true; readonly prepared: PreparedArtifact }
  | { readonly ok: false; readonly message: string };

/**
 * `purpose` (optional) sets the engine tier from the stored module's function count before
 * compiling, as `runMain`/`runTests` would, for a caller that has no decoded artifact.
 */
export function loadPrepared(bytes: Uint8Array, artifactId: string, purpose?: "main" | "tests"): LoadResult {
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
    const [locTable, locTableStarts, locations] = [0, 1, 2].map(() => i32From(r.bytes(r.uleb() * 4)));
    const rest = JSON.parse(r.str()) as Omit<JitModuleInfo, "locTable" | "locTableStarts" | "locations">;
    const info: JitModuleInfo = {
      ...rest,
      locTable: locTable!,
      locTableStarts: locTableStarts!,
      locations: locations!,
    };
    if (purpose !== undefined)
      useWasmTier(purpose === "tests" ? "baseline" : defaultTier(info.programFunctions));
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

export interface CachedPrepareOptions {
  readonly purpose?: "main" | "tests";
  readonly warn?: (message: string) => void;
}

/**
 * The usable compiled module `store` holds for the artifact `artifactId`, without the artifact
 * itself (a cached `run` need not decode it): undefined when there is none; a stale, corrupt or
 * unreadable one is removed with a warning, a store that cannot be read only warns. The engine
 * tier is set for `purpose` from the stored module, as `prepareCached` does from the artifact.
 */
export function loadCached(
  artifactId: string,
  store: PreparedStore,
  options: CachedPrepareOptions = {},
): PreparedArtifact | undefined {
  const warn = options.warn ?? (() => undefined);
  let bytes: Uint8Array | undefined;
  try {
    bytes = store.read();
  } catch (e) {
    warn(`could not read the compiled JIT module: ${(e as Error).message}`);
  }
  if (bytes === undefined) return undefined;
  let loaded: LoadResult;
  try {
    loaded = loadPrepared(bytes, artifactId, options.purpose ?? "main");
  } catch (e) {
    loaded = { ok: false, message: (e as Error).message };
  }
  if (loaded.ok) return loaded.prepared;
  warn(`ignoring the compiled JIT module: ${loaded.message}`);
  try {
    store.remove?.();
  } catch {
    // Best effort: a later compile replaces it anyway.
  }
  return undefined;
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
  options: CachedPrepareOptions = {},
): CachedPrepareResult {
  const warn = options.warn ?? (() => undefined);
  useWasmTier(options.purpose === "tests" ? "baseline" : defaultTier(artifact.functions.length));
  const loaded = store && loadCached(artifactId, store, options);
  if (loaded) return { prepared: loaded, hit: true };
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
