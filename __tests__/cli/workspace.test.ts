/**
 * A realistic workspace end to end through the CLI (fixture `projects/diamond`): a `.bws` with
 * four `.bproj` members, the app depending on two libraries that share a third (a diamond),
 * `use … as …` across dependency boundaries, a module in nested folders, a Test target, and a
 * library member built as a static archive that a C program links.
 */

import test from "ava";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, copyProject } from "./helpers.ts";

test("diamond workspace: run from the root and from a nested folder, one lock entry per project", async (t) => {
  const dir = copyProject(t, "__tests__/fixtures/projects/diamond");
  const expected = "A+C\nB+C\ndeep\n";
  const fromRoot = await cli(dir, ["run"]);
  t.is(fromRoot.stderr, "");
  t.is(fromRoot.stdout, expected);
  const nested = await cli(join(dir, "app/Src/App/Inner"), ["run", "--locked"]);
  t.is(nested.stdout, expected, nested.stderr);
  const lock = readFileSync(join(dir, "app/Project.lock"), "utf8");
  t.deepEqual(
    lock
      .split("\n")
      .filter((l) => l.startsWith("- "))
      .map((l) => /name=(\w+);manifest=([^;]+)/.exec(l)!.slice(1).join(" ")),
    ["A ../libs/a/A.bproj", "B ../libs/b/B.bproj", "C ../libs/c/C.bproj"],
  );
  const assembled = await cli(dir, ["assemble", "--json"]);
  const plan = JSON.parse(assembled.stdout);
  // Dependencies first (C before the two that use it), the corelib last.
  t.deepEqual(
    plan.roots.map((r: { name: string }) => r.name),
    ["App", "C", "A", "B", "corelib"],
  );
  t.true(plan.units.some((u: { module: string }) => u.module === "App.Inner.Deep"));
});

test("diamond workspace: the Test target by --target, defaultTestMember from the root", async (t) => {
  const dir = copyProject(t, "__tests__/fixtures/projects/diamond");
  const r = await cli(dir, ["test", "--target", "Tests"]);
  t.is(r.code, 1);
  t.regex(r.stdout, /^PASS HelloWorks$/m);
  t.regex(r.stdout, /^FAIL Fails: Assertion failed: one is two \(at app\/Src\/Tests\.bd:7:5\)$/m);
  t.regex(r.stdout, /Result: passed=1, failed=1, skipped=0, filtered_out=0/);
});

test("diamond workspace: a library member built static links into a C program", async (t) => {
  const dir = copyProject(t, "__tests__/fixtures/projects/diamond");
  const out = join(dir, "out");
  const r = await cli(dir, ["build", "--workspace-member", "b", "--kind", "static", "--output", out + "/"]);
  t.is(r.code, 0, r.stderr);
  const header = readFileSync(join(out, "B.h"), "utf8");
  t.regex(header, /int64_t B_Math_Add\(int64_t, int64_t\);/);
  t.notRegex(header, /Secret/);
  writeFileSync(
    join(out, "main.c"),
    '#include <stdio.h>\n#include "B.h"\nint main(void) {\n  printf("%lld %d %g\\n", (long long)B_Math_Add(2, 3), B_Math_Twice(21), B_Math_Half(3.0));\n  return 0;\n}\n',
  );
  execFileSync("cc", ["main.c", "libB.a", "-lm", "-o", "main"], { cwd: out });
  t.is(execFileSync(join(out, "main"), { encoding: "utf8" }), "5 42 1.5\n");
});
