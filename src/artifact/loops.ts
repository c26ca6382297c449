/**
 * Loop versioning for bounds checks: an IR → IR rewrite both backends apply to each function
 * before emitting it (docs/runtime.md, "Generated code"; docs/aot.md).
 *
 * A counted loop — its first statement `if (iv >= end) break …` (or `iv > end`, or the
 * `i32.eqz(iv < end)` forms lowering emits), `iv` raised only by one top-level
 * `iv = iv + step` — whose element accesses index a loop-invariant array with
 * `iv + invariant` (or a copy of `iv` made right after the test) becomes
 *
 *     if (the loop runs no iteration, or every such index of every iteration is in bounds)
 *       the loop with those accesses unchecked
 *     else
 *       the loop unchanged (checked, so it panics exactly where and how it did)
 *
 * The test runs once per entry into the loop, and its range part only when the loop runs
 * at least once (a flag local set by a nested `if`: no backend evaluates it eagerly). It is
 * exact arithmetic: it requires step >= 1 and last + step not to wrap (so the induction
 * variable only grows), and, for every access, the first and last index and the span
 * last - start to be below the array's length as unsigned numbers; then every index in
 * between is the first one plus at most the span, computed without wrapping. Small constants
 * only, so the test costs a few compares and no registers for 64-bit immediates in the
 * enclosing loop. Array lengths never change after allocation, and invariant parts read only locals the loop never assigns and contain no
 * loads, calls or checked operations, so evaluating them once before the loop (into fresh
 * locals, which also takes them out of the loop) is unobservable.
 *
 * Only loops of at most `MAX_BODY_NODES` nodes are versioned (each is duplicated), inner
 * loops first; anything that does not match is left exactly as it was.
 */

import { ARRAY_DATA_OFFSET, ARRAY_LENGTH_OFFSET } from "./runtime-abi.ts";
import type { Expr, Func, Stmt, ValType } from "./schema.ts";
import { forEachChild, forEachStmtChild, mapChildren, mapStmtChildren, walkBody } from "./walk.ts";

/** A fresh local of the function being rewritten (i64 unless told). */
type NewLocal = (type?: ValType) => number;

/** Largest loop body (IR nodes) that is duplicated. */
const MAX_BODY_NODES = 1500;

type ElemAddr = Extract<Expr, { kind: "elem.addr" }>;

const i64c = (v: bigint): Expr => ({ kind: "const", type: "i64", value: v });
const i32c = (v: number): Expr => ({ kind: "const", type: "i32", value: v });
const get = (index: number): Expr => ({ kind: "local.get", index });
const bin = (op: Extract<Expr, { kind: "binary" }>["op"], left: Expr, right: Expr): Expr => ({
  kind: "binary",
  op,
  left,
  right,
});

/** `f` with its counted loops versioned; `f` itself when nothing changes. */
export function versionLoops(f: Func): Func {
  if (!f.body.some(hasElem)) return f;
  const extra: ValType[] = [];
  const base = f.type.params.length + f.locals.length;
  const newLocal = (type: ValType = "i64"): number => {
    extra.push(type);
    return base + extra.length - 1;
  };
  const body = stmts(f.body, newLocal);
  if (extra.length === 0 && body === f.body) return f;
  return { ...f, locals: [...f.locals, ...extra], body };
}

function hasElem(s: Stmt): boolean {
  let found = false;
  walkBody([s], (x) => {
    if (x.kind === "elem.addr") found = true;
  });
  return found;
}

/** Rewrites nested statement lists (loops inside out); returns `ss` itself if unchanged. */
function stmts(ss: readonly Stmt[], newLocal: NewLocal): readonly Stmt[] {
  let out: Stmt[] | null = null;
  ss.forEach((s, i) => {
    const r = stmt(s, newLocal);
    if (r.length === 1 && r[0] === s) {
      out?.push(s);
      return;
    }
    out ??= ss.slice(0, i);
    out.push(...r);
  });
  return out ?? ss;
}

function stmt(s: Stmt, newLocal: NewLocal): Stmt[] {
  switch (s.kind) {
    case "block": {
      const body = stmts(s.body, newLocal);
      return [body === s.body ? s : { ...s, body }];
    }
    case "if": {
      const then = stmts(s.then, newLocal);
      const els = stmts(s.else, newLocal);
      return [then === s.then && els === s.else ? s : { ...s, then, else: els }];
    }
    case "loop": {
      const body = stmts(s.body, newLocal);
      const loop = body === s.body ? s : { ...s, body };
      return versionLoop(loop, newLocal) ?? [loop];
    }
    default:
      // Loops inside expressions (`seq`) are left alone.
      return [s];
  }
}

