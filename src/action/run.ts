/**
 * The action's step cores and the one top-level failure handler. `runStep(name, services)`
 * runs one step of the composite action (resolve, restore, lower, save, build, upload, test,
 * report, release) against injected services, records what happened in the state folder
 * the resolve step created, and turns any unexpected exception into one `setFailed` line.
 * It never exits the process and never reads `process.env`: the entry files pass the
 * environment in through `Services`.
 */

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
import type { Diagnostic } from "../diagnostics/index.ts";
import { renderText } from "../diagnostics/index.ts";
import type {
  CacheRequest,
  ProjectRequest,
  TestCaseResult,
  TestReport,
  TestRequest,
} from "../pipeline/api.ts";
import { LocalCache } from "../pipeline/cache.ts";
import { renderJunit, renderTestJson, renderTestText } from "../pipeline/test-report.ts";
import { reportFilePath, sha256Hex, writeFileAtomic } from "../util/fs.ts";
import { pathUnder } from "../util/paths.ts";
import { Annotator } from "./annotate.ts";
import {
  composeCacheKey,
  composeKeyBase,
  savePolicy,
  type ActionCacheKey,
  type ActionKeyBase,
} from "./cache-key.ts";
import { runnerContext, type Env, type RunnerContext } from "./context.ts";
import {
  INPUTS,
  OUTPUTS,
  parseInputs,
  type ActionInputs,
  type InputName,
  type OutputName,
} from "./inputs.ts";
import { publishRelease, releaseAssetName, ReleaseError } from "./release.ts";
import type { RestoreOutcome, Services } from "./services.ts";
import { conclusionOf, emptyState, readState, writeState, type ActionState, type StepName } from "./state.ts";
import { renderSummary } from "./summary.ts";

/** The env var through which later steps find the state folder (set from the resolve output). */
export const STATE_ENV = "BESKID_ACTION_STATE";
/** The env var holding `toJSON(inputs)` in the composite action. */
export const INPUTS_ENV = "BESKID_INPUTS";

export const STEPS: readonly StepName[] = [
  "resolve",
  "restore",
  "lower",
  "save",
  "build",
  "upload",
  "test",
  "report",
  "release",
];

/** Raw input values: from the composite action's JSON of all inputs, else `INPUT_*` variables. */
export function rawInputs(env: Env): (name: InputName) => string {
  let json: Record<string, unknown> | undefined;
  const text = env[INPUTS_ENV];
  if (text) {
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
  }
  return (name) => {
    if (json && name in json) {
      const v = json[name];
      return v === null || v === undefined ? "" : String(v);
    }
    return env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "";
  };
}

interface StepContext {
  readonly s: Services;
  readonly ctx: RunnerContext;
  readonly dir: string;
  readonly state: ActionState;
  readonly annotate: Annotator;
}

class StepFailure extends Error {}

function fail(message: string): never {
  throw new StepFailure(message);
}

function inputsOf(c: StepContext): ActionInputs {
  return c.state.inputs ?? fail("the resolve step did not record valid inputs");
}

function requestOf(c: StepContext): ProjectRequest {
  return c.state.request ?? fail("the resolve step did not record the project request");
}

function cacheRequest(c: StepContext): CacheRequest {
  const inputs = inputsOf(c);
  const token = rawInputs(c.s.env)("remote-cache-token") || undefined;
  return {
    enabled: inputs.cache,
    ...(c.state.cacheDir ? { dir: c.state.cacheDir } : {}),
    ...(inputs.remoteCacheUrl ? { remote: { url: inputs.remoteCacheUrl, ...(token ? { token } : {}) } } : {}),
    warn: (m) => c.s.core.warning(`Cache: ${m} (the build goes on)`),
  };
}

function diagKey(d: Diagnostic): string {
  return `${d.code}|${d.file ?? ""}|${d.start?.line ?? 0}|${d.start?.column ?? 0}|${d.message}`;
}

