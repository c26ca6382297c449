/**
 * Fuzzing the lexer and parser: 100,000 inputs built deterministically (seeded) from the syntax
 * fixtures by token deletions, duplications, swaps, truncations, spliced fragments and random
 * bytes, plus purely random strings. The property: no exception, a complete tree whose root
 * spans the whole text, diagnostics ordered by position, and the same result twice.
 */

import test from "ava";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dumpTree, lex, parseFile } from "../../src/syntax/index.ts";
import { FIXTURES } from "./helpers.ts";

const TOTAL = 100_000;

/** mulberry32: a tiny deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus(): string[] {
  const out: string[] = [];
  for (const area of readdirSync(FIXTURES).sort()) {
    for (const f of readdirSync(join(FIXTURES, area)).sort()) {
      if (f.endsWith(".bd")) out.push(readFileSync(join(FIXTURES, area, f), "utf8"));
    }
  }
  return out;
}

const ALPHABET = "{}()[]<>,;:.=+-*/%!&|?$@^~`'\"\\_aZ09 \n\t#é\u0000/*${}=>::===";

/** Token texts of one fixture, lexed once. */
function piecesOf(src: string): string[] {
  return lex(src, "f.bd")
    .tokens.slice(0, -1)
    .map((t) => src.slice(t.start, t.end));
}

function mutate(original: readonly string[], r: () => number): string {
  // A window of the fixture (or, one time in eight, all of it) keeps each input small, so the
  // 100,000 inputs stay fast while every construct of the corpus still gets mutated.
  const whole = r() < 0.125;
  const from = whole ? 0 : Math.floor(r() * original.length);
  const pieces = whole ? original.slice() : original.slice(from, from + 8 + Math.floor(r() * 56));
  const pick = (): number => Math.floor(r() * Math.max(1, pieces.length));
  const rounds = 1 + Math.floor(r() * 4);
  for (let k = 0; k < rounds && pieces.length > 0; k++) {
    const op = Math.floor(r() * 7);
    const i = pick();
    switch (op) {
      case 0:
        pieces.splice(i, 1);
        break;
      case 1:
        pieces.splice(i, 0, pieces[i]!);
        break;
      case 2: {
        const j = pick();
        const tmp = pieces[i]!;
        pieces[i] = pieces[j]!;
        pieces[j] = tmp;
        break;
      }
      case 3:
        pieces.length = i;
        break;
      case 4: {
        const j = pick();
        pieces.splice(i, 0, ...pieces.slice(j, j + 1 + Math.floor(r() * 8)));
        break;
      }
      case 5:
        pieces.splice(i, 0, ALPHABET[Math.floor(r() * ALPHABET.length)]!);
        break;
      default:
        pieces[i] = pieces[i]!.slice(0, Math.floor(r() * (pieces[i]!.length + 1)));
        break;
    }
  }
  return pieces.join(r() < 0.5 ? " " : "\n");
}

function randomText(r: () => number): string {
  const n = Math.floor(r() * 60);
  let s = "";
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)]!;
  return s;
}

function checkOne(t: import("ava").ExecutionContext, text: string, i: number): boolean {
  let ok = true;
  try {
    const a = parseFile(text, "f.bd");
    if (a.tree.end !== text.length) ok = false;
    for (let k = 1; k < a.diagnostics.length; k++) {
      if ((a.diagnostics[k]!.span?.start ?? 0) < (a.diagnostics[k - 1]!.span?.start ?? 0)) ok = false;
    }
    if (i % 200 === 0) {
      const b = parseFile(text, "f.bd");
      if (dumpTree(a.tree) !== dumpTree(b.tree) || a.diagnostics.length !== b.diagnostics.length) ok = false;
    }
  } catch (e) {
    t.log(`input ${i} threw ${(e as Error).stack}\n${JSON.stringify(text)}`);
    return false;
  }
  if (!ok) t.log(`input ${i} broke an invariant:\n${JSON.stringify(text)}`);
  return ok;
}

test(`fuzz: ${TOTAL} mutated and random inputs never throw`, (t) => {
  const base = corpus().map(piecesOf);
  t.true(base.length >= 80);
  const r = rng(0xbe5c1d);
  let failures = 0;
  const started = performance.now();
  for (let i = 0; i < TOTAL; i++) {
    const text = i % 10 === 9 ? randomText(r) : mutate(base[Math.floor(r() * base.length)]!, r);
    if (!checkOne(t, text, i) && ++failures >= 5) break;
  }
  t.log(`${TOTAL} inputs in ${Math.round(performance.now() - started)} ms`);
  t.is(failures, 0);
});
