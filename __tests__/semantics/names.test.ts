/**
 * Local scopes and lookup order (LANGUAGE.md §5.2 local scopes, §5.7 declarations, E1109).
 */

import test from "ava";
import { check } from "./helpers.ts";

test("locals, parameters and lets resolve", (t) => {
  check(
    t,
    `i64 F(i64 a) { i64 b = a + 1; let c = b * 2; mut i64 d = c; d = d + a; return d; }\ni32 Main() { return 0; }`,
    "",
  );
});

test("E1102: duplicate local in one block", (t) => {
  check(t, `i32 Main() { i64 a = 1; i64 a = 2; return 0; }`, "E1102@1");
});

test("W1103: a local shadows an outer local", (t) => {
  check(t, `i32 Main() { i64 a = 1; if a > 0 { i64 a = 2; } return 0; }`, "W1103@1");
});

test("E1106: local used before its declaration", (t) => {
  check(t, `i32 Main() {\n i64 b = a;\n i64 a = 1;\n return 0;\n}`, "E1106@2");
});

test("an initializer sees an outer variable of the same name, not itself", (t) => {
  check(t, `i32 Main() { i64 a = 1; { i64 a = a + 1; } return 0; }`, "W1103@1");
});

test("E1101: unknown name", (t) => {
  check(t, `i32 Main() { i64 a = missing; return 0; }`, "E1101@1");
});

test("E1109: read before definite assignment", (t) => {
  check(t, `i32 Main(){\n i64 x;\n if true { x = 1; }\n i64 y = x;\n return 0;\n}`, "E1109@4");
});

test("definite assignment through both branches", (t) => {
  check(t, `i32 Main(){\n i64 x;\n if true { x = 1; } else { x = 2; }\n i64 y = x;\n return 0;\n}`, "");
});

test("definite assignment: a diverging branch does not count", (t) => {
  check(
    t,
    `i64 F(bool c){\n i64 x;\n if c { x = 1; } else { return 0; }\n return x;\n}\ni32 Main() { return 0; }`,
    "",
  );
});

test("first assignment of a non-mut local without a value is not a reassignment", (t) => {
  check(t, `i32 Main(){ i64 x; x = 1; x = 2; return 0; }`, "W1214@1");
});

test("W1214: reassigning a non-mut local or parameter", (t) => {
  check(
    t,
    `i64 F(i64 p) { p = 2; return p; }\ni32 Main(){ i64 x = 1;\n x = 2; return 0; }`,
    "W1214@1 W1214@3",
  );
});

test("mut parameters may be reassigned", (t) => {
  check(t, `i64 F(mut i64 p) { p = 2; return p; }\ni32 Main(){ return 0; }`, "");
});

test("older and current mut forms", (t) => {
  check(t, `i32 Main(){ i64 mut a = 1; mut i64 b = 2; let mut c = 3; a = 4; b = 5; c = 6; return 0; }`, "");
});

test("constants are values", (t) => {
  check(
    t,
    `const LIMIT = 10;\nconst NEG = -5;\ni32 Main(){ i64 x = LIMIT; u8 b = LIMIT; i32 y = NEG; return 0; }`,
    "",
  );
});

test("E1223: a const that does not fit", (t) => {
  check(t, `const BIG = 300;\ni32 Main(){ u8 b = BIG; return 0; }`, "E1223@2");
});

test("intrinsics are visible everywhere; unknown __names are E1606", (t) => {
  check(t, `i32 Main(){ i64 n = __str_len("abc"); __no_such(); return 0; }`, "E1606@1");
});

test("W1103: a local shadows an item of the module", (t) => {
  check(t, `i64 Limit() => 3;\ni32 Main() { i64 Limit = 1; return 0; }`, "W1103@2");
});

test("a const reached through a module path is an untyped constant", (t) => {
  check(
    t,
    `use Config;\ni32 Main() { u64 a = Config.BIG + 1; u8 b = Config.SMALL; i64 c = 2 * Config.SMALL; return 0; }\n//- /Config.bd\npub const BIG = 3000000000;\npub const SMALL = 7;`,
    "",
  );
});

test("a local named with a non-ASCII letter is E0001 only: no cascading E1101", (t) => {
  check(t, "i64 F() {\n  i64 é = 1;\n  return é + 1;\n}", "E0001@2 E0001@3");
});
