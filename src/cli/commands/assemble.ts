/**
 * `beskid-ci assemble`: resolves the project (manifest, workspace member, target, lock,
 * materialization) and assembles the program, then prints the plan and the units; `--json`
 * prints roots, units (module, path relative to the project, sha256), mode and entry, byte for
 * byte the same on every run over the same files.
 *
 * Deliberately thin: it calls the stages through `pipeline/inspect.ts`; nothing here decides
 * anything the stages do not.
 */

import { relative, resolve, sep } from "node:path";
import { hasErrors, sortDiagnostics, toJson, type Diagnostic } from "../../diagnostics/index.ts";
import {
  assembleImportClosure,
  displayDiagnostics,
  resolvePlan,
  workspaceScan,
} from "../../pipeline/inspect.ts";
import { bundledCorelibRoot } from "../../util/paths.ts";
import {
  EXIT_FAILURE,
  EXIT_OK,
  boolFlag,
  stringFlag,
  type Command,
  type CommandContext,
} from "../command.ts";

function rel(from: string, p: string): string {
  const r = relative(from, p).split(sep).join("/");
  return r === "" ? "." : r;
}

export const assembleCommand: Command = {
  name: "assemble",
  summary: "resolve the project and list the source units of its import closure",
  usage:
    "assemble [input] [--project P] [--target T] [--workspace-member M] [--locked|--frozen] [--workspace-scan] [--max-units N] [--json]",
  flags: [
    {
      name: "--project P",
      help: "project folder or manifest (Project.proj, *.bproj, Workspace.proj, *.bws)",
    },
    { name: "--target T", help: "target label (default: the first App target, else the first target)" },
    { name: "--workspace-member M", help: "workspace member to use" },
    { name: "--locked", help: "fail if Project.lock is missing (E3023) or stale (E3022); never write it" },
    { name: "--frozen", help: "fail if Project.lock is missing or stale (E3023); never write it" },
    {
      name: "--workspace-scan",
      help: "list every .bd file under the project's own roots (not the corelib) instead of the import closure",
    },
    { name: "--max-units N", help: "cap for --workspace-scan (default 4096)" },
    { name: "--json", help: "machine-readable output" },
  ],
  options: {
    project: { type: "string" },
    target: { type: "string" },
    "workspace-member": { type: "string" },
    locked: { type: "boolean" },
    frozen: { type: "boolean" },
    "workspace-scan": { type: "boolean" },
    "max-units": { type: "string" },
    json: { type: "boolean" },
  },
  maxPositionals: 1,
  async run(ctx: CommandContext): Promise<number> {
    const json = boolFlag(ctx, "json");
    const maxUnitsText = stringFlag(ctx, "max-units");
    const maxUnits = maxUnitsText === undefined ? undefined : Number(maxUnitsText);
    if (maxUnits !== undefined && !(Number.isInteger(maxUnits) && maxUnits > 0)) {
      return ctx.usage(`--max-units takes a positive integer, got '${maxUnitsText}'`);
    }
    const project = stringFlag(ctx, "project");
    const target = stringFlag(ctx, "target");
    const member = stringFlag(ctx, "workspace-member");
    const input = ctx.positionals[0];
    const corelib = ctx.env.BESKID_CORELIB_ROOT;
    const planned = resolvePlan({
      cwd: ctx.cwd,
      ...(project !== undefined ? { project } : {}),
      ...(input !== undefined ? { input } : {}),
      ...(target !== undefined ? { target } : {}),
      ...(member !== undefined ? { workspaceMember: member } : {}),
      lockMode: boolFlag(ctx, "frozen") ? "frozen" : boolFlag(ctx, "locked") ? "locked" : "default",
      corelibRoot: corelib ? resolve(ctx.cwd, corelib) : bundledCorelibRoot(),
      command: "assemble",
    });
    const diagnostics: Diagnostic[] = [...planned.diagnostics];
    const plan = planned.value;
    const assembled = plan
      ? boolFlag(ctx, "workspace-scan")
        ? // Like `check --workspace`: the project's own roots swept, the corelib's used modules.
          workspaceScan(
            plan.roots.filter((r) => r.kind !== "corelib"),
            {
              projectDir: plan.projectDir,
              entryFile: plan.entryFile,
              libraryRoots: plan.roots.filter((r) => r.kind === "corelib"),
              ...(maxUnits ? { maxUnits } : {}),
            },
          )
        : assembleImportClosure(plan)
      : undefined;
    if (assembled) diagnostics.push(...assembled.diagnostics);
    // Files as the other commands show them: relative to the working directory when inside it.
    const sorted = sortDiagnostics(displayDiagnostics(ctx.cwd, new Map(), diagnostics));
    const failed = hasErrors(sorted);

    if (json) {
      const out = {
        ...(plan
          ? {
              project: {
                name: plan.projectName,
                ...(plan.manifestPath ? { manifest: rel(plan.projectDir, plan.manifestPath) } : {}),
              },
              ...(plan.target ? { target: { label: plan.target.label, kind: plan.target.kind } } : {}),
              entry: rel(plan.projectDir, plan.entryFile),
              roots: plan.roots.map((r) => ({
                name: r.name,
                kind: r.kind,
                path: rel(plan.projectDir, r.path),
              })),
            }
          : {}),
        ...(assembled
          ? {
              mode: assembled.value.mode,
              entryIndex: assembled.value.entryIndex,
              units: assembled.value.units.map((u) => ({ module: u.module, path: u.relPath, hash: u.hash })),
            }
          : {}),
        diagnostics: sorted.map(toJson),
      };
      ctx.stdout.write(JSON.stringify(out, null, 2) + "\n");
      return failed ? EXIT_FAILURE : EXIT_OK;
    }

    ctx.report(sorted);
    if (plan) {
      const lines = [
        `project  ${plan.projectName}${plan.projectType ? ` (${plan.projectType})` : ""}${plan.manifestPath ? `  ${rel(ctx.cwd, plan.manifestPath)}` : ""}`,
      ];
      if (plan.workspace)
        lines.push(
          `workspace ${plan.workspace.name}${plan.workspace.member ? `  member ${plan.workspace.member}` : ""}`,
        );
      if (plan.target) lines.push(`target   ${plan.target.label} (${plan.target.kind})`);
      lines.push(`entry    ${rel(plan.projectDir, plan.entryFile)}`);
      if (plan.lock) lines.push(`lock     ${rel(ctx.cwd, plan.lock.path)} (${plan.lock.action})`);
      lines.push("roots");
      plan.roots.forEach((r, i) =>
        lines.push(`  ${i + 1}. ${r.name} [${r.kind}]  ${rel(plan.projectDir, r.path)}`),
      );
      if (assembled) {
        const a = assembled.value;
        lines.push(`mode     ${a.mode}`, `units    ${a.units.length}`);
        const width = Math.max(6, ...a.units.map((u) => u.module.length));
        a.units.forEach((u, i) =>
          lines.push(
            `  ${i === a.entryIndex ? "*" : " "} ${u.module.padEnd(width)}  ${u.relPath}  ${u.hash.slice(0, 12)}`,
          ),
        );
      }
      ctx.stdout.write(lines.join("\n") + "\n");
    }
    return failed ? EXIT_FAILURE : EXIT_OK;
  },
};
