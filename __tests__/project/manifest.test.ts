/** Manifest parsing and validation: every E3003/E3004/W3012 rule, with positions, both generations. */

import test from "ava";
import { parseProjectManifest, parseWorkspaceManifest } from "../../src/project/index.ts";

/** Diagnostics as `CODE line:col`, in order. */
function codes(text: string, file = "/p/Project.proj"): string[] {
  return parseProjectManifest(text, file).diagnostics.map(
    (d) => `${d.code} ${d.start?.line}:${d.start?.column}`,
  );
}

function wsCodes(text: string, file = "/w/Workspace.proj"): string[] {
  return parseWorkspaceManifest(text, file).diagnostics.map(
    (d) => `${d.code} ${d.start?.line}:${d.start?.column}`,
  );
}

const GOOD = `# comment
project {
    name = "App"     // trailing comment
    version = "1.0.0"
    root = "Source"
    type = Host
    root_namespace = "App"
    readme = "README.md"
}

target "App" {
    kind = App
    entry = "Main.bd"
}

target "Tests" {
    kind = Test
    entry = "Tests/All.bd"
}

dependency "Lib" {
    source = path
    path = "../Lib"
}

dependency "Remote" {
    source = git
    url = "https://example.com/x.git"
    rev = "abc123"
}

dependency "Reg" {
    source = registry
    version = "1.2.0"
    registry = "main"
}
`;

test("a complete Project.proj parses into a typed manifest", (t) => {
  const r = parseProjectManifest(GOOD, "/p/Project.proj");
  t.deepEqual(r.diagnostics, []);
  const m = r.value!;
  t.is(m.name, "App");
  t.is(m.version, "1.0.0");
  t.is(m.root, "Source");
  t.is(m.type, "Host");
  t.is(m.rootNamespace, "App");
  t.deepEqual(
    m.targets.map((x) => [x.label, x.kind, x.entry]),
    [
      ["App", "App", "Main.bd"],
      ["Tests", "Test", "Tests/All.bd"],
    ],
  );
  t.deepEqual(
    m.dependencies.map((d) => [d.alias, d.source, d.path ?? d.url ?? d.version]),
    [
      ["Lib", "path", "../Lib"],
      ["Remote", "git", "https://example.com/x.git"],
      ["Reg", "registry", "1.2.0"],
    ],
  );
});

test("defaults: root Src, type Host", (t) => {
  const m = parseProjectManifest(
    'project {\n name = "A"\n version = "1"\n}\ntarget "A" {\n kind = App\n entry = "Main.bd"\n}\n',
    "/p/Project.proj",
  ).value!;
  t.is(m.root, "Src");
  t.is(m.type, "Host");
});

test(".bproj: the root block's kind is the project name; targets may nest; Lib needs no entry", (t) => {
  const text = `Hello {
    name = "Hello"
    version = "0.2.0"
    target "Core" {
        kind = Lib
    }
}
dependency "Util" { source = path
    path = "../Util"
}
`;
  const r = parseProjectManifest(text, "/p/Hello.bproj");
  t.deepEqual(r.diagnostics, []);
  t.is(r.value!.generation, "bproj");
  t.deepEqual(
    r.value!.targets.map((x) => [x.label, x.kind, x.entry]),
    [["Core", "Lib", undefined]],
  );
  t.is(r.value!.dependencies[0]!.alias, "Util");
  // project { } is accepted in a .bproj too.
  t.deepEqual(
    codes('project {\n name = "X"\n version = "1"\n}\ntarget "X" {\n kind = Lib\n}\n', "/p/X.bproj"),
    [],
  );
});

test("a Lib target without entry is an error in Project.proj (only .bproj may omit it)", (t) => {
  t.deepEqual(codes('project {\n name = "X"\n version = "1"\n}\ntarget "X" {\n kind = Lib\n}\n'), [
    "E3004 5:8",
  ]);
});

