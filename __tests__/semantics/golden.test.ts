/**
 * Golden rendered-diagnostics tests: each `__tests__/fixtures/semantics/*.bd` (multi-file
 * with `//- /path` headers, plus the stand-in prelude) is analysed and its diagnostics
 * rendered as text next to it in `.diag`. `BESKID_BLESS=1` rewrites the goldens.
 */

import test from "ava";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderTextAll } from "../../src/diagnostics/index.ts";
import { writeFileAtomic } from "../../src/util/fs.ts";
import { dumpProgram } from "../../src/semantics/index.ts";
import { run } from "./helpers.ts";

const DIR = resolve(import.meta.dirname, "../fixtures/semantics");
const BLESS = process.env.BESKID_BLESS === "1";

for (const name of readdirSync(DIR)
  .filter((n) => n.endsWith(".bd"))
  .sort()) {
  test(`golden ${name}`, (t) => {
    const source = readFileSync(join(DIR, name), "utf8");
    const r = run(source);
    const texts = new Map(r.files.map((f) => [f.path.slice(1), f.text]));
    const all = [...r.syntax, ...r.diagnostics];
    const rendered =
      (all.length === 0
        ? "No diagnostics."
        : renderTextAll(all, { color: false, sources: (f) => texts.get(f) })) + "\n";
    const golden = join(DIR, name.replace(/\.bd$/, ".diag"));
    if (BLESS || !existsSync(golden)) {
      writeFileAtomic(golden, rendered);
      t.pass();
      return;
    }
    t.is(rendered, readFileSync(golden, "utf8"));
  });
}

// Typed-program dumps for the programs that check clean: what lowering receives.
for (const name of readdirSync(DIR)
  .filter((n) => n.endsWith("-ok.bd"))
  .sort()) {
  test(`typed dump ${name}`, (t) => {
    const r = run(readFileSync(join(DIR, name), "utf8"));
    t.deepEqual(
      r.diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    const dump = dumpProgram(r.program, {
      modules: (p) => !p.startsWith("Core") && !p.startsWith("Testing"),
    });
    const golden = join(DIR, name.replace(/\.bd$/, ".typed"));
    if (BLESS || !existsSync(golden)) {
      writeFileAtomic(golden, dump);
      t.pass();
      return;
    }
    t.is(dump, readFileSync(golden, "utf8"));
  });
}
