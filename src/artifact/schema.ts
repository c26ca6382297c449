/**
 * The CodegenArtifact: the backend-neutral, low-level IR that lowering produces once and both
 * backends (the WebAssembly JIT and the C AOT backend) consume unchanged.
 *
 * Shape: typed values (`i32`, `i64`, `f32`, `f64`; heap references are `i32` offsets into
 * one linear heap), functions with typed params/locals and *structured* control flow
 * (block / loop / if / break / continue / return over numeric labels), expressions as trees,
 * explicit calls into the runtime by name (the catalog is `runtime-abi.ts`), a function
 * table for indirect calls, constant data, globals, heap layouts (size + reference slots, for
 * a future precise collector), the test table, exports, the entry point and a source map.
 *
 * What this module deliberately does not do: it holds no runtime code (the runtime is linked
 * in by the backends, `src/runtime/`), depends on no AST or type, and makes no backend choice.
 * Every op name says its type and signedness, so a backend never has to infer semantics.
 * The exact meaning of every node is in docs/artifact.md; changing a meaning, an op list
 * order or the encoding bumps `ARTIFACT_SCHEMA_VERSION`.
 */

/** Bumped on any change to the node set, op tables, meanings or binary encoding. */
export const ARTIFACT_SCHEMA_VERSION = 1;

export type ValType = "i32" | "i64" | "f32" | "f64";
export const VAL_TYPES: readonly ValType[] = ["i32", "i64", "f32", "f64"];

/** A function signature; `result: null` means no value (Beskid `unit`/`never`). */
export interface FuncType {
  readonly params: readonly ValType[];
  readonly result: ValType | null;
}

// ---------------------------------------------------------------------------------------
// Op tables. The order of each table is part of the binary encoding (ops are encoded by
// index), so entries are only ever appended, together with a schema version bump.

/** Unary ops and conversions; names follow WebAssembly (type.op_operandtype_signedness). */
export const UNARY_OPS = [
  "i32.eqz",
  "i32.clz",
  "i32.ctz",
  "i32.popcnt",
  "i32.extend8_s",
  "i32.extend16_s",
  "i64.eqz", // result i32
  "i64.clz",
  "i64.ctz",
  "i64.popcnt",
  "i64.extend8_s",
  "i64.extend16_s",
  "i64.extend32_s",
  "f32.neg",
  "f32.abs",
  "f32.sqrt",
  "f32.ceil",
  "f32.floor",
  "f32.trunc",
  "f32.nearest",
  "f64.neg",
  "f64.abs",
  "f64.sqrt",
  "f64.ceil",
  "f64.floor",
  "f64.trunc",
  "f64.nearest",
  "i32.wrap_i64",
  "i64.extend_i32_s",
  "i64.extend_i32_u",
  // Float → int conversions saturate (NaN → 0, out of range → MIN/MAX), as LANGUAGE.md §5.5.
  "i32.trunc_sat_f32_s",
  "i32.trunc_sat_f32_u",
  "i32.trunc_sat_f64_s",
  "i32.trunc_sat_f64_u",
  "i64.trunc_sat_f32_s",
  "i64.trunc_sat_f32_u",
  "i64.trunc_sat_f64_s",
  "i64.trunc_sat_f64_u",
  "f32.convert_i32_s",
  "f32.convert_i32_u",
  "f32.convert_i64_s",
  "f32.convert_i64_u",
  "f64.convert_i32_s",
  "f64.convert_i32_u",
  "f64.convert_i64_s",
  "f64.convert_i64_u",
  "f32.demote_f64",
  "f64.promote_f32",
  "i32.reinterpret_f32",
  "i64.reinterpret_f64",
  "f32.reinterpret_i32",
  "f64.reinterpret_i64",
] as const;
export type UnaryOp = (typeof UNARY_OPS)[number];

/**
 * Binary ops. Integer add/sub/mul/shl wrap (two's complement); shift counts are taken modulo
 * the bit width. `div_s`, `div_u`, `rem_s`, `rem_u` are *checked*: a zero divisor panics
 * (`division by zero` / `remainder by zero`), `div_s` of MIN by -1 panics (`integer overflow
 * in division`), `rem_s` of MIN by -1 is 0; the panic is reported at the node's `loc`.
 * `f32.rem`/`f64.rem` are the truncated remainder (C `fmod`). Comparisons yield i32 0/1;
 * float comparisons with NaN are false except `ne`.
 */
