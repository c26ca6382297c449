#!/usr/bin/env node
import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  AC_KEY_PATTERN,
  AC_MAX_BYTES,
  DIGEST_PATTERN,
  build,
  check,
  lower,
  parseAcDocument,
  parseShard,
  run,
  test
} from "./chunks/chunk-SNW2FUTX.js";
import {
  VERSION,
  assembleImportClosure,
  decodeSource,
  displayDiagnostics,
  dumpTree,
  parseFile,
  resolvePlan,
  treeToJson,
  workspaceScan
} from "./chunks/chunk-ALCSC2RJ.js";
import {
  tuneEngineForShortRuns
} from "./chunks/chunk-HMZJF4MD.js";
import {
  renderJunit,
  renderJunitError,
  renderTestJson,
  renderTestText,
  reportFailed
} from "./chunks/chunk-RLFFWNRO.js";
import {
  bundledCorelibRoot,
  hasErrors,
  makeDiagnostic,
  makeDirs,
  processAlive,
  renderTextAll,
  reportFilePath,
  sortDiagnostics,
  toJson,
  writeFileAtomic
} from "./chunks/chunk-F5FHHWWT.js";
import "./chunks/chunk-VRNN5J2J.js";

// src/cli/bin.ts
import { isatty } from "node:tty";

// src/cli/main.ts
import { parseArgs } from "node:util";
import { readFileSync as readFileSync4 } from "node:fs";

// src/cli/command.ts
var EXIT_OK = 0;
var EXIT_FAILURE = 1;
var EXIT_USAGE = 2;
function stringFlag(ctx, name) {
  const v = ctx.values[name];
  if (Array.isArray(v)) return v.length ? String(v[v.length - 1]) : void 0;
  return typeof v === "string" ? v : void 0;
}
function listFlag(ctx, name) {
  const v = ctx.values[name];
  const all = Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : [];
  return all.flatMap((x) => x.split(",")).map((x) => x.trim()).filter((x) => x.length > 0);
}
function boolFlag(ctx, name) {
  return ctx.values[name] === true;
}

// src/cli/commands/assemble.ts
import { relative, resolve, sep } from "node:path";
function rel(from, p) {
  const r = relative(from, p).split(sep).join("/");
  return r === "" ? "." : r;
}
var assembleCommand = {
  name: "assemble",
  summary: "resolve the project and list the source units of its import closure",
  usage: "assemble [input] [--project P] [--target T] [--workspace-member M] [--locked|--frozen] [--workspace-scan] [--max-units N] [--json]",
  flags: [
    {
      name: "--project P",
      help: "project folder or manifest (Project.proj, *.bproj, Workspace.proj, *.bws)"
    },
    { name: "--target T", help: "target label (default: the first App target, else the first target)" },
    { name: "--workspace-member M", help: "workspace member to use" },
    { name: "--locked", help: "fail if Project.lock is missing (E3023) or stale (E3022); never write it" },
    { name: "--frozen", help: "fail if Project.lock is missing or stale (E3023); never write it" },
    {
      name: "--workspace-scan",
      help: "list every .bd file under the project's own roots (not the corelib) instead of the import closure"
    },
    { name: "--max-units N", help: "cap for --workspace-scan (default 4096)" },
    { name: "--json", help: "machine-readable output" }
  ],
  options: {
    project: { type: "string" },
    target: { type: "string" },
    "workspace-member": { type: "string" },
    locked: { type: "boolean" },
    frozen: { type: "boolean" },
    "workspace-scan": { type: "boolean" },
    "max-units": { type: "string" },
    json: { type: "boolean" }
  },
  maxPositionals: 1,
  async run(ctx) {
    const json = boolFlag(ctx, "json");
    const maxUnitsText = stringFlag(ctx, "max-units");
    const maxUnits = maxUnitsText === void 0 ? void 0 : Number(maxUnitsText);
    if (maxUnits !== void 0 && !(Number.isInteger(maxUnits) && maxUnits > 0)) {
      return ctx.usage(`--max-units takes a positive integer, got '${maxUnitsText}'`);
    }
    const project = stringFlag(ctx, "project");
    const target = stringFlag(ctx, "target");
    const member = stringFlag(ctx, "workspace-member");
    const input = ctx.positionals[0];
    const corelib = ctx.env.BESKID_CORELIB_ROOT;
    const planned = resolvePlan({
      cwd: ctx.cwd,
      ...project !== void 0 ? { project } : {},
      ...input !== void 0 ? { input } : {},
      ...target !== void 0 ? { target } : {},
      ...member !== void 0 ? { workspaceMember: member } : {},
      lockMode: boolFlag(ctx, "frozen") ? "frozen" : boolFlag(ctx, "locked") ? "locked" : "default",
      corelibRoot: corelib ? resolve(ctx.cwd, corelib) : bundledCorelibRoot(),
      command: "assemble"
    });
    const diagnostics = [...planned.diagnostics];
    const plan = planned.value;
    const assembled = plan ? boolFlag(ctx, "workspace-scan") ? (
      // Like `check --workspace`: the project's own roots swept, the corelib's used modules.
      workspaceScan(
        plan.roots.filter((r) => r.kind !== "corelib"),
        {
          projectDir: plan.projectDir,
          entryFile: plan.entryFile,
          libraryRoots: plan.roots.filter((r) => r.kind === "corelib"),
          ...maxUnits ? { maxUnits } : {}
        }
      )
    ) : assembleImportClosure(plan) : void 0;
    if (assembled) diagnostics.push(...assembled.diagnostics);
    const sorted = sortDiagnostics(displayDiagnostics(ctx.cwd, /* @__PURE__ */ new Map(), diagnostics));
    const failed = hasErrors(sorted);
    if (json) {
      const out = {
        ...plan ? {
          project: {
            name: plan.projectName,
            ...plan.manifestPath ? { manifest: rel(plan.projectDir, plan.manifestPath) } : {}
          },
          ...plan.target ? { target: { label: plan.target.label, kind: plan.target.kind } } : {},
          entry: rel(plan.projectDir, plan.entryFile),
          roots: plan.roots.map((r) => ({
            name: r.name,
            kind: r.kind,
            path: rel(plan.projectDir, r.path)
          }))
        } : {},
        ...assembled ? {
          mode: assembled.value.mode,
          entryIndex: assembled.value.entryIndex,
          units: assembled.value.units.map((u) => ({ module: u.module, path: u.relPath, hash: u.hash }))
        } : {},
        diagnostics: sorted.map(toJson)
      };
      ctx.stdout.write(JSON.stringify(out, null, 2) + "\n");
      return failed ? EXIT_FAILURE : EXIT_OK;
    }
    ctx.report(sorted);
    if (plan) {
      const lines = [
        `project  ${plan.projectName}${plan.projectType ? ` (${plan.projectType})` : ""}${plan.manifestPath ? `  ${rel(ctx.cwd, plan.manifestPath)}` : ""}`
      ];
      if (plan.workspace)
        lines.push(
          `workspace ${plan.workspace.name}${plan.workspace.member ? `  member ${plan.workspace.member}` : ""}`
        );
      if (plan.target) lines.push(`target   ${plan.target.label} (${plan.target.kind})`);
      lines.push(`entry    ${rel(plan.projectDir, plan.entryFile)}`);
      if (plan.lock) lines.push(`lock     ${rel(ctx.cwd, plan.lock.path)} (${plan.lock.action})`);
      lines.push("roots");
      plan.roots.forEach(
        (r, i) => lines.push(`  ${i + 1}. ${r.name} [${r.kind}]  ${rel(plan.projectDir, r.path)}`)
      );
      if (assembled) {
        const a = assembled.value;
        lines.push(`mode     ${a.mode}`, `units    ${a.units.length}`);
        const width = Math.max(6, ...a.units.map((u) => u.module.length));
        a.units.forEach(
          (u, i) => lines.push(
            `  ${i === a.entryIndex ? "*" : " "} ${u.module.padEnd(width)}  ${u.relPath}  ${u.hash.slice(0, 12)}`
          )
        );
      }
      ctx.stdout.write(lines.join("\n") + "\n");
    }
    return failed ? EXIT_FAILURE : EXIT_OK;
  }
};

