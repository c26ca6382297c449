/**
 * Shared helpers of the syntax tests: golden suites over `__tests__/fixtures/syntax/<area>/*.bd`
 * (each source has a `.ast` dump and, when it has diagnostics, a `.diag` next to it; with
 * `BESKID_BLESS=1` the goldens are rewritten instead of compared) and small `check` helpers
 * that touch only the public API of `src/syntax/index.ts`.
 */

import test, { type ExecutionContext } from "ava";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Diagnostic } from "../../src/diagnostics/index.ts";
import { dumpTree, parseFile, type SourceFile } from "../../src/syntax/index.ts";
import { writeFileAtomic } from "../../src/util/fs.ts";

export const FIXTURES = resolve(import.meta.dirname, "../fixtures/syntax");
const BLESS = process.env.BESKID_BLESS === "1";

/** One diagnostic per line: position, severity, code, message, then its help. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const at = d.start && d.end ? `${d.start.line}:${d.start.column}-${d.end.line}:${d.end.column}` : "-";
      return `${at} ${d.severity}[${d.code}] ${d.message}${d.help ? `\n    help: ${d.help}` : ""}`;
    })
    .join("\n");
}

function compareOrBless(t: ExecutionContext, path: string, actual: string | undefined): void {
  if (BLESS) {
    if (actual === undefined) rmSync(path, { force: true });
    else writeFileAtomic(path, actual);
    t.pass();
    return;
  }
  const expected = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  t.is(actual, expected, `golden ${path} differs (run npm run bless after checking the change)`);
}

/** Registers one test per fixture of an area: dump and diagnostics against the goldens, twice for determinism. */
export function goldenSuite(area: string): void {
  const dir = join(FIXTURES, area);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".bd"))
    .sort();
  for (const f of files) {
    test(`golden ${area}/${f}`, (t) => {
      const path = join(dir, f);
      const text = readFileSync(path, "utf8");
      const rel = `${area}/${f}`;
      const first = parseFile(text, rel);
      const second = parseFile(text, rel);
      const dump = dumpTree(first.tree);
      const diag = first.diagnostics.length ? renderDiagnostics(first.diagnostics) + "\n" : undefined;
      t.is(dumpTree(second.tree), dump, "same text gives the same tree");
      t.is(second.diagnostics.length ? renderDiagnostics(second.diagnostics) + "\n" : undefined, diag);
      compareOrBless(t, path.replace(/\.bd$/, ".ast"), dump);
      compareOrBless(t, path.replace(/\.bd$/, ".diag"), diag);
    });
  }
}

/** Parses and asserts there is no diagnostic at all; returns the tree. */
export function parses(t: ExecutionContext, src: string): SourceFile {
  const r = parseFile(src, "t.bd");
  t.deepEqual(renderDiagnostics(r.diagnostics), "", `unexpected diagnostics for:\n${src}`);
  return r.tree;
}

/** Parses and returns `code@line:col` for every diagnostic, in order. */
export function codes(src: string): string[] {
  return parseFile(src, "t.bd").diagnostics.map((d) => `${d.code}@${d.start?.line}:${d.start?.column}`);
}

/** The dump of the first item's body statement `n` of `unit F() { … }` wrapping `stmts`. */
export function stmtDump(t: ExecutionContext, stmts: string, n = 0): string {
  const tree = parses(t, `unit F() {\n${stmts}\n}`);
  const f = tree.items[0];
  if (!f || f.kind !== "Function" || !f.body || f.body.kind !== "Block") return "";
  const s = f.body.statements[n];
  return s ? dumpTree(s).trimEnd() : "";
}

/** The single expression of `let v = <expr>;`, dumped without spans for compact assertions. */
export function exprShape(t: ExecutionContext, expr: string): string {
  const tree = parses(t, `unit F() { let v = ${expr}; }`);
  const f = tree.items[0];
  if (!f || f.kind !== "Function" || !f.body || f.body.kind !== "Block") return "";
  const s = f.body.statements[0];
  if (!s || s.kind !== "Local" || !s.init) return "";
  return shape(s.init);
}

/** A span-free, one-line rendering: `(Binary + (Name a) (IntLit 1))`. */
export function shape(node: unknown): string {
  if (Array.isArray(node)) return node.map(shape).join(" ");
  if (typeof node !== "object" || node === null) return String(node);
  const n = node as Record<string, unknown>;
  const parts: string[] = [String(n.kind)];
  for (const [k, v] of Object.entries(n)) {
    if (k === "kind" || k === "start" || k === "end" || v === undefined || (v === false && k !== "value"))
      continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === "object" && v !== null && (v as { kind?: string }).kind === "Ident") {
      parts.push((v as { text: string }).text);
      continue;
    }
    if (typeof v === "object") parts.push(shape(v));
    else if (k === "op" || k === "text" || k === "value") parts.push(String(v));
    else parts.push(`${k}=${String(v)}`);
  }
  return `(${parts.join(" ")})`;
}
