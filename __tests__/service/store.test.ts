/**
 * The cache service's store through its HTTP surface: least-recently-used eviction order,
 * and a restart on the same data folder (entries survive, access order survives through
 * file mtimes, leftovers of a killed process are ignored and removed).
 */

import test from "ava";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { acDoc, call, serve, sha256, tempDir } from "./helpers.ts";

function blob(tag: string, size = 300): Buffer {
  const b = Buffer.alloc(size, tag.charCodeAt(0));
  b.write(tag);
  return b;
}

function casFile(dataDir: string, d: string): string {
  return join(dataDir, "cas", d.slice(0, 2), d);
}

test("LRU eviction keeps the store under --max-size and removes the least recently used first", async (t) => {
  let now = 1_000_000;
  const s = await serve(t, { maxSize: 1000, maxBlobSize: 400, clock: () => now, touchIntervalMs: 0 });
  const [a, b, c, d, e] = ["A", "B", "C", "D", "E"].map((x) => blob(x));
  for (const x of [a, b, c]) {
    now += 1000;
    t.is((await call(s.url, "PUT", `/cache/cas/${sha256(x!)}`, { body: x })).status, 201);
  }
  // Reading A makes it the most recently used: B is now the oldest.
  now += 1000;
  t.is((await call(s.url, "GET", `/cache/cas/${sha256(a!)}`)).status, 200);
  now += 1000;
  t.is((await call(s.url, "PUT", `/cache/cas/${sha256(d!)}`, { body: d })).status, 201);
  t.false(existsSync(casFile(s.dataDir, sha256(b!))), "B evicted");
  for (const x of [a, c, d]) t.true(existsSync(casFile(s.dataDir, sha256(x!))));
  // Order is now C, A, D: the next write evicts C.
  now += 1000;
  t.is((await call(s.url, "PUT", `/cache/cas/${sha256(e!)}`, { body: e })).status, 201);
  t.false(existsSync(casFile(s.dataDir, sha256(c!))), "C evicted");
  t.is((await call(s.url, "GET", `/cache/cas/${sha256(b!)}`)).status, 404);
  t.is((await call(s.url, "GET", `/cache/cas/${sha256(c!)}`)).status, 404);
  const st = (await call(s.url, "GET", "/status")).json();
  t.is(st.entries, 3);
  t.is(st.bytes, 900);
  t.true(st.bytes <= 1000);
  t.true(s.logs.some((l) => /evicted 1 entry/.test(l)));
});

test("a HEAD counts as a use (the client checks before it skips an upload)", async (t) => {
  let now = 1_000_000;
  const s = await serve(t, { maxSize: 700, maxBlobSize: 400, clock: () => now, touchIntervalMs: 0 });
  const [a, b, c] = ["A", "B", "C"].map((x) => blob(x));
  for (const x of [a, b]) {
    now += 1000;
    await call(s.url, "PUT", `/cache/cas/${sha256(x!)}`, { body: x });
  }
  now += 1000;
  t.is((await call(s.url, "HEAD", `/cache/cas/${sha256(a!)}`)).status, 200);
  now += 1000;
  await call(s.url, "PUT", `/cache/cas/${sha256(c!)}`, { body: c });
  t.true(existsSync(casFile(s.dataDir, sha256(a!))));
  t.false(existsSync(casFile(s.dataDir, sha256(b!))));
});

test("restart on the same data folder: entries survive, leftovers are removed, LRU order comes back from mtimes", async (t) => {
  const dataDir = tempDir(t);
  let now = Date.UTC(2026, 0, 1);
  const clock = () => now;
  const first = await serve(t, { dataDir, clock, touchIntervalMs: 0 });
  const [a, b, c] = ["A", "B", "C"].map((x) => blob(x));
  for (const x of [a, b, c]) {
    now += 60_000;
    t.is((await call(first.url, "PUT", `/cache/cas/${sha256(x!)}`, { body: x })).status, 201);
  }
  now += 60_000;
  t.is((await call(first.url, "PUT", "/cache/ac/key-1", { body: acDoc(sha256(c!), 300) })).status, 201);
  now += 60_000;
  await call(first.url, "GET", `/cache/cas/${sha256(a!)}`); // A is now newer than B and C.
  await first.close();

  // What a killed process leaves: a half-written upload in tmp/, and stray names among entries.
  writeFileSync(join(dataDir, "tmp", "deadbeef.part"), Buffer.alloc(1000, 1));
  const half = sha256("never finished");
  writeFileSync(join(dataDir, "cas", half.slice(0, 2), `.${half}.123.tmp`), "half");
  writeFileSync(join(dataDir, "ac", ".key-2.99.tmp"), "{");
  mkdirSync(join(dataDir, "cas", "zz"));
  // A killed process also leaves its lock behind, naming a pid that no longer exists.
  const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
  writeFileSync(join(dataDir, "lock"), `${dead}\n`);

  // Room for the AC entry and two blobs: the oldest by mtime (B) must go on open.
  const acSize = Buffer.byteLength(acDoc(sha256(c!), 300));
  const second = await serve(t, { dataDir, clock, maxSize: 600 + acSize, maxBlobSize: 300 });
  t.deepEqual(readdirSync(join(dataDir, "tmp")), []);
  t.false(existsSync(join(dataDir, "cas", half.slice(0, 2), `.${half}.123.tmp`)));
  t.false(existsSync(join(dataDir, "ac", ".key-2.99.tmp")));
  t.false(existsSync(join(dataDir, "cas", "zz")));
  t.true(second.logs.some((l) => /removed 1 unfinished upload/.test(l)));
  t.true(second.logs.some((l) => new RegExp(`lock from process ${dead}`).test(l)));
  t.is(readFileSync(join(dataDir, "lock"), "utf8").trim(), String(process.pid));
  t.is((await call(second.url, "GET", `/cache/cas/${sha256(b!)}`)).status, 404, "B was least recently used");
  const ga = await call(second.url, "GET", `/cache/cas/${sha256(a!)}`);
  t.is(ga.status, 200);
  t.deepEqual(ga.body, a);
  t.deepEqual((await call(second.url, "GET", `/cache/cas/${sha256(c!)}`)).body, c);
  t.is((await call(second.url, "GET", "/cache/ac/key-1")).json().blobs[0].digest, sha256(c!));
  const st = (await call(second.url, "GET", "/status")).json();
  t.is(st.entries, 3);
  t.is(st.bytes, 600 + acSize);
});

test("one server per data folder: a live owner's lock refuses a second server; close releases it", async (t) => {
  const dataDir = tempDir(t);
  // A live process other than this one owns the folder.
  const { spawn } = await import("node:child_process");
  const owner = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"], { stdio: "ignore" });
  t.teardown(() => void owner.kill("SIGKILL"));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, "lock"), `${owner.pid}\n`);
  await t.throwsAsync(() => serve(t, { dataDir }), { message: new RegExp(`in use by process ${owner.pid}`) });
  t.is(
    readFileSync(join(dataDir, "lock"), "utf8").trim(),
    String(owner.pid),
    "the owner's lock is untouched",
  );
  owner.kill("SIGKILL");
  await new Promise((r) => owner.once("exit", r));
  const s = await serve(t, { dataDir });
  t.is(readFileSync(join(dataDir, "lock"), "utf8").trim(), String(process.pid));
  await s.close();
  t.false(existsSync(join(dataDir, "lock")));
});
