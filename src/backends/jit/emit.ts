/**
 * Artifact → WebAssembly module bytes. Links the runtime (`runtime/link.ts`), then emits
 * one wasm function per IR function, imports for host functions and externs, the function
 * table, the memory (data segments at the addresses `layoutData` gives), globals and exports.
 * Structured IR control flow maps directly onto wasm blocks; checked IR ops (division,
 * `elem.addr`) become inline checks that call the runtime's panic functions with the node's
 * location; `f32/f64.rem` call the host's `fmod`.
 *
 * Alongside the bytes it returns `JitModuleInfo`: plain, structured-clonable data (names,
 * body offsets, per-function tables of code offset → source location) that the runner uses
 * to turn V8 stack frames into Beskid file:line:column. It does not instantiate anything.
 */

import {
  DATA_BASE,
  MAX_PAGES,
  PAGE_SIZE,
  assertNever,
  exprType,
  type TypeContext,
  type CodegenArtifact,
  type EntryPoint,
  type TestEntry,
  type Expr,
  type Func,
  type FuncType,
  type LocId,
  type Stmt,
  type ValType,
  PANIC,
  ByteWriter,
  forEachChild,
  forEachStmtChild,
  versionLoops,
  freesFor,
} from "../../artifact/index.ts";
import { HOST_CONTRACT, JIT_MAPPED_EXTERNS } from "../../runtime/host-abi.ts";
import { unavailableByRoot, type UnavailableExtern } from "./reach.ts";
import { freeTargets, linkRuntime, type LinkedProgram } from "../../runtime/link.ts";
import {
  BINARY_OPCODE,
  BLOCK_VOID,
  LOAD_OPCODE,
  OP,
  STORE_OPCODE,
  UNARY_OPCODE,
  VALTYPE,
  SIMD,
  SIMD_PREFIX,
  V128,
  type Opcode,
} from "./opcodes.ts";
import { WasmModuleBuilder } from "./wasm-module.ts";

import { eliminateTailRecursion } from "./recursion.ts";
import { planVector, type Address, type VectorPlan } from "./simd.ts";

export interface CompileOptions {
  /** Upper bound of the heap in 64 KiB pages (default: the wasm limit, 65536 = 4 GiB). */
  readonly maxPages?: number;
}

export interface JitModuleInfo {
  /** Number of imported functions (they come first in the wasm function index space). */
  readonly importCount: number;
  /** Name of every wasm function (imports first). */
  readonly functionNames: readonly string[];
  /** Defined functions with an index below this come from the program (the rest: runtime). */
  readonly programFunctions: number;
  /** Module byte offset of each defined function's body. */
  readonly bodyOffsets: readonly number[];
  /**
   * Every defined function's [bodyOffset, locId, bodyOffset, locId, …] (ascending by offset),
   * one after another: function `i`'s pairs are `locTable[locTableStarts[i] .. locTableStarts[i + 1])`.
   * Two flat arrays, not one array per function: handing thousands of small typed arrays to a
   * worker (structured clone) cost ~6 ms for 2,000 functions.
   */
  readonly locTable: Int32Array;
  readonly locTableStarts: Int32Array;
  readonly files: readonly string[];
  /** [file, line, column] per LocId, flattened. */
  readonly locations: Int32Array;
  /** Export name of artifact function `i` if it is an entry point. */
  readonly runExports: Readonly<Record<number, string>>;
  /** Program externs (not host ones): `contract.name` and library, by import index. */
  readonly externs: readonly {
    readonly importIndex: number;
    readonly contract: string;
    readonly name: string;
    readonly library: string;
  }[];
  readonly heapBase: number;
  readonly maxPages: number;
  /** What running needs from the artifact, so a cached module runs without decoding it. */
  readonly entry: EntryPoint | null;
  readonly entryPoints: readonly EntryPoint[];
  readonly tests: readonly TestEntry[];
  /** Per entry/test function: unavailable externs reachable from it (E4040), if any. */
  readonly unavailable: Readonly<Record<number, readonly UnavailableExtern[]>>;
}

export interface CompiledModule {
  readonly wasm: Uint8Array;
  readonly info: JitModuleInfo;
}

const FMOD_TYPE: FuncType = { params: ["f64", "f64"], result: "f64" };

/** Per-function location tables as `JitModuleInfo.locTable` and `locTableStarts`. */
function flatLocTables(tables: readonly (readonly number[])[]): {
  locTable: Int32Array;
  locTableStarts: Int32Array;
} {
  const locTableStarts = new Int32Array(tables.length + 1);
  tables.forEach((t, i) => (locTableStarts[i + 1] = locTableStarts[i]! + t.length));
  const locTable = new Int32Array(locTableStarts[tables.length]!);
  tables.forEach((t, i) => locTable.set(t, locTableStarts[i]!));
  return { locTable, locTableStarts };
}

/** The exported `(i32 index) -> ()` that runs `tests[index]`. */
export const TEST_DISPATCH_EXPORT = "run_test";

