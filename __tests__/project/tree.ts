/**
 * Test helper: writes a tree of files given as one string with `//- path` headers (STYLE.md
 * habit 12) into a fresh temporary folder, and removes it when the test ends. Real files on
 * disk, so the code under test does real discovery, reads and writes.
 */

import type { ExecutionContext } from "ava";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { realpathSync } from "node:fs";

export function writeTree(dir: string, spec: string): void {
  const parts = spec.split(/^\/\/- +/m).slice(1);
  for (const part of parts) {
    const nl = part.indexOf("\n");
    const path = part.slice(0, nl).trim();
    const body = part.slice(nl + 1);
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  }
}

/** A temporary folder (canonical path) holding `spec`, removed after the test. */
export function tree(t: ExecutionContext, spec: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "beskid-proj-")));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeTree(dir, spec);
  return dir;
}

/** A tiny fake corelib (a project named corelib with a source root) for corelib attachment. */
export const FAKE_CORELIB = `
//- corelib/Project.proj
project {
    name = "corelib"
    version = "0.0.1"
}
target "corelib" {
    kind = Lib
    entry = "Corelib.bd"
}
//- corelib/Src/Corelib.bd
pub mod Core.Output;
//- corelib/Src/Core/Output.bd
pub unit WriteLine(string s) { }
`;
