/**
 * Memory reuse (docs/runtime.md, "Memory"): the programs of `fixtures/programs/memory/` that
 * allocate far more than 16 MiB in all run in a 16 MiB heap (maxPages 256) under the JIT and
 * as AOT executables, with the expected output, because dead arrays and strings are freed
 * and their blocks reused. The control: the same shape with each array kept alive by a copy
 * runs out of memory at the same place in both backends, so the limit really binds.
 */

import test from "ava";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { runMain } from "../../src/backends/jit/index.ts";
import { buildArtifact } from "../../src/backends/aot/index.ts";
import type { CodegenArtifact } from "../../src/artifact/index.ts";
import { PROGRAMS, compileFile, compileSource, limiter, runProcess, tempDir } from "./helpers.ts";

const SMALL = 256; // 16 MiB
const cc = limiter(2);
const work = tempDir("beskid-aot-memory-");
test.after.always(() => rmSync(work, { recursive: true, force: true }));

async function both(
  artifact: CodegenArtifact,
  stem: string,
): Promise<{
  jit: { stdout: string; stderr: string; exit: number };
  aot: { stdout: string; stderr: string; exit: number };
}> {
  const j = await runMain(artifact, { maxPages: SMALL });
  const built = await cc(() =>
    buildArtifact(artifact, {
      kinds: ["exe"],
      outDir: join(work, stem),
      stem,
      env: process.env,
      maxPages: SMALL,
    }),
  );
  if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join("\n"));
  const aot = await runProcess(built.outputs[0]!.path, [], join(work, stem));
  return {
    jit: {
      stdout: Buffer.from(j.stdout).toString("utf8"),
      stderr: Buffer.from(j.stderr).toString("utf8"),
      exit: j.exitCode,
    },
    aot,
  };
}

for (const name of ["array_per_call", "string_append", "aliasing", "churn", "fragmented", "temp_result"]) {
  test(`memory/${name}.bd runs in a 16 MiB heap under the JIT and AOT`, async (t) => {
    const file = join(PROGRAMS, "memory", `${name}.bd`);
    const c = compileFile(file, PROGRAMS);
    if (!c.artifact) return t.fail("does not compile");
    const { jit, aot } = await both(c.artifact, name);
    const expected = readFileSync(file.slice(0, -3) + ".out", "utf8");
    t.is(jit.stderr, "");
    t.is(jit.exit, 0);
    t.is(jit.stdout, expected);
    t.is(aot.stdout, expected);
    t.is(aot.stderr, "");
    t.is(aot.exit, 0);
  });
}

test("the control: arrays kept alive by a copy exhaust the 16 MiB heap in both backends", async (t) => {
  const c = compileSource(`use Core.Output;

i64 Count(i64 n) {
    bool[] xs = __array_new(1, n);
    bool[] alias = xs;
    xs[n - 1] = true;
    return __array_len(alias);
}

i32 Main() {
    mut i64 t = 0;
    for round in range(0, 40) {
        t += Count(4000000);
    }
    Output.WriteLine("\${t}");
    return 0;
}
`);
  if (!c.artifact) return t.fail("does not compile");
  const { jit, aot } = await both(c.artifact, "control");
  t.not(jit.exit, 0);
  t.regex(jit.stderr, /out of memory/);
  t.is(aot.stderr, jit.stderr);
  t.is(aot.exit, jit.exit);
  t.is(aot.stdout, jit.stdout);
});
