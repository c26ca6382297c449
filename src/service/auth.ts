/**
 * Bearer-token authentication for the cache service: the tokens file format, and the
 * decision for one request (allowed, 401 or 403).
 *
 * Tokens file: one token a line, `<rights> <token> [name]`, where rights is `r`/`read` or
 * `rw`/`read-write`; blank lines and lines starting with `#` are ignored. The optional name
 * is what logs show; the token itself is kept only as its SHA-256 and never logged.
 *
 * Comparison is constant-time: the presented token is hashed and compared with every known
 * hash through `timingSafeEqual`, without stopping at the first match, so neither the
 * position of a match nor a common prefix shows in the response time.
 *
 * Deliberately not here: reloading the file while serving (restart the service to rotate).
 */

import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync, statSync } from "node:fs";

export type Rights = "read" | "read-write";

export interface TokenEntry {
  readonly rights: Rights;
  /** SHA-256 of the token (32 bytes). */
  readonly hash: Buffer;
  /** Shown in logs instead of the token. */
  readonly name: string;
}

export type TokensParse =
  | { readonly ok: true; readonly tokens: readonly TokenEntry[]; readonly warning?: string }
  | { readonly ok: false; readonly error: string };

const MIN_TOKEN_LENGTH = 16;

function hashToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

/** Parses a tokens file's text. Errors name the line, never the token. */
export function parseTokens(text: string): TokensParse {
  const tokens: TokenEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    const parts = line.split(/\s+/);
    if (parts.length < 2 || parts.length > 3) {
      return { ok: false, error: `line ${i + 1}: expected '<r|rw> <token> [name]'` };
    }
    const [r, token, name] = parts as [string, string, string | undefined];
    const rights: Rights | undefined =
      r === "r" || r === "read" ? "read" : r === "rw" || r === "read-write" ? "read-write" : undefined;
    if (!rights) return { ok: false, error: `line ${i + 1}: rights must be 'r' or 'rw'` };
    if (token.length < MIN_TOKEN_LENGTH) {
      return { ok: false, error: `line ${i + 1}: a token must have at least ${MIN_TOKEN_LENGTH} characters` };
    }
    tokens.push({ rights, hash: hashToken(token), name: name ?? `token-line-${i + 1}` });
  }
  return { ok: true, tokens };
}

/** Reads and parses a tokens file. */
export function loadTokensFile(path: string): TokensParse {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return {
      ok: false,
      error: `cannot read tokens file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    };
  }
  const parsed = parseTokens(text);
  if (!parsed.ok) return parsed;
  let mode = 0;
  try {
    mode = statSync(path).mode;
  } catch {
    // Read a moment ago; a vanished file changes nothing about the tokens now in memory.
  }
  // Secrets readable by other users of the machine deserve a warning, not a refusal
  // (a mounted Kubernetes/Docker secret may carry any mode).
  if (mode & 0o077) {
    return {
      ...parsed,
      warning: `tokens file is readable by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it`,
    };
  }
  return parsed;
}

/** Finds the token's entry, comparing against every entry in constant time. */
export function findToken(tokens: readonly TokenEntry[], presented: string): TokenEntry | undefined {
  const h = hashToken(presented);
  let found: TokenEntry | undefined;
  for (const t of tokens) {
    // No early exit: every entry is compared whatever the outcome.
    if (timingSafeEqual(t.hash, h) && !found) found = t;
  }
  return found;
}

export type AuthDecision =
  | { readonly allowed: true; readonly who: string }
  | { readonly allowed: false; readonly status: 401 | 403; readonly message: string };

export interface AuthPolicy {
  readonly tokens?: readonly TokenEntry[];
  readonly readOnly: boolean;
  readonly allowAnonymousReads: boolean;
}

/**
 * Decides one request. 401: no credentials or unknown credentials (the client should
 * authenticate); 403: the credentials are fine but may not do this (a read token writing,
 * any write on a read-only server).
 */
export function authorize(
  policy: AuthPolicy,
  authorization: string | undefined,
  write: boolean,
): AuthDecision {
  let who = "anonymous";
  let rights: Rights | undefined;
  if (authorization !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!m)
      return {
        allowed: false,
        status: 401,
        message: "malformed Authorization header (expected 'Bearer <token>')",
      };
    if (policy.tokens) {
      const entry = findToken(policy.tokens, m[1]!);
      if (!entry) return { allowed: false, status: 401, message: "unknown token" };
      who = entry.name;
      rights = entry.rights;
    }
  }
  if (!policy.tokens) {
    // Authentication is off: everyone may read and write (unless read-only).
    if (write && policy.readOnly) return { allowed: false, status: 403, message: "the server is read-only" };
    return { allowed: true, who };
  }
  if (rights === undefined) {
    if (!write && policy.allowAnonymousReads) return { allowed: true, who };
    return { allowed: false, status: 401, message: "a bearer token is required" };
  }
  if (write) {
    if (policy.readOnly) return { allowed: false, status: 403, message: "the server is read-only" };
    if (rights !== "read-write") return { allowed: false, status: 403, message: "this token may only read" };
  }
  return { allowed: true, who };
}
