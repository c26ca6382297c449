/**
 * Semantic analysis: `analyze(units)` turns the parsed units of one program assembly into a
 * `TypedProgram` plus diagnostics (LANGUAGE.md §5, codes E10xx–E18xx of §9).
 *
 * Passes, in order (each justified in docs/semantics.md): index modules and item names;
 * resolve `use`; resolve signatures; check conformances; find the entry point; check every
 * body once; the per-instantiation text check of D24; unused imports. Never throws on bad
 * input: on errors it still returns the program it could build (lowering must not run then).
 * It does not read files and does not know about backends.
 */

import { sortDiagnostics, type Diagnostic, type LineIndex } from "../diagnostics/index.ts";
import type { SourceFile } from "../syntax/ast.ts";
import { BodyChecker } from "./check.ts";
import { Collector } from "./collect.ts";
import { Sema } from "./context.ts";
import { T, type FuncId, type TypedProgram } from "./typed.ts";
import { isIntPrim, type TypeTable } from "./types.ts";
import { stronglyConnected } from "../util/graph.ts";

export type * from "./typed.ts";
export { T, PRIM_ORDER } from "./typed.ts";
export {
  TypeTable,
  substitute,
  typeName,
  findConformance,
  unify,
  widens,
  commonNumeric,
  intRange,
} from "./types.ts";
export { INTRINSICS } from "./intrinsics.ts";

export interface AnalysisUnit {
  readonly file: string;
  /** Logical module path given by assembly (`Core.Results`); "" or a stem for a lone entry file. */
  readonly module: string;
  readonly tree: SourceFile;
  readonly lineIndex: LineIndex;
}

export interface AnalyzeOptions {
  /** Index into `units` of the entry file (its module gets the entry point and D30 test names). */
  readonly entryModuleIndex?: number;
  /** Entry-point name override (the CLI's option); default `main` / `Main`. */
  readonly entryName?: string;
  /** Report W1504 (unused private items; optional in LANGUAGE.md §9, off by default). */
  readonly unusedPrivate?: boolean;
  /**
   * Whether a module path exists under the effective roots even though the program did not
   * load it; only used to suggest a missing `use` in E1101/E1201 hints.
   */
  readonly moduleExists?: (path: string) => boolean;
  /** Tests and fuzzing: let an internal checker error escape instead of reporting it. */
  readonly rethrowInternalErrors?: boolean;
}

export interface AnalysisResult {
  readonly program: TypedProgram;
  readonly diagnostics: Diagnostic[];
  /**
   * The live interning table behind `program.types` (the same array). Lowering uses it with
   * `substitute` to intern instantiated types while monomorphising; new types are appended.
   */
  readonly typeTable: TypeTable;
}

export function analyze(units: readonly AnalysisUnit[], opts: AnalyzeOptions = {}): AnalysisResult {
  const s = new Sema(units);
  const c = new Collector(s);
  c.moduleExists = opts.moduleExists;
  c.indexUnits(opts.entryModuleIndex);
  c.resolveUses();
  c.declareSignatures();
  c.checkConformances();
  c.nameTests();

  const entry = findEntry(s, c, opts.entryName);
  if (entry !== undefined) s.functions[entry]!.isEntry = true;

  const bodiless = new Set<FuncId>(c.jobs.filter((j) => j.body === undefined).map((j) => j.func));
  const checker = new BodyChecker(s, c, bodiless);
  for (const job of c.jobs) {
    try {
      checker.checkJob(job, job.isTest || job.func === entry);
    } catch (err) {
      if (opts.rethrowInternalErrors) throw err;
      // A checker bug must not take the toolchain down: report it at the function.
      s.report(
        "E1151",
        s.functions[job.func]!.nameSpan,
        `internal error while checking this function: ${(err as Error).message}`,
      );
    }
  }
  checkTextInstantiations(s, checker);
  checkFiniteInstantiation(s, checker);
  c.reportUnusedImports();
  if (opts.unusedPrivate) c.reportUnusedPrivate(entry);

  const program: TypedProgram = {
    types: s.types.list,
    modules: s.modules,
    functions: s.functions,
    locals: s.locals,
    records: s.records,
    enums: s.enums,
    contracts: s.contracts,
    typeParams: s.typeParams,
    conformances: s.conformances,
    consts: s.consts,
    tests: s.tests,
    entry,
    entryModule: c.entryModule,
    sources: s.lineIndexes,
  };
  return { program, diagnostics: sortDiagnostics(s.diagnostics), typeTable: s.types };
}

/** §5.17: `main` or `Main` (or the override) at the top level of the entry module. */
function findEntry(s: Sema, c: Collector, name: string | undefined): FuncId | undefined {
  if (c.entryModule === undefined) return undefined;
  const items = s.scopes[c.entryModule]!.items;
  const names = name ? [name] : ["main", "Main"];
  const found = names
    .map((n) => items.get(n))
    .filter((e) => e !== undefined && e.sym.kind === "function" && !e.use)
    .map((e) => (e!.sym as { id: FuncId }).id);
  if (found.length === 0) return undefined;
  if (found.length > 1) {
    const second = s.functions[found[1]!]!;
    s.report("E1406", second.nameSpan, "the entry module declares both `main` and `Main`", {
      help: "keep one of them",
    });
  }
  const f = s.functions[found[0]!]!;
  const ri = s.types.get(f.ret);
  const retOk = f.ret === T.unit || f.ret === T.error || (ri.kind === "prim" && isIntPrim(ri.prim));
  if (f.paramTypes.length > 0 || f.typeParams.length > 0 || !retOk)
    s.report(
      "E1405",
      f.nameSpan,
      `the entry point is \`${s.typeName(f.ret)} ${f.name}(${f.paramTypes.map((p) => s.typeName(p)).join(", ")})\``,
      {
        help: `declare it \`i32 ${f.name}()\` or \`unit ${f.name}()\``,
      },
    );
  return f.id;
}

