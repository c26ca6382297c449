/**
 * Lowering of one function instance's body: typed statements and expressions → structured
 * IR. Locals captured by a lambda live in heap cells shared with the closure (D14); integer
 * arithmetic on narrow types is re-normalised after every operation; `match` becomes one
 * labelled block per arm; `?`, loops, events and every call class are expanded here.
 *
 * It deliberately keeps no state beyond the one function (shared tables live in `Lowerer`)
 * and never decides backend matters: every node it emits has the meaning docs/artifact.md
 * gives it.
 */

import { ir, type FuncBuilder } from "../artifact/builder.ts";
import type { BinaryOp, Expr, FuncType, LocId, Stmt, UnaryOp, ValType } from "../artifact/schema.ts";
import { LAYOUT, PANIC, RUNTIME_FUNCTIONS, runtimeFunction } from "../artifact/runtime-abi.ts";
import type {
  BinaryOp as TBinaryOp,
  CallTarget,
  Conversion,
  FunctionInfo,
  LocalId,
  Prim,
  TBlock,
  TExpr,
  TMatchArm,
  TPattern,
  TStmt,
  TextConv,
  TypeId,
  TypeParamId,
} from "../semantics/typed.ts";
import { T } from "../semantics/typed.ts";
import {
  CELL_VALUE_OFFSET,
  CONTRACT_RECEIVER_OFFSET,
  CONTRACT_VTABLE_OFFSET,
  ENUM_TAG_OFFSET,
  EVENT_COUNT_OFFSET,
  EVENT_ITEMS_OFFSET,
  VTABLE_EQ_OFFSET,
  VTABLE_METHODS_OFFSET,
  VTABLE_TYPEKEY_OFFSET,
  type Job,
  type Lowerer,
} from "./lowerer.ts";

type Slot =
  | { readonly kind: "unit" }
  | { readonly kind: "direct"; readonly index: number; readonly vt: ValType }
  | { readonly kind: "cell"; readonly index: number; readonly vt: ValType; readonly ref: boolean };

interface LoopCtx {
  readonly brk: number;
  readonly cont: number;
  /** `continue` leaves an inner block (for loops: the increment follows it). */
  readonly contIsBreak: boolean;
}

/** A lowered call: statements to run first, the call (null: nothing to call), whether it never returns. */
interface CallParts {
  readonly pre: Stmt[];
  readonly call: Expr | null;
  readonly noreturn: boolean;
}

const INTRINSIC_RUNTIME = new Map<string, string>();
for (const [name, info] of Object.entries(RUNTIME_FUNCTIONS)) {
  const intrinsic = (info as { intrinsic?: string }).intrinsic;
  if (intrinsic) INTRINSIC_RUNTIME.set(intrinsic, name);
}
INTRINSIC_RUNTIME.set("__rt_yield", "fiber_yield");
INTRINSIC_RUNTIME.set("__rt_now_millis", "fiber_now_millis");

const SIGNED = new Set<Prim>(["i8", "i16", "i32", "i64"]);

function zero(vt: ValType): Expr {
  switch (vt) {
    case "i32":
      return ir.i32(0);
    case "i64":
      return ir.i64(0n);
    case "f32":
      return ir.f32(0);
    case "f64":
      return ir.f64(0);
  }
}

/** A value no statement can change: a constant or a constant-data address. */
function isConstant(e: Expr): boolean {
  return e.kind === "const" || e.kind === "data.addr";
}

/** A value that is cheap to read twice (a later statement may still change a local). */
function isSimple(e: Expr): boolean {
  return e.kind === "local.get" || isConstant(e);
}

function addLoc(s: Stmt, loc: LocId): Stmt {
  return s.loc === undefined ? ({ ...s, loc } as Stmt) : s;
}

export class FnLower {
  private readonly f: FunctionInfo;
  private readonly map: ReadonlyMap<TypeParamId, TypeId>;
  private readonly slots = new Map<LocalId, Slot>();
  private readonly loops: LoopCtx[] = [];
  private readonly retVt: ValType | null;
  /** The file every span of this body points into. */
  private readonly file: string;

  constructor(
    private readonly L: Lowerer,
    private readonly job: Job,
    private readonly fb: FuncBuilder,
  ) {
    this.f = L.program.functions[job.func];
    this.file = (this.f as { readonly file?: string }).file ?? this.f.span.file;
    this.map = job.map;
    this.retVt = L.vt(this.ty(this.f.ret));
  }

  lower(): Stmt[] {
    const f = this.f;
    const out: Stmt[] = [];
    let k = f.kind === "lambda" ? 1 : 0;
    for (const local of f.params) {
      const t = this.localType(local);
      const vt = this.L.vt(t);
      if (vt === null) {
        this.slots.set(local, { kind: "unit" });
        continue;
      }
      const index = k++;
      if (this.L.program.locals[local].captured) {
        const cell = this.fb.local("i32");
        const ref = this.L.isRef(t);
        this.slots.set(local, { kind: "cell", index: cell, vt, ref });
        out.push(...this.allocCell(cell, vt, ref, ir.get(index)));
      } else {
        this.slots.set(local, { kind: "direct", index, vt });
      }
    }
    if (f.kind === "lambda") {
      f.captures.forEach((c, i) => {
        const t = this.localType(c);
        const vt = this.L.vt(t);
        if (vt === null) {
          this.slots.set(c, { kind: "unit" });
          return;
        }
        const cell = this.fb.local("i32");
        this.slots.set(c, { kind: "cell", index: cell, vt, ref: this.L.isRef(t) });
        out.push(ir.set(cell, ir.load("i32.load", ir.get(0), 4 + 4 * i)));
      });
    }
    if (f.body === undefined) {
      out.push(...this.panicText(`function ${f.qualifiedName} has no body`, this.L.loc(f.span)));
      return out;
    }
    out.push(...this.block(f.body));
    if (this.retVt !== null) out.push(ir.unreachable());
    return out;
  }

  // -------------------------------------------------------------------------------------
  // Helpers.

  private ty(t: TypeId): TypeId {
    return this.L.subst(t, this.map);
  }

  private typeOf(e: TExpr | TPattern): TypeId {
    return this.ty(e.type);
  }

  private localType(id: LocalId): TypeId {
    return this.ty(this.L.program.locals[id].type);
  }

  private vtOf(e: TExpr): ValType | null {
    return this.L.vt(this.typeOf(e));
  }

  /**
   * Location of a node inside this body. Body spans are offsets into the function's file
   * (`FunctionInfo.file`); a span that names its own file wins.
   */
  private loc(e: { span: { readonly start: number } }): LocId {
    const own = (e.span as { readonly file?: string }).file;
    return this.L.locAt(own ?? this.file, e.span.start);
  }

  /**
   * A fresh local holding `value`: [the set, its read]. Values `keep` accepts (by default the
   * simple ones) are not spilled.
   */
  private spill(vt: ValType, value: Expr, keep: (e: Expr) => boolean = isSimple): [Stmt[], Expr] {
    if (keep(value)) return [[], value];
    const t = this.fb.local(vt);
    return [[ir.set(t, value)], ir.get(t)];
  }

  private panicText(message: string, loc: LocId): Stmt[] {
    return [ir.exec(ir.rt("panic", [this.L.b.string(message), ir.i32(loc)], loc), loc), ir.unreachable(loc)];
  }

  private allocCell(cell: number, vt: ValType, ref: boolean, init: Expr | null): Stmt[] {
    const out: Stmt[] = [ir.set(cell, ir.rt("alloc", [ir.i32(this.L.cellLayout(vt, ref)), ir.i32(16)]))];
    if (init !== null) out.push(ir.store(this.L.storeOp(vt), ir.get(cell), init, CELL_VALUE_OFFSET));
    return out;
  }

  private slot(id: LocalId): Slot {
    let s = this.slots.get(id);
    if (s === undefined) {
      const t = this.localType(id);
      const vt = this.L.vt(t);
      if (vt === null) s = { kind: "unit" };
      else if (this.L.program.locals[id].captured)
        s = { kind: "cell", index: this.fb.local("i32"), vt, ref: this.L.isRef(t) };
      else s = { kind: "direct", index: this.fb.local(vt), vt };
      this.slots.set(id, s);
    }
    return s;
  }

