/**
 * Runs the `beskid-ci` command in-process through `main` with captured streams, on copies of
 * sample projects in temporary folders (the pipeline writes Project.lock and obj/ there).
 */

import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ExecutionContext } from "ava";
import { main } from "../../src/cli/main.ts";

export const ROOT = resolve(import.meta.dirname, "../..");

export function copyProject(t: ExecutionContext, from: string): string {
  const dir = mkdtempSync(join(tmpdir(), "beskid-cli-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(resolve(ROOT, from), dir, { recursive: true, filter: (src) => !src.includes("/obj") });
  return dir;
}

export async function cli(cwd: string, args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: (s) => void (stderr += s) },
    cwd,
    env: { NO_COLOR: "1", ...env },
    isTty: false,
  });
  return { code, stdout, stderr };
}
