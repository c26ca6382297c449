/**
 * JIT/AOT parity: every program of the suite (`__tests__/fixtures/programs/`) runs under the
 * WebAssembly JIT and as an AOT executable built by the real C compiler (-O0); stdout,
 * stderr and the exit code must be identical byte for byte, and equal to the expected files.
 */

import test from "ava";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { runMain } from "../../src/backends/jit/index.ts";
import { buildArtifact } from "../../src/backends/aot/index.ts";
import { PROGRAMS, compileFile, limiter, runProcess, tempDir } from "./helpers.ts";

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
const cc = limiter(2);
const work = tempDir("beskid-aot-parity-");
test.after.always(() => rmSync(work, { recursive: true, force: true }));

test("the parity suite covers the whole program suite", (t) => {
  t.true(all.length >= 60, `only ${all.length} programs`);
});

for (const file of all) {
  const rel = relative(PROGRAMS, file);
  if (!existsSync(file.slice(0, -3) + ".out")) continue;
  test(`parity ${rel}`, async (t) => {
    const c = compileFile(file, PROGRAMS);
    if (!c.artifact) return t.fail(`${rel} does not compile`);
    const jit = await runMain(c.artifact);
    const jitOut = Buffer.from(jit.stdout).toString("utf8");
    const jitErr = Buffer.from(jit.stderr).toString("utf8");
    const stem = rel.replace(/\.bd$/, "").replace(/[^A-Za-z0-9]/g, "_");
    const built = await cc(() =>
      buildArtifact(c.artifact!, { kinds: ["exe"], outDir: join(work, stem), stem, env: process.env }),
    );
    if (!built.ok)
      return t.fail(`${rel}: AOT build failed: ${built.diagnostics.map((d) => d.message).join("\n")}`);
    const aot = await runProcess(built.outputs[0]!.path, [], join(work, stem));
    t.is(aot.stdout, jitOut, `${rel}: stdout differs`);
    t.is(aot.stderr, jitErr, `${rel}: stderr differs`);
    t.is(aot.exit, jit.exitCode, `${rel}: exit code differs`);
    t.is(aot.stdout, readFileSync(file.slice(0, -3) + ".out", "utf8"), `${rel}: expected stdout`);
  });
}
