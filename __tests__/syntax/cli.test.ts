/** `beskid-ci parse`: the tree dump, JSON, diagnostics, exit codes, a missing file, usage errors. */

import test from "ava";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, {
    stdout: { write: (s: string) => void (out += s) },
    stderr: { write: (s: string) => void (err += s) },
    cwd,
    env: {},
    isTty: false,
  });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), "beskid-parse-"));
writeFileSync(join(dir, "ok.bd"), "i32 Main() { return 0; }\n");
writeFileSync(join(dir, "bad.bd"), "i32 Main() { return 0 }\n");
writeFileSync(join(dir, "warn.bd"), "i32 Main() { return 0; }\n/// orphan\n");
writeFileSync(
  join(dir, "latin1.bd"),
  Buffer.from([0x69, 0x33, 0x32, 0x20, 0x4d, 0x28, 0x29, 0x20, 0x3b, 0x22, 0xe9, 0x22]),
);

test("prints the S-expression dump and exits 0", async (t) => {
  const r = await run(["parse", "ok.bd"], dir);
  t.is(r.code, 0);
  t.true(r.out.startsWith('(SourceFile 0..25 file="ok.bd"'));
  t.true(r.out.includes("(Return 13..22 value: (IntLit 20..21 0 radix=10))"));
  t.is(r.err, "");
});

test("warnings are reported but do not fail", async (t) => {
  const r = await run(["parse", "warn.bd"], dir);
  t.is(r.code, 0);
  t.true(r.err.includes("warning[W0110]"));
});

test("syntax errors are rendered with their code and position; exit 1", async (t) => {
  const r = await run(["parse", "bad.bd"], dir);
  t.is(r.code, 1);
  t.is(r.out, "");
  t.true(r.err.includes("bad.bd:1:23: error[E0101]"));
});

test("--json prints one document with the tree and the diagnostics", async (t) => {
  const ok = JSON.parse((await run(["parse", "ok.bd", "--json"], dir)).out);
  t.is(ok.ok, true);
  t.is(ok.tree.kind, "SourceFile");
  t.is(ok.tree.items[0].kind, "Function");
  const bad = await run(["parse", "bad.bd", "--json"], dir);
  t.is(bad.code, 1);
  const doc = JSON.parse(bad.out);
  t.is(doc.ok, false);
  t.is(doc.diagnostics[0].code, "E0101");
});

test("invalid UTF-8 is E0007", async (t) => {
  const r = await run(["parse", "latin1.bd"], dir);
  t.is(r.code, 1);
  t.true(r.err.includes("error[E0007]"));
});

test("a missing file is E9001, not a stack trace", async (t) => {
  const r = await run(["parse", "nope.bd"], dir);
  t.is(r.code, 1);
  t.true(r.err.includes("error[E9001]"));
  t.false(r.err.includes("    at "));
});

test("usage errors exit 2", async (t) => {
  t.is((await run(["parse"], dir)).code, 2);
  t.is((await run(["parse", "a.bd", "b.bd"], dir)).code, 2);
  t.is((await run(["parse", "--bogus", "ok.bd"], dir)).code, 2);
});
