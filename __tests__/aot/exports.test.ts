/**
 * `--export SYM` through the pipeline with the real C compiler: an unknown or non-`pub` symbol
 * is E4031 (naming it and the available exports) with no output, a known one narrows the
 * shared library's symbols and header and the wasm module's exports alike; E4020 names `CC`
 * in its message; a failed build into a folder it had to create leaves no folder behind.
 */

import test from "ava";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build, type BuildResult } from "../../src/pipeline/index.ts";
import { REPO, limiter, tempDir } from "./helpers.ts";

const serial = limiter(2);

function mathlib(): string {
  const dir = join(tempDir("beskid-aot-exports-"), "math lib");
  cpSync(join(REPO, "__tests__", "fixtures", "aot", "mathlib"), dir, { recursive: true });
  return dir;
}

function doBuild(
  dir: string,
  b: Parameters<typeof build>[2],
  env: Record<string, string | undefined> = process.env,
): Promise<BuildResult> {
  return serial(() => build({ cwd: dir, command: "build" }, { enabled: false }, b, env));
}

const errors = (r: BuildResult): string[] =>
  r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);

test("--export of an unknown or non-pub symbol is E4031 naming it and the available exports", async (t) => {
  const dir = mathlib();
  const out = join(dir, "out");
  for (const sym of ["Nope", "Main_Hidden", "Add"]) {
    const r = await doBuild(dir, { kinds: ["shared", "wasm"], exports: ["Main_Add", sym], output: out });
    t.false(r.ok, sym);
    t.deepEqual(errors(r), ["E4031"], sym);
    const d = r.diagnostics.find((x) => x.code === "E4031")!;
    t.true(d.message.includes(`\`${sym}\``), d.message);
    t.regex(d.help ?? "", /Main_Add, Main_Scale, Main_SumTo/);
    t.regex(d.file ?? "", /Main\.bd$/, "points at the entry file");
    t.deepEqual(r.outputs, []);
    t.false(existsSync(out), "nothing created for a failed build");
    // A pub function named by its source name is public: the message names its symbol instead.
    if (sym === "Add") t.regex(d.message, /`Add` is exported under its symbol name `Main_Add`/);
    else t.regex(d.message, /is not a `pub` function of the entry module/);
  }
});

test("--export narrows the shared library, its header and the wasm module alike", async (t) => {
  const dir = mathlib();
  const r = await doBuild(dir, { kinds: ["shared", "wasm"], exports: ["Main_Scale"] });
  t.true(r.ok, JSON.stringify(r.diagnostics));
  const header = readFileSync(r.outputs.find((o) => o.kind === "header")!.path, "utf8");
  t.regex(header, /double Main_Scale\(double, double\);/);
  t.false(header.includes("Main_Add"));
  const wasm = readFileSync(r.outputs.find((o) => o.kind === "wasm")!.path);
  const names = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
  t.true(names.includes("Main_Scale"), names.join(" "));
  t.false(names.includes("Main_Add"), names.join(" "));
  t.false(names.includes("Main_SumTo"), names.join(" "));
});

test("E4020 names CC in its message; a failed build leaves no folder it created", async (t) => {
  const dir = mathlib();
  const r = await doBuild(dir, { kinds: ["shared"] }, { CC: "/nonexistent/beskid-cc" });
  t.deepEqual(errors(r), ["E4020"]);
  t.regex(r.diagnostics[0]!.message, /`\/nonexistent\/beskid-cc` \(CC\)/);
  t.false(existsSync(join(dir, "obj")), "no empty obj/beskid/build/<target>/ left behind");
});

test("a destination that is a folder fails the build before any output is put in place", async (t) => {
  const dir = mathlib();
  const out = join(dir, "out");
  mkdirSync(join(out, "libmathlib.a", "keep"), { recursive: true });
  const r = await doBuild(dir, { kinds: ["shared", "static"], output: out });
  t.deepEqual(errors(r), ["E9002"], "the file system refused it: no compile or link failure");
  t.regex(r.diagnostics[0]!.message, /libmathlib\.a` is a folder/);
  t.deepEqual(r.outputs, []);
  t.deepEqual(readdirSync(out).sort(), ["libmathlib.a"], "no libmathlib.so or header put in place");
});
