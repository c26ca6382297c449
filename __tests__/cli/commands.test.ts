/**
 * The pipeline commands as users run them (in-process `main`, real files): exit codes,
 * text/JSON/JUnit output, diagnostics with locations, panics, the cache, lock modes.
 */

import test from "ava";
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { cli, copyProject, ROOT } from "./helpers.ts";

test("check: No diagnostics. and exit 0 on a good project", async (t) => {
  const dir = copyProject(t, "examples/hello");
  const r = await cli(dir, ["check"]);
  t.is(r.code, 0);
  t.is(r.stdout, "No diagnostics.\n");
});

test("check: diagnostics with file, line, column and caret; exit 1; --json; alias analyze", async (t) => {
  const dir = copyProject(t, "__tests__/fixtures/cli/broken");
  const r = await cli(dir, ["check"]);
  t.is(r.code, 1);
  t.regex(r.stderr, /^Src\/Main\.bd:4:17: error\[E1206\]: type mismatch: .*`i64`.*`string`/m);
  t.regex(r.stderr, /4 \|     i64 count = "three";\n {2}\| {17}\^{7}/);
  t.regex(r.stderr, /Src\/Main\.bd:5:22: error\[E1101\]: unknown name/);
  const j = await cli(dir, ["analyze", "--json"]);
  t.is(j.code, 1);
  const doc = JSON.parse(j.stdout);
  t.false(doc.ok);
  t.deepEqual(
    doc.diagnostics.map((d: { code: string; line: number }) => [d.code, d.line]),
    [
      ["E1206", 4],
      ["E1101", 5],
    ],
  );
});

test("run: output, main's result as exit code, errors stop before running", async (t) => {
  const dir = copyProject(t, "__tests__/fixtures/cli/mixed");
  const r = await cli(dir, ["run"]);
  t.is(r.stdout, "sum=5\n");
  t.is(r.code, 3);
  const broken = copyProject(t, "__tests__/fixtures/cli/broken");
  const b = await cli(broken, ["run"]);
  t.is(b.code, 1);
  t.is(b.stdout, "");
  t.regex(b.stderr, /E1206/);
  const cacheDir = join(broken, "obj/beskid/cache");
  t.false(
    existsSync(cacheDir) && readdirSync(cacheDir).some((f) => f.endsWith(".bca")),
    "no artifact cached",
  );
});

test("run: a panic prints its message and location and exits 101", async (t) => {
  const dir = copyProject(t, "__tests__/fixtures/cli/panics");
  const r = await cli(dir, ["run"]);
  t.is(r.code, 101);
  t.is(r.stdout, "before\n");
  t.regex(r.stderr, /panic at Src\/Main\.bd:4:12: division by zero/);
});

test("run: compile warnings are shown before the program's output, once, and again on a cache hit", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-cli-warn-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "Project.proj"),
    'project {\n    name = "Warn"\n    version = "0.1.0"\n    root = "Src"\n}\n\ntarget "Warn" {\n    kind = App\n    entry = "Main.bd"\n}\n',
  );
  mkdirSync(join(dir, "Src"));
  writeFileSync(
    join(dir, "Src/Main.bd"),
    'use Core.Output;\nuse Core.String;\n\ni32 main() {\n    Output.WriteLine("hello");\n    return 0;\n}\n',
  );
  // One log for both streams, in the order the writes happened.
  const log: string[] = [];
  const code = await main(["run"], {
    stdout: { write: (s) => void log.push(`out:${s}`) },
    stderr: { write: (s) => void log.push(`err:${s}`) },
    cwd: dir,
    env: { NO_COLOR: "1" },
    isTty: false,
  });
  t.is(code, 0);
  const warning = log.findIndex((l) => l.startsWith("err:") && l.includes("warning[W1503]"));
  const output = log.indexOf("out:hello\n");
  t.true(warning >= 0 && output >= 0, log.join(""));
  t.true(warning < output, log.join(""));
  t.is(log.filter((l) => l.includes("W1503")).length, 1);

  // The second run is a cache hit (nothing is checked again) and still shows the warning.
  const again = await cli(dir, ["run"]);
  t.is(again.code, 0);
  t.is(again.stdout, "hello\n");
  t.is(again.stderr.match(/warning\[W1503\]/g)?.length, 1, again.stderr);
  const lowered = JSON.parse((await cli(dir, ["lower", "--json"])).stdout);
  t.true(lowered.cache.hit);
  t.deepEqual(
    lowered.diagnostics.map((d: { code: string; file: string; line: number }) => [d.code, d.file, d.line]),
    [["W1503", "Src/Main.bd", 2]],
  );
});