  /** A fresh binding of `id` (declaration, loop variable, pattern binding): a new cell if captured. */
  private bind(id: LocalId, value: Expr | null): Stmt[] {
    const s = this.slot(id);
    switch (s.kind) {
      case "unit":
        return value === null ? [] : [ir.exec(value)];
      case "direct":
        return value === null ? [] : [ir.set(s.index, value)];
      case "cell": {
        if (value === null) return this.allocCell(s.index, s.vt, s.ref, null);
        // Evaluate the value before the new cell replaces the old one (it may read it).
        const [pre, v] = this.spill(s.vt, value);
        return [...pre, ...this.allocCell(s.index, s.vt, s.ref, v)];
      }
    }
  }

  private read(id: LocalId): Expr {
    const s = this.slot(id);
    switch (s.kind) {
      case "unit":
        throw new Error("lowering: read of a unit local as a value");
      case "direct":
        return ir.get(s.index);
      case "cell":
        return ir.load(this.L.loadOp(s.vt), ir.get(s.index), CELL_VALUE_OFFSET);
    }
  }

  private write(id: LocalId, value: Expr): Stmt[] {
    const s = this.slot(id);
    switch (s.kind) {
      case "unit":
        return [ir.exec(value)];
      case "direct":
        return [ir.set(s.index, value)];
      case "cell":
        return [ir.store(this.L.storeOp(s.vt), ir.get(s.index), value, CELL_VALUE_OFFSET)];
    }
  }

  // -------------------------------------------------------------------------------------
  // Statements.

  private block(b: TBlock): Stmt[] {
    const out: Stmt[] = [];
    for (const s of b.stmts) out.push(...this.stmt(s));
    return out;
  }

  private stmt(s: TStmt): Stmt[] {
    const loc = this.loc(s);
    return this.stmtInner(s, loc).map((x) => addLoc(x, loc));
  }

  private stmtInner(s: TStmt, loc: LocId): Stmt[] {
    switch (s.kind) {
      case "let": {
        if (s.init === undefined) {
          const sl = this.slot(s.local);
          return sl.kind === "cell" ? this.bind(s.local, null) : [];
        }
        if (this.vtOf(s.init) === null) {
          this.slot(s.local);
          return this.eff(s.init);
        }
        return this.bind(s.local, this.val(s.init));
      }
      case "expr":
        return this.eff(s.expr);
      case "return": {
        if (s.value === undefined) return [ir.ret(undefined, loc)];
        if (this.retVt === null || this.vtOf(s.value) === null) {
          const e = this.eff(s.value);
          return this.retVt === null ? [...e, ir.ret(undefined, loc)] : [...e, ir.unreachable(loc)];
        }
        return [ir.ret(this.val(s.value), loc)];
      }
      case "break": {
        const l = this.loops[this.loops.length - 1];
        return [ir.br(l.brk, loc)];
      }
      case "continue": {
        const l = this.loops[this.loops.length - 1];
        return [l.contIsBreak ? ir.br(l.cont, loc) : ir.continue(l.cont, loc)];
      }
      case "if":
        return [ir.if(this.val(s.cond), this.block(s.then), s.else ? this.block(s.else) : [], loc)];
      case "while": {
        const brk = this.fb.label();
        this.loops.push({ brk, cont: brk, contIsBreak: false });
        const body = this.block(s.body);
        this.loops.pop();
        return [
          ir.loop(
            brk,
            [ir.if(ir.un("i32.eqz", this.val(s.cond)), [ir.br(brk)]), ...body, ir.continue(brk)],
            loc,
          ),
        ];
      }
      case "for_range": {
        const t = this.localType(s.local);
        const vt = this.L.vt(t) ?? "i32";
        const p = this.L.prim(t) ?? "i32";
        const ctr = this.fb.local(vt);
        const end = this.fb.local(vt);
        const brk = this.fb.label();
        const cont = this.fb.label();
        const pre = [ir.set(ctr, this.val(s.start)), ir.set(end, this.val(s.end))];
        this.loops.push({ brk, cont, contIsBreak: true });
        const body = this.block(s.body);
        this.loops.pop();
        const lt = this.cmpOp("lt", p);
        const one = vt === "i64" ? ir.i64(1n) : ir.i32(1);
        return [
          ...pre,
          ir.loop(
            brk,
            [
              ir.if(ir.un("i32.eqz", ir.bin(lt, ir.get(ctr), ir.get(end))), [ir.br(brk)]),
              ...this.bind(s.local, ir.get(ctr)),
              ir.block(cont, body),
              ir.set(ctr, this.normalize(p, ir.bin(`${vt}.add` as BinaryOp, ir.get(ctr), one))),
              ir.continue(brk),
            ],
            loc,
          ),
        ];
      }
      case "for_array": {
        const arrT = this.typeOf(s.array);
        const ai = this.L.info(arrT);
        const elemT = ai.kind === "array" ? ai.elem : T.unit;
        const arr = this.fb.local("i32");
        const len = this.fb.local("i32");
        const k = this.fb.local("i32");
        const brk = this.fb.label();
        const cont = this.fb.label();
        const pre = [
          ir.set(arr, this.val(s.array)),
          ir.set(len, ir.load("i32.load", ir.get(arr), 4)),
          ir.set(k, ir.i32(0)),
        ];
        this.loops.push({ brk, cont, contIsBreak: true });
        const body = this.block(s.body);
        this.loops.pop();
        const el = this.L.elem(elemT);
        const item =
          el.vt === null
            ? null
            : this.refDefault(
                elemT,
                ir.load(
                  el.load,
                  ir.bin("i32.add", ir.get(arr), ir.bin("i32.mul", ir.get(k), ir.i32(el.size))),
                  8,
                ),
                loc,
              );
        return [
          ...pre,
          ir.loop(
            brk,
            [
              ir.if(ir.bin("i32.ge_s", ir.get(k), ir.get(len)), [ir.br(brk)]),
              ...this.bind(s.local, item),
              ir.block(cont, body),
              ir.set(k, ir.bin("i32.add", ir.get(k), ir.i32(1))),
              ir.continue(brk),
            ],
            loc,
          ),
        ];
      }
      case "for_iter": {
        const optT = this.ty(s.option);
        const opt = this.fb.local("i32");
        const brk = this.fb.label();
        const pre = this.bind(s.iterLocal, this.val(s.iterator));
        const some = this.L.variantLayout(optT, s.someVariant);
        const f0 = some.fields[0];
        this.loops.push({ brk, cont: brk, contIsBreak: false });
        const body = this.block(s.body);
        this.loops.pop();
        return [
          ...pre,
          ir.loop(
            brk,
            [
              ir.set(opt, this.val(s.next)),
              ir.if(ir.bin("i32.ne", ir.load("i32.load", ir.get(opt), ENUM_TAG_OFFSET), ir.i32(some.tag)), [
                ir.br(brk),
              ]),
              ...this.bind(
                s.local,
                f0 && f0.vt !== null ? ir.load(this.L.loadOp(f0.vt), ir.get(opt), f0.offset) : null,
              ),
              ...body,
              ir.continue(brk),
            ],
            loc,
          ),
        ];
      }
      case "block":
        return this.block(s.block);
    }
  }

  // -------------------------------------------------------------------------------------
  // Expressions for their effects.

