/**
 * The real corelib (`corelib/Src`) and its tests (`corelib/Tests/Src`) must check without
 * errors: every module path computed as assembly does, all files analysed as one program.
 */

import test from "ava";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseFile } from "../../src/syntax/index.ts";
import { analyze } from "../../src/semantics/index.ts";
import { modulePathOf } from "./helpers.ts";

const ROOT = resolve(import.meta.dirname, "../../corelib");

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith(".bd") ? [p] : [];
    });
}

test("corelib and its tests check without errors", (t) => {
  const roots = [join(ROOT, "Tests/Src"), join(ROOT, "Src")];
  const units = roots.flatMap((root) =>
    walk(root).map((f) => {
      const parsed = parseFile(readFileSync(f, "utf8"), relative(ROOT, f));
      return {
        file: relative(ROOT, f),
        module: modulePathOf("/" + relative(root, f)),
        tree: parsed.tree,
        lineIndex: parsed.lineIndex,
      };
    }),
  );
  t.true(units.length > 50);
  const r = analyze(units, { entryModuleIndex: 0, rethrowInternalErrors: true });
  const errors = r.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => `${d.code} ${d.file}:${d.start?.line}:${d.start?.column} ${d.message}`);
  t.deepEqual(errors, []);
  t.true(r.program.tests.length > 100);
  // Every function that has a body got a typed body.
  t.true(
    r.program.functions
      .filter((f) => f.kind !== "lambda")
      .every((f) => f.body !== undefined || f.kind === "function"),
  );
});
