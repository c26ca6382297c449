/**
 * The host surface under the JIT: standard streams (captured, to real file descriptors, and
 * stdin), environment, files in a temporary folder, process exit, entry points and exit
 * codes, traps (stack overflow, unreachable), and the E4030/E4040 diagnostics.
 */

import test from "ava";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, openSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ArtifactBuilder, ir, LAYOUT } from "../../src/artifact/index.ts";
import { runMain } from "../../src/backends/jit/index.ts";
import { FILE, program, run } from "./helpers.ts";

const { i32, i64, bin } = ir;

test("stdout and stderr are separate; other fds are refused", async (t) => {
  const a = program((b, p) => [
    ir.exec(ir.rt("syscall_write", [i64(1), b.string("out ")])),
    ir.exec(ir.rt("syscall_write", [i64(2), b.string("err")])),
    p.i64(ir.rt("syscall_write", [i64(3), b.string("nowhere")])),
  ]);
  const r = await run(a);
  t.is(r.out, "out -1\n");
  t.is(r.err, "err");
});

test("stdin is read in chunks until its end, as strings and as bytes", async (t) => {
  // Echo stdin in chunks of at most 4 bytes, each chunk on its own line; then one read_bytes.
  const a = program((_b, p, f) => {
    const s = f.local("i32");
    const L = f.label();
    const B = f.label();
    return [
      ir.block(B, [
        ir.loop(L, [
          ir.set(s, ir.rt("syscall_read", [i64(0), i64(4)])),
          ir.if(bin("i64.eq", ir.rt("str_len", [ir.get(s)]), i64(0)), [ir.br(B)]),
          p.str(ir.get(s)),
        ]),
      ]),
      p.i64(ir.rt("array_len", [ir.rt("syscall_read_bytes", [i64(0), i64(10)])])),
      p.i64(ir.rt("str_len", [ir.rt("syscall_read", [i64(5), i64(10)])])),
    ];
  });
  const r = await run(a, { stdin: new TextEncoder().encode("hello wörld") });
  t.is(r.exitCode, 0, r.err);
  // 12 bytes in chunks of 4: the chunk boundary splits "ö" (c3 b6); strings are bytes.
  const input = new TextEncoder().encode("hello wörld");
  const expected = [
    ...input.subarray(0, 4),
    10,
    ...input.subarray(4, 8),
    10,
    ...input.subarray(8),
    10,
    48,
    10,
    48,
    10,
  ];
  t.deepEqual([...r.stdout], expected);
});

test("reads leave the heap consistent (later allocations are zeroed)", async (t) => {
  const a = program((_b, p, f) => {
    const arr = f.local("i32");
    return [
      ir.exec(ir.rt("syscall_read", [i64(0), i64(1000)])),
      ir.set(arr, ir.rt("array_new", [i32(LAYOUT.array64), i32(8), i64(100), i32(-1)])),
      p.i64(ir.load("i64.load", ir.elem(ir.get(arr), i64(50), 8))),
    ];
  });
  const r = await run(a, { stdin: new Uint8Array(500).fill(0x41) });
  t.is(r.out, "0\n");
});

