/**
 * Project and workspace manifests: both generations (`Project.proj` / `<Name>.bproj`,
 * `Workspace.proj` / `<Name>.bws`), validated into typed values (PIPELINE.md §1).
 *
 * Every problem is a diagnostic pointing at the offending token; validation keeps going after
 * a problem so that all of them are reported together. This module reads no files and
 * resolves no paths: discovery and the dependency graph do that.
 */

import { makeDiagnostic, type Diagnostic, type Span, type WithDiagnostics } from "../diagnostics/index.ts";
import { parseBlocks, type Block, type BlockFile, type Entry } from "./blocks.ts";

export type ProjectType = "Host" | "Aggregate" | "Mod" | "Template";
export type TargetKind = "App" | "Lib" | "Test";
export type DependencySource = "path" | "git" | "registry";

export interface TargetSpec {
  readonly label: string;
  readonly kind: TargetKind;
  /** Relative to the source root; absent only for a `Lib` in a `.bproj`. */
  readonly entry?: string;
  readonly labelSpan: Span;
  readonly entrySpan?: Span;
}

export interface DependencySpec {
  readonly alias: string;
  readonly source: DependencySource;
  readonly path?: string;
  readonly url?: string;
  readonly rev?: string;
  readonly version?: string;
  readonly registry?: string;
  readonly labelSpan: Span;
  readonly sourceSpan: Span;
  readonly pathSpan?: Span;
}

export interface ProjectManifest {
  readonly role: "project";
  readonly file: string;
  readonly generation: "proj" | "bproj";
  readonly name: string;
  readonly version: string;
  /** Source folder relative to the project folder (default `Src`). */
  readonly root: string;
  readonly type: ProjectType;
  readonly rootNamespace?: string;
  readonly readme?: string;
  readonly targets: readonly TargetSpec[];
  readonly dependencies: readonly DependencySpec[];
  /** Span of the root block's kind token, for diagnostics about the project as a whole. */
  readonly rootSpan: Span;
  /** Kept so later steps can word diagnostics with positions (line index). */
  readonly source: BlockFile;
}

export interface MemberSpec {
  readonly label: string;
  readonly path: string;
  readonly labelSpan: Span;
  readonly pathSpan: Span;
}

export interface WorkspaceManifest {
  readonly role: "workspace";
  readonly file: string;
  readonly generation: "proj" | "bws";
  readonly name: string;
  readonly resolver: string;
  readonly defaultTestMember?: string;
  readonly members: readonly MemberSpec[];
  readonly overrides: readonly { readonly dep: string; readonly version: string }[];
  readonly registries: readonly { readonly name: string; readonly url: string }[];
  readonly rootSpan: Span;
  readonly source: BlockFile;
}

const PROJECT_TYPES: readonly ProjectType[] = ["Host", "Aggregate", "Mod", "Template"];
const TARGET_KINDS: readonly TargetKind[] = ["App", "Lib", "Test"];
const SOURCES: readonly DependencySource[] = ["path", "git", "registry"];

/** Collects diagnostics for one manifest file, with helpers that word them uniformly. */
class Checker {
  readonly diagnostics: Diagnostic[];
  constructor(readonly src: BlockFile) {
    this.diagnostics = [...src.diagnostics];
  }
  error(span: Span, detail: string, help?: string, code: "E3004" | "E3003" = "E3004"): void {
    this.diagnostics.push(
      makeDiagnostic(code, { detail, ...(help ? { help } : {}) }, { span, index: this.src.index }),
    );
  }
  warnKey(e: Entry, where: string, known: readonly string[]): void {
    this.diagnostics.push(
      makeDiagnostic(
        "W3012",
        { detail: `'${e.key}' in ${where}`, help: `known keys: ${known.join(", ")}` },
        { span: e.keySpan, index: this.src.index },
      ),
    );
  }
  fileStart(): Span {
    return { file: this.src.file, start: 0, end: 0 };
  }

