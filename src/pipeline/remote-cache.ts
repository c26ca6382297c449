/**
 * The remote tier of the lowered-artifact cache: an `undici` client for the container's
 * cache service (`beskid-ci serve`), plus the wire protocol both sides share (key alphabet,
 * digest form, the action-cache document). The service imports the protocol half from here,
 * because the service sits to the right of the pipeline and the pipeline may not import it.
 *
 * A pipeline cache key maps to one action-cache (AC) entry, a small JSON document naming the
 * content-addressed (CAS) blob that holds the lowered artifact. `get` downloads the blob and
 * verifies its SHA-256 before returning it; `put` uploads the blob first and the AC entry
 * second, so a reader never sees an AC entry whose blob was never stored.
 *
 * Deliberately not here: the local tier, and the order of tiers (the pipeline's cache asks
 * the local folder first, then this client, and writes back on a miss). This client never
 * throws and never fails a build: every problem (refused connection, timeout, 5xx, 401/403,
 * a corrupted download) is reported through `warn` and turns into a miss or a skipped write.
 * After a connection-level failure the client stops talking to the server for the rest of
 * its life, so one dead server costs one timeout per run, not one per lookup.
 */

import { createHash } from "node:crypto";
import type { Agent, Dispatcher } from "undici";

// ---------------------------------------------------------------------------------------
// Protocol (shared with src/service/)
// ---------------------------------------------------------------------------------------

/** A CAS name: the lowercase hex SHA-256 of the blob's bytes. */
export const DIGEST_PATTERN = /^[0-9a-f]{64}$/;

/**
 * An AC key: letters, digits, `.`, `_`, `-`; 1..200 characters; never starting with `.` (so
 * `.`, `..` and hidden temporary names are impossible). A key is a single path segment.
 */
export const AC_KEY_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

/** The largest AC document the protocol allows (bytes of JSON). */
export const AC_MAX_BYTES = 64 * 1024;

/** Most blobs one AC document may name. */
export const AC_MAX_BLOBS = 64;

const BLOB_NAME_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
const META_MAX_ENTRIES = 32;
const META_VALUE_MAX = 1024;

export interface AcBlob {
  /** What the blob is to the writer (the pipeline writes one named `artifact`). */
  readonly name: string;
  readonly digest: string;
  readonly size: number;
}

/** The action-cache document stored at `/cache/ac/<key>`. */
export interface AcDocument {
  readonly v: 1;
  readonly blobs: readonly AcBlob[];
  /** Free-form string facts (toolchain version, schema); never interpreted by the server. */
  readonly meta?: Readonly<Record<string, string>>;
}

export type AcParse =
  { readonly ok: true; readonly doc: AcDocument } | { readonly ok: false; readonly reason: string };

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * Validates an AC document strictly: known fields only, bounded sizes. Returns the
 * normalised document (fields in a fixed order) so the server stores canonical bytes.
 */
export function parseAcDocument(text: string): AcParse {
  if (Buffer.byteLength(text, "utf8") > AC_MAX_BYTES)
    return { ok: false, reason: `larger than ${AC_MAX_BYTES} bytes` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: "not valid JSON" };
  }
  if (!isPlainObject(raw)) return { ok: false, reason: "not a JSON object" };
  for (const k of Object.keys(raw)) {
    if (k !== "v" && k !== "blobs" && k !== "meta") return { ok: false, reason: `unknown field '${k}'` };
  }
  if (raw.v !== 1) return { ok: false, reason: "field 'v' must be 1" };
  if (!Array.isArray(raw.blobs) || raw.blobs.length === 0 || raw.blobs.length > AC_MAX_BLOBS) {
    return { ok: false, reason: `field 'blobs' must be an array of 1..${AC_MAX_BLOBS} entries` };
  }
  const blobs: AcBlob[] = [];
  for (const [i, b] of raw.blobs.entries()) {
    if (!isPlainObject(b)) return { ok: false, reason: `blobs[${i}] is not an object` };
    for (const k of Object.keys(b)) {
      if (k !== "name" && k !== "digest" && k !== "size")
        return { ok: false, reason: `blobs[${i}]: unknown field '${k}'` };
    }
    if (typeof b.name !== "string" || !BLOB_NAME_PATTERN.test(b.name)) {
      return { ok: false, reason: `blobs[${i}].name must match ${BLOB_NAME_PATTERN.source}` };
    }
    if (typeof b.digest !== "string" || !DIGEST_PATTERN.test(b.digest)) {
      return { ok: false, reason: `blobs[${i}].digest must be a lowercase hex sha256` };
    }
    if (typeof b.size !== "number" || !Number.isSafeInteger(b.size) || b.size < 0) {
      return { ok: false, reason: `blobs[${i}].size must be a non-negative integer` };
    }
    blobs.push({ name: b.name, digest: b.digest, size: b.size });
  }
  let meta: Record<string, string> | undefined;
  if (raw.meta !== undefined) {
    if (!isPlainObject(raw.meta)) return { ok: false, reason: "field 'meta' must be an object" };
    const entries = Object.entries(raw.meta);
    if (entries.length > META_MAX_ENTRIES)
      return { ok: false, reason: `field 'meta' has more than ${META_MAX_ENTRIES} entries` };
    meta = {};
    for (const [k, v] of entries) {
      if (!BLOB_NAME_PATTERN.test(k))
        return { ok: false, reason: `meta key '${k.slice(0, 40)}' is not allowed` };
      if (typeof v !== "string" || v.length > META_VALUE_MAX) {
        return { ok: false, reason: `meta.${k} must be a string of at most ${META_VALUE_MAX} characters` };
      }
      meta[k] = v;
    }
  }
  return { ok: true, doc: meta ? { v: 1, blobs, meta } : { v: 1, blobs } };
}

