/**
 * resolvePlan on real folders: manifest discovery, workspace member selection, target
 * selection, the dependency graph (diamonds, cycles, order, unsupported sources) and the
 * implicit corelib.
 */

import test from "ava";
import { join } from "node:path";
import { resolvePlan, type PlanRequest } from "../../src/project/index.ts";
import { FAKE_CORELIB, tree } from "./tree.ts";

function plan(req: Partial<PlanRequest> & { cwd: string }) {
  return resolvePlan({ lockMode: "default", command: "assemble", ...req });
}

function proj(
  name: string,
  extra = "",
  targets = `target "${name}" {\n    kind = App\n    entry = "Main.bd"\n}\n`,
): string {
  return `project {\n    name = "${name}"\n    version = "1.0.0"\n}\n${targets}${extra}`;
}

function dep(alias: string, path: string): string {
  return `dependency "${alias}" {\n    source = path\n    path = "${path}"\n}\n`;
}

const codes = (r: { diagnostics: readonly { code: string }[] }): string[] => r.diagnostics.map((d) => d.code);

test("walks up from the working directory to the nearest project manifest", (t) => {
  const dir = tree(t, `//- app/Project.proj\n${proj("App")}//- app/Src/Main.bd\n//- app/Src/Deep/X.bd\n`);
  const r = plan({ cwd: join(dir, "app/Src/Deep") });
  t.deepEqual(codes(r), []);
  t.is(r.value!.manifestPath, join(dir, "app/Project.proj"));
  t.is(r.value!.projectDir, join(dir, "app"));
  t.is(r.value!.entryFile, join(dir, "app/Src/Main.bd"));
  t.deepEqual(r.value!.target, { label: "App", kind: "App", entry: "Main.bd" });
  t.deepEqual(r.value!.roots, [{ name: "App", path: join(dir, "app/Src"), kind: "host" }]);
  t.deepEqual(r.value!.inputs, [join(dir, "app/Project.lock"), join(dir, "app/Project.proj")]);
});

test("an explicit .bd input bypasses target selection and walks up from the file", (t) => {
  const dir = tree(t, `//- p/Project.proj\n${proj("P")}//- p/Src/Main.bd\n//- p/Src/Tool.bd\n`);
  const r = plan({ cwd: dir, input: "p/Src/Tool.bd" });
  t.deepEqual(codes(r), []);
  t.is(r.value!.target, undefined);
  t.is(r.value!.entryFile, join(dir, "p/Src/Tool.bd"));
  t.is(r.value!.projectName, "P");
});

test("--project takes a folder or a manifest file; a .bproj is found too", (t) => {
  const dir = tree(
    t,
    `//- a/Thing.bproj\nThing {\n name = "Thing"\n version = "1"\n target "T" {\n  kind = App\n  entry = "Main.bd"\n }\n}\n//- a/Src/Main.bd\n`,
  );
  t.is(plan({ cwd: "/", project: join(dir, "a") }).value!.projectName, "Thing");
  t.is(plan({ cwd: dir, project: "a/Thing.bproj" }).value!.projectName, "Thing");
  const missing = plan({ cwd: dir, project: "nope" });
  t.deepEqual(codes(missing), ["E3001"]);
  t.is(missing.value, undefined);
});

test("E3001 when no manifest is found; a lone .bd file is its own program named by its stem", (t) => {
  const dir = tree(t, `//- loose/hello.bd\ni32 main() { return 0; }\n`);
  const none = plan({ cwd: join(dir, "loose") });
  t.deepEqual(codes(none), ["E3001"]);
  const lone = plan({ cwd: dir, input: "loose/hello.bd" });
  t.deepEqual(codes(lone), []);
  t.is(lone.value!.projectName, "hello");
  t.is(lone.value!.manifestPath, undefined);
  t.deepEqual(lone.value!.roots, [{ name: "hello", path: join(dir, "loose"), kind: "host" }]);
  t.deepEqual(codes(plan({ cwd: dir, input: "loose/missing.bd" })), ["E9001"]);
});

