/**
 * Annotations with a budget: GitHub shows at most 10 error and 10 warning annotations per
 * step, so this emits up to that many, drops exact duplicates (same severity, file, line and
 * message), and counts the rest for the job summary. Paths are made workspace-relative,
 * because annotations only attach to files of the repository. It does not render
 * diagnostics for the log; the steps print those themselves.
 */

import { isAbsolute, resolve } from "node:path";
import { pathUnder } from "../util/paths.ts";
import type { Diagnostic } from "../diagnostics/index.ts";
import type { TestCaseResult } from "../pipeline/api.ts";
import type { ActionCore } from "./services.ts";

export const ANNOTATION_LIMIT = 10;
/**
 * Longest annotation message kept whole. GitHub stores at most 64 KB per annotation and shows a
 * few lines of it; a 300 KB assertion message in every one of ten annotations only bloats the
 * log. The full text stays in the step log and the report artifact.
 */
export const ANNOTATION_MAX_CHARS = 4000;

export class Annotator {
  private readonly seen = new Set<string>();
  private errors = 0;
  private warnings = 0;
  /**
   * Annotations not emitted because the budget was spent (duplicates are not counted):
   * compile diagnostics by severity, and failing tests apart, so the summary names each.
   */
  readonly dropped = { errors: 0, warnings: 0, tests: 0 };

  constructor(
    private readonly core: ActionCore,
    private readonly workspace: string,
    private readonly enabled: boolean,
  ) {}

  /** A repository-relative path for `file` (given relative to `baseDir`), or undefined. */
  relativePath(file: string | undefined, baseDir: string): string | undefined {
    if (!file) return undefined;
    const abs = isAbsolute(file) ? file : resolve(baseDir, file);
    return pathUnder(this.workspace, abs);
  }

  emit(
    severity: "error" | "warning",
    message: string,
    title: string,
    file?: string,
    line?: number,
    column?: number,
    what: "diagnostic" | "test" = "diagnostic",
  ): void {
    if (!this.enabled) return;
    const id = `${severity}\u0000${file ?? ""}\u0000${line ?? 0}\u0000${message}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    if (severity === "error") {
      if (this.errors >= ANNOTATION_LIMIT) return void this.dropped[what === "test" ? "tests" : "errors"]++;
      this.errors++;
    } else {
      if (this.warnings >= ANNOTATION_LIMIT) return void this.dropped.warnings++;
      this.warnings++;
    }
    if (message.length > ANNOTATION_MAX_CHARS)
      message = `${message.slice(0, ANNOTATION_MAX_CHARS)}… (cut; the full message is in the step log)`;
    const props = {
      title,
      ...(file ? { file } : {}),
      ...(file && line ? { startLine: line } : {}),
      ...(file && line && column ? { startColumn: column } : {}),
    };
    if (severity === "error") this.core.error(message, props);
    else this.core.warning(message, props);
  }

  diagnostic(d: Diagnostic, baseDir: string): void {
    if (d.severity !== "error" && d.severity !== "warning") return;
    const file = this.relativePath(d.file, baseDir);
    this.emit(
      d.severity,
      d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
      d.code,
      file,
      d.start?.line,
      d.start?.column,
    );
  }

  failedTest(t: TestCaseResult, baseDir: string): void {
    // At the line that failed (the Assert call, the panic) when known, else the declaration.
    const at = t.failure_at ?? { file: t.file, line: t.line, column: undefined };
    const file = this.relativePath(at.file, baseDir);
    const what = t.outcome === "timed_out" ? "timed out" : "failed";
    this.emit(
      "error",
      `${t.qualified_name} ${what}${t.reason ? `: ${t.reason}` : ""}`,
      `Test ${what}`,
      file,
      at.line,
      at.column,
      "test",
    );
  }
}
