/**
 * Finding and loading manifests: which files in a folder are project or workspace
 * manifests, walking up from a path, and a per-request loader that parses each manifest once.
 *
 * Listing a folder here only looks for manifest names; `.bd` files are never read or listed
 * by this stage. The loader is created per request (no global cache: the compiler also runs
 * inside a long-lived server where files change between requests).
 */

import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { makeDiagnostic, type Diagnostic } from "../diagnostics/index.ts";
import {
  parseProjectManifest,
  parseWorkspaceManifest,
  type ProjectManifest,
  type WorkspaceManifest,
} from "./manifest.ts";

export function isProjectManifestName(name: string): boolean {
  return name === "Project.proj" || (name.endsWith(".bproj") && name.length > ".bproj".length);
}

export function isWorkspaceManifestName(name: string): boolean {
  return name === "Workspace.proj" || (name.endsWith(".bws") && name.length > ".bws".length);
}

function listNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Manifests of one role in a folder: the older fixed name first, then newer ones by name. */
function manifestsIn(dir: string, older: string, isRole: (n: string) => boolean): string[] {
  const names = listNames(dir).filter(isRole);
  names.sort((a, b) => (a === older ? -1 : b === older ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return names.filter((n) => isFile(join(dir, n))).map((n) => join(dir, n));
}

export function projectManifestsIn(dir: string): string[] {
  return manifestsIn(dir, "Project.proj", isProjectManifestName);
}

export function workspaceManifestsIn(dir: string): string[] {
  return manifestsIn(dir, "Workspace.proj", isWorkspaceManifestName);
}

export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The canonical form of a path (symlinks resolved) used as a node identity. */
export function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** Walks up from `start` (a folder) to the first folder where `pick` finds something. */
export function findUp(start: string, pick: (dir: string) => string[]): string[] | undefined {
  let dir = resolve(start);
  for (;;) {
    const found = pick(dir);
    if (found.length) return found;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Picks one manifest among several in a folder, warning about the others. */
export function chooseManifest(found: readonly string[], diagnostics: Diagnostic[]): string {
  if (found.length > 1) {
    diagnostics.push(
      makeDiagnostic(
        "W3013",
        {
          detail: `using ${basename(found[0]!)}; ignoring ${found
            .slice(1)
            .map((f) => basename(f))
            .join(", ")}`,
        },
        { file: found[0]! },
      ),
    );
  }
  return found[0]!;
}

/** Parses manifests on demand, once each per request, keyed by canonical path. */
export class ManifestLoader {
  private readonly projects = new Map<string, ProjectManifest | undefined>();
  private readonly workspaces = new Map<string, WorkspaceManifest | undefined>();
  /** Every manifest read, in first-read order (for cache-key inputs). */
  readonly read: string[] = [];

  constructor(private readonly diagnostics: Diagnostic[]) {}

  private text(file: string): string | undefined {
    try {
      const t = readFileSync(file, "utf8");
      this.read.push(file);
      return t;
    } catch (e) {
      this.diagnostics.push(
        makeDiagnostic("E9001", { detail: `${file}: ${(e as Error).message}` }, { file }),
      );
      return undefined;
    }
  }

  project(file: string): ProjectManifest | undefined {
    const key = canonical(file);
    if (!this.projects.has(key)) {
      const text = this.text(key);
      let value: ProjectManifest | undefined;
      if (text !== undefined) {
        const r = parseProjectManifest(text, key);
        this.diagnostics.push(...r.diagnostics);
        value = r.value;
      }
      this.projects.set(key, value);
    }
    return this.projects.get(key);
  }

  workspace(file: string): WorkspaceManifest | undefined {
    const key = canonical(file);
    if (!this.workspaces.has(key)) {
      const text = this.text(key);
      let value: WorkspaceManifest | undefined;
      if (text !== undefined) {
        const r = parseWorkspaceManifest(text, key);
        this.diagnostics.push(...r.diagnostics);
        value = r.value;
      }
      this.workspaces.set(key, value);
    }
    return this.workspaces.get(key);
  }
}
