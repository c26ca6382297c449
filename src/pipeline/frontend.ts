/**
 * The front half of the spine, shared by every command: plan (project stage), import
 * closure (assembly) and cache key. Parsing beyond what assembly needs, analysis and lowering
 * (only on a cache miss) are in `compile.ts`, so a caller that only resolves (the action's
 * resolve step) loads neither the type checker nor lowering.
 *
 * File names: the artifact and every diagnostic name a source file by a machine-independent
 * "unit name" (the path relative to the project folder, or `<root>:<path>` for files outside
 * it, such as the bundled corelib), so a cached artifact is valid on any machine. Surfaces
 * turn unit names into paths the user can open with `displayPath`.
 */

import { readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve as resolvePath, sep } from "node:path";
import { hasErrors, type Diagnostic } from "../diagnostics/index.ts";
import { originalOf, resolvePlan, type CompilePlan } from "../project/index.ts";
import { assembleImportClosure, workspaceScan, type ProgramAssembly } from "../assembly/index.ts";
import { ARTIFACT_SCHEMA_VERSION } from "../artifact/schema.ts";
import { sha256Hex } from "../util/fs.ts";
import { bundledCorelibRoot } from "../util/paths.ts";
import { VERSION } from "../version.ts";
import type {
  CacheKey,
  CacheKeyBase,
  CacheRequest,
  PlanSummary,
  ProjectRequest,
  ResolveOptions,
  ResolveResult,
} from "./api.ts";
import { cacheKeyBase, computeCacheKey, type KeyInputs } from "./cache.ts";
import { loadValidSnapshot, recordingFs, saveSnapshot, snapshotPath } from "./closure-snapshot.ts";

/** Lowering options are part of the cache key; backend options never are. */
export interface LoweringOptions {
  readonly tests: boolean;
  /** Export the `pub` functions (used by library outputs; harmless elsewhere). */
  readonly exports: boolean;
}

export interface Resolved {
  readonly plan: CompilePlan;
  readonly assembly: ProgramAssembly;
  readonly key: CacheKey;
  readonly summary: PlanSummary;
  /** Unit name → absolute path, for every unit. */
  readonly unitPaths: ReadonlyMap<string, string>;
  /** Records the closure snapshot; the spine calls it once an artifact exists for this state. */
  readonly saveSnapshot?: () => void;
  /** Where the import closure came from. */
  readonly closureFrom: "snapshot" | "assembly";
}

/** The plan alone, when `closure: "snapshot"` found no valid snapshot: nothing was assembled. */
export interface PlanOnly {
  readonly plan: CompilePlan;
  readonly summary: PlanSummary;
  readonly keyBase: CacheKeyBase;
}

