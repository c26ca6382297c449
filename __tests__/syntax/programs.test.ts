/**
 * Whole programs (the two examples of LANGUAGE.md, older-syntax and current-syntax programs,
 * every E1230 construct in context, and one broken program) as goldens, plus the rule that the
 * valid ones parse without any diagnostic.
 */

import test from "ava";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFile } from "../../src/syntax/index.ts";
import { FIXTURES, goldenSuite } from "./helpers.ts";

goldenSuite("programs");

test("every program except the broken one parses without diagnostics", (t) => {
  const dir = join(FIXTURES, "programs");
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".bd") && !x.startsWith("broken"))) {
    const r = parseFile(readFileSync(join(dir, f), "utf8"), f);
    t.deepEqual(
      r.diagnostics.map((d) => `${f}:${d.start?.line}:${d.start?.column} ${d.code} ${d.message}`),
      [],
    );
  }
});

test("the broken program reports each broken construct once and keeps the rest", (t) => {
  const r = parseFile(readFileSync(join(FIXTURES, "programs", "broken-mixed.bd"), "utf8"), "b.bd");
  t.deepEqual(
    r.diagnostics.map((d) => `${d.start?.line}:${d.code}`),
    ["1:E0101", "4:E0101", "5:E0101", "11:E0101"],
  );
  t.deepEqual(
    r.tree.items.map((i) => i.kind),
    ["Use", "Function", "Type", "Function"],
  );
});
