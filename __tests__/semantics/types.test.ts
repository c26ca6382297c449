/**
 * Literal typing, numeric conversions, operators and conversion to text (LANGUAGE.md §5.3,
 * §5.5, §5.6, §5.12; D6, D7, D8, D21, D33).
 */

import test from "ava";
import { check, messages, run } from "./helpers.ts";

test("D7: literals take the type of the other operand", (t) => {
  check(t, `bool F(i64 x) => x < 0;\nbool G(u8 b) => b == 255;\ni32 Main() { return 0; }`, "");
});

test("D7: default literal types", (t) => {
  const r = run(`i32 Main() { let a = 1; let b = 3000000000; let c = 1.5; return 0; }`);
  const locals = r.program.locals
    .filter((l) => ["a", "b", "c"].includes(l.name))
    .map((l) => r.program.types[l.type]);
  t.deepEqual(
    locals.map((x) => (x!.kind === "prim" ? x!.prim : "?")),
    ["i32", "i64", "f64"],
  );
});

test("D33: float literals take f32 from context; integer constants in float context", (t) => {
  check(t, `i32 Main() { f32 x = 1.5; f64 y = 1; f32 z = x * 2; return 0; }`, "");
});

test("E1223: constant out of range", (t) => {
  check(
    t,
    `i32 Main() {\n u8 b = 256;\n u8 c = -1;\n i32 d = 1 << 40;\n i8 e = -128_i8;\n i8 f = 128_i8;\n return 0; }`,
    "E1223@2 E1223@3 E1223@4 E1223@6",
  );
});

test("D21: constant expressions are typed as a whole", (t) => {
  check(t, `i32 Main() { i64 big = 1 << 40; u8 m = 200 + 55; return 0; }`, "");
});

test("E1223: constant division by zero", (t) => {
  check(t, `i32 Main() { i64 x = 1 / 0; return 0; }`, "E1223@1");
});

test("widening is silent; narrowing and int↔float warn W1203", (t) => {
  check(
    t,
    `i32 Main() {\n i32 a = 1;\n i64 b = a;\n i32 c = b;\n f64 d = a;\n u8 e = 1;\n i16 f = e;\n return 0; }`,
    "W1203@4 W1203@5",
  );
});

test("common type of mixed operands", (t) => {
  check(
    t,
    `i64 F(i8 a, u8 b) { i16 c = a + b; return c; }\ni64 G(i32 a, u32 b) => a + b;\ni32 Main() { return 0; }`,
    "",
  );
});

test("E1224: i64 with u64 has no common type", (t) => {
  check(t, `u64 F(i64 a, u64 b) => a + b;\ni32 Main() { return 0; }`, "E1224@1");
});

test("int with float gives the float type and W1203", (t) => {
  check(t, `f64 F(i64 a, f64 b) => a * b;\ni32 Main() { return 0; }`, "W1203@1");
});

test("E1209: invalid operands", (t) => {
  check(
    t,
    `i32 Main() {\n bool a = true + 1 == 2;\n bool b = "a" < "b";\n bool c = 1 === 1;\n return 0; }`,
    "E1209@2 E1209@3 E1209@4",
  );
});

test("E1210: unary minus on unsigned, ! on non-bool", (t) => {
  check(t, `i32 Main() {\n u8 a = 3;\n u8 b = -a;\n bool c = !a;\n return 0; }`, "E1210@3 E1210@4");
});

test("D8: == on strings, records and enums; === on heap values", (t) => {
  check(
    t,
    `type P { i64 x }
enum E { A, B(i64 v) }
i32 Main() {
  bool a = "x" == "y";
  bool b = P { x: 1 } == P { x: 1 };
  bool c = E::A == E::B(1);
  P p = P { x: 1 };
  bool d = p === p;
  return 0;
}`,
    "",
  );
});

test("E1209: == between different types", (t) => {
  check(t, `i32 Main() { bool a = "x" == 1; return 0; }`, "E1209@1");
});

test("D6: interpolation converts numbers, bools and chars", (t) => {
  check(
    t,
    `string F(i64 n, bool b, char c, f32 x, u8 y) => "n=\${n} b=\${b} c=\${c} x=\${x} y=\${y}";\ni32 Main() { return 0; }`,
    "",
  );
});

test("E1225: interpolating a record", (t) => {
  const r = check(t, `type P { i64 x }\nstring F(P p) => "p=\${p}";\ni32 Main() { return 0; }`, "E1225@2");
  t.true(messages(r)[0]!.includes("format it with a function"));
});

test("D6: + with a string converts the other side", (t) => {
  check(t, `string F(i64 n) => "n=" + n + "!";\nstring G(i64 n) => n + "x";\ni32 Main() { return 0; }`, "");
});

test("E1225: + of a string and an array", (t) => {
  check(t, `string F(i64[] a) => "a" + a;\ni32 Main() { return 0; }`, "E1225@1");
});

test("E1206: initializer type mismatch names both types", (t) => {
  const r = check(t, `i32 Main() { string s = 1; return 0; }`, "E1206@1");
  t.regex(messages(r)[0]!, /`s` is declared as `string`, found `i32`/);
});

test("E1205: argument type mismatch", (t) => {
  check(t, `unit F(string s) {}\ni32 Main() { F(true); return 0; }`, "E1205@2");
});

test("E1207: return type mismatch", (t) => {
  check(t, `string F() { return 1; }\ni32 Main() { return 0; }`, "E1207@1");
});

test("E1208: condition not bool (no truthiness)", (t) => {
  const r = check(t, `i32 Main() { i64 x = 1; if x { return 1; } while x { } return 0; }`, "E1208@1 E1208@1");
  t.true(messages(r)[0]!.includes("x != 0"));
});

test("char comparisons, string indexing gives u8", (t) => {
  check(t, `bool F(char a, char b) => a < b;\nu8 G(string s) => s[0];\ni32 Main() { return 0; }`, "");
});

test("E1231: indexing a non-array; non-integer index", (t) => {
  check(
    t,
    `i32 Main() {\n i64 x = 1;\n i64 y = x[0];\n i64[] a = [1];\n i64 z = a[true];\n return 0; }`,
    "E1231@3 E1231@5",
  );
});

test("shifts keep the left type; & and | need integers", (t) => {
  check(
    t,
    `u8 F(u8 a, i64 n) => a << n;\ni64 G(i64 a) => a & 0xFF | 1;\ni32 Main() { bool b = 1.5 & 2; return 0; }`,
    "E1209@3",
  );
});

test("unit locals and ()", (t) => {
  check(t, `unit F() {}\ni32 Main() { unit u = (); unit v = F(); return 0; }`, "");
});

test("word is u64; BeskidStr is string", (t) => {
  check(t, `word F(u64 a) => a;\nBeskidStr G(string s) => s;\ni32 Main() { return 0; }`, "");
});

test("an unknown type inside a generic argument gives one E1201, no E1205 for the calls it flows through", (t) => {
  check(
    t,
    `type Box<T> { T value, }\nBox<T> Wrap<T>(Box<T> b) => b;\ni64 Size<T>(Box<T> b) => 1;\ni32 Main() {\n Box<Missing> b = Box { value: 1 };\n i64 n = Size(Wrap(b));\n return 0;\n}`,
    "E1201@5",
  );
});
