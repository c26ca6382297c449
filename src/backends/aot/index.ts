/**
 * The AOT backend's public surface: artifact → C (`emitC`) and C → native outputs
 * (`buildArtifact`). It reads only the artifact; the pipeline decides names and folders.
 */

export { emitC, cSymbol, libraryFlag, type EmitCOptions, type EmittedC } from "./emit-c.ts";
export {
  buildArtifact,
  outputFileName,
  stemOf,
  type AotBuildOptions,
  type AotBuildResult,
  type AotOutput,
  type AotOutputKind,
} from "./build.ts";