/**
 * The AC key for a pipeline cache key: the key itself when it already fits the alphabet
 * (readable on the server), otherwise `sha256-<hex of the key>`. Keys that look like a hashed
 * key are hashed too, so two different pipeline keys can never share an AC entry.
 */
export function acKeyFor(cacheKey: string): string {
  if (AC_KEY_PATTERN.test(cacheKey) && !cacheKey.startsWith("sha256-")) return cacheKey;
  return "sha256-" + createHash("sha256").update(cacheKey, "utf8").digest("hex");
}

// ---------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------

export interface RemoteCacheOptions {
  /** Base URL of the service, e.g. `http://cache:8080` (a path prefix is kept). */
  readonly url: string;
  /** Bearer token (from `BESKID_CACHE_TOKEN` or the action input); never logged. */
  readonly token?: string;
  /** Receives every problem; the client never throws. */
  readonly warn: (message: string) => void;
  /** Upper bound for one HTTP exchange, connect to last byte (default 30 s). */
  readonly timeoutMs?: number;
}

export interface RemoteCache {
  /** The artifact bytes stored under `key`, verified against their digest; `undefined` on a miss or any failure. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores `bytes` under `key`; failures only warn. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Closes the client's connections (idempotent). */
  close(): Promise<void>;
}

/** The blob name the pipeline uses inside its AC documents. */
export const ARTIFACT_BLOB_NAME = "artifact";

interface Reply {
  readonly status: number;
  readonly body: Buffer;
}

class HttpFailure extends Error {}

