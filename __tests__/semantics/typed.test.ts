/**
 * Invariants of the typed program that lowering relies on, checked over every body of the
 * real corelib and the clean fixtures: no poison, call type arguments match the callee,
 * every local read belongs to the function or its captures, conversions change the type,
 * binary operands have the operand type, and the type table is interned.
 */

import test from "ava";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseFile } from "../../src/syntax/index.ts";
import {
  analyze,
  substitute,
  type TBlock,
  type TExpr,
  type TStmt,
  type TypedProgram,
} from "../../src/semantics/index.ts";
import { modulePathOf, run } from "./helpers.ts";

function walkFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walkFiles(p) : p.endsWith(".bd") ? [p] : [];
    });
}

/** All problems found in the program's bodies. */
function invariants(p: TypedProgram): string[] {
  const problems: string[] = [];
  for (const f of p.functions) {
    if (!f.body) continue;
    const own = new Set<number>([...f.locals, ...f.captures]);
    const where = (e: { span: { start: number } }) => `${f.qualifiedName}@${f.file}:${e.span.start}`;
    const expr = (e: TExpr): void => {
      if (e.kind === "error" || p.types[e.type]!.kind === "error") problems.push(`poison at ${where(e)}`);
      switch (e.kind) {
        case "local":
          if (!own.has(e.local)) problems.push(`foreign local ${p.locals[e.local]!.name} at ${where(e)}`);
          break;
        case "call":
          if (e.target.kind === "function") {
            const callee = p.functions[e.target.func]!;
            if (e.target.typeArgs.length !== callee.typeParams.length)
              problems.push(`type argument count at ${where(e)}`);
            if (e.args.length !== callee.paramTypes.length) problems.push(`argument count at ${where(e)}`);
          }
          if (e.target.kind === "closure") expr(e.target.callee);
          e.args.forEach(expr);
          break;
        case "convert":
          if (e.operand.type === e.type) problems.push(`identity conversion at ${where(e)}`);
          expr(e.operand);
          break;
        case "binary":
          if (
            e.op !== "shl" &&
            e.op !== "shr" &&
            (e.left.type !== e.operandType || e.right.type !== e.operandType)
          )
            problems.push(`binary operand types at ${where(e)}`);
          expr(e.left);
          expr(e.right);
          break;
        case "lambda":
          for (const c of p.functions[e.func]!.captures)
            if (!own.has(c)) problems.push(`capture not visible in parent at ${where(e)}`);
          break;
        case "field":
        case "to_text":
        case "unary":
          expr("object" in e ? e.object : e.operand);
          break;
        case "index":
          expr(e.object);
          expr(e.index);
          break;
        case "logical":
        case "concat":
          expr(e.left);
          expr(e.right);
          break;
        case "interp":
          e.parts.forEach(expr);
          break;
        case "record_new":
          e.fields.forEach((x) => expr(x.value));
          break;
        case "enum_new":
          e.args.forEach(expr);
          break;
        case "array_lit":
          e.elements.forEach(expr);
          break;
        case "block":
          block(e.block);
          break;
        case "match":
          expr(e.scrutinee);
          for (const a of e.arms) {
            if (a.guard) expr(a.guard);
            expr(a.body);
          }
          break;
        case "try":
          expr(e.operand);
          break;
        case "assign":
          if (e.target.kind === "local" && !own.has(e.target.local))
            problems.push(`foreign assignment at ${where(e)}`);
          if (e.target.kind !== "local") expr(e.target.object);
          if (e.target.kind === "index") expr(e.target.index);
          expr(e.value);
          break;
        case "event_sub":
          expr(e.object);
          expr(e.handler);
          break;
        default:
          break;
      }
    };
    const stmt = (s: TStmt): void => {
      switch (s.kind) {
        case "let":
          if (s.init) expr(s.init);
          break;
        case "expr":
          expr(s.expr);
          break;
        case "return":
          if (s.value) expr(s.value);
          break;
        case "if":
          expr(s.cond);
          block(s.then);
          if (s.else) block(s.else);
          break;
        case "while":
          expr(s.cond);
          block(s.body);
          break;
        case "for_range":
          expr(s.start);
          expr(s.end);
          block(s.body);
          break;
        case "for_array":
          expr(s.array);
          block(s.body);
          break;
        case "for_iter":
          expr(s.iterator);
          expr(s.next);
          block(s.body);
          break;
        case "block":
          block(s.block);
          break;
        default:
          break;
      }
    };
    const block = (b: TBlock) => b.stmts.forEach(stmt);
    block(f.body);
  }
  return problems;
}

