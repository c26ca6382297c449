/**
 * Number semantics under the JIT (LANGUAGE.md §5.5, §5.12, §5.18): wrapping, division and
 * remainder rules and their panics, shifts, conversions, floats, and number-to-text.
 */

import test from "ava";
import { ir, type BinaryOp, type Expr, type UnaryOp } from "../../src/artifact/index.ts";
import { compileArtifact } from "../../src/backends/jit/index.ts";
import { FILE, program, run } from "./helpers.ts";

const { i32, i64, f32, f64, bin, un } = ir;

test("i32 and i64 arithmetic wraps; division truncates; remainder follows the dividend", async (t) => {
  const a = program((_b, p) => [
    p.i32(bin("i32.add", i32(2147483647), i32(1))),
    p.i32(bin("i32.mul", i32(65536), i32(65536))),
    p.i32(bin("i32.sub", i32(-2147483648), i32(1))),
    p.i64(bin("i64.add", i64(9223372036854775807n), i64(1))),
    p.i64(bin("i64.mul", i64(4294967296n), i64(4294967296n))),
    p.i32(bin("i32.div_s", i32(-7), i32(2))),
    p.i32(bin("i32.rem_s", i32(-7), i32(2))),
    p.i64(bin("i64.div_s", i64(7), i64(-2))),
    p.i64(bin("i64.rem_s", i64(7), i64(-2))),
    p.u32(bin("i32.div_u", i32(-1), i32(2))),
    p.u64(bin("i64.rem_u", i64(-1), i64(10))),
    p.i32(bin("i32.rem_s", i32(-2147483648), i32(-1))),
    p.i64(bin("i64.rem_s", i64(-(1n << 63n)), i64(-1))),
    p.i32(bin("i32.shl", i32(1), i32(33))),
    p.i32(bin("i32.shr_s", i32(-8), i32(1))),
    p.i32(bin("i32.shr_u", i32(-8), i32(1))),
    p.i64(bin("i64.shl", i64(1), i64(64 + 40))),
    p.i32(bin("i32.lt_u", i32(-1), i32(1))),
    p.i32(bin("i32.lt_s", i32(-1), i32(1))),
    // u8 arithmetic is i32 re-narrowed by lowering: 200 + 100 → 44.
    p.i32(bin("i32.and", bin("i32.add", i32(200), i32(100)), i32(255))),
    p.i32(un("i32.extend8_s", i32(200))),
  ]);
  const r = await run(a);
  t.is(r.exitCode, 0, r.err);
  t.deepEqual(r.out.trim().split("\n"), [
    "-2147483648",
    "0",
    "2147483647",
    "-9223372036854775808",
    "0",
    "-3",
    "-1",
    "-3",
    "1",
    "2147483647",
    "5",
    "0",
    "0",
    "2",
    "-4",
    "2147483644",
    "1099511627776",
    "0",
    "1",
    "44",
    "-56",
  ]);
});

const panics: [string, Expr, string][] = [
  ["i32 division by zero", bin("i32.div_s", i32(1), i32(0)), "division by zero"],
  ["i64 division by zero", bin("i64.div_u", i64(1), i64(0)), "division by zero"],
  ["i32 remainder by zero", bin("i32.rem_u", i32(1), i32(0)), "remainder by zero"],
  ["i64 remainder by zero", bin("i64.rem_s", i64(1), i64(0)), "remainder by zero"],
  ["i32 MIN / -1", bin("i32.div_s", i32(-2147483648), i32(-1)), "integer overflow in division"],
  ["i64 MIN / -1", bin("i64.div_s", i64(-(1n << 63n)), i64(-1)), "integer overflow in division"],
];

for (const [name, e, message] of panics) {
  test(`${name} panics with its message and line`, async (t) => {
    const a = program((b, p, f) => {
      // Through locals, so nothing can be folded.
      const at = b.loc(FILE, 12, 9);
      const op = e as Extract<Expr, { kind: "binary" }>;
      const type = op.op.startsWith("i64") ? "i64" : "i32";
      const l = f.local(type);
      const r = f.local(type);
      const out = type === "i64" ? p.i64 : p.i32;
      return [
        ir.set(l, op.left),
        ir.set(r, op.right),
        p.str(b.string("before")),
        out(ir.bin(op.op, ir.get(l), ir.get(r), at)),
        p.str(b.string("after")),
      ];
    });
    const r = await run(a);
    t.is(r.exitCode, 101);
    t.is(r.out, "before\n");
    t.is(r.err, `panic at ${FILE}:12:9: ${message}\n`);
    t.is(r.panic?.message, message);
    t.is(r.panic?.line, 12);
  });
}

