/**
 * The pipeline's inspection entry points for tools that stop before semantics: `parse` (one
 * file, no project) and `assemble` (the plan and the units, or a WorkspaceScan). They exist
 * so surfaces reach the stages only through `pipeline/` (ARCHITECTURE.md invariant).
 */

export { resolvePlan, type CompilePlan, type PlanRequest } from "../project/index.ts";
export { assembleImportClosure, workspaceScan, type ProgramAssembly } from "../assembly/index.ts";
export { displayDiagnostics } from "./frontend.ts";
export { decodeSource, dumpTree, parseFile, treeToJson } from "../syntax/index.ts";
