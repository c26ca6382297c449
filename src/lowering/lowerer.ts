/**
 * Program-level lowering: the instance queue (monomorphisation), value representation of
 * Beskid types, heap layouts (records, enum variants, closure environments, cells, events,
 * contract method tables), generated helpers (structural equality per type, function-value
 * adapters) and the tables of the artifact (entry points, tests, exports).
 *
 * Function bodies are lowered by `body.ts`. What this module deliberately does not do: look
 * at the AST, decide anything a backend decides (allocation strategy, calling convention,
 * optimisation), or report user errors (the typed program it receives is error-free; an
 * inconsistency in it is a programming error and throws).
 */

import { ArtifactBuilder, ir, type FuncBuilder } from "../artifact/builder.ts";
import type { CodegenArtifact, Expr, LoadOp, LocId, Stmt, StoreOp, ValType } from "../artifact/schema.ts";
import { LAYOUT, PANIC } from "../artifact/runtime-abi.ts";
import type { Span } from "../diagnostics/index.ts";
import type {
  EnumInfo,
  FieldInfo,
  FuncId,
  FunctionInfo,
  Prim,
  RecordInfo,
  TypeId,
  TypeInfo,
  TypeParamId,
  TypedProgram,
} from "../semantics/typed.ts";
import { T } from "../semantics/typed.ts";
import { TypeTable, substitute, unify } from "../semantics/types.ts";
import { FnLower } from "./body.ts";

export interface LoweringOptions {
  /** Export the `pub` functions of the entry module and its descendants (libraries). */
  readonly library?: boolean;
  /** Lower `test` items into the test table (default true). */
  readonly tests?: boolean;
}

/** One function instance to define: a Beskid function at one type-argument list. */
export interface Job {
  readonly func: FuncId;
  readonly typeArgs: readonly TypeId[];
  readonly map: ReadonlyMap<TypeParamId, TypeId>;
  readonly index: number;
}

/** Where one field sits in a record object. */
export interface FieldSlot {
  readonly offset: number;
  readonly type: TypeId;
  readonly vt: ValType | null;
  readonly event?: { readonly capacity: number };
}

export interface RecordLayout {
  readonly layout: number;
  readonly size: number;
  readonly fields: ReadonlyMap<number, FieldSlot>;
}

export interface VariantLayout {
  readonly layout: number;
  readonly size: number;
  readonly tag: number;
  readonly fields: readonly FieldSlot[];
}

/** Array element storage of one Beskid element type. */
export interface ElemInfo {
  readonly size: 1 | 2 | 4 | 8;
  readonly layout: number;
  readonly vt: ValType | null;
  readonly load: LoadOp;
  readonly store: StoreOp;
}

/** Enum objects: i32 layout id at 0, i32 tag at 4, payload fields from 8. */
export const ENUM_TAG_OFFSET = 4;
/** Environment cells: the value at +8 (8-aligned for i64/f64). */
export const CELL_VALUE_OFFSET = 8;
/** Event objects: i32 handler count at +4, reference to the handler array at +8. */
export const EVENT_COUNT_OFFSET = 4;
export const EVENT_ITEMS_OFFSET = 8;
/** Contract values: receiver at +4, method table address at +8. */
export const CONTRACT_RECEIVER_OFFSET = 4;
export const CONTRACT_VTABLE_OFFSET = 8;
/** Method tables: i32 type key at +4, i32 equality table slot at +8, method slots from +12. */
export const VTABLE_TYPEKEY_OFFSET = 4;
export const VTABLE_EQ_OFFSET = 8;
export const VTABLE_METHODS_OFFSET = 12;

const INT_PRIMS = new Set<Prim>(["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64"]);

function symbolSafe(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, "_");
}

