/**
 * The service as a real process (`beskid-ci serve` run from source in a child): a 1 GiB
 * streamed upload with bounded server memory, graceful shutdown on SIGTERM with a request
 * in flight, and configuration through BESKID_SERVE_* environment variables.
 */

import test from "ava";
import { Readable } from "node:stream";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client, request } from "undici";
import { TOKENS_TEXT, WRITE_TOKEN, READ_TOKEN, call, tempDir } from "./helpers.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface Child {
  proc: ChildProcess;
  url: string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function startChild(args: string[], env: Record<string, string> = {}): Promise<Child> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/cli/bin.ts", "serve", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  proc.stderr!.on("data", (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    proc.stdout!.on("data", (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve({ proc, url: m[1]!, stderr: () => err, exit });
    });
    void exit.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${err}`)));
  });
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m![1]) * 1024;
}

test("a 1 GiB streamed upload is stored and verified while the server's memory stays bounded", async (t) => {
  t.timeout(60_000);
  const data = tempDir(t);
  const child = await startChild([
    "--port",
    "0",
    "--data-dir",
    data,
    "--max-size",
    "2G",
    "--max-blob-size",
    "1G",
  ]);
  t.teardown(() => void child.proc.kill("SIGKILL"));
  const MiB = 1024 * 1024;
  const total = 1024 * MiB;
  // A 1 MiB block with a position stamp per block: every block differs, the digest is real.
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < MiB; i++) block[i] = (i * 131) & 255;
  const h = createHash("sha256");
  for (let i = 0; i < 1024; i++) {
    block.writeUInt32BE(i, 0);
    h.update(block);
  }
  const digest = h.digest("hex");
  async function* body() {
    for (let i = 0; i < 1024; i++) {
      const b = Buffer.from(block);
      b.writeUInt32BE(i, 0);
      yield b;
    }
  }
  const baseline = rssOf(child.proc.pid!);
  let peak = baseline;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(child.proc.pid!));
    } catch {
      // The child has gone; the assertions below will say why.
    }
  }, 25);
  const started = Date.now();
  const res = await request(`${child.url}/cache/cas/${digest}`, {
    method: "PUT",
    body: Readable.from(body()),
    headers: { "content-length": String(total) },
  });
  const reply = await res.body.text();
  clearInterval(sampler);
  t.is(res.statusCode, 201, reply);
  const growth = peak - baseline;
  t.log(
    `1 GiB upload in ${Date.now() - started} ms; server RSS ${(baseline / MiB).toFixed(0)} MiB -> peak ${(peak / MiB).toFixed(0)} MiB (+${(growth / MiB).toFixed(0)} MiB)`,
  );
  t.true(growth < 128 * MiB, `server RSS grew by ${growth} bytes`);
  const head = await call(child.url, "HEAD", `/cache/cas/${digest}`);
  t.is(head.headers["content-length"], String(total));
  child.proc.kill("SIGTERM");
  t.is(await child.exit, 0);
});

test("SIGTERM: stops accepting, lets the upload in flight finish, exits 0", async (t) => {
  t.timeout(30_000);
  const data = tempDir(t);
  const child = await startChild(["--port", "0", "--data-dir", data]);
  t.teardown(() => void child.proc.kill("SIGKILL"));
  // Over 1 MiB in all, so the server streams it to a temporary file (small bodies are buffered).
  const part = Buffer.alloc(768 * 1024, 9);
  const digest = createHash("sha256").update(part).update(part).digest("hex");
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  async function* slowBody() {
    yield part;
    await released;
    yield part;
  }
  const client = new Client(child.url);
  t.teardown(() => client.close());
  const inFlight = client.request({
    path: `/cache/cas/${digest}`,
    method: "PUT",
    body: Readable.from(slowBody()),
    headers: { "content-length": String(part.length * 2) },
  });
  // Wait until the server is writing the upload to its temporary file.
  for (let i = 0; i < 200 && readdirSync(join(data, "tmp")).length === 0; i++)
    await new Promise((r) => setTimeout(r, 10));
  t.is(readdirSync(join(data, "tmp")).length, 1);
  child.proc.kill("SIGTERM");
  // No new connections once shutting down (polled: signal delivery takes a moment on a busy machine).
  let refused = "";
  for (let i = 0; i < 50 && refused !== "ECONNREFUSED"; i++) {
    const fresh = new Client(child.url);
    refused = await fresh.request({ path: "/healthz", method: "GET" }).then(
      async (r) => {
        await r.body.dump();
        return "answered";
      },
      (e: Error & { code?: string }) => e.code ?? e.message,
    );
    await fresh.close().catch(() => undefined);
    if (refused !== "ECONNREFUSED") await new Promise((r) => setTimeout(r, 100));
  }
  t.is(refused, "ECONNREFUSED");
  release();
  const res = await inFlight;
  const text = await res.body.text();
  t.is(res.statusCode, 201, text);
  t.is(res.headers.connection, "close");
  t.is(await child.exit, 0);
  t.regex(child.stderr(), /SIGTERM received/);
  t.regex(child.stderr(), /stopped/);
});

test("configuration from BESKID_SERVE_* variables; tokens never logged; bad settings are usage errors", async (t) => {
  t.timeout(30_000);
  const dir = tempDir(t);
  const tokens = join(dir, "tokens");
  writeFileSync(tokens, TOKENS_TEXT);
  chmodSync(tokens, 0o644); // explicit: the umask must not decide what the warning says
  const child = await startChild([], {
    BESKID_SERVE_PORT: "0",
    BESKID_SERVE_HOST: "127.0.0.1",
    BESKID_SERVE_DATA_DIR: join(dir, "data"),
    BESKID_SERVE_TOKENS_FILE: tokens,
    BESKID_SERVE_READ_ONLY: "true",
    BESKID_SERVE_ALLOW_ANONYMOUS_READS: "1",
    BESKID_SERVE_MAX_SIZE: "1M",
    BESKID_SERVE_MAX_BLOB_SIZE: "64K",
    BESKID_SERVE_VERBOSE: "yes",
  });
  t.teardown(() => void child.proc.kill("SIGKILL"));
  const st = await call(child.url, "GET", "/status");
  t.is(st.status, 200, "anonymous reads allowed");
  t.is(st.json().maxSize, 1024 * 1024);
  t.is(st.json().maxBlobSize, 64 * 1024);
  t.true(st.json().readOnly);
  const body = Buffer.from("x");
  const digest = createHash("sha256").update(body).digest("hex");
  t.is((await call(child.url, "PUT", `/cache/cas/${digest}`, { body, token: WRITE_TOKEN })).status, 403);
  t.is((await call(child.url, "GET", `/cache/cas/${digest}`, { token: READ_TOKEN })).status, 404);
  child.proc.kill("SIGTERM");
  t.is(await child.exit, 0);
  const log = child.stderr();
  t.regex(log, /debug PUT \/cache\/cas\/\S+ 403/);
  t.false(log.includes(WRITE_TOKEN));
  t.false(log.includes(READ_TOKEN));
  t.regex(log, /tokens file is readable by other users \(mode 644\)/);

  const bad = spawn(process.execPath, ["--import", "tsx", "src/cli/bin.ts", "serve", "--max-size", "lots"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  bad.stderr!.on("data", (d) => (err += d));
  const code = await new Promise((r) => bad.once("exit", r));
  t.is(code, 2);
  t.regex(err, /invalid --max-size 'lots'/);
});
