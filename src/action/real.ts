/**
 * The real services: `@actions/core` for the runner's commands and files, `@actions/cache`
 * and `@actions/artifact` for the results service. The cache adapter enforces the action's
 * rule that cache problems only warn: `@actions/cache` logs some failures (5xx) with
 * `core.error`, which would put a red annotation on a green build, so while a cache call runs
 * this adapter rewrites `::error::` commands on stdout into `::warning::` and remembers that a
 * problem happened (the library swallows it and returns "miss"/"not saved", and we want to say
 * why in the summary). Nothing here decides policy; the step cores do. The cache and artifact
 * clients are imported on first use: they are most of the bundle, and a step that does not
 * need them should not pay for parsing them at start-up.
 */

import * as core from "@actions/core";
import type { Env } from "./context.ts";
import type { ActionCore, ArtifactClient, CacheClient, RestoreOutcome, SaveOutcome } from "./services.ts";

export function realCore(): ActionCore {
  return {
    info: (m) => core.info(m),
    warning: (m, p) => core.warning(m, p),
    error: (m, p) => core.error(m, p),
    startGroup: (n) => core.startGroup(n),
    endGroup: () => core.endGroup(),
    setOutput: (n, v) => core.setOutput(n, v),
    setFailed: (m) => core.setFailed(m),
    setSecret: (v) => core.setSecret(v),
    appendSummary: async (md) => {
      await core.summary.addRaw(md, true).write();
      core.summary.emptyBuffer();
    },
  };
}

/** Runs `fn` with cache-client problems demoted to warnings and collected. */
async function demotingErrors<T>(
  fn: () => Promise<T>,
): Promise<{ value?: T; problems: string[]; thrown?: unknown }> {
  const problems: string[] = [];
  const original = process.stdout.write;
  const patched = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk === "string" || chunk instanceof Uint8Array) {
      let text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      if (text.startsWith("::error")) text = "::warning" + text.slice("::error".length);
      // Warnings, and the plain "Failed to save/restore" lines the client logs as info.
      const m = /^(?:::warning[^:]*::)?(Failed to (?:save|restore): .*|(?<=::warning[^:]*::).*)$/m.exec(text);
      if (m) problems.push(m[1]!.replace(/%0A/g, " ").replace(/%25/g, "%"));
      return (original as (c: string, ...r: unknown[]) => boolean).call(this, text, ...rest);
    }
    return (original as (c: unknown, ...r: unknown[]) => boolean).call(this, chunk, ...rest);
  };
  process.stdout.write = patched as typeof process.stdout.write;
  try {
    return { value: await fn(), problems };
  } catch (e) {
    return { problems, thrown: e };
  } finally {
    process.stdout.write = original;
  }
}

/** The client's own "Failed to …" line says the most; otherwise its last warning. */
function mainProblem(problems: readonly string[]): string | undefined {
  return problems.find((p) => p.startsWith("Failed to ")) ?? problems.at(-1);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** `env` is the step's environment (the client itself reads the same variables at call time). */
export function realCache(env: Env): CacheClient {
  return {
    // The test `isFeatureAvailable` makes, without loading the client for it.
    available: () => (env.ACTIONS_CACHE_SERVICE_V2 ? !!env.ACTIONS_RESULTS_URL : !!env.ACTIONS_CACHE_URL),
    async restore(paths, primaryKey, restoreKeys): Promise<RestoreOutcome> {
      const cache = await import("@actions/cache");
      const r = await demotingErrors(() => cache.restoreCache([...paths], primaryKey, [...restoreKeys]));
      if (r.thrown !== undefined) return { problem: message(r.thrown) };
      return { matchedKey: r.value, problem: mainProblem(r.problems) };
    },
    async save(paths, key): Promise<SaveOutcome> {
      const cache = await import("@actions/cache");
      const r = await demotingErrors(() => cache.saveCache([...paths], key));
      if (r.thrown !== undefined) return { saved: false, problem: message(r.thrown) };
      const saved = typeof r.value === "number" && r.value !== -1;
      return {
        saved,
        problem: saved ? undefined : (r.problems[0] ?? "the cache service did not accept the entry"),
      };
    },
  };
}

export function realArtifact(): ArtifactClient {
  return {
    async upload(name, files, root, options) {
      const { DefaultArtifactClient } = await import("@actions/artifact");
      const client = new DefaultArtifactClient();
      const r = await client.uploadArtifact(name, [...files], root, {
        ...(options.retentionDays !== undefined ? { retentionDays: options.retentionDays } : {}),
        ...(options.compressionLevel !== undefined ? { compressionLevel: options.compressionLevel } : {}),
      });
      return { id: r.id, size: r.size, digest: r.digest };
    },
  };
}
