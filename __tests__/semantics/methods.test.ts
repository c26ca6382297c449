/**
 * Members, implicit receivers, impl/extend and the method-call sugar (LANGUAGE.md §5.8; D3).
 */

import test from "ava";
import { check, messages, run } from "./helpers.ts";
import type { TExpr } from "../../src/semantics/index.ts";

function firstCall(e: TExpr | undefined): TExpr | undefined {
  return e && e.kind === "call" ? e : undefined;
}

test("fields and members by bare name inside a type body", (t) => {
  check(
    t,
    `type Counter {
    i64 count,
    pub i64 Size() => count;
    pub i64 Twice() { return Size() * 2 + this.count + this.Size(); }
    pub unit Bump() { count = count + 1; }
}
i32 Main() { Counter c = Counter { count: 0 }; c.Bump(); i64 n = c.Twice(); return 0; }`,
    "",
  );
});

test("a bare member call wins over a module function of the same name", (t) => {
  const r = check(
    t,
    `type L { i64 n, pub i64 Count() => n; pub i64 Twice() => Count() * 2; }
i64 Count(L l) => 0;
i32 Main() { return 0; }`,
    "",
  );
  const twice = r.program.functions.find((f) => f.name === "Twice")!;
  const ret = twice.body!.stmts[0]!;
  if (ret.kind !== "return" || ret.value?.kind !== "binary") return t.fail();
  const call = firstCall(ret.value.left);
  t.true(call?.kind === "call" && call.target.kind === "function" && call.target.form === "method");
});

test("D3 sugar: x.F(args) calls the declaring module's F(x, args)", (t) => {
  const r = check(
    t,
    `use Shapes;
i32 Main() { Shapes.Circle c = Shapes.Make(2); i64 a = c.Area(); i64 b = c.Scale(3); return 0; }
//- /Shapes.bd
pub type Circle { i64 r }
pub Circle Make(i64 r) => Circle { r: r };
pub i64 Area(Circle c) => c.r * c.r * 3;
pub i64 Scale(Circle c, i64 k) => c.r * k;`,
    "",
  );
  const main = r.program.functions.find((f) => f.name === "Main")!;
  const st = main.body!.stmts[1]!;
  if (st.kind !== "let" || st.init?.kind !== "call" || st.init.target.kind !== "function") return t.fail();
  t.is(st.init.target.form, "sugar");
  t.is(st.init.args.length, 1);
});

test("D3 sugar with generics: Send<T>(Channel<T> self, T value)", (t) => {
  check(
    t,
    `type Channel<T> { T[] buf }
unit Send<T>(Channel<T> self, T value) {}
i32 Main() { Channel<i64> c = Channel<i64> { buf: [1] }; c.Send(5); return 0; }`,
    "",
  );
});

test("E1606: no member, with a near-miss note for a sugar candidate", (t) => {
  const r = check(
    t,
    `type Circle { i64 r }
i64 Area(string s) => 0;
i32 Main() { Circle c = Circle { r: 1 }; i64 a = c.Area(); return 0; }`,
    "E1606@3",
  );
  t.true(messages(r)[0]!.includes("does not accept"));
});

test("E1606: unknown member with did-you-mean", (t) => {
  const r = check(
    t,
    `type C { i64 r, pub i64 Radius() => r; }\ni32 Main() { C c = C { r: 1 }; i64 a = c.Radus(); return 0; }`,
    "E1606@2",
  );
  t.true(messages(r)[0]!.includes("Radius"));
});

test("E1107: private member from another module", (t) => {
  check(
    t,
    `use Shapes;
i32 Main() { Shapes.Circle c = Shapes.Circle { r: 1 }; i64 a = c.Secret(); return 0; }
//- /Shapes.bd
pub type Circle { i64 r, i64 Secret() => r; }`,
    "E1107@2",
  );
});

test("D22: fields are readable wherever the type is visible", (t) => {
  check(
    t,
    `use Shapes;
i32 Main() { Shapes.Circle c = Shapes.Circle { r: 1 }; i64 x = c.r; c.r = 5; return 0; }
//- /Shapes.bd
pub type Circle { i64 r }`,
    "",
  );
});

test("extend type and impl on a primitive", (t) => {
  check(
    t,
    `extend type string { pub i64 Size() => __str_len(this); }
type P { i64 x }
impl P { pub i64 X() => this.x; }
i32 Main() { i64 n = "abc".Size(); i64 x = P { x: 1 }.X(); return 0; }`,
    "",
  );
});

test("E1007 and E1102: member named like a field, duplicate member", (t) => {
  check(
    t,
    `type P {\n i64 x,\n pub i64 x() => 1;\n pub i64 F() => 1;\n pub i64 F() => 2;\n}\ni32 Main() { return 0; }`,
    "E1007@3 E1102@5",
  );
});

test("E1206: a bound method is not a value", (t) => {
  check(
    t,
    `type P { i64 x, pub i64 F() => x; }\ni32 Main() { P p = P { x: 1 }; let m = p.F; return 0; }`,
    "E1206@2",
  );
});

test("E1606: primitive values have no sugar", (t) => {
  check(t, `i64 Double(i64 x) => x * 2;\ni32 Main() { i64 a = 1; i64 b = a.Double(); return 0; }`, "E1606@2");
});

test("this is an implicit local; older style this.field works", (t) => {
  const r = run(`type P { i64 x, pub P Self() => this; }\ni32 Main() { return 0; }`);
  t.deepEqual(r.diagnostics, []);
  const self = r.program.functions.find((f) => f.name === "Self")!;
  t.is(r.program.locals[self.params[0]!]!.kind, "this");
});

test("impl of an unknown type is E1005, not an implicit parameter", (t) => {
  check(t, `impl Missing { pub i64 F() => 1; }\ni32 Main() { return 0; }`, "E1005@1");
});
