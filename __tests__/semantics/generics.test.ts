/**
 * Generics and inference (LANGUAGE.md §5.4; D23, D24).
 */

import test from "ava";
import { check, messages, run } from "./helpers.ts";

test("type arguments are inferred from arguments; literals follow (Assert.Equal)", (t) => {
  const r = check(
    t,
    `use Testing.Assert;
i32 Main() { i64 count = 3; Assert.Equal(count, 1, "x"); return 0; }`,
    "",
  );
  const call = r.program.functions.find((f) => f.name === "Main")!.body!.stmts[1]!;
  t.is(call.kind, "expr");
  if (call.kind === "expr" && call.expr.kind === "call" && call.expr.target.kind === "function") {
    t.deepEqual(call.expr.target.typeArgs, [9]); // i64
    t.is(call.expr.args[1]!.type, 9);
  } else t.fail();
});

test("numeric bindings of one parameter resolve to their common type", (t) => {
  check(t, `T Max<T>(T a, T b) => a;\ni32 Main() { i32 a = 1; i64 b = 2; i64 c = Max(a, b); return 0; }`, "");
});

test("inference from the expected return type", (t) => {
  check(t, `T[] Empty<T>() => __array_new(8, 0);\ni32 Main() { i64[] xs = Empty(); return 0; }`, "");
});

test("E1203: a parameter that cannot be inferred", (t) => {
  const r = check(
    t,
    `T[] Empty<T>() => __array_new(8, 0);\ni32 Main() { let xs = Empty(); return 0; }`,
    "E1203@2",
  );
  t.true(messages(r)[0]!.includes("`T`"));
});

test("explicit type arguments and the qualifier form", (t) => {
  check(
    t,
    `use Box;
i32 Main() {
  Box.Cell<i64> a = Box.New<i64>();
  Box.Cell<string> b = Box<string>.New();
  return 0;
}
//- /Box.bd
pub type Cell<T> { T[] items }
pub Cell<T> New<T>() => Cell<T> { items: __array_new(8, 0) };`,
    "",
  );
});

test("E1204: wrong number of type arguments", (t) => {
  check(t, `T Id<T>(T x) => x;\ni32 Main() { i64 a = Id<i64, i64>(1); return 0; }`, "E1204@2");
});

test("E1203/E1204 on generic types in type positions", (t) => {
  check(
    t,
    `type Box<T> { T v }\ni32 Main() {\n Box b = Box<i64> { v: 1 };\n Box<i64, i64> c = Box<i64> { v: 1 };\n return 0; }`,
    "E1203@3 E1204@4",
  );
});

test("generic enum values take arguments from the expected type or payload", (t) => {
  check(
    t,
    `Option<i64> A() => Option::None;
Option<string> B() { return Option::Some("x"); }
i32 Main() { let c = Option::Some(3); Option<i64> d = Option::Some(4); return 0; }`,
    "",
  );
});

test("E1203: let with a payload-less generic variant", (t) => {
  check(t, `i32 Main() { let n = Option::None; return 0; }`, "E1203@1");
});

test("generic struct literal inferred from fields", (t) => {
  check(
    t,
    `type Pair<A, B> { A a, B b }\ni32 Main() { let p = Pair { a: 1, b: "x" }; Pair<i64, string> q = Pair { a: 1, b: "x" }; return 0; }`,
    "",
  );
});

test("D24: a generic body may compare and interpolate T", (t) => {
  check(
    t,
    `bool Same<T>(T a, T b) => a == b;\nstring Show<T>(T a) => "v=\${a}";\ni32 Main() { string s = Show(3); return 0; }`,
    "",
  );
});

test("D24: E1225 at the instantiating call when T cannot become text", (t) => {
  const r = check(
    t,
    `type P { i64 x }\nstring Show<T>(T a) => "v=\${a}";\nstring Twice<U>(U a) => Show(a);\ni32 Main() {\n string s = Twice(P { x: 1 });\n return 0; }`,
    "E1225@5",
  );
  t.true(messages(r)[0]!.includes("Main.bd:2"));
});

test("D24: E1235 for arithmetic and fields on T", (t) => {
  check(
    t,
    `T Add<T>(T a, T b) => a + b;\ni64 F<T>(T a) => a.x;\ni32 Main() { return 0; }`,
    "E1235@1 E1235@2",
  );
});

test("where bounds: methods callable on T; E1603 for a non-conforming argument", (t) => {
  check(
    t,
    `contract Named { string Name(); }
type Dog : Named { string n, pub string Name() => n; }
type Rock { i64 w }
string Greet<T>(T x) where T: Named => "hi " + x.Name();
i32 Main() {
  string a = Greet(Dog { n: "rex" });
  string b = Greet(Rock { w: 1 });
  return 0;
}`,
    "E1603@7",
  );
});

