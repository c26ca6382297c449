/**
 * Public surface of the assembly stage (PIPELINE.md §2): the import closure of an entry file
 * (`assembleImportClosure`) and the editor-only `workspaceScan`, both returning a
 * `ProgramAssembly`, plus module path ↔ file resolution. Assembly reads `.bd` files; it never
 * resolves names beyond module paths.
 */

export { assembleImportClosure, nodeFs, parserFacts, workspaceScan } from "./assemble.ts";
export type {
  AssemblyFs,
  AssemblyInput,
  AssemblyMode,
  AssemblyOptions,
  FactsProvider,
  ProgramAssembly,
  ScanOptions,
  SourceUnit,
} from "./assemble.ts";
export { candidates, modulePathOf, resolveModule, rootOf } from "./modpath.ts";
export type { Resolved, Root } from "./modpath.ts";
