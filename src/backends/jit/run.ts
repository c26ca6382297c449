/**
 * Running artifacts in-process: `runMain` (the entry point, in a worker thread with a deep
 * stack) and
 * `runTests` (each test in a fresh instance of one compiled module, inside worker threads
 * that are terminated and replaced when a test exceeds its time limit).
 *
 * Exit codes: an integer result of the entry point is the exit code modulo 256 (what a
 * POSIX process reports, so JIT and AOT agree); `unit` is 0; a panic is 101 with
 * `panic at <file>:<line>:<column>: <message>` on standard error (LANGUAGE.md §5.18).
 * It does not filter or report tests (the pipeline does); it runs the names it is given.
 */

import { Worker } from "node:worker_threads";
import { makeDiagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import { verifyArtifact, type CodegenArtifact } from "../../artifact/index.ts";
import { JIT_MAPPED_EXTERNS } from "../../runtime/host-abi.ts";
import { formatFloat } from "../../runtime/format.ts";
import { makeDirsWith } from "../../util/fs.ts";
import { enableWasmInlining, useWasmTier } from "./tuning.ts";
import {
  TEST_DISPATCH_EXPORT,
  compileArtifactDetailed,
  type CompileOptions,
  type JitModuleInfo,
} from "./emit.ts";
import {
  createHost,
  mapFrames,
  runInstance,
  type HostConfig,
  type HostLib,
  type InstanceResult,
  type Sink,
  type SourceFrame,
} from "./host.ts";

/**
 * A compiled module with everything running needs (entry points, tests, source map, E4040
 * facts): compile once, run many times; `module-cache.ts` stores it so a later run skips
 * decoding the artifact and emitting wasm altogether.
 */
export interface PreparedArtifact {
  readonly module: WebAssembly.Module;
  readonly info: JitModuleInfo;
  /** The wasm bytes (kept so the prepared module can be cached). */
  readonly wasm: Uint8Array;
  /** Milliseconds spent emitting and compiling (or loading). */
  readonly compileMs: number;
}

/**
 * Compiles an artifact. An artifact the JIT cannot compile is a toolchain bug (lowering
 * produced invalid IR), not a user error: it throws, naming what `verifyArtifact` finds.
 */
export function prepareArtifact(artifact: CodegenArtifact, options: CompileOptions = {}): PreparedArtifact {
  const t0 = performance.now();
  try {
    const { wasm, info } = compileArtifactDetailed(artifact, options);
    return { ...compileModule(wasm, info), compileMs: performance.now() - t0 };
  } catch (e) {
    const problems = verifyArtifact(artifact, 10);
    const why = problems.length > 0 ? problems.join("; ") : e instanceof Error ? e.message : String(e);
    throw new Error(`internal error: the JIT cannot compile this artifact (a lowering bug): ${why}`, {
      cause: e,
    });
  }
}

/** Compiles wasm bytes produced by `compileArtifactDetailed` (fresh or from a cache). */
export function compileModule(wasm: Uint8Array, info: JitModuleInfo): PreparedArtifact {
  enableWasmInlining();
  const t0 = performance.now();
  const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  return { module, info, wasm, compileMs: performance.now() - t0 };
}

function isPrepared(x: CodegenArtifact | PreparedArtifact): x is PreparedArtifact {
  return (x as PreparedArtifact).module instanceof WebAssembly.Module;
}

export interface RunOptions {
  /** Program arguments (no Beskid intrinsic reads them yet; kept for the CLI contract). */
  readonly args?: readonly string[];
  /** The program's environment (a copy; `__env_set` changes only it). Default: empty. */
  readonly env?: Readonly<Record<string, string>>;
  /** Working directory for relative paths and `__env_getcwd`. Default: the caller's cwd. */
  readonly cwd?: string;
  /** Standard input: bytes or a file descriptor. Default: empty. */
  readonly stdin?: Uint8Array | number;
  /** Standard output/error: a file descriptor, a callback, or omitted to capture. */
  readonly stdout?: number | ((chunk: Uint8Array) => void);
  readonly stderr?: number | ((chunk: Uint8Array) => void);
  /** Entry point name (`--entrypoint`); default: the artifact's `entry`. */
  readonly entrypoint?: string;
  /** Heap limit in 64 KiB pages (default 65536 = 4 GiB). */
  readonly maxPages?: number;
  /**
   * V8 tier for the program's code (docs/runtime.md, "Tiers"); default: `optimizing` for
   * programs of at most `OPTIMIZING_TIER_MAX_FUNCTIONS` functions, else `baseline`.
   */
  readonly tier?: "optimizing" | "baseline";
  /**
   * File descriptors that are terminals, and their size, for `isatty`/`__tty_winsize`; output
   * to a terminal descriptor is written at once instead of in 64 KiB blocks.
   */
  readonly ttys?: readonly number[];
  readonly winsize?: number;
  /** How a panic names the source files (artifact name → shown name); see `HostConfig`. */
  readonly displayFiles?: Readonly<Record<string, string>>;
}

export interface PanicInfo {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Innermost first; only frames of program functions. */
  readonly frames: readonly SourceFrame[];
}

export interface RunResult {
  readonly exitCode: number;
  readonly panic?: PanicInfo;
  /** Captured output (empty when it went to a descriptor or callback). */
  readonly stdout: Uint8Array;
  readonly stderr: Uint8Array;
  /** E4030 (no entry point), E4040 (unavailable extern): the program did not start. */
  readonly diagnostics: readonly Diagnostic[];
}

function hostConfig(o: {
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  stdin?: Uint8Array | number | null;
  stdout?: Sink;
  stderr?: Sink;
  ttys?: readonly number[];
  winsize?: number;
  displayFiles?: Readonly<Record<string, string>>;
}): HostConfig {
  return {
    env: o.env ?? {},
    cwd: o.cwd ?? process.cwd(),
    stdin: o.stdin ?? null,
    stdout: o.stdout ?? null,
    stderr: o.stderr ?? null,
    pid: process.pid,
    ttys: o.ttys ?? [],
    winsize: o.winsize ?? 0,
    ...(o.displayFiles ? { displayFiles: o.displayFiles } : {}),
  };
}

/** E4040 for every extern reachable from `root` that the JIT cannot map (LANGUAGE.md §5.16). */
export function unavailableExterns(info: JitModuleInfo, root: number): Diagnostic[] {
  return (info.unavailable[root] ?? []).map(({ detail, loc }) => {
    // Point at a call that reaches the extern, so the diagnostic has a file and a line.
    const at =
      loc !== undefined && loc * 3 + 2 < info.locations.length
        ? {
            file: info.files[info.locations[loc * 3]!]!,
            start: { line: info.locations[loc * 3 + 1]!, column: info.locations[loc * 3 + 2]! },
          }
        : undefined;
    return makeDiagnostic(
      "E4040",
      {
        detail,
        help: `the JIT maps only ${Object.keys(JIT_MAPPED_EXTERNS).join(", ")}; build it with the AOT backend`,
      },
      at,
    );
  });
}

function toPanic(r: InstanceResult["outcome"]): PanicInfo | undefined {
  if (r.kind === "panic") {
    return {
      message: r.message,
      frames: r.frames,
      ...(r.file !== undefined ? { file: r.file, line: r.line, column: r.column } : {}),
    };
  }
  if (r.kind === "error") return { message: `internal JIT error: ${r.message}`, frames: [] };
  return undefined;
}

/**
 * Optimising-only compilation costs about 0.1 ms for every function a run calls (lazily, at
 * its first call): worth it for small programs, whose time goes into a few long-running
 * functions that the baseline tier would never leave (no OSR), not for large ones that call
 * thousands of functions a few times each.
 */
export const OPTIMIZING_TIER_MAX_FUNCTIONS = 500;

export function defaultTier(programFunctions: number): "optimizing" | "baseline" {
  return programFunctions <= OPTIMIZING_TIER_MAX_FUNCTIONS ? "optimizing" : "baseline";
}

/**
 * Runs the entry point in a worker thread with a `MAIN_STACK_MB` stack (an artifact is
 * compiled first; pass a `PreparedArtifact` to reuse a compiled module). Never throws for
 * anything the program does.
 */
export async function runMain(
  input: CodegenArtifact | PreparedArtifact,
  options: RunOptions = {},
): Promise<RunResult> {
  const empty = new Uint8Array(0);
  // The tier is chosen before compiling (V8 reads it when it compiles code).
  const functions = isPrepared(input) ? input.info.programFunctions : input.functions.length;
  useWasmTier(options.tier ?? defaultTier(functions));
  const prepared = isPrepared(input)
    ? input
    : prepareArtifact(input, options.maxPages === undefined ? {} : { maxPages: options.maxPages });
  const info = prepared.info;
  const entry =
    options.entrypoint === undefined
      ? info.entry
      : (info.entryPoints.find((e) => e.name === options.entrypoint) ??
        (info.entry?.name === options.entrypoint ? info.entry : null));
  if (!entry) {
    const d = makeDiagnostic(
      "E4030",
      {
        detail:
          options.entrypoint === undefined
            ? "the program has no `main` or `Main` function"
            : `no top-level function \`${options.entrypoint}\` without parameters in the entry module`,
      },
      undefined,
    );
    return { exitCode: 1, stdout: empty, stderr: empty, diagnostics: [d] };
  }
  const missing = unavailableExterns(info, entry.func);
  if (missing.length > 0) return { exitCode: 1, stdout: empty, stderr: empty, diagnostics: missing };
  const cfg = hostConfig({
    ...options,
    stdin: options.stdin ?? null,
  });
  const r = await runInStackedWorker(prepared, cfg, prepared.info.runExports[entry.func]!);
  const o = r.outcome;
  let exitCode: number;
  switch (o.kind) {
    case "returned":
      exitCode = o.value === undefined ? 0 : Number(BigInt.asUintN(8, BigInt(o.value)));
      break;
    case "exit":
      exitCode = o.code & 255;
      break;
    case "panic":
    case "error":
      exitCode = 101;
      break;
  }
  const panic = toPanic(o);
  return { exitCode, stdout: r.stdout, stderr: r.stderr, diagnostics: [], ...(panic ? { panic } : {}) };
}

/**
 * Thread stack of a `runMain` run, in MiB. The calling thread's stack is V8's default (under
 * 1 MiB, about 98k frames of a small recursive function), while an AOT executable has the
 * 8 MiB main-thread stack; a worker's `resourceLimits.stackSizeMb` is a real thread stack, so
 * the JIT runs the entry point in one that reaches deeper than the AOT executable
 * (docs/runtime.md, "Stack depth"). Untouched stack pages cost nothing.
 */
export const MAIN_STACK_MB = 64;

let workerSource: string | undefined;

/**
 * A thread running `WORKER_SOURCE` (built once per process) with a `MAIN_STACK_MB` stack: test
 * workers (runPool) get the same stack as `runMain`'s, so a test recurses as deep as `run`.
 */
function newWorker(): Worker {
  workerSource ??= WORKER_SOURCE();
  return new Worker(workerSource, { eval: true, resourceLimits: { stackSizeMb: MAIN_STACK_MB } });
}

let spare: Worker | undefined;

/**
 * Starts the worker the next `runMain` will use, so that starting a thread (about 20 ms of
 * CPU, on the new thread) overlaps the caller's own work — resolving the project, reading the
 * cache, compiling — instead of following it. An unused spare does not keep the process
 * alive; one that ends while waiting is dropped, and `runMain` then starts its own.
 */
export function prewarmMainWorker(): void {
  if (spare) return;
  const w = newWorker();
  w.unref();
  w.once("exit", () => {
    if (spare === w) spare = undefined;
  });
  spare = w;
}

/** The waiting spare worker, if any (for tests: one that ends before use must not matter). */
export function spareMainWorker(): Worker | undefined {
  return spare;
}

function takeMainWorker(): Worker {
  const w = spare ?? newWorker();
  spare = undefined;
  w.ref();
  return w;
}

/**
 * `runInstance` of `exportName` in a fresh worker with a `MAIN_STACK_MB` stack (the spare one
 * when there is one). The compiled module is handed over as it is (V8 shares compiled wasm
 * between threads; nothing is serialised or recompiled). Output to a callback is posted back in
 * batches while the program runs (`runMainMessage`; the calling thread only waits, so it
 * delivers them at once); descriptors are written by the worker. The worker says `running`
 * before it calls the program: one that ends before that (a spare that died while waiting, a
 * thread that could not start) never ran anything and is replaced once by a new one; a second
 * failure, like a worker that fails while the program runs, is an internal error.
 */
function runInStackedWorker(
  prepared: PreparedArtifact,
  cfg: HostConfig,
  exportName: string,
): Promise<InstanceResult> {
  const empty = new Uint8Array(0);
  const post = (s: Sink): Sink | "post" => (typeof s === "function" ? "post" : s);
  const message = {
    type: "main",
    module: prepared.module,
    info: prepared.info,
    cfg: { ...cfg, stdout: post(cfg.stdout), stderr: post(cfg.stderr) },
    exportName,
  };
  return new Promise<InstanceResult>((resolve) => {
    let done = false;
    let current: Worker | undefined;
    const finish = (r: InstanceResult): void => {
      if (done) return;
      done = true;
      if (current) void current.terminate();
      resolve(r);
    };
    const failed = (message: string): void =>
      finish({ outcome: { kind: "error", message }, stdout: empty, stderr: empty });
    const start = (w: Worker, retries: number): void => {
      current = w;
      let running = false;
      const gone = (why: string): void => {
        if (done || current !== w) return;
        if (!running && retries > 0) {
          void w.terminate();
          try {
            start(newWorker(), retries - 1);
          } catch (e) {
            failed(`the JIT's worker thread could not start: ${String(e)}`);
          }
        } else failed(why);
      };
      w.on("message", (m: { running?: true; out?: (number | Uint8Array)[]; result?: InstanceResult }) => {
        if (m.running) running = true;
        else if (m.out) {
          for (let i = 0; i < m.out.length; i += 2) {
            const s = m.out[i] === 1 ? cfg.stdout : cfg.stderr;
            if (typeof s === "function") s(m.out[i + 1] as Uint8Array);
          }
        } else if (m.result) finish(m.result);
      });
      w.on("error", (e) => gone(String((e as Error).stack ?? e)));
      w.on("exit", (code) => gone(`the JIT's worker thread ended with code ${code}`));
      w.postMessage(message);
    };
    try {
      start(takeMainWorker(), 1);
    } catch (e) {
      failed(`the JIT's worker thread could not start: ${String(e)}`);
    }
  });
}

// ---------------------------------------------------------------------------------------
// Tests.

export interface TestRunOptions {
  /**
   * Tests to run, in this order, each a qualified name or a position in the artifact's test
   * table; default: every test. Positions are exact: two tests may share a qualified name (an
   * inline module of the entry file named like another module), and a name picks the first.
   */
  readonly selected?: readonly (string | number)[];
  /** Per-test time limit in milliseconds (default 10 000). */
  readonly timeoutMs?: number;
  /** Worker threads running tests in parallel (default 1). */
  readonly workers?: number;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly maxPages?: number;
  /**
   * Whether a source file belongs to the project of the failing test (declared in `testFile`):
   * a failure is reported at the innermost frame in such a file (LANGUAGE.md §5.18). Default:
   * the panic's own location.
   */
  readonly isOwnFile?: (file: string, testFile: string) => boolean;
  /** How a failure's place names its file (e.g. relative to the caller's directory); default as stored. */
  readonly displayFile?: (file: string) => string;
  /**
   * `reset` (default): a worker reuses one instance and resets it to the initial state before
   * each test (docs/runtime.md); `fresh`: a new instance per test (slower with many functions).
   */
  readonly isolation?: "reset" | "fresh";
  /** Bytes of each test's stdout and stderr kept for the reports (the last ones; default 1 MiB). */
  readonly captureLimit?: number;
}

/** A test printing without end must not take the runner's memory (or the JUnit file) with it. */
export const TEST_CAPTURE_LIMIT = 1 << 20;

export interface TestRunResult {
  readonly qualifiedName: string;
  readonly name: string;
  readonly outcome: "passed" | "failed" | "timed_out";
  /** For failures: the message and location, e.g. `Assertion failed: x (at src/A.bd:12:5)`. */
  readonly reason?: string;
  readonly durationMs: number;
  readonly file: string;
  readonly line: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly panic?: PanicInfo;
  /** For a failure with a place: the one named in `reason` (see `TestRunOptions.isOwnFile`). */
  readonly failureAt?: SourcePlace;
}

export interface SourcePlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The worker's side of `runInStackedWorker` (self-contained: its source text runs in the
 * worker). Callback sinks ("post") are batched into messages of `[fd, chunk, fd, chunk, …]` in
 * write order: a batch goes out at 64 KiB, on a write 10 ms or more after the last batch (so
 * a program printing progress is seen as it runs), where the host flushes descriptors (before
 * a read of stdin, an exit, a panic) and at the end. Posting every write cost about 1 µs each.
 */
