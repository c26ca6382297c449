/**
 * Benchmark of the GitHub Action's own overhead: a cold run (cache miss → assemble, lower,
 * save) against a warm run (exact cache hit, nothing to lower) of the same project, in the
 * same benchmark run, against the in-process fake GitHub results service. Measured twice:
 * in-process (the action's logic plus the real cache client, tar and zstd) and through freshly
 * bundled steps as child processes (adds node start-up per step, as on a runner), with wall and
 * CPU time. Build and tests are off so the figures isolate resolve/restore/lower/save/report.
 *
 * Standalone: `npx tsx bench/action.ts [--write] [--baseline <tree>] [project-folder]` prints a
 * markdown table for `examples/hello` and a generated 200-module project (or only the given
 * folder). `--baseline` names another checkout (e.g. `git worktree add` of an older commit,
 * with node_modules linked): its action runs too, with its own runner sequencing and bundles,
 * pair by pair alternating with this one, so before and after come from one run. `--write`
 * records the table in the generated part of `## Action` in docs/benchmarks.md.
 */

import { execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { FakeGitHub } from "../__tests__/fakes/github/server.ts";
import type {
  makeWorkspace as MakeWorkspace,
  runAction as RunAction,
  StepName,
  StepRunner,
} from "../__tests__/fakes/github/runner.ts";
import type { inProcessRunner as InProcessRunner } from "../__tests__/action/helpers.ts";
import type { pipelineToolchain as PipelineToolchain } from "../src/action/toolchain.ts";

const ROOT = resolve(import.meta.dirname, "..");

/**
 * A project of `modules` generated modules (a type, three functions and a test each, plus
 * `extra` more loop functions of 8 lines each) used by the entry.
 */
export function generateProject(dir: string, modules: number, extra = 0): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "Src", "Gen"), { recursive: true });
  writeFileSync(
    join(dir, "Project.proj"),
    `project {\n    name = "Gen"\n    version = "0.1.0"\n    root = "Src"\n}\n\ntarget "Gen" {\n    kind = App\n    entry = "Main.bd"\n}\n`,
  );
  const uses: string[] = [];
  const calls: string[] = [];
  for (let i = 0; i < modules; i++) {
    const text = [
      "use Testing.Assert;",
      "",
      `/// Generated module ${i}.`,
      `pub type P${i} {`,
      "    i64 x,",
      "    i64 y,",
      "}",
      "",
      `pub i64 F${i}(i64 n) {`,
      "    mut i64 total = 0;",
      "    for k in range(0, n) {",
      `        total += k * ${i + 1};`,
      "    }",
      "    return total;",
      "}",
      "",
      `pub P${i} Make${i}(i64 a) {`,
      `    return P${i} { x: a, y: F${i}(a) };`,
      "}",
      "",
      `pub string Describe${i}(i64 a) {`,
      `    P${i} p = Make${i}(a);`,
      `    return "m${i}: \${p.x} \${p.y}";`,
      "}",
      "",
      `test Checks${i} {`,
      `    Assert.Equal(F${i}(3), ${3 * (i + 1)}, "sum");`,
      "}",
      "",
      ...Array.from({ length: extra }, (_, j) => [
        `pub i64 G${i}x${j}(i64 n) {`,
        `    mut i64 acc = ${j};`,
        "    for k in range(0, n) {",
        `        acc += k * ${j + 2} + F${i}(k);`,
        "    }",
        "    return acc;",
        "}",
        "",
      ]).flat(),
    ].join("\n");
    writeFileSync(join(dir, "Src", "Gen", `M${i}.bd`), text);
    uses.push(`use Gen.M${i};`);
    calls.push(`    Output.WriteLine(M${i}.Describe${i}(3));`);
  }
  writeFileSync(
    join(dir, "Src", "Main.bd"),
    `use Core.Output;\n${uses.join("\n")}\n\ni32 Main() {\n${calls.join("\n")}\n    return 0;\n}\n`,
  );
  return dir;
}

export interface ActionRunFigures {
  readonly totalMs: number;
  /** CPU time of the run: the bench process in-process, the step processes as children. */
  readonly cpuMs: number;
  /** Wall time per step. */
  readonly steps: Partial<Record<StepName, number>>;
  /** CPU time per step (child processes only: in-process steps share the bench's process). */
  readonly stepCpu: Partial<Record<StepName, number>>;
  readonly cacheHit: boolean;
}

