/**
 * Strings, arrays, records, closures and memory under the JIT: the runtime's string and
 * byte functions, bounds-checked element access and its panic text, indirect calls through
 * the table, closure-shaped code with a shared environment cell, heap growth and a clean
 * out-of-memory panic.
 */

import test from "ava";
import {
  ARRAY_LENGTH_OFFSET,
  CLOSURE_CODE_OFFSET,
  CLOSURE_ENV_OFFSET,
  LAYOUT,
  ir,
  type Expr,
} from "../../src/artifact/index.ts";
import { FILE, program, run } from "./helpers.ts";

const { i32, i64, bin } = ir;
const dec = new TextDecoder();

test("string concat, length, equality, slice, char and bool to text", async (t) => {
  const a = program((b, p) => [
    p.str(ir.rt("str_concat", [b.string("héllo, "), b.string("wörld")])),
    p.i64(ir.rt("str_len", [b.string("héllo")])),
    p.i64(
      ir.rt("str_eq", [b.string("abcdefghij"), ir.rt("str_concat", [b.string("abcde"), b.string("fghij")])]),
    ),
    p.i64(ir.rt("str_eq", [b.string("abcdefghij"), b.string("abcdefghiJ")])),
    p.i64(ir.rt("str_eq", [b.string("abc"), b.string("abcd")])),
    p.str(ir.rt("str_slice", [b.string("hello world"), i64(6), i64(5), i32(-1)])),
    p.str(ir.rt("str_from_char", [i32(0x41)])),
    p.str(ir.rt("str_from_char", [i32(0xe9)])),
    p.str(ir.rt("str_from_char", [i32(0x20ac)])),
    p.str(ir.rt("str_from_char", [i32(0x1f600)])),
    p.str(ir.rt("str_from_char", [i32(0xd800)])),
    p.str(ir.rt("str_from_bool", [i32(1)])),
    p.str(ir.rt("str_from_bool", [i32(0)])),
    // s[i] reads a byte through the checked element address.
    p.i32(ir.load("i32.load8_u", ir.elem(b.string("héllo"), i64(1), 1, b.loc(FILE, 4, 2)))),
  ]);
  const r = await run(a);
  t.is(r.exitCode, 0, r.err);
  t.deepEqual(r.out.split("\n").slice(0, -1), [
    "héllo, wörld",
    "6",
    "1",
    "0",
    "0",
    "world",
    "A",
    "é",
    "€",
    "😀",
    "\ufffd",
    "true",
    "false",
    "195",
  ]);
});

test("string slice out of range panics", async (t) => {
  const a = program((b, p) => [
    p.str(ir.rt("str_slice", [b.string("abc"), i64(2), i64(2), i32(b.loc(FILE, 3, 7))])),
  ]);
  const r = await run(a);
  t.is(r.exitCode, 101);
  t.is(r.err, `panic at ${FILE}:3:7: string slice out of range: start 2, count 2, length 3\n`);
});

test("invalid UTF-8 becomes U+FFFD exactly as WHATWG decoding does", async (t) => {
  const samples = [
    [0x61, 0xff, 0x62],
    [0xe2, 0x82],
    [0xe2, 0x82, 0xac, 0xc0, 0x80],
    [0xf0, 0x9f, 0x98],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xe0, 0x80, 0x80],
    [0x68, 0x69],
    [0xf0, 0x9f, 0x98, 0x80, 0x80],
  ];
  const a = program((b, p, f) => {
    const arr = f.local("i32");
    const out = [];
    for (const s of samples) {
      out.push(ir.set(arr, ir.rt("array_new", [i32(LAYOUT.array8), i32(1), i64(s.length), i32(-1)])));
      s.forEach((byte, i) => out.push(ir.store("i32.store8", ir.get(arr), i32(byte), 8 + i)));
      out.push(p.str(ir.rt("str_from_bytes_utf8", [ir.get(arr)])));
    }
    void b;
    return out;
  });
  const r = await run(a);
  const expected = samples.map((s) => new TextDecoder("utf-8").decode(new Uint8Array(s)));
  t.deepEqual(r.out.split("\n").slice(0, -1), expected);
});

