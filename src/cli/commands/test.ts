/**
 * `beskid-ci test`: lower (cached) and run the `test` items of the import closure through the
 * JIT, each isolated with a time limit; text, `--json` and `--junit FILE` reports. Exit 1
 * when any test failed or timed out (or the program does not compile).
 */

import { toJson } from "../../diagnostics/index.ts";
import { test } from "../../pipeline/index.ts";
import { parseShard } from "../../pipeline/test-select.ts";
import {
  renderJunit,
  renderJunitError,
  renderTestJson,
  renderTestText,
  reportFailed,
} from "../../pipeline/test-report.ts";
import { reportFilePath, writeFileAtomic } from "../../util/fs.ts";
import {
  EXIT_FAILURE,
  EXIT_OK,
  boolFlag,
  listFlag,
  stringFlag,
  type Command,
  type CommandContext,
} from "../command.ts";
import {
  CACHE_FLAG_HELP,
  CACHE_OPTIONS,
  PROJECT_FLAG_HELP,
  PROJECT_OPTIONS,
  cacheRequest,
  projectRequest,
} from "../project-flags.ts";

export const DEFAULT_TEST_TIMEOUT_MS = 10_000;

export const testCommand: Command = {
  name: "test",
  summary: "run the project's test items through the JIT",
  usage:
    "test [input] [--project P] [--filter F] [--include-tag T] [--exclude-tag T] [--group G] [--shard i/n] [--timeout-ms N] [--json] [--junit FILE]",
  flags: [
    ...PROJECT_FLAG_HELP,
    { name: "--filter F", help: "name substring, or a glob with * and ?" },
    { name: "--include-tag T", help: "run only tests with any of these tags (repeatable, comma-separated)" },
    { name: "--exclude-tag T", help: "skip tests with any of these tags (repeatable, comma-separated)" },
    { name: "--group G", help: "run only tests whose group starts with G (dotted prefix)" },
    { name: "--shard i/n", help: "run the i-th of n disjoint shards" },
    { name: "--timeout-ms N", help: `time limit per test (default ${DEFAULT_TEST_TIMEOUT_MS})` },
    { name: "--junit FILE", help: "also write a JUnit XML report" },
    ...CACHE_FLAG_HELP,
  ],
  options: {
    ...PROJECT_OPTIONS,
    ...CACHE_OPTIONS,
    filter: { type: "string" },
    "include-tag": { type: "string", multiple: true },
    "exclude-tag": { type: "string", multiple: true },
    group: { type: "string" },
    shard: { type: "string" },
    "timeout-ms": { type: "string" },
    junit: { type: "string" },
  },
  maxPositionals: 1,
  async run(ctx) {
    const shardText = stringFlag(ctx, "shard");
    const shard = shardText === undefined ? undefined : parseShard(shardText);
    if (shardText !== undefined && !shard) {
      return ctx.usage(`--shard takes i/n with 1 <= i <= n, got '${shardText}'`);
    }
    const timeoutText = stringFlag(ctx, "timeout-ms");
    // Decimal digits only: `Number` would also take `1e3`, `0x10` and values past exact integers.
    const timeoutMs =
      timeoutText === undefined
        ? DEFAULT_TEST_TIMEOUT_MS
        : /^\d+$/.test(timeoutText)
          ? Number(timeoutText)
          : NaN;
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
      return ctx.usage(`--timeout-ms takes a positive integer, got '${timeoutText}'`);
    }
    const filter = stringFlag(ctx, "filter");
    const group = stringFlag(ctx, "group");
    const r = await test(projectRequest(ctx, "test"), cacheRequest(ctx), {
      includeTags: listFlag(ctx, "include-tag"),
      excludeTags: listFlag(ctx, "exclude-tag"),
      timeoutMs,
      ...(filter !== undefined ? { filter } : {}),
      ...(group !== undefined ? { group } : {}),
      ...(shard ? { shard } : {}),
    });
    const json = boolFlag(ctx, "json");
    const junit = stringFlag(ctx, "junit");
    if (!r.ok || !r.report) {
      // Never leave an earlier run's JUnit file looking like this run's result.
      if (junit !== undefined)
        writeJunit(ctx, junit, renderJunitError(r.plan?.projectName ?? "beskid", r.diagnostics));
      if (json)
        ctx.stdout.write(
          JSON.stringify({ ok: false, diagnostics: r.diagnostics.map(toJson) }, null, 2) + "\n",
        );
      else ctx.report(r.diagnostics);
      return EXIT_FAILURE;
    }
    // With --json the warnings (W3028, unused imports, …) are part of the report document.
    if (!json) ctx.report(r.diagnostics);
    const written =
      junit === undefined || writeJunit(ctx, junit, renderJunit(r.report, r.plan?.projectName ?? "beskid"));
    ctx.stdout.write(json ? renderTestJson(r.report, r.diagnostics.map(toJson)) : renderTestText(r.report));
    return reportFailed(r.report) || !written ? EXIT_FAILURE : EXIT_OK;
  },
};

/** Writes the `--junit` file; a path that cannot be written is the user's error, not an internal one. */
function writeJunit(ctx: CommandContext, path: string, xml: string): boolean {
  try {
    // A folder (an existing one, or a path ending in a slash) gets junit.xml inside it, as the
    // action's `junit-path` does.
    writeFileAtomic(reportFilePath(ctx.cwd, path, "junit.xml"), xml);
    return true;
  } catch (e) {
    ctx.stderr.write(`error: could not write the JUnit report to '${path}': ${(e as Error).message}\n`);
    return false;
  }
}
