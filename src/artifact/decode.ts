/**
 * Decodes the binary form written by `encode.ts`. Bad input is a value, never an exception:
 * the result says whether the bytes are not an artifact at all, of another schema version,
 * truncated, or corrupted (checksum mismatch, unknown tag, out-of-range reference, trailing
 * bytes), with a sentence for people.
 *
 * Structural checks beyond "every tag and index is in range" belong to `verify.ts`.
 */

import { createHash } from "node:crypto";
import { ByteReader, ByteReaderError } from "./bytes.ts";
import { EXPR_KINDS, MAGIC, STMT_KINDS, TRAILER_BYTES } from "./encode.ts";
import {
  ARTIFACT_SCHEMA_VERSION,
  BINARY_OPS,
  LOAD_OPS,
  STORE_OPS,
  UNARY_OPS,
  VAL_TYPES,
  type CodegenArtifact,
  type EntryPoint,
  type Expr,
  type Func,
  type FuncType,
  type HeapLayout,
  type LocId,
  type Stmt,
  type TestEntry,
  type ValType,
} from "./schema.ts";
import { assertNever } from "./types.ts";

export type DecodeErrorKind = "not-an-artifact" | "wrong-version" | "truncated" | "corrupted";

export type DecodeResult =
  | { readonly ok: true; readonly artifact: CodegenArtifact }
  | { readonly ok: false; readonly kind: DecodeErrorKind; readonly message: string };

class Corrupt extends Error {}

const HEADER = 12;

export function decodeArtifact(bytes: Uint8Array): DecodeResult {
  const fail = (kind: DecodeErrorKind, message: string): DecodeResult => ({ ok: false, kind, message });
  if (bytes.length < 4 || MAGIC.some((b, i) => bytes[i] !== b)) {
    return fail("not-an-artifact", "not a beskid-ci artifact (the file does not start with BSKA)");
  }
  if (bytes.length < HEADER)
    return fail("truncated", `artifact truncated: ${bytes.length} bytes, header incomplete`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== ARTIFACT_SCHEMA_VERSION) {
    return fail(
      "wrong-version",
      `artifact schema version ${version} is not supported (this toolchain reads version ${ARTIFACT_SCHEMA_VERSION})`,
    );
  }
  const total = view.getUint32(8, true);
  if (bytes.length < total) return fail("truncated", `artifact truncated: ${bytes.length} of ${total} bytes`);
  if (bytes.length > total || total < HEADER + TRAILER_BYTES) {
    return fail("corrupted", `artifact corrupted: ${bytes.length} bytes where the header says ${total}`);
  }
  const body = bytes.subarray(0, total - TRAILER_BYTES);
  const digest = createHash("sha256").update(body).digest();
  const trailer = bytes.subarray(total - TRAILER_BYTES, total);
  for (let i = 0; i < TRAILER_BYTES; i++) {
    if (digest[i] !== trailer[i]) return fail("corrupted", "artifact corrupted: checksum mismatch");
  }
  try {
    const r = new ByteReader(body);
    r.pos = HEADER;
    const artifact = readBody(r);
    if (r.remaining !== 0) throw new Corrupt(`${r.remaining} unexpected bytes after the last section`);
    return { ok: true, artifact };
  } catch (e) {
    if (e instanceof Corrupt || e instanceof ByteReaderError || e instanceof RangeError) {
      return fail("corrupted", `artifact corrupted: ${e.message}`);
    }
    throw e;
  }
}

function pick<T>(table: readonly T[], tag: number, what: string): T {
  const v = table[tag];
  if (v === undefined) throw new Corrupt(`unknown ${what} tag ${tag}`);
  return v;
}

