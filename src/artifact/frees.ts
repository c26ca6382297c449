/**
 * Freeing objects that provably die with their function: an IR → IR rewrite both backends
 * apply to the program's functions after linking (docs/runtime.md, "Memory"), like
 * `versionLoops`, so the cached artifact never changes.
 *
 * An **owning local** is a non-parameter i32 local that
 *
 * - is assigned only by `local.set` statements (never `local.tee`), each value either a
 *   fresh object — the direct result of a runtime function that always returns a new object
 *   or constant data (`FRESH`), or the `seq` lowering builds a record or array literal with
 *   (`seq [t = fresh; stores into t…] t`, `t` appearing nowhere else) — or a constant or
 *   `data.addr`; all the fresh values of one local have one size rule (an array's element
 *   size, or a record's constant size);
 * - is read only where the reference cannot be kept: the address of a load or store (also
 *   through `elem.addr`), the source or destination of `memory.copy`/`memory.fill`, an
 *   operand of `i32.eq`/`i32.ne`/`i32.eqz`, an argument a runtime function only reads
 *   (`BORROWS`), or an argument of a program function whose parameter is **borrowed**.
 *
 * So no copy of the reference exists anywhere but in the local: it is never stored in the
 * heap or a global, returned, captured (captures are stores into heap cells), copied to
 * another local, or passed where it could be kept. A parameter is borrowed when the function
 * never assigns it and reads it only in those places (calls to other borrowed parameters
 * included; the greatest fixpoint over the call graph, so recursion is fine).
 *
 * The rewrite frees the old value when an owning local is overwritten (after the new value
 * is computed: `t = v; free(local); local = t`) and every owning local before each `return`
 * (after the returned value is computed when it reads one of them) and at the end of a
 * function without a result. Panics need nothing. Locals start at 0 and constant data lies
 * below the heap base, which the runtime's `free` ignores, so only allocated objects enter
 * the free lists. Anything that does not match is left exactly as it was.
 */

import type { CodegenArtifact, Expr, Func, Stmt, ValType } from "./schema.ts";
import { assignedLocals } from "./loops.ts";
import { forEachChild, forEachStmtChild, mapChildren, mapStmtChildren } from "./walk.ts";

/** How a dead object's size is found: from its length (strings, arrays) or a constant (records). */
export type SizeRule = { readonly elem: number } | { readonly size: number };

/**
 * Runtime functions whose result is always a new object nothing else references, or constant
 * data (never an argument, never a shared heap object), with the size rule of the result.
 */
const FRESH: Readonly<Record<string, (args: readonly Expr[]) => SizeRule | null>> = (() => {
  const str = (): SizeRule => ({ elem: 1 });
  const r: Record<string, (args: readonly Expr[]) => SizeRule | null> = {
    array_new: (args) => {
      const e = args[1];
      return e?.kind === "const" ? { elem: Number(e.value) } : null;
    },
    alloc: (args) => {
      const s = args[1];
      return s?.kind === "const" ? { size: Number(s.value) } : null;
    },
    syscall_read_bytes: () => ({ elem: 1 }),
  };
  for (const n of [
    "str_concat",
    "str_slice",
    "str_from_bytes_utf8",
    "str_from_i32",
    "str_from_u32",
    "str_from_i64",
    "str_from_u64",
    "str_from_f32",
    "str_from_f64",
    "str_from_bool",
    "str_from_char",
    "syscall_read",
    "syscall_read_line",
    "fs_read_text",
    "env_get",
    "env_getcwd",
  ])
    r[n] = str;
  return r;
})();

/**
 * Runtime functions that only read the listed arguments during the call (copying bytes out
 * at most) and keep no reference to them; the result is never one of them.
 */
export const BORROWS: Readonly<Record<string, readonly number[]>> = {
  str_len: [0],
  array_len: [0],
  str_eq: [0, 1],
  str_concat: [0, 1],
  str_slice: [0],
  str_from_bytes_utf8: [0],
  bytes_get: [0],
  bytes_compare: [0, 1],
  bytes_copy: [0, 2],
  syscall_write: [1],
  syscall_write_bytes: [1],
  fs_read_text: [0],
  fs_write_text: [0, 1],
  fs_delete: [0],
  fs_mkdir: [0],
  fs_exists: [0],
  env_get: [0],
  env_set: [0, 1],
  panic: [0],
  unsupported: [0],
};

/** The runtime functions the inserted code calls (indices in the linked artifact). */
export interface FreeTargets {
  /** `free(obj, size)`. */
  readonly free: number;
  /** `free_array(obj, elemSize)`. */
  readonly freeArray: number;
}

/** Per local: read in a place that may keep it; program-function parameters it is passed to. */
interface Uses {
  readonly escapes: Set<number>;
  readonly passed: Map<number, [number, number][]>;
}

