/**
 * Declaration passes of semantic analysis (LANGUAGE.md §5.1–§5.4, §5.8, §5.9, §5.14–§5.16):
 * the module index across units, every item entered in its module namespace, `use` aliases
 * resolved, then every signature resolved into types (records with field layouts, enums
 * with variants, contracts with merged method tables, functions and members with their type
 * parameters), conformances checked, and test sections validated.
 *
 * It does not look inside function bodies (`check.ts` does) and never mutates the AST.
 */

import type { Span } from "../diagnostics/index.ts";
import type * as A from "../syntax/ast.ts";
import type { Entry, ModScope, Mutable, Sema, Sym } from "./context.ts";
import {
  T,
  type ContractMethod,
  type FieldInfo,
  type FuncId,
  type FunctionInfo,
  type ModuleId,
  type TypeId,
  type TypeParamId,
  type VariantInfo,
} from "./typed.ts";
import { substitute, unify } from "./types.ts";

const PRIM_NAMES = new Set<string>([
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
]);

/** Where type names are resolved: the module, type parameters in scope, `This`. */
export interface TypeScope {
  readonly module: ModuleId;
  readonly file: string;
  readonly params: ReadonlyMap<string, TypeParamId>;
  readonly thisType?: TypeId;
  /** D23 / older `impl G<T>`: create a parameter for an unknown simple name. */
  readonly implicit?: (name: string, span: Span) => TypeParamId | undefined;
}

export interface BodyJob {
  readonly func: FuncId;
  readonly file: string;
  readonly scope: TypeScope;
  readonly params: readonly A.Param[];
  readonly body: A.Block | A.ExprBody | readonly A.Stmt[] | undefined;
  /** Members: the record whose fields are in scope by bare name (or the enum/prim receiver). */
  readonly receiver: TypeId | undefined;
  readonly isTest: boolean;
}

interface PendingUse {
  readonly decl: A.UseDecl;
  readonly module: ModuleId;
  readonly file: string;
  state: "pending" | "done";
}

interface PendingConformance {
  readonly type: TypeId;
  readonly typeParams: readonly TypeParamId[];
  readonly target: A.NamedType;
  readonly scope: TypeScope;
  readonly declModule: ModuleId;
}

export class Collector {
  readonly jobs: BodyJob[] = [];
  private readonly uses: PendingUse[] = [];
  private readonly typeItems: { id: number; ast: A.TypeItem; module: ModuleId; file: string }[] = [];
  private readonly enumItems: { id: number; ast: A.EnumItem; module: ModuleId; file: string }[] = [];
  private readonly contractItems: { id: number; ast: A.ContractItem; module: ModuleId; file: string }[] = [];
  private readonly funcItems: { id: FuncId; ast: A.FunctionItem; module: ModuleId; file: string }[] = [];
  private readonly testItems: { id: number; ast: A.TestItem; module: ModuleId; file: string }[] = [];
  private readonly implItems: { ast: A.ImplItem; module: ModuleId; file: string }[] = [];
  private readonly modDecls: { ast: A.ModuleDecl; module: ModuleId; file: string }[] = [];
  private readonly attrDecls = new Map<string, A.AttributeDecl>();
  private readonly attrUses: { attrs: readonly A.Attribute[]; target: string; file: string }[] = [];

  /** Records the attributes of a declaration for the target checks (most have none: nothing kept). */
  private noteAttributes(attrs: readonly A.Attribute[], target: string, file: string): void {
    if (attrs.length > 0) this.attrUses.push({ attrs, target, file });
  }

  private readonly conformanceJobs: PendingConformance[] = [];
  /** Items whose namespace entries are modules created only as path prefixes. */
  entryModule: ModuleId | undefined;

  constructor(private readonly s: Sema) {}

  // ---------------------------------------------------------------------------------------
  // Pass 1: modules and item names.

  indexUnits(entryIndex: number | undefined): void {
    const s = this.s;
    s.moduleFor("");
    const unitModule: ModuleId[] = [];
    s.units.forEach((u, index) => {
      let path = u.module;
      const first = u.tree.items[0];
      if (first && first.kind === "ModDecl" && !first.isPub && first.attributes.length === 0) {
        const p = first.path.segments.map((x) => x.text).join(".");
        if (p && !p.includes("..")) path = p;
      }
      const id = s.moduleFor(path);
      const scope = s.scopes[id]!;
      unitModule[index] = id;
      if (scope.unit !== undefined) {
        s.report("E1006", { file: u.file, start: 0, end: 0 }, `module \`${path}\` is defined by two files`, {
          notes: [`the other file is ${s.units[scope.unit]!.file}`],
        });
        return;
      }
      scope.unit = index;
      scope.file = u.file;
      s.modules[id]!.file = u.file;
      if (index === entryIndex) {
        s.modules[id]!.isEntry = true;
        this.entryModule = id;
      }
    });
    s.units.forEach((u, index) => {
      const id = unitModule[index];
      if (id === undefined || s.scopes[id]!.unit !== index) return; // a second file for one module (E1006 below)
      this.checkFileScoped(u.tree, u.file);
      this.declareItems(u.tree.items, id, u.file, true);
    });
  }

  private checkFileScoped(tree: A.SourceFile, file: string): void {
    const s = this.s;
    const isFileScoped = (it: A.Item) => it.kind === "ModDecl" && !it.isPub && it.attributes.length === 0;
    const first = tree.items[0];
    const scoped = first !== undefined && isFileScoped(first);
    tree.items.forEach((it, i) => {
      if (i === 0) return;
      if (isFileScoped(it)) {
        if (scoped)
          s.report("E1506", s.span(file, it), "this file already declares its module on its first line");
        else
          s.report(
            "E1505",
            s.span(file, it),
            "`mod …;` without `pub` declares the file's own module and must be its first item",
            {
              help: "move it to the top of the file, or write `pub mod …;` to declare a child module",
            },
          );
      } else if (scoped && it.kind === "InlineModule")
        s.report(
          "E1507",
          s.span(file, it),
          `inline module \`${it.name.text}\` in a file with a file-scoped \`mod\` declaration`,
        );
    });
  }

  private bind(module: ModuleId, name: A.Ident, entry: Entry, typeLike: boolean): void {
    const s = this.s;
    if (name.text === "") return;
    const scope = s.scopes[module]!;
    const prev = scope.items.get(name.text);
    if (prev && !(prev.sym.kind === "module" && prev.span.file === "")) {
      const prevTypeLike =
        prev.sym.kind === "record" || prev.sym.kind === "enum" || prev.sym.kind === "contract";
      const code = typeLike && prevTypeLike ? "E1001" : "E1006";
      s.report(
        code,
        entry.span,
        `\`${name.text}\` is already declared in module \`${scope.path || "(root)"}\``,
        {
          notes: prev.span.file ? [`first declared at ${prev.span.file}:${this.lineOf(prev.span)}`] : [],
          help: "rename one of them",
        },
      );
      return;
    }
    scope.items.set(name.text, entry);
  }

  lineOf(span: Span): number {
    return this.s.lineIndexes.get(span.file)?.position(span.start).line ?? 0;
  }