export interface ActionBenchResult {
  readonly mode: "in-process" | "child processes";
  readonly project: string;
  /** Which source tree ran: "after" is this checkout, "before" the baseline tree. */
  readonly tree: string;
  readonly cold: ActionRunFigures;
  readonly warm: ActionRunFigures;
  /** warm / cold, wall time. */
  readonly ratio: number;
  /** warm / cold, CPU time. */
  readonly cpuRatio: number;
}

/** One source tree's action: its runner (which sequences the steps as its action.yml does), its step cores, its bundles. */
interface Tree {
  readonly label: string;
  readonly root: string;
  readonly makeWorkspace: typeof MakeWorkspace;
  readonly runAction: typeof RunAction;
  readonly inProcess: StepRunner;
  readonly fake: FakeGitHub;
}

async function loadTree(label: string, root: string): Promise<Tree> {
  const mod = <T>(rel: string) => import(pathToFileURL(join(root, rel)).href) as Promise<T>;
  const runner = await mod<typeof import("../__tests__/fakes/github/runner.ts")>(
    "__tests__/fakes/github/runner.ts",
  );
  const helpers = await mod<{ inProcessRunner: typeof InProcessRunner }>("__tests__/action/helpers.ts");
  const toolchain = await mod<{ pipelineToolchain: typeof PipelineToolchain }>("src/action/toolchain.ts");
  const server = await mod<typeof import("../__tests__/fakes/github/server.ts")>(
    "__tests__/fakes/github/server.ts",
  );
  return {
    label,
    root,
    makeWorkspace: runner.makeWorkspace,
    runAction: runner.runAction,
    inProcess: helpers.inProcessRunner(toolchain.pipelineToolchain()),
    fake: await new server.FakeGitHub().start(),
  };
}

/**
 * Runs `dist/action-<step>.js` as a runner does, recording the child's CPU time (user + system,
 * its own child processes such as `tar` and `zstd` included) per step and in total. The step
 * runs under `bash`, whose `times` reports the children's CPU to the millisecond (GNU `time`
 * rounds to 10 ms, too coarse for steps of 30-60 ms).
 */
