/**
 * Lexer behaviour (LANGUAGE.md §3): token kinds and values, escapes, interpolation, literal
 * suffixes, word boundaries, `>` flags, BOM, invalid UTF-8, and the E0001–E0008 diagnostics.
 */

import test from "ava";
import { decodeSource, lex, T, type Token } from "../../src/syntax/index.ts";
import { codes, goldenSuite } from "./helpers.ts";

goldenSuite("lexer");

const kinds = (src: string): string[] => lex(src, "t.bd").tokens.map((t: Token) => T[t.kind]);
const values = (src: string): unknown[] =>
  lex(src, "t.bd")
    .tokens.filter((t) => t.value !== undefined)
    .map((t) => t.value);

test("hard keywords only at word boundaries", (t) => {
  t.deepEqual(kinds("in in_range test test_value true trueValue u8count type typeName _x _"), [
    "KwIn",
    "Ident",
    "KwTest",
    "Ident",
    "KwTrue",
    "Ident",
    "Ident",
    "KwType",
    "Ident",
    "Ident",
    "Underscore",
    "EOF",
  ]);
});

test("contextual words are identifiers", (t) => {
  const words =
    "event meta ref out bulk as const extend where This macro host inject with launch spawn try catch clif range this";
  t.true(
    kinds(words)
      .slice(0, -1)
      .every((k) => k === "Ident"),
  );
});

test("integer values, radix and suffixes", (t) => {
  t.deepEqual(values("0 1_000 0xFF_FF 255_u8 0xFF_u8 18446744073709551615_u64"), [
    0n,
    1000n,
    0xffffn,
    255n,
    255n,
    18446744073709551615n,
  ]);
  t.deepEqual(codes("i64 F() => 18446744073709551616;"), ["E0005@1:12"]);
});

test("floats need a fraction; 1.x is an integer then a member", (t) => {
  t.deepEqual(values("1.5 2.0e-3_f32 1_000.000_1"), [1.5, 0.002, 1000.0001]);
  t.deepEqual(kinds("1.x"), ["Int", "Dot", "Ident", "EOF"]);
  t.deepEqual(codes("f64 F() => 1e3;"), ["E0005@1:12"]);
  t.deepEqual(codes("f64 F() => 1_f64;"), ["E0005@1:12"]);
});

test("malformed numbers report E0005 with a hint", (t) => {
  const r = lex("1__0 1_ 0x 5_i128", "t.bd");
  t.deepEqual(
    r.diagnostics.map((d) => d.code),
    ["E0005", "E0005", "E0005", "E0005"],
  );
  const hint = lex("1_f64", "t.bd").diagnostics[0]!.help;
  t.is(hint, "write 1.0_f64");
  t.is(lex("1e3", "t.bd").diagnostics[0]!.help, "write 1.0e3");
});

test("string escapes decode, unknown ones are E0004", (t) => {
  t.deepEqual(values(String.raw`"a\tb\n\r\0\\\"\'\${x}\u{41}"`), ["a\tb\n\r\0\\\"'${x}A"]);
  t.deepEqual(codes(String.raw`string F() => "\q";`), ["E0004@1:16"]);
  t.deepEqual(codes(String.raw`string F() => "\u{D800}";`), ["E0004@1:16"]);
  t.deepEqual(codes(String.raw`string F() => "\u{110000}";`), ["E0004@1:16"]);
});

test("a raw CRLF inside a string is stored as LF (D28)", (t) => {
  t.deepEqual(values('"a\r\nb"'), ["a\nb"]);
});

test("interpolation produces head, middle and tail tokens with decoded text", (t) => {
  t.deepEqual(kinds('"a ${x} b ${y} c"'), [
    "StringHead",
    "Ident",
    "StringMiddle",
    "Ident",
    "StringTail",
    "EOF",
  ]);
  t.deepEqual(values('"a ${x} b ${y} c"'), ["a ", "x", " b ", "y", " c"]);
  t.deepEqual(kinds('"${ {a} }"'), ["StringHead", "LBrace", "Ident", "RBrace", "StringTail", "EOF"]);
  t.deepEqual(kinds('"${"in${x}"}"'), [
    "StringHead",
    "StringHead",
    "Ident",
    "StringTail",
    "StringTail",
    "EOF",
  ]);
});

test("empty and unterminated interpolations are E0008", (t) => {
  t.deepEqual(
    lex('"${}"', "t.bd").diagnostics.map((d) => d.code),
    ["E0008"],
  );
  t.deepEqual(
    lex('"a ${x', "t.bd").diagnostics.map((d) => d.code),
    ["E0008"],
  );
});