test("float → text: shortest round trip in ECMAScript layout with .0 for integral values", async (t) => {
  const values = [
    0.1,
    1e21,
    1.5e-7,
    2,
    100,
    -0,
    NaN,
    Infinity,
    -Infinity,
    1 / 3,
    123456789012345680000,
    5e-324,
    1e-7,
    0.000001,
    -2.5,
  ];
  const expected = [
    "0.1",
    "1e+21",
    "1.5e-7",
    "2.0",
    "100.0",
    "-0.0",
    "NaN",
    "Infinity",
    "-Infinity",
    "0.3333333333333333",
    "123456789012345680000.0",
    "5e-324",
    "1e-7",
    "0.000001",
    "-2.5",
  ];
  const singles = [0.1, 16777217, 3.4028234663852886e38, 1e-45, 1.1, 0.3];
  const singleExpected = ["0.1", "16777216.0", "3.4028235e+38", "1e-45", "1.1", "0.3"];
  const a = program((_b, p) => [...values.map((v) => p.f64(f64(v))), ...singles.map((v) => p.f32(f32(v)))]);
  const r = await run(a);
  t.deepEqual(r.out.trim().split("\n"), [...expected, ...singleExpected]);
});

test("integers → text at the edges", async (t) => {
  const a = program((_b, p) => [
    p.i64(i64(-(1n << 63n))),
    p.u64(i64(-1)),
    p.i32(i32(-2147483648)),
    p.u32(i32(-1)),
    p.i64(i64(0)),
    p.i32(i32(7)),
  ]);
  const r = await run(a);
  t.deepEqual(r.out.trim().split("\n"), [
    "-9223372036854775808",
    "18446744073709551615",
    "-2147483648",
    "4294967295",
    "0",
    "7",
  ]);
});

test("float arithmetic, fmod remainder, saturating conversions", async (t) => {
  const a = program((_b, p) => [
    p.f64(bin("f64.div", f64(1), f64(0))),
    p.f64(bin("f64.rem", f64(-7.5), f64(2))),
    p.f32(bin("f32.rem", f32(7.5), f32(-2))),
    p.f64(bin("f64.add", f64(0.1), f64(0.2))),
    p.i32(bin("f64.ne", f64(NaN), f64(NaN))),
    p.i32(bin("f64.eq", f64(NaN), f64(NaN))),
    p.i32(un("i32.trunc_sat_f64_s", f64(NaN))),
    p.i32(un("i32.trunc_sat_f64_s", f64(1e20))),
    p.i64(un("i64.trunc_sat_f64_s", f64(-1e30))),
    p.i32(un("i32.trunc_sat_f64_s", f64(-2.9))),
    p.f64(un("f64.convert_i64_u", i64(-1))),
    p.f32(un("f32.demote_f64", f64(0.1))),
    p.f64(un("f64.nearest", f64(2.5))),
    p.f64(un("f64.sqrt", f64(2))),
  ]);
  const r = await run(a);
  t.deepEqual(r.out.trim().split("\n"), [
    "Infinity",
    "-1.5",
    "1.5",
    "0.30000000000000004",
    "1",
    "0",
    "0",
    "2147483647",
    "-9223372036854775808",
    "-2",
    "18446744073709552000.0",
    "0.1",
    "2.0",
    "1.4142135623730951",
  ]);
});

test("every unary and binary op emits a valid module", (t) => {
  const unary: UnaryOp[] = [];
  const binary: BinaryOp[] = [];
  // Build one statement per op with operands of the right type.
  const a = program((_b, _p) => {
    const out = [];
    const val = (ty: string): Expr =>
      ty === "i32" ? i32(3) : ty === "i64" ? i64(3) : ty === "f32" ? f32(3) : f64(3);
    for (const op of [
      "i32.eqz",
      "i64.eqz",
      "f32.neg",
      "i32.trunc_sat_f32_u",
      "i64.trunc_sat_f64_u",
      "f32.convert_i64_u",
      "f64.reinterpret_i64",
      "i32.reinterpret_f32",
      "i64.extend32_s",
      "i32.popcnt",
    ] as UnaryOp[]) {
      unary.push(op);
      const m = /_(i32|i64|f32|f64)/.exec(op);
      out.push(ir.exec(un(op, val(m ? m[1]! : op.slice(0, 3)))));
    }
    for (const op of [
      "i64.rotl",
      "i32.rotr",
      "f32.ge",
      "f64.lt",
      "i64.ge_u",
      "f32.rem",
      "i32.xor",
    ] as BinaryOp[]) {
      binary.push(op);
      out.push(ir.exec(bin(op, val(op.slice(0, 3)), val(op.slice(0, 3)))));
    }
    return out;
  });
  const wasm = compileArtifact(a);
  t.true(WebAssembly.validate(wasm as Uint8Array<ArrayBuffer>));
  t.true(unary.length > 0 && binary.length > 0);
});
