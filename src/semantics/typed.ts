/**
 * The typed program: what semantic analysis hands to lowering. Lowering consumes this and
 * never looks at the AST again.
 *
 * Shape (STYLE.md habit 10): every symbol is an integer id into one flat table of
 * `TypedProgram` (functions, locals, records, enums, contracts, type parameters, consts,
 * tests, modules, conformances); every type is a `TypeId` into the interned `types` table;
 * every expression carries its type and its span; every name is resolved (a `local`, a
 * `funcref`, a literal for a const, ...); every call says how it dispatches; every implicit
 * conversion is an explicit `convert` node; interpolation is explicit text parts; `?` carries
 * its early-return target; loops are classified; statements the checker proved unreachable
 * are dropped (they are not lowered, LANGUAGE.md §5.7).
 *
 * Generics are NOT monomorphised here: generic functions, records, enums and contracts keep
 * their type parameters (`param` types) and every use records its type arguments
 * (`call.target.typeArgs`, `funcref.typeArgs`, instantiated `record`/`enum` types), so
 * lowering can instantiate per distinct argument list. `types.ts` exports `substitute` and
 * `findConformance` for that.
 *
 * This module only declares data shapes and the fixed primitive ids; it has no logic and
 * does not import the AST.
 */

import type { LineIndex, Span } from "../diagnostics/index.ts";

/** A [start, end) range of offsets in the file of the enclosing function. */
export interface SrcSpan {
  readonly start: number;
  readonly end: number;
}

// ---------------------------------------------------------------------------------------
// Ids. Plain numbers (indexes into the tables of TypedProgram); the alias names document
// which table.

export type TypeId = number;
export type ModuleId = number;
export type FuncId = number;
export type LocalId = number;
export type RecordId = number;
export type EnumId = number;
export type ContractId = number;
export type TypeParamId = number;
export type ConstId = number;
export type TestId = number;
export type ConformanceId = number;

// ---------------------------------------------------------------------------------------
// Types (interned: two equal types always have the same TypeId).

export type IntPrim = "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64";
export type FloatPrim = "f32" | "f64";
export type Prim = "bool" | "char" | "string" | "unit" | "never" | "pointer" | IntPrim | FloatPrim;

export type TypeInfo =
  | { readonly kind: "prim"; readonly prim: Prim }
  | { readonly kind: "array"; readonly elem: TypeId }
  /** `R(P…)` and `(P…) => R` are this one type; values are closures `{code, env}`. */
  | { readonly kind: "fn"; readonly params: readonly TypeId[]; readonly ret: TypeId }
  /** A record (`type`) instance; `args` are the type arguments (empty if not generic). */
  | { readonly kind: "record"; readonly decl: RecordId; readonly args: readonly TypeId[] }
  | { readonly kind: "enum"; readonly decl: EnumId; readonly args: readonly TypeId[] }
  | { readonly kind: "contract"; readonly decl: ContractId; readonly args: readonly TypeId[] }
  /** A type parameter (of a function, member, impl, record, enum or contract). */
  | { readonly kind: "param"; readonly param: TypeParamId }
  /** Poison: the type of an expression that already produced an error. Never reaches lowering. */
  | { readonly kind: "error" };

/**
 * Fixed ids of the primitive types: the first entries of every `types` table, in this
 * order, so lowering may compare against them directly. `word` is `u64`.
 */
export const T = {
  bool: 0,
  char: 1,
  string: 2,
  unit: 3,
  never: 4,
  pointer: 5,
  i8: 6,
  i16: 7,
  i32: 8,
  i64: 9,
  u8: 10,
  u16: 11,
  u32: 12,
  u64: 13,
  f32: 14,
  f64: 15,
  error: 16,
} as const;
export const PRIM_ORDER: readonly Prim[] = [
  "bool",
  "char",
  "string",
  "unit",
  "never",
  "pointer",
  "i8",
  "i16",
  "i32",
  "i64",
  "u8",
  "u16",
  "u32",
  "u64",
  "f32",
  "f64",
];

// ---------------------------------------------------------------------------------------
// Declarations.

export interface ModuleInfo {
  readonly id: ModuleId;
  /** Dotted module path (`Core.Results`); "" for the root. */
  readonly path: string;
  readonly parent: ModuleId | undefined;
  /** The file that defines it; undefined for inline modules and path-prefix modules. */
  readonly file: string | undefined;
  readonly isEntry: boolean;
}