function runMainMessage(
  m: { module: WebAssembly.Module; info: JitModuleInfo; cfg: HostConfig; exportName: string },
  port: { postMessage(v: unknown): void },
  lib: HostLib,
  run: typeof runInstance,
): void {
  let batch: (number | Uint8Array)[] = [];
  let size = 0;
  let last = performance.now();
  const flush = (): void => {
    if (batch.length > 0) port.postMessage({ out: batch });
    batch = [];
    size = 0;
    last = performance.now();
  };
  const sink =
    (fd: number) =>
    (chunk: Uint8Array): void => {
      batch.push(fd, chunk);
      size += chunk.length;
      // A terminal sees every write at once, as C's line-buffered stdout shows it.
      if (size >= 65536 || m.cfg.ttys.includes(fd) || performance.now() - last >= 10) flush();
    };
  const cfg: HostConfig = {
    ...m.cfg,
    stdout: (m.cfg.stdout as unknown) === "post" ? sink(1) : m.cfg.stdout,
    stderr: (m.cfg.stderr as unknown) === "post" ? sink(2) : m.cfg.stderr,
    flushSinks: flush,
  };
  const result = run(m.module, m.info, cfg, lib, m.exportName);
  flush();
  port.postMessage({ result });
}

/**
 * The last output of the test a worker is running, readable by the calling thread while the
 * worker is busy: a test that runs past its time limit is stopped by terminating its worker,
 * so what it printed must already be outside it. A shared buffer: four i32 (stdout position,
 * stderr position, stdout total, stderr total; totals saturate at 2^31 - 1), then one ring of
 * `TIMEOUT_OUTPUT_BYTES` per stream. The worker copies every captured write into it (no
 * message, so nothing waits in a batch when the test then loops forever).
 */
