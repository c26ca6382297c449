/**
 * Artifact → one portable C11 translation unit. The runtime is linked exactly as the JIT
 * links it (`runtime/link.ts`), so both backends run the same runtime IR over the same heap
 * layout: data at the addresses `layoutData` gives, the same heap base, page size and growth
 * limit. Every IR function becomes a `static` C function; expressions are flattened so that
 * C's unspecified evaluation order never matters (an operand is spilled into a temporary
 * whenever a later sibling has effects); structured control flow becomes `goto` labels.
 *
 * It does not drive the C compiler (`build.ts` does) and holds no host code beyond
 * including `host-c.ts`'s text; it reads only the artifact and the runtime linker.
 */

import {
  ARRAY_DATA_OFFSET,
  DATA_BASE,
  MAX_PAGES,
  PAGE_SIZE,
  PANIC,
  assertNever,
  exprType,
  type CodegenArtifact,
  type Expr,
  type Func,
  type FuncType,
  type LocId,
  type Stmt,
  type TypeContext,
  type ValType,
  versionLoops,
  walkBody,
} from "../../artifact/index.ts";
import { HOST_CONTRACT } from "../../runtime/host-abi.ts";
import { linkRuntime, withFrees, type LinkedProgram } from "../../runtime/link.ts";
import { HOST_C, HOST_C_PRELUDE } from "./host-c.ts";

export interface EmitCOptions {
  /** Artifact function index of the entry point: emits `main` calling it. */
  readonly mainFunc?: number | null;
  /** Prefix of the library symbols (`<prefix>_beskid_init`, `<prefix>_beskid_heap`). */
  readonly prefix: string;
  /** Export `exports` of the artifact as external symbols (libraries). */
  readonly exports?: readonly { readonly name: string; readonly func: number }[];
  readonly maxPages?: number;
}

export interface EmittedC {
  readonly source: string;
  /** Linker arguments for the libraries of program externs (`-lm`, a path), sorted, deduplicated. */
  readonly libraries: readonly string[];
  /** Prototypes of the exported symbols (for the header). */
  readonly prototypes: readonly string[];
}

const CT: Record<ValType, string> = { i32: "int32_t", i64: "int64_t", f32: "float", f64: "double" };

/**
 * The linker argument for an extern's `Library` (LANGUAGE.md §5.16): a path (containing `/`)
 * is passed as given; otherwise `-l` of the base name (`libm.so.6` → `-lm`); the C library
 * itself (`libc.so.6`, `libc`, `c`) is always linked and needs nothing.
 */
export function libraryFlag(library: string): string | null {
  if (library.includes("/")) return library;
  const base = library.replace(/^lib/, "").replace(/\.(so|a|dylib)(\.[0-9]+)*$/, "");
  if (base === "" || base === "c" || base === "C") return null;
  return `-l${base}`;
}

