/**
 * The body checker: types every statement and expression of one function, member, lambda or
 * test and builds its typed block (LANGUAGE.md §5.2 local lookup, §5.4 inference, §5.5
 * literal typing, §5.6–§5.14). Name lookup, literal typing, conversions, call
 * classification, `?`, closures and captures, definite assignment (E1109), reachability
 * (W1403) and missing returns (E1404) all happen in this one walk per body.
 *
 * It does not declare items or resolve signatures (`collect.ts`), and leaves pattern
 * exhaustiveness to `patterns.ts`. It never mutates the AST.
 */

import type { DiagnosticCode, DiagnosticFacts, Span } from "../diagnostics/index.ts";
import type * as A from "../syntax/ast.ts";
import type { Entry, Mutable, Sema, Sym } from "./context.ts";
import { closest, symKindName, type BodyJob, type Collector, type TypeScope } from "./collect.ts";
import { exactLength } from "../util/arrays.ts";
import { INTRINSICS } from "./intrinsics.ts";
import { checkExhaustive } from "./patterns.ts";
import {
  T,
  type Conversion,
  type FieldInfo,
  type FuncId,
  type LocalId,
  type LocalKind,
  type LValue,
  type ModuleId,
  type TBlock,
  type TExpr,
  type TMatchArm,
  type TPattern,
  type TStmt,
  type TextConv,
  type TypeId,
  type TypeParamId,
  type SrcSpan,
} from "./typed.ts";
import {
  commonNumeric,
  containsError,
  intRange,
  isFloatPrim,
  isIntPrim,
  isSigned,
  mentionsParam,
  primOf,
  substitute,
  unify,
  widens,
} from "./types.ts";

/** The shared names of a scope that declares nothing; `newLocal` replaces it, never writes to it. */
const NO_NAMES: Map<string, LocalId> = new Map();
/**
 * The inference tables of a call of a non-generic function, shared: with no type parameters
 * in `vars`, `unify` never binds anything, so they stay empty.
 */
const NO_VARS: ReadonlySet<TypeParamId> = new Set();
const NO_BINDINGS: Map<TypeParamId, TypeId> = new Map();
const NO_CONFLICTS: Map<TypeParamId, TypeId[]> = new Map();

interface Scope {
  /** `NO_NAMES` until the first local is declared in the scope (most blocks declare none). */
  names: Map<string, LocalId>;
  /** The block's statements and the position being checked: later declarations give E1106 (error path only). */
  stmts: readonly A.Stmt[] | undefined;
  pos: number;
}

interface Loop {
  hasBreak: boolean;
}

interface FnCtx {
  readonly func: FuncId;
  readonly file: string;
  readonly module: ModuleId;
  readonly typeScope: TypeScope;
  /** Undefined while a lambda's return type is being inferred. */
  ret: TypeId | undefined;
  readonly inferredReturns: TypeId[];
  /** Entry point or test body: a failing `?` panics (D31). */
  readonly entryLike: boolean;
  readonly outer: FnCtx | undefined;
  readonly scopes: Scope[];
  readonly loops: Loop[];
  /** Members: `this` and its type. */
  readonly receiver: { readonly local: LocalId; readonly type: TypeId } | undefined;
  readonly captures: LocalId[];
  readonly locals: LocalId[];
  lambdaCount: number;
}

type Found =
  | { kind: "local"; local: LocalId }
  | { kind: "field"; thisLocal: LocalId; recvType: TypeId; field: FieldInfo }
  | { kind: "member"; thisLocal: LocalId; recvType: TypeId; func: FuncId }
  | { kind: "entry"; entry: Entry }
  | { kind: "intrinsic"; name: string };

/** A generic instantiation seen at a call, for the per-instantiation D24 text check. */
interface Instantiation {
  readonly caller: FuncId;
  readonly callee: FuncId;
  readonly typeArgs: readonly TypeId[];
  readonly span: Span;
}

const ARITH: Partial<
  Record<A.BinaryOp, "add" | "sub" | "mul" | "div" | "rem" | "band" | "bor" | "shl" | "shr">
> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "%": "rem",
  "&": "band",
  "|": "bor",
  "<<": "shl",
  ">>": "shr",
};
const CMP: Partial<Record<A.BinaryOp, "lt" | "le" | "gt" | "ge">> = {
  "<": "lt",
  "<=": "le",
  ">": "gt",
  ">=": "ge",
};

type ConstVal = { kind: "int"; value: bigint; hex: boolean } | { kind: "float"; value: number };

/** A syntactic type in source form (`Cart.Cart`, `List<i64>[]`, `unit(string)`), or undefined. */
function typeAsWritten(t: A.Type | undefined): string | undefined {
  if (!t) return undefined;
  const list = (ts: readonly A.Type[]): string | undefined => {
    const xs = ts.map(typeAsWritten);
    return xs.every((x) => x !== undefined) ? xs.join(", ") : undefined;
  };
  switch (t.kind) {
    case "PrimitiveType":
      return t.name;
    case "ThisType":
      return "This";
    case "NamedType": {
      const segs = t.segments.map((g) => {
        if (!g.typeArgs) return g.name.text;
        const args = list(g.typeArgs);
        return args === undefined ? undefined : `${g.name.text}<${args}>`;
      });
      if (segs.some((x) => x === undefined)) return undefined;
      return segs.join(".") + (t.assoc ? `::${t.assoc.text}` : "");
    }
    case "ArrayType": {
      const e = typeAsWritten(t.element);
      return e === undefined ? undefined : `${e}[]`;
    }
    case "FunctionType": {
      const r = typeAsWritten(t.returnType);
      const ps = list(t.params);
      if (r === undefined || ps === undefined) return undefined;
      return t.arrow ? `(${ps}) => ${r}` : `${r}(${ps})`;
    }
    default:
      return undefined;
  }
}

const LAMBDA_LOOP_HELP =
  "a lambda body cannot leave the loop around it: `return` a value from the lambda and test it in the loop";

/**
 * Names from other languages that Beskid does not have, with what to write instead; used only
 * when the name is not declared anywhere (a program may declare its own `print`).
 */
const PRINT_HELP = "there is no print builtin: `use Core.Output;` and call `Output.WriteLine(text)`";
/** Member names other languages use for a length (arrays and strings have no members). */
const LENGTH_NAMES: ReadonlySet<string> = new Set([
  "length",
  "Length",
  "len",
  "Len",
  "size",
  "Size",
  "count",
  "Count",
]);

const FOREIGN_NAMES: ReadonlyMap<string, string> = new Map([
  ["print", PRINT_HELP],
  ["println", PRINT_HELP],
  ["printf", PRINT_HELP],
  ["puts", PRINT_HELP],
  ["console", PRINT_HELP],
  ["Console", PRINT_HELP],
  ["null", "there is no null: use `Option<T>` with `Option::None` and `Option::Some(v)`"],
  ["nil", "there is no null: use `Option<T>` with `Option::None` and `Option::Some(v)`"],
  ["len", "use `Array.Len(xs)` (`use Collections.Array;`) or `String.Len(s)` (`use Core.String;`)"],
]);

export class BodyChecker {
  private ctx!: FnCtx;
  /** Locals declared without a value and not yet definitely assigned on the current path. */
  private unassigned = new Set<LocalId>();
  /** Locals declared with `let` (W1214's help then says `let mut x`). */
  private readonly letLocals = new Set<LocalId>();
  /** Checking a condition that is an `=` assignment (E1208 explains it; no W1214 as well). */
  private conditionAssign = false;
  /** The type as written of locals declared with one (W1214's help repeats it: `mut Cart.Cart c`). */
  private readonly writtenTypes = new Map<LocalId, A.Type>();
  private readonly reportedUnassigned = new Set<LocalId>();
  /** Inference variables of the call being checked (lambda parameter types mentioning them are unknown). */
  private inferVars: ReadonlySet<TypeParamId> = new Set();
  readonly instantiations: Instantiation[] = [];
  /** Per function: type parameters whose values it converts to text (D24), with the place. */
  readonly textParams = new Map<FuncId, Map<TypeParamId, Span>>();
  private readonly intrinsicParams = new Map<string, TypeParamId>();
  private readonly constNames: ReadonlySet<string>;

  constructor(
    private readonly s: Sema,
    private readonly c: Collector,
    private readonly bodiless: ReadonlySet<FuncId>,
  ) {
    this.constNames = new Set(s.consts.map((c) => c.name));
  }

  // =======================================================================================
  // Entry: one body.

  checkJob(job: BodyJob, entryLike: boolean): void {
    const s = this.s;
    const f = s.functions[job.func]!;
    this.unassigned = new Set();
    const ctx: FnCtx = {
      func: job.func,
      file: job.file,
      module: f.module,
      typeScope: job.scope,
      ret: f.ret,
      inferredReturns: [],
      entryLike,
      outer: undefined,
      scopes: [{ names: NO_NAMES, stmts: undefined, pos: 0 }],
      loops: [],
      receiver: undefined,
      captures: [],
      locals: [],
      lambdaCount: 0,
    };
    this.ctx = ctx;
    const params: LocalId[] = [];
    let receiver: FnCtx["receiver"];
    if (job.receiver !== undefined) {
      const self = this.newLocal("this", job.receiver, "this", false, f.nameSpan);
      params.push(self);
      receiver = { local: self, type: job.receiver };
    }
    (ctx as Mutable<FnCtx>).receiver = receiver;
    job.params.forEach((p, i) => {
      const t = f.paramTypes[i + (job.receiver !== undefined ? 1 : 0)] ?? T.error;
      if (p.name.text === "") return;
      if (ctx.scopes[0]!.names.has(p.name.text)) {
        this.rep("E1102", this.sp(p.name), `parameter \`${p.name.text}\` is declared twice`);
        return;
      }
      params.push(this.newLocal(p.name.text, t, "param", p.modifier === "mut", this.sp(p.name)));
    });
    f.params = exactLength(params);
    if (job.body === undefined) {
      f.body = undefined;
      f.locals = exactLength(ctx.locals);
      return;
    }
    const bodySpan = Array.isArray(job.body) ? f.span : this.sp(job.body as A.Block | A.ExprBody);
    const block = this.functionBody(job.body, f.ret, bodySpan, f.nameSpan, f.name);
    f.body = block;
    f.locals = exactLength(ctx.locals);
  }

  /** A function or lambda body (block, `=> e`, or test statements) with the return checks of §5.7. */
  private functionBody(
    body: A.Block | A.ExprBody | readonly A.Stmt[] | A.Expr,
    ret: TypeId | undefined,
    span: SrcSpan,
    nameSpan: SrcSpan,
    name: string,
  ): TBlock {
    const s = this.s;
    let block: TBlock;
    if (Array.isArray(body)) {
      block = this.stmts(body as readonly A.Stmt[], span);
    } else {
      const b = body as A.Block | A.ExprBody | A.Expr;
      if (b.kind === "Block") block = this.block(b);
      else {
        const e = b.kind === "ExprBody" ? b.expr : b;
        const espan = this.sp(e);
        if (ret === undefined) {
          const x = this.expr(e, undefined);
          const t = x.type === T.never ? T.never : x.type;
          this.ctx.inferredReturns.push(t);
          block = { stmts: [{ kind: "return", value: x, span: espan }], diverges: true, span: espan };
        } else if (ret === T.unit) {
          // Evaluated and discarded: a `match` body is a statement match (arms not unified).
          const x = e.kind === "Match" ? this.match(e, undefined, true) : this.expr(e, undefined);
          block = {
            stmts: [{ kind: "expr", expr: x, span: espan }],
            diverges: x.type === T.never,
            span: espan,
          };
        } else {
          const x = this.exprAt(e, ret, "return");
          block = { stmts: [{ kind: "return", value: x, span: espan }], diverges: true, span: espan };
        }
        return block;
      }
    }
    if (ret !== undefined && !block.diverges) {
      if (ret === T.never)
        this.rep("E1207", nameSpan, `\`${name}\` returns \`never\` but can reach the end of its body`, {
          help: "end it with a call that never returns, or loop forever",
        });
      else if (ret !== T.unit && ret !== T.error)
        this.rep(
          "E1404",
          nameSpan,
          `\`${name}\` returns \`${s.typeName(ret)}\` but can reach the end of its body without \`return\``,
          {
            help: "add a `return` on every path",
          },
        );
    }
    return block;
  }

  // =======================================================================================
  // Helpers.

  /** The AST node itself serves as the span (its `start`/`end`; offsets into the function's file). */
  private sp(n: A.NodeSpan): SrcSpan {
    return n;
  }

  private full(at: SrcSpan | Span): Span {
    return "file" in at ? at : { file: this.ctx.file, start: at.start, end: at.end };
  }

  private rep(
    code: DiagnosticCode,
    at: SrcSpan | Span,
    detail: string,
    extra?: Omit<DiagnosticFacts, "detail">,
  ): void {
    this.s.report(code, this.full(at), detail, extra);
  }

  private newLocal(
    name: string,
    type: TypeId,
    kind: LocalKind,
    mutable: boolean,
    span: SrcSpan,
    bind = true,
  ): LocalId {
    const s = this.s;
    const id = s.locals.length;
    s.locals.push({
      id,
      name,
      type,
      kind,
      mutable,
      func: this.ctx.func,
      captured: false,
      span: this.full(span),
    });
    this.ctx.locals.push(id);
    if (bind) {
      const scope = this.ctx.scopes[this.ctx.scopes.length - 1]!;
      if (scope.names === NO_NAMES) scope.names = new Map();
      scope.names.set(name, id);
    }
    return id;
  }

  /**
   * A copy of a definite-assignment set for a branch. An empty set is shared instead of
   * copied: entries a branch adds are locals scoped inside it, which no later code can name.
   */
  private snap(set: Set<LocalId>): Set<LocalId> {
    return set.size === 0 ? set : new Set(set);
  }

  private err(span: SrcSpan): TExpr {
    return { kind: "error", type: T.error, span };
  }

  private tn(t: TypeId): string {
    return this.s.typeName(t);
  }

  private isErr(t: TypeId): boolean {
    return this.s.types.get(t).kind === "error";
  }

  private resolveType(t: A.Type): TypeId {
    return this.c.resolveType(t, this.ctx.typeScope, "E1201");
  }

  // =======================================================================================
  // Name lookup (§5.2 steps 1–7).

  private lookup(name: string, _at: SrcSpan, wantCapture = true): Found | undefined {
    // 1. locals, through enclosing lambdas (captures).
    for (let c: FnCtx | undefined = this.ctx; c; c = c.outer) {
      for (let i = c.scopes.length - 1; i >= 0; i--) {
        const id = c.scopes[i]!.names.get(name);
        if (id !== undefined) {
          if (c !== this.ctx && wantCapture) this.capture(id, c);
          return { kind: "local", local: id };
        }
      }
    }
    // 2. the receiver's fields and members.
    for (let c: FnCtx | undefined = this.ctx; c; c = c.outer) {
      if (!c.receiver) continue;
      const recv = c.receiver;
      const info = this.s.types.get(recv.type);
      if (info.kind === "record") {
        const r = this.s.records[info.decl]!;
        const field = r.fields.find((f) => f.name === name);
        if (field) {
          if (c !== this.ctx && wantCapture) this.capture(recv.local, c);
          return {
            kind: "field",
            thisLocal: recv.local,
            recvType: recv.type,
            field: this.instField(field, recv.type),
          };
        }
      }
      const m = this.c.membersOf(recv.type)?.get(name);
      if (m !== undefined) {
        if (c !== this.ctx && wantCapture) this.capture(recv.local, c);
        return { kind: "member", thisLocal: recv.local, recvType: recv.type, func: m };
      }
      break;
    }
    // 3–5, 7: module items, ancestors, top-level modules, prelude.
    const e = this.c.lookupModuleLevel(name, this.ctx.module, false);
    if (e) return { kind: "entry", entry: e };
    // 6. intrinsics.
    if (name.startsWith("__") && INTRINSICS.has(name)) return { kind: "intrinsic", name };
    return undefined;
  }

  private capture(local: LocalId, owner: FnCtx): void {
    this.s.locals[local]!.captured = true;
    for (let c: FnCtx | undefined = this.ctx; c && c !== owner; c = c.outer)
      if (!c.captures.includes(local)) c.captures.push(local);
  }

  /** A field with the record's type arguments substituted. */
  private instField(f: FieldInfo, recordType: TypeId): FieldInfo {
    const info = this.s.types.get(recordType);
    if (info.kind !== "record" || info.args.length === 0) return f;
    const map = this.paramMap(this.s.records[info.decl]!.typeParams, info.args);
    if (f.kind === "value") return { ...f, type: substitute(this.s.types, f.type, map) };
    return { ...f, params: f.params.map((p) => substitute(this.s.types, p, map)) };
  }

  private paramMap(params: readonly TypeParamId[], args: readonly TypeId[]): Map<TypeParamId, TypeId> {
    const m = new Map<TypeParamId, TypeId>();
    params.forEach((p, i) => m.set(p, args[i] ?? T.error));
    return m;
  }

  private isDeclaredLater(name: string): boolean {
    for (let c: FnCtx | undefined = this.ctx; c; c = c.outer)
      for (const sc of c.scopes)
        if (sc.stmts)
          for (let i = sc.pos + 1; i < sc.stmts.length; i++) {
            const st = sc.stmts[i]!;
            if (st.kind === "Local" && st.name.text === name) return true;
          }
    return false;
  }

  /** `xs.length`, `s.Length()`, `xs.Count()`: arrays and strings have no members; name the corelib call. */
  private lengthHelp(t: TypeId, name: string, recv: TExpr): string | undefined {
    if (!LENGTH_NAMES.has(name)) return undefined;
    const info = this.s.types.get(t);
    const x = recv.kind === "local" ? this.s.locals[recv.local]!.name : info.kind === "array" ? "xs" : "s";
    if (info.kind === "array") return `an array's length is \`Array.Len(${x})\` (\`use Collections.Array;\`)`;
    if (t === T.string) return `a string's length in bytes is \`String.Len(${x})\` (\`use Core.String;\`)`;
    return undefined;
  }

