/**
 * The Beskid parser (LANGUAGE.md §4): a hand-written recursive-descent parser over the token
 * array of `lexer.ts`, producing the readonly tree of `ast.ts` plus syntax diagnostics
 * (E0101–E0104, W0110).
 *
 * Every disambiguation rule of §4.3 is implemented where it applies (look for "rule N"). Binary
 * operators go through one precedence table kept as data (`BINARY`). The parser never throws
 * and never gives up: on an error it reports once at the earliest unexpected token, inserts a
 * missing node and resynchronises at `;`, at the `}` closing the current block or at a token
 * that starts an item or statement (rule 19). At most one error is reported per token, which is
 * what keeps one broken construct from producing a cascade. Recursion is bounded by
 * `MAX_DEPTH`; deeper input gets E0104 and its innermost group is skipped without recursion.
 *
 * Speculative parses (`speculate`) restore the cursor and never report; they are used only for
 * the bounded questions of rules 3 and 4 and for parameter modifiers (rule 13).
 *
 * Deliberately not here: name resolution, module paths, type checking, any E1xxx check. E1229
 * and E1230 constructs are accepted and kept (opaquely where §4.4 says so) for semantics.
 */

import {
  makeDiagnostic,
  type Diagnostic,
  type DiagnosticCode,
  type LineIndex,
} from "../diagnostics/index.ts";
import { exactLength } from "../util/arrays.ts";
import type * as A from "./ast.ts";
import { PRIMITIVE_TYPE_NAMES } from "./ast.ts";
import {
  FOLLOWED,
  HEX,
  LEX_ERROR,
  SUFFIX_MASK,
  SUFFIX_SHIFT,
  SUFFIXES,
  T,
  TOKEN_NAMES,
  describeToken,
  type Token,
} from "./lexer.ts";

/** Nesting limit for expressions, types, patterns, blocks and inline modules. */
export const MAX_DEPTH = 256;
/** Longest chain of operators, postfix operations or `else if` links (each link is one tree level). */
export const MAX_CHAIN = 1000;

/** How deep a speculative parse may nest before it counts as failed (keeps `a<a<a<…` linear). */
const SPECULATION_DEPTH = 24;

/**
 * The one shared empty list: most attribute, type-parameter, where and argument lists are
 * empty, and the tree is readonly, so they need not each allocate (fewer objects to collect).
 */
const EMPTY: never[] = Object.freeze([]) as unknown as never[];

/** Lists the tree keeps are copied to their exact length (see util/arrays.ts). */
const fit = exactLength;

const PRIMITIVES: ReadonlySet<string> = new Set(PRIMITIVE_TYPE_NAMES);

/** The binary precedence table (§3.6), loosest first; `>` is resolved separately (rule 2). */
const BINARY: ReadonlyMap<T, readonly [number, A.BinaryOp]> = new Map<T, readonly [number, A.BinaryOp]>([
  [T.PipePipe, [1, "||"]],
  [T.AmpAmp, [2, "&&"]],
  [T.Pipe, [3, "|"]],
  [T.Amp, [4, "&"]],
  [T.EqEq, [5, "=="]],
  [T.BangEq, [5, "!="]],
  [T.EqEqEq, [5, "==="]],
  [T.BangEqEq, [5, "!=="]],
  [T.Lt, [6, "<"]],
  [T.LtEq, [6, "<="]],
  [T.Gt, [6, ">"]],
  [T.LtLt, [7, "<<"]],
  [T.Plus, [8, "+"]],
  [T.Minus, [8, "-"]],
  [T.Star, [9, "*"]],
  [T.Slash, [9, "/"]],
  [T.Percent, [9, "%"]],
]);
const PREC_CMP = 6;
const PREC_SHIFT = 7;

/** Operators from other languages: E0103 with a hint, parsed at this precedence so recovery continues. */
const FOREIGN_BINARY: ReadonlyMap<T, readonly [number, string]> = new Map<T, readonly [number, string]>([
  [T.Caret, [3, "there is no `^` operator; use the corelib's bit functions"]],
  [T.ThinArrow, [1, "`->` is not Beskid; lambdas and function types use `=>`"]],
]);
const FOREIGN_ASSIGN: ReadonlyMap<T, string> = new Map([
  [T.StarEq, "there is no `*=`; write `x = x * y`"],
  [T.SlashEq, "there is no `/=`; write `x = x / y`"],
  [T.PercentEq, "there is no `%=`; write `x = x % y`"],
]);

/** Tokens after a speculative `<Type, …>` that confirm generic arguments (rule 3). */
const GENERIC_FOLLOW: ReadonlySet<T> = new Set([
  T.LParen,
  T.RParen,
  T.RBracket,
  T.RBrace,
  T.Dot,
  T.ColonColon,
  T.LBrace,
  T.Comma,
  T.Semi,
  T.Question,
  T.EqEq,
  T.BangEq,
  T.AmpAmp,
  T.PipePipe,
  T.EOF,
]);

/** Declaration words of other languages that reach the function-item path, with a hint (E0103). */
const FOREIGN_ITEM_WORDS: ReadonlyMap<string, string> = new Map([
  ["struct", "declare a record with `type Name { Type field, … }`"],
  ["class", "declare a record with `type Name { Type field, … }` and its methods in the body"],
  ["record", "declare a record with `type Name { Type field, … }`"],
  ["interface", "declare a `contract Name { … }`"],
  ["trait", "declare a `contract Name { … }`"],
  ["import", "write `use A.B;`"],
  ["package", "a file's module comes from its path, or from `mod A.B;` as its first item"],
  ["namespace", "write `mod Name { … }` for an inline module"],
  ["fn", "functions are written `ReturnType Name(Type param) { … }`"],
  ["func", "functions are written `ReturnType Name(Type param) { … }`"],
  ["def", "functions are written `ReturnType Name(Type param) { … }`"],
  ["function", "functions are written `ReturnType Name(Type param) { … }`"],
  ["public", "write `pub`: items are private to their module unless `pub`"],
  ["export", "write `pub`: items are private to their module unless `pub`"],
  ["private", "items are private unless `pub`: drop the word"],
  ["internal", "items are private unless `pub`: drop the word"],
  ["static", "there are no static members: module functions play that role; drop the word"],
]);

/** Where an `if` used as an expression stops being skipped: the end of the enclosing expression. */
const EXPR_END: ReadonlySet<T> = new Set([
  T.Semi,
  T.RBrace,
  T.Comma,
  T.RParen,
  T.RBracket,
  T.StringMiddle,
  T.StringTail,
]);
/** The end of a broken match pattern: its arrow or the end of the arm. */
const PATTERN_END: ReadonlySet<T> = new Set([T.FatArrow, T.Comma, T.RBrace]);
/** The end of an or-pattern's extra alternatives: the arrow, a `when` guard or the end of the arm. */
const OR_PATTERN_END: ReadonlySet<T> = new Set([T.FatArrow, T.KwWhen, T.Comma, T.RBrace]);

/** Visibility words of other languages (a subset of FOREIGN_ITEM_WORDS). */
const VISIBILITY_WORDS: ReadonlySet<string> = new Set(["public", "export", "private", "internal", "static"]);

/** Tokens that start a statement for resynchronisation (identifiers are handled by line starts). */
const SYNC_STATEMENT: ReadonlySet<T> = new Set([
  T.KwIf,
  T.KwWhile,
  T.KwFor,
  T.KwReturn,
  T.KwBreak,
  T.KwContinue,
  T.KwLet,
  T.KwMut,
  T.KwMatch,
]);

/** Tokens that start an item (besides attributes and type-first functions). */
const SYNC_ITEM: ReadonlySet<T> = new Set([
  T.KwType,
  T.KwEnum,
  T.KwContract,
  T.KwAttribute,
  T.KwImpl,
  T.KwTest,
  T.KwMod,
  T.KwUse,
  T.KwPub,
]);

/** Tokens that can begin an expression (used for the ternary hint and lambda bodies). */
function startsExpression(k: T): boolean {
  switch (k) {
    case T.Ident:
    case T.Int:
    case T.Float:
    case T.Char:
    case T.String:
    case T.StringHead:
    case T.KwTrue:
    case T.KwFalse:
    case T.LParen:
    case T.LBracket:
    case T.LBrace:
    case T.KwMatch:
    case T.Minus:
    case T.Bang:
    case T.Dollar:
      return true;
    default:
      return false;
  }
}

export interface ParseResult {
  readonly tree: A.SourceFile;
  readonly diagnostics: Diagnostic[];
}

interface Attached {
  doc?: A.Doc;
  attributes: A.Attribute[];
  isPub: boolean;
  start: number;
}

/** Parses a token stream from `lex`. `lexEnd` is the offset of the last lexical error ending at EOF, or -1. */
export function parseTokens(
  text: string,
  file: string,
  tokens: readonly Token[],
  docLines: readonly { start: number; end: number; text: string }[],
  index: LineIndex,
  eofAlreadyReported: boolean,
): ParseResult {
  const p = new Parser(text, file, tokens, docLines, index, eofAlreadyReported);
  const tree = p.parseFile();
  return { tree, diagnostics: p.finish() };
}