export const TIMEOUT_OUTPUT_BYTES = 64 * 1024;

function ringWrite(ring: SharedArrayBuffer, which: 0 | 1, chunk: Uint8Array): void {
  const size = (ring.byteLength - 16) / 2;
  const head = new Int32Array(ring, 0, 4);
  const data = new Uint8Array(ring, 16 + which * size, size);
  const src = chunk.length > size ? chunk.subarray(chunk.length - size) : chunk;
  const pos = head[which]!;
  const first = Math.min(src.length, size - pos);
  data.set(src.subarray(0, first), pos);
  data.set(src.subarray(first), 0);
  Atomics.store(head, which, (pos + src.length) % size);
  Atomics.store(head, 2 + which, Math.min(0x7fffffff, head[2 + which]! + chunk.length));
}

function ringReset(ring: SharedArrayBuffer): void {
  const head = new Int32Array(ring, 0, 4);
  for (let i = 0; i < 4; i++) Atomics.store(head, i, 0);
}

/** What the running test printed last, with a note when earlier output did not fit. */
function ringRead(ring: SharedArrayBuffer): { stdout: string; stderr: string } {
  const size = (ring.byteLength - 16) / 2;
  const head = new Int32Array(ring, 0, 4);
  const read = (which: 0 | 1): string => {
    const pos = Atomics.load(head, which);
    const total = Atomics.load(head, 2 + which);
    const data = new Uint8Array(ring, 16 + which * size, size);
    if (total <= size) return utf8.decode(data.slice(0, total));
    const bytes = new Uint8Array(size);
    bytes.set(data.subarray(pos), 0);
    bytes.set(data.subarray(0, pos), size - pos);
    const more = total === 0x7fffffff ? "at least " : "";
    return `[… ${more}${total - size} bytes of earlier output dropped …]\n${utf8.decode(bytes)}`;
  };
  return { stdout: read(0), stderr: read(1) };
}