export interface TypeParamInfo {
  readonly id: TypeParamId;
  readonly name: string;
  /** `where T: C` bounds, as contract types (may mention other params). */
  readonly bounds: readonly TypeId[];
  /** D23: an unknown name in a member signature taken as an implicit parameter. */
  readonly implicit: boolean;
  readonly span: Span;
}

export type FunctionKind =
  /** A module-level function. */
  | "function"
  /** A member of a `type` body or a method of `impl`/`extend`; params[0] is `this`. */
  | "member"
  /** A lambda; `captures` lists the enclosing variables it shares. */
  | "lambda"
  /** The body of a `test` item: no parameters, returns `unit`. */
  | "test";

export interface FunctionInfo {
  readonly id: FuncId;
  readonly kind: FunctionKind;
  readonly name: string;
  /** Stable, readable symbol name: `Core.Output.WriteLine`, `Collections.List.List.Push`, `App.Main::lambda#2`. */
  readonly qualifiedName: string;
  readonly module: ModuleId;
  readonly isPub: boolean;
  /**
   * All type parameters this function is generic over, in order: for a member of a generic
   * type the type's (or the impl's) parameters first, then implicit D23 ones; for a function
   * its own. Call sites give one type argument per entry (`CallTarget.typeArgs`).
   * Lambdas have none: they are instantiated with their enclosing function.
   */
  readonly typeParams: readonly TypeParamId[];
  /** Parameter locals, in order. For members, params[0] is the implicit `this`. */
  readonly params: readonly LocalId[];
  readonly paramTypes: readonly TypeId[];
  readonly ret: TypeId;
  /** For members: the receiver type (`List<T>` with the owner's parameters). */
  readonly receiver: TypeId | undefined;
  /** Undefined for a function declared without a body (`;`, D1): calling one is E1605. */
  readonly body: TBlock | undefined;
  /** Every local declared in this function (params, `this`, locals, bindings, hidden), not those of nested lambdas. */
  readonly locals: readonly LocalId[];
  /** Lambdas: the variables of enclosing functions it uses (shared by reference, D14). Transitive. */
  readonly captures: readonly LocalId[];
  /** Lambdas: the function whose body contains it. */
  readonly parent: FuncId | undefined;
  /** The entry point (§5.17) or a test: a failing `?` panics instead of returning (D31). */
  readonly isEntry: boolean;
  /** The file of the body: every `SrcSpan` inside `body` is an offset into it. */
  readonly file: string;
  readonly span: Span;
  readonly nameSpan: Span;
}

export type LocalKind = "param" | "this" | "local" | "for" | "binding" | "hidden";

export interface LocalInfo {
  readonly id: LocalId;
  readonly name: string;
  readonly type: TypeId;
  readonly kind: LocalKind;
  readonly mutable: boolean;
  /** The function (or lambda) that declares it. */
  readonly func: FuncId;
  /** Some lambda captures it: it must live in a heap cell shared with the closure (D14). */
  readonly captured: boolean;
  readonly span: Span;
}

export type FieldInfo =
  | {
      readonly kind: "value";
      readonly name: string;
      readonly type: TypeId;
      /** Slot in the record object (declaration order, value fields and events together). */
      readonly index: number;
      readonly span: Span;
    }
  | {
      readonly kind: "event";
      readonly name: string;
      /** Handlers have type `unit(params…)`. */
      readonly params: readonly TypeId[];
      /** Default 8 (D16). */
      readonly capacity: number;
      readonly index: number;
      readonly span: Span;
    };

export interface RecordInfo {
  readonly id: RecordId;
  readonly name: string;
  readonly qualifiedName: string;
  readonly module: ModuleId;
  readonly isPub: boolean;
  readonly typeParams: readonly TypeParamId[];
  /** The record instantiated with its own parameters (`List<T>`). */
  readonly selfType: TypeId;
  readonly fields: readonly FieldInfo[];
  /** Members and impl/extend methods by name. */
  readonly members: ReadonlyMap<string, FuncId>;
  readonly span: Span;
}

export interface VariantInfo {
  readonly name: string;
  /** Tag value: the variant's position. */
  readonly tag: number;
  /** Payload fields; unnamed ones are called `_0`, `_1`, … */
  readonly fields: readonly { readonly name: string; readonly type: TypeId }[];
  readonly span: Span;
}

