import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  endGroup,
  error,
  info,
  setFailed,
  setOutput,
  setSecret,
  startGroup,
  summary,
  warning
} from "./chunk-W5M6VYVY.js";
import {
  tuneEngineForShortRuns
} from "./chunk-HMZJF4MD.js";
import {
  renderJunit,
  renderTestJson,
  renderTestText
} from "./chunk-RLFFWNRO.js";
import {
  KEY_HASH_LENGTH,
  LocalCache,
  pathUnder,
  renderText,
  reportFilePath,
  sha256Hex,
  writeFileAtomic
} from "./chunk-F5FHHWWT.js";

// src/action/main.ts
import { arch, platform, tmpdir } from "node:os";
import { performance } from "node:perf_hooks";

// src/action/real.ts
function realCore() {
  return {
    info: (m) => info(m),
    warning: (m, p) => warning(m, p),
    error: (m, p) => error(m, p),
    startGroup: (n) => startGroup(n),
    endGroup: () => endGroup(),
    setOutput: (n, v) => setOutput(n, v),
    setFailed: (m) => setFailed(m),
    setSecret: (v) => setSecret(v),
    appendSummary: async (md) => {
      await summary.addRaw(md, true).write();
      summary.emptyBuffer();
    }
  };
}
async function demotingErrors(fn) {
  const problems = [];
  const original = process.stdout.write;
  const patched = function(chunk, ...rest) {
    if (typeof chunk === "string" || chunk instanceof Uint8Array) {
      let text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      if (text.startsWith("::error")) text = "::warning" + text.slice("::error".length);
      const m = /^(?:::warning[^:]*::)?(Failed to (?:save|restore): .*|(?<=::warning[^:]*::).*)$/m.exec(text);
      if (m) problems.push(m[1].replace(/%0A/g, " ").replace(/%25/g, "%"));
      return original.call(this, text, ...rest);
    }
    return original.call(this, chunk, ...rest);
  };
  process.stdout.write = patched;
  try {
    return { value: await fn(), problems };
  } catch (e) {
    return { problems, thrown: e };
  } finally {
    process.stdout.write = original;
  }
}
function mainProblem(problems) {
  return problems.find((p) => p.startsWith("Failed to ")) ?? problems.at(-1);
}
function message(e) {
  return e instanceof Error ? e.message : String(e);
}
function realCache(env) {
  return {
    // The test `isFeatureAvailable` makes, without loading the client for it.
    available: () => env.ACTIONS_CACHE_SERVICE_V2 ? !!env.ACTIONS_RESULTS_URL : !!env.ACTIONS_CACHE_URL,
    async restore(paths, primaryKey, restoreKeys) {
      const cache = await import("./cache-WZ3EMKHZ.js");
      const r = await demotingErrors(() => cache.restoreCache([...paths], primaryKey, [...restoreKeys]));
      if (r.thrown !== void 0) return { problem: message(r.thrown) };
      return { matchedKey: r.value, problem: mainProblem(r.problems) };
    },
    async save(paths, key) {
      const cache = await import("./cache-WZ3EMKHZ.js");
      const r = await demotingErrors(() => cache.saveCache([...paths], key));
      if (r.thrown !== void 0) return { saved: false, problem: message(r.thrown) };
      const saved = typeof r.value === "number" && r.value !== -1;
      return {
        saved,
        problem: saved ? void 0 : r.problems[0] ?? "the cache service did not accept the entry"
      };
    }
  };
}
function realArtifact() {
  return {
    async upload(name, files, root, options) {
      const { DefaultArtifactClient } = await import("./artifact-IXMN5VUG.js");
      const client = new DefaultArtifactClient();
      const r = await client.uploadArtifact(name, [...files], root, {
        ...options.retentionDays !== void 0 ? { retentionDays: options.retentionDays } : {},
        ...options.compressionLevel !== void 0 ? { compressionLevel: options.compressionLevel } : {}
      });
      return { id: r.id, size: r.size, digest: r.digest };
    }
  };
}

// src/action/run.ts
import { existsSync as existsSync2, mkdirSync, mkdtempSync, readdirSync, readFileSync as readFileSync4 } from "node:fs";
import { dirname, isAbsolute as isAbsolute2, join as join3, resolve as resolve2, sep } from "node:path";