test("run: output to a terminal is shown while the program still runs", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-cli-tty-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "Project.proj"),
    'project {\n    name = "Tty"\n    version = "0.1.0"\n    root = "Src"\n}\n\ntarget "Tty" {\n    kind = App\n    entry = "Main.bd"\n}\n',
  );
  mkdirSync(join(dir, "Src"));
  // A progress line, then a long computation: on a terminal the line must not wait for the end.
  writeFileSync(
    join(dir, "Src/Main.bd"),
    [
      "use Core.Output;",
      "",
      "i32 main() {",
      '    Output.WriteLine("working");',
      "    mut i64 s = 0;",
      "    mut i64 i = 0;",
      "    while i < 1500000000 {",
      "        s = s + (i % 7);",
      "        i = i + 1;",
      "    }",
      "    if s == 0 {",
      "        return 1;",
      "    }",
      "    return 0;",
      "}",
      "",
    ].join("\n"),
  );
  let shownAt = -1;
  const code = await main(["run"], {
    stdout: { write: () => void (shownAt = shownAt < 0 ? performance.now() : shownAt) },
    stderr: { write: () => undefined },
    cwd: dir,
    env: { NO_COLOR: "1" },
    isTty: true,
    ttys: [1],
  });
  const endedAt = performance.now();
  t.is(code, 0);
  t.true(shownAt > 0);
  t.true(endedAt - shownAt > 200, `shown ${Math.round(endedAt - shownAt)} ms before the end`);
});

test("test: outcomes, reasons with locations, time limit, exit 1", async (t) => {
  const dir = copyProject(t, "__tests__/fixtures/cli/mixed");
  const r = await cli(dir, ["test", "--timeout-ms", "1000"]);
  t.is(r.code, 1);
  t.is(
    r.stdout,
    [
      "PASS AddsNumbers",
      "FAIL FailsOnPurpose: Assertion failed: arithmetic still works (at Src/Main.bd:17:5)",
      "SKIP SkippedForNow: waiting for a fix",
      "TIME SpinsForever: timed out after 1000 ms",
      "PASS Math::Ops::OpsAdds",
      "Result: passed=2, failed=1, skipped=1, filtered_out=0, timed_out=1",
      "",
    ].join("\n"),
  );
});

test("test: filters in order, JSON report and JUnit file", async (t) => {
  const dir = copyProject(t, "__tests__/fixtures/cli/mixed");
  const r = await cli(dir, [
    "test",
    "--include-tag",
    "fast",
    "--exclude-tag",
    "slow",
    "--group",
    "math.add",
    "--json",
    "--junit",
    "out/junit.xml",
  ]);
  t.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  t.deepEqual(doc.summary, {
    total: 5,
    passed: 1,
    failed: 0,
    skipped: 0,
    filtered_out: 4,
    timed_out: 0,
    duration_ms: doc.summary.duration_ms,
  });
  t.deepEqual(doc.tests[0], {
    name: "AddsNumbers",
    qualified_name: "AddsNumbers",
    outcome: "passed",
    duration_ms: doc.tests[0].duration_ms,
    file: "Src/Main.bd",
    line: 10,
  });
  const xml = readFileSync(join(dir, "out/junit.xml"), "utf8");
  t.regex(xml, /<testsuite name="Mixed" tests="1" failures="0"/);
  // A failure says where it happened: the Assert call, not the test's declaration (line 15).
  const failing = JSON.parse((await cli(dir, ["test", "--group", "math.fail", "--json"])).stdout);
  t.like(
    failing.tests.find((x: { name: string }) => x.name === "FailsOnPurpose"),
    {
      outcome: "failed",
      line: 15,
      failure_at: { file: "Src/Main.bd", line: 17, column: 5 },
    },
  );
  const f = await cli(dir, ["test", "--filter", "Math::*"]);
  t.is(f.code, 0);
  t.regex(f.stdout, /PASS Math::Ops::OpsAdds/);
  t.regex(f.stdout, /filtered_out=4/);
});

test("test: shards are disjoint and together run everything", async (t) => {
  const dir = copyProject(t, "__tests__/fixtures/cli/mixed");
  const ran: string[] = [];
  for (const shard of ["1/2", "2/2"]) {
    const r = await cli(dir, ["test", "--exclude-tag", "slow", "--shard", shard, "--json"]);
    const doc = JSON.parse(r.stdout);
    for (const x of doc.tests) if (x.outcome !== "filtered_out") ran.push(x.qualified_name);
  }
  t.deepEqual(ran.sort(), ["AddsNumbers", "FailsOnPurpose", "Math::Ops::OpsAdds", "SkippedForNow"]);
});

