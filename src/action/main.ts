/**
 * Wires the real services (`@actions/core`, `@actions/cache`, `@actions/artifact`, the
 * pipeline) to the step cores and runs one step. The step entry files in `steps/` call only
 * `run(name)`; this is the one place that reads `process.env` and the process's platform.
 */

import { arch, platform, tmpdir } from "node:os";
import { performance } from "node:perf_hooks";
import { realArtifact, realCache, realCore } from "./real.ts";
import { runStep } from "./run.ts";
import type { StepName } from "./state.ts";
import { pipelineToolchain } from "./toolchain.ts";
import { tuneEngineForShortRuns } from "../util/engine.ts";

export async function run(name: StepName): Promise<number> {
  // Each step is its own short-lived node process (see src/util/engine.ts).
  tuneEngineForShortRuns();
  try {
    // Relative cache paths and tar archives are relative to the workspace, as on the runner.
    if (process.env.GITHUB_WORKSPACE) process.chdir(process.env.GITHUB_WORKSPACE);
    return await runStep(name, services());
  } catch (e) {
    // runStep handles its own failures; this catches what escapes it (a runner file missing).
    process.stdout.write(`::error::beskid-ci ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
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
    now: () => performance.now(),
  };
}
