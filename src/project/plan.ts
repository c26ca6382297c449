/**
 * `resolvePlan`: from a request (cwd, --project, input, --target, --workspace-member, lock
 * mode) to a `CompilePlan` (PIPELINE.md §1): the manifest, the workspace member, the target and
 * entry file, the dependency graph, the lock check or write, materialization, and the
 * effective roots (host source root, dependencies' materialized roots in graph order, then the
 * implicit corelib's source root).
 *
 * The lock write and materialization happen inside `resolvePlan` (so no caller can forget
 * them); any error-severity diagnostic stops before them and the plan is undefined. This
 * module never reads `.bd` files (it only checks that the entry file exists).
 */

import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { hasErrors, makeDiagnostic, type Diagnostic, type WithDiagnostics } from "../diagnostics/index.ts";
import { writeFileAtomic } from "../util/fs.ts";
import {
  canonical,
  chooseManifest,
  findUp,
  isDir,
  isFile,
  isProjectManifestName,
  isWorkspaceManifestName,
  ManifestLoader,
  projectManifestsIn,
  workspaceManifestsIn,
} from "./discover.ts";
import { STD_ALIASES, buildGraph } from "./graph.ts";
import { decideLock, type LockContents, type LockEntry, type LockMode } from "./lock.ts";
import type { ProjectManifest, ProjectType, TargetKind, WorkspaceManifest } from "./manifest.ts";
import { materializeAll, materializedRoot } from "./materialize.ts";

export type PlanCommand = "check" | "lower" | "run" | "test" | "build" | "assemble";

export interface PlanRequest {
  readonly cwd: string;
  /** `--project`: a folder or a manifest file (project or workspace). */
  readonly project?: string;
  /** An input: a `.bd` file (bypasses target selection), or a folder/manifest like --project. */
  readonly input?: string;
  readonly target?: string;
  readonly workspaceMember?: string;
  readonly lockMode: LockMode;
  /** Absolute folder of the corelib project to attach; none is attached when absent. */
  readonly corelibRoot?: string;
  readonly command: PlanCommand;
}

export interface EffectiveRoot {
  /** Project name of the root's owner (`corelib` for the implicit corelib). */
  readonly name: string;
  /** Absolute folder. */
  readonly path: string;
  /** The alias the host declared for a dependency root. */
  readonly alias?: string;
  readonly kind: "host" | "dependency" | "corelib";
}

export interface PlanNode {
  readonly name: string;
  readonly manifestPath: string;
  readonly projectDir: string;
  readonly sourceRoot: string;
  /** Where assembly reads this dependency (absent for the host). */
  readonly materializedRoot?: string;
  readonly deps: readonly { readonly alias: string; readonly manifestPath: string }[];
}

export interface CompilePlan {
  /** Canonical project folder (the input file's folder when there is no project). */
  readonly projectDir: string;
  /** Absent when a lone `.bd` file is compiled without any manifest. */
  readonly manifestPath?: string;
  readonly projectName: string;
  readonly projectType?: ProjectType;
  readonly target?: { readonly label: string; readonly kind: TargetKind; readonly entry: string };
  readonly entryFile: string;
  readonly roots: readonly EffectiveRoot[];
  /** Every manifest read and the lock, sorted: the non-source inputs of the cache key. */
  readonly inputs: readonly string[];
  /** Topological order, dependencies first, the host last. */
  readonly graph: readonly PlanNode[];
  readonly workspace?: {
    readonly manifestPath: string;
    readonly name: string;
    readonly members: readonly { readonly label: string; readonly path: string }[];
    readonly member?: string;
  };
  readonly lock?: { readonly path: string; readonly action: "unchanged" | "written" };
  readonly corelib?: { readonly sourceRoot: string; readonly manifestPath?: string };
}

type Located =
  { kind: "project"; manifest: string; workspace?: WsChoice } | { kind: "file"; file: string } | undefined;
interface WsChoice {
  manifest: WorkspaceManifest;
  member?: string;
}

function fail(diagnostics: Diagnostic[]): WithDiagnostics<undefined> {
  return { value: undefined, diagnostics };
}

