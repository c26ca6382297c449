/**
 * The dead-object analysis (src/artifact/frees.ts) on hand-written IR: which locals own their
 * objects (every way a reference can be kept disqualifies the local), which parameters are
 * borrowed across calls, and where `insertFrees` puts the frees. Behaviour under both
 * backends is checked by the programs of `fixtures/programs/memory/` (program suite, parity
 * suite and `__tests__/aot/memory.test.ts`).
 */

import test from "ava";
import {
  borrowedParams,
  freesFor,
  insertFrees,
  ir,
  owningLocals,
  LAYOUT,
  type CodegenArtifact,
  type Expr,
  type Func,
  type Stmt,
} from "../../src/artifact/index.ts";

const i32 = (v: number): Expr => ir.i32(v);
const i64 = (v: number): Expr => ir.i64(BigInt(v));
const newArray = (): Expr => ir.rt("array_new", [i32(LAYOUT.array64), i32(8), i64(10), i32(-1)]);
const at = (l: number, k: number): Expr => ir.elem(ir.get(l), i64(k), 8);
const TARGETS = { free: 100, freeArray: 101 };

function fn(
  params: ("i32" | "i64")[],
  locals: ("i32" | "i64")[],
  body: Stmt[],
  result: "i64" | null = "i64",
): Func {
  return { name: "f", type: { params, result }, locals, body };
}

function program(...functions: Func[]): CodegenArtifact {
  return { functions } as unknown as CodegenArtifact;
}

/** Owning locals of `functions[0]` of a program of `functions`. */
function owned(...functions: Func[]): number[] {
  const b = borrowedParams(program(...functions), functions.length);
  return [...owningLocals(functions[0]!, functions.length, b).keys()];
}

const readsOnly = (l: number): Stmt[] => [
  ir.set(l, newArray()),
  ir.store("i64.store", at(l, 1), i64(5)),
  ir.ret(ir.load("i64.load", at(l, 1))),
];

test("a local holding a new array, read only through loads and stores, owns it", (t) => {
  t.deepEqual(owned(fn([], ["i32"], readsOnly(0))), [0]);
  const b = borrowedParams(program(fn([], ["i32"], readsOnly(0))), 1);
  t.deepEqual([...owningLocals(fn([], ["i32"], readsOnly(0)), 1, b).values()], [{ elem: 8 }]);
});

test("every way to keep the reference disqualifies the local", (t) => {
  const cases: Record<string, Stmt[]> = {
    "copied to another local": [...readsOnly(0).slice(0, 2), ir.set(1, ir.get(0)), ir.ret(i64(0))],
    "stored into the heap": [
      ...readsOnly(0).slice(0, 2),
      ir.set(1, newArray()),
      ir.store("i32.store", at(1, 0), ir.get(0)),
      ir.ret(i64(0)),
    ],
    "stored in a global": [...readsOnly(0).slice(0, 2), ir.gset(0, ir.get(0)), ir.ret(i64(0))],
    "widened and returned": [ir.set(0, newArray()), ir.ret(ir.un("i64.extend_i32_u", ir.get(0)))],
    "assigned by tee": [ir.exec(ir.tee(0, newArray())), ir.ret(i64(0))],
    "an interior address escaping": [
      ir.set(0, newArray()),
      ir.set(1, ir.bin("i32.add", ir.get(0), i32(8))),
      ir.ret(i64(0)),
    ],
    "passed to an indirect call": [
      ir.set(0, newArray()),
      ir.ret(ir.callIndirect({ params: ["i32"], result: "i64" }, i32(0), [ir.get(0)])),
    ],
    "passed to a runtime function that may keep it": [
      ir.set(0, newArray()),
      ir.exec(ir.rt("closure_new", [i32(0), ir.get(0)])),
      ir.ret(i64(0)),
    ],
    "assigned a value that is not new": [ir.set(0, ir.load("i32.load", i32(64))), ir.ret(i64(0))],
    "assigned only constant data": [ir.set(0, ir.data(0)), ir.ret(ir.rt("str_len", [ir.get(0)]))],
  };
  for (const [what, body] of Object.entries(cases))
    t.false(owned(fn([], ["i32", "i32"], body)).includes(0), what);
  // A parameter never owns its value.
  t.deepEqual(owned(fn(["i32"], [], [ir.set(0, newArray()), ir.ret(i64(0))])), []);
  // Two size rules for one local: not freed.
  t.deepEqual(
    owned(
      fn([], ["i32"], [ir.set(0, newArray()), ir.set(0, ir.rt("str_from_i64", [i64(1)])), ir.ret(i64(0))]),
    ),
    [],
  );
});

