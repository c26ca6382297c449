import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  ARTIFACT_SCHEMA_VERSION,
  LineIndex,
  bundledCorelibRoot,
  cacheKeyBase,
  computeCacheKey,
  hasErrors,
  makeDiagnostic,
  sha256Hex,
  writeFileAtomic
} from "./chunk-F5FHHWWT.js";

// src/pipeline/frontend.ts
import { readFileSync as readFileSync6 } from "node:fs";
import { isAbsolute as isAbsolute3, join as join7, relative as relative6, resolve as resolvePath, sep as sep6 } from "node:path";

// src/project/plan.ts
import { existsSync, readFileSync as readFileSync3 } from "node:fs";
import { basename as basename3, dirname as dirname4, extname, join as join3, relative as relative3, resolve as resolve4, sep as sep3 } from "node:path";

// src/project/discover.ts
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

// src/project/blocks.ts
function isWordChar(c) {
  return c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 95 || c === 46 || c === 45 || c === 47;
}
function lex(text) {
  const out = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 65279 && i === 0) {
      i++;
      continue;
    }
    if (c === 10) {
      out.push({ kind: 9 /* Newline */, start: i, end: i + 1, text: "\n" });
      i++;
      continue;
    }
    if (c === 35 || c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    const start = i;
    const single = (kind) => {
      out.push({ kind, start, end: start + 1, text: text[start] });
      i++;
    };
    switch (c) {
      case 123:
        single(2 /* LBrace */);
        continue;
      case 125:
        single(3 /* RBrace */);
        continue;
      case 91:
        single(4 /* LBracket */);
        continue;
      case 93:
        single(5 /* RBracket */);
        continue;
      case 61:
        single(6 /* Eq */);
        continue;
      case 44:
        single(7 /* Comma */);
        continue;
      case 59:
        single(8 /* Semi */);
        continue;
      case 34: {
        i++;
        let value = "";
        let closed = false;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 34) {
            closed = true;
            i++;
            break;
          }
          if (d === 10) break;
          if (d === 92 && i + 1 < n && text.charCodeAt(i + 1) !== 10) {
            const e = text[i + 1];
            value += e === "n" ? "\n" : e === "t" ? "	" : e;
            i += 2;
            continue;
          }
          value += text[i];
          i++;
        }
        out.push({ kind: closed ? 1 /* String */ : 11 /* BadString */, start, end: i, text: value });
        continue;
      }
      default:
        if (isWordChar(c)) {
          while (i < n && isWordChar(text.charCodeAt(i))) {
            if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 47) break;
            i++;
          }
          out.push({ kind: 0 /* Word */, start, end: i, text: text.slice(start, i) });
        } else {
          i += c >= 55296 && c <= 56319 ? 2 : 1;
          out.push({ kind: 10 /* Bad */, start, end: i, text: text.slice(start, i) });
        }
    }
  }
  out.push({ kind: 12 /* Eof */, start: n, end: n, text: "" });
  return out;
}
var DESCRIBE = {
  [0 /* Word */]: "a word",
  [1 /* String */]: "a string",
  [2 /* LBrace */]: "'{'",
  [3 /* RBrace */]: "'}'",
  [4 /* LBracket */]: "'['",
  [5 /* RBracket */]: "']'",
  [6 /* Eq */]: "'='",
  [7 /* Comma */]: "','",
  [8 /* Semi */]: "';'",
  [9 /* Newline */]: "a line break",
  [10 /* Bad */]: "an unexpected character",
  [11 /* BadString */]: "an unterminated string",
  [12 /* Eof */]: "the end of the file"
};
function parseBlocks(text, file) {
  const index = new LineIndex(text);
  const toks = lex(text);
  const diagnostics = [];
  let p = 0;
  const span = (t) => ({ file, start: t.start, end: t.end });
  const error = (t, detail, help) => {
    diagnostics.push(
      makeDiagnostic("E3003", { detail, ...help ? { help } : {} }, { span: span(t), index })
    );
  };
  const peek = () => toks[p];
  const skipNewlines = () => {
    while (toks[p].kind === 9 /* Newline */ || toks[p].kind === 8 /* Semi */) p++;
  };
  const found = (t) => t.kind === 0 /* Word */ || t.kind === 10 /* Bad */ ? `'${t.text}'` : DESCRIBE[t.kind];
  const recoverLine = () => {
    while (![9 /* Newline */, 12 /* Eof */, 3 /* RBrace */, 2 /* LBrace */].includes(peek().kind)) p++;
  };
  const reportBadToken = (t) => {
    if (t.kind === 11 /* BadString */) {
      error(t, "unterminated string", "close the string with a double quote on the same line");
      return true;
    }
    if (t.kind === 10 /* Bad */) {
      error(t, `unexpected character '${t.text}'`);
      return true;
    }
    return false;
  };
  const parseValue = () => {
    const t = peek();
    if (t.kind === 1 /* String */) {
      p++;
      return { type: "string", value: t.text, span: span(t) };
    }
    if (t.kind === 0 /* Word */) {
      p++;
      return { type: "word", value: t.text, span: span(t) };
    }
    if (t.kind === 4 /* LBracket */) {
      p++;
      const items = [];
      for (; ; ) {
        while (peek().kind === 9 /* Newline */ || peek().kind === 7 /* Comma */) p++;
        const u = peek();
        if (u.kind === 5 /* RBracket */) {
          p++;
          return { type: "list", items, span: { file, start: t.start, end: u.end } };
        }
        if (u.kind === 1 /* String */ || u.kind === 0 /* Word */) {
          items.push(
            u.kind === 1 /* String */ ? { type: "string", value: u.text, span: span(u) } : { type: "word", value: u.text, span: span(u) }
          );
          p++;
          continue;
        }
        if (!reportBadToken(u))
          error(u, `expected a list item or ']', found ${found(u)}`, 'lists look like [ "a", "b" ]');
        return void 0;
      }
    }
    if (!reportBadToken(t))
      error(t, `expected a value (a quoted string, a word or a [ \u2026 ] list), found ${found(t)}`);
    return void 0;
  };
  const parseBody = (open) => {
    const entries = [];
    const blocks = [];
    const broken = [];
    for (; ; ) {
      skipNewlines();
      const t = peek();
      if (t.kind === 3 /* RBrace */) {
        p++;
        return { entries, blocks, broken };
      }
      if (t.kind === 12 /* Eof */) {
        error(open, "block is never closed", "add a matching '}'");
        return { entries, blocks, broken };
      }
      if (t.kind !== 0 /* Word */) {
        if (!reportBadToken(t)) error(t, `expected 'key = value' or a nested block, found ${found(t)}`);
        p++;
        recoverLine();
        continue;
      }
      const next = toks[p + 1];
      if (next.kind === 6 /* Eq */) {
        p += 2;
        const value = parseValue();
        if (!value) broken.push(t.text);
        if (value) {
          entries.push({ key: t.text, keySpan: span(t), value });
          const end = peek();
          if (end.kind === 7 /* Comma */ || end.kind === 8 /* Semi */) p++;
          const after = peek();
          if (after.kind !== 9 /* Newline */ && after.kind !== 3 /* RBrace */ && after.kind !== 12 /* Eof */) {
            if (!reportBadToken(after))
              error(
                after,
                `expected a line break after the value, found ${found(after)}`,
                "write one 'key = value' per line"
              );
            while (peek().kind === 0 /* Word */ && toks[p + 1].kind === 6 /* Eq */) {
              const key = peek();
              p += 2;
              const more = parseValue();
              if (!more) {
                broken.push(key.text);
                break;
              }
              entries.push({ key: key.text, keySpan: span(key), value: more });
              if (peek().kind === 7 /* Comma */ || peek().kind === 8 /* Semi */) p++;
            }
          }
        }
        recoverLine();
        continue;
      }
      const block = parseBlock();
      if (block) blocks.push(block);
    }
  };
  const parseBlock = () => {
    const kindTok = peek();
    p++;
    let labelTok;
    if (peek().kind === 1 /* String */) {
      labelTok = peek();
      p++;
    }
    const open = peek();
    if (open.kind !== 2 /* LBrace */) {
      if (!reportBadToken(open)) {
        error(
          open,
          `expected '{' to open the '${kindTok.text}' block${labelTok ? "" : " (or a quoted label)"}, found ${found(open)}`,
          'blocks look like: kind "label" { key = value }'
        );
      }
      recoverLine();
      if (peek().kind !== 2 /* LBrace */) return void 0;
    }
    const bodyOpen = peek();
    p++;
    const { entries, blocks, broken } = parseBody(bodyOpen);
    return {
      kind: kindTok.text,
      kindSpan: span(kindTok),
      ...labelTok ? { label: labelTok.text, labelSpan: span(labelTok) } : {},
      entries,
      blocks,
      broken
    };
  };
  const top = [];
  for (; ; ) {
    skipNewlines();
    const t = peek();
    if (t.kind === 12 /* Eof */) break;
    if (t.kind === 0 /* Word */) {
      const b = parseBlock();
      if (b) top.push(b);
      continue;
    }
    if (!reportBadToken(t)) error(t, `expected a block such as 'project {', found ${found(t)}`);
    p++;
    recoverLine();
  }
  return { file, index, blocks: top, diagnostics };
}

// src/project/manifest.ts
var PROJECT_TYPES = ["Host", "Aggregate", "Mod", "Template"];
var TARGET_KINDS = ["App", "Lib", "Test"];
var SOURCES = ["path", "git", "registry"];
var Checker = class {
  constructor(src) {
    this.src = src;
    this.diagnostics = [...src.diagnostics];
  }
  src;
  diagnostics;
  error(span, detail, help, code = "E3004") {
    this.diagnostics.push(
      makeDiagnostic(code, { detail, ...help ? { help } : {} }, { span, index: this.src.index })
    );
  }
  warnKey(e, where, known) {
    this.diagnostics.push(
      makeDiagnostic(
        "W3012",
        { detail: `'${e.key}' in ${where}`, help: `known keys: ${known.join(", ")}` },
        { span: e.keySpan, index: this.src.index }
      )
    );
  }
  fileStart() {
    return { file: this.src.file, start: 0, end: 0 };
  }
  /**
   * Reads the entries of a block as scalars; reports duplicates, lists where a scalar is
   * expected, and unknown keys (warnings). Returns key → value.
   */
  scalars(block, where, known) {
    const out = /* @__PURE__ */ new Map();
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
  require(values, key, block, where) {
    const v = values.get(key);
    if (!v && !block.broken.includes(key))
      this.error(block.labelSpan ?? block.kindSpan, `${where} has no '${key}'`, `add ${key} = \u2026`);
    return v;
  }
  oneOf(v, allowed, what) {
    if (allowed.includes(v.value)) return v.value;
    this.error(v.span, `${what} '${v.value}' is not one of ${allowed.join(", ")}`);
    return void 0;
  }
  label(block, what) {
    if (block.label === void 0 || block.labelSpan === void 0) {
      this.error(block.kindSpan, `${what} block needs a quoted label`, `write ${block.kind} "Name" { \u2026 }`);
      return void 0;
    }
    if (block.label.length === 0) {
      this.error(block.labelSpan, `${what} label is empty`);
      return void 0;
    }
    return { label: block.label, span: block.labelSpan };
  }
  /** Reports a name that cannot become a file or folder name or a Project.lock field (`nameProblem`). */
  safeName(name, span, what, usedAs) {
    const problem = nameProblem(name, usedAs);
    if (problem) this.error(span, `${what} ${JSON.stringify(name)} ${problem}`);
  }
  unique(seen, label, span, what) {
    if (seen.has(label)) {
      this.error(span, `${what} '${label}' is declared twice`);
      return false;
    }
    seen.set(label, span);
    return true;
  }
};
function nameProblem(name, usedAs) {
  if (name === "." || name === "..") return `must not be '${name}' (${usedAs})`;
  const bad = /[\/\\;=\u0000-\u001f\u007f]/.exec(name)?.[0];
  if (bad === void 0) return void 0;
  const shown = /[\u0000-\u001f\u007f]/.test(bad) ? "a control character" : `'${bad}'`;
  return `must not contain ${shown} (${usedAs})`;
}
function entryProblem(entry) {
  if (entry.length === 0) return "is empty";
  if (entry.startsWith("/") || entry.startsWith("\\") || /^[A-Za-z]:/.test(entry))
    return "must be relative to the source root, not absolute";
  if (entry.split(/[\\/]/).includes("..")) return "must not contain '..'";
  return void 0;
}
function manifestGeneration(file) {
  if (file.endsWith(".bproj")) return "bproj";
  if (file.endsWith(".bws")) return "bws";
  return "proj";
}
var PROJECT_KEYS = ["name", "version", "root", "type", "root_namespace", "readme"];
var TARGET_KEYS = ["kind", "entry"];
var DEP_KEYS = ["source", "path", "url", "rev", "version", "registry"];
function parseProjectManifest(text, file) {
  const src = parseBlocks(text, file);
  const c = new Checker(src);
  const generation = manifestGeneration(file) === "bproj" ? "bproj" : "proj";
  const children = /* @__PURE__ */ new Set(["target", "dependency"]);
  const roots = [];
  const loose = [];
  for (const b of src.blocks) {
    if (b.kind === "project" || generation === "bproj" && !children.has(b.kind) && b.label === void 0)
      roots.push(b);
    else if (children.has(b.kind)) loose.push(b);
    else
      c.error(
        b.kindSpan,
        `unknown block '${b.kind}'`,
        `a project manifest holds one project block, target "\u2026" and dependency "\u2026" blocks`
      );
  }
  if (roots.length === 0) {
    const hint = generation === "bproj" ? "start the file with `<Name> { name = \u2026 }` or `project { \u2026 }`" : "start the file with `project { name = \u2026 version = \u2026 }`";
    c.error(src.blocks[0]?.kindSpan ?? c.fileStart(), "no project block", hint);
    return { value: void 0, diagnostics: c.diagnostics };
  }
  for (const extra of roots.slice(1))
    c.error(extra.kindSpan, "a manifest has exactly one project block; this is a second one");
  const root = roots[0];
  if (root.label !== void 0 && root.labelSpan) c.error(root.labelSpan, "the project block takes no label");
  const v = c.scalars(root, "the project block", PROJECT_KEYS);
  const name = c.require(v, "name", root, "the project block");
  if (name)
    c.safeName(name.value, name.span, "project name", "it names folders and is written to Project.lock");
  const version = c.require(v, "version", root, "the project block");
  const typeV = v.get("type");
  const type = typeV && c.oneOf(typeV, PROJECT_TYPES, "project type") || "Host";
  const blocks = [...root.blocks, ...loose].sort((a, b) => a.kindSpan.start - b.kindSpan.start);
  const targets = [];
  const dependencies = [];
  const seenTargets = /* @__PURE__ */ new Map();
  const seenDeps = /* @__PURE__ */ new Map();
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
          'add entry = "Main.bd" (relative to the source root)'
        );
      }
      if (l && c.unique(seenTargets, l.label, l.span, "target") && kind) {
        targets.push({
          label: l.label,
          kind,
          ...entryV ? { entry: entryV.value, entrySpan: entryV.span } : {},
          labelSpan: l.span
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
      const ok = source === "path" ? dv.has("path") : source === "git" ? dv.has("url") && dv.has("rev") : dv.has("version");
      if (l && c.unique(seenDeps, l.label, l.span, "dependency") && source && sourceV && ok) {
        const get = (k) => dv.get(k)?.value;
        dependencies.push({
          alias: l.label,
          source,
          ...get("path") !== void 0 ? { path: get("path"), pathSpan: dv.get("path").span } : {},
          ...get("url") !== void 0 ? { url: get("url") } : {},
          ...get("rev") !== void 0 ? { rev: get("rev") } : {},
          ...get("version") !== void 0 ? { version: get("version") } : {},
          ...get("registry") !== void 0 ? { registry: get("registry") } : {},
          labelSpan: l.span,
          sourceSpan: sourceV.span
        });
      }
    } else {
      c.error(
        b.kindSpan,
        `unknown block '${b.kind}' inside the project block`,
        'expected target "\u2026" or dependency "\u2026"'
      );
    }
  }
  if (type === "Aggregate") {
    if (depBlocks === 0) c.error(root.kindSpan, "an Aggregate project needs at least one dependency");
  } else if (targetBlocks === 0) {
    c.error(
      root.kindSpan,
      "a project needs at least one target",
      'add target "App" { kind = App entry = "Main.bd" }'
    );
  }
  const rootFolder = v.get("root")?.value ?? "Src";
  const rootV = v.get("root");
  if (rootV) {
    const problem = rootFolder.length === 0 ? "is empty" : rootFolder.startsWith("/") || /^[A-Za-z]:/.test(rootFolder) ? "must be relative to the project folder" : void 0;
    if (problem) c.error(rootV.span, `root '${rootFolder}' ${problem}`);
  }
  if (!name || !version) return { value: void 0, diagnostics: c.diagnostics };
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
      ...rn !== void 0 ? { rootNamespace: rn } : {},
      ...readme !== void 0 ? { readme } : {},
      targets,
      dependencies,
      rootSpan: root.kindSpan,
      source: src
    },
    diagnostics: c.diagnostics
  };
}
var WS_KEYS = ["name", "resolver", "defaultTestMember"];
var MEMBER_KEYS = ["path"];
function parseWorkspaceManifest(text, file) {
  const src = parseBlocks(text, file);
  const c = new Checker(src);
  const generation = manifestGeneration(file) === "bws" ? "bws" : "proj";
  const children = /* @__PURE__ */ new Set(["member", "override", "registry"]);
  const roots = [];
  const loose = [];
  for (const b of src.blocks) {
    if (b.kind === "workspace" || generation === "bws" && !children.has(b.kind) && b.label === void 0)
      roots.push(b);
    else if (children.has(b.kind)) loose.push(b);
    else
      c.error(
        b.kindSpan,
        `unknown block '${b.kind}'`,
        "a workspace manifest holds one workspace block, member, override and registry blocks"
      );
  }
  if (roots.length === 0) {
    c.error(
      src.blocks[0]?.kindSpan ?? c.fileStart(),
      "no workspace block",
      "start the file with `workspace { name = \u2026 }`"
    );
    return { value: void 0, diagnostics: c.diagnostics };
  }
  for (const extra of roots.slice(1))
    c.error(extra.kindSpan, "a workspace manifest has exactly one workspace block; this is a second one");
  const root = roots[0];
  const v = c.scalars(root, "the workspace block", WS_KEYS);
  const name = c.require(v, "name", root, "the workspace block");
  const resolverV = v.get("resolver");
  if (resolverV) c.oneOf(resolverV, ["v1"], "resolver");
  const members = [];
  const overrides = [];
  const registries = [];
  const seenMembers = /* @__PURE__ */ new Map();
  const seenOverrides = /* @__PURE__ */ new Map();
  const seenRegistries = /* @__PURE__ */ new Map();
  const blocks = [...root.blocks, ...loose].sort((a, b) => a.kindSpan.start - b.kindSpan.start);
  for (const b of blocks) {
    if (b.kind === "member") {
      const l = c.label(b, "a member");
      const mv = /* @__PURE__ */ new Map();
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
        "expected member, override or registry"
      );
    }
  }
  const dtm = v.get("defaultTestMember");
  if (dtm && !seenMembers.has(dtm.value)) {
    c.error(
      dtm.span,
      `defaultTestMember '${dtm.value}' is not a member`,
      `members: ${[...seenMembers.keys()].join(", ") || "(none)"}`
    );
  }
  if (!name) return { value: void 0, diagnostics: c.diagnostics };
  return {
    value: {
      role: "workspace",
      file,
      generation,
      name: name.value,
      resolver: resolverV?.value ?? "v1",
      ...dtm ? { defaultTestMember: dtm.value } : {},
      members,
      overrides,
      registries,
      rootSpan: root.kindSpan,
      source: src
    },
    diagnostics: c.diagnostics
  };
}

