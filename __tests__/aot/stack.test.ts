/**
 * Stack depth: the JIT runs the entry point in a worker with a MAIN_STACK_MB stack, so
 * non-tail recursion goes at least as deep as in an AOT executable (8 MiB main-thread stack,
 * debug build); before, the JIT's calling-thread stack ended near 98k frames of this function.
 */

import test from "ava";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { runMain, runTests } from "../../src/backends/jit/index.ts";
import { buildArtifact } from "../../src/backends/aot/index.ts";
import { compileSource, runProcess, tempDir } from "./helpers.ts";

// `d + 1` after the call: not the tail-call shape the JIT turns into a loop (recursion.ts).
const program = (depth: number): string => `use Core.Output;
i64 Down(i64 n) {
    if n == 0 {
        return 0;
    }
    i64 d = Down(n - 1);
    return d + 1;
}
i32 Main() {
    Output.WriteLine("depth \${Down(${depth})}");
    return 0;
}
`;

const work = tempDir("beskid-aot-stack-");
test.after.always(() => rmSync(work, { recursive: true, force: true }));

test("150k frames of non-tail recursion: the same output under the JIT and AOT", async (t) => {
  const c = compileSource(program(150_000));
  t.truthy(c.artifact, c.errors.join("\n"));
  const jit = await runMain(c.artifact!);
  t.is(Buffer.from(jit.stderr).toString("utf8"), "");
  t.is(Buffer.from(jit.stdout).toString("utf8"), "depth 150000\n");
  t.is(jit.exitCode, 0);
  const built = await buildArtifact(c.artifact!, {
    kinds: ["exe"],
    outDir: work,
    stem: "deep",
    env: process.env,
  });
  t.true(built.ok, built.diagnostics.map((d) => d.message).join("\n"));
  const aot = await runProcess(built.outputs[0]!.path, [], work);
  t.is(aot.stdout, "depth 150000\n");
  t.is(aot.exit, 0);
});

test("the JIT reaches 500k frames (optimised or baseline code); deeper recursion is still the stack overflow panic", async (t) => {
  // Baseline (Liftoff) frames are about ten times larger: 64 MiB hold about 690k of them.
  for (const tier of ["optimizing", "baseline"] as const) {
    const ok = await runMain(compileSource(program(500_000)).artifact!, { tier });
    t.is(Buffer.from(ok.stdout).toString("utf8"), "depth 500000\n", `${tier}: ${Buffer.from(ok.stderr)}`);
    t.is(ok.exitCode, 0);
  }
  const over = await runMain(compileSource(program(100_000_000)).artifact!);
  t.is(over.exitCode, 101);
  t.regex(Buffer.from(over.stderr).toString("utf8"), /^panic at Main\.bd:6:\d+: stack overflow\n$/);
});

test("a test item recurses as deep as run does (test workers get the same stack)", async (t) => {
  const src = `${program(1)}
test Deep {
    i64 d = Down(400000);
    if d != 400000 {
        __panic_str("wrong depth");
    }
}
`;
  const c = compileSource(src);
  t.truthy(c.artifact, c.errors.join("\n"));
  const [r] = await runTests(c.artifact!, { timeoutMs: 60_000 });
  t.is(r?.outcome, "passed", r?.reason);
});

test("tail recursion passing a new string to itself stays a tail call (also with an accumulator): 3M frames under the JIT and AOT --release", async (t) => {
  // `t` and the slice passed to Sum are new in every round: freeing them after the call
  // would end the tail call (frees.ts); so would freeing Acc's `t`, read before the call.
  const c = compileSource(`use Core.Output;
i64 Walk(string s, i64 n, i64 acc) {
    if n == 0 {
        return acc + __str_len(s);
    }
    string t = __str_slice("abcdefghij", 0, n % 10);
    return Walk(t, n - 1, acc + __str_len(s));
}
i64 Sum(string s, i64 n) {
    if n == 0 {
        return __str_len(s);
    }
    return __str_len(s) + Sum(__str_slice("abcdefghij", 0, n % 10), n - 1);
}
i64 Acc(i64 n) {
    if n == 0 {
        return 0;
    }
    string t = __str_slice("abcdefghij", 0, n % 10);
    return __str_len(t) + Acc(n - 1);
}
i32 Main() {
    Output.WriteLine("\${Walk("start", 3000000, 0)} \${Sum("start", 3000000)} \${Acc(3000000)}");
    return 0;
}
`);
  t.truthy(c.artifact, c.errors.join("\n"));
  const jit = await runMain(c.artifact!);
  t.is(
    Buffer.from(jit.stdout).toString("utf8"),
    "13500005 13500005 13500000\n",
    Buffer.from(jit.stderr).toString("utf8"),
  );
  const built = await buildArtifact(c.artifact!, {
    kinds: ["exe"],
    outDir: join(work, "tail"),
    stem: "tail",
    env: process.env,
    release: true,
  });
  t.true(built.ok, built.diagnostics.map((d) => d.message).join("\n"));
  const aot = await runProcess(built.outputs[0]!.path, [], join(work, "tail"));
  t.is(aot.stdout, "13500005 13500005 13500000\n", aot.stderr);
  t.is(aot.exit, 0);
});

test("a unit function ending in a call of itself frees its new string before that call: 3M frames in an AOT --release build", async (t) => {
  // The JIT does not turn unit recursion into a loop (recursion.ts), so only cc -O2 runs this.
  const c = compileSource(`use Core.Output;
unit Visit(i64[] counts, i64 n) {
    if n == 0 {
        return;
    }
    string t = __str_slice("abcdefghij", 0, n % 10);
    counts[0] = counts[0] + __str_len(t);
    Visit(counts, n - 1);
}
i32 Main() {
    i64[] c = [0];
    Visit(c, 3000000);
    Output.WriteLine("\${c[0]}");
    return 0;
}
`);
  t.truthy(c.artifact, c.errors.join("\n"));
  const built = await buildArtifact(c.artifact!, {
    kinds: ["exe"],
    outDir: join(work, "unit-tail"),
    stem: "unit-tail",
    env: process.env,
    release: true,
  });
  t.true(built.ok, built.diagnostics.map((d) => d.message).join("\n"));
  const aot = await runProcess(built.outputs[0]!.path, [], join(work, "unit-tail"));
  t.is(aot.stdout, "13500000\n", aot.stderr);
  t.is(aot.exit, 0);
});