export interface EnumInfo {
  readonly id: EnumId;
  readonly name: string;
  readonly qualifiedName: string;
  readonly module: ModuleId;
  readonly isPub: boolean;
  readonly typeParams: readonly TypeParamId[];
  readonly selfType: TypeId;
  readonly variants: readonly VariantInfo[];
  readonly members: ReadonlyMap<string, FuncId>;
  /** Result-shaped / Option-shaped (§5.10), used by `?` and `for`. */
  readonly shape: "result" | "option" | undefined;
  readonly span: Span;
}

export interface ContractMethod {
  readonly name: string;
  /** Slot in the method table of a contract value. */
  readonly index: number;
  /** Parameter types without the receiver; may mention the contract's params and `This` (as `thisParam`). */
  readonly params: readonly TypeId[];
  readonly ret: TypeId;
  /** The signature mentions `This`: not callable through a contract value (E1230). */
  readonly mentionsThis: boolean;
  /** The contract that declares it (itself, or an embedded one). */
  readonly from: ContractId;
}

export interface ContractInfo {
  readonly id: ContractId;
  readonly name: string;
  readonly qualifiedName: string;
  readonly module: ModuleId;
  readonly isPub: boolean;
  readonly typeParams: readonly TypeParamId[];
  readonly selfType: TypeId;
  /** Own methods then embedded ones (first definition of a name wins). */
  readonly methods: readonly ContractMethod[];
  readonly embeds: readonly TypeId[];
  /** The type parameter standing for `This` in method signatures. */
  readonly thisParam: TypeParamId;
  /** `[Extern(Abi: "C", Library: …)]` (§5.16): no values, calls are `extern`. */
  readonly extern: { readonly abi: string; readonly library: string } | undefined;
  readonly span: Span;
}

/**
 * `T : C` — declared conformance of a record/enum (possibly generic) to a contract, with
 * the implementation chosen for each contract method. A declared `T : C` also yields one
 * entry per contract C embeds (transitively), so every (type, contract) pair is direct.
 */
export interface ConformanceInfo {
  readonly id: ConformanceId;
  /** The conforming type with the declaring type's/impl's parameters (`List<T>`). */
  readonly type: TypeId;
  /** Parameters `type` and `contract` are expressed in. */
  readonly typeParams: readonly TypeParamId[];
  /** The contract type (arguments may mention `typeParams`); `impls` covers its embedded methods too. */
  readonly contract: TypeId;
  /** One per method of the contract (same order as `ContractInfo.methods`). */
  readonly impls: readonly {
    readonly func: FuncId;
    /** `member`: a member/impl method (receiver is params[0]); `sugar`: a module function whose first parameter takes the receiver. */
    readonly form: "member" | "sugar";
  }[];
}

export interface ConstInfo {
  readonly id: ConstId;
  readonly name: string;
  readonly module: ModuleId;
  readonly value: bigint;
  readonly span: Span;
}

