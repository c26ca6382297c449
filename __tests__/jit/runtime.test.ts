/**
 * The runtime as a whole: it implements every catalog entry and every tier-R intrinsic of
 * LANGUAGE.md §6, verifies as IR, links deterministically, the emitted wasm is identical for
 * the same artifact, and the test worker still works from an esbuild bundle (its code is
 * shipped to the worker as source text, so it must not depend on module scope).
 */

import test from "ava";
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  ArtifactBuilder,
  RUNTIME_FUNCTIONS,
  dumpArtifact,
  verifyArtifact,
} from "../../src/artifact/index.ts";
import { compileArtifact, prepareArtifact } from "../../src/backends/jit/index.ts";
import { linkRuntime, runtimeModule } from "../../src/runtime/link.ts";
import { HOST_FUNCTIONS } from "../../src/runtime/host-abi.ts";
import { program } from "./helpers.ts";
import { ir } from "../../src/artifact/index.ts";

/** Tier R of LANGUAGE.md §6: a first implementation must provide these. */
const TIER_R = [
  "__panic_str",
  "__str_len",
  "__str_slice",
  "__str_eq",
  "__str_from_bytes_utf8",
  "__array_len",
  "__bytes_get",
  "__bytes_compare",
  "__bytes_copy",
  "__syscall_write",
  "__syscall_write_bytes",
  "__syscall_read",
  "__syscall_read_bytes",
  "__fs_read_text",
  "__fs_write_text",
  "__fs_delete",
  "__fs_mkdir",
  "__fs_exists",
  "__env_get",
  "__env_set",
  "__env_getcwd",
  "__process_getpid",
  "__process_exit",
  "__clock_realtime_nanos",
  "__clock_monotonic_nanos",
  "__tty_winsize",
];

test("the runtime implements the whole catalog and verifies", (t) => {
  const rt = runtimeModule();
  for (const name of Object.keys(RUNTIME_FUNCTIONS)) t.true(rt.functions.has(name), name);
  t.deepEqual(verifyArtifact(rt.artifact), []);
  const provided = new Set<string | undefined>(
    Object.values(RUNTIME_FUNCTIONS).map((f) => ("intrinsic" in f ? f.intrinsic : undefined)),
  );
  // __array_new is lowered to rt.array_new with the element layout; everything else by name.
  for (const name of TIER_R) t.true(provided.has(name), `${name} has a runtime function`);
  // The runtime calls only host functions that exist.
  for (const x of rt.artifact.externs) t.true(x.name in HOST_FUNCTIONS, x.name);
});

test("the runtime's IR is stable (golden dump; bless with `npx ava -u`)", (t) => {
  t.snapshot(dumpArtifact(runtimeModule().artifact));
});

test("linking and emitting are deterministic", (t) => {
  const a = program((b, p) => [p.str(b.string("same bytes")), p.i64(ir.i64(42))]);
  t.deepEqual(compileArtifact(a), compileArtifact(a));
  const l1 = linkRuntime(a);
  const l2 = linkRuntime(a);
  t.is(dumpArtifact(l1.artifact), dumpArtifact(l2.artifact));
  t.is(l1.heapBase % 8, 0);
  t.true(l1.dataAddresses.every((x, i) => i === 0 || x > l1.dataAddresses[i - 1]!));
});

test("the test worker runs from an esbuild bundle (minified)", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-jit-bundle-"));
  try {
    const root = resolve(".");
    const entry = join(dir, "entry.ts");
    writeFileSync(
      entry,
      `import { ArtifactBuilder, ir } from ${JSON.stringify(join(root, "src/artifact/index.ts"))};
import { runTests } from ${JSON.stringify(join(root, "src/backends/jit/index.ts"))};
const b = new ArtifactBuilder();
const ok = b.func("ok", [], null, () => [ir.exec(ir.rt("syscall_write", [ir.i64(1), ir.rt("str_from_f32", [ir.f32(0.1)])]))]);
const bad = b.func("bad", [], null, () => [ir.exec(ir.rt("panic", [b.string("bad"), ir.i32(b.loc("a.bd", 2, 3))]))]);
for (const [n, f] of [["A", ok], ["B", bad]]) b.test({ qualifiedName: n, name: n, group: null, tags: [], skip: null, file: "a.bd", line: 1, column: 1, func: f });
const r = await runTests(b.finish());
process.stdout.write(JSON.stringify(r.map((x) => [x.outcome, x.reason ?? x.stdout])));
`,
    );
    const out = join(dir, "out.mjs");
    await build({
      entryPoints: [entry],
      outfile: out,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "esm",
      minify: true,
      logLevel: "silent",
    });
    const printed = execFileSync(process.execPath, [out], { encoding: "utf8" });
    t.deepEqual(JSON.parse(printed), [
      ["passed", "0.1"],
      ["failed", "bad (at a.bd:2:3)"],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a plain instance of the emitted module starts initialised (start function), as a standalone .wasm would", (t) => {
  const b = new ArtifactBuilder();
  const lit = b.string("standalone");
  const g = b.global("answer", "i64", 42n);
  b.entryPoint(
    "main",
    b.func("main", [], "i32", () => [ir.ret(lit)]),
  );
  b.export(
    "beskid_answer",
    b.func("answer", [], "i64", () => [ir.ret(ir.gget(g))]),
  );
  const wasm = compileArtifact(b.finish()) as Uint8Array<ArrayBuffer>;
  const module = new WebAssembly.Module(wasm);
  const imports: Record<string, Record<string, () => number>> = {};
  for (const i of WebAssembly.Module.imports(module)) (imports[i.module] ??= {})[i.name] = () => 0;
  const inst = new WebAssembly.Instance(module, imports);
  const addr = (inst.exports.f0 as () => number)();
  const mem = new Uint8Array((inst.exports.memory as WebAssembly.Memory).buffer);
  const len = new DataView(mem.buffer).getInt32(addr + 4, true);
  t.is(new TextDecoder().decode(mem.subarray(addr + 8, addr + 8 + len)), "standalone");
  t.is((inst.exports.beskid_answer as () => bigint)(), 42n);
  t.deepEqual(
    WebAssembly.Module.exports(module).map((e) => e.name),
    ["memory", "f0", "run_test", "reset", "beskid_answer"],
  );
});

test("an invalid artifact is an internal error that names the verifier's findings", (t) => {
  const b = new ArtifactBuilder();
  b.entryPoint(
    "main",
    b.func("main", [], "i32", () => [ir.ret(ir.i64(1))]),
  );
  const e = t.throws(() => prepareArtifact(b.finish()));
  t.regex(
    e?.message ?? "",
    /internal error: the JIT cannot compile this artifact .*function 0 main: return: expected i32, found i64/,
  );
});