/**
 * D24: interpolating a type-parameter value is checked per instantiation. Propagate "converts
 * param P to text" through generic calls, then report instantiations with a non-text type.
 */
function checkTextInstantiations(s: Sema, checker: BodyChecker): void {
  const text = checker.textParams;
  if (text.size === 0) return;
  let changed = true;
  while (changed) {
    changed = false;
    for (const inst of checker.instantiations) {
      const callee = text.get(inst.callee);
      if (!callee) continue;
      const f = s.functions[inst.callee]!;
      f.typeParams.forEach((p, i) => {
        const where = callee.get(p);
        if (!where) return;
        const arg = s.types.get(inst.typeArgs[i]!);
        if (arg.kind !== "param") return;
        const m = text.get(inst.caller) ?? new Map();
        if (!m.has(arg.param)) {
          m.set(arg.param, where);
          text.set(inst.caller, m);
          changed = true;
        }
      });
    }
  }
  const textual = (t: number): boolean => {
    const info = s.types.get(t);
    if (info.kind === "param" || info.kind === "error") return true;
    return info.kind === "prim" && !["unit", "never", "pointer"].includes(info.prim);
  };
  for (const inst of checker.instantiations) {
    const callee = text.get(inst.callee);
    if (!callee) continue;
    const f = s.functions[inst.callee]!;
    f.typeParams.forEach((p, i) => {
      const where = callee.get(p);
      const arg = inst.typeArgs[i]!;
      if (!where || textual(arg)) return;
      const idx = s.lineIndexes.get(where.file);
      const pos = idx ? idx.position(where.start) : undefined;
      s.report(
        "E1225",
        inst.span,
        `\`${f.name}\` converts its \`${s.typeParams[p]!.name}\` to text, and \`${s.typeName(arg)}\` cannot be converted`,
        {
          notes: [`the conversion is at ${where.file}${pos ? `:${pos.line}:${pos.column}` : ""}`],
          help: "pass a number, bool, char or string, or format the value first",
        },
      );
    });
  }
}

/**
 * E1236 (ours): monomorphisation must end. A node is one type parameter of one generic
 * function (by position, so members of one type stay apart); each generic call (or function
 * value) adds an edge from every caller parameter in a type argument to the callee's
 * parameter, "expanding" when it is nested inside a larger type (`T[]`, `Box<T>`). The
 * instances are finite unless an expanding edge lies on a cycle (polymorphic recursion such
 * as `F<T>` calling `F<T[]>`); each such call is reported once.
 */
function checkFiniteInstantiation(s: Sema, checker: BodyChecker): void {
  type Edge = {
    from: string;
    to: string;
    expanding: boolean;
    span: (typeof checker.instantiations)[number]["span"];
  };
  const edges: Edge[] = [];
  const params = (t: number, out: Set<number>): void => {
    const i = s.types.get(t);
    switch (i.kind) {
      case "param":
        out.add(i.param);
        return;
      case "array":
        return params(i.elem, out);
      case "fn":
        i.params.forEach((x) => params(x, out));
        return params(i.ret, out);
      case "record":
      case "enum":
      case "contract":
        i.args.forEach((x) => params(x, out));
        return;
      default:
        return;
    }
  };
  for (const inst of checker.instantiations) {
    const caller = s.functions[inst.caller]!;
    if (caller.typeParams.length === 0) continue;
    inst.typeArgs.forEach((arg, j) => {
      const used = new Set<number>();
      params(arg, used);
      const direct = s.types.get(arg);
      for (const p of used) {
        const i = caller.typeParams.indexOf(p);
        if (i < 0) continue;
        const expanding = !(direct.kind === "param" && direct.param === p);
        edges.push({ from: `${inst.caller}:${i}`, to: `${inst.callee}:${j}`, expanding, span: inst.span });
      }
    });
  }
  if (!edges.some((e) => e.expanding)) return;
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    if (!adj.has(e.from)) adj.set(e.from, []);
    adj.get(e.from)!.push(e.to);
  }
  const comp = stronglyConnected(adj);
  for (const e of edges) {
    if (!e.expanding || comp.get(e.from) === undefined || comp.get(e.from) !== comp.get(e.to)) continue;
    const [callee] = e.to.split(":");
    const f = s.functions[Number(callee)]!;
    s.report(
      "E1236",
      e.span,
      `this instantiates \`${f.name}\` with a type argument that grows on every round`,
      {
        help: "a generic function must not reach itself with a larger type argument (`T[]`, `Box<T>`): pass the value through a non-generic helper or a contract instead",
      },
    );
  }
}

export { dumpProgram } from "./dump.ts";
