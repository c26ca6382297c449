/**
 * The artifact's binary form: round trip, determinism (same artifact built twice → same bytes
 * and id), rejection of truncated, corrupted and wrong-version input with a clear value, and
 * the stable text dump.
 */

import test from "ava";
import {
  ArtifactBuilder,
  ARTIFACT_SCHEMA_VERSION,
  MAX_NESTING,
  artifactId,
  decodeArtifact,
  dumpArtifact,
  encodeArtifact,
  ir,
  verifyArtifact,
  type CodegenArtifact,
} from "../../src/artifact/index.ts";

/** A small artifact touching every node kind and every item table. */
function sample(): CodegenArtifact {
  const b = new ArtifactBuilder();
  const at = b.loc("src/Main.bd", 3, 5);
  const g = b.global("counter", "i64", 7n);
  const ext = b.extern({
    contract: "Libc",
    name: "getpid",
    library: "libc.so.6",
    type: { params: [], result: "i32" },
  });
  const rec = b.layout({ kind: "record", name: "Point", size: 24, refs: [] });
  const helper = b.declare("helper", ["i64"], "i64");
  const slot = b.tableSlot(helper);
  b.define(helper, (f) => [ir.ret(ir.bin("i64.mul", f.param(0), ir.i64(-3), at))]);
  const main = b.func(
    "main",
    [],
    "i32",
    (f) => {
      const x = f.local("i64");
      const y = f.local("f64");
      const p = f.local("i32");
      const l = f.label();
      const blk = f.label();
      return [
        ir.set(x, ir.i64(-9007199254740993n), at),
        ir.set(y, ir.f64(-0)),
        ir.set(y, ir.f64(NaN)),
        ir.set(p, ir.rt("alloc", [ir.i32(rec), ir.i32(24)])),
        ir.store("f64.store", ir.get(p), ir.get(y), 8),
        ir.block(blk, [
          ir.loop(
            l,
            [
              ir.if(ir.bin("i64.ge_s", ir.get(x), ir.i64(0)), [ir.br(l)], [ir.set(x, ir.tee(x, ir.i64(1)))]),
              ir.continue(l),
            ],
            at,
          ),
          ir.br(blk),
        ]),
        ir.exec(ir.callIndirect({ params: ["i64"], result: "i64" }, ir.i32(slot), [ir.gget(g)], at)),
        ir.exec(ir.callExtern(ext, [])),
        ir.gset(
          g,
          ir.un("i64.extend_i32_s", ir.load("i32.load8_u", ir.elem(b.string("héllo"), ir.i64(1), 1, at))),
        ),
        ir.exec(ir.select(ir.i32(1), ir.f32(1.5), ir.f32(2.5))),
        ir.exec(ir.memoryGrow(ir.i32(0))),
        ir.exec(ir.memorySize()),
        ir.copy(ir.i32(64), ir.i32(32), ir.i32(4)),
        ir.fill(ir.i32(64), ir.i32(0), ir.i32(4)),
        ir.ret(
          ir.cond(
            "i32",
            ir.i32(0),
            ir.i32(1),
            ir.seq([ir.exec(ir.call(helper, [ir.i64(2)], at))], ir.i32(0)),
          ),
        ),
      ];
    },
    at,
  );
  b.entryPoint("main", main);
  b.export("beskid_main", main);
  const t = b.func("test.A", [], null, () => [ir.unreachable(at)]);
  b.test({
    qualifiedName: "Geo::A",
    name: "A",
    group: "geo.area",
    tags: ["fast", "x"],
    skip: { condition: true, reason: "slow" },
    file: "src/Main.bd",
    line: 10,
    column: 1,
    func: t,
  });
  return b.finish();
}

test("the sample verifies", (t) => {
  t.deepEqual(verifyArtifact(sample()), []);
});

test("encode → decode round trips, floats by bit pattern", (t) => {
  const a = sample();
  const bytes = encodeArtifact(a);
  const d = decodeArtifact(bytes);
  if (!d.ok) return t.fail(d.message);
  t.deepEqual(encodeArtifact(d.artifact), bytes);
  t.is(dumpArtifact(d.artifact), dumpArtifact(a));
  const body = d.artifact.functions[1]!.body;
  const neg0 = body[1]!;
  t.true(neg0.kind === "local.set" && neg0.value.kind === "const" && Object.is(neg0.value.value, -0));
  const big = body[0]!;
  t.true(big.kind === "local.set" && big.value.kind === "const" && big.value.value === -9007199254740993n);
});