class Parser {
  private pos = 0;
  private prevEnd = 0;
  private depth = 0;
  private spec = 0;
  private specFailed = false;
  /** Token index of the last reported error: one error per token at most. */
  private lastErrorToken = -1;
  private tooDeepReported = false;
  /**
   * Set when a statement position holds something that can only be a function item (`T Name(` at
   * a line start): the enclosing blocks are unclosed. Block, test-body and match loops stop, and
   * the next item or member loop clears it, so the function parses as what it is.
   */
  private unwind = false;
  /** Set after E0104 until the next item starts: the follow-up errors are consequences of the skip. */
  private quiet = false;
  /** Depth limit inside a speculation: speculative questions never need deep nesting. */
  private specDepthCap = MAX_DEPTH;
  /** Rule 7: in an `if`/`while`/`for`/`match` head, `{}` is the body, not an empty struct literal. */
  private inHead = false;
  private readonly diagnostics: Diagnostic[] = [];
  /** For each opening token, the index of its closing token (-1 when unmatched). */
  private readonly pair: Int32Array;
  /** Doc runs (by index of their first doc line) that were attached. */
  private readonly attached = new Set<number>();

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly tokens: readonly Token[],
    private readonly docLines: readonly { start: number; end: number; text: string }[],
    private readonly index: LineIndex,
    eofAlreadyReported: boolean,
  ) {
    this.pair = matchBrackets(tokens);
    if (eofAlreadyReported) this.lastErrorToken = tokens.length - 1;
  }

  // ================= token helpers =================

  private peek(k = 0): Token {
    const i = this.pos + k;
    return this.tokens[i < this.tokens.length ? i : this.tokens.length - 1]!;
  }
  private at(kind: T): boolean {
    return this.tokens[this.pos]!.kind === kind;
  }
  private atWord(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === T.Ident && t.value === word;
  }
  private advance(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== T.EOF) {
      this.pos++;
      this.prevEnd = t.end;
    }
    return t;
  }
  private eat(kind: T): boolean {
    if (this.at(kind)) {
      this.advance();
      return true;
    }
    return false;
  }
  private jumpTo(i: number): void {
    this.pos = Math.min(i, this.tokens.length - 1);
    if (this.pos > 0) this.prevEnd = this.tokens[this.pos - 1]!.end;
  }
  private startOf(): number {
    return this.peek().start;
  }
  /** The end offset of a node that began at `start` and ends with the last consumed token. */
  private endFrom(start: number): number {
    return start > this.prevEnd ? start : this.prevEnd;
  }
  /** A span (for diagnostics) from `start` to the end of the last consumed token. */
  private span(start: number): A.NodeSpan {
    return { start, end: this.endFrom(start) };
  }
  /** True when a line break separates the current token from the previous one. */
  private atLineStart(): boolean {
    if (this.pos === 0) return true;
    const prev = this.tokens[this.pos - 1]!;
    const t = this.peek();
    for (let i = prev.end; i < t.start; i++) if (this.text.charCodeAt(i) === 10) return true;
    return false;
  }

  // ================= diagnostics =================

  private error(
    code: DiagnosticCode,
    detail: string,
    help?: string,
    at?: { start: number; end: number },
  ): void {
    if (this.spec > 0) {
      this.specFailed = true;
      return;
    }
    if (this.quiet || this.pos <= this.lastErrorToken) return;
    // A malformed token already has its lexical error; what follows from it is not reported.
    if (this.peek().flags & LEX_ERROR || (this.pos > 0 && this.tokens[this.pos - 1]!.flags & LEX_ERROR))
      return;
    this.lastErrorToken = this.pos;
    const t = this.peek();
    const where = at ?? { start: t.start, end: t.end };
    this.diagnostics.push(
      makeDiagnostic(
        code,
        { detail, ...(help !== undefined ? { help } : {}) },
        { span: { file: this.file, start: where.start, end: where.end }, index: this.index },
      ),
    );
  }

  private found(): string {
    return describeToken(this.text, this.peek());
  }

  private errorExpected(what: string, help?: string): void {
    this.error("E0101", `expected ${what}, found ${this.found()}`, help);
  }

  private expect(kind: T): boolean {
    if (this.eat(kind)) return true;
    if (kind === T.Semi && this.missingSemiAtLineEnd()) return false;
    this.errorExpected(TOKEN_NAMES[kind]);
    return false;
  }

  /**
   * A `;` missing before a line break is reported at the end of the previous line, where the
   * fix goes, rather than at the (correct) start of the next line. False when no line break
   * precedes the current token (the caller reports as usual).
   */
  private missingSemiAtLineEnd(help?: string): boolean {
    if (this.pos === 0 || !this.atLineStart()) return false;
    const end = this.tokens[this.pos - 1]!.end;
    this.error("E0101", `expected \`;\` at the end of the line (the next token is ${this.found()})`, help, {
      start: end,
      end,
    });
    return true;
  }

  private expectIdent(what = "a name"): A.Ident {
    const t = this.peek();
    if (t.kind === T.Ident) {
      this.advance();
      return { kind: "Ident", text: t.value as string, start: t.start, end: t.end };
    }
    if (t.kind >= T.KwType && t.kind <= T.KwFalse) {
      this.error(
        "E0101",
        `expected ${what}, found the keyword ${TOKEN_NAMES[t.kind]}`,
        "keywords cannot be names",
      );
    } else {
      this.errorExpected(what);
    }
    return { kind: "Ident", text: "", start: this.prevEnd, end: this.prevEnd };
  }

  private identOf(t: Token): A.Ident {
    return { kind: "Ident", text: t.value as string, start: t.start, end: t.end };
  }

  /** Reports W0110 for every doc run that was not attached, then orders all diagnostics. */
  finish(): Diagnostic[] {
    for (const t of this.tokens) {
      if (t.doc < 0 || this.attached.has(t.doc)) continue;
      let last = t.doc;
      while (last + 1 < this.docLines.length && this.docLines[last + 1]!.end <= t.start) last++;
      const start = this.docLines[t.doc]!.start;
      const end = this.docLines[last]!.end;
      this.diagnostics.push(
        makeDiagnostic(
          "W0110",
          { detail: "a doc comment here documents nothing", help: "use `//` for an ordinary comment" },
          { span: { file: this.file, start, end }, index: this.index },
        ),
      );
    }
    return this.diagnostics;
  }

  /** The doc lines directly before token `i` (or the current token), marked as attached. */
  private takeDoc(i = this.pos): A.Doc | undefined {
    const t = this.tokens[i]!;
    if (t.doc < 0 || this.spec > 0) return undefined;
    this.attached.add(t.doc);
    let last = t.doc;
    while (last + 1 < this.docLines.length && this.docLines[last + 1]!.end <= t.start) last++;
    const lines: string[] = [];
    for (let k = t.doc; k <= last; k++) lines.push(this.docLines[k]!.text);
    return {
      kind: "Doc",
      text: lines.join("\n"),
      start: this.docLines[t.doc]!.start,
      end: this.docLines[last]!.end,
    };
  }

  private mergeDoc(a: A.Doc | undefined, b: A.Doc | undefined): A.Doc | undefined {
    if (!a) return b;
    if (!b) return a;
    return { kind: "Doc", text: `${a.text}\n${b.text}`, start: a.start, end: b.end };
  }

  // ================= depth and recovery =================

  /** Enters one nesting level; false (after E0104 and skipping the group at the cursor) when too deep. */
  private enter(): boolean {
    if (this.depth < (this.spec > 0 ? this.specDepthCap : MAX_DEPTH)) {
      this.depth++;
      return true;
    }
    if (this.spec > 0) {
      this.specFailed = true;
      return false;
    }
    if (!this.tooDeepReported) {
      this.tooDeepReported = true;
      this.error(
        "E0104",
        `more than ${MAX_DEPTH} nested levels`,
        "split the expression or block into smaller pieces",
      );
      this.quiet = true;
    }
    const close = this.pair[this.pos]!;
    if (close >= 0) this.jumpTo(close + 1);
    else if (isOpener(this.peek().kind)) this.jumpTo(this.tokens.length - 1);
    else this.advance();
    return false;
  }

  /**
   * A chain built by a loop (operators, postfix operations, `else if`) is as deep in the tree
   * as its length; past `MAX_CHAIN` links it is cut with E0104 so that every later recursive
   * walk of the tree stays within the stack. Returns true (the caller stops the chain).
   */
  private chainTooLong(): boolean {
    if (this.spec > 0) {
      this.specFailed = true;
      return true;
    }
    if (!this.tooDeepReported) {
      this.tooDeepReported = true;
      this.error("E0104", `a chain of more than ${MAX_CHAIN} operations`, "split it with local variables");
      this.quiet = true;
    }
    return true;
  }

  private leave(): void {
    this.depth--;
  }

  /** Skips over the balanced group starting at the cursor, or one token. */
  private skipOne(): void {
    const close = this.pair[this.pos]!;
    if (close >= 0) this.jumpTo(close + 1);
    else this.advance();
  }

  /** Rule 19 inside blocks: skip to after `;`, or to `}`, a statement/item keyword or a line start. */
  private syncStatement(): void {
    const from = this.pos;
    for (;;) {
      const k = this.peek().kind;
      if (k === T.EOF || k === T.RBrace) return;
      if (k === T.Semi) {
        this.advance();
        return;
      }
      if (this.pos > from && (SYNC_STATEMENT.has(k) || SYNC_ITEM.has(k) || this.atLineStart())) return;
      if (k === T.RParen || k === T.RBracket || k === T.StringMiddle || k === T.StringTail) {
        this.advance();
        continue;
      }
      this.skipOne();
    }
  }

  /** Rule 19 at item level: skip to an item keyword, `[` or an identifier at a line start, or past `;`. */
  private syncItem(): void {
    const from = this.pos;
    for (;;) {
      const k = this.peek().kind;
      if (k === T.EOF || k === T.RBrace) return;
      if (k === T.Semi) {
        this.advance();
        return;
      }
      if (
        (this.pos > from || this.atLineStart()) &&
        (SYNC_ITEM.has(k) || ((k === T.Ident || k === T.LBracket) && this.atLineStart()))
      ) {
        return;
      }
      this.skipOne();
    }
  }

  /** Expects `;` ending a statement; on failure reports and resynchronises unless a new line starts. */
  private expectSemi(help?: string): boolean {
    if (this.eat(T.Semi)) return true;
    if (this.missingSemiAtLineEnd(help)) return false;
    this.errorExpected("`;`", help);
    if (!this.at(T.RBrace)) this.syncStatement();
    return false;
  }

  // ================= speculation =================

  private speculate<R>(f: () => R): R | undefined {
    const savePos = this.pos;
    const saveEnd = this.prevEnd;
    const saveFailed = this.specFailed;
    const saveCap = this.specDepthCap;
    this.spec++;
    this.specFailed = false;
    this.specDepthCap = Math.min(MAX_DEPTH, this.depth + SPECULATION_DEPTH);
    const r = f();
    const failed = this.specFailed;
    this.spec--;
    this.specFailed = saveFailed;
    this.specDepthCap = saveCap;
    if (failed) {
      this.pos = savePos;
      this.prevEnd = saveEnd;
      return undefined;
    }
    return r;
  }

  private restore(pos: number): void {
    this.jumpTo(pos);
  }

  // ================= file and items =================

  parseFile(): A.SourceFile {
    const items = this.parseItems(false);
    const eof = this.peek();
    return { kind: "SourceFile", file: this.file, items, start: 0, end: eof.end };
  }

  private parseItems(inModule: boolean): A.Item[] {
    const items: A.Item[] = [];
    for (;;) {
      const k = this.peek().kind;
      if (k === T.EOF) break;
      if (k === T.RBrace) {
        if (inModule) break;
        this.error("E0102", `found ${this.found()} with no block to close`);
        this.advance();
        continue;
      }
      const before = this.pos;
      if (this.depth === 0) {
        this.unwind = false;
        this.quiet = false;
        this.tooDeepReported = false;
      }
      const item = this.parseItem();
      if (item) items.push(item);
      if (this.pos === before) this.advance();
    }
    return fit(items);
  }

  private parseAttributes(): A.Attribute[] {
    const attrs: A.Attribute[] = [];
    while (this.at(T.LBracket)) attrs.push(this.parseAttribute());
    return attrs.length ? fit(attrs) : EMPTY;
  }

  private parseAttribute(): A.Attribute {
    const start = this.startOf();
    this.advance(); // [
    const name = this.expectIdent("an attribute name");
    let args: A.AttrArg[] | undefined;
    if (this.eat(T.LParen)) {
      args = [];
      while (!this.at(T.RParen) && !this.at(T.EOF)) {
        const s = this.startOf();
        const before = this.pos;
        const argName = this.expectIdent("an argument name");
        this.expect(T.Colon);
        const value = this.parseExpr();
        args.push({ kind: "AttrArg", name: argName, value, start: s, end: this.endFrom(s) });
        if (!this.eat(T.Comma)) break;
        if (this.pos === before) break;
      }
      this.expect(T.RParen);
    }
    if (!this.expect(T.RBracket)) this.skipTo(T.RBracket);
    return { kind: "Attribute", name, args, start, end: this.endFrom(start) };
  }

  /** Skips (balanced) to the given closer on failure and consumes it when found. */
  private skipTo(kind: T): void {
    for (;;) {
      const k = this.peek().kind;
      if (k === kind) {
        this.advance();
        return;
      }
      if (k === T.EOF || k === T.Semi || k === T.RBrace || k === T.LBrace) return;
      this.skipOne();
    }
  }

  /** Skips whole tokens (a bracket with everything up to its partner) until one of `stops` or end of file. */
  private skipUntil(stops: ReadonlySet<T>): void {
    while (!this.at(T.EOF) && !stops.has(this.peek().kind)) this.skipOne();
  }

  private noAttributes(attrs: A.Attribute[], what: string): void {
    if (attrs.length === 0) return;
    const a = attrs[0]!;
    this.errorAt("E0101", `${what} take no attributes`, a);
  }

  /** Reports at an explicit span (used where the offending construct is already consumed). */
  private errorAt(code: DiagnosticCode, detail: string, at: A.NodeSpan, help?: string): void {
    if (this.spec > 0) {
      this.specFailed = true;
      return;
    }
    this.diagnostics.push(
      makeDiagnostic(
        code,
        { detail, ...(help !== undefined ? { help } : {}) },
        { span: { file: this.file, start: at.start, end: at.end }, index: this.index },
      ),
    );
  }

  private parseItem(): A.Item | undefined {
    const start = this.startOf();
    let doc = this.takeDoc();
    const attributes = this.parseAttributes();
    if (attributes.length) doc = this.mergeDoc(doc, this.takeDoc());
    const foreignPub = this.foreignVisibility();
    const isPub = this.eat(T.KwPub) || foreignPub;
    const base: Attached = { doc, attributes, isPub, start };
    const t = this.peek();
    switch (t.kind) {
      case T.KwMod:
        return this.parseModItem(base);
      case T.KwUse:
        this.noAttributes(attributes, "`use` declarations");
        return this.parseUse(base);
      case T.KwType:
        return this.parseTypeItem(base);
      case T.KwEnum:
        return this.parseEnum(base);
      case T.KwContract:
        return this.parseContract(base);
      case T.KwAttribute:
        return this.parseAttributeDecl(base);
      case T.KwImpl:
        this.noAttributes(attributes, "impl blocks");
        return this.parseImpl(base, "impl");
      case T.KwTest:
        return this.parseTest(base);
      case T.Ident: {
        const w = t.value as string;
        if (w === "const" && this.peek(1).kind === T.Ident && this.peek(2).kind === T.Eq) {
          this.noAttributes(attributes, "consts");
          return this.parseConst(base);
        }
        if (w === "extend" && this.peek(1).kind === T.KwType) {
          this.noAttributes(attributes, "extend blocks");
          return this.parseImpl(base, "extend");
        }
        if (
          (w === "macro" || w === "host") &&
          this.peek(1).kind === T.Ident &&
          this.peek(2).kind === T.LParen
        ) {
          return w === "macro" ? this.parseMacro(base) : this.parseHost(base);
        }
        return this.parseFunction(base);
      }
      case T.LParen:
        return this.parseFunction(base);
      default:
        this.error(
          "E0102",
          `found ${this.found()}`,
          "items are functions, types, enums, contracts, tests, `mod` and `use`",
        );
        this.advance();
        this.syncItem();
        return undefined;
    }
  }

  /**
   * `public type P {`, `static i64 F()`: a visibility word of another language before an item
   * or a type-body member is one E0103 (the hint of FOREIGN_ITEM_WORDS), skipped so the item
   * itself still parses.
   * Returns whether the word meant `pub`.
   */
  private foreignVisibility(): boolean {
    const t = this.peek();
    if (t.kind !== T.Ident) return false;
    const word = t.value as string;
    if (!VISIBILITY_WORDS.has(word)) return false;
    const next = this.peek(1).kind;
    const after = this.peek(2).kind;
    const itemKeyword = SYNC_ITEM.has(next);
    const typedFunction = next === T.Ident && (after === T.Ident || after === T.Lt || after === T.LBracket);
    if (!itemKeyword && !typedFunction) return false;
    this.error("E0103", `\`${word}\` is not a Beskid declaration`, FOREIGN_ITEM_WORDS.get(word));
    this.advance();
    return word === "public" || word === "export";
  }

  private item<K extends A.Item>(
    base: Attached,
    node: Omit<K, "doc" | "attributes" | "isPub" | "start" | "end">,
  ): K {
    // `kind` first, then the common fields, so every item dumps in the same order.
    const fields: object = node;
    return {
      kind: node.kind,
      doc: base.doc,
      attributes: base.attributes,
      isPub: base.isPub,
      ...fields,
      start: base.start,
      end: this.endFrom(base.start),
    } as unknown as K;
  }

  private parseModPath(): A.ModPath {
    const start = this.startOf();
    const segments = [this.expectIdent("a module name")];
    while (this.at(T.Dot) && this.peek(1).kind === T.Ident) {
      this.advance();
      segments.push(this.identOf(this.advance()));
    }
    return { kind: "ModPath", segments, start, end: this.endFrom(start) };
  }

  private parseModItem(base: Attached): A.Item {
    this.advance(); // mod
    if (this.peek().kind === T.Ident && this.peek(1).kind === T.LBrace) {
      const name = this.identOf(this.advance());
      this.advance(); // {
      if (!this.enter()) return this.item<A.InlineModule>(base, { kind: "InlineModule", name, items: [] });
      const items = this.parseItems(true);
      this.leave();
      this.expect(T.RBrace);
      return this.item<A.InlineModule>(base, { kind: "InlineModule", name, items });
    }
    const path = this.parseModPath();
    this.expectItemSemi();
    return this.item<A.ModuleDecl>(base, { kind: "ModDecl", path });
  }

  private expectItemSemi(): void {
    if (this.eat(T.Semi)) return;
    if (this.missingSemiAtLineEnd()) return;
    this.errorExpected("`;`");
    this.syncItem();
  }

  private parseUse(base: Attached): A.UseDecl {
    this.advance(); // use
    const path = this.parseModPath();
    if (this.at(T.Dot) && (this.peek(1).kind === T.LBrace || this.peek(1).kind === T.Star)) {
      const grouped = this.peek(1).kind === T.LBrace;
      this.error(
        "E0103",
        grouped ? "grouped imports do not exist" : "glob imports do not exist",
        "write one `use A.B;` per module or item",
      );
      this.advance();
      this.skipOne();
      this.eat(T.Semi);
      return this.item<A.UseDecl>(base, { kind: "Use", path });
    }
    let alias: A.Ident | undefined;
    if (this.atWord("as")) {
      this.advance();
      alias = this.expectIdent("an alias name");
    }
    this.expectItemSemi();
    return this.item<A.UseDecl>(base, { kind: "Use", path, alias });
  }

  private parseConst(base: Attached): A.ConstItem {
    this.advance(); // const
    const name = this.identOf(this.advance());
    this.advance(); // =
    const value = this.parseSignedInt("an integer literal");
    this.expectItemSemi();
    return this.item<A.ConstItem>(base, { kind: "Const", name, value });
  }

  private parseSignedInt(what: string): A.SignedIntLiteral {
    const start = this.startOf();
    const negative = this.eat(T.Minus);
    const t = this.peek();
    let literal: A.IntLiteral;
    if (t.kind === T.Int) {
      this.advance();
      literal = this.intLiteral(t);
    } else {
      this.errorExpected(what);
      literal = { kind: "IntLit", value: 0n, radix: 10, start: this.prevEnd, end: this.prevEnd };
    }
    return { kind: "SignedInt", negative, literal, start, end: this.endFrom(start) };
  }

  private intLiteral(t: Token): A.IntLiteral {
    const code = (t.flags & SUFFIX_MASK) >> SUFFIX_SHIFT;
    return {
      kind: "IntLit",
      value: t.value as bigint,
      radix: t.flags & HEX ? 16 : 10,
      suffix: code ? (SUFFIXES[code] as A.IntSuffix) : undefined,
      start: t.start,
      end: t.end,
    };
  }

  private floatLiteral(t: Token): A.FloatLiteral {
    const code = (t.flags & SUFFIX_MASK) >> SUFFIX_SHIFT;
    return {
      kind: "FloatLit",
      value: t.value as number,
      suffix: code ? (SUFFIXES[code] as A.FloatSuffix) : undefined,
      start: t.start,
      end: t.end,
    };
  }

  private parseGenericParams(): A.Ident[] {
    const params: A.Ident[] = [];
    if (!this.at(T.Lt)) return EMPTY;
    this.advance();
    while (!this.at(T.Gt) && !this.at(T.EOF)) {
      const before = this.pos;
      params.push(this.expectIdent("a type parameter name"));
      if (!this.eat(T.Comma)) break;
      if (this.pos === before) break;
    }
    this.expect(T.Gt);
    return params.length ? fit(params) : EMPTY;
  }

  private parseWhere(): A.WhereBound[] {
    const bounds: A.WhereBound[] = [];
    if (!(this.atWord("where") && this.peek(1).kind === T.Ident && this.peek(2).kind === T.Colon))
      return EMPTY;
    this.advance();
    do {
      const start = this.startOf();
      const param = this.expectIdent("a type parameter name");
      this.expect(T.Colon);
      const bound = this.parseTypePath();
      bounds.push({ kind: "WhereBound", param, bound, start, end: this.endFrom(start) });
    } while (this.eat(T.Comma));
    return fit(bounds);
  }

  private parseConformances(): A.NamedType[] {
    const list: A.NamedType[] = [];
    if (!this.eat(T.Colon)) return EMPTY;
    do list.push(this.parseTypePath());
    while (this.eat(T.Comma));
    return fit(list);
  }

  /** A `TypePath` where the grammar demands one (conformances, bounds, embeddings). */
  private parseTypePath(): A.NamedType {
    const t = this.parseType();
    if (t.kind === "NamedType") return t;
    if (t.kind !== "ErrorType")
      this.errorAt("E0101", "expected a type path such as `Core.Text.Formattable`", t);
    return { kind: "NamedType", segments: [], start: t.start, end: t.end };
  }

  /** `F() -> T` from other languages (LANGUAGE.md §3.5): E0103, then skip the arrow and its type. */
  private skipTrailingReturnType(): void {
    if (!this.at(T.ThinArrow)) return;
    this.error("E0103", "`->` return types do not exist", "the return type comes first: `T Name(…) { … }`");
    this.advance();
    if (!this.at(T.LBrace) && !this.at(T.FatArrow) && !this.at(T.Semi)) this.parseType();
  }

  private parseParams(): A.Param[] {
    const params: A.Param[] = [];
    if (!this.expect(T.LParen)) return params;
    while (!this.at(T.RParen) && !this.at(T.EOF)) {
      const before = this.pos;
      params.push(this.parseParam());
      if (this.eat(T.Comma)) continue;
      if (!this.at(T.RParen)) this.errorExpected("`,` or `)`");
      break;
    }
    if (!this.eat(T.RParen)) {
      this.errorExpected("`)`");
      this.skipTo(T.RParen);
    }
    return params.length ? fit(params) : EMPTY;
  }

  /** Rule 13: `ref`/`out`/`bulk` are modifiers only when a type and a name follow. */
  private isModifierWord(word: string): boolean {
    if (!this.atWord(word)) return false;
    const save = this.pos;
    const ok = this.speculate(() => {
      this.advance();
      this.parseType();
      if (!this.at(T.Ident)) this.specFailed = true;
      return true;
    });
    this.restore(save);
    return ok === true;
  }

  private parseParam(): A.Param {
    const start = this.startOf();
    const doc = this.takeDoc();
    let bulk = false;
    if (this.isModifierWord("bulk")) {
      this.advance();
      bulk = true;
    }
    let modifier: A.ParamModifier | undefined;
    if (this.eat(T.KwMut)) modifier = "mut";
    else if (this.isModifierWord("ref")) {
      this.advance();
      modifier = "ref";
    } else if (this.isModifierWord("out")) {
      this.advance();
      modifier = "out";
    }
    const type = this.parseType();
    const name = this.expectIdent("a parameter name");
    return {
      kind: "Param",
      doc,
      bulk,
      modifier,
      type,
      name,
      start,
      end: this.endFrom(start),
    };
  }

  private parseFunction(base: Attached): A.FunctionItem {
    const errorsBefore = this.diagnostics.length;
    const returnType = this.parseType();
    const name = this.expectIdent("a function name");
    if (name.text && !this.at(T.LParen) && !this.at(T.Lt)) {
      // Not a function after all: say what the first word probably meant, skip the item.
      const word =
        returnType.kind === "NamedType" && returnType.segments.length === 1
          ? returnType.segments[0]!.name.text
          : "";
      const hint = FOREIGN_ITEM_WORDS.get(word);
      if (this.diagnostics.length > errorsBefore) {
        // The return type was already broken: this is a consequence, not a second problem.
      } else if (hint) this.errorAt("E0103", `\`${word}\` is not a Beskid declaration`, returnType, hint);
      else this.errorExpected("`(` after the function name");
      this.lastErrorToken = Math.max(this.lastErrorToken, this.pos);
      this.syncItem();
      return this.item<A.FunctionItem>(base, {
        kind: "Function",
        returnType,
        name,
        typeParams: EMPTY,
        params: EMPTY,
        where: EMPTY,
        body: undefined,
      });
    }
    const typeParams = this.parseGenericParams();
    const params = this.parseParams();
    this.skipTrailingReturnType();
    const where = this.parseWhere();
    let body: A.Block | A.ExprBody | undefined;
    if (this.at(T.LBrace)) body = this.parseBlock();
    else if (this.at(T.FatArrow)) body = this.parseExprBody(true);
    else if (!this.eat(T.Semi)) {
      this.errorExpected("`{`, `=>` or `;`");
      this.syncItem();
    }
    return this.item<A.FunctionItem>(base, {
      kind: "Function",
      returnType,
      name,
      typeParams,
      params,
      where,
      body,
    });
  }

  private parseExprBody(semiRequired: boolean): A.ExprBody {
    const start = this.startOf();
    this.advance(); // =>
    const expr = this.parseExpr();
    const end = this.endFrom(start);
    if (semiRequired) this.expectItemSemi();
    else this.eat(T.Semi);
    return { kind: "ExprBody", expr, start, end };
  }

  private parseImpl(base: Attached, form: "impl" | "extend"): A.ImplItem {
    if (base.isPub)
      this.errorAt("E0101", `\`pub\` has no meaning on ${form} blocks`, {
        start: base.start,
        end: base.start + 3,
      });
    this.advance(); // impl | extend
    if (form === "extend") this.advance(); // type
    const typeParams = form === "impl" ? this.parseGenericParams() : [];
    const target = this.parseType();
    const conformances = form === "impl" ? this.parseConformances() : [];
    const where = form === "impl" ? this.parseWhere() : [];
    const members: (A.MethodDecl | A.AssocTypeDecl)[] = [];
    if (this.expect(T.LBrace)) {
      while (!this.at(T.RBrace) && !this.at(T.EOF)) {
        this.unwind = false;
        const before = this.pos;
        const m = this.parseMemberEntry(false);
        // A field here was already reported by parseMemberEntry ("expected `(`"); it is dropped.
        if (m && m.kind !== "Field" && m.kind !== "EventField" && m.kind !== "InjectField") members.push(m);
        if (this.pos === before && !this.unwind) this.skipOne();
      }
      this.expect(T.RBrace);
    }
    return this.item<A.ImplItem>(base, {
      kind: "Impl",
      form,
      typeParams,
      target,
      conformances,
      where,
      members,
    });
  }

  /**
   * One entry of a type or impl body (rule 10): event field, inject field, associated type,
   * member or value field. Returns undefined after reporting when nothing could be parsed.
   */
  private parseMemberEntry(
    allowFields: boolean,
  ): A.MethodDecl | A.AssocTypeDecl | A.ValueField | A.EventField | A.InjectField | undefined {
    const start = this.startOf();
    let doc = this.takeDoc();
    const attributes = this.parseAttributes();
    if (attributes.length) doc = this.mergeDoc(doc, this.takeDoc());
    const foreignPub = this.foreignVisibility();
    const isPub = this.eat(T.KwPub) || foreignPub;
    if (this.at(T.KwType)) {
      this.advance();
      const name = this.expectIdent("an associated type name");
      let value: A.Type | undefined;
      if (this.expect(T.Eq)) value = this.parseType();
      this.expectItemSemi();
      return { kind: "AssocType", doc, name, value, start, end: this.endFrom(start) };
    }
    if (
      allowFields &&
      this.atWord("event") &&
      (this.peek(1).kind === T.LBrace || (this.peek(1).kind === T.Ident && this.peek(2).kind === T.LParen))
    ) {
      this.advance();
      let capacity: A.SignedIntLiteral | undefined;
      if (this.eat(T.LBrace)) {
        capacity = this.parseSignedInt("an event capacity");
        this.expect(T.RBrace);
      }
      const name = this.expectIdent("an event name");
      const params = this.parseParams();
      return {
        kind: "EventField",
        doc,
        attributes,
        isPub,
        capacity,
        name,
        params,
        start,
        end: this.endFrom(start),
      };
    }
    if (allowFields && this.atWord("inject") && this.isInjectField()) {
      this.advance();
      let scope: "global" | "parent" | undefined;
      if ((this.atWord("global") || this.atWord("parent")) && this.peek(1).kind === T.ColonColon) {
        scope = this.advance().value as "global" | "parent";
        this.advance();
      }
      const type = this.parseType();
      const name = this.expectIdent("a field name");
      return {
        kind: "InjectField",
        doc,
        attributes,
        isPub,
        scope,
        type,
        name,
        start,
        end: this.endFrom(start),
      };
    }
    if (allowFields && this.at(T.KwMut)) {
      // `mut i64 count,`: report it and read the field as if `mut` were not there.
      this.error(
        "E0101",
        "fields take no `mut`",
        "fields are always assignable (`p.count = v`, D22): remove `mut`",
      );
      this.advance();
    }
    if (!this.startsType()) {
      this.errorExpected(
        allowFields ? "a field or member" : "a member",
        this.at(T.Comma)
          ? "commas separate fields only; a member ends with its `}` or with `;` after `=> expr`"
          : undefined,
      );
      this.syncStatement();
      return undefined;
    }
    const type = this.parseType();
    const name = this.expectIdent(allowFields ? "a field or member name" : "a member name");
    if (this.at(T.Lt)) {
      const s = this.startOf();
      this.parseGenericParams();
      this.errorAt(
        "E0103",
        "members take no generic parameters",
        this.span(s),
        "declare the type parameter on the type or impl, or make this a module function",
      );
    }
    if (this.at(T.LParen)) {
      const params = this.parseParams();
      this.skipTrailingReturnType();
      let body: A.Block | A.ExprBody;
      if (this.at(T.LBrace)) {
        body = this.parseBlock();
        this.eat(T.Semi);
      } else if (this.at(T.FatArrow)) {
        body = this.parseExprBody(false);
      } else {
        this.errorExpected("`{` or `=>` (a member needs a body)");
        body = { kind: "Block", statements: [], start: this.prevEnd, end: this.prevEnd };
        this.syncStatement();
      }
      return {
        kind: "Method",
        doc,
        attributes,
        isPub,
        returnType: type,
        name,
        params,
        body,
        start,
        end: this.endFrom(start),
      };
    }
    if (!allowFields) {
      this.errorExpected("`(` (impl blocks hold members)");
      this.syncStatement();
    }
    return { kind: "Field", doc, attributes, isPub, type, name, start, end: this.endFrom(start) };
  }

  /** `inject` followed by a type and a name (rule 14). */
  private isInjectField(): boolean {
    const save = this.pos;
    const ok = this.speculate(() => {
      this.advance();
      if ((this.atWord("global") || this.atWord("parent")) && this.peek(1).kind === T.ColonColon) {
        this.advance();
        this.advance();
      }
      this.parseType();
      if (!this.at(T.Ident)) this.specFailed = true;
      return true;
    });
    this.restore(save);
    return ok === true;
  }

  private startsType(): boolean {
    const k = this.peek().kind;
    return k === T.Ident || k === T.LParen;
  }

  private parseTypeItem(base: Attached): A.TypeItem {
    this.advance(); // type
    const name = this.expectIdent("a type name");
    const typeParams = this.parseGenericParams();
    if (this.at(T.Eq)) {
      this.error("E0103", "type aliases do not exist", "declare a record with `type Name { fields }`");
      this.syncItem();
      return this.item<A.TypeItem>(base, {
        kind: "Type",
        name,
        typeParams,
        conformances: [],
        fields: [],
        members: [],
      });
    }
    const conformances = this.parseConformances();
    if (this.atWord("where") && this.peek(1).kind === T.Ident && this.peek(2).kind === T.Colon) {
      // §4.2 gives `where` to functions and `impl` blocks only; one error, then the body.
      const bound = this.peek(1).value as string;
      const ps = typeParams.length > 0 ? typeParams.map((p) => p.text).join(", ") : bound;
      this.error(
        "E0101",
        "a `type` declaration takes no `where` clause",
        `declare the bound on the members that need it: \`impl<${ps}> ${name.text}<${ps}> where ${bound}: … { … }\``,
      );
      this.parseWhere();
    }
    const fields: A.TypeField[] = [];
    const members: (A.MethodDecl | A.AssocTypeDecl)[] = [];
    if (this.expect(T.LBrace)) {
      let needComma = false;
      let semicolonReported = false;
      while (!this.at(T.RBrace) && !this.at(T.EOF)) {
        this.unwind = false;
        const before = this.pos;
        const entryStart = this.pos;
        const m = this.parseMemberEntry(true);
        if (m) {
          if (m.kind === "Method" || m.kind === "AssocType") {
            members.push(m);
            needComma = false;
          } else {
            if (members.length) {
              this.errorAt("E0101", "a field after the first member", m, "fields come first in a type body");
            } else if (needComma) {
              this.errorAt("E0101", "expected `,` between fields", {
                start: this.tokens[entryStart]!.start,
                end: this.tokens[entryStart]!.end,
              });
            }
            fields.push(m);
            needComma = !this.eat(T.Comma);
            if (needComma && this.at(T.Semi)) {
              // `i64 x;` (fields written like locals): said once per type body, then accepted.
              if (!semicolonReported) {
                this.error(
                  "E0101",
                  "expected `,` after a field, found `;`",
                  "fields are separated by commas",
                );
                semicolonReported = true;
              }
              this.advance();
              needComma = false;
            }
          }
        }
        if (this.pos === before && !this.unwind) this.skipOne();
      }
      this.expect(T.RBrace);
    }
    return this.item<A.TypeItem>(base, {
      kind: "Type",
      name,
      typeParams,
      conformances,
      fields: fit(fields),
      members: fit(members),
    });
  }

  private parseEnum(base: Attached): A.EnumItem {
    this.advance(); // enum
    const name = this.expectIdent("an enum name");
    const typeParams = this.parseGenericParams();
    const variants: A.Variant[] = [];
    if (this.expect(T.LBrace)) {
      while (!this.at(T.RBrace) && !this.at(T.EOF)) {
        const before = this.pos;
        variants.push(this.parseVariant());
        if (this.eat(T.Comma)) continue;
        if (!this.at(T.RBrace)) {
          this.errorExpected("`,` or `}`");
          if (this.pos === before && !this.unwind) this.skipOne();
          if (!this.atLineStart()) this.syncStatement();
        }
      }
      this.expect(T.RBrace);
    }
    return this.item<A.EnumItem>(base, { kind: "Enum", name, typeParams, variants: fit(variants) });
  }

  private parseVariant(): A.Variant {
    const start = this.startOf();
    const doc = this.takeDoc();
    if (this.at(T.LBracket)) {
      const attrs = this.parseAttributes();
      this.noAttributes(attrs, "variants");
    }
    const name = this.expectIdent("a variant name");
    const fields: A.VariantField[] = [];
    let hasParens = false;
    if (this.eat(T.LParen)) {
      hasParens = true;
      while (!this.at(T.RParen) && !this.at(T.EOF)) {
        const s = this.startOf();
        const fdoc = this.takeDoc();
        const type = this.parseType();
        const fname = this.at(T.Ident) ? this.identOf(this.advance()) : undefined;
        fields.push({
          kind: "VariantField",
          doc: fdoc,
          type,
          name: fname,
          index: fields.length,
          start: s,
          end: this.endFrom(s),
        });
        if (this.eat(T.Comma)) continue;
        if (!this.at(T.RParen)) this.errorExpected("`,` or `)`");
        break;
      }
      if (!this.eat(T.RParen)) this.skipTo(T.RParen);
    }
    return { kind: "Variant", doc, name, hasParens, fields: fit(fields), start, end: this.endFrom(start) };
  }

  private parseContract(base: Attached): A.ContractItem {
    this.advance(); // contract
    const name = this.expectIdent("a contract name");
    const typeParams = this.parseGenericParams();
    const members: A.ContractMember[] = [];
    if (this.expect(T.LBrace)) {
      while (!this.at(T.RBrace) && !this.at(T.EOF)) {
        const before = this.pos;
        const m = this.parseContractMember();
        if (m) members.push(m);
        if (this.pos === before && !this.unwind) this.skipOne();
      }
      this.expect(T.RBrace);
    }
    return this.item<A.ContractItem>(base, { kind: "Contract", name, typeParams, members: fit(members) });
  }

  /** Rule 11. */
  private parseContractMember(): A.ContractMember | undefined {
    const start = this.startOf();
    let doc = this.takeDoc();
    const attributes = this.parseAttributes();
    if (attributes.length) doc = this.mergeDoc(doc, this.takeDoc());
    if (this.at(T.KwType)) {
      this.advance();
      const name = this.expectIdent("an associated type name");
      const value = this.eat(T.Eq) ? this.parseType() : undefined;
      this.expectItemSemi();
      return { kind: "AssocType", doc, name, value, start, end: this.endFrom(start) };
    }
    if (!this.startsType()) {
      this.errorExpected("a method signature or an embedded contract");
      this.syncStatement();
      return undefined;
    }
    const type = this.parseType();
    if (this.at(T.Ident) && this.peek(1).kind === T.LParen) {
      const name = this.identOf(this.advance());
      const params = this.parseParams();
      this.skipTrailingReturnType();
      if (this.at(T.LBrace) || this.at(T.FatArrow)) {
        this.error("E0101", "contract methods have no body", "write the signature followed by `;`");
        if (this.at(T.LBrace)) this.skipOne();
        else this.syncStatement();
      } else this.expectItemSemi();
      return {
        kind: "ContractMethod",
        doc,
        attributes,
        returnType: type,
        name,
        params,
        start,
        end: this.endFrom(start),
      };
    }
    if (attributes.length) this.noAttributes(attributes, "embedded contracts");
    const embedded = type.kind === "NamedType" ? type : undefined;
    if (!embedded) {
      if (type.kind !== "ErrorType")
        this.errorAt("E0101", "expected a method signature or an embedded contract path", type);
      this.syncStatement();
      return undefined;
    }
    // The `;` after an embedding is optional; anything that starts the next member may follow.
    const k = this.peek().kind;
    if (!this.eat(T.Semi) && k !== T.RBrace && k !== T.Ident && k !== T.KwType && k !== T.LBracket) {
      this.errorExpected("`;` or a method name followed by `(`");
      this.syncStatement();
    }
    return { kind: "ContractEmbed", doc, type: embedded, start, end: this.endFrom(start) };
  }

  private parseTest(base: Attached): A.TestItem {
    this.advance(); // test
    const name = this.expectIdent("a test name");
    const sections: A.TestSection[] = [];
    const body: A.Stmt[] = [];
    if (this.at(T.LParen)) {
      this.error("E0101", "tests take no parameter list", "write `test Name { … }`");
      this.skipOne();
    }
    if (this.expect(T.LBrace)) {
      if (this.enter()) {
        while (!this.at(T.RBrace) && !this.at(T.EOF) && !this.unwind) {
          const before = this.pos;
          if ((this.atWord("meta") || this.at(T.KwSkip)) && this.peek(1).kind === T.LBrace) {
            sections.push(this.parseTestSection());
          } else {
            const s = this.parseStatement(true);
            if (s) body.push(s);
          }
          if (this.pos === before && !this.unwind) this.skipOne();
        }
        this.leave();
      }
      this.expect(T.RBrace);
    }
    return this.item<A.TestItem>(base, { kind: "Test", name, sections: fit(sections), body: fit(body) });
  }

  private parseTestSection(): A.TestSection {
    const start = this.startOf();
    const section = this.at(T.KwSkip) ? "skip" : "meta";
    this.advance();
    this.advance(); // {
    const entries: A.TestEntry[] = [];
    while (!this.at(T.RBrace) && !this.at(T.EOF) && !this.unwind) {
      const before = this.pos;
      const s = this.startOf();
      const key = this.expectIdent("a key");
      this.expect(T.Eq);
      const value = this.parseExpr();
      this.expectSemi();
      entries.push({ kind: "TestEntry", key, value, start: s, end: this.endFrom(s) });
      if (this.pos === before && !this.unwind) this.skipOne();
    }
    this.expect(T.RBrace);
    return { kind: "TestSection", section, entries: fit(entries), start, end: this.endFrom(start) };
  }

  private parseAttributeDecl(base: Attached): A.AttributeDecl {
    this.advance(); // attribute
    const name = this.expectIdent("an attribute name");
    let targets: A.Ident[] | undefined;
    if (this.eat(T.LParen)) {
      targets = [];
      while (!this.at(T.RParen) && !this.at(T.EOF)) {
        const before = this.pos;
        targets.push(this.expectIdent("a target name"));
        if (!this.eat(T.Comma) || this.pos === before) break;
      }
      if (!this.expect(T.RParen)) this.skipTo(T.RParen);
    }
    const params: A.AttrParam[] = [];
    if (this.expect(T.LBrace)) {
      while (!this.at(T.RBrace) && !this.at(T.EOF) && !this.unwind) {
        const before = this.pos;
        const s = this.startOf();
        const pname = this.expectIdent("a parameter name");
        this.expect(T.Colon);
        const type = this.parseType();
        const def = this.eat(T.Eq) ? this.parseExpr() : undefined;
        params.push({
          kind: "AttrParam",
          name: pname,
          type,
          default: def,
          start: s,
          end: this.endFrom(s),
        });
        if (this.eat(T.Comma)) continue;
        if (!this.at(T.RBrace)) {
          this.errorExpected("`,` or `}`");
          this.syncStatement();
        }
        if (this.pos === before && !this.unwind) this.skipOne();
      }
      this.expect(T.RBrace);
    }
    return this.item<A.AttributeDecl>(base, {
      kind: "AttributeDecl",
      name,
      targets,
      params,
    });
  }

  /** A balanced `{ … }` kept opaque. */
  private parseTokenBlock(): A.TokenBlock {
    const start = this.startOf();
    if (!this.at(T.LBrace)) {
      this.errorExpected("`{`");
      return { kind: "TokenBlock", start: this.prevEnd, end: this.prevEnd };
    }
    const close = this.pair[this.pos]!;
    if (close < 0) {
      this.error("E0101", "this `{` is never closed");
      this.jumpTo(this.tokens.length - 1);
    } else this.jumpTo(close + 1);
    return { kind: "TokenBlock", start, end: this.endFrom(start) };
  }

  private parseMacro(base: Attached): A.MacroItem {
    this.advance(); // macro
    const name = this.identOf(this.advance());
    this.advance(); // (
    const params: A.MacroParam[] = [];
    while (!this.at(T.RParen) && !this.at(T.EOF)) {
      const before = this.pos;
      const s = this.startOf();
      const paramKind = this.expectIdent("a macro parameter kind");
      const pname = this.expectIdent("a macro parameter name");
      params.push({ kind: "MacroParam", paramKind, name: pname, start: s, end: this.endFrom(s) });
      if (!this.eat(T.Comma) || this.pos === before) break;
    }
    if (!this.expect(T.RParen)) this.skipTo(T.RParen);
    const body = this.parseTokenBlock();
    return this.item<A.MacroItem>(base, { kind: "Macro", name, params, body });
  }

  private parseHost(base: Attached): A.HostItem {
    this.advance(); // host
    const name = this.identOf(this.advance());
    const params = this.parseParams();
    const service = this.eat(T.Colon) ? this.parseTypePath() : undefined;
    const body = this.parseTokenBlock();
    return this.item<A.HostItem>(base, { kind: "Host", name, params, service, body });
  }

  // ================= types =================

  private parseType(): A.Type {
    const start = this.startOf();
    if (!this.enter()) return { kind: "ErrorType", start, end: this.endFrom(start) };
    try {
      if (this.at(T.LParen)) {
        // ArrowFnType: (T, U) => R
        this.advance();
        const params = this.parseTypeList(T.RParen);
        this.expect(T.RParen);
        if (!this.at(T.FatArrow)) {
          this.errorExpected("`=>` (a function type is written `(T, U) => R`)");
          return { kind: "ErrorType", start, end: this.endFrom(start) };
        }
        this.advance();
        const returnType = this.parseType();
        return { kind: "FunctionType", returnType, params, arrow: true, start, end: this.endFrom(start) };
      }
      const atom = this.parseTypeAtom();
      if (atom.kind === "ErrorType") return atom;
      // `R(P)` and `T[]` suffixes apply left to right (ours: the grammar allows one parameter
      // list and no `[]` after it): `i64(i64)[]` is an array of functions, `i64(i64)(string)`
      // a function of a string returning an `i64(i64)`.
      let t: A.Type = atom;
      for (;;) {
        if (this.at(T.LParen)) {
          this.advance();
          const params = this.parseTypeList(T.RParen);
          this.expect(T.RParen);
          t = { kind: "FunctionType", returnType: t, params, arrow: false, start, end: this.endFrom(start) };
        } else if (this.at(T.LBracket) && this.peek(1).kind === T.RBracket) {
          this.advance();
          this.advance();
          t = { kind: "ArrayType", element: t, start, end: this.endFrom(start) };
        } else return t;
      }
    } finally {
      this.leave();
    }
  }

  private parseTypeList(close: T): A.Type[] {
    const list: A.Type[] = [];
    while (!this.at(close) && !this.at(T.EOF)) {
      const before = this.pos;
      list.push(this.parseType());
      if (!this.eat(T.Comma) || this.pos === before) break;
    }
    return fit(list);
  }

  private parseTypeAtom(): A.Type {
    const start = this.startOf();
    const t = this.peek();
    if (t.kind !== T.Ident) {
      this.errorExpected("a type");
      return { kind: "ErrorType", start: this.prevEnd, end: this.prevEnd };
    }
    const word = t.value as string;
    if (word === "ref" && this.peek(1).kind === T.Ident) {
      this.advance();
      if (!this.enter()) return { kind: "ErrorType", start, end: this.endFrom(start) };
      const inner = this.parseTypeAtom();
      this.leave();
      return { kind: "RefType", inner, start, end: this.endFrom(start) };
    }
    if (word === "This") {
      this.advance();
      return { kind: "ThisType", start, end: this.endFrom(start) };
    }
    if (PRIMITIVES.has(word)) {
      this.advance();
      return { kind: "PrimitiveType", name: word as A.PrimitiveName, start, end: this.endFrom(start) };
    }
    const segments: A.PathSegment[] = [];
    for (;;) {
      const s = this.startOf();
      const name = this.expectIdent("a type name");
      let typeArgs: A.Type[] | undefined;
      if (this.at(T.Lt)) {
        this.advance();
        typeArgs = this.parseTypeList(T.Gt);
        this.expect(T.Gt);
      }
      segments.push(this.pathSegment(name, typeArgs, s));
      if (segments.length >= MAX_CHAIN && this.chainTooLong()) break;
      if (this.at(T.Dot) && this.peek(1).kind === T.Ident) {
        this.advance();
        continue;
      }
      break;
    }
    let assoc: A.Ident | undefined;
    if (this.at(T.ColonColon) && this.peek(1).kind === T.Ident) {
      this.advance();
      assoc = this.identOf(this.advance());
    }
    return { kind: "NamedType", segments: fit(segments), assoc, start, end: this.endFrom(start) };
  }

  /** One `Name<Args>` segment of a type, expression or pattern path that began at `start`. */
  private pathSegment(name: A.Ident, typeArgs: A.Type[] | undefined, start: number): A.PathSegment {
    return { kind: "PathSegment", name, typeArgs, start, end: typeArgs ? this.endFrom(start) : name.end };
  }

  /** Rule 3: `<Type, …>` after a name in an expression or pattern, only when the follow set confirms it. */
  private tryGenericArgs(): A.Type[] | undefined {
    if (!this.at(T.Lt)) return undefined;
    const save = this.pos;
    const args = this.speculate(() => {
      this.advance();
      const list = this.parseTypeList(T.Gt);
      if (list.length === 0 || !this.at(T.Gt)) {
        this.specFailed = true;
        return list;
      }
      this.advance();
      if (!GENERIC_FOLLOW.has(this.peek().kind)) this.specFailed = true;
      return list;
    });
    if (args === undefined) this.restore(save);
    return args;
  }

  // ================= statements =================

  private parseBlock(): A.Block {
    const start = this.startOf();
    if (!this.at(T.LBrace)) {
      this.errorExpected("`{`");
      return { kind: "Block", statements: [], start: this.prevEnd, end: this.prevEnd };
    }
    if (!this.enter()) return { kind: "Block", statements: [], start, end: this.endFrom(start) };
    this.advance();
    const statements: A.Stmt[] = [];
    const saveHead = this.inHead;
    this.inHead = false;
    while (!this.at(T.RBrace) && !this.at(T.EOF) && !this.unwind) {
      const before = this.pos;
      const s = this.parseStatement(false);
      if (s) statements.push(s);
      if (this.pos === before && !this.unwind) this.skipOne();
    }
    this.inHead = saveHead;
    this.leave();
    if (this.at(T.EOF)) this.errorExpected("`}`", this.unclosedBlockHint());
    else this.expect(T.RBrace);
    return { kind: "Block", statements: fit(statements), start, end: this.endFrom(start) };
  }

  private parseStatement(inTest: boolean): A.Stmt | undefined {
    const start = this.startOf();
    const doc = inTest ? this.takeDoc() : undefined;
    const s = this.parseStatementInner(start);
    if (s && doc) return { ...s, doc };
    return s;
  }

  private parseStatementInner(start: number): A.Stmt | undefined {
    const t = this.peek();
    switch (t.kind) {
      case T.LBrace: {
        const block = this.parseBlock();
        this.eat(T.Semi);
        return { kind: "BlockStmt", block, start, end: this.endFrom(start) };
      }
      case T.KwMatch: {
        // Rule 8: a statement that begins with `match` ends at its `}`.
        const expr = this.parseMatch();
        const semicolon = this.eat(T.Semi);
        return { kind: "ExprStmt", expr, semicolon, start, end: this.endFrom(start) };
      }
      case T.KwIf:
        return this.parseIf();
      case T.KwWhile: {
        this.advance();
        if (this.at(T.KwLet)) {
          this.error("E0103", "`while let` does not exist", "use `while` with a `match` inside");
          this.syncStatement();
          return undefined;
        }
        const condition = this.parseHeadExpr();
        const body = this.parseBlock();
        return { kind: "While", condition, body, start, end: this.endFrom(start) };
      }
      case T.KwFor: {
        this.advance();
        if (this.at(T.LParen)) {
          // `for (i = 0; i < n; i += 1)` or `for (x in xs)`: one error, then the body as a block.
          this.error(
            "E0103",
            "C-style `for (…)` loops do not exist",
            "write `for i in range(start, end) { … }`, `for x in items { … }`, or a `while` loop",
          );
          this.skipOne();
          if (this.at(T.LBrace)) this.parseBlock();
          return undefined;
        }
        const binding = this.expectIdent("a loop variable");
        this.expect(T.KwIn);
        const iterable = this.parseHeadExpr();
        const body = this.parseBlock();
        return { kind: "For", binding, iterable, body, start, end: this.endFrom(start) };
      }
      case T.KwReturn: {
        this.advance();
        let value: A.Expr | undefined;
        if (!this.at(T.Semi) && !this.at(T.RBrace)) value = this.parseExpr();
        this.expectSemi();
        return { kind: "Return", value, start, end: this.endFrom(start) };
      }
      case T.KwBreak:
      case T.KwContinue: {
        this.advance();
        if (this.at(T.Ident) && !this.atLineStart()) {
          this.error(
            "E0103",
            "loops have no labels",
            `write \`${t.kind === T.KwBreak ? "break" : "continue"};\``,
          );
          this.advance();
        }
        this.expectSemi();
        return { kind: t.kind === T.KwBreak ? "Break" : "Continue", start, end: this.endFrom(start) };
      }
      case T.KwMut: {
        this.advance();
        const type = this.parseType();
        return this.finishLocal(start, "typed", true, type);
      }
      case T.KwLet: {
        this.advance();
        const mutable = this.eat(T.KwMut);
        const name = this.expectIdent("a variable name");
        if (this.at(T.Colon)) {
          this.error("E0103", "`let x: T` does not exist", "write `T x = …;` for a typed local");
          this.advance();
          this.parseType();
        }
        let init: A.Expr | undefined;
        if (this.expect(T.Eq)) init = this.parseExpr();
        this.expectSemi();
        return {
          kind: "Local",
          form: "let",
          mutable,
          name,
          init,
          start,
          end: this.endFrom(start),
        };
      }
      case T.KwUse:
        return this.parseScopedUse(start);
      case T.Ident: {
        const w = t.value as string;
        if (w === "with" && this.peek(1).kind === T.Ident && this.peek(2).kind === T.LParen) {
          this.advance();
          this.advance();
          this.parseArgs();
          this.parseBlock();
          return { kind: "UnsupportedStmt", construct: "with", start, end: this.endFrom(start) };
        }
        if (w === "launch" && this.peek(1).kind === T.Ident) {
          this.advance();
          this.parseTypeAtom();
          if (this.at(T.LParen)) this.parseArgs();
          else this.errorExpected("`(`");
          this.expectSemi();
          return { kind: "UnsupportedStmt", construct: "launch", start, end: this.endFrom(start) };
        }
        if (
          this.peek(1).kind === T.Colon &&
          (this.peek(2).kind === T.KwWhile || this.peek(2).kind === T.KwFor)
        ) {
          this.error(
            "E0103",
            "loops have no labels",
            "remove the label; `break` and `continue` apply to the innermost loop",
          );
          this.advance();
          this.advance();
          return this.parseStatementInner(this.startOf());
        }
        if (this.atLineStart() && w !== "new" && this.looksLikeFunctionItem()) {
          this.error("E0101", "expected `}`, found the start of a function", this.unclosedBlockHint());
          this.unwind = true;
          return undefined;
        }
        return this.parseDeclOrExpr(start);
      }
      case T.LParen:
        return this.parseDeclOrExpr(start);
      case T.KwElse:
        this.error("E0101", "`else` without an `if` before it");
        this.advance();
        if (this.at(T.LBrace)) this.skipOne();
        return undefined;
      case T.Semi:
        // An empty statement: accepted silently (it has no meaning).
        this.advance();
        return undefined;
      default: {
        if (SYNC_ITEM.has(t.kind) && this.atLineStart() && this.atColumnOne()) {
          // An item keyword in the first column inside a block: a `}` above is missing, the
          // same unwinding as for a function (written items are never nested that way).
          const fn = t.kind === T.KwPub && this.afterPubLooksLikeFunction();
          this.error(
            "E0101",
            `expected \`}\`, found the start of ${fn ? "a function" : "an item"}`,
            this.unclosedBlockHint(),
          );
          this.unwind = true;
          return undefined;
        }
        if (SYNC_ITEM.has(t.kind)) {
          this.error(
            "E0101",
            `expected a statement, found ${this.found()}`,
            "items cannot be declared inside blocks",
          );
          this.advance();
          this.syncStatement();
          return undefined;
        }
        return this.parseExprStatement(start);
      }
    }
  }

  /** `Type Name(` or `Type Name<`: never a statement, always a function item. */
  private atColumnOne(): boolean {
    const start = this.peek().start;
    return start === 0 || this.text.charCodeAt(start - 1) === 10;
  }

  private afterPubLooksLikeFunction(): boolean {
    const save = this.pos;
    this.advance();
    const ok = this.looksLikeFunctionItem();
    this.restore(save);
    return ok;
  }

  private looksLikeFunctionItem(): boolean {
    const save = this.pos;
    const ok = this.speculate(() => {
      this.parseType();
      if (!(this.at(T.Ident) && (this.peek(1).kind === T.LParen || this.peek(1).kind === T.Lt)))
        this.specFailed = true;
      return true;
    });
    this.restore(save);
    return ok === true;
  }

  /** Rule 4: a type followed by `IDENT (= | ;)` or `mut IDENT` is a declaration. */
  private parseDeclOrExpr(start: number): A.Stmt {
    const save = this.pos;
    const decl = this.speculate(() => {
      const type = this.parseType();
      const k = this.peek().kind;
      if (k === T.Ident) {
        const next = this.peek(1).kind;
        if (next === T.Eq || next === T.Semi) return { type, mutable: false };
      } else if (k === T.KwMut && this.peek(1).kind === T.Ident) {
        return { type, mutable: true };
      }
      this.specFailed = true;
      return undefined;
    });
    if (decl) {
      if (decl.mutable) this.advance(); // older `T mut x`
      return this.finishLocal(start, "typed", decl.mutable, decl.type);
    }
    this.restore(save);
    return this.parseExprStatement(start);
  }

  private finishLocal(start: number, form: "typed", mutable: boolean, type: A.Type): A.LocalDecl {
    const name = this.expectIdent("a variable name");
    let init: A.Expr | undefined;
    if (this.eat(T.Eq)) init = this.parseExpr();
    this.expectSemi();
    return { kind: "Local", form, mutable, type, name, init, start, end: this.endFrom(start) };
  }

  /**
   * `retrun 0;` parses as the name `retrun` followed by a stray `0`: when a statement is a
   * lone name close to a statement keyword, the missing-`;` error says which keyword.
   */
  private misspeltKeyword(expr: A.Expr): string | undefined {
    if (expr.kind !== "Name" || expr.typeArgs !== undefined || this.at(T.Semi) || this.atLineStart())
      return undefined;
    const word = expr.name.text;
    for (const k of STATEMENT_KEYWORDS) if (k !== word && nearWord(word, k)) return `did you mean \`${k}\`?`;
    return undefined;
  }

  /**
   * Which `{` is probably missing its `}`: a `{` whose matching `}` starts a line further left
   * than the `{`'s own line is indented, i.e. a closer that was meant for an outer block.
   * Only computed for this one error, so a linear scan is fine.
   */
  private unclosedBlockHint(): string {
    const generic = "a block above is not closed";
    // Speculative parses and suppressed errors never show the help: skip the scan (it is
    // linear in the tokens so far, and speculation may reach end of file many times).
    if (this.spec > 0 || this.quiet || this.pos <= this.lastErrorToken) return generic;
    const indentOf = (offset: number): { line: number; indent: number; first: boolean } => {
      const pos = this.index.position(offset);
      const text = this.index.lineText(pos.line);
      const indent = text.length - text.trimStart().length;
      return { line: pos.line, indent, first: pos.column - 1 === indent };
    };
    // The earliest misplaced closer is where the nesting first drifts.
    let best: string | undefined;
    let bestClose = Infinity;
    for (let i = 0; i < this.pos; i++) {
      if (this.tokens[i]!.kind !== T.LBrace) continue;
      const j = this.pair[i]!;
      if (j < 0 || j >= this.pos || j >= bestClose) continue;
      const open = indentOf(this.tokens[i]!.start);
      const close = indentOf(this.tokens[j]!.start);
      if (close.line > open.line && close.first && close.indent < open.indent) {
        bestClose = j;
        best = `the \`{\` on line ${open.line} is not closed: the \`}\` on line ${close.line} is indented like an outer block`;
      }
    }
    return best ?? generic;
  }

  private parseExprStatement(start: number): A.Stmt {
    const expr = this.parseExpr();
    // A macro call with a token block ends at its `}` like `match` (rule 8 by analogy).
    const braced =
      expr.kind === "UnsupportedExpr" &&
      expr.construct === "macro-call" &&
      this.tokens[this.pos - 1]?.kind === T.RBrace;
    const semicolon = braced
      ? this.eat(T.Semi)
      : this.expectSemi(
          this.misspeltKeyword(expr) ??
            (this.at(T.RBrace)
              ? "every statement ends with `;`: a block never yields its last expression (`return e;` returns it from the function)"
              : undefined),
        );
    return { kind: "ExprStmt", expr, semicolon, start, end: this.endFrom(start) };
  }

  /** `if … else if … else …`, built iteratively so long `else if` chains need no recursion (rule 18). */
  private parseIf(): A.IfStmt {
    const links: { start: number; condition: A.Expr; then: A.Block }[] = [];
    let last: A.Block | undefined;
    for (;;) {
      const start = this.startOf();
      this.advance(); // if
      const condition = this.parseHeadExpr();
      const then = this.parseBlock();
      links.push({ start, condition, then });
      if (links.length >= MAX_CHAIN && this.chainTooLong()) break;
      if (!this.eat(T.KwElse)) break;
      if (this.at(T.KwIf)) continue;
      last = this.parseBlock();
      break;
    }
    const end = this.prevEnd;
    let node: A.IfStmt | undefined;
    for (let i = links.length - 1; i >= 0; i--) {
      const l = links[i]!;
      const elseBranch: A.Block | A.IfStmt | undefined = node ?? last;
      node = {
        kind: "If",
        condition: l.condition,
        then: l.then,
        else: elseBranch,
        start: l.start,
        end,
      };
    }
    return node!;
  }

  /** Scoped `use` statement (current syntax, E1230): `use (T x = e) { }` or `use T x = e;`. */
  private parseScopedUse(start: number): A.Stmt {
    this.advance(); // use
    if (this.eat(T.LParen)) {
      this.parseType();
      this.expectIdent("a variable name");
      this.expect(T.Eq);
      this.parseExpr();
      this.expect(T.RParen);
      this.parseBlock();
    } else {
      this.parseType();
      this.expectIdent("a variable name");
      this.expect(T.Eq);
      this.parseExpr();
      this.expectSemi();
    }
    return { kind: "UnsupportedStmt", construct: "scoped-use", start, end: this.endFrom(start) };
  }

  // ================= expressions =================

  /** An `if`/`while`/`for`/`match` head (rule 7: `{}` after it is the body). */
  private parseHeadExpr(): A.Expr {
    const save = this.inHead;
    this.inHead = true;
    const e = this.parseExpr();
    this.inHead = save;
    return e;
  }

  /** Expression in a nested, delimited position: rule 7's head restriction does not apply inside. */
  private parseNestedExpr(): A.Expr {
    const save = this.inHead;
    this.inHead = false;
    const e = this.parseExpr();
    this.inHead = save;
    return e;
  }

  parseExpr(): A.Expr {
    const start = this.startOf();
    if (!this.enter()) return { kind: "ErrorExpr", start, end: this.endFrom(start) };
    try {
      const t = this.peek();
      // Rule 5: `x =>`, `_ =>`, `( … ) =>` start a lambda.
      if ((t.kind === T.Ident || t.kind === T.Underscore) && this.peek(1).kind === T.FatArrow) {
        return this.parseLambda();
      }
      if (t.kind === T.LParen && this.isLambdaParen()) return this.parseLambda();
      return this.parseAssign();
    } finally {
      this.leave();
    }
  }

  private isLambdaParen(): boolean {
    const close = this.pair[this.pos]!;
    return close >= 0 && this.tokens[close + 1]?.kind === T.FatArrow;
  }

  private parseLambda(): A.LambdaExpr {
    const start = this.startOf();
    const params: A.LambdaParam[] = [];
    let parenthesized = false;
    if (this.at(T.LParen)) {
      parenthesized = true;
      this.advance();
      while (!this.at(T.RParen) && !this.at(T.EOF)) {
        const before = this.pos;
        params.push(this.parseLambdaParam());
        if (this.eat(T.Comma)) continue;
        if (!this.at(T.RParen)) this.errorExpected("`,` or `)`");
        break;
      }
      if (!this.eat(T.RParen)) this.skipTo(T.RParen);
    } else {
      const t = this.advance();
      params.push(
        t.kind === T.Underscore
          ? { kind: "LambdaParam", start: t.start, end: t.end }
          : { kind: "LambdaParam", name: this.identOf(t), start: t.start, end: t.end },
      );
    }
    this.expect(T.FatArrow);
    const body = this.at(T.LBrace) ? this.parseBlock() : this.parseExpr();
    return { kind: "Lambda", params: fit(params), parenthesized, body, start, end: this.endFrom(start) };
  }

  private parseLambdaParam(): A.LambdaParam {
    const start = this.startOf();
    if (this.eat(T.Underscore)) return { kind: "LambdaParam", start, end: this.endFrom(start) };
    if (this.at(T.Ident)) {
      const k = this.peek(1).kind;
      if (k === T.Comma || k === T.RParen) {
        return { kind: "LambdaParam", name: this.identOf(this.advance()), start, end: this.endFrom(start) };
      }
    }
    const type = this.parseType();
    if (this.eat(T.Underscore)) return { kind: "LambdaParam", type, start, end: this.endFrom(start) };
    const name = this.expectIdent("a parameter name");
    return { kind: "LambdaParam", type, name, start, end: this.endFrom(start) };
  }

  private parseAssign(): A.Expr {
    const start = this.startOf();
    const target = this.parseBinary(1);
    const k = this.peek().kind;
    if (k === T.Eq || k === T.PlusEq || k === T.MinusEq) {
      this.advance();
      const value = this.parseExpr();
      const op: A.AssignOp = k === T.Eq ? "=" : k === T.PlusEq ? "+=" : "-=";
      return { kind: "Assign", op, target, value, start, end: this.endFrom(start) };
    }
    const foreign = FOREIGN_ASSIGN.get(k);
    if (foreign !== undefined) {
      this.error("E0103", `${TOKEN_NAMES[k]} is not an operator`, foreign);
      this.advance();
      this.parseExpr();
      return { kind: "ErrorExpr", start, end: this.endFrom(start) };
    }
    return target;
  }

  /** The binary operator at the cursor (joining `>` with `>`/`=` per rule 2), without consuming it. */
  private binaryAt(): { prec: number; op: A.BinaryOp; width: number } | undefined {
    const t = this.peek();
    if (t.kind === T.Gt) {
      if (t.flags & FOLLOWED) {
        const next = this.peek(1);
        if (next.start === t.end && next.kind === T.Gt) return { prec: PREC_SHIFT, op: ">>", width: 2 };
        if (next.start === t.end && next.kind === T.Eq) return { prec: PREC_CMP, op: ">=", width: 2 };
      }
      return { prec: PREC_CMP, op: ">", width: 1 };
    }
    const entry = BINARY.get(t.kind);
    return entry ? { prec: entry[0], op: entry[1], width: 1 } : undefined;
  }

  /** Precedence climbing over `BINARY`; every level is left-associative. */
  private parseBinary(minPrec: number): A.Expr {
    const start = this.startOf();
    let left = this.parseUnary();
    for (let links = 0; ; links++) {
      if (links >= MAX_CHAIN && this.chainTooLong()) break;
      const op = this.binaryAt();
      if (op) {
        if (op.prec < minPrec) break;
        for (let i = 0; i < op.width; i++) this.advance();
        const right = this.parseBinary(op.prec + 1);
        left = { kind: "Binary", op: op.op, left, right, start, end: this.endFrom(start) };
        continue;
      }
      const k = this.peek().kind;
      const foreign = FOREIGN_BINARY.get(k);
      if (foreign && foreign[0] >= minPrec) {
        this.error("E0103", `${TOKEN_NAMES[k]} is not an operator`, foreign[1]);
        this.advance();
        this.parseBinary(foreign[0] + 1);
        left = { kind: "ErrorExpr", start, end: this.endFrom(start) };
        continue;
      }
      if (this.atWord("as") && !this.atLineStart() && this.peek(1).kind === T.Ident) {
        this.error(
          "E0103",
          "there is no cast operator",
          "assign to a typed local, or call a conversion function",
        );
        this.advance();
        this.parseType();
        left = { kind: "ErrorExpr", start, end: this.endFrom(start) };
        continue;
      }
      break;
    }
    return left;
  }

  private parseUnary(): A.Expr {
    const start = this.startOf();
    // Prefix operators are collected in a loop so `!!!!…x` needs no recursion.
    const ops: { op: A.UnaryOp; start: number }[] = [];
    let reported = false;
    for (;;) {
      const k = this.peek().kind;
      if (k === T.Minus || k === T.Bang) {
        if (ops.length >= MAX_CHAIN && this.chainTooLong()) break;
        ops.push({ op: k === T.Minus ? "-" : "!", start: this.startOf() });
        this.advance();
        continue;
      }
      if (k === T.Tilde || k === T.MinusMinus || k === T.PlusPlus) {
        if (!reported)
          this.error(
            "E0103",
            `${TOKEN_NAMES[k]} is not an operator`,
            k === T.Tilde
              ? "there is no bitwise not; use the corelib's bit functions"
              : "write `x = x + 1` or `x = x - 1`",
          );
        reported = true;
        this.advance();
        continue;
      }
      break;
    }
    let operand: A.Expr;
    if (this.atWord("spawn") && this.peek(1).kind === T.Ident) {
      this.advance();
      this.parsePostfix();
      operand = { kind: "UnsupportedExpr", construct: "spawn", start, end: this.endFrom(start) };
    } else operand = this.parsePostfix();
    for (let i = ops.length - 1; i >= 0; i--) {
      operand = { kind: "Unary", op: ops[i]!.op, operand, start: ops[i]!.start, end: this.prevEnd };
    }
    return operand;
  }

  private parsePostfix(): A.Expr {
    const start = this.startOf();
    let e = this.parsePrimary();
    for (let links = 0; ; links++) {
      if (links >= MAX_CHAIN && this.chainTooLong()) break;
      const k = this.peek().kind;
      if (k === T.LParen) {
        const args = this.parseArgs();
        e = { kind: "Call", callee: e, args, start, end: this.endFrom(start) };
      } else if (k === T.Dot && this.peek(1).kind === T.Dot && this.peek(1).start === this.peek().end) {
        this.error("E0103", "there is no `..` range operator", "write `for i in range(a, b)`");
        this.advance();
        this.advance();
        this.parseUnary();
        e = { kind: "ErrorExpr", start, end: this.endFrom(start) };
      } else if (k === T.Dot) {
        this.advance();
        const name = this.expectIdent("a member name");
        const typeArgs = name.text ? this.tryGenericArgs() : undefined;
        e = {
          kind: "MemberAccess",
          object: e,
          name,
          typeArgs,
          start,
          end: this.endFrom(start),
        };
      } else if (k === T.LBracket) {
        this.advance();
        const index = this.parseNestedExpr();
        if (!this.expect(T.RBracket)) this.skipTo(T.RBracket);
        e = { kind: "Index", object: e, index, start, end: this.endFrom(start) };
      } else if (k === T.Question) {
        this.advance();
        e = { kind: "Try", operand: e, start, end: this.endFrom(start) };
        if (
          startsExpression(this.peek().kind) &&
          !this.at(T.LBrace) &&
          !this.at(T.Minus) &&
          !this.at(T.Bang) &&
          !this.atLineStart()
        ) {
          this.error(
            "E0103",
            "there is no ternary operator `c ? a : b`",
            "use `match c { true => a, false => b }`",
          );
          this.parseNestedExpr();
          if (this.eat(T.Colon)) this.parseNestedExpr();
          e = { kind: "ErrorExpr", start, end: this.endFrom(start) };
        }
      } else if ((k === T.PlusPlus || k === T.MinusMinus) && !this.atLineStart()) {
        this.error("E0103", `${TOKEN_NAMES[k]} is not an operator`, "write `x = x + 1` or `x = x - 1`");
        this.advance();
        e = { kind: "ErrorExpr", start, end: this.endFrom(start) };
      } else break;
    }
    return e;
  }

  private parseArgs(): A.Expr[] {
    const args: A.Expr[] = [];
    this.advance(); // (
    const save = this.inHead;
    this.inHead = false;
    while (!this.at(T.RParen) && !this.at(T.EOF)) {
      args.push(this.parseExpr());
      if (this.eat(T.Comma)) continue;
      if (!this.at(T.RParen)) this.errorExpected("`,` or `)`");
      break;
    }
    this.inHead = save;
    if (!this.eat(T.RParen)) {
      this.errorExpected("`)`");
      this.skipTo(T.RParen);
    }
    return args.length ? fit(args) : EMPTY;
  }

  private parsePrimary(): A.Expr {
    const start = this.startOf();
    const t = this.peek();
    switch (t.kind) {
      case T.Int:
        this.advance();
        return this.intLiteral(t);
      case T.Float:
        this.advance();
        return this.floatLiteral(t);
      case T.Char:
        this.advance();
        return { kind: "CharLit", value: t.value as number, start: t.start, end: t.end };
      case T.String:
        this.advance();
        return { kind: "StringLit", value: t.value as string, start: t.start, end: t.end };
      case T.StringHead:
        return this.parseInterpolated();
      case T.KwTrue:
      case T.KwFalse:
        this.advance();
        return { kind: "BoolLit", value: t.kind === T.KwTrue, start: t.start, end: t.end };
      case T.LParen: {
        if (this.isLambdaParen()) return this.parseLambda();
        if (this.peek(1).kind === T.RParen) {
          // Rule 17: `()` is the unit literal.
          this.advance();
          this.advance();
          return { kind: "UnitLit", start, end: this.endFrom(start) };
        }
        if (this.looksLikeCast()) {
          // `(i64) x`: a C-style cast. One error, then the operand as the value.
          this.error(
            "E0103",
            "there is no cast operator",
            "assign to a typed local (`i64 n = x;` widens; narrowing warns with W1203), or call a conversion function",
          );
          this.advance();
          this.advance();
          this.advance();
          this.parseUnary();
          return { kind: "ErrorExpr", start, end: this.endFrom(start) };
        }
        this.advance();
        const expr = this.parseNestedExpr();
        if (this.at(T.Comma)) {
          this.error("E0103", "tuples do not exist", "declare a `type` with named fields");
          this.skipTo(T.RParen);
          return { kind: "ErrorExpr", start, end: this.endFrom(start) };
        }
        if (!this.expect(T.RParen)) this.skipTo(T.RParen);
        return { kind: "Paren", expr, start, end: this.endFrom(start) };
      }
      case T.LBrace: {
        return this.parseBlock();
      }
      case T.KwMatch:
        return this.parseMatch();
      case T.LBracket: {
        this.advance();
        const elements: A.Expr[] = [];
        const save = this.inHead;
        this.inHead = false;
        while (!this.at(T.RBracket) && !this.at(T.EOF)) {
          elements.push(this.parseExpr());
          if (this.eat(T.Comma)) continue;
          if (!this.at(T.RBracket)) this.errorExpected("`,` or `]`");
          break;
        }
        this.inHead = save;
        if (!this.expect(T.RBracket)) this.skipTo(T.RBracket);
        return { kind: "ArrayLiteral", elements: fit(elements), start, end: this.endFrom(start) };
      }
      case T.Dollar:
        if (this.peek(1).kind === T.Ident) {
          this.advance();
          this.advance();
          return { kind: "UnsupportedExpr", construct: "meta-var", start, end: this.endFrom(start) };
        }
        break;
      case T.Ident:
        if (t.value === "new" && this.peek(1).kind === T.Ident) {
          // `new Point(1, 2)`: two names in a row are never an expression here.
          this.error(
            "E0103",
            "there is no `new`",
            "build a record with `Name { field: value, … }`; constructors are ordinary functions",
          );
          this.advance();
          this.parsePostfix();
          return { kind: "ErrorExpr", start, end: this.endFrom(start) };
        }
        return this.parseNamePrimary();
      case T.KwIf:
        this.error(
          "E0101",
          "`if` is a statement, not an expression",
          "use `match cond { true => a, false => b }`",
        );
        this.syncExpr();
        return { kind: "ErrorExpr", start, end: this.endFrom(start) };
      case T.KwBreak:
      case T.KwContinue:
      case T.KwReturn: {
        const word = t.kind === T.KwBreak ? "break" : t.kind === T.KwContinue ? "continue" : "return";
        const stmt = word === "return" ? "return …;" : `${word};`;
        this.errorExpected(
          "an expression",
          `\`${word}\` is a statement, not an expression; in a match arm write \`=> { ${stmt} }\``,
        );
        return { kind: "ErrorExpr", start: this.prevEnd, end: this.prevEnd };
      }
      default:
        break;
    }
    this.errorExpected("an expression");
    return { kind: "ErrorExpr", start: this.prevEnd, end: this.prevEnd };
  }

  /** `( primitive-type ) operand` on one line: a C-style cast (a primitive type is never a value). */
  private looksLikeCast(): boolean {
    const ty = this.peek(1);
    if (ty.kind !== T.Ident || !PRIMITIVES.has(ty.value as string) || this.peek(2).kind !== T.RParen)
      return false;
    const k = this.peek(3).kind;
    return (
      k === T.Int ||
      k === T.Float ||
      k === T.Char ||
      k === T.String ||
      k === T.StringHead ||
      k === T.Ident ||
      k === T.LParen
    );
  }

  /** Skips an `if …` used as an expression without swallowing the rest of the statement. */
  private syncExpr(): void {
    this.advance();
    this.skipUntil(EXPR_END);
  }

  private parseInterpolated(): A.InterpolatedString {
    const start = this.startOf();
    const parts: (A.InterpText | A.InterpHole)[] = [];
    let t = this.advance(); // StringHead
    this.pushText(parts, t, t.start + 1, t.end - 2);
    for (;;) {
      const holeStart = this.prevEnd;
      const expr =
        this.at(T.StringMiddle) || this.at(T.StringTail)
          ? ({ kind: "ErrorExpr", start: this.prevEnd, end: this.prevEnd } as const)
          : this.parseNestedExpr();
      // Anything left in the hole is an error; skip to the token that closes the hole.
      if (!this.at(T.StringMiddle) && !this.at(T.StringTail)) {
        if (!this.at(T.EOF)) this.errorExpected("`}` closing the interpolation");
        while (!this.at(T.StringMiddle) && !this.at(T.StringTail) && !this.at(T.EOF)) this.skipOne();
      }
      parts.push({
        kind: "InterpHole",
        expr,
        start: holeStart,
        end: this.peek().kind === T.EOF ? this.prevEnd : this.peek().start + 1,
      });
      if (this.at(T.EOF)) break;
      t = this.advance();
      if (t.kind === T.StringTail) {
        this.pushText(parts, t, t.start + 1, t.end - 1);
        break;
      }
      this.pushText(parts, t, t.start + 1, t.end - 2);
    }
    return { kind: "InterpolatedString", parts: fit(parts), start, end: this.endFrom(start) };
  }

  private pushText(parts: (A.InterpText | A.InterpHole)[], t: Token, start: number, end: number): void {
    const value = t.value as string;
    if (value.length) parts.push({ kind: "InterpText", value, start, end: Math.max(start, end) });
  }

  /** Rule 6: a primary starting with an identifier. */
  private parseNamePrimary(): A.Expr {
    const start = this.startOf();
    const t = this.peek();
    const w = t.value as string;
    // Contextual words of rule 14 at expression start.
    if (w === "try" && this.peek(1).kind === T.LBrace) {
      this.advance();
      this.parseBlock();
      if (this.atWord("catch")) {
        this.advance();
        if (this.expect(T.LParen)) {
          this.expectIdent("an error name");
          this.expect(T.RParen);
        }
        this.parseBlock();
      } else this.errorExpected("`catch`");
      return { kind: "UnsupportedExpr", construct: "try-catch", start, end: this.endFrom(start) };
    }
    if (w === "clif" && this.peek(1).kind === T.LBrace) {
      this.advance();
      this.parseTokenBlock();
      return { kind: "UnsupportedExpr", construct: "clif", start, end: this.endFrom(start) };
    }
    if (w === "code" && this.peek(1).kind === T.CodeFence) {
      this.advance();
      this.advance();
      return { kind: "UnsupportedExpr", construct: "code-fence", start, end: this.endFrom(start) };
    }
    if (this.peek(1).kind === T.Bang && this.peek(1).start === t.end && this.peek(2).kind === T.LParen) {
      this.advance();
      this.advance();
      this.parseTokenGroup();
      if (this.at(T.LBrace) && !this.atLineStart()) this.parseTokenBlock();
      return { kind: "UnsupportedExpr", construct: "macro-call", start, end: this.endFrom(start) };
    }
    // QualName: IDENT GenericArgs? ( "." IDENT GenericArgs? )*
    const name0 = this.identOf(this.advance());
    const typeArgs0 = this.tryGenericArgs();
    const end0 = typeArgs0 ? this.endFrom(start) : name0.end;
    // The common case, a plain name (no `.`, `::` or struct literal after it): no path to build.
    if (
      !(this.at(T.Dot) && this.peek(1).kind === T.Ident) &&
      !this.at(T.ColonColon) &&
      !(this.at(T.LBrace) && this.isStructLiteralBrace())
    )
      return { kind: "Name", name: name0, typeArgs: typeArgs0, start, end: end0 };
    const segments: A.PathSegment[] = [this.pathSegment(name0, typeArgs0, start)];
    for (;;) {
      if (segments.length >= MAX_CHAIN && this.chainTooLong()) break;
      if (!(this.at(T.Dot) && this.peek(1).kind === T.Ident)) break;
      this.advance();
      const s = this.startOf();
      const name = this.identOf(this.advance());
      const typeArgs = this.tryGenericArgs();
      segments.push(this.pathSegment(name, typeArgs, s));
    }
    if (this.at(T.ColonColon)) {
      const enumName: A.QualName = {
        kind: "QualName",
        segments: fit(segments),
        start,
        end: this.endFrom(start),
      };
      this.advance();
      const variant = this.expectIdent("a variant name");
      const args = this.at(T.LParen) ? this.parseArgs() : undefined;
      return { kind: "EnumValue", enumName, variant, args, start, end: this.endFrom(start) };
    }
    if (this.at(T.LBrace) && this.isStructLiteralBrace()) {
      const typeName: A.QualName = {
        kind: "QualName",
        segments: fit(segments),
        start,
        end: this.endFrom(start),
      };
      return this.parseStructLiteral(start, typeName);
    }
    // Re-read the QualName as a name followed by member accesses.
    const first = segments[0]!;
    let e: A.Expr = {
      kind: "Name",
      name: first.name,
      typeArgs: first.typeArgs,
      start: first.start,
      end: first.end,
    };
    for (let i = 1; i < segments.length; i++) {
      const seg = segments[i]!;
      e = {
        kind: "MemberAccess",
        object: e,
        name: seg.name,
        typeArgs: seg.typeArgs,
        start,
        end: seg.end,
      };
    }
    return e;
  }

  /** Skips a balanced `( … )` group (macro arguments). */
  private parseTokenGroup(): void {
    const close = this.pair[this.pos]!;
    if (close < 0) {
      this.error("E0101", "this `(` is never closed");
      this.jumpTo(this.tokens.length - 1);
    } else this.jumpTo(close + 1);
  }

  /** Rule 7. */
  private isStructLiteralBrace(): boolean {
    const a = this.peek(1).kind;
    if (a === T.RBrace) return !this.inHead;
    return a === T.Ident && this.peek(2).kind === T.Colon;
  }

  private parseStructLiteral(start: number, typeName: A.QualName): A.StructLiteral {
    this.advance(); // {
    const fields: A.FieldInit[] = [];
    const save = this.inHead;
    this.inHead = false;
    while (!this.at(T.RBrace) && !this.at(T.EOF)) {
      const s = this.startOf();
      const name = this.expectIdent("a field name");
      this.expect(T.Colon);
      const value = this.parseExpr();
      fields.push({ kind: "FieldInit", name, value, start: s, end: this.endFrom(s) });
      if (this.eat(T.Comma)) continue;
      if (!this.at(T.RBrace)) this.errorExpected("`,` or `}`");
      break;
    }
    this.inHead = save;
    if (!this.expect(T.RBrace)) this.skipTo(T.RBrace);
    return { kind: "StructLiteral", typeName, fields: fit(fields), start, end: this.endFrom(start) };
  }

  private parseMatch(): A.MatchExpr {
    const start = this.startOf();
    this.advance(); // match
    const scrutinee = this.parseHeadExpr();
    const arms: A.MatchArm[] = [];
    if (!this.expect(T.LBrace)) return { kind: "Match", scrutinee, arms, start, end: this.endFrom(start) };
    if (!this.enter()) return { kind: "Match", scrutinee, arms, start, end: this.endFrom(start) };
    const save = this.inHead;
    this.inHead = false;
    while (this.eat(T.Comma));
    while (!this.at(T.RBrace) && !this.at(T.EOF) && !this.unwind) {
      const before = this.pos;
      const s = this.startOf();
      const pattern = this.parsePattern();
      let guard: A.Expr | undefined;
      if (this.at(T.Pipe) || this.at(T.PipePipe)) {
        this.error(
          "E0103",
          "there are no or-patterns `a | b`",
          "write one arm per pattern, or match the rest with `_` and a `when` guard",
        );
        this.skipUntil(OR_PATTERN_END);
      } else if (this.at(T.KwIf)) {
        // The guard is taken as if written with `when`; the arm goes on as any other.
        this.error(
          "E0103",
          "a match guard is written `when`, not `if`",
          "write `Pattern when condition => …`",
        );
        this.advance();
        guard = this.parseBinary(1);
      }
      if (pattern.kind === "ErrorPattern" && !this.at(T.FatArrow)) {
        // Skip the rest of a broken pattern up to its arrow, without crossing the arm's end.
        this.skipUntil(PATTERN_END);
      }
      if (guard === undefined && this.eat(T.KwWhen)) guard = this.parseBinary(1);
      this.expect(T.FatArrow);
      let body: A.Expr;
      let blockBody = false;
      if (this.at(T.LBrace)) {
        // Rule 9: a block body ends at its `}`.
        body = this.parseBlock();
        blockBody = true;
      } else body = this.parseExpr();
      arms.push({ kind: "MatchArm", pattern, guard, body, start: s, end: this.endFrom(s) });
      let commas = 0;
      while (this.eat(T.Comma)) commas++;
      if (commas === 0 && !blockBody && !this.at(T.RBrace)) {
        this.errorExpected("`,` or `}` after a match arm");
        if (!this.atLineStart()) this.syncArm();
      }
      if (this.pos === before && !this.unwind) this.skipOne();
    }
    this.inHead = save;
    this.leave();
    this.expect(T.RBrace);
    return { kind: "Match", scrutinee, arms: fit(arms), start, end: this.endFrom(start) };
  }

  /** Skips the rest of a broken match arm: to after `,` or to the `}` of the match. */
  private syncArm(): void {
    for (;;) {
      const k = this.peek().kind;
      if (k === T.EOF || k === T.RBrace) return;
      if (k === T.Comma) {
        this.advance();
        return;
      }
      if (this.atLineStart()) return;
      this.skipOne();
    }
  }

  // ================= patterns =================

  private parsePattern(): A.Pattern {
    const start = this.startOf();
    if (!this.enter()) return { kind: "ErrorPattern", start, end: this.endFrom(start) };
    try {
      const t = this.peek();
      switch (t.kind) {
        case T.Underscore:
          this.advance();
          return { kind: "WildcardPattern", start, end: this.endFrom(start) };
        case T.Minus:
        case T.Int:
        case T.Float:
        case T.Char:
        case T.String:
        case T.KwTrue:
        case T.KwFalse: {
          const negative = this.eat(T.Minus);
          const l = this.peek();
          let literal: A.LiteralPattern["literal"] | undefined;
          if (l.kind === T.Int) literal = this.intLiteral(l);
          else if (l.kind === T.Float) literal = this.floatLiteral(l);
          else if (!negative && l.kind === T.Char)
            literal = { kind: "CharLit", value: l.value as number, start: l.start, end: l.end };
          else if (!negative && l.kind === T.String)
            literal = { kind: "StringLit", value: l.value as string, start: l.start, end: l.end };
          else if (!negative && (l.kind === T.KwTrue || l.kind === T.KwFalse)) {
            literal = { kind: "BoolLit", value: l.kind === T.KwTrue, start: l.start, end: l.end };
          }
          if (!literal) {
            this.errorExpected("a number after `-` in a pattern");
            return { kind: "ErrorPattern", start, end: this.endFrom(start) };
          }
          this.advance();
          return { kind: "LiteralPattern", negative, literal, start, end: this.endFrom(start) };
        }
        case T.StringHead:
          this.error("E0101", "an interpolated string cannot be a pattern");
          this.parseInterpolated();
          return { kind: "ErrorPattern", start, end: this.endFrom(start) };
        case T.Ident: {
          const segments: A.PathSegment[] = [];
          for (;;) {
            const s = this.startOf();
            const name = this.identOf(this.advance());
            const typeArgs = this.tryGenericArgs();
            segments.push(this.pathSegment(name, typeArgs, s));
            if (this.at(T.Dot) && this.peek(1).kind === T.Ident) {
              this.advance();
              continue;
            }
            break;
          }
          if (this.at(T.ColonColon)) {
            const enumName: A.QualName = { kind: "QualName", segments, start, end: this.endFrom(start) };
            this.advance();
            const variant = this.expectIdent("a variant name");
            let args: A.Pattern[] | undefined;
            if (this.eat(T.LParen)) {
              args = [];
              while (!this.at(T.RParen) && !this.at(T.EOF)) {
                args.push(this.parsePattern());
                if (this.eat(T.Comma)) continue;
                if (!this.at(T.RParen)) this.errorExpected("`,` or `)`");
                break;
              }
              if (!this.expect(T.RParen)) this.skipTo(T.RParen);
            }
            return {
              kind: "EnumPattern",
              enumName,
              variant,
              args,
              start,
              end: this.endFrom(start),
            };
          }
          if (segments.length === 1 && !segments[0]!.typeArgs) {
            if (this.at(T.LParen)) {
              this.error(
                "E0101",
                "a variant pattern needs its enum",
                `write \`Enum::${segments[0]!.name.text}(…)\``,
                segments[0]!.name,
              );
              this.skipOne();
              return { kind: "ErrorPattern", start, end: this.endFrom(start) };
            }
            return { kind: "BindingPattern", name: segments[0]!.name, start, end: this.endFrom(start) };
          }
          this.errorExpected("`::` and a variant name (only a single name may stand alone in a pattern)");
          return { kind: "ErrorPattern", start, end: this.endFrom(start) };
        }
        default:
          this.errorExpected("a pattern");
          return { kind: "ErrorPattern", start: this.prevEnd, end: this.prevEnd };
      }
    } finally {
      this.leave();
    }
  }
}

