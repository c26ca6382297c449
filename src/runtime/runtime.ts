/**
 * The runtime, written once in the artifact IR: allocation, strings, number-to-text, byte
 * arrays, panics, I/O, files, environment, clocks. Both backends link these same functions
 * into every program (`link.ts`), so JIT and AOT behave identically by construction; only
 * the host surface (`host-abi.ts`) differs per backend.
 *
 * Layouts and meanings: docs/runtime.md. What this module deliberately does not do: it has
 * no per-backend code, keeps no state outside the linear heap and a few globals (the bump
 * pointer, the heap base, the free table and its class mask), and decides nothing about
 * what dies: it reuses only blocks the program frees (`free`, inserted by
 * `src/artifact/frees.ts`), and is no collector (docs/runtime.md, "Memory").
 */

import {
  ArtifactBuilder,
  ARRAY_DATA_OFFSET,
  ARRAY_LENGTH_OFFSET,
  CLOSURE_CODE_OFFSET,
  CLOSURE_ENV_OFFSET,
  CLOSURE_SIZE,
  LAYOUT,
  PANIC,
  PANIC_CODES,
  RUNTIME_FUNCTIONS,
  ir,
  type BinaryOp,
  type CodegenArtifact,
  type Expr,
  type FuncBuilder,
  type Stmt,
  type ValType,
} from "../artifact/index.ts";
import { HOST_CONTRACT, HOST_FUNCTIONS, HOST_LIBRARY, HOST_NAMES, type HostName } from "./host-abi.ts";

/** Name of the global holding the bump pointer: the next fresh heap address (set to heapBase at link time). */
export const HEAP_TOP_GLOBAL = "rt.heap_top";
/** Name of the global holding the first heap address (set to heapBase at link time). */
export const HEAP_BASE_GLOBAL = "rt.heap_base";
/** Name of the global holding the free table's address (0 until the first `free`). */
export const FREE_TABLE_GLOBAL = "rt.free_table";
/** Largest block (bytes) kept in an exact size class; larger ones go to the large list. */
export const FREE_SMALL_MAX = 256;
const FREE_TABLE_BYTES = (FREE_SMALL_MAX / 8 + 1) * 4;
/** Most large free blocks one allocation or free looks at (bounds the cost of fragmentation). */
export const FREE_SEARCH_MAX = 128;
/** Largest read the runtime asks the host for in one call. */
export const MAX_READ_CHUNK = 1 << 24;
/** Largest object the allocator accepts (bytes), so sizes stay positive i32s. */
export const MAX_OBJECT_BYTES = 0x7fff_fff0;

export interface RuntimeModule {
  /** The runtime as a standalone artifact: functions, data, the heap-top global, host externs. */
  readonly artifact: CodegenArtifact;
  /** Catalog name (and private helper name) → function index in `artifact`. */
  readonly functions: ReadonlyMap<string, number>;
  readonly heapTopGlobal: number;
}

const c = ir.i32;
const c64 = ir.i64;
const b32 = (op: string, l: Expr, r: Expr): Expr => ir.bin(`i32.${op}` as BinaryOp, l, r);
const b64 = (op: string, l: Expr, r: Expr): Expr => ir.bin(`i64.${op}` as BinaryOp, l, r);
const ext = (e: Expr): Expr => ir.un("i64.extend_i32_s", e);
const extU = (e: Expr): Expr => ir.un("i64.extend_i32_u", e);
const wrap = (e: Expr): Expr => ir.un("i32.wrap_i64", e);
const len32 = (obj: Expr): Expr => ir.load("i32.load", obj, ARRAY_LENGTH_OFFSET);
const dataOf = (obj: Expr): Expr => b32("add", obj, c(ARRAY_DATA_OFFSET));

