/**
 * The cache service's disk store: content-addressed blobs (`cas/<2 hex>/<sha256>`) and
 * action-cache documents (`ac/<key>`) under one data folder, with an in-memory index that
 * keeps entries in least-recently-used order and the total size, and evicts the oldest
 * entries when the total goes over the configured maximum.
 *
 * Uploads are written to `tmp/` and renamed into place, so an entry is either whole or
 * absent. On open, `tmp/` is emptied (leftovers of a killed process) and the index is
 * rebuilt from the entries' file mtimes; access times are persisted to mtimes at most once
 * per `touchIntervalMs` per entry, so LRU order survives a restart to within that interval.
 *
 * Small entries that were just read or written are also kept in memory (a bounded
 * least-recently-used set of buffers, `hotBytes`), so the common request, a GET of a small
 * blob, is answered without touching the file system. CAS bytes never change for a name;
 * an AC entry that is replaced or evicted drops its buffer in the same tick, and a read
 * that started before a replacement cannot re-insert stale bytes (it holds the old entry
 * object, which is no longer the indexed one).
 *
 * Metadata operations that change what an entry name points at (rename, unlink) are
 * synchronous on purpose: they take microseconds, and doing them in the same tick as the
 * index update keeps the index and the folder in step when many requests race on one key.
 * Reading and writing bytes is asynchronous and streamed by the server.
 *
 * One data folder belongs to one process: `lock` in the folder holds the owner's pid, and a
 * second server refuses to start while that process lives. A lock left by a dead process
 * (or naming this very pid, as after a container restart) is taken over.
 *
 * Deliberately not here: HTTP, authentication, digest checking (the server verifies uploads
 * while streaming, and entries found at start on their first read; `verified` records it).
 */

import { randomBytes } from "node:crypto";
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { AC_KEY_PATTERN, DIGEST_PATTERN } from "../pipeline/remote-cache.ts";
import { makeDirs, processAlive } from "../util/fs.ts";
import type { Logger } from "./config.ts";

export type Kind = "cas" | "ac";

/** One indexed entry. Callers get it from `use` and hand it back to `remember`. */
export interface Entry {
  readonly kind: Kind;
  readonly name: string;
  readonly size: number;
  /** When the entry's mtime was last set (ms); used to throttle persistence. */
  touchedAt: number;
  /**
   * Whether this process has checked the bytes on disk against the name (a CAS digest, an
   * AC document). Uploads are checked while streaming; entries found on disk at start are
   * checked on their first read, so bytes changed behind the server's back are never served.
   */
  verified: boolean;
  /** The entry's bytes when it is in the memory tier. */
  hot?: Buffer;
}

/** Entries larger than this are never kept in memory. */
export const HOT_ITEM_MAX = 1024 * 1024;

export interface StoreOptions {
  readonly dir: string;
  readonly maxSize: number;
  readonly clock: () => number;
  readonly logger: Logger;
  readonly touchIntervalMs: number;
  /** Budget of the in-memory tier for small entries (0 turns it off). */
  readonly hotBytes: number;
}

export interface CommitResult {
  /** False when the entry already existed (an idempotent re-PUT or a replaced AC document). */
  readonly created: boolean;
  readonly evicted: number;
}

export class DiskStore {
  private readonly entries = new Map<string, Entry>();
  private total = 0;
  /** Entries holding `hot` buffers, least recently used first. */
  private readonly hot = new Map<string, Entry>();
  private hotTotal = 0;
  private readonly tmpDir: string;

  private constructor(private readonly opts: StoreOptions) {
    this.tmpDir = join(opts.dir, "tmp");
  }

  /** Opens (creating) a data folder: cleans temporaries, rebuilds the index. */
  static open(opts: StoreOptions): DiskStore {
    const store = new DiskStore(opts);
    try {
      store.prepare();
    } catch (e) {
      store.close();
      throw e;
    }
    return store;
  }

  get bytes(): number {
    return this.total;
  }

  get count(): number {
    return this.entries.size;
  }