/** Body of the test dispatcher: a balanced binary search on the index, direct calls at the leaves. */
function dispatchBody(funcs: readonly number[], w: ByteWriter): Uint8Array {
  w.length = 0;
  w.uleb(0); // no locals
  const emit = (lo: number, hi: number): void => {
    if (hi - lo === 1) {
      w.u8(OP.call);
      w.uleb(funcs[lo]!);
      return;
    }
    const mid = (lo + hi) >>> 1;
    w.u8(OP.local_get);
    w.uleb(0);
    w.u8(OP.i32_const);
    w.sleb32(mid);
    w.u8(BINARY_OPCODE["i32.lt_u"]);
    w.u8(OP.if);
    w.u8(BLOCK_VOID);
    emit(lo, mid);
    w.u8(OP.else);
    emit(mid, hi);
    w.u8(OP.end);
  };
  if (funcs.length > 0) emit(0, funcs.length);
  w.u8(OP.end);
  return w.peek();
}

/** The exported `() -> i32` that puts an instance into its initial state (see `resetBody`). */
export const RESET_EXPORT = "reset";

/**
 * `reset()`: returns 1 (and does nothing) if the heap has grown past its initial size, the
 * caller must then use a new instance; otherwise zeroes the heap, copies the constant data
 * image back to DATA_BASE, sets every global to its initial value and returns 0. After it,
 * the instance is indistinguishable from a fresh one (the table is never written). The
 * module's start function calls it, so a new instance starts initialised.
 */
function resetBody(
  globals: CodegenArtifact["globals"],
  heapBase: number,
  initialPages: number,
  segment: number,
  w: ByteWriter,
): Uint8Array {
  w.length = 0;
  w.uleb(0);
  const c32 = (v: number): void => {
    w.u8(OP.i32_const);
    w.sleb32(v);
  };
  w.u8(OP.memory_size);
  w.u8(0);
  c32(initialPages);
  w.u8(BINARY_OPCODE["i32.ne"]);
  w.u8(OP.if);
  w.u8(BLOCK_VOID);
  c32(1);
  w.u8(OP.return);
  w.u8(OP.end);
  // memory.fill(0, 0, initialPages * 64 KiB): the whole heap, data area included.
  c32(0);
  c32(0);
  c32(initialPages * PAGE_SIZE);
  w.u8(OP.prefix_fc);
  w.uleb(OP.fc_memory_fill);
  w.u8(0);
  // memory.init(segment): the data image at DATA_BASE.
  c32(DATA_BASE);
  c32(0);
  c32(heapBase - DATA_BASE);
  w.u8(OP.prefix_fc);
  w.uleb(OP.fc_memory_init);
  w.uleb(segment);
  w.u8(0);
  globals.forEach((g, i) => {
    writeConst(w, g.type, g.init);
    w.u8(OP.global_set);
    w.uleb(i);
  });
  c32(0);
  w.u8(OP.end);
  return w.peek();
}

function initBody(reset: number, w: ByteWriter): Uint8Array {
  w.length = 0;
  w.uleb(0);
  w.u8(OP.call);
  w.uleb(reset);
  w.u8(OP.drop);
  w.u8(OP.end);
  return w.peek();
}

/** Export name used for artifact function `i`. */
export function runExportName(i: number): string {
  return `f${i}`;
}