test("typed-program invariants hold over the corelib and its tests", (t) => {
  const root = resolve(import.meta.dirname, "../../corelib");
  const roots = [join(root, "Tests/Src"), join(root, "Src")];
  const units = roots.flatMap((r) =>
    walkFiles(r).map((f) => {
      const parsed = parseFile(readFileSync(f, "utf8"), relative(root, f));
      return {
        file: relative(root, f),
        module: modulePathOf("/" + relative(r, f)),
        tree: parsed.tree,
        lineIndex: parsed.lineIndex,
      };
    }),
  );
  const r = analyze(units, { entryModuleIndex: 0, rethrowInternalErrors: true });
  t.deepEqual(invariants(r.program), []);
});

test("typed-program invariants hold over the clean fixtures", (t) => {
  const dir = resolve(import.meta.dirname, "../fixtures/semantics");
  for (const name of readdirSync(dir).filter((n) => n.endsWith("-ok.bd"))) {
    const r = run(readFileSync(join(dir, name), "utf8"));
    t.deepEqual(invariants(r.program), [], name);
  }
});

test("the type table is interned and extensible for monomorphisation", (t) => {
  const r = run(
    `type Box<T> { T v }\ni32 Main() { Box<i64> a = Box<i64> { v: 1 }; Box<i64> b = a; return 0; }`,
  );
  const box = r.program.records.find((x) => x.name === "Box")!;
  const inst = substitute(r.typeTable, box.selfType, new Map([[box.typeParams[0]!, 9]]));
  const main = r.program.functions.find((f) => f.name === "Main")!;
  t.is(r.program.locals[main.params.length === 0 ? main.locals[0]! : 0]!.type, inst);
  const before = r.program.types.length;
  substitute(r.typeTable, box.selfType, new Map([[box.typeParams[0]!, 2]]));
  t.is(r.program.types.length, before + 1);
});

/** Collect every node of a kind in a function body (shallow enough for small programs). */
function collect(p: TypedProgram, fname: string): TExpr[] {
  const out: TExpr[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(visit);
    if (x === null || typeof x !== "object") return;
    const o = x as Record<string, unknown>;
    if (typeof o.kind === "string" && typeof o.type === "number" && "span" in o)
      out.push(o as unknown as TExpr);
    for (const [k, v] of Object.entries(o)) if (k !== "span" && k !== "type") visit(v);
  };
  visit(p.functions.find((f) => f.name === fname)!.body);
  return out;
}

test("implicit conversions are explicit convert nodes of the right kind", (t) => {
  const r = run(`unit F(i32 a, i64 b, f32 c, u8 d) {
  i64 w = a;
  i32 n = b;
  f64 x = a;
  i64 y = c;
  f64 z = c;
  f32 q = z;
  i16 e = d;
}
i32 Main() { return 0; }`);
  const convs = collect(r.program, "F").filter((e) => e.kind === "convert");
  t.deepEqual(
    convs.map((c) => (c.kind === "convert" ? c.conv.kind : "")),
    ["widen", "narrow", "int_to_float", "float_to_int", "widen", "float_narrow", "widen"],
  );
  t.is(r.diagnostics.filter((d) => d.code === "W1203").length, 4);
});

test("interpolation parts carry their text conversion", (t) => {
  const r =
    run(`string F(i64 a, u8 b, f32 c, f64 d, bool e, char f, string g) => "\${a}\${b}\${c}\${d}\${e}\${f}\${g}!";
string G<T>(T x) => "\${x}";
i32 Main() { return 0; }`);
  const [interp] = collect(r.program, "F").filter((e) => e.kind === "interp");
  if (interp?.kind !== "interp") return t.fail();
  t.deepEqual(
    interp.parts.map((p) => (p.kind === "to_text" ? p.conv : p.kind)),
    ["int", "uint", "f32", "f64", "bool", "char", "local", "string"],
  );
  const [g] = collect(r.program, "G").filter((e) => e.kind === "to_text");
  t.true(g?.kind === "to_text" && g.conv === "param");
});

test("numeric operands are converted to their common type before the operation", (t) => {
  const r = run(`i64 F(i8 a, u8 b) => a + b;\ni32 Main() { return 0; }`);
  const [bin] = collect(r.program, "F").filter((e) => e.kind === "binary");
  if (bin?.kind !== "binary") return t.fail();
  t.is(
    r.program.types[bin.operandType]!.kind === "prim" &&
      (r.program.types[bin.operandType] as { prim: string }).prim,
    "i16",
  );
  t.is(bin.left.kind, "convert");
  t.is(bin.right.kind, "convert");
});
