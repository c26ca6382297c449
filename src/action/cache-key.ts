/**
 * The GitHub cache key of the lowered-artifact cache folder and its restore keys:
 * `beskid-<prefix>-<os>-<arch>-<toolchain>-<schema>-<options hash>-<closure hash>`, restore
 * keys dropping the closure hash, then the options hash (never the toolchain or schema: an
 * entry from another toolchain can hold nothing this one could use). Also the decision
 * whether this run may save (read-only off the default branch unless configured), with the
 * reason in words for the log and the summary. Pure functions; no cache calls here.
 */

import { KEY_HASH_LENGTH, type CacheKey, type CacheKeyBase } from "../pipeline/api.ts";
import type { RunnerContext } from "./context.ts";
import { MAX_KEY_LENGTH } from "./inputs.ts";

export interface ActionCacheKey {
  readonly primary: string;
  readonly restoreKeys: readonly string[];
  /** Each part in order, for the log group and the summary. */
  readonly components: readonly { readonly name: string; readonly value: string }[];
}

export type KeyResult =
  { readonly ok: true; readonly key: ActionCacheKey } | { readonly ok: false; readonly error: string };

function clean(part: string): string {
  // Keys travel through URLs and logs: keep them to a tame alphabet.
  return part.replace(/[^A-Za-z0-9._+]/g, "_");
}

/**
 * What the action knows of the key before the import closure is read: the closure-independent
 * components and the restore keys. The first cache lookup of a run goes by `restoreKeys[0]`, a
 * prefix of every key this project, toolchain and set of options can have.
 */
export interface ActionKeyBase {
  readonly restoreKeys: readonly string[];
  readonly components: readonly { readonly name: string; readonly value: string }[];
}

export type KeyBaseResult =
  { readonly ok: true; readonly key: ActionKeyBase } | { readonly ok: false; readonly error: string };

function tooLong(length: number): { readonly ok: false; readonly error: string } {
  return {
    ok: false,
    error: `The cache key would be ${length} characters long (GitHub allows ${MAX_KEY_LENGTH}); shorten \`cache-key-prefix\`.`,
  };
}

export function composeKeyBase(prefix: string, ctx: RunnerContext, base: CacheKeyBase): KeyBaseResult {
  const components = [
    { name: "prefix", value: clean(prefix) },
    { name: "os", value: clean(ctx.os) },
    { name: "arch", value: clean(ctx.arch) },
    { name: "toolchain", value: clean(base.toolchain) },
    { name: "artifact schema", value: clean(base.schema) },
    { name: "options hash", value: clean(base.options) },
  ];
  const parts = ["beskid", ...components.map((c) => c.value)];
  const restoreKeys = [parts.join("-") + "-", parts.slice(0, -1).join("-") + "-"];
  // The closure hash the pipeline appends last (KEY_HASH_LENGTH hex digits) must fit too.
  const length = restoreKeys[0]!.length + KEY_HASH_LENGTH;
  if (length > MAX_KEY_LENGTH) return tooLong(length);
  if (restoreKeys[0]!.includes(",")) return { ok: false, error: "The cache key must not contain a comma." };
  return { ok: true, key: { restoreKeys, components } };
}

export function composeCacheKey(prefix: string, ctx: RunnerContext, key: CacheKey): KeyResult {
  const base = composeKeyBase(prefix, ctx, key.components);
  if (!base.ok) return base;
  const closure = clean(key.components.closure);
  const primary = base.key.restoreKeys[0] + closure;
  if (primary.length > MAX_KEY_LENGTH) return tooLong(primary.length);
  return {
    ok: true,
    key: {
      primary,
      restoreKeys: base.key.restoreKeys,
      components: [...base.key.components, { name: "closure hash", value: closure }],
    },
  };
}

export interface SavePolicy {
  readonly readOnly: boolean;
  readonly reason: string;
}

export function savePolicy(configured: boolean | undefined, ctx: RunnerContext): SavePolicy {
  if (configured === true) return { readOnly: true, reason: "`cache-read-only: true` is set" };
  if (configured === false) return { readOnly: false, reason: "`cache-read-only: false` is set" };
  if (ctx.refType === "branch" && ctx.defaultBranch !== undefined && ctx.refName === ctx.defaultBranch) {
    return { readOnly: false, reason: `\`${ctx.refName}\` is the default branch` };
  }
  if (ctx.defaultBranch === undefined) {
    return {
      readOnly: true,
      reason:
        "the default branch is unknown (no event payload), so this run only reads; set `cache-read-only: false` to save",
    };
  }
  return {
    readOnly: true,
    reason: `\`${ctx.ref || "this ref"}\` is not the default branch \`${ctx.defaultBranch}\`, so this run only reads (set \`cache-read-only: false\` to save here)`,
  };
}