interface CountedLoop {
  readonly iv: number;
  readonly end: Expr;
  readonly inclusive: boolean;
  readonly step: Expr;
  /** Top-level index of the increment statement. */
  readonly incAt: number;
  /** Locals holding a copy of `iv` for the whole iteration. */
  readonly copies: ReadonlySet<number>;
  readonly assigned: ReadonlySet<number>;
  /** How many times the loop body assigns each local. */
  readonly counts: ReadonlyMap<number, number>;
}

interface Access {
  readonly node: ElemAddr;
  readonly base: number;
  /** The invariant part of the index (null: none) and the part reading iv (or its copy). */
  readonly inv: Expr | null;
  readonly iv: Expr;
  /** The unchecked copy's index when it is not `inv + iv` (a derived index local). */
  readonly index?: Expr;
}

/** How many times each local is assigned (`local.set` or `local.tee`) under `ss`. */
export function assignedLocals(ss: readonly Stmt[]): Map<number, number> {
  const n = new Map<number, number>();
  const bump = (i: number): void => void n.set(i, (n.get(i) ?? 0) + 1);
  walkBody(
    ss,
    (x) => {
      if (x.kind === "local.tee") bump(x.index);
    },
    (x) => {
      if (x.kind === "local.set") bump(x.index);
    },
  );
  return n;
}

function countNodes(ss: readonly Stmt[], max: number): number {
  let n = 0;
  const e = (x: Expr): void => {
    if (++n <= max) forEachChild(x, e, st);
  };
  const st = (x: Stmt): void => {
    if (++n <= max) forEachStmtChild(x, e, st);
  };
  ss.forEach(st);
  return n;
}

/**
 * A value the loop cannot change (it reads only locals not in `assigned`), computable
 * without loads, calls or checks.
 */
export function loopInvariant(x: Expr, assigned: ReadonlySet<number>): boolean {
  switch (x.kind) {
    case "const":
      return true;
    case "local.get":
      return !assigned.has(x.index);
    case "unary":
      return loopInvariant(x.value, assigned);
    case "binary":
      return !/\.(div|rem)/.test(x.op) && loopInvariant(x.left, assigned) && loopInvariant(x.right, assigned);
    default:
      return false;
  }
}

/** A structural key of an `invariant` expression. */
function key(x: Expr): string {
  switch (x.kind) {
    case "const":
      return `${x.type}:${String(x.value)}`;
    case "local.get":
      return `$${x.index}`;
    case "unary":
      return `(${x.op} ${key(x.value)})`;
    case "binary":
      return `(${x.op} ${key(x.left)} ${key(x.right)})`;
    default:
      return "?";
  }
}

/** The induction variable and bound of a counted loop's exit test `if (cond) break`, or null. */
export function exitTest(cond: Expr): { iv: number; end: Expr; inclusive: boolean } | null {
  let op: string;
  let l: Expr;
  let r: Expr;
  if (cond.kind === "unary" && cond.op === "i32.eqz" && cond.value.kind === "binary") {
    const b = cond.value;
    if (b.op !== "i64.lt_s" && b.op !== "i64.le_s") return null;
    op = b.op === "i64.lt_s" ? "ge" : "gt";
    [l, r] = [b.left, b.right];
  } else if (cond.kind === "binary" && (cond.op === "i64.ge_s" || cond.op === "i64.gt_s")) {
    op = cond.op === "i64.ge_s" ? "ge" : "gt";
    [l, r] = [cond.left, cond.right];
  } else return null;
  if (l.kind !== "local.get") return null;
  return { iv: l.index, end: r, inclusive: op === "gt" };
}