function childRunner(
  distDir: string,
  cwd: string,
  cpu: { ms: number },
  stepCpu: Partial<Record<StepName, number>>,
): StepRunner {
  return (step, env) =>
    new Promise((done, reject) => {
      const cpuFile = join(distDir, `cpu-${step}-${process.pid}.txt`);
      const script = join(distDir, `action-${step}.js`);
      const child = spawn(
        "bash",
        ["-c", '"$0" "$1"; code=$?; times > "$2"; exit $code', process.execPath, script, cpuFile],
        { env, cwd, stdio: ["ignore", "pipe", "pipe"] },
      );
      let log = "";
      child.stdout.on("data", (d: Buffer) => (log += d.toString("utf8")));
      child.stderr.on("data", (d: Buffer) => (log += d.toString("utf8")));
      child.on("error", reject);
      child.on("close", (code) => {
        if (existsSync(cpuFile)) {
          // The second line of `times`: the children's user and system time, e.g. "0m0.052s 0m0.011s".
          const line = readFileSync(cpuFile, "utf8").trim().split("\n").at(-1) ?? "";
          const ms = [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
            (sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000,
            0,
          );
          cpu.ms += ms;
          stepCpu[step] = Math.round(ms);
          rmSync(cpuFile, { force: true });
        }
        done({ code: code ?? 1, log });
      });
    });
}

function timed(runner: StepRunner, steps: Partial<Record<StepName, number>>): StepRunner {
  return async (step, env) => {
    const t0 = performance.now();
    const r = await runner(step, env);
    steps[step] = Math.round(performance.now() - t0);
    return r;
  };
}

/**
 * One run of the action. `at` is where the project is checked out: the same folder on every run
 * of a tree, as on a GitHub runner (a tree whose `makeWorkspace` takes no folder uses a new one).
 */
async function once(
  tree: Tree,
  project: string,
  makeRunner: (cwd: string, cpu: { ms: number }, stepCpu: Partial<Record<StepName, number>>) => StepRunner,
  inProcess: boolean,
  at: string,
): Promise<ActionRunFigures> {
  const ws = tree.makeWorkspace(project, ".", join(at, tree.label));
  const steps: Partial<Record<StepName, number>> = {};
  const stepCpu: Partial<Record<StepName, number>> = {};
  const cpu = { ms: 0 };
  try {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await tree.runAction(
      ws,
      tree.fake,
      { inputs: { build: "false", test: "false" } },
      timed(makeRunner(ws.workspace, cpu, stepCpu), steps),
    );
    const totalMs = Math.round(performance.now() - t0);
    const used = process.cpuUsage(c0);
    if (inProcess) cpu.ms = (used.user + used.system) / 1000;
    if (r.failed.length) throw new Error(`bench run failed in ${r.failed.join(", ")}:\n${r.log}`);
    return { totalMs, cpuMs: Math.round(cpu.ms), steps, stepCpu, cacheHit: r.action["cache-hit"] === "true" };
  } finally {
    ws.cleanup();
  }
}

/** Folder for a tree's bundles inside that tree (so they find its corelib as dist/ does). */
function bundleDir(root: string): string {
  const nm = join(root, "node_modules");
  const inside = existsSync(nm) && realpathSync(nm) === nm ? join(nm, ".cache") : root;
  return join(inside, `.beskid-action-bench-${process.pid}`);
}

/**
 * Best (lowest CPU time: the machine is shared, wall time follows its load) of `reps` cold and
 * warm runs per tree and mode; each pair starts from an
 * empty cache service. The trees alternate pair by pair, so load on the machine hits both alike.
 */
export async function benchAction(
  project = join(ROOT, "examples/hello"),
  reps = 7,
  baseline?: string,
): Promise<ActionBenchResult[]> {
  const trees = [await loadTree("after", ROOT)];
  if (baseline) trees.unshift(await loadTree("before", resolve(baseline)));
  const results: ActionBenchResult[] = [];
  const dists = new Map<Tree, string>();
  const at = mkdtempSync(join(tmpdir(), "beskid-action-runner-"));
  try {
    for (const tree of trees) {
      const dist = bundleDir(tree.root);
      mkdirSync(join(dist, ".."), { recursive: true });
      execFileSync(process.execPath, ["scripts/bundle.mjs", "--outdir", dist], {
        cwd: tree.root,
        stdio: "pipe",
      });
      // dist/ lies in the package, whose package.json says "type": "module"; a folder inside
      // node_modules does not see it, and node would then read every chunk once more to detect
      // its module format (2-9 ms CPU per step process): declare it, as for dist/.
      writeFileSync(join(dist, "package.json"), '{ "type": "module" }\n');
      dists.set(tree, dist);
      // One throw-away run warms node's own JIT, so "cold" means a cold cache only.
      await once(tree, project, () => tree.inProcess, true, at);
    }
    const modes = [
      { mode: "in-process" as const, inProcess: true, runner: (t: Tree) => () => t.inProcess },
      {
        mode: "child processes" as const,
        inProcess: false,
        runner: (t: Tree) => (cwd: string, cpu: { ms: number }, stepCpu: Partial<Record<StepName, number>>) =>
          childRunner(dists.get(t)!, cwd, cpu, stepCpu),
      },
    ];
    for (const m of modes) {
      const best = new Map<Tree, { cold?: ActionRunFigures; warm?: ActionRunFigures }>();
      for (let i = 0; i < reps; i++) {
        for (const tree of trees) {
          tree.fake.caches.length = 0;
          const c = await once(tree, project, m.runner(tree), m.inProcess, at);
          const w = await once(tree, project, m.runner(tree), m.inProcess, at);
          if (c.cacheHit || !w.cacheHit) throw new Error("bench: expected a miss then an exact hit");
          const b = best.get(tree) ?? {};
          if (!b.cold || c.cpuMs < b.cold.cpuMs) b.cold = c;
          if (!b.warm || w.cpuMs < b.warm.cpuMs) b.warm = w;
          best.set(tree, b);
        }
      }
      for (const tree of trees) {
        const { cold, warm } = best.get(tree)!;
        results.push({
          mode: m.mode,
          project,
          tree: tree.label,
          cold: cold!,
          warm: warm!,
          ratio: warm!.totalMs / cold!.totalMs,
          cpuRatio: warm!.cpuMs / cold!.cpuMs,
        });
      }
    }
  } finally {
    for (const tree of trees) await tree.fake.close();
    for (const dist of dists.values()) rmSync(dist, { recursive: true, force: true });
    rmSync(at, { recursive: true, force: true });
  }
  return results;
}

/** A step's wall time, and its CPU time where measured apart (child processes): `wall / CPU`. */
function stepCell(f: ActionRunFigures, step: StepName): string {
  if (f.steps[step] === undefined) return "—";
  const cpu = f.stepCpu[step];
  return cpu === undefined ? `${f.steps[step]} ms` : `${f.steps[step]} / ${cpu} ms`;
}

export function renderActionBench(results: readonly ActionBenchResult[]): string {
  const order: StepName[] = ["resolve", "restore", "lower", "save", "report"];
  const trees = new Set(results.map((r) => r.tree)).size > 1;
  const lines = [
    `| Project | Mode |${trees ? " Tree |" : ""} Run | Cache | Wall | CPU | ${order.join(" | ")} |`,
    `|---|---|${trees ? "---|" : ""}---|---|---:|---:|${order.map(() => "---:").join("|")}|`,
  ];
  for (const r of results) {
    const head = `| ${basename(r.project)} | ${r.mode} |${trees ? ` ${r.tree} |` : ""}`;
    for (const [name, f] of [
      ["cold", r.cold],
      ["warm", r.warm],
    ] as const) {
      lines.push(
        `${head} ${name} | ${f.cacheHit ? "exact hit" : "miss"} | ${f.totalMs} ms | ${f.cpuMs} ms | ${order.map((s) => stepCell(f, s)).join(" | ")} |`,
      );
    }
    lines.push(
      `${head} **warm / cold** | | **${(r.ratio * 100).toFixed(0)} %** | **${(r.cpuRatio * 100).toFixed(0)} %** | ${order.map(() => "").join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

const START = "<!-- bench/action.ts: generated from here -->";
const END = "<!-- bench/action.ts: generated up to here -->";

/**
 * Replaces the generated part of the `## Action` section of docs/benchmarks.md (between the
 * markers; the hand-written analysis after them stays), or appends the section.
 */
export function writeActionSection(markdown: string, file = join(ROOT, "docs/benchmarks.md")): void {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const generated = `${START}\n\n${markdown.trim()}\n\n${END}`;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  let updated: string;
  if (start >= 0 && end > start) {
    updated = text.slice(0, start) + generated + text.slice(end + END.length);
  } else {
    const at = text.indexOf("\n## Action\n");
    let next = at < 0 ? -1 : text.indexOf("\n## ", at + 1);
    if (next < 0) next = text.length;
    const section = `\n## Action\n\n${generated}\n`;
    updated = at < 0 ? text.replace(/\n*$/, "\n") + section : text.slice(0, at) + section + text.slice(next);
  }
  writeFileSync(file, updated);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const write = args.includes("--write");
  const b = args.indexOf("--baseline");
  const baseline = b >= 0 ? args[b + 1] : undefined;
  const projectArg = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--baseline");
  const scratch = mkdtempSync(join(tmpdir(), "beskid-action-bench-"));
  try {
    const projects = projectArg
      ? [resolve(projectArg)]
      : [
          join(ROOT, "examples/hello"),
          generateProject(join(scratch, "gen200"), 200),
          generateProject(join(scratch, "gen1000"), 1000, 9),
        ];
    const load0 = loadavg()[0]!.toFixed(1);
    const results: ActionBenchResult[] = [];
    for (const p of projects) results.push(...(await benchAction(p, 7, baseline)));
    const load1 = loadavg()[0]!.toFixed(1);
    const table = renderActionBench(results);
    process.stdout.write(table + "\n");
    if (write) {
      writeActionSection(
        [
          `\`npx tsx bench/action.ts --write${baseline ? " --baseline <worktree of the old commit>" : ""}\` (bench/action.ts): the action's steps against`,
          "the in-process fake GitHub results service, build and tests off. *cold* = cache miss (resolve, restore",
          "miss, assemble and lower, save the cache folder, report); *warm* = the next run of the same project:",
          "exact hit, nothing lowered, no save. Each row is the run with the lowest CPU time of 7 cold→warm pairs;",
          baseline
            ? "*before* (the baseline tree, its own action.yml sequencing and bundles) and *after* (this checkout) alternate pair by pair in one run."
            : "",
          "*in-process* runs the step cores with the real `@actions/core`/`cache`/`artifact` clients (tar + zstd",
          "included; CPU = the bench process's, so tar and zstd are not in it); *child processes* runs freshly",
          "bundled `action-<step>.js` files as a runner does (node start-up and module loading per step; CPU =",
          "user + system of the step processes and their children, such as `tar` and `zstd`, to the millisecond from",
          "`bash`'s `times`). Step cells give wall time; as child processes `wall / CPU` of that step's process. `gen200` is a generated project of 200 modules (a type, three",
          "functions and a test each) plus its corelib closure; `gen1000` has 1000 such modules with nine more",
          "loop functions each (100,000 lines). Every run of a tree checks the project out at the same path, as a",
          "runner does, with an empty cache folder; cold and warm differ only in what the cache service holds.",
          `Machine: ${process.platform} ${process.arch}, 2 cores shared with other work, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${load0} at the start, ${load1} at the end.`,
          "",
          table,
        ]
          .filter((l) => l !== "")
          .join("\n")
          .replace(/\n\| Project/, "\n\n| Project"),
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