  private unknownName(name: string, span: SrcSpan, code: "E1101" | "E1606"): void {
    const s = this.s;
    if (name === "") return;
    // A failed `use` of this name is already E1105; its uses add nothing.
    if (s.isBrokenImport(name, this.ctx.module)) return;
    if (this.isDeclaredLater(name)) {
      this.rep("E1106", span, `\`${name}\` is used before its declaration`, {
        help: "move the declaration above this use",
      });
      return;
    }
    const variant = this.variantNamed(name);
    if (variant) {
      this.rep("E1303", span, `\`${name}\` is a variant of \`${variant}\``, {
        help: `write \`${variant}::${name}\``,
      });
      return;
    }
    if (code === "E1606" && name.startsWith("__")) {
      // An `__name` can only mean an intrinsic (§6): suggest from that table, not from scope.
      const names = [...INTRINSICS.keys()];
      const best = closest(name, names) ?? names.find((n) => n.startsWith(name) || name.startsWith(n));
      this.rep(code, span, `\`${name}\` is not a runtime intrinsic`, {
        help: best ? `did you mean \`${best}\`?` : "the intrinsics are listed in LANGUAGE.md §6",
      });
      return;
    }
    const foreign = FOREIGN_NAMES.get(name);
    if (foreign) {
      this.rep(
        code,
        span,
        code === "E1606" ? `no function \`${name}\` is visible here` : `\`${name}\` is not declared here`,
        { help: foreign },
      );
      return;
    }
    const cands: string[] = [];
    for (let c: FnCtx | undefined = this.ctx; c; c = c.outer) {
      for (const sc of c.scopes) cands.push(...sc.names.keys());
      // Inside a member, the receiver's fields and members are in scope by bare name (§5.8).
      if (c.receiver) {
        const info = s.types.get(c.receiver.type);
        if (info.kind === "record") cands.push(...s.records[info.decl]!.fields.map((f) => f.name));
        cands.push(...(this.c.membersOf(c.receiver.type)?.keys() ?? []));
      }
    }
    for (let m: ModuleId | undefined = this.ctx.module; m !== undefined; m = s.modules[m]!.parent)
      cands.push(...s.scopes[m]!.items.keys());
    const best = closest(name, cands);
    const module = this.c.moduleNamed(name);
    this.rep(
      code,
      span,
      code === "E1606" ? `no function \`${name}\` is visible here` : `\`${name}\` is not declared here`,
      {
        help: module
          ? `import the module: \`use ${module};\``
          : best
            ? `did you mean \`${best}\`?`
            : code === "E1606"
              ? "declare the function, or import its module with `use`"
              : undefined,
      },
    );
  }

  /** The enum (in scope) that has a variant `name`, for E1303. */
  private variantNamed(name: string): string | undefined {
    const s = this.s;
    for (let m: ModuleId | undefined = this.ctx.module; m !== undefined; m = s.modules[m]!.parent) {
      for (const e of s.scopes[m]!.items.values()) {
        if (e.sym.kind !== "enum") continue;
        const en = s.enums[e.sym.id]!;
        if (en.variants.some((v) => v.name === name)) return en.name;
      }
      if (m === 0) break;
    }
    for (const p of ["Option", "Result"]) {
      const e = this.c.prelude(p);
      if (e && e.sym.kind === "enum" && s.enums[e.sym.id]!.variants.some((v) => v.name === name)) return p;
    }
    return undefined;
  }

  // =======================================================================================
  // Conversions (§5.3).

  /** Convert `x` to `to` at a conversion site, reporting E1205/E1206/E1207 on failure. */
  private coerce(
    x: TExpr,
    to: TypeId,
    site: "arg" | "return" | "other",
    what?: string | (() => string),
  ): TExpr {
    const s = this.s;
    const from = x.type;
    // A type holding the error type (`List<{error}>` after E1203) was already reported.
    if (from === to || containsError(s.types, from) || containsError(s.types, to)) return x;
    const conv = this.conversion(x, from, to, true);
    if (conv) return { kind: "convert", operand: x, conv, type: to, span: x.span };
    const code = site === "arg" ? "E1205" : site === "return" ? "E1207" : "E1206";
    let help: string | undefined;
    const fi = s.types.get(from);
    const ti = s.types.get(to);
    if (ti.kind === "contract" && (fi.kind === "record" || fi.kind === "enum"))
      help = `declare the conformance: \`type ${this.tn(from)} : ${this.tn(to)}\``;
    else if (to === T.string && (isIntPrim(primOf(s.types, from) ?? "bool") || from === T.bool))
      help = 'convert it to text with interpolation: "${…}"';
    else if (from === T.bool || to === T.bool) help = "there is no truthiness; compare explicitly (`x != 0`)";
    else {
      const inner = this.wrapped(from);
      if (inner && (inner.value === to || this.conversion(x, inner.value, to, false)))
        help = this.unwrapHelp(from);
    }
    this.rep(
      code,
      x.span,
      `${(typeof what === "function" ? what() : what) ?? "expected"} \`${this.tn(to)}\`, found \`${this.tn(from)}\``,
      help ? { help } : undefined,
    );
    return { ...x, type: T.error } as TExpr;
  }

  /** The conversion from `from` to `to`, or undefined when there is none. Reports W1203 when `warn`. */
  private conversion(x: TExpr, from: TypeId, to: TypeId, warn: boolean): Conversion | undefined {
    const s = this.s;
    if (from === T.never) return { kind: "never" };
    const pf = primOf(s.types, from);
    const pt = primOf(s.types, to);
    if (pf && pt) {
      const fNum = isIntPrim(pf) || isFloatPrim(pf);
      const tNum = isIntPrim(pt) || isFloatPrim(pt);
      if (!fNum || !tNum) return undefined;
      if (widens(pf, pt)) return { kind: "widen" };
      if (warn)
        this.rep("W1203", x.span, `\`${pf}\` is converted to \`${pt}\`, which may lose information`, {
          help: "make the types match to avoid the conversion",
        });
      if (isIntPrim(pf) && isIntPrim(pt)) return { kind: "narrow" };
      if (isIntPrim(pf)) return { kind: "int_to_float" };
      if (isIntPrim(pt)) return { kind: "float_to_int" };
      return { kind: "float_narrow" };
    }
    const fi = s.types.get(from);
    const ti = s.types.get(to);
    if (ti.kind === "contract") {
      if (fi.kind === "record" || fi.kind === "enum") {
        const conv = this.toContract(from, to);
        // Each method implementation is instantiated here (E1236 follows these edges too).
        if (conv?.kind === "to_contract" && this.ctx)
          for (const m of conv.methods)
            if (m.typeArgs.length > 0)
              this.instantiations.push({
                caller: this.rootFunc(),
                callee: m.func,
                typeArgs: m.typeArgs,
                span: this.full(x.span),
              });
        return conv;
      }
      if (fi.kind === "contract") {
        const src = s.contracts[fi.decl]!;
        const dst = s.contracts[ti.decl]!;
        if (!this.embeds(from, to)) return undefined;
        return {
          kind: "contract_upcast",
          slots: dst.methods.map((m) => src.methods.findIndex((x) => x.name === m.name)),
        };
      }
      if (fi.kind === "param") {
        if (s.typeParams[fi.param]!.bounds.some((b) => b === to || this.embeds(b, to)))
          return { kind: "param_to_contract" };
      }
      return undefined;
    }
    if (to === T.i64 && x.kind === "call" && x.target.kind === "intrinsic" && x.target.name === "__array_new")
      return { kind: "array_handle" };
    return undefined;
  }

  private embeds(from: TypeId, to: TypeId): boolean {
    if (from === to) return true;
    const fi = this.s.types.get(from);
    if (fi.kind !== "contract") return false;
    const c = this.s.contracts[fi.decl]!;
    const map = this.paramMap(c.typeParams, fi.args);
    return c.embeds.some((e) => this.embeds(substitute(this.s.types, e, map), to));
  }

  private toContract(from: TypeId, to: TypeId): Conversion | undefined {
    const s = this.s;
    const ti = s.types.get(to);
    if (ti.kind !== "contract") return undefined;
    for (const conf of s.conformances) {
      const vars = new Set(conf.typeParams);
      const b = new Map<TypeParamId, TypeId>();
      if (!unify(s.types, conf.type, from, vars, b)) continue;
      const cinfo = s.types.get(conf.contract);
      if (cinfo.kind !== "contract") continue;
      // Direct conformance, or through an embedded contract.
      const confContract = substitute(s.types, conf.contract, b);
      if (confContract !== to && !this.embeds(confContract, to)) continue;
      const full = s.contracts[cinfo.decl]!;
      const target = s.contracts[ti.decl]!;
      const methods = target.methods.map((m) => {
        const idx = full.methods.findIndex((x) => x.name === m.name);
        const impl = conf.impls[idx]!;
        const f = s.functions[impl.func]!;
        const fb = new Map<TypeParamId, TypeId>();
        unify(s.types, f.paramTypes[0]!, from, new Set(f.typeParams), fb);
        return { func: impl.func, typeArgs: f.typeParams.map((p) => fb.get(p) ?? T.error), form: impl.form };
      });
      return { kind: "to_contract", methods };
    }
    return undefined;
  }

  // =======================================================================================
  // Untyped constants (§5.5, D21).

  private constLookup(e: A.NameExpr): bigint | undefined {
    // Most names are not constants: skip the full lookup unless some module declares one so named.
    if (e.typeArgs || !this.constNames.has(e.name.text)) return undefined;
    const f = this.lookup(e.name.text, this.sp(e), false);
    if (!f || f.kind !== "entry" || f.entry.sym.kind !== "const") return undefined;
    return this.s.consts[f.entry.sym.id]!.value;
  }

  /** `Module.CONST`: a const reached through a module path is an untyped constant too. */
  private qualifiedConst(e: A.MemberAccess): bigint | undefined {
    if (e.typeArgs || !this.constNames.has(e.name.text)) return undefined;
    const path = this.modulePath(e);
    if (path === undefined || path === "error" || path.entry.sym.kind !== "const") return undefined;
    return this.s.consts[path.entry.sym.id]!.value;
  }

  private isConst(e: A.Expr): boolean {
    switch (e.kind) {
      case "IntLit":
      case "FloatLit":
        return e.suffix === undefined;
      case "Paren":
        return this.isConst(e.expr);
      case "Unary":
        return e.op === "-" && this.isConst(e.operand);
      case "Binary":
        return ARITH[e.op] !== undefined && this.isConst(e.left) && this.isConst(e.right);
      case "Name":
        return this.constLookup(e) !== undefined;
      case "MemberAccess":
        return this.qualifiedConst(e) !== undefined;
      default:
        return false;
    }
  }

  /** Exact value of an untyped constant expression (E1223 on division by zero). */
  private constValue(e: A.Expr): ConstVal | undefined {
    switch (e.kind) {
      case "IntLit":
        return { kind: "int", value: e.value, hex: e.radix === 16 };
      case "FloatLit":
        return { kind: "float", value: e.value };
      case "Paren":
        return this.constValue(e.expr);
      case "Name": {
        const v = this.constLookup(e);
        return v === undefined ? undefined : { kind: "int", value: v, hex: false };
      }
      case "MemberAccess": {
        const v = this.qualifiedConst(e);
        return v === undefined ? undefined : { kind: "int", value: v, hex: false };
      }
      case "Unary": {
        const v = this.constValue(e.operand);
        if (!v) return undefined;
        return v.kind === "int"
          ? { kind: "int", value: -v.value, hex: false }
          : { kind: "float", value: -v.value };
      }
      case "Binary": {
        const l = this.constValue(e.left);
        const r = this.constValue(e.right);
        if (!l || !r) return undefined;
        const op = ARITH[e.op]!;
        if (l.kind === "int" && r.kind === "int") {
          const a = l.value;
          const b = r.value;
          switch (op) {
            case "add":
              return { kind: "int", value: a + b, hex: false };
            case "sub":
              return { kind: "int", value: a - b, hex: false };
            case "mul":
              return { kind: "int", value: a * b, hex: false };
            case "div":
            case "rem":
              if (b === 0n) {
                this.rep("E1223", this.sp(e), `constant ${op === "div" ? "division" : "remainder"} by zero`);
                return undefined;
              }
              return { kind: "int", value: op === "div" ? a / b : a % b, hex: false };
            case "band":
              return { kind: "int", value: a & b, hex: false };
            case "bor":
              return { kind: "int", value: a | b, hex: false };
            case "shl":
              return { kind: "int", value: b < 0n || b > 128n ? 0n : a << b, hex: false };
            case "shr":
              return { kind: "int", value: b < 0n || b > 128n ? 0n : a >> b, hex: false };
          }
        }
        const a = l.kind === "int" ? Number(l.value) : l.value;
        const b = r.kind === "int" ? Number(r.value) : r.value;
        switch (op) {
          case "add":
            return { kind: "float", value: a + b };
          case "sub":
            return { kind: "float", value: a - b };
          case "mul":
            return { kind: "float", value: a * b };
          case "div":
            return { kind: "float", value: a / b };
          case "rem":
            return { kind: "float", value: a % b };
          default:
            this.rep("E1209", this.sp(e), `\`${e.op}\` needs integer operands, found a float constant`);
            return undefined;
        }
      }
      default:
        return undefined;
    }
  }

  /** Type an untyped constant expression: the expected numeric type, else the default (§5.5 rules 2–3). */
  private constant(e: A.Expr, expected: TypeId | undefined): TExpr {
    const s = this.s;
    const span = this.sp(e);
    const v = this.constValue(e);
    if (!v) return this.err(span);
    const ep = expected !== undefined ? primOf(s.types, expected) : undefined;
    const numericExpected = ep !== undefined && (isIntPrim(ep) || isFloatPrim(ep));
    if (v.kind === "float") {
      if (numericExpected && isFloatPrim(ep!))
        return { kind: "float", value: ep === "f32" ? Math.fround(v.value) : v.value, type: expected!, span };
      return { kind: "float", value: v.value, type: T.f64, span };
    }
    let t: TypeId;
    if (numericExpected) {
      if (isFloatPrim(ep!)) return { kind: "float", value: Number(v.value), type: expected!, span };
      t = expected!;
    } else {
      const i32 = intRange("i32");
      const i64 = intRange("i64");
      if (v.value >= i32[0] && v.value <= i32[1]) t = T.i32;
      else if (v.value >= i64[0] && v.value <= i64[1]) t = T.i64;
      else if (v.hex && v.value >= 0n && v.value <= intRange("u64")[1]) t = T.u64;
      else t = T.i64;
    }
    const p = primOf(s.types, t)!;
    if (isIntPrim(p)) {
      const range = intRange(p);
      const lo = range[0];
      const hi = range[1];
      if (v.value < lo || v.value > hi) {
        this.rep("E1223", span, `${v.value} does not fit in \`${p}\` (${lo}..${hi})`, {
          help: "use a wider type or a smaller value",
        });
        return { kind: "int", value: 0n, type: t, span };
      }
    }
    const constId = e.kind === "Name" ? this.constIdOf(e) : undefined;
    return constId !== undefined
      ? { kind: "int", value: v.value, type: t, span, const: constId }
      : { kind: "int", value: v.value, type: t, span };
  }

  private constIdOf(e: A.NameExpr): number | undefined {
    const f = this.lookup(e.name.text, this.sp(e), false);
    return f && f.kind === "entry" && f.entry.sym.kind === "const" ? f.entry.sym.id : undefined;
  }

  // =======================================================================================
  // Expressions.

  /** Check `e` at a conversion site of type `to`. */
  exprAt(e: A.Expr, to: TypeId, site: "arg" | "return" | "other", what?: string): TExpr {
    return this.coerce(this.expr(e, to), to, site, what);
  }

  expr(e: A.Expr, expected: TypeId | undefined): TExpr {
    if (this.isConst(e)) return this.constant(e, expected);
    const span = this.sp(e);
    const s = this.s;
    switch (e.kind) {
      case "IntLit": {
        const t = T[e.suffix!];
        const range = intRange(e.suffix!);
        const lo = range[0];
        const hi = range[1];
        if (e.value < lo || e.value > hi)
          this.rep("E1223", span, `${e.value} does not fit in \`${e.suffix}\` (${lo}..${hi})`);
        return { kind: "int", value: e.value, type: t, span };
      }
      case "FloatLit":
        return {
          kind: "float",
          value: e.suffix === "f32" ? Math.fround(e.value) : e.value,
          type: T[e.suffix!],
          span,
        };
      case "BoolLit":
        return { kind: "bool", value: e.value, type: T.bool, span };
      case "CharLit":
        return { kind: "char", value: e.value, type: T.char, span };
      case "StringLit":
        return { kind: "string", value: e.value, type: T.string, span };
      case "UnitLit":
        return { kind: "unit", type: T.unit, span };
      case "InterpolatedString":
        return this.interp(e);
      case "Name":
        return this.name(e, expected);
      case "MemberAccess":
        return this.memberRead(e, expected);
      case "Call":
        return this.call(e, expected);
      case "Index":
        return this.index(e);
      case "Try":
        return this.tryExpr(e);
      case "Unary":
        return this.unary(e);
      case "Binary":
        return this.binary(e, expected);
      case "Assign":
        return this.assign(e);
      case "Lambda":
        return this.lambda(e, expected);
      case "Match":
        return this.match(e, expected, false);
      case "EnumValue":
        return this.enumValue(e, expected);
      case "StructLiteral":
        return this.structLit(e, expected);
      case "ArrayLiteral":
        return this.arrayLit(e, expected);
      case "Block": {
        const b = this.block(e);
        return { kind: "block", block: b, type: b.diverges ? T.never : T.unit, span };
      }
      case "Paren":
        return this.expr(e.expr, expected);
      case "UnsupportedExpr":
        this.rep("E1230", span, `\`${e.construct}\` is not supported by beskid-ci`);
        return this.err(span);
      case "ErrorExpr":
        return this.err(span);
    }
  }

