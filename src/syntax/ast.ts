/**
 * The Beskid syntax tree: readonly node types for every production of LANGUAGE.md §4.2 (the
 * union of the older and the current syntax), produced by `parser.ts`.
 *
 * Every node is a plain readonly object discriminated by `kind` and carries its span as two
 * numeric fields, `start` and `end`: [start, end) offsets into the source text (UTF-16 code unit
 * indices of the decoded text, which equal byte offsets for the ASCII that Beskid code is made
 * of; docs/syntax.md). There is no separate span object per node (one object fewer per node
 * to allocate and collect); every node is itself a `NodeSpan`. The file path
 * lives only on the `SourceFile` root. Nothing here knows about names, modules on disk or
 * types: the tree records what was written, including constructs that semantic analysis
 * later rejects (E1229 parameter modes and `ref` types, the E1230 constructs of §4.4, which are
 * kept as opaque nodes).
 *
 * Error recovery inserts "missing" nodes instead of leaving holes: an `Ident` with empty
 * `text`, an `ErrorExpr`, an `ErrorType`, an `ErrorPattern`, always with a zero-width span at
 * the place where the parser expected them. A tree with missing nodes always comes with at least
 * one syntax error, so later stages may treat them as "already reported".
 *
 * Optional fields (`doc?`, `init?`, …) may be present with the value `undefined` (nodes are built
 * with fixed shapes); test them with `!== undefined`, never with `in`. Empty lists may be one
 * shared frozen array: the tree is readonly.
 *
 * Deliberately absent: parent pointers, symbol ids, types, mutation helpers. Later stages build
 * their own structures keyed by node identity or span instead of writing into these objects.
 * Changes to this file are additive (new optional fields or new kinds), so analyses written
 * against it keep compiling.
 */

/** A half-open [start, end) range of offsets into the file's text. Every node satisfies it. */
export interface NodeSpan {
  readonly start: number;
  readonly end: number;
}

