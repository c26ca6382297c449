/**
 * The action's pure pieces at their boundaries: input validation, the cache key and the
 * read-only policy, the annotation budget, the summary size limit, and action.yml kept in
 * step with the input/output tables and the step list.
 */

import test from "ava";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Annotator } from "../../src/action/annotate.ts";
import { composeCacheKey, savePolicy } from "../../src/action/cache-key.ts";
import { runnerContext, type RunnerContext } from "../../src/action/context.ts";
import { INPUTS, OUTPUTS, parseInputs, type InputName } from "../../src/action/inputs.ts";
import { STEPS } from "../../src/action/run.ts";
import type { ActionCore, AnnotationProps } from "../../src/action/services.ts";
import { emptyState } from "../../src/action/state.ts";
import { releaseAssetName } from "../../src/action/release.ts";
import { renderSummary } from "../../src/action/summary.ts";
import type { TestCaseResult } from "../../src/pipeline/api.ts";
import { ROOT } from "./helpers.ts";
import { RUNTIME_VARS, runtimeVarsByStep } from "../fakes/github/runner.ts";

function ctx(env: Record<string, string> = {}): RunnerContext {
  return runnerContext({ GITHUB_REF: "refs/heads/main", ...env }, "/ws", "linux", "x64", "/tmp");
}

function check(raw: Partial<Record<InputName, string>>, c = ctx()) {
  return parseInputs((name) => raw[name] ?? "", c);
}

function errorsOf(raw: Partial<Record<InputName, string>>, c = ctx()): string[] {
  const r = check(raw, c);
  return r.ok ? [] : [...r.errors];
}

test("defaults parse to the documented behaviour", (t) => {
  const r = check({});
  t.true(r.ok);
  if (!r.ok) return;
  t.is(r.inputs.project, ".");
  t.true(r.inputs.cache);
  t.true(r.inputs.build);
  t.false(r.inputs.test);
  t.true(r.inputs.failOnTestFailure);
  t.is(r.inputs.cacheReadOnly, undefined);
  t.is(r.inputs.compressionLevel, 6);
  t.is(r.inputs.lockMode, "default");
});

test("every bad input gets a sentence naming it, what was given and what is valid", (t) => {
  t.deepEqual(errorsOf({ kinds: "exe, wasm,dll" }), [
    "Input `kinds` has an unknown kind `dll`; valid kinds are exe, shared, static, object, wasm.",
  ]);
  for (const shard of ["0/2", "3/2", "1-2", "a/b", "2"]) {
    t.regex(errorsOf({ "test-shard": shard })[0] ?? "", /`test-shard` must be `i\/n` with 1 <= i <= n/);
  }
  t.deepEqual(errorsOf({ "test-shard": "2/4" }), []);
  t.regex(errorsOf({ test: "yes" })[0]!, /`test` must be `true` or `false`, got `yes`/);
  t.regex(errorsOf({ "cache-key-prefix": "a,b" })[0]!, /must not contain a comma/);
  t.regex(errorsOf({ "cache-key-prefix": "x".repeat(300) })[0]!, /300 characters long/);
  t.regex(errorsOf({ "retention-days": "91" })[0]!, /`retention-days` must be a whole number from 1 to 90/);
  t.regex(
    errorsOf({ "compression-level": "10" })[0]!,
    /`compression-level` must be a whole number from 0 to 9/,
  );
  t.regex(errorsOf({ locked: "maybe" })[0]!, /`locked` must be `true`, `false` or `frozen`/);
  t.regex(errorsOf({ release: "true" })[0]!, /`release: true` needs a tag ref .* `refs\/heads\/main`/);
  t.deepEqual(errorsOf({ release: "true" }, ctx({ GITHUB_REF: "refs/tags/v1.0.0" })), []);
  t.regex(
    errorsOf({ release: "true", build: "false" }, ctx({ GITHUB_REF: "refs/tags/v1" }))[0]!,
    /needs `build: true`/,
  );
  t.regex(errorsOf({ "artifact-name": "a/b" })[0]!, /`artifact-name` must not contain/);
  t.is(errorsOf({ kinds: "dll", test: "nope", release: "true" }).length, 3, "all problems at once");
});