export const BINARY_OPS = [
  "i32.add",
  "i32.sub",
  "i32.mul",
  "i32.div_s",
  "i32.div_u",
  "i32.rem_s",
  "i32.rem_u",
  "i32.and",
  "i32.or",
  "i32.xor",
  "i32.shl",
  "i32.shr_s",
  "i32.shr_u",
  "i32.rotl",
  "i32.rotr",
  "i32.eq",
  "i32.ne",
  "i32.lt_s",
  "i32.lt_u",
  "i32.gt_s",
  "i32.gt_u",
  "i32.le_s",
  "i32.le_u",
  "i32.ge_s",
  "i32.ge_u",
  "i64.add",
  "i64.sub",
  "i64.mul",
  "i64.div_s",
  "i64.div_u",
  "i64.rem_s",
  "i64.rem_u",
  "i64.and",
  "i64.or",
  "i64.xor",
  "i64.shl",
  "i64.shr_s",
  "i64.shr_u",
  "i64.rotl",
  "i64.rotr",
  "i64.eq",
  "i64.ne",
  "i64.lt_s",
  "i64.lt_u",
  "i64.gt_s",
  "i64.gt_u",
  "i64.le_s",
  "i64.le_u",
  "i64.ge_s",
  "i64.ge_u",
  "f32.add",
  "f32.sub",
  "f32.mul",
  "f32.div",
  "f32.rem",
  "f32.eq",
  "f32.ne",
  "f32.lt",
  "f32.gt",
  "f32.le",
  "f32.ge",
  "f64.add",
  "f64.sub",
  "f64.mul",
  "f64.div",
  "f64.rem",
  "f64.eq",
  "f64.ne",
  "f64.lt",
  "f64.gt",
  "f64.le",
  "f64.ge",
] as const;
export type BinaryOp = (typeof BINARY_OPS)[number];

/** Loads from the heap: the narrow ones sign- (`_s`) or zero- (`_u`) extend. Little-endian. */
export const LOAD_OPS = [
  "i32.load",
  "i64.load",
  "f32.load",
  "f64.load",
  "i32.load8_s",
  "i32.load8_u",
  "i32.load16_s",
  "i32.load16_u",
  "i64.load8_s",
  "i64.load8_u",
  "i64.load16_s",
  "i64.load16_u",
  "i64.load32_s",
  "i64.load32_u",
] as const;
export type LoadOp = (typeof LOAD_OPS)[number];

/** Stores to the heap: the narrow ones keep the low bits. Little-endian. */
export const STORE_OPS = [
  "i32.store",
  "i64.store",
  "f32.store",
  "f64.store",
  "i32.store8",
  "i32.store16",
  "i64.store8",
  "i64.store16",
  "i64.store32",
] as const;
export type StoreOp = (typeof STORE_OPS)[number];

// ---------------------------------------------------------------------------------------
// Source locations.

/** Index into `CodegenArtifact.locations`; passed at run time as an `i32` (-1 = unknown). */
export type LocId = number;

export interface SourceLocation {
  /** Index into `CodegenArtifact.files`. */
  readonly file: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based; 0 when unknown. */
  readonly column: number;
}

// ---------------------------------------------------------------------------------------
// Expressions (produce exactly one value; the type is derivable, see `types.ts`).

