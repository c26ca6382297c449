/**
 * Traversal of IR trees: the children of a node in evaluation order, and a whole-body walk
 * built on it. Every backend analysis that needs "everything under this statement" uses
 * these, so a new node kind is taught to one switch.
 */

import type { Expr, Stmt } from "./schema.ts";
import { assertNever } from "./types.ts";

/** Calls `e` on each child expression and `s` on each child statement of `x`, in evaluation order. */
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
      return e(x.value);
    case "binary":
      e(x.left);
      return e(x.right);
    case "load":
      return e(x.addr);
    case "call":
    case "call.runtime":
    case "call.extern":
      for (let i = 0; i < x.args.length; i++) e(x.args[i]!);
      return;
    case "call.indirect":
      for (let i = 0; i < x.args.length; i++) e(x.args[i]!);
      return e(x.target);
    case "select":
      e(x.then);
      e(x.else);
      return e(x.cond);
    case "cond":
      e(x.cond);
      e(x.then);
      return e(x.else);
    case "seq":
      for (let i = 0; i < x.body.length; i++) s(x.body[i]!);
      return e(x.value);
    case "elem.addr":
      e(x.base);
      return e(x.index);
    case "memory.grow":
      return e(x.pages);
    default:
      return assertNever(x);
  }
}

/** Calls `e` on each child expression and `s` on each child statement of statement `x`. */
export function forEachStmtChild(x: Stmt, e: (c: Expr) => void, s: (c: Stmt) => void): void {
  switch (x.kind) {
    case "expr":
      return e(x.expr);
    case "local.set":
    case "global.set":
      return e(x.value);
    case "store":
      e(x.addr);
      return e(x.value);
    case "block":
    case "loop":
      for (let i = 0; i < x.body.length; i++) s(x.body[i]!);
      return;
    case "if":
      e(x.cond);
      for (let i = 0; i < x.then.length; i++) s(x.then[i]!);
      for (let i = 0; i < x.else.length; i++) s(x.else[i]!);
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
      return e(x.len);
    case "memory.fill":
      e(x.dst);
      e(x.value);
      return e(x.len);
    default:
      return assertNever(x);
  }
}

/** Calls `onE` on every expression and `onS` on every statement under `body`, parents first. */
export function walkBody(
  body: readonly Stmt[],
  onE: (e: Expr) => void,
  onS: (s: Stmt) => void = () => {},
): void {
  const visitE = (x: Expr): void => {
    onE(x);
    forEachChild(x, visitE, visitS);
  };
  const visitS = (x: Stmt): void => {
    onS(x);
    forEachStmtChild(x, visitE, visitS);
  };
  for (let i = 0; i < body.length; i++) visitS(body[i]!);
}

/**
 * `x` rebuilt with each child expression replaced by `e(child)` and each child statement
 * list by the concatenation of `s(child)` (a statement may become several); `x` itself for
 * a leaf. The one tree rebuild IR → IR rewrites share.
 */
export function mapChildren(x: Expr, e: (c: Expr) => Expr, s: (c: Stmt) => Stmt[]): Expr {
  switch (x.kind) {
    case "const":
    case "local.get":
    case "global.get":
    case "data.addr":
    case "memory.size":
      return x;
    case "local.tee":
    case "unary":
      return { ...x, value: e(x.value) };
    case "binary":
      return { ...x, left: e(x.left), right: e(x.right) };
    case "load":
      return { ...x, addr: e(x.addr) };
    case "call":
    case "call.runtime":
    case "call.extern":
      return { ...x, args: x.args.map((a) => e(a)) };
    case "call.indirect":
      return { ...x, args: x.args.map((a) => e(a)), target: e(x.target) };
    case "select":
    case "cond":
      return { ...x, cond: e(x.cond), then: e(x.then), else: e(x.else) };
    case "seq":
      return { ...x, body: x.body.flatMap((b) => s(b)), value: e(x.value) };
    case "elem.addr":
      return { ...x, base: e(x.base), index: e(x.index) };
    case "memory.grow":
      return { ...x, pages: e(x.pages) };
    default:
      return assertNever(x);
  }
}

/** Statement `x` rebuilt like `mapChildren` does for expressions. */
export function mapStmtChildren(x: Stmt, e: (c: Expr) => Expr, s: (c: Stmt) => Stmt[]): Stmt {
  const ss = (xs: readonly Stmt[]): Stmt[] => xs.flatMap((b) => s(b));
  switch (x.kind) {
    case "expr":
      return { ...x, expr: e(x.expr) };
    case "local.set":
    case "global.set":
      return { ...x, value: e(x.value) };
    case "store":
      return { ...x, addr: e(x.addr), value: e(x.value) };
    case "block":
    case "loop":
      return { ...x, body: ss(x.body) };
    case "if":
      return { ...x, cond: e(x.cond), then: ss(x.then), else: ss(x.else) };
    case "return":
      return x.value === undefined ? x : { ...x, value: e(x.value) };
    case "break":
    case "continue":
    case "unreachable":
      return x;
    case "memory.copy":
      return { ...x, dst: e(x.dst), src: e(x.src), len: e(x.len) };
    case "memory.fill":
      return { ...x, dst: e(x.dst), value: e(x.value), len: e(x.len) };
    default:
      return assertNever(x);
  }
}
