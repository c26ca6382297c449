/**
 * Wording of the help lines found while checking real-looking projects (examples/): each
 * names the fix a user needs, not a generic "check the spelling".
 */

import test from "ava";
import { check, messages } from "./helpers.ts";

test("E1606: an unknown `__name` is compared with the intrinsic table", (t) => {
  const r = check(t, `i32 Main() {\n __panic("boom");\n return 0;\n}`, "E1606@2");
  t.deepEqual(messages(r), [
    "E1606 unknown call target: no function, method, field or sugar candidate: `__panic` is not a runtime intrinsic [help: did you mean `__panic_str`?]",
  ]);
  const typo = check(t, `i32 Main() {\n __str_lenn("x");\n return 0;\n}`, "E1606@2");
  t.regex(messages(typo)[0]!, /did you mean `__str_len`\?/);
});

test("E1606: a module function called on an array names the receiver in the help", (t) => {
  const r = check(
    t,
    `i64 Len<T>(T[] items) => __array_len(items);\ni64 F(i64[] items) {\n return items.Len();\n}\ni32 Main() { return 0; }`,
    "E1606@3",
  );
  t.regex(messages(r)[0]!, /\[help: call it as `Len\(items\)`\]/);
  const withArgs = check(
    t,
    `i64 At<T>(T[] items, i64 i) => 0;\ni64 F(i64[] xs) {\n return xs.At(1);\n}\ni32 Main() { return 0; }`,
    "E1606@3",
  );
  t.regex(messages(withArgs)[0]!, /\[help: call it as `At\(xs, …\)`\]/);
});

test("E1606: `Type.F(…)` points at the type's module when it declares `F`", (t) => {
  const r = check(
    t,
    `i64 Get(Option<i64> o) {\n return Option.HasValue(o);\n}\ni32 Main() { return 0; }`,
    "E1606@2",
  );
  t.deepEqual(messages(r), [
    "E1606 unknown call target: no function, method, field or sugar candidate: `Option` is an enum; `.HasValue(…)` is not a call on it [help: `HasValue` is a function of module `Core.Optional.Option`: add `use Core.Optional.Option;`, or call it on a value as `value.HasValue(…)`]",
  ]);
  // With the module imported (D4) the call is fine.
  check(
    t,
    `use Core.Optional.Option;\nbool Get(Option<i64> o) {\n return Option.HasValue(o);\n}\ni32 Main() { return 0; }`,
    "",
  );
  const rec = check(t, `type P { i64 x, }\ni32 Main() {\n P.Make();\n return 0;\n}`, "E1606@3");
  t.regex(
    messages(rec)[0]!,
    /`P` is a type; .*\[help: there are no static members; call a module function\]/,
  );
});

test("E1105: a misspelt import suggests the nearest module or item of the program", (t) => {
  const r = check(
    t,
    `use Util.Txt;\ni32 Main() { return 0; }\n//- /Util/Text.bd\npub i64 One() => 1;`,
    "E1105@1",
  );
  t.regex(messages(r)[0]!, /\[help: did you mean `Util\.Text`\?\]/);
  const std = check(
    t,
    `use Std.Util.Txt;\ni32 Main() { return 0; }\n//- /Util/Text.bd\npub i64 One() => 1;`,
    "E1105@1",
  );
  t.regex(messages(std)[0]!, /\[help: did you mean `Util\.Text`\?\]/);
  const far = check(t, `use Nothing.Like.It;\ni32 Main() { return 0; }`, "E1105@1");
  t.regex(messages(far)[0]!, /check the spelling/);
});

test("E1208: an assignment used as a condition suggests `==`", (t) => {
  const r = check(
    t,
    `i64 F(mut i64 a) {\n if a = 3 { return 1; }\n return 0;\n}\ni32 Main() { return 0; }`,
    "E1208@2",
  );
  t.regex(messages(r).join("\n"), /E1208 .*found `i64` \[help: `=` assigns; compare with `==`\]/);
  const plain = check(
    t,
    `i64 F(i64 a) {\n if a { return 1; }\n return 0;\n}\ni32 Main() { return 0; }`,
    "E1208@2",
  );
  t.regex(messages(plain)[0]!, /compare explicitly/);
  // The `=` is a typo for `==`: no W1214 for "reassigning" a non-`mut` local on top of E1208.
  check(
    t,
    `i64 F(i64 a) {\n i64 n = 1;\n while n = a { }\n if a = 2 { }\n return 0;\n}\ni32 Main() { return 0; }`,
    "E1208@3 E1208@4",
  );
});

test("E1601 names the method and the contract even when they share a name", (t) => {
  const r = check(
    t,
    `contract Show { string Show(); }\ntype X : Show { i64 v, }\ni32 Main() { return 0; }`,
    "E1601@2",
  );
  t.regex(messages(r)[0]!, /`X` does not implement method `Show` of contract `Show`/);
});

test("E1201: `retrun x;` (a declaration by rule 4) suggests the keyword", (t) => {
  const r = check(t, `i64 F() {\n retrun y;\n return 0;\n}\ni32 Main() { return 0; }`, "E1201@2");
  t.regex(messages(r)[0]!, /no type `retrun` is visible here \[help: did you mean the keyword `return`\?\]/);
});

