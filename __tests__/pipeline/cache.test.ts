/** The local lowered-artifact cache: content keys, atomic entries, corruption as a miss, pruning. */

import test from "ava";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { computeCacheKey, LocalCache, LOCAL_CACHE_KEEP, type KeyInputs } from "../../src/pipeline/cache.ts";
import { lowerProject } from "../../src/pipeline/spine.ts";
import { artifactId } from "../../src/artifact/encode.ts";

const base: KeyInputs = {
  toolchain: "0.1.0",
  schema: 1,
  options: { opt: "debug", tests: true },
  units: [
    { module: "Main", hash: "aa" },
    { module: "Core.Output", hash: "bb" },
  ],
  inputs: [{ path: "Project.proj", hash: "cc" }],
};

test("the key is deterministic and covers every input", (t) => {
  const k = computeCacheKey(base);
  t.deepEqual(
    computeCacheKey({ ...base, options: { tests: true, opt: "debug" } }),
    k,
    "option order does not matter",
  );
  t.regex(k.key, /^0\.1\.0-s1-[0-9a-f]{16}-[0-9a-f]{16}$/);
  const variants: KeyInputs[] = [
    { ...base, toolchain: "0.1.1" },
    { ...base, schema: 2 },
    { ...base, options: { opt: "release", tests: true } },
    { ...base, units: [{ module: "Main", hash: "ab" }, base.units[1]!] },
    { ...base, units: [base.units[1]!, base.units[0]!] },
    { ...base, inputs: [{ path: "Project.proj", hash: "cd" }] },
  ];
  for (const v of variants) t.not(computeCacheKey(v).key, k.key);
  t.false(k.key.includes(","));
});

test("put then get returns the bytes; a corrupt entry is a miss and is removed", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-cache-"));
  const cache = new LocalCache(dir);
  const bytes = new Uint8Array([1, 2, 3, 4, 5]);
  const path = cache.put("k1", bytes);
  t.deepEqual(cache.get("k1"), bytes);
  t.is(cache.get("k2"), undefined);
  const file = readFileSync(path);
  file[0] = 9;
  writeFileSync(path, file);
  t.is(cache.get("k1"), undefined);
  t.false(readdirSync(dir).includes("k1.bca"));
  writeFileSync(join(dir, "k3.bca"), "short");
  t.is(cache.get("k3"), undefined);
  t.deepEqual(
    readdirSync(dir).filter((n) => n.endsWith(".tmp")),
    [],
    "no temporary files left",
  );
});

test("the folder keeps only the newest entries", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-cache-"));
  const cache = new LocalCache(dir);
  for (let i = 0; i < LOCAL_CACHE_KEEP + 3; i++) {
    const p = cache.put(`k${i}`, new Uint8Array([i]));
    const when = new Date(Date.now() - (100 - i) * 1000);
    utimesSync(p, when, when);
  }
  const left = readdirSync(dir).sort();
  t.is(left.length, LOCAL_CACHE_KEEP);
  t.true(left.includes(`k${LOCAL_CACHE_KEEP + 2}.bca`), "the newest stays");
  t.false(left.includes("k0.bca"), "the oldest goes");
});

test("an entry's warnings are kept beside it, dropped with it, and a damaged file reads as none", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-cache-"));
  const cache = new LocalCache(dir);
  const warning = {
    code: "W1503",
    severity: "warning",
    message: "unused import",
    file: "Main",
    start: { line: 2, column: 10 },
    notes: [],
  } as const;
  cache.put("k", new Uint8Array([1]));
  t.deepEqual(cache.getWarnings("k"), [], "none stored yet");
  cache.putWarnings("k", [warning]);
  t.deepEqual(cache.getWarnings("k"), [warning]);
  cache.putWarnings("k", []);
  t.false(readdirSync(dir).includes("k.warnings.json"), "no warnings, no file");

  writeFileSync(join(dir, "k.warnings.json"), '[{"code": 3}]');
  t.deepEqual(cache.getWarnings("k"), []);
  t.false(readdirSync(dir).includes("k.warnings.json"), "a damaged file is removed");

  cache.putWarnings("k", [warning]);
  cache.remove("k");
  t.deepEqual(readdirSync(dir), [], "removing an entry removes its warnings");

  for (let i = 0; i < LOCAL_CACHE_KEEP + 2; i++) {
    const p = cache.put(`p${i}`, new Uint8Array([i]));
    cache.putWarnings(`p${i}`, [warning]);
    const when = new Date(Date.now() - (100 - i) * 1000);
    utimesSync(p, when, when);
  }
  const left = readdirSync(dir);
  t.is(left.filter((n) => n.endsWith(".bca")).length, LOCAL_CACHE_KEEP);
  t.is(
    left.filter((n) => n.endsWith(".warnings.json")).length,
    LOCAL_CACHE_KEEP,
    "pruned with their entries",
  );
});

test("an entry's digest is the artifact's identity; a digest given to put is stored as such", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-cache-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const cache = new LocalCache(dir);
  const bytes = new Uint8Array([7, 8, 9]);
  cache.put("k", bytes, artifactId(bytes));
  t.deepEqual(cache.getEntry("k"), { bytes, sha256: artifactId(bytes) });
  // A wrong digest handed to put makes the entry damaged: it reads as a miss and is removed.
  cache.put("bad", bytes, "0".repeat(64));
  t.is(cache.getEntry("bad"), undefined);
  t.false(readdirSync(dir).includes("bad.bca"));
});

test("lowerProject names the artifact by the sha256 of the stored bytes on a miss and on each kind of local hit", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-cache-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(resolve(import.meta.dirname, "../fixtures/cli/mixed"), dir, { recursive: true });
  const lower = (jit?: "main") =>
    lowerProject({ cwd: dir, command: "run" }, { enabled: true }, jit ? { jit } : {});
  const cold = await lower();
  t.true(cold.ok);
  t.false(cold.cache.hit);
  const file = readFileSync(cold.artifact!.path);
  t.is(cold.artifact!.sha256, artifactId(file.subarray(0, file.length - 64)));
  const warm = await lower();
  t.true(warm.cache.hit);
  t.truthy(warm.program, "decoded from the cache");
  t.is(warm.artifact!.sha256, cold.artifact!.sha256);
  const jit = await lower("main");
  t.true(jit.cache.hit);
  t.is(jit.artifact!.sha256, cold.artifact!.sha256);
});
