/**
 * The shared state of one semantic analysis: the growing tables of the typed program (in
 * mutable form), the module index with its namespaces, and the diagnostic sink.
 *
 * It holds no global state (one `Sema` per `analyze` call) and does not walk any tree; the
 * passes in `collect.ts` and `check.ts` do.
 */

import {
  makeDiagnostic,
  type Diagnostic,
  type DiagnosticCode,
  type DiagnosticFacts,
  type LineIndex,
  type Span,
} from "../diagnostics/index.ts";
import type * as A from "../syntax/ast.ts";
import { TypeTable, typeName } from "./types.ts";
import type {
  ConformanceInfo,
  ConstInfo,
  ContractInfo,
  EnumInfo,
  FuncId,
  FunctionInfo,
  LocalInfo,
  ModuleId,
  ModuleInfo,
  RecordInfo,
  TestInfo,
  TypeId,
  TypeParamInfo,
} from "./typed.ts";

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What a name in a module namespace denotes. */
export type Sym =
  | { readonly kind: "module"; readonly id: ModuleId }
  | { readonly kind: "function"; readonly id: FuncId }
  | { readonly kind: "record"; readonly id: number }
  | { readonly kind: "enum"; readonly id: number }
  | { readonly kind: "contract"; readonly id: number }
  | { readonly kind: "const"; readonly id: number }
  | { readonly kind: "test"; readonly id: number }
  | { readonly kind: "attribute"; readonly name: string };

/** One binding of a module namespace: a declared item or a `use` alias. */
export interface Entry {
  sym: Sym;
  readonly isPub: boolean;
  /** Module where the binding is written (privacy is checked against it). */
  readonly module: ModuleId;
  readonly span: Span;
  /** Set for `use` aliases (W1503 when never read). */
  readonly use?: { used: boolean; readonly decl: A.UseDecl };
  /** Set when a module item also names the homonym type (D4) — resolved lazily. */
}

export interface ModScope {
  readonly id: ModuleId;
  readonly path: string;
  readonly parent: ModuleId | undefined;
  readonly items: Map<string, Entry>;
  /** Index into `units` of the file defining it (undefined for inline and prefix modules). */
  unit: number | undefined;
  /** Inline modules: whether declared `pub`. Prefix and file modules are public. */
  isPub: boolean;
  /** The file whose text declares the module's items (inline modules: their parent's file). */
  file: string | undefined;
}

export interface UnitInput {
  readonly file: string;
  readonly module: string;
  readonly tree: A.SourceFile;
  readonly lineIndex: LineIndex;
}

export class Sema {
  readonly types = new TypeTable();
  readonly modules: Mutable<ModuleInfo>[] = [];
  readonly scopes: ModScope[] = [];
  readonly byPath = new Map<string, ModuleId>();
  readonly functions: Mutable<FunctionInfo>[] = [];
  readonly locals: Mutable<LocalInfo>[] = [];
  readonly records: Mutable<RecordInfo>[] = [];
  readonly enums: Mutable<EnumInfo>[] = [];
  readonly contracts: Mutable<ContractInfo>[] = [];
  readonly typeParams: Mutable<TypeParamInfo>[] = [];
  readonly conformances: Mutable<ConformanceInfo>[] = [];
  readonly consts: Mutable<ConstInfo>[] = [];
  readonly tests: Mutable<TestInfo>[] = [];
  /** impl/extend methods on primitive types and arrays, by receiver type. */
  readonly primMembers = new Map<TypeId, Map<string, FuncId>>();
  readonly diagnostics: Diagnostic[] = [];
  readonly lineIndexes = new Map<string, LineIndex>();
  /** One report per (code, offset): keeps cascades out. */
  private readonly reported = new Set<string>();
  /** Names bound by `use` declarations that resolved nowhere (E1105), per module. */
  private readonly brokenImports = new Map<ModuleId, Set<string>>();

  /** Records that `use … name;` in module `m` failed (E1105), so uses of `name` add no cascade. */
  markBrokenImport(m: ModuleId, name: string): void {
    let set = this.brokenImports.get(m);
    if (!set) this.brokenImports.set(m, (set = new Set()));
    set.add(name);
  }

  /** Whether `name` seen from module `from` is a failed import of it or an ancestor (already E1105). */
  isBrokenImport(name: string, from: ModuleId): boolean {
    for (let m: ModuleId | undefined = from; m !== undefined; m = this.modules[m]!.parent)
      if (this.brokenImports.get(m)?.has(name)) return true;
    return false;
  }

  constructor(readonly units: readonly UnitInput[]) {
    for (const u of units) this.lineIndexes.set(u.file, u.lineIndex);
  }

  span(file: string, node: A.NodeSpan): Span {
    return { file, start: node.start, end: node.end };
  }

  report(
    code: DiagnosticCode,
    at: Span | undefined,
    detail: string,
    extra?: Omit<DiagnosticFacts, "detail">,
  ): void {
    if (at) {
      const key = `${code}@${at.file}:${at.start}`;
      if (this.reported.has(key)) return;
      this.reported.add(key);
    }
    const index = at ? this.lineIndexes.get(at.file) : undefined;
    const facts: DiagnosticFacts = { detail, ...(extra ?? {}) };
    this.diagnostics.push(
      makeDiagnostic(code, facts, at && index ? { span: at, index } : at ? { file: at.file } : undefined),
    );
  }

  typeName(t: TypeId): string {
    return typeName(this.types, this, t);
  }

  /** Module `path`, creating it and its prefixes. */
  moduleFor(path: string): ModuleId {
    const found = this.byPath.get(path);
    if (found !== undefined) return found;
    let parent: ModuleId | undefined;
    if (path !== "") {
      const dot = path.lastIndexOf(".");
      parent = this.moduleFor(dot < 0 ? "" : path.slice(0, dot));
    }
    const id = this.modules.length;
    this.modules.push({ id, path, parent, file: undefined, isEntry: false });
    this.scopes.push({ id, path, parent, items: new Map(), unit: undefined, isPub: true, file: undefined });
    this.byPath.set(path, id);
    if (parent !== undefined) {
      const name = path.slice(path.lastIndexOf(".") + 1);
      const ps = this.scopes[parent]!;
      if (!ps.items.has(name))
        ps.items.set(name, {
          sym: { kind: "module", id },
          isPub: true,
          module: parent,
          span: { file: "", start: 0, end: 0 },
        });
    }
    return id;
  }

  /** Whether code in module `from` may see a private item declared in module `owner`. */
  canSeePrivate(from: ModuleId, owner: ModuleId): boolean {
    for (let m: ModuleId | undefined = from; m !== undefined; m = this.modules[m]!.parent)
      if (m === owner) return true;
    return false;
  }

  lastName(path: string): string {
    return path.slice(path.lastIndexOf(".") + 1);
  }
}