/** An identifier as written. A missing identifier (inserted on error) has `text === ""`. */
export interface Ident {
  readonly kind: "Ident";
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Joined documentation lines attached to a construct (§3.2): one leading space removed per line, joined with "\n". */
export interface Doc {
  readonly kind: "Doc";
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A balanced `{ … }` token block kept opaque (macro and host bodies, `clif` blocks). */
export interface TokenBlock {
  readonly kind: "TokenBlock";
  readonly start: number;
  readonly end: number;
}

// ================= Files =================

export interface SourceFile {
  readonly kind: "SourceFile";
  /** The path given to `parseFile`, verbatim. */
  readonly file: string;
  readonly items: readonly Item[];
  readonly start: number;
  readonly end: number;
}

// ================= Attributes =================

/** `[Name]` or `[Name(arg: value, …)]`. `args` is undefined when there are no parentheses. */
export interface Attribute {
  readonly kind: "Attribute";
  readonly name: Ident;
  readonly args?: readonly AttrArg[];
  readonly start: number;
  readonly end: number;
}

/** `name: Expr` inside an attribute application; kept as syntax, never evaluated (§5.15). */
export interface AttrArg {
  readonly kind: "AttrArg";
  readonly name: Ident;
  readonly value: Expr;
  readonly start: number;
  readonly end: number;
}

// ================= Items =================

export type Item =
  | FunctionItem
  | ImplItem
  | TypeItem
  | EnumItem
  | ContractItem
  | TestItem
  | AttributeDecl
  | InlineModule
  | ModuleDecl
  | UseDecl
  | ConstItem
  | MacroItem
  | HostItem;

/**
 * Fields every item has. Attributes written on an item that takes none (`use`, `const`, `impl`)
 * are kept here and reported as E0101 by the parser.
 */
interface ItemBase {
  readonly doc?: Doc;
  readonly attributes: readonly Attribute[];
  readonly isPub: boolean;
  readonly start: number;
  readonly end: number;
}

/** `where T: Bound` (current syntax). */
export interface WhereBound {
  readonly kind: "WhereBound";
  readonly param: Ident;
  readonly bound: NamedType;
  readonly start: number;
  readonly end: number;
}

export type ParamModifier = "mut" | "ref" | "out";

/** A function, member or contract-method parameter. `ref`/`out`/`bulk` are E1229 in semantics. */
export interface Param {
  readonly kind: "Param";
  readonly doc?: Doc;
  /** `bulk` (current syntax, E1229). */
  readonly bulk: boolean;
  readonly modifier?: ParamModifier;
  readonly type: Type;
  readonly name: Ident;
  readonly start: number;
  readonly end: number;
}

/** `=> Expr;` as a function or member body. */
export interface ExprBody {
  readonly kind: "ExprBody";
  readonly expr: Expr;
  readonly start: number;
  readonly end: number;
}

/** `Type Name<T…>(params) where … body`. `body` is undefined for `;` (no body, D1). */
export interface FunctionItem extends ItemBase {
  readonly kind: "Function";
  readonly returnType: Type;
  readonly name: Ident;
  readonly typeParams: readonly Ident[];
  readonly params: readonly Param[];
  readonly where: readonly WhereBound[];
  readonly body?: Block | ExprBody;
}

/** A member (method) inside a `type`, `impl` or `extend` body. Members take no generic parameters (E0103). */
export interface MethodDecl {
  readonly kind: "Method";
  readonly doc?: Doc;
  readonly attributes: readonly Attribute[];
  readonly isPub: boolean;
  readonly returnType: Type;
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly body: Block | ExprBody;
  readonly start: number;
  readonly end: number;
}

/**
 * An associated type: `type Item = T;` in a `type`/`impl` body, `type Item;` or
 * `type Item = T;` in a contract (current syntax, E1230).
 */
export interface AssocTypeDecl {
  readonly kind: "AssocType";
  readonly doc?: Doc;
  readonly name: Ident;
  readonly value?: Type;
  readonly start: number;
  readonly end: number;
}

/** `impl<T> Target : C1, C2 where … { members }`, or `extend type Target { members }` (same meaning). */
export interface ImplItem extends ItemBase {
  readonly kind: "Impl";
  readonly form: "impl" | "extend";
  readonly typeParams: readonly Ident[];
  /** A `PrimitiveType` or `NamedType` when well-formed. */
  readonly target: Type;
  readonly conformances: readonly NamedType[];
  readonly where: readonly WhereBound[];
  readonly members: readonly (MethodDecl | AssocTypeDecl)[];
}

/** `Type name` in a `type` body. `pub` is accepted and has no effect (D22). */
export interface ValueField {
  readonly kind: "Field";
  readonly doc?: Doc;
  readonly attributes: readonly Attribute[];
  readonly isPub: boolean;
  readonly type: Type;
  readonly name: Ident;
  readonly start: number;
  readonly end: number;
}

/** `event{N} Name(params)` / `event Name(params)`. */
export interface EventField {
  readonly kind: "EventField";
  readonly doc?: Doc;
  readonly attributes: readonly Attribute[];
  readonly isPub: boolean;
  /** The `{N}` capacity when written (`{-1}` keeps its sign for E1220). */
  readonly capacity?: SignedIntLiteral;
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly start: number;
  readonly end: number;
}

/** `inject (global|parent ::)? Type name` (current syntax, E1230). */
export interface InjectField {
  readonly kind: "InjectField";
  readonly doc?: Doc;
  readonly attributes: readonly Attribute[];
  readonly isPub: boolean;
  readonly scope?: "global" | "parent";
  readonly type: Type;
  readonly name: Ident;
  readonly start: number;
  readonly end: number;
}

export type TypeField = ValueField | EventField | InjectField;

/** `type Name<T…> : Conformances { fields, members }`. */
export interface TypeItem extends ItemBase {
  readonly kind: "Type";
  readonly name: Ident;
  readonly typeParams: readonly Ident[];
  readonly conformances: readonly NamedType[];
  readonly fields: readonly TypeField[];
  readonly members: readonly (MethodDecl | AssocTypeDecl)[];
}

/** One payload field of a variant; `name` is absent for unnamed fields (D1), whose positional name is `_<index>`. */
export interface VariantField {
  readonly kind: "VariantField";
  readonly doc?: Doc;
  readonly type: Type;
  readonly name?: Ident;
  /** Position in the payload, from 0. */
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/** `Name` or `Name(fields)`; `hasParens` tells `V` from `V()`. */
export interface Variant {
  readonly kind: "Variant";
  readonly doc?: Doc;
  readonly name: Ident;
  readonly hasParens: boolean;
  readonly fields: readonly VariantField[];
  readonly start: number;
  readonly end: number;
}

export interface EnumItem extends ItemBase {
  readonly kind: "Enum";
  readonly name: Ident;
  readonly typeParams: readonly Ident[];
  readonly variants: readonly Variant[];
}

/** `Type Name(params);` inside a contract. */
export interface ContractMethod {
  readonly kind: "ContractMethod";
  readonly doc?: Doc;
  readonly attributes: readonly Attribute[];
  readonly returnType: Type;
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly start: number;
  readonly end: number;
}

/** `OtherContract;` inside a contract: embeds its methods. */
export interface ContractEmbed {
  readonly kind: "ContractEmbed";
  readonly doc?: Doc;
  readonly type: NamedType;
  readonly start: number;
  readonly end: number;
}

export type ContractMember = ContractMethod | ContractEmbed | AssocTypeDecl;

export interface ContractItem extends ItemBase {
  readonly kind: "Contract";
  readonly name: Ident;
  readonly typeParams: readonly Ident[];
  readonly members: readonly ContractMember[];
}

/** `key = Expr;` inside `meta { }` or `skip { }`. */
export interface TestEntry {
  readonly kind: "TestEntry";
  readonly key: Ident;
  readonly value: Expr;
  readonly start: number;
  readonly end: number;
}

/** A `meta { … }` or `skip { … }` section of a test. */
export interface TestSection {
  readonly kind: "TestSection";
  readonly section: "meta" | "skip";
  readonly entries: readonly TestEntry[];
  readonly start: number;
  readonly end: number;
}

/**
 * `test Name { parts }`. `sections` and `body` keep source order within themselves; statements
 * directly inside the body may carry `doc` (§3.2).
 */
export interface TestItem extends ItemBase {
  readonly kind: "Test";
  readonly name: Ident;
  readonly sections: readonly TestSection[];
  readonly body: readonly Stmt[];
}

/** `name: Type (= default)?` in an attribute declaration. */
export interface AttrParam {
  readonly kind: "AttrParam";
  readonly name: Ident;
  readonly type: Type;
  readonly default?: Expr;
  readonly start: number;
  readonly end: number;
}

/** `attribute Name(Targets) { params }`; `targets` is undefined without a target list. */
export interface AttributeDecl extends ItemBase {
  readonly kind: "AttributeDecl";
  readonly name: Ident;
  readonly targets?: readonly Ident[];
  readonly params: readonly AttrParam[];
}

/** A dotted module path `A.B.C` (in `mod` and `use`). */
export interface ModPath {
  readonly kind: "ModPath";
  readonly segments: readonly Ident[];
  readonly start: number;
  readonly end: number;
}

/** `mod Name { items }`. */
export interface InlineModule extends ItemBase {
  readonly kind: "InlineModule";
  readonly name: Ident;
  readonly items: readonly Item[];
}

/** `mod A.B;` / `pub mod A.B;` (file-scoped or child declaration, §5.1). */
export interface ModuleDecl extends ItemBase {
  readonly kind: "ModDecl";
  readonly path: ModPath;
}

/** `use A.B;` / `use A.B as N;` / `pub use …`. */
export interface UseDecl extends ItemBase {
  readonly kind: "Use";
  readonly path: ModPath;
  readonly alias?: Ident;
}

/** An integer literal with an optional leading `-` (const values, event capacities). */
export interface SignedIntLiteral {
  readonly kind: "SignedInt";
  readonly negative: boolean;
  readonly literal: IntLiteral;
  readonly start: number;
  readonly end: number;
}

/** `const NAME = -?INT;` (current syntax). */
export interface ConstItem extends ItemBase {
  readonly kind: "Const";
  readonly name: Ident;
  readonly value: SignedIntLiteral;
}

/** One `kind name` parameter of a macro. */
export interface MacroParam {
  readonly kind: "MacroParam";
  readonly paramKind: Ident;
  readonly name: Ident;
  readonly start: number;
  readonly end: number;
}

/** `macro Name(kind name, …) { tokens }` (current syntax): parsed, kept out of every namespace, ignored. */
export interface MacroItem extends ItemBase {
  readonly kind: "Macro";
  readonly name: Ident;
  readonly params: readonly MacroParam[];
  readonly body: TokenBlock;
}

/** `host Name(params) : Service { tokens }` (current syntax, E1230). */
export interface HostItem extends ItemBase {
  readonly kind: "Host";
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly service?: NamedType;
  readonly body: TokenBlock;
}

// ================= Types =================

export type Type = PrimitiveType | NamedType | ThisType | RefType | ArrayType | FunctionType | ErrorType;

export const PRIMITIVE_TYPE_NAMES = [
  "bool",
  "char",
  "string",
  "unit",
  "never",
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
  "word",
  "pointer",
] as const;

export type PrimitiveName = (typeof PRIMITIVE_TYPE_NAMES)[number];

/** A predeclared primitive type name in a type position (§3.3). */
export interface PrimitiveType {
  readonly kind: "PrimitiveType";
  readonly name: PrimitiveName;
  readonly start: number;
  readonly end: number;
}

/** One segment of a dotted path, with optional generic arguments: `List<T>` in `Collections.List<T>`. */
export interface PathSegment {
  readonly kind: "PathSegment";
  readonly name: Ident;
  readonly typeArgs?: readonly Type[];
  readonly start: number;
  readonly end: number;
}

/**
 * A (possibly qualified, possibly generic) type path: `Point`, `List<i64>`, `Core.Time.Instant`.
 * `assoc` is the `::Item` of an associated-type path `T::Item` (current syntax, E1230).
 */
export interface NamedType {
  readonly kind: "NamedType";
  readonly segments: readonly PathSegment[];
  readonly assoc?: Ident;
  readonly start: number;
  readonly end: number;
}

/** `This` in a type position (current syntax). */
export interface ThisType {
  readonly kind: "ThisType";
  readonly start: number;
  readonly end: number;
}

/** `ref T` (older syntax, E1229). */
export interface RefType {
  readonly kind: "RefType";
  readonly inner: Type;
  readonly start: number;
  readonly end: number;
}

/** `T[]`; `T[][]` nests. */
export interface ArrayType {
  readonly kind: "ArrayType";
  readonly element: Type;
  readonly start: number;
  readonly end: number;
}

/** `R(P1, P2)` (return type first) or `(P1, P2) => R` (`arrow: true`). */
export interface FunctionType {
  readonly kind: "FunctionType";
  readonly returnType: Type;
  readonly params: readonly Type[];
  readonly arrow: boolean;
  readonly start: number;
  readonly end: number;
}

/** A type that was expected and is missing or malformed (a syntax error was reported). */
export interface ErrorType {
  readonly kind: "ErrorType";
  readonly start: number;
  readonly end: number;
}

// ================= Statements =================

export type Stmt =
  | LocalDecl
  | ReturnStmt
  | BreakStmt
  | ContinueStmt
  | IfStmt
  | WhileStmt
  | ForStmt
  | BlockStmt
  | ExprStmt
  | UnsupportedStmt;

/** Only statements directly inside a `test` body carry a `doc` (§3.2). */
interface StmtBase {
  readonly doc?: Doc;
  readonly start: number;
  readonly end: number;
}

/**
 * Any local declaration: `T x = e;`, `T x;`, `mut T x = e;` (current), `T mut x = e;` (older),
 * `let x = e;`, `let mut x = e;`. `type` is absent exactly for `let`.
 */
export interface LocalDecl extends StmtBase {
  readonly kind: "Local";
  readonly form: "typed" | "let";
  readonly mutable: boolean;
  readonly type?: Type;
  readonly name: Ident;
  readonly init?: Expr;
}

export interface ReturnStmt extends StmtBase {
  readonly kind: "Return";
  readonly value?: Expr;
}

export interface BreakStmt extends StmtBase {
  readonly kind: "Break";
}

export interface ContinueStmt extends StmtBase {
  readonly kind: "Continue";
}

/** `if c { } else if … / else { }`. */
export interface IfStmt extends StmtBase {
  readonly kind: "If";
  readonly condition: Expr;
  readonly then: Block;
  readonly else?: Block | IfStmt;
}

export interface WhileStmt extends StmtBase {
  readonly kind: "While";
  readonly condition: Expr;
  readonly body: Block;
}

/** `for x in e { }`; the range form is `iterable` = call of the name `range` (§5.7). */
export interface ForStmt extends StmtBase {
  readonly kind: "For";
  readonly binding: Ident;
  readonly iterable: Expr;
  readonly body: Block;
}

/** A block used as a statement (`;` after it optional, D26). */
export interface BlockStmt extends StmtBase {
  readonly kind: "BlockStmt";
  readonly block: Block;
}

/**
 * `Expr;`. A statement starting with `match` is an `ExprStmt` whose `expr` is the `Match` and
 * whose `semicolon` may be false (D26).
 */
export interface ExprStmt extends StmtBase {
  readonly kind: "ExprStmt";
  readonly expr: Expr;
  readonly semicolon: boolean;
}

/** The E1230 statements of §4.4, kept opaque: scoped `use`, `with`, `launch`. */
export interface UnsupportedStmt extends StmtBase {
  readonly kind: "UnsupportedStmt";
  readonly construct: "scoped-use" | "with" | "launch";
}

// ================= Expressions =================

export type Expr =
  | IntLiteral
  | FloatLiteral
  | BoolLiteral
  | CharLiteral
  | StringLiteral
  | InterpolatedString
  | UnitLiteral
  | NameExpr
  | MemberAccess
  | CallExpr
  | IndexExpr
  | TryExpr
  | UnaryExpr
  | BinaryExpr
  | AssignExpr
  | LambdaExpr
  | MatchExpr
  | EnumValueExpr
  | StructLiteral
  | ArrayLiteral
  | Block
  | ParenExpr
  | UnsupportedExpr
  | ErrorExpr;

export type IntSuffix = "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64";
export type FloatSuffix = "f32" | "f64";

/** An integer literal (no sign, §3.4). `value` is 0 when the literal was malformed (E0005 reported). */
export interface IntLiteral {
  readonly kind: "IntLit";
  readonly value: bigint;
  readonly radix: 10 | 16;
  readonly suffix?: IntSuffix;
  readonly start: number;
  readonly end: number;
}

export interface FloatLiteral {
  readonly kind: "FloatLit";
  readonly value: number;
  readonly suffix?: FloatSuffix;
  readonly start: number;
  readonly end: number;
}

export interface BoolLiteral {
  readonly kind: "BoolLit";
  readonly value: boolean;
  readonly start: number;
  readonly end: number;
}

/** A character literal; `value` is the Unicode scalar value (0 when malformed). */
export interface CharLiteral {
  readonly kind: "CharLit";
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

/** A string without interpolation; `value` is the decoded text. */
export interface StringLiteral {
  readonly kind: "StringLit";
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** Decoded literal text between holes of an interpolated string. */
export interface InterpText {
  readonly kind: "InterpText";
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** One `${expr}` hole. */
export interface InterpHole {
  readonly kind: "InterpHole";
  readonly expr: Expr;
  readonly start: number;
  readonly end: number;
}

/** `"text ${e} text"`: parts in source order; empty text pieces are omitted. */
export interface InterpolatedString {
  readonly kind: "InterpolatedString";
  readonly parts: readonly (InterpText | InterpHole)[];
  readonly start: number;
  readonly end: number;
}

/** `()` (current syntax). */
export interface UnitLiteral {
  readonly kind: "UnitLit";
  readonly start: number;
  readonly end: number;
}

/** A simple name, optionally with generic arguments (`New<i64>`). */
export interface NameExpr {
  readonly kind: "Name";
  readonly name: Ident;
  readonly typeArgs?: readonly Type[];
  readonly start: number;
  readonly end: number;
}

/** `object.name` or `object.name<T…>`; dotted module paths in expressions are chains of these. */
export interface MemberAccess {
  readonly kind: "MemberAccess";
  readonly object: Expr;
  readonly name: Ident;
  readonly typeArgs?: readonly Type[];
  readonly start: number;
  readonly end: number;
}

export interface CallExpr {
  readonly kind: "Call";
  readonly callee: Expr;
  readonly args: readonly Expr[];
  readonly start: number;
  readonly end: number;
}

export interface IndexExpr {
  readonly kind: "Index";
  readonly object: Expr;
  readonly index: Expr;
  readonly start: number;
  readonly end: number;
}

/** Postfix `e?` (§5.10). */
export interface TryExpr {
  readonly kind: "Try";
  readonly operand: Expr;
  readonly start: number;
  readonly end: number;
}

export type UnaryOp = "-" | "!";

export interface UnaryExpr {
  readonly kind: "Unary";
  readonly op: UnaryOp;
  readonly operand: Expr;
  readonly start: number;
  readonly end: number;
}

export type BinaryOp =
  | "*"
  | "/"
  | "%"
  | "+"
  | "-"
  | "<<"
  | ">>"
  | "<"
  | "<="
  | ">"
  | ">="
  | "=="
  | "!="
  | "==="
  | "!=="
  | "&"
  | "|"
  | "&&"
  | "||";

export interface BinaryExpr {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly start: number;
  readonly end: number;
}

export type AssignOp = "=" | "+=" | "-=";

/** `target = value` (right-associative; an expression, §5.6). */
export interface AssignExpr {
  readonly kind: "Assign";
  readonly op: AssignOp;
  readonly target: Expr;
  readonly value: Expr;
  readonly start: number;
  readonly end: number;
}

/** A lambda parameter: `Type name`, `name`, or `_` (no `name`). */
export interface LambdaParam {
  readonly kind: "LambdaParam";
  readonly type?: Type;
  readonly name?: Ident;
  readonly start: number;
  readonly end: number;
}

/** `x => e`, `_ => e`, `(T a, b) => { … }`. `body` is a `Block` or any expression. */
export interface LambdaExpr {
  readonly kind: "Lambda";
  readonly params: readonly LambdaParam[];
  readonly parenthesized: boolean;
  readonly body: Expr;
  readonly start: number;
  readonly end: number;
}

export interface MatchArm {
  readonly kind: "MatchArm";
  readonly pattern: Pattern;
  readonly guard?: Expr;
  /** A `Block` for `=> { … }`, otherwise any expression. */
  readonly body: Expr;
  readonly start: number;
  readonly end: number;
}

export interface MatchExpr {
  readonly kind: "Match";
  readonly scrutinee: Expr;
  readonly arms: readonly MatchArm[];
  readonly start: number;
  readonly end: number;
}

/** `QualName` as the enum part of `E::V`, struct literals and enum patterns. */
export interface QualName {
  readonly kind: "QualName";
  readonly segments: readonly PathSegment[];
  readonly start: number;
  readonly end: number;
}

/** `E::V`, `E::V(args)`, `m.E<T>::V(args)`. `args` is undefined without parentheses. */
export interface EnumValueExpr {
  readonly kind: "EnumValue";
  readonly enumName: QualName;
  readonly variant: Ident;
  readonly args?: readonly Expr[];
  readonly start: number;
  readonly end: number;
}

export interface FieldInit {
  readonly kind: "FieldInit";
  readonly name: Ident;
  readonly value: Expr;
  readonly start: number;
  readonly end: number;
}

/** `T { f: e, … }`. */
export interface StructLiteral {
  readonly kind: "StructLiteral";
  readonly typeName: QualName;
  readonly fields: readonly FieldInit[];
  readonly start: number;
  readonly end: number;
}

export interface ArrayLiteral {
  readonly kind: "ArrayLiteral";
  readonly elements: readonly Expr[];
  readonly start: number;
  readonly end: number;
}

/** `{ statements }`, as a function body, a statement or an expression (type `unit`/`never`, §5.6). */
export interface Block {
  readonly kind: "Block";
  readonly statements: readonly Stmt[];
  readonly start: number;
  readonly end: number;
}

/** `( e )`: kept because grouping matters for literal typing and `(match …).F()`. */
export interface ParenExpr {
  readonly kind: "Paren";
  readonly expr: Expr;
  readonly start: number;
  readonly end: number;
}

/** The E1230 expressions of §4.4, kept opaque. */
export interface UnsupportedExpr {
  readonly kind: "UnsupportedExpr";
  readonly construct: "spawn" | "try-catch" | "macro-call" | "meta-var" | "code-fence" | "clif";
  readonly start: number;
  readonly end: number;
}

/** An expression that was expected and is missing or malformed (a syntax error was reported). */
export interface ErrorExpr {
  readonly kind: "ErrorExpr";
  readonly start: number;
  readonly end: number;
}

// ================= Patterns =================

export type Pattern = WildcardPattern | BindingPattern | EnumPattern | LiteralPattern | ErrorPattern;

export interface WildcardPattern {
  readonly kind: "WildcardPattern";
  readonly start: number;
  readonly end: number;
}

/** A lone identifier: binds the matched value. */
export interface BindingPattern {
  readonly kind: "BindingPattern";
  readonly name: Ident;
  readonly start: number;
  readonly end: number;
}

/** `E::V` (matches any payload) or `E::V(p, …)`; `args` undefined without parentheses. */
export interface EnumPattern {
  readonly kind: "EnumPattern";
  readonly enumName: QualName;
  readonly variant: Ident;
  readonly args?: readonly Pattern[];
  readonly start: number;
  readonly end: number;
}

/** `-?INT`, `-?FLOAT`, CHAR, STRING (no interpolation), `true`, `false`. */
export interface LiteralPattern {
  readonly kind: "LiteralPattern";
  readonly negative: boolean;
  readonly literal: IntLiteral | FloatLiteral | CharLiteral | StringLiteral | BoolLiteral;
  readonly start: number;
  readonly end: number;
}

export interface ErrorPattern {
  readonly kind: "ErrorPattern";
  readonly start: number;
  readonly end: number;
}

// ================= All nodes =================

/** Every node kind, for generic walkers and the dump. */
export type Node =
  | SourceFile
  | Ident
  | Doc
  | TokenBlock
  | Attribute
  | AttrArg
  | Item
  | WhereBound
  | Param
  | ExprBody
  | MethodDecl
  | AssocTypeDecl
  | TypeField
  | VariantField
  | Variant
  | ContractMember
  | TestEntry
  | TestSection
  | AttrParam
  | ModPath
  | SignedIntLiteral
  | MacroParam
  | Type
  | PathSegment
  | Stmt
  | Expr
  | InterpText
  | InterpHole
  | LambdaParam
  | MatchArm
  | QualName
  | FieldInit
  | Pattern;

export type NodeKind = Node["kind"];