export type Expr =
  /** i32: JS integer in [-2^31, 2^32) (stored modulo 2^32); i64: bigint (modulo 2^64); f32/f64: number. */
  | { readonly kind: "const"; readonly type: ValType; readonly value: number | bigint }
  | { readonly kind: "local.get"; readonly index: number }
  /** Sets the local and yields the value. */
  | { readonly kind: "local.tee"; readonly index: number; readonly value: Expr }
  | { readonly kind: "global.get"; readonly index: number }
  | { readonly kind: "unary"; readonly op: UnaryOp; readonly value: Expr }
  | {
      readonly kind: "binary";
      readonly op: BinaryOp;
      readonly left: Expr;
      readonly right: Expr;
      readonly loc?: LocId;
    }
  /** Reads at address `addr + offset` (addr: i32, offset: a constant >= 0). */
  | { readonly kind: "load"; readonly op: LoadOp; readonly addr: Expr; readonly offset: number }
  /** Direct call of `functions[func]`; a function with `result: null` may only be called from an `expr` statement. */
  | { readonly kind: "call"; readonly func: number; readonly args: readonly Expr[]; readonly loc?: LocId }
  /** Calls `table[target]` (target: i32) which must have exactly `type`, else a panic. */
  | {
      readonly kind: "call.indirect";
      readonly type: FuncType;
      readonly target: Expr;
      readonly args: readonly Expr[];
      readonly loc?: LocId;
    }
  /** Calls runtime function `name` from `RUNTIME_FUNCTIONS` (runtime-abi.ts). */
  | {
      readonly kind: "call.runtime";
      readonly name: string;
      readonly args: readonly Expr[];
      readonly loc?: LocId;
    }
  /** Calls `externs[ext]` (an extern-contract C function, LANGUAGE.md §5.16). */
  | {
      readonly kind: "call.extern";
      readonly ext: number;
      readonly args: readonly Expr[];
      readonly loc?: LocId;
    }
  /** Evaluates `then`, `else`, then `cond` (WebAssembly's order), and yields `then` if cond (i32) != 0 else `else`. */
  | { readonly kind: "select"; readonly cond: Expr; readonly then: Expr; readonly else: Expr }
  /** Evaluates cond (i32), then only the chosen arm. */
  | {
      readonly kind: "cond";
      readonly type: ValType;
      readonly cond: Expr;
      readonly then: Expr;
      readonly else: Expr;
    }
  /** Runs the statements (which may break/continue/return out), then yields `value`. */
  | { readonly kind: "seq"; readonly body: readonly Stmt[]; readonly value: Expr }
  /** The i32 heap address of `data[segment]` (addresses come from `layoutData`). */
  | { readonly kind: "data.addr"; readonly segment: number }
  /**
   * Checked element address of an array or string object `base` (i32): with `len` the i32 at
   * `base + 4`, panics `index out of bounds: the length is N but the index is I` at `loc`
   * unless 0 <= index < len (index: i64, compared as signed); else yields
   * `base + 8 + index * elemSize` (i32).
   */
  | {
      readonly kind: "elem.addr";
      readonly base: Expr;
      readonly index: Expr;
      readonly elemSize: 1 | 2 | 4 | 8;
      readonly loc?: LocId;
    }
  /** Current heap size in 64 KiB pages (i32). */
  | { readonly kind: "memory.size" }
  /** Grows the heap by `pages` (i32); yields the previous size in pages, or -1 if it cannot. */
  | { readonly kind: "memory.grow"; readonly pages: Expr };

// ---------------------------------------------------------------------------------------
// Statements. `loc` is the statement's source location (the source map at statement grain).

export type Stmt =
  /** Evaluates the expression and discards its value (if any). */
  | { readonly kind: "expr"; readonly expr: Expr; readonly loc?: LocId }
  | { readonly kind: "local.set"; readonly index: number; readonly value: Expr; readonly loc?: LocId }
  | { readonly kind: "global.set"; readonly index: number; readonly value: Expr; readonly loc?: LocId }
  /** Evaluates addr then value, then writes at `addr + offset`. */
  | {
      readonly kind: "store";
      readonly op: StoreOp;
      readonly addr: Expr;
      readonly offset: number;
      readonly value: Expr;
      readonly loc?: LocId;
    }
  /** A labelled block: `break label` jumps past its end. */
  | { readonly kind: "block"; readonly label: number; readonly body: readonly Stmt[]; readonly loc?: LocId }
  /** Runs `body` forever: `continue label` restarts it, `break label` leaves it. */
  | { readonly kind: "loop"; readonly label: number; readonly body: readonly Stmt[]; readonly loc?: LocId }
  | {
      readonly kind: "if";
      readonly cond: Expr;
      readonly then: readonly Stmt[];
      readonly else: readonly Stmt[];
      readonly loc?: LocId;
    }
  /** Leaves the enclosing block or loop carrying `label`. */
  | { readonly kind: "break"; readonly label: number; readonly loc?: LocId }
  /** Restarts the enclosing loop carrying `label`. */
  | { readonly kind: "continue"; readonly label: number; readonly loc?: LocId }
  | { readonly kind: "return"; readonly value?: Expr; readonly loc?: LocId }
  /** Must never be reached (after a never-returning call); reaching it panics `unreachable code reached`. */
  | { readonly kind: "unreachable"; readonly loc?: LocId }
  /** Copies `len` bytes (i32 each), correct for overlapping ranges. */
  | {
      readonly kind: "memory.copy";
      readonly dst: Expr;
      readonly src: Expr;
      readonly len: Expr;
      readonly loc?: LocId;
    }
  /** Sets `len` bytes at `dst` to the low 8 bits of `value`. */
  | {
      readonly kind: "memory.fill";
      readonly dst: Expr;
      readonly value: Expr;
      readonly len: Expr;
      readonly loc?: LocId;
    };

export type ExprKind = Expr["kind"];
export type StmtKind = Stmt["kind"];

// ---------------------------------------------------------------------------------------
// Items.