// src/project/discover.ts
function isProjectManifestName(name) {
  return name === "Project.proj" || name.endsWith(".bproj") && name.length > ".bproj".length;
}
function isWorkspaceManifestName(name) {
  return name === "Workspace.proj" || name.endsWith(".bws") && name.length > ".bws".length;
}
function listNames(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
function manifestsIn(dir, older, isRole) {
  const names = listNames(dir).filter(isRole);
  names.sort((a, b) => a === older ? -1 : b === older ? 1 : a < b ? -1 : a > b ? 1 : 0);
  return names.filter((n) => isFile(join(dir, n))).map((n) => join(dir, n));
}
function projectManifestsIn(dir) {
  return manifestsIn(dir, "Project.proj", isProjectManifestName);
}
function workspaceManifestsIn(dir) {
  return manifestsIn(dir, "Workspace.proj", isWorkspaceManifestName);
}
function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
function isDir(p) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
function canonical(p) {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}
function findUp(start, pick) {
  let dir = resolve(start);
  for (; ; ) {
    const found = pick(dir);
    if (found.length) return found;
    const up = dirname(dir);
    if (up === dir) return void 0;
    dir = up;
  }
}
function chooseManifest(found, diagnostics) {
  if (found.length > 1) {
    diagnostics.push(
      makeDiagnostic(
        "W3013",
        {
          detail: `using ${basename(found[0])}; ignoring ${found.slice(1).map((f) => basename(f)).join(", ")}`
        },
        { file: found[0] }
      )
    );
  }
  return found[0];
}
var ManifestLoader = class {
  constructor(diagnostics) {
    this.diagnostics = diagnostics;
  }
  diagnostics;
  projects = /* @__PURE__ */ new Map();
  workspaces = /* @__PURE__ */ new Map();
  /** Every manifest read, in first-read order (for cache-key inputs). */
  read = [];
  text(file) {
    try {
      const t = readFileSync(file, "utf8");
      this.read.push(file);
      return t;
    } catch (e) {
      this.diagnostics.push(
        makeDiagnostic("E9001", { detail: `${file}: ${e.message}` }, { file })
      );
      return void 0;
    }
  }
  project(file) {
    const key = canonical(file);
    if (!this.projects.has(key)) {
      const text = this.text(key);
      let value;
      if (text !== void 0) {
        const r = parseProjectManifest(text, key);
        this.diagnostics.push(...r.diagnostics);
        value = r.value;
      }
      this.projects.set(key, value);
    }
    return this.projects.get(key);
  }
  workspace(file) {
    const key = canonical(file);
    if (!this.workspaces.has(key)) {
      const text = this.text(key);
      let value;
      if (text !== void 0) {
        const r = parseWorkspaceManifest(text, key);
        this.diagnostics.push(...r.diagnostics);
        value = r.value;
      }
      this.workspaces.set(key, value);
    }
    return this.workspaces.get(key);
  }
};

// src/project/graph.ts
import { basename as basename2, dirname as dirname2, resolve as resolve2 } from "node:path";
var STD_ALIASES = ["Std", "corelib"];
function dependencyManifest(fromDir, dep, diagnostics) {
  const target = resolve2(fromDir, dep.path);
  if (isDir(target)) {
    const found = projectManifestsIn(target);
    return found.length ? chooseManifest(found, diagnostics) : void 0;
  }
  if (isFile(target) && isProjectManifestName(basename2(target))) return target;
  return void 0;
}
function nodeFor(manifest) {
  const projectDir = dirname2(manifest.file);
  return {
    name: manifest.name,
    manifestPath: manifest.file,
    projectDir,
    sourceRoot: resolve2(projectDir, manifest.root),
    manifest
  };
}
function buildGraph(host, loader, diagnostics) {
  const nodes = /* @__PURE__ */ new Map();
  const stack = [];
  const visit = (manifest) => {
    const key = manifest.file;
    const existing = nodes.get(key);
    if (existing) return existing;
    const base = nodeFor(manifest);
    const deps = [];
    const node = { ...base, deps };
    nodes.set(key, node);
    stack.push(key);
    const index = manifest.source.index;
    for (const dep of manifest.dependencies) {
      if (dep.source !== "path" && STD_ALIASES.includes(dep.alias)) {
        const what = dep.source === "git" ? `git ${dep.url ?? "?"} at ${dep.rev ?? "?"}` : `version ${dep.version ?? "?"}`;
        diagnostics.push(
          makeDiagnostic(
            "W3029",
            {
              detail: `dependency "${dep.alias}" of ${manifest.name} (${what}) is the corelib this toolchain compiles against`,
              help: "the version is not checked; set BESKID_CORELIB_ROOT (or the action's corelib-path) to compile against another corelib checkout"
            },
            { span: dep.sourceSpan, index }
          )
        );
        continue;
      }
      if (dep.source !== "path") {
        const where = dep.source === "git" ? `url ${dep.url ?? "?"} at ${dep.rev ?? "?"}` : `version ${dep.version ?? "?"}${dep.registry ? ` from ${dep.registry}` : ""}`;
        diagnostics.push(
          makeDiagnostic(
            "E3011",
            {
              detail: `dependency "${dep.alias}" of ${manifest.name} uses source = ${dep.source} (${where})`,
              help: "only source = path dependencies are resolved by beskid-ci; vendor the dependency and point a path at it"
            },
            { span: dep.sourceSpan, index }
          )
        );
        continue;
      }
      const found = dependencyManifest(base.projectDir, dep, diagnostics);
      if (!found) {
        diagnostics.push(
          makeDiagnostic(
            "E3006",
            {
              detail: `dependency "${dep.alias}": no Project.proj or *.bproj at ${resolve2(base.projectDir, dep.path)}`
            },
            { span: dep.pathSpan ?? dep.labelSpan, index }
          )
        );
        continue;
      }
      const target = canonical(found);
      const at = stack.indexOf(target);
      if (at >= 0) {
        const chain = [...stack.slice(at), target].map((k) => nodes.get(k).name);
        diagnostics.push(
          makeDiagnostic(
            "E3007",
            { detail: chain.join(" -> "), help: "remove one of these dependencies to break the cycle" },
            { span: dep.labelSpan, index }
          )
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
function topological(all) {
  const byPath = [...all].sort(
    (a, b) => a.manifestPath < b.manifestPath ? -1 : a.manifestPath > b.manifestPath ? 1 : 0
  );
  const done = /* @__PURE__ */ new Set();
  const out = [];
  while (out.length < byPath.length) {
    const next = byPath.find((n) => !done.has(n.manifestPath) && n.deps.every((d) => done.has(d.to)));
    const pick = next ?? byPath.find((n) => !done.has(n.manifestPath));
    done.add(pick.manifestPath);
    out.push(pick);
  }
  return out;
}

// src/project/lock.ts
import { isAbsolute, relative, resolve as resolve3, sep } from "node:path";
var LOCK_HEADER = "# Project.lock v1";
function rel(projectDir, p) {
  const r = relative(projectDir, p);
  return (r === "" ? "." : r).split(sep).join("/");
}
function entryLine(projectDir, e) {
  return `- name=${e.name};manifest=${rel(projectDir, e.manifest)};project=${rel(projectDir, e.project)};source_root=${rel(projectDir, e.sourceRoot)};materialized_root=${rel(projectDir, e.materializedRoot)}`;
}
function renderLock(projectDir, lock) {
  const lines = [...new Set(lock.dependencies.map((e) => entryLine(projectDir, e)))].sort();
  return [
    LOCK_HEADER,
    `root_manifest=${rel(projectDir, lock.rootManifest)}`,
    `project_name=${lock.projectName}`,
    "dependencies:",
    ...lines,
    ""
  ].join("\n");
}
var ENTRY_KEYS = ["name", "manifest", "project", "source_root", "materialized_root"];
function parseLock(text, file, projectDir) {
  const index = new LineIndex(text);
  const diagnostics = [];
  const abs = (p) => isAbsolute(p) ? resolve3(p) : resolve3(projectDir, p);
  let offset = 0;
  let rootManifest;
  let projectName;
  let sawHeader = false;
  let inDeps = false;
  const deps = [];
  const bad = (start, length, detail, help) => {
    diagnostics.push(
      makeDiagnostic(
        "E3021",
        { detail, ...help ? { help } : {} },
        { span: { file, start, end: start + length }, index }
      )
    );
  };
  const rawLines = text.split("\n");
  for (let i = 0; i < rawLines.length; i++) {
    const raw = rawLines[i];
    let line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    let at = offset;
    if (i === 0 && line.startsWith("\uFEFF")) {
      line = line.slice(1);
      at++;
    }
    offset += raw.length + 1;
    if (line.trim() === "") continue;
    if (!sawHeader) {
      if (line !== LOCK_HEADER) {
        const version = /^#\s*Project\.lock\s+v(\d+)\s*$/.exec(line)?.[1];
        const newer = version !== void 0 && Number(version) > 1;
        bad(
          at,
          line.length,
          newer ? `'${line}' is lock format v${version}, written by a newer toolchain; this beskid-ci reads '${LOCK_HEADER}'` : `the first line must be '${LOCK_HEADER}', found '${line}'`,
          newer ? "use the toolchain that wrote the lock, or delete Project.lock and run once without --locked/--frozen to write a v1 lock" : void 0
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
      const fields = /* @__PURE__ */ new Map();
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
        name: fields.get("name"),
        manifest: abs(fields.get("manifest")),
        project: abs(fields.get("project")),
        sourceRoot: abs(fields.get("source_root")),
        materializedRoot: abs(fields.get("materialized_root"))
      });
    } else {
      bad(at, line.length, `unexpected line '${line}'`);
    }
  }
  if (!sawHeader) bad(0, 0, `the lock is empty; the first line must be '${LOCK_HEADER}'`);
  else if (rootManifest === void 0 || projectName === void 0 || !inDeps) {
    const what = [
      rootManifest === void 0 ? "root_manifest=" : "",
      projectName === void 0 ? "project_name=" : "",
      inDeps ? "" : "dependencies:"
    ].filter(Boolean).join(", ");
    bad(0, 0, `missing ${what}`);
  }
  if (diagnostics.length) return { diagnostics };
  return {
    lock: { rootManifest: abs(rootManifest), projectName, dependencies: deps },
    diagnostics
  };
}
function sameLock(projectDir, a, b) {
  return renderLock(projectDir, a) === renderLock(projectDir, b);
}
function decideLock(mode, lockPath, projectDir, expected, current) {
  const text = renderLock(projectDir, expected);
  const empty = current !== void 0 && current.trim() === "";
  if (current === void 0 || empty) {
    if (mode === "default") return { action: "write", text, reason: "missing" };
    return {
      action: "fail",
      diagnostics: [
        makeDiagnostic(
          "E3023",
          {
            detail: `${lockPath} ${empty ? "is empty" : "does not exist"} (--${mode})`,
            help: "run once without --locked/--frozen and commit Project.lock"
          },
          { file: lockPath }
        )
      ]
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
          help: "run once without --locked/--frozen and commit the updated Project.lock"
        },
        { file: lockPath, start: { line: 1, column: 1 } }
      )
    ]
  };
}
function describeDiff(projectDir, have, want) {
  const h = renderLock(projectDir, have).split("\n");
  const w = renderLock(projectDir, want).split("\n");
  const hs = new Set(h);
  const ws = new Set(w);
  return [
    ...w.filter((l) => l && !hs.has(l)).map((l) => `expected: ${l}`),
    ...h.filter((l) => l && !ws.has(l)).map((l) => `found:    ${l}`)
  ];
}

// src/project/materialize.ts
import { readdirSync as readdirSync2, readFileSync as readFileSync2, rmdirSync, rmSync } from "node:fs";
import { dirname as dirname3, isAbsolute as isAbsolute2, join as join2, relative as relative2, sep as sep2 } from "node:path";
var DEPS_DIR = join2("obj", "beskid", "deps", "src");
function materializedDir(hostDir, dep) {
  const key = relative2(hostDir, dep.manifestPath).split(sep2).join("/");
  return join2(hostDir, DEPS_DIR, `${dep.name}-${sha256Hex(key).slice(0, 12)}`);
}
function materializedRoot(hostDir, dep) {
  return join2(materializedDir(hostDir, dep), "src");
}
function originalOf(file, deps) {
  for (const dep of deps) {
    if (dep.materializedRoot === void 0) continue;
    const top = dirname3(dep.materializedRoot);
    for (const [from, to] of [
      [dep.materializedRoot, dep.sourceRoot],
      [join2(top, ".generated"), join2(dep.sourceRoot, "..", ".generated")]
    ]) {
      const rel2 = relative2(from, file);
      if (rel2 !== "" && !rel2.startsWith("..") && !isAbsolute2(rel2)) return join2(to, rel2);
    }
  }
  return file;
}
function listBd(dir, skip) {
  const out = [];
  const walk = (d, rel2) => {
    let entries;
    try {
      entries = readdirSync2(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join2(d, e.name);
      const r = rel2 ? `${rel2}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name.startsWith(".") || skip.has(p)) continue;
        walk(p, r);
      } else if (e.isFile() && e.name.endsWith(".bd")) {
        out.push(r);
      }
    }
  };
  walk(dir, "");
  return out.sort();
}
function listAll(dir) {
  const files = [];
  const dirs = [];
  const walk = (d, rel2) => {
    let entries;
    try {
      entries = readdirSync2(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel2 ? `${rel2}/${e.name}` : e.name;
      if (e.isDirectory()) {
        walk(join2(d, e.name), r);
        dirs.push(r);
      } else files.push(r);
    }
  };
  walk(dir, "");
  return { files, dirs };
}
function syncTree(src, dest, stats, skip = /* @__PURE__ */ new Set()) {
  const wanted = listBd(src, skip);
  const wantedSet = new Set(wanted);
  for (const rel2 of wanted) {
    const from = join2(src, ...rel2.split("/"));
    const to = join2(dest, ...rel2.split("/"));
    const bytes = readFileSync2(from);
    let same = false;
    try {
      same = readFileSync2(to).equals(bytes);
    } catch {
      same = false;
    }
    if (same) stats.unchanged++;
    else {
      writeFileAtomic(to, bytes);
      stats.written++;
    }
  }
  const have = listAll(dest);
  for (const rel2 of have.files) {
    if (!wantedSet.has(rel2)) {
      rmSync(join2(dest, ...rel2.split("/")), { force: true });
      stats.deleted++;
    }
  }
  for (const rel2 of have.dirs.sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(join2(dest, ...rel2.split("/")));
    } catch {
    }
  }
}
function materializeAll(hostDir, deps) {
  const stats = { written: 0, deleted: 0, unchanged: 0 };
  const keep = /* @__PURE__ */ new Set();
  for (const dep of deps) {
    const dir = materializedDir(hostDir, dep);
    keep.add(dir);
    const skip = /* @__PURE__ */ new Set([join2(dep.projectDir, "obj")]);
    syncTree(dep.sourceRoot, join2(dir, "src"), stats, skip);
    syncTree(join2(dep.sourceRoot, "..", ".generated"), join2(dir, ".generated"), stats, skip);
  }
  const base = join2(hostDir, DEPS_DIR);
  let existing = [];
  try {
    existing = readdirSync2(base);
  } catch {
    existing = [];
  }
  for (const name of existing) {
    const p = join2(base, name);
    if (!keep.has(p)) {
      rmSync(p, { recursive: true, force: true });
      stats.deleted++;
    }
  }
  return stats;
}

// src/project/plan.ts
function fail(diagnostics) {
  return { value: void 0, diagnostics };
}
function within(parent, child) {
  const r = relative3(parent, child);
  return r === "" || !r.startsWith("..") && !r.startsWith(sep3) && !/^[A-Za-z]:/.test(r);
}
function selectMember(ws, req, inputPath, diagnostics) {
  const wsDir = dirname4(ws.file);
  const index = ws.source.index;
  if (ws.members.length === 0) {
    diagnostics.push(
      makeDiagnostic(
        "E3014",
        { detail: `workspace ${ws.name} has no members` },
        { span: ws.rootSpan, index }
      )
    );
    return void 0;
  }
  let chosen = ws.members[0];
  if (req.workspaceMember !== void 0) {
    const m = ws.members.find((x) => x.label === req.workspaceMember);
    if (!m) {
      diagnostics.push(
        makeDiagnostic(
          "E3014",
          {
            detail: `'${req.workspaceMember}' in workspace ${ws.name}`,
            notes: [`members: ${ws.members.map((x) => x.label).join(", ")}`]
          },
          { file: ws.file }
        )
      );
      return void 0;
    }
    chosen = m;
  } else {
    const containing = inputPath ? ws.members.map((m) => ({ m, dir: resolve4(wsDir, m.path) })).filter((x) => within(isFile(x.dir) ? dirname4(x.dir) : x.dir, inputPath)).sort((a, b) => b.dir.length - a.dir.length)[0]?.m : void 0;
    const dtm = req.command === "test" && ws.defaultTestMember ? ws.members.find((x) => x.label === ws.defaultTestMember) : void 0;
    chosen = containing ?? dtm ?? chosen;
  }
  const target = resolve4(wsDir, chosen.path);
  let manifest;
  if (isDir(target)) {
    const found = projectManifestsIn(target);
    if (found.length) manifest = chooseManifest(found, diagnostics);
  } else if (isFile(target) && isProjectManifestName(basename3(target))) manifest = target;
  if (!manifest) {
    diagnostics.push(
      makeDiagnostic(
        "E3001",
        { detail: `member "${chosen.label}": no Project.proj or *.bproj at ${target}` },
        { span: chosen.pathSpan, index }
      )
    );
    return void 0;
  }
  return { manifest, member: chosen.label };
}
function noWorkspace(member, where, above) {
  const place = `${where}${above ? " or any folder above it" : ""}`;
  return makeDiagnostic(
    "E3014",
    { detail: `--workspace-member ${member} was given, but there is no Workspace.proj or *.bws in ${place}` },
    void 0
  );
}
function locate(req, loader, diagnostics) {
  let explicit = req.project !== void 0 ? resolve4(req.cwd, req.project) : void 0;
  let inputFile;
  if (req.input !== void 0) {
    const p = resolve4(req.cwd, req.input);
    if (extname(p) === ".bd") {
      if (!isFile(p)) {
        diagnostics.push(
          makeDiagnostic("E9001", { detail: `${req.input} is not a readable file` }, { file: p })
        );
        return void 0;
      }
      inputFile = canonical(p);
    } else if (explicit === void 0 && (isDir(p) || isFile(p))) {
      explicit = p;
    } else {
      diagnostics.push(
        makeDiagnostic(
          "E9001",
          { detail: `${req.input} is neither a .bd file nor a project folder or manifest` },
          { file: p }
        )
      );
      return void 0;
    }
  }
  const fromWorkspace = (wsFile) => {
    const ws = loader.workspace(wsFile);
    if (!ws) return void 0;
    const sel = selectMember(ws, req, inputFile ?? (req.input ? void 0 : req.cwd), diagnostics);
    return sel ? { kind: "project", manifest: sel.manifest, workspace: { manifest: ws, member: sel.member } } : void 0;
  };
  if (explicit !== void 0) {
    if (isFile(explicit)) {
      const name = basename3(explicit);
      if (isProjectManifestName(name)) return { kind: "project", manifest: explicit };
      if (isWorkspaceManifestName(name)) return fromWorkspace(explicit);
      diagnostics.push(
        makeDiagnostic(
          "E3001",
          { detail: `${explicit} is not a manifest (Project.proj, *.bproj, Workspace.proj, *.bws)` },
          { file: explicit }
        )
      );
      return void 0;
    }
    if (isDir(explicit)) {
      if (req.workspaceMember === void 0) {
        const projects = projectManifestsIn(explicit);
        if (projects.length) return { kind: "project", manifest: chooseManifest(projects, diagnostics) };
      }
      const workspaces = workspaceManifestsIn(explicit);
      if (workspaces.length) return fromWorkspace(chooseManifest(workspaces, diagnostics));
      if (req.workspaceMember !== void 0) {
        diagnostics.push(noWorkspace(req.workspaceMember, explicit, false));
        return void 0;
      }
      diagnostics.push(
        makeDiagnostic(
          "E3001",
          { detail: `no Project.proj, *.bproj, Workspace.proj or *.bws in ${explicit}` },
          { file: explicit }
        )
      );
      return void 0;
    }
    diagnostics.push(
      makeDiagnostic("E3001", { detail: `${req.project ?? req.input} does not exist` }, { file: explicit })
    );
    return void 0;
  }
  const start = inputFile ? dirname4(inputFile) : resolve4(req.cwd);
  if (req.workspaceMember === void 0) {
    const project = findUp(start, projectManifestsIn);
    if (project) return { kind: "project", manifest: chooseManifest(project, diagnostics) };
  }
  const workspace = findUp(start, workspaceManifestsIn);
  if (workspace) return fromWorkspace(chooseManifest(workspace, diagnostics));
  if (req.workspaceMember !== void 0) {
    diagnostics.push(noWorkspace(req.workspaceMember, start, true));
    return void 0;
  }
  if (inputFile) return { kind: "file", file: inputFile };
  diagnostics.push(
    makeDiagnostic(
      "E3001",
      {
        detail: `no Project.proj, *.bproj, Workspace.proj or *.bws in ${start} or any folder above it`,
        help: "pass --project <folder> or a .bd input file"
      },
      void 0
    )
  );
  return void 0;
}
function enclosingWorkspace(projectManifest, loader) {
  const dir = dirname4(projectManifest);
  const found = findUp(dir, workspaceManifestsIn);
  if (!found) return void 0;
  const ws = loader.workspace(found[0]);
  if (!ws) return void 0;
  const wsDir = dirname4(ws.file);
  const member = ws.members.find((m) => {
    const p = resolve4(wsDir, m.path);
    return canonical(isFile(p) ? dirname4(p) : p) === dir;
  });
  return member ? { manifest: ws, member: member.label } : void 0;
}
function corelibSource(root, loader, diagnostics) {
  if (!isDir(root)) {
    diagnostics.push(makeDiagnostic("E3025", { detail: `${root} is not a folder` }, { file: root }));
    return void 0;
  }
  const found = projectManifestsIn(root);
  if (found.length === 0) return { sourceRoot: canonical(root) };
  const m = loader.project(chooseManifest(found, diagnostics));
  if (!m) return void 0;
  return { sourceRoot: resolve4(dirname4(m.file), m.root), manifestPath: m.file };
}
function attachCorelib(host, req) {
  if (req.corelibRoot === void 0) return false;
  if (!host) return true;
  if (host.name === "corelib") return false;
  if (canonical(dirname4(host.file)) === canonical(req.corelibRoot)) return false;
  return !host.dependencies.some((d) => STD_ALIASES.includes(d.alias) && d.source === "path");
}
function resolvePlan(req) {
  const diagnostics = [];
  const loader = new ManifestLoader(diagnostics);
  const located = locate(req, loader, diagnostics);
  if (!located || hasErrors(diagnostics)) return fail(diagnostics);
  const inputFile = req.input !== void 0 && extname(req.input) === ".bd" ? canonical(resolve4(req.cwd, req.input)) : void 0;
  if (located.kind === "file") {
    const dir = dirname4(located.file);
    const roots2 = [{ name: basename3(located.file, ".bd"), path: dir, kind: "host" }];
    let corelib2;
    if (attachCorelib(void 0, req)) {
      corelib2 = corelibSource(req.corelibRoot, loader, diagnostics);
      if (corelib2) roots2.push({ name: "corelib", path: corelib2.sourceRoot, kind: "corelib" });
    }
    if (hasErrors(diagnostics)) return fail(diagnostics);
    return {
      value: {
        projectDir: dir,
        projectName: basename3(located.file, ".bd"),
        entryFile: located.file,
        roots: roots2,
        inputs: [...loader.read].sort(),
        graph: [],
        ...corelib2 ? { corelib: corelib2 } : {}
      },
      diagnostics
    };
  }
  const host = loader.project(located.manifest);
  if (!host || hasErrors(diagnostics)) return fail(diagnostics);
  const projectDir = dirname4(host.file);
  const hostIndex = host.source.index;
  let target;
  let entryFile;
  if (inputFile) {
    entryFile = inputFile;
  } else {
    const labels = host.targets.map((t) => t.label);
    let chosen = req.target !== void 0 ? host.targets.find((t) => t.label === req.target) : host.targets.find((t) => t.kind === "App") ?? host.targets[0];
    if (!chosen) {
      diagnostics.push(
        makeDiagnostic(
          "E3005",
          {
            detail: req.target !== void 0 ? `no target "${req.target}" in ${host.name}` : `${host.name} (${host.type}) declares no targets`,
            notes: [labels.length ? `targets: ${labels.join(", ")}` : "the project has no targets"]
          },
          { span: host.rootSpan, index: hostIndex }
        )
      );
      return fail(diagnostics);
    }
    const testTarget = host.targets.find((t) => t.kind === "Test");
    if (req.command === "test" && req.target === void 0 && chosen.kind !== "Test" && testTarget) {
      diagnostics.push(
        makeDiagnostic(
          "W3028",
          {
            detail: `running the tests of target "${chosen.label}"; "${testTarget.label}" is not run`,
            help: `pass --target ${testTarget.label} for its tests (or --target ${chosen.label} to silence this)`
          },
          { span: testTarget.labelSpan, index: hostIndex }
        )
      );
    }
    const entry = chosen.entry ?? `${host.name}.bd`;
    entryFile = resolve4(projectDir, host.root, entry);
    target = { label: chosen.label, kind: chosen.kind, entry };
    if (!isFile(entryFile)) {
      diagnostics.push(
        makeDiagnostic(
          "E3027",
          {
            detail: `target "${chosen.label}" names ${relative3(projectDir, entryFile).split(sep3).join("/")}, which does not exist`
          },
          { span: chosen.entrySpan ?? chosen.labelSpan, index: hostIndex }
        )
      );
    } else entryFile = canonical(entryFile);
  }
  const graph = buildGraph(host, loader, diagnostics);
  const workspace = located.workspace ?? enclosingWorkspace(host.file, loader);
  let corelib;
  if (attachCorelib(host, req)) corelib = corelibSource(req.corelibRoot, loader, diagnostics);
  if (hasErrors(diagnostics)) return fail(diagnostics);
  const deps = graph.nodes.filter((n) => n !== graph.host);
  const matRoot = new Map(deps.map((n) => [n.manifestPath, materializedRoot(projectDir, n)]));
  const byPath = new Map(graph.nodes.map((n) => [n.manifestPath, n]));
  const entries = [];
  for (const n of graph.nodes) {
    for (const e of n.deps) {
      const d = byPath.get(e.to);
      entries.push({
        name: e.alias,
        manifest: d.manifestPath,
        project: d.projectDir,
        sourceRoot: d.sourceRoot,
        materializedRoot: matRoot.get(d.manifestPath)
      });
    }
  }
  const expected = { rootManifest: host.file, projectName: host.name, dependencies: entries };
  const lockPath = join3(projectDir, "Project.lock");
  let current;
  try {
    current = existsSync(lockPath) ? readFileSync3(lockPath, "utf8") : void 0;
  } catch (e) {
    diagnostics.push(
      makeDiagnostic("E9001", { detail: `${lockPath}: ${e.message}` }, { file: lockPath })
    );
    return fail(diagnostics);
  }
  const decision = decideLock(req.lockMode, lockPath, projectDir, expected, current);
  let lockAction = "unchanged";
  if (decision.action === "fail") return fail([...diagnostics, ...decision.diagnostics]);
  if (decision.action === "write") {
    try {
      writeFileAtomic(lockPath, decision.text);
      lockAction = "written";
    } catch (e) {
      const code = e.code;
      const readOnly = code === "EACCES" || code === "EPERM" || code === "EROFS";
      diagnostics.push(
        makeDiagnostic(
          "E9002",
          {
            detail: `${lockPath}: ${e.message}`,
            ...readOnly ? {
              help: `the project folder cannot be written: commit the Project.lock a writable checkout writes and pass --frozen here (it is ${decision.reason})`
            } : {}
          },
          { file: lockPath }
        )
      );
      return fail(diagnostics);
    }
  }
  try {
    materializeAll(projectDir, deps);
  } catch (e) {
    diagnostics.push(makeDiagnostic("E3024", { detail: e.message }, { file: host.file }));
    return fail(diagnostics);
  }
  const hostAliases = new Map(graph.host.deps.map((e) => [e.to, e.alias]));
  const roots = [{ name: host.name, path: resolve4(projectDir, host.root), kind: "host" }];
  for (const n of deps) {
    const alias = hostAliases.get(n.manifestPath);
    roots.push({
      name: n.name,
      path: matRoot.get(n.manifestPath),
      ...alias ? { alias } : {},
      kind: "dependency"
    });
  }
  if (corelib) roots.push({ name: "corelib", path: corelib.sourceRoot, kind: "corelib" });
  const inputs = [.../* @__PURE__ */ new Set([...loader.read, lockPath])].sort();
  return {
    value: {
      projectDir,
      manifestPath: host.file,
      projectName: host.name,
      projectType: host.type,
      ...target ? { target } : {},
      entryFile,
      roots,
      inputs,
      graph: graph.nodes.map((n) => ({
        name: n.name,
        manifestPath: n.manifestPath,
        projectDir: n.projectDir,
        sourceRoot: n.sourceRoot,
        ...matRoot.has(n.manifestPath) ? { materializedRoot: matRoot.get(n.manifestPath) } : {},
        deps: n.deps.map((e) => ({ alias: e.alias, manifestPath: e.to }))
      })),
      ...workspace ? {
        workspace: {
          manifestPath: workspace.manifest.file,
          name: workspace.manifest.name,
          members: workspace.manifest.members.map((m) => ({
            label: m.label,
            path: resolve4(dirname4(workspace.manifest.file), m.path)
          })),
          ...workspace.member ? { member: workspace.member } : {}
        }
      } : {},
      lock: { path: lockPath, action: lockAction },
      ...corelib ? { corelib } : {}
    },
    diagnostics
  };
}

// src/assembly/assemble.ts
import { readdirSync as readdirSync3, readFileSync as readFileSync4, realpathSync as realpathSync2, statSync as statSync2 } from "node:fs";
import { dirname as dirname6, join as join5, relative as relative5, sep as sep5 } from "node:path";

// src/syntax/lexer.ts
var TOKEN_NAMES = {
  [0 /* EOF */]: "end of file",
  [1 /* Ident */]: "identifier",
  [2 /* Underscore */]: "`_`",
  [3 /* Int */]: "integer literal",
  [4 /* Float */]: "float literal",
  [5 /* Char */]: "character literal",
  [6 /* String */]: "string literal",
  [7 /* StringHead */]: "string literal",
  [8 /* StringMiddle */]: "`}` of an interpolation",
  [9 /* StringTail */]: "`}` of an interpolation",
  [10 /* CodeFence */]: "code fence",
  [11 /* KwType */]: "`type`",
  [12 /* KwEnum */]: "`enum`",
  [13 /* KwContract */]: "`contract`",
  [14 /* KwAttribute */]: "`attribute`",
  [15 /* KwImpl */]: "`impl`",
  [16 /* KwMatch */]: "`match`",
  [17 /* KwWhen */]: "`when`",
  [18 /* KwIf */]: "`if`",
  [19 /* KwElse */]: "`else`",
  [20 /* KwWhile */]: "`while`",
  [21 /* KwFor */]: "`for`",
  [22 /* KwIn */]: "`in`",
  [23 /* KwReturn */]: "`return`",
  [24 /* KwBreak */]: "`break`",
  [25 /* KwContinue */]: "`continue`",
  [26 /* KwLet */]: "`let`",
  [27 /* KwMut */]: "`mut`",
  [28 /* KwMod */]: "`mod`",
  [29 /* KwUse */]: "`use`",
  [30 /* KwPub */]: "`pub`",
  [31 /* KwTest */]: "`test`",
  [32 /* KwSkip */]: "`skip`",
  [33 /* KwTrue */]: "`true`",
  [34 /* KwFalse */]: "`false`",
  [35 /* LBrace */]: "`{`",
  [36 /* RBrace */]: "`}`",
  [37 /* LParen */]: "`(`",
  [38 /* RParen */]: "`)`",
  [39 /* LBracket */]: "`[`",
  [40 /* RBracket */]: "`]`",
  [41 /* Lt */]: "`<`",
  [42 /* Gt */]: "`>`",
  [43 /* Comma */]: "`,`",
  [44 /* Semi */]: "`;`",
  [45 /* Colon */]: "`:`",
  [46 /* ColonColon */]: "`::`",
  [47 /* Dot */]: "`.`",
  [48 /* FatArrow */]: "`=>`",
  [49 /* Eq */]: "`=`",
  [50 /* PlusEq */]: "`+=`",
  [51 /* MinusEq */]: "`-=`",
  [52 /* EqEq */]: "`==`",
  [53 /* BangEq */]: "`!=`",
  [54 /* EqEqEq */]: "`===`",
  [55 /* BangEqEq */]: "`!==`",
  [56 /* LtEq */]: "`<=`",
  [57 /* Plus */]: "`+`",
  [58 /* Minus */]: "`-`",
  [59 /* Star */]: "`*`",
  [60 /* Slash */]: "`/`",
  [61 /* Percent */]: "`%`",
  [62 /* Bang */]: "`!`",
  [63 /* AmpAmp */]: "`&&`",
  [64 /* PipePipe */]: "`||`",
  [65 /* Amp */]: "`&`",
  [66 /* Pipe */]: "`|`",
  [67 /* LtLt */]: "`<<`",
  [68 /* Question */]: "`?`",
  [69 /* Dollar */]: "`$`",
  [70 /* At */]: "`@`",
  [71 /* Caret */]: "`^`",
  [72 /* Tilde */]: "`~`",
  [73 /* StarEq */]: "`*=`",
  [74 /* SlashEq */]: "`/=`",
  [75 /* PercentEq */]: "`%=`",
  [76 /* PlusPlus */]: "`++`",
  [77 /* MinusMinus */]: "`--`",
  [78 /* ThinArrow */]: "`->`"
};
var FOLLOWED = 1;
var HEX = 2;
var LEX_ERROR = 4;
var SUFFIX_SHIFT = 4;
var SUFFIX_MASK = 240;
var SUFFIXES = ["", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64"];
var FLOAT_SUFFIX_FIRST = 9;
var KEYWORDS = /* @__PURE__ */ new Map([
  ["type", 11 /* KwType */],
  ["enum", 12 /* KwEnum */],
  ["contract", 13 /* KwContract */],
  ["attribute", 14 /* KwAttribute */],
  ["impl", 15 /* KwImpl */],
  ["match", 16 /* KwMatch */],
  ["when", 17 /* KwWhen */],
  ["if", 18 /* KwIf */],
  ["else", 19 /* KwElse */],
  ["while", 20 /* KwWhile */],
  ["for", 21 /* KwFor */],
  ["in", 22 /* KwIn */],
  ["return", 23 /* KwReturn */],
  ["break", 24 /* KwBreak */],
  ["continue", 25 /* KwContinue */],
  ["let", 26 /* KwLet */],
  ["mut", 27 /* KwMut */],
  ["mod", 28 /* KwMod */],
  ["use", 29 /* KwUse */],
  ["pub", 30 /* KwPub */],
  ["test", 31 /* KwTest */],
  ["skip", 32 /* KwSkip */],
  ["true", 33 /* KwTrue */],
  ["false", 34 /* KwFalse */]
]);
var NON_ASCII_HELP = "identifiers are ASCII; non-ASCII text belongs in strings, characters and comments";
var LETTER = new RegExp("^\\p{L}$", "u");
function isIdentStart(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95;
}
function isIdentPart(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95 || c >= 48 && c <= 57;
}
function isDigit(c) {
  return c >= 48 && c <= 57;
}
function isHexDigit(c) {
  return c >= 48 && c <= 57 || c >= 97 && c <= 102 || c >= 65 && c <= 70;
}
function hexValue(c) {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}
var MAX_U64 = (1n << 64n) - 1n;
function lex2(text, file, lineIndex) {
  let index = lineIndex;
  const tokens = [];
  const docLines = [];
  const diagnostics = [];
  const n = text.length;
  let pos = 0;
  let pendingDoc = -1;
  const holes = [];
  const names = /* @__PURE__ */ new Map();
  let stringErrorAtEof = false;
  let errorFlag = 0;
  function report(code, start, end, detail, help) {
    errorFlag = LEX_ERROR;
    diagnostics.push(
      makeDiagnostic(
        code,
        { ...detail !== void 0 ? { detail } : {}, ...help !== void 0 ? { help } : {} },
        { span: { file, start, end }, index: index ??= new LineIndex(text) }
      )
    );
  }
  function push(kind, start, end, flags = 0, value) {
    tokens.push({ kind, start, end, flags: flags | errorFlag, value, doc: pendingDoc });
    pendingDoc = -1;
    errorFlag = 0;
  }
  function foreignLetter(at) {
    if (at >= n || text.charCodeAt(at) < 128) return 0;
    const cp = text.codePointAt(at);
    return LETTER.test(String.fromCodePoint(cp)) ? cp > 65535 ? 2 : 1 : 0;
  }
  function nonAsciiLength(at) {
    const c = text.charCodeAt(at);
    if (c >= 55296 && c <= 56319) {
      const d = at + 1 < n ? text.charCodeAt(at + 1) : 0;
      if (d >= 56320 && d <= 57343) return 2;
      report("E0007", at, at + 1, "a lone UTF-16 surrogate cannot be encoded as UTF-8");
      return 1;
    }
    if (c >= 56320 && c <= 57343) {
      report("E0007", at, at + 1, "a lone UTF-16 surrogate cannot be encoded as UTF-8");
    }
    return 1;
  }
  function checkSurrogates(from, to) {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c >= 55296 && c <= 57343) i += nonAsciiLength(i) - 1;
    }
  }
  function escape(at) {
    const c = at + 1 < n ? text.charCodeAt(at + 1) : -1;
    switch (c) {
      case 110:
        return { text: "\n", next: at + 2 };
      case 116:
        return { text: "	", next: at + 2 };
      case 114:
        return { text: "\r", next: at + 2 };
      case 48:
        return { text: "\0", next: at + 2 };
      case 92:
        return { text: "\\", next: at + 2 };
      case 34:
        return { text: '"', next: at + 2 };
      case 39:
        return { text: "'", next: at + 2 };
      case 36:
        return { text: "$", next: at + 2 };
      case 117: {
        let p = at + 2;
        if (text.charCodeAt(p) !== 123) {
          report("E0004", at, p, "`\\u` must be followed by `{hex digits}`", "write \\u{41}");
          return { text: "", next: p };
        }
        p++;
        let value = 0;
        let digits = 0;
        while (p < n && isHexDigit(text.charCodeAt(p))) {
          if (digits < 8) value = value * 16 + hexValue(text.charCodeAt(p));
          digits++;
          p++;
        }
        if (text.charCodeAt(p) !== 125) {
          report("E0004", at, p, "unterminated `\\u{\u2026}` escape");
          return { text: "", next: p };
        }
        p++;
        if (digits === 0 || digits > 6) {
          report("E0004", at, p, "`\\u{\u2026}` takes 1 to 6 hex digits");
          return { text: "", next: p };
        }
        if (value >= 55296 && value <= 57343 || value > 1114111) {
          report("E0004", at, p, "`\\u{\u2026}` must be a Unicode scalar value (no surrogates, at most 10FFFF)");
          return { text: "", next: p };
        }
        return { text: String.fromCodePoint(value), next: p };
      }
      default: {
        const end = c < 0 ? at + 1 : at + 2;
        report(
          "E0004",
          at,
          end,
          c < 0 ? "a backslash at the end of the file" : `\`\\${text.slice(at + 1, end)}\` is not an escape`,
          `the escapes are \\n \\t \\r \\0 \\\\ \\" \\' \\$ and \\u{\u2026}`
        );
        return { text: "", next: end };
      }
    }
  }
  function stringPiece(tokenStart, from, closed, opened) {
    let p = from;
    let out = "";
    let chunk = p;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 34) {
        out += text.slice(chunk, p);
        push(closed, tokenStart, p + 1, 0, out);
        pos = p + 1;
        return;
      }
      if (c === 92) {
        out += text.slice(chunk, p);
        const e = escape(p);
        out += e.text;
        p = e.next;
        chunk = p;
        continue;
      }
      if (c === 36 && text.charCodeAt(p + 1) === 123) {
        out += text.slice(chunk, p);
        push(opened, tokenStart, p + 2, 0, out);
        holes.push({ depth: 0, start: p });
        pos = p + 2;
        return;
      }
      if (c === 13 && text.charCodeAt(p + 1) === 10) {
        out += text.slice(chunk, p) + "\n";
        p += 2;
        chunk = p;
        continue;
      }
      if (c >= 55296 && c <= 57343) {
        p += nonAsciiLength(p);
        continue;
      }
      p++;
    }
    out += text.slice(chunk, n);
    report("E0002", tokenStart, n, 'the string has no closing `"`');
    stringErrorAtEof = true;
    push(closed, tokenStart, n, 0, out);
    pos = n;
  }
  function charLiteral(start) {
    let p = start + 1;
    if (text.charCodeAt(p) === 92 && text.charCodeAt(p + 1) === 39 && text.charCodeAt(p + 2) !== 39) {
      push(5 /* Char */, start, p + 2, 0, 92);
      pos = p + 2;
      return;
    }
    const c = p < n ? text.charCodeAt(p) : -1;
    if (c === 39) {
      report("E0006", start, p + 1, "empty character literal");
      push(5 /* Char */, start, p + 1, 0, 0);
      pos = p + 1;
      return;
    }
    if (c < 0 || c === 10 || c === 13) {
      report("E0006", start, p, "unterminated character literal");
      push(5 /* Char */, start, p, 0, 0);
      pos = p;
      return;
    }
    let value;
    if (c === 92) {
      const e = escape(p);
      value = e.text.length ? e.text.codePointAt(0) : 0;
      p = e.next;
    } else {
      const len = c >= 55296 && c <= 57343 ? nonAsciiLength(p) : 1;
      value = len === 2 ? text.codePointAt(p) : c;
      p += len;
    }
    if (text.charCodeAt(p) === 39) {
      push(5 /* Char */, start, p + 1, 0, value);
      pos = p + 1;
      return;
    }
    let q = p;
    while (q < n) {
      const d = text.charCodeAt(q);
      if (d === 39 || d === 10 || d === 13) break;
      q++;
    }
    if (q < n && text.charCodeAt(q) === 39) {
      report(
        "E0006",
        start,
        q + 1,
        "a character literal holds exactly one character",
        "use a string for text"
      );
      push(5 /* Char */, start, q + 1, 0, value);
      pos = q + 1;
    } else {
      report("E0006", start, p, "unterminated character literal");
      push(5 /* Char */, start, p, 0, value);
      pos = p;
    }
  }
  function digitRun(p, hex) {
    for (; ; ) {
      const c = text.charCodeAt(p);
      if (hex ? isHexDigit(c) : isDigit(c)) {
        p++;
        continue;
      }
      if (c === 95) {
        const d = text.charCodeAt(p + 1);
        if (hex ? isHexDigit(d) : isDigit(d)) {
          p++;
          continue;
        }
      }
      return p;
    }
  }
  function digitsValue(from, to, radix) {
    if (radix === 10 && to - from <= 15) {
      let v = 0;
      for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c !== 95) v = v * 10 + (c - 48);
      }
      return BigInt(v);
    }
    const raw = text.slice(from, to).replaceAll("_", "");
    if (raw.length === 0) return 0n;
    if (radix === 10 && raw.length <= 15) return BigInt(Number(raw));
    return BigInt(radix === 16 ? "0x" + raw : raw);
  }
  function number(start) {
    let p = start;
    let hex = false;
    let isFloat = false;
    let error;
    let digitsFrom = p;
    let digitsTo;
    if (text.charCodeAt(p) === 48 && (text.charCodeAt(p + 1) | 32) === 120) {
      hex = true;
      p += 2;
      digitsFrom = p;
      digitsTo = digitRun(p, true);
      if (digitsTo === p) error = { detail: "`0x` must be followed by hex digits" };
      p = digitsTo;
    } else {
      digitsTo = digitRun(p, false);
      p = digitsTo;
      if (text.charCodeAt(p) === 46 && isDigit(text.charCodeAt(p + 1))) {
        isFloat = true;
        p = digitRun(p + 1, false);
      }
      const e = text.charCodeAt(p) | 32;
      if (e === 101) {
        const s = text.charCodeAt(p + 1);
        const afterSign = s === 43 || s === 45 ? p + 2 : p + 1;
        if (isDigit(text.charCodeAt(afterSign))) {
          const lit = text.slice(start, p);
          p = digitRun(afterSign, false);
          if (!isFloat) {
            error = {
              detail: "an exponent needs a fraction",
              help: `write ${lit}.0${text.slice(lit.length + start, p)}`
            };
          }
          isFloat = true;
        }
      }
    }
    let suffix = 0;
    if (text.charCodeAt(p) === 95 && isIdentStart(text.charCodeAt(p + 1)) && text.charCodeAt(p + 1) !== 95) {
      let q = p + 1;
      while (isIdentPart(text.charCodeAt(q))) q++;
      const word = text.slice(p + 1, q);
      const code = SUFFIXES.indexOf(word);
      if (code <= 0) {
        error ??= {
          detail: `unknown literal suffix \`_${word}\``,
          help: "the suffixes are _i8 _i16 _i32 _i64 _u8 _u16 _u32 _u64 _f32 _f64"
        };
      } else if (code >= FLOAT_SUFFIX_FIRST && !isFloat) {
        error ??= {
          detail: `a float suffix on an integer literal`,
          help: `write ${text.slice(start, p)}.0_${word}`
        };
      } else if (code < FLOAT_SUFFIX_FIRST && isFloat) {
        error ??= { detail: `an integer suffix on a float literal` };
      } else {
        suffix = code;
      }
      p = q;
    }
    if (isIdentPart(text.charCodeAt(p))) {
      let q = p;
      while (isIdentPart(text.charCodeAt(q))) q++;
      error ??= {
        detail: `\`${text.slice(start, q)}\` is not a number`,
        help: "`_` may only separate digits, and suffixes are written like 10_i64"
      };
      p = q;
    }
    pos = p;
    if (error) {
      report("E0005", start, p, error.detail, error.help);
      push(isFloat ? 4 /* Float */ : 3 /* Int */, start, p, hex ? HEX : 0, isFloat ? 0 : 0n);
      return;
    }
    const flags = (hex ? HEX : 0) | suffix << SUFFIX_SHIFT;
    if (isFloat) {
      const end = suffix ? text.lastIndexOf("_", p) : p;
      push(4 /* Float */, start, p, flags, Number(text.slice(start, end).replaceAll("_", "")));
      return;
    }
    const value = digitsValue(digitsFrom, digitsTo, hex ? 16 : 10);
    if (value > MAX_U64) {
      report("E0005", start, p, "the value does not fit in 64 bits");
      push(3 /* Int */, start, p, flags, 0n);
      return;
    }
    push(3 /* Int */, start, p, flags, value);
  }
  while (pos < n) {
    const start = pos;
    const c = text.charCodeAt(pos);
    switch (c) {
      case 32:
      case 9:
      case 10:
      case 13:
        pos++;
        continue;
      case 65279:
        if (pos === 0) {
          pos++;
          continue;
        }
        report("E0001", pos, pos + 1, "a byte-order mark in the middle of the file");
        pos++;
        continue;
      case 47: {
        const d = text.charCodeAt(pos + 1);
        if (d === 47) {
          let end = pos + 2;
          while (end < n && text.charCodeAt(end) !== 10) end++;
          const lineEnd = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
          checkSurrogates(pos + 2, lineEnd);
          if (text.charCodeAt(pos + 2) === 47 && text.charCodeAt(pos + 3) !== 47) {
            let from = pos + 3;
            if (text.charCodeAt(from) === 32) from++;
            if (pendingDoc < 0) pendingDoc = docLines.length;
            docLines.push({ start: pos, end: lineEnd, text: text.slice(from, Math.max(from, lineEnd)) });
          }
          pos = end;
          continue;
        }
        if (d === 42) {
          const close = text.indexOf("*/", pos + 2);
          if (close < 0) {
            report("E0003", pos, n, "the comment has no closing `*/`");
            checkSurrogates(pos + 2, n);
            pos = n;
          } else {
            checkSurrogates(pos + 2, close);
            pos = close + 2;
          }
          continue;
        }
        if (d === 61) {
          push(74 /* SlashEq */, pos, pos + 2);
          pos += 2;
          continue;
        }
        push(60 /* Slash */, pos, pos + 1);
        pos++;
        continue;
      }
      case 34:
        stringPiece(pos, pos + 1, 6 /* String */, 7 /* StringHead */);
        continue;
      case 39:
        charLiteral(pos);
        continue;
      case 123:
        if (holes.length) holes[holes.length - 1].depth++;
        push(35 /* LBrace */, pos, pos + 1);
        pos++;
        continue;
      case 125: {
        const hole = holes.length ? holes[holes.length - 1] : void 0;
        if (hole && hole.depth === 0) {
          holes.pop();
          const prev = tokens[tokens.length - 1];
          if (prev && (prev.kind === 7 /* StringHead */ || prev.kind === 8 /* StringMiddle */) && prev.end === hole.start + 2) {
            report("E0008", hole.start, pos + 1, "`${}` has no expression");
          }
          stringPiece(pos, pos + 1, 9 /* StringTail */, 8 /* StringMiddle */);
          continue;
        }
        if (hole) hole.depth--;
        push(36 /* RBrace */, pos, pos + 1);
        pos++;
        continue;
      }
      case 40:
        push(37 /* LParen */, pos, pos + 1);
        pos++;
        continue;
      case 41:
        push(38 /* RParen */, pos, pos + 1);
        pos++;
        continue;
      case 91:
        push(39 /* LBracket */, pos, pos + 1);
        pos++;
        continue;
      case 93:
        push(40 /* RBracket */, pos, pos + 1);
        pos++;
        continue;
      case 44:
        push(43 /* Comma */, pos, pos + 1);
        pos++;
        continue;
      case 59:
        push(44 /* Semi */, pos, pos + 1);
        pos++;
        continue;
      case 63:
        push(68 /* Question */, pos, pos + 1);
        pos++;
        continue;
      case 64:
        push(70 /* At */, pos, pos + 1);
        pos++;
        continue;
      case 36:
        push(69 /* Dollar */, pos, pos + 1);
        pos++;
        continue;
      case 94:
        push(71 /* Caret */, pos, pos + 1);
        pos++;
        continue;
      case 126:
        push(72 /* Tilde */, pos, pos + 1);
        pos++;
        continue;
      case 46:
        push(47 /* Dot */, pos, pos + 1);
        pos++;
        continue;
      case 58:
        if (text.charCodeAt(pos + 1) === 58) {
          push(46 /* ColonColon */, pos, pos + 2);
          pos += 2;
        } else {
          push(45 /* Colon */, pos, pos + 1);
          pos++;
        }
        continue;
      case 60: {
        const d = text.charCodeAt(pos + 1);
        const kind = d === 61 ? 56 /* LtEq */ : d === 60 ? 67 /* LtLt */ : 41 /* Lt */;
        const len2 = kind === 41 /* Lt */ ? 1 : 2;
        push(kind, pos, pos + len2);
        pos += len2;
        continue;
      }
      case 62: {
        const d = text.charCodeAt(pos + 1);
        push(42 /* Gt */, pos, pos + 1, d === 62 || d === 61 ? FOLLOWED : 0);
        pos++;
        continue;
      }
      case 61: {
        const d = text.charCodeAt(pos + 1);
        if (d === 61) {
          if (text.charCodeAt(pos + 2) === 61) {
            push(54 /* EqEqEq */, pos, pos + 3);
            pos += 3;
          } else {
            push(52 /* EqEq */, pos, pos + 2);
            pos += 2;
          }
        } else if (d === 62) {
          push(48 /* FatArrow */, pos, pos + 2);
          pos += 2;
        } else {
          push(49 /* Eq */, pos, pos + 1);
          pos++;
        }
        continue;
      }
      case 33: {
        if (text.charCodeAt(pos + 1) === 61) {
          if (text.charCodeAt(pos + 2) === 61) {
            push(55 /* BangEqEq */, pos, pos + 3);
            pos += 3;
          } else {
            push(53 /* BangEq */, pos, pos + 2);
            pos += 2;
          }
        } else {
          push(62 /* Bang */, pos, pos + 1);
          pos++;
        }
        continue;
      }
      case 43: {
        const d = text.charCodeAt(pos + 1);
        const kind = d === 61 ? 50 /* PlusEq */ : d === 43 ? 76 /* PlusPlus */ : 57 /* Plus */;
        const len2 = kind === 57 /* Plus */ ? 1 : 2;
        push(kind, pos, pos + len2);
        pos += len2;
        continue;
      }
      case 45: {
        const d = text.charCodeAt(pos + 1);
        const kind = d === 61 ? 51 /* MinusEq */ : d === 45 ? 77 /* MinusMinus */ : d === 62 ? 78 /* ThinArrow */ : 58 /* Minus */;
        const len2 = kind === 58 /* Minus */ ? 1 : 2;
        push(kind, pos, pos + len2);
        pos += len2;
        continue;
      }
      case 42: {
        const eq = text.charCodeAt(pos + 1) === 61;
        push(eq ? 73 /* StarEq */ : 59 /* Star */, pos, pos + (eq ? 2 : 1));
        pos += eq ? 2 : 1;
        continue;
      }
      case 37: {
        const eq = text.charCodeAt(pos + 1) === 61;
        push(eq ? 75 /* PercentEq */ : 61 /* Percent */, pos, pos + (eq ? 2 : 1));
        pos += eq ? 2 : 1;
        continue;
      }
      case 38: {
        const two = text.charCodeAt(pos + 1) === 38;
        push(two ? 63 /* AmpAmp */ : 65 /* Amp */, pos, pos + (two ? 2 : 1));
        pos += two ? 2 : 1;
        continue;
      }
      case 124: {
        const two = text.charCodeAt(pos + 1) === 124;
        push(two ? 64 /* PipePipe */ : 66 /* Pipe */, pos, pos + (two ? 2 : 1));
        pos += two ? 2 : 1;
        continue;
      }
      default:
        break;
    }
    if (isDigit(c)) {
      number(start);
      continue;
    }
    if (isIdentStart(c) || foreignLetter(pos) > 0) {
      let p = pos;
      while (p < n) {
        if (isIdentPart(text.charCodeAt(p))) p++;
        else {
          const len2 = foreignLetter(p);
          if (len2 === 0) break;
          report("E0001", p, p + len2, `\`${text.slice(p, p + len2)}\``, NON_ASCII_HELP);
          p += len2;
        }
      }
      pos = p;
      if (p - start === 1 && c === 95) {
        push(2 /* Underscore */, start, p);
        continue;
      }
      const sliced = text.slice(start, p);
      const kw = c >= 97 ? KEYWORDS.get(sliced) : void 0;
      if (kw !== void 0) {
        push(kw, start, p);
        continue;
      }
      let word = names.get(sliced);
      if (word === void 0) {
        word = sliced;
        names.set(word, word);
      }
      push(1 /* Ident */, start, p, 0, word);
      if (word === "code") fence(p);
      continue;
    }
    const len = c >= 128 ? nonAsciiLength(pos) : 1;
    const shown = c < 32 || c === 127 ? `U+${c.toString(16).toUpperCase().padStart(4, "0")}` : text.slice(pos, pos + len);
    report("E0001", pos, pos + len, `\`${shown}\``, c >= 128 ? NON_ASCII_HELP : void 0);
    pos += len;
  }
  function fence(after) {
    let p = after;
    while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
    if (text.charCodeAt(p) !== 96 || text.charCodeAt(p + 1) !== 96 || text.charCodeAt(p + 2) !== 96) return;
    const close = text.indexOf("```", p + 3);
    if (close < 0) {
      report("E0002", p, n, "the code fence has no closing ```");
      stringErrorAtEof = true;
      push(10 /* CodeFence */, p, n);
      pos = n;
      return;
    }
    checkSurrogates(p + 3, close);
    push(10 /* CodeFence */, p, close + 3);
    pos = close + 3;
  }
  if (holes.length && !stringErrorAtEof) {
    const hole = holes[0];
    report("E0008", hole.start, n, "the interpolation `${` has no closing `}`");
  }
  tokens.push({ kind: 0 /* EOF */, start: n, end: n, flags: 0, value: void 0, doc: pendingDoc });
  return { tokens, docLines, diagnostics };
}
function describeToken(text, t) {
  switch (t.kind) {
    case 1 /* Ident */:
      return `identifier \`${t.value}\``;
    case 3 /* Int */:
    case 4 /* Float */: {
      const raw = text.slice(t.start, t.end);
      return raw.length <= 24 ? `\`${raw}\`` : TOKEN_NAMES[t.kind];
    }
    default:
      return TOKEN_NAMES[t.kind];
  }
}
function decodeSource(bytes, file) {
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { text, diagnostics: [] };
  const at = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(
    bytes.subarray(0, bad)
  ).length;
  const index = new LineIndex(text);
  return {
    text,
    diagnostics: [
      makeDiagnostic(
        "E0007",
        { detail: `invalid byte 0x${bytes[bad].toString(16).padStart(2, "0")} at byte offset ${bad}` },
        { span: { file, start: at, end: at + 1 }, index }
      )
    ]
  };
}
function firstInvalidUtf8(b) {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 128) {
      i++;
      continue;
    }
    let need;
    let min;
    if (c >= 194 && c <= 223) {
      need = 1;
      min = 128;
    } else if (c >= 224 && c <= 239) {
      need = 2;
      min = 2048;
    } else if (c >= 240 && c <= 244) {
      need = 3;
      min = 65536;
    } else return i;
    let cp = c & 63 >> need;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === void 0 || (d & 192) !== 128) return i;
      cp = cp << 6 | d & 63;
    }
    if (cp < min || cp > 1114111 || cp >= 55296 && cp <= 57343) return i;
    i += need + 1;
  }
  return -1;
}

