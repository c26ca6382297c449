/**
 * Public surface of the project stage: manifests, discovery, the dependency graph,
 * `Project.lock` v1, materialization and the compile plan (PIPELINE.md §1).
 *
 * `resolvePlan` does everything, including the lock check/write and materialization, so a
 * returned plan is ready for assembly. This stage never reads `.bd` files.
 */

export { resolvePlan } from "./plan.ts";
export type { CompilePlan, EffectiveRoot, PlanCommand, PlanNode, PlanRequest } from "./plan.ts";
export { parseProjectManifest, parseWorkspaceManifest } from "./manifest.ts";
export type {
  DependencySource,
  DependencySpec,
  MemberSpec,
  ProjectManifest,
  ProjectType,
  TargetKind,
  TargetSpec,
  WorkspaceManifest,
} from "./manifest.ts";
export { parseBlocks } from "./blocks.ts";
export { LOCK_HEADER, decideLock, parseLock, renderLock } from "./lock.ts";
export type { LockContents, LockDecision, LockEntry, LockMode } from "./lock.ts";
export {
  DEPS_DIR,
  materializeAll,
  materializedDir,
  materializedRoot,
  originalOf,
  syncTree,
} from "./materialize.ts";
