/**
 * Lambdas, closures, captures by reference and function values (LANGUAGE.md §5.13; D14).
 */

import test from "ava";
import { check, messages, run } from "./helpers.ts";

test("lambda parameter types from the expected type; captures recorded", (t) => {
  const r = check(
    t,
    `i32 Main() {
  mut i64 total = 0;
  unit(i64) add = s => { total += s; };
  add(3);
  return 0;
}`,
    "",
  );
  const lam = r.program.functions.find((f) => f.kind === "lambda")!;
  t.is(lam.captures.length, 1);
  const total = r.program.locals[lam.captures[0]!]!;
  t.is(total.name, "total");
  t.true(total.captured);
  t.is(lam.parent, r.program.functions.find((f) => f.name === "Main")!.id);
});

test("both function type spellings are one type", (t) => {
  check(t, `i32 Main() { (i64, i64) => bool lt = (a, b) => a < b; bool(i64, i64) gt = lt; return 0; }`, "");
});

test("E1202: lambda parameter type cannot be inferred", (t) => {
  check(t, `i32 Main() { let f = x => x; return 0; }`, "E1202@1");
});

test("typed lambda parameters infer the return type", (t) => {
  const r = check(t, `i32 Main() { let f = (i64 x) => x * 2; i64 y = f(2); return 0; }`, "");
  const lam = r.program.functions.find((f) => f.kind === "lambda")!;
  t.is(lam.ret, 9);
});

test("E1204: lambda parameter count against the expected type", (t) => {
  check(t, `i32 Main() { i64(i64) f = (a, b) => a; return 0; }`, "E1204@1");
});

test("lambdas passed to generic functions: type arguments flow into untyped parameters", (t) => {
  check(
    t,
    `U[] Map<T, U>(T[] xs, U(T) f) { U[] out = __array_new(8, __array_len(xs)); return out; }
i32 Main() { i64[] a = [1, 2]; string[] b = Map(a, x => "\${x}"); return 0; }`,
    "",
  );
});

test("nested lambdas capture transitively", (t) => {
  const r = check(
    t,
    `i32 Main() {
  i64 base = 1;
  let mk = () => () => base;
  return 0;
}`,
    "",
  );
  const lams = r.program.functions.filter((f) => f.kind === "lambda");
  t.is(lams.length, 2);
  for (const l of lams)
    t.deepEqual(
      l.captures.map((c) => r.program.locals[c]!.name),
      ["base"],
    );
});

test("a lambda in a member captures this for bare field access", (t) => {
  const r = check(t, `type C { i64 n, pub i64() Getter() => () => n; }\ni32 Main() { return 0; }`, "");
  const lam = r.program.functions.find((f) => f.kind === "lambda")!;
  t.is(r.program.locals[lam.captures[0]!]!.kind, "this");
});

test("named functions as values", (t) => {
  const r = run(`i64 Twice(i64 x) => x * 2;\ni32 Main() { i64(i64) f = Twice; i64 y = f(1); return 0; }`);
  t.deepEqual(r.diagnostics, []);
  const main = r.program.functions.find((f) => f.name === "Main")!;
  const st = main.body!.stmts[0]!;
  t.true(st.kind === "let" && st.init?.kind === "funcref");
  const st2 = main.body!.stmts[1]!;
  t.true(st2.kind === "let" && st2.init?.kind === "call" && st2.init.target.kind === "closure");
});

test("E1206: calling a non-function value", (t) => {
  check(t, `i32 Main() { i64 x = 1; x(); return 0; }`, "E1206@1");
});

test("return inside a lambda block returns from the lambda; break cannot cross it", (t) => {
  const r = check(
    t,
    `i32 Main() {\n while true {\n unit() f = () => { break; };\n unit() g = () => { continue; };\n return 0;\n }\n}`,
    "E1401@3 E1402@4",
  );
  // The help says why, since the loop is right there around the lambda.
  for (const m of messages(r)) t.regex(m, /\[help: a lambda body cannot leave the loop around it/);
  // Outside any loop there is nothing to explain.
  t.notRegex(messages(check(t, `i32 Main() {\n break;\n return 0; }`, "E1401@2"))[0]!, /lambda/);
});
