/**
 * An in-process fake of the GitHub services the action talks to, on 127.0.0.1 with port 0:
 * the results service (Twirp JSON CacheService and ArtifactService), Azure block-blob
 * storage behind their signed URLs, and the few REST endpoints release publishing uses.
 * It follows what the real `@actions/cache` v6 / `@actions/artifact` v6 clients send (read
 * from their sources in node_modules) and has switches for the faults the action must
 * survive. It keeps everything in memory and checks no signature: it is a protocol double
 * for tests, not a model of GitHub's quotas, scopes or retention.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHash, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

export interface CacheEntry {
  readonly key: string;
  readonly version: string;
  readonly scope: string;
  readonly blob: string;
  readonly id: number;
  /** Monotonic creation order: restore keys prefer the newest match. */
  readonly seq: number;
  finalized: boolean;
  size: number;
}

export interface ArtifactEntry {
  readonly name: string;
  readonly runId: string;
  readonly jobId: string;
  readonly blob: string;
  readonly expiresAt?: string;
  readonly mimeType?: string;
  id?: number;
  size?: number;
  hash?: string;
}

export interface ReleaseAsset {
  id: number;
  name: string;
  content_type: string;
  size: number;
  data: Buffer;
}

export interface Release {
  id: number;
  tag_name: string;
  name: string;
  draft: boolean;
  assets: ReleaseAsset[];
}

/** Fault switches; each is read at request time, so tests flip them between runs. */
export interface Faults {
  /** CreateCacheEntry answers `{ok: false}` (another job holds the reservation). */
  reservationRefused?: boolean;
  /** Every cache Twirp call answers 429 with this many seconds in `Retry-After`. */
  rateLimitSeconds?: number;
  /** The next N Twirp calls (cache or artifact) answer 500, then the service recovers. */
  serverErrors?: number;
  /** Blob downloads send their headers and half the body, then stall forever. */
  stallDownload?: boolean;
  /** Blob downloads serve bytes that are not the stored archive (same length). */
  corruptArchive?: boolean;
  /** Release REST calls answer 403 as for a token without `contents: write`. */
  releaseForbidden?: boolean;
}

