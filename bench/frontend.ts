/**
 * Front-end benchmark (issue 4): lex + parse + check a generated, type-correct Beskid program
 * of about 100,000 lines (records with members, enums with match, generics, closures, loops,
 * string interpolation, tests), next to esbuild transforming the same number of lines of
 * TypeScript in the same run. Prints a table; `--write` records it under `## Front end` in
 * docs/benchmarks.md. Standalone: `npx tsx bench/frontend.ts [--write] [--lines N]`.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { transformSync } from "esbuild";
import { parseFile } from "../src/syntax/index.ts";
import { analyze } from "../src/semantics/index.ts";

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

export interface FrontendFigures {
  lines: number;
  files: number;
  coldMs: number;
  warmMs: number;
  checkOnlyWarmMs: number;
  errors: number;
  peakRssMb: number;
  esbuildMs: number;
}

function frontEnd(files: { name: string; text: string }[]): { ms: number; checkMs: number; errors: number } {
  const t0 = performance.now();
  const units = files.map((f) => {
    const p = parseFile(f.text, f.name);
    return {
      file: f.name,
      module: f.name.replace(/\.bd$/, "").replace(/\//g, "."),
      tree: p.tree,
      lineIndex: p.lineIndex,
    };
  });
  const t1 = performance.now();
  const r = analyze(units, { entryModuleIndex: 0 });
  const t2 = performance.now();
  return {
    ms: t2 - t0,
    checkMs: t2 - t1,
    errors: r.diagnostics.filter((d) => d.severity === "error").length,
  };
}

export function benchFrontend(targetLines = 100_000): FrontendFigures {
  const files: { name: string; text: string }[] = [];
  let lines = 0;
  for (let i = 0; lines < targetLines; i++) {
    const text = frontendModule(i);
    files.push({ name: `Gen/M${i}.bd`, text });
    lines += lineCount(text);
  }
  const cold = frontEnd(files);
  let warm = Infinity;
  let checkOnly = Infinity;
  for (let k = 0; k < 3; k++) {
    const r = frontEnd(files);
    warm = Math.min(warm, r.ms);
    checkOnly = Math.min(checkOnly, r.checkMs);
  }
  const ts = tsModule(0, lines);
  let esbuildMs = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    transformSync(ts, { loader: "ts" });
    esbuildMs = Math.min(esbuildMs, performance.now() - t0);
  }
  return {
    lines,
    files: files.length,
    coldMs: cold.ms,
    warmMs: warm,
    checkOnlyWarmMs: checkOnly,
    errors: cold.errors,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    esbuildMs,
  };
}

export function renderFrontend(f: FrontendFigures): string {
  const lps = (ms: number) => Math.round((f.lines / ms) * 1000).toLocaleString("en-US");
  return [
    "## Front end",
    "",
    `\`npx tsx bench/frontend.ts --write\` (bench/frontend.ts): lex + parse + check a generated, type-correct`,
    `program of ${f.lines.toLocaleString("en-US")} lines in ${f.files} modules (records with members, enums with guarded`,
    "`match`, generics, closures, loops, interpolation, tests), all in one process; esbuild transforms the",
    `same number of lines of TypeScript in the same run. Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
    "",
    "| Measure | Value |",
    "|---|---|",
    `| lex + parse + check, first pass | ${f.coldMs.toFixed(0)} ms (${lps(f.coldMs)} lines/s) |`,
    `| lex + parse + check, warm (best of 3) | ${f.warmMs.toFixed(0)} ms (${lps(f.warmMs)} lines/s) |`,
    `| of which checking (warm) | ${f.checkOnlyWarmMs.toFixed(0)} ms |`,
    `| errors reported (must be 0) | ${f.errors} |`,
    `| peak RSS of the process | ${f.peakRssMb.toFixed(0)} MB |`,
    `| esbuild transform, same line count (best of 3) | ${f.esbuildMs.toFixed(0)} ms (${lps(f.esbuildMs)} lines/s) |`,
    "",
  ].join("\n");
}

function writeSection(section: string): void {
  const path = resolve(ROOT, "docs/benchmarks.md");
  const doc = readFileSync(path, "utf8");
  const start = doc.indexOf("## Front end");
  if (start < 0) {
    writeFileSync(path, doc.trimEnd() + "\n\n" + section);
    return;
  }
  const next = doc.indexOf("\n## ", start + 3);
  writeFileSync(path, doc.slice(0, start) + section + (next < 0 ? "" : doc.slice(next + 1)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf("--lines");
  const figures = benchFrontend(i > 0 ? Number(process.argv[i + 1]) : 100_000);
  const section = renderFrontend(figures);
  console.log(section);
  if (process.argv.includes("--write")) writeSection(section);
}
