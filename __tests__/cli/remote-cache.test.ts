/**
 * Two "machines" (separate project copies and cache folders) share one remote cache service:
 * the second reuses the artifact the first lowered, without compiling, and a dead server only
 * warns.
 */

import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../src/service/index.ts";
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