  countOf(kind: Kind): { entries: number; bytes: number } {
    let entries = 0;
    let bytes = 0;
    for (const e of this.entries.values()) {
      if (e.kind === kind) {
        entries++;
        bytes += e.size;
      }
    }
    return { entries, bytes };
  }

  pathOf(kind: Kind, name: string): string {
    return kind === "cas"
      ? join(this.opts.dir, "cas", name.slice(0, 2), name)
      : join(this.opts.dir, "ac", name);
  }

  /** A fresh temporary path in the data folder (same file system as the entries). */
  tempPath(): string {
    return join(this.tmpDir, `${randomBytes(8).toString("hex")}.part`);
  }

  /** Size of an entry without marking it used (HEAD). */
  peek(kind: Kind, name: string): number | undefined {
    return this.entries.get(`${kind}/${name}`)?.size;
  }

  /** Looks an entry up and marks it most recently used (in both tiers). */
  use(kind: Kind, name: string): Entry | undefined {
    const id = `${kind}/${name}`;
    const e = this.entries.get(id);
    if (!e) return undefined;
    this.entries.delete(id);
    this.entries.set(id, e);
    if (e.hot) {
      this.hot.delete(id);
      this.hot.set(id, e);
    }
    const now = this.opts.clock();
    if (now - e.touchedAt >= this.opts.touchIntervalMs) {
      e.touchedAt = now;
      try {
        const t = new Date(now);
        utimesSync(this.pathOf(kind, name), t, t);
      } catch {
        // Evicted or removed underneath us: the read will find out and report a miss.
      }
    }
    return e;
  }

  /** Keeps an entry's bytes in memory, unless it was replaced or evicted meanwhile. */
  remember(e: Entry, bytes: Buffer): void {
    const id = `${e.kind}/${e.name}`;
    if (e.hot || bytes.length > HOT_ITEM_MAX || bytes.length > this.opts.hotBytes) return;
    if (this.entries.get(id) !== e || bytes.length !== e.size) return;
    e.hot = bytes;
    this.hot.set(id, e);
    this.hotTotal += bytes.length;
    for (const [hid, h] of this.hot) {
      if (this.hotTotal <= this.opts.hotBytes) break;
      this.cool(hid, h);
    }
  }

  private cool(id: string, e: Entry): void {
    if (!e.hot) return;
    this.hotTotal -= e.hot.length;
    e.hot = undefined;
    this.hot.delete(id);
  }

  /** Bytes held by the memory tier. */
  get memoryBytes(): number {
    return this.hotTotal;
  }

  /** Drops an index entry whose file turned out to be missing. */
  forget(kind: Kind, name: string): void {
    const id = `${kind}/${name}`;
    const e = this.entries.get(id);
    if (!e) return;
    this.cool(id, e);
    this.entries.delete(id);
    this.total -= e.size;
  }

  /**
   * Removes an entry whose bytes on disk do not match its name, unless it was replaced
   * meanwhile (then the newer entry stays). Returns whether it was removed.
   */
  discard(e: Entry): boolean {
    const id = `${e.kind}/${e.name}`;
    if (this.entries.get(id) !== e) return false;
    this.forget(e.kind, e.name);
    try {
      unlinkSync(this.pathOf(e.kind, e.name));
    } catch {
      // Already gone.
    }
    return true;
  }

  /**
   * Moves a finished temporary file into place as the entry, then evicts down to the
   * maximum size (never the entry just written).
   */
  commit(kind: Kind, name: string, tmp: string, size: number, bytes?: Buffer): CommitResult {
    const id = `${kind}/${name}`;
    const path = this.pathOf(kind, name);
    const existing = this.entries.get(id);
    if (existing && kind === "cas") {
      // Same name, same bytes: keep the stored file, drop the upload.
      rmSync(tmp, { force: true });
      this.use(kind, name);
      return { created: false, evicted: 0 };
    }
    renameSync(tmp, path);
    const now = this.opts.clock();
    try {
      const t = new Date(now);
      utimesSync(path, t, t);
    } catch {
      // The mtime only orders eviction after a restart.
    }
    if (existing) {
      this.cool(id, existing);
      this.total -= existing.size;
      this.entries.delete(id);
    }
    const entry: Entry = { kind, name, size, touchedAt: now, verified: true };
    this.entries.set(id, entry);
    this.total += size;
    const evicted = this.evict(id);
    if (bytes) this.remember(entry, bytes);
    return { created: !existing, evicted };
  }