// src/action/annotate.ts
import { isAbsolute, resolve } from "node:path";
var ANNOTATION_LIMIT = 10;
var ANNOTATION_MAX_CHARS = 4e3;
var Annotator = class {
  constructor(core, workspace, enabled) {
    this.core = core;
    this.workspace = workspace;
    this.enabled = enabled;
  }
  core;
  workspace;
  enabled;
  seen = /* @__PURE__ */ new Set();
  errors = 0;
  warnings = 0;
  /**
   * Annotations not emitted because the budget was spent (duplicates are not counted):
   * compile diagnostics by severity, and failing tests apart, so the summary names each.
   */
  dropped = { errors: 0, warnings: 0, tests: 0 };
  /** A repository-relative path for `file` (given relative to `baseDir`), or undefined. */
  relativePath(file, baseDir) {
    if (!file) return void 0;
    const abs = isAbsolute(file) ? file : resolve(baseDir, file);
    return pathUnder(this.workspace, abs);
  }
  emit(severity, message2, title, file, line, column, what = "diagnostic") {
    if (!this.enabled) return;
    const id = `${severity}\0${file ?? ""}\0${line ?? 0}\0${message2}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    if (severity === "error") {
      if (this.errors >= ANNOTATION_LIMIT) return void this.dropped[what === "test" ? "tests" : "errors"]++;
      this.errors++;
    } else {
      if (this.warnings >= ANNOTATION_LIMIT) return void this.dropped.warnings++;
      this.warnings++;
    }
    if (message2.length > ANNOTATION_MAX_CHARS)
      message2 = `${message2.slice(0, ANNOTATION_MAX_CHARS)}\u2026 (cut; the full message is in the step log)`;
    const props = {
      title,
      ...file ? { file } : {},
      ...file && line ? { startLine: line } : {},
      ...file && line && column ? { startColumn: column } : {}
    };
    if (severity === "error") this.core.error(message2, props);
    else this.core.warning(message2, props);
  }
  diagnostic(d, baseDir) {
    if (d.severity !== "error" && d.severity !== "warning") return;
    const file = this.relativePath(d.file, baseDir);
    this.emit(
      d.severity,
      d.help ? `${d.message}
help: ${d.help}` : d.message,
      d.code,
      file,
      d.start?.line,
      d.start?.column
    );
  }
  failedTest(t, baseDir) {
    const at = t.failure_at ?? { file: t.file, line: t.line, column: void 0 };
    const file = this.relativePath(at.file, baseDir);
    const what = t.outcome === "timed_out" ? "timed out" : "failed";
    this.emit(
      "error",
      `${t.qualified_name} ${what}${t.reason ? `: ${t.reason}` : ""}`,
      `Test ${what}`,
      file,
      at.line,
      at.column,
      "test"
    );
  }
};

// src/action/inputs.ts
var INPUTS = {
  project: { description: "Project folder or manifest file, relative to the workspace.", default: "." },
  target: { description: "Target to build and test (default: the manifest's default target).", default: "" },
  "workspace-member": { description: "Workspace member to use when `project` is a workspace.", default: "" },
  locked: {
    description: "`true` requires an up-to-date Project.lock; `frozen` also forbids fetching; `false` allows updating it.",
    default: "false"
  },
  "corelib-path": {
    description: "Another corelib checkout to compile against (default: the bundled corelib).",
    default: ""
  },
  cache: { description: "Restore and save the lowered artifact with the GitHub cache.", default: "true" },
  "cache-key-prefix": {
    description: "First part of the cache key; change it to start a fresh cache.",
    default: "v1"
  },
  "cache-read-only": {
    description: "Restore but never save. Default: read-only everywhere except on the default branch.",
    default: ""
  },
  "cache-save-on-failure": {
    description: "Save the cache folder even when assembling or lowering failed.",
    default: "false"
  },
  "remote-cache-url": {
    description: "URL of a beskid-ci remote cache service, tried before the GitHub cache.",
    default: ""
  },
  "remote-cache-token": { description: "Bearer token for the remote cache service.", default: "" },
  build: { description: "Build the AOT outputs and upload them as an artifact.", default: "true" },
  kinds: {
    description: "Comma-separated output kinds: exe, shared, static, object, wasm (default: the target's kind).",
    default: ""
  },
  "artifact-name": {
    description: "Name of the uploaded artifact (default: unique per job and matrix entry).",
    default: ""
  },
  "retention-days": {
    description: "Days to keep the uploaded artifact, 1-90 (default: the repository's setting).",
    default: ""
  },
  "compression-level": { description: "Zip compression level of the artifact, 0-9.", default: "6" },
  test: { description: "Run the tests through the JIT and gate the job on them.", default: "false" },
  "test-filter": {
    description: "Only tests whose name contains this text or matches this glob.",
    default: ""
  },
  "test-tags": { description: "Comma-separated tags; run tests having any of them.", default: "" },
  "test-exclude-tags": { description: "Comma-separated tags; skip tests having any of them.", default: "" },
  "test-group": { description: "Only tests whose group starts with this prefix.", default: "" },
  "test-shard": { description: "Run one shard of the tests, as `i/n` (1-based).", default: "" },
  "fail-on-test-failure": { description: "Fail the step when a test fails or times out.", default: "true" },
  "junit-path": {
    description: "Where to write the JUnit XML report, relative to the workspace.",
    default: ""
  },
  annotations: {
    description: "Annotate compile diagnostics and failing tests at their source line.",
    default: "true"
  },
  "job-summary": { description: "Write a job summary (cache, outputs, tests).", default: "true" },
  release: {
    description: "On a tag, attach the outputs and SHA256SUMS to the tag's release.",
    default: "false"
  },
  token: {
    description: "Token for release publishing (needs `contents: write`).",
    default: "${{ github.token }}"
  }
};
var OUTPUT_KINDS = ["exe", "shared", "static", "object", "wasm"];
var MAX_KEY_LENGTH = 512;
var TRUE = /* @__PURE__ */ new Set(["true", "True", "TRUE"]);
var FALSE = /* @__PURE__ */ new Set(["false", "False", "FALSE"]);
function parseInputs(get, ctx) {
  const errors = [];
  const raw = (name) => get(name).trim();
  const opt = (name) => raw(name) || void 0;
  const bool = (name) => {
    const v = raw(name) || INPUTS[name].default;
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    errors.push(`Input \`${name}\` must be \`true\` or \`false\`, got \`${v}\`.`);
    return false;
  };
  const optBool = (name) => raw(name) === "" ? void 0 : bool(name);
  const list = (name) => raw(name).split(",").map((s) => s.trim()).filter((s) => s !== "");
  const int = (name, min, max) => {
    const v = raw(name) || INPUTS[name].default;
    if (v === "") return void 0;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      errors.push(`Input \`${name}\` must be a whole number from ${min} to ${max}, got \`${v}\`.`);
      return void 0;
    }
    return Number(v);
  };
  const lockedRaw = raw("locked") || "false";
  let lockMode = "default";
  if (lockedRaw === "frozen") lockMode = "frozen";
  else if (TRUE.has(lockedRaw)) lockMode = "locked";
  else if (!FALSE.has(lockedRaw))
    errors.push(`Input \`locked\` must be \`true\`, \`false\` or \`frozen\`, got \`${lockedRaw}\`.`);
  let kinds;
  const kindList = list("kinds");
  if (kindList.length > 0) {
    kinds = [];
    for (const k of kindList) {
      if (OUTPUT_KINDS.includes(k)) {
        if (!kinds.includes(k)) kinds.push(k);
      } else {
        errors.push(
          `Input \`kinds\` has an unknown kind \`${k}\`; valid kinds are ${OUTPUT_KINDS.join(", ")}.`
        );
      }
    }
  }
  let testShard;
  const shard = raw("test-shard");
  if (shard !== "") {
    const m = /^(\d+)\/(\d+)$/.exec(shard);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1 || Number(m[1]) > Number(m[2])) {
      errors.push(
        `Input \`test-shard\` must be \`i/n\` with 1 <= i <= n (for example \`2/4\`), got \`${shard}\`.`
      );
    } else {
      testShard = { index: Number(m[1]), count: Number(m[2]) };
    }
  }
  const cacheKeyPrefix = raw("cache-key-prefix") || INPUTS["cache-key-prefix"].default;
  if (cacheKeyPrefix.includes(",")) {
    errors.push(
      `Input \`cache-key-prefix\` must not contain a comma (GitHub cache keys cannot), got \`${cacheKeyPrefix}\`.`
    );
  } else if (cacheKeyPrefix.length > 200) {
    errors.push(
      `Input \`cache-key-prefix\` is ${cacheKeyPrefix.length} characters long; keep it under 200 so the whole key stays under ${MAX_KEY_LENGTH}.`
    );
  }
  const artifactName = opt("artifact-name");
  if (artifactName !== void 0 && /["<>:|*?\\/\r\n]/.test(artifactName)) {
    errors.push(
      `Input \`artifact-name\` must not contain any of " : < > | * ? \\ / or a line break, got \`${artifactName}\`.`
    );
  }
  const release = bool("release");
  if (release && ctx.refType !== "tag") {
    errors.push(
      `Input \`release: true\` needs a tag ref (refs/tags/\u2026), but this run is on \`${ctx.ref || "an unknown ref"}\`; run it on \`push: tags\` or set it only for tags: \`release: \${{ startsWith(github.ref, 'refs/tags/') }}\`.`
    );
  }
  const build = bool("build");
  if (release && !build) {
    errors.push("Input `release: true` needs `build: true`: without a build there are no outputs to attach.");
  }
  const remoteCacheUrl = opt("remote-cache-url");
  if (remoteCacheUrl !== void 0 && !/^https?:\/\/\S+$/.test(remoteCacheUrl)) {
    errors.push(`Input \`remote-cache-url\` must be an http(s) URL, got \`${remoteCacheUrl}\`.`);
  }
  const inputs = {
    project: raw("project") || ".",
    target: opt("target"),
    workspaceMember: opt("workspace-member"),
    lockMode,
    corelibPath: opt("corelib-path"),
    cache: bool("cache"),
    cacheKeyPrefix,
    cacheReadOnly: optBool("cache-read-only"),
    cacheSaveOnFailure: bool("cache-save-on-failure"),
    remoteCacheUrl,
    build,
    kinds,
    artifactName,
    retentionDays: int("retention-days", 1, 90),
    compressionLevel: int("compression-level", 0, 9) ?? 6,
    test: bool("test"),
    testFilter: opt("test-filter"),
    testTags: list("test-tags"),
    testExcludeTags: list("test-exclude-tags"),
    testGroup: opt("test-group"),
    testShard,
    failOnTestFailure: bool("fail-on-test-failure"),
    junitPath: opt("junit-path"),
    annotations: bool("annotations"),
    jobSummary: bool("job-summary"),
    release
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, inputs };
}

