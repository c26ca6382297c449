/**
 * Structural and type checks of a `CodegenArtifact`: every index in range, every label
 * enclosing, every operand of the type its op expects, every call with the right arity and
 * types, runtime names from the catalog, built-in layouts in place. Lowering runs it in its
 * tests; the JIT runs it before emitting so a lowering bug is a clear message naming the
 * function, not an opaque WebAssembly validation error.
 *
 * It returns problems as strings (it is a development aid, not a user diagnostic) and does
 * not check that non-void functions return on every path (WebAssembly validation does).
 */

import { BUILTIN_LAYOUTS } from "./runtime-abi.ts";
import {
  MAX_NESTING,
  type CodegenArtifact,
  type Expr,
  type Func,
  type FuncType,
  type Stmt,
  type ValType,
} from "./schema.ts";
import {
  assertNever,
  binaryOperand,
  binaryResult,
  exprType,
  runtimeType,
  unaryOperand,
  unaryResult,
  loadResult,
} from "./types.ts";

export function verifyArtifact(a: CodegenArtifact, maxProblems = 50): string[] {
  const problems: string[] = [];
  const report = (where: string, msg: string): void => {
    if (problems.length < maxProblems) problems.push(`${where}: ${msg}`);
  };
  BUILTIN_LAYOUTS.forEach((l, i) => {
    const got = a.layouts[i];
    if (!got || got.kind !== l.kind || got.name !== l.name)
      report("layouts", `built-in layout ${i} (${l.name}) missing`);
  });
  for (const slot of a.table) if (!a.functions[slot]) report("table", `function ${slot} does not exist`);
  for (const t of a.tests) {
    const f = a.functions[t.func];
    if (!f || f.type.params.length !== 0 || f.type.result !== null)
      report(`test ${t.qualifiedName}`, "func must be () -> void");
  }
  const entries = a.entry ? [a.entry, ...a.entryPoints] : a.entryPoints;
  for (const e of entries) {
    const f = a.functions[e.func];
    if (!f || f.type.params.length !== 0 || f.type.result === "f32" || f.type.result === "f64")
      report(`entry ${e.name}`, "must be () -> i32 | i64 | void");
  }
  a.functions.forEach((f, i) => verifyFunc(a, f, `function ${i} ${f.name}`, report));
  return problems;
}

function sameType(a: FuncType, b: FuncType): boolean {
  return (
    a.result === b.result &&
    a.params.length === b.params.length &&
    a.params.every((p, i) => p === b.params[i])
  );
}