/** Builds the runtime. Pure: the same artifact every time. */
export function buildRuntime(): RuntimeModule {
  const b = new ArtifactBuilder();
  const host = {} as Record<HostName, number>;
  for (const n of HOST_NAMES) {
    host[n] = b.extern({ contract: HOST_CONTRACT, name: n, library: HOST_LIBRARY, type: HOST_FUNCTIONS[n] });
  }
  const H = (name: HostName, args: Expr[]): Expr => ir.callExtern(host[name], args);
  const HT = b.global(HEAP_TOP_GLOBAL, "i32", 0);
  const HB = b.global(HEAP_BASE_GLOBAL, "i32", 0);
  const FT = b.global(FREE_TABLE_GLOBAL, "i32", 0);
  const FM = b.global("rt.free_classes", "i32", 0);

  const F = new Map<string, number>();
  for (const [name, info] of Object.entries(RUNTIME_FUNCTIONS)) {
    F.set(name, b.declare(`rt.${name}`, info.type.params, info.type.result));
  }
  const priv = (name: string, params: ValType[], result: ValType | null): void => {
    F.set(name, b.declare(`rt.${name}`, params, result));
  };
  priv("str_alloc", ["i32"], "i32");
  priv("str_pending", ["i32"], "i32");
  priv("utf8_seq", ["i32", "i32"], "i32");
  priv("u64_to_str", ["i64", "i32"], "i32");
  priv("read_into", ["i32", "i64", "i64"], "i32");
  priv("bump", ["i32", "i32"], "i32");
  priv("reuse", ["i32"], "i32");
  priv("free", ["i32", "i32"], null);
  priv("free_array", ["i32", "i32"], null);
  const call = (name: string, args: Expr[]): Expr => {
    const f = F.get(name);
    if (f === undefined) throw new Error(`runtime: no function ${name}`);
    return ir.call(f, args);
  };
  const def = (name: string, body: Parameters<ArtifactBuilder["define"]>[1]): void => {
    b.define(F.get(name)!, body);
  };
  /** Left-nested concatenation of string expressions. */
  const cat = (...parts: Expr[]): Expr => parts.reduce((acc, p) => call("str_concat", [acc, p]));
  const panicWith = (msg: Expr, loc: Expr): Stmt[] => [ir.exec(call("panic", [msg, loc])), ir.unreachable()];
  const oom = (loc: Expr): Stmt[] => [
    ir.exec(call("panic_code", [c(PANIC["out of memory"]), loc])),
    ir.unreachable(),
  ];
  const empty = b.string("");

  // ---- panics -------------------------------------------------------------------------
  def("panic", (f) => [
    ir.exec(H("panic", [dataOf(f.param(0)), len32(f.param(0)), f.param(1)])),
    ir.unreachable(),
  ]);
  def("panic_code", (f) => [
    ...PANIC_CODES.map((msg, i) => ir.if(b32("eq", f.param(0), c(i)), panicWith(b.string(msg), f.param(1)))),
    ...panicWith(b.string("unknown panic code"), f.param(1)),
  ]);
  def("panic_index", (f) =>
    panicWith(
      cat(
        b.string("index out of bounds: the length is "),
        call("str_from_i64", [f.param(0)]),
        b.string(" but the index is "),
        call("str_from_i64", [f.param(1)]),
      ),
      f.param(2),
    ),
  );
  def("unsupported", (f) =>
    panicWith(
      cat(b.string("intrinsic __"), f.param(0), b.string(" is not supported by this toolchain")),
      f.param(1),
    ),
  );

  // ---- allocation ---------------------------------------------------------------------
  // bump(layout, size): bump allocation, 8-aligned, zeroed (fresh WebAssembly/C memory is
  // zero and the bump pointer never hands out a byte twice). Growth doubles the heap when it
  // can, else grows by exactly what is needed, else panics `out of memory`.
  const bumpBody = (f: FuncBuilder): Stmt[] => {
    const top = f.local("i32");
    const end = f.local("i64");
    const cur = f.local("i32");
    const need = f.local("i32");
    return [
      ir.set(top, ir.gget(HT)),
      ir.set(end, b64("and", b64("add", b64("add", extU(ir.get(top)), extU(f.param(1))), c64(7)), c64(-8))),
      ir.if(b64("ge_u", ir.get(end), c64(0x1_0000_0000n)), oom(c(-1))),
      ir.if(b64("gt_u", ir.get(end), b64("shl", extU(ir.memorySize()), c64(16))), [
        ir.set(cur, ir.memorySize()),
        ir.set(
          need,
          b32("sub", wrap(b64("shr_u", b64("add", ir.get(end), c64(65535)), c64(16))), ir.get(cur)),
        ),
        ir.if(
          b32(
            "eq",
            ir.memoryGrow(ir.select(b32("gt_u", ir.get(need), ir.get(cur)), ir.get(need), ir.get(cur))),
            c(-1),
          ),
          [ir.if(b32("eq", ir.memoryGrow(ir.get(need)), c(-1)), oom(c(-1)))],
        ),
      ]),
      ir.gset(HT, wrap(ir.get(end))),
      ir.store("i32.store", ir.get(top), f.param(0)),
      ir.ret(ir.get(top)),
    ];
  };
  def("bump", bumpBody);
  // alloc(layout, size): a freed block of the size when there is one (re-zeroed by `reuse`),
  // else the bump path. Until the first `free` the free table is 0 and the only extra cost is
  // that one test.
  def("alloc", (f) => {
    const r = f.local("i32");
    return [
      ir.if(b32("ne", ir.gget(FT), c(0)), [
        ir.if(
          ir.cond(
            "i32",
            b32("le_u", f.param(1), c(FREE_SMALL_MAX)),
            b32("and", b32("shr_u", ir.gget(FM), b32("shr_u", b32("add", f.param(1), c(7)), c(3))), c(1)),
            b32("ne", ir.load("i32.load", ir.gget(FT)), c(0)),
          ),
          [
            ir.set(r, call("reuse", [f.param(1)])),
            ir.if(b32("ne", ir.get(r), c(0)), [
              ir.store("i32.store", ir.get(r), f.param(0)),
              ir.ret(ir.get(r)),
            ]),
          ],
        ),
      ]),
      ...bumpBody(f),
    ];
  });
  // The free table (allocated at the first free; `rt.free_table`): slot 0 heads the list of
  // large free blocks (over FREE_SMALL_MAX bytes) in address order, each `+0 next, +4 size`,
  // neighbours merged; slot k (1..FREE_SMALL_MAX/8) heads the list of free blocks of exactly
  // 8k bytes (`+0 next`). Sizes are rounded up to 8, as the bump allocator does.
  const round8 = (size: Expr): Expr =>
    ir.select(b32("eq", size, c(0)), c(8), b32("and", b32("add", size, c(7)), c(-8)));
  const smallSlot = (n: Expr): Expr => b32("add", ir.gget(FT), b32("shr_u", n, c(1)));
  // `rt.free_classes` has bit (n / 8) mod 32 set while the list of size n may be non-empty:
  // the allocator's quick test (a clear bit means: do not look, bump).
  const classBit = (n: Expr): Expr => b32("shl", c(1), b32("shr_u", n, c(3)));
  const markClass = (n: Expr): Stmt => ir.gset(FM, b32("or", ir.gget(FM), classBit(n)));
  // reuse(size) → a zeroed free block of at least `size` bytes taken out of the free table,
  // or 0. Small sizes use only their own class; large ones the first large block that fits,
  // split when bigger (the rest stays in place, or joins its small class).
  def("reuse", (f) => {
    const n = f.local("i32");
    const r = f.local("i32");
    const prev = f.local("i32");
    const sz = f.local("i32");
    const rest = f.local("i32");
    const k = f.local("i32");
    const L = f.label();
    return [
      ir.set(n, round8(f.param(0))),
      ir.if(b32("le_u", ir.get(n), c(FREE_SMALL_MAX)), [
        ir.set(prev, smallSlot(ir.get(n))),
        ir.set(r, ir.load("i32.load", ir.get(prev))),
        ir.if(b32("eq", ir.get(r), c(0)), [ir.ret(c(0))]),
        ir.store("i32.store", ir.get(prev), ir.load("i32.load", ir.get(r))),
        ir.if(b32("eq", ir.load("i32.load", ir.get(r)), c(0)), [
          ir.gset(FM, b32("and", ir.gget(FM), b32("xor", classBit(ir.get(n)), c(-1)))),
        ]),
        ir.fill(ir.get(r), c(0), ir.get(n)),
        ir.ret(ir.get(r)),
      ]),
      ir.set(prev, ir.gget(FT)),
      ir.loop(L, [
        ir.set(r, ir.load("i32.load", ir.get(prev))),
        // Past FREE_SEARCH_MAX blocks the search gives up (bump): no quadratic cliff.
        ir.set(k, b32("add", ir.get(k), c(1))),
        ir.if(b32("or", b32("eq", ir.get(r), c(0)), b32("gt_u", ir.get(k), c(FREE_SEARCH_MAX))), [
          ir.ret(c(0)),
        ]),
        ir.set(sz, ir.load("i32.load", ir.get(r), 4)),
        ir.if(b32("ge_u", ir.get(sz), ir.get(n)), [
          ir.set(rest, b32("sub", ir.get(sz), ir.get(n))),
          ir.if(
            b32("eq", ir.get(rest), c(0)),
            [ir.store("i32.store", ir.get(prev), ir.load("i32.load", ir.get(r)))],
            [
              ir.if(
                b32("le_u", ir.get(rest), c(FREE_SMALL_MAX)),
                [
                  ir.store("i32.store", ir.get(prev), ir.load("i32.load", ir.get(r))),
                  ir.set(sz, smallSlot(ir.get(rest))),
                  ir.store("i32.store", b32("add", ir.get(r), ir.get(n)), ir.load("i32.load", ir.get(sz))),
                  ir.store("i32.store", ir.get(sz), b32("add", ir.get(r), ir.get(n))),
                  markClass(ir.get(rest)),
                ],
                [
                  ir.store("i32.store", b32("add", ir.get(r), ir.get(n)), ir.load("i32.load", ir.get(r))),
                  ir.store("i32.store", b32("add", ir.get(r), ir.get(n)), ir.get(rest), 4),
                  ir.store("i32.store", ir.get(prev), b32("add", ir.get(r), ir.get(n))),
                ],
              ),
            ],
          ),
          ir.fill(ir.get(r), c(0), ir.get(n)),
          ir.ret(ir.get(r)),
        ]),
        ir.set(prev, ir.get(r)),
        ir.continue(L),
      ]),
    ];
  });
  // free(obj, size): gives the block of a dead object back. Addresses below the heap base
  // (0, constant data) are ignored, so a literal string can never enter the free table.
  def("free", (f) => {
    const [obj, size] = [f.param(0), f.param(1)];
    const n = f.local("i32");
    const prev = f.local("i32");
    const pb = f.local("i32");
    const r = f.local("i32");
    const k = f.local("i32");
    const L = f.label();
    const B = f.label();
    return [
      ir.if(b32("lt_u", obj, ir.gget(HB)), [ir.ret()]),
      ir.set(n, round8(size)),
      ir.if(b32("eq", ir.gget(FT), c(0)), [
        // Layout 0 writes 0 at +0, so the whole table starts zeroed.
        ir.gset(FT, call("bump", [c(0), c(FREE_TABLE_BYTES)])),
      ]),
      ir.if(b32("le_u", ir.get(n), c(FREE_SMALL_MAX)), [
        ir.set(prev, smallSlot(ir.get(n))),
        ir.store("i32.store", obj, ir.load("i32.load", ir.get(prev))),
        ir.store("i32.store", ir.get(prev), obj),
        markClass(ir.get(n)),
        ir.ret(),
      ]),
      // Large: find the neighbours (pb < obj < r) in the address-ordered list. Past
      // FREE_SEARCH_MAX blocks the block is kept (not freed), as every block was before.
      ir.set(prev, ir.gget(FT)),
      ir.block(B, [
        ir.loop(L, [
          ir.set(r, ir.load("i32.load", ir.get(prev))),
          ir.if(b32("or", b32("eq", ir.get(r), c(0)), b32("gt_u", ir.get(r), obj)), [ir.br(B)]),
          ir.set(k, b32("add", ir.get(k), c(1))),
          ir.if(b32("gt_u", ir.get(k), c(FREE_SEARCH_MAX)), [ir.ret()]),
          ir.set(pb, ir.get(r)),
          ir.set(prev, ir.get(r)),
          ir.continue(L),
        ]),
      ]),
      // Merge with the next block when adjacent.
      ir.if(b32("and", b32("ne", ir.get(r), c(0)), b32("eq", b32("add", obj, ir.get(n)), ir.get(r))), [
        ir.set(n, b32("add", ir.get(n), ir.load("i32.load", ir.get(r), 4))),
        ir.set(r, ir.load("i32.load", ir.get(r))),
      ]),
      // Merge into the previous block when adjacent.
      ir.if(
        b32(
          "and",
          b32("ne", ir.get(pb), c(0)),
          b32("eq", b32("add", ir.get(pb), ir.load("i32.load", ir.get(pb), 4)), obj),
        ),
        [
          ir.store("i32.store", ir.get(pb), b32("add", ir.load("i32.load", ir.get(pb), 4), ir.get(n)), 4),
          ir.store("i32.store", ir.get(pb), ir.get(r)),
          ir.ret(),
        ],
      ),
      ir.store("i32.store", obj, ir.get(r)),
      ir.store("i32.store", obj, ir.get(n), 4),
      ir.store("i32.store", ir.get(prev), obj),
      ir.ret(),
    ];
  });
  // free_array(a, elemSize): free of a string or array, its size computed from its length.
  def("free_array", (f) => [
    ir.if(b32("lt_u", f.param(0), ir.gget(HB)), [ir.ret()]),
    ir.exec(
      call("free", [f.param(0), b32("add", b32("mul", len32(f.param(0)), f.param(1)), c(ARRAY_DATA_OFFSET))]),
    ),
    ir.ret(),
  ]);
  def("array_new", (f) => {
    const [layout, elemSize, length, loc] = [f.param(0), f.param(1), f.param(2), f.param(3)];
    const bytes = f.local("i64");
    const a = f.local("i32");
    return [
      ir.if(
        b64("lt_s", length, c64(0)),
        panicWith(cat(b.string("invalid array length: "), call("str_from_i64", [length])), loc),
      ),
      // length < 2^63 and elemSize <= 8: the product is checked before it can overflow.
      ir.if(b64("gt_u", length, c64(MAX_OBJECT_BYTES)), oom(loc)),
      ir.set(bytes, b64("add", b64("mul", length, extU(elemSize)), c64(ARRAY_DATA_OFFSET))),
      ir.if(b64("gt_u", ir.get(bytes), c64(MAX_OBJECT_BYTES)), oom(loc)),
      ir.set(a, call("alloc", [layout, wrap(ir.get(bytes))])),
      ir.store("i32.store", ir.get(a), wrap(length), ARRAY_LENGTH_OFFSET),
      ir.ret(ir.get(a)),
    ];
  });
  def("array_len", (f) => [ir.ret(extU(len32(f.param(0))))]);
  def("closure_new", (f) => {
    const o = f.local("i32");
    return [
      ir.set(o, call("alloc", [c(LAYOUT.closure), c(CLOSURE_SIZE)])),
      ir.store("i32.store", ir.get(o), f.param(0), CLOSURE_CODE_OFFSET),
      ir.store("i32.store", ir.get(o), f.param(1), CLOSURE_ENV_OFFSET),
      ir.ret(ir.get(o)),
    ];
  });

  // ---- strings ------------------------------------------------------------------------
  def("str_alloc", (f) => {
    const s = f.local("i32");
    return [
      ir.if(b32("gt_u", f.param(0), c(MAX_OBJECT_BYTES - ARRAY_DATA_OFFSET)), oom(c(-1))),
      ir.set(s, call("alloc", [c(LAYOUT.string), b32("add", f.param(0), c(ARRAY_DATA_OFFSET))])),
      ir.store("i32.store", ir.get(s), f.param(0), ARRAY_LENGTH_OFFSET),
      ir.ret(ir.get(s)),
    ];
  });
  def("str_pending", (f) => {
    const s = f.local("i32");
    return [
      ir.set(s, call("str_alloc", [f.param(0)])),
      ir.exec(H("take", [dataOf(ir.get(s))])),
      ir.ret(ir.get(s)),
    ];
  });
  def("str_len", (f) => [ir.ret(extU(len32(f.param(0))))]);
  def("str_slice", (f) => {
    const [s, start, count, loc] = [f.param(0), f.param(1), f.param(2), f.param(3)];
    const r = f.local("i32");
    return [
      ir.if(
        b32(
          "or",
          b32("or", b64("lt_s", start, c64(0)), b64("lt_s", count, c64(0))),
          b64("gt_u", b64("add", start, count), extU(len32(s))),
        ),
        panicWith(
          cat(
            b.string("string slice out of range: start "),
            call("str_from_i64", [start]),
            b.string(", count "),
            call("str_from_i64", [count]),
            b.string(", length "),
            call("str_from_i64", [extU(len32(s))]),
          ),
          loc,
        ),
      ),
      ir.set(r, call("str_alloc", [wrap(count)])),
      ir.copy(dataOf(ir.get(r)), b32("add", dataOf(s), wrap(start)), wrap(count)),
      ir.ret(ir.get(r)),
    ];
  });
  def("str_eq", (f) => {
    const [a, bb] = [f.param(0), f.param(1)];
    const n = f.local("i32");
    const i = f.local("i32");
    const L1 = f.label();
    const B1 = f.label();
    const L2 = f.label();
    const B2 = f.label();
    const at = (base: Expr, op: "i64.load" | "i32.load8_u"): Expr =>
      ir.load(op, b32("add", base, ir.get(i)), 8);
    return [
      ir.if(b32("eq", a, bb), [ir.ret(c64(1))]),
      ir.set(n, len32(a)),
      ir.if(b32("ne", ir.get(n), len32(bb)), [ir.ret(c64(0))]),
      ir.block(B1, [
        ir.loop(L1, [
          ir.if(b32("gt_u", b32("add", ir.get(i), c(8)), ir.get(n)), [ir.br(B1)]),
          ir.if(b64("ne", at(a, "i64.load"), at(bb, "i64.load")), [ir.ret(c64(0))]),
          ir.set(i, b32("add", ir.get(i), c(8))),
        ]),
      ]),
      ir.block(B2, [
        ir.loop(L2, [
          ir.if(b32("ge_u", ir.get(i), ir.get(n)), [ir.br(B2)]),
          ir.if(b32("ne", at(a, "i32.load8_u"), at(bb, "i32.load8_u")), [ir.ret(c64(0))]),
          ir.set(i, b32("add", ir.get(i), c(1))),
        ]),
      ]),
      ir.ret(c64(1)),
    ];
  });
  // str_concat always allocates, even when one side is empty: LANGUAGE.md §5.12 says `+`
  // concatenates into a new string and §5.6 that every such construction is a new object,
  // so `s + "" === s` and `"${s}" === s` are false.
  def("str_concat", (f) => {
    const [a, bb] = [f.param(0), f.param(1)];
    const la = f.local("i32");
    const lb = f.local("i32");
    const r = f.local("i32");
    return [
      ir.set(la, len32(a)),
      ir.set(lb, len32(bb)),
      ir.set(r, call("str_alloc", [b32("add", ir.get(la), ir.get(lb))])),
      ir.copy(dataOf(ir.get(r)), dataOf(a), ir.get(la)),
      ir.copy(b32("add", dataOf(ir.get(r)), ir.get(la)), dataOf(bb), ir.get(lb)),
      ir.ret(ir.get(r)),
    ];
  });
  // utf8_seq(ptr, remaining): length n > 0 of the valid UTF-8 sequence at ptr, or -k when
  // the first k bytes form a maximal invalid subpart (each replaced by one U+FFFD; WHATWG).
  def("utf8_seq", (f) => {
    const [p, rem] = [f.param(0), f.param(1)];
    const b0 = f.local("i32");
    const n = f.local("i32");
    const lo = f.local("i32");
    const hi = f.local("i32");
    const k = f.local("i32");
    const ch = f.local("i32");
    const L = f.label();
    const is = (v: number): Expr => b32("eq", ir.get(b0), c(v));
    return [
      ir.set(b0, ir.load("i32.load8_u", p)),
      ir.if(b32("lt_u", ir.get(b0), c(0x80)), [ir.ret(c(1))]),
      ir.if(b32("lt_u", ir.get(b0), c(0xc2)), [ir.ret(c(-1))]),
      ir.set(lo, c(0x80)),
      ir.set(hi, c(0xbf)),
      ir.if(
        b32("lt_u", ir.get(b0), c(0xe0)),
        [ir.set(n, c(2))],
        [
          ir.if(
            b32("lt_u", ir.get(b0), c(0xf0)),
            [ir.set(n, c(3)), ir.if(is(0xe0), [ir.set(lo, c(0xa0))]), ir.if(is(0xed), [ir.set(hi, c(0x9f))])],
            [
              ir.if(b32("ge_u", ir.get(b0), c(0xf5)), [ir.ret(c(-1))]),
              ir.set(n, c(4)),
              ir.if(is(0xf0), [ir.set(lo, c(0x90))]),
              ir.if(is(0xf4), [ir.set(hi, c(0x8f))]),
            ],
          ),
        ],
      ),
      ir.set(k, c(1)),
      ir.loop(L, [
        ir.if(b32("ge_u", ir.get(k), ir.get(n)), [ir.ret(ir.get(n))]),
        ir.if(b32("ge_u", ir.get(k), rem), [ir.ret(b32("sub", c(0), ir.get(k)))]),
        ir.set(ch, ir.load("i32.load8_u", b32("add", p, ir.get(k)))),
        ir.if(b32("or", b32("lt_u", ir.get(ch), ir.get(lo)), b32("gt_u", ir.get(ch), ir.get(hi))), [
          ir.ret(b32("sub", c(0), ir.get(k))),
        ]),
        ir.set(lo, c(0x80)),
        ir.set(hi, c(0xbf)),
        ir.set(k, b32("add", ir.get(k), c(1))),
      ]),
    ];
  });
  def("str_from_bytes_utf8", (f) => {
    const src = f.param(0);
    const n = f.local("i32");
    const i = f.local("i32");
    const out = f.local("i32");
    const r = f.local("i32");
    const o = f.local("i32");
    const s = f.local("i32");
    const L1 = f.label();
    const B1 = f.label();
    const L2 = f.label();
    const B2 = f.label();
    const seq = (): Stmt =>
      ir.set(s, call("utf8_seq", [b32("add", dataOf(src), ir.get(i)), b32("sub", ir.get(n), ir.get(i))]));
    return [
      ir.set(n, len32(src)),
      ir.block(B1, [
        ir.loop(L1, [
          ir.if(b32("ge_u", ir.get(i), ir.get(n)), [ir.br(B1)]),
          seq(),
          ir.if(
            b32("gt_s", ir.get(s), c(0)),
            [ir.set(out, b32("add", ir.get(out), ir.get(s))), ir.set(i, b32("add", ir.get(i), ir.get(s)))],
            [ir.set(out, b32("add", ir.get(out), c(3))), ir.set(i, b32("sub", ir.get(i), ir.get(s)))],
          ),
        ]),
      ]),
      ir.set(r, call("str_alloc", [ir.get(out)])),
      ir.if(b32("eq", ir.get(out), ir.get(n)), [
        ir.copy(dataOf(ir.get(r)), dataOf(src), ir.get(n)),
        ir.ret(ir.get(r)),
      ]),
      ir.set(o, dataOf(ir.get(r))),
      ir.set(i, c(0)),
      ir.block(B2, [
        ir.loop(L2, [
          ir.if(b32("ge_u", ir.get(i), ir.get(n)), [ir.br(B2)]),
          seq(),
          ir.if(
            b32("gt_s", ir.get(s), c(0)),
            [
              ir.copy(ir.get(o), b32("add", dataOf(src), ir.get(i)), ir.get(s)),
              ir.set(o, b32("add", ir.get(o), ir.get(s))),
              ir.set(i, b32("add", ir.get(i), ir.get(s))),
            ],
            [
              ir.store("i32.store8", ir.get(o), c(0xef)),
              ir.store("i32.store8", ir.get(o), c(0xbf), 1),
              ir.store("i32.store8", ir.get(o), c(0xbd), 2),
              ir.set(o, b32("add", ir.get(o), c(3))),
              ir.set(i, b32("sub", ir.get(i), ir.get(s))),
            ],
          ),
        ]),
      ]),
      ir.ret(ir.get(r)),
    ];
  });

  // ---- numbers to text ----------------------------------------------------------------
  def("u64_to_str", (f) => {
    const [mag, neg] = [f.param(0), f.param(1)];
    const digits = f.local("i32");
    const t = f.local("i64");
    const r = f.local("i32");
    const p = f.local("i32");
    const m = f.local("i64");
    const q = f.local("i64");
    const L1 = f.label();
    const B1 = f.label();
    const L2 = f.label();
    // Digits are counted by comparing with powers of ten (t is the next power; u64 has at
    // most 20 digits, so the loop stops there before the power overflows) and each digit
    // costs one division, not two: the run-time dominates integer interpolation.
    return [
      ir.set(digits, c(1)),
      ir.set(t, c64(10)),
      ir.block(B1, [
        ir.loop(L1, [
          ir.if(b32("eq", ir.get(digits), c(20)), [ir.br(B1)]),
          ir.if(b64("lt_u", mag, ir.get(t)), [ir.br(B1)]),
          ir.set(t, b64("mul", ir.get(t), c64(10))),
          ir.set(digits, b32("add", ir.get(digits), c(1))),
          ir.continue(L1),
        ]),
      ]),
      ir.set(r, call("str_alloc", [b32("add", ir.get(digits), neg)])),
      ir.if(neg, [ir.store("i32.store8", ir.get(r), c(45), ARRAY_DATA_OFFSET)]),
      ir.set(p, b32("add", b32("add", dataOf(ir.get(r)), neg), ir.get(digits))),
      ir.set(m, mag),
      ir.loop(L2, [
        ir.set(p, b32("sub", ir.get(p), c(1))),
        ir.set(q, b64("div_u", ir.get(m), c64(10))),
        ir.store(
          "i32.store8",
          ir.get(p),
          b32("add", c(48), wrap(b64("sub", ir.get(m), b64("mul", ir.get(q), c64(10))))),
        ),
        ir.set(m, ir.get(q)),
        ir.if(b64("ne", ir.get(m), c64(0)), [ir.continue(L2)]),
        ir.ret(ir.get(r)),
      ]),
      ir.unreachable(),
    ];
  });
  def("str_from_i64", (f) => {
    const v = f.param(0);
    const neg = b64("lt_s", v, c64(0));
    return [ir.ret(call("u64_to_str", [ir.select(neg, b64("sub", c64(0), v), v), neg]))];
  });
  def("str_from_u64", (f) => [ir.ret(call("u64_to_str", [f.param(0), c(0)]))]);
  def("str_from_i32", (f) => [ir.ret(call("str_from_i64", [ext(f.param(0))]))]);
  def("str_from_u32", (f) => [ir.ret(call("u64_to_str", [extU(f.param(0)), c(0)]))]);
  def("str_from_f64", (f) => [ir.ret(call("str_pending", [H("format_f64", [f.param(0)])]))]);
  def("str_from_f32", (f) => [ir.ret(call("str_pending", [H("format_f32", [f.param(0)])]))]);
  def("str_from_bool", (f) => [ir.ret(ir.cond("i32", f.param(0), b.string("true"), b.string("false")))]);
  def("str_from_char", (f) => {
    const cp = f.local("i32");
    const r = f.local("i32");
    const byte = (offset: number, v: Expr): Stmt =>
      ir.store("i32.store8", ir.get(r), v, ARRAY_DATA_OFFSET + offset);
    const shr = (n: number): Expr => b32("shr_u", ir.get(cp), c(n));
    const cont = (e: Expr): Expr => b32("or", c(0x80), b32("and", e, c(63)));
    return [
      ir.set(cp, f.param(0)),
      ir.if(
        b32(
          "or",
          b32("gt_u", ir.get(cp), c(0x10ffff)),
          b32("and", b32("ge_u", ir.get(cp), c(0xd800)), b32("le_u", ir.get(cp), c(0xdfff))),
        ),
        [ir.set(cp, c(0xfffd))],
      ),
      ir.if(b32("lt_u", ir.get(cp), c(0x80)), [
        ir.set(r, call("str_alloc", [c(1)])),
        byte(0, ir.get(cp)),
        ir.ret(ir.get(r)),
      ]),
      ir.if(b32("lt_u", ir.get(cp), c(0x800)), [
        ir.set(r, call("str_alloc", [c(2)])),
        byte(0, b32("or", c(0xc0), shr(6))),
        byte(1, cont(ir.get(cp))),
        ir.ret(ir.get(r)),
      ]),
      ir.if(b32("lt_u", ir.get(cp), c(0x10000)), [
        ir.set(r, call("str_alloc", [c(3)])),
        byte(0, b32("or", c(0xe0), shr(12))),
        byte(1, cont(shr(6))),
        byte(2, cont(ir.get(cp))),
        ir.ret(ir.get(r)),
      ]),
      ir.set(r, call("str_alloc", [c(4)])),
      byte(0, b32("or", c(0xf0), shr(18))),
      byte(1, cont(shr(12))),
      byte(2, cont(shr(6))),
      byte(3, cont(ir.get(cp))),
      ir.ret(ir.get(r)),
    ];
  });

  // ---- byte arrays --------------------------------------------------------------------
  def("bytes_get", (f) => {
    const [a, idx, loc] = [f.param(0), f.param(1), f.param(2)];
    return [
      ir.if(b64("ge_u", idx, extU(len32(a))), [
        ir.exec(call("panic_index", [extU(len32(a)), idx, loc])),
        ir.unreachable(),
      ]),
      ir.ret(extU(ir.load("i32.load8_u", b32("add", a, wrap(idx)), ARRAY_DATA_OFFSET))),
    ];
  });
  def("bytes_compare", (f) => {
    const [a, bb] = [f.param(0), f.param(1)];
    const n = f.local("i32");
    const i = f.local("i32");
    const x = f.local("i32");
    const y = f.local("i32");
    const L = f.label();
    const B = f.label();
    return [
      ir.set(n, ir.select(b32("lt_u", len32(a), len32(bb)), len32(a), len32(bb))),
      ir.block(B, [
        ir.loop(L, [
          ir.if(b32("ge_u", ir.get(i), ir.get(n)), [ir.br(B)]),
          ir.set(x, ir.load("i32.load8_u", b32("add", a, ir.get(i)), ARRAY_DATA_OFFSET)),
          ir.set(y, ir.load("i32.load8_u", b32("add", bb, ir.get(i)), ARRAY_DATA_OFFSET)),
          ir.if(b32("ne", ir.get(x), ir.get(y)), [
            ir.ret(ir.select(b32("lt_u", ir.get(x), ir.get(y)), c64(-1), c64(1))),
          ]),
          ir.set(i, b32("add", ir.get(i), c(1))),
        ]),
      ]),
      ir.if(b32("lt_u", len32(a), len32(bb)), [ir.ret(c64(-1))]),
      ir.ret(ir.select(b32("gt_u", len32(a), len32(bb)), c64(1), c64(0))),
    ];
  });
  def("bytes_copy", (f) => {
    const [dst, dstOff, src, srcOff, n, loc] = [
      f.param(0),
      f.param(1),
      f.param(2),
      f.param(3),
      f.param(4),
      f.param(5),
    ];
    // Reports the first offending index: a negative offset or length, else the end of the range.
    const check = (arr: Expr, off: Expr): Stmt =>
      ir.if(
        b32(
          "or",
          b32("or", b64("lt_s", off, c64(0)), b64("lt_s", n, c64(0))),
          b64("gt_u", b64("add", off, n), extU(len32(arr))),
        ),
        [
          ir.exec(
            call("panic_index", [
              extU(len32(arr)),
              ir.select(
                b64("lt_s", off, c64(0)),
                off,
                ir.select(b64("lt_s", n, c64(0)), n, b64("add", off, n)),
              ),
              loc,
            ]),
          ),
          ir.unreachable(),
        ],
      );
    return [
      check(dst, dstOff),
      check(src, srcOff),
      ir.copy(b32("add", dataOf(dst), wrap(dstOff)), b32("add", dataOf(src), wrap(srcOff)), wrap(n)),
    ];
  });

  // ---- I/O ----------------------------------------------------------------------------
  const writeTo = (f: { param(i: number): Expr }): Stmt[] => [
    ir.if(b32("and", b64("ne", f.param(0), c64(1)), b64("ne", f.param(0), c64(2))), [ir.ret(c64(-1))]),
    ir.ret(ext(H("write", [wrap(f.param(0)), dataOf(f.param(1)), len32(f.param(1))]))),
  ];
  def("syscall_write", writeTo);
  def("syscall_write_bytes", writeTo);
  // read_into(layout, fd, max): a new string/byte array holding what one host read returned,
  // or 0 at end of input, on error or for an fd other than 0. The buffer is allocated at its
  // maximum size and the unused tail handed back to the bump allocator (re-zeroed).
  def("read_into", (f) => {
    const [layout, fd, max] = [f.param(0), f.param(1), f.param(2)];
    const m = f.local("i32");
    const r = f.local("i32");
    const n = f.local("i32");
    const top = f.local("i32");
    const newTop = f.local("i32");
    return [
      ir.if(b32("or", b64("ne", fd, c64(0)), b64("le_s", max, c64(0))), [ir.ret(c(0))]),
      ir.set(m, wrap(ir.select(b64("gt_s", max, c64(MAX_READ_CHUNK)), c64(MAX_READ_CHUNK), max))),
      // From the bump pointer, never a reused block: the tail is handed back to it.
      ir.set(r, call("bump", [layout, b32("add", ir.get(m), c(ARRAY_DATA_OFFSET))])),
      ir.set(top, ir.gget(HT)),
      ir.set(n, H("read", [c(0), dataOf(ir.get(r)), ir.get(m)])),
      ir.if(b32("le_s", ir.get(n), c(0)), [
        ir.fill(ir.get(r), c(0), b32("sub", ir.get(top), ir.get(r))),
        ir.gset(HT, ir.get(r)),
        ir.ret(c(0)),
      ]),
      ir.store("i32.store", ir.get(r), ir.get(n), ARRAY_LENGTH_OFFSET),
      ir.set(newTop, b32("and", b32("add", b32("add", dataOf(ir.get(r)), ir.get(n)), c(7)), c(-8))),
      ir.fill(ir.get(newTop), c(0), b32("sub", ir.get(top), ir.get(newTop))),
      ir.gset(HT, ir.get(newTop)),
      ir.ret(ir.get(r)),
    ];
  });
  def("syscall_read", (f) => {
    const r = f.local("i32");
    return [
      ir.set(r, call("read_into", [c(LAYOUT.string), f.param(0), f.param(1)])),
      ir.ret(ir.select(ir.get(r), ir.get(r), empty)),
    ];
  });
  def("syscall_read_bytes", (f) => {
    const r = f.local("i32");
    return [
      ir.set(r, call("read_into", [c(LAYOUT.array8), f.param(0), f.param(1)])),
      ir.if(b32("eq", ir.get(r), c(0)), [ir.ret(call("array_new", [c(LAYOUT.array8), c(1), c64(0), c(-1)]))]),
      ir.ret(ir.get(r)),
    ];
  });

  // Only fd 0 can be read, so any other fd is at its end (as `read_into` gives it nothing).
  def("syscall_read_at_end", (f) => [
    ir.if(b64("ne", f.param(0), c64(0)), [ir.ret(c64(1))]),
    ir.ret(extU(H("read_at_end", [c(0)]))),
  ]);

  // ---- files, environment, process ----------------------------------------------------
  const pendingOrEmpty = (name: string, lenExpr: (f: { param(i: number): Expr }) => Expr): void =>
    def(name, (f) => {
      const k = f.local("i32");
      return [
        ir.set(k, lenExpr(f)),
        ir.if(b32("lt_s", ir.get(k), c(0)), [ir.ret(empty)]),
        ir.ret(call("str_pending", [ir.get(k)])),
      ];
    });
  // One host call per line (docs/runtime.md, "Standard input"); only fd 0 can be read.
  pendingOrEmpty("syscall_read_line", (f) =>
    ir.cond("i32", b64("ne", f.param(0), c64(0)), c(-1), H("read_line", [c(0)])),
  );
  pendingOrEmpty("fs_read_text", (f) => H("fs_read", [dataOf(f.param(0)), len32(f.param(0))]));
  pendingOrEmpty("env_get", (f) => H("env_get", [dataOf(f.param(0)), len32(f.param(0))]));
  pendingOrEmpty("env_getcwd", () => H("getcwd", []));
  const path1 = (name: "fs_delete" | "fs_mkdir" | "fs_exists"): void =>
    def(name, (f) => [ir.ret(ext(H(name, [dataOf(f.param(0)), len32(f.param(0))])))]);
  path1("fs_delete");
  path1("fs_mkdir");
  path1("fs_exists");
  const path2 = (name: "fs_write_text" | "env_set", hostName: "fs_write" | "env_set"): void =>
    def(name, (f) => [
      ir.ret(
        ext(H(hostName, [dataOf(f.param(0)), len32(f.param(0)), dataOf(f.param(1)), len32(f.param(1))])),
      ),
    ]);
  path2("fs_write_text", "fs_write");
  path2("env_set", "env_set");
  def("process_getpid", () => [ir.ret(H("getpid", []))]);
  def("process_exit", (f) => [ir.exec(H("exit", [f.param(0)])), ir.unreachable()]);
  def("clock_realtime_nanos", () => [ir.ret(H("clock_realtime", []))]);
  def("clock_monotonic_nanos", () => [ir.ret(H("clock_monotonic", []))]);
  def("tty_winsize", (f) => [ir.ret(H("tty_winsize", [wrap(f.param(0))]))]);
  def("fiber_yield", () => []);
  def("fiber_now_millis", () => [ir.ret(b64("div_u", H("clock_monotonic", []), c64(1_000_000)))]);
  def("fiber_processor_count", () => [ir.ret(c64(1))]);

  return { artifact: b.finish(), functions: F, heapTopGlobal: HT };
}