test("arrays: zeroed, indexed, bounds-checked with the language's message", async (t) => {
  const a = program((b, p, f) => {
    const arr = f.local("i32");
    const i = f.local("i64");
    const L = f.label();
    const B = f.label();
    const at = b.loc(FILE, 21, 13);
    const el = (idx: Expr): Expr => ir.elem(ir.get(arr), idx, 8, at);
    return [
      ir.set(arr, ir.rt("array_new", [i32(LAYOUT.array64), i32(8), i64(3), i32(-1)])),
      p.i64(ir.rt("array_len", [ir.get(arr)])),
      p.i64(ir.load("i64.load", el(i64(2)))),
      ir.block(B, [
        ir.loop(L, [
          ir.if(bin("i64.ge_s", ir.get(i), i64(3)), [ir.br(B)]),
          ir.store("i64.store", el(ir.get(i)), bin("i64.mul", ir.get(i), i64(10))),
          ir.set(i, bin("i64.add", ir.get(i), i64(1))),
        ]),
      ]),
      p.i64(ir.load("i64.load", el(i64(1)))),
      p.i64(ir.load("i64.load", el(i64(2)))),
      p.str(b.string("reading index 3")),
      p.i64(ir.load("i64.load", el(i64(3)))),
    ];
  });
  const r = await run(a);
  t.is(r.exitCode, 101);
  t.is(r.out, "3\n0\n10\n20\nreading index 3\n");
  t.is(r.err, `panic at ${FILE}:21:13: index out of bounds: the length is 3 but the index is 3\n`);
});

test("a negative index and a negative length panic", async (t) => {
  const neg = program((b, p) => [
    p.i32(
      ir.load(
        "i32.load",
        ir.elem(
          ir.rt("array_new", [i32(LAYOUT.array32), i32(4), i64(2), i32(-1)]),
          i64(-1),
          4,
          b.loc(FILE, 2, 1),
        ),
      ),
    ),
  ]);
  t.is(
    (await run(neg)).err,
    `panic at ${FILE}:2:1: index out of bounds: the length is 2 but the index is -1\n`,
  );
  const len = program((b) => [
    ir.exec(ir.rt("array_new", [i32(LAYOUT.array32), i32(4), i64(-5), i32(b.loc(FILE, 3, 1))])),
  ]);
  t.is((await run(len)).err, `panic at ${FILE}:3:1: invalid array length: -5\n`);
});

test("byte arrays: get, compare, overlapping copy, and their bounds", async (t) => {
  const a = program((b, p, f) => {
    const x = f.local("i32");
    const y = f.local("i32");
    const fill = (arr: number, bytes: number[]) =>
      bytes.map((v, i) => ir.store("i32.store8", ir.get(arr), i32(v), 8 + i));
    const mk = (n: number) => ir.rt("array_new", [i32(LAYOUT.array8), i32(1), i64(n), i32(-1)]);
    return [
      ir.set(x, mk(5)),
      ir.set(y, mk(3)),
      ...fill(x, [1, 2, 3, 4, 255]),
      ...fill(y, [1, 2, 3]),
      p.i64(ir.rt("bytes_get", [ir.get(x), i64(4), i32(-1)])),
      p.i64(ir.rt("bytes_compare", [ir.get(x), ir.get(y)])),
      p.i64(ir.rt("bytes_compare", [ir.get(y), ir.get(x)])),
      p.i64(ir.rt("bytes_compare", [ir.get(y), ir.get(y)])),
      ir.exec(ir.rt("bytes_copy", [ir.get(x), i64(1), ir.get(x), i64(0), i64(4), i32(-1)])),
      p.str(ir.rt("str_from_i64", [ir.rt("bytes_get", [ir.get(x), i64(4), i32(-1)])])),
      p.i64(ir.rt("syscall_write_bytes", [i64(1), ir.get(y)])),
      ir.exec(ir.rt("bytes_copy", [ir.get(y), i64(2), ir.get(x), i64(0), i64(2), i32(b.loc(FILE, 9, 9))])),
    ];
  });
  const r = await run(a);
  t.is(r.exitCode, 101);
  t.is(r.out, "255\n1\n-1\n0\n4\n\u0001\u0002\u00033\n");
  t.is(r.err, `panic at ${FILE}:9:9: index out of bounds: the length is 3 but the index is 4\n`);
});

test("indirect calls through the table, and a signature mismatch panics", async (t) => {
  const a = program((b, p) => {
    const sq = b.func("square", ["i64"], "i64", (f) => [ir.ret(bin("i64.mul", f.param(0), f.param(0)))]);
    const neg = b.func("negate", ["i64"], "i64", (f) => [ir.ret(bin("i64.sub", i64(0), f.param(0)))]);
    const sqSlot = b.tableSlot(sq);
    const negSlot = b.tableSlot(neg);
    const ty = { params: ["i64" as const], result: "i64" as const };
    return [
      p.i64(ir.callIndirect(ty, i32(sqSlot), [i64(12)])),
      p.i64(ir.callIndirect(ty, i32(negSlot), [i64(12)])),
      p.i32(ir.callIndirect({ params: ["i32"], result: "i32" }, i32(sqSlot), [i32(1)], b.loc(FILE, 30, 4))),
    ];
  }, undefined);
  const r = await run(a);
  t.is(r.out, "144\n-12\n");
  t.is(r.exitCode, 101);
  t.is(r.err, `panic at ${FILE}:30:4: indirect call to a function of another type\n`);
});

