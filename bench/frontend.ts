/**
 * Front-end benchmark (issue 4): lex + parse + check a generated, type-correct Beskid program
 * of about 100,000 lines (records with members, enums with match, generics, closures, loops,
 * string interpolation, tests), next to esbuild transforming the same number of lines of
 * TypeScript in the same run. Prints a table; `--write` records it under `## Front end` in
 * docs/benchmarks.md. Standalone:
 * `npx tsx bench/frontend.ts [--write] [--lines N] [--runs N] [--compare DIR] [--node-flags "…"] [--all-cores]`.
 *
 * The target is a one-shot CLI run, so every figure comes from a fresh child process: this file
 * is bundled with esbuild the way scripts/bundle.mjs bundles dist/ (ESM, node20, no tsx and
 * its per-function `__name` wrappers), the generated files are written to a temporary folder,
 * and the child reads them, then lexes, parses and checks them once (the cold figure: the
 * JIT starts from nothing) and reports its CPU time and peak RSS; warm passes follow in the
 * same child. The child is pinned to one core with `taskset` when available (`--all-cores`
 * lets V8's helper threads use the other core). `--compare DIR` bundles a second child from
 * the `src/` of another checkout (e.g. a `git worktree` of an older commit) and runs both
 * alternately, so before and after come from one run on the same machine state.
 * `runFrontendChildren` is shared with bench/parse.ts (mode "parse": lex + parse only).
 */

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseFile } from "../src/syntax/index.ts";
import { analyze } from "../src/semantics/index.ts";
import { SHORT_RUN_FLAGS } from "../src/util/engine.ts";

const ROOT = resolve(import.meta.dirname, "..");

/** One module of ~100 lines that checks without diagnostics on its own. */
export function frontendModule(i: number): string {
  return `/// Generated module ${i}.
pub type Point${i} {
    i64 x,
    i64 y,

    pub i64 Manhattan() => Abs${i}(x) + Abs${i}(y);

    pub Point${i} Scaled(i64 k) {
        return Point${i} { x: x * k, y: y * k };
    }
}

pub enum Shape${i} {
    Dot(Point${i} at),
    Square(Point${i} corner, i64 side),
    Circle(Point${i} center, i64 radius),
    Nothing,
}

pub type Box${i}<T> {
    T value,
    i64 count,
}

i64 Abs${i}(i64 v) {
    if v < 0 {
        return -v;
    }
    return v;
}

pub i64 Area${i}(Shape${i} shape) {
    return match shape {
        Shape${i}::Square(_, side) when side > 100 => 10000,
        Shape${i}::Square(_, side) => side * side,
        Shape${i}::Circle(_, r) => 3 * r * r,
        Shape${i}::Dot(_) => 1,
        Shape${i}::Nothing => 0,
    };
}

pub T Pick${i}<T>(bool first, T a, T b) {
    if first {
        return a;
    }
    return b;
}

pub Box${i}<T> Wrap${i}<T>(T value) {
    return Box${i}<T> { value: value, count: 1 };
}

pub i64 Sum${i}(i64[] values) {
    mut i64 total = 0;
    for v in values {
        total += v;
    }
    return total;
}

pub i64 Loops${i}(i64 n) {
    mut i64 acc = 0;
    mut i64 i = 0;
    while i < n {
        if i % 3 == 0 {
            i += 1;
            continue;
        } else if i > 1000 {
            break;
        }
        acc = acc + i * ${(i % 7) + 1};
        i += 1;
    }
    return acc;
}

pub string Describe${i}(Point${i} p) {
    i64 m = p.Manhattan();
    string label = "point ${"${p.x}"},${"${p.y}"} at distance ${"${m}"}";
    return label;
}

pub i64 Counter${i}(i64 steps) {
    mut i64 count = 0;
    unit(i64) add = k => { count += k; };
    for s in range(0, steps) {
        add(s);
    }
    return count;
}

test Module${i}Works {
    meta { tags = "generated"; group = "bench.m${i}"; }
    Point${i} p = Point${i} { x: 3, y: -4 };
    i64 a = Area${i}(Shape${i}::Square(p, 5));
    i64 s = Sum${i}([1, 2, 3]);
    Box${i}<string> b = Wrap${i}("x");
    string d = Describe${i}(p.Scaled(2));
    i64 c = Counter${i}(4) + Loops${i}(10) + Pick${i}(true, a, s) + b.count;
}
`;
}

