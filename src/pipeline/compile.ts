/**
 * The back half of the front end, run only when the cache has no artifact (and by `check`):
 * parse what assembly did not, analyze, and lower. Kept apart from `frontend.ts` so resolving
 * alone never loads semantics or lowering.
 */

import type { Diagnostic } from "../diagnostics/index.ts";
import { hasErrors } from "../diagnostics/index.ts";
import { assembleImportClosure, nodeFs, resolveModule, type ProgramAssembly } from "../assembly/index.ts";
import { parseFile } from "../syntax/index.ts";
import { analyze } from "../semantics/index.ts";
import { lower } from "../lowering/index.ts";
import type { CodegenArtifact } from "../artifact/index.ts";
import { unitName, type LoweringOptions, type Resolved } from "./frontend.ts";

/** A snapshot gives units without trees: assemble (and parse) for real when compiling. */
function reassemble(r: Resolved, diagnostics: Diagnostic[]): ProgramAssembly {
  const roots = r.plan.roots.map((x) => ({ name: x.name, path: x.path }));
  const assembled = assembleImportClosure(
    { roots, entryFile: r.plan.entryFile, projectDir: r.plan.projectDir },
    { fileName: (path) => unitName(r.plan, path) },
  );
  diagnostics.push(...assembled.diagnostics);
  return assembled.value;
}

/** Parse (reusing trees assembly already made), analyze, and lower — or stop at errors. */
export function compileProgram(
  r: Resolved,
  options: LoweringOptions,
  stopAfterCheck = false,
): { artifact?: CodegenArtifact; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const assembly = r.assembly.units.every((u) => u.tree) ? r.assembly : reassemble(r, diagnostics);
  const units = assembly.units.map((u) => {
    if (u.tree && u.lineIndex)
      return { file: u.fileName, module: u.module, tree: u.tree, lineIndex: u.lineIndex };
    // Assembly parses every unit it reads; this only runs for a facts provider without trees.
    const parsed = parseFile(u.text, u.fileName);
    diagnostics.push(...parsed.diagnostics);
    return { file: u.fileName, module: u.module, tree: parsed.tree, lineIndex: parsed.lineIndex };
  });
  if (hasErrors(diagnostics)) return { diagnostics };
  const analyzed = analyze(units, {
    entryModuleIndex: assembly.entryIndex,
    // Only consulted for hints on errors ("import it: `use Core.Output;`").
    moduleExists: (path) => resolveModule(r.plan.roots, path.split("."), nodeFs.isFile) !== undefined,
  });
  // Warnings inside the toolchain's corelib are not the user's to act on (e.g. the W1204 that
  // LANGUAGE.md D23 requires in Query.QueryState); errors there are still shown.
  const corelibFiles = new Set(
    assembly.units.filter((u) => r.plan.roots[u.rootIndex]?.kind === "corelib").map((u) => u.fileName),
  );
  diagnostics.push(
    ...analyzed.diagnostics.filter(
      (d) => d.severity === "error" || d.file === undefined || !corelibFiles.has(d.file),
    ),
  );
  if (hasErrors(diagnostics) || stopAfterCheck) return { diagnostics };
  const artifact = lower(analyzed.program, { tests: options.tests, library: options.exports });
  return { artifact, diagnostics };
}