/** A C identifier for an export name: other characters become `_`. */
export function cSymbol(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

function cString(s: string): string {
  let out = '"';
  for (const b of new TextEncoder().encode(s)) {
    if (b === 0x22 || b === 0x5c) out += "\\" + String.fromCharCode(b);
    else if (b >= 0x20 && b < 0x7f && b !== 0x3f) out += String.fromCharCode(b);
    else out += "\\" + b.toString(8).padStart(3, "0");
  }
  return out + '"';
}

function constC(type: ValType, value: number | bigint): string {
  switch (type) {
    case "i32":
      return `((int32_t)0x${(Number(value) >>> 0).toString(16)}u)`;
    case "i64":
      return `((int64_t)0x${BigInt.asUintN(64, BigInt(value)).toString(16)}ull)`;
    case "f32": {
      const b = new DataView(new ArrayBuffer(4));
      b.setFloat32(0, Number(value), true);
      return `bx_f32(0x${b.getUint32(0, true).toString(16)}u)`;
    }
    case "f64": {
      const b = new DataView(new ArrayBuffer(8));
      b.setFloat64(0, Number(value), true);
      return `bx_f64(0x${b.getBigUint64(0, true).toString(16)}ull)`;
    }
    default:
      return assertNever(type);
  }
}

function sigKey(t: FuncType): string {
  return `${t.params.join(",")}>${t.result ?? "v"}`;
}

function fnPtrType(t: FuncType): string {
  return `${t.result ? CT[t.result] : "void"} (*)(${t.params.length ? t.params.map((p) => CT[p]).join(", ") : "void"})`;
}

const BIN_INFIX: Partial<Record<string, string>> = {
  "f32.add": "+",
  "f32.sub": "-",
  "f32.mul": "*",
  "f32.div": "/",
  "f64.add": "+",
  "f64.sub": "-",
  "f64.mul": "*",
  "f64.div": "/",
  "f32.eq": "==",
  "f32.ne": "!=",
  "f32.lt": "<",
  "f32.gt": ">",
  "f32.le": "<=",
  "f32.ge": ">=",
  "f64.eq": "==",
  "f64.ne": "!=",
  "f64.lt": "<",
  "f64.gt": ">",
  "f64.le": "<=",
  "f64.ge": ">=",
};

function binaryC(op: string, a: string, b: string): string {
  const infix = BIN_INFIX[op];
  if (infix !== undefined) {
    const cmp = /\.(eq|ne|lt|gt|le|ge)$/.test(op);
    return cmp ? `((int32_t)(${a} ${infix} ${b}))` : `(${a} ${infix} ${b})`;
  }
  const [ty, name] = op.split(".") as [string, string];
  const w = ty === "i32" ? 32 : 64;
  const u = w === 32 ? "uint32_t" : "uint64_t";
  const s = w === 32 ? "int32_t" : "int64_t";
  const U = (x: string): string => `((${u})${x})`;
  switch (name) {
    case "add":
      return `((${s})(${U(a)} + ${U(b)}))`;
    case "sub":
      return `((${s})(${U(a)} - ${U(b)}))`;
    case "mul":
      return `((${s})(${U(a)} * ${U(b)}))`;
    case "and":
      return `(${a} & ${b})`;
    case "or":
      return `(${a} | ${b})`;
    case "xor":
      return `(${a} ^ ${b})`;
    case "shl":
      return `((${s})(${U(a)} << (${b} & ${w - 1})))`;
    case "shr_s":
      return `((${s})(${a} >> (${b} & ${w - 1})))`;
    case "shr_u":
      return `((${s})(${U(a)} >> (${b} & ${w - 1})))`;
    case "rotl":
      return `bx_rotl${w}(${a}, ${b})`;
    case "rotr":
      return `bx_rotr${w}(${a}, ${b})`;
    case "eq":
      return `((int32_t)(${a} == ${b}))`;
    case "ne":
      return `((int32_t)(${a} != ${b}))`;
    case "lt_s":
      return `((int32_t)(${a} < ${b}))`;
    case "gt_s":
      return `((int32_t)(${a} > ${b}))`;
    case "le_s":
      return `((int32_t)(${a} <= ${b}))`;
    case "ge_s":
      return `((int32_t)(${a} >= ${b}))`;
    case "lt_u":
      return `((int32_t)(${U(a)} < ${U(b)}))`;
    case "gt_u":
      return `((int32_t)(${U(a)} > ${U(b)}))`;
    case "le_u":
      return `((int32_t)(${U(a)} <= ${U(b)}))`;
    case "ge_u":
      return `((int32_t)(${U(a)} >= ${U(b)}))`;
    case "div_s":
      return `((${s})(${a} / ${b}))`;
    case "div_u":
      return `((${s})(${U(a)} / ${U(b)}))`;
    case "rem_s":
      return `((${s})(${a} % ${b}))`;
    case "rem_u":
      return `((${s})(${U(a)} % ${U(b)}))`;
    default:
      throw new Error(`unknown binary op ${op}`);
  }
}

function unaryC(op: string, x: string): string {
  switch (op) {
    case "i32.eqz":
    case "i64.eqz":
      return `((int32_t)(${x} == 0))`;
    case "i32.clz":
      return `bx_clz32(${x})`;
    case "i32.ctz":
      return `bx_ctz32(${x})`;
    case "i32.popcnt":
      return `bx_popcnt32(${x})`;
    case "i64.clz":
      return `bx_clz64(${x})`;
    case "i64.ctz":
      return `bx_ctz64(${x})`;
    case "i64.popcnt":
      return `bx_popcnt64(${x})`;
    case "i32.extend8_s":
      return `((int32_t)(int8_t)${x})`;
    case "i32.extend16_s":
      return `((int32_t)(int16_t)${x})`;
    case "i64.extend8_s":
      return `((int64_t)(int8_t)${x})`;
    case "i64.extend16_s":
      return `((int64_t)(int16_t)${x})`;
    case "i64.extend32_s":
      return `((int64_t)(int32_t)${x})`;
    case "f32.neg":
    case "f64.neg":
      return `(-${x})`;
    case "f32.abs":
      return `fabsf(${x})`;
    case "f32.sqrt":
      return `sqrtf(${x})`;
    case "f32.ceil":
      return `ceilf(${x})`;
    case "f32.floor":
      return `floorf(${x})`;
    case "f32.trunc":
      return `truncf(${x})`;
    case "f32.nearest":
      return `rintf(${x})`;
    case "f64.abs":
      return `fabs(${x})`;
    case "f64.sqrt":
      return `sqrt(${x})`;
    case "f64.ceil":
      return `ceil(${x})`;
    case "f64.floor":
      return `floor(${x})`;
    case "f64.trunc":
      return `trunc(${x})`;
    case "f64.nearest":
      return `rint(${x})`;
    case "i32.wrap_i64":
      return `((int32_t)(uint32_t)(uint64_t)${x})`;
    case "i64.extend_i32_s":
      return `((int64_t)${x})`;
    case "i64.extend_i32_u":
      return `((int64_t)(uint32_t)${x})`;
    case "i32.trunc_sat_f32_s":
    case "i32.trunc_sat_f64_s":
      return `bx_sat_s32((double)${x})`;
    case "i32.trunc_sat_f32_u":
    case "i32.trunc_sat_f64_u":
      return `bx_sat_u32((double)${x})`;
    case "i64.trunc_sat_f32_s":
    case "i64.trunc_sat_f64_s":
      return `bx_sat_s64((double)${x})`;
    case "i64.trunc_sat_f32_u":
    case "i64.trunc_sat_f64_u":
      return `bx_sat_u64((double)${x})`;
    case "f32.convert_i32_s":
      return `((float)${x})`;
    case "f32.convert_i32_u":
      return `((float)(uint32_t)${x})`;
    case "f32.convert_i64_s":
      return `((float)${x})`;
    case "f32.convert_i64_u":
      return `((float)(uint64_t)${x})`;
    case "f64.convert_i32_s":
      return `((double)${x})`;
    case "f64.convert_i32_u":
      return `((double)(uint32_t)${x})`;
    case "f64.convert_i64_s":
      return `((double)${x})`;
    case "f64.convert_i64_u":
      return `((double)(uint64_t)${x})`;
    case "f32.demote_f64":
      return `((float)${x})`;
    case "f64.promote_f32":
      return `((double)${x})`;
    case "i32.reinterpret_f32":
      return `bx_bits_f32(${x})`;
    case "i64.reinterpret_f64":
      return `bx_bits_f64(${x})`;
    case "f32.reinterpret_i32":
      return `bx_f32((uint32_t)${x})`;
    case "f64.reinterpret_i64":
      return `bx_f64((uint64_t)${x})`;
    default:
      throw new Error(`unknown unary op ${op}`);
  }
}

const LOAD_C: Record<string, [string, string]> = {
  "i32.load": ["bx_ld32", "int32_t"],
  "i64.load": ["bx_ld64", "int64_t"],
  "f32.load": ["bx_ldf32", "float"],
  "f64.load": ["bx_ldf64", "double"],
  "i32.load8_s": ["(int32_t)(int8_t)bx_ld8", ""],
  "i32.load8_u": ["(int32_t)bx_ld8", ""],
  "i32.load16_s": ["(int32_t)(int16_t)bx_ld16", ""],
  "i32.load16_u": ["(int32_t)bx_ld16", ""],
  "i64.load8_s": ["(int64_t)(int8_t)bx_ld8", ""],
  "i64.load8_u": ["(int64_t)bx_ld8", ""],
  "i64.load16_s": ["(int64_t)(int16_t)bx_ld16", ""],
  "i64.load16_u": ["(int64_t)bx_ld16", ""],
  "i64.load32_s": ["(int64_t)(int32_t)(uint32_t)bx_ld32", ""],
  "i64.load32_u": ["(int64_t)(uint32_t)bx_ld32", ""],
};

const STORE_C: Record<string, string> = {
  "i32.store": "bx_st32(%a, (uint32_t)%v)",
  "i64.store": "bx_st64(%a, (uint64_t)%v)",
  "f32.store": "bx_stf32(%a, %v)",
  "f64.store": "bx_stf64(%a, %v)",
  "i32.store8": "bx_st8(%a, (uint8_t)%v)",
  "i32.store16": "bx_st16(%a, (uint16_t)%v)",
  "i64.store8": "bx_st8(%a, (uint8_t)%v)",
  "i64.store16": "bx_st16(%a, (uint16_t)%v)",
  "i64.store32": "bx_st32(%a, (uint32_t)%v)",
};

/** Does evaluating `e` do anything observable (write, call, panic, grow)? */
function hasEffects(e: Expr): boolean {
  switch (e.kind) {
    case "const":
    case "local.get":
    case "global.get":
    case "data.addr":
    case "memory.size":
      return false;
    case "unary":
      return hasEffects(e.value);
    case "load":
      return hasEffects(e.addr);
    case "binary":
      if (/\.(div|rem)_[su]$/.test(e.op)) return true;
      return hasEffects(e.left) || hasEffects(e.right);
    case "select":
      return hasEffects(e.cond) || hasEffects(e.then) || hasEffects(e.else);
    default:
      return true;
  }
}

/**
 * An address `versionLoops` gives an access of a loop's unchecked copy: `base + (wrap(index)
 * << shift)` with `base` a local. Inside that copy the index is proven within the array, so
 * the sum never wraps in 32 bits and the C computes it in 64: an address the C compiler can
 * follow as an induction variable (and vectorize), which the 32-bit wrap would hide.
 */
function uncheckedAddr(a: Expr): { base: number; index: Expr; shift: number } | null {
  if (a.kind !== "binary" || a.op !== "i32.add" || a.left.kind !== "local.get") return null;
  let r = a.right;
  let shift = 0;
  if (r.kind === "binary" && r.op === "i32.shl" && r.right.kind === "const") {
    shift = Number(r.right.value);
    r = r.left;
  }
  if (r.kind !== "unary" || r.op !== "i32.wrap_i64" || hasEffects(r.value)) return null;
  return { base: a.left.index, index: r.value, shift };
}

/** The `if` `versionLoops` makes: the unchecked copy of a loop, else the loop itself. */
function isVersioned(s: Stmt): boolean {
  if (s.kind !== "if" || s.then.length !== 1 || s.else.length !== 1) return false;
  const [fast, slow] = [s.then[0]!, s.else[0]!];
  return fast.kind === "loop" && slow.kind === "loop" && fast.label === slow.label;
}

function fname(i: number): string {
  return `bf${i}`;
}

interface Ctl {
  readonly label: number | null;
  readonly brk: string | null;
  readonly cont: string | null;
}

class FunctionC {
  private readonly out: string[] = [];
  private indent = "  ";
  private readonly temps: string[] = [];
  private labels = 0;
  private readonly ctl: Ctl[] = [];
  /** Local index → the temporary holding its array length, inside loops that hoisted it. */
  private readonly lengths = new Map<number, string>();
  /** Depth of unchecked loop copies (`isVersioned`) around the code being emitted. */
  private unchecked = 0;
  private readonly localTypes: ValType[];
  private readonly typeCtx: TypeContext;
  /**
   * The source location the JIT would attribute to the next call of this function (its code
   * map: the last statement or call location before it in code order). Program functions store
   * it into `bx_loc` before each call and checked operation, so a panic without a location of
   * its own (out of memory, stack overflow, a trap) names the same place as under the JIT.
   */
  private pending: LocId | undefined;

  constructor(
    private readonly g: GlobalC,
    private readonly f: Func,
    private readonly marks: boolean,
  ) {
    this.localTypes = [...f.type.params, ...f.locals];
    this.typeCtx = { artifact: g.a, localTypes: this.localTypes };
  }

  emit(signature: string): string {
    for (const s of this.f.body) this.stmt(s);
    if (this.f.type.result !== null) this.line(`bx_unreachable(${this.loc(this.f.loc)});`);
    const head: string[] = [`${signature} {`];
    this.f.locals.forEach((t, i) => {
      head.push(`  ${CT[t]} l${this.f.type.params.length + i} = 0;`);
    });
    for (const t of this.temps) head.push(`  ${t};`);
    return [...head, ...this.out, "}"].join("\n");
  }

  /** Before a call or checked operation: the location it is attributed to, into `bx_loc`. */
  private markCall(loc: LocId | undefined): void {
    if (!this.marks) return;
    if (loc !== undefined) this.pending = loc;
    if (this.pending !== undefined) this.line(`bx_loc = ${this.pending};`);
  }

  /**
   * Before a checked operation that passes its own location to the panic: no store needed,
   * only the code-order bookkeeping (the JIT marks the panic call with it).
   */
  private markChecked(loc: LocId | undefined): void {
    if (loc === undefined) this.markCall(undefined);
    else if (this.marks) this.pending = loc;
  }

  private line(s: string): void {
    this.out.push(this.indent + s);
  }

  private loc(l: LocId | undefined): string {
    return String(l ?? -1);
  }

  private temp(type: ValType | "ptr" | "u32"): string {
    const name = `t${this.temps.length}`;
    this.temps.push(
      type === "ptr" ? `void *${name}` : type === "u32" ? `uint32_t ${name}` : `${CT[type]} ${name}`,
    );
    return name;
  }

  private spill(e: Expr, c: string): string {
    const t = this.temp(exprType(this.typeCtx, e) ?? "i32");
    this.line(`${t} = ${c};`);
    return t;
  }

  /**
   * Operands in IR order. An operand is spilled into a temporary when a later one has effects
   * (it must be read first), or when it has effects itself and a later one reads anything
   * (the later read must see them): C would be free to evaluate either order.
   */
  private operands(es: readonly Expr[], spillEffectful = false): string[] {
    const effectAfter: boolean[] = new Array(es.length).fill(false);
    const readAfter: boolean[] = new Array(es.length).fill(false);
    for (let i = es.length - 2; i >= 0; i--) {
      effectAfter[i] = effectAfter[i + 1]! || hasEffects(es[i + 1]!);
      readAfter[i] = readAfter[i + 1]! || es[i + 1]!.kind !== "const";
    }
    return es.map((e, i) => {
      const c = this.expr(e);
      if (e.kind === "const") return c;
      const effects = hasEffects(e);
      if (effectAfter[i] || (effects && (readAfter[i] || spillEffectful))) return this.spill(e, c);
      return c;
    });
  }

  private find(label: number, kind: "brk" | "cont"): string {
    for (let i = this.ctl.length - 1; i >= 0; i--) {
      const c = this.ctl[i]!;
      if (c.label === label && c[kind] !== null) return c[kind]!;
    }
    throw new Error(`${this.f.name}: ${kind} to label ${label} outside of it`);
  }

  private body(ss: readonly Stmt[]): void {
    const saved = this.indent;
    this.indent += "  ";
    for (const s of ss) this.stmt(s);
    this.indent = saved;
  }

  private stmt(s: Stmt): void {
    if (this.marks && s.loc !== undefined) this.pending = s.loc;
    switch (s.kind) {
      case "expr": {
        const c = this.expr(s.expr);
        if (c !== "") this.line(`(void)${c};`);
        return;
      }
      case "local.set":
        this.line(`l${s.index} = ${this.expr(s.value)};`);
        return;
      case "global.set":
        this.line(`g${s.index} = ${this.expr(s.value)};`);
        return;
      case "store": {
        const u = this.unchecked > 0 && !hasEffects(s.value) ? uncheckedAddr(s.addr) : null;
        if (u) {
          const at = `${this.wideAddr(u)} + ${s.offset}u`;
          this.line(STORE_C[s.op]!.replace("%a", at).replace("%v", this.expr(s.value)) + ";");
          return;
        }
        const [a, v] = this.operands([s.addr, s.value]);
        this.line(STORE_C[s.op]!.replace("%a", `${this.addr(a!)} + ${s.offset}u`).replace("%v", v!) + ";");
        return;
      }
      case "block": {
        const n = this.labels++;
        this.ctl.push({ label: s.label, brk: `B${n}`, cont: null });
        this.line("{");
        this.body(s.body);
        this.line("}");
        this.ctl.pop();
        this.line(`B${n}:;`);
        return;
      }
      case "loop": {
        const n = this.labels++;
        // Lengths of arrays the loop indexes through a local it does not assign: read once.
        const hoisted = invariantBases(s.body).filter((b) => !this.lengths.has(b));
        for (const b of hoisted) {
          const t = this.temp("u32");
          this.lengths.set(b, t);
          this.line(`${t} = bx_len(l${b});`);
        }
        this.ctl.push({ label: s.label, brk: `B${n}`, cont: `C${n}` });
        this.line(`C${n}: {`);
        this.body(s.body);
        this.line(`  goto C${n};`);
        this.line("}");
        this.ctl.pop();
        this.line(`B${n}:;`);
        for (const b of hoisted) this.lengths.delete(b);
        return;
      }
      case "if": {
        const c = this.expr(s.cond);
        this.line(`if (${c}) {`);
        this.ctl.push({ label: null, brk: null, cont: null });
        const fast = isVersioned(s);
        if (fast) this.unchecked++;
        this.body(s.then);
        if (fast) this.unchecked--;
        if (s.else.length > 0) {
          this.line("} else {");
          this.body(s.else);
        }
        this.ctl.pop();
        this.line("}");
        return;
      }
      case "break":
        this.line(`goto ${this.find(s.label, "brk")};`);
        return;
      case "continue":
        this.line(`goto ${this.find(s.label, "cont")};`);
        return;
      case "return":
        if (s.value !== undefined) this.line(`return ${this.expr(s.value)};`);
        else this.line("return;");
        return;
      case "unreachable":
        this.markCall(s.loc);
        this.line(`bx_unreachable(${this.loc(s.loc)});`);
        return;
      case "memory.copy": {
        const [d, sr, n] = this.operands([s.dst, s.src, s.len]);
        this.line(`memmove(bx_mem + (uint32_t)${d}, bx_mem + (uint32_t)${sr}, (uint32_t)${n});`);
        return;
      }
      case "memory.fill": {
        const [d, v, n] = this.operands([s.dst, s.value, s.len]);
        this.line(`memset(bx_mem + (uint32_t)${d}, (uint8_t)${v}, (uint32_t)${n});`);
        return;
      }
      default:
        assertNever(s);
    }
  }

  private addr(a: string): string {
    return `(uint64_t)(uint32_t)${a}`;
  }

  /** The 64-bit heap offset of an unchecked access (see `uncheckedAddr`). */
  private wideAddr(u: { base: number; index: Expr; shift: number }): string {
    return `(uint64_t)(uint32_t)l${u.base} + ((uint64_t)${this.expr(u.index)} << ${u.shift})`;
  }

  private call(fn: string, args: readonly Expr[], result: ValType | null, loc: LocId | undefined): string {
    // With marks, nested calls run in their own statements (each after its own mark).
    const cs = this.operands(args, this.marks);
    this.markCall(loc);
    const c = `${fn}(${cs.join(", ")})`;
    if (result === null) {
      this.line(`${c};`);
      return "";
    }
    return c;
  }

  private expr(e: Expr): string {
    switch (e.kind) {
      case "const":
        return constC(e.type, e.value);
      case "local.get":
        return `l${e.index}`;
      case "local.tee": {
        const v = this.expr(e.value);
        this.line(`l${e.index} = ${v};`);
        return `l${e.index}`;
      }
      case "global.get":
        return `g${e.index}`;
      case "unary":
        return unaryC(e.op, this.expr(e.value));
      case "binary": {
        const m = /^(i32|i64)\.(div|rem)_([su])$/.exec(e.op);
        if (m) {
          const r = e.right;
          if (r.kind === "const") {
            const v = BigInt(r.value);
            if (v !== 0n && (v !== -1n || m[3] === "u")) {
              const [a, b] = this.operands([e.left, e.right]);
              return binaryC(e.op, a!, b!);
            }
          }
          const [a, b] = this.operands([e.left, e.right], this.marks);
          this.markChecked(e.loc);
          const w = m[1] === "i32" ? 32 : 64;
          return `bx_${m[2]}_${m[3]}${w}(${a}, ${b}, ${this.loc(e.loc)})`;
        }
        if (e.op === "f64.rem") {
          const [a, b] = this.operands([e.left, e.right]);
          return `fmod(${a}, ${b})`;
        }
        if (e.op === "f32.rem") {
          const [a, b] = this.operands([e.left, e.right]);
          return `((float)fmod((double)${a}, (double)${b}))`;
        }
        const [a, b] = this.operands([e.left, e.right]);
        return binaryC(e.op, a!, b!);
      }
      case "load": {
        const [fn] = LOAD_C[e.op]!;
        const u = this.unchecked > 0 ? uncheckedAddr(e.addr) : null;
        if (u) return `(${fn}(${this.wideAddr(u)} + ${e.offset}u))`;
        const a = this.expr(e.addr);
        return `(${fn}(${this.addr(a)} + ${e.offset}u))`;
      }
      case "call":
        return this.call(fname(e.func), e.args, this.g.a.functions[e.func]!.type.result, e.loc);
      case "call.indirect": {
        const cs = this.operands([...e.args, e.target], true);
        const target = cs.pop()!;
        const sig = this.g.sigId(e.type);
        const p = this.temp("ptr");
        this.markCall(e.loc);
        this.line(`${p} = bx_table_get(${target}, ${sig}, ${this.loc(e.loc)});`);
        const c = `((${fnPtrType(e.type)})${p})(${cs.join(", ")})`;
        if (e.type.result === null) {
          this.line(`${c};`);
          return "";
        }
        return c;
      }
      case "call.runtime": {
        const idx = this.g.linked.runtimeIndex.get(e.name);
        if (idx === undefined) throw new Error(`${this.f.name}: unknown runtime function ${e.name}`);
        return this.call(fname(idx), e.args, this.g.a.functions[idx]!.type.result, e.loc);
      }
      case "call.extern": {
        const x = this.g.a.externs[e.ext]!;
        const fn = x.contract === HOST_CONTRACT ? `beskid_host_${x.name}` : `bx_ext${e.ext}`;
        return this.call(fn, e.args, x.type.result, e.loc);
      }
      case "select": {
        const [t, el, c] = this.operands([e.then, e.else, e.cond], true);
        return `((${c}) ? ${t} : ${el})`;
      }
      case "cond": {
        const r = this.temp(e.type);
        const c = this.expr(e.cond);
        this.line(`if (${c}) {`);
        const saved = this.indent;
        this.indent += "  ";
        this.ctl.push({ label: null, brk: null, cont: null });
        this.line(`${r} = ${this.expr(e.then)};`);
        this.indent = saved;
        this.line("} else {");
        this.indent += "  ";
        this.line(`${r} = ${this.expr(e.else)};`);
        this.ctl.pop();
        this.indent = saved;
        this.line("}");
        return r;
      }
      case "seq":
        for (const s of e.body) this.stmt(s);
        return this.expr(e.value);
      case "data.addr":
        return `((int32_t)${this.g.linked.dataAddresses[e.segment]!})`;
      case "elem.addr": {
        const [b, i] = this.operands([e.base, e.index], this.marks);
        this.markChecked(e.loc);
        const n = e.base.kind === "local.get" ? this.lengths.get(e.base.index) : undefined;
        if (n !== undefined)
          return `bx_elem_n(${b}, ${i}, ${Math.log2(e.elemSize)}, ${n}, ${this.loc(e.loc)})`;
        return `bx_elem(${b}, ${i}, ${Math.log2(e.elemSize)}, ${this.loc(e.loc)})`;
      }
      case "memory.size":
        return "((int32_t)bx_pages)";
      case "memory.grow": {
        const p = this.expr(e.pages);
        return this.spill(e, `bx_grow(${p})`);
      }
      default:
        return assertNever(e);
    }
  }
}

class GlobalC {
  readonly sigs = new Map<string, number>();
  constructor(
    readonly a: CodegenArtifact,
    readonly linked: LinkedProgram,
  ) {}
  sigId(t: FuncType): number {
    const k = sigKey(t);
    let id = this.sigs.get(k);
    if (id === undefined) {
      id = this.sigs.size;
      this.sigs.set(k, id);
    }
    return id;
  }
}

function signature(name: string, t: FuncType, named: boolean): string {
  const params = t.params.length
    ? t.params.map((p, i) => (named ? `${CT[p]} l${i}` : CT[p])).join(", ")
    : "void";
  return `${t.result ? CT[t.result] : "void"} ${name}(${params})`;
}

/**
 * The locals whose array length a loop can read once, before it starts: bases of its
 * `elem.addr`s that are a plain local the loop never assigns (`local.set`/`local.tee`) and
 * never stores a header word through (offsets below the data). The length word of an array
 * or string is written once, when the runtime allocates it, before any reference to it is
 * used (docs/runtime.md), so it cannot change while the loop runs; and with the local fixed,
 * the object is fixed.
 */
function invariantBases(body: readonly Stmt[]): number[] {
  const bases = new Set<number>();
  const excluded = new Set<number>();
  walkBody(
    body,
    (e) => {
      if (e.kind === "elem.addr" && e.base.kind === "local.get") bases.add(e.base.index);
      else if (e.kind === "local.tee") excluded.add(e.index);
    },
    (st) => {
      if (st.kind === "local.set") excluded.add(st.index);
      else if (st.kind === "store" && st.addr.kind === "local.get" && st.offset < ARRAY_DATA_OFFSET)
        excluded.add(st.addr.index);
    },
  );
  return [...bases].filter((b) => !excluded.has(b)).sort((x, y) => x - y);
}

/**
 * Functions reachable from `roots` through direct, runtime and table calls (every table slot
 * counts as reachable: an indirect call may pick any). Unreached functions are left out of
 * the C text, which keeps the C compiler's work proportional to what the program uses.
 */
function reachable(a: CodegenArtifact, linked: LinkedProgram, roots: readonly number[]): Set<number> {
  const seen = new Set<number>();
  const todo = [...roots, ...a.table];
  const onE = (e: Expr): void => {
    if (e.kind === "call") todo.push(e.func);
    else if (e.kind === "call.runtime") {
      const i = linked.runtimeIndex.get(e.name);
      if (i !== undefined) todo.push(i);
    }
  };
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    walkBody(a.functions[f]!.body, onE);
  }
  return seen;
}