test("cache key: every component in order, restore keys drop trailing parts, length checked", (t) => {
  const key = {
    key: "0.1.0-s1-abcd-ef01",
    components: { toolchain: "0.1.0", schema: "s1", options: "abcd", closure: "ef01" },
  };
  const r = composeCacheKey("v1", ctx({ RUNNER_OS: "Linux", RUNNER_ARCH: "X64" }), key);
  t.true(r.ok);
  if (!r.ok) return;
  t.is(r.key.primary, "beskid-v1-linux-x64-0.1.0-s1-abcd-ef01");
  t.deepEqual(r.key.restoreKeys, ["beskid-v1-linux-x64-0.1.0-s1-abcd-", "beskid-v1-linux-x64-0.1.0-s1-"]);
  t.deepEqual(
    r.key.components.map((c) => c.name),
    ["prefix", "os", "arch", "toolchain", "artifact schema", "options hash", "closure hash"],
  );
  const long = composeCacheKey("p".repeat(520), ctx(), key);
  t.false(long.ok);
  if (!long.ok) t.regex(long.error, /GitHub allows 512/);
});

test("read-only off the default branch unless configured", (t) => {
  const withDefault = (ref: string) =>
    ({ ...ctx({ GITHUB_REF: ref }), defaultBranch: "main" }) as RunnerContext;
  t.false(savePolicy(undefined, withDefault("refs/heads/main")).readOnly);
  t.true(savePolicy(undefined, withDefault("refs/heads/feature")).readOnly);
  t.regex(savePolicy(undefined, withDefault("refs/pull/1/merge")).reason, /not the default branch `main`/);
  t.true(savePolicy(undefined, withDefault("refs/tags/v1")).readOnly);
  t.false(savePolicy(false, withDefault("refs/pull/1/merge")).readOnly);
  t.true(savePolicy(true, withDefault("refs/heads/main")).readOnly);
  t.true(savePolicy(undefined, ctx()).readOnly, "unknown default branch: read-only");
});

function recordingCore(): ActionCore & {
  calls: { kind: string; message: string; props?: AnnotationProps }[];
} {
  const calls: { kind: string; message: string; props?: AnnotationProps }[] = [];
  const noop = () => undefined;
  return {
    calls,
    info: noop,
    warning: (message, props) => void calls.push({ kind: "warning", message, props }),
    error: (message, props) => void calls.push({ kind: "error", message, props }),
    startGroup: noop,
    endGroup: noop,
    setOutput: noop,
    setFailed: noop,
    setSecret: noop,
    appendSummary: async () => undefined,
  };
}

test("annotations: at most 10 errors and 10 warnings, duplicates dropped, paths workspace-relative", (t) => {
  const core = recordingCore();
  const a = new Annotator(core, "/ws", true);
  for (let i = 0; i < 14; i++) a.emit("error", `e${i}`, "T", "Src/A.bd", i + 1);
  for (let i = 0; i < 3; i++) a.emit("error", "e0", "T", "Src/A.bd", 1);
  for (let i = 0; i < 12; i++) a.emit("warning", `w${i}`, "T");
  t.is(core.calls.filter((c) => c.kind === "error").length, 10);
  t.is(core.calls.filter((c) => c.kind === "warning").length, 10);
  t.deepEqual(a.dropped, { errors: 4, warnings: 2, tests: 0 });
  t.deepEqual(core.calls[0]!.props, { title: "T", file: "Src/A.bd", startLine: 1 });
  t.is(a.relativePath("/ws/Src/B.bd", "/ws"), "Src/B.bd");
  t.is(a.relativePath("Src/B.bd", "/ws"), "Src/B.bd");
  t.is(a.relativePath("/elsewhere/B.bd", "/ws"), undefined, "outside the repository: no file annotation");
  const off = new Annotator(core, "/ws", false);
  off.emit("error", "x", "T");
  t.is(core.calls.length, 20, "annotations: false emits none");
});

