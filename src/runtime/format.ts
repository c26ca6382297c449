/**
 * Float → text, the one definition the host function `format_f64`/`format_f32` implements
 * (docs/runtime.md gives the algorithm so the C host produces identical bytes).
 *
 * Digits: the shortest decimal that reads back as the same value (for f32: the same f32).
 * Equivalently: for p = 1, 2, …, the value correctly rounded to p significant digits; the
 * first that round-trips wins (a tie between two p-digit candidates that both round-trip
 * cannot happen for binary floats, so "correctly rounded" needs no tie rule here).
 * Layout: ECMAScript Number::toString (plain for exponents -7 < e < 21, else `d.ddde±x`),
 * then an integral value in plain notation gets `.0`; `-0.0`, `NaN`, `Infinity`, `-Infinity`.
 *
 * This function must stay self-contained (no imports, no outer references): the JIT's test
 * worker receives its source text.
 */

export function formatFloat(v: number, single: boolean): string {
  if (v !== v) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  if (v === 0) return 1 / v < 0 ? "-0.0" : "0.0";
  let s: string;
  if (!single) {
    // V8's Number::toString is the shortest round-trip, closest to the value.
    s = String(v);
  } else {
    s = "";
    for (let p = 1; p <= 9; p++) {
      const t = v.toPrecision(p);
      if (Math.fround(Number(t)) === v) {
        // Re-lay out through the double nearest to the p digits: same digits, ECMAScript layout.
        s = String(Number(t));
        break;
      }
    }
    if (s === "") s = String(v);
  }
  if (s.indexOf("e") < 0 && s.indexOf(".") < 0) s += ".0";
  return s;
}
