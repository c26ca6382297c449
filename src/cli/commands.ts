/**
 * The table of `beskid-ci` commands, in the order `--help` lists them. Adding a command means
 * adding its module here; nothing else registers commands.
 */

import type { Command } from "./command.ts";
import { assembleCommand } from "./commands/assemble.ts";
import { buildCommand } from "./commands/build.ts";
import { checkCommand } from "./commands/check.ts";
import { lowerCommand } from "./commands/lower.ts";
import { parseCommand } from "./commands/parse.ts";
import { runCommand } from "./commands/run.ts";
import { serveCommand } from "./commands/serve.ts";
import { testCommand } from "./commands/test.ts";

export const COMMANDS: readonly Command[] = [
  checkCommand,
  runCommand,
  testCommand,
  buildCommand,
  lowerCommand,
  assembleCommand,
  parseCommand,
  serveCommand,
];