export function unitName(plan: CompilePlan, path: string): string {
  const rel = relative(plan.projectDir, path);
  if (!rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
  for (const root of plan.roots) {
    const r = relative(root.path, path);
    if (!r.startsWith("..") && !isAbsolute(r)) return `${root.name}:${r.split(sep).join("/")}`;
  }
  return path;
}

/** A unit name (or any path) as the user should see it: relative to cwd when inside it. */
export function displayPath(cwd: string, unitPaths: ReadonlyMap<string, string>, name: string): string {
  const abs = unitPaths.get(name) ?? (isAbsolute(name) ? name : undefined);
  if (abs === undefined) return name;
  const rel = relative(cwd, abs);
  return rel.startsWith("..") || isAbsolute(rel) ? abs : rel.split(sep).join("/");
}

/** Rewrites the `file` of each diagnostic from unit names (or absolute paths) to display paths. */
export function displayDiagnostics(
  cwd: string,
  unitPaths: ReadonlyMap<string, string>,
  diagnostics: readonly Diagnostic[],
): Diagnostic[] {
  return diagnostics.map((d) =>
    d.file === undefined ? d : { ...d, file: displayPath(cwd, unitPaths, d.file) },
  );
}

function hashFile(path: string): string {
  try {
    return sha256Hex(readFileSync(path));
  } catch {
    return "missing";
  }
}

export function loweringOptions(command: ProjectRequest["command"]): LoweringOptions {
  // Tests and exports are always lowered into the artifact, so `run`, `test` and `build` of
  // every kind share one cache entry; backends pick what they use (backend options are
  // applied after lowering, never before it).
  void command;
  return { tests: true, exports: true };
}

/**
 * Unit name → the file to show: a dependency's unit is named by its original file, not the
 * materialized copy. Each root's `Prelude.bd` is listed too: it is no unit, but its `pub mod`
 * lines can carry diagnostics.
 */
function displayTable(plan: CompilePlan, assembly: ProgramAssembly): Map<string, string> {
  const table = new Map<string, string>();
  for (const u of assembly.units) table.set(u.fileName, originalOf(u.path, plan.graph));
  for (const root of plan.roots) {
    const prelude = join(root.path, "Prelude.bd");
    table.set(unitName(plan, prelude), originalOf(prelude, plan.graph));
  }
  return table;
}

/** The cache key's inputs that do not depend on the import closure. */
function baseKeyInputs(req: ProjectRequest): Pick<KeyInputs, "toolchain" | "schema" | "options"> {
  return {
    toolchain: VERSION,
    schema: ARTIFACT_SCHEMA_VERSION,
    options: { ...loweringOptions(req.command) },
  };
}

function keyBaseOf(req: ProjectRequest): CacheKeyBase {
  return cacheKeyBase(baseKeyInputs(req));
}

function summaryOf(plan: CompilePlan, unitCount: number | undefined): PlanSummary {
  return {
    projectDir: plan.projectDir,
    projectName: plan.projectName,
    manifestPath: plan.manifestPath ?? "",
    ...(plan.target ? { target: { label: plan.target.label, kind: plan.target.kind } } : {}),
    entryFile: plan.entryFile,
    inputs: plan.inputs,
    ...(unitCount !== undefined ? { unitCount } : {}),
  };
}

/**
 * Plan + assembly + cache key. Reads sources and manifests; parses nothing it does not need.
 * With `snapshotOnly`, the closure is taken only from a valid snapshot; without one the plan
 * comes back alone (`planOnly`) and nothing is read beyond the manifests.
 */
export function resolveProject(
  req: ProjectRequest,
  workspaceScanMode = false,
  /** Where closure snapshots may be kept (the local cache folder); none when caching is off. */
  snapshotDir?: (plan: CompilePlan) => string,
  snapshotOnly = false,
): { resolved?: Resolved; planOnly?: PlanOnly; diagnostics: Diagnostic[] } {
  const corelibRoot = req.corelibRoot ? resolvePath(req.cwd, req.corelibRoot) : bundledCorelibRoot();
  const planned = resolvePlan({
    cwd: req.cwd,
    lockMode: req.lockMode ?? "default",
    command: req.command,
    corelibRoot,
    ...(req.project !== undefined ? { project: req.project } : {}),
    ...(req.input !== undefined ? { input: req.input } : {}),
    ...(req.target !== undefined ? { target: req.target } : {}),
    ...(req.workspaceMember !== undefined ? { workspaceMember: req.workspaceMember } : {}),
  });
  const diagnostics = [...planned.diagnostics];
  const plan = planned.value;
  if (!plan || hasErrors(diagnostics)) return { diagnostics };
  const roots = plan.roots.map((r) => ({ name: r.name, path: r.path }));
  const fileName = (path: string) => unitName(plan, path);
  // WorkspaceScan (check --workspace) sweeps the project's own roots; of the corelib only the
  // modules they use join.
  const snapshot =
    snapshotDir && !workspaceScanMode
      ? snapshotPath(snapshotDir(plan), JSON.stringify([plan.entryFile, roots]))
      : undefined;
  let assembly = snapshot ? loadValidSnapshot(snapshot, roots) : undefined;
  const closureFrom = assembly ? "snapshot" : "assembly";
  if (!assembly && snapshotOnly)
    return { planOnly: { plan, summary: summaryOf(plan, undefined), keyBase: keyBaseOf(req) }, diagnostics };
  let saveLater: (() => void) | undefined;
  if (!assembly) {
    const rec = recordingFs();
    const assembled = workspaceScanMode
      ? workspaceScan(
          plan.roots.filter((r) => r.kind !== "corelib").map((r) => ({ name: r.name, path: r.path })),
          {
            projectDir: plan.projectDir,
            entryFile: plan.entryFile,
            fileName,
            libraryRoots: plan.roots
              .filter((r) => r.kind === "corelib")
              .map((r) => ({ name: r.name, path: r.path })),
          },
        )
      : assembleImportClosure(
          { roots, entryFile: plan.entryFile, projectDir: plan.projectDir },
          { fileName, fs: rec.fs },
        );
    diagnostics.push(...assembled.diagnostics);
    assembly = assembled.value;
    if (hasErrors(diagnostics)) {
      // No `Resolved` (and so no unit-path table) comes back: name the files by absolute path,
      // which the display step makes relative to the working directory like every other file.
      const paths = displayTable(plan, assembly);
      return {
        diagnostics: diagnostics.map((d) => {
          const path = d.file === undefined ? undefined : paths.get(d.file);
          return path === undefined ? d : { ...d, file: path };
        }),
      };
    }
    const made = assembly;
    if (snapshot) {
      saveLater = () => {
        try {
          saveSnapshot(snapshot, rec, made);
        } catch {
          // A snapshot is only a shortcut; failing to write one changes nothing.
        }
      };
    }
  }
  const unitPaths = displayTable(plan, assembly);
  const key = computeCacheKey({
    ...baseKeyInputs(req),
    units: assembly.units.map((u) => ({ module: `${u.module}@${u.fileName}`, hash: u.hash })),
    inputs: plan.inputs.map((p) => ({
      path: relative(plan.projectDir, p).split(sep).join("/"),
      hash: hashFile(p),
    })),
  });
  const summary = summaryOf(plan, assembly.units.length);
  return {
    resolved: {
      plan,
      assembly,
      key,
      summary,
      unitPaths,
      closureFrom,
      ...(saveLater ? { saveSnapshot: saveLater } : {}),
    },
    diagnostics,
  };
}

/** Where a project's lowered artifacts are cached unless the request says otherwise. */
export function defaultCacheDir(projectDir: string): string {
  return join(projectDir, "obj", "beskid", "cache");
}

function cacheDirFor(req: ProjectRequest, cache: CacheRequest, plan: { projectDir: string }): string {
  return cache.dir ? resolvePath(req.cwd, cache.dir) : defaultCacheDir(plan.projectDir);
}

export function resolveOnly(
  req: ProjectRequest,
  cache: CacheRequest,
  opts: ResolveOptions = {},
): ResolveResult & { resolved?: Resolved } {
  const snapshotDir = cache.enabled
    ? (plan: { projectDir: string }) => cacheDirFor(req, cache, plan)
    : undefined;
  const { resolved, planOnly, diagnostics } = resolveProject(
    req,
    false,
    snapshotDir,
    opts.closure === "snapshot" && snapshotDir !== undefined,
  );
  const shown = displayDiagnostics(req.cwd, resolved?.unitPaths ?? new Map(), diagnostics);
  if (planOnly) {
    return {
      ok: !hasErrors(shown),
      diagnostics: shown,
      plan: planOnly.summary,
      keyBase: planOnly.keyBase,
      cacheDir: cacheDirFor(req, cache, planOnly.plan),
    };
  }
  if (!resolved) return { ok: false, diagnostics: shown };
  const { closure: _closure, ...keyBase } = resolved.key.components;
  return {
    ok: !hasErrors(shown),
    diagnostics: shown,
    plan: resolved.summary,
    cacheKey: resolved.key,
    keyBase,
    closureFrom: resolved.closureFrom,
    cacheDir: cacheDirFor(req, cache, resolved.plan),
    resolved,
  };
}

/**
 * Plan + import closure + cache key; nothing is parsed beyond what assembly needs, nothing
 * lowered. With `closure: "snapshot"` nothing is parsed at all: the closure comes from a valid
 * closure snapshot or the result carries the plan and `keyBase` only.
 */
export async function resolve(
  req: ProjectRequest,
  cache: CacheRequest,
  opts: ResolveOptions = {},
): Promise<ResolveResult> {
  const { resolved: _internal, ...result } = resolveOnly(req, cache, opts);
  return result;
}
