/**
 * Statements (LANGUAGE.md §4.2 "Statements", §4.3 rules 4, 7, 8, 18): local declarations in all
 * spellings, declaration-or-expression, control flow, statements ending with a brace, and the
 * statement-level errors.
 */

import test from "ava";
import { codes, goldenSuite, parses, shape } from "./helpers.ts";
import { parseFile } from "../../src/syntax/index.ts";

goldenSuite("statements");

function stmts(t: Parameters<typeof parses>[0], body: string): string[] {
  const tree = parses(t, `unit F() {\n${body}\n}`);
  const f = tree.items[0]!;
  if (f.kind !== "Function" || !f.body || f.body.kind !== "Block") return [];
  return f.body.statements.map((s) => shape(s));
}

test("every local declaration spelling", (t) => {
  t.deepEqual(
    stmts(t, "i64 a = 1; mut i64 b = 2; i64 mut c = 3; i64 d; let e = 4; let mut f = 5;").map((s) =>
      s.replace(/ \(IntLit.*$/, ""),
    ),
    [
      "(Local form=typed (PrimitiveType name=i64) a",
      "(Local form=typed mutable=true (PrimitiveType name=i64) b",
      "(Local form=typed mutable=true (PrimitiveType name=i64) c",
      "(Local form=typed (PrimitiveType name=i64) d)",
      "(Local form=let e",
      "(Local form=let mutable=true f",
    ],
  );
});

test("rule 4: declarations versus expression statements", (t) => {
  const kinds = stmts(
    t,
    "u8count = 1; a[i] = v; foo(x); a < b; List<i64> xs = ys; unit(string) g = h; Core.Time.Instant i = j; Point { x: 1 };",
  ).map((s) => s.slice(1, s.indexOf(" ")));
  t.deepEqual(kinds, ["ExprStmt", "ExprStmt", "ExprStmt", "ExprStmt", "Local", "Local", "Local", "ExprStmt"]);
});

test("rule 8: statements starting with match or { end at their brace", (t) => {
  const s = stmts(t, "match x { _ => 1 }\n{ }\nmatch y { _ => 2 };\nf();");
  t.is(s.length, 4);
  t.true(s[0]!.startsWith("(ExprStmt (Match"));
  t.false(s[0]!.includes("semicolon=true"));
  t.true(s[1]!.startsWith("(BlockStmt"));
  t.true(s[2]!.includes("semicolon=true"));
});

test("rule 7: {} right after an if/while/for/match head is the body", (t) => {
  t.deepEqual(
    stmts(t, "if ready {} while busy {} for x in xs {} match m {}").map((s) => s.slice(1, s.indexOf(" "))),
    ["If", "While", "For", "ExprStmt"],
  );
});

test("rule 18: else if chains nest to the right", (t) => {
  const [s] = stmts(t, "if a { } else if b { } else { }");
  t.is(s, "(If (Name a) (Block) (If (Name b) (Block) (Block)))");
});

test("return, break and continue", (t) => {
  t.deepEqual(stmts(t, "while true { break; continue; } return;").slice(1), ["(Return)"]);
  t.deepEqual(codes("unit F() { while x { break outer; } }"), ["E0103@1:28"]);
});

test("from other languages: while let, labels, let x: T", (t) => {
  t.deepEqual(codes("unit F() { while let x = y { } }"), ["E0103@1:18"]);
  t.deepEqual(codes("unit F() { outer: while x { } }"), ["E0103@1:12"]);
  t.deepEqual(codes("unit F() { let x: i64 = 0; }"), ["E0103@1:17"]);
});

test("from other languages: a C-style for loop and `new` are one E0103 each, and the next statement survives", (t) => {
  t.deepEqual(codes("unit F() {\n  for (i64 i = 0; i < 3; i += 1) { x(); }\n  y( ;\n}"), [
    "E0103@2:7",
    "E0101@3:6",
  ]);
  t.deepEqual(codes("unit F() { for (x in xs) { } }"), ["E0103@1:16"]);
  t.deepEqual(codes("unit F() {\n  P p = new P(1, 2);\n  Q q = new Q { a: 1 };\n  new R();\n}"), [
    "E0103@2:9",
    "E0103@3:9",
    "E0103@4:3",
  ]);
  // `new` stays an ordinary name everywhere else.
  t.deepEqual(codes("unit F() { i64 new = 1; new = new + 1; G(new); }"), []);
});

test("an expression left at the end of a block (a Rust habit) gets the `;`/`return` help", (t) => {
  const helps = (src: string) =>
    parseFile(src, "t.bd").diagnostics.map(
      (d) => `${d.code}@${d.start?.line}:${d.start?.column} ${d.help ?? ""}`,
    );
  const help =
    "every statement ends with `;`: a block never yields its last expression (`return e;` returns it from the function)";
  t.deepEqual(helps("i64 F() { G(); 2 }"), [`E0101@1:18 ${help}`]);
  t.deepEqual(helps("i64 H() {\n    5\n}"), [`E0101@2:6 ${help}`]);
  // A missing `;` before another statement keeps the plain message.
  t.deepEqual(helps("unit F() { G() H(); }"), ["E0101@1:16 "]);
});

test("E1230 statements are opaque nodes", (t) => {
  t.deepEqual(stmts(t, "use (Db d = C()) { }\nuse Db e = C();\nwith S(1) { }\nlaunch W.T(2);"), [
    "(UnsupportedStmt construct=scoped-use)",
    "(UnsupportedStmt construct=scoped-use)",
    "(UnsupportedStmt construct=with)",
    "(UnsupportedStmt construct=launch)",
  ]);
});

test("a missing semicolon before a new line is one error and the next statement survives", (t) => {
  // Reported at the end of the line that lacks it (where the fix goes), not at the next line.
  t.deepEqual(codes("unit F() {\n  let a = 1\n  let b = 2;\n}"), ["E0101@2:12"]);
});

test("a missing semicolon: the message names the next token; same line keeps the old position", (t) => {
  const r = parseFile("unit F() {\n  let a = 1\n\n  return;\n}", "m.bd");
  t.deepEqual(
    r.diagnostics.map((d) => [d.start?.line, d.start?.column, d.message]),
    [[2, 12, "syntax error: expected `;` at the end of the line (the next token is `return`)"]],
  );
  t.deepEqual(codes("unit F() { let a = 1 let b = 2; }"), ["E0101@1:22"]);
  // Items: `use` without `;` before the next item.
  t.deepEqual(codes("use Core.Output\n\ni32 Main() { return 0; }"), ["E0101@1:16"]);
  t.deepEqual(codes("use Core.Output i32 Main() { return 0; }"), ["E0101@1:17"]);
});

test("items inside blocks are rejected", (t) => {
  t.deepEqual(codes("unit F() { type T { } return; }"), ["E0101@1:12"]);
});

test("a misspelt statement keyword: the missing-`;` error says which keyword", (t) => {
  for (const [src, kw] of [
    ["retrun 0;", "return"],
    ["brek 1;", "break"],
  ] as const) {
    const r = parseFile(`unit F() { ${src} }`, "k.bd");
    t.deepEqual(
      r.diagnostics.map((d) => [d.code, d.help]),
      [["E0101", `did you mean \`${kw}\`?`]],
      src,
    );
  }
  // A name far from every keyword gets no guess.
  t.is(parseFile("unit F() { banana 0; }", "k.bd").diagnostics[0]?.help, undefined);
});
