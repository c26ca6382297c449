/**
 * Freeing objects that provably die with their function: an IR → IR rewrite both backends
 * apply to the program's functions after linking (docs/runtime.md, "Memory"), like
 * `versionLoops`, so the cached artifact never changes.
 *
 * An **owning local** is a non-parameter i32 local that
 *
 * - is assigned only by `local.set` statements (never `local.tee`), each value either a
 *   **new object** — the direct result of a runtime function that always returns a new
 *   object or constant data (`FRESH`), or a `seq` that builds one the way lowering builds
 *   record, array and string literals and interpolations (`freshSeq`) — or a constant or
 *   `data.addr`; all the new objects of one local have one size rule (an array's element
 *   size, a string's length, or a record's constant size);
 * - is read only where the reference cannot be kept: the address of a load or store (also
 *   through `elem.addr` or an `i32.add`), the source or destination of `memory.copy` /
 *   `memory.fill`, an operand of `i32.eq`/`i32.ne`/`i32.eqz`, an argument a runtime function
 *   only reads (`BORROWS`), or an argument of a program function whose parameter is
 *   **borrowed**.
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
 * function without a result. A new object passed straight to a borrowing argument (a
 * **temporary**: `Output.WriteLine("${x}")`, the inner strings of `a + b + c`) goes through a
 * fresh local and is freed right after the call. Panics need nothing. Locals start at 0 and
 * constant data lies below the heap base, which the runtime's `free` ignores, so only
 * allocated objects enter the free lists. Anything that does not match is left exactly as
 * it was.
 */

