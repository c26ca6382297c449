/**
 * The pipeline's public surface, the only module surfaces (cli, action, service) call. Each
 * function walks the same spine (`spine.ts`) and stops at a different point; the request and
 * result shapes are in `api.ts`.
 */

import type {
  BuildRequest,
  BuildResult,
  CacheRequest,
  LowerResult,
  ProjectRequest,
  TestRequest,
  TestResult,
} from "./api.ts";
import {
  buildProject,
  checkProject,
  lowerProject,
  runProject,
  testProject,
  type CheckResult,
  type RunIo,
  type RunOutcome,
} from "./spine.ts";

export type { RunIo, RunOutcome, CheckResult };

export type * from "./api.ts";
export { defaultCacheDir } from "./spine.ts";

/** Plan + import closure + cache key; nothing is parsed beyond what assembly needs, nothing lowered. */
export { resolve } from "./frontend.ts";

/** Everything up to semantic analysis (`check`). `workspace` checks every file under the roots. */
export function check(req: ProjectRequest, opts: { workspace?: boolean } = {}): CheckResult {
  return checkProject(req, opts);
}

/** The lowered artifact, from the cache when nothing changed. */
export async function lower(req: ProjectRequest, cache: CacheRequest): Promise<LowerResult> {
  const { program: _program, resolved: _resolved, ...result } = await lowerProject(req, cache);
  return result;
}

/** `run`: the entry point through the JIT; `exitCode` is the program's (101 after a panic). */
export async function run(req: ProjectRequest, cache: CacheRequest, io: RunIo): Promise<RunOutcome> {
  return runProject(req, cache, io);
}

/** `test`: the selected test items through the JIT, each isolated with a time limit. */
export async function test(req: ProjectRequest, cache: CacheRequest, t: TestRequest): Promise<TestResult> {
  const { program: _program, resolved: _resolved, ...result } = await testProject(req, cache, t);
  return result;
}

/** `build`: the artifact compiled ahead of time through C (or written as wasm); `env` gives `CC`/`AR`. */
export async function build(
  req: ProjectRequest,
  cache: CacheRequest,
  b: BuildRequest,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<BuildResult> {
  return buildProject(req, cache, b, env);
}