export interface Func {
  /** Unique symbol name within the artifact (also used for exports and the C translation). */
  readonly name: string;
  readonly type: FuncType;
  /** Locals beyond the parameters; local indices count parameters first (like WebAssembly). All start at 0. */
  readonly locals: readonly ValType[];
  readonly body: readonly Stmt[];
  /** The declaration's location. */
  readonly loc?: LocId;
}

export interface Global {
  readonly name: string;
  readonly type: ValType;
  readonly mutable: boolean;
  /** Same representation as a `const` of this type. */
  readonly init: number | bigint;
}

/** A C function reached through an extern contract (LANGUAGE.md §5.16). */
export interface Extern {
  readonly contract: string;
  readonly name: string;
  readonly library: string;
  readonly type: FuncType;
}

/** Constant bytes placed in the heap before the program starts (addresses: `layoutData`). */
export interface DataSegment {
  /** Informative only (dumps); e.g. `str.0`. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * How one kind of heap object is laid out. Every object starts with an i32 layout id (its
 * index in `layouts`) at offset 0. Records have fields after it; arrays (and strings) have
 * their i32 length at offset 4 and elements from offset 8.
 */
export type HeapLayout =
  | {
      readonly kind: "record";
      readonly name: string;
      /** Total size in bytes, header included. */
      readonly size: number;
      /** Byte offsets of the i32 slots holding references, ascending. */
      readonly refs: readonly number[];
    }
  | {
      readonly kind: "array";
      readonly name: string;
      readonly elemSize: 1 | 2 | 4 | 8;
      /** Elements are references (then elemSize is 4). */
      readonly elemRef: boolean;
    };

export interface TestEntry {
  /** Module path segments + name joined by `::` (LANGUAGE.md §7.2). */
  readonly qualifiedName: string;
  readonly name: string;
  readonly group: string | null;
  readonly tags: readonly string[];
  /** From the `skip` section; null when there is none. */
  readonly skip: { readonly condition: boolean; readonly reason: string | null } | null;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Function with type `() -> void` that runs the body. */
  readonly func: number;
}

export interface Export {
  /** Exported symbol name (C symbol / wasm export). */
  readonly name: string;
  readonly func: number;
}

export interface EntryPoint {
  /** Source name (`main`, `Main`, or any other name the CLI's `--entrypoint` may pick). */
  readonly name: string;
  /** A function of type `() -> i32`, `() -> i64` or `() -> void`. */
  readonly func: number;
}

export interface CodegenArtifact {
  readonly schemaVersion: number;
  /** Source files, as given to the toolchain (project-relative where possible). */
  readonly files: readonly string[];
  readonly locations: readonly SourceLocation[];
  readonly functions: readonly Func[];
  readonly globals: readonly Global[];
  readonly externs: readonly Extern[];
  /** The function table for `call.indirect`: slot → function index. */
  readonly table: readonly number[];
  readonly data: readonly DataSegment[];
  /** Starts with `BUILTIN_LAYOUTS` (runtime-abi.ts), in that order. */
  readonly layouts: readonly HeapLayout[];
  readonly tests: readonly TestEntry[];
  /** `pub` functions for libraries (empty for applications). */
  readonly exports: readonly Export[];
  /** The default entry point (`main`/`Main` of the entry module), or null. */
  readonly entry: EntryPoint | null;
  /** Zero-parameter top-level functions of the entry module an `--entrypoint` option may select. */
  readonly entryPoints: readonly EntryPoint[];
}

/**
 * Deepest allowed nesting of expressions and statements inside one function body (each
 * expression, statement, block, loop and if counts one level). Every stage walks trees
 * recursively; lowering spills deeper constructs (say, a 2000-piece interpolation) into
 * locals. `verifyArtifact` reports a deeper tree; the encoder refuses one.
 */
export const MAX_NESTING = 500;

/** Where constant data starts in the heap (address 0 stays unused so it can mean "null"). */
export const DATA_BASE = 16;
/** Every data segment and every heap object starts at a multiple of this. */
export const HEAP_ALIGN = 8;
export const PAGE_SIZE = 65536;
/** The WebAssembly limit for 32-bit memories: 4 GiB. */
export const MAX_PAGES = 65536;

/**
 * The heap addresses of the data segments and the first free address after them: segments in
 * order from `DATA_BASE`, each aligned to `HEAP_ALIGN`. Both backends use this one function.
 */
export function layoutData(data: readonly DataSegment[]): { addresses: number[]; heapBase: number } {
  const addresses: number[] = [];
  let at = DATA_BASE;
  for (const seg of data) {
    addresses.push(at);
    at = alignUp(at + seg.bytes.length, HEAP_ALIGN);
  }
  return { addresses, heapBase: at };
}

export function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}
