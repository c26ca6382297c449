/**
 * Loop versioning (src/artifact/loops.ts): counted loops get an unchecked copy guarded by
 * one range test; loops it cannot prove stay as they were; either way the program computes
 * the same values and panics with the same message at the same place.
 */

import test from "ava";
import {
  ArtifactBuilder,
  LAYOUT,
  forEachChild,
  forEachStmtChild,
  ir,
  type Expr,
  type Func,
  type Stmt,
  versionLoops,
} from "../../src/artifact/index.ts";
import { FILE, i32, i64, bin, printer, run } from "./helpers.ts";

/** Number of `elem.addr` nodes in `ss`. */
function elems(ss: readonly Stmt[]): number {
  let n = 0;
  const e = (x: Expr): void => {
    if (x.kind === "elem.addr") n++;
    forEachChild(x, e, s);
  };
  const s = (x: Stmt): void => forEachStmtChild(x, e, s);
  ss.forEach(s);
  return n;
}

/**
 * main: xs = i64[len] with xs[k] = k; then sums xs[iv + offset] for iv from `from` while
 * iv < to (step `step`) in the loop under test, and prints the sum.
 */
function sumProgram(o: {
  len: bigint;
  from: bigint;
  to: bigint;
  step?: bigint;
  offset?: bigint;
  /** Breaks to the enclosing block (hand-built style) instead of the loop's own label. */
  outerBreak?: boolean;
  /** Also assigns the array inside the loop (not versionable). */
  reassignBase?: boolean;
}) {
  const b = new ArtifactBuilder();
  const p = printer(b);
  const at = b.loc(FILE, 7, 9);
  const main = b.func(
    "main",
    [],
    "i32",
    (f) => {
      const xs = f.local("i32");
      const k = f.local("i32");
      const iv = f.local("i64");
      const end = f.local("i64");
      const sum = f.local("i64");
      const [L0, L1, B1] = [f.label(), f.label(), f.label()];
      const index = o.offset === undefined ? ir.get(iv) : bin("i64.add", i64(o.offset), ir.get(iv));
      const fill = o.len <= 64n ? o.len : 64n;
      const body: Stmt[] = [
        ir.if(bin("i64.ge_s", ir.get(iv), ir.get(end)), [ir.br(o.outerBreak ? B1 : L1)]),
        ir.set(sum, bin("i64.add", ir.get(sum), ir.load("i64.load", ir.elem(ir.get(xs), index, 8, at)))),
        ...(o.reassignBase ? [ir.set(xs, ir.get(xs))] : []),
        ir.set(iv, bin("i64.add", ir.get(iv), i64(o.step ?? 1n))),
      ];
      return [
        ir.set(xs, ir.rt("array_new", [i32(LAYOUT.array64), i32(8), i64(o.len), i32(-1)])),
        // An i32 counter: this fill loop is not one the versioning recognises.
        ir.loop(L0, [
          ir.if(bin("i32.ge_s", ir.get(k), i32(Number(fill))), [ir.br(L0)]),
          ir.store(
            "i64.store",
            ir.elem(ir.get(xs), ir.un("i64.extend_i32_s", ir.get(k)), 8),
            ir.un("i64.extend_i32_s", ir.get(k)),
          ),
          ir.set(k, bin("i32.add", ir.get(k), i32(1))),
        ]),
        ir.set(iv, i64(o.from)),
        ir.set(end, i64(o.to)),
        ir.block(B1, [ir.loop(L1, body)]),
        p.i64(ir.get(sum)),
        ir.ret(i32(0)),
      ];
    },
    b.loc(FILE, 1, 1),
  );
  b.entryPoint("main", main);
  const a = b.finish();
  return { a, main: a.functions[main]! };
}

function versionedShape(f: Func): { fast: number; slow: number } | null {
  const v = versionLoops(f);
  let found: { fast: number; slow: number } | null = null;
  const s = (x: Stmt): void => {
    if (x.kind === "if" && x.then.length === 1 && x.then[0]!.kind === "loop" && x.else[0]?.kind === "loop") {
      found ??= { fast: elems(x.then), slow: elems(x.else) };
    }
    forEachStmtChild(x, () => {}, s);
  };
  v.body.forEach(s);
  return found;
}

test("a counted loop gets an unchecked version; the result is the same on either path", async (t) => {
  const inBounds = sumProgram({ len: 10n, from: 0n, to: 10n });
  t.deepEqual(versionedShape(inBounds.main), { fast: 0, slow: 1 });
  t.is((await run(inBounds.a)).out, "45\n");
  // Hand-built style: the exit test breaks to an enclosing block.
  const outer = sumProgram({ len: 10n, from: 2n, to: 10n, step: 3n, outerBreak: true });
  t.deepEqual(versionedShape(outer.main), { fast: 0, slow: 1 });
  t.is((await run(outer.a)).out, `${2 + 5 + 8}\n`);
  // Offsets, an empty range and a reversed one.
  t.is((await run(sumProgram({ len: 10n, from: 1n, to: 11n, offset: -1n }).a)).out, "45\n");
  t.is((await run(sumProgram({ len: 10n, from: 5n, to: 5n }).a)).out, "0\n");
  t.is((await run(sumProgram({ len: 10n, from: 9n, to: 3n }).a)).out, "0\n");
});

test("an index past the end panics at the same place with the same message", async (t) => {
  const r = await run(sumProgram({ len: 10n, from: 0n, to: 11n }).a);
  t.is(r.exitCode, 101);
  t.is(r.err, `panic at ${FILE}:7:9: index out of bounds: the length is 10 but the index is 10\n`);
  const neg = await run(sumProgram({ len: 10n, from: 0n, to: 3n, offset: -2n }).a);
  t.is(neg.err, `panic at ${FILE}:7:9: index out of bounds: the length is 10 but the index is -2\n`);
});

test("values near the i64 limits take the checked loop and keep wrapping semantics", async (t) => {
  const max = (1n << 63n) - 1n;
  // iv runs over [max - 3, max): the index iv - (max - 3) is 0, 1, 2.
  const near = sumProgram({ len: 4n, from: max - 3n, to: max, offset: -(max - 3n) });
  t.is((await run(near.a)).out, "3\n");
  // A step that could overflow past the end is not taken for granted.
  const big = await run(sumProgram({ len: 4n, from: 0n, to: 4n, step: 1n << 40n }).a);
  t.is(big.out, "0\n");
  const wrap = await run(sumProgram({ len: 4n, from: max - 1n, to: max, offset: 2n }).a);
  t.is(
    wrap.err,
    `panic at ${FILE}:7:9: index out of bounds: the length is 4 but the index is ${-max - 1n}\n`,
  );
});

test("loops it cannot prove are left exactly as they were", (t) => {
  const { main } = sumProgram({ len: 10n, from: 0n, to: 10n, reassignBase: true });
  t.is(versionLoops(main).body, main.body);
  t.is(versionedShape(main), null);
});