function verifyFunc(
  a: CodegenArtifact,
  f: Func,
  where: string,
  report: (w: string, m: string) => void,
): void {
  const localTypes: ValType[] = [...f.type.params, ...f.locals];
  const ctx = { artifact: a, localTypes };
  const labels: { label: number; loop: boolean }[] = [];
  // Depth guard: report a too-deep tree once instead of overflowing the JS stack.
  let depth = 0;
  let tooDeep = false;
  const enter = (): boolean => {
    if (++depth <= MAX_NESTING) return true;
    if (!tooDeep) report(where, `nesting deeper than ${MAX_NESTING} levels (spill into locals)`);
    tooDeep = true;
    return false;
  };

  const expect = (e: Expr, want: ValType | null, what: string): void => {
    const got = checkExpr(e);
    if (got !== want) report(where, `${what}: expected ${want ?? "no value"}, found ${got ?? "no value"}`);
  };
  const args = (params: readonly ValType[], es: readonly Expr[], what: string): void => {
    if (params.length !== es.length)
      report(where, `${what}: ${es.length} arguments for ${params.length} parameters`);
    es.forEach((e, i) => expect(e, params[i] ?? null, `${what} argument ${i}`));
  };
  const local = (i: number): void => {
    if (!(i >= 0 && i < localTypes.length)) report(where, `local ${i} does not exist`);
  };

  function checkExpr(e: Expr): ValType | null {
    if (!enter()) {
      depth--;
      return exprType(ctx, e);
    }
    try {
      return checkExprInner(e);
    } finally {
      depth--;
    }
  }

  function checkExprInner(e: Expr): ValType | null {
    switch (e.kind) {
      case "const":
        if (e.type === "i64" ? typeof e.value !== "bigint" : typeof e.value !== "number")
          report(where, `const ${e.type} has a ${typeof e.value} value`);
        break;
      case "local.get":
        local(e.index);
        break;
      case "local.tee":
        local(e.index);
        expect(e.value, localTypes[e.index] ?? null, "local.tee");
        break;
      case "global.get":
        if (!a.globals[e.index]) report(where, `global ${e.index} does not exist`);
        break;
      case "unary":
        expect(e.value, unaryOperand(e.op), e.op);
        return unaryResult(e.op);
      case "binary":
        expect(e.left, binaryOperand(e.op), e.op);
        expect(e.right, binaryOperand(e.op), e.op);
        return binaryResult(e.op);
      case "load":
        expect(e.addr, "i32", `${e.op} address`);
        return loadResult(e.op);
      case "call": {
        const fn = a.functions[e.func];
        if (!fn) {
          report(where, `call of function ${e.func} that does not exist`);
          return null;
        }
        args(fn.type.params, e.args, `call ${fn.name}`);
        break;
      }
      case "call.indirect":
        expect(e.target, "i32", "call.indirect target");
        args(e.type.params, e.args, "call.indirect");
        break;
      case "call.runtime": {
        const t = runtimeType(e.name);
        if (!t) {
          report(where, `unknown runtime function ${e.name}`);
          return null;
        }
        args(t.params, e.args, `rt.${e.name}`);
        break;
      }
      case "call.extern": {
        const x = a.externs[e.ext];
        if (!x) {
          report(where, `extern ${e.ext} does not exist`);
          return null;
        }
        args(x.type.params, e.args, `extern ${x.name}`);
        break;
      }
      case "select": {
        expect(e.cond, "i32", "select condition");
        const t = checkExpr(e.then);
        expect(e.else, t, "select else");
        return t;
      }
      case "cond":
        expect(e.cond, "i32", "cond condition");
        expect(e.then, e.type, "cond then");
        expect(e.else, e.type, "cond else");
        break;
      case "seq":
        for (const s of e.body) checkStmt(s);
        return checkExpr(e.value);
      case "data.addr":
        if (!a.data[e.segment]) report(where, `data segment ${e.segment} does not exist`);
        break;
      case "elem.addr":
        expect(e.base, "i32", "elem.addr base");
        expect(e.index, "i64", "elem.addr index");
        break;
      case "memory.size":
        break;
      case "memory.grow":
        expect(e.pages, "i32", "memory.grow pages");
        break;
      default:
        assertNever(e);
    }
    return exprType(ctx, e);
  }

  function checkBody(body: readonly Stmt[]): void {
    for (const s of body) checkStmt(s);
  }

  function checkStmt(s: Stmt): void {
    if (!enter()) {
      depth--;
      return;
    }
    try {
      checkStmtInner(s);
    } finally {
      depth--;
    }
  }

  function checkStmtInner(s: Stmt): void {
    switch (s.kind) {
      case "expr":
        checkExpr(s.expr);
        return;
      case "local.set":
        local(s.index);
        expect(s.value, localTypes[s.index] ?? null, "local.set");
        return;
      case "global.set": {
        const g = a.globals[s.index];
        if (!g) report(where, `global ${s.index} does not exist`);
        else if (!g.mutable) report(where, `global ${g.name} is immutable`);
        expect(s.value, g?.type ?? null, "global.set");
        return;
      }
      case "store":
        expect(s.addr, "i32", `${s.op} address`);
        expect(s.value, s.op.slice(0, 3) as ValType, s.op);
        return;
      case "block":
      case "loop":
        if (labels.some((l) => l.label === s.label)) report(where, `label ${s.label} reused inside itself`);
        labels.push({ label: s.label, loop: s.kind === "loop" });
        checkBody(s.body);
        labels.pop();
        return;
      case "if":
        expect(s.cond, "i32", "if condition");
        checkBody(s.then);
        checkBody(s.else);
        return;
      case "break":
      case "continue": {
        const l = labels.find((x) => x.label === s.label);
        if (!l) report(where, `${s.kind} to label ${s.label} which does not enclose it`);
        else if (s.kind === "continue" && !l.loop)
          report(where, `continue to label ${s.label} which is not a loop`);
        return;
      }
      case "return":
        if (s.value === undefined) {
          if (f.type.result !== null)
            report(where, `return without a value in a function returning ${f.type.result}`);
        } else expect(s.value, f.type.result, "return");
        return;
      case "unreachable":
        return;
      case "memory.copy":
        expect(s.dst, "i32", "memory.copy dst");
        expect(s.src, "i32", "memory.copy src");
        expect(s.len, "i32", "memory.copy len");
        return;
      case "memory.fill":
        expect(s.dst, "i32", "memory.fill dst");
        expect(s.value, "i32", "memory.fill value");
        expect(s.len, "i32", "memory.fill len");
        return;
      default:
        assertNever(s);
    }
  }

  checkBody(f.body);
}

export { sameType as sameFuncType };
