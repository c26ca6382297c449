/**
 * Two "machines" (separate project copies and cache folders) share one remote cache service:
 * the second reuses the artifact the first lowered, without compiling, and a dead server only
 * warns.
 */

import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseTokens, startServer } from "../../src/service/index.ts";
import { cli, copyProject } from "./helpers.ts";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

test("the CLI reuses another machine's lowered artifact through the remote cache", async (t) => {
  const data = mkdtempSync(join(tmpdir(), "beskid-remote-"));
  t.teardown(() => rmSync(data, { recursive: true, force: true }));
  const server = await startServer({
    host: "127.0.0.1",
    port: 0,
    dataDir: data,
    maxSize: 64 * 1024 * 1024,
    maxBlobSize: 16 * 1024 * 1024,
    readOnly: false,
    allowAnonymousReads: false,
    logger: quiet,
  });
  t.teardown(() => server.close());

  const machineA = copyProject(t, "examples/hello");
  const machineB = copyProject(t, "examples/hello");
  const a = await cli(machineA, ["lower", "--json", "--remote-cache", server.url]);
  t.is(a.code, 0, a.stderr);
  const ja = JSON.parse(a.stdout);
  t.is(ja.cache.hit, false);

  const b = await cli(machineB, ["lower", "--json", "--remote-cache", server.url]);
  t.is(b.code, 0, b.stderr);
  const jb = JSON.parse(b.stdout);
  t.deepEqual(jb.cache, { ...ja.cache, hit: true, source: "remote" });
  t.is(jb.artifact.sha256, ja.artifact.sha256, "the same artifact bytes");

  // The artifact from the remote tier runs: tests pass on machine B.
  const run = await cli(machineB, ["test", "--remote-cache", server.url]);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /Result: passed=2, failed=0/);
});

test("an unreachable remote cache only warns", async (t) => {
  const dir = copyProject(t, "examples/hello");
  const r = await cli(dir, ["run", "--no-cache"]);
  t.is(r.code, 0);
  const down = await cli(dir, ["run", "--remote-cache", "http://127.0.0.1:9/"]);
  t.is(down.code, 0, "the build goes on");
  t.regex(down.stdout, /Hello, Beskid!/);
  t.regex(down.stderr, /warning: .*remote/i);
});

test("BESKID_CACHE_TOKEN (+ BESKID_REMOTE_CACHE_URL): a read-write token fills the cache, a read token hits it, no token only warns; tokens never printed", async (t) => {
  const data = mkdtempSync(join(tmpdir(), "beskid-remote-"));
  t.teardown(() => rmSync(data, { recursive: true, force: true }));
  const writer = "writer-token-0123456789abcdef";
  const reader = "reader-token-0123456789abcdef";
  const parsed = parseTokens(`rw ${writer} ci-main\nr ${reader} ci-pr\n`);
  if (!parsed.ok) throw new Error(parsed.error);
  const logs: string[] = [];
  const log = (m: string) => void logs.push(m);
  const server = await startServer({
    host: "127.0.0.1",
    port: 0,
    dataDir: data,
    maxSize: 64 * 1024 * 1024,
    maxBlobSize: 16 * 1024 * 1024,
    tokens: parsed.tokens,
    readOnly: false,
    allowAnonymousReads: false,
    logger: { info: log, warn: log, error: log, debug: log },
  });
  t.teardown(() => server.close());

  // No token: the server refuses; the build goes on with one warning and nothing is stored.
  const anon = await cli(copyProject(t, "examples/hello"), ["lower", "--json", "--remote-cache", server.url]);
  t.is(anon.code, 0, anon.stderr);
  t.regex(anon.stderr, /warning: .*token/i);
  t.is(JSON.parse(anon.stdout).cache.hit, false);

  const a = await cli(copyProject(t, "examples/hello"), ["lower", "--json", "--remote-cache", server.url], {
    BESKID_CACHE_TOKEN: writer,
  });
  t.is(a.code, 0, a.stderr);
  t.is(JSON.parse(a.stdout).cache.hit, false);

  // The URL from the environment too (a container run is configured by variables only).
  const b = await cli(copyProject(t, "examples/hello"), ["lower", "--json"], {
    BESKID_REMOTE_CACHE_URL: server.url,
    BESKID_CACHE_TOKEN: reader,
  });
  t.is(b.code, 0, b.stderr);
  const jb = JSON.parse(b.stdout);
  t.is(jb.cache.hit, true);
  t.is(jb.cache.source, "remote");
  t.is(jb.artifact.sha256, JSON.parse(a.stdout).artifact.sha256);
  t.is(b.stderr, "", "a read token reads without warnings");

  for (const text of [anon.stdout, anon.stderr, a.stdout, a.stderr, b.stdout, b.stderr, ...logs]) {
    t.false(text.includes(writer));
    t.false(text.includes(reader));
  }
});