export function compileArtifactDetailed(
  program: CodegenArtifact,
  options: CompileOptions = {},
): CompiledModule {
  const linked = linkRuntime(program);
  const a = linked.artifact;
  const mb = new WasmModuleBuilder();

  const externs: JitModuleInfo["externs"][number][] = [];
  a.externs.forEach((x, i) => {
    if (x.contract === HOST_CONTRACT) mb.importFunction("host", x.name, x.type);
    else {
      mb.importFunction("extern", `${x.contract}.${x.name}`, x.type);
      externs.push({ importIndex: i, contract: x.contract, name: x.name, library: x.library });
    }
  });
  const fmod = mb.importFunction("host", "fmod", FMOD_TYPE);
  const importCount = mb.importedFunctions;

  const ctx: EmitContext = {
    a,
    linked,
    importCount,
    fmod,
    typeIndex: (t) => mb.type(t),
    panicCode: importCount + linked.runtimeIndex.get("panic_code")!,
    panicIndex: importCount + linked.runtimeIndex.get("panic_index")!,
  };
  const locTables: (readonly number[])[] = [];
  const scratch = new ByteWriter(64 * 1024);
  // Dead objects are freed after tail recursion became a loop (docs/runtime.md, "Memory").
  const frees = freesFor(a, linked.programFunctions, freeTargets(linked));
  for (const [i, f] of a.functions.entries()) {
    // One walk decides which of the whole-body passes below can be skipped: loop versioning
    // only rewrites loops with `elem.addr`, handler planning only moves checks inside loops.
    // As `withFrees` (AOT) does: both free the same objects. A function without a result
    // gets its frees first: they go before its tail self-call, which then becomes the loop.
    const g =
      f.type.result === null
        ? eliminateTailRecursion(frees(f, i), i)
        : frees(eliminateTailRecursion(f, i), i);
    const facts = checkFacts(g.body);
    const fe = new FunctionEmitter(
      ctx,
      facts.elem ? versionLoops(g) : g,
      scratch,
      facts.elem || facts.loopCheck,
    );
    mb.func(f.name, f.type, fe.emit());
    locTables.push(fe.locTable);
  }
  // Tests run through one exported dispatcher, `run_test(index)`: exporting every test would
  // make each fresh instance pay for thousands of export wrappers (26 ms per instance at 10k).
  const testFuncs = a.tests.map((t) => importCount + t.func);
  const dispatcher = mb.func(
    "beskid.run_test",
    { params: ["i32"], result: null },
    dispatchBody(testFuncs, scratch),
  );
  locTables.push([]);
  const maxPages = Math.min(options.maxPages ?? MAX_PAGES, MAX_PAGES);
  const initialPages = Math.min(Math.max(1, Math.ceil(linked.heapBase / PAGE_SIZE)), maxPages);
  const reset = mb.func(
    "beskid.reset",
    { params: [], result: "i32" },
    resetBody(a.globals, linked.heapBase, initialPages, 0, scratch),
  );
  locTables.push([]);
  // The start function initialises a new instance (the data image is a passive segment).
  mb.start(mb.func("beskid.init", { params: [], result: null }, initBody(reset, scratch)));
  locTables.push([]);

  mb.table(a.table.length);
  mb.memory(initialPages, maxPages);
  for (const g of a.globals) {
    mb.global(g.type, g.mutable, (w) => writeConst(w, g.type, g.init));
  }
  mb.exportMemory("memory");
  const runExports: Record<number, string> = {};
  const entries = new Set<number>();
  for (const e of a.entryPoints) entries.add(e.func);
  if (a.entry) entries.add(a.entry.func);
  for (const i of [...entries].sort((x, y) => x - y)) {
    runExports[i] = runExportName(i);
    mb.exportFunction(runExports[i]!, importCount + i);
  }
  mb.exportFunction(TEST_DISPATCH_EXPORT, dispatcher);
  mb.exportFunction(RESET_EXPORT, reset);
  const taken = new Set(["memory", TEST_DISPATCH_EXPORT, RESET_EXPORT, ...Object.values(runExports)]);
  for (const e of a.exports) {
    if (taken.has(e.name)) continue;
    taken.add(e.name);
    mb.exportFunction(e.name, importCount + e.func);
  }
  if (a.table.length > 0) mb.elements0(a.table.map((f) => importCount + f));
  // All constant data as one passive segment (addresses from `layoutData`, gaps zero),
  // copied into memory by `reset`, which is what makes an instance reusable between tests.
  const image = new Uint8Array(linked.heapBase - DATA_BASE);
  a.data.forEach((d, i) => image.set(d.bytes, linked.dataAddresses[i]! - DATA_BASE));
  mb.passiveData(image);

  const layout = mb.finish();
  const locations = new Int32Array(a.locations.length * 3);
  a.locations.forEach((l, i) => {
    locations[i * 3] = l.file;
    locations[i * 3 + 1] = l.line;
    locations[i * 3 + 2] = l.column;
  });
  const functionNames = [
    ...a.externs.map((x) => `${x.contract}.${x.name}`),
    "host.fmod",
    ...a.functions.map((f) => f.name),
  ];
  return {
    wasm: layout.bytes,
    info: {
      importCount,
      functionNames,
      programFunctions: linked.programFunctions,
      bodyOffsets: layout.bodyOffsets,
      ...flatLocTables(locTables),
      files: [...a.files],
      locations,
      runExports,
      externs,
      heapBase: linked.heapBase,
      maxPages,
      entry: program.entry,
      entryPoints: program.entryPoints,
      tests: program.tests,
      unavailable: unavailableByRoot(program, [...entries, ...a.tests.map((t) => t.func)], (name) =>
        Object.prototype.hasOwnProperty.call(JIT_MAPPED_EXTERNS, name),
      ),
    },
  };
}

/** Artifact → WebAssembly binary. */
export function compileArtifact(program: CodegenArtifact, options: CompileOptions = {}): Uint8Array {
  return compileArtifactDetailed(program, options).wasm;
}

function writeConst(w: ByteWriter, type: ValType, value: number | bigint): void {
  switch (type) {
    case "i32":
      w.u8(OP.i32_const);
      w.sleb32(Number(value));
      return;
    case "i64":
      w.u8(OP.i64_const);
      w.sleb64(BigInt(value));
      return;
    case "f32":
      w.u8(OP.f32_const);
      w.f32(Number(value));
      return;
    case "f64":
      w.u8(OP.f64_const);
      w.f64(Number(value));
      return;
    default:
      assertNever(type);
  }
}

interface EmitContext {
  readonly a: CodegenArtifact;
  readonly linked: LinkedProgram;
  readonly importCount: number;
  readonly fmod: number;
  readonly typeIndex: (t: FuncType) => number;
  readonly panicCode: number;
  readonly panicIndex: number;
}

type Frame = { readonly label: number | null; readonly role: "break" | "continue" | "none" };