// src/cli/project-flags.ts
var PROJECT_OPTIONS = {
  project: { type: "string", short: "p" },
  target: { type: "string", short: "t" },
  "workspace-member": { type: "string" },
  locked: { type: "boolean" },
  frozen: { type: "boolean" },
  json: { type: "boolean" }
};
var CACHE_OPTIONS = {
  "no-cache": { type: "boolean" },
  "cache-dir": { type: "string" },
  "remote-cache": { type: "string" }
};
var PROJECT_FLAG_HELP = [
  {
    name: "--project, -p P",
    help: "project folder or manifest (default: nearest manifest above the input or cwd)"
  },
  { name: "--target, -t T", help: "target label (default: the first App target, else the first target)" },
  { name: "--workspace-member M", help: "workspace member to use" },
  { name: "--locked", help: "fail if Project.lock is missing (E3023) or stale (E3022)" },
  { name: "--frozen", help: "like --locked, and never write Project.lock (E3023)" },
  { name: "--json", help: "print results and diagnostics as JSON" }
];
var CACHE_FLAG_HELP = [
  { name: "--no-cache", help: "do not read or write the lowered-artifact cache" },
  { name: "--cache-dir DIR", help: "local cache folder (default: <project>/obj/beskid/cache)" },
  { name: "--remote-cache URL", help: "remote cache service (token from BESKID_CACHE_TOKEN)" }
];
function projectRequest(ctx, command) {
  const input = ctx.positionals[0];
  const project = stringFlag(ctx, "project");
  const target = stringFlag(ctx, "target");
  const member = stringFlag(ctx, "workspace-member");
  const corelib = ctx.env.BESKID_CORELIB_ROOT;
  return {
    cwd: ctx.cwd,
    command,
    lockMode: boolFlag(ctx, "frozen") ? "frozen" : boolFlag(ctx, "locked") ? "locked" : "default",
    ...input !== void 0 ? { input } : {},
    ...project !== void 0 ? { project } : {},
    ...target !== void 0 ? { target } : {},
    ...member !== void 0 ? { workspaceMember: member } : {},
    ...corelib ? { corelibRoot: corelib } : {}
  };
}
function cacheRequest(ctx) {
  const dir = stringFlag(ctx, "cache-dir");
  const remote = stringFlag(ctx, "remote-cache") ?? ctx.env.BESKID_REMOTE_CACHE_URL;
  const token = ctx.env.BESKID_CACHE_TOKEN;
  return {
    enabled: !boolFlag(ctx, "no-cache"),
    ...dir !== void 0 ? { dir } : {},
    ...remote ? { remote: { url: remote, ...token ? { token } : {} } } : {},
    warn: (message) => ctx.stderr.write(`warning: ${message}
`)
  };
}

// src/cli/commands/build.ts
var KINDS = ["exe", "shared", "static", "object", "wasm"];
var buildCommand = {
  name: "build",
  summary: "compile ahead of time into exe, shared, static, object or wasm outputs",
  usage: "build [input] [--project P] [--target T] [--kind K]... [--output PATH] [--release] [--entrypoint NAME] [--export SYM]... [--json]",
  flags: [
    ...PROJECT_FLAG_HELP,
    {
      name: "--kind K",
      help: "exe | shared | static | object | wasm (repeatable; default from the target kind)"
    },
    { name: "--output PATH", help: "output file (one kind) or folder (default obj/beskid/build/<target>/)" },
    { name: "--release", help: "optimise (-O2) instead of a debug build" },
    { name: "--entrypoint NAME", help: "entry function for exe (default main/Main)" },
    { name: "--export SYM", help: "export only these pub functions from libraries (repeatable)" },
    ...CACHE_FLAG_HELP
  ],
  options: {
    ...PROJECT_OPTIONS,
    ...CACHE_OPTIONS,
    kind: { type: "string", multiple: true },
    output: { type: "string", short: "o" },
    release: { type: "boolean" },
    entrypoint: { type: "string" },
    export: { type: "string", multiple: true }
  },
  maxPositionals: 1,
  async run(ctx) {
    const kinds = [...new Set(listFlag(ctx, "kind"))];
    const bad = kinds.filter((k) => !KINDS.includes(k));
    if (bad.length) {
      return ctx.usage(`unknown output kind '${bad[0]}' (expected one of ${KINDS.join(", ")})`);
    }
    const output = stringFlag(ctx, "output");
    if (output === "") {
      return ctx.usage("--output needs a file or folder path");
    }
    const entrypoint = stringFlag(ctx, "entrypoint");
    const exports = listFlag(ctx, "export");
    const r = await build(
      projectRequest(ctx, "build"),
      cacheRequest(ctx),
      {
        release: boolFlag(ctx, "release"),
        ...kinds.length ? { kinds } : {},
        ...output !== void 0 ? { output } : {},
        ...entrypoint !== void 0 ? { entrypoint } : {},
        ...exports.length ? { exports } : {}
      },
      ctx.env
    );
    if (boolFlag(ctx, "json")) {
      ctx.stdout.write(
        JSON.stringify({ ok: r.ok, outputs: r.outputs, diagnostics: r.diagnostics.map(toJson) }, null, 2) + "\n"
      );
      return r.ok ? EXIT_OK : EXIT_FAILURE;
    }
    ctx.report(r.diagnostics);
    for (const o of r.outputs)
      ctx.stdout.write(`${o.kind.padEnd(6)} ${o.path}  ${o.bytes} bytes  sha256:${o.sha256}
`);
    return r.ok ? EXIT_OK : EXIT_FAILURE;
  }
};

// src/cli/commands/check.ts
var checkCommand = {
  name: "check",
  aliases: ["analyze"],
  summary: "type-check a project (or one file) and print its diagnostics",
  usage: "check [input] [--project P] [--target T] [--workspace-member M] [--locked|--frozen] [--workspace] [--json]",
  flags: [
    ...PROJECT_FLAG_HELP,
    { name: "--workspace", help: "check every .bd file under the roots, not only the import closure" }
  ],
  options: { ...PROJECT_OPTIONS, workspace: { type: "boolean" } },
  maxPositionals: 1,
  async run(ctx) {
    const result = check(projectRequest(ctx, "check"), { workspace: boolFlag(ctx, "workspace") });
    if (boolFlag(ctx, "json")) {
      ctx.stdout.write(
        JSON.stringify({ ok: result.ok, diagnostics: result.diagnostics.map(toJson) }, null, 2) + "\n"
      );
    } else if (result.diagnostics.length === 0) {
      ctx.stdout.write("No diagnostics.\n");
    } else {
      ctx.report(result.diagnostics);
    }
    return result.ok ? EXIT_OK : EXIT_FAILURE;
  }
};

// src/cli/commands/lower.ts
var lowerCommand = {
  name: "lower",
  summary: "lower a project to its CodegenArtifact (cached) and print path, key and sha256",
  usage: "lower [input] [--project P] [--target T] [--workspace-member M] [--locked|--frozen] [--no-cache] [--json]",
  flags: [...PROJECT_FLAG_HELP, ...CACHE_FLAG_HELP],
  options: { ...PROJECT_OPTIONS, ...CACHE_OPTIONS },
  maxPositionals: 1,
  async run(ctx) {
    const r = await lower(projectRequest(ctx, "lower"), cacheRequest(ctx));
    if (boolFlag(ctx, "json")) {
      ctx.stdout.write(
        JSON.stringify(
          {
            ok: r.ok,
            artifact: r.artifact ?? null,
            cache: { key: r.cacheKey?.key ?? null, components: r.cacheKey?.components ?? null, ...r.cache },
            diagnostics: r.diagnostics.map(toJson)
          },
          null,
          2
        ) + "\n"
      );
      return r.ok ? EXIT_OK : EXIT_FAILURE;
    }
    ctx.report(r.diagnostics);
    if (!r.ok || !r.artifact) return EXIT_FAILURE;
    ctx.stdout.write(`artifact: ${r.artifact.path || "(not stored: no local cache)"}
`);
    ctx.stdout.write(`sha256:   ${r.artifact.sha256}
`);
    ctx.stdout.write(`bytes:    ${r.artifact.bytes}
`);
    ctx.stdout.write(`key:      ${r.cacheKey?.key ?? "-"}
`);
    ctx.stdout.write(`cache:    ${r.cache.hit ? `hit (${r.cache.source})` : "miss"}
`);
    return EXIT_OK;
  }
};