  private eff(e: TExpr): Stmt[] {
    switch (e.kind) {
      case "unit":
      case "int":
      case "float":
      case "bool":
      case "char":
      case "string":
      case "funcref":
      case "local":
        return [];
      case "block":
        return this.block(e.block);
      case "match":
        return this.match(e, null);
      case "call": {
        const c = this.call(e);
        const out = [...c.pre];
        if (c.call) out.push(ir.exec(c.call, this.loc(e)));
        if (c.noreturn || this.typeOf(e) === T.never) out.push(ir.unreachable(this.loc(e)));
        return out;
      }
      case "assign":
        return this.assign(e, false).stmts;
      case "event_sub":
        return this.eventSub(e);
      case "convert":
        if (e.conv.kind === "never") return [...this.eff(e.operand), ir.unreachable()];
        break;
      case "try":
        return this.tryExpr(e).stmts;
      case "field":
        if (this.vtOf(e) === null) return this.eff(e.object);
        break;
      case "index":
        if (this.vtOf(e) === null) return [...this.eff(e.object), ...this.eff(e.index)];
        break;
      case "error":
        throw new Error("lowering: error node in a typed program");
      default:
        break;
    }
    if (this.vtOf(e) === null) throw new Error(`lowering: unit-typed ${e.kind} expression`);
    const v = this.val(e);
    return isSimple(v) ? [] : [ir.exec(v)];
  }

  // -------------------------------------------------------------------------------------
  // Expressions for their value.

  private val(e: TExpr, hint: ValType = "i32"): Expr {
    const t = this.typeOf(e);
    const vt = this.L.vt(t);
    if (vt === null) {
      // `never` cannot complete; a `unit` value carries nothing (a placeholder stands in).
      const tail = t === T.never ? [ir.unreachable()] : [];
      return ir.seq([...this.eff(e), ...tail], zero(hint));
    }
    switch (e.kind) {
      case "int":
        return this.constOf(t, e.value);
      case "float":
        return vt === "f32" ? ir.f32(e.value) : ir.f64(e.value);
      case "bool":
        return ir.i32(e.value ? 1 : 0);
      case "char":
        return ir.i32(e.value);
      case "string":
        return this.L.b.string(e.value);
      case "local":
        return this.read(e.local);
      case "funcref":
        return this.L.fnValue(
          e.func,
          e.typeArgs.map((a) => this.ty(a)),
        );
      case "lambda":
        return this.closure(e.func);
      case "field": {
        const objT = this.typeOf(e.object);
        const slot = this.L.recordLayout(objT).fields.get(e.field);
        if (!slot || slot.vt === null) throw new Error("lowering: bad field");
        return ir.load(this.L.loadOp(slot.vt), this.val(e.object), slot.offset);
      }
      case "index":
        return this.index(e);
      case "unary": {
        const v = this.val(e.operand);
        if (e.op === "not") return ir.un("i32.eqz", v);
        const p = this.L.prim(t) ?? "i32";
        if (vt === "f32" || vt === "f64") return ir.un(`${vt}.neg` as UnaryOp, v);
        return this.normalize(p, ir.bin(`${vt}.sub` as BinaryOp, zero(vt), v));
      }
      case "binary":
        return this.binary(e.op, this.ty(e.operandType), t, e.left, e.right, this.loc(e));
      case "logical": {
        const l = this.val(e.left);
        const r = this.val(e.right);
        return e.op === "and" ? ir.cond("i32", l, r, ir.i32(0)) : ir.cond("i32", l, ir.i32(1), r);
      }
      case "concat": {
        const parts = concatParts(e);
        if (parts.length > 2) return this.concatMany(parts);
        return ir.rt("str_concat", [this.val(e.left), this.val(e.right)]);
      }
      case "interp": {
        if (e.parts.length === 0) return this.L.b.string("");
        if (e.parts.length > 2) return this.concatMany(e.parts.flatMap(concatParts));
        let acc = this.val(e.parts[0]);
        // `"${x}"` is `"" + x` (§5.12): a new string. A number or char converted to text is
        // already a fresh object; anything else (a string operand, `str_from_bool`'s shared
        // constants) is copied so identity never leaks through an interpolation.
        if (e.parts.length === 1) {
          const p = e.parts[0];
          // (A lone literal piece may stay shared: literal identity is unspecified.)
          const fresh =
            p.kind === "string" || (p.kind === "to_text" && !["string", "bool", "param"].includes(p.conv));
          return fresh ? acc : ir.rt("str_concat", [this.L.b.string(""), acc]);
        }
        for (let i = 1; i < e.parts.length; i++) acc = ir.rt("str_concat", [acc, this.val(e.parts[i])]);
        return acc;
      }
      case "to_text":
        return this.toText(e.conv, this.typeOf(e.operand), e.operand);
      case "convert":
        return this.convert(e.conv, this.typeOf(e.operand), t, e.operand, this.loc(e));
      case "call": {
        const c = this.call(e);
        if (c.noreturn || c.call === null) {
          return ir.seq([...c.pre, ...(c.call ? [ir.exec(c.call)] : []), ir.unreachable()], zero(vt));
        }
        return c.pre.length ? ir.seq(c.pre, c.call) : c.call;
      }
      case "record_new":
        return this.recordNew(e);
      case "enum_new":
        return this.enumNew(
          t,
          e.variant,
          e.args.map((a) => (this.vtOf(a) === null ? { eff: this.eff(a) } : { val: this.val(a) })),
        );
      case "array_lit":
        return this.arrayLit(e);
      case "match": {
        const res = this.fb.local(vt);
        return ir.seq(
          this.match(e, (v) => [ir.set(res, v)]),
          ir.get(res),
        );
      }
      case "try": {
        const r = this.tryExpr(e);
        return ir.seq(r.stmts, r.value ?? zero(vt));
      }
      case "assign": {
        const r = this.assign(e, true);
        return ir.seq(r.stmts, r.value!);
      }
      case "block":
      case "unit":
      case "event_sub":
      case "error":
        throw new Error(`lowering: ${e.kind} used as a value`);
    }
  }

  private constOf(t: TypeId, value: bigint | number): Expr {
    switch (this.L.vt(t)) {
      case "i64":
        return ir.i64(BigInt(value));
      case "f32":
        return ir.f32(Number(value));
      case "f64":
        return ir.f64(Number(value));
      default:
        return ir.i32(Number(BigInt.asIntN(32, BigInt(value))));
    }
  }

  /** Re-narrows an i32 result to an 8- or 16-bit type (two's complement wrap). */
  private normalize(p: Prim, v: Expr): Expr {
    switch (p) {
      case "i8":
        return ir.un("i32.extend8_s", v);
      case "i16":
        return ir.un("i32.extend16_s", v);
      case "u8":
        return ir.bin("i32.and", v, ir.i32(0xff));
      case "u16":
        return ir.bin("i32.and", v, ir.i32(0xffff));
      default:
        return v;
    }
  }

  private cmpOp(op: "lt" | "le" | "gt" | "ge", p: Prim): BinaryOp {
    if (p === "f32" || p === "f64") return `${p}.${op}` as BinaryOp;
    const vt = p === "i64" || p === "u64" ? "i64" : "i32";
    return `${vt}.${op}_${SIGNED.has(p) ? "s" : "u"}` as BinaryOp;
  }

  private binary(op: TBinaryOp, ot: TypeId, rt: TypeId, left: TExpr, right: TExpr, loc: LocId): Expr {
    switch (op) {
      case "eq":
      case "ne":
      case "id_eq":
      case "id_ne":
        if (this.L.vt(ot) === null) {
          // `unit == unit` (generic code at T = unit): both sides still run.
          const same = op === "eq" || op === "id_eq" ? 1 : 0;
          return ir.seq([...this.eff(left), ...this.eff(right)], ir.i32(same));
        }
        break;
      default:
        break;
    }
    switch (op) {
      case "eq":
      case "ne": {
        const eq = this.L.equals(ot, this.val(left), this.val(right));
        return op === "eq" ? eq : ir.un("i32.eqz", eq);
      }
      case "id_eq":
      case "id_ne": {
        let eq: Expr;
        if (this.L.info(ot).kind === "prim" && ot !== T.string)
          eq = this.L.equals(ot, this.val(left), this.val(right));
        else if (this.L.info(ot).kind === "contract")
          eq = ir.bin(
            "i32.eq",
            ir.load("i32.load", this.val(left), CONTRACT_RECEIVER_OFFSET),
            ir.load("i32.load", this.val(right), CONTRACT_RECEIVER_OFFSET),
          );
        else eq = ir.bin("i32.eq", this.val(left), this.val(right));
        return op === "id_eq" ? eq : ir.un("i32.eqz", eq);
      }
      case "lt":
      case "le":
      case "gt":
      case "ge":
        return ir.bin(this.cmpOp(op, this.L.prim(ot) ?? "i32"), this.val(left), this.val(right));
      case "shl":
      case "shr": {
        const p = this.L.prim(rt) ?? "i32";
        const vt = this.L.vt(rt) as "i32" | "i64";
        const l = this.val(left);
        let count = this.intTo(
          this.L.prim(this.typeOf(right)) ?? "i32",
          vt === "i64" ? "u64" : "u32",
          this.val(right),
        );
        const bits = p === "i8" || p === "u8" ? 8 : p === "i16" || p === "u16" ? 16 : 0;
        if (bits) count = ir.bin("i32.and", count, ir.i32(bits - 1));
        const name = op === "shl" ? "shl" : SIGNED.has(p) ? "shr_s" : "shr_u";
        return this.normalize(p, ir.bin(`${vt}.${name}` as BinaryOp, l, count));
      }
      default:
        return this.arith(op, ot, this.val(left), this.val(right), loc);
    }
  }

