/**
 * The remote-cache client (src/pipeline/remote-cache.ts) against the real cache service on
 * 127.0.0.1: hits, misses, keys outside the AC alphabet, corrupted downloads, refused
 * tokens, a dead server, a 5xx and a stalled server. Every failure must be a warning and a
 * miss, never an exception.
 */

import test from "ava";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { acKeyFor, createRemoteCache, parseAcDocument } from "../../src/pipeline/remote-cache.ts";
import { READ_TOKEN, WRITE_TOKEN, call, serve, sha256, testTokens } from "../service/helpers.ts";

function collector() {
  const warnings: string[] = [];
  return { warnings, warn: (m: string) => void warnings.push(m) };
}

function artifactBytes(seed: number, size = 10_000): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * seed + 17) & 255;
  return b;
}

test("put on one machine, get on another: the same bytes come back, no warnings", async (t) => {
  const s = await serve(t, { tokens: testTokens() });
  const w = collector();
  const writer = createRemoteCache({ url: s.url, token: WRITE_TOKEN, warn: w.warn });
  const reader = createRemoteCache({ url: s.url + "/", token: READ_TOKEN, warn: w.warn });
  t.teardown(() => Promise.all([writer.close(), reader.close()]));
  const key = "beskid-main-linux-x64-0.1.0-1-aaaa-bbbb";
  const bytes = artifactBytes(3);
  t.is(await reader.get(key), undefined);
  await writer.put(key, bytes);
  const got = await reader.get(key);
  t.truthy(got);
  t.deepEqual(Buffer.from(got!), Buffer.from(bytes));
  t.deepEqual(w.warnings, []);
  const doc = (await call(s.url, "GET", `/cache/ac/${key}`, { token: READ_TOKEN })).json();
  t.deepEqual(doc, { v: 1, blobs: [{ name: "artifact", digest: sha256(bytes), size: bytes.length }] });
});

test("a miss is a quiet undefined", async (t) => {
  const s = await serve(t);
  const w = collector();
  const c = createRemoteCache({ url: s.url, warn: w.warn });
  t.teardown(() => c.close());
  t.is(await c.get("no-such-key"), undefined);
  t.deepEqual(w.warnings, []);
});

