/**
 * Tail self-recursion as a loop (src/backends/jit/recursion.ts): same results bit for bit,
 * fresh locals every round, arguments evaluated from the old parameters, and functions
 * without such calls left alone.
 */

import test from "ava";
import { ArtifactBuilder, ir } from "../../src/artifact/index.ts";
import { eliminateTailRecursion } from "../../src/backends/jit/recursion.ts";
import { FILE, i32, i64, bin, printer, run } from "./helpers.ts";
import { runMain } from "../../src/backends/jit/index.ts";
import { compileSource } from "../lowering/helpers.ts";

/** fib as lowering emits it: `if n < 2 return n; return fib(n - 1) + fib(n - 2)`. */
function fibProgram(ns: readonly bigint[]) {
  const b = new ArtifactBuilder();
  const p = printer(b);
  const fib = b.declare("fib", ["i64"], "i64");
  b.define(fib, (f) => [
    ir.if(bin("i64.lt_s", f.param(0), i64(2)), [ir.ret(f.param(0))]),
    ir.ret(
      bin(
        "i64.add",
        ir.call(fib, [bin("i64.sub", f.param(0), i64(1))]),
        ir.call(fib, [bin("i64.sub", f.param(0), i64(2))]),
      ),
    ),
    ir.unreachable(),
  ]);
  const main = b.func("main", [], "i32", () => [
    ...ns.map((n) => p.i64(ir.call(fib, [i64(n)]))),
    ir.ret(i32(0)),
  ]);
  b.entryPoint("main", main);
  return { a: b.finish(), fib };
}

test("fib: the second call becomes a loop and every value is unchanged", async (t) => {
  const { a, fib } = fibProgram([0n, 1n, 2n, 10n, 30n]);
  const f = a.functions[fib]!;
  const g = eliminateTailRecursion(f, fib);
  t.not(g, f);
  t.is(g.body[1]?.kind, "loop");
  t.is((await run(a)).out, "0\n1\n1\n55\n832040\n");
});

test("locals start at zero in every round; arguments read the old parameters", async (t) => {
  const b = new ArtifactBuilder();
  const p = printer(b);
  // g(a, n): x is a local; if n is odd, x = 5. Returns x + a + (n == 0 ? 0 : g(n, n - 1)):
  // the recursive call swaps the roles of its arguments, and x must read 0 on even rounds.
  const g = b.declare("g", ["i32", "i32"], "i32");
  b.define(g, (f) => {
    const x = f.local("i32");
    return [
      ir.if(bin("i32.and", f.param(1), i32(1)), [ir.set(x, i32(5))]),
      ir.if(bin("i32.eq", f.param(1), i32(0)), [ir.ret(bin("i32.add", ir.get(x), f.param(0)))]),
      ir.ret(
        bin(
          "i32.add",
          bin("i32.add", ir.get(x), f.param(0)),
          ir.call(g, [f.param(1), bin("i32.sub", f.param(1), i32(1))]),
        ),
      ),
    ];
  });
  // i32 wrapping: h(n) = 2^30 + h(n - 1), h(0) = 0.
  const h = b.declare("h", ["i32"], "i32");
  b.define(h, (f) => [
    ir.if(ir.un("i32.eqz", f.param(0)), [ir.ret(i32(0))]),
    ir.ret(bin("i32.add", i32(1 << 30), ir.call(h, [bin("i32.sub", f.param(0), i32(1))]))),
  ]);
  const main = b.func("main", [], "i32", () => [
    p.i32(ir.call(g, [i32(100), i32(4)])),
    p.i32(ir.call(h, [i32(5)])),
    ir.ret(i32(0)),
  ]);
  b.entryPoint("main", main);
  const a = b.finish();
  t.not(eliminateTailRecursion(a.functions[g]!, g), a.functions[g]);
  // Rounds (a, n): (100,4) x=0, (4,3) x=5, (3,2) x=0, (2,1) x=5, (1,0) x=0: 100+9+3+7+1.
  // h(5) = 5 * 2^30 wrapped to i32 = 2^30.
  t.is((await run(a)).out, `120\n${1 << 30}\n`);
});