// src/cli/commands/parse.ts
import { readFileSync } from "node:fs";
import { isAbsolute, resolve as resolve2 } from "node:path";
var parseCommand = {
  name: "parse",
  summary: "parse one .bd file and print its syntax tree or its syntax errors",
  usage: "parse <file.bd> [--json]",
  flags: [{ name: "--json", help: "print {file, ok, diagnostics, tree} as JSON instead of the tree dump" }],
  options: { json: { type: "boolean" } },
  maxPositionals: 1,
  async run(ctx) {
    const file = ctx.positionals[0];
    if (file === void 0) {
      return ctx.usage("missing the file to parse");
    }
    const json = boolFlag(ctx, "json");
    let bytes;
    try {
      bytes = readFileSync(isAbsolute(file) ? file : resolve2(ctx.cwd, file));
    } catch (e) {
      const reason = e.code === "ENOENT" ? "no such file" : e.message;
      ctx.report([makeDiagnostic("E9001", { detail: `${file}: ${reason}` }, { file })]);
      return EXIT_FAILURE;
    }
    const decoded = decodeSource(bytes, file);
    const parsed = parseFile(decoded.text, file);
    const diagnostics = [...decoded.diagnostics, ...parsed.diagnostics];
    const failed = hasErrors(diagnostics);
    if (json) {
      ctx.stdout.write(
        `{
"file": ${JSON.stringify(file)},
"ok": ${!failed},
"diagnostics": ${JSON.stringify(diagnostics.map(toJson))},
"tree": ${treeToJson(parsed.tree)}
}
`
      );
      return failed ? EXIT_FAILURE : EXIT_OK;
    }
    if (!failed) ctx.stdout.write(dumpTree(parsed.tree));
    ctx.report(diagnostics);
    return failed ? EXIT_FAILURE : EXIT_OK;
  }
};

// src/cli/commands/run.ts
var runCommand = {
  name: "run",
  summary: "run a program's entry point through the JIT (exit code = main's result)",
  usage: "run [input] [--project P] [--target T] [--entrypoint NAME] [--no-cache] [-- args...]",
  flags: [
    ...PROJECT_FLAG_HELP.filter((f) => !f.name.startsWith("--json")),
    { name: "--entrypoint NAME", help: "function to run instead of main/Main" },
    ...CACHE_FLAG_HELP
  ],
  options: { ...PROJECT_OPTIONS, ...CACHE_OPTIONS, entrypoint: { type: "string" } },
  maxPositionals: 1,
  async run(ctx) {
    if (boolFlag(ctx, "json"))
      return ctx.usage(
        "`run` has no --json: stdout is the program's output (use `check --json` for diagnostics)"
      );
    const entrypoint = stringFlag(ctx, "entrypoint");
    let shown = 0;
    const r = await run(projectRequest(ctx, "run"), cacheRequest(ctx), {
      beforeRun: (compile) => {
        ctx.report(compile);
        shown = compile.length;
      },
      args: ctx.passthrough,
      env: ctx.env,
      stdout: ctx.stdout,
      stderr: ctx.stderr,
      stdin: 0,
      ttys: ctx.ttys,
      ...entrypoint !== void 0 ? { entrypoint } : {}
    });
    ctx.report(r.diagnostics.slice(shown));
    return r.exitCode ?? EXIT_FAILURE;
  }
};

// src/cli/commands/serve.ts
import { resolve as resolve3 } from "node:path";

// src/service/server.ts
import { createHash as createHash2 } from "node:crypto";
import { createReadStream, createWriteStream, rmSync as rmSync2 } from "node:fs";
import { open, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { finished, pipeline } from "node:stream/promises";

// src/service/auth.ts
import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync as readFileSync2, statSync } from "node:fs";
var MIN_TOKEN_LENGTH = 16;
function hashToken(token) {
  return createHash("sha256").update(token, "utf8").digest();
}
function parseTokens(text) {
  const tokens = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const parts = line.split(/\s+/);
    if (parts.length < 2 || parts.length > 3) {
      return { ok: false, error: `line ${i + 1}: expected '<r|rw> <token> [name]'` };
    }
    const [r, token, name] = parts;
    const rights = r === "r" || r === "read" ? "read" : r === "rw" || r === "read-write" ? "read-write" : void 0;
    if (!rights) return { ok: false, error: `line ${i + 1}: rights must be 'r' or 'rw'` };
    if (token.length < MIN_TOKEN_LENGTH) {
      return { ok: false, error: `line ${i + 1}: a token must have at least ${MIN_TOKEN_LENGTH} characters` };
    }
    tokens.push({ rights, hash: hashToken(token), name: name ?? `token-line-${i + 1}` });
  }
  return { ok: true, tokens };
}
function loadTokensFile(path) {
  let text;
  try {
    text = readFileSync2(path, "utf8");
  } catch (e) {
    return {
      ok: false,
      error: `cannot read tokens file: ${e.code ?? e.message}`
    };
  }
  const parsed = parseTokens(text);
  if (!parsed.ok) return parsed;
  let mode = 0;
  try {
    mode = statSync(path).mode;
  } catch {
  }
  if (mode & 63) {
    return {
      ...parsed,
      warning: `tokens file is readable by other users (mode ${(mode & 511).toString(8)}); chmod 600 it`
    };
  }
  return parsed;
}
function findToken(tokens, presented) {
  const h = hashToken(presented);
  let found;
  for (const t of tokens) {
    if (timingSafeEqual(t.hash, h) && !found) found = t;
  }
  return found;
}
function authorize(policy, authorization, write) {
  let who = "anonymous";
  let rights;
  if (authorization !== void 0) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!m)
      return {
        allowed: false,
        status: 401,
        message: "malformed Authorization header (expected 'Bearer <token>')"
      };
    if (policy.tokens) {
      const entry = findToken(policy.tokens, m[1]);
      if (!entry) return { allowed: false, status: 401, message: "unknown token" };
      who = entry.name;
      rights = entry.rights;
    }
  }
  if (!policy.tokens) {
    if (write && policy.readOnly) return { allowed: false, status: 403, message: "the server is read-only" };
    return { allowed: true, who };
  }
  if (rights === void 0) {
    if (!write && policy.allowAnonymousReads) return { allowed: true, who };
    return { allowed: false, status: 401, message: "a bearer token is required" };
  }
  if (write) {
    if (policy.readOnly) return { allowed: false, status: 403, message: "the server is read-only" };
    if (rights !== "read-write") return { allowed: false, status: 403, message: "this token may only read" };
  }
  return { allowed: true, who };
}

