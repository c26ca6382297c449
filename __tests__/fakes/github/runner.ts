/**
 * A stand-in for the GitHub runner around the action's steps: a workspace with a copy of a
 * Beskid project, `RUNNER_TEMP`, the `GITHUB_OUTPUT`/`GITHUB_STEP_SUMMARY`/`GITHUB_ENV`/
 * `GITHUB_STATE` files, an event payload naming the default branch, and the environment
 * pointing the real clients at a `FakeGitHub`. `runAction` sequences the steps the way
 * action.yml's `if:` conditions do, either in-process (setting `process.env` around each step,
 * because `@actions/core` and the cache/artifact clients read it at call time) or as child
 * processes running the bundled `dist/action-<step>.js` files with an explicit environment.
 */

import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { FakeGitHub } from "./server.ts";

/** The runner services' variables: GitHub gives them to JavaScript actions, never to `run:` steps. */
export const RUNTIME_VARS = [
  "ACTIONS_RUNTIME_TOKEN",
  "ACTIONS_RESULTS_URL",
  "ACTIONS_CACHE_URL",
  "ACTIONS_CACHE_SERVICE_V2",
] as const;

/**
 * Which runtime variables action.yml hands each step (its `env:` lines that name one of
 * `RUNTIME_VARS`), keyed by the step's `id`. A composite action's `run:` steps get none of them
 * from the runner (actions/runner#3046), so a step that is not given them here runs without.
 */
export function runtimeVarsByStep(actionYml: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const block of actionYml.split(/\n {4}- /).slice(1)) {
    const id = /^\s*id: (\S+)$/m.exec(block)?.[1];
    if (!id) continue;
    out[id] = RUNTIME_VARS.filter((v) => new RegExp(`^ {8}${v}: \\$\\{\\{`, "m").test(block));
  }
  return out;
}

const ACTION_YML = resolve(import.meta.dirname, "../../../action.yml");

export type StepName =
  "resolve" | "restore" | "lower" | "save" | "build" | "upload" | "test" | "report" | "release";

export interface Workspace {
  readonly root: string;
  readonly workspace: string;
  readonly temp: string;
  cleanup(): void;
}

/**
 * A fresh runner folder with `fixture` copied into `<workspace>/<as>`. `at` names the folder to
 * use (emptied first) instead of a new temporary one: a GitHub runner checks a repository out at
 * the same path on every run, which is what lets a restored closure snapshot still hold.
 */
export function makeWorkspace(fixture: string, as = ".", at?: string): Workspace {
  if (at) rmSync(at, { recursive: true, force: true });
  const root = at ?? mkdtempSync(join(tmpdir(), "beskid-action-"));
  const workspace = join(root, "work");
  const temp = join(root, "temp");
  mkdirSync(workspace, { recursive: true });
  mkdirSync(temp, { recursive: true });
  cpSync(fixture, join(workspace, as), {
    recursive: true,
    filter: (src) => !src.includes(`${"/"}obj${"/"}`) && !src.endsWith(`${"/"}obj`),
  });
  return { root, workspace, temp, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface RunOptions {
  readonly inputs: Record<string, string>;
  /** `refs/heads/main` unless set. */
  readonly ref?: string;
  readonly defaultBranch?: string;
  readonly readOnlyToken?: boolean;
  readonly runAttempt?: string;
  readonly job?: string;
  /** The workflow run; a fresh one per `runAction` unless set (reuse it to collide artifact names). */
  readonly runId?: string;
  readonly extraEnv?: Record<string, string>;
}

export interface StepRecord {
  readonly step: StepName;
  readonly code: number;
  readonly log: string;
}

export interface RunResult {
  readonly steps: StepRecord[];
  /** Outputs of each step, parsed from its GITHUB_OUTPUT file. */
  readonly outputs: Record<string, Record<string, string>>;
  /** The action's outputs as action.yml maps them. */
  readonly action: Record<string, string>;
  readonly summary: string;
  readonly log: string;
  readonly ran: StepName[];
  readonly failed: StepName[];
  readonly warnings: string[];
  readonly errors: string[];
}

/** Parses a GITHUB_OUTPUT-style file (`k=v` lines and `k<<DELIM` heredocs). */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]!);
      out[heredoc[1]!] = value.join("\n");
    } else if (line.includes("=")) {
      out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return out;
}

