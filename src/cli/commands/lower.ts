/**
 * `beskid-ci lower`: produce the lowered artifact (from the cache when nothing changed) and
 * print its path, cache key and sha256. The same function every other command lowers with.
 */

import { toJson } from "../../diagnostics/index.ts";
import { lower } from "../../pipeline/index.ts";
import { EXIT_FAILURE, EXIT_OK, boolFlag, type Command } from "../command.ts";
import {
  CACHE_FLAG_HELP,
  CACHE_OPTIONS,
  PROJECT_FLAG_HELP,
  PROJECT_OPTIONS,
  cacheRequest,
  projectRequest,
} from "../project-flags.ts";

export const lowerCommand: Command = {
  name: "lower",
  summary: "lower a project to its CodegenArtifact (cached) and print path, key and sha256",
  usage:
    "lower [input] [--project P] [--target T] [--workspace-member M] [--locked|--frozen] [--no-cache] [--json]",
  flags: [...PROJECT_FLAG_HELP, ...CACHE_FLAG_HELP],
  options: { ...PROJECT_OPTIONS, ...CACHE_OPTIONS },
  maxPositionals: 1,
  async run(ctx) {
    const r = await lower(projectRequest(ctx, "lower"), cacheRequest(ctx));
    if (boolFlag(ctx, "json")) {
      ctx.stdout.write(
        JSON.stringify(
          {
            ok: r.ok,
            artifact: r.artifact ?? null,
            cache: { key: r.cacheKey?.key ?? null, components: r.cacheKey?.components ?? null, ...r.cache },
            diagnostics: r.diagnostics.map(toJson),
          },
          null,
          2,
        ) + "\n",
      );
      return r.ok ? EXIT_OK : EXIT_FAILURE;
    }
    ctx.report(r.diagnostics);
    if (!r.ok || !r.artifact) return EXIT_FAILURE;
    ctx.stdout.write(`artifact: ${r.artifact.path || "(not stored: no local cache)"}\n`);
    ctx.stdout.write(`sha256:   ${r.artifact.sha256}\n`);
    ctx.stdout.write(`bytes:    ${r.artifact.bytes}\n`);
    ctx.stdout.write(`key:      ${r.cacheKey?.key ?? "-"}\n`);
    ctx.stdout.write(`cache:    ${r.cache.hit ? `hit (${r.cache.source})` : "miss"}\n`);
    return EXIT_OK;
  },
};
