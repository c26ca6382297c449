/**
 * Compiled-module caching: a prepared module encodes to bytes, loads back and runs the same
 * program (entry points, tests, E4040 facts included) without the artifact; wrong artifact
 * ids, corrupted or foreign bytes are refused as values.
 */

import test from "ava";
import { ArtifactBuilder, artifactId, encodeArtifact, ir } from "../../src/artifact/index.ts";
import {
  encodePrepared,
  loadPrepared,
  prepareArtifact,
  prepareCached,
  type PreparedStore,
  runMain,
  runTests,
} from "../../src/backends/jit/index.ts";

function sample() {
  const b = new ArtifactBuilder();
  const at = b.loc("src/App.bd", 4, 9);
  b.entryPoint(
    "main",
    b.func("main", [], "i32", () => [
      ir.exec(ir.rt("syscall_write", [ir.i64(1), b.string("cached hello\n")])),
      ir.ret(ir.i32(4)),
    ]),
  );
  const boom = b.func("boom", [], null, () => [ir.exec(ir.rt("panic", [b.string("boom"), ir.i32(at)]))]);
  b.test({
    qualifiedName: "Boom",
    name: "Boom",
    group: null,
    tags: [],
    skip: null,
    file: "src/App.bd",
    line: 3,
    column: 1,
    func: boom,
  });
  const ext = b.extern({
    contract: "C",
    name: "dlopen",
    library: "libdl.so",
    type: { params: [], result: "i32" },
  });
  b.entryPoint(
    "native",
    b.func("native", [], "i32", () => [ir.ret(ir.callExtern(ext, []))]),
    false,
  );
  return b.finish();
}

test("a cached module runs main and tests like the original", async (t) => {
  const a = sample();
  const id = artifactId(encodeArtifact(a));
  const bytes = encodePrepared(prepareArtifact(a), id);
  const loaded = loadPrepared(bytes, id);
  if (!loaded.ok) return t.fail(loaded.message);
  const r = await runMain(loaded.prepared);
  t.is(r.exitCode, 4);
  t.is(new TextDecoder().decode(r.stdout), "cached hello\n");
  const [boom] = await runTests(loaded.prepared);
  t.is(boom!.reason, "boom (at src/App.bd:4:9)");
  const native = await runMain(loaded.prepared, { entrypoint: "native" });
  t.is(native.diagnostics[0]?.code, "E4040");
});

test("another artifact id, a flipped byte or foreign bytes are refused", (t) => {
  const a = sample();
  const id = artifactId(encodeArtifact(a));
  const bytes = encodePrepared(prepareArtifact(a), id);
  const other = loadPrepared(bytes, "0".repeat(64));
  t.false(other.ok);
  if (!other.ok) t.regex(other.message, /another artifact/);
  const flipped = bytes.slice();
  flipped[100] = flipped[100]! ^ 1;
  const bad = loadPrepared(flipped, id);
  t.false(bad.ok);
  if (!bad.ok) t.regex(bad.message, /checksum/);
  t.false(loadPrepared(new Uint8Array(100), id).ok);
  t.false(loadPrepared(bytes.subarray(0, bytes.length - 1), id).ok);
});

test("prepareCached: compiles and stores on a miss, loads on a hit, recovers from bad entries", async (t) => {
  const a = sample();
  const id = artifactId(encodeArtifact(a));
  let stored: Uint8Array | undefined;
  let removed = 0;
  const store: PreparedStore = {
    read: () => stored,
    write: (b) => void (stored = b),
    remove: () => void removed++,
  };
  const warnings: string[] = [];
  const warn = (m: string) => void warnings.push(m);
  const first = prepareCached(a, id, store, { warn });
  t.false(first.hit);
  t.truthy(stored);
  const second = prepareCached(a, id, store, { warn });
  t.true(second.hit);
  t.is((await runMain(second.prepared)).exitCode, 4);
  t.deepEqual(warnings, []);
  // A corrupt entry is a miss: removed, recompiled and replaced.
  stored = new Uint8Array([1, 2, 3]);
  const third = prepareCached(a, id, store, { warn, purpose: "tests" });
  t.false(third.hit);
  t.is(removed, 1);
  t.true(loadPrepared(stored!, id).ok);
  t.regex(warnings[0]!, /ignoring the compiled JIT module/);
  // A store that throws on both sides only warns.
  const broken: PreparedStore = {
    read: () => {
      throw new Error("disk gone");
    },
    write: () => {
      throw new Error("read-only");
    },
  };
  const fourth = prepareCached(a, id, broken, { warn });
  t.false(fourth.hit);
  t.is((await runMain(fourth.prepared)).exitCode, 4);
  t.true(warnings.some((w) => w.includes("disk gone")));
  t.true(warnings.some((w) => w.includes("read-only")));
  // Bytes made for another artifact are never used for this one.
  stored = encodePrepared(prepareArtifact(a), "f".repeat(64));
  t.false(prepareCached(a, id, store, { warn }).hit);
});
