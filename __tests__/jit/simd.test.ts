/**
 * Vector loops (src/backends/jit/simd.ts + emit.ts): which unchecked loops run two
 * iterations per round, and that those compute exactly what the scalar loop computes.
 */

import test from "ava";
import {
  ArtifactBuilder,
  LAYOUT,
  ir,
  type Expr,
  type FuncBuilder,
  type Stmt,
  type ValType,
} from "../../src/artifact/index.ts";
import { compileArtifact } from "../../src/backends/jit/index.ts";
import { planVector, type LoopStmt } from "../../src/backends/jit/simd.ts";
import { i32, i64, f64, bin, printer, run } from "./helpers.ts";

/** Unchecked address of element `index` of f64 array `base` (what loop versioning emits). */
const at = (base: number, index: Expr): Expr =>
  bin("i32.add", ir.get(base), bin("i32.shl", ir.un("i32.wrap_i64", index), i32(3)));
const load = (base: number, index: Expr): Expr => ir.load("f64.load", at(base, index), 8);

interface Shape {
  readonly inclusive?: boolean;
  /** The loop body between the exit test and the increment; `iv` is the induction variable. */
  readonly body: (iv: number, f: FuncBuilder, arrays: { x: number; y: number; a: number }) => Stmt[];
}

/** main: x[k] = k + 1, y[k] = 10 k (n elements), runs the loop over [from, to), prints y. */
function program(shape: Shape, n: number, from: number, to: number) {
  const b = new ArtifactBuilder();
  const p = printer(b);
  let loop: LoopStmt | null = null;
  const main = b.func("main", [], "i32", (f) => {
    const x = f.local("i32");
    const y = f.local("i32");
    const a = f.local("f64");
    const k = f.local("i64");
    const iv = f.local("i64");
    const end = f.local("i64");
    const [L0, L1, L2] = [f.label(), f.label(), f.label()];
    const arr = (): Expr => ir.rt("array_new", [i32(LAYOUT.array64), i32(8), i64(n), i32(-1)]);
    loop = ir.loop(L1, [
      ir.if(bin(shape.inclusive ? "i64.gt_s" : "i64.ge_s", ir.get(iv), ir.get(end)), [ir.br(L1)]),
      ...shape.body(iv, f, { x, y, a }),
      ir.set(iv, bin("i64.add", ir.get(iv), i64(1))),
    ]) as LoopStmt;
    const stmts: Stmt[] = [
      ir.set(x, arr()),
      ir.set(y, arr()),
      ir.set(a, f64(0.5)),
      ir.loop(L0, [
        ir.if(bin("i64.ge_s", ir.get(k), i64(n)), [ir.br(L0)]),
        ir.store(
          "f64.store",
          at(x, ir.get(k)),
          bin("f64.add", ir.un("f64.convert_i64_s", ir.get(k)), f64(1)),
          8,
        ),
        ir.store(
          "f64.store",
          at(y, ir.get(k)),
          bin("f64.mul", ir.un("f64.convert_i64_s", ir.get(k)), f64(10)),
          8,
        ),
        ir.set(k, bin("i64.add", ir.get(k), i64(1))),
      ]),
      ir.set(iv, i64(from)),
      ir.set(end, i64(shape.inclusive ? to - 1 : to)),
      loop,
      ir.set(k, i64(0)),
      ir.loop(L2, [
        ir.if(bin("i64.ge_s", ir.get(k), i64(n)), [ir.br(L2)]),
        p.f64(load(y, ir.get(k))),
        ir.set(k, bin("i64.add", ir.get(k), i64(1))),
      ]),
      ir.ret(i32(0)),
    ];
    return stmts;
  });
  b.entryPoint("main", main);
  const art = b.finish();
  const types: ValType[] = [...art.functions[main]!.type.params, ...art.functions[main]!.locals];
  return { art, loop: loop!, types };
}

const axpy: Shape = {
  body: (iv, f, { x, y, a }) => {
    const d = f.local("i64");
    const v = f.local("f64");
    return [
      ir.set(d, ir.get(iv)),
      ir.block(f.label(), [
        ir.set(v, bin("f64.add", load(y, ir.get(d)), bin("f64.mul", ir.get(a), load(x, ir.get(d))))),
        ir.store("f64.store", at(y, ir.get(d)), ir.un("f64.sqrt", ir.un("f64.abs", ir.get(v))), 8),
      ]),
    ];
  },
};

function hasBytes(hay: Uint8Array, needle: readonly number[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function expected(n: number, from: number, to: number): string {
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    let v = 10 * k;
    if (k >= from && k < to) v = Math.sqrt(Math.abs(v + 0.5 * (k + 1)));
    out.push(String(v).includes(".") || !Number.isFinite(v) ? String(v) : `${v}.0`);
  }
  return out.join("\n") + "\n";
}

test("a straight-line f64 loop is vectorised and computes what the scalar loop computes", async (t) => {
  const { art, loop, types } = program(axpy, 9, 0, 9);
  t.not(planVector(loop, types), null);
  const wasm = compileArtifact(art);
  t.true(WebAssembly.validate(wasm as Uint8Array<ArrayBuffer>));
  // f64x2.mul and f64x2.sqrt (0xFD prefix, LEB128 opcode) are in the code.
  t.true(hasBytes(wasm, [0xfd, 0xf2, 0x01]) && hasBytes(wasm, [0xfd, 0xef, 0x01]));
  for (const [n, from, to] of [
    [9, 0, 9],
    [10, 0, 10],
    [10, 3, 4],
    [10, 3, 6],
    [10, 2, 9],
    [3, 0, 0],
  ] as const) {
    const r = await run(program(axpy, n, from, to).art);
    t.is(r.out, expected(n, from, to), `n ${n}, [${from}, ${to})`);
  }
  const inclusive = await run(program({ ...axpy, inclusive: true }, 10, 1, 8).art);
  t.is(inclusive.out, expected(10, 1, 8));
});

test("loops with a value carried between iterations, control flow or two stores stay scalar", (t) => {
  const reduction: Shape = {
    body: (iv, _f, { x, a }) => [ir.set(a, bin("f64.add", ir.get(a), load(x, ir.get(iv))))],
  };
  const branch: Shape = {
    body: (iv, _f, { x, y }) => [
      ir.if(bin("f64.gt", load(x, ir.get(iv)), f64(3)), [
        ir.store("f64.store", at(y, ir.get(iv)), f64(1), 8),
      ]),
    ],
  };
  const twoStores: Shape = {
    body: (iv, _f, { x, y }) => [
      ir.store("f64.store", at(y, ir.get(iv)), load(x, ir.get(iv)), 8),
      ir.store("f64.store", at(x, ir.get(iv)), f64(0), 8),
    ],
  };
  const call: Shape = {
    body: (iv, _f, { y }) => [
      ir.store("f64.store", at(y, ir.get(iv)), ir.un("f64.convert_i64_s", ir.rt("str_len", [ir.get(y)])), 8),
    ],
  };
  for (const [name, shape] of Object.entries({ reduction, branch, twoStores, call })) {
    const { loop, types } = program(shape, 4, 0, 4);
    t.is(planVector(loop, types), null, name);
  }
});
