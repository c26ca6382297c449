/**
 * Shared helpers for the cache service tests: temporary data folders, a started server on
 * 127.0.0.1 port 0, and one `call` that talks real HTTP through undici.
 */

import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExecutionContext } from "ava";
import { Client, request } from "undici";
import { parseTokens, startServer, type ServerHandle, type ServiceConfig } from "../../src/service/index.ts";

export const READ_TOKEN = "read-token-0123456789abcdef";
export const WRITE_TOKEN = "write-token-0123456789abcdef";
export const TOKENS_TEXT = `# test tokens\nr ${READ_TOKEN} reader\nrw ${WRITE_TOKEN} writer\n`;

export function tempDir(t: ExecutionContext, prefix = "beskid-svc-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

export function testTokens() {
  const p = parseTokens(TOKENS_TEXT);
  if (!p.ok) throw new Error(p.error);
  return p.tokens;
}

export async function serve(
  t: ExecutionContext,
  overrides: Partial<ServiceConfig> = {},
): Promise<ServerHandle & { dataDir: string; logs: string[] }> {
  const dataDir = overrides.dataDir ?? tempDir(t);
  const logs: string[] = [];
  const handle = await startServer({
    host: "127.0.0.1",
    port: 0,
    dataDir,
    maxSize: 64 * 1024 * 1024,
    maxBlobSize: 16 * 1024 * 1024,
    readOnly: false,
    allowAnonymousReads: false,
    logger: {
      info: (m) => logs.push(`info ${m}`),
      warn: (m) => logs.push(`warn ${m}`),
      error: (m) => logs.push(`error ${m}`),
      debug: (m) => logs.push(`debug ${m}`),
    },
    ...overrides,
  });
  t.teardown(() => handle.close());
  return { ...handle, dataDir, logs };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json(): any;
}

export async function call(
  base: string,
  method: "GET" | "HEAD" | "PUT" | "POST" | "DELETE",
  path: string,
  opts: { body?: string | Uint8Array; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  // A URL would have its dot segments resolved by the client: send such paths verbatim.
  let res;
  if (path.includes("..")) {
    const client = new Client(base);
    try {
      res = await client.request({ path, method, headers, body: opts.body });
      const raw = Buffer.from(await res.body.arrayBuffer());
      return {
        status: res.statusCode,
        headers: res.headers,
        body: raw,
        json: () => JSON.parse(raw.toString("utf8")),
      };
    } finally {
      await client.close();
    }
  }
  res = await request(base + path, { method, headers, body: opts.body });
  const body = Buffer.from(await res.body.arrayBuffer());
  return {
    status: res.statusCode,
    headers: res.headers,
    body,
    json: () => JSON.parse(body.toString("utf8")),
  };
}

export function acDoc(digest: string, size: number, name = "artifact"): string {
  return JSON.stringify({ v: 1, blobs: [{ name, digest, size }] });
}
