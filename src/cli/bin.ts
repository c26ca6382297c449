#!/usr/bin/env node
/** Entry point of the `beskid-ci` command: wires the real process into `main`. */

import { isatty } from "node:tty";
import { tuneEngineForShortRuns } from "../util/engine.ts";
import { main } from "./main.ts";

tuneEngineForShortRuns();

// A reader that goes away (`beskid-ci run | head -1`) ends the command quietly, as SIGPIPE
// ends a C program: exit code 128 + 13, no stack trace. Other stream errors stay errors.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(141);
    throw e;
  });
}

const code = await main(process.argv.slice(2), {
  stdout: { write: (t) => void process.stdout.write(t), writeBytes: (b) => void process.stdout.write(b) },
  stderr: { write: (t) => void process.stderr.write(t), writeBytes: (b) => void process.stderr.write(b) },
  cwd: process.cwd(),
  env: process.env,
  isTty: process.stdout.isTTY === true,
  ttys: [0, 1, 2].filter((fd) => isatty(fd)),
});
process.exitCode = code;