test("same artifact built twice gives the same bytes and id", (t) => {
  const a = encodeArtifact(sample());
  const b = encodeArtifact(sample());
  t.deepEqual(a, b);
  t.is(artifactId(a), artifactId(b));
  t.regex(artifactId(a), /^[0-9a-f]{64}$/);
});

test("every truncation is rejected as truncated", (t) => {
  const bytes = encodeArtifact(sample());
  for (let n = 0; n < bytes.length; n += Math.max(1, Math.floor(n / 7))) {
    const d = decodeArtifact(bytes.subarray(0, n));
    t.false(d.ok, `prefix of ${n} bytes`);
    if (!d.ok && n >= 12) t.is(d.kind, "truncated");
  }
});

test("a flipped byte anywhere is rejected, never a crash", (t) => {
  const bytes = encodeArtifact(sample());
  for (let i = 0; i < bytes.length; i++) {
    const copy = bytes.slice();
    copy[i] = copy[i]! ^ 0x5a;
    const d = decodeArtifact(copy);
    t.false(d.ok, `flip at ${i}`);
  }
});

test("wrong version and foreign input are named as such", (t) => {
  const bytes = encodeArtifact(sample());
  const other = bytes.slice();
  new DataView(other.buffer).setUint32(4, ARTIFACT_SCHEMA_VERSION + 1, true);
  const d = decodeArtifact(other);
  t.false(d.ok);
  if (!d.ok) {
    t.is(d.kind, "wrong-version");
    t.regex(d.message, /schema version 2 is not supported/);
  }
  const foreign = decodeArtifact(new TextEncoder().encode("hello world, not an artifact"));
  t.false(foreign.ok);
  if (!foreign.ok) t.is(foreign.kind, "not-an-artifact");
});

test("body corruption behind a valid checksum is still caught", async (t) => {
  // Re-seal corrupted bytes with a fresh checksum: the structural checks must reject them.
  const { createHash } = await import("node:crypto");
  const bytes = encodeArtifact(sample());
  let rejected = 0;
  let tried = 0;
  for (let i = 12; i < bytes.length - 32; i++) {
    const copy = bytes.slice();
    copy[i] = 0xff;
    const digest = createHash("sha256")
      .update(copy.subarray(0, copy.length - 32))
      .digest();
    copy.set(digest, copy.length - 32);
    tried++;
    const d = decodeArtifact(copy);
    if (!d.ok) rejected++;
  }
  // Some single-byte changes are still well-formed artifacts (a different constant); most are not.
  t.true(rejected > tried / 3, `${rejected} of ${tried}`);
});

test("the text dump is stable", (t) => {
  const dump = dumpArtifact(sample());
  t.snapshot(dump);
  t.true(dump.includes('data 0 str.0 14 bytes 0000000006000000 "héllo"'));
  t.true(dump.includes("(i64.mul $0 i64:-3 @src/Main.bd:3:5)"));
});

test("trees deeper than MAX_NESTING are reported by the verifier and refused by the encoder", (t) => {
  const build = (n: number): CodegenArtifact => {
    const b = new ArtifactBuilder();
    let e = b.string("x");
    for (let i = 0; i < n; i++) e = ir.rt("str_concat", [e, b.string("y")]);
    b.entryPoint(
      "main",
      b.func("main", [], "i32", () => [ir.exec(e), ir.ret(ir.i32(0))]),
    );
    return b.finish();
  };
  const deep = build(MAX_NESTING + 10);
  t.true(verifyArtifact(deep).some((p) => p.includes(`nesting deeper than ${MAX_NESTING}`)));
  t.throws(() => encodeArtifact(deep), { instanceOf: RangeError, message: /nesting deeper than/ });
  const ok = build(MAX_NESTING - 5);
  t.deepEqual(verifyArtifact(ok), []);
  const d = decodeArtifact(encodeArtifact(ok));
  t.true(d.ok);
});
