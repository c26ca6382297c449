/**
 * Expressions (LANGUAGE.md §3.6, §4.2 "Expressions", §4.3 rules 2, 3, 5, 6, 7, 17): precedence
 * from the table, generic arguments versus comparison, enum values, struct literals, lambdas,
 * unit, postfix chains, arrays, the E1230 expressions, and E0103 hints.
 */

import test from "ava";
import { codes, exprShape, goldenSuite } from "./helpers.ts";

goldenSuite("expressions");

test("precedence levels and left associativity", (t) => {
  t.is(exprShape(t, "a + b * c"), "(Binary + (Name a) (Binary * (Name b) (Name c)))");
  t.is(exprShape(t, "a - b - c"), "(Binary - (Binary - (Name a) (Name b)) (Name c))");
  t.is(exprShape(t, "a & b == c"), "(Binary & (Name a) (Binary == (Name b) (Name c)))");
  t.is(exprShape(t, "a || b && c"), "(Binary || (Name a) (Binary && (Name b) (Name c)))");
  t.is(exprShape(t, "a << 1 + 2"), "(Binary << (Name a) (Binary + (IntLit 1 radix=10) (IntLit 2 radix=10)))");
  t.is(exprShape(t, "-a[0]"), "(Unary - (Index (Name a) (IntLit 0 radix=10)))");
  t.is(exprShape(t, "!!x"), "(Unary ! (Unary ! (Name x)))");
  t.is(exprShape(t, "a < b < c"), "(Binary < (Binary < (Name a) (Name b)) (Name c))");
});

test("assignment is right-associative and takes any expression", (t) => {
  t.is(exprShape(t, "a = b = 0"), "(Assign = (Name a) (Assign = (Name b) (IntLit 0 radix=10)))");
  t.is(exprShape(t, "h += x => x"), "(Assign += (Name h) (Lambda (LambdaParam x) (Name x)))");
});

test("rule 2: > joins with an adjacent > or = only in expressions", (t) => {
  t.is(exprShape(t, "a >> b"), "(Binary >> (Name a) (Name b))");
  t.is(exprShape(t, "a >= b"), "(Binary >= (Name a) (Name b))");
  t.deepEqual(codes("unit F() { let v = a > > b; }"), ["E0101@1:24"]);
  t.is(exprShape(t, "a > (b)"), "(Binary > (Name a) (Paren (Name b)))");
});

test("rule 3: generic arguments only when the follow set confirms them (D20)", (t) => {
  t.is(exprShape(t, "Stack.New<i64>()"), "(Call (MemberAccess (Name Stack) New (PrimitiveType name=i64)))");
  t.is(exprShape(t, "Hub<i64>.Create()"), "(Call (MemberAccess (Name Hub (PrimitiveType name=i64)) Create))");
  t.is(
    exprShape(t, "f(a < b, c > d)"),
    "(Call (Name f) (Binary < (Name a) (Name b)) (Binary > (Name c) (Name d)))",
  );
  t.is(exprShape(t, "a < b"), "(Binary < (Name a) (Name b))");
});

test("rule 6: enum values, struct literals and member chains", (t) => {
  t.is(exprShape(t, "Shape::Nothing"), "(EnumValue (QualName (PathSegment Shape)) Nothing)");
  t.is(
    exprShape(t, "TextParseResult<string>::Ok(v)"),
    "(EnumValue (QualName (PathSegment TextParseResult (PrimitiveType name=string))) Ok (Name v))",
  );
  t.is(exprShape(t, "m.E::V ()"), "(EnumValue (QualName (PathSegment m) (PathSegment E)) V)");
  t.is(
    exprShape(t, "Geo.Point { x: 1 }"),
    "(StructLiteral (QualName (PathSegment Geo) (PathSegment Point)) (FieldInit x (IntLit 1 radix=10)))",
  );
  t.is(exprShape(t, "a.b.c"), "(MemberAccess (MemberAccess (Name a) b) c)");
});