const WORKER_SOURCE = (): string =>
  [
    // tsx/esbuild may wrap inner functions in __name(); the worker has no such helper.
    "var __name = (f) => f;",
    'const { parentPort } = require("node:worker_threads");',
    'const fs = require("node:fs");',
    'const path = require("node:path");',
    `const formatFloat = (${formatFloat.toString()});`,
    `const makeDirsWith = (${makeDirsWith.toString()});`,
    `const createHost = (${createHost.toString()});`,
    `const mapFrames = (${mapFrames.toString()});`,
    `const runInstance = (${runInstance.toString()});`,
    "const lib = { fs, path, formatFloat, makeDirs: (d) => makeDirsWith(d, fs, path), createHost, mapFrames };",
    `const runMainMessage = (${runMainMessage.toString()});`,
    `const ringWrite = (${ringWrite.toString()});`,
    `const ringReset = (${ringReset.toString()});`,
    "let state = null;",
    "const slot = {};",
    'parentPort.on("message", (m) => {',
    '  if (m.type === "init") {',
    "    state = m;",
    "    if (m.ring) state.cfg = { ...m.cfg, onCaptured: (which, chunk) => ringWrite(m.ring, which, chunk) };",
    "    return;",
    "  }",
    '  if (m.type === "main") {',
    "    parentPort.postMessage({ running: true });",
    "    runMainMessage(m, parentPort, lib, runInstance);",
    "    return;",
    "  }",
    "  parentPort.postMessage({ started: true });",
    "  for (const item of m.items) {",
    "    if (state.ring) ringReset(state.ring);",
    "    const t0 = performance.now();",
    "    const r = runInstance(state.module, state.info, state.cfg, lib, item.exportName, item.arg, state.fresh ? undefined : slot);",
    "    parentPort.postMessage({ id: item.id, result: r, ms: performance.now() - t0 });",
    "  }",
    "});",
  ].join("\n");