// src/action/cache-key.ts
function clean(part) {
  return part.replace(/[^A-Za-z0-9._+]/g, "_");
}
function tooLong(length) {
  return {
    ok: false,
    error: `The cache key would be ${length} characters long (GitHub allows ${MAX_KEY_LENGTH}); shorten \`cache-key-prefix\`.`
  };
}
function composeKeyBase(prefix, ctx, base) {
  const components = [
    { name: "prefix", value: clean(prefix) },
    { name: "os", value: clean(ctx.os) },
    { name: "arch", value: clean(ctx.arch) },
    { name: "toolchain", value: clean(base.toolchain) },
    { name: "artifact schema", value: clean(base.schema) },
    { name: "options hash", value: clean(base.options) }
  ];
  const parts = ["beskid", ...components.map((c) => c.value)];
  const restoreKeys = [parts.join("-") + "-", parts.slice(0, -1).join("-") + "-"];
  const length = restoreKeys[0].length + KEY_HASH_LENGTH;
  if (length > MAX_KEY_LENGTH) return tooLong(length);
  if (restoreKeys[0].includes(",")) return { ok: false, error: "The cache key must not contain a comma." };
  return { ok: true, key: { restoreKeys, components } };
}
function composeCacheKey(prefix, ctx, key) {
  const base = composeKeyBase(prefix, ctx, key.components);
  if (!base.ok) return base;
  const closure = clean(key.components.closure);
  const primary = base.key.restoreKeys[0] + closure;
  if (primary.length > MAX_KEY_LENGTH) return tooLong(primary.length);
  return {
    ok: true,
    key: {
      primary,
      restoreKeys: base.key.restoreKeys,
      components: [...base.key.components, { name: "closure hash", value: closure }]
    }
  };
}
function savePolicy(configured, ctx) {
  if (configured === true) return { readOnly: true, reason: "`cache-read-only: true` is set" };
  if (configured === false) return { readOnly: false, reason: "`cache-read-only: false` is set" };
  if (ctx.refType === "branch" && ctx.defaultBranch !== void 0 && ctx.refName === ctx.defaultBranch) {
    return { readOnly: false, reason: `\`${ctx.refName}\` is the default branch` };
  }
  if (ctx.defaultBranch === void 0) {
    return {
      readOnly: true,
      reason: "the default branch is unknown (no event payload), so this run only reads; set `cache-read-only: false` to save"
    };
  }
  return {
    readOnly: true,
    reason: `\`${ctx.ref || "this ref"}\` is not the default branch \`${ctx.defaultBranch}\`, so this run only reads (set \`cache-read-only: false\` to save here)`
  };
}

// src/action/context.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";
function osName(env, platform2) {
  const fromRunner = env.RUNNER_OS;
  if (fromRunner) return fromRunner.toLowerCase();
  return platform2 === "darwin" ? "macos" : platform2 === "win32" ? "windows" : platform2;
}
function archName(env, arch2) {
  return (env.RUNNER_ARCH ?? arch2).toLowerCase();
}
function readDefaultBranch(env) {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return void 0;
  try {
    const event = JSON.parse(readFileSync(path, "utf8"));
    return event.repository?.default_branch || void 0;
  } catch {
    return void 0;
  }
}
function runnerContext(env, cwd, platform2, arch2, tmp) {
  const ref = env.GITHUB_REF ?? "";
  const refType = ref.startsWith("refs/tags/") ? "tag" : ref.startsWith("refs/heads/") ? "branch" : ref.startsWith("refs/pull/") ? "pull" : "other";
  const refName = env.GITHUB_REF_NAME || ref.replace(/^refs\/(heads|tags)\//, "");
  const workspace = env.GITHUB_WORKSPACE || cwd;
  return {
    workspace,
    temp: env.RUNNER_TEMP || join(tmp, "beskid-action"),
    ref,
    refName,
    refType,
    defaultBranch: readDefaultBranch(env),
    job: env.GITHUB_JOB || "job",
    os: osName(env, platform2),
    arch: archName(env, arch2),
    runId: env.GITHUB_RUN_ID || "0",
    runAttempt: env.GITHUB_RUN_ATTEMPT || "1",
    repository: env.GITHUB_REPOSITORY || "",
    serverUrl: env.GITHUB_SERVER_URL || "https://github.com",
    apiUrl: env.GITHUB_API_URL || "https://api.github.com"
  };
}

// src/action/release.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { basename, extname } from "node:path";
function releaseAssetName(path, kind, os, arch2) {
  const name = basename(path);
  const ext = kind === "exe" ? name.toLowerCase().endsWith(".exe") ? name.slice(-4) : "" : extname(name);
  const tag = [os, arch2].map((p) => p.toLowerCase().replace(/[^a-z0-9_.]+/g, "_")).join("-");
  return `${name.slice(0, name.length - ext.length)}-${tag}${ext}`;
}
var assetNameOf = (f) => f.name ?? basename(f.path);
var ReleaseError = class extends Error {
};
var PERMISSION_HINT = "the token cannot write releases: give the job `permissions: contents: write` (or pass a `token` that has it)";
async function undiciRequest() {
  const mod = await import("./undici-CM3NJTOE.js");
  return mod.request ?? mod.default.request;
}
async function call(req, method, url, body) {
  const headers = {
    authorization: `Bearer ${req.token}`,
    accept: body?.accept ?? "application/vnd.github+json",
    "x-github-api-version": "2022-11-28",
    "user-agent": "beskid-ci-action"
  };
  let payload;
  if (body?.json !== void 0) {
    payload = JSON.stringify(body.json);
    headers["content-type"] = "application/json";
  } else if (body?.bytes) {
    payload = body.bytes;
    headers["content-type"] = body.contentType ?? "application/octet-stream";
    headers["content-length"] = String(body.bytes.length);
  }
  const res = await (await undiciRequest())(url, { method, headers, body: payload });
  if (res.statusCode >= 300 && res.statusCode < 400) {
    await res.body.dump();
    const location = res.headers.location;
    return {
      status: res.statusCode,
      data: void 0,
      location: Array.isArray(location) ? location[0] : location
    };
  }
  const text = await res.body.text();
  let data = text;
  try {
    data = text ? JSON.parse(text) : void 0;
  } catch {
  }
  return { status: res.statusCode, data };
}
function fail(what, r) {
  const detail = r.data?.message ?? String(r.data ?? "");
  if (r.status === 403 || r.status === 404 && what !== "find the release") {
    throw new ReleaseError(`Could not ${what} (HTTP ${r.status}: ${detail}): ${PERMISSION_HINT}.`);
  }
  throw new ReleaseError(`Could not ${what} (HTTP ${r.status}: ${detail}).`);
}
function sha256sums(files, previous, kept) {
  const lines = /* @__PURE__ */ new Map();
  for (const line of previous.split("\n")) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trimEnd());
    if (m && kept.has(m[2])) lines.set(m[2], m[1]);
  }
  for (const f of files) lines.set(assetNameOf(f), f.sha256);
  return [...lines.keys()].sort().map((name) => `${lines.get(name)}  ${name}
`).join("");
}
async function downloadAsset(req, repoUrl, asset) {
  const first = await call(req, "GET", `${repoUrl}/releases/assets/${asset.id}`, {
    accept: "application/octet-stream"
  });
  if (first.status === 200) return typeof first.data === "string" ? first.data : "";
  if (!first.location) fail(`download the existing ${asset.name}`, first);
  const res = await (await undiciRequest())(first.location, { method: "GET", headers: { "user-agent": "beskid-ci-action" } });
  const text = await res.body.text();
  if (res.statusCode !== 200)
    fail(`download the existing ${asset.name}`, { status: res.statusCode, data: text });
  return text;
}
async function publishRelease(req) {
  const repoUrl = `${req.apiUrl.replace(/\/$/, "")}/repos/${req.repository}`;
  let release;
  const byTag = await call(req, "GET", `${repoUrl}/releases/tags/${encodeURIComponent(req.tag)}`);
  if (byTag.status === 200) release = byTag.data;
  else if (byTag.status !== 404) fail("find the release", byTag);
  if (!release) {
    const list = await call(req, "GET", `${repoUrl}/releases?per_page=100`);
    if (list.status !== 200) fail("list releases", list);
    release = list.data.find((r) => r.draft && r.tag_name === req.tag);
  }
  if (!release) {
    const created = await call(req, "POST", `${repoUrl}/releases`, {
      json: { tag_name: req.tag, name: req.tag, draft: true }
    });
    if (created.status !== 201) fail("create a draft release", created);
    release = created.data;
    req.log(`Created draft release ${release.id} for ${req.tag}.`);
  } else {
    req.log(`Using ${release.draft ? "draft " : ""}release ${release.id} for ${req.tag}.`);
  }
  const existing = await call(req, "GET", `${repoUrl}/releases/${release.id}/assets?per_page=100`);
  if (existing.status !== 200) fail("list release assets", existing);
  const assets = existing.data;
  const uploadBase = release.upload_url.replace(/\{[^}]*\}$/, "");
  const uploads = req.files.map((f) => ({
    name: assetNameOf(f),
    bytes: readFileSync2(f.path),
    type: "application/octet-stream"
  }));
  const oldSums = assets.find((a) => a.name === "SHA256SUMS");
  const previous = oldSums ? await downloadAsset(req, repoUrl, oldSums) : "";
  const kept = new Set(assets.map((a) => a.name).filter((n) => n !== "SHA256SUMS"));
  const sums = sha256sums(req.files, previous, kept);
  uploads.push({ name: "SHA256SUMS", bytes: Buffer.from(sums), type: "text/plain" });
  const names = /* @__PURE__ */ new Set();
  for (const u of uploads) {
    if (names.has(u.name))
      throw new ReleaseError(`Two release assets would be named ${u.name}; rename one output.`);
    names.add(u.name);
    const old = assets.find((a) => a.name === u.name);
    if (old) {
      const del = await call(req, "DELETE", `${repoUrl}/releases/assets/${old.id}`);
      if (del.status !== 204) fail(`replace the asset ${u.name}`, del);
      req.log(`Replacing ${u.name}.`);
    }
    const up = await call(req, "POST", `${uploadBase}?name=${encodeURIComponent(u.name)}`, {
      bytes: u.bytes,
      contentType: u.type
    });
    if (up.status !== 201) fail(`upload ${u.name}`, up);
    req.log(`Uploaded ${u.name} (${u.bytes.length} bytes).`);
  }
  if (release.draft) {
    const pub = await call(req, "PATCH", `${repoUrl}/releases/${release.id}`, { json: { draft: false } });
    if (pub.status !== 200) fail("publish the release", pub);
    release = pub.data;
  }
  return { url: release.html_url, assets: [...names] };
}