// src/service/store.ts
import { randomBytes } from "node:crypto";
import {
  mkdirSync,
  readFileSync as readFileSync3,
  readdirSync,
  renameSync,
  rmSync,
  statSync as statSync2,
  unlinkSync,
  utimesSync,
  writeFileSync
} from "node:fs";
import { join } from "node:path";
var HOT_ITEM_MAX = 1024 * 1024;
var DiskStore = class _DiskStore {
  constructor(opts) {
    this.opts = opts;
    this.tmpDir = join(opts.dir, "tmp");
  }
  opts;
  entries = /* @__PURE__ */ new Map();
  total = 0;
  /** Entries holding `hot` buffers, least recently used first. */
  hot = /* @__PURE__ */ new Map();
  hotTotal = 0;
  tmpDir;
  /** Opens (creating) a data folder: cleans temporaries, rebuilds the index. */
  static open(opts) {
    const store = new _DiskStore(opts);
    try {
      store.prepare();
    } catch (e) {
      store.close();
      throw e;
    }
    return store;
  }
  get bytes() {
    return this.total;
  }
  get count() {
    return this.entries.size;
  }
  countOf(kind) {
    let entries = 0;
    let bytes = 0;
    for (const e of this.entries.values()) {
      if (e.kind === kind) {
        entries++;
        bytes += e.size;
      }
    }
    return { entries, bytes };
  }
  pathOf(kind, name) {
    return kind === "cas" ? join(this.opts.dir, "cas", name.slice(0, 2), name) : join(this.opts.dir, "ac", name);
  }
  /** A fresh temporary path in the data folder (same file system as the entries). */
  tempPath() {
    return join(this.tmpDir, `${randomBytes(8).toString("hex")}.part`);
  }
  /** Size of an entry without marking it used (HEAD). */
  peek(kind, name) {
    return this.entries.get(`${kind}/${name}`)?.size;
  }
  /** Looks an entry up and marks it most recently used (in both tiers). */
  use(kind, name) {
    const id = `${kind}/${name}`;
    const e = this.entries.get(id);
    if (!e) return void 0;
    this.entries.delete(id);
    this.entries.set(id, e);
    if (e.hot) {
      this.hot.delete(id);
      this.hot.set(id, e);
    }
    const now = this.opts.clock();
    if (now - e.touchedAt >= this.opts.touchIntervalMs) {
      e.touchedAt = now;
      try {
        const t = new Date(now);
        utimesSync(this.pathOf(kind, name), t, t);
      } catch {
      }
    }
    return e;
  }
  /** Keeps an entry's bytes in memory, unless it was replaced or evicted meanwhile. */
  remember(e, bytes) {
    const id = `${e.kind}/${e.name}`;
    if (e.hot || bytes.length > HOT_ITEM_MAX || bytes.length > this.opts.hotBytes) return;
    if (this.entries.get(id) !== e || bytes.length !== e.size) return;
    e.hot = bytes;
    this.hot.set(id, e);
    this.hotTotal += bytes.length;
    for (const [hid, h] of this.hot) {
      if (this.hotTotal <= this.opts.hotBytes) break;
      this.cool(hid, h);
    }
  }
  cool(id, e) {
    if (!e.hot) return;
    this.hotTotal -= e.hot.length;
    e.hot = void 0;
    this.hot.delete(id);
  }
  /** Bytes held by the memory tier. */
  get memoryBytes() {
    return this.hotTotal;
  }
  /** Drops an index entry whose file turned out to be missing. */
  forget(kind, name) {
    const id = `${kind}/${name}`;
    const e = this.entries.get(id);
    if (!e) return;
    this.cool(id, e);
    this.entries.delete(id);
    this.total -= e.size;
  }
  /**
   * Removes an entry whose bytes on disk do not match its name, unless it was replaced
   * meanwhile (then the newer entry stays). Returns whether it was removed.
   */
  discard(e) {
    const id = `${e.kind}/${e.name}`;
    if (this.entries.get(id) !== e) return false;
    this.forget(e.kind, e.name);
    try {
      unlinkSync(this.pathOf(e.kind, e.name));
    } catch {
    }
    return true;
  }
  /**
   * Moves a finished temporary file into place as the entry, then evicts down to the
   * maximum size (never the entry just written).
   */
  commit(kind, name, tmp, size, bytes) {
    const id = `${kind}/${name}`;
    const path = this.pathOf(kind, name);
    const existing = this.entries.get(id);
    if (existing && kind === "cas") {
      rmSync(tmp, { force: true });
      this.use(kind, name);
      return { created: false, evicted: 0 };
    }
    renameSync(tmp, path);
    const now = this.opts.clock();
    try {
      const t = new Date(now);
      utimesSync(path, t, t);
    } catch {
    }
    if (existing) {
      this.cool(id, existing);
      this.total -= existing.size;
      this.entries.delete(id);
    }
    const entry = { kind, name, size, touchedAt: now, verified: true };
    this.entries.set(id, entry);
    this.total += size;
    const evicted = this.evict(id);
    if (bytes) this.remember(entry, bytes);
    return { created: !existing, evicted };
  }
  /** Removes least-recently-used entries until the store fits; returns how many went. */
  evict(keep) {
    let evicted = 0;
    if (this.total <= this.opts.maxSize) return 0;
    for (const [id, e] of this.entries) {
      if (this.total <= this.opts.maxSize) break;
      if (id === keep) continue;
      this.cool(id, e);
      this.entries.delete(id);
      this.total -= e.size;
      try {
        unlinkSync(this.pathOf(e.kind, e.name));
      } catch {
      }
      evicted++;
    }
    if (evicted)
      this.opts.logger.info(
        `evicted ${evicted} entr${evicted === 1 ? "y" : "ies"}; store holds ${this.total} bytes`
      );
    return evicted;
  }
  /** Releases the data folder's lock (idempotent). */
  close() {
    const lock = join(this.opts.dir, "lock");
    try {
      if (readFileSync3(lock, "utf8").trim() === String(process.pid)) unlinkSync(lock);
    } catch {
    }
  }
  lock() {
    const lock = join(this.opts.dir, "lock");
    try {
      writeFileSync(lock, `${process.pid}
`, { flag: "wx" });
      return;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
    const owner = Number(readFileSync3(lock, "utf8").trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
      throw new Error(
        `data folder ${this.opts.dir} is in use by process ${owner} (one server per data folder)`
      );
    }
    this.opts.logger.warn(`taking over the data folder's lock from process ${owner || "?"}, which is gone`);
    writeFileSync(lock, `${process.pid}
`);
  }
  prepare() {
    const { dir } = this.opts;
    makeDirs(dir);
    this.lock();
    let leftovers = 0;
    try {
      leftovers = readdirSync(this.tmpDir).length;
    } catch {
    }
    rmSync(this.tmpDir, { recursive: true, force: true });
    if (leftovers)
      this.opts.logger.warn(`removed ${leftovers} unfinished upload(s) left by an earlier process`);
    mkdirSync(this.tmpDir, { recursive: true });
    mkdirSync(join(dir, "ac"), { recursive: true });
    for (let i = 0; i < 256; i++)
      mkdirSync(join(dir, "cas", i.toString(16).padStart(2, "0")), { recursive: true });
    const found = [];
    let removed = 0;
    const consider = (kind, folder, name, valid) => {
      const path = join(folder, name);
      let st;
      try {
        st = statSync2(path);
      } catch {
        return;
      }
      if (!valid || !st.isFile()) {
        rmSync(path, { recursive: true, force: true });
        removed++;
        return;
      }
      found.push({
        entry: { kind, name, size: st.size, touchedAt: st.mtimeMs, verified: false },
        mtime: st.mtimeMs
      });
    };
    const acDir = join(dir, "ac");
    for (const name of readdirSync(acDir)) consider("ac", acDir, name, AC_KEY_PATTERN.test(name));
    const casDir = join(dir, "cas");
    for (const sub of readdirSync(casDir)) {
      const subDir = join(casDir, sub);
      if (!/^[0-9a-f]{2}$/.test(sub)) {
        rmSync(subDir, { recursive: true, force: true });
        removed++;
        continue;
      }
      for (const name of readdirSync(subDir))
        consider("cas", subDir, name, DIGEST_PATTERN.test(name) && name.startsWith(sub));
    }
    found.sort((a, b) => a.mtime - b.mtime);
    for (const { entry } of found) {
      this.entries.set(`${entry.kind}/${entry.name}`, entry);
      this.total += entry.size;
    }
    if (removed) this.opts.logger.warn(`removed ${removed} stray file(s) from the data folder`);
    this.evict("");
  }
};

// src/service/server.ts
var SMALL_READ = 1024 * 1024;
var DRAIN_LIMIT = 64 * 1024;
var DEFAULT_MEMORY_CACHE = 64 * 1024 * 1024;
var SILENT = { info() {
}, warn() {
}, error() {
} };
async function startServer(config) {
  if (config.maxBlobSize > config.maxSize) {
    throw new Error(`max blob size (${config.maxBlobSize}) is larger than max size (${config.maxSize})`);
  }
  const clock = config.clock ?? Date.now;
  const logger = config.logger ?? SILENT;
  const store = DiskStore.open({
    dir: config.dataDir,
    maxSize: config.maxSize,
    clock,
    logger,
    touchIntervalMs: config.touchIntervalMs ?? 6e4,
    hotBytes: config.memoryCacheSize ?? DEFAULT_MEMORY_CACHE
  });
  const policy = {
    tokens: config.tokens,
    readOnly: config.readOnly,
    allowAnonymousReads: config.allowAnonymousReads
  };
  const counters = { hits: 0, misses: 0 };
  const startedAt = clock();
  const version = config.version ?? VERSION;
  let shuttingDown = false;
  const awaitingContinue = /* @__PURE__ */ new WeakSet();
  const onRequest = (req, res) => {
    const t0 = performance.now();
    if (logger.debug) {
      res.once("finish", () => {
        logger.debug(`${req.method} ${req.url} ${res.statusCode} ${(performance.now() - t0).toFixed(1)}ms`);
      });
    }
    handle(req, res).catch((e) => {
      logger.error(`internal error on ${req.method} ${req.url}: ${e.message}`);
      if (!res.headersSent) sendJson(req, res, 500, { error: "internal error" });
      else res.destroy();
    });
  };
  const server = createServer(
    // Large uploads on slow links must not hit Node's 5-minute default request timeout.
    { requestTimeout: 30 * 6e4, headersTimeout: 6e4, keepAliveTimeout: 5e3 },
    onRequest
  );
  server.on("checkContinue", (req, res) => {
    awaitingContinue.add(req);
    onRequest(req, res);
  });
  function go(req, res) {
    if (awaitingContinue.delete(req)) res.writeContinue();
  }
  function sendJson(req, res, status, body, extra) {
    const text = JSON.stringify(body) + "\n";
    const headers = {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      ...extra
    };
    settleBody(req, headers);
    res.writeHead(status, headers);
    res.end(req.method === "HEAD" ? void 0 : text);
  }
  function settleBody(req, headers) {
    if (shuttingDown) headers.connection = "close";
    if (req.complete || req.readableEnded) return;
    if (awaitingContinue.has(req)) {
      headers.connection = "close";
      return;
    }
    if (req.headers["content-length"] === void 0 && req.headers["transfer-encoding"] === void 0) return;
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (Number.isFinite(declared) && declared <= DRAIN_LIMIT) req.resume();
    else {
      headers.connection = "close";
      req.resume();
    }
  }
  async function handle(req, res) {
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const path = q < 0 ? raw : raw.slice(0, q);
    const method = req.method ?? "GET";
    if (path === "/healthz") {
      if (method !== "GET" && method !== "HEAD") return methodNotAllowed(req, res, "GET, HEAD");
      return sendJson(req, res, 200, { ok: true });
    }
    if (path === "/status") {
      if (method !== "GET" && method !== "HEAD") return methodNotAllowed(req, res, "GET, HEAD");
      const auth2 = authorize(policy, req.headers.authorization, false);
      if (!auth2.allowed) return refuse(req, res, auth2.status, auth2.message);
      return sendJson(req, res, 200, {
        version,
        bytes: store.bytes,
        entries: store.count,
        maxSize: config.maxSize,
        maxBlobSize: config.maxBlobSize,
        hits: counters.hits,
        misses: counters.misses,
        memoryBytes: store.memoryBytes,
        cas: store.countOf("cas"),
        ac: store.countOf("ac"),
        readOnly: config.readOnly,
        uptimeSeconds: Math.floor((clock() - startedAt) / 1e3)
      });
    }
    let kind;
    let name;
    if (path.startsWith("/cache/cas/")) {
      kind = "cas";
      name = path.slice("/cache/cas/".length);
    } else if (path.startsWith("/cache/ac/")) {
      kind = "ac";
      name = path.slice("/cache/ac/".length);
    } else {
      return sendJson(req, res, 404, { error: "no such endpoint" });
    }
    const write = method === "PUT";
    if (!write && method !== "GET" && method !== "HEAD") return methodNotAllowed(req, res, "GET, HEAD, PUT");
    const auth = authorize(policy, req.headers.authorization, write);
    if (!auth.allowed) return refuse(req, res, auth.status, auth.message);
    const valid = kind === "cas" ? DIGEST_PATTERN.test(name) : AC_KEY_PATTERN.test(name);
    if (!valid) {
      return sendJson(req, res, 400, {
        error: kind === "cas" ? "a CAS name is a lowercase hex sha256" : "an AC key is 1-200 of [A-Za-z0-9._-], not starting with '.'"
      });
    }
    if (write) return kind === "cas" ? putCas(req, res, name) : putAc(req, res, name);
    return read(req, res, kind, name);
  }
  function methodNotAllowed(req, res, allow) {
    sendJson(req, res, 405, { error: `method not allowed (allowed: ${allow})` }, { allow });
  }
  function refuse(req, res, status, message) {
    const extra = {};
    if (status === 401) extra["www-authenticate"] = 'Bearer realm="beskid-ci cache"';
    sendJson(req, res, status, { error: message }, extra);
  }
  function tooLarge(req, res, limit) {
    sendJson(req, res, 413, { error: `body larger than ${limit} bytes` });
  }
  async function read(req, res, kind, name) {
    const isGet = req.method === "GET";
    const entry = store.use(kind, name);
    if (entry === void 0) {
      if (isGet) counters.misses++;
      return sendJson(req, res, 404, { error: "not found" });
    }
    const file = store.pathOf(kind, name);
    let buf;
    if (!entry.verified) {
      let intact;
      try {
        if (entry.size <= SMALL_READ || kind === "ac") {
          buf = await readFile(file);
          intact = kind === "cas" ? sha256(buf) === name : parseAcDocument(buf.toString("utf8")).ok;
        } else {
          intact = await hashFile(file) === name;
        }
      } catch {
        return gone(req, res, kind, name);
      }
      if (!intact) {
        if (store.discard(entry))
          logger.warn(`removed corrupt ${kind} entry ${name}: its bytes on disk do not match its name`);
        if (isGet) counters.misses++;
        return sendJson(req, res, 404, { error: "not found" });
      }
      entry.verified = true;
    }
    const contentType = kind === "cas" ? "application/octet-stream" : "application/json";
    const headers = { "content-type": contentType };
    if (kind === "cas") headers.etag = `"${name}"`;
    settleBody(req, headers);
    if (!isGet) {
      headers["content-length"] = entry.size;
      res.writeHead(200, headers);
      res.end();
      return;
    }
    if (entry.hot) {
      counters.hits++;
      headers["content-length"] = entry.hot.length;
      res.writeHead(200, headers);
      res.end(entry.hot);
      return;
    }
    if (buf === void 0 && entry.size <= SMALL_READ) {
      try {
        buf = await readFile(file);
      } catch {
        return gone(req, res, kind, name);
      }
    }
    if (buf !== void 0) {
      store.remember(entry, buf);
      counters.hits++;
      headers["content-length"] = buf.length;
      res.writeHead(200, headers);
      res.end(buf);
      return;
    }
    let fh;
    try {
      fh = await open(file, "r");
    } catch {
      return gone(req, res, kind, name);
    }
    try {
      const st = await fh.stat();
      counters.hits++;
      headers["content-length"] = st.size;
      res.writeHead(200, headers);
      await pipeline(fh.createReadStream({ autoClose: false, highWaterMark: 256 * 1024 }), res);
    } catch {
      res.destroy();
    } finally {
      await fh.close().catch(() => void 0);
    }
  }
  function gone(req, res, kind, name) {
    store.forget(kind, name);
    counters.misses++;
    sendJson(req, res, 404, { error: "not found" });
  }
  async function putCas(req, res, digest) {
    const limit = config.maxBlobSize;
    const declared = req.headers["content-length"];
    if (declared !== void 0 && Number(declared) > limit) return tooLarge(req, res, limit);
    if (declared !== void 0 && Number(declared) <= SMALL_READ) return putSmallCas(req, res, digest, limit);
    const tmp = store.tempPath();
    const file = createWriteStream(tmp, { flags: "wx", highWaterMark: 1024 * 1024 });
    const hash = createHash2("sha256");
    let size = 0;
    go(req, res);
    const outcome = await new Promise((resolve4) => {
      let settled = false;
      const settle = (r2) => {
        if (settled) return;
        settled = true;
        req.off("data", onData);
        resolve4(r2);
      };
      const onData = (chunk) => {
        size += chunk.length;
        if (size > limit) {
          req.pause();
          return settle("too-large");
        }
        hash.update(chunk);
        if (!file.write(chunk)) {
          req.pause();
          file.once("drain", () => {
            if (!settled) req.resume();
          });
        }
      };
      req.on("data", onData);
      req.once("end", () => settle("ok"));
      req.once("close", () => settle(req.complete ? "ok" : "aborted"));
      req.once("error", () => settle("aborted"));
      file.once("error", () => settle("io-error"));
    });
    file.end();
    let written = outcome === "ok";
    try {
      await finished(file);
    } catch {
      written = false;
    }
    if (!written || outcome !== "ok") {
      rmSync2(tmp, { force: true });
      if (outcome === "too-large") return tooLarge(req, res, limit);
      if (outcome === "aborted") return void res.destroy();
      return sendJson(req, res, 500, { error: "could not store the upload" });
    }
    const actual = hash.digest("hex");
    if (actual !== digest) {
      rmSync2(tmp, { force: true });
      return sendJson(req, res, 400, { error: `digest mismatch: the body's sha256 is ${actual}` });
    }
    const r = store.commit("cas", digest, tmp, size);
    sendJson(req, res, r.created ? 201 : 200, { digest, size });
  }
  async function putSmallCas(req, res, digest, limit) {
    const got = await collect(req, res, limit);
    if (got === "too-large") return tooLarge(req, res, limit);
    if (got === "aborted") return void res.destroy();
    const actual = sha256(got);
    if (actual !== digest)
      return sendJson(req, res, 400, { error: `digest mismatch: the body's sha256 is ${actual}` });
    if (store.peek("cas", digest) !== void 0) {
      store.use("cas", digest);
      return sendJson(req, res, 200, { digest, size: got.length });
    }
    const tmp = store.tempPath();
    try {
      await writeFile(tmp, got, { flag: "wx" });
    } catch {
      rmSync2(tmp, { force: true });
      return sendJson(req, res, 500, { error: "could not store the upload" });
    }
    const r = store.commit("cas", digest, tmp, got.length, got);
    sendJson(req, res, r.created ? 201 : 200, { digest, size: got.length });
  }
  function collect(req, res, limit) {
    go(req, res);
    return new Promise((resolve4) => {
      const chunks = [];
      let size = 0;
      let settled = false;
      const settle = (r) => {
        if (settled) return;
        settled = true;
        req.off("data", onData);
        resolve4(r);
      };
      const onData = (chunk) => {
        size += chunk.length;
        if (size > limit) {
          req.pause();
          return settle("too-large");
        }
        chunks.push(chunk);
      };
      req.on("data", onData);
      req.once("end", () => settle(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
      req.once("close", () => settle(req.complete ? Buffer.concat(chunks) : "aborted"));
      req.once("error", () => settle("aborted"));
    });
  }
  async function putAc(req, res, key) {
    const limit = Math.min(AC_MAX_BYTES, config.maxBlobSize);
    const declared = req.headers["content-length"];
    if (declared !== void 0 && Number(declared) > limit) return tooLarge(req, res, limit);
    const got = await collect(req, res, limit);
    if (got === "too-large") return tooLarge(req, res, limit);
    if (got === "aborted") return void res.destroy();
    const parsed = parseAcDocument(got.toString("utf8"));
    if (!parsed.ok) return sendJson(req, res, 400, { error: `invalid AC document: ${parsed.reason}` });
    const bytes = Buffer.from(JSON.stringify(parsed.doc));
    const tmp = store.tempPath();
    try {
      await writeFile(tmp, bytes, { flag: "wx" });
    } catch {
      rmSync2(tmp, { force: true });
      return sendJson(req, res, 500, { error: "could not store the entry" });
    }
    const r = store.commit("ac", key, tmp, bytes.length, bytes);
    sendJson(req, res, r.created ? 201 : 200, { key, size: bytes.length });
  }
  try {
    await new Promise((resolve4, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, () => {
        server.off("error", reject);
        resolve4();
      });
    });
  } catch (e) {
    store.close();
    throw e;
  }
  server.on("error", (e) => logger.error(`server error: ${e.message}`));
  const port = server.address().port;
  const hostForUrl = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${hostForUrl}:${port}`;
  logger.info(
    `beskid-ci cache ${version} listening on ${url} (data ${config.dataDir}, ${store.count} entries, ${store.bytes} bytes${config.readOnly ? ", read-only" : ""}${config.tokens ? `, ${config.tokens.length} token(s)` : ", authentication off"})`
  );
  let closing;
  function close() {
    closing ??= new Promise((resolve4) => {
      shuttingDown = true;
      logger.info("shutting down: no new connections; waiting for requests in flight");
      const grace = setTimeout(() => {
        logger.warn("grace period over: closing the remaining connections");
        server.closeAllConnections();
      }, config.shutdownGraceMs ?? 3e4);
      grace.unref();
      server.close(() => {
        clearTimeout(grace);
        store.close();
        logger.info("stopped");
        resolve4();
      });
      server.closeIdleConnections();
    });
    return closing;
  }
  return { url, port, close };
}
function sha256(bytes) {
  return createHash2("sha256").update(bytes).digest("hex");
}
async function hashFile(path) {
  const hash = createHash2("sha256");
  await pipeline(createReadStream(path, { highWaterMark: 256 * 1024 }), hash);
  return hash.digest("hex");
}

// src/service/config.ts
var DEFAULTS = {
  host: "127.0.0.1",
  port: 8080,
  dataDir: "./beskid-cache",
  maxSize: 10 * 1024 ** 3,
  maxBlobSize: 1024 ** 3
};
var UNITS = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4
};
function parseSize(text) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return void 0;
  const unit = UNITS[m[2].toLowerCase()];
  if (unit === void 0) return void 0;
  const n = Math.floor(Number(m[1]) * unit);
  return Number.isSafeInteger(n) && n > 0 ? n : void 0;
}
function parsePort(text) {
  if (!/^\d{1,5}$/.test(text.trim())) return void 0;
  const n = Number(text.trim());
  return n <= 65535 ? n : void 0;
}

// src/cli/commands/serve.ts
var SERVE_ENV = {
  port: "BESKID_SERVE_PORT",
  host: "BESKID_SERVE_HOST",
  "data-dir": "BESKID_SERVE_DATA_DIR",
  "max-size": "BESKID_SERVE_MAX_SIZE",
  "max-blob-size": "BESKID_SERVE_MAX_BLOB_SIZE",
  "memory-cache": "BESKID_SERVE_MEMORY_CACHE",
  "tokens-file": "BESKID_SERVE_TOKENS_FILE",
  "read-only": "BESKID_SERVE_READ_ONLY",
  "allow-anonymous-reads": "BESKID_SERVE_ALLOW_ANONYMOUS_READS",
  verbose: "BESKID_SERVE_VERBOSE"
};
function usage(ctx, message) {
  ctx.stderr.write(`error: ${message}
Run 'beskid-ci serve --help' for more.
`);
  return EXIT_USAGE;
}
function stringSetting(ctx, key) {
  return setting(ctx, key)?.value;
}
function setting(ctx, key) {
  const flag = stringFlag(ctx, key);
  if (flag !== void 0) return { value: flag, source: `--${key}` };
  const env = ctx.env[SERVE_ENV[key]];
  return env === void 0 || env === "" ? void 0 : { value: env, source: SERVE_ENV[key] };
}
function boolSetting(ctx, key) {
  if (boolFlag(ctx, key)) return true;
  const env = ctx.env[SERVE_ENV[key]]?.trim().toLowerCase();
  if (env === void 0 || env === "") return false;
  if (["1", "true", "yes", "on"].includes(env)) return true;
  if (["0", "false", "no", "off"].includes(env)) return false;
  return "invalid";
}
function stderrLogger(ctx, verbose) {
  const line = (level, m) => ctx.stderr.write(`${(/* @__PURE__ */ new Date()).toISOString()} ${level} ${m}
`);
  return {
    info: (m) => line("info", m),
    warn: (m) => line("warn", m),
    error: (m) => line("error", m),
    debug: verbose ? (m) => line("debug", m) : void 0
  };
}
var serveCommand = {
  name: "serve",
  summary: "run the remote cache service (the container's HTTP server)",
  usage: "serve [--port N] [--host H] [--data-dir DIR] [--max-size SIZE] [--max-blob-size SIZE] [--memory-cache SIZE] [--tokens-file FILE] [--read-only] [--allow-anonymous-reads] [--verbose]",
  flags: [
    {
      name: "--port N",
      help: `port to listen on (default ${DEFAULTS.port}; 0 picks a free one) [BESKID_SERVE_PORT]`
    },
    {
      name: "--host H",
      help: `address to bind (default ${DEFAULTS.host}; 0.0.0.0 in the container) [BESKID_SERVE_HOST]`
    },
    {
      name: "--data-dir DIR",
      help: `where entries are stored (default ${DEFAULTS.dataDir}) [BESKID_SERVE_DATA_DIR]`
    },
    {
      name: "--max-size SIZE",
      help: "evict least-recently-used entries above this (default 10G) [BESKID_SERVE_MAX_SIZE]"
    },
    {
      name: "--max-blob-size SIZE",
      help: "reject larger uploads with 413 (default 1G, or --max-size if smaller) [BESKID_SERVE_MAX_BLOB_SIZE]"
    },
    {
      name: "--memory-cache SIZE",
      help: "keep recently used small entries in memory up to this (default 64M; 0 off) [BESKID_SERVE_MEMORY_CACHE]"
    },
    {
      name: "--tokens-file FILE",
      help: "bearer tokens, one '<r|rw> <token> [name]' a line; without it auth is off [BESKID_SERVE_TOKENS_FILE]"
    },
    { name: "--read-only", help: "refuse every write with 403 [BESKID_SERVE_READ_ONLY]" },
    { name: "--allow-anonymous-reads", help: "reads need no token [BESKID_SERVE_ALLOW_ANONYMOUS_READS]" },
    { name: "--verbose", help: "log one line per request [BESKID_SERVE_VERBOSE]" }
  ],
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "data-dir": { type: "string" },
    "max-size": { type: "string" },
    "max-blob-size": { type: "string" },
    "memory-cache": { type: "string" },
    "tokens-file": { type: "string" },
    "read-only": { type: "boolean" },
    "allow-anonymous-reads": { type: "boolean" },
    verbose: { type: "boolean" }
  },
  maxPositionals: 0,
  async run(ctx) {
    const portSetting = setting(ctx, "port");
    const port = portSetting === void 0 ? DEFAULTS.port : parsePort(portSetting.value);
    if (port === void 0)
      return usage(ctx, `invalid ${portSetting.source} '${portSetting.value}' (a port, 0-65535)`);
    const sizes = {
      "max-size": DEFAULTS.maxSize,
      "max-blob-size": DEFAULTS.maxBlobSize
    };
    const given = {};
    for (const key of ["max-size", "max-blob-size"]) {
      const s = setting(ctx, key);
      if (s === void 0) continue;
      const n = parseSize(s.value);
      if (n === void 0) return usage(ctx, `invalid ${s.source} '${s.value}' (e.g. 1073741824, 512M, 10G)`);
      sizes[key] = n;
      given[key] = s.source;
    }
    const memory = setting(ctx, "memory-cache");
    const memoryCacheSize = memory === void 0 ? void 0 : memory.value.trim() === "0" ? 0 : parseSize(memory.value);
    if (memoryCacheSize === void 0 && memory !== void 0)
      return usage(ctx, `invalid ${memory.source} '${memory.value}' (e.g. 0, 64M, 1G)`);
    if (sizes["max-blob-size"] > sizes["max-size"]) {
      if (given["max-blob-size"] === void 0) sizes["max-blob-size"] = sizes["max-size"];
      else
        return usage(
          ctx,
          `${given["max-blob-size"]} (${sizes["max-blob-size"]} bytes) is larger than the store's maximum size (${sizes["max-size"]} bytes)`
        );
    }
    const switches = {};
    for (const key of ["read-only", "allow-anonymous-reads", "verbose"]) {
      const v = boolSetting(ctx, key);
      if (v === "invalid") return usage(ctx, `${SERVE_ENV[key]} must be true or false`);
      switches[key] = v;
    }
    let tokens;
    let tokensWarning;
    const tokensFile = stringSetting(ctx, "tokens-file");
    if (tokensFile !== void 0) {
      const loaded = loadTokensFile(resolve3(ctx.cwd, tokensFile));
      if (!loaded.ok) {
        ctx.stderr.write(`error: ${tokensFile}: ${loaded.error}
`);
        return EXIT_FAILURE;
      }
      tokens = loaded.tokens;
      tokensWarning = loaded.warning;
    }
    const logger = stderrLogger(ctx, switches.verbose === true);
    if (tokensWarning) logger.warn(tokensWarning);
    const config = {
      host: stringSetting(ctx, "host") ?? DEFAULTS.host,
      port,
      dataDir: resolve3(ctx.cwd, stringSetting(ctx, "data-dir") ?? DEFAULTS.dataDir),
      maxSize: sizes["max-size"],
      maxBlobSize: sizes["max-blob-size"],
      memoryCacheSize,
      tokens,
      readOnly: switches["read-only"] === true,
      allowAnonymousReads: switches["allow-anonymous-reads"] === true,
      logger
    };
    if (!tokens)
      logger.warn("no tokens file: authentication is off, anyone who can reach the port may read and write");
    else if (tokens.length === 0)
      logger.warn(
        `the tokens file holds no tokens: nobody can write${config.allowAnonymousReads ? "" : ", and every read is refused (401)"}`
      );
    let handle;
    try {
      handle = await startServer(config);
    } catch (e) {
      ctx.stderr.write(`error: cannot start the cache service: ${e.message}
`);
      return EXIT_FAILURE;
    }
    ctx.stdout.write(`listening on ${handle.url}
`);
    const server = handle;
    await new Promise((done) => {
      const stop = (signal) => {
        process.off("SIGTERM", onTerm);
        process.off("SIGINT", onInt);
        logger.info(`${signal} received`);
        server.close().then(done, done);
      };
      const onTerm = () => stop("SIGTERM");
      const onInt = () => stop("SIGINT");
      process.on("SIGTERM", onTerm);
      process.on("SIGINT", onInt);
    });
    return EXIT_OK;
  }
};

