/**
 * Modules, `use`, aliases, privacy and the prelude (LANGUAGE.md §5.1, §5.2; D4, D5).
 */

import test from "ava";
import { check, messages } from "./helpers.ts";

test("use binds the last segment; module functions are called through it", (t) => {
  check(
    t,
    `use Geometry.Area;
i32 Main() { i64 x = Area.Square(3); return 0; }
//- /Geometry/Area.bd
pub i64 Square(i64 s) => s * s;`,
    "",
  );
});

test("use … as N binds N", (t) => {
  check(
    t,
    `use Geometry.Area as A;
i32 Main() { i64 x = A.Square(3); return 0; }
//- /Geometry/Area.bd
pub i64 Square(i64 s) => s * s;`,
    "",
  );
});

test("a fully qualified path needs no use", (t) => {
  check(
    t,
    `i32 Main() { i64 x = Geometry.Area.Square(3); return 0; }
//- /Geometry/Area.bd
pub i64 Square(i64 s) => s * s;`,
    "",
  );
});

test("D4: use of a module with a homonym type gives both the module and the type", (t) => {
  check(
    t,
    `use Shapes.Point;
i32 Main() {
    Point p = Point.Origin();
    Point q = Point { x: 1, y: 2 };
    return 0;
}
//- /Shapes/Point.bd
pub type Point { i64 x, i64 y }
pub Point Origin() => Point { x: 0, y: 0 };`,
    "",
  );
});

test("D5: Result and Option are visible without use", (t) => {
  check(
    t,
    `Result<i64, string> Parse(string s) {
    if s == "" { return Result::Error("empty"); }
    return Result::Ok(1);
}
Option<i64> First() => Option::Some(1);
i32 Main() { return 0; }`,
    "",
  );
});

test("a program's own Result wins over the prelude", (t) => {
  check(
    t,
    `enum Result { Ok(i64 value), Error(string error) }
Result F() => Result::Ok(1);
i32 Main() { return 0; }`,
    "",
  );
});

test("E1105: unknown import path", (t) => {
  const r = check(t, `use Nowhere.Thing;\ni32 Main() { return 0; }`, "E1105@1");
  t.regex(messages(r)[0]!, /Nowhere\.Thing/);
});

test("Std. prefix is tried without it", (t) => {
  check(
    t,
    `use Std.Geometry.Area;
i32 Main() { i64 x = Area.Square(2); return 0; }
//- /Geometry/Area.bd
pub i64 Square(i64 s) => s * s;`,
    "",
  );
});

test("use of a single item", (t) => {
  check(
    t,
    `use Geometry.Area.Square;
i32 Main() { i64 x = Square(2); return 0; }
//- /Geometry/Area.bd
pub i64 Square(i64 s) => s * s;`,
    "",
  );
});

test("E1501: use of a private item", (t) => {
  check(
    t,
    `use Geometry.Area.Hidden;
i32 Main() { return 0; }
//- /Geometry/Area.bd
i64 Hidden() => 1;`,
    "E1501@1",
  );
});

test("E1501 is the only error for a private import: its uses add no E1606, E1101 or E1201", (t) => {
  check(
    t,
    `use Geometry.Area.Hidden;
use Geometry.Area.Box;
i32 Main() {
  Box b = Box { n: Hidden() };
  return 0;
}
//- /Geometry/Area.bd
i64 Hidden() => 1;
type Box { i64 n }`,
    "E1501@1 E1501@2",
  );
});

test("E1105 is the only error for an unknown import: its uses add no E1101, E1606 or E1201", (t) => {
  check(
    t,
    `use Geometry.Aera;
use Geometry.Area.Boxx;
i32 Main() {
  i64 a = Aera.Square(3);
  Boxx b = Boxx { n: a };
  Aera.Print();
  return Missing();
}
//- /Geometry/Area.bd
pub i64 Square(i64 s) => s * s;
pub type Box { i64 n }`,
    "E1105@1 E1105@2 E1606@7",
  );
});

test("E1107: private function reached through a path", (t) => {
  check(
    t,
    `use Geometry.Area;
i32 Main() { i64 x = Area.Hidden(); return 0; }
//- /Geometry/Area.bd
i64 Hidden() => 1;`,
    "E1107@2",
  );
});

test("a child module sees its ancestors' private items", (t) => {
  check(
    t,
    `i64 Secret() => 42;
mod Inner {
    pub i64 Get() => Secret();
}
i32 Main() { i64 x = Inner.Get(); return 0; }`,
    "",
  );
});

test("E1107: a private inline module's items from a sibling file", (t) => {
  check(
    t,
    `use Lib;
i32 Main() { i64 x = Lib.Inner.Get(); return 0; }
//- /Lib.bd
mod Inner { pub i64 Get() => 1; }`,
    "E1107@2",
  );
});

test("E1108: no such item in a module", (t) => {
  const r = check(
    t,
    `use Geometry.Area;
i32 Main() { i64 x = Area.Sqaure(2); return 0; }
//- /Geometry/Area.bd
pub i64 Square(i64 s) => s * s;`,
    "E1108@2",
  );
  t.true(messages(r).some((m) => m.includes("did you mean `Square`")));
});

