/**
 * `runTests`: each test in a fresh instance (globals, heap and environment never leak), a
 * per-test time limit that holds for an infinite loop while the other tests pass, failures
 * with message and source location (innermost frame in the project's own files), process
 * exit and unavailable externs as failures, and throughput for many trivial tests.
 */

import test from "ava";
import { ArtifactBuilder, LAYOUT, ir, type Stmt } from "../../src/artifact/index.ts";
import { runTests } from "../../src/backends/jit/index.ts";

const { i32, i64, bin } = ir;
const TEST_FILE = "tests/Suite.bd";
const LIB_FILE = "corelib/Testing/Assert.bd";

function suite(): ReturnType<ArtifactBuilder["finish"]> {
  const b = new ArtifactBuilder();
  const counter = b.global("counter", "i64", 0n);
  // A corelib-like assertion: Equal(actual, expected, because) panics inside the library.
  const assertEq = b.func("Testing.Assert.Equal", ["i64", "i64", "i32"], null, (f) => [
    ir.if(bin("i64.ne", f.param(0), f.param(1)), [
      ir.exec(
        ir.rt("panic", [
          ir.rt("str_concat", [b.string("Assertion failed: "), f.param(2)]),
          i32(b.loc(LIB_FILE, 30, 9)),
        ]),
      ),
    ]),
  ]);
  let line = 10;
  const add = (name: string, body: (at: number) => Stmt[]): void => {
    line += 10;
    const at = b.loc(TEST_FILE, line, 5);
    const fn = b.func(`test.${name}`, [], null, () => body(at));
    b.test({
      qualifiedName: `Suite::${name}`,
      name,
      group: "suite",
      tags: ["fast"],
      skip: null,
      file: TEST_FILE,
      line,
      column: 1,
      func: fn,
    });
  };
  const bump = (at: number): Stmt[] => [
    ir.gset(counter, bin("i64.add", ir.gget(counter), i64(1))),
    ir.exec(ir.call(assertEq, [ir.gget(counter), i64(1), b.string("fresh state")], at), at),
  ];
  add("FirstBump", bump);
  add("SecondBump", bump);
  add("Loops", () => {
    const L = 0;
    return [ir.loop(L, [ir.gset(counter, bin("i64.add", ir.gget(counter), i64(1)))])];
  });
  add("Prints", () => [
    ir.exec(ir.rt("syscall_write", [i64(1), b.string("to stdout")])),
    ir.exec(ir.rt("syscall_write", [i64(2), b.string("to stderr")])),
  ]);
  add("FailsAssertion", (at) => [
    ir.exec(ir.call(assertEq, [i64(2), i64(3), b.string("two is three")], at), at),
  ]);
  add("Exits", () => [ir.exec(ir.rt("process_exit", [i32(3)]))]);
  add("SetsEnv", () => [ir.exec(ir.rt("env_set", [b.string("LEAK"), b.string("yes")]))]);
  add("ReadsEnv", (at) => [
    ir.exec(
      ir.call(
        assertEq,
        [ir.rt("str_len", [ir.rt("env_get", [b.string("LEAK")])]), i64(0), b.string("no leak")],
        at,
      ),
      at,
    ),
  ]);
  const ext = b.extern({
    contract: "Native",
    name: "frobnicate",
    library: "libfrob.so",
    type: { params: [], result: "i32" },
  });
  add("NeedsNative", () => [ir.exec(ir.callExtern(ext, []))]);
  return b.finish();
}

test("isolation, time limit, failures with locations, exit and externs", async (t) => {
  const a = suite();
  const started = performance.now();
  const results = await runTests(a, { timeoutMs: 1000, isOwnFile: (f) => f.startsWith("tests/") });
  const elapsed = performance.now() - started;
  const by = Object.fromEntries(results.map((r) => [r.name, r]));
  t.deepEqual(
    results.map((r) => r.qualifiedName),
    a.tests.map((x) => x.qualifiedName),
  );
  t.is(by.FirstBump!.outcome, "passed", by.FirstBump!.reason);
  t.is(by.SecondBump!.outcome, "passed", by.SecondBump!.reason);
  t.is(by.Loops!.outcome, "timed_out");
  t.true(by.Loops!.durationMs >= 1000);
  t.is(by.Prints!.outcome, "passed");
  t.is(by.Prints!.stdout, "to stdout");
  t.is(by.Prints!.stderr, "to stderr");
  t.is(by.FailsAssertion!.outcome, "failed");
  // The innermost frame in the project's own files: the call in the test, not the library.
  t.is(by.FailsAssertion!.reason, `Assertion failed: two is three (at ${TEST_FILE}:60:5)`);
  t.is(by.FailsAssertion!.panic?.file, LIB_FILE);
  t.is(by.FailsAssertion!.stderr, `panic at ${LIB_FILE}:30:9: Assertion failed: two is three\n`);
  t.is(by.Exits!.outcome, "failed");
  t.is(by.Exits!.reason, "test called process exit with code 3");
  t.is(by.SetsEnv!.outcome, "passed");
  t.is(by.ReadsEnv!.outcome, "passed", by.ReadsEnv!.reason);
  t.is(by.NeedsNative!.outcome, "failed");
  t.regex(by.NeedsNative!.reason ?? "", /^E4040: .*Native\.frobnicate \(library libfrob\.so\)/);
  // A hang guard, not a speed goal (bench/jit.ts measures speed): the looping test was cut off.
  t.true(elapsed < 30_000, `${elapsed} ms`);
});

