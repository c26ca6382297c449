/**
 * Parsing benchmark: generates a Beskid project text of 100k lines, measures lexing + parsing
 * throughput (lines/second) and the heap the trees hold, and, in the same run, esbuild
 * transforming TypeScript of the same number of lines as a reference point.
 *
 * Every figure comes from fresh child processes (the harness of bench/frontend.ts, mode
 * "parse": the syntax stage bundled as dist/ is, pinned to one core): the first pass is a
 * one-shot CLI run's cost, later passes in the same child give the steady state.
 * `--compare DIR` measures the `src/` of another checkout (e.g. a `git worktree` of an older
 * commit) in the same run, alternating children, for before/after figures side by side.
 *
 * Runnable standalone (`npx tsx bench/parse.ts [--compare DIR] [--runs N]`, which also writes
 * the figures under `## Parsing` in docs/benchmarks.md). Not a test: it asserts nothing.
 */

import { readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../src/util/fs.ts";
import { describeMachine, esbuildReference, runFrontendChildren, type ChildReport } from "./frontend.ts";

/** One module of about 100 lines exercising the common constructs. */
export function beskidModule(i: number): string {
  return `/// Module ${i}: geometry helpers.
mod Bench.Geo${i};

use Core.Output;
use Collections.Array as Arr;

/// A point.
pub type Point${i} {
    i64 x,
    i64 y,

    /// Distance along grid lines.
    pub i64 Grid() => Abs${i}(x) + Abs${i}(y);
}

pub enum Shape${i} {
    Dot(Point${i} at),
    Square(Point${i} corner, i64 side),
    Label(string, i32),
    Nothing,
}

pub contract Area${i} {
    i64 Area();
}

impl Point${i} : Area${i} {
    pub i64 Area() {
        return x * y;
    }
}

i64 Abs${i}(i64 v) {
    if v < 0 {
        return -v;
    } else if v == 0 {
        return 0;
    }
    return v;
}

pub i64 Measure${i}(Shape${i} shape) {
    return match shape {
        Shape${i}::Square(_, side) => side * side,
        Shape${i}::Dot(_) => 1,
        Shape${i}::Label(text, n) when n > 0 => 2,
        _ => 0,
    };
}

pub i64 Sum${i}(i64[] values) {
    mut i64 total = 0;
    for i in range(0, Arr.Len(values)) {
        total += values[i];
    }
    let doubled = Map<i64>(values, v => v * 2);
    unit(string) log = s => { Output.WriteLine("log: \${s}"); };
    List<i64> xs = List.New<i64>();
    while total > 1000 && xs.Count() < 10 || false {
        total = total - 1_000 >> 1;
    }
    log("total=\${total} of \${Arr.Len(values)}");
    return total;
}

i32 Run${i}() {
    Point${i} p = Point${i} { x: 3, y: -4 };
    Shape${i}[] shapes = [Shape${i}::Dot(p), Shape${i}::Square(p, 2), Shape${i}::Nothing];
    i64 grid = p.Grid();
    string name = "shape \\t \${grid}";
    let r = Core.Results.Ok<i64>(grid)?;
    if grid != 7 {
        return 1;
    }
    return 0;
}

test Measures${i} {
    meta { tags = "fast"; group = "geo.area"; }
    Shape${i} s = Shape${i}::Square(Point${i} { x: 0, y: 0 }, 3);
    Assert.Equal(Measure${i}(s), 9, "a 3x3 square");
}
`;
}

/** TypeScript of a similar shape, for the esbuild reference. */
function tsModule(i: number): string {
  return `/** Module ${i}. */
export interface Point${i} {
  x: number;
  y: number;
}

export type Shape${i} =
  | { kind: "dot"; at: Point${i} }
  | { kind: "square"; corner: Point${i}; side: number }
  | { kind: "nothing" };

export function abs${i}(v: number): number {
  if (v < 0) {
    return -v;
  } else if (v === 0) {
    return 0;
  }
  return v;
}

export function measure${i}(shape: Shape${i}): number {
  switch (shape.kind) {
    case "square":
      return shape.side * shape.side;
    case "dot":
      return 1;
    default:
      return 0;
  }
}

export function sum${i}(values: number[]): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    total += values[i]!;
  }
  const doubled = values.map((v) => v * 2);
  const log = (s: string): void => {
    console.log(\`log: \${s}\`);
  };
  const xs: number[] = [];
  while ((total > 1000 && xs.length < 10) || false) {
    total = (total - 1000) >> 1;
  }
  log(\`total=\${total} of \${values.length} \${doubled.length}\`);
  return total;
}

export function run${i}(): number {
  const p: Point${i} = { x: 3, y: -4 };
  const shapes: Shape${i}[] = [{ kind: "dot", at: p }, { kind: "square", corner: p, side: 2 }, { kind: "nothing" }];
  const grid = abs${i}(p.x) + abs${i}(p.y);
  const name = \`shape \\t \${grid}\`;
  if (grid !== 7 || shapes.length !== 3 || name.length === 0) {
    return 1;
  }
  return 0;
}

export class Counter${i} {
  private count = 0;
  increment(by: number): number {
    this.count += by;
    return this.count;
  }
  reset(): void {
    this.count = 0;
  }
}

export const table${i}: Record<string, number> = {
  alpha: 1,
  beta: 2,
  gamma: 3,
  delta: 4,
};

export function describe${i}(c: Counter${i}): string {
  const n = c.increment(1);
  return n > 2 ? "many" : "few";
}
`;
}

export function repeatToLines(make: (i: number) => string, lines: number): string[] {
  const out: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const text = make(i);
    out.push(text);
    count += text.split("\n").length - 1;
  }
  return out;
}

