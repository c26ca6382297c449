/**
 * The interned type table and the pure type algebra of LANGUAGE.md §5.3–§5.5: numeric
 * widening and common types, substitution of type parameters, unification for inference,
 * and display names for diagnostics. Lowering reuses `substitute`, `typeName` and
 * `findConformance` when it monomorphises.
 *
 * It does not resolve names or report diagnostics; it only computes over `TypeId`s.
 */

import {
  PRIM_ORDER,
  T,
  type ConformanceInfo,
  type ContractInfo,
  type EnumInfo,
  type FloatPrim,
  type IntPrim,
  type Prim,
  type RecordInfo,
  type TypeId,
  type TypeInfo,
  type TypeParamId,
  type TypeParamInfo,
  type TypedProgram,
} from "./typed.ts";

function keyOf(t: TypeInfo): string {
  switch (t.kind) {
    case "prim":
      return t.prim;
    case "array":
      return `a${t.elem}`;
    case "fn":
      return `f${t.params.join(",")}>${t.ret}`;
    case "record":
      return `r${t.decl}<${t.args.join(",")}>`;
    case "enum":
      return `e${t.decl}<${t.args.join(",")}>`;
    case "contract":
      return `c${t.decl}<${t.args.join(",")}>`;
    case "param":
      return `p${t.param}`;
    case "error":
      return "!";
  }
}

/** Interning table. Ids 0..16 are the primitives and `error` in the order of `T`. */
export class TypeTable {
  readonly list: TypeInfo[] = [];
  private readonly byKey = new Map<string, TypeId>();

  constructor() {
    for (const p of PRIM_ORDER) this.intern({ kind: "prim", prim: p });
    this.intern({ kind: "error" });
  }

  intern(t: TypeInfo): TypeId {
    const k = keyOf(t);
    const found = this.byKey.get(k);
    if (found !== undefined) return found;
    const id = this.list.length;
    this.list.push(t);
    this.byKey.set(k, id);
    return id;
  }

  get(id: TypeId): TypeInfo {
    return this.list[id]!;
  }
  // Direct caches for the most frequent requests (every written type resolves through one of
  // them): no key string is built for an array type or a non-generic record/enum/contract seen before.
  private readonly arrays: TypeId[] = [];
  private readonly plain: { record: TypeId[]; enum: TypeId[]; contract: TypeId[] } = {
    record: [],
    enum: [],
    contract: [],
  };
  private plainType(kind: "record" | "enum" | "contract", decl: number): TypeId {
    const cache = this.plain[kind];
    let id = cache[decl];
    if (id === undefined) cache[decl] = id = this.intern({ kind, decl, args: [] });
    return id;
  }
  array(elem: TypeId): TypeId {
    let id = this.arrays[elem];
    if (id === undefined) this.arrays[elem] = id = this.intern({ kind: "array", elem });
    return id;
  }
  fn(params: readonly TypeId[], ret: TypeId): TypeId {
    return this.intern({ kind: "fn", params, ret });
  }
  param(p: TypeParamId): TypeId {
    return this.intern({ kind: "param", param: p });
  }
  record(decl: number, args: readonly TypeId[]): TypeId {
    return args.length === 0 ? this.plainType("record", decl) : this.intern({ kind: "record", decl, args });
  }
  enumT(decl: number, args: readonly TypeId[]): TypeId {
    return args.length === 0 ? this.plainType("enum", decl) : this.intern({ kind: "enum", decl, args });
  }
  contract(decl: number, args: readonly TypeId[]): TypeId {
    return args.length === 0
      ? this.plainType("contract", decl)
      : this.intern({ kind: "contract", decl, args });
  }
}

const INT_BITS: Record<IntPrim, number> = {
  i8: 8,
  i16: 16,
  i32: 32,
  i64: 64,
  u8: 8,
  u16: 16,
  u32: 32,
  u64: 64,
};

export function isIntPrim(p: Prim): p is IntPrim {
  return p in INT_BITS;
}
export function isFloatPrim(p: Prim): p is FloatPrim {
  return p === "f32" || p === "f64";
}
export function isSigned(p: IntPrim): boolean {
  return p[0] === "i";
}
export function intBits(p: IntPrim): number {
  return INT_BITS[p];
}
const RANGES = new Map<IntPrim, readonly [bigint, bigint]>();
for (const p of Object.keys(INT_BITS) as IntPrim[]) {
  const bits = BigInt(INT_BITS[p]);
  RANGES.set(p, p[0] === "i" ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n]);
}
export function intRange(p: IntPrim): readonly [bigint, bigint] {
  return RANGES.get(p)!;
}

