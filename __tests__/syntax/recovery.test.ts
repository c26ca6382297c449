/**
 * Error recovery (LANGUAGE.md §4.3 rule 19, PIPELINE.md §3): one primary error per broken
 * construct, missing nodes inserted, resynchronisation, and the nesting-depth limit (E0104).
 */

import test from "ava";
import { dumpTree, parseFile } from "../../src/syntax/index.ts";
import { codes, goldenSuite } from "./helpers.ts";

goldenSuite("recovery");

test("missing nodes are inserted with zero-width spans", (t) => {
  const r = parseFile("unit F() { let x = ; }", "t.bd");
  t.is(r.diagnostics.length, 1);
  const f = r.tree.items[0]!;
  if (f.kind !== "Function" || f.body?.kind !== "Block") return t.fail();
  const s = f.body.statements[0]!;
  if (s.kind !== "Local" || !s.init) return t.fail();
  t.is(s.init.kind, "ErrorExpr");
  t.is(s.init.start, s.init.end);
});

test("one unterminated construct gives one error", (t) => {
  t.deepEqual(codes("unit F() {\n  if x {\n    f(1, [2, {3"), ["E0101@3:16"]);
  t.deepEqual(codes('unit F() { let s = "abc'), ["E0002@1:20"]);
  t.deepEqual(codes("unit F() { /* x"), ["E0003@1:12"]);
});

test("an `if` used as an expression inside an interpolation or an array literal gives one error", (t) => {
  t.deepEqual(codes('unit F() {\n  string s = "${if a { "x" } else { "y" }}z";\n  G();\n}'), ["E0101@2:17"]);
  t.deepEqual(codes('unit F() {\n  string s = "a${if a { 1 } else { 2 }}b${c}d";\n}'), ["E0101@2:18"]);
  t.deepEqual(codes("unit F() {\n  let xs = [1, if a { 2 } else { 3 }];\n}"), ["E0101@2:16"]);
});

test("`break`, `continue` and `return` as a match arm body: one E0101 each, with the block form as help", (t) => {
  const r = parseFile(
    "unit F(i64 i) {\n  match i { 1 => break, 2 => continue, _ => return, }\n  G();\n}",
    "t.bd",
  );
  t.deepEqual(
    r.diagnostics.map((d) => `${d.code} ${d.help}`),
    [
      "E0101 `break` is a statement, not an expression; in a match arm write `=> { break; }`",
      "E0101 `continue` is a statement, not an expression; in a match arm write `=> { continue; }`",
      "E0101 `return` is a statement, not an expression; in a match arm write `=> { return …; }`",
    ],
  );
});

test("or-patterns and `if` guards in match arms: one E0103 each, and the arms still parse", (t) => {
  const src =
    'i64 F(string c, i64 n) {\n  return match c {\n    "a" | "b" => 1,\n    "x" if n > 2 => 2,\n    E::A(p, q) | E::B(p, q) when p > 0 => 3,\n    _ => 4,\n  };\n}';
  const r = parseFile(src, "t.bd");
  t.deepEqual(
    r.diagnostics.map((d) => `${d.code}@${d.start?.line}:${d.start?.column}`),
    ["E0103@3:9", "E0103@4:9", "E0103@5:16"],
  );
  const f = r.tree.items[0]!;
  if (f.kind !== "Function" || f.body?.kind !== "Block") return t.fail();
  const ret = f.body.statements[0]!;
  if (ret.kind !== "Return" || ret.value?.kind !== "Match") return t.fail();
  t.is(ret.value.arms.length, 4);
  t.truthy(ret.value.arms[1]!.guard);
  t.truthy(ret.value.arms[2]!.guard);
});

test("an arm with an `if` guard is checked like one with `when`: a missing comma after it is reported", (t) => {
  const arms = (guard: string): string =>
    `i64 F(i64 n) {\n  return match n {\n    x ${guard} x > 1 => 2\n    _ => 0,\n  };\n}`;
  const when = codes(arms("when"));
  t.is(when.length, 1, "the missing comma");
  t.deepEqual(codes(arms("if")), ["E0103@3:7", ...when]);
});

test("`public`/`static` before an item or a member: one E0103 each, and the item still parses", (t) => {
  const r = parseFile(
    "public type P {\n  i64 x,\n  public i64 Get() => x;\n}\nstatic i64 F() => 1;\npublic List<i64> G() => 0;\n",
    "t.bd",
  );
  t.deepEqual(
    r.diagnostics.map((d) => `${d.code}@${d.start?.line}:${d.start?.column} ${d.help}`),
    [
      "E0103@1:1 write `pub`: items are private to their module unless `pub`",
      "E0103@3:3 write `pub`: items are private to their module unless `pub`",
      "E0103@5:1 there are no static members: module functions play that role; drop the word",
      "E0103@6:1 write `pub`: items are private to their module unless `pub`",
    ],
  );
  t.deepEqual(
    r.tree.items.map((i) => `${i.kind}:${i.isPub}`),
    ["Type:true", "Function:false", "Function:true"],
  );
});

test("after an error the next statement and the next item still parse", (t) => {
  const r = parseFile("unit F() { foo(; bar(); }\ni64 G() => 1;", "t.bd");
  t.is(r.diagnostics.length, 1);
  t.is(r.tree.items.length, 2);
  const f = r.tree.items[0]!;
  if (f.kind !== "Function" || f.body?.kind !== "Block") return t.fail();
  t.is(f.body.statements.length, 2);
});

