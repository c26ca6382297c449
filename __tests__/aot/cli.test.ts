/**
 * `beskid-ci build` through the CLI's `main` (real files, real C compiler): the printed
 * outputs, `--json`, a usage error for an unknown kind, and E4020 from the caller's `CC`.
 */

import test from "ava";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main, type Io } from "../../src/cli/main.ts";
import { REPO, tempDir } from "./helpers.ts";

function io(cwd: string, env: Record<string, string | undefined> = process.env) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = {
    stdout: { write: (s: string) => void out.push(s) } as Io["stdout"],
    stderr: { write: (s: string) => void err.push(s) } as Io["stderr"],
    cwd,
    env,
    isTty: false,
  };
  return { value, out: () => out.join(""), err: () => err.join("") };
}

function app(): string {
  const dir = join(tempDir("beskid-aot-cli-"), "app");
  cpSync(join(REPO, "__tests__", "fixtures", "aot", "app"), dir, { recursive: true });
  return dir;
}

test("build prints each output with size and sha256", async (t) => {
  const dir = app();
  const o = io(dir);
  const code = await main(["build", "--kind", "exe", "--kind", "wasm", "--no-cache"], o.value);
  t.is(code, 0, o.err());
  t.regex(o.out(), /^exe +\S+\/obj\/beskid\/build\/hello\/hello {2}\d+ bytes {2}sha256:[0-9a-f]{64}\n/);
  t.regex(o.out(), /\nwasm +\S+hello\.wasm/);
  t.true(existsSync(join(dir, "obj", "beskid", "build", "hello", "hello.wasm")));
});

test("build --json, unknown kinds and a missing C compiler", async (t) => {
  const dir = app();
  const j = io(dir);
  t.is(await main(["build", "--json", "--kind", "object"], j.value), 0, j.err());
  const parsed = JSON.parse(j.out()) as { ok: boolean; outputs: { kind: string; path: string }[] };
  t.true(parsed.ok);
  t.deepEqual(
    parsed.outputs.map((x) => x.kind),
    ["object"],
  );
  const bad = io(dir);
  t.is(await main(["build", "--kind", "dll"], bad.value), 2);
  t.regex(bad.err(), /unknown output kind 'dll'/);
  const nocc = io(dir, { ...process.env, CC: "/nonexistent/cc" });
  t.is(await main(["build"], nocc.value), 1);
  t.regex(nocc.err(), /E4020/);
});

test("build: a kind given twice is built once and -o still names the file; an empty --output is a usage error", async (t) => {
  const dir = app();
  const twice = io(dir);
  t.is(
    await main(["build", "--kind", "wasm", "--kind", "wasm", "-o", "out/hello-module.wasm"], twice.value),
    0,
    twice.err(),
  );
  t.true(existsSync(join(dir, "out", "hello-module.wasm")), twice.out());
  t.is(twice.out().split("\n").filter(Boolean).length, 1, twice.out());
  const empty = io(dir);
  t.is(await main(["build", "--output", ""], empty.value), 2);
  t.regex(empty.err(), /--output/);
  t.false(existsSync(join(dir, "hello")), "nothing built into the current directory");
});

test("build: several kinds with --output naming an existing file says so", async (t) => {
  const dir = app();
  writeFileSync(join(dir, "taken"), "x");
  const o = io(dir);
  t.is(await main(["build", "--kind", "exe", "--kind", "wasm", "-o", "taken"], o.value), 1);
  t.regex(o.err(), /error\[E9002\]: output could not be written: /);
  t.regex(o.err(), /`[^`]*taken` is a file; 2 output kinds need a folder/);
  t.is(readFileSync(join(dir, "taken"), "utf8"), "x");
});
