/**
 * Test selection, in the order PIPELINE.md §5 fixes: `--include-tag` (any of), `--exclude-tag`
 * (none of), `--group <prefix>`, `--filter <substring or glob>`, then the skip check, then
 * sharding of what is left to run. Works on plain descriptors, so it knows nothing of the
 * artifact's encoding or the backend that runs the tests.
 */

import type { TestRequest } from "./api.ts";

export interface TestDescriptor {
  readonly name: string;
  readonly qualifiedName: string;
  readonly tags: readonly string[];
  readonly group: string;
  readonly skip?: { readonly reason: string };
}

export type Selection =
  | { readonly kind: "run" }
  | { readonly kind: "filtered_out" }
  | { readonly kind: "skipped"; readonly reason: string };

/** `*` matches any run of characters, `?` one; otherwise the filter is a substring match. */
export function matchesFilter(filter: string, qualifiedName: string, name: string): boolean {
  if (!/[*?]/.test(filter)) return qualifiedName.includes(filter) || name.includes(filter);
  const pattern = filter
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  const re = new RegExp(`^${pattern}$`);
  return re.test(qualifiedName) || re.test(name);
}

/** A group filter is a dotted prefix: `text` selects `text` and `text.parser`, not `textual`. */
export function matchesGroup(prefix: string, group: string): boolean {
  return group === prefix || group.startsWith(prefix.endsWith(".") ? prefix : `${prefix}.`);
}

export function selectTest(t: TestDescriptor, req: TestRequest): Selection {
  const include = req.includeTags ?? [];
  const exclude = req.excludeTags ?? [];
  if (include.length > 0 && !t.tags.some((tag) => include.includes(tag))) return { kind: "filtered_out" };
  if (exclude.length > 0 && t.tags.some((tag) => exclude.includes(tag))) return { kind: "filtered_out" };
  if (req.group !== undefined && req.group !== "" && !matchesGroup(req.group, t.group))
    return { kind: "filtered_out" };
  if (req.filter !== undefined && req.filter !== "" && !matchesFilter(req.filter, t.qualifiedName, t.name)) {
    return { kind: "filtered_out" };
  }
  if (t.skip) return { kind: "skipped", reason: t.skip.reason };
  return { kind: "run" };
}

/**
 * Sharding keeps every n-th selected test (by position in discovery order), so shards are
 * disjoint, cover everything, and do not depend on timing. Tests of other shards count as
 * filtered out.
 */
export function inShard(position: number, shard: TestRequest["shard"]): boolean {
  if (!shard) return true;
  return position % shard.count === shard.index - 1;
}

/** Parses `i/n` (1 ≤ i ≤ n, exact integers); returns undefined when malformed. */
export function parseShard(text: string): { index: number; count: number } | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}