test("summary: failures are cut to stay under the limit, with a note", (t) => {
  const tests: TestCaseResult[] = Array.from({ length: 3000 }, (_, i) => ({
    name: `T${i}`,
    qualified_name: `Main::T${i}`,
    outcome: "failed",
    reason: "x".repeat(500),
    duration_ms: i,
    file: "Src/Main.bd",
    line: i + 1,
  }));
  const state = emptyState();
  state.tests = {
    summary: {
      total: 3000,
      passed: 0,
      failed: 3000,
      skipped: 0,
      filtered_out: 0,
      timed_out: 0,
      duration_ms: 10,
    },
    reportPath: "",
  };
  const text = renderSummary({
    state,
    conclusion: "tests-failed",
    report: { summary: state.tests.summary, tests },
    location: (x) => `${x.file}:${x.line}`,
    fullReport: "the artifact `r`",
  });
  t.true(Buffer.byteLength(text) < 1024 * 1024);
  t.regex(
    text,
    /more failures not shown to keep this summary under 1 MiB; the full report is in the artifact `r`/,
  );
  t.regex(text, /\| 3000 \| 0 \| 3000 \|/);
  t.regex(text, /#### Slowest tests\n\n\| Test \| Duration \|\n\|---\|---\|\n\| Main::T2999 \| 2999 ms \|/);
});

test("action.yml declares exactly the tables' inputs and outputs, and one step per core", (t) => {
  const yml = readFileSync(join(ROOT, "action.yml"), "utf8");
  const section = (name: string, next: string) =>
    yml.slice(yml.indexOf(`\n${name}:\n`), yml.indexOf(`\n${next}:\n`));
  const names = (text: string) => [...text.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]);
  t.deepEqual(names(section("inputs", "outputs")), Object.keys(INPUTS));
  t.deepEqual(names(section("outputs", "runs")), Object.keys(OUTPUTS));
  for (const [name, spec] of Object.entries(INPUTS)) {
    t.true(
      yml.includes(
        `  ${name}:\n    description: ${JSON.stringify(spec.description)}\n    required: false\n    default: ${JSON.stringify(spec.default)}\n`,
      ),
      name,
    );
  }
  const scripts = [...yml.matchAll(/dist\/action-([a-z]+)\.js/g)].map((m) => m[1]);
  t.deepEqual(scripts, [...STEPS]);
  t.regex(yml, /using: "composite"/);
  t.regex(yml, /needs Node\.js 20 or newer/);
});

test("the runner services' variables reach exactly the steps that use them, from a JavaScript step", (t) => {
  // A composite action's `run:` steps never get ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL from
  // the runner (actions/runner#3046); without the hand-over the cache and artifacts never work.
  const yml = readFileSync(join(ROOT, "action.yml"), "utf8");
  const runtime = yml.slice(yml.indexOf("id: runtime"), yml.indexOf('- name: "beskid-ci: resolve"'));
  t.regex(runtime, /uses: actions\/github-script@v\d+/);
  for (const v of RUNTIME_VARS) t.true(runtime.includes(`process.env[name]`) && yml.includes(v), v);
  const byStep = runtimeVarsByStep(yml);
  for (const step of ["restore", "save", "upload", "report"])
    t.deepEqual(byStep[step], [...RUNTIME_VARS], step);
  // The steps that run project code (tests through the JIT) never see the runtime token.
  for (const step of ["resolve", "lower", "build", "test", "release"]) t.deepEqual(byStep[step], [], step);
});

test("release asset names carry the platform between stem and extension", (t) => {
  const name = (file: string, kind: string, os = "linux", arch = "x64") =>
    releaseAssetName(`/w/obj/beskid/build/App/${file}`, kind, os, arch);
  t.is(name("Greeter", "exe"), "Greeter-linux-x64");
  t.is(name("Greeter.exe", "exe", "windows"), "Greeter-windows-x64.exe");
  t.is(name("My.Tool", "exe", "macOS", "ARM64"), "My.Tool-macos-arm64", "a dotted stem is no extension");
  t.is(name("libGreeter.so", "shared"), "libGreeter-linux-x64.so");
  t.is(name("libGreeter.a", "static", "macos"), "libGreeter-macos-x64.a");
  t.is(name("Greeter.obj", "object", "windows"), "Greeter-windows-x64.obj");
  t.is(name("Greeter.wasm", "wasm"), "Greeter-linux-x64.wasm");
  t.is(name("Greeter.h", "header"), "Greeter-linux-x64.h");
  t.is(name("Greeter", "exe", "Linux OS", "x/64"), "Greeter-linux_os-x_64", "no separators from the runner");
});
