/**
 * The `build` command end to end through the pipeline with the real C compiler: default
 * kinds and names, exit codes, reproducible outputs (exe, object, static, shared, wasm),
 * libraries linked into a C program (static and shared) and loaded as WebAssembly, every
 * E40xx diagnostic, and no partial output after a failed build.
 */

import test from "ava";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type BuildResult } from "../../src/pipeline/index.ts";
import { buildArtifact } from "../../src/backends/aot/index.ts";
import { HOST_FUNCTIONS } from "../../src/runtime/host-abi.ts";
import { REPO, compileSource, limiter, runProcess, tempDir } from "./helpers.ts";

const FIXTURES = join(REPO, "__tests__", "fixtures", "aot");
const serial = limiter(2);

function project(name: string): string {
  const dir = join(tempDir("beskid-aot-build-"), name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

function doBuild(
  dir: string,
  b: Parameters<typeof build>[2],
  env: Record<string, string | undefined> = process.env,
): Promise<BuildResult> {
  return serial(() => build({ cwd: dir, command: "build" }, { enabled: false }, b, env));
}

function codes(r: BuildResult): string[] {
  return r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
}

test("an App builds an exe named after the target under obj/beskid/build/<target>/", async (t) => {
  const dir = project("app");
  const r = await doBuild(dir, {});
  t.true(r.ok, JSON.stringify(r.diagnostics));
  t.is(r.outputs.length, 1);
  const exe = r.outputs[0]!;
  t.is(exe.kind, "exe");
  t.is(exe.path, join(dir, "obj", "beskid", "build", "hello", "hello"));
  t.is(
    exe.sha256,
    (await import("node:crypto")).createHash("sha256").update(readFileSync(exe.path)).digest("hex"),
  );
  const ran = await runProcess(exe.path);
  t.is(ran.stdout, "hello from 42\n0.30000000000000004\n");
  t.is(ran.exit, 3);
});

test("outputs are byte-identical when the same artifact is built twice (exe, object, static, shared, wasm)", async (t) => {
  const app = project("app");
  const lib = project("mathlib");
  const kindsApp = ["exe", "object", "wasm"] as const;
  const kindsLib = ["static", "shared", "object", "wasm"] as const;
  const a1 = await doBuild(app, { kinds: kindsApp, output: join(app, "one") });
  const a2 = await doBuild(app, { kinds: kindsApp, output: join(app, "two") });
  const l1 = await doBuild(lib, { kinds: kindsLib, release: true, output: join(lib, "one") });
  const l2 = await doBuild(lib, { kinds: kindsLib, release: true, output: join(lib, "two") });
  for (const [x, y] of [
    [a1, a2],
    [l1, l2],
  ] as const) {
    t.true(x.ok && y.ok, JSON.stringify([...x.diagnostics, ...y.diagnostics]));
    t.is(x.outputs.length, y.outputs.length);
    x.outputs.forEach((o, i) => {
      t.is(o.kind, y.outputs[i]!.kind);
      t.is(o.sha256, y.outputs[i]!.sha256, `${o.kind} differs between two builds`);
    });
  }
  t.deepEqual(l1.outputs.map((o) => o.path.slice(join(lib, "one").length + 1)).sort(), [
    "libmathlib.a",
    "libmathlib.so",
    "mathlib.h",
    "mathlib.o",
    "mathlib.wasm",
  ]);
});

const CALLER = `#include <stdio.h>
#include "mathlib.h"
int main(void) {
  printf("%lld %g %d\\n", (long long)Main_Add(40, 2), Main_Scale(1.5, 4.0), Main_SumTo(10));
  return 0;
}
`;

test("a static library links into a C program that calls its exported functions", async (t) => {
  const lib = project("mathlib");
  const r = await doBuild(lib, { kinds: ["static"], output: join(lib, "out") + "/" });
  t.true(r.ok, JSON.stringify(r.diagnostics));
  const out = join(lib, "out");
  writeFileSync(join(out, "caller.c"), CALLER);
  const cc = await runProcess("cc", ["caller.c", "libmathlib.a", "-lm", "-o", "caller"], out);
  t.is(cc.exit, 0, cc.stderr);
  const ran = await runProcess(join(out, "caller"));
  t.is(ran.stdout, "42 6 45\n");
});

test("a shared library links into a C program that calls its exported functions", async (t) => {
  const lib = project("mathlib");
  const r = await doBuild(lib, {});
  t.true(r.ok, JSON.stringify(r.diagnostics));
  t.deepEqual(
    r.outputs.map((o) => o.kind),
    ["shared", "header"],
    "a Lib target builds a shared library (and its header) by default",
  );
  const out = join(lib, "obj", "beskid", "build", "mathlib");
  writeFileSync(join(out, "caller.c"), CALLER);
  const cc = await runProcess(
    "cc",
    ["caller.c", "-L.", "-lmathlib", "-Wl,-rpath," + out, "-o", "caller"],
    out,
  );
  t.is(cc.exit, 0, cc.stderr);
  const ran = await runProcess(join(out, "caller"));
  t.is(ran.stdout, "42 6 45\n");
});

test("the wasm output loads with Node's WebAssembly API given the documented host imports", async (t) => {
  const lib = project("mathlib");
  const r = await doBuild(lib, { kinds: ["wasm"] });
  t.true(r.ok, JSON.stringify(r.diagnostics));
  const bytes = readFileSync(r.outputs[0]!.path);
  const mod = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(mod);
  const hostNames = new Set([...Object.keys(HOST_FUNCTIONS), "fmod"]);
  for (const i of imports) t.true(i.module === "host" && hostNames.has(i.name), `${i.module}.${i.name}`);
  const host: Record<string, (...a: number[]) => unknown> = {};
  for (const i of imports) host[i.name] = () => 0;
  host.fmod = (a: number, b: number) => a % b;
  const inst = new WebAssembly.Instance(mod, { host } as WebAssembly.Imports);
  const add = inst.exports.Main_Add as (a: bigint, b: bigint) => bigint;
  const sum = inst.exports.Main_SumTo as (n: number) => number;
  t.is(add(40n, 2n), 42n);
  t.is(sum(10), 45);
  t.true(inst.exports.memory instanceof WebAssembly.Memory);
});

test("E4020: no C compiler (CC points nowhere) names CC", async (t) => {
  const dir = project("app");
  const r = await doBuild(dir, {}, { CC: "/nonexistent/cc" });
  t.false(r.ok);
  t.deepEqual(codes(r), ["E4020"]);
  t.regex(r.diagnostics.find((d) => d.code === "E4020")!.help ?? "", /CC/);
  t.deepEqual(r.outputs, []);
});

test("E4023: no archiver (AR points nowhere) names AR, not the C compiler, and leaves nothing", async (t) => {
  const dir = project("app");
  const out = join(dir, "out");
  const r = await doBuild(dir, { kinds: ["exe", "static"], output: out }, { AR: "/nonexistent/ar" });
  t.false(r.ok);
  t.deepEqual(codes(r), ["E4023"]);
  const d = r.diagnostics[0]!;
  t.regex(d.message, /^no archiver found: `\/nonexistent\/ar` \(AR\) could not be run/);
  t.notRegex(d.message, /C compiler/);
  t.regex(d.help ?? "", /AR/);
  t.deepEqual(r.outputs, []);
  t.false(existsSync(out), "the exe built before the archive failed is not put in place");
});

test("E4021: a compile failure carries the compiler's message and leaves no partial output", async (t) => {
  const dir = project("app");
  const out = join(dir, "out");
  const r = await doBuild(dir, { kinds: ["wasm", "exe"], output: out }, { CC: "cc -fno-such-flag-beskid" });
  t.false(r.ok);
  t.deepEqual(codes(r), ["E4021"]);
  t.regex(r.diagnostics[0]!.message, /no-such-flag-beskid/);
  t.deepEqual(r.outputs, []);
  // The wasm step succeeded before the C step failed: nothing of it may remain either.
  t.deepEqual(existsSync(out) ? readdirSync(out) : [], []);
});

test("E4022: C outputs on a platform without a POSIX toolchain", async (t) => {
  const c = compileSource("i32 Main() { return 0; }\n");
  const out = tempDir();
  const r = await buildArtifact(c.artifact!, { kinds: ["exe"], outDir: out, stem: "x", platform: "win32" });
  t.false(r.ok);
  t.deepEqual(
    r.diagnostics.map((d) => d.code),
    ["E4022"],
  );
  t.deepEqual(readdirSync(out), []);
});

test("E4030: an exe needs an entry point", async (t) => {
  const lib = project("mathlib");
  const r = await doBuild(lib, { kinds: ["exe"] });
  t.false(r.ok);
  t.deepEqual(codes(r), ["E4030"]);
  const r2 = await doBuild(project("app"), { kinds: ["exe"], entrypoint: "Nope" });
  t.deepEqual(codes(r2), ["E4030"]);
});

test("--output with one kind names the file itself", async (t) => {
  const dir = project("app");
  const file = join(dir, "bin", "custom-name");
  const r = await doBuild(dir, { output: file, release: true });
  t.true(r.ok, JSON.stringify(r.diagnostics));
  t.is(r.outputs[0]!.path, file);
  t.is((await runProcess(file)).exit, 3);
});

test("E9002 (not E4021) for file-system failures: a bug of ours stays an internal error, with no staging left", async (t) => {
  const c = compileSource("i32 Main() { return 0; }\n");
  const out = tempDir();
  const disk = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  const full = await buildArtifact(c.artifact!, {
    kinds: ["wasm"],
    outDir: out,
    stem: "x",
    wasm: () => {
      throw disk;
    },
  });
  t.deepEqual(
    full.diagnostics.map((d) => d.code),
    ["E9002"],
  );
  t.regex(full.diagnostics[0]!.message, /no space left/);
  const bug = new TypeError("exitTest is not a function");
  await t.throwsAsync(
    buildArtifact(c.artifact!, {
      kinds: ["wasm"],
      outDir: out,
      stem: "x",
      wasm: () => {
        throw bug;
      },
    }),
    { is: bug },
  );
  t.deepEqual(readdirSync(out), []);
});
