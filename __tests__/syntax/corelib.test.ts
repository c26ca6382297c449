/**
 * Real code: every `.bd` file of the bundled corelib and of the example projects parses without
 * a single diagnostic, and module facts come out of each (the corelib is written in the current
 * syntax, so this is the broadest positive test there is).
 */

import test from "ava";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { decodeSource, extractModuleFacts, parseFile } from "../../src/syntax/index.ts";

const ROOT = resolve(import.meta.dirname, "../..");

function bdFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(bdFiles(p));
    else if (name.endsWith(".bd")) out.push(p);
  }
  return out;
}

test("the bundled corelib and the examples parse cleanly", (t) => {
  const files = [...bdFiles(join(ROOT, "corelib")), ...bdFiles(join(ROOT, "examples"))];
  t.true(files.length >= 20);
  const problems: string[] = [];
  let uses = 0;
  for (const f of files) {
    const decoded = decodeSource(readFileSync(f), f);
    const r = parseFile(decoded.text, f);
    for (const d of [...decoded.diagnostics, ...r.diagnostics]) {
      problems.push(`${f}:${d.start?.line}:${d.start?.column} ${d.code} ${d.message}`);
    }
    uses += extractModuleFacts(r.tree).uses.length;
  }
  t.deepEqual(problems, []);
  t.true(uses > 0);
});
