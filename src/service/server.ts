/**
 * The cache service's HTTP/1.1 server on `node:http`: routing, authentication, streamed
 * uploads with digest and size checks, reads, `/status`, `/healthz`, graceful shutdown.
 * `startServer(config)` is the whole public surface; the `serve` command only builds the
 * config from flags and environment and wires signals to `close()`.
 *
 * Why no framework: five routes with fixed shapes, and the hot path (a small GET) must stay
 * a map lookup plus one file read; a router and middleware would add allocation per request
 * and a dependency to audit, for nothing these routes need.
 *
 * Deliberately not here: reading the environment, the tokens file or signals (the command
 * does that), TLS (terminate it in front of the service), and any Beskid compilation.
 */

import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, rmSync } from "node:fs";
import { open, readFile, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { finished, pipeline } from "node:stream/promises";
import { AC_KEY_PATTERN, AC_MAX_BYTES, DIGEST_PATTERN, parseAcDocument } from "../pipeline/remote-cache.ts";
import { VERSION } from "../version.ts";
import { authorize, type AuthPolicy } from "./auth.ts";
import type { Logger, ServiceConfig } from "./config.ts";
import { DiskStore, type Kind } from "./store.ts";

export interface ServerHandle {
  /** `http://host:port`, with the real port when 0 was asked for. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), resolves when closed. */
  close(): Promise<void>;
}

/** Blobs up to this size are read whole; larger ones are streamed from the file. */
const SMALL_READ = 1024 * 1024;
/** An unread request body up to this size is drained so the connection can be reused. */
const DRAIN_LIMIT = 64 * 1024;

/** Default budget of the in-memory tier for small entries. */
const DEFAULT_MEMORY_CACHE = 64 * 1024 * 1024;

const SILENT: Logger = { info() {}, warn() {}, error() {} };

interface Counters {
  hits: number;
  misses: number;
}

/** Starts the service; resolves once it listens. Throws only on a bad data folder or a port in use. */
export async function startServer(config: ServiceConfig): Promise<ServerHandle> {
  if (config.maxBlobSize > config.maxSize) {
    throw new Error(`max blob size (${config.maxBlobSize}) is larger than max size (${config.maxSize})`);
  }
  const clock = config.clock ?? Date.now;
  const logger = config.logger ?? SILENT;
  const store = DiskStore.open({
    dir: config.dataDir,
    maxSize: config.maxSize,
    clock,
    logger,
    touchIntervalMs: config.touchIntervalMs ?? 60_000,
    hotBytes: config.memoryCacheSize ?? DEFAULT_MEMORY_CACHE,
  });
  const policy: AuthPolicy = {
    tokens: config.tokens,
    readOnly: config.readOnly,
    allowAnonymousReads: config.allowAnonymousReads,
  };
  const counters: Counters = { hits: 0, misses: 0 };
  const startedAt = clock();
  const version = config.version ?? VERSION;
  let shuttingDown = false;

  /** Requests that sent `Expect: 100-continue` and have not been told to go on yet. */
  const awaitingContinue = new WeakSet<IncomingMessage>();

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const t0 = performance.now();
    if (logger.debug) {
      res.once("finish", () => {
        logger.debug!(`${req.method} ${req.url} ${res.statusCode} ${(performance.now() - t0).toFixed(1)}ms`);
      });
    }
    handle(req, res).catch((e: unknown) => {
      logger.error(`internal error on ${req.method} ${req.url}: ${(e as Error).message}`);
      if (!res.headersSent) sendJson(req, res, 500, { error: "internal error" });
      else res.destroy();
    });
  };
  const server = createServer(
    // Large uploads on slow links must not hit Node's 5-minute default request timeout.
    { requestTimeout: 30 * 60_000, headersTimeout: 60_000, keepAliveTimeout: 5_000 },
    onRequest,
  );
  // `Expect: 100-continue`: answer 401/403/413/400 before the client sends a (large) body;
  // "100 Continue" is sent only when the body is actually about to be read.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    awaitingContinue.add(req);
    onRequest(req, res);
  });

  /** Tells a waiting client to send its body, right before the server reads it. */
  function go(req: IncomingMessage, res: ServerResponse) {
    if (awaitingContinue.delete(req)) res.writeContinue();
  }

  function sendJson(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    body: unknown,
    extra?: Record<string, string>,
  ) {
    const text = JSON.stringify(body) + "\n";
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      ...extra,
    };
    settleBody(req, headers);
    res.writeHead(status, headers);
    res.end(req.method === "HEAD" ? undefined : text);
  }

  /**
   * Before answering: a request body we did not read is drained when small (keeps the
   * connection), otherwise the connection is closed after the answer rather than reading
   * gigabytes nobody wants. Also closes connections during shutdown.
   */
  function settleBody(req: IncomingMessage, headers: Record<string, string | number>) {
    if (shuttingDown) headers.connection = "close";
    if (req.complete || req.readableEnded) return;
    // A client still waiting for "100 Continue" has sent no body; it is answered without
    // one, and the connection closed so a client that sends it anyway cannot confuse the next request.
    if (awaitingContinue.has(req)) {
      headers.connection = "close";
      return;
    }
    // No Content-Length and no Transfer-Encoding: the request has no body at all.
    if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) return;
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (Number.isFinite(declared) && declared <= DRAIN_LIMIT) req.resume();
    else {
      headers.connection = "close";
      req.resume();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const path = q < 0 ? raw : raw.slice(0, q);
    const method = req.method ?? "GET";

    if (path === "/healthz") {
      if (method !== "GET" && method !== "HEAD") return methodNotAllowed(req, res, "GET, HEAD");
      return sendJson(req, res, 200, { ok: true });
    }
    if (path === "/status") {
      if (method !== "GET" && method !== "HEAD") return methodNotAllowed(req, res, "GET, HEAD");
      const auth = authorize(policy, req.headers.authorization, false);
      if (!auth.allowed) return refuse(req, res, auth.status, auth.message);
      return sendJson(req, res, 200, {
        version,
        bytes: store.bytes,
        entries: store.count,
        maxSize: config.maxSize,
        maxBlobSize: config.maxBlobSize,
        hits: counters.hits,
        misses: counters.misses,
        memoryBytes: store.memoryBytes,
        cas: store.countOf("cas"),
        ac: store.countOf("ac"),
        readOnly: config.readOnly,
        uptimeSeconds: Math.floor((clock() - startedAt) / 1000),
      });
    }

    let kind: Kind;
    let name: string;
    if (path.startsWith("/cache/cas/")) {
      kind = "cas";
      name = path.slice("/cache/cas/".length);
    } else if (path.startsWith("/cache/ac/")) {
      kind = "ac";
      name = path.slice("/cache/ac/".length);
    } else {
      return sendJson(req, res, 404, { error: "no such endpoint" });
    }
    const write = method === "PUT";
    if (!write && method !== "GET" && method !== "HEAD") return methodNotAllowed(req, res, "GET, HEAD, PUT");
    const auth = authorize(policy, req.headers.authorization, write);
    if (!auth.allowed) return refuse(req, res, auth.status, auth.message);
    // Names are single segments from a closed alphabet: no '/', no '%', no leading '.'.
    const valid = kind === "cas" ? DIGEST_PATTERN.test(name) : AC_KEY_PATTERN.test(name);
    if (!valid) {
      return sendJson(req, res, 400, {
        error:
          kind === "cas"
            ? "a CAS name is a lowercase hex sha256"
            : "an AC key is 1-200 of [A-Za-z0-9._-], not starting with '.'",
      });
    }
    if (write) return kind === "cas" ? putCas(req, res, name) : putAc(req, res, name);
    return read(req, res, kind, name);
  }

  function methodNotAllowed(req: IncomingMessage, res: ServerResponse, allow: string) {
    sendJson(req, res, 405, { error: `method not allowed (allowed: ${allow})` }, { allow });
  }

  function refuse(req: IncomingMessage, res: ServerResponse, status: 401 | 403, message: string) {
    const extra: Record<string, string> = {};
    if (status === 401) extra["www-authenticate"] = 'Bearer realm="beskid-ci cache"';
    sendJson(req, res, status, { error: message }, extra);
  }

  function tooLarge(req: IncomingMessage, res: ServerResponse, limit: number) {
    sendJson(req, res, 413, { error: `body larger than ${limit} bytes` });
  }

  async function read(req: IncomingMessage, res: ServerResponse, kind: Kind, name: string): Promise<void> {
    const isGet = req.method === "GET";
    const entry = store.use(kind, name);
    if (entry === undefined) {
      if (isGet) counters.misses++;
      return sendJson(req, res, 404, { error: "not found" });
    }
    const file = store.pathOf(kind, name);
    // An entry found on disk at start is checked once, on its first read (HEAD included: the
    // client skips an upload on a HEAD hit, so a corrupt entry must not answer one).
    let buf: Buffer | undefined;
    if (!entry.verified) {
      let intact: boolean;
      try {
        if (entry.size <= SMALL_READ || kind === "ac") {
          buf = await readFile(file);
          intact = kind === "cas" ? sha256(buf) === name : parseAcDocument(buf.toString("utf8")).ok;
        } else {
          intact = (await hashFile(file)) === name;
        }
      } catch {
        return gone(req, res, kind, name);
      }
      if (!intact) {
        if (store.discard(entry))
          logger.warn(`removed corrupt ${kind} entry ${name}: its bytes on disk do not match its name`);
        if (isGet) counters.misses++;
        return sendJson(req, res, 404, { error: "not found" });
      }
      entry.verified = true;
    }
    const contentType = kind === "cas" ? "application/octet-stream" : "application/json";
    const headers: Record<string, string | number> = { "content-type": contentType };
    if (kind === "cas") headers.etag = `"${name}"`;
    settleBody(req, headers);
    if (!isGet) {
      headers["content-length"] = entry.size;
      res.writeHead(200, headers);
      res.end();
      return;
    }
    if (entry.hot) {
      counters.hits++;
      headers["content-length"] = entry.hot.length;
      res.writeHead(200, headers);
      res.end(entry.hot);
      return;
    }
    if (buf === undefined && entry.size <= SMALL_READ) {
      try {
        buf = await readFile(file);
      } catch {
        return gone(req, res, kind, name);
      }
    }
    if (buf !== undefined) {
      store.remember(entry, buf);
      counters.hits++;
      headers["content-length"] = buf.length;
      res.writeHead(200, headers);
      res.end(buf);
      return;
    }
    let fh;
    try {
      fh = await open(file, "r");
    } catch {
      return gone(req, res, kind, name);
    }
    try {
      const st = await fh.stat();
      counters.hits++;
      headers["content-length"] = st.size;
      res.writeHead(200, headers);
      await pipeline(fh.createReadStream({ autoClose: false, highWaterMark: 256 * 1024 }), res);
    } catch {
      res.destroy();
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  /** The index named an entry whose file is gone (evicted between lookup and open). */
  function gone(req: IncomingMessage, res: ServerResponse, kind: Kind, name: string) {
    store.forget(kind, name);
    counters.misses++;
    sendJson(req, res, 404, { error: "not found" });
  }

  async function putCas(req: IncomingMessage, res: ServerResponse, digest: string): Promise<void> {
    const limit = config.maxBlobSize;
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit) return tooLarge(req, res, limit);
    if (declared !== undefined && Number(declared) <= SMALL_READ) return putSmallCas(req, res, digest, limit);
    const tmp = store.tempPath();
    const file = createWriteStream(tmp, { flags: "wx", highWaterMark: 1024 * 1024 });
    const hash = createHash("sha256");
    let size = 0;
    go(req, res);
    const outcome = await new Promise<"ok" | "too-large" | "aborted" | "io-error">((resolve) => {
      let settled = false;
      const settle = (r: "ok" | "too-large" | "aborted" | "io-error") => {
        if (settled) return;
        settled = true;
        req.off("data", onData);
        resolve(r);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          req.pause();
          return settle("too-large");
        }
        hash.update(chunk);
        // Backpressure: the socket waits while the disk catches up, so memory stays bounded.
        if (!file.write(chunk)) {
          req.pause();
          file.once("drain", () => {
            if (!settled) req.resume();
          });
        }
      };
      req.on("data", onData);
      req.once("end", () => settle("ok"));
      req.once("close", () => settle(req.complete ? "ok" : "aborted"));
      req.once("error", () => settle("aborted"));
      file.once("error", () => settle("io-error"));
    });
    file.end();
    let written = outcome === "ok";
    try {
      await finished(file);
    } catch {
      written = false;
    }
    if (!written || outcome !== "ok") {
      rmSync(tmp, { force: true });
      if (outcome === "too-large") return tooLarge(req, res, limit);
      if (outcome === "aborted") return void res.destroy();
      return sendJson(req, res, 500, { error: "could not store the upload" });
    }
    const actual = hash.digest("hex");
    if (actual !== digest) {
      rmSync(tmp, { force: true });
      return sendJson(req, res, 400, { error: `digest mismatch: the body's sha256 is ${actual}` });
    }
    const r = store.commit("cas", digest, tmp, size);
    sendJson(req, res, r.created ? 201 : 200, { digest, size });
  }

  /**
   * A small upload with a declared length is collected in memory (bounded by that length)
   * and written with one call: cheaper than a write stream, and the bytes go straight into
   * the memory tier.
   */
  async function putSmallCas(
    req: IncomingMessage,
    res: ServerResponse,
    digest: string,
    limit: number,
  ): Promise<void> {
    const got = await collect(req, res, limit);
    if (got === "too-large") return tooLarge(req, res, limit);
    if (got === "aborted") return void res.destroy();
    const actual = sha256(got);
    if (actual !== digest)
      return sendJson(req, res, 400, { error: `digest mismatch: the body's sha256 is ${actual}` });
    if (store.peek("cas", digest) !== undefined) {
      store.use("cas", digest);
      return sendJson(req, res, 200, { digest, size: got.length });
    }
    const tmp = store.tempPath();
    try {
      await writeFile(tmp, got, { flag: "wx" });
    } catch {
      rmSync(tmp, { force: true });
      return sendJson(req, res, 500, { error: "could not store the upload" });
    }
    const r = store.commit("cas", digest, tmp, got.length, got);
    sendJson(req, res, r.created ? 201 : 200, { digest, size: got.length });
  }

  /** Reads a whole (small) request body, counting against `limit`. */
  function collect(
    req: IncomingMessage,
    res: ServerResponse,
    limit: number,
  ): Promise<Buffer | "too-large" | "aborted"> {
    go(req, res);
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const settle = (r: Buffer | "too-large" | "aborted") => {
        if (settled) return;
        settled = true;
        req.off("data", onData);
        resolve(r);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          req.pause();
          return settle("too-large");
        }
        chunks.push(chunk);
      };
      req.on("data", onData);
      req.once("end", () => settle(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
      req.once("close", () => settle(req.complete ? Buffer.concat(chunks) : "aborted"));
      req.once("error", () => settle("aborted"));
    });
  }

  async function putAc(req: IncomingMessage, res: ServerResponse, key: string): Promise<void> {
    const limit = Math.min(AC_MAX_BYTES, config.maxBlobSize);
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit) return tooLarge(req, res, limit);
    const got = await collect(req, res, limit);
    if (got === "too-large") return tooLarge(req, res, limit);
    if (got === "aborted") return void res.destroy();
    const parsed = parseAcDocument(got.toString("utf8"));
    if (!parsed.ok) return sendJson(req, res, 400, { error: `invalid AC document: ${parsed.reason}` });
    const bytes = Buffer.from(JSON.stringify(parsed.doc));
    const tmp = store.tempPath();
    try {
      await writeFile(tmp, bytes, { flag: "wx" });
    } catch {
      rmSync(tmp, { force: true });
      return sendJson(req, res, 500, { error: "could not store the entry" });
    }
    const r = store.commit("ac", key, tmp, bytes.length, bytes);
    sendJson(req, res, r.created ? 201 : 200, { key, size: bytes.length });
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (e) {
    store.close();
    throw e;
  }
  server.on("error", (e) => logger.error(`server error: ${e.message}`));
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${hostForUrl}:${port}`;
  logger.info(
    `beskid-ci cache ${version} listening on ${url} (data ${config.dataDir}, ${store.count} entries, ${store.bytes} bytes` +
      `${config.readOnly ? ", read-only" : ""}${config.tokens ? `, ${config.tokens.length} token(s)` : ", authentication off"})`,
  );

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      shuttingDown = true;
      logger.info("shutting down: no new connections; waiting for requests in flight");
      const grace = setTimeout(() => {
        logger.warn("grace period over: closing the remaining connections");
        server.closeAllConnections();
      }, config.shutdownGraceMs ?? 30_000);
      grace.unref();
      server.close(() => {
        clearTimeout(grace);
        store.close();
        logger.info("stopped");
        resolve();
      });
      server.closeIdleConnections();
      // Connections busy now become idle after their response (sent with Connection: close).
    });
    return closing;
  }

  return { url, port, close };
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The sha256 of a (large) file, read as a stream. */
async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path, { highWaterMark: 256 * 1024 }), hash);
  return hash.digest("hex");
}
