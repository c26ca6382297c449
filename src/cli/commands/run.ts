/**
 * `beskid-ci run`: lower (cached) and run the entry point through the WebAssembly JIT, with
 * the real stdin/stdout/stderr. The program's integer result is the exit code; a panic prints
 * `panic: <message>` with its source location and exits 101.
 */

import { run } from "../../pipeline/index.ts";
import { EXIT_FAILURE, boolFlag, stringFlag, type Command } from "../command.ts";
import {
  CACHE_FLAG_HELP,
  CACHE_OPTIONS,
  PROJECT_FLAG_HELP,
  PROJECT_OPTIONS,
  cacheRequest,
  projectRequest,
} from "../project-flags.ts";

export const runCommand: Command = {
  name: "run",
  summary: "run a program's entry point through the JIT (exit code = main's result)",
  usage: "run [input] [--project P] [--target T] [--entrypoint NAME] [--no-cache] [-- args...]",
  flags: [
    ...PROJECT_FLAG_HELP.filter((f) => !f.name.startsWith("--json")),
    { name: "--entrypoint NAME", help: "function to run instead of main/Main" },
    ...CACHE_FLAG_HELP,
  ],
  options: { ...PROJECT_OPTIONS, ...CACHE_OPTIONS, entrypoint: { type: "string" } },
  maxPositionals: 1,
  async run(ctx) {
    // PROJECT_OPTIONS carries --json, but stdout here is the program's own output: JSON
    // diagnostics mixed into it would be neither valid JSON nor the program's output.
    if (boolFlag(ctx, "json"))
      return ctx.usage(
        "`run` has no --json: stdout is the program's output (use `check --json` for diagnostics)",
      );
    const entrypoint = stringFlag(ctx, "entrypoint");
    // Warnings come before the program's output (as `cargo run` shows them), not after it.
    let shown = 0;
    const r = await run(projectRequest(ctx, "run"), cacheRequest(ctx), {
      beforeRun: (compile) => {
        ctx.report(compile);
        shown = compile.length;
      },
      args: ctx.passthrough,
      env: ctx.env,
      stdout: ctx.stdout,
      stderr: ctx.stderr,
      stdin: 0,
      ttys: ctx.ttys,
      ...(entrypoint !== undefined ? { entrypoint } : {}),
    });
    ctx.report(r.diagnostics.slice(shown));
    return r.exitCode ?? EXIT_FAILURE;
  },
};
