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

    const tested = await runTests(req("test"), { enabled: false }, {});
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