// src/util/arrays.ts
function exactLength(list) {
  return list.length === 0 ? list : list.slice();
}

// src/syntax/ast.ts
var PRIMITIVE_TYPE_NAMES = [
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
  "pointer"
];

// src/syntax/parser.ts
var MAX_DEPTH = 256;
var MAX_CHAIN = 1e3;
var SPECULATION_DEPTH = 24;
var EMPTY = Object.freeze([]);
var fit = exactLength;
var PRIMITIVES = new Set(PRIMITIVE_TYPE_NAMES);
var BINARY = /* @__PURE__ */ new Map([
  [64 /* PipePipe */, [1, "||"]],
  [63 /* AmpAmp */, [2, "&&"]],
  [66 /* Pipe */, [3, "|"]],
  [65 /* Amp */, [4, "&"]],
  [52 /* EqEq */, [5, "=="]],
  [53 /* BangEq */, [5, "!="]],
  [54 /* EqEqEq */, [5, "==="]],
  [55 /* BangEqEq */, [5, "!=="]],
  [41 /* Lt */, [6, "<"]],
  [56 /* LtEq */, [6, "<="]],
  [42 /* Gt */, [6, ">"]],
  [67 /* LtLt */, [7, "<<"]],
  [57 /* Plus */, [8, "+"]],
  [58 /* Minus */, [8, "-"]],
  [59 /* Star */, [9, "*"]],
  [60 /* Slash */, [9, "/"]],
  [61 /* Percent */, [9, "%"]]
]);
var PREC_CMP = 6;
var PREC_SHIFT = 7;
var FOREIGN_BINARY = /* @__PURE__ */ new Map([
  [71 /* Caret */, [3, "there is no `^` operator; use the corelib's bit functions"]],
  [78 /* ThinArrow */, [1, "`->` is not Beskid; lambdas and function types use `=>`"]]
]);
var FOREIGN_ASSIGN = /* @__PURE__ */ new Map([
  [73 /* StarEq */, "there is no `*=`; write `x = x * y`"],
  [74 /* SlashEq */, "there is no `/=`; write `x = x / y`"],
  [75 /* PercentEq */, "there is no `%=`; write `x = x % y`"]
]);
var GENERIC_FOLLOW = /* @__PURE__ */ new Set([
  37 /* LParen */,
  38 /* RParen */,
  40 /* RBracket */,
  36 /* RBrace */,
  47 /* Dot */,
  46 /* ColonColon */,
  35 /* LBrace */,
  43 /* Comma */,
  44 /* Semi */,
  68 /* Question */,
  52 /* EqEq */,
  53 /* BangEq */,
  63 /* AmpAmp */,
  64 /* PipePipe */,
  0 /* EOF */
]);
var FOREIGN_ITEM_WORDS = /* @__PURE__ */ new Map([
  ["struct", "declare a record with `type Name { Type field, \u2026 }`"],
  ["class", "declare a record with `type Name { Type field, \u2026 }` and its methods in the body"],
  ["record", "declare a record with `type Name { Type field, \u2026 }`"],
  ["interface", "declare a `contract Name { \u2026 }`"],
  ["trait", "declare a `contract Name { \u2026 }`"],
  ["import", "write `use A.B;`"],
  ["package", "a file's module comes from its path, or from `mod A.B;` as its first item"],
  ["namespace", "write `mod Name { \u2026 }` for an inline module"],
  ["fn", "functions are written `ReturnType Name(Type param) { \u2026 }`"],
  ["func", "functions are written `ReturnType Name(Type param) { \u2026 }`"],
  ["def", "functions are written `ReturnType Name(Type param) { \u2026 }`"],
  ["function", "functions are written `ReturnType Name(Type param) { \u2026 }`"],
  ["public", "write `pub`: items are private to their module unless `pub`"],
  ["export", "write `pub`: items are private to their module unless `pub`"],
  ["private", "items are private unless `pub`: drop the word"],
  ["internal", "items are private unless `pub`: drop the word"],
  ["static", "there are no static members: module functions play that role; drop the word"]
]);
var EXPR_END = /* @__PURE__ */ new Set([
  44 /* Semi */,
  36 /* RBrace */,
  43 /* Comma */,
  38 /* RParen */,
  40 /* RBracket */,
  8 /* StringMiddle */,
  9 /* StringTail */
]);
var PATTERN_END = /* @__PURE__ */ new Set([48 /* FatArrow */, 43 /* Comma */, 36 /* RBrace */]);
var OR_PATTERN_END = /* @__PURE__ */ new Set([48 /* FatArrow */, 17 /* KwWhen */, 43 /* Comma */, 36 /* RBrace */]);
var VISIBILITY_WORDS = /* @__PURE__ */ new Set(["public", "export", "private", "internal", "static"]);
var SYNC_STATEMENT = /* @__PURE__ */ new Set([
  18 /* KwIf */,
  20 /* KwWhile */,
  21 /* KwFor */,
  23 /* KwReturn */,
  24 /* KwBreak */,
  25 /* KwContinue */,
  26 /* KwLet */,
  27 /* KwMut */,
  16 /* KwMatch */
]);
var SYNC_ITEM = /* @__PURE__ */ new Set([
  11 /* KwType */,
  12 /* KwEnum */,
  13 /* KwContract */,
  14 /* KwAttribute */,
  15 /* KwImpl */,
  31 /* KwTest */,
  28 /* KwMod */,
  29 /* KwUse */,
  30 /* KwPub */
]);
function startsExpression(k) {
  switch (k) {
    case 1 /* Ident */:
    case 3 /* Int */:
    case 4 /* Float */:
    case 5 /* Char */:
    case 6 /* String */:
    case 7 /* StringHead */:
    case 33 /* KwTrue */:
    case 34 /* KwFalse */:
    case 37 /* LParen */:
    case 39 /* LBracket */:
    case 35 /* LBrace */:
    case 16 /* KwMatch */:
    case 58 /* Minus */:
    case 62 /* Bang */:
    case 69 /* Dollar */:
      return true;
    default:
      return false;
  }
}
function parseTokens(text, file, tokens, docLines, index, eofAlreadyReported) {
  const p = new Parser(text, file, tokens, docLines, index, eofAlreadyReported);
  const tree = p.parseFile();
  return { tree, diagnostics: p.finish() };
}
var Parser = class {
  constructor(text, file, tokens, docLines, index, eofAlreadyReported) {
    this.text = text;
    this.file = file;
    this.tokens = tokens;
    this.docLines = docLines;
    this.index = index;
    this.pair = matchBrackets(tokens);
    if (eofAlreadyReported) this.lastErrorToken = tokens.length - 1;
  }
  text;
  file;
  tokens;
  docLines;
  index;
  pos = 0;
  prevEnd = 0;
  depth = 0;
  spec = 0;
  specFailed = false;
  /** Token index of the last reported error: one error per token at most. */
  lastErrorToken = -1;
  tooDeepReported = false;
  /**
   * Set when a statement position holds something that can only be a function item (`T Name(` at
   * a line start): the enclosing blocks are unclosed. Block, test-body and match loops stop, and
   * the next item or member loop clears it, so the function parses as what it is.
   */
  unwind = false;
  /** Set after E0104 until the next item starts: the follow-up errors are consequences of the skip. */
  quiet = false;
  /** Depth limit inside a speculation: speculative questions never need deep nesting. */
  specDepthCap = MAX_DEPTH;
  /** Rule 7: in an `if`/`while`/`for`/`match` head, `{}` is the body, not an empty struct literal. */
  inHead = false;
  diagnostics = [];
  /** For each opening token, the index of its closing token (-1 when unmatched). */
  pair;
  /** Doc runs (by index of their first doc line) that were attached. */
  attached = /* @__PURE__ */ new Set();
  // ================= token helpers =================
  peek(k = 0) {
    const i = this.pos + k;
    return this.tokens[i < this.tokens.length ? i : this.tokens.length - 1];
  }
  at(kind) {
    return this.tokens[this.pos].kind === kind;
  }
  atWord(word, k = 0) {
    const t = this.peek(k);
    return t.kind === 1 /* Ident */ && t.value === word;
  }
  advance() {
    const t = this.tokens[this.pos];
    if (t.kind !== 0 /* EOF */) {
      this.pos++;
      this.prevEnd = t.end;
    }
    return t;
  }
  eat(kind) {
    if (this.at(kind)) {
      this.advance();
      return true;
    }
    return false;
  }
  jumpTo(i) {
    this.pos = Math.min(i, this.tokens.length - 1);
    if (this.pos > 0) this.prevEnd = this.tokens[this.pos - 1].end;
  }
  startOf() {
    return this.peek().start;
  }
  /** The end offset of a node that began at `start` and ends with the last consumed token. */
  endFrom(start) {
    return start > this.prevEnd ? start : this.prevEnd;
  }
  /** A span (for diagnostics) from `start` to the end of the last consumed token. */
  span(start) {
    return { start, end: this.endFrom(start) };
  }
  /** True when a line break separates the current token from the previous one. */
  atLineStart() {
    if (this.pos === 0) return true;
    const prev = this.tokens[this.pos - 1];
    const t = this.peek();
    for (let i = prev.end; i < t.start; i++) if (this.text.charCodeAt(i) === 10) return true;
    return false;
  }
  // ================= diagnostics =================
  error(code, detail, help, at) {
    if (this.spec > 0) {
      this.specFailed = true;
      return;
    }
    if (this.quiet || this.pos <= this.lastErrorToken) return;
    if (this.peek().flags & LEX_ERROR || this.pos > 0 && this.tokens[this.pos - 1].flags & LEX_ERROR)
      return;
    this.lastErrorToken = this.pos;
    const t = this.peek();
    const where = at ?? { start: t.start, end: t.end };
    this.diagnostics.push(
      makeDiagnostic(
        code,
        { detail, ...help !== void 0 ? { help } : {} },
        { span: { file: this.file, start: where.start, end: where.end }, index: this.index }
      )
    );
  }
  found() {
    return describeToken(this.text, this.peek());
  }
  errorExpected(what, help) {
    this.error("E0101", `expected ${what}, found ${this.found()}`, help);
  }
  expect(kind) {
    if (this.eat(kind)) return true;
    if (kind === 44 /* Semi */ && this.missingSemiAtLineEnd()) return false;
    this.errorExpected(TOKEN_NAMES[kind]);
    return false;
  }
  /**
   * A `;` missing before a line break is reported at the end of the previous line, where the
   * fix goes, rather than at the (correct) start of the next line. False when no line break
   * precedes the current token (the caller reports as usual).
   */
  missingSemiAtLineEnd(help) {
    if (this.pos === 0 || !this.atLineStart()) return false;
    const end = this.tokens[this.pos - 1].end;
    this.error("E0101", `expected \`;\` at the end of the line (the next token is ${this.found()})`, help, {
      start: end,
      end
    });
    return true;
  }
  expectIdent(what = "a name") {
    const t = this.peek();
    if (t.kind === 1 /* Ident */) {
      this.advance();
      return { kind: "Ident", text: t.value, start: t.start, end: t.end };
    }
    if (t.kind >= 11 /* KwType */ && t.kind <= 34 /* KwFalse */) {
      this.error(
        "E0101",
        `expected ${what}, found the keyword ${TOKEN_NAMES[t.kind]}`,
        "keywords cannot be names"
      );
    } else {
      this.errorExpected(what);
    }
    return { kind: "Ident", text: "", start: this.prevEnd, end: this.prevEnd };
  }
  identOf(t) {
    return { kind: "Ident", text: t.value, start: t.start, end: t.end };
  }
  /** Reports W0110 for every doc run that was not attached, then orders all diagnostics. */
  finish() {
    for (const t of this.tokens) {
      if (t.doc < 0 || this.attached.has(t.doc)) continue;
      let last = t.doc;
      while (last + 1 < this.docLines.length && this.docLines[last + 1].end <= t.start) last++;
      const start = this.docLines[t.doc].start;
      const end = this.docLines[last].end;
      this.diagnostics.push(
        makeDiagnostic(
          "W0110",
          { detail: "a doc comment here documents nothing", help: "use `//` for an ordinary comment" },
          { span: { file: this.file, start, end }, index: this.index }
        )
      );
    }
    return this.diagnostics;
  }
  /** The doc lines directly before token `i` (or the current token), marked as attached. */
  takeDoc(i = this.pos) {
    const t = this.tokens[i];
    if (t.doc < 0 || this.spec > 0) return void 0;
    this.attached.add(t.doc);
    let last = t.doc;
    while (last + 1 < this.docLines.length && this.docLines[last + 1].end <= t.start) last++;
    const lines = [];
    for (let k = t.doc; k <= last; k++) lines.push(this.docLines[k].text);
    return {
      kind: "Doc",
      text: lines.join("\n"),
      start: this.docLines[t.doc].start,
      end: this.docLines[last].end
    };
  }
  mergeDoc(a, b) {
    if (!a) return b;
    if (!b) return a;
    return { kind: "Doc", text: `${a.text}
${b.text}`, start: a.start, end: b.end };
  }
  // ================= depth and recovery =================
  /** Enters one nesting level; false (after E0104 and skipping the group at the cursor) when too deep. */
  enter() {
    if (this.depth < (this.spec > 0 ? this.specDepthCap : MAX_DEPTH)) {
      this.depth++;
      return true;
    }
    if (this.spec > 0) {
      this.specFailed = true;
      return false;
    }
    if (!this.tooDeepReported) {
      this.tooDeepReported = true;
      this.error(
        "E0104",
        `more than ${MAX_DEPTH} nested levels`,
        "split the expression or block into smaller pieces"
      );
      this.quiet = true;
    }
    const close = this.pair[this.pos];
    if (close >= 0) this.jumpTo(close + 1);
    else if (isOpener(this.peek().kind)) this.jumpTo(this.tokens.length - 1);
    else this.advance();
    return false;
  }
  /**
   * A chain built by a loop (operators, postfix operations, `else if`) is as deep in the tree
   * as its length; past `MAX_CHAIN` links it is cut with E0104 so that every later recursive
   * walk of the tree stays within the stack. Returns true (the caller stops the chain).
   */
  chainTooLong() {
    if (this.spec > 0) {
      this.specFailed = true;
      return true;
    }
    if (!this.tooDeepReported) {
      this.tooDeepReported = true;
      this.error("E0104", `a chain of more than ${MAX_CHAIN} operations`, "split it with local variables");
      this.quiet = true;
    }
    return true;
  }
  leave() {
    this.depth--;
  }
  /** Skips over the balanced group starting at the cursor, or one token. */
  skipOne() {
    const close = this.pair[this.pos];
    if (close >= 0) this.jumpTo(close + 1);
    else this.advance();
  }
  /** Rule 19 inside blocks: skip to after `;`, or to `}`, a statement/item keyword or a line start. */
  syncStatement() {
    const from = this.pos;
    for (; ; ) {
      const k = this.peek().kind;
      if (k === 0 /* EOF */ || k === 36 /* RBrace */) return;
      if (k === 44 /* Semi */) {
        this.advance();
        return;
      }
      if (this.pos > from && (SYNC_STATEMENT.has(k) || SYNC_ITEM.has(k) || this.atLineStart())) return;
      if (k === 38 /* RParen */ || k === 40 /* RBracket */ || k === 8 /* StringMiddle */ || k === 9 /* StringTail */) {
        this.advance();
        continue;
      }
      this.skipOne();
    }
  }
  /** Rule 19 at item level: skip to an item keyword, `[` or an identifier at a line start, or past `;`. */
  syncItem() {
    const from = this.pos;
    for (; ; ) {
      const k = this.peek().kind;
      if (k === 0 /* EOF */ || k === 36 /* RBrace */) return;
      if (k === 44 /* Semi */) {
        this.advance();
        return;
      }
      if ((this.pos > from || this.atLineStart()) && (SYNC_ITEM.has(k) || (k === 1 /* Ident */ || k === 39 /* LBracket */) && this.atLineStart())) {
        return;
      }
      this.skipOne();
    }
  }
  /** Expects `;` ending a statement; on failure reports and resynchronises unless a new line starts. */
  expectSemi(help) {
    if (this.eat(44 /* Semi */)) return true;
    if (this.missingSemiAtLineEnd(help)) return false;
    this.errorExpected("`;`", help);
    if (!this.at(36 /* RBrace */)) this.syncStatement();
    return false;
  }
  // ================= speculation =================
  speculate(f) {
    const savePos = this.pos;
    const saveEnd = this.prevEnd;
    const saveFailed = this.specFailed;
    const saveCap = this.specDepthCap;
    this.spec++;
    this.specFailed = false;
    this.specDepthCap = Math.min(MAX_DEPTH, this.depth + SPECULATION_DEPTH);
    const r = f();
    const failed = this.specFailed;
    this.spec--;
    this.specFailed = saveFailed;
    this.specDepthCap = saveCap;
    if (failed) {
      this.pos = savePos;
      this.prevEnd = saveEnd;
      return void 0;
    }
    return r;
  }
  restore(pos) {
    this.jumpTo(pos);
  }
  // ================= file and items =================
  parseFile() {
    const items = this.parseItems(false);
    const eof = this.peek();
    return { kind: "SourceFile", file: this.file, items, start: 0, end: eof.end };
  }
  parseItems(inModule) {
    const items = [];
    for (; ; ) {
      const k = this.peek().kind;
      if (k === 0 /* EOF */) break;
      if (k === 36 /* RBrace */) {
        if (inModule) break;
        this.error("E0102", `found ${this.found()} with no block to close`);
        this.advance();
        continue;
      }
      const before = this.pos;
      if (this.depth === 0) {
        this.unwind = false;
        this.quiet = false;
        this.tooDeepReported = false;
      }
      const item = this.parseItem();
      if (item) items.push(item);
      if (this.pos === before) this.advance();
    }
    return fit(items);
  }
  parseAttributes() {
    const attrs = [];
    while (this.at(39 /* LBracket */)) attrs.push(this.parseAttribute());
    return attrs.length ? fit(attrs) : EMPTY;
  }
  parseAttribute() {
    const start = this.startOf();
    this.advance();
    const name = this.expectIdent("an attribute name");
    let args;
    if (this.eat(37 /* LParen */)) {
      args = [];
      while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
        const s = this.startOf();
        const before = this.pos;
        const argName = this.expectIdent("an argument name");
        this.expect(45 /* Colon */);
        const value = this.parseExpr();
        args.push({ kind: "AttrArg", name: argName, value, start: s, end: this.endFrom(s) });
        if (!this.eat(43 /* Comma */)) break;
        if (this.pos === before) break;
      }
      this.expect(38 /* RParen */);
    }
    if (!this.expect(40 /* RBracket */)) this.skipTo(40 /* RBracket */);
    return { kind: "Attribute", name, args, start, end: this.endFrom(start) };
  }
  /** Skips (balanced) to the given closer on failure and consumes it when found. */
  skipTo(kind) {
    for (; ; ) {
      const k = this.peek().kind;
      if (k === kind) {
        this.advance();
        return;
      }
      if (k === 0 /* EOF */ || k === 44 /* Semi */ || k === 36 /* RBrace */ || k === 35 /* LBrace */) return;
      this.skipOne();
    }
  }
  /** Skips whole tokens (a bracket with everything up to its partner) until one of `stops` or end of file. */
  skipUntil(stops) {
    while (!this.at(0 /* EOF */) && !stops.has(this.peek().kind)) this.skipOne();
  }
  noAttributes(attrs, what) {
    if (attrs.length === 0) return;
    const a = attrs[0];
    this.errorAt("E0101", `${what} take no attributes`, a);
  }
  /** Reports at an explicit span (used where the offending construct is already consumed). */
  errorAt(code, detail, at, help) {
    if (this.spec > 0) {
      this.specFailed = true;
      return;
    }
    this.diagnostics.push(
      makeDiagnostic(
        code,
        { detail, ...help !== void 0 ? { help } : {} },
        { span: { file: this.file, start: at.start, end: at.end }, index: this.index }
      )
    );
  }
  parseItem() {
    const start = this.startOf();
    let doc = this.takeDoc();
    const attributes = this.parseAttributes();
    if (attributes.length) doc = this.mergeDoc(doc, this.takeDoc());
    const foreignPub = this.foreignVisibility();
    const isPub = this.eat(30 /* KwPub */) || foreignPub;
    const base = { doc, attributes, isPub, start };
    const t = this.peek();
    switch (t.kind) {
      case 28 /* KwMod */:
        return this.parseModItem(base);
      case 29 /* KwUse */:
        this.noAttributes(attributes, "`use` declarations");
        return this.parseUse(base);
      case 11 /* KwType */:
        return this.parseTypeItem(base);
      case 12 /* KwEnum */:
        return this.parseEnum(base);
      case 13 /* KwContract */:
        return this.parseContract(base);
      case 14 /* KwAttribute */:
        return this.parseAttributeDecl(base);
      case 15 /* KwImpl */:
        this.noAttributes(attributes, "impl blocks");
        return this.parseImpl(base, "impl");
      case 31 /* KwTest */:
        return this.parseTest(base);
      case 1 /* Ident */: {
        const w = t.value;
        if (w === "const" && this.peek(1).kind === 1 /* Ident */ && this.peek(2).kind === 49 /* Eq */) {
          this.noAttributes(attributes, "consts");
          return this.parseConst(base);
        }
        if (w === "extend" && this.peek(1).kind === 11 /* KwType */) {
          this.noAttributes(attributes, "extend blocks");
          return this.parseImpl(base, "extend");
        }
        if ((w === "macro" || w === "host") && this.peek(1).kind === 1 /* Ident */ && this.peek(2).kind === 37 /* LParen */) {
          return w === "macro" ? this.parseMacro(base) : this.parseHost(base);
        }
        return this.parseFunction(base);
      }
      case 37 /* LParen */:
        return this.parseFunction(base);
      default:
        this.error(
          "E0102",
          `found ${this.found()}`,
          "items are functions, types, enums, contracts, tests, `mod` and `use`"
        );
        this.advance();
        this.syncItem();
        return void 0;
    }
  }
  /**
   * `public type P {`, `static i64 F()`: a visibility word of another language before an item
   * or a type-body member is one E0103 (the hint of FOREIGN_ITEM_WORDS), skipped so the item
   * itself still parses.
   * Returns whether the word meant `pub`.
   */
  foreignVisibility() {
    const t = this.peek();
    if (t.kind !== 1 /* Ident */) return false;
    const word = t.value;
    if (!VISIBILITY_WORDS.has(word)) return false;
    const next = this.peek(1).kind;
    const after = this.peek(2).kind;
    const itemKeyword = SYNC_ITEM.has(next);
    const typedFunction = next === 1 /* Ident */ && (after === 1 /* Ident */ || after === 41 /* Lt */ || after === 39 /* LBracket */);
    if (!itemKeyword && !typedFunction) return false;
    this.error("E0103", `\`${word}\` is not a Beskid declaration`, FOREIGN_ITEM_WORDS.get(word));
    this.advance();
    return word === "public" || word === "export";
  }
  item(base, node) {
    const fields = node;
    return {
      kind: node.kind,
      doc: base.doc,
      attributes: base.attributes,
      isPub: base.isPub,
      ...fields,
      start: base.start,
      end: this.endFrom(base.start)
    };
  }
  parseModPath() {
    const start = this.startOf();
    const segments = [this.expectIdent("a module name")];
    while (this.at(47 /* Dot */) && this.peek(1).kind === 1 /* Ident */) {
      this.advance();
      segments.push(this.identOf(this.advance()));
    }
    return { kind: "ModPath", segments, start, end: this.endFrom(start) };
  }
  parseModItem(base) {
    this.advance();
    if (this.peek().kind === 1 /* Ident */ && this.peek(1).kind === 35 /* LBrace */) {
      const name = this.identOf(this.advance());
      this.advance();
      if (!this.enter()) return this.item(base, { kind: "InlineModule", name, items: [] });
      const items = this.parseItems(true);
      this.leave();
      this.expect(36 /* RBrace */);
      return this.item(base, { kind: "InlineModule", name, items });
    }
    const path = this.parseModPath();
    this.expectItemSemi();
    return this.item(base, { kind: "ModDecl", path });
  }
  expectItemSemi() {
    if (this.eat(44 /* Semi */)) return;
    if (this.missingSemiAtLineEnd()) return;
    this.errorExpected("`;`");
    this.syncItem();
  }
  parseUse(base) {
    this.advance();
    const path = this.parseModPath();
    if (this.at(47 /* Dot */) && (this.peek(1).kind === 35 /* LBrace */ || this.peek(1).kind === 59 /* Star */)) {
      const grouped = this.peek(1).kind === 35 /* LBrace */;
      this.error(
        "E0103",
        grouped ? "grouped imports do not exist" : "glob imports do not exist",
        "write one `use A.B;` per module or item"
      );
      this.advance();
      this.skipOne();
      this.eat(44 /* Semi */);
      return this.item(base, { kind: "Use", path });
    }
    let alias;
    if (this.atWord("as")) {
      this.advance();
      alias = this.expectIdent("an alias name");
    }
    this.expectItemSemi();
    return this.item(base, { kind: "Use", path, alias });
  }
  parseConst(base) {
    this.advance();
    const name = this.identOf(this.advance());
    this.advance();
    const value = this.parseSignedInt("an integer literal");
    this.expectItemSemi();
    return this.item(base, { kind: "Const", name, value });
  }
  parseSignedInt(what) {
    const start = this.startOf();
    const negative = this.eat(58 /* Minus */);
    const t = this.peek();
    let literal;
    if (t.kind === 3 /* Int */) {
      this.advance();
      literal = this.intLiteral(t);
    } else {
      this.errorExpected(what);
      literal = { kind: "IntLit", value: 0n, radix: 10, start: this.prevEnd, end: this.prevEnd };
    }
    return { kind: "SignedInt", negative, literal, start, end: this.endFrom(start) };
  }
  intLiteral(t) {
    const code = (t.flags & SUFFIX_MASK) >> SUFFIX_SHIFT;
    return {
      kind: "IntLit",
      value: t.value,
      radix: t.flags & HEX ? 16 : 10,
      suffix: code ? SUFFIXES[code] : void 0,
      start: t.start,
      end: t.end
    };
  }
  floatLiteral(t) {
    const code = (t.flags & SUFFIX_MASK) >> SUFFIX_SHIFT;
    return {
      kind: "FloatLit",
      value: t.value,
      suffix: code ? SUFFIXES[code] : void 0,
      start: t.start,
      end: t.end
    };
  }
  parseGenericParams() {
    const params = [];
    if (!this.at(41 /* Lt */)) return EMPTY;
    this.advance();
    while (!this.at(42 /* Gt */) && !this.at(0 /* EOF */)) {
      const before = this.pos;
      params.push(this.expectIdent("a type parameter name"));
      if (!this.eat(43 /* Comma */)) break;
      if (this.pos === before) break;
    }
    this.expect(42 /* Gt */);
    return params.length ? fit(params) : EMPTY;
  }
  parseWhere() {
    const bounds = [];
    if (!(this.atWord("where") && this.peek(1).kind === 1 /* Ident */ && this.peek(2).kind === 45 /* Colon */))
      return EMPTY;
    this.advance();
    do {
      const start = this.startOf();
      const param = this.expectIdent("a type parameter name");
      this.expect(45 /* Colon */);
      const bound = this.parseTypePath();
      bounds.push({ kind: "WhereBound", param, bound, start, end: this.endFrom(start) });
    } while (this.eat(43 /* Comma */));
    return fit(bounds);
  }
  parseConformances() {
    const list = [];
    if (!this.eat(45 /* Colon */)) return EMPTY;
    do
      list.push(this.parseTypePath());
    while (this.eat(43 /* Comma */));
    return fit(list);
  }
  /** A `TypePath` where the grammar demands one (conformances, bounds, embeddings). */
  parseTypePath() {
    const t = this.parseType();
    if (t.kind === "NamedType") return t;
    if (t.kind !== "ErrorType")
      this.errorAt("E0101", "expected a type path such as `Core.Text.Formattable`", t);
    return { kind: "NamedType", segments: [], start: t.start, end: t.end };
  }
  /** `F() -> T` from other languages (LANGUAGE.md §3.5): E0103, then skip the arrow and its type. */
  skipTrailingReturnType() {
    if (!this.at(78 /* ThinArrow */)) return;
    this.error("E0103", "`->` return types do not exist", "the return type comes first: `T Name(\u2026) { \u2026 }`");
    this.advance();
    if (!this.at(35 /* LBrace */) && !this.at(48 /* FatArrow */) && !this.at(44 /* Semi */)) this.parseType();
  }
  parseParams() {
    const params = [];
    if (!this.expect(37 /* LParen */)) return params;
    while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
      const before = this.pos;
      params.push(this.parseParam());
      if (this.eat(43 /* Comma */)) continue;
      if (!this.at(38 /* RParen */)) this.errorExpected("`,` or `)`");
      break;
    }
    if (!this.eat(38 /* RParen */)) {
      this.errorExpected("`)`");
      this.skipTo(38 /* RParen */);
    }
    return params.length ? fit(params) : EMPTY;
  }
  /** Rule 13: `ref`/`out`/`bulk` are modifiers only when a type and a name follow. */
  isModifierWord(word) {
    if (!this.atWord(word)) return false;
    const save = this.pos;
    const ok = this.speculate(() => {
      this.advance();
      this.parseType();
      if (!this.at(1 /* Ident */)) this.specFailed = true;
      return true;
    });
    this.restore(save);
    return ok === true;
  }
  parseParam() {
    const start = this.startOf();
    const doc = this.takeDoc();
    let bulk = false;
    if (this.isModifierWord("bulk")) {
      this.advance();
      bulk = true;
    }
    let modifier;
    if (this.eat(27 /* KwMut */)) modifier = "mut";
    else if (this.isModifierWord("ref")) {
      this.advance();
      modifier = "ref";
    } else if (this.isModifierWord("out")) {
      this.advance();
      modifier = "out";
    }
    const type = this.parseType();
    const name = this.expectIdent("a parameter name");
    return {
      kind: "Param",
      doc,
      bulk,
      modifier,
      type,
      name,
      start,
      end: this.endFrom(start)
    };
  }
  parseFunction(base) {
    const errorsBefore = this.diagnostics.length;
    const returnType = this.parseType();
    const name = this.expectIdent("a function name");
    if (name.text && !this.at(37 /* LParen */) && !this.at(41 /* Lt */)) {
      const word = returnType.kind === "NamedType" && returnType.segments.length === 1 ? returnType.segments[0].name.text : "";
      const hint = FOREIGN_ITEM_WORDS.get(word);
      if (this.diagnostics.length > errorsBefore) {
      } else if (hint) this.errorAt("E0103", `\`${word}\` is not a Beskid declaration`, returnType, hint);
      else this.errorExpected("`(` after the function name");
      this.lastErrorToken = Math.max(this.lastErrorToken, this.pos);
      this.syncItem();
      return this.item(base, {
        kind: "Function",
        returnType,
        name,
        typeParams: EMPTY,
        params: EMPTY,
        where: EMPTY,
        body: void 0
      });
    }
    const typeParams = this.parseGenericParams();
    const params = this.parseParams();
    this.skipTrailingReturnType();
    const where = this.parseWhere();
    let body;
    if (this.at(35 /* LBrace */)) body = this.parseBlock();
    else if (this.at(48 /* FatArrow */)) body = this.parseExprBody(true);
    else if (!this.eat(44 /* Semi */)) {
      this.errorExpected("`{`, `=>` or `;`");
      this.syncItem();
    }
    return this.item(base, {
      kind: "Function",
      returnType,
      name,
      typeParams,
      params,
      where,
      body
    });
  }
  parseExprBody(semiRequired) {
    const start = this.startOf();
    this.advance();
    const expr = this.parseExpr();
    const end = this.endFrom(start);
    if (semiRequired) this.expectItemSemi();
    else this.eat(44 /* Semi */);
    return { kind: "ExprBody", expr, start, end };
  }
  parseImpl(base, form) {
    if (base.isPub)
      this.errorAt("E0101", `\`pub\` has no meaning on ${form} blocks`, {
        start: base.start,
        end: base.start + 3
      });
    this.advance();
    if (form === "extend") this.advance();
    const typeParams = form === "impl" ? this.parseGenericParams() : [];
    const target = this.parseType();
    const conformances = form === "impl" ? this.parseConformances() : [];
    const where = form === "impl" ? this.parseWhere() : [];
    const members = [];
    if (this.expect(35 /* LBrace */)) {
      while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */)) {
        this.unwind = false;
        const before = this.pos;
        const m = this.parseMemberEntry(false);
        if (m && m.kind !== "Field" && m.kind !== "EventField" && m.kind !== "InjectField") members.push(m);
        if (this.pos === before && !this.unwind) this.skipOne();
      }
      this.expect(36 /* RBrace */);
    }
    return this.item(base, {
      kind: "Impl",
      form,
      typeParams,
      target,
      conformances,
      where,
      members
    });
  }
  /**
   * One entry of a type or impl body (rule 10): event field, inject field, associated type,
   * member or value field. Returns undefined after reporting when nothing could be parsed.
   */
  parseMemberEntry(allowFields) {
    const start = this.startOf();
    let doc = this.takeDoc();
    const attributes = this.parseAttributes();
    if (attributes.length) doc = this.mergeDoc(doc, this.takeDoc());
    const foreignPub = this.foreignVisibility();
    const isPub = this.eat(30 /* KwPub */) || foreignPub;
    if (this.at(11 /* KwType */)) {
      this.advance();
      const name2 = this.expectIdent("an associated type name");
      let value;
      if (this.expect(49 /* Eq */)) value = this.parseType();
      this.expectItemSemi();
      return { kind: "AssocType", doc, name: name2, value, start, end: this.endFrom(start) };
    }
    if (allowFields && this.atWord("event") && (this.peek(1).kind === 35 /* LBrace */ || this.peek(1).kind === 1 /* Ident */ && this.peek(2).kind === 37 /* LParen */)) {
      this.advance();
      let capacity;
      if (this.eat(35 /* LBrace */)) {
        capacity = this.parseSignedInt("an event capacity");
        this.expect(36 /* RBrace */);
      }
      const name2 = this.expectIdent("an event name");
      const params = this.parseParams();
      return {
        kind: "EventField",
        doc,
        attributes,
        isPub,
        capacity,
        name: name2,
        params,
        start,
        end: this.endFrom(start)
      };
    }
    if (allowFields && this.atWord("inject") && this.isInjectField()) {
      this.advance();
      let scope;
      if ((this.atWord("global") || this.atWord("parent")) && this.peek(1).kind === 46 /* ColonColon */) {
        scope = this.advance().value;
        this.advance();
      }
      const type2 = this.parseType();
      const name2 = this.expectIdent("a field name");
      return {
        kind: "InjectField",
        doc,
        attributes,
        isPub,
        scope,
        type: type2,
        name: name2,
        start,
        end: this.endFrom(start)
      };
    }
    if (allowFields && this.at(27 /* KwMut */)) {
      this.error(
        "E0101",
        "fields take no `mut`",
        "fields are always assignable (`p.count = v`, D22): remove `mut`"
      );
      this.advance();
    }
    if (!this.startsType()) {
      this.errorExpected(
        allowFields ? "a field or member" : "a member",
        this.at(43 /* Comma */) ? "commas separate fields only; a member ends with its `}` or with `;` after `=> expr`" : void 0
      );
      this.syncStatement();
      return void 0;
    }
    const type = this.parseType();
    const name = this.expectIdent(allowFields ? "a field or member name" : "a member name");
    if (this.at(41 /* Lt */)) {
      const s = this.startOf();
      this.parseGenericParams();
      this.errorAt(
        "E0103",
        "members take no generic parameters",
        this.span(s),
        "declare the type parameter on the type or impl, or make this a module function"
      );
    }
    if (this.at(37 /* LParen */)) {
      const params = this.parseParams();
      this.skipTrailingReturnType();
      let body;
      if (this.at(35 /* LBrace */)) {
        body = this.parseBlock();
        this.eat(44 /* Semi */);
      } else if (this.at(48 /* FatArrow */)) {
        body = this.parseExprBody(false);
      } else {
        this.errorExpected("`{` or `=>` (a member needs a body)");
        body = { kind: "Block", statements: [], start: this.prevEnd, end: this.prevEnd };
        this.syncStatement();
      }
      return {
        kind: "Method",
        doc,
        attributes,
        isPub,
        returnType: type,
        name,
        params,
        body,
        start,
        end: this.endFrom(start)
      };
    }
    if (!allowFields) {
      this.errorExpected("`(` (impl blocks hold members)");
      this.syncStatement();
    }
    return { kind: "Field", doc, attributes, isPub, type, name, start, end: this.endFrom(start) };
  }
  /** `inject` followed by a type and a name (rule 14). */
  isInjectField() {
    const save = this.pos;
    const ok = this.speculate(() => {
      this.advance();
      if ((this.atWord("global") || this.atWord("parent")) && this.peek(1).kind === 46 /* ColonColon */) {
        this.advance();
        this.advance();
      }
      this.parseType();
      if (!this.at(1 /* Ident */)) this.specFailed = true;
      return true;
    });
    this.restore(save);
    return ok === true;
  }
  startsType() {
    const k = this.peek().kind;
    return k === 1 /* Ident */ || k === 37 /* LParen */;
  }
  parseTypeItem(base) {
    this.advance();
    const name = this.expectIdent("a type name");
    const typeParams = this.parseGenericParams();
    if (this.at(49 /* Eq */)) {
      this.error("E0103", "type aliases do not exist", "declare a record with `type Name { fields }`");
      this.syncItem();
      return this.item(base, {
        kind: "Type",
        name,
        typeParams,
        conformances: [],
        fields: [],
        members: []
      });
    }
    const conformances = this.parseConformances();
    if (this.atWord("where") && this.peek(1).kind === 1 /* Ident */ && this.peek(2).kind === 45 /* Colon */) {
      const bound = this.peek(1).value;
      const ps = typeParams.length > 0 ? typeParams.map((p) => p.text).join(", ") : bound;
      this.error(
        "E0101",
        "a `type` declaration takes no `where` clause",
        `declare the bound on the members that need it: \`impl<${ps}> ${name.text}<${ps}> where ${bound}: \u2026 { \u2026 }\``
      );
      this.parseWhere();
    }
    const fields = [];
    const members = [];
    if (this.expect(35 /* LBrace */)) {
      let needComma = false;
      let semicolonReported = false;
      while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */)) {
        this.unwind = false;
        const before = this.pos;
        const entryStart = this.pos;
        const m = this.parseMemberEntry(true);
        if (m) {
          if (m.kind === "Method" || m.kind === "AssocType") {
            members.push(m);
            needComma = false;
          } else {
            if (members.length) {
              this.errorAt("E0101", "a field after the first member", m, "fields come first in a type body");
            } else if (needComma) {
              this.errorAt("E0101", "expected `,` between fields", {
                start: this.tokens[entryStart].start,
                end: this.tokens[entryStart].end
              });
            }
            fields.push(m);
            needComma = !this.eat(43 /* Comma */);
            if (needComma && this.at(44 /* Semi */)) {
              if (!semicolonReported) {
                this.error(
                  "E0101",
                  "expected `,` after a field, found `;`",
                  "fields are separated by commas"
                );
                semicolonReported = true;
              }
              this.advance();
              needComma = false;
            }
          }
        }
        if (this.pos === before && !this.unwind) this.skipOne();
      }
      this.expect(36 /* RBrace */);
    }
    return this.item(base, {
      kind: "Type",
      name,
      typeParams,
      conformances,
      fields: fit(fields),
      members: fit(members)
    });
  }
  parseEnum(base) {
    this.advance();
    const name = this.expectIdent("an enum name");
    const typeParams = this.parseGenericParams();
    const variants = [];
    if (this.expect(35 /* LBrace */)) {
      while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */)) {
        const before = this.pos;
        variants.push(this.parseVariant());
        if (this.eat(43 /* Comma */)) continue;
        if (!this.at(36 /* RBrace */)) {
          this.errorExpected("`,` or `}`");
          if (this.pos === before && !this.unwind) this.skipOne();
          if (!this.atLineStart()) this.syncStatement();
        }
      }
      this.expect(36 /* RBrace */);
    }
    return this.item(base, { kind: "Enum", name, typeParams, variants: fit(variants) });
  }
  parseVariant() {
    const start = this.startOf();
    const doc = this.takeDoc();
    if (this.at(39 /* LBracket */)) {
      const attrs = this.parseAttributes();
      this.noAttributes(attrs, "variants");
    }
    const name = this.expectIdent("a variant name");
    const fields = [];
    let hasParens = false;
    if (this.eat(37 /* LParen */)) {
      hasParens = true;
      while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
        const s = this.startOf();
        const fdoc = this.takeDoc();
        const type = this.parseType();
        const fname = this.at(1 /* Ident */) ? this.identOf(this.advance()) : void 0;
        fields.push({
          kind: "VariantField",
          doc: fdoc,
          type,
          name: fname,
          index: fields.length,
          start: s,
          end: this.endFrom(s)
        });
        if (this.eat(43 /* Comma */)) continue;
        if (!this.at(38 /* RParen */)) this.errorExpected("`,` or `)`");
        break;
      }
      if (!this.eat(38 /* RParen */)) this.skipTo(38 /* RParen */);
    }
    return { kind: "Variant", doc, name, hasParens, fields: fit(fields), start, end: this.endFrom(start) };
  }
  parseContract(base) {
    this.advance();
    const name = this.expectIdent("a contract name");
    const typeParams = this.parseGenericParams();
    const members = [];
    if (this.expect(35 /* LBrace */)) {
      while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */)) {
        const before = this.pos;
        const m = this.parseContractMember();
        if (m) members.push(m);
        if (this.pos === before && !this.unwind) this.skipOne();
      }
      this.expect(36 /* RBrace */);
    }
    return this.item(base, { kind: "Contract", name, typeParams, members: fit(members) });
  }
  /** Rule 11. */
  parseContractMember() {
    const start = this.startOf();
    let doc = this.takeDoc();
    const attributes = this.parseAttributes();
    if (attributes.length) doc = this.mergeDoc(doc, this.takeDoc());
    if (this.at(11 /* KwType */)) {
      this.advance();
      const name = this.expectIdent("an associated type name");
      const value = this.eat(49 /* Eq */) ? this.parseType() : void 0;
      this.expectItemSemi();
      return { kind: "AssocType", doc, name, value, start, end: this.endFrom(start) };
    }
    if (!this.startsType()) {
      this.errorExpected("a method signature or an embedded contract");
      this.syncStatement();
      return void 0;
    }
    const type = this.parseType();
    if (this.at(1 /* Ident */) && this.peek(1).kind === 37 /* LParen */) {
      const name = this.identOf(this.advance());
      const params = this.parseParams();
      this.skipTrailingReturnType();
      if (this.at(35 /* LBrace */) || this.at(48 /* FatArrow */)) {
        this.error("E0101", "contract methods have no body", "write the signature followed by `;`");
        if (this.at(35 /* LBrace */)) this.skipOne();
        else this.syncStatement();
      } else this.expectItemSemi();
      return {
        kind: "ContractMethod",
        doc,
        attributes,
        returnType: type,
        name,
        params,
        start,
        end: this.endFrom(start)
      };
    }
    if (attributes.length) this.noAttributes(attributes, "embedded contracts");
    const embedded = type.kind === "NamedType" ? type : void 0;
    if (!embedded) {
      if (type.kind !== "ErrorType")
        this.errorAt("E0101", "expected a method signature or an embedded contract path", type);
      this.syncStatement();
      return void 0;
    }
    const k = this.peek().kind;
    if (!this.eat(44 /* Semi */) && k !== 36 /* RBrace */ && k !== 1 /* Ident */ && k !== 11 /* KwType */ && k !== 39 /* LBracket */) {
      this.errorExpected("`;` or a method name followed by `(`");
      this.syncStatement();
    }
    return { kind: "ContractEmbed", doc, type: embedded, start, end: this.endFrom(start) };
  }
  parseTest(base) {
    this.advance();
    const name = this.expectIdent("a test name");
    const sections = [];
    const body = [];
    if (this.at(37 /* LParen */)) {
      this.error("E0101", "tests take no parameter list", "write `test Name { \u2026 }`");
      this.skipOne();
    }
    if (this.expect(35 /* LBrace */)) {
      if (this.enter()) {
        while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */) && !this.unwind) {
          const before = this.pos;
          if ((this.atWord("meta") || this.at(32 /* KwSkip */)) && this.peek(1).kind === 35 /* LBrace */) {
            sections.push(this.parseTestSection());
          } else {
            const s = this.parseStatement(true);
            if (s) body.push(s);
          }
          if (this.pos === before && !this.unwind) this.skipOne();
        }
        this.leave();
      }
      this.expect(36 /* RBrace */);
    }
    return this.item(base, { kind: "Test", name, sections: fit(sections), body: fit(body) });
  }
  parseTestSection() {
    const start = this.startOf();
    const section = this.at(32 /* KwSkip */) ? "skip" : "meta";
    this.advance();
    this.advance();
    const entries = [];
    while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */) && !this.unwind) {
      const before = this.pos;
      const s = this.startOf();
      const key = this.expectIdent("a key");
      this.expect(49 /* Eq */);
      const value = this.parseExpr();
      this.expectSemi();
      entries.push({ kind: "TestEntry", key, value, start: s, end: this.endFrom(s) });
      if (this.pos === before && !this.unwind) this.skipOne();
    }
    this.expect(36 /* RBrace */);
    return { kind: "TestSection", section, entries: fit(entries), start, end: this.endFrom(start) };
  }
  parseAttributeDecl(base) {
    this.advance();
    const name = this.expectIdent("an attribute name");
    let targets;
    if (this.eat(37 /* LParen */)) {
      targets = [];
      while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
        const before = this.pos;
        targets.push(this.expectIdent("a target name"));
        if (!this.eat(43 /* Comma */) || this.pos === before) break;
      }
      if (!this.expect(38 /* RParen */)) this.skipTo(38 /* RParen */);
    }
    const params = [];
    if (this.expect(35 /* LBrace */)) {
      while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */) && !this.unwind) {
        const before = this.pos;
        const s = this.startOf();
        const pname = this.expectIdent("a parameter name");
        this.expect(45 /* Colon */);
        const type = this.parseType();
        const def = this.eat(49 /* Eq */) ? this.parseExpr() : void 0;
        params.push({
          kind: "AttrParam",
          name: pname,
          type,
          default: def,
          start: s,
          end: this.endFrom(s)
        });
        if (this.eat(43 /* Comma */)) continue;
        if (!this.at(36 /* RBrace */)) {
          this.errorExpected("`,` or `}`");
          this.syncStatement();
        }
        if (this.pos === before && !this.unwind) this.skipOne();
      }
      this.expect(36 /* RBrace */);
    }
    return this.item(base, {
      kind: "AttributeDecl",
      name,
      targets,
      params
    });
  }
  /** A balanced `{ … }` kept opaque. */
  parseTokenBlock() {
    const start = this.startOf();
    if (!this.at(35 /* LBrace */)) {
      this.errorExpected("`{`");
      return { kind: "TokenBlock", start: this.prevEnd, end: this.prevEnd };
    }
    const close = this.pair[this.pos];
    if (close < 0) {
      this.error("E0101", "this `{` is never closed");
      this.jumpTo(this.tokens.length - 1);
    } else this.jumpTo(close + 1);
    return { kind: "TokenBlock", start, end: this.endFrom(start) };
  }
  parseMacro(base) {
    this.advance();
    const name = this.identOf(this.advance());
    this.advance();
    const params = [];
    while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
      const before = this.pos;
      const s = this.startOf();
      const paramKind = this.expectIdent("a macro parameter kind");
      const pname = this.expectIdent("a macro parameter name");
      params.push({ kind: "MacroParam", paramKind, name: pname, start: s, end: this.endFrom(s) });
      if (!this.eat(43 /* Comma */) || this.pos === before) break;
    }
    if (!this.expect(38 /* RParen */)) this.skipTo(38 /* RParen */);
    const body = this.parseTokenBlock();
    return this.item(base, { kind: "Macro", name, params, body });
  }
  parseHost(base) {
    this.advance();
    const name = this.identOf(this.advance());
    const params = this.parseParams();
    const service = this.eat(45 /* Colon */) ? this.parseTypePath() : void 0;
    const body = this.parseTokenBlock();
    return this.item(base, { kind: "Host", name, params, service, body });
  }
  // ================= types =================
  parseType() {
    const start = this.startOf();
    if (!this.enter()) return { kind: "ErrorType", start, end: this.endFrom(start) };
    try {
      if (this.at(37 /* LParen */)) {
        this.advance();
        const params = this.parseTypeList(38 /* RParen */);
        this.expect(38 /* RParen */);
        if (!this.at(48 /* FatArrow */)) {
          this.errorExpected("`=>` (a function type is written `(T, U) => R`)");
          return { kind: "ErrorType", start, end: this.endFrom(start) };
        }
        this.advance();
        const returnType = this.parseType();
        return { kind: "FunctionType", returnType, params, arrow: true, start, end: this.endFrom(start) };
      }
      const atom = this.parseTypeAtom();
      if (atom.kind === "ErrorType") return atom;
      let t = atom;
      for (; ; ) {
        if (this.at(37 /* LParen */)) {
          this.advance();
          const params = this.parseTypeList(38 /* RParen */);
          this.expect(38 /* RParen */);
          t = { kind: "FunctionType", returnType: t, params, arrow: false, start, end: this.endFrom(start) };
        } else if (this.at(39 /* LBracket */) && this.peek(1).kind === 40 /* RBracket */) {
          this.advance();
          this.advance();
          t = { kind: "ArrayType", element: t, start, end: this.endFrom(start) };
        } else return t;
      }
    } finally {
      this.leave();
    }
  }
  parseTypeList(close) {
    const list = [];
    while (!this.at(close) && !this.at(0 /* EOF */)) {
      const before = this.pos;
      list.push(this.parseType());
      if (!this.eat(43 /* Comma */) || this.pos === before) break;
    }
    return fit(list);
  }
  parseTypeAtom() {
    const start = this.startOf();
    const t = this.peek();
    if (t.kind !== 1 /* Ident */) {
      this.errorExpected("a type");
      return { kind: "ErrorType", start: this.prevEnd, end: this.prevEnd };
    }
    const word = t.value;
    if (word === "ref" && this.peek(1).kind === 1 /* Ident */) {
      this.advance();
      if (!this.enter()) return { kind: "ErrorType", start, end: this.endFrom(start) };
      const inner = this.parseTypeAtom();
      this.leave();
      return { kind: "RefType", inner, start, end: this.endFrom(start) };
    }
    if (word === "This") {
      this.advance();
      return { kind: "ThisType", start, end: this.endFrom(start) };
    }
    if (PRIMITIVES.has(word)) {
      this.advance();
      return { kind: "PrimitiveType", name: word, start, end: this.endFrom(start) };
    }
    const segments = [];
    for (; ; ) {
      const s = this.startOf();
      const name = this.expectIdent("a type name");
      let typeArgs;
      if (this.at(41 /* Lt */)) {
        this.advance();
        typeArgs = this.parseTypeList(42 /* Gt */);
        this.expect(42 /* Gt */);
      }
      segments.push(this.pathSegment(name, typeArgs, s));
      if (segments.length >= MAX_CHAIN && this.chainTooLong()) break;
      if (this.at(47 /* Dot */) && this.peek(1).kind === 1 /* Ident */) {
        this.advance();
        continue;
      }
      break;
    }
    let assoc;
    if (this.at(46 /* ColonColon */) && this.peek(1).kind === 1 /* Ident */) {
      this.advance();
      assoc = this.identOf(this.advance());
    }
    return { kind: "NamedType", segments: fit(segments), assoc, start, end: this.endFrom(start) };
  }
  /** One `Name<Args>` segment of a type, expression or pattern path that began at `start`. */
  pathSegment(name, typeArgs, start) {
    return { kind: "PathSegment", name, typeArgs, start, end: typeArgs ? this.endFrom(start) : name.end };
  }
  /** Rule 3: `<Type, …>` after a name in an expression or pattern, only when the follow set confirms it. */
  tryGenericArgs() {
    if (!this.at(41 /* Lt */)) return void 0;
    const save = this.pos;
    const args = this.speculate(() => {
      this.advance();
      const list = this.parseTypeList(42 /* Gt */);
      if (list.length === 0 || !this.at(42 /* Gt */)) {
        this.specFailed = true;
        return list;
      }
      this.advance();
      if (!GENERIC_FOLLOW.has(this.peek().kind)) this.specFailed = true;
      return list;
    });
    if (args === void 0) this.restore(save);
    return args;
  }
  // ================= statements =================
  parseBlock() {
    const start = this.startOf();
    if (!this.at(35 /* LBrace */)) {
      this.errorExpected("`{`");
      return { kind: "Block", statements: [], start: this.prevEnd, end: this.prevEnd };
    }
    if (!this.enter()) return { kind: "Block", statements: [], start, end: this.endFrom(start) };
    this.advance();
    const statements = [];
    const saveHead = this.inHead;
    this.inHead = false;
    while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */) && !this.unwind) {
      const before = this.pos;
      const s = this.parseStatement(false);
      if (s) statements.push(s);
      if (this.pos === before && !this.unwind) this.skipOne();
    }
    this.inHead = saveHead;
    this.leave();
    if (this.at(0 /* EOF */)) this.errorExpected("`}`", this.unclosedBlockHint());
    else this.expect(36 /* RBrace */);
    return { kind: "Block", statements: fit(statements), start, end: this.endFrom(start) };
  }
  parseStatement(inTest) {
    const start = this.startOf();
    const doc = inTest ? this.takeDoc() : void 0;
    const s = this.parseStatementInner(start);
    if (s && doc) return { ...s, doc };
    return s;
  }
  parseStatementInner(start) {
    const t = this.peek();
    switch (t.kind) {
      case 35 /* LBrace */: {
        const block = this.parseBlock();
        this.eat(44 /* Semi */);
        return { kind: "BlockStmt", block, start, end: this.endFrom(start) };
      }
      case 16 /* KwMatch */: {
        const expr = this.parseMatch();
        const semicolon = this.eat(44 /* Semi */);
        return { kind: "ExprStmt", expr, semicolon, start, end: this.endFrom(start) };
      }
      case 18 /* KwIf */:
        return this.parseIf();
      case 20 /* KwWhile */: {
        this.advance();
        if (this.at(26 /* KwLet */)) {
          this.error("E0103", "`while let` does not exist", "use `while` with a `match` inside");
          this.syncStatement();
          return void 0;
        }
        const condition = this.parseHeadExpr();
        const body = this.parseBlock();
        return { kind: "While", condition, body, start, end: this.endFrom(start) };
      }
      case 21 /* KwFor */: {
        this.advance();
        if (this.at(37 /* LParen */)) {
          this.error(
            "E0103",
            "C-style `for (\u2026)` loops do not exist",
            "write `for i in range(start, end) { \u2026 }`, `for x in items { \u2026 }`, or a `while` loop"
          );
          this.skipOne();
          if (this.at(35 /* LBrace */)) this.parseBlock();
          return void 0;
        }
        const binding = this.expectIdent("a loop variable");
        this.expect(22 /* KwIn */);
        const iterable = this.parseHeadExpr();
        const body = this.parseBlock();
        return { kind: "For", binding, iterable, body, start, end: this.endFrom(start) };
      }
      case 23 /* KwReturn */: {
        this.advance();
        let value;
        if (!this.at(44 /* Semi */) && !this.at(36 /* RBrace */)) value = this.parseExpr();
        this.expectSemi();
        return { kind: "Return", value, start, end: this.endFrom(start) };
      }
      case 24 /* KwBreak */:
      case 25 /* KwContinue */: {
        this.advance();
        if (this.at(1 /* Ident */) && !this.atLineStart()) {
          this.error(
            "E0103",
            "loops have no labels",
            `write \`${t.kind === 24 /* KwBreak */ ? "break" : "continue"};\``
          );
          this.advance();
        }
        this.expectSemi();
        return { kind: t.kind === 24 /* KwBreak */ ? "Break" : "Continue", start, end: this.endFrom(start) };
      }
      case 27 /* KwMut */: {
        this.advance();
        const type = this.parseType();
        return this.finishLocal(start, "typed", true, type);
      }
      case 26 /* KwLet */: {
        this.advance();
        const mutable = this.eat(27 /* KwMut */);
        const name = this.expectIdent("a variable name");
        if (this.at(45 /* Colon */)) {
          this.error("E0103", "`let x: T` does not exist", "write `T x = \u2026;` for a typed local");
          this.advance();
          this.parseType();
        }
        let init;
        if (this.expect(49 /* Eq */)) init = this.parseExpr();
        this.expectSemi();
        return {
          kind: "Local",
          form: "let",
          mutable,
          name,
          init,
          start,
          end: this.endFrom(start)
        };
      }
      case 29 /* KwUse */:
        return this.parseScopedUse(start);
      case 1 /* Ident */: {
        const w = t.value;
        if (w === "with" && this.peek(1).kind === 1 /* Ident */ && this.peek(2).kind === 37 /* LParen */) {
          this.advance();
          this.advance();
          this.parseArgs();
          this.parseBlock();
          return { kind: "UnsupportedStmt", construct: "with", start, end: this.endFrom(start) };
        }
        if (w === "launch" && this.peek(1).kind === 1 /* Ident */) {
          this.advance();
          this.parseTypeAtom();
          if (this.at(37 /* LParen */)) this.parseArgs();
          else this.errorExpected("`(`");
          this.expectSemi();
          return { kind: "UnsupportedStmt", construct: "launch", start, end: this.endFrom(start) };
        }
        if (this.peek(1).kind === 45 /* Colon */ && (this.peek(2).kind === 20 /* KwWhile */ || this.peek(2).kind === 21 /* KwFor */)) {
          this.error(
            "E0103",
            "loops have no labels",
            "remove the label; `break` and `continue` apply to the innermost loop"
          );
          this.advance();
          this.advance();
          return this.parseStatementInner(this.startOf());
        }
        if (this.atLineStart() && w !== "new" && this.looksLikeFunctionItem()) {
          this.error("E0101", "expected `}`, found the start of a function", this.unclosedBlockHint());
          this.unwind = true;
          return void 0;
        }
        return this.parseDeclOrExpr(start);
      }
      case 37 /* LParen */:
        return this.parseDeclOrExpr(start);
      case 19 /* KwElse */:
        this.error("E0101", "`else` without an `if` before it");
        this.advance();
        if (this.at(35 /* LBrace */)) this.skipOne();
        return void 0;
      case 44 /* Semi */:
        this.advance();
        return void 0;
      default: {
        if (SYNC_ITEM.has(t.kind) && this.atLineStart() && this.atColumnOne()) {
          const fn = t.kind === 30 /* KwPub */ && this.afterPubLooksLikeFunction();
          this.error(
            "E0101",
            `expected \`}\`, found the start of ${fn ? "a function" : "an item"}`,
            this.unclosedBlockHint()
          );
          this.unwind = true;
          return void 0;
        }
        if (SYNC_ITEM.has(t.kind)) {
          this.error(
            "E0101",
            `expected a statement, found ${this.found()}`,
            "items cannot be declared inside blocks"
          );
          this.advance();
          this.syncStatement();
          return void 0;
        }
        return this.parseExprStatement(start);
      }
    }
  }
  /** `Type Name(` or `Type Name<`: never a statement, always a function item. */
  atColumnOne() {
    const start = this.peek().start;
    return start === 0 || this.text.charCodeAt(start - 1) === 10;
  }
  afterPubLooksLikeFunction() {
    const save = this.pos;
    this.advance();
    const ok = this.looksLikeFunctionItem();
    this.restore(save);
    return ok;
  }
  looksLikeFunctionItem() {
    const save = this.pos;
    const ok = this.speculate(() => {
      this.parseType();
      if (!(this.at(1 /* Ident */) && (this.peek(1).kind === 37 /* LParen */ || this.peek(1).kind === 41 /* Lt */)))
        this.specFailed = true;
      return true;
    });
    this.restore(save);
    return ok === true;
  }
  /** Rule 4: a type followed by `IDENT (= | ;)` or `mut IDENT` is a declaration. */
  parseDeclOrExpr(start) {
    const save = this.pos;
    const decl = this.speculate(() => {
      const type = this.parseType();
      const k = this.peek().kind;
      if (k === 1 /* Ident */) {
        const next = this.peek(1).kind;
        if (next === 49 /* Eq */ || next === 44 /* Semi */) return { type, mutable: false };
      } else if (k === 27 /* KwMut */ && this.peek(1).kind === 1 /* Ident */) {
        return { type, mutable: true };
      }
      this.specFailed = true;
      return void 0;
    });
    if (decl) {
      if (decl.mutable) this.advance();
      return this.finishLocal(start, "typed", decl.mutable, decl.type);
    }
    this.restore(save);
    return this.parseExprStatement(start);
  }
  finishLocal(start, form, mutable, type) {
    const name = this.expectIdent("a variable name");
    let init;
    if (this.eat(49 /* Eq */)) init = this.parseExpr();
    this.expectSemi();
    return { kind: "Local", form, mutable, type, name, init, start, end: this.endFrom(start) };
  }
  /**
   * `retrun 0;` parses as the name `retrun` followed by a stray `0`: when a statement is a
   * lone name close to a statement keyword, the missing-`;` error says which keyword.
   */
  misspeltKeyword(expr) {
    if (expr.kind !== "Name" || expr.typeArgs !== void 0 || this.at(44 /* Semi */) || this.atLineStart())
      return void 0;
    const word = expr.name.text;
    for (const k of STATEMENT_KEYWORDS) if (k !== word && nearWord(word, k)) return `did you mean \`${k}\`?`;
    return void 0;
  }
  /**
   * Which `{` is probably missing its `}`: a `{` whose matching `}` starts a line further left
   * than the `{`'s own line is indented, i.e. a closer that was meant for an outer block.
   * Only computed for this one error, so a linear scan is fine.
   */
  unclosedBlockHint() {
    const generic = "a block above is not closed";
    if (this.spec > 0 || this.quiet || this.pos <= this.lastErrorToken) return generic;
    const indentOf = (offset) => {
      const pos = this.index.position(offset);
      const text = this.index.lineText(pos.line);
      const indent = text.length - text.trimStart().length;
      return { line: pos.line, indent, first: pos.column - 1 === indent };
    };
    let best;
    let bestClose = Infinity;
    for (let i = 0; i < this.pos; i++) {
      if (this.tokens[i].kind !== 35 /* LBrace */) continue;
      const j = this.pair[i];
      if (j < 0 || j >= this.pos || j >= bestClose) continue;
      const open = indentOf(this.tokens[i].start);
      const close = indentOf(this.tokens[j].start);
      if (close.line > open.line && close.first && close.indent < open.indent) {
        bestClose = j;
        best = `the \`{\` on line ${open.line} is not closed: the \`}\` on line ${close.line} is indented like an outer block`;
      }
    }
    return best ?? generic;
  }
  parseExprStatement(start) {
    const expr = this.parseExpr();
    const braced = expr.kind === "UnsupportedExpr" && expr.construct === "macro-call" && this.tokens[this.pos - 1]?.kind === 36 /* RBrace */;
    const semicolon = braced ? this.eat(44 /* Semi */) : this.expectSemi(
      this.misspeltKeyword(expr) ?? (this.at(36 /* RBrace */) ? "every statement ends with `;`: a block never yields its last expression (`return e;` returns it from the function)" : void 0)
    );
    return { kind: "ExprStmt", expr, semicolon, start, end: this.endFrom(start) };
  }
  /** `if … else if … else …`, built iteratively so long `else if` chains need no recursion (rule 18). */
  parseIf() {
    const links = [];
    let last;
    for (; ; ) {
      const start = this.startOf();
      this.advance();
      const condition = this.parseHeadExpr();
      const then = this.parseBlock();
      links.push({ start, condition, then });
      if (links.length >= MAX_CHAIN && this.chainTooLong()) break;
      if (!this.eat(19 /* KwElse */)) break;
      if (this.at(18 /* KwIf */)) continue;
      last = this.parseBlock();
      break;
    }
    const end = this.prevEnd;
    let node;
    for (let i = links.length - 1; i >= 0; i--) {
      const l = links[i];
      const elseBranch = node ?? last;
      node = {
        kind: "If",
        condition: l.condition,
        then: l.then,
        else: elseBranch,
        start: l.start,
        end
      };
    }
    return node;
  }
  /** Scoped `use` statement (current syntax, E1230): `use (T x = e) { }` or `use T x = e;`. */
  parseScopedUse(start) {
    this.advance();
    if (this.eat(37 /* LParen */)) {
      this.parseType();
      this.expectIdent("a variable name");
      this.expect(49 /* Eq */);
      this.parseExpr();
      this.expect(38 /* RParen */);
      this.parseBlock();
    } else {
      this.parseType();
      this.expectIdent("a variable name");
      this.expect(49 /* Eq */);
      this.parseExpr();
      this.expectSemi();
    }
    return { kind: "UnsupportedStmt", construct: "scoped-use", start, end: this.endFrom(start) };
  }
  // ================= expressions =================
  /** An `if`/`while`/`for`/`match` head (rule 7: `{}` after it is the body). */
  parseHeadExpr() {
    const save = this.inHead;
    this.inHead = true;
    const e = this.parseExpr();
    this.inHead = save;
    return e;
  }
  /** Expression in a nested, delimited position: rule 7's head restriction does not apply inside. */
  parseNestedExpr() {
    const save = this.inHead;
    this.inHead = false;
    const e = this.parseExpr();
    this.inHead = save;
    return e;
  }
  parseExpr() {
    const start = this.startOf();
    if (!this.enter()) return { kind: "ErrorExpr", start, end: this.endFrom(start) };
    try {
      const t = this.peek();
      if ((t.kind === 1 /* Ident */ || t.kind === 2 /* Underscore */) && this.peek(1).kind === 48 /* FatArrow */) {
        return this.parseLambda();
      }
      if (t.kind === 37 /* LParen */ && this.isLambdaParen()) return this.parseLambda();
      return this.parseAssign();
    } finally {
      this.leave();
    }
  }
  isLambdaParen() {
    const close = this.pair[this.pos];
    return close >= 0 && this.tokens[close + 1]?.kind === 48 /* FatArrow */;
  }
  parseLambda() {
    const start = this.startOf();
    const params = [];
    let parenthesized = false;
    if (this.at(37 /* LParen */)) {
      parenthesized = true;
      this.advance();
      while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
        const before = this.pos;
        params.push(this.parseLambdaParam());
        if (this.eat(43 /* Comma */)) continue;
        if (!this.at(38 /* RParen */)) this.errorExpected("`,` or `)`");
        break;
      }
      if (!this.eat(38 /* RParen */)) this.skipTo(38 /* RParen */);
    } else {
      const t = this.advance();
      params.push(
        t.kind === 2 /* Underscore */ ? { kind: "LambdaParam", start: t.start, end: t.end } : { kind: "LambdaParam", name: this.identOf(t), start: t.start, end: t.end }
      );
    }
    this.expect(48 /* FatArrow */);
    const body = this.at(35 /* LBrace */) ? this.parseBlock() : this.parseExpr();
    return { kind: "Lambda", params: fit(params), parenthesized, body, start, end: this.endFrom(start) };
  }
  parseLambdaParam() {
    const start = this.startOf();
    if (this.eat(2 /* Underscore */)) return { kind: "LambdaParam", start, end: this.endFrom(start) };
    if (this.at(1 /* Ident */)) {
      const k = this.peek(1).kind;
      if (k === 43 /* Comma */ || k === 38 /* RParen */) {
        return { kind: "LambdaParam", name: this.identOf(this.advance()), start, end: this.endFrom(start) };
      }
    }
    const type = this.parseType();
    if (this.eat(2 /* Underscore */)) return { kind: "LambdaParam", type, start, end: this.endFrom(start) };
    const name = this.expectIdent("a parameter name");
    return { kind: "LambdaParam", type, name, start, end: this.endFrom(start) };
  }
  parseAssign() {
    const start = this.startOf();
    const target = this.parseBinary(1);
    const k = this.peek().kind;
    if (k === 49 /* Eq */ || k === 50 /* PlusEq */ || k === 51 /* MinusEq */) {
      this.advance();
      const value = this.parseExpr();
      const op = k === 49 /* Eq */ ? "=" : k === 50 /* PlusEq */ ? "+=" : "-=";
      return { kind: "Assign", op, target, value, start, end: this.endFrom(start) };
    }
    const foreign = FOREIGN_ASSIGN.get(k);
    if (foreign !== void 0) {
      this.error("E0103", `${TOKEN_NAMES[k]} is not an operator`, foreign);
      this.advance();
      this.parseExpr();
      return { kind: "ErrorExpr", start, end: this.endFrom(start) };
    }
    return target;
  }
  /** The binary operator at the cursor (joining `>` with `>`/`=` per rule 2), without consuming it. */
  binaryAt() {
    const t = this.peek();
    if (t.kind === 42 /* Gt */) {
      if (t.flags & FOLLOWED) {
        const next = this.peek(1);
        if (next.start === t.end && next.kind === 42 /* Gt */) return { prec: PREC_SHIFT, op: ">>", width: 2 };
        if (next.start === t.end && next.kind === 49 /* Eq */) return { prec: PREC_CMP, op: ">=", width: 2 };
      }
      return { prec: PREC_CMP, op: ">", width: 1 };
    }
    const entry = BINARY.get(t.kind);
    return entry ? { prec: entry[0], op: entry[1], width: 1 } : void 0;
  }
  /** Precedence climbing over `BINARY`; every level is left-associative. */
  parseBinary(minPrec) {
    const start = this.startOf();
    let left = this.parseUnary();
    for (let links = 0; ; links++) {
      if (links >= MAX_CHAIN && this.chainTooLong()) break;
      const op = this.binaryAt();
      if (op) {
        if (op.prec < minPrec) break;
        for (let i = 0; i < op.width; i++) this.advance();
        const right = this.parseBinary(op.prec + 1);
        left = { kind: "Binary", op: op.op, left, right, start, end: this.endFrom(start) };
        continue;
      }
      const k = this.peek().kind;
      const foreign = FOREIGN_BINARY.get(k);
      if (foreign && foreign[0] >= minPrec) {
        this.error("E0103", `${TOKEN_NAMES[k]} is not an operator`, foreign[1]);
        this.advance();
        this.parseBinary(foreign[0] + 1);
        left = { kind: "ErrorExpr", start, end: this.endFrom(start) };
        continue;
      }
      if (this.atWord("as") && !this.atLineStart() && this.peek(1).kind === 1 /* Ident */) {
        this.error(
          "E0103",
          "there is no cast operator",
          "assign to a typed local, or call a conversion function"
        );
        this.advance();
        this.parseType();
        left = { kind: "ErrorExpr", start, end: this.endFrom(start) };
        continue;
      }
      break;
    }
    return left;
  }
  parseUnary() {
    const start = this.startOf();
    const ops = [];
    let reported = false;
    for (; ; ) {
      const k = this.peek().kind;
      if (k === 58 /* Minus */ || k === 62 /* Bang */) {
        if (ops.length >= MAX_CHAIN && this.chainTooLong()) break;
        ops.push({ op: k === 58 /* Minus */ ? "-" : "!", start: this.startOf() });
        this.advance();
        continue;
      }
      if (k === 72 /* Tilde */ || k === 77 /* MinusMinus */ || k === 76 /* PlusPlus */) {
        if (!reported)
          this.error(
            "E0103",
            `${TOKEN_NAMES[k]} is not an operator`,
            k === 72 /* Tilde */ ? "there is no bitwise not; use the corelib's bit functions" : "write `x = x + 1` or `x = x - 1`"
          );
        reported = true;
        this.advance();
        continue;
      }
      break;
    }
    let operand;
    if (this.atWord("spawn") && this.peek(1).kind === 1 /* Ident */) {
      this.advance();
      this.parsePostfix();
      operand = { kind: "UnsupportedExpr", construct: "spawn", start, end: this.endFrom(start) };
    } else operand = this.parsePostfix();
    for (let i = ops.length - 1; i >= 0; i--) {
      operand = { kind: "Unary", op: ops[i].op, operand, start: ops[i].start, end: this.prevEnd };
    }
    return operand;
  }
  parsePostfix() {
    const start = this.startOf();
    let e = this.parsePrimary();
    for (let links = 0; ; links++) {
      if (links >= MAX_CHAIN && this.chainTooLong()) break;
      const k = this.peek().kind;
      if (k === 37 /* LParen */) {
        const args = this.parseArgs();
        e = { kind: "Call", callee: e, args, start, end: this.endFrom(start) };
      } else if (k === 47 /* Dot */ && this.peek(1).kind === 47 /* Dot */ && this.peek(1).start === this.peek().end) {
        this.error("E0103", "there is no `..` range operator", "write `for i in range(a, b)`");
        this.advance();
        this.advance();
        this.parseUnary();
        e = { kind: "ErrorExpr", start, end: this.endFrom(start) };
      } else if (k === 47 /* Dot */) {
        this.advance();
        const name = this.expectIdent("a member name");
        const typeArgs = name.text ? this.tryGenericArgs() : void 0;
        e = {
          kind: "MemberAccess",
          object: e,
          name,
          typeArgs,
          start,
          end: this.endFrom(start)
        };
      } else if (k === 39 /* LBracket */) {
        this.advance();
        const index = this.parseNestedExpr();
        if (!this.expect(40 /* RBracket */)) this.skipTo(40 /* RBracket */);
        e = { kind: "Index", object: e, index, start, end: this.endFrom(start) };
      } else if (k === 68 /* Question */) {
        this.advance();
        e = { kind: "Try", operand: e, start, end: this.endFrom(start) };
        if (startsExpression(this.peek().kind) && !this.at(35 /* LBrace */) && !this.at(58 /* Minus */) && !this.at(62 /* Bang */) && !this.atLineStart()) {
          this.error(
            "E0103",
            "there is no ternary operator `c ? a : b`",
            "use `match c { true => a, false => b }`"
          );
          this.parseNestedExpr();
          if (this.eat(45 /* Colon */)) this.parseNestedExpr();
          e = { kind: "ErrorExpr", start, end: this.endFrom(start) };
        }
      } else if ((k === 76 /* PlusPlus */ || k === 77 /* MinusMinus */) && !this.atLineStart()) {
        this.error("E0103", `${TOKEN_NAMES[k]} is not an operator`, "write `x = x + 1` or `x = x - 1`");
        this.advance();
        e = { kind: "ErrorExpr", start, end: this.endFrom(start) };
      } else break;
    }
    return e;
  }
  parseArgs() {
    const args = [];
    this.advance();
    const save = this.inHead;
    this.inHead = false;
    while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
      args.push(this.parseExpr());
      if (this.eat(43 /* Comma */)) continue;
      if (!this.at(38 /* RParen */)) this.errorExpected("`,` or `)`");
      break;
    }
    this.inHead = save;
    if (!this.eat(38 /* RParen */)) {
      this.errorExpected("`)`");
      this.skipTo(38 /* RParen */);
    }
    return args.length ? fit(args) : EMPTY;
  }
  parsePrimary() {
    const start = this.startOf();
    const t = this.peek();
    switch (t.kind) {
      case 3 /* Int */:
        this.advance();
        return this.intLiteral(t);
      case 4 /* Float */:
        this.advance();
        return this.floatLiteral(t);
      case 5 /* Char */:
        this.advance();
        return { kind: "CharLit", value: t.value, start: t.start, end: t.end };
      case 6 /* String */:
        this.advance();
        return { kind: "StringLit", value: t.value, start: t.start, end: t.end };
      case 7 /* StringHead */:
        return this.parseInterpolated();
      case 33 /* KwTrue */:
      case 34 /* KwFalse */:
        this.advance();
        return { kind: "BoolLit", value: t.kind === 33 /* KwTrue */, start: t.start, end: t.end };
      case 37 /* LParen */: {
        if (this.isLambdaParen()) return this.parseLambda();
        if (this.peek(1).kind === 38 /* RParen */) {
          this.advance();
          this.advance();
          return { kind: "UnitLit", start, end: this.endFrom(start) };
        }
        if (this.looksLikeCast()) {
          this.error(
            "E0103",
            "there is no cast operator",
            "assign to a typed local (`i64 n = x;` widens; narrowing warns with W1203), or call a conversion function"
          );
          this.advance();
          this.advance();
          this.advance();
          this.parseUnary();
          return { kind: "ErrorExpr", start, end: this.endFrom(start) };
        }
        this.advance();
        const expr = this.parseNestedExpr();
        if (this.at(43 /* Comma */)) {
          this.error("E0103", "tuples do not exist", "declare a `type` with named fields");
          this.skipTo(38 /* RParen */);
          return { kind: "ErrorExpr", start, end: this.endFrom(start) };
        }
        if (!this.expect(38 /* RParen */)) this.skipTo(38 /* RParen */);
        return { kind: "Paren", expr, start, end: this.endFrom(start) };
      }
      case 35 /* LBrace */: {
        return this.parseBlock();
      }
      case 16 /* KwMatch */:
        return this.parseMatch();
      case 39 /* LBracket */: {
        this.advance();
        const elements = [];
        const save = this.inHead;
        this.inHead = false;
        while (!this.at(40 /* RBracket */) && !this.at(0 /* EOF */)) {
          elements.push(this.parseExpr());
          if (this.eat(43 /* Comma */)) continue;
          if (!this.at(40 /* RBracket */)) this.errorExpected("`,` or `]`");
          break;
        }
        this.inHead = save;
        if (!this.expect(40 /* RBracket */)) this.skipTo(40 /* RBracket */);
        return { kind: "ArrayLiteral", elements: fit(elements), start, end: this.endFrom(start) };
      }
      case 69 /* Dollar */:
        if (this.peek(1).kind === 1 /* Ident */) {
          this.advance();
          this.advance();
          return { kind: "UnsupportedExpr", construct: "meta-var", start, end: this.endFrom(start) };
        }
        break;
      case 1 /* Ident */:
        if (t.value === "new" && this.peek(1).kind === 1 /* Ident */) {
          this.error(
            "E0103",
            "there is no `new`",
            "build a record with `Name { field: value, \u2026 }`; constructors are ordinary functions"
          );
          this.advance();
          this.parsePostfix();
          return { kind: "ErrorExpr", start, end: this.endFrom(start) };
        }
        return this.parseNamePrimary();
      case 18 /* KwIf */:
        this.error(
          "E0101",
          "`if` is a statement, not an expression",
          "use `match cond { true => a, false => b }`"
        );
        this.syncExpr();
        return { kind: "ErrorExpr", start, end: this.endFrom(start) };
      case 24 /* KwBreak */:
      case 25 /* KwContinue */:
      case 23 /* KwReturn */: {
        const word = t.kind === 24 /* KwBreak */ ? "break" : t.kind === 25 /* KwContinue */ ? "continue" : "return";
        const stmt = word === "return" ? "return \u2026;" : `${word};`;
        this.errorExpected(
          "an expression",
          `\`${word}\` is a statement, not an expression; in a match arm write \`=> { ${stmt} }\``
        );
        return { kind: "ErrorExpr", start: this.prevEnd, end: this.prevEnd };
      }
      default:
        break;
    }
    this.errorExpected("an expression");
    return { kind: "ErrorExpr", start: this.prevEnd, end: this.prevEnd };
  }
  /** `( primitive-type ) operand` on one line: a C-style cast (a primitive type is never a value). */
  looksLikeCast() {
    const ty = this.peek(1);
    if (ty.kind !== 1 /* Ident */ || !PRIMITIVES.has(ty.value) || this.peek(2).kind !== 38 /* RParen */)
      return false;
    const k = this.peek(3).kind;
    return k === 3 /* Int */ || k === 4 /* Float */ || k === 5 /* Char */ || k === 6 /* String */ || k === 7 /* StringHead */ || k === 1 /* Ident */ || k === 37 /* LParen */;
  }
  /** Skips an `if …` used as an expression without swallowing the rest of the statement. */
  syncExpr() {
    this.advance();
    this.skipUntil(EXPR_END);
  }
  parseInterpolated() {
    const start = this.startOf();
    const parts = [];
    let t = this.advance();
    this.pushText(parts, t, t.start + 1, t.end - 2);
    for (; ; ) {
      const holeStart = this.prevEnd;
      const expr = this.at(8 /* StringMiddle */) || this.at(9 /* StringTail */) ? { kind: "ErrorExpr", start: this.prevEnd, end: this.prevEnd } : this.parseNestedExpr();
      if (!this.at(8 /* StringMiddle */) && !this.at(9 /* StringTail */)) {
        if (!this.at(0 /* EOF */)) this.errorExpected("`}` closing the interpolation");
        while (!this.at(8 /* StringMiddle */) && !this.at(9 /* StringTail */) && !this.at(0 /* EOF */)) this.skipOne();
      }
      parts.push({
        kind: "InterpHole",
        expr,
        start: holeStart,
        end: this.peek().kind === 0 /* EOF */ ? this.prevEnd : this.peek().start + 1
      });
      if (this.at(0 /* EOF */)) break;
      t = this.advance();
      if (t.kind === 9 /* StringTail */) {
        this.pushText(parts, t, t.start + 1, t.end - 1);
        break;
      }
      this.pushText(parts, t, t.start + 1, t.end - 2);
    }
    return { kind: "InterpolatedString", parts: fit(parts), start, end: this.endFrom(start) };
  }
  pushText(parts, t, start, end) {
    const value = t.value;
    if (value.length) parts.push({ kind: "InterpText", value, start, end: Math.max(start, end) });
  }
  /** Rule 6: a primary starting with an identifier. */
  parseNamePrimary() {
    const start = this.startOf();
    const t = this.peek();
    const w = t.value;
    if (w === "try" && this.peek(1).kind === 35 /* LBrace */) {
      this.advance();
      this.parseBlock();
      if (this.atWord("catch")) {
        this.advance();
        if (this.expect(37 /* LParen */)) {
          this.expectIdent("an error name");
          this.expect(38 /* RParen */);
        }
        this.parseBlock();
      } else this.errorExpected("`catch`");
      return { kind: "UnsupportedExpr", construct: "try-catch", start, end: this.endFrom(start) };
    }
    if (w === "clif" && this.peek(1).kind === 35 /* LBrace */) {
      this.advance();
      this.parseTokenBlock();
      return { kind: "UnsupportedExpr", construct: "clif", start, end: this.endFrom(start) };
    }
    if (w === "code" && this.peek(1).kind === 10 /* CodeFence */) {
      this.advance();
      this.advance();
      return { kind: "UnsupportedExpr", construct: "code-fence", start, end: this.endFrom(start) };
    }
    if (this.peek(1).kind === 62 /* Bang */ && this.peek(1).start === t.end && this.peek(2).kind === 37 /* LParen */) {
      this.advance();
      this.advance();
      this.parseTokenGroup();
      if (this.at(35 /* LBrace */) && !this.atLineStart()) this.parseTokenBlock();
      return { kind: "UnsupportedExpr", construct: "macro-call", start, end: this.endFrom(start) };
    }
    const name0 = this.identOf(this.advance());
    const typeArgs0 = this.tryGenericArgs();
    const end0 = typeArgs0 ? this.endFrom(start) : name0.end;
    if (!(this.at(47 /* Dot */) && this.peek(1).kind === 1 /* Ident */) && !this.at(46 /* ColonColon */) && !(this.at(35 /* LBrace */) && this.isStructLiteralBrace()))
      return { kind: "Name", name: name0, typeArgs: typeArgs0, start, end: end0 };
    const segments = [this.pathSegment(name0, typeArgs0, start)];
    for (; ; ) {
      if (segments.length >= MAX_CHAIN && this.chainTooLong()) break;
      if (!(this.at(47 /* Dot */) && this.peek(1).kind === 1 /* Ident */)) break;
      this.advance();
      const s = this.startOf();
      const name = this.identOf(this.advance());
      const typeArgs = this.tryGenericArgs();
      segments.push(this.pathSegment(name, typeArgs, s));
    }
    if (this.at(46 /* ColonColon */)) {
      const enumName = {
        kind: "QualName",
        segments: fit(segments),
        start,
        end: this.endFrom(start)
      };
      this.advance();
      const variant = this.expectIdent("a variant name");
      const args = this.at(37 /* LParen */) ? this.parseArgs() : void 0;
      return { kind: "EnumValue", enumName, variant, args, start, end: this.endFrom(start) };
    }
    if (this.at(35 /* LBrace */) && this.isStructLiteralBrace()) {
      const typeName = {
        kind: "QualName",
        segments: fit(segments),
        start,
        end: this.endFrom(start)
      };
      return this.parseStructLiteral(start, typeName);
    }
    const first = segments[0];
    let e = {
      kind: "Name",
      name: first.name,
      typeArgs: first.typeArgs,
      start: first.start,
      end: first.end
    };
    for (let i = 1; i < segments.length; i++) {
      const seg = segments[i];
      e = {
        kind: "MemberAccess",
        object: e,
        name: seg.name,
        typeArgs: seg.typeArgs,
        start,
        end: seg.end
      };
    }
    return e;
  }
  /** Skips a balanced `( … )` group (macro arguments). */
  parseTokenGroup() {
    const close = this.pair[this.pos];
    if (close < 0) {
      this.error("E0101", "this `(` is never closed");
      this.jumpTo(this.tokens.length - 1);
    } else this.jumpTo(close + 1);
  }
  /** Rule 7. */
  isStructLiteralBrace() {
    const a = this.peek(1).kind;
    if (a === 36 /* RBrace */) return !this.inHead;
    return a === 1 /* Ident */ && this.peek(2).kind === 45 /* Colon */;
  }
  parseStructLiteral(start, typeName) {
    this.advance();
    const fields = [];
    const save = this.inHead;
    this.inHead = false;
    while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */)) {
      const s = this.startOf();
      const name = this.expectIdent("a field name");
      this.expect(45 /* Colon */);
      const value = this.parseExpr();
      fields.push({ kind: "FieldInit", name, value, start: s, end: this.endFrom(s) });
      if (this.eat(43 /* Comma */)) continue;
      if (!this.at(36 /* RBrace */)) this.errorExpected("`,` or `}`");
      break;
    }
    this.inHead = save;
    if (!this.expect(36 /* RBrace */)) this.skipTo(36 /* RBrace */);
    return { kind: "StructLiteral", typeName, fields: fit(fields), start, end: this.endFrom(start) };
  }
  parseMatch() {
    const start = this.startOf();
    this.advance();
    const scrutinee = this.parseHeadExpr();
    const arms = [];
    if (!this.expect(35 /* LBrace */)) return { kind: "Match", scrutinee, arms, start, end: this.endFrom(start) };
    if (!this.enter()) return { kind: "Match", scrutinee, arms, start, end: this.endFrom(start) };
    const save = this.inHead;
    this.inHead = false;
    while (this.eat(43 /* Comma */)) ;
    while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */) && !this.unwind) {
      const before = this.pos;
      const s = this.startOf();
      const pattern = this.parsePattern();
      let guard;
      if (this.at(66 /* Pipe */) || this.at(64 /* PipePipe */)) {
        this.error(
          "E0103",
          "there are no or-patterns `a | b`",
          "write one arm per pattern, or match the rest with `_` and a `when` guard"
        );
        this.skipUntil(OR_PATTERN_END);
      } else if (this.at(18 /* KwIf */)) {
        this.error(
          "E0103",
          "a match guard is written `when`, not `if`",
          "write `Pattern when condition => \u2026`"
        );
        this.advance();
        guard = this.parseBinary(1);
      }
      if (pattern.kind === "ErrorPattern" && !this.at(48 /* FatArrow */)) {
        this.skipUntil(PATTERN_END);
      }
      if (guard === void 0 && this.eat(17 /* KwWhen */)) guard = this.parseBinary(1);
      this.expect(48 /* FatArrow */);
      let body;
      let blockBody = false;
      if (this.at(35 /* LBrace */)) {
        body = this.parseBlock();
        blockBody = true;
      } else body = this.parseExpr();
      arms.push({ kind: "MatchArm", pattern, guard, body, start: s, end: this.endFrom(s) });
      let commas = 0;
      while (this.eat(43 /* Comma */)) commas++;
      if (commas === 0 && !blockBody && !this.at(36 /* RBrace */)) {
        this.errorExpected("`,` or `}` after a match arm");
        if (!this.atLineStart()) this.syncArm();
      }
      if (this.pos === before && !this.unwind) this.skipOne();
    }
    this.inHead = save;
    this.leave();
    this.expect(36 /* RBrace */);
    return { kind: "Match", scrutinee, arms: fit(arms), start, end: this.endFrom(start) };
  }
  /** Skips the rest of a broken match arm: to after `,` or to the `}` of the match. */
  syncArm() {
    for (; ; ) {
      const k = this.peek().kind;
      if (k === 0 /* EOF */ || k === 36 /* RBrace */) return;
      if (k === 43 /* Comma */) {
        this.advance();
        return;
      }
      if (this.atLineStart()) return;
      this.skipOne();
    }
  }
  // ================= patterns =================
  parsePattern() {
    const start = this.startOf();
    if (!this.enter()) return { kind: "ErrorPattern", start, end: this.endFrom(start) };
    try {
      const t = this.peek();
      switch (t.kind) {
        case 2 /* Underscore */:
          this.advance();
          return { kind: "WildcardPattern", start, end: this.endFrom(start) };
        case 58 /* Minus */:
        case 3 /* Int */:
        case 4 /* Float */:
        case 5 /* Char */:
        case 6 /* String */:
        case 33 /* KwTrue */:
        case 34 /* KwFalse */: {
          const negative = this.eat(58 /* Minus */);
          const l = this.peek();
          let literal;
          if (l.kind === 3 /* Int */) literal = this.intLiteral(l);
          else if (l.kind === 4 /* Float */) literal = this.floatLiteral(l);
          else if (!negative && l.kind === 5 /* Char */)
            literal = { kind: "CharLit", value: l.value, start: l.start, end: l.end };
          else if (!negative && l.kind === 6 /* String */)
            literal = { kind: "StringLit", value: l.value, start: l.start, end: l.end };
          else if (!negative && (l.kind === 33 /* KwTrue */ || l.kind === 34 /* KwFalse */)) {
            literal = { kind: "BoolLit", value: l.kind === 33 /* KwTrue */, start: l.start, end: l.end };
          }
          if (!literal) {
            this.errorExpected("a number after `-` in a pattern");
            return { kind: "ErrorPattern", start, end: this.endFrom(start) };
          }
          this.advance();
          return { kind: "LiteralPattern", negative, literal, start, end: this.endFrom(start) };
        }
        case 7 /* StringHead */:
          this.error("E0101", "an interpolated string cannot be a pattern");
          this.parseInterpolated();
          return { kind: "ErrorPattern", start, end: this.endFrom(start) };
        case 1 /* Ident */: {
          const segments = [];
          for (; ; ) {
            const s = this.startOf();
            const name = this.identOf(this.advance());
            const typeArgs = this.tryGenericArgs();
            segments.push(this.pathSegment(name, typeArgs, s));
            if (this.at(47 /* Dot */) && this.peek(1).kind === 1 /* Ident */) {
              this.advance();
              continue;
            }
            break;
          }
          if (this.at(46 /* ColonColon */)) {
            const enumName = { kind: "QualName", segments, start, end: this.endFrom(start) };
            this.advance();
            const variant = this.expectIdent("a variant name");
            let args;
            if (this.eat(37 /* LParen */)) {
              args = [];
              while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
                args.push(this.parsePattern());
                if (this.eat(43 /* Comma */)) continue;
                if (!this.at(38 /* RParen */)) this.errorExpected("`,` or `)`");
                break;
              }
              if (!this.expect(38 /* RParen */)) this.skipTo(38 /* RParen */);
            }
            return {
              kind: "EnumPattern",
              enumName,
              variant,
              args,
              start,
              end: this.endFrom(start)
            };
          }
          if (segments.length === 1 && !segments[0].typeArgs) {
            if (this.at(37 /* LParen */)) {
              this.error(
                "E0101",
                "a variant pattern needs its enum",
                `write \`Enum::${segments[0].name.text}(\u2026)\``,
                segments[0].name
              );
              this.skipOne();
              return { kind: "ErrorPattern", start, end: this.endFrom(start) };
            }
            return { kind: "BindingPattern", name: segments[0].name, start, end: this.endFrom(start) };
          }
          this.errorExpected("`::` and a variant name (only a single name may stand alone in a pattern)");
          return { kind: "ErrorPattern", start, end: this.endFrom(start) };
        }
        default:
          this.errorExpected("a pattern");
          return { kind: "ErrorPattern", start: this.prevEnd, end: this.prevEnd };
      }
    } finally {
      this.leave();
    }
  }
};
function isOpener(k) {
  return k === 37 /* LParen */ || k === 39 /* LBracket */ || k === 35 /* LBrace */ || k === 7 /* StringHead */ || k === 8 /* StringMiddle */;
}
function matchBrackets(tokens) {
  const pair = new Int32Array(tokens.length).fill(-1);
  const stack = [];
  for (let i = 0; i < tokens.length; i++) {
    const k = tokens[i].kind;
    switch (k) {
      case 37 /* LParen */:
      case 39 /* LBracket */:
      case 35 /* LBrace */:
      case 7 /* StringHead */:
        stack.push(i);
        break;
      case 38 /* RParen */:
      case 40 /* RBracket */:
      case 36 /* RBrace */:
      case 8 /* StringMiddle */:
      case 9 /* StringTail */: {
        const want = k === 38 /* RParen */ ? 37 /* LParen */ : k === 40 /* RBracket */ ? 39 /* LBracket */ : k === 36 /* RBrace */ ? 35 /* LBrace */ : 7 /* StringHead */;
        let j = stack.length - 1;
        while (j >= 0) {
          const o = tokens[stack[j]].kind;
          if (o === want || want === 7 /* StringHead */ && o === 8 /* StringMiddle */) break;
          j--;
        }
        if (j >= 0) {
          pair[stack[j]] = i;
          stack.length = j;
        }
        if (k === 8 /* StringMiddle */) stack.push(i);
        break;
      }
      default:
        break;
    }
  }
  return pair;
}
var STATEMENT_KEYWORDS = [
  "return",
  "break",
  "continue",
  "while",
  "match",
  "let",
  "mut",
  "for",
  "if",
  "else"
];
function nearWord(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restEq = (x, y) => a.slice(x) === b.slice(y);
  if (a.length === b.length) {
    if (restEq(i + 1, i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && restEq(i + 2, i + 2);
  }
  return a.length > b.length ? restEq(i + 1, i) : restEq(i, i + 1);
}

// src/syntax/visit.ts
function assertNever(x) {
  throw new Error(`unknown syntax node kind ${x.kind}`);
}
function each(list, f) {
  if (list) for (let i = 0; i < list.length; i++) f(list[i]);
}
function opt(n, f) {
  if (n) f(n);
}
function forEachChild(n, f) {
  switch (n.kind) {
    case "SourceFile":
      return each(n.items, f);
    case "Ident":
    case "Doc":
    case "TokenBlock":
    case "PrimitiveType":
    case "ThisType":
    case "ErrorType":
    case "Break":
    case "Continue":
    case "UnsupportedStmt":
    case "IntLit":
    case "FloatLit":
    case "BoolLit":
    case "CharLit":
    case "StringLit":
    case "InterpText":
    case "UnitLit":
    case "UnsupportedExpr":
    case "ErrorExpr":
    case "WildcardPattern":
    case "ErrorPattern":
      return;
    case "Attribute":
      f(n.name);
      return each(n.args, f);
    case "AttrArg":
      f(n.name);
      return f(n.value);
    // items
    case "Function":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.returnType);
      f(n.name);
      each(n.typeParams, f);
      each(n.params, f);
      each(n.where, f);
      return opt(n.body, f);
    case "Impl":
      opt(n.doc, f);
      each(n.attributes, f);
      each(n.typeParams, f);
      f(n.target);
      each(n.conformances, f);
      each(n.where, f);
      return each(n.members, f);
    case "Type":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.typeParams, f);
      each(n.conformances, f);
      each(n.fields, f);
      return each(n.members, f);
    case "Enum":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.typeParams, f);
      return each(n.variants, f);
    case "Contract":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.typeParams, f);
      return each(n.members, f);
    case "Test":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      if (n.sections.length === 0) return each(n.body, f);
      {
        const parts = [...n.sections, ...n.body];
        parts.sort((a, b) => a.start - b.start);
        return each(parts, f);
      }
    case "AttributeDecl":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.targets, f);
      return each(n.params, f);
    case "InlineModule":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      return each(n.items, f);
    case "ModDecl":
      opt(n.doc, f);
      each(n.attributes, f);
      return f(n.path);
    case "Use":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.path);
      return opt(n.alias, f);
    case "Const":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      return f(n.value);
    case "Macro":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.params, f);
      return f(n.body);
    case "Host":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.params, f);
      opt(n.service, f);
      return f(n.body);
    // item parts
    case "WhereBound":
      f(n.param);
      return f(n.bound);
    case "Param":
      opt(n.doc, f);
      f(n.type);
      return f(n.name);
    case "ExprBody":
      return f(n.expr);
    case "Method":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.returnType);
      f(n.name);
      each(n.params, f);
      return f(n.body);
    case "AssocType":
      opt(n.doc, f);
      f(n.name);
      return opt(n.value, f);
    case "Field":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.type);
      return f(n.name);
    case "EventField":
      opt(n.doc, f);
      each(n.attributes, f);
      opt(n.capacity, f);
      f(n.name);
      return each(n.params, f);
    case "InjectField":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.type);
      return f(n.name);
    case "VariantField":
      opt(n.doc, f);
      f(n.type);
      return opt(n.name, f);
    case "Variant":
      opt(n.doc, f);
      f(n.name);
      return each(n.fields, f);
    case "ContractMethod":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.returnType);
      f(n.name);
      return each(n.params, f);
    case "ContractEmbed":
      opt(n.doc, f);
      return f(n.type);
    case "TestEntry":
      f(n.key);
      return f(n.value);
    case "TestSection":
      return each(n.entries, f);
    case "AttrParam":
      f(n.name);
      f(n.type);
      return opt(n.default, f);
    case "ModPath":
      return each(n.segments, f);
    case "SignedInt":
      return f(n.literal);
    case "MacroParam":
      f(n.paramKind);
      return f(n.name);
    // types
    case "NamedType":
      each(n.segments, f);
      return opt(n.assoc, f);
    case "PathSegment":
      f(n.name);
      return each(n.typeArgs, f);
    case "RefType":
      return f(n.inner);
    case "ArrayType":
      return f(n.element);
    case "FunctionType":
      if (n.arrow) {
        each(n.params, f);
        return f(n.returnType);
      }
      f(n.returnType);
      return each(n.params, f);
    // statements
    case "Local":
      opt(n.doc, f);
      opt(n.type, f);
      f(n.name);
      return opt(n.init, f);
    case "Return":
      opt(n.doc, f);
      return opt(n.value, f);
    case "If":
      opt(n.doc, f);
      f(n.condition);
      f(n.then);
      return opt(n.else, f);
    case "While":
      opt(n.doc, f);
      f(n.condition);
      return f(n.body);
    case "For":
      opt(n.doc, f);
      f(n.binding);
      f(n.iterable);
      return f(n.body);
    case "BlockStmt":
      opt(n.doc, f);
      return f(n.block);
    case "ExprStmt":
      opt(n.doc, f);
      return f(n.expr);
    // expressions
    case "InterpolatedString":
      return each(n.parts, f);
    case "InterpHole":
      return f(n.expr);
    case "Name":
      f(n.name);
      return each(n.typeArgs, f);
    case "MemberAccess":
      f(n.object);
      f(n.name);
      return each(n.typeArgs, f);
    case "Call":
      f(n.callee);
      return each(n.args, f);
    case "Index":
      f(n.object);
      return f(n.index);
    case "Try":
      return f(n.operand);
    case "Unary":
      return f(n.operand);
    case "Binary":
      f(n.left);
      return f(n.right);
    case "Assign":
      f(n.target);
      return f(n.value);
    case "LambdaParam":
      opt(n.type, f);
      return opt(n.name, f);
    case "Lambda":
      each(n.params, f);
      return f(n.body);
    case "MatchArm":
      f(n.pattern);
      opt(n.guard, f);
      return f(n.body);
    case "Match":
      f(n.scrutinee);
      return each(n.arms, f);
    case "QualName":
      return each(n.segments, f);
    case "EnumValue":
      f(n.enumName);
      f(n.variant);
      return each(n.args, f);
    case "FieldInit":
      f(n.name);
      return f(n.value);
    case "StructLiteral":
      f(n.typeName);
      return each(n.fields, f);
    case "ArrayLiteral":
      return each(n.elements, f);
    case "Block":
      return each(n.statements, f);
    case "Paren":
      return f(n.expr);
    // patterns
    case "BindingPattern":
      return f(n.name);
    case "EnumPattern":
      f(n.enumName);
      f(n.variant);
      return each(n.args, f);
    case "LiteralPattern":
      return f(n.literal);
    default:
      return assertNever(n);
  }
}