/** Most out-of-line panic handlers one function gets (checks beyond it panic in place). */
const MAX_HANDLERS = 256;

const CHECKED_DIVISION: ReadonlySet<string> = new Set([
  "i32.div_s",
  "i32.div_u",
  "i32.rem_s",
  "i32.rem_u",
  "i64.div_s",
  "i64.div_u",
  "i64.rem_s",
  "i64.rem_u",
]);

/** A division by a constant that is neither 0 nor (signed) -1 needs no check. */
function divisionIsSafe(e: Extract<Expr, { kind: "binary" }>): boolean {
  const r = e.right;
  if (r.kind !== "const") return false;
  const v = BigInt(r.value);
  return v !== 0n && (v !== -1n || !e.op.endsWith("_s"));
}

/**
 * Whether `body` has an `elem.addr` anywhere, and whether a check that `planHandlers` could
 * move out of line (an `elem.addr`, or a division that needs a check) sits inside a loop
 * statement (any loop, `seq` bodies included: a superset of what `planHandlers` moves).
 */
function checkFacts(body: readonly Stmt[]): { elem: boolean; loopCheck: boolean } {
  let elem = false;
  let loopCheck = false;
  let loops = 0;
  const visitE = (e: Expr): void => {
    if (e.kind === "elem.addr") {
      elem = true;
      if (loops > 0) loopCheck = true;
    } else if (loops > 0 && e.kind === "binary" && CHECKED_DIVISION.has(e.op) && !divisionIsSafe(e)) {
      loopCheck = true;
    }
    forEachChild(e, visitE, visitS);
  };
  const visitS = (s: Stmt): void => {
    const loop = s.kind === "loop";
    if (loop) loops++;
    forEachStmtChild(s, visitE, visitS);
    if (loop) loops--;
  };
  for (let i = 0; i < body.length; i++) visitS(body[i]!);
  return { elem, loopCheck };
}

/** Emits one function body: local declarations, code, `end`. */
class FunctionEmitter {
  private readonly ctl: Frame[] = [];
  readonly locTable: number[] = [];
  private readonly localTypes: ValType[];
  private readonly typeCtx: TypeContext;
  // Scratch locals for inline checks (operands are fully evaluated before they are stored,
  // and nothing is evaluated between the store and the use, so nesting is safe).
  private readonly s32a: number;
  private readonly s32b: number;
  private readonly s64a: number;
  private readonly s64b: number;
  /**
   * Checks inside loops whose panic call sits outside the function body (see `emit`): the
   * checked node → index of its first handler. A loop with a call in it is never unrolled by
   * V8 and keeps the call's arguments alive in registers or spills, so the hot path only
   * branches out.
   */
  private readonly handlerOf = new Map<Expr, number>();
  private readonly handlers: (() => void)[] = [];
  /** Loops with a vector version (simd.ts) and the v128 local of each of their lane locals. */
  private readonly vectorPlans = new Map<Stmt, { plan: VectorPlan; lanes: Map<number, number> }>();

  /**
   * `w` is a scratch writer shared by all functions; `emit` resets it. `mayHaveLoopChecks`
   * false (from `checkFacts`) skips planning out-of-line handlers: there would be none.
   */
  constructor(
    private readonly ctx: EmitContext,
    private readonly f: Func,
    private readonly w: ByteWriter,
    private readonly mayHaveLoopChecks = true,
  ) {
    this.localTypes = [...f.type.params, ...f.locals];
    this.typeCtx = { artifact: ctx.a, localTypes: this.localTypes };
    const base = this.localTypes.length;
    this.s32a = base;
    this.s32b = base + 1;
    this.s64a = base + 2;
    this.s64b = base + 3;
  }

  /** The body bytes: a view of the scratch writer, valid until the next function. */
  emit(): Uint8Array {
    const w = this.w;
    w.length = 0;
    const vectors = this.planVectors();
    const declared: number[] = [...this.f.locals, "i32", "i32", "i64", "i64"].map(
      (t) => VALTYPE[t as ValType],
    );
    for (let i = 0; i < vectors; i++) declared.push(V128);
    // Run-length groups of equal types.
    const groups: [number, number][] = [];
    for (const t of declared) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    w.uleb(groups.length);
    for (const [n, t] of groups) {
      w.uleb(n);
      w.u8(t);
    }
    this.planHandlers();
    // One block per out-of-line panic handler around the body: check k branches to the end
    // of block k, where its handler calls the panic function; the body never falls into them.
    const n = this.handlers.length;
    for (let k = n - 1; k >= 0; k--) {
      w.u8(OP.block);
      w.u8(BLOCK_VOID);
      this.ctl.push({ label: null, role: "none" });
    }
    for (const s of this.f.body) this.stmt(s);
    if (this.f.type.result !== null) w.u8(OP.unreachable);
    else if (n > 0) w.u8(OP.return);
    for (let k = 0; k < n; k++) {
      this.ctl.pop();
      w.u8(OP.end);
      this.handlers[k]!();
    }
    w.u8(OP.end);
    return w.peek();
  }

