/**
 * Types of IR expressions, derived from the nodes (the IR stores no redundant types): the
 * result type of every op, load and call. Used by backends (to drop values, declare C
 * temporaries) and by the verifier. It does not check anything; see `verify.ts`.
 */

import type { BinaryOp, CodegenArtifact, Expr, FuncType, LoadOp, UnaryOp, ValType } from "./schema.ts";
import { runtimeFunction } from "./runtime-abi.ts";

function prefixType(op: string): ValType {
  return op.slice(0, 3) as ValType;
}

const COMPARE = /\.(eqz|eq|ne|lt|gt|le|ge)(_[su])?$/;

export function unaryResult(op: UnaryOp): ValType {
  if (op === "i64.eqz") return "i32";
  return prefixType(op);
}

export function binaryResult(op: BinaryOp): ValType {
  return COMPARE.test(op) ? "i32" : prefixType(op);
}

/** The operand type of a binary op (both sides). */
export function binaryOperand(op: BinaryOp): ValType {
  return prefixType(op);
}

/** The operand type of a unary op. */
export function unaryOperand(op: UnaryOp): ValType {
  const m = /_(i32|i64|f32|f64)(_[su])?$/.exec(op);
  return m ? (m[1] as ValType) : prefixType(op);
}

export function loadResult(op: LoadOp): ValType {
  return prefixType(op);
}

export interface TypeContext {
  readonly artifact: CodegenArtifact;
  /** Parameter types followed by local types of the function being examined. */
  readonly localTypes: readonly ValType[];
}

export function runtimeType(name: string): FuncType | undefined {
  return runtimeFunction(name)?.type;
}

/** The value type of `e`, or null for a call of a function without a result. */
export function exprType(ctx: TypeContext, e: Expr): ValType | null {
  switch (e.kind) {
    case "const":
      return e.type;
    case "local.get":
    case "local.tee":
      return ctx.localTypes[e.index] ?? null;
    case "global.get":
      return ctx.artifact.globals[e.index]?.type ?? null;
    case "unary":
      return unaryResult(e.op);
    case "binary":
      return binaryResult(e.op);
    case "load":
      return loadResult(e.op);
    case "call":
      return ctx.artifact.functions[e.func]?.type.result ?? null;
    case "call.indirect":
      return e.type.result;
    case "call.runtime":
      return runtimeType(e.name)?.result ?? null;
    case "call.extern":
      return ctx.artifact.externs[e.ext]?.type.result ?? null;
    case "select":
      return exprType(ctx, e.then);
    case "cond":
      return e.type;
    case "seq":
      return exprType(ctx, e.value);
    case "data.addr":
    case "elem.addr":
    case "memory.size":
    case "memory.grow":
      return "i32";
    default:
      return assertNever(e);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}
