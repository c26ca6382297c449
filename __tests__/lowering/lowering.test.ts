/**
 * Stage-level properties of `lower`: determinism (same program → same artifact bytes),
 * monomorphisation (one instance per distinct type-argument list, readable names), the
 * entry point and selectable entry points, the test table (and running it), library
 * exports, and the source map (locations of panics and statements).
 */

import test from "ava";
import { encodeArtifact } from "../../src/artifact/encode.ts";
import { verifyArtifact } from "../../src/artifact/verify.ts";
import { runMain } from "../../src/backends/jit/index.ts";
import { compileSource, runSourceTests } from "./helpers.ts";

const GENERIC = `use Core.Output;
T Id<T>(T v) { return v; }
type Box<T> { T value, pub T Get() => value; }
i32 Main() {
    i32 a = Id(1);
    string b = Id("x");
    i32 c = Id(2);
    Box<i64> d = Box { value: 3 };
    Box<string> e = Box { value: "y" };
    Output.WriteLine("\${a} \${b} \${c} \${d.Get()} \${e.Get()} \${Id(d).Get()}");
    return 0;
}
`;

test("lowering is deterministic: two front-end runs give identical artifact bytes", (t) => {
  const a = compileSource(GENERIC).artifact!;
  const b = compileSource(GENERIC).artifact!;
  t.deepEqual(encodeArtifact(a), encodeArtifact(b));
  t.deepEqual(verifyArtifact(a), []);
});

test("one instance per distinct type-argument list, named after its arguments", async (t) => {
  const a = compileSource(GENERIC).artifact!;
  const names = a.functions.map((f) => f.name);
  const ids = names.filter((n) => /\.Id</.test(n)).sort();
  t.deepEqual(ids, ["Main.Id<Main.Box<i64>>", "Main.Id<i32>", "Main.Id<string>"]);
  const gets = names.filter((n) => /Box\.Get/.test(n)).sort();
  t.deepEqual(gets, ["Main.Box.Get<i64>", "Main.Box.Get<string>"]);
  t.is(new Set(names).size, names.length, "symbol names are unique");
  const r = await runMain(a);
  t.is(Buffer.from(r.stdout).toString(), "1 x 2 3 y 3\n");
});

test("the entry point is Main; other zero-parameter functions of the entry module are selectable", async (t) => {
  const a = compileSource(`use Core.Output;
i32 Main() { Output.WriteLine("main"); return 4; }
unit Other() { Output.WriteLine("other"); }
i64 Code() { return 9; }
i32 TakesArg(i32 x) { return x; }
string NotAnEntry() { return ""; }
`).artifact!;
  t.is(a.entry?.name, "Main");
  t.deepEqual(a.entryPoints.map((e) => e.name).sort(), ["Code", "Main", "Other"]);
  const main = await runMain(a);
  t.is(main.exitCode, 4);
  const other = await runMain(a, { entrypoint: "Other" });
  t.is(Buffer.from(other.stdout).toString(), "other\n");
  t.is(other.exitCode, 0);
  t.is((await runMain(a, { entrypoint: "Code" })).exitCode, 9);
});

test("a program without main has no entry", (t) => {
  const a = compileSource(`i32 Helper() { return 1; }\n`).artifact!;
  t.is(a.entry, null);
});

test("the test table carries names, groups, tags, skips and locations, and the tests run", async (t) => {
  const { artifact, results } = await runSourceTests(`use Core.Output;
Result<i32, string> Bad() { return Result::Error("no"); }

test Passes {
    meta { tags = "fast, core"; group = "math.add"; }
    if 1 + 1 != 2 { __panic_str("math is broken"); }
}

test Skipped {
    skip { condition = true; reason = "later"; }
    __panic_str("should not run");
}

test TryFails {
    i32 v = Bad()?;
}

mod Inner {
    test Nested {
        __syscall_write(1, "nested ran\\n");
    }
}
`);
  const byName = new Map(artifact.tests.map((e) => [e.qualifiedName, e]));
  t.deepEqual([...byName.keys()], ["Passes", "Skipped", "TryFails", "Inner::Nested"]);
  const p = byName.get("Passes")!;
  t.is(p.group, "math.add");
  t.deepEqual(p.tags, ["fast", "core"]);
  t.is(p.skip, null);
  t.is(p.file, "Main.bd");
  t.is(p.line, 4);
  t.deepEqual(byName.get("Skipped")!.skip, { condition: true, reason: "later" });
  const outcome = new Map(results.map((r) => [r.qualifiedName, r]));
  t.is(outcome.get("Passes")?.outcome, "passed");
  t.is(outcome.get("TryFails")?.outcome, "failed");
  t.regex(outcome.get("TryFails")?.reason ?? "", /try expression propagated error/);
  t.is(outcome.get("TryFails")?.panic?.line, 15);
  t.is(outcome.get("Inner::Nested")?.stdout, "nested ran\n");
});

test("libraries export their pub functions under stable symbol names", (t) => {
  const src = `pub i64 Add(i64 a, i64 b) { return a + b; }
i64 Private(i64 a) { return a; }
pub T Generic<T>(T v) { return v; }
pub i64 Twice(i64 a) { return Add(a, a); }
`;
  const lib = compileSource(src, { library: true }).artifact!;
  t.deepEqual(lib.exports.map((e) => e.name).sort(), ["Main_Add", "Main_Twice"]);
  for (const e of lib.exports) t.is(lib.functions[e.func].type.params.length, e.name === "Main_Add" ? 2 : 1);
  const app = compileSource(src).artifact!;
  t.deepEqual(app.exports, []);
});

test("statements carry source locations, and a panic points at the failing operation", async (t) => {
  const a = compileSource(`i32 Div(i32 a, i32 b) {
    i32 q = a / b;
    return q;
}
i32 Main() {
    return Div(1, 0);
}
`).artifact!;
  const div = a.functions.find((f) => f.name === "Main.Div")!;
  const first = div.body[0]!;
  t.not(first.loc, undefined);
  const loc = a.locations[first.loc!]!;
  t.deepEqual([a.files[loc.file], loc.line, loc.column], ["Main.bd", 2, 5]);
  const r = await runMain(a);
  t.is(r.exitCode, 101);
  t.is(r.panic?.message, "division by zero");
  t.deepEqual([r.panic?.file, r.panic?.line, r.panic?.column], ["Main.bd", 2, 13]);
});