// src/cli/commands/test.ts
var DEFAULT_TEST_TIMEOUT_MS = 1e4;
var testCommand = {
  name: "test",
  summary: "run the project's test items through the JIT",
  usage: "test [input] [--project P] [--filter F] [--include-tag T] [--exclude-tag T] [--group G] [--shard i/n] [--timeout-ms N] [--json] [--junit FILE]",
  flags: [
    ...PROJECT_FLAG_HELP,
    { name: "--filter F", help: "name substring, or a glob with * and ?" },
    { name: "--include-tag T", help: "run only tests with any of these tags (repeatable, comma-separated)" },
    { name: "--exclude-tag T", help: "skip tests with any of these tags (repeatable, comma-separated)" },
    { name: "--group G", help: "run only tests whose group starts with G (dotted prefix)" },
    { name: "--shard i/n", help: "run the i-th of n disjoint shards" },
    { name: "--timeout-ms N", help: `time limit per test (default ${DEFAULT_TEST_TIMEOUT_MS})` },
    { name: "--junit FILE", help: "also write a JUnit XML report" },
    ...CACHE_FLAG_HELP
  ],
  options: {
    ...PROJECT_OPTIONS,
    ...CACHE_OPTIONS,
    filter: { type: "string" },
    "include-tag": { type: "string", multiple: true },
    "exclude-tag": { type: "string", multiple: true },
    group: { type: "string" },
    shard: { type: "string" },
    "timeout-ms": { type: "string" },
    junit: { type: "string" }
  },
  maxPositionals: 1,
  async run(ctx) {
    const shardText = stringFlag(ctx, "shard");
    const shard = shardText === void 0 ? void 0 : parseShard(shardText);
    if (shardText !== void 0 && !shard) {
      return ctx.usage(`--shard takes i/n with 1 <= i <= n, got '${shardText}'`);
    }
    const timeoutText = stringFlag(ctx, "timeout-ms");
    const timeoutMs = timeoutText === void 0 ? DEFAULT_TEST_TIMEOUT_MS : /^\d+$/.test(timeoutText) ? Number(timeoutText) : NaN;
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
      return ctx.usage(`--timeout-ms takes a positive integer, got '${timeoutText}'`);
    }
    const filter = stringFlag(ctx, "filter");
    const group = stringFlag(ctx, "group");
    const r = await test(projectRequest(ctx, "test"), cacheRequest(ctx), {
      includeTags: listFlag(ctx, "include-tag"),
      excludeTags: listFlag(ctx, "exclude-tag"),
      timeoutMs,
      ...filter !== void 0 ? { filter } : {},
      ...group !== void 0 ? { group } : {},
      ...shard ? { shard } : {}
    });
    const json = boolFlag(ctx, "json");
    const junit = stringFlag(ctx, "junit");
    if (!r.ok || !r.report) {
      if (junit !== void 0)
        writeJunit(ctx, junit, renderJunitError(r.plan?.projectName ?? "beskid", r.diagnostics));
      if (json)
        ctx.stdout.write(
          JSON.stringify({ ok: false, diagnostics: r.diagnostics.map(toJson) }, null, 2) + "\n"
        );
      else ctx.report(r.diagnostics);
      return EXIT_FAILURE;
    }
    if (!json) ctx.report(r.diagnostics);
    const written = junit === void 0 || writeJunit(ctx, junit, renderJunit(r.report, r.plan?.projectName ?? "beskid"));
    ctx.stdout.write(json ? renderTestJson(r.report, r.diagnostics.map(toJson)) : renderTestText(r.report));
    return reportFailed(r.report) || !written ? EXIT_FAILURE : EXIT_OK;
  }
};
function writeJunit(ctx, path, xml) {
  try {
    writeFileAtomic(reportFilePath(ctx.cwd, path, "junit.xml"), xml);
    return true;
  } catch (e) {
    ctx.stderr.write(`error: could not write the JUnit report to '${path}': ${e.message}
`);
    return false;
  }
}

