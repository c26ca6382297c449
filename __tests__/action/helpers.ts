/**
 * Shared pieces of the action's tests: the in-process step runner (the real `@actions/core`,
 * `@actions/cache` and `@actions/artifact` against the fake, with `process.env` swapped in for
 * the step and stdout captured as the step's log), the toolchain under test, and fixture
 * paths. In-process steps must run one at a time: the clients read `process.env` at call time.
 */

import * as core from "@actions/core";
import { arch, platform, tmpdir } from "node:os";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { realArtifact, realCache, realCore } from "../../src/action/real.ts";
import { runStep } from "../../src/action/run.ts";
import type { Toolchain } from "../../src/action/services.ts";
import type { StepRunner } from "../fakes/github/runner.ts";

export const ROOT = resolve(import.meta.dirname, "../..");
export const FIXTURES = resolve(ROOT, "__tests__/fixtures/action");

export function inProcessRunner(toolchain: Toolchain): StepRunner {
  return async (step, env) => {
    const savedEnv = process.env;
    const savedWrite = process.stdout.write;
    let log = "";
    const savedCwd = process.cwd();
    process.env = { ...env };
    if (env.GITHUB_WORKSPACE) process.chdir(env.GITHUB_WORKSPACE);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      log += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      return true;
    }) as typeof process.stdout.write;
    // @actions/core caches the summary path for the life of the process; each step here
    // stands for a fresh process, so forget it.
    (core.summary as unknown as { _filePath?: string })._filePath = undefined;
    try {
      const code = await runStep(step, {
        core: realCore(),
        cache: realCache(env),
        artifact: realArtifact(),
        toolchain,
        env,
        cwd: env.GITHUB_WORKSPACE ?? process.cwd(),
        platform: platform(),
        arch: arch(),
        tmpdir: tmpdir(),
        now: () => performance.now(),
      });
      return { code, log };
    } finally {
      process.stdout.write = savedWrite;
      process.env = savedEnv;
      process.chdir(savedCwd);
      process.exitCode = 0;
    }
  };
}