  private declareItems(items: readonly A.Item[], module: ModuleId, file: string, topLevel: boolean): void {
    const s = this.s;
    const scope = s.scopes[module]!;
    if (scope.file === undefined) scope.file = file;
    items.forEach((item, index) => {
      const span = s.span(file, "name" in item ? item.name : item);
      switch (item.kind) {
        case "Function": {
          const id = this.newFunction(
            "function",
            item.name.text,
            module,
            item.isPub,
            s.span(file, item),
            s.span(file, item.name),
          );
          this.funcItems.push({ id, ast: item, module, file });
          this.bind(
            module,
            item.name,
            { sym: { kind: "function", id }, isPub: item.isPub, module, span },
            false,
          );
          this.noteAttributes(item.attributes, "FunctionDeclaration", file);
          break;
        }
        case "Type": {
          this.checkPrimName(item.name, file);
          const id = s.records.length;
          s.records.push({
            id,
            name: item.name.text,
            qualifiedName: qual(scope.path, item.name.text),
            module,
            isPub: item.isPub,
            typeParams: [],
            selfType: T.error,
            fields: [],
            members: new Map(),
            span: s.span(file, item),
          });
          this.typeItems.push({ id, ast: item, module, file });
          this.bind(
            module,
            item.name,
            { sym: { kind: "record", id }, isPub: item.isPub, module, span },
            true,
          );
          this.noteAttributes(item.attributes, "TypeDeclaration", file);
          break;
        }
        case "Enum": {
          this.checkPrimName(item.name, file);
          const id = s.enums.length;
          s.enums.push({
            id,
            name: item.name.text,
            qualifiedName: qual(scope.path, item.name.text),
            module,
            isPub: item.isPub,
            typeParams: [],
            selfType: T.error,
            variants: [],
            members: new Map(),
            shape: undefined,
            span: s.span(file, item),
          });
          this.enumItems.push({ id, ast: item, module, file });
          this.bind(module, item.name, { sym: { kind: "enum", id }, isPub: item.isPub, module, span }, true);
          this.noteAttributes(item.attributes, "EnumDeclaration", file);
          break;
        }
        case "Contract": {
          this.checkPrimName(item.name, file);
          const id = s.contracts.length;
          s.contracts.push({
            id,
            name: item.name.text,
            qualifiedName: qual(scope.path, item.name.text),
            module,
            isPub: item.isPub,
            typeParams: [],
            selfType: T.error,
            methods: [],
            embeds: [],
            thisParam: -1,
            extern: undefined,
            span: s.span(file, item),
          });
          this.contractItems.push({ id, ast: item, module, file });
          this.bind(
            module,
            item.name,
            { sym: { kind: "contract", id }, isPub: item.isPub, module, span },
            true,
          );
          this.noteAttributes(item.attributes, "ContractDeclaration", file);
          break;
        }
        case "Const": {
          const id = s.consts.length;
          const v = item.value.literal.value;
          s.consts.push({
            id,
            name: item.name.text,
            module,
            value: item.value.negative ? -v : v,
            span: s.span(file, item),
          });
          this.bind(
            module,
            item.name,
            { sym: { kind: "const", id }, isPub: item.isPub, module, span },
            false,
          );
          break;
        }
        case "Test": {
          const id = s.tests.length;
          const fid = this.newFunction(
            "test",
            item.name.text,
            module,
            false,
            s.span(file, item),
            s.span(file, item.name),
          );
          s.tests.push({
            id,
            name: item.name.text,
            qualifiedName: item.name.text,
            module,
            file,
            tags: [],
            group: undefined,
            skip: undefined,
            func: fid,
            span: s.span(file, item),
          });
          this.testItems.push({ id, ast: item, module, file });
          this.bind(module, item.name, { sym: { kind: "test", id }, isPub: item.isPub, module, span }, false);
          break;
        }
        case "AttributeDecl": {
          this.checkPrimName(item.name, file);
          this.attrDecls.set(item.name.text, item);
          this.bind(
            module,
            item.name,
            { sym: { kind: "attribute", name: item.name.text }, isPub: item.isPub, module, span },
            false,
          );
          this.checkAttributeDecl(item, file);
          break;
        }
        case "InlineModule": {
          if (item.name.text === "") break;
          const path = qual(scope.path, item.name.text);
          const existing = s.byPath.get(path);
          const prev = scope.items.get(item.name.text);
          if (
            existing !== undefined &&
            (s.scopes[existing]!.unit !== undefined || (prev && prev.span.file !== ""))
          ) {
            s.report("E1006", span, `module \`${path}\` is declared twice`, {
              help: "merge the two modules or rename one",
            });
            break;
          }
          if (prev && prev.sym.kind !== "module") {
            this.bind(
              module,
              item.name,
              { sym: { kind: "module", id: -1 }, isPub: item.isPub, module, span },
              false,
            );
            break;
          }
          const id = s.moduleFor(path);
          const child = s.scopes[id]!;
          child.isPub = item.isPub;
          child.file = file;
          scope.items.set(item.name.text, { sym: { kind: "module", id }, isPub: item.isPub, module, span });
          this.noteAttributes(item.attributes, "ModuleDeclaration", file);
          this.declareItems(item.items, id, file, false);
          break;
        }
        case "ModDecl":
          if (topLevel && !item.isPub && item.attributes.length === 0) break; // file-scoped (checkFileScoped)
          this.modDecls.push({ ast: item, module, file });
          this.noteAttributes(item.attributes, "ModuleDeclaration", file);
          break;
        case "Use":
          this.uses.push({ decl: item, module, file, state: "pending" });
          break;
        case "Impl":
          this.implItems.push({ ast: item, module, file });
          break;
        case "Macro":
          break;
        case "Host":
          s.report(
            "E1230",
            s.span(file, item),
            "`host` items (dependency-injection hosts) are not supported by beskid-ci",
          );
          break;
        default:
          assertNever(item);
      }
    });
  }

  private checkPrimName(name: A.Ident, file: string): void {
    if (PRIM_NAMES.has(name.text))
      this.s.report(
        "E1008",
        this.s.span(file, name),
        `\`${name.text}\` is a primitive type name and cannot be declared again`,
        {
          help: "choose another name",
        },
      );
  }

  private newFunction(
    kind: FunctionInfo["kind"],
    name: string,
    module: ModuleId,
    isPub: boolean,
    span: Span,
    nameSpan: Span,
  ): FuncId {
    const s = this.s;
    const id = s.functions.length;
    const path = s.scopes[module]!.path;
    s.functions.push({
      id,
      kind,
      name,
      qualifiedName: kind === "test" ? `${qual(path, name)}` : qual(path, name),
      module,
      isPub,
      typeParams: [],
      params: [],
      paramTypes: [],
      ret: T.unit,
      receiver: undefined,
      body: undefined,
      locals: [],
      captures: [],
      parent: undefined,
      isEntry: kind === "test",
      file: span.file,
      span,
      nameSpan,
    });
    return id;
  }

  // ---------------------------------------------------------------------------------------
  // Pass 2: `use` declarations.

  /** E1105 help: the nearest module or `module.item` path of the program, when one is close. */
  private importHelp(path: string): string {
    const s = this.s;
    const cands: string[] = [];
    for (const m of s.scopes) {
      if (m.path === "") continue;
      cands.push(m.path);
      for (const name of m.items.keys()) cands.push(`${m.path}.${name}`);
    }
    const bare = path.startsWith("Std.") ? path.slice(4) : path;
    const best = closest(bare, cands);
    return best !== undefined
      ? `did you mean \`${best}\`?`
      : "check the spelling and that the module's file is under a source root";
  }

  resolveUses(): void {
    const s = this.s;
    let progress = true;
    while (progress) {
      progress = false;
      for (const u of this.uses) {
        if (u.state !== "pending") continue;
        const r = this.tryResolveUse(u);
        if (r === "defer") continue;
        u.state = "done";
        progress = true;
      }
    }
    for (const u of this.uses) {
      if (u.state !== "pending") continue;
      u.state = "done";
      const path = u.decl.path.segments.map((x) => x.text).join(".");
      s.markBrokenImport(u.module, useName(u.decl));
      s.report("E1105", s.span(u.file, u.decl.path), `no module or item \`${path}\` in this program`, {
        help: this.importHelp(path),
      });
    }
    // E1502: child module declarations that name no module file.
    const unitPaths = new Set(s.scopes.filter((x) => x.unit !== undefined).map((x) => x.path));
    for (const d of this.modDecls) {
      const path = d.ast.path.segments.map((x) => x.text).join(".");
      const alt = path.startsWith("Std.") ? path.slice(4) : path;
      if (!unitPaths.has(path) && !unitPaths.has(alt))
        s.report("E1502", s.span(d.file, d.ast.path), `no file defines module \`${path}\``, {
          help: `create ${path.replace(/\./g, "/")}.bd under a source root`,
        });
    }
  }