function countedLoop(loop: Extract<Stmt, { kind: "loop" }>): CountedLoop | null {
  const body = loop.body;
  const first = body[0];
  if (
    first?.kind !== "if" ||
    first.else.length !== 0 ||
    first.then.length !== 1 ||
    // At the top of the loop body any break leaves the loop.
    first.then[0]!.kind !== "break"
  )
    return null;
  const test = exitTest(first.cond);
  if (!test) return null;
  const counts = assignedLocals(body);
  const assigned = new Set(counts.keys());
  if (!loopInvariant(test.end, assigned) || (test.end.kind !== "const" && test.end.kind !== "local.get"))
    return null;
  // Exactly one assignment of iv, a top-level `iv = iv + step`.
  if (counts.get(test.iv) !== 1) return null;
  let incAt = -1;
  let step: Expr | null = null;
  for (let i = 0; i < body.length; i++) {
    const s = body[i]!;
    if (
      s.kind === "local.set" &&
      s.index === test.iv &&
      s.value.kind === "binary" &&
      s.value.op === "i64.add" &&
      s.value.left.kind === "local.get" &&
      s.value.left.index === test.iv
    ) {
      incAt = i;
      step = s.value.right;
    }
  }
  if (step === null) return null;
  const st = step;
  if (!(st.kind === "const" || (st.kind === "local.get" && !assigned.has(st.index)))) return null;
  const copies = new Set<number>();
  for (let i = 1; i < incAt; i++) {
    const s = body[i]!;
    if (s.kind !== "local.set" || s.value.kind !== "local.get" || s.value.index !== test.iv) break;
    if (counts.get(s.index) !== 1) break;
    copies.add(s.index);
  }
  return { ...test, step: st, incAt, copies, assigned, counts };
}

function accesses(body: readonly Stmt[], c: CountedLoop): Access[] {
  const found: Access[] = [];
  const ivOk = (x: Expr, at: number): boolean =>
    x.kind === "local.get" && (c.copies.has(x.index) || (x.index === c.iv && at < c.incAt));
  /** `i` as `inv + iv` (iv: the induction variable or a copy), or null. */
  const affine = (i: Expr, at: number): { inv: Expr | null; iv: Expr } | null => {
    if (ivOk(i, at)) return { inv: null, iv: i };
    if (i.kind !== "binary") return null;
    if (i.op === "i64.add") {
      if (ivOk(i.right, at) && loopInvariant(i.left, c.assigned)) return { inv: i.left, iv: i.right };
      if (ivOk(i.left, at) && loopInvariant(i.right, c.assigned)) return { inv: i.right, iv: i.left };
    }
    if (i.op === "i64.sub" && ivOk(i.left, at) && i.right.kind === "const") {
      const v = BigInt.asIntN(64, BigInt(i.right.value));
      if (v !== -(1n << 63n)) return { inv: i64c(-v), iv: i.left };
    }
    return null;
  };
  // Derived indexes: a local `d` the loop assigns once, `d = inv + iv`, holds this iteration's
  // value in every later statement of the list holding the assignment, when that list is the
  // loop body or a block reached through blocks only (entered at its top; a break past the
  // assignment skips those statements too). Its unchecked access indexes with `d` itself.
  const derived = new Map<number, { inv: Expr | null; iv: Expr }>();
  const match = (x: ElemAddr, at: number): Access | null => {
    if (x.base.kind !== "local.get" || c.assigned.has(x.base.index)) return null;
    const base = x.base.index;
    const i = x.index;
    const d = i.kind === "local.get" ? derived.get(i.index) : undefined;
    if (d) return { node: x, base, ...d, index: i };
    const m = affine(i, at);
    return m ? { node: x, base, ...m } : null;
  };
  const visit = (s: Stmt, at: number): void => {
    const e = (x: Expr): void => {
      if (x.kind === "elem.addr") {
        const m = match(x, at);
        if (m) found.push(m);
      }
      forEachChild(x, e, st);
    };
    const st = (x: Stmt): void => forEachStmtChild(x, e, st);
    st(s);
  };
  const list = (ss: readonly Stmt[], outerAt: number | null): void => {
    const added: number[] = [];
    ss.forEach((s, i) => {
      const at = outerAt ?? i;
      if (s.kind === "block") list(s.body, at);
      else visit(s, at);
      if (s.kind === "local.set" && c.counts.get(s.index) === 1 && !c.copies.has(s.index)) {
        const m = affine(s.value, at);
        if (m) {
          derived.set(s.index, m);
          added.push(s.index);
        }
      }
    });
    for (const d of added) derived.delete(d);
  };
  list(body, null);
  return found;
}

