/**
 * Float → text (src/runtime/format.ts, the definition the C host must match): on random bit
 * patterns, the text reads back as the same value, uses the fewest significant digits that
 * do, and follows the documented layout (`.0` on integral plain values, exponent forms).
 */

import test from "ava";
import { formatFloat } from "../../src/runtime/format.ts";

/** Deterministic xorshift so failures reproduce. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function digitsOf(s: string): number {
  const mantissa = s.replace(/^-/, "").split("e")[0]!.replace(".", "").replace(/^0+/, "");
  return mantissa.replace(/0+$/, "").length || 1;
}

function check(t: import("ava").ExecutionContext, v: number, single: boolean): void {
  const s = formatFloat(v, single);
  const back = single ? Math.fround(Number(s)) : Number(s);
  if (Number.isNaN(v)) return void t.is(s, "NaN");
  if (!Object.is(back, v)) t.fail(`${v} (${single ? "f32" : "f64"}) printed as ${s} reads back as ${back}`);
  if (Number.isInteger(v) && !s.includes("e")) t.true(s.endsWith(".0"), s);
  // Shortest: one digit fewer never reads back (when the value has more than one digit).
  const p = digitsOf(s);
  if (p > 1 && Number.isFinite(v)) {
    const shorter = Number(v.toPrecision(p - 1));
    const again = single ? Math.fround(shorter) : shorter;
    if (Object.is(again, v)) t.fail(`${s} is not the shortest text for ${v}`);
  }
}

test("f64: round trip, shortest, layout — 3000 random bit patterns", (t) => {
  const next = rng(12345);
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 3000; i++) {
    view.setUint32(0, next());
    view.setUint32(4, next());
    check(t, view.getFloat64(0), false);
  }
  t.pass();
});

test("f32: round trip, shortest, layout — 3000 random bit patterns", (t) => {
  const next = rng(987);
  const view = new DataView(new ArrayBuffer(4));
  for (let i = 0; i < 3000; i++) {
    view.setUint32(0, next());
    check(t, view.getFloat32(0), true);
  }
  t.pass();
});

test("the documented examples", (t) => {
  const cases: [number, boolean, string][] = [
    [0.1, false, "0.1"],
    [1e21, false, "1e+21"],
    [1e20, false, "100000000000000000000.0"],
    [1.5e-7, false, "1.5e-7"],
    [0.000001, false, "0.000001"],
    [-0, false, "-0.0"],
    [0, true, "0.0"],
    [Math.fround(0.1), true, "0.1"],
    [Math.fround(1 / 3), true, "0.33333334"],
    [Math.fround(3.4e38), true, "3.4e+38"],
    [-Infinity, true, "-Infinity"],
  ];
  for (const [v, single, text] of cases) t.is(formatFloat(v, single), text, `${v}`);
});
