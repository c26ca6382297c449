/**
 * The example projects under `examples/` through the real pipeline: `check` has no errors,
 * every test item passes (or is skipped on purpose), and each app prints exactly what it
 * should. Each project is copied to a temp folder first because the pipeline writes
 * `Project.lock` and `obj/` next to the manifest. Does not cover the AOT backend.
 */

import test from "ava";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { check, run, test as runTests, type ProjectRequest } from "../../src/pipeline/index.ts";

const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));

interface Example {
  readonly name: string;
  /** Test names (qualified) and their expected outcome. */
  readonly tests: Readonly<Record<string, "passed" | "skipped">>;
  /** Expected standard output of `run`, or undefined for a project without an app. */
  readonly stdout?: string;
  readonly exitCode?: number;
  /** Standard input of `run` (default: empty). */
  readonly stdin?: string;
  /** The target whose tests `test` runs (default: the default target). */
  readonly testTarget?: string;
}

const EXAMPLES_UNDER_TEST: readonly Example[] = [
  {
    name: "inventory",
    tests: {
      TakeReducesQuantity: "passed",
      UnknownSkuIsAnError: "passed",
      MoneyFormats: "passed",
      SlowRestock: "skipped",
    },
    stdout: [
      "took 3 anvils, 2 left",
      "took 2 anvils, 0 left",
      "refused: A-1 is sold out (wanted 7)",
      "changes=2 low=2 first=A-1",
      "stock value 45.00 (45 units)",
      "rush first",
      "",
    ].join("\n"),
    exitCode: 0,
  },
  {
    name: "wordstat",
    tests: { CountsWords: "passed", LongestWord: "passed", RendersVerdicts: "passed" },
    stdout: [
      "line 1: short text: 4 words",
      "line 2: nothing to count",
      "line 3: long text: 8 words, longest 'sleeps'",
      "total words: 12",
      "average: 4.0",
      "",
    ].join("\n"),
    exitCode: 0,
  },
  {
    name: "shop",
    tests: { QuotesGold: "passed", DiscountPropagatesErrors: "passed", "Pricing::GoldIsCapped": "passed" },
    stdout: [
      "basic: 27.49",
      "silver: 26.13",
      "gold: 22.00",
      "unknown tier 'platinum'",
      "bad price -3",
      "",
    ].join("\n"),
    exitCode: 0,
  },
  {
    name: "ledger",
    tests: {
      TransferMovesMoney: "passed",
      OverdraftIsRefused: "passed",
      FrozenAccount: "passed",
      ClosureSeesLaterWrites: "passed",
    },
    stdout: [
      "refused: cash has only 3500, cannot take 9000",
      "asset cash: 3500 (running 3500)",
      "liability loan: -1000 (running 2500)",
      "income salary from ACME: -2500 (running 0)",
      "total 0",
      "x in range",
      "comparisons, not generics: true false",
      "richest: asset cash",
      "postings on cash: 2, twice 21 = 42, hex 255 -128",
      "",
    ].join("\n"),
    exitCode: 0,
  },
  {
    name: "tasks",
    tests: {
      ExecuteReportsBothKindsOfError: "passed",
      EventsSeeEveryChange: "passed",
      HugeImport: "skipped",
      "Wrap::U8AndI32WrapAround": "passed",
      "Tasks::Tests::ParsesEveryVerb": "passed",
      "Tasks::Tests::ParseErrorsNameTheProblem": "passed",
      "Tasks::Tests::ClosingTwiceIsRefused": "passed",
      "Tasks::Tests::TopPicksHighestPriority": "passed",
    },
    stdin: [
      "# my week",
      "add 2 write report",
      "add 5 fix the build",
      "add 1 water plants",
      "done 2",
      "list",
      "drop 3 on holiday",
      "done 2",
      "add high priority",
      "frobnicate now",
      "done 9",
      "stats",
    ].join("\n"),
    stdout: [
      "added #1",
      "added #2",
      "added #3",
      "finished #2",
      "[ ] #1 p2 write report      |",
      "[x] #2 p5 fix the build     |",
      "[ ] #3 p1 water plants      |",
      "(3 tasks)",
      "dropped #3",
      "error on line 8: task #2 was finished at step 1",
      "error on line 9: 'high' is not a number",
      "error on line 10: unknown command 'frobnicate'",
      "error on line 11: no task #9",
      "open 1 of 3, top 'fix the build'",
      "changes 5: added:1 added:2 added:3 done:2 dropped:3 ",
      "checksum 148 hash -1389475635",
      "",
    ].join("\n"),
    exitCode: 4,
  },
  {
    name: "rpn",
    tests: {
      AddsAndMultiplies: "passed",
      ReportsUnderflowAndOverflow: "passed",
      "Lexing::ClassifiesWords": "passed",
      "Lexing::Unicode": "skipped",
    },
    stdin: "2 3 +\n10 4 - 3 *\n1 0 /\n7 2 %\n1 2\n4 x +\n9 -3 /\n",
    stdout: [
      "2 3 + = 5",
      "10 4 - 3 * = 18",
      "line 3: division by zero in '/'",
      "7 2 % = 1",
      "line 5: 1 values left over",
      "line 6: not a number or operator: x",
      "9 -3 / = -3",
      "7 lines, 3 failed",
      "",
    ].join("\n"),
    exitCode: 3,
  },
  {
    name: "library",
    testTarget: "Tests",
    tests: { UpperCases: "passed", "Books::ClassicBoundary": "passed" },
    stdout: [
      "ann took Dune (classic: false)",
      "ann took Ulysses (classic: true)",
      "ann: ann may borrow only 2",
      "ann: DUNE is out",
      "ann: no book Nope/Nobody",
      "bob took Emma",
      "Dune;Ulysses;Emma; lends=3 2024 leap=true 1900 leap=false",
      "",
    ].join("\n"),
    exitCode: 3,
  },
];

