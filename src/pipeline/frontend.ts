/**
 * The front half of the spine, shared by every command: plan (project stage), import
 * closure (assembly), cache key, then — only on a cache miss — parse, analyze and lower.
 *
 * File names: the artifact and every diagnostic name a source file by a machine-independent
 * "unit name" (the path relative to the project folder, or `<root>:<path>` for files outside
 * it, such as the bundled corelib), so a cached artifact is valid on any machine. Surfaces
 * turn unit names into paths the user can open with `displayPath`.
 */

import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve as resolvePath, sep } from "node:path";
import { hasErrors, type Diagnostic } from "../diagnostics/index.ts";
import { resolvePlan, type CompilePlan } from "../project/index.ts";
import {
  assembleImportClosure,
  nodeFs,
  resolveModule,
  workspaceScan,
  type ProgramAssembly,
} from "../assembly/index.ts";
import { parseFile } from "../syntax/index.ts";
import { analyze } from "../semantics/index.ts";
import { lower } from "../lowering/index.ts";
import { ARTIFACT_SCHEMA_VERSION, type CodegenArtifact } from "../artifact/index.ts";
import { sha256Hex } from "../util/fs.ts";
import { bundledCorelibRoot } from "../util/paths.ts";
import { VERSION } from "../version.ts";
import type { CacheKey, PlanSummary, ProjectRequest } from "./api.ts";
import { computeCacheKey } from "./cache.ts";
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

/** Plan + assembly + cache key. Reads sources and manifests; parses nothing it does not need. */
export function resolveProject(
  req: ProjectRequest,
  workspaceScanMode = false,
  /** Where closure snapshots may be kept (the local cache folder); none when caching is off. */
  snapshotDir?: (plan: CompilePlan) => string,
): { resolved?: Resolved; diagnostics: Diagnostic[] } {
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
  // WorkspaceScan (check --workspace) covers the project's own roots, not the corelib's files.
  const snapshot =
    snapshotDir && !workspaceScanMode
      ? snapshotPath(snapshotDir(plan), JSON.stringify([plan.entryFile, roots]))
      : undefined;
  let assembly = snapshot ? loadValidSnapshot(snapshot, roots) : undefined;
  let saveLater: (() => void) | undefined;
  if (!assembly) {
    const rec = recordingFs();
    const assembled = workspaceScanMode
      ? workspaceScan(
          plan.roots.filter((r) => r.kind !== "corelib").map((r) => ({ name: r.name, path: r.path })),
          { projectDir: plan.projectDir, entryFile: plan.entryFile, fileName },
        )
      : assembleImportClosure(
          { roots, entryFile: plan.entryFile, projectDir: plan.projectDir },
          { fileName, fs: rec.fs },
        );
    diagnostics.push(...assembled.diagnostics);
    assembly = assembled.value;
    if (hasErrors(diagnostics)) return { diagnostics };
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
  const unitPaths = new Map<string, string>();
  for (const u of assembly.units) unitPaths.set(u.fileName, u.path);
  const key = computeCacheKey({
    toolchain: VERSION,
    schema: ARTIFACT_SCHEMA_VERSION,
    options: { ...loweringOptions(req.command) },
    units: assembly.units.map((u) => ({ module: `${u.module}@${u.fileName}`, hash: u.hash })),
    inputs: plan.inputs.map((p) => ({
      path: relative(plan.projectDir, p).split(sep).join("/"),
      hash: hashFile(p),
    })),
  });
  const summary: PlanSummary = {
    projectDir: plan.projectDir,
    projectName: plan.projectName,
    manifestPath: plan.manifestPath ?? "",
    ...(plan.target ? { target: { label: plan.target.label, kind: plan.target.kind } } : {}),
    entryFile: plan.entryFile,
    inputs: plan.inputs,
    unitCount: assembly.units.length,
  };
  return {
    resolved: { plan, assembly, key, summary, unitPaths, ...(saveLater ? { saveSnapshot: saveLater } : {}) },
    diagnostics,
  };
}

/** A snapshot gives units without trees: assemble (and parse) for real when compiling. */
function reassemble(r: Resolved, diagnostics: Diagnostic[]): ProgramAssembly {
  const roots = r.plan.roots.map((x) => ({ name: x.name, path: x.path }));
  const assembled = assembleImportClosure(
    { roots, entryFile: r.plan.entryFile, projectDir: r.plan.projectDir },
    { fileName: (path) => unitName(r.plan, path) },
  );
  diagnostics.push(...assembled.diagnostics);
  return assembled.value;
}

/** Parse (reusing trees assembly already made), analyze, and lower — or stop at errors. */
export function compileProgram(
  r: Resolved,
  options: LoweringOptions,
  stopAfterCheck = false,
): { artifact?: CodegenArtifact; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const assembly = r.assembly.units.every((u) => u.tree) ? r.assembly : reassemble(r, diagnostics);
  const units = assembly.units.map((u) => {
    if (u.tree && u.lineIndex)
      return { file: u.fileName, module: u.module, tree: u.tree, lineIndex: u.lineIndex };
    // Assembly parses every unit it reads; this only runs for a facts provider without trees.
    const parsed = parseFile(u.text, u.fileName);
    diagnostics.push(...parsed.diagnostics);
    return { file: u.fileName, module: u.module, tree: parsed.tree, lineIndex: parsed.lineIndex };
  });
  if (hasErrors(diagnostics)) return { diagnostics };
  const analyzed = analyze(units, {
    entryModuleIndex: assembly.entryIndex,
    // Only consulted for hints on errors ("import it: `use Core.Output;`").
    moduleExists: (path) => resolveModule(r.plan.roots, path.split("."), nodeFs.isFile) !== undefined,
  });
  // Warnings inside the toolchain's corelib are not the user's to act on (e.g. the W1204 that
  // LANGUAGE.md D23 requires in Query.QueryState); errors there are still shown.
  const corelibFiles = new Set(
    assembly.units.filter((u) => r.plan.roots[u.rootIndex]?.kind === "corelib").map((u) => u.fileName),
  );
  diagnostics.push(
    ...analyzed.diagnostics.filter(
      (d) => d.severity === "error" || d.file === undefined || !corelibFiles.has(d.file),
    ),
  );
  if (hasErrors(diagnostics) || stopAfterCheck) return { diagnostics };
  const artifact = lower(analyzed.program, { tests: options.tests, library: options.exports });
  return { artifact, diagnostics };
}
