/**
 * `?` on Result and Option (LANGUAGE.md §5.10; D10, D31).
 */

import test from "ava";
import { check, run } from "./helpers.ts";

test("? on a Result in a function returning a Result", (t) => {
  const r = check(
    t,
    `Result<i64, string> Parse(string s) => Result::Ok(1);
Result<i64, string> Twice(string s) { i64 v = Parse(s)?; return Result::Ok(v * 2); }
i32 Main() { return 0; }`,
    "",
  );
  const f = r.program.functions.find((x) => x.name === "Twice")!;
  const st = f.body!.stmts[0]!;
  t.true(
    st.kind === "let" && st.init?.kind === "try" && st.init.mode === "return" && st.init.shape === "result",
  );
});

test("? on an Option", (t) => {
  check(
    t,
    `Option<i64> A() => Option::None;\nOption<i64> B() { i64 v = A()?; return Option::Some(v); }\ni32 Main() { return 0; }`,
    "",
  );
});

test("E1222: ? on something that is not a Result or an Option", (t) => {
  check(
    t,
    `i64 A() => 1;\nResult<i64, string> B() { i64 v = A()?; return Result::Ok(v); }\ni32 Main() { return 0; }`,
    "E1222@2",
  );
});

test("E1701: ? in a function returning neither", (t) => {
  check(
    t,
    `Result<i64, string> A() => Result::Ok(1);\ni64 B() { i64 v = A()?; return v; }\ni32 Main() { return 0; }`,
    "E1701@2",
  );
});

test("E1703: Option in a Result function and the other way round", (t) => {
  check(
    t,
    `Option<i64> A() => Option::None;
Result<i64, string> B() { i64 v = A()?; return Result::Ok(v); }
Result<i64, string> C() => Result::Ok(1);
Option<i64> D() { i64 v = C()?; return Option::Some(v); }
i32 Main() { return 0; }`,
    "E1703@2 E1703@4",
  );
});

test("E1702: error types that do not convert", (t) => {
  check(
    t,
    `Result<i64, i64> A() => Result::Ok(1);\nResult<i64, string> B() { i64 v = A()?; return Result::Ok(v); }\ni32 Main() { return 0; }`,
    "E1702@2",
  );
});

test("error payload widening is allowed silently", (t) => {
  check(
    t,
    `Result<i64, i32> A() => Result::Ok(1);\nResult<i64, i64> B() { i64 v = A()?; return Result::Ok(v); }\ni32 Main() { return 0; }`,
    "",
  );
});

test("D31: ? in the entry point and in tests panics instead", (t) => {
  const r = check(
    t,
    `Result<i64, string> A() => Result::Ok(1);
i32 Main() { i64 v = A()?; return 0; }
test T { i64 v = A()?; }`,
    "",
  );
  const main = r.program.functions.find((f) => f.name === "Main")!;
  const st = main.body!.stmts[0]!;
  t.true(st.kind === "let" && st.init?.kind === "try" && st.init.mode === "panic");
});

test("? inside a lambda uses the lambda's expected return type", (t) => {
  check(
    t,
    `Result<i64, string> A() => Result::Ok(1);
i32 Main() {
  Result<i64, string>() f = () => { i64 v = A()?; return Result::Ok(v); };
  let g = () => A()?;
  return 0;
}`,
    "E1701@4",
  );
});

test("older programs' own Result enum is Result-shaped", (t) => {
  const r = run(
    `enum Result { Ok(i64 value), Error(string error) }
Result A() => Result::Ok(1);
Result B() { i64 v = A()?; return Result::Ok(v); }
i32 Main() { return 0; }`,
    { prelude: false },
  );
  t.deepEqual(r.diagnostics, []);
});