export function createRemoteCache(options: RemoteCacheOptions): RemoteCache {
  const base = options.url.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 30_000;
  const warn = options.warn;
  let agent: Agent | undefined;
  // Set after a connection-level failure or a rejected token: the server is not used again.
  let readsOff = false;
  let writesOff = false;
  let validUrl = true;
  try {
    const u = new URL(base);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("not http(s)");
  } catch {
    validUrl = false;
  }

  // undici is loaded on the first exchange: most runs have no remote cache, and every command
  // that loads the pipeline would otherwise parse it at start-up.
  let undici: typeof import("undici") | undefined;

  function dispatcher(Agent: typeof import("undici").Agent): Dispatcher {
    agent ??= new Agent({
      connect: { timeout: timeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      keepAliveTimeout: 4_000,
    });
    return agent;
  }

  function headers(extra?: Record<string, string>): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (options.token) h.authorization = `Bearer ${options.token}`;
    return h;
  }

  /** One exchange; throws HttpFailure for transport problems only (statuses are returned). */
  async function exchange(
    method: "GET" | "HEAD" | "PUT",
    path: string,
    body?: Uint8Array,
    contentType?: string,
  ): Promise<Reply> {
    try {
      undici ??= await import("undici");
      const res = await undici.request(`${base}${path}`, {
        method,
        dispatcher: dispatcher(undici.Agent),
        headers: headers(body ? { "content-type": contentType ?? "application/octet-stream" } : undefined),
        body: body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const buf = method === "HEAD" ? Buffer.alloc(0) : Buffer.from(await res.body.arrayBuffer());
      if (method === "HEAD") await res.body.dump();
      return { status: res.statusCode, body: buf };
    } catch (e) {
      const err = e as Error & { code?: string };
      const why =
        err.name === "TimeoutError" || err.name === "AbortError"
          ? `timed out after ${timeoutMs} ms`
          : (err.code ?? err.message);
      throw new HttpFailure(why);
    }
  }

  function transportDown(what: string, e: unknown): void {
    readsOff = true;
    writesOff = true;
    warn(
      `remote cache: ${what} failed (${(e as Error).message}); not using ${base} for the rest of this run`,
    );
  }

  function statusProblem(what: string, r: Reply, forWrite: boolean): void {
    if (r.status === 401 || r.status === 403) {
      const why = r.status === 401 ? "the token is missing or not accepted" : "the token may not do this";
      if (forWrite) writesOff = true;
      else readsOff = true;
      warn(
        `remote cache: ${what} refused with ${r.status} (${why}); ${forWrite ? "not writing" : "not reading"} to ${base} again in this run`,
      );
      return;
    }
    warn(
      `remote cache: ${what} answered ${r.status}; treating it as a ${forWrite ? "skipped write" : "miss"}`,
    );
  }

  async function get(key: string): Promise<Uint8Array | undefined> {
    if (!validUrl) return invalidUrl();
    if (readsOff) return undefined;
    const ac = acKeyFor(key);
    let r: Reply;
    try {
      r = await exchange("GET", `/cache/ac/${ac}`);
    } catch (e) {
      transportDown("lookup", e);
      return undefined;
    }
    if (r.status === 404) return undefined;
    if (r.status !== 200) {
      statusProblem("lookup", r, false);
      return undefined;
    }
    const parsed = parseAcDocument(r.body.toString("utf8"));
    if (!parsed.ok) {
      warn(`remote cache: the entry for ${ac} is malformed (${parsed.reason}); treating it as a miss`);
      return undefined;
    }
    const blob = parsed.doc.blobs.find((b) => b.name === ARTIFACT_BLOB_NAME) ?? parsed.doc.blobs[0]!;
    let b: Reply;
    try {
      b = await exchange("GET", `/cache/cas/${blob.digest}`);
    } catch (e) {
      transportDown("download", e);
      return undefined;
    }
    // The blob may have been evicted after its AC entry was written: a plain miss.
    if (b.status === 404) return undefined;
    if (b.status !== 200) {
      statusProblem("download", b, false);
      return undefined;
    }
    const actual = createHash("sha256").update(b.body).digest("hex");
    if (actual !== blob.digest || b.body.length !== blob.size) {
      warn(
        `remote cache: downloaded blob for ${ac} is corrupt (sha256 ${actual}, ${b.body.length} bytes; expected ${blob.digest}, ${blob.size} bytes); treating it as a miss`,
      );
      return undefined;
    }
    return new Uint8Array(b.body.buffer, b.body.byteOffset, b.body.byteLength);
  }

  async function put(key: string, bytes: Uint8Array): Promise<void> {
    if (!validUrl) return void invalidUrl();
    if (writesOff) return;
    const ac = acKeyFor(key);
    const digest = createHash("sha256").update(bytes).digest("hex");
    try {
      // Skip the upload when the server already has the blob (another runner stored it).
      const head = await exchange("HEAD", `/cache/cas/${digest}`);
      if (head.status !== 200) {
        if (head.status !== 404)
          return statusProblem("blob check", head, head.status === 401 || head.status === 403);
        const up = await exchange("PUT", `/cache/cas/${digest}`, bytes);
        if (up.status < 200 || up.status > 299) return statusProblem("blob upload", up, true);
      }
      const doc: AcDocument = { v: 1, blobs: [{ name: ARTIFACT_BLOB_NAME, digest, size: bytes.byteLength }] };
      const w = await exchange(
        "PUT",
        `/cache/ac/${ac}`,
        Buffer.from(JSON.stringify(doc)),
        "application/json",
      );
      if (w.status < 200 || w.status > 299) return statusProblem("entry upload", w, true);
    } catch (e) {
      transportDown("upload", e);
    }
  }

  let urlWarned = false;
  function invalidUrl(): undefined {
    if (!urlWarned) warn(`remote cache: '${options.url}' is not an http(s) URL; the remote cache is off`);
    urlWarned = true;
    return undefined;
  }

  async function close(): Promise<void> {
    const a = agent;
    agent = undefined;
    if (a) await a.close().catch(() => undefined);
  }

  return { get, put, close };
}
