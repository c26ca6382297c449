/**
 * Statements and control flow (LANGUAGE.md §5.7, §5.17): loops, returns, reachability,
 * missing returns, entry-point rules.
 */

import test from "ava";
import { check, run } from "./helpers.ts";

test("E1401 / E1402 outside loops", (t) => {
  check(t, `i32 Main() {\n break;\n continue;\n return 0; }`, "E1401@2 E1402@3");
});

test("W1403: unreachable code is reported once and not lowered", (t) => {
  const r = check(t, `i32 Main() {\n return 0;\n i64 x = 1;\n i64 y = 2;\n}`, "W1403@3");
  t.is(r.program.functions.find((f) => f.name === "Main")!.body!.stmts.length, 1);
});

test("E1404: a path without return", (t) => {
  check(t, `i64 F(bool c) {\n if c { return 1; }\n}\ni32 Main() { return 0; }`, "E1404@1");
});

test("if/else with returns on both paths, endless loops and never calls end paths", (t) => {
  check(
    t,
    `i64 A(bool c) { if c { return 1; } else { return 2; } }
i64 B() { while true { } }
i64 C() { __panic_str("no"); }
i64 D(bool c) { if c { return 1; } else if !c { return 2; } else { return 3; } }
i32 Main() { return 0; }`,
    "",
  );
});

test("a while true with a break does not end the path", (t) => {
  check(t, `i64 F() {\n while true { break; }\n}\ni32 Main() { return 0; }`, "E1404@1");
});

test("E1207: return; in a non-unit function; never function reaching its end", (t) => {
  check(t, `i64 F() {\n return;\n}\nnever G() {\n}\ni32 Main() { return 0; }`, "E1207@2 E1207@4");
});

test("unit functions: return f() with a unit call; falling off the end", (t) => {
  check(t, `unit A() {}\nunit B() { return A(); }\nunit C() { i64 x = 1; }\ni32 Main() { return 0; }`, "");
});

test("for over a range, an array and an iterator", (t) => {
  const r = check(
    t,
    `type Counter { i64 i, i64 n, pub Option<i64> Next() { if i >= n { return Option::None; } i = i + 1; return Option::Some(i); } }
i32 Main() {
  mut i64 s = 0;
  for i in range(0, 10) { s += i; }
  for x in [1, 2, 3] { s += x; }
  for v in Counter { i: 0, n: 3 } { s += v; }
  return 0;
}`,
    "",
  );
  const kinds = r.program.functions.find((f) => f.name === "Main")!.body!.stmts.map((s) => s.kind);
  t.deepEqual(kinds, ["let", "for_range", "for_array", "for_iter", "return"]);
});

test("range bounds take a common type", (t) => {
  const r = run(`i32 Main() { i64 n = 5; for i in range(0, n) { i64 x = i; } return 0; }`);
  t.deepEqual(r.diagnostics, []);
  const loop = r.program.functions.find((f) => f.name === "Main")!.body!.stmts[1]!;
  t.true(loop.kind === "for_range" && r.program.locals[loop.local]!.type === 9);
});

test("E1215–E1217: iterator protocol errors", (t) => {
  check(
    t,
    `type A { i64 x }
type B { i64 x, pub Option<i64> Next(i64 k) => Option::None; }
type C { i64 x, pub i64 Next() => 1; }
i32 Main() {
  for a in A { x: 1 } { }
  for b in B { x: 1 } { }
  for c in C { x: 1 } { }
  return 0;
}`,
    "E1215@5 E1216@6 E1217@7",
  );
});

test("E1218: Some with more than one field", (t) => {
  check(
    t,
    `enum Option { Some(i64 a, i64 b), None }
type It { i64 x, pub Option Next() => Option::None; }
i32 Main() { for v in It { x: 1 } { } return 0; }`,
    "E1218@3",
    { prelude: false },
  );
});

test("assigning the for variable is W1214", (t) => {
  check(t, `i32 Main() { for i in range(0, 3) { i = 5; } return 0; }`, "W1214@1");
});

test("E1405: entry point with parameters or a bad return type", (t) => {
  check(t, `string Main(i64 x) { return ""; }`, "E1405@1");
});

test("E1406: both main and Main", (t) => {
  check(t, `i32 main() { return 0; }\ni32 Main() { return 0; }`, "E1406@2");
});

test("the entry point may return unit or any integer type", (t) => {
  check(t, `unit Main() {}`, "");
  check(t, `u8 main() { return 0; }`, "");
  const r = run(`unit Main() {}`);
  t.is(r.program.functions[r.program.entry!]!.name, "Main");
  t.true(r.program.functions[r.program.entry!]!.isEntry);
});

test("no entry point is not a semantic error (E4030 belongs to the pipeline)", (t) => {
  const r = check(t, `unit Helper() {}`, "");
  t.is(r.program.entry, undefined);
});

test("E1230: unsupported statements and expressions", (t) => {
  check(t, `i32 Main() {\n with Foo() { }\n return 0; }`, "E1230@2");
});

test("a declaration with a never initializer ends the path", (t) => {
  check(
    t,
    `i64 F() {\n i64 x = __panic_str("no");\n}\ni32 Main() {\n i64 y = __panic_str("x");\n return 0;\n}`,
    "W1403@6",
  );
});
