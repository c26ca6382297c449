/**
 * `beskid-ci test` as CI uses it, on projects written into temporary folders: tests spread
 * over modules, names that coincide, reports that must stay well-formed and truthful.
 */

import test, { type ExecutionContext } from "ava";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cli } from "./helpers.ts";

function project(t: ExecutionContext, files: Record<string, string>, name = "Qa"): string {
  const dir = mkdtempSync(join(tmpdir(), "beskid-test-runner-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const manifest = `project {\n    name = "${name}"\n    version = "1.0.0"\n}\n\ntarget "App" {\n    kind = App\n    entry = "Main.bd"\n}\n`;
  writeFileSync(join(dir, "Project.proj"), manifest);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Parses the file with python3's XML parser (expat): throws on anything not well-formed. */
function wellFormed(file: string): [string, string | null, string | null][] {
  const out = execFileSync(
    "python3",
    [
      "-c",
      "import sys, json, xml.etree.ElementTree as E\nr = E.parse(sys.argv[1]).getroot()\n" +
        "print(json.dumps([[c.get('name'), c.find('failure').get('message') if c.find('failure') is not None else None, c.findtext('system-out')] for c in r.iter('testcase')]))",
      file,
    ],
    { encoding: "utf8", maxBuffer: 64 << 20 },
  );
  return JSON.parse(out);
}

test("tests with the same qualified name each run: an inline module mirroring a module path", async (t) => {
  const dir = project(t, {
    "Src/Main.bd": [
      "use Testing.Assert;",
      "use Geometry.Area;",
      "",
      "i32 Main() {",
      "    return Area.Square(1);",
      "}",
      "",
      "mod Geometry {",
      "    mod Area {",
      "        test Squares {",
      '            Assert.Fail("the inline one");',
      "        }",
      "    }",
      "}",
      "",
    ].join("\n"),
    "Src/Geometry/Area.bd": [
      "use Testing.Assert;",
      "",
      "pub i64 Square(i64 x) {",
      "    return x * x;",
      "}",
      "",
      "test Squares {",
      '    Assert.Equal(Square(3), 9, "three squared");',
      "}",
      "",
    ].join("\n"),
  });
  const r = await cli(dir, ["test", "--json"]);
  t.is(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  t.deepEqual(
    doc.tests.map((x: { qualified_name: string; outcome: string; file: string }) => [
      x.qualified_name,
      x.file,
      x.outcome,
    ]),
    [
      ["Geometry::Area::Squares", "Src/Main.bd", "failed"],
      ["Geometry::Area::Squares", "Src/Geometry/Area.bd", "passed"],
    ],
  );
  t.regex(doc.tests[0].reason, /^Assertion failed: the inline one \(at Src\/Main\.bd:11:13\)$/);
});

test("JUnit stays well-formed with markup, control characters, non-characters and cut UTF-8; text stays one line per test", async (t) => {
  const dir = project(
    t,
    {
      "Src/Main.bd": [
        "use Core.Output;",
        "use Core.String;",
        "use Testing.Assert;",
        "",
        "i32 Main() {",
        "    return 0;",
        "}",
        "",
        "test Odd {",
        '    Assert.Fail("cut ${String.SubSlice("é", 0, 1)} non \\u{FFFE}\\u{FFFF} esc \\u{1b}[31m nul \\0 <&\\"\'> ]]>\\nsecond line");',
        "}",
        "",
        "test Writes {",
        '    Output.WriteLine("out \\u{FFFF} \\u{7} <&> \\r");',
        "}",
        "",
      ].join("\n"),
    },
    'Q<&\\"x',
  );
  const r = await cli(dir, ["test", "--junit", "out/junit.xml"]);
  t.is(r.code, 1, r.stderr);
  const cases = wellFormed(join(dir, "out/junit.xml"));
  t.deepEqual(cases, [
    [
      "Odd",
      "Assertion failed: cut \uFFFD non \uFFFD\uFFFD esc \uFFFD[31m nul \uFFFD <&\"'> ]]>\nsecond line (at Src/Main.bd:10:5)",
      null,
    ],
    ["Writes", null, "out \uFFFD \uFFFD <&> \r\n"],
  ]);
  t.regex(readFileSync(join(dir, "out/junit.xml"), "utf8"), /<testsuite name="Q&lt;&amp;&quot;x"/);
  // One line per test: a line break or control character in a reason is shown escaped.
  const lines = r.stdout.trimEnd().split("\n");
  t.is(lines.length, 3, r.stdout);
  t.is(
    lines[0],
    "FAIL Odd: Assertion failed: cut \uFFFD non \uFFFE\uFFFF esc \\u{1b}[31m nul \\0 <&\"'> ]]>\\nsecond line (at Src/Main.bd:10:5)",
  );
});

test("test without --target in a project with an App and a Test target says the Test target does not run (W3028)", async (t) => {
  const dir = project(t, {
    "Src/Main.bd": "i32 Main() {\n    return 0;\n}\n",
    "Src/Tests.bd": 'use Testing.Assert;\n\ntest Fails {\n    Assert.Fail("caught");\n}\n',
  });
  writeFileSync(
    join(dir, "Project.proj"),
    readFileSync(join(dir, "Project.proj"), "utf8") +
      '\ntarget "Tests" {\n    kind = Test\n    entry = "Tests.bd"\n}\n',
  );
  const implicit = await cli(dir, ["test"]);
  t.is(implicit.code, 0);
  t.is(implicit.stdout, "Result: passed=0, failed=0, skipped=0, filtered_out=0\n");
  t.regex(implicit.stderr, /^Project\.proj:11:8: warning\[W3028\]: .*"App".*"Tests" is not run/m);
  t.regex(implicit.stderr, /help: pass --target Tests/);
  const chosen = await cli(dir, ["test", "--target", "Tests"]);
  t.is(chosen.code, 1);
  t.regex(chosen.stdout, /^FAIL Fails: Assertion failed: caught \(at Src\/Tests\.bd:4:5\)$/m);
  t.notRegex(chosen.stderr, /W3028/);
  const json = await cli(dir, ["test", "--json"]);
  t.is(json.stderr, "");
  t.is(JSON.parse(json.stdout).summary.total, 0);
  t.deepEqual(
    JSON.parse(json.stdout).diagnostics.map((d: { code: string; line: number }) => [d.code, d.line]),
    [["W3028", 11]],
    "--json keeps the warnings in the report document",
  );
  t.notRegex((await cli(dir, ["test", "--target", "App"])).stderr, /W3028/);
  t.notRegex((await cli(dir, ["check"])).stderr, /W3028/);
});

test("--shard and --timeout-ms usage errors exit 2 with the flag named", async (t) => {
  const dir = project(t, { "Src/Main.bd": "i32 Main() {\n    return 0;\n}\n\ntest A {\n}\n" });
  for (const [flag, value] of [
    ["--shard", "0/2"],
    ["--shard", "3/2"],
    ["--shard", "1/0"],
    ["--shard", "1/2/3"],
    ["--shard", "99999999999999999999/99999999999999999999"],
    ["--timeout-ms", "0"],
    ["--timeout-ms", "1e3"],
    ["--timeout-ms", "0x10"],
    ["--timeout-ms", "99999999999999999999"],
  ] as const) {
    const r = await cli(dir, ["test", flag, value]);
    t.is(r.code, 2, `${flag} ${value}`);
    t.is(r.stdout, "");
    t.true(r.stderr.startsWith(`error: ${flag} takes `), r.stderr);
  }
  const ok = await cli(dir, ["test", "--shard", "2/2", "--timeout-ms", "5000"]);
  t.is(ok.code, 0);
  t.is(ok.stdout, "FILT A\nResult: passed=0, failed=0, skipped=0, filtered_out=1\n");
});

test("a test printing megabytes keeps the last MiB of its output in the JUnit file, with a note of what was dropped", async (t) => {
  const dir = project(t, {
    "Src/Main.bd": [
      "use Core.Output;",
      "",
      "i32 Main() {",
      "    return 0;",
      "}",
      "",
      "test Floods {",
      "    mut i64 i = 0;",
      "    while i < 60000 {",
      '        Output.WriteLine("0123456789012345678901234567890123456789 ${i}");',
      "        i = i + 1;",
      "    }",
      "}",
      "",
      "test Quiet {",
      "}",
      "",
    ].join("\n"),
  });
  const r = await cli(dir, ["test", "--junit", "junit.xml"]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, "PASS Floods\nPASS Quiet\nResult: passed=2, failed=0, skipped=0, filtered_out=0\n");
  const [floods, quiet] = wellFormed(join(dir, "junit.xml"));
  const out = floods![2]!;
  const full = Array.from(
    { length: 60000 },
    (_, i) => `0123456789012345678901234567890123456789 ${i}\n`,
  ).join("");
  const m = /^\[… (\d+) bytes of earlier output dropped …\]\n/.exec(out);
  t.truthy(m, out.slice(0, 100));
  const kept = out.slice(m![0].length);
  t.true(kept.length <= 1 << 20 && kept.length > (1 << 20) - 100, String(kept.length));
  t.is(Number(m![1]) + kept.length, full.length);
  t.true(full.endsWith(kept));
  t.is(quiet![2], null);
});

test("--junit on a project that does not compile replaces an earlier report with the compile error", async (t) => {
  const dir = project(t, {
    "Src/Main.bd": 'i32 main() {\n    i64 count = "three";\n    return 0;\n}\n\ntest Passes {\n}\n',
  });
  // A green report from an earlier run sits at the path CI will publish.
  writeFileSync(join(dir, "junit.xml"), '<testsuites tests="1" failures="0"><testsuite/></testsuites>\n');
  const r = await cli(dir, ["test", "--junit", "junit.xml"]);
  t.is(r.code, 1);
  t.regex(r.stderr, /error\[E1206\]/);
  const cases = wellFormed(join(dir, "junit.xml"));
  t.deepEqual(
    cases.map(([name]) => name),
    ["compile"],
  );
  const text = readFileSync(join(dir, "junit.xml"), "utf8");
  t.regex(text, /<testsuite name="Qa" tests="1" failures="0" errors="1"/);
  t.regex(text, /<error message="E1206: [^"]*" type="compile">Src\/Main\.bd:2:17: error\[E1206\]/);
  t.regex(text, /file="Src\/Main\.bd" line="2"/);
});

test("a timed-out test keeps what it printed before it stopped answering (the last 64 KiB)", async (t) => {
  const dir = project(t, {
    "Src/Main.bd": [
      "use Core.Output;",
      "",
      "i32 main() {",
      "    return 0;",
      "}",
      "",
      "test HangsAfterAHint {",
      '    Output.WriteLine("connecting to the fixture");',
      "    mut i64 n = 0;",
      "    while true {",
      "        n = n + 1;",
      "    }",
      "}",
      "",
      "test FloodsThenHangs {",
      "    mut i64 i = 0;",
      "    while i < 20000 {",
      '        Output.WriteLine("line ${i}");',
      "        i = i + 1;",
      "    }",
      "    while true {",
      "        i = i + 1;",
      "    }",
      "}",
      "",
    ].join("\n"),
  });
  const r = await cli(dir, ["test", "--timeout-ms", "1000", "--junit", "junit.xml"]);
  t.is(r.code, 1);
  const cases = wellFormed(join(dir, "junit.xml"));
  const hint = cases.find(([name]) => name === "HangsAfterAHint")!;
  t.is(hint[1], "timed out after 1000 ms");
  t.is(hint[2], "connecting to the fixture\n");
  const flood = cases.find(([name]) => name === "FloodsThenHangs")!;
  t.regex(flood[2]!, /^\[… \d+ bytes of earlier output dropped …\]\n/);
  t.true(flood[2]!.endsWith("line 19998\nline 19999\n"), flood[2]!.slice(-100));
  t.true(Buffer.byteLength(flood[2]!) < 70 * 1024);
});

test("a failure is reported in the failing test's own project: not in a path dependency (its copy under obj/), nor in the corelib", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-test-runner-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string> = {
    "app/Project.proj": `project {\n    name = "App"\n    version = "1.0.0"\n}\ntarget "App" {\n    kind = App\n    entry = "Main.bd"\n}\ndependency "Util" {\n    source = path\n    path = "../util"\n}\n`,
    "app/Src/Main.bd": [
      "use Util.Text;",
      "i32 Main() { return 0; }",
      "",
      "test UsesDependency {",
      '    string c = Text.At("abc", 10);',
      "}",
      "",
    ].join("\n"),
    "util/Project.proj": `project {\n    name = "Util"\n    version = "1.0.0"\n}\ntarget "Util" {\n    kind = Lib\n    entry = "Util/Text.bd"\n}\n`,
    "util/Src/Util/Text.bd": [
      "use Testing.Assert;",
      "pub string At(string s, i64 i) => __str_slice(s, i, 1);",
      "",
      "test OwnAssertion {",
      '    Assert.Equal(At("ab", 1), "a", "second letter");',
      "}",
      "",
    ].join("\n"),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = await cli(join(dir, "app"), ["test", "--json"]);
  t.is(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout);
  const reasons = Object.fromEntries(
    doc.tests.map((x: { qualified_name: string; reason: string }) => [x.qualified_name, x.reason]),
  );
  // The panic is in the dependency: the app's test is reported at its own call.
  t.regex(reasons["UsesDependency"], /^string slice out of range: .* \(at Src\/Main\.bd:5:16\)$/);
  // The dependency's own test is reported in the dependency (its original file), not in the corelib.
  t.regex(
    reasons["Util::Text::OwnAssertion"],
    /^Assertion failed: second letter \(at \S*\/util\/Src\/Util\/Text\.bd:5:5\)$/,
  );
});