  /** `+ - * / % & |` on two lowered operands of type `t`. */
  private arith(op: TBinaryOp, t: TypeId, l: Expr, r: Expr, loc: LocId): Expr {
    const p = this.L.prim(t) ?? "i32";
    const vt = this.L.vt(t) ?? "i32";
    if (vt === "f32" || vt === "f64") {
      const name = { add: "add", sub: "sub", mul: "mul", div: "div", rem: "rem" }[op as string];
      if (!name) throw new Error(`lowering: float ${op}`);
      return ir.bin(`${vt}.${name}` as BinaryOp, l, r);
    }
    const s = SIGNED.has(p) ? "s" : "u";
    const name =
      op === "add"
        ? "add"
        : op === "sub"
          ? "sub"
          : op === "mul"
            ? "mul"
            : op === "div"
              ? `div_${s}`
              : op === "rem"
                ? `rem_${s}`
                : op === "band"
                  ? "and"
                  : op === "bor"
                    ? "or"
                    : undefined;
    if (!name) throw new Error(`lowering: integer ${op}`);
    const checked = op === "div" || op === "rem";
    if (op === "div" && (p === "i8" || p === "i16")) {
      // 32-bit division cannot overflow for these: check MIN / -1 explicitly (§5.5).
      const [pa, a] = this.spill("i32", l);
      const [pb, b] = this.spill("i32", r);
      const min = p === "i8" ? -128 : -32768;
      return ir.seq(
        [
          ...pa,
          ...pb,
          ir.if(
            ir.bin("i32.and", ir.bin("i32.eq", a, ir.i32(min)), ir.bin("i32.eq", b, ir.i32(-1))),
            this.L.panicCode("integer overflow in division", loc),
          ),
        ],
        this.normalize(p, ir.bin("i32.div_s", a, b, loc)),
      );
    }
    return this.normalize(p, ir.bin(`${vt}.${name}` as BinaryOp, l, r, checked ? loc : undefined));
  }

  /** Integer → integer keeping the low bits (widening is the special case that loses none). */
  private intTo(from: Prim, to: Prim, v: Expr): Expr {
    const fv = from === "i64" || from === "u64" ? "i64" : "i32";
    const tv = to === "i64" || to === "u64" ? "i64" : "i32";
    if (fv === tv) return tv === "i32" ? this.normalize(to, v) : v;
    if (fv === "i32") return ir.un(SIGNED.has(from) ? "i64.extend_i32_s" : "i64.extend_i32_u", v);
    return this.normalize(to, ir.un("i32.wrap_i64", v));
  }

  private toI64Index(e: TExpr): Expr {
    return this.intTo(
      this.L.prim(this.typeOf(e)) ?? "i32",
      SIGNED.has(this.L.prim(this.typeOf(e)) ?? "i32") ? "i64" : "u64",
      this.val(e),
    );
  }

  /**
   * `p1 + p2 + … + pn` (n > 2, all strings) as one allocation and one copy per piece instead
   * of n - 1 intermediate strings (each copying everything before it). The pieces are
   * evaluated left to right first, exactly as the nested form would; the result is one new
   * string. The length is summed in i64 so it cannot wrap; above the runtime's object limit
   * it panics `out of memory` like `str_concat` would.
   */
  private concatMany(parts: readonly TExpr[]): Expr {
    const fb = this.fb;
    const ptrs = parts.map(() => fb.local("i32"));
    const lens = parts.map(() => fb.local("i32"));
    const total = fb.local("i64");
    const r = fb.local("i32");
    const at = fb.local("i32");
    const body: Stmt[] = [];
    parts.forEach((p, i) => body.push(ir.set(ptrs[i]!, this.val(p))));
    parts.forEach((_, i) => body.push(ir.set(lens[i]!, ir.load("i32.load", ir.get(ptrs[i]!), 4))));
    let sum: Expr = ir.un("i64.extend_i32_u", ir.get(lens[0]!));
    for (let i = 1; i < parts.length; i++)
      sum = ir.bin("i64.add", sum, ir.un("i64.extend_i32_u", ir.get(lens[i]!)));
    body.push(
      ir.set(total, sum),
      ir.if(ir.bin("i64.gt_u", ir.get(total), ir.i64(MAX_STRING_BYTES)), [
        ir.exec(ir.rt("panic_code", [ir.i32(PANIC["out of memory"]), ir.i32(-1)])),
        ir.unreachable(),
      ]),
      ir.set(
        r,
        ir.rt("alloc", [
          ir.i32(LAYOUT.string),
          ir.bin("i32.add", ir.un("i32.wrap_i64", ir.get(total)), ir.i32(8)),
        ]),
      ),
      ir.store("i32.store", ir.get(r), ir.un("i32.wrap_i64", ir.get(total)), 4),
      ir.set(at, ir.bin("i32.add", ir.get(r), ir.i32(8))),
    );
    parts.forEach((_, i) => {
      body.push(ir.copy(ir.get(at), ir.bin("i32.add", ir.get(ptrs[i]!), ir.i32(8)), ir.get(lens[i]!)));
      if (i < parts.length - 1) body.push(ir.set(at, ir.bin("i32.add", ir.get(at), ir.get(lens[i]!))));
    });
    return ir.seq(body, ir.get(r));
  }

  private toText(conv: TextConv, t: TypeId, operand: TExpr): Expr {
    const v = this.val(operand);
    const p = this.L.prim(t);
    if (conv === "param") {
      if (p === undefined) throw new Error(`lowering: ${this.L.typeName(t)} has no text form`);
      conv =
        p === "string"
          ? "string"
          : p === "bool"
            ? "bool"
            : p === "char"
              ? "char"
              : p === "f32"
                ? "f32"
                : p === "f64"
                  ? "f64"
                  : SIGNED.has(p)
                    ? "int"
                    : "uint";
    }
    switch (conv) {
      case "string":
        return v;
      case "bool":
        return ir.rt("str_from_bool", [v]);
      case "char":
        return ir.rt("str_from_char", [v]);
      case "int":
        return ir.rt(p === "i64" ? "str_from_i64" : "str_from_i32", [v]);
      case "uint":
        return ir.rt(p === "u64" ? "str_from_u64" : p === "u32" ? "str_from_u32" : "str_from_i32", [v]);
      case "f32":
        return ir.rt("str_from_f32", [v]);
      case "f64":
        return ir.rt("str_from_f64", [v]);
    }
  }

  // -------------------------------------------------------------------------------------
  // Conversions.

  private convert(conv: Conversion, from: TypeId, to: TypeId, operand: TExpr, loc: LocId): Expr {
    const tvt = this.L.vt(to);
    if (conv.kind === "never" || this.L.vt(from) === null) {
      return ir.seq([...this.eff(operand), ir.unreachable()], zero(tvt ?? "i32"));
    }
    return this.convertValue(conv, from, to, this.val(operand), loc);
  }

