/**
 * `runMain`'s worker thread: a compiled module handed to the spare worker started by
 * `prewarmMainWorker` runs exactly as in a fresh one (deep stack included); a spare that ended
 * before it was used is replaced; a module loaded from the compiled-module cache places a trap
 * through its stored source map as the freshly compiled one does.
 */

import test from "ava";
import { ArtifactBuilder, artifactId, encodeArtifact, ir } from "../../src/artifact/index.ts";
import {
  encodePrepared,
  loadPrepared,
  prepareArtifact,
  prewarmMainWorker,
  runMain,
  spareMainWorker,
} from "../../src/backends/jit/index.ts";

const { i32, i64, bin } = ir;
const FILE = "src/Deep.bd";

/** main prints Down(depth): non-tail recursion (`Down(n - 1) + 1`), one frame per level. */
function deep(depth: number) {
  const b = new ArtifactBuilder();
  const at = b.loc(FILE, 4, 9);
  const down = b.declare("Down", ["i64"], "i64");
  b.define(down, (f) => [
    ir.if(bin("i64.eq", f.param(0), i64(0)), [ir.ret(i64(0))], []),
    ir.ret(bin("i64.add", ir.call(down, [bin("i64.sub", f.param(0), i64(1))], at), i64(1))),
  ]);
  b.entryPoint(
    "main",
    b.func("main", [], "i32", () => [
      ir.exec(ir.rt("syscall_write", [i64(1), ir.rt("str_from_i64", [ir.call(down, [i64(depth)])])])),
      ir.ret(i32(3)),
    ]),
  );
  return b.finish();
}

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

// Serial: the spare worker is one per process.
test.serial("a module handed to the prewarmed worker runs there, with the worker's deep stack", async (t) => {
  const prepared = prepareArtifact(deep(300_000));
  prewarmMainWorker();
  const spare = spareMainWorker();
  t.truthy(spare);
  // 300k frames: far beyond the calling thread's stack in either tier.
  const r = await runMain(prepared, { tier: "baseline" });
  t.is(text(r.stdout), "300000", text(r.stderr));
  t.is(r.exitCode, 3);
  t.is(spareMainWorker(), undefined, "the spare was taken");
  // Without a spare, runMain starts its own worker: the same result.
  const again = await runMain(prepared, { tier: "baseline" });
  t.is(text(again.stdout), "300000");
  t.is(again.exitCode, 3);
});

test.serial(
  "a spare worker that ended before it was used is replaced, and the program runs once",
  async (t) => {
    const prepared = prepareArtifact(deep(10));
    for (let i = 0; i < 3; i++) {
      prewarmMainWorker();
      // Ends while the run takes it: the run must neither fail nor run the program twice.
      void spareMainWorker()!.terminate();
      const r = await runMain(prepared);
      t.is(text(r.stdout), "10", text(r.stderr));
      t.is(r.exitCode, 3);
    }
    // A spare that already ended while waiting is dropped.
    prewarmMainWorker();
    const spare = spareMainWorker()!;
    await spare.terminate();
    await new Promise((resolve) => setImmediate(resolve));
    t.is(spareMainWorker(), undefined);
    t.is(text((await runMain(prepared)).stdout), "10");
  },
);

test.serial(
  "a cached module places a trap through its stored source map, as the fresh module does",
  async (t) => {
    const a = deep(100_000_000);
    const fresh = prepareArtifact(a);
    const id = artifactId(encodeArtifact(a));
    const loaded = loadPrepared(encodePrepared(fresh, id), id);
    if (!loaded.ok) return t.fail(loaded.message);
    t.deepEqual(loaded.prepared.info.locTable, fresh.info.locTable);
    t.deepEqual(loaded.prepared.info.locTableStarts, fresh.info.locTableStarts);
    prewarmMainWorker();
    for (const p of [fresh, loaded.prepared]) {
      const r = await runMain(p);
      t.is(r.exitCode, 101);
      t.is(r.panic?.message, "stack overflow");
      t.is(r.panic?.file, FILE);
      t.is(r.panic?.line, 4);
      t.is(r.panic?.frames[0]?.function, "Down");
      t.regex(text(r.stderr), /^panic at src\/Deep\.bd:4:9: stack overflow\n$/);
    }
  },
);
