/**
 * Configuration of the cache service: the resolved shape the server core receives, its
 * defaults, and the parsers for sizes. The `serve` command builds a `ServiceConfig` from
 * flags and environment variables; nothing here reads `process.env` or the command line.
 */

import type { TokenEntry } from "./auth.ts";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** One line per request; only called when request logging is on. */
  debug?(message: string): void;
}

export interface ServiceConfig {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly dataDir: string;
  /** The store (CAS + AC bytes) is kept under this by least-recently-used eviction. */
  readonly maxSize: number;
  /** Largest accepted upload; bigger ones get 413. */
  readonly maxBlobSize: number;
  /**
   * Parsed tokens. `undefined` means no tokens file: authentication is off and everyone may
   * read and write (local use, tests). An empty list means nobody may write.
   */
  readonly tokens?: readonly TokenEntry[];
  readonly readOnly: boolean;
  readonly allowAnonymousReads: boolean;
  /** Milliseconds since the epoch; injected so tests can control access times. */
  readonly clock?: () => number;
  readonly logger?: Logger;
  /** How long shutdown waits for in-flight requests before cutting connections (default 30 s). */
  readonly shutdownGraceMs?: number;
  /** Reported by `/status`; defaults to the toolchain version. */
  readonly version?: string;
  /** Budget for keeping small entries in memory (default 64 MiB; 0 turns it off). */
  readonly memoryCacheSize?: number;
  /** Access times are persisted to file mtimes at most this often per entry (default 60 s). */
  readonly touchIntervalMs?: number;
}

export const DEFAULTS = {
  host: "127.0.0.1",
  port: 8080,
  dataDir: "./beskid-cache",
  maxSize: 10 * 1024 ** 3,
  maxBlobSize: 1024 ** 3,
} as const;

const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

/** Parses `1073741824`, `512M`, `10GiB`, `1.5g` (binary units). `undefined` when malformed. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = UNITS[m[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  const n = Math.floor(Number(m[1]) * unit);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Parses a TCP port (0..65535). */
export function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n <= 65535 ? n : undefined;
}