test("passing to a user function: only a borrowed parameter keeps the local owning", (t) => {
  const caller = fn([], ["i32"], [ir.set(0, newArray()), ir.ret(ir.call(1, [ir.get(0)]))]);
  const reads = fn(["i32"], [], [ir.ret(ir.load("i64.load", at(0, 0)))]);
  const keeps = fn(["i32"], [], [ir.gset(0, ir.get(0)), ir.ret(i64(0))]);
  const returns = fn(["i32"], [], [ir.ret(ir.un("i64.extend_i32_u", ir.get(0)))]);
  // Forwards to a function that keeps it (function 2).
  const forwards = fn(["i32"], [], [ir.ret(ir.call(2, [ir.get(0)]))]);
  // Recursive and borrowing: the greatest fixpoint keeps the parameter borrowed.
  const recursive = fn(["i32"], [], [ir.if(ir.i32(0), [ir.ret(ir.call(1, [ir.get(0)]))]), ir.ret(i64(0))]);
  t.deepEqual(owned(caller, reads), [0]);
  t.deepEqual(owned(caller, keeps), []);
  t.deepEqual(owned(caller, returns), []);
  t.deepEqual(owned(caller, forwards, keeps), []);
  t.deepEqual(owned(caller, forwards, reads), [0]);
  t.deepEqual(owned(caller, recursive), [0]);
  // A parameter the callee reassigns is not borrowed.
  const reassigns = fn(["i32"], [], [ir.set(0, i32(0)), ir.ret(i64(0))]);
  t.deepEqual(owned(caller, reassigns), []);
});

test("a local assigned inside an expression after an earlier operand read it is not owning", (t) => {
  const reads = fn(["i32", "i32"], [], [ir.ret(ir.load("i64.load", at(0, 0)))]);
  const assign = ir.seq([ir.set(0, newArray())], i32(0));
  // f(a, seq{ a = new … }): the call gets the old `a` after the assignment (a unit argument).
  const call = fn([], ["i32"], [ir.set(0, newArray()), ir.ret(ir.call(1, [ir.get(0), assign]))]);
  t.deepEqual(owned(call, reads), []);
  // The same with an address computed from the old value, in a store.
  const store = fn(
    [],
    ["i32"],
    [
      ir.set(0, newArray()),
      ir.store("i64.store", at(0, 0), ir.seq([ir.set(0, newArray())], i64(1))),
      ir.ret(i64(0)),
    ],
  );
  t.deepEqual(owned(store), []);
  // A read used up by an earlier statement, or inside the assigned value, is fine.
  const before = fn(
    [],
    ["i32"],
    [ir.set(0, newArray()), ir.exec(ir.call(1, [ir.get(0), i32(0)])), ir.exec(assign), ir.ret(i64(0))],
  );
  t.deepEqual(owned(before, reads), [0]);
  const inValue = fn(
    [],
    ["i32"],
    [
      ir.set(0, newArray()),
      ir.exec(ir.call(1, [i32(0), ir.seq([ir.set(0, newArray())], ir.load("i32.load", ir.get(0)))])),
      ir.ret(i64(0)),
    ],
  );
  t.deepEqual(owned(inValue, reads), [0]);
});

test("a local a tail self-call's return reads is not owning (the call stays a tail call)", (t) => {
  // f(p) { if … { return 0 }; t = new; return <value(t)> } with f's parameter borrowed.
  const selfFn = (value: Expr): Func =>
    fn(["i32"], ["i32"], [ir.if(ir.i32(0), [ir.ret(i64(0))]), ir.set(1, newArray()), ir.ret(value)]);
  const ownedSelf = (f: Func): number[] => [...owningLocals(f, 1, borrowedParams(program(f), 1), 0).keys()];
  t.deepEqual(ownedSelf(selfFn(ir.call(0, [ir.get(1)]))), []);
  t.deepEqual(ownedSelf(selfFn(ir.bin("i64.add", i64(1), ir.call(0, [ir.get(1)])))), []);
  // Read on the left of the add: the free would still follow the call.
  t.deepEqual(
    ownedSelf(selfFn(ir.bin("i64.add", ir.load("i64.load", at(1, 0)), ir.call(0, [ir.get(0)])))),
    [],
  );
  // The self-call's result used otherwise: owning, freed after the call.
  t.deepEqual(ownedSelf(selfFn(ir.bin("i64.mul", i64(2), ir.call(0, [ir.get(1)])))), [1]);
  // A unit function ending in a call of itself: the end's frees go before that call.
  const unit = fn(
    ["i32"],
    ["i32", "i32"],
    [ir.set(1, newArray()), ir.set(2, newArray()), ir.exec(ir.call(0, [ir.get(2)]))],
    null,
  );
  const b = borrowedParams(program(unit), 1);
  t.deepEqual([...owningLocals(unit, 1, b, 0).keys()], [1]);
  const body = insertFrees(unit, 1, b, TARGETS, undefined, 0).body;
  t.deepEqual(body.slice(-2), [
    ir.exec(ir.call(TARGETS.freeArray, [ir.get(1), i32(8)])),
    ir.exec(ir.call(0, [ir.get(2)])),
  ]);
  // Another function's call in tail position: owning too (the JIT cannot make it a loop).
  const reads = fn(["i32"], [], [ir.ret(ir.load("i64.load", at(0, 0)))]);
  const other = fn([], ["i32"], [ir.set(0, newArray()), ir.ret(ir.call(1, [ir.get(0)]))]);
  t.deepEqual(owned(other, reads), [0]);
});

