/**
 * Test reports in the three shapes PIPELINE.md §5 names: text (one line per test and a closing
 * `Result:` line), JSON (`summary` + `tests[]`, the Beskid CLI's shape) and JUnit XML. Pure
 * functions of a `TestReport`; writing files is the caller's job.
 */

import { renderText, type Diagnostic } from "../diagnostics/index.ts";
import type { TestCaseResult, TestReport, TestSummary } from "./api.ts";

export function summarize(tests: readonly TestCaseResult[], durationMs: number): TestSummary {
  const count = (o: TestCaseResult["outcome"]) => tests.filter((t) => t.outcome === o).length;
  return {
    total: tests.length,
    passed: count("passed"),
    failed: count("failed"),
    skipped: count("skipped"),
    filtered_out: count("filtered_out"),
    timed_out: count("timed_out"),
    duration_ms: Math.round(durationMs),
  };
}

export function reportFailed(report: TestReport): boolean {
  return report.summary.failed > 0 || report.summary.timed_out > 0;
}

const PREFIX: Record<TestCaseResult["outcome"], string> = {
  passed: "PASS",
  failed: "FAIL",
  skipped: "SKIP",
  filtered_out: "FILT",
  timed_out: "TIME",
};

/**
 * A reason on one line: line breaks and other control characters are shown as Beskid escapes
 * (`\n`, `\0`, `\u{1b}`), so a panic message cannot break "one line per test" or drive the
 * terminal.
 */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    if (c === "\0") return "\\0";
    return `\\u{${c.charCodeAt(0).toString(16)}}`;
  });
}

export function renderTestText(report: TestReport): string {
  const lines = report.tests.map((t) => {
    const head = `${PREFIX[t.outcome]} ${t.qualified_name}`;
    return t.reason && t.outcome !== "passed" && t.outcome !== "filtered_out"
      ? `${head}: ${oneLine(t.reason)}`
      : head;
  });
  const s = report.summary;
  const timed = s.timed_out > 0 ? `, timed_out=${s.timed_out}` : "";
  lines.push(
    `Result: passed=${s.passed}, failed=${s.failed}, skipped=${s.skipped}, filtered_out=${s.filtered_out}${timed}`,
  );
  return lines.join("\n") + "\n";
}

/** `diagnostics` (the compile warnings, as `check --json` shows them) is added when not empty. */
export function renderTestJson(report: TestReport, diagnostics: readonly unknown[] = []): string {
  const tests = report.tests.map((t) => ({
    name: t.name,
    qualified_name: t.qualified_name,
    outcome: t.outcome,
    ...(t.reason !== undefined ? { reason: t.reason } : {}),
    duration_ms: t.duration_ms,
    file: t.file,
    line: t.line,
    ...(t.failure_at ? { failure_at: t.failure_at } : {}),
  }));
  const extra = diagnostics.length > 0 ? { diagnostics } : {};
  return JSON.stringify({ summary: report.summary, tests, ...extra }, null, 2) + "\n";
}

/**
 * Text for XML 1.0 content and double-quoted attributes. Characters XML cannot carry at all
 * (controls other than tab and line breaks, U+FFFE, U+FFFF, unpaired surrogates) become U+FFFD,
 * so the file always parses; tab and line breaks are character references, so attribute values
 * keep them (a parser turns a literal one into a space); in element text only `\r` needs one.
 */
function xml(text: string, inAttribute = true): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(inAttribute ? /[\t\n\r]/g : /\r/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      "\ufffd",
    );
}

/** JUnit XML as CI tools read it: one testsuite, a testcase per test; filtered tests omitted. */
export function renderJunit(report: TestReport, suiteName: string): string {
  const cases = report.tests.filter((t) => t.outcome !== "filtered_out");
  const s = report.summary;
  const out: string[] = [];
  for (const t of cases) {
    const classname = t.qualified_name.includes("::")
      ? t.qualified_name.slice(0, t.qualified_name.lastIndexOf("::"))
      : suiteName;
    const attrs = `name="${xml(t.name)}" classname="${xml(classname)}" file="${xml(t.file)}" line="${t.line}" time="${(t.duration_ms / 1000).toFixed(3)}"`;
    const body: string[] = [];
    if (t.outcome === "failed" || t.outcome === "timed_out") {
      const type = t.outcome === "timed_out" ? "timeout" : "failure";
      body.push(
        `      <failure message="${xml(t.reason ?? t.outcome)}" type="${type}">${xml(`${t.reason ?? ""}\nat ${t.file}:${t.line}`, false)}</failure>`,
      );
    } else if (t.outcome === "skipped") {
      body.push(`      <skipped message="${xml(t.reason ?? "")}"/>`);
    }
    if (t.stdout) body.push(`      <system-out>${xml(t.stdout, false)}</system-out>`);
    if (t.stderr) body.push(`      <system-err>${xml(t.stderr, false)}</system-err>`);
    out.push(
      body.length
        ? `    <testcase ${attrs}>\n${body.join("\n")}\n    </testcase>`
        : `    <testcase ${attrs}/>`,
    );
  }
  const counts = { tests: cases.length, failures: s.failed + s.timed_out, errors: 0, skipped: s.skipped };
  return junitDocument(suiteName, counts, s.duration_ms, out);
}

/** The XML declaration, `<testsuites>` and its one `<testsuite>` around the test cases. */
function junitDocument(
  suiteName: string,
  c: { tests: number; failures: number; errors: number; skipped: number },
  durationMs: number,
  cases: readonly string[],
): string {
  const time = (durationMs / 1000).toFixed(3);
  const name = xml(suiteName);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${name}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${time}">`,
    `  <testsuite name="${name}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${time}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

/**
 * The JUnit report of a run that never reached its tests (the project did not resolve or
 * compile): one `<error>` test case carrying the diagnostics, so a CI test reporter shows the
 * failure instead of an earlier run's report left at the same path.
 */
export function renderJunitError(suiteName: string, diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error");
  const text = errors.map((d) => renderText(d, { color: false })).join("\n");
  const first = errors[0];
  const message = first ? `${first.code}: ${first.message}` : "the tests did not run";
  const where =
    first?.file === undefined ? "" : ` file="${xml(first.file)}" line="${first.start?.line ?? 1}"`;
  const counts = { tests: 1, failures: 0, errors: 1, skipped: 0 };
  return junitDocument(suiteName, counts, 0, [
    `    <testcase name="compile" classname="${xml(suiteName)}"${where} time="0.000">`,
    `      <error message="${xml(message)}" type="compile">${xml(text, false)}</error>`,
    "    </testcase>",
  ]);
}