// src/action/state.ts
import { existsSync, readFileSync as readFileSync3 } from "node:fs";
import { join as join2 } from "node:path";
function emptyState() {
  return {
    version: 1,
    unannotated: { errors: 0, warnings: 0 },
    diagnostics: { errors: 0, warnings: 0 },
    failures: []
  };
}
var STATE_FILE = "state.json";
function readState(dir) {
  if (!dir) return void 0;
  const path = join2(dir, STATE_FILE);
  if (!existsSync(path)) return void 0;
  try {
    const s = JSON.parse(readFileSync3(path, "utf8"));
    return s.version === 1 ? s : void 0;
  } catch {
    return void 0;
  }
}
function writeState(dir, state) {
  writeFileAtomic(join2(dir, STATE_FILE), JSON.stringify(state, null, 2) + "\n");
}
function conclusionOf(state) {
  if (!state || state.inputErrors?.length) return "invalid-input";
  const failedSteps = new Set(state.failures.map((f) => f.step));
  if (failedSteps.has("resolve") || failedSteps.has("lower") || failedSteps.has("build")) return "failure";
  if (state.tests && (state.tests.summary.failed > 0 || state.tests.summary.timed_out > 0))
    return "tests-failed";
  if (state.failures.length > 0) return "failure";
  return "success";
}

