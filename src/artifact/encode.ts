/**
 * The deterministic binary encoding of a `CodegenArtifact`, and its identity.
 *
 * Layout (docs/artifact.md): magic `BSKA`, u32 schema version, u32 total length, then every field in schema
 * order (arrays as a LEB128 count + elements; nodes as a tag byte from the kind tables below
 * + fields; ops by their index in the op tables), then a SHA-256 of everything before it.
 * The bytes depend only on the artifact's contents: every array is written in its own order,
 * nothing iterates a map or an object's keys, floats are written by bit pattern (NaN payloads
 * and -0 survive), and integers are canonical LEB128. Same artifact → same bytes, anywhere.
 *
 * It does not validate the artifact (lowering and `verify.ts` do); it does not compress.
 */

import { createHash } from "node:crypto";
import { ByteWriter } from "./bytes.ts";
import {
  BINARY_OPS,
  LOAD_OPS,
  MAX_NESTING,
  STORE_OPS,
  UNARY_OPS,
  VAL_TYPES,
  type CodegenArtifact,
  type Expr,
  type ExprKind,
  type FuncType,
  type LocId,
  type Stmt,
  type StmtKind,
  type ValType,
} from "./schema.ts";
import { assertNever } from "./types.ts";

export const MAGIC = [0x42, 0x53, 0x4b, 0x41] as const; // "BSKA"
export const TRAILER_BYTES = 32;

/** Tag bytes of expression kinds (index = tag). Append only. */
export const EXPR_KINDS: readonly ExprKind[] = [
  "const",
  "local.get",
  "local.tee",
  "global.get",
  "unary",
  "binary",
  "load",
  "call",
  "call.indirect",
  "call.runtime",
  "call.extern",
  "select",
  "cond",
  "seq",
  "data.addr",
  "elem.addr",
  "memory.size",
  "memory.grow",
];

/** Tag bytes of statement kinds (index = tag). Append only. */
export const STMT_KINDS: readonly StmtKind[] = [
  "expr",
  "local.set",
  "global.set",
  "store",
  "block",
  "loop",
  "if",
  "break",
  "continue",
  "return",
  "unreachable",
  "memory.copy",
  "memory.fill",
];

const exprTag = new Map(EXPR_KINDS.map((k, i) => [k, i]));
const stmtTag = new Map(STMT_KINDS.map((k, i) => [k, i]));
const unaryTag = new Map<string, number>(UNARY_OPS.map((k, i) => [k, i]));
const binaryTag = new Map<string, number>(BINARY_OPS.map((k, i) => [k, i]));
const loadTag = new Map<string, number>(LOAD_OPS.map((k, i) => [k, i]));
const storeTag = new Map<string, number>(STORE_OPS.map((k, i) => [k, i]));

function valTypeTag(t: ValType): number {
  const i = VAL_TYPES.indexOf(t);
  if (i < 0) throw new Error(`not a value type: ${String(t)}`);
  return i;
}

