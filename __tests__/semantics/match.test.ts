/**
 * Enums, enum values, patterns and exhaustive `match` (LANGUAGE.md §5.9; D11).
 */

import test from "ava";
import { check, messages } from "./helpers.ts";

const SHAPE = `type Point { i64 x, i64 y }
enum Shape { Dot(Point at), Square(Point corner, i64 side), Nothing }`;

test("exhaustive match over every variant", (t) => {
  check(
    t,
    `${SHAPE}
i64 Area(Shape s) {
    return match s {
        Shape::Square(_, side) => side * side,
        Shape::Dot(_) => 1,
        Shape::Nothing => 0,
    };
}
i32 Main() { return 0; }`,
    "",
  );
});

test("E1304: a missing case is shown", (t) => {
  const r = check(
    t,
    `${SHAPE}\ni64 Area(Shape s) {\n return match s { Shape::Dot(_) => 1, Shape::Nothing => 0 };\n}\ni32 Main() { return 0; }`,
    "E1304@4",
  );
  t.true(messages(r)[0]!.includes("Shape::Square(_, _)"));
});

test("guarded arms do not count", (t) => {
  const r = check(
    t,
    `enum E { A(i64 v), B }
i64 F(E e) => match e { E::A(v) when v > 0 => v, E::B => 0 };
i32 Main() { return 0; }`,
    "E1304@2",
  );
  t.true(messages(r)[0]!.includes("E::A(_)"));
});

test("nested patterns are checked recursively", (t) => {
  check(
    t,
    `enum In { X, Y }
enum Out { P(In i), Q }
i64 F(Out o) => match o { Out::P(In::X) => 1, Out::Q => 2 };
i64 G(Out o) => match o { Out::P(In::X) => 1, Out::P(In::Y) => 3, Out::Q => 2 };
i32 Main() { return 0; }`,
    "E1304@3",
  );
});

test("bool matches by true/false; other literals need a catch-all", (t) => {
  check(
    t,
    `i64 F(bool b) => match b { true => 1, false => 0 };\ni64 G(i64 n) => match n { 0 => 1, 1 => 2 };\ni64 H(i64 n) => match n { 0 => 1, _ => 2 };\ni32 Main() { return 0; }`,
    "E1304@2",
  );
});

test("W1310: an arm after a catch-all", (t) => {
  check(t, `i64 F(i64 n) => match n {\n _ => 1,\n 0 => 2,\n};\ni32 Main() { return 0; }`, "W1310@3");
});

test("W1311: a binding named like a variant", (t) => {
  const r = check(
    t,
    `enum E { A, B }\ni64 F(E e) => match e { B => 1 };\ni32 Main() { return 0; }`,
    "W1311@2",
  );
  t.true(messages(r)[0]!.includes("E::B"));
});

test("E1301: unknown variant, unknown enum", (t) => {
  check(t, `enum E { A, B }\ni32 Main() {\n E x = E::C;\n E y = F::A;\n return 0; }`, "E1301@3 E1201@4");
});

test("E1302: wrong constructor argument count; V without () for a payload variant", (t) => {
  check(
    t,
    `enum E { A(i64 v), B }\ni32 Main() {\n E x = E::A(1, 2);\n E y = E::A;\n E z = E::B();\n return 0; }`,
    "E1302@3 E1302@4",
  );
});

test("E1303: unqualified variant constructor", (t) => {
  const r = check(t, `enum E { A(i64 v), B }\ni32 Main() { E x = A(1); return 0; }`, "E1303@2");
  t.true(messages(r)[0]!.includes("E::A"));
});

test("E1305: arms with incompatible types", (t) => {
  check(t, `i32 Main() { let x = match 1 { 0 => "a", _ => 2 }; return 0; }`, "E1305@1");
});

test("arms unify numerically; an expected type converts every arm", (t) => {
  check(
    t,
    `i64 F(i32 a, i64 b, bool c) { let x = match c { true => a, false => b }; return x; }\ni32 Main() { return 0; }`,
    "",
  );
});

test("E1306, E1307, E1308, E1309", (t) => {
  check(
    t,
    `enum E { A(i64 a, i64 b), B }
i64 F(E e, i64 n) {
  i64 x = match e { E::A(v, v) => v, E::B => 0 };
  i64 y = match e { E::A(v) => v, E::B => 0 };
  i64 z = match e { E::A(v, w) when n => v, _ => 0 };
  i64 q = match n { E::B => 1, _ => 0 };
  i64 r = match n { "s" => 1, _ => 0 };
  return 0;
}
i32 Main() { return 0; }`,
    "E1306@3 E1307@4 E1308@5 E1309@6 E1309@7",
  );
});

test("E1154: match with no arms", (t) => {
  check(t, `i64 F(i64 n) => match n { };\ni32 Main() { return 0; }`, "E1154@1");
});

test("E1002 and E1007: duplicate variants and payload fields", (t) => {
  check(t, `enum E {\n A,\n A,\n B(i64 v, i64 v),\n}\ni32 Main() { return 0; }`, "E1002@3 E1007@4");
});

test("match as a statement (D26) is not unified; match as an operand", (t) => {
  check(
    t,
    `enum E { A, B }
i32 Main() {
  E e = E::A;
  match e { E::A => { return 1; } E::B => 2 }
  i64 n = 1 + match e { E::A => 1, E::B => 2 };
  return 0;
}`,
    "",
  );
});

test("qualified and generic enum paths in patterns", (t) => {
  check(
    t,
    `use Lib;
i64 F(Lib.E<i64> e) => match e { Lib.E::A(v) => v, Lib.E<i64>::B => 0 };
i32 Main() { return 0; }
//- /Lib.bd
pub enum E<T> { A(T v), B }`,
    "",
  );
});

test("unnamed payload fields", (t) => {
  check(
    t,
    `enum E { A(i64, string), B }\ni64 F(E e) => match e { E::A(n, _) => n, E::B => 0 };\ni32 Main() { E x = E::A(1, "s"); return 0; }`,
    "",
  );
});

test("a unit function's match body is discarded, not unified", (t) => {
  check(
    t,
    `enum E { A, B }\nunit Log(string s) {}\nunit F(E e) => match e { E::A => Log("a"), E::B => 0 };\ni32 Main() { unit(E) g = e => match e { E::A => 1, E::B => "b" }; return 0; }`,
    "",
  );
});

test("a block arm in a match with a value type: E1206 says a block yields no value", (t) => {
  const r = check(
    t,
    `i64 Log() => 0;
i64 F(i64 v) {
 i64 x = match v {
  1 => { Log(); }
  2 => { return 5; }
  _ => 2,
 };
 return x;
}
i32 Main() { return 0; }`,
    "E1206@4",
  );
  t.regex(messages(r)[0]!, /expected `i64`, found `unit` \[help: a block arm yields no value/);
});
