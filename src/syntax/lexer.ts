/**
 * The Beskid lexer (LANGUAGE.md §3): text → `{kind, start, end}` tokens, doc lines and lexical
 * diagnostics (E0001–E0008).
 *
 * It works on UTF-16 char codes with one `switch` per token, never a regex, and never throws:
 * every malformed literal still becomes a token (with a best-effort value) plus one diagnostic,
 * so the parser sees a complete stream ending in `EOF`. Literal values are decoded here (numbers
 * to bigint/number, escapes and interpolation pieces to text) and kept on the token.
 *
 * Deliberately not here: anything contextual. Contextual words (§3.3) are `Ident` tokens whose
 * text the parser checks; `>` is always a single token with a `FOLLOWED` flag that the
 * expression parser uses to form `>>` and `>=` (§3.5); foreign operators (`^`, `*=`, `->`, …)
 * become tokens so the parser can report E0103 with a hint at the right place.
 */

import { makeDiagnostic, LineIndex, type Diagnostic, type DiagnosticCode } from "../diagnostics/index.ts";

/** Token kinds. Keep `TOKEN_NAMES` in step. */
export enum T {
  EOF,
  Ident,
  Underscore,
  Int,
  Float,
  Char,
  String,
  StringHead,
  StringMiddle,
  StringTail,
  CodeFence,
  // hard keywords (§3.3)
  KwType,
  KwEnum,
  KwContract,
  KwAttribute,
  KwImpl,
  KwMatch,
  KwWhen,
  KwIf,
  KwElse,
  KwWhile,
  KwFor,
  KwIn,
  KwReturn,
  KwBreak,
  KwContinue,
  KwLet,
  KwMut,
  KwMod,
  KwUse,
  KwPub,
  KwTest,
  KwSkip,
  KwTrue,
  KwFalse,
  // punctuation (§3.5)
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Lt,
  Gt,
  Comma,
  Semi,
  Colon,
  ColonColon,
  Dot,
  FatArrow,
  Eq,
  PlusEq,
  MinusEq,
  EqEq,
  BangEq,
  EqEqEq,
  BangEqEq,
  LtEq,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Bang,
  AmpAmp,
  PipePipe,
  Amp,
  Pipe,
  LtLt,
  Question,
  Dollar,
  At,
  // not Beskid operators: lexed so the parser can report E0103 with a hint
  Caret,
  Tilde,
  StarEq,
  SlashEq,
  PercentEq,
  PlusPlus,
  MinusMinus,
  ThinArrow,
}