  /** Finds the loops run two iterations at a time; returns how many v128 locals they need. */
  private planVectors(): number {
    let next = this.localTypes.length + 4;
    const visit = (s: Stmt): void => {
      if (s.kind === "loop") {
        const plan = planVector(s, this.localTypes);
        if (plan) {
          const lanes = new Map<number, number>();
          for (const l of plan.lanes) lanes.set(l, next++);
          this.vectorPlans.set(s, { plan, lanes });
          return;
        }
      }
      forEachStmtChild(s, () => {}, visit);
    };
    this.f.body.forEach(visit);
    return next - (this.localTypes.length + 4);
  }

  /**
   * Two iterations per round with `f64x2` while at least three remain (simd.ts), so the
   * scalar loop that follows always runs the last iteration and leaves every local as the
   * scalar loop would; skipped when a load could read the previous lane's store. Uses the
   * scratch locals `s64a` (the round limit); the body has no checked operation that would.
   */
  private vectorLoop(plan: VectorPlan, lanes: ReadonlyMap<number, number>): void {
    const w = this.w;
    const iv = plan.iv;
    w.u8(OP.block);
    w.u8(BLOCK_VOID);
    this.ctl.push({ label: null, role: "none" });
    const byteAddress = (a: Address): void => {
      this.expr(a.addr);
      this.op(UNARY_OPCODE["i64.extend_i32_u"]);
      if (a.offset !== 0) {
        writeConst(w, "i64", BigInt(a.offset));
        w.u8(BINARY_OPCODE["i64.add"]);
      }
    };
    for (const l of plan.loads) {
      // d = store - load; 0 < d < 16 means lane 1 of the load reads lane 0 of the store.
      byteAddress(plan.store);
      byteAddress(l);
      w.u8(BINARY_OPCODE["i64.sub"]);
      writeConst(w, "i64", 1n);
      w.u8(BINARY_OPCODE["i64.sub"]);
      writeConst(w, "i64", 15n);
      w.u8(BINARY_OPCODE["i64.lt_u"]);
      w.u8(OP.br_if);
      w.uleb(0);
    }
    // Rounds run while iv < vend, vend = end - 2 (exclusive) or end - 1 (inclusive): then
    // iv + 2 is still an iteration and cannot overflow. No rounds when that would wrap.
    const back = plan.inclusive ? 1n : 2n;
    this.expr(plan.end);
    writeConst(w, "i64", -(1n << 63n) + back);
    w.u8(BINARY_OPCODE["i64.lt_s"]);
    w.u8(OP.br_if);
    w.uleb(0);
    this.expr(plan.end);
    writeConst(w, "i64", back);
    w.u8(BINARY_OPCODE["i64.sub"]);
    this.setLocal(this.s64a);
    w.u8(OP.loop);
    w.u8(BLOCK_VOID);
    this.ctl.push({ label: null, role: "none" });
    this.getLocal(iv);
    this.getLocal(this.s64a);
    w.u8(BINARY_OPCODE["i64.ge_s"]);
    w.u8(OP.br_if);
    w.uleb(1);
    for (const s of plan.steps) {
      if (s.kind === "local.set") {
        const lane = lanes.get(s.index);
        if (lane === undefined) this.stmt(s);
        else {
          this.vexpr(s.value, lanes);
          this.setLocal(lane);
        }
      } else if (s.kind === "store") {
        this.expr(s.addr);
        this.vexpr(s.value, lanes);
        this.simd(SIMD.v128_store);
        w.uleb(3);
        w.uleb(s.offset);
      }
    }
    this.getLocal(iv);
    writeConst(w, "i64", 2n);
    w.u8(BINARY_OPCODE["i64.add"]);
    this.setLocal(iv);
    w.u8(OP.br);
    w.uleb(0);
    this.ctl.pop();
    w.u8(OP.end);
    this.ctl.pop();
    w.u8(OP.end);
  }

  private simd(op: number): void {
    this.w.u8(SIMD_PREFIX);
    this.w.uleb(op);
  }

  /** An f64 expression of `simd.ts`'s grammar, as an `f64x2` of two consecutive iterations. */
  private vexpr(e: Expr, lanes: ReadonlyMap<number, number>): void {
    const w = this.w;
    switch (e.kind) {
      case "const":
        writeConst(w, "f64", e.value);
        this.simd(SIMD.f64x2_splat);
        return;
      case "local.get": {
        const lane = lanes.get(e.index);
        if (lane !== undefined) this.getLocal(lane);
        else {
          this.getLocal(e.index);
          this.simd(SIMD.f64x2_splat);
        }
        return;
      }
      case "load":
        this.expr(e.addr);
        this.simd(SIMD.v128_load);
        w.uleb(3);
        w.uleb(e.offset);
        return;
      case "unary":
        this.vexpr(e.value, lanes);
        this.simd(SIMD[e.op as keyof typeof SIMD]);
        return;
      case "binary":
        this.vexpr(e.left, lanes);
        this.vexpr(e.right, lanes);
        this.simd(SIMD[e.op as keyof typeof SIMD]);
        return;
      default:
        throw new Error(`${this.f.name}: ${e.kind} in a vector loop`);
    }
  }

