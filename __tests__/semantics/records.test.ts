/**
 * Records, struct literals, fields, arrays, assignment targets and events (LANGUAGE.md
 * §5.6, §5.7, §5.11, §5.14; D15, D16, D22, D29, D32).
 */

import test from "ava";
import { check, messages, run } from "./helpers.ts";

test("struct literals: any field order, values in source order", (t) => {
  const r = check(
    t,
    `type P { i64 x, string name }\ni32 Main() { P p = P { name: "a", x: 1 }; return 0; }`,
    "",
  );
  const st = r.program.functions.find((f) => f.name === "Main")!.body!.stmts[0]!;
  t.true(
    st.kind === "let" &&
      st.init?.kind === "record_new" &&
      st.init.fields.map((f) => f.field).join() === "1,0",
  );
});

test("E1211 unknown or repeated field; E1212 missing field", (t) => {
  check(
    t,
    `type P { i64 x, i64 y }\ni32 Main() {\n P a = P { x: 1, z: 2, y: 3 };\n P b = P { x: 1, x: 2, y: 3 };\n P c = P { x: 1 };\n return 0; }`,
    "E1211@3 E1211@4 E1212@5",
  );
});

test("a misspelt field in a struct literal is one E1211 naming the field, not also E1212 for it", (t) => {
  const r = check(
    t,
    `type P { i64 x, i64 count, string name }\ni32 Main() {\n P a = P { x: 1, cuont: 2, name: "" };\n P b = P { x: 1, zzz: 2 };\n return 0; }`,
    "E1211@3 E1211@4 E1212@4",
  );
  t.regex(messages(r)[0]!, /`P` has no field `cuont` \[help: did you mean `count`\?\]/);
  // Nothing close: the missing fields are still listed.
  t.regex(
    messages(r).find((m) => m.startsWith("E1212"))!,
    /`P` needs `count`, `name`/,
  );
});

test("E1213: field access on a non-record; E1211 unknown field", (t) => {
  check(
    t,
    `type P { i64 x }\ni32 Main() {\n i64 a = 1;\n i64 b = a.x;\n P p = P { x: 1 };\n i64 c = p.y;\n return 0; }`,
    "E1213@4 E1211@6",
  );
});

test("D15: field and element assignment never need mut", (t) => {
  check(
    t,
    `type P { i64 x }\ni32 Main() { P p = P { x: 1 }; p.x = 2; i64[] a = [1, 2]; a[0] = 5; a[1] += 1; return 0; }`,
    "",
  );
});

test("E1226: invalid assignment target; E1227: string element", (t) => {
  check(
    t,
    `unit F() {}\ni32 Main() {\n F = 1;\n string s = "ab";\n s[0] = 1;\n 1 + 2 = 3;\n return 0; }`,
    "E1226@3 E1227@5 E1226@6",
  );
});

test("+= concatenates strings; -= on strings is E1209", (t) => {
  check(t, `i32 Main() {\n mut string s = "a";\n s += "b";\n s += 5;\n s -= "c";\n return 0; }`, "E1209@5");
});

test("E1221: += with a function value on a non-event", (t) => {
  check(t, `i32 Main() { mut unit() f = () => {}; f += () => {}; return 0; }`, "E1221@1");
});

test("E1221: += / -= with a function value on a number, string or field (not E1206)", (t) => {
  check(t, `unit F() {\n  mut i64 a = 1;\n  a += () => {};\n}`, "E1221@3");
  check(t, `unit F() {\n  mut i64 a = 1;\n  unit() g = () => {};\n  a -= g;\n}`, "E1221@4");
  check(t, `unit F() {\n  mut string s = "";\n  s += (i64 x) => {};\n}`, "E1221@3");
  check(t, `type T { i64 n }\nunit F(T t) {\n  t.n += () => {};\n}`, "E1221@3");
  check(t, `unit F() {\n  mut i64 a = 1;\n  a += 2;\n  mut string s = "x";\n  s += a;\n}`, "");
});

test("array literals: expected element type, common type, defaults", (t) => {
  const r = check(
    t,
    `i32 Main() { i64[] a = [1, 2]; let b = [1, 2]; let c = [1, 2.5]; u8[] d = []; return 0; }`,
    "",
  );
  const types = r.program.locals
    .filter((l) => ["b", "c"].includes(l.name))
    .map((l) => r.program.types[l.type]);
  t.deepEqual(types, [
    { kind: "array", elem: 8 },
    { kind: "array", elem: 15 },
  ]);
});

test("E1228: [] without an expected type, elements without a common type", (t) => {
  check(t, `i32 Main() {\n let a = [];\n let b = [1, "x"];\n return 0; }`, "E1228@2 E1228@3");
});

test("nested arrays and __array_new with the expected element type", (t) => {
  check(
    t,
    `i32 Main() { i64[][] grid = [[1], [2, 3]]; string[] s = __array_new(8, 3); i64 h = __array_new(8, 3); return 0; }`,
    "",
  );
});

const EVENTS = `type Button {
    event{2} Clicked(i64 x),
    event Closed(),
    string label,
    pub unit Click() { Clicked(1); }
}`;

test("events: subscribe, unsubscribe, invoke from a member and from the module", (t) => {
  const r = check(
    t,
    `${EVENTS}
unit Fire(Button b) { b.Clicked(2); }
i32 Main() {
  Button b = Button { label: "ok" };
  unit(i64) h = x => {};
  b.Clicked += h;
  b.Clicked -= h;
  b.Closed += () => {};
  b.Click();
  return 0;
}`,
    "",
  );
  const btn = r.program.records.find((x) => x.name === "Button")!;
  t.deepEqual(
    btn.fields.map((f) => (f.kind === "event" ? `${f.name}:${f.capacity}` : f.name)),
    ["Clicked:2", "Closed:8", "label"],
  );
});

test("E1219: event invoked from another module", (t) => {
  check(
    t,
    `use Ui;
i32 Main() { Ui.Button b = Ui.Button { label: "x" }; b.Clicked(1); return 0; }
//- /Ui.bd
pub type Button { event Clicked(i64 x), string label }`,
    "E1219@2",
  );
});

test("E1220: event capacity not positive", (t) => {
  check(t, `type B { event{0} E(), i64 x }\ni32 Main() { return 0; }`, "E1220@1");
});

test("E1232: event read as a value; E1226: event assigned; events not given in literals", (t) => {
  check(
    t,
    `${EVENTS}\ni32 Main() {\n Button b = Button { label: "x" };\n let e = b.Closed;\n b.Closed = 1;\n Button c = Button { label: "y", Closed: 1 };\n return 0; }`,
    "E1232@9 E1226@10 E1211@11",
  );
});

test("a type and its event may share a name", (t) => {
  const r = run(`type Tick { event Tick(), i64 n }\ni32 Main() { return 0; }`);
  t.deepEqual(r.diagnostics, []);
});

test("E1007: duplicate field", (t) => {
  check(t, `type P {\n i64 x,\n string x\n}\ni32 Main() { return 0; }`, "E1007@3");
});

test("E1206: contracts and enums cannot be built with a struct literal", (t) => {
  check(t, `enum E { A }\ni32 Main() { let x = E { }; return 0; }`, "E1206@2");
});