test("usage errors exit 2 without a stack trace", async (t) => {
  const dir = copyProject(t, "examples/hello");
  for (const args of [
    ["test", "--shard", "3/2"],
    ["test", "--timeout-ms", "soon"],
    ["run", "--frobnicate"],
    ["check", "a.bd", "b.bd"],
  ]) {
    const r = await cli(dir, args);
    t.is(r.code, 2, args.join(" "));
    t.notRegex(r.stderr, /\n\s+at /);
  }
});

test("lower: cache miss then hit; an edit changes the key; a corrupt entry is replaced", async (t) => {
  const dir = copyProject(t, "examples/hello");
  const first = JSON.parse((await cli(dir, ["lower", "--json"])).stdout);
  t.false(first.cache.hit);
  const second = JSON.parse((await cli(dir, ["lower", "--json"])).stdout);
  t.deepEqual(second.cache, { ...first.cache, hit: true, source: "local" });
  t.is(second.artifact.sha256, first.artifact.sha256);
  writeFileSync(first.artifact.path, "garbage");
  const third = await cli(dir, ["lower", "--json"]);
  t.false(JSON.parse(third.stdout).cache.hit, "a corrupt entry is a miss");
  t.is(JSON.parse(third.stdout).artifact.sha256, first.artifact.sha256, "and is rebuilt identically");
  const main = join(dir, "Src/Main.bd");
  writeFileSync(main, readFileSync(main, "utf8") + "\n// an edit\n");
  const edited = JSON.parse((await cli(dir, ["lower", "--json"])).stdout);
  t.not(edited.cache.key, first.cache.key);
});

test("lock modes: --frozen fails without a lock (E3023) and writes nothing", async (t) => {
  const dir = copyProject(t, "__tests__/fixtures/cli/mixed");
  rmSync(join(dir, "Project.lock"), { force: true });
  const r = await cli(dir, ["check", "--frozen"]);
  t.is(r.code, 1);
  t.regex(r.stderr, /E3023/);
  t.false(existsSync(join(dir, "Project.lock")));
  t.is((await cli(dir, ["check"])).code, 0);
  t.true(existsSync(join(dir, "Project.lock")), "default mode writes the lock");
  t.is((await cli(dir, ["check", "--locked"])).code, 0);
});

test("check --workspace: the corelib modules the swept files use join (not swept), a good workspace has no diagnostics", async (t) => {
  const dir = copyProject(t, "examples/shop");
  const r = await cli(dir, ["check", "--workspace"]);
  t.is(r.stderr, "");
  t.is(r.stdout, "No diagnostics.\n");
  t.is(r.code, 0);
  const scan = await cli(join(dir, "app"), ["assemble", "--workspace-scan"]);
  t.is(scan.code, 0);
  t.regex(scan.stdout, /Core\.Output {2,}.*corelib\/Src\/Core\/Output\.bd/);
  t.regex(scan.stdout, /Testing\.Assert {2,}/);
  // Only used corelib modules: an unused one is not swept in.
  t.notRegex(scan.stdout, /Collections\.Queue/);
});

test("run/build of a target without main: E4030 names the entry file", async (t) => {
  const dir = copyProject(t, "__tests__/fixtures/cli/test-target");
  const tested = await cli(dir, ["test"]);
  t.is(tested.code, 0, tested.stderr);
  t.regex(tested.stdout, /PASS AddsUp/);
  const run = await cli(dir, ["run"]);
  t.is(run.code, 1);
  t.regex(run.stderr, /^Src\/Checks\.bd: error\[E4030\]/m);
  const build = await cli(dir, ["build"]);
  t.is(build.code, 1);
  t.regex(build.stderr, /^Src\/Checks\.bd: error\[E4030\]/m);
  t.false(existsSync(join(dir, "obj/beskid/build/Checks")));
});

test("syntax errors name files relative to the working directory (not to the project) and show the line", async (t) => {
  const dir = copyProject(t, "examples/hello");
  writeFileSync(join(dir, "Src/Main.bd"), "i32 Main() { return 0 }\n");
  for (const [cwd, shown] of [
    [join(dir, "Src"), "Main.bd"],
    [dir, "Src/Main.bd"],
  ] as const) {
    for (const command of ["check", "run", "build"]) {
      const r = await cli(cwd, [command, "--project", dir]);
      t.is(r.code, 1);
      t.regex(
        r.stderr,
        new RegExp(`^${shown.replace(".", "\\.")}:1:23: error\\[E0101\\]`, "m"),
        `${command} in ${cwd}`,
      );
      t.regex(r.stderr, /1 \| i32 Main\(\) \{ return 0 \}/);
    }
  }
});