test("unterminated string and comment: one error each", (t) => {
  t.deepEqual(codes('i32 F() { let s = "abc; }'), ["E0002@1:19"]);
  t.deepEqual(codes("i32 F() { return 0; } /* open"), ["E0003@1:23"]);
});

test("block comments do not nest", (t) => {
  t.deepEqual(kinds("/* a /* b */ x */"), ["Ident", "Star", "Slash", "EOF"]);
});

test("char literals, including the older backslash spelling", (t) => {
  t.deepEqual(values(String.raw`'a' '\n' '\'' '\\' '\u{1F600}'`), [97, 10, 39, 92, 0x1f600]);
  t.deepEqual(values(String.raw`f('\')`), ["f", 92]);
  t.deepEqual(
    lex("'' 'ab' 'x", "t.bd").diagnostics.map((d) => d.code),
    ["E0006", "E0006", "E0006"],
  );
});

test("> is always alone, flagged when followed by > or =", (t) => {
  const toks = lex("a >> b >= c > d", "t.bd").tokens;
  t.deepEqual(
    toks.filter((x) => x.kind === T.Gt).map((x) => x.flags & 1),
    [1, 0, 1, 0],
  );
  t.deepEqual(kinds("List<List<i64>>"), ["Ident", "Lt", "Ident", "Lt", "Ident", "Gt", "Gt", "EOF"]);
});

test("operators lex maximally: ===, !==, <=, <<, =>", (t) => {
  t.deepEqual(kinds("=== !== == != <= << => = += -= && || & | ? :: :"), [
    "EqEqEq",
    "BangEqEq",
    "EqEq",
    "BangEq",
    "LtEq",
    "LtLt",
    "FatArrow",
    "Eq",
    "PlusEq",
    "MinusEq",
    "AmpAmp",
    "PipePipe",
    "Amp",
    "Pipe",
    "Question",
    "ColonColon",
    "Colon",
    "EOF",
  ]);
});

test("doc lines: /// is a doc line, //// is not", (t) => {
  const r = lex("/// one\n///two\n//// no\nx", "t.bd");
  t.deepEqual(
    r.docLines.map((d) => d.text),
    ["one", "two"],
  );
  t.is(r.tokens[0]!.doc, 0);
});

test("a leading BOM is skipped; one in the middle is E0001", (t) => {
  t.deepEqual(kinds("\ufeffx"), ["Ident", "EOF"]);
  t.deepEqual(
    lex("x \ufeff y", "t.bd").diagnostics.map((d) => d.code),
    ["E0001"],
  );
});

test("non-ASCII outside strings is E0001, inside strings and comments it is fine", (t) => {
  t.deepEqual(codes("i32 F() { let café = 1; return 0; }"), ["E0001@1:18"]);
  t.deepEqual(codes('// ✓\nstring F() => "✓ €";'), []);
});

test("a non-ASCII letter stays in its identifier: E0001 per letter, one Ident token", (t) => {
  t.deepEqual(kinds("i64 é = 1;"), ["Ident", "Ident", "Eq", "Int", "Semi", "EOF"]);
  t.deepEqual(kinds("naïve"), ["Ident", "EOF"]);
  t.deepEqual(codes("i64 é = 1;\ni64 naïve = 2;"), ["E0001@1:5", "E0001@2:7"]);
  t.deepEqual(codes("unit F() { i64 a = 1 · 2; }"), ["E0001@1:22"]);
});

test("invalid UTF-8 is E0007 at the first bad byte; lone surrogates too", (t) => {
  const bytes = new Uint8Array([0x69, 0x33, 0x32, 0x20, 0x22, 0xc3, 0x28, 0x22]);
  const d = decodeSource(bytes, "t.bd");
  t.deepEqual(
    d.diagnostics.map((x) => `${x.code}@${x.start?.column}`),
    ["E0007@6"],
  );
  t.deepEqual(decodeSource(new TextEncoder().encode("ok ✓"), "t.bd").diagnostics, []);
  t.deepEqual(decodeSource(new Uint8Array([0xed, 0xa0, 0x80]), "t.bd").diagnostics.length, 1);
  t.deepEqual(
    lex('"\ud800"', "t.bd").diagnostics.map((x) => x.code),
    ["E0007"],
  );
});

test("the lexer never throws and always ends with one EOF", (t) => {
  for (const src of ["", "\\", "'", '"', "0x", "/*", "'\\u{", '"\\u{12', "`", "\u0000\u0001", "${", "}}}"]) {
    const r = lex(src, "t.bd");
    t.is(r.tokens[r.tokens.length - 1]!.kind, T.EOF);
    t.is(r.tokens.filter((x) => x.kind === T.EOF).length, 1);
  }
});
