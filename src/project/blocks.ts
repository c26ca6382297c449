/**
 * The manifest block language (PIPELINE.md §1): `kind "label" { key = value … }` blocks with
 * strings, bare words and `[ … ]` lists, `#` and `//` comments outside quotes.
 *
 * This module only turns text into a tree of blocks with spans and reports syntax errors
 * (E3003), recovering at line ends and braces so several problems are reported at once. It
 * does not know which block kinds or keys exist: validation lives in `manifest.ts`.
 */

import { LineIndex, makeDiagnostic, type Diagnostic, type Span } from "../diagnostics/index.ts";

export type Value =
  | { readonly type: "string"; readonly value: string; readonly span: Span }
  | { readonly type: "word"; readonly value: string; readonly span: Span }
  | { readonly type: "list"; readonly items: readonly Value[]; readonly span: Span };

export interface Entry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: Value;
}

export interface Block {
  readonly kind: string;
  readonly kindSpan: Span;
  readonly label?: string;
  readonly labelSpan?: Span;
  readonly entries: readonly Entry[];
  readonly blocks: readonly Block[];
  /** Keys written in this block whose value had a syntax error (already E3003). */
  readonly broken: readonly string[];
}

export interface BlockFile {
  readonly file: string;
  readonly index: LineIndex;
  readonly blocks: readonly Block[];
  readonly diagnostics: readonly Diagnostic[];
}

const enum T {
  Word,
  String,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  Eq,
  Comma,
  Semi,
  Newline,
  Bad,
  BadString,
  Eof,
}

interface Token {
  readonly kind: T;
  readonly start: number;
  readonly end: number;
  /** Decoded text for strings and words. */
  readonly text: string;
}

function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === 46 ||
    c === 45 ||
    c === 47
  );
}

/** Tokenizes the whole text; comments are dropped, line breaks kept (they end entries). */
function lex(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    // A UTF-8 byte order mark (editors on Windows write one) is not content.
    if (c === 32 || c === 9 || c === 13 || (c === 0xfeff && i === 0)) {
      i++;
      continue;
    }
    if (c === 10) {
      out.push({ kind: T.Newline, start: i, end: i + 1, text: "\n" });
      i++;
      continue;
    }
    if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    const start = i;
    const single = (kind: T): void => {
      out.push({ kind, start, end: start + 1, text: text[start]! });
      i++;
    };
    switch (c) {
      case 123:
        single(T.LBrace);
        continue;
      case 125:
        single(T.RBrace);
        continue;
      case 91:
        single(T.LBracket);
        continue;
      case 93:
        single(T.RBracket);
        continue;
      case 61:
        single(T.Eq);
        continue;
      case 44:
        single(T.Comma);
        continue;
      case 59:
        single(T.Semi);
        continue;
      case 34: {
        i++;
        let value = "";
        let closed = false;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 34) {
            closed = true;
            i++;
            break;
          }
          if (d === 10) break;
          if (d === 92 && i + 1 < n && text.charCodeAt(i + 1) !== 10) {
            const e = text[i + 1]!;
            value += e === "n" ? "\n" : e === "t" ? "\t" : e;
            i += 2;
            continue;
          }
          value += text[i];
          i++;
        }
        out.push({ kind: closed ? T.String : T.BadString, start, end: i, text: value });
        continue;
      }
      default:
        if (isWordChar(c)) {
          while (i < n && isWordChar(text.charCodeAt(i))) {
            // `//` inside a bare word still starts a comment.
            if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 47) break;
            i++;
          }
          out.push({ kind: T.Word, start, end: i, text: text.slice(start, i) });
        } else {
          // One unexpected code point (keep surrogate pairs together).
          i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
          out.push({ kind: T.Bad, start, end: i, text: text.slice(start, i) });
        }
    }
  }
  out.push({ kind: T.Eof, start: n, end: n, text: "" });
  return out;
}

const DESCRIBE: Record<T, string> = {
  [T.Word]: "a word",
  [T.String]: "a string",
  [T.LBrace]: "'{'",
  [T.RBrace]: "'}'",
  [T.LBracket]: "'['",
  [T.RBracket]: "']'",
  [T.Eq]: "'='",
  [T.Comma]: "','",
  [T.Semi]: "';'",
  [T.Newline]: "a line break",
  [T.Bad]: "an unexpected character",
  [T.BadString]: "an unterminated string",
  [T.Eof]: "the end of the file",
};

