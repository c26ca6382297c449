/**
 * The direct children of an IR node, in evaluation order: the one traversal the JIT's
 * analyses (`emit.ts`, `loops.ts`) share, so a new node kind is added in one place.
 */

import { assertNever, type Expr, type Stmt } from "../../artifact/index.ts";

/** Calls `e` for each child expression and `s` for each child statement of expression `x`. */
export function forEachChild(x: Expr, e: (c: Expr) => void, s: (c: Stmt) => void): void {
  switch (x.kind) {
    case "const":
    case "local.get":
    case "global.get":
    case "data.addr":
    case "memory.size":
      return;
    case "local.tee":
    case "unary":
      e(x.value);
      return;
    case "binary":
      e(x.left);
      e(x.right);
      return;
    case "load":
      e(x.addr);
      return;
    case "call":
    case "call.runtime":
    case "call.extern":
      x.args.forEach(e);
      return;
    case "call.indirect":
      x.args.forEach(e);
      e(x.target);
      return;
    case "select":
      e(x.then);
      e(x.else);
      e(x.cond);
      return;
    case "cond":
      e(x.cond);
      e(x.then);
      e(x.else);
      return;
    case "seq":
      x.body.forEach(s);
      e(x.value);
      return;
    case "elem.addr":
      e(x.base);
      e(x.index);
      return;
    case "memory.grow":
      e(x.pages);
      return;
    default:
      assertNever(x);
  }
}

/** Calls `e` for each child expression and `s` for each child statement of statement `x`. */
export function forEachStmtChild(x: Stmt, e: (c: Expr) => void, s: (c: Stmt) => void): void {
  switch (x.kind) {
    case "expr":
      e(x.expr);
      return;
    case "local.set":
    case "global.set":
      e(x.value);
      return;
    case "store":
      e(x.addr);
      e(x.value);
      return;
    case "block":
    case "loop":
      x.body.forEach(s);
      return;
    case "if":
      e(x.cond);
      x.then.forEach(s);
      x.else.forEach(s);
      return;
    case "return":
      if (x.value !== undefined) e(x.value);
      return;
    case "break":
    case "continue":
    case "unreachable":
      return;
    case "memory.copy":
      e(x.dst);
      e(x.src);
      e(x.len);
      return;
    case "memory.fill":
      e(x.dst);
      e(x.value);
      e(x.len);
      return;
    default:
      assertNever(x);
  }
}