  /**
   * Reads the entries of a block as scalars; reports duplicates, lists where a scalar is
   * expected, and unknown keys (warnings). Returns key → value.
   */
  scalars(
    block: Block,
    where: string,
    known: readonly string[],
  ): Map<string, { value: string; span: Span; word: boolean }> {
    const out = new Map<string, { value: string; span: Span; word: boolean }>();
    for (const e of block.entries) {
      if (!known.includes(e.key)) {
        this.warnKey(e, where, known);
        continue;
      }
      if (out.has(e.key)) {
        this.error(e.keySpan, `'${e.key}' is given twice in ${where}`);
        continue;
      }
      if (e.value.type === "list") {
        this.error(e.value.span, `'${e.key}' takes a single value, not a list`);
        continue;
      }
      out.set(e.key, { value: e.value.value, span: e.value.span, word: e.value.type === "word" });
    }
    return out;
  }

  require(
    values: Map<string, { value: string; span: Span }>,
    key: string,
    block: Block,
    where: string,
  ): { value: string; span: Span } | undefined {
    const v = values.get(key);
    // A value with a syntax error is already E3003; "has no 'key'" would only repeat it.
    if (!v && !block.broken.includes(key))
      this.error(block.labelSpan ?? block.kindSpan, `${where} has no '${key}'`, `add ${key} = …`);
    return v;
  }

  oneOf<T extends string>(
    v: { value: string; span: Span },
    allowed: readonly T[],
    what: string,
  ): T | undefined {
    if ((allowed as readonly string[]).includes(v.value)) return v.value as T;
    this.error(v.span, `${what} '${v.value}' is not one of ${allowed.join(", ")}`);
    return undefined;
  }

  label(block: Block, what: string): { label: string; span: Span } | undefined {
    if (block.label === undefined || block.labelSpan === undefined) {
      this.error(block.kindSpan, `${what} block needs a quoted label`, `write ${block.kind} "Name" { … }`);
      return undefined;
    }
    if (block.label.length === 0) {
      this.error(block.labelSpan, `${what} label is empty`);
      return undefined;
    }
    return { label: block.label, span: block.labelSpan };
  }

  /** Reports a name that cannot become a file or folder name or a Project.lock field (`nameProblem`). */
  safeName(name: string, span: Span, what: string, usedAs: string): void {
    const problem = nameProblem(name, usedAs);
    if (problem) this.error(span, `${what} ${JSON.stringify(name)} ${problem}`);
  }

  unique(seen: Map<string, Span>, label: string, span: Span, what: string): boolean {
    if (seen.has(label)) {
      this.error(span, `${what} '${label}' is declared twice`);
      return false;
    }
    seen.set(label, span);
    return true;
  }
}

/**
 * Project names and target and dependency labels become file and folder names (the build's
 * `obj/beskid/build/<target>/<stem>`, the materialized `<Name>-<hash>/`) and `key=value;` fields
 * of Project.lock: a separator, `;`, `=` or a control character there would write outside
 * `obj/` or corrupt the lock, so each is refused where it is written.
 */
function nameProblem(name: string, usedAs: string): string | undefined {
  if (name === "." || name === "..") return `must not be '${name}' (${usedAs})`;
  const bad = /[\/\\;=\u0000-\u001f\u007f]/.exec(name)?.[0];
  if (bad === undefined) return undefined;
  const shown = /[\u0000-\u001f\u007f]/.test(bad) ? "a control character" : `'${bad}'`;
  return `must not contain ${shown} (${usedAs})`;
}

/** `entry` must be a relative path without `..` segments. */
function entryProblem(entry: string): string | undefined {
  if (entry.length === 0) return "is empty";
  if (entry.startsWith("/") || entry.startsWith("\\") || /^[A-Za-z]:/.test(entry))
    return "must be relative to the source root, not absolute";
  if (entry.split(/[\\/]/).includes("..")) return "must not contain '..'";
  return undefined;
}

