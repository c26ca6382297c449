/** Types (LANGUAGE.md §4.2 "Types"): every form, primitives, `>` closing, and malformed types. */

import test from "ava";
import type { Type } from "../../src/syntax/index.ts";
import { codes, goldenSuite, parses, shape } from "./helpers.ts";

goldenSuite("types");

function paramType(t: Parameters<typeof parses>[0], type: string): string {
  const tree = parses(t, `unit F(${type} p) { }`);
  const f = tree.items[0]!;
  if (f.kind !== "Function") return "";
  return shape(f.params[0]!.type as Type);
}

test("primitive names are primitive types in type positions", (t) => {
  t.is(paramType(t, "i64"), "(PrimitiveType name=i64)");
  t.is(paramType(t, "never"), "(PrimitiveType name=never)");
  t.is(paramType(t, "pointer"), "(PrimitiveType name=pointer)");
});

test("generic, qualified and nested generic types close each > separately", (t) => {
  t.is(
    paramType(t, "Map<string, List<i64>>"),
    "(NamedType (PathSegment Map (PrimitiveType name=string) (NamedType (PathSegment List (PrimitiveType name=i64)))))",
  );
  t.is(
    paramType(t, "Core.Time.Instant"),
    "(NamedType (PathSegment Core) (PathSegment Time) (PathSegment Instant))",
  );
});

test("function types: return-first and arrow forms", (t) => {
  t.is(paramType(t, "unit(string)"), "(FunctionType (PrimitiveType name=unit) (PrimitiveType name=string))");
  t.is(
    paramType(t, "(i64, string) => bool"),
    "(FunctionType (PrimitiveType name=bool) (PrimitiveType name=i64) (PrimitiveType name=string) arrow=true)",
  );
  t.is(paramType(t, "() => unit"), "(FunctionType (PrimitiveType name=unit) arrow=true)");
});

test("suffixes after a return-first function type apply left to right (ours): arrays of functions, curried functions", (t) => {
  t.is(
    paramType(t, "i64(i64)[]"),
    "(ArrayType (FunctionType (PrimitiveType name=i64) (PrimitiveType name=i64)))",
  );
  t.is(
    paramType(t, "i64(i64)(string)"),
    "(FunctionType (FunctionType (PrimitiveType name=i64) (PrimitiveType name=i64)) (PrimitiveType name=string))",
  );
  t.is(
    paramType(t, "unit(string)[][]"),
    "(ArrayType (ArrayType (FunctionType (PrimitiveType name=unit) (PrimitiveType name=string))))",
  );
  // At statement start (rule 4) a call followed by an index is still an expression.
  const tree = parses(t, "unit F() {\n  i64(i64)[] fs = [];\n  f(x)[0] = 1;\n  g(a)(b);\n}");
  const f = tree.items[0]!;
  if (f.kind !== "Function" || !f.body || f.body.kind !== "Block") return t.fail();
  t.deepEqual(
    f.body.statements.map((st) => st.kind),
    ["Local", "ExprStmt", "ExprStmt"],
  );
});

test("arrays nest; This, ref and associated paths are kept", (t) => {
  t.is(paramType(t, "i64[][]"), "(ArrayType (ArrayType (PrimitiveType name=i64)))");
  t.is(paramType(t, "This"), "(ThisType)");
  t.is(paramType(t, "List<ref i64>"), "(NamedType (PathSegment List (RefType (PrimitiveType name=i64))))");
  t.is(paramType(t, "T::Item"), "(NamedType (PathSegment T) Item)");
});

test("malformed types are one E0101 each", (t) => {
  t.deepEqual(codes("unit F(List<i64 x) { }"), ["E0101@1:17"]);
  t.deepEqual(codes("unit F((i64) x) { }"), ["E0101@1:14"]);
});
