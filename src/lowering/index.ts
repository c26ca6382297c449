/**
 * The one lowering: typed program (src/semantics/typed.ts) → CodegenArtifact
 * (src/artifact/schema.ts). Deterministic: the same typed program and options always give
 * the same artifact (instances, layouts, data and table slots are numbered in discovery
 * order from the entry point, the tests and the exports). Design notes: docs/lowering.md.
 *
 * It decides nothing backend-specific and never re-reads the AST.
 */

import type { CodegenArtifact } from "../artifact/schema.ts";
import type { TypedProgram } from "../semantics/typed.ts";
import { Lowerer, type LoweringOptions } from "./lowerer.ts";

export type { LoweringOptions } from "./lowerer.ts";

/** Lowers an error-free typed program. Inconsistent input is a programming error and throws. */
export function lower(program: TypedProgram, options: LoweringOptions = {}): CodegenArtifact {
  return new Lowerer(program, options).run();
}

/** The options as a canonical string, for cache keys. */
export function loweringOptionsKey(options: LoweringOptions): string {
  return JSON.stringify({ library: options.library === true, tests: options.tests !== false });
}