function manifestGeneration(file: string): "proj" | "bproj" | "bws" {
  if (file.endsWith(".bproj")) return "bproj";
  if (file.endsWith(".bws")) return "bws";
  return "proj";
}

const PROJECT_KEYS = ["name", "version", "root", "type", "root_namespace", "readme"];
const TARGET_KEYS = ["kind", "entry"];
const DEP_KEYS = ["source", "path", "url", "rev", "version", "registry"];

export function parseProjectManifest(
  text: string,
  file: string,
): WithDiagnostics<ProjectManifest | undefined> {
  const src = parseBlocks(text, file);
  const c = new Checker(src);
  const generation = manifestGeneration(file) === "bproj" ? "bproj" : "proj";

  // Root blocks: `project { … }` in both generations; in a .bproj any other top-level kind
  // that is not a known child kind is the project's own name.
  const children = new Set(["target", "dependency"]);
  const roots: Block[] = [];
  const loose: Block[] = [];
  for (const b of src.blocks) {
    if (b.kind === "project" || (generation === "bproj" && !children.has(b.kind) && b.label === undefined))
      roots.push(b);
    else if (children.has(b.kind)) loose.push(b);
    else
      c.error(
        b.kindSpan,
        `unknown block '${b.kind}'`,
        `a project manifest holds one project block, target "…" and dependency "…" blocks`,
      );
  }
  if (roots.length === 0) {
    const hint =
      generation === "bproj"
        ? "start the file with `<Name> { name = … }` or `project { … }`"
        : "start the file with `project { name = … version = … }`";
    c.error(src.blocks[0]?.kindSpan ?? c.fileStart(), "no project block", hint);
    return { value: undefined, diagnostics: c.diagnostics };
  }
  for (const extra of roots.slice(1))
    c.error(extra.kindSpan, "a manifest has exactly one project block; this is a second one");
  const root = roots[0]!;
  if (root.label !== undefined && root.labelSpan) c.error(root.labelSpan, "the project block takes no label");

  const v = c.scalars(root, "the project block", PROJECT_KEYS);
  const name = c.require(v, "name", root, "the project block");
  if (name)
    c.safeName(name.value, name.span, "project name", "it names folders and is written to Project.lock");
  const version = c.require(v, "version", root, "the project block");
  const typeV = v.get("type");
  const type: ProjectType = (typeV && c.oneOf(typeV, PROJECT_TYPES, "project type")) || "Host";

  // Children may be top-level or nested in the root block (both appear in real manifests).
  const blocks = [...root.blocks, ...loose].sort((a, b) => a.kindSpan.start - b.kindSpan.start);
  const targets: TargetSpec[] = [];
  const dependencies: DependencySpec[] = [];
  const seenTargets = new Map<string, Span>();
  const seenDeps = new Map<string, Span>();
  let targetBlocks = 0;
  let depBlocks = 0;
  for (const b of blocks) {
    if (b.kind === "target") {
      targetBlocks++;
      const l = c.label(b, "a target");
      if (l) c.safeName(l.label, l.span, "target label", "it names the build's output folder and files");
      const tv = c.scalars(b, `target "${b.label ?? ""}"`, TARGET_KEYS);
      const kindV = c.require(tv, "kind", b, `target "${b.label ?? ""}"`);
      const kind = kindV && c.oneOf(kindV, TARGET_KINDS, "target kind");
      const entryV = tv.get("entry");
      if (entryV) {
        const problem = entryProblem(entryV.value);
        if (problem) c.error(entryV.span, `entry '${entryV.value}' ${problem}`);
      } else if (kind && !(kind === "Lib" && generation === "bproj")) {
        c.error(
          b.labelSpan ?? b.kindSpan,
          `target "${b.label ?? ""}" has no 'entry'`,
          'add entry = "Main.bd" (relative to the source root)',
        );
      }
      if (l && c.unique(seenTargets, l.label, l.span, "target") && kind) {
        targets.push({
          label: l.label,
          kind,
          ...(entryV ? { entry: entryV.value, entrySpan: entryV.span } : {}),
          labelSpan: l.span,
        });
      }
    } else if (b.kind === "dependency") {
      depBlocks++;
      const l = c.label(b, "a dependency");
      if (l) c.safeName(l.label, l.span, "dependency label", "it is written to Project.lock");
      const where = `dependency "${b.label ?? ""}"`;
      const dv = c.scalars(b, where, DEP_KEYS);
      const sourceV = c.require(dv, "source", b, where);
      const source = sourceV && c.oneOf(sourceV, SOURCES, "dependency source");
      if (source === "path") c.require(dv, "path", b, where);
      if (source === "git") {
        c.require(dv, "url", b, where);
        c.require(dv, "rev", b, where);
      }
      if (source === "registry") c.require(dv, "version", b, where);
      const ok =
        source === "path"
          ? dv.has("path")
          : source === "git"
            ? dv.has("url") && dv.has("rev")
            : dv.has("version");
      if (l && c.unique(seenDeps, l.label, l.span, "dependency") && source && sourceV && ok) {
        const get = (k: string): string | undefined => dv.get(k)?.value;
        dependencies.push({
          alias: l.label,
          source,
          ...(get("path") !== undefined ? { path: get("path"), pathSpan: dv.get("path")!.span } : {}),
          ...(get("url") !== undefined ? { url: get("url") } : {}),
          ...(get("rev") !== undefined ? { rev: get("rev") } : {}),
          ...(get("version") !== undefined ? { version: get("version") } : {}),
          ...(get("registry") !== undefined ? { registry: get("registry") } : {}),
          labelSpan: l.span,
          sourceSpan: sourceV.span,
        });
      }
    } else {
      c.error(
        b.kindSpan,
        `unknown block '${b.kind}' inside the project block`,
        'expected target "…" or dependency "…"',
      );
    }
  }

  if (type === "Aggregate") {
    if (depBlocks === 0) c.error(root.kindSpan, "an Aggregate project needs at least one dependency");
  } else if (targetBlocks === 0) {
    c.error(
      root.kindSpan,
      "a project needs at least one target",
      'add target "App" { kind = App entry = "Main.bd" }',
    );
  }

  const rootFolder = v.get("root")?.value ?? "Src";
  const rootV = v.get("root");
  if (rootV) {
    const problem =
      rootFolder.length === 0
        ? "is empty"
        : rootFolder.startsWith("/") || /^[A-Za-z]:/.test(rootFolder)
          ? "must be relative to the project folder"
          : undefined;
    if (problem) c.error(rootV.span, `root '${rootFolder}' ${problem}`);
  }
  if (!name || !version) return { value: undefined, diagnostics: c.diagnostics };
  const rn = v.get("root_namespace")?.value;
  const readme = v.get("readme")?.value;
  return {
    value: {
      role: "project",
      file,
      generation,
      name: name.value,
      version: version.value,
      root: rootFolder,
      type,
      ...(rn !== undefined ? { rootNamespace: rn } : {}),
      ...(readme !== undefined ? { readme } : {}),
      targets,
      dependencies,
      rootSpan: root.kindSpan,
      source: src,
    },
    diagnostics: c.diagnostics,
  };
}