export class Lowerer {
  readonly types = new TypeTable();
  readonly b = new ArtifactBuilder();
  private readonly instances = new Map<string, number>();
  private readonly queue: Job[] = [];
  private readonly usedNames = new Set<string>();
  private readonly layouts = new Map<string, number>();
  private readonly records = new Map<TypeId, RecordLayout>();
  private readonly variants = new Map<string, VariantLayout>();
  private readonly eqFuncs = new Map<TypeId, number>();
  private readonly fnValues = new Map<string, Expr>();
  private readonly constEnums = new Map<string, Expr>();
  private readonly emptyArrays = new Map<number, Expr>();
  private readonly vtables = new Map<string, Expr>();
  private readonly typeKeys = new Map<TypeId, number>();
  private readonly externs = new Map<string, number>();

  constructor(
    readonly program: TypedProgram,
    readonly options: LoweringOptions,
  ) {
    // Rebuild the interned table so that `substitute` can intern new instances with the
    // program's own ids (interning the same list in the same order gives the same ids).
    for (let i = this.types.list.length; i < program.types.length; i++) {
      const id = this.types.intern(program.types[i]);
      if (id !== i) throw new Error(`lowering: type table is not interned (type ${i} → ${id})`);
    }
  }

  run(): CodegenArtifact {
    const p = this.program;
    if (p.entry !== undefined) {
      const f = p.functions[p.entry];
      this.b.entryPoint(f.name, this.instance(p.entry, []), true);
    }
    if (p.entryModule !== undefined) {
      for (const f of p.functions) {
        if (f.id === p.entry || f.kind !== "function" || f.module !== p.entryModule) continue;
        if (f.params.length !== 0 || f.typeParams.length !== 0 || f.body === undefined) continue;
        const r = this.types.get(f.ret);
        if (f.ret !== T.unit && !(r.kind === "prim" && INT_PRIMS.has(r.prim))) continue;
        this.b.entryPoint(f.name, this.instance(f.id, []), false);
      }
    }
    if (this.options.tests !== false) {
      for (const t of p.tests) {
        const loc = this.position(t.span);
        this.b.test({
          qualifiedName: t.qualifiedName,
          name: t.name,
          group: t.group ?? null,
          tags: [...t.tags],
          skip: t.skip ? { condition: t.skip.condition, reason: t.skip.reason ?? null } : null,
          file: t.file,
          line: loc.line,
          column: loc.column,
          func: this.instance(t.func, []),
        });
      }
    }
    if (this.options.library && p.entryModule !== undefined) {
      const root = p.modules[p.entryModule].path;
      const inTree = (m: number) => {
        const path = p.modules[m].path;
        return root === "" || path === root || path.startsWith(root + ".");
      };
      for (const f of p.functions) {
        if (f.kind !== "function" || !f.isPub || f.typeParams.length !== 0 || f.body === undefined) continue;
        if (!inTree(f.module)) continue;
        this.b.export(symbolSafe(f.qualifiedName), this.instance(f.id, []));
      }
    }
    // FIFO by index: `shift()` would make a large program quadratic.
    for (let next = 0; next < this.queue.length; next++) this.define(this.queue[next]);
    return this.b.finish();
  }

  // -------------------------------------------------------------------------------------
  // Source locations.

  position(span: Span): { line: number; column: number } {
    const index = this.program.sources.get(span.file);
    return index ? index.position(span.start) : { line: 0, column: 0 };
  }

  loc(span: Span): LocId {
    const p = this.position(span);
    return this.b.loc(span.file, p.line, p.column);
  }

  /** Location of byte offset `offset` in `file`. */
  locAt(file: string, offset: number): LocId {
    return this.loc({ file, start: offset, end: offset });
  }

  // -------------------------------------------------------------------------------------
  // Instances.

  /** The root (non-lambda) function whose type parameters a lambda is instantiated with. */
  rootOf(func: FuncId): FunctionInfo {
    let f = this.program.functions[func];
    while (f.kind === "lambda" && f.parent !== undefined) f = this.program.functions[f.parent];
    return f;
  }

