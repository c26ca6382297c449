/**
 * The real toolchain the action's steps use: the pipeline's `resolve`, `lower`, `build`
 * and `test` from `src/pipeline/index.ts`, imported on first use so the steps that never
 * compile (restore, save, upload, report, release) do not parse the compiler at start-up.
 * Kept in its own module so the step cores (`run.ts`) depend only on the `Toolchain` interface.
 */

import type { Env } from "./context.ts";
import type { Toolchain } from "./services.ts";

const load = () => import("../pipeline/index.ts");
/** Resolving alone loads only the front half (plan, assembly, key): no checker, no lowering. */
const loadFront = () => import("../pipeline/frontend.ts");

/** `env` reaches the AOT backend (`CC`, `AR`); the step's environment in production. */
export function pipelineToolchain(env: Env = {}): Toolchain {
  return {
    resolve: async (req, cache, opts) => (await loadFront()).resolve(req, cache, opts),
    lower: async (req, cache) => (await load()).lower(req, cache),
    build: async (req, cache, b) => (await load()).build(req, cache, b, env),
    test: async (req, cache, t) => (await load()).test(req, cache, t),
  };
}