export interface RequestLog {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

const CACHE_SERVICE = "/twirp/github.actions.results.api.v1.CacheService/";
const ARTIFACT_SERVICE = "/twirp/github.actions.results.api.v1.ArtifactService/";
const ACCOUNT = "devstoreaccount1";

function b64url(data: string): string {
  return Buffer.from(data).toString("base64url");
}

/** A runtime token shaped like the runner's: only the payload matters to the clients. */
export function makeRuntimeToken(opts: {
  readOnly?: boolean;
  runId?: string;
  jobId?: string;
  ref?: string;
}): string {
  const ref = opts.ref ?? "refs/heads/main";
  const payload = {
    scp: `Actions.ExampleScope Actions.Results:${opts.runId ?? "run-1"}:${opts.jobId ?? "job-1"}`,
    ac: JSON.stringify([{ Scope: ref, Permission: opts.readOnly ? 1 : 3 }]),
    repository_id: "4242",
    exp: Math.floor(Date.now() / 1000) + 3600,
  };
  return `${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${b64url(JSON.stringify(payload))}.fakesig`;
}

function decodeToken(auth: string | undefined): { writable: boolean; scope: string } | undefined {
  if (!auth?.startsWith("Bearer ")) return undefined;
  const parts = auth.slice(7).split(".");
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as { ac?: string };
    const scopes = JSON.parse(payload.ac ?? "[]") as { Scope: string; Permission: number }[];
    const writable = scopes.find((s) => (s.Permission & 2) !== 0);
    return { writable: writable !== undefined, scope: (writable ?? scopes[0])?.Scope ?? "" };
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export class FakeGitHub {
  readonly faults: Faults = {};
  readonly caches: CacheEntry[] = [];
  readonly artifacts: ArtifactEntry[] = [];
  readonly blobs = new Map<string, Buffer>();
  readonly releases: Release[] = [];
  readonly requests: RequestLog[] = [];
  readonly owner = "octo";
  readonly repo = "hello";
  private readonly blocks = new Map<string, Map<string, Buffer>>();
  private readonly stalled = new Set<ServerResponse>();
  private server?: Server;
  private seq = 0;
  private nextId = 100;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(e));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const r of this.stalled) r.destroy();
    this.stalled.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The runner environment pointing the clients at this fake (files are the caller's). */
  runnerEnv(
    opts: { readOnly?: boolean; ref?: string; runId?: string; jobId?: string } = {},
  ): Record<string, string> {
    return {
      ACTIONS_RESULTS_URL: this.url,
      ACTIONS_CACHE_SERVICE_V2: "true",
      ACTIONS_RUNTIME_TOKEN: makeRuntimeToken(opts),
      GITHUB_API_URL: this.apiUrl,
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: `${this.owner}/${this.repo}`,
    };
  }

  private log(req: IncomingMessage, status: number): void {
    this.requests.push({ method: req.method ?? "", path: req.url ?? "", status });
  }

  private json(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers = {}): void {
    this.log(req, status);
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  private twirpError(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    code: string,
    msg: string,
    headers = {},
  ): void {
    this.json(req, res, status, { code, msg }, headers);
  }

  private signedUrl(kind: "cache" | "artifacts", blob: string, write: boolean): string {
    return `${this.url}${ACCOUNT}/${kind}/${blob}?sv=2024-05-04&sp=${write ? "cw" : "r"}&sig=fake`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    if (req.method === "POST" && url.pathname.startsWith(CACHE_SERVICE)) {
      return this.cacheService(req, res, url.pathname.slice(CACHE_SERVICE.length));
    }
    if (req.method === "POST" && url.pathname.startsWith(ARTIFACT_SERVICE)) {
      return this.artifactService(req, res, url.pathname.slice(ARTIFACT_SERVICE.length));
    }
    if (url.pathname.startsWith(`/${ACCOUNT}/`)) return this.blobService(req, res, url);
    if (req.method === "GET" && url.pathname.startsWith("/release-downloads/"))
      return this.assetDownload(req, res, url);
    if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/uploads/"))
      return this.rest(req, res, url);
    this.log(req, 404);
    res.writeHead(404).end();
  }

  // ---- Twirp: CacheService -------------------------------------------------------------

  private async cacheService(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const body = JSON.parse((await readBody(req)).toString("utf8") || "{}") as Record<string, unknown>;
    const token = decodeToken(req.headers.authorization);
    if (!token)
      return this.twirpError(req, res, 401, "unauthenticated", "missing or malformed runtime token");
    if (this.faults.serverErrors && this.faults.serverErrors > 0) {
      this.faults.serverErrors--;
      return this.twirpError(req, res, 500, "internal", "the fake results service is having a bad moment");
    }
    if (this.faults.rateLimitSeconds) {
      return this.twirpError(req, res, 429, "resource_exhausted", "cache rate limit exceeded", {
        "retry-after": String(this.faults.rateLimitSeconds),
      });
    }
    const key = String(body.key ?? "");
    const version = String(body.version ?? "");
    switch (method) {
      case "CreateCacheEntry": {
        if (!token.writable) {
          return this.json(req, res, 200, {
            ok: false,
            message: "cache write denied: the token's cache scope is read-only",
          });
        }
        if (this.faults.reservationRefused) {
          return this.json(req, res, 200, {
            ok: false,
            message: "cache entry is being created by another job",
          });
        }
        if (this.caches.some((c) => c.key === key && c.version === version && c.scope === token.scope)) {
          return this.twirpError(
            req,
            res,
            409,
            "already_exists",
            "cache entry with the same key, version, and scope already exists",
          );
        }
        const blob = randomUUID();
        this.caches.push({
          key,
          version,
          scope: token.scope,
          blob,
          id: this.nextId++,
          seq: this.seq++,
          finalized: false,
          size: 0,
        });
        return this.json(req, res, 200, { ok: true, signed_upload_url: this.signedUrl("cache", blob, true) });
      }
      case "FinalizeCacheEntryUpload": {
        const entry = this.caches.find((c) => c.key === key && c.version === version && !c.finalized);
        if (!entry || !this.blobs.has(entry.blob)) {
          return this.twirpError(req, res, 404, "not_found", "no reserved cache entry with an uploaded blob");
        }
        entry.finalized = true;
        entry.size = Number(body.size_bytes ?? 0);
        return this.json(req, res, 200, { ok: true, entry_id: String(entry.id) });
      }
      case "GetCacheEntryDownloadURL": {
        const restoreKeys = (body.restore_keys as string[] | undefined) ?? [];
        const usable = this.caches.filter((c) => c.finalized && c.version === version);
        const newestFirst = [...usable].sort((a, b) => b.seq - a.seq);
        let hit = newestFirst.find((c) => c.key === key);
        for (const prefix of restoreKeys) {
          if (hit) break;
          hit =
            newestFirst.find((c) => c.key === prefix) ?? newestFirst.find((c) => c.key.startsWith(prefix));
        }
        if (!hit) return this.json(req, res, 200, { ok: false, signed_download_url: "", matched_key: "" });
        return this.json(req, res, 200, {
          ok: true,
          signed_download_url: this.signedUrl("cache", hit.blob, false),
          matched_key: hit.key,
        });
      }
      default:
        return this.twirpError(req, res, 404, "bad_route", `no method ${method}`);
    }
  }

  // ---- Twirp: ArtifactService ----------------------------------------------------------

  private async artifactService(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const body = JSON.parse((await readBody(req)).toString("utf8") || "{}") as Record<string, unknown>;
    if (!decodeToken(req.headers.authorization)) {
      return this.twirpError(req, res, 401, "unauthenticated", "missing or malformed runtime token");
    }
    if (this.faults.serverErrors && this.faults.serverErrors > 0) {
      this.faults.serverErrors--;
      return this.twirpError(req, res, 500, "internal", "the fake results service is having a bad moment");
    }
    const runId = String(body.workflow_run_backend_id ?? "");
    const jobId = String(body.workflow_job_run_backend_id ?? "");
    const name = String(body.name ?? "");
    switch (method) {
      case "CreateArtifact": {
        if (this.artifacts.some((a) => a.runId === runId && a.name === name)) {
          return this.twirpError(
            req,
            res,
            409,
            "already_exists",
            "an artifact with this name already exists on the workflow run",
          );
        }
        const blob = randomUUID();
        const mime = body.mime_type as string | { value?: string } | undefined;
        this.artifacts.push({
          name,
          runId,
          jobId,
          blob,
          expiresAt: body.expires_at as string | undefined,
          mimeType: typeof mime === "string" ? mime : mime?.value,
        });
        return this.json(req, res, 200, {
          ok: true,
          signed_upload_url: this.signedUrl("artifacts", blob, true),
        });
      }
      case "FinalizeArtifact": {
        const a = this.artifacts.find((x) => x.runId === runId && x.name === name && x.id === undefined);
        if (!a || !this.blobs.has(a.blob))
          return this.twirpError(req, res, 404, "not_found", "artifact not found or not uploaded");
        a.id = this.nextId++;
        a.size = Number(body.size ?? 0);
        const hash = body.hash as string | { value?: string } | undefined;
        a.hash = typeof hash === "string" ? hash : hash?.value;
        return this.json(req, res, 200, { ok: true, artifact_id: String(a.id) });
      }
      case "ListArtifacts": {
        const nameFilter = body.name_filter as string | undefined;
        const list = this.artifacts.filter(
          (a) =>
            a.id !== undefined && a.runId === runId && (nameFilter === undefined || a.name === nameFilter),
        );
        return this.json(req, res, 200, {
          artifacts: list.map((a) => ({
            workflow_run_backend_id: a.runId,
            workflow_job_run_backend_id: a.jobId,
            database_id: String(a.id),
            name: a.name,
            size: String(a.size ?? 0),
            ...(a.hash ? { digest: a.hash } : {}),
          })),
        });
      }
      case "GetSignedArtifactURL": {
        const a = this.artifacts.find((x) => x.runId === runId && x.name === name && x.id !== undefined);
        if (!a) return this.twirpError(req, res, 404, "not_found", "artifact not found");
        return this.json(req, res, 200, { signed_url: this.signedUrl("artifacts", a.blob, false) });
      }
      default:
        return this.twirpError(req, res, 404, "bad_route", `no method ${method}`);
    }
  }

  // ---- Azure block blobs ---------------------------------------------------------------

  private blobReply(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    extra: Record<string, string> = {},
  ): void {
    this.log(req, status);
    res.writeHead(status, {
      etag: `"0x${createHash("sha1").update(randomUUID()).digest("hex").slice(0, 16).toUpperCase()}"`,
      "last-modified": new Date().toUTCString(),
      "x-ms-request-id": randomUUID(),
      "x-ms-version": "2025-01-05",
      "x-ms-request-server-encrypted": "true",
      date: new Date().toUTCString(),
      "content-length": "0",
      ...extra,
    });
    res.end();
  }

  private blobError(req: IncomingMessage, res: ServerResponse, status: number, code: string): void {
    this.log(req, status);
    const text = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`;
    res.writeHead(status, {
      "content-type": "application/xml",
      "x-ms-error-code": code,
      "x-ms-request-id": randomUUID(),
      "content-length": Buffer.byteLength(text),
    });
    res.end(text);
  }

  private async blobService(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const blob = url.pathname.split("/").pop() ?? "";
    if (url.searchParams.get("sig") !== "fake") return this.blobError(req, res, 403, "AuthenticationFailed");
    const comp = url.searchParams.get("comp");
    if (req.method === "PUT") {
      const data = await readBody(req);
      if (url.searchParams.get("sp") !== "cw")
        return this.blobError(req, res, 403, "AuthorizationPermissionMismatch");
      if (comp === "block") {
        const id = url.searchParams.get("blockid") ?? "";
        const pending = this.blocks.get(blob) ?? new Map<string, Buffer>();
        pending.set(id, data);
        this.blocks.set(blob, pending);
        return this.blobReply(req, res, 201, {
          "content-md5": createHash("md5").update(data).digest("base64"),
        });
      }
      if (comp === "blocklist") {
        const xml = data.toString("utf8");
        const ids = [...xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map((m) => m[2]!);
        const pending = this.blocks.get(blob) ?? new Map<string, Buffer>();
        const parts: Buffer[] = [];
        for (const id of ids) {
          const part = pending.get(id);
          if (!part) return this.blobError(req, res, 400, "InvalidBlockList");
          parts.push(part);
        }
        this.blobs.set(blob, Buffer.concat(parts));
        this.blocks.delete(blob);
        return this.blobReply(req, res, 201);
      }
      if (comp === null) {
        if (req.headers["x-ms-blob-type"] !== "BlockBlob")
          return this.blobError(req, res, 400, "InvalidHeaderValue");
        this.blobs.set(blob, data);
        return this.blobReply(req, res, 201, {
          "content-md5": createHash("md5").update(data).digest("base64"),
        });
      }
      return this.blobError(req, res, 400, "InvalidQueryParameterValue");
    }
    if (req.method === "GET" || req.method === "HEAD") {
      const stored = this.blobs.get(blob);
      if (!stored) return this.blobError(req, res, 404, "BlobNotFound");
      let data = stored;
      if (this.faults.corruptArchive)
        data = Buffer.from(
          createHash("sha512")
            .update(stored)
            .digest()
            .toString("hex")
            .repeat(1 + Math.ceil(stored.length / 128)),
        ).subarray(0, stored.length);
      let status = 200;
      const headers: Record<string, string> = {
        "content-type": "application/octet-stream",
        "x-ms-blob-type": "BlockBlob",
        "accept-ranges": "bytes",
        "last-modified": new Date().toUTCString(),
        etag: '"0x1"',
      };
      const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? req.headers["x-ms-range"] ?? ""));
      if (range) {
        const start = Number(range[1]);
        const end = range[2] ? Math.min(Number(range[2]), data.length - 1) : data.length - 1;
        headers["content-range"] = `bytes ${start}-${end}/${data.length}`;
        data = data.subarray(start, end + 1);
        status = 206;
      }
      headers["content-length"] = String(data.length);
      this.log(req, status);
      res.writeHead(status, headers);
      if (req.method === "HEAD") return void res.end();
      if (this.faults.stallDownload) {
        // Half the body, then silence: the client's socket timeout has to notice.
        res.write(data.subarray(0, Math.floor(data.length / 2)));
        this.stalled.add(res);
        return;
      }
      res.end(data);
      return;
    }
    return this.blobError(req, res, 405, "UnsupportedHttpVerb");
  }

  // ---- REST: releases ------------------------------------------------------------------

  private releaseJson(r: Release): unknown {
    const base = `${this.apiUrl}/repos/${this.owner}/${this.repo}/releases/${r.id}`;
    return {
      id: r.id,
      tag_name: r.tag_name,
      name: r.name,
      draft: r.draft,
      url: base,
      html_url: `https://github.com/${this.owner}/${this.repo}/releases/${r.draft ? `untagged-${r.id}` : `tag/${r.tag_name}`}`,
      upload_url: `${this.url}uploads/repos/${this.owner}/${this.repo}/releases/${r.id}/assets{?name,label}`,
      assets: r.assets.map((a) => this.assetJson(a)),
    };
  }

  private assetJson(a: ReleaseAsset): unknown {
    return {
      id: a.id,
      name: a.name,
      size: a.size,
      content_type: a.content_type,
      browser_download_url: `https://github.com/${this.owner}/${this.repo}/releases/download/x/${a.name}`,
    };
  }

  private assetDownload(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.headers.authorization || url.searchParams.get("sig") === null) {
      return this.json(req, res, 400, { message: "Only one auth mechanism allowed" });
    }
    const id = Number(url.pathname.split("/").at(-1));
    const asset = this.releases.flatMap((r) => r.assets).find((a) => a.id === id);
    if (!asset) return this.json(req, res, 404, { message: "Not Found" });
    this.log(req, 200);
    res.writeHead(200, { "content-type": asset.content_type, "content-length": asset.size });
    res.end(asset.data);
  }