function tsModule(i: number, lines: number): string {
  const out: string[] = [];
  for (let k = 0; out.length < lines; k++) {
    out.push(
      `export function f${i}_${k}(a: number, b: number): number {`,
      `  const c = a * ${k} + b;`,
      "  return c > 10 ? c : -c;",
      "}",
    );
  }
  return out.slice(0, lines).join("\n") + "\n";
}

function lineCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

// ================= the child process =================

/** What one child reports (JSON on stdout). Times in ms, memory in MB. */
export interface ChildFigures {
  readonly mode: "check" | "parse";
  readonly files: number;
  readonly lines: number;
  /** Cold pass: wall time, CPU time of the whole process during it (user + system, all threads). */
  readonly coldMs: number;
  readonly coldCpuMs: number;
  readonly coldParseMs: number;
  readonly coldCheckMs: number;
  /** Time from process start to the end of the cold pass (node start-up, module load, file reads included). */
  readonly processMs: number;
  /** Peak RSS of the process at the end of the cold pass. */
  readonly coldPeakRssMb: number;
  /** Heap still used after a full GC with all trees (and the typed program) alive, minus the baseline. */
  readonly heldMb: number;
  readonly errors: number;
  /** Warm passes in the same process (best of `runs`): total and the checking (or dropped-tree parsing) part. */
  readonly warmMs: number;
  readonly warmCpuMs: number;
  readonly warmCheckMs: number;
  readonly droppedMs: number;
  readonly finalPeakRssMb: number;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
}