  /** Declares (once) the instance of `func` at `typeArgs` (for lambdas: the root's arguments). */
  instance(func: FuncId, typeArgs: readonly TypeId[]): number {
    const key = `${func}|${typeArgs.join(",")}`;
    const found = this.instances.get(key);
    if (found !== undefined) return found;
    const f = this.program.functions[func];
    const params = f.kind === "lambda" ? this.rootOf(func).typeParams : f.typeParams;
    const map = new Map<TypeParamId, TypeId>();
    params.forEach((p, i) => map.set(p, typeArgs[i] ?? T.unit));
    const vts: ValType[] = f.kind === "lambda" ? ["i32"] : [];
    for (const t of f.paramTypes) {
      const vt = this.vt(this.subst(t, map));
      if (vt !== null) vts.push(vt);
    }
    const ret = this.vt(this.subst(f.ret, map));
    const args = typeArgs.length ? `<${typeArgs.map((t) => this.typeName(t)).join(",")}>` : "";
    const index = this.b.declare(this.uniqueName(f.qualifiedName + args), vts, ret);
    this.instances.set(key, index);
    this.queue.push({ func, typeArgs, map, index });
    return index;
  }

  private define(job: Job): void {
    const f = this.program.functions[job.func];
    this.b.define(job.index, (fb) => new FnLower(this, job, fb).lower(), this.loc(f.span));
  }

  uniqueName(base: string): string {
    let name = base;
    for (let n = 2; this.usedNames.has(name); n++) name = `${base}#${n}`;
    this.usedNames.add(name);
    return name;
  }

  // -------------------------------------------------------------------------------------
  // Types.

  info(t: TypeId): TypeInfo {
    return this.types.get(t);
  }

  subst(t: TypeId, map: ReadonlyMap<TypeParamId, TypeId>): TypeId {
    return substitute(this.types, t, map);
  }

  prim(t: TypeId): Prim | undefined {
    const i = this.types.get(t);
    return i.kind === "prim" ? i.prim : undefined;
  }

  isIntType(t: TypeId): boolean {
    const p = this.prim(t);
    return p !== undefined && INT_PRIMS.has(p);
  }

  /** The value type of a (concrete) Beskid type; null for `unit`/`never`. */
  vt(t: TypeId): ValType | null {
    const i = this.types.get(t);
    if (i.kind === "param" || i.kind === "error")
      throw new Error(`lowering: ${this.typeName(t)} is not a concrete type`);
    if (i.kind !== "prim") return "i32";
    switch (i.prim) {
      case "unit":
      case "never":
        return null;
      case "i64":
      case "u64":
      case "pointer":
        return "i64";
      case "f32":
        return "f32";
      case "f64":
        return "f64";
      default:
        return "i32";
    }
  }

  /** Whether values of `t` are heap references. */
  isRef(t: TypeId): boolean {
    const i = this.types.get(t);
    return i.kind !== "prim" ? i.kind !== "param" && i.kind !== "error" : i.prim === "string";
  }

  typeName(t: TypeId): string {
    const i = this.types.get(t);
    const args = (xs: readonly TypeId[]) =>
      xs.length ? `<${xs.map((x) => this.typeName(x)).join(",")}>` : "";
    switch (i.kind) {
      case "prim":
        return i.prim;
      case "array":
        return `${this.typeName(i.elem)}[]`;
      case "fn":
        return `${this.typeName(i.ret)}(${i.params.map((x) => this.typeName(x)).join(",")})`;
      case "record":
        return this.program.records[i.decl].qualifiedName + args(i.args);
      case "enum":
        return this.program.enums[i.decl].qualifiedName + args(i.args);
      case "contract":
        return this.program.contracts[i.decl].qualifiedName + args(i.args);
      case "param":
        return this.program.typeParams[i.param]?.name ?? "?";
      case "error":
        return "{error}";
    }
  }

  /** Type parameter map of a generic declaration instance. */
  declMap(params: readonly TypeParamId[], args: readonly TypeId[]): Map<TypeParamId, TypeId> {
    const m = new Map<TypeParamId, TypeId>();
    params.forEach((p, i) => m.set(p, args[i] ?? T.unit));
    return m;
  }

