/** Module facts for program assembly (`extractModuleFacts`): mod declarations, uses, dotted chains. */

import test from "ava";
import { extractModuleFacts, parseFile } from "../../src/syntax/index.ts";

function facts(src: string) {
  const r = parseFile(src, "f.bd");
  return extractModuleFacts(r.tree);
}

test("the file-scoped mod declaration is the first private attribute-less one", (t) => {
  const f = facts("mod App.Main;\npub mod App.Util;\n[Gen] mod App.Gen;\nmod App.Late;");
  t.deepEqual(f.fileModule?.path, ["App", "Main"]);
  t.deepEqual(
    f.modDecls.map(
      (m) => `${m.path.join(".")}:${m.isPub ? "pub" : ""}:${m.hasAttributes ? "attr" : ""}:${m.fileScoped}`,
    ),
    ["App.Main:::true", "App.Util:pub::false", "App.Gen::attr:false", "App.Late:::false"],
  );
  t.is(facts("pub mod A.B;").fileModule, undefined);
  t.is(facts("use X;\nmod A.B;").fileModule, undefined);
});

test("uses are collected at top level and inside inline modules, with aliases", (t) => {
  const f = facts(
    "use Core.Output;\npub use Collections.Array as Arr;\nmod Inner { mod Deep { use Std.Text; } }",
  );
  t.deepEqual(
    f.uses.map((u) => `${u.path.join(".")}|${u.alias ?? ""}|${u.isPub}|${u.inlineModule.join("/")}`),
    ["Core.Output||false|", "Collections.Array|Arr|true|", "Std.Text||false|Inner/Deep"],
  );
  t.true(f.uses[0]!.span.end > f.uses[0]!.span.start);
});

test("dotted chains in expressions give every prefix as a candidate, longest first", (t) => {
  const f = facts('i32 Main() { Core.Output.Print("x"); return 0; }');
  t.deepEqual(
    f.qualifiedRefs.map((q) => q.candidates),
    [["Core.Output.Print", "Core.Output", "Core"]],
  );
  t.is(f.qualifiedRefs[0]!.position, "expression");
});

test("types, enum values, struct literals, patterns and generic arguments are searched", (t) => {
  const f = facts(`
i32 Main() {
  Core.Time.Instant t = Core.Time.Now();
  let s = Geo.Shape::Dot(p);
  let q = Geo.Point { x: 1 };
  List<Core.Text.Rope> l = Channel<Net.Msg>.Create();
  match s { Geo.Shape::Dot(_) => 1, _ => 0 };
  return "\${Text.Fmt.Run(1)}".Len();
}`);
  t.deepEqual(
    f.qualifiedRefs.map((q) => `${q.position}:${q.segments.join(".")}`),
    [
      "type:Core.Time.Instant",
      "expression:Core.Time.Now",
      "expression:Geo.Shape",
      "expression:Geo.Point",
      "type:Core.Text.Rope",
      "expression:Channel.Create",
      "type:Net.Msg",
      "pattern:Geo.Shape",
      "expression:Text.Fmt.Run",
    ],
  );
  t.true(f.referencedPaths.includes("Core.Time"));
  t.is(new Set(f.referencedPaths).size, f.referencedPaths.length);
});

test("single names, call results and attribute arguments are not chains", (t) => {
  const f = facts(
    "[Extern(Abi: Some.Thing)] contract C { i64 N(); }\ni32 Main() { Print(1); f().g.h; return 0; }",
  );
  t.deepEqual(f.qualifiedRefs, []);
});

test("a 900-link else-if chain is walked without recursion trouble", (t) => {
  const f = facts(`unit F() { if a { } ${"else if X.Y { } ".repeat(900)} }`);
  t.is(f.qualifiedRefs.length, 900);
});