// src/cli/commands.ts
var COMMANDS = [
  checkCommand,
  runCommand,
  testCommand,
  buildCommand,
  lowerCommand,
  assembleCommand,
  parseCommand,
  serveCommand
];

// src/cli/main.ts
var GLOBAL_FLAGS = [
  { name: "--help, -h", help: "show help (for a command: beskid-ci <command> --help)" },
  { name: "--version, -V", help: "print the toolchain version" },
  { name: "--debug", help: "show stack traces of internal errors" }
];
function findCommand(name) {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}
function mainHelp() {
  const width = Math.max(8, ...COMMANDS.map((c) => c.name.length));
  const lines = [
    `beskid-ci ${VERSION} - the CI toolchain for the Beskid language`,
    "",
    "Usage: beskid-ci <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Options:",
    ...GLOBAL_FLAGS.map((f) => `  ${f.name.padEnd(16)}  ${f.help}`),
    "",
    "Exit codes: 0 ok, 1 errors found or tests failed, 2 usage error, 101 the program panicked (run).",
    "Diagnostics are coloured only when stderr is a terminal and NO_COLOR is not set."
  ];
  return lines.join("\n") + "\n";
}
function commandHelp(c) {
  const width = Math.max(12, ...c.flags.map((f) => f.name.length));
  const lines = [`${c.summary}`, "", `Usage: beskid-ci ${c.usage}`];
  if (c.aliases?.length) lines.push(`Aliases: ${c.aliases.join(", ")}`);
  if (c.flags.length) {
    lines.push("", "Options:", ...c.flags.map((f) => `  ${f.name.padEnd(width)}  ${f.help}`));
  }
  return lines.join("\n") + "\n";
}
function usageError(io, message, command, json = false) {
  const usage2 = command ? `beskid-ci ${command.usage}` : "beskid-ci <command> [options]";
  if (json) {
    io.stdout.write(
      JSON.stringify({ ok: false, usage_error: { message, usage: usage2 }, diagnostics: [] }, null, 2) + "\n"
    );
    return EXIT_USAGE;
  }
  io.stderr.write(`error: ${message}
`);
  io.stderr.write(`Usage: ${usage2}
`);
  io.stderr.write(`Run 'beskid-ci ${command ? command.name + " " : ""}--help' for more.
`);
  return EXIT_USAGE;
}
function splitPassthrough(argv) {
  const i = argv.indexOf("--");
  return i < 0 ? { own: [...argv], passthrough: [] } : { own: argv.slice(0, i), passthrough: argv.slice(i + 1) };
}
function sourceReader(cwd) {
  const cache = /* @__PURE__ */ new Map();
  return (file) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync4(file.startsWith("/") ? file : `${cwd}/${file}`, "utf8"));
      } catch {
        cache.set(file, void 0);
      }
    }
    return cache.get(file);
  };
}
async function main(argv, io) {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  const color = (io.ttys ? io.ttys.includes(2) : io.isTty) && !io.env.NO_COLOR;
  const first = args[0];
  if (first === void 0 || first === "--help" || first === "-h" || first === "help") {
    const target = first === "help" && args[1] ? findCommand(args[1]) : void 0;
    io.stdout.write(target ? commandHelp(target) : mainHelp());
    return 0;
  }
  if (first === "--version" || first === "-V") {
    io.stdout.write(`beskid-ci ${VERSION}
`);
    return 0;
  }
  const wantsJson = splitPassthrough(args).own.includes("--json");
  if (first.startsWith("-")) return usageError(io, `unknown option '${first}'`, void 0, wantsJson);
  const command = findCommand(first);
  if (!command) return usageError(io, `unknown command '${first}'`, void 0, wantsJson);
  const { own, passthrough } = splitPassthrough(args.slice(1));
  if (own.includes("--help") || own.includes("-h")) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: own, options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    return usageError(
      io,
      e.message.split("\n")[0].replace(/^TypeError \[[A-Z_]+\]: /, ""),
      command,
      wantsJson
    );
  }
  if (parsed.positionals.length > command.maxPositionals) {
    return usageError(
      io,
      `unexpected argument '${parsed.positionals[command.maxPositionals]}'`,
      command,
      wantsJson
    );
  }
  const json = parsed.values.json === true;
  const reader = sourceReader(io.cwd);
  const ctx = {
    values: parsed.values,
    positionals: parsed.positionals,
    passthrough,
    stdout: io.stdout,
    stderr: io.stderr,
    cwd: io.cwd,
    env: io.env,
    color,
    ttys: io.ttys ?? [],
    report(diagnostics) {
      if (diagnostics.length === 0) return;
      if (json) io.stdout.write(JSON.stringify({ diagnostics: diagnostics.map(toJson) }, null, 2) + "\n");
      else io.stderr.write(renderTextAll(diagnostics, { color, sources: reader }) + "\n");
    },
    usage: (message) => usageError(io, message, command, json)
  };
  try {
    return await command.run(ctx);
  } catch (e) {
    const err = e;
    if (json)
      io.stdout.write(
        JSON.stringify(
          { ok: false, internal_error: { message: err?.message ?? String(e) }, diagnostics: [] },
          null,
          2
        ) + "\n"
      );
    io.stderr.write(`internal error: ${err?.message ?? String(e)}
`);
    io.stderr.write(
      debug ? `${err?.stack ?? ""}
` : "(run again with --debug for the stack trace, and please report it)\n"
    );
    return EXIT_FAILURE;
  }
}

// src/cli/bin.ts
tuneEngineForShortRuns();
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(141);
    throw e;
  });
}
var code = await main(process.argv.slice(2), {
  stdout: { write: (t) => void process.stdout.write(t), writeBytes: (b) => void process.stdout.write(b) },
  stderr: { write: (t) => void process.stderr.write(t), writeBytes: (b) => void process.stderr.write(b) },
  cwd: process.cwd(),
  env: process.env,
  isTty: process.stdout.isTTY === true,
  ttys: [0, 1, 2].filter((fd) => isatty(fd))
});
process.exitCode = code;
