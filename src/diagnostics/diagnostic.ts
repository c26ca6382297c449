/**
 * The Diagnostic value every stage produces, and the helpers that build one.
 *
 * Stages work with byte offsets (`Span`); lines and columns are computed once, here, when a
 * diagnostic is made from a span and its source text (`LineIndex`). Diagnostics are plain
 * data: nothing in this module prints, throws or reads files.
 */

import { CODES, type DiagnosticCode, type Severity } from "./codes.ts";

/** A half-open byte range [start, end) inside one file. */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/** 1-based line and column (columns count UTF-16 code units of the line's text). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** The full sentence shown to users: the code's title, then the call site's facts. */
  readonly message: string;
  /** Path as given to the toolchain (project-relative where possible); absent for global problems. */
  readonly file?: string;
  readonly start?: Position;
  readonly end?: Position;
  /** Byte offsets of the span, kept so renderers can underline without re-deriving them. */
  readonly span?: Span;
  readonly notes: readonly string[];
  readonly help?: string;
}

/** Line starts of one text, for turning offsets into positions. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - this.starts[lo]! + 1 };
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return "";
    const next = this.starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

export interface DiagnosticFacts {
  /** What was found, where, and what would be valid; appended to the code's title. */
  readonly detail?: string;
  readonly notes?: readonly string[];
  readonly help?: string;
}

/** Where a diagnostic points: a span with its text, explicit positions, or just a file. */
export type Location =
  | { readonly span: Span; readonly index: LineIndex }
  | { readonly file: string; readonly start?: Position; readonly end?: Position }
  | undefined;

export function makeDiagnostic(code: DiagnosticCode, facts: DiagnosticFacts, at: Location): Diagnostic {
  const info = CODES[code];
  const message = facts.detail ? `${info.title}: ${facts.detail}` : info.title;
  const base = {
    code,
    severity: info.severity,
    message,
    notes: facts.notes ?? [],
    ...(facts.help !== undefined ? { help: facts.help } : {}),
  };
  if (at === undefined) return base;
  if ("span" in at) {
    return {
      ...base,
      file: at.span.file,
      start: at.index.position(at.span.start),
      end: at.index.position(Math.max(at.span.start, at.span.end)),
      span: at.span,
    };
  }
  return {
    ...base,
    file: at.file,
    ...(at.start ? { start: at.start } : {}),
    ...(at.end ? { end: at.end } : {}),
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Stable order for output: by file, then position, then code; input order breaks ties. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const fa = a.d.file ?? "";
      const fb = b.d.file ?? "";
      if (fa !== fb) return fa < fb ? -1 : 1;
      const la = a.d.start?.line ?? 0;
      const lb = b.d.start?.line ?? 0;
      if (la !== lb) return la - lb;
      const ca = a.d.start?.column ?? 0;
      const cb = b.d.start?.column ?? 0;
      if (ca !== cb) return ca - cb;
      return a.i - b.i;
    })
    .map((x) => x.d);
}

/** A value together with the diagnostics produced while computing it. Stages never throw. */
export interface WithDiagnostics<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}
