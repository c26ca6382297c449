/**
 * The fake results service keeps the protocol facts the action relies on: exact key first,
 * then restore keys as prefixes newest first; immutable entries; block lists committed in
 * the listed order; ranged GETs; 409 on a duplicate artifact name; the runtime token read
 * for scopes. Spoken to with undici, as a client would.
 */

import test from "ava";
import { request } from "undici";
import { FakeGitHub, makeRuntimeToken } from "../fakes/github/server.ts";

const CACHE = "twirp/github.actions.results.api.v1.CacheService/";
const ARTIFACT = "twirp/github.actions.results.api.v1.ArtifactService/";

async function twirp(fake: FakeGitHub, path: string, body: unknown, token = makeRuntimeToken({})) {
  const res = await request(`${fake.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, string | boolean> };
}

async function put(url: string, data: string, headers: Record<string, string> = {}) {
  const res = await request(url, { method: "PUT", headers, body: data });
  await res.body.dump();
  return res;
}

async function saveEntry(fake: FakeGitHub, key: string, data: string) {
  const created = await twirp(fake, `${CACHE}CreateCacheEntry`, { key, version: "v1" });
  await put(String(created.body.signed_upload_url), data, { "x-ms-blob-type": "BlockBlob" });
  return twirp(fake, `${CACHE}FinalizeCacheEntryUpload`, {
    key,
    version: "v1",
    size_bytes: String(data.length),
  });
}

test("cache lookups: exact key, then restore-key prefixes newest first; entries immutable", async (t) => {
  const fake = await new FakeGitHub().start();
  try {
    t.true((await saveEntry(fake, "k-a-1", "one")).body.ok as boolean);
    await saveEntry(fake, "k-a-2", "two");
    await saveEntry(fake, "k-b-1", "three");
    const exact = await twirp(fake, `${CACHE}GetCacheEntryDownloadURL`, {
      key: "k-a-1",
      restore_keys: ["k-"],
      version: "v1",
    });
    t.is(exact.body.matched_key, "k-a-1");
    const prefix = await twirp(fake, `${CACHE}GetCacheEntryDownloadURL`, {
      key: "k-c-9",
      restore_keys: ["k-a-", "k-"],
      version: "v1",
    });
    t.is(prefix.body.matched_key, "k-a-2", "newest among the first restore key's matches");
    const other = await twirp(fake, `${CACHE}GetCacheEntryDownloadURL`, { key: "k-a-1", version: "v2" });
    t.false(other.body.ok, "another version never matches");
    const again = await twirp(fake, `${CACHE}CreateCacheEntry`, { key: "k-a-1", version: "v1" });
    t.is(again.status, 409);
    t.is(again.body.code, "already_exists");
    const ro = await twirp(
      fake,
      `${CACHE}CreateCacheEntry`,
      { key: "k-z", version: "v1" },
      makeRuntimeToken({ readOnly: true }),
    );
    t.false(ro.body.ok);
    t.regex(String(ro.body.message), /^cache write denied:/);
    const got = await request(String(prefix.body.signed_download_url), { headers: { range: "bytes=1-2" } });
    t.is(got.statusCode, 206);
    t.is(got.headers["content-range"], "bytes 1-2/3");
    t.is(await got.body.text(), "wo");
  } finally {
    await fake.close();
  }
});

test("blobs: blocks committed in block-list order; artifacts: 409 on a duplicate name", async (t) => {
  const fake = await new FakeGitHub().start();
  try {
    const ids = { runId: "r", jobId: "j" };
    const req = {
      workflow_run_backend_id: ids.runId,
      workflow_job_run_backend_id: ids.jobId,
      name: "out",
      version: 7,
    };
    const created = await twirp(fake, `${ARTIFACT}CreateArtifact`, req, makeRuntimeToken(ids));
    const url = String(created.body.signed_upload_url);
    const b1 = await put(`${url}&comp=block&blockid=${Buffer.from("b1").toString("base64")}`, "world");
    t.is(b1.statusCode, 201);
    t.truthy(b1.headers.etag);
    t.truthy(b1.headers["last-modified"]);
    t.truthy(b1.headers["x-ms-request-id"]);
    await put(`${url}&comp=block&blockid=${Buffer.from("b0").toString("base64")}`, "hello ");
    const list = `<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>${Buffer.from("b0").toString("base64")}</Latest><Latest>${Buffer.from("b1").toString("base64")}</Latest></BlockList>`;
    t.is((await put(`${url}&comp=blocklist`, list)).statusCode, 201);
    const fin = await twirp(
      fake,
      `${ARTIFACT}FinalizeArtifact`,
      { ...req, size: "11" },
      makeRuntimeToken(ids),
    );
    t.true(fin.body.ok as boolean);
    const blob = fake.artifacts[0]!.blob;
    t.is(fake.blobs.get(blob)!.toString(), "hello world");
    const dup = await twirp(fake, `${ARTIFACT}CreateArtifact`, req, makeRuntimeToken(ids));
    t.is(dup.status, 409);
    t.is(dup.body.code, "already_exists");
  } finally {
    await fake.close();
  }
});
