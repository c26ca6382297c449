/**
 * V8 settings the JIT relies on for speed; process-wide engine flags, read when wasm code is
 * compiled (lazily, at a function's first call), so they are set before running.
 *
 * - `--experimental-wasm-inlining`: TurboFan inlines small wasm functions into their callers
 *   (recursive fib: ~2.3x faster on Node 20). Switched on once, never off.
 * - The tier. V8 has no on-stack replacement for wasm: a function that is already running
 *   in the baseline tier (Liftoff) stays there, so a program whose work sits in one long loop
 *   (a matrix multiply called once) runs entirely unoptimised. `runMain` therefore compiles
 *   small programs with the optimising tier only (`--no-liftoff`; matmul 181 → 68 ms); large
 *   programs and `runTests` use the baseline tier with dynamic tier-up, because an optimising
 *   compile of every function a run touches costs ~0.1 ms each. Both compute the same results.
 *
 * This is the one place the JIT touches engine state; it keeps nothing else.
 */

import { setFlagsFromString } from "node:v8";

let inliningEnabled = false;
let tier: "optimizing" | "baseline" | null = null;

export function enableWasmInlining(): void {
  if (inliningEnabled) return;
  setFlagsFromString("--experimental-wasm-inlining");
  inliningEnabled = true;
}

export function useWasmTier(next: "optimizing" | "baseline"): void {
  if (tier === next) return;
  setFlagsFromString(next === "optimizing" ? "--no-liftoff" : "--liftoff");
  tier = next;
}