  /** Field storage width in records and cells. */
  fieldSize(vt: ValType | null): number {
    return vt === null ? 0 : vt === "i64" || vt === "f64" ? 8 : 4;
  }

  loadOp(vt: ValType): LoadOp {
    return `${vt}.load` as LoadOp;
  }

  storeOp(vt: ValType): StoreOp {
    return `${vt}.store` as StoreOp;
  }

  elem(t: TypeId): ElemInfo {
    const p = this.prim(t);
    switch (p) {
      case "bool":
      case "u8":
        return { size: 1, layout: LAYOUT.array8, vt: "i32", load: "i32.load8_u", store: "i32.store8" };
      case "i8":
        return { size: 1, layout: LAYOUT.array8, vt: "i32", load: "i32.load8_s", store: "i32.store8" };
      case "i16":
        return { size: 2, layout: LAYOUT.array16, vt: "i32", load: "i32.load16_s", store: "i32.store16" };
      case "u16":
        return { size: 2, layout: LAYOUT.array16, vt: "i32", load: "i32.load16_u", store: "i32.store16" };
      case "unit":
      case "never":
        return { size: 1, layout: LAYOUT.array8, vt: null, load: "i32.load8_u", store: "i32.store8" };
      case "i64":
      case "u64":
      case "pointer":
        return { size: 8, layout: LAYOUT.array64, vt: "i64", load: "i64.load", store: "i64.store" };
      case "f64":
        return { size: 8, layout: LAYOUT.array64, vt: "f64", load: "f64.load", store: "f64.store" };
      case "f32":
        return { size: 4, layout: LAYOUT.array32, vt: "f32", load: "f32.load", store: "f32.store" };
      case "i32":
      case "u32":
      case "char":
        return { size: 4, layout: LAYOUT.array32, vt: "i32", load: "i32.load", store: "i32.store" };
      default:
        return { size: 4, layout: LAYOUT.arrayRef, vt: "i32", load: "i32.load", store: "i32.store" };
    }
  }

  // -------------------------------------------------------------------------------------
  // Layouts.

  private namedLayout(name: string, size: number, refs: number[]): number {
    const found = this.layouts.get(name);
    if (found !== undefined) return found;
    const id = this.b.layout({ kind: "record", name, size, refs });
    this.layouts.set(name, id);
    return id;
  }

  /** Lays out fields in order, each aligned to its width, from `start`. */
  private place(
    start: number,
    fields: readonly { type: TypeId; event?: { capacity: number } }[],
  ): { slots: FieldSlot[]; size: number; refs: number[] } {
    let at = start;
    const slots: FieldSlot[] = [];
    const refs: number[] = [];
    for (const f of fields) {
      const vt = f.event ? "i32" : this.vt(f.type);
      const size = this.fieldSize(vt);
      if (size > 0) at = Math.ceil(at / size) * size;
      slots.push({ offset: at, type: f.type, vt, ...(f.event ? { event: f.event } : {}) });
      if (f.event || (vt !== null && this.isRef(f.type))) refs.push(at);
      at += size;
    }
    return { slots, size: Math.max(8, Math.ceil(at / 8) * 8), refs };
  }

  recordLayout(t: TypeId): RecordLayout {
    const found = this.records.get(t);
    if (found) return found;
    const i = this.types.get(t);
    if (i.kind !== "record") throw new Error(`lowering: ${this.typeName(t)} is not a record`);
    const rec: RecordInfo = this.program.records[i.decl];
    const map = this.declMap(rec.typeParams, i.args);
    const ordered = [...rec.fields].sort((a, b) => a.index - b.index);
    const placed = this.place(
      4,
      ordered.map((f: FieldInfo) =>
        f.kind === "event"
          ? { type: T.i32, event: { capacity: f.capacity } }
          : { type: this.subst(f.type, map) },
      ),
    );
    const fields = new Map<number, FieldSlot>();
    ordered.forEach((f, k) => fields.set(f.index, placed.slots[k]));
    const layout = this.namedLayout(this.typeName(t), placed.size, placed.refs);
    const r = { layout, size: placed.size, fields };
    this.records.set(t, r);
    return r;
  }