/** Where each local is read, given which program-function parameters are borrowed. */
function uses(body: readonly Stmt[], programFunctions: number): Uses {
  const escapes = new Set<number>();
  const passed = new Map<number, [number, number][]>();
  /** `x` in a position where a direct `local.get` cannot keep the reference when `ok`. */
  const e = (x: Expr, ok: boolean): void => {
    switch (x.kind) {
      case "local.get":
        if (!ok) escapes.add(x.index);
        return;
      case "load":
        return e(x.addr, true);
      case "elem.addr":
        e(x.base, ok);
        return e(x.index, false);
      case "unary":
        return e(x.value, x.op === "i32.eqz");
      case "binary": {
        const cmp = x.op === "i32.eq" || x.op === "i32.ne";
        e(x.left, cmp);
        return e(x.right, cmp);
      }
      case "call.runtime": {
        const b = BORROWS[x.name] ?? [];
        x.args.forEach((a, i) => e(a, b.includes(i)));
        return;
      }
      case "call":
        x.args.forEach((a, i) => {
          if (a.kind === "local.get" && x.func < programFunctions) {
            const l = passed.get(a.index) ?? [];
            l.push([x.func, i]);
            passed.set(a.index, l);
          } else e(a, false);
        });
        return;
      default:
        return forEachChild(x, (c) => e(c, false), s);
    }
  };
  const s = (x: Stmt): void => {
    switch (x.kind) {
      case "store":
        e(x.addr, true);
        return e(x.value, false);
      case "memory.copy":
        e(x.dst, true);
        e(x.src, true);
        return e(x.len, false);
      case "memory.fill":
        e(x.dst, true);
        e(x.value, false);
        return e(x.len, false);
      default:
        return forEachStmtChild(x, (c) => e(c, false), s);
    }
  };
  body.forEach(s);
  return { escapes, passed };
}

/** Locals assigned by `local.tee`, and how many times each local occurs (get, set, tee). */
function occurrences(body: readonly Stmt[]): { tees: Set<number>; count: Map<number, number> } {
  const tees = new Set<number>();
  const count = new Map<number, number>();
  const bump = (i: number): void => void count.set(i, (count.get(i) ?? 0) + 1);
  const e = (x: Expr): void => {
    if (x.kind === "local.get") bump(x.index);
    if (x.kind === "local.tee") {
      bump(x.index);
      tees.add(x.index);
    }
    forEachChild(x, e, s);
  };
  const s = (x: Stmt): void => {
    if (x.kind === "local.set") bump(x.index);
    forEachStmtChild(x, e, s);
  };
  body.forEach(s);
  return { tees, count };
}

/**
 * For each program function, which parameters are borrowed: never assigned, read only where
 * the reference cannot be kept or passed to borrowed parameters (greatest fixpoint).
 */
export function borrowedParams(a: CodegenArtifact, programFunctions: number): boolean[][] {
  const info = a.functions.slice(0, programFunctions).map((f) => ({
    f,
    u: uses(f.body, programFunctions),
    // Counts local.set and local.tee, in `seq`s too.
    assigned: assignedLocals(f.body),
  }));
  const borrowed = info.map(({ f, u, assigned }) =>
    f.type.params.map((t, p) => t === "i32" && !u.escapes.has(p) && !assigned.has(p)),
  );
  for (let changed = true; changed;) {
    changed = false;
    info.forEach(({ u }, fi) => {
      borrowed[fi]!.forEach((ok, p) => {
        if (!ok) return;
        const to = u.passed.get(p) ?? [];
        if (to.some(([g, i]) => !(borrowed[g]?.[i] ?? false))) {
          borrowed[fi]![p] = false;
          changed = true;
        }
      });
    });
  }
  return borrowed;
}

function sameRule(x: SizeRule, y: SizeRule): boolean {
  return "elem" in x ? "elem" in y && x.elem === y.elem : "size" in y && x.size === y.size;
}

/** The size rule of a fresh value, "none" for constants and data, or null when not fresh. */
function freshRule(v: Expr, count: ReadonlyMap<number, number>): SizeRule | "none" | null {
  if (v.kind === "const" || v.kind === "data.addr") return "none";
  if (v.kind === "call.runtime") return FRESH[v.name]?.(v.args) ?? null;
  // `seq [t = fresh; store t+k v…] t`, t nowhere else and not in the stored values.
  if (v.kind !== "seq" || v.value.kind !== "local.get") return null;
  const t = v.value.index;
  const [first, ...rest] = v.body;
  if (first?.kind !== "local.set" || first.index !== t || first.value.kind !== "call.runtime") return null;
  if (!rest.every((st) => st.kind === "store" && st.addr.kind === "local.get" && st.addr.index === t))
    return null;
  if (count.get(t) !== rest.length + 2) return null;
  const inner = occurrences([first]).count.get(t) ?? 0;
  if (inner !== 1) return null;
  return FRESH[first.value.name]?.(first.value.args) ?? null;
}