const WS = `//- Workspace.proj
workspace {
    name = "Mono"
    defaultTestMember = "Tests"
}
member "App" {
    path = "app"
}
member "Tests" {
    path = "tests"
}
member "Nested" {
    path = "app/tools"
}
//- app/Project.proj
${proj("App")}//- app/Src/Main.bd
//- tests/Project.proj
${proj("Tests", "", 'target "Tests" {\n    kind = Test\n    entry = "All.bd"\n}\n')}//- tests/Src/All.bd
//- app/tools/Project.proj
${proj("Tools")}//- app/tools/Src/Main.bd
//- app/tools/Src/Extra.bd
`;

test("workspace: --workspace-member wins; unknown member is E3014 listing the members", (t) => {
  const dir = tree(t, WS);
  const r = plan({ cwd: dir, workspaceMember: "Tests" });
  t.deepEqual(codes(r), []);
  t.is(r.value!.projectName, "Tests");
  t.deepEqual(
    { name: r.value!.workspace!.name, member: r.value!.workspace!.member },
    { name: "Mono", member: "Tests" },
  );
  const bad = plan({ cwd: dir, workspaceMember: "Nope" });
  t.deepEqual(codes(bad), ["E3014"]);
  t.deepEqual(bad.diagnostics[0]!.notes, ["members: App, Tests, Nested"]);
});

test("workspace: the deepest member containing the input, else defaultTestMember for test, else the first", (t) => {
  const dir = tree(t, WS);
  // From the workspace root with an input inside a nested member.
  const deep = plan({ cwd: dir, project: dir, input: join(dir, "app/tools/Src/Extra.bd") });
  t.is(deep.value!.projectName, "Tools");
  t.is(plan({ cwd: dir, command: "test" }).value!.projectName, "Tests");
  t.is(plan({ cwd: dir, command: "build" }).value!.projectName, "App");
  // A project found by walking up still knows its workspace.
  const inside = plan({ cwd: join(dir, "app/tools/Src") });
  t.is(inside.value!.projectName, "Tools");
  t.is(inside.value!.workspace?.member, "Nested");
});

test("workspace: a member path without a manifest is E3001 at the member's path", (t) => {
  const dir = tree(
    t,
    `//- Workspace.proj\nworkspace {\n name = "W"\n}\nmember "Gone" {\n path = "gone"\n}\n`,
  );
  const r = plan({ cwd: dir });
  t.deepEqual(codes(r), ["E3001"]);
  t.deepEqual(r.diagnostics[0]!.start, { line: 5, column: 9 });
});

test("target: --target by exact label, else the first App, else the first; unknown is E3005 listing labels", (t) => {
  const targets = `target "Lib" {\n kind = Lib\n entry = "Lib.bd"\n}\ntarget "Cli" {\n kind = App\n entry = "Cli.bd"\n}\ntarget "T" {\n kind = Test\n entry = "T.bd"\n}\n`;
  const dir = tree(
    t,
    `//- Project.proj\n${proj("P", "", targets)}//- Src/Lib.bd\n//- Src/Cli.bd\n//- Src/T.bd\n`,
  );
  t.is(plan({ cwd: dir }).value!.target!.label, "Cli");
  t.is(plan({ cwd: dir, target: "T" }).value!.entryFile, join(dir, "Src/T.bd"));
  const bad = plan({ cwd: dir, target: "cli" });
  t.deepEqual(codes(bad), ["E3005"]);
  t.deepEqual(bad.diagnostics[0]!.notes, ["targets: Lib, Cli, T"]);
  const noApp = tree(
    t,
    `//- Project.proj\n${proj("Q", "", 'target "L" {\n kind = Lib\n entry = "L.bd"\n}\ntarget "M" {\n kind = Lib\n entry = "M.bd"\n}\n')}//- Src/L.bd\n//- Src/M.bd\n`,
  );
  t.is(plan({ cwd: noApp }).value!.target!.label, "L");
});

test("E3027: the target's entry file does not exist", (t) => {
  const dir = tree(t, `//- Project.proj\n${proj("P")}`);
  const r = plan({ cwd: dir });
  t.deepEqual(codes(r), ["E3027"]);
  t.deepEqual(r.diagnostics[0]!.start, { line: 7, column: 13 });
});

