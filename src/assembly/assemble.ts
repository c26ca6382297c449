/**
 * Program assembly (PIPELINE.md §2, the seed ADR "import closure, not directory sweep").
 *
 * ImportClosure: the seeds are the entry file, the prelude union seeds (`pub mod` lines of a
 * `Prelude.bd` at the top of any root), the two prelude modules of D5 (`Core.Results`,
 * `Core.Optional.Option`) when some root provides them, and every `pub mod` declaration met;
 * a further file joins only through a `use` or a qualified reference that resolves under the
 * roots. It never lists a folder: it only asks whether the candidate files of a module path
 * exist. WorkspaceScan: every `*.bd` under each root, sorted, capped by `maxUnits`; it is for
 * editor indexing and `check --workspace` only.
 *
 * Not here: reporting `use` paths that resolve nowhere (name resolution does that, with the
 * location), and any name resolution beyond module paths. Each file is read and parsed once:
 * its facts (the syntax stage's `extractModuleFacts`), tree and line index come from one
 * `facts` provider call and travel on the unit.
 */

import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import {
  LineIndex,
  makeDiagnostic,
  type Diagnostic,
  type Span,
  type WithDiagnostics,
} from "../diagnostics/index.ts";
import {
  decodeSource,
  extractModuleFacts,
  parseFile,
  type ModuleFacts,
  type SourceFile,
} from "../syntax/index.ts";
import { sha256Hex } from "../util/fs.ts";
import { modulePathOf, resolveModule, rootOf, stemOf, type Root } from "./modpath.ts";

export type AssemblyMode = "ImportClosure" | "WorkspaceScan";

export interface SourceUnit {
  /** Logical module path (`Net.Http`); the file stem for an entry outside every root. */
  readonly module: string;
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the project folder, `/`-separated (for output and cache keys). */
  readonly relPath: string;
  /** SHA-256 (hex) of the file's bytes. */
  readonly hash: string;
  readonly text: string;
  /** The parsed tree when the facts provider parses (the front end then does not parse again). */
  readonly tree?: SourceFile;
  /** The line index of `text`, made by the parse (absent without a tree). */
  readonly lineIndex?: LineIndex;
  /** The name used for this file in the tree's spans and in diagnostics. */
  readonly fileName: string;
  /** Index into `roots`, or -1 for an entry outside every root. */
  readonly rootIndex: number;
}

export interface ProgramAssembly {
  readonly roots: readonly Root[];
  /** In discovery order (ImportClosure) or sorted path order (WorkspaceScan). */
  readonly units: readonly SourceUnit[];
  /** Index of the entry unit; -1 when there is none (WorkspaceScan without an entry). */
  readonly entryIndex: number;
  readonly mode: AssemblyMode;
}

/**
 * The file system calls assembly makes: reading a file and asking whether one exists (and,
 * when provided, whether a folder exists, so candidates in missing folders are not probed).
 */
export interface AssemblyFs {
  readFile(path: string): Uint8Array;
  isFile(path: string): boolean;
  isDir?(path: string): boolean;
  realpath(path: string): string;
}