test("a record literal (seq of a new object and stores into it) is a new object", (t) => {
  const lit = ir.seq(
    [ir.set(1, ir.rt("alloc", [i32(7), i32(24)])), ir.store("i64.store", ir.get(1), i64(3), 8)],
    ir.get(1),
  );
  const f = fn([], ["i32", "i32"], [ir.set(0, lit), ir.ret(ir.load("i64.load", ir.get(0), 8))]);
  const b = borrowedParams(program(f), 1);
  t.deepEqual([...owningLocals(f, 1, b)], [[0, { size: 24 }]]);
  // The temporary used again elsewhere: not treated as new.
  const g = fn([], ["i32", "i32"], [ir.set(0, lit), ir.set(1, i32(0)), ir.ret(i64(0))]);
  t.deepEqual(owned(g), []);
});

test("frees go after the new value is computed and before every return", (t) => {
  // s = "" ; loop { s = s + "ab" } ; return len(s)
  const concat = ir.rt("str_concat", [ir.get(0), ir.data(1)]);
  const f = fn(
    [],
    ["i32"],
    [
      ir.set(0, ir.data(0)),
      ir.if(i32(1), [ir.ret(i64(7))]),
      ir.set(0, concat),
      ir.ret(ir.rt("str_len", [ir.get(0)])),
    ],
  );
  const g = insertFrees(f, 1, borrowedParams(program(f), 1), TARGETS);
  const free = ir.exec(ir.call(TARGETS.freeArray, [ir.get(0), i32(1)]));
  // Locals: 0 = s, 1 = its temporary, 2 = the result temporary.
  t.deepEqual(g.locals, ["i32", "i32", "i64"]);
  t.deepEqual(g.body, [
    ir.set(1, ir.data(0)),
    free,
    ir.set(0, ir.get(1)),
    ir.if(i32(1), [free, ir.ret(i64(7))]),
    ir.set(1, concat),
    free,
    ir.set(0, ir.get(1)),
    ir.set(2, ir.rt("str_len", [ir.get(0)])),
    free,
    ir.ret(ir.get(2)),
  ]);
  // A function without a result frees at its end too.
  const h = fn([], ["i32"], readsOnly(0).slice(0, 2), null);
  const hb = insertFrees(h, 1, borrowedParams(program(h), 1), TARGETS).body;
  t.deepEqual(hb[hb.length - 1], ir.exec(ir.call(TARGETS.freeArray, [ir.get(0), i32(8)])));
  // Nothing owned: the function itself.
  const none = fn([], ["i32"], [ir.set(0, newArray()), ir.gset(0, ir.get(0)), ir.ret(i64(0))]);
  t.is(insertFrees(none, 1, borrowedParams(program(none), 1), TARGETS), none);
});

