/**
 * Renderers for diagnostics: human text (file:line:col, the source line, a caret underline),
 * JSON for machines, and GitHub workflow commands for annotations. Renderers are pure: the
 * caller supplies source text through `SourceLookup` and writes the result where it wants.
 */

import type { Diagnostic } from "./diagnostic.ts";

/** Returns the text of a file for showing its source line, or undefined when unavailable. */
export type SourceLookup = (file: string) => string | undefined;

export interface TextOptions {
  readonly color: boolean;
  readonly sources?: SourceLookup;
}

const ANSI = { red: "\x1b[31m", yellow: "\x1b[33m", blue: "\x1b[34m", bold: "\x1b[1m", reset: "\x1b[0m" };

function paint(on: boolean, code: string, text: string): string {
  return on ? `${code}${text}${ANSI.reset}` : text;
}

function lineOf(text: string, line: number): string | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  let end = text.indexOf("\n", start);
  if (end < 0) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return text.slice(start, end);
}

export function renderText(d: Diagnostic, opts: TextOptions): string {
  const sevColor = d.severity === "error" ? ANSI.red : ANSI.yellow;
  const where = d.file ? `${d.file}${d.start ? `:${d.start.line}:${d.start.column}` : ""}: ` : "";
  const head = `${where}${paint(opts.color, sevColor + ANSI.bold, `${d.severity}[${d.code}]`)}: ${d.message}`;
  const out = [head];
  const source = d.file && d.start ? opts.sources?.(d.file) : undefined;
  if (source !== undefined && d.start) {
    const text = lineOf(source, d.start.line);
    if (text !== undefined) {
      const gutter = String(d.start.line);
      const pad = " ".repeat(gutter.length);
      const sameLine = d.end && d.end.line === d.start.line;
      // Without an end (a place from a backend's location table: line and column only), underline
      // the dotted name starting there (`Libc.abs`), else one character, not the rest of the line.
      const word = /^[A-Za-z0-9_][A-Za-z0-9_.]*/.exec(text.slice(d.start.column - 1));
      const width = sameLine
        ? Math.max(1, d.end!.column - d.start.column)
        : d.end
          ? Math.max(1, text.length - d.start.column + 1)
          : Math.max(1, word ? word[0].replace(/\.+$/, "").length : 1);
      const indent = text.slice(0, d.start.column - 1).replace(/[^\t]/g, " ");
      out.push(`${pad} ${paint(opts.color, ANSI.blue, "|")}`);
      out.push(`${paint(opts.color, ANSI.blue, gutter)} ${paint(opts.color, ANSI.blue, "|")} ${text}`);
      out.push(
        `${pad} ${paint(opts.color, ANSI.blue, "|")} ${indent}${paint(opts.color, sevColor, "^".repeat(width))}`,
      );
    }
  }
  for (const note of d.notes) out.push(`  = note: ${note}`);
  if (d.help) out.push(`  = help: ${d.help}`);
  return out.join("\n");
}

export function renderTextAll(diagnostics: readonly Diagnostic[], opts: TextOptions): string {
  return diagnostics.map((d) => renderText(d, opts)).join("\n\n");
}

/** Plain JSON shape, stable key order, without the internal span. */
export function toJson(d: Diagnostic): object {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.file !== undefined ? { file: d.file } : {}),
    ...(d.start ? { line: d.start.line, column: d.start.column } : {}),
    ...(d.end ? { endLine: d.end.line, endColumn: d.end.column } : {}),
    notes: d.notes,
    ...(d.help !== undefined ? { help: d.help } : {}),
  };
}

// GitHub workflow command escaping: data escapes %, CR, LF; properties also escape : and ,.
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=E3003::message` */
export function renderGithub(d: Diagnostic): string {
  const kind = d.severity === "error" ? "error" : "warning";
  const props: string[] = [];
  if (d.file) props.push(`file=${escapeProperty(d.file)}`);
  if (d.start) props.push(`line=${d.start.line}`, `col=${d.start.column}`);
  if (d.end) props.push(`endLine=${d.end.line}`, `endColumn=${d.end.column}`);
  props.push(`title=${escapeProperty(d.code)}`);
  const body = [d.message, ...d.notes.map((n) => `note: ${n}`), ...(d.help ? [`help: ${d.help}`] : [])].join(
    "\n",
  );
  return `::${kind} ${props.join(",")}::${escapeData(body)}`;
}
