/**
 * Which loops the JIT runs two iterations at a time with WebAssembly SIMD (`f64x2`), and how
 * (docs/runtime.md, "Generated code"). The analysis only; `emit.ts` writes the code.
 *
 * A loop qualifies when it is an unchecked copy made by loop versioning of this exact shape:
 * its first statement `if (iv >= end) break` (or `iv > end`, or the `i32.eqz(iv < end)`
 * forms), `end` invariant; then, in straight-line order (blocks are only grouping, there is
 * no other break, continue or if), copies `d = iv`, index locals `t = iv + invariant`, f64
 * locals `v = <f64 expression>` and exactly one `f64.store`; last `iv = iv + 1` (and
 * `continue`). f64 expressions are loads at `base + 8 * (iv + invariant)` (base a local the
 * loop never assigns), f64 locals the loop never assigns, constants, `+ - * /`, `neg`,
 * `abs` and `sqrt`. Every local the loop assigns is read only after its assignment in the
 * same iteration (no value flows from one iteration to the next except through memory).
 *
 * Two iterations at once are then the same computation lane by lane: IEEE-754 `f64x2`
 * arithmetic is exact per lane like the scalar ops. Memory is the only link between
 * iterations: the vector loop loads both lanes before it stores either, so a load whose
 * second lane would read bytes the store's first lane writes is checked at run time, once,
 * before the loop (its distance to the store does not depend on `iv`).
 */

import {
  assignedLocals,
  exitTest,
  loopInvariant,
  type Expr,
  type Stmt,
  type ValType,
} from "../../artifact/index.ts";

export type LoopStmt = Extract<Stmt, { kind: "loop" }>;

export interface VectorPlan {
  readonly iv: number;
  readonly end: Expr;
  readonly inclusive: boolean;
  /** The body in order, blocks flattened, without the exit test, increment and `continue`. */
  readonly steps: readonly Stmt[];
  /** f64 locals that hold a pair of lanes in the vector loop. */
  readonly lanes: ReadonlySet<number>;
  /**
   * The store's and each load's address as a closed form over `iv` and invariant locals,
   * plus the memarg offset: evaluated before the vector loop, a load whose next-lane bytes
   * overlap the store's (0 < store - load < 16) sends the loop to the scalar code.
   */
  readonly store: Address;
  readonly loads: readonly Address[];
}

export interface Address {
  readonly addr: Expr;
  readonly offset: number;
}

const F64_BINARY = new Set(["f64.add", "f64.sub", "f64.mul", "f64.div"]);
const F64_UNARY = new Set(["f64.neg", "f64.abs", "f64.sqrt"]);

/** The plan for `loop`, or null when it does not have the shape above. */
export function planVector(loop: LoopStmt, localTypes: readonly ValType[]): VectorPlan | null {
  const body = loop.body;
  const first = body[0];
  if (first?.kind !== "if" || first.else.length > 0 || first.then.length !== 1) return null;
  if (first.then[0]!.kind !== "break") return null;
  const test = exitTest(first.cond);
  if (!test) return null;
  const { iv } = test;
  let last = body.length - 1;
  if (body[last]?.kind === "continue" && (body[last] as { label: number }).label === loop.label) last--;
  const inc = body[last];
  if (
    inc?.kind !== "local.set" ||
    inc.index !== iv ||
    inc.value.kind !== "binary" ||
    inc.value.op !== "i64.add" ||
    inc.value.left.kind !== "local.get" ||
    inc.value.left.index !== iv ||
    inc.value.right.kind !== "const" ||
    BigInt(inc.value.right.value) !== 1n
  )
    return null;
  const steps: Stmt[] = [];
  const flatten = (ss: readonly Stmt[]): boolean =>
    ss.every((s) => (s.kind === "block" ? flatten(s.body) : (steps.push(s), true)));
  if (!flatten(body.slice(1, last))) return null;

  // Locals the loop assigns: iv, and each other one exactly once.
  const assignedCount = assignedLocals(body);
  for (const [l, n] of assignedCount) if (l !== iv && n !== 1) return null;
  const assigned = new Set(assignedCount.keys());
  const invariantLocal = (l: number): boolean => !assigned.has(l);
  if (test.end.kind === "local.get" ? !invariantLocal(test.end.index) : test.end.kind !== "const")
    return null;

  const defined = new Set<number>();
  const unitIndex = new Set<number>([iv]); // locals holding iv + invariant
  const lanes = new Set<number>();
  // Closed forms of the index locals, over iv and invariant locals.
  const defs = new Map<number, Expr>();
  const closed = (x: Expr): Expr => {
    if (x.kind === "local.get") return defs.get(x.index) ?? x;
    if (x.kind === "unary") return { ...x, value: closed(x.value) };
    if (x.kind === "binary") return { ...x, left: closed(x.left), right: closed(x.right) };
    return x;
  };
  const invariant = (x: Expr): boolean => loopInvariant(x, assigned);
  /** `x` is iv + invariant. */
  const unit = (x: Expr): boolean => {
    if (x.kind === "local.get") return unitIndex.has(x.index) && (x.index === iv || defined.has(x.index));
    if (x.kind === "binary" && x.op === "i64.add")
      return (unit(x.left) && invariant(x.right)) || (invariant(x.left) && unit(x.right));
    return false;
  };
  /** `base + (wrap(index) << 3)` with `index` unit-stride, in closed form. */
  const address = (a: Expr): Expr | null => {
    if (a.kind !== "binary" || a.op !== "i32.add" || a.left.kind !== "local.get") return null;
    if (!invariantLocal(a.left.index)) return null;
    const s = a.right;
    if (s.kind !== "binary" || s.op !== "i32.shl" || s.right.kind !== "const" || Number(s.right.value) !== 3)
      return null;
    const w = s.left;
    if (w.kind !== "unary" || w.op !== "i32.wrap_i64" || !unit(w.value)) return null;
    return closed(a);
  };
  const loads: Address[] = [];
  const f64expr = (x: Expr): boolean => {
    switch (x.kind) {
      case "const":
        return x.type === "f64";
      case "local.get":
        return localTypes[x.index] === "f64" && (invariantLocal(x.index) || lanes.has(x.index));
      case "load": {
        if (x.op !== "f64.load") return false;
        const a = address(x.addr);
        if (!a) return false;
        loads.push({ addr: a, offset: x.offset });
        return true;
      }
      case "unary":
        return F64_UNARY.has(x.op) && f64expr(x.value);
      case "binary":
        return F64_BINARY.has(x.op) && f64expr(x.left) && f64expr(x.right);
      default:
        return false;
    }
  };

  let store: Address | null = null;
  for (const s of steps) {
    if (s.kind === "local.set") {
      const t = localTypes[s.index];
      if (t === "i64" && unit(s.value)) {
        unitIndex.add(s.index);
        defs.set(s.index, closed(s.value));
      } else if (t === "f64" && f64expr(s.value)) lanes.add(s.index);
      else return null;
      defined.add(s.index);
    } else if (s.kind === "store" && s.op === "f64.store" && store === null) {
      // The value is evaluated after the address, as in the scalar loop.
      const a = address(s.addr);
      if (!a || !f64expr(s.value)) return null;
      store = { addr: a, offset: s.offset };
    } else return null;
  }
  if (store === null) return null;
  return { iv, end: test.end, inclusive: test.inclusive, steps, lanes, store, loads };
}
