/**
 * JIT start-up in a fresh process: artifact (or cached compiled module) → first instruction of
 * `main`, the way `beskid-ci run` meets it.
 *
 *   npx tsx bench/jit-startup.ts gen FILE [DIR]   writes the generated 2,001-function artifact
 *                                                 (FILE, its `main` first writes "main\n"); with
 *                                                 DIR, also a generated ~10k-line Beskid project
 *   node bench/out/startup/new.mjs MODE ARGS      (this file bundled with esbuild, as dist/ is)
 *
 * Modes, each one timing in its own process:
 *   --prepare FILE JIT     writes FILE's compiled module (`encodePrepared`) to JIT (untimed)
 *   --cold FILE            artifact bytes → decode → verify → link + emit → compile → runMain
 *   --cached FILE JIT      `loadPrepared` of JIT (a run on a cache hit) → runMain, no spare worker
 *   --prewarmed FILE JIT   as --cached, but the worker was started first (`prewarmMainWorker`, as
 *                          `run` does before resolving) and given WAIT_MS to boot: the latency
 *                          left once the cached module is available
 *   --pipeline DIR         `runProject` of the project in DIR (its cache already filled): the
 *                          whole cached `beskid-ci run` of a 10k-line program, resolve included
 *   --pipeline-nojit DIR   the same after deleting the cached compiled modules (DIR's `.jit`
 *                          files, untimed): a local hit that must decode the artifact and emit
 *   --cli CLI DIR          `node CLI run` in DIR (CLI: that checkout's `scripts/bundle.mjs`
 *                          output), the whole `beskid-ci run` process: wall and the child's CPU
 *   --table LOG            the markdown table of docs/benchmarks.md from jit-startup.sh's output
 *
 * "first" is wall time from the start of the timed span to the moment the program's first write
 * reaches the calling thread (stdout is a callback and a terminal, so the worker posts that write
 * at once): an upper bound of "first instruction of main". CPU figures are `process.cpuUsage()`,
 * all threads of the process, over the same span.
 *
 * `bench/jit-startup.sh [BASELINE_DIR] [ROUNDS]` bundles this driver against this checkout and a
 * baseline checkout (a `git worktree` of an older commit) and runs both, alternating, in one run.
 * Every process starts with the CLI's engine flags (src/util/engine.ts).
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type CodegenArtifact,
  artifactId,
  decodeArtifact,
  encodeArtifact,
  verifyArtifact,
} from "../src/artifact/index.ts";
import {
  compileArtifactDetailed,
  compileModule,
  encodePrepared,
  loadPrepared,
  prepareArtifact,
  prewarmMainWorker,
  runMain,
  type PreparedArtifact,
} from "../src/backends/jit/index.ts";
import { runProject } from "../src/pipeline/spine.ts";
import { tuneEngineForShortRuns } from "../src/util/engine.ts";

/** How long `--prewarmed` lets the spare worker boot (it needs ~45 ms of CPU). */
const WAIT_MS = 400;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function decodeOrThrow(bytes: Uint8Array): CodegenArtifact {
  const decoded = decodeArtifact(bytes);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.artifact;
}

/** Wall ms since `t0` at which the program's first output arrived (set by the sink). */
let first = NaN;
let wall0 = 0;
const firstWrite = (): void => {
  if (Number.isNaN(first)) first = performance.now() - wall0;
};

async function run(prepared: PreparedArtifact): Promise<void> {
  const r = await runMain(prepared, { stdout: firstWrite, ttys: [1] });
  if (r.exitCode !== 0 || Number.isNaN(first)) throw new Error("start-up benchmark failed");
}