test("keys outside the AC alphabet are hashed; the blob is uploaded once for two keys", async (t) => {
  const s = await serve(t);
  const w = collector();
  const c = createRemoteCache({ url: s.url, warn: w.warn });
  t.teardown(() => c.close());
  const odd = "beskid with spaces/and,commas-" + "x".repeat(300);
  t.regex(acKeyFor(odd), /^sha256-[0-9a-f]{64}$/);
  t.is(acKeyFor("plain-key.1"), "plain-key.1");
  t.not(acKeyFor("sha256-" + "0".repeat(64)), "sha256-" + "0".repeat(64));
  const bytes = artifactBytes(5);
  await c.put(odd, bytes);
  await c.put("second-key", bytes);
  t.deepEqual(Buffer.from((await c.get(odd))!), Buffer.from(bytes));
  t.deepEqual(Buffer.from((await c.get("second-key"))!), Buffer.from(bytes));
  t.is(
    s.logs.filter((l) => /debug PUT \/cache\/cas\//.test(l)).length,
    1,
    "second put skipped the upload after HEAD",
  );
  t.deepEqual(w.warnings, []);
});

test("a corrupted download (server returns wrong bytes) is a miss with a warning", async (t) => {
  // No memory tier: the server must read the (corrupted) file for every GET.
  const s = await serve(t, { memoryCacheSize: 0 });
  const w = collector();
  const c = createRemoteCache({ url: s.url, warn: w.warn });
  t.teardown(() => c.close());
  const bytes = artifactBytes(7);
  await c.put("k", bytes);
  const d = sha256(bytes);
  // Same length, different content: only the digest check can notice.
  const bad = Buffer.from(bytes);
  bad[100] = bad[100]! ^ 0xff;
  writeFileSync(join(s.dataDir, "cas", d.slice(0, 2), d), bad);
  t.is(await c.get("k"), undefined);
  t.is(w.warnings.length, 1);
  t.regex(w.warnings[0]!, /corrupt/);
  // A malformed AC document on the server is a miss with a warning too.
  writeFileSync(join(s.dataDir, "ac", "k"), "{oops");
  t.is(await c.get("k"), undefined);
  t.regex(w.warnings[1]!, /malformed/);
});

test("an AC entry whose blob was evicted is a quiet miss", async (t) => {
  const s = await serve(t, { maxSize: 25_000, maxBlobSize: 12_000 });
  const w = collector();
  const c = createRemoteCache({ url: s.url, warn: w.warn });
  t.teardown(() => c.close());
  await c.put("a", artifactBytes(1));
  await c.put("b", artifactBytes(2));
  await c.put("c", artifactBytes(3)); // evicts a's blob (the oldest entry)
  t.is((await call(s.url, "GET", `/cache/cas/${sha256(artifactBytes(1))}`)).status, 404);
  t.is(await c.get("a"), undefined);
  t.truthy(await c.get("c"));
  t.deepEqual(w.warnings, []);
});

test("refused tokens warn once and turn into misses / skipped writes", async (t) => {
  const s = await serve(t, { tokens: testTokens() });
  const w = collector();
  const noToken = createRemoteCache({ url: s.url, warn: w.warn });
  const reader = createRemoteCache({ url: s.url, token: READ_TOKEN, warn: w.warn });
  t.teardown(() => Promise.all([noToken.close(), reader.close()]));
  t.is(await noToken.get("k"), undefined);
  t.is(await noToken.get("k"), undefined);
  t.is(w.warnings.length, 1);
  t.regex(w.warnings[0]!, /401/);
  await reader.put("k", artifactBytes(1));
  await reader.put("k2", artifactBytes(2));
  t.is(w.warnings.length, 2);
  t.regex(w.warnings[1]!, /403/);
  t.is(await reader.get("k"), undefined, "nothing was stored");
  t.is(w.warnings.length, 2, "reads still work with a read token");
  t.false(w.warnings.join("\n").includes(READ_TOKEN));
});

async function rawServer(
  t: import("ava").ExecutionContext,
  handler: Parameters<typeof createServer>[1],
): Promise<string> {
  const srv: Server = createServer(handler);
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  t.teardown(() => {
    srv.closeAllConnections();
    return new Promise<void>((r) => srv.close(() => r()));
  });
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

test("a server that is down: one warning, then the client stops trying; nothing throws", async (t) => {
  // A server that listened and was closed: connections to its port are refused.
  const s = await serve(t);
  const deadUrl = s.url;
  await s.close();
  const w = collector();
  const c = createRemoteCache({ url: deadUrl, warn: w.warn, timeoutMs: 2000 });
  t.teardown(() => c.close());
  t.is(await c.get("k"), undefined);
  await t.notThrowsAsync(() => c.put("k", artifactBytes(1)));
  t.is(await c.get("k"), undefined);
  t.is(w.warnings.length, 1);
  t.regex(w.warnings[0]!, /ECONNREFUSED/);
});

test("5xx answers are misses with a warning; the client keeps trying later calls", async (t) => {
  let calls = 0;
  const url = await rawServer(t, (_req, res) => {
    calls++;
    res.writeHead(503).end("busy");
  });
  const w = collector();
  const c = createRemoteCache({ url, warn: w.warn });
  t.teardown(() => c.close());
  t.is(await c.get("k"), undefined);
  await c.put("k", artifactBytes(1));
  t.is(await c.get("k"), undefined);
  t.is(calls, 3);
  t.is(w.warnings.length, 3);
  t.true(w.warnings.every((m) => /503/.test(m)));
});

test("a stalled server times out into a miss with a warning", async (t) => {
  const url = await rawServer(t, () => {
    // Never answers.
  });
  const w = collector();
  const c = createRemoteCache({ url, warn: w.warn, timeoutMs: 300 });
  t.teardown(() => c.close());
  const t0 = Date.now();
  t.is(await c.get("k"), undefined);
  t.true(Date.now() - t0 < 5000);
  t.is(w.warnings.length, 1);
  t.regex(w.warnings[0]!, /timed out|timeout/i);
});

test("an unusable URL warns once and never throws", async (t) => {
  const w = collector();
  const c = createRemoteCache({ url: "ftp://example.invalid", warn: w.warn });
  t.is(await c.get("k"), undefined);
  await c.put("k", artifactBytes(1));
  t.is(w.warnings.length, 1);
});

test("parseAcDocument normalises field order and rejects unknown fields", (t) => {
  const d = "a".repeat(64);
  const p = parseAcDocument(JSON.stringify({ blobs: [{ size: 1, digest: d, name: "x" }], v: 1 }));
  t.true(p.ok);
  if (p.ok) t.is(JSON.stringify(p.doc), JSON.stringify({ v: 1, blobs: [{ name: "x", digest: d, size: 1 }] }));
  t.false(parseAcDocument(JSON.stringify({ v: 1, blobs: [{ name: "x", digest: d, size: 1, url: "u" }] })).ok);
});
