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

import {
  mapChildren,
  mapStmtChildren,
  walkBody,
  type Expr,
  type Func,
  type Stmt,
  type ValType,
} from "../../artifact/index.ts";

type Ret = Extract<Stmt, { kind: "return" }>;

type Add = "i32.add" | "i64.add";

function isSelfCall(e: Expr | undefined, self: number): e is Extract<Expr, { kind: "call" }> {
  return e?.kind === "call" && e.func === self;
}

function isTail(r: Ret, self: number, add: Add): boolean {
  const v = r.value;
  return isSelfCall(v, self) || (v?.kind === "binary" && v.op === add && isSelfCall(v.right, self));
}

/**
 * A statement-only scan for tail calls (cheap, and no closures: most functions have none);
 * tail calls inside `seq` expressions are rewritten when another one is found, never looked for.
 */
function hasTail(ss: readonly Stmt[], self: number, add: Add): boolean {
  for (const s of ss) {
    if (
      s.kind === "return"
        ? isTail(s, self, add)
        : s.kind === "block" || s.kind === "loop"
          ? hasTail(s.body, self, add)
          : s.kind === "if" && (hasTail(s.then, self, add) || hasTail(s.else, self, add))
    )
      return true;
  }
  return false;
}

/** `f` (function `self`) with tail self-calls turned into a loop; `f` itself when there are none. */
export function eliminateTailRecursion(f: Func, self: number): Func {
  const result = f.type.result;
  if (result === null) return unitTailLoop(f, self);
  if (result !== "i32" && result !== "i64") return f;
  const add: Add = result === "i32" ? "i32.add" : "i64.add";
  if (!hasTail(f.body, self, add)) return f;
  const selfCall = (e: Expr | undefined): e is Extract<Expr, { kind: "call" }> => isSelfCall(e, self);
  const params = f.type.params.length;
  const acc = params + f.locals.length;
  const tmps = f.type.params.map((_, i) => acc + 1 + i);
  // The new loop's label must differ from every label in the body.
  const label = freshLabel(f);
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
  const stmtsExpr = (e: Expr): Expr => mapChildren(e, stmtsExpr, rewrite);
  const rewrite = (s: Stmt): Stmt[] => {
    if (s.kind === "return") return s.value === undefined ? [s] : ret(s);
    return [mapStmtChildren(s, stmtsExpr, rewrite)];
  };

  const reset: Stmt[] = f.locals.map((t, i) => ({ kind: "local.set", index: params + i, value: zero(t) }));
  const body: Stmt[] = [
    { kind: "local.set", index: acc, value: zero(result) },
    { kind: "loop", label, body: [...reset, ...f.body.flatMap(rewrite), { kind: "unreachable" }] },
  ];
  return { ...f, locals: [...f.locals, result, ...f.type.params], body };
}

/** The label one above every label in `f`'s body (`seq`s included), free for a new loop. */
function freshLabel(f: Func): number {
  let maxLabel = -1;
  walkBody(
    f.body,
    () => {},
    (s) => {
      if (s.kind === "block" || s.kind === "loop") maxLabel = Math.max(maxLabel, s.label);
    },
  );
  return maxLabel + 1;
}

/**
 * A function without a result whose last statement is a call of itself (`Visit(c, n - 1);`,
 * as `unitTailCall` in src/artifact/frees.ts sees it): that call becomes `params = args;
 * continue` of a loop around the body, as `cc -O2` makes it a jump in the AOT build. The JIT
 * applies this after inserting frees (unlike the rewrite above): frees.ts frees the function's
 * locals before such a call, which reads none of them, so each round frees its own objects.
 */
function unitTailLoop(f: Func, self: number): Func {
  const last = f.body[f.body.length - 1];
  if (last?.kind !== "expr" || !isSelfCall(last.expr, self)) return f;
  const call = last.expr;
  const params = f.type.params.length;
  const tmps = f.type.params.map((_, i) => params + f.locals.length + i);
  const label = freshLabel(f);
  const zero = (t: ValType): Expr => ({ kind: "const", type: t, value: t === "i64" ? 0n : 0 });
  const reset: Stmt[] = f.locals.map((t, i) => ({ kind: "local.set", index: params + i, value: zero(t) }));
  // Arguments are evaluated in order into temporaries, then become the parameters.
  const next: Stmt[] = [
    ...call.args.map((a, i): Stmt => ({ kind: "local.set", index: tmps[i]!, value: a })),
    ...call.args.map((_, i): Stmt => ({
      kind: "local.set",
      index: i,
      value: { kind: "local.get", index: tmps[i]! },
    })),
    { kind: "continue", label, ...(last.loc !== undefined ? { loc: last.loc } : {}) },
  ];
  const body: Stmt[] = [{ kind: "loop", label, body: [...reset, ...f.body.slice(0, -1), ...next] }];
  return { ...f, locals: [...f.locals, ...f.type.params], body };
}
