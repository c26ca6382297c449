/** The diagnostics leaf: the code table, its generated documentation and the three renderers. */

import test from "ava";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  CODES,
  LineIndex,
  makeDiagnostic,
  renderGithub,
  renderText,
  toJson,
  type DiagnosticCode,
} from "../../src/diagnostics/index.ts";
import { renderCodesMarkdown } from "../../src/diagnostics/docs.ts";

const ROOT = resolve(import.meta.dirname, "../..");

test("codes are well-formed, in their stage's band, with a fixed severity letter", (t) => {
  for (const [code, info] of Object.entries(CODES)) {
    t.regex(code, /^[EW]\d{4}$/, code);
    t.is(info.severity, code[0] === "E" ? "error" : "warning", code);
    const n = Number(code.slice(1));
    const band =
      n < 1000
        ? "syntax"
        : n < 2000
          ? "semantics"
          : n >= 3000 && n < 3100
            ? "project"
            : n >= 4000 && n < 4100
              ? "backend"
              : n >= 9000
                ? "tool"
                : "none";
    t.is(info.stage as string, band, `${code} is in the ${band} band`);
    t.true(info.title.length > 3, code);
  }
});

test("docs/diagnostics.md is generated from the code table (run `npm run docs`)", (t) => {
  t.is(readFileSync(resolve(ROOT, "docs/diagnostics.md"), "utf8"), renderCodesMarkdown());
});

const source = 'project {\n    name = "Hello\n}\n';
const index = new LineIndex(source);
const d = makeDiagnostic(
  "E3003",
  { detail: "unterminated string", help: "close the string with a double quote" },
  { span: { file: "app/Project.proj", start: 21, end: 27 }, index },
);

test("text renderer shows file:line:col, the code, the source line and a caret underline", (t) => {
  const text = renderText(d, { color: false, sources: () => source });
  t.is(
    text,
    [
      "app/Project.proj:2:12: error[E3003]: manifest syntax error: unterminated string",
      "  |",
      '2 |     name = "Hello',
      "  |            ^^^^^^",
      "  = help: close the string with a double quote",
    ].join("\n"),
  );
});

test("text renderer without the source still names the location", (t) => {
  t.is(
    renderText(d, { color: false }).split("\n")[0],
    "app/Project.proj:2:12: error[E3003]: manifest syntax error: unterminated string",
  );
});

test("text renderer colours only when asked", (t) => {
  t.false(renderText(d, { color: false }).includes("\x1b["));
  t.true(renderText(d, { color: true }).includes("\x1b[31m"));
});

test("JSON shape carries code, severity, position and help", (t) => {
  t.deepEqual(toJson(d), {
    code: "E3003",
    severity: "error",
    message: "manifest syntax error: unterminated string",
    file: "app/Project.proj",
    line: 2,
    column: 12,
    endLine: 2,
    endColumn: 18,
    notes: [],
    help: "close the string with a double quote",
  });
});

test("GitHub annotation escapes data and properties as the runner requires", (t) => {
  const tricky = makeDiagnostic(
    "E1101" as DiagnosticCode,
    { detail: "100% wrong\nsecond line", notes: ["a, b: c"] },
    { file: "src/a,b:c.bd", start: { line: 3, column: 5 }, end: { line: 3, column: 9 } },
  );
  t.is(
    renderGithub(tricky),
    "::error file=src/a%2Cb%3Ac.bd,line=3,col=5,endLine=3,endColumn=9,title=E1101::unknown name: 100%25 wrong%0Asecond line%0Anote: a, b: c",
  );
  const warn = makeDiagnostic("W1214", {}, undefined);
  t.is(renderGithub(warn), `::warning title=W1214::${CODES.W1214.title}`);
});

test("LineIndex maps offsets to 1-based lines and columns, CRLF included", (t) => {
  const li = new LineIndex("ab\r\ncd\nef");
  t.deepEqual(li.position(0), { line: 1, column: 1 });
  t.deepEqual(li.position(4), { line: 2, column: 1 });
  t.deepEqual(li.position(8), { line: 3, column: 2 });
  t.is(li.lineText(1), "ab");
  t.is(li.lineText(3), "ef");
  t.deepEqual(li.position(999), { line: 3, column: 3 });
});

test("text renderer: a place without an end (a backend location) underlines the name there, not the rest of the line", (t) => {
  const line = '    Output.WriteLine("${Libc.abs(-5)} ${Libc.labs(-7)}");';
  const at = makeDiagnostic(
    "E4040",
    { detail: "Libc.abs" },
    { file: "Main.bd", start: { line: 1, column: 25 } },
  );
  t.is(renderText(at, { color: false, sources: () => line }).split("\n")[3], `  | ${" ".repeat(24)}^^^^^^^^`);
  const punct = makeDiagnostic("E4040", { detail: "x" }, { file: "Main.bd", start: { line: 1, column: 21 } });
  t.is(renderText(punct, { color: false, sources: () => line }).split("\n")[3], `  | ${" ".repeat(20)}^`);
});