test("graph: a diamond is one node; order is topological with ties by canonical manifest path", (t) => {
  const dir = tree(
    t,
    `//- app/Project.proj
${proj("App", dep("Right", "../right") + dep("Left", "../left"))}//- app/Src/Main.bd
//- left/Project.proj
${proj("Left", dep("Base", "../base"))}//- left/Src/Main.bd
//- right/Project.proj
${proj("Right", dep("Base", "../base/Project.proj"))}//- right/Src/Main.bd
//- base/Project.proj
${proj("Base")}//- base/Src/Main.bd
`,
  );
  const r = plan({ cwd: join(dir, "app") });
  t.deepEqual(codes(r), []);
  t.deepEqual(
    r.value!.graph.map((n) => n.name),
    ["Base", "Left", "Right", "App"],
  );
  t.deepEqual(
    r.value!.roots.map((x) => x.name),
    ["App", "Base", "Left", "Right"],
  );
  t.is(r.value!.graph.filter((n) => n.name === "Base").length, 1);
  // The same files give the same plan.
  t.deepEqual(plan({ cwd: join(dir, "app") }).value!.graph, r.value!.graph);
});

test("graph: a cycle is E3007 with the chain spelled out", (t) => {
  const dir = tree(
    t,
    `//- a/Project.proj
${proj("a", dep("B", "../b"))}//- a/Src/Main.bd
//- b/Project.proj
${proj("b", dep("A", "../a"))}//- b/Src/Main.bd
`,
  );
  const r = plan({ cwd: join(dir, "a") });
  t.deepEqual(codes(r), ["E3007"]);
  t.regex(r.diagnostics[0]!.message, /a -> b -> a$/);
  t.is(r.diagnostics[0]!.file, join(dir, "b/Project.proj"));
  t.is(r.value, undefined);
});

test("graph: E3006 when a path dependency has no manifest, at the path value", (t) => {
  const dir = tree(t, `//- Project.proj\n${proj("P", dep("Gone", "../gone"))}//- Src/Main.bd\n`);
  const r = plan({ cwd: dir });
  t.deepEqual(codes(r), ["E3006"]);
  t.deepEqual(r.diagnostics[0]!.start, { line: 11, column: 12 });
});

test("E3011: git and registry dependencies are named, each, before any compilation", (t) => {
  const extra = `dependency "Json" {\n source = git\n url = "https://x/json.git"\n rev = "v1"\n}\ndependency "Http" {\n source = registry\n version = "2.0.0"\n}\n`;
  const dir = tree(t, `//- Project.proj\n${proj("P", extra)}//- Src/Main.bd\n`);
  const r = plan({ cwd: dir });
  t.deepEqual(codes(r), ["E3011", "E3011"]);
  t.regex(r.diagnostics[0]!.message, /"Json".*source = git/);
  t.regex(r.diagnostics[1]!.message, /"Http".*source = registry/);
  t.is(r.value, undefined);
});

test("corelib: attached last to a host project, read in place, not locked", (t) => {
  const dir = tree(t, `//- app/Project.proj\n${proj("App")}//- app/Src/Main.bd\n${FAKE_CORELIB}`);
  const r = plan({ cwd: join(dir, "app"), corelibRoot: join(dir, "corelib") });
  t.deepEqual(codes(r), []);
  t.deepEqual(r.value!.roots.at(-1), { name: "corelib", path: join(dir, "corelib/Src"), kind: "corelib" });
  t.true(r.value!.inputs.includes(join(dir, "corelib/Project.proj")));
});

test("corelib: not attached to the corelib itself, nor when the project declares Std or corelib", (t) => {
  const dir = tree(
    t,
    `//- app/Project.proj\n${proj("App", dep("Std", "../corelib"))}//- app/Src/Main.bd\n${FAKE_CORELIB}`,
  );
  const corelib = join(dir, "corelib");
  const own = plan({ cwd: join(dir, "app"), corelibRoot: corelib });
  t.deepEqual(codes(own), []);
  t.deepEqual(
    own.value!.roots.map((r) => r.kind),
    ["host", "dependency"],
  );
  const self = plan({ cwd: corelib, corelibRoot: corelib });
  t.deepEqual(codes(self), []);
  t.deepEqual(
    self.value!.roots.map((r) => r.kind),
    ["host"],
  );
  t.deepEqual(codes(plan({ cwd: join(dir, "app"), corelibRoot: join(dir, "nowhere") })), []);
});

