/**
 * `Project.lock` v1: rendering (byte for byte as PIPELINE.md §1 specifies), parsing, and the
 * default / --locked / --frozen decision table.
 *
 * Paths are written relative to the project folder with `/` separators, so a lock committed on
 * one machine is valid on another; absolute paths are accepted on read. Comparing a lock with
 * the expected one is done on resolved absolute paths, so a lock written with absolute paths by
 * another tool is fresh when it means the same thing. This module never writes directly: the
 * caller gets a decision and writes through `writeFileAtomic`.
 */

import { isAbsolute, relative, resolve, sep } from "node:path";
import { LineIndex, makeDiagnostic, type Diagnostic } from "../diagnostics/index.ts";

export type LockMode = "default" | "locked" | "frozen";

export interface LockEntry {
  /** The alias the dependency is declared under. */
  readonly name: string;
  /** Absolute paths (resolved against the project folder on read). */
  readonly manifest: string;
  readonly project: string;
  readonly sourceRoot: string;
  readonly materializedRoot: string;
}

export interface LockContents {
  readonly rootManifest: string;
  readonly projectName: string;
  readonly dependencies: readonly LockEntry[];
}

export const LOCK_HEADER = "# Project.lock v1";

/** A path as written into the lock: relative to the project folder, `/`-separated. */
function rel(projectDir: string, p: string): string {
  const r = relative(projectDir, p);
  return (r === "" ? "." : r).split(sep).join("/");
}

export function entryLine(projectDir: string, e: LockEntry): string {
  return (
    `- name=${e.name};manifest=${rel(projectDir, e.manifest)};project=${rel(projectDir, e.project)};` +
    `source_root=${rel(projectDir, e.sourceRoot)};materialized_root=${rel(projectDir, e.materializedRoot)}`
  );
}

/** The exact bytes of the lock for these contents. */
export function renderLock(projectDir: string, lock: LockContents): string {
  const lines = [...new Set(lock.dependencies.map((e) => entryLine(projectDir, e)))].sort();
  return [
    LOCK_HEADER,
    `root_manifest=${rel(projectDir, lock.rootManifest)}`,
    `project_name=${lock.projectName}`,
    "dependencies:",
    ...lines,
    "",
  ].join("\n");
}

const ENTRY_KEYS = ["name", "manifest", "project", "source_root", "materialized_root"] as const;

/** Parses a lock; malformed lines are E3021 with their position. */
export function parseLock(
  text: string,
  file: string,
  projectDir: string,
): { lock?: LockContents; diagnostics: Diagnostic[] } {
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const abs = (p: string): string => (isAbsolute(p) ? resolve(p) : resolve(projectDir, p));
  let offset = 0;
  let rootManifest: string | undefined;
  let projectName: string | undefined;
  let sawHeader = false;
  let inDeps = false;
  const deps: LockEntry[] = [];
  const bad = (start: number, length: number, detail: string, help?: string): void => {
    diagnostics.push(
      makeDiagnostic(
        "E3021",
        { detail, ...(help ? { help } : {}) },
        { span: { file, start, end: start + length }, index },
      ),
    );
  };
  const rawLines = text.split("\n");
  for (let i = 0; i < rawLines.length; i++) {
    const raw = rawLines[i]!;
    let line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    let at = offset;
    if (i === 0 && line.startsWith("\ufeff")) {
      line = line.slice(1); // a byte order mark from an editor is not content
      at++;
    }
    offset += raw.length + 1;
    if (line.trim() === "") continue;
    if (!sawHeader) {
      if (line !== LOCK_HEADER) {
        // A later format (another toolchain wrote it) is not rewritten behind the user's back:
        // say which version this toolchain reads and what to do about it.
        const version = /^#\s*Project\.lock\s+v(\d+)\s*$/.exec(line)?.[1];
        const newer = version !== undefined && Number(version) > 1;
        bad(
          at,
          line.length,
          newer
            ? `'${line}' is lock format v${version}, written by a newer toolchain; this beskid-ci reads '${LOCK_HEADER}'`
            : `the first line must be '${LOCK_HEADER}', found '${line}'`,
          newer
            ? "use the toolchain that wrote the lock, or delete Project.lock and run once without --locked/--frozen to write a v1 lock"
            : undefined,
        );
        return { diagnostics };
      }
      sawHeader = true;
      continue;
    }
    if (!inDeps && line.startsWith("root_manifest=")) {
      rootManifest = line.slice("root_manifest=".length);
    } else if (!inDeps && line.startsWith("project_name=")) {
      projectName = line.slice("project_name=".length);
    } else if (!inDeps && line === "dependencies:") {
      inDeps = true;
    } else if (inDeps && line.startsWith("- ")) {
      const fields = new Map<string, string>();
      for (const part of line.slice(2).split(";")) {
        const eq = part.indexOf("=");
        if (eq <= 0) continue;
        fields.set(part.slice(0, eq), part.slice(eq + 1));
      }
      const missing = ENTRY_KEYS.filter((k) => !fields.has(k));
      if (missing.length) {
        bad(at, line.length, `dependency entry lacks ${missing.join(", ")}`);
        continue;
      }
      deps.push({
        name: fields.get("name")!,
        manifest: abs(fields.get("manifest")!),
        project: abs(fields.get("project")!),
        sourceRoot: abs(fields.get("source_root")!),
        materializedRoot: abs(fields.get("materialized_root")!),
      });
    } else {
      bad(at, line.length, `unexpected line '${line}'`);
    }
  }
  if (!sawHeader) bad(0, 0, `the lock is empty; the first line must be '${LOCK_HEADER}'`);
  else if (rootManifest === undefined || projectName === undefined || !inDeps) {
    const what = [
      rootManifest === undefined ? "root_manifest=" : "",
      projectName === undefined ? "project_name=" : "",
      inDeps ? "" : "dependencies:",
    ]
      .filter(Boolean)
      .join(", ");
    bad(0, 0, `missing ${what}`);
  }
  if (diagnostics.length) return { diagnostics };
  return {
    lock: { rootManifest: abs(rootManifest!), projectName: projectName!, dependencies: deps },
    diagnostics,
  };
}

