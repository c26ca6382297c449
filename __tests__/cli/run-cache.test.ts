/**
 * `run` on a local cache hit starts from the compiled JIT module stored beside the artifact
 * (`<key>.jit`) without decoding the artifact: output, exit code, panic places and the names of
 * a dependency's files are the same as on the first run; a damaged module is ignored with a
 * warning and replaced; without one, the artifact is decoded. (A module of another artifact is
 * refused by `loadPrepared`: __tests__/jit/module-cache.test.ts.)
 */

import test from "ava";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { artifactId } from "../../src/artifact/index.ts";
import { loadPrepared } from "../../src/backends/jit/index.ts";
import { cli, copyProject } from "./helpers.ts";

const PANIC = /^panic at pricing\/Src\/Pricing\/Divide\.bd:2:\d+: division by zero$/m;

test("run: a cache hit runs the stored compiled module; a foreign or damaged one is replaced", async (t) => {
  const dir = copyProject(t, "examples/shop");
  writeFileSync(
    join(dir, "pricing/Src/Pricing/Divide.bd"),
    "pub i32 By(i32 a, i32 b) {\n    return a / b;\n}\n",
  );
  writeFileSync(
    join(dir, "app/Src/Divides.bd"),
    'use Core.Output;\nuse Pricing.Divide;\n\ni32 Main() {\n    Output.WriteLine("before");\n    i32 zero = 0;\n    return Divide.By(1, zero);\n}\n',
  );
  const run = () => cli(dir, ["run", "app/Src/Divides.bd"]);
  const first = await run();
  t.is(first.code, 101, first.stderr);
  t.is(first.stdout, "before\n");
  t.regex(first.stderr, PANIC);

  const cacheDir = join(dir, "app/obj/beskid/cache");
  const bca = readdirSync(cacheDir).find((f) => f.endsWith(".bca"))!;
  const jit = join(cacheDir, bca.replace(/\.bca$/, ".jit"));
  // The stored module belongs to the cached artifact's exact bytes (minus the 64-byte digest).
  const file = readFileSync(join(cacheDir, bca));
  const id = artifactId(new Uint8Array(file.subarray(0, file.length - 64)));
  t.true(loadPrepared(new Uint8Array(readFileSync(jit)), id).ok);

  // A hit: the same output, exit code and panic place (named as diagnostics name it).
  const hit = await run();
  t.is(hit.code, 101);
  t.is(hit.stdout, "before\n");
  t.regex(hit.stderr, PANIC);
  t.notRegex(hit.stderr, /warning/);

  // A damaged module (a changed byte, or not a module): a warning, the same run, replaced.
  const good = readFileSync(jit);
  for (const bad of [
    Buffer.concat([good.subarray(0, 20), Buffer.from("x"), good.subarray(21)]),
    Buffer.from("BSKW not a module at all, but long enough to be read"),
  ]) {
    writeFileSync(jit, bad);
    const r = await run();
    t.is(r.code, 101);
    t.is(r.stdout, "before\n");
    t.regex(r.stderr, PANIC);
    t.regex(r.stderr, /ignoring the compiled JIT module/);
    t.true(loadPrepared(new Uint8Array(readFileSync(jit)), id).ok, "rewritten");
  }

  // No module: the artifact is decoded, the program runs, the module is written again.
  rmSync(jit);
  const decoded = await run();
  t.is(decoded.code, 101);
  t.is(decoded.stdout, "before\n");
  t.regex(decoded.stderr, PANIC);
  t.true(existsSync(jit));
});

test("test: a cache hit runs the tests from the stored compiled module, with the same report", async (t) => {
  const dir = copyProject(t, "__tests__/fixtures/cli/mixed");
  const report = async () => {
    const r = await cli(dir, ["test", "--timeout-ms", "500", "--json"]);
    t.is(r.code, 1, r.stderr);
    t.notRegex(r.stderr, /warning/);
    const doc = JSON.parse(r.stdout);
    // Everything but the clock: names, outcomes, reasons, places, groups, tags, output.
    delete doc.summary.duration_ms;
    for (const x of doc.tests) delete x.duration_ms;
    return doc;
  };
  const first = await report();
  const cacheDir = join(dir, "obj/beskid/cache");
  t.true(
    readdirSync(cacheDir).some((f) => f.endsWith(".jit")),
    "the compiled module is stored",
  );
  t.deepEqual(
    first.tests.map((x: { outcome: string }) => x.outcome),
    ["passed", "failed", "skipped", "timed_out", "passed"],
  );
  t.deepEqual(await report(), first);
});
