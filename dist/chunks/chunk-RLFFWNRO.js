import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  renderText
} from "./chunk-F5FHHWWT.js";

// src/pipeline/test-report.ts
function summarize(tests, durationMs) {
  const count = (o) => tests.filter((t) => t.outcome === o).length;
  return {
    total: tests.length,
    passed: count("passed"),
    failed: count("failed"),
    skipped: count("skipped"),
    filtered_out: count("filtered_out"),
    timed_out: count("timed_out"),
    duration_ms: Math.round(durationMs)
  };
}
function reportFailed(report) {
  return report.summary.failed > 0 || report.summary.timed_out > 0;
}
var PREFIX = {
  passed: "PASS",
  failed: "FAIL",
  skipped: "SKIP",
  filtered_out: "FILT",
  timed_out: "TIME"
};
function oneLine(text) {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "	") return "\\t";
    if (c === "\0") return "\\0";
    return `\\u{${c.charCodeAt(0).toString(16)}}`;
  });
}
function renderTestText(report) {
  const lines = report.tests.map((t) => {
    const head = `${PREFIX[t.outcome]} ${t.qualified_name}`;
    return t.reason && t.outcome !== "passed" && t.outcome !== "filtered_out" ? `${head}: ${oneLine(t.reason)}` : head;
  });
  const s = report.summary;
  const timed = s.timed_out > 0 ? `, timed_out=${s.timed_out}` : "";
  lines.push(
    `Result: passed=${s.passed}, failed=${s.failed}, skipped=${s.skipped}, filtered_out=${s.filtered_out}${timed}`
  );
  return lines.join("\n") + "\n";
}
function renderTestJson(report, diagnostics = []) {
  const tests = report.tests.map((t) => ({
    name: t.name,
    qualified_name: t.qualified_name,
    outcome: t.outcome,
    ...t.reason !== void 0 ? { reason: t.reason } : {},
    duration_ms: t.duration_ms,
    file: t.file,
    line: t.line,
    ...t.failure_at ? { failure_at: t.failure_at } : {}
  }));
  const extra = diagnostics.length > 0 ? { diagnostics } : {};
  return JSON.stringify({ summary: report.summary, tests, ...extra }, null, 2) + "\n";
}
function xml(text, inAttribute = true) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(inAttribute ? /[\t\n\r]/g : /\r/g, (c) => `&#${c.charCodeAt(0)};`).replace(
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    "\uFFFD"
  );
}
function renderJunit(report, suiteName) {
  const cases = report.tests.filter((t) => t.outcome !== "filtered_out");
  const s = report.summary;
  const out = [];
  for (const t of cases) {
    const classname = t.qualified_name.includes("::") ? t.qualified_name.slice(0, t.qualified_name.lastIndexOf("::")) : suiteName;
    const attrs = `name="${xml(t.name)}" classname="${xml(classname)}" file="${xml(t.file)}" line="${t.line}" time="${(t.duration_ms / 1e3).toFixed(3)}"`;
    const body = [];
    if (t.outcome === "failed" || t.outcome === "timed_out") {
      const type = t.outcome === "timed_out" ? "timeout" : "failure";
      body.push(
        `      <failure message="${xml(t.reason ?? t.outcome)}" type="${type}">${xml(`${t.reason ?? ""}
at ${t.file}:${t.line}`, false)}</failure>`
      );
    } else if (t.outcome === "skipped") {
      body.push(`      <skipped message="${xml(t.reason ?? "")}"/>`);
    }
    if (t.stdout) body.push(`      <system-out>${xml(t.stdout, false)}</system-out>`);
    if (t.stderr) body.push(`      <system-err>${xml(t.stderr, false)}</system-err>`);
    out.push(
      body.length ? `    <testcase ${attrs}>
${body.join("\n")}
    </testcase>` : `    <testcase ${attrs}/>`
    );
  }
  const counts = { tests: cases.length, failures: s.failed + s.timed_out, errors: 0, skipped: s.skipped };
  return junitDocument(suiteName, counts, s.duration_ms, out);
}
function junitDocument(suiteName, c, durationMs, cases) {
  const time = (durationMs / 1e3).toFixed(3);
  const name = xml(suiteName);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${name}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${time}">`,
    `  <testsuite name="${name}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${time}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    ""
  ].join("\n");
}
function renderJunitError(suiteName, diagnostics) {
  const errors = diagnostics.filter((d) => d.severity === "error");
  const text = errors.map((d) => renderText(d, { color: false })).join("\n");
  const first = errors[0];
  const message = first ? `${first.code}: ${first.message}` : "the tests did not run";
  const where = first?.file === void 0 ? "" : ` file="${xml(first.file)}" line="${first.start?.line ?? 1}"`;
  const counts = { tests: 1, failures: 0, errors: 1, skipped: 0 };
  return junitDocument(suiteName, counts, 0, [
    `    <testcase name="compile" classname="${xml(suiteName)}"${where} time="0.000">`,
    `      <error message="${xml(message)}" type="compile">${xml(text, false)}</error>`,
    "    </testcase>"
  ]);
}

export {
  summarize,
  reportFailed,
  renderTestText,
  renderTestJson,
  renderJunit,
  renderJunitError
};
