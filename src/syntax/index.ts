/**
 * Public surface of the syntax stage: `parseFile` (text → tree, diagnostics, line index), the
 * AST types, the lexer for tools and tests, the dump, and the module facts that program
 * assembly reads. Later stages import from here, never from the individual files.
 *
 * Not here: reading files (callers pass text; `decodeSource` turns bytes into text with E0007),
 * name resolution, anything about other files.
 */

import { LineIndex, type Diagnostic } from "../diagnostics/index.ts";
import type { SourceFile } from "./ast.ts";
import { lex } from "./lexer.ts";
import { parseTokens } from "./parser.ts";

export * from "./ast.ts";
export { lex, decodeSource, T, TOKEN_NAMES, type Token, type LexResult, type DocLine } from "./lexer.ts";
export { MAX_DEPTH } from "./parser.ts";
export {
  extractModuleFacts,
  type ModuleFacts,
  type ModDeclFact,
  type UseFact,
  type QualifiedRef,
} from "./facts.ts";
export { dumpTree, treeToJson } from "./dump.ts";
export { forEachChild } from "./visit.ts";

export interface ParsedFile {
  readonly tree: SourceFile;
  /** Lexical and syntax diagnostics, ordered by position (ties keep discovery order). */
  readonly diagnostics: Diagnostic[];
  readonly lineIndex: LineIndex;
}

/** Lexes and parses one file. Never throws; the same text always gives the same result. */
export function parseFile(text: string, file: string): ParsedFile {
  const lineIndex = new LineIndex(text);
  const lexed = lex(text, file, lineIndex);
  const eofReported = lexed.diagnostics.some((d) => d.span !== undefined && d.span.end >= text.length);
  const parsed = parseTokens(text, file, lexed.tokens, lexed.docLines, lineIndex, eofReported);
  const all = lexed.diagnostics.concat(parsed.diagnostics);
  const diagnostics = all
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.span?.start ?? 0) - (b.d.span?.start ?? 0) || a.i - b.i)
    .map((x) => x.d);
  return { tree: parsed.tree, diagnostics, lineIndex };
}
