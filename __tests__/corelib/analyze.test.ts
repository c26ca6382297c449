/**
 * The corelib and its test project pass semantic analysis: every module under
 * `corelib/Src` (and, in the second test, every suite of `corelib/Tests/Src` with `Main` as
 * the entry module) is analysed together by `analyze`, and the only diagnostic allowed is
 * the W1204 that LANGUAGE.md D23 predicts for `QueryState.Select`.
 *
 * Not here: program assembly (all files are given, not an import closure) or running code.
 */

import test from "ava";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseFile } from "../../src/syntax/index.ts";
import { analyze, type AnalysisUnit } from "../../src/semantics/index.ts";
import { CORELIB, modulePathOf } from "./api.ts";

function bdFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...bdFiles(full));
    else if (name.endsWith(".bd")) out.push(full);
  }
  return out;
}

function units(root: string): AnalysisUnit[] {
  return bdFiles(root).map((f) => {
    const rel = f.slice(CORELIB.length + 1);
    const parsed = parseFile(readFileSync(f, "utf8"), rel);
    return { file: rel, module: modulePathOf(root, f), tree: parsed.tree, lineIndex: parsed.lineIndex };
  });
}

function shown(result: ReturnType<typeof analyze>): string[] {
  return result.diagnostics.map(
    (d) => `${d.code} ${d.file}:${d.start?.line}:${d.start?.column} ${d.message}`,
  );
}

const EXPECTED = [/^W1204 Src\/Query\/QueryState\.bd:\d+:\d+ .*`TOut`/];

test("the corelib analyses with only the expected D23 warning", (t) => {
  const result = analyze(units(join(CORELIB, "Src")));
  const left = shown(result).filter((s) => !EXPECTED.some((re) => re.test(s)));
  t.deepEqual(left, []);
});

test("the corelib test project analyses cleanly against the corelib", (t) => {
  const lib = units(join(CORELIB, "Src"));
  const tests = units(join(CORELIB, "Tests/Src"));
  const entry = lib.length + tests.findIndex((u) => u.module === "Main");
  const result = analyze([...lib, ...tests], { entryModuleIndex: entry });
  const left = shown(result).filter((s) => !EXPECTED.some((re) => re.test(s)));
  t.deepEqual(left, []);
  t.true(result.program.tests.length >= 200, `${result.program.tests.length} tests named`);
});
