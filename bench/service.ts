/**
 * Bounded loopback load run of the cache service: a fixed number of small PUTs, then a fixed
 * number of small GETs, at a fixed concurrency, against `beskid-ci serve` on 127.0.0.1.
 * Reports throughput and p50/p99 latency per phase. It stops by itself; nothing but the
 * loopback interface is contacted.
 *
 * The server runs in a child process by default (run from source through tsx), so the
 * client and the server each get a core, as they would on two machines; `inProcess: true`
 * runs both in this process instead.
 *
 * Run alone: `npx tsx bench/service.ts [--gets N] [--puts N] [--concurrency N] [--in-process]`.
 * Deliberately not here: remote hosts, TLS, or any open-ended soak.
 */

import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Pool } from "undici";
import { startServer } from "../src/service/index.ts";

export interface ServiceBenchOptions {
  readonly gets?: number;
  readonly puts?: number;
  readonly concurrency?: number;
  readonly blobSize?: number;
  readonly inProcess?: boolean;
}

export interface PhaseResult {
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50ms: number;
  readonly p99ms: number;
  readonly maxms: number;
  readonly failures: number;
}

export interface ServiceBenchResult {
  readonly put: PhaseResult;
  readonly get: PhaseResult;
  readonly concurrency: number;
  readonly blobSize: number;
  readonly serverMode: "child process" | "in process";
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function phase(
  count: number,
  concurrency: number,
  one: (i: number) => Promise<boolean>,
): Promise<PhaseResult> {
  const latencies = new Float64Array(count);
  let next = 0;
  let failures = 0;
  const t0 = performance.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const s = performance.now();
      const ok = await one(i).catch(() => false);
      latencies[i] = performance.now() - s;
      if (!ok) failures++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort();
  return {
    requests: count,
    seconds,
    perSecond: count / seconds,
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
    maxms: latencies[count - 1] ?? 0,
    failures,
  };
}

async function startChildServer(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/bin.ts", "serve", "--port", "0", "--data-dir", dataDir],
    { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] },
  );
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error("the service exited before listening")));
  });
  return {
    url,
    async stop() {
      proc.kill("SIGTERM");
      await exited;
    },
  };
}

export async function benchService(options: ServiceBenchOptions = {}): Promise<ServiceBenchResult> {
  const gets = options.gets ?? 20_000;
  const puts = options.puts ?? 5_000;
  const concurrency = options.concurrency ?? 16;
  const blobSize = options.blobSize ?? 1024;
  const dataDir = mkdtempSync(join(tmpdir(), "beskid-bench-svc-"));
  const server = options.inProcess
    ? await startServer({
        host: "127.0.0.1",
        port: 0,
        dataDir,
        maxSize: 1024 ** 3,
        maxBlobSize: 1024 ** 2,
        readOnly: false,
        allowAnonymousReads: false,
      }).then((h) => ({ url: h.url, stop: h.close }))
    : await startChildServer(dataDir);
  const pool = new Pool(server.url, { connections: concurrency, pipelining: 1 });
  try {
    const blobs = Array.from({ length: puts }, () => randomBytes(blobSize));
    const digests = blobs.map((b) => createHash("sha256").update(b).digest("hex"));
    const put = await phase(puts, concurrency, async (i) => {
      const res = await pool.request({ path: `/cache/cas/${digests[i]}`, method: "PUT", body: blobs[i] });
      await res.body.dump();
      return res.statusCode === 201 || res.statusCode === 200;
    });
    const get = await phase(gets, concurrency, async (i) => {
      const res = await pool.request({ path: `/cache/cas/${digests[(i * 7919) % puts]}`, method: "GET" });
      const body = await res.body.arrayBuffer();
      return res.statusCode === 200 && body.byteLength === blobSize;
    });
    return {
      put,
      get,
      concurrency,
      blobSize,
      serverMode: options.inProcess ? "in process" : "child process",
    };
  } finally {
    await pool.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatServiceBench(r: ServiceBenchResult): string {
  const row = (name: string, p: PhaseResult) =>
    `| ${name} | ${p.requests} | ${p.perSecond.toFixed(0)}/s | ${p.p50ms.toFixed(2)} ms | ${p.p99ms.toFixed(2)} ms | ${p.maxms.toFixed(1)} ms | ${p.failures} |`;
  return [
    `${r.blobSize}-byte blobs, concurrency ${r.concurrency}, server in a ${r.serverMode}`,
    "",
    "| phase | requests | throughput | p50 | p99 | max | failures |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    row("PUT /cache/cas", r.put),
    row("GET /cache/cas", r.get),
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const result = await benchService({
    gets: arg("--gets"),
    puts: arg("--puts"),
    concurrency: arg("--concurrency"),
    inProcess: process.argv.includes("--in-process"),
  });
  process.stdout.write(formatServiceBench(result) + "\n");
}