  private tryResolveUse(u: PendingUse): "ok" | "defer" | "error" {
    const s = this.s;
    const segs = u.decl.path.segments.map((x) => x.text);
    if (segs.some((x) => x === "")) return "error";
    let isPrivate = false;
    const attempt = (parts: string[]): Sym | "defer" | undefined => {
      const asModule = s.byPath.get(parts.join("."));
      if (asModule !== undefined) return { kind: "module", id: asModule };
      if (parts.length < 2) return undefined;
      const owner = s.byPath.get(parts.slice(0, -1).join("."));
      if (owner === undefined) return undefined;
      const last = parts[parts.length - 1]!;
      const entry = s.scopes[owner]!.items.get(last);
      if (!entry) {
        if (
          this.uses.some(
            (o) => o.state === "pending" && o.module === owner && o !== u && useName(o.decl) === last,
          )
        )
          return "defer";
        return undefined;
      }
      isPrivate = !entry.isPub && !s.canSeePrivate(u.module, entry.module);
      return entry.sym;
    };
    let r = attempt(segs);
    if (r === undefined && segs[0] === "Std" && segs.length > 1) r = attempt(segs.slice(1));
    if (r === "defer") return "defer";
    const span = s.span(u.file, u.decl.path);
    // A private target is E1501; it is still bound (as used), so its uses add no E1101/E1606.
    if (isPrivate)
      s.report("E1501", span, `\`${segs.join(".")}\` is private to its module`, {
        help: "mark it `pub` or import something public",
      });
    if (r === undefined) {
      s.markBrokenImport(u.module, useName(u.decl));
      s.report("E1105", span, `no module or item \`${segs.join(".")}\` in this program`, {
        help: this.importHelp(segs.join(".")),
      });
      return "error";
    }
    const name = useName(u.decl);
    const scope = s.scopes[u.module]!;
    const prev = scope.items.get(name);
    const nameNode = u.decl.alias ?? u.decl.path.segments[u.decl.path.segments.length - 1]!;
    const entry: Entry = {
      sym: r,
      isPub: u.decl.isPub,
      module: u.module,
      span: s.span(u.file, nameNode),
      use: { used: isPrivate, decl: u.decl },
    };
    if (prev) {
      if (prev.use) {
        if (!sameSym(prev.sym, r))
          s.report("E1104", s.span(u.file, u.decl), `\`${name}\` is already imported from a different path`, {
            help: "use `use … as OtherName;` for one of them",
          });
        else prev.use.used = true; // a harmless repeat: do not warn twice
        return "ok";
      }
      if (prev.sym.kind === "module" && prev.span.file === "") {
        // A path-prefix child module of the same name: the explicit import wins.
        scope.items.set(name, entry);
        return "ok";
      }
      if (sameSym(prev.sym, r)) return "ok";
      s.report(
        "E1006",
        s.span(u.file, u.decl),
        `the import binds \`${name}\`, which this module already declares`,
        {
          help: "import it under another name with `as`",
        },
      );
      return "ok";
    }
    scope.items.set(name, entry);
    return "ok";
  }

  /** W1503 for imports never read. */
  reportUnusedImports(): void {
    const s = this.s;
    // forEach, not `for … of` entries: no entry pair per item (every item of every module is visited).
    for (const sc of s.scopes)
      sc.items.forEach((e, name) => {
        if (!e.use || e.use.used || e.isPub) return;
        s.report("W1503", e.span, `\`${name}\` is imported but never used`, {
          help: "remove the `use` declaration",
        });
      });
  }

  // ---------------------------------------------------------------------------------------
  // Name lookup at module level (steps 3–7 of §5.2).

  /** Look a simple name up from module `from`: its items, its ancestors' (root = top-level modules), `Std`, prelude. */
  lookupModuleLevel(name: string, from: ModuleId, wantType: boolean): Entry | undefined {
    const s = this.s;
    for (let m: ModuleId | undefined = from; m !== undefined; m = s.modules[m]!.parent) {
      const e = s.scopes[m]!.items.get(name);
      if (!e) continue;
      if (wantType && e.sym.kind === "module" && this.homonym(e.sym.id) === undefined) continue;
      if (e.sym.kind === "module" && e.sym.id < 0) continue;
      if (e.use) e.use.used = true;
      this.markUsed(e.sym);
      return e;
    }
    if (name === "Std")
      return { sym: { kind: "module", id: 0 }, isPub: true, module: 0, span: { file: "", start: 0, end: 0 } };
    const prelude = this.prelude(name);
    if (prelude) return prelude;
    return undefined;
  }

  private preludeCache = new Map<string, Entry | undefined>();
  /**
   * When `id` is the prelude's generic `Result`/`Option` but the program declares its own
   * non-generic enum of that name elsewhere (older programs do), the help for E1203 that
   * names the import which was probably meant; D5's prelude only applies where no item,
   * import or ancestor item of that name is visible.
   */
  private ownPreludeHomonym(id: number): string | undefined {
    const s = this.s;
    const en = s.enums[id]!;
    const pre = this.prelude(en.name)?.sym;
    if (!pre || pre.kind !== "enum" || pre.id !== id) return undefined;
    const own = s.enums.find((e) => e.id !== id && e.name === en.name && e.typeParams.length === 0);
    if (!own) return undefined;
    const path = s.scopes[own.module]!.path;
    return `this \`${en.name}\` is the prelude's generic one; for the \`${en.name}\` declared in \`${path}\`, add \`use ${path}.${en.name};\` or qualify it (\`${s.lastName(path)}.${en.name}\`)`;
  }

  prelude(name: string): Entry | undefined {
    if (name !== "Result" && name !== "Option") return undefined;
    if (this.preludeCache.has(name)) return this.preludeCache.get(name);
    const path = name === "Result" ? "Core.Results" : "Core.Optional.Option";
    const m = this.s.byPath.get(path);
    let e: Entry | undefined;
    if (m !== undefined) {
      const item = this.s.scopes[m]!.items.get(name);
      if (item && item.sym.kind === "enum") e = { sym: item.sym, isPub: true, module: m, span: item.span };
    }
    this.preludeCache.set(name, e);
    return e;
  }

  /** D4: the type, enum or contract a module declares under its own last name. */
  homonym(module: ModuleId): Sym | undefined {
    const s = this.s;
    if (module < 0) return undefined;
    const sc = s.scopes[module]!;
    const e = sc.items.get(s.lastName(sc.path));
    if (e && (e.sym.kind === "record" || e.sym.kind === "enum" || e.sym.kind === "contract")) return e.sym;
    return undefined;
  }

  /** Item `name` of module `module` as seen from `from` (privacy checked by the caller via the result). */
  memberOfModule(module: ModuleId, name: string): Entry | undefined {
    const e = this.s.scopes[module]?.items.get(name);
    if (e?.use) e.use.used = true;
    if (e) this.markUsed(e.sym);
    return e;
  }

  /** Items referenced anywhere (W1504): ids per symbol kind (every module-level lookup marks one, so no key strings). */
  private readonly used = new Map<Sym["kind"], Set<number>>();

  markUsed(sym: Sym): void {
    if (sym.kind === "attribute") return;
    let ids = this.used.get(sym.kind);
    if (ids === undefined) this.used.set(sym.kind, (ids = new Set()));
    ids.add(sym.id);
  }

  /** W1504 (optional in §9): private functions, consts and types nothing refers to. */
  reportUnusedPrivate(entry: FuncId | undefined): void {
    const s = this.s;
    for (const sc of s.scopes)
      for (const [name, e] of sc.items) {
        if (e.use || e.isPub || name.startsWith("_")) continue;
        const k = e.sym.kind;
        if (k !== "function" && k !== "const" && k !== "record" && k !== "enum" && k !== "contract") continue;
        if (k === "function" && e.sym.id === entry) continue;
        if (this.used.get(k)?.has(e.sym.id)) continue;
        s.report("W1504", e.span, `private ${symKindName(e.sym)} \`${name}\` is never used`, {
          help: "remove it, or mark it `pub` if other modules need it",
        });
      }
  }

  isVisible(e: Entry, from: ModuleId): boolean {
    if (e.isPub) return true;
    if (e.sym.kind === "module" && e.sym.id >= 0 && this.s.scopes[e.sym.id]!.unit !== undefined) return true;
    return this.s.canSeePrivate(from, e.module);
  }

  // ---------------------------------------------------------------------------------------
  // Types.

  /** Resolve a syntactic type. `code` is the unknown-name code (E1005 in definitions, E1201 in bodies). */
  resolveType(t: A.Type, sc: TypeScope, code: "E1005" | "E1201" = "E1201"): TypeId {
    const s = this.s;
    switch (t.kind) {
      case "PrimitiveType":
        return t.name === "word" ? T.u64 : T[t.name];
      case "ArrayType":
        return s.types.array(this.resolveType(t.element, sc, code));
      case "FunctionType":
        return s.types.fn(
          t.params.map((p) => this.resolveType(p, sc, code)),
          this.resolveType(t.returnType, sc, code),
        );
      case "ThisType":
        if (sc.thisType !== undefined) return sc.thisType;
        s.report(
          "E1233",
          s.span(sc.file, t),
          "`This` is only meaningful inside a type body, `impl`, `extend` or contract",
          {
            help: "write the type's name",
          },
        );
        return T.error;
      case "RefType":
        s.report("E1229", s.span(sc.file, t), "`ref T` types are not supported", {
          help: "pass the value itself; records and arrays are references already",
        });
        this.resolveType(t.inner, sc, code);
        return T.error;
      case "ErrorType":
        return T.error;
      case "NamedType":
        return this.resolveNamedType(t, sc, code);
      default:
        return assertNever(t);
    }
  }