function versionLoop(loop: Extract<Stmt, { kind: "loop" }>, newLocal: NewLocal): Stmt[] | null {
  const c = countedLoop(loop);
  if (!c) return null;
  if (countNodes(loop.body, MAX_BODY_NODES + 1) > MAX_BODY_NODES) return null;
  const found = accesses(loop.body, c);
  if (found.length === 0) return null;

  const pre: Stmt[] = [];
  // Invariant parts that are not a local or a constant are computed once, before the loop.
  const hoisted = new Map<string, Expr>();
  const invOf = (a: Access): Expr | null => {
    if (a.inv === null || a.inv.kind === "const" || a.inv.kind === "local.get") return a.inv;
    const k = key(a.inv);
    let h = hoisted.get(k);
    if (!h) {
      const t = newLocal();
      pre.push({ kind: "local.set", index: t, value: a.inv });
      h = get(t);
      hoisted.set(k, h);
    }
    return h;
  };
  const start = get(c.iv);
  const last = c.inclusive ? c.end : bin("i64.sub", c.end, i64c(1n));
  // When the loop runs (start <= last): the step is positive and last + step does not wrap,
  // so iv only grows and never wraps; d = last - start is exact, and below every length.
  let ok: Expr = bin(
    "i32.and",
    bin("i64.ge_s", c.step, i64c(1n)),
    bin("i64.gt_s", bin("i64.add", last, c.step), last),
  );
  const span = bin("i64.sub", last, start);
  const rewritten = new Map<ElemAddr, Expr>();
  for (const a of found) {
    const inv = invOf(a);
    const index = a.index ?? (inv === null ? a.iv : bin("i64.add", inv, a.iv));
    const len: Expr = {
      kind: "unary",
      op: "i64.extend_i32_u",
      value: { kind: "load", op: "i32.load", addr: get(a.base), offset: ARRAY_LENGTH_OFFSET },
    };
    // lo = inv + start and hi = inv + last in [0, len) (unsigned compares) and d < len: every
    // index inv + iv, iv in [start, last], is lo + (iv - start) <= lo + d = hi exactly.
    const lo = inv === null ? start : bin("i64.add", inv, start);
    const hi = inv === null ? last : bin("i64.add", inv, last);
    const cond = bin(
      "i32.and",
      bin("i32.and", bin("i64.lt_u", lo, len), bin("i64.lt_u", hi, len)),
      bin("i64.lt_u", span, len),
    );
    ok = bin("i32.and", ok, cond);
    const shift = Math.log2(a.node.elemSize);
    const offset: Expr = { kind: "unary", op: "i32.wrap_i64", value: index };
    rewritten.set(
      a.node,
      bin("i32.add", get(a.base), shift > 0 ? bin("i32.shl", offset, i32c(shift)) : offset),
    );
  }
  // The range test is evaluated only when the loop runs: `flag = 1; if (runs) flag = ok`.
  // As one `!runs | ok` expression both backends computed every term (loads included) at each
  // entry, though a loop entered only to exit at once (sieve's inner loop for every prime
  // above the square root) needs none of them.
  const runs = bin(c.inclusive ? "i64.le_s" : "i64.lt_s", start, c.end);
  const flag = newLocal("i32");
  pre.push(
    { kind: "local.set", index: flag, value: i32c(1) },
    { kind: "if", cond: runs, then: [{ kind: "local.set", index: flag, value: ok }], else: [] },
  );
  const fast: Stmt = { ...loop, body: loop.body.map((s) => unchecked(s, rewritten)) };
  const versioned: Stmt = {
    kind: "if",
    cond: get(flag),
    then: [fast],
    else: [loop],
    ...(loop.loc !== undefined ? { loc: loop.loc } : {}),
  };
  return [...pre, versioned];
}

/** `s` with the accesses in `raw` replaced by their unchecked addresses. */
function unchecked(s: Stmt, raw: ReadonlyMap<ElemAddr, Expr>): Stmt {
  const e = (x: Expr): Expr => uncheckedExpr(x, raw);
  const r = s.kind === "store" && s.addr.kind === "elem.addr" ? raw.get(s.addr) : undefined;
  if (s.kind === "store" && r)
    return { ...s, addr: r, offset: s.offset + ARRAY_DATA_OFFSET, value: e(s.value) };
  return mapStmtChildren(s, e, (y) => [unchecked(y, raw)]);
}

function uncheckedExpr(x: Expr, raw: ReadonlyMap<ElemAddr, Expr>): Expr {
  const e = (y: Expr): Expr => uncheckedExpr(y, raw);
  if (x.kind === "load" && x.addr.kind === "elem.addr") {
    const r = raw.get(x.addr);
    if (r) return { ...x, addr: r, offset: x.offset + ARRAY_DATA_OFFSET };
  }
  if (x.kind === "elem.addr") {
    const r = raw.get(x);
    if (r) return bin("i32.add", r, i32c(ARRAY_DATA_OFFSET));
  }
  return mapChildren(x, e, (y) => [unchecked(y, raw)]);
}
