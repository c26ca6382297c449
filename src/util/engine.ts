/**
 * Process-wide V8 settings for the short runs a CI toolchain makes (one `check`, `test` or
 * action step per process). Set once by the entry points (src/cli/bin.ts, src/action/main.ts)
 * before any pipeline code runs; library callers keep their engine as it is.
 *
 * `--interrupt-budget`: V8 sends a JavaScript function to its optimizing compiler after a budget
 * of bytecode executed (67,584 by default in Node 20). In a run of about a second on one core,
 * optimizing the parser's and checker's functions early costs more than it saves: 8x the budget
 * takes the cold front end over 100k lines from ~1250 to ~860 ms CPU (docs/benchmarks.md,
 * "Front end"). Hot functions of long runs are still optimized, a little later. WebAssembly code
 * tiers up on its own counters (src/backends/jit/tuning.ts) and is not affected.
 */

import { setFlagsFromString } from "node:v8";

export const SHORT_RUN_FLAGS = ["--interrupt-budget=540672"] as const;

let applied = false;

export function tuneEngineForShortRuns(): void {
  if (applied) return;
  for (const flag of SHORT_RUN_FLAGS) setFlagsFromString(flag);
  applied = true;
}
