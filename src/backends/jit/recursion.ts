/**
 * Self-recursion in tail position becomes a loop: an IR → IR rewrite the JIT applies before
 * emitting (docs/runtime.md, "Generated code"). WebAssembly engines do not eliminate tail
 * calls, while C compilers do (the C twins and the AOT backend get it from `cc -O2`).
 *
 * In a function `f` returning `i32`/`i64`:
 *
 *     return call f(args)          →  params = args; continue
 *     return left + call f(args)   →  acc = acc + left; params = args; continue
 *     return x                     →  return acc + x
 *
 * `acc` starts at 0; the body runs inside a loop that resets the other locals to 0 at the top
 * of each round, as a fresh call would. The order of evaluation is unchanged (`left`, then
 * the arguments, then the callee's body), and integer `add` wraps, so it is associative and
 * commutative: `acc + (left + f(args))` equals `(acc + left) + f(args)` bit for bit. Only the
 * number of stack frames changes: a panic reports the same message and location, with fewer
 * frames of `f` in its trace, and recursion that used to overflow the stack may now finish.
 */

import { walkBody, type Expr, type Func, type Stmt, type ValType } from "../../artifact/index.ts";

type Ret = Extract<Stmt, { kind: "return" }>;

/** `f` (function `self`) with tail self-calls turned into a loop; `f` itself when there are none. */
export function eliminateTailRecursion(f: Func, self: number): Func {
  const result = f.type.result;
  if (result !== "i32" && result !== "i64") return f;
  const add = result === "i32" ? "i32.add" : "i64.add";
  const selfCall = (e: Expr | undefined): e is Extract<Expr, { kind: "call" }> =>
    e?.kind === "call" && e.func === self;
  const isTail = (r: Ret): boolean =>
    selfCall(r.value) || (r.value?.kind === "binary" && r.value.op === add && selfCall(r.value.right));
  let tails = 0;
  let maxLabel = -1;
  walkBody(
    f.body,
    () => {},
    (s) => {
      if (s.kind === "return" && isTail(s)) tails++;
      if (s.kind === "block" || s.kind === "loop") maxLabel = Math.max(maxLabel, s.label);
    },
  );
  if (tails === 0) return f;

  const params = f.type.params.length;
  const acc = params + f.locals.length;
  const tmps = f.type.params.map((_, i) => acc + 1 + i);
  const label = maxLabel + 1;
  const zero = (t: ValType): Expr => ({ kind: "const", type: t, value: t === "i64" ? 0n : 0 });
  const get = (index: number): Expr => ({ kind: "local.get", index });

  const ret = (r: Ret): Stmt[] => {
    const v = r.value!;
    let call: Extract<Expr, { kind: "call" }>;
    const pre: Stmt[] = [];
    if (selfCall(v)) call = v;
    else if (v.kind === "binary" && v.op === add && selfCall(v.right)) {
      call = v.right;
      pre.push({
        kind: "local.set",
        index: acc,
        value: { kind: "binary", op: add, left: get(acc), right: stmtsExpr(v.left) },
      });
    } else {
      const value: Expr = { kind: "binary", op: add, left: get(acc), right: stmtsExpr(v) };
      return [{ ...r, value }];
    }
    // Arguments are evaluated in order into temporaries, then become the parameters.
    call.args.forEach((a, i) => pre.push({ kind: "local.set", index: tmps[i]!, value: stmtsExpr(a) }));
    call.args.forEach((_, i) => pre.push({ kind: "local.set", index: i, value: get(tmps[i]!) }));
    pre.push({ kind: "continue", label, ...(r.loc !== undefined ? { loc: r.loc } : {}) });
    return pre;
  };
  // Returns inside `seq` expressions are rewritten too.
  const stmtsExpr = (e: Expr): Expr => mapExpr(e, rewrite);
  const rewrite = (s: Stmt): Stmt[] => {
    if (s.kind === "return") return s.value === undefined ? [s] : ret(s);
    return [mapStmt(s, rewrite, stmtsExpr)];
  };

  const reset: Stmt[] = f.locals.map((t, i) => ({ kind: "local.set", index: params + i, value: zero(t) }));
  const body: Stmt[] = [
    { kind: "local.set", index: acc, value: zero(result) },
    { kind: "loop", label, body: [...reset, ...f.body.flatMap(rewrite), { kind: "unreachable" }] },
  ];
  return { ...f, locals: [...f.locals, result, ...f.type.params], body };
}

/** `s` with its child statements replaced by `onS` and child expressions by `onE`. */
function mapStmt(s: Stmt, onS: (s: Stmt) => Stmt[], onE: (e: Expr) => Expr): Stmt {
  const ss = (xs: readonly Stmt[]): Stmt[] => xs.flatMap(onS);
  switch (s.kind) {
    case "expr":
      return { ...s, expr: onE(s.expr) };
    case "local.set":
    case "global.set":
      return { ...s, value: onE(s.value) };
    case "store":
      return { ...s, addr: onE(s.addr), value: onE(s.value) };
    case "block":
    case "loop":
      return { ...s, body: ss(s.body) };
    case "if":
      return { ...s, cond: onE(s.cond), then: ss(s.then), else: ss(s.else) };
    case "return":
      return s.value === undefined ? s : { ...s, value: onE(s.value) };
    case "memory.copy":
      return { ...s, dst: onE(s.dst), src: onE(s.src), len: onE(s.len) };
    case "memory.fill":
      return { ...s, dst: onE(s.dst), value: onE(s.value), len: onE(s.len) };
    case "break":
    case "continue":
    case "unreachable":
      return s;
  }
}

/** `e` with the statements of nested `seq` expressions replaced by `onS`. */
function mapExpr(e: Expr, onS: (s: Stmt) => Stmt[]): Expr {
  const m = (x: Expr): Expr => mapExpr(x, onS);
  switch (e.kind) {
    case "const":
    case "local.get":
    case "global.get":
    case "data.addr":
    case "memory.size":
      return e;
    case "local.tee":
    case "unary":
      return { ...e, value: m(e.value) };
    case "binary":
      return { ...e, left: m(e.left), right: m(e.right) };
    case "load":
      return { ...e, addr: m(e.addr) };
    case "call":
    case "call.runtime":
    case "call.extern":
      return { ...e, args: e.args.map(m) };
    case "call.indirect":
      return { ...e, args: e.args.map(m), target: m(e.target) };
    case "select":
    case "cond":
      return { ...e, cond: m(e.cond), then: m(e.then), else: m(e.else) };
    case "seq":
      return { ...e, body: e.body.flatMap(onS), value: m(e.value) };
    case "elem.addr":
      return { ...e, base: m(e.base), index: m(e.index) };
    case "memory.grow":
      return { ...e, pages: m(e.pages) };
  }
}
