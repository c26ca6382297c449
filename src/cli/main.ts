/**
 * `beskid-ci` argument handling: global flags, command dispatch, help and usage errors.
 * Returns an exit code; the only `process.exit` is in `bin.ts`. Any unexpected exception is
 * caught here and shown as one line (with the stack only under `--debug`).
 */

import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { renderTextAll, toJson, type Diagnostic } from "../diagnostics/index.ts";
import { EXIT_FAILURE, EXIT_USAGE, type Command, type CommandContext, type Output } from "./command.ts";
import { COMMANDS } from "./commands.ts";
import { VERSION } from "../version.ts";

export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTty: boolean;
  /** Standard descriptors (0, 1, 2) that are terminals; `run` tells the program. Default: none. */
  readonly ttys?: readonly number[];
}

const GLOBAL_FLAGS = [
  { name: "--help, -h", help: "show help (for a command: beskid-ci <command> --help)" },
  { name: "--version, -V", help: "print the toolchain version" },
  { name: "--debug", help: "show stack traces of internal errors" },
];

function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}

export function mainHelp(): string {
  const width = Math.max(8, ...COMMANDS.map((c) => c.name.length));
  const lines = [
    `beskid-ci ${VERSION} - the CI toolchain for the Beskid language`,
    "",
    "Usage: beskid-ci <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Options:",
    ...GLOBAL_FLAGS.map((f) => `  ${f.name.padEnd(16)}  ${f.help}`),
    "",
    "Exit codes: 0 ok, 1 errors found or tests failed, 2 usage error, 101 the program panicked (run).",
    "Diagnostics are coloured only when stderr is a terminal and NO_COLOR is not set.",
  ];
  return lines.join("\n") + "\n";
}

export function commandHelp(c: Command): string {
  const width = Math.max(12, ...c.flags.map((f) => f.name.length));
  const lines = [`${c.summary}`, "", `Usage: beskid-ci ${c.usage}`];
  if (c.aliases?.length) lines.push(`Aliases: ${c.aliases.join(", ")}`);
  if (c.flags.length) {
    lines.push("", "Options:", ...c.flags.map((f) => `  ${f.name.padEnd(width)}  ${f.help}`));
  }
  return lines.join("\n") + "\n";
}

/**
 * A usage error. With `--json` anywhere among the command's own arguments a machine reads stdout,
 * so it gets one JSON document there, `{"ok": false, "usage_error": {message, usage}, "diagnostics": []}`,
 * instead of the text on stderr; the exit code is 2 either way.
 */
function usageError(io: Io, message: string, command?: Command, json = false): number {
  const usage = command ? `beskid-ci ${command.usage}` : "beskid-ci <command> [options]";
  if (json) {
    io.stdout.write(
      JSON.stringify({ ok: false, usage_error: { message, usage }, diagnostics: [] }, null, 2) + "\n",
    );
    return EXIT_USAGE;
  }
  io.stderr.write(`error: ${message}\n`);
  io.stderr.write(`Usage: ${usage}\n`);
  io.stderr.write(`Run 'beskid-ci ${command ? command.name + " " : ""}--help' for more.\n`);
  return EXIT_USAGE;
}

function splitPassthrough(argv: readonly string[]): { own: string[]; passthrough: string[] } {
  const i = argv.indexOf("--");
  return i < 0
    ? { own: [...argv], passthrough: [] }
    : { own: argv.slice(0, i), passthrough: argv.slice(i + 1) };
}

export function sourceReader(cwd: string): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(file.startsWith("/") ? file : `${cwd}/${file}`, "utf8"));
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file);
  };
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  // Colour goes only into diagnostics, which are written to stderr: `check 2> log.txt` from a
  // terminal must not fill the log with escape codes. `isTty` (stdout) decides when the caller
  // does not say which descriptors are terminals.
  const color = (io.ttys ? io.ttys.includes(2) : io.isTty) && !io.env.NO_COLOR;
  const first = args[0];
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    const target = first === "help" && args[1] ? findCommand(args[1]) : undefined;
    io.stdout.write(target ? commandHelp(target) : mainHelp());
    return 0;
  }
  if (first === "--version" || first === "-V") {
    io.stdout.write(`beskid-ci ${VERSION}\n`);
    return 0;
  }
  const wantsJson = splitPassthrough(args).own.includes("--json");
  if (first.startsWith("-")) return usageError(io, `unknown option '${first}'`, undefined, wantsJson);
  const command = findCommand(first);
  if (!command) return usageError(io, `unknown command '${first}'`, undefined, wantsJson);
  const { own, passthrough } = splitPassthrough(args.slice(1));
  if (own.includes("--help") || own.includes("-h")) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: own, options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    return usageError(
      io,
      (e as Error).message.split("\n")[0]!.replace(/^TypeError \[[A-Z_]+\]: /, ""),
      command,
      wantsJson,
    );
  }
  if (parsed.positionals.length > command.maxPositionals) {
    return usageError(
      io,
      `unexpected argument '${parsed.positionals[command.maxPositionals]}'`,
      command,
      wantsJson,
    );
  }
  const json = parsed.values.json === true;
  const reader = sourceReader(io.cwd);
  const ctx: CommandContext = {
    values: parsed.values,
    positionals: parsed.positionals,
    passthrough,
    stdout: io.stdout,
    stderr: io.stderr,
    cwd: io.cwd,
    env: io.env,
    color,
    ttys: io.ttys ?? [],
    report(diagnostics: readonly Diagnostic[]) {
      if (diagnostics.length === 0) return;
      if (json) io.stdout.write(JSON.stringify({ diagnostics: diagnostics.map(toJson) }, null, 2) + "\n");
      else io.stderr.write(renderTextAll(diagnostics, { color, sources: reader }) + "\n");
    },
    usage: (message) => usageError(io, message, command, json),
  };
  try {
    return await command.run(ctx);
  } catch (e) {
    const err = e as Error;
    if (json)
      io.stdout.write(
        JSON.stringify(
          { ok: false, internal_error: { message: err?.message ?? String(e) }, diagnostics: [] },
          null,
          2,
        ) + "\n",
      );
    io.stderr.write(`internal error: ${err?.message ?? String(e)}\n`);
    io.stderr.write(
      debug
        ? `${err?.stack ?? ""}\n`
        : "(run again with --debug for the stack trace, and please report it)\n",
    );
    return EXIT_FAILURE;
  }
}
