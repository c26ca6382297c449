/**
 * `beskid-ci build`: lower (cached), then compile ahead of time through C into the requested
 * output kinds; prints each output with its size and sha256.
 */

import { toJson } from "../../diagnostics/index.ts";
import type { OutputKind } from "../../pipeline/api.ts";
import { build } from "../../pipeline/index.ts";
import { EXIT_FAILURE, EXIT_OK, boolFlag, listFlag, stringFlag, type Command } from "../command.ts";
import {
  CACHE_FLAG_HELP,
  CACHE_OPTIONS,
  PROJECT_FLAG_HELP,
  PROJECT_OPTIONS,
  cacheRequest,
  projectRequest,
} from "../project-flags.ts";

const KINDS: readonly OutputKind[] = ["exe", "shared", "static", "object", "wasm"];

export const buildCommand: Command = {
  name: "build",
  summary: "compile ahead of time into exe, shared, static, object or wasm outputs",
  usage:
    "build [input] [--project P] [--target T] [--kind K]... [--output PATH] [--release] [--entrypoint NAME] [--export SYM]... [--json]",
  flags: [
    ...PROJECT_FLAG_HELP,
    {
      name: "--kind K",
      help: "exe | shared | static | object | wasm (repeatable; default from the target kind)",
    },
    { name: "--output PATH", help: "output file (one kind) or folder (default obj/beskid/build/<target>/)" },
    { name: "--release", help: "optimise (-O2) instead of a debug build" },
    { name: "--entrypoint NAME", help: "entry function for exe (default main/Main)" },
    { name: "--export SYM", help: "export only these pub functions from libraries (repeatable)" },
    ...CACHE_FLAG_HELP,
  ],
  options: {
    ...PROJECT_OPTIONS,
    ...CACHE_OPTIONS,
    kind: { type: "string", multiple: true },
    output: { type: "string", short: "o" },
    release: { type: "boolean" },
    entrypoint: { type: "string" },
    export: { type: "string", multiple: true },
  },
  maxPositionals: 1,
  async run(ctx) {
    // A kind given twice is built once (and `-o` still names the file of a single kind).
    const kinds = [...new Set(listFlag(ctx, "kind"))];
    const bad = kinds.filter((k) => !KINDS.includes(k as OutputKind));
    if (bad.length) {
      return ctx.usage(`unknown output kind '${bad[0]}' (expected one of ${KINDS.join(", ")})`);
    }
    const output = stringFlag(ctx, "output");
    if (output === "") {
      return ctx.usage("--output needs a file or folder path");
    }
    const entrypoint = stringFlag(ctx, "entrypoint");
    const exports = listFlag(ctx, "export");
    const r = await build(
      projectRequest(ctx, "build"),
      cacheRequest(ctx),
      {
        release: boolFlag(ctx, "release"),
        ...(kinds.length ? { kinds: kinds as OutputKind[] } : {}),
        ...(output !== undefined ? { output } : {}),
        ...(entrypoint !== undefined ? { entrypoint } : {}),
        ...(exports.length ? { exports } : {}),
      },
      ctx.env,
    );
    if (boolFlag(ctx, "json")) {
      ctx.stdout.write(
        JSON.stringify({ ok: r.ok, outputs: r.outputs, diagnostics: r.diagnostics.map(toJson) }, null, 2) +
          "\n",
      );
      return r.ok ? EXIT_OK : EXIT_FAILURE;
    }
    ctx.report(r.diagnostics);
    for (const o of r.outputs)
      ctx.stdout.write(`${o.kind.padEnd(6)} ${o.path}  ${o.bytes} bytes  sha256:${o.sha256}\n`);
    return r.ok ? EXIT_OK : EXIT_FAILURE;
  },
};
