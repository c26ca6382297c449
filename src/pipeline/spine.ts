/**
 * The spine every command walks: resolve (plan + import closure + cache key) → lowered
 * artifact (local cache, then the remote tier, else compile and write back) → a backend.
 * Commands only differ in where they stop. Every function returns diagnostics and never
 * throws on bad input; cache problems only warn.
 */

import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve as resolvePath } from "node:path";
import { writeFileAtomic } from "../util/fs.ts";
import { hasErrors, type Diagnostic } from "../diagnostics/index.ts";
import {
  artifactId,
  decodeArtifact,
  encodeArtifact,
  verifyArtifact,
  type CodegenArtifact,
} from "../artifact/index.ts";
import type {
  BuildRequest,
  BuildResult,
  CacheRequest,
  LowerResult,
  ProjectRequest,
  ResolveResult,
  TestCaseResult,
  TestReport,
  TestRequest,
} from "./api.ts";
import { inShard, selectTest, type TestDescriptor } from "./test-select.ts";
import { summarize } from "./test-report.ts";
import { LocalCache } from "./cache.ts";
import {
  compileArtifact,
  loadCached,
  prepareCached,
  prewarmMainWorker,
  runMain,
  runTests,
  type PreparedArtifact,
  type PreparedStore,
} from "../backends/jit/index.ts";
import { buildArtifact, stemOf, type AotOutputKind } from "../backends/aot/index.ts";
import { createRemoteCache } from "./remote-cache.ts";
import { compileProgram } from "./compile.ts";
import {
  displayDiagnostics,
  displayPath,
  loweringOptions,
  resolveOnly,
  resolveProject,
  type Resolved,
} from "./frontend.ts";

export { defaultCacheDir, resolveOnly } from "./frontend.ts";

export interface Lowered extends LowerResult {
  /**
   * The decoded artifact, ready for a backend (absent when lowering failed, and on a local hit
   * that `lowerProject` was asked to serve from the compiled JIT module, see `jitModule`).
   */
  readonly program?: CodegenArtifact;
  /** With the `jit` option: the compiled JIT module stored beside a local hit, loaded instead of `program`. */
  readonly jitModule?: PreparedArtifact;
  readonly resolved?: Resolved;
}

/**
 * Decodes cached bytes, and verifies them unless they come from the local tier; anything wrong
 * makes it a miss. A local entry's bytes match the digest stored with them and were written by
 * this toolchain (the key names its version and the schema) after it lowered them itself or
 * verified them as a remote hit, so verifying them again would only re-check the lowering,
 * which a fresh compile does not do either (~28 ms for a 10k-line program).
 */
function usable(
  bytes: Uint8Array | undefined,
  warn: (m: string) => void,
  where: "local" | "remote",
): CodegenArtifact | undefined {
  if (!bytes) return undefined;
  const decoded = decodeArtifact(bytes);
  if (!decoded.ok) {
    warn(`ignoring the ${where} cache entry: ${decoded.message}`);
    return undefined;
  }
  const problems = where === "local" ? [] : verifyArtifact(decoded.artifact, 1);
  if (problems.length > 0) {
    warn(`ignoring the ${where} cache entry: ${problems[0]}`);
    return undefined;
  }
  return decoded.artifact;
}

/**
 * Lowers, or takes the artifact from the cache. `options.jit` (`run` and `test`, with the engine
 * tier to load for): on a local hit whose compiled JIT module (`<key>.jit`, see `jitStore`) loads
 * for these exact bytes, that module is returned as `jitModule` and the artifact is not decoded
 * at all — it was decoded when the module was made, and its id (sha256) is checked against the
 * module's, which carries what running needs (entry points, the test table, the source map).
 */
