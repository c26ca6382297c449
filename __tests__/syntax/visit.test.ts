/**
 * `forEachChild` against a generic walk: over every fixture tree, the children it reports are
 * exactly the node-valued fields of each node, in source order for trees without syntax errors
 * (so walkers built on it, such as module facts, miss nothing).
 */

import test from "ava";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { forEachChild, parseFile, type Node } from "../../src/syntax/index.ts";
import { FIXTURES } from "./helpers.ts";

function isNode(v: unknown): v is Node {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as { kind?: unknown }).kind === "string"
  );
}

/** Node-valued fields and list elements, ordered by position (stable). */
function genericChildren(n: Node): Node[] {
  const out: Node[] = [];
  for (const [k, v] of Object.entries(n)) {
    if (k === "start" || k === "end") continue;
    if (Array.isArray(v)) for (const x of v) if (isNode(x)) out.push(x);
    if (isNode(v)) out.push(v);
  }
  return out
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.start - b.c.start || a.i - b.i)
    .map((x) => x.c);
}

test("forEachChild reports every child node of every fixture, in source order", (t) => {
  let checked = 0;
  const mismatches: string[] = [];
  for (const area of readdirSync(FIXTURES).sort()) {
    for (const f of readdirSync(join(FIXTURES, area)).filter((x) => x.endsWith(".bd"))) {
      const parsed = parseFile(readFileSync(join(FIXTURES, area, f), "utf8"), f);
      const tree = parsed.tree;
      // Recovery can keep nodes out of source order (a field written after a member).
      const clean = !parsed.diagnostics.some((d) => d.severity === "error");
      const stack: Node[] = [tree];
      while (stack.length) {
        const n = stack.pop()!;
        const got: Node[] = [];
        forEachChild(n, (c) => got.push(c));
        const want = genericChildren(n);
        const order = [...got].sort((a, b) => a.start - b.start);
        if (got.length !== want.length || want.some((c) => !got.includes(c))) {
          mismatches.push(`${area}/${f}: ${n.kind} children differ`);
        } else if (clean && order.some((c, i) => c.start !== got[i]!.start)) {
          mismatches.push(`${area}/${f}: ${n.kind} children out of order`);
        }
        checked++;
        stack.push(...got);
      }
    }
  }
  t.deepEqual(mismatches.slice(0, 10), []);
  t.true(checked > 4_000, `${checked} nodes checked`);
});