  /** Removes least-recently-used entries until the store fits; returns how many went. */
  private evict(keep: string): number {
    let evicted = 0;
    if (this.total <= this.opts.maxSize) return 0;
    for (const [id, e] of this.entries) {
      if (this.total <= this.opts.maxSize) break;
      if (id === keep) continue;
      this.cool(id, e);
      this.entries.delete(id);
      this.total -= e.size;
      try {
        unlinkSync(this.pathOf(e.kind, e.name));
      } catch {
        // Already gone.
      }
      evicted++;
    }
    if (evicted)
      this.opts.logger.info(
        `evicted ${evicted} entr${evicted === 1 ? "y" : "ies"}; store holds ${this.total} bytes`,
      );
    return evicted;
  }

  /** Releases the data folder's lock (idempotent). */
  close(): void {
    const lock = join(this.opts.dir, "lock");
    try {
      if (readFileSync(lock, "utf8").trim() === String(process.pid)) unlinkSync(lock);
    } catch {
      // Already gone.
    }
  }

  private lock(): void {
    const lock = join(this.opts.dir, "lock");
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: "wx" });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const owner = Number(readFileSync(lock, "utf8").trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
      throw new Error(
        `data folder ${this.opts.dir} is in use by process ${owner} (one server per data folder)`,
      );
    }
    this.opts.logger.warn(`taking over the data folder's lock from process ${owner || "?"}, which is gone`);
    writeFileSync(lock, `${process.pid}\n`);
  }

  private prepare(): void {
    const { dir } = this.opts;
    // Not Node's recursive mkdir: under /proc it never returns (see makeDirs).
    makeDirs(dir);
    this.lock();
    // Leftovers of a killed process: never entries, always removed.
    let leftovers = 0;
    try {
      leftovers = readdirSync(this.tmpDir).length;
    } catch {
      // No tmp/ yet: a new data folder.
    }
    rmSync(this.tmpDir, { recursive: true, force: true });
    if (leftovers)
      this.opts.logger.warn(`removed ${leftovers} unfinished upload(s) left by an earlier process`);
    mkdirSync(this.tmpDir, { recursive: true });
    mkdirSync(join(dir, "ac"), { recursive: true });
    for (let i = 0; i < 256; i++)
      mkdirSync(join(dir, "cas", i.toString(16).padStart(2, "0")), { recursive: true });

    const found: { entry: Entry; mtime: number }[] = [];
    let removed = 0;
    const consider = (kind: Kind, folder: string, name: string, valid: boolean) => {
      const path = join(folder, name);
      let st;
      try {
        st = statSync(path);
      } catch {
        return;
      }
      if (!valid || !st.isFile()) {
        // Not an entry name (e.g. a stray temporary): remove it so it is never served.
        rmSync(path, { recursive: true, force: true });
        removed++;
        return;
      }
      found.push({
        entry: { kind, name, size: st.size, touchedAt: st.mtimeMs, verified: false },
        mtime: st.mtimeMs,
      });
    };
    const acDir = join(dir, "ac");
    for (const name of readdirSync(acDir)) consider("ac", acDir, name, AC_KEY_PATTERN.test(name));
    const casDir = join(dir, "cas");
    for (const sub of readdirSync(casDir)) {
      const subDir = join(casDir, sub);
      if (!/^[0-9a-f]{2}$/.test(sub)) {
        rmSync(subDir, { recursive: true, force: true });
        removed++;
        continue;
      }
      for (const name of readdirSync(subDir))
        consider("cas", subDir, name, DIGEST_PATTERN.test(name) && name.startsWith(sub));
    }
    found.sort((a, b) => a.mtime - b.mtime);
    for (const { entry } of found) {
      this.entries.set(`${entry.kind}/${entry.name}`, entry);
      this.total += entry.size;
    }
    if (removed) this.opts.logger.warn(`removed ${removed} stray file(s) from the data folder`);
    this.evict("");
  }
}