export async function lowerProject(
  req: ProjectRequest,
  cache: CacheRequest,
  options: { readonly jit?: "main" | "tests" } = {},
): Promise<Lowered> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const base = resolveOnly(req, cache);
  timings.resolve = performance.now() - t0;
  const miss = { hit: false, source: "none" as const };
  if (!base.ok || !base.resolved) return { ...base, cache: miss, timings };
  const r = base.resolved;
  const warn = cache.warn ?? (() => undefined);
  const key = r.key.key;
  const local = cache.enabled ? new LocalCache(base.cacheDir!) : undefined;
  const remote = cache.enabled && cache.remote ? createRemoteCache({ ...cache.remote, warn }) : undefined;
  try {
    const t1 = performance.now();
    let bytes: Uint8Array | undefined;
    // sha256 of `bytes` (artifactId), computed once: a local entry's is checked on reading.
    let id: string | undefined;
    let program: CodegenArtifact | undefined;
    let jitModule: PreparedArtifact | undefined;
    let source: "local" | "remote" | "none" = "none";
    // Whether `<key>.bca` is in the local cache now: the artifact's `path` names it only then.
    let stored = false;
    if (local) {
      const entry = local.getEntry(key);
      bytes = entry?.bytes;
      id = entry?.sha256;
      const store = entry && options.jit ? jitStore(join(base.cacheDir!, `${key}.bca`)) : undefined;
      jitModule = store && loadCached(entry!.sha256, store, { purpose: options.jit, warn });
      program = jitModule ? undefined : usable(bytes, warn, "local");
      if (bytes && !program && !jitModule) local.remove(key);
      if (program || jitModule) source = "local";
      stored = source === "local";
    }
    if (!program && !jitModule && remote) {
      bytes = await remote.get(key);
      program = usable(bytes, warn, "remote");
      if (program) {
        source = "remote";
        id = artifactId(bytes!);
        stored = !!local && safely(warn, "could not write the local cache", () => local.put(key, bytes!, id));
      }
    }
    timings.cache = performance.now() - t1;
    let diagnostics = base.diagnostics;
    // A local hit shows the warnings its compile reported, as that compile did.
    if (source === "local" && local)
      diagnostics = [...diagnostics, ...displayDiagnostics(req.cwd, r.unitPaths, local.getWarnings(key))];
    if (!program && !jitModule) {
      const t2 = performance.now();
      const compiled = compileProgram(r, loweringOptions(req.command));
      timings.compile = performance.now() - t2;
      diagnostics = [...diagnostics, ...displayDiagnostics(req.cwd, r.unitPaths, compiled.diagnostics)];
      if (!compiled.artifact || hasErrors(diagnostics))
        return { ...base, ok: false, diagnostics, cache: miss, timings };
      bytes = encodeArtifact(compiled.artifact);
      id = artifactId(bytes);
      program = compiled.artifact;
      stored =
        !!local &&
        safely(warn, "could not write the local cache", () => {
          local.put(key, bytes!, id);
          local.putWarnings(key, compiled.diagnostics);
        });
      if (remote) await remote.put(key, bytes);
    }
    r.saveSnapshot?.();
    // No cache (--no-cache) or a cache that could not be written (a read-only project): no file,
    // and no path pretending there is one.
    const path = stored ? join(base.cacheDir!, `${key}.bca`) : "";
    return {
      ...base,
      diagnostics,
      cache: { hit: source !== "none", source },
      artifact: { path, sha256: id!, bytes: bytes!.length },
      timings,
      ...(program ? { program } : {}),
      ...(jitModule ? { jitModule } : {}),
    };
  } finally {
    await remote?.close();
  }
}

/** Runs `f`; a failure is a warning. True when `f` succeeded. */
function safely(warn: (m: string) => void, what: string, f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    warn(`${what}: ${(e as Error).message}`);
    return false;
  }
}

export interface CheckResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** `check`: everything up to and including semantic analysis; never lowers or caches. */
export function checkProject(req: ProjectRequest, opts: { workspace?: boolean } = {}): CheckResult {
  const { resolved, diagnostics } = resolveProject(req, opts.workspace === true);
  if (!resolved) return { ok: false, diagnostics: displayDiagnostics(req.cwd, new Map(), diagnostics) };
  const compiled = compileProgram(resolved, loweringOptions("check"), true);
  const all = displayDiagnostics(req.cwd, resolved.unitPaths, [...diagnostics, ...compiled.diagnostics]);
  return { ok: !hasErrors(all), diagnostics: all };
}