  /** Assigns out-of-line handlers to the checks inside loops (at most `MAX_HANDLERS`). */
  private planHandlers(): void {
    if (!this.mayHaveLoopChecks) return;
    // Most functions have no loop statement: nothing to plan (a loop only inside a `seq`
    // expression keeps its panics in place).
    const hasLoop = (ss: readonly Stmt[]): boolean =>
      ss.some((s) =>
        s.kind === "loop"
          ? true
          : s.kind === "block"
            ? hasLoop(s.body)
            : s.kind === "if" && (hasLoop(s.then) || hasLoop(s.else)),
      );
    if (!hasLoop(this.f.body)) return;
    const visitE = (e: Expr, inLoop: boolean): void => {
      if (inLoop && this.handlers.length < MAX_HANDLERS) {
        if (e.kind === "elem.addr") {
          this.handlerOf.set(e, this.handlers.length);
          this.handlers.push(() => this.indexPanic(e.loc));
        } else if (e.kind === "binary" && CHECKED_DIVISION.has(e.op) && !divisionIsSafe(e)) {
          const isDiv = e.op.includes("div");
          this.handlerOf.set(e, this.handlers.length);
          this.handlers.push(() =>
            this.codePanic(isDiv ? PANIC["division by zero"] : PANIC["remainder by zero"], e.loc),
          );
          this.handlers.push(() => this.codePanic(PANIC["integer overflow in division"], e.loc));
        }
      }
      forEachChild(
        e,
        (x) => visitE(x, inLoop),
        (x) => visitS(x, inLoop),
      );
    };
    const visitS = (s: Stmt, inLoop: boolean): void => {
      const loop = inLoop || s.kind === "loop";
      forEachStmtChild(
        s,
        (x) => visitE(x, loop),
        (x) => visitS(x, loop),
      );
    };
    for (const s of this.f.body) visitS(s, false);
  }

  /** Depth of the `br` to out-of-line handler `k` from the current position. */
  private handlerDepth(k: number): number {
    return this.ctl.length - 1 - (this.handlers.length - 1 - k);
  }

  private indexPanic(loc: LocId | undefined): void {
    const w = this.w;
    this.getLocal(this.s32a);
    w.u8(LOAD_OPCODE["i64.load32_u"][0]);
    w.uleb(2);
    w.uleb(4);
    this.getLocal(this.s64a);
    w.u8(OP.i32_const);
    w.sleb32(loc ?? -1);
    this.callFunc(this.ctx.panicIndex, loc);
    w.u8(OP.unreachable);
  }

  private codePanic(code: number, loc: LocId | undefined): void {
    const w = this.w;
    w.u8(OP.i32_const);
    w.sleb32(code);
    w.u8(OP.i32_const);
    w.sleb32(loc ?? -1);
    this.callFunc(this.ctx.panicCode, loc);
    w.u8(OP.unreachable);
  }

  private mark(loc: LocId | undefined): void {
    if (loc === undefined) return;
    const t = this.locTable;
    const at = this.w.length;
    if (t.length >= 2 && t[t.length - 2] === at) t[t.length - 1] = loc;
    else t.push(at, loc);
  }

  private op(o: Opcode): void {
    if (typeof o === "number") this.w.u8(o);
    else {
      this.w.u8(o[0]);
      this.w.uleb(o[1]);
    }
  }

  private depthOf(label: number, role: "break" | "continue"): number {
    for (let i = this.ctl.length - 1; i >= 0; i--) {
      const fr = this.ctl[i]!;
      if (fr.label === label && fr.role === role) return this.ctl.length - 1 - i;
    }
    throw new Error(`${this.f.name}: ${role} to label ${label} outside of it`);
  }

  private body(ss: readonly Stmt[]): void {
    for (const s of ss) this.stmt(s);
  }