test("W3029: a git or registry dependency aliased Std or corelib is satisfied by the toolchain's corelib", (t) => {
  const extra = `dependency "Std" {\n source = registry\n version = "0.4.0"\n}\n${dep("Lib", "../lib")}`;
  const libExtra = `dependency "corelib" {\n source = git\n url = "https://x/corelib.git"\n rev = "v1"\n}\n`;
  const dir = tree(
    t,
    `//- app/Project.proj\n${proj("App", extra)}//- app/Src/Main.bd\n//- lib/Project.proj\n${proj("Lib", libExtra)}//- lib/Src/Main.bd\n${FAKE_CORELIB}`,
  );
  const r = plan({ cwd: join(dir, "app"), corelibRoot: join(dir, "corelib") });
  t.deepEqual(codes(r), ["W3029", "W3029"]);
  t.regex(r.diagnostics[0]!.message, /"Std" of App \(version 0\.4\.0\) is the corelib/);
  t.regex(r.diagnostics[1]!.message, /"corelib" of Lib \(git https:\/\/x\/corelib\.git at v1\)/);
  t.deepEqual(r.value!.roots.at(-1), { name: "corelib", path: join(dir, "corelib/Src"), kind: "corelib" });
  t.deepEqual(
    r.value!.roots.map((x) => x.name),
    ["App", "Lib", "corelib"],
  );
});

test("E3025: a corelib folder that does not exist", (t) => {
  const dir = tree(t, `//- Project.proj\n${proj("P")}//- Src/Main.bd\n`);
  t.deepEqual(codes(plan({ cwd: dir, corelibRoot: join(dir, "nowhere") })), ["E3025"]);
});

test("W3013: several project manifests in one folder: Project.proj first, with a warning", (t) => {
  const dir = tree(t, `//- Project.proj\n${proj("Old")}//- New.bproj\n${proj("New")}//- Src/Main.bd\n`);
  const r = plan({ cwd: dir });
  t.deepEqual(codes(r), ["W3013"]);
  t.is(r.value!.projectName, "Old");
});

test("newer generation end to end: a .bws workspace with .bproj members and a path dependency", (t) => {
  const dir = tree(
    t,
    `//- Mono.bws
Mono {
    name = "Mono"
    member "Web" {
        path = "web"
    }
    member "Kit" {
        path = "kit/Kit.bproj"
    }
}
//- web/Web.bproj
Web {
    name = "Web"
    version = "1.0.0"
    target "Web" {
        kind = App
        entry = "Main.bd"
    }
    dependency "Kit" {
        source = path
        path = "../kit"
    }
}
//- web/Src/Main.bd
//- kit/Kit.bproj
Kit {
    name = "Kit"
    version = "1.0.0"
    target "Kit" {
        kind = Lib
    }
}
//- kit/Src/Kit.bd
`,
  );
  const web = plan({ cwd: dir });
  t.deepEqual(codes(web), []);
  t.is(web.value!.projectName, "Web");
  t.is(web.value!.workspace!.member, "Web");
  t.deepEqual(
    web.value!.graph.map((n) => n.name),
    ["Kit", "Web"],
  );
  const kit = plan({ cwd: dir, workspaceMember: "Kit" });
  t.deepEqual(codes(kit), []);
  t.deepEqual(kit.value!.target, { label: "Kit", kind: "Lib", entry: "Kit.bd" });
  t.is(kit.value!.entryFile, join(dir, "kit/Src/Kit.bd"));
});

test("a dependency's own manifest problems are reported in its file, and stop the plan", (t) => {
  const dir = tree(
    t,
    `//- app/Project.proj\n${proj("App", dep("Lib", "../lib"))}//- app/Src/Main.bd\n//- lib/Project.proj\nproject {\n    name = "Lib"\n}\ntarget "Lib" {\n    kind = Library\n    entry = "Lib.bd"\n}\n`,
  );
  const r = plan({ cwd: join(dir, "app") });
  t.deepEqual(
    r.diagnostics.map((d) => [d.code, d.file, d.start?.line]),
    [
      ["E3004", join(dir, "lib/Project.proj"), 1],
      ["E3004", join(dir, "lib/Project.proj"), 5],
    ],
  );
  t.is(r.value, undefined);
});

test("E3014: --workspace-member without any workspace", (t) => {
  const dir = tree(t, `//- Project.proj\n${proj("P")}//- Src/Main.bd\n`);
  t.deepEqual(codes(plan({ cwd: dir, workspaceMember: "P" })), ["E3014"]);
  t.deepEqual(codes(plan({ cwd: "/", project: dir, workspaceMember: "P" })), ["E3014"]);
});
