/** Documentation comments (LANGUAGE.md §3.2, §4.3 rule 16, D27): attachment and W0110. */

import test from "ava";
import { parseFile } from "../../src/syntax/index.ts";
import { codes, goldenSuite } from "./helpers.ts";

goldenSuite("docs");

test("doc lines attach to items, joined with newlines, one leading space removed", (t) => {
  const r = parseFile("/// First line.\n///  indented\n///no space\ni64 F() => 1;", "t.bd");
  t.deepEqual(r.diagnostics, []);
  const f = r.tree.items[0]!;
  t.is(f.doc?.text, "First line.\n indented\nno space");
});

test("doc lines attach to fields, members, variants, payload fields, parameters, contract members", (t) => {
  const src = `type T {
  /// f
  i64 x,
  /// m
  i64 M(
    /// p
    i64 p) => p;
}
enum E {
  /// v
  V(
    /// pf
    i64 a),
}
contract C {
  /// cm
  i64 N();
}
impl T {
  /// im
  i64 K() => 1;
}`;
  const r = parseFile(src, "t.bd");
  t.deepEqual(r.diagnostics, []);
  const [ty, en, co, im] = r.tree.items;
  if (ty?.kind !== "Type" || en?.kind !== "Enum" || co?.kind !== "Contract" || im?.kind !== "Impl")
    return t.fail();
  t.is(ty.fields[0]!.doc?.text, "f");
  const m = ty.members[0]!;
  t.is(m.doc?.text, "m");
  t.is(m.kind === "Method" ? m.params[0]!.doc?.text : "", "p");
  t.is(en.variants[0]!.doc?.text, "v");
  t.is(en.variants[0]!.fields[0]!.doc?.text, "pf");
  t.is(co.members[0]!.doc?.text, "cm");
  t.is(im.members[0]!.doc?.text, "im");
});

test("doc lines on statements attach only directly inside a test body", (t) => {
  const r = parseFile("test T {\n  /// step\n  let x = 1;\n}", "t.bd");
  t.deepEqual(r.diagnostics, []);
  const item = r.tree.items[0]!;
  t.is(item.kind === "Test" ? item.body[0]!.doc?.text : "", "step");
  t.deepEqual(codes("unit F() {\n  /// not here\n  let x = 1;\n}"), ["W0110@2:3"]);
});

test("an orphan doc comment is a warning, not an error, and reported once per run of lines", (t) => {
  const r = parseFile("i64 F() => 1;\n/// a\n/// b\n", "t.bd");
  t.deepEqual(
    r.diagnostics.map((d) => `${d.code}:${d.severity}@${d.start?.line}-${d.end?.line}`),
    ["W0110:warning@2-3"],
  );
});