export interface TestInfo {
  readonly id: TestId;
  readonly name: string;
  /** D30: module path segments (entry module's own left out) and the name, joined by `::`. */
  readonly qualifiedName: string;
  readonly module: ModuleId;
  readonly file: string;
  readonly tags: readonly string[];
  readonly group: string | undefined;
  readonly skip: { readonly condition: boolean; readonly reason: string } | undefined;
  /** The body as a function of kind `test`. */
  readonly func: FuncId;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------
// Expressions. Every node: `kind`, `type`, `span`.
//
// Spans inside bodies are `SrcSpan`s: offsets into the file of the enclosing function
// (`FunctionInfo.file`; lambdas share their parent's file). Most are the AST nodes themselves
// (every node has numeric `start`/`end`), shared rather than copied, which keeps the typed tree
// cheap to build; read only `start` and `end` from them.

interface Node {
  readonly type: TypeId;
  readonly span: SrcSpan;
}

export type BinaryOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "rem"
  | "shl"
  | "shr"
  | "band"
  | "bor"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  /** Structural equality (D8) on `operandType`. */
  | "eq"
  | "ne"
  /** Identity (`===`, `!==`); on type parameters instantiated with primitives: by value. */
  | "id_eq"
  | "id_ne";

/** How a value becomes text in interpolation or `+` with a string (D6, §5.12). */
export type TextConv =
  | "string"
  | "bool"
  | "char"
  | "int" // signed integer of the operand's type, decimal
  | "uint" // unsigned integer, decimal
  | "f32"
  | "f64"
  /** A type-parameter value: decided per instantiation (checked per instantiation, D24). */
  | "param";

export type Conversion =
  /** Integer to a wider integer (sign- or zero-extend by the source type), f32→f64. Silent. */
  | { readonly kind: "widen" }
  /** Integer to a narrower/other-signedness integer: keeps the low bits (W1203 reported). */
  | { readonly kind: "narrow" }
  | { readonly kind: "int_to_float" }
  /** Truncate toward zero, saturating; NaN → 0. */
  | { readonly kind: "float_to_int" }
  /** f64 → f32, round to nearest even. */
  | { readonly kind: "float_narrow" }
  /** A `never` expression used where a value is expected (never completes). */
  | { readonly kind: "never" }
  /**
   * A record/enum value to a contract value: allocate `{receiver, method table}`; `methods`
   * gives, per contract method slot, the function and its type arguments at this site.
   */
  | {
      readonly kind: "to_contract";
      readonly methods: readonly {
        readonly func: FuncId;
        readonly typeArgs: readonly TypeId[];
        readonly form: "member" | "sugar";
      }[];
    }
  /** A contract value to an embedded contract: `slots[i]` is the source slot of target method i. */
  | { readonly kind: "contract_upcast"; readonly slots: readonly number[] }
  /** A type-parameter value to its `where`-bound contract (resolved per instantiation with `findConformance`). */
  | { readonly kind: "param_to_contract" }
  /** `__array_new` used as an `i64` handle (older programs, §6). */
  | { readonly kind: "array_handle" };

export type CallTarget =
  /**
   * A function, member or sugar function. For `method` and `sugar` forms the receiver is
   * `args[0]` (evaluated first); `direct` is an ordinary call. `typeArgs` instantiate
   * `FunctionInfo.typeParams` (may mention the caller's own type parameters).
   */
  | {
      readonly kind: "function";
      readonly func: FuncId;
      readonly typeArgs: readonly TypeId[];
      readonly form: "direct" | "method" | "sugar";
    }
  /** `__name(…)`; `typeArgs` for the generic ones (`__array_new<T>` → [T]). */
  | {
      readonly kind: "intrinsic";
      readonly name: string;
      readonly typeArgs: readonly TypeId[];
      readonly tier: "R" | "T" | "U" | "gc";
    }
  /** Dispatch through a contract value's method table; receiver (the contract value) is `args[0]`. */
  | { readonly kind: "contract"; readonly contract: TypeId; readonly method: number }
  /**
   * A method of a `where` bound called on a type-parameter value (`args[0]`); after
   * instantiation lowering finds the implementation with `findConformance`.
   */
  | {
      readonly kind: "bound";
      readonly param: TypeParamId;
      readonly contract: TypeId;
      readonly method: number;
    }
  /** `Libc.isatty(fd)`: a C symbol of an `[Extern]` contract (§5.16). */
  | { readonly kind: "extern"; readonly contract: ContractId; readonly method: number }
  /** `x.E(args)`: invoke every handler of event field `field` of the record `args[0]`. */
  | { readonly kind: "event"; readonly record: TypeId; readonly field: number }
  /** Call of a function value (closure); `callee` is evaluated before the arguments. */
  | { readonly kind: "closure"; readonly callee: TExpr };

export interface TMatchArm {
  readonly pattern: TPattern;
  readonly guard: TExpr | undefined;
  /** Block bodies are `block` expressions. */
  readonly body: TExpr;
  readonly bindings: readonly LocalId[];
  readonly span: SrcSpan;
}

export type TPattern =
  | { readonly kind: "wildcard"; readonly type: TypeId; readonly span: SrcSpan }
  | { readonly kind: "bind"; readonly local: LocalId; readonly type: TypeId; readonly span: SrcSpan }
  /** Matches by `==` (ints as bigint, floats as number, chars as code point). */
  | {
      readonly kind: "literal";
      readonly value: bigint | number | boolean | string;
      readonly literal: "int" | "float" | "bool" | "char" | "string";
      readonly type: TypeId;
      readonly span: SrcSpan;
    }
  /** `sub` undefined: `E::V` without parentheses, matches any payload. */
  | {
      readonly kind: "variant";
      readonly enumType: TypeId;
      readonly variant: number;
      readonly sub: readonly TPattern[] | undefined;
      readonly type: TypeId;
      readonly span: SrcSpan;
    };

export type LValue =
  | { readonly kind: "local"; readonly local: LocalId }
  | { readonly kind: "field"; readonly object: TExpr; readonly field: number }
  | { readonly kind: "index"; readonly object: TExpr; readonly index: TExpr };

export type TExpr =
  | (Node & { readonly kind: "int"; readonly value: bigint; readonly const?: ConstId })
  | (Node & { readonly kind: "float"; readonly value: number })
  | (Node & { readonly kind: "bool"; readonly value: boolean })
  | (Node & { readonly kind: "char"; readonly value: number })
  | (Node & { readonly kind: "string"; readonly value: string })
  | (Node & { readonly kind: "unit" })
  /** A local, parameter, `this`, `for` variable or pattern binding (captured ones included). */
  | (Node & { readonly kind: "local"; readonly local: LocalId })
  /** A named function used as a value (no environment). */
  | (Node & { readonly kind: "funcref"; readonly func: FuncId; readonly typeArgs: readonly TypeId[] })
  /** A lambda: creates a closure over `FunctionInfo.captures` of `func`. */
  | (Node & { readonly kind: "lambda"; readonly func: FuncId })
  /** Read of record field slot `field` (object's type is the record). Implicit-receiver reads are `field` on `this`. */
  | (Node & { readonly kind: "field"; readonly object: TExpr; readonly field: number })
  /** `a[i]`: array element, or a string byte as `u8`. `index` has any integer type. */
  | (Node & {
      readonly kind: "index";
      readonly object: TExpr;
      readonly index: TExpr;
      readonly of: "array" | "string";
    })
  | (Node & { readonly kind: "unary"; readonly op: "neg" | "not"; readonly operand: TExpr })
  /** Operands are already converted to `operandType` (except shift counts: any integer). */
  | (Node & {
      readonly kind: "binary";
      readonly op: BinaryOp;
      readonly left: TExpr;
      readonly right: TExpr;
      readonly operandType: TypeId;
    })
  /** Short-circuit `&&` / `||` (D9). */
  | (Node & {
      readonly kind: "logical";
      readonly op: "and" | "or";
      readonly left: TExpr;
      readonly right: TExpr;
    })
  /** String concatenation; both sides are `string` (converted with `to_text` where needed). */
  | (Node & { readonly kind: "concat"; readonly left: TExpr; readonly right: TExpr })
  /** Interpolated string: the concatenation of `parts`, each a `string` expression, left to right. */
  | (Node & { readonly kind: "interp"; readonly parts: readonly TExpr[] })
  | (Node & { readonly kind: "to_text"; readonly operand: TExpr; readonly conv: TextConv })
  /** An implicit conversion made explicit; `type` is the target type. */
  | (Node & { readonly kind: "convert"; readonly operand: TExpr; readonly conv: Conversion })
  | (Node & { readonly kind: "call"; readonly target: CallTarget; readonly args: readonly TExpr[] })
  /** `T { f: e, … }`: `fields` in source (evaluation) order; event slots start empty. */
  | (Node & {
      readonly kind: "record_new";
      readonly fields: readonly { readonly field: number; readonly value: TExpr }[];
    })
  /** `E::V(args)`; `type` is the (instantiated) enum type. */
  | (Node & { readonly kind: "enum_new"; readonly variant: number; readonly args: readonly TExpr[] })
  | (Node & { readonly kind: "array_lit"; readonly elem: TypeId; readonly elements: readonly TExpr[] })
  | (Node & { readonly kind: "block"; readonly block: TBlock })
  /** Exhaustive by construction (D11). `type` is `unit` when used as a statement. */
  | (Node & { readonly kind: "match"; readonly scrutinee: TExpr; readonly arms: readonly TMatchArm[] })
  /**
   * `e?` (D10, D31). On `successVariant` the value is payload 0. On `failVariant`:
   * `mode: "return"` returns `enum_new(returnType, returnVariant, [convert(payload)])`
   * from the innermost function/lambda (`errorConv` converts the error payload, Result only);
   * `mode: "panic"` panics with `try expression propagated error`.
   */
  | (Node & {
      readonly kind: "try";
      readonly operand: TExpr;
      readonly shape: "result" | "option";
      readonly successVariant: number;
      readonly failVariant: number;
      readonly mode: "return" | "panic";
      readonly returnType: TypeId | undefined;
      readonly returnVariant: number | undefined;
      readonly errorConv: Conversion | undefined;
    })
  /** `t = v`, `t += v`, `t -= v`; `value` is converted to the target type; the node's value is the stored value. */
  | (Node & {
      readonly kind: "assign";
      readonly op: "=" | "+=" | "-=";
      readonly target: LValue;
      readonly value: TExpr;
      /** For `+=`/`-=`: numeric add/sub or string concatenation. */
      readonly compound: "num" | "concat" | undefined;
    })
  /** `x.E += h` / `x.E -= h` on an event field (D16). */
  | (Node & {
      readonly kind: "event_sub";
      readonly op: "+=" | "-=";
      readonly object: TExpr;
      readonly field: number;
      readonly handler: TExpr;
    })
  /** Poison after an error; never reaches lowering. */
  | (Node & { readonly kind: "error" });

// ---------------------------------------------------------------------------------------
// Statements.

export interface TBlock {
  readonly stmts: readonly TStmt[];
  /** The end of the block is unreachable (every path returns, breaks, continues, panics or loops). */
  readonly diverges: boolean;
  readonly span: SrcSpan;
}

export type TStmt =
  /** A declaration; `init` undefined for `T x;` (definitely assigned before any read, E1109). */
  | {
      readonly kind: "let";
      readonly local: LocalId;
      readonly init: TExpr | undefined;
      readonly span: SrcSpan;
    }
  | { readonly kind: "expr"; readonly expr: TExpr; readonly span: SrcSpan }
  /** `value` is converted to the function's return type; in a `unit` function it may be a `unit` call. */
  | { readonly kind: "return"; readonly value: TExpr | undefined; readonly span: SrcSpan }
  | { readonly kind: "break"; readonly span: SrcSpan }
  | { readonly kind: "continue"; readonly span: SrcSpan }
  /** `else if` is an `else` block holding one `if`. */
  | {
      readonly kind: "if";
      readonly cond: TExpr;
      readonly then: TBlock;
      readonly else: TBlock | undefined;
      readonly span: SrcSpan;
    }
  | { readonly kind: "while"; readonly cond: TExpr; readonly body: TBlock; readonly span: SrcSpan }
  /**
   * `for x in range(a, b)`: `start`, `end` evaluated once (converted to x's type); a hidden
   * counter from start while `< end`; x bound fresh each iteration; `continue` goes to the increment.
   */
  | {
      readonly kind: "for_range";
      readonly local: LocalId;
      readonly start: TExpr;
      readonly end: TExpr;
      readonly body: TBlock;
      readonly span: SrcSpan;
    }
  /** `for x in array`: length read once; x is each element. */
  | {
      readonly kind: "for_array";
      readonly local: LocalId;
      readonly array: TExpr;
      readonly body: TBlock;
      readonly span: SrcSpan;
    }
  /**
   * `for x in it`: `iterator` is stored in hidden local `iterLocal`; before each iteration
   * `next` (a call whose receiver reads `iterLocal`) gives an Option-shaped `option`;
   * `someVariant` binds x to payload 0, `noneVariant` ends the loop.
   */
  | {
      readonly kind: "for_iter";
      readonly local: LocalId;
      readonly iterLocal: LocalId;
      readonly iterator: TExpr;
      readonly next: TExpr;
      readonly option: TypeId;
      readonly someVariant: number;
      readonly noneVariant: number;
      readonly body: TBlock;
      readonly span: SrcSpan;
    }
  | { readonly kind: "block"; readonly block: TBlock; readonly span: SrcSpan };

// ---------------------------------------------------------------------------------------
// The program.

export interface TypedProgram {
  readonly types: readonly TypeInfo[];
  readonly modules: readonly ModuleInfo[];
  readonly functions: readonly FunctionInfo[];
  readonly locals: readonly LocalInfo[];
  readonly records: readonly RecordInfo[];
  readonly enums: readonly EnumInfo[];
  readonly contracts: readonly ContractInfo[];
  readonly typeParams: readonly TypeParamInfo[];
  readonly conformances: readonly ConformanceInfo[];
  readonly consts: readonly ConstInfo[];
  /** In discovery order (unit order, then source order). */
  readonly tests: readonly TestInfo[];
  /** The entry point (§5.17), when the entry module has one. */
  readonly entry: FuncId | undefined;
  readonly entryModule: ModuleId | undefined;
  /** Line tables per file, for the source map (spans are byte offsets). */
  readonly sources: ReadonlyMap<string, LineIndex>;
}
