/**
 * Operator-level checks of what the service serves and keeps: a blob whose bytes changed on
 * disk (bit rot, a meddling process) is never served under its digest, an upload cut off
 * mid-body leaves neither an entry nor a temporary file, and `--max-size` below the default
 * blob limit needs no second flag.
 */

import test from "ava";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { Readable } from "node:stream";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { acDoc, call, serve, sha256 } from "./helpers.ts";

function flipByte(path: string, at: number): void {
  const b = readFileSync(path);
  b[at] = b[at]! ^ 0xff;
  writeFileSync(path, b);
}

for (const [label, size, memoryCacheSize] of [
  ["small (whole read)", 4096, 0],
  ["large (streamed)", 3 * 1024 * 1024, 0],
] as const) {
  test(`a ${label} CAS blob corrupted on disk is not served after a restart; the entry is dropped`, async (t) => {
    const body = randomBytes(size);
    const digest = sha256(body);
    const first = await serve(t, { memoryCacheSize });
    t.is((await call(first.url, "PUT", `/cache/cas/${digest}`, { body })).status, 201);
    await first.close();
    flipByte(join(first.dataDir, "cas", digest.slice(0, 2), digest), size - 1);

    const second = await serve(t, { dataDir: first.dataDir, memoryCacheSize });
    // A clean 404 (not a cut-off 200): the client records a miss and keeps using the server.
    t.is((await call(second.url, "GET", `/cache/cas/${digest}`)).status, 404);
    t.true(
      second.logs.some((l) => /warn .*corrupt/.test(l)),
      second.logs.join("\n"),
    );
    t.is((await call(second.url, "HEAD", `/cache/cas/${digest}`)).status, 404, "the entry is gone");
    t.is((await call(second.url, "GET", "/status")).json().entries, 0);
    // A fresh, correct upload heals it.
    t.is((await call(second.url, "PUT", `/cache/cas/${digest}`, { body })).status, 201);
    const again = await call(second.url, "GET", `/cache/cas/${digest}`);
    t.is(again.status, 200);
    t.true(again.body.equals(body));
  });
}

test("an AC document corrupted on disk is not served after a restart", async (t) => {
  const digest = sha256("x");
  const first = await serve(t, { memoryCacheSize: 0 });
  t.is((await call(first.url, "PUT", "/cache/ac/key-1", { body: acDoc(digest, 1) })).status, 201);
  await first.close();
  const file = join(first.dataDir, "ac", "key-1");
  writeFileSync(file, readFileSync(file, "utf8").replace(/"v":1/, '"v":1,'));
  const second = await serve(t, { dataDir: first.dataDir, memoryCacheSize: 0 });
  t.is((await call(second.url, "GET", "/cache/ac/key-1")).status, 404);
  t.true(
    second.logs.some((l) => /warn .*corrupt/.test(l)),
    second.logs.join("\n"),
  );
});

for (const [label, declared] of [
  ["with Content-Length (small)", 200 * 1024],
  ["with Content-Length (large)", 4 * 1024 * 1024],
  ["chunked", undefined],
] as const) {
  test(`an upload cut off mid-body (${label}) leaves no entry and no temporary file`, async (t) => {
    const s = await serve(t);
    const body = randomBytes(declared ?? 2 * 1024 * 1024);
    const digest = sha256(body);
    const u = new URL(s.url);
    const headers: Record<string, string | number> = {};
    if (declared !== undefined) headers["content-length"] = declared;
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: u.hostname,
        port: u.port,
        method: "PUT",
        path: `/cache/cas/${digest}`,
        headers,
      });
      req.on("error", () => resolve());
      req.on("response", () => resolve());
      req.write(body.subarray(0, body.length >> 1), () => {
        // Half the body is on the wire: the client dies.
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50);
      });
    });
    // Give the server a moment to notice the closed socket.
    for (let i = 0; i < 50 && readdirSync(join(s.dataDir, "tmp")).length > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    t.deepEqual(readdirSync(join(s.dataDir, "tmp")), []);
    t.is((await call(s.url, "HEAD", `/cache/cas/${digest}`)).status, 404);
    t.is((await call(s.url, "GET", "/status")).json().entries, 0);
  });
}

test("a HEAD is the first read of a corrupt entry: 404, so the client uploads again instead of skipping", async (t) => {
  const body = randomBytes(2048);
  const digest = sha256(body);
  const first = await serve(t);
  t.is((await call(first.url, "PUT", `/cache/cas/${digest}`, { body })).status, 201);
  await first.close();
  flipByte(join(first.dataDir, "cas", digest.slice(0, 2), digest), 0);
  const second = await serve(t, { dataDir: first.dataDir });
  t.is((await call(second.url, "HEAD", `/cache/cas/${digest}`)).status, 404);
  t.is((await call(second.url, "PUT", `/cache/cas/${digest}`, { body })).status, 201);
  t.true((await call(second.url, "GET", `/cache/cas/${digest}`)).body.equals(body));
});

function diskBytes(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        files++;
        bytes += statSync(p).size;
      }
    }
  };
  walk(join(dir, "cas"));
  walk(join(dir, "ac"));
  return { files, bytes };
}

test("concurrent uploads over --max-size: the store stays under it and the index matches the disk", async (t) => {
  const maxSize = 1024 * 1024;
  const s = await serve(t, { maxSize, maxBlobSize: 256 * 1024, memoryCacheSize: 0 });
  // Mixed sizes on both upload paths: in-memory (Content-Length) and streamed (chunked).
  const blobs = Array.from({ length: 24 }, (_, i) => randomBytes(64 * 1024 + i * 7919));
  const results = await Promise.all(
    blobs.map((body, i) =>
      i % 2 === 0
        ? call(s.url, "PUT", `/cache/cas/${sha256(body)}`, { body })
        : call(s.url, "PUT", `/cache/cas/${sha256(body)}`, {
            body: Readable.from([body.subarray(0, 1000), body.subarray(1000)]) as any,
          }),
    ),
  );
  t.deepEqual(
    results.map((r) => r.status),
    blobs.map(() => 201),
  );
  const st = (await call(s.url, "GET", "/status")).json();
  t.true(st.bytes <= maxSize, `${st.bytes} > ${maxSize}`);
  t.deepEqual(diskBytes(s.dataDir), { files: st.entries, bytes: st.bytes });
  t.deepEqual(readdirSync(join(s.dataDir, "tmp")), []);
  // Every entry the index keeps is served intact; the evicted ones are clean misses.
  let kept = 0;
  for (const body of blobs) {
    const r = await call(s.url, "GET", `/cache/cas/${sha256(body)}`);
    if (r.status === 200) {
      kept++;
      t.true(r.body.equals(body));
    } else t.is(r.status, 404);
  }
  t.is(kept, st.entries);
  t.true(kept >= 1 && kept < blobs.length);
});