/** How each kind is shown in messages ("expected `;`, found identifier"). */
export const TOKEN_NAMES: Readonly<Record<T, string>> = {
  [T.EOF]: "end of file",
  [T.Ident]: "identifier",
  [T.Underscore]: "`_`",
  [T.Int]: "integer literal",
  [T.Float]: "float literal",
  [T.Char]: "character literal",
  [T.String]: "string literal",
  [T.StringHead]: "string literal",
  [T.StringMiddle]: "`}` of an interpolation",
  [T.StringTail]: "`}` of an interpolation",
  [T.CodeFence]: "code fence",
  [T.KwType]: "`type`",
  [T.KwEnum]: "`enum`",
  [T.KwContract]: "`contract`",
  [T.KwAttribute]: "`attribute`",
  [T.KwImpl]: "`impl`",
  [T.KwMatch]: "`match`",
  [T.KwWhen]: "`when`",
  [T.KwIf]: "`if`",
  [T.KwElse]: "`else`",
  [T.KwWhile]: "`while`",
  [T.KwFor]: "`for`",
  [T.KwIn]: "`in`",
  [T.KwReturn]: "`return`",
  [T.KwBreak]: "`break`",
  [T.KwContinue]: "`continue`",
  [T.KwLet]: "`let`",
  [T.KwMut]: "`mut`",
  [T.KwMod]: "`mod`",
  [T.KwUse]: "`use`",
  [T.KwPub]: "`pub`",
  [T.KwTest]: "`test`",
  [T.KwSkip]: "`skip`",
  [T.KwTrue]: "`true`",
  [T.KwFalse]: "`false`",
  [T.LBrace]: "`{`",
  [T.RBrace]: "`}`",
  [T.LParen]: "`(`",
  [T.RParen]: "`)`",
  [T.LBracket]: "`[`",
  [T.RBracket]: "`]`",
  [T.Lt]: "`<`",
  [T.Gt]: "`>`",
  [T.Comma]: "`,`",
  [T.Semi]: "`;`",
  [T.Colon]: "`:`",
  [T.ColonColon]: "`::`",
  [T.Dot]: "`.`",
  [T.FatArrow]: "`=>`",
  [T.Eq]: "`=`",
  [T.PlusEq]: "`+=`",
  [T.MinusEq]: "`-=`",
  [T.EqEq]: "`==`",
  [T.BangEq]: "`!=`",
  [T.EqEqEq]: "`===`",
  [T.BangEqEq]: "`!==`",
  [T.LtEq]: "`<=`",
  [T.Plus]: "`+`",
  [T.Minus]: "`-`",
  [T.Star]: "`*`",
  [T.Slash]: "`/`",
  [T.Percent]: "`%`",
  [T.Bang]: "`!`",
  [T.AmpAmp]: "`&&`",
  [T.PipePipe]: "`||`",
  [T.Amp]: "`&`",
  [T.Pipe]: "`|`",
  [T.LtLt]: "`<<`",
  [T.Question]: "`?`",
  [T.Dollar]: "`$`",
  [T.At]: "`@`",
  [T.Caret]: "`^`",
  [T.Tilde]: "`~`",
  [T.StarEq]: "`*=`",
  [T.SlashEq]: "`/=`",
  [T.PercentEq]: "`%=`",
  [T.PlusPlus]: "`++`",
  [T.MinusMinus]: "`--`",
  [T.ThinArrow]: "`->`",
};

/** Token flag: a `>` immediately followed by `>` or `=` (§3.5). */
export const FOLLOWED = 1;
/** Token flag: the integer literal was written in hexadecimal. */
export const HEX = 2;
/**
 * Token flag: a lexical error was reported for this token, or for stray text just before it. The
 * parser reports nothing at such a token or right after it (the error is already said once).
 */