// src/syntax/facts.ts
function candidatesOf(segments) {
  const out = [];
  for (let n = segments.length; n >= 1; n--) out.push(segments.slice(0, n).join("."));
  return out;
}
function memberChain(e) {
  const rev = [];
  let cur = e;
  while (cur.kind === "MemberAccess") {
    rev.push(cur.name.text);
    cur = cur.object;
  }
  if (cur.kind !== "Name") return void 0;
  rev.push(cur.name.text);
  return rev.reverse();
}
function extractModuleFacts(tree) {
  const modDecls = [];
  const uses = [];
  const qualifiedRefs = [];
  const seen = /* @__PURE__ */ new Set();
  const referencedPaths = [];
  const note = (paths) => {
    for (const p of paths) {
      if (!seen.has(p)) {
        seen.add(p);
        referencedPaths.push(p);
      }
    }
  };
  const ref = (segments, span, position) => {
    if (segments.length < 2 || segments.some((s) => s === "")) return;
    const candidates2 = candidatesOf(segments);
    qualifiedRefs.push({ segments, candidates: candidates2, span, position });
    note(candidates2);
  };
  const modDecl = (item, inlineModule, first) => ({
    path: item.path.segments.map((s) => s.text),
    span: { start: item.start, end: item.end },
    isPub: item.isPub,
    hasAttributes: item.attributes.length > 0,
    fileScoped: first && !item.isPub && item.attributes.length === 0,
    inlineModule
  });
  const useFact = (item, inlineModule) => ({
    path: item.path.segments.map((s) => s.text),
    alias: item.alias?.text,
    isPub: item.isPub,
    span: { start: item.start, end: item.end },
    inlineModule
  });
  let fileModule;
  const itemStack = [
    { items: tree.items, inlineModule: [] }
  ];
  const bodies = [];
  while (itemStack.length) {
    const { items, inlineModule } = itemStack.pop();
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      switch (item.kind) {
        case "ModDecl": {
          const fact = modDecl(item, inlineModule, i === 0 && inlineModule.length === 0);
          if (fact.fileScoped) fileModule = fact;
          modDecls.push(fact);
          break;
        }
        case "Use": {
          const fact = useFact(item, inlineModule);
          uses.push(fact);
          note([fact.path.join(".")]);
          break;
        }
        case "InlineModule":
          itemStack.push({ items: item.items, inlineModule: [...inlineModule, item.name.text] });
          break;
        default:
          bodies.push(item);
          break;
      }
    }
  }
  const stack = bodies.reverse();
  const children = [];
  let count = 0;
  const collect = (c) => {
    children[count++] = c;
  };
  const pushChildren = (n) => {
    count = 0;
    forEachChild(n, collect);
    for (let i = count - 1; i >= 0; i--) stack.push(children[i]);
  };
  while (stack.length) {
    const node = stack.pop();
    switch (node.kind) {
      case "MemberAccess": {
        const chain = memberChain(node);
        if (chain) {
          ref(chain, { start: node.start, end: node.end }, "expression");
          let cur = node;
          for (; ; ) {
            if (cur.typeArgs) for (let i = cur.typeArgs.length - 1; i >= 0; i--) stack.push(cur.typeArgs[i]);
            if (cur.kind !== "MemberAccess") break;
            cur = cur.object;
          }
          continue;
        }
        break;
      }
      case "NamedType":
        ref(
          node.segments.map((s) => s.name.text),
          { start: node.start, end: node.end },
          "type"
        );
        break;
      case "EnumValue":
        refQual(node.enumName, "expression");
        break;
      case "StructLiteral":
        refQual(node.typeName, "expression");
        break;
      case "EnumPattern":
        refQual(node.enumName, "pattern");
        break;
      case "Ident":
      case "Doc":
      case "TokenBlock":
      case "Attribute":
        continue;
      default:
        break;
    }
    pushChildren(node);
  }
  function refQual(q, position) {
    ref(
      q.segments.map((s) => s.name.text),
      { start: q.start, end: q.end },
      position
    );
  }
  return {
    ...fileModule ? { fileModule } : {},
    modDecls,
    uses,
    qualifiedRefs,
    referencedPaths
  };
}