  private stmt(s: Stmt): void {
    const w = this.w;
    this.mark(s.loc);
    switch (s.kind) {
      case "expr": {
        this.expr(s.expr);
        const t = exprType(this.typeCtx, s.expr);
        if (t !== null) w.u8(OP.drop);
        return;
      }
      case "local.set":
        this.expr(s.value);
        w.u8(OP.local_set);
        w.uleb(s.index);
        return;
      case "global.set":
        this.expr(s.value);
        w.u8(OP.global_set);
        w.uleb(s.index);
        return;
      case "store": {
        const extra = this.address(s.addr);
        this.expr(s.value);
        const [code, align] = STORE_OPCODE[s.op];
        w.u8(code);
        w.uleb(align);
        w.uleb(s.offset + extra);
        return;
      }
      case "block":
        w.u8(OP.block);
        w.u8(BLOCK_VOID);
        this.ctl.push({ label: s.label, role: "break" });
        this.body(s.body);
        this.ctl.pop();
        w.u8(OP.end);
        return;
      case "loop": {
        const v = this.vectorPlans.get(s);
        if (v) this.vectorLoop(v.plan, v.lanes);
        w.u8(OP.block);
        w.u8(BLOCK_VOID);
        this.ctl.push({ label: s.label, role: "break" });
        w.u8(OP.loop);
        w.u8(BLOCK_VOID);
        this.ctl.push({ label: s.label, role: "continue" });
        this.body(s.body);
        w.u8(OP.br);
        w.uleb(0);
        this.ctl.pop();
        w.u8(OP.end);
        this.ctl.pop();
        w.u8(OP.end);
        return;
      }
      case "if":
        this.expr(s.cond);
        w.u8(OP.if);
        w.u8(BLOCK_VOID);
        this.ctl.push({ label: null, role: "none" });
        this.body(s.then);
        if (s.else.length > 0) {
          w.u8(OP.else);
          this.body(s.else);
        }
        this.ctl.pop();
        w.u8(OP.end);
        return;
      case "break":
        w.u8(OP.br);
        w.uleb(this.depthOf(s.label, "break"));
        return;
      case "continue":
        w.u8(OP.br);
        w.uleb(this.depthOf(s.label, "continue"));
        return;
      case "return":
        if (s.value !== undefined) this.expr(s.value);
        w.u8(OP.return);
        return;
      case "unreachable":
        w.u8(OP.unreachable);
        return;
      case "memory.copy":
        this.expr(s.dst);
        this.expr(s.src);
        this.expr(s.len);
        w.u8(OP.prefix_fc);
        w.uleb(OP.fc_memory_copy);
        w.u8(0);
        w.u8(0);
        return;
      case "memory.fill":
        this.expr(s.dst);
        this.expr(s.value);
        this.expr(s.len);
        w.u8(OP.prefix_fc);
        w.uleb(OP.fc_memory_fill);
        w.u8(0);
        return;
      default:
        assertNever(s);
    }
  }

  private callFunc(index: number, loc: LocId | undefined): void {
    this.mark(loc);
    this.w.u8(OP.call);
    this.w.uleb(index);
  }

  /** `if (stack top) { panic_code(code, loc) }`, or a branch to out-of-line handler `handler`. */
  private panicIf(code: number, loc: LocId | undefined, handler: number | undefined): void {
    const w = this.w;
    if (handler !== undefined) {
      w.u8(OP.br_if);
      w.uleb(this.handlerDepth(handler));
      return;
    }
    w.u8(OP.if);
    w.u8(BLOCK_VOID);
    this.codePanic(code, loc);
    w.u8(OP.end);
  }

  private getLocal(i: number): void {
    this.w.u8(OP.local_get);
    this.w.uleb(i);
  }
  private setLocal(i: number): void {
    this.w.u8(OP.local_set);
    this.w.uleb(i);
  }

  private checkedDivision(e: Extract<Expr, { kind: "binary" }>): void {
    const w = this.w;
    const wide = e.op.startsWith("i64");
    const signed = e.op.endsWith("_s");
    const isDiv = e.op.includes("div");
    const opcode = BINARY_OPCODE[e.op as keyof typeof BINARY_OPCODE];
    if (divisionIsSafe(e)) {
      this.expr(e.left);
      this.expr(e.right);
      w.u8(opcode);
      return;
    }
    const handler = this.handlerOf.get(e);
    const [ta, tb] = wide ? [this.s64a, this.s64b] : [this.s32a, this.s32b];
    this.expr(e.left);
    this.expr(e.right);
    this.setLocal(tb);
    this.setLocal(ta);
    this.getLocal(tb);
    w.u8(wide ? 0x50 : 0x45); // eqz
    this.panicIf(isDiv ? PANIC["division by zero"] : PANIC["remainder by zero"], e.loc, handler);
    if (signed && isDiv) {
      this.getLocal(ta);
      if (wide) {
        w.u8(OP.i64_const);
        w.sleb64(-(1n << 63n));
        w.u8(BINARY_OPCODE["i64.eq"]);
      } else {
        w.u8(OP.i32_const);
        w.sleb32(-0x80000000);
        w.u8(BINARY_OPCODE["i32.eq"]);
      }
      this.getLocal(tb);
      if (wide) {
        w.u8(OP.i64_const);
        w.sleb64(-1n);
        w.u8(BINARY_OPCODE["i64.eq"]);
      } else {
        w.u8(OP.i32_const);
        w.sleb32(-1);
        w.u8(BINARY_OPCODE["i32.eq"]);
      }
      w.u8(BINARY_OPCODE["i32.and"]);
      this.panicIf(
        PANIC["integer overflow in division"],
        e.loc,
        handler === undefined ? undefined : handler + 1,
      );
    }
    this.getLocal(ta);
    this.getLocal(tb);
    w.u8(opcode);
  }