test("closure-shaped code: a counter captured by reference in a heap cell", async (t) => {
  // Beskid: mut i64 total = 0; unit(i64) add = x => { total += x; }; add(5); add(7); print(total)
  const a = program((b, p, f) => {
    const cell = b.layout({ kind: "record", name: "Cell<i64>", size: 16, refs: [] });
    const env = b.layout({ kind: "record", name: "Env<add>", size: 8, refs: [4] });
    // The lambda body: (env, x) → env.cell.value += x
    const body = b.func("lambda.add", ["i32", "i64"], null, (lf) => {
      const c = ir.load("i32.load", lf.param(0), 4);
      return [ir.store("i64.store", c, bin("i64.add", ir.load("i64.load", c, 8), lf.param(1)), 8)];
    });
    const slot = b.tableSlot(body);
    const cellL = f.local("i32");
    const envL = f.local("i32");
    const clo = f.local("i32");
    const call = (x: number) =>
      ir.exec(
        ir.callIndirect(
          { params: ["i32", "i64"], result: null },
          ir.load("i32.load", ir.get(clo), CLOSURE_CODE_OFFSET),
          [ir.load("i32.load", ir.get(clo), CLOSURE_ENV_OFFSET), i64(x)],
        ),
      );
    return [
      ir.set(cellL, ir.rt("alloc", [i32(cell), i32(16)])),
      ir.set(envL, ir.rt("alloc", [i32(env), i32(8)])),
      ir.store("i32.store", ir.get(envL), ir.get(cellL), 4),
      ir.set(clo, ir.rt("closure_new", [i32(slot), ir.get(envL)])),
      call(5),
      call(7),
      p.i64(ir.load("i64.load", ir.get(cellL), 8)),
      p.i32(ir.load("i32.load", ir.get(clo), 0)),
    ];
  });
  const r = await run(a);
  t.is(r.err, "");
  t.is(r.out, `12\n${LAYOUT.closure}\n`);
});

test("the heap grows to hundreds of MiB on demand", async (t) => {
  // 300 arrays of 1 MiB each, every one written at its last byte. Each is copied to a second
  // local, so no array is freed when `arr` is overwritten (docs/runtime.md, "Memory").
  const a = program((_b, p, f) => {
    const n = f.local("i32");
    const arr = f.local("i32");
    const keep = f.local("i32");
    const L = f.label();
    const B = f.label();
    return [
      ir.block(B, [
        ir.loop(L, [
          ir.if(bin("i32.ge_s", ir.get(n), i32(300)), [ir.br(B)]),
          ir.set(arr, ir.rt("array_new", [i32(LAYOUT.array8), i32(1), i64(1 << 20), i32(-1)])),
          ir.store("i32.store8", ir.elem(ir.get(arr), i64((1 << 20) - 1), 1), i32(1)),
          ir.set(keep, ir.get(arr)),
          ir.set(n, bin("i32.add", ir.get(n), i32(1))),
        ]),
      ]),
      p.i32(ir.memorySize()),
    ];
  });
  const r = await run(a);
  t.is(r.exitCode, 0, r.err);
  t.true(Number(r.out) >= 300 * 16, r.out);
});

test("heap exhaustion is a clean out-of-memory panic at the allocation site", async (t) => {
  const a = program((b, _p, f) => {
    const L = f.label();
    const at = b.loc(FILE, 40, 5);
    return [ir.loop(L, [ir.exec(ir.rt("array_new", [i32(LAYOUT.array8), i32(1), i64(1 << 20), i32(at)]))])];
  });
  const r = await run(a, { maxPages: 256 }); // 16 MiB
  t.is(r.exitCode, 101);
  t.regex(r.err, /^panic( at [^:]+:\d+:\d+)?: out of memory\n$/);
  t.is(r.panic?.message, "out of memory");
});

test("one huge allocation beyond the limit is out of memory, not a crash", async (t) => {
  const a = program((b) => [
    ir.exec(ir.rt("array_new", [i32(LAYOUT.array64), i32(8), i64(1n << 40n), i32(b.loc(FILE, 2, 2))])),
  ]);
  const r = await run(a);
  t.is(r.err, `panic at ${FILE}:2:2: out of memory\n`);
});

test("array length sits at the documented offset", async (t) => {
  const a = program((_b, p) => [
    p.i32(
      ir.load(
        "i32.load",
        ir.rt("array_new", [i32(LAYOUT.arrayRef), i32(4), i64(9), i32(-1)]),
        ARRAY_LENGTH_OFFSET,
      ),
    ),
  ]);
  t.is(dec.decode((await run(a)).stdout), "9\n");
});