function readBody(r: ByteReader): CodegenArtifact {
  const count = (): number => {
    const n = r.uleb();
    // Every element takes at least one byte; a larger count is corruption, not an allocation.
    if (n > r.remaining) throw new Corrupt(`count ${n} exceeds the remaining ${r.remaining} bytes`);
    return n;
  };
  const list = <T>(item: () => T): T[] => {
    const n = count();
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item());
    return out;
  };
  const valType = (): ValType => pick(VAL_TYPES, r.u8(), "value type");
  const funcType = (): FuncType => {
    const params = list(valType);
    const res = r.u8();
    return { params, result: res === 0xff ? null : pick(VAL_TYPES, res, "value type") };
  };
  const optLoc = (): LocId | undefined => {
    const v = r.uleb();
    return v === 0 ? undefined : v - 1;
  };
  // Sets `loc` on the node just built (not a spread copy: one object per node, not two).
  const withLoc = <T extends object>(node: T, loc: LocId | undefined): T => {
    if (loc !== undefined) (node as { loc?: LocId }).loc = loc;
    return node;
  };
  const constant = (): { type: ValType; value: number | bigint } => {
    const type = valType();
    switch (type) {
      case "i32":
        return { type, value: r.sleb32() };
      case "i64":
        return { type, value: r.sleb64() };
      case "f32":
        return { type, value: r.f32() };
      case "f64":
        return { type, value: r.f64() };
      default:
        return assertNever(type);
    }
  };
  const optStr = (): string | null => {
    const tag = r.u8();
    if (tag === 0) return null;
    if (tag !== 1) throw new Corrupt(`bad optional tag ${tag}`);
    return r.str();
  };
  const elemSize = (): 1 | 2 | 4 | 8 => {
    const s = r.u8();
    if (s !== 1 && s !== 2 && s !== 4 && s !== 8) throw new Corrupt(`bad element size ${s}`);
    return s;
  };

  const exprs = (): Expr[] => list(expr);
  const stmts = (): Stmt[] => list(stmt);

  function expr(): Expr {
    const kind = pick(EXPR_KINDS, r.u8(), "expression");
    switch (kind) {
      case "const": {
        // Read in place rather than through `constant()`: one object per constant, not two.
        const type = valType();
        switch (type) {
          case "i32":
            return { kind, type, value: r.sleb32() };
          case "i64":
            return { kind, type, value: r.sleb64() };
          case "f32":
            return { kind, type, value: r.f32() };
          case "f64":
            return { kind, type, value: r.f64() };
          default:
            return assertNever(type);
        }
      }
      case "local.get":
      case "global.get":
        return { kind, index: r.uleb() };
      case "local.tee": {
        const index = r.uleb();
        return { kind, index, value: expr() };
      }
      case "unary": {
        const op = pick(UNARY_OPS, r.u8(), "unary op");
        return { kind, op, value: expr() };
      }
      case "binary": {
        const op = pick(BINARY_OPS, r.u8(), "binary op");
        const loc = optLoc();
        const left = expr();
        const right = expr();
        return withLoc({ kind, op, left, right }, loc);
      }
      case "load": {
        const op = pick(LOAD_OPS, r.u8(), "load op");
        const offset = r.uleb();
        return { kind, op, offset, addr: expr() };
      }
      case "call": {
        const func = r.uleb();
        const loc = optLoc();
        return withLoc({ kind, func, args: exprs() }, loc);
      }
      case "call.indirect": {
        const type = funcType();
        const loc = optLoc();
        const target = expr();
        return withLoc({ kind, type, target, args: exprs() }, loc);
      }
      case "call.runtime": {
        const name = r.str();
        const loc = optLoc();
        return withLoc({ kind, name, args: exprs() }, loc);
      }
      case "call.extern": {
        const ext = r.uleb();
        const loc = optLoc();
        return withLoc({ kind, ext, args: exprs() }, loc);
      }
      case "select": {
        const cond = expr();
        const then = expr();
        return { kind, cond, then, else: expr() };
      }
      case "cond": {
        const type = valType();
        const cond = expr();
        const then = expr();
        return { kind, type, cond, then, else: expr() };
      }
      case "seq": {
        const body = stmts();
        return { kind, body, value: expr() };
      }
      case "data.addr":
        return { kind, segment: r.uleb() };
      case "elem.addr": {
        const size = elemSize();
        const loc = optLoc();
        const base = expr();
        return withLoc({ kind, elemSize: size, base, index: expr() }, loc);
      }
      case "memory.size":
        return { kind };
      case "memory.grow":
        return { kind, pages: expr() };
      default:
        return assertNever(kind);
    }
  }

  function stmt(): Stmt {
    const kind = pick(STMT_KINDS, r.u8(), "statement");
    const loc = optLoc();
    let s: Stmt;
    switch (kind) {
      case "expr":
        s = { kind, expr: expr() };
        break;
      case "local.set":
      case "global.set": {
        const index = r.uleb();
        s = { kind, index, value: expr() };
        break;
      }
      case "store": {
        const op = pick(STORE_OPS, r.u8(), "store op");
        const offset = r.uleb();
        const addr = expr();
        s = { kind, op, offset, addr, value: expr() };
        break;
      }
      case "block":
      case "loop": {
        const label = r.uleb();
        s = { kind, label, body: stmts() };
        break;
      }
      case "if": {
        const cond = expr();
        const then = stmts();
        s = { kind, cond, then, else: stmts() };
        break;
      }
      case "break":
      case "continue":
        s = { kind, label: r.uleb() };
        break;
      case "return": {
        const has = r.u8();
        if (has > 1) throw new Corrupt(`bad return tag ${has}`);
        s = has ? { kind, value: expr() } : { kind };
        break;
      }
      case "unreachable":
        s = { kind };
        break;
      case "memory.copy": {
        const dst = expr();
        const src = expr();
        s = { kind, dst, src, len: expr() };
        break;
      }
      case "memory.fill": {
        const dst = expr();
        const value = expr();
        s = { kind, dst, value, len: expr() };
        break;
      }
      default:
        return assertNever(kind);
    }
    return withLoc(s, loc);
  }

  const files = list(() => r.str());
  const locations = list(() => {
    const file = r.uleb();
    const line = r.uleb();
    return { file, line, column: r.uleb() };
  });
  const functions = list((): Func => {
    const name = r.str();
    const type = funcType();
    const locals = list(valType);
    const loc = optLoc();
    const body = stmts();
    return withLoc({ name, type, locals, body }, loc);
  });
  const globals = list(() => {
    const name = r.str();
    const mutable = r.u8() === 1;
    const c = constant();
    return { name, mutable, type: c.type, init: c.value };
  });
  const externs = list(() => {
    const contract = r.str();
    const name = r.str();
    const library = r.str();
    return { contract, name, library, type: funcType() };
  });
  const table = list(() => r.uleb());
  const data = list(() => {
    const name = r.str();
    const n = r.uleb();
    return { name, bytes: r.bytes(n) };
  });
  const layouts = list((): HeapLayout => {
    const tag = r.u8();
    const name = r.str();
    if (tag === 0) {
      const size = r.uleb();
      return { kind: "record", name, size, refs: list(() => r.uleb()) };
    }
    if (tag !== 1) throw new Corrupt(`unknown layout tag ${tag}`);
    const size = elemSize();
    return { kind: "array", name, elemSize: size, elemRef: r.u8() === 1 };
  });
  const tests = list((): TestEntry => {
    const qualifiedName = r.str();
    const name = r.str();
    const group = optStr();
    const tags = list(() => r.str());
    const skipTag = r.u8();
    if (skipTag > 2) throw new Corrupt(`bad skip tag ${skipTag}`);
    const skip = skipTag === 0 ? null : { condition: skipTag === 2, reason: optStr() };
    const file = r.str();
    const line = r.uleb();
    const column = r.uleb();
    return { qualifiedName, name, group, tags, skip, file, line, column, func: r.uleb() };
  });
  const exports = list(() => {
    const name = r.str();
    return { name, func: r.uleb() };
  });
  const entryPoint = (): EntryPoint => {
    const name = r.str();
    return { name, func: r.uleb() };
  };
  const hasEntry = r.u8();
  if (hasEntry > 1) throw new Corrupt(`bad entry tag ${hasEntry}`);
  const entry = hasEntry ? entryPoint() : null;
  const entryPoints = list(entryPoint);

  // References must point inside their tables, so a backend can index without checks.
  const nf = functions.length;
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new Corrupt(what);
  };
  for (const l of locations) check(l.file < files.length, `location refers to file ${l.file}`);
  for (const t of table) check(t < nf, `table refers to function ${t}`);
  for (const t of tests) check(t.func < nf, `test ${t.qualifiedName} refers to function ${t.func}`);
  for (const e of exports) check(e.func < nf, `export ${e.name} refers to function ${e.func}`);
  for (const e of entryPoints) check(e.func < nf, `entry point ${e.name} refers to function ${e.func}`);
  if (entry) check(entry.func < nf, `entry refers to function ${entry.func}`);

  return {
    schemaVersion: ARTIFACT_SCHEMA_VERSION,
    files,
    locations,
    functions,
    globals,
    externs,
    table,
    data,
    layouts,
    tests,
    exports,
    entry,
    entryPoints,
  };
}
