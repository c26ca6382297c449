/**
 * The shape of one `beskid-ci` command and the context it runs in. Commands receive their
 * parsed flags and injected streams/environment; they return an exit code and never call
 * `process.exit` (only `bin.ts` does). Commands only call `pipeline` and the leaf modules.
 */

import type { ParseArgsConfig } from "node:util";
import type { Diagnostic } from "../diagnostics/index.ts";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface Output {
  write(text: string): void;
  /** Raw bytes (a program's output need not be UTF-8); without it bytes are decoded to text. */
  writeBytes?(bytes: Uint8Array): void;
}

export interface CommandContext {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
  /** Arguments after a bare `--`, passed through to the program (`run`). */
  readonly passthrough: readonly string[];
  readonly stdout: Output;
  readonly stderr: Output;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly color: boolean;
  /** Standard descriptors (0, 1, 2) that are terminals. */
  readonly ttys: readonly number[];
  /** Prints diagnostics for people (text) or machines (`--json` handled by the command). */
  report(diagnostics: readonly Diagnostic[]): void;
  /**
   * Reports a usage error (a bad flag value) and returns EXIT_USAGE: text on stderr, or with
   * `--json` the JSON usage document on stdout (see `main.ts`).
   */
  usage(message: string): number;
}

export interface Command {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** One line for the command list. */
  readonly summary: string;
  /** Usage line(s) after `beskid-ci`, e.g. `check [input] [--project P] [--json]`. */
  readonly usage: string;
  /** Flag descriptions for per-command help, in display order. */
  readonly flags: readonly { readonly name: string; readonly help: string }[];
  readonly options: OptionSpec;
  /** Largest number of positional arguments accepted. */
  readonly maxPositionals: number;
  run(ctx: CommandContext): Promise<number>;
}

/** Exit codes, documented in the README: 0 ok, 1 errors found or tests failed, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** A Beskid program that panicked (`run`). */
export const EXIT_PANIC = 101;

/** Reads a string flag (the last one when repeated). */
export function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  if (Array.isArray(v)) return v.length ? String(v[v.length - 1]) : undefined;
  return typeof v === "string" ? v : undefined;
}

/** Reads a repeatable string flag; comma-separated values are split. */
export function listFlag(ctx: CommandContext, name: string): string[] {
  const v = ctx.values[name];
  const all = Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : [];
  return all
    .flatMap((x) => x.split(","))
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

export function boolFlag(ctx: CommandContext, name: string): boolean {
  return ctx.values[name] === true;
}
