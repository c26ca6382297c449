/**
 * The C translation itself: deterministic text, extern contracts linked as real C functions
 * (libm by `-l`, a static archive by path), float text identical to the JIT's for many
 * values across magnitudes (f64 and f32), library-flag mapping, and the heap without its
 * address-space reservation (realloc fallback).
 */

import test from "ava";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runMain } from "../../src/backends/jit/index.ts";
import { buildArtifact, emitC, libraryFlag } from "../../src/backends/aot/index.ts";
import { compileSource, limiter, runProcess, tempDir } from "./helpers.ts";

const cc = limiter(2);

async function aotRun(
  src: string,
  maxPages?: number,
): Promise<{ stdout: string; stderr: string; exit: number }> {
  const c = compileSource(src);
  if (!c.artifact) throw new Error(c.errors.map((e) => e.message).join("\n"));
  const out = tempDir();
  const r = await cc(() =>
    buildArtifact(c.artifact!, {
      kinds: ["exe"],
      outDir: out,
      stem: "p",
      env: process.env,
      ...(maxPages !== undefined ? { maxPages } : {}),
    }),
  );
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return runProcess(r.outputs[0]!.path);
}

test("the same artifact gives the same C text", (t) => {
  const c = compileSource('use Core.Output;\ni32 Main() { Output.WriteLine("hi"); return 0; }\n');
  const a = emitC(c.artifact!, { prefix: "p", mainFunc: c.artifact!.entry!.func });
  const b = emitC(c.artifact!, { prefix: "p", mainFunc: c.artifact!.entry!.func });
  t.is(a.source, b.source);
  t.true(a.source.includes("int main("));
});

test("library names map to linker arguments", (t) => {
  t.is(libraryFlag("libc.so.6"), null);
  t.is(libraryFlag("libc"), null);
  t.is(libraryFlag("libm.so.6"), "-lm");
  t.is(libraryFlag("z"), "-lz");
  t.is(libraryFlag("/opt/x/libfoo.a"), "/opt/x/libfoo.a");
});

test("extern contracts call real C functions (libc, libm, a static archive by path)", async (t) => {
  const dir = tempDir();
  writeFileSync(join(dir, "tri.c"), "long long triple_it(long long x) { return 3 * x; }\n");
  execFileSync("cc", ["-c", "-fPIC", "tri.c", "-o", "tri.o"], { cwd: dir });
  execFileSync("ar", ["rcsD", "libtri.a", "tri.o"], { cwd: dir });
  const src = `use Core.Output;
[Extern(Abi: "C", Library: "libm.so.6")]
contract LibM { f64 hypot(f64 x, f64 y); }
[Extern(Abi: "C", Library: "libc.so.6")]
contract Libc { i32 abs(i32 x); }
[Extern(Abi: "C", Library: "${join(dir, "libtri.a")}")]
contract Tri { i64 triple_it(i64 x); }
i32 Main() {
    Output.WriteLine("\${LibM.hypot(3.0, 4.0)} \${Libc.abs(-5)} \${Tri.triple_it(14)}");
    return 0;
}
`;
  const r = await aotRun(src);
  t.is(r.stderr, "");
  t.is(r.stdout, "5.0 5 42\n");
  t.is(r.exit, 0);
});

test("float text is byte-identical to the JIT's across magnitudes (f64 and f32)", async (t) => {
  const src = `use Core.Output;
i32 Main() {
    mut f64 x = 0.000000123456789;
    mut f32 y = 0.0000123;
    for i in range(0, 120) {
        Output.WriteLine("\${x} \${-x} \${y} \${x / 3.0} \${y / 7.0}");
        x = x * 7.3 + 0.1;
        y = y * 3.1;
        if x > 1.0e25 {
            x = x / 1.0e30;
        }
        if y > 1.0e30 {
            y = y / 1.0e35;
        }
    }
    Output.WriteLine("\${1.0e21} \${1.0e20} \${123456789012345680000.0} \${0.000001} \${0.0000001} \${5.0e-324}");
    return 0;
}
`;
  const c = compileSource(src);
  t.deepEqual(c.errors, []);
  const jit = await runMain(c.artifact!);
  const aot = await aotRun(src);
  t.is(aot.stdout, Buffer.from(jit.stdout).toString("utf8"));
  t.true(aot.stdout.split("\n").length > 120);
});

test("stack overflow is a panic (exit 101) at the same location as under the JIT", async (t) => {
  const src = `i64 Down(i64 n) {
    return Down(n + 1) + 1;
}
i32 Main() {
    i64 v = Down(0);
    return 0;
}
`;
  const c = compileSource(src);
  const jit = await runMain(c.artifact!);
  const r = await aotRun(src);
  t.is(r.exit, 101);
  t.is(jit.exitCode, 101);
  t.regex(r.stderr, /^panic at Main\.bd:2:\d+: stack overflow\n$/);
  t.is(r.stderr, Buffer.from(jit.stderr).toString("utf8"));
});

