/**
 * `beskid-ci parse <file.bd> [--json]`: lexes and parses one file and prints its syntax tree
 * (the stable S-expression dump of `src/syntax/dump.ts`, or JSON with `--json`), or its syntax
 * diagnostics. Exit 0 when the file has no syntax error, 1 when it has one (or cannot be read:
 * E9001), 2 on a usage error.
 *
 * Deliberately thin and single-file: no project, no assembly, no semantics. It reaches the
 * syntax stage through `pipeline/inspect.ts`.
 */

import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { hasErrors, makeDiagnostic, toJson } from "../../diagnostics/index.ts";
import { decodeSource, dumpTree, parseFile, treeToJson } from "../../pipeline/inspect.ts";
import { EXIT_FAILURE, EXIT_OK, boolFlag, type Command, type CommandContext } from "../command.ts";

export const parseCommand: Command = {
  name: "parse",
  summary: "parse one .bd file and print its syntax tree or its syntax errors",
  usage: "parse <file.bd> [--json]",
  flags: [{ name: "--json", help: "print {file, ok, diagnostics, tree} as JSON instead of the tree dump" }],
  options: { json: { type: "boolean" } },
  maxPositionals: 1,
  async run(ctx: CommandContext): Promise<number> {
    const file = ctx.positionals[0];
    if (file === undefined) {
      return ctx.usage("missing the file to parse");
    }
    const json = boolFlag(ctx, "json");
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(isAbsolute(file) ? file : resolve(ctx.cwd, file));
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
      ctx.report([makeDiagnostic("E9001", { detail: `${file}: ${reason}` }, { file })]);
      return EXIT_FAILURE;
    }
    const decoded = decodeSource(bytes, file);
    const parsed = parseFile(decoded.text, file);
    const diagnostics = [...decoded.diagnostics, ...parsed.diagnostics];
    const failed = hasErrors(diagnostics);
    if (json) {
      ctx.stdout.write(
        `{\n"file": ${JSON.stringify(file)},\n"ok": ${!failed},\n"diagnostics": ${JSON.stringify(diagnostics.map(toJson))},\n"tree": ${treeToJson(parsed.tree)}\n}\n`,
      );
      return failed ? EXIT_FAILURE : EXIT_OK;
    }
    if (!failed) ctx.stdout.write(dumpTree(parsed.tree));
    ctx.report(diagnostics);
    return failed ? EXIT_FAILURE : EXIT_OK;
  },
};