function copyExample(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `beskid-example-${name}-`));
  cpSync(join(EXAMPLES, name), dir, {
    recursive: true,
    filter: (src) => !/[\\/](obj|Project\.lock)$/.test(src),
  });
  return dir;
}

function errorsOf(diags: readonly { severity: string; code: string; message: string }[]): string[] {
  return diags.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`);
}

for (const ex of EXAMPLES_UNDER_TEST) {
  test(`${ex.name}: check, test and run`, async (t) => {
    const dir = copyExample(ex.name);
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const req = (command: ProjectRequest["command"]): ProjectRequest => ({ cwd: dir, project: dir, command });

    const checked = check(req("check"));
    t.deepEqual(errorsOf(checked.diagnostics), [], "check reports no errors");
    t.true(checked.ok);

    const tested = await runTests(
      { ...req("test"), ...(ex.testTarget !== undefined ? { target: ex.testTarget } : {}) },
      { enabled: false },
      {},
    );
    t.deepEqual(errorsOf(tested.diagnostics), [], "test compiles");
    const outcomes: Record<string, string> = {};
    for (const c of tested.report?.tests ?? []) {
      outcomes[c.qualified_name] = c.outcome;
      if (c.outcome === "failed") t.log(`${c.qualified_name}: ${c.reason ?? ""}`);
    }
    t.deepEqual(outcomes, ex.tests);

    if (ex.stdout !== undefined) {
      let out = "";
      let err = "";
      const ran = await run(
        req("run"),
        { enabled: false },
        {
          args: [],
          env: {},
          ...(ex.stdin !== undefined ? { stdin: new TextEncoder().encode(ex.stdin) } : {}),
          stdout: { write: (s) => (out += s) },
          stderr: { write: (s) => (err += s) },
        },
      );
      t.deepEqual(errorsOf(ran.diagnostics), []);
      t.is(out, ex.stdout);
      t.is(err, "");
      t.is(ran.exitCode, ex.exitCode);
    }
  });
}
