/**
 * The corelib's test project runs under the WebAssembly JIT: the corelib and
 * `corelib/Tests` are analysed together, lowered once, compiled once, and every `test` item
 * must pass. A fixture whose tests fail through `Testing.Assert` checks that each failure
 * carries the assertion's message and the line of the `Assert` call in the test file (not a
 * line inside the corelib), and that `Core.Process.Exit` fails a test. Two more fixtures: a
 * program that prints the parser module Core.Text.Pest generates for a grammar (which is then
 * compiled and tested), and one that echoes real standard input through Core.Input.
 *
 * The whole test project goes through the pipeline's `testProject` (project resolution with
 * the implicit corelib, import closure, analysis, lowering, JIT), i.e. what `beskid-ci test
 * --project corelib/Tests` does; the fixtures are analysed and lowered here directly.
 */

import test from "ava";
import {
  copyFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseFile } from "../../src/syntax/index.ts";
import { analyze, type AnalysisUnit } from "../../src/semantics/index.ts";
import { lower } from "../../src/lowering/index.ts";
import { runMain, runTests, type TestRunResult } from "../../src/backends/jit/index.ts";
import { testProject } from "../../src/pipeline/spine.ts";
import { CORELIB, modulePathOf } from "./api.ts";

const FIXTURE = resolve(import.meta.dirname, "../fixtures/corelib-assert");
const PEST = resolve(import.meta.dirname, "../fixtures/corelib-pest");

function bdFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...bdFiles(full));
    else if (name.endsWith(".bd")) out.push(full);
  }
  return out;
}

/** Units of every file under `root`, named relative to `base`. */
function units(root: string, base: string): AnalysisUnit[] {
  return bdFiles(root).map((f) => {
    const rel = f.slice(base.length + 1);
    const parsed = parseFile(readFileSync(f, "utf8"), rel);
    return { file: rel, module: modulePathOf(root, f), tree: parsed.tree, lineIndex: parsed.lineIndex };
  });
}

/** Analyses `own` units with the whole corelib (entry module `Main`) and lowers them. */
function build(own: AnalysisUnit[]) {
  const lib = units(join(CORELIB, "Src"), CORELIB).map((u) => ({ ...u, file: `corelib/${u.file}` }));
  const all = [...lib, ...own];
  const entry = all.findIndex((u) => u.module === "Main");
  const { program, diagnostics } = analyze(all, { entryModuleIndex: entry });
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0)
    throw new Error(errors.map((d) => `${d.file}:${d.start?.line} ${d.message}`).join("\n"));
  return lower(program, {});
}