const countLines = (texts: readonly string[]): number =>
  texts.reduce((n, t) => n + t.split("\n").length - 1, 0);

export interface ParseBench {
  readonly reports: ChildReport[];
  readonly pinned?: string;
  readonly bytes: number;
  readonly runs: number;
  readonly esbuild: { firstMs: number; bestMs: number };
  readonly machine: string;
}

export async function benchParse(
  options: { lines?: number; runs?: number; compare?: string } = {},
): Promise<ParseBench> {
  const machine = describeMachine(undefined);
  const texts = repeatToLines(beskidModule, options.lines ?? 100_000);
  const files = texts.map((text, i) => ({ name: `Bench/Geo${i}.bd`, text }));
  const roots: [string, string][] = [];
  if (options.compare !== undefined) roots.push(["before", resolve(options.compare)]);
  roots.push([
    options.compare !== undefined ? "after" : "value",
    resolve(fileURLToPath(import.meta.url), "../.."),
  ]);
  const runs = options.runs ?? 3;
  const r = await runFrontendChildren({ mode: "parse", files, roots, runs, warmRuns: 5, oneCore: true });
  const esbuild = await esbuildReference(repeatToLines(tsModule, countLines(texts)).join("\n"), 5);
  return {
    ...r,
    bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0),
    runs,
    esbuild,
    machine: describeMachine(r.pinned).replace(
      /load average [0-9.]+/,
      machine.match(/load average [0-9.]+/)![0],
    ),
  };
}

const f0 = (x: number): string => (Number.isFinite(x) ? x.toFixed(0) : "-");

