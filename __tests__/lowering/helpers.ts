/**
 * Test helpers for the lowering: a Beskid program goes through the real stages — assembly
 * of its import closure (with the bundled corelib as a root), `parseFile` via assembly,
 * `analyze`, `lower` — and runs under the WebAssembly JIT (`runMain`). Nothing is mocked.
 *
 * Unit file names are relative to the program's root folder (what panics print), corelib
 * files relative to the repository.
 */

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExecutionContext } from "ava";
import { assembleImportClosure } from "../../src/assembly/index.ts";
import { analyze } from "../../src/semantics/index.ts";
import { lower, type LoweringOptions } from "../../src/lowering/index.ts";
import { runMain, runTests } from "../../src/backends/jit/index.ts";
import type { CodegenArtifact } from "../../src/artifact/schema.ts";
import { verifyArtifact } from "../../src/artifact/verify.ts";
import type { Diagnostic } from "../../src/diagnostics/index.ts";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const CORELIB = join(REPO, "corelib", "Src");
export const PROGRAMS = join(REPO, "__tests__", "fixtures", "programs");

export interface Compiled {
  readonly artifact: CodegenArtifact | undefined;
  /** Errors of assembly, parsing and analysis (the artifact is undefined when there are any). */
  readonly errors: readonly Diagnostic[];
}

/** Assembles, analyses and lowers the program whose entry file is `entry`, under `root`. */
export function compileFile(entry: string, root: string, options: LoweringOptions = {}): Compiled {
  const asm = assembleImportClosure(
    {
      roots: [
        { name: "app", path: root },
        { name: "corelib", path: CORELIB },
      ],
      entryFile: entry,
    },
    { fileName: (p) => (p.startsWith(root + "/") ? relative(root, p) : relative(REPO, p)) },
  );
  const errors = asm.diagnostics.filter((d) => d.severity === "error");
  const units = asm.value.units.map((u) => ({
    file: u.fileName,
    module: u.module,
    tree: u.tree!,
    lineIndex: u.lineIndex!,
  }));
  const res = analyze(units, { entryModuleIndex: asm.value.entryIndex, rethrowInternalErrors: true });
  errors.push(...res.diagnostics.filter((d) => d.severity === "error"));
  if (errors.length > 0) return { artifact: undefined, errors };
  return { artifact: lower(res.program, options), errors };
}

/** Writes `source` as `Main.bd` in a fresh temporary folder and compiles it. */
export function compileSource(source: string, options: LoweringOptions = {}): Compiled {
  const dir = mkdtempSync(join(tmpdir(), "beskid-lowering-"));
  const entry = join(dir, "Main.bd");
  writeFileSync(entry, source);
  return compileFile(entry, dir, options);
}

export interface Ran {
  readonly stdout: string;
  readonly stderr: string;
  readonly exit: number;
}

export async function runArtifact(artifact: CodegenArtifact): Promise<Ran> {
  const r = await runMain(artifact);
  return {
    stdout: Buffer.from(r.stdout).toString("utf8"),
    stderr: Buffer.from(r.stderr).toString("utf8"),
    exit: r.exitCode,
  };
}

function describe(errors: readonly Diagnostic[]): string {
  return errors.map((d) => `${d.code} ${d.file ?? ""}:${d.start?.line ?? 0}: ${d.message}`).join("\n");
}

/** Compiles and runs `source`; asserts stdout (exact) and the exit code (default 0), and stderr when given. */
export async function check(
  t: ExecutionContext,
  source: string,
  expected: string | { stdout?: string; exit?: number; stderr?: string },
): Promise<Ran | undefined> {
  const exp = typeof expected === "string" ? { stdout: expected } : expected;
  const c = compileSource(source);
  if (!c.artifact) {
    t.fail(`does not compile:\n${describe(c.errors)}`);
    return undefined;
  }
  t.deepEqual(verifyArtifact(c.artifact), [], "the artifact verifies");
  const r = await runArtifact(c.artifact);
  if (exp.stdout !== undefined) t.is(r.stdout, exp.stdout);
  t.is(r.exit, exp.exit ?? 0, `stderr: ${r.stderr}`);
  if (exp.stderr !== undefined) t.is(r.stderr, exp.stderr);
  return r;
}

/** Compiles `source` and runs its tests. */
export async function runSourceTests(source: string) {
  const c = compileSource(source);
  if (!c.artifact) throw new Error(`does not compile:\n${describe(c.errors)}`);
  return { artifact: c.artifact, results: await runTests(c.artifact) };
}

export { describe as describeErrors };