/** Same meaning: compared on resolved paths and the set of entries, ignoring optional keys. */
export function sameLock(projectDir: string, a: LockContents, b: LockContents): boolean {
  // Rendering relative to the same folder normalises absolute vs relative spellings.
  return renderLock(projectDir, a) === renderLock(projectDir, b);
}

export type LockDecision =
  | { readonly action: "none" }
  | { readonly action: "write"; readonly text: string; readonly reason: "missing" | "stale" }
  | { readonly action: "fail"; readonly diagnostics: readonly Diagnostic[] };

/**
 * Decides what to do with the lock (PIPELINE.md §1 table). `current` is the file's text, or
 * undefined when it does not exist.
 */
export function decideLock(
  mode: LockMode,
  lockPath: string,
  projectDir: string,
  expected: LockContents,
  current: string | undefined,
): LockDecision {
  const text = renderLock(projectDir, expected);
  // An empty (or blank) lock holds nothing to look at, unlike a lock with a bad line (a merge
  // conflict): it is what a truncated write or `touch Project.lock` leaves, and counts as missing.
  const empty = current !== undefined && current.trim() === "";
  if (current === undefined || empty) {
    if (mode === "default") return { action: "write", text, reason: "missing" };
    return {
      action: "fail",
      diagnostics: [
        makeDiagnostic(
          "E3023",
          {
            detail: `${lockPath} ${empty ? "is empty" : "does not exist"} (--${mode})`,
            help: "run once without --locked/--frozen and commit Project.lock",
          },
          { file: lockPath },
        ),
      ],
    };
  }
  if (current === text) return { action: "none" };
  const parsed = parseLock(current, lockPath, projectDir);
  if (!parsed.lock) return { action: "fail", diagnostics: parsed.diagnostics };
  if (sameLock(projectDir, parsed.lock, expected)) return { action: "none" };
  if (mode === "default") return { action: "write", text, reason: "stale" };
  const diff = describeDiff(projectDir, parsed.lock, expected);
  const code = mode === "locked" ? "E3022" : "E3023";
  return {
    action: "fail",
    diagnostics: [
      makeDiagnostic(
        code,
        {
          detail: `${lockPath} does not match the manifests${mode === "frozen" ? " and may not be rewritten (--frozen)" : " (--locked)"}`,
          notes: diff,
          help: "run once without --locked/--frozen and commit the updated Project.lock",
        },
        { file: lockPath, start: { line: 1, column: 1 } },
      ),
    ],
  };
}

function describeDiff(projectDir: string, have: LockContents, want: LockContents): string[] {
  const h = renderLock(projectDir, have).split("\n");
  const w = renderLock(projectDir, want).split("\n");
  const hs = new Set(h);
  const ws = new Set(w);
  return [
    ...w.filter((l) => l && !hs.has(l)).map((l) => `expected: ${l}`),
    ...h.filter((l) => l && !ws.has(l)).map((l) => `found:    ${l}`),
  ];
}