test("10,000 nested parentheses give E0104, not a stack overflow", (t) => {
  const src = `unit F() { let x = ${"(".repeat(10000)}1${")".repeat(10000)}; }`;
  t.deepEqual(codes(src), ["E0104@1:275"]);
  t.deepEqual(
    codes(`unit F() { let x = ${"(".repeat(10000)}; }`).map((c) => c.split("@")[0]),
    ["E0104"],
  );
});

test("10,000 nested blocks give E0104, not a stack overflow", (t) => {
  t.deepEqual(
    codes(`unit F() ${"{".repeat(10000)}${"}".repeat(10000)}`).map((c) => c.split("@")[0]),
    ["E0104"],
  );
  t.deepEqual(
    codes(`unit F() ${"{".repeat(10000)}`).map((c) => c.split("@")[0]),
    ["E0104"],
  );
});

test("other deep inputs stay bounded: brackets, generics, prefix operators, lambdas, else-if", (t) => {
  const deep = [
    `unit F() { let x = ${"[".repeat(10000)}; }`,
    `${"List<".repeat(10000)} x;`,
    `unit F() { x = ${"a<".repeat(5000)}; }`,
    `unit F() { let x = ${"-".repeat(10000)}1; }`,
    `unit F() { let x = ${"!".repeat(10000)}y; }`,
    `unit F() { let x = ${"a => ".repeat(10000)}1; }`,
    `${"mod a { ".repeat(10000)}`,
    `unit F() { match x { ${"_ => match x { ".repeat(5000)} } }`,
  ];
  for (const src of deep) {
    const r = parseFile(src, "t.bd");
    t.true(r.diagnostics.length <= 2, src.slice(0, 30));
  }
  // An `else if` chain is built iteratively: 900 links parse cleanly, 10,000 are cut with E0104.
  const chain = (n: number): string => `unit F() { if a { } ${"else if a { } ".repeat(n)} }`;
  const ok = parseFile(chain(900), "t.bd");
  t.deepEqual(ok.diagnostics, []);
  t.true(dumpTree(ok.tree).length > 0);
  t.deepEqual(
    codes(chain(10000)).map((c) => c.split("@")[0]),
    ["E0104"],
  );
});

test("long operator and postfix chains are cut at MAX_CHAIN, so trees stay walkable", (t) => {
  for (const src of [
    `unit F() { let x = a${" + a".repeat(5000)}; }`,
    `unit F() { let x = a${".b".repeat(5000)}; }`,
    `unit F() { let x = f${"()".repeat(5000)}; }`,
    `unit F() { let x = ${"!".repeat(5000)}a; }`,
  ]) {
    const r = parseFile(src, "t.bd");
    t.deepEqual(
      r.diagnostics.map((d) => d.code),
      ["E0104"],
    );
    t.notThrows(() => JSON.stringify(r.tree, (_k, v: unknown) => (typeof v === "bigint" ? 0 : v)));
  }
  t.deepEqual(parseFile(`unit F() { let x = a${" + a".repeat(900)}; }`, "t.bd").diagnostics, []);
});

test("same text gives the same tree and the same diagnostics in the same order", (t) => {
  const src = "unit F() { let a = ; foo(1 2); }\n/// orphan\n}";
  const a = parseFile(src, "t.bd");
  const b = parseFile(src, "t.bd");
  t.is(dumpTree(a.tree), dumpTree(b.tree));
  t.deepEqual(a.diagnostics, b.diagnostics);
});

test("an unclosed block: the help names the `{` whose `}` went to an outer block", (t) => {
  const mid = parseFile(
    "i32 Main() {\n    if true {\n        F();\n    \n    return 0;\n}\n\ni64 Other() {\n    return 1;\n}\n",
    "u.bd",
  );
  t.deepEqual(
    mid.diagnostics.map((d) => [d.start?.line, d.help]),
    [[8, "the `{` on line 2 is not closed: the `}` on line 6 is indented like an outer block"]],
  );
  const eof = parseFile(
    "i32 Main() {\n    while true {\n        if true {\n            F();\n        \n    }\n    return 0;\n}\n",
    "u.bd",
  );
  t.deepEqual(
    eof.diagnostics.map((d) => [d.start?.line, d.message, d.help]),
    [
      [
        9,
        "syntax error: expected `}`, found end of file",
        "the `{` on line 3 is not closed: the `}` on line 6 is indented like an outer block",
      ],
    ],
  );
  // No indentation evidence: the generic help.
  t.is(parseFile("i32 Main() {\n return 0;\n", "u.bd").diagnostics[0]?.help, "a block above is not closed");
});

test("an unclosed block before a `pub` item in the first column unwinds once", (t) => {
  const r = parseFile(
    "pub i64 A() {\n    if true {\n        return 1;\n    return 0;\n}\n\npub i64 B() {\n    return 2;\n}\n\npub type T { i64 x, }\n",
    "p.bd",
  );
  t.deepEqual(
    r.diagnostics.map((d) => [d.start?.line, d.start?.column, d.message]),
    [[7, 1, "syntax error: expected `}`, found the start of a function"]],
  );
  t.deepEqual(
    r.tree.items.map((i) => i.kind),
    ["Function", "Function", "Type"],
  );
  // Indented, an item keyword inside a block is still "items cannot be declared inside blocks".
  t.deepEqual(codes("unit F() {\n    type T { }\n    return;\n}"), ["E0101@2:5"]);
  // In the first column it is taken as a missing `}` (the stray `}` after it is then E0102).
  t.deepEqual(codes("unit F() {\ntype T { }\n}"), ["E0101@2:1", "E0102@3:1"]);
});
