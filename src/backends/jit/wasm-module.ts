/**
 * The WebAssembly module builder: one builder per section, each writing its entries into one
 * growable `ByteWriter`, assembled in section order into the module bytes. Names are UTF-8.
 * It records where each function body lands in the module, so stack-trace offsets reported by
 * V8 (`wasm-function[i]:0x…`, module-relative) map back to the artifact's source map.
 *
 * It knows nothing of the artifact: `emit.ts` decides what goes in. Types are deduplicated.
 */

import { ByteWriter } from "../../artifact/index.ts";
import type { FuncType } from "../../artifact/index.ts";
import {
  EXTERNAL_KIND,
  FUNCREF,
  FUNC_TYPE,
  OP,
  SECTION,
  VALTYPE,
  WASM_MAGIC,
  WASM_VERSION,
} from "./opcodes.ts";

/** A vector section: a count and entries written one after the other. */
class VecSection {
  readonly w = new ByteWriter(256);
  count = 0;
  constructor(readonly id: number) {}
  entry(): ByteWriter {
    this.count++;
    return this.w;
  }
}

const TYPE_CODE = { i32: 1, i64: 2, f32: 3, f64: 4 } as const;

/** A cheap map key for a signature: a base-5 number for up to 18 params (exact below 2^53) (the usual case). */
function typeKey(t: FuncType): number | string {
  if (t.params.length > 18) return `${t.params.join(",")}>${t.result ?? ""}`;
  let k = t.result === null ? 0 : TYPE_CODE[t.result];
  for (const p of t.params) k = k * 5 + TYPE_CODE[p];
  // The parameter count disambiguates keys that differ only in leading zero digits.
  return k * 32 + t.params.length;
}

export interface ModuleLayout {
  readonly bytes: Uint8Array;
  /** Module byte offset of each defined function's body (its local declarations). */
  readonly bodyOffsets: readonly number[];
}

export class WasmModuleBuilder {
  private readonly types = new VecSection(SECTION.type);
  private readonly typeIndex = new Map<number | string, number>();
  private readonly imports = new VecSection(SECTION.import);
  private readonly functions = new VecSection(SECTION.function);
  private readonly tables = new VecSection(SECTION.table);
  private readonly memories = new VecSection(SECTION.memory);
  private readonly globals = new VecSection(SECTION.global);
  private readonly exports = new VecSection(SECTION.export);
  private readonly elements = new VecSection(SECTION.element);
  private readonly data = new VecSection(SECTION.data);
  // Function bodies go straight into the code section's payload, each prefixed by its size.
  private readonly code = new ByteWriter(64 * 1024);
  private readonly bodyStarts: number[] = [];
  private readonly funcNames: string[] = [];
  importedFunctions = 0;
  private startFunc: number | null = null;

  /** The function run when an instance is created. */
  start(func: number): void {
    this.startFunc = func;
  }

  type(t: FuncType): number {
    let idx = this.typeIndex.get(typeKey(t));
    if (idx === undefined) {
      idx = this.types.count;
      const w = this.types.entry();
      w.u8(FUNC_TYPE);
      w.uleb(t.params.length);
      for (const p of t.params) w.u8(VALTYPE[p]);
      if (t.result === null) w.uleb(0);
      else {
        w.uleb(1);
        w.u8(VALTYPE[t.result]);
      }
      this.typeIndex.set(typeKey(t), idx);
    }
    return idx;
  }

  /** Imports a function; all imports must come before the first `func`. */
  importFunction(module: string, name: string, t: FuncType): number {
    if (this.functions.count > 0) throw new Error("imports must precede defined functions");
    const typeIdx = this.type(t);
    const w = this.imports.entry();
    w.str(module);
    w.str(name);
    w.u8(EXTERNAL_KIND.func);
    w.uleb(typeIdx);
    this.funcNames.push(`${module}.${name}`);
    return this.importedFunctions++;
  }

  /** Declares a defined function with its body (local declarations + code + `end`). */
  /** `body` is copied, so the caller may reuse its buffer. */
  func(name: string, t: FuncType, body: Uint8Array): number {
    this.functions.entry().uleb(this.type(t));
    this.code.uleb(body.length);
    this.bodyStarts.push(this.code.length);
    this.code.bytes(body);
    this.funcNames.push(name);
    return this.importedFunctions + this.bodyStarts.length - 1;
  }