  /**
   * Checked element address without the +8 of the element area (callers add it, or fold it
   * into a load/store offset): panics `index out of bounds` unless 0 <= index < length.
   */
  private elemAddress(e: Extract<Expr, { kind: "elem.addr" }>): void {
    const w = this.w;
    this.expr(e.base);
    this.expr(e.index);
    this.setLocal(this.s64a);
    this.setLocal(this.s32a);
    // if (u64)index >= (u64)length: panic_index(length, index, loc)
    this.getLocal(this.s64a);
    this.getLocal(this.s32a);
    w.u8(LOAD_OPCODE["i64.load32_u"][0]);
    w.uleb(2);
    w.uleb(4);
    w.u8(BINARY_OPCODE["i64.ge_u"]);
    const handler = this.handlerOf.get(e);
    if (handler !== undefined) {
      w.u8(OP.br_if);
      w.uleb(this.handlerDepth(handler));
    } else {
      w.u8(OP.if);
      w.u8(BLOCK_VOID);
      this.indexPanic(e.loc);
      w.u8(OP.end);
    }
    this.getLocal(this.s32a);
    this.getLocal(this.s64a);
    this.op(UNARY_OPCODE["i32.wrap_i64"]);
    const shift = Math.log2(e.elemSize);
    if (shift > 0) {
      w.u8(OP.i32_const);
      w.sleb32(shift);
      w.u8(BINARY_OPCODE["i32.shl"]);
    }
    w.u8(BINARY_OPCODE["i32.add"]);
  }

  /** Emits an address; returns what to add to the memarg offset (8 for a folded elem.addr). */
  private address(addr: Expr): number {
    if (addr.kind === "elem.addr") {
      this.elemAddress(addr);
      return 8;
    }
    this.expr(addr);
    return 0;
  }

  private expr(e: Expr): void {
    const w = this.w;
    switch (e.kind) {
      case "const":
        writeConst(w, e.type, e.value);
        return;
      case "local.get":
        this.getLocal(e.index);
        return;
      case "local.tee":
        this.expr(e.value);
        w.u8(OP.local_tee);
        w.uleb(e.index);
        return;
      case "global.get":
        w.u8(OP.global_get);
        w.uleb(e.index);
        return;
      case "unary":
        this.expr(e.value);
        this.op(UNARY_OPCODE[e.op]);
        return;
      case "binary":
        switch (e.op) {
          case "i32.div_s":
          case "i32.div_u":
          case "i32.rem_s":
          case "i32.rem_u":
          case "i64.div_s":
          case "i64.div_u":
          case "i64.rem_s":
          case "i64.rem_u":
            this.checkedDivision(e);
            return;
          case "f64.rem":
            this.expr(e.left);
            this.expr(e.right);
            this.callFunc(this.ctx.fmod, e.loc);
            return;
          case "f32.rem":
            this.expr(e.left);
            this.op(UNARY_OPCODE["f64.promote_f32"]);
            this.expr(e.right);
            this.op(UNARY_OPCODE["f64.promote_f32"]);
            this.callFunc(this.ctx.fmod, e.loc);
            this.op(UNARY_OPCODE["f32.demote_f64"]);
            return;
          default:
            this.expr(e.left);
            this.expr(e.right);
            w.u8(BINARY_OPCODE[e.op]);
            return;
        }
      case "load": {
        const extra = this.address(e.addr);
        const [code, align] = LOAD_OPCODE[e.op];
        w.u8(code);
        w.uleb(align);
        w.uleb(e.offset + extra);
        return;
      }
      case "call":
        for (const x of e.args) this.expr(x);
        this.callFunc(this.ctx.importCount + e.func, e.loc);
        return;
      case "call.indirect":
        for (const x of e.args) this.expr(x);
        this.expr(e.target);
        this.mark(e.loc);
        w.u8(OP.call_indirect);
        w.uleb(this.ctx.typeIndex(e.type));
        w.u8(0);
        return;
      case "call.runtime": {
        const idx = this.ctx.linked.runtimeIndex.get(e.name);
        if (idx === undefined) throw new Error(`${this.f.name}: unknown runtime function ${e.name}`);
        for (const x of e.args) this.expr(x);
        this.callFunc(this.ctx.importCount + idx, e.loc);
        return;
      }
      case "call.extern":
        for (const x of e.args) this.expr(x);
        this.callFunc(e.ext, e.loc);
        return;
      case "select":
        this.expr(e.then);
        this.expr(e.else);
        this.expr(e.cond);
        w.u8(OP.select);
        return;
      case "cond":
        this.expr(e.cond);
        w.u8(OP.if);
        w.u8(VALTYPE[e.type]);
        this.ctl.push({ label: null, role: "none" });
        this.expr(e.then);
        w.u8(OP.else);
        this.expr(e.else);
        this.ctl.pop();
        w.u8(OP.end);
        return;
      case "seq":
        this.body(e.body);
        this.expr(e.value);
        return;
      case "data.addr":
        w.u8(OP.i32_const);
        w.sleb32(this.ctx.linked.dataAddresses[e.segment]!);
        return;
      case "elem.addr":
        this.elemAddress(e);
        w.u8(OP.i32_const);
        w.sleb32(8);
        w.u8(BINARY_OPCODE["i32.add"]);
        return;
      case "memory.size":
        w.u8(OP.memory_size);
        w.u8(0);
        return;
      case "memory.grow":
        this.expr(e.pages);
        w.u8(OP.memory_grow);
        w.u8(0);
        return;
      default:
        assertNever(e);
    }
  }
}
