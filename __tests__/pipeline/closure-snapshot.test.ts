/**
 * Closure snapshots: a warm run computes the same cache key without parsing, and every change
 * that could alter the closure (an edited unit, a new candidate file, a removed file)
 * invalidates the snapshot.
 */

import test from "ava";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { lowerProject } from "../../src/pipeline/spine.ts";
import type { CacheRequest } from "../../src/pipeline/api.ts";

const ROOT = resolve(import.meta.dirname, "../..");

function project(t: { teardown(f: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "beskid-snap-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(ROOT, "__tests__/fixtures/cli/mixed"), dir, { recursive: true });
  return dir;
}

const cache: CacheRequest = { enabled: true };

async function lowerAt(dir: string) {
  const r = await lowerProject({ cwd: dir, command: "lower" }, cache);
  return {
    key: r.cacheKey?.key,
    parsed: r.resolved?.assembly.units.some((u) => u.tree !== undefined),
    hit: r.cache.hit,
    ok: r.ok,
  };
}

test("a warm run reuses the snapshot: same key, nothing parsed", async (t) => {
  const dir = project(t);
  const cold = await lowerAt(dir);
  t.true(cold.ok);
  t.true(cold.parsed);
  t.true(readdirSync(join(dir, "obj/beskid/cache")).some((f) => f.startsWith("closure-")));
  const warm = await lowerAt(dir);
  t.is(warm.key, cold.key);
  t.false(warm.parsed, "the snapshot gave the units without parsing");
  t.true(warm.hit);
});

test("an edited unit invalidates the snapshot", async (t) => {
  const dir = project(t);
  const cold = await lowerAt(dir);
  writeFileSync(join(dir, "Src/Math/Ops.bd"), "pub i32 Add(i32 a, i32 b) {\n    return b + a;\n}\n");
  const after = await lowerAt(dir);
  t.true(after.parsed);
  t.not(after.key, cold.key);
  t.false(after.hit);
});

test("a new file that shadows a resolved module invalidates the snapshot", async (t) => {
  const dir = project(t);
  const cold = await lowerAt(dir);
  // `Core.Output` resolved in the corelib root after probing Src/Core/Output.bd in the host
  // root; creating that file changes the closure.
  mkdirSync(join(dir, "Src/Core"), { recursive: true });
  writeFileSync(join(dir, "Src/Core/Output.bd"), "pub unit WriteLine(string text) {\n}\n");
  const after = await lowerAt(dir);
  t.true(after.parsed, "not taken from the snapshot");
  t.not(after.key, cold.key);
});

test("a file that resolution never looked at keeps the snapshot valid", async (t) => {
  const dir = project(t);
  const cold = await lowerAt(dir);
  // Math.Ops resolves at its first candidate, Src/Math/Ops.bd; Src/Math/Ops/Ops.bd is never probed.
  mkdirSync(join(dir, "Src/Math/Ops"), { recursive: true });
  writeFileSync(join(dir, "Src/Math/Ops/Ops.bd"), "pub i32 Add(i32 a, i32 b) {\n    return 0;\n}\n");
  writeFileSync(join(dir, "Src/Unrelated.bd"), "i32 Nothing() {\n    return 0;\n}\n");
  const after = await lowerAt(dir);
  t.false(after.parsed);
  t.is(after.key, cold.key);
});

test("a corrupt snapshot is ignored", async (t) => {
  const dir = project(t);
  const cold = await lowerAt(dir);
  const snap = readdirSync(join(dir, "obj/beskid/cache")).find((f) => f.startsWith("closure-"))!;
  writeFileSync(join(dir, "obj/beskid/cache", snap), "{not json");
  const after = await lowerAt(dir);
  t.true(after.parsed);
  t.is(after.key, cold.key);
});