function childMain(dir: string, mode: "check" | "parse", runs: number): ChildFigures {
  const gc = (globalThis as { gc?: () => void }).gc;
  const names = JSON.parse(readFileSync(join(dir, "files.json"), "utf8")) as string[];
  const files = names.map((name) => ({ name, text: readFileSync(join(dir, name), "utf8") }));
  const lines = files.reduce((n, f) => n + lineCount(f.text), 0);
  gc?.();
  const baseHeap = process.memoryUsage().heapUsed;

  const pass = (): {
    ms: number;
    cpu: number;
    parseMs: number;
    checkMs: number;
    errors: number;
    keep: unknown;
  } => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let errors = 0;
    const units = files.map((f) => {
      const p = parseFile(f.text, f.name);
      for (const d of p.diagnostics) if (d.severity === "error") errors++;
      return {
        file: f.name,
        module: f.name.replace(/\.bd$/, "").replace(/\//g, "."),
        tree: p.tree,
        lineIndex: p.lineIndex,
      };
    });
    const t1 = performance.now();
    let keep: unknown = units;
    if (mode === "check") {
      const r = analyze(units, { entryModuleIndex: 0 });
      for (const d of r.diagnostics) if (d.severity === "error") errors++;
      keep = [units, r];
    }
    const t2 = performance.now();
    return { ms: t2 - t0, cpu: cpuMs(c0), parseMs: t1 - t0, checkMs: t2 - t1, errors, keep };
  };

  const cold = pass();
  const processMs = performance.now();
  const coldPeakRssMb = process.resourceUsage().maxRSS / 1024;
  gc?.();
  const heldMb = (process.memoryUsage().heapUsed - baseHeap) / 1048576;
  if (cold.keep === undefined) throw new Error("unreachable");

  let warmMs = Infinity;
  let warmCpuMs = 0;
  let warmCheckMs = Infinity;
  for (let r = 0; r < runs; r++) {
    gc?.();
    const w = pass();
    if (w.ms < warmMs) {
      warmMs = w.ms;
      warmCpuMs = w.cpu;
    }
    warmCheckMs = Math.min(warmCheckMs, w.checkMs);
  }
  let droppedMs = Infinity;
  if (mode === "parse") {
    // The same work with each tree dropped at once: lexing and parsing without keeping the trees.
    for (let r = 0; r < runs; r++) {
      gc?.();
      const t0 = performance.now();
      let items = 0;
      for (const f of files) items += parseFile(f.text, f.name).tree.items.length;
      droppedMs = Math.min(droppedMs, performance.now() - t0);
      if (items === 0) throw new Error("unreachable");
    }
  }
  return {
    mode,
    files: files.length,
    lines,
    coldMs: cold.ms,
    coldCpuMs: cold.cpu,
    coldParseMs: cold.parseMs,
    coldCheckMs: cold.checkMs,
    processMs,
    coldPeakRssMb,
    heldMb,
    errors: cold.errors,
    warmMs,
    warmCpuMs,
    warmCheckMs: mode === "check" ? warmCheckMs : NaN,
    droppedMs: mode === "parse" ? droppedMs : NaN,
    finalPeakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

// ================= the parent =================

export interface ChildOptions {
  readonly mode: "check" | "parse";
  /** The generated files: name (`Gen/M0.bd`) and text. */
  readonly files: readonly { name: string; text: string }[];
  /**
   * Labelled source roots (checkouts) to measure, e.g. `[["before", "/tmp/old"], ["after", ROOT]]`,
   * each optionally with extra node/V8 flags for its children (a tuning experiment column).
   */
  readonly roots: readonly (readonly [label: string, root: string, nodeFlags?: readonly string[]])[];
  /** Child processes per root (alternating between roots); the one with the median cold CPU is reported. */
  readonly runs: number;
  /** Warm passes inside each child. */
  readonly warmRuns: number;
  readonly oneCore: boolean;
}

export interface ChildReport {
  readonly label: string;
  readonly root: string;
  readonly median: ChildFigures;
  readonly all: readonly ChildFigures[];
}

/** The core to pin children to (the last one), or undefined when `taskset` is missing. */
function pinCore(): string | undefined {
  const r = spawnSync("taskset", ["-c", "0", "true"]);
  return r.status === 0 ? String(cpus().length - 1) : undefined;
}

export async function runFrontendChildren(
  o: ChildOptions,
): Promise<{ reports: ChildReport[]; pinned?: string }> {
  const { build } = await import("esbuild");
  const cacheDir = join(ROOT, "node_modules", ".cache", "beskid-bench");
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "beskid-frontend-"));
  try {
    for (const f of o.files) {
      mkdirSync(resolve(work, f.name, ".."), { recursive: true });
      writeFileSync(join(work, f.name), f.text);
    }
    writeFileSync(join(work, "files.json"), JSON.stringify(o.files.map((f) => f.name)));
    const bundles: string[] = [];
    for (const [i, [, root]] of o.roots.entries()) {
      const outfile = join(cacheDir, `frontend-${o.mode}-${i}.mjs`);
      await build({
        entryPoints: [join(ROOT, "bench", "frontend.ts")],
        outfile,
        bundle: true,
        platform: "node",
        target: "node20",
        format: "esm",
        logLevel: "warning",
        external: ["esbuild"],
        plugins: [
          {
            name: "front-end-root",
            setup(b) {
              // Point the front end at the checkout being measured.
              b.onResolve({ filter: /^\.\.\/src\/(syntax|semantics)\/index\.ts$/ }, (a) => ({
                path: join(root, a.path.slice(3)),
              }));
            },
          },
        ],
      });
      bundles.push(outfile);
    }
    const pinned = o.oneCore ? pinCore() : undefined;
    const all: ChildFigures[][] = o.roots.map(() => []);
    for (let r = 0; r < o.runs; r++) {
      for (let i = 0; i < bundles.length; i++) {
        const flags = o.roots[i]![2] ?? [];
        const args = [...flags, "--expose-gc", bundles[i]!, "--child", work, o.mode, String(o.warmRuns)];
        const cmd = pinned !== undefined ? "taskset" : process.execPath;
        const argv = pinned !== undefined ? ["-c", pinned, process.execPath, ...args] : args;
        const res = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 1 << 24 });
        if (res.status !== 0) throw new Error(`child ${o.roots[i]![0]} failed: ${res.stderr}`);
        all[i]!.push(JSON.parse(res.stdout) as ChildFigures);
      }
    }
    const reports = o.roots.map(([label, root], i) => {
      const sorted = [...all[i]!].sort((a, b) => a.coldCpuMs - b.coldCpuMs);
      return { label, root, median: sorted[Math.floor((sorted.length - 1) / 2)]!, all: all[i]! };
    });
    return { reports, ...(pinned !== undefined ? { pinned } : {}) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** esbuild transforming one TypeScript file (`text`): first call and best of `runs`. */
export async function esbuildReference(
  text: string,
  runs: number,
): Promise<{ firstMs: number; bestMs: number }> {
  const { transformSync } = await import("esbuild");
  let firstMs = 0;
  let bestMs = Infinity;
  for (let k = 0; k <= runs; k++) {
    const t0 = performance.now();
    transformSync(text, { loader: "ts" });
    const ms = performance.now() - t0;
    if (k === 0) firstMs = ms;
    else bestMs = Math.min(bestMs, ms);
  }
  return { firstMs, bestMs };
}

export function generateFrontend(targetLines: number): { name: string; text: string }[] {
  const files: { name: string; text: string }[] = [];
  let lines = 0;
  for (let i = 0; lines < targetLines; i++) {
    const text = frontendModule(i);
    files.push({ name: `Gen/M${i}.bd`, text });
    lines += lineCount(text);
  }
  return files;
}

export function describeMachine(pinned: string | undefined): string {
  const load = loadavg()[0]!.toFixed(1);
  return `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${load} at the start; ${
    pinned !== undefined ? `each child pinned to one core (\`taskset -c ${pinned}\`)` : "children not pinned"
  }`;
}

const f0 = (x: number): string => (Number.isFinite(x) ? x.toFixed(0) : "-");
const lps = (lines: number, ms: number): string => Math.round((lines / ms) * 1000).toLocaleString("en-US");

export function renderFrontend(
  r: { reports: ChildReport[]; pinned?: string },
  esbuild: { firstMs: number; bestMs: number },
  machine: string,
  runs: number,
): string {
  const cols = r.reports;
  const head = `| Measure | ${cols.map((c) => c.label).join(" | ")} |`;
  const rule = `|---|${cols.map(() => "---:").join("|")}|`;
  const row = (name: string, f: (x: ChildFigures) => string): string =>
    `| ${name} | ${cols.map((c) => f(c.median)).join(" | ")} |`;
  const lines = cols[0]!.median.lines;
  const target = (x: ChildFigures): string =>
    `${x.coldCpuMs < 1000 ? "met" : `not met: ${f0(x.coldCpuMs - 1000)} ms over`} / ${
      x.coldPeakRssMb < 300 ? "met" : `not met: ${f0(x.coldPeakRssMb - 300)} MB over`
    }`;
  return [
    "## Front end",
    "",
    `\`npx tsx bench/frontend.ts ${process.argv
      .slice(2)
      .map((a) => (/\s/.test(a) ? `"${a}"` : a))
      .join(" ")}\` (bench/frontend.ts): lex + parse + check a generated, type-correct`,
    `program of ${lines.toLocaleString("en-US")} lines in ${cols[0]!.median.files} modules (records with members, enums with guarded`,
    "`match`, generics, closures, loops, interpolation, tests). Every figure comes from a fresh child",
    "process running the front end bundled as dist/ is (no tsx): the cold pass is what a one-shot CLI run",
    `pays. ${runs} children per column, run alternately; the one with the median cold CPU time is shown.`,
    `${machine}. ${new Date().toISOString().slice(0, 10)}.`,
    "",
    head,
    rule,
    row("lex + parse + check, cold (fresh process): CPU ms", (x) => f0(x.coldCpuMs)),
    row("… wall ms (lines/s)", (x) => `${f0(x.coldMs)} (${lps(x.lines, x.coldMs)})`),
    row("… of which lex + parse / check, wall ms", (x) => `${f0(x.coldParseMs)} / ${f0(x.coldCheckMs)}`),
    row("process start to end of cold pass (start-up, load, reads), wall ms", (x) => f0(x.processMs)),
    row("peak RSS of the process after the cold pass, MB", (x) => f0(x.coldPeakRssMb)),
    row("heap held by trees + typed program, MB", (x) => x.heldMb.toFixed(0)),
    row("errors reported (must be 0)", (x) => String(x.errors)),
    row(
      "warm (same child, best of 3): wall ms (lines/s)",
      (x) => `${f0(x.warmMs)} (${lps(x.lines, x.warmMs)})`,
    ),
    row("… of which checking, wall ms", (x) => f0(x.warmCheckMs)),
    row("target: cold CPU < 1000 ms / peak RSS < 300 MB", target),
    "",
    `esbuild, same run, one TypeScript file of ${lines.toLocaleString("en-US")} lines: first call ${f0(esbuild.firstMs)} ms, best of 3 ${f0(
      esbuild.bestMs,
    )} ms (${lps(lines, esbuild.bestMs)} lines/s); esbuild is native code and uses its own threads.`,
    "",
    `All children, cold CPU ms: ${cols.map((c) => `${c.label} ${c.all.map((x) => f0(x.coldCpuMs)).join(", ")}`).join("; ")}.`,
    "",
  ].join("\n");
}