let runCounter = 1000;

/**
 * The job's environment as a composite action's `run:` step sees it (`base`), and apart from it
 * the runner-service variables (`runtime`) that GitHub gives only to JavaScript actions.
 */
export function runnerEnv(
  ws: Workspace,
  fake: FakeGitHub,
  opts: RunOptions,
): { base: Record<string, string>; runtime: Record<string, string> } {
  const ref = opts.ref ?? "refs/heads/main";
  const runId = opts.runId ?? String(runCounter++);
  const event = join(ws.root, "event.json");
  writeFileSync(event, JSON.stringify({ repository: { default_branch: opts.defaultBranch ?? "main" } }));
  for (const f of ["summary.md", "env", "state"]) writeFileSync(join(ws.root, f), "");
  const fakeEnv = fake.runnerEnv({
    readOnly: opts.readOnlyToken,
    ref,
    runId,
    jobId: `${runId}-${opts.job ?? "build"}`,
  });
  const runtime: Record<string, string> = {};
  for (const [k, v] of Object.entries(fakeEnv)) {
    if ((RUNTIME_VARS as readonly string[]).includes(k)) {
      runtime[k] = v;
      delete fakeEnv[k];
    }
  }
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? ws.root,
    GITHUB_ACTIONS: "true",
    CI: "true",
    GITHUB_WORKSPACE: ws.workspace,
    RUNNER_TEMP: ws.temp,
    RUNNER_OS: "Linux",
    RUNNER_ARCH: "X64",
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ""),
    GITHUB_EVENT_PATH: event,
    GITHUB_JOB: opts.job ?? "build",
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_ATTEMPT: opts.runAttempt ?? "1",
    GITHUB_STEP_SUMMARY: join(ws.root, "summary.md"),
    GITHUB_ENV: join(ws.root, "env"),
    GITHUB_STATE: join(ws.root, "state"),
    ...fakeEnv,
    ...(opts.extraEnv ?? {}),
  };
  return { base, runtime };
}

/**
 * The action's outputs as action.yml maps them: each `value:` is an expression of the form
 * `${{ steps.a.outputs.x || steps.b.outputs.y }}`, evaluated against the steps' outputs (a
 * step that did not run has none, and an empty value falls through to the next alternative).
 */
export function actionOutputs(
  actionYml: string,
  stepOutputs: Record<string, Record<string, string>>,
): Record<string, string> {
  const section = actionYml.slice(actionYml.indexOf("\noutputs:\n"), actionYml.indexOf("\nruns:\n"));
  const out: Record<string, string> = {};
  for (const m of section.matchAll(
    /^ {2}([a-z-]+):\n(?: {4}description: .*\n)? {4}value: "\$\{\{ (.*) \}\}"$/gm,
  )) {
    const alternatives = m[2]!
      .split("||")
      .map((a) => /^steps\.([a-z-]+)\.outputs\.([a-z-]+)$/.exec(a.trim()));
    const values = alternatives.map((a) => (a ? stepOutputs[a[1]!]?.[a[2]!] : undefined));
    const found = values.find((v) => v !== undefined && v !== "");
    // GitHub evaluates a missing output to "", so an output mapped from a step that never ran is "".
    if (found !== undefined || values.some((v) => v !== undefined)) out[m[1]!] = found ?? "";
  }
  return out;
}

/** Runs one step somehow (in-process or as a child) with the given env; returns its exit code and log. */
export type StepRunner = (
  step: StepName,
  env: Record<string, string>,
) => Promise<{ code: number; log: string }>;

