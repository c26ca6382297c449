/**
 * Items (LANGUAGE.md §4.2 "Files and items"): functions, types with fields/events/inject/members,
 * enums, contracts, impl/extend, tests, attribute declarations, modules, use, const, macro/host,
 * and the item-level errors (E0102, E0103 hints, misplaced attributes).
 */

import test from "ava";
import { parseFile } from "../../src/syntax/index.ts";
import { codes, goldenSuite, parses, shape } from "./helpers.ts";

goldenSuite("items");

test("function bodies: block, expression, none", (t) => {
  const tree = parses(t, "i64 A() { return 1; }\ni64 B() => 2;\ni64 C();");
  t.deepEqual(
    tree.items.map((i) => (i.kind === "Function" ? (i.body?.kind ?? "none") : i.kind)),
    ["Block", "ExprBody", "none"],
  );
});

test("generic function with where clause and attributes", (t) => {
  const tree = parses(t, "[Inline] pub T Id<T, U>(T x) where T: Core.Eq, U: Hash { return x; }");
  const f = tree.items[0]!;
  t.is(f.kind, "Function");
  if (f.kind !== "Function") return;
  t.true(f.isPub);
  t.deepEqual(
    f.typeParams.map((p) => p.text),
    ["T", "U"],
  );
  t.deepEqual(
    f.where.map((w) => `${w.param.text}:${w.bound.segments.map((s) => s.name.text).join(".")}`),
    ["T:Core.Eq", "U:Hash"],
  );
  t.is(f.attributes[0]!.name.text, "Inline");
});

test("parameter modifiers follow rule 13", (t) => {
  const tree = parses(t, "unit F(mut i64 a, ref i64 b, out i64 c, bulk string d, string out, i64 ref) { }");
  const f = tree.items[0]!;
  if (f.kind !== "Function") return t.fail();
  t.deepEqual(
    f.params.map((p) => `${p.bulk ? "bulk " : ""}${p.modifier ?? "-"} ${p.name.text}`),
    ["- a".replace("-", "mut"), "ref b", "out c", "bulk - d", "- out", "- ref"],
  );
});

test("type bodies: fields first, then members; events and inject fields", (t) => {
  const tree = parses(
    t,
    "type H { event{16} Changed(i64 v), event Closed(), inject global::Log log, i64 n, i64 Get() => n; type Item = i64; }",
  );
  const h = tree.items[0]!;
  if (h.kind !== "Type") return t.fail();
  t.deepEqual(
    h.fields.map((f) => f.kind),
    ["EventField", "EventField", "InjectField", "Field"],
  );
  t.deepEqual(
    h.members.map((m) => m.kind),
    ["Method", "AssocType"],
  );
});

test("a field after a member is E0101 with a hint", (t) => {
  const r = parseFile("type T { i64 Get() => 1; i64 x }", "t.bd");
  t.is(r.diagnostics.length, 1);
  t.is(r.diagnostics[0]!.code, "E0101");
  t.is(r.diagnostics[0]!.help, "fields come first in a type body");
});

test("enum variants: unnamed payload fields get positions, () is kept", (t) => {
  const tree = parses(t, "enum E { A, B(i64, string name), C() }");
  const e = tree.items[0]!;
  if (e.kind !== "Enum") return t.fail();
  t.deepEqual(
    e.variants.map(
      (v) =>
        `${v.name.text}${v.hasParens ? "()" : ""}:${v.fields.map((f) => `${f.index}${f.name?.text ?? "_"}`).join(",")}`,
    ),
    ["A:", "B():0_,1name", "C():"],
  );
});

test("contract members: method, embedding (qualified, optional ;), associated type", (t) => {
  const tree = parses(
    t,
    "contract C { i64 M(i64 p); Other; Core.Text.Formattable type Item; type K = string; }",
  );
  const c = tree.items[0]!;
  if (c.kind !== "Contract") return t.fail();
  t.deepEqual(
    c.members.map((m) => m.kind),
    ["ContractMethod", "ContractEmbed", "ContractEmbed", "AssocType", "AssocType"],
  );
});