test("output to real file descriptors keeps the order across both streams", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-jit-io-"));
  try {
    const path = join(dir, "both.txt");
    const fd = openSync(path, "w");
    const a = program((b) => [
      ir.exec(ir.rt("syscall_write", [i64(1), b.string("1")])),
      ir.exec(ir.rt("syscall_write", [i64(2), b.string("2")])),
      ir.exec(ir.rt("syscall_write", [i64(1), b.string("3")])),
    ]);
    const r = await runMain(a, { stdout: fd, stderr: fd });
    closeSync(fd);
    t.is(r.exitCode, 0);
    t.is(readFileSync(path, "utf8"), "123");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("environment: reads the given env, writes stay in the run", async (t) => {
  const a = program((b, p) => [
    p.str(ir.rt("env_get", [b.string("GREETING")])),
    p.i64(ir.rt("str_len", [ir.rt("env_get", [b.string("MISSING")])])),
    p.i64(ir.rt("env_set", [b.string("MISSING"), b.string("now set")])),
    p.str(ir.rt("env_get", [b.string("MISSING")])),
    p.str(ir.rt("env_getcwd", [])),
  ]);
  const env = { GREETING: "hi there" };
  const r = await run(a, { env, cwd: "/some/where" });
  t.is(r.out, "hi there\n0\n0\nnow set\n/some/where\n");
  t.deepEqual(env, { GREETING: "hi there" });
});

test("files: write, read, exists, mkdir with parents, delete — relative to cwd", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-jit-fs-"));
  try {
    writeFileSync(join(dir, "given.txt"), "from the test");
    const a = program((b, p) => [
      p.str(ir.rt("fs_read_text", [b.string("given.txt")])),
      p.i64(ir.rt("str_len", [ir.rt("fs_read_text", [b.string("missing.txt")])])),
      p.i64(ir.rt("fs_mkdir", [b.string("a/b/c")])),
      p.i64(ir.rt("fs_mkdir", [b.string("a/b/c")])),
      p.i64(ir.rt("fs_write_text", [b.string("a/b/c/out.txt"), b.string("written ✓")])),
      p.i64(ir.rt("fs_exists", [b.string("a/b/c/out.txt")])),
      p.str(ir.rt("fs_read_text", [b.string("a/b/c/out.txt")])),
      p.i64(ir.rt("fs_delete", [b.string("given.txt")])),
      p.i64(ir.rt("fs_exists", [b.string("given.txt")])),
      p.i64(ir.rt("fs_delete", [b.string("given.txt")])),
      p.i64(ir.rt("fs_write_text", [b.string("no/such/dir/x.txt"), b.string("x")])),
    ]);
    const r = await run(a, { cwd: dir });
    t.is(r.out, "from the test\n0\n0\n0\n0\n1\nwritten ✓\n0\n0\n1\n1\n");
    t.is(readFileSync(join(dir, "a/b/c/out.txt"), "utf8"), "written ✓");
    t.false(existsSync(join(dir, "given.txt")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Node's recursive mkdir never returns where every mkdir answers ENOENT (under /proc): the host
// creates the missing folders one by one (util/fs.ts makeDirs), so the program sees a failure.
test("mkdir under /proc fails instead of hanging", async (t) => {
  if (!existsSync("/proc/self")) return t.pass("no /proc here");
  const a = program((b, p) => [p.i64(ir.rt("fs_mkdir", [b.string("/proc/beskid-no-such/dir")]))]);
  t.is((await run(a)).out, "1\n");
});

test("clocks move forward; pid, tty and fiber stand-ins answer", async (t) => {
  const a = program((_b, p) => [
    p.i32(bin("i64.gt_s", ir.rt("clock_realtime_nanos", []), i64(1_600_000_000_000_000_000n))),
    p.i32(bin("i64.gt_s", ir.rt("clock_monotonic_nanos", []), i64(0))),
    p.i32(bin("i32.eq", ir.rt("process_getpid", []), i32(process.pid))),
    p.i64(ir.rt("tty_winsize", [i64(1)])),
    p.i64(ir.rt("fiber_processor_count", [])),
    ir.exec(ir.rt("fiber_yield", [])),
    p.i32(bin("i64.ge_s", ir.rt("fiber_now_millis", []), i64(0))),
  ]);
  const r = await run(a);
  t.is(r.out, "1\n1\n1\n0\n1\n1\n");
});

test("the result of main is the exit code modulo 256; unit main exits 0", async (t) => {
  for (const [value, code] of [
    [0, 0],
    [3, 3],
    [256 + 7, 7],
    [-1, 255],
  ] as const) {
    const b = new ArtifactBuilder();
    const m = b.func("main", [], "i64", () => [ir.ret(i64(value))]);
    b.entryPoint("main", m);
    t.is((await runMain(b.finish())).exitCode, code, `main returning ${value}`);
  }
  const b = new ArtifactBuilder();
  b.entryPoint(
    "Main",
    b.func("Main", [], null, () => []),
  );
  t.is((await runMain(b.finish())).exitCode, 0);
});

test("process exit flushes output and ends with its code", async (t) => {
  const a = program((b) => [
    ir.exec(ir.rt("syscall_write", [i64(1), b.string("bye")])),
    ir.exec(ir.rt("process_exit", [i32(7)])),
    ir.exec(ir.rt("syscall_write", [i64(1), b.string(" never")])),
  ]);
  const r = await run(a);
  t.is(r.exitCode, 7);
  t.is(r.out, "bye");
});

test("--entrypoint selects another zero-parameter function; a missing one is E4030", async (t) => {
  const b = new ArtifactBuilder();
  b.entryPoint(
    "main",
    b.func("main", [], "i32", () => [ir.ret(i32(1))]),
  );
  b.entryPoint(
    "start",
    b.func("start", [], "i32", () => [ir.ret(i32(2))]),
    false,
  );
  const a = b.finish();
  t.is((await runMain(a)).exitCode, 1);
  t.is((await runMain(a, { entrypoint: "start" })).exitCode, 2);
  const missing = await runMain(a, { entrypoint: "nope" });
  t.is(missing.diagnostics[0]?.code, "E4030");
  const none = await runMain(new ArtifactBuilder().finish());
  t.is(none.diagnostics[0]?.code, "E4030");
});

test("a reachable unmapped extern is E4040 and the program does not start; mapped ones work", async (t) => {
  const b = new ArtifactBuilder();
  const create = b.extern({
    contract: "LinuxPthread",
    name: "pthread_create",
    library: "libc.so.6",
    type: { params: ["i64", "i64", "i64", "i64"], result: "i32" },
  });
  const yieldX = b.extern({
    contract: "LinuxPthread",
    name: "sched_yield",
    library: "libc.so.6",
    type: { params: [], result: "i32" },
  });
  const pid = b.extern({
    contract: "Libc",
    name: "getpid",
    library: "libc.so.6",
    type: { params: [], result: "i32" },
  });
  const spawn = b.func("spawn", [], "i32", () => [
    ir.ret(ir.callExtern(create, [i64(0), i64(0), i64(0), i64(0)], b.loc(FILE, 7, 3))),
  ]);
  const out = b.func("out", ["i32"], null, (f) => [
    ir.exec(ir.rt("syscall_write", [i64(1), ir.rt("str_from_i32", [f.param(0)])])),
  ]);
  b.entryPoint(
    "main",
    b.func("main", [], "i32", () => [ir.exec(ir.call(spawn, [])), ir.ret(i32(0))]),
  );
  b.entryPoint(
    "ok",
    b.func("ok", [], "i32", () => [
      ir.exec(ir.call(out, [ir.callExtern(yieldX, [])])),
      ir.exec(ir.call(out, [bin("i32.eq", ir.callExtern(pid, []), i32(process.pid))])),
      ir.ret(i32(0)),
    ]),
    false,
  );
  const a = b.finish();
  const bad = await runMain(a);
  t.is(bad.diagnostics.length, 1);
  t.is(bad.diagnostics[0]!.code, "E4040");
  t.regex(bad.diagnostics[0]!.message, /LinuxPthread\.pthread_create \(library libc\.so\.6\)/);
  // It points at the call that reaches the extern.
  t.is(bad.diagnostics[0]!.file, FILE);
  t.deepEqual(bad.diagnostics[0]!.start, { line: 7, column: 3 });
  const good = await runMain(a, { entrypoint: "ok" });
  t.is(new TextDecoder().decode(good.stdout), "01");
});

test("runaway recursion is a stack overflow panic, not a crash", async (t) => {
  const b = new ArtifactBuilder();
  const at = b.loc(FILE, 5, 12);
  const rec = b.declare("recurse", ["i64"], "i64");
  b.define(rec, (f) => [
    ir.ret(bin("i64.add", ir.call(rec, [bin("i64.add", f.param(0), i64(1))], at), i64(1))),
  ]);
  b.entryPoint(
    "main",
    b.func("main", [], "i32", () => [ir.exec(ir.call(rec, [i64(0)])), ir.ret(i32(0))]),
  );
  const r = await runMain(b.finish());
  t.is(r.exitCode, 101);
  t.is(r.panic?.message, "stack overflow");
  t.is(r.panic?.line, 5);
});

test("reaching unreachable code is a panic with the statement's location", async (t) => {
  const a = program((b) => [ir.unreachable(b.loc(FILE, 8, 3))]);
  const r = await run(a);
  t.is(r.exitCode, 101);
  t.is(r.err, `panic at ${FILE}:8:3: unreachable code reached\n`);
});

test("panic from the runtime's own __panic_str names the call site", async (t) => {
  const a = program((b) => [
    ir.exec(ir.rt("panic", [b.string("Assertion failed: it broke"), i32(b.loc(FILE, 14, 5))])),
  ]);
  const r = await run(a);
  t.is(r.err, `panic at ${FILE}:14:5: Assertion failed: it broke\n`);
  const u = program((b) => [
    ir.exec(ir.rt("unsupported", [b.string("mutex_lock"), i32(b.loc(FILE, 15, 1))])),
  ]);
  t.is(
    (await run(u)).err,
    `panic at ${FILE}:15:1: intrinsic __mutex_lock is not supported by this toolchain\n`,
  );
});

test("file paths reach the OS unnormalised, as from C: `file/.` and `file/` do not exist, `dir/.` does", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-jit-fs-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "f.txt"), "x");
  const a = program((b, p) => [
    p.i64(ir.rt("fs_mkdir", [b.string("d")])),
    p.i64(ir.rt("fs_exists", [b.string("f.txt/.")])),
    p.i64(ir.rt("fs_exists", [b.string("f.txt/")])),
    p.i64(ir.rt("fs_exists", [b.string("d/.")])),
    p.i64(ir.rt("fs_exists", [b.string("d/../f.txt")])),
    p.i64(ir.rt("fs_exists", [b.string("")])),
  ]);
  const r = await run(a, { cwd: dir });
  t.is(r.out, "0\n0\n0\n1\n1\n0\n");
});