import type { CodegenArtifact, Expr, Func, Stmt, ValType } from "./schema.ts";
import { assignedLocals } from "./loops.ts";
import { LAYOUT, runtimeFunction } from "./runtime-abi.ts";
import { forEachChild, forEachStmtChild, mapChildren, mapStmtChildren, walkBody } from "./walk.ts";

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
    // A string (layout 0) is sized by its length; any other object by its constant size.
    alloc: (args) => {
      const [layout, s] = args;
      if (layout?.kind === "const" && Number(layout.value) === LAYOUT.string) return { elem: 1 };
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

/**
 * Where each local is read. Reads in the value of `local.set` of a local in `sinks` count as
 * harmless (`freshSeq`: locals that live only inside one `seq`).
 */
function uses(body: readonly Stmt[], programFunctions: number, sinks?: ReadonlySet<number>): Uses {
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
        // Comparisons keep nothing; an address computed by `i32.add` is as harmless as the
        // reference itself where it is used (a load's or a copy's address).
        const pass = x.op === "i32.eq" || x.op === "i32.ne" || (ok && x.op === "i32.add");
        e(x.left, pass);
        return e(x.right, pass);
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
      case "local.set":
        return e(x.value, sinks?.has(x.index) ?? false);
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
function occurrences(body: readonly Stmt[]): {
  tees: Set<number>;
  count: Map<number, number>;
  sets: Map<number, number>;
} {
  const tees = new Set<number>();
  const count = new Map<number, number>();
  const sets = new Map<number, number>();
  const bump = (i: number): void => void count.set(i, (count.get(i) ?? 0) + 1);
  walkBody(
    body,
    (x) => {
      if (x.kind === "local.get") bump(x.index);
      if (x.kind === "local.tee") {
        bump(x.index);
        tees.add(x.index);
      }
    },
    (x) => {
      if (x.kind === "local.set") {
        bump(x.index);
        sets.set(x.index, (sets.get(x.index) ?? 0) + 1);
      }
    },
  );
  return { tees, count, sets };
}

/**
 * For each program function, which parameters are borrowed: never assigned, read only where
 * the reference cannot be kept or passed to borrowed parameters (greatest fixpoint).
 */
export function borrowedParams(a: CodegenArtifact, programFunctions: number): boolean[][] {
  const none: Uses = { escapes: new Set(), passed: new Map() };
  const info = a.functions.slice(0, programFunctions).map((f) => {
    // Only i32 parameters can be borrowed: skip the walks for functions without one.
    const refs = f.type.params.includes("i32");
    return {
      f,
      u: refs ? uses(f.body, programFunctions) : none,
      // Counts local.set and local.tee, in `seq`s too.
      assigned: refs ? assignedLocals(f.body) : new Map<number, number>(),
    };
  });
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
function freshRule(
  v: Expr,
  count: ReadonlyMap<number, number>,
  programFunctions: number,
): SizeRule | "none" | null {
  if (v.kind === "const" || v.kind === "data.addr") return "none";
  if (v.kind === "call.runtime") return FRESH[v.name]?.(v.args) ?? null;
  return v.kind === "seq" ? freshSeq(v, count, programFunctions) : null;
}

/**
 * A `seq` that builds a new object in a local `t` and yields it, as lowering does for record,
 * array and string literals and string interpolation: `seq [… t = fresh; …] t`. The object
 * is new when every local the `seq` uses only inside itself (its **private** locals, `t`
 * among them) is first met as a top-level assignment of the body (so no value survives from
 * an earlier run of the `seq`), `t` is assigned exactly once, from a fresh object, and the
 * private locals are read only in harmless places or to compute each other (`t + 8`, the
 * copy cursor of an interpolation). The `seq`'s value is then the only reference left.
 */
function freshSeq(
  v: Extract<Expr, { kind: "seq" }>,
  count: ReadonlyMap<number, number>,
  programFunctions: number,
): SizeRule | null {
  if (v.value.kind !== "local.get") return null;
  const t = v.value.index;
  const inner = occurrences([...v.body, { kind: "expr", expr: v.value }]);
  const priv = new Set<number>();
  for (const [l, n] of inner.count) if (count.get(l) === n && !inner.tees.has(l)) priv.add(l);
  if (!priv.has(t)) return null;
  let rule: SizeRule | null = null;
  let sets = 0;
  const seen = new Set<number>();
  for (const st of v.body) {
    const here = occurrences([st]).count;
    if (st.kind === "local.set" && priv.has(st.index)) {
      for (const l of here.keys()) if (l !== st.index && priv.has(l) && !seen.has(l)) return null;
      if ((here.get(st.index) ?? 0) !== 1 && !seen.has(st.index)) return null;
      seen.add(st.index);
      if (st.index === t) {
        sets++;
        rule = st.value.kind === "call.runtime" ? (FRESH[st.value.name]?.(st.value.args) ?? null) : null;
      }
      continue;
    }
    for (const l of here.keys()) if (priv.has(l) && !seen.has(l)) return null;
  }
  // Nested statements never assign t (only the one top-level assignment does).
  if (sets !== 1 || rule === null || (inner.sets.get(t) ?? 0) !== 1) return null;
  // The private locals that may hold t's reference or an address inside its object.
  const holds = new Set([t]);
  const privSets: Extract<Stmt, { kind: "local.set" }>[] = [];
  walkBody(
    v.body,
    () => {},
    (x) => {
      if (x.kind === "local.set" && priv.has(x.index)) privSets.push(x);
    },
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const st of privSets) {
      if (holds.has(st.index)) continue;
      if ([...occurrences([{ kind: "expr", expr: st.value }]).count.keys()].some((l) => holds.has(l))) {
        holds.add(st.index);
        grew = true;
      }
    }
  }
  const u = uses(v.body, programFunctions, holds);
  for (const l of holds) if (u.escapes.has(l) || u.passed.has(l)) return null;
  return rule;
}

/**
 * Of `candidates`, the locals assigned inside an expression while a value read from them
 * earlier in an enclosing expression may still be in use: `f(s, seq{ s = new … })` (a unit
 * argument `{ s = …; }` before a later argument lowers to this) reads the old `s` first and
 * calls `f` with it after the assignment, so freeing the old object there would hand `f` a
 * dead block. A statement's expressions are used up before the statements it holds run, and
 * the statements of a `seq` body one after another, so only reads in earlier operands of an
 * enclosing expression (or statement) count.
 */
function assignedWhilePending(body: readonly Stmt[], candidates: ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  const none: ReadonlySet<number> = new Set();
  /** Walks `x` with `pending` read by enclosing earlier operands; returns the candidates it reads. */
  const e = (x: Expr, pending: ReadonlySet<number>): Set<number> => {
    const reads = new Set<number>();
    if (x.kind === "local.get" && candidates.has(x.index)) reads.add(x.index);
    if (x.kind === "seq") {
      for (const st of x.body) s(st, pending);
      return e(x.value, pending);
    }
    let acc = pending;
    forEachChild(
      x,
      (c) => {
        const r = e(c, acc);
        if (r.size === 0) return;
        r.forEach((l) => reads.add(l));
        acc = new Set([...acc, ...r]);
      },
      (st) => s(st, acc),
    );
    return reads;
  };
  const s = (x: Stmt, pending: ReadonlySet<number>): void => {
    if (x.kind === "local.set" && pending.has(x.index)) out.add(x.index);
    let acc = pending;
    forEachStmtChild(
      x,
      (c) => {
        const r = e(c, acc);
        if (r.size > 0) acc = new Set([...acc, ...r]);
      },
      (st) => s(st, pending),
    );
  };
  if (candidates.size > 0) for (const st of body) s(st, none);
  return out;
}

/**
 * The locals a tail self-call's return reads (`return f(…)`, or `return x + f(…)` as the
 * JIT's tail recursion and C compilers' accumulator elimination take it; `self` is f's
 * index): freeing one after the call would keep it from being a tail call, and deep tail
 * recursion that ran in constant stack (JIT loop, `cc -O2`) would overflow. Under the JIT,
 * tail recursion has become a loop before frees are inserted, and these locals are copied
 * into the parameters there: so they are kept by both backends. Other calls are freed after
 * (`return Pad(s, 10)` frees `s`), as the JIT cannot make them loops anyway.
 */
function readByTailCalls(f: Func, self: number): Set<number> {
  const out = new Set<number>();
  if (self < 0) return out;
  const last = unitTailCall(f, self);
  if (last) for (const l of occurrences([last]).count.keys()) out.add(l);
  const tail = (v: Expr | undefined): boolean =>
    v?.kind === "call"
      ? v.func === self
      : v?.kind === "binary" && (v.op === "i32.add" || v.op === "i64.add") && tail(v.right);
  walkBody(
    f.body,
    () => {},
    (x) => {
      // Every local the returned value reads (`return len(t) + g(…)` too): a free after it
      // would follow the call.
      if (x.kind === "return" && tail(x.value))
        for (const l of occurrences([{ kind: "expr", expr: x.value! }]).count.keys()) out.add(l);
    },
  );
  return out;
}

/**
 * A function without a result whose last statement is a call of itself (`Visit(c, n - 1);`):
 * that statement, a tail call for C compilers. The frees of the function's end go before it,
 * and it reads no owning local (`readByTailCalls`) and keeps its temporaries.
 */
function unitTailCall(f: Func, self: number): Stmt | undefined {
  const last = f.body[f.body.length - 1];
  return f.type.result === null &&
    last?.kind === "expr" &&
    last.expr.kind === "call" &&
    last.expr.func === self
    ? last
    : undefined;
}

/**
 * The owning locals of `f` (see the module comment) with their size rules.
 * `borrowed` is `borrowedParams` of the program; `self` is f's index (-1: unknown).
 */
export function owningLocals(
  f: Func,
  programFunctions: number,
  borrowed: readonly (readonly boolean[])[],
  self = -1,
): Map<number, SizeRule> {
  return owning(f, programFunctions, borrowed, self, occurrences(f.body));
}

/** `owningLocals`, given `occurrences(f.body)` (`insertFrees` needs them too). */
function owning(
  f: Func,
  programFunctions: number,
  borrowed: readonly (readonly boolean[])[],
  self: number,
  { tees, count }: ReturnType<typeof occurrences>,
): Map<number, SizeRule> {
  const params = f.type.params.length;
  const u = uses(f.body, programFunctions);
  const rules = new Map<number, SizeRule | "none" | null>();
  walkBody(
    f.body,
    () => {},
    (x) => {
      if (x.kind === "local.set" && x.index >= params && f.locals[x.index - params] === "i32") {
        const r = freshRule(x.value, count, programFunctions);
        const prev = rules.get(x.index);
        if (prev === undefined || prev === "none") rules.set(x.index, r);
        else if (prev !== null && r !== "none" && (r === null || !sameRule(prev, r)))
          rules.set(x.index, null);
      }
    },
  );
  const out = new Map<number, SizeRule>();
  for (const [l, r] of rules) {
    if (r === null || r === "none" || tees.has(l) || u.escapes.has(l)) continue;
    const to = u.passed.get(l) ?? [];
    if (to.some(([g, i]) => !(borrowed[g]?.[i] ?? false))) continue;
    out.set(l, r);
  }
  for (const l of assignedWhilePending(f.body, new Set(out.keys()))) out.delete(l);
  for (const l of readByTailCalls(f, self)) out.delete(l);
  return out;
}

/** Whether `body` calls a runtime function that makes a new object (else nothing to free). */
function allocates(body: readonly Stmt[]): boolean {
  let found = false;
  const e = (x: Expr): void => {
    if (found) return;
    if (x.kind === "call.runtime" && FRESH[x.name] !== undefined) found = true;
    else forEachChild(x, e, s);
  };
  const s = (x: Stmt): void => {
    if (!found) forEachStmtChild(x, e, s);
  };
  body.forEach(s);
  return found;
}

/** Whether some call in `body` gets a new object straight into a borrowing argument. */
function hasTemporary(
  body: readonly Stmt[],
  freshArgs: (x: Extract<Expr, { kind: "call" | "call.runtime" }>) => ReadonlyMap<number, SizeRule>,
): boolean {
  let found = false;
  const e = (x: Expr): void => {
    if (found) return;
    if ((x.kind === "call" || x.kind === "call.runtime") && freshArgs(x).size > 0) found = true;
    else forEachChild(x, e, s);
  };
  const s = (x: Stmt): void => {
    if (!found) forEachStmtChild(x, e, s);
  };
  body.forEach(s);
  return found;
}

/**
 * `f` with frees inserted: of its owning locals, and of **temporaries** — a new object passed
 * straight to an argument that only borrows it (`BORROWS`, a borrowed parameter) goes through
 * a fresh local and is freed right after the call (`Output.WriteLine("${x}")`, `a + b + c`).
 * The arguments before it must be constants or locals it does not assign, so the order of
 * evaluation is unchanged. `resultType` gives a program function's result type (without it,
 * calls of program functions that return a value keep their temporaries). A program function's
 * call that is the returned value itself is left as it is (tail calls stay tail calls), and
 * so is a self-call `f(…)` in `return x + f(…)` (`self` is f's index, -1: unknown). `f` itself
 * when nothing is freed.
 */
export function insertFrees(
  f: Func,
  programFunctions: number,
  borrowed: readonly (readonly boolean[])[],
  targets: FreeTargets,
  resultType?: (func: number) => ValType | null,
  self = -1,
): Func {
  if (!allocates(f.body)) return f;
  const occ = occurrences(f.body);
  const { count } = occ;
  const owned = owning(f, programFunctions, borrowed, self, occ);
  const extra: ValType[] = [];
  const base = f.type.params.length + f.locals.length;
  const newLocal = (t: ValType): number => {
    extra.push(t);
    return base + extra.length - 1;
  };
  const temp = new Map<number, number>();
  for (const l of owned.keys()) temp.set(l, newLocal("i32"));
  let resultTemp = -1;
  let changed = owned.size > 0;
  const get = (index: number): Expr => ({ kind: "local.get", index });
  const freeWith = (l: number, r: SizeRule): Stmt => {
    const [func, arg] = "elem" in r ? [targets.freeArray, r.elem] : [targets.free, r.size];
    return {
      kind: "expr",
      expr: { kind: "call", func, args: [get(l), { kind: "const", type: "i32", value: arg }] },
    };
  };
  const freeOf = (l: number): Stmt => freeWith(l, owned.get(l)!);
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
  type Call = Extract<Expr, { kind: "call" | "call.runtime" }>;
  /**
   * The call's borrowed arguments that are new objects, with their size rules, each one
   * taken only when every earlier argument is taken too or is a constant or a local it does
   * not assign (so evaluating it first changes nothing).
   */
  const freshArgs = (x: Call): Map<number, SizeRule> => {
    const out = new Map<number, SizeRule>();
    x.args.forEach((a, i) => {
      const borrows =
        x.kind === "call.runtime"
          ? (BORROWS[x.name]?.includes(i) ?? false)
          : x.func < programFunctions && (borrowed[x.func]?.[i] ?? false);
      if (!borrows) return;
      const r = freshRule(a, count, programFunctions);
      if (r === null || r === "none") return;
      const assigned = occurrences([{ kind: "expr", expr: a }]).sets;
      const simple = (b: Expr, j: number): boolean =>
        out.has(j) ||
        b.kind === "const" ||
        b.kind === "data.addr" ||
        (b.kind === "local.get" && !assigned.has(b.index));
      if (x.args.slice(0, i).every(simple)) out.set(i, r);
    });
    return out;
  };
  /** `x` (children already rewritten) with its fresh borrowed arguments in temporaries. */
  const withTemps = (
    orig: Call,
    x: Call,
    result: ValType | null,
  ): { pre: Stmt[]; call: Call; post: Stmt[] } | null => {
    if (orig.kind === "call" && result !== null && resultType === undefined) return null;
    const fresh = freshArgs(orig);
    if (fresh.size === 0) return null;
    const pre: Stmt[] = [];
    const post: Stmt[] = [];
    const args = x.args.map((a, i) => {
      const r = fresh.get(i);
      if (!r) return a;
      const t = newLocal("i32");
      pre.push({ kind: "local.set", index: t, value: a });
      post.push(freeWith(t, r));
      return get(t);
    });
    changed = true;
    return { pre, call: { ...x, args }, post };
  };
  const resultOf = (x: Call): ValType | null =>
    x.kind === "call.runtime"
      ? (runtimeFunction(x.name)?.type.result ?? null)
      : (resultType?.(x.func) ?? null);
  const expr = (x: Expr): Expr => {
    const y = mapChildren(x, expr, stmt);
    if (x.kind !== "call" && x.kind !== "call.runtime") return y;
    const result = resultOf(x);
    if (result === null) return y;
    const w = withTemps(x, y as Call, result);
    if (!w) return y;
    const r = newLocal(result);
    return {
      kind: "seq",
      body: [...w.pre, { kind: "local.set", index: r, value: w.call }, ...w.post],
      value: get(r),
    };
  };
  const stmt = (x: Stmt): Stmt[] => {
    if (x.kind === "local.set" && owned.has(x.index)) {
      const t = temp.get(x.index)!;
      return [
        { ...x, index: t, value: expr(x.value) },
        freeOf(x.index),
        { kind: "local.set", index: x.index, value: get(t) },
      ];
    }
    if (x.kind === "expr" && (x.expr.kind === "call" || x.expr.kind === "call.runtime")) {
      const y = mapChildren(x.expr, expr, stmt) as Call;
      const w = withTemps(x.expr, y, resultOf(x.expr));
      return w ? [...w.pre, { ...x, expr: w.call }, ...w.post] : [{ ...x, expr: y }];
    }
    if (x.kind === "return") {
      // A returned call keeps its place (children rewritten only): it may be a tail call,
      // also a self-call as the right operand of an add (accumulator tail recursion).
      const value =
        x.value === undefined
          ? undefined
          : x.value.kind === "call"
            ? mapChildren(x.value, expr, stmt)
            : x.value.kind === "binary" &&
                (x.value.op === "i32.add" || x.value.op === "i64.add") &&
                x.value.right.kind === "call" &&
                x.value.right.func === self
              ? { ...x.value, left: expr(x.value.left), right: mapChildren(x.value.right, expr, stmt) }
              : expr(x.value);
      if (owned.size === 0) return [value === undefined ? x : { ...x, value }];
      if (value === undefined || x.value === undefined || !readsOwned(x.value))
        return [...freeAll(), value === undefined ? x : { ...x, value }];
      if (resultTemp < 0) resultTemp = newLocal(f.type.result!);
      return [
        { kind: "local.set", index: resultTemp, value },
        ...freeAll(),
        { ...x, value: get(resultTemp) },
      ];
    }
    return [mapStmtChildren(x, expr, stmt)];
  };
  if (owned.size === 0 && !hasTemporary(f.body, freshArgs)) return f;
  const tail = unitTailCall(f, self);
  const body = tail
    ? [
        ...f.body.slice(0, -1).flatMap(stmt),
        ...freeAll(),
        { ...tail, expr: mapChildren((tail as Extract<Stmt, { kind: "expr" }>).expr, expr, stmt) },
      ]
    : f.body.flatMap(stmt);
  if (!changed) return f;
  const last = f.body[f.body.length - 1];
  if (!tail && f.type.result === null && last?.kind !== "return" && last?.kind !== "unreachable")
    body.push(...freeAll());
  return { ...f, locals: [...f.locals, ...extra], body };
}

/**
 * `insertFrees` as both backends apply it to a linked artifact `a`: `frees(f, i)` is `f` (the
 * function at index `i`, or a rewrite of it) with frees inserted, given the borrowed parameters
 * and the callees' result types; runtime functions (`i >= programFunctions`) are returned as
 * they are. One place, so the JIT and AOT free the same objects.
 */
export function freesFor(
  a: CodegenArtifact,
  programFunctions: number,
  targets: FreeTargets,
): (f: Func, index: number) => Func {
  const borrowed = borrowedParams(a, programFunctions);
  const resultType = (i: number): ValType | null => a.functions[i]!.type.result;
  return (f, index) =>
    index < programFunctions ? insertFrees(f, programFunctions, borrowed, targets, resultType, index) : f;
}

/** The program functions of a linked artifact with frees inserted (`insertFrees` of each). */
export function freeDeadObjects(a: CodegenArtifact, programFunctions: number, targets: FreeTargets): Func[] {
  const frees = freesFor(a, programFunctions, targets);
  return a.functions.slice(0, programFunctions).map((f, i) => frees(f, i));
}