test("E3003: syntax errors point at the token, and several are reported together", (t) => {
  const text = `project {
    name = "Broken
    version = "1"
    oops here
    root = = "x"
}
target "A" {
    kind = App
    entry = "Main.bd"
}
`;
  const r = codes(text);
  t.deepEqual(
    r.filter((c) => c.startsWith("E3003")),
    ["E3003 2:12", "E3003 4:10", "E3003 5:12"],
  );
});

test("E3003: unexpected character, unclosed block, missing brace", (t) => {
  t.deepEqual(codes('project {\n name = "A" @\n version = "1"\n'), ["E3003 2:13", "E3003 1:9", "E3004 1:1"]);
  t.deepEqual(codes('project "x"\n'), ["E3003 1:12", "E3004 1:1"]);
});

test("E3004: no project block at all", (t) => {
  t.deepEqual(codes('target "A" {\n kind = App\n entry = "M.bd"\n}\n'), ["E3004 1:1"]);
  t.deepEqual(codes(""), ["E3004 1:1"]);
});

test("E3004: exactly one root block", (t) => {
  const text =
    'project {\n name = "A"\n version = "1"\n}\nproject {\n name = "B"\n version = "1"\n}\ntarget "A" {\n kind = App\n entry = "M.bd"\n}\n';
  t.deepEqual(codes(text), ["E3004 5:1"]);
});

test("E3004: name and version are required, each reported at the block", (t) => {
  t.deepEqual(codes('project {\n root = "Src"\n}\ntarget "A" {\n kind = App\n entry = "M.bd"\n}\n'), [
    "E3004 1:1",
    "E3004 1:1",
  ]);
});

test("E3004: at least one target; an Aggregate needs a dependency instead", (t) => {
  t.deepEqual(codes('project {\n name = "A"\n version = "1"\n}\n'), ["E3004 1:1"]);
  t.deepEqual(codes('project {\n name = "A"\n version = "1"\n type = Aggregate\n}\n'), ["E3004 1:1"]);
  t.deepEqual(
    codes(
      'project {\n name = "A"\n version = "1"\n type = Aggregate\n}\ndependency "B" {\n source = path\n path = "../B"\n}\n',
    ),
    [],
  );
});

test("E3004: unknown project type and target kind point at the value", (t) => {
  t.deepEqual(
    codes(
      'project {\n name = "A"\n version = "1"\n type = Library\n}\ntarget "A" {\n kind = Exe\n entry = "M.bd"\n}\n',
    ),
    ["E3004 4:9", "E3004 7:9"],
  );
});

test("E3004: duplicate target and dependency labels", (t) => {
  const text = `project {
 name = "A"
 version = "1"
}
target "A" {
 kind = App
 entry = "M.bd"
}
target "A" {
 kind = Test
 entry = "T.bd"
}
dependency "D" {
 source = path
 path = "../D"
}
dependency "D" {
 source = path
 path = "../E"
}
`;
  t.deepEqual(codes(text), ["E3004 9:8", "E3004 17:12"]);
});

test("E3004: entry must be relative and free of '..'; missing entry and kind", (t) => {
  const base = 'project {\n name = "A"\n version = "1"\n}\n';
  t.deepEqual(codes(base + 'target "A" {\n kind = App\n entry = "/abs/Main.bd"\n}\n'), ["E3004 7:10"]);
  t.deepEqual(codes(base + 'target "A" {\n kind = App\n entry = "../Main.bd"\n}\n'), ["E3004 7:10"]);
  t.deepEqual(codes(base + 'target "A" {\n kind = App\n entry = "a/../../Main.bd"\n}\n'), ["E3004 7:10"]);
  t.deepEqual(codes(base + 'target "A" {\n kind = App\n}\n'), ["E3004 5:8"]);
  t.deepEqual(codes(base + 'target "A" {\n entry = "M.bd"\n}\n'), ["E3004 5:8"]);
  t.deepEqual(codes(base + 'target {\n kind = App\n entry = "M.bd"\n}\n'), ["E3004 5:1"]);
});