test("impl and extend are one node kind with a form", (t) => {
  const tree = parses(
    t,
    "impl<T> List<T> : Iterable<T> where T: Eq { i64 N() => 0; }\nextend type i64 { i64 Twice() => this * 2; }",
  );
  t.deepEqual(
    tree.items.map((i) => (i.kind === "Impl" ? `${i.form}:${i.target.kind}` : i.kind)),
    ["impl:NamedType", "extend:PrimitiveType"],
  );
});

test("tests: meta and skip sections apart from the body", (t) => {
  const tree = parses(
    t,
    'test A { meta { tags = "x"; } let a = 1; skip { condition = true; reason = "r"; } a = 2; }',
  );
  const a = tree.items[0]!;
  if (a.kind !== "Test") return t.fail();
  t.deepEqual(
    a.sections.map((s) => `${s.section}:${s.entries.map((e) => e.key.text).join(",")}`),
    ["meta:tags", "skip:condition,reason"],
  );
  t.is(a.body.length, 2);
  t.deepEqual(codes("test A(i64 x) { }"), ["E0101@1:7"]);
});

test("modules: declarations, inline modules, use with alias", (t) => {
  const tree = parses(t, "mod A.B;\npub mod A.C;\nmod I { use X.Y as Z; }\npub use Q.R;");
  t.deepEqual(shape(tree.items.map((i) => i.kind)), "ModDecl ModDecl InlineModule Use");
  const inline = tree.items[2]!;
  if (inline.kind !== "InlineModule") return t.fail();
  const u = inline.items[0]!;
  t.is(u.kind === "Use" ? u.alias?.text : undefined, "Z");
});

test("grouped and glob imports are E0103 with a hint", (t) => {
  t.deepEqual(codes("use A.{B, C};\nuse A.*;\nuse Fine;"), ["E0103@1:6", "E0103@2:6"]);
});

test("const items take an optionally negative integer", (t) => {
  const tree = parses(t, "const A = 1;\npub const B = -5;");
  t.deepEqual(
    tree.items.map((i) =>
      i.kind === "Const" ? `${i.value.negative ? "-" : ""}${i.value.literal.value}` : "",
    ),
    ["1", "-5"],
  );
  t.deepEqual(codes('const S = "x";'), ["E0101@1:11"]);
});

test("macro and host items are kept with opaque bodies", (t) => {
  const tree = parses(t, "macro M(ident n) { $n + { } }\nhost App(i64 p) : Service { registry { x; } }");
  t.deepEqual(
    tree.items.map(
      (i) =>
        `${i.kind}:${(i.kind === "Macro" || i.kind === "Host") && i.body.kind === "TokenBlock" ? "opaque" : ""}`,
    ),
    ["Macro:opaque", "Host:opaque"],
  );
});

test("a trailing `-> T` return type is E0103 on functions, members and contract methods", (t) => {
  t.deepEqual(codes("i64 F() -> i64 { return 1; }\ni64 G() => 2;"), ["E0103@1:9"]);
  t.deepEqual(codes("type T {\n  i64 n,\n  pub i64 M() -> i64 => n;\n}"), ["E0103@3:15"]);
  t.deepEqual(codes("contract C {\n  i64 N() -> i64;\n}"), ["E0103@2:11"]);
  t.deepEqual(codes("unit F() -> { }"), ["E0103@1:10"]);
});

test("type aliases and generic members are E0103", (t) => {
  t.deepEqual(codes("type M = i64;"), ["E0103@1:8"]);
  t.deepEqual(codes("type T { i64 G<U>(U x) => 1; }"), ["E0103@1:15"]);
});