export const LEX_ERROR = 4;
/** Bits 4..7 of `flags`: the literal suffix code (`SUFFIXES[code]`), 0 for none. */
export const SUFFIX_SHIFT = 4;
export const SUFFIX_MASK = 0xf0;
export const SUFFIXES = ["", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64"] as const;
const FLOAT_SUFFIX_FIRST = 9;

/**
 * One token. `value` holds the decoded literal (bigint for Int, number for Float, code point
 * for Char, text for String pieces); it is `undefined` for every other kind.
 */
export interface Token {
  readonly kind: T;
  readonly start: number;
  readonly end: number;
  readonly flags: number;
  readonly value: bigint | number | string | undefined;
  /** Index into `LexResult.docLines` of the first doc line directly before this token, or -1. */
  readonly doc: number;
}

/** One `///` line: its span (from the slashes to the line end) and its text (one leading space removed). */
export interface DocLine {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface LexResult {
  readonly tokens: readonly Token[];
  readonly docLines: readonly DocLine[];
  readonly diagnostics: Diagnostic[];
}

const KEYWORDS: ReadonlyMap<string, T> = new Map([
  ["type", T.KwType],
  ["enum", T.KwEnum],
  ["contract", T.KwContract],
  ["attribute", T.KwAttribute],
  ["impl", T.KwImpl],
  ["match", T.KwMatch],
  ["when", T.KwWhen],
  ["if", T.KwIf],
  ["else", T.KwElse],
  ["while", T.KwWhile],
  ["for", T.KwFor],
  ["in", T.KwIn],
  ["return", T.KwReturn],
  ["break", T.KwBreak],
  ["continue", T.KwContinue],
  ["let", T.KwLet],
  ["mut", T.KwMut],
  ["mod", T.KwMod],
  ["use", T.KwUse],
  ["pub", T.KwPub],
  ["test", T.KwTest],
  ["skip", T.KwSkip],
  ["true", T.KwTrue],
  ["false", T.KwFalse],
]);

/** Keywords that are hard keywords (never identifiers). */
export function keywordKind(word: string): T | undefined {
  return KEYWORDS.get(word);
}

const NON_ASCII_HELP = "identifiers are ASCII; non-ASCII text belongs in strings, characters and comments";
const LETTER = /^\p{L}$/u;

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

const MAX_U64 = (1n << 64n) - 1n;

/** Which hole of an interpolated string we are in: the brace depth inside the current `${`. */
interface Hole {
  depth: number;
  readonly start: number;
}

/**
 * Lexes a whole file. `file` and `index` are only used to place diagnostics. The token list
 * always ends with exactly one `EOF` token.
 */
export function lex(text: string, file: string, lineIndex?: LineIndex): LexResult {
  let index = lineIndex;
  const tokens: Token[] = [];
  const docLines: DocLine[] = [];
  const diagnostics: Diagnostic[] = [];
  const n = text.length;
  let pos = 0;
  let pendingDoc = -1;
  const holes: Hole[] = [];
  const names = new Map<string, string>();
  let stringErrorAtEof = false;

  let errorFlag = 0;

  function report(code: DiagnosticCode, start: number, end: number, detail?: string, help?: string): void {
    errorFlag = LEX_ERROR;
    diagnostics.push(
      makeDiagnostic(
        code,
        { ...(detail !== undefined ? { detail } : {}), ...(help !== undefined ? { help } : {}) },
        { span: { file, start, end }, index: (index ??= new LineIndex(text)) },
      ),
    );
  }

  function push(kind: T, start: number, end: number, flags = 0, value?: bigint | number | string): void {
    tokens.push({ kind, start, end, flags: flags | errorFlag, value, doc: pendingDoc });
    pendingDoc = -1;
    errorFlag = 0;
  }

  /** Skips one code point that is not ASCII, reporting lone surrogates as E0007. Returns its length. */
  /** UTF-16 length of the non-ASCII Unicode letter at `at`, or 0 if there is none. */
  function foreignLetter(at: number): number {
    if (at >= n || text.charCodeAt(at) < 0x80) return 0;
    const cp = text.codePointAt(at)!;
    return LETTER.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
  }

  function nonAsciiLength(at: number): number {
    const c = text.charCodeAt(at);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = at + 1 < n ? text.charCodeAt(at + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) return 2;
      report("E0007", at, at + 1, "a lone UTF-16 surrogate cannot be encoded as UTF-8");
      return 1;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      report("E0007", at, at + 1, "a lone UTF-16 surrogate cannot be encoded as UTF-8");
    }
    return 1;
  }

  /** Scans comment text (already past the opener) checking only for lone surrogates. */
  function checkSurrogates(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) i += nonAsciiLength(i) - 1;
    }
  }

  /**
   * Decodes one escape starting at `at` (the backslash). Returns the decoded text and the
   * position after the escape; reports E0004 for unknown or malformed escapes.
   */
  function escape(at: number): { text: string; next: number } {
    const c = at + 1 < n ? text.charCodeAt(at + 1) : -1;
    switch (c) {
      case 110: // n
        return { text: "\n", next: at + 2 };
      case 116: // t
        return { text: "\t", next: at + 2 };
      case 114: // r
        return { text: "\r", next: at + 2 };
      case 48: // 0
        return { text: "\0", next: at + 2 };
      case 92: // backslash
        return { text: "\\", next: at + 2 };
      case 34: // "
        return { text: '"', next: at + 2 };
      case 39: // '
        return { text: "'", next: at + 2 };
      case 36: // $
        return { text: "$", next: at + 2 };
      case 117: {
        // u{X…}
        let p = at + 2;
        if (text.charCodeAt(p) !== 123) {
          report("E0004", at, p, "`\\u` must be followed by `{hex digits}`", "write \\u{41}");
          return { text: "", next: p };
        }
        p++;
        let value = 0;
        let digits = 0;
        while (p < n && isHexDigit(text.charCodeAt(p))) {
          if (digits < 8) value = value * 16 + hexValue(text.charCodeAt(p));
          digits++;
          p++;
        }
        if (text.charCodeAt(p) !== 125) {
          report("E0004", at, p, "unterminated `\\u{…}` escape");
          return { text: "", next: p };
        }
        p++;
        if (digits === 0 || digits > 6) {
          report("E0004", at, p, "`\\u{…}` takes 1 to 6 hex digits");
          return { text: "", next: p };
        }
        if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
          report("E0004", at, p, "`\\u{…}` must be a Unicode scalar value (no surrogates, at most 10FFFF)");
          return { text: "", next: p };
        }
        return { text: String.fromCodePoint(value), next: p };
      }
      default: {
        const end = c < 0 ? at + 1 : at + 2;
        report(
          "E0004",
          at,
          end,
          c < 0 ? "a backslash at the end of the file" : `\`\\${text.slice(at + 1, end)}\` is not an escape`,
          "the escapes are \\n \\t \\r \\0 \\\\ \\\" \\' \\$ and \\u{…}",
        );
        return { text: "", next: end };
      }
    }
  }

  /**
   * Scans string text from `from` (just after `"` or after the `}` closing a hole) to the
   * closing `"` or the next `${`. Pushes the token of kind `closed` / `opened`.
   */
  function stringPiece(tokenStart: number, from: number, closed: T, opened: T): void {
    let p = from;
    let out = "";
    let chunk = p;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 34) {
        out += text.slice(chunk, p);
        push(closed, tokenStart, p + 1, 0, out);
        pos = p + 1;
        return;
      }
      if (c === 92) {
        out += text.slice(chunk, p);
        const e = escape(p);
        out += e.text;
        p = e.next;
        chunk = p;
        continue;
      }
      if (c === 36 && text.charCodeAt(p + 1) === 123) {
        out += text.slice(chunk, p);
        push(opened, tokenStart, p + 2, 0, out);
        holes.push({ depth: 0, start: p });
        pos = p + 2;
        return;
      }
      if (c === 13 && text.charCodeAt(p + 1) === 10) {
        // D28: a raw CRLF inside a string is stored as one "\n".
        out += text.slice(chunk, p) + "\n";
        p += 2;
        chunk = p;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        p += nonAsciiLength(p);
        continue;
      }
      p++;
    }
    out += text.slice(chunk, n);
    report("E0002", tokenStart, n, 'the string has no closing `"`');
    stringErrorAtEof = true;
    push(closed, tokenStart, n, 0, out);
    pos = n;
  }

  function charLiteral(start: number): void {
    let p = start + 1;
    // Older spelling: '\' followed by anything but a quote is a backslash character ('\'' is a quote).
    if (text.charCodeAt(p) === 92 && text.charCodeAt(p + 1) === 39 && text.charCodeAt(p + 2) !== 39) {
      push(T.Char, start, p + 2, 0, 92);
      pos = p + 2;
      return;
    }
    const c = p < n ? text.charCodeAt(p) : -1;
    if (c === 39) {
      report("E0006", start, p + 1, "empty character literal");
      push(T.Char, start, p + 1, 0, 0);
      pos = p + 1;
      return;
    }
    if (c < 0 || c === 10 || c === 13) {
      report("E0006", start, p, "unterminated character literal");
      push(T.Char, start, p, 0, 0);
      pos = p;
      return;
    }
    let value: number;
    if (c === 92) {
      const e = escape(p);
      value = e.text.length ? e.text.codePointAt(0)! : 0;
      p = e.next;
    } else {
      const len = c >= 0xd800 && c <= 0xdfff ? nonAsciiLength(p) : 1;
      value = len === 2 ? text.codePointAt(p)! : c;
      p += len;
    }
    if (text.charCodeAt(p) === 39) {
      push(T.Char, start, p + 1, 0, value);
      pos = p + 1;
      return;
    }
    // Several characters or no closing quote: look for a quote on the same line.
    let q = p;
    while (q < n) {
      const d = text.charCodeAt(q);
      if (d === 39 || d === 10 || d === 13) break;
      q++;
    }
    if (q < n && text.charCodeAt(q) === 39) {
      report(
        "E0006",
        start,
        q + 1,
        "a character literal holds exactly one character",
        "use a string for text",
      );
      push(T.Char, start, q + 1, 0, value);
      pos = q + 1;
    } else {
      report("E0006", start, p, "unterminated character literal");
      push(T.Char, start, p, 0, value);
      pos = p;
    }
  }

  /** Reads `digit+ ("_" digit+)*` from `p`; returns the end. `_` must sit between digits. */
  function digitRun(p: number, hex: boolean): number {
    for (;;) {
      const c = text.charCodeAt(p);
      if (hex ? isHexDigit(c) : isDigit(c)) {
        p++;
        continue;
      }
      if (c === 95) {
        const d = text.charCodeAt(p + 1);
        if (hex ? isHexDigit(d) : isDigit(d)) {
          p++;
          continue;
        }
      }
      return p;
    }
  }

  function digitsValue(from: number, to: number, radix: number): bigint {
    if (radix === 10 && to - from <= 15) {
      // Fast path for the common short literal: no string building, exact in a double.
      let v = 0;
      for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c !== 95) v = v * 10 + (c - 48);
      }
      return BigInt(v);
    }
    const raw = text.slice(from, to).replaceAll("_", "");
    if (raw.length === 0) return 0n;
    if (radix === 10 && raw.length <= 15) return BigInt(Number(raw));
    return BigInt(radix === 16 ? "0x" + raw : raw);
  }

  function number(start: number): void {
    let p = start;
    let hex = false;
    let isFloat = false;
    let error: { detail: string; help?: string } | undefined;
    let digitsFrom = p;
    let digitsTo: number;
    if (text.charCodeAt(p) === 48 && (text.charCodeAt(p + 1) | 32) === 120) {
      hex = true;
      p += 2;
      digitsFrom = p;
      digitsTo = digitRun(p, true);
      if (digitsTo === p) error = { detail: "`0x` must be followed by hex digits" };
      p = digitsTo;
    } else {
      digitsTo = digitRun(p, false);
      p = digitsTo;
      if (text.charCodeAt(p) === 46 && isDigit(text.charCodeAt(p + 1))) {
        isFloat = true;
        p = digitRun(p + 1, false);
      }
      const e = text.charCodeAt(p) | 32;
      if (e === 101) {
        const s = text.charCodeAt(p + 1);
        const afterSign = s === 43 || s === 45 ? p + 2 : p + 1;
        if (isDigit(text.charCodeAt(afterSign))) {
          const lit = text.slice(start, p);
          p = digitRun(afterSign, false);
          if (!isFloat) {
            error = {
              detail: "an exponent needs a fraction",
              help: `write ${lit}.0${text.slice(lit.length + start, p)}`,
            };
          }
          isFloat = true;
        }
      }
    }
    // Suffix: "_" followed by letters and digits.
    let suffix = 0;
    if (text.charCodeAt(p) === 95 && isIdentStart(text.charCodeAt(p + 1)) && text.charCodeAt(p + 1) !== 95) {
      let q = p + 1;
      while (isIdentPart(text.charCodeAt(q))) q++;
      const word = text.slice(p + 1, q);
      const code = (SUFFIXES as readonly string[]).indexOf(word);
      if (code <= 0) {
        error ??= {
          detail: `unknown literal suffix \`_${word}\``,
          help: "the suffixes are _i8 _i16 _i32 _i64 _u8 _u16 _u32 _u64 _f32 _f64",
        };
      } else if (code >= FLOAT_SUFFIX_FIRST && !isFloat) {
        error ??= {
          detail: `a float suffix on an integer literal`,
          help: `write ${text.slice(start, p)}.0_${word}`,
        };
      } else if (code < FLOAT_SUFFIX_FIRST && isFloat) {
        error ??= { detail: `an integer suffix on a float literal` };
      } else {
        suffix = code;
      }
      p = q;
    }
    // Anything glued to the literal (`1_`, `1__0`, `12abc`) makes it malformed.
    if (isIdentPart(text.charCodeAt(p))) {
      let q = p;
      while (isIdentPart(text.charCodeAt(q))) q++;
      error ??= {
        detail: `\`${text.slice(start, q)}\` is not a number`,
        help: "`_` may only separate digits, and suffixes are written like 10_i64",
      };
      p = q;
    }
    pos = p;
    if (error) {
      report("E0005", start, p, error.detail, error.help);
      push(isFloat ? T.Float : T.Int, start, p, hex ? HEX : 0, isFloat ? 0 : 0n);
      return;
    }
    const flags = (hex ? HEX : 0) | (suffix << SUFFIX_SHIFT);
    if (isFloat) {
      const end = suffix ? text.lastIndexOf("_", p) : p;
      push(T.Float, start, p, flags, Number(text.slice(start, end).replaceAll("_", "")));
      return;
    }
    const value = digitsValue(digitsFrom, digitsTo, hex ? 16 : 10);
    if (value > MAX_U64) {
      report("E0005", start, p, "the value does not fit in 64 bits");
      push(T.Int, start, p, flags, 0n);
      return;
    }
    push(T.Int, start, p, flags, value);
  }

  while (pos < n) {
    const start = pos;
    const c = text.charCodeAt(pos);
    switch (c) {
      case 32:
      case 9:
      case 10:
      case 13:
        pos++;
        continue;
      case 0xfeff:
        if (pos === 0) {
          pos++;
          continue;
        }
        report("E0001", pos, pos + 1, "a byte-order mark in the middle of the file");
        pos++;
        continue;
      case 47: {
        // "/"
        const d = text.charCodeAt(pos + 1);
        if (d === 47) {
          let end = pos + 2;
          while (end < n && text.charCodeAt(end) !== 10) end++;
          const lineEnd = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
          checkSurrogates(pos + 2, lineEnd);
          if (text.charCodeAt(pos + 2) === 47 && text.charCodeAt(pos + 3) !== 47) {
            let from = pos + 3;
            if (text.charCodeAt(from) === 32) from++;
            if (pendingDoc < 0) pendingDoc = docLines.length;
            docLines.push({ start: pos, end: lineEnd, text: text.slice(from, Math.max(from, lineEnd)) });
          }
          pos = end;
          continue;
        }
        if (d === 42) {
          const close = text.indexOf("*/", pos + 2);
          if (close < 0) {
            report("E0003", pos, n, "the comment has no closing `*/`");
            checkSurrogates(pos + 2, n);
            pos = n;
          } else {
            checkSurrogates(pos + 2, close);
            pos = close + 2;
          }
          continue;
        }
        if (d === 61) {
          push(T.SlashEq, pos, pos + 2);
          pos += 2;
          continue;
        }
        push(T.Slash, pos, pos + 1);
        pos++;
        continue;
      }
      case 34: // "
        stringPiece(pos, pos + 1, T.String, T.StringHead);
        continue;
      case 39: // '
        charLiteral(pos);
        continue;
      case 123: // {
        if (holes.length) holes[holes.length - 1]!.depth++;
        push(T.LBrace, pos, pos + 1);
        pos++;
        continue;
      case 125: {
        // }
        const hole = holes.length ? holes[holes.length - 1]! : undefined;
        if (hole && hole.depth === 0) {
          holes.pop();
          const prev = tokens[tokens.length - 1];
          if (
            prev &&
            (prev.kind === T.StringHead || prev.kind === T.StringMiddle) &&
            prev.end === hole.start + 2
          ) {
            report("E0008", hole.start, pos + 1, "`${}` has no expression");
          }
          stringPiece(pos, pos + 1, T.StringTail, T.StringMiddle);
          continue;
        }
        if (hole) hole.depth--;
        push(T.RBrace, pos, pos + 1);
        pos++;
        continue;
      }
      case 40:
        push(T.LParen, pos, pos + 1);
        pos++;
        continue;
      case 41:
        push(T.RParen, pos, pos + 1);
        pos++;
        continue;
      case 91:
        push(T.LBracket, pos, pos + 1);
        pos++;
        continue;
      case 93:
        push(T.RBracket, pos, pos + 1);
        pos++;
        continue;
      case 44:
        push(T.Comma, pos, pos + 1);
        pos++;
        continue;
      case 59:
        push(T.Semi, pos, pos + 1);
        pos++;
        continue;
      case 63:
        push(T.Question, pos, pos + 1);
        pos++;
        continue;
      case 64:
        push(T.At, pos, pos + 1);
        pos++;
        continue;
      case 36:
        push(T.Dollar, pos, pos + 1);
        pos++;
        continue;
      case 94:
        push(T.Caret, pos, pos + 1);
        pos++;
        continue;
      case 126:
        push(T.Tilde, pos, pos + 1);
        pos++;
        continue;
      case 46:
        push(T.Dot, pos, pos + 1);
        pos++;
        continue;
      case 58: // :
        if (text.charCodeAt(pos + 1) === 58) {
          push(T.ColonColon, pos, pos + 2);
          pos += 2;
        } else {
          push(T.Colon, pos, pos + 1);
          pos++;
        }
        continue;
      case 60: {
        // <
        const d = text.charCodeAt(pos + 1);
        const kind = d === 61 ? T.LtEq : d === 60 ? T.LtLt : T.Lt;
        const len = kind === T.Lt ? 1 : 2;
        push(kind, pos, pos + len);
        pos += len;
        continue;
      }
      case 62: {
        // > is always alone (§3.5)
        const d = text.charCodeAt(pos + 1);
        push(T.Gt, pos, pos + 1, d === 62 || d === 61 ? FOLLOWED : 0);
        pos++;
        continue;
      }
      case 61: {
        // =
        const d = text.charCodeAt(pos + 1);
        if (d === 61) {
          if (text.charCodeAt(pos + 2) === 61) {
            push(T.EqEqEq, pos, pos + 3);
            pos += 3;
          } else {
            push(T.EqEq, pos, pos + 2);
            pos += 2;
          }
        } else if (d === 62) {
          push(T.FatArrow, pos, pos + 2);
          pos += 2;
        } else {
          push(T.Eq, pos, pos + 1);
          pos++;
        }
        continue;
      }
      case 33: {
        // !
        if (text.charCodeAt(pos + 1) === 61) {
          if (text.charCodeAt(pos + 2) === 61) {
            push(T.BangEqEq, pos, pos + 3);
            pos += 3;
          } else {
            push(T.BangEq, pos, pos + 2);
            pos += 2;
          }
        } else {
          push(T.Bang, pos, pos + 1);
          pos++;
        }
        continue;
      }
      case 43: {
        // +
        const d = text.charCodeAt(pos + 1);
        const kind = d === 61 ? T.PlusEq : d === 43 ? T.PlusPlus : T.Plus;
        const len = kind === T.Plus ? 1 : 2;
        push(kind, pos, pos + len);
        pos += len;
        continue;
      }
      case 45: {
        // -
        const d = text.charCodeAt(pos + 1);
        const kind = d === 61 ? T.MinusEq : d === 45 ? T.MinusMinus : d === 62 ? T.ThinArrow : T.Minus;
        const len = kind === T.Minus ? 1 : 2;
        push(kind, pos, pos + len);
        pos += len;
        continue;
      }
      case 42: {
        const eq = text.charCodeAt(pos + 1) === 61;
        push(eq ? T.StarEq : T.Star, pos, pos + (eq ? 2 : 1));
        pos += eq ? 2 : 1;
        continue;
      }
      case 37: {
        const eq = text.charCodeAt(pos + 1) === 61;
        push(eq ? T.PercentEq : T.Percent, pos, pos + (eq ? 2 : 1));
        pos += eq ? 2 : 1;
        continue;
      }
      case 38: {
        const two = text.charCodeAt(pos + 1) === 38;
        push(two ? T.AmpAmp : T.Amp, pos, pos + (two ? 2 : 1));
        pos += two ? 2 : 1;
        continue;
      }
      case 124: {
        const two = text.charCodeAt(pos + 1) === 124;
        push(two ? T.PipePipe : T.Pipe, pos, pos + (two ? 2 : 1));
        pos += two ? 2 : 1;
        continue;
      }
      default:
        break;
    }
    if (isDigit(c)) {
      number(start);
      continue;
    }
    if (isIdentStart(c) || foreignLetter(pos) > 0) {
      // Non-ASCII letters are E0001 each but stay in the word, so `é` or `naïve` is still one
      // name to the parser and the checker (no cascade from a dropped or split identifier).
      let p = pos;
      while (p < n) {
        if (isIdentPart(text.charCodeAt(p))) p++;
        else {
          const len = foreignLetter(p);
          if (len === 0) break;
          report("E0001", p, p + len, `\`${text.slice(p, p + len)}\``, NON_ASCII_HELP);
          p += len;
        }
      }
      pos = p;
      if (p - start === 1 && c === 95) {
        push(T.Underscore, start, p);
        continue;
      }
      const sliced = text.slice(start, p);
      // Every keyword starts with a lowercase letter: capitalised names skip the lookup.
      const kw = c >= 97 ? KEYWORDS.get(sliced) : undefined;
      if (kw !== undefined) {
        push(kw, start, p);
        continue;
      }
      // One string per distinct name per file: the tree keeps these alive, duplicates would not be free.
      let word = names.get(sliced);
      if (word === undefined) {
        word = sliced;
        names.set(word, word);
      }
      push(T.Ident, start, p, 0, word);
      if (word === "code") fence(p);
      continue;
    }
    // Anything else: a stray character.
    const len = c >= 0x80 ? nonAsciiLength(pos) : 1;
    const shown =
      c < 32 || c === 127 ? `U+${c.toString(16).toUpperCase().padStart(4, "0")}` : text.slice(pos, pos + len);
    report("E0001", pos, pos + len, `\`${shown}\``, c >= 0x80 ? NON_ASCII_HELP : undefined);
    pos += len;
  }

  /** After the word `code`: a fence ``` … ``` on the same line becomes one CodeFence token. */
  function fence(after: number): void {
    let p = after;
    while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
    if (text.charCodeAt(p) !== 96 || text.charCodeAt(p + 1) !== 96 || text.charCodeAt(p + 2) !== 96) return;
    const close = text.indexOf("```", p + 3);
    if (close < 0) {
      report("E0002", p, n, "the code fence has no closing ```");
      stringErrorAtEof = true;
      push(T.CodeFence, p, n);
      pos = n;
      return;
    }
    checkSurrogates(p + 3, close);
    push(T.CodeFence, p, close + 3);
    pos = close + 3;
  }

  if (holes.length && !stringErrorAtEof) {
    const hole = holes[0]!;
    report("E0008", hole.start, n, "the interpolation `${` has no closing `}`");
  }
  tokens.push({ kind: T.EOF, start: n, end: n, flags: 0, value: undefined, doc: pendingDoc });
  return { tokens, docLines, diagnostics };
}