test("E1606: a member of `extend type i64` called on an unsuffixed literal suggests the suffix", (t) => {
  const r = check(
    t,
    `extend type i64 { pub i64 Double() => this * 2; }\ni64 F() {\n return 5.Double();\n}\ni64 G() => 5_i64.Double();\ni32 Main() { return 0; }`,
    "E1606@3",
  );
  t.regex(
    messages(r)[0]!,
    /`i32` has no member `Double` \[help: .*member of `i64`: write the literal with the suffix `_i64`\]/,
  );
});

test("E1101 inside a member suggests the receiver's fields", (t) => {
  const r = check(
    t,
    `type Item { i64 v, }\ntype Bag {\n i64 items,\n pub i64 Count() => itms;\n}\ni32 Main() { return 0; }`,
    "E1101@4",
  );
  t.regex(messages(r)[0]!, /`itms` is not declared here \[help: did you mean `items`\?\]/);
});

test("a struct literal field of the wrong type is E1206 naming the field", (t) => {
  const r = check(t, `type P { i64 x, }\ni32 Main() {\n P p = P { x: "1" };\n return 0;\n}`, "E1206@3");
  t.regex(messages(r)[0]!, /field `x` of `P` expects `i64`, found `string`/);
});

test("W1214 on a `let` local suggests `let mut`", (t) => {
  const r = check(
    t,
    `i32 Main() {\n let x = 1;\n x = 2;\n i64 y = 1;\n y = 3;\n return x;\n}`,
    "W1214@3 W1214@5",
  );
  t.deepEqual(
    r.diagnostics.map((d) => d.help),
    ["declare it `let mut x`", "declare it `mut i64 y`"],
  );
});

test("W1214: the help repeats the declared type as written (qualified, generic, function types)", (t) => {
  const r = check(
    t,
    `use Shop.Cart;
i32 Main() {
 Cart.Cart c = Cart.Cart { n: 1 };
 c = Cart.Cart { n: 2 };
 Cart.Box<Cart.Cart>[] bs = [];
 bs = [];
 i64(Cart.Cart) f = x => x.n;
 f = x => 0;
 return 0;
}
//- /Shop/Cart.bd
pub type Cart { i64 n }
pub type Box<T> { T v }`,
    "W1214@4 W1214@6 W1214@8",
  );
  t.deepEqual(
    messages(r).map((m) => /\[help: (.*)\]/.exec(m)?.[1]),
    [
      "declare it `mut Cart.Cart c`",
      "declare it `mut Cart.Box<Cart.Cart>[] bs`",
      "declare it `mut i64(Cart.Cart) f`",
    ],
  );
});

test("did-you-mean falls back to a name contained in the misspelling (other test frameworks' spellings)", (t) => {
  const r = check(
    t,
    `use Testing.Assert;
test T {
 Assert.AreEqual(1, 1, "x");
 Assert.IsTrue(true, "x");
}`,
    "E1108@3 E1108@4",
  );
  t.deepEqual(
    messages(r).map((m) => /\[help: (.*)\]/.exec(m)?.[1]),
    ["did you mean `Equal`?", "did you mean `True`?"],
  );
});

test("E1213/E1606: a length asked of an array or a string names the corelib call", (t) => {
  const r = check(
    t,
    `i32 Main() {\n i64[] xs = [1];\n i64 a = xs.length;\n string s = "x";\n i64 b = s.Length();\n i64 c = xs.Count();\n return 0;\n}`,
    "E1213@3 E1606@5 E1606@6",
  );
  const m = messages(r);
  t.regex(m[0]!, /\[help: an array's length is `Array\.Len\(xs\)` \(`use Collections\.Array;`\)\]/);
  t.regex(m[1]!, /\[help: a string's length in bytes is `String\.Len\(s\)` \(`use Core\.String;`\)\]/);
  t.regex(m[2]!, /\[help: an array's length is `Array\.Len\(xs\)`/);
});

test("E1201/E1005: `var`, `auto` and `fn` where a type is expected say what to write instead", (t) => {
  const r = check(t, `fn Helper() {}\ni32 Main() {\n var x = 1;\n return 0;\n}`, "E1005@1 E1201@3");
  const m = messages(r);
  t.regex(m[0]!, /functions start with their return type/);
  t.regex(m[1]!, /write `let x = …;` to infer a local's type/);
});

test("E1206/E1205/E1209: a Result or Option used as its value says how to unwrap it", (t) => {
  const r = check(
    t,
    `Result<i64, string> Parse(string s) => Result::Ok(1);\nunit Take(i64 v) {}\nResult<i64, string> Twice(string s) {\n i64 v = Parse(s);\n Take(Parse(s));\n return Result::Ok(v);\n}\ni32 Main() {\n Option<i64> o = Option::Some(1);\n i64 w = o + 1;\n return 0;\n}`,
    "E1206@4 E1205@5 E1209@10",
  );
  const m = messages(r);
  t.regex(m[0]!, /\[help: the value is inside `Ok`: add `\?` to return early on `Error`, or `match` on it\]/);
  t.regex(m[1]!, /\[help: the value is inside `Ok`/);
  t.regex(
    m[2]!,
    /\[help: the value is inside `Some`: add `\?` to return early on `None`, or `match` on it\]/,
  );
});
