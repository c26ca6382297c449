/**
 * Contracts, conformance, contract values and dispatch (LANGUAGE.md §5.8).
 */

import test from "ava";
import { check, messages, run } from "./helpers.ts";

const SHAPE = `contract Shape { i64 Area(); string Name(); }`;

test("declared conformance with members", (t) => {
  check(
    t,
    `${SHAPE}
type Sq : Shape { i64 s, pub i64 Area() => s * s; pub string Name() => "sq"; }
i64 Total(Shape sh) => sh.Area();
i32 Main() { i64 a = Total(Sq { s: 2 }); return 0; }`,
    "",
  );
});

test("conformance satisfied by module functions (sugar)", (t) => {
  const r = check(
    t,
    `${SHAPE}
type Sq : Shape { i64 s }
i64 Area(Sq q) => q.s * q.s;
string Name(Sq q) => "sq";
i32 Main() { Shape x = Sq { s: 2 }; i64 a = x.Area(); return 0; }`,
    "",
  );
  t.is(r.program.conformances.length, 1);
  t.deepEqual(
    r.program.conformances[0]!.impls.map((i) => i.form),
    ["sugar", "sugar"],
  );
});

test("contract values are explicit to_contract conversions; calls dispatch through the table", (t) => {
  const r = run(`${SHAPE}
type Sq : Shape { i64 s, pub i64 Area() => s; pub string Name() => "sq"; }
i32 Main() { Shape x = Sq { s: 2 }; i64 a = x.Area(); return 0; }`);
  const main = r.program.functions.find((f) => f.name === "Main")!;
  const [decl, call] = main.body!.stmts;
  t.true(decl!.kind === "let" && decl.init?.kind === "convert" && decl.init.conv.kind === "to_contract");
  t.true(call!.kind === "let" && call.init?.kind === "call" && call.init.target.kind === "contract");
});

test("E1601: a missing implementation", (t) => {
  const r = check(
    t,
    `${SHAPE}\ntype Sq : Shape { i64 s, pub i64 Area() => s; }\ni32 Main() { return 0; }`,
    "E1601@2",
  );
  t.true(messages(r)[0]!.includes("Name"));
});

test("E1602: a signature mismatch", (t) => {
  check(
    t,
    `${SHAPE}\ntype Sq : Shape {\n i64 s,\n pub i32 Area() => 1;\n pub string Name() => "";\n}\ni32 Main() { return 0; }`,
    "E1602@4",
  );
});

test("E1607: conformance to something that is not a contract", (t) => {
  check(t, `type A { i64 x }\ntype B : A { i64 y }\ni32 Main() { return 0; }`, "E1607@2");
});

test("E1206: a type that does not conform cannot become a contract value", (t) => {
  const r = check(
    t,
    `${SHAPE}\ntype Rock { i64 w }\ni32 Main() { Shape s = Rock { w: 1 }; return 0; }`,
    "E1206@3",
  );
  t.true(messages(r)[0]!.includes("declare the conformance"));
});

test("embedding merges methods; upcast to the embedded contract", (t) => {
  check(
    t,
    `contract Named { string Name(); }
contract Shape { Named; i64 Area(); }
type Sq : Shape { i64 s, pub i64 Area() => s; pub string Name() => "sq"; }
string N(Named n) => n.Name();
i32 Main() { Shape x = Sq { s: 1 }; string a = x.Name(); string b = N(x); Named c = Sq { s: 2 }; return 0; }`,
    "",
  );
});

test("E1003: duplicate method; E1004: conflicting embedded methods", (t) => {
  check(t, `contract A {\n i64 F();\n i64 F();\n}\ni32 Main() { return 0; }`, "E1003@3");
  check(
    t,
    `contract A { i64 F(); }\ncontract B { string F(); }\ncontract C {\n A;\n B;\n}\ni32 Main() { return 0; }`,
    "E1004@5",
  );
});

test("impl … : C conformance (current syntax)", (t) => {
  check(
    t,
    `${SHAPE}\ntype Sq { i64 s }\nimpl Sq : Shape { pub i64 Area() => s; pub string Name() => "sq"; }\ni32 Main() { Shape x = Sq { s: 1 }; return 0; }`,
    "",
  );
});

test("generic contracts", (t) => {
  check(
    t,
    `contract Source<T> { T Get(); }
type Const : Source<i64> { i64 v, pub i64 Get() => v; }
i64 Read(Source<i64> s) => s.Get();
i32 Main() { i64 x = Read(Const { v: 1 }); return 0; }`,
    "",
  );
});

test("This in a contract is the conforming type", (t) => {
  check(
    t,
    `contract Eq { bool Same(This other); }
type P : Eq { i64 x, pub bool Same(P other) => x == other.x; }
i32 Main() { return 0; }`,
    "",
  );
});

test("E1230: a This method through a contract value; E1233: This outside a type", (t) => {
  check(
    t,
    `contract Eq { bool Same(This other); }
type P : Eq { i64 x, pub bool Same(P other) => true; }
bool F(Eq e) => e.Same(e);
This G() => 1;
i32 Main() { return 0; }`,
    "E1230@3 E1233@4",
  );
});

test("a generic contract parameter is inferred through the argument's conformance", (t) => {
  check(
    t,
    `contract Source<T> { T Get(); }
type Box<T> : Source<T> { T v, pub T Get() => v; }
T Read<T>(Source<T> s) => s.Get();
i32 Main() { let x = Read(Box<string> { v: "a" }); string y = x; return 0; }`,
    "",
  );
});
