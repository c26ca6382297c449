/**
 * The JIT's host surface (runtime/host-abi.ts) in JavaScript, and the code that runs one
 * exported function in a fresh instance and classifies the outcome (returned, exit, panic,
 * trap, internal error), mapping V8 stack frames back to Beskid source locations.
 *
 * Every function here is self-contained: no imports, no references to anything outside its
 * own body except its parameters and JavaScript globals. The test worker receives their
 * source text (`Function.prototype.toString`), so they must not close over module state.
 * Dependencies (`fs`, `path`, the float formatter, each other) arrive in `lib`.
 *
 * It does not decide exit codes or print panics: `run.ts` does, for both the main thread
 * and the worker.
 */

import type * as FS from "node:fs";
import type * as PATH from "node:path";
import type { JitModuleInfo } from "./emit.ts";

/** Where output goes: a file descriptor, a callback, or null to capture it in the result. */
export type Sink = number | ((chunk: Uint8Array) => void) | null;

export interface HostConfig {
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Standard input: bytes, a file descriptor read synchronously, or null (empty). */
  readonly stdin: Uint8Array | number | null;
  readonly stdout: Sink;
  readonly stderr: Sink;
  readonly pid: number;
  /** `columns * 65536 + rows` reported for terminal fds, 0 when not a terminal. */
  readonly winsize: number;
  /** File descriptors that are terminals (for the mapped `isatty` extern; output to them is not buffered). */
  readonly ttys: readonly number[];
  /**
   * Called wherever output to descriptors is flushed (before a read of the stdin descriptor,
   * an exit or a panic), for sinks that buffer on their own (run.ts's worker batches).
   */
  readonly flushSinks?: () => void;
  /**
   * Most bytes kept per captured (null-sink) stream: beyond it the oldest writes are dropped
   * and a `[… N bytes of earlier output dropped …]` line leads the capture. Default: no limit.
   */
  readonly captureLimit?: number;
  /**
   * How a panic message names the artifact's source files (artifact name → shown name), e.g.
   * relative to the caller's working directory and a dependency's original file instead of its
   * materialized copy, as diagnostics name them. Names not listed are shown as stored.
   */
  readonly displayFiles?: Readonly<Record<string, string>>;
  /** Sees every captured (null-sink) write as well: 0 = stdout, 1 = stderr. */
  readonly onCaptured?: (which: 0 | 1, chunk: Uint8Array) => void;
}

export interface HostLib {
  readonly fs: typeof FS;
  readonly path: typeof PATH;
  readonly formatFloat: (v: number, single: boolean) => string;
  /** `makeDirs` of util/fs.ts: Node's recursive mkdir never returns under `/proc`. */
  readonly makeDirs: (dir: string) => string | undefined;
  readonly createHost: typeof createHost;
  readonly mapFrames: typeof mapFrames;
}