  enumInfo(t: TypeId): { decl: EnumInfo; map: Map<TypeParamId, TypeId> } {
    const i = this.types.get(t);
    if (i.kind !== "enum") throw new Error(`lowering: ${this.typeName(t)} is not an enum`);
    const decl = this.program.enums[i.decl];
    return { decl, map: this.declMap(decl.typeParams, i.args) };
  }

  variantLayout(t: TypeId, variant: number): VariantLayout {
    const key = `${t}:${variant}`;
    const found = this.variants.get(key);
    if (found) return found;
    const { decl, map } = this.enumInfo(t);
    const v = decl.variants[variant];
    const placed = this.place(
      8,
      v.fields.map((f) => ({ type: this.subst(f.type, map) })),
    );
    const layout = this.namedLayout(`${this.typeName(t)}::${v.name}`, placed.size, placed.refs);
    const r = { layout, size: placed.size, tag: v.tag, fields: placed.slots };
    this.variants.set(key, r);
    return r;
  }

  /** A payload-less enum value as constant data (no allocation; identity is unspecified, §5.6). */
  constEnum(t: TypeId, variant: number): Expr {
    const key = `${t}:${variant}`;
    const found = this.constEnums.get(key);
    if (found) return found;
    const v = this.variantLayout(t, variant);
    const bytes = new Uint8Array(8);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, v.layout, true);
    view.setInt32(4, v.tag, true);
    const e = ir.data(this.b.dataSegment(`enum.${this.typeName(t)}::${variant}`, bytes));
    this.constEnums.set(key, e);
    return e;
  }

  /** A constant empty array of one element layout (the zero value of array elements). */
  emptyArray(layout: number): Expr {
    const found = this.emptyArrays.get(layout);
    if (found) return found;
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setInt32(0, layout, true);
    const e = ir.data(this.b.dataSegment(`array.empty.${layout}`, bytes));
    this.emptyArrays.set(layout, e);
    return e;
  }

  cellLayout(vt: ValType, ref: boolean): number {
    return this.namedLayout(ref ? "cell.ref" : `cell.${vt}`, 16, ref ? [CELL_VALUE_OFFSET] : []);
  }

  envLayout(lambda: FuncId, count: number): { layout: number; size: number } {
    const refs = Array.from({ length: count }, (_, i) => 4 + 4 * i);
    const name = `env.${this.program.functions[lambda].qualifiedName}`;
    const size = Math.max(8, Math.ceil((4 + 4 * count) / 8) * 8);
    return { layout: this.namedLayout(name, size, refs), size };
  }

  eventLayout(): number {
    return this.namedLayout("event", 16, [EVENT_ITEMS_OFFSET]);
  }

  contractLayout(): number {
    return this.namedLayout("contract", 16, [CONTRACT_RECEIVER_OFFSET, CONTRACT_VTABLE_OFFSET]);
  }

  /** Method tables of `methods` slots (constant data, or allocated by an upcast). */
  vtableLayout(methods: number): { layout: number; size: number } {
    const size = Math.ceil((VTABLE_METHODS_OFFSET + 4 * methods) / 8) * 8;
    return { layout: this.namedLayout(`vtable.${methods}`, size, []), size };
  }

  /** The extern function of `[Extern]` contract `contract`, method `method` (declared once). */
  externIndex(contract: number, method: number): number {
    const key = `${contract}:${method}`;
    const found = this.externs.get(key);
    if (found !== undefined) return found;
    const c = this.program.contracts[contract];
    const m = c.methods[method];
    const params: ValType[] = [];
    for (const p of m.params) {
      const vt = this.vt(p);
      if (vt !== null) params.push(vt);
    }
    const idx = this.b.extern({
      contract: c.name,
      name: m.name,
      library: c.extern?.library ?? "",
      type: { params, result: this.vt(m.ret) },
    });
    this.externs.set(key, idx);
    return idx;
  }

  /** A small dense number per concrete receiver type (for contract equality). */
  typeKey(t: TypeId): number {
    let k = this.typeKeys.get(t);
    if (k === undefined) {
      k = this.typeKeys.size + 1;
      this.typeKeys.set(t, k);
    }
    return k;
  }

  /**
   * The constant method table of `receiverType` as `contract`: layout id, type key, equality
   * slot, then one table slot per method.
   */
  vtable(receiverType: TypeId, contract: TypeId, funcs: readonly number[]): Expr {
    const key = `${receiverType}>${contract}:${funcs.join(",")}`;
    const found = this.vtables.get(key);
    if (found) return found;
    const slots = funcs.map((f) => this.b.tableSlot(f));
    const bytes = new Uint8Array(VTABLE_METHODS_OFFSET + 4 * slots.length);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, this.vtableLayout(slots.length).layout, true);
    view.setInt32(VTABLE_TYPEKEY_OFFSET, this.typeKey(receiverType), true);
    view.setInt32(VTABLE_EQ_OFFSET, this.b.tableSlot(this.eqFunc(receiverType)), true);
    slots.forEach((s, i) => view.setInt32(VTABLE_METHODS_OFFSET + 4 * i, s, true));
    const e = ir.data(
      this.b.dataSegment(`vtable.${this.typeName(receiverType)}>${this.typeName(contract)}`, bytes),
    );
    this.vtables.set(key, e);
    return e;
  }

  /**
   * The implementations of `contract`'s methods for the concrete `receiver` type, found
   * through the declared conformance; undefined when there is none.
   */
  conformanceFuncs(receiver: TypeId, contract: TypeId): number[] | undefined {
    const c = this.types.get(contract);
    if (c.kind !== "contract") return undefined;
    const inst = (impl: { func: FuncId; form: "member" | "sugar" }) =>
      this.instance(impl.func, this.implTypeArgs(impl.func, impl.form, receiver));
    for (const conf of this.program.conformances) {
      const cc = this.types.get(conf.contract);
      if (cc.kind !== "contract" || cc.decl !== c.decl) continue;
      const bindings = new Map<TypeParamId, TypeId>();
      const vars = new Set(conf.typeParams);
      if (!unify(this.types, conf.type, receiver, vars, bindings)) continue;
      if (!unify(this.types, conf.contract, contract, vars, bindings)) continue;
      return conf.impls.map(inst);
    }
    // Conformance through a contract that embeds this one: pick the methods by name.
    const wanted = this.program.contracts[c.decl].methods;
    for (const conf of this.program.conformances) {
      const cc = this.types.get(conf.contract);
      if (cc.kind !== "contract" || !this.embeds(cc.decl, c.decl)) continue;
      if (!unify(this.types, conf.type, receiver, new Set(conf.typeParams), new Map())) continue;
      const have = this.program.contracts[cc.decl].methods;
      const picked = wanted.map((m) => conf.impls[have.findIndex((h) => h.name === m.name)]);
      if (picked.every((p) => p !== undefined)) return picked.map(inst);
    }
    return undefined;
  }

  /** Whether contract `outer` embeds `inner` (directly or transitively). */
  private embeds(outer: number, inner: number, seen = new Set<number>()): boolean {
    if (seen.has(outer)) return false;
    seen.add(outer);
    for (const e of this.program.contracts[outer].embeds) {
      const info = this.types.get(e);
      if (info.kind === "contract" && (info.decl === inner || this.embeds(info.decl, inner, seen)))
        return true;
    }
    return false;
  }

  /** Type arguments of an implementing function, by unifying its receiver parameter with `receiver`. */
  implTypeArgs(func: FuncId, form: "member" | "sugar", receiver: TypeId): TypeId[] {
    const f = this.program.functions[func];
    if (f.typeParams.length === 0) return [];
    const pattern = form === "member" ? (f.receiver ?? f.paramTypes[0]) : f.paramTypes[0];
    const bindings = new Map<TypeParamId, TypeId>();
    if (pattern !== undefined) unify(this.types, pattern, receiver, new Set(f.typeParams), bindings);
    return f.typeParams.map((p) => bindings.get(p) ?? T.unit);
  }

  // -------------------------------------------------------------------------------------
  // Function values.

  /**
   * The closure object of a named function instance: constant data `{closure layout, slot,
   * env 0}` whose code is an adapter taking (and ignoring) the environment. One per instance,
   * so `===` on the same named function holds (§5.13).
   */
  fnValue(func: FuncId, typeArgs: readonly TypeId[]): Expr {
    const key = `${func}|${typeArgs.join(",")}`;
    const found = this.fnValues.get(key);
    if (found) return found;
    const target = this.instance(func, typeArgs);
    const t = this.b.typeOf(target);
    const name = this.uniqueName(`${this.nameOfInstance(func, typeArgs)}$value`);
    const adapter = this.b.func(name, ["i32", ...t.params], t.result, (fb) => {
      const args = t.params.map((_, i) => fb.param(i + 1));
      const call = ir.call(target, args);
      return t.result === null ? [ir.exec(call), ir.ret()] : [ir.ret(call)];
    });
    const bytes = new Uint8Array(12);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, LAYOUT.closure, true);
    view.setInt32(4, this.b.tableSlot(adapter), true);
    view.setInt32(8, 0, true);
    const e = ir.data(this.b.dataSegment(`fn.${name}`, bytes));
    this.fnValues.set(key, e);
    return e;
  }

  private nameOfInstance(func: FuncId, typeArgs: readonly TypeId[]): string {
    const f = this.program.functions[func];
    return f.qualifiedName + (typeArgs.length ? `<${typeArgs.map((t) => this.typeName(t)).join(",")}>` : "");
  }

  // -------------------------------------------------------------------------------------
  // Structural equality (D8).

  /** `a == b` on values of the concrete type `t` (both operands already lowered). */
  equals(t: TypeId, a: Expr, b: Expr): Expr {
    const p = this.prim(t);
    if (p !== undefined) {
      switch (p) {
        case "unit":
        case "never":
          return ir.i32(1);
        case "i64":
        case "u64":
        case "pointer":
          return ir.bin("i64.eq", a, b);
        case "f32":
          return ir.bin("f32.eq", a, b);
        case "f64":
          return ir.bin("f64.eq", a, b);
        case "string":
          return ir.un("i32.wrap_i64", ir.rt("str_eq", [a, b]));
        default:
          return ir.bin("i32.eq", a, b);
      }
    }
    if (this.types.get(t).kind === "fn") return ir.bin("i32.eq", a, b);
    return ir.call(this.eqFunc(t), [a, b]);
  }

  /** The generated `(i32, i32) -> i32` equality function of a heap type. */
  eqFunc(t: TypeId): number {
    const found = this.eqFuncs.get(t);
    if (found !== undefined) return found;
    const idx = this.b.declare(this.uniqueName(`eq.${this.typeName(t)}`), ["i32", "i32"], "i32");
    this.eqFuncs.set(t, idx);
    this.b.define(idx, (fb) => this.eqBody(t, fb));
    return idx;
  }

  private eqBody(t: TypeId, fb: FuncBuilder): Stmt[] {
    const a = fb.param(0);
    const b = fb.param(1);
    const out: Stmt[] = [
      ir.if(ir.bin("i32.eq", a, b), [ir.ret(ir.i32(1))]),
      ir.if(ir.bin("i32.or", ir.un("i32.eqz", a), ir.un("i32.eqz", b)), [ir.ret(ir.i32(0))]),
    ];
    const i = this.types.get(t);
    const no = ir.ret(ir.i32(0));
    const field = (base: Expr, slot: FieldSlot) => ir.load(this.loadOp(slot.vt!), base, slot.offset);
    switch (i.kind) {
      case "prim":
        // string
        out.push(ir.ret(this.equals(t, a, b)));
        break;
      case "fn":
        out.push(no);
        break;
      case "array": {
        const el = this.elem(i.elem);
        const len = fb.local("i32");
        const k = fb.local("i32");
        const brk = fb.label();
        out.push(
          ir.set(len, ir.load("i32.load", a, 4)),
          ir.if(ir.bin("i32.ne", ir.get(len), ir.load("i32.load", b, 4)), [no]),
        );
        if (el.vt !== null) {
          const at = (base: Expr) =>
            ir.load(el.load, ir.bin("i32.add", base, ir.bin("i32.mul", ir.get(k), ir.i32(el.size))), 8);
          out.push(
            ir.loop(brk, [
              ir.if(ir.bin("i32.ge_s", ir.get(k), ir.get(len)), [ir.br(brk)]),
              ir.if(ir.un("i32.eqz", this.equals(i.elem, at(a), at(b))), [no]),
              ir.set(k, ir.bin("i32.add", ir.get(k), ir.i32(1))),
              ir.continue(brk),
            ]),
          );
        }
        out.push(ir.ret(ir.i32(1)));
        break;
      }
      case "record": {
        const r = this.recordLayout(t);
        for (const slot of [...r.fields.values()]) {
          if (slot.event || slot.vt === null) continue;
          out.push(ir.if(ir.un("i32.eqz", this.equals(slot.type, field(a, slot), field(b, slot))), [no]));
        }
        out.push(ir.ret(ir.i32(1)));
        break;
      }
      case "enum": {
        const { decl } = this.enumInfo(t);
        const tag = fb.local("i32");
        out.push(
          ir.set(tag, ir.load("i32.load", a, ENUM_TAG_OFFSET)),
          ir.if(ir.bin("i32.ne", ir.get(tag), ir.load("i32.load", b, ENUM_TAG_OFFSET)), [no]),
        );
        decl.variants.forEach((_, vi) => {
          const v = this.variantLayout(t, vi);
          const checks: Stmt[] = [];
          for (const slot of v.fields) {
            if (slot.vt === null) continue;
            checks.push(
              ir.if(ir.un("i32.eqz", this.equals(slot.type, field(a, slot), field(b, slot))), [no]),
            );
          }
          if (checks.length) out.push(ir.if(ir.bin("i32.eq", ir.get(tag), ir.i32(v.tag)), checks));
        });
        out.push(ir.ret(ir.i32(1)));
        break;
      }
      case "contract": {
        // Same concrete receiver type (type key), then that type's equality through the table.
        const va = ir.load("i32.load", a, CONTRACT_VTABLE_OFFSET);
        const vb = ir.load("i32.load", b, CONTRACT_VTABLE_OFFSET);
        out.push(
          ir.if(
            ir.bin(
              "i32.ne",
              ir.load("i32.load", va, VTABLE_TYPEKEY_OFFSET),
              ir.load("i32.load", vb, VTABLE_TYPEKEY_OFFSET),
            ),
            [no],
          ),
          ir.ret(
            ir.callIndirect(
              { params: ["i32", "i32"], result: "i32" },
              ir.load("i32.load", va, VTABLE_EQ_OFFSET),
              [
                ir.load("i32.load", a, CONTRACT_RECEIVER_OFFSET),
                ir.load("i32.load", b, CONTRACT_RECEIVER_OFFSET),
              ],
            ),
          ),
        );
        break;
      }
      default:
        out.push(no);
    }
    return out;
  }

  /** Panic statement with a fixed code at `loc`. */
  panicCode(code: keyof typeof PANIC, loc: LocId | undefined): Stmt[] {
    return [
      ir.exec(ir.rt("panic_code", [ir.i32(PANIC[code]), ir.i32(loc ?? -1)], loc), loc),
      ir.unreachable(loc),
    ];
  }
}
