#!/usr/bin/env node
/** Entry point of the `beskid-ci` command: wires the real process into `main`. */

import { main } from "./main.ts";

const code = await main(process.argv.slice(2), {
  stdout: { write: (t) => void process.stdout.write(t) },
  stderr: { write: (t) => void process.stderr.write(t) },
  cwd: process.cwd(),
  env: process.env,
  isTty: process.stdout.isTTY === true,
});
process.exitCode = code;
