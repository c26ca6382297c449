/**
 * `beskid-ci check` (alias `analyze`): resolve, assemble, parse and type-check; prints
 * `No diagnostics.` or the diagnostics. Exit 1 when any error was found (the reference CLI
 * exits 0 here; we do not copy that bug).
 */

import { toJson } from "../../diagnostics/index.ts";
import { check } from "../../pipeline/index.ts";
import { EXIT_FAILURE, EXIT_OK, boolFlag, type Command } from "../command.ts";
import { PROJECT_FLAG_HELP, PROJECT_OPTIONS, projectRequest } from "../project-flags.ts";

export const checkCommand: Command = {
  name: "check",
  aliases: ["analyze"],
  summary: "type-check a project (or one file) and print its diagnostics",
  usage:
    "check [input] [--project P] [--target T] [--workspace-member M] [--locked|--frozen] [--workspace] [--json]",
  flags: [
    ...PROJECT_FLAG_HELP,
    { name: "--workspace", help: "check every .bd file under the roots, not only the import closure" },
  ],
  options: { ...PROJECT_OPTIONS, workspace: { type: "boolean" } },
  maxPositionals: 1,
  async run(ctx) {
    const result = check(projectRequest(ctx, "check"), { workspace: boolFlag(ctx, "workspace") });
    if (boolFlag(ctx, "json")) {
      ctx.stdout.write(
        JSON.stringify({ ok: result.ok, diagnostics: result.diagnostics.map(toJson) }, null, 2) + "\n",
      );
    } else if (result.diagnostics.length === 0) {
      ctx.stdout.write("No diagnostics.\n");
    } else {
      ctx.report(result.diagnostics);
    }
    return result.ok ? EXIT_OK : EXIT_FAILURE;
  },
};