/** The C translation unit for `program` (runtime linked in). Deterministic. */
export function emitC(program: CodegenArtifact, options: EmitCOptions): EmittedC {
  const linked = withFrees(linkRuntime(program));
  const a = linked.artifact;
  const g = new GlobalC(a, linked);
  const maxPages = Math.min(options.maxPages ?? MAX_PAGES, MAX_PAGES);
  const initialPages = Math.min(Math.max(1, Math.ceil(linked.heapBase / PAGE_SIZE)), maxPages);
  const parts: string[] = [];
  parts.push("/* Generated by beskid-ci (AOT backend). Do not edit. */", HOST_C_PRELUDE);
  parts.push(`#define BX_INITIAL_PAGES ${initialPages}u`);
  parts.push(`#define BX_MAX_PAGES ${maxPages}u`);
  parts.push(`#define BX_PANIC_CODE ${fname(linked.runtimeIndex.get("panic_code")!)}`);
  parts.push(`#define BX_PANIC_INDEX ${fname(linked.runtimeIndex.get("panic_index")!)}`);
  parts.push(`#define BX_DIV_ZERO ${PANIC["division by zero"]}`);
  parts.push(`#define BX_REM_ZERO ${PANIC["remainder by zero"]}`);
  parts.push(`#define BX_DIV_OVERFLOW ${PANIC["integer overflow in division"]}`);
  // Source locations for panics.
  parts.push(
    `static const char *const bx_files[] = {${a.files.map(cString).join(", ") || "0"}};`,
    `static const int32_t bx_nlocs = ${a.locations.length};`,
    `static const int32_t bx_locs[] = {${a.locations.map((l) => `${l.file},${l.line},${l.column}`).join(",") || "0"}};`,
  );
  // Forward declarations used by the host helpers.
  const panicCode = a.functions[linked.runtimeIndex.get("panic_code")!]!;
  const panicIndex = a.functions[linked.runtimeIndex.get("panic_index")!]!;
  parts.push(`static ${signature(fname(linked.runtimeIndex.get("panic_code")!), panicCode.type, false)};`);
  parts.push(`static ${signature(fname(linked.runtimeIndex.get("panic_index")!), panicIndex.type, false)};`);
  parts.push(HOST_C);
  // Program externs (not host ones), bound by symbol name so libc's headers never clash.
  const libraries = new Set<string>();
  a.externs.forEach((x, i) => {
    if (x.contract === HOST_CONTRACT) return;
    const flag = libraryFlag(x.library);
    if (flag !== null) libraries.add(flag);
    parts.push(`extern ${signature(`bx_ext${i}`, x.type, false)} __asm__(${cString(x.name)});`);
  });
  // Globals.
  a.globals.forEach((gl, i) => parts.push(`static ${CT[gl.type]} g${i} = ${constC(gl.type, gl.init)};`));
  // Prototypes of the reachable functions (the panic helpers' targets are always kept).
  const roots = [linked.runtimeIndex.get("panic_code")!, linked.runtimeIndex.get("panic_index")!];
  if (options.mainFunc !== undefined && options.mainFunc !== null) roots.push(options.mainFunc);
  for (const ex of options.exports ?? []) roots.push(ex.func);
  const live = reachable(a, linked, roots);
  a.functions.forEach((f, i) => {
    if (live.has(i)) parts.push(`static ${signature(fname(i), f.type, false)};`);
  });
  // Data image (from DATA_BASE to the heap base).
  const image = new Uint8Array(linked.heapBase - DATA_BASE);
  a.data.forEach((d, i) => image.set(d.bytes, linked.dataAddresses[i]! - DATA_BASE));
  const rows: string[] = [];
  for (let i = 0; i < image.length; i += 32) rows.push(Array.from(image.subarray(i, i + 32)).join(","));
  parts.push(
    `static const uint8_t bx_data[${Math.max(1, image.length)}] = {\n${rows.join(",\n") || "0"}\n};`,
  );
  // Bodies.
  const bodies: string[] = [];
  a.functions.forEach((f, i) => {
    if (live.has(i))
      bodies.push(
        new FunctionC(g, versionLoops(f), i < linked.programFunctions).emit(
          `static ${signature(fname(i), f.type, true)}`,
        ),
      );
  });
  // Function table (signature ids are known only after the bodies).
  const tableRows = a.table.map((fi) => `{(void *)${fname(fi)}, ${g.sigId(a.functions[fi]!.type)}}`);
  parts.push(
    `static const struct bx_slot bx_table[${Math.max(1, a.table.length)}] = {${tableRows.join(", ") || "{0, -1}"}};`,
    `static const uint32_t bx_table_len = ${a.table.length}u;`,
  );
  parts.push(`static void *bx_table_get(int32_t i, int32_t sig, int32_t loc) {
  if ((uint32_t)i >= bx_table_len || bx_table[(uint32_t)i].sig != sig) bx_panic_text("indirect call to a function of another type", loc);
  return bx_table[(uint32_t)i].fn;
}`);
  parts.push(`static void bx_init(void) {
  if (bx_mem) return;
  bx_pages = BX_INITIAL_PAGES;
  bx_mem = bx_heap_alloc(bx_pages);
  if (!bx_mem) { fputs("panic: out of memory\\n", stderr); exit(101); }
  memcpy(bx_mem + ${DATA_BASE}, bx_data, ${image.length});
  bx_host_init();
}`);
  parts.push(...bodies);
  const prototypes: string[] = [];
  const prefix = cSymbol(options.prefix);
  if (options.exports) {
    prototypes.push(`void ${prefix}_beskid_init(void);`, `uint8_t *${prefix}_beskid_heap(void);`);
    parts.push(`void ${prefix}_beskid_init(void) { bx_init(); }`);
    parts.push(`uint8_t *${prefix}_beskid_heap(void) { bx_init(); return bx_mem; }`);
    const taken = new Set<string>();
    for (const ex of options.exports) {
      const sym = cSymbol(ex.name);
      if (taken.has(sym)) continue;
      taken.add(sym);
      const t = a.functions[ex.func]!.type;
      const args = t.params.map((_, i) => `l${i}`).join(", ");
      prototypes.push(`${signature(sym, t, false)};`);
      parts.push(
        `${signature(sym, t, true)} { bx_init(); ${t.result ? "return " : ""}${fname(ex.func)}(${args}); }`,
      );
    }
  }
  if (options.mainFunc !== undefined && options.mainFunc !== null) {
    const t = a.functions[options.mainFunc]!.type;
    const call = `${fname(options.mainFunc)}()`;
    const code = t.result === null ? `${call}; code = 0;` : `code = (int)(uint8_t)(uint64_t)${call};`;
    parts.push(`int main(int argc, char **argv) {
  int code;
  (void)argc; (void)argv;
  bx_init();
  bx_install_guards();
  ${code}
  bx_flush();
  return code;
}`);
  }
  return { source: parts.join("\n\n") + "\n", libraries: [...libraries].sort(), prototypes };
}