test("without isOwnFile the panic's own location is reported; selection and unknown names", async (t) => {
  const a = suite();
  const results = await runTests(a, {
    selected: ["Suite::FailsAssertion", "Suite::Nope", "Suite::FirstBump"],
  });
  t.deepEqual(
    results.map((r) => [r.qualifiedName, r.outcome]),
    [
      ["Suite::FailsAssertion", "failed"],
      ["Suite::Nope", "failed"],
      ["Suite::FirstBump", "passed"],
    ],
  );
  t.is(results[0]!.reason, `Assertion failed: two is three (at ${LIB_FILE}:30:9)`);
  t.is(results[1]!.reason, "no test named Suite::Nope in the artifact");
});

test("two infinite loops in a row both time out and the worker is replaced each time", async (t) => {
  const b = new ArtifactBuilder();
  const names: string[] = [];
  for (const [i, loops] of [false, true, true, false].entries()) {
    const fn = b.func(`t${i}`, [], null, () => (loops ? [ir.loop(0, [])] : []));
    names.push(`T${i}`);
    b.test({
      qualifiedName: `T${i}`,
      name: `T${i}`,
      group: null,
      tags: [],
      skip: null,
      file: "t.bd",
      line: i + 1,
      column: 1,
      func: fn,
    });
  }
  const results = await runTests(b.finish(), { timeoutMs: 500 });
  t.deepEqual(
    results.map((r) => r.outcome),
    ["passed", "timed_out", "timed_out", "passed"],
  );
});

test("2000 trivial tests all pass, in order, on two workers", async (t) => {
  const b = new ArtifactBuilder();
  const fn = b.func("trivial", [], null, () => [ir.exec(bin("i32.add", i32(1), i32(2)))]);
  for (let i = 0; i < 2000; i++) {
    b.test({
      qualifiedName: `T${i}`,
      name: `T${i}`,
      group: null,
      tags: [],
      skip: null,
      file: "t.bd",
      line: i + 1,
      column: 1,
      func: fn,
    });
  }
  const started = performance.now();
  const results = await runTests(b.finish(), { workers: 2 });
  const ms = performance.now() - started;
  t.is(results.length, 2000);
  t.true(results.every((r, i) => r.outcome === "passed" && r.name === `T${i}`));
  // Speed is measured by bench/jit.ts (10,000 trivial tests); this only logs the figure.
  t.log(`2000 trivial tests: ${ms.toFixed(0)} ms`);
});

test("heap state never leaks between tests, also after a panic or a grown heap", async (t) => {
  // Each test allocates an array, checks that it starts zeroed and that the heap pointer is
  // where a fresh program has it, then scribbles on it; some panic, one grows the heap.
  const b = new ArtifactBuilder();
  const first = b.global("firstAlloc", "i32", 0);
  const probe = b.func("probe", [], null, (f) => {
    const arr = f.local("i32");
    return [
      ir.set(arr, ir.rt("array_new", [i32(LAYOUT.array64), i32(8), i64(64), i32(-1)])),
      // Same address as in every other test: the allocator starts from the same place.
      ir.if(bin("i32.ne", ir.gget(first), i32(0)), [
        ir.exec(ir.rt("panic", [b.string("global not reset"), i32(-1)])),
      ]),
      ir.gset(first, ir.get(arr)),
      ir.exec(ir.rt("syscall_write", [i64(1), ir.rt("str_from_i32", [ir.get(arr)])])),
      ir.if(bin("i64.ne", ir.load("i64.load", ir.elem(ir.get(arr), i64(63), 8)), i64(0)), [
        ir.exec(ir.rt("panic", [b.string("heap not zeroed"), i32(-1)])),
      ]),
      ir.store("i64.store", ir.elem(ir.get(arr), i64(63), 8), i64(-1)),
    ];
  });
  const grow = b.func("grow", [], null, () => [
    ir.exec(ir.call(probe, [])),
    ir.exec(ir.rt("array_new", [i32(LAYOUT.array8), i32(1), i64(8 << 20), i32(-1)])),
  ]);
  const panics = b.func("panics", [], null, () => [
    ir.exec(ir.call(probe, [])),
    ir.exec(ir.rt("panic", [b.string("expected"), i32(-1)])),
  ]);
  const kinds = [probe, panics, probe, grow, probe, probe];
  kinds.forEach((fn, i) =>
    b.test({
      qualifiedName: `H${i}`,
      name: `H${i}`,
      group: null,
      tags: [],
      skip: null,
      file: "h.bd",
      line: i + 1,
      column: 1,
      func: fn,
    }),
  );
  const artifact = b.finish();
  for (const isolation of ["reset", "fresh"] as const) {
    const results = await runTests(artifact, { isolation });
    t.deepEqual(
      results.map((r) => r.outcome),
      ["passed", "failed", "passed", "passed", "passed", "passed"],
      isolation,
    );
    t.is(results[1]!.reason, "expected");
    const addresses = new Set(results.map((r) => r.stdout));
    t.is(addresses.size, 1, [...addresses].join(" "));
  }
});