interface WorkItem {
  readonly id: number;
  readonly exportName: string;
  readonly arg: number;
}

const utf8 = new TextDecoder("utf-8");

/** Where a failure is reported: the innermost frame in the project's own files, else the panic's own place. */
function failurePlace(
  p: PanicInfo,
  isOwnFile: ((file: string, testFile: string) => boolean) | undefined,
  testFile: string,
): SourcePlace | undefined {
  const own = isOwnFile && [p, ...p.frames].find((f) => f.file !== undefined && isOwnFile(f.file, testFile));
  const at = own || p;
  return at.file !== undefined ? { file: at.file, line: at.line ?? 0, column: at.column ?? 0 } : undefined;
}

function failureReason(p: PanicInfo, at: SourcePlace | undefined): string {
  return at ? `${p.message} (at ${at.file}:${at.line}:${at.column})` : p.message;
}

/** Runs tests, each in a fresh instance, with a per-test time limit. Never throws for test behaviour. */
export async function runTests(
  input: CodegenArtifact | PreparedArtifact,
  options: TestRunOptions = {},
): Promise<TestRunResult[]> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  useWasmTier("baseline");
  const tests = isPrepared(input) ? input.info.tests : input.tests;
  const indexOf = new Map<string, number>();
  tests.forEach((t, i) => {
    if (!indexOf.has(t.qualifiedName)) indexOf.set(t.qualifiedName, i);
  });
  const names = options.selected ?? tests.map((_, i) => i);
  const positions = names.map((s) => (typeof s === "number" ? (tests[s] ? s : undefined) : indexOf.get(s)));
  const results: (TestRunResult | undefined)[] = new Array(names.length);
  const work: WorkItem[] = [];
  // Compiled only when some selected test exists (an empty selection compiles nothing).
  let prepared: PreparedArtifact | undefined = isPrepared(input) ? input : undefined;
  const getPrepared = (): PreparedArtifact =>
    (prepared ??= prepareArtifact(
      input as CodegenArtifact,
      options.maxPages === undefined ? {} : { maxPages: options.maxPages },
    ));

  names.forEach((selected, id) => {
    const at = positions[id];
    const t = at === undefined ? undefined : tests[at];
    const qn = t ? t.qualifiedName : String(selected);
    if (at === undefined || !t) {
      results[id] = {
        qualifiedName: qn,
        name: qn,
        outcome: "failed",
        reason: `no test named ${qn} in the artifact`,
        durationMs: 0,
        file: "",
        line: 0,
        stdout: "",
        stderr: "",
      };
      return;
    }
    const missing = unavailableExterns(getPrepared().info, t.func);
    if (missing.length > 0) {
      results[id] = {
        qualifiedName: qn,
        name: t.name,
        outcome: "failed",
        reason: missing.map((d) => `${d.code}: ${d.message}`).join("; "),
        durationMs: 0,
        file: t.file,
        line: t.line,
        stdout: "",
        stderr: "",
      };
      return;
    }
    getPrepared();
    work.push({ id, exportName: TEST_DISPATCH_EXPORT, arg: at });
  });

  if (work.length > 0 && prepared) {
    const p = prepared;
    const cfg = {
      ...hostConfig({ env: options.env, cwd: options.cwd, stdin: null }),
      captureLimit: options.captureLimit ?? TEST_CAPTURE_LIMIT,
    };
    const record = (
      id: number,
      r: InstanceResult | null,
      ms: number,
      partial?: { stdout: string; stderr: string },
    ): void => {
      const t = tests[positions[id]!]!;
      const base = {
        qualifiedName: t.qualifiedName,
        name: t.name,
        file: t.file,
        line: t.line,
        durationMs: Math.round(ms * 1000) / 1000,
      };
      if (r === null) {
        results[id] = {
          ...base,
          outcome: "timed_out",
          reason: `timed out after ${timeoutMs} ms`,
          stdout: partial?.stdout ?? "",
          stderr: partial?.stderr ?? "",
        };
        return;
      }
      const stdout = utf8.decode(r.stdout);
      const stderr = utf8.decode(r.stderr);
      const o = r.outcome;
      if (o.kind === "returned") {
        results[id] = { ...base, outcome: "passed", stdout, stderr };
        return;
      }
      if (o.kind === "exit") {
        results[id] = {
          ...base,
          outcome: "failed",
          reason: `test called process exit with code ${o.code}`,
          stdout,
          stderr,
        };
        return;
      }
      const panic = toPanic(o)!;
      const place = failurePlace(panic, options.isOwnFile, t.file);
      const failureAt =
        place && options.displayFile ? { ...place, file: options.displayFile(place.file) } : place;
      results[id] = {
        ...base,
        outcome: "failed",
        reason: failureReason(panic, failureAt),
        ...(failureAt ? { failureAt } : {}),
        stdout,
        stderr,
        panic,
      };
    };
    const fresh = options.isolation === "fresh";
    await runPool(work, p, cfg, timeoutMs, Math.max(1, options.workers ?? 1), fresh, record);
  }
  return results as TestRunResult[];
}

