/**
 * Shared helpers for the JIT tests: build a program around a `main` body with print
 * helpers (each value on its own line), and run it through the public `runMain`.
 */

import {
  ArtifactBuilder,
  ir,
  type CodegenArtifact,
  type Expr,
  type FuncBuilder,
  type Stmt,
} from "../../src/artifact/index.ts";
import { runMain, type RunOptions, type RunResult } from "../../src/backends/jit/index.ts";

export const FILE = "src/Main.bd";

export interface Printer {
  /** Writes a string object followed by a newline. */
  str(e: Expr): Stmt;
  i32(e: Expr): Stmt;
  u32(e: Expr): Stmt;
  i64(e: Expr): Stmt;
  u64(e: Expr): Stmt;
  f64(e: Expr): Stmt;
  f32(e: Expr): Stmt;
}

export function printer(b: ArtifactBuilder): Printer {
  const line = (s: Expr): Stmt =>
    ir.exec(ir.rt("syscall_write", [ir.i64(1), ir.rt("str_concat", [s, b.string("\n")])]));
  return {
    str: line,
    i32: (e) => line(ir.rt("str_from_i32", [e])),
    u32: (e) => line(ir.rt("str_from_u32", [e])),
    i64: (e) => line(ir.rt("str_from_i64", [e])),
    u64: (e) => line(ir.rt("str_from_u64", [e])),
    f64: (e) => line(ir.rt("str_from_f64", [e])),
    f32: (e) => line(ir.rt("str_from_f32", [e])),
  };
}

/** A program whose `main` (returning i32) is `body`; a trailing `return 0` is added. */
export function program(
  body: (b: ArtifactBuilder, p: Printer, f: FuncBuilder) => Stmt[],
  setup?: (b: ArtifactBuilder) => void,
): CodegenArtifact {
  const b = new ArtifactBuilder();
  setup?.(b);
  const p = printer(b);
  const main = b.func("main", [], "i32", (f) => [...body(b, p, f), ir.ret(ir.i32(0))], b.loc(FILE, 1, 1));
  b.entryPoint("main", main);
  return b.finish();
}

export interface TextResult extends RunResult {
  readonly out: string;
  readonly err: string;
}

const dec = new TextDecoder();

export async function run(a: CodegenArtifact, options: RunOptions = {}): Promise<TextResult> {
  const r = await runMain(a, options);
  return { ...r, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}

export const { i32, i64, f32, f64, bin, un } = ir;
