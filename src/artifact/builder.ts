/**
 * A small typed builder for `CodegenArtifact`s, used by lowering, by the runtime (which is
 * written in the IR) and by tests: interned files/locations/string literals/table slots,
 * forward-declared functions, and `ir`, a set of node constructors that keep IR code short.
 *
 * What it deliberately does not do: no validation of types (see `verify.ts`), no
 * optimisation, and no knowledge of any backend. Misusing the builder (defining a function
 * twice, finishing with an undefined one) is a programming error and throws.
 */

import {
  ARTIFACT_SCHEMA_VERSION,
  type BinaryOp,
  type CodegenArtifact,
  type DataSegment,
  type EntryPoint,
  type Export,
  type Expr,
  type Extern,
  type Func,
  type FuncType,
  type Global,
  type HeapLayout,
  type LoadOp,
  type LocId,
  type SourceLocation,
  type Stmt,
  type StoreOp,
  type TestEntry,
  type UnaryOp,
  type ValType,
} from "./schema.ts";
import { BUILTIN_LAYOUTS, LAYOUT } from "./runtime-abi.ts";

const utf8 = new TextEncoder();

/** The bytes of a string object as it sits in the heap: layout id, length, UTF-8 bytes. */
export function stringObjectBytes(text: string): Uint8Array {
  const body = utf8.encode(text);
  const out = new Uint8Array(8 + body.length);
  const view = new DataView(out.buffer);
  view.setInt32(0, LAYOUT.string, true);
  view.setInt32(4, body.length, true);
  out.set(body, 8);
  return out;
}

export class FuncBuilder {
  readonly locals: ValType[] = [];
  private nextLabel = 0;
  constructor(readonly type: FuncType) {}

  /** `local.get` of parameter `i`. */
  param(i: number): Expr {
    if (i < 0 || i >= this.type.params.length) throw new Error(`no parameter ${i}`);
    return { kind: "local.get", index: i };
  }
  /** A new local of `type`; returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.type.params.length + this.locals.length - 1;
  }
  /** A new label, unique within this function. */
  label(): number {
    return this.nextLabel++;
  }
}