export interface RunIo {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly entrypoint?: string;
  /** A descriptor, or a writer; a writer with `writeBytes` gets the program's bytes unchanged. */
  readonly stdout: RunSink;
  readonly stderr: RunSink;
  /** Standard input: a file descriptor (the CLI passes 0) or bytes. Default: empty. */
  readonly stdin?: number | Uint8Array;
  /** Descriptors that are terminals: the program's `isatty`, and its output to them is not held back. */
  readonly ttys?: readonly number[];
  /**
   * Called once the program compiled, right before it starts, with the compile diagnostics
   * (warnings), so a caller can show them before the program's own output, as compilers do.
   * The outcome's `diagnostics` still lists them first.
   */
  readonly beforeRun?: (compileDiagnostics: readonly Diagnostic[]) => void;
}

export interface RunOutcome {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** The program's exit code (101 after a panic); undefined when it never started. */
  readonly exitCode?: number;
}

export type RunSink = { write(text: string): void; writeBytes?(bytes: Uint8Array): void } | number;

function sink(target: RunIo["stdout"]): number | ((chunk: Uint8Array) => void) {
  if (typeof target === "number") return target;
  // Program output is bytes (§5.12: strings need not be UTF-8): pass them through when the
  // writer can take bytes, so an invalid sequence is not replaced by U+FFFD on the way out.
  if (target.writeBytes) {
    const w = target.writeBytes.bind(target);
    return (chunk) => w(chunk);
  }
  const decoder = new TextDecoder("utf-8");
  return (chunk) => target.write(decoder.decode(chunk, { stream: true }));
}

