/**
 * Release publishing over the GitHub REST API with `undici`: find the tag's release (a
 * published one by tag, else a draft among the listed releases) or create a draft, upload
 * each file plus `SHA256SUMS` (deleting an asset of the same name first, so a re-run
 * replaces it), then publish the draft. A 403/404 from a write is turned into an error that
 * names the `contents: write` permission. It does not create tags or edit release notes.
 */

import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";

export interface ReleaseFile {
  readonly path: string;
  readonly sha256: string;
  /** The asset's name on the release; default the file's name. */
  readonly name?: string;
}

/**
 * The release asset name of a built file: the platform goes between the stem and the extension
 * (`Greeter-linux-x64`, `libGreeter-macos-arm64.a`, `Greeter-windows-x64.exe`), so matrix jobs on
 * different operating systems or architectures that build the same file name attach separate
 * assets instead of replacing each other's. An exe's extension is only `.exe` (a stem may hold
 * dots); other kinds always end in one.
 */
export function releaseAssetName(path: string, kind: string, os: string, arch: string): string {
  const name = basename(path);
  const ext = kind === "exe" ? (name.toLowerCase().endsWith(".exe") ? name.slice(-4) : "") : extname(name);
  const tag = [os, arch].map((p) => p.toLowerCase().replace(/[^a-z0-9_.]+/g, "_")).join("-");
  return `${name.slice(0, name.length - ext.length)}-${tag}${ext}`;
}

const assetNameOf = (f: ReleaseFile): string => f.name ?? basename(f.path);

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

/**
 * undici's `request`, imported on first use: only the release step needs undici, the other
 * steps should not load it. undici is CommonJS: bundled, a dynamic import hands back its
 * exports under `default`.
 */
async function undiciRequest(): Promise<typeof import("undici").request> {
  const mod = (await import("undici")) as typeof import("undici") & { default?: typeof import("undici") };
  return mod.request ?? mod.default!.request;
}

async function call(
  req: ReleaseRequest,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  url: string,
  body?: { json?: unknown; bytes?: Buffer; contentType?: string; accept?: string },
): Promise<{ status: number; data: unknown; location?: string }> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${req.token}`,
    accept: body?.accept ?? "application/vnd.github+json",
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
  const res = await (await undiciRequest())(url, { method, headers, body: payload });
  if (res.statusCode >= 300 && res.statusCode < 400) {
    await res.body.dump();
    const location = res.headers.location;
    return {
      status: res.statusCode,
      data: undefined,
      location: Array.isArray(location) ? location[0] : location,
    };
  }
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

/**
 * `<sha256>  <name>` lines for this run's files, plus the lines of an existing SHA256SUMS whose
 * asset is still on the release and is not replaced now: matrix jobs releasing to one tag each
 * upload their own files, and the checksum file must cover all of them, not the last job's.
 */
function sha256sums(files: readonly ReleaseFile[], previous: string, kept: ReadonlySet<string>): string {
  const lines = new Map<string, string>();
  for (const line of previous.split("\n")) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trimEnd());
    if (m && kept.has(m[2]!)) lines.set(m[2]!, m[1]!);
  }
  for (const f of files) lines.set(assetNameOf(f), f.sha256);
  return [...lines.keys()]
    .sort()
    .map((name) => `${lines.get(name)}  ${name}\n`)
    .join("");
}

/** An asset's bytes: the API redirects to signed storage, which must not get the token. */
async function downloadAsset(req: ReleaseRequest, repoUrl: string, asset: AssetJson): Promise<string> {
  const first = await call(req, "GET", `${repoUrl}/releases/assets/${asset.id}`, {
    accept: "application/octet-stream",
  });
  if (first.status === 200) return typeof first.data === "string" ? first.data : "";
  if (!first.location) fail(`download the existing ${asset.name}`, first);
  const res = await (
    await undiciRequest()
  )(first.location, { method: "GET", headers: { "user-agent": "beskid-ci-action" } });
  const text = await res.body.text();
  if (res.statusCode !== 200)
    fail(`download the existing ${asset.name}`, { status: res.statusCode, data: text });
  return text;
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
    name: assetNameOf(f),
    bytes: readFileSync(f.path),
    type: "application/octet-stream",
  }));
  const oldSums = assets.find((a) => a.name === "SHA256SUMS");
  const previous = oldSums ? await downloadAsset(req, repoUrl, oldSums) : "";
  const kept = new Set(assets.map((a) => a.name).filter((n) => n !== "SHA256SUMS"));
  const sums = sha256sums(req.files, previous, kept);
  uploads.push({ name: "SHA256SUMS", bytes: Buffer.from(sums), type: "text/plain" });
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
