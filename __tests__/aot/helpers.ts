/**
 * Helpers for the AOT tests: compile a Beskid program through the real stages (the lowering
 * suite's `compileFile`), build it with the real C compiler, run the result as a process,
 * and a small limiter so at most two C compiles run at once (the machine has 2 cores).
 */

import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export { compileFile, compileSource, PROGRAMS, REPO } from "../lowering/helpers.ts";

export function tempDir(prefix = "beskid-aot-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `f` when fewer than `n` others are running. */
export function limiter(n: number): <T>(f: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(f: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await f();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

export interface ProcessResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exit: number;
}

/** Runs an executable with empty standard input; resolves with its output and exit code. */
export function runProcess(file: string, args: readonly string[] = [], cwd?: string): Promise<ProcessResult> {
  return new Promise((done, fail) => {
    const p = spawn(file, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on("data", (b: Buffer) => out.push(b));
    p.stderr.on("data", (b: Buffer) => err.push(b));
    p.on("error", fail);
    p.on("close", (code, signal) =>
      done({
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        exit: code ?? (signal ? 128 : -1),
      }),
    );
  });
}