export interface SourceFrame {
  readonly function: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export type InstanceOutcome =
  | { readonly kind: "returned"; readonly value: number | bigint | undefined }
  | { readonly kind: "exit"; readonly code: number }
  | {
      readonly kind: "panic";
      readonly message: string;
      readonly file?: string;
      readonly line?: number;
      readonly column?: number;
      readonly frames: readonly SourceFrame[];
    }
  | { readonly kind: "error"; readonly message: string };

export interface InstanceResult {
  readonly outcome: InstanceOutcome;
  readonly stdout: Uint8Array;
  readonly stderr: Uint8Array;
}

export interface MemoryRef {
  memory?: WebAssembly.Memory;
}

/**
 * Lets consecutive runs share one instance (the test worker): each run resets it to its
 * initial state (`reset` export) instead of paying for a new instance. Leave it out to get a
 * fresh instance.
 */
export interface InstanceSlot {
  instance?: WebAssembly.Instance;
  memory?: WebAssembly.Memory;
  fns?: Record<string, Record<string, (...a: number[]) => unknown>>;
}

export function createHost(cfg: HostConfig, lib: HostLib, mem: MemoryRef) {
  const enc = new TextEncoder();
  const dec = new TextDecoder("utf-8");
  const env: Record<string, string> = Object.assign({}, cfg.env);
  const captured: { out: Uint8Array[]; err: Uint8Array[] } = { out: [], err: [] };
  // Per captured stream: bytes held and dropped; writes before `start` are dropped (the
  // array is compacted now and then, so dropping stays linear in the number of writes).
  const held = { out: 0, err: 0 };
  const dropped = { out: 0, err: 0 };
  const start = { out: 0, err: 0 };
  const capture = (which: "out" | "err", chunk: Uint8Array): void => {
    const list = captured[which];
    list.push(chunk);
    cfg.onCaptured?.(which === "out" ? 0 : 1, chunk);
    held[which] += chunk.length;
    const limit = cfg.captureLimit;
    if (limit === undefined) return;
    while (held[which] > limit && start[which] < list.length - 1) {
      const n = list[start[which]++]!.length;
      held[which] -= n;
      dropped[which] += n;
    }
    if (start[which] > 1024 && start[which] * 2 > list.length) {
      list.splice(0, start[which]);
      start[which] = 0;
    }
  };
  // Output to fds is buffered (one write per 64 KiB) but stays in order across the two
  // streams: writing to one stream first flushes the other.
  const pendingOut: { fd: number; chunks: Uint8Array[]; size: number } = { fd: 0, chunks: [], size: 0 };
  let pending: Uint8Array | null = null;
  let stdinPos = 0;

  const bytesAt = (ptr: number, len: number): Uint8Array =>
    new Uint8Array(mem.memory!.buffer, ptr >>> 0, len >>> 0);
  const textAt = (ptr: number, len: number): string => dec.decode(bytesAt(ptr, len));
  // Relative to the program's working directory, but not normalised: the OS must see `f/.`,
  // `f/` or `link/..` as a C program's calls do (path.resolve would turn `file/.` into `file`).
  const pathAt = (ptr: number, len: number): string => {
    const p = textAt(ptr, len);
    return p === "" || lib.path.isAbsolute(p) ? p : `${cfg.cwd}${lib.path.sep}${p}`;
  };
  const setPending = (b: Uint8Array): number => {
    pending = b;
    return b.length;
  };
  const flushFd = (): void => {
    cfg.flushSinks?.();
    if (pendingOut.size === 0) return;
    const all = new Uint8Array(pendingOut.size);
    let at = 0;
    for (const c of pendingOut.chunks) {
      all.set(c, at);
      at += c.length;
    }
    pendingOut.chunks = [];
    pendingOut.size = 0;
    let off = 0;
    while (off < all.length) {
      try {
        off += lib.fs.writeSync(pendingOut.fd, all, off, all.length - off);
      } catch (e) {
        if ((e as { code?: string }).code === "EAGAIN") continue;
        return;
      }
    }
  };
  const write = (fd: number, ptr: number, len: number): number => {
    const sink = fd === 1 ? cfg.stdout : cfg.stderr;
    const chunk = bytesAt(ptr, len).slice();
    if (sink === null) capture(fd === 1 ? "out" : "err", chunk);
    else if (typeof sink === "function") sink(chunk);
    else {
      if (pendingOut.size > 0 && pendingOut.fd !== sink) flushFd();
      pendingOut.fd = sink;
      pendingOut.chunks.push(chunk);
      pendingOut.size += chunk.length;
      // Like C stdio: unbuffered enough for a terminal (flush per write), block-buffered otherwise.
      if (pendingOut.size >= 65536 || cfg.ttys.includes(sink)) flushFd();
    }
    return len;
  };
  // Standard input from a descriptor is buffered (docs/runtime.md, "Standard input"): a read
  // is served from `inBuf` and refills it with one read of whatever is available, so a program
  // reading byte by byte makes one system call per 64 KiB, and pipes and terminals still
  // deliver line by line. The C host (aot/host-c.ts) does exactly the same.
  const inBuf = new Uint8Array(typeof cfg.stdin === "number" ? 65536 : 0);
  let inPos = 0;
  let inLen = 0;
  /** A peek saw the end: the next read gives it without asking the descriptor again. */
  let inEnd = false;
  /** One read of the descriptor into `dst` (retried on EAGAIN); 0 at the end or on error. */
  const readFd = (fd: number, dst: Uint8Array): number => {
    flushFd();
    for (;;) {
      try {
        return lib.fs.readSync(fd, dst, 0, dst.length, null);
      } catch (e) {
        if ((e as { code?: string }).code === "EAGAIN") continue;
        return 0;
      }
    }
  };
  /** Bytes left to read: refills the empty buffer first (for bytes, what is left of them). */
  const available = (): number => {
    const stdin = cfg.stdin;
    if (stdin === null) return 0;
    if (typeof stdin !== "number") return stdin.length - stdinPos;
    if (inPos === inLen && !inEnd) {
      inPos = 0;
      inLen = readFd(stdin, inBuf);
      inEnd = inLen === 0;
    }
    return inLen - inPos;
  };
  const read = (_fd: number, ptr: number, max: number): number => {
    const stdin = cfg.stdin;
    if (typeof stdin === "number" && inPos === inLen && !inEnd && max >= inBuf.length) {
      // A large read with an empty buffer goes straight to the destination.
      const buf = new Uint8Array(max);
      const n = readFd(stdin, buf);
      if (n > 0) bytesAt(ptr, n).set(buf.subarray(0, n));
      return n;
    }
    const n = Math.min(max, available());
    inEnd = false;
    if (n <= 0) return 0;
    if (typeof stdin === "number") {
      bytesAt(ptr, n).set(inBuf.subarray(inPos, inPos + n));
      inPos += n;
    } else if (stdin !== null) {
      bytesAt(ptr, n).set(stdin.subarray(stdinPos, stdinPos + n));
      stdinPos += n;
    }
    return n;
  };
  const readAtEnd = (_fd: number): number => (available() > 0 ? 0 : 1);
  /**
   * The next line without its "\n" and one trailing "\r", made pending for `take`; -1 when
   * nothing is left. Collects buffer after buffer until a "\n" or the end (which it consumes,
   * as a `read` returning 0 does), so a line may be of any length. Same as the C host's.
   */
  const readLine = (_fd: number): number => {
    const stdin = cfg.stdin;
    const parts: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const n = available();
      if (n <= 0 || stdin === null) {
        inEnd = false;
        if (parts.length === 0) return -1;
        break;
      }
      const [buf, pos] = typeof stdin === "number" ? [inBuf, inPos] : [stdin, stdinPos];
      const nl = buf.subarray(pos, pos + n).indexOf(10);
      const k = nl < 0 ? n : nl;
      parts.push(buf.slice(pos, pos + k));
      size += k;
      const used = nl < 0 ? n : nl + 1;
      if (typeof stdin === "number") inPos += used;
      else stdinPos += used;
      if (nl >= 0) break;
    }
    let line = parts.length === 1 ? parts[0]! : new Uint8Array(size);
    if (parts.length > 1) {
      let off = 0;
      for (const p of parts) {
        line.set(p, off);
        off += p.length;
      }
    }
    if (size > 0 && line[size - 1] === 13) line = line.subarray(0, size - 1);
    return setPending(line);
  };
  const fail = (): number => 1;
  const host = {
    write,
    read,
    read_at_end: readAtEnd,
    read_line: readLine,
    exit(code: number): never {
      flushFd();
      throw { beskidExit: code | 0 };
    },
    panic(ptr: number, len: number, loc: number): never {
      flushFd();
      const message = textAt(ptr, len);
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 100;
      const stack = new Error("panic").stack ?? "";
      Error.stackTraceLimit = limit;
      throw { beskidPanic: { message, loc, stack } };
    },
    clock_realtime: (): bigint =>
      BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n,
    clock_monotonic: (): bigint => process.hrtime.bigint(),
    env_get(ptr: number, len: number): number {
      const name = textAt(ptr, len);
      return Object.prototype.hasOwnProperty.call(env, name) ? setPending(enc.encode(env[name])) : -1;
    },
    env_set(np: number, nl: number, vp: number, vl: number): number {
      const name = textAt(np, nl);
      if (name === "" || name.includes("=")) return 1;
      env[name] = textAt(vp, vl);
      return 0;
    },
    getcwd: (): number => setPending(enc.encode(cfg.cwd)),
    take(dst: number): void {
      if (pending !== null) bytesAt(dst, pending.length).set(pending);
      pending = null;
    },
    fs_read(ptr: number, len: number): number {
      try {
        return setPending(new Uint8Array(lib.fs.readFileSync(pathAt(ptr, len))));
      } catch {
        return -1;
      }
    },
    fs_write(pp: number, pl: number, dp: number, dl: number): number {
      try {
        lib.fs.writeFileSync(pathAt(pp, pl), bytesAt(dp, dl));
        return 0;
      } catch {
        return fail();
      }
    },
    fs_delete(ptr: number, len: number): number {
      try {
        const p = pathAt(ptr, len);
        if (lib.fs.statSync(p).isDirectory()) lib.fs.rmdirSync(p);
        else lib.fs.unlinkSync(p);
        return 0;
      } catch {
        return fail();
      }
    },
    fs_mkdir(ptr: number, len: number): number {
      try {
        const p = pathAt(ptr, len);
        lib.makeDirs(p);
        return lib.fs.statSync(p).isDirectory() ? 0 : 1;
      } catch {
        return fail();
      }
    },
    fs_exists: (ptr: number, len: number): number => (lib.fs.existsSync(pathAt(ptr, len)) ? 1 : 0),
    getpid: (): number => cfg.pid,
    tty_winsize: (fd: number): bigint => BigInt(cfg.ttys.includes(fd) ? cfg.winsize : 0),
    format_f64: (v: number): number => setPending(enc.encode(lib.formatFloat(v, false))),
    format_f32: (v: number): number => setPending(enc.encode(lib.formatFloat(v, true))),
    fmod: (a: number, b: number): number => a % b,
  };
  const externs: Record<string, (...args: number[]) => number> = {};
  const mapped: Record<string, (...args: number[]) => number> = {
    getpid: () => cfg.pid,
    isatty: (fd: number) => (cfg.ttys.includes(fd) ? 1 : 0),
    sched_yield: () => 0,
  };
  const take = (): { out: Uint8Array; err: Uint8Array } => {
    const join = (cs: Uint8Array[]): Uint8Array => {
      let n = 0;
      for (const c of cs) n += c.length;
      const all = new Uint8Array(n);
      let at = 0;
      for (const c of cs) {
        all.set(c, at);
        at += c.length;
      }
      return all;
    };
    const note = (which: "out" | "err"): Uint8Array[] =>
      dropped[which] > 0 ? [enc.encode(`[… ${dropped[which]} bytes of earlier output dropped …]\n`)] : [];
    const kept = (which: "out" | "err"): Uint8Array[] => [
      ...note(which),
      ...captured[which].slice(start[which]),
    ];
    return { out: join(kept("out")), err: join(kept("err")) };
  };
  return {
    imports(info: { externs: readonly { contract: string; name: string; library: string }[] }) {
      for (const x of info.externs) {
        const key = `${x.contract}.${x.name}`;
        externs[key] =
          mapped[x.name] ??
          (() => {
            throw {
              beskidPanic: {
                message: `extern function ${key} (library ${x.library}) is not available under the JIT`,
                loc: -1,
                stack: new Error().stack ?? "",
              },
            };
          });
      }
      return { host, extern: externs };
    },
    flush: flushFd,
    /** Appends bytes to standard error (after everything the program wrote). */
    writeErr(text: string): void {
      const b = enc.encode(text);
      const sink = cfg.stderr;
      if (sink === null) capture("err", b);
      else if (typeof sink === "function") sink(b);
      else {
        flushFd();
        pendingOut.fd = sink;
        pendingOut.chunks.push(b);
        pendingOut.size += b.length;
        flushFd();
      }
    },
    captured: take,
  };
}