// src/action/summary.ts
var SUMMARY_LIMIT_BYTES = 1024 * 1024 - 4096;
var SLOWEST = 5;
var MAX_MESSAGE = 2e3;
function esc(text) {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
function code(text) {
  return "`" + text.replace(/`/g, "'") + "`";
}
function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
var RESTORE_TEXT = {
  hit: "exact hit",
  "restore-key": "partial hit (restore key)",
  miss: "miss",
  failed: "failed (treated as a miss)",
  disabled: "disabled",
  unavailable: "unavailable (treated as a miss)"
};
var CONCLUSION_TEXT = {
  success: "\u2705 success",
  "tests-failed": "\u274C tests failed",
  failure: "\u274C failure",
  "invalid-input": "\u274C invalid input"
};
function failureLine(t, location) {
  let reason = t.reason ?? t.outcome;
  if (reason.length > MAX_MESSAGE) reason = reason.slice(0, MAX_MESSAGE) + "\u2026";
  return `- **${esc(t.qualified_name)}** (${t.outcome === "timed_out" ? "timed out" : "failed"}) at ${code(location(t))}: ${esc(reason)}`;
}
function renderSummary(input) {
  const limit = input.limitBytes ?? SUMMARY_LIMIT_BYTES;
  const failures = (input.report?.tests ?? []).filter(
    (t) => t.outcome === "failed" || t.outcome === "timed_out"
  );
  let shown = failures.length;
  for (; ; ) {
    const text = render(input, failures, shown);
    if (Buffer.byteLength(text) <= limit || shown === 0) {
      return Buffer.byteLength(text) <= limit ? text : Buffer.from(text).subarray(0, limit - 200).toString("utf8") + "\n\n_(summary truncated to stay under GitHub's 1 MiB limit)_\n";
    }
    shown = Math.floor(shown / 2);
  }
}
function render(input, failures, shown) {
  const { state } = input;
  const out = [];
  const plan = state.plan;
  const title = plan ? `${plan.projectName}${plan.target ? ` \xB7 ${plan.target.label}` : ""}` : state.inputs?.project ?? "project";
  out.push(`## beskid-ci: ${esc(title)}`, "");
  out.push("| | |", "|---|---|");
  out.push(`| Conclusion | ${CONCLUSION_TEXT[input.conclusion]} |`);
  if (plan) {
    const manifest = input.displayPath ? input.displayPath(plan.manifestPath) : plan.manifestPath;
    out.push(`| Project | ${code(plan.projectName)} (${code(manifest)}) |`);
    if (plan.target) out.push(`| Target | ${code(plan.target.label)} (${plan.target.kind}) |`);
    if (plan.unitCount !== void 0) out.push(`| Units in closure | ${plan.unitCount} |`);
  }
  out.push("");
  if (state.inputErrors?.length) {
    out.push("### Invalid input", "", ...state.inputErrors.map((e) => `- ${e}`), "");
  }
  if (state.failures.length) {
    out.push("### Failed steps", "", ...state.failures.map((f) => `- **${f.step}**: ${esc(f.message)}`), "");
  }
  if (state.key || state.restore) {
    out.push("### Cache", "");
    const r = state.restore;
    if (r) {
      out.push(
        `- Restore: **${RESTORE_TEXT[r.kind]}**${r.matchedKey ? ` from ${code(r.matchedKey)}` : ""} (${r.ms} ms) \u2014 ${r.note}`
      );
    }
    if (state.closure) {
      out.push(
        `- Closure hash: ${state.closure.from === "snapshot" ? "from the restored closure snapshot, nothing parsed" : "by reading the import closure"} (${state.closure.ms} ms; ${state.closure.lookups === 2 ? "the newest entry was another closure's, so the exact key was looked up too" : `${state.closure.lookups} cache lookup${state.closure.lookups === 1 ? "" : "s"}`})`
      );
    }
    if (state.save) out.push(`- Save: **${state.save.kind}** \u2014 ${state.save.note}`);
    else if (r?.kind === "hit")
      out.push("- Save: **skipped** \u2014 exact hit, and cache entries are immutable");
    else if (state.policy?.readOnly) out.push(`- Save: **read-only** \u2014 ${state.policy.reason}`);
    else if (state.policy)
      out.push(
        state.lower && !state.lower.ok ? "- Save: **skipped** \u2014 lowering failed (set `cache-save-on-failure: true` to save anyway)" : `- Save: not attempted \u2014 ${state.policy.reason}`
      );
    if (state.lower) {
      const how = state.lower.cacheHit ? `taken from the ${state.lower.source} cache, nothing lowered` : `lowered in ${state.lower.ms} ms`;
      out.push(`- Lowered artifact: ${how}`);
      if (state.lower.artifact) {
        out.push(
          `- Artifact digest: ${code(state.lower.artifact.sha256)} (${formatBytes(state.lower.artifact.bytes)})`
        );
      }
    }
    if (state.key) {
      out.push("", "<details><summary>Cache key</summary>", "");
      out.push(`Primary key: ${code(state.key.primary)}`, "");
      out.push("| Part | Value |", "|---|---|");
      for (const c of state.key.components) out.push(`| ${c.name} | ${code(c.value)} |`);
      out.push("", `Restore keys: ${state.key.restoreKeys.map(code).join(", ")}`, "", "</details>");
    }
    out.push("");
  }
  if (state.build?.outputs.length) {
    out.push("### Outputs", "", "| File | Kind | Size | sha256 |", "|---|---|---|---|");
    for (const o of state.build.outputs) {
      const shown2 = input.displayPath ? input.displayPath(o.path) : o.path;
      out.push(
        `| ${code(shown2)} | ${o.kind} | ${formatBytes(o.bytes)} (${o.bytes} bytes) | ${code(o.sha256)} |`
      );
    }
    if (state.upload) {
      out.push(
        "",
        state.upload.ok ? `Uploaded as artifact ${state.upload.url ? `[${esc(state.upload.name)}](${state.upload.url})` : code(state.upload.name)}.` : `Not uploaded: ${esc(state.upload.note ?? "the upload failed")}`
      );
    }
    out.push("");
  }
  if (state.tests) {
    const s = state.tests.summary;
    out.push("### Tests", "");
    out.push(
      "| Total | Passed | Failed | Skipped | Filtered out | Timed out | Duration |",
      "|---|---|---|---|---|---|---|"
    );
    out.push(
      `| ${s.total} | ${s.passed} | ${s.failed} | ${s.skipped} | ${s.filtered_out} | ${s.timed_out} | ${s.duration_ms} ms |`
    );
    out.push("");
    if (failures.length) {
      out.push("#### Failures", "");
      for (const t of failures.slice(0, shown)) out.push(failureLine(t, input.location));
      const unannotatedTests = state.unannotated.tests ?? 0;
      if (unannotatedTests > 0) {
        out.push(
          "",
          `_${unannotatedTests} failing tests were not annotated (GitHub shows at most 10 error annotations per step)${shown === failures.length ? "; all are listed above" : ""}._`
        );
      }
      if (shown < failures.length) {
        out.push(
          "",
          `_${failures.length - shown} more failures not shown to keep this summary under 1 MiB${input.fullReport ? `; the full report is in ${input.fullReport}` : ""}._`
        );
      }
      out.push("");
    }
    const ran = (input.report?.tests ?? []).filter(
      (t) => t.outcome !== "filtered_out" && t.outcome !== "skipped"
    );
    if (ran.length) {
      const slow = [...ran].sort((a, b) => b.duration_ms - a.duration_ms).slice(0, SLOWEST);
      out.push("#### Slowest tests", "", "| Test | Duration |", "|---|---|");
      for (const t of slow) out.push(`| ${esc(t.qualified_name)} | ${t.duration_ms} ms |`);
      out.push("");
    }
  }
  const d = state.diagnostics;
  const un = state.unannotated;
  if (d.errors || d.warnings || un.errors || un.warnings) {
    out.push("### Diagnostics", "");
    out.push(`${d.errors} errors, ${d.warnings} warnings.`);
    if (un.errors || un.warnings) {
      out.push(
        `${un.errors} errors and ${un.warnings} warnings were not annotated (GitHub shows at most 10 of each per step); see the step logs${input.fullReport ? ` and ${input.fullReport}` : ""}.`
      );
    }
    out.push("");
  }
  if (state.release) {
    out.push("### Release", "");
    out.push(
      state.release.ok ? `Published ${state.release.url ? `[${state.release.url}](${state.release.url})` : ""} with ${(state.release.assets ?? []).map(code).join(", ")}.` : `Not published: ${esc(state.release.note ?? "failed")}`
    );
    out.push("");
  }
  return out.join("\n") + "\n";
}

// src/action/run.ts
var STATE_ENV = "BESKID_ACTION_STATE";
var INPUTS_ENV = "BESKID_INPUTS";
function rawInputs(env) {
  let json;
  const text = env[INPUTS_ENV];
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = void 0;
    }
  }
  return (name) => {
    if (json && name in json) {
      const v = json[name];
      return v === null || v === void 0 ? "" : String(v);
    }
    return env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "";
  };
}
var StepFailure = class extends Error {
};
function fail2(message2) {
  throw new StepFailure(message2);
}
function inputsOf(c) {
  return c.state.inputs ?? fail2("the resolve step did not record valid inputs");
}
function requestOf(c) {
  return c.state.request ?? fail2("the resolve step did not record the project request");
}
function cacheRequest(c) {
  const inputs = inputsOf(c);
  const token = rawInputs(c.s.env)("remote-cache-token") || void 0;
  return {
    enabled: inputs.cache,
    ...c.state.cacheDir ? { dir: c.state.cacheDir } : {},
    ...inputs.remoteCacheUrl ? { remote: { url: inputs.remoteCacheUrl, ...token ? { token } : {} } } : {},
    warn: (m) => c.s.core.warning(`Cache: ${m} (the build goes on)`)
  };
}
function diagKey(d) {
  return `${d.code}|${d.file ?? ""}|${d.start?.line ?? 0}|${d.start?.column ?? 0}|${d.message}`;
}
function reportDiagnostics(c, diagnostics) {
  const baseDir = c.state.request?.cwd ?? c.ctx.workspace;
  const seen = new Set(c.state.seenDiagnostics ?? []);
  for (const d of diagnostics) {
    const k = diagKey(d);
    if (seen.has(k)) continue;
    seen.add(k);
    c.s.core.info(
      renderText(d, {
        color: false,
        sources: (f) => {
          try {
            return readFileSync4(isAbsolute2(f) ? f : resolve2(baseDir, f), "utf8");
          } catch {
            return void 0;
          }
        }
      })
    );
    if (d.severity === "error") c.state.diagnostics.errors++;
    if (d.severity === "warning") c.state.diagnostics.warnings++;
    c.annotate.diagnostic(d, baseDir);
  }
  c.state.seenDiagnostics = [...seen];
}
function errorsIn(diagnostics) {
  return diagnostics.filter((d) => d.severity === "error").length;
}
function workspacePath(c, path) {
  return pathUnder(c.ctx.workspace, path) ?? path;
}
async function resolveStep(c) {
  const { s, ctx, state } = c;
  const parsed = parseInputs(rawInputs(s.env), ctx);
  if (!parsed.ok) {
    state.inputErrors = [...parsed.errors];
    for (const e of parsed.errors) s.core.error(e, { title: "beskid-ci: invalid input" });
    fail2(
      `${parsed.errors.length} invalid input${parsed.errors.length === 1 ? "" : "s"} (see the errors above)`
    );
  }
  const inputs = parsed.inputs;
  state.inputs = inputs;
  const token = rawInputs(s.env)("remote-cache-token");
  if (token) s.core.setSecret(token);
  const request = {
    cwd: ctx.workspace,
    project: inputs.project,
    ...inputs.target ? { target: inputs.target } : {},
    ...inputs.workspaceMember ? { workspaceMember: inputs.workspaceMember } : {},
    lockMode: inputs.lockMode,
    ...inputs.corelibPath ? { corelibRoot: resolve2(ctx.workspace, inputs.corelibPath) } : {},
    command: inputs.build ? "build" : inputs.test ? "test" : "lower"
  };
  state.request = request;
  const res = await s.toolchain.resolve(
    request,
    cacheRequest(c),
    inputs.cache ? { closure: "snapshot" } : {}
  );
  if (res.plan) state.plan = res.plan;
  if (res.cacheDir) state.cacheDir = res.cacheDir;
  reportDiagnostics(c, res.diagnostics);
  if (!res.ok || !res.plan) {
    fail2(`resolving the project failed with ${errorsIn(res.diagnostics)} error(s) (see the annotations)`);
  }
  s.core.info(
    `Project ${res.plan.projectName} (${workspacePath(c, res.plan.manifestPath)})${res.plan.target ? `, target ${res.plan.target.label} (${res.plan.target.kind})` : ""}, ${res.plan.unitCount !== void 0 ? `${res.plan.unitCount} units in the import closure` : "import closure read after the cache restore"}.`
  );
  let cacheOn = inputs.cache;
  if (inputs.cache && res.cacheKey) {
    const key = composeCacheKey(inputs.cacheKeyPrefix, ctx, res.cacheKey);
    if (!key.ok) fail2(key.error);
    state.key = key.key;
    state.pipelineKey = res.cacheKey.key;
    state.policy = savePolicy(inputs.cacheReadOnly, ctx);
    printKey(c, key.key.components, key.key.restoreKeys, `Cache key ${key.key.primary}`);
    s.core.setOutput("cache-primary-key", key.key.primary);
  } else if (inputs.cache && res.keyBase) {
    const base = composeKeyBase(inputs.cacheKeyPrefix, ctx, res.keyBase);
    if (!base.ok) fail2(base.error);
    state.keyBase = base.key;
    state.policy = savePolicy(inputs.cacheReadOnly, ctx);
    printKey(
      c,
      base.key.components,
      base.key.restoreKeys,
      `Cache key ${base.key.restoreKeys[0]}<closure hash>`
    );
  } else if (inputs.cache) {
    s.core.warning("The pipeline gave no cache key; the GitHub cache is skipped for this run.");
    cacheOn = false;
  }
  s.core.setOutput("run-restore", String(cacheOn && !!res.cacheDir));
  s.core.setOutput("run-save", String(cacheOn && !!res.cacheDir && !state.policy?.readOnly));
  s.core.setOutput("run-build", String(inputs.build));
  s.core.setOutput("run-test", String(inputs.test));
  s.core.setOutput("run-release", String(inputs.release));
}
function printKey(c, components, restoreKeys, title) {
  const { s, state } = c;
  s.core.startGroup(title);
  for (const comp of components) s.core.info(`${comp.name.padEnd(16)} ${comp.value}`);
  if (!components.some((comp) => comp.name === "closure hash")) {
    s.core.info(
      `${"closure hash".padEnd(16)} (after the restore: from the restored closure snapshot while it still holds, else by reading the import closure)`
    );
  }
  s.core.info(`${"restore keys".padEnd(16)} ${restoreKeys.join(" , ")}`);
  s.core.info(`${"cache folder".padEnd(16)} ${state.cacheDir ?? "(none)"}`);
  if (state.policy) {
    s.core.info(
      `${"save".padEnd(16)} ${state.policy.readOnly ? "read-only" : "allowed"}: ${state.policy.reason}`
    );
  }
  s.core.endGroup();
}
function cachePaths(c, dir) {
  return [pathUnder(c.ctx.workspace, dir) || dir];
}
async function finishKey(c) {
  const { s, state, ctx } = c;
  const inputs = inputsOf(c);
  const t0 = s.now();
  const res = await s.toolchain.resolve(requestOf(c), cacheRequest(c));
  const ms = Math.round(s.now() - t0);
  if (!res.ok || !res.cacheKey) {
    s.core.info(
      `The import closure has ${errorsIn(res.diagnostics)} error(s), so there is no cache key; the lower step reports them.`
    );
    return void 0;
  }
  const key = composeCacheKey(inputs.cacheKeyPrefix, ctx, res.cacheKey);
  if (!key.ok) fail2(key.error);
  state.key = key.key;
  state.pipelineKey = res.cacheKey.key;
  if (res.plan) state.plan = res.plan;
  const from = res.closureFrom ?? "assembly";
  state.closure = { from, ms, lookups: 0 };
  s.core.info(
    `Import closure: ${res.plan?.unitCount ?? "?"} units, ${from === "snapshot" ? "from the closure snapshot (every recorded file fact still holds; nothing parsed)" : "assembled and parsed (no closure snapshot, or it no longer holds)"} in ${ms} ms.`
  );
  printKey(c, key.key.components, key.key.restoreKeys, `Cache key ${key.key.primary}`);
  s.core.setOutput("cache-primary-key", key.key.primary);
  return key.key;
}
async function deferredLookup(c, paths, base) {
  const { s, state } = c;
  s.core.info(
    `Looking up the newest entry for ${base.restoreKeys[0]}\u2026 (the closure hash is computed after it).`
  );
  const first = await s.cache.restore(paths, base.restoreKeys[0], base.restoreKeys);
  const key = await finishKey(c);
  if (state.closure) state.closure.lookups = 1;
  if (!key || !first.matchedKey || first.matchedKey === key.primary || first.problem) {
    return { ...key ? { key } : {}, outcome: first };
  }
  s.core.info(
    `The newest entry (${first.matchedKey}) is not this closure's; looking up ${key.primary} itself.`
  );
  const second = await s.cache.restore(paths, key.primary, []);
  if (state.closure) state.closure.lookups = 2;
  if (second.matchedKey === key.primary) return { key, outcome: second };
  if (second.problem) {
    s.core.warning(`Looking up the exact cache key failed (${second.problem}); the build goes on.`);
  }
  return { key, outcome: first };
}
async function restoreStep(c) {
  const { s, state } = c;
  if (!state.key && !state.keyBase || !state.cacheDir) {
    state.restore = { kind: "disabled", note: "the cache is off for this run", ms: 0 };
    return;
  }
  if (!s.cache.available()) {
    state.restore = {
      kind: "unavailable",
      note: "the GitHub cache service is not available to this job",
      ms: 0
    };
    s.core.warning(
      "The GitHub cache service is not available here (no results service URL); lowering without it."
    );
    if (!state.key) await finishKey(c);
    return;
  }
  const paths = cachePaths(c, state.cacheDir);
  const t0 = s.now();
  let key = state.key;
  let r;
  if (key) {
    r = await s.cache.restore(paths, key.primary, key.restoreKeys);
  } else {
    const d = await deferredLookup(c, paths, state.keyBase);
    key = d.key;
    r = d.outcome;
  }
  const ms = Math.round(s.now() - t0);
  if (key && r.matchedKey === key.primary) {
    state.restore = {
      kind: "hit",
      matchedKey: r.matchedKey,
      note: "nothing in the import closure changed",
      ms
    };
  } else if (r.matchedKey) {
    state.restore = {
      kind: "restore-key",
      matchedKey: r.matchedKey,
      note: "an older entry of this toolchain was restored; only an unchanged closure can reuse it",
      ms
    };
  } else if (r.problem) {
    state.restore = { kind: "failed", note: r.problem, ms };
    s.core.warning(`Restoring the cache failed (${r.problem}); lowering from scratch, the build goes on.`);
  } else {
    state.restore = { kind: "miss", note: "no entry for this key or its restore keys", ms };
  }
  s.core.info(`Cache ${state.restore.kind}${r.matchedKey ? ` (${r.matchedKey})` : ""} in ${ms} ms.`);
  s.core.setOutput("cache-hit", String(state.restore.kind === "hit"));
  s.core.setOutput("cache-matched-key", r.matchedKey ?? "");
  if (state.restore.kind === "hit") verifyExactHit(c);
}
function verifyExactHit(c) {
  const { s, state } = c;
  if (!state.pipelineKey || !state.cacheDir) return;
  const t0 = s.now();
  const v = new LocalCache(state.cacheDir).verify(state.pipelineKey);
  const ms = Math.round(s.now() - t0);
  if ("problem" in v) {
    s.core.info(`The restored entry's artifact is not usable (${v.problem}); the lower step lowers again.`);
    return;
  }
  state.lower = {
    ok: true,
    cacheHit: true,
    source: "local",
    verifiedBy: "restore",
    artifact: { sha256: v.sha256, bytes: v.bytes },
    timings: { verify: ms },
    ms
  };
  s.core.setOutput("artifact-ready", "true");
  s.core.setOutput("artifact-digest", v.sha256);
  s.core.info(
    `Lowered artifact verified in ${ms} ms (sha256 ${v.sha256}, ${v.bytes} bytes); nothing to lower, the lower step is skipped.`
  );
}
async function lowerStep(c) {
  const { s, state } = c;
  if (state.lower?.verifiedBy === "restore") {
    s.core.info("The restore step verified the exact hit's artifact; nothing to lower.");
    return;
  }
  const t0 = s.now();
  const res = await s.toolchain.lower(requestOf(c), cacheRequest(c));
  const ms = Math.round(s.now() - t0);
  reportDiagnostics(c, res.diagnostics);
  state.lower = {
    ok: res.ok,
    cacheHit: res.cache.hit,
    source: res.cache.source,
    ...res.artifact ? { artifact: { sha256: res.artifact.sha256, bytes: res.artifact.bytes } } : {},
    timings: { ...res.timings },
    ms
  };
  if (!res.ok)
    fail2(`assembling and lowering failed with ${errorsIn(res.diagnostics)} error(s) (see the annotations)`);
  if (res.artifact) s.core.setOutput("artifact-digest", res.artifact.sha256);
  if (res.cache.hit) {
    s.core.info(
      `Lowered artifact taken from the ${res.cache.source} cache in ${ms} ms; nothing was lowered.`
    );
  } else {
    if (state.restore?.kind === "hit") {
      s.core.warning(
        "The restored cache entry held no usable artifact for this key (it failed verification and was discarded); lowered again."
      );
    }
    s.core.info(`Lowered in ${ms} ms.`);
  }
}
function folderHasFiles(dir) {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}
async function saveStep(c) {
  const { s, state } = c;
  const inputs = inputsOf(c);
  const skip = (note) => {
    state.save = { kind: "skipped", note, ms: 0 };
    s.core.info(`Cache save skipped: ${note}.`);
  };
  if (!state.key && state.keyBase) return skip("there is no cache key (the import closure has errors)");
  if (!state.key || !state.cacheDir) return skip("the cache is off for this run");
  if (state.restore?.kind === "hit") return skip("exact hit, and cache entries are immutable");
  if (state.policy?.readOnly) return skip(state.policy.reason);
  if (!state.lower?.ok && !inputs.cacheSaveOnFailure)
    return skip("lowering failed (set `cache-save-on-failure: true` to save anyway)");
  if (!folderHasFiles(state.cacheDir)) return skip("the cache folder is empty");
  if (!s.cache.available()) return skip("the GitHub cache service is not available to this job");
  const t0 = s.now();
  const r = await s.cache.save(cachePaths(c, state.cacheDir), state.key.primary);
  const ms = Math.round(s.now() - t0);
  if (r.saved) {
    state.save = { kind: "saved", note: `saved under ${state.key.primary}`, ms };
    s.core.info(`Cache saved in ${ms} ms.`);
  } else {
    state.save = { kind: "failed", note: r.problem ?? "the cache service refused the entry", ms };
    s.core.warning(`Saving the cache failed (${state.save.note}); the build goes on.`);
  }
}
async function buildStep(c) {
  const { s, state } = c;
  const inputs = inputsOf(c);
  const res = await s.toolchain.build(
    requestOf(c),
    cacheRequest(c),
    inputs.kinds ? { kinds: inputs.kinds } : {}
  );
  reportDiagnostics(c, res.diagnostics);
  state.build = { ok: res.ok, outputs: res.outputs.map((o) => ({ ...o })) };
  if (!res.ok)
    fail2(`building the AOT outputs failed with ${errorsIn(res.diagnostics)} error(s) (see the annotations)`);
  for (const o of res.outputs)
    s.core.info(`${o.kind.padEnd(7)} ${workspacePath(c, o.path)}  ${o.bytes} bytes  sha256 ${o.sha256}`);
  s.core.setOutput("outputs", JSON.stringify(res.outputs.map((o) => workspacePath(c, o.path))));
}
function defaultArtifactName(state, ctx, env) {
  const inputs = { ...state.inputs };
  const hash = sha256Hex(JSON.stringify(inputs, Object.keys(inputs).sort())).slice(0, 8);
  const parts = [
    "beskid",
    state.plan?.projectName ?? "project",
    ...state.plan?.target ? [state.plan.target.label] : [],
    ctx.job,
    env.ImageOS || ctx.os,
    ctx.arch,
    hash,
    ...ctx.runAttempt !== "1" ? [`attempt${ctx.runAttempt}`] : []
  ];
  return parts.join("-").replace(/["<>:|*?\\/\r\n\s]/g, "_");
}
function commonDir(paths) {
  let dir = dirname(paths[0]);
  while (!paths.every((p) => p === dir || p.startsWith(dir + sep))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}
function artifactUrl(ctx, id) {
  if (id === void 0 || !ctx.repository) return void 0;
  return `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}/artifacts/${id}`;
}
async function uploadStep(c) {
  const { s, state, ctx } = c;
  const inputs = inputsOf(c);
  const outputs = state.build?.outputs ?? [];
  const name = inputs.artifactName ?? defaultArtifactName(state, ctx, s.env);
  if (outputs.length === 0) {
    state.upload = { ok: false, name, note: "there were no outputs to upload" };
    s.core.info("Nothing to upload.");
    return;
  }
  const files = outputs.map((o) => o.path);
  try {
    const r = await s.artifact.upload(name, files, commonDir(files), {
      ...inputs.retentionDays !== void 0 ? { retentionDays: inputs.retentionDays } : {},
      compressionLevel: inputs.compressionLevel
    });
    const url = artifactUrl(ctx, r.id);
    state.upload = { ok: true, name, ...r.id !== void 0 ? { id: r.id } : {}, ...url ? { url } : {} };
    s.core.info(`Uploaded ${files.length} file(s) as artifact ${name}${url ? ` (${url})` : ""}.`);
    s.core.setOutput("artifact-id", r.id === void 0 ? "" : String(r.id));
    s.core.setOutput("artifact-url", url ?? "");
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const note = /\b409\b|already exists/i.test(msg) ? `an artifact named \`${name}\` already exists in this workflow run (another job, matrix entry or attempt uploaded it); set \`artifact-name\` to a unique value, for example one that includes \${{ matrix.os }}` : `uploading the artifact \`${name}\` failed: ${msg}`;
    state.upload = { ok: false, name, note };
    fail2(note);
  }
}
function testLocation(c, t) {
  const baseDir = c.state.request?.cwd ?? c.ctx.workspace;
  const file = c.annotate.relativePath(t.file, baseDir) ?? t.file;
  return `${file}:${t.line}`;
}
async function testStep(c) {
  const { s, state, ctx, dir } = c;
  const inputs = inputsOf(c);
  const req = {
    ...inputs.testFilter ? { filter: inputs.testFilter } : {},
    ...inputs.testTags.length ? { includeTags: inputs.testTags } : {},
    ...inputs.testExcludeTags.length ? { excludeTags: inputs.testExcludeTags } : {},
    ...inputs.testGroup ? { group: inputs.testGroup } : {},
    ...inputs.testShard ? { shard: inputs.testShard } : {}
  };
  const res = await s.toolchain.test(requestOf(c), cacheRequest(c), req);
  reportDiagnostics(c, res.diagnostics);
  if (!res.report)
    fail2(`the tests could not run: ${errorsIn(res.diagnostics)} error(s) (see the annotations)`);
  const report = res.report;
  const reportPath = join3(dir, "test-report.json");
  writeFileAtomic(reportPath, renderTestJson(report));
  const suite = state.plan?.target?.label ?? state.plan?.projectName ?? "beskid";
  const junit = renderJunit(report, suite);
  writeFileAtomic(join3(dir, "junit.xml"), junit);
  let junitPath;
  if (inputs.junitPath) {
    junitPath = reportFilePath(ctx.workspace, inputs.junitPath, "junit.xml");
    try {
      writeFileAtomic(junitPath, junit);
    } catch (e) {
      fail2(
        `could not write the JUnit report to \`${inputs.junitPath}\` (input \`junit-path\`): ${e instanceof Error ? e.message : String(e)}`
      );
    }
    s.core.info(`JUnit report written to ${workspacePath(c, junitPath)}.`);
  }
  state.tests = { summary: { ...report.summary }, reportPath, ...junitPath ? { junitPath } : {} };
  s.core.info(renderTestText(report).trimEnd());
  const baseDir = state.request?.cwd ?? ctx.workspace;
  for (const t of report.tests) {
    if (t.outcome === "failed" || t.outcome === "timed_out") c.annotate.failedTest(t, baseDir);
  }
  const sm = report.summary;
  s.core.setOutput("tests-passed", String(sm.passed));
  s.core.setOutput("tests-failed", String(sm.failed + sm.timed_out));
  s.core.setOutput("tests-skipped", String(sm.skipped));
  const bad = sm.failed + sm.timed_out;
  if (bad > 0) {
    if (inputs.failOnTestFailure) fail2(`${bad} of ${sm.total - sm.filtered_out} tests failed`);
    s.core.warning(`${bad} tests failed; not failing the step because \`fail-on-test-failure\` is false.`);
  }
}
function readReport(path) {
  if (!path) return void 0;
  try {
    return JSON.parse(readFileSync4(path, "utf8"));
  } catch {
    return void 0;
  }
}
function allOutputs(state, workspace) {
  const t = state?.tests?.summary;
  const rel = (p) => pathUnder(workspace, p) ?? p;
  return {
    "cache-hit": String(state?.restore?.kind === "hit"),
    "cache-primary-key": state?.key?.primary ?? "",
    "cache-matched-key": state?.restore?.matchedKey ?? "",
    "artifact-digest": state?.lower?.artifact?.sha256 ?? "",
    outputs: JSON.stringify((state?.build?.outputs ?? []).map((o) => rel(o.path))),
    "artifact-id": state?.upload?.id !== void 0 ? String(state.upload.id) : "",
    "artifact-url": state?.upload?.url ?? "",
    "tests-passed": String(t?.passed ?? 0),
    "tests-failed": String((t?.failed ?? 0) + (t?.timed_out ?? 0)),
    "tests-skipped": String(t?.skipped ?? 0),
    conclusion: conclusionOf(state),
    "release-url": state?.release?.url ?? ""
  };
}
async function reportStep(c) {
  const { s, state, ctx, dir } = c;
  const conclusion = conclusionOf(state);
  const report = readReport(state.tests?.reportPath);
  const inputs = state.inputs;
  const reportName = `${inputs?.artifactName ?? defaultArtifactName(state, ctx, s.env)}-report`;
  const location = (t) => testLocation(c, t);
  const full = renderSummary({
    state,
    conclusion,
    report,
    location,
    displayPath: (p) => workspacePath(c, p),
    limitBytes: Number.MAX_SAFE_INTEGER
  });
  writeFileAtomic(join3(dir, "summary.md"), full);
  writeFileAtomic(
    join3(dir, "outputs.json"),
    JSON.stringify(allOutputs(state, ctx.workspace), null, 2) + "\n"
  );
  const wantsUpload = inputs !== void 0 && (inputs.build || inputs.test) && !!s.env.ACTIONS_RUNTIME_TOKEN;
  if (wantsUpload) {
    const files = ["summary.md", "outputs.json", "test-report.json", "junit.xml"].map((f) => join3(dir, f)).filter((f) => existsSync2(f));
    try {
      await s.artifact.upload(reportName, files, dir, {
        ...inputs.retentionDays ? { retentionDays: inputs.retentionDays } : {}
      });
      s.core.info(`Full report uploaded as artifact ${reportName}.`);
    } catch (e) {
      s.core.warning(`Uploading the full report failed (${e instanceof Error ? e.message : String(e)}).`);
    }
  }
  if (inputs?.jobSummary !== false) {
    await s.core.appendSummary(
      renderSummary({
        state,
        conclusion,
        report,
        location,
        displayPath: (p) => workspacePath(c, p),
        fullReport: wantsUpload ? `the artifact \`${reportName}\`` : void 0
      })
    );
  }
  s.core.info(`Conclusion: ${conclusion}.`);
}
async function releaseStep(c) {
  const { s, state, ctx } = c;
  const inputs = inputsOf(c);
  if (!inputs.release) return;
  const token = rawInputs(s.env)("token");
  if (!token)
    fail2(
      "release publishing needs a token: pass `token` (it defaults to github.token) with `contents: write`"
    );
  s.core.setSecret(token);
  const files = (state.build?.outputs ?? []).map((o) => ({
    path: o.path,
    sha256: o.sha256,
    name: releaseAssetName(o.path, o.kind, ctx.os, ctx.arch)
  }));
  if (files.length === 0)
    fail2("there are no outputs to release (is `build` off, or did the build produce nothing?)");
  try {
    const r = await publishRelease({
      apiUrl: ctx.apiUrl,
      repository: ctx.repository,
      tag: ctx.refName,
      token,
      files,
      log: (m) => s.core.info(m)
    });
    state.release = { ok: true, url: r.url, assets: [...r.assets] };
    s.core.setOutput("release-url", r.url);
    if (inputs.jobSummary) {
      await s.core.appendSummary(
        `### Release

Published [${r.url}](${r.url}) with ${r.assets.map((a) => `\`${a}\``).join(", ")}.
`
      );
    }
  } catch (e) {
    const msg = e instanceof ReleaseError || e instanceof Error ? e.message : String(e);
    state.release = { ok: false, note: msg };
    if (inputs.jobSummary) await s.core.appendSummary(`### Release

Not published: ${msg}
`);
    fail2(msg);
  }
}
var HANDLERS = {
  resolve: resolveStep,
  restore: restoreStep,
  lower: lowerStep,
  save: saveStep,
  build: buildStep,
  upload: uploadStep,
  test: testStep,
  report: reportStep,
  release: releaseStep
};
async function runStep(name, s) {
  const ctx = runnerContext(s.env, s.cwd, s.platform, s.arch, s.tmpdir);
  let dir = s.env[STATE_ENV];
  let state;
  if (name === "resolve") {
    mkdirSync(ctx.temp, { recursive: true });
    dir = mkdtempSync(join3(ctx.temp, "beskid-action-"));
    s.core.setOutput("state-dir", dir);
    state = emptyState();
  } else {
    state = readState(dir);
  }
  if (!dir || !state) {
    if (name === "report") {
      for (const [k, v] of Object.entries(allOutputs(void 0, ctx.workspace))) s.core.setOutput(k, v);
      return 0;
    }
    s.core.setFailed(
      `beskid-ci ${name}: no state from the resolve step (is ${STATE_ENV} set from its state-dir output?)`
    );
    return 1;
  }
  const annotate = new Annotator(s.core, ctx.workspace, state.inputs?.annotations ?? true);
  const c = { s, ctx, dir, state, annotate };
  let code2 = 0;
  try {
    await HANDLERS[name](c);
  } catch (e) {
    code2 = 1;
    const message2 = e instanceof StepFailure ? e.message : `internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`;
    state.failures.push({ step: name, message: message2.split("\n")[0] });
    s.core.setFailed(`beskid-ci ${name}: ${message2}`);
  } finally {
    state.unannotated.errors += annotate.dropped.errors;
    state.unannotated.warnings += annotate.dropped.warnings;
    state.unannotated.tests = (state.unannotated.tests ?? 0) + annotate.dropped.tests;
    writeState(dir, state);
  }
  if (name === "report" || name === "resolve" && code2 !== 0) {
    for (const [k, v] of Object.entries(allOutputs(state, ctx.workspace))) s.core.setOutput(k, v);
  }
  if (name === "release") s.core.setOutput("conclusion", conclusionOf(state));
  return code2;
}

// src/action/toolchain.ts
var load = () => import("./pipeline-WSXP3KBC.js");
var loadFront = () => import("./frontend-CTOY3WVF.js");
function pipelineToolchain(env = {}) {
  return {
    resolve: async (req, cache, opts) => (await loadFront()).resolve(req, cache, opts),
    lower: async (req, cache) => (await load()).lower(req, cache),
    build: async (req, cache, b) => (await load()).build(req, cache, b, env),
    test: async (req, cache, t) => (await load()).test(req, cache, t)
  };
}

// src/action/main.ts
async function run(name) {
  tuneEngineForShortRuns();
  try {
    if (process.env.GITHUB_WORKSPACE) process.chdir(process.env.GITHUB_WORKSPACE);
    return await runStep(name, services());
  } catch (e) {
    process.stdout.write(`::error::beskid-ci ${name}: ${e instanceof Error ? e.message : String(e)}
`);
    return 1;
  }
}
function services() {
  return {
    core: realCore(),
    cache: realCache(process.env),
    artifact: realArtifact(),
    toolchain: pipelineToolchain(process.env),
    env: { ...process.env },
    cwd: process.cwd(),
    platform: platform(),
    arch: arch(),
    tmpdir: tmpdir(),
    now: () => performance.now()
  };
}

export {
  run
};
