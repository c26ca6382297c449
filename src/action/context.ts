/**
 * The runner context the action needs (workspace, temp folder, ref, default branch, job,
 * platform, run ids), read once from an environment map that the entry point passes in.
 * Nothing else in `src/action/` reads the environment; this module never reads
 * `process.env` itself either.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";

export type Env = Readonly<Record<string, string | undefined>>;

export interface RunnerContext {
  readonly workspace: string;
  readonly temp: string;
  /** `refs/heads/x`, `refs/tags/v1`, `refs/pull/3/merge`, or "" outside Actions. */
  readonly ref: string;
  readonly refName: string;
  readonly refType: "branch" | "tag" | "pull" | "other";
  /** From the event payload (`repository.default_branch`); undefined when unknown. */
  readonly defaultBranch?: string;
  readonly job: string;
  readonly os: string;
  readonly arch: string;
  readonly runId: string;
  readonly runAttempt: string;
  readonly repository: string;
  readonly serverUrl: string;
  readonly apiUrl: string;
}

function osName(env: Env, platform: string): string {
  const fromRunner = env.RUNNER_OS;
  if (fromRunner) return fromRunner.toLowerCase();
  return platform === "darwin" ? "macos" : platform === "win32" ? "windows" : platform;
}

function archName(env: Env, arch: string): string {
  return (env.RUNNER_ARCH ?? arch).toLowerCase();
}

function readDefaultBranch(env: Env): string | undefined {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  try {
    const event = JSON.parse(readFileSync(path, "utf8")) as { repository?: { default_branch?: string } };
    return event.repository?.default_branch || undefined;
  } catch {
    return undefined;
  }
}

export function runnerContext(
  env: Env,
  cwd: string,
  platform: string,
  arch: string,
  tmp: string,
): RunnerContext {
  const ref = env.GITHUB_REF ?? "";
  const refType: RunnerContext["refType"] = ref.startsWith("refs/tags/")
    ? "tag"
    : ref.startsWith("refs/heads/")
      ? "branch"
      : ref.startsWith("refs/pull/")
        ? "pull"
        : "other";
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
    os: osName(env, platform),
    arch: archName(env, arch),
    runId: env.GITHUB_RUN_ID || "0",
    runAttempt: env.GITHUB_RUN_ATTEMPT || "1",
    repository: env.GITHUB_REPOSITORY || "",
    serverUrl: env.GITHUB_SERVER_URL || "https://github.com",
    apiUrl: env.GITHUB_API_URL || "https://api.github.com",
  };
}