  private convertValue(conv: Conversion, from: TypeId, to: TypeId, v: Expr, loc: LocId): Expr {
    const fp = this.L.prim(from);
    const tp = this.L.prim(to);
    switch (conv.kind) {
      case "widen":
      case "narrow":
        if (fp === "f32" && tp === "f64") return ir.un("f64.promote_f32", v);
        if (fp === "f64" && tp === "f32") return ir.un("f32.demote_f64", v);
        if (fp && tp && this.L.isIntType(from) && this.L.isIntType(to)) return this.intTo(fp, tp, v);
        return v;
      case "float_narrow":
        return fp === "f64" && tp === "f32" ? ir.un("f32.demote_f64", v) : v;
      case "int_to_float": {
        const fv = this.L.vt(from);
        const s = fp && SIGNED.has(fp) ? "s" : "u";
        return ir.un(`${tp}.convert_${fv}_${s}` as UnaryOp, v);
      }
      case "float_to_int":
        return this.floatToInt(fp === "f32" ? "f32" : "f64", tp ?? "i32", v);
      case "never":
        return v;
      case "array_handle":
        return ir.un("i64.extend_i32_u", v);
      case "to_contract": {
        const funcs = conv.methods.map((m) =>
          this.L.instance(
            m.func,
            m.typeArgs.map((a) => this.ty(a)),
          ),
        );
        return this.makeContract(v, this.L.vtable(from, to, funcs));
      }
      case "contract_upcast":
        return this.upcast(v, conv.slots, loc);
      case "param_to_contract": {
        const fi = this.L.info(from);
        if (fi.kind === "contract") {
          if (from === to) return v;
          return this.upcast(v, this.slotsByName(from, to), loc);
        }
        const funcs = this.L.conformanceFuncs(from, to);
        if (!funcs)
          throw new Error(`lowering: ${this.L.typeName(from)} does not conform to ${this.L.typeName(to)}`);
        return this.makeContract(v, this.L.vtable(from, to, funcs));
      }
    }
  }

  private floatToInt(fv: "f32" | "f64", tp: Prim, v: Expr): Expr {
    switch (tp) {
      case "i32":
        return ir.un(`i32.trunc_sat_${fv}_s` as UnaryOp, v);
      case "u32":
        return ir.un(`i32.trunc_sat_${fv}_u` as UnaryOp, v);
      case "i64":
        return ir.un(`i64.trunc_sat_${fv}_s` as UnaryOp, v);
      case "u64":
        return ir.un(`i64.trunc_sat_${fv}_u` as UnaryOp, v);
      default: {
        const signed = SIGNED.has(tp);
        const [min, max] =
          tp === "i8" ? [-128, 127] : tp === "i16" ? [-32768, 32767] : tp === "u8" ? [0, 255] : [0, 65535];
        const t = this.fb.local("i32");
        return ir.seq(
          [
            ir.set(t, ir.un(`i32.trunc_sat_${fv}_${signed ? "s" : "u"}` as UnaryOp, v)),
            ir.set(
              t,
              ir.select(
                ir.bin(signed ? "i32.lt_s" : "i32.lt_u", ir.get(t), ir.i32(min)),
                ir.i32(min),
                ir.get(t),
              ),
            ),
            ir.set(
              t,
              ir.select(
                ir.bin(signed ? "i32.gt_s" : "i32.gt_u", ir.get(t), ir.i32(max)),
                ir.i32(max),
                ir.get(t),
              ),
            ),
          ],
          ir.get(t),
        );
      }
    }
  }

  private makeContract(receiver: Expr, vtable: Expr): Expr {
    const obj = this.fb.local("i32");
    return ir.seq(
      [
        ir.set(obj, ir.rt("alloc", [ir.i32(this.L.contractLayout()), ir.i32(16)])),
        ir.store("i32.store", ir.get(obj), receiver, CONTRACT_RECEIVER_OFFSET),
        ir.store("i32.store", ir.get(obj), vtable, CONTRACT_VTABLE_OFFSET),
      ],
      ir.get(obj),
    );
  }

  /** Source slot of each method of `to`, found by name in `from`. */
  private slotsByName(from: TypeId, to: TypeId): number[] {
    const fi = this.L.info(from);
    const ti = this.L.info(to);
    if (fi.kind !== "contract" || ti.kind !== "contract")
      throw new Error("lowering: upcast of a non-contract");
    const src = this.L.program.contracts[fi.decl].methods;
    return this.L.program.contracts[ti.decl].methods.map((m) => src.findIndex((s) => s.name === m.name));
  }

  /** A contract value viewed as an embedded contract: a new method table with `slots` picked out. */
  private upcast(v: Expr, slots: readonly number[], _loc: LocId): Expr {
    const src = this.fb.local("i32");
    const svt = this.fb.local("i32");
    const nvt = this.fb.local("i32");
    const vl = this.L.vtableLayout(slots.length);
    const stmts: Stmt[] = [
      ir.set(src, v),
      ir.set(svt, ir.load("i32.load", ir.get(src), CONTRACT_VTABLE_OFFSET)),
      ir.set(nvt, ir.rt("alloc", [ir.i32(vl.layout), ir.i32(vl.size)])),
      ir.store(
        "i32.store",
        ir.get(nvt),
        ir.load("i32.load", ir.get(svt), VTABLE_TYPEKEY_OFFSET),
        VTABLE_TYPEKEY_OFFSET,
      ),
      ir.store(
        "i32.store",
        ir.get(nvt),
        ir.load("i32.load", ir.get(svt), VTABLE_EQ_OFFSET),
        VTABLE_EQ_OFFSET,
      ),
    ];
    slots.forEach((s, i) =>
      stmts.push(
        ir.store(
          "i32.store",
          ir.get(nvt),
          ir.load("i32.load", ir.get(svt), VTABLE_METHODS_OFFSET + 4 * s),
          VTABLE_METHODS_OFFSET + 4 * i,
        ),
      ),
    );
    return ir.seq(
      stmts,
      this.makeContract(ir.load("i32.load", ir.get(src), CONTRACT_RECEIVER_OFFSET), ir.get(nvt)),
    );
  }

  // -------------------------------------------------------------------------------------
  // Heap values.

  private recordNew(e: Extract<TExpr, { kind: "record_new" }>): Expr {
    const t = this.typeOf(e);
    const r = this.L.recordLayout(t);
    const obj = this.fb.local("i32");
    const loc = this.loc(e);
    const stmts: Stmt[] = [ir.set(obj, ir.rt("alloc", [ir.i32(r.layout), ir.i32(r.size)]))];
    for (const slot of r.fields.values()) {
      if (!slot.event) continue;
      const ev = this.fb.local("i32");
      stmts.push(
        ir.set(ev, ir.rt("alloc", [ir.i32(this.L.eventLayout()), ir.i32(16)])),
        ir.store(
          "i32.store",
          ir.get(ev),
          ir.rt(
            "array_new",
            [ir.i32(LAYOUT.arrayRef), ir.i32(4), ir.i64(slot.event.capacity), ir.i32(loc)],
            loc,
          ),
          EVENT_ITEMS_OFFSET,
        ),
        ir.store("i32.store", ir.get(obj), ir.get(ev), slot.offset),
      );
    }
    for (const fi of e.fields) {
      const slot = r.fields.get(fi.field)!;
      if (slot.vt === null) stmts.push(...this.eff(fi.value));
      else stmts.push(ir.store(this.L.storeOp(slot.vt), ir.get(obj), this.val(fi.value), slot.offset));
    }
    return ir.seq(stmts, ir.get(obj));
  }

  private enumNew(t: TypeId, variant: number, args: readonly ({ val: Expr } | { eff: Stmt[] })[]): Expr {
    const v = this.L.variantLayout(t, variant);
    if (v.fields.length === 0) return this.L.constEnum(t, variant);
    const obj = this.fb.local("i32");
    const stmts: Stmt[] = [
      ir.set(obj, ir.rt("alloc", [ir.i32(v.layout), ir.i32(v.size)])),
      ir.store("i32.store", ir.get(obj), ir.i32(v.tag), ENUM_TAG_OFFSET),
    ];
    args.forEach((a, i) => {
      const slot = v.fields[i];
      if ("eff" in a) stmts.push(...a.eff);
      else if (slot.vt !== null)
        stmts.push(ir.store(this.L.storeOp(slot.vt), ir.get(obj), a.val, slot.offset));
    });
    return ir.seq(stmts, ir.get(obj));
  }