  table(size: number): void {
    const w = this.tables.entry();
    w.u8(FUNCREF);
    w.u8(0x01);
    w.uleb(size);
    w.uleb(size);
  }

  memory(minPages: number, maxPages: number): void {
    const w = this.memories.entry();
    w.u8(0x01);
    w.uleb(minPages);
    w.uleb(maxPages);
  }

  /** A global with a constant initialiser; `init` writes the constant instruction. */
  global(type: keyof typeof VALTYPE, mutable: boolean, init: (w: ByteWriter) => void): void {
    const w = this.globals.entry();
    w.u8(VALTYPE[type]);
    w.u8(mutable ? 1 : 0);
    init(w);
    w.u8(OP.end);
  }

  exportFunction(name: string, func: number): void {
    const w = this.exports.entry();
    w.str(name);
    w.u8(EXTERNAL_KIND.func);
    w.uleb(func);
  }

  exportMemory(name: string): void {
    const w = this.exports.entry();
    w.str(name);
    w.u8(EXTERNAL_KIND.memory);
    w.uleb(0);
  }

  /** An active element segment filling table 0 from slot 0. */
  elements0(funcs: readonly number[]): void {
    const w = this.elements.entry();
    w.uleb(0);
    w.u8(OP.i32_const);
    w.sleb32(0);
    w.u8(OP.end);
    w.uleb(funcs.length);
    for (const f of funcs) w.uleb(f);
  }

  /** A passive data segment (copied by `memory.init`); returns its index. */
  passiveData(bytes: Uint8Array): number {
    const w = this.data.entry();
    w.uleb(1);
    w.uleb(bytes.length);
    w.bytes(bytes);
    return this.data.count - 1;
  }

  /** An active data segment in memory 0 at `address`. */
  dataAt(address: number, bytes: Uint8Array): void {
    const w = this.data.entry();
    w.uleb(0);
    w.u8(OP.i32_const);
    w.sleb32(address);
    w.u8(OP.end);
    w.uleb(bytes.length);
    w.bytes(bytes);
  }

  finish(): ModuleLayout {
    const out = new ByteWriter(64 * 1024);
    for (const b of WASM_MAGIC) out.u8(b);
    for (const b of WASM_VERSION) out.u8(b);
    const section = (s: VecSection): void => {
      if (s.count === 0) return;
      const head = new ByteWriter(8);
      head.uleb(s.count);
      out.u8(s.id);
      out.uleb(head.length + s.w.length);
      out.bytes(head.peek());
      out.bytes(s.w.peek());
    };
    section(this.types);
    section(this.imports);
    section(this.functions);
    section(this.tables);
    section(this.memories);
    section(this.globals);
    section(this.exports);
    if (this.startFunc !== null) {
      const st = new ByteWriter(8);
      st.uleb(this.startFunc);
      out.u8(SECTION.start);
      out.uleb(st.length);
      out.bytes(st.peek());
    }
    section(this.elements);
    // DataCount (required by memory.init) sits between the element and code sections.
    if (this.data.count > 0) {
      const dc = new ByteWriter(8);
      dc.uleb(this.data.count);
      out.u8(SECTION.dataCount);
      out.uleb(dc.length);
      out.bytes(dc.peek());
    }

    // Code: remember where each body starts in the module.
    const bodyOffsets: number[] = [];
    if (this.bodyStarts.length > 0) {
      const head = new ByteWriter(8);
      head.uleb(this.bodyStarts.length);
      out.u8(SECTION.code);
      out.uleb(head.length + this.code.length);
      out.bytes(head.peek());
      const payload = out.length;
      out.bytes(this.code.peek());
      for (const start of this.bodyStarts) bodyOffsets.push(payload + start);
    }
    section(this.data);

    // The "name" custom section: function names, for stack traces and tools.
    const names = new ByteWriter(1024);
    names.str("name");
    const sub = new ByteWriter(1024);
    sub.uleb(this.funcNames.length);
    this.funcNames.forEach((n, i) => {
      sub.uleb(i);
      sub.str(n);
    });
    names.u8(1);
    names.uleb(sub.length);
    names.bytes(sub.peek());
    out.u8(SECTION.custom);
    out.uleb(names.length);
    out.bytes(names.peek());
    return { bytes: out.finish(), bodyOffsets };
  }
}
