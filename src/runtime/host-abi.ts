/**
 * The host surface: the few primitive functions each backend provides to the runtime (the
 * JIT as WebAssembly imports from module `host`, the AOT backend as C functions named
 * `beskid_host_<name>`). Everything else in the runtime is IR, shared by both backends.
 *
 * In the runtime's IR a host function is an extern with contract `HOST_CONTRACT`. Pointers
 * and lengths are i32 heap addresses and byte counts. Host functions that produce bytes of
 * unknown length (environment, files, cwd, float text) return the length and keep the bytes
 * as the instance's *pending result*; the runtime allocates and calls `take(dst)` to copy
 * them. This module only declares; docs/runtime.md specifies each function exactly.
 */

import type { FuncType } from "../artifact/index.ts";

export const HOST_CONTRACT = "__host";
export const HOST_LIBRARY = "host";

function t(params: FuncType["params"], result: FuncType["result"]): FuncType {
  return { params, result };
}

export const HOST_FUNCTIONS = {
  /** (fd, ptr, len) → bytes written, or -1. fd is 1 or 2 (the runtime checks). */
  write: t(["i32", "i32", "i32"], "i32"),
  /** (fd, ptr, max) → bytes read (≥ 1), 0 at end of input or on error. Blocks for ≥ 1 byte. */
  read: t(["i32", "i32", "i32"], "i32"),
  /**
   * (fd) → 1 when the next `read` gives the end of input, else 0. Peeks: waits for one byte
   * like `read` but keeps it for the next `read`.
   */
  read_at_end: t(["i32"], "i32"),
  /**
   * (fd) → length of the next line of stdin, without its "\n" and one trailing "\r", made
   * pending for `take`; -1 at the end of input or on error (nothing left to read).
   */
  read_line: t(["i32"], "i32"),
  /** (code) ends the program after flushing output; never returns. */
  exit: t(["i32"], null),
  /** (msgPtr, msgLen, loc) reports a panic (docs/runtime.md) and ends the program with 101. */
  panic: t(["i32", "i32", "i32"], null),
  /** () → nanoseconds since the Unix epoch. */
  clock_realtime: t([], "i64"),
  /** () → monotonic nanoseconds. */
  clock_monotonic: t([], "i64"),
  /** (namePtr, nameLen) → pending length of the value, or -1 when unset. */
  env_get: t(["i32", "i32"], "i32"),
  /** (namePtr, nameLen, valuePtr, valueLen) → 0 ok, else non-zero. */
  env_set: t(["i32", "i32", "i32", "i32"], "i32"),
  /** () → pending length of the current directory. */
  getcwd: t([], "i32"),
  /** (dst) copies the pending result to dst and clears it. */
  take: t(["i32"], null),
  /** (pathPtr, pathLen) → pending length of the file contents, or -1. */
  fs_read: t(["i32", "i32"], "i32"),
  /** (pathPtr, pathLen, dataPtr, dataLen) → 0 ok. */
  fs_write: t(["i32", "i32", "i32", "i32"], "i32"),
  /** (pathPtr, pathLen) → 0 ok. Deletes a file or an empty directory. */
  fs_delete: t(["i32", "i32"], "i32"),
  /** (pathPtr, pathLen) → 0 ok (also when it exists as a directory). Creates parents. */
  fs_mkdir: t(["i32", "i32"], "i32"),
  /** (pathPtr, pathLen) → 1 exists, 0 not. */
  fs_exists: t(["i32", "i32"], "i32"),
  /** () → process id. */
  getpid: t([], "i32"),
  /** (fd) → columns*65536 + rows, 0 when unknown. */
  tty_winsize: t(["i32"], "i64"),
  /** (value) → pending length of the shortest round-trip text of an f64 (docs/runtime.md). */
  format_f64: t(["f64"], "i32"),
  /** (value) → pending length of the shortest round-trip text of an f32. */
  format_f32: t(["f32"], "i32"),
} as const satisfies Record<string, FuncType>;

export type HostName = keyof typeof HOST_FUNCTIONS;
export const HOST_NAMES = Object.keys(HOST_FUNCTIONS) as HostName[];

/**
 * Extern-contract functions the JIT maps to host implementations (LANGUAGE.md §5.16, D17);
 * any other reachable extern is E4040 under the JIT.
 */
export const JIT_MAPPED_EXTERNS: Readonly<Record<string, FuncType>> = {
  getpid: t([], "i32"),
  isatty: t(["i32"], "i32"),
  sched_yield: t([], "i32"),
};