/**
 * The owning locals of `f` (see the module comment) with their size rules.
 * `borrowed` is `borrowedParams` of the program.
 */
export function owningLocals(
  f: Func,
  programFunctions: number,
  borrowed: readonly (readonly boolean[])[],
): Map<number, SizeRule> {
  const params = f.type.params.length;
  const { tees, count } = occurrences(f.body);
  const u = uses(f.body, programFunctions);
  const rules = new Map<number, SizeRule | "none" | null>();
  const visitSet = (x: Stmt): void => {
    if (x.kind === "local.set" && x.index >= params && f.locals[x.index - params] === "i32") {
      const r = freshRule(x.value, count);
      const prev = rules.get(x.index);
      if (prev === undefined || prev === "none") rules.set(x.index, r);
      else if (prev !== null && r !== "none" && (r === null || !sameRule(prev, r))) rules.set(x.index, null);
    }
  };
  const e = (x: Expr): void => forEachChild(x, e, s);
  const s = (x: Stmt): void => {
    visitSet(x);
    forEachStmtChild(x, e, s);
  };
  f.body.forEach(s);
  const out = new Map<number, SizeRule>();
  for (const [l, r] of rules) {
    if (r === null || r === "none" || tees.has(l) || u.escapes.has(l)) continue;
    const to = u.passed.get(l) ?? [];
    if (to.some(([g, i]) => !(borrowed[g]?.[i] ?? false))) continue;
    out.set(l, r);
  }
  return out;
}

/** `f` with frees of its owning locals inserted; `f` itself when it has none. */
export function insertFrees(
  f: Func,
  programFunctions: number,
  borrowed: readonly (readonly boolean[])[],
  targets: FreeTargets,
): Func {
  const owned = owningLocals(f, programFunctions, borrowed);
  if (owned.size === 0) return f;
  const extra: ValType[] = [];
  const base = f.type.params.length + f.locals.length;
  const newLocal = (t: ValType): number => {
    extra.push(t);
    return base + extra.length - 1;
  };
  const temp = new Map<number, number>();
  for (const l of owned.keys()) temp.set(l, newLocal("i32"));
  let resultTemp = -1;
  const get = (index: number): Expr => ({ kind: "local.get", index });
  const freeOf = (l: number): Stmt => {
    const r = owned.get(l)!;
    const [func, arg] = "elem" in r ? [targets.freeArray, r.elem] : [targets.free, r.size];
    return {
      kind: "expr",
      expr: { kind: "call", func, args: [get(l), { kind: "const", type: "i32", value: arg }] },
    };
  };
  const freeAll = (): Stmt[] => [...owned.keys()].map(freeOf);
  const readsOwned = (x: Expr): boolean => {
    let found = false;
    const e = (y: Expr): void => {
      if ((y.kind === "local.get" || y.kind === "local.tee") && owned.has(y.index)) found = true;
      if (!found) forEachChild(y, e, st);
    };
    const st = (y: Stmt): void => {
      if (y.kind === "local.set" && owned.has(y.index)) found = true;
      if (!found) forEachStmtChild(y, e, st);
    };
    e(x);
    return found;
  };
  const expr = (x: Expr): Expr => mapChildren(x, expr, stmt);
  const stmt = (x: Stmt): Stmt[] => {
    if (x.kind === "local.set" && owned.has(x.index)) {
      const t = temp.get(x.index)!;
      return [
        { ...x, index: t, value: expr(x.value) },
        freeOf(x.index),
        { kind: "local.set", index: x.index, value: get(t) },
      ];
    }
    if (x.kind === "return") {
      if (x.value === undefined || !readsOwned(x.value))
        return [...freeAll(), mapStmtChildren(x, expr, stmt)];
      if (resultTemp < 0) resultTemp = newLocal(f.type.result!);
      return [
        { kind: "local.set", index: resultTemp, value: expr(x.value) },
        ...freeAll(),
        { ...x, value: get(resultTemp) },
      ];
    }
    return [mapStmtChildren(x, expr, stmt)];
  };
  const body = f.body.flatMap(stmt);
  const last = f.body[f.body.length - 1];
  if (f.type.result === null && last?.kind !== "return" && last?.kind !== "unreachable")
    body.push(...freeAll());
  return { ...f, locals: [...f.locals, ...extra], body };
}

/** The program functions of a linked artifact with frees inserted (`insertFrees` of each). */
export function freeDeadObjects(a: CodegenArtifact, programFunctions: number, targets: FreeTargets): Func[] {
  const borrowed = borrowedParams(a, programFunctions);
  return a.functions
    .slice(0, programFunctions)
    .map((f) => insertFrees(f, programFunctions, borrowed, targets));
}
