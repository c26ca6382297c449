/**
 * The program suite: every `__tests__/fixtures/programs/<feature>/<name>.bd` is compiled
 * through the real stages, run under the WebAssembly JIT, and compared with the files next to
 * it: `<name>.out` (exact stdout), `<name>.exit` (exit code) and, when present, `<name>.err`
 * (exact stderr). The AOT backend runs the same files for JIT/AOT parity.
 */

import test from "ava";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { verifyArtifact } from "../../src/artifact/verify.ts";
import { PROGRAMS, compileFile, describeErrors, runArtifact } from "./helpers.ts";

function programs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...programs(p));
    else if (name.endsWith(".bd")) out.push(p);
  }
  return out;
}

const all = programs(PROGRAMS);

test("the suite has at least 60 programs, each with expected stdout and exit code", (t) => {
  t.true(all.length >= 60, `only ${all.length} programs`);
  for (const p of all) {
    const base = p.slice(0, -3);
    t.true(existsSync(base + ".out"), `${relative(PROGRAMS, p)} has no .out`);
    t.true(existsSync(base + ".exit"), `${relative(PROGRAMS, p)} has no .exit`);
  }
});

for (const file of all) {
  const rel = relative(PROGRAMS, file);
  test(`program ${rel}`, async (t) => {
    const base = file.slice(0, -3);
    const c = compileFile(file, PROGRAMS);
    if (!c.artifact) return t.fail(`does not compile:\n${describeErrors(c.errors)}`);
    t.deepEqual(verifyArtifact(c.artifact), [], "the artifact verifies");
    const r = await runArtifact(c.artifact);
    t.is(r.stdout, readFileSync(base + ".out", "utf8"), "stdout");
    t.is(r.exit, Number(readFileSync(base + ".exit", "utf8").trim()), `exit code (stderr: ${r.stderr})`);
    const err = existsSync(base + ".err") ? readFileSync(base + ".err", "utf8") : "";
    t.is(r.stderr, err, "stderr");
  });
}
