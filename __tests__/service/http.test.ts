/**
 * The cache service's HTTP surface over real sockets: every status code, the auth rules,
 * read-only mode, size limits and malformed names.
 */

import test from "ava";
import { Readable } from "node:stream";
import { existsSync, readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { VERSION } from "../../src/version.ts";
import { READ_TOKEN, WRITE_TOKEN, acDoc, call, serve, sha256, testTokens } from "./helpers.ts";

test("CAS: PUT 201, re-PUT 200, GET 200 with the bytes, HEAD 200 with the length, unknown digest 404", async (t) => {
  const s = await serve(t);
  const body = Buffer.from("lowered artifact bytes");
  const d = sha256(body);
  const put = await call(s.url, "PUT", `/cache/cas/${d}`, { body });
  t.is(put.status, 201);
  t.deepEqual(put.json(), { digest: d, size: body.length });
  t.is((await call(s.url, "PUT", `/cache/cas/${d}`, { body })).status, 200);
  const get = await call(s.url, "GET", `/cache/cas/${d}`);
  t.is(get.status, 200);
  t.deepEqual(get.body, body);
  t.is(get.headers["content-type"], "application/octet-stream");
  t.is(get.headers.etag, `"${d}"`);
  const head = await call(s.url, "HEAD", `/cache/cas/${d}`);
  t.is(head.status, 200);
  t.is(head.headers["content-length"], String(body.length));
  t.is(head.body.length, 0);
  t.is((await call(s.url, "GET", `/cache/cas/${sha256("other")}`)).status, 404);
  t.is((await call(s.url, "HEAD", `/cache/cas/${sha256("other")}`)).status, 404);
});

test("CAS: a body whose sha256 differs from the name is rejected with 400 and stores nothing", async (t) => {
  const s = await serve(t);
  const wrong = sha256("something else");
  const r = await call(s.url, "PUT", `/cache/cas/${wrong}`, { body: "the real body" });
  t.is(r.status, 400);
  t.regex(r.json().error, /digest mismatch/);
  t.is((await call(s.url, "GET", `/cache/cas/${wrong}`)).status, 404);
  t.deepEqual(readdirSync(join(s.dataDir, "tmp")), []);
  t.false(existsSync(join(s.dataDir, "cas", wrong.slice(0, 2), wrong)));
});

test("CAS: an empty blob is a valid entry", async (t) => {
  const s = await serve(t);
  const d = sha256("");
  t.is((await call(s.url, "PUT", `/cache/cas/${d}`, { body: "" })).status, 201);
  const g = await call(s.url, "GET", `/cache/cas/${d}`);
  t.is(g.status, 200);
  t.is(g.body.length, 0);
});

test("413 over --max-blob-size: by Content-Length up front and by counting a chunked body", async (t) => {
  const s = await serve(t, { maxBlobSize: 64 * 1024 });
  const big = Buffer.alloc(200 * 1024, 7);
  const declared = await call(s.url, "PUT", `/cache/cas/${sha256(big)}`, { body: big });
  t.is(declared.status, 413);
  // An async iterable body is sent chunked: the server only learns the size by counting.
  async function* chunks() {
    for (let i = 0; i < 4; i++) yield big.subarray(i * 50 * 1024, (i + 1) * 50 * 1024);
  }
  const { request } = await import("undici");
  const res = await request(`${s.url}/cache/cas/${sha256(big)}`, {
    method: "PUT",
    body: Readable.from(chunks()),
  });
  await res.body.dump();
  t.is(res.statusCode, 413);
  t.is((await call(s.url, "GET", `/cache/cas/${sha256(big)}`)).status, 404);
  // Exactly at the limit is fine.
  const edge = Buffer.alloc(64 * 1024, 1);
  t.is((await call(s.url, "PUT", `/cache/cas/${sha256(edge)}`, { body: edge })).status, 201);
});

test("AC: PUT a valid document 201, GET returns it as JSON, replace 200, missing 404", async (t) => {
  const s = await serve(t);
  const d = sha256("x");
  const key = "beskid-main-linux-x64-0.1.0-s1-abc-def";
  t.is((await call(s.url, "PUT", `/cache/ac/${key}`, { body: acDoc(d, 1) })).status, 201);
  const g = await call(s.url, "GET", `/cache/ac/${key}`);
  t.is(g.status, 200);
  t.is(g.headers["content-type"], "application/json");
  t.deepEqual(g.json(), { v: 1, blobs: [{ name: "artifact", digest: d, size: 1 }] });
  const d2 = sha256("y");
  t.is((await call(s.url, "PUT", `/cache/ac/${key}`, { body: acDoc(d2, 1) })).status, 200);
  t.is((await call(s.url, "GET", `/cache/ac/${key}`)).json().blobs[0].digest, d2);
  t.is((await call(s.url, "GET", `/cache/ac/nope`)).status, 404);
  t.is((await call(s.url, "HEAD", `/cache/ac/${key}`)).status, 200);
});

test("AC: malformed documents are rejected with 400 and oversized ones with 413", async (t) => {
  const s = await serve(t);
  const d = sha256("x");
  const bad = [
    "not json",
    "[]",
    JSON.stringify({ v: 2, blobs: [{ name: "a", digest: d, size: 1 }] }),
    JSON.stringify({ v: 1, blobs: [] }),
    JSON.stringify({ v: 1, blobs: [{ name: "a", digest: "ABC", size: 1 }] }),
    JSON.stringify({ v: 1, blobs: [{ name: "a", digest: d, size: -1 }] }),
    JSON.stringify({ v: 1, blobs: [{ name: "../a", digest: d, size: 1 }] }),
    JSON.stringify({ v: 1, blobs: [{ name: "a", digest: d, size: 1 }], extra: true }),
    JSON.stringify({ v: 1, blobs: [{ name: "a", digest: d, size: 1 }], meta: { k: 5 } }),
  ];
  for (const body of bad) {
    const r = await call(s.url, "PUT", "/cache/ac/k1", { body });
    t.is(r.status, 400, body);
  }
  t.is((await call(s.url, "GET", "/cache/ac/k1")).status, 404);
  const ok = JSON.stringify({
    v: 1,
    blobs: [{ name: "a", digest: d, size: 1 }],
    meta: { toolchain: "0.1.0" },
  });
  t.is((await call(s.url, "PUT", "/cache/ac/k1", { body: ok })).status, 201);
  const huge = JSON.stringify({
    v: 1,
    blobs: [{ name: "a", digest: d, size: 1 }],
    meta: { x: "y".repeat(70_000) },
  });
  t.is((await call(s.url, "PUT", "/cache/ac/k2", { body: huge })).status, 413);
});

test("malformed names are 400 (no path traversal), unknown paths 404, other methods 405", async (t) => {
  const s = await serve(t);
  for (const p of [
    "/cache/ac/..",
    "/cache/ac/.hidden",
    "/cache/ac/a%2F..%2F..%2Fetc",
    "/cache/ac/a/../../etc",
    "/cache/ac/",
    "/cache/ac/" + "k".repeat(201),
    "/cache/ac/sp%20ace",
    "/cache/cas/abc",
    "/cache/cas/" + "A".repeat(64),
    "/cache/cas/" + "0".repeat(63) + "g",
    "/cache/cas/../../etc/passwd",
  ]) {
    t.is((await call(s.url, "GET", p)).status, 400, p);
  }
  t.is((await call(s.url, "PUT", "/cache/ac/..", { body: acDoc(sha256("x"), 1) })).status, 400);
  t.is((await call(s.url, "GET", "/cache/other/x")).status, 404);
  t.is((await call(s.url, "GET", "/")).status, 404);
  const del = await call(s.url, "DELETE", `/cache/cas/${sha256("x")}`);
  t.is(del.status, 405);
  t.is(del.headers.allow, "GET, HEAD, PUT");
  t.is((await call(s.url, "POST", "/healthz")).status, 405);
  // Query strings are ignored, not part of the name.
  t.is((await call(s.url, "GET", `/cache/cas/${sha256("x")}?a=b`)).status, 404);
});

test("/healthz and /status report size, entries, hits, misses and version", async (t) => {
  const s = await serve(t);
  t.deepEqual((await call(s.url, "GET", "/healthz")).json(), { ok: true });
  const body = Buffer.from("abc");
  await call(s.url, "PUT", `/cache/cas/${sha256(body)}`, { body });
  await call(s.url, "PUT", "/cache/ac/k", { body: acDoc(sha256(body), 3) });
  await call(s.url, "GET", `/cache/cas/${sha256(body)}`);
  await call(s.url, "GET", "/cache/ac/k");
  await call(s.url, "GET", "/cache/ac/missing");
  const st = (await call(s.url, "GET", "/status")).json();
  t.is(st.version, VERSION);
  t.is(st.entries, 2);
  t.is(st.hits, 2);
  t.is(st.misses, 1);
  t.is(st.cas.entries, 1);
  t.is(st.cas.bytes, 3);
  t.is(st.ac.entries, 1);
  t.is(st.bytes, 3 + st.ac.bytes);
});

test("auth: no token 401, unknown token 401, read token reads but PUT is 403, read-write token writes", async (t) => {
  const s = await serve(t, { tokens: testTokens() });
  const body = Buffer.from("blob");
  const d = sha256(body);
  const anon = await call(s.url, "GET", `/cache/cas/${d}`);
  t.is(anon.status, 401);
  t.regex(String(anon.headers["www-authenticate"]), /^Bearer/);
  t.is((await call(s.url, "GET", "/status")).status, 401);
  t.is((await call(s.url, "GET", "/healthz")).status, 200, "the health check needs no token");
  t.is((await call(s.url, "GET", `/cache/cas/${d}`, { token: "wrong-token-0123456789" })).status, 401);
  t.is(
    (await call(s.url, "GET", `/cache/cas/${d}`, { headers: { authorization: "Basic abc" } })).status,
    401,
  );
  t.is((await call(s.url, "PUT", `/cache/cas/${d}`, { body })).status, 401);
  t.is((await call(s.url, "PUT", `/cache/cas/${d}`, { body, token: READ_TOKEN })).status, 403);
  t.is((await call(s.url, "GET", `/cache/cas/${d}`, { token: READ_TOKEN })).status, 404);
  t.is((await call(s.url, "PUT", `/cache/cas/${d}`, { body, token: WRITE_TOKEN })).status, 201);
  t.is((await call(s.url, "GET", `/cache/cas/${d}`, { token: READ_TOKEN })).status, 200);
  t.is((await call(s.url, "GET", `/cache/cas/${d}`, { token: WRITE_TOKEN })).status, 200);
  t.is((await call(s.url, "GET", "/status", { token: READ_TOKEN })).status, 200);
  // Tokens never reach the logs; names do.
  const logs = s.logs.join("\n");
  t.false(logs.includes(READ_TOKEN));
  t.false(logs.includes(WRITE_TOKEN));
  t.false(logs.includes("wrong-token"));
});

test("auth: --allow-anonymous-reads lets reads through without a token, never writes", async (t) => {
  const s = await serve(t, { tokens: testTokens(), allowAnonymousReads: true });
  const body = Buffer.from("blob");
  const d = sha256(body);
  t.is((await call(s.url, "GET", `/cache/cas/${d}`)).status, 404);
  t.is((await call(s.url, "PUT", `/cache/cas/${d}`, { body })).status, 401);
  t.is((await call(s.url, "PUT", `/cache/cas/${d}`, { body, token: WRITE_TOKEN })).status, 201);
  t.is((await call(s.url, "GET", `/cache/cas/${d}`)).status, 200);
  // A bad token is still an error, not silently anonymous.
  t.is((await call(s.url, "GET", `/cache/cas/${d}`, { token: "wrong-token-0123456789" })).status, 401);
});

test("--read-only: every write is 403, even with a read-write token or without auth", async (t) => {
  const withTokens = await serve(t, { tokens: testTokens(), readOnly: true });
  const body = Buffer.from("blob");
  const d = sha256(body);
  t.is((await call(withTokens.url, "PUT", `/cache/cas/${d}`, { body, token: WRITE_TOKEN })).status, 403);
  t.is(
    (await call(withTokens.url, "PUT", "/cache/ac/k", { body: acDoc(d, 4), token: WRITE_TOKEN })).status,
    403,
  );
  t.is((await call(withTokens.url, "GET", `/cache/cas/${d}`, { token: READ_TOKEN })).status, 404);
  t.true((await call(withTokens.url, "GET", "/status", { token: READ_TOKEN })).json().readOnly);
  const open = await serve(t, { readOnly: true });
  t.is((await call(open.url, "PUT", `/cache/cas/${d}`, { body })).status, 403);
  t.is((await call(open.url, "GET", `/cache/cas/${d}`)).status, 404);
});

test("a large blob is streamed back intact (file read path)", async (t) => {
  const s = await serve(t);
  const body = Buffer.alloc(3 * 1024 * 1024);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + 7) & 255;
  const d = sha256(body);
  t.is((await call(s.url, "PUT", `/cache/cas/${d}`, { body })).status, 201);
  const g = await call(s.url, "GET", `/cache/cas/${d}`);
  t.is(g.status, 200);
  t.is(sha256(g.body), d);
});