/** The primitive of a type id, if it is one. */
export function primOf(types: TypeTable, t: TypeId): Prim | undefined {
  const i = types.get(t);
  return i.kind === "prim" ? i.prim : undefined;
}
export function isInt(types: TypeTable, t: TypeId): boolean {
  const p = primOf(types, t);
  return p !== undefined && isIntPrim(p);
}
export function isFloat(types: TypeTable, t: TypeId): boolean {
  const p = primOf(types, t);
  return p !== undefined && isFloatPrim(p);
}
export function isNumeric(types: TypeTable, t: TypeId): boolean {
  return isInt(types, t) || isFloat(types, t);
}

/** Silent widening (§5.5), reflexive and transitive. */
export function widens(from: Prim, to: Prim): boolean {
  if (from === to) return true;
  if (isIntPrim(from) && isIntPrim(to)) {
    const fb = INT_BITS[from];
    const tb = INT_BITS[to];
    if (isSigned(from) === isSigned(to)) return fb < tb;
    // unsigned → signed of greater width
    return !isSigned(from) && isSigned(to) && fb < tb;
  }
  if (from === "f32" && to === "f64") return true;
  return false;
}

/** Common type of two numeric primitives (§5.5), or undefined (E1224). */
export function commonNumeric(a: Prim, b: Prim): Prim | undefined {
  if (widens(a, b)) return b;
  if (widens(b, a)) return a;
  if (isIntPrim(a) && isIntPrim(b)) {
    for (const c of ["i16", "i32", "i64"] as const) if (widens(a, c) && widens(b, c)) return c;
    return undefined;
  }
  if (isFloatPrim(a) && isIntPrim(b)) return a;
  if (isFloatPrim(b) && isIntPrim(a)) return b;
  return undefined;
}

/** Replace type parameters by `map` (params absent from the map stay). */
export function substitute(types: TypeTable, t: TypeId, map: ReadonlyMap<TypeParamId, TypeId>): TypeId {
  if (map.size === 0) return t;
  const info = types.get(t);
  switch (info.kind) {
    case "prim":
    case "error":
      return t;
    case "param":
      return map.get(info.param) ?? t;
    case "array":
      return types.array(substitute(types, info.elem, map));
    case "fn":
      return types.fn(
        info.params.map((p) => substitute(types, p, map)),
        substitute(types, info.ret, map),
      );
    case "record":
      return info.args.length === 0
        ? t
        : types.record(
            info.decl,
            info.args.map((a) => substitute(types, a, map)),
          );
    case "enum":
      return info.args.length === 0
        ? t
        : types.enumT(
            info.decl,
            info.args.map((a) => substitute(types, a, map)),
          );
    case "contract":
      return info.args.length === 0
        ? t
        : types.contract(
            info.decl,
            info.args.map((a) => substitute(types, a, map)),
          );
  }
}

/** Whether `t` mentions any type parameter (or one of `only` when given). */
export function mentionsParam(types: TypeTable, t: TypeId, only?: ReadonlySet<TypeParamId>): boolean {
  const info = types.get(t);
  switch (info.kind) {
    case "prim":
    case "error":
      return false;
    case "param":
      return only === undefined || only.has(info.param);
    case "array":
      return mentionsParam(types, info.elem, only);
    case "fn":
      return info.params.some((p) => mentionsParam(types, p, only)) || mentionsParam(types, info.ret, only);
    case "record":
    case "enum":
    case "contract":
      return info.args.some((a) => mentionsParam(types, a, only));
  }
}

export function containsError(types: TypeTable, t: TypeId): boolean {
  const info = types.get(t);
  switch (info.kind) {
    case "error":
      return true;
    case "prim":
    case "param":
      return false;
    case "array":
      return containsError(types, info.elem);
    case "fn":
      return info.params.some((p) => containsError(types, p)) || containsError(types, info.ret);
    case "record":
    case "enum":
    case "contract":
      return info.args.some((a) => containsError(types, a));
  }
}

/**
 * Unify `pattern` (mentioning the inference variables `vars`) with `actual`, binding into
 * `bindings`. Returns false on a structural mismatch or a conflicting binding. Numeric
 * conflicts are left to the caller (it records them in `numericConflicts`).
 */