test("rule 5 and 17: lambdas, grouping and unit", (t) => {
  t.is(exprShape(t, "()"), "(UnitLit)");
  t.is(exprShape(t, "(a)"), "(Paren (Name a))");
  t.is(exprShape(t, "() => 1"), "(Lambda parenthesized=true (IntLit 1 radix=10))");
  t.is(
    exprShape(t, "(i64 a, b, _) => a"),
    "(Lambda (LambdaParam (PrimitiveType name=i64) a) (LambdaParam b) (LambdaParam) parenthesized=true (Name a))",
  );
  t.is(exprShape(t, "_ => 0"), "(Lambda (LambdaParam) (IntLit 0 radix=10))");
  t.is(exprShape(t, "x => { }"), "(Lambda (LambdaParam x) (Block))");
});

test("postfix chains mix calls, members, index and ?", (t) => {
  t.is(
    exprShape(t, "a.b[0].c()?"),
    "(Try (Call (MemberAccess (Index (MemberAccess (Name a) b) (IntLit 0 radix=10)) c)))",
  );
});

test("literals keep their suffixes and decoded values", (t) => {
  t.is(exprShape(t, "255_u8"), "(IntLit 255 radix=10 suffix=u8)");
  t.is(exprShape(t, "0xFF"), "(IntLit 255 radix=16)");
  t.is(exprShape(t, "1.5_f32"), "(FloatLit 1.5 suffix=f32)");
  t.is(exprShape(t, '"a${b}c"'), "(InterpolatedString (InterpText a) (InterpHole (Name b)) (InterpText c))");
  t.is(exprShape(t, "true"), "(BoolLit true)");
});

test("match is a primary expression usable as an operand", (t) => {
  t.is(
    exprShape(t, "match x { _ => 1 } + 1"),
    "(Binary + (Match (Name x) (MatchArm (WildcardPattern) (IntLit 1 radix=10))) (IntLit 1 radix=10))",
  );
});

test("E1230 expressions are opaque nodes", (t) => {
  t.is(exprShape(t, "spawn Work(1)"), "(UnsupportedExpr construct=spawn)");
  t.is(exprShape(t, "try { a(); } catch (e) { }"), "(UnsupportedExpr construct=try-catch)");
  t.is(exprShape(t, "fmt!(1, 2)"), "(UnsupportedExpr construct=macro-call)");
  t.is(exprShape(t, "clif { x }"), "(UnsupportedExpr construct=clif)");
  t.is(exprShape(t, "code ```x```"), "(UnsupportedExpr construct=code-fence)");
  t.is(exprShape(t, "$n"), "(UnsupportedExpr construct=meta-var)");
});

test("syntax from other languages is E0103, one per construct", (t) => {
  t.deepEqual(codes("unit F() { x *= 2; }"), ["E0103@1:14"]);
  t.deepEqual(codes("unit F() { let a = b ^ c; }"), ["E0103@1:22"]);
  t.deepEqual(codes("unit F() { let a = ~b; }"), ["E0103@1:20"]);
  t.deepEqual(codes("unit F() { i++; }"), ["E0103@1:13"]);
  t.deepEqual(codes("unit F() { let a = (1, 2); }"), ["E0103@1:22"]);
  t.deepEqual(codes("unit F() { let a = c ? 1 : 2; }"), ["E0103@1:24"]);
  t.deepEqual(codes("unit F() { let a = x as i64; }"), ["E0103@1:22"]);
  // C-style casts: one error each; a parenthesised name or a lambda is unaffected.
  t.deepEqual(codes("unit F() { char c = (char) 65; i64 n = (i64) f(x) + 1; u8 b = (u8)(n); }"), [
    "E0103@1:21",
    "E0103@1:40",
    "E0103@1:63",
  ]);
  t.deepEqual(codes("unit F() { let a = (x) + 1; let g = (i64 v) => v; let h = (i64) => 0; }"), []);
  t.deepEqual(codes("unit F() { let a = if x { 1 } else { 2 }; }"), ["E0101@1:20"]);
});

test("a .. range is E0103 with the range() hint, one error", (t) => {
  t.deepEqual(codes("unit F() { for i in 0..10 { } }"), ["E0103@1:22"]);
});