  // ---- text ------------------------------------------------------------------------------

  private textConv(x: TExpr): TextConv | undefined {
    const s = this.s;
    const info = s.types.get(x.type);
    if (info.kind === "param") {
      const fm = this.textParams.get(this.rootFunc()) ?? new Map<TypeParamId, Span>();
      if (!fm.has(info.param)) fm.set(info.param, this.full(x.span));
      this.textParams.set(this.rootFunc(), fm);
      return "param";
    }
    if (info.kind !== "prim") return undefined;
    const p = info.prim;
    if (p === "string") return "string";
    if (p === "bool") return "bool";
    if (p === "char") return "char";
    if (p === "f32" || p === "f64") return p;
    if (isIntPrim(p)) return isSigned(p) ? "int" : "uint";
    return undefined;
  }

  private toText(x: TExpr): TExpr {
    if (x.type === T.string || this.isErr(x.type)) return x;
    const conv = this.textConv(x);
    if (!conv) {
      this.rep("E1225", x.span, `a \`${this.tn(x.type)}\` cannot be converted to text`, {
        help: "format it with a function that returns `string`",
      });
      return { ...x, type: T.error } as TExpr;
    }
    return { kind: "to_text", operand: x, conv, type: T.string, span: x.span };
  }

  private interp(e: A.InterpolatedString): TExpr {
    const parts: TExpr[] = [];
    for (const p of e.parts) {
      if (p.kind === "InterpText") {
        if (p.value !== "") parts.push({ kind: "string", value: p.value, type: T.string, span: this.sp(p) });
      } else parts.push(this.toText(this.expr(p.expr, undefined)));
    }
    return { kind: "interp", parts, type: T.string, span: this.sp(e) };
  }

  private rootFunc(): FuncId {
    let c = this.ctx;
    while (c.outer) c = c.outer;
    return c.func;
  }

  // ---- names -----------------------------------------------------------------------------

  private readLocal(id: LocalId, span: SrcSpan): TExpr {
    if (this.unassigned.has(id) && !this.reportedUnassigned.has(id)) {
      this.reportedUnassigned.add(id);
      const l = this.s.locals[id]!;
      this.rep("E1109", span, `\`${l.name}\` may be read before it is assigned`, {
        help: "assign it on every path before this read, or give it an initial value",
      });
    }
    return { kind: "local", local: id, type: this.s.locals[id]!.type, span };
  }

  private name(e: A.NameExpr, expected: TypeId | undefined): TExpr {
    const s = this.s;
    const span = this.sp(e);
    const name = e.name.text;
    if (name === "") return this.err(span);
    const f = this.lookup(name, span);
    if (!f) {
      this.unknownName(name, span, "E1101");
      return this.err(span);
    }
    switch (f.kind) {
      case "local":
        return this.readLocal(f.local, span);
      case "field": {
        const self: TExpr = { kind: "local", local: f.thisLocal, type: f.recvType, span };
        if (f.field.kind === "event") {
          this.rep("E1232", span, `event \`${name}\` cannot be read as a value`, {
            help: `invoke it with \`${name}(…)\` or subscribe with \`+=\``,
          });
          return this.err(span);
        }
        return { kind: "field", object: self, field: f.field.index, type: f.field.type, span };
      }
      case "member":
        this.rep("E1206", span, `\`${name}\` is a member; a bound method is not a value`, {
          help: `wrap it in a lambda: \`(…) => ${name}(…)\``,
        });
        return this.err(span);
      case "intrinsic":
        this.rep("E1206", span, `intrinsic \`${name}\` can only be called`, { help: "wrap it in a lambda" });
        return this.err(span);
      case "entry":
        return this.entryValue(f.entry, e.typeArgs, expected, span, name);
    }
  }

  private entryValue(
    entry: Entry,
    typeArgs: readonly A.Type[] | undefined,
    expected: TypeId | undefined,
    span: SrcSpan,
    name: string,
  ): TExpr {
    const s = this.s;
    const sym = entry.sym;
    if (sym.kind === "function") {
      const f = s.functions[sym.id]!;
      let args: TypeId[] = [];
      if (typeArgs) {
        args = typeArgs.map((t) => this.resolveType(t));
        if (args.length !== f.typeParams.length) {
          this.rep(
            "E1204",
            span,
            `\`${name}\` takes ${f.typeParams.length} type arguments, found ${args.length}`,
          );
          return this.err(span);
        }
      } else if (f.typeParams.length > 0) {
        const b = new Map<TypeParamId, TypeId>();
        const fnT = s.types.fn(f.paramTypes, f.ret);
        if (expected !== undefined) unify(s.types, fnT, expected, new Set(f.typeParams), b);
        if (f.typeParams.some((p) => !b.has(p))) {
          this.rep(
            "E1203",
            span,
            `cannot infer the type arguments of generic function \`${name}\` used as a value`,
            {
              help: `write them: \`${name}<${f.typeParams.map((p) => s.typeParams[p]!.name).join(", ")}>\``,
            },
          );
          return this.err(span);
        }
        args = f.typeParams.map((p) => b.get(p)!);
      }
      const map = this.paramMap(f.typeParams, args);
      const type = s.types.fn(
        f.paramTypes.map((p) => substitute(s.types, p, map)),
        substitute(s.types, f.ret, map),
      );
      if (args.length > 0)
        this.instantiations.push({
          caller: this.rootFunc(),
          callee: sym.id,
          typeArgs: args,
          span: this.full(span),
        });
      return { kind: "funcref", func: sym.id, typeArgs: args, type, span };
    }
    if (sym.kind === "const") {
      const v = s.consts[sym.id]!.value;
      return {
        kind: "int",
        value: v,
        type: v >= -(2n ** 31n) && v < 2n ** 31n ? T.i32 : T.i64,
        span,
        const: sym.id,
      };
    }
    this.rep("E1101", span, `\`${name}\` is a ${symKindName(sym)}, not a value`, {
      help:
        sym.kind === "record"
          ? `build one with \`${name} { … }\``
          : sym.kind === "module"
            ? "call one of its functions: `Module.Function(…)`"
            : undefined,
    });
    return this.err(span);
  }

  /**
   * If `e` is a path that starts with a module (not shadowed by a value), the entry it names.
   * `undefined` means "not a module path: treat as a value".
   */
  private modulePath(
    e: A.Expr,
  ): { entry: Entry; typeArgs: readonly A.Type[] | undefined } | undefined | "error" {
    const s = this.s;
    if (e.kind === "Name") {
      const f = this.lookup(e.name.text, this.sp(e), false);
      if (!f || f.kind !== "entry") return undefined;
      if (f.entry.sym.kind === "function" || f.entry.sym.kind === "const") return undefined;
      return { entry: f.entry, typeArgs: e.typeArgs };
    }
    if (e.kind === "MemberAccess") {
      const inner = this.modulePath(e.object);
      if (inner === undefined || inner === "error") return inner;
      if (inner.entry.sym.kind !== "module") return undefined;
      const mod = inner.entry.sym.id;
      const next = this.c.memberOfModule(mod, e.name.text);
      if (!next) {
        this.rep(
          "E1108",
          this.sp(e.name),
          `module \`${s.scopes[mod]!.path}\` has no item \`${e.name.text}\``,
          {
            help: this.suggestIn(mod, e.name.text),
          },
        );
        return "error";
      }
      if (!this.c.isVisible(next, this.ctx.module))
        this.rep(
          "E1107",
          this.sp(e.name),
          `\`${e.name.text}\` is private to module \`${s.scopes[next.module]!.path}\``,
          { help: "mark it `pub`" },
        );
      return { entry: next, typeArgs: e.typeArgs ?? inner.typeArgs };
    }
    return undefined;
  }

  private suggestIn(mod: ModuleId, name: string): string | undefined {
    const best = closest(name, this.s.scopes[mod]!.items.keys());
    return best ? `did you mean \`${best}\`?` : undefined;
  }

  private memberRead(e: A.MemberAccess, expected: TypeId | undefined): TExpr {
    const s = this.s;
    const span = this.sp(e);
    const path = this.modulePath(e.object);
    if (path === "error") return this.err(span);
    if (path && path.entry.sym.kind === "module") {
      const mod = path.entry.sym.id;
      const next = this.c.memberOfModule(mod, e.name.text);
      if (!next) {
        this.rep(
          "E1108",
          this.sp(e.name),
          `module \`${s.scopes[mod]!.path}\` has no item \`${e.name.text}\``,
          { help: this.suggestIn(mod, e.name.text) },
        );
        return this.err(span);
      }
      if (!this.c.isVisible(next, this.ctx.module))
        this.rep(
          "E1107",
          this.sp(e.name),
          `\`${e.name.text}\` is private to module \`${s.scopes[next.module]!.path}\``,
          { help: "mark it `pub`" },
        );
      if (next.sym.kind === "const") {
        const v = s.consts[next.sym.id]!.value;
        const ep = expected !== undefined ? primOf(s.types, expected) : undefined;
        const t = ep && isIntPrim(ep) ? expected! : v >= -(2n ** 31n) && v < 2n ** 31n ? T.i32 : T.i64;
        return { kind: "int", value: v, type: t, span, const: next.sym.id };
      }
      return this.entryValue(next, e.typeArgs ?? path.typeArgs, expected, span, e.name.text);
    }
    if (path) {
      this.rep(
        "E1152",
        span,
        `\`${e.name.text}\` cannot be read from ${symKindName(path.entry.sym)} \`${exprText(e.object)}\``,
      );
      return this.err(span);
    }
    const obj = this.expr(e.object, undefined);
    return this.fieldRead(obj, e.name, span);
  }

  private fieldRead(obj: TExpr, nameId: A.Ident, span: SrcSpan): TExpr {
    const s = this.s;
    const name = nameId.text;
    if (this.isErr(obj.type) || name === "") return this.err(span);
    const info = s.types.get(obj.type);
    if (info.kind === "param") {
      this.rep("E1235", span, `\`${this.tn(obj.type)}\` is a type parameter; its fields are unknown`, {
        help: "add a `where` bound and call its methods",
      });
      return this.err(span);
    }
    if (info.kind !== "record") {
      const m = this.c.membersOf(obj.type)?.get(name);
      this.rep(
        m !== undefined ? "E1206" : "E1213",
        span,
        m !== undefined
          ? `\`${name}\` is a method; a bound method is not a value`
          : `\`${this.tn(obj.type)}\` has no fields`,
        {
          help: m !== undefined ? `call it: \`.${name}()\`` : this.lengthHelp(obj.type, name, obj),
        },
      );
      return this.err(span);
    }
    const r = s.records[info.decl]!;
    const field = r.fields.find((f) => f.name === name);
    if (!field) {
      if (r.members.has(name)) {
        this.rep("E1206", span, `\`${name}\` is a member of \`${r.name}\`; a bound method is not a value`, {
          help: `call it: \`.${name}()\`, or wrap it in a lambda`,
        });
        return this.err(span);
      }
      const best = closest(
        name,
        r.fields.map((f) => f.name),
      );
      this.rep("E1211", this.sp(nameId), `\`${r.name}\` has no field \`${name}\``, {
        help: best
          ? `did you mean \`${best}\`?`
          : `its fields: ${r.fields.map((f) => f.name).join(", ") || "(none)"}`,
      });
      return this.err(span);
    }
    const f = this.instField(field, obj.type);
    if (f.kind === "event") {
      this.rep("E1232", span, `event \`${name}\` cannot be read as a value`, {
        help: "invoke it or subscribe with `+=`",
      });
      return this.err(span);
    }
    return { kind: "field", object: obj, field: f.index, type: f.type, span };
  }

  // ---- calls -----------------------------------------------------------------------------

  private call(e: A.CallExpr, expected: TypeId | undefined): TExpr {
    const s = this.s;
    const span = this.sp(e);
    const callee = e.callee;
    if (callee.kind === "Name") {
      const name = callee.name.text;
      if (name === "") return this.err(span);
      const f = this.lookup(name, this.sp(callee));
      if (!f) {
        this.unknownName(name, this.sp(callee), "E1606");
        for (const a of e.args) this.expr(a, undefined);
        return this.err(span);
      }
      switch (f.kind) {
        case "local": {
          const calleeX = this.readLocal(f.local, this.sp(callee));
          return this.closureCall(calleeX, e.args, span);
        }
        case "field": {
          const self: TExpr = { kind: "local", local: f.thisLocal, type: f.recvType, span: this.sp(callee) };
          return this.fieldCall(self, f.field, f.recvType, e.args, span, this.sp(callee));
        }
        case "member": {
          const self: TExpr = { kind: "local", local: f.thisLocal, type: f.recvType, span: this.sp(callee) };
          return this.callFunction(f.func, self, e.args, undefined, expected, span, "method");
        }
        case "intrinsic":
          return this.intrinsicCall(name, e.args, callee.typeArgs, expected, span);
        case "entry":
          return this.entryCall(f.entry, name, callee.typeArgs, e.args, expected, span, this.sp(callee));
      }
    }
    if (callee.kind === "MemberAccess") {
      const path = this.modulePath(callee.object);
      if (path === "error") {
        for (const a of e.args) this.expr(a, undefined);
        return this.err(span);
      }
      if (path) {
        const sym = path.entry.sym;
        if (sym.kind === "contract" && s.contracts[sym.id]!.extern)
          return this.externCall(sym.id, callee.name, e.args, span);
        if (sym.kind === "module") {
          const next = this.c.memberOfModule(sym.id, callee.name.text);
          if (!next) {
            const h = this.c.homonym(sym.id);
            if (h && h.kind === "contract" && s.contracts[h.id]!.extern)
              return this.externCall(h.id, callee.name, e.args, span);
            this.rep(
              "E1108",
              this.sp(callee.name),
              `module \`${s.scopes[sym.id]!.path}\` has no function \`${callee.name.text}\``,
              {
                help: this.suggestIn(sym.id, callee.name.text),
              },
            );
            for (const a of e.args) this.expr(a, undefined);
            return this.err(span);
          }
          if (!this.c.isVisible(next, this.ctx.module))
            this.rep(
              "E1107",
              this.sp(callee.name),
              `\`${callee.name.text}\` is private to module \`${s.scopes[next.module]!.path}\``,
              { help: "mark it `pub`" },
            );
          if (callee.typeArgs && path.typeArgs)
            this.rep(
              "E1204",
              this.sp(callee),
              "type arguments are given twice (on the module and on the function)",
              {
                help: "keep one of `M<A>.F(…)` and `M.F<A>(…)`",
              },
            );
          return this.entryCall(
            next,
            callee.name.text,
            callee.typeArgs ?? path.typeArgs,
            e.args,
            expected,
            span,
            this.sp(callee.name),
          );
        }
        this.rep(
          "E1606",
          this.sp(callee),
          `\`${exprText(callee.object)}\` is ${articled(symKindName(sym))}; \`.${callee.name.text}(…)\` is not a call on it`,
          { help: this.staticCallHelp(sym, callee.name.text) },
        );
        for (const a of e.args) this.expr(a, undefined);
        return this.err(span);
      }
      const recv = this.expr(callee.object, undefined);
      return this.methodCall(recv, callee.name, callee.typeArgs, e.args, expected, span);
    }
    const calleeX = this.expr(callee, undefined);
    return this.closureCall(calleeX, e.args, span);
  }

  private entryCall(
    entry: Entry,
    name: string,
    typeArgs: readonly A.Type[] | undefined,
    args: readonly A.Expr[],
    expected: TypeId | undefined,
    span: SrcSpan,
    calleeSpan: SrcSpan,
  ): TExpr {
    const s = this.s;
    const sym = entry.sym;
    if (sym.kind === "function") {
      const explicit = typeArgs?.map((t) => this.resolveType(t));
      return this.callFunction(sym.id, undefined, args, explicit, expected, span, "direct", calleeSpan);
    }
    if (sym.kind === "contract" && s.contracts[sym.id]!.extern) {
      this.rep("E1606", calleeSpan, `extern contract \`${name}\` is not callable itself`, {
        help: `call one of its functions: \`${name}.f(…)\``,
      });
    } else
      this.rep("E1606", calleeSpan, `\`${name}\` is a ${symKindName(sym)}, not a function`, {
        help:
          sym.kind === "record"
            ? `build a value with \`${name} { … }\``
            : sym.kind === "test"
              ? "tests cannot be called"
              : undefined,
      });
    for (const a of args) this.expr(a, undefined);
    return this.err(span);
  }

  private closureCall(calleeX: TExpr, args: readonly A.Expr[], span: SrcSpan): TExpr {
    const s = this.s;
    const info = s.types.get(calleeX.type);
    if (info.kind !== "fn") {
      if (!this.isErr(calleeX.type))
        this.rep("E1206", calleeX.span, `a \`${this.tn(calleeX.type)}\` value is not callable`);
      for (const a of args) this.expr(a, undefined);
      return this.err(span);
    }
    if (args.length !== info.params.length) {
      this.rep(
        "E1204",
        span,
        `this function value takes ${info.params.length} argument${info.params.length === 1 ? "" : "s"}, found ${args.length}`,
      );
      for (const a of args) this.expr(a, undefined);
      return this.err(span);
    }
    const targs = args.map((a, i) => this.exprAt(a, info.params[i]!, "arg"));
    return { kind: "call", target: { kind: "closure", callee: calleeX }, args: targs, type: info.ret, span };
  }