test("E1104: two imports bind one name to different targets", (t) => {
  check(
    t,
    `use A.Util;
use B.Util;
i32 Main() { return 0; }
//- /A/Util.bd
pub unit F() {}
//- /B/Util.bd
pub unit F() {}`,
    "E1104@2 W1503@1",
  );
});

test("E1006: import name equals an item of the module", (t) => {
  check(
    t,
    `use A.Util;
unit Util() {}
i32 Main() { return 0; }
//- /A/Util.bd
pub unit F() {}`,
    "E1006@1",
  );
});

test("E1001 and E1006: duplicate items", (t) => {
  check(
    t,
    `type P { i64 x }
enum P { A }
unit F() {}
unit F() {}
i32 Main() { return 0; }`,
    "E1001@2 E1006@4",
  );
});

test("E1008: a primitive name declared as a type", (t) => {
  check(t, `type string { i64 x }\ni32 Main() { return 0; }`, "E1008@1");
});

test("W1503: unused import", (t) => {
  check(
    t,
    `use Geometry.Area;
i32 Main() { return 0; }
//- /Geometry/Area.bd
pub i64 Square(i64 s) => s * s;`,
    "W1503@1",
  );
});

test("pub use re-exports an item", (t) => {
  check(
    t,
    `use Facade;
i32 Main() { i64 x = Facade.Square(2); return 0; }
//- /Facade.bd
pub use Geometry.Area.Square;
//- /Geometry/Area.bd
pub i64 Square(i64 s) => s * s;`,
    "",
  );
});

test("E1502: child module declaration without a file", (t) => {
  check(t, `pub mod Missing.Child;\ni32 Main() { return 0; }`, "E1502@1");
});

test("file-scoped mod declaration: E1505 when not first, E1507 with an inline module", (t) => {
  check(t, `unit F() {}\nmod App;\ni32 Main() { return 0; }`, "E1505@2");
  check(t, `mod App;\nmod Inner { }\ni32 Main() { return 0; }`, "E1507@2");
});

test("E1101 in value position names what was not found, with did-you-mean", (t) => {
  const r = check(t, `i64 Compute() => 1;\ni32 Main() { i64 x = Compte(); return 0; }`, "E1606@2");
  t.true(messages(r).some((m) => m.includes("did you mean `Compute`")));
});

test("E1201: unknown type with a suggestion", (t) => {
  const r = check(t, `type Point { i64 x }\ni32 Main() { Pont p = Point { x: 1 }; return 0; }`, "E1201@2");
  t.true(messages(r).some((m) => m.includes("did you mean `Point`")));
});

test("E1201/E1005: a type name from another language names the Beskid primitive", (t) => {
  const r = check(
    t,
    `type Box { String label }\nvoid Log(int n) {}\ni32 Main() { double d = 1.0; return 0; }`,
    "E1005@1 E1005@2 E1005@2 E1201@3",
  );
  const m = messages(r).join("\n");
  for (const want of ["`string`", "`unit`", "`i32`", "`f64`"])
    t.true(m.includes(`Beskid spells this type ${want}`), want);
});

test("E1005: unknown type in a definition", (t) => {
  check(t, `type Box { Widget w }\ni32 Main() { return 0; }`, "E1005@1");
});

test("modules: a module path in a type position continues to the prelude when it has no homonym", (t) => {
  check(
    t,
    `mod Result { pub unit F() {} }
Result<i64, string> G() => Result::Ok(1);
i32 Main() { return 0; }`,
    "",
  );
});

test("E1506: a second file-scoped mod declaration", (t) => {
  check(t, `mod App;\nmod App;\ni32 Main() { return 0; }`, "E1506@2");
});

test("E1152: a value path through something that is not a module or value", (t) => {
  check(t, `type P { i64 x }\ni32 Main() { i64 a = P.x; return 0; }`, "E1152@2");
});

test("E1153: a type path through something that is not a module", (t) => {
  check(t, `type P { i64 x }\ni32 Main() { P.Q y = 1; return 0; }`, "E1153@2");
});

test("E1605: calling a function declared without a body", (t) => {
  check(t, `i64 Native(i64 x);\ni32 Main() { i64 a = Native(1); return 0; }`, "E1605@2");
});

test("an unknown name that is a module of the program suggests the use", (t) => {
  const r = check(t, `i32 Main() { Output.WriteLine("x"); return 0; }`, "E1101@1");
  t.true(messages(r)[0]!.includes("use Core.Output;"));
  const r2 = check(
    t,
    `i32 Main() { Point p; return 0; }\n//- /Geo/Point.bd\npub type Point { i64 x }`,
    "E1201@1",
  );
  t.true(messages(r2)[0]!.includes("use Geo.Point;"));
});

test("W1504: a private function nothing refers to", (t) => {
  check(
    t,
    `i64 Helper() => 1;\ni64 Used() => 2;\npub i64 Api() => Used();\ni32 Main() { return 0; }`,
    "W1504@1",
    {
      unusedPrivate: true,
    },
  );
});

test("W1504 is not reported for items used through sugar, conformance or types", (t) => {
  check(
    t,
    `contract Named { string Name(); }
type Dog : Named { string n }
string Name(Dog d) => d.n;
i64 Legs(Dog d) => 4;
pub i64 Count(Dog d) => d.Legs();
i32 Main() { return 0; }`,
    "",
    { unusedPrivate: true },
  );
});
