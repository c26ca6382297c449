/**
 * Program assembly on real fixture projects: ImportClosure sizes and order (the seed ADR),
 * `pub mod` seeds into `.generated`, a missing `pub mod` target, a `pub mod` cycle, prelude
 * seeds, a path dependency in a workspace, module path → file order, and WorkspaceScan's cap.
 */

import test, { type ExecutionContext } from "ava";
import { chmodSync, cpSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  assembleImportClosure,
  modulePathOf,
  nodeFs,
  resolveModule,
  workspaceScan,
  type AssemblyFs,
} from "../../src/assembly/index.ts";
import { resolvePlan, type CompilePlan } from "../../src/project/index.ts";
import { tree } from "../project/tree.ts";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/projects");

/** Copies a fixture to a temporary folder (resolving writes Project.lock and obj/). */
function fixture(t: ExecutionContext, name: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "beskid-asm-")));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

function planOf(t: ExecutionContext, cwd: string, corelibRoot?: string): CompilePlan {
  const r = resolvePlan({
    cwd,
    lockMode: "default",
    command: "build",
    ...(corelibRoot ? { corelibRoot } : {}),
  });
  t.deepEqual(r.diagnostics, []);
  return r.value!;
}

/** The real file system, recording every path read and every existence check. */
function recording(): AssemblyFs & { reads: string[]; checks: string[] } {
  const reads: string[] = [];
  const checks: string[] = [];
  return {
    reads,
    checks,
    readFile: (p) => (reads.push(p), nodeFs.readFile(p)),
    isFile: (p) => (checks.push(p), nodeFs.isFile(p)),
    realpath: (p) => nodeFs.realpath(p),
  };
}

test("entry alone with an unrelated sibling: 1 unit, and the sibling is never read", (t) => {
  const dir = fixture(t, "sibling");
  // The sibling is invalid UTF-8 and unreadable: reading it would give E0007 or E9001.
  const sibling = join(dir, "Src/Other.bd");
  writeFileSync(sibling, Buffer.from([0x70, 0x75, 0x62, 0xff, 0xfe, 0x0a]));
  chmodSync(sibling, 0o000);
  t.teardown(() => chmodSync(sibling, 0o644));
  const plan = planOf(t, dir);
  const fs = recording();
  const a = assembleImportClosure(plan, { fs });
  t.deepEqual(a.diagnostics, []);
  t.deepEqual(
    a.value.units.map((u) => [u.module, u.relPath]),
    [["Main", "Src/Main.bd"]],
  );
  t.is(a.value.entryIndex, 0);
  t.is(a.value.mode, "ImportClosure");
  t.deepEqual(fs.reads, [join(dir, "Src/Main.bd")]);
  t.false(fs.checks.includes(sibling), "no existence check touched the sibling either");
});

test("a chain Entry -> A -> B with an unused file beside them: 3 units in discovery order", (t) => {
  const dir = fixture(t, "chain");
  const fs = recording();
  const a = assembleImportClosure(planOf(t, dir), { fs });
  t.deepEqual(a.diagnostics, []);
  t.deepEqual(
    a.value.units.map((u) => u.module),
    ["Entry", "Lib.A", "Lib.B"],
  );
  t.false(
    fs.reads.some((p) => p.endsWith("Unused.bd")),
    "use in a comment or a string does not count",
  );
  const entry = a.value.units[0]!;
  t.regex(entry.hash, /^[0-9a-f]{64}$/);
  t.true(entry.text.startsWith("/// Entry"));
});

test("pub mod seeds reach files under .generated, transitively", (t) => {
  const dir = fixture(t, "generated");
  const a = assembleImportClosure(planOf(t, dir));
  t.deepEqual(a.diagnostics, []);
  t.deepEqual(
    a.value.units.map((u) => [u.module, u.relPath]),
    [
      ["Main", "Src/Main.bd"],
      ["Gen.Api", ".generated/Gen/Api.g.bd"],
      ["Gen.Inner", ".generated/Gen/Inner.g.bd"],
    ],
  );
});