  resolveNamedType(t: A.NamedType, sc: TypeScope, code: "E1005" | "E1201"): TypeId {
    const s = this.s;
    if (t.assoc) {
      s.report("E1230", s.span(sc.file, t), "associated types (`T::Item`) are not supported by beskid-ci");
      return T.error;
    }
    const segs = t.segments;
    const first = segs[0];
    if (!first || first.name.text === "") return T.error;
    if (segs.length === 1 && !first.typeArgs) {
      const p = sc.params.get(first.name.text);
      if (p !== undefined) return s.types.param(p);
    }
    const sym = this.resolveTypeSym(segs, sc, code, t);
    if (!sym) return T.error;
    const last = segs[segs.length - 1]!;
    const args = (last.typeArgs ?? []).map((a) => this.resolveType(a, sc, code));
    return this.instantiateDecl(
      sym,
      args,
      last.typeArgs !== undefined,
      s.span(sc.file, t),
      s.span(sc.file, last),
    );
  }

  /** The declaration a type path names, or undefined after reporting. */
  resolveTypeSym(
    segs: readonly A.PathSegment[],
    sc: { module: ModuleId; file: string; implicit?: TypeScope["implicit"] },
    code: "E1005" | "E1201",
    whole: A.NodeSpan,
  ): Sym | undefined {
    const s = this.s;
    const first = segs[0]!;
    let e = this.lookupModuleLevel(first.name.text, sc.module, segs.length === 1);
    if (!e) {
      if (segs.length === 1 && first.name.text === "BeskidStr")
        return { kind: "attribute", name: "BeskidStr" };
      if (segs.length === 1 && !first.typeArgs && sc.implicit) {
        const p = sc.implicit(first.name.text, s.span(sc.file, first));
        if (p !== undefined) return { kind: "attribute", name: `#param${p}` };
      }
      // A failed `use` of this name is already E1105.
      if (s.isBrokenImport(first.name.text, sc.module)) return undefined;
      s.report(code, s.span(sc.file, first.name), `no type \`${first.name.text}\` is visible here`, {
        help: this.suggestType(first.name.text, sc.module),
      });
      return undefined;
    }
    let sym = e.sym;
    for (let i = 1; i < segs.length; i++) {
      const seg = segs[i]!;
      if (segs[i - 1]!.typeArgs)
        s.report(
          "E1204",
          s.span(sc.file, segs[i - 1]!),
          "type arguments are only allowed on the last segment of a type path",
        );
      if (sym.kind !== "module") {
        s.report(
          "E1153",
          s.span(sc.file, whole),
          `\`${segs[i - 1]!.name.text}\` is not a module, so \`.${seg.name.text}\` cannot follow it`,
        );
        return undefined;
      }
      const next = this.memberOfModule(sym.id, seg.name.text);
      if (!next) {
        s.report(
          "E1108",
          s.span(sc.file, seg.name),
          `module \`${s.scopes[sym.id]!.path}\` has no item \`${seg.name.text}\``,
        );
        return undefined;
      }
      if (!this.isVisible(next, sc.module)) {
        s.report(
          "E1107",
          s.span(sc.file, seg.name),
          `\`${seg.name.text}\` is private to module \`${s.scopes[next.module]!.path}\``,
          {
            help: "mark it `pub`",
          },
        );
      }
      e = next;
      sym = next.sym;
    }
    if (sym.kind === "module") {
      const h = this.homonym(sym.id);
      if (h) this.markUsed(h);
      if (!h) {
        s.report(
          code,
          s.span(sc.file, whole),
          `module \`${s.scopes[sym.id]!.path}\` is not a type and declares no type named \`${s.lastName(s.scopes[sym.id]!.path)}\``,
        );
        return undefined;
      }
      return h;
    }
    if (sym.kind !== "record" && sym.kind !== "enum" && sym.kind !== "contract") {
      s.report(
        code,
        s.span(sc.file, whole),
        `\`${segs.map((x) => x.name.text).join(".")}\` is a ${symKindName(sym)}, not a type`,
      );
      return undefined;
    }
    return sym;
  }

  /** A declaration with type arguments (E1203 / E1204 on count). Handles the pseudo-syms of resolveTypeSym. */
  instantiateDecl(sym: Sym, args: TypeId[], written: boolean, span: Span, argSpan: Span): TypeId {
    const s = this.s;
    if (sym.kind === "attribute") {
      if (sym.name === "BeskidStr") return T.string;
      if (sym.name.startsWith("#param")) return s.types.param(Number(sym.name.slice(6)));
      return T.error;
    }
    const decl =
      sym.kind === "record"
        ? s.records[sym.id]
        : sym.kind === "enum"
          ? s.enums[sym.id]
          : sym.kind === "contract"
            ? s.contracts[sym.id]
            : undefined;
    if (!decl) return T.error;
    const n = decl.typeParams.length;
    if (args.length !== n) {
      if (!written && n > 0) {
        s.report("E1203", span, `\`${decl.name}\` needs ${n} type argument${n === 1 ? "" : "s"}`, {
          help:
            (sym.kind === "enum" && this.ownPreludeHomonym(sym.id)) ||
            `write \`${decl.name}<${decl.typeParams.map((p) => s.typeParams[p]!.name).join(", ")}>\` with concrete types`,
        });
      } else {
        s.report(
          "E1204",
          argSpan,
          `\`${decl.name}\` takes ${n} type argument${n === 1 ? "" : "s"}, found ${args.length}`,
        );
      }
      return T.error;
    }
    if (sym.kind === "record") return s.types.record(sym.id, args);
    if (sym.kind === "enum") return s.types.enumT(sym.id, args);
    return s.types.contract(sym.id, args);
  }

  /**
   * Answers "does a module with this path exist under the effective roots?" for modules the
   * program did not load (set by the pipeline; without it only loaded modules are suggested).
   */
  moduleExists: ((path: string) => boolean) | undefined;

  /**
   * A module whose last segment is `name` (for "import it with `use`"), the shortest path
   * first: one the program loaded, else one that exists on disk below a module the program
   * knows or below a top-level area of the corelib (LANGUAGE.md §8), so a forgotten
   * `use Core.Output;` is named even though assembly never read that file.
   */
  moduleNamed(name: string): string | undefined {
    let best: string | undefined;
    for (const sc of this.s.scopes)
      if (
        sc.unit !== undefined &&
        this.s.lastName(sc.path) === name &&
        (best === undefined || sc.path.length < best.length)
      )
        best = sc.path;
    if (best !== undefined || !this.moduleExists || !/^[A-Z]\w*$/.test(name)) return best;
    const prefixes = new Set(["", ...CORELIB_AREAS]);
    for (const sc of this.s.scopes) if (sc.path !== "") prefixes.add(sc.path);
    const candidates = [...prefixes]
      .map((p) => (p === "" ? name : `${p}.${name}`))
      .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    return candidates.find((c) => this.moduleExists!(c));
  }

  suggestType(name: string, module: ModuleId): string | undefined {
    const m = this.moduleNamed(name);
    if (m) return `import it: \`use ${m};\``;
    const foreign = FOREIGN_TYPES.get(name);
    if (foreign) return `Beskid spells this type \`${foreign}\``;
    const word = FOREIGN_TYPE_WORDS.get(name);
    if (word) return word;
    const candidates: string[] = [];
    for (let m: ModuleId | undefined = module; m !== undefined; m = this.s.modules[m]!.parent)
      for (const [n, e] of this.s.scopes[m]!.items)
        if (
          e.sym.kind === "record" ||
          e.sym.kind === "enum" ||
          e.sym.kind === "contract" ||
          e.sym.kind === "module"
        )
          candidates.push(n);
    for (const p of PRIM_NAMES) candidates.push(p);
    const best = closest(name, candidates);
    if (best) return `did you mean \`${best}\`?`;
    // `retrun x;` parses as a declaration of `x` with type `retrun` (rule 4).
    const keyword = closest(name, ["return", "break", "continue"]);
    if (keyword) return `did you mean the keyword \`${keyword}\`?`;
    return "declare it, or import its module with `use`";
  }

