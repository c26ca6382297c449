/**
 * Test helpers for semantic analysis: multi-file inputs written as one string with `//- /path`
 * headers (STYLE.md habit 12), parsed with the real parser and analysed with `analyze`, plus
 * small stand-in corelib modules (`Core.Results`, `Core.Optional.Option`, `Core.Output`,
 * `Testing.Assert`) until tests run against the real corelib.
 *
 * Nothing here mocks a stage: every input goes through `parseFile` and `analyze`.
 */

import { parseFile } from "../../src/syntax/index.ts";
import { analyze, type AnalysisResult } from "../../src/semantics/index.ts";
import type { Diagnostic } from "../../src/diagnostics/index.ts";

/** Stand-ins for the corelib modules D5 makes visible and a few that tests import. */
export const PRELUDE = `
//- /Core/Results.bd
pub enum Result<TValue, TError> { Ok(TValue value), Error(TError error) }
pub bool IsOk<TValue, TError>(Result<TValue, TError> value) {
    return match value { Result::Ok(_) => true, Result::Error(_) => false };
}
//- /Core/Optional/Option.bd
pub enum Option<T> { Some(T value), None }
pub bool HasValue<T>(Option<T> value) {
    return match value { Option::Some(_) => true, Option::None => false };
}
//- /Core/Output.bd
pub unit Write(string text) { __syscall_write(1, text); }
pub unit WriteLine(string text) { __syscall_write(1, text + "\\n"); }
//- /Testing/Assert.bd
pub unit True(bool condition, string because) { if !condition { __panic_str("Assertion failed: " + because); } }
pub unit Equal<T>(T actual, T expected, string because) { if !(actual == expected) { __panic_str("Assertion failed: " + because); } }
`;

export interface SourceFileInput {
  readonly path: string;
  readonly text: string;
}

/** Split `//- /path` sections; text before the first header is `/Main.bd`. */
export function splitFiles(input: string): SourceFileInput[] {
  const out: SourceFileInput[] = [];
  let path = "/Main.bd";
  let buf: string[] = [];
  const flush = () => {
    const text = buf.join("\n");
    if (text.trim() !== "" || out.length === 0) out.push({ path, text });
    buf = [];
  };
  for (const line of input.split("\n")) {
    const m = /^\/\/- (\/\S+)\s*$/.exec(line);
    if (m) {
      flush();
      path = m[1]!;
    } else buf.push(line);
  }
  flush();
  return out.filter((f) => f.text.trim() !== "" || f.path !== "/Main.bd");
}

/** Module path of a file per LANGUAGE.md §5.1. */
export function modulePathOf(path: string): string {
  const segs = path.replace(/^\//, "").replace(/\.bd$/, "").split("/");
  if (segs.length >= 2 && segs[segs.length - 1] === segs[segs.length - 2]) segs.pop();
  else if (segs.length >= 2 && segs[segs.length - 1] === "mod") segs.pop();
  return segs.join(".");
}

export interface Analysed extends AnalysisResult {
  readonly syntax: Diagnostic[];
  readonly files: readonly SourceFileInput[];
}

/** Parse and analyse; the first file of `input` is the entry. The prelude stand-ins are appended unless `prelude: false`. */
export function run(input: string, opts: { prelude?: boolean; unusedPrivate?: boolean } = {}): Analysed {
  const files = splitFiles(input + (opts.prelude === false ? "" : "\n" + PRELUDE));
  const syntax: Diagnostic[] = [];
  const units = files.map((f) => {
    const parsed = parseFile(f.text, f.path.slice(1));
    syntax.push(...parsed.diagnostics);
    return {
      file: f.path.slice(1),
      module: modulePathOf(f.path),
      tree: parsed.tree,
      lineIndex: parsed.lineIndex,
    };
  });
  const result = analyze(units, {
    entryModuleIndex: 0,
    rethrowInternalErrors: true,
    unusedPrivate: opts.unusedPrivate,
  });
  return { ...result, syntax, files };
}

/** `CODE@line` for each diagnostic of the first (entry) file, and `CODE@file:line` for others. */
export function summary(r: Analysed): string[] {
  const entry = r.files[0]!.path.slice(1);
  return [...r.syntax, ...r.diagnostics].map((d) =>
    d.file === entry || d.file === undefined
      ? `${d.code}@${d.start?.line ?? 0}`
      : `${d.code}@${d.file}:${d.start?.line ?? 0}`,
  );
}

/**
 * The one assertion helper: `expected` lists `CODE@line` entries (space separated, any
 * order), or is "" for a program that must check clean.
 */
export function check(
  t: { deepEqual: (a: unknown, b: unknown, m?: string) => void },
  input: string,
  expected: string,
  opts: { prelude?: boolean; unusedPrivate?: boolean } = {},
): Analysed {
  const r = run(input, opts);
  const got = summary(r).sort();
  const want = expected
    .split(/\s+/)
    .filter((x) => x !== "")
    .sort();
  t.deepEqual(
    got,
    want,
    [...r.syntax, ...r.diagnostics]
      .map((d) => `${d.code} ${d.file}:${d.start?.line}:${d.start?.column} ${d.message}`)
      .join("\n"),
  );
  return r;
}

/** The messages of all diagnostics, for wording checks. */
export function messages(r: Analysed): string[] {
  return [...r.syntax, ...r.diagnostics].map(
    (d) =>
      `${d.code} ${d.message}${d.help ? ` [help: ${d.help}]` : ""}${d.notes.length ? ` [notes: ${d.notes.join("; ")}]` : ""}`,
  );
}
