/**
 * Public surface of the WebAssembly JIT: compile an artifact to wasm bytes, run its entry
 * point in-process, run its tests in isolated instances with time limits. It never imports
 * syntax, semantics or lowering: the artifact is its only input.
 */
export {
  compileArtifact,
  compileArtifactDetailed,
  runExportName,
  type CompileOptions,
  type JitModuleInfo,
} from "./emit.ts";
export {
  encodePrepared,
  loadCached,
  loadPrepared,
  prepareCached,
  JIT_MODULE_FORMAT,
  type CachedPrepareOptions,
  type CachedPrepareResult,
  type LoadResult,
  type PreparedStore,
} from "./module-cache.ts";
export { enableWasmInlining } from "./tuning.ts";
export {
  compileModule,
  prepareArtifact,
  prewarmMainWorker,
  runMain,
  spareMainWorker,
  runTests,
  unavailableExterns,
  type PanicInfo,
  type PreparedArtifact,
  type RunOptions,
  type RunResult,
  type TestRunOptions,
  type TestRunResult,
} from "./run.ts";
export type { SourceFrame } from "./host.ts";
