/** Patterns and match arms (LANGUAGE.md §4.2 "Patterns", §4.3 rules 9 and 15). */

import test from "ava";
import { codes, goldenSuite, parses, shape } from "./helpers.ts";

goldenSuite("patterns");

function arms(t: Parameters<typeof parses>[0], body: string): string[] {
  const tree = parses(t, `unit F() { match v { ${body} } }`);
  const f = tree.items[0]!;
  if (f.kind !== "Function" || !f.body || f.body.kind !== "Block") return [];
  const s = f.body.statements[0]!;
  if (s.kind !== "ExprStmt" || s.expr.kind !== "Match") return [];
  return s.expr.arms.map((a) => shape(a.pattern));
}

test("every pattern form", (t) => {
  t.deepEqual(
    arms(t, "_ => 0, x => 1, -1 => 2, 'c' => 3, \"s\" => 4, false => 5, E::V => 6, E::W(_, y) => 7"),
    [
      "(WildcardPattern)",
      "(BindingPattern x)",
      "(LiteralPattern negative=true (IntLit 1 radix=10))",
      "(LiteralPattern (CharLit 99))",
      "(LiteralPattern (StringLit s))",
      "(LiteralPattern (BoolLit false))",
      "(EnumPattern (QualName (PathSegment E)) V)",
      "(EnumPattern (QualName (PathSegment E)) W (WildcardPattern) (BindingPattern y))",
    ],
  );
});

test("qualified and generic enum patterns", (t) => {
  t.deepEqual(arms(t, "Geo.Shape::Dot(p) => 1, Option<i64>::None => 2"), [
    "(EnumPattern (QualName (PathSegment Geo) (PathSegment Shape)) Dot (BindingPattern p))",
    "(EnumPattern (QualName (PathSegment Option (PrimitiveType name=i64))) None)",
  ]);
});

test("rule 9: block bodies need no comma; extra commas are ignored", (t) => {
  t.is(arms(t, ", , A::B => { } C::D => { }, _ => 0,,").length, 3);
});

test("guards bind tighter than the arrow and do not start lambdas", (t) => {
  const tree = parses(t, "unit F() { match v { x when x > 0 && y => 1, _ => 2 } }");
  const f = tree.items[0]!;
  if (f.kind !== "Function" || !f.body || f.body.kind !== "Block") return t.fail();
  const s = f.body.statements[0]!;
  if (s.kind !== "ExprStmt" || s.expr.kind !== "Match") return t.fail();
  t.is(shape(s.expr.arms[0]!.guard), "(Binary && (Binary > (Name x) (IntLit 0 radix=10)) (Name y))");
});

test("bad patterns: bare variant, dotted binding, interpolation", (t) => {
  // At the variant name, where `Enum::` must be inserted (not at the `(`).
  t.deepEqual(codes("unit F() { match v { Dot(p) => 1, _ => 0 } }"), ["E0101@1:22"]);
  t.deepEqual(codes("unit F() { match v { a.b => 1, _ => 0 } }"), ["E0101@1:26"]);
  t.deepEqual(codes('unit F() { match v { "${x}" => 1, _ => 0 } }'), ["E0101@1:22"]);
});

test("a missing comma between arms is one error", (t) => {
  t.deepEqual(codes("unit F() { match v { A::B => 1 C::D => 2 } }"), ["E0101@1:32"]);
});