function definedEnv(env: RunIo["env"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * The compiled JIT module kept next to the local cache entry (`<key>.jit` beside
 * `<key>.bca`), so a cached run skips emitting wasm (cold ~150 ms → ~8 ms). Writing it also
 * drops `.jit` files whose `.bca` the local cache has pruned. Undefined without a local cache.
 */
function jitStore(bca: string | undefined): PreparedStore | undefined {
  if (!bca || !bca.endsWith(".bca")) return undefined;
  const path = bca.slice(0, -4) + ".jit";
  return {
    read: () => (existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined),
    write: (bytes) => {
      writeFileAtomic(path, bytes);
      const dir = dirname(path);
      for (const name of readdirSync(dir)) {
        if (name.endsWith(".jit") && !existsSync(join(dir, name.slice(0, -4) + ".bca")))
          rmSync(join(dir, name), { force: true });
      }
    },
    remove: () => rmSync(path, { force: true }),
  };
}

/** The program compiled for the JIT, through the module store when there is one. */
function prepared(
  lowered: Lowered,
  program: CodegenArtifact,
  cache: CacheRequest,
  purpose: "main" | "tests",
) {
  const opts = { purpose, ...(cache.warn ? { warn: cache.warn } : {}) };
  return prepareCached(program, lowered.artifact!.sha256, jitStore(lowered.artifact?.path), opts).prepared;
}

/**
 * A backend's diagnostics as the front end's are shown: a place it names by unit name (E4040)
 * gets the display path, and "no entry point" (E4030, E4031), which has no file, is placed at
 * the entry file the plan chose, so the user sees which file lacks `main`.
 */
function displayBackendDiagnostics(ds: readonly Diagnostic[], lowered: Lowered, cwd: string): Diagnostic[] {
  const entry = lowered.resolved?.plan.entryFile;
  const unitPaths = lowered.resolved?.unitPaths ?? new Map<string, string>();
  return ds.map((d) =>
    (d.code === "E4030" || d.code === "E4031") && d.file === undefined && entry !== undefined
      ? { ...d, file: displayPath(cwd, new Map(), entry) }
      : // A backend names places by unit name (E4040): show them as the front end's diagnostics.
        d.file !== undefined
        ? { ...d, file: displayPath(cwd, unitPaths, d.file) }
        : d,
  );
}

/** `run`: the entry point through the JIT, with the caller's streams. */
export async function runProject(req: ProjectRequest, cache: CacheRequest, io: RunIo): Promise<RunOutcome> {
  // The program runs in a worker thread (a deep stack); start it while the project resolves.
  prewarmMainWorker();
  const lowered = await lowerProject(req, cache, { jit: "main" });
  const { program, resolved, jitModule } = lowered;
  if (!lowered.ok || !(program || jitModule) || !resolved)
    return { ok: false, diagnostics: lowered.diagnostics };
  io.beforeRun?.(lowered.diagnostics);
  const module = jitModule ?? prepared(lowered, program!, cache, "main");
  const r = await runMain(module, {
    args: io.args,
    env: definedEnv(io.env),
    cwd: req.cwd,
    stdout: sink(io.stdout),
    stderr: sink(io.stderr),
    ...(io.stdin !== undefined ? { stdin: io.stdin } : {}),
    ...(io.ttys !== undefined ? { ttys: io.ttys } : {}),
    // A panic names files as diagnostics do: relative to the working directory, a
    // dependency's original file rather than its copy under obj/.
    displayFiles: Object.fromEntries(
      module.info.files.map((f) => [f, displayPath(req.cwd, resolved.unitPaths, f)]),
    ),
    ...(io.entrypoint !== undefined ? { entrypoint: io.entrypoint } : {}),
  });
  const diagnostics = [...lowered.diagnostics, ...displayBackendDiagnostics(r.diagnostics, lowered, req.cwd)];
  if (r.diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, diagnostics, exitCode: r.exitCode };
}

export interface Tested extends Lowered {
  readonly report?: TestReport;
}

/** `test`: discover, filter, skip, shard, then run the selected tests isolated in the JIT. */
export async function testProject(req: ProjectRequest, cache: CacheRequest, t: TestRequest): Promise<Tested> {
  const { jitModule, ...lowered } = await lowerProject(req, cache, { jit: "tests" });
  const program = lowered.program;
  if (!lowered.ok || !(program || jitModule) || !lowered.resolved) return lowered;
  // The test table as lowered: from the artifact, or from the compiled module made of it.
  const table = program?.tests ?? jitModule!.info.tests;
  const { unitPaths } = lowered.resolved;
  const shown = (name: string) => displayPath(req.cwd, unitPaths, name);
  // LANGUAGE.md §5.18: a failure is reported at the innermost frame in the failing test's own
  // project, i.e. the root (host, dependency or corelib) that holds the test's file; a
  // dependency's materialized copy lives under the project folder, so unit names alone cannot
  // tell. Assembly placed each unit in its innermost root (a host root "." contains obj/…/deps).
  const rootOfUnit = new Map(lowered.resolved.assembly.units.map((u) => [u.fileName, u.rootIndex]));
  const isOwnFile = (file: string, testFile: string): boolean => {
    const root = rootOfUnit.get(file) ?? -1;
    return root >= 0 && root === rootOfUnit.get(testFile);
  };
  const started = performance.now();
  const results: (TestCaseResult | undefined)[] = new Array(table.length);
  const toRun: { index: number; qualifiedName: string }[] = [];
  let position = 0;
  table.forEach((entry, index) => {
    const base = {
      name: entry.name,
      qualified_name: entry.qualifiedName,
      file: shown(entry.file),
      line: entry.line,
    };
    const extra = { ...(entry.group ? { group: entry.group } : {}), tags: entry.tags };
    const descriptor: TestDescriptor = {
      name: entry.name,
      qualifiedName: entry.qualifiedName,
      tags: entry.tags,
      group: entry.group ?? "",
      ...(entry.skip?.condition ? { skip: { reason: entry.skip.reason ?? "skip.condition is true" } } : {}),
    };
    const sel = selectTest(descriptor, t);
    const inThisShard = sel.kind !== "filtered_out" && inShard(position++, t.shard);
    if (sel.kind === "filtered_out" || !inThisShard) {
      results[index] = { ...base, ...extra, outcome: "filtered_out", duration_ms: 0 };
    } else if (sel.kind === "skipped") {
      results[index] = { ...base, ...extra, outcome: "skipped", reason: sel.reason, duration_ms: 0 };
    } else {
      toRun.push({ index, qualifiedName: entry.qualifiedName });
    }
  });
  const ran = await runTests(
    jitModule ?? (toRun.length > 0 ? prepared(lowered, program!, cache, "tests") : program!),
    {
      selected: toRun.map((x) => x.index),
      timeoutMs: t.timeoutMs ?? 10_000,
      cwd: req.cwd,
      isOwnFile,
      displayFile: shown,
    },
  );
  ran.forEach((r, i) => {
    const index = toRun[i]!.index;
    const entry = table[index]!;
    results[index] = {
      name: entry.name,
      qualified_name: entry.qualifiedName,
      outcome: r.outcome,
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      duration_ms: Math.round(r.durationMs * 1000) / 1000,
      file: shown(entry.file),
      line: entry.line,
      ...(r.failureAt ? { failure_at: r.failureAt } : {}),
      ...(entry.group ? { group: entry.group } : {}),
      tags: entry.tags,
      ...(r.stdout ? { stdout: r.stdout } : {}),
      ...(r.stderr ? { stderr: r.stderr } : {}),
    };
  });
  const tests = results.map((r) => r!);
  return { ...lowered, report: { summary: summarize(tests, performance.now() - started), tests } };
}

/**
 * `build`: lower (cached), then the AOT backend. Outputs are named after the target label
 * (else the input file's stem) and go to `obj/beskid/build/<target>/` unless `--output`
 * says otherwise; the default kind follows the target kind (`Lib` → shared, else exe).
 * `env` supplies `CC`/`AR`.
 */
export async function buildProject(
  req: ProjectRequest,
  cache: CacheRequest,
  b: BuildRequest,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<BuildResult> {
  const lowered = await lowerProject(req, cache);
  const { program: _p, resolved: _r, ...base } = lowered;
  if (!lowered.ok || !lowered.program || !lowered.resolved) return { ...base, ok: false, outputs: [] };
  const plan = lowered.resolved.plan;
  const target = plan.target;
  const stem = target?.label ?? stemOf(plan.entryFile);
  const kinds: AotOutputKind[] = b.kinds?.length ? [...b.kinds] : [target?.kind === "Lib" ? "shared" : "exe"];
  const output = b.output !== undefined ? resolvePath(req.cwd, b.output) : undefined;
  // One kind and an `--output` that is not a folder (no trailing slash, not an existing
  // folder) names the file itself; otherwise `--output` is the folder.
  const single =
    kinds.length === 1 &&
    output !== undefined &&
    !/[\\/]$/.test(b.output!) &&
    !(existsSync(output) && statSync(output).isDirectory());
  const outDir =
    output !== undefined && !single ? output : join(plan.projectDir, "obj", "beskid", "build", stem);
  const r = await buildArtifact(lowered.program, {
    kinds,
    outDir,
    ...(single ? { outFile: output } : {}),
    stem,
    release: b.release === true,
    ...(b.entrypoint !== undefined ? { entrypoint: b.entrypoint } : {}),
    ...(b.exports !== undefined ? { exports: b.exports } : {}),
    library: target?.kind === "Lib",
    env,
    wasm: (p) => compileArtifact(p),
  });
  const diagnostics = [...lowered.diagnostics, ...displayBackendDiagnostics(r.diagnostics, lowered, req.cwd)];
  return { ...base, ok: r.ok && !hasErrors(diagnostics), diagnostics, outputs: r.outputs };
}