export function encodeArtifact(a: CodegenArtifact): Uint8Array {
  const w = new ByteWriter(64 * 1024);
  for (const b of MAGIC) w.u8(b);
  w.u32le(a.schemaVersion);
  const totalAt = w.length;
  w.u32le(0); // total length including the trailer, patched below

  const optLoc = (loc: LocId | undefined): void => w.uleb(loc === undefined ? 0 : loc + 1);
  const funcType = (t: FuncType): void => {
    w.uleb(t.params.length);
    for (const p of t.params) w.u8(valTypeTag(p));
    w.u8(t.result === null ? 0xff : valTypeTag(t.result));
  };
  const constant = (type: ValType, value: number | bigint): void => {
    w.u8(valTypeTag(type));
    switch (type) {
      case "i32":
        w.sleb32(Number(value));
        return;
      case "i64":
        w.sleb64(BigInt(value));
        return;
      case "f32":
        w.f32(Number(value));
        return;
      case "f64":
        w.f64(Number(value));
        return;
      default:
        assertNever(type);
    }
  };
  const optStr = (s: string | null): void => {
    if (s === null) w.u8(0);
    else {
      w.u8(1);
      w.str(s);
    }
  };

  const exprs = (es: readonly Expr[]): void => {
    w.uleb(es.length);
    for (const e of es) expr(e);
  };
  const stmts = (ss: readonly Stmt[]): void => {
    w.uleb(ss.length);
    for (const s of ss) stmt(s);
  };

  // Refuse trees deeper than MAX_NESTING: the decoder and the backends walk them recursively.
  let depth = 0;
  const deeper = (): void => {
    if (++depth > MAX_NESTING) {
      throw new RangeError(
        `artifact nesting deeper than ${MAX_NESTING} levels (lowering must spill into locals)`,
      );
    }
  };

  function expr(e: Expr): void {
    deeper();
    exprInner(e);
    depth--;
  }

  function exprInner(e: Expr): void {
    w.u8(exprTag.get(e.kind)!);
    switch (e.kind) {
      case "const":
        constant(e.type, e.value);
        return;
      case "local.get":
      case "global.get":
        w.uleb(e.index);
        return;
      case "local.tee":
        w.uleb(e.index);
        expr(e.value);
        return;
      case "unary":
        w.u8(unaryTag.get(e.op)!);
        expr(e.value);
        return;
      case "binary":
        w.u8(binaryTag.get(e.op)!);
        optLoc(e.loc);
        expr(e.left);
        expr(e.right);
        return;
      case "load":
        w.u8(loadTag.get(e.op)!);
        w.uleb(e.offset);
        expr(e.addr);
        return;
      case "call":
        w.uleb(e.func);
        optLoc(e.loc);
        exprs(e.args);
        return;
      case "call.indirect":
        funcType(e.type);
        optLoc(e.loc);
        expr(e.target);
        exprs(e.args);
        return;
      case "call.runtime":
        w.str(e.name);
        optLoc(e.loc);
        exprs(e.args);
        return;
      case "call.extern":
        w.uleb(e.ext);
        optLoc(e.loc);
        exprs(e.args);
        return;
      case "select":
        expr(e.cond);
        expr(e.then);
        expr(e.else);
        return;
      case "cond":
        w.u8(valTypeTag(e.type));
        expr(e.cond);
        expr(e.then);
        expr(e.else);
        return;
      case "seq":
        stmts(e.body);
        expr(e.value);
        return;
      case "data.addr":
        w.uleb(e.segment);
        return;
      case "elem.addr":
        w.u8(e.elemSize);
        optLoc(e.loc);
        expr(e.base);
        expr(e.index);
        return;
      case "memory.size":
        return;
      case "memory.grow":
        expr(e.pages);
        return;
      default:
        assertNever(e);
    }
  }

  function stmt(s: Stmt): void {
    deeper();
    stmtInner(s);
    depth--;
  }

  function stmtInner(s: Stmt): void {
    w.u8(stmtTag.get(s.kind)!);
    optLoc(s.loc);
    switch (s.kind) {
      case "expr":
        expr(s.expr);
        return;
      case "local.set":
      case "global.set":
        w.uleb(s.index);
        expr(s.value);
        return;
      case "store":
        w.u8(storeTag.get(s.op)!);
        w.uleb(s.offset);
        expr(s.addr);
        expr(s.value);
        return;
      case "block":
      case "loop":
        w.uleb(s.label);
        stmts(s.body);
        return;
      case "if":
        expr(s.cond);
        stmts(s.then);
        stmts(s.else);
        return;
      case "break":
      case "continue":
        w.uleb(s.label);
        return;
      case "return":
        if (s.value === undefined) w.u8(0);
        else {
          w.u8(1);
          expr(s.value);
        }
        return;
      case "unreachable":
        return;
      case "memory.copy":
        expr(s.dst);
        expr(s.src);
        expr(s.len);
        return;
      case "memory.fill":
        expr(s.dst);
        expr(s.value);
        expr(s.len);
        return;
      default:
        assertNever(s);
    }
  }

  w.uleb(a.files.length);
  for (const f of a.files) w.str(f);
  w.uleb(a.locations.length);
  for (const l of a.locations) {
    w.uleb(l.file);
    w.uleb(l.line);
    w.uleb(l.column);
  }
  w.uleb(a.functions.length);
  for (const f of a.functions) {
    w.str(f.name);
    funcType(f.type);
    w.uleb(f.locals.length);
    for (const l of f.locals) w.u8(valTypeTag(l));
    optLoc(f.loc);
    stmts(f.body);
  }
  w.uleb(a.globals.length);
  for (const g of a.globals) {
    w.str(g.name);
    w.u8(g.mutable ? 1 : 0);
    constant(g.type, g.init);
  }
  w.uleb(a.externs.length);
  for (const x of a.externs) {
    w.str(x.contract);
    w.str(x.name);
    w.str(x.library);
    funcType(x.type);
  }
  w.uleb(a.table.length);
  for (const t of a.table) w.uleb(t);
  w.uleb(a.data.length);
  for (const d of a.data) {
    w.str(d.name);
    w.uleb(d.bytes.length);
    w.bytes(d.bytes);
  }
  w.uleb(a.layouts.length);
  for (const l of a.layouts) {
    if (l.kind === "record") {
      w.u8(0);
      w.str(l.name);
      w.uleb(l.size);
      w.uleb(l.refs.length);
      for (const r of l.refs) w.uleb(r);
    } else {
      w.u8(1);
      w.str(l.name);
      w.u8(l.elemSize);
      w.u8(l.elemRef ? 1 : 0);
    }
  }
  w.uleb(a.tests.length);
  for (const t of a.tests) {
    w.str(t.qualifiedName);
    w.str(t.name);
    optStr(t.group);
    w.uleb(t.tags.length);
    for (const tag of t.tags) w.str(tag);
    if (t.skip === null) w.u8(0);
    else {
      w.u8(t.skip.condition ? 2 : 1);
      optStr(t.skip.reason);
    }
    w.str(t.file);
    w.uleb(t.line);
    w.uleb(t.column);
    w.uleb(t.func);
  }
  w.uleb(a.exports.length);
  for (const e of a.exports) {
    w.str(e.name);
    w.uleb(e.func);
  }
  if (a.entry === null) w.u8(0);
  else {
    w.u8(1);
    w.str(a.entry.name);
    w.uleb(a.entry.func);
  }
  w.uleb(a.entryPoints.length);
  for (const e of a.entryPoints) {
    w.str(e.name);
    w.uleb(e.func);
  }
  w.patchU32le(totalAt, w.length + TRAILER_BYTES);
  w.bytes(createHash("sha256").update(w.peek()).digest());
  return w.finish();
}

/** The artifact's identity: the SHA-256 (hex) of its encoded bytes. */
export function artifactId(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