test("a missing pub mod target is E1502 at the declaration; the rest is still assembled", (t) => {
  const dir = fixture(t, "missing-pubmod");
  const a = assembleImportClosure(planOf(t, dir));
  t.deepEqual(
    a.diagnostics.map((d) => [d.code, d.file, d.start, d.end]),
    [["E1502", join(dir, "Src/Main.bd"), { line: 2, column: 1 }, { line: 2, column: 22 }]],
  );
  t.regex(a.diagnostics[0]!.message, /Absent\.Thing/);
  t.deepEqual(
    a.value.units.map((u) => u.module),
    ["Main", "Present"],
  );
});

test("a pub mod cycle terminates, each file once", (t) => {
  const dir = fixture(t, "pubmod-cycle");
  const a = assembleImportClosure(planOf(t, dir));
  t.deepEqual(a.diagnostics, []);
  t.deepEqual(
    a.value.units.map((u) => u.module),
    ["Main", "Cyc.A", "Cyc.B"],
  );
});

test("prelude union seeds come from a Prelude.bd at the top of a root (deduplicated)", (t) => {
  const dir = fixture(t, "prelude");
  const plan = planOf(t, join(dir, "app"), join(dir, "core"));
  const a = assembleImportClosure(plan);
  t.deepEqual(a.diagnostics, []);
  t.deepEqual(
    a.value.units.map((u) => [u.module, u.rootIndex]),
    [
      ["Main", 0],
      ["Core.Results", 1],
      ["Text.Fmt", 1],
    ],
  );
});

test("a path dependency in a workspace is read from its materialized root", (t) => {
  const dir = fixture(t, "workspace");
  const plan = planOf(t, join(dir, "app"));
  t.is(plan.workspace?.name, "Mono");
  const a = assembleImportClosure(plan);
  t.deepEqual(a.diagnostics, []);
  t.is(a.value.units.length, 2);
  const dep = a.value.units[1]!;
  t.is(dep.module, "Util.Strings");
  t.regex(dep.relPath, /^obj\/beskid\/deps\/src\/Util-[0-9a-f]{12}\/src\/Util\/Strings\.bd$/);
  t.is(dep.rootIndex, 1);
});

test("module path -> file: flat file, homonym folder file, mod.bd, .generated, in that order; Std. stripped", (t) => {
  const dir = tree(
    t,
    `//- Src/A/B.bd
//- Src/A/B/B.bd
//- Src/A/B/mod.bd
//- Src/C/D/D.bd
//- Src/C/D/mod.bd
//- Src/E/F/mod.bd
//- .generated/E/F.g.bd
//- .generated/G/H.g.bd
//- Other/A/B.bd
`,
  );
  const roots = [
    { name: "main", path: join(dir, "Src") },
    { name: "other", path: join(dir, "Other") },
  ];
  const at = (segs: string[]) => resolveModule(roots, segs, nodeFs.isFile)?.file.slice(dir.length + 1);
  t.is(at(["A", "B"]), "Src/A/B.bd");
  t.is(at(["C", "D"]), "Src/C/D/D.bd");
  t.is(at(["E", "F"]), "Src/E/F/mod.bd");
  t.is(at(["G", "H"]), ".generated/G/H.g.bd");
  t.is(at(["Std", "A", "B"]), "Src/A/B.bd");
  t.is(at(["Nope"]), undefined);
  // A file's own module path.
  const root = roots[0]!;
  t.is(modulePathOf(root, join(dir, "Src/Core/Results/Results.bd"), false), "Core.Results");
  t.is(modulePathOf(root, join(dir, "Src/Net/Http/mod.bd"), false), "Net.Http");
  t.is(modulePathOf(root, join(dir, "Src/Net/Http.bd"), false), "Net.Http");
  t.is(modulePathOf(root, join(dir, ".generated/G/H.g.bd"), true), "G.H");
  t.is(modulePathOf(root, join(dir, "Src/my-file.bd"), false), undefined);
});