async function runProject(testUnits: AnalysisUnit[], ownPrefix: string): Promise<TestRunResult[]> {
  const artifact = build(testUnits);
  const cwd = mkdtempSync(join(tmpdir(), "beskid-corelib-"));
  try {
    return await runTests(artifact, {
      cwd,
      timeoutMs: 20_000,
      isOwnFile: (file) => file.startsWith(ownPrefix),
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

test("beskid-ci's test pipeline runs corelib/Tests and every test passes", async (t) => {
  // A copy, because resolving a project writes Project.lock and obj/ beside its manifest.
  const dir = mkdtempSync(join(tmpdir(), "beskid-corelib-pipe-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(CORELIB, join(dir, "corelib"), { recursive: true });
  const tested = await testProject(
    { cwd: dir, project: "corelib/Tests", command: "test", corelibRoot: join(dir, "corelib") },
    { enabled: false },
    {},
  );
  const errors = tested.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
  t.deepEqual(errors, []);
  const tests = tested.report?.tests ?? [];
  t.deepEqual(
    tests.filter((r) => r.outcome !== "passed").map((r) => `${r.qualified_name}: ${r.reason}`),
    [],
  );
  t.true(tests.length >= 200, `${tests.length} tests ran`);
  t.true(
    tests.some((r) => r.qualified_name === "ListTests::PushManyGrowsStorage"),
    "suite tests are named <Suite>::<Test>",
  );
});

test("Testing.Assert failures carry the message and the test's line", async (t) => {
  const results = await runProject(units(join(FIXTURE, "Src"), FIXTURE), "Src/");
  const by = new Map(results.map((r) => [r.qualifiedName, r]));
  const expect: Record<string, string> = {
    EqualFails: "Assertion failed: twice two is five (at Src/Main.bd:10:",
    TrueFails: "Assertion failed: the list is empty (at Src/Main.bd:15:",
    ContainsFails: "Assertion failed: needle in the haystack (at Src/Main.bd:19:",
    FailFails: "Assertion failed: explicit failure (at Src/Main.bd:23:",
    NotEqualFails: "Assertion failed: a differs from a (at Src/Main.bd:27:",
    FalseFails: "Assertion failed: one is not below two (at Src/Main.bd:31:",
  };
  for (const [name, prefix] of Object.entries(expect)) {
    const r = by.get(name);
    t.is(r?.outcome, "failed", name);
    t.true(r?.reason?.startsWith(prefix) === true, `${name}: ${r?.reason}`);
  }
  t.is(by.get("Passes")?.outcome, "passed");
  const exit = by.get("ExitFails");
  t.is(exit?.outcome, "failed");
  t.true(exit?.reason?.includes("process exit with code 3") === true, `ExitFails: ${exit?.reason}`);
});

test("Core.Text.Pest generates a parser module that compiles and parses", async (t) => {
  const generated = await runMain(build(units(join(PEST, "Src"), PEST)));
  t.is(generated.exitCode, 0, new TextDecoder().decode(generated.stdout));
  const text = new TextDecoder().decode(generated.stdout);
  t.true(text.startsWith("// Generated by Core.Text.Pest"), text.slice(0, 200));
  const dir = mkdtempSync(join(tmpdir(), "beskid-pest-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "Calc.bd"), text);
  copyFileSync(join(PEST, "Check/Main.bd"), join(dir, "Main.bd"));
  const results = await runProject(units(dir, dir), "Main.bd");
  t.deepEqual(
    results.filter((r) => r.outcome !== "passed").map((r) => `${r.qualifiedName}: ${r.reason}`),
    [],
  );
  t.is(results.length, 4);
});

test("Core.Input reads real standard input; Output and Error write their streams", async (t) => {
  const IO = resolve(import.meta.dirname, "../fixtures/corelib-io");
  const stdin = new TextEncoder().encode("alpha\r\nbeta\nxyz tail");
  const result = await runMain(build(units(join(IO, "Src"), IO)), { stdin });
  t.is(result.exitCode, 7);
  t.is(new TextDecoder().decode(result.stdout), "[alpha] [beta] [x] [yz tail] []\n");
  t.is(new TextDecoder().decode(result.stderr), "done\n");
});

test("corelib functions that must panic do, with their messages", async (t) => {
  const PANICS = resolve(import.meta.dirname, "../fixtures/corelib-panics");
  const results = await runProject(units(join(PANICS, "Src"), PANICS), "Src/");
  const by = new Map(results.map((r) => [r.qualifiedName, r]));
  const expect: Record<string, string> = {
    ArrayGetOutOfBounds: "index out of bounds: the length is 3 but the index is 5",
    CopyRangeOutOfBounds: "CopyRange: range out of bounds",
    CopyRangeHugeLength: "CopyRange: range out of bounds",
    ByteAtOutOfBounds: "index out of bounds: the length is 2 but the index is 2",
    SliceCopyOutOfBounds: "index out of bounds",
    UnwrapExprOnError: "UnwrapExprOk: unbalanced `(` in (",
    QuestionMarkOnListError: "try expression propagated error",
  };
  for (const [name, prefix] of Object.entries(expect)) {
    const r = by.get(name);
    t.is(r?.outcome, "failed", name);
    t.true(r?.reason?.startsWith(prefix) === true, `${name}: ${r?.reason}`);
    t.true(r?.reason?.includes("(at Src/Main.bd:") === true, `${name} is reported in the test: ${r?.reason}`);
  }
});