test("out of memory happens at the same point as under the JIT (same heap layout and limit)", async (t) => {
  const src = `use Core.Output;
i32 Main() {
    mut i64 total = 0;
    for i in range(0, 100000000) {
        string s = "item \${i} of many";
        // The copy keeps every string alive (no free: docs/runtime.md, "Memory").
        string kept = s;
        total = total + __str_len(kept);
        if i % 500 == 0 {
            Output.WriteLine("\${i} \${total}");
        }
    }
    return 0;
}
`;
  const c = compileSource(src);
  t.deepEqual(c.errors, []);
  const jit = await runMain(c.artifact!, { maxPages: 6 });
  const aot = await aotRun(src, 6);
  t.is(jit.exitCode, 101);
  t.regex(Buffer.from(jit.stderr).toString("utf8"), /out of memory/);
  t.is(aot.stdout, Buffer.from(jit.stdout).toString("utf8"));
  t.is(aot.stderr, Buffer.from(jit.stderr).toString("utf8"));
  t.is(aot.exit, jit.exitCode);
});

/** Runs `exe` under an address-space limit (KiB): the heap's 4 GiB reservation is refused. */
function runLimited(exe: string, kib: number) {
  return runProcess("bash", ["-c", `ulimit -v ${kib} && exec "$0"`, exe]);
}

test("without the address-space reservation the heap falls back to realloc: same output, out of memory at the limit", async (t) => {
  const grow = `use Core.Output;
i32 Main() {
    i64[] keep = __array_new(8, 200000);
    for i in range(0, 200000) {
        keep[i] = i * 3;
    }
    mut i64 total = 0;
    mut string line = "";
    for i in range(0, 300000) {
        line = line + "x\${i}";
        // The copy keeps every string alive, so the heap grows (and moves) as it did before
        // strings were freed (docs/runtime.md, "Memory").
        string held = line;
        if __str_len(held) > 100 {
            total = total + __str_len(line);
            line = "";
        }
    }
    mut i64 sum = 0;
    for i in range(0, 200000) {
        sum = sum + keep[i];
    }
    Output.WriteLine("\${total} \${sum}");
    return 0;
}
`;
  const c = compileSource(grow);
  t.deepEqual(c.errors, []);
  const jit = await runMain(c.artifact!);
  const built = await cc(() =>
    buildArtifact(c.artifact!, { kinds: ["exe"], outDir: tempDir(), stem: "g", env: process.env }),
  );
  t.true(built.ok);
  const exe = built.outputs[0]!.path;
  const expected = Buffer.from(jit.stdout).toString("utf8");
  t.regex(expected, /^\d+ 59999700000\n$/);
  // 512 MiB of address space: no 4 GiB reservation, so calloc + realloc (which moves the heap).
  const limited = await runLimited(exe, 512 * 1024);
  t.is(limited.stdout, expected);
  t.is(limited.exit, 0);
  t.is((await runProcess(exe)).stdout, expected);

  const endless = compileSource(`i32 Main() {
    mut i64 total = 0;
    for i in range(0, 1000000000) {
        string s = "item \${i} of very many items";
        string kept = s;
        total = total + __str_len(kept);
    }
    return 0;
}
`);
  t.deepEqual(endless.errors, []);
  const oom = await cc(() =>
    buildArtifact(endless.artifact!, { kinds: ["exe"], outDir: tempDir(), stem: "o", env: process.env }),
  );
  t.true(oom.ok);
  // realloc fails near the limit: the runtime's out-of-memory panic, not a crash.
  const r = await runLimited(oom.outputs[0]!.path, 128 * 1024);
  t.is(r.exit, 101);
  t.regex(r.stderr, /out of memory/);
});

test("a versioned loop's unchecked copy addresses in 64 bits; the checked copy keeps its checks", (t) => {
  const c = compileSource(`use Core.Output;
f64 Dot(f64[] a, f64[] b, i64 n) {
    mut f64 s = 0.0;
    for i in range(0, n) {
        s = s + a[i] * b[i];
    }
    return s;
}
i32 Main() {
    f64[] a = __array_new(8, 4);
    Output.WriteLine("\${Dot(a, a, 4)}");
    return 0;
}
`);
  t.deepEqual(c.errors, []);
  const text = emitC(c.artifact!, { prefix: "p", mainFunc: c.artifact!.entry!.func }).source;
  t.true(text.startsWith("/* Generated by beskid-ci"));
  t.regex(text, /#pragma GCC optimize\("vect-cost-model=cheap"\)/);
  // Unchecked: base + (index << 3) in 64 bits, plus the data offset.
  const wide =
    text.match(/bx_ldf64\(\(uint64_t\)\(uint32_t\)l\d+ \+ \(\(uint64_t\)l\d+ << 3\) \+ 8u\)/g) ?? [];
  t.is(wide.length, 2);
  // Checked copy: both accesses still go through the bounds check.
  t.is((text.match(/bx_elem(_n)?\(l\d+, l\d+, 3,/g) ?? []).length, 2);
});