test("use of an item (module + item), Std. prefix, :: separators and interpolations expand the closure", (t) => {
  const dir = tree(
    t,
    `//- Src/Main.bd
mod App.Main;
use Std.Text.Fmt.Format;
use Data.Shapes as S;

i32 Main() {
    string s = "\${Numbers.Ints.Max(1, 2)}";
    return Kinds.Color::Red;
}
//- Src/Text/Fmt.bd
//- Src/Data/Shapes.bd
//- Src/Numbers/Ints.bd
//- Src/Kinds.bd
//- Src/Unrelated.bd
`,
  );
  const root = { name: "p", path: join(dir, "Src") };
  const a = assembleImportClosure({ roots: [root], entryFile: join(dir, "Src/Main.bd"), projectDir: dir });
  t.deepEqual(a.diagnostics, []);
  t.deepEqual(
    a.value.units.map((u) => u.module),
    ["App.Main", "Text.Fmt", "Data.Shapes", "Numbers.Ints", "Kinds"],
  );
});

test("a use that resolves nowhere is left to name resolution (no diagnostic from assembly)", (t) => {
  const dir = tree(t, `//- Src/Main.bd\nuse Does.Not.Exist;\n`);
  const a = assembleImportClosure({
    roots: [{ name: "p", path: join(dir, "Src") }],
    entryFile: join(dir, "Src/Main.bd"),
  });
  t.deepEqual(a.diagnostics, []);
  t.is(a.value.units.length, 1);
});

test("E0007 for invalid UTF-8 and E9001 for an unreadable entry", (t) => {
  const dir = tree(t, `//- Src/Main.bd\nuse Bad;\n`);
  writeFileSync(join(dir, "Src/Bad.bd"), Buffer.from([0x2f, 0x2f, 0x20, 0xc3, 0x28, 0x0a]));
  const a = assembleImportClosure({
    roots: [{ name: "p", path: join(dir, "Src") }],
    entryFile: join(dir, "Src/Main.bd"),
  });
  t.deepEqual(
    a.diagnostics.map((d) => d.code),
    ["E0007"],
  );
  const b = assembleImportClosure({
    roots: [{ name: "p", path: join(dir, "Src") }],
    entryFile: join(dir, "Src/Gone.bd"),
  });
  t.deepEqual(
    b.diagnostics.map((d) => d.code),
    ["E9001"],
  );
  t.is(b.value.entryIndex, -1);
});

test("WorkspaceScan: every .bd under each root, sorted, capped by max_units with E3026", (t) => {
  const dir = fixture(t, "chain");
  const roots = [{ name: "Chain", path: join(dir, "Src") }];
  const all = workspaceScan(roots, { projectDir: dir });
  t.deepEqual(all.diagnostics, []);
  t.deepEqual(
    all.value.units.map((u) => u.relPath),
    ["Src/Entry.bd", "Src/Lib/A.bd", "Src/Lib/B.bd", "Src/Lib/Unused.bd"],
  );
  t.is(all.value.mode, "WorkspaceScan");
  const capped = workspaceScan(roots, { projectDir: dir, maxUnits: 2, entryFile: join(dir, "Src/Entry.bd") });
  t.deepEqual(
    capped.diagnostics.map((d) => d.code),
    ["E3026"],
  );
  t.regex(capped.diagnostics[0]!.message, /4 \.bd files.*max_units is 2/);
  t.deepEqual(
    capped.value.units.map((u) => u.relPath),
    ["Src/Entry.bd", "Src/Lib/A.bd"],
  );
  t.is(capped.value.entryIndex, 0);
});

test("units carry the parsed tree, and syntax errors come back with the assembly (parsed once)", (t) => {
  const dir = tree(
    t,
    `//- Src/Main.bd\nuse Helper;\ni32 Main() { return Helper.Two(); }\n//- Src/Helper.bd\npub i32 Two() { return 2 }\n`,
  );
  const a = assembleImportClosure({
    roots: [{ name: "p", path: join(dir, "Src") }],
    entryFile: join(dir, "Src/Main.bd"),
  });
  t.deepEqual(
    a.value.units.map((u) => [u.module, u.tree?.kind, u.tree?.items.length]),
    [
      ["Main", "SourceFile", 2],
      ["Helper", "SourceFile", 1],
    ],
  );
  t.deepEqual(
    a.diagnostics.map((d) => [d.code, d.file, d.start?.line]),
    [["E0101", join(dir, "Src/Helper.bd"), 1]],
  );
});

