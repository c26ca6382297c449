/** `beskid-ci assemble` end to end through the CLI dispatcher, on copied fixture projects. */

import test, { type ExecutionContext } from "ava";
import { cpSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/main.ts";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/projects");

function fixture(t: ExecutionContext, name: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "beskid-cli-")));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

async function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(["assemble", ...args], {
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: (s) => void (stderr += s) },
    cwd,
    env,
    isTty: false,
  });
  return { code, stdout, stderr };
}

test("--json gives roots, units (module, project-relative path, sha256), mode and entry, byte-identical twice", async (t) => {
  const dir = fixture(t, "prelude");
  const env = { BESKID_CORELIB_ROOT: join(dir, "core") };
  const first = await run(join(dir, "app"), ["--json"], env);
  const second = await run(join(dir, "app"), ["--json"], env);
  t.is(first.code, 0, first.stderr);
  t.is(first.stdout, second.stdout);
  const out = JSON.parse(first.stdout);
  t.is(out.entry, "Src/Main.bd");
  t.is(out.mode, "ImportClosure");
  t.deepEqual(out.roots, [
    { name: "UsesPrelude", kind: "host", path: "Src" },
    { name: "corelib", kind: "corelib", path: "../core/Src" },
  ]);
  t.deepEqual(
    out.units.map((u: { module: string; path: string }) => [u.module, u.path]),
    [
      ["Main", "Src/Main.bd"],
      ["Core.Results", "../core/Src/Core/Results.bd"],
      ["Text.Fmt", "../core/Src/Text/Fmt.bd"],
    ],
  );
  t.regex(out.units[0].hash, /^[0-9a-f]{64}$/);
  t.deepEqual(out.diagnostics, []);
});

test("text output lists the plan and the units; --workspace-scan and --project work", async (t) => {
  const dir = fixture(t, "chain");
  const r = await run(dir, ["--project", dir], { BESKID_CORELIB_ROOT: join(dir, "Src/Lib") });
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^project {2}Chain \(Host\) {2}Project\.proj$/m);
  t.regex(r.stdout, /^mode {5}ImportClosure$/m);
  t.regex(r.stdout, /^units {4}3$/m);
  const scan = await run(dir, ["--workspace-scan", "--max-units", "2", "--json"], {
    BESKID_CORELIB_ROOT: join(dir, "Src/Lib"),
  });
  t.is(scan.code, 1);
  const out = JSON.parse(scan.stdout);
  t.is(out.mode, "WorkspaceScan");
  t.is(out.units.length, 2);
  t.deepEqual(
    out.diagnostics.map((d: { code: string }) => d.code),
    ["E3026"],
  );
});

test("errors exit 1 with coded diagnostics; --locked without a lock is E3023", async (t) => {
  const dir = fixture(t, "sibling");
  const locked = await run(dir, ["--locked"], { BESKID_CORELIB_ROOT: dir });
  t.is(locked.code, 1);
  t.regex(locked.stderr, /error\[E3023\]/);
  const target = await run(dir, ["--target", "Nope", "--json"], { BESKID_CORELIB_ROOT: dir });
  t.is(target.code, 1);
  t.deepEqual(
    JSON.parse(target.stdout).diagnostics.map((d: { code: string }) => d.code),
    ["E3005"],
  );
});

test("diagnostics name files relative to the working directory, as the other commands do", async (t) => {
  const dir = fixture(t, "missing-pubmod");
  const r = await run(dir, []);
  t.is(r.code, 1);
  t.regex(r.stderr, /^Src\/\S+\.bd:\d+:\d+: error\[E1502\]/m);
  t.notRegex(r.stderr, new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
});
