/**
 * The `beskid-ci` command as users run it: the committed bundle in a child process. Help,
 * version, usage errors with exit code 2, no stack traces.
 */

import test from "ava";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { VERSION } from "../../src/version.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = resolve(ROOT, "dist/cli.js");

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("version matches package.json", (t) => {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8"));
  t.is(VERSION, pkg.version);
  const r = cli("--version");
  t.is(r.code, 0);
  t.is(r.stdout, `beskid-ci ${VERSION}\n`);
});

test("--help lists the commands and the exit codes", (t) => {
  const r = cli("--help");
  t.is(r.code, 0);
  t.regex(r.stdout, /Usage: beskid-ci <command>/);
  t.regex(r.stdout, /Exit codes: 0 ok, 1 errors found or tests failed, 2 usage error/);
});

test("unknown command is a usage error with exit code 2", (t) => {
  const r = cli("frobnicate");
  t.is(r.code, 2);
  t.regex(r.stderr, /unknown command 'frobnicate'/);
  t.notRegex(r.stderr, /\n\s+at /, "no stack trace");
});

test("unknown global option is a usage error with exit code 2", (t) => {
  const r = cli("--frobnicate");
  t.is(r.code, 2);
  t.regex(r.stderr, /unknown option '--frobnicate'/);
});