test("a new object passed straight to a borrowing argument is freed after the call", (t) => {
  // drop(str_len(str_concat(str_from_i64(1), "x"))): both inner strings are temporaries.
  const inner = ir.rt("str_from_i64", [i64(1)]);
  const f = fn(
    [],
    [],
    [ir.exec(ir.rt("str_len", [ir.rt("str_concat", [inner, ir.data(0)])])), ir.ret(i64(0))],
  );
  const g = insertFrees(f, 1, borrowedParams(program(f), 1), TARGETS);
  const free = (l: number): Stmt => ir.exec(ir.call(TARGETS.freeArray, [ir.get(l), i32(1)]));
  // Locals: 0 = the concat's argument, 1 = its result, 2 = str_len's argument.
  t.deepEqual(g.locals, ["i32", "i32", "i32"]);
  t.deepEqual(
    g.body[0],
    ir.set(
      2,
      ir.seq([ir.set(0, inner), ir.set(1, ir.rt("str_concat", [ir.get(0), ir.data(0)])), free(0)], ir.get(1)),
    ),
  );
  t.deepEqual(g.body.slice(1), [ir.exec(ir.rt("str_len", [ir.get(2)])), free(2), ir.ret(i64(0))]);
  // Not borrowed (a user function that keeps its parameter): left alone.
  const keeps = fn(["i32"], [], [ir.gset(0, ir.get(0)), ir.ret(i64(0))]);
  const h = fn([], [], [ir.exec(ir.call(1, [ir.rt("str_from_i64", [i64(1)])])), ir.ret(i64(0))]);
  t.is(
    insertFrees(h, 2, borrowedParams(program(h, keeps), 2), TARGETS, () => "i64"),
    h,
  );
  // An earlier argument with effects keeps its place: the later new object is not hoisted.
  const order = fn(
    [],
    [],
    [ir.exec(ir.rt("str_eq", [ir.call(1, []), ir.rt("str_from_i64", [i64(2)])])), ir.ret(i64(0))],
  );
  const other = fn([], [], [ir.ret(i64(0))]);
  t.is(
    insertFrees(order, 2, borrowedParams(program(order, other), 2), TARGETS, () => "i32"),
    order,
  );
  // A returned call of a program function stays a call (a tail call).
  const reads = fn(["i32"], [], [ir.ret(ir.rt("str_len", [ir.get(0)]))]);
  const tail = fn([], [], [ir.ret(ir.call(1, [ir.rt("str_from_i64", [i64(3)])]))]);
  t.is(
    insertFrees(tail, 2, borrowedParams(program(tail, reads), 2), TARGETS, () => "i64"),
    tail,
  );
});

test("a literal-building seq is new only when its private locals cannot leak or carry the result", (t) => {
  // seq [t = alloc string; p = t + 8; memory.copy p …] t, as string interpolation lowers.
  const interp = (extra: Stmt[] = [], first: Stmt[] = []): Expr =>
    ir.seq(
      [
        ...first,
        ir.set(1, ir.rt("alloc", [i32(LAYOUT.string), i32(16)])),
        ir.store("i32.store", ir.get(1), i32(8), 4),
        ir.set(2, ir.bin("i32.add", ir.get(1), i32(8))),
        ir.copy(ir.get(2), ir.data(0), i32(8)),
        ...extra,
      ],
      ir.get(1),
    );
  const owner = (v: Expr, more: Stmt[] = []): Func =>
    fn([], ["i32", "i32", "i32", "i32"], [ir.set(0, v), ...more, ir.ret(ir.rt("str_len", [ir.get(0)]))]);
  const b = (f: Func): boolean[][] => borrowedParams(program(f), 1);
  const ok = owner(interp());
  t.deepEqual([...owningLocals(ok, 1, b(ok))], [[0, { elem: 1 }]]);
  const cases: Record<string, Func> = {
    // The cursor (an address inside the new string) copied to a local read after the seq.
    "an interior address leaks": owner(interp([ir.set(3, ir.get(2))]), [
      ir.store("i32.store8", ir.get(3), i32(0)),
    ]),
    // The cursor stored into the heap.
    "an interior address stored": owner(interp([ir.store("i32.store", ir.data(1), ir.get(2))])),
    // A private local read before this run of the seq assigns it (a stale value).
    "a private local read first": owner(interp([], [ir.exec(ir.rt("str_len", [ir.get(2)]))])),
    // The temporary used outside the seq as well.
    "the temporary used elsewhere": owner(interp(), [ir.exec(ir.rt("str_len", [ir.get(1)]))]),
  };
  for (const [what, f] of Object.entries(cases)) t.false(owningLocals(f, 1, b(f)).has(0), what);
});

test("freesFor gives insertFrees the callees' result types and leaves runtime functions alone", (t) => {
  // caller: x = reads(str_from_i64(1)); return x — reads borrows its parameter and returns i64.
  const reads = fn(["i32"], [], [ir.ret(ir.rt("str_len", [ir.get(0)]))]);
  const caller = fn(
    [],
    ["i64"],
    [ir.set(0, ir.call(1, [ir.rt("str_from_i64", [i64(1)])])), ir.ret(ir.get(0))],
  );
  const runtime = fn(["i32"], [], [ir.ret(ir.rt("str_len", [ir.get(0)]))]);
  const p = program(caller, reads, runtime);
  const frees = freesFor(p, 2, TARGETS);
  const freed = (f: Func): boolean =>
    JSON.stringify(f.body, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v)).includes(
      `"func":${TARGETS.freeArray}`,
    );
  // Without the result types the temporary would be kept (the call's result is used).
  t.false(freed(insertFrees(caller, 2, borrowedParams(p, 2), TARGETS)));
  t.true(freed(frees(caller, 0)), "the temporary passed to a borrowed parameter is freed after the call");
  t.is(frees(runtime, 2), runtime);
});