function isOpener(k: T): boolean {
  return k === T.LParen || k === T.LBracket || k === T.LBrace || k === T.StringHead || k === T.StringMiddle;
}

/**
 * Pairs every opening token with its closer in one pass (a stack). A closer that does not match
 * the innermost opener closes the nearest matching one further out; unmatched ones get -1.
 * String pieces pair too (head/middle with the next middle/tail), so skipping never leaves a
 * hole. The pairs make lambda detection (rule 5), token blocks and recovery O(1) per group.
 */
export function matchBrackets(tokens: readonly Token[]): Int32Array {
  const pair = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const k = tokens[i]!.kind;
    switch (k) {
      case T.LParen:
      case T.LBracket:
      case T.LBrace:
      case T.StringHead:
        stack.push(i);
        break;
      case T.RParen:
      case T.RBracket:
      case T.RBrace:
      case T.StringMiddle:
      case T.StringTail: {
        const want =
          k === T.RParen
            ? T.LParen
            : k === T.RBracket
              ? T.LBracket
              : k === T.RBrace
                ? T.LBrace
                : T.StringHead;
        let j = stack.length - 1;
        while (j >= 0) {
          const o = tokens[stack[j]!]!.kind;
          if (o === want || (want === T.StringHead && o === T.StringMiddle)) break;
          j--;
        }
        if (j >= 0) {
          pair[stack[j]!] = i;
          stack.length = j;
        }
        if (k === T.StringMiddle) stack.push(i);
        break;
      }
      default:
        break;
    }
  }
  return pair;
}

const STATEMENT_KEYWORDS = [
  "return",
  "break",
  "continue",
  "while",
  "match",
  "let",
  "mut",
  "for",
  "if",
  "else",
];

/** True when `a` is one edit (insert, delete, replace, or swap of neighbours) away from `b`. */
function nearWord(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restEq = (x: number, y: number) => a.slice(x) === b.slice(y);
  if (a.length === b.length) {
    if (restEq(i + 1, i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && restEq(i + 2, i + 2);
  }
  return a.length > b.length ? restEq(i + 1, i) : restEq(i, i + 1);
}
