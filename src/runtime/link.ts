/**
 * Links the runtime into a program: the program's artifact comes first, unchanged (indices
 * stay valid, so the cached artifact is never rewritten); the runtime's functions, globals,
 * data and host externs are appended, with the runtime's own references shifted. Both
 * backends link exactly this way, so data addresses, the heap base and the heap-top global
 * are identical under the JIT and AOT.
 *
 * It does not resolve `call.runtime` in program bodies (backends translate those to direct
 * calls through `runtimeIndex`), and it does not check the program (see `verifyArtifact`).
 */

import {
  freeDeadObjects,
  layoutData,
  type FreeTargets,
  type CodegenArtifact,
  type Expr,
  type Func,
  type Global,
  type Stmt,
  assertNever,
} from "../artifact/index.ts";
import { HOST_CONTRACT, type HostName } from "./host-abi.ts";
import { buildRuntime, HEAP_BASE_GLOBAL, HEAP_TOP_GLOBAL, type RuntimeModule } from "./runtime.ts";

export interface LinkedProgram {
  /** Program + runtime. Runtime functions follow the program's. */
  readonly artifact: CodegenArtifact;
  /** Runtime function name (catalog and private) → function index in `artifact`. */
  readonly runtimeIndex: ReadonlyMap<string, number>;
  /** Number of functions that came from the program (the first ones). */
  readonly programFunctions: number;
  /** Heap addresses of every data segment of `artifact`. */
  readonly dataAddresses: readonly number[];
  /** First heap address the allocator hands out. */
  readonly heapBase: number;
  readonly heapTopGlobal: number;
  /** Host function name → extern index in `artifact` (the externs with contract `__host`). */
  readonly hostExterns: ReadonlyMap<HostName, number>;
}

// The runtime is a pure function of this toolchain version; build it once per process.
let runtimeOnce: RuntimeModule | undefined;
export function runtimeModule(): RuntimeModule {
  runtimeOnce ??= buildRuntime();
  return runtimeOnce;
}

interface Shift {
  readonly func: number;
  readonly global: number;
  readonly data: number;
  readonly ext: number;
}

function shiftExpr(e: Expr, s: Shift): Expr {
  switch (e.kind) {
    case "const":
    case "local.get":
    case "memory.size":
      return e;
    case "local.tee":
      return { ...e, value: shiftExpr(e.value, s) };
    case "global.get":
      return { ...e, index: e.index + s.global };
    case "unary":
      return { ...e, value: shiftExpr(e.value, s) };
    case "binary":
      return { ...e, left: shiftExpr(e.left, s), right: shiftExpr(e.right, s) };
    case "load":
      return { ...e, addr: shiftExpr(e.addr, s) };
    case "call":
      return { ...e, func: e.func + s.func, args: e.args.map((a) => shiftExpr(a, s)) };
    case "call.indirect":
      return { ...e, target: shiftExpr(e.target, s), args: e.args.map((a) => shiftExpr(a, s)) };
    case "call.runtime":
      return { ...e, args: e.args.map((a) => shiftExpr(a, s)) };
    case "call.extern":
      return { ...e, ext: e.ext + s.ext, args: e.args.map((a) => shiftExpr(a, s)) };
    case "select":
    case "cond":
      return { ...e, cond: shiftExpr(e.cond, s), then: shiftExpr(e.then, s), else: shiftExpr(e.else, s) };
    case "seq":
      return { ...e, body: e.body.map((x) => shiftStmt(x, s)), value: shiftExpr(e.value, s) };
    case "data.addr":
      return { ...e, segment: e.segment + s.data };
    case "elem.addr":
      return { ...e, base: shiftExpr(e.base, s), index: shiftExpr(e.index, s) };
    case "memory.grow":
      return { ...e, pages: shiftExpr(e.pages, s) };
    default:
      return assertNever(e);
  }
}

function shiftStmt(st: Stmt, s: Shift): Stmt {
  switch (st.kind) {
    case "expr":
      return { ...st, expr: shiftExpr(st.expr, s) };
    case "local.set":
      return { ...st, value: shiftExpr(st.value, s) };
    case "global.set":
      return { ...st, index: st.index + s.global, value: shiftExpr(st.value, s) };
    case "store":
      return { ...st, addr: shiftExpr(st.addr, s), value: shiftExpr(st.value, s) };
    case "block":
    case "loop":
      return { ...st, body: st.body.map((x) => shiftStmt(x, s)) };
    case "if":
      return {
        ...st,
        cond: shiftExpr(st.cond, s),
        then: st.then.map((x) => shiftStmt(x, s)),
        else: st.else.map((x) => shiftStmt(x, s)),
      };
    case "break":
    case "continue":
    case "unreachable":
      return st;
    case "return":
      return st.value === undefined ? st : { ...st, value: shiftExpr(st.value, s) };
    case "memory.copy":
      return { ...st, dst: shiftExpr(st.dst, s), src: shiftExpr(st.src, s), len: shiftExpr(st.len, s) };
    case "memory.fill":
      return { ...st, dst: shiftExpr(st.dst, s), value: shiftExpr(st.value, s), len: shiftExpr(st.len, s) };
    default:
      return assertNever(st);
  }
}

export function linkRuntime(program: CodegenArtifact): LinkedProgram {
  const rt = runtimeModule();
  const r = rt.artifact;
  const shift: Shift = {
    func: program.functions.length,
    global: program.globals.length,
    data: program.data.length,
    ext: program.externs.length,
  };
  const functions: Func[] = [
    ...program.functions,
    ...r.functions.map((f) => ({ ...f, body: f.body.map((s) => shiftStmt(s, shift)) })),
  ];
  const data = [...program.data, ...r.data];
  const { addresses, heapBase } = layoutData(data);
  const globals: Global[] = [
    ...program.globals,
    ...r.globals.map((g) =>
      g.name === HEAP_TOP_GLOBAL || g.name === HEAP_BASE_GLOBAL ? { ...g, init: heapBase } : g,
    ),
  ];
  const externs = [...program.externs, ...r.externs];
  const runtimeIndex = new Map<string, number>();
  for (const [name, idx] of rt.functions) runtimeIndex.set(name, idx + shift.func);
  const hostExterns = new Map<HostName, number>();
  r.externs.forEach((x, i) => {
    if (x.contract === HOST_CONTRACT) hostExterns.set(x.name as HostName, i + shift.ext);
  });
  return {
    artifact: { ...program, functions, data, globals, externs },
    runtimeIndex,
    programFunctions: program.functions.length,
    dataAddresses: addresses,
    heapBase,
    heapTopGlobal: rt.heapTopGlobal + shift.global,
    hostExterns,
  };
}

/** The runtime functions `insertFrees` calls, in `linked`. */
export function freeTargets(linked: LinkedProgram): FreeTargets {
  return { free: linked.runtimeIndex.get("free")!, freeArray: linked.runtimeIndex.get("free_array")! };
}

/**
 * `linked` with frees of dead objects inserted into the program's functions
 * (`freeDeadObjects`, docs/runtime.md "Memory"); the runtime's functions are unchanged.
 */
export function withFrees(linked: LinkedProgram): LinkedProgram {
  const a = linked.artifact;
  const n = linked.programFunctions;
  const program = freeDeadObjects(a, n, freeTargets(linked));
  return { ...linked, artifact: { ...a, functions: [...program, ...a.functions.slice(n)] } };
}