/** Is `child` inside (or equal to) `parent`? */
function within(parent: string, child: string): boolean {
  const r = relative(parent, child);
  return r === "" || (!r.startsWith("..") && !r.startsWith(sep) && !/^[A-Za-z]:/.test(r));
}

/** Chooses a workspace member (PIPELINE.md §1) and returns its project manifest path. */
function selectMember(
  ws: WorkspaceManifest,
  req: PlanRequest,
  inputPath: string | undefined,
  diagnostics: Diagnostic[],
): { manifest: string; member: string } | undefined {
  const wsDir = dirname(ws.file);
  const index = ws.source.index;
  if (ws.members.length === 0) {
    diagnostics.push(
      makeDiagnostic(
        "E3014",
        { detail: `workspace ${ws.name} has no members` },
        { span: ws.rootSpan, index },
      ),
    );
    return undefined;
  }
  let chosen = ws.members[0]!;
  if (req.workspaceMember !== undefined) {
    const m = ws.members.find((x) => x.label === req.workspaceMember);
    if (!m) {
      diagnostics.push(
        makeDiagnostic(
          "E3014",
          {
            detail: `'${req.workspaceMember}' in workspace ${ws.name}`,
            notes: [`members: ${ws.members.map((x) => x.label).join(", ")}`],
          },
          { file: ws.file },
        ),
      );
      return undefined;
    }
    chosen = m;
  } else {
    const containing = inputPath
      ? ws.members
          .map((m) => ({ m, dir: resolve(wsDir, m.path) }))
          .filter((x) => within(isFile(x.dir) ? dirname(x.dir) : x.dir, inputPath))
          .sort((a, b) => b.dir.length - a.dir.length)[0]?.m
      : undefined;
    const dtm =
      req.command === "test" && ws.defaultTestMember
        ? ws.members.find((x) => x.label === ws.defaultTestMember)
        : undefined;
    chosen = containing ?? dtm ?? chosen;
  }
  const target = resolve(wsDir, chosen.path);
  let manifest: string | undefined;
  if (isDir(target)) {
    const found = projectManifestsIn(target);
    if (found.length) manifest = chooseManifest(found, diagnostics);
  } else if (isFile(target) && isProjectManifestName(basename(target))) manifest = target;
  if (!manifest) {
    diagnostics.push(
      makeDiagnostic(
        "E3001",
        { detail: `member "${chosen.label}": no Project.proj or *.bproj at ${target}` },
        { span: chosen.pathSpan, index },
      ),
    );
    return undefined;
  }
  return { manifest, member: chosen.label };
}

function noWorkspace(member: string, where: string, above: boolean): Diagnostic {
  const place = `${where}${above ? " or any folder above it" : ""}`;
  return makeDiagnostic(
    "E3014",
    { detail: `--workspace-member ${member} was given, but there is no Workspace.proj or *.bws in ${place}` },
    undefined,
  );
}