test("a panic in a rewritten function keeps its message and location", async (t) => {
  const b = new ArtifactBuilder();
  const at = b.loc(FILE, 4, 16);
  const down = b.declare("down", ["i64", "i64"], "i64");
  b.define(down, (f) => [
    ir.if(ir.un("i64.eqz", f.param(0)), [ir.ret(bin("i64.div_s", i64(100), f.param(1), at))]),
    ir.ret(
      bin(
        "i64.add",
        i64(1),
        ir.call(down, [bin("i64.sub", f.param(0), i64(1)), bin("i64.sub", f.param(1), i64(1))]),
      ),
    ),
  ]);
  const main = b.func("main", [], "i32", () => [ir.exec(ir.call(down, [i64(3), i64(3)])), ir.ret(i32(0))]);
  b.entryPoint("main", main);
  const r = await run(b.finish());
  t.is(r.exitCode, 101);
  t.is(r.err, `panic at ${FILE}:4:16: division by zero\n`);
});

test("functions without a tail self-call, or not returning an integer, are left alone", (t) => {
  const b = new ArtifactBuilder();
  const other = b.declare("other", ["i64"], "i64");
  b.define(other, (f) => [ir.ret(f.param(0))]);
  const notSelf = b.func("notSelf", ["i64"], "i64", (f) => [
    ir.ret(bin("i64.add", i64(1), ir.call(other, [f.param(0)]))),
  ]);
  // The self-call is the left operand: it is not the last thing evaluated.
  const leftCall = b.declare("leftCall", ["i64"], "i64");
  b.define(leftCall, (f) => [
    ir.if(ir.un("i64.eqz", f.param(0)), [ir.ret(i64(0))]),
    ir.ret(bin("i64.add", ir.call(leftCall, [bin("i64.sub", f.param(0), i64(1))]), i64(1))),
  ]);
  const float = b.declare("float", ["f64"], "f64");
  b.define(float, (f) => [ir.ret(ir.call(float, [f.param(0)]))]);
  const a = b.finish();
  for (const i of [notSelf, leftCall, float]) {
    const f = a.functions[i]!;
    t.is(eliminateTailRecursion(f, i), f, f.name);
  }
});

// A function without a result ending in a call of itself: a loop too (AOT gets it from
// cc -O2), after frees.ts has freed the round's objects before that call.
const unitProgram = `use Core.Output;
use Core.String;

unit Walk(i64 total, i64 n) {
    string s = "round \${n} of the walk, padded to be long enough to matter";
    i64[] pair = [n, total];
    i64 len = String.Len(s) + pair[0] - pair[0];
    if n == 0 {
        Output.WriteLine("\${total + len}");
        return;
    }
    Walk(total + len, n - 1);
}

unit NotLast(i64 n) {
    if n == 0 {
        return;
    }
    NotLast(n - 1);
    Output.Write("");
}

i32 Main() {
    Walk(0, 1000000);
    NotLast(1000);
    return 0;
}
`;

test("a unit function ending in a call of itself runs 1M deep in a 16 MiB heap", async (t) => {
  const c = compileSource(unitProgram);
  t.truthy(c.artifact, c.errors.join("\n"));
  // 1M frames overflowed the JIT's stack; without the frees before the call, 1M rounds of
  // new strings and arrays (about 100 MB) would not fit the heap either.
  const r = await runMain(c.artifact!, { maxPages: 256 });
  t.is(Buffer.from(r.stderr).toString("utf8"), "");
  t.is(Buffer.from(r.stdout).toString("utf8"), "59888951\n");
  t.is(r.exitCode, 0);
  const notLast = c.artifact!.functions.findIndex((f) => f.name.endsWith("NotLast"));
  t.true(notLast >= 0);
  const f = c.artifact!.functions[notLast]!;
  t.is(eliminateTailRecursion(f, notLast), f, "a self-call that is not the last statement is left alone");
});