  private arrayLit(e: Extract<TExpr, { kind: "array_lit" }>): Expr {
    const elemT = this.ty(e.elem);
    const el = this.L.elem(elemT);
    const arr = this.fb.local("i32");
    const loc = this.loc(e);
    const stmts: Stmt[] = [
      ir.set(
        arr,
        ir.rt("array_new", [ir.i32(el.layout), ir.i32(el.size), ir.i64(e.elements.length), ir.i32(loc)], loc),
      ),
    ];
    e.elements.forEach((x, k) => {
      if (el.vt === null) stmts.push(...this.eff(x));
      else stmts.push(ir.store(el.store, ir.get(arr), this.val(x), 8 + k * el.size));
    });
    return ir.seq(stmts, ir.get(arr));
  }

  /** A loaded reference element: never-written slots read as "" / an empty array, or panic (§5.11). */
  private refDefault(elemT: TypeId, loaded: Expr, loc: LocId): Expr {
    if (!this.L.isRef(elemT)) return loaded;
    const t = this.fb.local("i32");
    const info = this.L.info(elemT);
    let fallback: Expr;
    if (elemT === T.string) fallback = this.L.b.string("");
    else if (info.kind === "array") fallback = this.L.emptyArray(this.L.elem(info.elem).layout);
    else fallback = ir.seq(this.L.panicCode("read of uninitialised array element", loc), ir.i32(0));
    return ir.seq([ir.set(t, loaded)], ir.cond("i32", ir.un("i32.eqz", ir.get(t)), fallback, ir.get(t)));
  }

  private index(e: Extract<TExpr, { kind: "index" }>): Expr {
    const loc = this.loc(e);
    const base = this.val(e.object);
    const idx = this.toI64Index(e.index);
    if (e.of === "string") return ir.load("i32.load8_u", ir.elem(base, idx, 1, loc));
    const at = this.L.info(this.typeOf(e.object));
    const elemT = at.kind === "array" ? at.elem : this.typeOf(e);
    const el = this.L.elem(elemT);
    return this.refDefault(elemT, ir.load(el.load, ir.elem(base, idx, el.size, loc)), loc);
  }

  private closure(func: number): Expr {
    const lf = this.L.program.functions[func];
    const inst = this.L.instance(func, this.job.typeArgs);
    const slot = ir.i32(this.L.b.tableSlot(inst));
    if (lf.captures.length === 0) return ir.rt("closure_new", [slot, ir.i32(0)]);
    const env = this.fb.local("i32");
    const { layout, size } = this.L.envLayout(func, lf.captures.length);
    const stmts: Stmt[] = [ir.set(env, ir.rt("alloc", [ir.i32(layout), ir.i32(size)]))];
    lf.captures.forEach((c, i) => {
      const s = this.slot(c);
      if (s.kind === "cell") stmts.push(ir.store("i32.store", ir.get(env), ir.get(s.index), 4 + 4 * i));
    });
    return ir.seq(stmts, ir.rt("closure_new", [slot, ir.get(env)]));
  }

  // -------------------------------------------------------------------------------------
  // Calls.

  /** Lowers arguments left to right; unit-typed ones run for their effects in order. */
  private args(args: readonly TExpr[]): { pre: Stmt[]; vals: Expr[] } {
    let vals: Expr[] = [];
    let pending: Stmt[] = [];
    const pre: Stmt[] = [];
    for (const a of args) {
      if (this.vtOf(a) === null) {
        pending.push(...this.eff(a));
        continue;
      }
      let v = this.val(a);
      if (pending.length) {
        v = ir.seq(pending, v);
        pending = [];
      }
      vals.push(v);
    }
    if (pending.length) {
      // Trailing unit arguments: spill the values so the order of effects is kept; a local
      // too (`F(xs, { xs = …; })` passes the old `xs`, §5.6: arguments in order).
      const types = args.map((a) => this.vtOf(a)).filter((vt) => vt !== null);
      vals = vals.map((v, i) => {
        const [set, read] = this.spill(types[i]!, v, isConstant);
        pre.push(...set);
        return read;
      });
      pre.push(...pending);
    }
    return { pre, vals };
  }

  private call(e: Extract<TExpr, { kind: "call" }>): CallParts {
    const loc = this.loc(e);
    const target: CallTarget = e.target;
    switch (target.kind) {
      case "function": {
        const fi = this.L.program.functions[target.func];
        const { pre, vals } = this.args(e.args);
        if (fi.body === undefined)
          return {
            pre: [
              ...pre,
              ...vals.map((v) => ir.exec(v)),
              ...this.panicText(`function ${fi.qualifiedName} has no body`, loc),
            ],
            call: null,
            noreturn: true,
          };
        const inst = this.L.instance(
          target.func,
          target.typeArgs.map((a) => this.ty(a)),
        );
        return { pre, call: ir.call(inst, vals, loc), noreturn: this.ty(fi.ret) === T.never };
      }
      case "intrinsic":
        return this.intrinsic(e, target.name, target.typeArgs, loc);
      case "contract": {
        const ct = this.ty(target.contract);
        return this.dispatch(ct, target.method, e.args, loc);
      }
      case "bound": {
        const concrete = this.ty(this.L.types.param(target.param));
        const contract = this.ty(target.contract);
        if (this.L.info(concrete).kind === "contract") {
          const ci = this.L.info(contract);
          const name =
            ci.kind === "contract" ? this.L.program.contracts[ci.decl].methods[target.method].name : "";
          const cc = this.L.info(concrete);
          const idx =
            cc.kind === "contract"
              ? this.L.program.contracts[cc.decl].methods.findIndex((m) => m.name === name)
              : -1;
          return this.dispatch(concrete, idx, e.args, loc);
        }
        const funcs = this.L.conformanceFuncs(concrete, contract);
        if (!funcs)
          throw new Error(
            `lowering: no conformance of ${this.L.typeName(concrete)} to ${this.L.typeName(contract)}`,
          );
        const { pre, vals } = this.args(e.args);
        return { pre, call: ir.call(funcs[target.method], vals, loc), noreturn: false };
      }
      case "extern": {
        const { pre, vals } = this.args(e.args);
        return {
          pre,
          call: ir.callExtern(this.L.externIndex(target.contract, target.method), vals, loc),
          noreturn: false,
        };
      }
      case "event":
        return {
          pre: this.eventInvoke(e, this.ty(target.record), target.field, loc),
          call: null,
          noreturn: false,
        };
      case "closure": {
        const ft = this.L.info(this.typeOf(target.callee));
        if (ft.kind !== "fn") throw new Error("lowering: closure call of a non-function");
        const c = this.fb.local("i32");
        const calleeV = this.val(target.callee);
        const { pre, vals } = this.args(e.args);
        const type = this.closureType(ft.params, ft.ret);
        return {
          pre: [ir.set(c, calleeV), ...pre],
          call: ir.callIndirect(
            type,
            ir.load("i32.load", ir.get(c), 4),
            [ir.load("i32.load", ir.get(c), 8), ...vals],
            loc,
          ),
          noreturn: this.ty(ft.ret) === T.never,
        };
      }
    }
  }

  private closureType(params: readonly TypeId[], ret: TypeId): FuncType {
    const ps: ValType[] = ["i32"];
    for (const p of params) {
      const vt = this.L.vt(this.ty(p));
      if (vt !== null) ps.push(vt);
    }
    return { params: ps, result: this.L.vt(this.ty(ret)) };
  }