  private async rest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req);
    if (!/^(Bearer|token) \S+/.test(req.headers.authorization ?? "")) {
      return this.json(req, res, 401, { message: "Requires authentication" });
    }
    if (this.faults.releaseForbidden) {
      return this.json(req, res, 403, {
        message: "Resource not accessible by integration",
        documentation_url: "https://docs.github.com/rest/releases/releases#create-a-release",
      });
    }
    const repoBase = `/repos/${this.owner}/${this.repo}`;
    const path = url.pathname.replace(/^\/api/, "").replace(/^\/uploads/, "");
    const m = (re: RegExp) => re.exec(path);
    let hit: RegExpExecArray | null;
    const byId = (id: string) => this.releases.find((r) => r.id === Number(id));
    if (req.method === "GET" && (hit = m(new RegExp(`^${repoBase}/releases/tags/(.+)$`)))) {
      const tag = decodeURIComponent(hit[1]!);
      // Like GitHub: drafts have no tag yet, so they are not found by tag.
      const r = this.releases.find((x) => x.tag_name === tag && !x.draft);
      return r
        ? this.json(req, res, 200, this.releaseJson(r))
        : this.json(req, res, 404, { message: "Not Found" });
    }
    if (req.method === "GET" && path === `${repoBase}/releases`) {
      return this.json(
        req,
        res,
        200,
        [...this.releases].reverse().map((r) => this.releaseJson(r)),
      );
    }
    if (req.method === "POST" && path === `${repoBase}/releases` && url.pathname.startsWith("/api/")) {
      const input = JSON.parse(body.toString("utf8")) as {
        tag_name?: string;
        name?: string;
        draft?: boolean;
      };
      if (!input.tag_name) return this.json(req, res, 422, { message: "Validation Failed" });
      const r: Release = {
        id: this.nextId++,
        tag_name: input.tag_name,
        name: input.name ?? input.tag_name,
        draft: input.draft ?? false,
        assets: [],
      };
      this.releases.push(r);
      return this.json(req, res, 201, this.releaseJson(r));
    }
    if (req.method === "PATCH" && (hit = m(new RegExp(`^${repoBase}/releases/(\\d+)$`)))) {
      const r = byId(hit[1]!);
      if (!r) return this.json(req, res, 404, { message: "Not Found" });
      const input = JSON.parse(body.toString("utf8")) as { draft?: boolean; name?: string };
      if (input.draft !== undefined) r.draft = input.draft;
      if (input.name !== undefined) r.name = input.name;
      return this.json(req, res, 200, this.releaseJson(r));
    }
    if (req.method === "GET" && (hit = m(new RegExp(`^${repoBase}/releases/(\\d+)/assets$`)))) {
      const r = byId(hit[1]!);
      if (!r) return this.json(req, res, 404, { message: "Not Found" });
      return this.json(
        req,
        res,
        200,
        r.assets.map((a) => this.assetJson(a)),
      );
    }
    if (req.method === "GET" && (hit = m(new RegExp(`^${repoBase}/releases/assets/(\\d+)$`)))) {
      const id = Number(hit[1]);
      const asset = this.releases.flatMap((r) => r.assets).find((a) => a.id === id);
      if (!asset) return this.json(req, res, 404, { message: "Not Found" });
      if (req.headers.accept !== "application/octet-stream")
        return this.json(req, res, 200, this.assetJson(asset));
      // Like GitHub: a redirect to a signed storage URL, which refuses an
      // Authorization header (the signature is the credential).
      this.log(req, 302);
      res.writeHead(302, { location: `${this.url}release-downloads/${id}?sig=x` });
      return void res.end();
    }
    if (req.method === "DELETE" && (hit = m(new RegExp(`^${repoBase}/releases/assets/(\\d+)$`)))) {
      const id = Number(hit[1]);
      for (const r of this.releases) {
        const i = r.assets.findIndex((a) => a.id === id);
        if (i >= 0) {
          r.assets.splice(i, 1);
          this.log(req, 204);
          return void res.writeHead(204).end();
        }
      }
      return this.json(req, res, 404, { message: "Not Found" });
    }
    if (
      req.method === "POST" &&
      url.pathname.startsWith("/uploads/") &&
      (hit = m(new RegExp(`^${repoBase}/releases/(\\d+)/assets$`)))
    ) {
      const r = byId(hit[1]!);
      if (!r) return this.json(req, res, 404, { message: "Not Found" });
      const name = url.searchParams.get("name") ?? "";
      if (!name)
        return this.json(req, res, 422, {
          message: "Validation Failed",
          errors: [{ field: "name", code: "missing" }],
        });
      if (r.assets.some((a) => a.name === name)) {
        return this.json(req, res, 422, {
          message: "Validation Failed",
          errors: [{ resource: "ReleaseAsset", code: "already_exists", field: "name" }],
        });
      }
      const declared = Number(req.headers["content-length"] ?? -1);
      if (declared !== body.length) return this.json(req, res, 400, { message: "Content-Length mismatch" });
      const asset: ReleaseAsset = {
        id: this.nextId++,
        name,
        content_type: String(req.headers["content-type"] ?? ""),
        size: body.length,
        data: body,
      };
      r.assets.push(asset);
      return this.json(req, res, 201, this.assetJson(asset));
    }
    return this.json(req, res, 404, { message: "Not Found" });
  }
}