export function unify(
  types: TypeTable,
  pattern: TypeId,
  actual: TypeId,
  vars: ReadonlySet<TypeParamId>,
  bindings: Map<TypeParamId, TypeId>,
  numericConflicts?: Map<TypeParamId, TypeId[]>,
): boolean {
  if (pattern === actual && !mentionsParam(types, pattern, vars)) return true;
  const p = types.get(pattern);
  const a = types.get(actual);
  if (a.kind === "error") {
    // An error (already reported) binds a free parameter, so the call's types stay errors
    // and nothing downstream reports a second mismatch.
    if (p.kind === "param" && vars.has(p.param) && !bindings.has(p.param)) bindings.set(p.param, actual);
    return true;
  }
  if (p.kind === "param" && vars.has(p.param)) {
    const bound = bindings.get(p.param);
    if (bound === undefined) {
      bindings.set(p.param, actual);
      return true;
    }
    if (bound === actual) return true;
    if (numericConflicts && isNumeric(types, bound) && isNumeric(types, actual)) {
      const list = numericConflicts.get(p.param) ?? [bound];
      list.push(actual);
      numericConflicts.set(p.param, list);
      return true;
    }
    return types.get(bound).kind === "error";
  }
  if (p.kind !== a.kind) return false;
  switch (p.kind) {
    case "array":
      return unify(types, p.elem, (a as typeof p).elem, vars, bindings, numericConflicts);
    case "fn": {
      const af = a as typeof p;
      if (af.params.length !== p.params.length) return false;
      for (let i = 0; i < p.params.length; i++)
        if (!unify(types, p.params[i]!, af.params[i]!, vars, bindings, numericConflicts)) return false;
      return unify(types, p.ret, af.ret, vars, bindings, numericConflicts);
    }
    case "record":
    case "enum":
    case "contract": {
      const an = a as typeof p;
      if (an.decl !== p.decl || an.args.length !== p.args.length) return false;
      for (let i = 0; i < p.args.length; i++)
        if (!unify(types, p.args[i]!, an.args[i]!, vars, bindings, numericConflicts)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** Names needed to display types. */
export interface NameSource {
  readonly records: readonly Pick<RecordInfo, "name">[];
  readonly enums: readonly Pick<EnumInfo, "name">[];
  readonly contracts: readonly Pick<ContractInfo, "name">[];
  readonly typeParams: readonly Pick<TypeParamInfo, "name">[];
}

/** How a type is written in Beskid (`List<i64>`, `unit(string)`, `i64[]`). */
export function typeName(
  types: TypeTable | { get(id: TypeId): TypeInfo },
  names: NameSource,
  t: TypeId,
): string {
  const info = types.get(t);
  const args = (xs: readonly TypeId[]) =>
    xs.length ? `<${xs.map((x) => typeName(types, names, x)).join(", ")}>` : "";
  switch (info.kind) {
    case "prim":
      return info.prim;
    case "error":
      return "{error}";
    case "array":
      return `${typeName(types, names, info.elem)}[]`;
    case "fn":
      return `${typeName(types, names, info.ret)}(${info.params.map((x) => typeName(types, names, x)).join(", ")})`;
    case "record":
      return (names.records[info.decl]?.name ?? "?") + args(info.args);
    case "enum":
      return (names.enums[info.decl]?.name ?? "?") + args(info.args);
    case "contract":
      return (names.contracts[info.decl]?.name ?? "?") + args(info.args);
    case "param":
      return names.typeParams[info.param]?.name ?? "?";
  }
}

/**
 * For lowering after instantiation: the conformance of a concrete record/enum type to a
 * contract declaration, with the type arguments that instantiate the conformance's
 * parameters. Undefined when the type does not conform.
 */
export function findConformance(
  program: TypedProgram,
  types: TypeTable,
  concrete: TypeId,
  contract: TypeId,
): { conformance: ConformanceInfo; typeArgs: Map<TypeParamId, TypeId> } | undefined {
  const c = types.get(contract);
  if (c.kind !== "contract") return undefined;
  for (const conf of program.conformances) {
    const cc = types.get(conf.contract);
    if (cc.kind !== "contract" || cc.decl !== c.decl) continue;
    const bindings = new Map<TypeParamId, TypeId>();
    const vars = new Set(conf.typeParams);
    if (
      unify(types, conf.type, concrete, vars, bindings) &&
      unify(types, conf.contract, contract, vars, bindings)
    )
      return { conformance: conf, typeArgs: bindings };
  }
  return undefined;
}

export { T };