test("E1603 when the argument conforms to another instance of the bound (a literal defaulted to i32)", (t) => {
  const r = check(
    t,
    `contract Monoid<T> { T Zero(); T Combine(T a, T b); }
type SumI : Monoid<i64> { i64 tag, pub i64 Zero() => 0; pub i64 Combine(i64 a, i64 b) => a + b; }
T Fold<T, M>(T[] xs, M m) where M: Monoid<T> => m.Zero();
i32 Main() {
  let a = Fold([1, 2, 3], SumI { tag: 0 });
  let b = Fold([1_i64, 2, 3], SumI { tag: 0 });
  return 0;
}`,
    "E1603@5",
  );
  t.regex(
    messages(r)[0]!,
    /\[help: `SumI` conforms to `Monoid<i64>`: a type argument was inferred as another type \(an unsuffixed literal defaults to `i32`\)/,
  );
});

test("D23: unknown name in a member's parameter types is an implicit type parameter (W1204)", (t) => {
  check(
    t,
    `type Q { i64 n, pub i64 Apply(TOut[] xs) => n; }
i32 Main() { Q q = Q { n: 1 }; i64 r = q.Apply([1, 2]); return 0; }`,
    "W1204@1",
  );
});

test("D23: a name only in the return type stays E1201", (t) => {
  check(t, `type Q { i64 n, pub TOut Make() => n; }\ni32 Main() { return 0; }`, "E1201@1");
});

test("generic function value needs explicit arguments or an expected type", (t) => {
  check(
    t,
    `T Id<T>(T x) => x;\ni32 Main() { i64(i64) f = Id; let g = Id<string>; let h = Id; return 0; }`,
    "E1203@2",
  );
});

test("members of generic types bind the receiver's arguments", (t) => {
  const r = run(
    `type Box<T> { T v, pub T Get() => v; }\ni32 Main() { Box<string> b = Box<string> { v: "x" }; string s = b.Get(); return 0; }`,
  );
  t.deepEqual(
    r.diagnostics.filter((d) => d.severity === "error"),
    [],
  );
});

test("impl<T> blocks and older impl G<T>", (t) => {
  check(
    t,
    `type Box<T> { T v }
impl<T> Box<T> { pub T Get() => v; }
type Bag<T> { T w }
impl Bag<T> { pub T Peek() { return this.w; } }
i32 Main() { i64 a = Box<i64> { v: 1 }.Get(); i64 b = Bag<i64> { w: 2 }.Peek(); return 0; }`,
    "",
  );
});

test("a generic enum value compared with a typed operand takes its type", (t) => {
  check(
    t,
    `bool IsNone(Option<i64> o) => o == Option::None;\nbool IsEmpty(i64[] a) => [] == a;\ni32 Main() { return 0; }`,
    "",
  );
});

test("D24: the text check also follows members of generic types", (t) => {
  check(
    t,
    `type P { i64 x }\ntype Box<T> { T v, pub string Show() => "\${v}"; }\ni32 Main() {\n Box<P> b = Box<P> { v: P { x: 1 } };\n string s = b.Show();\n Box<i64> c = Box<i64> { v: 1 };\n string u = c.Show();\n return 0; }`,
    "E1225@5",
  );
});

test("E1236: polymorphic recursion (a generic function reaching itself with a growing type argument)", (t) => {
  check(
    t,
    `type Box<T> { T v }
i64 Depth<T>(T x, i64 n) => match n { 0 => 0, _ => 1 + Depth([x], n - 1) };
i64 Ping<T>(T x, i64 n) => match n { 0 => 0, _ => Pong([x], n - 1) };
i64 Pong<U>(U[] y, i64 n) => Ping(y, n);
i64 Value<T>(T x, i64 n) {
  i64(Box<T>, i64) f = Value<Box<T>>;
  return f(Box<T> { v: x }, n);
}
i32 Main() { return 0; }`,
    "E1236@2 E1236@4 E1236@6",
  );
  check(
    t,
    `contract Sz { i64 Size(i64 n); }
type W<T> : Sz { T v, pub i64 Size(i64 n) => F(v, n); }
i64 F<T>(T x, i64 n) {
  Sz s = W<T[]> { v: [x] };
  return s.Size(n);
}
i32 Main() { return 0; }`,
    "E1236@4",
  );
});

test("no E1236 for finite generic recursion: same arguments, or a larger type that does not call back", (t) => {
  check(
    t,
    `type Box<T> { T v }
i64 Count<T>(T x, i64 n) => match n { 0 => 0, _ => Count(x, n - 1) + Len([x]) };
i64 Len<T>(T[] xs) => __array_len(xs);
i64 Swap<A, B>(A a, B b, i64 n) => match n { 0 => 0, _ => Swap(b, a, n - 1) };
type Heap<T> {
  T[] items,
  pub Heap<T[]> Chunks() => Heap<T[]> { items: [items] };
  pub i64 Size() => __array_len(items);
}
i32 Main() {
  i64 a = Count(1, 3) + Swap(1, "x", 4) + Heap<i64> { items: [1] }.Chunks().Chunks().Size();
  return 0;
}`,
    "",
  );
});

test("E1203 on a call whose type is not inferred is not followed by an E1206 naming `{error}`", (t) => {
  // `List<Option<i64>> xs = List.New().Push(…)`: the receiver's T is unknown, so its type
  // holds the error type; the declaration said "found `List<{error}>`" as a second error.
  const r = check(
    t,
    `type Bag<T> {\n    T[] items,\n    pub Bag<T> Add(T v) => Bag<T> { items: items };\n}\nBag<T> New<T>() => Bag<T> { items: __array_new(8, 0) };\ni32 Main() { Bag<i64> b = New().Add(3); return 0; }`,
    "E1203@6",
  );
  t.false(messages(r).some((m) => m.includes("{error}")));
});
