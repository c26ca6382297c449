/**
 * `test` items: meta/skip validation and qualified names (LANGUAGE.md §7; D30, D31).
 */

import test from "ava";
import { check } from "./helpers.ts";

test("meta and skip are read into the test table", (t) => {
  const r = check(
    t,
    `test Parses {
    meta { tags = "fast, parser,,"; group = "text.parser"; }
    skip { condition = true; reason = "slow on CI"; }
    i64 x = 1;
}`,
    "",
  );
  const ti = r.program.tests[0]!;
  t.deepEqual(ti.tags, ["fast", "parser"]);
  t.is(ti.group, "text.parser");
  t.deepEqual(ti.skip, { condition: true, reason: "slow on CI" });
  t.is(r.program.functions[ti.func]!.kind, "test");
});

test("E1151: unknown key, repeated key, wrong kind", (t) => {
  check(
    t,
    `test A {
    meta { tags = "x"; owner = "me"; }
    skip { condition = "yes"; reason = "r"; reason = "again"; }
}`,
    "E1151@2 E1151@3 E1151@3",
  );
});

test("a repeated section replaces the earlier one", (t) => {
  const r = check(t, `test A { meta { group = "a"; } meta { group = "b"; } }`, "");
  t.is(r.program.tests[0]!.group, "b");
});

test("D30: qualified names leave out the entry module", (t) => {
  const r = check(
    t,
    `test A { }
mod Parser { test B { } }
//- /Geometry/Area.bd
test C { }`,
    "",
  );
  t.deepEqual(
    r.program.tests.map((x) => x.qualifiedName),
    ["A", "Parser::B", "Geometry::Area::C"],
  );
});

test("tests share the module namespace and cannot be called", (t) => {
  check(t, `test A { }\nunit A() {}\ni32 Main() { return 0; }`, "E1006@2");
  check(t, `test A { }\ni32 Main() { A(); return 0; }`, "E1606@2");
});

test("return; ends a test; return with a value is E1207", (t) => {
  check(t, `test A { return; }\ntest B { return 1; }`, "E1207@2");
});