/** Text of a token for messages: its kind name, or the identifier/literal text when short. */
export function describeToken(text: string, t: Token): string {
  switch (t.kind) {
    case T.Ident:
      return `identifier \`${t.value as string}\``;
    case T.Int:
    case T.Float: {
      const raw = text.slice(t.start, t.end);
      return raw.length <= 24 ? `\`${raw}\`` : TOKEN_NAMES[t.kind];
    }
    default:
      return TOKEN_NAMES[t.kind];
  }
}

/**
 * Decodes file bytes as UTF-8 (skipping nothing; the lexer skips a BOM). Invalid UTF-8 gives one
 * E0007 at the first bad byte and the text decoded with U+FFFD replacements, so parsing can go on.
 */
export function decodeSource(bytes: Uint8Array, file: string): { text: string; diagnostics: Diagnostic[] } {
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { text, diagnostics: [] };
  const at = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(
    bytes.subarray(0, bad),
  ).length;
  const index = new LineIndex(text);
  return {
    text,
    diagnostics: [
      makeDiagnostic(
        "E0007",
        { detail: `invalid byte 0x${bytes[bad]!.toString(16).padStart(2, "0")} at byte offset ${bad}` },
        { span: { file, start: at, end: at + 1 }, index },
      ),
    ],
  };
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