function runPool(
  work: WorkItem[],
  prepared: PreparedArtifact,
  cfg: HostConfig,
  timeoutMs: number,
  workers: number,
  fresh: boolean,
  record: (
    id: number,
    r: InstanceResult | null,
    ms: number,
    partial?: { stdout: string; stderr: string },
  ) => void,
): Promise<void> {
  const queue = [...work];
  const CHUNK = 32;
  let remaining = work.length;
  return new Promise<void>((resolve, reject) => {
    interface Slot {
      worker: Worker;
      ring: SharedArrayBuffer;
      inflight: WorkItem[];
      since: number;
      running: boolean;
    }
    const slots = new Set<Slot>();
    const tick = Math.max(5, Math.min(100, Math.floor(timeoutMs / 10)));
    const finishIfDone = (): void => {
      if (remaining > 0) return;
      clearInterval(timer);
      for (const s of slots) void s.worker.terminate();
      slots.clear();
      resolve();
    };
    const feed = (s: Slot): void => {
      if (queue.length === 0) {
        slots.delete(s);
        void s.worker.terminate();
        return;
      }
      s.inflight = queue.splice(0, CHUNK);
      s.running = false;
      s.since = performance.now();
      s.worker.postMessage({ type: "run", items: s.inflight });
    };
    const spawn = (): void => {
      const worker = newWorker();
      const ring = new SharedArrayBuffer(16 + 2 * TIMEOUT_OUTPUT_BYTES);
      const s: Slot = { worker, ring, inflight: [], since: performance.now(), running: false };
      slots.add(s);
      worker.on("message", (m: { started?: true; id: number; result: InstanceResult; ms: number }) => {
        if (!slots.has(s)) return;
        if (m.started) {
          // The clock starts when the worker has the batch, not when it was posted: starting
          // a worker and instantiating the module must not count against the first test.
          s.running = true;
          s.since = performance.now();
          return;
        }
        const i = s.inflight.findIndex((x) => x.id === m.id);
        if (i < 0) return;
        s.inflight.splice(i, 1);
        s.since = performance.now();
        record(m.id, m.result, m.ms);
        remaining--;
        if (s.inflight.length === 0) feed(s);
        finishIfDone();
      });
      worker.on("error", (e) => {
        // A crashed worker fails the test it was running; the rest are retried elsewhere.
        if (!slots.has(s)) return;
        slots.delete(s);
        const [first, ...rest] = s.inflight;
        if (first) {
          record(
            first.id,
            {
              outcome: { kind: "error", message: String(e) },
              stdout: new Uint8Array(0),
              stderr: new Uint8Array(0),
            },
            0,
          );
          remaining--;
        }
        queue.unshift(...rest);
        if (queue.length > 0) spawn();
        finishIfDone();
      });
      worker.postMessage({ type: "init", module: prepared.module, info: prepared.info, cfg, fresh, ring });
      feed(s);
    };
    const timer = setInterval(() => {
      const now = performance.now();
      for (const s of [...slots]) {
        if (s.inflight.length === 0) continue;
        if (!s.running) {
          // A worker that cannot even start its batch within a generous bound is broken.
          if (now - s.since <= Math.max(30_000, timeoutMs)) continue;
        } else if (now - s.since <= timeoutMs) continue;
        // The first unfinished test of this worker has run past its limit. What it printed is
        // read from the shared ring before the worker goes (a write may be cut at the end).
        slots.delete(s);
        const partial = s.running ? ringRead(s.ring) : undefined;
        void s.worker.terminate();
        const [first, ...rest] = s.inflight;
        record(first!.id, null, now - s.since, partial);
        remaining--;
        queue.unshift(...rest);
        if (queue.length > 0) spawn();
      }
      finishIfDone();
    }, tick);
    try {
      for (let i = 0; i < Math.min(workers, Math.ceil(queue.length / CHUNK) || 1); i++) spawn();
    } catch (e) {
      clearInterval(timer);
      reject(e);
    }
  });
}
