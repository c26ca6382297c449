/**
 * Extern contracts, attributes and parsed-but-unsupported constructs (LANGUAGE.md §4.4,
 * §5.15, §5.16; D17, D25).
 */

import test from "ava";
import { check, run } from "./helpers.ts";

test("extern contract calls are classified as extern", (t) => {
  const r = check(
    t,
    `[Extern(Abi: "C", Library: "libc.so.6")]
contract Libc { i32 isatty(i32 fd); i32 getpid(); }
i32 Main() { i64 fd = 1; i32 t = Libc.isatty(fd); return Libc.getpid(); }`,
    "W1203@3",
  );
  const c = r.program.contracts[0]!;
  t.deepEqual(c.extern, { abi: "C", library: "libc.so.6" });
  const st = r.program.functions.find((f) => f.name === "Main")!.body!.stmts[1]!;
  t.true(st.kind === "let" && st.init?.kind === "call" && st.init.target.kind === "extern");
});

test("E1510, E1511, E1512, E1513", (t) => {
  check(
    t,
    `[Extern(Abi: "C", Library: "libc.so.6")]
type NotAContract { i64 x }
[Extern(Abi: "Rust", Library: "")]
contract Bad { string name(i64 x); }
i32 Main() { return 0; }`,
    "E1510@1 E1511@3 E1512@3 E1513@4",
  );
});

test("E1229: ref/out/bulk parameters and ref types", (t) => {
  check(
    t,
    `unit F(ref i64 a) {}\nunit G(out i64 b) {}\nunit H(bulk i64 c) {}\ni32 Main() { return 0; }`,
    "E1229@1 E1229@2 E1229@3",
  );
});

test("attributes: E1806, E1807, E1808, E1809; undeclared attributes are inert", (t) => {
  check(
    t,
    `attribute Only(TypeDeclaration, TypeDeclaration, Nonsense) { level: i64 }
[Only(level: 1, level: 2)]
unit F() {}
[Whatever(x: y)]
unit G() {}
i32 Main() { return 0; }`,
    "E1806@1 E1807@1 E1808@2 E1809@2",
  );
});

test("E1230: hosts, inject fields, associated types, spawn", (t) => {
  const r = run(`type S { inject Logger log, i64 x }\ni32 Main() { return 0; }`);
  t.true(r.diagnostics.some((d) => d.code === "E1230"));
});

test("macro items are ignored", (t) => {
  check(t, `macro Twice(expr e) { $e + $e }\ni32 Main() { return 0; }`, "");
});

test("W1608: unsupported intrinsics warn; older builtins are accepted unchecked", (t) => {
  check(t, `i32 Main() { i64 g = __mutex_create(); __gc_write_barrier(1, 2, 3); return 0; }`, "W1608@1");
});