/** Prints diagnostics to the log and annotates the ones no earlier step annotated. */
function reportDiagnostics(c: StepContext, diagnostics: readonly Diagnostic[]): void {
  // The pipeline names files relative to the request's cwd (the workspace).
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
            return readFileSync(isAbsolute(f) ? f : resolve(baseDir, f), "utf8");
          } catch {
            return undefined;
          }
        },
      }),
    );
    if (d.severity === "error") c.state.diagnostics.errors++;
    if (d.severity === "warning") c.state.diagnostics.warnings++;
    c.annotate.diagnostic(d, baseDir);
  }
  c.state.seenDiagnostics = [...seen];
}

function errorsIn(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((d) => d.severity === "error").length;
}

function workspacePath(c: StepContext, path: string): string {
  return pathUnder(c.ctx.workspace, path) ?? path;
}

// ---- resolve ---------------------------------------------------------------------------

async function resolveStep(c: StepContext): Promise<void> {
  const { s, ctx, state } = c;
  const parsed = parseInputs(rawInputs(s.env), ctx);
  if (!parsed.ok) {
    state.inputErrors = [...parsed.errors];
    for (const e of parsed.errors) s.core.error(e, { title: "beskid-ci: invalid input" });
    fail(
      `${parsed.errors.length} invalid input${parsed.errors.length === 1 ? "" : "s"} (see the errors above)`,
    );
  }
  const inputs = parsed.inputs;
  state.inputs = inputs;
  const token = rawInputs(s.env)("remote-cache-token");
  if (token) s.core.setSecret(token);
  const request: ProjectRequest = {
    cwd: ctx.workspace,
    project: inputs.project,
    ...(inputs.target ? { target: inputs.target } : {}),
    ...(inputs.workspaceMember ? { workspaceMember: inputs.workspaceMember } : {}),
    lockMode: inputs.lockMode,
    ...(inputs.corelibPath ? { corelibRoot: resolve(ctx.workspace, inputs.corelibPath) } : {}),
    command: inputs.build ? "build" : inputs.test ? "test" : "lower",
  };
  state.request = request;
  // With the cache on, the import closure is not read here: the restore step reads it after
  // restoring the cache folder, whose closure snapshot usually spares parsing it. Only a snapshot
  // already on disk (a runner that keeps its workspace) gives the full key now.
  const res = await s.toolchain.resolve(
    request,
    cacheRequest(c),
    inputs.cache ? { closure: "snapshot" } : {},
  );
  if (res.plan) state.plan = res.plan;
  if (res.cacheDir) state.cacheDir = res.cacheDir;
  reportDiagnostics(c, res.diagnostics);
  if (!res.ok || !res.plan) {
    fail(`resolving the project failed with ${errorsIn(res.diagnostics)} error(s) (see the annotations)`);
  }
  s.core.info(
    `Project ${res.plan.projectName} (${workspacePath(c, res.plan.manifestPath)})${res.plan.target ? `, target ${res.plan.target.label} (${res.plan.target.kind})` : ""}, ${res.plan.unitCount !== undefined ? `${res.plan.unitCount} units in the import closure` : "import closure read after the cache restore"}.`,
  );
  let cacheOn = inputs.cache;
  if (inputs.cache && res.cacheKey) {
    const key = composeCacheKey(inputs.cacheKeyPrefix, ctx, res.cacheKey);
    if (!key.ok) fail(key.error);
    state.key = key.key;
    state.pipelineKey = res.cacheKey.key;
    state.policy = savePolicy(inputs.cacheReadOnly, ctx);
    printKey(c, key.key.components, key.key.restoreKeys, `Cache key ${key.key.primary}`);
    s.core.setOutput("cache-primary-key", key.key.primary);
  } else if (inputs.cache && res.keyBase) {
    const base = composeKeyBase(inputs.cacheKeyPrefix, ctx, res.keyBase);
    if (!base.ok) fail(base.error);
    state.keyBase = base.key;
    state.policy = savePolicy(inputs.cacheReadOnly, ctx);
    printKey(
      c,
      base.key.components,
      base.key.restoreKeys,
      `Cache key ${base.key.restoreKeys[0]}<closure hash>`,
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

/** The key's components in a log group; a missing closure hash is said to come later. */
function printKey(
  c: StepContext,
  components: ActionCacheKey["components"],
  restoreKeys: readonly string[],
  title: string,
): void {
  const { s, state } = c;
  s.core.startGroup(title);
  for (const comp of components) s.core.info(`${comp.name.padEnd(16)} ${comp.value}`);
  if (!components.some((comp) => comp.name === "closure hash")) {
    s.core.info(
      `${"closure hash".padEnd(16)} (after the restore: from the restored closure snapshot while it still holds, else by reading the import closure)`,
    );
  }
  s.core.info(`${"restore keys".padEnd(16)} ${restoreKeys.join(" , ")}`);
  s.core.info(`${"cache folder".padEnd(16)} ${state.cacheDir ?? "(none)"}`);
  if (state.policy) {
    s.core.info(
      `${"save".padEnd(16)} ${state.policy.readOnly ? "read-only" : "allowed"}: ${state.policy.reason}`,
    );
  }
  s.core.endGroup();
}

/**
 * The cache folder as the cache client gets it: workspace-relative when inside, because
 * `@actions/cache` hashes the path strings into the entry's version, and the absolute
 * workspace path differs between runners (the steps run with the workspace as cwd).
 */
function cachePaths(c: StepContext, dir: string): string[] {
  return [pathUnder(c.ctx.workspace, dir) || dir];
}

// ---- restore ---------------------------------------------------------------------------

/**
 * The full key when the resolve step left the closure to this step: the pipeline's own resolve
 * against the (restored) cache folder, which takes the closure from the closure snapshot when
 * every fact it recorded still holds (each probed file's existence, each read file's SHA-256,
 * each realpath), and otherwise assembles the closure and parses it. Either way the closure hash
 * is the one a full assembly of the current files gives. Undefined when the closure has errors
 * (the lower step reports them).
 */
async function finishKey(c: StepContext): Promise<ActionCacheKey | undefined> {
  const { s, state, ctx } = c;
  const inputs = inputsOf(c);
  const t0 = s.now();
  const res = await s.toolchain.resolve(requestOf(c), cacheRequest(c));
  const ms = Math.round(s.now() - t0);
  if (!res.ok || !res.cacheKey) {
    s.core.info(
      `The import closure has ${errorsIn(res.diagnostics)} error(s), so there is no cache key; the lower step reports them.`,
    );
    return undefined;
  }
  const key = composeCacheKey(inputs.cacheKeyPrefix, ctx, res.cacheKey);
  if (!key.ok) fail(key.error);
  state.key = key.key;
  state.pipelineKey = res.cacheKey.key;
  if (res.plan) state.plan = res.plan;
  const from = res.closureFrom ?? "assembly";
  state.closure = { from, ms, lookups: 0 };
  s.core.info(
    `Import closure: ${res.plan?.unitCount ?? "?"} units, ${from === "snapshot" ? "from the closure snapshot (every recorded file fact still holds; nothing parsed)" : "assembled and parsed (no closure snapshot, or it no longer holds)"} in ${ms} ms.`,
  );
  printKey(c, key.key.components, key.key.restoreKeys, `Cache key ${key.key.primary}`);
  s.core.setOutput("cache-primary-key", key.key.primary);
  return key.key;
}

/**
 * Looks the cache up when the resolve step could not know the closure hash: first by the
 * closure-independent prefix (the newest entry of this project, toolchain and options), then,
 * with that entry's closure snapshot in the folder, computes the exact key; an entry whose key
 * is the exact key is an exact hit. When the newest entry is another one, the cache is asked
 * once more for the exact key, so an older exact entry is still found.
 */
async function deferredLookup(
  c: StepContext,
  paths: string[],
  base: ActionKeyBase,
): Promise<{ key?: ActionCacheKey; outcome: RestoreOutcome }> {
  const { s, state } = c;
  s.core.info(
    `Looking up the newest entry for ${base.restoreKeys[0]}… (the closure hash is computed after it).`,
  );
  const first = await s.cache.restore(paths, base.restoreKeys[0]!, base.restoreKeys);
  const key = await finishKey(c);
  if (state.closure) state.closure.lookups = 1;
  if (!key || !first.matchedKey || first.matchedKey === key.primary || first.problem) {
    return { ...(key ? { key } : {}), outcome: first };
  }
  s.core.info(
    `The newest entry (${first.matchedKey}) is not this closure's; looking up ${key.primary} itself.`,
  );
  const second = await s.cache.restore(paths, key.primary, []);
  if (state.closure) state.closure.lookups = 2;
  if (second.matchedKey === key.primary) return { key, outcome: second };
  if (second.problem) {
    s.core.warning(`Looking up the exact cache key failed (${second.problem}); the build goes on.`);
  }
  // The folder still holds the first entry: a restore-key hit.
  return { key, outcome: first };
}

async function restoreStep(c: StepContext): Promise<void> {
  const { s, state } = c;
  if ((!state.key && !state.keyBase) || !state.cacheDir) {
    state.restore = { kind: "disabled", note: "the cache is off for this run", ms: 0 };
    return;
  }
  if (!s.cache.available()) {
    state.restore = {
      kind: "unavailable",
      note: "the GitHub cache service is not available to this job",
      ms: 0,
    };
    s.core.warning(
      "The GitHub cache service is not available here (no results service URL); lowering without it.",
    );
    if (!state.key) await finishKey(c);
    return;
  }
  const paths = cachePaths(c, state.cacheDir);
  const t0 = s.now();
  let key = state.key;
  let r: RestoreOutcome;
  if (key) {
    r = await s.cache.restore(paths, key.primary, key.restoreKeys);
  } else {
    const d = await deferredLookup(c, paths, state.keyBase!);
    key = d.key;
    r = d.outcome;
  }
  const ms = Math.round(s.now() - t0);
  if (key && r.matchedKey === key.primary) {
    state.restore = {
      kind: "hit",
      matchedKey: r.matchedKey,
      note: "nothing in the import closure changed",
      ms,
    };
  } else if (r.matchedKey) {
    state.restore = {
      kind: "restore-key",
      matchedKey: r.matchedKey,
      note: "an older entry of this toolchain was restored; only an unchanged closure can reuse it",
      ms,
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

/**
 * On an exact hit nothing in the closure changed, so the artifact under the pipeline's key is
 * the one to use: check it here (digest, magic, schema, length; no decoding, no compiler
 * loaded) and record it as the lowering's result. `artifact-ready` then skips the lower step.
 * A bad entry is removed and the lower step runs and lowers again.
 */
function verifyExactHit(c: StepContext): void {
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
    ms,
  };
  s.core.setOutput("artifact-ready", "true");
  s.core.setOutput("artifact-digest", v.sha256);
  s.core.info(
    `Lowered artifact verified in ${ms} ms (sha256 ${v.sha256}, ${v.bytes} bytes); nothing to lower, the lower step is skipped.`,
  );
}

// ---- lower -----------------------------------------------------------------------------

async function lowerStep(c: StepContext): Promise<void> {
  const { s, state } = c;
  if (state.lower?.verifiedBy === "restore") {
    // action.yml skips this step then; run anyway, it has nothing to add.
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
    ...(res.artifact ? { artifact: { sha256: res.artifact.sha256, bytes: res.artifact.bytes } } : {}),
    timings: { ...res.timings },
    ms,
  };
  if (!res.ok)
    fail(`assembling and lowering failed with ${errorsIn(res.diagnostics)} error(s) (see the annotations)`);
  if (res.artifact) s.core.setOutput("artifact-digest", res.artifact.sha256);
  if (res.cache.hit) {
    s.core.info(
      `Lowered artifact taken from the ${res.cache.source} cache in ${ms} ms; nothing was lowered.`,
    );
  } else {
    if (state.restore?.kind === "hit") {
      s.core.warning(
        "The restored cache entry held no usable artifact for this key (it failed verification and was discarded); lowered again.",
      );
    }
    s.core.info(`Lowered in ${ms} ms.`);
  }
}

// ---- save ------------------------------------------------------------------------------

function folderHasFiles(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

async function saveStep(c: StepContext): Promise<void> {
  const { s, state } = c;
  const inputs = inputsOf(c);
  const skip = (note: string) => {
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

// ---- build -----------------------------------------------------------------------------

async function buildStep(c: StepContext): Promise<void> {
  const { s, state } = c;
  const inputs = inputsOf(c);
  const res = await s.toolchain.build(
    requestOf(c),
    cacheRequest(c),
    inputs.kinds ? { kinds: inputs.kinds } : {},
  );
  reportDiagnostics(c, res.diagnostics);
  state.build = { ok: res.ok, outputs: res.outputs.map((o) => ({ ...o })) };
  if (!res.ok)
    fail(`building the AOT outputs failed with ${errorsIn(res.diagnostics)} error(s) (see the annotations)`);
  for (const o of res.outputs)
    s.core.info(`${o.kind.padEnd(7)} ${workspacePath(c, o.path)}  ${o.bytes} bytes  sha256 ${o.sha256}`);
  s.core.setOutput("outputs", JSON.stringify(res.outputs.map((o) => workspacePath(c, o.path))));
}

// ---- upload ----------------------------------------------------------------------------

/**
 * Unique per job and matrix entry: composite actions cannot see the `matrix` context, so the
 * name carries the job, the runner image, the platform and a hash of this step's inputs
 * (matrix values reach the action through its inputs), plus the attempt on a re-run.
 */
export function defaultArtifactName(state: ActionState, ctx: RunnerContext, env: Env): string {
  const inputs = { ...state.inputs } as Record<string, unknown>;
  const hash = sha256Hex(JSON.stringify(inputs, Object.keys(inputs).sort())).slice(0, 8);
  const parts = [
    "beskid",
    state.plan?.projectName ?? "project",
    ...(state.plan?.target ? [state.plan.target.label] : []),
    ctx.job,
    env.ImageOS || ctx.os,
    ctx.arch,
    hash,
    ...(ctx.runAttempt !== "1" ? [`attempt${ctx.runAttempt}`] : []),
  ];
  return parts.join("-").replace(/["<>:|*?\\/\r\n\s]/g, "_");
}

function commonDir(paths: readonly string[]): string {
  let dir = dirname(paths[0]!);
  while (!paths.every((p) => p === dir || p.startsWith(dir + sep))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

function artifactUrl(ctx: RunnerContext, id: number | undefined): string | undefined {
  if (id === undefined || !ctx.repository) return undefined;
  return `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}/artifacts/${id}`;
}

async function uploadStep(c: StepContext): Promise<void> {
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
      ...(inputs.retentionDays !== undefined ? { retentionDays: inputs.retentionDays } : {}),
      compressionLevel: inputs.compressionLevel,
    });
    const url = artifactUrl(ctx, r.id);
    state.upload = { ok: true, name, ...(r.id !== undefined ? { id: r.id } : {}), ...(url ? { url } : {}) };
    s.core.info(`Uploaded ${files.length} file(s) as artifact ${name}${url ? ` (${url})` : ""}.`);
    s.core.setOutput("artifact-id", r.id === undefined ? "" : String(r.id));
    s.core.setOutput("artifact-url", url ?? "");
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const note = /\b409\b|already exists/i.test(msg)
      ? `an artifact named \`${name}\` already exists in this workflow run (another job, matrix entry or attempt uploaded it); set \`artifact-name\` to a unique value, for example one that includes \${{ matrix.os }}`
      : `uploading the artifact \`${name}\` failed: ${msg}`;
    state.upload = { ok: false, name, note };
    fail(note);
  }
}

// ---- test ------------------------------------------------------------------------------

function testLocation(c: StepContext, t: TestCaseResult): string {
  const baseDir = c.state.request?.cwd ?? c.ctx.workspace;
  const file = c.annotate.relativePath(t.file, baseDir) ?? t.file;
  return `${file}:${t.line}`;
}

async function testStep(c: StepContext): Promise<void> {
  const { s, state, ctx, dir } = c;
  const inputs = inputsOf(c);
  const req: TestRequest = {
    ...(inputs.testFilter ? { filter: inputs.testFilter } : {}),
    ...(inputs.testTags.length ? { includeTags: inputs.testTags } : {}),
    ...(inputs.testExcludeTags.length ? { excludeTags: inputs.testExcludeTags } : {}),
    ...(inputs.testGroup ? { group: inputs.testGroup } : {}),
    ...(inputs.testShard ? { shard: inputs.testShard } : {}),
  };
  const res = await s.toolchain.test(requestOf(c), cacheRequest(c), req);
  reportDiagnostics(c, res.diagnostics);
  // A report means the tests ran (whatever `ok` says about failing ones); none means they could not.
  if (!res.report)
    fail(`the tests could not run: ${errorsIn(res.diagnostics)} error(s) (see the annotations)`);
  const report = res.report;
  const reportPath = join(dir, "test-report.json");
  writeFileAtomic(reportPath, renderTestJson(report));
  const suite = state.plan?.target?.label ?? state.plan?.projectName ?? "beskid";
  const junit = renderJunit(report, suite);
  writeFileAtomic(join(dir, "junit.xml"), junit);
  let junitPath: string | undefined;
  if (inputs.junitPath) {
    // A folder (an existing one, or a path ending in a slash) gets junit.xml inside it.
    junitPath = reportFilePath(ctx.workspace, inputs.junitPath, "junit.xml");
    try {
      writeFileAtomic(junitPath, junit);
    } catch (e) {
      fail(
        `could not write the JUnit report to \`${inputs.junitPath}\` (input \`junit-path\`): ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    s.core.info(`JUnit report written to ${workspacePath(c, junitPath)}.`);
  }
  state.tests = { summary: { ...report.summary }, reportPath, ...(junitPath ? { junitPath } : {}) };
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
    if (inputs.failOnTestFailure) fail(`${bad} of ${sm.total - sm.filtered_out} tests failed`);
    s.core.warning(`${bad} tests failed; not failing the step because \`fail-on-test-failure\` is false.`);
  }
}

// ---- report ----------------------------------------------------------------------------

function readReport(path: string | undefined): TestReport | undefined {
  if (!path) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as TestReport;
  } catch {
    return undefined;
  }
}

/** Every output gets a value, so `steps.<id>.outputs.*` never reads as missing. */
export function allOutputs(state: ActionState | undefined, workspace: string): Record<OutputName, string> {
  const t = state?.tests?.summary;
  const rel = (p: string) => pathUnder(workspace, p) ?? p;
  return {
    "cache-hit": String(state?.restore?.kind === "hit"),
    "cache-primary-key": state?.key?.primary ?? "",
    "cache-matched-key": state?.restore?.matchedKey ?? "",
    "artifact-digest": state?.lower?.artifact?.sha256 ?? "",
    outputs: JSON.stringify((state?.build?.outputs ?? []).map((o) => rel(o.path))),
    "artifact-id": state?.upload?.id !== undefined ? String(state.upload.id) : "",
    "artifact-url": state?.upload?.url ?? "",
    "tests-passed": String(t?.passed ?? 0),
    "tests-failed": String((t?.failed ?? 0) + (t?.timed_out ?? 0)),
    "tests-skipped": String(t?.skipped ?? 0),
    conclusion: conclusionOf(state),
    "release-url": state?.release?.url ?? "",
  };
}

async function reportStep(c: StepContext): Promise<void> {
  const { s, state, ctx, dir } = c;
  const conclusion = conclusionOf(state);
  const report = readReport(state.tests?.reportPath);
  const inputs = state.inputs;
  const reportName = `${inputs?.artifactName ?? defaultArtifactName(state, ctx, s.env)}-report`;
  const location = (t: TestCaseResult) => testLocation(c, t);
  const full = renderSummary({
    state,
    conclusion,
    report,
    location,
    displayPath: (p) => workspacePath(c, p),
    limitBytes: Number.MAX_SAFE_INTEGER,
  });
  writeFileAtomic(join(dir, "summary.md"), full);
  writeFileAtomic(
    join(dir, "outputs.json"),
    JSON.stringify(allOutputs(state, ctx.workspace), null, 2) + "\n",
  );
  const wantsUpload = inputs !== undefined && (inputs.build || inputs.test) && !!s.env.ACTIONS_RUNTIME_TOKEN;
  if (wantsUpload) {
    const files = ["summary.md", "outputs.json", "test-report.json", "junit.xml"]
      .map((f) => join(dir, f))
      .filter((f) => existsSync(f));
    try {
      await s.artifact.upload(reportName, files, dir, {
        ...(inputs.retentionDays ? { retentionDays: inputs.retentionDays } : {}),
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
        fullReport: wantsUpload ? `the artifact \`${reportName}\`` : undefined,
      }),
    );
  }
  s.core.info(`Conclusion: ${conclusion}.`);
}

// ---- release ---------------------------------------------------------------------------

async function releaseStep(c: StepContext): Promise<void> {
  const { s, state, ctx } = c;
  const inputs = inputsOf(c);
  if (!inputs.release) return;
  const token = rawInputs(s.env)("token");
  if (!token)
    fail(
      "release publishing needs a token: pass `token` (it defaults to github.token) with `contents: write`",
    );
  s.core.setSecret(token);
  const files = (state.build?.outputs ?? []).map((o) => ({
    path: o.path,
    sha256: o.sha256,
    name: releaseAssetName(o.path, o.kind, ctx.os, ctx.arch),
  }));
  if (files.length === 0)
    fail("there are no outputs to release (is `build` off, or did the build produce nothing?)");
  try {
    const r = await publishRelease({
      apiUrl: ctx.apiUrl,
      repository: ctx.repository,
      tag: ctx.refName,
      token,
      files,
      log: (m) => s.core.info(m),
    });
    state.release = { ok: true, url: r.url, assets: [...r.assets] };
    s.core.setOutput("release-url", r.url);
    if (inputs.jobSummary) {
      await s.core.appendSummary(
        `### Release\n\nPublished [${r.url}](${r.url}) with ${r.assets.map((a) => `\`${a}\``).join(", ")}.\n`,
      );
    }
  } catch (e) {
    const msg = e instanceof ReleaseError || e instanceof Error ? e.message : String(e);
    state.release = { ok: false, note: msg };
    if (inputs.jobSummary) await s.core.appendSummary(`### Release\n\nNot published: ${msg}\n`);
    fail(msg);
  }
}

const HANDLERS: Record<StepName, (c: StepContext) => Promise<void>> = {
  resolve: resolveStep,
  restore: restoreStep,
  lower: lowerStep,
  save: saveStep,
  build: buildStep,
  upload: uploadStep,
  test: testStep,
  report: reportStep,
  release: releaseStep,
};

/**
 * Runs one step; returns the exit code (0 or 1). The one failure handler: a `StepFailure`
 * is an expected, explained failure; anything else is reported as an internal error.
 * Either way the state is written and, for the report step, every output is set.
 */
export async function runStep(name: StepName, s: Services): Promise<number> {
  const ctx = runnerContext(s.env, s.cwd, s.platform, s.arch, s.tmpdir);
  let dir = s.env[STATE_ENV];
  let state: ActionState | undefined;
  if (name === "resolve") {
    mkdirSync(ctx.temp, { recursive: true });
    dir = mkdtempSync(join(ctx.temp, "beskid-action-"));
    s.core.setOutput("state-dir", dir);
    state = emptyState();
  } else {
    state = readState(dir);
  }
  if (!dir || !state) {
    if (name === "report") {
      for (const [k, v] of Object.entries(allOutputs(undefined, ctx.workspace))) s.core.setOutput(k, v);
      return 0;
    }
    s.core.setFailed(
      `beskid-ci ${name}: no state from the resolve step (is ${STATE_ENV} set from its state-dir output?)`,
    );
    return 1;
  }
  const annotate = new Annotator(s.core, ctx.workspace, state.inputs?.annotations ?? true);
  const c: StepContext = { s, ctx, dir, state, annotate };
  let code = 0;
  try {
    await HANDLERS[name](c);
  } catch (e) {
    code = 1;
    const message =
      e instanceof StepFailure
        ? e.message
        : `internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    state.failures.push({ step: name, message: message.split("\n")[0]! });
    s.core.setFailed(`beskid-ci ${name}: ${message}`);
  } finally {
    state.unannotated.errors += annotate.dropped.errors;
    state.unannotated.warnings += annotate.dropped.warnings;
    state.unannotated.tests = (state.unannotated.tests ?? 0) + annotate.dropped.tests;
    writeState(dir, state);
  }
  if (name === "report" || (name === "resolve" && code !== 0)) {
    for (const [k, v] of Object.entries(allOutputs(state, ctx.workspace))) s.core.setOutput(k, v);
  }
  // The release step runs after the report step, so it restates the conclusion it may have changed.
  if (name === "release") s.core.setOutput("conclusion", conclusionOf(state));
  return code;
}

/** The input and output tables, re-exported for action.yml checks and docs. */
export { INPUTS, OUTPUTS };