/** Parses a manifest text into blocks; never throws. */
export function parseBlocks(text: string, file: string): BlockFile {
  const index = new LineIndex(text);
  const toks = lex(text);
  const diagnostics: Diagnostic[] = [];
  let p = 0;
  const span = (t: Token): Span => ({ file, start: t.start, end: t.end });
  const error = (t: Token, detail: string, help?: string): void => {
    diagnostics.push(
      makeDiagnostic("E3003", { detail, ...(help ? { help } : {}) }, { span: span(t), index }),
    );
  };
  const peek = (): Token => toks[p]!;
  const skipNewlines = (): void => {
    while (toks[p]!.kind === T.Newline || toks[p]!.kind === T.Semi) p++;
  };
  const found = (t: Token): string =>
    t.kind === T.Word || t.kind === T.Bad ? `'${t.text}'` : DESCRIBE[t.kind];
  /** Skips to the end of the current line (or a brace), for recovery after an error. */
  const recoverLine = (): void => {
    while (![T.Newline, T.Eof, T.RBrace, T.LBrace].includes(peek().kind)) p++;
  };

  const reportBadToken = (t: Token): boolean => {
    if (t.kind === T.BadString) {
      error(t, "unterminated string", "close the string with a double quote on the same line");
      return true;
    }
    if (t.kind === T.Bad) {
      error(t, `unexpected character '${t.text}'`);
      return true;
    }
    return false;
  };

  const parseValue = (): Value | undefined => {
    const t = peek();
    if (t.kind === T.String) {
      p++;
      return { type: "string", value: t.text, span: span(t) };
    }
    if (t.kind === T.Word) {
      p++;
      return { type: "word", value: t.text, span: span(t) };
    }
    if (t.kind === T.LBracket) {
      p++;
      const items: Value[] = [];
      for (;;) {
        while (peek().kind === T.Newline || peek().kind === T.Comma) p++;
        const u = peek();
        if (u.kind === T.RBracket) {
          p++;
          return { type: "list", items, span: { file, start: t.start, end: u.end } };
        }
        if (u.kind === T.String || u.kind === T.Word) {
          items.push(
            u.kind === T.String
              ? { type: "string", value: u.text, span: span(u) }
              : { type: "word", value: u.text, span: span(u) },
          );
          p++;
          continue;
        }
        if (!reportBadToken(u))
          error(u, `expected a list item or ']', found ${found(u)}`, 'lists look like [ "a", "b" ]');
        return undefined;
      }
    }
    if (!reportBadToken(t))
      error(t, `expected a value (a quoted string, a word or a [ … ] list), found ${found(t)}`);
    return undefined;
  };

  /** Parses the body after `{` up to and including the matching `}`. */
  const parseBody = (open: Token): { entries: Entry[]; blocks: Block[]; broken: string[] } => {
    const entries: Entry[] = [];
    const blocks: Block[] = [];
    const broken: string[] = [];
    for (;;) {
      skipNewlines();
      const t = peek();
      if (t.kind === T.RBrace) {
        p++;
        return { entries, blocks, broken };
      }
      if (t.kind === T.Eof) {
        error(open, "block is never closed", "add a matching '}'");
        return { entries, blocks, broken };
      }
      if (t.kind !== T.Word) {
        if (!reportBadToken(t)) error(t, `expected 'key = value' or a nested block, found ${found(t)}`);
        p++;
        recoverLine();
        continue;
      }
      const next = toks[p + 1]!;
      if (next.kind === T.Eq) {
        p += 2;
        const value = parseValue();
        if (!value) broken.push(t.text);
        if (value) {
          entries.push({ key: t.text, keySpan: span(t), value });
          const end = peek();
          if (end.kind === T.Comma || end.kind === T.Semi) p++;
          const after = peek();
          if (after.kind !== T.Newline && after.kind !== T.RBrace && after.kind !== T.Eof) {
            if (!reportBadToken(after))
              error(
                after,
                `expected a line break after the value, found ${found(after)}`,
                "write one 'key = value' per line",
              );
            // The rest of the line's entries are still read: one E3003 for the line, not an
            // E3004 "missing key" for every entry written after the first.
            while (peek().kind === T.Word && toks[p + 1]!.kind === T.Eq) {
              const key = peek();
              p += 2;
              const more = parseValue();
              if (!more) {
                broken.push(key.text);
                break;
              }
              entries.push({ key: key.text, keySpan: span(key), value: more });
              if (peek().kind === T.Comma || peek().kind === T.Semi) p++;
            }
          }
        }
        recoverLine();
        continue;
      }
      const block = parseBlock();
      if (block) blocks.push(block);
    }
  };

  /** `kind "label"? {` … `}` with the cursor on `kind`. */
  const parseBlock = (): Block | undefined => {
    const kindTok = peek();
    p++;
    let labelTok: Token | undefined;
    if (peek().kind === T.String) {
      labelTok = peek();
      p++;
    }
    const open = peek();
    if (open.kind !== T.LBrace) {
      if (!reportBadToken(open)) {
        error(
          open,
          `expected '{' to open the '${kindTok.text}' block${labelTok ? "" : " (or a quoted label)"}, found ${found(open)}`,
          'blocks look like: kind "label" { key = value }',
        );
      }
      recoverLine();
      // A stray '{' later on the line still opens the body, so its '}' is not misread.
      if (peek().kind !== T.LBrace) return undefined;
    }
    const bodyOpen = peek();
    p++;
    const { entries, blocks, broken } = parseBody(bodyOpen);
    return {
      kind: kindTok.text,
      kindSpan: span(kindTok),
      ...(labelTok ? { label: labelTok.text, labelSpan: span(labelTok) } : {}),
      entries,
      blocks,
      broken,
    };
  };

  const top: Block[] = [];
  for (;;) {
    skipNewlines();
    const t = peek();
    if (t.kind === T.Eof) break;
    if (t.kind === T.Word) {
      const b = parseBlock();
      if (b) top.push(b);
      continue;
    }
    if (!reportBadToken(t)) error(t, `expected a block such as 'project {', found ${found(t)}`);
    p++;
    recoverLine();
  }
  return { file, index, blocks: top, diagnostics };
}
