/**
 * Robustness: random mutations of the semantic fixtures go through the real parser and
 * `analyze` with internal errors rethrown; the checker must never throw, only report.
 * Deterministic (fixed seeds); 100,000 inputs by default (issue 4), `BESKID_FUZZ_N` changes the count.
 */

import test from "ava";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseFile } from "../../src/syntax/index.ts";
import { analyze } from "../../src/semantics/index.ts";
import { modulePathOf, PRELUDE, splitFiles } from "./helpers.ts";

const DIR = resolve(import.meta.dirname, "../fixtures/semantics");
const SEEDS = readdirSync(DIR)
  .filter((n) => n.endsWith(".bd"))
  .sort()
  .map((n) => readFileSync(join(DIR, n), "utf8"));
const WORDS = [
  "i64",
  "match",
  "{",
  "}",
  "(",
  ")",
  ";",
  "?",
  "=>",
  "mut",
  "let",
  "x",
  "Option::None",
  "Result::Ok(1)",
  "return",
  "for",
  "in",
  "range(0, 3)",
  "[",
  "]",
  ".",
  "::",
  "<",
  ">",
  '"s${x}"',
  "this",
  "This",
  "_",
  ",",
  "=",
  "+=",
  "-",
  "!",
  "1",
  "2.5",
  "'c'",
  "true",
  "type",
  "enum",
  "contract",
  "test",
  "use",
  "Core.Results",
  "T",
  "List<T>",
  "x => x",
  "when",
  "break",
  "__array_new(8, 2)",
  "E::A",
];

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function mutate(text: string, r: () => number): string {
  let s = text;
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const p = Math.floor(r() * s.length);
    const k = r();
    if (k < 0.3) s = s.slice(0, p) + s.slice(p + Math.floor(r() * 20));
    else if (k < 0.7) s = s.slice(0, p) + " " + WORDS[Math.floor(r() * WORDS.length)] + " " + s.slice(p);
    else {
      const q = Math.floor(r() * s.length);
      s = s.slice(0, p) + s.slice(q, q + Math.floor(r() * 60)) + s.slice(p);
    }
  }
  return s;
}

test("mutated programs never make the checker throw", (t) => {
  const prelude = splitFiles(PRELUDE).map((f) => {
    const p = parseFile(f.text, f.path.slice(1));
    return { file: f.path.slice(1), module: modulePathOf(f.path), tree: p.tree, lineIndex: p.lineIndex };
  });
  const n = Number(process.env.BESKID_FUZZ_N ?? 100_000);
  const r = rng(20261123);
  let diagnostics = 0;
  for (let i = 0; i < n; i++) {
    const text = mutate(SEEDS[Math.floor(r() * SEEDS.length)]!, r);
    const files = splitFiles(text);
    const units = files.map((f) => {
      const p = parseFile(f.text, f.path.slice(1));
      return { file: f.path.slice(1), module: modulePathOf(f.path), tree: p.tree, lineIndex: p.lineIndex };
    });
    try {
      diagnostics += analyze([...units, ...prelude], { entryModuleIndex: 0, rethrowInternalErrors: true })
        .diagnostics.length;
    } catch (err) {
      t.fail(`input ${i} threw ${(err as Error).stack}\n--- input ---\n${text}`);
      return;
    }
  }
  t.true(diagnostics > 0);
});