const WS_KEYS = ["name", "resolver", "defaultTestMember"];
const MEMBER_KEYS = ["path"];

export function parseWorkspaceManifest(
  text: string,
  file: string,
): WithDiagnostics<WorkspaceManifest | undefined> {
  const src = parseBlocks(text, file);
  const c = new Checker(src);
  const generation = manifestGeneration(file) === "bws" ? "bws" : "proj";
  const children = new Set(["member", "override", "registry"]);
  const roots: Block[] = [];
  const loose: Block[] = [];
  for (const b of src.blocks) {
    if (b.kind === "workspace" || (generation === "bws" && !children.has(b.kind) && b.label === undefined))
      roots.push(b);
    else if (children.has(b.kind)) loose.push(b);
    else
      c.error(
        b.kindSpan,
        `unknown block '${b.kind}'`,
        "a workspace manifest holds one workspace block, member, override and registry blocks",
      );
  }
  if (roots.length === 0) {
    c.error(
      src.blocks[0]?.kindSpan ?? c.fileStart(),
      "no workspace block",
      "start the file with `workspace { name = … }`",
    );
    return { value: undefined, diagnostics: c.diagnostics };
  }
  for (const extra of roots.slice(1))
    c.error(extra.kindSpan, "a workspace manifest has exactly one workspace block; this is a second one");
  const root = roots[0]!;
  const v = c.scalars(root, "the workspace block", WS_KEYS);
  const name = c.require(v, "name", root, "the workspace block");
  const resolverV = v.get("resolver");
  if (resolverV) c.oneOf(resolverV, ["v1"], "resolver");

  const members: MemberSpec[] = [];
  const overrides: { dep: string; version: string }[] = [];
  const registries: { name: string; url: string }[] = [];
  const seenMembers = new Map<string, Span>();
  const seenOverrides = new Map<string, Span>();
  const seenRegistries = new Map<string, Span>();
  const blocks = [...root.blocks, ...loose].sort((a, b) => a.kindSpan.start - b.kindSpan.start);
  for (const b of blocks) {
    if (b.kind === "member") {
      const l = c.label(b, "a member");
      // Members may carry more keys in real workspaces; only `path` matters here.
      const mv = new Map<string, { value: string; span: Span }>();
      for (const e of b.entries) {
        if (e.key === "path" && e.value.type !== "list")
          mv.set("path", { value: e.value.value, span: e.value.span });
        else if (!MEMBER_KEYS.includes(e.key)) c.warnKey(e, `member "${b.label ?? ""}"`, MEMBER_KEYS);
        else c.error(e.value.span, "'path' takes a single value, not a list");
      }
      const path = c.require(mv, "path", b, `member "${b.label ?? ""}"`);
      if (l && c.unique(seenMembers, l.label, l.span, "member") && path) {
        members.push({ label: l.label, path: path.value, labelSpan: l.span, pathSpan: path.span });
      }
    } else if (b.kind === "override") {
      const l = c.label(b, "an override");
      const ov = c.scalars(b, `override "${b.label ?? ""}"`, ["version"]);
      const ver = c.require(ov, "version", b, `override "${b.label ?? ""}"`);
      if (l && c.unique(seenOverrides, l.label, l.span, "override") && ver)
        overrides.push({ dep: l.label, version: ver.value });
    } else if (b.kind === "registry") {
      const l = c.label(b, "a registry");
      const rv = c.scalars(b, `registry "${b.label ?? ""}"`, ["url"]);
      const url = c.require(rv, "url", b, `registry "${b.label ?? ""}"`);
      if (l && c.unique(seenRegistries, l.label, l.span, "registry") && url)
        registries.push({ name: l.label, url: url.value });
    } else {
      c.error(
        b.kindSpan,
        `unknown block '${b.kind}' inside the workspace block`,
        "expected member, override or registry",
      );
    }
  }
  const dtm = v.get("defaultTestMember");
  if (dtm && !seenMembers.has(dtm.value)) {
    c.error(
      dtm.span,
      `defaultTestMember '${dtm.value}' is not a member`,
      `members: ${[...seenMembers.keys()].join(", ") || "(none)"}`,
    );
  }
  if (!name) return { value: undefined, diagnostics: c.diagnostics };
  return {
    value: {
      role: "workspace",
      file,
      generation,
      name: name.value,
      resolver: resolverV?.value ?? "v1",
      ...(dtm ? { defaultTestMember: dtm.value } : {}),
      members,
      overrides,
      registries,
      rootSpan: root.kindSpan,
      source: src,
    },
    diagnostics: c.diagnostics,
  };
}