const [mode, file, dir] = process.argv.slice(2);
if (mode === "gen") {
  const { largeArtifact } = (await import(["./jit", "ts"].join("."))) as typeof import("./jit.ts");
  writeFileSync(file!, encodeArtifact(largeArtifact(2000, true)));
  if (dir) {
    const { writeStartupProject } = (await import(["./jit-startup-project", "ts"].join("."))) as {
      writeStartupProject(dir: string): void;
    };
    writeStartupProject(dir);
  }
} else if (mode === "--prepare") {
  const bytes = new Uint8Array(readFileSync(file!));
  writeFileSync(dir!, encodePrepared(prepareArtifact(decodeOrThrow(bytes)), artifactId(bytes)));
} else if (mode === "--table") {
  console.log(table(readFileSync(file!, "utf8")));
} else if (mode === "--cached" || mode === "--prewarmed") {
  tuneEngineForShortRuns();
  if (mode === "--prewarmed") {
    prewarmMainWorker();
    await new Promise((r) => setTimeout(r, WAIT_MS));
  }
  wall0 = performance.now();
  const c0 = cpuMs();
  const bytes = new Uint8Array(readFileSync(file!));
  const cached = new Uint8Array(readFileSync(dir!));
  const loaded = loadPrepared(cached, artifactId(bytes));
  if (!loaded.ok) throw new Error(loaded.message);
  const c1 = cpuMs();
  await run(loaded.prepared);
  const c2 = cpuMs();
  console.log(JSON.stringify({ load: c1 - c0, run: c2 - c1, total: c2 - c0, first }));
} else if (mode === "--cli") {
  // `times` (bash) prints the shell's user/sys, then its children's: "0m0.123s 0m0.004s".
  const t0 = performance.now();
  const child = spawn("bash", ["-c", 'node "$0" run >/dev/null; code=$?; times; exit $code', file!], {
    cwd: dir!,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => void (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const wall = performance.now() - t0;
  if (code !== 0) throw new Error(`beskid-ci run exited with ${code}`);
  const times = out.trim().split("\n")[1] ?? "";
  const cpu = [...times.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (t, m) => t + Number(m[1]) * 60 + Number(m[2]),
    0,
  );
  console.log(JSON.stringify({ wall, cpu: cpu * 1000 }));
} else if (mode === "--pipeline" || mode === "--pipeline-nojit") {
  if (mode === "--pipeline-nojit") {
    const cache = join(file!, "obj", "beskid", "cache");
    for (const f of readdirSync(cache)) if (f.endsWith(".jit")) rmSync(join(cache, f));
  }
  tuneEngineForShortRuns();
  wall0 = performance.now();
  const c0 = cpuMs();
  const out = await runProject(
    { cwd: file!, command: "run" },
    { enabled: true, warn: (m) => console.error(`warning: ${m}`) },
    { args: [], env: {}, stdout: { write: firstWrite, writeBytes: firstWrite }, stderr: 2, ttys: [1] },
  );
  const c1 = cpuMs();
  if (!out.ok || out.exitCode !== 0) throw new Error("pipeline start-up benchmark failed");
  console.log(JSON.stringify({ total: c1 - c0, first }));
} else if (mode === "--cold") {
  tuneEngineForShortRuns();
  wall0 = performance.now();
  const t0 = cpuMs();
  const bytes = new Uint8Array(readFileSync(file!));
  const artifact = decodeOrThrow(bytes);
  const t1 = cpuMs();
  const problems = verifyArtifact(artifact, 1);
  if (problems.length > 0) throw new Error(problems[0]);
  const t2 = cpuMs();
  // prepareArtifact's two steps, timed apart.
  const { wasm, info } = compileArtifactDetailed(artifact);
  const t25 = cpuMs();
  const prepared = { ...compileModule(wasm, info), compileMs: 0 };
  const t3 = cpuMs();
  await run(prepared);
  const t4 = cpuMs();
  console.log(
    JSON.stringify({
      decode: t1 - t0,
      verify: t2 - t1,
      emit: t25 - t2,
      compile: t3 - t25,
      run: t4 - t3,
      total: t4 - t0,
      first,
    }),
  );
} else {
  throw new Error("usage: see bench/jit-startup.ts");
}

/** Median (minimum) of each figure per side and mode, as the rows "before | after". */
function table(log: string): string {
  const runs = new Map<string, Record<string, number>[]>();
  for (const line of log.split("\n")) {
    const m = /^(base|new) (--[a-z-]+) (\{.*\})$/.exec(line);
    if (!m) continue;
    const key = `${m[1]} ${m[2]}`;
    runs.set(key, [...(runs.get(key) ?? []), JSON.parse(m[3]!) as Record<string, number>]);
  }
  const cell = (side: string, mode: string, field: string): string => {
    const xs = (runs.get(`${side} ${mode}`) ?? []).map((r) => r[field]).filter((x) => x !== undefined);
    if (xs.length === 0) return "–";
    xs.sort((a, b) => a - b);
    const mid = xs.length % 2 ? xs[xs.length >> 1]! : (xs[xs.length / 2 - 1]! + xs[xs.length / 2]!) / 2;
    return `${mid.toFixed(1)} (${xs[0]!.toFixed(1)})`;
  };
  const rows: [string, string, string][] = [
    ["cold: decode (`decodeArtifact`), CPU", "--cold", "decode"],
    ["cold: verify (`verifyArtifact(…, 1)`), CPU", "--cold", "verify"],
    ["cold: link + emit (`compileArtifactDetailed`), CPU", "--cold", "emit"],
    ["cold: `new WebAssembly.Module` (lazy compilation), CPU", "--cold", "compile"],
    ["cold: `runMain`, no spare worker, CPU", "--cold", "run"],
    ["cold: artifact bytes → first instruction, **wall**", "--cold", "first"],
    ["cached: `loadPrepared` of the `.jit`, CPU", "--cached", "load"],
    ["cached: `runMain`, no spare worker, CPU", "--cached", "run"],
    ["cached, no spare worker: `.jit` → first instruction, **wall**", "--cached", "first"],
    ["cached, prewarmed worker: `loadPrepared` + `runMain`, CPU", "--prewarmed", "total"],
    ["cached, prewarmed worker: `.jit` → first instruction, **wall**", "--prewarmed", "first"],
    ["`runProject` of the 10k-line project, cache hit, CPU", "--pipeline", "total"],
    ["`runProject`, cache hit: call → first instruction, **wall**", "--pipeline", "first"],
    ["`runProject`, cache hit without `.jit`, CPU", "--pipeline-nojit", "total"],
    [
      "`runProject`, cache hit without `.jit`: call → first instruction, **wall**",
      "--pipeline-nojit",
      "first",
    ],
    ["`beskid-ci run` process (bundled CLI), cache hit, CPU", "--cli", "cpu"],
    ["`beskid-ci run` process (bundled CLI), cache hit, **wall**", "--cli", "wall"],
  ];
  const out = ["| Path (ms: median (min)) | before | after |", "| --- | ---: | ---: |"];
  for (const [label, mode, field] of rows)
    out.push(`| ${label} | ${cell("base", mode, field)} | ${cell("new", mode, field)} |`);
  return out.join("\n");
}