/** Replaces (or appends) the `## Parsing` section of docs/benchmarks.md. */
export function writeParsingSection(docPath: string, b: ParseBench, when: string, notes: string): void {
  const cols = b.reports;
  const first = cols[0]!.median;
  const row = (name: string, f: (x: ChildReport["median"]) => string): string =>
    `| ${name} | ${cols.map((c) => f(c.median)).join(" | ")} |`;
  const lps = (ms: number): string => Math.round((first.lines / ms) * 1000).toLocaleString("en-US");
  const section = [
    "## Parsing",
    "",
    `Measured ${when} with \`npx tsx bench/parse.ts${cols.length > 1 ? " --compare <worktree>" : ""}\` (bench/parse.ts).`,
    `Input: ${first.lines.toLocaleString("en-US")} lines of generated Beskid in ${first.files} files (${(b.bytes / 1048576).toFixed(1)} MB) covering the common grammar; all trees are kept alive, as assembly does.`,
    `Each column is a fresh child process running the syntax stage bundled as dist/ is; ${b.runs} children per column, run alternately, the one with the median first-pass CPU time shown.`,
    `${b.machine}.`,
    "",
    `| Measure | ${cols.map((c) => c.label).join(" | ")} |`,
    `|---|${cols.map(() => "---:").join("|")}|`,
    row("lex + parse, all files, first pass (cold JIT): CPU ms", (x) => f0(x.coldCpuMs)),
    row("… wall ms (lines/s)", (x) => `${f0(x.coldMs)} (${lps(x.coldMs)})`),
    row("lex + parse, warm (best of 5 more passes in the same child): wall ms", (x) => f0(x.warmMs)),
    row("warm throughput, lines/s", (x) => lps(x.warmMs)),
    row("lex + parse, warm, each tree dropped at once (best of 5): wall ms", (x) => f0(x.droppedMs)),
    row("heap held by the trees, MB", (x) => x.heldMb.toFixed(1)),
    row("peak RSS of the process after the first pass, MB", (x) => f0(x.coldPeakRssMb)),
    row("syntax errors in the input", (x) => String(x.errors)),
    "",
    `esbuild, same run, one TypeScript file of ${first.lines.toLocaleString("en-US")} lines: first call ${f0(b.esbuild.firstMs)} ms, best of 5 ${f0(b.esbuild.bestMs)} ms (${lps(b.esbuild.bestMs)} lines/s).`,
    "",
    `All children, first-pass CPU ms: ${cols.map((c) => `${c.label} ${c.all.map((x) => f0(x.coldCpuMs)).join(", ")}`).join("; ")}.`,
    "",
    ...(notes ? [notes, ""] : []),
  ].join("\n");
  const existing = existsSync(docPath) ? readFileSync(docPath, "utf8") : "# Benchmarks\n\n";
  const start = existing.indexOf("## Parsing");
  let next: string;
  if (start < 0) {
    next = existing.replace(/\n*$/, "\n\n") + section;
  } else {
    const after = existing.indexOf("\n## ", start + 1);
    next = existing.slice(0, start) + section + (after < 0 ? "" : "\n" + existing.slice(after + 1));
  }
  writeFileAtomic(docPath, next);
}

/** The prose kept under the table (everything after the "All children" line of the current section). */
function currentNotes(docPath: string): string {
  if (!existsSync(docPath)) return "";
  const doc = readFileSync(docPath, "utf8");
  const start = doc.indexOf("## Parsing");
  if (start < 0) return "";
  const end = doc.indexOf("\n## ", start + 1);
  const body = doc.slice(start, end < 0 ? undefined : end);
  const marker = body.indexOf("\nAll children");
  if (marker < 0) return "";
  const afterLine = body.indexOf("\n", marker + 1);
  return afterLine < 0 ? "" : body.slice(afterLine).trim();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const compare = arg("--compare");
  const runs = arg("--runs");
  const b = await benchParse({
    ...(compare !== undefined ? { compare } : {}),
    ...(runs ? { runs: Number(runs) } : {}),
  });
  for (const c of b.reports) console.log(c.label, JSON.stringify(c.median));
  const root = resolve(fileURLToPath(import.meta.url), "../..");
  const doc = join(root, "docs/benchmarks.md");
  writeParsingSection(doc, b, new Date().toISOString().slice(0, 10), currentNotes(doc));
}