  /** `x.F(args)` where F is a field of x's record: event invocation or closure call (§5.8 rule 1). */
  private fieldCall(
    obj: TExpr,
    field: FieldInfo,
    recordType: TypeId,
    args: readonly A.Expr[],
    span: SrcSpan,
    nameSpan: SrcSpan,
  ): TExpr {
    const s = this.s;
    if (field.kind === "event") {
      this.checkEventAccess(recordType, nameSpan, field.name);
      if (args.length !== field.params.length) {
        this.rep(
          "E1204",
          span,
          `event \`${field.name}\` takes ${field.params.length} arguments, found ${args.length}`,
        );
        for (const a of args) this.expr(a, undefined);
        return this.err(span);
      }
      const targs = args.map((a, i) => this.exprAt(a, field.params[i]!, "arg"));
      return {
        kind: "call",
        target: { kind: "event", record: recordType, field: field.index },
        args: [obj, ...targs],
        type: T.unit,
        span,
      };
    }
    const read: TExpr = { kind: "field", object: obj, field: field.index, type: field.type, span: nameSpan };
    if (s.types.get(field.type).kind !== "fn") {
      this.rep(
        "E1206",
        nameSpan,
        `field \`${field.name}\` has type \`${this.tn(field.type)}\` and is not callable`,
      );
      for (const a of args) this.expr(a, undefined);
      return this.err(span);
    }
    return this.closureCall(read, args, span);
  }

  /** D32: events are invoked by members of the owner and functions of the owner's module (and descendants). */
  private checkEventAccess(recordType: TypeId, span: SrcSpan, name: string): void {
    const s = this.s;
    const info = s.types.get(recordType);
    if (info.kind !== "record") return;
    const r = s.records[info.decl]!;
    let root = this.ctx;
    while (root.outer) root = root.outer;
    const rf = s.functions[root.func]!;
    if (rf.receiver !== undefined) {
      const ri = s.types.get(rf.receiver);
      if (ri.kind === "record" && ri.decl === r.id) return;
    }
    if (s.canSeePrivate(this.ctx.module, r.module)) return;
    this.rep(
      "E1219",
      span,
      `event \`${name}\` of \`${r.name}\` can only be invoked by its members and by module \`${s.scopes[r.module]!.path}\``,
      {
        help: `add a function to \`${s.scopes[r.module]!.path}\` that raises it`,
      },
    );
  }

  private methodCall(
    recv: TExpr,
    nameId: A.Ident,
    typeArgs: readonly A.Type[] | undefined,
    args: readonly A.Expr[],
    expected: TypeId | undefined,
    span: SrcSpan,
  ): TExpr {
    const s = this.s;
    const name = nameId.text;
    const T0 = recv.type;
    const nameSpan = this.sp(nameId);
    if (this.isErr(T0) || name === "") {
      for (const a of args) this.expr(a, undefined);
      return this.err(span);
    }
    const info = s.types.get(T0);
    // 1. a field.
    if (info.kind === "record") {
      const field = s.records[info.decl]!.fields.find((f) => f.name === name);
      if (field) return this.fieldCall(recv, this.instField(field, T0), T0, args, span, nameSpan);
    }
    // 2. a member or impl method.
    const member = this.c.membersOf(T0)?.get(name);
    if (member !== undefined) {
      const f = s.functions[member]!;
      if (!f.isPub && !s.canSeePrivate(this.ctx.module, f.module))
        this.rep(
          "E1107",
          nameSpan,
          `member \`${name}\` is private to module \`${s.scopes[f.module]!.path}\``,
          { help: "mark it `pub`" },
        );
      if (typeArgs) this.rep("E1204", nameSpan, "members take no type arguments");
      return this.callFunction(member, recv, args, undefined, expected, span, "method");
    }
    // 3. a contract or a bounded type parameter.
    if (info.kind === "contract") {
      const c = s.contracts[info.decl]!;
      const m = c.methods.find((x) => x.name === name);
      if (m) {
        if (m.mentionsThis)
          this.rep(
            "E1230",
            nameSpan,
            `\`${name}\` mentions \`This\` and cannot be called through a contract value`,
          );
        const map = this.paramMap(c.typeParams, info.args);
        map.set(c.thisParam, T.error);
        return this.fixedCall(
          { kind: "contract", contract: T0, method: m.index },
          recv,
          m.params.map((p) => substitute(s.types, p, map)),
          substitute(s.types, m.ret, map),
          args,
          span,
          name,
        );
      }
    }
    if (info.kind === "param") {
      for (const b of s.typeParams[info.param]!.bounds) {
        const bi = s.types.get(b);
        if (bi.kind !== "contract") continue;
        const c = s.contracts[bi.decl]!;
        const m = c.methods.find((x) => x.name === name);
        if (!m) continue;
        const map = this.paramMap(c.typeParams, bi.args);
        map.set(c.thisParam, T0);
        return this.fixedCall(
          { kind: "bound", param: info.param, contract: b, method: m.index },
          recv,
          m.params.map((p) => substitute(s.types, p, map)),
          substitute(s.types, m.ret, map),
          args,
          span,
          name,
        );
      }
      this.rep(
        "E1235",
        nameSpan,
        `\`${this.tn(T0)}\` is a type parameter without a bound that declares \`${name}\``,
        { help: `add \`where ${this.tn(T0)}: SomeContract\`` },
      );
      for (const a of args) this.expr(a, undefined);
      return this.err(span);
    }
    // 4. sugar: a function of the declaring module whose first parameter accepts x.
    const declModule = info.kind === "record" || info.kind === "enum" ? this.c.declModuleOf(T0) : undefined;
    let nearMiss: string | undefined;
    if (declModule !== undefined) {
      const e = s.scopes[declModule]!.items.get(name);
      if (e && e.sym.kind === "function" && (e.isPub || s.canSeePrivate(this.ctx.module, e.module))) {
        const f = s.functions[e.sym.id]!;
        if (f.paramTypes.length > 0 && this.accepts(f.paramTypes[0]!, T0, f.typeParams)) {
          this.c.markUsed(e.sym);
          const explicit = typeArgs?.map((t) => this.resolveType(t));
          return this.callFunction(f.id, recv, args, explicit, expected, span, "sugar", nameSpan);
        }
        nearMiss = `\`${s.scopes[declModule]!.path}.${name}\` exists, but its first parameter (\`${f.paramTypes[0] !== undefined ? this.tn(f.paramTypes[0]) : "none"}\`) does not accept a \`${this.tn(T0)}\``;
      }
    }
    // 5. nothing.
    const inScope = this.c.lookupModuleLevel(name, this.ctx.module, false);
    // `5.Double()` with `extend type i64`: the unsuffixed literal defaulted to another type.
    const literalOwner =
      (recv.kind === "int" && recv.const === undefined) || recv.kind === "float"
        ? NUMERIC_PRIMS.find((p) => p !== primOf(s.types, T0) && this.c.membersOf(T[p])?.has(name))
        : undefined;
    this.rep("E1606", nameSpan, `\`${this.tn(T0)}\` has no member \`${name}\``, {
      notes: nearMiss ? [nearMiss] : [],
      help: literalOwner
        ? `an unsuffixed literal is \`${this.tn(T0)}\` here; \`${name}\` is a member of \`${literalOwner}\`: write the literal with the suffix \`_${literalOwner}\``
        : inScope && inScope.sym.kind === "function"
          ? `call it as \`${name}(${recv.kind === "local" ? s.locals[recv.local]!.name : "x"}${args.length > 0 ? ", …" : ""})\``
          : (this.lengthHelp(T0, name, recv) ?? this.suggestMember(T0, name)),
    });
    for (const a of args) this.expr(a, undefined);
    return this.err(span);
  }

  private suggestMember(t: TypeId, name: string): string | undefined {
    const s = this.s;
    const cands: string[] = [...(this.c.membersOf(t)?.keys() ?? [])];
    const info = s.types.get(t);
    if (info.kind === "record") cands.push(...s.records[info.decl]!.fields.map((f) => f.name));
    const dm = this.c.declModuleOf(t);
    if (dm !== undefined)
      for (const [n, e] of s.scopes[dm]!.items) if (e.sym.kind === "function") cands.push(n);
    const best = closest(name, cands);
    return best ? `did you mean \`${best}\`?` : undefined;
  }

  /** Whether a first parameter of type `param` (with F's type parameters) accepts a `T` (§5.8 rule 4). */
  private accepts(param: TypeId, t: TypeId, vars: readonly TypeParamId[]): boolean {
    const s = this.s;
    if (unify(s.types, param, t, new Set(vars), new Map())) return true;
    const pi = s.types.get(param);
    if (pi.kind === "contract" && !mentionsParam(s.types, param))
      return this.toContract(t, param) !== undefined;
    return false;
  }

  /** A call whose parameter types are already known (contract and bound methods). */
  private fixedCall(
    target: Extract<TExpr, { kind: "call" }>["target"],
    recv: TExpr,
    params: TypeId[],
    ret: TypeId,
    args: readonly A.Expr[],
    span: SrcSpan,
    name: string,
  ): TExpr {
    if (args.length !== params.length) {
      this.rep(
        "E1204",
        span,
        `\`${name}\` takes ${params.length} argument${params.length === 1 ? "" : "s"}, found ${args.length}`,
      );
      for (const a of args) this.expr(a, undefined);
      return this.err(span);
    }
    const targs = args.map((a, i) => this.exprAt(a, params[i]!, "arg"));
    return { kind: "call", target, args: [recv, ...targs], type: ret, span };
  }

  private externCall(contract: number, nameId: A.Ident, args: readonly A.Expr[], span: SrcSpan): TExpr {
    const s = this.s;
    const c = s.contracts[contract]!;
    const m = c.methods.find((x) => x.name === nameId.text);
    if (!m) {
      this.rep("E1606", this.sp(nameId), `extern contract \`${c.name}\` has no function \`${nameId.text}\``, {
        help: this.suggestFrom(
          nameId.text,
          c.methods.map((x) => x.name),
        ),
      });
      for (const a of args) this.expr(a, undefined);
      return this.err(span);
    }
    if (args.length !== m.params.length) {
      this.rep(
        "E1204",
        span,
        `\`${c.name}.${m.name}\` takes ${m.params.length} arguments, found ${args.length}`,
      );
      for (const a of args) this.expr(a, undefined);
      return this.err(span);
    }
    const targs = args.map((a, i) => this.exprAt(a, m.params[i]!, "arg"));
    return {
      kind: "call",
      target: { kind: "extern", contract, method: m.index },
      args: targs,
      type: m.ret,
      span,
    };
  }

  /**
   * Help for `Type.F(…)`: there are no static members, but the type's own module often declares
   * `F` (`Option.UnwrapOr` without `use Core.Optional.Option;`), so name that module.
   */
  private staticCallHelp(sym: Sym, name: string): string | undefined {
    const s = this.s;
    if (sym.kind !== "record" && sym.kind !== "enum") return undefined;
    const mod = sym.kind === "record" ? s.records[sym.id]!.module : s.enums[sym.id]!.module;
    const f = s.scopes[mod]!.items.get(name);
    if (f && f.sym.kind === "function") {
      const path = s.scopes[mod]!.path;
      return `\`${name}\` is a function of module \`${path}\`: add \`use ${path};\`, or call it on a value as \`value.${name}(…)\``;
    }
    return "there are no static members; call a module function";
  }

  private suggestFrom(name: string, cands: readonly string[]): string | undefined {
    const best = closest(name, cands);
    return best ? `did you mean \`${best}\`?` : undefined;
  }

  private isContextDependent(e: A.Expr): boolean {
    switch (e.kind) {
      case "Lambda":
        return e.params.some((p) => p.type === undefined);
      case "ArrayLiteral":
        return e.elements.length === 0 || e.elements.every((x) => this.isContextDependent(x));
      case "EnumValue":
        return e.enumName.segments[e.enumName.segments.length - 1]?.typeArgs === undefined;
      case "StructLiteral":
        return e.typeName.segments[e.typeName.segments.length - 1]?.typeArgs === undefined;
      case "Paren":
        return this.isContextDependent(e.expr);
      default:
        return this.isConst(e);
    }
  }