/** Decides which manifest (or lone file) the request is about. */
function locate(req: PlanRequest, loader: ManifestLoader, diagnostics: Diagnostic[]): Located {
  let explicit = req.project !== undefined ? resolve(req.cwd, req.project) : undefined;
  let inputFile: string | undefined;
  if (req.input !== undefined) {
    const p = resolve(req.cwd, req.input);
    if (extname(p) === ".bd") {
      if (!isFile(p)) {
        diagnostics.push(
          makeDiagnostic("E9001", { detail: `${req.input} is not a readable file` }, { file: p }),
        );
        return undefined;
      }
      inputFile = canonical(p);
    } else if (explicit === undefined && (isDir(p) || isFile(p))) {
      explicit = p;
    } else {
      diagnostics.push(
        makeDiagnostic(
          "E9001",
          { detail: `${req.input} is neither a .bd file nor a project folder or manifest` },
          { file: p },
        ),
      );
      return undefined;
    }
  }

  const fromWorkspace = (wsFile: string): Located => {
    const ws = loader.workspace(wsFile);
    if (!ws) return undefined;
    const sel = selectMember(ws, req, inputFile ?? (req.input ? undefined : req.cwd), diagnostics);
    return sel
      ? { kind: "project", manifest: sel.manifest, workspace: { manifest: ws, member: sel.member } }
      : undefined;
  };

  if (explicit !== undefined) {
    if (isFile(explicit)) {
      const name = basename(explicit);
      if (isProjectManifestName(name)) return { kind: "project", manifest: explicit };
      if (isWorkspaceManifestName(name)) return fromWorkspace(explicit);
      diagnostics.push(
        makeDiagnostic(
          "E3001",
          { detail: `${explicit} is not a manifest (Project.proj, *.bproj, Workspace.proj, *.bws)` },
          { file: explicit },
        ),
      );
      return undefined;
    }
    if (isDir(explicit)) {
      if (req.workspaceMember === undefined) {
        const projects = projectManifestsIn(explicit);
        if (projects.length) return { kind: "project", manifest: chooseManifest(projects, diagnostics) };
      }
      const workspaces = workspaceManifestsIn(explicit);
      if (workspaces.length) return fromWorkspace(chooseManifest(workspaces, diagnostics));
      if (req.workspaceMember !== undefined) {
        diagnostics.push(noWorkspace(req.workspaceMember, explicit, false));
        return undefined;
      }
      diagnostics.push(
        makeDiagnostic(
          "E3001",
          { detail: `no Project.proj, *.bproj, Workspace.proj or *.bws in ${explicit}` },
          { file: explicit },
        ),
      );
      return undefined;
    }
    diagnostics.push(
      makeDiagnostic("E3001", { detail: `${req.project ?? req.input} does not exist` }, { file: explicit }),
    );
    return undefined;
  }

  const start = inputFile ? dirname(inputFile) : resolve(req.cwd);
  if (req.workspaceMember === undefined) {
    const project = findUp(start, projectManifestsIn);
    if (project) return { kind: "project", manifest: chooseManifest(project, diagnostics) };
  }
  const workspace = findUp(start, workspaceManifestsIn);
  if (workspace) return fromWorkspace(chooseManifest(workspace, diagnostics));
  if (req.workspaceMember !== undefined) {
    diagnostics.push(noWorkspace(req.workspaceMember, start, true));
    return undefined;
  }
  if (inputFile) return { kind: "file", file: inputFile };
  diagnostics.push(
    makeDiagnostic(
      "E3001",
      {
        detail: `no Project.proj, *.bproj, Workspace.proj or *.bws in ${start} or any folder above it`,
        help: "pass --project <folder> or a .bd input file",
      },
      undefined,
    ),
  );
  return undefined;
}

/** The workspace that lists this project as a member, if any (for plan information). */
function enclosingWorkspace(projectManifest: string, loader: ManifestLoader): WsChoice | undefined {
  const dir = dirname(projectManifest);
  const found = findUp(dir, workspaceManifestsIn);
  if (!found) return undefined;
  const ws = loader.workspace(found[0]!);
  if (!ws) return undefined;
  const wsDir = dirname(ws.file);
  const member = ws.members.find((m) => {
    const p = resolve(wsDir, m.path);
    return canonical(isFile(p) ? dirname(p) : p) === dir;
  });
  return member ? { manifest: ws, member: member.label } : undefined;
}

/** The corelib's source root: its manifest's `root`, or the folder itself when it has none. */
function corelibSource(
  root: string,
  loader: ManifestLoader,
  diagnostics: Diagnostic[],
): { sourceRoot: string; manifestPath?: string } | undefined {
  if (!isDir(root)) {
    diagnostics.push(makeDiagnostic("E3025", { detail: `${root} is not a folder` }, { file: root }));
    return undefined;
  }
  const found = projectManifestsIn(root);
  if (found.length === 0) return { sourceRoot: canonical(root) };
  const m = loader.project(chooseManifest(found, diagnostics));
  if (!m) return undefined;
  return { sourceRoot: resolve(dirname(m.file), m.root), manifestPath: m.file };
}

function attachCorelib(host: ProjectManifest | undefined, req: PlanRequest): boolean {
  if (req.corelibRoot === undefined) return false;
  if (!host) return true;
  if (host.name === "corelib") return false;
  if (canonical(dirname(host.file)) === canonical(req.corelibRoot)) return false;
  // A path dependency aliased Std/corelib replaces the implicit corelib; a git or registry one
  // is satisfied by it (W3029, graph.ts).
  return !host.dependencies.some((d) => STD_ALIASES.includes(d.alias) && d.source === "path");
}