// src/syntax/dump.ts
function isNode(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof v.kind === "string";
}
function scalar(v) {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "bigint":
      return `${v}`;
    case "boolean":
      return v ? "true" : void 0;
    default:
      return void 0;
  }
}
function spanText(n) {
  return `${n.start}..${n.end}`;
}
function dumpNode(n) {
  const head = [`(${n.kind} ${spanText(n)}`];
  const children = [];
  for (const [key, value] of Object.entries(n)) {
    if (key === "kind" || key === "start" || key === "end" || value === void 0) continue;
    if (Array.isArray(value)) {
      if (value.length) children.push([key, value]);
      continue;
    }
    if (isNode(value)) {
      children.push([key, value]);
      continue;
    }
    const s = key === "value" && value === false ? "false" : scalar(value);
    if (s === void 0) continue;
    head.push(key === "text" || key === "name" || key === "value" ? s : value === true ? key : `${key}=${s}`);
  }
  const lines = [head.join(" ")];
  for (const [key, value] of children) {
    if (Array.isArray(value)) {
      lines.push(`  ${key}:`);
      for (const item of value) {
        const sub = isNode(item) ? dumpNode(item) : [scalar(item) ?? String(item)];
        for (const l of sub) lines.push(`    ${l}`);
      }
    } else {
      const sub = dumpNode(value);
      lines.push(`  ${key}: ${sub[0]}`);
      for (let i = 1; i < sub.length; i++) lines.push(`  ${sub[i]}`);
    }
  }
  lines[lines.length - 1] += ")";
  if (lines.length > 1 && lines.length <= 3) {
    const joined = lines.map((l) => l.trim()).join(" ");
    if (joined.length <= 88 && !lines.some((l) => l.trimEnd().endsWith(":"))) return [joined];
  }
  return lines;
}
function dumpTree(tree) {
  return dumpNode(tree).join("\n") + "\n";
}
function treeToJson(tree) {
  return JSON.stringify(
    tree,
    (_k, v) => {
      if (typeof v === "bigint") return v.toString();
      if (!isNode(v)) return v;
      const out = {};
      for (const [key, value] of Object.entries(v)) if (key !== "start" && key !== "end") out[key] = value;
      out.span = { start: v.start, end: v.end };
      return out;
    },
    2
  );
}