  /**
   * Check arguments against generic parameter types, inferring `vars` (§5.4 steps 1–4).
   * Returns converted arguments; `bindings` holds the inferred type arguments (unbound ones
   * are reported by the caller).
   */
  private inferArgs(
    paramTypes: readonly TypeId[],
    args: readonly A.Expr[],
    vars: ReadonlySet<TypeParamId>,
    bindings: Map<TypeParamId, TypeId>,
    ret: TypeId | undefined,
    expected: TypeId | undefined,
    describe?: (i: number) => string,
    site: "arg" | "other" = "arg",
  ): TExpr[] {
    const s = this.s;
    const typed: (TExpr | undefined)[] = new Array(args.length);
    // A call of a non-generic function (most calls) has nothing to infer: no tables, no unifying.
    const generic = vars.size > 0;
    const conflicts = generic ? new Map<TypeParamId, TypeId[]>() : NO_CONFLICTS;
    const unbound = (t: TypeId) =>
      generic && mentionsParam(s.types, substitute(s.types, t, bindings), vars as Set<TypeParamId>);
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (generic && this.isContextDependent(a)) continue;
      const pt = substitute(s.types, paramTypes[i]!, bindings);
      const x = this.expr(a, unbound(pt) ? undefined : pt);
      typed[i] = x;
      if (generic) this.unifyArg(paramTypes[i]!, x.type, vars, bindings, conflicts);
    }
    if (generic)
      for (const [p, list] of conflicts) {
        let c = primOf(s.types, list[0]!);
        for (const t of list.slice(1)) {
          const pt = primOf(s.types, t);
          c = c && pt ? commonNumeric(c, pt) : undefined;
        }
        if (c) bindings.set(p, T[c]);
      }
    if (vars.size > 0 && ret !== undefined && expected !== undefined && !this.isErr(expected)) {
      const tmp = new Map(bindings);
      if (unify(s.types, ret, expected, vars, tmp))
        for (const [k, v] of tmp)
          if (!bindings.has(k) && !mentionsParam(s.types, v, vars as Set<TypeParamId>)) bindings.set(k, v);
    }
    if (generic) {
      const saved = this.inferVars;
      this.inferVars = vars;
      for (let i = 0; i < args.length; i++) {
        if (typed[i]) continue;
        const a = args[i]!;
        const pt = substitute(s.types, paramTypes[i]!, bindings);
        const hasHoles = unbound(pt);
        const x = this.expr(a, hasHoles ? (a.kind === "Lambda" ? pt : undefined) : pt);
        typed[i] = x;
        this.unifyArg(paramTypes[i]!, x.type, vars, bindings);
      }
      this.inferVars = saved;
    }
    return typed.map((x, i) =>
      this.coerce(x!, substitute(s.types, paramTypes[i]!, bindings), site, describe && (() => describe(i))),
    );
  }

  /**
   * Unify a parameter type with an argument type; a contract parameter also unifies with the
   * contract a record/enum argument conforms to (`Source<T>` against a `Box<i64> : Source<i64>`).
   */
  private unifyArg(
    param: TypeId,
    arg: TypeId,
    vars: ReadonlySet<TypeParamId>,
    bindings: Map<TypeParamId, TypeId>,
    conflicts?: Map<TypeParamId, TypeId[]>,
  ): void {
    const s = this.s;
    if (unify(s.types, param, arg, vars, bindings, conflicts)) return;
    const pi = s.types.get(param);
    const ai = s.types.get(arg);
    if (pi.kind !== "contract" || (ai.kind !== "record" && ai.kind !== "enum")) return;
    for (const conf of s.conformances) {
      const ci = s.types.get(conf.contract);
      if (ci.kind !== "contract" || ci.decl !== pi.decl) continue;
      const b = new Map<TypeParamId, TypeId>();
      if (!unify(s.types, conf.type, arg, new Set(conf.typeParams), b)) continue;
      unify(s.types, param, substitute(s.types, conf.contract, b), vars, bindings, conflicts);
      return;
    }
  }

  private callFunction(
    func: FuncId,
    recv: TExpr | undefined,
    args: readonly A.Expr[],
    explicit: TypeId[] | undefined,
    expected: TypeId | undefined,
    span: SrcSpan,
    form: "direct" | "method" | "sugar",
    calleeSpan?: SrcSpan,
  ): TExpr {
    const s = this.s;
    const f = s.functions[func]!;
    // Non-generic callees (most calls) share empty tables: nothing is ever bound for them.
    const vars: ReadonlySet<TypeParamId> = f.typeParams.length > 0 ? new Set(f.typeParams) : NO_VARS;
    const bindings = f.typeParams.length > 0 ? new Map<TypeParamId, TypeId>() : NO_BINDINGS;
    if (f.kind === "test") {
      this.rep("E1606", calleeSpan ?? span, `\`${f.name}\` is a test and cannot be called`);
      return this.err(span);
    }
    if (this.bodiless.has(func))
      this.rep(
        "E1605",
        calleeSpan ?? span,
        `\`${f.name}\` is declared without a body and nothing provides it`,
        { help: "give it a body, or remove the call" },
      );
    if (explicit) {
      const own = form === "method" ? [] : f.typeParams;
      if (explicit.length !== own.length)
        this.rep(
          "E1204",
          calleeSpan ?? span,
          `\`${f.name}\` takes ${own.length} type argument${own.length === 1 ? "" : "s"}, found ${explicit.length}`,
        );
      else own.forEach((p, i) => bindings.set(p, explicit[i]!));
    }
    let params = f.paramTypes;
    let recvX: TExpr | undefined;
    if (recv) {
      const first = f.paramTypes[0]!;
      if (!unify(s.types, first, recv.type, vars, bindings))
        recvX = this.coerce(recv, substitute(s.types, first, bindings), "arg");
      else recvX = recv;
      params = f.paramTypes.slice(1);
    }
    if (args.length !== params.length) {
      this.rep(
        "E1204",
        span,
        `\`${f.name}\` takes ${params.length} argument${params.length === 1 ? "" : "s"}, found ${args.length}`,
        {
          notes: [`declared as \`${this.tn(f.ret)} ${f.name}(${params.map((p) => this.tn(p)).join(", ")})\``],
        },
      );
      for (const a of args) this.expr(a, undefined);
      return this.err(span);
    }
    const offset = recv ? 1 : 0;
    const targs = this.inferArgs(params, args, vars, bindings, f.ret, expected, (i) => {
      const n = this.paramNames(f.id)[i + offset];
      return `parameter ${n ? `\`${n}\` ` : ""}of \`${f.name}\` expects`;
    });
    const missing = f.typeParams.filter((p) => !bindings.has(p));
    // A parameter or argument whose type is already an error cannot bind anything: that error
    // was reported, and "cannot infer" on top of it would be a cascade.
    const poisoned = params.some((p) => this.isErr(p)) || targs.some((a) => this.isErr(a.type));
    if (missing.length > 0 && !poisoned) {
      this.rep(
        "E1203",
        calleeSpan ?? span,
        `cannot infer ${missing.map((p) => `\`${s.typeParams[p]!.name}\``).join(", ")} for \`${f.name}\``,
        {
          help: `give the type arguments: \`${f.name}<…>(…)\`, or an expected type`,
        },
      );
    }
    for (const p of missing) bindings.set(p, T.error);
    const typeArgs = f.typeParams.map((p) => bindings.get(p)!);
    this.checkBounds(f.typeParams, typeArgs, calleeSpan ?? span);
    if (f.typeParams.length > 0)
      this.instantiations.push({ caller: this.rootFunc(), callee: func, typeArgs, span: this.full(span) });
    const ret = substitute(s.types, f.ret, bindings);
    const allArgs = recvX ? [recvX, ...targs] : targs;
    return {
      kind: "call",
      target: { kind: "function", func, typeArgs, form },
      args: allArgs,
      type: ret,
      span,
    };
  }

  /** Parameter names of a function (from its locals once checked, else from the job's AST). */
  private paramNames(func: FuncId): readonly (string | undefined)[] {
    const f = this.s.functions[func]!;
    if (f.params.length > 0) return f.params.map((l) => this.s.locals[l]!.name);
    const job = this.c.jobs.find((j) => j.func === func);
    if (!job) return [];
    return [...(job.receiver !== undefined ? ["this"] : []), ...job.params.map((p) => p.name.text)];
  }

  /** E1603: `where` bounds of the instantiated parameters. */
  private checkBounds(params: readonly TypeParamId[], args: readonly TypeId[], span: SrcSpan): void {
    const s = this.s;
    params.forEach((p, i) => {
      const arg = args[i]!;
      if (this.isErr(arg)) return;
      for (const b0 of s.typeParams[p]!.bounds) {
        const b = substitute(s.types, b0, this.paramMap(params, args));
        const ai = s.types.get(arg);
        const ok =
          arg === b ||
          (ai.kind === "contract" && this.embeds(arg, b)) ||
          ((ai.kind === "record" || ai.kind === "enum") && this.toContract(arg, b) !== undefined) ||
          (ai.kind === "param" && s.typeParams[ai.param]!.bounds.some((x) => x === b || this.embeds(x, b)));
        if (!ok)
          this.rep(
            "E1603",
            span,
            `\`${this.tn(arg)}\` does not conform to \`${this.tn(b)}\`, required by \`where ${s.typeParams[p]!.name}: ${this.tn(b)}\``,
            {
              help: this.otherInstanceHelp(arg, b) ?? `declare \`${this.tn(arg)} : ${this.tn(b)}\``,
            },
          );
      }
    });
  }

  /**
   * E1603 help when `arg` conforms to another instance of the bound's contract (`Monoid<i64>`
   * where `Monoid<i32>` is required): a type argument was inferred differently, typically an
   * unsuffixed literal that defaulted to `i32`.
   */
  private otherInstanceHelp(arg: TypeId, bound: TypeId): string | undefined {
    const s = this.s;
    const bi = s.types.get(bound);
    if (bi.kind !== "contract" || bi.args.length === 0) return undefined;
    for (const conf of s.conformances) {
      const ci = s.types.get(conf.contract);
      if (ci.kind !== "contract" || ci.decl !== bi.decl) continue;
      const bind = new Map<TypeParamId, TypeId>();
      if (!unify(s.types, conf.type, arg, new Set(conf.typeParams), bind)) continue;
      const other = substitute(s.types, conf.contract, bind);
      return `\`${this.tn(arg)}\` conforms to \`${this.tn(other)}\`: a type argument was inferred as another type (an unsuffixed literal defaults to \`i32\`); suffix the literals (\`1_i64\`) or give the type arguments explicitly`;
    }
    return undefined;
  }

  private intrinsicParam(name: string): TypeParamId {
    let p = this.intrinsicParams.get(name);
    if (p === undefined) {
      p = this.s.typeParams.length;
      this.s.typeParams.push({
        id: p,
        name: "T",
        bounds: [],
        implicit: false,
        span: { file: "", start: 0, end: 0 },
      });
      this.intrinsicParams.set(name, p);
    }
    return p;
  }

  private sigType(t: string, tp: TypeParamId | undefined): TypeId {
    if (t.endsWith("[]")) return this.s.types.array(this.sigType(t.slice(0, -2), tp));
    if (t === "T") return tp !== undefined ? this.s.types.param(tp) : T.error;
    return (T as Record<string, number>)[t] ?? T.error;
  }

  private intrinsicCall(
    name: string,
    args: readonly A.Expr[],
    typeArgs: readonly A.Type[] | undefined,
    expected: TypeId | undefined,
    span: SrcSpan,
  ): TExpr {
    const s = this.s;
    const sig = INTRINSICS.get(name)!;
    if (sig.tier === "U")
      this.rep(
        "W1608",
        span,
        `intrinsic \`${name}\` is not supported by this toolchain; the call panics if reached`,
      );
    if (sig.params[0] === "...") {
      const targs = args.map((a) => this.expr(a, undefined));
      return {
        kind: "call",
        target: { kind: "intrinsic", name, typeArgs: [], tier: sig.tier },
        args: targs,
        type: this.sigType(sig.ret, undefined),
        span,
      };
    }
    const tp = sig.generic ? this.intrinsicParam(name) : undefined;
    const params = sig.params.map((p) => this.sigType(p, tp));
    const ret = this.sigType(sig.ret, tp);
    if (args.length !== params.length) {
      this.rep(
        "E1204",
        span,
        `\`${name}\` takes ${params.length} argument${params.length === 1 ? "" : "s"}, found ${args.length}`,
      );
      for (const a of args) this.expr(a, undefined);
      return this.err(span);
    }
    const vars = new Set<TypeParamId>(tp !== undefined ? [tp] : []);
    const bindings = new Map<TypeParamId, TypeId>();
    if (typeArgs && tp !== undefined) {
      if (typeArgs.length !== 1)
        this.rep("E1204", span, `\`${name}\` takes 1 type argument, found ${typeArgs.length}`);
      else bindings.set(tp, this.resolveType(typeArgs[0]!));
    }
    // Older programs: `i64 h = __array_new(…)` is an opaque handle (§6).
    if (name === "__array_new" && expected === T.i64 && tp !== undefined) bindings.set(tp, T.u8);
    const targs = this.inferArgs(params, args, vars, bindings, ret, expected);
    if (tp !== undefined && !bindings.has(tp)) {
      this.rep("E1203", span, `cannot infer the element type of \`${name}\``, {
        help: `give an expected type, e.g. \`i64[] a = ${name}(…);\``,
      });
      bindings.set(tp, T.error);
    }
    const typeArgsOut = tp !== undefined ? [bindings.get(tp)!] : [];
    return {
      kind: "call",
      target: { kind: "intrinsic", name, typeArgs: typeArgsOut, tier: sig.tier },
      args: targs,
      type: substitute(s.types, ret, bindings),
      span,
    };
  }

  // ---- index, unary, binary --------------------------------------------------------------

  private index(e: A.IndexExpr): TExpr {
    const s = this.s;
    const span = this.sp(e);
    const obj = this.expr(e.object, undefined);
    const idx = this.expr(e.index, T.i64);
    if (!this.isErr(idx.type) && !isIntPrim(primOf(s.types, idx.type) ?? "bool"))
      this.rep("E1231", idx.span, `an index must be an integer, found \`${this.tn(idx.type)}\``);
    const info = s.types.get(obj.type);
    if (info.kind === "array")
      return { kind: "index", object: obj, index: idx, of: "array", type: info.elem, span };
    if (obj.type === T.string)
      return { kind: "index", object: obj, index: idx, of: "string", type: T.u8, span };
    if (!this.isErr(obj.type))
      this.rep("E1231", obj.span, `a \`${this.tn(obj.type)}\` cannot be indexed`, {
        help: "only arrays and strings support `[i]`",
      });
    return this.err(span);
  }

  private unary(e: A.UnaryExpr): TExpr {
    const s = this.s;
    const span = this.sp(e);
    if (e.op === "-" && e.operand.kind === "IntLit" && e.operand.suffix) {
      const p = e.operand.suffix;
      const v = -e.operand.value;
      const range = intRange(p);
      const lo = range[0];
      const hi = range[1];
      if (!isSigned(p)) this.rep("E1210", span, `\`-\` cannot apply to an unsigned \`${p}\``);
      else if (v < lo || v > hi) this.rep("E1223", span, `${v} does not fit in \`${p}\``);
      return { kind: "int", value: v, type: T[p], span };
    }
    const x = this.expr(e.operand, undefined);
    if (this.isErr(x.type)) return this.err(span);
    const p = primOf(s.types, x.type);
    if (e.op === "!") {
      if (x.type !== T.bool) {
        this.rep("E1210", span, `\`!\` needs a \`bool\`, found \`${this.tn(x.type)}\``, {
          help: "compare explicitly, e.g. `x == 0`",
        });
        return this.err(span);
      }
      return { kind: "unary", op: "not", operand: x, type: T.bool, span };
    }
    if (s.types.get(x.type).kind === "param") {
      this.rep("E1235", span, `\`-\` is not available on type parameter \`${this.tn(x.type)}\``);
      return this.err(span);
    }
    if (!p || !(isFloatPrim(p) || (isIntPrim(p) && isSigned(p)))) {
      this.rep("E1210", span, `\`-\` needs a signed integer or a float, found \`${this.tn(x.type)}\``);
      return this.err(span);
    }
    return { kind: "unary", op: "neg", operand: x, type: x.type, span };
  }

  private binary(e: A.BinaryExpr, expected: TypeId | undefined): TExpr {
    const s = this.s;
    const span = this.sp(e);
    if (e.op === "&&" || e.op === "||") {
      const l = this.expr(e.left, T.bool);
      const saved = this.snap(this.unassigned);
      const r = this.expr(e.right, T.bool);
      this.unassigned = saved;
      for (const x of [l, r])
        if (x.type !== T.bool && !this.isErr(x.type))
          this.rep("E1209", x.span, `\`${e.op}\` needs \`bool\` operands, found \`${this.tn(x.type)}\``);
      return { kind: "logical", op: e.op === "&&" ? "and" : "or", left: l, right: r, type: T.bool, span };
    }
    const isShift = e.op === "<<" || e.op === ">>";
    const lc = this.isConst(e.left);
    const rc = this.isConst(e.right);
    let l: TExpr;
    let r: TExpr;
    const numericOrUndef = (t: TypeId) =>
      isIntPrim(primOf(s.types, t) ?? "bool") || isFloatPrim(primOf(s.types, t) ?? "bool") ? t : undefined;
    if (isShift) {
      l = this.expr(e.left, lc ? numericOrUndef(expected ?? T.error) : undefined);
      r = this.expr(e.right, rc ? T.i32 : undefined);
    } else if (lc && !rc) {
      r = this.expr(e.right, undefined);
      l = this.constant(e.left, numericOrUndef(r.type));
    } else if (rc && !lc) {
      l = this.expr(e.left, undefined);
      r = this.constant(e.right, numericOrUndef(l.type));
    } else if (this.isContextDependent(e.left) && !this.isContextDependent(e.right)) {
      // `Option::None == x`: the typed side gives the other its expected type.
      r = this.expr(e.right, undefined);
      l = this.expr(e.left, r.type);
    } else if (this.isContextDependent(e.right) && !this.isContextDependent(e.left)) {
      l = this.expr(e.left, undefined);
      r = this.expr(e.right, l.type);
    } else {
      l = this.expr(e.left, undefined);
      r = this.expr(e.right, undefined);
    }
    if (this.isErr(l.type) || this.isErr(r.type)) return this.err(span);
    const lp = primOf(s.types, l.type);
    const rp = primOf(s.types, r.type);
    const lk = s.types.get(l.type).kind;
    const rk = s.types.get(r.type).kind;
    const bad = (help?: string) => {
      const param = lk === "param" || rk === "param";
      this.rep(
        param ? "E1235" : "E1209",
        span,
        `\`${e.op}\` cannot combine \`${this.tn(l.type)}\` and \`${this.tn(r.type)}\``,
        help ? { help } : undefined,
      );
      return this.err(span);
    };
    // String concatenation (D6).
    if (e.op === "+" && (l.type === T.string || r.type === T.string)) {
      const lt = this.toText(l);
      const rt = this.toText(r);
      if (this.isErr(lt.type) || this.isErr(rt.type)) return this.err(span);
      return { kind: "concat", left: lt, right: rt, type: T.string, span };
    }
    if (e.op === "===" || e.op === "!==") {
      const heap = (k: string, t: TypeId) => k !== "prim" || t === T.string;
      if (l.type !== r.type || !heap(lk, l.type))
        return bad("`===` compares heap values of one type; use `==` for values");
      return {
        kind: "binary",
        op: e.op === "===" ? "id_eq" : "id_ne",
        left: l,
        right: r,
        operandType: l.type,
        type: T.bool,
        span,
      };
    }
    const numeric = lp && rp && (isIntPrim(lp) || isFloatPrim(lp)) && (isIntPrim(rp) || isFloatPrim(rp));
    if (e.op === "==" || e.op === "!=") {
      const op = e.op === "==" ? "eq" : "ne";
      if (numeric) {
        const c = this.common(l, r, span);
        if (!c) return this.err(span);
        return { kind: "binary", op, left: c.l, right: c.r, operandType: c.t, type: T.bool, span };
      }
      if (l.type !== r.type) {
        if (l.type === T.never || r.type === T.never)
          return {
            kind: "binary",
            op,
            left: l,
            right: r,
            operandType: l.type === T.never ? r.type : l.type,
            type: T.bool,
            span,
          };
        return bad("both sides must have the same type");
      }
      return { kind: "binary", op, left: l, right: r, operandType: l.type, type: T.bool, span };
    }
    const cmp = CMP[e.op];
    if (cmp) {
      if (l.type === T.char && r.type === T.char)
        return { kind: "binary", op: cmp, left: l, right: r, operandType: T.char, type: T.bool, span };
      if (!numeric)
        return bad(
          lp === "string" || rp === "string"
            ? "strings have no ordering; compare bytes with the corelib"
            : undefined,
        );
      const c = this.common(l, r, span);
      if (!c) return this.err(span);
      return { kind: "binary", op: cmp, left: c.l, right: c.r, operandType: c.t, type: T.bool, span };
    }
    const op = ARITH[e.op]!;
    if (isShift) {
      if (!lp || !rp || !isIntPrim(lp) || !isIntPrim(rp)) return bad("shifts need integer operands");
      return { kind: "binary", op, left: l, right: r, operandType: l.type, type: l.type, span };
    }
    if (!numeric) return bad(this.unwrapHelp(l.type) ?? this.unwrapHelp(r.type));
    if ((op === "band" || op === "bor") && (!isIntPrim(lp!) || !isIntPrim(rp!)))
      return bad("`&` and `|` need integers");
    const c = this.common(l, r, span);
    if (!c) return this.err(span);
    return { kind: "binary", op, left: c.l, right: c.r, operandType: c.t, type: c.t, span };
  }

  /** Convert two numeric operands to their common type (E1224 if none; W1203 on int with float). */
  private common(l: TExpr, r: TExpr, span: SrcSpan): { l: TExpr; r: TExpr; t: TypeId } | undefined {
    const s = this.s;
    const lp = primOf(s.types, l.type)!;
    const rp = primOf(s.types, r.type)!;
    const c = commonNumeric(lp, rp);
    if (!c) {
      this.rep("E1224", span, `\`${lp}\` and \`${rp}\` have no common type`, {
        help: "make one operand the other's type first",
      });
      return undefined;
    }
    const t = T[c];
    const conv = (x: TExpr): TExpr =>
      x.type === t
        ? x
        : { kind: "convert", operand: x, conv: this.conversion(x, x.type, t, true)!, type: t, span: x.span };
    return { l: conv(l), r: conv(r), t };
  }

  // ---- assignment ------------------------------------------------------------------------

  private assign(e: A.AssignExpr): TExpr {
    const s = this.s;
    const span = this.sp(e);
    const tgt = e.target;
    let lv: LValue | undefined;
    let ttype: TypeId = T.error;
    let localId: LocalId | undefined;
    if (tgt.kind === "Name") {
      const f = this.lookup(tgt.name.text, this.sp(tgt));
      if (!f) {
        this.unknownName(tgt.name.text, this.sp(tgt), "E1101");
        this.expr(e.value, undefined);
        return this.err(span);
      }
      if (f.kind === "local") {
        lv = { kind: "local", local: f.local };
        ttype = s.locals[f.local]!.type;
        localId = f.local;
      } else if (f.kind === "field") {
        const self: TExpr = { kind: "local", local: f.thisLocal, type: f.recvType, span: this.sp(tgt) };
        if (f.field.kind === "event") return this.eventSub(self, f.field, f.recvType, e, span);
        lv = { kind: "field", object: self, field: f.field.index };
        ttype = f.field.type;
      } else {
        this.rep("E1226", this.sp(tgt), `\`${tgt.name.text}\` is not a variable or field`);
        this.expr(e.value, undefined);
        return this.err(span);
      }
    } else if (tgt.kind === "MemberAccess") {
      const obj = this.expr(tgt.object, undefined);
      const info = s.types.get(obj.type);
      if (info.kind === "record") {
        const field = s.records[info.decl]!.fields.find((f) => f.name === tgt.name.text);
        if (field) {
          const fi = this.instField(field, obj.type);
          if (fi.kind === "event") return this.eventSub(obj, fi, obj.type, e, span);
          lv = { kind: "field", object: obj, field: fi.index };
          ttype = fi.type;
        }
      }
      if (!lv) {
        this.fieldRead(obj, tgt.name, this.sp(tgt));
        this.expr(e.value, undefined);
        return this.err(span);
      }
    } else if (tgt.kind === "Index") {
      const x = this.index(tgt);
      if (x.kind === "index") {
        if (x.of === "string") {
          this.rep("E1227", this.sp(tgt), "a byte of a `string` cannot be assigned", {
            help: "build a new string instead (e.g. with `+` or the corelib's `Core.String` functions)",
          });
          this.expr(e.value, undefined);
          return this.err(span);
        }
        lv = { kind: "index", object: x.object, index: x.index };
        ttype = x.type;
      } else {
        this.expr(e.value, undefined);
        return this.err(span);
      }
    } else if (tgt.kind === "Paren") {
      return this.assign({ ...e, target: tgt.expr });
    } else {
      this.rep("E1226", this.sp(tgt), "this expression cannot be assigned to", {
        help: "assign to a local, a field `x.f` or an element `a[i]`",
      });
      this.expr(e.value, undefined);
      return this.err(span);
    }
    let value: TExpr;
    let compound: "num" | "concat" | undefined;
    const holder =
      tgt.kind === "Name"
        ? `\`${tgt.name.text}\` holds`
        : tgt.kind === "MemberAccess"
          ? `field \`${tgt.name.text}\` holds`
          : "the array holds";
    if (e.op === "=") value = this.exprAt(e.value, ttype, "other", holder);
    else {
      // A function value (a lambda, or any expression of function type) on a non-event target
      // is E1221, whatever the target's type: `+=`/`-=` with handlers only subscribe to events.
      const rhs =
        e.value.kind === "Lambda" || s.types.get(ttype).kind === "fn"
          ? undefined
          : this.expr(e.value, ttype === T.string ? undefined : ttype);
      if (rhs === undefined || s.types.get(rhs.type).kind === "fn") {
        if (!this.isErr(ttype))
          this.rep("E1221", span, `\`${e.op}\` with a function value only works on events`);
        if (rhs === undefined) this.expr(e.value, undefined);
        return this.err(span);
      }
      if (ttype === T.string) {
        if (e.op === "-=") {
          this.rep("E1209", span, "`-=` does not apply to strings");
          return this.err(span);
        }
        value = this.toText(rhs);
        compound = "concat";
      } else if (
        isIntPrim(primOf(s.types, ttype) ?? "bool") ||
        isFloatPrim(primOf(s.types, ttype) ?? "bool")
      ) {
        value = this.coerce(rhs, ttype, "other");
        compound = "num";
      } else {
        if (!this.isErr(ttype))
          this.rep("E1209", span, `\`${e.op}\` needs a number or a string, found \`${this.tn(ttype)}\``);
        return this.err(span);
      }
    }
    if (localId !== undefined) {
      const l = s.locals[localId]!;
      if (e.op !== "=" && this.unassigned.has(localId)) this.readLocal(localId, this.sp(tgt));
      const firstInit = e.op === "=" && this.unassigned.has(localId);
      if (!l.mutable && !firstInit && !this.conditionAssign)
        this.rep("W1214", this.sp(tgt), `\`${l.name}\` is not declared \`mut\` but is reassigned`, {
          help:
            l.kind === "param"
              ? `declare the parameter \`mut ${this.tn(l.type)} ${l.name}\``
              : this.letLocals.has(localId)
                ? `declare it \`let mut ${l.name}\``
                : `declare it \`mut ${typeAsWritten(this.writtenTypes.get(localId)) ?? this.tn(l.type)} ${l.name}\``,
        });
      this.unassigned.delete(localId);
    }
    return { kind: "assign", op: e.op, target: lv, value, compound, type: ttype, span };
  }

  private eventSub(
    obj: TExpr,
    field: Extract<FieldInfo, { kind: "event" }>,
    _rt: TypeId,
    e: A.AssignExpr,
    span: SrcSpan,
  ): TExpr {
    const s = this.s;
    if (e.op === "=") {
      this.rep("E1226", this.sp(e.target), `event \`${field.name}\` cannot be assigned`, {
        help: "subscribe with `+=` or unsubscribe with `-=`",
      });
      this.expr(e.value, undefined);
      return this.err(span);
    }
    const handler = this.exprAt(e.value, s.types.fn(field.params, T.unit), "other", "a handler must be");
    return { kind: "event_sub", op: e.op, object: obj, field: field.index, handler, type: T.unit, span };
  }

  // ---- lambdas ---------------------------------------------------------------------------

  private lambda(e: A.LambdaExpr, expected: TypeId | undefined): TExpr {
    const s = this.s;
    const span = this.sp(e);
    const exp = expected !== undefined ? s.types.get(expected) : undefined;
    const expFn = exp && exp.kind === "fn" ? exp : undefined;
    if (expFn && expFn.params.length !== e.params.length) {
      this.rep(
        "E1204",
        span,
        `this lambda takes ${e.params.length} parameter${e.params.length === 1 ? "" : "s"}, but \`${this.tn(expected!)}\` passes ${expFn.params.length}`,
      );
      return this.err(span);
    }
    const hole = (t: TypeId) =>
      this.inferVars.size > 0 && mentionsParam(s.types, t, this.inferVars as Set<TypeParamId>);
    const outer = this.ctx;
    const root = s.functions[outer.func]!;
    const id = s.functions.length;
    outer.lambdaCount++;
    s.functions.push({
      id,
      kind: "lambda",
      name: `lambda#${outer.lambdaCount}`,
      qualifiedName: `${root.qualifiedName}::lambda#${outer.lambdaCount}`,
      module: outer.module,
      isPub: false,
      typeParams: [],
      params: [],
      paramTypes: [],
      ret: T.unit,
      receiver: undefined,
      body: undefined,
      locals: [],
      captures: [],
      parent: outer.func,
      isEntry: false,
      file: outer.file,
      span: this.full(span),
      nameSpan: this.full(span),
    });
    let ret: TypeId | undefined = expFn && !hole(expFn.ret) ? expFn.ret : undefined;
    const ctx: FnCtx = {
      func: id,
      file: outer.file,
      module: outer.module,
      typeScope: outer.typeScope,
      ret,
      inferredReturns: [],
      entryLike: false,
      outer,
      scopes: [{ names: NO_NAMES, stmts: undefined, pos: 0 }],
      loops: [],
      receiver: undefined,
      captures: [],
      locals: [],
      lambdaCount: 0,
    };
    this.ctx = ctx;
    const paramTypes: TypeId[] = [];
    const params: LocalId[] = [];
    e.params.forEach((p, i) => {
      let t: TypeId;
      if (p.type) t = this.resolveType(p.type);
      else if (expFn && !hole(expFn.params[i]!)) t = expFn.params[i]!;
      else {
        this.rep(
          "E1202",
          this.sp(p),
          `cannot infer the type of lambda parameter \`${p.name?.text ?? "_"}\``,
          { help: "write its type: `(i64 x) => …`" },
        );
        t = T.error;
      }
      if (p.type && expFn && !hole(expFn.params[i]!) && t !== expFn.params[i] && !this.isErr(t))
        this.rep(
          "E1206",
          this.sp(p),
          `parameter type \`${this.tn(t)}\` differs from the expected \`${this.tn(expFn.params[i]!)}\``,
        );
      paramTypes.push(t);
      params.push(this.newLocal(p.name?.text ?? "_", t, "param", false, this.sp(p), p.name !== undefined));
    });
    const savedUnassigned = this.unassigned;
    this.unassigned = this.snap(savedUnassigned);
    const body = this.functionBody(
      e.body.kind === "Block" ? e.body : e.body,
      ret,
      this.sp(e.body),
      span,
      "lambda",
    );
    this.unassigned = savedUnassigned;
    if (ret === undefined) {
      const rs = ctx.inferredReturns.filter((t) => t !== T.never);
      if (e.body.kind === "Block")
        ret =
          rs.length === 0
            ? body.diverges && ctx.inferredReturns.length > 0
              ? T.never
              : T.unit
            : this.commonOf(rs, span);
      else ret = ctx.inferredReturns[0] ?? T.unit;
    }
    this.ctx = outer;
    const f = s.functions[id]!;
    f.params = params;
    f.paramTypes = paramTypes;
    f.ret = ret;
    f.body = body;
    f.locals = ctx.locals;
    f.captures = ctx.captures;
    return { kind: "lambda", func: id, type: s.types.fn(paramTypes, ret), span };
  }

  private commonOf(ts: readonly TypeId[], span: SrcSpan): TypeId {
    const s = this.s;
    let t = ts[0]!;
    for (const u of ts.slice(1)) {
      if (u === t) continue;
      const a = primOf(s.types, t);
      const b = primOf(s.types, u);
      const c = a && b ? commonNumeric(a, b) : undefined;
      if (!c) {
        this.rep(
          "E1305",
          span,
          `the returned values have different types: \`${this.tn(t)}\` and \`${this.tn(u)}\``,
        );
        return T.error;
      }
      t = T[c];
    }
    return t;
  }

  // ---- `?` -------------------------------------------------------------------------------

  /** For a Result- or Option-shaped type used as its value: how to get the value out. */
  private unwrapHelp(t: TypeId): string | undefined {
    const inner = this.wrapped(t);
    if (!inner) return undefined;
    return inner.shape === "result"
      ? "the value is inside `Ok`: add `?` to return early on `Error`, or `match` on it"
      : "the value is inside `Some`: add `?` to return early on `None`, or `match` on it";
  }

  /** A Result- or Option-shaped enum type (§5.10): its shape and the type inside `Ok`/`Some`. */
  private wrapped(t: TypeId): { shape: "result" | "option"; value: TypeId } | undefined {
    const s = this.s;
    const info = s.types.get(t);
    if (info.kind !== "enum") return undefined;
    const en = s.enums[info.decl]!;
    if (!en.shape) return undefined;
    const succ = en.variants.find((v) => v.name === (en.shape === "result" ? "Ok" : "Some"));
    const field = succ?.fields[0];
    if (!field) return undefined;
    return {
      shape: en.shape,
      value: substitute(s.types, field.type, this.paramMap(en.typeParams, info.args)),
    };
  }

  private tryExpr(e: A.TryExpr): TExpr {
    const s = this.s;
    const span = this.sp(e);
    const x = this.expr(e.operand, undefined);
    if (this.isErr(x.type)) return this.err(span);
    const info = s.types.get(x.type);
    const en = info.kind === "enum" ? s.enums[info.decl]! : undefined;
    if (!en || !en.shape) {
      this.rep("E1222", x.span, `\`?\` needs a Result or an Option, found \`${this.tn(x.type)}\``);
      return this.err(span);
    }
    const map = this.paramMap(en.typeParams, info.kind === "enum" ? info.args : []);
    const succ = en.variants.findIndex((v) => v.name === (en.shape === "result" ? "Ok" : "Some"));
    const fail = en.variants.findIndex((v) => v.name === (en.shape === "result" ? "Error" : "None"));
    const valueType = substitute(s.types, en.variants[succ]!.fields[0]!.type, map);
    const base = {
      kind: "try" as const,
      operand: x,
      shape: en.shape,
      successVariant: succ,
      failVariant: fail,
      type: valueType,
      span,
    };
    if (this.ctx.entryLike)
      return {
        ...base,
        mode: "panic",
        returnType: undefined,
        returnVariant: undefined,
        errorConv: undefined,
      };
    const ret = this.ctx.ret;
    if (ret === undefined) {
      this.rep("E1701", span, "`?` in a lambda whose return type is not known", {
        help: "give the lambda an expected function type that returns a Result or an Option",
      });
      return this.err(span);
    }
    if (this.isErr(ret)) return this.err(span);
    const ri = s.types.get(ret);
    const ren = ri.kind === "enum" ? s.enums[ri.decl]! : undefined;
    if (!ren || !ren.shape) {
      this.rep("E1701", span, `\`?\` returns early, but this function returns \`${this.tn(ret)}\``, {
        help: `make it return \`${en.shape === "result" ? "Result<…, …>" : "Option<…>"}\`, or handle the value with \`match\``,
      });
      return this.err(span);
    }
    if (ren.shape !== en.shape) {
      this.rep(
        "E1703",
        span,
        `\`?\` on ${en.shape === "result" ? "a Result" : "an Option"} in a function returning ${ren.shape === "result" ? "a Result" : "an Option"}`,
        { help: "convert it with `match` first" },
      );
      return this.err(span);
    }
    if (ren.id !== en.id) {
      this.rep(
        "E1701",
        span,
        `\`?\` on \`${this.tn(x.type)}\` in a function returning \`${this.tn(ret)}\`, a different declaration`,
      );
      return this.err(span);
    }
    const retVariant = ren.variants.findIndex((v) => v.name === (en.shape === "result" ? "Error" : "None"));
    let errorConv: Conversion | undefined;
    if (en.shape === "result") {
      const from = substitute(s.types, en.variants[fail]!.fields[0]!.type, map);
      const rmap = this.paramMap(ren.typeParams, ri.kind === "enum" ? ri.args : []);
      const to = substitute(s.types, ren.variants[retVariant]!.fields[0]!.type, rmap);
      if (from !== to) {
        const fp = primOf(s.types, from);
        const tp = primOf(s.types, to);
        const silent = fp && tp ? widens(fp, tp) : s.types.get(to).kind === "contract";
        const conv = silent ? this.conversion(x, from, to, false) : undefined;
        if (!conv) {
          this.rep(
            "E1702",
            span,
            `the error type \`${this.tn(from)}\` does not convert to this function's error type \`${this.tn(to)}\``,
            { help: "map the error with `match` first" },
          );
          return this.err(span);
        }
        errorConv = conv;
      }
    }
    return { ...base, mode: "return", returnType: ret, returnVariant: retVariant, errorConv };
  }

  // ---- enum values, struct and array literals --------------------------------------------

  private enumValue(e: A.EnumValueExpr, expected: TypeId | undefined): TExpr {
    const s = this.s;
    const span = this.sp(e);
    const segs = e.enumName.segments;
    const sym = this.c.resolveTypeSym(
      segs,
      { module: this.ctx.module, file: this.ctx.file },
      "E1201",
      e.enumName,
    );
    if (!sym) {
      for (const a of e.args ?? []) this.expr(a, undefined);
      return this.err(span);
    }
    if (sym.kind !== "enum") {
      this.rep(
        "E1301",
        this.sp(e.enumName),
        `\`${segs.map((x) => x.name.text).join(".")}\` is a ${symKindName(sym)}, not an enum`,
        {
          help: sym.kind === "record" ? "build a record with `T { field: value }`" : undefined,
        },
      );
      for (const a of e.args ?? []) this.expr(a, undefined);
      return this.err(span);
    }
    const en = s.enums[sym.id]!;
    const vi = en.variants.findIndex((v) => v.name === e.variant.text);
    if (vi < 0) {
      this.rep("E1301", this.sp(e.variant), `\`${en.name}\` has no variant \`${e.variant.text}\``, {
        help:
          this.suggestFrom(
            e.variant.text,
            en.variants.map((v) => v.name),
          ) ?? `its variants: ${en.variants.map((v) => v.name).join(", ")}`,
      });
      for (const a of e.args ?? []) this.expr(a, undefined);
      return this.err(span);
    }
    const v = en.variants[vi]!;
    const args = e.args ?? [];
    if ((e.args === undefined && v.fields.length > 0) || args.length !== v.fields.length) {
      this.rep(
        "E1302",
        span,
        `\`${en.name}::${v.name}\` takes ${v.fields.length} value${v.fields.length === 1 ? "" : "s"}, found ${args.length}`,
        {
          help: `write \`${en.name}::${v.name}(${v.fields.map((f) => f.name).join(", ")})\``,
        },
      );
      for (const a of args) this.expr(a, undefined);
      return this.err(span);
    }
    const last = segs[segs.length - 1]!;
    const vars = new Set(en.typeParams);
    const bindings = new Map<TypeParamId, TypeId>();
    if (last.typeArgs) {
      const ta = last.typeArgs.map((t) => this.resolveType(t));
      if (ta.length !== en.typeParams.length) {
        this.rep(
          "E1204",
          this.sp(last),
          `\`${en.name}\` takes ${en.typeParams.length} type arguments, found ${ta.length}`,
        );
        return this.err(span);
      }
      en.typeParams.forEach((p, i) => bindings.set(p, ta[i]!));
    } else if (en.typeParams.length > 0 && expected !== undefined) {
      const ei = s.types.get(expected);
      if (ei.kind === "enum" && ei.decl === en.id)
        en.typeParams.forEach((p, i) => bindings.set(p, ei.args[i]!));
    }
    const targs = this.inferArgs(
      v.fields.map((f) => f.type),
      args,
      vars.size > 0 && bindings.size < vars.size ? vars : new Set(),
      bindings,
      undefined,
      undefined,
    );
    const missing = en.typeParams.filter((p) => !bindings.has(p));
    if (missing.length > 0) {
      // An expected type that is already an error (an unresolved return type) was reported.
      if (expected !== undefined && this.isErr(expected)) return this.err(span);
      this.rep(
        "E1203",
        span,
        `cannot infer ${missing.map((p) => `\`${s.typeParams[p]!.name}\``).join(", ")} for \`${en.name}::${v.name}\``,
        {
          help: `declare the expected type (\`${en.name}<…> x = …\`) or write \`${en.name}<…>::${v.name}\``,
        },
      );
      return this.err(span);
    }
    const type = s.types.enumT(
      en.id,
      en.typeParams.map((p) => bindings.get(p)!),
    );
    return { kind: "enum_new", variant: vi, args: targs, type, span };
  }

  private structLit(e: A.StructLiteral, expected: TypeId | undefined): TExpr {
    const s = this.s;
    const span = this.sp(e);
    const segs = e.typeName.segments;
    const sym = this.c.resolveTypeSym(
      segs,
      { module: this.ctx.module, file: this.ctx.file },
      "E1201",
      e.typeName,
    );
    const checkAll = () => {
      for (const f of e.fields) this.expr(f.value, undefined);
      return this.err(span);
    };
    if (!sym) return checkAll();
    if (sym.kind !== "record") {
      this.rep(
        "E1206",
        this.sp(e.typeName),
        `\`${segs.map((x) => x.name.text).join(".")}\` is a ${symKindName(sym)}; only records are built with \`{ … }\``,
        {
          help: sym.kind === "enum" ? "write `Enum::Variant(…)`" : undefined,
        },
      );
      return checkAll();
    }
    const r = s.records[sym.id]!;
    const given = new Map<string, A.FieldInit>();
    const order: { field: FieldInfo; init: A.FieldInit }[] = [];
    // Fields an unknown name was taken for a misspelling of: E1211 already names them, so
    // E1212 does not report them missing a second time (`P { x: 1, yy: 2 }` is one error).
    const misspelt = new Set<string>();
    for (const fi of e.fields) {
      const field = r.fields.find((f) => f.name === fi.name.text);
      if (!field || field.kind === "event") {
        const meant = field
          ? undefined
          : closest(
              fi.name.text,
              r.fields.filter((f) => f.kind === "value" && !given.has(f.name)).map((f) => f.name),
            );
        if (meant) misspelt.add(meant);
        this.rep(
          "E1211",
          this.sp(fi.name),
          field
            ? `event \`${fi.name.text}\` cannot be given a value`
            : `\`${r.name}\` has no field \`${fi.name.text}\``,
          {
            help: field
              ? "events start empty; subscribe with `+=`"
              : meant
                ? `did you mean \`${meant}\`?`
                : undefined,
          },
        );
        this.expr(fi.value, undefined);
        continue;
      }
      if (given.has(fi.name.text)) {
        this.rep("E1211", this.sp(fi.name), `field \`${fi.name.text}\` is given twice`);
        this.expr(fi.value, undefined);
        continue;
      }
      given.set(fi.name.text, fi);
      order.push({ field, init: fi });
    }
    const missing = r.fields.filter((f) => f.kind === "value" && !given.has(f.name) && !misspelt.has(f.name));
    if (missing.length > 0)
      this.rep(
        "E1212",
        this.sp(e.typeName),
        `\`${r.name}\` needs ${missing.map((f) => `\`${f.name}\``).join(", ")}`,
        {
          help: `add ${missing.map((f) => `\`${f.name}: …\``).join(", ")}`,
        },
      );
    const last = segs[segs.length - 1]!;
    const bindings = new Map<TypeParamId, TypeId>();
    if (last.typeArgs) {
      const ta = last.typeArgs.map((t) => this.resolveType(t));
      if (ta.length !== r.typeParams.length) {
        this.rep(
          "E1204",
          this.sp(last),
          `\`${r.name}\` takes ${r.typeParams.length} type arguments, found ${ta.length}`,
        );
        return checkAll();
      }
      r.typeParams.forEach((p, i) => bindings.set(p, ta[i]!));
    } else if (r.typeParams.length > 0 && expected !== undefined) {
      const ei = s.types.get(expected);
      if (ei.kind === "record" && ei.decl === r.id)
        r.typeParams.forEach((p, i) => bindings.set(p, ei.args[i]!));
    }
    const vars =
      r.typeParams.length > 0 && bindings.size < r.typeParams.length
        ? new Set(r.typeParams)
        : new Set<TypeParamId>();
    const values = this.inferArgs(
      order.map((o) => (o.field.kind === "value" ? o.field.type : T.error)),
      order.map((o) => o.init.value),
      vars,
      bindings,
      undefined,
      undefined,
      // A field initialiser is not an argument (E1206, §5.4), and the message names the field.
      (i) => `field \`${order[i]!.field.name}\` of \`${r.name}\` expects`,
      "other",
    );
    const unbound = r.typeParams.filter((p) => !bindings.has(p));
    if (unbound.length > 0) {
      this.rep(
        "E1203",
        this.sp(e.typeName),
        `cannot infer ${unbound.map((p) => `\`${s.typeParams[p]!.name}\``).join(", ")} for \`${r.name}\``,
        {
          help: `write \`${r.name}<…> { … }\` or declare the expected type`,
        },
      );
      return this.err(span);
    }
    const type = s.types.record(
      r.id,
      r.typeParams.map((p) => bindings.get(p)!),
    );
    return {
      kind: "record_new",
      fields: order.map((o, i) => ({ field: o.field.index, value: values[i]! })),
      type,
      span,
    };
  }

  private arrayLit(e: A.ArrayLiteral, expected: TypeId | undefined): TExpr {
    const s = this.s;
    const span = this.sp(e);
    const ei = expected !== undefined ? s.types.get(expected) : undefined;
    if (ei && ei.kind === "array") {
      const elements = e.elements.map((x) => this.exprAt(x, ei.elem, "other"));
      return { kind: "array_lit", elem: ei.elem, elements, type: expected!, span };
    }
    if (e.elements.length === 0) {
      this.rep("E1228", span, "cannot infer the element type of `[]`", {
        help: "declare the type: `i64[] xs = [];`",
      });
      return this.err(span);
    }
    const typed: (TExpr | undefined)[] = e.elements.map((x) =>
      this.isConst(x) ? undefined : this.expr(x, undefined),
    );
    const known = typed.filter((x): x is TExpr => x !== undefined && !this.isErr(x.type));
    let elem: TypeId | undefined;
    if (known.length > 0) {
      elem = known[0]!.type;
      for (const x of known.slice(1)) {
        if (x.type === elem || x.type === T.never) continue;
        const a = primOf(s.types, elem);
        const b = primOf(s.types, x.type);
        const c =
          a && b && (isIntPrim(a) || isFloatPrim(a)) && (isIntPrim(b) || isFloatPrim(b))
            ? commonNumeric(a, b)
            : undefined;
        if (!c) {
          this.rep(
            "E1228",
            x.span,
            `array elements have no common type: \`${this.tn(elem)}\` and \`${this.tn(x.type)}\``,
          );
          return this.err(span);
        }
        elem = T[c];
      }
    }
    const consts = e.elements.filter((_, i) => typed[i] === undefined);
    if (elem === undefined) {
      // Only untyped constants: their common type (f64 if any is a float), else the default.
      let c: TypeId = T.i32;
      for (const x of consts) {
        const t = this.constant(x, undefined).type;
        const cp = commonNumeric(primOf(s.types, c)!, primOf(s.types, t) ?? "i32");
        if (cp) c = T[cp];
      }
      elem = c;
    } else if (
      consts.length > 0 &&
      !isIntPrim(primOf(s.types, elem) ?? "bool") &&
      !isFloatPrim(primOf(s.types, elem) ?? "bool")
    ) {
      this.rep("E1228", span, `array elements have no common type: \`${this.tn(elem)}\` and a number`);
      return this.err(span);
    }
    const final = elem;
    const elements = e.elements.map((x, i) =>
      this.coerce(typed[i] ?? this.constant(x, final), final, "other"),
    );
    return { kind: "array_lit", elem, elements, type: s.types.array(elem), span };
  }

  // ---- match -----------------------------------------------------------------------------

  match(e: A.MatchExpr, expected: TypeId | undefined, asStmt: boolean): TExpr {
    const s = this.s;
    const span = this.sp(e);
    const scrut = this.expr(e.scrutinee, undefined);
    if (e.arms.length === 0) {
      this.rep("E1154", span, "a `match` needs at least one arm", { help: "add `_ => …`" });
      return this.err(span);
    }
    const before = this.unassigned;
    const afterSets: Set<LocalId>[] = [];
    const arms: TMatchArm[] = [];
    const errorsBefore = this.s.diagnostics.length;
    const bodies: TExpr[] = [];
    for (const arm of e.arms) {
      this.unassigned = this.snap(before);
      this.ctx.scopes.push({ names: NO_NAMES, stmts: undefined, pos: 0 });
      const bindings: LocalId[] = [];
      const pattern = this.pattern(arm.pattern, scrut.type, bindings, new Set());
      let guard: TExpr | undefined;
      if (arm.guard) {
        guard = this.expr(arm.guard, T.bool);
        if (guard.type !== T.bool && !this.isErr(guard.type))
          this.rep("E1308", guard.span, `a guard must be \`bool\`, found \`${this.tn(guard.type)}\``);
      }
      let body: TExpr;
      if (asStmt) body = this.expr(arm.body, undefined);
      else if (
        expected !== undefined &&
        arm.body.kind === "Block" &&
        expected !== T.unit &&
        !this.isErr(expected)
      ) {
        // `1 => { log(); 2 }` is a syntax error and `1 => { log(); }` yields `unit`: say why.
        const b = this.expr(arm.body, expected);
        if (b.type === T.unit) {
          this.rep("E1206", b.span, `expected \`${this.tn(expected)}\`, found \`unit\``, {
            help: "a block arm yields no value (blocks never do, and `return` leaves the whole function): make the arm an expression, e.g. a call of a function that does the work and returns the value",
          });
          body = this.err(b.span);
        } else body = this.coerce(b, expected, "other");
      } else if (expected !== undefined) body = this.exprAt(arm.body, expected, "other");
      else body = this.expr(arm.body, undefined);
      this.ctx.scopes.pop();
      bodies.push(body);
      arms.push({ pattern, guard, body, bindings: exactLength(bindings), span: this.sp(arm) });
      if (body.type !== T.never) afterSets.push(this.unassigned);
    }
    this.unassigned = afterSets.length === 0 ? new Set() : union(afterSets);
    // A pattern that failed to type becomes a wildcard; exhaustiveness would then be misleading.
    const patternErrors = this.s.diagnostics
      .slice(errorsBefore)
      .some((d) => d.severity === "error" && /^(E130[1679]|E1201|E1108|E1107)$/.test(d.code));
    if (!this.isErr(scrut.type) && !patternErrors) checkExhaustive(s, this.ctx.file, scrut.type, arms, span);
    let type: TypeId;
    if (asStmt) type = arms.every((a) => a.body.type === T.never) ? T.never : T.unit;
    else if (expected !== undefined) type = expected;
    else {
      const live = bodies.filter((b) => b.type !== T.never && !this.isErr(b.type));
      if (live.length === 0) type = bodies.some((b) => this.isErr(b.type)) ? T.error : T.never;
      else {
        type = live[0]!.type;
        for (const b of live.slice(1)) {
          if (b.type === type) continue;
          const a = primOf(s.types, type);
          const c = primOf(s.types, b.type);
          const cm =
            a && c && (isIntPrim(a) || isFloatPrim(a)) && (isIntPrim(c) || isFloatPrim(c))
              ? commonNumeric(a, c)
              : undefined;
          if (!cm) {
            this.rep(
              "E1305",
              b.span,
              `this arm gives \`${this.tn(b.type)}\`, an earlier arm gives \`${this.tn(type)}\``,
              { help: "make every arm produce the same type" },
            );
            type = T.error;
            break;
          }
          type = T[cm];
        }
        if (!this.isErr(type)) {
          const final = type;
          arms.forEach((a, i) => {
            if (a.body.type !== final && a.body.type !== T.never)
              (arms[i] as { body: TExpr }).body = this.coerce(a.body, final, "other");
          });
        }
      }
    }
    return { kind: "match", scrutinee: scrut, arms: exactLength(arms), type, span };
  }

  private pattern(p: A.Pattern, type: TypeId, bindings: LocalId[], names: Set<string>): TPattern {
    const s = this.s;
    const span = this.sp(p);
    switch (p.kind) {
      case "WildcardPattern":
      case "ErrorPattern":
        return { kind: "wildcard", type, span };
      case "BindingPattern": {
        const name = p.name.text;
        if (names.has(name)) this.rep("E1306", span, `\`${name}\` is bound twice in this pattern`);
        names.add(name);
        const info = s.types.get(type);
        if (info.kind === "enum") {
          const en = s.enums[info.decl]!;
          if (en.variants.some((v) => v.name === name))
            this.rep("W1311", span, `\`${name}\` binds any value; it does not match the variant`, {
              help: `did you mean \`${en.name}::${name}\`?`,
            });
        }
        const id = this.newLocal(name, type, "binding", false, span);
        bindings.push(id);
        return { kind: "bind", local: id, type, span };
      }
      case "LiteralPattern": {
        const lit = p.literal;
        const tp = primOf(s.types, type);
        const fail = (what: string) => {
          if (!this.isErr(type))
            this.rep("E1309", span, `a ${what} pattern cannot match a \`${this.tn(type)}\``);
          return { kind: "wildcard", type, span } as TPattern;
        };
        switch (lit.kind) {
          case "IntLit": {
            if (!tp || !(isIntPrim(tp) || isFloatPrim(tp))) return fail("number");
            const v = p.negative ? -lit.value : lit.value;
            if (isFloatPrim(tp)) return { kind: "literal", value: Number(v), literal: "float", type, span };
            if (lit.suffix && T[lit.suffix] !== type) return fail(lit.suffix);
            const range = intRange(tp);
            const lo = range[0];
            const hi = range[1];
            if (v < lo || v > hi) this.rep("E1223", span, `${v} does not fit in \`${tp}\``);
            return { kind: "literal", value: v, literal: "int", type, span };
          }
          case "FloatLit":
            if (!tp || !isFloatPrim(tp)) return fail("float");
            return {
              kind: "literal",
              value: p.negative ? -lit.value : lit.value,
              literal: "float",
              type,
              span,
            };
          case "CharLit":
            if (type !== T.char) return fail("char");
            return { kind: "literal", value: lit.value, literal: "char", type, span };
          case "StringLit":
            if (type !== T.string) return fail("string");
            return { kind: "literal", value: lit.value, literal: "string", type, span };
          case "BoolLit":
            if (type !== T.bool) return fail("bool");
            return { kind: "literal", value: lit.value, literal: "bool", type, span };
        }
        return fail("literal");
      }
      case "EnumPattern": {
        const sym = this.c.resolveTypeSym(
          p.enumName.segments,
          { module: this.ctx.module, file: this.ctx.file },
          "E1201",
          p.enumName,
        );
        const sub = (ts: readonly TypeId[]) =>
          (p.args ?? []).map((a, i) => this.pattern(a, ts[i] ?? T.error, bindings, names));
        if (!sym) {
          sub([]);
          return { kind: "wildcard", type, span };
        }
        const info = s.types.get(type);
        if (sym.kind !== "enum") {
          this.rep(
            "E1301",
            this.sp(p.enumName),
            `\`${p.enumName.segments.map((x) => x.name.text).join(".")}\` is not an enum`,
          );
          sub([]);
          return { kind: "wildcard", type, span };
        }
        const en = s.enums[sym.id]!;
        if (info.kind !== "enum" || info.decl !== en.id) {
          if (!this.isErr(type))
            this.rep("E1309", span, `a \`${en.name}\` pattern cannot match a \`${this.tn(type)}\``);
          sub([]);
          return { kind: "wildcard", type, span };
        }
        const vi = en.variants.findIndex((v) => v.name === p.variant.text);
        if (vi < 0) {
          this.rep("E1301", this.sp(p.variant), `\`${en.name}\` has no variant \`${p.variant.text}\``, {
            help: this.suggestFrom(
              p.variant.text,
              en.variants.map((v) => v.name),
            ),
          });
          sub([]);
          return { kind: "wildcard", type, span };
        }
        const v = en.variants[vi]!;
        const map = this.paramMap(en.typeParams, info.args);
        const fieldTypes = v.fields.map((f) => substitute(s.types, f.type, map));
        if (p.args && p.args.length !== fieldTypes.length) {
          this.rep(
            "E1307",
            span,
            `\`${en.name}::${v.name}\` has ${fieldTypes.length} field${fieldTypes.length === 1 ? "" : "s"}, the pattern gives ${p.args.length}`,
          );
          sub([]);
          return { kind: "wildcard", type, span };
        }
        return {
          kind: "variant",
          enumType: type,
          variant: vi,
          sub: p.args ? sub(fieldTypes) : undefined,
          type,
          span,
        };
      }
    }
  }

  // =======================================================================================
  // Statements.

  block(b: A.Block): TBlock {
    this.ctx.scopes.push({ names: NO_NAMES, stmts: undefined, pos: 0 });
    const r = this.stmts(b.statements, this.sp(b), true);
    return r;
  }

  /** Check statements in a new scope (already pushed when `pushed`). */
  private stmts(list: readonly A.Stmt[], span: SrcSpan, pushed = false): TBlock {
    if (!pushed) this.ctx.scopes.push({ names: NO_NAMES, stmts: undefined, pos: 0 });
    const scope = this.ctx.scopes[this.ctx.scopes.length - 1]!;
    scope.stmts = list;
    const out: TStmt[] = [];
    let diverges = false;
    let warned = false;
    for (let i = 0; i < list.length; i++) {
      const st = list[i]!;
      scope.pos = i;
      if (diverges && !warned) {
        warned = true;
        this.rep("W1403", this.sp(st), "this code can never run", {
          help: "remove it, or the statement before it that always leaves the block",
        });
      }
      const r = this.stmt(st);
      if (!diverges && r.stmt) out.push(r.stmt);
      if (r.diverges) diverges = true;
    }
    this.ctx.scopes.pop();
    if (diverges) this.unassigned = new Set();
    return { stmts: exactLength(out), diverges, span };
  }

  private stmt(st: A.Stmt): { stmt: TStmt | undefined; diverges: boolean } {
    const s = this.s;
    const span = this.sp(st);
    switch (st.kind) {
      case "Local": {
        const l = this.local(st);
        // `T x = f();` with a `never` initializer ends the path like the call alone would.
        const init = l?.kind === "let" ? l.init : undefined;
        const never =
          init !== undefined &&
          (init.type === T.never || (init.kind === "convert" && init.conv.kind === "never"));
        return { stmt: l, diverges: never };
      }
      case "Return": {
        const ctx = this.ctx;
        if (ctx.ret === undefined) {
          const v = st.value ? this.expr(st.value, undefined) : undefined;
          ctx.inferredReturns.push(v ? v.type : T.unit);
          return { stmt: { kind: "return", value: v, span }, diverges: true };
        }
        if (!st.value) {
          if (ctx.ret !== T.unit && !this.isErr(ctx.ret))
            this.rep(
              "E1207",
              span,
              ctx.ret === T.never
                ? "a function returning `never` cannot return"
                : `\`return;\` in a function that returns \`${this.tn(ctx.ret)}\``,
              {
                help: ctx.ret === T.never ? undefined : "return a value: `return …;`",
              },
            );
          return { stmt: { kind: "return", value: undefined, span }, diverges: true };
        }
        if (ctx.ret === T.never) {
          this.rep("E1207", span, "a function returning `never` cannot return");
          this.expr(st.value, undefined);
          return { stmt: { kind: "return", value: undefined, span }, diverges: true };
        }
        if (ctx.ret === T.unit) {
          const v = this.expr(st.value, undefined);
          if (v.type !== T.unit && v.type !== T.never && !this.isErr(v.type))
            this.rep(
              "E1207",
              v.span,
              `this function returns \`unit\`, but the value is \`${this.tn(v.type)}\``,
              { help: "remove the value, or declare the return type" },
            );
          return { stmt: { kind: "return", value: v, span }, diverges: true };
        }
        const v = this.exprAt(st.value, ctx.ret, "return", "the function returns");
        return { stmt: { kind: "return", value: v, span }, diverges: true };
      }
      case "Break":
        if (this.ctx.loops.length === 0) {
          this.rep("E1401", span, "`break` is only valid inside `while` or `for`", {
            help: this.loopOutsideLambda() ? LAMBDA_LOOP_HELP : undefined,
          });
          return { stmt: undefined, diverges: false };
        }
        this.ctx.loops[this.ctx.loops.length - 1]!.hasBreak = true;
        return { stmt: { kind: "break", span }, diverges: true };
      case "Continue":
        if (this.ctx.loops.length === 0) {
          this.rep("E1402", span, "`continue` is only valid inside `while` or `for`", {
            help: this.loopOutsideLambda() ? LAMBDA_LOOP_HELP : undefined,
          });
          return { stmt: undefined, diverges: false };
        }
        return { stmt: { kind: "continue", span }, diverges: true };
      case "If":
        return this.ifStmt(st);
      case "While": {
        const cond = this.cond(st.condition);
        const before = this.snap(this.unassigned);
        const loop: Loop = { hasBreak: false };
        this.ctx.loops.push(loop);
        const body = this.block(st.body);
        this.ctx.loops.pop();
        this.unassigned = before;
        const endless = cond.kind === "bool" && cond.value === true && !loop.hasBreak;
        return { stmt: { kind: "while", cond, body, span }, diverges: endless };
      }
      case "For":
        return { stmt: this.forStmt(st), diverges: false };
      case "BlockStmt": {
        const b = this.block(st.block);
        return { stmt: { kind: "block", block: b, span }, diverges: b.diverges };
      }
      case "ExprStmt": {
        const x =
          st.expr.kind === "Match" ? this.match(st.expr, undefined, true) : this.expr(st.expr, undefined);
        return { stmt: { kind: "expr", expr: x, span }, diverges: x.type === T.never };
      }
      case "UnsupportedStmt":
        this.rep("E1230", span, `\`${st.construct}\` statements are not supported by beskid-ci`);
        return { stmt: undefined, diverges: false };
    }
  }

  /** A lambda being checked sits inside a loop of an enclosing function (E1401/E1402 help). */
  private loopOutsideLambda(): boolean {
    for (let c = this.ctx.outer; c; c = c.outer) if (c.loops.length > 0) return true;
    return false;
  }

  private cond(e: A.Expr): TExpr {
    // `if x = 1` is E1208 with the `==` hint below; W1214 on the same `=` would only be noise.
    const typo = e.kind === "Assign" && e.op === "=";
    if (typo) this.conditionAssign = true;
    let x: TExpr;
    try {
      x = this.expr(e, T.bool);
    } finally {
      this.conditionAssign = false;
    }
    if (x.type !== T.bool && !this.isErr(x.type)) {
      this.rep("E1208", x.span, `a condition must be \`bool\`, found \`${this.tn(x.type)}\``, {
        help:
          e.kind === "Assign" && e.op === "="
            ? "`=` assigns; compare with `==`"
            : "compare explicitly, e.g. `x != 0`",
      });
    }
    return x;
  }

  private ifStmt(st: A.IfStmt): { stmt: TStmt; diverges: boolean } {
    const span = this.sp(st);
    const cond = this.cond(st.condition);
    const before = this.snap(this.unassigned);
    const then = this.block(st.then);
    const afterThen = then.diverges ? undefined : this.unassigned;
    this.unassigned = this.snap(before);
    let els: TBlock | undefined;
    if (st.else) {
      if (st.else.kind === "Block") els = this.block(st.else);
      else {
        const inner = this.ifStmt(st.else);
        els = { stmts: [inner.stmt], diverges: inner.diverges, span: this.sp(st.else) };
      }
    }
    const afterElse = els?.diverges ? undefined : this.unassigned;
    const sets = [afterThen, afterElse].filter((x): x is Set<LocalId> => x !== undefined);
    this.unassigned = sets.length === 0 ? new Set() : union(sets);
    return {
      stmt: { kind: "if", cond, then, else: els, span },
      diverges: then.diverges && (els?.diverges ?? false),
    };
  }

  private local(st: A.LocalDecl): TStmt | undefined {
    const s = this.s;
    const span = this.sp(st);
    const name = st.name.text;
    let type: TypeId;
    let init: TExpr | undefined;
    if (st.form === "typed" && st.type) {
      type = this.resolveType(st.type);
      if (st.init) init = this.exprAt(st.init, type, "other", `\`${name}\` is declared as`);
    } else {
      if (!st.init) return undefined;
      init = this.expr(st.init, undefined);
      type = init.type;
    }
    if (name === "") return undefined;
    const scope = this.ctx.scopes[this.ctx.scopes.length - 1]!;
    if (scope.names.has(name)) {
      this.rep("E1102", this.sp(st.name), `\`${name}\` is already declared in this block`, {
        help: "rename it, or assign to the existing variable",
      });
    } else this.checkShadow(name, this.sp(st.name));
    const id = this.newLocal(name, type, "local", st.mutable, this.sp(st.name));
    if (st.form === "let") this.letLocals.add(id);
    else if (st.type) this.writtenTypes.set(id, st.type);
    if (!init) this.unassigned.add(id);
    return { kind: "let", local: id, init, span };
  }

  private checkShadow(name: string, span: SrcSpan): void {
    const s = this.s;
    for (let c: FnCtx | undefined = this.ctx; c; c = c.outer) {
      const n = c === this.ctx ? c.scopes.length - 1 : c.scopes.length;
      for (let i = 0; i < n; i++)
        if (c.scopes[i]!.names.has(name)) {
          this.rep("W1103", span, `\`${name}\` shadows an outer variable`, {
            help: "rename it to keep both visible",
          });
          return;
        }
      if (c.receiver) {
        const info = s.types.get(c.receiver.type);
        if (info.kind === "record" && s.records[info.decl]!.fields.some((f) => f.name === name)) {
          this.rep("W1103", span, `\`${name}\` shadows a field of the receiver`, {
            help: `use \`this.${name}\` for the field, or rename the local`,
          });
          return;
        }
      }
    }
    // An item declared in this very module (functions, consts, types): a local hides it.
    const item = s.scopes[this.ctx.module]!.items.get(name);
    if (
      item &&
      !item.use &&
      item.sym.kind !== "module" &&
      item.sym.kind !== "test" &&
      item.sym.kind !== "attribute"
    )
      this.rep("W1103", span, `\`${name}\` shadows the ${symKindName(item.sym)} \`${name}\` of this module`, {
        help: "rename the local to keep the item reachable",
      });
  }

  private forStmt(st: A.ForStmt): TStmt | undefined {
    const s = this.s;
    const span = this.sp(st);
    const it = st.iterable;
    const before = this.snap(this.unassigned);
    const loopBody = (local: LocalId, build: (body: TBlock) => TStmt): TStmt => {
      const loop: Loop = { hasBreak: false };
      this.ctx.loops.push(loop);
      this.ctx.scopes.push({ names: new Map([[st.binding.text, local]]), stmts: undefined, pos: 0 });
      const body = this.block(st.body);
      this.ctx.scopes.pop();
      this.ctx.loops.pop();
      this.unassigned = before;
      return build(body);
    };
    // 1. range(a, b) when no `range` is in scope.
    if (
      it.kind === "Call" &&
      it.callee.kind === "Name" &&
      it.callee.name.text === "range" &&
      it.args.length === 2 &&
      !this.lookup("range", this.sp(it.callee), false)
    ) {
      const [a, b] = it.args as [A.Expr, A.Expr];
      const ac = this.isConst(a);
      const bc = this.isConst(b);
      let ax: TExpr;
      let bx: TExpr;
      if (ac && !bc) {
        bx = this.expr(b, undefined);
        ax = this.constant(a, isIntPrim(primOf(s.types, bx.type) ?? "bool") ? bx.type : undefined);
      } else if (bc && !ac) {
        ax = this.expr(a, undefined);
        bx = this.constant(b, isIntPrim(primOf(s.types, ax.type) ?? "bool") ? ax.type : undefined);
      } else {
        ax = this.expr(a, undefined);
        bx = this.expr(b, undefined);
      }
      let t: TypeId = T.error;
      if (!this.isErr(ax.type) && !this.isErr(bx.type)) {
        const ap = primOf(s.types, ax.type);
        const bp = primOf(s.types, bx.type);
        if (!ap || !bp || !isIntPrim(ap) || !isIntPrim(bp))
          this.rep(
            "E1209",
            this.sp(it),
            `range bounds must be integers, found \`${this.tn(ax.type)}\` and \`${this.tn(bx.type)}\``,
          );
        else {
          const c = commonNumeric(ap, bp);
          if (!c) this.rep("E1224", this.sp(it), `\`${ap}\` and \`${bp}\` have no common type`);
          else t = T[c];
        }
      }
      const start = this.isErr(t) ? ax : this.coerce(ax, t, "other");
      const end = this.isErr(t) ? bx : this.coerce(bx, t, "other");
      const local = this.newLocal(st.binding.text, t, "for", false, this.sp(st.binding), false);
      return loopBody(local, (body) => ({ kind: "for_range", local, start, end, body, span }));
    }
    const x = this.expr(it, undefined);
    if (this.isErr(x.type)) {
      const local = this.newLocal(st.binding.text, T.error, "for", false, this.sp(st.binding), false);
      loopBody(local, (body) => ({ kind: "block", block: body, span }));
      return undefined;
    }
    const info = s.types.get(x.type);
    // 2. arrays.
    if (info.kind === "array") {
      const local = this.newLocal(st.binding.text, info.elem, "for", false, this.sp(st.binding), false);
      return loopBody(local, (body) => ({ kind: "for_array", local, array: x, body, span }));
    }
    // 3. the iterator protocol.
    const iterLocal = this.newLocal("$iter", x.type, "hidden", true, x.span, false);
    const recv: TExpr = { kind: "local", local: iterLocal, type: x.type, span: x.span };
    const next = this.resolveNext(recv, x.span);
    if (!next) {
      const local = this.newLocal(st.binding.text, T.error, "for", false, this.sp(st.binding), false);
      loopBody(local, (body) => ({ kind: "block", block: body, span }));
      return undefined;
    }
    const local = this.newLocal(st.binding.text, next.elem, "for", false, this.sp(st.binding), false);
    return loopBody(local, (body) => ({
      kind: "for_iter",
      local,
      iterLocal,
      iterator: x,
      next: next.call,
      option: next.option,
      someVariant: next.some,
      noneVariant: next.none,
      body,
      span,
    }));
  }

  /** `it.Next()` for the iterator protocol (E1215–E1218). */
  private resolveNext(
    recv: TExpr,
    span: SrcSpan,
  ): { call: TExpr; option: TypeId; some: number; none: number; elem: TypeId } | undefined {
    const s = this.s;
    const t = recv.type;
    const info = s.types.get(t);
    let candidate: { params: number; ret: TypeId } | undefined;
    const member = this.c.membersOf(t)?.get("Next");
    if (member !== undefined) {
      const f = s.functions[member]!;
      const b = new Map<TypeParamId, TypeId>();
      unify(s.types, f.paramTypes[0]!, t, new Set(f.typeParams), b);
      candidate = { params: f.paramTypes.length - 1, ret: substitute(s.types, f.ret, b) };
    } else if (info.kind === "contract") {
      const c = s.contracts[info.decl]!;
      const m = c.methods.find((x) => x.name === "Next");
      if (m)
        candidate = {
          params: m.params.length,
          ret: substitute(s.types, m.ret, this.paramMap(c.typeParams, info.args)),
        };
    } else if (info.kind === "param") {
      for (const b of s.typeParams[info.param]!.bounds) {
        const bi = s.types.get(b);
        if (bi.kind !== "contract") continue;
        const c = s.contracts[bi.decl]!;
        const m = c.methods.find((x) => x.name === "Next");
        if (m) {
          candidate = {
            params: m.params.length,
            ret: substitute(s.types, m.ret, this.paramMap(c.typeParams, bi.args)),
          };
          break;
        }
      }
    } else if (info.kind === "record" || info.kind === "enum") {
      const dm = this.c.declModuleOf(t)!;
      const e = s.scopes[dm]!.items.get("Next");
      if (e && e.sym.kind === "function") {
        const f = s.functions[e.sym.id]!;
        const b = new Map<TypeParamId, TypeId>();
        if (f.paramTypes.length > 0 && unify(s.types, f.paramTypes[0]!, t, new Set(f.typeParams), b))
          candidate = { params: f.paramTypes.length - 1, ret: substitute(s.types, f.ret, b) };
      }
    }
    if (!candidate) {
      this.rep(
        "E1215",
        span,
        `cannot iterate over a \`${this.tn(t)}\`: it is not a range or an array and has no \`Next\` method`,
        {
          help: "iterate with `for x in range(0, n)`, over an array, or give the type a `Next()` returning `Option<T>`",
        },
      );
      return undefined;
    }
    if (candidate.params > 0) {
      this.rep(
        "E1216",
        span,
        `\`Next\` of \`${this.tn(t)}\` takes ${candidate.params} parameter(s); \`for\` calls it with none`,
      );
      return undefined;
    }
    const ri = s.types.get(candidate.ret);
    const en = ri.kind === "enum" ? s.enums[ri.decl]! : undefined;
    if (!en || en.name !== "Option") {
      this.rep("E1217", span, `\`Next\` returns \`${this.tn(candidate.ret)}\`, not an Option`, {
        help: "return `Option<T>`: `Some(value)` or `None`",
      });
      return undefined;
    }
    const some = en.variants.findIndex((v) => v.name === "Some");
    const none = en.variants.findIndex((v) => v.name === "None");
    if (some < 0 || none < 0 || en.variants[some]!.fields.length !== 1) {
      this.rep("E1218", span, `\`${en.name}::Some\` must carry exactly one value for \`for\``);
      return undefined;
    }
    const call = this.methodCall(
      recv,
      { kind: "Ident", text: "Next", start: span.start, end: span.end },
      undefined,
      [],
      undefined,
      span,
    );
    const elem = substitute(
      s.types,
      en.variants[some]!.fields[0]!.type,
      this.paramMap(en.typeParams, ri.kind === "enum" ? ri.args : []),
    );
    return { call, option: candidate.ret, some, none, elem };
  }
}

function union(sets: readonly Set<LocalId>[]): Set<LocalId> {
  const out = new Set<LocalId>();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
}

/** A short rendering of a path expression for messages. */
export function exprText(e: A.Expr): string {
  if (e.kind === "Name") return e.name.text;
  if (e.kind === "MemberAccess") return `${exprText(e.object)}.${e.name.text}`;
  return "…";
}

/** "an enum", "a type": the indefinite article for a kind name in a message. */
function articled(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

const NUMERIC_PRIMS = ["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64"] as const;