  /** Calls method `method` of contract value `args[0]` (of contract type `ct`) through its table. */
  private dispatch(ct: TypeId, method: number, args: readonly TExpr[], loc: LocId): CallParts {
    const ci = this.L.info(ct);
    if (ci.kind !== "contract") throw new Error("lowering: contract call on a non-contract");
    const decl = this.L.program.contracts[ci.decl];
    const m = decl.methods[method];
    const map = this.L.declMap(decl.typeParams, ci.args);
    const ps: ValType[] = ["i32"];
    for (const p of m.params) {
      const vt = this.L.vt(this.L.subst(p, map));
      if (vt !== null) ps.push(vt);
    }
    const type: FuncType = { params: ps, result: this.L.vt(this.L.subst(m.ret, map)) };
    const { pre, vals } = this.args(args);
    const c = this.fb.local("i32");
    const [recv, ...rest] = vals;
    return {
      pre: [...pre, ir.set(c, recv)],
      call: ir.callIndirect(
        type,
        ir.load(
          "i32.load",
          ir.load("i32.load", ir.get(c), CONTRACT_VTABLE_OFFSET),
          VTABLE_METHODS_OFFSET + 4 * method,
        ),
        [ir.load("i32.load", ir.get(c), CONTRACT_RECEIVER_OFFSET), ...rest],
        loc,
      ),
      noreturn: false,
    };
  }

  private intrinsic(
    e: Extract<TExpr, { kind: "call" }>,
    name: string,
    typeArgs: readonly TypeId[],
    loc: LocId,
  ): CallParts {
    const L = this.L;
    if (name.startsWith("__gc_")) {
      const pre: Stmt[] = [];
      for (const a of e.args) pre.push(...this.eff(a));
      return { pre, call: null, noreturn: false };
    }
    if (name === "__array_new") {
      const t = this.typeOf(e);
      const info = L.info(t);
      const elemT = info.kind === "array" ? info.elem : typeArgs.length ? this.ty(typeArgs[0]) : T.u8;
      const el = L.elem(elemT);
      const pre = this.eff(e.args[0]);
      const len = this.val(e.args[1]);
      return {
        pre,
        call: ir.rt("array_new", [ir.i32(el.layout), ir.i32(el.size), len, ir.i32(loc)], loc),
        noreturn: false,
      };
    }
    const rtName = INTRINSIC_RUNTIME.get(name);
    const info = rtName ? runtimeFunction(rtName) : undefined;
    const { pre, vals } = this.args(e.args);
    if (!rtName || !info) {
      return {
        pre: [...pre, ...vals.map((v) => ir.exec(v))],
        call: ir.rt("unsupported", [L.b.string(name.replace(/^__/, "")), ir.i32(loc)], loc),
        noreturn: true,
      };
    }
    const args = [...vals];
    if (info.type.params.length === args.length + 1) args.push(ir.i32(loc));
    return { pre, call: ir.rt(rtName, args, loc), noreturn: info.noreturn === true };
  }

  // -------------------------------------------------------------------------------------
  // Events (§5.14): an event object {count, handler array of `capacity` closures}.

  private eventObject(objT: TypeId, field: number, obj: Expr): Expr {
    const slot = this.L.recordLayout(objT).fields.get(field)!;
    return ir.load("i32.load", obj, slot.offset);
  }

  private eventSub(e: Extract<TExpr, { kind: "event_sub" }>): Stmt[] {
    const loc = this.loc(e);
    const ev = this.fb.local("i32");
    const h = this.fb.local("i32");
    const items = this.fb.local("i32");
    const n = this.fb.local("i32");
    const out: Stmt[] = [
      ir.set(ev, this.eventObject(this.typeOf(e.object), e.field, this.val(e.object))),
      ir.set(h, this.val(e.handler)),
      ir.set(items, ir.load("i32.load", ir.get(ev), EVENT_ITEMS_OFFSET)),
      ir.set(n, ir.load("i32.load", ir.get(ev), EVENT_COUNT_OFFSET)),
    ];
    const itemAddr = (k: Expr) => ir.bin("i32.add", ir.get(items), ir.bin("i32.mul", k, ir.i32(4)));
    if (e.op === "+=") {
      out.push(
        ir.if(
          ir.bin("i32.ge_s", ir.get(n), ir.load("i32.load", ir.get(items), 4)),
          this.L.panicCode("event capacity exceeded", loc),
        ),
        ir.store("i32.store", itemAddr(ir.get(n)), ir.get(h), 8),
        ir.store("i32.store", ir.get(ev), ir.bin("i32.add", ir.get(n), ir.i32(1)), EVENT_COUNT_OFFSET),
      );
      return out;
    }
    const k = this.fb.local("i32");
    const brk = this.fb.label();
    out.push(
      ir.set(k, ir.i32(0)),
      ir.loop(brk, [
        ir.if(ir.bin("i32.ge_s", ir.get(k), ir.get(n)), [ir.br(brk)]),
        ir.if(ir.bin("i32.eq", ir.load("i32.load", itemAddr(ir.get(k)), 8), ir.get(h)), [
          ir.copy(
            ir.bin("i32.add", itemAddr(ir.get(k)), ir.i32(8)),
            ir.bin("i32.add", itemAddr(ir.get(k)), ir.i32(12)),
            ir.bin(
              "i32.mul",
              ir.bin("i32.sub", ir.bin("i32.sub", ir.get(n), ir.get(k)), ir.i32(1)),
              ir.i32(4),
            ),
          ),
          ir.store("i32.store", ir.get(ev), ir.bin("i32.sub", ir.get(n), ir.i32(1)), EVENT_COUNT_OFFSET),
          ir.br(brk),
        ]),
        ir.set(k, ir.bin("i32.add", ir.get(k), ir.i32(1))),
        ir.continue(brk),
      ]),
    );
    return out;
  }

  private eventInvoke(e: Extract<TExpr, { kind: "call" }>, recT: TypeId, field: number, loc: LocId): Stmt[] {
    const [objE, ...argEs] = e.args;
    const ev = this.fb.local("i32");
    const n = this.fb.local("i32");
    const snap = this.fb.local("i32");
    const k = this.fb.local("i32");
    const c = this.fb.local("i32");
    const out: Stmt[] = [ir.set(ev, this.eventObject(recT, field, this.val(objE)))];
    const { pre, vals } = this.args(argEs);
    out.push(...pre);
    const temps: Expr[] = [];
    const valued = argEs.filter((a) => this.vtOf(a) !== null);
    vals.forEach((v, i) => {
      const t = this.fb.local(this.vtOf(valued[i])!);
      out.push(ir.set(t, v));
      temps.push(ir.get(t));
    });
    const ri = this.L.info(recT);
    if (ri.kind !== "record") throw new Error("lowering: event of a non-record");
    const rec = this.L.program.records[ri.decl];
    const fi = rec.fields.find((f) => f.index === field);
    const recMap = this.L.declMap(rec.typeParams, ri.args);
    const params = fi && fi.kind === "event" ? fi.params.map((p) => this.L.subst(p, recMap)) : [];
    const type = this.closureType(params, T.unit);
    const brk = this.fb.label();
    out.push(
      ir.set(n, ir.load("i32.load", ir.get(ev), EVENT_COUNT_OFFSET)),
      ir.set(
        snap,
        ir.rt(
          "array_new",
          [ir.i32(LAYOUT.arrayRef), ir.i32(4), ir.un("i64.extend_i32_s", ir.get(n)), ir.i32(loc)],
          loc,
        ),
      ),
      ir.copy(
        ir.bin("i32.add", ir.get(snap), ir.i32(8)),
        ir.bin("i32.add", ir.load("i32.load", ir.get(ev), EVENT_ITEMS_OFFSET), ir.i32(8)),
        ir.bin("i32.mul", ir.get(n), ir.i32(4)),
      ),
      ir.set(k, ir.i32(0)),
      ir.loop(brk, [
        ir.if(ir.bin("i32.ge_s", ir.get(k), ir.get(n)), [ir.br(brk)]),
        ir.set(
          c,
          ir.load("i32.load", ir.bin("i32.add", ir.get(snap), ir.bin("i32.mul", ir.get(k), ir.i32(4))), 8),
        ),
        ir.exec(
          ir.callIndirect(
            type,
            ir.load("i32.load", ir.get(c), 4),
            [ir.load("i32.load", ir.get(c), 8), ...temps],
            loc,
          ),
          loc,
        ),
        ir.set(k, ir.bin("i32.add", ir.get(k), ir.i32(1))),
        ir.continue(brk),
      ]),
    );
    return out;
  }

  // -------------------------------------------------------------------------------------
  // Assignment.