  private newTypeParams(
    names: readonly A.Ident[],
    file: string,
    owner: Map<string, TypeParamId>,
  ): TypeParamId[] {
    const s = this.s;
    const out: TypeParamId[] = [];
    for (const n of names) {
      this.checkPrimName(n, file);
      const id = s.typeParams.length;
      s.typeParams.push({ id, name: n.text, bounds: [], implicit: false, span: s.span(file, n) });
      if (owner.has(n.text))
        s.report("E1006", s.span(file, n), `type parameter \`${n.text}\` is declared twice`);
      owner.set(n.text, id);
      out.push(id);
    }
    return out;
  }

  private applyWhere(where: readonly A.WhereBound[], sc: TypeScope): void {
    const s = this.s;
    for (const w of where) {
      const p = sc.params.get(w.param.text);
      if (p === undefined) {
        s.report(
          "E1201",
          s.span(sc.file, w.param),
          `\`${w.param.text}\` is not a type parameter of this declaration`,
        );
        continue;
      }
      const bound = this.resolveType(w.bound, sc, "E1005");
      if (bound === T.error) continue;
      if (s.types.get(bound).kind !== "contract") {
        s.report(
          "E1607",
          s.span(sc.file, w.bound),
          `\`${s.typeName(bound)}\` is not a contract, so it cannot bound \`${w.param.text}\``,
        );
        continue;
      }
      (s.typeParams[p]!.bounds as TypeId[]).push(bound);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Pass 3: signatures.

  declareSignatures(): void {
    const s = this.s;
    // Type parameters and self types first, so signatures can mention any declaration.
    for (const it of this.typeItems) {
      const r = s.records[it.id]!;
      const params = new Map<string, TypeParamId>();
      r.typeParams = this.newTypeParams(it.ast.typeParams, it.file, params);
      r.selfType = s.types.record(
        it.id,
        r.typeParams.map((p) => s.types.param(p)),
      );
    }
    for (const it of this.enumItems) {
      const e = s.enums[it.id]!;
      e.typeParams = this.newTypeParams(it.ast.typeParams, it.file, new Map());
      e.selfType = s.types.enumT(
        it.id,
        e.typeParams.map((p) => s.types.param(p)),
      );
    }
    for (const it of this.contractItems) {
      const c = s.contracts[it.id]!;
      c.typeParams = this.newTypeParams(it.ast.typeParams, it.file, new Map());
      c.selfType = s.types.contract(
        it.id,
        c.typeParams.map((p) => s.types.param(p)),
      );
      const tp = s.typeParams.length;
      s.typeParams.push({
        id: tp,
        name: "This",
        bounds: [c.selfType],
        implicit: true,
        span: s.span(it.file, it.ast.name),
      });
      c.thisParam = tp;
    }
    for (const it of this.enumItems) this.declareEnum(it);
    for (const it of this.contractItems) this.declareContractOwn(it);
    for (const it of this.contractItems) this.mergeEmbeds(it.id, new Set());
    for (const it of this.typeItems) this.declareRecord(it);
    for (const it of this.implItems) this.declareImpl(it);
    for (const it of this.funcItems) this.declareFunction(it);
    for (const it of this.testItems) this.declareTest(it);
    this.checkAttributes();
  }

  private paramsMap(ids: readonly TypeParamId[]): Map<string, TypeParamId> {
    const m = new Map<string, TypeParamId>();
    for (const id of ids) m.set(this.s.typeParams[id]!.name, id);
    return m;
  }

  private declareEnum(it: { id: number; ast: A.EnumItem; module: ModuleId; file: string }): void {
    const s = this.s;
    const e = s.enums[it.id]!;
    const sc: TypeScope = {
      module: it.module,
      file: it.file,
      params: this.paramsMap(e.typeParams),
      thisType: e.selfType,
    };
    const seen = new Map<string, A.Variant>();
    const variants: VariantInfo[] = [];
    for (const v of it.ast.variants) {
      if (seen.has(v.name.text)) {
        s.report("E1002", s.span(it.file, v.name), `\`${e.name}\` already has a variant \`${v.name.text}\``);
        continue;
      }
      seen.set(v.name.text, v);
      const names = new Set<string>();
      const fields = v.fields.map((f) => {
        const name = f.name?.text ?? `_${f.index}`;
        if (f.name && names.has(name))
          s.report(
            "E1007",
            s.span(it.file, f.name),
            `payload field \`${name}\` is declared twice in \`${e.name}::${v.name.text}\``,
          );
        names.add(name);
        return { name, type: this.resolveType(f.type, sc, "E1005") };
      });
      variants.push({ name: v.name.text, tag: variants.length, fields, span: s.span(it.file, v) });
    }
    e.variants = variants;
    const byName = (n: string) => variants.find((v) => v.name === n);
    if (
      e.name === "Result" &&
      variants.length === 2 &&
      byName("Ok")?.fields.length === 1 &&
      byName("Error")?.fields.length === 1
    )
      e.shape = "result";
    if (
      e.name === "Option" &&
      variants.length === 2 &&
      byName("Some")?.fields.length === 1 &&
      byName("None")?.fields.length === 0
    )
      e.shape = "option";
  }

  private declareContractOwn(it: { id: number; ast: A.ContractItem; module: ModuleId; file: string }): void {
    const s = this.s;
    const c = s.contracts[it.id]!;
    const sc: TypeScope = {
      module: it.module,
      file: it.file,
      params: this.paramsMap(c.typeParams),
      thisType: s.types.param(c.thisParam),
    };
    const ext = it.ast.attributes.find((a) => a.name.text === "Extern");
    if (ext) c.extern = this.readExtern(ext, it.file);
    const methods: ContractMethod[] = [];
    const thisT = s.types.param(c.thisParam);
    for (const m of it.ast.members) {
      if (m.kind === "AssocType") {
        s.report("E1230", s.span(it.file, m), "associated types are not supported by beskid-ci");
        continue;
      }
      if (m.kind === "ContractEmbed") continue;
      if (methods.some((x) => x.name === m.name.text)) {
        s.report(
          "E1003",
          s.span(it.file, m.name),
          `contract \`${c.name}\` already declares \`${m.name.text}\``,
        );
        continue;
      }
      this.checkParamModes(m.params, it.file);
      const params = m.params.map((p) => this.resolveType(p.type, sc, "E1005"));
      const ret = this.resolveType(m.returnType, sc, "E1005");
      const mentionsThis = [...params, ret].some((t) => this.mentions(t, thisT));
      methods.push({ name: m.name.text, index: methods.length, params, ret, mentionsThis, from: it.id });
      if (c.extern) {
        const bad = (t: TypeId, isRet: boolean) => {
          const info = s.types.get(t);
          if (info.kind === "error") return false;
          if (info.kind !== "prim") return true;
          if (info.prim === "unit") return !isRet;
          return info.prim === "string" || info.prim === "char" || info.prim === "never";
        };
        m.params.forEach((p, i) => {
          if (bad(params[i]!, false))
            s.report(
              "E1513",
              s.span(it.file, p.type),
              `\`${s.typeName(params[i]!)}\` cannot cross the C boundary`,
              {
                help: "use integer types, f32, f64, bool or pointer",
              },
            );
        });
        if (bad(ret, true))
          s.report(
            "E1513",
            s.span(it.file, m.returnType),
            `\`${s.typeName(ret)}\` cannot be returned from C`,
            {
              help: "use an integer type, f32, f64, bool, pointer or unit",
            },
          );
      }
    }
    c.methods = methods;
  }

  private mentions(t: TypeId, needle: TypeId): boolean {
    if (t === needle) return true;
    const info = this.s.types.get(t);
    switch (info.kind) {
      case "array":
        return this.mentions(info.elem, needle);
      case "fn":
        return info.params.some((p) => this.mentions(p, needle)) || this.mentions(info.ret, needle);
      case "record":
      case "enum":
      case "contract":
        return info.args.some((a) => this.mentions(a, needle));
      default:
        return false;
    }
  }

  private readonly merged = new Set<number>();
  private mergeEmbeds(id: number, visiting: Set<number>): void {
    const s = this.s;
    if (this.merged.has(id) || visiting.has(id)) return;
    visiting.add(id);
    const it = this.contractItems.find((x) => x.id === id)!;
    const c = s.contracts[id]!;
    const sc: TypeScope = {
      module: it.module,
      file: it.file,
      params: this.paramsMap(c.typeParams),
      thisType: s.types.param(c.thisParam),
    };
    const methods = [...c.methods];
    const embeds: TypeId[] = [];
    for (const m of it.ast.members) {
      if (m.kind !== "ContractEmbed") continue;
      const t = this.resolveType(m.type, sc, "E1005");
      const info = s.types.get(t);
      if (info.kind === "error") continue;
      if (info.kind !== "contract") {
        s.report(
          "E1607",
          s.span(it.file, m),
          `\`${s.typeName(t)}\` is not a contract and cannot be embedded`,
        );
        continue;
      }
      if (visiting.has(info.decl)) {
        s.report("E1607", s.span(it.file, m), `embedding \`${s.typeName(t)}\` makes a cycle`);
        continue;
      }
      this.mergeEmbeds(info.decl, visiting);
      embeds.push(t);
      const inner = s.contracts[info.decl]!;
      const map = new Map<TypeParamId, TypeId>();
      inner.typeParams.forEach((p, i) => map.set(p, info.args[i] ?? T.error));
      map.set(inner.thisParam, s.types.param(c.thisParam));
      for (const im of inner.methods) {
        const params = im.params.map((p) => substitute(s.types, p, map));
        const ret = substitute(s.types, im.ret, map);
        const prev = methods.find((x) => x.name === im.name);
        if (prev) {
          if (
            prev.from !== id &&
            (prev.ret !== ret ||
              prev.params.length !== params.length ||
              prev.params.some((p, i) => p !== params[i]))
          )
            s.report(
              "E1004",
              s.span(it.file, m),
              `\`${im.name}\` comes from two embedded contracts with different signatures`,
            );
          continue;
        }
        methods.push({
          name: im.name,
          index: methods.length,
          params,
          ret,
          mentionsThis: im.mentionsThis,
          from: im.from,
        });
      }
    }
    c.methods = methods;
    c.embeds = embeds;
    visiting.delete(id);
    this.merged.add(id);
  }

  private readExtern(a: A.Attribute, file: string): { abi: string; library: string } {
    const s = this.s;
    let abi = "";
    let library = "";
    for (const arg of a.args ?? []) {
      const v = arg.value.kind === "StringLit" ? arg.value.value : undefined;
      if (arg.name.text === "Abi") abi = v ?? "";
      if (arg.name.text === "Library") library = v ?? "";
    }
    if (abi.toUpperCase() !== "C")
      s.report("E1511", s.span(file, a), `extern ABI ${abi ? `"${abi}"` : "is missing"}`, {
        help: 'write `Abi: "C"`',
      });
    if (library === "")
      s.report("E1512", s.span(file, a), "an extern contract needs the library to link", {
        help: 'write `Library: "libc.so.6"` (a non-empty string literal)',
      });
    return { abi: "C", library };
  }

  private checkParamModes(params: readonly A.Param[], file: string): void {
    for (const p of params)
      if (p.bulk || p.modifier === "ref" || p.modifier === "out")
        this.s.report(
          "E1229",
          this.s.span(file, p),
          `\`${p.bulk ? "bulk" : p.modifier}\` parameters are not supported`,
          {
            help: "pass the value and return results instead",
          },
        );
  }

  private declareRecord(it: { id: number; ast: A.TypeItem; module: ModuleId; file: string }): void {
    const s = this.s;
    const r = s.records[it.id]!;
    const sc: TypeScope = {
      module: it.module,
      file: it.file,
      params: this.paramsMap(r.typeParams),
      thisType: r.selfType,
    };
    const fields: FieldInfo[] = [];
    const names = new Set<string>();
    for (const f of it.ast.fields) {
      if (f.kind === "InjectField") {
        s.report("E1230", s.span(it.file, f), "`inject` fields are not supported by beskid-ci");
        continue;
      }
      if (names.has(f.name.text)) {
        s.report("E1007", s.span(it.file, f.name), `\`${r.name}\` already has a field \`${f.name.text}\``);
        continue;
      }
      names.add(f.name.text);
      this.noteAttributes(f.attributes, "FieldDeclaration", it.file);
      if (f.kind === "Field") {
        fields.push({
          kind: "value",
          name: f.name.text,
          type: this.resolveType(f.type, sc, "E1005"),
          index: fields.length,
          span: s.span(it.file, f),
        });
      } else {
        let capacity = 8;
        if (f.capacity) {
          const v = f.capacity.negative ? -f.capacity.literal.value : f.capacity.literal.value;
          if (v <= 0n)
            s.report("E1220", s.span(it.file, f.capacity), `event capacity ${v} is not positive`, {
              help: "write a capacity of at least 1, or omit it for 8",
            });
          else capacity = Number(v);
        }
        this.checkParamModes(f.params, it.file);
        fields.push({
          kind: "event",
          name: f.name.text,
          params: f.params.map((p) => this.resolveType(p.type, sc, "E1005")),
          capacity,
          index: fields.length,
          span: s.span(it.file, f),
        });
      }
    }
    r.fields = fields;
    for (const c of it.ast.conformances)
      this.conformanceJobs.push({
        type: r.selfType,
        typeParams: r.typeParams,
        target: c,
        scope: sc,
        declModule: it.module,
      });
    this.declareMembers(
      it.ast.members,
      r.selfType,
      r.typeParams,
      it.module,
      it.file,
      r.members as Map<string, FuncId>,
      fields,
      r.name,
    );
  }

  private declareMembers(
    members: readonly (A.MethodDecl | A.AssocTypeDecl)[],
    receiver: TypeId,
    ownerParams: readonly TypeParamId[],
    module: ModuleId,
    file: string,
    table: Map<string, FuncId>,
    fields: readonly FieldInfo[],
    ownerName: string,
  ): void {
    const s = this.s;
    for (const m of members) {
      if (m.kind === "AssocType") {
        s.report("E1230", s.span(file, m), "associated types are not supported by beskid-ci");
        continue;
      }
      if (m.name.text === "") continue;
      if (fields.some((f) => f.name === m.name.text)) {
        s.report(
          "E1007",
          s.span(file, m.name),
          `\`${ownerName}\` has a field named \`${m.name.text}\`; a member cannot share it`,
        );
        continue;
      }
      if (table.has(m.name.text)) {
        s.report("E1102", s.span(file, m.name), `\`${ownerName}\` already has a member \`${m.name.text}\``, {
          help: "there is no overloading; rename one",
        });
        continue;
      }
      this.noteAttributes(m.attributes, "MethodDeclaration", file);
      const id = this.newFunction(
        "member",
        m.name.text,
        module,
        m.isPub,
        s.span(file, m),
        s.span(file, m.name),
      );
      const f = s.functions[id]!;
      f.qualifiedName = qual(s.scopes[module]!.path, `${ownerName}.${m.name.text}`);
      table.set(m.name.text, id);
      const params = this.paramsMap(ownerParams);
      const implicitParams: TypeParamId[] = [];
      const sc: TypeScope = {
        module,
        file,
        params,
        thisType: receiver,
        implicit: (name, span) => {
          const tp = s.typeParams.length;
          s.typeParams.push({ id: tp, name, bounds: [], implicit: true, span });
          params.set(name, tp);
          implicitParams.push(tp);
          s.report(
            "W1204",
            span,
            `\`${name}\` is not a known type; it is taken as an implicit type parameter of \`${m.name.text}\``,
            {
              help: "declare the type, or import it with `use`",
            },
          );
          return tp;
        },
      };
      this.checkParamModes(m.params, file);
      const paramTypes = m.params.map((p) => this.resolveType(p.type, sc, "E1005"));
      const retScope: TypeScope = { module, file, params, thisType: receiver };
      f.ret = this.resolveType(m.returnType, retScope, "E1201"); // D23: "stays E1201"
      f.paramTypes = [receiver, ...paramTypes];
      f.typeParams = [...ownerParams, ...implicitParams];
      f.receiver = receiver;
      this.jobs.push({
        func: id,
        file,
        scope: { ...retScope },
        params: m.params,
        body: m.body,
        receiver,
        isTest: false,
      });
    }
  }

  private declareImpl(it: { ast: A.ImplItem; module: ModuleId; file: string }): void {
    const s = this.s;
    const params = new Map<string, TypeParamId>();
    const own = this.newTypeParams(it.ast.typeParams, it.file, params);
    const implicit: TypeParamId[] = [];
    const sc: TypeScope = {
      module: it.module,
      file: it.file,
      params,
      // Older `impl G<T>`: unknown names among G's type arguments are the impl's parameters
      // (never the target's own name).
      implicit:
        it.ast.typeParams.length === 0 &&
        it.ast.target.kind === "NamedType" &&
        it.ast.target.segments.some((x) => x.typeArgs)
          ? (name, span) => {
              const tp = s.typeParams.length;
              s.typeParams.push({ id: tp, name, bounds: [], implicit: true, span });
              params.set(name, tp);
              implicit.push(tp);
              return tp;
            }
          : undefined,
    };
    const target = this.resolveType(it.ast.target, sc, "E1005");
    const allParams = [...own, ...implicit];
    const fullScope: TypeScope = { module: it.module, file: it.file, params, thisType: target };
    this.applyWhere(it.ast.where, fullScope);
    const info = s.types.get(target);
    let table: Map<string, FuncId>;
    let fields: readonly FieldInfo[] = [];
    let ownerName = s.typeName(target);
    if (info.kind === "record") {
      table = s.records[info.decl]!.members as Map<string, FuncId>;
      fields = s.records[info.decl]!.fields;
      ownerName = s.records[info.decl]!.name;
    } else if (info.kind === "enum") {
      table = s.enums[info.decl]!.members as Map<string, FuncId>;
      ownerName = s.enums[info.decl]!.name;
    } else if (info.kind === "prim" || info.kind === "array") {
      table = s.primMembers.get(target) ?? new Map();
      s.primMembers.set(target, table);
    } else {
      if (info.kind !== "error")
        s.report(
          "E1607",
          s.span(it.file, it.ast.target),
          `\`impl\` cannot target \`${s.typeName(target)}\``,
          {
            help: "implement methods on a record, an enum or a primitive type",
          },
        );
      return;
    }
    for (const c of it.ast.conformances)
      this.conformanceJobs.push({
        type: target,
        typeParams: allParams,
        target: c,
        scope: fullScope,
        declModule: it.module,
      });
    this.declareMembers(it.ast.members, target, allParams, it.module, it.file, table, fields, ownerName);
  }

  private declareFunction(it: { id: FuncId; ast: A.FunctionItem; module: ModuleId; file: string }): void {
    const s = this.s;
    const f = s.functions[it.id]!;
    const params = new Map<string, TypeParamId>();
    f.typeParams = this.newTypeParams(it.ast.typeParams, it.file, params);
    const sc: TypeScope = { module: it.module, file: it.file, params };
    this.applyWhere(it.ast.where, sc);
    this.checkParamModes(it.ast.params, it.file);
    f.paramTypes = it.ast.params.map((p) => this.resolveType(p.type, sc, "E1005"));
    f.ret = this.resolveType(it.ast.returnType, sc, "E1005");
    this.jobs.push({
      func: it.id,
      file: it.file,
      scope: sc,
      params: it.ast.params,
      body: it.ast.body,
      receiver: undefined,
      isTest: false,
    });
  }

  private declareTest(it: { id: number; ast: A.TestItem; module: ModuleId; file: string }): void {
    const s = this.s;
    const t = s.tests[it.id]!;
    const sections = new Map<string, A.TestSection>();
    for (const sec of it.ast.sections) sections.set(sec.section, sec); // a repeated section replaces the earlier one
    const meta = sections.get("meta");
    const skip = sections.get("skip");
    const str = (e: A.Expr) => (e.kind === "StringLit" ? e.value : undefined);
    const check = (
      sec: A.TestSection,
      keys: Record<string, "string" | "bool">,
      onValue: (k: string, v: string | boolean) => void,
    ) => {
      const seen = new Set<string>();
      for (const entry of sec.entries) {
        const k = entry.key.text;
        const kind = keys[k];
        if (!kind) {
          s.report("E1151", s.span(it.file, entry.key), `\`${k}\` is not a \`${sec.section}\` key`, {
            help: `valid keys: ${Object.keys(keys)
              .map((x) => `\`${x}\``)
              .join(", ")}`,
          });
          continue;
        }
        if (seen.has(k)) {
          s.report("E1151", s.span(it.file, entry.key), `\`${k}\` is given twice in \`${sec.section}\``);
          continue;
        }
        seen.add(k);
        if (kind === "string") {
          const v = str(entry.value);
          if (v === undefined)
            s.report(
              "E1151",
              s.span(it.file, entry.value),
              `\`${sec.section}.${k}\` must be a string literal`,
            );
          else onValue(k, v);
        } else {
          if (entry.value.kind !== "BoolLit")
            s.report(
              "E1151",
              s.span(it.file, entry.value),
              `\`${sec.section}.${k}\` must be \`true\` or \`false\``,
            );
          else onValue(k, entry.value.value);
        }
      }
    };
    if (meta)
      check(meta, { tags: "string", group: "string" }, (k, v) => {
        if (k === "tags")
          t.tags = String(v)
            .split(",")
            .map((x) => x.trim())
            .filter((x) => x !== "");
        else t.group = String(v);
      });
    if (skip) {
      let condition = false;
      let reason = "skip.condition is true";
      check(skip, { condition: "bool", reason: "string" }, (k, v) => {
        if (k === "condition") condition = v === true;
        else reason = String(v);
      });
      t.skip = { condition, reason };
    }
    const f = s.functions[t.func]!;
    f.ret = T.unit;
    this.jobs.push({
      func: t.func,
      file: it.file,
      scope: { module: it.module, file: it.file, params: new Map() },
      params: [],
      body: it.ast.body,
      receiver: undefined,
      isTest: true,
    });
  }

  /** D30 qualified test names, once the entry module is known. */
  nameTests(): void {
    const s = this.s;
    const entryPath = this.entryModule !== undefined ? s.scopes[this.entryModule]!.path : undefined;
    for (const t of s.tests) {
      let path = s.scopes[t.module]!.path;
      if (entryPath !== undefined && entryPath !== "") {
        if (path === entryPath) path = "";
        else if (path.startsWith(entryPath + ".")) path = path.slice(entryPath.length + 1);
      }
      t.qualifiedName = [...(path ? path.split(".") : []), t.name].join("::");
      s.functions[t.func]!.qualifiedName = `test ${t.qualifiedName}`;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Attributes (§5.15).

  private checkAttributeDecl(d: A.AttributeDecl, file: string): void {
    const valid = new Set([
      "TypeDeclaration",
      "EnumDeclaration",
      "ContractDeclaration",
      "ModuleDeclaration",
      "FunctionDeclaration",
      "MethodDeclaration",
      "FieldDeclaration",
      "ParameterDeclaration",
      "TypeDefinition",
      "MethodDefinition",
      "Field",
    ]);
    const seen = new Set<string>();
    for (const t of d.targets ?? []) {
      if (!valid.has(t.text))
        this.s.report("E1807", this.s.span(file, t), `\`${t.text}\` is not an attribute target`, {
          help: `valid targets: ${[...valid].slice(0, 8).join(", ")}`,
        });
      else if (seen.has(t.text))
        this.s.report("E1806", this.s.span(file, t), `target \`${t.text}\` is listed twice`);
      seen.add(t.text);
    }
  }

  private checkAttributes(): void {
    const s = this.s;
    const synonyms: Record<string, string> = {
      TypeDefinition: "TypeDeclaration",
      MethodDefinition: "MethodDeclaration",
      Field: "FieldDeclaration",
    };
    for (const use of this.attrUses) {
      for (const a of use.attrs) {
        const seen = new Set<string>();
        for (const arg of a.args ?? []) {
          if (seen.has(arg.name.text))
            s.report("E1808", s.span(use.file, arg.name), `argument \`${arg.name.text}\` is given twice`);
          seen.add(arg.name.text);
        }
        if (a.name.text === "Extern" && use.target !== "ContractDeclaration") {
          s.report("E1510", s.span(use.file, a), "`[Extern]` only applies to contracts");
          continue;
        }
        const decl = this.attrDecls.get(a.name.text);
        if (!decl || !decl.targets) continue;
        const targets = decl.targets.map((t) => synonyms[t.text] ?? t.text);
        if (!targets.includes(use.target))
          s.report(
            "E1809",
            s.span(use.file, a),
            `\`${a.name.text}\` cannot be applied to a ${use.target.replace("Declaration", "").toLowerCase()}`,
            {
              notes: [`it allows: ${decl.targets.map((t) => t.text).join(", ")}`],
            },
          );
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Pass 4: conformance (§5.8).

  checkConformances(): void {
    const s = this.s;
    for (const job of this.conformanceJobs) {
      const ct = this.resolveType(job.target, job.scope, "E1005");
      const cinfo = s.types.get(ct);
      if (cinfo.kind === "error") continue;
      if (cinfo.kind !== "contract") {
        s.report("E1607", s.span(job.scope.file, job.target), `\`${s.typeName(ct)}\` is not a contract`, {
          help: "only contracts can follow `:` in a type or impl header",
        });
        continue;
      }
      const c = s.contracts[cinfo.decl]!;
      if (c.extern) {
        s.report(
          "E1607",
          s.span(job.scope.file, job.target),
          `extern contract \`${c.name}\` cannot be implemented`,
        );
        continue;
      }
      const map = new Map<TypeParamId, TypeId>();
      c.typeParams.forEach((p, i) => map.set(p, cinfo.args[i] ?? T.error));
      map.set(c.thisParam, job.type);
      const impls: { func: FuncId; form: "member" | "sugar" }[] = [];
      let ok = true;
      for (const m of c.methods) {
        const want = {
          params: m.params.map((p) => substitute(s.types, p, map)),
          ret: substitute(s.types, m.ret, map),
        };
        const found = this.findImplementation(job.type, m.name, job.declModule);
        if (!found) {
          ok = false;
          s.report(
            "E1601",
            s.span(job.scope.file, job.target),
            `\`${s.typeName(job.type)}\` does not implement method \`${m.name}\` of contract \`${c.name}\``,
            {
              help: `add a member \`${s.typeName(want.ret)} ${m.name}(${want.params.map((p) => s.typeName(p)).join(", ")})\``,
            },
          );
          continue;
        }
        const f = s.functions[found.func]!;
        const got = { params: f.paramTypes.slice(1), ret: f.ret };
        // A sugar function's generic parameters are bound by its first parameter.
        const bind = new Map<TypeParamId, TypeId>();
        if (found.form === "sugar") unify(s.types, f.paramTypes[0]!, job.type, new Set(f.typeParams), bind);
        const gotParams = got.params.map((p) => substitute(s.types, p, bind));
        const gotRet = substitute(s.types, got.ret, bind);
        if (
          gotParams.length !== want.params.length ||
          gotParams.some((p, i) => p !== want.params[i]) ||
          gotRet !== want.ret
        ) {
          ok = false;
          s.report(
            "E1602",
            f.nameSpan,
            `\`${m.name}\` has signature \`${s.typeName(gotRet)} ${m.name}(${gotParams.map((p) => s.typeName(p)).join(", ")})\``,
            {
              notes: [
                `\`${c.name}\` requires \`${s.typeName(want.ret)} ${m.name}(${want.params.map((p) => s.typeName(p)).join(", ")})\``,
              ],
            },
          );
          continue;
        }
        impls.push(found);
      }
      if (!ok) continue;
      s.conformances.push({
        id: s.conformances.length,
        type: job.type,
        typeParams: job.typeParams,
        contract: ct,
        impls,
      });
      // Conforming to C also conforms to every contract C embeds (transitively): record those
      // too, so `where T: Embedded` and `findConformance` see them directly.
      const seen = new Set<TypeId>([ct]);
      const queue = c.embeds.map((e) => substitute(s.types, e, map));
      while (queue.length > 0) {
        const et = queue.shift()!;
        if (seen.has(et)) continue;
        seen.add(et);
        const ei = s.types.get(et);
        if (ei.kind !== "contract") continue;
        const ec = s.contracts[ei.decl]!;
        const eimpls = ec.methods.map((m) => impls[c.methods.findIndex((x) => x.name === m.name)]!);
        if (eimpls.some((x) => x === undefined)) continue;
        s.conformances.push({
          id: s.conformances.length,
          type: job.type,
          typeParams: job.typeParams,
          contract: et,
          impls: eimpls,
        });
        const emap = new Map<TypeParamId, TypeId>();
        ec.typeParams.forEach((p, i) => emap.set(p, ei.args[i] ?? T.error));
        for (const e of ec.embeds) queue.push(substitute(s.types, e, emap));
      }
    }
  }

  /** A member of `type` named `name`, else a function of the type's declaring module whose first parameter takes it. */
  findImplementation(
    type: TypeId,
    name: string,
    _from: ModuleId,
  ): { func: FuncId; form: "member" | "sugar" } | undefined {
    const s = this.s;
    const members = this.membersOf(type);
    const m = members?.get(name);
    if (m !== undefined) return { func: m, form: "member" };
    const declModule = this.declModuleOf(type);
    if (declModule === undefined) return undefined;
    const e = s.scopes[declModule]!.items.get(name);
    if (!e || e.sym.kind !== "function") return undefined;
    const f = s.functions[e.sym.id]!;
    if (f.paramTypes.length === 0) return undefined;
    if (!unify(s.types, f.paramTypes[0]!, type, new Set(f.typeParams), new Map())) return undefined;
    this.markUsed(e.sym);
    return { func: f.id, form: "sugar" };
  }

  membersOf(type: TypeId): ReadonlyMap<string, FuncId> | undefined {
    const s = this.s;
    const info = s.types.get(type);
    if (info.kind === "record") return s.records[info.decl]!.members;
    if (info.kind === "enum") return s.enums[info.decl]!.members;
    if (info.kind === "prim") return s.primMembers.get(type);
    if (info.kind === "array") return s.primMembers.get(type);
    return undefined;
  }

  declModuleOf(type: TypeId): ModuleId | undefined {
    const s = this.s;
    const info = s.types.get(type);
    if (info.kind === "record") return s.records[info.decl]!.module;
    if (info.kind === "enum") return s.enums[info.decl]!.module;
    if (info.kind === "contract") return s.contracts[info.decl]!.module;
    return undefined;
  }

  scopeOf(module: ModuleId): ModScope {
    return this.s.scopes[module]!;
  }
}

export function qual(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function useName(d: A.UseDecl): string {
  return d.alias?.text ?? d.path.segments[d.path.segments.length - 1]?.text ?? "";
}

function sameSym(a: Sym, b: Sym): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "attribute") return a.name === (b as typeof a).name;
  return a.id === (b as { id: number }).id;
}

export function symKindName(sym: Sym): string {
  switch (sym.kind) {
    case "module":
      return "module";
    case "function":
      return "function";
    case "record":
      return "type";
    case "enum":
      return "enum";
    case "contract":
      return "contract";
    case "const":
      return "const";
    case "test":
      return "test";
    case "attribute":
      return "attribute";
  }
}

/** Top-level areas of the corelib (LANGUAGE.md §8) searched for a module to suggest importing. */
const CORELIB_AREAS = ["Core", "Collections", "Testing", "Query", "System", "Core.Text", "Core.Time"];

/** The candidate with the smallest edit distance (at most 2, or a third of the length). */
/** Words other languages write where Beskid expects a type (E1201/E1005 help). */
const FOREIGN_TYPE_WORDS: ReadonlyMap<string, string> = new Map([
  ["var", "write `let x = …;` to infer a local's type, or give the type: `i64 x = …;`"],
  ["auto", "write `let x = …;` to infer a local's type, or give the type: `i64 x = …;`"],
  ["fn", "functions start with their return type: `i32 Main() { … }`, `unit Log(string s) { … }`"],
  ["func", "functions start with their return type: `i32 Main() { … }`, `unit Log(string s) { … }`"],
  ["def", "functions start with their return type: `i32 Main() { … }`, `unit Log(string s) { … }`"],
  ["function", "functions start with their return type: `i32 Main() { … }`, `unit Log(string s) { … }`"],
]);

/** Type names of other languages and the Beskid primitive they mean (E1201/E1005 help). */
const FOREIGN_TYPES: ReadonlyMap<string, string> = new Map([
  ["int", "i32"],
  ["uint", "u32"],
  ["long", "i64"],
  ["ulong", "u64"],
  ["short", "i16"],
  ["ushort", "u16"],
  ["byte", "u8"],
  ["sbyte", "i8"],
  ["usize", "u64"],
  ["isize", "i64"],
  ["float", "f32"],
  ["double", "f64"],
  ["boolean", "bool"],
  ["Boolean", "bool"],
  ["String", "string"],
  ["str", "string"],
  ["void", "unit"],
]);

export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  // Fallback: the longest candidate (4+ characters) the name contains, so names spelt the way
  // other test frameworks spell them still find ours (`AreEqual` → `Equal`, `AssertTrue` → `True`).
  let inside: string | undefined;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c === name) continue;
    if (c.length >= 4 && c.length < name.length && !name.includes(".") && lower.includes(c.toLowerCase()))
      if (!inside || c.length > inside.length) inside = c;
    if (Math.abs(c.length - name.length) >= bestD) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best ?? inside;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