export class ArtifactBuilder {
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  private readonly locations: SourceLocation[] = [];
  private readonly locIndex = new Map<string, number>();
  private readonly types: FuncType[] = [];
  private readonly names: string[] = [];
  private readonly bodies: (Func | undefined)[] = [];
  private readonly globals: Global[] = [];
  private readonly externs: Extern[] = [];
  private readonly table: number[] = [];
  private readonly tableIndex = new Map<number, number>();
  private readonly data: DataSegment[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly layouts: HeapLayout[] = [...BUILTIN_LAYOUTS];
  private readonly tests: TestEntry[] = [];
  private readonly exports: Export[] = [];
  private readonly entryPoints: EntryPoint[] = [];
  private entry: EntryPoint | null = null;

  /** Interned location id of file:line:column. */
  loc(file: string, line: number, column = 0): LocId {
    let f = this.fileIndex.get(file);
    if (f === undefined) {
      f = this.files.length;
      this.files.push(file);
      this.fileIndex.set(file, f);
    }
    const key = `${f}:${line}:${column}`;
    let id = this.locIndex.get(key);
    if (id === undefined) {
      id = this.locations.length;
      this.locations.push({ file: f, line, column });
      this.locIndex.set(key, id);
    }
    return id;
  }

  /** Declares a function (so calls can refer to it before it is defined); returns its index. */
  declare(name: string, params: readonly ValType[], result: ValType | null): number {
    this.types.push({ params: [...params], result });
    this.names.push(name);
    this.bodies.push(undefined);
    return this.types.length - 1;
  }

  typeOf(func: number): FuncType {
    const t = this.types[func];
    if (t === undefined) throw new Error(`no function ${func}`);
    return t;
  }

  get functionCount(): number {
    return this.types.length;
  }

  /** Defines a declared function; `build` receives a FuncBuilder and returns the body. */
  define(func: number, build: (f: FuncBuilder) => readonly Stmt[], loc?: LocId): number {
    if (this.bodies[func] !== undefined) throw new Error(`function ${this.names[func]} defined twice`);
    const type = this.typeOf(func);
    const fb = new FuncBuilder(type);
    const body = build(fb);
    this.bodies[func] = {
      name: this.names[func]!,
      type,
      locals: fb.locals,
      body,
      ...(loc === undefined ? {} : { loc }),
    };
    return func;
  }

  /** Declares and defines in one step. */
  func(
    name: string,
    params: readonly ValType[],
    result: ValType | null,
    build: (f: FuncBuilder) => readonly Stmt[],
    loc?: LocId,
  ): number {
    return this.define(this.declare(name, params, result), build, loc);
  }

  global(name: string, type: ValType, init: number | bigint, mutable = true): number {
    this.globals.push({ name, type, mutable, init: type === "i64" ? BigInt(init) : Number(init) });
    return this.globals.length - 1;
  }

  extern(e: Extern): number {
    this.externs.push(e);
    return this.externs.length - 1;
  }

  /** The table slot of `func` (one slot per function). */
  tableSlot(func: number): number {
    let slot = this.tableIndex.get(func);
    if (slot === undefined) {
      slot = this.table.length;
      this.table.push(func);
      this.tableIndex.set(func, slot);
    }
    return slot;
  }

  dataSegment(name: string, bytes: Uint8Array): number {
    this.data.push({ name, bytes });
    return this.data.length - 1;
  }

  /** A string literal: an interned string object in constant data; yields its address. */
  string(text: string): Expr {
    let seg = this.stringIndex.get(text);
    if (seg === undefined) {
      seg = this.dataSegment(`str.${this.stringIndex.size}`, stringObjectBytes(text));
      this.stringIndex.set(text, seg);
    }
    return { kind: "data.addr", segment: seg };
  }

  layout(layout: HeapLayout): number {
    this.layouts.push(layout);
    return this.layouts.length - 1;
  }

  test(entry: TestEntry): void {
    this.tests.push(entry);
  }

  export(name: string, func: number): void {
    this.exports.push({ name, func });
  }

  /** Adds an entry point; `isDefault` makes it the artifact's `entry`. */
  entryPoint(name: string, func: number, isDefault = true): void {
    const e = { name, func };
    this.entryPoints.push(e);
    if (isDefault) this.entry = e;
  }

  finish(): CodegenArtifact {
    const functions = this.bodies.map((f, i) => {
      if (f === undefined) throw new Error(`function ${this.names[i]} declared but never defined`);
      return f;
    });
    return {
      schemaVersion: ARTIFACT_SCHEMA_VERSION,
      files: [...this.files],
      locations: [...this.locations],
      functions,
      globals: [...this.globals],
      externs: [...this.externs],
      table: [...this.table],
      data: [...this.data],
      layouts: [...this.layouts],
      tests: [...this.tests],
      exports: [...this.exports],
      entry: this.entry,
      entryPoints: [...this.entryPoints],
    };
  }
}

function withLoc<T extends object>(node: T, loc: LocId | undefined): T {
  return loc === undefined ? node : { ...node, loc };
}

/** Node constructors. Statement constructors take an optional trailing `loc`. */
export const ir = {
  i32: (value: number): Expr => ({ kind: "const", type: "i32", value: value | 0 }),
  i64: (value: number | bigint): Expr => ({
    kind: "const",
    type: "i64",
    value: BigInt.asIntN(64, BigInt(value)),
  }),
  f32: (value: number): Expr => ({ kind: "const", type: "f32", value: Math.fround(value) }),
  f64: (value: number): Expr => ({ kind: "const", type: "f64", value }),
  get: (index: number): Expr => ({ kind: "local.get", index }),
  tee: (index: number, value: Expr): Expr => ({ kind: "local.tee", index, value }),
  gget: (index: number): Expr => ({ kind: "global.get", index }),
  un: (op: UnaryOp, value: Expr): Expr => ({ kind: "unary", op, value }),
  bin: (op: BinaryOp, left: Expr, right: Expr, loc?: LocId): Expr =>
    withLoc({ kind: "binary", op, left, right } as Expr, loc),
  load: (op: LoadOp, addr: Expr, offset = 0): Expr => ({ kind: "load", op, addr, offset }),
  call: (func: number, args: readonly Expr[], loc?: LocId): Expr =>
    withLoc({ kind: "call", func, args } as Expr, loc),
  rt: (name: string, args: readonly Expr[], loc?: LocId): Expr =>
    withLoc({ kind: "call.runtime", name, args } as Expr, loc),
  callIndirect: (type: FuncType, target: Expr, args: readonly Expr[], loc?: LocId): Expr =>
    withLoc({ kind: "call.indirect", type, target, args } as Expr, loc),
  callExtern: (ext: number, args: readonly Expr[], loc?: LocId): Expr =>
    withLoc({ kind: "call.extern", ext, args } as Expr, loc),
  select: (cond: Expr, then: Expr, otherwise: Expr): Expr => ({
    kind: "select",
    cond,
    then,
    else: otherwise,
  }),
  cond: (type: ValType, cond: Expr, then: Expr, otherwise: Expr): Expr => ({
    kind: "cond",
    type,
    cond,
    then,
    else: otherwise,
  }),
  seq: (body: readonly Stmt[], value: Expr): Expr => ({ kind: "seq", body, value }),
  data: (segment: number): Expr => ({ kind: "data.addr", segment }),
  elem: (base: Expr, index: Expr, elemSize: 1 | 2 | 4 | 8, loc?: LocId): Expr =>
    withLoc({ kind: "elem.addr", base, index, elemSize } as Expr, loc),
  memorySize: (): Expr => ({ kind: "memory.size" }),
  memoryGrow: (pages: Expr): Expr => ({ kind: "memory.grow", pages }),

  // Statements.
  exec: (expr: Expr, loc?: LocId): Stmt => withLoc({ kind: "expr", expr } as Stmt, loc),
  set: (index: number, value: Expr, loc?: LocId): Stmt =>
    withLoc({ kind: "local.set", index, value } as Stmt, loc),
  gset: (index: number, value: Expr, loc?: LocId): Stmt =>
    withLoc({ kind: "global.set", index, value } as Stmt, loc),
  store: (op: StoreOp, addr: Expr, value: Expr, offset = 0, loc?: LocId): Stmt =>
    withLoc({ kind: "store", op, addr, offset, value } as Stmt, loc),
  block: (label: number, body: readonly Stmt[], loc?: LocId): Stmt =>
    withLoc({ kind: "block", label, body } as Stmt, loc),
  loop: (label: number, body: readonly Stmt[], loc?: LocId): Stmt =>
    withLoc({ kind: "loop", label, body } as Stmt, loc),
  if: (cond: Expr, then: readonly Stmt[], otherwise: readonly Stmt[] = [], loc?: LocId): Stmt =>
    withLoc({ kind: "if", cond, then, else: otherwise } as Stmt, loc),
  br: (label: number, loc?: LocId): Stmt => withLoc({ kind: "break", label } as Stmt, loc),
  continue: (label: number, loc?: LocId): Stmt => withLoc({ kind: "continue", label } as Stmt, loc),
  ret: (value?: Expr, loc?: LocId): Stmt =>
    withLoc((value === undefined ? { kind: "return" } : { kind: "return", value }) as Stmt, loc),
  unreachable: (loc?: LocId): Stmt => withLoc({ kind: "unreachable" } as Stmt, loc),
  copy: (dst: Expr, src: Expr, len: Expr, loc?: LocId): Stmt =>
    withLoc({ kind: "memory.copy", dst, src, len } as Stmt, loc),
  fill: (dst: Expr, value: Expr, len: Expr, loc?: LocId): Stmt =>
    withLoc({ kind: "memory.fill", dst, value, len } as Stmt, loc),
};
