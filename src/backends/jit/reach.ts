/**
 * Call-graph reachability for the JIT's E4040 check (LANGUAGE.md §5.16): which extern
 * functions can be reached from an entry point or a test, through direct calls and,
 * conservatively, every function in the table once any indirect call is reachable.
 *
 * It decides nothing about which externs are available; `emit.ts` and `run.ts` do.
 */

import { walkBody, type CodegenArtifact, type Expr, type LocId } from "../../artifact/index.ts";

/**
 * Every program extern reachable from `root` (through calls and, conservatively, the table),
 * with the smallest source location among its reachable call sites (for E4040's position).
 */
export function reachableExterns(a: CodegenArtifact, root: number): Map<number, LocId | undefined> {
  const seen = new Set<number>();
  const externs = new Map<number, LocId | undefined>();
  const stack = [root];
  let tableAdded = false;
  const expr = (e: Expr): void => {
    // Only the three kinds of call matter here; `walkBody` visits everything else.
    if (e.kind === "call") {
      if (!seen.has(e.func)) stack.push(e.func);
    } else if (e.kind === "call.extern") {
      const prev = externs.get(e.ext);
      if (!externs.has(e.ext) || (e.loc !== undefined && (prev === undefined || e.loc < prev)))
        externs.set(e.ext, e.loc);
    } else if (e.kind === "call.indirect" && !tableAdded) {
      tableAdded = true;
      stack.push(...a.table);
    }
  };
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    walkBody(a.functions[f]?.body ?? [], expr);
  }
  return externs;
}

/** One extern the JIT cannot map, as E4040 reports it: what it is and a call site reaching it. */
export interface UnavailableExtern {
  readonly detail: string;
  /** Index into the artifact's `locations` of a reachable call site, when known. */
  readonly loc?: LocId;
}

/**
 * For each root, the externs reachable from it that `isMapped` rejects, as
 * `Contract.name (library L)`; roots with none are omitted. When no function calls an
 * unmapped extern at all (the common case) no graph walk happens.
 */
export function unavailableByRoot(
  a: CodegenArtifact,
  roots: readonly number[],
  isMapped: (name: string) => boolean,
): Record<number, UnavailableExtern[]> {
  const out: Record<number, UnavailableExtern[]> = {};
  if (a.externs.every((x) => isMapped(x.name))) return out;
  for (const root of roots) {
    const names: UnavailableExtern[] = [];
    for (const [i, loc] of [...reachableExterns(a, root)].sort((x, y) => x[0] - y[0])) {
      const x = a.externs[i]!;
      if (!isMapped(x.name))
        names.push({
          detail: `${x.contract}.${x.name} (library ${x.library})`,
          ...(loc !== undefined ? { loc } : {}),
        });
    }
    if (names.length > 0) out[root] = names;
  }
  return out;
}