  private assign(e: Extract<TExpr, { kind: "assign" }>, want: boolean): { stmts: Stmt[]; value?: Expr } {
    const t = this.typeOf(e);
    const vt = this.L.vt(t);
    const loc = this.loc(e);
    const combine = (old: Expr, v: Expr): Expr => {
      if (e.op === "=") return v;
      if (e.compound === "concat") return ir.rt("str_concat", [old, v]);
      return this.arith(e.op === "+=" ? "add" : "sub", t, old, v, loc);
    };
    if (vt === null) return { stmts: this.eff(e.value) };
    const finish = (stmts: Stmt[], store: (v: Expr) => Stmt[], v: Expr) => {
      if (!want) return { stmts: [...stmts, ...store(v)] };
      const tmp = this.fb.local(vt);
      return { stmts: [...stmts, ir.set(tmp, v), ...store(ir.get(tmp))], value: ir.get(tmp) };
    };
    const target = e.target;
    switch (target.kind) {
      case "local": {
        const old = e.op === "=" ? ir.i32(0) : this.read(target.local);
        return finish([], (v) => this.write(target.local, v), combine(old, this.val(e.value)));
      }
      case "field": {
        const objT = this.typeOf(target.object);
        const slot = this.L.recordLayout(objT).fields.get(target.field)!;
        const [pre, obj] = this.spill("i32", this.val(target.object));
        const old = ir.load(this.L.loadOp(vt), obj, slot.offset);
        return finish(
          pre,
          (v) => [ir.store(this.L.storeOp(vt), obj, v, slot.offset)],
          combine(old, this.val(e.value)),
        );
      }
      case "index": {
        const at = this.L.info(this.typeOf(target.object));
        const elemT = at.kind === "array" ? at.elem : t;
        const el = this.L.elem(elemT);
        const [po, obj] = this.spill("i32", this.val(target.object));
        const [pi, idx] = this.spill("i64", this.toI64Index(target.index));
        if (e.op === "=") {
          const [pv, v] = this.spill(vt, this.val(e.value));
          return finish(
            [...po, ...pi, ...pv],
            (x) => [ir.store(el.store, ir.elem(obj, idx, el.size, loc), x, 0, loc)],
            v,
          );
        }
        const addr = this.fb.local("i32");
        const pre = [...po, ...pi, ir.set(addr, ir.elem(obj, idx, el.size, loc))];
        const old = ir.load(el.load, ir.get(addr));
        return finish(pre, (x) => [ir.store(el.store, ir.get(addr), x)], combine(old, this.val(e.value)));
      }
    }
  }

  // -------------------------------------------------------------------------------------
  // match (§5.9) and `?` (§5.10).

  /** Lowers a match; `dest` receives each arm's value (null: arms run for their effects). */
  private match(e: Extract<TExpr, { kind: "match" }>, dest: ((v: Expr) => Stmt[]) | null): Stmt[] {
    const st = this.typeOf(e.scrutinee);
    const svt = this.L.vt(st);
    const end = this.fb.label();
    const inner: Stmt[] = [];
    let scrut: Expr = ir.i32(0);
    if (svt === null) inner.push(...this.eff(e.scrutinee));
    else {
      const s = this.fb.local(svt);
      inner.push(ir.set(s, this.val(e.scrutinee)));
      scrut = ir.get(s);
    }
    for (const arm of e.arms) inner.push(this.arm(arm, scrut, st, end, dest));
    inner.push(ir.unreachable(this.loc(e)));
    return [ir.block(end, inner)];
  }

  private arm(
    arm: TMatchArm,
    scrut: Expr,
    st: TypeId,
    end: number,
    dest: ((v: Expr) => Stmt[]) | null,
  ): Stmt {
    const fail = this.fb.label();
    const body: Stmt[] = this.pattern(arm.pattern, scrut, st, fail);
    if (arm.guard) body.push(ir.if(ir.un("i32.eqz", this.val(arm.guard)), [ir.br(fail)]));
    if (dest && this.vtOf(arm.body) !== null) body.push(...dest(this.val(arm.body)));
    else body.push(...this.eff(arm.body));
    body.push(ir.br(end));
    return ir.block(fail, body, this.loc(arm));
  }

  private pattern(p: TPattern, value: Expr, t: TypeId, fail: number): Stmt[] {
    switch (p.kind) {
      case "wildcard":
        return [];
      case "bind":
        return this.bind(p.local, this.L.vt(t) === null ? null : value);
      case "literal": {
        let lit: Expr;
        switch (p.literal) {
          case "string":
            lit = this.L.b.string(String(p.value));
            break;
          case "bool":
            lit = ir.i32(p.value ? 1 : 0);
            break;
          case "char":
            lit = ir.i32(Number(p.value));
            break;
          default:
            lit = this.constOf(t, p.value as bigint | number);
        }
        return [ir.if(ir.un("i32.eqz", this.L.equals(t, value, lit)), [ir.br(fail)])];
      }
      case "variant": {
        const v = this.L.variantLayout(t, p.variant);
        const out: Stmt[] = [
          ir.if(ir.bin("i32.ne", ir.load("i32.load", value, ENUM_TAG_OFFSET), ir.i32(v.tag)), [ir.br(fail)]),
        ];
        p.sub?.forEach((sp, i) => {
          const slot = v.fields[i];
          if (!slot || sp.kind === "wildcard") return;
          if (slot.vt === null) {
            out.push(...this.pattern(sp, ir.i32(0), slot.type, fail));
            return;
          }
          const loaded = ir.load(this.L.loadOp(slot.vt), value, slot.offset);
          if (sp.kind === "bind") {
            out.push(...this.bind(sp.local, loaded));
            return;
          }
          const tmp = this.fb.local(slot.vt);
          out.push(ir.set(tmp, loaded), ...this.pattern(sp, ir.get(tmp), slot.type, fail));
        });
        return out;
      }
    }
  }

  private tryExpr(e: Extract<TExpr, { kind: "try" }>): { stmts: Stmt[]; value: Expr | null } {
    const loc = this.loc(e);
    const ot = this.typeOf(e.operand);
    const o = this.fb.local("i32");
    const stmts: Stmt[] = [ir.set(o, this.val(e.operand))];
    const failV = this.L.variantLayout(ot, e.failVariant);
    let onFail: Stmt[];
    if (e.mode === "panic" || e.returnType === undefined || e.returnVariant === undefined) {
      onFail = this.L.panicCode("try expression propagated error", loc);
    } else {
      const rt = this.ty(e.returnType);
      const args: ({ val: Expr } | { eff: Stmt[] })[] = [];
      const f0 = failV.fields[0];
      if (f0 && f0.vt !== null) {
        const payload = ir.load(this.L.loadOp(f0.vt), ir.get(o), f0.offset);
        const target = this.L.variantLayout(rt, e.returnVariant).fields[0];
        const conv = e.errorConv;
        args.push({
          val: conv && target ? this.convertValue(conv, f0.type, target.type, payload, loc) : payload,
        });
      }
      onFail = [ir.ret(this.enumNew(rt, e.returnVariant, args), loc)];
    }
    stmts.push(
      ir.if(ir.bin("i32.eq", ir.load("i32.load", ir.get(o), ENUM_TAG_OFFSET), ir.i32(failV.tag)), onFail),
    );
    const okV = this.L.variantLayout(ot, e.successVariant);
    const s0 = okV.fields[0];
    const value =
      s0 && s0.vt !== null && this.vtOf(e) !== null
        ? ir.load(this.L.loadOp(s0.vt), ir.get(o), s0.offset)
        : null;
    return { stmts, value };
  }
}

/** Largest string payload: the runtime's object limit (0x7fff_fff0) minus the 8-byte header. */
const MAX_STRING_BYTES = 0x7fff_fff0 - 8;

/** The pieces of a left-nested `+` chain on strings (and interpolations inside it), in order. */
function concatParts(e: TExpr): TExpr[] {
  if (e.kind === "concat") return [...concatParts(e.left), e.right];
  if (e.kind === "interp" && e.parts.length > 0) return e.parts.flatMap(concatParts);
  return [e];
}
