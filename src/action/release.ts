/**
 * Release publishing over the GitHub REST API with `undici`: find the tag's release (a
 * published one by tag, else a draft among the listed releases) or create a draft, upload
 * each file plus `SHA256SUMS` (deleting an asset of the same name first, so a re-run
 * replaces it), then publish the draft. A 403/404 from a write is turned into an error that
 * names the `contents: write` permission. It does not create tags or edit release notes.
 */

import { readFileSync } from "node:fs";
import { basename } from "node:path";

export interface ReleaseFile {
  readonly path: string;
  readonly sha256: string;
}

export interface ReleaseRequest {
  readonly apiUrl: string;
  readonly repository: string;
  readonly tag: string;
  readonly token: string;
  readonly files: readonly ReleaseFile[];
  readonly log: (message: string) => void;
}

export interface ReleaseResult {
  readonly url: string;
  readonly assets: readonly string[];
}

interface ReleaseJson {
  id: number;
  tag_name: string;
  draft: boolean;
  html_url: string;
  upload_url: string;
}

interface AssetJson {
  id: number;
  name: string;
}

export class ReleaseError extends Error {}

const PERMISSION_HINT =
  "the token cannot write releases: give the job `permissions: contents: write` (or pass a `token` that has it)";

async function call(
  req: ReleaseRequest,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  url: string,
  body?: { json?: unknown; bytes?: Buffer; contentType?: string },
): Promise<{ status: number; data: unknown }> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${req.token}`,
    accept: "application/vnd.github+json",
    "x-github-api-version": "2022-11-28",
    "user-agent": "beskid-ci-action",
  };
  let payload: string | Buffer | undefined;
  if (body?.json !== undefined) {
    payload = JSON.stringify(body.json);
    headers["content-type"] = "application/json";
  } else if (body?.bytes) {
    payload = body.bytes;
    headers["content-type"] = body.contentType ?? "application/octet-stream";
    headers["content-length"] = String(body.bytes.length);
  }
  // Imported here: only the release step needs undici, the other steps should not load it.
  // undici is CommonJS: bundled, a dynamic import hands back its exports under `default`.
  const mod = (await import("undici")) as typeof import("undici") & { default?: typeof import("undici") };
  const request = mod.request ?? mod.default!.request;
  const res = await request(url, { method, headers, body: payload });
  const text = await res.body.text();
  let data: unknown = text;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text for the error message.
  }
  return { status: res.statusCode, data };
}

function fail(what: string, r: { status: number; data: unknown }): never {
  const detail = (r.data as { message?: string } | undefined)?.message ?? String(r.data ?? "");
  if (r.status === 403 || (r.status === 404 && what !== "find the release")) {
    throw new ReleaseError(`Could not ${what} (HTTP ${r.status}: ${detail}): ${PERMISSION_HINT}.`);
  }
  throw new ReleaseError(`Could not ${what} (HTTP ${r.status}: ${detail}).`);
}

function sha256sums(files: readonly ReleaseFile[]): string {
  return files.map((f) => `${f.sha256}  ${basename(f.path)}\n`).join("");
}

export async function publishRelease(req: ReleaseRequest): Promise<ReleaseResult> {
  const repoUrl = `${req.apiUrl.replace(/\/$/, "")}/repos/${req.repository}`;
  let release: ReleaseJson | undefined;
  const byTag = await call(req, "GET", `${repoUrl}/releases/tags/${encodeURIComponent(req.tag)}`);
  if (byTag.status === 200) release = byTag.data as ReleaseJson;
  else if (byTag.status !== 404) fail("find the release", byTag);
  if (!release) {
    // Drafts are not found by tag; a re-run must reuse the draft an earlier attempt made.
    const list = await call(req, "GET", `${repoUrl}/releases?per_page=100`);
    if (list.status !== 200) fail("list releases", list);
    release = (list.data as ReleaseJson[]).find((r) => r.draft && r.tag_name === req.tag);
  }
  if (!release) {
    const created = await call(req, "POST", `${repoUrl}/releases`, {
      json: { tag_name: req.tag, name: req.tag, draft: true },
    });
    if (created.status !== 201) fail("create a draft release", created);
    release = created.data as ReleaseJson;
    req.log(`Created draft release ${release.id} for ${req.tag}.`);
  } else {
    req.log(`Using ${release.draft ? "draft " : ""}release ${release.id} for ${req.tag}.`);
  }

  const existing = await call(req, "GET", `${repoUrl}/releases/${release.id}/assets?per_page=100`);
  if (existing.status !== 200) fail("list release assets", existing);
  const assets = existing.data as AssetJson[];
  const uploadBase = release.upload_url.replace(/\{[^}]*\}$/, "");
  const uploads: { name: string; bytes: Buffer; type: string }[] = req.files.map((f) => ({
    name: basename(f.path),
    bytes: readFileSync(f.path),
    type: "application/octet-stream",
  }));
  uploads.push({ name: "SHA256SUMS", bytes: Buffer.from(sha256sums(req.files)), type: "text/plain" });
  const names = new Set<string>();
  for (const u of uploads) {
    if (names.has(u.name))
      throw new ReleaseError(`Two release assets would be named ${u.name}; rename one output.`);
    names.add(u.name);
    const old = assets.find((a) => a.name === u.name);
    if (old) {
      const del = await call(req, "DELETE", `${repoUrl}/releases/assets/${old.id}`);
      if (del.status !== 204) fail(`replace the asset ${u.name}`, del);
      req.log(`Replacing ${u.name}.`);
    }
    const up = await call(req, "POST", `${uploadBase}?name=${encodeURIComponent(u.name)}`, {
      bytes: u.bytes,
      contentType: u.type,
    });
    if (up.status !== 201) fail(`upload ${u.name}`, up);
    req.log(`Uploaded ${u.name} (${u.bytes.length} bytes).`);
  }
  if (release.draft) {
    const pub = await call(req, "PATCH", `${repoUrl}/releases/${release.id}`, { json: { draft: false } });
    if (pub.status !== 200) fail("publish the release", pub);
    release = pub.data as ReleaseJson;
  }
  return { url: release.html_url, assets: [...names] };
}