test("a `where` clause on a type is one E0101 naming the impl form, and the body still parses", (t) => {
  const r = parseFile(
    "type Index<K, T> where T: Keyed, K: Hash {\n  T[] items,\n  pub i64 N() => 0;\n}",
    "t.bd",
  );
  t.deepEqual(
    r.diagnostics.map((d) => `${d.code}@${d.start?.line}:${d.start?.column} ${d.help}`),
    ["E0101@1:18 declare the bound on the members that need it: `impl<K, T> Index<K, T> where T: … { … }`"],
  );
  const ty = r.tree.items[0]!;
  t.true(ty.kind === "Type" && ty.fields.length === 1 && ty.members.length === 1);
});

test("`mut` on a field is one E0101 and the field is kept", (t) => {
  const r = parseFile("type C {\n  mut i64 n,\n  string s,\n  pub i64 Get() => n;\n}", "t.bd");
  t.deepEqual(
    r.diagnostics.map((d) => `${d.code}@${d.start?.line}:${d.start?.column}`),
    ["E0101@2:3"],
  );
  const ty = r.tree.items[0]!;
  t.true(ty.kind === "Type" && ty.fields.length === 2 && ty.members.length === 1);
});

test("tokens that cannot start an item are E0102, then parsing resumes", (t) => {
  const r = parseFile("i64 A() => 1;\n+ - * ;\ni64 B() => 2;", "t.bd");
  t.deepEqual(
    r.diagnostics.map((d) => d.code),
    ["E0102"],
  );
  t.is(r.tree.items.length, 2);
});

test("attributes on use, const and impl are rejected", (t) => {
  t.deepEqual(codes("[A] use X;"), ["E0101@1:1"]);
  t.deepEqual(codes("[A] const X = 1;"), ["E0101@1:1"]);
  t.deepEqual(codes("[A] impl P { }"), ["E0101@1:1"]);
});

test("a field inside an impl block is one error and the members around it survive", (t) => {
  const r = parseFile("impl P { i64 x; i64 F() => 1; }", "t.bd");
  t.deepEqual(
    r.diagnostics.map((d) => d.code),
    ["E0101"],
  );
  const impl = r.tree.items[0]!;
  t.is(impl.kind === "Impl" ? impl.members.length : -1, 1);
});

test("fields ended with ; instead of , are reported once per type body", (t) => {
  const r = parseFile("type P { i64 x; i64 y; i64 Get() => x; }", "t.bd");
  t.deepEqual(
    r.diagnostics.map((d) => `${d.code}@${d.start?.column}`),
    ["E0101@15"],
  );
  const p = r.tree.items[0]!;
  t.deepEqual(p.kind === "Type" ? [p.fields.length, p.members.length] : [], [2, 1]);
});

test("declaration words of other languages are E0103 with a hint; the next item survives", (t) => {
  for (const [src, word] of [
    ["struct P { x: i64 }\ni64 G() => 1;", "struct"],
    ["class A { }\ni64 G() => 1;", "class"],
    ["import Core.Output;\ni64 G() => 1;", "import"],
    ["interface I { }\ni64 G() => 1;", "interface"],
  ] as const) {
    const r = parseFile(src, "t.bd");
    t.deepEqual(
      r.diagnostics.map((d) => d.code),
      ["E0103"],
      src,
    );
    t.true(r.diagnostics[0]!.message.includes(word));
    const last = r.tree.items[r.tree.items.length - 1]!;
    t.is(last.kind === "Function" ? last.name.text : "", "G");
  }
  // `fn main()` is a function returning a type named `fn`: syntactically fine.
  t.deepEqual(codes("fn main() { }"), []);
});

test("a comma after a member gets a hint that commas separate fields only", (t) => {
  const r = parseFile("pub type Box { i64 v, i64 Hidden() => v, }", "c.bd");
  t.deepEqual(
    r.diagnostics.map((d) => [d.start?.column, d.message, d.help]),
    [
      [
        40,
        "syntax error: expected a field or member, found `,`",
        "commas separate fields only; a member ends with its `}` or with `;` after `=> expr`",
      ],
    ],
  );
});