test("100 parallel PUTs of the same CAS blob and the same AC key give one consistent entry", async (t) => {
  const s = await serve(t);
  const body = Buffer.alloc(256 * 1024, 3);
  const d = sha256(body);
  const cas = await Promise.all(
    Array.from({ length: 100 }, () => call(s.url, "PUT", `/cache/cas/${d}`, { body })),
  );
  t.true(cas.every((r) => r.status === 200 || r.status === 201));
  t.is(cas.filter((r) => r.status === 201).length, 1);
  // 100 writers of the same AC key, each with a different (valid) document: one wins whole.
  const docs = Array.from({ length: 100 }, (_, i) => acDoc(sha256(String(i)), i));
  const ac = await Promise.all(docs.map((body) => call(s.url, "PUT", "/cache/ac/race", { body })));
  t.true(ac.every((r) => r.status === 200 || r.status === 201));
  const final = (await call(s.url, "GET", "/cache/ac/race")).json();
  t.true(docs.includes(JSON.stringify(final)));
  const st = (await call(s.url, "GET", "/status")).json();
  t.is(st.entries, 2);
  t.is(st.cas.bytes, body.length);
  t.is(st.ac.bytes, Buffer.byteLength(JSON.stringify(final)));
  t.deepEqual(readdirSync(join(s.dataDir, "tmp")), []);
});