/**
 * Replaces the `## Front end` section of docs/benchmarks.md, keeping the prose written under the
 * table (everything after its "All children" line).
 */
function writeSection(section: string): void {
  const path = resolve(ROOT, "docs/benchmarks.md");
  const doc = readFileSync(path, "utf8");
  const start = doc.indexOf("## Front end");
  if (start < 0) {
    writeFileSync(path, doc.trimEnd() + "\n\n" + section);
    return;
  }
  const next = doc.indexOf("\n## ", start + 3);
  const old = doc.slice(start, next < 0 ? undefined : next);
  const marker = old.indexOf("\nAll children");
  const lineEnd = marker < 0 ? -1 : old.indexOf("\n", marker + 1);
  const notes = lineEnd < 0 ? "" : old.slice(lineEnd).trim();
  const body = `${section.trimEnd()}\n\n${notes ? `${notes}\n\n` : ""}`;
  writeFileSync(path, doc.slice(0, start) + body + (next < 0 ? "" : doc.slice(next + 1)));
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv.includes("--child")) {
  const i = process.argv.indexOf("--child");
  const [dir, mode, runs] = process.argv.slice(i + 1);
  process.stdout.write(JSON.stringify(childMain(dir!, mode as "check" | "parse", Number(runs))) + "\n");
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const lines = Number(argValue("--lines") ?? 100_000);
  const runs = Number(argValue("--runs") ?? 3);
  const compare = argValue("--compare");
  const roots: [string, string, string[]?][] = [];
  if (compare !== undefined) roots.push(["before", resolve(compare)]);
  // The current tree runs as `beskid-ci` runs it: with the entry points' engine flags
  // (src/util/engine.ts); with --compare, also without them, to show what each part brings.
  if (compare !== undefined) roots.push(["after, no engine flags", ROOT, []]);
  roots.push([compare !== undefined ? "after" : "value", ROOT, [...SHORT_RUN_FLAGS]]);
  // `--node-flags "<flags>"`: one more column, the same front end with these node/V8 flags.
  const nodeFlags = argValue("--node-flags");
  if (nodeFlags !== undefined) roots.push([`after, \`${nodeFlags}\``, ROOT, nodeFlags.split(/\s+/)]);
  const files = generateFrontend(lines);
  const machine = describeMachine(undefined);
  const r = await runFrontendChildren({
    mode: "check",
    files,
    roots,
    runs,
    warmRuns: 3,
    oneCore: !process.argv.includes("--all-cores"),
  });
  const esb = await esbuildReference(tsModule(0, r.reports[0]!.median.lines), 3);
  const section = renderFrontend(
    r,
    esb,
    describeMachine(r.pinned).replace(/load average [0-9.]+/, machine.match(/load average [0-9.]+/)![0]),
    runs,
  );
  console.log(section);
  if (process.argv.includes("--write")) writeSection(section);
}