/** V8 stack text → Beskid frames, innermost first; runtime and import frames are skipped. */
export function mapFrames(stack: string, info: JitModuleInfo): SourceFrame[] {
  const frames: SourceFrame[] = [];
  const re = /wasm-function\[(\d+)\]:0x([0-9a-f]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(stack)) !== null) {
    const wasmIndex = Number(m[1]);
    const def = wasmIndex - info.importCount;
    if (def < 0 || def >= info.programFunctions) continue;
    const offset = parseInt(m[2]!, 16) - info.bodyOffsets[def]!;
    const table = info.locTable;
    let loc = -1;
    for (let i = info.locTableStarts[def]!, end = info.locTableStarts[def + 1]!; i < end; i += 2) {
      if (table[i]! <= offset) loc = table[i + 1]!;
      else break;
    }
    const name = info.functionNames[wasmIndex] ?? `function ${def}`;
    if (loc >= 0 && loc * 3 + 2 < info.locations.length) {
      frames.push({
        function: name,
        file: info.files[info.locations[loc * 3]!],
        line: info.locations[loc * 3 + 1],
        column: info.locations[loc * 3 + 2],
      });
    } else frames.push({ function: name });
  }
  return frames;
}

/** Instantiates `module` afresh, runs export `name` (with `arg` if given), and classifies what happened. */
export function runInstance(
  module: WebAssembly.Module,
  info: JitModuleInfo,
  cfg: HostConfig,
  lib: HostLib,
  name: string,
  arg?: number,
  slot?: InstanceSlot,
): InstanceResult {
  const s: InstanceSlot = slot ?? {};
  const mem: MemoryRef = {};
  const host = lib.createHost(cfg, lib, mem);
  // The instance's imports forward to `s.fns`, so a reused instance talks to this run's host.
  s.fns = host.imports(info) as unknown as Record<string, Record<string, (...a: number[]) => unknown>>;
  let outcome: InstanceOutcome;
  const locOf = (loc: number): { file?: string; line?: number; column?: number } =>
    loc >= 0 && loc * 3 + 2 < info.locations.length
      ? {
          file: info.files[info.locations[loc * 3]!],
          line: info.locations[loc * 3 + 1],
          column: info.locations[loc * 3 + 2],
        }
      : {};
  const firstLocated = (
    frames: readonly SourceFrame[],
  ): { file?: string; line?: number; column?: number } => {
    const f = frames.find((x) => x.file !== undefined);
    return f ? { file: f.file, line: f.line, column: f.column } : {};
  };
  try {
    let instance = s.instance;
    // A reused instance is reset to its initial state; one whose heap grew is replaced.
    if (instance && (instance.exports.reset as () => number)() !== 0) instance = undefined;
    if (!instance) {
      const imports: Record<string, Record<string, (...a: number[]) => unknown>> = {};
      for (const m of Object.keys(s.fns)) {
        imports[m] = {};
        for (const k of Object.keys(s.fns[m]!)) {
          imports[m]![k] = (a?: number, b?: number, c?: number, d?: number, ...more: number[]) =>
            more.length === 0 ? s.fns![m]![k]!(a!, b!, c!, d!) : s.fns![m]![k]!(a!, b!, c!, d!, ...more);
        }
      }
      instance = new WebAssembly.Instance(module, imports as unknown as WebAssembly.Imports);
      s.instance = instance;
      s.memory = instance.exports.memory as WebAssembly.Memory;
    }
    mem.memory = s.memory;
    const fn = instance.exports[name] as ((a?: number) => number | bigint | undefined) | undefined;
    if (typeof fn !== "function") throw new Error(`no exported function ${name}`);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 100;
    try {
      outcome = { kind: "returned", value: arg === undefined ? fn() : fn(arg) };
    } finally {
      Error.stackTraceLimit = limit;
    }
  } catch (e) {
    const x = e as {
      beskidExit?: number;
      beskidPanic?: { message: string; loc: number; stack: string };
      message?: string;
      stack?: string;
    };
    if (x && typeof x === "object" && x.beskidExit !== undefined)
      outcome = { kind: "exit", code: x.beskidExit };
    else if (x && typeof x === "object" && x.beskidPanic !== undefined) {
      const frames = lib.mapFrames(x.beskidPanic.stack, info);
      const at = x.beskidPanic.loc >= 0 ? locOf(x.beskidPanic.loc) : firstLocated(frames);
      outcome = { kind: "panic", message: x.beskidPanic.message, ...at, frames };
    } else if (
      e instanceof WebAssembly.RuntimeError ||
      (e instanceof RangeError && /call stack/i.test(e.message))
    ) {
      const frames = lib.mapFrames(x.stack ?? "", info);
      const msg = x.message ?? "";
      const message =
        e instanceof RangeError
          ? "stack overflow"
          : /unreachable/.test(msg)
            ? "unreachable code reached"
            : /signature mismatch|null function|table index/.test(msg)
              ? "indirect call to a function of another type"
              : /out of bounds/.test(msg)
                ? "memory access out of bounds"
                : msg;
      outcome = { kind: "panic", message, ...firstLocated(frames), frames };
    } else {
      outcome = { kind: "error", message: String((x && (x.stack ?? x.message)) || e) };
    }
  }
  if (outcome.kind === "panic") {
    const file = outcome.file === undefined ? undefined : (cfg.displayFiles?.[outcome.file] ?? outcome.file);
    const where = file !== undefined ? ` at ${file}:${outcome.line}:${outcome.column}` : "";
    host.flush();
    host.writeErr(`panic${where}: ${outcome.message}\n`);
  }
  host.flush();
  const { out, err } = host.captured();
  return { outcome, stdout: out, stderr: err };
}