test("fileName names files in trees, spans and diagnostics; units keep the parse's line index", (t) => {
  const dir = tree(t, `//- Src/Main.bd\npub mod Gone;\n`);
  const a = assembleImportClosure(
    { roots: [{ name: "p", path: join(dir, "Src") }], entryFile: join(dir, "Src/Main.bd"), projectDir: dir },
    { fileName: (p) => `unit:${p.slice(dir.length + 1)}` },
  );
  const u = a.value.units[0]!;
  t.is(u.fileName, "unit:Src/Main.bd");
  t.is(u.tree?.file, "unit:Src/Main.bd");
  t.is(u.lineIndex?.lineCount, 2);
  t.deepEqual(
    a.diagnostics.map((d) => [d.code, d.file]),
    [["E1502", "unit:Src/Main.bd"]],
  );
});

test("nested roots: a file is named by the innermost root holding it (a corelib vendored under the host root)", (t) => {
  const dir = tree(
    t,
    `//- Main.bd
use Core.Output;
//- vendor/corelib/Src/Core/Output.bd
pub mod Core.Output.Inner;
//- vendor/corelib/Src/Core/Output/Inner.bd
`,
  );
  const roots = [
    { name: "host", path: dir },
    { name: "corelib", path: join(dir, "vendor/corelib/Src") },
  ];
  const a = assembleImportClosure({ roots, entryFile: join(dir, "Main.bd"), projectDir: dir });
  t.deepEqual(a.diagnostics, []);
  t.deepEqual(
    a.value.units.map((u) => [u.module, u.rootIndex]),
    [
      ["Main", 0],
      ["Core.Output", 1],
      ["Core.Output.Inner", 1],
    ],
  );
});

test("WorkspaceScan: files whose path is no module path are named by their path, not all by ``", (t) => {
  const dir = tree(
    t,
    `//- Src/main-app.bd\ni32 Main() { return 0; }\n//- Src/my-tool/Gen.bd\npub i64 F() => 1;\n//- Src/2go.bd\npub i64 G() => 2;\n//- Src/Lib/Util.bd\npub i64 H() => 3;\n`,
  );
  const scan = workspaceScan([{ name: "p", path: join(dir, "Src") }], {
    projectDir: dir,
    entryFile: join(dir, "Src/main-app.bd"),
  });
  t.deepEqual(scan.diagnostics, []);
  t.deepEqual(
    scan.value.units.map((u) => u.module),
    ["2go", "Lib.Util", "main-app", "my-tool/Gen"],
  );
});

test("WorkspaceScan: a root's Prelude.bd is no unit (two roots may both have one), its pub mod lines are still checked", (t) => {
  const dir = tree(
    t,
    `//- app/Src/Prelude.bd\npub mod App.Util;\n//- app/Src/App/Util.bd\npub i64 F() => 1;\n//- dep/Src/Prelude.bd\npub mod Dep.Gone;\n//- dep/Src/Dep/Here.bd\npub i64 G() => 2;\n`,
  );
  const scan = workspaceScan(
    [
      { name: "app", path: join(dir, "app/Src") },
      { name: "dep", path: join(dir, "dep/Src") },
    ],
    { projectDir: join(dir, "app") },
  );
  t.deepEqual(
    scan.value.units.map((u) => u.module),
    ["App.Util", "Dep.Here"],
  );
  t.deepEqual(
    scan.diagnostics.map((d) => `${d.code} ${d.file}:${d.start?.line}`),
    [`E1502 ${join(dir, "dep/Src/Prelude.bd")}:1`],
  );
});