// src/syntax/index.ts
function parseFile(text, file) {
  const lineIndex = new LineIndex(text);
  const lexed = lex2(text, file, lineIndex);
  const eofReported = lexed.diagnostics.some((d) => d.span !== void 0 && d.span.end >= text.length);
  const parsed = parseTokens(text, file, lexed.tokens, lexed.docLines, lineIndex, eofReported);
  const all = lexed.diagnostics.concat(parsed.diagnostics);
  const diagnostics = all.map((d, i) => ({ d, i })).sort((a, b) => (a.d.span?.start ?? 0) - (b.d.span?.start ?? 0) || a.i - b.i).map((x) => x.d);
  return { tree: parsed.tree, diagnostics, lineIndex };
}

// src/assembly/modpath.ts
import { basename as basename4, dirname as dirname5, join as join4, relative as relative4, sep as sep4 } from "node:path";
function generatedDir(root) {
  return join4(root.path, "..", ".generated");
}
function candidates(root, segments) {
  const last = segments[segments.length - 1];
  return [
    { file: join4(root.path, ...segments) + ".bd", generated: false },
    { file: join4(root.path, ...segments, `${last}.bd`), generated: false },
    { file: join4(root.path, ...segments, "mod.bd"), generated: false },
    { file: join4(generatedDir(root), ...segments) + ".g.bd", generated: true }
  ];
}
function resolveModule(roots, segments, exists, folderExists) {
  if (segments.length === 0) return void 0;
  for (let r = 0; r < roots.length; r++) {
    for (const c of candidates(roots[r], segments)) {
      if (folderExists && !folderExists(dirname5(c.file))) continue;
      if (exists(c.file)) return { file: c.file, rootIndex: r, generated: c.generated };
    }
  }
  if (segments[0] === "Std" && segments.length > 1)
    return resolveModule(roots, segments.slice(1), exists, folderExists);
  return void 0;
}
function isIdent(s) {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = c === 95 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || i > 0 && c >= 48 && c <= 57;
    if (!ok) return false;
  }
  return true;
}
function under(dir, file) {
  const r = relative4(dir, file);
  if (r === "" || r.startsWith("..") || r.startsWith(sep4) || /^[A-Za-z]:/.test(r)) return void 0;
  return r.split(sep4);
}
function modulePathOf(root, file, generated) {
  const segs = under(generated ? generatedDir(root) : root.path, file);
  if (!segs) return void 0;
  const last = segs[segs.length - 1];
  const suffix = generated ? ".g.bd" : ".bd";
  if (!last.endsWith(suffix)) return void 0;
  segs[segs.length - 1] = last.slice(0, -suffix.length);
  if (!generated) {
    if (segs.length >= 2 && segs[segs.length - 1] === segs[segs.length - 2]) segs.pop();
    else if (segs.length >= 2 && segs[segs.length - 1] === "mod") segs.pop();
  }
  return segs.every(isIdent) ? segs.join(".") : void 0;
}
function rootOf(roots, file) {
  let best;
  let bestDepth = -1;
  for (let r = 0; r < roots.length; r++) {
    for (const generated of [false, true]) {
      const segs = under(generated ? generatedDir(roots[r]) : roots[r].path, file);
      if (segs && (bestDepth < 0 || segs.length < bestDepth)) {
        best = { rootIndex: r, generated };
        bestDepth = segs.length;
      }
    }
  }
  return best;
}
function stemOf(file) {
  return basename4(file).replace(/\.g\.bd$|\.bd$/, "");
}