/** `stat` of a path, undefined when it cannot be asked (missing, a file in the path, no access). */
function statOf(p: string): Stats | undefined {
  try {
    // Most probes miss: asking for no exception keeps a miss to the system call itself.
    return statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

export const nodeFs: AssemblyFs = {
  readFile: (p) => readFileSync(p),
  isFile: (p) => statOf(p)?.isFile() ?? false,
  isDir: (p) => statOf(p)?.isDirectory() ?? false,
  realpath: (p) => {
    try {
      // The system's realpath: one call, where the JavaScript one lstat()s every path component.
      return realpathSync.native(p);
    } catch {
      return p;
    }
  },
};

/**
 * Turns a file's text into its module facts (from the syntax stage's `extractModuleFacts`),
 * and normally its tree, line index and syntax diagnostics (assembly passes them on, so nobody
 * parses the file again).
 */
export type FactsProvider = (
  text: string,
  file: string,
) => {
  facts: ModuleFacts;
  tree?: SourceFile;
  lineIndex?: LineIndex;
  diagnostics?: readonly Diagnostic[];
};

/** The default: one parse with the real parser; the facts come from its tree. */
export const parserFacts: FactsProvider = (text, file) => {
  const parsed = parseFile(text, file);
  return {
    facts: extractModuleFacts(parsed.tree),
    tree: parsed.tree,
    lineIndex: parsed.lineIndex,
    diagnostics: parsed.diagnostics,
  };
};

/** A module path met in a file, with its location (for E1502). */
interface PathRef {
  readonly segments: readonly string[];
  readonly span: Span;
}

/** What assembly needs from one file's facts, with spans placed in that file. */
interface Links {
  readonly fileModule?: readonly string[];
  /** `pub mod P;` and `[Attr] mod P;` declarations: seeds that must resolve. */
  readonly children: readonly PathRef[];
  readonly uses: readonly PathRef[];
  readonly qualified: readonly PathRef[];
}

function linksOf(facts: ModuleFacts, file: string): Links {
  const at = (span: { start: number; end: number }): Span => ({ file, start: span.start, end: span.end });
  return {
    ...(facts.fileModule ? { fileModule: facts.fileModule.path } : {}),
    children: facts.modDecls
      .filter((d) => !d.fileScoped && (d.isPub || d.hasAttributes))
      .map((d) => ({ segments: d.path, span: at(d.span) })),
    uses: facts.uses.map((u) => ({ segments: u.path, span: at(u.span) })),
    qualified: facts.qualifiedRefs.map((q) => ({ segments: q.segments, span: at(q.span) })),
  };
}

export interface AssemblyOptions {
  readonly fs?: AssemblyFs;
  readonly facts?: FactsProvider;
  /**
   * The name a file goes by in trees, spans and diagnostics (default: its absolute path). The
   * pipeline passes its unit names so later stages need no renaming.
   */
  readonly fileName?: (absolutePath: string) => string;
}

export interface AssemblyInput {
  readonly roots: readonly Root[];
  readonly entryFile: string;
  /** Folder `relPath` is relative to; default: the entry file's folder's parent. */
  readonly projectDir?: string;
}

/** The prelude modules every program gets when a root provides them (LANGUAGE.md D5). */
const PRELUDE_MODULES = [
  ["Core", "Results"],
  ["Core", "Optional", "Option"],
];

function relPathOf(projectDir: string, file: string): string {
  return relative(projectDir, file).split(sep).join("/");
}

/** Shared by both modes: reads one file into a unit (or a diagnostic). */
class Reader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly existsCache = new Map<string, boolean>();
  constructor(
    readonly fs: AssemblyFs,
    readonly facts: FactsProvider,
    readonly roots: readonly Root[],
    readonly projectDir: string,
    readonly fileName: (absolutePath: string) => string,
  ) {}

  private readonly resolved = new Map<string, string | null>();

  /** Module path → file over the roots, memoised per run (the same paths recur in many files). */
  resolve(segments: readonly string[]): string | undefined {
    const key = segments.join(".");
    let v = this.resolved.get(key);
    if (v === undefined) {
      v =
        resolveModule(this.roots, segments, this.exists, this.fs.isDir ? this.folderExists : undefined)
          ?.file ?? null;
      this.resolved.set(key, v);
    }
    return v ?? undefined;
  }

  exists = (file: string): boolean => {
    let v = this.existsCache.get(file);
    if (v === undefined) {
      v = this.fs.isFile(file);
      this.existsCache.set(file, v);
    }
    return v;
  };

  private readonly foldersCache = new Map<string, boolean>();

  /** Memoised; a folder whose parent is missing is missing without asking. */
  folderExists = (dir: string): boolean => {
    let v = this.foldersCache.get(dir);
    if (v === undefined) {
      const parent = dirname(dir);
      v = (parent === dir || this.folderExists(parent)) && this.fs.isDir!(dir);
      this.foldersCache.set(dir, v);
    }
    return v;
  };

  read(file: string): { unit: Omit<SourceUnit, "module" | "rootIndex">; facts: Links } | undefined {
    const name = this.fileName(file);
    let bytes: Uint8Array;
    try {
      bytes = this.fs.readFile(file);
    } catch (e) {
      this.diagnostics.push(
        makeDiagnostic("E9001", { detail: `${file}: ${(e as Error).message}` }, { file: name }),
      );
      return undefined;
    }
    const decoded = decodeSource(bytes, name);
    this.diagnostics.push(...decoded.diagnostics);
    const { facts, tree, lineIndex, diagnostics } = this.facts(decoded.text, name);
    if (diagnostics) this.diagnostics.push(...diagnostics);
    return {
      unit: {
        path: file,
        fileName: name,
        ...(lineIndex !== undefined ? { lineIndex } : {}),
        relPath: relPathOf(this.projectDir, file),
        hash: sha256Hex(bytes),
        text: decoded.text,
        ...(tree !== undefined ? { tree } : {}),
      },
      facts: linksOf(facts, name),
    };
  }

  private readonly indexes = new Map<string, LineIndex>();

  /** E1502 at a `pub mod P;` whose module has no file. */
  missingChild(ref: PathRef, unit: { text: string; lineIndex?: LineIndex }): void {
    let index = unit.lineIndex ?? this.indexes.get(ref.span.file);
    if (!index) this.indexes.set(ref.span.file, (index = new LineIndex(unit.text)));
    this.diagnostics.push(
      makeDiagnostic(
        "E1502",
        {
          detail: `no file for module ${ref.segments.join(".")}`,
          notes: [
            `looked for ${ref.segments.join("/")}.bd, ${ref.segments.join("/")}/${ref.segments[ref.segments.length - 1]}.bd, ${ref.segments.join("/")}/mod.bd and .generated/${ref.segments.join("/")}.g.bd under each root`,
          ],
        },
        { span: ref.span, index },
      ),
    );
  }

  /** Module name and root of a unit (a file-scoped `mod P;` wins over the location). */
  name(file: string, facts: Links, isEntry: boolean): { module: string; rootIndex: number } {
    const where = rootOf(this.roots, file);
    const byPath = where ? modulePathOf(this.roots[where.rootIndex]!, file, where.generated) : undefined;
    const module = facts.fileModule ? facts.fileModule.join(".") : (byPath ?? (isEntry ? stemOf(file) : ""));
    return { module, rootIndex: where ? where.rootIndex : -1 };
  }
}

/** Resolves a `use` path: as a module, else as a module followed by one item. */
function resolveUse(r: Reader, ref: PathRef): string | undefined {
  const full = r.resolve(ref.segments);
  if (full) return full;
  if (ref.segments.length > 1) return r.resolve(ref.segments.slice(0, -1));
  return undefined;
}

/** A qualified reference counts as a use of its longest prefix that names a module. */
function resolveQualified(r: Reader, ref: PathRef): string | undefined {
  for (let n = ref.segments.length; n >= 1; n--) {
    const found = r.resolve(ref.segments.slice(0, n));
    if (found) return found;
  }
  return undefined;
}

export function assembleImportClosure(
  input: AssemblyInput,
  opts: AssemblyOptions = {},
): WithDiagnostics<ProgramAssembly> {
  const fs = opts.fs ?? nodeFs;
  const r = new Reader(
    fs,
    opts.facts ?? parserFacts,
    input.roots,
    input.projectDir ?? dirname(dirname(input.entryFile)),
    opts.fileName ?? ((p) => p),
  );
  const units: SourceUnit[] = [];
  const seen = new Set<string>();
  const queue: string[] = [];
  // Paths already met skip the realpath call: most references name modules seen before.
  const met = new Set<string>();
  const enqueue = (file: string): void => {
    if (met.has(file)) return;
    met.add(file);
    const key = fs.realpath(file);
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(file);
  };

  // Seeds: the entry, the prelude union seeds, the D5 prelude modules.
  enqueue(input.entryFile);
  for (const root of input.roots) {
    const prelude = join(root.path, "Prelude.bd");
    if (!r.exists(prelude)) continue;
    const read = r.read(prelude);
    if (!read) continue;
    for (const child of read.facts.children) {
      const found = r.resolve(child.segments);
      if (found) enqueue(found);
      else r.missingChild(child, read.unit);
    }
  }
  for (const segs of PRELUDE_MODULES) {
    const found = r.resolve(segs);
    if (found) enqueue(found);
  }

  for (let q = 0; q < queue.length; q++) {
    const file = queue[q]!;
    const isEntry = q === 0;
    const read = r.read(file);
    if (!read) continue;
    const { module, rootIndex } = r.name(file, read.facts, isEntry);
    units.push({ module, rootIndex, ...read.unit });
    for (const child of read.facts.children) {
      const found = r.resolve(child.segments);
      if (found) enqueue(found);
      else r.missingChild(child, read.unit);
    }
    for (const use of read.facts.uses) {
      const found = resolveUse(r, use);
      if (found) enqueue(found);
    }
    for (const ref of read.facts.qualified) {
      const found = resolveQualified(r, ref);
      if (found) enqueue(found);
    }
  }
  const entryIndex = units.length > 0 && units[0]!.path === input.entryFile ? 0 : -1;
  return {
    value: { roots: input.roots, units, entryIndex, mode: "ImportClosure" },
    diagnostics: r.diagnostics,
  };
}

export interface ScanOptions extends AssemblyOptions {
  /** Default 4096 (PIPELINE.md §2). */
  readonly maxUnits?: number;
  /**
   * Roots that are not swept (the corelib): a module of theirs joins only when a scanned unit
   * reaches it (by the import closure's expansion rule), and so do the D5 prelude modules.
   */
  readonly libraryRoots?: readonly Root[];
  readonly projectDir?: string;
  /** When given and scanned, its index becomes `entryIndex`. */
  readonly entryFile?: string;
}

/** `*.bd` files under `dir`, relative, sorted by code unit order; dot-folders skipped. */
function listBd(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!e.name.startsWith(".")) walk(join(d, e.name), r);
      } else if (e.isFile() && e.name.endsWith(".bd")) out.push(r);
    }
  };
  walk(dir, "");
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function workspaceScan(
  roots: readonly Root[],
  opts: ScanOptions = {},
): WithDiagnostics<ProgramAssembly> {
  const maxUnits = opts.maxUnits ?? 4096;
  const fs = opts.fs ?? nodeFs;
  const library = opts.libraryRoots ?? [];
  const all = library.length > 0 ? [...roots, ...library] : roots;
  const r = new Reader(
    fs,
    opts.facts ?? parserFacts,
    all,
    opts.projectDir ?? dirname(roots[0]?.path ?? "."),
    opts.fileName ?? ((p) => p),
  );
  const units: SourceUnit[] = [];
  const seen = new Set<string>();
  const swept: Links[] = [];
  let total = 0;
  const reached: string[] = [];
  const reach = (file: string | undefined): void => {
    if (file === undefined || library.length === 0) return;
    const key = fs.realpath(file);
    if (seen.has(key)) return;
    seen.add(key);
    reached.push(file);
  };
  const follow = (facts: Links): void => {
    for (const child of facts.children) reach(r.resolve(child.segments));
    for (const use of facts.uses) reach(resolveUse(r, use));
    for (const ref of facts.qualified) reach(resolveQualified(r, ref));
  };
  for (const root of roots) {
    for (const rel of listBd(root.path)) {
      const file = join(root.path, ...rel.split("/"));
      const key = fs.realpath(file);
      if (seen.has(key)) continue;
      seen.add(key);
      total++;
      if (total > maxUnits) continue;
      const read = r.read(file);
      if (!read) continue;
      if (rel === "Prelude.bd") {
        // As in the import closure: a root's prelude is not a unit (two roots would both have
        // a module `Prelude`), but each of its `pub mod` lines must name a file.
        for (const child of read.facts.children)
          if (!r.resolve(child.segments)) r.missingChild(child, read.unit);
        if (library.length > 0) swept.push(read.facts);
        continue;
      }
      const named = r.name(file, read.facts, file === opts.entryFile);
      // A file whose path is no module path (`my-tool/Gen.bd`, `2go.bd`) can only be an entry;
      // the sweep still checks it, named by its path under the root, which no module path or
      // other such file can clash with.
      const module = named.module === "" ? rel.slice(0, -".bd".length) : named.module;
      units.push({ module, rootIndex: named.rootIndex, ...read.unit });
      if (library.length > 0) swept.push(read.facts);
    }
  }
  // The library roots' modules the scanned units use, transitively (never swept).
  if (library.length > 0) for (const segs of PRELUDE_MODULES) reach(r.resolve(segs));
  for (const facts of swept) follow(facts);
  for (let q = 0; q < reached.length; q++) {
    const read = r.read(reached[q]!);
    if (!read) continue;
    const { module, rootIndex } = r.name(reached[q]!, read.facts, false);
    units.push({ module, rootIndex, ...read.unit });
    follow(read.facts);
  }
  if (total > maxUnits) {
    r.diagnostics.push(
      makeDiagnostic(
        "E3026",
        {
          detail: `${total} .bd files under the roots, max_units is ${maxUnits}`,
          help: "raise max_units or narrow the roots",
        },
        undefined,
      ),
    );
  }
  const entryIndex = opts.entryFile ? units.findIndex((u) => u.path === opts.entryFile) : -1;
  return { value: { roots: all, units, entryIndex, mode: "WorkspaceScan" }, diagnostics: r.diagnostics };
}
