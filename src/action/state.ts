/**
 * What the action's steps hand to each other. Each step of the composite action is its own
 * process, so the resolve step creates a folder under `RUNNER_TEMP`, names it in its
 * `state-dir` output, and every later step reads and extends `state.json` there (written
 * atomically). Secrets (the tokens) never go into this file; the steps that need them get
 * them from their own inputs.
 */

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BuiltOutput, PlanSummary, ProjectRequest, TestSummary } from "../pipeline/api.ts";
import { writeFileAtomic } from "../util/fs.ts";
import type { ActionCacheKey, ActionKeyBase, SavePolicy } from "./cache-key.ts";
import type { ActionInputs, Conclusion } from "./inputs.ts";

export type StepName =
  "resolve" | "restore" | "lower" | "save" | "build" | "upload" | "test" | "report" | "release";

export type RestoreKind = "hit" | "restore-key" | "miss" | "failed" | "disabled" | "unavailable";

export interface ActionState {
  readonly version: 1;
  inputs?: ActionInputs;
  inputErrors?: string[];
  request?: ProjectRequest;
  plan?: PlanSummary;
  /** The full key, once the import closure is known (in the resolve step or the restore step). */
  key?: ActionCacheKey;
  /** The key's closure-independent part, set by the resolve step when it left the closure to the restore step. */
  keyBase?: ActionKeyBase;
  /** How the restore step learnt the closure hash, and what that cost. */
  closure?: { from: "snapshot" | "assembly"; ms: number; lookups: number };
  /** The pipeline's own key of the lowered artifact (`<cacheDir>/<pipelineKey>.bca`). */
  pipelineKey?: string;
  cacheDir?: string;
  policy?: SavePolicy;
  restore?: { kind: RestoreKind; matchedKey?: string; note: string; ms: number };
  lower?: {
    ok: boolean;
    cacheHit: boolean;
    source: "local" | "remote" | "none";
    /** Set when the restore step verified the exact hit's artifact, so the lower step was skipped. */
    verifiedBy?: "restore";
    artifact?: { sha256: string; bytes: number };
    timings: Record<string, number>;
    ms: number;
  };
  save?: { kind: "saved" | "skipped" | "failed"; note: string; ms: number };
  build?: { ok: boolean; outputs: BuiltOutput[]; outputDir?: string };
  upload?: { ok: boolean; name: string; id?: number; url?: string; note?: string };
  tests?: { summary: TestSummary; reportPath: string; junitPath?: string };
  release?: { ok: boolean; url?: string; assets?: string[]; note?: string };
  /** Diagnostics (by severity) and failing tests beyond the per-step annotation budget, for the summary. */
  unannotated: { errors: number; warnings: number; tests?: number };
  diagnostics: { errors: number; warnings: number };
  /** Diagnostics already printed and annotated, so later steps do not repeat them. */
  seenDiagnostics?: string[];
  /** Steps that failed, with their one-line reason. */
  failures: { step: StepName; message: string }[];
}

export function emptyState(): ActionState {
  return {
    version: 1,
    unannotated: { errors: 0, warnings: 0 },
    diagnostics: { errors: 0, warnings: 0 },
    failures: [],
  };
}

export const STATE_FILE = "state.json";

export function readState(dir: string | undefined): ActionState | undefined {
  if (!dir) return undefined;
  const path = join(dir, STATE_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const s = JSON.parse(readFileSync(path, "utf8")) as ActionState;
    return s.version === 1 ? s : undefined;
  } catch {
    return undefined;
  }
}

export function writeState(dir: string, state: ActionState): void {
  writeFileAtomic(join(dir, STATE_FILE), JSON.stringify(state, null, 2) + "\n");
}

export function conclusionOf(state: ActionState | undefined): Conclusion {
  if (!state || state.inputErrors?.length) return "invalid-input";
  const failedSteps = new Set(state.failures.map((f) => f.step));
  if (failedSteps.has("resolve") || failedSteps.has("lower") || failedSteps.has("build")) return "failure";
  if (state.tests && (state.tests.summary.failed > 0 || state.tests.summary.timed_out > 0))
    return "tests-failed";
  if (state.failures.length > 0) return "failure";
  return "success";
}