test("a diagnostic in a dependency names its original file, not the materialized copy under obj/", async (t) => {
  const dir = copyProject(t, "examples/shop");
  writeFileSync(join(dir, "pricing/Src/Pricing/Broken.bd"), 'pub i64 Wrong() {\n    return "text";\n}\n');
  writeFileSync(
    join(dir, "app/Src/UsesBroken.bd"),
    "use Pricing.Broken;\n\ni32 Main() {\n    return 0;\n}\n\npub i64 Call() => Broken.Wrong();\n",
  );
  const r = await cli(dir, ["check", "app/Src/UsesBroken.bd"]);
  t.is(r.code, 1);
  t.regex(r.stderr, /^pricing\/Src\/Pricing\/Broken\.bd:2:12: error\[E1207\]/m);
  t.notRegex(r.stderr, /obj\/beskid\/deps/);
  writeFileSync(join(dir, "pricing/Src/Pricing/Broken.bd"), "pub i64 Wrong() {\n    return 1\n}\n");
  const s = await cli(join(dir, "app"), ["check", "Src/UsesBroken.bd"]);
  t.is(s.code, 1);
  t.regex(s.stderr, /^\/.*\/pricing\/Src\/Pricing\/Broken\.bd:2:13: error\[E0101\]/m);
  t.notRegex(s.stderr, /obj\/beskid\/deps/);
});

test("run: the program's output bytes reach stdout unchanged, also when they are not UTF-8", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-cli-bytes-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // The first byte of "é" alone (0xC3) is invalid UTF-8; AOT executables write it as is.
  writeFileSync(
    join(dir, "Raw.bd"),
    'use Core.Output;\nuse Core.String;\ni32 Main() {\n    Output.WriteLine(String.SubSlice("\\u{E9}", 0, 1));\n    return 0;\n}\n',
  );
  const out = execFileSync(
    process.execPath,
    ["--import", import.meta.resolve("tsx"), join(ROOT, "src/cli/bin.ts"), "run", "Raw.bd"],
    {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1" },
    },
  );
  t.deepEqual([...out], [0xc3, 0x0a]);
});

test("host and dependency both with a Prelude.bd: check --workspace is clean; a bad prelude line names the original file", async (t) => {
  const dir = copyProject(t, "examples/shop");
  writeFileSync(join(dir, "app/Src/Prelude.bd"), "pub mod Main;\n");
  writeFileSync(join(dir, "pricing/Src/Prelude.bd"), "pub mod Pricing.Discount;\n");
  const clean = await cli(join(dir, "app"), ["check", "--workspace"]);
  t.is(clean.stderr, "");
  t.is(clean.code, 0);
  writeFileSync(join(dir, "pricing/Src/Prelude.bd"), "pub mod Pricing.Discount;\npub mod Pricing.Gone;\n");
  for (const args of [["check"], ["check", "--workspace"]]) {
    const r = await cli(dir, [...args, "--project", "app"]);
    t.is(r.code, 1);
    t.regex(r.stderr, /^pricing\/Src\/Prelude\.bd:2:1: error\[E1502\]/m, args.join(" "));
    t.regex(r.stderr, /2 \| pub mod Pricing\.Gone;/);
  }
});

test("run: a panic in a dependency names its original file, relative to the working directory", async (t) => {
  const dir = copyProject(t, "examples/shop");
  writeFileSync(
    join(dir, "pricing/Src/Pricing/Divide.bd"),
    "pub i32 By(i32 a, i32 b) {\n    return a / b;\n}\n",
  );
  writeFileSync(
    join(dir, "app/Src/Divides.bd"),
    "use Pricing.Divide;\n\ni32 Main() {\n    i32 zero = 0;\n    return Divide.By(1, zero);\n}\n",
  );
  const r = await cli(dir, ["run", "app/Src/Divides.bd"]);
  t.is(r.code, 101, r.stderr);
  t.regex(r.stderr, /^panic at pricing\/Src\/Pricing\/Divide\.bd:2:\d+: division by zero$/m);
  t.notRegex(r.stderr, /obj\/beskid\/deps/);
});

test("run: E4040 names the file as the other diagnostics do (from another folder too), with its source line", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-e4040-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "app"));
  writeFileSync(
    join(dir, "app/Main.bd"),
    '[Extern(Abi: "C", Library: "libc.so.6")]\ncontract Libc { i32 abs(i32 v); }\ni32 Main() {\n    return Libc.abs(-5);\n}\n',
  );
  const r = await cli(dir, ["run", "app/Main.bd", "--no-cache"]);
  t.is(r.code, 1);
  t.regex(r.stderr, /^app\/Main\.bd:4:12: error\[E4040\]/m);
  t.regex(r.stderr, /4 \|     return Libc\.abs\(-5\);\n {2}\| {12}\^{8}\n/);
});
