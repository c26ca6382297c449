/** Text, JSON and JUnit test reports (PIPELINE.md §5). */

import test from "ava";
import type { TestCaseResult } from "../../src/pipeline/api.ts";
import {
  renderJunit,
  renderTestJson,
  renderTestText,
  reportFailed,
  summarize,
} from "../../src/pipeline/test-report.ts";

const tests: TestCaseResult[] = [
  { name: "Adds", qualified_name: "Adds", outcome: "passed", duration_ms: 1, file: "Src/Main.bd", line: 10 },
  {
    name: "Divides",
    qualified_name: "Math::Divides",
    outcome: "failed",
    reason: "panic: division by zero (at Src/Math.bd:4:12)",
    duration_ms: 2,
    file: "Src/Math.bd",
    line: 3,
    stdout: "a < b & c\n",
  },
  {
    name: "Later",
    qualified_name: "Later",
    outcome: "skipped",
    reason: "not yet",
    duration_ms: 0,
    file: "Src/Main.bd",
    line: 20,
  },
  {
    name: "Slow",
    qualified_name: "Slow",
    outcome: "filtered_out",
    duration_ms: 0,
    file: "Src/Main.bd",
    line: 30,
  },
  {
    name: "Spins",
    qualified_name: "Spins",
    outcome: "timed_out",
    reason: "exceeded 100 ms",
    duration_ms: 100,
    file: "Src/Main.bd",
    line: 40,
  },
];
const report = { summary: summarize(tests, 103.4), tests };

test("summary counts each outcome", (t) => {
  t.deepEqual(report.summary, {
    total: 5,
    passed: 1,
    failed: 1,
    skipped: 1,
    filtered_out: 1,
    timed_out: 1,
    duration_ms: 103,
  });
  t.true(reportFailed(report));
  t.false(reportFailed({ summary: summarize(tests.slice(0, 1), 1), tests: tests.slice(0, 1) }));
});

test("text report: one line per test and the closing Result line", (t) => {
  t.is(
    renderTestText(report),
    [
      "PASS Adds",
      "FAIL Math::Divides: panic: division by zero (at Src/Math.bd:4:12)",
      "SKIP Later: not yet",
      "FILT Slow",
      "TIME Spins: exceeded 100 ms",
      "Result: passed=1, failed=1, skipped=1, filtered_out=1, timed_out=1",
      "",
    ].join("\n"),
  );
});

test("JSON report has summary and tests with the Beskid CLI's fields", (t) => {
  const json = JSON.parse(renderTestJson(report));
  t.deepEqual(Object.keys(json), ["summary", "tests"]);
  t.deepEqual(json.tests[1], {
    name: "Divides",
    qualified_name: "Math::Divides",
    outcome: "failed",
    reason: "panic: division by zero (at Src/Math.bd:4:12)",
    duration_ms: 2,
    file: "Src/Math.bd",
    line: 3,
  });
  t.false("reason" in json.tests[0]);
});

test("JUnit XML escapes text and marks failures, timeouts and skips", (t) => {
  const x = renderJunit(report, "Hello");
  t.regex(x, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
  t.regex(x, /<testsuite name="Hello" tests="4" failures="2" errors="0" skipped="1"/);
  t.regex(x, /<testcase name="Divides" classname="Math" file="Src\/Math.bd" line="3"/);
  t.regex(x, /<failure message="panic: division by zero \(at Src\/Math.bd:4:12\)" type="failure">/);
  t.regex(x, /<failure message="exceeded 100 ms" type="timeout">/);
  t.regex(x, /<skipped message="not yet"\/>/);
  t.regex(x, /<system-out>a &lt; b &amp; c\n<\/system-out>/);
  t.notRegex(x, /Slow/, "filtered tests are not in the JUnit file");
});