// src/assembly/assemble.ts
function statOf(p) {
  try {
    return statSync2(p, { throwIfNoEntry: false });
  } catch {
    return void 0;
  }
}
var nodeFs = {
  readFile: (p) => readFileSync4(p),
  isFile: (p) => statOf(p)?.isFile() ?? false,
  isDir: (p) => statOf(p)?.isDirectory() ?? false,
  realpath: (p) => {
    try {
      return realpathSync2.native(p);
    } catch {
      return p;
    }
  }
};
var parserFacts = (text, file) => {
  const parsed = parseFile(text, file);
  return {
    facts: extractModuleFacts(parsed.tree),
    tree: parsed.tree,
    lineIndex: parsed.lineIndex,
    diagnostics: parsed.diagnostics
  };
};
function linksOf(facts, file) {
  const at = (span) => ({ file, start: span.start, end: span.end });
  return {
    ...facts.fileModule ? { fileModule: facts.fileModule.path } : {},
    children: facts.modDecls.filter((d) => !d.fileScoped && (d.isPub || d.hasAttributes)).map((d) => ({ segments: d.path, span: at(d.span) })),
    uses: facts.uses.map((u) => ({ segments: u.path, span: at(u.span) })),
    qualified: facts.qualifiedRefs.map((q) => ({ segments: q.segments, span: at(q.span) }))
  };
}
var PRELUDE_MODULES = [
  ["Core", "Results"],
  ["Core", "Optional", "Option"]
];
function relPathOf(projectDir, file) {
  return relative5(projectDir, file).split(sep5).join("/");
}
var Reader = class {
  constructor(fs, facts, roots, projectDir, fileName) {
    this.fs = fs;
    this.facts = facts;
    this.roots = roots;
    this.projectDir = projectDir;
    this.fileName = fileName;
  }
  fs;
  facts;
  roots;
  projectDir;
  fileName;
  diagnostics = [];
  existsCache = /* @__PURE__ */ new Map();
  resolved = /* @__PURE__ */ new Map();
  /** Module path → file over the roots, memoised per run (the same paths recur in many files). */
  resolve(segments) {
    const key = segments.join(".");
    let v = this.resolved.get(key);
    if (v === void 0) {
      v = resolveModule(this.roots, segments, this.exists, this.fs.isDir ? this.folderExists : void 0)?.file ?? null;
      this.resolved.set(key, v);
    }
    return v ?? void 0;
  }
  exists = (file) => {
    let v = this.existsCache.get(file);
    if (v === void 0) {
      v = this.fs.isFile(file);
      this.existsCache.set(file, v);
    }
    return v;
  };
  foldersCache = /* @__PURE__ */ new Map();
  /** Memoised; a folder whose parent is missing is missing without asking. */
  folderExists = (dir) => {
    let v = this.foldersCache.get(dir);
    if (v === void 0) {
      const parent = dirname6(dir);
      v = (parent === dir || this.folderExists(parent)) && this.fs.isDir(dir);
      this.foldersCache.set(dir, v);
    }
    return v;
  };
  read(file) {
    const name = this.fileName(file);
    let bytes;
    try {
      bytes = this.fs.readFile(file);
    } catch (e) {
      this.diagnostics.push(
        makeDiagnostic("E9001", { detail: `${file}: ${e.message}` }, { file: name })
      );
      return void 0;
    }
    const decoded = decodeSource(bytes, name);
    this.diagnostics.push(...decoded.diagnostics);
    const { facts, tree, lineIndex, diagnostics } = this.facts(decoded.text, name);
    if (diagnostics) this.diagnostics.push(...diagnostics);
    return {
      unit: {
        path: file,
        fileName: name,
        ...lineIndex !== void 0 ? { lineIndex } : {},
        relPath: relPathOf(this.projectDir, file),
        hash: sha256Hex(bytes),
        text: decoded.text,
        ...tree !== void 0 ? { tree } : {}
      },
      facts: linksOf(facts, name)
    };
  }
  indexes = /* @__PURE__ */ new Map();
  /** E1502 at a `pub mod P;` whose module has no file. */
  missingChild(ref, unit) {
    let index = unit.lineIndex ?? this.indexes.get(ref.span.file);
    if (!index) this.indexes.set(ref.span.file, index = new LineIndex(unit.text));
    this.diagnostics.push(
      makeDiagnostic(
        "E1502",
        {
          detail: `no file for module ${ref.segments.join(".")}`,
          notes: [
            `looked for ${ref.segments.join("/")}.bd, ${ref.segments.join("/")}/${ref.segments[ref.segments.length - 1]}.bd, ${ref.segments.join("/")}/mod.bd and .generated/${ref.segments.join("/")}.g.bd under each root`
          ]
        },
        { span: ref.span, index }
      )
    );
  }
  /** Module name and root of a unit (a file-scoped `mod P;` wins over the location). */
  name(file, facts, isEntry) {
    const where = rootOf(this.roots, file);
    const byPath = where ? modulePathOf(this.roots[where.rootIndex], file, where.generated) : void 0;
    const module = facts.fileModule ? facts.fileModule.join(".") : byPath ?? (isEntry ? stemOf(file) : "");
    return { module, rootIndex: where ? where.rootIndex : -1 };
  }
};
function resolveUse(r, ref) {
  const full = r.resolve(ref.segments);
  if (full) return full;
  if (ref.segments.length > 1) return r.resolve(ref.segments.slice(0, -1));
  return void 0;
}
function resolveQualified(r, ref) {
  for (let n = ref.segments.length; n >= 1; n--) {
    const found = r.resolve(ref.segments.slice(0, n));
    if (found) return found;
  }
  return void 0;
}
function assembleImportClosure(input, opts = {}) {
  const fs = opts.fs ?? nodeFs;
  const r = new Reader(
    fs,
    opts.facts ?? parserFacts,
    input.roots,
    input.projectDir ?? dirname6(dirname6(input.entryFile)),
    opts.fileName ?? ((p) => p)
  );
  const units = [];
  const seen = /* @__PURE__ */ new Set();
  const queue = [];
  const met = /* @__PURE__ */ new Set();
  const enqueue = (file) => {
    if (met.has(file)) return;
    met.add(file);
    const key = fs.realpath(file);
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(file);
  };
  enqueue(input.entryFile);
  for (const root of input.roots) {
    const prelude = join5(root.path, "Prelude.bd");
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
    const file = queue[q];
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
  const entryIndex = units.length > 0 && units[0].path === input.entryFile ? 0 : -1;
  return {
    value: { roots: input.roots, units, entryIndex, mode: "ImportClosure" },
    diagnostics: r.diagnostics
  };
}
function listBd2(dir) {
  const out = [];
  const walk = (d, rel2) => {
    let entries;
    try {
      entries = readdirSync3(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel2 ? `${rel2}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!e.name.startsWith(".")) walk(join5(d, e.name), r);
      } else if (e.isFile() && e.name.endsWith(".bd")) out.push(r);
    }
  };
  walk(dir, "");
  return out.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
}
function workspaceScan(roots, opts = {}) {
  const maxUnits = opts.maxUnits ?? 4096;
  const fs = opts.fs ?? nodeFs;
  const library = opts.libraryRoots ?? [];
  const all = library.length > 0 ? [...roots, ...library] : roots;
  const r = new Reader(
    fs,
    opts.facts ?? parserFacts,
    all,
    opts.projectDir ?? dirname6(roots[0]?.path ?? "."),
    opts.fileName ?? ((p) => p)
  );
  const units = [];
  const seen = /* @__PURE__ */ new Set();
  const swept = [];
  let total = 0;
  const reached = [];
  const reach = (file) => {
    if (file === void 0 || library.length === 0) return;
    const key = fs.realpath(file);
    if (seen.has(key)) return;
    seen.add(key);
    reached.push(file);
  };
  const follow = (facts) => {
    for (const child of facts.children) reach(r.resolve(child.segments));
    for (const use of facts.uses) reach(resolveUse(r, use));
    for (const ref of facts.qualified) reach(resolveQualified(r, ref));
  };
  for (const root of roots) {
    for (const rel2 of listBd2(root.path)) {
      const file = join5(root.path, ...rel2.split("/"));
      const key = fs.realpath(file);
      if (seen.has(key)) continue;
      seen.add(key);
      total++;
      if (total > maxUnits) continue;
      const read = r.read(file);
      if (!read) continue;
      if (rel2 === "Prelude.bd") {
        for (const child of read.facts.children)
          if (!r.resolve(child.segments)) r.missingChild(child, read.unit);
        if (library.length > 0) swept.push(read.facts);
        continue;
      }
      const named = r.name(file, read.facts, file === opts.entryFile);
      const module = named.module === "" ? rel2.slice(0, -".bd".length) : named.module;
      units.push({ module, rootIndex: named.rootIndex, ...read.unit });
      if (library.length > 0) swept.push(read.facts);
    }
  }
  if (library.length > 0) for (const segs of PRELUDE_MODULES) reach(r.resolve(segs));
  for (const facts of swept) follow(facts);
  for (let q = 0; q < reached.length; q++) {
    const read = r.read(reached[q]);
    if (!read) continue;
    const { module, rootIndex } = r.name(reached[q], read.facts, false);
    units.push({ module, rootIndex, ...read.unit });
    follow(read.facts);
  }
  if (total > maxUnits) {
    r.diagnostics.push(
      makeDiagnostic(
        "E3026",
        {
          detail: `${total} .bd files under the roots, max_units is ${maxUnits}`,
          help: "raise max_units or narrow the roots"
        },
        void 0
      )
    );
  }
  const entryIndex = opts.entryFile ? units.findIndex((u) => u.path === opts.entryFile) : -1;
  return { value: { roots: all, units, entryIndex, mode: "WorkspaceScan" }, diagnostics: r.diagnostics };
}

// src/version.ts
var VERSION = "0.2.0";

// src/pipeline/closure-snapshot.ts
import { readFileSync as readFileSync5 } from "node:fs";
import { join as join6 } from "node:path";
function recordingFs(base = nodeFs) {
  const probes = /* @__PURE__ */ new Map();
  const folders = /* @__PURE__ */ new Map();
  const reads = /* @__PURE__ */ new Map();
  const realpaths = /* @__PURE__ */ new Map();
  const isDir2 = base.isDir;
  const fs = {
    isFile(p) {
      const v = base.isFile(p);
      probes.set(p, v);
      return v;
    },
    ...isDir2 ? {
      isDir(p) {
        const v = isDir2(p);
        folders.set(p, v);
        return v;
      }
    } : {},
    readFile(p) {
      const bytes = base.readFile(p);
      reads.set(p, sha256Hex(bytes));
      return bytes;
    },
    realpath(p) {
      const v = base.realpath(p);
      realpaths.set(p, v);
      return v;
    }
  };
  return { fs, probes, folders, reads, realpaths };
}
function snapshotPath(dir, identity) {
  return join6(dir, `closure-${sha256Hex(`${VERSION}
${identity}`).slice(0, 16)}.json`);
}
function saveSnapshot(path, rec, assembly) {
  const sorted = (m) => [...m.entries()].sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const snap = {
    v: 2,
    toolchain: VERSION,
    probes: sorted(rec.probes),
    folders: sorted(rec.folders),
    reads: sorted(rec.reads),
    realpaths: sorted(rec.realpaths),
    units: assembly.units.map((u) => ({
      module: u.module,
      path: u.path,
      relPath: u.relPath,
      hash: u.hash,
      fileName: u.fileName,
      rootIndex: u.rootIndex
    })),
    entryIndex: assembly.entryIndex
  };
  writeFileAtomic(path, JSON.stringify(snap));
}
function loadValidSnapshot(path, roots, fs = nodeFs) {
  let snap;
  try {
    snap = JSON.parse(readFileSync5(path, "utf8"));
    if (snap.v !== 2 || snap.toolchain !== VERSION || !Array.isArray(snap.units)) return void 0;
    if (!Array.isArray(snap.folders)) return void 0;
  } catch {
    return void 0;
  }
  try {
    for (const [p, exists] of snap.probes) if (fs.isFile(p) !== exists) return void 0;
    const isDir2 = (p) => fs.isDir ? fs.isDir(p) : nodeFs.isDir(p);
    for (const [p, exists] of snap.folders) if (isDir2(p) !== exists) return void 0;
    for (const [p, real] of snap.realpaths) if (fs.realpath(p) !== real) return void 0;
    const texts = /* @__PURE__ */ new Map();
    const decoder = new TextDecoder("utf-8");
    for (const [p, hash] of snap.reads) {
      const bytes = fs.readFile(p);
      if (sha256Hex(bytes) !== hash) return void 0;
      texts.set(p, decoder.decode(bytes));
    }
    const hashes = new Map(snap.reads);
    if (!snap.units.every((u) => wellFormed(u) && hashes.get(u.path) === u.hash)) return void 0;
    if (!Number.isInteger(snap.entryIndex) || snap.entryIndex < 0 || snap.entryIndex >= snap.units.length)
      return void 0;
    const units = snap.units.map((u) => ({ ...u, text: texts.get(u.path) }));
    return { roots, units, entryIndex: snap.entryIndex, mode: "ImportClosure" };
  } catch {
    return void 0;
  }
}
function wellFormed(u) {
  return typeof u === "object" && u !== null && typeof u.module === "string" && typeof u.path === "string" && typeof u.relPath === "string" && typeof u.fileName === "string" && typeof u.hash === "string" && Number.isInteger(u.rootIndex);
}

// src/pipeline/frontend.ts
function unitName(plan, path) {
  const rel2 = relative6(plan.projectDir, path);
  if (!rel2.startsWith("..") && !isAbsolute3(rel2)) return rel2.split(sep6).join("/");
  for (const root of plan.roots) {
    const r = relative6(root.path, path);
    if (!r.startsWith("..") && !isAbsolute3(r)) return `${root.name}:${r.split(sep6).join("/")}`;
  }
  return path;
}
function displayPath(cwd, unitPaths, name) {
  const abs = unitPaths.get(name) ?? (isAbsolute3(name) ? name : void 0);
  if (abs === void 0) return name;
  const rel2 = relative6(cwd, abs);
  return rel2.startsWith("..") || isAbsolute3(rel2) ? abs : rel2.split(sep6).join("/");
}
function displayDiagnostics(cwd, unitPaths, diagnostics) {
  return diagnostics.map(
    (d) => d.file === void 0 ? d : { ...d, file: displayPath(cwd, unitPaths, d.file) }
  );
}
function hashFile(path) {
  try {
    return sha256Hex(readFileSync6(path));
  } catch {
    return "missing";
  }
}
function loweringOptions(command) {
  void command;
  return { tests: true, exports: true };
}
function displayTable(plan, assembly) {
  const table = /* @__PURE__ */ new Map();
  for (const u of assembly.units) table.set(u.fileName, originalOf(u.path, plan.graph));
  for (const root of plan.roots) {
    const prelude = join7(root.path, "Prelude.bd");
    table.set(unitName(plan, prelude), originalOf(prelude, plan.graph));
  }
  return table;
}
function baseKeyInputs(req) {
  return {
    toolchain: VERSION,
    schema: ARTIFACT_SCHEMA_VERSION,
    options: { ...loweringOptions(req.command) }
  };
}
function keyBaseOf(req) {
  return cacheKeyBase(baseKeyInputs(req));
}
function summaryOf(plan, unitCount) {
  return {
    projectDir: plan.projectDir,
    projectName: plan.projectName,
    manifestPath: plan.manifestPath ?? "",
    ...plan.target ? { target: { label: plan.target.label, kind: plan.target.kind } } : {},
    entryFile: plan.entryFile,
    inputs: plan.inputs,
    ...unitCount !== void 0 ? { unitCount } : {}
  };
}
function resolveProject(req, workspaceScanMode = false, snapshotDir, snapshotOnly = false) {
  const corelibRoot = req.corelibRoot ? resolvePath(req.cwd, req.corelibRoot) : bundledCorelibRoot();
  const planned = resolvePlan({
    cwd: req.cwd,
    lockMode: req.lockMode ?? "default",
    command: req.command,
    corelibRoot,
    ...req.project !== void 0 ? { project: req.project } : {},
    ...req.input !== void 0 ? { input: req.input } : {},
    ...req.target !== void 0 ? { target: req.target } : {},
    ...req.workspaceMember !== void 0 ? { workspaceMember: req.workspaceMember } : {}
  });
  const diagnostics = [...planned.diagnostics];
  const plan = planned.value;
  if (!plan || hasErrors(diagnostics)) return { diagnostics };
  const roots = plan.roots.map((r) => ({ name: r.name, path: r.path }));
  const fileName = (path) => unitName(plan, path);
  const snapshot = snapshotDir && !workspaceScanMode ? snapshotPath(snapshotDir(plan), JSON.stringify([plan.entryFile, roots])) : void 0;
  let assembly = snapshot ? loadValidSnapshot(snapshot, roots) : void 0;
  const closureFrom = assembly ? "snapshot" : "assembly";
  if (!assembly && snapshotOnly)
    return { planOnly: { plan, summary: summaryOf(plan, void 0), keyBase: keyBaseOf(req) }, diagnostics };
  let saveLater;
  if (!assembly) {
    const rec = recordingFs();
    const assembled = workspaceScanMode ? workspaceScan(
      plan.roots.filter((r) => r.kind !== "corelib").map((r) => ({ name: r.name, path: r.path })),
      {
        projectDir: plan.projectDir,
        entryFile: plan.entryFile,
        fileName,
        libraryRoots: plan.roots.filter((r) => r.kind === "corelib").map((r) => ({ name: r.name, path: r.path }))
      }
    ) : assembleImportClosure(
      { roots, entryFile: plan.entryFile, projectDir: plan.projectDir },
      { fileName, fs: rec.fs }
    );
    diagnostics.push(...assembled.diagnostics);
    assembly = assembled.value;
    if (hasErrors(diagnostics)) {
      const paths = displayTable(plan, assembly);
      return {
        diagnostics: diagnostics.map((d) => {
          const path = d.file === void 0 ? void 0 : paths.get(d.file);
          return path === void 0 ? d : { ...d, file: path };
        })
      };
    }
    const made = assembly;
    if (snapshot) {
      saveLater = () => {
        try {
          saveSnapshot(snapshot, rec, made);
        } catch {
        }
      };
    }
  }
  const unitPaths = displayTable(plan, assembly);
  const key = computeCacheKey({
    ...baseKeyInputs(req),
    units: assembly.units.map((u) => ({ module: `${u.module}@${u.fileName}`, hash: u.hash })),
    inputs: plan.inputs.map((p) => ({
      path: relative6(plan.projectDir, p).split(sep6).join("/"),
      hash: hashFile(p)
    }))
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
      ...saveLater ? { saveSnapshot: saveLater } : {}
    },
    diagnostics
  };
}
function defaultCacheDir(projectDir) {
  return join7(projectDir, "obj", "beskid", "cache");
}
function cacheDirFor(req, cache, plan) {
  return cache.dir ? resolvePath(req.cwd, cache.dir) : defaultCacheDir(plan.projectDir);
}
function resolveOnly(req, cache, opts = {}) {
  const snapshotDir = cache.enabled ? (plan) => cacheDirFor(req, cache, plan) : void 0;
  const { resolved, planOnly, diagnostics } = resolveProject(
    req,
    false,
    snapshotDir,
    opts.closure === "snapshot" && snapshotDir !== void 0
  );
  const shown = displayDiagnostics(req.cwd, resolved?.unitPaths ?? /* @__PURE__ */ new Map(), diagnostics);
  if (planOnly) {
    return {
      ok: !hasErrors(shown),
      diagnostics: shown,
      plan: planOnly.summary,
      keyBase: planOnly.keyBase,
      cacheDir: cacheDirFor(req, cache, planOnly.plan)
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
    resolved
  };
}
async function resolve5(req, cache, opts = {}) {
  const { resolved: _internal, ...result } = resolveOnly(req, cache, opts);
  return result;
}

export {
  resolvePlan,
  decodeSource,
  exactLength,
  dumpTree,
  treeToJson,
  parseFile,
  resolveModule,
  nodeFs,
  assembleImportClosure,
  workspaceScan,
  VERSION,
  unitName,
  displayPath,
  displayDiagnostics,
  loweringOptions,
  resolveProject,
  defaultCacheDir,
  resolveOnly,
  resolve5 as resolve
};