/** A PUT with `Expect: 100-continue` through node:http: did the server ask for the body? */
function putExpectingContinue(
  url: string,
  path: string,
  body: Buffer,
  token?: string,
): Promise<{ status: number; continued: boolean }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const headers: Record<string, string> = { expect: "100-continue", "content-length": String(body.length) };
    if (token) headers.authorization = `Bearer ${token}`;
    const req = httpRequest(url + path, { method: "PUT", headers });
    req.on("continue", () => {
      continued = true;
      req.end(body);
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, continued }));
    });
    req.on("error", reject);
    req.flushHeaders();
  });
}

test("Expect: 100-continue: refusals (401, 403, 413, 400) come before the body is sent; accepted uploads continue", async (t) => {
  const s = await serve(t, { tokens: testTokens(), maxBlobSize: 1024 * 1024 });
  const body = Buffer.alloc(200 * 1024, 5);
  const d = sha256(body);
  t.deepEqual(await putExpectingContinue(s.url, `/cache/cas/${d}`, body), { status: 401, continued: false });
  t.deepEqual(await putExpectingContinue(s.url, `/cache/cas/${d}`, body, READ_TOKEN), {
    status: 403,
    continued: false,
  });
  const big = Buffer.alloc(2 * 1024 * 1024);
  t.deepEqual(await putExpectingContinue(s.url, `/cache/cas/${sha256(big)}`, big, WRITE_TOKEN), {
    status: 413,
    continued: false,
  });
  t.deepEqual(await putExpectingContinue(s.url, "/cache/cas/xyz", body, WRITE_TOKEN), {
    status: 400,
    continued: false,
  });
  t.deepEqual(await putExpectingContinue(s.url, `/cache/cas/${d}`, body, WRITE_TOKEN), {
    status: 201,
    continued: true,
  });
  t.deepEqual(
    await putExpectingContinue(s.url, "/cache/ac/k", Buffer.from(acDoc(d, body.length)), WRITE_TOKEN),
    {
      status: 201,
      continued: true,
    },
  );
  t.is((await call(s.url, "GET", `/cache/cas/${d}`, { token: READ_TOKEN })).body.length, body.length);
});