test("E3004: names that become file names or lock fields: no separators, ';', '=', control characters, '.' or '..'", (t) => {
  const project = (name: string) => `project {\n name = "${name}"\n version = "1"\n}\n`;
  const target = (label: string) => `target "${label}" {\n kind = App\n entry = "M.bd"\n}\n`;
  const dep = (alias: string) => `dependency "${alias}" {\n source = path\n path = "../d"\n}\n`;
  for (const bad of ["../../evil", "a/b", "a\\\\b", "..", ".", "a;b", "x=y", "a\\nb", "a\\tb"]) {
    t.deepEqual(codes(project(bad) + target("A")), ["E3004 2:9"], `project name ${bad}`);
    t.deepEqual(codes(project("A") + target(bad)), ["E3004 5:8"], `target ${bad}`);
    t.deepEqual(codes(project("A") + target("A") + dep(bad)), ["E3004 9:12"], `dependency ${bad}`);
  }
  // Spaces, dots and letters beyond ASCII are fine (they are used that way).
  for (const ok of ["My App", "Hello.Tests", "Ünï", "..x", "a..b"])
    t.deepEqual(codes(project(ok) + target(ok) + dep(ok)), [], ok);
  const d = parseProjectManifest(project("A") + target("../x"), "/p/Project.proj").diagnostics[0]!;
  t.regex(d.message, /target label "\.\.\/x" must not contain '\/' \(it names the build's output folder/);
});

test("E3004: each dependency source needs its keys", (t) => {
  const base = 'project {\n name = "A"\n version = "1"\n}\ntarget "A" {\n kind = App\n entry = "M.bd"\n}\n';
  t.deepEqual(codes(base + 'dependency "P" {\n source = path\n}\n'), ["E3004 9:12"]);
  t.deepEqual(codes(base + 'dependency "G" {\n source = git\n url = "u"\n}\n'), ["E3004 9:12"]);
  t.deepEqual(codes(base + 'dependency "G" {\n source = git\n}\n'), ["E3004 9:12", "E3004 9:12"]);
  t.deepEqual(codes(base + 'dependency "R" {\n source = registry\n}\n'), ["E3004 9:12"]);
  t.deepEqual(codes(base + 'dependency "S" {\n path = "x"\n}\n'), ["E3004 9:12"]);
  t.deepEqual(codes(base + 'dependency "S" {\n source = ftp\n}\n'), ["E3004 10:11"]);
});

test("E3004: unknown block kinds are errors; W3012: unknown keys are warnings", (t) => {
  const text = `project {
 name = "A"
 version = "1"
 colour = "blue"
}
target "A" {
 kind = App
 entry = "M.bd"
 optimise = yes
}
plugin "x" {
}
`;
  const r = parseProjectManifest(text, "/p/Project.proj");
  t.deepEqual(
    r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.start?.line}:${d.start?.column}`),
    ["E3004 error 11:1", "W3012 warning 4:2", "W3012 warning 9:2"],
  );
  t.truthy(r.value, "warnings alone still give a manifest");
  t.regex(r.diagnostics[1]!.message, /colour/);
});

test("E3004: a key given twice, a list where a scalar is expected", (t) => {
  t.deepEqual(
    codes(
      'project {\n name = "A"\n name = "B"\n version = ["1", "2"]\n}\ntarget "A" {\n kind = App\n entry = "M.bd"\n}\n',
    ),
    ["E3004 3:2", "E3004 4:12", "E3004 1:1"],
  );
});

test("several problems in one manifest are all reported", (t) => {
  const text = `project {
 version = "1"
 type = Weird
}
target "A" {
 kind = Bad
 entry = "../x.bd"
}
dependency "D" {
 source = git
}
`;
  const r = codes(text);
  t.true(r.length >= 5, r.join(", "));
  t.deepEqual(r, ["E3004 1:1", "E3004 3:9", "E3004 6:9", "E3004 7:10", "E3004 9:12", "E3004 9:12"]);
});

test("diagnostics carry the manifest file and the offending token's line and column", (t) => {
  const r = parseProjectManifest(
    'project {\n name = "A"\n version = "1"\n}\ntarget "A" {\n kind = Ap\n entry = "M.bd"\n}\n',
    "/x/Project.proj",
  );
  const d = r.diagnostics[0]!;
  t.is(d.file, "/x/Project.proj");
  t.deepEqual(d.start, { line: 6, column: 9 });
  t.deepEqual(d.end, { line: 6, column: 11 });
  t.regex(d.message, /target kind 'Ap' is not one of App, Lib, Test/);
});

test("workspace manifests: both generations, members, overrides, registries", (t) => {
  const text = `workspace {
    name = "Mono"
    resolver = v1
    defaultTestMember = "Tests"
}
member "App" {
    path = "app"
}
member "Tests" {
    path = "tests"
}
override "Json" {
    version = "2.0.0"
}
registry "main" {
    url = "https://registry.example"
}
`;
  const r = parseWorkspaceManifest(text, "/w/Workspace.proj");
  t.deepEqual(r.diagnostics, []);
  t.deepEqual(
    r.value!.members.map((m) => [m.label, m.path]),
    [
      ["App", "app"],
      ["Tests", "tests"],
    ],
  );
  t.is(r.value!.defaultTestMember, "Tests");
  t.deepEqual(r.value!.overrides, [{ dep: "Json", version: "2.0.0" }]);
  t.deepEqual(r.value!.registries, [{ name: "main", url: "https://registry.example" }]);
  const bws = parseWorkspaceManifest(
    'Mono {\n name = "Mono"\n member "A" {\n  path = "a"\n }\n}\n',
    "/w/Mono.bws",
  );
  t.deepEqual(bws.diagnostics, []);
  t.deepEqual(
    bws.value!.members.map((m) => m.label),
    ["A"],
  );
});

test("workspace validation: duplicate members, unknown defaultTestMember, bad resolver, missing path, unknown blocks", (t) => {
  const text = `workspace {
 name = "W"
 resolver = v2
 defaultTestMember = "Nope"
}
member "A" {
 path = "a"
}
member "A" {
 path = "b"
}
member "B" {
}
thing {
}
`;
  t.deepEqual(wsCodes(text), ["E3004 14:1", "E3004 3:13", "E3004 9:8", "E3004 12:8", "E3004 4:22"]);
  t.deepEqual(wsCodes("workspace {\n}\n"), ["E3004 1:1"]);
  t.deepEqual(wsCodes(""), ["E3004 1:1"]);
});

test("a UTF-8 byte order mark and CRLF line ends (Windows editors) are accepted", (t) => {
  const text =
    '\ufeffproject {\r\n\tname = "App"\r\n\tversion = "1.0.0"\r\n}\r\ntarget "App" {\r\n\tkind = App\r\n\tentry = "Main.bd"\r\n}\r\n';
  const m = parseProjectManifest(text, "/p/Project.proj");
  t.deepEqual(m.diagnostics, []);
  t.is(m.value?.name, "App");
  t.deepEqual(
    wsCodes('\ufeffworkspace {\r\n  name = "W"\r\n  resolver = v1\r\n}\r\nmember "a" { path = "a" }\r\n'),
    [],
  );
});

test("several entries on one line: one E3003 per line, and the later entries still count (no E3004 cascade)", (t) => {
  const text =
    'project { name = "App"; version = "1.0.0"; root = "Src" }\ntarget "App" { kind = App, entry = "Main.bd" }\n';
  t.deepEqual(codes(text), ["E3003 1:25", "E3003 2:28"]);
  const m = parseProjectManifest(text, "/p/Project.proj").value!;
  t.is(m.version, "1.0.0");
  t.is(m.root, "Src");
  t.is(m.targets[0]?.entry, "Main.bd");
});

test("a value with a syntax error is one E3003, not also E3004 'has no key'", (t) => {
  const text =
    'project {\n    name = "App"\n    version = "1.0.0\n}\ntarget "App" {\n    kind = @\n    entry = "Main.bd"\n}\n';
  t.deepEqual(codes(text), ["E3003 3:15", "E3003 6:12"]);
  t.deepEqual(
    codes(
      'project {\n    name = "App"\n    version =\n}\ntarget "App" {\n    kind = App\n    entry = "M.bd"\n}\n',
    ),
    ["E3003 3:14"],
  );
});
