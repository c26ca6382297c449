/**
 * The dependency graph of a project (PIPELINE.md §1): nodes identified by canonical manifest
 * path (a diamond is one node), cycles reported with the chain spelled out, a deterministic
 * topological order (dependencies first, ties broken by canonical manifest path).
 *
 * Only `path` dependencies are followed; `git` and `registry` ones are reported as E3011, each
 * by name, so the command stops before compiling. This module reads manifests only (through
 * the loader) and never touches source files.
 */

import { basename, dirname, resolve } from "node:path";
import { makeDiagnostic, type Diagnostic } from "../diagnostics/index.ts";
import {
  canonical,
  chooseManifest,
  isDir,
  isFile,
  isProjectManifestName,
  projectManifestsIn,
  type ManifestLoader,
} from "./discover.ts";
import type { DependencySpec, ProjectManifest } from "./manifest.ts";

/** Dependency aliases that name the standard library (docs/projects.md, "The corelib"). */
export const STD_ALIASES: readonly string[] = ["Std", "corelib"];

export interface GraphEdge {
  readonly alias: string;
  /** Canonical manifest path of the dependency. */
  readonly to: string;
}

export interface GraphNode {
  readonly name: string;
  /** Canonical manifest path: the node's identity. */
  readonly manifestPath: string;
  readonly projectDir: string;
  /** Absolute source root of the project (its `root` folder). */
  readonly sourceRoot: string;
  readonly manifest: ProjectManifest;
  readonly deps: readonly GraphEdge[];
}

export interface DependencyGraph {
  /** Topological: dependencies first, the host last; ties by canonical manifest path. */
  readonly nodes: readonly GraphNode[];
  readonly host: GraphNode;
}

/** Where a dependency's manifest is, or undefined when its `path` names none. */
function dependencyManifest(
  fromDir: string,
  dep: DependencySpec,
  diagnostics: Diagnostic[],
): string | undefined {
  const target = resolve(fromDir, dep.path!);
  if (isDir(target)) {
    const found = projectManifestsIn(target);
    return found.length ? chooseManifest(found, diagnostics) : undefined;
  }
  if (isFile(target) && isProjectManifestName(basename(target))) return target;
  return undefined;
}

export function nodeFor(manifest: ProjectManifest): Omit<GraphNode, "deps"> {
  const projectDir = dirname(manifest.file);
  return {
    name: manifest.name,
    manifestPath: manifest.file,
    projectDir,
    sourceRoot: resolve(projectDir, manifest.root),
    manifest,
  };
}

/**
 * Builds the graph reachable from the host manifest. Diagnostics (missing manifests,
 * unsupported sources, cycles, and the dependencies' own manifest problems) are appended.
 */
export function buildGraph(
  host: ProjectManifest,
  loader: ManifestLoader,
  diagnostics: Diagnostic[],
): DependencyGraph {
  const nodes = new Map<string, GraphNode>();
  const stack: string[] = [];

  const visit = (manifest: ProjectManifest): GraphNode => {
    const key = manifest.file;
    const existing = nodes.get(key);
    if (existing) return existing;
    const base = nodeFor(manifest);
    const deps: GraphEdge[] = [];
    const node: GraphNode = { ...base, deps };
    nodes.set(key, node);
    stack.push(key);
    const index = manifest.source.index;
    for (const dep of manifest.dependencies) {
      if (dep.source !== "path" && STD_ALIASES.includes(dep.alias)) {
        // The standard library is toolchain content: the corelib stands in for it (W3029).
        const what =
          dep.source === "git"
            ? `git ${dep.url ?? "?"} at ${dep.rev ?? "?"}`
            : `version ${dep.version ?? "?"}`;
        diagnostics.push(
          makeDiagnostic(
            "W3029",
            {
              detail: `dependency "${dep.alias}" of ${manifest.name} (${what}) is the corelib this toolchain compiles against`,
              help: "the version is not checked; set BESKID_CORELIB_ROOT (or the action's corelib-path) to compile against another corelib checkout",
            },
            { span: dep.sourceSpan, index },
          ),
        );
        continue;
      }
      if (dep.source !== "path") {
        const where =
          dep.source === "git"
            ? `url ${dep.url ?? "?"} at ${dep.rev ?? "?"}`
            : `version ${dep.version ?? "?"}${dep.registry ? ` from ${dep.registry}` : ""}`;
        diagnostics.push(
          makeDiagnostic(
            "E3011",
            {
              detail: `dependency "${dep.alias}" of ${manifest.name} uses source = ${dep.source} (${where})`,
              help: "only source = path dependencies are resolved by beskid-ci; vendor the dependency and point a path at it",
            },
            { span: dep.sourceSpan, index },
          ),
        );
        continue;
      }
      const found = dependencyManifest(base.projectDir, dep, diagnostics);
      if (!found) {
        diagnostics.push(
          makeDiagnostic(
            "E3006",
            {
              detail: `dependency "${dep.alias}": no Project.proj or *.bproj at ${resolve(base.projectDir, dep.path!)}`,
            },
            { span: dep.pathSpan ?? dep.labelSpan, index },
          ),
        );
        continue;
      }
      const target = canonical(found);
      const at = stack.indexOf(target);
      if (at >= 0) {
        const chain = [...stack.slice(at), target].map((k) => nodes.get(k)!.name);
        diagnostics.push(
          makeDiagnostic(
            "E3007",
            { detail: chain.join(" -> "), help: "remove one of these dependencies to break the cycle" },
            { span: dep.labelSpan, index },
          ),
        );
        continue;
      }
      const depManifest = loader.project(target);
      if (!depManifest) continue;
      deps.push({ alias: dep.alias, to: depManifest.file });
      visit(depManifest);
    }
    stack.pop();
    return node;
  };

  const hostNode = visit(host);
  return { nodes: topological([...nodes.values()]), host: hostNode };
}

/** Kahn's algorithm with the ready set ordered by canonical manifest path. */
function topological(all: GraphNode[]): GraphNode[] {
  const byPath = [...all].sort((a, b) =>
    a.manifestPath < b.manifestPath ? -1 : a.manifestPath > b.manifestPath ? 1 : 0,
  );
  const done = new Set<string>();
  const out: GraphNode[] = [];
  while (out.length < byPath.length) {
    const next = byPath.find((n) => !done.has(n.manifestPath) && n.deps.every((d) => done.has(d.to)));
    // A cycle (already reported) leaves no ready node: emit the rest in path order.
    const pick = next ?? byPath.find((n) => !done.has(n.manifestPath))!;
    done.add(pick.manifestPath);
    out.push(pick);
  }
  return out;
}