/** Runs `dist/action-<step>.js` (from `distDir`) with exactly `env`. */
export function childStepRunner(distDir: string, cwd: string): StepRunner {
  return (step, env) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(distDir, `action-${step}.js`)], {
        env,
        cwd,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let log = "";
      child.stdout.on("data", (d: Buffer) => (log += d.toString("utf8")));
      child.stderr.on("data", (d: Buffer) => (log += d.toString("utf8")));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? 1, log }));
    });
}

/**
 * Sequences the steps as action.yml does: resolve; restore if `run-restore`; lower unless the
 * restore step verified an exact hit's artifact (`artifact-ready`); save if
 * `run-save`, not an exact hit, and nothing failed (or `cache-save-on-failure`); build and
 * upload if `run-build`; test if `run-test`; report always; release if `run-release`. Each
 * later step gets the resolve step's `state-dir`; every step gets the inputs as JSON.
 */
export async function runAction(
  ws: Workspace,
  fake: FakeGitHub,
  opts: RunOptions,
  runStep: StepRunner,
): Promise<RunResult> {
  const { base, runtime } = runnerEnv(ws, fake, opts);
  const mapped = runtimeVarsByStep(readFileSync(ACTION_YML, "utf8"));
  const inputs: Record<string, string> = { token: "ghs_faketoken", ...opts.inputs };
  const steps: StepRecord[] = [];
  const outputs: Record<string, Record<string, string>> = {};
  let failed = false;
  const run = async (step: StepName) => {
    const outFile = join(ws.root, `output-${step}`);
    writeFileSync(outFile, "");
    const env: Record<string, string> = {
      ...base,
      ...Object.fromEntries((mapped[step] ?? []).map((v) => [v, runtime[v] ?? ""])),
      GITHUB_OUTPUT: outFile,
      BESKID_INPUTS: JSON.stringify(inputs),
      ...(outputs.resolve?.["state-dir"] ? { BESKID_ACTION_STATE: outputs.resolve["state-dir"] } : {}),
    };
    const r = await runStep(step, env);
    outputs[step] = parseCommandFile(readFileSync(outFile, "utf8"));
    steps.push({ step, code: r.code, log: r.log });
    if (r.code !== 0) failed = true;
  };
  await run("resolve");
  const resolved = outputs.resolve ?? {};
  const flag = (name: string) => resolved[name] === "true";
  if (!failed && flag("run-restore")) await run("restore");
  // An exact hit whose artifact the restore step verified has nothing to lower.
  if (!failed && outputs.restore?.["artifact-ready"] !== "true") await run("lower");
  const saveOnFailure = inputs["cache-save-on-failure"] === "true";
  const resolveOk = steps[0]!.code === 0;
  if (
    resolveOk &&
    flag("run-save") &&
    outputs.restore?.["cache-hit"] !== "true" &&
    (!failed || saveOnFailure)
  )
    await run("save");
  if (!failed && flag("run-build")) await run("build");
  if (!failed && flag("run-build")) await run("upload");
  if (!failed && flag("run-test")) await run("test");
  await run("report");
  if (!failed && flag("run-release")) await run("release");
  const log = steps.map((s) => `--- ${s.step} (${s.code})\n${s.log}`).join("\n");
  const action = actionOutputs(readFileSync(ACTION_YML, "utf8"), outputs);
  const commands = (kind: string) =>
    [...log.matchAll(new RegExp(`^::${kind}(?: [^:]*)?::(.*)$`, "gm"))].map((m) =>
      m[1]!.replace(/%0A/g, "\n").replace(/%25/g, "%"),
    );
  const summaryPath = base.GITHUB_STEP_SUMMARY!;
  return {
    steps,
    outputs,
    action,
    summary: existsSync(summaryPath) ? readFileSync(summaryPath, "utf8") : "",
    log,
    ran: steps.map((s) => s.step),
    failed: steps.filter((s) => s.code !== 0).map((s) => s.step),
    warnings: commands("warning"),
    errors: commands("error"),
  };
}