export function resolvePlan(req: PlanRequest): WithDiagnostics<CompilePlan | undefined> {
  const diagnostics: Diagnostic[] = [];
  const loader = new ManifestLoader(diagnostics);
  const located = locate(req, loader, diagnostics);
  if (!located || hasErrors(diagnostics)) return fail(diagnostics);

  const inputFile =
    req.input !== undefined && extname(req.input) === ".bd"
      ? canonical(resolve(req.cwd, req.input))
      : undefined;

  if (located.kind === "file") {
    // A lone file: named by its stem, its folder is the only own root.
    const dir = dirname(located.file);
    const roots: EffectiveRoot[] = [{ name: basename(located.file, ".bd"), path: dir, kind: "host" }];
    let corelib: CompilePlan["corelib"];
    if (attachCorelib(undefined, req)) {
      corelib = corelibSource(req.corelibRoot!, loader, diagnostics);
      if (corelib) roots.push({ name: "corelib", path: corelib.sourceRoot, kind: "corelib" });
    }
    if (hasErrors(diagnostics)) return fail(diagnostics);
    return {
      value: {
        projectDir: dir,
        projectName: basename(located.file, ".bd"),
        entryFile: located.file,
        roots,
        inputs: [...loader.read].sort(),
        graph: [],
        ...(corelib ? { corelib } : {}),
      },
      diagnostics,
    };
  }

  const host = loader.project(located.manifest);
  if (!host || hasErrors(diagnostics)) return fail(diagnostics);
  const projectDir = dirname(host.file);
  const hostIndex = host.source.index;

  // Target and entry.
  let target: CompilePlan["target"];
  let entryFile: string;
  if (inputFile) {
    entryFile = inputFile;
  } else {
    const labels = host.targets.map((t) => t.label);
    let chosen =
      req.target !== undefined
        ? host.targets.find((t) => t.label === req.target)
        : (host.targets.find((t) => t.kind === "App") ?? host.targets[0]);
    if (!chosen) {
      diagnostics.push(
        makeDiagnostic(
          "E3005",
          {
            detail:
              req.target !== undefined
                ? `no target "${req.target}" in ${host.name}`
                : `${host.name} (${host.type}) declares no targets`,
            notes: [labels.length ? `targets: ${labels.join(", ")}` : "the project has no targets"],
          },
          { span: host.rootSpan, index: hostIndex },
        ),
      );
      return fail(diagnostics);
    }
    // The target rule is the same for every command (docs/projects.md); `test` says when it
    // leaves a `Test` target out, since a green run that skipped it is easy to miss in CI.
    const testTarget = host.targets.find((t) => t.kind === "Test");
    if (req.command === "test" && req.target === undefined && chosen.kind !== "Test" && testTarget) {
      diagnostics.push(
        makeDiagnostic(
          "W3028",
          {
            detail: `running the tests of target "${chosen.label}"; "${testTarget.label}" is not run`,
            help: `pass --target ${testTarget.label} for its tests (or --target ${chosen.label} to silence this)`,
          },
          { span: testTarget.labelSpan, index: hostIndex },
        ),
      );
    }
    const entry = chosen.entry ?? `${host.name}.bd`;
    entryFile = resolve(projectDir, host.root, entry);
    target = { label: chosen.label, kind: chosen.kind, entry };
    if (!isFile(entryFile)) {
      diagnostics.push(
        makeDiagnostic(
          "E3027",
          {
            detail: `target "${chosen.label}" names ${relative(projectDir, entryFile).split(sep).join("/")}, which does not exist`,
          },
          { span: chosen.entrySpan ?? chosen.labelSpan, index: hostIndex },
        ),
      );
    } else entryFile = canonical(entryFile);
  }

  const graph = buildGraph(host, loader, diagnostics);
  const workspace = located.workspace ?? enclosingWorkspace(host.file, loader);
  let corelib: CompilePlan["corelib"];
  if (attachCorelib(host, req)) corelib = corelibSource(req.corelibRoot!, loader, diagnostics);
  if (hasErrors(diagnostics)) return fail(diagnostics);

  // Lock: one entry per (alias, dependency) edge anywhere in the graph.
  const deps = graph.nodes.filter((n) => n !== graph.host);
  const matRoot = new Map(deps.map((n) => [n.manifestPath, materializedRoot(projectDir, n)]));
  const byPath = new Map(graph.nodes.map((n) => [n.manifestPath, n]));
  const entries: LockEntry[] = [];
  for (const n of graph.nodes) {
    for (const e of n.deps) {
      const d = byPath.get(e.to)!;
      entries.push({
        name: e.alias,
        manifest: d.manifestPath,
        project: d.projectDir,
        sourceRoot: d.sourceRoot,
        materializedRoot: matRoot.get(d.manifestPath)!,
      });
    }
  }
  const expected: LockContents = { rootManifest: host.file, projectName: host.name, dependencies: entries };
  const lockPath = join(projectDir, "Project.lock");
  let current: string | undefined;
  try {
    current = existsSync(lockPath) ? readFileSync(lockPath, "utf8") : undefined;
  } catch (e) {
    diagnostics.push(
      makeDiagnostic("E9001", { detail: `${lockPath}: ${(e as Error).message}` }, { file: lockPath }),
    );
    return fail(diagnostics);
  }
  const decision = decideLock(req.lockMode, lockPath, projectDir, expected, current);
  let lockAction: "unchanged" | "written" = "unchanged";
  if (decision.action === "fail") return fail([...diagnostics, ...decision.diagnostics]);
  if (decision.action === "write") {
    try {
      writeFileAtomic(lockPath, decision.text);
      lockAction = "written";
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const readOnly = code === "EACCES" || code === "EPERM" || code === "EROFS";
      diagnostics.push(
        makeDiagnostic(
          "E9002",
          {
            detail: `${lockPath}: ${(e as Error).message}`,
            ...(readOnly
              ? {
                  help: `the project folder cannot be written: commit the Project.lock a writable checkout writes and pass --frozen here (it is ${decision.reason})`,
                }
              : {}),
          },
          { file: lockPath },
        ),
      );
      return fail(diagnostics);
    }
  }

  try {
    materializeAll(projectDir, deps);
  } catch (e) {
    diagnostics.push(makeDiagnostic("E3024", { detail: (e as Error).message }, { file: host.file }));
    return fail(diagnostics);
  }

  const hostAliases = new Map(graph.host.deps.map((e) => [e.to, e.alias]));
  const roots: EffectiveRoot[] = [{ name: host.name, path: resolve(projectDir, host.root), kind: "host" }];
  for (const n of deps) {
    const alias = hostAliases.get(n.manifestPath);
    roots.push({
      name: n.name,
      path: matRoot.get(n.manifestPath)!,
      ...(alias ? { alias } : {}),
      kind: "dependency",
    });
  }
  if (corelib) roots.push({ name: "corelib", path: corelib.sourceRoot, kind: "corelib" });

  const inputs = [...new Set([...loader.read, lockPath])].sort();
  return {
    value: {
      projectDir,
      manifestPath: host.file,
      projectName: host.name,
      projectType: host.type,
      ...(target ? { target } : {}),
      entryFile,
      roots,
      inputs,
      graph: graph.nodes.map((n) => ({
        name: n.name,
        manifestPath: n.manifestPath,
        projectDir: n.projectDir,
        sourceRoot: n.sourceRoot,
        ...(matRoot.has(n.manifestPath) ? { materializedRoot: matRoot.get(n.manifestPath)! } : {}),
        deps: n.deps.map((e) => ({ alias: e.alias, manifestPath: e.to })),
      })),
      ...(workspace
        ? {
            workspace: {
              manifestPath: workspace.manifest.file,
              name: workspace.manifest.name,
              members: workspace.manifest.members.map((m) => ({
                label: m.label,
                path: resolve(dirname(workspace.manifest.file), m.path),
              })),
              ...(workspace.member ? { member: workspace.member } : {}),
            },
          }
        : {}),
      lock: { path: lockPath, action: lockAction },
      ...(corelib ? { corelib } : {}),
    },
    diagnostics,
  };
}
