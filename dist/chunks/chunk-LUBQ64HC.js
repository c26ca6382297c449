import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  require_undici
} from "./chunk-TZZCBI7V.js";
import {
  LineIndex,
  hasErrors,
  makeDiagnostic,
  sha256Hex,
  sortDiagnostics,
  summarize,
  writeFileAtomic
} from "./chunk-VX237YEB.js";
import {
  __toESM
} from "./chunk-5V3WT3R2.js";

// src/pipeline/spine.ts
import { existsSync as existsSync4, readdirSync as readdirSync5, readFileSync as readFileSync9, rmSync as rmSync4, statSync as statSync4 } from "node:fs";
import { dirname as dirname7, join as join10, resolve as resolvePath2 } from "node:path";

// src/artifact/schema.ts
var ARTIFACT_SCHEMA_VERSION = 1;
var VAL_TYPES = ["i32", "i64", "f32", "f64"];
var UNARY_OPS = [
  "i32.eqz",
  "i32.clz",
  "i32.ctz",
  "i32.popcnt",
  "i32.extend8_s",
  "i32.extend16_s",
  "i64.eqz",
  // result i32
  "i64.clz",
  "i64.ctz",
  "i64.popcnt",
  "i64.extend8_s",
  "i64.extend16_s",
  "i64.extend32_s",
  "f32.neg",
  "f32.abs",
  "f32.sqrt",
  "f32.ceil",
  "f32.floor",
  "f32.trunc",
  "f32.nearest",
  "f64.neg",
  "f64.abs",
  "f64.sqrt",
  "f64.ceil",
  "f64.floor",
  "f64.trunc",
  "f64.nearest",
  "i32.wrap_i64",
  "i64.extend_i32_s",
  "i64.extend_i32_u",
  // Float → int conversions saturate (NaN → 0, out of range → MIN/MAX), as LANGUAGE.md §5.5.
  "i32.trunc_sat_f32_s",
  "i32.trunc_sat_f32_u",
  "i32.trunc_sat_f64_s",
  "i32.trunc_sat_f64_u",
  "i64.trunc_sat_f32_s",
  "i64.trunc_sat_f32_u",
  "i64.trunc_sat_f64_s",
  "i64.trunc_sat_f64_u",
  "f32.convert_i32_s",
  "f32.convert_i32_u",
  "f32.convert_i64_s",
  "f32.convert_i64_u",
  "f64.convert_i32_s",
  "f64.convert_i32_u",
  "f64.convert_i64_s",
  "f64.convert_i64_u",
  "f32.demote_f64",
  "f64.promote_f32",
  "i32.reinterpret_f32",
  "i64.reinterpret_f64",
  "f32.reinterpret_i32",
  "f64.reinterpret_i64"
];
var BINARY_OPS = [
  "i32.add",
  "i32.sub",
  "i32.mul",
  "i32.div_s",
  "i32.div_u",
  "i32.rem_s",
  "i32.rem_u",
  "i32.and",
  "i32.or",
  "i32.xor",
  "i32.shl",
  "i32.shr_s",
  "i32.shr_u",
  "i32.rotl",
  "i32.rotr",
  "i32.eq",
  "i32.ne",
  "i32.lt_s",
  "i32.lt_u",
  "i32.gt_s",
  "i32.gt_u",
  "i32.le_s",
  "i32.le_u",
  "i32.ge_s",
  "i32.ge_u",
  "i64.add",
  "i64.sub",
  "i64.mul",
  "i64.div_s",
  "i64.div_u",
  "i64.rem_s",
  "i64.rem_u",
  "i64.and",
  "i64.or",
  "i64.xor",
  "i64.shl",
  "i64.shr_s",
  "i64.shr_u",
  "i64.rotl",
  "i64.rotr",
  "i64.eq",
  "i64.ne",
  "i64.lt_s",
  "i64.lt_u",
  "i64.gt_s",
  "i64.gt_u",
  "i64.le_s",
  "i64.le_u",
  "i64.ge_s",
  "i64.ge_u",
  "f32.add",
  "f32.sub",
  "f32.mul",
  "f32.div",
  "f32.rem",
  "f32.eq",
  "f32.ne",
  "f32.lt",
  "f32.gt",
  "f32.le",
  "f32.ge",
  "f64.add",
  "f64.sub",
  "f64.mul",
  "f64.div",
  "f64.rem",
  "f64.eq",
  "f64.ne",
  "f64.lt",
  "f64.gt",
  "f64.le",
  "f64.ge"
];
var LOAD_OPS = [
  "i32.load",
  "i64.load",
  "f32.load",
  "f64.load",
  "i32.load8_s",
  "i32.load8_u",
  "i32.load16_s",
  "i32.load16_u",
  "i64.load8_s",
  "i64.load8_u",
  "i64.load16_s",
  "i64.load16_u",
  "i64.load32_s",
  "i64.load32_u"
];
var STORE_OPS = [
  "i32.store",
  "i64.store",
  "f32.store",
  "f64.store",
  "i32.store8",
  "i32.store16",
  "i64.store8",
  "i64.store16",
  "i64.store32"
];
var MAX_NESTING = 500;
var DATA_BASE = 16;
var HEAP_ALIGN = 8;
var PAGE_SIZE = 65536;
var MAX_PAGES = 65536;
function layoutData(data) {
  const addresses = [];
  let at = DATA_BASE;
  for (const seg of data) {
    addresses.push(at);
    at = alignUp(at + seg.bytes.length, HEAP_ALIGN);
  }
  return { addresses, heapBase: at };
}
function alignUp(n, align) {
  return Math.ceil(n / align) * align;
}

// src/artifact/runtime-abi.ts
var ARRAY_LENGTH_OFFSET = 4;
var ARRAY_DATA_OFFSET = 8;
var CLOSURE_CODE_OFFSET = 4;
var CLOSURE_ENV_OFFSET = 8;
var CLOSURE_SIZE = 12;
var LAYOUT = {
  string: 0,
  array8: 1,
  array16: 2,
  array32: 3,
  array64: 4,
  arrayRef: 5,
  closure: 6
};
var BUILTIN_LAYOUTS = [
  { kind: "array", name: "string", elemSize: 1, elemRef: false },
  { kind: "array", name: "array.8", elemSize: 1, elemRef: false },
  { kind: "array", name: "array.16", elemSize: 2, elemRef: false },
  { kind: "array", name: "array.32", elemSize: 4, elemRef: false },
  { kind: "array", name: "array.64", elemSize: 8, elemRef: false },
  { kind: "array", name: "array.ref", elemSize: 4, elemRef: true },
  { kind: "record", name: "closure", size: CLOSURE_SIZE, refs: [CLOSURE_ENV_OFFSET] }
];
var PANIC_CODES = [
  "division by zero",
  "remainder by zero",
  "integer overflow in division",
  "read of uninitialised array element",
  "try expression propagated error",
  "event capacity exceeded",
  "out of memory",
  "unreachable code reached",
  "stack overflow",
  "indirect call to a function of another type"
];
var PANIC = Object.fromEntries(PANIC_CODES.map((m, i) => [m, i]));
var i32 = "i32";
var i64 = "i64";
var f32 = "f32";
var f64 = "f64";
function t(params, result) {
  return { params, result };
}
var RUNTIME_FUNCTIONS = {
  // Panics.
  panic: {
    type: t([i32, i32], null),
    noreturn: true,
    intrinsic: "__panic_str",
    doc: "(message, loc) panics"
  },
  panic_code: { type: t([i32, i32], null), noreturn: true, doc: "(code, loc) panics with PANIC_CODES[code]" },
  panic_index: {
    type: t([i64, i64, i32], null),
    noreturn: true,
    doc: "(length, index, loc) panics `index out of bounds: the length is N but the index is I`"
  },
  unsupported: {
    type: t([i32, i32], null),
    noreturn: true,
    doc: "(intrinsic name string without `__`, loc) panics `intrinsic __name is not supported by this toolchain`"
  },
  // Allocation.
  alloc: {
    type: t([i32, i32], i32),
    doc: "(layout, size in bytes) \u2192 zeroed object with its layout id written"
  },
  array_new: {
    type: t([i32, i32, i64, i32], i32),
    doc: "(layout, elemSize, length, loc) \u2192 zeroed array; negative length panics `invalid array length: N`"
  },
  array_len: { type: t([i32], i64), intrinsic: "__array_len", doc: "(array) \u2192 length" },
  closure_new: { type: t([i32, i32], i32), doc: "(table slot, env) \u2192 closure object" },
  // Strings.
  str_len: { type: t([i32], i64), intrinsic: "__str_len", doc: "(s) \u2192 byte length" },
  str_slice: {
    type: t([i32, i64, i64, i32], i32),
    intrinsic: "__str_slice",
    doc: "(s, start, count, loc) \u2192 new string of bytes [start, start+count)"
  },
  str_eq: { type: t([i32, i32], i64), intrinsic: "__str_eq", doc: "(a, b) \u2192 1 if equal bytes else 0" },
  str_concat: { type: t([i32, i32], i32), doc: "(a, b) \u2192 a + b" },
  str_from_bytes_utf8: {
    type: t([i32], i32),
    intrinsic: "__str_from_bytes_utf8",
    doc: "(u8[]) \u2192 string; invalid UTF-8 sequences become U+FFFD"
  },
  str_from_i32: { type: t([i32], i32), doc: "signed decimal" },
  str_from_u32: { type: t([i32], i32), doc: "unsigned decimal" },
  str_from_i64: { type: t([i64], i32), doc: "signed decimal" },
  str_from_u64: { type: t([i64], i32), doc: "unsigned decimal" },
  str_from_f32: { type: t([f32], i32), doc: "shortest round-trip f32 text (docs/runtime.md)" },
  str_from_f64: { type: t([f64], i32), doc: "shortest round-trip f64 text (docs/runtime.md)" },
  str_from_bool: { type: t([i32], i32), doc: "`true` / `false`" },
  str_from_char: { type: t([i32], i32), doc: "UTF-8 encoding of a code point (invalid \u2192 U+FFFD)" },
  // Byte arrays.
  bytes_get: { type: t([i32, i64, i32], i64), intrinsic: "__bytes_get", doc: "(bytes, index, loc) \u2192 0..255" },
  bytes_compare: { type: t([i32, i32], i64), intrinsic: "__bytes_compare", doc: "(a, b) \u2192 -1, 0, 1" },
  bytes_copy: {
    type: t([i32, i64, i32, i64, i64, i32], null),
    intrinsic: "__bytes_copy",
    doc: "(dst, dstOff, src, srcOff, len, loc) overlapping-safe copy; out of bounds panics"
  },
  // I/O.
  syscall_write: {
    type: t([i64, i32], i64),
    intrinsic: "__syscall_write",
    doc: "(fd, string) \u2192 count or -1"
  },
  syscall_write_bytes: {
    type: t([i64, i32], i64),
    intrinsic: "__syscall_write_bytes",
    doc: "(fd, u8[]) \u2192 count or -1"
  },
  syscall_read: { type: t([i64, i64], i32), intrinsic: "__syscall_read", doc: "(fd, maxBytes) \u2192 string" },
  syscall_read_bytes: {
    type: t([i64, i64], i32),
    intrinsic: "__syscall_read_bytes",
    doc: "(fd, maxBytes) \u2192 u8[]"
  },
  // Files.
  fs_read_text: { type: t([i32], i32), intrinsic: "__fs_read_text", doc: '(path) \u2192 contents or ""' },
  fs_write_text: { type: t([i32, i32], i64), intrinsic: "__fs_write_text", doc: "(path, text) \u2192 0 ok" },
  fs_delete: { type: t([i32], i64), intrinsic: "__fs_delete", doc: "(path) \u2192 0 ok" },
  fs_mkdir: { type: t([i32], i64), intrinsic: "__fs_mkdir", doc: "(path) \u2192 0 ok" },
  fs_exists: { type: t([i32], i64), intrinsic: "__fs_exists", doc: "(path) \u2192 1 / 0" },
  // Environment and process.
  env_get: { type: t([i32], i32), intrinsic: "__env_get", doc: '(name) \u2192 value or ""' },
  env_set: { type: t([i32, i32], i64), intrinsic: "__env_set", doc: "(name, value) \u2192 0 ok" },
  env_getcwd: { type: t([], i32), intrinsic: "__env_getcwd", doc: "() \u2192 cwd" },
  process_getpid: { type: t([], i32), intrinsic: "__process_getpid", doc: "() \u2192 pid" },
  process_exit: {
    type: t([i32], null),
    noreturn: true,
    intrinsic: "__process_exit",
    doc: "(code) ends the program"
  },
  // Clocks and terminal.
  clock_realtime_nanos: { type: t([], i64), intrinsic: "__clock_realtime_nanos", doc: "ns since the epoch" },
  clock_monotonic_nanos: { type: t([], i64), intrinsic: "__clock_monotonic_nanos", doc: "monotonic ns" },
  tty_winsize: { type: t([i64], i64), intrinsic: "__tty_winsize", doc: "(fd) \u2192 columns*65536+rows or 0" },
  // Single-threaded fiber stand-ins (tier T).
  fiber_yield: { type: t([], null), intrinsic: "__fiber_yield", doc: "no-op" },
  fiber_now_millis: { type: t([], i64), intrinsic: "__fiber_now_millis", doc: "monotonic ms" },
  fiber_processor_count: { type: t([], i64), intrinsic: "__fiber_processor_count", doc: "1" }
};
function runtimeFunction(name) {
  return Object.prototype.hasOwnProperty.call(RUNTIME_FUNCTIONS, name) ? RUNTIME_FUNCTIONS[name] : void 0;
}

// src/artifact/builder.ts
var utf8 = new TextEncoder();
function stringObjectBytes(text) {
  const body = utf8.encode(text);
  const out = new Uint8Array(8 + body.length);
  const view = new DataView(out.buffer);
  view.setInt32(0, LAYOUT.string, true);
  view.setInt32(4, body.length, true);
  out.set(body, 8);
  return out;
}
var FuncBuilder = class {
  constructor(type) {
    this.type = type;
  }
  type;
  locals = [];
  nextLabel = 0;
  /** `local.get` of parameter `i`. */
  param(i) {
    if (i < 0 || i >= this.type.params.length) throw new Error(`no parameter ${i}`);
    return { kind: "local.get", index: i };
  }
  /** A new local of `type`; returns its index. */
  local(type) {
    this.locals.push(type);
    return this.type.params.length + this.locals.length - 1;
  }
  /** A new label, unique within this function. */
  label() {
    return this.nextLabel++;
  }
};
var ArtifactBuilder = class {
  files = [];
  fileIndex = /* @__PURE__ */ new Map();
  locations = [];
  locIndex = /* @__PURE__ */ new Map();
  types = [];
  names = [];
  bodies = [];
  globals = [];
  externs = [];
  table = [];
  tableIndex = /* @__PURE__ */ new Map();
  data = [];
  stringIndex = /* @__PURE__ */ new Map();
  layouts = [...BUILTIN_LAYOUTS];
  tests = [];
  exports = [];
  entryPoints = [];
  entry = null;
  /** Interned location id of file:line:column. */
  loc(file, line, column = 0) {
    let f = this.fileIndex.get(file);
    if (f === void 0) {
      f = this.files.length;
      this.files.push(file);
      this.fileIndex.set(file, f);
    }
    const key = `${f}:${line}:${column}`;
    let id = this.locIndex.get(key);
    if (id === void 0) {
      id = this.locations.length;
      this.locations.push({ file: f, line, column });
      this.locIndex.set(key, id);
    }
    return id;
  }
  /** Declares a function (so calls can refer to it before it is defined); returns its index. */
  declare(name, params, result) {
    this.types.push({ params: [...params], result });
    this.names.push(name);
    this.bodies.push(void 0);
    return this.types.length - 1;
  }
  typeOf(func) {
    const t3 = this.types[func];
    if (t3 === void 0) throw new Error(`no function ${func}`);
    return t3;
  }
  get functionCount() {
    return this.types.length;
  }
  /** Defines a declared function; `build` receives a FuncBuilder and returns the body. */
  define(func, build2, loc) {
    if (this.bodies[func] !== void 0) throw new Error(`function ${this.names[func]} defined twice`);
    const type = this.typeOf(func);
    const fb = new FuncBuilder(type);
    const body = build2(fb);
    this.bodies[func] = {
      name: this.names[func],
      type,
      locals: fb.locals,
      body,
      ...loc === void 0 ? {} : { loc }
    };
    return func;
  }
  /** Declares and defines in one step. */
  func(name, params, result, build2, loc) {
    return this.define(this.declare(name, params, result), build2, loc);
  }
  global(name, type, init, mutable = true) {
    this.globals.push({ name, type, mutable, init: type === "i64" ? BigInt(init) : Number(init) });
    return this.globals.length - 1;
  }
  extern(e) {
    this.externs.push(e);
    return this.externs.length - 1;
  }
  /** The table slot of `func` (one slot per function). */
  tableSlot(func) {
    let slot = this.tableIndex.get(func);
    if (slot === void 0) {
      slot = this.table.length;
      this.table.push(func);
      this.tableIndex.set(func, slot);
    }
    return slot;
  }
  dataSegment(name, bytes) {
    this.data.push({ name, bytes });
    return this.data.length - 1;
  }
  /** A string literal: an interned string object in constant data; yields its address. */
  string(text) {
    let seg = this.stringIndex.get(text);
    if (seg === void 0) {
      seg = this.dataSegment(`str.${this.stringIndex.size}`, stringObjectBytes(text));
      this.stringIndex.set(text, seg);
    }
    return { kind: "data.addr", segment: seg };
  }
  layout(layout) {
    this.layouts.push(layout);
    return this.layouts.length - 1;
  }
  test(entry) {
    this.tests.push(entry);
  }
  export(name, func) {
    this.exports.push({ name, func });
  }
  /** Adds an entry point; `isDefault` makes it the artifact's `entry`. */
  entryPoint(name, func, isDefault = true) {
    const e = { name, func };
    this.entryPoints.push(e);
    if (isDefault) this.entry = e;
  }
  finish() {
    const functions = this.bodies.map((f, i) => {
      if (f === void 0) throw new Error(`function ${this.names[i]} declared but never defined`);
      return f;
    });
    return {
      schemaVersion: ARTIFACT_SCHEMA_VERSION,
      files: [...this.files],
      locations: [...this.locations],
      functions,
      globals: [...this.globals],
      externs: [...this.externs],
      table: [...this.table],
      data: [...this.data],
      layouts: [...this.layouts],
      tests: [...this.tests],
      exports: [...this.exports],
      entry: this.entry,
      entryPoints: [...this.entryPoints]
    };
  }
};
function withLoc(node, loc) {
  return loc === void 0 ? node : { ...node, loc };
}
var ir = {
  i32: (value) => ({ kind: "const", type: "i32", value: value | 0 }),
  i64: (value) => ({
    kind: "const",
    type: "i64",
    value: BigInt.asIntN(64, BigInt(value))
  }),
  f32: (value) => ({ kind: "const", type: "f32", value: Math.fround(value) }),
  f64: (value) => ({ kind: "const", type: "f64", value }),
  get: (index) => ({ kind: "local.get", index }),
  tee: (index, value) => ({ kind: "local.tee", index, value }),
  gget: (index) => ({ kind: "global.get", index }),
  un: (op, value) => ({ kind: "unary", op, value }),
  bin: (op, left, right, loc) => withLoc({ kind: "binary", op, left, right }, loc),
  load: (op, addr, offset = 0) => ({ kind: "load", op, addr, offset }),
  call: (func, args, loc) => withLoc({ kind: "call", func, args }, loc),
  rt: (name, args, loc) => withLoc({ kind: "call.runtime", name, args }, loc),
  callIndirect: (type, target, args, loc) => withLoc({ kind: "call.indirect", type, target, args }, loc),
  callExtern: (ext2, args, loc) => withLoc({ kind: "call.extern", ext: ext2, args }, loc),
  select: (cond, then, otherwise) => ({
    kind: "select",
    cond,
    then,
    else: otherwise
  }),
  cond: (type, cond, then, otherwise) => ({
    kind: "cond",
    type,
    cond,
    then,
    else: otherwise
  }),
  seq: (body, value) => ({ kind: "seq", body, value }),
  data: (segment) => ({ kind: "data.addr", segment }),
  elem: (base, index, elemSize, loc) => withLoc({ kind: "elem.addr", base, index, elemSize }, loc),
  memorySize: () => ({ kind: "memory.size" }),
  memoryGrow: (pages) => ({ kind: "memory.grow", pages }),
  // Statements.
  exec: (expr, loc) => withLoc({ kind: "expr", expr }, loc),
  set: (index, value, loc) => withLoc({ kind: "local.set", index, value }, loc),
  gset: (index, value, loc) => withLoc({ kind: "global.set", index, value }, loc),
  store: (op, addr, value, offset = 0, loc) => withLoc({ kind: "store", op, addr, offset, value }, loc),
  block: (label, body, loc) => withLoc({ kind: "block", label, body }, loc),
  loop: (label, body, loc) => withLoc({ kind: "loop", label, body }, loc),
  if: (cond, then, otherwise = [], loc) => withLoc({ kind: "if", cond, then, else: otherwise }, loc),
  br: (label, loc) => withLoc({ kind: "break", label }, loc),
  continue: (label, loc) => withLoc({ kind: "continue", label }, loc),
  ret: (value, loc) => withLoc(value === void 0 ? { kind: "return" } : { kind: "return", value }, loc),
  unreachable: (loc) => withLoc({ kind: "unreachable" }, loc),
  copy: (dst, src, len, loc) => withLoc({ kind: "memory.copy", dst, src, len }, loc),
  fill: (dst, value, len, loc) => withLoc({ kind: "memory.fill", dst, value, len }, loc)
};

// src/artifact/types.ts
function prefixType(op) {
  return op.slice(0, 3);
}
var COMPARE = /\.(eqz|eq|ne|lt|gt|le|ge)(_[su])?$/;
function unaryResult(op) {
  if (op === "i64.eqz") return "i32";
  return prefixType(op);
}
function binaryResult(op) {
  return COMPARE.test(op) ? "i32" : prefixType(op);
}
function binaryOperand(op) {
  return prefixType(op);
}
function unaryOperand(op) {
  const m = /_(i32|i64|f32|f64)(_[su])?$/.exec(op);
  return m ? m[1] : prefixType(op);
}
function loadResult(op) {
  return prefixType(op);
}
function runtimeType(name) {
  return runtimeFunction(name)?.type;
}
function exprType(ctx, e) {
  switch (e.kind) {
    case "const":
      return e.type;
    case "local.get":
    case "local.tee":
      return ctx.localTypes[e.index] ?? null;
    case "global.get":
      return ctx.artifact.globals[e.index]?.type ?? null;
    case "unary":
      return unaryResult(e.op);
    case "binary":
      return binaryResult(e.op);
    case "load":
      return loadResult(e.op);
    case "call":
      return ctx.artifact.functions[e.func]?.type.result ?? null;
    case "call.indirect":
      return e.type.result;
    case "call.runtime":
      return runtimeType(e.name)?.result ?? null;
    case "call.extern":
      return ctx.artifact.externs[e.ext]?.type.result ?? null;
    case "select":
      return exprType(ctx, e.then);
    case "cond":
      return e.type;
    case "seq":
      return exprType(ctx, e.value);
    case "data.addr":
    case "elem.addr":
    case "memory.size":
    case "memory.grow":
      return "i32";
    default:
      return assertNever(e);
  }
}
function assertNever(x) {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}

// src/artifact/dump.ts
var utf82 = new TextDecoder("utf-8", { fatal: true });

// src/artifact/bytes.ts
var utf8Encoder = new TextEncoder();
var utf8Decoder = new TextDecoder("utf-8", { fatal: true });
var ByteWriter = class {
  buf;
  view;
  length = 0;
  constructor(initialCapacity = 1024) {
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }
  ensure(extra) {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(b) {
    this.ensure(1);
    this.buf[this.length++] = b & 255;
  }
  bytes(b) {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  u32le(v) {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }
  f32(v) {
    this.ensure(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }
  f64(v) {
    this.ensure(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }
  /** Unsigned LEB128 of a non-negative integer below 2^53. */
  uleb(v) {
    if (!(v >= 0) || !Number.isInteger(v)) throw new RangeError(`uleb: ${v}`);
    this.ensure(8);
    do {
      let byte = v % 128;
      v = Math.floor(v / 128);
      if (v !== 0) byte |= 128;
      this.buf[this.length++] = byte;
    } while (v !== 0);
  }
  /** Signed LEB128 of a 32-bit integer. */
  sleb32(v) {
    v |= 0;
    this.ensure(5);
    for (; ; ) {
      const byte = v & 127;
      v >>= 7;
      const done = v === 0 && (byte & 64) === 0 || v === -1 && (byte & 64) !== 0;
      this.buf[this.length++] = done ? byte : byte | 128;
      if (done) return;
    }
  }
  /** Signed LEB128 of a 64-bit integer. */
  sleb64(v) {
    if (v >= -0x80000000n && v <= 0x7fffffffn) {
      this.sleb32(Number(v));
      return;
    }
    v = BigInt.asIntN(64, v);
    this.ensure(10);
    for (; ; ) {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      const done = v === 0n && (byte & 64) === 0 || v === -1n && (byte & 64) !== 0;
      this.buf[this.length++] = done ? byte : byte | 128;
      if (done) return;
    }
  }
  /** Length-prefixed UTF-8. */
  str(s) {
    const n = s.length;
    if (n < 128) {
      this.ensure(n + 1);
      const start = this.length;
      this.buf[start] = n;
      let i = 0;
      for (; i < n; i++) {
        const c2 = s.charCodeAt(i);
        if (c2 >= 128) break;
        this.buf[start + 1 + i] = c2;
      }
      if (i === n) {
        this.length = start + 1 + n;
        return;
      }
    }
    const b = utf8Encoder.encode(s);
    this.uleb(b.length);
    this.bytes(b);
  }
  /** Overwrites the 4 bytes at `at` with `v`, little-endian. */
  patchU32le(at, v) {
    this.view.setUint32(at, v >>> 0, true);
  }
  /** Writes `v` as a 5-byte padded unsigned LEB128 at `at` (space reserved with `reserveUleb5`). */
  patchUleb5(at, v) {
    for (let i = 0; i < 5; i++) {
      const byte = v & 127;
      v >>>= 7;
      this.buf[at + i] = i < 4 ? byte | 128 : byte;
    }
  }
  reserveUleb5() {
    const at = this.length;
    this.ensure(5);
    this.length += 5;
    return at;
  }
  /** A copy of the written bytes. */
  finish() {
    return this.buf.slice(0, this.length);
  }
  /** A view of the written bytes (valid until the next write). */
  peek() {
    return this.buf.subarray(0, this.length);
  }
};
var ByteReaderError = class extends Error {
};
var ByteReader = class {
  constructor(buf) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  buf;
  pos = 0;
  view;
  get remaining() {
    return this.buf.length - this.pos;
  }
  need(n) {
    if (this.pos + n > this.buf.length) throw new ByteReaderError(`truncated at byte ${this.pos}`);
  }
  u8() {
    this.need(1);
    return this.buf[this.pos++];
  }
  bytes(n) {
    this.need(n);
    const b = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  u32le() {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  f32() {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }
  f64() {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }
  uleb() {
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      if (i >= 8) throw new ByteReaderError(`overlong unsigned LEB128 at byte ${this.pos}`);
      const b = this.u8();
      result += (b & 127) * mul;
      mul *= 128;
      if ((b & 128) === 0) return result;
    }
  }
  sleb32() {
    let result = 0;
    let shift = 0;
    for (let i = 0; ; i++) {
      if (i >= 5) throw new ByteReaderError(`overlong signed LEB128 at byte ${this.pos}`);
      const b = this.u8();
      result |= (b & 127) << shift;
      shift += 7;
      if ((b & 128) === 0) {
        if (shift < 32 && (b & 64) !== 0) result |= -1 << shift;
        return result | 0;
      }
    }
  }
  sleb64() {
    let small = 0;
    let mul = 1;
    const start = this.pos;
    for (let i = 0; i < 7; i++) {
      const b = this.u8();
      small += (b & 127) * mul;
      mul *= 128;
      if ((b & 128) === 0) {
        if ((b & 64) !== 0) small -= mul;
        return BigInt(small);
      }
    }
    this.pos = start;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      if (i >= 10) throw new ByteReaderError(`overlong signed LEB128 at byte ${this.pos}`);
      const b = this.u8();
      result |= BigInt(b & 127) << shift;
      shift += 7n;
      if ((b & 128) === 0) {
        if ((b & 64) !== 0) result -= 1n << shift;
        return BigInt.asIntN(64, result);
      }
    }
  }
  str() {
    const n = this.uleb();
    this.need(n);
    if (n < 64) {
      const buf = this.buf;
      const start = this.pos;
      let s = "";
      let i = 0;
      for (; i < n; i++) {
        const c2 = buf[start + i];
        if (c2 >= 128) break;
        s += String.fromCharCode(c2);
      }
      if (i === n) {
        this.pos += n;
        return s;
      }
    }
    const b = this.bytes(n);
    try {
      return utf8Decoder.decode(b);
    } catch {
      throw new ByteReaderError(`invalid UTF-8 in a string at byte ${this.pos - n}`);
    }
  }
};

// src/artifact/encode.ts
import { createHash } from "node:crypto";
var MAGIC = [66, 83, 75, 65];
var TRAILER_BYTES = 32;
var EXPR_KINDS = [
  "const",
  "local.get",
  "local.tee",
  "global.get",
  "unary",
  "binary",
  "load",
  "call",
  "call.indirect",
  "call.runtime",
  "call.extern",
  "select",
  "cond",
  "seq",
  "data.addr",
  "elem.addr",
  "memory.size",
  "memory.grow"
];
var STMT_KINDS = [
  "expr",
  "local.set",
  "global.set",
  "store",
  "block",
  "loop",
  "if",
  "break",
  "continue",
  "return",
  "unreachable",
  "memory.copy",
  "memory.fill"
];
var exprTag = new Map(EXPR_KINDS.map((k, i) => [k, i]));
var stmtTag = new Map(STMT_KINDS.map((k, i) => [k, i]));
var unaryTag = new Map(UNARY_OPS.map((k, i) => [k, i]));
var binaryTag = new Map(BINARY_OPS.map((k, i) => [k, i]));
var loadTag = new Map(LOAD_OPS.map((k, i) => [k, i]));
var storeTag = new Map(STORE_OPS.map((k, i) => [k, i]));
function valTypeTag(t3) {
  const i = VAL_TYPES.indexOf(t3);
  if (i < 0) throw new Error(`not a value type: ${String(t3)}`);
  return i;
}
function encodeArtifact(a) {
  const w = new ByteWriter(64 * 1024);
  for (const b of MAGIC) w.u8(b);
  w.u32le(a.schemaVersion);
  const totalAt = w.length;
  w.u32le(0);
  const optLoc = (loc) => w.uleb(loc === void 0 ? 0 : loc + 1);
  const funcType = (t3) => {
    w.uleb(t3.params.length);
    for (const p of t3.params) w.u8(valTypeTag(p));
    w.u8(t3.result === null ? 255 : valTypeTag(t3.result));
  };
  const constant = (type, value) => {
    w.u8(valTypeTag(type));
    switch (type) {
      case "i32":
        w.sleb32(Number(value));
        return;
      case "i64":
        w.sleb64(BigInt(value));
        return;
      case "f32":
        w.f32(Number(value));
        return;
      case "f64":
        w.f64(Number(value));
        return;
      default:
        assertNever(type);
    }
  };
  const optStr = (s) => {
    if (s === null) w.u8(0);
    else {
      w.u8(1);
      w.str(s);
    }
  };
  const exprs = (es) => {
    w.uleb(es.length);
    for (const e of es) expr(e);
  };
  const stmts = (ss) => {
    w.uleb(ss.length);
    for (const s of ss) stmt(s);
  };
  let depth = 0;
  const deeper = () => {
    if (++depth > MAX_NESTING) {
      throw new RangeError(
        `artifact nesting deeper than ${MAX_NESTING} levels (lowering must spill into locals)`
      );
    }
  };
  function expr(e) {
    deeper();
    exprInner(e);
    depth--;
  }
  function exprInner(e) {
    w.u8(exprTag.get(e.kind));
    switch (e.kind) {
      case "const":
        constant(e.type, e.value);
        return;
      case "local.get":
      case "global.get":
        w.uleb(e.index);
        return;
      case "local.tee":
        w.uleb(e.index);
        expr(e.value);
        return;
      case "unary":
        w.u8(unaryTag.get(e.op));
        expr(e.value);
        return;
      case "binary":
        w.u8(binaryTag.get(e.op));
        optLoc(e.loc);
        expr(e.left);
        expr(e.right);
        return;
      case "load":
        w.u8(loadTag.get(e.op));
        w.uleb(e.offset);
        expr(e.addr);
        return;
      case "call":
        w.uleb(e.func);
        optLoc(e.loc);
        exprs(e.args);
        return;
      case "call.indirect":
        funcType(e.type);
        optLoc(e.loc);
        expr(e.target);
        exprs(e.args);
        return;
      case "call.runtime":
        w.str(e.name);
        optLoc(e.loc);
        exprs(e.args);
        return;
      case "call.extern":
        w.uleb(e.ext);
        optLoc(e.loc);
        exprs(e.args);
        return;
      case "select":
        expr(e.cond);
        expr(e.then);
        expr(e.else);
        return;
      case "cond":
        w.u8(valTypeTag(e.type));
        expr(e.cond);
        expr(e.then);
        expr(e.else);
        return;
      case "seq":
        stmts(e.body);
        expr(e.value);
        return;
      case "data.addr":
        w.uleb(e.segment);
        return;
      case "elem.addr":
        w.u8(e.elemSize);
        optLoc(e.loc);
        expr(e.base);
        expr(e.index);
        return;
      case "memory.size":
        return;
      case "memory.grow":
        expr(e.pages);
        return;
      default:
        assertNever(e);
    }
  }
  function stmt(s) {
    deeper();
    stmtInner(s);
    depth--;
  }
  function stmtInner(s) {
    w.u8(stmtTag.get(s.kind));
    optLoc(s.loc);
    switch (s.kind) {
      case "expr":
        expr(s.expr);
        return;
      case "local.set":
      case "global.set":
        w.uleb(s.index);
        expr(s.value);
        return;
      case "store":
        w.u8(storeTag.get(s.op));
        w.uleb(s.offset);
        expr(s.addr);
        expr(s.value);
        return;
      case "block":
      case "loop":
        w.uleb(s.label);
        stmts(s.body);
        return;
      case "if":
        expr(s.cond);
        stmts(s.then);
        stmts(s.else);
        return;
      case "break":
      case "continue":
        w.uleb(s.label);
        return;
      case "return":
        if (s.value === void 0) w.u8(0);
        else {
          w.u8(1);
          expr(s.value);
        }
        return;
      case "unreachable":
        return;
      case "memory.copy":
        expr(s.dst);
        expr(s.src);
        expr(s.len);
        return;
      case "memory.fill":
        expr(s.dst);
        expr(s.value);
        expr(s.len);
        return;
      default:
        assertNever(s);
    }
  }
  w.uleb(a.files.length);
  for (const f of a.files) w.str(f);
  w.uleb(a.locations.length);
  for (const l of a.locations) {
    w.uleb(l.file);
    w.uleb(l.line);
    w.uleb(l.column);
  }
  w.uleb(a.functions.length);
  for (const f of a.functions) {
    w.str(f.name);
    funcType(f.type);
    w.uleb(f.locals.length);
    for (const l of f.locals) w.u8(valTypeTag(l));
    optLoc(f.loc);
    stmts(f.body);
  }
  w.uleb(a.globals.length);
  for (const g of a.globals) {
    w.str(g.name);
    w.u8(g.mutable ? 1 : 0);
    constant(g.type, g.init);
  }
  w.uleb(a.externs.length);
  for (const x of a.externs) {
    w.str(x.contract);
    w.str(x.name);
    w.str(x.library);
    funcType(x.type);
  }
  w.uleb(a.table.length);
  for (const t3 of a.table) w.uleb(t3);
  w.uleb(a.data.length);
  for (const d of a.data) {
    w.str(d.name);
    w.uleb(d.bytes.length);
    w.bytes(d.bytes);
  }
  w.uleb(a.layouts.length);
  for (const l of a.layouts) {
    if (l.kind === "record") {
      w.u8(0);
      w.str(l.name);
      w.uleb(l.size);
      w.uleb(l.refs.length);
      for (const r of l.refs) w.uleb(r);
    } else {
      w.u8(1);
      w.str(l.name);
      w.u8(l.elemSize);
      w.u8(l.elemRef ? 1 : 0);
    }
  }
  w.uleb(a.tests.length);
  for (const t3 of a.tests) {
    w.str(t3.qualifiedName);
    w.str(t3.name);
    optStr(t3.group);
    w.uleb(t3.tags.length);
    for (const tag of t3.tags) w.str(tag);
    if (t3.skip === null) w.u8(0);
    else {
      w.u8(t3.skip.condition ? 2 : 1);
      optStr(t3.skip.reason);
    }
    w.str(t3.file);
    w.uleb(t3.line);
    w.uleb(t3.column);
    w.uleb(t3.func);
  }
  w.uleb(a.exports.length);
  for (const e of a.exports) {
    w.str(e.name);
    w.uleb(e.func);
  }
  if (a.entry === null) w.u8(0);
  else {
    w.u8(1);
    w.str(a.entry.name);
    w.uleb(a.entry.func);
  }
  w.uleb(a.entryPoints.length);
  for (const e of a.entryPoints) {
    w.str(e.name);
    w.uleb(e.func);
  }
  w.patchU32le(totalAt, w.length + TRAILER_BYTES);
  w.bytes(createHash("sha256").update(w.peek()).digest());
  return w.finish();
}
function artifactId(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

// src/artifact/decode.ts
import { createHash as createHash2 } from "node:crypto";
var Corrupt = class extends Error {
};
var HEADER = 12;
function decodeArtifact(bytes) {
  const fail2 = (kind, message) => ({ ok: false, kind, message });
  if (bytes.length < 4 || MAGIC.some((b, i) => bytes[i] !== b)) {
    return fail2("not-an-artifact", "not a beskid-ci artifact (the file does not start with BSKA)");
  }
  if (bytes.length < HEADER)
    return fail2("truncated", `artifact truncated: ${bytes.length} bytes, header incomplete`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== ARTIFACT_SCHEMA_VERSION) {
    return fail2(
      "wrong-version",
      `artifact schema version ${version} is not supported (this toolchain reads version ${ARTIFACT_SCHEMA_VERSION})`
    );
  }
  const total = view.getUint32(8, true);
  if (bytes.length < total) return fail2("truncated", `artifact truncated: ${bytes.length} of ${total} bytes`);
  if (bytes.length > total || total < HEADER + TRAILER_BYTES) {
    return fail2("corrupted", `artifact corrupted: ${bytes.length} bytes where the header says ${total}`);
  }
  const body = bytes.subarray(0, total - TRAILER_BYTES);
  const digest = createHash2("sha256").update(body).digest();
  const trailer = bytes.subarray(total - TRAILER_BYTES, total);
  for (let i = 0; i < TRAILER_BYTES; i++) {
    if (digest[i] !== trailer[i]) return fail2("corrupted", "artifact corrupted: checksum mismatch");
  }
  try {
    const r = new ByteReader(body);
    r.pos = HEADER;
    const artifact = readBody(r);
    if (r.remaining !== 0) throw new Corrupt(`${r.remaining} unexpected bytes after the last section`);
    return { ok: true, artifact };
  } catch (e) {
    if (e instanceof Corrupt || e instanceof ByteReaderError || e instanceof RangeError) {
      return fail2("corrupted", `artifact corrupted: ${e.message}`);
    }
    throw e;
  }
}
function pick(table, tag, what) {
  const v = table[tag];
  if (v === void 0) throw new Corrupt(`unknown ${what} tag ${tag}`);
  return v;
}
function readBody(r) {
  const count = () => {
    const n = r.uleb();
    if (n > r.remaining) throw new Corrupt(`count ${n} exceeds the remaining ${r.remaining} bytes`);
    return n;
  };
  const list = (item) => {
    const n = count();
    const out = [];
    for (let i = 0; i < n; i++) out.push(item());
    return out;
  };
  const valType = () => pick(VAL_TYPES, r.u8(), "value type");
  const funcType = () => {
    const params = list(valType);
    const res = r.u8();
    return { params, result: res === 255 ? null : pick(VAL_TYPES, res, "value type") };
  };
  const optLoc = () => {
    const v = r.uleb();
    return v === 0 ? void 0 : v - 1;
  };
  const withLoc2 = (node, loc) => loc === void 0 ? node : { ...node, loc };
  const constant = () => {
    const type = valType();
    switch (type) {
      case "i32":
        return { type, value: r.sleb32() };
      case "i64":
        return { type, value: r.sleb64() };
      case "f32":
        return { type, value: r.f32() };
      case "f64":
        return { type, value: r.f64() };
      default:
        return assertNever(type);
    }
  };
  const optStr = () => {
    const tag = r.u8();
    if (tag === 0) return null;
    if (tag !== 1) throw new Corrupt(`bad optional tag ${tag}`);
    return r.str();
  };
  const elemSize = () => {
    const s = r.u8();
    if (s !== 1 && s !== 2 && s !== 4 && s !== 8) throw new Corrupt(`bad element size ${s}`);
    return s;
  };
  const exprs = () => list(expr);
  const stmts = () => list(stmt);
  function expr() {
    const kind = pick(EXPR_KINDS, r.u8(), "expression");
    switch (kind) {
      case "const": {
        const c2 = constant();
        return { kind, type: c2.type, value: c2.value };
      }
      case "local.get":
      case "global.get":
        return { kind, index: r.uleb() };
      case "local.tee": {
        const index = r.uleb();
        return { kind, index, value: expr() };
      }
      case "unary": {
        const op = pick(UNARY_OPS, r.u8(), "unary op");
        return { kind, op, value: expr() };
      }
      case "binary": {
        const op = pick(BINARY_OPS, r.u8(), "binary op");
        const loc = optLoc();
        const left = expr();
        const right = expr();
        return withLoc2({ kind, op, left, right }, loc);
      }
      case "load": {
        const op = pick(LOAD_OPS, r.u8(), "load op");
        const offset = r.uleb();
        return { kind, op, offset, addr: expr() };
      }
      case "call": {
        const func = r.uleb();
        const loc = optLoc();
        return withLoc2({ kind, func, args: exprs() }, loc);
      }
      case "call.indirect": {
        const type = funcType();
        const loc = optLoc();
        const target = expr();
        return withLoc2({ kind, type, target, args: exprs() }, loc);
      }
      case "call.runtime": {
        const name = r.str();
        const loc = optLoc();
        return withLoc2({ kind, name, args: exprs() }, loc);
      }
      case "call.extern": {
        const ext2 = r.uleb();
        const loc = optLoc();
        return withLoc2({ kind, ext: ext2, args: exprs() }, loc);
      }
      case "select": {
        const cond = expr();
        const then = expr();
        return { kind, cond, then, else: expr() };
      }
      case "cond": {
        const type = valType();
        const cond = expr();
        const then = expr();
        return { kind, type, cond, then, else: expr() };
      }
      case "seq": {
        const body = stmts();
        return { kind, body, value: expr() };
      }
      case "data.addr":
        return { kind, segment: r.uleb() };
      case "elem.addr": {
        const size = elemSize();
        const loc = optLoc();
        const base = expr();
        return withLoc2({ kind, elemSize: size, base, index: expr() }, loc);
      }
      case "memory.size":
        return { kind };
      case "memory.grow":
        return { kind, pages: expr() };
      default:
        return assertNever(kind);
    }
  }
  function stmt() {
    const kind = pick(STMT_KINDS, r.u8(), "statement");
    const loc = optLoc();
    let s;
    switch (kind) {
      case "expr":
        s = { kind, expr: expr() };
        break;
      case "local.set":
      case "global.set": {
        const index = r.uleb();
        s = { kind, index, value: expr() };
        break;
      }
      case "store": {
        const op = pick(STORE_OPS, r.u8(), "store op");
        const offset = r.uleb();
        const addr = expr();
        s = { kind, op, offset, addr, value: expr() };
        break;
      }
      case "block":
      case "loop": {
        const label = r.uleb();
        s = { kind, label, body: stmts() };
        break;
      }
      case "if": {
        const cond = expr();
        const then = stmts();
        s = { kind, cond, then, else: stmts() };
        break;
      }
      case "break":
      case "continue":
        s = { kind, label: r.uleb() };
        break;
      case "return": {
        const has = r.u8();
        if (has > 1) throw new Corrupt(`bad return tag ${has}`);
        s = has ? { kind, value: expr() } : { kind };
        break;
      }
      case "unreachable":
        s = { kind };
        break;
      case "memory.copy": {
        const dst = expr();
        const src = expr();
        s = { kind, dst, src, len: expr() };
        break;
      }
      case "memory.fill": {
        const dst = expr();
        const value = expr();
        s = { kind, dst, value, len: expr() };
        break;
      }
      default:
        return assertNever(kind);
    }
    return withLoc2(s, loc);
  }
  const files = list(() => r.str());
  const locations = list(() => {
    const file = r.uleb();
    const line = r.uleb();
    return { file, line, column: r.uleb() };
  });
  const functions = list(() => {
    const name = r.str();
    const type = funcType();
    const locals = list(valType);
    const loc = optLoc();
    const body = stmts();
    return withLoc2({ name, type, locals, body }, loc);
  });
  const globals = list(() => {
    const name = r.str();
    const mutable = r.u8() === 1;
    const c2 = constant();
    return { name, mutable, type: c2.type, init: c2.value };
  });
  const externs = list(() => {
    const contract = r.str();
    const name = r.str();
    const library = r.str();
    return { contract, name, library, type: funcType() };
  });
  const table = list(() => r.uleb());
  const data = list(() => {
    const name = r.str();
    const n = r.uleb();
    return { name, bytes: r.bytes(n) };
  });
  const layouts = list(() => {
    const tag = r.u8();
    const name = r.str();
    if (tag === 0) {
      const size2 = r.uleb();
      return { kind: "record", name, size: size2, refs: list(() => r.uleb()) };
    }
    if (tag !== 1) throw new Corrupt(`unknown layout tag ${tag}`);
    const size = elemSize();
    return { kind: "array", name, elemSize: size, elemRef: r.u8() === 1 };
  });
  const tests = list(() => {
    const qualifiedName = r.str();
    const name = r.str();
    const group = optStr();
    const tags = list(() => r.str());
    const skipTag = r.u8();
    if (skipTag > 2) throw new Corrupt(`bad skip tag ${skipTag}`);
    const skip = skipTag === 0 ? null : { condition: skipTag === 2, reason: optStr() };
    const file = r.str();
    const line = r.uleb();
    const column = r.uleb();
    return { qualifiedName, name, group, tags, skip, file, line, column, func: r.uleb() };
  });
  const exports = list(() => {
    const name = r.str();
    return { name, func: r.uleb() };
  });
  const entryPoint = () => {
    const name = r.str();
    return { name, func: r.uleb() };
  };
  const hasEntry = r.u8();
  if (hasEntry > 1) throw new Corrupt(`bad entry tag ${hasEntry}`);
  const entry = hasEntry ? entryPoint() : null;
  const entryPoints = list(entryPoint);
  const nf = functions.length;
  const check2 = (ok, what) => {
    if (!ok) throw new Corrupt(what);
  };
  for (const l of locations) check2(l.file < files.length, `location refers to file ${l.file}`);
  for (const t3 of table) check2(t3 < nf, `table refers to function ${t3}`);
  for (const t3 of tests) check2(t3.func < nf, `test ${t3.qualifiedName} refers to function ${t3.func}`);
  for (const e of exports) check2(e.func < nf, `export ${e.name} refers to function ${e.func}`);
  for (const e of entryPoints) check2(e.func < nf, `entry point ${e.name} refers to function ${e.func}`);
  if (entry) check2(entry.func < nf, `entry refers to function ${entry.func}`);
  return {
    schemaVersion: ARTIFACT_SCHEMA_VERSION,
    files,
    locations,
    functions,
    globals,
    externs,
    table,
    data,
    layouts,
    tests,
    exports,
    entry,
    entryPoints
  };
}

// src/artifact/verify.ts
function verifyArtifact(a, maxProblems = 50) {
  const problems = [];
  const report = (where, msg) => {
    if (problems.length < maxProblems) problems.push(`${where}: ${msg}`);
  };
  BUILTIN_LAYOUTS.forEach((l, i) => {
    const got = a.layouts[i];
    if (!got || got.kind !== l.kind || got.name !== l.name)
      report("layouts", `built-in layout ${i} (${l.name}) missing`);
  });
  for (const slot of a.table) if (!a.functions[slot]) report("table", `function ${slot} does not exist`);
  for (const t3 of a.tests) {
    const f = a.functions[t3.func];
    if (!f || f.type.params.length !== 0 || f.type.result !== null)
      report(`test ${t3.qualifiedName}`, "func must be () -> void");
  }
  const entries = a.entry ? [a.entry, ...a.entryPoints] : a.entryPoints;
  for (const e of entries) {
    const f = a.functions[e.func];
    if (!f || f.type.params.length !== 0 || f.type.result === "f32" || f.type.result === "f64")
      report(`entry ${e.name}`, "must be () -> i32 | i64 | void");
  }
  a.functions.forEach((f, i) => verifyFunc(a, f, `function ${i} ${f.name}`, report));
  return problems;
}
function verifyFunc(a, f, where, report) {
  const localTypes = [...f.type.params, ...f.locals];
  const ctx = { artifact: a, localTypes };
  const labels = [];
  let depth = 0;
  let tooDeep = false;
  const enter = () => {
    if (++depth <= MAX_NESTING) return true;
    if (!tooDeep) report(where, `nesting deeper than ${MAX_NESTING} levels (spill into locals)`);
    tooDeep = true;
    return false;
  };
  const expect = (e, want, what) => {
    const got = checkExpr(e);
    if (got !== want) report(where, `${what}: expected ${want ?? "no value"}, found ${got ?? "no value"}`);
  };
  const args = (params, es, what) => {
    if (params.length !== es.length)
      report(where, `${what}: ${es.length} arguments for ${params.length} parameters`);
    es.forEach((e, i) => expect(e, params[i] ?? null, `${what} argument ${i}`));
  };
  const local = (i) => {
    if (!(i >= 0 && i < localTypes.length)) report(where, `local ${i} does not exist`);
  };
  function checkExpr(e) {
    if (!enter()) {
      depth--;
      return exprType(ctx, e);
    }
    try {
      return checkExprInner(e);
    } finally {
      depth--;
    }
  }
  function checkExprInner(e) {
    switch (e.kind) {
      case "const":
        if (e.type === "i64" ? typeof e.value !== "bigint" : typeof e.value !== "number")
          report(where, `const ${e.type} has a ${typeof e.value} value`);
        break;
      case "local.get":
        local(e.index);
        break;
      case "local.tee":
        local(e.index);
        expect(e.value, localTypes[e.index] ?? null, "local.tee");
        break;
      case "global.get":
        if (!a.globals[e.index]) report(where, `global ${e.index} does not exist`);
        break;
      case "unary":
        expect(e.value, unaryOperand(e.op), e.op);
        return unaryResult(e.op);
      case "binary":
        expect(e.left, binaryOperand(e.op), e.op);
        expect(e.right, binaryOperand(e.op), e.op);
        return binaryResult(e.op);
      case "load":
        expect(e.addr, "i32", `${e.op} address`);
        return loadResult(e.op);
      case "call": {
        const fn = a.functions[e.func];
        if (!fn) {
          report(where, `call of function ${e.func} that does not exist`);
          return null;
        }
        args(fn.type.params, e.args, `call ${fn.name}`);
        break;
      }
      case "call.indirect":
        expect(e.target, "i32", "call.indirect target");
        args(e.type.params, e.args, "call.indirect");
        break;
      case "call.runtime": {
        const t3 = runtimeType(e.name);
        if (!t3) {
          report(where, `unknown runtime function ${e.name}`);
          return null;
        }
        args(t3.params, e.args, `rt.${e.name}`);
        break;
      }
      case "call.extern": {
        const x = a.externs[e.ext];
        if (!x) {
          report(where, `extern ${e.ext} does not exist`);
          return null;
        }
        args(x.type.params, e.args, `extern ${x.name}`);
        break;
      }
      case "select": {
        expect(e.cond, "i32", "select condition");
        const t3 = checkExpr(e.then);
        expect(e.else, t3, "select else");
        return t3;
      }
      case "cond":
        expect(e.cond, "i32", "cond condition");
        expect(e.then, e.type, "cond then");
        expect(e.else, e.type, "cond else");
        break;
      case "seq":
        for (const s of e.body) checkStmt(s);
        return checkExpr(e.value);
      case "data.addr":
        if (!a.data[e.segment]) report(where, `data segment ${e.segment} does not exist`);
        break;
      case "elem.addr":
        expect(e.base, "i32", "elem.addr base");
        expect(e.index, "i64", "elem.addr index");
        break;
      case "memory.size":
        break;
      case "memory.grow":
        expect(e.pages, "i32", "memory.grow pages");
        break;
      default:
        assertNever(e);
    }
    return exprType(ctx, e);
  }
  function checkBody(body) {
    for (const s of body) checkStmt(s);
  }
  function checkStmt(s) {
    if (!enter()) {
      depth--;
      return;
    }
    try {
      checkStmtInner(s);
    } finally {
      depth--;
    }
  }
  function checkStmtInner(s) {
    switch (s.kind) {
      case "expr":
        checkExpr(s.expr);
        return;
      case "local.set":
        local(s.index);
        expect(s.value, localTypes[s.index] ?? null, "local.set");
        return;
      case "global.set": {
        const g = a.globals[s.index];
        if (!g) report(where, `global ${s.index} does not exist`);
        else if (!g.mutable) report(where, `global ${g.name} is immutable`);
        expect(s.value, g?.type ?? null, "global.set");
        return;
      }
      case "store":
        expect(s.addr, "i32", `${s.op} address`);
        expect(s.value, s.op.slice(0, 3), s.op);
        return;
      case "block":
      case "loop":
        if (labels.some((l) => l.label === s.label)) report(where, `label ${s.label} reused inside itself`);
        labels.push({ label: s.label, loop: s.kind === "loop" });
        checkBody(s.body);
        labels.pop();
        return;
      case "if":
        expect(s.cond, "i32", "if condition");
        checkBody(s.then);
        checkBody(s.else);
        return;
      case "break":
      case "continue": {
        const l = labels.find((x) => x.label === s.label);
        if (!l) report(where, `${s.kind} to label ${s.label} which does not enclose it`);
        else if (s.kind === "continue" && !l.loop)
          report(where, `continue to label ${s.label} which is not a loop`);
        return;
      }
      case "return":
        if (s.value === void 0) {
          if (f.type.result !== null)
            report(where, `return without a value in a function returning ${f.type.result}`);
        } else expect(s.value, f.type.result, "return");
        return;
      case "unreachable":
        return;
      case "memory.copy":
        expect(s.dst, "i32", "memory.copy dst");
        expect(s.src, "i32", "memory.copy src");
        expect(s.len, "i32", "memory.copy len");
        return;
      case "memory.fill":
        expect(s.dst, "i32", "memory.fill dst");
        expect(s.value, "i32", "memory.fill value");
        expect(s.len, "i32", "memory.fill len");
        return;
      default:
        assertNever(s);
    }
  }
  checkBody(f.body);
}

// src/pipeline/test-select.ts
function matchesFilter(filter, qualifiedName, name) {
  if (!/[*?]/.test(filter)) return qualifiedName.includes(filter) || name.includes(filter);
  const pattern = filter.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  const re = new RegExp(`^${pattern}$`);
  return re.test(qualifiedName) || re.test(name);
}
function matchesGroup(prefix, group) {
  return group === prefix || group.startsWith(prefix.endsWith(".") ? prefix : `${prefix}.`);
}
function selectTest(t3, req) {
  const include = req.includeTags ?? [];
  const exclude = req.excludeTags ?? [];
  if (include.length > 0 && !t3.tags.some((tag) => include.includes(tag))) return { kind: "filtered_out" };
  if (exclude.length > 0 && t3.tags.some((tag) => exclude.includes(tag))) return { kind: "filtered_out" };
  if (req.group !== void 0 && req.group !== "" && !matchesGroup(req.group, t3.group))
    return { kind: "filtered_out" };
  if (req.filter !== void 0 && req.filter !== "" && !matchesFilter(req.filter, t3.qualifiedName, t3.name)) {
    return { kind: "filtered_out" };
  }
  if (t3.skip) return { kind: "skipped", reason: t3.skip.reason };
  return { kind: "run" };
}
function inShard(position, shard) {
  if (!shard) return true;
  return position % shard.count === shard.index - 1;
}
function parseShard(text) {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return void 0;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return void 0;
  return { index, count };
}

// src/pipeline/cache.ts
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
function short(hex) {
  return hex.slice(0, 16);
}
function computeCacheKey(k) {
  const options = short(
    sha256Hex(
      Object.keys(k.options).sort().map((name) => `${name}=${String(k.options[name])}`).join("\n")
    )
  );
  const closureText = [
    ...k.units.map((u) => `unit ${u.module} ${u.hash}`),
    ...k.inputs.map((i) => `input ${i.path} ${i.hash}`)
  ].join("\n");
  const closure = short(sha256Hex(closureText));
  const components = { toolchain: k.toolchain, schema: `s${k.schema}`, options, closure };
  return { key: `${components.toolchain}-${components.schema}-${options}-${closure}`, components };
}
var LOCAL_CACHE_KEEP = 4;
var LocalCache = class {
  constructor(dir) {
    this.dir = dir;
  }
  dir;
  pathOf(key) {
    return join(this.dir, `${key}.bca`);
  }
  /** Stored bytes plus their sha256 (the last 64 bytes of the file are the hex digest). */
  get(key) {
    const path2 = this.pathOf(key);
    if (!existsSync(path2)) return void 0;
    try {
      const file = readFileSync(path2);
      if (file.length < 64) throw new Error("short");
      const body = file.subarray(0, file.length - 64);
      const digest = file.subarray(file.length - 64).toString("latin1");
      if (sha256Hex(body) !== digest) throw new Error("digest");
      const now = /* @__PURE__ */ new Date();
      utimesSync(path2, now, now);
      return new Uint8Array(body);
    } catch {
      this.remove(key);
      return void 0;
    }
  }
  put(key, bytes) {
    const path2 = this.pathOf(key);
    const digest = Buffer.from(sha256Hex(bytes), "latin1");
    writeFileAtomic(path2, Buffer.concat([Buffer.from(bytes), digest]));
    this.prune(key);
    return path2;
  }
  remove(key) {
    rmSync(this.pathOf(key), { force: true });
  }
  /** Keeps the newest LOCAL_CACHE_KEEP entries so an archived cache folder stays small. */
  prune(keep) {
    let entries;
    try {
      entries = readdirSync(this.dir).filter((n) => n.endsWith(".bca") && n !== `${keep}.bca`).map((name) => ({ name, mtime: statSync(join(this.dir, name)).mtimeMs }));
    } catch {
      return;
    }
    entries.sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? -1 : 1));
    for (const e of entries.slice(LOCAL_CACHE_KEEP - 1)) rmSync(join(this.dir, e.name), { force: true });
  }
};

// src/runtime/host-abi.ts
var HOST_CONTRACT = "__host";
var HOST_LIBRARY = "host";
function t2(params, result) {
  return { params, result };
}
var HOST_FUNCTIONS = {
  /** (fd, ptr, len) → bytes written, or -1. fd is 1 or 2 (the runtime checks). */
  write: t2(["i32", "i32", "i32"], "i32"),
  /** (fd, ptr, max) → bytes read (≥ 1), 0 at end of input or on error. Blocks for ≥ 1 byte. */
  read: t2(["i32", "i32", "i32"], "i32"),
  /** (code) ends the program after flushing output; never returns. */
  exit: t2(["i32"], null),
  /** (msgPtr, msgLen, loc) reports a panic (docs/runtime.md) and ends the program with 101. */
  panic: t2(["i32", "i32", "i32"], null),
  /** () → nanoseconds since the Unix epoch. */
  clock_realtime: t2([], "i64"),
  /** () → monotonic nanoseconds. */
  clock_monotonic: t2([], "i64"),
  /** (namePtr, nameLen) → pending length of the value, or -1 when unset. */
  env_get: t2(["i32", "i32"], "i32"),
  /** (namePtr, nameLen, valuePtr, valueLen) → 0 ok, else non-zero. */
  env_set: t2(["i32", "i32", "i32", "i32"], "i32"),
  /** () → pending length of the current directory. */
  getcwd: t2([], "i32"),
  /** (dst) copies the pending result to dst and clears it. */
  take: t2(["i32"], null),
  /** (pathPtr, pathLen) → pending length of the file contents, or -1. */
  fs_read: t2(["i32", "i32"], "i32"),
  /** (pathPtr, pathLen, dataPtr, dataLen) → 0 ok. */
  fs_write: t2(["i32", "i32", "i32", "i32"], "i32"),
  /** (pathPtr, pathLen) → 0 ok. Deletes a file or an empty directory. */
  fs_delete: t2(["i32", "i32"], "i32"),
  /** (pathPtr, pathLen) → 0 ok (also when it exists as a directory). Creates parents. */
  fs_mkdir: t2(["i32", "i32"], "i32"),
  /** (pathPtr, pathLen) → 1 exists, 0 not. */
  fs_exists: t2(["i32", "i32"], "i32"),
  /** () → process id. */
  getpid: t2([], "i32"),
  /** (fd) → columns*65536 + rows, 0 when unknown. */
  tty_winsize: t2(["i32"], "i64"),
  /** (value) → pending length of the shortest round-trip text of an f64 (docs/runtime.md). */
  format_f64: t2(["f64"], "i32"),
  /** (value) → pending length of the shortest round-trip text of an f32. */
  format_f32: t2(["f32"], "i32")
};
var HOST_NAMES = Object.keys(HOST_FUNCTIONS);
var JIT_MAPPED_EXTERNS = {
  getpid: t2([], "i32"),
  isatty: t2(["i32"], "i32"),
  sched_yield: t2([], "i32")
};

// src/backends/jit/reach.ts
function reachableExterns(a, root) {
  const seen = /* @__PURE__ */ new Set();
  const externs = /* @__PURE__ */ new Set();
  const stack = [root];
  let tableAdded = false;
  const expr = (e) => {
    if (e.kind === "call") {
      if (!seen.has(e.func)) stack.push(e.func);
    } else if (e.kind === "call.extern") externs.add(e.ext);
    else if (e.kind === "call.indirect" && !tableAdded) {
      tableAdded = true;
      stack.push(...a.table);
    }
    forEachChild(e, expr, stmt);
  };
  const stmt = (s) => forEachStmtChild(s, expr, stmt);
  while (stack.length > 0) {
    const f = stack.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    for (const s of a.functions[f]?.body ?? []) stmt(s);
  }
  return externs;
}
function forEachChild(e, expr, stmt) {
  switch (e.kind) {
    case "local.tee":
    case "unary":
      expr(e.value);
      return;
    case "binary":
      expr(e.left);
      expr(e.right);
      return;
    case "load":
      expr(e.addr);
      return;
    case "call":
    case "call.runtime":
    case "call.extern":
      e.args.forEach(expr);
      return;
    case "call.indirect":
      e.args.forEach(expr);
      expr(e.target);
      return;
    case "select":
    case "cond":
      expr(e.cond);
      expr(e.then);
      expr(e.else);
      return;
    case "seq":
      e.body.forEach(stmt);
      expr(e.value);
      return;
    case "elem.addr":
      expr(e.base);
      expr(e.index);
      return;
    case "memory.grow":
      expr(e.pages);
      return;
    case "const":
    case "local.get":
    case "global.get":
    case "data.addr":
    case "memory.size":
      return;
    default:
      assertNever(e);
  }
}
function forEachStmtChild(s, expr, stmt) {
  switch (s.kind) {
    case "expr":
      expr(s.expr);
      return;
    case "local.set":
    case "global.set":
      expr(s.value);
      return;
    case "store":
      expr(s.addr);
      expr(s.value);
      return;
    case "block":
    case "loop":
      s.body.forEach(stmt);
      return;
    case "if":
      expr(s.cond);
      s.then.forEach(stmt);
      s.else.forEach(stmt);
      return;
    case "return":
      if (s.value) expr(s.value);
      return;
    case "memory.copy":
      expr(s.dst);
      expr(s.src);
      expr(s.len);
      return;
    case "memory.fill":
      expr(s.dst);
      expr(s.value);
      expr(s.len);
      return;
    case "break":
    case "continue":
    case "unreachable":
      return;
    default:
      assertNever(s);
  }
}
function unavailableByRoot(a, roots, isMapped) {
  const out = {};
  if (a.externs.every((x) => isMapped(x.name))) return out;
  for (const root of roots) {
    const names = [];
    for (const i of [...reachableExterns(a, root)].sort((x, y) => x - y)) {
      const x = a.externs[i];
      if (!isMapped(x.name)) names.push(`${x.contract}.${x.name} (library ${x.library})`);
    }
    if (names.length > 0) out[root] = names;
  }
  return out;
}

// src/runtime/runtime.ts
var HEAP_TOP_GLOBAL = "rt.heap_top";
var MAX_READ_CHUNK = 1 << 24;
var MAX_OBJECT_BYTES = 2147483632;
var c = ir.i32;
var c64 = ir.i64;
var b32 = (op, l, r) => ir.bin(`i32.${op}`, l, r);
var b64 = (op, l, r) => ir.bin(`i64.${op}`, l, r);
var ext = (e) => ir.un("i64.extend_i32_s", e);
var extU = (e) => ir.un("i64.extend_i32_u", e);
var wrap = (e) => ir.un("i32.wrap_i64", e);
var len32 = (obj) => ir.load("i32.load", obj, ARRAY_LENGTH_OFFSET);
var dataOf = (obj) => b32("add", obj, c(ARRAY_DATA_OFFSET));
function buildRuntime() {
  const b = new ArtifactBuilder();
  const host = {};
  for (const n of HOST_NAMES) {
    host[n] = b.extern({ contract: HOST_CONTRACT, name: n, library: HOST_LIBRARY, type: HOST_FUNCTIONS[n] });
  }
  const H = (name, args) => ir.callExtern(host[name], args);
  const HT = b.global(HEAP_TOP_GLOBAL, "i32", 0);
  const F = /* @__PURE__ */ new Map();
  for (const [name, info] of Object.entries(RUNTIME_FUNCTIONS)) {
    F.set(name, b.declare(`rt.${name}`, info.type.params, info.type.result));
  }
  const priv = (name, params, result) => {
    F.set(name, b.declare(`rt.${name}`, params, result));
  };
  priv("str_alloc", ["i32"], "i32");
  priv("str_pending", ["i32"], "i32");
  priv("utf8_seq", ["i32", "i32"], "i32");
  priv("u64_to_str", ["i64", "i32"], "i32");
  priv("read_into", ["i32", "i64", "i64"], "i32");
  const call = (name, args) => {
    const f = F.get(name);
    if (f === void 0) throw new Error(`runtime: no function ${name}`);
    return ir.call(f, args);
  };
  const def = (name, body) => {
    b.define(F.get(name), body);
  };
  const cat = (...parts) => parts.reduce((acc, p) => call("str_concat", [acc, p]));
  const panicWith = (msg, loc) => [ir.exec(call("panic", [msg, loc])), ir.unreachable()];
  const oom = (loc) => [
    ir.exec(call("panic_code", [c(PANIC["out of memory"]), loc])),
    ir.unreachable()
  ];
  const empty = b.string("");
  def("panic", (f) => [
    ir.exec(H("panic", [dataOf(f.param(0)), len32(f.param(0)), f.param(1)])),
    ir.unreachable()
  ]);
  def("panic_code", (f) => [
    ...PANIC_CODES.map((msg, i) => ir.if(b32("eq", f.param(0), c(i)), panicWith(b.string(msg), f.param(1)))),
    ...panicWith(b.string("unknown panic code"), f.param(1))
  ]);
  def(
    "panic_index",
    (f) => panicWith(
      cat(
        b.string("index out of bounds: the length is "),
        call("str_from_i64", [f.param(0)]),
        b.string(" but the index is "),
        call("str_from_i64", [f.param(1)])
      ),
      f.param(2)
    )
  );
  def(
    "unsupported",
    (f) => panicWith(
      cat(b.string("intrinsic __"), f.param(0), b.string(" is not supported by this toolchain")),
      f.param(1)
    )
  );
  def("alloc", (f) => {
    const top = f.local("i32");
    const end = f.local("i64");
    const cur = f.local("i32");
    const need = f.local("i32");
    return [
      ir.set(top, ir.gget(HT)),
      ir.set(end, b64("and", b64("add", b64("add", extU(ir.get(top)), extU(f.param(1))), c64(7)), c64(-8))),
      ir.if(b64("ge_u", ir.get(end), c64(0x100000000n)), oom(c(-1))),
      ir.if(b64("gt_u", ir.get(end), b64("shl", extU(ir.memorySize()), c64(16))), [
        ir.set(cur, ir.memorySize()),
        ir.set(
          need,
          b32("sub", wrap(b64("shr_u", b64("add", ir.get(end), c64(65535)), c64(16))), ir.get(cur))
        ),
        ir.if(
          b32(
            "eq",
            ir.memoryGrow(ir.select(b32("gt_u", ir.get(need), ir.get(cur)), ir.get(need), ir.get(cur))),
            c(-1)
          ),
          [ir.if(b32("eq", ir.memoryGrow(ir.get(need)), c(-1)), oom(c(-1)))]
        )
      ]),
      ir.gset(HT, wrap(ir.get(end))),
      ir.store("i32.store", ir.get(top), f.param(0)),
      ir.ret(ir.get(top))
    ];
  });
  def("array_new", (f) => {
    const [layout, elemSize, length, loc] = [f.param(0), f.param(1), f.param(2), f.param(3)];
    const bytes = f.local("i64");
    const a = f.local("i32");
    return [
      ir.if(
        b64("lt_s", length, c64(0)),
        panicWith(cat(b.string("invalid array length: "), call("str_from_i64", [length])), loc)
      ),
      // length < 2^63 and elemSize <= 8: the product is checked before it can overflow.
      ir.if(b64("gt_u", length, c64(MAX_OBJECT_BYTES)), oom(loc)),
      ir.set(bytes, b64("add", b64("mul", length, extU(elemSize)), c64(ARRAY_DATA_OFFSET))),
      ir.if(b64("gt_u", ir.get(bytes), c64(MAX_OBJECT_BYTES)), oom(loc)),
      ir.set(a, call("alloc", [layout, wrap(ir.get(bytes))])),
      ir.store("i32.store", ir.get(a), wrap(length), ARRAY_LENGTH_OFFSET),
      ir.ret(ir.get(a))
    ];
  });
  def("array_len", (f) => [ir.ret(extU(len32(f.param(0))))]);
  def("closure_new", (f) => {
    const o = f.local("i32");
    return [
      ir.set(o, call("alloc", [c(LAYOUT.closure), c(CLOSURE_SIZE)])),
      ir.store("i32.store", ir.get(o), f.param(0), CLOSURE_CODE_OFFSET),
      ir.store("i32.store", ir.get(o), f.param(1), CLOSURE_ENV_OFFSET),
      ir.ret(ir.get(o))
    ];
  });
  def("str_alloc", (f) => {
    const s = f.local("i32");
    return [
      ir.if(b32("gt_u", f.param(0), c(MAX_OBJECT_BYTES - ARRAY_DATA_OFFSET)), oom(c(-1))),
      ir.set(s, call("alloc", [c(LAYOUT.string), b32("add", f.param(0), c(ARRAY_DATA_OFFSET))])),
      ir.store("i32.store", ir.get(s), f.param(0), ARRAY_LENGTH_OFFSET),
      ir.ret(ir.get(s))
    ];
  });
  def("str_pending", (f) => {
    const s = f.local("i32");
    return [
      ir.set(s, call("str_alloc", [f.param(0)])),
      ir.exec(H("take", [dataOf(ir.get(s))])),
      ir.ret(ir.get(s))
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
          b64("gt_u", b64("add", start, count), extU(len32(s)))
        ),
        panicWith(
          cat(
            b.string("string slice out of range: start "),
            call("str_from_i64", [start]),
            b.string(", count "),
            call("str_from_i64", [count]),
            b.string(", length "),
            call("str_from_i64", [extU(len32(s))])
          ),
          loc
        )
      ),
      ir.set(r, call("str_alloc", [wrap(count)])),
      ir.copy(dataOf(ir.get(r)), b32("add", dataOf(s), wrap(start)), wrap(count)),
      ir.ret(ir.get(r))
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
    const at = (base, op) => ir.load(op, b32("add", base, ir.get(i)), 8);
    return [
      ir.if(b32("eq", a, bb), [ir.ret(c64(1))]),
      ir.set(n, len32(a)),
      ir.if(b32("ne", ir.get(n), len32(bb)), [ir.ret(c64(0))]),
      ir.block(B1, [
        ir.loop(L1, [
          ir.if(b32("gt_u", b32("add", ir.get(i), c(8)), ir.get(n)), [ir.br(B1)]),
          ir.if(b64("ne", at(a, "i64.load"), at(bb, "i64.load")), [ir.ret(c64(0))]),
          ir.set(i, b32("add", ir.get(i), c(8)))
        ])
      ]),
      ir.block(B2, [
        ir.loop(L2, [
          ir.if(b32("ge_u", ir.get(i), ir.get(n)), [ir.br(B2)]),
          ir.if(b32("ne", at(a, "i32.load8_u"), at(bb, "i32.load8_u")), [ir.ret(c64(0))]),
          ir.set(i, b32("add", ir.get(i), c(1)))
        ])
      ]),
      ir.ret(c64(1))
    ];
  });
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
      ir.ret(ir.get(r))
    ];
  });
  def("utf8_seq", (f) => {
    const [p, rem] = [f.param(0), f.param(1)];
    const b0 = f.local("i32");
    const n = f.local("i32");
    const lo = f.local("i32");
    const hi = f.local("i32");
    const k = f.local("i32");
    const ch = f.local("i32");
    const L = f.label();
    const is = (v) => b32("eq", ir.get(b0), c(v));
    return [
      ir.set(b0, ir.load("i32.load8_u", p)),
      ir.if(b32("lt_u", ir.get(b0), c(128)), [ir.ret(c(1))]),
      ir.if(b32("lt_u", ir.get(b0), c(194)), [ir.ret(c(-1))]),
      ir.set(lo, c(128)),
      ir.set(hi, c(191)),
      ir.if(
        b32("lt_u", ir.get(b0), c(224)),
        [ir.set(n, c(2))],
        [
          ir.if(
            b32("lt_u", ir.get(b0), c(240)),
            [ir.set(n, c(3)), ir.if(is(224), [ir.set(lo, c(160))]), ir.if(is(237), [ir.set(hi, c(159))])],
            [
              ir.if(b32("ge_u", ir.get(b0), c(245)), [ir.ret(c(-1))]),
              ir.set(n, c(4)),
              ir.if(is(240), [ir.set(lo, c(144))]),
              ir.if(is(244), [ir.set(hi, c(143))])
            ]
          )
        ]
      ),
      ir.set(k, c(1)),
      ir.loop(L, [
        ir.if(b32("ge_u", ir.get(k), ir.get(n)), [ir.ret(ir.get(n))]),
        ir.if(b32("ge_u", ir.get(k), rem), [ir.ret(b32("sub", c(0), ir.get(k)))]),
        ir.set(ch, ir.load("i32.load8_u", b32("add", p, ir.get(k)))),
        ir.if(b32("or", b32("lt_u", ir.get(ch), ir.get(lo)), b32("gt_u", ir.get(ch), ir.get(hi))), [
          ir.ret(b32("sub", c(0), ir.get(k)))
        ]),
        ir.set(lo, c(128)),
        ir.set(hi, c(191)),
        ir.set(k, b32("add", ir.get(k), c(1)))
      ])
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
    const seq = () => ir.set(s, call("utf8_seq", [b32("add", dataOf(src), ir.get(i)), b32("sub", ir.get(n), ir.get(i))]));
    return [
      ir.set(n, len32(src)),
      ir.block(B1, [
        ir.loop(L1, [
          ir.if(b32("ge_u", ir.get(i), ir.get(n)), [ir.br(B1)]),
          seq(),
          ir.if(
            b32("gt_s", ir.get(s), c(0)),
            [ir.set(out, b32("add", ir.get(out), ir.get(s))), ir.set(i, b32("add", ir.get(i), ir.get(s)))],
            [ir.set(out, b32("add", ir.get(out), c(3))), ir.set(i, b32("sub", ir.get(i), ir.get(s)))]
          )
        ])
      ]),
      ir.set(r, call("str_alloc", [ir.get(out)])),
      ir.if(b32("eq", ir.get(out), ir.get(n)), [
        ir.copy(dataOf(ir.get(r)), dataOf(src), ir.get(n)),
        ir.ret(ir.get(r))
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
              ir.set(i, b32("add", ir.get(i), ir.get(s)))
            ],
            [
              ir.store("i32.store8", ir.get(o), c(239)),
              ir.store("i32.store8", ir.get(o), c(191), 1),
              ir.store("i32.store8", ir.get(o), c(189), 2),
              ir.set(o, b32("add", ir.get(o), c(3))),
              ir.set(i, b32("sub", ir.get(i), ir.get(s)))
            ]
          )
        ])
      ]),
      ir.ret(ir.get(r))
    ];
  });
  def("u64_to_str", (f) => {
    const [mag, neg] = [f.param(0), f.param(1)];
    const digits = f.local("i32");
    const t3 = f.local("i64");
    const r = f.local("i32");
    const p = f.local("i32");
    const m = f.local("i64");
    const q = f.local("i64");
    const L1 = f.label();
    const B1 = f.label();
    const L2 = f.label();
    return [
      ir.set(digits, c(1)),
      ir.set(t3, c64(10)),
      ir.block(B1, [
        ir.loop(L1, [
          ir.if(b32("eq", ir.get(digits), c(20)), [ir.br(B1)]),
          ir.if(b64("lt_u", mag, ir.get(t3)), [ir.br(B1)]),
          ir.set(t3, b64("mul", ir.get(t3), c64(10))),
          ir.set(digits, b32("add", ir.get(digits), c(1))),
          ir.continue(L1)
        ])
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
          b32("add", c(48), wrap(b64("sub", ir.get(m), b64("mul", ir.get(q), c64(10)))))
        ),
        ir.set(m, ir.get(q)),
        ir.if(b64("ne", ir.get(m), c64(0)), [ir.continue(L2)]),
        ir.ret(ir.get(r))
      ]),
      ir.unreachable()
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
    const byte = (offset, v) => ir.store("i32.store8", ir.get(r), v, ARRAY_DATA_OFFSET + offset);
    const shr = (n) => b32("shr_u", ir.get(cp), c(n));
    const cont = (e) => b32("or", c(128), b32("and", e, c(63)));
    return [
      ir.set(cp, f.param(0)),
      ir.if(
        b32(
          "or",
          b32("gt_u", ir.get(cp), c(1114111)),
          b32("and", b32("ge_u", ir.get(cp), c(55296)), b32("le_u", ir.get(cp), c(57343)))
        ),
        [ir.set(cp, c(65533))]
      ),
      ir.if(b32("lt_u", ir.get(cp), c(128)), [
        ir.set(r, call("str_alloc", [c(1)])),
        byte(0, ir.get(cp)),
        ir.ret(ir.get(r))
      ]),
      ir.if(b32("lt_u", ir.get(cp), c(2048)), [
        ir.set(r, call("str_alloc", [c(2)])),
        byte(0, b32("or", c(192), shr(6))),
        byte(1, cont(ir.get(cp))),
        ir.ret(ir.get(r))
      ]),
      ir.if(b32("lt_u", ir.get(cp), c(65536)), [
        ir.set(r, call("str_alloc", [c(3)])),
        byte(0, b32("or", c(224), shr(12))),
        byte(1, cont(shr(6))),
        byte(2, cont(ir.get(cp))),
        ir.ret(ir.get(r))
      ]),
      ir.set(r, call("str_alloc", [c(4)])),
      byte(0, b32("or", c(240), shr(18))),
      byte(1, cont(shr(12))),
      byte(2, cont(shr(6))),
      byte(3, cont(ir.get(cp))),
      ir.ret(ir.get(r))
    ];
  });
  def("bytes_get", (f) => {
    const [a, idx, loc] = [f.param(0), f.param(1), f.param(2)];
    return [
      ir.if(b64("ge_u", idx, extU(len32(a))), [
        ir.exec(call("panic_index", [extU(len32(a)), idx, loc])),
        ir.unreachable()
      ]),
      ir.ret(extU(ir.load("i32.load8_u", b32("add", a, wrap(idx)), ARRAY_DATA_OFFSET)))
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
            ir.ret(ir.select(b32("lt_u", ir.get(x), ir.get(y)), c64(-1), c64(1)))
          ]),
          ir.set(i, b32("add", ir.get(i), c(1)))
        ])
      ]),
      ir.if(b32("lt_u", len32(a), len32(bb)), [ir.ret(c64(-1))]),
      ir.ret(ir.select(b32("gt_u", len32(a), len32(bb)), c64(1), c64(0)))
    ];
  });
  def("bytes_copy", (f) => {
    const [dst, dstOff, src, srcOff, n, loc] = [
      f.param(0),
      f.param(1),
      f.param(2),
      f.param(3),
      f.param(4),
      f.param(5)
    ];
    const check2 = (arr, off) => ir.if(
      b32(
        "or",
        b32("or", b64("lt_s", off, c64(0)), b64("lt_s", n, c64(0))),
        b64("gt_u", b64("add", off, n), extU(len32(arr)))
      ),
      [
        ir.exec(
          call("panic_index", [
            extU(len32(arr)),
            ir.select(
              b64("lt_s", off, c64(0)),
              off,
              ir.select(b64("lt_s", n, c64(0)), n, b64("add", off, n))
            ),
            loc
          ])
        ),
        ir.unreachable()
      ]
    );
    return [
      check2(dst, dstOff),
      check2(src, srcOff),
      ir.copy(b32("add", dataOf(dst), wrap(dstOff)), b32("add", dataOf(src), wrap(srcOff)), wrap(n))
    ];
  });
  const writeTo = (f) => [
    ir.if(b32("and", b64("ne", f.param(0), c64(1)), b64("ne", f.param(0), c64(2))), [ir.ret(c64(-1))]),
    ir.ret(ext(H("write", [wrap(f.param(0)), dataOf(f.param(1)), len32(f.param(1))])))
  ];
  def("syscall_write", writeTo);
  def("syscall_write_bytes", writeTo);
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
      ir.set(r, call("alloc", [layout, b32("add", ir.get(m), c(ARRAY_DATA_OFFSET))])),
      ir.set(top, ir.gget(HT)),
      ir.set(n, H("read", [c(0), dataOf(ir.get(r)), ir.get(m)])),
      ir.if(b32("le_s", ir.get(n), c(0)), [
        ir.fill(ir.get(r), c(0), b32("sub", ir.get(top), ir.get(r))),
        ir.gset(HT, ir.get(r)),
        ir.ret(c(0))
      ]),
      ir.store("i32.store", ir.get(r), ir.get(n), ARRAY_LENGTH_OFFSET),
      ir.set(newTop, b32("and", b32("add", b32("add", dataOf(ir.get(r)), ir.get(n)), c(7)), c(-8))),
      ir.fill(ir.get(newTop), c(0), b32("sub", ir.get(top), ir.get(newTop))),
      ir.gset(HT, ir.get(newTop)),
      ir.ret(ir.get(r))
    ];
  });
  def("syscall_read", (f) => {
    const r = f.local("i32");
    return [
      ir.set(r, call("read_into", [c(LAYOUT.string), f.param(0), f.param(1)])),
      ir.ret(ir.select(ir.get(r), ir.get(r), empty))
    ];
  });
  def("syscall_read_bytes", (f) => {
    const r = f.local("i32");
    return [
      ir.set(r, call("read_into", [c(LAYOUT.array8), f.param(0), f.param(1)])),
      ir.if(b32("eq", ir.get(r), c(0)), [ir.ret(call("array_new", [c(LAYOUT.array8), c(1), c64(0), c(-1)]))]),
      ir.ret(ir.get(r))
    ];
  });
  const pendingOrEmpty = (name, lenExpr) => def(name, (f) => {
    const k = f.local("i32");
    return [
      ir.set(k, lenExpr(f)),
      ir.if(b32("lt_s", ir.get(k), c(0)), [ir.ret(empty)]),
      ir.ret(call("str_pending", [ir.get(k)]))
    ];
  });
  pendingOrEmpty("fs_read_text", (f) => H("fs_read", [dataOf(f.param(0)), len32(f.param(0))]));
  pendingOrEmpty("env_get", (f) => H("env_get", [dataOf(f.param(0)), len32(f.param(0))]));
  pendingOrEmpty("env_getcwd", () => H("getcwd", []));
  const path1 = (name) => def(name, (f) => [ir.ret(ext(H(name, [dataOf(f.param(0)), len32(f.param(0))])))]);
  path1("fs_delete");
  path1("fs_mkdir");
  path1("fs_exists");
  const path2 = (name, hostName) => def(name, (f) => [
    ir.ret(
      ext(H(hostName, [dataOf(f.param(0)), len32(f.param(0)), dataOf(f.param(1)), len32(f.param(1))]))
    )
  ]);
  path2("fs_write_text", "fs_write");
  path2("env_set", "env_set");
  def("process_getpid", () => [ir.ret(H("getpid", []))]);
  def("process_exit", (f) => [ir.exec(H("exit", [f.param(0)])), ir.unreachable()]);
  def("clock_realtime_nanos", () => [ir.ret(H("clock_realtime", []))]);
  def("clock_monotonic_nanos", () => [ir.ret(H("clock_monotonic", []))]);
  def("tty_winsize", (f) => [ir.ret(H("tty_winsize", [wrap(f.param(0))]))]);
  def("fiber_yield", () => []);
  def("fiber_now_millis", () => [ir.ret(b64("div_u", H("clock_monotonic", []), c64(1e6)))]);
  def("fiber_processor_count", () => [ir.ret(c64(1))]);
  return { artifact: b.finish(), functions: F, heapTopGlobal: HT };
}

// src/runtime/link.ts
var runtimeOnce;
function runtimeModule() {
  runtimeOnce ??= buildRuntime();
  return runtimeOnce;
}
function shiftExpr(e, s) {
  switch (e.kind) {
    case "const":
    case "local.get":
    case "memory.size":
      return e;
    case "local.tee":
      return { ...e, value: shiftExpr(e.value, s) };
    case "global.get":
      return { ...e, index: e.index + s.global };
    case "unary":
      return { ...e, value: shiftExpr(e.value, s) };
    case "binary":
      return { ...e, left: shiftExpr(e.left, s), right: shiftExpr(e.right, s) };
    case "load":
      return { ...e, addr: shiftExpr(e.addr, s) };
    case "call":
      return { ...e, func: e.func + s.func, args: e.args.map((a) => shiftExpr(a, s)) };
    case "call.indirect":
      return { ...e, target: shiftExpr(e.target, s), args: e.args.map((a) => shiftExpr(a, s)) };
    case "call.runtime":
      return { ...e, args: e.args.map((a) => shiftExpr(a, s)) };
    case "call.extern":
      return { ...e, ext: e.ext + s.ext, args: e.args.map((a) => shiftExpr(a, s)) };
    case "select":
    case "cond":
      return { ...e, cond: shiftExpr(e.cond, s), then: shiftExpr(e.then, s), else: shiftExpr(e.else, s) };
    case "seq":
      return { ...e, body: e.body.map((x) => shiftStmt(x, s)), value: shiftExpr(e.value, s) };
    case "data.addr":
      return { ...e, segment: e.segment + s.data };
    case "elem.addr":
      return { ...e, base: shiftExpr(e.base, s), index: shiftExpr(e.index, s) };
    case "memory.grow":
      return { ...e, pages: shiftExpr(e.pages, s) };
    default:
      return assertNever(e);
  }
}
function shiftStmt(st, s) {
  switch (st.kind) {
    case "expr":
      return { ...st, expr: shiftExpr(st.expr, s) };
    case "local.set":
      return { ...st, value: shiftExpr(st.value, s) };
    case "global.set":
      return { ...st, index: st.index + s.global, value: shiftExpr(st.value, s) };
    case "store":
      return { ...st, addr: shiftExpr(st.addr, s), value: shiftExpr(st.value, s) };
    case "block":
    case "loop":
      return { ...st, body: st.body.map((x) => shiftStmt(x, s)) };
    case "if":
      return {
        ...st,
        cond: shiftExpr(st.cond, s),
        then: st.then.map((x) => shiftStmt(x, s)),
        else: st.else.map((x) => shiftStmt(x, s))
      };
    case "break":
    case "continue":
    case "unreachable":
      return st;
    case "return":
      return st.value === void 0 ? st : { ...st, value: shiftExpr(st.value, s) };
    case "memory.copy":
      return { ...st, dst: shiftExpr(st.dst, s), src: shiftExpr(st.src, s), len: shiftExpr(st.len, s) };
    case "memory.fill":
      return { ...st, dst: shiftExpr(st.dst, s), value: shiftExpr(st.value, s), len: shiftExpr(st.len, s) };
    default:
      return assertNever(st);
  }
}
function linkRuntime(program) {
  const rt = runtimeModule();
  const r = rt.artifact;
  const shift = {
    func: program.functions.length,
    global: program.globals.length,
    data: program.data.length,
    ext: program.externs.length
  };
  const functions = [
    ...program.functions,
    ...r.functions.map((f) => ({ ...f, body: f.body.map((s) => shiftStmt(s, shift)) }))
  ];
  const data = [...program.data, ...r.data];
  const { addresses, heapBase } = layoutData(data);
  const globals = [
    ...program.globals,
    ...r.globals.map((g) => g.name === HEAP_TOP_GLOBAL ? { ...g, init: heapBase } : g)
  ];
  const externs = [...program.externs, ...r.externs];
  const runtimeIndex = /* @__PURE__ */ new Map();
  for (const [name, idx] of rt.functions) runtimeIndex.set(name, idx + shift.func);
  const hostExterns = /* @__PURE__ */ new Map();
  r.externs.forEach((x, i) => {
    if (x.contract === HOST_CONTRACT) hostExterns.set(x.name, i + shift.ext);
  });
  return {
    artifact: { ...program, functions, data, globals, externs },
    runtimeIndex,
    programFunctions: program.functions.length,
    dataAddresses: addresses,
    heapBase,
    heapTopGlobal: rt.heapTopGlobal + shift.global,
    hostExterns
  };
}

// src/backends/jit/opcodes.ts
var WASM_MAGIC = [0, 97, 115, 109];
var WASM_VERSION = [1, 0, 0, 0];
var SECTION = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12
};
var VALTYPE = { i32: 127, i64: 126, f32: 125, f64: 124 };
var FUNCREF = 112;
var FUNC_TYPE = 96;
var BLOCK_VOID = 64;
var EXTERNAL_KIND = { func: 0, table: 1, memory: 2, global: 3 };
var OP = {
  unreachable: 0,
  nop: 1,
  block: 2,
  loop: 3,
  if: 4,
  else: 5,
  end: 11,
  br: 12,
  br_if: 13,
  return: 15,
  call: 16,
  call_indirect: 17,
  drop: 26,
  select: 27,
  local_get: 32,
  local_set: 33,
  local_tee: 34,
  global_get: 35,
  global_set: 36,
  memory_size: 63,
  memory_grow: 64,
  i32_const: 65,
  i64_const: 66,
  f32_const: 67,
  f64_const: 68,
  prefix_fc: 252,
  fc_memory_init: 8,
  fc_memory_copy: 10,
  fc_memory_fill: 11
};
var UNARY_OPCODE = {
  "i32.eqz": 69,
  "i32.clz": 103,
  "i32.ctz": 104,
  "i32.popcnt": 105,
  "i32.extend8_s": 192,
  "i32.extend16_s": 193,
  "i64.eqz": 80,
  "i64.clz": 121,
  "i64.ctz": 122,
  "i64.popcnt": 123,
  "i64.extend8_s": 194,
  "i64.extend16_s": 195,
  "i64.extend32_s": 196,
  "f32.abs": 139,
  "f32.neg": 140,
  "f32.ceil": 141,
  "f32.floor": 142,
  "f32.trunc": 143,
  "f32.nearest": 144,
  "f32.sqrt": 145,
  "f64.abs": 153,
  "f64.neg": 154,
  "f64.ceil": 155,
  "f64.floor": 156,
  "f64.trunc": 157,
  "f64.nearest": 158,
  "f64.sqrt": 159,
  "i32.wrap_i64": 167,
  "i64.extend_i32_s": 172,
  "i64.extend_i32_u": 173,
  "i32.trunc_sat_f32_s": [252, 0],
  "i32.trunc_sat_f32_u": [252, 1],
  "i32.trunc_sat_f64_s": [252, 2],
  "i32.trunc_sat_f64_u": [252, 3],
  "i64.trunc_sat_f32_s": [252, 4],
  "i64.trunc_sat_f32_u": [252, 5],
  "i64.trunc_sat_f64_s": [252, 6],
  "i64.trunc_sat_f64_u": [252, 7],
  "f32.convert_i32_s": 178,
  "f32.convert_i32_u": 179,
  "f32.convert_i64_s": 180,
  "f32.convert_i64_u": 181,
  "f32.demote_f64": 182,
  "f64.convert_i32_s": 183,
  "f64.convert_i32_u": 184,
  "f64.convert_i64_s": 185,
  "f64.convert_i64_u": 186,
  "f64.promote_f32": 187,
  "i32.reinterpret_f32": 188,
  "i64.reinterpret_f64": 189,
  "f32.reinterpret_i32": 190,
  "f64.reinterpret_i64": 191
};
var BINARY_OPCODE = {
  "i32.eq": 70,
  "i32.ne": 71,
  "i32.lt_s": 72,
  "i32.lt_u": 73,
  "i32.gt_s": 74,
  "i32.gt_u": 75,
  "i32.le_s": 76,
  "i32.le_u": 77,
  "i32.ge_s": 78,
  "i32.ge_u": 79,
  "i64.eq": 81,
  "i64.ne": 82,
  "i64.lt_s": 83,
  "i64.lt_u": 84,
  "i64.gt_s": 85,
  "i64.gt_u": 86,
  "i64.le_s": 87,
  "i64.le_u": 88,
  "i64.ge_s": 89,
  "i64.ge_u": 90,
  "f32.eq": 91,
  "f32.ne": 92,
  "f32.lt": 93,
  "f32.gt": 94,
  "f32.le": 95,
  "f32.ge": 96,
  "f64.eq": 97,
  "f64.ne": 98,
  "f64.lt": 99,
  "f64.gt": 100,
  "f64.le": 101,
  "f64.ge": 102,
  "i32.add": 106,
  "i32.sub": 107,
  "i32.mul": 108,
  "i32.div_s": 109,
  "i32.div_u": 110,
  "i32.rem_s": 111,
  "i32.rem_u": 112,
  "i32.and": 113,
  "i32.or": 114,
  "i32.xor": 115,
  "i32.shl": 116,
  "i32.shr_s": 117,
  "i32.shr_u": 118,
  "i32.rotl": 119,
  "i32.rotr": 120,
  "i64.add": 124,
  "i64.sub": 125,
  "i64.mul": 126,
  "i64.div_s": 127,
  "i64.div_u": 128,
  "i64.rem_s": 129,
  "i64.rem_u": 130,
  "i64.and": 131,
  "i64.or": 132,
  "i64.xor": 133,
  "i64.shl": 134,
  "i64.shr_s": 135,
  "i64.shr_u": 136,
  "i64.rotl": 137,
  "i64.rotr": 138,
  "f32.add": 146,
  "f32.sub": 147,
  "f32.mul": 148,
  "f32.div": 149,
  "f64.add": 160,
  "f64.sub": 161,
  "f64.mul": 162,
  "f64.div": 163
};
var LOAD_OPCODE = {
  "i32.load": [40, 2],
  "i64.load": [41, 3],
  "f32.load": [42, 2],
  "f64.load": [43, 3],
  "i32.load8_s": [44, 0],
  "i32.load8_u": [45, 0],
  "i32.load16_s": [46, 1],
  "i32.load16_u": [47, 1],
  "i64.load8_s": [48, 0],
  "i64.load8_u": [49, 0],
  "i64.load16_s": [50, 1],
  "i64.load16_u": [51, 1],
  "i64.load32_s": [52, 2],
  "i64.load32_u": [53, 2]
};
var STORE_OPCODE = {
  "i32.store": [54, 2],
  "i64.store": [55, 3],
  "f32.store": [56, 2],
  "f64.store": [57, 3],
  "i32.store8": [58, 0],
  "i32.store16": [59, 1],
  "i64.store8": [60, 0],
  "i64.store16": [61, 1],
  "i64.store32": [62, 2]
};

// src/backends/jit/wasm-module.ts
var VecSection = class {
  constructor(id) {
    this.id = id;
  }
  id;
  w = new ByteWriter(256);
  count = 0;
  entry() {
    this.count++;
    return this.w;
  }
};
var TYPE_CODE = { i32: 1, i64: 2, f32: 3, f64: 4 };
function typeKey(t3) {
  if (t3.params.length > 18) return `${t3.params.join(",")}>${t3.result ?? ""}`;
  let k = t3.result === null ? 0 : TYPE_CODE[t3.result];
  for (const p of t3.params) k = k * 5 + TYPE_CODE[p];
  return k * 32 + t3.params.length;
}
var WasmModuleBuilder = class {
  types = new VecSection(SECTION.type);
  typeIndex = /* @__PURE__ */ new Map();
  imports = new VecSection(SECTION.import);
  functions = new VecSection(SECTION.function);
  tables = new VecSection(SECTION.table);
  memories = new VecSection(SECTION.memory);
  globals = new VecSection(SECTION.global);
  exports = new VecSection(SECTION.export);
  elements = new VecSection(SECTION.element);
  data = new VecSection(SECTION.data);
  // Function bodies go straight into the code section's payload, each prefixed by its size.
  code = new ByteWriter(64 * 1024);
  bodyStarts = [];
  funcNames = [];
  importedFunctions = 0;
  startFunc = null;
  /** The function run when an instance is created. */
  start(func) {
    this.startFunc = func;
  }
  type(t3) {
    let idx = this.typeIndex.get(typeKey(t3));
    if (idx === void 0) {
      idx = this.types.count;
      const w = this.types.entry();
      w.u8(FUNC_TYPE);
      w.uleb(t3.params.length);
      for (const p of t3.params) w.u8(VALTYPE[p]);
      if (t3.result === null) w.uleb(0);
      else {
        w.uleb(1);
        w.u8(VALTYPE[t3.result]);
      }
      this.typeIndex.set(typeKey(t3), idx);
    }
    return idx;
  }
  /** Imports a function; all imports must come before the first `func`. */
  importFunction(module, name, t3) {
    if (this.functions.count > 0) throw new Error("imports must precede defined functions");
    const typeIdx = this.type(t3);
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
  func(name, t3, body) {
    this.functions.entry().uleb(this.type(t3));
    this.code.uleb(body.length);
    this.bodyStarts.push(this.code.length);
    this.code.bytes(body);
    this.funcNames.push(name);
    return this.importedFunctions + this.bodyStarts.length - 1;
  }
  table(size) {
    const w = this.tables.entry();
    w.u8(FUNCREF);
    w.u8(1);
    w.uleb(size);
    w.uleb(size);
  }
  memory(minPages, maxPages) {
    const w = this.memories.entry();
    w.u8(1);
    w.uleb(minPages);
    w.uleb(maxPages);
  }
  /** A global with a constant initialiser; `init` writes the constant instruction. */
  global(type, mutable, init) {
    const w = this.globals.entry();
    w.u8(VALTYPE[type]);
    w.u8(mutable ? 1 : 0);
    init(w);
    w.u8(OP.end);
  }
  exportFunction(name, func) {
    const w = this.exports.entry();
    w.str(name);
    w.u8(EXTERNAL_KIND.func);
    w.uleb(func);
  }
  exportMemory(name) {
    const w = this.exports.entry();
    w.str(name);
    w.u8(EXTERNAL_KIND.memory);
    w.uleb(0);
  }
  /** An active element segment filling table 0 from slot 0. */
  elements0(funcs) {
    const w = this.elements.entry();
    w.uleb(0);
    w.u8(OP.i32_const);
    w.sleb32(0);
    w.u8(OP.end);
    w.uleb(funcs.length);
    for (const f of funcs) w.uleb(f);
  }
  /** A passive data segment (copied by `memory.init`); returns its index. */
  passiveData(bytes) {
    const w = this.data.entry();
    w.uleb(1);
    w.uleb(bytes.length);
    w.bytes(bytes);
    return this.data.count - 1;
  }
  /** An active data segment in memory 0 at `address`. */
  dataAt(address, bytes) {
    const w = this.data.entry();
    w.uleb(0);
    w.u8(OP.i32_const);
    w.sleb32(address);
    w.u8(OP.end);
    w.uleb(bytes.length);
    w.bytes(bytes);
  }
  finish() {
    const out = new ByteWriter(64 * 1024);
    for (const b of WASM_MAGIC) out.u8(b);
    for (const b of WASM_VERSION) out.u8(b);
    const section = (s) => {
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
    if (this.data.count > 0) {
      const dc = new ByteWriter(8);
      dc.uleb(this.data.count);
      out.u8(SECTION.dataCount);
      out.uleb(dc.length);
      out.bytes(dc.peek());
    }
    const bodyOffsets = [];
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
};

// src/backends/jit/emit.ts
var FMOD_TYPE = { params: ["f64", "f64"], result: "f64" };
var TEST_DISPATCH_EXPORT = "run_test";
function dispatchBody(funcs, w) {
  w.length = 0;
  w.uleb(0);
  const emit = (lo, hi) => {
    if (hi - lo === 1) {
      w.u8(OP.call);
      w.uleb(funcs[lo]);
      return;
    }
    const mid = lo + hi >>> 1;
    w.u8(OP.local_get);
    w.uleb(0);
    w.u8(OP.i32_const);
    w.sleb32(mid);
    w.u8(BINARY_OPCODE["i32.lt_u"]);
    w.u8(OP.if);
    w.u8(BLOCK_VOID);
    emit(lo, mid);
    w.u8(OP.else);
    emit(mid, hi);
    w.u8(OP.end);
  };
  if (funcs.length > 0) emit(0, funcs.length);
  w.u8(OP.end);
  return w.peek();
}
var RESET_EXPORT = "reset";
function resetBody(globals, heapBase, initialPages, segment, w) {
  w.length = 0;
  w.uleb(0);
  const c32 = (v) => {
    w.u8(OP.i32_const);
    w.sleb32(v);
  };
  w.u8(OP.memory_size);
  w.u8(0);
  c32(initialPages);
  w.u8(BINARY_OPCODE["i32.ne"]);
  w.u8(OP.if);
  w.u8(BLOCK_VOID);
  c32(1);
  w.u8(OP.return);
  w.u8(OP.end);
  c32(0);
  c32(0);
  c32(initialPages * PAGE_SIZE);
  w.u8(OP.prefix_fc);
  w.uleb(OP.fc_memory_fill);
  w.u8(0);
  c32(DATA_BASE);
  c32(0);
  c32(heapBase - DATA_BASE);
  w.u8(OP.prefix_fc);
  w.uleb(OP.fc_memory_init);
  w.uleb(segment);
  w.u8(0);
  globals.forEach((g, i) => {
    writeConst(w, g.type, g.init);
    w.u8(OP.global_set);
    w.uleb(i);
  });
  c32(0);
  w.u8(OP.end);
  return w.peek();
}
function initBody(reset, w) {
  w.length = 0;
  w.uleb(0);
  w.u8(OP.call);
  w.uleb(reset);
  w.u8(OP.drop);
  w.u8(OP.end);
  return w.peek();
}
function runExportName(i) {
  return `f${i}`;
}
function compileArtifactDetailed(program, options = {}) {
  const linked = linkRuntime(program);
  const a = linked.artifact;
  const mb = new WasmModuleBuilder();
  const externs = [];
  a.externs.forEach((x, i) => {
    if (x.contract === HOST_CONTRACT) mb.importFunction("host", x.name, x.type);
    else {
      mb.importFunction("extern", `${x.contract}.${x.name}`, x.type);
      externs.push({ importIndex: i, contract: x.contract, name: x.name, library: x.library });
    }
  });
  const fmod = mb.importFunction("host", "fmod", FMOD_TYPE);
  const importCount = mb.importedFunctions;
  const ctx = {
    a,
    linked,
    importCount,
    fmod,
    typeIndex: (t3) => mb.type(t3),
    panicCode: importCount + linked.runtimeIndex.get("panic_code"),
    panicIndex: importCount + linked.runtimeIndex.get("panic_index")
  };
  const locTables = [];
  const scratch = new ByteWriter(64 * 1024);
  for (const f of a.functions) {
    const fe = new FunctionEmitter(ctx, f, scratch);
    mb.func(f.name, f.type, fe.emit());
    locTables.push(Int32Array.from(fe.locTable));
  }
  const testFuncs = a.tests.map((t3) => importCount + t3.func);
  const dispatcher = mb.func(
    "beskid.run_test",
    { params: ["i32"], result: null },
    dispatchBody(testFuncs, scratch)
  );
  locTables.push(new Int32Array(0));
  const maxPages = Math.min(options.maxPages ?? MAX_PAGES, MAX_PAGES);
  const initialPages = Math.min(Math.max(1, Math.ceil(linked.heapBase / PAGE_SIZE)), maxPages);
  const reset = mb.func(
    "beskid.reset",
    { params: [], result: "i32" },
    resetBody(a.globals, linked.heapBase, initialPages, 0, scratch)
  );
  locTables.push(new Int32Array(0));
  mb.start(mb.func("beskid.init", { params: [], result: null }, initBody(reset, scratch)));
  locTables.push(new Int32Array(0));
  mb.table(a.table.length);
  mb.memory(initialPages, maxPages);
  for (const g of a.globals) {
    mb.global(g.type, g.mutable, (w) => writeConst(w, g.type, g.init));
  }
  mb.exportMemory("memory");
  const runExports = {};
  const entries = /* @__PURE__ */ new Set();
  for (const e of a.entryPoints) entries.add(e.func);
  if (a.entry) entries.add(a.entry.func);
  for (const i of [...entries].sort((x, y) => x - y)) {
    runExports[i] = runExportName(i);
    mb.exportFunction(runExports[i], importCount + i);
  }
  mb.exportFunction(TEST_DISPATCH_EXPORT, dispatcher);
  mb.exportFunction(RESET_EXPORT, reset);
  const taken = /* @__PURE__ */ new Set(["memory", TEST_DISPATCH_EXPORT, RESET_EXPORT, ...Object.values(runExports)]);
  for (const e of a.exports) {
    if (taken.has(e.name)) continue;
    taken.add(e.name);
    mb.exportFunction(e.name, importCount + e.func);
  }
  if (a.table.length > 0) mb.elements0(a.table.map((f) => importCount + f));
  const image = new Uint8Array(linked.heapBase - DATA_BASE);
  a.data.forEach((d, i) => image.set(d.bytes, linked.dataAddresses[i] - DATA_BASE));
  mb.passiveData(image);
  const layout = mb.finish();
  const locations = new Int32Array(a.locations.length * 3);
  a.locations.forEach((l, i) => {
    locations[i * 3] = l.file;
    locations[i * 3 + 1] = l.line;
    locations[i * 3 + 2] = l.column;
  });
  const functionNames = [
    ...a.externs.map((x) => `${x.contract}.${x.name}`),
    "host.fmod",
    ...a.functions.map((f) => f.name)
  ];
  return {
    wasm: layout.bytes,
    info: {
      importCount,
      functionNames,
      programFunctions: linked.programFunctions,
      bodyOffsets: layout.bodyOffsets,
      locTables,
      files: [...a.files],
      locations,
      runExports,
      externs,
      heapBase: linked.heapBase,
      maxPages,
      entry: program.entry,
      entryPoints: program.entryPoints,
      tests: program.tests,
      unavailable: unavailableByRoot(
        program,
        [...entries, ...a.tests.map((t3) => t3.func)],
        (name) => Object.prototype.hasOwnProperty.call(JIT_MAPPED_EXTERNS, name)
      )
    }
  };
}
function compileArtifact(program, options = {}) {
  return compileArtifactDetailed(program, options).wasm;
}
function writeConst(w, type, value) {
  switch (type) {
    case "i32":
      w.u8(OP.i32_const);
      w.sleb32(Number(value));
      return;
    case "i64":
      w.u8(OP.i64_const);
      w.sleb64(BigInt(value));
      return;
    case "f32":
      w.u8(OP.f32_const);
      w.f32(Number(value));
      return;
    case "f64":
      w.u8(OP.f64_const);
      w.f64(Number(value));
      return;
    default:
      assertNever(type);
  }
}
var FunctionEmitter = class {
  /** `w` is a scratch writer shared by all functions; `emit` resets it. */
  constructor(ctx, f, w) {
    this.ctx = ctx;
    this.f = f;
    this.w = w;
    this.localTypes = [...f.type.params, ...f.locals];
    this.typeCtx = { artifact: ctx.a, localTypes: this.localTypes };
    const base = this.localTypes.length;
    this.s32a = base;
    this.s32b = base + 1;
    this.s64a = base + 2;
    this.s64b = base + 3;
  }
  ctx;
  f;
  w;
  ctl = [];
  locTable = [];
  localTypes;
  typeCtx;
  // Scratch locals for inline checks (operands are fully evaluated before they are stored,
  // and nothing is evaluated between the store and the use, so nesting is safe).
  s32a;
  s32b;
  s64a;
  s64b;
  /** The body bytes: a view of the scratch writer, valid until the next function. */
  emit() {
    const w = this.w;
    w.length = 0;
    const declared = [...this.f.locals, "i32", "i32", "i64", "i64"];
    const groups = [];
    for (const t3 of declared) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t3) last[0]++;
      else groups.push([1, t3]);
    }
    w.uleb(groups.length);
    for (const [n, t3] of groups) {
      w.uleb(n);
      w.u8(VALTYPE[t3]);
    }
    for (const s of this.f.body) this.stmt(s);
    if (this.f.type.result !== null) w.u8(OP.unreachable);
    w.u8(OP.end);
    return w.peek();
  }
  mark(loc) {
    if (loc === void 0) return;
    const t3 = this.locTable;
    const at = this.w.length;
    if (t3.length >= 2 && t3[t3.length - 2] === at) t3[t3.length - 1] = loc;
    else t3.push(at, loc);
  }
  op(o) {
    if (typeof o === "number") this.w.u8(o);
    else {
      this.w.u8(o[0]);
      this.w.uleb(o[1]);
    }
  }
  depthOf(label, role) {
    for (let i = this.ctl.length - 1; i >= 0; i--) {
      const fr = this.ctl[i];
      if (fr.label === label && fr.role === role) return this.ctl.length - 1 - i;
    }
    throw new Error(`${this.f.name}: ${role} to label ${label} outside of it`);
  }
  body(ss) {
    for (const s of ss) this.stmt(s);
  }
  stmt(s) {
    const w = this.w;
    this.mark(s.loc);
    switch (s.kind) {
      case "expr": {
        this.expr(s.expr);
        const t3 = exprType(this.typeCtx, s.expr);
        if (t3 !== null) w.u8(OP.drop);
        return;
      }
      case "local.set":
        this.expr(s.value);
        w.u8(OP.local_set);
        w.uleb(s.index);
        return;
      case "global.set":
        this.expr(s.value);
        w.u8(OP.global_set);
        w.uleb(s.index);
        return;
      case "store": {
        const extra = this.address(s.addr);
        this.expr(s.value);
        const [code, align] = STORE_OPCODE[s.op];
        w.u8(code);
        w.uleb(align);
        w.uleb(s.offset + extra);
        return;
      }
      case "block":
        w.u8(OP.block);
        w.u8(BLOCK_VOID);
        this.ctl.push({ label: s.label, role: "break" });
        this.body(s.body);
        this.ctl.pop();
        w.u8(OP.end);
        return;
      case "loop":
        w.u8(OP.block);
        w.u8(BLOCK_VOID);
        this.ctl.push({ label: s.label, role: "break" });
        w.u8(OP.loop);
        w.u8(BLOCK_VOID);
        this.ctl.push({ label: s.label, role: "continue" });
        this.body(s.body);
        w.u8(OP.br);
        w.uleb(0);
        this.ctl.pop();
        w.u8(OP.end);
        this.ctl.pop();
        w.u8(OP.end);
        return;
      case "if":
        this.expr(s.cond);
        w.u8(OP.if);
        w.u8(BLOCK_VOID);
        this.ctl.push({ label: null, role: "none" });
        this.body(s.then);
        if (s.else.length > 0) {
          w.u8(OP.else);
          this.body(s.else);
        }
        this.ctl.pop();
        w.u8(OP.end);
        return;
      case "break":
        w.u8(OP.br);
        w.uleb(this.depthOf(s.label, "break"));
        return;
      case "continue":
        w.u8(OP.br);
        w.uleb(this.depthOf(s.label, "continue"));
        return;
      case "return":
        if (s.value !== void 0) this.expr(s.value);
        w.u8(OP.return);
        return;
      case "unreachable":
        w.u8(OP.unreachable);
        return;
      case "memory.copy":
        this.expr(s.dst);
        this.expr(s.src);
        this.expr(s.len);
        w.u8(OP.prefix_fc);
        w.uleb(OP.fc_memory_copy);
        w.u8(0);
        w.u8(0);
        return;
      case "memory.fill":
        this.expr(s.dst);
        this.expr(s.value);
        this.expr(s.len);
        w.u8(OP.prefix_fc);
        w.uleb(OP.fc_memory_fill);
        w.u8(0);
        return;
      default:
        assertNever(s);
    }
  }
  callFunc(index, loc) {
    this.mark(loc);
    this.w.u8(OP.call);
    this.w.uleb(index);
  }
  /** `if (stack top) { panic_code(code, loc) }` */
  panicIf(code, loc) {
    const w = this.w;
    w.u8(OP.if);
    w.u8(BLOCK_VOID);
    w.u8(OP.i32_const);
    w.sleb32(code);
    w.u8(OP.i32_const);
    w.sleb32(loc ?? -1);
    this.callFunc(this.ctx.panicCode, loc);
    w.u8(OP.unreachable);
    w.u8(OP.end);
  }
  getLocal(i) {
    this.w.u8(OP.local_get);
    this.w.uleb(i);
  }
  setLocal(i) {
    this.w.u8(OP.local_set);
    this.w.uleb(i);
  }
  checkedDivision(e) {
    const w = this.w;
    const wide = e.op.startsWith("i64");
    const signed = e.op.endsWith("_s");
    const isDiv = e.op.includes("div");
    const opcode = BINARY_OPCODE[e.op];
    const r = e.right;
    if (r.kind === "const") {
      const v = BigInt(r.value);
      if (v !== 0n && (v !== -1n || !signed)) {
        this.expr(e.left);
        this.expr(r);
        w.u8(opcode);
        return;
      }
    }
    const [ta, tb] = wide ? [this.s64a, this.s64b] : [this.s32a, this.s32b];
    this.expr(e.left);
    this.expr(e.right);
    this.setLocal(tb);
    this.setLocal(ta);
    this.getLocal(tb);
    w.u8(wide ? 80 : 69);
    this.panicIf(isDiv ? PANIC["division by zero"] : PANIC["remainder by zero"], e.loc);
    if (signed && isDiv) {
      this.getLocal(ta);
      if (wide) {
        w.u8(OP.i64_const);
        w.sleb64(-(1n << 63n));
        w.u8(BINARY_OPCODE["i64.eq"]);
      } else {
        w.u8(OP.i32_const);
        w.sleb32(-2147483648);
        w.u8(BINARY_OPCODE["i32.eq"]);
      }
      this.getLocal(tb);
      if (wide) {
        w.u8(OP.i64_const);
        w.sleb64(-1n);
        w.u8(BINARY_OPCODE["i64.eq"]);
      } else {
        w.u8(OP.i32_const);
        w.sleb32(-1);
        w.u8(BINARY_OPCODE["i32.eq"]);
      }
      w.u8(BINARY_OPCODE["i32.and"]);
      this.panicIf(PANIC["integer overflow in division"], e.loc);
    }
    this.getLocal(ta);
    this.getLocal(tb);
    w.u8(opcode);
  }
  /**
   * Checked element address without the +8 of the element area (callers add it, or fold it
   * into a load/store offset): panics `index out of bounds` unless 0 <= index < length.
   */
  elemAddress(e) {
    const w = this.w;
    this.expr(e.base);
    this.expr(e.index);
    this.setLocal(this.s64a);
    this.setLocal(this.s32a);
    this.getLocal(this.s64a);
    this.getLocal(this.s32a);
    w.u8(LOAD_OPCODE["i64.load32_u"][0]);
    w.uleb(2);
    w.uleb(4);
    w.u8(BINARY_OPCODE["i64.ge_u"]);
    w.u8(OP.if);
    w.u8(BLOCK_VOID);
    this.getLocal(this.s32a);
    w.u8(LOAD_OPCODE["i64.load32_u"][0]);
    w.uleb(2);
    w.uleb(4);
    this.getLocal(this.s64a);
    w.u8(OP.i32_const);
    w.sleb32(e.loc ?? -1);
    this.callFunc(this.ctx.panicIndex, e.loc);
    w.u8(OP.unreachable);
    w.u8(OP.end);
    this.getLocal(this.s32a);
    this.getLocal(this.s64a);
    this.op(UNARY_OPCODE["i32.wrap_i64"]);
    const shift = Math.log2(e.elemSize);
    if (shift > 0) {
      w.u8(OP.i32_const);
      w.sleb32(shift);
      w.u8(BINARY_OPCODE["i32.shl"]);
    }
    w.u8(BINARY_OPCODE["i32.add"]);
  }
  /** Emits an address; returns what to add to the memarg offset (8 for a folded elem.addr). */
  address(addr) {
    if (addr.kind === "elem.addr") {
      this.elemAddress(addr);
      return 8;
    }
    this.expr(addr);
    return 0;
  }
  expr(e) {
    const w = this.w;
    switch (e.kind) {
      case "const":
        writeConst(w, e.type, e.value);
        return;
      case "local.get":
        this.getLocal(e.index);
        return;
      case "local.tee":
        this.expr(e.value);
        w.u8(OP.local_tee);
        w.uleb(e.index);
        return;
      case "global.get":
        w.u8(OP.global_get);
        w.uleb(e.index);
        return;
      case "unary":
        this.expr(e.value);
        this.op(UNARY_OPCODE[e.op]);
        return;
      case "binary":
        switch (e.op) {
          case "i32.div_s":
          case "i32.div_u":
          case "i32.rem_s":
          case "i32.rem_u":
          case "i64.div_s":
          case "i64.div_u":
          case "i64.rem_s":
          case "i64.rem_u":
            this.checkedDivision(e);
            return;
          case "f64.rem":
            this.expr(e.left);
            this.expr(e.right);
            this.callFunc(this.ctx.fmod, e.loc);
            return;
          case "f32.rem":
            this.expr(e.left);
            this.op(UNARY_OPCODE["f64.promote_f32"]);
            this.expr(e.right);
            this.op(UNARY_OPCODE["f64.promote_f32"]);
            this.callFunc(this.ctx.fmod, e.loc);
            this.op(UNARY_OPCODE["f32.demote_f64"]);
            return;
          default:
            this.expr(e.left);
            this.expr(e.right);
            w.u8(BINARY_OPCODE[e.op]);
            return;
        }
      case "load": {
        const extra = this.address(e.addr);
        const [code, align] = LOAD_OPCODE[e.op];
        w.u8(code);
        w.uleb(align);
        w.uleb(e.offset + extra);
        return;
      }
      case "call":
        for (const x of e.args) this.expr(x);
        this.callFunc(this.ctx.importCount + e.func, e.loc);
        return;
      case "call.indirect":
        for (const x of e.args) this.expr(x);
        this.expr(e.target);
        this.mark(e.loc);
        w.u8(OP.call_indirect);
        w.uleb(this.ctx.typeIndex(e.type));
        w.u8(0);
        return;
      case "call.runtime": {
        const idx = this.ctx.linked.runtimeIndex.get(e.name);
        if (idx === void 0) throw new Error(`${this.f.name}: unknown runtime function ${e.name}`);
        for (const x of e.args) this.expr(x);
        this.callFunc(this.ctx.importCount + idx, e.loc);
        return;
      }
      case "call.extern":
        for (const x of e.args) this.expr(x);
        this.callFunc(e.ext, e.loc);
        return;
      case "select":
        this.expr(e.then);
        this.expr(e.else);
        this.expr(e.cond);
        w.u8(OP.select);
        return;
      case "cond":
        this.expr(e.cond);
        w.u8(OP.if);
        w.u8(VALTYPE[e.type]);
        this.ctl.push({ label: null, role: "none" });
        this.expr(e.then);
        w.u8(OP.else);
        this.expr(e.else);
        this.ctl.pop();
        w.u8(OP.end);
        return;
      case "seq":
        this.body(e.body);
        this.expr(e.value);
        return;
      case "data.addr":
        w.u8(OP.i32_const);
        w.sleb32(this.ctx.linked.dataAddresses[e.segment]);
        return;
      case "elem.addr":
        this.elemAddress(e);
        w.u8(OP.i32_const);
        w.sleb32(8);
        w.u8(BINARY_OPCODE["i32.add"]);
        return;
      case "memory.size":
        w.u8(OP.memory_size);
        w.u8(0);
        return;
      case "memory.grow":
        this.expr(e.pages);
        w.u8(OP.memory_grow);
        w.u8(0);
        return;
      default:
        assertNever(e);
    }
  }
};

// src/backends/jit/module-cache.ts
import { createHash as createHash3 } from "node:crypto";

// src/version.ts
var VERSION = "0.1.0";

// src/backends/jit/run.ts
import * as fs from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";

// src/runtime/format.ts
function formatFloat(v, single) {
  if (v !== v) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  if (v === 0) return 1 / v < 0 ? "-0.0" : "0.0";
  let s;
  if (!single) {
    s = String(v);
  } else {
    s = "";
    for (let p = 1; p <= 9; p++) {
      const t3 = v.toPrecision(p);
      if (Math.fround(Number(t3)) === v) {
        s = String(Number(t3));
        break;
      }
    }
    if (s === "") s = String(v);
  }
  if (s.indexOf("e") < 0 && s.indexOf(".") < 0) s += ".0";
  return s;
}

// src/backends/jit/tuning.ts
import { setFlagsFromString } from "node:v8";
var inliningEnabled = false;
var tier = null;
function enableWasmInlining() {
  if (inliningEnabled) return;
  setFlagsFromString("--experimental-wasm-inlining");
  inliningEnabled = true;
}
function useWasmTier(next) {
  if (tier === next) return;
  setFlagsFromString(next === "optimizing" ? "--no-liftoff" : "--liftoff");
  tier = next;
}

// src/backends/jit/host.ts
function createHost(cfg, lib, mem) {
  const enc = new TextEncoder();
  const dec = new TextDecoder("utf-8");
  const env = Object.assign({}, cfg.env);
  const captured = { out: [], err: [] };
  const pendingOut = { fd: 0, chunks: [], size: 0 };
  let pending = null;
  let stdinPos = 0;
  const bytesAt = (ptr, len) => new Uint8Array(mem.memory.buffer, ptr >>> 0, len >>> 0);
  const textAt = (ptr, len) => dec.decode(bytesAt(ptr, len));
  const pathAt = (ptr, len) => lib.path.resolve(cfg.cwd, textAt(ptr, len));
  const setPending = (b) => {
    pending = b;
    return b.length;
  };
  const flushFd = () => {
    if (pendingOut.size === 0) return;
    const all = new Uint8Array(pendingOut.size);
    let at = 0;
    for (const c2 of pendingOut.chunks) {
      all.set(c2, at);
      at += c2.length;
    }
    pendingOut.chunks = [];
    pendingOut.size = 0;
    let off = 0;
    while (off < all.length) {
      try {
        off += lib.fs.writeSync(pendingOut.fd, all, off, all.length - off);
      } catch (e) {
        if (e.code === "EAGAIN") continue;
        return;
      }
    }
  };
  const write = (fd, ptr, len) => {
    const sink2 = fd === 1 ? cfg.stdout : cfg.stderr;
    const chunk = bytesAt(ptr, len).slice();
    if (sink2 === null) (fd === 1 ? captured.out : captured.err).push(chunk);
    else if (typeof sink2 === "function") sink2(chunk);
    else {
      if (pendingOut.size > 0 && pendingOut.fd !== sink2) flushFd();
      pendingOut.fd = sink2;
      pendingOut.chunks.push(chunk);
      pendingOut.size += chunk.length;
      if (pendingOut.size >= 65536 || cfg.ttys.includes(sink2)) flushFd();
    }
    return len;
  };
  const read = (_fd, ptr, max) => {
    flushFd();
    const stdin = cfg.stdin;
    if (stdin === null) return 0;
    if (typeof stdin === "number") {
      const buf = new Uint8Array(max);
      for (; ; ) {
        try {
          const n2 = lib.fs.readSync(stdin, buf, 0, max, null);
          if (n2 > 0) bytesAt(ptr, n2).set(buf.subarray(0, n2));
          return n2;
        } catch (e) {
          if (e.code === "EAGAIN") continue;
          return 0;
        }
      }
    }
    const n = Math.min(max, stdin.length - stdinPos);
    if (n <= 0) return 0;
    bytesAt(ptr, n).set(stdin.subarray(stdinPos, stdinPos + n));
    stdinPos += n;
    return n;
  };
  const fail2 = () => 1;
  const host = {
    write,
    read,
    exit(code) {
      flushFd();
      throw { beskidExit: code | 0 };
    },
    panic(ptr, len, loc) {
      flushFd();
      const message = textAt(ptr, len);
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 100;
      const stack = new Error("panic").stack ?? "";
      Error.stackTraceLimit = limit;
      throw { beskidPanic: { message, loc, stack } };
    },
    clock_realtime: () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e3)) * 1000n,
    clock_monotonic: () => process.hrtime.bigint(),
    env_get(ptr, len) {
      const name = textAt(ptr, len);
      return Object.prototype.hasOwnProperty.call(env, name) ? setPending(enc.encode(env[name])) : -1;
    },
    env_set(np, nl, vp, vl) {
      const name = textAt(np, nl);
      if (name === "" || name.includes("=")) return 1;
      env[name] = textAt(vp, vl);
      return 0;
    },
    getcwd: () => setPending(enc.encode(cfg.cwd)),
    take(dst) {
      if (pending !== null) bytesAt(dst, pending.length).set(pending);
      pending = null;
    },
    fs_read(ptr, len) {
      try {
        return setPending(new Uint8Array(lib.fs.readFileSync(pathAt(ptr, len))));
      } catch {
        return -1;
      }
    },
    fs_write(pp, pl, dp, dl) {
      try {
        lib.fs.writeFileSync(pathAt(pp, pl), bytesAt(dp, dl));
        return 0;
      } catch {
        return fail2();
      }
    },
    fs_delete(ptr, len) {
      try {
        const p = pathAt(ptr, len);
        if (lib.fs.statSync(p).isDirectory()) lib.fs.rmdirSync(p);
        else lib.fs.unlinkSync(p);
        return 0;
      } catch {
        return fail2();
      }
    },
    fs_mkdir(ptr, len) {
      try {
        const p = pathAt(ptr, len);
        lib.fs.mkdirSync(p, { recursive: true });
        return lib.fs.statSync(p).isDirectory() ? 0 : 1;
      } catch {
        return fail2();
      }
    },
    fs_exists: (ptr, len) => lib.fs.existsSync(pathAt(ptr, len)) ? 1 : 0,
    getpid: () => cfg.pid,
    tty_winsize: (fd) => BigInt(cfg.ttys.includes(fd) ? cfg.winsize : 0),
    format_f64: (v) => setPending(enc.encode(lib.formatFloat(v, false))),
    format_f32: (v) => setPending(enc.encode(lib.formatFloat(v, true))),
    fmod: (a, b) => a % b
  };
  const externs = {};
  const mapped = {
    getpid: () => cfg.pid,
    isatty: (fd) => cfg.ttys.includes(fd) ? 1 : 0,
    sched_yield: () => 0
  };
  const take = () => {
    const join11 = (cs) => {
      let n = 0;
      for (const c2 of cs) n += c2.length;
      const all = new Uint8Array(n);
      let at = 0;
      for (const c2 of cs) {
        all.set(c2, at);
        at += c2.length;
      }
      return all;
    };
    return { out: join11(captured.out), err: join11(captured.err) };
  };
  return {
    imports(info) {
      for (const x of info.externs) {
        const key = `${x.contract}.${x.name}`;
        externs[key] = mapped[x.name] ?? (() => {
          throw {
            beskidPanic: {
              message: `extern function ${key} (library ${x.library}) is not available under the JIT`,
              loc: -1,
              stack: new Error().stack ?? ""
            }
          };
        });
      }
      return { host, extern: externs };
    },
    flush: flushFd,
    /** Appends bytes to standard error (after everything the program wrote). */
    writeErr(text) {
      const b = enc.encode(text);
      const sink2 = cfg.stderr;
      if (sink2 === null) captured.err.push(b);
      else if (typeof sink2 === "function") sink2(b);
      else {
        flushFd();
        pendingOut.fd = sink2;
        pendingOut.chunks.push(b);
        pendingOut.size += b.length;
        flushFd();
      }
    },
    captured: take
  };
}
function mapFrames(stack, info) {
  const frames = [];
  const re = /wasm-function\[(\d+)\]:0x([0-9a-f]+)/g;
  let m;
  while ((m = re.exec(stack)) !== null) {
    const wasmIndex = Number(m[1]);
    const def = wasmIndex - info.importCount;
    if (def < 0 || def >= info.programFunctions) continue;
    const offset = parseInt(m[2], 16) - info.bodyOffsets[def];
    const table = info.locTables[def];
    let loc = -1;
    for (let i = 0; i < table.length; i += 2) {
      if (table[i] <= offset) loc = table[i + 1];
      else break;
    }
    const name = info.functionNames[wasmIndex] ?? `function ${def}`;
    if (loc >= 0 && loc * 3 + 2 < info.locations.length) {
      frames.push({
        function: name,
        file: info.files[info.locations[loc * 3]],
        line: info.locations[loc * 3 + 1],
        column: info.locations[loc * 3 + 2]
      });
    } else frames.push({ function: name });
  }
  return frames;
}
function runInstance(module, info, cfg, lib, name, arg, slot) {
  const s = slot ?? {};
  const mem = {};
  const host = lib.createHost(cfg, lib, mem);
  s.fns = host.imports(info);
  let outcome;
  const locOf = (loc) => loc >= 0 && loc * 3 + 2 < info.locations.length ? {
    file: info.files[info.locations[loc * 3]],
    line: info.locations[loc * 3 + 1],
    column: info.locations[loc * 3 + 2]
  } : {};
  const firstLocated = (frames) => {
    const f = frames.find((x) => x.file !== void 0);
    return f ? { file: f.file, line: f.line, column: f.column } : {};
  };
  try {
    let instance = s.instance;
    if (instance && instance.exports.reset() !== 0) instance = void 0;
    if (!instance) {
      const imports = {};
      for (const m of Object.keys(s.fns)) {
        imports[m] = {};
        for (const k of Object.keys(s.fns[m])) {
          imports[m][k] = (a, b, c2, d, ...more) => more.length === 0 ? s.fns[m][k](a, b, c2, d) : s.fns[m][k](a, b, c2, d, ...more);
        }
      }
      instance = new WebAssembly.Instance(module, imports);
      s.instance = instance;
      s.memory = instance.exports.memory;
    }
    mem.memory = s.memory;
    const fn = instance.exports[name];
    if (typeof fn !== "function") throw new Error(`no exported function ${name}`);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 100;
    try {
      outcome = { kind: "returned", value: arg === void 0 ? fn() : fn(arg) };
    } finally {
      Error.stackTraceLimit = limit;
    }
  } catch (e) {
    const x = e;
    if (x && typeof x === "object" && x.beskidExit !== void 0)
      outcome = { kind: "exit", code: x.beskidExit };
    else if (x && typeof x === "object" && x.beskidPanic !== void 0) {
      const frames = lib.mapFrames(x.beskidPanic.stack, info);
      const at = x.beskidPanic.loc >= 0 ? locOf(x.beskidPanic.loc) : firstLocated(frames);
      outcome = { kind: "panic", message: x.beskidPanic.message, ...at, frames };
    } else if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError && /call stack/i.test(e.message)) {
      const frames = lib.mapFrames(x.stack ?? "", info);
      const msg = x.message ?? "";
      const message = e instanceof RangeError ? "stack overflow" : /unreachable/.test(msg) ? "unreachable code reached" : /signature mismatch|null function|table index/.test(msg) ? "indirect call to a function of another type" : /out of bounds/.test(msg) ? "memory access out of bounds" : msg;
      outcome = { kind: "panic", message, ...firstLocated(frames), frames };
    } else {
      outcome = { kind: "error", message: String(x && (x.stack ?? x.message) || e) };
    }
  }
  if (outcome.kind === "panic") {
    const where = outcome.file !== void 0 ? ` at ${outcome.file}:${outcome.line}:${outcome.column}` : "";
    host.flush();
    host.writeErr(`panic${where}: ${outcome.message}
`);
  }
  host.flush();
  const { out, err } = host.captured();
  return { outcome, stdout: out, stderr: err };
}

// src/backends/jit/run.ts
var LIB = { fs, path, formatFloat, createHost, mapFrames };
function prepareArtifact(artifact, options = {}) {
  const t0 = performance.now();
  try {
    const { wasm, info } = compileArtifactDetailed(artifact, options);
    return { ...compileModule(wasm, info), compileMs: performance.now() - t0 };
  } catch (e) {
    const problems = verifyArtifact(artifact, 10);
    const why = problems.length > 0 ? problems.join("; ") : e instanceof Error ? e.message : String(e);
    throw new Error(`internal error: the JIT cannot compile this artifact (a lowering bug): ${why}`, {
      cause: e
    });
  }
}
function compileModule(wasm, info) {
  enableWasmInlining();
  const t0 = performance.now();
  const module = new WebAssembly.Module(wasm);
  return { module, info, wasm, compileMs: performance.now() - t0 };
}
function isPrepared(x) {
  return x.module instanceof WebAssembly.Module;
}
function hostConfig(o) {
  return {
    env: o.env ?? {},
    cwd: o.cwd ?? process.cwd(),
    stdin: o.stdin ?? null,
    stdout: o.stdout ?? null,
    stderr: o.stderr ?? null,
    pid: process.pid,
    ttys: o.ttys ?? [],
    winsize: o.winsize ?? 0
  };
}
function unavailableExterns(info, root) {
  return (info.unavailable[root] ?? []).map(
    (detail) => makeDiagnostic(
      "E4040",
      {
        detail,
        help: `the JIT maps only ${Object.keys(JIT_MAPPED_EXTERNS).join(", ")}; build it with the AOT backend`
      },
      void 0
    )
  );
}
function toPanic(r) {
  if (r.kind === "panic") {
    return {
      message: r.message,
      frames: r.frames,
      ...r.file !== void 0 ? { file: r.file, line: r.line, column: r.column } : {}
    };
  }
  if (r.kind === "error") return { message: `internal JIT error: ${r.message}`, frames: [] };
  return void 0;
}
var OPTIMIZING_TIER_MAX_FUNCTIONS = 500;
function defaultTier(programFunctions) {
  return programFunctions <= OPTIMIZING_TIER_MAX_FUNCTIONS ? "optimizing" : "baseline";
}
async function runMain(input, options = {}) {
  const empty = new Uint8Array(0);
  const functions = isPrepared(input) ? input.info.programFunctions : input.functions.length;
  useWasmTier(options.tier ?? defaultTier(functions));
  const prepared2 = isPrepared(input) ? input : prepareArtifact(input, options.maxPages === void 0 ? {} : { maxPages: options.maxPages });
  const info = prepared2.info;
  const entry = options.entrypoint === void 0 ? info.entry : info.entryPoints.find((e) => e.name === options.entrypoint) ?? (info.entry?.name === options.entrypoint ? info.entry : null);
  if (!entry) {
    const d = makeDiagnostic(
      "E4030",
      {
        detail: options.entrypoint === void 0 ? "the program has no `main` or `Main` function" : `no top-level function \`${options.entrypoint}\` without parameters in the entry module`
      },
      void 0
    );
    return { exitCode: 1, stdout: empty, stderr: empty, diagnostics: [d] };
  }
  const missing = unavailableExterns(info, entry.func);
  if (missing.length > 0) return { exitCode: 1, stdout: empty, stderr: empty, diagnostics: missing };
  const cfg = hostConfig({
    ...options,
    stdin: options.stdin ?? null
  });
  const r = runInstance(prepared2.module, prepared2.info, cfg, LIB, prepared2.info.runExports[entry.func]);
  const o = r.outcome;
  let exitCode;
  switch (o.kind) {
    case "returned":
      exitCode = o.value === void 0 ? 0 : Number(BigInt.asUintN(8, BigInt(o.value)));
      break;
    case "exit":
      exitCode = o.code & 255;
      break;
    case "panic":
    case "error":
      exitCode = 101;
      break;
  }
  const panic = toPanic(o);
  return { exitCode, stdout: r.stdout, stderr: r.stderr, diagnostics: [], ...panic ? { panic } : {} };
}
var WORKER_SOURCE = () => [
  // tsx/esbuild may wrap inner functions in __name(); the worker has no such helper.
  "var __name = (f) => f;",
  'const { parentPort } = require("node:worker_threads");',
  'const fs = require("node:fs");',
  'const path = require("node:path");',
  `const formatFloat = (${formatFloat.toString()});`,
  `const createHost = (${createHost.toString()});`,
  `const mapFrames = (${mapFrames.toString()});`,
  `const runInstance = (${runInstance.toString()});`,
  "const lib = { fs, path, formatFloat, createHost, mapFrames };",
  "let state = null;",
  "const slot = {};",
  'parentPort.on("message", (m) => {',
  '  if (m.type === "init") { state = m; return; }',
  "  parentPort.postMessage({ started: true });",
  "  for (const item of m.items) {",
  "    const t0 = performance.now();",
  "    const r = runInstance(state.module, state.info, state.cfg, lib, item.exportName, item.arg, state.fresh ? undefined : slot);",
  "    parentPort.postMessage({ id: item.id, result: r, ms: performance.now() - t0 });",
  "  }",
  "});"
].join("\n");
var utf83 = new TextDecoder("utf-8");
function failureReason(p, isOwnFile) {
  let at = p;
  if (isOwnFile) {
    const own = [p, ...p.frames].find((f) => f.file !== void 0 && isOwnFile(f.file));
    if (own) at = own;
  }
  return at.file !== void 0 ? `${p.message} (at ${at.file}:${at.line}:${at.column})` : p.message;
}
async function runTests(input, options = {}) {
  const timeoutMs = options.timeoutMs ?? 1e4;
  useWasmTier("baseline");
  const tests = isPrepared(input) ? input.info.tests : input.tests;
  const byName = new Map(tests.map((t3) => [t3.qualifiedName, t3]));
  const indexOf = new Map(tests.map((t3, i) => [t3.qualifiedName, i]));
  const names = options.selected ?? tests.map((t3) => t3.qualifiedName);
  const results = new Array(names.length);
  const work = [];
  let prepared2 = isPrepared(input) ? input : void 0;
  const getPrepared = () => prepared2 ??= prepareArtifact(
    input,
    options.maxPages === void 0 ? {} : { maxPages: options.maxPages }
  );
  names.forEach((qn, id) => {
    const t3 = byName.get(qn);
    if (!t3) {
      results[id] = {
        qualifiedName: qn,
        name: qn,
        outcome: "failed",
        reason: `no test named ${qn} in the artifact`,
        durationMs: 0,
        file: "",
        line: 0,
        stdout: "",
        stderr: ""
      };
      return;
    }
    const missing = unavailableExterns(getPrepared().info, t3.func);
    if (missing.length > 0) {
      results[id] = {
        qualifiedName: qn,
        name: t3.name,
        outcome: "failed",
        reason: missing.map((d) => `${d.code}: ${d.message}`).join("; "),
        durationMs: 0,
        file: t3.file,
        line: t3.line,
        stdout: "",
        stderr: ""
      };
      return;
    }
    getPrepared();
    work.push({ id, exportName: TEST_DISPATCH_EXPORT, arg: indexOf.get(qn) });
  });
  if (work.length > 0 && prepared2) {
    const p = prepared2;
    const cfg = hostConfig({ env: options.env, cwd: options.cwd, stdin: null });
    const source = WORKER_SOURCE();
    const record = (id, r, ms) => {
      const t3 = byName.get(names[id]);
      const base = {
        qualifiedName: t3.qualifiedName,
        name: t3.name,
        file: t3.file,
        line: t3.line,
        durationMs: Math.round(ms * 1e3) / 1e3
      };
      if (r === null) {
        results[id] = {
          ...base,
          outcome: "timed_out",
          reason: `timed out after ${timeoutMs} ms`,
          stdout: "",
          stderr: ""
        };
        return;
      }
      const stdout = utf83.decode(r.stdout);
      const stderr = utf83.decode(r.stderr);
      const o = r.outcome;
      if (o.kind === "returned") {
        results[id] = { ...base, outcome: "passed", stdout, stderr };
        return;
      }
      if (o.kind === "exit") {
        results[id] = {
          ...base,
          outcome: "failed",
          reason: `test called process exit with code ${o.code}`,
          stdout,
          stderr
        };
        return;
      }
      const panic = toPanic(o);
      results[id] = {
        ...base,
        outcome: "failed",
        reason: failureReason(panic, options.isOwnFile),
        stdout,
        stderr,
        panic
      };
    };
    const fresh = options.isolation === "fresh";
    await runPool(work, p, cfg, source, timeoutMs, Math.max(1, options.workers ?? 1), fresh, record);
  }
  return results;
}
function runPool(work, prepared2, cfg, source, timeoutMs, workers, fresh, record) {
  const queue = [...work];
  const CHUNK = 32;
  let remaining = work.length;
  return new Promise((resolve7, reject) => {
    const slots = /* @__PURE__ */ new Set();
    const tick = Math.max(5, Math.min(100, Math.floor(timeoutMs / 10)));
    const finishIfDone = () => {
      if (remaining > 0) return;
      clearInterval(timer);
      for (const s of slots) void s.worker.terminate();
      slots.clear();
      resolve7();
    };
    const feed = (s) => {
      if (queue.length === 0) {
        slots.delete(s);
        void s.worker.terminate();
        return;
      }
      s.inflight = queue.splice(0, CHUNK);
      s.running = false;
      s.since = performance.now();
      s.worker.postMessage({ type: "run", items: s.inflight });
    };
    const spawn = () => {
      const worker = new Worker(source, { eval: true });
      const s = { worker, inflight: [], since: performance.now(), running: false };
      slots.add(s);
      worker.on("message", (m) => {
        if (!slots.has(s)) return;
        if (m.started) {
          s.running = true;
          s.since = performance.now();
          return;
        }
        const i = s.inflight.findIndex((x) => x.id === m.id);
        if (i < 0) return;
        s.inflight.splice(i, 1);
        s.since = performance.now();
        record(m.id, m.result, m.ms);
        remaining--;
        if (s.inflight.length === 0) feed(s);
        finishIfDone();
      });
      worker.on("error", (e) => {
        if (!slots.has(s)) return;
        slots.delete(s);
        const [first, ...rest] = s.inflight;
        if (first) {
          record(
            first.id,
            {
              outcome: { kind: "error", message: String(e) },
              stdout: new Uint8Array(0),
              stderr: new Uint8Array(0)
            },
            0
          );
          remaining--;
        }
        queue.unshift(...rest);
        if (queue.length > 0) spawn();
        finishIfDone();
      });
      worker.postMessage({ type: "init", module: prepared2.module, info: prepared2.info, cfg, fresh });
      feed(s);
    };
    const timer = setInterval(() => {
      const now = performance.now();
      for (const s of [...slots]) {
        if (s.inflight.length === 0) continue;
        if (!s.running) {
          if (now - s.since <= Math.max(3e4, timeoutMs)) continue;
        } else if (now - s.since <= timeoutMs) continue;
        slots.delete(s);
        void s.worker.terminate();
        const [first, ...rest] = s.inflight;
        record(first.id, null, now - s.since);
        remaining--;
        queue.unshift(...rest);
        if (queue.length > 0) spawn();
      }
      finishIfDone();
    }, tick);
    try {
      for (let i = 0; i < Math.min(workers, Math.ceil(queue.length / CHUNK) || 1); i++) spawn();
    } catch (e) {
      clearInterval(timer);
      reject(e);
    }
  });
}

// src/backends/jit/module-cache.ts
var JIT_MODULE_FORMAT = 1;
var MAGIC2 = [66, 83, 75, 87];
function encodePrepared(p, artifactId2) {
  const w = new ByteWriter(p.wasm.length + 64 * 1024);
  for (const b of MAGIC2) w.u8(b);
  w.u32le(JIT_MODULE_FORMAT);
  w.str(VERSION);
  w.str(artifactId2);
  w.uleb(p.wasm.length);
  w.bytes(p.wasm);
  const info = {
    ...p.info,
    locTables: p.info.locTables.map((t3) => Array.from(t3)),
    locations: Array.from(p.info.locations)
  };
  w.str(JSON.stringify(info));
  w.bytes(createHash3("sha256").update(w.peek()).digest());
  return w.finish();
}
function loadPrepared(bytes, artifactId2) {
  const fail2 = (message) => ({ ok: false, message });
  if (bytes.length < 40 || MAGIC2.some((b, i) => bytes[i] !== b)) return fail2("not a compiled JIT module");
  const body = bytes.subarray(0, bytes.length - 32);
  const digest = createHash3("sha256").update(body).digest();
  if (!digest.equals(bytes.subarray(bytes.length - 32)))
    return fail2("compiled JIT module corrupted: checksum mismatch");
  try {
    const r = new ByteReader(body);
    r.pos = 4;
    const format = r.u32le();
    if (format !== JIT_MODULE_FORMAT)
      return fail2(`compiled JIT module format ${format} is not ${JIT_MODULE_FORMAT}`);
    const version = r.str();
    if (version !== VERSION) return fail2(`compiled JIT module is from toolchain ${version}, not ${VERSION}`);
    const id = r.str();
    if (id !== artifactId2) return fail2("compiled JIT module belongs to another artifact");
    const wasm = r.bytes(r.uleb());
    const raw = JSON.parse(r.str());
    const info = {
      ...raw,
      locTables: raw.locTables.map((t3) => Int32Array.from(t3)),
      locations: Int32Array.from(raw.locations)
    };
    const t0 = performance.now();
    const prepared2 = compileModule(wasm, info);
    return { ok: true, prepared: { ...prepared2, compileMs: performance.now() - t0 } };
  } catch (e) {
    if (e instanceof ByteReaderError || e instanceof SyntaxError || e instanceof WebAssembly.CompileError) {
      return fail2(`compiled JIT module unreadable: ${e.message}`);
    }
    throw e;
  }
}
function prepareCached(artifact, artifactId2, store, options = {}) {
  const warn = options.warn ?? (() => void 0);
  useWasmTier(options.purpose === "tests" ? "baseline" : defaultTier(artifact.functions.length));
  if (store) {
    let bytes;
    try {
      bytes = store.read();
    } catch (e) {
      warn(`could not read the compiled JIT module: ${e.message}`);
    }
    if (bytes !== void 0) {
      let loaded;
      try {
        loaded = loadPrepared(bytes, artifactId2);
      } catch (e) {
        loaded = { ok: false, message: e.message };
      }
      if (loaded.ok) return { prepared: loaded.prepared, hit: true };
      warn(`ignoring the compiled JIT module: ${loaded.message}`);
      try {
        store.remove?.();
      } catch {
      }
    }
  }
  const prepared2 = prepareArtifact(artifact);
  if (store) {
    try {
      store.write(encodePrepared(prepared2, artifactId2));
    } catch (e) {
      warn(`could not store the compiled JIT module: ${e.message}`);
    }
  }
  return { prepared: prepared2, hit: false };
}

// src/backends/aot/host-c.ts
var HOST_TEXT = String.raw`
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <math.h>
#include <errno.h>
#include <time.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define BX_PAGE 65536u
static uint8_t *bx_mem;
static uint32_t bx_pages;
struct bx_slot { void *fn; int32_t sig; };
/*@@split@@*/

/* ---- heap access (little-endian, unaligned-safe) ---- */
static inline uint8_t bx_ld8(uint64_t a) { return bx_mem[a]; }
static inline uint16_t bx_ld16(uint64_t a) { uint16_t v; memcpy(&v, bx_mem + a, 2); return v; }
static inline int32_t bx_ld32(uint64_t a) { int32_t v; memcpy(&v, bx_mem + a, 4); return v; }
static inline int64_t bx_ld64(uint64_t a) { int64_t v; memcpy(&v, bx_mem + a, 8); return v; }
static inline float bx_ldf32(uint64_t a) { float v; memcpy(&v, bx_mem + a, 4); return v; }
static inline double bx_ldf64(uint64_t a) { double v; memcpy(&v, bx_mem + a, 8); return v; }
static inline void bx_st8(uint64_t a, uint8_t v) { bx_mem[a] = v; }
static inline void bx_st16(uint64_t a, uint16_t v) { memcpy(bx_mem + a, &v, 2); }
static inline void bx_st32(uint64_t a, uint32_t v) { memcpy(bx_mem + a, &v, 4); }
static inline void bx_st64(uint64_t a, uint64_t v) { memcpy(bx_mem + a, &v, 8); }
static inline void bx_stf32(uint64_t a, float v) { memcpy(bx_mem + a, &v, 4); }
static inline void bx_stf64(uint64_t a, double v) { memcpy(bx_mem + a, &v, 8); }

static inline float bx_f32(uint32_t b) { float v; memcpy(&v, &b, 4); return v; }
static inline double bx_f64(uint64_t b) { double v; memcpy(&v, &b, 8); return v; }
static inline int32_t bx_bits_f32(float f) { int32_t v; memcpy(&v, &f, 4); return v; }
static inline int64_t bx_bits_f64(double f) { int64_t v; memcpy(&v, &f, 8); return v; }

static inline int32_t bx_clz32(int32_t x) { return x == 0 ? 32 : __builtin_clz((uint32_t)x); }
static inline int32_t bx_ctz32(int32_t x) { return x == 0 ? 32 : __builtin_ctz((uint32_t)x); }
static inline int32_t bx_popcnt32(int32_t x) { return __builtin_popcount((uint32_t)x); }
static inline int64_t bx_clz64(int64_t x) { return x == 0 ? 64 : __builtin_clzll((uint64_t)x); }
static inline int64_t bx_ctz64(int64_t x) { return x == 0 ? 64 : __builtin_ctzll((uint64_t)x); }
static inline int64_t bx_popcnt64(int64_t x) { return __builtin_popcountll((uint64_t)x); }
static inline int32_t bx_rotl32(int32_t x, int32_t n) { uint32_t u = (uint32_t)x; n &= 31; return (int32_t)(n ? (u << n) | (u >> (32 - n)) : u); }
static inline int32_t bx_rotr32(int32_t x, int32_t n) { uint32_t u = (uint32_t)x; n &= 31; return (int32_t)(n ? (u >> n) | (u << (32 - n)) : u); }
static inline int64_t bx_rotl64(int64_t x, int64_t n) { uint64_t u = (uint64_t)x; n &= 63; return (int64_t)(n ? (u << n) | (u >> (64 - n)) : u); }
static inline int64_t bx_rotr64(int64_t x, int64_t n) { uint64_t u = (uint64_t)x; n &= 63; return (int64_t)(n ? (u >> n) | (u << (64 - n)) : u); }

/* Saturating float -> int (WebAssembly trunc_sat): NaN -> 0, out of range -> MIN/MAX. */
static inline int32_t bx_sat_s32(double x) { if (x != x) return 0; if (x <= -2147483649.0) return INT32_MIN; if (x >= 2147483648.0) return INT32_MAX; return (int32_t)x; }
static inline int32_t bx_sat_u32(double x) { if (x != x || x <= -1.0) return 0; if (x >= 4294967296.0) return (int32_t)UINT32_MAX; return (int32_t)(uint32_t)x; }
static inline int64_t bx_sat_s64(double x) { if (x != x) return 0; if (x < -9223372036854775808.0) return INT64_MIN; if (x >= 9223372036854775808.0) return INT64_MAX; return (int64_t)x; }
static inline int64_t bx_sat_u64(double x) { if (x != x || x <= -1.0) return 0; if (x >= 18446744073709551616.0) return (int64_t)UINT64_MAX; return (int64_t)(uint64_t)x; }

/* ---- output: one pending buffer, in order across both streams (like the JIT host) ---- */
static uint8_t bx_out[65536];
static size_t bx_out_len;
static int bx_out_fd = 1;
static int bx_tty[3];
/* The location the JIT would name for a panic without its own (see emit-c.ts, markCall). */
static int32_t bx_loc = -1;

static void bx_flush(void) {
  size_t off = 0;
  while (off < bx_out_len) {
    ssize_t n = write(bx_out_fd, bx_out + off, bx_out_len - off);
    if (n < 0) { if (errno == EINTR || errno == EAGAIN) continue; break; }
    off += (size_t)n;
  }
  bx_out_len = 0;
}

static void bx_emit(int fd, const uint8_t *p, size_t n) {
  if (bx_out_len > 0 && bx_out_fd != fd) bx_flush();
  bx_out_fd = fd;
  while (n > 0) {
    size_t room = sizeof bx_out - bx_out_len;
    size_t k = n < room ? n : room;
    memcpy(bx_out + bx_out_len, p, k);
    bx_out_len += k; p += k; n -= k;
    if (bx_out_len == sizeof bx_out) bx_flush();
  }
  if (bx_tty[fd]) bx_flush();
}

static void bx_host_init(void) {
  bx_tty[1] = isatty(1);
  bx_tty[2] = isatty(2);
}

static void bx_panic_at(const char *msg, size_t len, int32_t loc) {
  char head[256];
  int n;
  bx_flush();
  if (loc < 0) loc = bx_loc;
  if (loc >= 0 && loc < bx_nlocs)
    n = snprintf(head, sizeof head, "panic at %s:%d:%d: ", bx_files[bx_locs[loc * 3]], (int)bx_locs[loc * 3 + 1], (int)bx_locs[loc * 3 + 2]);
  else
    n = snprintf(head, sizeof head, "panic: ");
  bx_emit(2, (const uint8_t *)head, (size_t)(n < (int)sizeof head ? n : (int)sizeof head - 1));
  bx_emit(2, (const uint8_t *)msg, len);
  bx_emit(2, (const uint8_t *)"\n", 1);
  bx_flush();
  exit(101);
}

static void bx_panic_text(const char *msg, int32_t loc) { bx_panic_at(msg, strlen(msg), loc); }
static void bx_unreachable(int32_t loc) { bx_panic_text("unreachable code reached", loc); }

/* Stack overflow: a guard on an alternate stack reports it like the JIT (no location). */
static void bx_on_segv(int sig) {
  (void)sig;
  bx_panic_text("stack overflow", -1);
}
static void bx_install_guards(void) {
  static uint8_t alt[65536];
  stack_t ss;
  struct sigaction sa;
  ss.ss_sp = alt; ss.ss_size = sizeof alt; ss.ss_flags = 0;
  sigaltstack(&ss, 0);
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = bx_on_segv;
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGSEGV, &sa, 0);
}

/* ---- checked arithmetic (panics through the runtime's panic_code, like the JIT) ---- */
static inline int32_t bx_div_s32(int32_t a, int32_t b, int32_t loc) {
  if (b == 0) BX_PANIC_CODE(BX_DIV_ZERO, loc);
  if (a == INT32_MIN && b == -1) BX_PANIC_CODE(BX_DIV_OVERFLOW, loc);
  return a / b;
}
static inline int32_t bx_div_u32(int32_t a, int32_t b, int32_t loc) {
  if (b == 0) BX_PANIC_CODE(BX_DIV_ZERO, loc);
  return (int32_t)((uint32_t)a / (uint32_t)b);
}
static inline int32_t bx_rem_s32(int32_t a, int32_t b, int32_t loc) {
  if (b == 0) BX_PANIC_CODE(BX_REM_ZERO, loc);
  return b == -1 ? 0 : a % b;
}
static inline int32_t bx_rem_u32(int32_t a, int32_t b, int32_t loc) {
  if (b == 0) BX_PANIC_CODE(BX_REM_ZERO, loc);
  return (int32_t)((uint32_t)a % (uint32_t)b);
}
static inline int64_t bx_div_s64(int64_t a, int64_t b, int32_t loc) {
  if (b == 0) BX_PANIC_CODE(BX_DIV_ZERO, loc);
  if (a == INT64_MIN && b == -1) BX_PANIC_CODE(BX_DIV_OVERFLOW, loc);
  return a / b;
}
static inline int64_t bx_div_u64(int64_t a, int64_t b, int32_t loc) {
  if (b == 0) BX_PANIC_CODE(BX_DIV_ZERO, loc);
  return (int64_t)((uint64_t)a / (uint64_t)b);
}
static inline int64_t bx_rem_s64(int64_t a, int64_t b, int32_t loc) {
  if (b == 0) BX_PANIC_CODE(BX_REM_ZERO, loc);
  return b == -1 ? 0 : a % b;
}
static inline int64_t bx_rem_u64(int64_t a, int64_t b, int32_t loc) {
  if (b == 0) BX_PANIC_CODE(BX_REM_ZERO, loc);
  return (int64_t)((uint64_t)a % (uint64_t)b);
}
static inline int32_t bx_elem(int32_t base, int64_t index, int shift, int32_t loc) {
  uint32_t len = (uint32_t)bx_ld32((uint64_t)(uint32_t)base + 4u);
  if ((uint64_t)index >= (uint64_t)len) BX_PANIC_INDEX((int64_t)len, index, loc);
  return (int32_t)((uint32_t)base + 8u + ((uint32_t)(uint64_t)index << shift));
}

static int32_t bx_grow(int32_t n) {
  uint32_t old = bx_pages;
  uint64_t want = (uint64_t)old + (uint32_t)n;
  uint8_t *m;
  if (want > BX_MAX_PAGES) return -1;
  if (n == 0) return (int32_t)old;
  m = (uint8_t *)realloc(bx_mem, (size_t)(want * BX_PAGE));
  if (!m) return -1;
  memset(m + (size_t)old * BX_PAGE, 0, (size_t)((want - old) * BX_PAGE));
  bx_mem = m;
  bx_pages = (uint32_t)want;
  return (int32_t)old;
}

/* ---- the host surface ---- */
static uint8_t *bx_pending;
static size_t bx_pending_len;

static int32_t bx_set_pending(uint8_t *p, size_t n) {
  free(bx_pending);
  bx_pending = p;
  bx_pending_len = n;
  return (int32_t)n;
}
static char *bx_cstr(int32_t ptr, int32_t len) {
  char *s = (char *)malloc((size_t)(uint32_t)len + 1);
  if (!s) return 0;
  memcpy(s, bx_mem + (uint32_t)ptr, (size_t)(uint32_t)len);
  s[(uint32_t)len] = 0;
  return s;
}
static int32_t bx_pend_text(const char *t) {
  size_t n = strlen(t);
  uint8_t *p = (uint8_t *)malloc(n + 1);
  if (!p) return 0;
  memcpy(p, t, n);
  return bx_set_pending(p, n);
}

static int32_t beskid_host_write(int32_t fd, int32_t ptr, int32_t len) {
  bx_emit(fd == 1 ? 1 : 2, bx_mem + (uint32_t)ptr, (size_t)(uint32_t)len);
  return len;
}
static int32_t beskid_host_read(int32_t fd, int32_t ptr, int32_t max) {
  (void)fd;
  bx_flush();
  for (;;) {
    ssize_t n = read(0, bx_mem + (uint32_t)ptr, (size_t)(uint32_t)max);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    return n > 0 ? (int32_t)n : 0;
  }
}
static void beskid_host_exit(int32_t code) { bx_flush(); exit(code & 255); }
static void beskid_host_panic(int32_t ptr, int32_t len, int32_t loc) {
  bx_panic_at((const char *)bx_mem + (uint32_t)ptr, (size_t)(uint32_t)len, loc);
}
static int64_t beskid_host_clock_realtime(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (int64_t)t.tv_sec * 1000000000 + (int64_t)(t.tv_nsec / 1000) * 1000;
}
static int64_t beskid_host_clock_monotonic(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + (int64_t)t.tv_nsec;
}
static int32_t beskid_host_env_get(int32_t ptr, int32_t len) {
  char *name = bx_cstr(ptr, len);
  const char *v = name ? getenv(name) : 0;
  free(name);
  return v ? bx_pend_text(v) : -1;
}
static int32_t beskid_host_env_set(int32_t np, int32_t nl, int32_t vp, int32_t vl) {
  char *name = bx_cstr(np, nl), *value = bx_cstr(vp, vl);
  int32_t r = 1;
  if (name && value && name[0] && !strchr(name, '=')) r = setenv(name, value, 1) == 0 ? 0 : 1;
  free(name);
  free(value);
  return r;
}
static int32_t beskid_host_getcwd(void) {
  char buf[4096];
  return bx_pend_text(getcwd(buf, sizeof buf) ? buf : "");
}
static void beskid_host_take(int32_t dst) {
  if (bx_pending) memcpy(bx_mem + (uint32_t)dst, bx_pending, bx_pending_len);
  free(bx_pending);
  bx_pending = 0;
  bx_pending_len = 0;
}
static int32_t beskid_host_fs_read(int32_t ptr, int32_t len) {
  char *path = bx_cstr(ptr, len);
  int fd = path ? open(path, O_RDONLY) : -1;
  struct stat st;
  uint8_t *buf = 0;
  size_t n = 0, cap = 0;
  free(path);
  if (fd < 0) return -1;
  if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) { close(fd); return -1; }
  for (;;) {
    ssize_t k;
    if (n == cap) {
      uint8_t *b = (uint8_t *)realloc(buf, cap ? cap * 2 : 4096);
      if (!b) { free(buf); close(fd); return -1; }
      buf = b;
      cap = cap ? cap * 2 : 4096;
    }
    k = read(fd, buf + n, cap - n);
    if (k < 0) { if (errno == EINTR) continue; free(buf); close(fd); return -1; }
    if (k == 0) break;
    n += (size_t)k;
  }
  close(fd);
  return bx_set_pending(buf, n);
}
static int32_t beskid_host_fs_write(int32_t pp, int32_t pl, int32_t dp, int32_t dl) {
  char *path = bx_cstr(pp, pl);
  FILE *f = path ? fopen(path, "wb") : 0;
  int ok;
  free(path);
  if (!f) return 1;
  ok = fwrite(bx_mem + (uint32_t)dp, 1, (size_t)(uint32_t)dl, f) == (size_t)(uint32_t)dl;
  if (fclose(f) != 0) ok = 0;
  return ok ? 0 : 1;
}
static int32_t beskid_host_fs_delete(int32_t ptr, int32_t len) {
  char *path = bx_cstr(ptr, len);
  struct stat st;
  int r = 1;
  if (path && stat(path, &st) == 0) r = (S_ISDIR(st.st_mode) ? rmdir(path) : unlink(path)) == 0 ? 0 : 1;
  free(path);
  return r;
}
static int32_t beskid_host_fs_mkdir(int32_t ptr, int32_t len) {
  char *path = bx_cstr(ptr, len);
  struct stat st;
  size_t i, n;
  int32_t r;
  if (!path) return 1;
  n = strlen(path);
  for (i = 1; i <= n; i++) {
    if (path[i] == '/' || path[i] == 0) {
      char c = path[i];
      path[i] = 0;
      mkdir(path, 0777);
      path[i] = c;
    }
  }
  r = stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : 1;
  free(path);
  return r;
}
static int32_t beskid_host_fs_exists(int32_t ptr, int32_t len) {
  char *path = bx_cstr(ptr, len);
  struct stat st;
  int32_t r = path && stat(path, &st) == 0 ? 1 : 0;
  free(path);
  return r;
}
static int32_t beskid_host_getpid(void) { return (int32_t)getpid(); }
static int64_t beskid_host_tty_winsize(int32_t fd) {
  struct winsize w;
  if (!isatty(fd) || ioctl(fd, TIOCGWINSZ, &w) != 0) return 0;
  return (int64_t)w.ws_col * 65536 + (int64_t)w.ws_row;
}

/* Shortest round-trip digits, laid out like ECMAScript Number::toString, then ".0" for an
   integral plain value (runtime/format.ts is the definition). */
static int32_t bx_format(double v, int single) {
  /* The exact decimal expansion, then for p = 1, 2, ... the p-digit rounding with ties away
     from zero (ECMAScript toPrecision picks the larger n on a tie; printf would round to
     even), the first that reads back as the same value. */
  static char exact[1200];
  char buf[64], digits[32], out[64];
  int p, e = 0, k = 0, n, neg, i, o = 0, nd = 0, ex;
  if (v != v) return bx_pend_text("NaN");
  if (v == INFINITY) return bx_pend_text("Infinity");
  if (v == -INFINITY) return bx_pend_text("-Infinity");
  if (v == 0) return bx_pend_text(signbit(v) ? "-0.0" : "0.0");
  neg = v < 0;
  snprintf(exact, sizeof exact, "%.800e", neg ? -v : v);
  {
    char *s = exact, *ep = strchr(exact, 'e');
    static char all[1000];
    for (; s < ep; s++) if (*s >= '0' && *s <= '9') all[nd++] = *s;
    all[nd] = 0;
    ex = atoi(ep + 1);
    for (p = 1; p <= 17; p++) {
      int carry = p < nd && all[p] >= '5';
      e = ex;
      memcpy(digits, all, (size_t)p);
      for (i = p - 1; carry && i >= 0; i--) {
        if (digits[i] == '9') digits[i] = '0';
        else { digits[i]++; carry = 0; }
      }
      if (carry) { memmove(digits + 1, digits, (size_t)p - 1); digits[0] = '1'; e++; }
      digits[p] = 0;
      snprintf(buf, sizeof buf, "%c.%se%d", digits[0], digits + 1, e);
      if (single ? (float)strtod(buf, 0) == (float)(neg ? -v : v) : strtod(buf, 0) == (neg ? -v : v)) break;
    }
    k = p <= 17 ? p : 17;
  }
  while (k > 1 && digits[k - 1] == '0') digits[--k] = 0;
  n = e + 1;
  if (neg) out[o++] = '-';
  if (k <= n && n <= 21) {
    for (i = 0; i < k; i++) out[o++] = digits[i];
    for (i = 0; i < n - k; i++) out[o++] = '0';
    out[o++] = '.'; out[o++] = '0';
  } else if (0 < n && n <= 21) {
    for (i = 0; i < n; i++) out[o++] = digits[i];
    out[o++] = '.';
    for (i = n; i < k; i++) out[o++] = digits[i];
  } else if (-6 < n && n <= 0) {
    out[o++] = '0'; out[o++] = '.';
    for (i = 0; i < -n; i++) out[o++] = '0';
    for (i = 0; i < k; i++) out[o++] = digits[i];
  } else {
    out[o++] = digits[0];
    if (k > 1) { out[o++] = '.'; for (i = 1; i < k; i++) out[o++] = digits[i]; }
    o += snprintf(out + o, sizeof out - (size_t)o, "e%c%d", n - 1 >= 0 ? '+' : '-', n - 1 >= 0 ? n - 1 : 1 - n);
  }
  out[o] = 0;
  return bx_pend_text(out);
}
static int32_t beskid_host_format_f64(double v) { return bx_format(v, 0); }
static int32_t beskid_host_format_f32(float v) { return bx_format((double)v, 1); }
`;
var SPLIT = HOST_TEXT.indexOf("/*@@split@@*/");
var HOST_C_PRELUDE = HOST_TEXT.slice(0, SPLIT);
var HOST_C = HOST_TEXT.slice(SPLIT + "/*@@split@@*/".length);

// src/backends/aot/emit-c.ts
var CT = { i32: "int32_t", i64: "int64_t", f32: "float", f64: "double" };
function libraryFlag(library) {
  if (library.includes("/")) return library;
  const base = library.replace(/^lib/, "").replace(/\.(so|a|dylib)(\.[0-9]+)*$/, "");
  if (base === "" || base === "c" || base === "C") return null;
  return `-l${base}`;
}
function cSymbol(name) {
  const s = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[0-9]/.test(s) ? `_${s}` : s;
}
function cString(s) {
  let out = '"';
  for (const b of new TextEncoder().encode(s)) {
    if (b === 34 || b === 92) out += "\\" + String.fromCharCode(b);
    else if (b >= 32 && b < 127 && b !== 63) out += String.fromCharCode(b);
    else out += "\\" + b.toString(8).padStart(3, "0");
  }
  return out + '"';
}
function constC(type, value) {
  switch (type) {
    case "i32":
      return `((int32_t)0x${(Number(value) >>> 0).toString(16)}u)`;
    case "i64":
      return `((int64_t)0x${BigInt.asUintN(64, BigInt(value)).toString(16)}ull)`;
    case "f32": {
      const b = new DataView(new ArrayBuffer(4));
      b.setFloat32(0, Number(value), true);
      return `bx_f32(0x${b.getUint32(0, true).toString(16)}u)`;
    }
    case "f64": {
      const b = new DataView(new ArrayBuffer(8));
      b.setFloat64(0, Number(value), true);
      return `bx_f64(0x${b.getBigUint64(0, true).toString(16)}ull)`;
    }
    default:
      return assertNever(type);
  }
}
function sigKey(t3) {
  return `${t3.params.join(",")}>${t3.result ?? "v"}`;
}
function fnPtrType(t3) {
  return `${t3.result ? CT[t3.result] : "void"} (*)(${t3.params.length ? t3.params.map((p) => CT[p]).join(", ") : "void"})`;
}
var BIN_INFIX = {
  "f32.add": "+",
  "f32.sub": "-",
  "f32.mul": "*",
  "f32.div": "/",
  "f64.add": "+",
  "f64.sub": "-",
  "f64.mul": "*",
  "f64.div": "/",
  "f32.eq": "==",
  "f32.ne": "!=",
  "f32.lt": "<",
  "f32.gt": ">",
  "f32.le": "<=",
  "f32.ge": ">=",
  "f64.eq": "==",
  "f64.ne": "!=",
  "f64.lt": "<",
  "f64.gt": ">",
  "f64.le": "<=",
  "f64.ge": ">="
};
function binaryC(op, a, b) {
  const infix = BIN_INFIX[op];
  if (infix !== void 0) {
    const cmp = /\.(eq|ne|lt|gt|le|ge)$/.test(op);
    return cmp ? `((int32_t)(${a} ${infix} ${b}))` : `(${a} ${infix} ${b})`;
  }
  const [ty, name] = op.split(".");
  const w = ty === "i32" ? 32 : 64;
  const u = w === 32 ? "uint32_t" : "uint64_t";
  const s = w === 32 ? "int32_t" : "int64_t";
  const U = (x) => `((${u})${x})`;
  switch (name) {
    case "add":
      return `((${s})(${U(a)} + ${U(b)}))`;
    case "sub":
      return `((${s})(${U(a)} - ${U(b)}))`;
    case "mul":
      return `((${s})(${U(a)} * ${U(b)}))`;
    case "and":
      return `(${a} & ${b})`;
    case "or":
      return `(${a} | ${b})`;
    case "xor":
      return `(${a} ^ ${b})`;
    case "shl":
      return `((${s})(${U(a)} << (${b} & ${w - 1})))`;
    case "shr_s":
      return `((${s})(${a} >> (${b} & ${w - 1})))`;
    case "shr_u":
      return `((${s})(${U(a)} >> (${b} & ${w - 1})))`;
    case "rotl":
      return `bx_rotl${w}(${a}, ${b})`;
    case "rotr":
      return `bx_rotr${w}(${a}, ${b})`;
    case "eq":
      return `((int32_t)(${a} == ${b}))`;
    case "ne":
      return `((int32_t)(${a} != ${b}))`;
    case "lt_s":
      return `((int32_t)(${a} < ${b}))`;
    case "gt_s":
      return `((int32_t)(${a} > ${b}))`;
    case "le_s":
      return `((int32_t)(${a} <= ${b}))`;
    case "ge_s":
      return `((int32_t)(${a} >= ${b}))`;
    case "lt_u":
      return `((int32_t)(${U(a)} < ${U(b)}))`;
    case "gt_u":
      return `((int32_t)(${U(a)} > ${U(b)}))`;
    case "le_u":
      return `((int32_t)(${U(a)} <= ${U(b)}))`;
    case "ge_u":
      return `((int32_t)(${U(a)} >= ${U(b)}))`;
    case "div_s":
      return `((${s})(${a} / ${b}))`;
    case "div_u":
      return `((${s})(${U(a)} / ${U(b)}))`;
    case "rem_s":
      return `((${s})(${a} % ${b}))`;
    case "rem_u":
      return `((${s})(${U(a)} % ${U(b)}))`;
    default:
      throw new Error(`unknown binary op ${op}`);
  }
}
function unaryC(op, x) {
  switch (op) {
    case "i32.eqz":
    case "i64.eqz":
      return `((int32_t)(${x} == 0))`;
    case "i32.clz":
      return `bx_clz32(${x})`;
    case "i32.ctz":
      return `bx_ctz32(${x})`;
    case "i32.popcnt":
      return `bx_popcnt32(${x})`;
    case "i64.clz":
      return `bx_clz64(${x})`;
    case "i64.ctz":
      return `bx_ctz64(${x})`;
    case "i64.popcnt":
      return `bx_popcnt64(${x})`;
    case "i32.extend8_s":
      return `((int32_t)(int8_t)${x})`;
    case "i32.extend16_s":
      return `((int32_t)(int16_t)${x})`;
    case "i64.extend8_s":
      return `((int64_t)(int8_t)${x})`;
    case "i64.extend16_s":
      return `((int64_t)(int16_t)${x})`;
    case "i64.extend32_s":
      return `((int64_t)(int32_t)${x})`;
    case "f32.neg":
    case "f64.neg":
      return `(-${x})`;
    case "f32.abs":
      return `fabsf(${x})`;
    case "f32.sqrt":
      return `sqrtf(${x})`;
    case "f32.ceil":
      return `ceilf(${x})`;
    case "f32.floor":
      return `floorf(${x})`;
    case "f32.trunc":
      return `truncf(${x})`;
    case "f32.nearest":
      return `rintf(${x})`;
    case "f64.abs":
      return `fabs(${x})`;
    case "f64.sqrt":
      return `sqrt(${x})`;
    case "f64.ceil":
      return `ceil(${x})`;
    case "f64.floor":
      return `floor(${x})`;
    case "f64.trunc":
      return `trunc(${x})`;
    case "f64.nearest":
      return `rint(${x})`;
    case "i32.wrap_i64":
      return `((int32_t)(uint32_t)(uint64_t)${x})`;
    case "i64.extend_i32_s":
      return `((int64_t)${x})`;
    case "i64.extend_i32_u":
      return `((int64_t)(uint32_t)${x})`;
    case "i32.trunc_sat_f32_s":
    case "i32.trunc_sat_f64_s":
      return `bx_sat_s32((double)${x})`;
    case "i32.trunc_sat_f32_u":
    case "i32.trunc_sat_f64_u":
      return `bx_sat_u32((double)${x})`;
    case "i64.trunc_sat_f32_s":
    case "i64.trunc_sat_f64_s":
      return `bx_sat_s64((double)${x})`;
    case "i64.trunc_sat_f32_u":
    case "i64.trunc_sat_f64_u":
      return `bx_sat_u64((double)${x})`;
    case "f32.convert_i32_s":
      return `((float)${x})`;
    case "f32.convert_i32_u":
      return `((float)(uint32_t)${x})`;
    case "f32.convert_i64_s":
      return `((float)${x})`;
    case "f32.convert_i64_u":
      return `((float)(uint64_t)${x})`;
    case "f64.convert_i32_s":
      return `((double)${x})`;
    case "f64.convert_i32_u":
      return `((double)(uint32_t)${x})`;
    case "f64.convert_i64_s":
      return `((double)${x})`;
    case "f64.convert_i64_u":
      return `((double)(uint64_t)${x})`;
    case "f32.demote_f64":
      return `((float)${x})`;
    case "f64.promote_f32":
      return `((double)${x})`;
    case "i32.reinterpret_f32":
      return `bx_bits_f32(${x})`;
    case "i64.reinterpret_f64":
      return `bx_bits_f64(${x})`;
    case "f32.reinterpret_i32":
      return `bx_f32((uint32_t)${x})`;
    case "f64.reinterpret_i64":
      return `bx_f64((uint64_t)${x})`;
    default:
      throw new Error(`unknown unary op ${op}`);
  }
}
var LOAD_C = {
  "i32.load": ["bx_ld32", "int32_t"],
  "i64.load": ["bx_ld64", "int64_t"],
  "f32.load": ["bx_ldf32", "float"],
  "f64.load": ["bx_ldf64", "double"],
  "i32.load8_s": ["(int32_t)(int8_t)bx_ld8", ""],
  "i32.load8_u": ["(int32_t)bx_ld8", ""],
  "i32.load16_s": ["(int32_t)(int16_t)bx_ld16", ""],
  "i32.load16_u": ["(int32_t)bx_ld16", ""],
  "i64.load8_s": ["(int64_t)(int8_t)bx_ld8", ""],
  "i64.load8_u": ["(int64_t)bx_ld8", ""],
  "i64.load16_s": ["(int64_t)(int16_t)bx_ld16", ""],
  "i64.load16_u": ["(int64_t)bx_ld16", ""],
  "i64.load32_s": ["(int64_t)(int32_t)(uint32_t)bx_ld32", ""],
  "i64.load32_u": ["(int64_t)(uint32_t)bx_ld32", ""]
};
var STORE_C = {
  "i32.store": "bx_st32(%a, (uint32_t)%v)",
  "i64.store": "bx_st64(%a, (uint64_t)%v)",
  "f32.store": "bx_stf32(%a, %v)",
  "f64.store": "bx_stf64(%a, %v)",
  "i32.store8": "bx_st8(%a, (uint8_t)%v)",
  "i32.store16": "bx_st16(%a, (uint16_t)%v)",
  "i64.store8": "bx_st8(%a, (uint8_t)%v)",
  "i64.store16": "bx_st16(%a, (uint16_t)%v)",
  "i64.store32": "bx_st32(%a, (uint32_t)%v)"
};
function hasEffects(e) {
  switch (e.kind) {
    case "const":
    case "local.get":
    case "global.get":
    case "data.addr":
    case "memory.size":
      return false;
    case "unary":
      return hasEffects(e.value);
    case "load":
      return hasEffects(e.addr);
    case "binary":
      if (/\.(div|rem)_[su]$/.test(e.op)) return true;
      return hasEffects(e.left) || hasEffects(e.right);
    case "select":
      return hasEffects(e.cond) || hasEffects(e.then) || hasEffects(e.else);
    default:
      return true;
  }
}
function fname(i) {
  return `bf${i}`;
}
var FunctionC = class {
  constructor(g, f, marks) {
    this.g = g;
    this.f = f;
    this.marks = marks;
    this.localTypes = [...f.type.params, ...f.locals];
    this.typeCtx = { artifact: g.a, localTypes: this.localTypes };
  }
  g;
  f;
  marks;
  out = [];
  indent = "  ";
  temps = [];
  labels = 0;
  ctl = [];
  localTypes;
  typeCtx;
  /**
   * The source location the JIT would attribute to the next call of this function (its code
   * map: the last statement or call location before it in code order). Program functions store
   * it into `bx_loc` before each call and checked operation, so a panic without a location of
   * its own (out of memory, stack overflow, a trap) names the same place as under the JIT.
   */
  pending;
  emit(signature2) {
    for (const s of this.f.body) this.stmt(s);
    if (this.f.type.result !== null) this.line(`bx_unreachable(${this.loc(this.f.loc)});`);
    const head = [`${signature2} {`];
    this.f.locals.forEach((t3, i) => {
      head.push(`  ${CT[t3]} l${this.f.type.params.length + i} = 0;`);
    });
    for (const t3 of this.temps) head.push(`  ${t3};`);
    return [...head, ...this.out, "}"].join("\n");
  }
  /** Before a call or checked operation: the location it is attributed to, into `bx_loc`. */
  markCall(loc) {
    if (!this.marks) return;
    if (loc !== void 0) this.pending = loc;
    if (this.pending !== void 0) this.line(`bx_loc = ${this.pending};`);
  }
  /**
   * Before a checked operation that passes its own location to the panic: no store needed,
   * only the code-order bookkeeping (the JIT marks the panic call with it).
   */
  markChecked(loc) {
    if (loc === void 0) this.markCall(void 0);
    else if (this.marks) this.pending = loc;
  }
  line(s) {
    this.out.push(this.indent + s);
  }
  loc(l) {
    return String(l ?? -1);
  }
  temp(type) {
    const name = `t${this.temps.length}`;
    this.temps.push(type === "ptr" ? `void *${name}` : `${CT[type]} ${name}`);
    return name;
  }
  spill(e, c2) {
    const t3 = this.temp(exprType(this.typeCtx, e) ?? "i32");
    this.line(`${t3} = ${c2};`);
    return t3;
  }
  /**
   * Operands in IR order. An operand is spilled into a temporary when a later one has effects
   * (it must be read first), or when it has effects itself and a later one reads anything
   * (the later read must see them): C would be free to evaluate either order.
   */
  operands(es, spillEffectful = false) {
    const effectAfter = new Array(es.length).fill(false);
    const readAfter = new Array(es.length).fill(false);
    for (let i = es.length - 2; i >= 0; i--) {
      effectAfter[i] = effectAfter[i + 1] || hasEffects(es[i + 1]);
      readAfter[i] = readAfter[i + 1] || es[i + 1].kind !== "const";
    }
    return es.map((e, i) => {
      const c2 = this.expr(e);
      if (e.kind === "const") return c2;
      const effects = hasEffects(e);
      if (effectAfter[i] || effects && (readAfter[i] || spillEffectful)) return this.spill(e, c2);
      return c2;
    });
  }
  find(label, kind) {
    for (let i = this.ctl.length - 1; i >= 0; i--) {
      const c2 = this.ctl[i];
      if (c2.label === label && c2[kind] !== null) return c2[kind];
    }
    throw new Error(`${this.f.name}: ${kind} to label ${label} outside of it`);
  }
  body(ss) {
    const saved = this.indent;
    this.indent += "  ";
    for (const s of ss) this.stmt(s);
    this.indent = saved;
  }
  stmt(s) {
    if (this.marks && s.loc !== void 0) this.pending = s.loc;
    switch (s.kind) {
      case "expr": {
        const c2 = this.expr(s.expr);
        if (c2 !== "") this.line(`(void)${c2};`);
        return;
      }
      case "local.set":
        this.line(`l${s.index} = ${this.expr(s.value)};`);
        return;
      case "global.set":
        this.line(`g${s.index} = ${this.expr(s.value)};`);
        return;
      case "store": {
        const [a, v] = this.operands([s.addr, s.value]);
        this.line(STORE_C[s.op].replace("%a", `${this.addr(a)} + ${s.offset}u`).replace("%v", v) + ";");
        return;
      }
      case "block": {
        const n = this.labels++;
        this.ctl.push({ label: s.label, brk: `B${n}`, cont: null });
        this.line("{");
        this.body(s.body);
        this.line("}");
        this.ctl.pop();
        this.line(`B${n}:;`);
        return;
      }
      case "loop": {
        const n = this.labels++;
        this.ctl.push({ label: s.label, brk: `B${n}`, cont: `C${n}` });
        this.line(`C${n}: {`);
        this.body(s.body);
        this.line(`  goto C${n};`);
        this.line("}");
        this.ctl.pop();
        this.line(`B${n}:;`);
        return;
      }
      case "if": {
        const c2 = this.expr(s.cond);
        this.line(`if (${c2}) {`);
        this.ctl.push({ label: null, brk: null, cont: null });
        this.body(s.then);
        if (s.else.length > 0) {
          this.line("} else {");
          this.body(s.else);
        }
        this.ctl.pop();
        this.line("}");
        return;
      }
      case "break":
        this.line(`goto ${this.find(s.label, "brk")};`);
        return;
      case "continue":
        this.line(`goto ${this.find(s.label, "cont")};`);
        return;
      case "return":
        if (s.value !== void 0) this.line(`return ${this.expr(s.value)};`);
        else this.line("return;");
        return;
      case "unreachable":
        this.markCall(s.loc);
        this.line(`bx_unreachable(${this.loc(s.loc)});`);
        return;
      case "memory.copy": {
        const [d, sr, n] = this.operands([s.dst, s.src, s.len]);
        this.line(`memmove(bx_mem + (uint32_t)${d}, bx_mem + (uint32_t)${sr}, (uint32_t)${n});`);
        return;
      }
      case "memory.fill": {
        const [d, v, n] = this.operands([s.dst, s.value, s.len]);
        this.line(`memset(bx_mem + (uint32_t)${d}, (uint8_t)${v}, (uint32_t)${n});`);
        return;
      }
      default:
        assertNever(s);
    }
  }
  addr(a) {
    return `(uint64_t)(uint32_t)${a}`;
  }
  call(fn, args, result, loc) {
    const cs = this.operands(args, this.marks);
    this.markCall(loc);
    const c2 = `${fn}(${cs.join(", ")})`;
    if (result === null) {
      this.line(`${c2};`);
      return "";
    }
    return c2;
  }
  expr(e) {
    switch (e.kind) {
      case "const":
        return constC(e.type, e.value);
      case "local.get":
        return `l${e.index}`;
      case "local.tee": {
        const v = this.expr(e.value);
        this.line(`l${e.index} = ${v};`);
        return `l${e.index}`;
      }
      case "global.get":
        return `g${e.index}`;
      case "unary":
        return unaryC(e.op, this.expr(e.value));
      case "binary": {
        const m = /^(i32|i64)\.(div|rem)_([su])$/.exec(e.op);
        if (m) {
          const r = e.right;
          if (r.kind === "const") {
            const v = BigInt(r.value);
            if (v !== 0n && (v !== -1n || m[3] === "u")) {
              const [a3, b3] = this.operands([e.left, e.right]);
              return binaryC(e.op, a3, b3);
            }
          }
          const [a2, b2] = this.operands([e.left, e.right], this.marks);
          this.markChecked(e.loc);
          const w = m[1] === "i32" ? 32 : 64;
          return `bx_${m[2]}_${m[3]}${w}(${a2}, ${b2}, ${this.loc(e.loc)})`;
        }
        if (e.op === "f64.rem") {
          const [a2, b2] = this.operands([e.left, e.right]);
          return `fmod(${a2}, ${b2})`;
        }
        if (e.op === "f32.rem") {
          const [a2, b2] = this.operands([e.left, e.right]);
          return `((float)fmod((double)${a2}, (double)${b2}))`;
        }
        const [a, b] = this.operands([e.left, e.right]);
        return binaryC(e.op, a, b);
      }
      case "load": {
        const a = this.expr(e.addr);
        const [fn] = LOAD_C[e.op];
        return `(${fn}(${this.addr(a)} + ${e.offset}u))`;
      }
      case "call":
        return this.call(fname(e.func), e.args, this.g.a.functions[e.func].type.result, e.loc);
      case "call.indirect": {
        const cs = this.operands([...e.args, e.target], true);
        const target = cs.pop();
        const sig2 = this.g.sigId(e.type);
        const p = this.temp("ptr");
        this.markCall(e.loc);
        this.line(`${p} = bx_table_get(${target}, ${sig2}, ${this.loc(e.loc)});`);
        const c2 = `((${fnPtrType(e.type)})${p})(${cs.join(", ")})`;
        if (e.type.result === null) {
          this.line(`${c2};`);
          return "";
        }
        return c2;
      }
      case "call.runtime": {
        const idx = this.g.linked.runtimeIndex.get(e.name);
        if (idx === void 0) throw new Error(`${this.f.name}: unknown runtime function ${e.name}`);
        return this.call(fname(idx), e.args, this.g.a.functions[idx].type.result, e.loc);
      }
      case "call.extern": {
        const x = this.g.a.externs[e.ext];
        const fn = x.contract === HOST_CONTRACT ? `beskid_host_${x.name}` : `bx_ext${e.ext}`;
        return this.call(fn, e.args, x.type.result, e.loc);
      }
      case "select": {
        const [t3, el, c2] = this.operands([e.then, e.else, e.cond], true);
        return `((${c2}) ? ${t3} : ${el})`;
      }
      case "cond": {
        const r = this.temp(e.type);
        const c2 = this.expr(e.cond);
        this.line(`if (${c2}) {`);
        const saved = this.indent;
        this.indent += "  ";
        this.ctl.push({ label: null, brk: null, cont: null });
        this.line(`${r} = ${this.expr(e.then)};`);
        this.indent = saved;
        this.line("} else {");
        this.indent += "  ";
        this.line(`${r} = ${this.expr(e.else)};`);
        this.ctl.pop();
        this.indent = saved;
        this.line("}");
        return r;
      }
      case "seq":
        for (const s of e.body) this.stmt(s);
        return this.expr(e.value);
      case "data.addr":
        return `((int32_t)${this.g.linked.dataAddresses[e.segment]})`;
      case "elem.addr": {
        const [b, i] = this.operands([e.base, e.index], this.marks);
        this.markChecked(e.loc);
        return `bx_elem(${b}, ${i}, ${Math.log2(e.elemSize)}, ${this.loc(e.loc)})`;
      }
      case "memory.size":
        return "((int32_t)bx_pages)";
      case "memory.grow": {
        const p = this.expr(e.pages);
        return this.spill(e, `bx_grow(${p})`);
      }
      default:
        return assertNever(e);
    }
  }
};
var GlobalC = class {
  constructor(a, linked) {
    this.a = a;
    this.linked = linked;
  }
  a;
  linked;
  sigs = /* @__PURE__ */ new Map();
  sigId(t3) {
    const k = sigKey(t3);
    let id = this.sigs.get(k);
    if (id === void 0) {
      id = this.sigs.size;
      this.sigs.set(k, id);
    }
    return id;
  }
};
function signature(name, t3, named) {
  const params = t3.params.length ? t3.params.map((p, i) => named ? `${CT[p]} l${i}` : CT[p]).join(", ") : "void";
  return `${t3.result ? CT[t3.result] : "void"} ${name}(${params})`;
}
function reachable(a, linked, roots) {
  const seen = /* @__PURE__ */ new Set();
  const todo = [...roots, ...a.table];
  const visitE = (e) => {
    switch (e.kind) {
      case "call":
        todo.push(e.func);
        e.args.forEach(visitE);
        return;
      case "call.runtime": {
        const i = linked.runtimeIndex.get(e.name);
        if (i !== void 0) todo.push(i);
        e.args.forEach(visitE);
        return;
      }
      case "call.indirect":
        visitE(e.target);
        e.args.forEach(visitE);
        return;
      case "call.extern":
        e.args.forEach(visitE);
        return;
      case "local.tee":
      case "unary":
        visitE(e.value);
        return;
      case "binary":
        visitE(e.left);
        visitE(e.right);
        return;
      case "load":
        visitE(e.addr);
        return;
      case "select":
      case "cond":
        visitE(e.cond);
        visitE(e.then);
        visitE(e.else);
        return;
      case "seq":
        e.body.forEach(visitS);
        visitE(e.value);
        return;
      case "elem.addr":
        visitE(e.base);
        visitE(e.index);
        return;
      case "memory.grow":
        visitE(e.pages);
        return;
      default:
        return;
    }
  };
  const visitS = (st) => {
    switch (st.kind) {
      case "expr":
        visitE(st.expr);
        return;
      case "local.set":
      case "global.set":
        visitE(st.value);
        return;
      case "store":
        visitE(st.addr);
        visitE(st.value);
        return;
      case "block":
      case "loop":
        st.body.forEach(visitS);
        return;
      case "if":
        visitE(st.cond);
        st.then.forEach(visitS);
        st.else.forEach(visitS);
        return;
      case "return":
        if (st.value) visitE(st.value);
        return;
      case "memory.copy":
        visitE(st.dst);
        visitE(st.src);
        visitE(st.len);
        return;
      case "memory.fill":
        visitE(st.dst);
        visitE(st.value);
        visitE(st.len);
        return;
      default:
        return;
    }
  };
  while (todo.length > 0) {
    const f = todo.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    a.functions[f].body.forEach(visitS);
  }
  return seen;
}
function emitC(program, options) {
  const linked = linkRuntime(program);
  const a = linked.artifact;
  const g = new GlobalC(a, linked);
  const maxPages = Math.min(options.maxPages ?? MAX_PAGES, MAX_PAGES);
  const initialPages = Math.min(Math.max(1, Math.ceil(linked.heapBase / PAGE_SIZE)), maxPages);
  const parts = [];
  parts.push("/* Generated by beskid-ci (AOT backend). Do not edit. */", HOST_C_PRELUDE);
  parts.push(`#define BX_INITIAL_PAGES ${initialPages}u`);
  parts.push(`#define BX_MAX_PAGES ${maxPages}u`);
  parts.push(`#define BX_PANIC_CODE ${fname(linked.runtimeIndex.get("panic_code"))}`);
  parts.push(`#define BX_PANIC_INDEX ${fname(linked.runtimeIndex.get("panic_index"))}`);
  parts.push(`#define BX_DIV_ZERO ${PANIC["division by zero"]}`);
  parts.push(`#define BX_REM_ZERO ${PANIC["remainder by zero"]}`);
  parts.push(`#define BX_DIV_OVERFLOW ${PANIC["integer overflow in division"]}`);
  parts.push(
    `static const char *const bx_files[] = {${a.files.map(cString).join(", ") || "0"}};`,
    `static const int32_t bx_nlocs = ${a.locations.length};`,
    `static const int32_t bx_locs[] = {${a.locations.map((l) => `${l.file},${l.line},${l.column}`).join(",") || "0"}};`
  );
  const panicCode = a.functions[linked.runtimeIndex.get("panic_code")];
  const panicIndex = a.functions[linked.runtimeIndex.get("panic_index")];
  parts.push(`static ${signature(fname(linked.runtimeIndex.get("panic_code")), panicCode.type, false)};`);
  parts.push(`static ${signature(fname(linked.runtimeIndex.get("panic_index")), panicIndex.type, false)};`);
  parts.push(HOST_C);
  const libraries = /* @__PURE__ */ new Set();
  a.externs.forEach((x, i) => {
    if (x.contract === HOST_CONTRACT) return;
    const flag = libraryFlag(x.library);
    if (flag !== null) libraries.add(flag);
    parts.push(`extern ${signature(`bx_ext${i}`, x.type, false)} __asm__(${cString(x.name)});`);
  });
  a.globals.forEach((gl, i) => parts.push(`static ${CT[gl.type]} g${i} = ${constC(gl.type, gl.init)};`));
  const roots = [linked.runtimeIndex.get("panic_code"), linked.runtimeIndex.get("panic_index")];
  if (options.mainFunc !== void 0 && options.mainFunc !== null) roots.push(options.mainFunc);
  for (const ex of options.exports ?? []) roots.push(ex.func);
  const live = reachable(a, linked, roots);
  a.functions.forEach((f, i) => {
    if (live.has(i)) parts.push(`static ${signature(fname(i), f.type, false)};`);
  });
  const image = new Uint8Array(linked.heapBase - DATA_BASE);
  a.data.forEach((d, i) => image.set(d.bytes, linked.dataAddresses[i] - DATA_BASE));
  const rows = [];
  for (let i = 0; i < image.length; i += 32) rows.push(Array.from(image.subarray(i, i + 32)).join(","));
  parts.push(
    `static const uint8_t bx_data[${Math.max(1, image.length)}] = {
${rows.join(",\n") || "0"}
};`
  );
  const bodies = [];
  a.functions.forEach((f, i) => {
    if (live.has(i))
      bodies.push(
        new FunctionC(g, f, i < linked.programFunctions).emit(`static ${signature(fname(i), f.type, true)}`)
      );
  });
  const tableRows = a.table.map((fi) => `{(void *)${fname(fi)}, ${g.sigId(a.functions[fi].type)}}`);
  parts.push(
    `static const struct bx_slot bx_table[${Math.max(1, a.table.length)}] = {${tableRows.join(", ") || "{0, -1}"}};`,
    `static const uint32_t bx_table_len = ${a.table.length}u;`
  );
  parts.push(`static void *bx_table_get(int32_t i, int32_t sig, int32_t loc) {
  if ((uint32_t)i >= bx_table_len || bx_table[(uint32_t)i].sig != sig) bx_panic_text("indirect call to a function of another type", loc);
  return bx_table[(uint32_t)i].fn;
}`);
  parts.push(`static void bx_init(void) {
  if (bx_mem) return;
  bx_pages = BX_INITIAL_PAGES;
  bx_mem = (uint8_t *)calloc((size_t)bx_pages * BX_PAGE, 1);
  if (!bx_mem) { fputs("panic: out of memory\\n", stderr); exit(101); }
  memcpy(bx_mem + ${DATA_BASE}, bx_data, ${image.length});
  bx_host_init();
}`);
  parts.push(...bodies);
  const prototypes = [];
  const prefix = cSymbol(options.prefix);
  if (options.exports) {
    prototypes.push(`void ${prefix}_beskid_init(void);`, `uint8_t *${prefix}_beskid_heap(void);`);
    parts.push(`void ${prefix}_beskid_init(void) { bx_init(); }`);
    parts.push(`uint8_t *${prefix}_beskid_heap(void) { bx_init(); return bx_mem; }`);
    const taken = /* @__PURE__ */ new Set();
    for (const ex of options.exports) {
      const sym = cSymbol(ex.name);
      if (taken.has(sym)) continue;
      taken.add(sym);
      const t3 = a.functions[ex.func].type;
      const args = t3.params.map((_, i) => `l${i}`).join(", ");
      prototypes.push(`${signature(sym, t3, false)};`);
      parts.push(
        `${signature(sym, t3, true)} { bx_init(); ${t3.result ? "return " : ""}${fname(ex.func)}(${args}); }`
      );
    }
  }
  if (options.mainFunc !== void 0 && options.mainFunc !== null) {
    const t3 = a.functions[options.mainFunc].type;
    const call = `${fname(options.mainFunc)}()`;
    const code = t3.result === null ? `${call}; code = 0;` : `code = (int)(uint8_t)(uint64_t)${call};`;
    parts.push(`int main(int argc, char **argv) {
  int code;
  (void)argc; (void)argv;
  bx_init();
  bx_install_guards();
  ${code}
  bx_flush();
  return code;
}`);
  }
  return { source: parts.join("\n\n") + "\n", libraries: [...libraries].sort(), prototypes };
}

// src/backends/aot/build.ts
import { execFile } from "node:child_process";
import { createHash as createHash4 } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync as readFileSync2, renameSync, rmSync as rmSync2, writeFileSync } from "node:fs";
import { basename, dirname, join as join2, resolve } from "node:path";
function outputFileName(kind, stem) {
  switch (kind) {
    case "exe":
      return stem;
    case "shared":
      return `lib${stem}.so`;
    case "static":
      return `lib${stem}.a`;
    case "object":
      return `${stem}.o`;
    case "wasm":
      return `${stem}.wasm`;
    case "header":
      return `${stem}.h`;
  }
}
var C_FILE = "beskid.c";
var POSIX = /* @__PURE__ */ new Set(["linux", "darwin", "freebsd", "openbsd", "netbsd", "sunos", "aix"]);
function run(cmd, args, cwd) {
  return new Promise((done) => {
    execFile(cmd, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (!err) return done({ ok: true, missing: false, output });
      const code = err.code;
      done({ ok: false, missing: code === "ENOENT" || code === "EACCES", output: output || err.message });
    });
  });
}
function splitCommand(s) {
  return s.trim().split(/\s+/).filter(Boolean);
}
function sha256(b) {
  return createHash4("sha256").update(b).digest("hex");
}
async function buildArtifact(program, o) {
  const fail2 = (d) => ({ ok: false, outputs: [], diagnostics: [d] });
  const platform = o.platform ?? process.platform;
  const kinds = [...new Set(o.kinds)];
  const cKinds = kinds.filter((k) => k !== "wasm");
  if (cKinds.length > 0 && !POSIX.has(platform)) {
    return fail2(
      makeDiagnostic(
        "E4022",
        { detail: `\`${cKinds[0]}\` outputs need a POSIX C toolchain; this platform is ${platform}` },
        void 0
      )
    );
  }
  if (platform === "darwin" && kinds.includes("shared")) {
    return fail2(makeDiagnostic("E4022", { detail: "`shared` is not supported on macOS yet" }, void 0));
  }
  const entry = o.entrypoint === void 0 ? program.entry : program.entryPoints.find((e) => e.name === o.entrypoint) ?? (program.entry?.name === o.entrypoint ? program.entry : null);
  if (kinds.includes("exe") && !entry) {
    return fail2(
      makeDiagnostic(
        "E4030",
        {
          detail: o.entrypoint === void 0 ? "an `exe` output needs a `main` or `Main` function" : `no top-level function \`${o.entrypoint}\` without parameters in the entry module`
        },
        void 0
      )
    );
  }
  const wanted = o.exports ? new Set(o.exports) : null;
  const exports = program.exports.filter((e) => !wanted || wanted.has(e.name));
  const outDir = resolve(o.outDir);
  const single = o.outFile !== void 0 && kinds.length === 1;
  const stageDir = single ? dirname(resolve(o.outFile)) : outDir;
  let tmp;
  try {
    mkdirSync(stageDir, { recursive: true });
    tmp = mkdtempSync(join2(stageDir, ".beskid-build-"));
  } catch (e) {
    return fail2(
      makeDiagnostic("E4021", { detail: `cannot create ${stageDir}: ${e.message}` }, void 0)
    );
  }
  const staged = [];
  const destOf = (kind) => single && kind !== "header" ? resolve(o.outFile) : join2(stageDir, outputFileName(kind, o.stem));
  try {
    const env = o.env ?? {};
    const cc = splitCommand(env.CC || "cc");
    const ar = splitCommand(env.AR || "ar");
    const opt2 = o.release ? ["-O2"] : ["-O0"];
    const common = [
      "-std=c11",
      "-w",
      ...opt2,
      "-ffp-contract=off",
      "-fno-strict-aliasing",
      "-fwrapv",
      "-frandom-seed=beskid"
    ];
    const emitted = /* @__PURE__ */ new Map();
    const source = (withMain, withExports) => {
      const key = `${withMain}-${withExports}`;
      let e = emitted.get(key);
      if (!e) {
        e = emitC(program, {
          prefix: o.stem,
          mainFunc: withMain ? entry.func : null,
          ...o.maxPages !== void 0 ? { maxPages: o.maxPages } : {},
          ...withExports ? { exports } : {}
        });
        emitted.set(key, e);
      }
      const file = key === "false-true" ? C_FILE : `beskid-${key}.c`;
      writeFileSync(join2(tmp, file), e.source);
      return { file, libs: [...e.libraries, "-lm"] };
    };
    const compile = async (args) => {
      const r = await run(cc[0], [...cc.slice(1), ...args], tmp);
      if (r.ok) return null;
      if (r.missing)
        return makeDiagnostic(
          "E4020",
          {
            detail: `\`${cc[0]}\` could not be run`,
            help: "install a C compiler or point the CC environment variable at one"
          },
          void 0
        );
      return makeDiagnostic("E4021", { detail: r.output.slice(0, 4e3) }, void 0);
    };
    const libHeader = emitted;
    for (const kind of kinds) {
      const name = outputFileName(kind, o.stem);
      let d = null;
      switch (kind) {
        case "wasm":
          if (!o.wasm) {
            d = makeDiagnostic("E4022", { detail: "no WebAssembly compiler was supplied" }, void 0);
            break;
          }
          writeFileSync(join2(tmp, name), o.wasm(program));
          break;
        case "exe": {
          const s = source(true, false);
          d = await compile([...common, s.file, "-o", name, ...s.libs]);
          break;
        }
        case "object": {
          const s = source(!o.library && entry !== null, true);
          d = await compile([...common, "-c", s.file, "-o", name]);
          break;
        }
        case "shared": {
          const s = source(false, true);
          d = await compile([
            ...common,
            "-shared",
            "-fPIC",
            `-Wl,-soname,${name}`,
            s.file,
            "-o",
            name,
            ...s.libs
          ]);
          break;
        }
        case "static": {
          const s = source(false, true);
          const obj = `${o.stem}.o`;
          mkdirSync(join2(tmp, "static"), { recursive: true });
          d = await compile([...common, "-fPIC", "-c", s.file, "-o", join2("static", obj)]);
          if (!d) {
            const r = await run(ar[0], [...ar.slice(1), "rcsD", name, join2("static", obj)], tmp);
            if (!r.ok)
              d = r.missing ? makeDiagnostic(
                "E4020",
                { detail: `the archiver \`${ar[0]}\` (AR) could not be run` },
                void 0
              ) : makeDiagnostic("E4021", { detail: r.output.slice(0, 4e3) }, void 0);
          }
          break;
        }
      }
      if (d) return fail2(d);
      staged.push({ kind, file: join2(tmp, name), dest: destOf(kind) });
    }
    if (kinds.includes("shared") || kinds.includes("static")) {
      const e = libHeader.get("false-true");
      const guard = `BESKID_${o.stem.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()}_H`;
      const header = [
        `/* ${o.stem}: generated by beskid-ci from a Beskid library. See docs/aot.md. */`,
        `#ifndef ${guard}`,
        `#define ${guard}`,
        "#include <stdint.h>",
        "#ifdef __cplusplus",
        'extern "C" {',
        "#endif",
        ...e.prototypes,
        "#ifdef __cplusplus",
        "}",
        "#endif",
        "#endif",
        ""
      ].join("\n");
      writeFileSync(join2(tmp, outputFileName("header", o.stem)), header);
      staged.push({
        kind: "header",
        file: join2(tmp, outputFileName("header", o.stem)),
        dest: destOf("header")
      });
    }
    const outputs = [];
    for (const s of staged) {
      const bytes = readFileSync2(s.file);
      mkdirSync(dirname(s.dest), { recursive: true });
      renameSync(s.file, s.dest);
      outputs.push({ kind: s.kind, path: s.dest, bytes: bytes.length, sha256: sha256(bytes) });
    }
    return { ok: true, outputs, diagnostics: [] };
  } catch (e) {
    return fail2(makeDiagnostic("E4021", { detail: e.message }, void 0));
  } finally {
    rmSync2(tmp, { recursive: true, force: true });
  }
}
function stemOf(file) {
  return basename(file).replace(/\.[^.]*$/, "");
}

// src/pipeline/remote-cache.ts
var import_undici = __toESM(require_undici(), 1);
import { createHash as createHash5 } from "node:crypto";
var DIGEST_PATTERN = /^[0-9a-f]{64}$/;
var AC_KEY_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;
var AC_MAX_BYTES = 64 * 1024;
var AC_MAX_BLOBS = 64;
var BLOB_NAME_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
var META_MAX_ENTRIES = 32;
var META_VALUE_MAX = 1024;
function isPlainObject(x) {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
function parseAcDocument(text) {
  if (Buffer.byteLength(text, "utf8") > AC_MAX_BYTES)
    return { ok: false, reason: `larger than ${AC_MAX_BYTES} bytes` };
  let raw;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: "not valid JSON" };
  }
  if (!isPlainObject(raw)) return { ok: false, reason: "not a JSON object" };
  for (const k of Object.keys(raw)) {
    if (k !== "v" && k !== "blobs" && k !== "meta") return { ok: false, reason: `unknown field '${k}'` };
  }
  if (raw.v !== 1) return { ok: false, reason: "field 'v' must be 1" };
  if (!Array.isArray(raw.blobs) || raw.blobs.length === 0 || raw.blobs.length > AC_MAX_BLOBS) {
    return { ok: false, reason: `field 'blobs' must be an array of 1..${AC_MAX_BLOBS} entries` };
  }
  const blobs = [];
  for (const [i, b] of raw.blobs.entries()) {
    if (!isPlainObject(b)) return { ok: false, reason: `blobs[${i}] is not an object` };
    for (const k of Object.keys(b)) {
      if (k !== "name" && k !== "digest" && k !== "size")
        return { ok: false, reason: `blobs[${i}]: unknown field '${k}'` };
    }
    if (typeof b.name !== "string" || !BLOB_NAME_PATTERN.test(b.name)) {
      return { ok: false, reason: `blobs[${i}].name must match ${BLOB_NAME_PATTERN.source}` };
    }
    if (typeof b.digest !== "string" || !DIGEST_PATTERN.test(b.digest)) {
      return { ok: false, reason: `blobs[${i}].digest must be a lowercase hex sha256` };
    }
    if (typeof b.size !== "number" || !Number.isSafeInteger(b.size) || b.size < 0) {
      return { ok: false, reason: `blobs[${i}].size must be a non-negative integer` };
    }
    blobs.push({ name: b.name, digest: b.digest, size: b.size });
  }
  let meta;
  if (raw.meta !== void 0) {
    if (!isPlainObject(raw.meta)) return { ok: false, reason: "field 'meta' must be an object" };
    const entries = Object.entries(raw.meta);
    if (entries.length > META_MAX_ENTRIES)
      return { ok: false, reason: `field 'meta' has more than ${META_MAX_ENTRIES} entries` };
    meta = {};
    for (const [k, v] of entries) {
      if (!BLOB_NAME_PATTERN.test(k))
        return { ok: false, reason: `meta key '${k.slice(0, 40)}' is not allowed` };
      if (typeof v !== "string" || v.length > META_VALUE_MAX) {
        return { ok: false, reason: `meta.${k} must be a string of at most ${META_VALUE_MAX} characters` };
      }
      meta[k] = v;
    }
  }
  return { ok: true, doc: meta ? { v: 1, blobs, meta } : { v: 1, blobs } };
}
function acKeyFor(cacheKey) {
  if (AC_KEY_PATTERN.test(cacheKey) && !cacheKey.startsWith("sha256-")) return cacheKey;
  return "sha256-" + createHash5("sha256").update(cacheKey, "utf8").digest("hex");
}
var ARTIFACT_BLOB_NAME = "artifact";
var HttpFailure = class extends Error {
};
function createRemoteCache(options) {
  const base = options.url.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 3e4;
  const warn = options.warn;
  let agent;
  let readsOff = false;
  let writesOff = false;
  let validUrl = true;
  try {
    const u = new URL(base);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("not http(s)");
  } catch {
    validUrl = false;
  }
  function dispatcher() {
    agent ??= new import_undici.Agent({
      connect: { timeout: timeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      keepAliveTimeout: 4e3
    });
    return agent;
  }
  function headers(extra) {
    const h = { ...extra };
    if (options.token) h.authorization = `Bearer ${options.token}`;
    return h;
  }
  async function exchange(method, path2, body, contentType) {
    try {
      const res = await (0, import_undici.request)(`${base}${path2}`, {
        method,
        dispatcher: dispatcher(),
        headers: headers(body ? { "content-type": contentType ?? "application/octet-stream" } : void 0),
        body: body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : void 0,
        signal: AbortSignal.timeout(timeoutMs)
      });
      const buf = method === "HEAD" ? Buffer.alloc(0) : Buffer.from(await res.body.arrayBuffer());
      if (method === "HEAD") await res.body.dump();
      return { status: res.statusCode, body: buf };
    } catch (e) {
      const err = e;
      const why = err.name === "TimeoutError" || err.name === "AbortError" ? `timed out after ${timeoutMs} ms` : err.code ?? err.message;
      throw new HttpFailure(why);
    }
  }
  function transportDown(what, e) {
    readsOff = true;
    writesOff = true;
    warn(
      `remote cache: ${what} failed (${e.message}); not using ${base} for the rest of this run`
    );
  }
  function statusProblem(what, r, forWrite) {
    if (r.status === 401 || r.status === 403) {
      const why = r.status === 401 ? "the token is missing or not accepted" : "the token may not do this";
      if (forWrite) writesOff = true;
      else readsOff = true;
      warn(
        `remote cache: ${what} refused with ${r.status} (${why}); ${forWrite ? "not writing" : "not reading"} to ${base} again in this run`
      );
      return;
    }
    warn(
      `remote cache: ${what} answered ${r.status}; treating it as a ${forWrite ? "skipped write" : "miss"}`
    );
  }
  async function get(key) {
    if (!validUrl) return invalidUrl();
    if (readsOff) return void 0;
    const ac = acKeyFor(key);
    let r;
    try {
      r = await exchange("GET", `/cache/ac/${ac}`);
    } catch (e) {
      transportDown("lookup", e);
      return void 0;
    }
    if (r.status === 404) return void 0;
    if (r.status !== 200) {
      statusProblem("lookup", r, false);
      return void 0;
    }
    const parsed = parseAcDocument(r.body.toString("utf8"));
    if (!parsed.ok) {
      warn(`remote cache: the entry for ${ac} is malformed (${parsed.reason}); treating it as a miss`);
      return void 0;
    }
    const blob = parsed.doc.blobs.find((b2) => b2.name === ARTIFACT_BLOB_NAME) ?? parsed.doc.blobs[0];
    let b;
    try {
      b = await exchange("GET", `/cache/cas/${blob.digest}`);
    } catch (e) {
      transportDown("download", e);
      return void 0;
    }
    if (b.status === 404) return void 0;
    if (b.status !== 200) {
      statusProblem("download", b, false);
      return void 0;
    }
    const actual = createHash5("sha256").update(b.body).digest("hex");
    if (actual !== blob.digest || b.body.length !== blob.size) {
      warn(
        `remote cache: downloaded blob for ${ac} is corrupt (sha256 ${actual}, ${b.body.length} bytes; expected ${blob.digest}, ${blob.size} bytes); treating it as a miss`
      );
      return void 0;
    }
    return new Uint8Array(b.body.buffer, b.body.byteOffset, b.body.byteLength);
  }
  async function put(key, bytes) {
    if (!validUrl) return void invalidUrl();
    if (writesOff) return;
    const ac = acKeyFor(key);
    const digest = createHash5("sha256").update(bytes).digest("hex");
    try {
      const head = await exchange("HEAD", `/cache/cas/${digest}`);
      if (head.status !== 200) {
        if (head.status !== 404)
          return statusProblem("blob check", head, head.status === 401 || head.status === 403);
        const up = await exchange("PUT", `/cache/cas/${digest}`, bytes);
        if (up.status < 200 || up.status > 299) return statusProblem("blob upload", up, true);
      }
      const doc = { v: 1, blobs: [{ name: ARTIFACT_BLOB_NAME, digest, size: bytes.byteLength }] };
      const w = await exchange(
        "PUT",
        `/cache/ac/${ac}`,
        Buffer.from(JSON.stringify(doc)),
        "application/json"
      );
      if (w.status < 200 || w.status > 299) return statusProblem("entry upload", w, true);
    } catch (e) {
      transportDown("upload", e);
    }
  }
  let urlWarned = false;
  function invalidUrl() {
    if (!urlWarned) warn(`remote cache: '${options.url}' is not an http(s) URL; the remote cache is off`);
    urlWarned = true;
    return void 0;
  }
  async function close() {
    const a = agent;
    agent = void 0;
    if (a) await a.close().catch(() => void 0);
  }
  return { get, put, close };
}

// src/pipeline/frontend.ts
import { readFileSync as readFileSync8 } from "node:fs";
import { isAbsolute as isAbsolute2, relative as relative6, resolve as resolvePath, sep as sep6 } from "node:path";

// src/project/plan.ts
import { existsSync as existsSync2, readFileSync as readFileSync5 } from "node:fs";
import { basename as basename4, dirname as dirname4, extname, join as join5, relative as relative3, resolve as resolve5, sep as sep3 } from "node:path";

// src/project/discover.ts
import { readdirSync as readdirSync2, readFileSync as readFileSync3, realpathSync, statSync as statSync2 } from "node:fs";
import { basename as basename2, dirname as dirname2, join as join3, resolve as resolve2 } from "node:path";

// src/project/blocks.ts
function isWordChar(c2) {
  return c2 >= 48 && c2 <= 57 || c2 >= 65 && c2 <= 90 || c2 >= 97 && c2 <= 122 || c2 === 95 || c2 === 46 || c2 === 45 || c2 === 47;
}
function lex(text) {
  const out = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c2 = text.charCodeAt(i);
    if (c2 === 32 || c2 === 9 || c2 === 13) {
      i++;
      continue;
    }
    if (c2 === 10) {
      out.push({ kind: 9 /* Newline */, start: i, end: i + 1, text: "\n" });
      i++;
      continue;
    }
    if (c2 === 35 || c2 === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    const start = i;
    const single = (kind) => {
      out.push({ kind, start, end: start + 1, text: text[start] });
      i++;
    };
    switch (c2) {
      case 123:
        single(2 /* LBrace */);
        continue;
      case 125:
        single(3 /* RBrace */);
        continue;
      case 91:
        single(4 /* LBracket */);
        continue;
      case 93:
        single(5 /* RBracket */);
        continue;
      case 61:
        single(6 /* Eq */);
        continue;
      case 44:
        single(7 /* Comma */);
        continue;
      case 59:
        single(8 /* Semi */);
        continue;
      case 34: {
        i++;
        let value = "";
        let closed = false;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 34) {
            closed = true;
            i++;
            break;
          }
          if (d === 10) break;
          if (d === 92 && i + 1 < n && text.charCodeAt(i + 1) !== 10) {
            const e = text[i + 1];
            value += e === "n" ? "\n" : e === "t" ? "	" : e;
            i += 2;
            continue;
          }
          value += text[i];
          i++;
        }
        out.push({ kind: closed ? 1 /* String */ : 11 /* BadString */, start, end: i, text: value });
        continue;
      }
      default:
        if (isWordChar(c2)) {
          while (i < n && isWordChar(text.charCodeAt(i))) {
            if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 47) break;
            i++;
          }
          out.push({ kind: 0 /* Word */, start, end: i, text: text.slice(start, i) });
        } else {
          i += c2 >= 55296 && c2 <= 56319 ? 2 : 1;
          out.push({ kind: 10 /* Bad */, start, end: i, text: text.slice(start, i) });
        }
    }
  }
  out.push({ kind: 12 /* Eof */, start: n, end: n, text: "" });
  return out;
}
var DESCRIBE = {
  [0 /* Word */]: "a word",
  [1 /* String */]: "a string",
  [2 /* LBrace */]: "'{'",
  [3 /* RBrace */]: "'}'",
  [4 /* LBracket */]: "'['",
  [5 /* RBracket */]: "']'",
  [6 /* Eq */]: "'='",
  [7 /* Comma */]: "','",
  [8 /* Semi */]: "';'",
  [9 /* Newline */]: "a line break",
  [10 /* Bad */]: "an unexpected character",
  [11 /* BadString */]: "an unterminated string",
  [12 /* Eof */]: "the end of the file"
};
function parseBlocks(text, file) {
  const index = new LineIndex(text);
  const toks = lex(text);
  const diagnostics = [];
  let p = 0;
  const span = (t3) => ({ file, start: t3.start, end: t3.end });
  const error = (t3, detail, help) => {
    diagnostics.push(
      makeDiagnostic("E3003", { detail, ...help ? { help } : {} }, { span: span(t3), index })
    );
  };
  const peek = () => toks[p];
  const skipNewlines = () => {
    while (toks[p].kind === 9 /* Newline */ || toks[p].kind === 8 /* Semi */) p++;
  };
  const found = (t3) => t3.kind === 0 /* Word */ || t3.kind === 10 /* Bad */ ? `'${t3.text}'` : DESCRIBE[t3.kind];
  const recoverLine = () => {
    while (![9 /* Newline */, 12 /* Eof */, 3 /* RBrace */, 2 /* LBrace */].includes(peek().kind)) p++;
  };
  const reportBadToken = (t3) => {
    if (t3.kind === 11 /* BadString */) {
      error(t3, "unterminated string", "close the string with a double quote on the same line");
      return true;
    }
    if (t3.kind === 10 /* Bad */) {
      error(t3, `unexpected character '${t3.text}'`);
      return true;
    }
    return false;
  };
  const parseValue = () => {
    const t3 = peek();
    if (t3.kind === 1 /* String */) {
      p++;
      return { type: "string", value: t3.text, span: span(t3) };
    }
    if (t3.kind === 0 /* Word */) {
      p++;
      return { type: "word", value: t3.text, span: span(t3) };
    }
    if (t3.kind === 4 /* LBracket */) {
      p++;
      const items = [];
      for (; ; ) {
        while (peek().kind === 9 /* Newline */ || peek().kind === 7 /* Comma */) p++;
        const u = peek();
        if (u.kind === 5 /* RBracket */) {
          p++;
          return { type: "list", items, span: { file, start: t3.start, end: u.end } };
        }
        if (u.kind === 1 /* String */ || u.kind === 0 /* Word */) {
          items.push(
            u.kind === 1 /* String */ ? { type: "string", value: u.text, span: span(u) } : { type: "word", value: u.text, span: span(u) }
          );
          p++;
          continue;
        }
        if (!reportBadToken(u))
          error(u, `expected a list item or ']', found ${found(u)}`, 'lists look like [ "a", "b" ]');
        return void 0;
      }
    }
    if (!reportBadToken(t3))
      error(t3, `expected a value (a quoted string, a word or a [ \u2026 ] list), found ${found(t3)}`);
    return void 0;
  };
  const parseBody = (open) => {
    const entries = [];
    const blocks = [];
    for (; ; ) {
      skipNewlines();
      const t3 = peek();
      if (t3.kind === 3 /* RBrace */) {
        p++;
        return { entries, blocks };
      }
      if (t3.kind === 12 /* Eof */) {
        error(open, "block is never closed", "add a matching '}'");
        return { entries, blocks };
      }
      if (t3.kind !== 0 /* Word */) {
        if (!reportBadToken(t3)) error(t3, `expected 'key = value' or a nested block, found ${found(t3)}`);
        p++;
        recoverLine();
        continue;
      }
      const next = toks[p + 1];
      if (next.kind === 6 /* Eq */) {
        p += 2;
        const value = parseValue();
        if (value) {
          entries.push({ key: t3.text, keySpan: span(t3), value });
          const end = peek();
          if (end.kind === 7 /* Comma */ || end.kind === 8 /* Semi */) p++;
          const after = peek();
          if (after.kind !== 9 /* Newline */ && after.kind !== 3 /* RBrace */ && after.kind !== 12 /* Eof */) {
            if (!reportBadToken(after))
              error(
                after,
                `expected a line break after the value, found ${found(after)}`,
                "write one 'key = value' per line"
              );
          }
        }
        recoverLine();
        continue;
      }
      const block = parseBlock();
      if (block) blocks.push(block);
    }
  };
  const parseBlock = () => {
    const kindTok = peek();
    p++;
    let labelTok;
    if (peek().kind === 1 /* String */) {
      labelTok = peek();
      p++;
    }
    const open = peek();
    if (open.kind !== 2 /* LBrace */) {
      if (!reportBadToken(open)) {
        error(
          open,
          `expected '{' to open the '${kindTok.text}' block${labelTok ? "" : " (or a quoted label)"}, found ${found(open)}`,
          'blocks look like: kind "label" { key = value }'
        );
      }
      recoverLine();
      if (peek().kind !== 2 /* LBrace */) return void 0;
    }
    const bodyOpen = peek();
    p++;
    const { entries, blocks } = parseBody(bodyOpen);
    return {
      kind: kindTok.text,
      kindSpan: span(kindTok),
      ...labelTok ? { label: labelTok.text, labelSpan: span(labelTok) } : {},
      entries,
      blocks
    };
  };
  const top = [];
  for (; ; ) {
    skipNewlines();
    const t3 = peek();
    if (t3.kind === 12 /* Eof */) break;
    if (t3.kind === 0 /* Word */) {
      const b = parseBlock();
      if (b) top.push(b);
      continue;
    }
    if (!reportBadToken(t3)) error(t3, `expected a block such as 'project {', found ${found(t3)}`);
    p++;
    recoverLine();
  }
  return { file, index, blocks: top, diagnostics };
}

// src/project/manifest.ts
var PROJECT_TYPES = ["Host", "Aggregate", "Mod", "Template"];
var TARGET_KINDS = ["App", "Lib", "Test"];
var SOURCES = ["path", "git", "registry"];
var Checker = class {
  constructor(src) {
    this.src = src;
    this.diagnostics = [...src.diagnostics];
  }
  src;
  diagnostics;
  error(span, detail, help, code = "E3004") {
    this.diagnostics.push(
      makeDiagnostic(code, { detail, ...help ? { help } : {} }, { span, index: this.src.index })
    );
  }
  warnKey(e, where, known) {
    this.diagnostics.push(
      makeDiagnostic(
        "W3012",
        { detail: `'${e.key}' in ${where}`, help: `known keys: ${known.join(", ")}` },
        { span: e.keySpan, index: this.src.index }
      )
    );
  }
  fileStart() {
    return { file: this.src.file, start: 0, end: 0 };
  }
  /**
   * Reads the entries of a block as scalars; reports duplicates, lists where a scalar is
   * expected, and unknown keys (warnings). Returns key → value.
   */
  scalars(block, where, known) {
    const out = /* @__PURE__ */ new Map();
    for (const e of block.entries) {
      if (!known.includes(e.key)) {
        this.warnKey(e, where, known);
        continue;
      }
      if (out.has(e.key)) {
        this.error(e.keySpan, `'${e.key}' is given twice in ${where}`);
        continue;
      }
      if (e.value.type === "list") {
        this.error(e.value.span, `'${e.key}' takes a single value, not a list`);
        continue;
      }
      out.set(e.key, { value: e.value.value, span: e.value.span, word: e.value.type === "word" });
    }
    return out;
  }
  require(values, key, block, where) {
    const v = values.get(key);
    if (!v) this.error(block.labelSpan ?? block.kindSpan, `${where} has no '${key}'`, `add ${key} = \u2026`);
    return v;
  }
  oneOf(v, allowed, what) {
    if (allowed.includes(v.value)) return v.value;
    this.error(v.span, `${what} '${v.value}' is not one of ${allowed.join(", ")}`);
    return void 0;
  }
  label(block, what) {
    if (block.label === void 0 || block.labelSpan === void 0) {
      this.error(block.kindSpan, `${what} block needs a quoted label`, `write ${block.kind} "Name" { \u2026 }`);
      return void 0;
    }
    if (block.label.length === 0) {
      this.error(block.labelSpan, `${what} label is empty`);
      return void 0;
    }
    return { label: block.label, span: block.labelSpan };
  }
  unique(seen, label, span, what) {
    if (seen.has(label)) {
      this.error(span, `${what} '${label}' is declared twice`);
      return false;
    }
    seen.set(label, span);
    return true;
  }
};
function entryProblem(entry) {
  if (entry.length === 0) return "is empty";
  if (entry.startsWith("/") || entry.startsWith("\\") || /^[A-Za-z]:/.test(entry))
    return "must be relative to the source root, not absolute";
  if (entry.split(/[\\/]/).includes("..")) return "must not contain '..'";
  return void 0;
}
function manifestGeneration(file) {
  if (file.endsWith(".bproj")) return "bproj";
  if (file.endsWith(".bws")) return "bws";
  return "proj";
}
var PROJECT_KEYS = ["name", "version", "root", "type", "root_namespace", "readme"];
var TARGET_KEYS = ["kind", "entry"];
var DEP_KEYS = ["source", "path", "url", "rev", "version", "registry"];
function parseProjectManifest(text, file) {
  const src = parseBlocks(text, file);
  const c2 = new Checker(src);
  const generation = manifestGeneration(file) === "bproj" ? "bproj" : "proj";
  const children = /* @__PURE__ */ new Set(["target", "dependency"]);
  const roots = [];
  const loose = [];
  for (const b of src.blocks) {
    if (b.kind === "project" || generation === "bproj" && !children.has(b.kind) && b.label === void 0)
      roots.push(b);
    else if (children.has(b.kind)) loose.push(b);
    else
      c2.error(
        b.kindSpan,
        `unknown block '${b.kind}'`,
        `a project manifest holds one project block, target "\u2026" and dependency "\u2026" blocks`
      );
  }
  if (roots.length === 0) {
    const hint = generation === "bproj" ? "start the file with `<Name> { name = \u2026 }` or `project { \u2026 }`" : "start the file with `project { name = \u2026 version = \u2026 }`";
    c2.error(src.blocks[0]?.kindSpan ?? c2.fileStart(), "no project block", hint);
    return { value: void 0, diagnostics: c2.diagnostics };
  }
  for (const extra of roots.slice(1))
    c2.error(extra.kindSpan, "a manifest has exactly one project block; this is a second one");
  const root = roots[0];
  if (root.label !== void 0 && root.labelSpan) c2.error(root.labelSpan, "the project block takes no label");
  const v = c2.scalars(root, "the project block", PROJECT_KEYS);
  const name = c2.require(v, "name", root, "the project block");
  const version = c2.require(v, "version", root, "the project block");
  const typeV = v.get("type");
  const type = typeV && c2.oneOf(typeV, PROJECT_TYPES, "project type") || "Host";
  const blocks = [...root.blocks, ...loose].sort((a, b) => a.kindSpan.start - b.kindSpan.start);
  const targets = [];
  const dependencies = [];
  const seenTargets = /* @__PURE__ */ new Map();
  const seenDeps = /* @__PURE__ */ new Map();
  let targetBlocks = 0;
  let depBlocks = 0;
  for (const b of blocks) {
    if (b.kind === "target") {
      targetBlocks++;
      const l = c2.label(b, "a target");
      const tv = c2.scalars(b, `target "${b.label ?? ""}"`, TARGET_KEYS);
      const kindV = c2.require(tv, "kind", b, `target "${b.label ?? ""}"`);
      const kind = kindV && c2.oneOf(kindV, TARGET_KINDS, "target kind");
      const entryV = tv.get("entry");
      if (entryV) {
        const problem = entryProblem(entryV.value);
        if (problem) c2.error(entryV.span, `entry '${entryV.value}' ${problem}`);
      } else if (kind && !(kind === "Lib" && generation === "bproj")) {
        c2.error(
          b.labelSpan ?? b.kindSpan,
          `target "${b.label ?? ""}" has no 'entry'`,
          'add entry = "Main.bd" (relative to the source root)'
        );
      }
      if (l && c2.unique(seenTargets, l.label, l.span, "target") && kind) {
        targets.push({
          label: l.label,
          kind,
          ...entryV ? { entry: entryV.value, entrySpan: entryV.span } : {},
          labelSpan: l.span
        });
      }
    } else if (b.kind === "dependency") {
      depBlocks++;
      const l = c2.label(b, "a dependency");
      const where = `dependency "${b.label ?? ""}"`;
      const dv = c2.scalars(b, where, DEP_KEYS);
      const sourceV = c2.require(dv, "source", b, where);
      const source = sourceV && c2.oneOf(sourceV, SOURCES, "dependency source");
      if (source === "path") c2.require(dv, "path", b, where);
      if (source === "git") {
        c2.require(dv, "url", b, where);
        c2.require(dv, "rev", b, where);
      }
      if (source === "registry") c2.require(dv, "version", b, where);
      const ok = source === "path" ? dv.has("path") : source === "git" ? dv.has("url") && dv.has("rev") : dv.has("version");
      if (l && c2.unique(seenDeps, l.label, l.span, "dependency") && source && sourceV && ok) {
        const get = (k) => dv.get(k)?.value;
        dependencies.push({
          alias: l.label,
          source,
          ...get("path") !== void 0 ? { path: get("path"), pathSpan: dv.get("path").span } : {},
          ...get("url") !== void 0 ? { url: get("url") } : {},
          ...get("rev") !== void 0 ? { rev: get("rev") } : {},
          ...get("version") !== void 0 ? { version: get("version") } : {},
          ...get("registry") !== void 0 ? { registry: get("registry") } : {},
          labelSpan: l.span,
          sourceSpan: sourceV.span
        });
      }
    } else {
      c2.error(
        b.kindSpan,
        `unknown block '${b.kind}' inside the project block`,
        'expected target "\u2026" or dependency "\u2026"'
      );
    }
  }
  if (type === "Aggregate") {
    if (depBlocks === 0) c2.error(root.kindSpan, "an Aggregate project needs at least one dependency");
  } else if (targetBlocks === 0) {
    c2.error(
      root.kindSpan,
      "a project needs at least one target",
      'add target "App" { kind = App entry = "Main.bd" }'
    );
  }
  const rootFolder = v.get("root")?.value ?? "Src";
  const rootV = v.get("root");
  if (rootV) {
    const problem = rootFolder.length === 0 ? "is empty" : rootFolder.startsWith("/") || /^[A-Za-z]:/.test(rootFolder) ? "must be relative to the project folder" : void 0;
    if (problem) c2.error(rootV.span, `root '${rootFolder}' ${problem}`);
  }
  if (!name || !version) return { value: void 0, diagnostics: c2.diagnostics };
  const rn = v.get("root_namespace")?.value;
  const readme = v.get("readme")?.value;
  return {
    value: {
      role: "project",
      file,
      generation,
      name: name.value,
      version: version.value,
      root: rootFolder,
      type,
      ...rn !== void 0 ? { rootNamespace: rn } : {},
      ...readme !== void 0 ? { readme } : {},
      targets,
      dependencies,
      rootSpan: root.kindSpan,
      source: src
    },
    diagnostics: c2.diagnostics
  };
}
var WS_KEYS = ["name", "resolver", "defaultTestMember"];
var MEMBER_KEYS = ["path"];
function parseWorkspaceManifest(text, file) {
  const src = parseBlocks(text, file);
  const c2 = new Checker(src);
  const generation = manifestGeneration(file) === "bws" ? "bws" : "proj";
  const children = /* @__PURE__ */ new Set(["member", "override", "registry"]);
  const roots = [];
  const loose = [];
  for (const b of src.blocks) {
    if (b.kind === "workspace" || generation === "bws" && !children.has(b.kind) && b.label === void 0)
      roots.push(b);
    else if (children.has(b.kind)) loose.push(b);
    else
      c2.error(
        b.kindSpan,
        `unknown block '${b.kind}'`,
        "a workspace manifest holds one workspace block, member, override and registry blocks"
      );
  }
  if (roots.length === 0) {
    c2.error(
      src.blocks[0]?.kindSpan ?? c2.fileStart(),
      "no workspace block",
      "start the file with `workspace { name = \u2026 }`"
    );
    return { value: void 0, diagnostics: c2.diagnostics };
  }
  for (const extra of roots.slice(1))
    c2.error(extra.kindSpan, "a workspace manifest has exactly one workspace block; this is a second one");
  const root = roots[0];
  const v = c2.scalars(root, "the workspace block", WS_KEYS);
  const name = c2.require(v, "name", root, "the workspace block");
  const resolverV = v.get("resolver");
  if (resolverV) c2.oneOf(resolverV, ["v1"], "resolver");
  const members = [];
  const overrides = [];
  const registries = [];
  const seenMembers = /* @__PURE__ */ new Map();
  const seenOverrides = /* @__PURE__ */ new Map();
  const seenRegistries = /* @__PURE__ */ new Map();
  const blocks = [...root.blocks, ...loose].sort((a, b) => a.kindSpan.start - b.kindSpan.start);
  for (const b of blocks) {
    if (b.kind === "member") {
      const l = c2.label(b, "a member");
      const mv = /* @__PURE__ */ new Map();
      for (const e of b.entries) {
        if (e.key === "path" && e.value.type !== "list")
          mv.set("path", { value: e.value.value, span: e.value.span });
        else if (!MEMBER_KEYS.includes(e.key)) c2.warnKey(e, `member "${b.label ?? ""}"`, MEMBER_KEYS);
        else c2.error(e.value.span, "'path' takes a single value, not a list");
      }
      const path2 = c2.require(mv, "path", b, `member "${b.label ?? ""}"`);
      if (l && c2.unique(seenMembers, l.label, l.span, "member") && path2) {
        members.push({ label: l.label, path: path2.value, labelSpan: l.span, pathSpan: path2.span });
      }
    } else if (b.kind === "override") {
      const l = c2.label(b, "an override");
      const ov = c2.scalars(b, `override "${b.label ?? ""}"`, ["version"]);
      const ver = c2.require(ov, "version", b, `override "${b.label ?? ""}"`);
      if (l && c2.unique(seenOverrides, l.label, l.span, "override") && ver)
        overrides.push({ dep: l.label, version: ver.value });
    } else if (b.kind === "registry") {
      const l = c2.label(b, "a registry");
      const rv = c2.scalars(b, `registry "${b.label ?? ""}"`, ["url"]);
      const url = c2.require(rv, "url", b, `registry "${b.label ?? ""}"`);
      if (l && c2.unique(seenRegistries, l.label, l.span, "registry") && url)
        registries.push({ name: l.label, url: url.value });
    } else {
      c2.error(
        b.kindSpan,
        `unknown block '${b.kind}' inside the workspace block`,
        "expected member, override or registry"
      );
    }
  }
  const dtm = v.get("defaultTestMember");
  if (dtm && !seenMembers.has(dtm.value)) {
    c2.error(
      dtm.span,
      `defaultTestMember '${dtm.value}' is not a member`,
      `members: ${[...seenMembers.keys()].join(", ") || "(none)"}`
    );
  }
  if (!name) return { value: void 0, diagnostics: c2.diagnostics };
  return {
    value: {
      role: "workspace",
      file,
      generation,
      name: name.value,
      resolver: resolverV?.value ?? "v1",
      ...dtm ? { defaultTestMember: dtm.value } : {},
      members,
      overrides,
      registries,
      rootSpan: root.kindSpan,
      source: src
    },
    diagnostics: c2.diagnostics
  };
}

// src/project/discover.ts
function isProjectManifestName(name) {
  return name === "Project.proj" || name.endsWith(".bproj") && name.length > ".bproj".length;
}
function isWorkspaceManifestName(name) {
  return name === "Workspace.proj" || name.endsWith(".bws") && name.length > ".bws".length;
}
function listNames(dir) {
  try {
    return readdirSync2(dir);
  } catch {
    return [];
  }
}
function manifestsIn(dir, older, isRole) {
  const names = listNames(dir).filter(isRole);
  names.sort((a, b) => a === older ? -1 : b === older ? 1 : a < b ? -1 : a > b ? 1 : 0);
  return names.filter((n) => isFile(join3(dir, n))).map((n) => join3(dir, n));
}
function projectManifestsIn(dir) {
  return manifestsIn(dir, "Project.proj", isProjectManifestName);
}
function workspaceManifestsIn(dir) {
  return manifestsIn(dir, "Workspace.proj", isWorkspaceManifestName);
}
function isFile(p) {
  try {
    return statSync2(p).isFile();
  } catch {
    return false;
  }
}
function isDir(p) {
  try {
    return statSync2(p).isDirectory();
  } catch {
    return false;
  }
}
function canonical(p) {
  try {
    return realpathSync(p);
  } catch {
    return resolve2(p);
  }
}
function findUp(start, pick2) {
  let dir = resolve2(start);
  for (; ; ) {
    const found = pick2(dir);
    if (found.length) return found;
    const up = dirname2(dir);
    if (up === dir) return void 0;
    dir = up;
  }
}
function chooseManifest(found, diagnostics) {
  if (found.length > 1) {
    diagnostics.push(
      makeDiagnostic(
        "W3013",
        {
          detail: `using ${basename2(found[0])}; ignoring ${found.slice(1).map((f) => basename2(f)).join(", ")}`
        },
        { file: found[0] }
      )
    );
  }
  return found[0];
}
var ManifestLoader = class {
  constructor(diagnostics) {
    this.diagnostics = diagnostics;
  }
  diagnostics;
  projects = /* @__PURE__ */ new Map();
  workspaces = /* @__PURE__ */ new Map();
  /** Every manifest read, in first-read order (for cache-key inputs). */
  read = [];
  text(file) {
    try {
      const t3 = readFileSync3(file, "utf8");
      this.read.push(file);
      return t3;
    } catch (e) {
      this.diagnostics.push(
        makeDiagnostic("E9001", { detail: `${file}: ${e.message}` }, { file })
      );
      return void 0;
    }
  }
  project(file) {
    const key = canonical(file);
    if (!this.projects.has(key)) {
      const text = this.text(key);
      let value;
      if (text !== void 0) {
        const r = parseProjectManifest(text, key);
        this.diagnostics.push(...r.diagnostics);
        value = r.value;
      }
      this.projects.set(key, value);
    }
    return this.projects.get(key);
  }
  workspace(file) {
    const key = canonical(file);
    if (!this.workspaces.has(key)) {
      const text = this.text(key);
      let value;
      if (text !== void 0) {
        const r = parseWorkspaceManifest(text, key);
        this.diagnostics.push(...r.diagnostics);
        value = r.value;
      }
      this.workspaces.set(key, value);
    }
    return this.workspaces.get(key);
  }
};

// src/project/graph.ts
import { basename as basename3, dirname as dirname3, resolve as resolve3 } from "node:path";
function dependencyManifest(fromDir, dep, diagnostics) {
  const target = resolve3(fromDir, dep.path);
  if (isDir(target)) {
    const found = projectManifestsIn(target);
    return found.length ? chooseManifest(found, diagnostics) : void 0;
  }
  if (isFile(target) && isProjectManifestName(basename3(target))) return target;
  return void 0;
}
function nodeFor(manifest) {
  const projectDir = dirname3(manifest.file);
  return {
    name: manifest.name,
    manifestPath: manifest.file,
    projectDir,
    sourceRoot: resolve3(projectDir, manifest.root),
    manifest
  };
}
function buildGraph(host, loader, diagnostics) {
  const nodes = /* @__PURE__ */ new Map();
  const stack = [];
  const visit = (manifest) => {
    const key = manifest.file;
    const existing = nodes.get(key);
    if (existing) return existing;
    const base = nodeFor(manifest);
    const deps = [];
    const node = { ...base, deps };
    nodes.set(key, node);
    stack.push(key);
    const index = manifest.source.index;
    for (const dep of manifest.dependencies) {
      if (dep.source !== "path") {
        const where = dep.source === "git" ? `url ${dep.url ?? "?"} at ${dep.rev ?? "?"}` : `version ${dep.version ?? "?"}${dep.registry ? ` from ${dep.registry}` : ""}`;
        diagnostics.push(
          makeDiagnostic(
            "E3011",
            {
              detail: `dependency "${dep.alias}" of ${manifest.name} uses source = ${dep.source} (${where})`,
              help: "only source = path dependencies are resolved by beskid-ci; vendor the dependency and point a path at it"
            },
            { span: dep.sourceSpan, index }
          )
        );
        continue;
      }
      const found = dependencyManifest(base.projectDir, dep, diagnostics);
      if (!found) {
        diagnostics.push(
          makeDiagnostic(
            "E3006",
            {
              detail: `dependency "${dep.alias}": no Project.proj or *.bproj at ${resolve3(base.projectDir, dep.path)}`
            },
            { span: dep.pathSpan ?? dep.labelSpan, index }
          )
        );
        continue;
      }
      const target = canonical(found);
      const at = stack.indexOf(target);
      if (at >= 0) {
        const chain = [...stack.slice(at), target].map((k) => nodes.get(k).name);
        diagnostics.push(
          makeDiagnostic(
            "E3007",
            { detail: chain.join(" -> "), help: "remove one of these dependencies to break the cycle" },
            { span: dep.labelSpan, index }
          )
        );
        continue;
      }
      const depManifest = loader.project(target);
      if (!depManifest) continue;
      deps.push({ alias: dep.alias, to: depManifest.file });
      visit(depManifest);
    }
    stack.pop();
    return node;
  };
  const hostNode = visit(host);
  return { nodes: topological([...nodes.values()]), host: hostNode };
}
function topological(all) {
  const byPath = [...all].sort(
    (a, b) => a.manifestPath < b.manifestPath ? -1 : a.manifestPath > b.manifestPath ? 1 : 0
  );
  const done = /* @__PURE__ */ new Set();
  const out = [];
  while (out.length < byPath.length) {
    const next = byPath.find((n) => !done.has(n.manifestPath) && n.deps.every((d) => done.has(d.to)));
    const pick2 = next ?? byPath.find((n) => !done.has(n.manifestPath));
    done.add(pick2.manifestPath);
    out.push(pick2);
  }
  return out;
}

// src/project/lock.ts
import { isAbsolute, relative, resolve as resolve4, sep } from "node:path";
var LOCK_HEADER = "# Project.lock v1";
function rel(projectDir, p) {
  const r = relative(projectDir, p);
  return (r === "" ? "." : r).split(sep).join("/");
}
function entryLine(projectDir, e) {
  return `- name=${e.name};manifest=${rel(projectDir, e.manifest)};project=${rel(projectDir, e.project)};source_root=${rel(projectDir, e.sourceRoot)};materialized_root=${rel(projectDir, e.materializedRoot)}`;
}
function renderLock(projectDir, lock) {
  const lines = [...new Set(lock.dependencies.map((e) => entryLine(projectDir, e)))].sort();
  return [
    LOCK_HEADER,
    `root_manifest=${rel(projectDir, lock.rootManifest)}`,
    `project_name=${lock.projectName}`,
    "dependencies:",
    ...lines,
    ""
  ].join("\n");
}
var ENTRY_KEYS = ["name", "manifest", "project", "source_root", "materialized_root"];
function parseLock(text, file, projectDir) {
  const index = new LineIndex(text);
  const diagnostics = [];
  const abs = (p) => isAbsolute(p) ? resolve4(p) : resolve4(projectDir, p);
  let offset = 0;
  let rootManifest;
  let projectName;
  let sawHeader = false;
  let inDeps = false;
  const deps = [];
  const bad = (start, length, detail) => {
    diagnostics.push(
      makeDiagnostic("E3021", { detail }, { span: { file, start, end: start + length }, index })
    );
  };
  const rawLines = text.split("\n");
  for (let i = 0; i < rawLines.length; i++) {
    const raw = rawLines[i];
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const at = offset;
    offset += raw.length + 1;
    if (line.trim() === "") continue;
    if (!sawHeader) {
      if (line !== LOCK_HEADER) {
        bad(at, line.length, `the first line must be '${LOCK_HEADER}', found '${line}'`);
        return { diagnostics };
      }
      sawHeader = true;
      continue;
    }
    if (!inDeps && line.startsWith("root_manifest=")) {
      rootManifest = line.slice("root_manifest=".length);
    } else if (!inDeps && line.startsWith("project_name=")) {
      projectName = line.slice("project_name=".length);
    } else if (!inDeps && line === "dependencies:") {
      inDeps = true;
    } else if (inDeps && line.startsWith("- ")) {
      const fields = /* @__PURE__ */ new Map();
      for (const part of line.slice(2).split(";")) {
        const eq = part.indexOf("=");
        if (eq <= 0) continue;
        fields.set(part.slice(0, eq), part.slice(eq + 1));
      }
      const missing = ENTRY_KEYS.filter((k) => !fields.has(k));
      if (missing.length) {
        bad(at, line.length, `dependency entry lacks ${missing.join(", ")}`);
        continue;
      }
      deps.push({
        name: fields.get("name"),
        manifest: abs(fields.get("manifest")),
        project: abs(fields.get("project")),
        sourceRoot: abs(fields.get("source_root")),
        materializedRoot: abs(fields.get("materialized_root"))
      });
    } else {
      bad(at, line.length, `unexpected line '${line}'`);
    }
  }
  if (!sawHeader) bad(0, 0, `the lock is empty; the first line must be '${LOCK_HEADER}'`);
  else if (rootManifest === void 0 || projectName === void 0 || !inDeps) {
    const what = [
      rootManifest === void 0 ? "root_manifest=" : "",
      projectName === void 0 ? "project_name=" : "",
      inDeps ? "" : "dependencies:"
    ].filter(Boolean).join(", ");
    bad(0, 0, `missing ${what}`);
  }
  if (diagnostics.length) return { diagnostics };
  return {
    lock: { rootManifest: abs(rootManifest), projectName, dependencies: deps },
    diagnostics
  };
}
function sameLock(projectDir, a, b) {
  return renderLock(projectDir, a) === renderLock(projectDir, b);
}
function decideLock(mode, lockPath, projectDir, expected, current) {
  const text = renderLock(projectDir, expected);
  if (current === void 0) {
    if (mode === "default") return { action: "write", text, reason: "missing" };
    return {
      action: "fail",
      diagnostics: [
        makeDiagnostic(
          "E3023",
          {
            detail: `${lockPath} does not exist (--${mode})`,
            help: "run once without --locked/--frozen and commit Project.lock"
          },
          { file: lockPath }
        )
      ]
    };
  }
  if (current === text) return { action: "none" };
  const parsed = parseLock(current, lockPath, projectDir);
  if (!parsed.lock) return { action: "fail", diagnostics: parsed.diagnostics };
  if (sameLock(projectDir, parsed.lock, expected)) return { action: "none" };
  if (mode === "default") return { action: "write", text, reason: "stale" };
  const diff = describeDiff(projectDir, parsed.lock, expected);
  const code = mode === "locked" ? "E3022" : "E3023";
  return {
    action: "fail",
    diagnostics: [
      makeDiagnostic(
        code,
        {
          detail: `${lockPath} does not match the manifests${mode === "frozen" ? " and may not be rewritten (--frozen)" : " (--locked)"}`,
          notes: diff,
          help: "run once without --locked/--frozen and commit the updated Project.lock"
        },
        { file: lockPath, start: { line: 1, column: 1 } }
      )
    ]
  };
}
function describeDiff(projectDir, have, want) {
  const h = renderLock(projectDir, have).split("\n");
  const w = renderLock(projectDir, want).split("\n");
  const hs = new Set(h);
  const ws = new Set(w);
  return [
    ...w.filter((l) => l && !hs.has(l)).map((l) => `expected: ${l}`),
    ...h.filter((l) => l && !ws.has(l)).map((l) => `found:    ${l}`)
  ];
}

// src/project/materialize.ts
import { readdirSync as readdirSync3, readFileSync as readFileSync4, rmdirSync, rmSync as rmSync3 } from "node:fs";
import { join as join4, relative as relative2, sep as sep2 } from "node:path";
var DEPS_DIR = join4("obj", "beskid", "deps", "src");
function materializedDir(hostDir, dep) {
  const key = relative2(hostDir, dep.manifestPath).split(sep2).join("/");
  return join4(hostDir, DEPS_DIR, `${dep.name}-${sha256Hex(key).slice(0, 12)}`);
}
function materializedRoot(hostDir, dep) {
  return join4(materializedDir(hostDir, dep), "src");
}
function listBd(dir, skip) {
  const out = [];
  const walk = (d, rel2) => {
    let entries;
    try {
      entries = readdirSync3(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join4(d, e.name);
      const r = rel2 ? `${rel2}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name.startsWith(".") || skip.has(p)) continue;
        walk(p, r);
      } else if (e.isFile() && e.name.endsWith(".bd")) {
        out.push(r);
      }
    }
  };
  walk(dir, "");
  return out.sort();
}
function listAll(dir) {
  const files = [];
  const dirs = [];
  const walk = (d, rel2) => {
    let entries;
    try {
      entries = readdirSync3(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel2 ? `${rel2}/${e.name}` : e.name;
      if (e.isDirectory()) {
        walk(join4(d, e.name), r);
        dirs.push(r);
      } else files.push(r);
    }
  };
  walk(dir, "");
  return { files, dirs };
}
function syncTree(src, dest, stats, skip = /* @__PURE__ */ new Set()) {
  const wanted = listBd(src, skip);
  const wantedSet = new Set(wanted);
  for (const rel2 of wanted) {
    const from = join4(src, ...rel2.split("/"));
    const to = join4(dest, ...rel2.split("/"));
    const bytes = readFileSync4(from);
    let same = false;
    try {
      same = readFileSync4(to).equals(bytes);
    } catch {
      same = false;
    }
    if (same) stats.unchanged++;
    else {
      writeFileAtomic(to, bytes);
      stats.written++;
    }
  }
  const have = listAll(dest);
  for (const rel2 of have.files) {
    if (!wantedSet.has(rel2)) {
      rmSync3(join4(dest, ...rel2.split("/")), { force: true });
      stats.deleted++;
    }
  }
  for (const rel2 of have.dirs.sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(join4(dest, ...rel2.split("/")));
    } catch {
    }
  }
}
function materializeAll(hostDir, deps) {
  const stats = { written: 0, deleted: 0, unchanged: 0 };
  const keep = /* @__PURE__ */ new Set();
  for (const dep of deps) {
    const dir = materializedDir(hostDir, dep);
    keep.add(dir);
    const skip = /* @__PURE__ */ new Set([join4(dep.projectDir, "obj")]);
    syncTree(dep.sourceRoot, join4(dir, "src"), stats, skip);
    syncTree(join4(dep.sourceRoot, "..", ".generated"), join4(dir, ".generated"), stats, skip);
  }
  const base = join4(hostDir, DEPS_DIR);
  let existing = [];
  try {
    existing = readdirSync3(base);
  } catch {
    existing = [];
  }
  for (const name of existing) {
    const p = join4(base, name);
    if (!keep.has(p)) {
      rmSync3(p, { recursive: true, force: true });
      stats.deleted++;
    }
  }
  return stats;
}

// src/project/plan.ts
var STD_ALIASES = ["Std", "corelib"];
function fail(diagnostics) {
  return { value: void 0, diagnostics };
}
function within(parent, child) {
  const r = relative3(parent, child);
  return r === "" || !r.startsWith("..") && !r.startsWith(sep3) && !/^[A-Za-z]:/.test(r);
}
function selectMember(ws, req, inputPath, diagnostics) {
  const wsDir = dirname4(ws.file);
  const index = ws.source.index;
  if (ws.members.length === 0) {
    diagnostics.push(
      makeDiagnostic(
        "E3014",
        { detail: `workspace ${ws.name} has no members` },
        { span: ws.rootSpan, index }
      )
    );
    return void 0;
  }
  let chosen = ws.members[0];
  if (req.workspaceMember !== void 0) {
    const m = ws.members.find((x) => x.label === req.workspaceMember);
    if (!m) {
      diagnostics.push(
        makeDiagnostic(
          "E3014",
          {
            detail: `'${req.workspaceMember}' in workspace ${ws.name}`,
            notes: [`members: ${ws.members.map((x) => x.label).join(", ")}`]
          },
          { file: ws.file }
        )
      );
      return void 0;
    }
    chosen = m;
  } else {
    const containing = inputPath ? ws.members.map((m) => ({ m, dir: resolve5(wsDir, m.path) })).filter((x) => within(isFile(x.dir) ? dirname4(x.dir) : x.dir, inputPath)).sort((a, b) => b.dir.length - a.dir.length)[0]?.m : void 0;
    const dtm = req.command === "test" && ws.defaultTestMember ? ws.members.find((x) => x.label === ws.defaultTestMember) : void 0;
    chosen = containing ?? dtm ?? chosen;
  }
  const target = resolve5(wsDir, chosen.path);
  let manifest;
  if (isDir(target)) {
    const found = projectManifestsIn(target);
    if (found.length) manifest = chooseManifest(found, diagnostics);
  } else if (isFile(target) && isProjectManifestName(basename4(target))) manifest = target;
  if (!manifest) {
    diagnostics.push(
      makeDiagnostic(
        "E3001",
        { detail: `member "${chosen.label}": no Project.proj or *.bproj at ${target}` },
        { span: chosen.pathSpan, index }
      )
    );
    return void 0;
  }
  return { manifest, member: chosen.label };
}
function noWorkspace(member, where, above) {
  const place = `${where}${above ? " or any folder above it" : ""}`;
  return makeDiagnostic(
    "E3014",
    { detail: `--workspace-member ${member} was given, but there is no Workspace.proj or *.bws in ${place}` },
    void 0
  );
}
function locate(req, loader, diagnostics) {
  let explicit = req.project !== void 0 ? resolve5(req.cwd, req.project) : void 0;
  let inputFile;
  if (req.input !== void 0) {
    const p = resolve5(req.cwd, req.input);
    if (extname(p) === ".bd") {
      if (!isFile(p)) {
        diagnostics.push(
          makeDiagnostic("E9001", { detail: `${req.input} is not a readable file` }, { file: p })
        );
        return void 0;
      }
      inputFile = canonical(p);
    } else if (explicit === void 0 && (isDir(p) || isFile(p))) {
      explicit = p;
    } else {
      diagnostics.push(
        makeDiagnostic(
          "E9001",
          { detail: `${req.input} is neither a .bd file nor a project folder or manifest` },
          { file: p }
        )
      );
      return void 0;
    }
  }
  const fromWorkspace = (wsFile) => {
    const ws = loader.workspace(wsFile);
    if (!ws) return void 0;
    const sel = selectMember(ws, req, inputFile ?? (req.input ? void 0 : req.cwd), diagnostics);
    return sel ? { kind: "project", manifest: sel.manifest, workspace: { manifest: ws, member: sel.member } } : void 0;
  };
  if (explicit !== void 0) {
    if (isFile(explicit)) {
      const name = basename4(explicit);
      if (isProjectManifestName(name)) return { kind: "project", manifest: explicit };
      if (isWorkspaceManifestName(name)) return fromWorkspace(explicit);
      diagnostics.push(
        makeDiagnostic(
          "E3001",
          { detail: `${explicit} is not a manifest (Project.proj, *.bproj, Workspace.proj, *.bws)` },
          { file: explicit }
        )
      );
      return void 0;
    }
    if (isDir(explicit)) {
      if (req.workspaceMember === void 0) {
        const projects = projectManifestsIn(explicit);
        if (projects.length) return { kind: "project", manifest: chooseManifest(projects, diagnostics) };
      }
      const workspaces = workspaceManifestsIn(explicit);
      if (workspaces.length) return fromWorkspace(chooseManifest(workspaces, diagnostics));
      if (req.workspaceMember !== void 0) {
        diagnostics.push(noWorkspace(req.workspaceMember, explicit, false));
        return void 0;
      }
      diagnostics.push(
        makeDiagnostic(
          "E3001",
          { detail: `no Project.proj, *.bproj, Workspace.proj or *.bws in ${explicit}` },
          { file: explicit }
        )
      );
      return void 0;
    }
    diagnostics.push(
      makeDiagnostic("E3001", { detail: `${req.project ?? req.input} does not exist` }, { file: explicit })
    );
    return void 0;
  }
  const start = inputFile ? dirname4(inputFile) : resolve5(req.cwd);
  if (req.workspaceMember === void 0) {
    const project = findUp(start, projectManifestsIn);
    if (project) return { kind: "project", manifest: chooseManifest(project, diagnostics) };
  }
  const workspace = findUp(start, workspaceManifestsIn);
  if (workspace) return fromWorkspace(chooseManifest(workspace, diagnostics));
  if (req.workspaceMember !== void 0) {
    diagnostics.push(noWorkspace(req.workspaceMember, start, true));
    return void 0;
  }
  if (inputFile) return { kind: "file", file: inputFile };
  diagnostics.push(
    makeDiagnostic(
      "E3001",
      {
        detail: `no Project.proj, *.bproj, Workspace.proj or *.bws in ${start} or any folder above it`,
        help: "pass --project <folder> or a .bd input file"
      },
      void 0
    )
  );
  return void 0;
}
function enclosingWorkspace(projectManifest, loader) {
  const dir = dirname4(projectManifest);
  const found = findUp(dir, workspaceManifestsIn);
  if (!found) return void 0;
  const ws = loader.workspace(found[0]);
  if (!ws) return void 0;
  const wsDir = dirname4(ws.file);
  const member = ws.members.find((m) => {
    const p = resolve5(wsDir, m.path);
    return canonical(isFile(p) ? dirname4(p) : p) === dir;
  });
  return member ? { manifest: ws, member: member.label } : void 0;
}
function corelibSource(root, loader, diagnostics) {
  if (!isDir(root)) {
    diagnostics.push(makeDiagnostic("E3025", { detail: `${root} is not a folder` }, { file: root }));
    return void 0;
  }
  const found = projectManifestsIn(root);
  if (found.length === 0) return { sourceRoot: canonical(root) };
  const m = loader.project(chooseManifest(found, diagnostics));
  if (!m) return void 0;
  return { sourceRoot: resolve5(dirname4(m.file), m.root), manifestPath: m.file };
}
function attachCorelib(host, req) {
  if (req.corelibRoot === void 0) return false;
  if (!host) return true;
  if (host.name === "corelib") return false;
  if (canonical(dirname4(host.file)) === canonical(req.corelibRoot)) return false;
  return !host.dependencies.some((d) => STD_ALIASES.includes(d.alias));
}
function resolvePlan(req) {
  const diagnostics = [];
  const loader = new ManifestLoader(diagnostics);
  const located = locate(req, loader, diagnostics);
  if (!located || hasErrors(diagnostics)) return fail(diagnostics);
  const inputFile = req.input !== void 0 && extname(req.input) === ".bd" ? canonical(resolve5(req.cwd, req.input)) : void 0;
  if (located.kind === "file") {
    const dir = dirname4(located.file);
    const roots2 = [{ name: basename4(located.file, ".bd"), path: dir, kind: "host" }];
    let corelib2;
    if (attachCorelib(void 0, req)) {
      corelib2 = corelibSource(req.corelibRoot, loader, diagnostics);
      if (corelib2) roots2.push({ name: "corelib", path: corelib2.sourceRoot, kind: "corelib" });
    }
    if (hasErrors(diagnostics)) return fail(diagnostics);
    return {
      value: {
        projectDir: dir,
        projectName: basename4(located.file, ".bd"),
        entryFile: located.file,
        roots: roots2,
        inputs: [...loader.read].sort(),
        graph: [],
        ...corelib2 ? { corelib: corelib2 } : {}
      },
      diagnostics
    };
  }
  const host = loader.project(located.manifest);
  if (!host || hasErrors(diagnostics)) return fail(diagnostics);
  const projectDir = dirname4(host.file);
  const hostIndex = host.source.index;
  let target;
  let entryFile;
  if (inputFile) {
    entryFile = inputFile;
  } else {
    const labels = host.targets.map((t3) => t3.label);
    let chosen = req.target !== void 0 ? host.targets.find((t3) => t3.label === req.target) : host.targets.find((t3) => t3.kind === "App") ?? host.targets[0];
    if (!chosen) {
      diagnostics.push(
        makeDiagnostic(
          "E3005",
          {
            detail: req.target !== void 0 ? `no target "${req.target}" in ${host.name}` : `${host.name} (${host.type}) declares no targets`,
            notes: [labels.length ? `targets: ${labels.join(", ")}` : "the project has no targets"]
          },
          { span: host.rootSpan, index: hostIndex }
        )
      );
      return fail(diagnostics);
    }
    const entry = chosen.entry ?? `${host.name}.bd`;
    entryFile = resolve5(projectDir, host.root, entry);
    target = { label: chosen.label, kind: chosen.kind, entry };
    if (!isFile(entryFile)) {
      diagnostics.push(
        makeDiagnostic(
          "E3027",
          {
            detail: `target "${chosen.label}" names ${relative3(projectDir, entryFile).split(sep3).join("/")}, which does not exist`
          },
          { span: chosen.entrySpan ?? chosen.labelSpan, index: hostIndex }
        )
      );
    } else entryFile = canonical(entryFile);
  }
  const graph = buildGraph(host, loader, diagnostics);
  const workspace = located.workspace ?? enclosingWorkspace(host.file, loader);
  let corelib;
  if (attachCorelib(host, req)) corelib = corelibSource(req.corelibRoot, loader, diagnostics);
  if (hasErrors(diagnostics)) return fail(diagnostics);
  const deps = graph.nodes.filter((n) => n !== graph.host);
  const matRoot = new Map(deps.map((n) => [n.manifestPath, materializedRoot(projectDir, n)]));
  const byPath = new Map(graph.nodes.map((n) => [n.manifestPath, n]));
  const entries = [];
  for (const n of graph.nodes) {
    for (const e of n.deps) {
      const d = byPath.get(e.to);
      entries.push({
        name: e.alias,
        manifest: d.manifestPath,
        project: d.projectDir,
        sourceRoot: d.sourceRoot,
        materializedRoot: matRoot.get(d.manifestPath)
      });
    }
  }
  const expected = { rootManifest: host.file, projectName: host.name, dependencies: entries };
  const lockPath = join5(projectDir, "Project.lock");
  let current;
  try {
    current = existsSync2(lockPath) ? readFileSync5(lockPath, "utf8") : void 0;
  } catch (e) {
    diagnostics.push(
      makeDiagnostic("E9001", { detail: `${lockPath}: ${e.message}` }, { file: lockPath })
    );
    return fail(diagnostics);
  }
  const decision = decideLock(req.lockMode, lockPath, projectDir, expected, current);
  let lockAction = "unchanged";
  if (decision.action === "fail") return fail([...diagnostics, ...decision.diagnostics]);
  if (decision.action === "write") {
    try {
      writeFileAtomic(lockPath, decision.text);
      lockAction = "written";
    } catch (e) {
      diagnostics.push(
        makeDiagnostic("E9002", { detail: `${lockPath}: ${e.message}` }, { file: lockPath })
      );
      return fail(diagnostics);
    }
  }
  try {
    materializeAll(projectDir, deps);
  } catch (e) {
    diagnostics.push(makeDiagnostic("E3024", { detail: e.message }, { file: host.file }));
    return fail(diagnostics);
  }
  const hostAliases = new Map(graph.host.deps.map((e) => [e.to, e.alias]));
  const roots = [{ name: host.name, path: resolve5(projectDir, host.root), kind: "host" }];
  for (const n of deps) {
    const alias = hostAliases.get(n.manifestPath);
    roots.push({
      name: n.name,
      path: matRoot.get(n.manifestPath),
      ...alias ? { alias } : {},
      kind: "dependency"
    });
  }
  if (corelib) roots.push({ name: "corelib", path: corelib.sourceRoot, kind: "corelib" });
  const inputs = [.../* @__PURE__ */ new Set([...loader.read, lockPath])].sort();
  return {
    value: {
      projectDir,
      manifestPath: host.file,
      projectName: host.name,
      projectType: host.type,
      ...target ? { target } : {},
      entryFile,
      roots,
      inputs,
      graph: graph.nodes.map((n) => ({
        name: n.name,
        manifestPath: n.manifestPath,
        projectDir: n.projectDir,
        sourceRoot: n.sourceRoot,
        ...matRoot.has(n.manifestPath) ? { materializedRoot: matRoot.get(n.manifestPath) } : {},
        deps: n.deps.map((e) => ({ alias: e.alias, manifestPath: e.to }))
      })),
      ...workspace ? {
        workspace: {
          manifestPath: workspace.manifest.file,
          name: workspace.manifest.name,
          members: workspace.manifest.members.map((m) => ({
            label: m.label,
            path: resolve5(dirname4(workspace.manifest.file), m.path)
          })),
          ...workspace.member ? { member: workspace.member } : {}
        }
      } : {},
      lock: { path: lockPath, action: lockAction },
      ...corelib ? { corelib } : {}
    },
    diagnostics
  };
}

// src/assembly/assemble.ts
import { readdirSync as readdirSync4, readFileSync as readFileSync6, realpathSync as realpathSync2, statSync as statSync3 } from "node:fs";
import { dirname as dirname5, join as join7, relative as relative5, sep as sep5 } from "node:path";

// src/syntax/lexer.ts
var TOKEN_NAMES = {
  [0 /* EOF */]: "end of file",
  [1 /* Ident */]: "identifier",
  [2 /* Underscore */]: "`_`",
  [3 /* Int */]: "integer literal",
  [4 /* Float */]: "float literal",
  [5 /* Char */]: "character literal",
  [6 /* String */]: "string literal",
  [7 /* StringHead */]: "string literal",
  [8 /* StringMiddle */]: "`}` of an interpolation",
  [9 /* StringTail */]: "`}` of an interpolation",
  [10 /* CodeFence */]: "code fence",
  [11 /* KwType */]: "`type`",
  [12 /* KwEnum */]: "`enum`",
  [13 /* KwContract */]: "`contract`",
  [14 /* KwAttribute */]: "`attribute`",
  [15 /* KwImpl */]: "`impl`",
  [16 /* KwMatch */]: "`match`",
  [17 /* KwWhen */]: "`when`",
  [18 /* KwIf */]: "`if`",
  [19 /* KwElse */]: "`else`",
  [20 /* KwWhile */]: "`while`",
  [21 /* KwFor */]: "`for`",
  [22 /* KwIn */]: "`in`",
  [23 /* KwReturn */]: "`return`",
  [24 /* KwBreak */]: "`break`",
  [25 /* KwContinue */]: "`continue`",
  [26 /* KwLet */]: "`let`",
  [27 /* KwMut */]: "`mut`",
  [28 /* KwMod */]: "`mod`",
  [29 /* KwUse */]: "`use`",
  [30 /* KwPub */]: "`pub`",
  [31 /* KwTest */]: "`test`",
  [32 /* KwSkip */]: "`skip`",
  [33 /* KwTrue */]: "`true`",
  [34 /* KwFalse */]: "`false`",
  [35 /* LBrace */]: "`{`",
  [36 /* RBrace */]: "`}`",
  [37 /* LParen */]: "`(`",
  [38 /* RParen */]: "`)`",
  [39 /* LBracket */]: "`[`",
  [40 /* RBracket */]: "`]`",
  [41 /* Lt */]: "`<`",
  [42 /* Gt */]: "`>`",
  [43 /* Comma */]: "`,`",
  [44 /* Semi */]: "`;`",
  [45 /* Colon */]: "`:`",
  [46 /* ColonColon */]: "`::`",
  [47 /* Dot */]: "`.`",
  [48 /* FatArrow */]: "`=>`",
  [49 /* Eq */]: "`=`",
  [50 /* PlusEq */]: "`+=`",
  [51 /* MinusEq */]: "`-=`",
  [52 /* EqEq */]: "`==`",
  [53 /* BangEq */]: "`!=`",
  [54 /* EqEqEq */]: "`===`",
  [55 /* BangEqEq */]: "`!==`",
  [56 /* LtEq */]: "`<=`",
  [57 /* Plus */]: "`+`",
  [58 /* Minus */]: "`-`",
  [59 /* Star */]: "`*`",
  [60 /* Slash */]: "`/`",
  [61 /* Percent */]: "`%`",
  [62 /* Bang */]: "`!`",
  [63 /* AmpAmp */]: "`&&`",
  [64 /* PipePipe */]: "`||`",
  [65 /* Amp */]: "`&`",
  [66 /* Pipe */]: "`|`",
  [67 /* LtLt */]: "`<<`",
  [68 /* Question */]: "`?`",
  [69 /* Dollar */]: "`$`",
  [70 /* At */]: "`@`",
  [71 /* Caret */]: "`^`",
  [72 /* Tilde */]: "`~`",
  [73 /* StarEq */]: "`*=`",
  [74 /* SlashEq */]: "`/=`",
  [75 /* PercentEq */]: "`%=`",
  [76 /* PlusPlus */]: "`++`",
  [77 /* MinusMinus */]: "`--`",
  [78 /* ThinArrow */]: "`->`"
};
var FOLLOWED = 1;
var HEX = 2;
var LEX_ERROR = 4;
var SUFFIX_SHIFT = 4;
var SUFFIX_MASK = 240;
var SUFFIXES = ["", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64"];
var FLOAT_SUFFIX_FIRST = 9;
var KEYWORDS = /* @__PURE__ */ new Map([
  ["type", 11 /* KwType */],
  ["enum", 12 /* KwEnum */],
  ["contract", 13 /* KwContract */],
  ["attribute", 14 /* KwAttribute */],
  ["impl", 15 /* KwImpl */],
  ["match", 16 /* KwMatch */],
  ["when", 17 /* KwWhen */],
  ["if", 18 /* KwIf */],
  ["else", 19 /* KwElse */],
  ["while", 20 /* KwWhile */],
  ["for", 21 /* KwFor */],
  ["in", 22 /* KwIn */],
  ["return", 23 /* KwReturn */],
  ["break", 24 /* KwBreak */],
  ["continue", 25 /* KwContinue */],
  ["let", 26 /* KwLet */],
  ["mut", 27 /* KwMut */],
  ["mod", 28 /* KwMod */],
  ["use", 29 /* KwUse */],
  ["pub", 30 /* KwPub */],
  ["test", 31 /* KwTest */],
  ["skip", 32 /* KwSkip */],
  ["true", 33 /* KwTrue */],
  ["false", 34 /* KwFalse */]
]);
function isIdentStart(c2) {
  return c2 >= 97 && c2 <= 122 || c2 >= 65 && c2 <= 90 || c2 === 95;
}
function isIdentPart(c2) {
  return c2 >= 97 && c2 <= 122 || c2 >= 65 && c2 <= 90 || c2 === 95 || c2 >= 48 && c2 <= 57;
}
function isDigit(c2) {
  return c2 >= 48 && c2 <= 57;
}
function isHexDigit(c2) {
  return c2 >= 48 && c2 <= 57 || c2 >= 97 && c2 <= 102 || c2 >= 65 && c2 <= 70;
}
function hexValue(c2) {
  return c2 <= 57 ? c2 - 48 : (c2 | 32) - 87;
}
var MAX_U64 = (1n << 64n) - 1n;
function lex2(text, file, lineIndex) {
  let index = lineIndex;
  const tokens = [];
  const docLines = [];
  const diagnostics = [];
  const n = text.length;
  let pos = 0;
  let pendingDoc = -1;
  const holes = [];
  const names = /* @__PURE__ */ new Map();
  let stringErrorAtEof = false;
  let errorFlag = 0;
  function report(code, start, end, detail, help) {
    errorFlag = LEX_ERROR;
    diagnostics.push(
      makeDiagnostic(
        code,
        { ...detail !== void 0 ? { detail } : {}, ...help !== void 0 ? { help } : {} },
        { span: { file, start, end }, index: index ??= new LineIndex(text) }
      )
    );
  }
  function push(kind, start, end, flags = 0, value) {
    tokens.push({ kind, start, end, flags: flags | errorFlag, value, doc: pendingDoc });
    pendingDoc = -1;
    errorFlag = 0;
  }
  function nonAsciiLength(at) {
    const c2 = text.charCodeAt(at);
    if (c2 >= 55296 && c2 <= 56319) {
      const d = at + 1 < n ? text.charCodeAt(at + 1) : 0;
      if (d >= 56320 && d <= 57343) return 2;
      report("E0007", at, at + 1, "a lone UTF-16 surrogate cannot be encoded as UTF-8");
      return 1;
    }
    if (c2 >= 56320 && c2 <= 57343) {
      report("E0007", at, at + 1, "a lone UTF-16 surrogate cannot be encoded as UTF-8");
    }
    return 1;
  }
  function checkSurrogates(from, to) {
    for (let i = from; i < to; i++) {
      const c2 = text.charCodeAt(i);
      if (c2 >= 55296 && c2 <= 57343) i += nonAsciiLength(i) - 1;
    }
  }
  function escape(at) {
    const c2 = at + 1 < n ? text.charCodeAt(at + 1) : -1;
    switch (c2) {
      case 110:
        return { text: "\n", next: at + 2 };
      case 116:
        return { text: "	", next: at + 2 };
      case 114:
        return { text: "\r", next: at + 2 };
      case 48:
        return { text: "\0", next: at + 2 };
      case 92:
        return { text: "\\", next: at + 2 };
      case 34:
        return { text: '"', next: at + 2 };
      case 39:
        return { text: "'", next: at + 2 };
      case 36:
        return { text: "$", next: at + 2 };
      case 117: {
        let p = at + 2;
        if (text.charCodeAt(p) !== 123) {
          report("E0004", at, p, "`\\u` must be followed by `{hex digits}`", "write \\u{41}");
          return { text: "", next: p };
        }
        p++;
        let value = 0;
        let digits = 0;
        while (p < n && isHexDigit(text.charCodeAt(p))) {
          if (digits < 8) value = value * 16 + hexValue(text.charCodeAt(p));
          digits++;
          p++;
        }
        if (text.charCodeAt(p) !== 125) {
          report("E0004", at, p, "unterminated `\\u{\u2026}` escape");
          return { text: "", next: p };
        }
        p++;
        if (digits === 0 || digits > 6) {
          report("E0004", at, p, "`\\u{\u2026}` takes 1 to 6 hex digits");
          return { text: "", next: p };
        }
        if (value >= 55296 && value <= 57343 || value > 1114111) {
          report("E0004", at, p, "`\\u{\u2026}` must be a Unicode scalar value (no surrogates, at most 10FFFF)");
          return { text: "", next: p };
        }
        return { text: String.fromCodePoint(value), next: p };
      }
      default: {
        const end = c2 < 0 ? at + 1 : at + 2;
        report(
          "E0004",
          at,
          end,
          c2 < 0 ? "a backslash at the end of the file" : `\`\\${text.slice(at + 1, end)}\` is not an escape`,
          `the escapes are \\n \\t \\r \\0 \\\\ \\" \\' \\$ and \\u{\u2026}`
        );
        return { text: "", next: end };
      }
    }
  }
  function stringPiece(tokenStart, from, closed, opened) {
    let p = from;
    let out = "";
    let chunk = p;
    while (p < n) {
      const c2 = text.charCodeAt(p);
      if (c2 === 34) {
        out += text.slice(chunk, p);
        push(closed, tokenStart, p + 1, 0, out);
        pos = p + 1;
        return;
      }
      if (c2 === 92) {
        out += text.slice(chunk, p);
        const e = escape(p);
        out += e.text;
        p = e.next;
        chunk = p;
        continue;
      }
      if (c2 === 36 && text.charCodeAt(p + 1) === 123) {
        out += text.slice(chunk, p);
        push(opened, tokenStart, p + 2, 0, out);
        holes.push({ depth: 0, start: p });
        pos = p + 2;
        return;
      }
      if (c2 === 13 && text.charCodeAt(p + 1) === 10) {
        out += text.slice(chunk, p) + "\n";
        p += 2;
        chunk = p;
        continue;
      }
      if (c2 >= 55296 && c2 <= 57343) {
        p += nonAsciiLength(p);
        continue;
      }
      p++;
    }
    out += text.slice(chunk, n);
    report("E0002", tokenStart, n, 'the string has no closing `"`');
    stringErrorAtEof = true;
    push(closed, tokenStart, n, 0, out);
    pos = n;
  }
  function charLiteral(start) {
    let p = start + 1;
    if (text.charCodeAt(p) === 92 && text.charCodeAt(p + 1) === 39 && text.charCodeAt(p + 2) !== 39) {
      push(5 /* Char */, start, p + 2, 0, 92);
      pos = p + 2;
      return;
    }
    const c2 = p < n ? text.charCodeAt(p) : -1;
    if (c2 === 39) {
      report("E0006", start, p + 1, "empty character literal");
      push(5 /* Char */, start, p + 1, 0, 0);
      pos = p + 1;
      return;
    }
    if (c2 < 0 || c2 === 10 || c2 === 13) {
      report("E0006", start, p, "unterminated character literal");
      push(5 /* Char */, start, p, 0, 0);
      pos = p;
      return;
    }
    let value;
    if (c2 === 92) {
      const e = escape(p);
      value = e.text.length ? e.text.codePointAt(0) : 0;
      p = e.next;
    } else {
      const len = c2 >= 55296 && c2 <= 57343 ? nonAsciiLength(p) : 1;
      value = len === 2 ? text.codePointAt(p) : c2;
      p += len;
    }
    if (text.charCodeAt(p) === 39) {
      push(5 /* Char */, start, p + 1, 0, value);
      pos = p + 1;
      return;
    }
    let q = p;
    while (q < n) {
      const d = text.charCodeAt(q);
      if (d === 39 || d === 10 || d === 13) break;
      q++;
    }
    if (q < n && text.charCodeAt(q) === 39) {
      report(
        "E0006",
        start,
        q + 1,
        "a character literal holds exactly one character",
        "use a string for text"
      );
      push(5 /* Char */, start, q + 1, 0, value);
      pos = q + 1;
    } else {
      report("E0006", start, p, "unterminated character literal");
      push(5 /* Char */, start, p, 0, value);
      pos = p;
    }
  }
  function digitRun(p, hex) {
    for (; ; ) {
      const c2 = text.charCodeAt(p);
      if (hex ? isHexDigit(c2) : isDigit(c2)) {
        p++;
        continue;
      }
      if (c2 === 95) {
        const d = text.charCodeAt(p + 1);
        if (hex ? isHexDigit(d) : isDigit(d)) {
          p++;
          continue;
        }
      }
      return p;
    }
  }
  function digitsValue(from, to, radix) {
    if (radix === 10 && to - from <= 15) {
      let v = 0;
      for (let i = from; i < to; i++) {
        const c2 = text.charCodeAt(i);
        if (c2 !== 95) v = v * 10 + (c2 - 48);
      }
      return BigInt(v);
    }
    const raw = text.slice(from, to).replaceAll("_", "");
    if (raw.length === 0) return 0n;
    if (radix === 10 && raw.length <= 15) return BigInt(Number(raw));
    return BigInt(radix === 16 ? "0x" + raw : raw);
  }
  function number(start) {
    let p = start;
    let hex = false;
    let isFloat2 = false;
    let error;
    let digitsFrom = p;
    let digitsTo;
    if (text.charCodeAt(p) === 48 && (text.charCodeAt(p + 1) | 32) === 120) {
      hex = true;
      p += 2;
      digitsFrom = p;
      digitsTo = digitRun(p, true);
      if (digitsTo === p) error = { detail: "`0x` must be followed by hex digits" };
      p = digitsTo;
    } else {
      digitsTo = digitRun(p, false);
      p = digitsTo;
      if (text.charCodeAt(p) === 46 && isDigit(text.charCodeAt(p + 1))) {
        isFloat2 = true;
        p = digitRun(p + 1, false);
      }
      const e = text.charCodeAt(p) | 32;
      if (e === 101) {
        const s = text.charCodeAt(p + 1);
        const afterSign = s === 43 || s === 45 ? p + 2 : p + 1;
        if (isDigit(text.charCodeAt(afterSign))) {
          const lit = text.slice(start, p);
          p = digitRun(afterSign, false);
          if (!isFloat2) {
            error = {
              detail: "an exponent needs a fraction",
              help: `write ${lit}.0${text.slice(lit.length + start, p)}`
            };
          }
          isFloat2 = true;
        }
      }
    }
    let suffix = 0;
    if (text.charCodeAt(p) === 95 && isIdentStart(text.charCodeAt(p + 1)) && text.charCodeAt(p + 1) !== 95) {
      let q = p + 1;
      while (isIdentPart(text.charCodeAt(q))) q++;
      const word = text.slice(p + 1, q);
      const code = SUFFIXES.indexOf(word);
      if (code <= 0) {
        error ??= {
          detail: `unknown literal suffix \`_${word}\``,
          help: "the suffixes are _i8 _i16 _i32 _i64 _u8 _u16 _u32 _u64 _f32 _f64"
        };
      } else if (code >= FLOAT_SUFFIX_FIRST && !isFloat2) {
        error ??= {
          detail: `a float suffix on an integer literal`,
          help: `write ${text.slice(start, p)}.0_${word}`
        };
      } else if (code < FLOAT_SUFFIX_FIRST && isFloat2) {
        error ??= { detail: `an integer suffix on a float literal` };
      } else {
        suffix = code;
      }
      p = q;
    }
    if (isIdentPart(text.charCodeAt(p))) {
      let q = p;
      while (isIdentPart(text.charCodeAt(q))) q++;
      error ??= {
        detail: `\`${text.slice(start, q)}\` is not a number`,
        help: "`_` may only separate digits, and suffixes are written like 10_i64"
      };
      p = q;
    }
    pos = p;
    if (error) {
      report("E0005", start, p, error.detail, error.help);
      push(isFloat2 ? 4 /* Float */ : 3 /* Int */, start, p, hex ? HEX : 0, isFloat2 ? 0 : 0n);
      return;
    }
    const flags = (hex ? HEX : 0) | suffix << SUFFIX_SHIFT;
    if (isFloat2) {
      const end = suffix ? text.lastIndexOf("_", p) : p;
      push(4 /* Float */, start, p, flags, Number(text.slice(start, end).replaceAll("_", "")));
      return;
    }
    const value = digitsValue(digitsFrom, digitsTo, hex ? 16 : 10);
    if (value > MAX_U64) {
      report("E0005", start, p, "the value does not fit in 64 bits");
      push(3 /* Int */, start, p, flags, 0n);
      return;
    }
    push(3 /* Int */, start, p, flags, value);
  }
  while (pos < n) {
    const start = pos;
    const c2 = text.charCodeAt(pos);
    switch (c2) {
      case 32:
      case 9:
      case 10:
      case 13:
        pos++;
        continue;
      case 65279:
        if (pos === 0) {
          pos++;
          continue;
        }
        report("E0001", pos, pos + 1, "a byte-order mark in the middle of the file");
        pos++;
        continue;
      case 47: {
        const d = text.charCodeAt(pos + 1);
        if (d === 47) {
          let end = pos + 2;
          while (end < n && text.charCodeAt(end) !== 10) end++;
          const lineEnd = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
          checkSurrogates(pos + 2, lineEnd);
          if (text.charCodeAt(pos + 2) === 47 && text.charCodeAt(pos + 3) !== 47) {
            let from = pos + 3;
            if (text.charCodeAt(from) === 32) from++;
            if (pendingDoc < 0) pendingDoc = docLines.length;
            docLines.push({ start: pos, end: lineEnd, text: text.slice(from, Math.max(from, lineEnd)) });
          }
          pos = end;
          continue;
        }
        if (d === 42) {
          const close = text.indexOf("*/", pos + 2);
          if (close < 0) {
            report("E0003", pos, n, "the comment has no closing `*/`");
            checkSurrogates(pos + 2, n);
            pos = n;
          } else {
            checkSurrogates(pos + 2, close);
            pos = close + 2;
          }
          continue;
        }
        if (d === 61) {
          push(74 /* SlashEq */, pos, pos + 2);
          pos += 2;
          continue;
        }
        push(60 /* Slash */, pos, pos + 1);
        pos++;
        continue;
      }
      case 34:
        stringPiece(pos, pos + 1, 6 /* String */, 7 /* StringHead */);
        continue;
      case 39:
        charLiteral(pos);
        continue;
      case 123:
        if (holes.length) holes[holes.length - 1].depth++;
        push(35 /* LBrace */, pos, pos + 1);
        pos++;
        continue;
      case 125: {
        const hole = holes.length ? holes[holes.length - 1] : void 0;
        if (hole && hole.depth === 0) {
          holes.pop();
          const prev = tokens[tokens.length - 1];
          if (prev && (prev.kind === 7 /* StringHead */ || prev.kind === 8 /* StringMiddle */) && prev.end === hole.start + 2) {
            report("E0008", hole.start, pos + 1, "`${}` has no expression");
          }
          stringPiece(pos, pos + 1, 9 /* StringTail */, 8 /* StringMiddle */);
          continue;
        }
        if (hole) hole.depth--;
        push(36 /* RBrace */, pos, pos + 1);
        pos++;
        continue;
      }
      case 40:
        push(37 /* LParen */, pos, pos + 1);
        pos++;
        continue;
      case 41:
        push(38 /* RParen */, pos, pos + 1);
        pos++;
        continue;
      case 91:
        push(39 /* LBracket */, pos, pos + 1);
        pos++;
        continue;
      case 93:
        push(40 /* RBracket */, pos, pos + 1);
        pos++;
        continue;
      case 44:
        push(43 /* Comma */, pos, pos + 1);
        pos++;
        continue;
      case 59:
        push(44 /* Semi */, pos, pos + 1);
        pos++;
        continue;
      case 63:
        push(68 /* Question */, pos, pos + 1);
        pos++;
        continue;
      case 64:
        push(70 /* At */, pos, pos + 1);
        pos++;
        continue;
      case 36:
        push(69 /* Dollar */, pos, pos + 1);
        pos++;
        continue;
      case 94:
        push(71 /* Caret */, pos, pos + 1);
        pos++;
        continue;
      case 126:
        push(72 /* Tilde */, pos, pos + 1);
        pos++;
        continue;
      case 46:
        push(47 /* Dot */, pos, pos + 1);
        pos++;
        continue;
      case 58:
        if (text.charCodeAt(pos + 1) === 58) {
          push(46 /* ColonColon */, pos, pos + 2);
          pos += 2;
        } else {
          push(45 /* Colon */, pos, pos + 1);
          pos++;
        }
        continue;
      case 60: {
        const d = text.charCodeAt(pos + 1);
        const kind = d === 61 ? 56 /* LtEq */ : d === 60 ? 67 /* LtLt */ : 41 /* Lt */;
        const len2 = kind === 41 /* Lt */ ? 1 : 2;
        push(kind, pos, pos + len2);
        pos += len2;
        continue;
      }
      case 62: {
        const d = text.charCodeAt(pos + 1);
        push(42 /* Gt */, pos, pos + 1, d === 62 || d === 61 ? FOLLOWED : 0);
        pos++;
        continue;
      }
      case 61: {
        const d = text.charCodeAt(pos + 1);
        if (d === 61) {
          if (text.charCodeAt(pos + 2) === 61) {
            push(54 /* EqEqEq */, pos, pos + 3);
            pos += 3;
          } else {
            push(52 /* EqEq */, pos, pos + 2);
            pos += 2;
          }
        } else if (d === 62) {
          push(48 /* FatArrow */, pos, pos + 2);
          pos += 2;
        } else {
          push(49 /* Eq */, pos, pos + 1);
          pos++;
        }
        continue;
      }
      case 33: {
        if (text.charCodeAt(pos + 1) === 61) {
          if (text.charCodeAt(pos + 2) === 61) {
            push(55 /* BangEqEq */, pos, pos + 3);
            pos += 3;
          } else {
            push(53 /* BangEq */, pos, pos + 2);
            pos += 2;
          }
        } else {
          push(62 /* Bang */, pos, pos + 1);
          pos++;
        }
        continue;
      }
      case 43: {
        const d = text.charCodeAt(pos + 1);
        const kind = d === 61 ? 50 /* PlusEq */ : d === 43 ? 76 /* PlusPlus */ : 57 /* Plus */;
        const len2 = kind === 57 /* Plus */ ? 1 : 2;
        push(kind, pos, pos + len2);
        pos += len2;
        continue;
      }
      case 45: {
        const d = text.charCodeAt(pos + 1);
        const kind = d === 61 ? 51 /* MinusEq */ : d === 45 ? 77 /* MinusMinus */ : d === 62 ? 78 /* ThinArrow */ : 58 /* Minus */;
        const len2 = kind === 58 /* Minus */ ? 1 : 2;
        push(kind, pos, pos + len2);
        pos += len2;
        continue;
      }
      case 42: {
        const eq = text.charCodeAt(pos + 1) === 61;
        push(eq ? 73 /* StarEq */ : 59 /* Star */, pos, pos + (eq ? 2 : 1));
        pos += eq ? 2 : 1;
        continue;
      }
      case 37: {
        const eq = text.charCodeAt(pos + 1) === 61;
        push(eq ? 75 /* PercentEq */ : 61 /* Percent */, pos, pos + (eq ? 2 : 1));
        pos += eq ? 2 : 1;
        continue;
      }
      case 38: {
        const two = text.charCodeAt(pos + 1) === 38;
        push(two ? 63 /* AmpAmp */ : 65 /* Amp */, pos, pos + (two ? 2 : 1));
        pos += two ? 2 : 1;
        continue;
      }
      case 124: {
        const two = text.charCodeAt(pos + 1) === 124;
        push(two ? 64 /* PipePipe */ : 66 /* Pipe */, pos, pos + (two ? 2 : 1));
        pos += two ? 2 : 1;
        continue;
      }
      default:
        break;
    }
    if (isDigit(c2)) {
      number(start);
      continue;
    }
    if (isIdentStart(c2)) {
      let p = pos + 1;
      while (p < n && isIdentPart(text.charCodeAt(p))) p++;
      pos = p;
      if (p - start === 1 && c2 === 95) {
        push(2 /* Underscore */, start, p);
        continue;
      }
      const sliced = text.slice(start, p);
      const kw = c2 >= 97 ? KEYWORDS.get(sliced) : void 0;
      if (kw !== void 0) {
        push(kw, start, p);
        continue;
      }
      let word = names.get(sliced);
      if (word === void 0) {
        word = sliced;
        names.set(word, word);
      }
      push(1 /* Ident */, start, p, 0, word);
      if (word === "code") fence(p);
      continue;
    }
    const len = c2 >= 128 ? nonAsciiLength(pos) : 1;
    const shown = c2 < 32 || c2 === 127 ? `U+${c2.toString(16).toUpperCase().padStart(4, "0")}` : text.slice(pos, pos + len);
    report(
      "E0001",
      pos,
      pos + len,
      `\`${shown}\``,
      c2 >= 128 ? "identifiers are ASCII; non-ASCII text belongs in strings, characters and comments" : void 0
    );
    pos += len;
  }
  function fence(after) {
    let p = after;
    while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
    if (text.charCodeAt(p) !== 96 || text.charCodeAt(p + 1) !== 96 || text.charCodeAt(p + 2) !== 96) return;
    const close = text.indexOf("```", p + 3);
    if (close < 0) {
      report("E0002", p, n, "the code fence has no closing ```");
      stringErrorAtEof = true;
      push(10 /* CodeFence */, p, n);
      pos = n;
      return;
    }
    checkSurrogates(p + 3, close);
    push(10 /* CodeFence */, p, close + 3);
    pos = close + 3;
  }
  if (holes.length && !stringErrorAtEof) {
    const hole = holes[0];
    report("E0008", hole.start, n, "the interpolation `${` has no closing `}`");
  }
  tokens.push({ kind: 0 /* EOF */, start: n, end: n, flags: 0, value: void 0, doc: pendingDoc });
  return { tokens, docLines, diagnostics };
}
function describeToken(text, t3) {
  switch (t3.kind) {
    case 1 /* Ident */:
      return `identifier \`${t3.value}\``;
    case 3 /* Int */:
    case 4 /* Float */: {
      const raw = text.slice(t3.start, t3.end);
      return raw.length <= 24 ? `\`${raw}\`` : TOKEN_NAMES[t3.kind];
    }
    default:
      return TOKEN_NAMES[t3.kind];
  }
}
function decodeSource(bytes, file) {
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { text, diagnostics: [] };
  const at = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(
    bytes.subarray(0, bad)
  ).length;
  const index = new LineIndex(text);
  return {
    text,
    diagnostics: [
      makeDiagnostic(
        "E0007",
        { detail: `invalid byte 0x${bytes[bad].toString(16).padStart(2, "0")} at byte offset ${bad}` },
        { span: { file, start: at, end: at + 1 }, index }
      )
    ]
  };
}
function firstInvalidUtf8(b) {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c2 = b[i];
    if (c2 < 128) {
      i++;
      continue;
    }
    let need;
    let min;
    if (c2 >= 194 && c2 <= 223) {
      need = 1;
      min = 128;
    } else if (c2 >= 224 && c2 <= 239) {
      need = 2;
      min = 2048;
    } else if (c2 >= 240 && c2 <= 244) {
      need = 3;
      min = 65536;
    } else return i;
    let cp = c2 & 63 >> need;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === void 0 || (d & 192) !== 128) return i;
      cp = cp << 6 | d & 63;
    }
    if (cp < min || cp > 1114111 || cp >= 55296 && cp <= 57343) return i;
    i += need + 1;
  }
  return -1;
}

// src/syntax/ast.ts
var PRIMITIVE_TYPE_NAMES = [
  "bool",
  "char",
  "string",
  "unit",
  "never",
  "i8",
  "i16",
  "i32",
  "i64",
  "u8",
  "u16",
  "u32",
  "u64",
  "f32",
  "f64",
  "word",
  "pointer"
];

// src/syntax/parser.ts
var MAX_DEPTH = 256;
var MAX_CHAIN = 1e3;
var SPECULATION_DEPTH = 24;
var EMPTY = Object.freeze([]);
var PRIMITIVES = new Set(PRIMITIVE_TYPE_NAMES);
var BINARY = /* @__PURE__ */ new Map([
  [64 /* PipePipe */, [1, "||"]],
  [63 /* AmpAmp */, [2, "&&"]],
  [66 /* Pipe */, [3, "|"]],
  [65 /* Amp */, [4, "&"]],
  [52 /* EqEq */, [5, "=="]],
  [53 /* BangEq */, [5, "!="]],
  [54 /* EqEqEq */, [5, "==="]],
  [55 /* BangEqEq */, [5, "!=="]],
  [41 /* Lt */, [6, "<"]],
  [56 /* LtEq */, [6, "<="]],
  [42 /* Gt */, [6, ">"]],
  [67 /* LtLt */, [7, "<<"]],
  [57 /* Plus */, [8, "+"]],
  [58 /* Minus */, [8, "-"]],
  [59 /* Star */, [9, "*"]],
  [60 /* Slash */, [9, "/"]],
  [61 /* Percent */, [9, "%"]]
]);
var PREC_CMP = 6;
var PREC_SHIFT = 7;
var FOREIGN_BINARY = /* @__PURE__ */ new Map([
  [71 /* Caret */, [3, "there is no `^` operator; use the corelib's bit functions"]],
  [78 /* ThinArrow */, [1, "`->` is not Beskid; lambdas and function types use `=>`"]]
]);
var FOREIGN_ASSIGN = /* @__PURE__ */ new Map([
  [73 /* StarEq */, "there is no `*=`; write `x = x * y`"],
  [74 /* SlashEq */, "there is no `/=`; write `x = x / y`"],
  [75 /* PercentEq */, "there is no `%=`; write `x = x % y`"]
]);
var GENERIC_FOLLOW = /* @__PURE__ */ new Set([
  37 /* LParen */,
  38 /* RParen */,
  40 /* RBracket */,
  36 /* RBrace */,
  47 /* Dot */,
  46 /* ColonColon */,
  35 /* LBrace */,
  43 /* Comma */,
  44 /* Semi */,
  68 /* Question */,
  52 /* EqEq */,
  53 /* BangEq */,
  63 /* AmpAmp */,
  64 /* PipePipe */,
  0 /* EOF */
]);
var FOREIGN_ITEM_WORDS = /* @__PURE__ */ new Map([
  ["struct", "declare a record with `type Name { Type field, \u2026 }`"],
  ["class", "declare a record with `type Name { Type field, \u2026 }` and its methods in the body"],
  ["record", "declare a record with `type Name { Type field, \u2026 }`"],
  ["interface", "declare a `contract Name { \u2026 }`"],
  ["trait", "declare a `contract Name { \u2026 }`"],
  ["import", "write `use A.B;`"],
  ["package", "a file's module comes from its path, or from `mod A.B;` as its first item"],
  ["namespace", "write `mod Name { \u2026 }` for an inline module"],
  ["fn", "functions are written `ReturnType Name(Type param) { \u2026 }`"],
  ["func", "functions are written `ReturnType Name(Type param) { \u2026 }`"],
  ["def", "functions are written `ReturnType Name(Type param) { \u2026 }`"],
  ["function", "functions are written `ReturnType Name(Type param) { \u2026 }`"]
]);
var SYNC_STATEMENT = /* @__PURE__ */ new Set([
  18 /* KwIf */,
  20 /* KwWhile */,
  21 /* KwFor */,
  23 /* KwReturn */,
  24 /* KwBreak */,
  25 /* KwContinue */,
  26 /* KwLet */,
  27 /* KwMut */,
  16 /* KwMatch */
]);
var SYNC_ITEM = /* @__PURE__ */ new Set([
  11 /* KwType */,
  12 /* KwEnum */,
  13 /* KwContract */,
  14 /* KwAttribute */,
  15 /* KwImpl */,
  31 /* KwTest */,
  28 /* KwMod */,
  29 /* KwUse */,
  30 /* KwPub */
]);
function startsExpression(k) {
  switch (k) {
    case 1 /* Ident */:
    case 3 /* Int */:
    case 4 /* Float */:
    case 5 /* Char */:
    case 6 /* String */:
    case 7 /* StringHead */:
    case 33 /* KwTrue */:
    case 34 /* KwFalse */:
    case 37 /* LParen */:
    case 39 /* LBracket */:
    case 35 /* LBrace */:
    case 16 /* KwMatch */:
    case 58 /* Minus */:
    case 62 /* Bang */:
    case 69 /* Dollar */:
      return true;
    default:
      return false;
  }
}
function parseTokens(text, file, tokens, docLines, index, eofAlreadyReported) {
  const p = new Parser(text, file, tokens, docLines, index, eofAlreadyReported);
  const tree = p.parseFile();
  return { tree, diagnostics: p.finish() };
}
var Parser = class {
  constructor(text, file, tokens, docLines, index, eofAlreadyReported) {
    this.text = text;
    this.file = file;
    this.tokens = tokens;
    this.docLines = docLines;
    this.index = index;
    this.pair = matchBrackets(tokens);
    if (eofAlreadyReported) this.lastErrorToken = tokens.length - 1;
  }
  text;
  file;
  tokens;
  docLines;
  index;
  pos = 0;
  prevEnd = 0;
  depth = 0;
  spec = 0;
  specFailed = false;
  /** Token index of the last reported error: one error per token at most. */
  lastErrorToken = -1;
  tooDeepReported = false;
  /**
   * Set when a statement position holds something that can only be a function item (`T Name(` at
   * a line start): the enclosing blocks are unclosed. Block, test-body and match loops stop, and
   * the next item or member loop clears it, so the function parses as what it is.
   */
  unwind = false;
  /** Set after E0104 until the next item starts: the follow-up errors are consequences of the skip. */
  quiet = false;
  /** Depth limit inside a speculation: speculative questions never need deep nesting. */
  specDepthCap = MAX_DEPTH;
  /** Rule 7: in an `if`/`while`/`for`/`match` head, `{}` is the body, not an empty struct literal. */
  inHead = false;
  diagnostics = [];
  /** For each opening token, the index of its closing token (-1 when unmatched). */
  pair;
  /** Doc runs (by index of their first doc line) that were attached. */
  attached = /* @__PURE__ */ new Set();
  // ================= token helpers =================
  peek(k = 0) {
    const i = this.pos + k;
    return this.tokens[i < this.tokens.length ? i : this.tokens.length - 1];
  }
  at(kind) {
    return this.tokens[this.pos].kind === kind;
  }
  atWord(word, k = 0) {
    const t3 = this.peek(k);
    return t3.kind === 1 /* Ident */ && t3.value === word;
  }
  advance() {
    const t3 = this.tokens[this.pos];
    if (t3.kind !== 0 /* EOF */) {
      this.pos++;
      this.prevEnd = t3.end;
    }
    return t3;
  }
  eat(kind) {
    if (this.at(kind)) {
      this.advance();
      return true;
    }
    return false;
  }
  jumpTo(i) {
    this.pos = Math.min(i, this.tokens.length - 1);
    if (this.pos > 0) this.prevEnd = this.tokens[this.pos - 1].end;
  }
  startOf() {
    return this.peek().start;
  }
  span(start) {
    return { start, end: Math.max(start, this.prevEnd) };
  }
  here() {
    return { start: this.prevEnd, end: this.prevEnd };
  }
  /** True when a line break separates the current token from the previous one. */
  atLineStart() {
    if (this.pos === 0) return true;
    const prev = this.tokens[this.pos - 1];
    const t3 = this.peek();
    for (let i = prev.end; i < t3.start; i++) if (this.text.charCodeAt(i) === 10) return true;
    return false;
  }
  // ================= diagnostics =================
  error(code, detail, help, at) {
    if (this.spec > 0) {
      this.specFailed = true;
      return;
    }
    if (this.quiet || this.pos <= this.lastErrorToken) return;
    if (this.peek().flags & LEX_ERROR || this.pos > 0 && this.tokens[this.pos - 1].flags & LEX_ERROR)
      return;
    this.lastErrorToken = this.pos;
    const t3 = this.peek();
    const where = at ?? { start: t3.start, end: t3.end };
    this.diagnostics.push(
      makeDiagnostic(
        code,
        { detail, ...help !== void 0 ? { help } : {} },
        { span: { file: this.file, start: where.start, end: where.end }, index: this.index }
      )
    );
  }
  found() {
    return describeToken(this.text, this.peek());
  }
  errorExpected(what, help) {
    this.error("E0101", `expected ${what}, found ${this.found()}`, help);
  }
  expect(kind) {
    if (this.eat(kind)) return true;
    if (kind === 44 /* Semi */ && this.missingSemiAtLineEnd()) return false;
    this.errorExpected(TOKEN_NAMES[kind]);
    return false;
  }
  /**
   * A `;` missing before a line break is reported at the end of the previous line, where the
   * fix goes, rather than at the (correct) start of the next line. False when no line break
   * precedes the current token (the caller reports as usual).
   */
  missingSemiAtLineEnd() {
    if (this.pos === 0 || !this.atLineStart()) return false;
    const end = this.tokens[this.pos - 1].end;
    this.error(
      "E0101",
      `expected \`;\` at the end of the line (the next token is ${this.found()})`,
      void 0,
      {
        start: end,
        end
      }
    );
    return true;
  }
  expectIdent(what = "a name") {
    const t3 = this.peek();
    if (t3.kind === 1 /* Ident */) {
      this.advance();
      return { kind: "Ident", text: t3.value, span: { start: t3.start, end: t3.end } };
    }
    if (t3.kind >= 11 /* KwType */ && t3.kind <= 34 /* KwFalse */) {
      this.error(
        "E0101",
        `expected ${what}, found the keyword ${TOKEN_NAMES[t3.kind]}`,
        "keywords cannot be names"
      );
    } else {
      this.errorExpected(what);
    }
    return { kind: "Ident", text: "", span: this.here() };
  }
  identOf(t3) {
    return { kind: "Ident", text: t3.value, span: { start: t3.start, end: t3.end } };
  }
  /** Reports W0110 for every doc run that was not attached, then orders all diagnostics. */
  finish() {
    for (const t3 of this.tokens) {
      if (t3.doc < 0 || this.attached.has(t3.doc)) continue;
      let last = t3.doc;
      while (last + 1 < this.docLines.length && this.docLines[last + 1].end <= t3.start) last++;
      const start = this.docLines[t3.doc].start;
      const end = this.docLines[last].end;
      this.diagnostics.push(
        makeDiagnostic(
          "W0110",
          { detail: "a doc comment here documents nothing", help: "use `//` for an ordinary comment" },
          { span: { file: this.file, start, end }, index: this.index }
        )
      );
    }
    return this.diagnostics;
  }
  /** The doc lines directly before token `i` (or the current token), marked as attached. */
  takeDoc(i = this.pos) {
    const t3 = this.tokens[i];
    if (t3.doc < 0 || this.spec > 0) return void 0;
    this.attached.add(t3.doc);
    let last = t3.doc;
    while (last + 1 < this.docLines.length && this.docLines[last + 1].end <= t3.start) last++;
    const lines = [];
    for (let k = t3.doc; k <= last; k++) lines.push(this.docLines[k].text);
    return {
      kind: "Doc",
      text: lines.join("\n"),
      span: { start: this.docLines[t3.doc].start, end: this.docLines[last].end }
    };
  }
  mergeDoc(a, b) {
    if (!a) return b;
    if (!b) return a;
    return { kind: "Doc", text: `${a.text}
${b.text}`, span: { start: a.span.start, end: b.span.end } };
  }
  // ================= depth and recovery =================
  /** Enters one nesting level; false (after E0104 and skipping the group at the cursor) when too deep. */
  enter() {
    if (this.depth < (this.spec > 0 ? this.specDepthCap : MAX_DEPTH)) {
      this.depth++;
      return true;
    }
    if (this.spec > 0) {
      this.specFailed = true;
      return false;
    }
    if (!this.tooDeepReported) {
      this.tooDeepReported = true;
      this.error(
        "E0104",
        `more than ${MAX_DEPTH} nested levels`,
        "split the expression or block into smaller pieces"
      );
      this.quiet = true;
    }
    const close = this.pair[this.pos];
    if (close >= 0) this.jumpTo(close + 1);
    else if (isOpener(this.peek().kind)) this.jumpTo(this.tokens.length - 1);
    else this.advance();
    return false;
  }
  /**
   * A chain built by a loop (operators, postfix operations, `else if`) is as deep in the tree
   * as its length; past `MAX_CHAIN` links it is cut with E0104 so that every later recursive
   * walk of the tree stays within the stack. Returns true (the caller stops the chain).
   */
  chainTooLong() {
    if (this.spec > 0) {
      this.specFailed = true;
      return true;
    }
    if (!this.tooDeepReported) {
      this.tooDeepReported = true;
      this.error("E0104", `a chain of more than ${MAX_CHAIN} operations`, "split it with local variables");
      this.quiet = true;
    }
    return true;
  }
  leave() {
    this.depth--;
  }
  /** Skips over the balanced group starting at the cursor, or one token. */
  skipOne() {
    const close = this.pair[this.pos];
    if (close >= 0) this.jumpTo(close + 1);
    else this.advance();
  }
  /** Rule 19 inside blocks: skip to after `;`, or to `}`, a statement/item keyword or a line start. */
  syncStatement() {
    const from = this.pos;
    for (; ; ) {
      const k = this.peek().kind;
      if (k === 0 /* EOF */ || k === 36 /* RBrace */) return;
      if (k === 44 /* Semi */) {
        this.advance();
        return;
      }
      if (this.pos > from && (SYNC_STATEMENT.has(k) || SYNC_ITEM.has(k) || this.atLineStart())) return;
      if (k === 38 /* RParen */ || k === 40 /* RBracket */ || k === 8 /* StringMiddle */ || k === 9 /* StringTail */) {
        this.advance();
        continue;
      }
      this.skipOne();
    }
  }
  /** Rule 19 at item level: skip to an item keyword, `[` or an identifier at a line start, or past `;`. */
  syncItem() {
    const from = this.pos;
    for (; ; ) {
      const k = this.peek().kind;
      if (k === 0 /* EOF */ || k === 36 /* RBrace */) return;
      if (k === 44 /* Semi */) {
        this.advance();
        return;
      }
      if ((this.pos > from || this.atLineStart()) && (SYNC_ITEM.has(k) || (k === 1 /* Ident */ || k === 39 /* LBracket */) && this.atLineStart())) {
        return;
      }
      this.skipOne();
    }
  }
  /** Expects `;` ending a statement; on failure reports and resynchronises unless a new line starts. */
  expectSemi(help) {
    if (this.eat(44 /* Semi */)) return true;
    if (this.missingSemiAtLineEnd()) return false;
    this.errorExpected("`;`", help);
    if (!this.at(36 /* RBrace */)) this.syncStatement();
    return false;
  }
  // ================= speculation =================
  speculate(f) {
    const savePos = this.pos;
    const saveEnd = this.prevEnd;
    const saveFailed = this.specFailed;
    const saveCap = this.specDepthCap;
    this.spec++;
    this.specFailed = false;
    this.specDepthCap = Math.min(MAX_DEPTH, this.depth + SPECULATION_DEPTH);
    const r = f();
    const failed = this.specFailed;
    this.spec--;
    this.specFailed = saveFailed;
    this.specDepthCap = saveCap;
    if (failed) {
      this.pos = savePos;
      this.prevEnd = saveEnd;
      return void 0;
    }
    return r;
  }
  restore(pos) {
    this.jumpTo(pos);
  }
  // ================= file and items =================
  parseFile() {
    const items = this.parseItems(false);
    const eof = this.peek();
    return { kind: "SourceFile", file: this.file, items, span: { start: 0, end: eof.end } };
  }
  parseItems(inModule) {
    const items = [];
    for (; ; ) {
      const k = this.peek().kind;
      if (k === 0 /* EOF */) break;
      if (k === 36 /* RBrace */) {
        if (inModule) break;
        this.error("E0102", `found ${this.found()} with no block to close`);
        this.advance();
        continue;
      }
      const before = this.pos;
      if (this.depth === 0) {
        this.unwind = false;
        this.quiet = false;
        this.tooDeepReported = false;
      }
      const item = this.parseItem();
      if (item) items.push(item);
      if (this.pos === before) this.advance();
    }
    return items;
  }
  parseAttributes() {
    const attrs = [];
    while (this.at(39 /* LBracket */)) attrs.push(this.parseAttribute());
    return attrs.length ? attrs : EMPTY;
  }
  parseAttribute() {
    const start = this.startOf();
    this.advance();
    const name = this.expectIdent("an attribute name");
    let args;
    if (this.eat(37 /* LParen */)) {
      args = [];
      while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
        const s = this.startOf();
        const before = this.pos;
        const argName = this.expectIdent("an argument name");
        this.expect(45 /* Colon */);
        const value = this.parseExpr();
        args.push({ kind: "AttrArg", name: argName, value, span: this.span(s) });
        if (!this.eat(43 /* Comma */)) break;
        if (this.pos === before) break;
      }
      this.expect(38 /* RParen */);
    }
    if (!this.expect(40 /* RBracket */)) this.skipTo(40 /* RBracket */);
    return { kind: "Attribute", name, args, span: this.span(start) };
  }
  /** Skips (balanced) to the given closer on failure and consumes it when found. */
  skipTo(kind) {
    for (; ; ) {
      const k = this.peek().kind;
      if (k === kind) {
        this.advance();
        return;
      }
      if (k === 0 /* EOF */ || k === 44 /* Semi */ || k === 36 /* RBrace */ || k === 35 /* LBrace */) return;
      this.skipOne();
    }
  }
  noAttributes(attrs, what) {
    if (attrs.length === 0) return;
    const a = attrs[0];
    this.errorAt("E0101", `${what} take no attributes`, a.span);
  }
  /** Reports at an explicit span (used where the offending construct is already consumed). */
  errorAt(code, detail, at, help) {
    if (this.spec > 0) {
      this.specFailed = true;
      return;
    }
    this.diagnostics.push(
      makeDiagnostic(
        code,
        { detail, ...help !== void 0 ? { help } : {} },
        { span: { file: this.file, start: at.start, end: at.end }, index: this.index }
      )
    );
  }
  parseItem() {
    const start = this.startOf();
    let doc = this.takeDoc();
    const attributes = this.parseAttributes();
    if (attributes.length) doc = this.mergeDoc(doc, this.takeDoc());
    const isPub = this.eat(30 /* KwPub */);
    const base = { doc, attributes, isPub, start };
    const t3 = this.peek();
    switch (t3.kind) {
      case 28 /* KwMod */:
        return this.parseModItem(base);
      case 29 /* KwUse */:
        this.noAttributes(attributes, "`use` declarations");
        return this.parseUse(base);
      case 11 /* KwType */:
        return this.parseTypeItem(base);
      case 12 /* KwEnum */:
        return this.parseEnum(base);
      case 13 /* KwContract */:
        return this.parseContract(base);
      case 14 /* KwAttribute */:
        return this.parseAttributeDecl(base);
      case 15 /* KwImpl */:
        this.noAttributes(attributes, "impl blocks");
        return this.parseImpl(base, "impl");
      case 31 /* KwTest */:
        return this.parseTest(base);
      case 1 /* Ident */: {
        const w = t3.value;
        if (w === "const" && this.peek(1).kind === 1 /* Ident */ && this.peek(2).kind === 49 /* Eq */) {
          this.noAttributes(attributes, "consts");
          return this.parseConst(base);
        }
        if (w === "extend" && this.peek(1).kind === 11 /* KwType */) {
          this.noAttributes(attributes, "extend blocks");
          return this.parseImpl(base, "extend");
        }
        if ((w === "macro" || w === "host") && this.peek(1).kind === 1 /* Ident */ && this.peek(2).kind === 37 /* LParen */) {
          return w === "macro" ? this.parseMacro(base) : this.parseHost(base);
        }
        return this.parseFunction(base);
      }
      case 37 /* LParen */:
        return this.parseFunction(base);
      default:
        this.error(
          "E0102",
          `found ${this.found()}`,
          "items are functions, types, enums, contracts, tests, `mod` and `use`"
        );
        this.advance();
        this.syncItem();
        return void 0;
    }
  }
  item(base, node) {
    const fields = node;
    return {
      kind: node.kind,
      doc: base.doc,
      attributes: base.attributes,
      isPub: base.isPub,
      ...fields,
      span: this.span(base.start)
    };
  }
  parseModPath() {
    const start = this.startOf();
    const segments = [this.expectIdent("a module name")];
    while (this.at(47 /* Dot */) && this.peek(1).kind === 1 /* Ident */) {
      this.advance();
      segments.push(this.identOf(this.advance()));
    }
    return { kind: "ModPath", segments, span: this.span(start) };
  }
  parseModItem(base) {
    this.advance();
    if (this.peek().kind === 1 /* Ident */ && this.peek(1).kind === 35 /* LBrace */) {
      const name = this.identOf(this.advance());
      this.advance();
      if (!this.enter()) return this.item(base, { kind: "InlineModule", name, items: [] });
      const items = this.parseItems(true);
      this.leave();
      this.expect(36 /* RBrace */);
      return this.item(base, { kind: "InlineModule", name, items });
    }
    const path2 = this.parseModPath();
    this.expectItemSemi();
    return this.item(base, { kind: "ModDecl", path: path2 });
  }
  expectItemSemi() {
    if (this.eat(44 /* Semi */)) return;
    if (this.missingSemiAtLineEnd()) return;
    this.errorExpected("`;`");
    this.syncItem();
  }
  parseUse(base) {
    this.advance();
    const path2 = this.parseModPath();
    if (this.at(47 /* Dot */) && (this.peek(1).kind === 35 /* LBrace */ || this.peek(1).kind === 59 /* Star */)) {
      const grouped = this.peek(1).kind === 35 /* LBrace */;
      this.error(
        "E0103",
        grouped ? "grouped imports do not exist" : "glob imports do not exist",
        "write one `use A.B;` per module or item"
      );
      this.advance();
      this.skipOne();
      this.eat(44 /* Semi */);
      return this.item(base, { kind: "Use", path: path2 });
    }
    let alias;
    if (this.atWord("as")) {
      this.advance();
      alias = this.expectIdent("an alias name");
    }
    this.expectItemSemi();
    return this.item(base, { kind: "Use", path: path2, alias });
  }
  parseConst(base) {
    this.advance();
    const name = this.identOf(this.advance());
    this.advance();
    const value = this.parseSignedInt("an integer literal");
    this.expectItemSemi();
    return this.item(base, { kind: "Const", name, value });
  }
  parseSignedInt(what) {
    const start = this.startOf();
    const negative = this.eat(58 /* Minus */);
    const t3 = this.peek();
    let literal;
    if (t3.kind === 3 /* Int */) {
      this.advance();
      literal = this.intLiteral(t3);
    } else {
      this.errorExpected(what);
      literal = { kind: "IntLit", value: 0n, radix: 10, span: this.here() };
    }
    return { kind: "SignedInt", negative, literal, span: this.span(start) };
  }
  intLiteral(t3) {
    const code = (t3.flags & SUFFIX_MASK) >> SUFFIX_SHIFT;
    return {
      kind: "IntLit",
      value: t3.value,
      radix: t3.flags & HEX ? 16 : 10,
      suffix: code ? SUFFIXES[code] : void 0,
      span: { start: t3.start, end: t3.end }
    };
  }
  floatLiteral(t3) {
    const code = (t3.flags & SUFFIX_MASK) >> SUFFIX_SHIFT;
    return {
      kind: "FloatLit",
      value: t3.value,
      suffix: code ? SUFFIXES[code] : void 0,
      span: { start: t3.start, end: t3.end }
    };
  }
  parseGenericParams() {
    const params = [];
    if (!this.at(41 /* Lt */)) return EMPTY;
    this.advance();
    while (!this.at(42 /* Gt */) && !this.at(0 /* EOF */)) {
      const before = this.pos;
      params.push(this.expectIdent("a type parameter name"));
      if (!this.eat(43 /* Comma */)) break;
      if (this.pos === before) break;
    }
    this.expect(42 /* Gt */);
    return params.length ? params : EMPTY;
  }
  parseWhere() {
    const bounds = [];
    if (!(this.atWord("where") && this.peek(1).kind === 1 /* Ident */ && this.peek(2).kind === 45 /* Colon */))
      return EMPTY;
    this.advance();
    do {
      const start = this.startOf();
      const param = this.expectIdent("a type parameter name");
      this.expect(45 /* Colon */);
      const bound = this.parseTypePath();
      bounds.push({ kind: "WhereBound", param, bound, span: this.span(start) });
    } while (this.eat(43 /* Comma */));
    return bounds;
  }
  parseConformances() {
    const list = [];
    if (!this.eat(45 /* Colon */)) return EMPTY;
    do
      list.push(this.parseTypePath());
    while (this.eat(43 /* Comma */));
    return list;
  }
  /** A `TypePath` where the grammar demands one (conformances, bounds, embeddings). */
  parseTypePath() {
    const t3 = this.parseType();
    if (t3.kind === "NamedType") return t3;
    if (t3.kind !== "ErrorType")
      this.errorAt("E0101", "expected a type path such as `Core.Text.Formattable`", t3.span);
    return { kind: "NamedType", segments: [], span: t3.span };
  }
  parseParams() {
    const params = [];
    if (!this.expect(37 /* LParen */)) return params;
    while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
      const before = this.pos;
      params.push(this.parseParam());
      if (this.eat(43 /* Comma */)) continue;
      if (!this.at(38 /* RParen */)) this.errorExpected("`,` or `)`");
      break;
    }
    if (!this.eat(38 /* RParen */)) {
      this.errorExpected("`)`");
      this.skipTo(38 /* RParen */);
    }
    return params.length ? params : EMPTY;
  }
  /** Rule 13: `ref`/`out`/`bulk` are modifiers only when a type and a name follow. */
  isModifierWord(word) {
    if (!this.atWord(word)) return false;
    const save = this.pos;
    const ok = this.speculate(() => {
      this.advance();
      this.parseType();
      if (!this.at(1 /* Ident */)) this.specFailed = true;
      return true;
    });
    this.restore(save);
    return ok === true;
  }
  parseParam() {
    const start = this.startOf();
    const doc = this.takeDoc();
    let bulk = false;
    if (this.isModifierWord("bulk")) {
      this.advance();
      bulk = true;
    }
    let modifier;
    if (this.eat(27 /* KwMut */)) modifier = "mut";
    else if (this.isModifierWord("ref")) {
      this.advance();
      modifier = "ref";
    } else if (this.isModifierWord("out")) {
      this.advance();
      modifier = "out";
    }
    const type = this.parseType();
    const name = this.expectIdent("a parameter name");
    return {
      kind: "Param",
      doc,
      bulk,
      modifier,
      type,
      name,
      span: this.span(start)
    };
  }
  parseFunction(base) {
    const errorsBefore = this.diagnostics.length;
    const returnType = this.parseType();
    const name = this.expectIdent("a function name");
    if (name.text && !this.at(37 /* LParen */) && !this.at(41 /* Lt */)) {
      const word = returnType.kind === "NamedType" && returnType.segments.length === 1 ? returnType.segments[0].name.text : "";
      const hint = FOREIGN_ITEM_WORDS.get(word);
      if (this.diagnostics.length > errorsBefore) {
      } else if (hint)
        this.errorAt("E0103", `\`${word}\` is not a Beskid declaration`, returnType.span, hint);
      else this.errorExpected("`(` after the function name");
      this.lastErrorToken = Math.max(this.lastErrorToken, this.pos);
      this.syncItem();
      return this.item(base, {
        kind: "Function",
        returnType,
        name,
        typeParams: EMPTY,
        params: EMPTY,
        where: EMPTY,
        body: void 0
      });
    }
    const typeParams = this.parseGenericParams();
    const params = this.parseParams();
    const where = this.parseWhere();
    let body;
    if (this.at(35 /* LBrace */)) body = this.parseBlock();
    else if (this.at(48 /* FatArrow */)) body = this.parseExprBody(true);
    else if (!this.eat(44 /* Semi */)) {
      this.errorExpected("`{`, `=>` or `;`");
      this.syncItem();
    }
    return this.item(base, {
      kind: "Function",
      returnType,
      name,
      typeParams,
      params,
      where,
      body
    });
  }
  parseExprBody(semiRequired) {
    const start = this.startOf();
    this.advance();
    const expr = this.parseExpr();
    const span = this.span(start);
    if (semiRequired) this.expectItemSemi();
    else this.eat(44 /* Semi */);
    return { kind: "ExprBody", expr, span };
  }
  parseImpl(base, form) {
    if (base.isPub)
      this.errorAt("E0101", `\`pub\` has no meaning on ${form} blocks`, {
        start: base.start,
        end: base.start + 3
      });
    this.advance();
    if (form === "extend") this.advance();
    const typeParams = form === "impl" ? this.parseGenericParams() : [];
    const target = this.parseType();
    const conformances = form === "impl" ? this.parseConformances() : [];
    const where = form === "impl" ? this.parseWhere() : [];
    const members = [];
    if (this.expect(35 /* LBrace */)) {
      while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */)) {
        this.unwind = false;
        const before = this.pos;
        const m = this.parseMemberEntry(false);
        if (m && m.kind !== "Field" && m.kind !== "EventField" && m.kind !== "InjectField") members.push(m);
        if (this.pos === before && !this.unwind) this.skipOne();
      }
      this.expect(36 /* RBrace */);
    }
    return this.item(base, {
      kind: "Impl",
      form,
      typeParams,
      target,
      conformances,
      where,
      members
    });
  }
  /**
   * One entry of a type or impl body (rule 10): event field, inject field, associated type,
   * member or value field. Returns undefined after reporting when nothing could be parsed.
   */
  parseMemberEntry(allowFields) {
    const start = this.startOf();
    let doc = this.takeDoc();
    const attributes = this.parseAttributes();
    if (attributes.length) doc = this.mergeDoc(doc, this.takeDoc());
    const isPub = this.eat(30 /* KwPub */);
    if (this.at(11 /* KwType */)) {
      this.advance();
      const name2 = this.expectIdent("an associated type name");
      let value;
      if (this.expect(49 /* Eq */)) value = this.parseType();
      this.expectItemSemi();
      return { kind: "AssocType", doc, name: name2, value, span: this.span(start) };
    }
    if (allowFields && this.atWord("event") && (this.peek(1).kind === 35 /* LBrace */ || this.peek(1).kind === 1 /* Ident */ && this.peek(2).kind === 37 /* LParen */)) {
      this.advance();
      let capacity;
      if (this.eat(35 /* LBrace */)) {
        capacity = this.parseSignedInt("an event capacity");
        this.expect(36 /* RBrace */);
      }
      const name2 = this.expectIdent("an event name");
      const params = this.parseParams();
      return {
        kind: "EventField",
        doc,
        attributes,
        isPub,
        capacity,
        name: name2,
        params,
        span: this.span(start)
      };
    }
    if (allowFields && this.atWord("inject") && this.isInjectField()) {
      this.advance();
      let scope;
      if ((this.atWord("global") || this.atWord("parent")) && this.peek(1).kind === 46 /* ColonColon */) {
        scope = this.advance().value;
        this.advance();
      }
      const type2 = this.parseType();
      const name2 = this.expectIdent("a field name");
      return {
        kind: "InjectField",
        doc,
        attributes,
        isPub,
        scope,
        type: type2,
        name: name2,
        span: this.span(start)
      };
    }
    if (!this.startsType()) {
      this.errorExpected(
        allowFields ? "a field or member" : "a member",
        this.at(43 /* Comma */) ? "commas separate fields only; a member ends with its `}` or with `;` after `=> expr`" : void 0
      );
      this.syncStatement();
      return void 0;
    }
    const type = this.parseType();
    const name = this.expectIdent(allowFields ? "a field or member name" : "a member name");
    if (this.at(41 /* Lt */)) {
      const s = this.startOf();
      this.parseGenericParams();
      this.errorAt(
        "E0103",
        "members take no generic parameters",
        this.span(s),
        "declare the type parameter on the type or impl, or make this a module function"
      );
    }
    if (this.at(37 /* LParen */)) {
      const params = this.parseParams();
      let body;
      if (this.at(35 /* LBrace */)) {
        body = this.parseBlock();
        this.eat(44 /* Semi */);
      } else if (this.at(48 /* FatArrow */)) {
        body = this.parseExprBody(false);
      } else {
        this.errorExpected("`{` or `=>` (a member needs a body)");
        body = { kind: "Block", statements: [], span: this.here() };
        this.syncStatement();
      }
      return {
        kind: "Method",
        doc,
        attributes,
        isPub,
        returnType: type,
        name,
        params,
        body,
        span: this.span(start)
      };
    }
    if (!allowFields) {
      this.errorExpected("`(` (impl blocks hold members)");
      this.syncStatement();
    }
    return { kind: "Field", doc, attributes, isPub, type, name, span: this.span(start) };
  }
  /** `inject` followed by a type and a name (rule 14). */
  isInjectField() {
    const save = this.pos;
    const ok = this.speculate(() => {
      this.advance();
      if ((this.atWord("global") || this.atWord("parent")) && this.peek(1).kind === 46 /* ColonColon */) {
        this.advance();
        this.advance();
      }
      this.parseType();
      if (!this.at(1 /* Ident */)) this.specFailed = true;
      return true;
    });
    this.restore(save);
    return ok === true;
  }
  startsType() {
    const k = this.peek().kind;
    return k === 1 /* Ident */ || k === 37 /* LParen */;
  }
  parseTypeItem(base) {
    this.advance();
    const name = this.expectIdent("a type name");
    const typeParams = this.parseGenericParams();
    if (this.at(49 /* Eq */)) {
      this.error("E0103", "type aliases do not exist", "declare a record with `type Name { fields }`");
      this.syncItem();
      return this.item(base, {
        kind: "Type",
        name,
        typeParams,
        conformances: [],
        fields: [],
        members: []
      });
    }
    const conformances = this.parseConformances();
    const fields = [];
    const members = [];
    if (this.expect(35 /* LBrace */)) {
      let needComma = false;
      let semicolonReported = false;
      while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */)) {
        this.unwind = false;
        const before = this.pos;
        const entryStart = this.pos;
        const m = this.parseMemberEntry(true);
        if (m) {
          if (m.kind === "Method" || m.kind === "AssocType") {
            members.push(m);
            needComma = false;
          } else {
            if (members.length) {
              this.errorAt(
                "E0101",
                "a field after the first member",
                m.span,
                "fields come first in a type body"
              );
            } else if (needComma) {
              this.errorAt("E0101", "expected `,` between fields", {
                start: this.tokens[entryStart].start,
                end: this.tokens[entryStart].end
              });
            }
            fields.push(m);
            needComma = !this.eat(43 /* Comma */);
            if (needComma && this.at(44 /* Semi */)) {
              if (!semicolonReported) {
                this.error(
                  "E0101",
                  "expected `,` after a field, found `;`",
                  "fields are separated by commas"
                );
                semicolonReported = true;
              }
              this.advance();
              needComma = false;
            }
          }
        }
        if (this.pos === before && !this.unwind) this.skipOne();
      }
      this.expect(36 /* RBrace */);
    }
    return this.item(base, { kind: "Type", name, typeParams, conformances, fields, members });
  }
  parseEnum(base) {
    this.advance();
    const name = this.expectIdent("an enum name");
    const typeParams = this.parseGenericParams();
    const variants = [];
    if (this.expect(35 /* LBrace */)) {
      while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */)) {
        const before = this.pos;
        variants.push(this.parseVariant());
        if (this.eat(43 /* Comma */)) continue;
        if (!this.at(36 /* RBrace */)) {
          this.errorExpected("`,` or `}`");
          if (this.pos === before && !this.unwind) this.skipOne();
          if (!this.atLineStart()) this.syncStatement();
        }
      }
      this.expect(36 /* RBrace */);
    }
    return this.item(base, { kind: "Enum", name, typeParams, variants });
  }
  parseVariant() {
    const start = this.startOf();
    const doc = this.takeDoc();
    if (this.at(39 /* LBracket */)) {
      const attrs = this.parseAttributes();
      this.noAttributes(attrs, "variants");
    }
    const name = this.expectIdent("a variant name");
    const fields = [];
    let hasParens = false;
    if (this.eat(37 /* LParen */)) {
      hasParens = true;
      while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
        const s = this.startOf();
        const fdoc = this.takeDoc();
        const type = this.parseType();
        const fname2 = this.at(1 /* Ident */) ? this.identOf(this.advance()) : void 0;
        fields.push({
          kind: "VariantField",
          doc: fdoc,
          type,
          name: fname2,
          index: fields.length,
          span: this.span(s)
        });
        if (this.eat(43 /* Comma */)) continue;
        if (!this.at(38 /* RParen */)) this.errorExpected("`,` or `)`");
        break;
      }
      if (!this.eat(38 /* RParen */)) this.skipTo(38 /* RParen */);
    }
    return { kind: "Variant", doc, name, hasParens, fields, span: this.span(start) };
  }
  parseContract(base) {
    this.advance();
    const name = this.expectIdent("a contract name");
    const typeParams = this.parseGenericParams();
    const members = [];
    if (this.expect(35 /* LBrace */)) {
      while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */)) {
        const before = this.pos;
        const m = this.parseContractMember();
        if (m) members.push(m);
        if (this.pos === before && !this.unwind) this.skipOne();
      }
      this.expect(36 /* RBrace */);
    }
    return this.item(base, { kind: "Contract", name, typeParams, members });
  }
  /** Rule 11. */
  parseContractMember() {
    const start = this.startOf();
    let doc = this.takeDoc();
    const attributes = this.parseAttributes();
    if (attributes.length) doc = this.mergeDoc(doc, this.takeDoc());
    if (this.at(11 /* KwType */)) {
      this.advance();
      const name = this.expectIdent("an associated type name");
      const value = this.eat(49 /* Eq */) ? this.parseType() : void 0;
      this.expectItemSemi();
      return { kind: "AssocType", doc, name, value, span: this.span(start) };
    }
    if (!this.startsType()) {
      this.errorExpected("a method signature or an embedded contract");
      this.syncStatement();
      return void 0;
    }
    const type = this.parseType();
    if (this.at(1 /* Ident */) && this.peek(1).kind === 37 /* LParen */) {
      const name = this.identOf(this.advance());
      const params = this.parseParams();
      if (this.at(35 /* LBrace */) || this.at(48 /* FatArrow */)) {
        this.error("E0101", "contract methods have no body", "write the signature followed by `;`");
        if (this.at(35 /* LBrace */)) this.skipOne();
        else this.syncStatement();
      } else this.expectItemSemi();
      return {
        kind: "ContractMethod",
        doc,
        attributes,
        returnType: type,
        name,
        params,
        span: this.span(start)
      };
    }
    if (attributes.length) this.noAttributes(attributes, "embedded contracts");
    const embedded = type.kind === "NamedType" ? type : void 0;
    if (!embedded) {
      if (type.kind !== "ErrorType")
        this.errorAt("E0101", "expected a method signature or an embedded contract path", type.span);
      this.syncStatement();
      return void 0;
    }
    const k = this.peek().kind;
    if (!this.eat(44 /* Semi */) && k !== 36 /* RBrace */ && k !== 1 /* Ident */ && k !== 11 /* KwType */ && k !== 39 /* LBracket */) {
      this.errorExpected("`;` or a method name followed by `(`");
      this.syncStatement();
    }
    return { kind: "ContractEmbed", doc, type: embedded, span: this.span(start) };
  }
  parseTest(base) {
    this.advance();
    const name = this.expectIdent("a test name");
    const sections = [];
    const body = [];
    if (this.at(37 /* LParen */)) {
      this.error("E0101", "tests take no parameter list", "write `test Name { \u2026 }`");
      this.skipOne();
    }
    if (this.expect(35 /* LBrace */)) {
      if (this.enter()) {
        while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */) && !this.unwind) {
          const before = this.pos;
          if ((this.atWord("meta") || this.at(32 /* KwSkip */)) && this.peek(1).kind === 35 /* LBrace */) {
            sections.push(this.parseTestSection());
          } else {
            const s = this.parseStatement(true);
            if (s) body.push(s);
          }
          if (this.pos === before && !this.unwind) this.skipOne();
        }
        this.leave();
      }
      this.expect(36 /* RBrace */);
    }
    return this.item(base, { kind: "Test", name, sections, body });
  }
  parseTestSection() {
    const start = this.startOf();
    const section = this.at(32 /* KwSkip */) ? "skip" : "meta";
    this.advance();
    this.advance();
    const entries = [];
    while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */) && !this.unwind) {
      const before = this.pos;
      const s = this.startOf();
      const key = this.expectIdent("a key");
      this.expect(49 /* Eq */);
      const value = this.parseExpr();
      this.expectSemi();
      entries.push({ kind: "TestEntry", key, value, span: this.span(s) });
      if (this.pos === before && !this.unwind) this.skipOne();
    }
    this.expect(36 /* RBrace */);
    return { kind: "TestSection", section, entries, span: this.span(start) };
  }
  parseAttributeDecl(base) {
    this.advance();
    const name = this.expectIdent("an attribute name");
    let targets;
    if (this.eat(37 /* LParen */)) {
      targets = [];
      while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
        const before = this.pos;
        targets.push(this.expectIdent("a target name"));
        if (!this.eat(43 /* Comma */) || this.pos === before) break;
      }
      if (!this.expect(38 /* RParen */)) this.skipTo(38 /* RParen */);
    }
    const params = [];
    if (this.expect(35 /* LBrace */)) {
      while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */) && !this.unwind) {
        const before = this.pos;
        const s = this.startOf();
        const pname = this.expectIdent("a parameter name");
        this.expect(45 /* Colon */);
        const type = this.parseType();
        const def = this.eat(49 /* Eq */) ? this.parseExpr() : void 0;
        params.push({
          kind: "AttrParam",
          name: pname,
          type,
          default: def,
          span: this.span(s)
        });
        if (this.eat(43 /* Comma */)) continue;
        if (!this.at(36 /* RBrace */)) {
          this.errorExpected("`,` or `}`");
          this.syncStatement();
        }
        if (this.pos === before && !this.unwind) this.skipOne();
      }
      this.expect(36 /* RBrace */);
    }
    return this.item(base, {
      kind: "AttributeDecl",
      name,
      targets,
      params
    });
  }
  /** A balanced `{ … }` kept opaque. */
  parseTokenBlock() {
    const start = this.startOf();
    if (!this.at(35 /* LBrace */)) {
      this.errorExpected("`{`");
      return { kind: "TokenBlock", span: this.here() };
    }
    const close = this.pair[this.pos];
    if (close < 0) {
      this.error("E0101", "this `{` is never closed");
      this.jumpTo(this.tokens.length - 1);
    } else this.jumpTo(close + 1);
    return { kind: "TokenBlock", span: this.span(start) };
  }
  parseMacro(base) {
    this.advance();
    const name = this.identOf(this.advance());
    this.advance();
    const params = [];
    while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
      const before = this.pos;
      const s = this.startOf();
      const paramKind = this.expectIdent("a macro parameter kind");
      const pname = this.expectIdent("a macro parameter name");
      params.push({ kind: "MacroParam", paramKind, name: pname, span: this.span(s) });
      if (!this.eat(43 /* Comma */) || this.pos === before) break;
    }
    if (!this.expect(38 /* RParen */)) this.skipTo(38 /* RParen */);
    const body = this.parseTokenBlock();
    return this.item(base, { kind: "Macro", name, params, body });
  }
  parseHost(base) {
    this.advance();
    const name = this.identOf(this.advance());
    const params = this.parseParams();
    const service = this.eat(45 /* Colon */) ? this.parseTypePath() : void 0;
    const body = this.parseTokenBlock();
    return this.item(base, { kind: "Host", name, params, service, body });
  }
  // ================= types =================
  parseType() {
    const start = this.startOf();
    if (!this.enter()) return { kind: "ErrorType", span: this.span(start) };
    try {
      if (this.at(37 /* LParen */)) {
        this.advance();
        const params = this.parseTypeList(38 /* RParen */);
        this.expect(38 /* RParen */);
        if (!this.at(48 /* FatArrow */)) {
          this.errorExpected("`=>` (a function type is written `(T, U) => R`)");
          return { kind: "ErrorType", span: this.span(start) };
        }
        this.advance();
        const returnType = this.parseType();
        return { kind: "FunctionType", returnType, params, arrow: true, span: this.span(start) };
      }
      const atom = this.parseTypeAtom();
      if (atom.kind === "ErrorType") return atom;
      if (this.at(37 /* LParen */)) {
        this.advance();
        const params = this.parseTypeList(38 /* RParen */);
        this.expect(38 /* RParen */);
        return { kind: "FunctionType", returnType: atom, params, arrow: false, span: this.span(start) };
      }
      let t3 = atom;
      while (this.at(39 /* LBracket */) && this.peek(1).kind === 40 /* RBracket */) {
        this.advance();
        this.advance();
        t3 = { kind: "ArrayType", element: t3, span: this.span(start) };
      }
      return t3;
    } finally {
      this.leave();
    }
  }
  parseTypeList(close) {
    const list = [];
    while (!this.at(close) && !this.at(0 /* EOF */)) {
      const before = this.pos;
      list.push(this.parseType());
      if (!this.eat(43 /* Comma */) || this.pos === before) break;
    }
    return list;
  }
  parseTypeAtom() {
    const start = this.startOf();
    const t3 = this.peek();
    if (t3.kind !== 1 /* Ident */) {
      this.errorExpected("a type");
      return { kind: "ErrorType", span: this.here() };
    }
    const word = t3.value;
    if (word === "ref" && this.peek(1).kind === 1 /* Ident */) {
      this.advance();
      if (!this.enter()) return { kind: "ErrorType", span: this.span(start) };
      const inner = this.parseTypeAtom();
      this.leave();
      return { kind: "RefType", inner, span: this.span(start) };
    }
    if (word === "This") {
      this.advance();
      return { kind: "ThisType", span: this.span(start) };
    }
    if (PRIMITIVES.has(word)) {
      this.advance();
      return { kind: "PrimitiveType", name: word, span: this.span(start) };
    }
    const segments = [];
    for (; ; ) {
      const s = this.startOf();
      const name = this.expectIdent("a type name");
      let typeArgs;
      if (this.at(41 /* Lt */)) {
        this.advance();
        typeArgs = this.parseTypeList(42 /* Gt */);
        this.expect(42 /* Gt */);
      }
      segments.push({ kind: "PathSegment", name, typeArgs, span: typeArgs ? this.span(s) : name.span });
      if (segments.length >= MAX_CHAIN && this.chainTooLong()) break;
      if (this.at(47 /* Dot */) && this.peek(1).kind === 1 /* Ident */) {
        this.advance();
        continue;
      }
      break;
    }
    let assoc;
    if (this.at(46 /* ColonColon */) && this.peek(1).kind === 1 /* Ident */) {
      this.advance();
      assoc = this.identOf(this.advance());
    }
    return { kind: "NamedType", segments, assoc, span: this.span(start) };
  }
  /** Rule 3: `<Type, …>` after a name in an expression or pattern, only when the follow set confirms it. */
  tryGenericArgs() {
    if (!this.at(41 /* Lt */)) return void 0;
    const save = this.pos;
    const args = this.speculate(() => {
      this.advance();
      const list = this.parseTypeList(42 /* Gt */);
      if (list.length === 0 || !this.at(42 /* Gt */)) {
        this.specFailed = true;
        return list;
      }
      this.advance();
      if (!GENERIC_FOLLOW.has(this.peek().kind)) this.specFailed = true;
      return list;
    });
    if (args === void 0) this.restore(save);
    return args;
  }
  // ================= statements =================
  parseBlock() {
    const start = this.startOf();
    if (!this.at(35 /* LBrace */)) {
      this.errorExpected("`{`");
      return { kind: "Block", statements: [], span: this.here() };
    }
    if (!this.enter()) return { kind: "Block", statements: [], span: this.span(start) };
    this.advance();
    const statements = [];
    const saveHead = this.inHead;
    this.inHead = false;
    while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */) && !this.unwind) {
      const before = this.pos;
      const s = this.parseStatement(false);
      if (s) statements.push(s);
      if (this.pos === before && !this.unwind) this.skipOne();
    }
    this.inHead = saveHead;
    this.leave();
    if (this.at(0 /* EOF */)) this.errorExpected("`}`", this.unclosedBlockHint());
    else this.expect(36 /* RBrace */);
    return { kind: "Block", statements, span: this.span(start) };
  }
  parseStatement(inTest) {
    const start = this.startOf();
    const doc = inTest ? this.takeDoc() : void 0;
    const s = this.parseStatementInner(start);
    if (s && doc) return { ...s, doc };
    return s;
  }
  parseStatementInner(start) {
    const t3 = this.peek();
    switch (t3.kind) {
      case 35 /* LBrace */: {
        const block = this.parseBlock();
        this.eat(44 /* Semi */);
        return { kind: "BlockStmt", block, span: this.span(start) };
      }
      case 16 /* KwMatch */: {
        const expr = this.parseMatch();
        const semicolon = this.eat(44 /* Semi */);
        return { kind: "ExprStmt", expr, semicolon, span: this.span(start) };
      }
      case 18 /* KwIf */:
        return this.parseIf();
      case 20 /* KwWhile */: {
        this.advance();
        if (this.at(26 /* KwLet */)) {
          this.error("E0103", "`while let` does not exist", "use `while` with a `match` inside");
          this.syncStatement();
          return void 0;
        }
        const condition = this.parseHeadExpr();
        const body = this.parseBlock();
        return { kind: "While", condition, body, span: this.span(start) };
      }
      case 21 /* KwFor */: {
        this.advance();
        const binding = this.expectIdent("a loop variable");
        this.expect(22 /* KwIn */);
        const iterable = this.parseHeadExpr();
        const body = this.parseBlock();
        return { kind: "For", binding, iterable, body, span: this.span(start) };
      }
      case 23 /* KwReturn */: {
        this.advance();
        let value;
        if (!this.at(44 /* Semi */) && !this.at(36 /* RBrace */)) value = this.parseExpr();
        this.expectSemi();
        return { kind: "Return", value, span: this.span(start) };
      }
      case 24 /* KwBreak */:
      case 25 /* KwContinue */: {
        this.advance();
        if (this.at(1 /* Ident */) && !this.atLineStart()) {
          this.error(
            "E0103",
            "loops have no labels",
            `write \`${t3.kind === 24 /* KwBreak */ ? "break" : "continue"};\``
          );
          this.advance();
        }
        this.expectSemi();
        return { kind: t3.kind === 24 /* KwBreak */ ? "Break" : "Continue", span: this.span(start) };
      }
      case 27 /* KwMut */: {
        this.advance();
        const type = this.parseType();
        return this.finishLocal(start, "typed", true, type);
      }
      case 26 /* KwLet */: {
        this.advance();
        const mutable = this.eat(27 /* KwMut */);
        const name = this.expectIdent("a variable name");
        if (this.at(45 /* Colon */)) {
          this.error("E0103", "`let x: T` does not exist", "write `T x = \u2026;` for a typed local");
          this.advance();
          this.parseType();
        }
        let init;
        if (this.expect(49 /* Eq */)) init = this.parseExpr();
        this.expectSemi();
        return {
          kind: "Local",
          form: "let",
          mutable,
          name,
          init,
          span: this.span(start)
        };
      }
      case 29 /* KwUse */:
        return this.parseScopedUse(start);
      case 1 /* Ident */: {
        const w = t3.value;
        if (w === "with" && this.peek(1).kind === 1 /* Ident */ && this.peek(2).kind === 37 /* LParen */) {
          this.advance();
          this.advance();
          this.parseArgs();
          this.parseBlock();
          return { kind: "UnsupportedStmt", construct: "with", span: this.span(start) };
        }
        if (w === "launch" && this.peek(1).kind === 1 /* Ident */) {
          this.advance();
          this.parseTypeAtom();
          if (this.at(37 /* LParen */)) this.parseArgs();
          else this.errorExpected("`(`");
          this.expectSemi();
          return { kind: "UnsupportedStmt", construct: "launch", span: this.span(start) };
        }
        if (this.peek(1).kind === 45 /* Colon */ && (this.peek(2).kind === 20 /* KwWhile */ || this.peek(2).kind === 21 /* KwFor */)) {
          this.error(
            "E0103",
            "loops have no labels",
            "remove the label; `break` and `continue` apply to the innermost loop"
          );
          this.advance();
          this.advance();
          return this.parseStatementInner(this.startOf());
        }
        if (this.atLineStart() && this.looksLikeFunctionItem()) {
          this.error("E0101", "expected `}`, found the start of a function", this.unclosedBlockHint());
          this.unwind = true;
          return void 0;
        }
        return this.parseDeclOrExpr(start);
      }
      case 37 /* LParen */:
        return this.parseDeclOrExpr(start);
      case 19 /* KwElse */:
        this.error("E0101", "`else` without an `if` before it");
        this.advance();
        if (this.at(35 /* LBrace */)) this.skipOne();
        return void 0;
      case 44 /* Semi */:
        this.advance();
        return void 0;
      default: {
        if (SYNC_ITEM.has(t3.kind) && this.atLineStart() && this.atColumnOne()) {
          const fn = t3.kind === 30 /* KwPub */ && this.afterPubLooksLikeFunction();
          this.error(
            "E0101",
            `expected \`}\`, found the start of ${fn ? "a function" : "an item"}`,
            this.unclosedBlockHint()
          );
          this.unwind = true;
          return void 0;
        }
        if (SYNC_ITEM.has(t3.kind)) {
          this.error(
            "E0101",
            `expected a statement, found ${this.found()}`,
            "items cannot be declared inside blocks"
          );
          this.advance();
          this.syncStatement();
          return void 0;
        }
        return this.parseExprStatement(start);
      }
    }
  }
  /** `Type Name(` or `Type Name<`: never a statement, always a function item. */
  atColumnOne() {
    const start = this.peek().start;
    return start === 0 || this.text.charCodeAt(start - 1) === 10;
  }
  afterPubLooksLikeFunction() {
    const save = this.pos;
    this.advance();
    const ok = this.looksLikeFunctionItem();
    this.restore(save);
    return ok;
  }
  looksLikeFunctionItem() {
    const save = this.pos;
    const ok = this.speculate(() => {
      this.parseType();
      if (!(this.at(1 /* Ident */) && (this.peek(1).kind === 37 /* LParen */ || this.peek(1).kind === 41 /* Lt */)))
        this.specFailed = true;
      return true;
    });
    this.restore(save);
    return ok === true;
  }
  /** Rule 4: a type followed by `IDENT (= | ;)` or `mut IDENT` is a declaration. */
  parseDeclOrExpr(start) {
    const save = this.pos;
    const decl = this.speculate(() => {
      const type = this.parseType();
      const k = this.peek().kind;
      if (k === 1 /* Ident */) {
        const next = this.peek(1).kind;
        if (next === 49 /* Eq */ || next === 44 /* Semi */) return { type, mutable: false };
      } else if (k === 27 /* KwMut */ && this.peek(1).kind === 1 /* Ident */) {
        return { type, mutable: true };
      }
      this.specFailed = true;
      return void 0;
    });
    if (decl) {
      if (decl.mutable) this.advance();
      return this.finishLocal(start, "typed", decl.mutable, decl.type);
    }
    this.restore(save);
    return this.parseExprStatement(start);
  }
  finishLocal(start, form, mutable, type) {
    const name = this.expectIdent("a variable name");
    let init;
    if (this.eat(49 /* Eq */)) init = this.parseExpr();
    this.expectSemi();
    return { kind: "Local", form, mutable, type, name, init, span: this.span(start) };
  }
  /**
   * `retrun 0;` parses as the name `retrun` followed by a stray `0`: when a statement is a
   * lone name close to a statement keyword, the missing-`;` error says which keyword.
   */
  misspeltKeyword(expr) {
    if (expr.kind !== "Name" || expr.typeArgs !== void 0 || this.at(44 /* Semi */) || this.atLineStart())
      return void 0;
    const word = expr.name.text;
    for (const k of STATEMENT_KEYWORDS) if (k !== word && nearWord(word, k)) return `did you mean \`${k}\`?`;
    return void 0;
  }
  /**
   * Which `{` is probably missing its `}`: a `{` whose matching `}` starts a line further left
   * than the `{`'s own line is indented, i.e. a closer that was meant for an outer block.
   * Only computed for this one error, so a linear scan is fine.
   */
  unclosedBlockHint() {
    const generic = "a block above is not closed";
    if (this.spec > 0 || this.quiet || this.pos <= this.lastErrorToken) return generic;
    const indentOf = (offset) => {
      const pos = this.index.position(offset);
      const text = this.index.lineText(pos.line);
      const indent = text.length - text.trimStart().length;
      return { line: pos.line, indent, first: pos.column - 1 === indent };
    };
    let best;
    let bestClose = Infinity;
    for (let i = 0; i < this.pos; i++) {
      if (this.tokens[i].kind !== 35 /* LBrace */) continue;
      const j = this.pair[i];
      if (j < 0 || j >= this.pos || j >= bestClose) continue;
      const open = indentOf(this.tokens[i].start);
      const close = indentOf(this.tokens[j].start);
      if (close.line > open.line && close.first && close.indent < open.indent) {
        bestClose = j;
        best = `the \`{\` on line ${open.line} is not closed: the \`}\` on line ${close.line} is indented like an outer block`;
      }
    }
    return best ?? generic;
  }
  parseExprStatement(start) {
    const expr = this.parseExpr();
    const braced = expr.kind === "UnsupportedExpr" && expr.construct === "macro-call" && this.tokens[this.pos - 1]?.kind === 36 /* RBrace */;
    const semicolon = braced ? this.eat(44 /* Semi */) : this.expectSemi(this.misspeltKeyword(expr));
    return { kind: "ExprStmt", expr, semicolon, span: this.span(start) };
  }
  /** `if … else if … else …`, built iteratively so long `else if` chains need no recursion (rule 18). */
  parseIf() {
    const links = [];
    let last;
    for (; ; ) {
      const start = this.startOf();
      this.advance();
      const condition = this.parseHeadExpr();
      const then = this.parseBlock();
      links.push({ start, condition, then });
      if (links.length >= MAX_CHAIN && this.chainTooLong()) break;
      if (!this.eat(19 /* KwElse */)) break;
      if (this.at(18 /* KwIf */)) continue;
      last = this.parseBlock();
      break;
    }
    const end = this.prevEnd;
    let node;
    for (let i = links.length - 1; i >= 0; i--) {
      const l = links[i];
      const elseBranch = node ?? last;
      node = {
        kind: "If",
        condition: l.condition,
        then: l.then,
        else: elseBranch,
        span: { start: l.start, end }
      };
    }
    return node;
  }
  /** Scoped `use` statement (current syntax, E1230): `use (T x = e) { }` or `use T x = e;`. */
  parseScopedUse(start) {
    this.advance();
    if (this.eat(37 /* LParen */)) {
      this.parseType();
      this.expectIdent("a variable name");
      this.expect(49 /* Eq */);
      this.parseExpr();
      this.expect(38 /* RParen */);
      this.parseBlock();
    } else {
      this.parseType();
      this.expectIdent("a variable name");
      this.expect(49 /* Eq */);
      this.parseExpr();
      this.expectSemi();
    }
    return { kind: "UnsupportedStmt", construct: "scoped-use", span: this.span(start) };
  }
  // ================= expressions =================
  /** An `if`/`while`/`for`/`match` head (rule 7: `{}` after it is the body). */
  parseHeadExpr() {
    const save = this.inHead;
    this.inHead = true;
    const e = this.parseExpr();
    this.inHead = save;
    return e;
  }
  /** Expression in a nested, delimited position: rule 7's head restriction does not apply inside. */
  parseNestedExpr() {
    const save = this.inHead;
    this.inHead = false;
    const e = this.parseExpr();
    this.inHead = save;
    return e;
  }
  parseExpr() {
    const start = this.startOf();
    if (!this.enter()) return { kind: "ErrorExpr", span: this.span(start) };
    try {
      const t3 = this.peek();
      if ((t3.kind === 1 /* Ident */ || t3.kind === 2 /* Underscore */) && this.peek(1).kind === 48 /* FatArrow */) {
        return this.parseLambda();
      }
      if (t3.kind === 37 /* LParen */ && this.isLambdaParen()) return this.parseLambda();
      return this.parseAssign();
    } finally {
      this.leave();
    }
  }
  isLambdaParen() {
    const close = this.pair[this.pos];
    return close >= 0 && this.tokens[close + 1]?.kind === 48 /* FatArrow */;
  }
  parseLambda() {
    const start = this.startOf();
    const params = [];
    let parenthesized = false;
    if (this.at(37 /* LParen */)) {
      parenthesized = true;
      this.advance();
      while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
        const before = this.pos;
        params.push(this.parseLambdaParam());
        if (this.eat(43 /* Comma */)) continue;
        if (!this.at(38 /* RParen */)) this.errorExpected("`,` or `)`");
        break;
      }
      if (!this.eat(38 /* RParen */)) this.skipTo(38 /* RParen */);
    } else {
      const t3 = this.advance();
      params.push(
        t3.kind === 2 /* Underscore */ ? { kind: "LambdaParam", span: { start: t3.start, end: t3.end } } : { kind: "LambdaParam", name: this.identOf(t3), span: { start: t3.start, end: t3.end } }
      );
    }
    this.expect(48 /* FatArrow */);
    const body = this.at(35 /* LBrace */) ? this.parseBlock() : this.parseExpr();
    return { kind: "Lambda", params, parenthesized, body, span: this.span(start) };
  }
  parseLambdaParam() {
    const start = this.startOf();
    if (this.eat(2 /* Underscore */)) return { kind: "LambdaParam", span: this.span(start) };
    if (this.at(1 /* Ident */)) {
      const k = this.peek(1).kind;
      if (k === 43 /* Comma */ || k === 38 /* RParen */) {
        return { kind: "LambdaParam", name: this.identOf(this.advance()), span: this.span(start) };
      }
    }
    const type = this.parseType();
    if (this.eat(2 /* Underscore */)) return { kind: "LambdaParam", type, span: this.span(start) };
    const name = this.expectIdent("a parameter name");
    return { kind: "LambdaParam", type, name, span: this.span(start) };
  }
  parseAssign() {
    const start = this.startOf();
    const target = this.parseBinary(1);
    const k = this.peek().kind;
    if (k === 49 /* Eq */ || k === 50 /* PlusEq */ || k === 51 /* MinusEq */) {
      this.advance();
      const value = this.parseExpr();
      const op = k === 49 /* Eq */ ? "=" : k === 50 /* PlusEq */ ? "+=" : "-=";
      return { kind: "Assign", op, target, value, span: this.span(start) };
    }
    const foreign = FOREIGN_ASSIGN.get(k);
    if (foreign !== void 0) {
      this.error("E0103", `${TOKEN_NAMES[k]} is not an operator`, foreign);
      this.advance();
      this.parseExpr();
      return { kind: "ErrorExpr", span: this.span(start) };
    }
    return target;
  }
  /** The binary operator at the cursor (joining `>` with `>`/`=` per rule 2), without consuming it. */
  binaryAt() {
    const t3 = this.peek();
    if (t3.kind === 42 /* Gt */) {
      if (t3.flags & FOLLOWED) {
        const next = this.peek(1);
        if (next.start === t3.end && next.kind === 42 /* Gt */) return { prec: PREC_SHIFT, op: ">>", width: 2 };
        if (next.start === t3.end && next.kind === 49 /* Eq */) return { prec: PREC_CMP, op: ">=", width: 2 };
      }
      return { prec: PREC_CMP, op: ">", width: 1 };
    }
    const entry = BINARY.get(t3.kind);
    return entry ? { prec: entry[0], op: entry[1], width: 1 } : void 0;
  }
  /** Precedence climbing over `BINARY`; every level is left-associative. */
  parseBinary(minPrec) {
    const start = this.startOf();
    let left = this.parseUnary();
    for (let links = 0; ; links++) {
      if (links >= MAX_CHAIN && this.chainTooLong()) break;
      const op = this.binaryAt();
      if (op) {
        if (op.prec < minPrec) break;
        for (let i = 0; i < op.width; i++) this.advance();
        const right = this.parseBinary(op.prec + 1);
        left = { kind: "Binary", op: op.op, left, right, span: this.span(start) };
        continue;
      }
      const k = this.peek().kind;
      const foreign = FOREIGN_BINARY.get(k);
      if (foreign && foreign[0] >= minPrec) {
        this.error("E0103", `${TOKEN_NAMES[k]} is not an operator`, foreign[1]);
        this.advance();
        this.parseBinary(foreign[0] + 1);
        left = { kind: "ErrorExpr", span: this.span(start) };
        continue;
      }
      if (this.atWord("as") && !this.atLineStart() && this.peek(1).kind === 1 /* Ident */) {
        this.error(
          "E0103",
          "there is no cast operator",
          "assign to a typed local, or call a conversion function"
        );
        this.advance();
        this.parseType();
        left = { kind: "ErrorExpr", span: this.span(start) };
        continue;
      }
      break;
    }
    return left;
  }
  parseUnary() {
    const start = this.startOf();
    const ops = [];
    let reported = false;
    for (; ; ) {
      const k = this.peek().kind;
      if (k === 58 /* Minus */ || k === 62 /* Bang */) {
        if (ops.length >= MAX_CHAIN && this.chainTooLong()) break;
        ops.push({ op: k === 58 /* Minus */ ? "-" : "!", start: this.startOf() });
        this.advance();
        continue;
      }
      if (k === 72 /* Tilde */ || k === 77 /* MinusMinus */ || k === 76 /* PlusPlus */) {
        if (!reported)
          this.error(
            "E0103",
            `${TOKEN_NAMES[k]} is not an operator`,
            k === 72 /* Tilde */ ? "there is no bitwise not; use the corelib's bit functions" : "write `x = x + 1` or `x = x - 1`"
          );
        reported = true;
        this.advance();
        continue;
      }
      break;
    }
    let operand;
    if (this.atWord("spawn") && this.peek(1).kind === 1 /* Ident */) {
      this.advance();
      this.parsePostfix();
      operand = { kind: "UnsupportedExpr", construct: "spawn", span: this.span(start) };
    } else operand = this.parsePostfix();
    for (let i = ops.length - 1; i >= 0; i--) {
      operand = { kind: "Unary", op: ops[i].op, operand, span: { start: ops[i].start, end: this.prevEnd } };
    }
    return operand;
  }
  parsePostfix() {
    const start = this.startOf();
    let e = this.parsePrimary();
    for (let links = 0; ; links++) {
      if (links >= MAX_CHAIN && this.chainTooLong()) break;
      const k = this.peek().kind;
      if (k === 37 /* LParen */) {
        const args = this.parseArgs();
        e = { kind: "Call", callee: e, args, span: this.span(start) };
      } else if (k === 47 /* Dot */ && this.peek(1).kind === 47 /* Dot */ && this.peek(1).start === this.peek().end) {
        this.error("E0103", "there is no `..` range operator", "write `for i in range(a, b)`");
        this.advance();
        this.advance();
        this.parseUnary();
        e = { kind: "ErrorExpr", span: this.span(start) };
      } else if (k === 47 /* Dot */) {
        this.advance();
        const name = this.expectIdent("a member name");
        const typeArgs = name.text ? this.tryGenericArgs() : void 0;
        e = {
          kind: "MemberAccess",
          object: e,
          name,
          typeArgs,
          span: this.span(start)
        };
      } else if (k === 39 /* LBracket */) {
        this.advance();
        const index = this.parseNestedExpr();
        if (!this.expect(40 /* RBracket */)) this.skipTo(40 /* RBracket */);
        e = { kind: "Index", object: e, index, span: this.span(start) };
      } else if (k === 68 /* Question */) {
        this.advance();
        e = { kind: "Try", operand: e, span: this.span(start) };
        if (startsExpression(this.peek().kind) && !this.at(35 /* LBrace */) && !this.at(58 /* Minus */) && !this.at(62 /* Bang */) && !this.atLineStart()) {
          this.error(
            "E0103",
            "there is no ternary operator `c ? a : b`",
            "use `match c { true => a, false => b }`"
          );
          this.parseNestedExpr();
          if (this.eat(45 /* Colon */)) this.parseNestedExpr();
          e = { kind: "ErrorExpr", span: this.span(start) };
        }
      } else if ((k === 76 /* PlusPlus */ || k === 77 /* MinusMinus */) && !this.atLineStart()) {
        this.error("E0103", `${TOKEN_NAMES[k]} is not an operator`, "write `x = x + 1` or `x = x - 1`");
        this.advance();
        e = { kind: "ErrorExpr", span: this.span(start) };
      } else break;
    }
    return e;
  }
  parseArgs() {
    const args = [];
    this.advance();
    const save = this.inHead;
    this.inHead = false;
    while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
      args.push(this.parseExpr());
      if (this.eat(43 /* Comma */)) continue;
      if (!this.at(38 /* RParen */)) this.errorExpected("`,` or `)`");
      break;
    }
    this.inHead = save;
    if (!this.eat(38 /* RParen */)) {
      this.errorExpected("`)`");
      this.skipTo(38 /* RParen */);
    }
    return args.length ? args : EMPTY;
  }
  parsePrimary() {
    const start = this.startOf();
    const t3 = this.peek();
    switch (t3.kind) {
      case 3 /* Int */:
        this.advance();
        return this.intLiteral(t3);
      case 4 /* Float */:
        this.advance();
        return this.floatLiteral(t3);
      case 5 /* Char */:
        this.advance();
        return { kind: "CharLit", value: t3.value, span: { start: t3.start, end: t3.end } };
      case 6 /* String */:
        this.advance();
        return { kind: "StringLit", value: t3.value, span: { start: t3.start, end: t3.end } };
      case 7 /* StringHead */:
        return this.parseInterpolated();
      case 33 /* KwTrue */:
      case 34 /* KwFalse */:
        this.advance();
        return { kind: "BoolLit", value: t3.kind === 33 /* KwTrue */, span: { start: t3.start, end: t3.end } };
      case 37 /* LParen */: {
        if (this.isLambdaParen()) return this.parseLambda();
        if (this.peek(1).kind === 38 /* RParen */) {
          this.advance();
          this.advance();
          return { kind: "UnitLit", span: this.span(start) };
        }
        this.advance();
        const expr = this.parseNestedExpr();
        if (this.at(43 /* Comma */)) {
          this.error("E0103", "tuples do not exist", "declare a `type` with named fields");
          this.skipTo(38 /* RParen */);
          return { kind: "ErrorExpr", span: this.span(start) };
        }
        if (!this.expect(38 /* RParen */)) this.skipTo(38 /* RParen */);
        return { kind: "Paren", expr, span: this.span(start) };
      }
      case 35 /* LBrace */: {
        return this.parseBlock();
      }
      case 16 /* KwMatch */:
        return this.parseMatch();
      case 39 /* LBracket */: {
        this.advance();
        const elements = [];
        const save = this.inHead;
        this.inHead = false;
        while (!this.at(40 /* RBracket */) && !this.at(0 /* EOF */)) {
          elements.push(this.parseExpr());
          if (this.eat(43 /* Comma */)) continue;
          if (!this.at(40 /* RBracket */)) this.errorExpected("`,` or `]`");
          break;
        }
        this.inHead = save;
        if (!this.expect(40 /* RBracket */)) this.skipTo(40 /* RBracket */);
        return { kind: "ArrayLiteral", elements, span: this.span(start) };
      }
      case 69 /* Dollar */:
        if (this.peek(1).kind === 1 /* Ident */) {
          this.advance();
          this.advance();
          return { kind: "UnsupportedExpr", construct: "meta-var", span: this.span(start) };
        }
        break;
      case 1 /* Ident */:
        return this.parseNamePrimary();
      case 18 /* KwIf */:
        this.error(
          "E0101",
          "`if` is a statement, not an expression",
          "use `match cond { true => a, false => b }`"
        );
        this.syncExpr();
        return { kind: "ErrorExpr", span: this.span(start) };
      default:
        break;
    }
    this.errorExpected("an expression");
    return { kind: "ErrorExpr", span: this.here() };
  }
  /** Skips an `if …` used as an expression without swallowing the rest of the statement. */
  syncExpr() {
    this.advance();
    while (!this.at(0 /* EOF */) && !this.at(44 /* Semi */) && !this.at(36 /* RBrace */) && !this.at(43 /* Comma */) && !this.at(38 /* RParen */)) {
      this.skipOne();
    }
  }
  parseInterpolated() {
    const start = this.startOf();
    const parts = [];
    let t3 = this.advance();
    this.pushText(parts, t3, t3.start + 1, t3.end - 2);
    for (; ; ) {
      const holeStart = this.prevEnd;
      const expr = this.at(8 /* StringMiddle */) || this.at(9 /* StringTail */) ? { kind: "ErrorExpr", span: this.here() } : this.parseNestedExpr();
      if (!this.at(8 /* StringMiddle */) && !this.at(9 /* StringTail */)) {
        if (!this.at(0 /* EOF */)) this.errorExpected("`}` closing the interpolation");
        while (!this.at(8 /* StringMiddle */) && !this.at(9 /* StringTail */) && !this.at(0 /* EOF */)) this.skipOne();
      }
      parts.push({
        kind: "InterpHole",
        expr,
        span: { start: holeStart, end: this.peek().kind === 0 /* EOF */ ? this.prevEnd : this.peek().start + 1 }
      });
      if (this.at(0 /* EOF */)) break;
      t3 = this.advance();
      if (t3.kind === 9 /* StringTail */) {
        this.pushText(parts, t3, t3.start + 1, t3.end - 1);
        break;
      }
      this.pushText(parts, t3, t3.start + 1, t3.end - 2);
    }
    return { kind: "InterpolatedString", parts, span: this.span(start) };
  }
  pushText(parts, t3, start, end) {
    const value = t3.value;
    if (value.length) parts.push({ kind: "InterpText", value, span: { start, end: Math.max(start, end) } });
  }
  /** Rule 6: a primary starting with an identifier. */
  parseNamePrimary() {
    const start = this.startOf();
    const t3 = this.peek();
    const w = t3.value;
    if (w === "try" && this.peek(1).kind === 35 /* LBrace */) {
      this.advance();
      this.parseBlock();
      if (this.atWord("catch")) {
        this.advance();
        if (this.expect(37 /* LParen */)) {
          this.expectIdent("an error name");
          this.expect(38 /* RParen */);
        }
        this.parseBlock();
      } else this.errorExpected("`catch`");
      return { kind: "UnsupportedExpr", construct: "try-catch", span: this.span(start) };
    }
    if (w === "clif" && this.peek(1).kind === 35 /* LBrace */) {
      this.advance();
      this.parseTokenBlock();
      return { kind: "UnsupportedExpr", construct: "clif", span: this.span(start) };
    }
    if (w === "code" && this.peek(1).kind === 10 /* CodeFence */) {
      this.advance();
      this.advance();
      return { kind: "UnsupportedExpr", construct: "code-fence", span: this.span(start) };
    }
    if (this.peek(1).kind === 62 /* Bang */ && this.peek(1).start === t3.end && this.peek(2).kind === 37 /* LParen */) {
      this.advance();
      this.advance();
      this.parseTokenGroup();
      if (this.at(35 /* LBrace */) && !this.atLineStart()) this.parseTokenBlock();
      return { kind: "UnsupportedExpr", construct: "macro-call", span: this.span(start) };
    }
    const segments = [];
    for (; ; ) {
      const s = this.startOf();
      const name = this.identOf(this.advance());
      const typeArgs = this.tryGenericArgs();
      segments.push({ kind: "PathSegment", name, typeArgs, span: typeArgs ? this.span(s) : name.span });
      if (segments.length >= MAX_CHAIN && this.chainTooLong()) break;
      if (this.at(47 /* Dot */) && this.peek(1).kind === 1 /* Ident */) {
        this.advance();
        continue;
      }
      break;
    }
    if (this.at(46 /* ColonColon */)) {
      const enumName = { kind: "QualName", segments, span: this.span(start) };
      this.advance();
      const variant = this.expectIdent("a variant name");
      const args = this.at(37 /* LParen */) ? this.parseArgs() : void 0;
      return { kind: "EnumValue", enumName, variant, args, span: this.span(start) };
    }
    if (this.at(35 /* LBrace */) && this.isStructLiteralBrace()) {
      const typeName2 = { kind: "QualName", segments, span: this.span(start) };
      return this.parseStructLiteral(start, typeName2);
    }
    const first = segments[0];
    let e = {
      kind: "Name",
      name: first.name,
      typeArgs: first.typeArgs,
      span: first.span
    };
    for (let i = 1; i < segments.length; i++) {
      const seg = segments[i];
      e = {
        kind: "MemberAccess",
        object: e,
        name: seg.name,
        typeArgs: seg.typeArgs,
        span: { start, end: seg.span.end }
      };
    }
    return e;
  }
  /** Skips a balanced `( … )` group (macro arguments). */
  parseTokenGroup() {
    const close = this.pair[this.pos];
    if (close < 0) {
      this.error("E0101", "this `(` is never closed");
      this.jumpTo(this.tokens.length - 1);
    } else this.jumpTo(close + 1);
  }
  /** Rule 7. */
  isStructLiteralBrace() {
    const a = this.peek(1).kind;
    if (a === 36 /* RBrace */) return !this.inHead;
    return a === 1 /* Ident */ && this.peek(2).kind === 45 /* Colon */;
  }
  parseStructLiteral(start, typeName2) {
    this.advance();
    const fields = [];
    const save = this.inHead;
    this.inHead = false;
    while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */)) {
      const s = this.startOf();
      const name = this.expectIdent("a field name");
      this.expect(45 /* Colon */);
      const value = this.parseExpr();
      fields.push({ kind: "FieldInit", name, value, span: this.span(s) });
      if (this.eat(43 /* Comma */)) continue;
      if (!this.at(36 /* RBrace */)) this.errorExpected("`,` or `}`");
      break;
    }
    this.inHead = save;
    if (!this.expect(36 /* RBrace */)) this.skipTo(36 /* RBrace */);
    return { kind: "StructLiteral", typeName: typeName2, fields, span: this.span(start) };
  }
  parseMatch() {
    const start = this.startOf();
    this.advance();
    const scrutinee = this.parseHeadExpr();
    const arms = [];
    if (!this.expect(35 /* LBrace */)) return { kind: "Match", scrutinee, arms, span: this.span(start) };
    if (!this.enter()) return { kind: "Match", scrutinee, arms, span: this.span(start) };
    const save = this.inHead;
    this.inHead = false;
    while (this.eat(43 /* Comma */)) ;
    while (!this.at(36 /* RBrace */) && !this.at(0 /* EOF */) && !this.unwind) {
      const before = this.pos;
      const s = this.startOf();
      const pattern = this.parsePattern();
      if (pattern.kind === "ErrorPattern" && !this.at(48 /* FatArrow */)) {
        while (!this.at(48 /* FatArrow */) && !this.at(43 /* Comma */) && !this.at(36 /* RBrace */) && !this.at(0 /* EOF */))
          this.skipOne();
      }
      let guard;
      if (this.eat(17 /* KwWhen */)) guard = this.parseBinary(1);
      this.expect(48 /* FatArrow */);
      let body;
      let blockBody = false;
      if (this.at(35 /* LBrace */)) {
        body = this.parseBlock();
        blockBody = true;
      } else body = this.parseExpr();
      arms.push({ kind: "MatchArm", pattern, guard, body, span: this.span(s) });
      let commas = 0;
      while (this.eat(43 /* Comma */)) commas++;
      if (commas === 0 && !blockBody && !this.at(36 /* RBrace */)) {
        this.errorExpected("`,` or `}` after a match arm");
        if (!this.atLineStart()) this.syncArm();
      }
      if (this.pos === before && !this.unwind) this.skipOne();
    }
    this.inHead = save;
    this.leave();
    this.expect(36 /* RBrace */);
    return { kind: "Match", scrutinee, arms, span: this.span(start) };
  }
  /** Skips the rest of a broken match arm: to after `,` or to the `}` of the match. */
  syncArm() {
    for (; ; ) {
      const k = this.peek().kind;
      if (k === 0 /* EOF */ || k === 36 /* RBrace */) return;
      if (k === 43 /* Comma */) {
        this.advance();
        return;
      }
      if (this.atLineStart()) return;
      this.skipOne();
    }
  }
  // ================= patterns =================
  parsePattern() {
    const start = this.startOf();
    if (!this.enter()) return { kind: "ErrorPattern", span: this.span(start) };
    try {
      const t3 = this.peek();
      switch (t3.kind) {
        case 2 /* Underscore */:
          this.advance();
          return { kind: "WildcardPattern", span: this.span(start) };
        case 58 /* Minus */:
        case 3 /* Int */:
        case 4 /* Float */:
        case 5 /* Char */:
        case 6 /* String */:
        case 33 /* KwTrue */:
        case 34 /* KwFalse */: {
          const negative = this.eat(58 /* Minus */);
          const l = this.peek();
          let literal;
          if (l.kind === 3 /* Int */) literal = this.intLiteral(l);
          else if (l.kind === 4 /* Float */) literal = this.floatLiteral(l);
          else if (!negative && l.kind === 5 /* Char */)
            literal = { kind: "CharLit", value: l.value, span: { start: l.start, end: l.end } };
          else if (!negative && l.kind === 6 /* String */)
            literal = { kind: "StringLit", value: l.value, span: { start: l.start, end: l.end } };
          else if (!negative && (l.kind === 33 /* KwTrue */ || l.kind === 34 /* KwFalse */)) {
            literal = { kind: "BoolLit", value: l.kind === 33 /* KwTrue */, span: { start: l.start, end: l.end } };
          }
          if (!literal) {
            this.errorExpected("a number after `-` in a pattern");
            return { kind: "ErrorPattern", span: this.span(start) };
          }
          this.advance();
          return { kind: "LiteralPattern", negative, literal, span: this.span(start) };
        }
        case 7 /* StringHead */:
          this.error("E0101", "an interpolated string cannot be a pattern");
          this.parseInterpolated();
          return { kind: "ErrorPattern", span: this.span(start) };
        case 1 /* Ident */: {
          const segments = [];
          for (; ; ) {
            const s = this.startOf();
            const name = this.identOf(this.advance());
            const typeArgs = this.tryGenericArgs();
            segments.push({
              kind: "PathSegment",
              name,
              typeArgs,
              span: this.span(s)
            });
            if (this.at(47 /* Dot */) && this.peek(1).kind === 1 /* Ident */) {
              this.advance();
              continue;
            }
            break;
          }
          if (this.at(46 /* ColonColon */)) {
            const enumName = { kind: "QualName", segments, span: this.span(start) };
            this.advance();
            const variant = this.expectIdent("a variant name");
            let args;
            if (this.eat(37 /* LParen */)) {
              args = [];
              while (!this.at(38 /* RParen */) && !this.at(0 /* EOF */)) {
                args.push(this.parsePattern());
                if (this.eat(43 /* Comma */)) continue;
                if (!this.at(38 /* RParen */)) this.errorExpected("`,` or `)`");
                break;
              }
              if (!this.expect(38 /* RParen */)) this.skipTo(38 /* RParen */);
            }
            return {
              kind: "EnumPattern",
              enumName,
              variant,
              args,
              span: this.span(start)
            };
          }
          if (segments.length === 1 && !segments[0].typeArgs) {
            if (this.at(37 /* LParen */)) {
              this.error(
                "E0101",
                "a variant pattern needs its enum",
                `write \`Enum::${segments[0].name.text}(\u2026)\``,
                segments[0].name.span
              );
              this.skipOne();
              return { kind: "ErrorPattern", span: this.span(start) };
            }
            return { kind: "BindingPattern", name: segments[0].name, span: this.span(start) };
          }
          this.errorExpected("`::` and a variant name (only a single name may stand alone in a pattern)");
          return { kind: "ErrorPattern", span: this.span(start) };
        }
        default:
          this.errorExpected("a pattern");
          return { kind: "ErrorPattern", span: this.here() };
      }
    } finally {
      this.leave();
    }
  }
};
function isOpener(k) {
  return k === 37 /* LParen */ || k === 39 /* LBracket */ || k === 35 /* LBrace */ || k === 7 /* StringHead */ || k === 8 /* StringMiddle */;
}
function matchBrackets(tokens) {
  const pair = new Int32Array(tokens.length).fill(-1);
  const stack = [];
  for (let i = 0; i < tokens.length; i++) {
    const k = tokens[i].kind;
    switch (k) {
      case 37 /* LParen */:
      case 39 /* LBracket */:
      case 35 /* LBrace */:
      case 7 /* StringHead */:
        stack.push(i);
        break;
      case 38 /* RParen */:
      case 40 /* RBracket */:
      case 36 /* RBrace */:
      case 8 /* StringMiddle */:
      case 9 /* StringTail */: {
        const want = k === 38 /* RParen */ ? 37 /* LParen */ : k === 40 /* RBracket */ ? 39 /* LBracket */ : k === 36 /* RBrace */ ? 35 /* LBrace */ : 7 /* StringHead */;
        let j = stack.length - 1;
        while (j >= 0) {
          const o = tokens[stack[j]].kind;
          if (o === want || want === 7 /* StringHead */ && o === 8 /* StringMiddle */) break;
          j--;
        }
        if (j >= 0) {
          pair[stack[j]] = i;
          stack.length = j;
        }
        if (k === 8 /* StringMiddle */) stack.push(i);
        break;
      }
      default:
        break;
    }
  }
  return pair;
}
var STATEMENT_KEYWORDS = [
  "return",
  "break",
  "continue",
  "while",
  "match",
  "let",
  "mut",
  "for",
  "if",
  "else"
];
function nearWord(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restEq = (x, y) => a.slice(x) === b.slice(y);
  if (a.length === b.length) {
    if (restEq(i + 1, i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && restEq(i + 2, i + 2);
  }
  return a.length > b.length ? restEq(i + 1, i) : restEq(i, i + 1);
}

// src/syntax/visit.ts
function assertNever2(x) {
  throw new Error(`unknown syntax node kind ${x.kind}`);
}
function each(list, f) {
  if (list) for (let i = 0; i < list.length; i++) f(list[i]);
}
function opt(n, f) {
  if (n) f(n);
}
function forEachChild2(n, f) {
  switch (n.kind) {
    case "SourceFile":
      return each(n.items, f);
    case "Ident":
    case "Doc":
    case "TokenBlock":
    case "PrimitiveType":
    case "ThisType":
    case "ErrorType":
    case "Break":
    case "Continue":
    case "UnsupportedStmt":
    case "IntLit":
    case "FloatLit":
    case "BoolLit":
    case "CharLit":
    case "StringLit":
    case "InterpText":
    case "UnitLit":
    case "UnsupportedExpr":
    case "ErrorExpr":
    case "WildcardPattern":
    case "ErrorPattern":
      return;
    case "Attribute":
      f(n.name);
      return each(n.args, f);
    case "AttrArg":
      f(n.name);
      return f(n.value);
    // items
    case "Function":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.returnType);
      f(n.name);
      each(n.typeParams, f);
      each(n.params, f);
      each(n.where, f);
      return opt(n.body, f);
    case "Impl":
      opt(n.doc, f);
      each(n.attributes, f);
      each(n.typeParams, f);
      f(n.target);
      each(n.conformances, f);
      each(n.where, f);
      return each(n.members, f);
    case "Type":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.typeParams, f);
      each(n.conformances, f);
      each(n.fields, f);
      return each(n.members, f);
    case "Enum":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.typeParams, f);
      return each(n.variants, f);
    case "Contract":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.typeParams, f);
      return each(n.members, f);
    case "Test":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      if (n.sections.length === 0) return each(n.body, f);
      {
        const parts = [...n.sections, ...n.body];
        parts.sort((a, b) => a.span.start - b.span.start);
        return each(parts, f);
      }
    case "AttributeDecl":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.targets, f);
      return each(n.params, f);
    case "InlineModule":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      return each(n.items, f);
    case "ModDecl":
      opt(n.doc, f);
      each(n.attributes, f);
      return f(n.path);
    case "Use":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.path);
      return opt(n.alias, f);
    case "Const":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      return f(n.value);
    case "Macro":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.params, f);
      return f(n.body);
    case "Host":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.params, f);
      opt(n.service, f);
      return f(n.body);
    // item parts
    case "WhereBound":
      f(n.param);
      return f(n.bound);
    case "Param":
      opt(n.doc, f);
      f(n.type);
      return f(n.name);
    case "ExprBody":
      return f(n.expr);
    case "Method":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.returnType);
      f(n.name);
      each(n.params, f);
      return f(n.body);
    case "AssocType":
      opt(n.doc, f);
      f(n.name);
      return opt(n.value, f);
    case "Field":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.type);
      return f(n.name);
    case "EventField":
      opt(n.doc, f);
      each(n.attributes, f);
      opt(n.capacity, f);
      f(n.name);
      return each(n.params, f);
    case "InjectField":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.type);
      return f(n.name);
    case "VariantField":
      opt(n.doc, f);
      f(n.type);
      return opt(n.name, f);
    case "Variant":
      opt(n.doc, f);
      f(n.name);
      return each(n.fields, f);
    case "ContractMethod":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.returnType);
      f(n.name);
      return each(n.params, f);
    case "ContractEmbed":
      opt(n.doc, f);
      return f(n.type);
    case "TestEntry":
      f(n.key);
      return f(n.value);
    case "TestSection":
      return each(n.entries, f);
    case "AttrParam":
      f(n.name);
      f(n.type);
      return opt(n.default, f);
    case "ModPath":
      return each(n.segments, f);
    case "SignedInt":
      return f(n.literal);
    case "MacroParam":
      f(n.paramKind);
      return f(n.name);
    // types
    case "NamedType":
      each(n.segments, f);
      return opt(n.assoc, f);
    case "PathSegment":
      f(n.name);
      return each(n.typeArgs, f);
    case "RefType":
      return f(n.inner);
    case "ArrayType":
      return f(n.element);
    case "FunctionType":
      if (n.arrow) {
        each(n.params, f);
        return f(n.returnType);
      }
      f(n.returnType);
      return each(n.params, f);
    // statements
    case "Local":
      opt(n.doc, f);
      opt(n.type, f);
      f(n.name);
      return opt(n.init, f);
    case "Return":
      opt(n.doc, f);
      return opt(n.value, f);
    case "If":
      opt(n.doc, f);
      f(n.condition);
      f(n.then);
      return opt(n.else, f);
    case "While":
      opt(n.doc, f);
      f(n.condition);
      return f(n.body);
    case "For":
      opt(n.doc, f);
      f(n.binding);
      f(n.iterable);
      return f(n.body);
    case "BlockStmt":
      opt(n.doc, f);
      return f(n.block);
    case "ExprStmt":
      opt(n.doc, f);
      return f(n.expr);
    // expressions
    case "InterpolatedString":
      return each(n.parts, f);
    case "InterpHole":
      return f(n.expr);
    case "Name":
      f(n.name);
      return each(n.typeArgs, f);
    case "MemberAccess":
      f(n.object);
      f(n.name);
      return each(n.typeArgs, f);
    case "Call":
      f(n.callee);
      return each(n.args, f);
    case "Index":
      f(n.object);
      return f(n.index);
    case "Try":
      return f(n.operand);
    case "Unary":
      return f(n.operand);
    case "Binary":
      f(n.left);
      return f(n.right);
    case "Assign":
      f(n.target);
      return f(n.value);
    case "LambdaParam":
      opt(n.type, f);
      return opt(n.name, f);
    case "Lambda":
      each(n.params, f);
      return f(n.body);
    case "MatchArm":
      f(n.pattern);
      opt(n.guard, f);
      return f(n.body);
    case "Match":
      f(n.scrutinee);
      return each(n.arms, f);
    case "QualName":
      return each(n.segments, f);
    case "EnumValue":
      f(n.enumName);
      f(n.variant);
      return each(n.args, f);
    case "FieldInit":
      f(n.name);
      return f(n.value);
    case "StructLiteral":
      f(n.typeName);
      return each(n.fields, f);
    case "ArrayLiteral":
      return each(n.elements, f);
    case "Block":
      return each(n.statements, f);
    case "Paren":
      return f(n.expr);
    // patterns
    case "BindingPattern":
      return f(n.name);
    case "EnumPattern":
      f(n.enumName);
      f(n.variant);
      return each(n.args, f);
    case "LiteralPattern":
      return f(n.literal);
    default:
      return assertNever2(n);
  }
}

// src/syntax/facts.ts
function candidatesOf(segments) {
  const out = [];
  for (let n = segments.length; n >= 1; n--) out.push(segments.slice(0, n).join("."));
  return out;
}
function memberChain(e) {
  const rev = [];
  let cur = e;
  while (cur.kind === "MemberAccess") {
    rev.push(cur.name.text);
    cur = cur.object;
  }
  if (cur.kind !== "Name") return void 0;
  rev.push(cur.name.text);
  return rev.reverse();
}
function extractModuleFacts(tree) {
  const modDecls = [];
  const uses = [];
  const qualifiedRefs = [];
  const seen = /* @__PURE__ */ new Set();
  const referencedPaths = [];
  const note = (paths) => {
    for (const p of paths) {
      if (!seen.has(p)) {
        seen.add(p);
        referencedPaths.push(p);
      }
    }
  };
  const ref = (segments, span, position) => {
    if (segments.length < 2 || segments.some((s) => s === "")) return;
    const candidates2 = candidatesOf(segments);
    qualifiedRefs.push({ segments, candidates: candidates2, span, position });
    note(candidates2);
  };
  const modDecl = (item, inlineModule, first) => ({
    path: item.path.segments.map((s) => s.text),
    span: item.span,
    isPub: item.isPub,
    hasAttributes: item.attributes.length > 0,
    fileScoped: first && !item.isPub && item.attributes.length === 0,
    inlineModule
  });
  const useFact = (item, inlineModule) => ({
    path: item.path.segments.map((s) => s.text),
    alias: item.alias?.text,
    isPub: item.isPub,
    span: item.span,
    inlineModule
  });
  let fileModule;
  const itemStack = [
    { items: tree.items, inlineModule: [] }
  ];
  const bodies = [];
  while (itemStack.length) {
    const { items, inlineModule } = itemStack.pop();
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      switch (item.kind) {
        case "ModDecl": {
          const fact = modDecl(item, inlineModule, i === 0 && inlineModule.length === 0);
          if (fact.fileScoped) fileModule = fact;
          modDecls.push(fact);
          break;
        }
        case "Use": {
          const fact = useFact(item, inlineModule);
          uses.push(fact);
          note([fact.path.join(".")]);
          break;
        }
        case "InlineModule":
          itemStack.push({ items: item.items, inlineModule: [...inlineModule, item.name.text] });
          break;
        default:
          bodies.push(item);
          break;
      }
    }
  }
  const stack = bodies.reverse();
  const children = [];
  let count = 0;
  const collect = (c2) => {
    children[count++] = c2;
  };
  const pushChildren = (n) => {
    count = 0;
    forEachChild2(n, collect);
    for (let i = count - 1; i >= 0; i--) stack.push(children[i]);
  };
  while (stack.length) {
    const node = stack.pop();
    switch (node.kind) {
      case "MemberAccess": {
        const chain = memberChain(node);
        if (chain) {
          ref(chain, node.span, "expression");
          let cur = node;
          for (; ; ) {
            if (cur.typeArgs) for (let i = cur.typeArgs.length - 1; i >= 0; i--) stack.push(cur.typeArgs[i]);
            if (cur.kind !== "MemberAccess") break;
            cur = cur.object;
          }
          continue;
        }
        break;
      }
      case "NamedType":
        ref(
          node.segments.map((s) => s.name.text),
          node.span,
          "type"
        );
        break;
      case "EnumValue":
        refQual(node.enumName, "expression");
        break;
      case "StructLiteral":
        refQual(node.typeName, "expression");
        break;
      case "EnumPattern":
        refQual(node.enumName, "pattern");
        break;
      case "Ident":
      case "Doc":
      case "TokenBlock":
      case "Attribute":
        continue;
      default:
        break;
    }
    pushChildren(node);
  }
  function refQual(q, position) {
    ref(
      q.segments.map((s) => s.name.text),
      q.span,
      position
    );
  }
  return {
    ...fileModule ? { fileModule } : {},
    modDecls,
    uses,
    qualifiedRefs,
    referencedPaths
  };
}

// src/syntax/dump.ts
function isNode(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof v.kind === "string";
}
function scalar(v) {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "bigint":
      return `${v}`;
    case "boolean":
      return v ? "true" : void 0;
    default:
      return void 0;
  }
}
function spanText(n) {
  return `${n.span.start}..${n.span.end}`;
}
function dumpNode(n) {
  const head = [`(${n.kind} ${spanText(n)}`];
  const children = [];
  for (const [key, value] of Object.entries(n)) {
    if (key === "kind" || key === "span" || value === void 0) continue;
    if (Array.isArray(value)) {
      if (value.length) children.push([key, value]);
      continue;
    }
    if (isNode(value)) {
      children.push([key, value]);
      continue;
    }
    const s = key === "value" && value === false ? "false" : scalar(value);
    if (s === void 0) continue;
    head.push(key === "text" || key === "name" || key === "value" ? s : value === true ? key : `${key}=${s}`);
  }
  const lines = [head.join(" ")];
  for (const [key, value] of children) {
    if (Array.isArray(value)) {
      lines.push(`  ${key}:`);
      for (const item of value) {
        const sub = isNode(item) ? dumpNode(item) : [scalar(item) ?? String(item)];
        for (const l of sub) lines.push(`    ${l}`);
      }
    } else {
      const sub = dumpNode(value);
      lines.push(`  ${key}: ${sub[0]}`);
      for (let i = 1; i < sub.length; i++) lines.push(`  ${sub[i]}`);
    }
  }
  lines[lines.length - 1] += ")";
  if (lines.length > 1 && lines.length <= 3) {
    const joined = lines.map((l) => l.trim()).join(" ");
    if (joined.length <= 88 && !lines.some((l) => l.trimEnd().endsWith(":"))) return [joined];
  }
  return lines;
}
function dumpTree(tree) {
  return dumpNode(tree).join("\n") + "\n";
}
function treeToJson(tree) {
  return JSON.stringify(tree, (_k, v) => typeof v === "bigint" ? v.toString() : v, 2);
}

// src/syntax/index.ts
function parseFile(text, file) {
  const lineIndex = new LineIndex(text);
  const lexed = lex2(text, file, lineIndex);
  const eofReported = lexed.diagnostics.some((d) => d.span !== void 0 && d.span.end >= text.length);
  const parsed = parseTokens(text, file, lexed.tokens, lexed.docLines, lineIndex, eofReported);
  const all = lexed.diagnostics.concat(parsed.diagnostics);
  const diagnostics = all.map((d, i) => ({ d, i })).sort((a, b) => (a.d.span?.start ?? 0) - (b.d.span?.start ?? 0) || a.i - b.i).map((x) => x.d);
  return { tree: parsed.tree, diagnostics, lineIndex };
}

// src/assembly/modpath.ts
import { basename as basename5, join as join6, relative as relative4, sep as sep4 } from "node:path";
function generatedDir(root) {
  return join6(root.path, "..", ".generated");
}
function candidates(root, segments) {
  const last = segments[segments.length - 1];
  return [
    { file: join6(root.path, ...segments) + ".bd", generated: false },
    { file: join6(root.path, ...segments, `${last}.bd`), generated: false },
    { file: join6(root.path, ...segments, "mod.bd"), generated: false },
    { file: join6(generatedDir(root), ...segments) + ".g.bd", generated: true }
  ];
}
function resolveModule(roots, segments, exists) {
  if (segments.length === 0) return void 0;
  for (let r = 0; r < roots.length; r++) {
    for (const c2 of candidates(roots[r], segments)) {
      if (exists(c2.file)) return { file: c2.file, rootIndex: r, generated: c2.generated };
    }
  }
  if (segments[0] === "Std" && segments.length > 1) return resolveModule(roots, segments.slice(1), exists);
  return void 0;
}
function isIdent(s) {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c2 = s.charCodeAt(i);
    const ok = c2 === 95 || c2 >= 65 && c2 <= 90 || c2 >= 97 && c2 <= 122 || i > 0 && c2 >= 48 && c2 <= 57;
    if (!ok) return false;
  }
  return true;
}
function under(dir, file) {
  const r = relative4(dir, file);
  if (r === "" || r.startsWith("..") || r.startsWith(sep4) || /^[A-Za-z]:/.test(r)) return void 0;
  return r.split(sep4);
}
function modulePathOf(root, file, generated) {
  const segs = under(generated ? generatedDir(root) : root.path, file);
  if (!segs) return void 0;
  const last = segs[segs.length - 1];
  const suffix = generated ? ".g.bd" : ".bd";
  if (!last.endsWith(suffix)) return void 0;
  segs[segs.length - 1] = last.slice(0, -suffix.length);
  if (!generated) {
    if (segs.length >= 2 && segs[segs.length - 1] === segs[segs.length - 2]) segs.pop();
    else if (segs.length >= 2 && segs[segs.length - 1] === "mod") segs.pop();
  }
  return segs.every(isIdent) ? segs.join(".") : void 0;
}
function rootOf(roots, file) {
  for (let r = 0; r < roots.length; r++) {
    if (under(roots[r].path, file)) return { rootIndex: r, generated: false };
    if (under(generatedDir(roots[r]), file)) return { rootIndex: r, generated: true };
  }
  return void 0;
}
function stemOf2(file) {
  return basename5(file).replace(/\.g\.bd$|\.bd$/, "");
}

// src/assembly/assemble.ts
var nodeFs = {
  readFile: (p) => readFileSync6(p),
  isFile: (p) => {
    try {
      return statSync3(p).isFile();
    } catch {
      return false;
    }
  },
  realpath: (p) => {
    try {
      return realpathSync2(p);
    } catch {
      return p;
    }
  }
};
var parserFacts = (text, file) => {
  const parsed = parseFile(text, file);
  return {
    facts: extractModuleFacts(parsed.tree),
    tree: parsed.tree,
    lineIndex: parsed.lineIndex,
    diagnostics: parsed.diagnostics
  };
};
function linksOf(facts, file) {
  const at = (span) => ({ file, start: span.start, end: span.end });
  return {
    ...facts.fileModule ? { fileModule: facts.fileModule.path } : {},
    children: facts.modDecls.filter((d) => !d.fileScoped && (d.isPub || d.hasAttributes)).map((d) => ({ segments: d.path, span: at(d.span) })),
    uses: facts.uses.map((u) => ({ segments: u.path, span: at(u.span) })),
    qualified: facts.qualifiedRefs.map((q) => ({ segments: q.segments, span: at(q.span) }))
  };
}
var PRELUDE_MODULES = [
  ["Core", "Results"],
  ["Core", "Optional", "Option"]
];
function relPathOf(projectDir, file) {
  return relative5(projectDir, file).split(sep5).join("/");
}
var Reader = class {
  constructor(fs2, facts, roots, projectDir, fileName) {
    this.fs = fs2;
    this.facts = facts;
    this.roots = roots;
    this.projectDir = projectDir;
    this.fileName = fileName;
  }
  fs;
  facts;
  roots;
  projectDir;
  fileName;
  diagnostics = [];
  existsCache = /* @__PURE__ */ new Map();
  resolved = /* @__PURE__ */ new Map();
  /** Module path → file over the roots, memoised per run (the same paths recur in many files). */
  resolve(segments) {
    const key = segments.join(".");
    let v = this.resolved.get(key);
    if (v === void 0) {
      v = resolveModule(this.roots, segments, this.exists)?.file ?? null;
      this.resolved.set(key, v);
    }
    return v ?? void 0;
  }
  exists = (file) => {
    let v = this.existsCache.get(file);
    if (v === void 0) {
      v = this.fs.isFile(file);
      this.existsCache.set(file, v);
    }
    return v;
  };
  read(file) {
    const name = this.fileName(file);
    let bytes;
    try {
      bytes = this.fs.readFile(file);
    } catch (e) {
      this.diagnostics.push(
        makeDiagnostic("E9001", { detail: `${file}: ${e.message}` }, { file: name })
      );
      return void 0;
    }
    const decoded = decodeSource(bytes, name);
    this.diagnostics.push(...decoded.diagnostics);
    const { facts, tree, lineIndex, diagnostics } = this.facts(decoded.text, name);
    if (diagnostics) this.diagnostics.push(...diagnostics);
    return {
      unit: {
        path: file,
        fileName: name,
        ...lineIndex !== void 0 ? { lineIndex } : {},
        relPath: relPathOf(this.projectDir, file),
        hash: sha256Hex(bytes),
        text: decoded.text,
        ...tree !== void 0 ? { tree } : {}
      },
      facts: linksOf(facts, name)
    };
  }
  /** Module name and root of a unit (a file-scoped `mod P;` wins over the location). */
  name(file, facts, isEntry) {
    const where = rootOf(this.roots, file);
    const byPath = where ? modulePathOf(this.roots[where.rootIndex], file, where.generated) : void 0;
    const module = facts.fileModule ? facts.fileModule.join(".") : byPath ?? (isEntry ? stemOf2(file) : "");
    return { module, rootIndex: where ? where.rootIndex : -1 };
  }
};
function resolveUse(r, ref) {
  const full = r.resolve(ref.segments);
  if (full) return full;
  if (ref.segments.length > 1) return r.resolve(ref.segments.slice(0, -1));
  return void 0;
}
function resolveQualified(r, ref) {
  for (let n = ref.segments.length; n >= 1; n--) {
    const found = r.resolve(ref.segments.slice(0, n));
    if (found) return found;
  }
  return void 0;
}
function assembleImportClosure(input, opts = {}) {
  const fs2 = opts.fs ?? nodeFs;
  const r = new Reader(
    fs2,
    opts.facts ?? parserFacts,
    input.roots,
    input.projectDir ?? dirname5(dirname5(input.entryFile)),
    opts.fileName ?? ((p) => p)
  );
  const units = [];
  const seen = /* @__PURE__ */ new Set();
  const queue = [];
  const met = /* @__PURE__ */ new Set();
  const enqueue = (file) => {
    if (met.has(file)) return;
    met.add(file);
    const key = fs2.realpath(file);
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(file);
  };
  const indexes = /* @__PURE__ */ new Map();
  const missingChild = (ref, unit) => {
    let index = unit.lineIndex ?? indexes.get(ref.span.file);
    if (!index) indexes.set(ref.span.file, index = new LineIndex(unit.text));
    r.diagnostics.push(
      makeDiagnostic(
        "E1502",
        {
          detail: `no file for module ${ref.segments.join(".")}`,
          notes: [
            `looked for ${ref.segments.join("/")}.bd, ${ref.segments.join("/")}/${ref.segments[ref.segments.length - 1]}.bd, ${ref.segments.join("/")}/mod.bd and .generated/${ref.segments.join("/")}.g.bd under each root`
          ]
        },
        { span: ref.span, index }
      )
    );
  };
  enqueue(input.entryFile);
  for (const root of input.roots) {
    const prelude = join7(root.path, "Prelude.bd");
    if (!r.exists(prelude)) continue;
    const read = r.read(prelude);
    if (!read) continue;
    for (const child of read.facts.children) {
      const found = r.resolve(child.segments);
      if (found) enqueue(found);
      else missingChild(child, read.unit);
    }
  }
  for (const segs of PRELUDE_MODULES) {
    const found = r.resolve(segs);
    if (found) enqueue(found);
  }
  for (let q = 0; q < queue.length; q++) {
    const file = queue[q];
    const isEntry = q === 0;
    const read = r.read(file);
    if (!read) continue;
    const { module, rootIndex } = r.name(file, read.facts, isEntry);
    units.push({ module, rootIndex, ...read.unit });
    for (const child of read.facts.children) {
      const found = r.resolve(child.segments);
      if (found) enqueue(found);
      else missingChild(child, read.unit);
    }
    for (const use of read.facts.uses) {
      const found = resolveUse(r, use);
      if (found) enqueue(found);
    }
    for (const ref of read.facts.qualified) {
      const found = resolveQualified(r, ref);
      if (found) enqueue(found);
    }
  }
  const entryIndex = units.length > 0 && units[0].path === input.entryFile ? 0 : -1;
  return {
    value: { roots: input.roots, units, entryIndex, mode: "ImportClosure" },
    diagnostics: r.diagnostics
  };
}
function listBd2(dir) {
  const out = [];
  const walk = (d, rel2) => {
    let entries;
    try {
      entries = readdirSync4(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel2 ? `${rel2}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!e.name.startsWith(".")) walk(join7(d, e.name), r);
      } else if (e.isFile() && e.name.endsWith(".bd")) out.push(r);
    }
  };
  walk(dir, "");
  return out.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
}
function workspaceScan(roots, opts = {}) {
  const maxUnits = opts.maxUnits ?? 4096;
  const fs2 = opts.fs ?? nodeFs;
  const r = new Reader(
    fs2,
    opts.facts ?? parserFacts,
    roots,
    opts.projectDir ?? dirname5(roots[0]?.path ?? "."),
    opts.fileName ?? ((p) => p)
  );
  const units = [];
  const seen = /* @__PURE__ */ new Set();
  let total = 0;
  for (const root of roots) {
    for (const rel2 of listBd2(root.path)) {
      const file = join7(root.path, ...rel2.split("/"));
      const key = fs2.realpath(file);
      if (seen.has(key)) continue;
      seen.add(key);
      total++;
      if (total > maxUnits) continue;
      const read = r.read(file);
      if (!read) continue;
      const { module, rootIndex } = r.name(file, read.facts, file === opts.entryFile);
      units.push({ module, rootIndex, ...read.unit });
    }
  }
  if (total > maxUnits) {
    r.diagnostics.push(
      makeDiagnostic(
        "E3026",
        {
          detail: `${total} .bd files under the roots, max_units is ${maxUnits}`,
          help: "raise max_units or narrow the roots"
        },
        void 0
      )
    );
  }
  const entryIndex = opts.entryFile ? units.findIndex((u) => u.path === opts.entryFile) : -1;
  return { value: { roots, units, entryIndex, mode: "WorkspaceScan" }, diagnostics: r.diagnostics };
}

// src/semantics/typed.ts
var T2 = {
  bool: 0,
  char: 1,
  string: 2,
  unit: 3,
  never: 4,
  pointer: 5,
  i8: 6,
  i16: 7,
  i32: 8,
  i64: 9,
  u8: 10,
  u16: 11,
  u32: 12,
  u64: 13,
  f32: 14,
  f64: 15,
  error: 16
};
var PRIM_ORDER = [
  "bool",
  "char",
  "string",
  "unit",
  "never",
  "pointer",
  "i8",
  "i16",
  "i32",
  "i64",
  "u8",
  "u16",
  "u32",
  "u64",
  "f32",
  "f64"
];

// src/semantics/types.ts
function keyOf(t3) {
  switch (t3.kind) {
    case "prim":
      return t3.prim;
    case "array":
      return `a${t3.elem}`;
    case "fn":
      return `f${t3.params.join(",")}>${t3.ret}`;
    case "record":
      return `r${t3.decl}<${t3.args.join(",")}>`;
    case "enum":
      return `e${t3.decl}<${t3.args.join(",")}>`;
    case "contract":
      return `c${t3.decl}<${t3.args.join(",")}>`;
    case "param":
      return `p${t3.param}`;
    case "error":
      return "!";
  }
}
var TypeTable = class {
  list = [];
  byKey = /* @__PURE__ */ new Map();
  constructor() {
    for (const p of PRIM_ORDER) this.intern({ kind: "prim", prim: p });
    this.intern({ kind: "error" });
  }
  intern(t3) {
    const k = keyOf(t3);
    const found = this.byKey.get(k);
    if (found !== void 0) return found;
    const id = this.list.length;
    this.list.push(t3);
    this.byKey.set(k, id);
    return id;
  }
  get(id) {
    return this.list[id];
  }
  array(elem) {
    return this.intern({ kind: "array", elem });
  }
  fn(params, ret) {
    return this.intern({ kind: "fn", params, ret });
  }
  param(p) {
    return this.intern({ kind: "param", param: p });
  }
  record(decl, args) {
    return this.intern({ kind: "record", decl, args });
  }
  enumT(decl, args) {
    return this.intern({ kind: "enum", decl, args });
  }
  contract(decl, args) {
    return this.intern({ kind: "contract", decl, args });
  }
};
var INT_BITS = {
  i8: 8,
  i16: 16,
  i32: 32,
  i64: 64,
  u8: 8,
  u16: 16,
  u32: 32,
  u64: 64
};
function isIntPrim(p) {
  return p in INT_BITS;
}
function isFloatPrim(p) {
  return p === "f32" || p === "f64";
}
function isSigned(p) {
  return p[0] === "i";
}
var RANGES = /* @__PURE__ */ new Map();
for (const p of Object.keys(INT_BITS)) {
  const bits = BigInt(INT_BITS[p]);
  RANGES.set(p, p[0] === "i" ? [-(1n << bits - 1n), (1n << bits - 1n) - 1n] : [0n, (1n << bits) - 1n]);
}
function intRange(p) {
  return RANGES.get(p);
}
function primOf(types, t3) {
  const i = types.get(t3);
  return i.kind === "prim" ? i.prim : void 0;
}
function isInt(types, t3) {
  const p = primOf(types, t3);
  return p !== void 0 && isIntPrim(p);
}
function isFloat(types, t3) {
  const p = primOf(types, t3);
  return p !== void 0 && isFloatPrim(p);
}
function isNumeric(types, t3) {
  return isInt(types, t3) || isFloat(types, t3);
}
function widens(from, to) {
  if (from === to) return true;
  if (isIntPrim(from) && isIntPrim(to)) {
    const fb = INT_BITS[from];
    const tb = INT_BITS[to];
    if (isSigned(from) === isSigned(to)) return fb < tb;
    return !isSigned(from) && isSigned(to) && fb < tb;
  }
  if (from === "f32" && to === "f64") return true;
  return false;
}
function commonNumeric(a, b) {
  if (widens(a, b)) return b;
  if (widens(b, a)) return a;
  if (isIntPrim(a) && isIntPrim(b)) {
    for (const c2 of ["i16", "i32", "i64"]) if (widens(a, c2) && widens(b, c2)) return c2;
    return void 0;
  }
  if (isFloatPrim(a) && isIntPrim(b)) return a;
  if (isFloatPrim(b) && isIntPrim(a)) return b;
  return void 0;
}
function substitute(types, t3, map) {
  if (map.size === 0) return t3;
  const info = types.get(t3);
  switch (info.kind) {
    case "prim":
    case "error":
      return t3;
    case "param":
      return map.get(info.param) ?? t3;
    case "array":
      return types.array(substitute(types, info.elem, map));
    case "fn":
      return types.fn(
        info.params.map((p) => substitute(types, p, map)),
        substitute(types, info.ret, map)
      );
    case "record":
      return info.args.length === 0 ? t3 : types.record(
        info.decl,
        info.args.map((a) => substitute(types, a, map))
      );
    case "enum":
      return info.args.length === 0 ? t3 : types.enumT(
        info.decl,
        info.args.map((a) => substitute(types, a, map))
      );
    case "contract":
      return info.args.length === 0 ? t3 : types.contract(
        info.decl,
        info.args.map((a) => substitute(types, a, map))
      );
  }
}
function mentionsParam(types, t3, only) {
  const info = types.get(t3);
  switch (info.kind) {
    case "prim":
    case "error":
      return false;
    case "param":
      return only === void 0 || only.has(info.param);
    case "array":
      return mentionsParam(types, info.elem, only);
    case "fn":
      return info.params.some((p) => mentionsParam(types, p, only)) || mentionsParam(types, info.ret, only);
    case "record":
    case "enum":
    case "contract":
      return info.args.some((a) => mentionsParam(types, a, only));
  }
}
function unify(types, pattern, actual, vars, bindings, numericConflicts) {
  if (pattern === actual && !mentionsParam(types, pattern, vars)) return true;
  const p = types.get(pattern);
  const a = types.get(actual);
  if (a.kind === "error") return true;
  if (p.kind === "param" && vars.has(p.param)) {
    const bound = bindings.get(p.param);
    if (bound === void 0) {
      bindings.set(p.param, actual);
      return true;
    }
    if (bound === actual) return true;
    if (numericConflicts && isNumeric(types, bound) && isNumeric(types, actual)) {
      const list = numericConflicts.get(p.param) ?? [bound];
      list.push(actual);
      numericConflicts.set(p.param, list);
      return true;
    }
    return types.get(bound).kind === "error";
  }
  if (p.kind !== a.kind) return false;
  switch (p.kind) {
    case "array":
      return unify(types, p.elem, a.elem, vars, bindings, numericConflicts);
    case "fn": {
      const af = a;
      if (af.params.length !== p.params.length) return false;
      for (let i = 0; i < p.params.length; i++)
        if (!unify(types, p.params[i], af.params[i], vars, bindings, numericConflicts)) return false;
      return unify(types, p.ret, af.ret, vars, bindings, numericConflicts);
    }
    case "record":
    case "enum":
    case "contract": {
      const an = a;
      if (an.decl !== p.decl || an.args.length !== p.args.length) return false;
      for (let i = 0; i < p.args.length; i++)
        if (!unify(types, p.args[i], an.args[i], vars, bindings, numericConflicts)) return false;
      return true;
    }
    default:
      return false;
  }
}
function typeName(types, names, t3) {
  const info = types.get(t3);
  const args = (xs) => xs.length ? `<${xs.map((x) => typeName(types, names, x)).join(", ")}>` : "";
  switch (info.kind) {
    case "prim":
      return info.prim;
    case "error":
      return "{error}";
    case "array":
      return `${typeName(types, names, info.elem)}[]`;
    case "fn":
      return `${typeName(types, names, info.ret)}(${info.params.map((x) => typeName(types, names, x)).join(", ")})`;
    case "record":
      return (names.records[info.decl]?.name ?? "?") + args(info.args);
    case "enum":
      return (names.enums[info.decl]?.name ?? "?") + args(info.args);
    case "contract":
      return (names.contracts[info.decl]?.name ?? "?") + args(info.args);
    case "param":
      return names.typeParams[info.param]?.name ?? "?";
  }
}

// src/semantics/collect.ts
var PRIM_NAMES = /* @__PURE__ */ new Set([
  "bool",
  "char",
  "string",
  "unit",
  "never",
  "i8",
  "i16",
  "i32",
  "i64",
  "u8",
  "u16",
  "u32",
  "u64",
  "f32",
  "f64",
  "word",
  "pointer"
]);
var Collector = class {
  constructor(s) {
    this.s = s;
  }
  s;
  jobs = [];
  uses = [];
  typeItems = [];
  enumItems = [];
  contractItems = [];
  funcItems = [];
  testItems = [];
  implItems = [];
  modDecls = [];
  attrDecls = /* @__PURE__ */ new Map();
  attrUses = [];
  conformanceJobs = [];
  /** Items whose namespace entries are modules created only as path prefixes. */
  entryModule;
  // ---------------------------------------------------------------------------------------
  // Pass 1: modules and item names.
  indexUnits(entryIndex) {
    const s = this.s;
    s.moduleFor("");
    const unitModule = [];
    s.units.forEach((u, index) => {
      let path2 = u.module;
      const first = u.tree.items[0];
      if (first && first.kind === "ModDecl" && !first.isPub && first.attributes.length === 0) {
        const p = first.path.segments.map((x) => x.text).join(".");
        if (p && !p.includes("..")) path2 = p;
      }
      const id = s.moduleFor(path2);
      const scope = s.scopes[id];
      unitModule[index] = id;
      if (scope.unit !== void 0) {
        s.report("E1006", { file: u.file, start: 0, end: 0 }, `module \`${path2}\` is defined by two files`, {
          notes: [`the other file is ${s.units[scope.unit].file}`]
        });
        return;
      }
      scope.unit = index;
      scope.file = u.file;
      s.modules[id].file = u.file;
      if (index === entryIndex) {
        s.modules[id].isEntry = true;
        this.entryModule = id;
      }
    });
    s.units.forEach((u, index) => {
      const id = unitModule[index];
      if (id === void 0 || s.scopes[id].unit !== index) return;
      this.checkFileScoped(u.tree, u.file);
      this.declareItems(u.tree.items, id, u.file, true);
    });
  }
  checkFileScoped(tree, file) {
    const s = this.s;
    const isFileScoped = (it) => it.kind === "ModDecl" && !it.isPub && it.attributes.length === 0;
    const first = tree.items[0];
    const scoped = first !== void 0 && isFileScoped(first);
    tree.items.forEach((it, i) => {
      if (i === 0) return;
      if (isFileScoped(it)) {
        if (scoped)
          s.report("E1506", s.span(file, it), "this file already declares its module on its first line");
        else
          s.report(
            "E1505",
            s.span(file, it),
            "`mod \u2026;` without `pub` declares the file's own module and must be its first item",
            {
              help: "move it to the top of the file, or write `pub mod \u2026;` to declare a child module"
            }
          );
      } else if (scoped && it.kind === "InlineModule")
        s.report(
          "E1507",
          s.span(file, it),
          `inline module \`${it.name.text}\` in a file with a file-scoped \`mod\` declaration`
        );
    });
  }
  bind(module, name, entry, typeLike) {
    const s = this.s;
    if (name.text === "") return;
    const scope = s.scopes[module];
    const prev = scope.items.get(name.text);
    if (prev && !(prev.sym.kind === "module" && prev.span.file === "")) {
      const prevTypeLike = prev.sym.kind === "record" || prev.sym.kind === "enum" || prev.sym.kind === "contract";
      const code = typeLike && prevTypeLike ? "E1001" : "E1006";
      s.report(
        code,
        entry.span,
        `\`${name.text}\` is already declared in module \`${scope.path || "(root)"}\``,
        {
          notes: prev.span.file ? [`first declared at ${prev.span.file}:${this.lineOf(prev.span)}`] : [],
          help: "rename one of them"
        }
      );
      return;
    }
    scope.items.set(name.text, entry);
  }
  lineOf(span) {
    return this.s.lineIndexes.get(span.file)?.position(span.start).line ?? 0;
  }
  declareItems(items, module, file, topLevel) {
    const s = this.s;
    const scope = s.scopes[module];
    if (scope.file === void 0) scope.file = file;
    items.forEach((item, index) => {
      const span = s.span(file, "name" in item ? item.name : item);
      switch (item.kind) {
        case "Function": {
          const id = this.newFunction(
            "function",
            item.name.text,
            module,
            item.isPub,
            s.span(file, item),
            s.span(file, item.name)
          );
          this.funcItems.push({ id, ast: item, module, file });
          this.bind(
            module,
            item.name,
            { sym: { kind: "function", id }, isPub: item.isPub, module, span },
            false
          );
          this.attrUses.push({ attrs: item.attributes, target: "FunctionDeclaration", file });
          break;
        }
        case "Type": {
          this.checkPrimName(item.name, file);
          const id = s.records.length;
          s.records.push({
            id,
            name: item.name.text,
            qualifiedName: qual(scope.path, item.name.text),
            module,
            isPub: item.isPub,
            typeParams: [],
            selfType: T2.error,
            fields: [],
            members: /* @__PURE__ */ new Map(),
            span: s.span(file, item)
          });
          this.typeItems.push({ id, ast: item, module, file });
          this.bind(
            module,
            item.name,
            { sym: { kind: "record", id }, isPub: item.isPub, module, span },
            true
          );
          this.attrUses.push({ attrs: item.attributes, target: "TypeDeclaration", file });
          break;
        }
        case "Enum": {
          this.checkPrimName(item.name, file);
          const id = s.enums.length;
          s.enums.push({
            id,
            name: item.name.text,
            qualifiedName: qual(scope.path, item.name.text),
            module,
            isPub: item.isPub,
            typeParams: [],
            selfType: T2.error,
            variants: [],
            members: /* @__PURE__ */ new Map(),
            shape: void 0,
            span: s.span(file, item)
          });
          this.enumItems.push({ id, ast: item, module, file });
          this.bind(module, item.name, { sym: { kind: "enum", id }, isPub: item.isPub, module, span }, true);
          this.attrUses.push({ attrs: item.attributes, target: "EnumDeclaration", file });
          break;
        }
        case "Contract": {
          this.checkPrimName(item.name, file);
          const id = s.contracts.length;
          s.contracts.push({
            id,
            name: item.name.text,
            qualifiedName: qual(scope.path, item.name.text),
            module,
            isPub: item.isPub,
            typeParams: [],
            selfType: T2.error,
            methods: [],
            embeds: [],
            thisParam: -1,
            extern: void 0,
            span: s.span(file, item)
          });
          this.contractItems.push({ id, ast: item, module, file });
          this.bind(
            module,
            item.name,
            { sym: { kind: "contract", id }, isPub: item.isPub, module, span },
            true
          );
          this.attrUses.push({ attrs: item.attributes, target: "ContractDeclaration", file });
          break;
        }
        case "Const": {
          const id = s.consts.length;
          const v = item.value.literal.value;
          s.consts.push({
            id,
            name: item.name.text,
            module,
            value: item.value.negative ? -v : v,
            span: s.span(file, item)
          });
          this.bind(
            module,
            item.name,
            { sym: { kind: "const", id }, isPub: item.isPub, module, span },
            false
          );
          break;
        }
        case "Test": {
          const id = s.tests.length;
          const fid = this.newFunction(
            "test",
            item.name.text,
            module,
            false,
            s.span(file, item),
            s.span(file, item.name)
          );
          s.tests.push({
            id,
            name: item.name.text,
            qualifiedName: item.name.text,
            module,
            file,
            tags: [],
            group: void 0,
            skip: void 0,
            func: fid,
            span: s.span(file, item)
          });
          this.testItems.push({ id, ast: item, module, file });
          this.bind(module, item.name, { sym: { kind: "test", id }, isPub: item.isPub, module, span }, false);
          break;
        }
        case "AttributeDecl": {
          this.checkPrimName(item.name, file);
          this.attrDecls.set(item.name.text, item);
          this.bind(
            module,
            item.name,
            { sym: { kind: "attribute", name: item.name.text }, isPub: item.isPub, module, span },
            false
          );
          this.checkAttributeDecl(item, file);
          break;
        }
        case "InlineModule": {
          if (item.name.text === "") break;
          const path2 = qual(scope.path, item.name.text);
          const existing = s.byPath.get(path2);
          const prev = scope.items.get(item.name.text);
          if (existing !== void 0 && (s.scopes[existing].unit !== void 0 || prev && prev.span.file !== "")) {
            s.report("E1006", span, `module \`${path2}\` is declared twice`, {
              help: "merge the two modules or rename one"
            });
            break;
          }
          if (prev && prev.sym.kind !== "module") {
            this.bind(
              module,
              item.name,
              { sym: { kind: "module", id: -1 }, isPub: item.isPub, module, span },
              false
            );
            break;
          }
          const id = s.moduleFor(path2);
          const child = s.scopes[id];
          child.isPub = item.isPub;
          child.file = file;
          scope.items.set(item.name.text, { sym: { kind: "module", id }, isPub: item.isPub, module, span });
          this.attrUses.push({ attrs: item.attributes, target: "ModuleDeclaration", file });
          this.declareItems(item.items, id, file, false);
          break;
        }
        case "ModDecl":
          if (topLevel && !item.isPub && item.attributes.length === 0) break;
          this.modDecls.push({ ast: item, module, file });
          this.attrUses.push({ attrs: item.attributes, target: "ModuleDeclaration", file });
          break;
        case "Use":
          this.uses.push({ decl: item, module, file, state: "pending" });
          break;
        case "Impl":
          this.implItems.push({ ast: item, module, file });
          break;
        case "Macro":
          break;
        case "Host":
          s.report(
            "E1230",
            s.span(file, item),
            "`host` items (dependency-injection hosts) are not supported by beskid-ci"
          );
          break;
        default:
          assertNever3(item);
      }
    });
  }
  checkPrimName(name, file) {
    if (PRIM_NAMES.has(name.text))
      this.s.report(
        "E1008",
        this.s.span(file, name),
        `\`${name.text}\` is a primitive type name and cannot be declared again`,
        {
          help: "choose another name"
        }
      );
  }
  newFunction(kind, name, module, isPub, span, nameSpan) {
    const s = this.s;
    const id = s.functions.length;
    const path2 = s.scopes[module].path;
    s.functions.push({
      id,
      kind,
      name,
      qualifiedName: kind === "test" ? `${qual(path2, name)}` : qual(path2, name),
      module,
      isPub,
      typeParams: [],
      params: [],
      paramTypes: [],
      ret: T2.unit,
      receiver: void 0,
      body: void 0,
      locals: [],
      captures: [],
      parent: void 0,
      isEntry: kind === "test",
      file: span.file,
      span,
      nameSpan
    });
    return id;
  }
  // ---------------------------------------------------------------------------------------
  // Pass 2: `use` declarations.
  /** E1105 help: the nearest module or `module.item` path of the program, when one is close. */
  importHelp(path2) {
    const s = this.s;
    const cands = [];
    for (const m of s.scopes) {
      if (m.path === "") continue;
      cands.push(m.path);
      for (const name of m.items.keys()) cands.push(`${m.path}.${name}`);
    }
    const bare = path2.startsWith("Std.") ? path2.slice(4) : path2;
    const best = closest(bare, cands);
    return best !== void 0 ? `did you mean \`${best}\`?` : "check the spelling and that the module's file is under a source root";
  }
  resolveUses() {
    const s = this.s;
    let progress = true;
    while (progress) {
      progress = false;
      for (const u of this.uses) {
        if (u.state !== "pending") continue;
        const r = this.tryResolveUse(u);
        if (r === "defer") continue;
        u.state = "done";
        progress = true;
      }
    }
    for (const u of this.uses) {
      if (u.state !== "pending") continue;
      u.state = "done";
      const path2 = u.decl.path.segments.map((x) => x.text).join(".");
      s.report("E1105", s.span(u.file, u.decl.path), `no module or item \`${path2}\` in this program`, {
        help: this.importHelp(path2)
      });
    }
    const unitPaths = new Set(s.scopes.filter((x) => x.unit !== void 0).map((x) => x.path));
    for (const d of this.modDecls) {
      const path2 = d.ast.path.segments.map((x) => x.text).join(".");
      const alt = path2.startsWith("Std.") ? path2.slice(4) : path2;
      if (!unitPaths.has(path2) && !unitPaths.has(alt))
        s.report("E1502", s.span(d.file, d.ast.path), `no file defines module \`${path2}\``, {
          help: `create ${path2.replace(/\./g, "/")}.bd under a source root`
        });
    }
  }
  tryResolveUse(u) {
    const s = this.s;
    const segs = u.decl.path.segments.map((x) => x.text);
    if (segs.some((x) => x === "")) return "error";
    const attempt = (parts) => {
      const asModule = s.byPath.get(parts.join("."));
      if (asModule !== void 0) return { kind: "module", id: asModule };
      if (parts.length < 2) return void 0;
      const owner = s.byPath.get(parts.slice(0, -1).join("."));
      if (owner === void 0) return void 0;
      const last = parts[parts.length - 1];
      const entry2 = s.scopes[owner].items.get(last);
      if (!entry2) {
        if (this.uses.some(
          (o) => o.state === "pending" && o.module === owner && o !== u && useName(o.decl) === last
        ))
          return "defer";
        return void 0;
      }
      if (!entry2.isPub && !s.canSeePrivate(u.module, entry2.module)) return "private";
      return entry2.sym;
    };
    let r = attempt(segs);
    if (r === void 0 && segs[0] === "Std" && segs.length > 1) r = attempt(segs.slice(1));
    if (r === "defer") return "defer";
    const span = s.span(u.file, u.decl.path);
    if (r === "private") {
      s.report("E1501", span, `\`${segs.join(".")}\` is private to its module`, {
        help: "mark it `pub` or import something public"
      });
      return "error";
    }
    if (r === void 0) {
      s.report("E1105", span, `no module or item \`${segs.join(".")}\` in this program`, {
        help: this.importHelp(segs.join("."))
      });
      return "error";
    }
    const name = useName(u.decl);
    const scope = s.scopes[u.module];
    const prev = scope.items.get(name);
    const nameNode = u.decl.alias ?? u.decl.path.segments[u.decl.path.segments.length - 1];
    const entry = {
      sym: r,
      isPub: u.decl.isPub,
      module: u.module,
      span: s.span(u.file, nameNode),
      use: { used: false, decl: u.decl }
    };
    if (prev) {
      if (prev.use) {
        if (!sameSym(prev.sym, r))
          s.report("E1104", s.span(u.file, u.decl), `\`${name}\` is already imported from a different path`, {
            help: "use `use \u2026 as OtherName;` for one of them"
          });
        else prev.use.used = true;
        return "ok";
      }
      if (prev.sym.kind === "module" && prev.span.file === "") {
        scope.items.set(name, entry);
        return "ok";
      }
      if (sameSym(prev.sym, r)) return "ok";
      s.report(
        "E1006",
        s.span(u.file, u.decl),
        `the import binds \`${name}\`, which this module already declares`,
        {
          help: "import it under another name with `as`"
        }
      );
      return "ok";
    }
    scope.items.set(name, entry);
    return "ok";
  }
  /** W1503 for imports never read. */
  reportUnusedImports() {
    const s = this.s;
    for (const sc of s.scopes)
      for (const [name, e] of sc.items) {
        if (!e.use || e.use.used || e.isPub) continue;
        s.report("W1503", e.span, `\`${name}\` is imported but never used`, {
          help: "remove the `use` declaration"
        });
      }
  }
  // ---------------------------------------------------------------------------------------
  // Name lookup at module level (steps 3–7 of §5.2).
  /** Look a simple name up from module `from`: its items, its ancestors' (root = top-level modules), `Std`, prelude. */
  lookupModuleLevel(name, from, wantType) {
    const s = this.s;
    for (let m = from; m !== void 0; m = s.modules[m].parent) {
      const e = s.scopes[m].items.get(name);
      if (!e) continue;
      if (wantType && e.sym.kind === "module" && this.homonym(e.sym.id) === void 0) continue;
      if (e.sym.kind === "module" && e.sym.id < 0) continue;
      if (e.use) e.use.used = true;
      this.markUsed(e.sym);
      return e;
    }
    if (name === "Std")
      return { sym: { kind: "module", id: 0 }, isPub: true, module: 0, span: { file: "", start: 0, end: 0 } };
    const prelude = this.prelude(name);
    if (prelude) return prelude;
    return void 0;
  }
  preludeCache = /* @__PURE__ */ new Map();
  prelude(name) {
    if (name !== "Result" && name !== "Option") return void 0;
    if (this.preludeCache.has(name)) return this.preludeCache.get(name);
    const path2 = name === "Result" ? "Core.Results" : "Core.Optional.Option";
    const m = this.s.byPath.get(path2);
    let e;
    if (m !== void 0) {
      const item = this.s.scopes[m].items.get(name);
      if (item && item.sym.kind === "enum") e = { sym: item.sym, isPub: true, module: m, span: item.span };
    }
    this.preludeCache.set(name, e);
    return e;
  }
  /** D4: the type, enum or contract a module declares under its own last name. */
  homonym(module) {
    const s = this.s;
    if (module < 0) return void 0;
    const sc = s.scopes[module];
    const e = sc.items.get(s.lastName(sc.path));
    if (e && (e.sym.kind === "record" || e.sym.kind === "enum" || e.sym.kind === "contract")) return e.sym;
    return void 0;
  }
  /** Item `name` of module `module` as seen from `from` (privacy checked by the caller via the result). */
  memberOfModule(module, name) {
    const e = this.s.scopes[module]?.items.get(name);
    if (e?.use) e.use.used = true;
    if (e) this.markUsed(e.sym);
    return e;
  }
  /** Items referenced anywhere (W1504). Keys are `kind:id`. */
  used = /* @__PURE__ */ new Set();
  markUsed(sym) {
    if (sym.kind !== "attribute") this.used.add(`${sym.kind}:${sym.id}`);
  }
  /** W1504 (optional in §9): private functions, consts and types nothing refers to. */
  reportUnusedPrivate(entry) {
    const s = this.s;
    for (const sc of s.scopes)
      for (const [name, e] of sc.items) {
        if (e.use || e.isPub || name.startsWith("_")) continue;
        const k = e.sym.kind;
        if (k !== "function" && k !== "const" && k !== "record" && k !== "enum" && k !== "contract") continue;
        if (k === "function" && e.sym.id === entry) continue;
        if (this.used.has(`${k}:${e.sym.id}`)) continue;
        s.report("W1504", e.span, `private ${symKindName(e.sym)} \`${name}\` is never used`, {
          help: "remove it, or mark it `pub` if other modules need it"
        });
      }
  }
  isVisible(e, from) {
    if (e.isPub) return true;
    if (e.sym.kind === "module" && e.sym.id >= 0 && this.s.scopes[e.sym.id].unit !== void 0) return true;
    return this.s.canSeePrivate(from, e.module);
  }
  // ---------------------------------------------------------------------------------------
  // Types.
  /** Resolve a syntactic type. `code` is the unknown-name code (E1005 in definitions, E1201 in bodies). */
  resolveType(t3, sc, code = "E1201") {
    const s = this.s;
    switch (t3.kind) {
      case "PrimitiveType":
        return t3.name === "word" ? T2.u64 : T2[t3.name];
      case "ArrayType":
        return s.types.array(this.resolveType(t3.element, sc, code));
      case "FunctionType":
        return s.types.fn(
          t3.params.map((p) => this.resolveType(p, sc, code)),
          this.resolveType(t3.returnType, sc, code)
        );
      case "ThisType":
        if (sc.thisType !== void 0) return sc.thisType;
        s.report(
          "E1233",
          s.span(sc.file, t3),
          "`This` is only meaningful inside a type body, `impl`, `extend` or contract",
          {
            help: "write the type's name"
          }
        );
        return T2.error;
      case "RefType":
        s.report("E1229", s.span(sc.file, t3), "`ref T` types are not supported", {
          help: "pass the value itself; records and arrays are references already"
        });
        this.resolveType(t3.inner, sc, code);
        return T2.error;
      case "ErrorType":
        return T2.error;
      case "NamedType":
        return this.resolveNamedType(t3, sc, code);
      default:
        return assertNever3(t3);
    }
  }
  resolveNamedType(t3, sc, code) {
    const s = this.s;
    if (t3.assoc) {
      s.report("E1230", s.span(sc.file, t3), "associated types (`T::Item`) are not supported by beskid-ci");
      return T2.error;
    }
    const segs = t3.segments;
    const first = segs[0];
    if (!first || first.name.text === "") return T2.error;
    if (segs.length === 1 && !first.typeArgs) {
      const p = sc.params.get(first.name.text);
      if (p !== void 0) return s.types.param(p);
    }
    const sym = this.resolveTypeSym(segs, sc, code, t3);
    if (!sym) return T2.error;
    const last = segs[segs.length - 1];
    const args = (last.typeArgs ?? []).map((a) => this.resolveType(a, sc, code));
    return this.instantiateDecl(
      sym,
      args,
      last.typeArgs !== void 0,
      s.span(sc.file, t3),
      s.span(sc.file, last)
    );
  }
  /** The declaration a type path names, or undefined after reporting. */
  resolveTypeSym(segs, sc, code, whole) {
    const s = this.s;
    const first = segs[0];
    let e = this.lookupModuleLevel(first.name.text, sc.module, segs.length === 1);
    if (!e) {
      if (segs.length === 1 && first.name.text === "BeskidStr")
        return { kind: "attribute", name: "BeskidStr" };
      if (segs.length === 1 && !first.typeArgs && sc.implicit) {
        const p = sc.implicit(first.name.text, s.span(sc.file, first));
        if (p !== void 0) return { kind: "attribute", name: `#param${p}` };
      }
      s.report(code, s.span(sc.file, first.name), `no type \`${first.name.text}\` is visible here`, {
        help: this.suggestType(first.name.text, sc.module)
      });
      return void 0;
    }
    let sym = e.sym;
    for (let i = 1; i < segs.length; i++) {
      const seg = segs[i];
      if (segs[i - 1].typeArgs)
        s.report(
          "E1204",
          s.span(sc.file, segs[i - 1]),
          "type arguments are only allowed on the last segment of a type path"
        );
      if (sym.kind !== "module") {
        s.report(
          "E1153",
          s.span(sc.file, whole),
          `\`${segs[i - 1].name.text}\` is not a module, so \`.${seg.name.text}\` cannot follow it`
        );
        return void 0;
      }
      const next = this.memberOfModule(sym.id, seg.name.text);
      if (!next) {
        s.report(
          "E1108",
          s.span(sc.file, seg.name),
          `module \`${s.scopes[sym.id].path}\` has no item \`${seg.name.text}\``
        );
        return void 0;
      }
      if (!this.isVisible(next, sc.module)) {
        s.report(
          "E1107",
          s.span(sc.file, seg.name),
          `\`${seg.name.text}\` is private to module \`${s.scopes[next.module].path}\``,
          {
            help: "mark it `pub`"
          }
        );
      }
      e = next;
      sym = next.sym;
    }
    if (sym.kind === "module") {
      const h = this.homonym(sym.id);
      if (h) this.markUsed(h);
      if (!h) {
        s.report(
          code,
          s.span(sc.file, whole),
          `module \`${s.scopes[sym.id].path}\` is not a type and declares no type named \`${s.lastName(s.scopes[sym.id].path)}\``
        );
        return void 0;
      }
      return h;
    }
    if (sym.kind !== "record" && sym.kind !== "enum" && sym.kind !== "contract") {
      s.report(
        code,
        s.span(sc.file, whole),
        `\`${segs.map((x) => x.name.text).join(".")}\` is a ${symKindName(sym)}, not a type`
      );
      return void 0;
    }
    return sym;
  }
  /** A declaration with type arguments (E1203 / E1204 on count). Handles the pseudo-syms of resolveTypeSym. */
  instantiateDecl(sym, args, written, span, argSpan) {
    const s = this.s;
    if (sym.kind === "attribute") {
      if (sym.name === "BeskidStr") return T2.string;
      if (sym.name.startsWith("#param")) return s.types.param(Number(sym.name.slice(6)));
      return T2.error;
    }
    const decl = sym.kind === "record" ? s.records[sym.id] : sym.kind === "enum" ? s.enums[sym.id] : sym.kind === "contract" ? s.contracts[sym.id] : void 0;
    if (!decl) return T2.error;
    const n = decl.typeParams.length;
    if (args.length !== n) {
      if (!written && n > 0) {
        s.report("E1203", span, `\`${decl.name}\` needs ${n} type argument${n === 1 ? "" : "s"}`, {
          help: `write \`${decl.name}<${decl.typeParams.map((p) => s.typeParams[p].name).join(", ")}>\` with concrete types`
        });
      } else {
        s.report(
          "E1204",
          argSpan,
          `\`${decl.name}\` takes ${n} type argument${n === 1 ? "" : "s"}, found ${args.length}`
        );
      }
      return T2.error;
    }
    if (sym.kind === "record") return s.types.record(sym.id, args);
    if (sym.kind === "enum") return s.types.enumT(sym.id, args);
    return s.types.contract(sym.id, args);
  }
  /** A module of the program whose last segment is `name` (for "import it with `use`"), the shortest path first. */
  moduleNamed(name) {
    let best;
    for (const sc of this.s.scopes)
      if (sc.unit !== void 0 && this.s.lastName(sc.path) === name && (best === void 0 || sc.path.length < best.length))
        best = sc.path;
    return best;
  }
  suggestType(name, module) {
    const m = this.moduleNamed(name);
    if (m) return `import it: \`use ${m};\``;
    const candidates2 = [];
    for (let m2 = module; m2 !== void 0; m2 = this.s.modules[m2].parent)
      for (const [n, e] of this.s.scopes[m2].items)
        if (e.sym.kind === "record" || e.sym.kind === "enum" || e.sym.kind === "contract" || e.sym.kind === "module")
          candidates2.push(n);
    for (const p of PRIM_NAMES) candidates2.push(p);
    const best = closest(name, candidates2);
    if (best) return `did you mean \`${best}\`?`;
    const keyword = closest(name, ["return", "break", "continue"]);
    if (keyword) return `did you mean the keyword \`${keyword}\`?`;
    return "declare it, or import its module with `use`";
  }
  newTypeParams(names, file, owner) {
    const s = this.s;
    const out = [];
    for (const n of names) {
      this.checkPrimName(n, file);
      const id = s.typeParams.length;
      s.typeParams.push({ id, name: n.text, bounds: [], implicit: false, span: s.span(file, n) });
      if (owner.has(n.text))
        s.report("E1006", s.span(file, n), `type parameter \`${n.text}\` is declared twice`);
      owner.set(n.text, id);
      out.push(id);
    }
    return out;
  }
  applyWhere(where, sc) {
    const s = this.s;
    for (const w of where) {
      const p = sc.params.get(w.param.text);
      if (p === void 0) {
        s.report(
          "E1201",
          s.span(sc.file, w.param),
          `\`${w.param.text}\` is not a type parameter of this declaration`
        );
        continue;
      }
      const bound = this.resolveType(w.bound, sc, "E1005");
      if (bound === T2.error) continue;
      if (s.types.get(bound).kind !== "contract") {
        s.report(
          "E1607",
          s.span(sc.file, w.bound),
          `\`${s.typeName(bound)}\` is not a contract, so it cannot bound \`${w.param.text}\``
        );
        continue;
      }
      s.typeParams[p].bounds.push(bound);
    }
  }
  // ---------------------------------------------------------------------------------------
  // Pass 3: signatures.
  declareSignatures() {
    const s = this.s;
    for (const it of this.typeItems) {
      const r = s.records[it.id];
      const params = /* @__PURE__ */ new Map();
      r.typeParams = this.newTypeParams(it.ast.typeParams, it.file, params);
      r.selfType = s.types.record(
        it.id,
        r.typeParams.map((p) => s.types.param(p))
      );
    }
    for (const it of this.enumItems) {
      const e = s.enums[it.id];
      e.typeParams = this.newTypeParams(it.ast.typeParams, it.file, /* @__PURE__ */ new Map());
      e.selfType = s.types.enumT(
        it.id,
        e.typeParams.map((p) => s.types.param(p))
      );
    }
    for (const it of this.contractItems) {
      const c2 = s.contracts[it.id];
      c2.typeParams = this.newTypeParams(it.ast.typeParams, it.file, /* @__PURE__ */ new Map());
      c2.selfType = s.types.contract(
        it.id,
        c2.typeParams.map((p) => s.types.param(p))
      );
      const tp = s.typeParams.length;
      s.typeParams.push({
        id: tp,
        name: "This",
        bounds: [c2.selfType],
        implicit: true,
        span: s.span(it.file, it.ast.name)
      });
      c2.thisParam = tp;
    }
    for (const it of this.enumItems) this.declareEnum(it);
    for (const it of this.contractItems) this.declareContractOwn(it);
    for (const it of this.contractItems) this.mergeEmbeds(it.id, /* @__PURE__ */ new Set());
    for (const it of this.typeItems) this.declareRecord(it);
    for (const it of this.implItems) this.declareImpl(it);
    for (const it of this.funcItems) this.declareFunction(it);
    for (const it of this.testItems) this.declareTest(it);
    this.checkAttributes();
  }
  paramsMap(ids) {
    const m = /* @__PURE__ */ new Map();
    for (const id of ids) m.set(this.s.typeParams[id].name, id);
    return m;
  }
  declareEnum(it) {
    const s = this.s;
    const e = s.enums[it.id];
    const sc = {
      module: it.module,
      file: it.file,
      params: this.paramsMap(e.typeParams),
      thisType: e.selfType
    };
    const seen = /* @__PURE__ */ new Map();
    const variants = [];
    for (const v of it.ast.variants) {
      if (seen.has(v.name.text)) {
        s.report("E1002", s.span(it.file, v.name), `\`${e.name}\` already has a variant \`${v.name.text}\``);
        continue;
      }
      seen.set(v.name.text, v);
      const names = /* @__PURE__ */ new Set();
      const fields = v.fields.map((f) => {
        const name = f.name?.text ?? `_${f.index}`;
        if (f.name && names.has(name))
          s.report(
            "E1007",
            s.span(it.file, f.name),
            `payload field \`${name}\` is declared twice in \`${e.name}::${v.name.text}\``
          );
        names.add(name);
        return { name, type: this.resolveType(f.type, sc, "E1005") };
      });
      variants.push({ name: v.name.text, tag: variants.length, fields, span: s.span(it.file, v) });
    }
    e.variants = variants;
    const byName = (n) => variants.find((v) => v.name === n);
    if (e.name === "Result" && variants.length === 2 && byName("Ok")?.fields.length === 1 && byName("Error")?.fields.length === 1)
      e.shape = "result";
    if (e.name === "Option" && variants.length === 2 && byName("Some")?.fields.length === 1 && byName("None")?.fields.length === 0)
      e.shape = "option";
  }
  declareContractOwn(it) {
    const s = this.s;
    const c2 = s.contracts[it.id];
    const sc = {
      module: it.module,
      file: it.file,
      params: this.paramsMap(c2.typeParams),
      thisType: s.types.param(c2.thisParam)
    };
    const ext2 = it.ast.attributes.find((a) => a.name.text === "Extern");
    if (ext2) c2.extern = this.readExtern(ext2, it.file);
    const methods = [];
    const thisT = s.types.param(c2.thisParam);
    for (const m of it.ast.members) {
      if (m.kind === "AssocType") {
        s.report("E1230", s.span(it.file, m), "associated types are not supported by beskid-ci");
        continue;
      }
      if (m.kind === "ContractEmbed") continue;
      if (methods.some((x) => x.name === m.name.text)) {
        s.report(
          "E1003",
          s.span(it.file, m.name),
          `contract \`${c2.name}\` already declares \`${m.name.text}\``
        );
        continue;
      }
      this.checkParamModes(m.params, it.file);
      const params = m.params.map((p) => this.resolveType(p.type, sc, "E1005"));
      const ret = this.resolveType(m.returnType, sc, "E1005");
      const mentionsThis = [...params, ret].some((t3) => this.mentions(t3, thisT));
      methods.push({ name: m.name.text, index: methods.length, params, ret, mentionsThis, from: it.id });
      if (c2.extern) {
        const bad = (t3, isRet) => {
          const info = s.types.get(t3);
          if (info.kind === "error") return false;
          if (info.kind !== "prim") return true;
          if (info.prim === "unit") return !isRet;
          return info.prim === "string" || info.prim === "char" || info.prim === "never";
        };
        m.params.forEach((p, i) => {
          if (bad(params[i], false))
            s.report(
              "E1513",
              s.span(it.file, p.type),
              `\`${s.typeName(params[i])}\` cannot cross the C boundary`,
              {
                help: "use integer types, f32, f64, bool or pointer"
              }
            );
        });
        if (bad(ret, true))
          s.report(
            "E1513",
            s.span(it.file, m.returnType),
            `\`${s.typeName(ret)}\` cannot be returned from C`,
            {
              help: "use an integer type, f32, f64, bool, pointer or unit"
            }
          );
      }
    }
    c2.methods = methods;
  }
  mentions(t3, needle) {
    if (t3 === needle) return true;
    const info = this.s.types.get(t3);
    switch (info.kind) {
      case "array":
        return this.mentions(info.elem, needle);
      case "fn":
        return info.params.some((p) => this.mentions(p, needle)) || this.mentions(info.ret, needle);
      case "record":
      case "enum":
      case "contract":
        return info.args.some((a) => this.mentions(a, needle));
      default:
        return false;
    }
  }
  merged = /* @__PURE__ */ new Set();
  mergeEmbeds(id, visiting) {
    const s = this.s;
    if (this.merged.has(id) || visiting.has(id)) return;
    visiting.add(id);
    const it = this.contractItems.find((x) => x.id === id);
    const c2 = s.contracts[id];
    const sc = {
      module: it.module,
      file: it.file,
      params: this.paramsMap(c2.typeParams),
      thisType: s.types.param(c2.thisParam)
    };
    const methods = [...c2.methods];
    const embeds = [];
    for (const m of it.ast.members) {
      if (m.kind !== "ContractEmbed") continue;
      const t3 = this.resolveType(m.type, sc, "E1005");
      const info = s.types.get(t3);
      if (info.kind === "error") continue;
      if (info.kind !== "contract") {
        s.report(
          "E1607",
          s.span(it.file, m),
          `\`${s.typeName(t3)}\` is not a contract and cannot be embedded`
        );
        continue;
      }
      if (visiting.has(info.decl)) {
        s.report("E1607", s.span(it.file, m), `embedding \`${s.typeName(t3)}\` makes a cycle`);
        continue;
      }
      this.mergeEmbeds(info.decl, visiting);
      embeds.push(t3);
      const inner = s.contracts[info.decl];
      const map = /* @__PURE__ */ new Map();
      inner.typeParams.forEach((p, i) => map.set(p, info.args[i] ?? T2.error));
      map.set(inner.thisParam, s.types.param(c2.thisParam));
      for (const im of inner.methods) {
        const params = im.params.map((p) => substitute(s.types, p, map));
        const ret = substitute(s.types, im.ret, map);
        const prev = methods.find((x) => x.name === im.name);
        if (prev) {
          if (prev.from !== id && (prev.ret !== ret || prev.params.length !== params.length || prev.params.some((p, i) => p !== params[i])))
            s.report(
              "E1004",
              s.span(it.file, m),
              `\`${im.name}\` comes from two embedded contracts with different signatures`
            );
          continue;
        }
        methods.push({
          name: im.name,
          index: methods.length,
          params,
          ret,
          mentionsThis: im.mentionsThis,
          from: im.from
        });
      }
    }
    c2.methods = methods;
    c2.embeds = embeds;
    visiting.delete(id);
    this.merged.add(id);
  }
  readExtern(a, file) {
    const s = this.s;
    let abi = "";
    let library = "";
    for (const arg of a.args ?? []) {
      const v = arg.value.kind === "StringLit" ? arg.value.value : void 0;
      if (arg.name.text === "Abi") abi = v ?? "";
      if (arg.name.text === "Library") library = v ?? "";
    }
    if (abi.toUpperCase() !== "C")
      s.report("E1511", s.span(file, a), `extern ABI ${abi ? `"${abi}"` : "is missing"}`, {
        help: 'write `Abi: "C"`'
      });
    if (library === "")
      s.report("E1512", s.span(file, a), "an extern contract needs the library to link", {
        help: 'write `Library: "libc.so.6"` (a non-empty string literal)'
      });
    return { abi: "C", library };
  }
  checkParamModes(params, file) {
    for (const p of params)
      if (p.bulk || p.modifier === "ref" || p.modifier === "out")
        this.s.report(
          "E1229",
          this.s.span(file, p),
          `\`${p.bulk ? "bulk" : p.modifier}\` parameters are not supported`,
          {
            help: "pass the value and return results instead"
          }
        );
  }
  declareRecord(it) {
    const s = this.s;
    const r = s.records[it.id];
    const sc = {
      module: it.module,
      file: it.file,
      params: this.paramsMap(r.typeParams),
      thisType: r.selfType
    };
    const fields = [];
    const names = /* @__PURE__ */ new Set();
    for (const f of it.ast.fields) {
      if (f.kind === "InjectField") {
        s.report("E1230", s.span(it.file, f), "`inject` fields are not supported by beskid-ci");
        continue;
      }
      if (names.has(f.name.text)) {
        s.report("E1007", s.span(it.file, f.name), `\`${r.name}\` already has a field \`${f.name.text}\``);
        continue;
      }
      names.add(f.name.text);
      this.attrUses.push({ attrs: f.attributes, target: "FieldDeclaration", file: it.file });
      if (f.kind === "Field") {
        fields.push({
          kind: "value",
          name: f.name.text,
          type: this.resolveType(f.type, sc, "E1005"),
          index: fields.length,
          span: s.span(it.file, f)
        });
      } else {
        let capacity = 8;
        if (f.capacity) {
          const v = f.capacity.negative ? -f.capacity.literal.value : f.capacity.literal.value;
          if (v <= 0n)
            s.report("E1220", s.span(it.file, f.capacity), `event capacity ${v} is not positive`, {
              help: "write a capacity of at least 1, or omit it for 8"
            });
          else capacity = Number(v);
        }
        this.checkParamModes(f.params, it.file);
        fields.push({
          kind: "event",
          name: f.name.text,
          params: f.params.map((p) => this.resolveType(p.type, sc, "E1005")),
          capacity,
          index: fields.length,
          span: s.span(it.file, f)
        });
      }
    }
    r.fields = fields;
    for (const c2 of it.ast.conformances)
      this.conformanceJobs.push({
        type: r.selfType,
        typeParams: r.typeParams,
        target: c2,
        scope: sc,
        declModule: it.module
      });
    this.declareMembers(
      it.ast.members,
      r.selfType,
      r.typeParams,
      it.module,
      it.file,
      r.members,
      fields,
      r.name
    );
  }
  declareMembers(members, receiver, ownerParams, module, file, table, fields, ownerName) {
    const s = this.s;
    for (const m of members) {
      if (m.kind === "AssocType") {
        s.report("E1230", s.span(file, m), "associated types are not supported by beskid-ci");
        continue;
      }
      if (m.name.text === "") continue;
      if (fields.some((f2) => f2.name === m.name.text)) {
        s.report(
          "E1007",
          s.span(file, m.name),
          `\`${ownerName}\` has a field named \`${m.name.text}\`; a member cannot share it`
        );
        continue;
      }
      if (table.has(m.name.text)) {
        s.report("E1102", s.span(file, m.name), `\`${ownerName}\` already has a member \`${m.name.text}\``, {
          help: "there is no overloading; rename one"
        });
        continue;
      }
      this.attrUses.push({ attrs: m.attributes, target: "MethodDeclaration", file });
      const id = this.newFunction(
        "member",
        m.name.text,
        module,
        m.isPub,
        s.span(file, m),
        s.span(file, m.name)
      );
      const f = s.functions[id];
      f.qualifiedName = qual(s.scopes[module].path, `${ownerName}.${m.name.text}`);
      table.set(m.name.text, id);
      const params = this.paramsMap(ownerParams);
      const implicitParams = [];
      const sc = {
        module,
        file,
        params,
        thisType: receiver,
        implicit: (name, span) => {
          const tp = s.typeParams.length;
          s.typeParams.push({ id: tp, name, bounds: [], implicit: true, span });
          params.set(name, tp);
          implicitParams.push(tp);
          s.report(
            "W1204",
            span,
            `\`${name}\` is not a known type; it is taken as an implicit type parameter of \`${m.name.text}\``,
            {
              help: "declare the type, or import it with `use`"
            }
          );
          return tp;
        }
      };
      this.checkParamModes(m.params, file);
      const paramTypes = m.params.map((p) => this.resolveType(p.type, sc, "E1005"));
      const retScope = { module, file, params, thisType: receiver };
      f.ret = this.resolveType(m.returnType, retScope, "E1201");
      f.paramTypes = [receiver, ...paramTypes];
      f.typeParams = [...ownerParams, ...implicitParams];
      f.receiver = receiver;
      this.jobs.push({
        func: id,
        file,
        scope: { ...retScope },
        params: m.params,
        body: m.body,
        receiver,
        isTest: false
      });
    }
  }
  declareImpl(it) {
    const s = this.s;
    const params = /* @__PURE__ */ new Map();
    const own = this.newTypeParams(it.ast.typeParams, it.file, params);
    const implicit = [];
    const sc = {
      module: it.module,
      file: it.file,
      params,
      // Older `impl G<T>`: unknown names among G's type arguments are the impl's parameters
      // (never the target's own name).
      implicit: it.ast.typeParams.length === 0 && it.ast.target.kind === "NamedType" && it.ast.target.segments.some((x) => x.typeArgs) ? (name, span) => {
        const tp = s.typeParams.length;
        s.typeParams.push({ id: tp, name, bounds: [], implicit: true, span });
        params.set(name, tp);
        implicit.push(tp);
        return tp;
      } : void 0
    };
    const target = this.resolveType(it.ast.target, sc, "E1005");
    const allParams = [...own, ...implicit];
    const fullScope = { module: it.module, file: it.file, params, thisType: target };
    this.applyWhere(it.ast.where, fullScope);
    const info = s.types.get(target);
    let table;
    let fields = [];
    let ownerName = s.typeName(target);
    if (info.kind === "record") {
      table = s.records[info.decl].members;
      fields = s.records[info.decl].fields;
      ownerName = s.records[info.decl].name;
    } else if (info.kind === "enum") {
      table = s.enums[info.decl].members;
      ownerName = s.enums[info.decl].name;
    } else if (info.kind === "prim" || info.kind === "array") {
      table = s.primMembers.get(target) ?? /* @__PURE__ */ new Map();
      s.primMembers.set(target, table);
    } else {
      if (info.kind !== "error")
        s.report(
          "E1607",
          s.span(it.file, it.ast.target),
          `\`impl\` cannot target \`${s.typeName(target)}\``,
          {
            help: "implement methods on a record, an enum or a primitive type"
          }
        );
      return;
    }
    for (const c2 of it.ast.conformances)
      this.conformanceJobs.push({
        type: target,
        typeParams: allParams,
        target: c2,
        scope: fullScope,
        declModule: it.module
      });
    this.declareMembers(it.ast.members, target, allParams, it.module, it.file, table, fields, ownerName);
  }
  declareFunction(it) {
    const s = this.s;
    const f = s.functions[it.id];
    const params = /* @__PURE__ */ new Map();
    f.typeParams = this.newTypeParams(it.ast.typeParams, it.file, params);
    const sc = { module: it.module, file: it.file, params };
    this.applyWhere(it.ast.where, sc);
    this.checkParamModes(it.ast.params, it.file);
    f.paramTypes = it.ast.params.map((p) => this.resolveType(p.type, sc, "E1005"));
    f.ret = this.resolveType(it.ast.returnType, sc, "E1005");
    this.jobs.push({
      func: it.id,
      file: it.file,
      scope: sc,
      params: it.ast.params,
      body: it.ast.body,
      receiver: void 0,
      isTest: false
    });
  }
  declareTest(it) {
    const s = this.s;
    const t3 = s.tests[it.id];
    const sections = /* @__PURE__ */ new Map();
    for (const sec of it.ast.sections) sections.set(sec.section, sec);
    const meta = sections.get("meta");
    const skip = sections.get("skip");
    const str = (e) => e.kind === "StringLit" ? e.value : void 0;
    const check2 = (sec, keys, onValue) => {
      const seen = /* @__PURE__ */ new Set();
      for (const entry of sec.entries) {
        const k = entry.key.text;
        const kind = keys[k];
        if (!kind) {
          s.report("E1151", s.span(it.file, entry.key), `\`${k}\` is not a \`${sec.section}\` key`, {
            help: `valid keys: ${Object.keys(keys).map((x) => `\`${x}\``).join(", ")}`
          });
          continue;
        }
        if (seen.has(k)) {
          s.report("E1151", s.span(it.file, entry.key), `\`${k}\` is given twice in \`${sec.section}\``);
          continue;
        }
        seen.add(k);
        if (kind === "string") {
          const v = str(entry.value);
          if (v === void 0)
            s.report(
              "E1151",
              s.span(it.file, entry.value),
              `\`${sec.section}.${k}\` must be a string literal`
            );
          else onValue(k, v);
        } else {
          if (entry.value.kind !== "BoolLit")
            s.report(
              "E1151",
              s.span(it.file, entry.value),
              `\`${sec.section}.${k}\` must be \`true\` or \`false\``
            );
          else onValue(k, entry.value.value);
        }
      }
    };
    if (meta)
      check2(meta, { tags: "string", group: "string" }, (k, v) => {
        if (k === "tags")
          t3.tags = String(v).split(",").map((x) => x.trim()).filter((x) => x !== "");
        else t3.group = String(v);
      });
    if (skip) {
      let condition = false;
      let reason = "skip.condition is true";
      check2(skip, { condition: "bool", reason: "string" }, (k, v) => {
        if (k === "condition") condition = v === true;
        else reason = String(v);
      });
      t3.skip = { condition, reason };
    }
    const f = s.functions[t3.func];
    f.ret = T2.unit;
    this.jobs.push({
      func: t3.func,
      file: it.file,
      scope: { module: it.module, file: it.file, params: /* @__PURE__ */ new Map() },
      params: [],
      body: it.ast.body,
      receiver: void 0,
      isTest: true
    });
  }
  /** D30 qualified test names, once the entry module is known. */
  nameTests() {
    const s = this.s;
    const entryPath = this.entryModule !== void 0 ? s.scopes[this.entryModule].path : void 0;
    for (const t3 of s.tests) {
      let path2 = s.scopes[t3.module].path;
      if (entryPath !== void 0 && entryPath !== "") {
        if (path2 === entryPath) path2 = "";
        else if (path2.startsWith(entryPath + ".")) path2 = path2.slice(entryPath.length + 1);
      }
      t3.qualifiedName = [...path2 ? path2.split(".") : [], t3.name].join("::");
      s.functions[t3.func].qualifiedName = `test ${t3.qualifiedName}`;
    }
  }
  // ---------------------------------------------------------------------------------------
  // Attributes (§5.15).
  checkAttributeDecl(d, file) {
    const valid = /* @__PURE__ */ new Set([
      "TypeDeclaration",
      "EnumDeclaration",
      "ContractDeclaration",
      "ModuleDeclaration",
      "FunctionDeclaration",
      "MethodDeclaration",
      "FieldDeclaration",
      "ParameterDeclaration",
      "TypeDefinition",
      "MethodDefinition",
      "Field"
    ]);
    const seen = /* @__PURE__ */ new Set();
    for (const t3 of d.targets ?? []) {
      if (!valid.has(t3.text))
        this.s.report("E1807", this.s.span(file, t3), `\`${t3.text}\` is not an attribute target`, {
          help: `valid targets: ${[...valid].slice(0, 8).join(", ")}`
        });
      else if (seen.has(t3.text))
        this.s.report("E1806", this.s.span(file, t3), `target \`${t3.text}\` is listed twice`);
      seen.add(t3.text);
    }
  }
  checkAttributes() {
    const s = this.s;
    const synonyms = {
      TypeDefinition: "TypeDeclaration",
      MethodDefinition: "MethodDeclaration",
      Field: "FieldDeclaration"
    };
    for (const use of this.attrUses) {
      for (const a of use.attrs) {
        const seen = /* @__PURE__ */ new Set();
        for (const arg of a.args ?? []) {
          if (seen.has(arg.name.text))
            s.report("E1808", s.span(use.file, arg.name), `argument \`${arg.name.text}\` is given twice`);
          seen.add(arg.name.text);
        }
        if (a.name.text === "Extern" && use.target !== "ContractDeclaration") {
          s.report("E1510", s.span(use.file, a), "`[Extern]` only applies to contracts");
          continue;
        }
        const decl = this.attrDecls.get(a.name.text);
        if (!decl || !decl.targets) continue;
        const targets = decl.targets.map((t3) => synonyms[t3.text] ?? t3.text);
        if (!targets.includes(use.target))
          s.report(
            "E1809",
            s.span(use.file, a),
            `\`${a.name.text}\` cannot be applied to a ${use.target.replace("Declaration", "").toLowerCase()}`,
            {
              notes: [`it allows: ${decl.targets.map((t3) => t3.text).join(", ")}`]
            }
          );
      }
    }
  }
  // ---------------------------------------------------------------------------------------
  // Pass 4: conformance (§5.8).
  checkConformances() {
    const s = this.s;
    for (const job of this.conformanceJobs) {
      const ct = this.resolveType(job.target, job.scope, "E1005");
      const cinfo = s.types.get(ct);
      if (cinfo.kind === "error") continue;
      if (cinfo.kind !== "contract") {
        s.report("E1607", s.span(job.scope.file, job.target), `\`${s.typeName(ct)}\` is not a contract`, {
          help: "only contracts can follow `:` in a type or impl header"
        });
        continue;
      }
      const c2 = s.contracts[cinfo.decl];
      if (c2.extern) {
        s.report(
          "E1607",
          s.span(job.scope.file, job.target),
          `extern contract \`${c2.name}\` cannot be implemented`
        );
        continue;
      }
      const map = /* @__PURE__ */ new Map();
      c2.typeParams.forEach((p, i) => map.set(p, cinfo.args[i] ?? T2.error));
      map.set(c2.thisParam, job.type);
      const impls = [];
      let ok = true;
      for (const m of c2.methods) {
        const want = {
          params: m.params.map((p) => substitute(s.types, p, map)),
          ret: substitute(s.types, m.ret, map)
        };
        const found = this.findImplementation(job.type, m.name, job.declModule);
        if (!found) {
          ok = false;
          s.report(
            "E1601",
            s.span(job.scope.file, job.target),
            `\`${s.typeName(job.type)}\` does not implement method \`${m.name}\` of contract \`${c2.name}\``,
            {
              help: `add a member \`${s.typeName(want.ret)} ${m.name}(${want.params.map((p) => s.typeName(p)).join(", ")})\``
            }
          );
          continue;
        }
        const f = s.functions[found.func];
        const got = { params: f.paramTypes.slice(1), ret: f.ret };
        const bind = /* @__PURE__ */ new Map();
        if (found.form === "sugar") unify(s.types, f.paramTypes[0], job.type, new Set(f.typeParams), bind);
        const gotParams = got.params.map((p) => substitute(s.types, p, bind));
        const gotRet = substitute(s.types, got.ret, bind);
        if (gotParams.length !== want.params.length || gotParams.some((p, i) => p !== want.params[i]) || gotRet !== want.ret) {
          ok = false;
          s.report(
            "E1602",
            f.nameSpan,
            `\`${m.name}\` has signature \`${s.typeName(gotRet)} ${m.name}(${gotParams.map((p) => s.typeName(p)).join(", ")})\``,
            {
              notes: [
                `\`${c2.name}\` requires \`${s.typeName(want.ret)} ${m.name}(${want.params.map((p) => s.typeName(p)).join(", ")})\``
              ]
            }
          );
          continue;
        }
        impls.push(found);
      }
      if (!ok) continue;
      s.conformances.push({
        id: s.conformances.length,
        type: job.type,
        typeParams: job.typeParams,
        contract: ct,
        impls
      });
      const seen = /* @__PURE__ */ new Set([ct]);
      const queue = c2.embeds.map((e) => substitute(s.types, e, map));
      while (queue.length > 0) {
        const et = queue.shift();
        if (seen.has(et)) continue;
        seen.add(et);
        const ei = s.types.get(et);
        if (ei.kind !== "contract") continue;
        const ec = s.contracts[ei.decl];
        const eimpls = ec.methods.map((m) => impls[c2.methods.findIndex((x) => x.name === m.name)]);
        if (eimpls.some((x) => x === void 0)) continue;
        s.conformances.push({
          id: s.conformances.length,
          type: job.type,
          typeParams: job.typeParams,
          contract: et,
          impls: eimpls
        });
        const emap = /* @__PURE__ */ new Map();
        ec.typeParams.forEach((p, i) => emap.set(p, ei.args[i] ?? T2.error));
        for (const e of ec.embeds) queue.push(substitute(s.types, e, emap));
      }
    }
  }
  /** A member of `type` named `name`, else a function of the type's declaring module whose first parameter takes it. */
  findImplementation(type, name, _from) {
    const s = this.s;
    const members = this.membersOf(type);
    const m = members?.get(name);
    if (m !== void 0) return { func: m, form: "member" };
    const declModule = this.declModuleOf(type);
    if (declModule === void 0) return void 0;
    const e = s.scopes[declModule].items.get(name);
    if (!e || e.sym.kind !== "function") return void 0;
    const f = s.functions[e.sym.id];
    if (f.paramTypes.length === 0) return void 0;
    if (!unify(s.types, f.paramTypes[0], type, new Set(f.typeParams), /* @__PURE__ */ new Map())) return void 0;
    this.markUsed(e.sym);
    return { func: f.id, form: "sugar" };
  }
  membersOf(type) {
    const s = this.s;
    const info = s.types.get(type);
    if (info.kind === "record") return s.records[info.decl].members;
    if (info.kind === "enum") return s.enums[info.decl].members;
    if (info.kind === "prim") return s.primMembers.get(type);
    if (info.kind === "array") return s.primMembers.get(type);
    return void 0;
  }
  declModuleOf(type) {
    const s = this.s;
    const info = s.types.get(type);
    if (info.kind === "record") return s.records[info.decl].module;
    if (info.kind === "enum") return s.enums[info.decl].module;
    if (info.kind === "contract") return s.contracts[info.decl].module;
    return void 0;
  }
  scopeOf(module) {
    return this.s.scopes[module];
  }
};
function qual(path2, name) {
  return path2 ? `${path2}.${name}` : name;
}
function useName(d) {
  return d.alias?.text ?? d.path.segments[d.path.segments.length - 1]?.text ?? "";
}
function sameSym(a, b) {
  if (a.kind !== b.kind) return false;
  if (a.kind === "attribute") return a.name === b.name;
  return a.id === b.id;
}
function symKindName(sym) {
  switch (sym.kind) {
    case "module":
      return "module";
    case "function":
      return "function";
    case "record":
      return "type";
    case "enum":
      return "enum";
    case "contract":
      return "contract";
    case "const":
      return "const";
    case "test":
      return "test";
    case "attribute":
      return "attribute";
  }
}
function closest(name, candidates2) {
  let best;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c2 of candidates2) {
    if (c2 === name || Math.abs(c2.length - name.length) >= bestD) continue;
    const d = editDistance(name.toLowerCase(), c2.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c2;
    }
  }
  return best;
}
function editDistance(a, b) {
  const prev = new Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
function assertNever3(x) {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}

// src/semantics/intrinsics.ts
function sig(tier2, ret, ...params) {
  const generic = ret.includes("T") || params.some((p) => /^T(\[\])?$/.test(p));
  return { tier: tier2, ret, params, generic };
}
var INTRINSICS = /* @__PURE__ */ new Map([
  ["__panic_str", sig("R", "never", "string")],
  ["__str_len", sig("R", "i64", "string")],
  ["__str_slice", sig("R", "string", "string", "i64", "i64")],
  ["__str_eq", sig("R", "i64", "string", "string")],
  ["__str_from_bytes_utf8", sig("R", "string", "u8[]")],
  ["__array_new", sig("R", "T[]", "i64", "i64")],
  ["__array_len", sig("R", "i64", "T[]")],
  ["__bytes_get", sig("R", "i64", "u8[]", "u64")],
  ["__bytes_compare", sig("R", "i64", "u8[]", "u8[]")],
  ["__bytes_copy", sig("R", "unit", "u8[]", "i64", "u8[]", "i64", "i64")],
  ["__syscall_write", sig("R", "i64", "i64", "string")],
  ["__syscall_write_bytes", sig("R", "i64", "i64", "u8[]")],
  ["__syscall_read", sig("R", "string", "i64", "i64")],
  ["__syscall_read_bytes", sig("R", "u8[]", "i64", "i64")],
  ["__fs_read_text", sig("R", "string", "string")],
  ["__fs_write_text", sig("R", "i64", "string", "string")],
  ["__fs_delete", sig("R", "i64", "string")],
  ["__fs_mkdir", sig("R", "i64", "string")],
  ["__fs_exists", sig("R", "i64", "string")],
  ["__env_get", sig("R", "string", "string")],
  ["__env_set", sig("R", "i64", "string", "string")],
  ["__env_getcwd", sig("R", "string")],
  ["__process_getpid", sig("R", "i32")],
  ["__process_exit", sig("R", "unit", "i32")],
  ["__clock_realtime_nanos", sig("R", "i64")],
  ["__clock_monotonic_nanos", sig("R", "i64")],
  ["__tty_winsize", sig("R", "i64", "i64")],
  ["__test_bytes_len", sig("U", "i64")],
  ["__test_bytes_ptr", sig("U", "i64")],
  ["__fiber_yield", sig("T", "unit")],
  ["__fiber_now_millis", sig("T", "i64")],
  ["__fiber_processor_count", sig("T", "i64")],
  ["__fiber_join", sig("U", "i64", "i64")],
  ["__fiber_join_value", sig("U", "T", "i64")],
  ["__fiber_detach", sig("U", "unit", "i64")],
  ["__fiber_cancel", sig("U", "unit", "i64")],
  ["__wait_group_create", sig("U", "i64")],
  ["__wait_group_add", sig("U", "unit", "i64", "i64")],
  ["__wait_group_done", sig("U", "unit", "i64")],
  ["__wait_group_wait", sig("U", "unit", "i64")],
  ["__mutex_create", sig("U", "i64")],
  ["__mutex_lock", sig("U", "i64", "i64")],
  ["__mutex_try_lock", sig("U", "i64", "i64")],
  ["__mutex_unlock", sig("U", "unit", "i64")],
  ["__channel_create", sig("U", "i64", "i64", "i64")],
  ["__channel_send", sig("U", "i64", "i64", "T")],
  ["__channel_try_send", sig("U", "i64", "i64", "T")],
  ["__channel_receive", sig("U", "i64", "i64")],
  ["__channel_receive_value", sig("U", "T", "i64")],
  ["__channel_try_receive", sig("U", "i64", "i64", "i64")],
  ["__channel_close", sig("U", "unit", "i64")],
  ["__hub_create", sig("U", "i64")],
  ["__hub_register", sig("U", "i64", "i64", "i64", "i64")],
  ["__hub_unregister", sig("U", "unit", "i64", "i64")],
  ["__hub_wait_receive", sig("U", "i64", "i64")],
  ["__hub_wait_receive_index", sig("U", "i64", "i64")],
  ["__hub_wait_receive_value", sig("U", "T", "i64")],
  // Older builtins (§6, second table).
  ["__gc_root_handle", sig("gc", "unit", "...")],
  ["__gc_unroot_handle", sig("gc", "unit", "...")],
  ["__gc_register_root", sig("gc", "unit", "...")],
  ["__gc_unregister_root", sig("gc", "unit", "...")],
  ["__gc_write_barrier", sig("gc", "unit", "...")],
  ["__rt_yield", sig("T", "unit")],
  ["__rt_now_millis", sig("T", "i64")],
  ["__alloc", sig("U", "i64", "...")],
  ["__str_new", sig("U", "string", "...")],
  ["__interop_dispatch_unit", sig("U", "unit", "...")],
  ["__interop_dispatch_ptr", sig("U", "i64", "...")],
  ["__interop_dispatch_usize", sig("U", "u64", "...")]
]);

// src/semantics/patterns.ts
function ctorsOf(s, t3) {
  if (t3 === T2.bool)
    return [
      { name: "true", key: true, fields: [] },
      { name: "false", key: false, fields: [] }
    ];
  const info = s.types.get(t3);
  if (info.kind !== "enum") return void 0;
  const en = s.enums[info.decl];
  const map = new Map(en.typeParams.map((p, i) => [p, info.args[i] ?? T2.error]));
  return en.variants.map((v) => ({
    name: `${en.name}::${v.name}`,
    key: v.tag,
    fields: v.fields.map((f) => substitute(s.types, f.type, map))
  }));
}
function isWild(p) {
  return p.kind === "wildcard" || p.kind === "bind";
}
function headIs(p, c2) {
  if (p.kind === "variant") return p.variant === c2.key;
  if (p.kind === "literal" && p.literal === "bool") return p.value === c2.key;
  return false;
}
var WILD = { kind: "wildcard", type: T2.error, span: { start: 0, end: 0 } };
function specialise(rows, c2) {
  const out = [];
  for (const row of rows) {
    const head = row[0];
    const rest = row.slice(1);
    if (headIs(head, c2)) {
      const sub = head.kind === "variant" && head.sub ? head.sub : c2.fields.map(() => WILD);
      out.push([...sub, ...rest]);
    } else if (isWild(head)) out.push([...c2.fields.map(() => WILD), ...rest]);
  }
  return out;
}
function render(c2, args) {
  if (c2.fields.length === 0) return c2.name;
  return `${c2.name}(${args.join(", ")})`;
}
function witness(s, rows, types, depth = 0) {
  if (types.length === 0) return rows.length > 0 ? void 0 : [];
  if (depth > 64) return void 0;
  const t3 = types[0];
  const rest = types.slice(1);
  const ctors = ctorsOf(s, t3);
  if (ctors && ctors.length > 0 && ctors.every((c2) => rows.some((r) => headIs(r[0], c2)))) {
    for (const c2 of ctors) {
      const w2 = witness(s, specialise(rows, c2), [...c2.fields, ...rest], depth + 1);
      if (w2) return [render(c2, w2.slice(0, c2.fields.length)), ...w2.slice(c2.fields.length)];
    }
    return void 0;
  }
  const def = rows.filter((r) => isWild(r[0])).map((r) => r.slice(1));
  const w = witness(s, def, rest, depth + 1);
  if (!w) return void 0;
  let head = "_";
  if (ctors && ctors.length > 0) {
    const missing = ctors.find((c2) => !rows.some((r) => headIs(r[0], c2))) ?? ctors[0];
    head = render(
      missing,
      missing.fields.map(() => "_")
    );
  }
  return [head, ...w];
}
function checkExhaustive(s, file, scrutinee, arms, span) {
  const at = (x) => ({ file, start: x.start, end: x.end });
  const rows = [];
  let covered = false;
  const ctorCount = ctorsOf(s, scrutinee)?.length ?? Infinity;
  for (const arm of arms) {
    if (covered) {
      s.report("W1310", at(arm.span), "this arm can never be reached: the arms above cover every value", {
        help: "remove it or move it up"
      });
      break;
    }
    if (arm.guard) continue;
    rows.push([arm.pattern]);
    if ((isWild(arm.pattern) || rows.length >= ctorCount) && !witness(s, rows, [scrutinee])) covered = true;
  }
  if (covered) return;
  const w = witness(s, rows, [scrutinee]);
  if (!w) return;
  s.report("E1304", at(span), `\`${w[0]}\` is not covered`, {
    help: `add an arm \`${w[0]} => \u2026\`, or \`_ => \u2026\``,
    notes: arms.some((a) => a.guard) ? ["arms with a `when` guard do not count towards exhaustiveness"] : []
  });
}

// src/semantics/check.ts
var ARITH = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "%": "rem",
  "&": "band",
  "|": "bor",
  "<<": "shl",
  ">>": "shr"
};
var CMP = {
  "<": "lt",
  "<=": "le",
  ">": "gt",
  ">=": "ge"
};
var BodyChecker = class {
  constructor(s, c2, bodiless) {
    this.s = s;
    this.c = c2;
    this.bodiless = bodiless;
    this.constNames = new Set(s.consts.map((c3) => c3.name));
  }
  s;
  c;
  bodiless;
  ctx;
  /** Locals declared without a value and not yet definitely assigned on the current path. */
  unassigned = /* @__PURE__ */ new Set();
  /** Locals declared with `let` (W1214's help then says `let mut x`). */
  letLocals = /* @__PURE__ */ new Set();
  reportedUnassigned = /* @__PURE__ */ new Set();
  /** Inference variables of the call being checked (lambda parameter types mentioning them are unknown). */
  inferVars = /* @__PURE__ */ new Set();
  instantiations = [];
  /** Per function: type parameters whose values it converts to text (D24), with the place. */
  textParams = /* @__PURE__ */ new Map();
  intrinsicParams = /* @__PURE__ */ new Map();
  constNames;
  // =======================================================================================
  // Entry: one body.
  checkJob(job, entryLike) {
    const s = this.s;
    const f = s.functions[job.func];
    this.unassigned = /* @__PURE__ */ new Set();
    const ctx = {
      func: job.func,
      file: job.file,
      module: f.module,
      typeScope: job.scope,
      ret: f.ret,
      inferredReturns: [],
      entryLike,
      outer: void 0,
      scopes: [{ names: /* @__PURE__ */ new Map(), stmts: void 0, pos: 0 }],
      loops: [],
      receiver: void 0,
      captures: [],
      locals: [],
      lambdaCount: 0
    };
    this.ctx = ctx;
    const params = [];
    let receiver;
    if (job.receiver !== void 0) {
      const self = this.newLocal("this", job.receiver, "this", false, f.nameSpan);
      params.push(self);
      receiver = { local: self, type: job.receiver };
    }
    ctx.receiver = receiver;
    job.params.forEach((p, i) => {
      const t3 = f.paramTypes[i + (job.receiver !== void 0 ? 1 : 0)] ?? T2.error;
      if (p.name.text === "") return;
      if (ctx.scopes[0].names.has(p.name.text)) {
        this.rep("E1102", this.sp(p.name), `parameter \`${p.name.text}\` is declared twice`);
        return;
      }
      params.push(this.newLocal(p.name.text, t3, "param", p.modifier === "mut", this.sp(p.name)));
    });
    f.params = params;
    if (job.body === void 0) {
      f.body = void 0;
      f.locals = ctx.locals;
      return;
    }
    const bodySpan = Array.isArray(job.body) ? f.span : this.sp(job.body);
    const block = this.functionBody(job.body, f.ret, bodySpan, f.nameSpan, f.name);
    f.body = block;
    f.locals = ctx.locals;
  }
  /** A function or lambda body (block, `=> e`, or test statements) with the return checks of §5.7. */
  functionBody(body, ret, span, nameSpan, name) {
    const s = this.s;
    let block;
    if (Array.isArray(body)) {
      block = this.stmts(body, span);
    } else {
      const b = body;
      if (b.kind === "Block") block = this.block(b);
      else {
        const e = b.kind === "ExprBody" ? b.expr : b;
        const espan = this.sp(e);
        if (ret === void 0) {
          const x = this.expr(e, void 0);
          const t3 = x.type === T2.never ? T2.never : x.type;
          this.ctx.inferredReturns.push(t3);
          block = { stmts: [{ kind: "return", value: x, span: espan }], diverges: true, span: espan };
        } else if (ret === T2.unit) {
          const x = e.kind === "Match" ? this.match(e, void 0, true) : this.expr(e, void 0);
          block = {
            stmts: [{ kind: "expr", expr: x, span: espan }],
            diverges: x.type === T2.never,
            span: espan
          };
        } else {
          const x = this.exprAt(e, ret, "return");
          block = { stmts: [{ kind: "return", value: x, span: espan }], diverges: true, span: espan };
        }
        return block;
      }
    }
    if (ret !== void 0 && !block.diverges) {
      if (ret === T2.never)
        this.rep("E1207", nameSpan, `\`${name}\` returns \`never\` but can reach the end of its body`, {
          help: "end it with a call that never returns, or loop forever"
        });
      else if (ret !== T2.unit && ret !== T2.error)
        this.rep(
          "E1404",
          nameSpan,
          `\`${name}\` returns \`${s.typeName(ret)}\` but can reach the end of its body without \`return\``,
          {
            help: "add a `return` on every path"
          }
        );
    }
    return block;
  }
  // =======================================================================================
  // Helpers.
  /** The AST's own span object: typed nodes share it (offsets into the function's file). */
  sp(n) {
    return n.span;
  }
  full(at) {
    return "file" in at ? at : { file: this.ctx.file, start: at.start, end: at.end };
  }
  rep(code, at, detail, extra) {
    this.s.report(code, this.full(at), detail, extra);
  }
  newLocal(name, type, kind, mutable, span, bind = true) {
    const s = this.s;
    const id = s.locals.length;
    s.locals.push({
      id,
      name,
      type,
      kind,
      mutable,
      func: this.ctx.func,
      captured: false,
      span: this.full(span)
    });
    this.ctx.locals.push(id);
    if (bind) this.ctx.scopes[this.ctx.scopes.length - 1].names.set(name, id);
    return id;
  }
  /**
   * A copy of a definite-assignment set for a branch. An empty set is shared instead of
   * copied: entries a branch adds are locals scoped inside it, which no later code can name.
   */
  snap(set) {
    return set.size === 0 ? set : new Set(set);
  }
  err(span) {
    return { kind: "error", type: T2.error, span };
  }
  tn(t3) {
    return this.s.typeName(t3);
  }
  isErr(t3) {
    return this.s.types.get(t3).kind === "error";
  }
  resolveType(t3) {
    return this.c.resolveType(t3, this.ctx.typeScope, "E1201");
  }
  // =======================================================================================
  // Name lookup (§5.2 steps 1–7).
  lookup(name, _at, wantCapture = true) {
    for (let c2 = this.ctx; c2; c2 = c2.outer) {
      for (let i = c2.scopes.length - 1; i >= 0; i--) {
        const id = c2.scopes[i].names.get(name);
        if (id !== void 0) {
          if (c2 !== this.ctx && wantCapture) this.capture(id, c2);
          return { kind: "local", local: id };
        }
      }
    }
    for (let c2 = this.ctx; c2; c2 = c2.outer) {
      if (!c2.receiver) continue;
      const recv = c2.receiver;
      const info = this.s.types.get(recv.type);
      if (info.kind === "record") {
        const r = this.s.records[info.decl];
        const field = r.fields.find((f) => f.name === name);
        if (field) {
          if (c2 !== this.ctx && wantCapture) this.capture(recv.local, c2);
          return {
            kind: "field",
            thisLocal: recv.local,
            recvType: recv.type,
            field: this.instField(field, recv.type)
          };
        }
      }
      const m = this.c.membersOf(recv.type)?.get(name);
      if (m !== void 0) {
        if (c2 !== this.ctx && wantCapture) this.capture(recv.local, c2);
        return { kind: "member", thisLocal: recv.local, recvType: recv.type, func: m };
      }
      break;
    }
    const e = this.c.lookupModuleLevel(name, this.ctx.module, false);
    if (e) return { kind: "entry", entry: e };
    if (name.startsWith("__") && INTRINSICS.has(name)) return { kind: "intrinsic", name };
    return void 0;
  }
  capture(local, owner) {
    this.s.locals[local].captured = true;
    for (let c2 = this.ctx; c2 && c2 !== owner; c2 = c2.outer)
      if (!c2.captures.includes(local)) c2.captures.push(local);
  }
  /** A field with the record's type arguments substituted. */
  instField(f, recordType) {
    const info = this.s.types.get(recordType);
    if (info.kind !== "record" || info.args.length === 0) return f;
    const map = this.paramMap(this.s.records[info.decl].typeParams, info.args);
    if (f.kind === "value") return { ...f, type: substitute(this.s.types, f.type, map) };
    return { ...f, params: f.params.map((p) => substitute(this.s.types, p, map)) };
  }
  paramMap(params, args) {
    const m = /* @__PURE__ */ new Map();
    params.forEach((p, i) => m.set(p, args[i] ?? T2.error));
    return m;
  }
  isDeclaredLater(name) {
    for (let c2 = this.ctx; c2; c2 = c2.outer)
      for (const sc of c2.scopes)
        if (sc.stmts)
          for (let i = sc.pos + 1; i < sc.stmts.length; i++) {
            const st = sc.stmts[i];
            if (st.kind === "Local" && st.name.text === name) return true;
          }
    return false;
  }
  unknownName(name, span, code) {
    const s = this.s;
    if (name === "") return;
    if (this.isDeclaredLater(name)) {
      this.rep("E1106", span, `\`${name}\` is used before its declaration`, {
        help: "move the declaration above this use"
      });
      return;
    }
    const variant = this.variantNamed(name);
    if (variant) {
      this.rep("E1303", span, `\`${name}\` is a variant of \`${variant}\``, {
        help: `write \`${variant}::${name}\``
      });
      return;
    }
    if (code === "E1606" && name.startsWith("__")) {
      const names = [...INTRINSICS.keys()];
      const best2 = closest(name, names) ?? names.find((n) => n.startsWith(name) || name.startsWith(n));
      this.rep(code, span, `\`${name}\` is not a runtime intrinsic`, {
        help: best2 ? `did you mean \`${best2}\`?` : "the intrinsics are listed in LANGUAGE.md \xA76"
      });
      return;
    }
    const cands = [];
    for (let c2 = this.ctx; c2; c2 = c2.outer) {
      for (const sc of c2.scopes) cands.push(...sc.names.keys());
      if (c2.receiver) {
        const info = s.types.get(c2.receiver.type);
        if (info.kind === "record") cands.push(...s.records[info.decl].fields.map((f) => f.name));
        cands.push(...this.c.membersOf(c2.receiver.type)?.keys() ?? []);
      }
    }
    for (let m = this.ctx.module; m !== void 0; m = s.modules[m].parent)
      cands.push(...s.scopes[m].items.keys());
    const best = closest(name, cands);
    const module = this.c.moduleNamed(name);
    this.rep(
      code,
      span,
      code === "E1606" ? `no function \`${name}\` is visible here` : `\`${name}\` is not declared here`,
      {
        help: module ? `import the module: \`use ${module};\`` : best ? `did you mean \`${best}\`?` : code === "E1606" ? "declare the function, or import its module with `use`" : void 0
      }
    );
  }
  /** The enum (in scope) that has a variant `name`, for E1303. */
  variantNamed(name) {
    const s = this.s;
    for (let m = this.ctx.module; m !== void 0; m = s.modules[m].parent) {
      for (const e of s.scopes[m].items.values()) {
        if (e.sym.kind !== "enum") continue;
        const en = s.enums[e.sym.id];
        if (en.variants.some((v) => v.name === name)) return en.name;
      }
      if (m === 0) break;
    }
    for (const p of ["Option", "Result"]) {
      const e = this.c.prelude(p);
      if (e && e.sym.kind === "enum" && s.enums[e.sym.id].variants.some((v) => v.name === name)) return p;
    }
    return void 0;
  }
  // =======================================================================================
  // Conversions (§5.3).
  /** Convert `x` to `to` at a conversion site, reporting E1205/E1206/E1207 on failure. */
  coerce(x, to, site, what) {
    const s = this.s;
    const from = x.type;
    if (from === to || this.isErr(from) || this.isErr(to)) return x;
    const conv = this.conversion(x, from, to, true);
    if (conv) return { kind: "convert", operand: x, conv, type: to, span: x.span };
    const code = site === "arg" ? "E1205" : site === "return" ? "E1207" : "E1206";
    let help;
    const fi = s.types.get(from);
    const ti = s.types.get(to);
    if (ti.kind === "contract" && (fi.kind === "record" || fi.kind === "enum"))
      help = `declare the conformance: \`type ${this.tn(from)} : ${this.tn(to)}\``;
    else if (to === T2.string && (isIntPrim(primOf(s.types, from) ?? "bool") || from === T2.bool))
      help = 'convert it to text with interpolation: "${\u2026}"';
    else if (from === T2.bool || to === T2.bool) help = "there is no truthiness; compare explicitly (`x != 0`)";
    this.rep(
      code,
      x.span,
      `${(typeof what === "function" ? what() : what) ?? "expected"} \`${this.tn(to)}\`, found \`${this.tn(from)}\``,
      help ? { help } : void 0
    );
    return { ...x, type: T2.error };
  }
  /** The conversion from `from` to `to`, or undefined when there is none. Reports W1203 when `warn`. */
  conversion(x, from, to, warn) {
    const s = this.s;
    if (from === T2.never) return { kind: "never" };
    const pf = primOf(s.types, from);
    const pt = primOf(s.types, to);
    if (pf && pt) {
      const fNum = isIntPrim(pf) || isFloatPrim(pf);
      const tNum = isIntPrim(pt) || isFloatPrim(pt);
      if (!fNum || !tNum) return void 0;
      if (widens(pf, pt)) return { kind: "widen" };
      if (warn)
        this.rep("W1203", x.span, `\`${pf}\` is converted to \`${pt}\`, which may lose information`, {
          help: "make the types match to avoid the conversion"
        });
      if (isIntPrim(pf) && isIntPrim(pt)) return { kind: "narrow" };
      if (isIntPrim(pf)) return { kind: "int_to_float" };
      if (isIntPrim(pt)) return { kind: "float_to_int" };
      return { kind: "float_narrow" };
    }
    const fi = s.types.get(from);
    const ti = s.types.get(to);
    if (ti.kind === "contract") {
      if (fi.kind === "record" || fi.kind === "enum") return this.toContract(from, to);
      if (fi.kind === "contract") {
        const src = s.contracts[fi.decl];
        const dst = s.contracts[ti.decl];
        if (!this.embeds(from, to)) return void 0;
        return {
          kind: "contract_upcast",
          slots: dst.methods.map((m) => src.methods.findIndex((x2) => x2.name === m.name))
        };
      }
      if (fi.kind === "param") {
        if (s.typeParams[fi.param].bounds.some((b) => b === to || this.embeds(b, to)))
          return { kind: "param_to_contract" };
      }
      return void 0;
    }
    if (to === T2.i64 && x.kind === "call" && x.target.kind === "intrinsic" && x.target.name === "__array_new")
      return { kind: "array_handle" };
    return void 0;
  }
  embeds(from, to) {
    if (from === to) return true;
    const fi = this.s.types.get(from);
    if (fi.kind !== "contract") return false;
    const c2 = this.s.contracts[fi.decl];
    const map = this.paramMap(c2.typeParams, fi.args);
    return c2.embeds.some((e) => this.embeds(substitute(this.s.types, e, map), to));
  }
  toContract(from, to) {
    const s = this.s;
    const ti = s.types.get(to);
    if (ti.kind !== "contract") return void 0;
    for (const conf of s.conformances) {
      const vars = new Set(conf.typeParams);
      const b = /* @__PURE__ */ new Map();
      if (!unify(s.types, conf.type, from, vars, b)) continue;
      const cinfo = s.types.get(conf.contract);
      if (cinfo.kind !== "contract") continue;
      const confContract = substitute(s.types, conf.contract, b);
      if (confContract !== to && !this.embeds(confContract, to)) continue;
      const full = s.contracts[cinfo.decl];
      const target = s.contracts[ti.decl];
      const methods = target.methods.map((m) => {
        const idx = full.methods.findIndex((x) => x.name === m.name);
        const impl = conf.impls[idx];
        const f = s.functions[impl.func];
        const fb = /* @__PURE__ */ new Map();
        unify(s.types, f.paramTypes[0], from, new Set(f.typeParams), fb);
        return { func: impl.func, typeArgs: f.typeParams.map((p) => fb.get(p) ?? T2.error), form: impl.form };
      });
      return { kind: "to_contract", methods };
    }
    return void 0;
  }
  // =======================================================================================
  // Untyped constants (§5.5, D21).
  constLookup(e) {
    if (e.typeArgs || !this.constNames.has(e.name.text)) return void 0;
    const f = this.lookup(e.name.text, this.sp(e), false);
    if (!f || f.kind !== "entry" || f.entry.sym.kind !== "const") return void 0;
    return this.s.consts[f.entry.sym.id].value;
  }
  /** `Module.CONST`: a const reached through a module path is an untyped constant too. */
  qualifiedConst(e) {
    if (e.typeArgs || !this.constNames.has(e.name.text)) return void 0;
    const path2 = this.modulePath(e);
    if (path2 === void 0 || path2 === "error" || path2.entry.sym.kind !== "const") return void 0;
    return this.s.consts[path2.entry.sym.id].value;
  }
  isConst(e) {
    switch (e.kind) {
      case "IntLit":
      case "FloatLit":
        return e.suffix === void 0;
      case "Paren":
        return this.isConst(e.expr);
      case "Unary":
        return e.op === "-" && this.isConst(e.operand);
      case "Binary":
        return ARITH[e.op] !== void 0 && this.isConst(e.left) && this.isConst(e.right);
      case "Name":
        return this.constLookup(e) !== void 0;
      case "MemberAccess":
        return this.qualifiedConst(e) !== void 0;
      default:
        return false;
    }
  }
  /** Exact value of an untyped constant expression (E1223 on division by zero). */
  constValue(e) {
    switch (e.kind) {
      case "IntLit":
        return { kind: "int", value: e.value, hex: e.radix === 16 };
      case "FloatLit":
        return { kind: "float", value: e.value };
      case "Paren":
        return this.constValue(e.expr);
      case "Name": {
        const v = this.constLookup(e);
        return v === void 0 ? void 0 : { kind: "int", value: v, hex: false };
      }
      case "MemberAccess": {
        const v = this.qualifiedConst(e);
        return v === void 0 ? void 0 : { kind: "int", value: v, hex: false };
      }
      case "Unary": {
        const v = this.constValue(e.operand);
        if (!v) return void 0;
        return v.kind === "int" ? { kind: "int", value: -v.value, hex: false } : { kind: "float", value: -v.value };
      }
      case "Binary": {
        const l = this.constValue(e.left);
        const r = this.constValue(e.right);
        if (!l || !r) return void 0;
        const op = ARITH[e.op];
        if (l.kind === "int" && r.kind === "int") {
          const a2 = l.value;
          const b2 = r.value;
          switch (op) {
            case "add":
              return { kind: "int", value: a2 + b2, hex: false };
            case "sub":
              return { kind: "int", value: a2 - b2, hex: false };
            case "mul":
              return { kind: "int", value: a2 * b2, hex: false };
            case "div":
            case "rem":
              if (b2 === 0n) {
                this.rep("E1223", this.sp(e), `constant ${op === "div" ? "division" : "remainder"} by zero`);
                return void 0;
              }
              return { kind: "int", value: op === "div" ? a2 / b2 : a2 % b2, hex: false };
            case "band":
              return { kind: "int", value: a2 & b2, hex: false };
            case "bor":
              return { kind: "int", value: a2 | b2, hex: false };
            case "shl":
              return { kind: "int", value: b2 < 0n || b2 > 128n ? 0n : a2 << b2, hex: false };
            case "shr":
              return { kind: "int", value: b2 < 0n || b2 > 128n ? 0n : a2 >> b2, hex: false };
          }
        }
        const a = l.kind === "int" ? Number(l.value) : l.value;
        const b = r.kind === "int" ? Number(r.value) : r.value;
        switch (op) {
          case "add":
            return { kind: "float", value: a + b };
          case "sub":
            return { kind: "float", value: a - b };
          case "mul":
            return { kind: "float", value: a * b };
          case "div":
            return { kind: "float", value: a / b };
          case "rem":
            return { kind: "float", value: a % b };
          default:
            this.rep("E1209", this.sp(e), `\`${e.op}\` needs integer operands, found a float constant`);
            return void 0;
        }
      }
      default:
        return void 0;
    }
  }
  /** Type an untyped constant expression: the expected numeric type, else the default (§5.5 rules 2–3). */
  constant(e, expected) {
    const s = this.s;
    const span = this.sp(e);
    const v = this.constValue(e);
    if (!v) return this.err(span);
    const ep = expected !== void 0 ? primOf(s.types, expected) : void 0;
    const numericExpected = ep !== void 0 && (isIntPrim(ep) || isFloatPrim(ep));
    if (v.kind === "float") {
      if (numericExpected && isFloatPrim(ep))
        return { kind: "float", value: ep === "f32" ? Math.fround(v.value) : v.value, type: expected, span };
      return { kind: "float", value: v.value, type: T2.f64, span };
    }
    let t3;
    if (numericExpected) {
      if (isFloatPrim(ep)) return { kind: "float", value: Number(v.value), type: expected, span };
      t3 = expected;
    } else {
      const [lo, hi] = intRange("i32");
      if (v.value >= lo && v.value <= hi) t3 = T2.i32;
      else if (v.value >= intRange("i64")[0] && v.value <= intRange("i64")[1]) t3 = T2.i64;
      else if (v.hex && v.value >= 0n && v.value <= intRange("u64")[1]) t3 = T2.u64;
      else t3 = T2.i64;
    }
    const p = primOf(s.types, t3);
    if (isIntPrim(p)) {
      const [lo, hi] = intRange(p);
      if (v.value < lo || v.value > hi) {
        this.rep("E1223", span, `${v.value} does not fit in \`${p}\` (${lo}..${hi})`, {
          help: "use a wider type or a smaller value"
        });
        return { kind: "int", value: 0n, type: t3, span };
      }
    }
    const constId = e.kind === "Name" ? this.constIdOf(e) : void 0;
    return constId !== void 0 ? { kind: "int", value: v.value, type: t3, span, const: constId } : { kind: "int", value: v.value, type: t3, span };
  }
  constIdOf(e) {
    const f = this.lookup(e.name.text, this.sp(e), false);
    return f && f.kind === "entry" && f.entry.sym.kind === "const" ? f.entry.sym.id : void 0;
  }
  // =======================================================================================
  // Expressions.
  /** Check `e` at a conversion site of type `to`. */
  exprAt(e, to, site, what) {
    return this.coerce(this.expr(e, to), to, site, what);
  }
  expr(e, expected) {
    if (this.isConst(e)) return this.constant(e, expected);
    const span = this.sp(e);
    const s = this.s;
    switch (e.kind) {
      case "IntLit": {
        const t3 = T2[e.suffix];
        const [lo, hi] = intRange(e.suffix);
        if (e.value < lo || e.value > hi)
          this.rep("E1223", span, `${e.value} does not fit in \`${e.suffix}\` (${lo}..${hi})`);
        return { kind: "int", value: e.value, type: t3, span };
      }
      case "FloatLit":
        return {
          kind: "float",
          value: e.suffix === "f32" ? Math.fround(e.value) : e.value,
          type: T2[e.suffix],
          span
        };
      case "BoolLit":
        return { kind: "bool", value: e.value, type: T2.bool, span };
      case "CharLit":
        return { kind: "char", value: e.value, type: T2.char, span };
      case "StringLit":
        return { kind: "string", value: e.value, type: T2.string, span };
      case "UnitLit":
        return { kind: "unit", type: T2.unit, span };
      case "InterpolatedString":
        return this.interp(e);
      case "Name":
        return this.name(e, expected);
      case "MemberAccess":
        return this.memberRead(e, expected);
      case "Call":
        return this.call(e, expected);
      case "Index":
        return this.index(e);
      case "Try":
        return this.tryExpr(e);
      case "Unary":
        return this.unary(e);
      case "Binary":
        return this.binary(e, expected);
      case "Assign":
        return this.assign(e);
      case "Lambda":
        return this.lambda(e, expected);
      case "Match":
        return this.match(e, expected, false);
      case "EnumValue":
        return this.enumValue(e, expected);
      case "StructLiteral":
        return this.structLit(e, expected);
      case "ArrayLiteral":
        return this.arrayLit(e, expected);
      case "Block": {
        const b = this.block(e);
        return { kind: "block", block: b, type: b.diverges ? T2.never : T2.unit, span };
      }
      case "Paren":
        return this.expr(e.expr, expected);
      case "UnsupportedExpr":
        this.rep("E1230", span, `\`${e.construct}\` is not supported by beskid-ci`);
        return this.err(span);
      case "ErrorExpr":
        return this.err(span);
    }
  }
  // ---- text ------------------------------------------------------------------------------
  textConv(x) {
    const s = this.s;
    const info = s.types.get(x.type);
    if (info.kind === "param") {
      const fm = this.textParams.get(this.rootFunc()) ?? /* @__PURE__ */ new Map();
      if (!fm.has(info.param)) fm.set(info.param, this.full(x.span));
      this.textParams.set(this.rootFunc(), fm);
      return "param";
    }
    if (info.kind !== "prim") return void 0;
    const p = info.prim;
    if (p === "string") return "string";
    if (p === "bool") return "bool";
    if (p === "char") return "char";
    if (p === "f32" || p === "f64") return p;
    if (isIntPrim(p)) return isSigned(p) ? "int" : "uint";
    return void 0;
  }
  toText(x) {
    if (x.type === T2.string || this.isErr(x.type)) return x;
    const conv = this.textConv(x);
    if (!conv) {
      this.rep("E1225", x.span, `a \`${this.tn(x.type)}\` cannot be converted to text`, {
        help: "format it with a function that returns `string`"
      });
      return { ...x, type: T2.error };
    }
    return { kind: "to_text", operand: x, conv, type: T2.string, span: x.span };
  }
  interp(e) {
    const parts = [];
    for (const p of e.parts) {
      if (p.kind === "InterpText") {
        if (p.value !== "") parts.push({ kind: "string", value: p.value, type: T2.string, span: this.sp(p) });
      } else parts.push(this.toText(this.expr(p.expr, void 0)));
    }
    return { kind: "interp", parts, type: T2.string, span: this.sp(e) };
  }
  rootFunc() {
    let c2 = this.ctx;
    while (c2.outer) c2 = c2.outer;
    return c2.func;
  }
  // ---- names -----------------------------------------------------------------------------
  readLocal(id, span) {
    if (this.unassigned.has(id) && !this.reportedUnassigned.has(id)) {
      this.reportedUnassigned.add(id);
      const l = this.s.locals[id];
      this.rep("E1109", span, `\`${l.name}\` may be read before it is assigned`, {
        help: "assign it on every path before this read, or give it an initial value"
      });
    }
    return { kind: "local", local: id, type: this.s.locals[id].type, span };
  }
  name(e, expected) {
    const s = this.s;
    const span = this.sp(e);
    const name = e.name.text;
    if (name === "") return this.err(span);
    const f = this.lookup(name, span);
    if (!f) {
      this.unknownName(name, span, "E1101");
      return this.err(span);
    }
    switch (f.kind) {
      case "local":
        return this.readLocal(f.local, span);
      case "field": {
        const self = { kind: "local", local: f.thisLocal, type: f.recvType, span };
        if (f.field.kind === "event") {
          this.rep("E1232", span, `event \`${name}\` cannot be read as a value`, {
            help: `invoke it with \`${name}(\u2026)\` or subscribe with \`+=\``
          });
          return this.err(span);
        }
        return { kind: "field", object: self, field: f.field.index, type: f.field.type, span };
      }
      case "member":
        this.rep("E1206", span, `\`${name}\` is a member; a bound method is not a value`, {
          help: `wrap it in a lambda: \`(\u2026) => ${name}(\u2026)\``
        });
        return this.err(span);
      case "intrinsic":
        this.rep("E1206", span, `intrinsic \`${name}\` can only be called`, { help: "wrap it in a lambda" });
        return this.err(span);
      case "entry":
        return this.entryValue(f.entry, e.typeArgs, expected, span, name);
    }
  }
  entryValue(entry, typeArgs, expected, span, name) {
    const s = this.s;
    const sym = entry.sym;
    if (sym.kind === "function") {
      const f = s.functions[sym.id];
      let args = [];
      if (typeArgs) {
        args = typeArgs.map((t3) => this.resolveType(t3));
        if (args.length !== f.typeParams.length) {
          this.rep(
            "E1204",
            span,
            `\`${name}\` takes ${f.typeParams.length} type arguments, found ${args.length}`
          );
          return this.err(span);
        }
      } else if (f.typeParams.length > 0) {
        const b = /* @__PURE__ */ new Map();
        const fnT = s.types.fn(f.paramTypes, f.ret);
        if (expected !== void 0) unify(s.types, fnT, expected, new Set(f.typeParams), b);
        if (f.typeParams.some((p) => !b.has(p))) {
          this.rep(
            "E1203",
            span,
            `cannot infer the type arguments of generic function \`${name}\` used as a value`,
            {
              help: `write them: \`${name}<${f.typeParams.map((p) => s.typeParams[p].name).join(", ")}>\``
            }
          );
          return this.err(span);
        }
        args = f.typeParams.map((p) => b.get(p));
      }
      const map = this.paramMap(f.typeParams, args);
      const type = s.types.fn(
        f.paramTypes.map((p) => substitute(s.types, p, map)),
        substitute(s.types, f.ret, map)
      );
      return { kind: "funcref", func: sym.id, typeArgs: args, type, span };
    }
    if (sym.kind === "const") {
      const v = s.consts[sym.id].value;
      return {
        kind: "int",
        value: v,
        type: v >= -(2n ** 31n) && v < 2n ** 31n ? T2.i32 : T2.i64,
        span,
        const: sym.id
      };
    }
    this.rep("E1101", span, `\`${name}\` is a ${symKindName(sym)}, not a value`, {
      help: sym.kind === "record" ? `build one with \`${name} { \u2026 }\`` : sym.kind === "module" ? "call one of its functions: `Module.Function(\u2026)`" : void 0
    });
    return this.err(span);
  }
  /**
   * If `e` is a path that starts with a module (not shadowed by a value), the entry it names.
   * `undefined` means "not a module path: treat as a value".
   */
  modulePath(e) {
    const s = this.s;
    if (e.kind === "Name") {
      const f = this.lookup(e.name.text, this.sp(e), false);
      if (!f || f.kind !== "entry") return void 0;
      if (f.entry.sym.kind === "function" || f.entry.sym.kind === "const") return void 0;
      return { entry: f.entry, typeArgs: e.typeArgs };
    }
    if (e.kind === "MemberAccess") {
      const inner = this.modulePath(e.object);
      if (inner === void 0 || inner === "error") return inner;
      if (inner.entry.sym.kind !== "module") return void 0;
      const mod = inner.entry.sym.id;
      const next = this.c.memberOfModule(mod, e.name.text);
      if (!next) {
        this.rep(
          "E1108",
          this.sp(e.name),
          `module \`${s.scopes[mod].path}\` has no item \`${e.name.text}\``,
          {
            help: this.suggestIn(mod, e.name.text)
          }
        );
        return "error";
      }
      if (!this.c.isVisible(next, this.ctx.module))
        this.rep(
          "E1107",
          this.sp(e.name),
          `\`${e.name.text}\` is private to module \`${s.scopes[next.module].path}\``,
          { help: "mark it `pub`" }
        );
      return { entry: next, typeArgs: e.typeArgs ?? inner.typeArgs };
    }
    return void 0;
  }
  suggestIn(mod, name) {
    const best = closest(name, this.s.scopes[mod].items.keys());
    return best ? `did you mean \`${best}\`?` : void 0;
  }
  memberRead(e, expected) {
    const s = this.s;
    const span = this.sp(e);
    const path2 = this.modulePath(e.object);
    if (path2 === "error") return this.err(span);
    if (path2 && path2.entry.sym.kind === "module") {
      const mod = path2.entry.sym.id;
      const next = this.c.memberOfModule(mod, e.name.text);
      if (!next) {
        this.rep(
          "E1108",
          this.sp(e.name),
          `module \`${s.scopes[mod].path}\` has no item \`${e.name.text}\``,
          { help: this.suggestIn(mod, e.name.text) }
        );
        return this.err(span);
      }
      if (!this.c.isVisible(next, this.ctx.module))
        this.rep(
          "E1107",
          this.sp(e.name),
          `\`${e.name.text}\` is private to module \`${s.scopes[next.module].path}\``,
          { help: "mark it `pub`" }
        );
      if (next.sym.kind === "const") {
        const v = s.consts[next.sym.id].value;
        const ep = expected !== void 0 ? primOf(s.types, expected) : void 0;
        const t3 = ep && isIntPrim(ep) ? expected : v >= -(2n ** 31n) && v < 2n ** 31n ? T2.i32 : T2.i64;
        return { kind: "int", value: v, type: t3, span, const: next.sym.id };
      }
      return this.entryValue(next, e.typeArgs ?? path2.typeArgs, expected, span, e.name.text);
    }
    if (path2) {
      this.rep(
        "E1152",
        span,
        `\`${e.name.text}\` cannot be read from ${symKindName(path2.entry.sym)} \`${exprText(e.object)}\``
      );
      return this.err(span);
    }
    const obj = this.expr(e.object, void 0);
    return this.fieldRead(obj, e.name, span);
  }
  fieldRead(obj, nameId, span) {
    const s = this.s;
    const name = nameId.text;
    if (this.isErr(obj.type) || name === "") return this.err(span);
    const info = s.types.get(obj.type);
    if (info.kind === "param") {
      this.rep("E1235", span, `\`${this.tn(obj.type)}\` is a type parameter; its fields are unknown`, {
        help: "add a `where` bound and call its methods"
      });
      return this.err(span);
    }
    if (info.kind !== "record") {
      const m = this.c.membersOf(obj.type)?.get(name);
      this.rep(
        m !== void 0 ? "E1206" : "E1213",
        span,
        m !== void 0 ? `\`${name}\` is a method; a bound method is not a value` : `\`${this.tn(obj.type)}\` has no fields`,
        {
          help: m !== void 0 ? `call it: \`.${name}()\`` : void 0
        }
      );
      return this.err(span);
    }
    const r = s.records[info.decl];
    const field = r.fields.find((f2) => f2.name === name);
    if (!field) {
      if (r.members.has(name)) {
        this.rep("E1206", span, `\`${name}\` is a member of \`${r.name}\`; a bound method is not a value`, {
          help: `call it: \`.${name}()\`, or wrap it in a lambda`
        });
        return this.err(span);
      }
      const best = closest(
        name,
        r.fields.map((f2) => f2.name)
      );
      this.rep("E1211", this.sp(nameId), `\`${r.name}\` has no field \`${name}\``, {
        help: best ? `did you mean \`${best}\`?` : `its fields: ${r.fields.map((f2) => f2.name).join(", ") || "(none)"}`
      });
      return this.err(span);
    }
    const f = this.instField(field, obj.type);
    if (f.kind === "event") {
      this.rep("E1232", span, `event \`${name}\` cannot be read as a value`, {
        help: "invoke it or subscribe with `+=`"
      });
      return this.err(span);
    }
    return { kind: "field", object: obj, field: f.index, type: f.type, span };
  }
  // ---- calls -----------------------------------------------------------------------------
  call(e, expected) {
    const s = this.s;
    const span = this.sp(e);
    const callee = e.callee;
    if (callee.kind === "Name") {
      const name = callee.name.text;
      if (name === "") return this.err(span);
      const f = this.lookup(name, this.sp(callee));
      if (!f) {
        this.unknownName(name, this.sp(callee), "E1606");
        for (const a of e.args) this.expr(a, void 0);
        return this.err(span);
      }
      switch (f.kind) {
        case "local": {
          const calleeX2 = this.readLocal(f.local, this.sp(callee));
          return this.closureCall(calleeX2, e.args, span);
        }
        case "field": {
          const self = { kind: "local", local: f.thisLocal, type: f.recvType, span: this.sp(callee) };
          return this.fieldCall(self, f.field, f.recvType, e.args, span, this.sp(callee));
        }
        case "member": {
          const self = { kind: "local", local: f.thisLocal, type: f.recvType, span: this.sp(callee) };
          return this.callFunction(f.func, self, e.args, void 0, expected, span, "method");
        }
        case "intrinsic":
          return this.intrinsicCall(name, e.args, callee.typeArgs, expected, span);
        case "entry":
          return this.entryCall(f.entry, name, callee.typeArgs, e.args, expected, span, this.sp(callee));
      }
    }
    if (callee.kind === "MemberAccess") {
      const path2 = this.modulePath(callee.object);
      if (path2 === "error") {
        for (const a of e.args) this.expr(a, void 0);
        return this.err(span);
      }
      if (path2) {
        const sym = path2.entry.sym;
        if (sym.kind === "contract" && s.contracts[sym.id].extern)
          return this.externCall(sym.id, callee.name, e.args, span);
        if (sym.kind === "module") {
          const next = this.c.memberOfModule(sym.id, callee.name.text);
          if (!next) {
            const h = this.c.homonym(sym.id);
            if (h && h.kind === "contract" && s.contracts[h.id].extern)
              return this.externCall(h.id, callee.name, e.args, span);
            this.rep(
              "E1108",
              this.sp(callee.name),
              `module \`${s.scopes[sym.id].path}\` has no function \`${callee.name.text}\``,
              {
                help: this.suggestIn(sym.id, callee.name.text)
              }
            );
            for (const a of e.args) this.expr(a, void 0);
            return this.err(span);
          }
          if (!this.c.isVisible(next, this.ctx.module))
            this.rep(
              "E1107",
              this.sp(callee.name),
              `\`${callee.name.text}\` is private to module \`${s.scopes[next.module].path}\``,
              { help: "mark it `pub`" }
            );
          if (callee.typeArgs && path2.typeArgs)
            this.rep(
              "E1204",
              this.sp(callee),
              "type arguments are given twice (on the module and on the function)",
              {
                help: "keep one of `M<A>.F(\u2026)` and `M.F<A>(\u2026)`"
              }
            );
          return this.entryCall(
            next,
            callee.name.text,
            callee.typeArgs ?? path2.typeArgs,
            e.args,
            expected,
            span,
            this.sp(callee.name)
          );
        }
        this.rep(
          "E1606",
          this.sp(callee),
          `\`${exprText(callee.object)}\` is ${articled(symKindName(sym))}; \`.${callee.name.text}(\u2026)\` is not a call on it`,
          { help: this.staticCallHelp(sym, callee.name.text) }
        );
        for (const a of e.args) this.expr(a, void 0);
        return this.err(span);
      }
      const recv = this.expr(callee.object, void 0);
      return this.methodCall(recv, callee.name, callee.typeArgs, e.args, expected, span);
    }
    const calleeX = this.expr(callee, void 0);
    return this.closureCall(calleeX, e.args, span);
  }
  entryCall(entry, name, typeArgs, args, expected, span, calleeSpan) {
    const s = this.s;
    const sym = entry.sym;
    if (sym.kind === "function") {
      const explicit = typeArgs?.map((t3) => this.resolveType(t3));
      return this.callFunction(sym.id, void 0, args, explicit, expected, span, "direct", calleeSpan);
    }
    if (sym.kind === "contract" && s.contracts[sym.id].extern) {
      this.rep("E1606", calleeSpan, `extern contract \`${name}\` is not callable itself`, {
        help: `call one of its functions: \`${name}.f(\u2026)\``
      });
    } else
      this.rep("E1606", calleeSpan, `\`${name}\` is a ${symKindName(sym)}, not a function`, {
        help: sym.kind === "record" ? `build a value with \`${name} { \u2026 }\`` : sym.kind === "test" ? "tests cannot be called" : void 0
      });
    for (const a of args) this.expr(a, void 0);
    return this.err(span);
  }
  closureCall(calleeX, args, span) {
    const s = this.s;
    const info = s.types.get(calleeX.type);
    if (info.kind !== "fn") {
      if (!this.isErr(calleeX.type))
        this.rep("E1206", calleeX.span, `a \`${this.tn(calleeX.type)}\` value is not callable`);
      for (const a of args) this.expr(a, void 0);
      return this.err(span);
    }
    if (args.length !== info.params.length) {
      this.rep(
        "E1204",
        span,
        `this function value takes ${info.params.length} argument${info.params.length === 1 ? "" : "s"}, found ${args.length}`
      );
      for (const a of args) this.expr(a, void 0);
      return this.err(span);
    }
    const targs = args.map((a, i) => this.exprAt(a, info.params[i], "arg"));
    return { kind: "call", target: { kind: "closure", callee: calleeX }, args: targs, type: info.ret, span };
  }
  /** `x.F(args)` where F is a field of x's record: event invocation or closure call (§5.8 rule 1). */
  fieldCall(obj, field, recordType, args, span, nameSpan) {
    const s = this.s;
    if (field.kind === "event") {
      this.checkEventAccess(recordType, nameSpan, field.name);
      if (args.length !== field.params.length) {
        this.rep(
          "E1204",
          span,
          `event \`${field.name}\` takes ${field.params.length} arguments, found ${args.length}`
        );
        for (const a of args) this.expr(a, void 0);
        return this.err(span);
      }
      const targs = args.map((a, i) => this.exprAt(a, field.params[i], "arg"));
      return {
        kind: "call",
        target: { kind: "event", record: recordType, field: field.index },
        args: [obj, ...targs],
        type: T2.unit,
        span
      };
    }
    const read = { kind: "field", object: obj, field: field.index, type: field.type, span: nameSpan };
    if (s.types.get(field.type).kind !== "fn") {
      this.rep(
        "E1206",
        nameSpan,
        `field \`${field.name}\` has type \`${this.tn(field.type)}\` and is not callable`
      );
      for (const a of args) this.expr(a, void 0);
      return this.err(span);
    }
    return this.closureCall(read, args, span);
  }
  /** D32: events are invoked by members of the owner and functions of the owner's module (and descendants). */
  checkEventAccess(recordType, span, name) {
    const s = this.s;
    const info = s.types.get(recordType);
    if (info.kind !== "record") return;
    const r = s.records[info.decl];
    let root = this.ctx;
    while (root.outer) root = root.outer;
    const rf = s.functions[root.func];
    if (rf.receiver !== void 0) {
      const ri = s.types.get(rf.receiver);
      if (ri.kind === "record" && ri.decl === r.id) return;
    }
    if (s.canSeePrivate(this.ctx.module, r.module)) return;
    this.rep(
      "E1219",
      span,
      `event \`${name}\` of \`${r.name}\` can only be invoked by its members and by module \`${s.scopes[r.module].path}\``,
      {
        help: `add a function to \`${s.scopes[r.module].path}\` that raises it`
      }
    );
  }
  methodCall(recv, nameId, typeArgs, args, expected, span) {
    const s = this.s;
    const name = nameId.text;
    const T0 = recv.type;
    const nameSpan = this.sp(nameId);
    if (this.isErr(T0) || name === "") {
      for (const a of args) this.expr(a, void 0);
      return this.err(span);
    }
    const info = s.types.get(T0);
    if (info.kind === "record") {
      const field = s.records[info.decl].fields.find((f) => f.name === name);
      if (field) return this.fieldCall(recv, this.instField(field, T0), T0, args, span, nameSpan);
    }
    const member = this.c.membersOf(T0)?.get(name);
    if (member !== void 0) {
      const f = s.functions[member];
      if (!f.isPub && !s.canSeePrivate(this.ctx.module, f.module))
        this.rep(
          "E1107",
          nameSpan,
          `member \`${name}\` is private to module \`${s.scopes[f.module].path}\``,
          { help: "mark it `pub`" }
        );
      if (typeArgs) this.rep("E1204", nameSpan, "members take no type arguments");
      return this.callFunction(member, recv, args, void 0, expected, span, "method");
    }
    if (info.kind === "contract") {
      const c2 = s.contracts[info.decl];
      const m = c2.methods.find((x) => x.name === name);
      if (m) {
        if (m.mentionsThis)
          this.rep(
            "E1230",
            nameSpan,
            `\`${name}\` mentions \`This\` and cannot be called through a contract value`
          );
        const map = this.paramMap(c2.typeParams, info.args);
        map.set(c2.thisParam, T2.error);
        return this.fixedCall(
          { kind: "contract", contract: T0, method: m.index },
          recv,
          m.params.map((p) => substitute(s.types, p, map)),
          substitute(s.types, m.ret, map),
          args,
          span,
          name
        );
      }
    }
    if (info.kind === "param") {
      for (const b of s.typeParams[info.param].bounds) {
        const bi = s.types.get(b);
        if (bi.kind !== "contract") continue;
        const c2 = s.contracts[bi.decl];
        const m = c2.methods.find((x) => x.name === name);
        if (!m) continue;
        const map = this.paramMap(c2.typeParams, bi.args);
        map.set(c2.thisParam, T0);
        return this.fixedCall(
          { kind: "bound", param: info.param, contract: b, method: m.index },
          recv,
          m.params.map((p) => substitute(s.types, p, map)),
          substitute(s.types, m.ret, map),
          args,
          span,
          name
        );
      }
      this.rep(
        "E1235",
        nameSpan,
        `\`${this.tn(T0)}\` is a type parameter without a bound that declares \`${name}\``,
        { help: `add \`where ${this.tn(T0)}: SomeContract\`` }
      );
      for (const a of args) this.expr(a, void 0);
      return this.err(span);
    }
    const declModule = info.kind === "record" || info.kind === "enum" ? this.c.declModuleOf(T0) : void 0;
    let nearMiss;
    if (declModule !== void 0) {
      const e = s.scopes[declModule].items.get(name);
      if (e && e.sym.kind === "function" && (e.isPub || s.canSeePrivate(this.ctx.module, e.module))) {
        const f = s.functions[e.sym.id];
        if (f.paramTypes.length > 0 && this.accepts(f.paramTypes[0], T0, f.typeParams)) {
          this.c.markUsed(e.sym);
          const explicit = typeArgs?.map((t3) => this.resolveType(t3));
          return this.callFunction(f.id, recv, args, explicit, expected, span, "sugar", nameSpan);
        }
        nearMiss = `\`${s.scopes[declModule].path}.${name}\` exists, but its first parameter (\`${f.paramTypes[0] !== void 0 ? this.tn(f.paramTypes[0]) : "none"}\`) does not accept a \`${this.tn(T0)}\``;
      }
    }
    const inScope = this.c.lookupModuleLevel(name, this.ctx.module, false);
    const literalOwner = recv.kind === "int" && recv.const === void 0 || recv.kind === "float" ? NUMERIC_PRIMS.find((p) => p !== primOf(s.types, T0) && this.c.membersOf(T2[p])?.has(name)) : void 0;
    this.rep("E1606", nameSpan, `\`${this.tn(T0)}\` has no member \`${name}\``, {
      notes: nearMiss ? [nearMiss] : [],
      help: literalOwner ? `an unsuffixed literal is \`${this.tn(T0)}\` here; \`${name}\` is a member of \`${literalOwner}\`: write the literal with the suffix \`_${literalOwner}\`` : inScope && inScope.sym.kind === "function" ? `call it as \`${name}(${recv.kind === "local" ? s.locals[recv.local].name : "x"}${args.length > 0 ? ", \u2026" : ""})\`` : this.suggestMember(T0, name)
    });
    for (const a of args) this.expr(a, void 0);
    return this.err(span);
  }
  suggestMember(t3, name) {
    const s = this.s;
    const cands = [...this.c.membersOf(t3)?.keys() ?? []];
    const info = s.types.get(t3);
    if (info.kind === "record") cands.push(...s.records[info.decl].fields.map((f) => f.name));
    const dm = this.c.declModuleOf(t3);
    if (dm !== void 0) {
      for (const [n, e] of s.scopes[dm].items) if (e.sym.kind === "function") cands.push(n);
    }
    const best = closest(name, cands);
    return best ? `did you mean \`${best}\`?` : void 0;
  }
  /** Whether a first parameter of type `param` (with F's type parameters) accepts a `T` (§5.8 rule 4). */
  accepts(param, t3, vars) {
    const s = this.s;
    if (unify(s.types, param, t3, new Set(vars), /* @__PURE__ */ new Map())) return true;
    const pi = s.types.get(param);
    if (pi.kind === "contract" && !mentionsParam(s.types, param))
      return this.toContract(t3, param) !== void 0;
    return false;
  }
  /** A call whose parameter types are already known (contract and bound methods). */
  fixedCall(target, recv, params, ret, args, span, name) {
    if (args.length !== params.length) {
      this.rep(
        "E1204",
        span,
        `\`${name}\` takes ${params.length} argument${params.length === 1 ? "" : "s"}, found ${args.length}`
      );
      for (const a of args) this.expr(a, void 0);
      return this.err(span);
    }
    const targs = args.map((a, i) => this.exprAt(a, params[i], "arg"));
    return { kind: "call", target, args: [recv, ...targs], type: ret, span };
  }
  externCall(contract, nameId, args, span) {
    const s = this.s;
    const c2 = s.contracts[contract];
    const m = c2.methods.find((x) => x.name === nameId.text);
    if (!m) {
      this.rep("E1606", this.sp(nameId), `extern contract \`${c2.name}\` has no function \`${nameId.text}\``, {
        help: this.suggestFrom(
          nameId.text,
          c2.methods.map((x) => x.name)
        )
      });
      for (const a of args) this.expr(a, void 0);
      return this.err(span);
    }
    if (args.length !== m.params.length) {
      this.rep(
        "E1204",
        span,
        `\`${c2.name}.${m.name}\` takes ${m.params.length} arguments, found ${args.length}`
      );
      for (const a of args) this.expr(a, void 0);
      return this.err(span);
    }
    const targs = args.map((a, i) => this.exprAt(a, m.params[i], "arg"));
    return {
      kind: "call",
      target: { kind: "extern", contract, method: m.index },
      args: targs,
      type: m.ret,
      span
    };
  }
  /**
   * Help for `Type.F(…)`: there are no static members, but the type's own module often declares
   * `F` (`Option.UnwrapOr` without `use Core.Optional.Option;`), so name that module.
   */
  staticCallHelp(sym, name) {
    const s = this.s;
    if (sym.kind !== "record" && sym.kind !== "enum") return void 0;
    const mod = sym.kind === "record" ? s.records[sym.id].module : s.enums[sym.id].module;
    const f = s.scopes[mod].items.get(name);
    if (f && f.sym.kind === "function") {
      const path2 = s.scopes[mod].path;
      return `\`${name}\` is a function of module \`${path2}\`: add \`use ${path2};\`, or call it on a value as \`value.${name}(\u2026)\``;
    }
    return "there are no static members; call a module function";
  }
  suggestFrom(name, cands) {
    const best = closest(name, cands);
    return best ? `did you mean \`${best}\`?` : void 0;
  }
  isContextDependent(e) {
    switch (e.kind) {
      case "Lambda":
        return e.params.some((p) => p.type === void 0);
      case "ArrayLiteral":
        return e.elements.length === 0 || e.elements.every((x) => this.isContextDependent(x));
      case "EnumValue":
        return e.enumName.segments[e.enumName.segments.length - 1]?.typeArgs === void 0;
      case "StructLiteral":
        return e.typeName.segments[e.typeName.segments.length - 1]?.typeArgs === void 0;
      case "Paren":
        return this.isContextDependent(e.expr);
      default:
        return this.isConst(e);
    }
  }
  /**
   * Check arguments against generic parameter types, inferring `vars` (§5.4 steps 1–4).
   * Returns converted arguments; `bindings` holds the inferred type arguments (unbound ones
   * are reported by the caller).
   */
  inferArgs(paramTypes, args, vars, bindings, ret, expected, describe, site = "arg") {
    const s = this.s;
    const typed = new Array(args.length);
    const conflicts = /* @__PURE__ */ new Map();
    const unbound = (t3) => vars.size > 0 && mentionsParam(s.types, substitute(s.types, t3, bindings), vars);
    args.forEach((a, i) => {
      if (vars.size > 0 && this.isContextDependent(a)) return;
      const pt = substitute(s.types, paramTypes[i], bindings);
      const x = this.expr(a, unbound(pt) ? void 0 : pt);
      typed[i] = x;
      if (vars.size > 0) this.unifyArg(paramTypes[i], x.type, vars, bindings, conflicts);
    });
    for (const [p, list] of conflicts) {
      let c2 = primOf(s.types, list[0]);
      for (const t3 of list.slice(1)) {
        const pt = primOf(s.types, t3);
        c2 = c2 && pt ? commonNumeric(c2, pt) : void 0;
      }
      if (c2) bindings.set(p, T2[c2]);
    }
    if (vars.size > 0 && ret !== void 0 && expected !== void 0 && !this.isErr(expected)) {
      const tmp = new Map(bindings);
      if (unify(s.types, ret, expected, vars, tmp)) {
        for (const [k, v] of tmp)
          if (!bindings.has(k) && !mentionsParam(s.types, v, vars)) bindings.set(k, v);
      }
    }
    const saved = this.inferVars;
    this.inferVars = vars;
    args.forEach((a, i) => {
      if (typed[i]) return;
      const pt = substitute(s.types, paramTypes[i], bindings);
      const hasHoles = unbound(pt);
      const x = this.expr(a, hasHoles ? a.kind === "Lambda" ? pt : void 0 : pt);
      typed[i] = x;
      this.unifyArg(paramTypes[i], x.type, vars, bindings);
    });
    this.inferVars = saved;
    return typed.map(
      (x, i) => this.coerce(x, substitute(s.types, paramTypes[i], bindings), site, describe && (() => describe(i)))
    );
  }
  /**
   * Unify a parameter type with an argument type; a contract parameter also unifies with the
   * contract a record/enum argument conforms to (`Source<T>` against a `Box<i64> : Source<i64>`).
   */
  unifyArg(param, arg, vars, bindings, conflicts) {
    const s = this.s;
    if (unify(s.types, param, arg, vars, bindings, conflicts)) return;
    const pi = s.types.get(param);
    const ai = s.types.get(arg);
    if (pi.kind !== "contract" || ai.kind !== "record" && ai.kind !== "enum") return;
    for (const conf of s.conformances) {
      const ci = s.types.get(conf.contract);
      if (ci.kind !== "contract" || ci.decl !== pi.decl) continue;
      const b = /* @__PURE__ */ new Map();
      if (!unify(s.types, conf.type, arg, new Set(conf.typeParams), b)) continue;
      unify(s.types, param, substitute(s.types, conf.contract, b), vars, bindings, conflicts);
      return;
    }
  }
  callFunction(func, recv, args, explicit, expected, span, form, calleeSpan) {
    const s = this.s;
    const f = s.functions[func];
    const vars = new Set(f.typeParams);
    const bindings = /* @__PURE__ */ new Map();
    if (f.kind === "test") {
      this.rep("E1606", calleeSpan ?? span, `\`${f.name}\` is a test and cannot be called`);
      return this.err(span);
    }
    if (this.bodiless.has(func))
      this.rep(
        "E1605",
        calleeSpan ?? span,
        `\`${f.name}\` is declared without a body and nothing provides it`,
        { help: "give it a body, or remove the call" }
      );
    if (explicit) {
      const own = form === "method" ? [] : f.typeParams;
      if (explicit.length !== own.length)
        this.rep(
          "E1204",
          calleeSpan ?? span,
          `\`${f.name}\` takes ${own.length} type argument${own.length === 1 ? "" : "s"}, found ${explicit.length}`
        );
      else own.forEach((p, i) => bindings.set(p, explicit[i]));
    }
    let params = f.paramTypes;
    let recvX;
    if (recv) {
      const first = f.paramTypes[0];
      if (!unify(s.types, first, recv.type, vars, bindings))
        recvX = this.coerce(recv, substitute(s.types, first, bindings), "arg");
      else recvX = recv;
      params = f.paramTypes.slice(1);
    }
    if (args.length !== params.length) {
      this.rep(
        "E1204",
        span,
        `\`${f.name}\` takes ${params.length} argument${params.length === 1 ? "" : "s"}, found ${args.length}`,
        {
          notes: [`declared as \`${this.tn(f.ret)} ${f.name}(${params.map((p) => this.tn(p)).join(", ")})\``]
        }
      );
      for (const a of args) this.expr(a, void 0);
      return this.err(span);
    }
    const offset = recv ? 1 : 0;
    const targs = this.inferArgs(params, args, vars, bindings, f.ret, expected, (i) => {
      const n = this.paramNames(f.id)[i + offset];
      return `parameter ${n ? `\`${n}\` ` : ""}of \`${f.name}\` expects`;
    });
    const missing = f.typeParams.filter((p) => !bindings.has(p));
    if (missing.length > 0) {
      this.rep(
        "E1203",
        calleeSpan ?? span,
        `cannot infer ${missing.map((p) => `\`${s.typeParams[p].name}\``).join(", ")} for \`${f.name}\``,
        {
          help: `give the type arguments: \`${f.name}<\u2026>(\u2026)\`, or an expected type`
        }
      );
      for (const p of missing) bindings.set(p, T2.error);
    }
    const typeArgs = f.typeParams.map((p) => bindings.get(p));
    this.checkBounds(f.typeParams, typeArgs, calleeSpan ?? span);
    if (f.typeParams.length > 0)
      this.instantiations.push({ caller: this.rootFunc(), callee: func, typeArgs, span: this.full(span) });
    const ret = substitute(s.types, f.ret, bindings);
    const allArgs = recvX ? [recvX, ...targs] : targs;
    return {
      kind: "call",
      target: { kind: "function", func, typeArgs, form },
      args: allArgs,
      type: ret,
      span
    };
  }
  /** Parameter names of a function (from its locals once checked, else from the job's AST). */
  paramNames(func) {
    const f = this.s.functions[func];
    if (f.params.length > 0) return f.params.map((l) => this.s.locals[l].name);
    const job = this.c.jobs.find((j) => j.func === func);
    if (!job) return [];
    return [...job.receiver !== void 0 ? ["this"] : [], ...job.params.map((p) => p.name.text)];
  }
  /** E1603: `where` bounds of the instantiated parameters. */
  checkBounds(params, args, span) {
    const s = this.s;
    params.forEach((p, i) => {
      const arg = args[i];
      if (this.isErr(arg)) return;
      for (const b0 of s.typeParams[p].bounds) {
        const b = substitute(s.types, b0, this.paramMap(params, args));
        const ai = s.types.get(arg);
        const ok = arg === b || ai.kind === "contract" && this.embeds(arg, b) || (ai.kind === "record" || ai.kind === "enum") && this.toContract(arg, b) !== void 0 || ai.kind === "param" && s.typeParams[ai.param].bounds.some((x) => x === b || this.embeds(x, b));
        if (!ok)
          this.rep(
            "E1603",
            span,
            `\`${this.tn(arg)}\` does not conform to \`${this.tn(b)}\`, required by \`where ${s.typeParams[p].name}: ${this.tn(b)}\``,
            {
              help: `declare \`${this.tn(arg)} : ${this.tn(b)}\``
            }
          );
      }
    });
  }
  intrinsicParam(name) {
    let p = this.intrinsicParams.get(name);
    if (p === void 0) {
      p = this.s.typeParams.length;
      this.s.typeParams.push({
        id: p,
        name: "T",
        bounds: [],
        implicit: false,
        span: { file: "", start: 0, end: 0 }
      });
      this.intrinsicParams.set(name, p);
    }
    return p;
  }
  sigType(t3, tp) {
    if (t3.endsWith("[]")) return this.s.types.array(this.sigType(t3.slice(0, -2), tp));
    if (t3 === "T") return tp !== void 0 ? this.s.types.param(tp) : T2.error;
    return T2[t3] ?? T2.error;
  }
  intrinsicCall(name, args, typeArgs, expected, span) {
    const s = this.s;
    const sig2 = INTRINSICS.get(name);
    if (sig2.tier === "U")
      this.rep(
        "W1608",
        span,
        `intrinsic \`${name}\` is not supported by this toolchain; the call panics if reached`
      );
    if (sig2.params[0] === "...") {
      const targs2 = args.map((a) => this.expr(a, void 0));
      return {
        kind: "call",
        target: { kind: "intrinsic", name, typeArgs: [], tier: sig2.tier },
        args: targs2,
        type: this.sigType(sig2.ret, void 0),
        span
      };
    }
    const tp = sig2.generic ? this.intrinsicParam(name) : void 0;
    const params = sig2.params.map((p) => this.sigType(p, tp));
    const ret = this.sigType(sig2.ret, tp);
    if (args.length !== params.length) {
      this.rep(
        "E1204",
        span,
        `\`${name}\` takes ${params.length} argument${params.length === 1 ? "" : "s"}, found ${args.length}`
      );
      for (const a of args) this.expr(a, void 0);
      return this.err(span);
    }
    const vars = new Set(tp !== void 0 ? [tp] : []);
    const bindings = /* @__PURE__ */ new Map();
    if (typeArgs && tp !== void 0) {
      if (typeArgs.length !== 1)
        this.rep("E1204", span, `\`${name}\` takes 1 type argument, found ${typeArgs.length}`);
      else bindings.set(tp, this.resolveType(typeArgs[0]));
    }
    if (name === "__array_new" && expected === T2.i64 && tp !== void 0) bindings.set(tp, T2.u8);
    const targs = this.inferArgs(params, args, vars, bindings, ret, expected);
    if (tp !== void 0 && !bindings.has(tp)) {
      this.rep("E1203", span, `cannot infer the element type of \`${name}\``, {
        help: `give an expected type, e.g. \`i64[] a = ${name}(\u2026);\``
      });
      bindings.set(tp, T2.error);
    }
    const typeArgsOut = tp !== void 0 ? [bindings.get(tp)] : [];
    return {
      kind: "call",
      target: { kind: "intrinsic", name, typeArgs: typeArgsOut, tier: sig2.tier },
      args: targs,
      type: substitute(s.types, ret, bindings),
      span
    };
  }
  // ---- index, unary, binary --------------------------------------------------------------
  index(e) {
    const s = this.s;
    const span = this.sp(e);
    const obj = this.expr(e.object, void 0);
    const idx = this.expr(e.index, T2.i64);
    if (!this.isErr(idx.type) && !isIntPrim(primOf(s.types, idx.type) ?? "bool"))
      this.rep("E1231", idx.span, `an index must be an integer, found \`${this.tn(idx.type)}\``);
    const info = s.types.get(obj.type);
    if (info.kind === "array")
      return { kind: "index", object: obj, index: idx, of: "array", type: info.elem, span };
    if (obj.type === T2.string)
      return { kind: "index", object: obj, index: idx, of: "string", type: T2.u8, span };
    if (!this.isErr(obj.type))
      this.rep("E1231", obj.span, `a \`${this.tn(obj.type)}\` cannot be indexed`, {
        help: "only arrays and strings support `[i]`"
      });
    return this.err(span);
  }
  unary(e) {
    const s = this.s;
    const span = this.sp(e);
    if (e.op === "-" && e.operand.kind === "IntLit" && e.operand.suffix) {
      const p2 = e.operand.suffix;
      const v = -e.operand.value;
      const [lo, hi] = intRange(p2);
      if (!isSigned(p2)) this.rep("E1210", span, `\`-\` cannot apply to an unsigned \`${p2}\``);
      else if (v < lo || v > hi) this.rep("E1223", span, `${v} does not fit in \`${p2}\``);
      return { kind: "int", value: v, type: T2[p2], span };
    }
    const x = this.expr(e.operand, void 0);
    if (this.isErr(x.type)) return this.err(span);
    const p = primOf(s.types, x.type);
    if (e.op === "!") {
      if (x.type !== T2.bool) {
        this.rep("E1210", span, `\`!\` needs a \`bool\`, found \`${this.tn(x.type)}\``, {
          help: "compare explicitly, e.g. `x == 0`"
        });
        return this.err(span);
      }
      return { kind: "unary", op: "not", operand: x, type: T2.bool, span };
    }
    if (s.types.get(x.type).kind === "param") {
      this.rep("E1235", span, `\`-\` is not available on type parameter \`${this.tn(x.type)}\``);
      return this.err(span);
    }
    if (!p || !(isFloatPrim(p) || isIntPrim(p) && isSigned(p))) {
      this.rep("E1210", span, `\`-\` needs a signed integer or a float, found \`${this.tn(x.type)}\``);
      return this.err(span);
    }
    return { kind: "unary", op: "neg", operand: x, type: x.type, span };
  }
  binary(e, expected) {
    const s = this.s;
    const span = this.sp(e);
    if (e.op === "&&" || e.op === "||") {
      const l2 = this.expr(e.left, T2.bool);
      const saved = this.snap(this.unassigned);
      const r2 = this.expr(e.right, T2.bool);
      this.unassigned = saved;
      for (const x of [l2, r2])
        if (x.type !== T2.bool && !this.isErr(x.type))
          this.rep("E1209", x.span, `\`${e.op}\` needs \`bool\` operands, found \`${this.tn(x.type)}\``);
      return { kind: "logical", op: e.op === "&&" ? "and" : "or", left: l2, right: r2, type: T2.bool, span };
    }
    const isShift = e.op === "<<" || e.op === ">>";
    const lc = this.isConst(e.left);
    const rc = this.isConst(e.right);
    let l;
    let r;
    const numericOrUndef = (t3) => isIntPrim(primOf(s.types, t3) ?? "bool") || isFloatPrim(primOf(s.types, t3) ?? "bool") ? t3 : void 0;
    if (isShift) {
      l = this.expr(e.left, lc ? numericOrUndef(expected ?? T2.error) : void 0);
      r = this.expr(e.right, rc ? T2.i32 : void 0);
    } else if (lc && !rc) {
      r = this.expr(e.right, void 0);
      l = this.constant(e.left, numericOrUndef(r.type));
    } else if (rc && !lc) {
      l = this.expr(e.left, void 0);
      r = this.constant(e.right, numericOrUndef(l.type));
    } else if (this.isContextDependent(e.left) && !this.isContextDependent(e.right)) {
      r = this.expr(e.right, void 0);
      l = this.expr(e.left, r.type);
    } else if (this.isContextDependent(e.right) && !this.isContextDependent(e.left)) {
      l = this.expr(e.left, void 0);
      r = this.expr(e.right, l.type);
    } else {
      l = this.expr(e.left, void 0);
      r = this.expr(e.right, void 0);
    }
    if (this.isErr(l.type) || this.isErr(r.type)) return this.err(span);
    const lp = primOf(s.types, l.type);
    const rp = primOf(s.types, r.type);
    const lk = s.types.get(l.type).kind;
    const rk = s.types.get(r.type).kind;
    const bad = (help) => {
      const param = lk === "param" || rk === "param";
      this.rep(
        param ? "E1235" : "E1209",
        span,
        `\`${e.op}\` cannot combine \`${this.tn(l.type)}\` and \`${this.tn(r.type)}\``,
        help ? { help } : void 0
      );
      return this.err(span);
    };
    if (e.op === "+" && (l.type === T2.string || r.type === T2.string)) {
      const lt = this.toText(l);
      const rt = this.toText(r);
      if (this.isErr(lt.type) || this.isErr(rt.type)) return this.err(span);
      return { kind: "concat", left: lt, right: rt, type: T2.string, span };
    }
    if (e.op === "===" || e.op === "!==") {
      const heap = (k, t3) => k !== "prim" || t3 === T2.string;
      if (l.type !== r.type || !heap(lk, l.type))
        return bad("`===` compares heap values of one type; use `==` for values");
      return {
        kind: "binary",
        op: e.op === "===" ? "id_eq" : "id_ne",
        left: l,
        right: r,
        operandType: l.type,
        type: T2.bool,
        span
      };
    }
    const numeric = lp && rp && (isIntPrim(lp) || isFloatPrim(lp)) && (isIntPrim(rp) || isFloatPrim(rp));
    if (e.op === "==" || e.op === "!=") {
      const op2 = e.op === "==" ? "eq" : "ne";
      if (numeric) {
        const c3 = this.common(l, r, span);
        if (!c3) return this.err(span);
        return { kind: "binary", op: op2, left: c3.l, right: c3.r, operandType: c3.t, type: T2.bool, span };
      }
      if (l.type !== r.type) {
        if (l.type === T2.never || r.type === T2.never)
          return {
            kind: "binary",
            op: op2,
            left: l,
            right: r,
            operandType: l.type === T2.never ? r.type : l.type,
            type: T2.bool,
            span
          };
        return bad("both sides must have the same type");
      }
      return { kind: "binary", op: op2, left: l, right: r, operandType: l.type, type: T2.bool, span };
    }
    const cmp = CMP[e.op];
    if (cmp) {
      if (l.type === T2.char && r.type === T2.char)
        return { kind: "binary", op: cmp, left: l, right: r, operandType: T2.char, type: T2.bool, span };
      if (!numeric)
        return bad(
          lp === "string" || rp === "string" ? "strings have no ordering; compare bytes with the corelib" : void 0
        );
      const c3 = this.common(l, r, span);
      if (!c3) return this.err(span);
      return { kind: "binary", op: cmp, left: c3.l, right: c3.r, operandType: c3.t, type: T2.bool, span };
    }
    const op = ARITH[e.op];
    if (isShift) {
      if (!lp || !rp || !isIntPrim(lp) || !isIntPrim(rp)) return bad("shifts need integer operands");
      return { kind: "binary", op, left: l, right: r, operandType: l.type, type: l.type, span };
    }
    if (!numeric) return bad();
    if ((op === "band" || op === "bor") && (!isIntPrim(lp) || !isIntPrim(rp)))
      return bad("`&` and `|` need integers");
    const c2 = this.common(l, r, span);
    if (!c2) return this.err(span);
    return { kind: "binary", op, left: c2.l, right: c2.r, operandType: c2.t, type: c2.t, span };
  }
  /** Convert two numeric operands to their common type (E1224 if none; W1203 on int with float). */
  common(l, r, span) {
    const s = this.s;
    const lp = primOf(s.types, l.type);
    const rp = primOf(s.types, r.type);
    const c2 = commonNumeric(lp, rp);
    if (!c2) {
      this.rep("E1224", span, `\`${lp}\` and \`${rp}\` have no common type`, {
        help: "make one operand the other's type first"
      });
      return void 0;
    }
    const t3 = T2[c2];
    const conv = (x) => x.type === t3 ? x : { kind: "convert", operand: x, conv: this.conversion(x, x.type, t3, true), type: t3, span: x.span };
    return { l: conv(l), r: conv(r), t: t3 };
  }
  // ---- assignment ------------------------------------------------------------------------
  assign(e) {
    const s = this.s;
    const span = this.sp(e);
    const tgt = e.target;
    let lv;
    let ttype = T2.error;
    let localId;
    if (tgt.kind === "Name") {
      const f = this.lookup(tgt.name.text, this.sp(tgt));
      if (!f) {
        this.unknownName(tgt.name.text, this.sp(tgt), "E1101");
        this.expr(e.value, void 0);
        return this.err(span);
      }
      if (f.kind === "local") {
        lv = { kind: "local", local: f.local };
        ttype = s.locals[f.local].type;
        localId = f.local;
      } else if (f.kind === "field") {
        const self = { kind: "local", local: f.thisLocal, type: f.recvType, span: this.sp(tgt) };
        if (f.field.kind === "event") return this.eventSub(self, f.field, f.recvType, e, span);
        lv = { kind: "field", object: self, field: f.field.index };
        ttype = f.field.type;
      } else {
        this.rep("E1226", this.sp(tgt), `\`${tgt.name.text}\` is not a variable or field`);
        this.expr(e.value, void 0);
        return this.err(span);
      }
    } else if (tgt.kind === "MemberAccess") {
      const obj = this.expr(tgt.object, void 0);
      const info = s.types.get(obj.type);
      if (info.kind === "record") {
        const field = s.records[info.decl].fields.find((f) => f.name === tgt.name.text);
        if (field) {
          const fi = this.instField(field, obj.type);
          if (fi.kind === "event") return this.eventSub(obj, fi, obj.type, e, span);
          lv = { kind: "field", object: obj, field: fi.index };
          ttype = fi.type;
        }
      }
      if (!lv) {
        this.fieldRead(obj, tgt.name, this.sp(tgt));
        this.expr(e.value, void 0);
        return this.err(span);
      }
    } else if (tgt.kind === "Index") {
      const x = this.index(tgt);
      if (x.kind === "index") {
        if (x.of === "string") {
          this.rep("E1227", this.sp(tgt), "a byte of a `string` cannot be assigned", {
            help: "build a new string instead (e.g. with `+` or the corelib's `Core.String` functions)"
          });
          this.expr(e.value, void 0);
          return this.err(span);
        }
        lv = { kind: "index", object: x.object, index: x.index };
        ttype = x.type;
      } else {
        this.expr(e.value, void 0);
        return this.err(span);
      }
    } else if (tgt.kind === "Paren") {
      return this.assign({ ...e, target: tgt.expr });
    } else {
      this.rep("E1226", this.sp(tgt), "this expression cannot be assigned to", {
        help: "assign to a local, a field `x.f` or an element `a[i]`"
      });
      this.expr(e.value, void 0);
      return this.err(span);
    }
    let value;
    let compound;
    const holder = tgt.kind === "Name" ? `\`${tgt.name.text}\` holds` : tgt.kind === "MemberAccess" ? `field \`${tgt.name.text}\` holds` : "the array holds";
    if (e.op === "=") value = this.exprAt(e.value, ttype, "other", holder);
    else {
      if (s.types.get(ttype).kind === "fn") {
        this.rep("E1221", span, `\`${e.op}\` with a function value only works on events`);
        this.expr(e.value, void 0);
        return this.err(span);
      }
      if (ttype === T2.string) {
        if (e.op === "-=") {
          this.rep("E1209", span, "`-=` does not apply to strings");
          return this.err(span);
        }
        value = this.toText(this.expr(e.value, void 0));
        compound = "concat";
      } else if (isIntPrim(primOf(s.types, ttype) ?? "bool") || isFloatPrim(primOf(s.types, ttype) ?? "bool")) {
        value = this.exprAt(e.value, ttype, "other");
        compound = "num";
      } else {
        if (!this.isErr(ttype))
          this.rep("E1209", span, `\`${e.op}\` needs a number or a string, found \`${this.tn(ttype)}\``);
        this.expr(e.value, void 0);
        return this.err(span);
      }
    }
    if (localId !== void 0) {
      const l = s.locals[localId];
      if (e.op !== "=" && this.unassigned.has(localId)) this.readLocal(localId, this.sp(tgt));
      const firstInit = e.op === "=" && this.unassigned.has(localId);
      if (!l.mutable && !firstInit)
        this.rep("W1214", this.sp(tgt), `\`${l.name}\` is not declared \`mut\` but is reassigned`, {
          help: l.kind === "param" ? `declare the parameter \`mut ${this.tn(l.type)} ${l.name}\`` : this.letLocals.has(localId) ? `declare it \`let mut ${l.name}\`` : `declare it \`mut ${this.tn(l.type)} ${l.name}\``
        });
      this.unassigned.delete(localId);
    }
    return { kind: "assign", op: e.op, target: lv, value, compound, type: ttype, span };
  }
  eventSub(obj, field, _rt, e, span) {
    const s = this.s;
    if (e.op === "=") {
      this.rep("E1226", this.sp(e.target), `event \`${field.name}\` cannot be assigned`, {
        help: "subscribe with `+=` or unsubscribe with `-=`"
      });
      this.expr(e.value, void 0);
      return this.err(span);
    }
    const handler = this.exprAt(e.value, s.types.fn(field.params, T2.unit), "other", "a handler must be");
    return { kind: "event_sub", op: e.op, object: obj, field: field.index, handler, type: T2.unit, span };
  }
  // ---- lambdas ---------------------------------------------------------------------------
  lambda(e, expected) {
    const s = this.s;
    const span = this.sp(e);
    const exp = expected !== void 0 ? s.types.get(expected) : void 0;
    const expFn = exp && exp.kind === "fn" ? exp : void 0;
    if (expFn && expFn.params.length !== e.params.length) {
      this.rep(
        "E1204",
        span,
        `this lambda takes ${e.params.length} parameter${e.params.length === 1 ? "" : "s"}, but \`${this.tn(expected)}\` passes ${expFn.params.length}`
      );
      return this.err(span);
    }
    const hole = (t3) => this.inferVars.size > 0 && mentionsParam(s.types, t3, this.inferVars);
    const outer = this.ctx;
    const root = s.functions[outer.func];
    const id = s.functions.length;
    outer.lambdaCount++;
    s.functions.push({
      id,
      kind: "lambda",
      name: `lambda#${outer.lambdaCount}`,
      qualifiedName: `${root.qualifiedName}::lambda#${outer.lambdaCount}`,
      module: outer.module,
      isPub: false,
      typeParams: [],
      params: [],
      paramTypes: [],
      ret: T2.unit,
      receiver: void 0,
      body: void 0,
      locals: [],
      captures: [],
      parent: outer.func,
      isEntry: false,
      file: outer.file,
      span: this.full(span),
      nameSpan: this.full(span)
    });
    let ret = expFn && !hole(expFn.ret) ? expFn.ret : void 0;
    const ctx = {
      func: id,
      file: outer.file,
      module: outer.module,
      typeScope: outer.typeScope,
      ret,
      inferredReturns: [],
      entryLike: false,
      outer,
      scopes: [{ names: /* @__PURE__ */ new Map(), stmts: void 0, pos: 0 }],
      loops: [],
      receiver: void 0,
      captures: [],
      locals: [],
      lambdaCount: 0
    };
    this.ctx = ctx;
    const paramTypes = [];
    const params = [];
    e.params.forEach((p, i) => {
      let t3;
      if (p.type) t3 = this.resolveType(p.type);
      else if (expFn && !hole(expFn.params[i])) t3 = expFn.params[i];
      else {
        this.rep(
          "E1202",
          this.sp(p),
          `cannot infer the type of lambda parameter \`${p.name?.text ?? "_"}\``,
          { help: "write its type: `(i64 x) => \u2026`" }
        );
        t3 = T2.error;
      }
      if (p.type && expFn && !hole(expFn.params[i]) && t3 !== expFn.params[i] && !this.isErr(t3))
        this.rep(
          "E1206",
          this.sp(p),
          `parameter type \`${this.tn(t3)}\` differs from the expected \`${this.tn(expFn.params[i])}\``
        );
      paramTypes.push(t3);
      params.push(this.newLocal(p.name?.text ?? "_", t3, "param", false, this.sp(p), p.name !== void 0));
    });
    const savedUnassigned = this.unassigned;
    this.unassigned = this.snap(savedUnassigned);
    const body = this.functionBody(
      e.body.kind === "Block" ? e.body : e.body,
      ret,
      this.sp(e.body),
      span,
      "lambda"
    );
    this.unassigned = savedUnassigned;
    if (ret === void 0) {
      const rs = ctx.inferredReturns.filter((t3) => t3 !== T2.never);
      if (e.body.kind === "Block")
        ret = rs.length === 0 ? body.diverges && ctx.inferredReturns.length > 0 ? T2.never : T2.unit : this.commonOf(rs, span);
      else ret = ctx.inferredReturns[0] ?? T2.unit;
    }
    this.ctx = outer;
    const f = s.functions[id];
    f.params = params;
    f.paramTypes = paramTypes;
    f.ret = ret;
    f.body = body;
    f.locals = ctx.locals;
    f.captures = ctx.captures;
    return { kind: "lambda", func: id, type: s.types.fn(paramTypes, ret), span };
  }
  commonOf(ts, span) {
    const s = this.s;
    let t3 = ts[0];
    for (const u of ts.slice(1)) {
      if (u === t3) continue;
      const a = primOf(s.types, t3);
      const b = primOf(s.types, u);
      const c2 = a && b ? commonNumeric(a, b) : void 0;
      if (!c2) {
        this.rep(
          "E1305",
          span,
          `the returned values have different types: \`${this.tn(t3)}\` and \`${this.tn(u)}\``
        );
        return T2.error;
      }
      t3 = T2[c2];
    }
    return t3;
  }
  // ---- `?` -------------------------------------------------------------------------------
  tryExpr(e) {
    const s = this.s;
    const span = this.sp(e);
    const x = this.expr(e.operand, void 0);
    if (this.isErr(x.type)) return this.err(span);
    const info = s.types.get(x.type);
    const en = info.kind === "enum" ? s.enums[info.decl] : void 0;
    if (!en || !en.shape) {
      this.rep("E1222", x.span, `\`?\` needs a Result or an Option, found \`${this.tn(x.type)}\``);
      return this.err(span);
    }
    const map = this.paramMap(en.typeParams, info.kind === "enum" ? info.args : []);
    const succ = en.variants.findIndex((v) => v.name === (en.shape === "result" ? "Ok" : "Some"));
    const fail2 = en.variants.findIndex((v) => v.name === (en.shape === "result" ? "Error" : "None"));
    const valueType = substitute(s.types, en.variants[succ].fields[0].type, map);
    const base = {
      kind: "try",
      operand: x,
      shape: en.shape,
      successVariant: succ,
      failVariant: fail2,
      type: valueType,
      span
    };
    if (this.ctx.entryLike)
      return {
        ...base,
        mode: "panic",
        returnType: void 0,
        returnVariant: void 0,
        errorConv: void 0
      };
    const ret = this.ctx.ret;
    if (ret === void 0) {
      this.rep("E1701", span, "`?` in a lambda whose return type is not known", {
        help: "give the lambda an expected function type that returns a Result or an Option"
      });
      return this.err(span);
    }
    if (this.isErr(ret)) return this.err(span);
    const ri = s.types.get(ret);
    const ren = ri.kind === "enum" ? s.enums[ri.decl] : void 0;
    if (!ren || !ren.shape) {
      this.rep("E1701", span, `\`?\` returns early, but this function returns \`${this.tn(ret)}\``, {
        help: `make it return \`${en.shape === "result" ? "Result<\u2026, \u2026>" : "Option<\u2026>"}\`, or handle the value with \`match\``
      });
      return this.err(span);
    }
    if (ren.shape !== en.shape) {
      this.rep(
        "E1703",
        span,
        `\`?\` on ${en.shape === "result" ? "a Result" : "an Option"} in a function returning ${ren.shape === "result" ? "a Result" : "an Option"}`,
        { help: "convert it with `match` first" }
      );
      return this.err(span);
    }
    if (ren.id !== en.id) {
      this.rep(
        "E1701",
        span,
        `\`?\` on \`${this.tn(x.type)}\` in a function returning \`${this.tn(ret)}\`, a different declaration`
      );
      return this.err(span);
    }
    const retVariant = ren.variants.findIndex((v) => v.name === (en.shape === "result" ? "Error" : "None"));
    let errorConv;
    if (en.shape === "result") {
      const from = substitute(s.types, en.variants[fail2].fields[0].type, map);
      const rmap = this.paramMap(ren.typeParams, ri.kind === "enum" ? ri.args : []);
      const to = substitute(s.types, ren.variants[retVariant].fields[0].type, rmap);
      if (from !== to) {
        const fp = primOf(s.types, from);
        const tp = primOf(s.types, to);
        const silent = fp && tp ? widens(fp, tp) : s.types.get(to).kind === "contract";
        const conv = silent ? this.conversion(x, from, to, false) : void 0;
        if (!conv) {
          this.rep(
            "E1702",
            span,
            `the error type \`${this.tn(from)}\` does not convert to this function's error type \`${this.tn(to)}\``,
            { help: "map the error with `match` first" }
          );
          return this.err(span);
        }
        errorConv = conv;
      }
    }
    return { ...base, mode: "return", returnType: ret, returnVariant: retVariant, errorConv };
  }
  // ---- enum values, struct and array literals --------------------------------------------
  enumValue(e, expected) {
    const s = this.s;
    const span = this.sp(e);
    const segs = e.enumName.segments;
    const sym = this.c.resolveTypeSym(
      segs,
      { module: this.ctx.module, file: this.ctx.file },
      "E1201",
      e.enumName
    );
    if (!sym) {
      for (const a of e.args ?? []) this.expr(a, void 0);
      return this.err(span);
    }
    if (sym.kind !== "enum") {
      this.rep(
        "E1301",
        this.sp(e.enumName),
        `\`${segs.map((x) => x.name.text).join(".")}\` is a ${symKindName(sym)}, not an enum`,
        {
          help: sym.kind === "record" ? "build a record with `T { field: value }`" : void 0
        }
      );
      for (const a of e.args ?? []) this.expr(a, void 0);
      return this.err(span);
    }
    const en = s.enums[sym.id];
    const vi = en.variants.findIndex((v2) => v2.name === e.variant.text);
    if (vi < 0) {
      this.rep("E1301", this.sp(e.variant), `\`${en.name}\` has no variant \`${e.variant.text}\``, {
        help: this.suggestFrom(
          e.variant.text,
          en.variants.map((v2) => v2.name)
        ) ?? `its variants: ${en.variants.map((v2) => v2.name).join(", ")}`
      });
      for (const a of e.args ?? []) this.expr(a, void 0);
      return this.err(span);
    }
    const v = en.variants[vi];
    const args = e.args ?? [];
    if (e.args === void 0 && v.fields.length > 0 || args.length !== v.fields.length) {
      this.rep(
        "E1302",
        span,
        `\`${en.name}::${v.name}\` takes ${v.fields.length} value${v.fields.length === 1 ? "" : "s"}, found ${args.length}`,
        {
          help: `write \`${en.name}::${v.name}(${v.fields.map((f) => f.name).join(", ")})\``
        }
      );
      for (const a of args) this.expr(a, void 0);
      return this.err(span);
    }
    const last = segs[segs.length - 1];
    const vars = new Set(en.typeParams);
    const bindings = /* @__PURE__ */ new Map();
    if (last.typeArgs) {
      const ta = last.typeArgs.map((t3) => this.resolveType(t3));
      if (ta.length !== en.typeParams.length) {
        this.rep(
          "E1204",
          this.sp(last),
          `\`${en.name}\` takes ${en.typeParams.length} type arguments, found ${ta.length}`
        );
        return this.err(span);
      }
      en.typeParams.forEach((p, i) => bindings.set(p, ta[i]));
    } else if (en.typeParams.length > 0 && expected !== void 0) {
      const ei = s.types.get(expected);
      if (ei.kind === "enum" && ei.decl === en.id)
        en.typeParams.forEach((p, i) => bindings.set(p, ei.args[i]));
    }
    const targs = this.inferArgs(
      v.fields.map((f) => f.type),
      args,
      vars.size > 0 && bindings.size < vars.size ? vars : /* @__PURE__ */ new Set(),
      bindings,
      void 0,
      void 0
    );
    const missing = en.typeParams.filter((p) => !bindings.has(p));
    if (missing.length > 0) {
      this.rep(
        "E1203",
        span,
        `cannot infer ${missing.map((p) => `\`${s.typeParams[p].name}\``).join(", ")} for \`${en.name}::${v.name}\``,
        {
          help: `declare the expected type (\`${en.name}<\u2026> x = \u2026\`) or write \`${en.name}<\u2026>::${v.name}\``
        }
      );
      return this.err(span);
    }
    const type = s.types.enumT(
      en.id,
      en.typeParams.map((p) => bindings.get(p))
    );
    return { kind: "enum_new", variant: vi, args: targs, type, span };
  }
  structLit(e, expected) {
    const s = this.s;
    const span = this.sp(e);
    const segs = e.typeName.segments;
    const sym = this.c.resolveTypeSym(
      segs,
      { module: this.ctx.module, file: this.ctx.file },
      "E1201",
      e.typeName
    );
    const checkAll = () => {
      for (const f of e.fields) this.expr(f.value, void 0);
      return this.err(span);
    };
    if (!sym) return checkAll();
    if (sym.kind !== "record") {
      this.rep(
        "E1206",
        this.sp(e.typeName),
        `\`${segs.map((x) => x.name.text).join(".")}\` is a ${symKindName(sym)}; only records are built with \`{ \u2026 }\``,
        {
          help: sym.kind === "enum" ? "write `Enum::Variant(\u2026)`" : void 0
        }
      );
      return checkAll();
    }
    const r = s.records[sym.id];
    const given = /* @__PURE__ */ new Map();
    const order = [];
    for (const fi of e.fields) {
      const field = r.fields.find((f) => f.name === fi.name.text);
      if (!field || field.kind === "event") {
        this.rep(
          "E1211",
          this.sp(fi.name),
          field ? `event \`${fi.name.text}\` cannot be given a value` : `\`${r.name}\` has no field \`${fi.name.text}\``,
          {
            help: field ? "events start empty; subscribe with `+=`" : this.suggestFrom(
              fi.name.text,
              r.fields.filter((f) => !given.has(f.name)).map((f) => f.name)
            )
          }
        );
        this.expr(fi.value, void 0);
        continue;
      }
      if (given.has(fi.name.text)) {
        this.rep("E1211", this.sp(fi.name), `field \`${fi.name.text}\` is given twice`);
        this.expr(fi.value, void 0);
        continue;
      }
      given.set(fi.name.text, fi);
      order.push({ field, init: fi });
    }
    const missing = r.fields.filter((f) => f.kind === "value" && !given.has(f.name));
    if (missing.length > 0)
      this.rep(
        "E1212",
        this.sp(e.typeName),
        `\`${r.name}\` needs ${missing.map((f) => `\`${f.name}\``).join(", ")}`,
        {
          help: `add ${missing.map((f) => `\`${f.name}: \u2026\``).join(", ")}`
        }
      );
    const last = segs[segs.length - 1];
    const bindings = /* @__PURE__ */ new Map();
    if (last.typeArgs) {
      const ta = last.typeArgs.map((t3) => this.resolveType(t3));
      if (ta.length !== r.typeParams.length) {
        this.rep(
          "E1204",
          this.sp(last),
          `\`${r.name}\` takes ${r.typeParams.length} type arguments, found ${ta.length}`
        );
        return checkAll();
      }
      r.typeParams.forEach((p, i) => bindings.set(p, ta[i]));
    } else if (r.typeParams.length > 0 && expected !== void 0) {
      const ei = s.types.get(expected);
      if (ei.kind === "record" && ei.decl === r.id)
        r.typeParams.forEach((p, i) => bindings.set(p, ei.args[i]));
    }
    const vars = r.typeParams.length > 0 && bindings.size < r.typeParams.length ? new Set(r.typeParams) : /* @__PURE__ */ new Set();
    const values = this.inferArgs(
      order.map((o) => o.field.kind === "value" ? o.field.type : T2.error),
      order.map((o) => o.init.value),
      vars,
      bindings,
      void 0,
      void 0,
      // A field initialiser is not an argument (E1206, §5.4), and the message names the field.
      (i) => `field \`${order[i].field.name}\` of \`${r.name}\` expects`,
      "other"
    );
    const unbound = r.typeParams.filter((p) => !bindings.has(p));
    if (unbound.length > 0) {
      this.rep(
        "E1203",
        this.sp(e.typeName),
        `cannot infer ${unbound.map((p) => `\`${s.typeParams[p].name}\``).join(", ")} for \`${r.name}\``,
        {
          help: `write \`${r.name}<\u2026> { \u2026 }\` or declare the expected type`
        }
      );
      return this.err(span);
    }
    const type = s.types.record(
      r.id,
      r.typeParams.map((p) => bindings.get(p))
    );
    return {
      kind: "record_new",
      fields: order.map((o, i) => ({ field: o.field.index, value: values[i] })),
      type,
      span
    };
  }
  arrayLit(e, expected) {
    const s = this.s;
    const span = this.sp(e);
    const ei = expected !== void 0 ? s.types.get(expected) : void 0;
    if (ei && ei.kind === "array") {
      const elements2 = e.elements.map((x) => this.exprAt(x, ei.elem, "other"));
      return { kind: "array_lit", elem: ei.elem, elements: elements2, type: expected, span };
    }
    if (e.elements.length === 0) {
      this.rep("E1228", span, "cannot infer the element type of `[]`", {
        help: "declare the type: `i64[] xs = [];`"
      });
      return this.err(span);
    }
    const typed = e.elements.map(
      (x) => this.isConst(x) ? void 0 : this.expr(x, void 0)
    );
    const known = typed.filter((x) => x !== void 0 && !this.isErr(x.type));
    let elem;
    if (known.length > 0) {
      elem = known[0].type;
      for (const x of known.slice(1)) {
        if (x.type === elem || x.type === T2.never) continue;
        const a = primOf(s.types, elem);
        const b = primOf(s.types, x.type);
        const c2 = a && b && (isIntPrim(a) || isFloatPrim(a)) && (isIntPrim(b) || isFloatPrim(b)) ? commonNumeric(a, b) : void 0;
        if (!c2) {
          this.rep(
            "E1228",
            x.span,
            `array elements have no common type: \`${this.tn(elem)}\` and \`${this.tn(x.type)}\``
          );
          return this.err(span);
        }
        elem = T2[c2];
      }
    }
    const consts = e.elements.filter((_, i) => typed[i] === void 0);
    if (elem === void 0) {
      let c2 = T2.i32;
      for (const x of consts) {
        const t3 = this.constant(x, void 0).type;
        const cp = commonNumeric(primOf(s.types, c2), primOf(s.types, t3) ?? "i32");
        if (cp) c2 = T2[cp];
      }
      elem = c2;
    } else if (consts.length > 0 && !isIntPrim(primOf(s.types, elem) ?? "bool") && !isFloatPrim(primOf(s.types, elem) ?? "bool")) {
      this.rep("E1228", span, `array elements have no common type: \`${this.tn(elem)}\` and a number`);
      return this.err(span);
    }
    const final = elem;
    const elements = e.elements.map(
      (x, i) => this.coerce(typed[i] ?? this.constant(x, final), final, "other")
    );
    return { kind: "array_lit", elem, elements, type: s.types.array(elem), span };
  }
  // ---- match -----------------------------------------------------------------------------
  match(e, expected, asStmt) {
    const s = this.s;
    const span = this.sp(e);
    const scrut = this.expr(e.scrutinee, void 0);
    if (e.arms.length === 0) {
      this.rep("E1154", span, "a `match` needs at least one arm", { help: "add `_ => \u2026`" });
      return this.err(span);
    }
    const before = this.unassigned;
    const afterSets = [];
    const arms = [];
    const errorsBefore = this.s.diagnostics.length;
    const bodies = [];
    for (const arm of e.arms) {
      this.unassigned = this.snap(before);
      this.ctx.scopes.push({ names: /* @__PURE__ */ new Map(), stmts: void 0, pos: 0 });
      const bindings = [];
      const pattern = this.pattern(arm.pattern, scrut.type, bindings, /* @__PURE__ */ new Set());
      let guard;
      if (arm.guard) {
        guard = this.expr(arm.guard, T2.bool);
        if (guard.type !== T2.bool && !this.isErr(guard.type))
          this.rep("E1308", guard.span, `a guard must be \`bool\`, found \`${this.tn(guard.type)}\``);
      }
      let body;
      if (asStmt) body = this.expr(arm.body, void 0);
      else if (expected !== void 0) body = this.exprAt(arm.body, expected, "other");
      else body = this.expr(arm.body, void 0);
      this.ctx.scopes.pop();
      bodies.push(body);
      arms.push({ pattern, guard, body, bindings, span: this.sp(arm) });
      if (body.type !== T2.never) afterSets.push(this.unassigned);
    }
    this.unassigned = afterSets.length === 0 ? /* @__PURE__ */ new Set() : union(afterSets);
    const patternErrors = this.s.diagnostics.slice(errorsBefore).some((d) => d.severity === "error" && /^(E130[1679]|E1201|E1108|E1107)$/.test(d.code));
    if (!this.isErr(scrut.type) && !patternErrors) checkExhaustive(s, this.ctx.file, scrut.type, arms, span);
    let type;
    if (asStmt) type = arms.every((a) => a.body.type === T2.never) ? T2.never : T2.unit;
    else if (expected !== void 0) type = expected;
    else {
      const live = bodies.filter((b) => b.type !== T2.never && !this.isErr(b.type));
      if (live.length === 0) type = bodies.some((b) => this.isErr(b.type)) ? T2.error : T2.never;
      else {
        type = live[0].type;
        for (const b of live.slice(1)) {
          if (b.type === type) continue;
          const a = primOf(s.types, type);
          const c2 = primOf(s.types, b.type);
          const cm = a && c2 && (isIntPrim(a) || isFloatPrim(a)) && (isIntPrim(c2) || isFloatPrim(c2)) ? commonNumeric(a, c2) : void 0;
          if (!cm) {
            this.rep(
              "E1305",
              b.span,
              `this arm gives \`${this.tn(b.type)}\`, an earlier arm gives \`${this.tn(type)}\``,
              { help: "make every arm produce the same type" }
            );
            type = T2.error;
            break;
          }
          type = T2[cm];
        }
        if (!this.isErr(type)) {
          const final = type;
          arms.forEach((a, i) => {
            if (a.body.type !== final && a.body.type !== T2.never)
              arms[i].body = this.coerce(a.body, final, "other");
          });
        }
      }
    }
    return { kind: "match", scrutinee: scrut, arms, type, span };
  }
  pattern(p, type, bindings, names) {
    const s = this.s;
    const span = this.sp(p);
    switch (p.kind) {
      case "WildcardPattern":
      case "ErrorPattern":
        return { kind: "wildcard", type, span };
      case "BindingPattern": {
        const name = p.name.text;
        if (names.has(name)) this.rep("E1306", span, `\`${name}\` is bound twice in this pattern`);
        names.add(name);
        const info = s.types.get(type);
        if (info.kind === "enum") {
          const en = s.enums[info.decl];
          if (en.variants.some((v) => v.name === name))
            this.rep("W1311", span, `\`${name}\` binds any value; it does not match the variant`, {
              help: `did you mean \`${en.name}::${name}\`?`
            });
        }
        const id = this.newLocal(name, type, "binding", false, span);
        bindings.push(id);
        return { kind: "bind", local: id, type, span };
      }
      case "LiteralPattern": {
        const lit = p.literal;
        const tp = primOf(s.types, type);
        const fail2 = (what) => {
          if (!this.isErr(type))
            this.rep("E1309", span, `a ${what} pattern cannot match a \`${this.tn(type)}\``);
          return { kind: "wildcard", type, span };
        };
        switch (lit.kind) {
          case "IntLit": {
            if (!tp || !(isIntPrim(tp) || isFloatPrim(tp))) return fail2("number");
            const v = p.negative ? -lit.value : lit.value;
            if (isFloatPrim(tp)) return { kind: "literal", value: Number(v), literal: "float", type, span };
            if (lit.suffix && T2[lit.suffix] !== type) return fail2(lit.suffix);
            const [lo, hi] = intRange(tp);
            if (v < lo || v > hi) this.rep("E1223", span, `${v} does not fit in \`${tp}\``);
            return { kind: "literal", value: v, literal: "int", type, span };
          }
          case "FloatLit":
            if (!tp || !isFloatPrim(tp)) return fail2("float");
            return {
              kind: "literal",
              value: p.negative ? -lit.value : lit.value,
              literal: "float",
              type,
              span
            };
          case "CharLit":
            if (type !== T2.char) return fail2("char");
            return { kind: "literal", value: lit.value, literal: "char", type, span };
          case "StringLit":
            if (type !== T2.string) return fail2("string");
            return { kind: "literal", value: lit.value, literal: "string", type, span };
          case "BoolLit":
            if (type !== T2.bool) return fail2("bool");
            return { kind: "literal", value: lit.value, literal: "bool", type, span };
        }
        return fail2("literal");
      }
      case "EnumPattern": {
        const sym = this.c.resolveTypeSym(
          p.enumName.segments,
          { module: this.ctx.module, file: this.ctx.file },
          "E1201",
          p.enumName
        );
        const sub = (ts) => (p.args ?? []).map((a, i) => this.pattern(a, ts[i] ?? T2.error, bindings, names));
        if (!sym) {
          sub([]);
          return { kind: "wildcard", type, span };
        }
        const info = s.types.get(type);
        if (sym.kind !== "enum") {
          this.rep(
            "E1301",
            this.sp(p.enumName),
            `\`${p.enumName.segments.map((x) => x.name.text).join(".")}\` is not an enum`
          );
          sub([]);
          return { kind: "wildcard", type, span };
        }
        const en = s.enums[sym.id];
        if (info.kind !== "enum" || info.decl !== en.id) {
          if (!this.isErr(type))
            this.rep("E1309", span, `a \`${en.name}\` pattern cannot match a \`${this.tn(type)}\``);
          sub([]);
          return { kind: "wildcard", type, span };
        }
        const vi = en.variants.findIndex((v2) => v2.name === p.variant.text);
        if (vi < 0) {
          this.rep("E1301", this.sp(p.variant), `\`${en.name}\` has no variant \`${p.variant.text}\``, {
            help: this.suggestFrom(
              p.variant.text,
              en.variants.map((v2) => v2.name)
            )
          });
          sub([]);
          return { kind: "wildcard", type, span };
        }
        const v = en.variants[vi];
        const map = this.paramMap(en.typeParams, info.args);
        const fieldTypes = v.fields.map((f) => substitute(s.types, f.type, map));
        if (p.args && p.args.length !== fieldTypes.length) {
          this.rep(
            "E1307",
            span,
            `\`${en.name}::${v.name}\` has ${fieldTypes.length} field${fieldTypes.length === 1 ? "" : "s"}, the pattern gives ${p.args.length}`
          );
          sub([]);
          return { kind: "wildcard", type, span };
        }
        return {
          kind: "variant",
          enumType: type,
          variant: vi,
          sub: p.args ? sub(fieldTypes) : void 0,
          type,
          span
        };
      }
    }
  }
  // =======================================================================================
  // Statements.
  block(b) {
    this.ctx.scopes.push({ names: /* @__PURE__ */ new Map(), stmts: void 0, pos: 0 });
    const r = this.stmts(b.statements, this.sp(b), true);
    return r;
  }
  /** Check statements in a new scope (already pushed when `pushed`). */
  stmts(list, span, pushed = false) {
    if (!pushed) this.ctx.scopes.push({ names: /* @__PURE__ */ new Map(), stmts: void 0, pos: 0 });
    const scope = this.ctx.scopes[this.ctx.scopes.length - 1];
    scope.stmts = list;
    const out = [];
    let diverges = false;
    let warned = false;
    for (let i = 0; i < list.length; i++) {
      const st = list[i];
      scope.pos = i;
      if (diverges && !warned) {
        warned = true;
        this.rep("W1403", this.sp(st), "this code can never run", {
          help: "remove it, or the statement before it that always leaves the block"
        });
      }
      const r = this.stmt(st);
      if (!diverges && r.stmt) out.push(r.stmt);
      if (r.diverges) diverges = true;
    }
    this.ctx.scopes.pop();
    if (diverges) this.unassigned = /* @__PURE__ */ new Set();
    return { stmts: out, diverges, span };
  }
  stmt(st) {
    const s = this.s;
    const span = this.sp(st);
    switch (st.kind) {
      case "Local": {
        const l = this.local(st);
        const init = l?.kind === "let" ? l.init : void 0;
        const never = init !== void 0 && (init.type === T2.never || init.kind === "convert" && init.conv.kind === "never");
        return { stmt: l, diverges: never };
      }
      case "Return": {
        const ctx = this.ctx;
        if (ctx.ret === void 0) {
          const v2 = st.value ? this.expr(st.value, void 0) : void 0;
          ctx.inferredReturns.push(v2 ? v2.type : T2.unit);
          return { stmt: { kind: "return", value: v2, span }, diverges: true };
        }
        if (!st.value) {
          if (ctx.ret !== T2.unit && !this.isErr(ctx.ret))
            this.rep(
              "E1207",
              span,
              ctx.ret === T2.never ? "a function returning `never` cannot return" : `\`return;\` in a function that returns \`${this.tn(ctx.ret)}\``,
              {
                help: ctx.ret === T2.never ? void 0 : "return a value: `return \u2026;`"
              }
            );
          return { stmt: { kind: "return", value: void 0, span }, diverges: true };
        }
        if (ctx.ret === T2.never) {
          this.rep("E1207", span, "a function returning `never` cannot return");
          this.expr(st.value, void 0);
          return { stmt: { kind: "return", value: void 0, span }, diverges: true };
        }
        if (ctx.ret === T2.unit) {
          const v2 = this.expr(st.value, void 0);
          if (v2.type !== T2.unit && v2.type !== T2.never && !this.isErr(v2.type))
            this.rep(
              "E1207",
              v2.span,
              `this function returns \`unit\`, but the value is \`${this.tn(v2.type)}\``,
              { help: "remove the value, or declare the return type" }
            );
          return { stmt: { kind: "return", value: v2, span }, diverges: true };
        }
        const v = this.exprAt(st.value, ctx.ret, "return", "the function returns");
        return { stmt: { kind: "return", value: v, span }, diverges: true };
      }
      case "Break":
        if (this.ctx.loops.length === 0) {
          this.rep("E1401", span, "`break` is only valid inside `while` or `for`");
          return { stmt: void 0, diverges: false };
        }
        this.ctx.loops[this.ctx.loops.length - 1].hasBreak = true;
        return { stmt: { kind: "break", span }, diverges: true };
      case "Continue":
        if (this.ctx.loops.length === 0) {
          this.rep("E1402", span, "`continue` is only valid inside `while` or `for`");
          return { stmt: void 0, diverges: false };
        }
        return { stmt: { kind: "continue", span }, diverges: true };
      case "If":
        return this.ifStmt(st);
      case "While": {
        const cond = this.cond(st.condition);
        const before = this.snap(this.unassigned);
        const loop = { hasBreak: false };
        this.ctx.loops.push(loop);
        const body = this.block(st.body);
        this.ctx.loops.pop();
        this.unassigned = before;
        const endless = cond.kind === "bool" && cond.value === true && !loop.hasBreak;
        return { stmt: { kind: "while", cond, body, span }, diverges: endless };
      }
      case "For":
        return { stmt: this.forStmt(st), diverges: false };
      case "BlockStmt": {
        const b = this.block(st.block);
        return { stmt: { kind: "block", block: b, span }, diverges: b.diverges };
      }
      case "ExprStmt": {
        const x = st.expr.kind === "Match" ? this.match(st.expr, void 0, true) : this.expr(st.expr, void 0);
        return { stmt: { kind: "expr", expr: x, span }, diverges: x.type === T2.never };
      }
      case "UnsupportedStmt":
        this.rep("E1230", span, `\`${st.construct}\` statements are not supported by beskid-ci`);
        return { stmt: void 0, diverges: false };
    }
  }
  cond(e) {
    const x = this.expr(e, T2.bool);
    if (x.type !== T2.bool && !this.isErr(x.type)) {
      this.rep("E1208", x.span, `a condition must be \`bool\`, found \`${this.tn(x.type)}\``, {
        help: e.kind === "Assign" && e.op === "=" ? "`=` assigns; compare with `==`" : "compare explicitly, e.g. `x != 0`"
      });
    }
    return x;
  }
  ifStmt(st) {
    const span = this.sp(st);
    const cond = this.cond(st.condition);
    const before = this.snap(this.unassigned);
    const then = this.block(st.then);
    const afterThen = then.diverges ? void 0 : this.unassigned;
    this.unassigned = this.snap(before);
    let els;
    if (st.else) {
      if (st.else.kind === "Block") els = this.block(st.else);
      else {
        const inner = this.ifStmt(st.else);
        els = { stmts: [inner.stmt], diverges: inner.diverges, span: this.sp(st.else) };
      }
    }
    const afterElse = els?.diverges ? void 0 : this.unassigned;
    const sets = [afterThen, afterElse].filter((x) => x !== void 0);
    this.unassigned = sets.length === 0 ? /* @__PURE__ */ new Set() : union(sets);
    return {
      stmt: { kind: "if", cond, then, else: els, span },
      diverges: then.diverges && (els?.diverges ?? false)
    };
  }
  local(st) {
    const s = this.s;
    const span = this.sp(st);
    const name = st.name.text;
    let type;
    let init;
    if (st.form === "typed" && st.type) {
      type = this.resolveType(st.type);
      if (st.init) init = this.exprAt(st.init, type, "other", `\`${name}\` is declared as`);
    } else {
      if (!st.init) return void 0;
      init = this.expr(st.init, void 0);
      type = init.type;
    }
    if (name === "") return void 0;
    const scope = this.ctx.scopes[this.ctx.scopes.length - 1];
    if (scope.names.has(name)) {
      this.rep("E1102", this.sp(st.name), `\`${name}\` is already declared in this block`, {
        help: "rename it, or assign to the existing variable"
      });
    } else this.checkShadow(name, this.sp(st.name));
    const id = this.newLocal(name, type, "local", st.mutable, this.sp(st.name));
    if (st.form === "let") this.letLocals.add(id);
    if (!init) this.unassigned.add(id);
    return { kind: "let", local: id, init, span };
  }
  checkShadow(name, span) {
    const s = this.s;
    for (let c2 = this.ctx; c2; c2 = c2.outer) {
      const n = c2 === this.ctx ? c2.scopes.length - 1 : c2.scopes.length;
      for (let i = 0; i < n; i++)
        if (c2.scopes[i].names.has(name)) {
          this.rep("W1103", span, `\`${name}\` shadows an outer variable`, {
            help: "rename it to keep both visible"
          });
          return;
        }
      if (c2.receiver) {
        const info = s.types.get(c2.receiver.type);
        if (info.kind === "record" && s.records[info.decl].fields.some((f) => f.name === name)) {
          this.rep("W1103", span, `\`${name}\` shadows a field of the receiver`, {
            help: `use \`this.${name}\` for the field, or rename the local`
          });
          return;
        }
      }
    }
    const item = s.scopes[this.ctx.module].items.get(name);
    if (item && !item.use && item.sym.kind !== "module" && item.sym.kind !== "test" && item.sym.kind !== "attribute")
      this.rep("W1103", span, `\`${name}\` shadows the ${symKindName(item.sym)} \`${name}\` of this module`, {
        help: "rename the local to keep the item reachable"
      });
  }
  forStmt(st) {
    const s = this.s;
    const span = this.sp(st);
    const it = st.iterable;
    const before = this.snap(this.unassigned);
    const loopBody = (local2, build2) => {
      const loop = { hasBreak: false };
      this.ctx.loops.push(loop);
      this.ctx.scopes.push({ names: /* @__PURE__ */ new Map([[st.binding.text, local2]]), stmts: void 0, pos: 0 });
      const body = this.block(st.body);
      this.ctx.scopes.pop();
      this.ctx.loops.pop();
      this.unassigned = before;
      return build2(body);
    };
    if (it.kind === "Call" && it.callee.kind === "Name" && it.callee.name.text === "range" && it.args.length === 2 && !this.lookup("range", this.sp(it.callee), false)) {
      const [a, b] = it.args;
      const ac = this.isConst(a);
      const bc = this.isConst(b);
      let ax;
      let bx;
      if (ac && !bc) {
        bx = this.expr(b, void 0);
        ax = this.constant(a, isIntPrim(primOf(s.types, bx.type) ?? "bool") ? bx.type : void 0);
      } else if (bc && !ac) {
        ax = this.expr(a, void 0);
        bx = this.constant(b, isIntPrim(primOf(s.types, ax.type) ?? "bool") ? ax.type : void 0);
      } else {
        ax = this.expr(a, void 0);
        bx = this.expr(b, void 0);
      }
      let t3 = T2.error;
      if (!this.isErr(ax.type) && !this.isErr(bx.type)) {
        const ap = primOf(s.types, ax.type);
        const bp = primOf(s.types, bx.type);
        if (!ap || !bp || !isIntPrim(ap) || !isIntPrim(bp))
          this.rep(
            "E1209",
            this.sp(it),
            `range bounds must be integers, found \`${this.tn(ax.type)}\` and \`${this.tn(bx.type)}\``
          );
        else {
          const c2 = commonNumeric(ap, bp);
          if (!c2) this.rep("E1224", this.sp(it), `\`${ap}\` and \`${bp}\` have no common type`);
          else t3 = T2[c2];
        }
      }
      const start = this.isErr(t3) ? ax : this.coerce(ax, t3, "other");
      const end = this.isErr(t3) ? bx : this.coerce(bx, t3, "other");
      const local2 = this.newLocal(st.binding.text, t3, "for", false, this.sp(st.binding), false);
      return loopBody(local2, (body) => ({ kind: "for_range", local: local2, start, end, body, span }));
    }
    const x = this.expr(it, void 0);
    if (this.isErr(x.type)) {
      const local2 = this.newLocal(st.binding.text, T2.error, "for", false, this.sp(st.binding), false);
      loopBody(local2, (body) => ({ kind: "block", block: body, span }));
      return void 0;
    }
    const info = s.types.get(x.type);
    if (info.kind === "array") {
      const local2 = this.newLocal(st.binding.text, info.elem, "for", false, this.sp(st.binding), false);
      return loopBody(local2, (body) => ({ kind: "for_array", local: local2, array: x, body, span }));
    }
    const iterLocal = this.newLocal("$iter", x.type, "hidden", true, x.span, false);
    const recv = { kind: "local", local: iterLocal, type: x.type, span: x.span };
    const next = this.resolveNext(recv, x.span);
    if (!next) {
      const local2 = this.newLocal(st.binding.text, T2.error, "for", false, this.sp(st.binding), false);
      loopBody(local2, (body) => ({ kind: "block", block: body, span }));
      return void 0;
    }
    const local = this.newLocal(st.binding.text, next.elem, "for", false, this.sp(st.binding), false);
    return loopBody(local, (body) => ({
      kind: "for_iter",
      local,
      iterLocal,
      iterator: x,
      next: next.call,
      option: next.option,
      someVariant: next.some,
      noneVariant: next.none,
      body,
      span
    }));
  }
  /** `it.Next()` for the iterator protocol (E1215–E1218). */
  resolveNext(recv, span) {
    const s = this.s;
    const t3 = recv.type;
    const info = s.types.get(t3);
    let candidate;
    const member = this.c.membersOf(t3)?.get("Next");
    if (member !== void 0) {
      const f = s.functions[member];
      const b = /* @__PURE__ */ new Map();
      unify(s.types, f.paramTypes[0], t3, new Set(f.typeParams), b);
      candidate = { params: f.paramTypes.length - 1, ret: substitute(s.types, f.ret, b) };
    } else if (info.kind === "contract") {
      const c2 = s.contracts[info.decl];
      const m = c2.methods.find((x) => x.name === "Next");
      if (m)
        candidate = {
          params: m.params.length,
          ret: substitute(s.types, m.ret, this.paramMap(c2.typeParams, info.args))
        };
    } else if (info.kind === "param") {
      for (const b of s.typeParams[info.param].bounds) {
        const bi = s.types.get(b);
        if (bi.kind !== "contract") continue;
        const c2 = s.contracts[bi.decl];
        const m = c2.methods.find((x) => x.name === "Next");
        if (m) {
          candidate = {
            params: m.params.length,
            ret: substitute(s.types, m.ret, this.paramMap(c2.typeParams, bi.args))
          };
          break;
        }
      }
    } else if (info.kind === "record" || info.kind === "enum") {
      const dm = this.c.declModuleOf(t3);
      const e = s.scopes[dm].items.get("Next");
      if (e && e.sym.kind === "function") {
        const f = s.functions[e.sym.id];
        const b = /* @__PURE__ */ new Map();
        if (f.paramTypes.length > 0 && unify(s.types, f.paramTypes[0], t3, new Set(f.typeParams), b))
          candidate = { params: f.paramTypes.length - 1, ret: substitute(s.types, f.ret, b) };
      }
    }
    if (!candidate) {
      this.rep(
        "E1215",
        span,
        `cannot iterate over a \`${this.tn(t3)}\`: it is not a range or an array and has no \`Next\` method`,
        {
          help: "iterate with `for x in range(0, n)`, over an array, or give the type a `Next()` returning `Option<T>`"
        }
      );
      return void 0;
    }
    if (candidate.params > 0) {
      this.rep(
        "E1216",
        span,
        `\`Next\` of \`${this.tn(t3)}\` takes ${candidate.params} parameter(s); \`for\` calls it with none`
      );
      return void 0;
    }
    const ri = s.types.get(candidate.ret);
    const en = ri.kind === "enum" ? s.enums[ri.decl] : void 0;
    if (!en || en.name !== "Option") {
      this.rep("E1217", span, `\`Next\` returns \`${this.tn(candidate.ret)}\`, not an Option`, {
        help: "return `Option<T>`: `Some(value)` or `None`"
      });
      return void 0;
    }
    const some = en.variants.findIndex((v) => v.name === "Some");
    const none = en.variants.findIndex((v) => v.name === "None");
    if (some < 0 || none < 0 || en.variants[some].fields.length !== 1) {
      this.rep("E1218", span, `\`${en.name}::Some\` must carry exactly one value for \`for\``);
      return void 0;
    }
    const call = this.methodCall(
      recv,
      { kind: "Ident", text: "Next", span: { start: span.start, end: span.end } },
      void 0,
      [],
      void 0,
      span
    );
    const elem = substitute(
      s.types,
      en.variants[some].fields[0].type,
      this.paramMap(en.typeParams, ri.kind === "enum" ? ri.args : [])
    );
    return { call, option: candidate.ret, some, none, elem };
  }
};
function union(sets) {
  const out = /* @__PURE__ */ new Set();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
}
function exprText(e) {
  if (e.kind === "Name") return e.name.text;
  if (e.kind === "MemberAccess") return `${exprText(e.object)}.${e.name.text}`;
  return "\u2026";
}
function articled(word) {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
var NUMERIC_PRIMS = ["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64"];

// src/semantics/context.ts
var Sema = class {
  constructor(units) {
    this.units = units;
    for (const u of units) this.lineIndexes.set(u.file, u.lineIndex);
  }
  units;
  types = new TypeTable();
  modules = [];
  scopes = [];
  byPath = /* @__PURE__ */ new Map();
  functions = [];
  locals = [];
  records = [];
  enums = [];
  contracts = [];
  typeParams = [];
  conformances = [];
  consts = [];
  tests = [];
  /** impl/extend methods on primitive types and arrays, by receiver type. */
  primMembers = /* @__PURE__ */ new Map();
  diagnostics = [];
  lineIndexes = /* @__PURE__ */ new Map();
  /** One report per (code, offset): keeps cascades out. */
  reported = /* @__PURE__ */ new Set();
  span(file, node) {
    return { file, start: node.span.start, end: node.span.end };
  }
  report(code, at, detail, extra) {
    if (at) {
      const key = `${code}@${at.file}:${at.start}`;
      if (this.reported.has(key)) return;
      this.reported.add(key);
    }
    const index = at ? this.lineIndexes.get(at.file) : void 0;
    const facts = { detail, ...extra ?? {} };
    this.diagnostics.push(
      makeDiagnostic(code, facts, at && index ? { span: at, index } : at ? { file: at.file } : void 0)
    );
  }
  typeName(t3) {
    return typeName(this.types, this, t3);
  }
  /** Module `path`, creating it and its prefixes. */
  moduleFor(path2) {
    const found = this.byPath.get(path2);
    if (found !== void 0) return found;
    let parent;
    if (path2 !== "") {
      const dot = path2.lastIndexOf(".");
      parent = this.moduleFor(dot < 0 ? "" : path2.slice(0, dot));
    }
    const id = this.modules.length;
    this.modules.push({ id, path: path2, parent, file: void 0, isEntry: false });
    this.scopes.push({ id, path: path2, parent, items: /* @__PURE__ */ new Map(), unit: void 0, isPub: true, file: void 0 });
    this.byPath.set(path2, id);
    if (parent !== void 0) {
      const name = path2.slice(path2.lastIndexOf(".") + 1);
      const ps = this.scopes[parent];
      if (!ps.items.has(name))
        ps.items.set(name, {
          sym: { kind: "module", id },
          isPub: true,
          module: parent,
          span: { file: "", start: 0, end: 0 }
        });
    }
    return id;
  }
  /** Whether code in module `from` may see a private item declared in module `owner`. */
  canSeePrivate(from, owner) {
    for (let m = from; m !== void 0; m = this.modules[m].parent)
      if (m === owner) return true;
    return false;
  }
  lastName(path2) {
    return path2.slice(path2.lastIndexOf(".") + 1);
  }
};

// src/semantics/index.ts
function analyze(units, opts = {}) {
  const s = new Sema(units);
  const c2 = new Collector(s);
  c2.indexUnits(opts.entryModuleIndex);
  c2.resolveUses();
  c2.declareSignatures();
  c2.checkConformances();
  c2.nameTests();
  const entry = findEntry(s, c2, opts.entryName);
  if (entry !== void 0) s.functions[entry].isEntry = true;
  const bodiless = new Set(c2.jobs.filter((j) => j.body === void 0).map((j) => j.func));
  const checker = new BodyChecker(s, c2, bodiless);
  for (const job of c2.jobs) {
    try {
      checker.checkJob(job, job.isTest || job.func === entry);
    } catch (err) {
      if (opts.rethrowInternalErrors) throw err;
      s.report(
        "E1151",
        s.functions[job.func].nameSpan,
        `internal error while checking this function: ${err.message}`
      );
    }
  }
  checkTextInstantiations(s, checker);
  c2.reportUnusedImports();
  if (opts.unusedPrivate) c2.reportUnusedPrivate(entry);
  const program = {
    types: s.types.list,
    modules: s.modules,
    functions: s.functions,
    locals: s.locals,
    records: s.records,
    enums: s.enums,
    contracts: s.contracts,
    typeParams: s.typeParams,
    conformances: s.conformances,
    consts: s.consts,
    tests: s.tests,
    entry,
    entryModule: c2.entryModule,
    sources: s.lineIndexes
  };
  return { program, diagnostics: sortDiagnostics(s.diagnostics), typeTable: s.types };
}
function findEntry(s, c2, name) {
  if (c2.entryModule === void 0) return void 0;
  const items = s.scopes[c2.entryModule].items;
  const names = name ? [name] : ["main", "Main"];
  const found = names.map((n) => items.get(n)).filter((e) => e !== void 0 && e.sym.kind === "function" && !e.use).map((e) => e.sym.id);
  if (found.length === 0) return void 0;
  if (found.length > 1) {
    const second = s.functions[found[1]];
    s.report("E1406", second.nameSpan, "the entry module declares both `main` and `Main`", {
      help: "keep one of them"
    });
  }
  const f = s.functions[found[0]];
  const ri = s.types.get(f.ret);
  const retOk = f.ret === T2.unit || f.ret === T2.error || ri.kind === "prim" && isIntPrim(ri.prim);
  if (f.paramTypes.length > 0 || f.typeParams.length > 0 || !retOk)
    s.report(
      "E1405",
      f.nameSpan,
      `the entry point is \`${s.typeName(f.ret)} ${f.name}(${f.paramTypes.map((p) => s.typeName(p)).join(", ")})\``,
      {
        help: `declare it \`i32 ${f.name}()\` or \`unit ${f.name}()\``
      }
    );
  return f.id;
}
function checkTextInstantiations(s, checker) {
  const text = checker.textParams;
  if (text.size === 0) return;
  let changed = true;
  while (changed) {
    changed = false;
    for (const inst of checker.instantiations) {
      const callee = text.get(inst.callee);
      if (!callee) continue;
      const f = s.functions[inst.callee];
      f.typeParams.forEach((p, i) => {
        const where = callee.get(p);
        if (!where) return;
        const arg = s.types.get(inst.typeArgs[i]);
        if (arg.kind !== "param") return;
        const m = text.get(inst.caller) ?? /* @__PURE__ */ new Map();
        if (!m.has(arg.param)) {
          m.set(arg.param, where);
          text.set(inst.caller, m);
          changed = true;
        }
      });
    }
  }
  const textual = (t3) => {
    const info = s.types.get(t3);
    if (info.kind === "param" || info.kind === "error") return true;
    return info.kind === "prim" && !["unit", "never", "pointer"].includes(info.prim);
  };
  for (const inst of checker.instantiations) {
    const callee = text.get(inst.callee);
    if (!callee) continue;
    const f = s.functions[inst.callee];
    f.typeParams.forEach((p, i) => {
      const where = callee.get(p);
      const arg = inst.typeArgs[i];
      if (!where || textual(arg)) return;
      const idx = s.lineIndexes.get(where.file);
      const pos = idx ? idx.position(where.start) : void 0;
      s.report(
        "E1225",
        inst.span,
        `\`${f.name}\` converts its \`${s.typeParams[p].name}\` to text, and \`${s.typeName(arg)}\` cannot be converted`,
        {
          notes: [`the conversion is at ${where.file}${pos ? `:${pos.line}:${pos.column}` : ""}`],
          help: "pass a number, bool, char or string, or format the value first"
        }
      );
    });
  }
}

// src/lowering/body.ts
var INTRINSIC_RUNTIME = /* @__PURE__ */ new Map();
for (const [name, info] of Object.entries(RUNTIME_FUNCTIONS)) {
  const intrinsic = info.intrinsic;
  if (intrinsic) INTRINSIC_RUNTIME.set(intrinsic, name);
}
INTRINSIC_RUNTIME.set("__rt_yield", "fiber_yield");
INTRINSIC_RUNTIME.set("__rt_now_millis", "fiber_now_millis");
var SIGNED = /* @__PURE__ */ new Set(["i8", "i16", "i32", "i64"]);
function zero(vt) {
  switch (vt) {
    case "i32":
      return ir.i32(0);
    case "i64":
      return ir.i64(0n);
    case "f32":
      return ir.f32(0);
    case "f64":
      return ir.f64(0);
  }
}
function isSimple(e) {
  return e.kind === "local.get" || e.kind === "const" || e.kind === "data.addr";
}
function addLoc(s, loc) {
  return s.loc === void 0 ? { ...s, loc } : s;
}
var FnLower = class {
  constructor(L, job, fb) {
    this.L = L;
    this.job = job;
    this.fb = fb;
    this.f = L.program.functions[job.func];
    this.file = this.f.file ?? this.f.span.file;
    this.map = job.map;
    this.retVt = L.vt(this.ty(this.f.ret));
  }
  L;
  job;
  fb;
  f;
  map;
  slots = /* @__PURE__ */ new Map();
  loops = [];
  retVt;
  /** The file every span of this body points into. */
  file;
  lower() {
    const f = this.f;
    const out = [];
    let k = f.kind === "lambda" ? 1 : 0;
    for (const local of f.params) {
      const t3 = this.localType(local);
      const vt = this.L.vt(t3);
      if (vt === null) {
        this.slots.set(local, { kind: "unit" });
        continue;
      }
      const index = k++;
      if (this.L.program.locals[local].captured) {
        const cell = this.fb.local("i32");
        const ref = this.L.isRef(t3);
        this.slots.set(local, { kind: "cell", index: cell, vt, ref });
        out.push(...this.allocCell(cell, vt, ref, ir.get(index)));
      } else {
        this.slots.set(local, { kind: "direct", index, vt });
      }
    }
    if (f.kind === "lambda") {
      f.captures.forEach((c2, i) => {
        const t3 = this.localType(c2);
        const vt = this.L.vt(t3);
        if (vt === null) {
          this.slots.set(c2, { kind: "unit" });
          return;
        }
        const cell = this.fb.local("i32");
        this.slots.set(c2, { kind: "cell", index: cell, vt, ref: this.L.isRef(t3) });
        out.push(ir.set(cell, ir.load("i32.load", ir.get(0), 4 + 4 * i)));
      });
    }
    if (f.body === void 0) {
      out.push(...this.panicText(`function ${f.qualifiedName} has no body`, this.L.loc(f.span)));
      return out;
    }
    out.push(...this.block(f.body));
    if (this.retVt !== null) out.push(ir.unreachable());
    return out;
  }
  // -------------------------------------------------------------------------------------
  // Helpers.
  ty(t3) {
    return this.L.subst(t3, this.map);
  }
  typeOf(e) {
    return this.ty(e.type);
  }
  localType(id) {
    return this.ty(this.L.program.locals[id].type);
  }
  vtOf(e) {
    return this.L.vt(this.typeOf(e));
  }
  /**
   * Location of a node inside this body. Body spans are offsets into the function's file
   * (`FunctionInfo.file`); a span that names its own file wins.
   */
  loc(e) {
    const own = e.span.file;
    return this.L.locAt(own ?? this.file, e.span.start);
  }
  /** A fresh local holding `value`: [the set, its read]. Simple values are not spilled. */
  spill(vt, value) {
    if (isSimple(value)) return [[], value];
    const t3 = this.fb.local(vt);
    return [[ir.set(t3, value)], ir.get(t3)];
  }
  panicText(message, loc) {
    return [ir.exec(ir.rt("panic", [this.L.b.string(message), ir.i32(loc)], loc), loc), ir.unreachable(loc)];
  }
  allocCell(cell, vt, ref, init) {
    const out = [ir.set(cell, ir.rt("alloc", [ir.i32(this.L.cellLayout(vt, ref)), ir.i32(16)]))];
    if (init !== null) out.push(ir.store(this.L.storeOp(vt), ir.get(cell), init, CELL_VALUE_OFFSET));
    return out;
  }
  slot(id) {
    let s = this.slots.get(id);
    if (s === void 0) {
      const t3 = this.localType(id);
      const vt = this.L.vt(t3);
      if (vt === null) s = { kind: "unit" };
      else if (this.L.program.locals[id].captured)
        s = { kind: "cell", index: this.fb.local("i32"), vt, ref: this.L.isRef(t3) };
      else s = { kind: "direct", index: this.fb.local(vt), vt };
      this.slots.set(id, s);
    }
    return s;
  }
  /** A fresh binding of `id` (declaration, loop variable, pattern binding): a new cell if captured. */
  bind(id, value) {
    const s = this.slot(id);
    switch (s.kind) {
      case "unit":
        return value === null ? [] : [ir.exec(value)];
      case "direct":
        return value === null ? [] : [ir.set(s.index, value)];
      case "cell": {
        if (value === null) return this.allocCell(s.index, s.vt, s.ref, null);
        const [pre, v] = this.spill(s.vt, value);
        return [...pre, ...this.allocCell(s.index, s.vt, s.ref, v)];
      }
    }
  }
  read(id) {
    const s = this.slot(id);
    switch (s.kind) {
      case "unit":
        throw new Error("lowering: read of a unit local as a value");
      case "direct":
        return ir.get(s.index);
      case "cell":
        return ir.load(this.L.loadOp(s.vt), ir.get(s.index), CELL_VALUE_OFFSET);
    }
  }
  write(id, value) {
    const s = this.slot(id);
    switch (s.kind) {
      case "unit":
        return [ir.exec(value)];
      case "direct":
        return [ir.set(s.index, value)];
      case "cell":
        return [ir.store(this.L.storeOp(s.vt), ir.get(s.index), value, CELL_VALUE_OFFSET)];
    }
  }
  // -------------------------------------------------------------------------------------
  // Statements.
  block(b) {
    const out = [];
    for (const s of b.stmts) out.push(...this.stmt(s));
    return out;
  }
  stmt(s) {
    const loc = this.loc(s);
    return this.stmtInner(s, loc).map((x) => addLoc(x, loc));
  }
  stmtInner(s, loc) {
    switch (s.kind) {
      case "let": {
        if (s.init === void 0) {
          const sl = this.slot(s.local);
          return sl.kind === "cell" ? this.bind(s.local, null) : [];
        }
        if (this.vtOf(s.init) === null) {
          this.slot(s.local);
          return this.eff(s.init);
        }
        return this.bind(s.local, this.val(s.init));
      }
      case "expr":
        return this.eff(s.expr);
      case "return": {
        if (s.value === void 0) return [ir.ret(void 0, loc)];
        if (this.retVt === null || this.vtOf(s.value) === null) {
          const e = this.eff(s.value);
          return this.retVt === null ? [...e, ir.ret(void 0, loc)] : [...e, ir.unreachable(loc)];
        }
        return [ir.ret(this.val(s.value), loc)];
      }
      case "break": {
        const l = this.loops[this.loops.length - 1];
        return [ir.br(l.brk, loc)];
      }
      case "continue": {
        const l = this.loops[this.loops.length - 1];
        return [l.contIsBreak ? ir.br(l.cont, loc) : ir.continue(l.cont, loc)];
      }
      case "if":
        return [ir.if(this.val(s.cond), this.block(s.then), s.else ? this.block(s.else) : [], loc)];
      case "while": {
        const brk = this.fb.label();
        this.loops.push({ brk, cont: brk, contIsBreak: false });
        const body = this.block(s.body);
        this.loops.pop();
        return [
          ir.loop(
            brk,
            [ir.if(ir.un("i32.eqz", this.val(s.cond)), [ir.br(brk)]), ...body, ir.continue(brk)],
            loc
          )
        ];
      }
      case "for_range": {
        const t3 = this.localType(s.local);
        const vt = this.L.vt(t3) ?? "i32";
        const p = this.L.prim(t3) ?? "i32";
        const ctr = this.fb.local(vt);
        const end = this.fb.local(vt);
        const brk = this.fb.label();
        const cont = this.fb.label();
        const pre = [ir.set(ctr, this.val(s.start)), ir.set(end, this.val(s.end))];
        this.loops.push({ brk, cont, contIsBreak: true });
        const body = this.block(s.body);
        this.loops.pop();
        const lt = this.cmpOp("lt", p);
        const one = vt === "i64" ? ir.i64(1n) : ir.i32(1);
        return [
          ...pre,
          ir.loop(
            brk,
            [
              ir.if(ir.un("i32.eqz", ir.bin(lt, ir.get(ctr), ir.get(end))), [ir.br(brk)]),
              ...this.bind(s.local, ir.get(ctr)),
              ir.block(cont, body),
              ir.set(ctr, this.normalize(p, ir.bin(`${vt}.add`, ir.get(ctr), one))),
              ir.continue(brk)
            ],
            loc
          )
        ];
      }
      case "for_array": {
        const arrT = this.typeOf(s.array);
        const ai = this.L.info(arrT);
        const elemT = ai.kind === "array" ? ai.elem : T2.unit;
        const arr = this.fb.local("i32");
        const len = this.fb.local("i32");
        const k = this.fb.local("i32");
        const brk = this.fb.label();
        const cont = this.fb.label();
        const pre = [
          ir.set(arr, this.val(s.array)),
          ir.set(len, ir.load("i32.load", ir.get(arr), 4)),
          ir.set(k, ir.i32(0))
        ];
        this.loops.push({ brk, cont, contIsBreak: true });
        const body = this.block(s.body);
        this.loops.pop();
        const el = this.L.elem(elemT);
        const item = el.vt === null ? null : this.refDefault(
          elemT,
          ir.load(
            el.load,
            ir.bin("i32.add", ir.get(arr), ir.bin("i32.mul", ir.get(k), ir.i32(el.size))),
            8
          ),
          loc
        );
        return [
          ...pre,
          ir.loop(
            brk,
            [
              ir.if(ir.bin("i32.ge_s", ir.get(k), ir.get(len)), [ir.br(brk)]),
              ...this.bind(s.local, item),
              ir.block(cont, body),
              ir.set(k, ir.bin("i32.add", ir.get(k), ir.i32(1))),
              ir.continue(brk)
            ],
            loc
          )
        ];
      }
      case "for_iter": {
        const optT = this.ty(s.option);
        const opt2 = this.fb.local("i32");
        const brk = this.fb.label();
        const pre = this.bind(s.iterLocal, this.val(s.iterator));
        const some = this.L.variantLayout(optT, s.someVariant);
        const f0 = some.fields[0];
        this.loops.push({ brk, cont: brk, contIsBreak: false });
        const body = this.block(s.body);
        this.loops.pop();
        return [
          ...pre,
          ir.loop(
            brk,
            [
              ir.set(opt2, this.val(s.next)),
              ir.if(ir.bin("i32.ne", ir.load("i32.load", ir.get(opt2), ENUM_TAG_OFFSET), ir.i32(some.tag)), [
                ir.br(brk)
              ]),
              ...this.bind(
                s.local,
                f0 && f0.vt !== null ? ir.load(this.L.loadOp(f0.vt), ir.get(opt2), f0.offset) : null
              ),
              ...body,
              ir.continue(brk)
            ],
            loc
          )
        ];
      }
      case "block":
        return this.block(s.block);
    }
  }
  // -------------------------------------------------------------------------------------
  // Expressions for their effects.
  eff(e) {
    switch (e.kind) {
      case "unit":
      case "int":
      case "float":
      case "bool":
      case "char":
      case "string":
      case "funcref":
      case "local":
        return [];
      case "block":
        return this.block(e.block);
      case "match":
        return this.match(e, null);
      case "call": {
        const c2 = this.call(e);
        const out = [...c2.pre];
        if (c2.call) out.push(ir.exec(c2.call, this.loc(e)));
        if (c2.noreturn || this.typeOf(e) === T2.never) out.push(ir.unreachable(this.loc(e)));
        return out;
      }
      case "assign":
        return this.assign(e, false).stmts;
      case "event_sub":
        return this.eventSub(e);
      case "convert":
        if (e.conv.kind === "never") return [...this.eff(e.operand), ir.unreachable()];
        break;
      case "try":
        return this.tryExpr(e).stmts;
      case "field":
        if (this.vtOf(e) === null) return this.eff(e.object);
        break;
      case "index":
        if (this.vtOf(e) === null) return [...this.eff(e.object), ...this.eff(e.index)];
        break;
      case "error":
        throw new Error("lowering: error node in a typed program");
      default:
        break;
    }
    if (this.vtOf(e) === null) throw new Error(`lowering: unit-typed ${e.kind} expression`);
    const v = this.val(e);
    return isSimple(v) ? [] : [ir.exec(v)];
  }
  // -------------------------------------------------------------------------------------
  // Expressions for their value.
  val(e, hint = "i32") {
    const t3 = this.typeOf(e);
    const vt = this.L.vt(t3);
    if (vt === null) {
      const tail = t3 === T2.never ? [ir.unreachable()] : [];
      return ir.seq([...this.eff(e), ...tail], zero(hint));
    }
    switch (e.kind) {
      case "int":
        return this.constOf(t3, e.value);
      case "float":
        return vt === "f32" ? ir.f32(e.value) : ir.f64(e.value);
      case "bool":
        return ir.i32(e.value ? 1 : 0);
      case "char":
        return ir.i32(e.value);
      case "string":
        return this.L.b.string(e.value);
      case "local":
        return this.read(e.local);
      case "funcref":
        return this.L.fnValue(
          e.func,
          e.typeArgs.map((a) => this.ty(a))
        );
      case "lambda":
        return this.closure(e.func);
      case "field": {
        const objT = this.typeOf(e.object);
        const slot = this.L.recordLayout(objT).fields.get(e.field);
        if (!slot || slot.vt === null) throw new Error("lowering: bad field");
        return ir.load(this.L.loadOp(slot.vt), this.val(e.object), slot.offset);
      }
      case "index":
        return this.index(e);
      case "unary": {
        const v = this.val(e.operand);
        if (e.op === "not") return ir.un("i32.eqz", v);
        const p = this.L.prim(t3) ?? "i32";
        if (vt === "f32" || vt === "f64") return ir.un(`${vt}.neg`, v);
        return this.normalize(p, ir.bin(`${vt}.sub`, zero(vt), v));
      }
      case "binary":
        return this.binary(e.op, this.ty(e.operandType), t3, e.left, e.right, this.loc(e));
      case "logical": {
        const l = this.val(e.left);
        const r = this.val(e.right);
        return e.op === "and" ? ir.cond("i32", l, r, ir.i32(0)) : ir.cond("i32", l, ir.i32(1), r);
      }
      case "concat": {
        const parts = concatParts(e);
        if (parts.length > 2) return this.concatMany(parts);
        return ir.rt("str_concat", [this.val(e.left), this.val(e.right)]);
      }
      case "interp": {
        if (e.parts.length === 0) return this.L.b.string("");
        if (e.parts.length > 2) return this.concatMany(e.parts.flatMap(concatParts));
        let acc = this.val(e.parts[0]);
        if (e.parts.length === 1) {
          const p = e.parts[0];
          const fresh = p.kind === "string" || p.kind === "to_text" && !["string", "bool", "param"].includes(p.conv);
          return fresh ? acc : ir.rt("str_concat", [this.L.b.string(""), acc]);
        }
        for (let i = 1; i < e.parts.length; i++) acc = ir.rt("str_concat", [acc, this.val(e.parts[i])]);
        return acc;
      }
      case "to_text":
        return this.toText(e.conv, this.typeOf(e.operand), e.operand);
      case "convert":
        return this.convert(e.conv, this.typeOf(e.operand), t3, e.operand, this.loc(e));
      case "call": {
        const c2 = this.call(e);
        if (c2.noreturn || c2.call === null) {
          return ir.seq([...c2.pre, ...c2.call ? [ir.exec(c2.call)] : [], ir.unreachable()], zero(vt));
        }
        return c2.pre.length ? ir.seq(c2.pre, c2.call) : c2.call;
      }
      case "record_new":
        return this.recordNew(e);
      case "enum_new":
        return this.enumNew(
          t3,
          e.variant,
          e.args.map((a) => this.vtOf(a) === null ? { eff: this.eff(a) } : { val: this.val(a) })
        );
      case "array_lit":
        return this.arrayLit(e);
      case "match": {
        const res = this.fb.local(vt);
        return ir.seq(
          this.match(e, (v) => [ir.set(res, v)]),
          ir.get(res)
        );
      }
      case "try": {
        const r = this.tryExpr(e);
        return ir.seq(r.stmts, r.value ?? zero(vt));
      }
      case "assign": {
        const r = this.assign(e, true);
        return ir.seq(r.stmts, r.value);
      }
      case "block":
      case "unit":
      case "event_sub":
      case "error":
        throw new Error(`lowering: ${e.kind} used as a value`);
    }
  }
  constOf(t3, value) {
    switch (this.L.vt(t3)) {
      case "i64":
        return ir.i64(BigInt(value));
      case "f32":
        return ir.f32(Number(value));
      case "f64":
        return ir.f64(Number(value));
      default:
        return ir.i32(Number(BigInt.asIntN(32, BigInt(value))));
    }
  }
  /** Re-narrows an i32 result to an 8- or 16-bit type (two's complement wrap). */
  normalize(p, v) {
    switch (p) {
      case "i8":
        return ir.un("i32.extend8_s", v);
      case "i16":
        return ir.un("i32.extend16_s", v);
      case "u8":
        return ir.bin("i32.and", v, ir.i32(255));
      case "u16":
        return ir.bin("i32.and", v, ir.i32(65535));
      default:
        return v;
    }
  }
  cmpOp(op, p) {
    if (p === "f32" || p === "f64") return `${p}.${op}`;
    const vt = p === "i64" || p === "u64" ? "i64" : "i32";
    return `${vt}.${op}_${SIGNED.has(p) ? "s" : "u"}`;
  }
  binary(op, ot, rt, left, right, loc) {
    switch (op) {
      case "eq":
      case "ne":
      case "id_eq":
      case "id_ne":
        if (this.L.vt(ot) === null) {
          const same = op === "eq" || op === "id_eq" ? 1 : 0;
          return ir.seq([...this.eff(left), ...this.eff(right)], ir.i32(same));
        }
        break;
      default:
        break;
    }
    switch (op) {
      case "eq":
      case "ne": {
        const eq = this.L.equals(ot, this.val(left), this.val(right));
        return op === "eq" ? eq : ir.un("i32.eqz", eq);
      }
      case "id_eq":
      case "id_ne": {
        let eq;
        if (this.L.info(ot).kind === "prim" && ot !== T2.string)
          eq = this.L.equals(ot, this.val(left), this.val(right));
        else if (this.L.info(ot).kind === "contract")
          eq = ir.bin(
            "i32.eq",
            ir.load("i32.load", this.val(left), CONTRACT_RECEIVER_OFFSET),
            ir.load("i32.load", this.val(right), CONTRACT_RECEIVER_OFFSET)
          );
        else eq = ir.bin("i32.eq", this.val(left), this.val(right));
        return op === "id_eq" ? eq : ir.un("i32.eqz", eq);
      }
      case "lt":
      case "le":
      case "gt":
      case "ge":
        return ir.bin(this.cmpOp(op, this.L.prim(ot) ?? "i32"), this.val(left), this.val(right));
      case "shl":
      case "shr": {
        const p = this.L.prim(rt) ?? "i32";
        const vt = this.L.vt(rt);
        const l = this.val(left);
        let count = this.intTo(
          this.L.prim(this.typeOf(right)) ?? "i32",
          vt === "i64" ? "u64" : "u32",
          this.val(right)
        );
        const bits = p === "i8" || p === "u8" ? 8 : p === "i16" || p === "u16" ? 16 : 0;
        if (bits) count = ir.bin("i32.and", count, ir.i32(bits - 1));
        const name = op === "shl" ? "shl" : SIGNED.has(p) ? "shr_s" : "shr_u";
        return this.normalize(p, ir.bin(`${vt}.${name}`, l, count));
      }
      default:
        return this.arith(op, ot, this.val(left), this.val(right), loc);
    }
  }
  /** `+ - * / % & |` on two lowered operands of type `t`. */
  arith(op, t3, l, r, loc) {
    const p = this.L.prim(t3) ?? "i32";
    const vt = this.L.vt(t3) ?? "i32";
    if (vt === "f32" || vt === "f64") {
      const name2 = { add: "add", sub: "sub", mul: "mul", div: "div", rem: "rem" }[op];
      if (!name2) throw new Error(`lowering: float ${op}`);
      return ir.bin(`${vt}.${name2}`, l, r);
    }
    const s = SIGNED.has(p) ? "s" : "u";
    const name = op === "add" ? "add" : op === "sub" ? "sub" : op === "mul" ? "mul" : op === "div" ? `div_${s}` : op === "rem" ? `rem_${s}` : op === "band" ? "and" : op === "bor" ? "or" : void 0;
    if (!name) throw new Error(`lowering: integer ${op}`);
    const checked = op === "div" || op === "rem";
    if (op === "div" && (p === "i8" || p === "i16")) {
      const [pa, a] = this.spill("i32", l);
      const [pb, b] = this.spill("i32", r);
      const min = p === "i8" ? -128 : -32768;
      return ir.seq(
        [
          ...pa,
          ...pb,
          ir.if(
            ir.bin("i32.and", ir.bin("i32.eq", a, ir.i32(min)), ir.bin("i32.eq", b, ir.i32(-1))),
            this.L.panicCode("integer overflow in division", loc)
          )
        ],
        this.normalize(p, ir.bin("i32.div_s", a, b, loc))
      );
    }
    return this.normalize(p, ir.bin(`${vt}.${name}`, l, r, checked ? loc : void 0));
  }
  /** Integer → integer keeping the low bits (widening is the special case that loses none). */
  intTo(from, to, v) {
    const fv = from === "i64" || from === "u64" ? "i64" : "i32";
    const tv = to === "i64" || to === "u64" ? "i64" : "i32";
    if (fv === tv) return tv === "i32" ? this.normalize(to, v) : v;
    if (fv === "i32") return ir.un(SIGNED.has(from) ? "i64.extend_i32_s" : "i64.extend_i32_u", v);
    return this.normalize(to, ir.un("i32.wrap_i64", v));
  }
  toI64Index(e) {
    return this.intTo(
      this.L.prim(this.typeOf(e)) ?? "i32",
      SIGNED.has(this.L.prim(this.typeOf(e)) ?? "i32") ? "i64" : "u64",
      this.val(e)
    );
  }
  /**
   * `p1 + p2 + … + pn` (n > 2, all strings) as one allocation and one copy per piece instead
   * of n - 1 intermediate strings (each copying everything before it). The pieces are
   * evaluated left to right first, exactly as the nested form would; the result is one new
   * string. The length is summed in i64 so it cannot wrap; above the runtime's object limit
   * it panics `out of memory` like `str_concat` would.
   */
  concatMany(parts) {
    const fb = this.fb;
    const ptrs = parts.map(() => fb.local("i32"));
    const lens = parts.map(() => fb.local("i32"));
    const total = fb.local("i64");
    const r = fb.local("i32");
    const at = fb.local("i32");
    const body = [];
    parts.forEach((p, i) => body.push(ir.set(ptrs[i], this.val(p))));
    parts.forEach((_, i) => body.push(ir.set(lens[i], ir.load("i32.load", ir.get(ptrs[i]), 4))));
    let sum = ir.un("i64.extend_i32_u", ir.get(lens[0]));
    for (let i = 1; i < parts.length; i++)
      sum = ir.bin("i64.add", sum, ir.un("i64.extend_i32_u", ir.get(lens[i])));
    body.push(
      ir.set(total, sum),
      ir.if(ir.bin("i64.gt_u", ir.get(total), ir.i64(MAX_STRING_BYTES)), [
        ir.exec(ir.rt("panic_code", [ir.i32(PANIC["out of memory"]), ir.i32(-1)])),
        ir.unreachable()
      ]),
      ir.set(
        r,
        ir.rt("alloc", [
          ir.i32(LAYOUT.string),
          ir.bin("i32.add", ir.un("i32.wrap_i64", ir.get(total)), ir.i32(8))
        ])
      ),
      ir.store("i32.store", ir.get(r), ir.un("i32.wrap_i64", ir.get(total)), 4),
      ir.set(at, ir.bin("i32.add", ir.get(r), ir.i32(8)))
    );
    parts.forEach((_, i) => {
      body.push(ir.copy(ir.get(at), ir.bin("i32.add", ir.get(ptrs[i]), ir.i32(8)), ir.get(lens[i])));
      if (i < parts.length - 1) body.push(ir.set(at, ir.bin("i32.add", ir.get(at), ir.get(lens[i]))));
    });
    return ir.seq(body, ir.get(r));
  }
  toText(conv, t3, operand) {
    const v = this.val(operand);
    const p = this.L.prim(t3);
    if (conv === "param") {
      if (p === void 0) throw new Error(`lowering: ${this.L.typeName(t3)} has no text form`);
      conv = p === "string" ? "string" : p === "bool" ? "bool" : p === "char" ? "char" : p === "f32" ? "f32" : p === "f64" ? "f64" : SIGNED.has(p) ? "int" : "uint";
    }
    switch (conv) {
      case "string":
        return v;
      case "bool":
        return ir.rt("str_from_bool", [v]);
      case "char":
        return ir.rt("str_from_char", [v]);
      case "int":
        return ir.rt(p === "i64" ? "str_from_i64" : "str_from_i32", [v]);
      case "uint":
        return ir.rt(p === "u64" ? "str_from_u64" : p === "u32" ? "str_from_u32" : "str_from_i32", [v]);
      case "f32":
        return ir.rt("str_from_f32", [v]);
      case "f64":
        return ir.rt("str_from_f64", [v]);
    }
  }
  // -------------------------------------------------------------------------------------
  // Conversions.
  convert(conv, from, to, operand, loc) {
    const tvt = this.L.vt(to);
    if (conv.kind === "never" || this.L.vt(from) === null) {
      return ir.seq([...this.eff(operand), ir.unreachable()], zero(tvt ?? "i32"));
    }
    return this.convertValue(conv, from, to, this.val(operand), loc);
  }
  convertValue(conv, from, to, v, loc) {
    const fp = this.L.prim(from);
    const tp = this.L.prim(to);
    switch (conv.kind) {
      case "widen":
      case "narrow":
        if (fp === "f32" && tp === "f64") return ir.un("f64.promote_f32", v);
        if (fp === "f64" && tp === "f32") return ir.un("f32.demote_f64", v);
        if (fp && tp && this.L.isIntType(from) && this.L.isIntType(to)) return this.intTo(fp, tp, v);
        return v;
      case "float_narrow":
        return fp === "f64" && tp === "f32" ? ir.un("f32.demote_f64", v) : v;
      case "int_to_float": {
        const fv = this.L.vt(from);
        const s = fp && SIGNED.has(fp) ? "s" : "u";
        return ir.un(`${tp}.convert_${fv}_${s}`, v);
      }
      case "float_to_int":
        return this.floatToInt(fp === "f32" ? "f32" : "f64", tp ?? "i32", v);
      case "never":
        return v;
      case "array_handle":
        return ir.un("i64.extend_i32_u", v);
      case "to_contract": {
        const funcs = conv.methods.map(
          (m) => this.L.instance(
            m.func,
            m.typeArgs.map((a) => this.ty(a))
          )
        );
        return this.makeContract(v, this.L.vtable(from, to, funcs));
      }
      case "contract_upcast":
        return this.upcast(v, conv.slots, loc);
      case "param_to_contract": {
        const fi = this.L.info(from);
        if (fi.kind === "contract") {
          if (from === to) return v;
          return this.upcast(v, this.slotsByName(from, to), loc);
        }
        const funcs = this.L.conformanceFuncs(from, to);
        if (!funcs)
          throw new Error(`lowering: ${this.L.typeName(from)} does not conform to ${this.L.typeName(to)}`);
        return this.makeContract(v, this.L.vtable(from, to, funcs));
      }
    }
  }
  floatToInt(fv, tp, v) {
    switch (tp) {
      case "i32":
        return ir.un(`i32.trunc_sat_${fv}_s`, v);
      case "u32":
        return ir.un(`i32.trunc_sat_${fv}_u`, v);
      case "i64":
        return ir.un(`i64.trunc_sat_${fv}_s`, v);
      case "u64":
        return ir.un(`i64.trunc_sat_${fv}_u`, v);
      default: {
        const signed = SIGNED.has(tp);
        const [min, max] = tp === "i8" ? [-128, 127] : tp === "i16" ? [-32768, 32767] : tp === "u8" ? [0, 255] : [0, 65535];
        const t3 = this.fb.local("i32");
        return ir.seq(
          [
            ir.set(t3, ir.un(`i32.trunc_sat_${fv}_${signed ? "s" : "u"}`, v)),
            ir.set(
              t3,
              ir.select(
                ir.bin(signed ? "i32.lt_s" : "i32.lt_u", ir.get(t3), ir.i32(min)),
                ir.i32(min),
                ir.get(t3)
              )
            ),
            ir.set(
              t3,
              ir.select(
                ir.bin(signed ? "i32.gt_s" : "i32.gt_u", ir.get(t3), ir.i32(max)),
                ir.i32(max),
                ir.get(t3)
              )
            )
          ],
          ir.get(t3)
        );
      }
    }
  }
  makeContract(receiver, vtable) {
    const obj = this.fb.local("i32");
    return ir.seq(
      [
        ir.set(obj, ir.rt("alloc", [ir.i32(this.L.contractLayout()), ir.i32(16)])),
        ir.store("i32.store", ir.get(obj), receiver, CONTRACT_RECEIVER_OFFSET),
        ir.store("i32.store", ir.get(obj), vtable, CONTRACT_VTABLE_OFFSET)
      ],
      ir.get(obj)
    );
  }
  /** Source slot of each method of `to`, found by name in `from`. */
  slotsByName(from, to) {
    const fi = this.L.info(from);
    const ti = this.L.info(to);
    if (fi.kind !== "contract" || ti.kind !== "contract")
      throw new Error("lowering: upcast of a non-contract");
    const src = this.L.program.contracts[fi.decl].methods;
    return this.L.program.contracts[ti.decl].methods.map((m) => src.findIndex((s) => s.name === m.name));
  }
  /** A contract value viewed as an embedded contract: a new method table with `slots` picked out. */
  upcast(v, slots, _loc) {
    const src = this.fb.local("i32");
    const svt = this.fb.local("i32");
    const nvt = this.fb.local("i32");
    const vl = this.L.vtableLayout(slots.length);
    const stmts = [
      ir.set(src, v),
      ir.set(svt, ir.load("i32.load", ir.get(src), CONTRACT_VTABLE_OFFSET)),
      ir.set(nvt, ir.rt("alloc", [ir.i32(vl.layout), ir.i32(vl.size)])),
      ir.store(
        "i32.store",
        ir.get(nvt),
        ir.load("i32.load", ir.get(svt), VTABLE_TYPEKEY_OFFSET),
        VTABLE_TYPEKEY_OFFSET
      ),
      ir.store(
        "i32.store",
        ir.get(nvt),
        ir.load("i32.load", ir.get(svt), VTABLE_EQ_OFFSET),
        VTABLE_EQ_OFFSET
      )
    ];
    slots.forEach(
      (s, i) => stmts.push(
        ir.store(
          "i32.store",
          ir.get(nvt),
          ir.load("i32.load", ir.get(svt), VTABLE_METHODS_OFFSET + 4 * s),
          VTABLE_METHODS_OFFSET + 4 * i
        )
      )
    );
    return ir.seq(
      stmts,
      this.makeContract(ir.load("i32.load", ir.get(src), CONTRACT_RECEIVER_OFFSET), ir.get(nvt))
    );
  }
  // -------------------------------------------------------------------------------------
  // Heap values.
  recordNew(e) {
    const t3 = this.typeOf(e);
    const r = this.L.recordLayout(t3);
    const obj = this.fb.local("i32");
    const loc = this.loc(e);
    const stmts = [ir.set(obj, ir.rt("alloc", [ir.i32(r.layout), ir.i32(r.size)]))];
    for (const slot of r.fields.values()) {
      if (!slot.event) continue;
      const ev = this.fb.local("i32");
      stmts.push(
        ir.set(ev, ir.rt("alloc", [ir.i32(this.L.eventLayout()), ir.i32(16)])),
        ir.store(
          "i32.store",
          ir.get(ev),
          ir.rt(
            "array_new",
            [ir.i32(LAYOUT.arrayRef), ir.i32(4), ir.i64(slot.event.capacity), ir.i32(loc)],
            loc
          ),
          EVENT_ITEMS_OFFSET
        ),
        ir.store("i32.store", ir.get(obj), ir.get(ev), slot.offset)
      );
    }
    for (const fi of e.fields) {
      const slot = r.fields.get(fi.field);
      if (slot.vt === null) stmts.push(...this.eff(fi.value));
      else stmts.push(ir.store(this.L.storeOp(slot.vt), ir.get(obj), this.val(fi.value), slot.offset));
    }
    return ir.seq(stmts, ir.get(obj));
  }
  enumNew(t3, variant, args) {
    const v = this.L.variantLayout(t3, variant);
    if (v.fields.length === 0) return this.L.constEnum(t3, variant);
    const obj = this.fb.local("i32");
    const stmts = [
      ir.set(obj, ir.rt("alloc", [ir.i32(v.layout), ir.i32(v.size)])),
      ir.store("i32.store", ir.get(obj), ir.i32(v.tag), ENUM_TAG_OFFSET)
    ];
    args.forEach((a, i) => {
      const slot = v.fields[i];
      if ("eff" in a) stmts.push(...a.eff);
      else if (slot.vt !== null)
        stmts.push(ir.store(this.L.storeOp(slot.vt), ir.get(obj), a.val, slot.offset));
    });
    return ir.seq(stmts, ir.get(obj));
  }
  arrayLit(e) {
    const elemT = this.ty(e.elem);
    const el = this.L.elem(elemT);
    const arr = this.fb.local("i32");
    const loc = this.loc(e);
    const stmts = [
      ir.set(
        arr,
        ir.rt("array_new", [ir.i32(el.layout), ir.i32(el.size), ir.i64(e.elements.length), ir.i32(loc)], loc)
      )
    ];
    e.elements.forEach((x, k) => {
      if (el.vt === null) stmts.push(...this.eff(x));
      else stmts.push(ir.store(el.store, ir.get(arr), this.val(x), 8 + k * el.size));
    });
    return ir.seq(stmts, ir.get(arr));
  }
  /** A loaded reference element: never-written slots read as "" / an empty array, or panic (§5.11). */
  refDefault(elemT, loaded, loc) {
    if (!this.L.isRef(elemT)) return loaded;
    const t3 = this.fb.local("i32");
    const info = this.L.info(elemT);
    let fallback;
    if (elemT === T2.string) fallback = this.L.b.string("");
    else if (info.kind === "array") fallback = this.L.emptyArray(this.L.elem(info.elem).layout);
    else fallback = ir.seq(this.L.panicCode("read of uninitialised array element", loc), ir.i32(0));
    return ir.seq([ir.set(t3, loaded)], ir.cond("i32", ir.un("i32.eqz", ir.get(t3)), fallback, ir.get(t3)));
  }
  index(e) {
    const loc = this.loc(e);
    const base = this.val(e.object);
    const idx = this.toI64Index(e.index);
    if (e.of === "string") return ir.load("i32.load8_u", ir.elem(base, idx, 1, loc));
    const at = this.L.info(this.typeOf(e.object));
    const elemT = at.kind === "array" ? at.elem : this.typeOf(e);
    const el = this.L.elem(elemT);
    return this.refDefault(elemT, ir.load(el.load, ir.elem(base, idx, el.size, loc)), loc);
  }
  closure(func) {
    const lf = this.L.program.functions[func];
    const inst = this.L.instance(func, this.job.typeArgs);
    const slot = ir.i32(this.L.b.tableSlot(inst));
    if (lf.captures.length === 0) return ir.rt("closure_new", [slot, ir.i32(0)]);
    const env = this.fb.local("i32");
    const { layout, size } = this.L.envLayout(func, lf.captures.length);
    const stmts = [ir.set(env, ir.rt("alloc", [ir.i32(layout), ir.i32(size)]))];
    lf.captures.forEach((c2, i) => {
      const s = this.slot(c2);
      if (s.kind === "cell") stmts.push(ir.store("i32.store", ir.get(env), ir.get(s.index), 4 + 4 * i));
    });
    return ir.seq(stmts, ir.rt("closure_new", [slot, ir.get(env)]));
  }
  // -------------------------------------------------------------------------------------
  // Calls.
  /** Lowers arguments left to right; unit-typed ones run for their effects in order. */
  args(args) {
    let vals = [];
    let pending = [];
    const pre = [];
    for (const a of args) {
      if (this.vtOf(a) === null) {
        pending.push(...this.eff(a));
        continue;
      }
      let v = this.val(a);
      if (pending.length) {
        v = ir.seq(pending, v);
        pending = [];
      }
      vals.push(v);
    }
    if (pending.length) {
      vals = vals.map((v, i) => {
        const vt = this.valType(args, i);
        const [s, g] = this.spill(vt, v);
        pre.push(...s);
        return g;
      });
      pre.push(...pending);
    }
    return { pre, vals };
  }
  /** The value type of the i-th valued argument. */
  valType(args, i) {
    const valued = args.filter((a) => this.vtOf(a) !== null);
    return this.vtOf(valued[i]);
  }
  call(e) {
    const loc = this.loc(e);
    const target = e.target;
    switch (target.kind) {
      case "function": {
        const fi = this.L.program.functions[target.func];
        const { pre, vals } = this.args(e.args);
        if (fi.body === void 0)
          return {
            pre: [
              ...pre,
              ...vals.map((v) => ir.exec(v)),
              ...this.panicText(`function ${fi.qualifiedName} has no body`, loc)
            ],
            call: null,
            noreturn: true
          };
        const inst = this.L.instance(
          target.func,
          target.typeArgs.map((a) => this.ty(a))
        );
        return { pre, call: ir.call(inst, vals, loc), noreturn: this.ty(fi.ret) === T2.never };
      }
      case "intrinsic":
        return this.intrinsic(e, target.name, target.typeArgs, loc);
      case "contract": {
        const ct = this.ty(target.contract);
        return this.dispatch(ct, target.method, e.args, loc);
      }
      case "bound": {
        const concrete = this.ty(this.L.types.param(target.param));
        const contract = this.ty(target.contract);
        if (this.L.info(concrete).kind === "contract") {
          const ci = this.L.info(contract);
          const name = ci.kind === "contract" ? this.L.program.contracts[ci.decl].methods[target.method].name : "";
          const cc = this.L.info(concrete);
          const idx = cc.kind === "contract" ? this.L.program.contracts[cc.decl].methods.findIndex((m) => m.name === name) : -1;
          return this.dispatch(concrete, idx, e.args, loc);
        }
        const funcs = this.L.conformanceFuncs(concrete, contract);
        if (!funcs)
          throw new Error(
            `lowering: no conformance of ${this.L.typeName(concrete)} to ${this.L.typeName(contract)}`
          );
        const { pre, vals } = this.args(e.args);
        return { pre, call: ir.call(funcs[target.method], vals, loc), noreturn: false };
      }
      case "extern": {
        const { pre, vals } = this.args(e.args);
        return {
          pre,
          call: ir.callExtern(this.L.externIndex(target.contract, target.method), vals, loc),
          noreturn: false
        };
      }
      case "event":
        return {
          pre: this.eventInvoke(e, this.ty(target.record), target.field, loc),
          call: null,
          noreturn: false
        };
      case "closure": {
        const ft = this.L.info(this.typeOf(target.callee));
        if (ft.kind !== "fn") throw new Error("lowering: closure call of a non-function");
        const c2 = this.fb.local("i32");
        const calleeV = this.val(target.callee);
        const { pre, vals } = this.args(e.args);
        const type = this.closureType(ft.params, ft.ret);
        return {
          pre: [ir.set(c2, calleeV), ...pre],
          call: ir.callIndirect(
            type,
            ir.load("i32.load", ir.get(c2), 4),
            [ir.load("i32.load", ir.get(c2), 8), ...vals],
            loc
          ),
          noreturn: this.ty(ft.ret) === T2.never
        };
      }
    }
  }
  closureType(params, ret) {
    const ps = ["i32"];
    for (const p of params) {
      const vt = this.L.vt(this.ty(p));
      if (vt !== null) ps.push(vt);
    }
    return { params: ps, result: this.L.vt(this.ty(ret)) };
  }
  /** Calls method `method` of contract value `args[0]` (of contract type `ct`) through its table. */
  dispatch(ct, method, args, loc) {
    const ci = this.L.info(ct);
    if (ci.kind !== "contract") throw new Error("lowering: contract call on a non-contract");
    const decl = this.L.program.contracts[ci.decl];
    const m = decl.methods[method];
    const map = this.L.declMap(decl.typeParams, ci.args);
    const ps = ["i32"];
    for (const p of m.params) {
      const vt = this.L.vt(this.L.subst(p, map));
      if (vt !== null) ps.push(vt);
    }
    const type = { params: ps, result: this.L.vt(this.L.subst(m.ret, map)) };
    const { pre, vals } = this.args(args);
    const c2 = this.fb.local("i32");
    const [recv, ...rest] = vals;
    return {
      pre: [...pre, ir.set(c2, recv)],
      call: ir.callIndirect(
        type,
        ir.load(
          "i32.load",
          ir.load("i32.load", ir.get(c2), CONTRACT_VTABLE_OFFSET),
          VTABLE_METHODS_OFFSET + 4 * method
        ),
        [ir.load("i32.load", ir.get(c2), CONTRACT_RECEIVER_OFFSET), ...rest],
        loc
      ),
      noreturn: false
    };
  }
  intrinsic(e, name, typeArgs, loc) {
    const L = this.L;
    if (name.startsWith("__gc_")) {
      const pre2 = [];
      for (const a of e.args) pre2.push(...this.eff(a));
      return { pre: pre2, call: null, noreturn: false };
    }
    if (name === "__array_new") {
      const t3 = this.typeOf(e);
      const info2 = L.info(t3);
      const elemT = info2.kind === "array" ? info2.elem : typeArgs.length ? this.ty(typeArgs[0]) : T2.u8;
      const el = L.elem(elemT);
      const pre2 = this.eff(e.args[0]);
      const len = this.val(e.args[1]);
      return {
        pre: pre2,
        call: ir.rt("array_new", [ir.i32(el.layout), ir.i32(el.size), len, ir.i32(loc)], loc),
        noreturn: false
      };
    }
    const rtName = INTRINSIC_RUNTIME.get(name);
    const info = rtName ? runtimeFunction(rtName) : void 0;
    const { pre, vals } = this.args(e.args);
    if (!rtName || !info) {
      return {
        pre: [...pre, ...vals.map((v) => ir.exec(v))],
        call: ir.rt("unsupported", [L.b.string(name.replace(/^__/, "")), ir.i32(loc)], loc),
        noreturn: true
      };
    }
    const args = [...vals];
    if (info.type.params.length === args.length + 1) args.push(ir.i32(loc));
    return { pre, call: ir.rt(rtName, args, loc), noreturn: info.noreturn === true };
  }
  // -------------------------------------------------------------------------------------
  // Events (§5.14): an event object {count, handler array of `capacity` closures}.
  eventObject(objT, field, obj) {
    const slot = this.L.recordLayout(objT).fields.get(field);
    return ir.load("i32.load", obj, slot.offset);
  }
  eventSub(e) {
    const loc = this.loc(e);
    const ev = this.fb.local("i32");
    const h = this.fb.local("i32");
    const items = this.fb.local("i32");
    const n = this.fb.local("i32");
    const out = [
      ir.set(ev, this.eventObject(this.typeOf(e.object), e.field, this.val(e.object))),
      ir.set(h, this.val(e.handler)),
      ir.set(items, ir.load("i32.load", ir.get(ev), EVENT_ITEMS_OFFSET)),
      ir.set(n, ir.load("i32.load", ir.get(ev), EVENT_COUNT_OFFSET))
    ];
    const itemAddr = (k2) => ir.bin("i32.add", ir.get(items), ir.bin("i32.mul", k2, ir.i32(4)));
    if (e.op === "+=") {
      out.push(
        ir.if(
          ir.bin("i32.ge_s", ir.get(n), ir.load("i32.load", ir.get(items), 4)),
          this.L.panicCode("event capacity exceeded", loc)
        ),
        ir.store("i32.store", itemAddr(ir.get(n)), ir.get(h), 8),
        ir.store("i32.store", ir.get(ev), ir.bin("i32.add", ir.get(n), ir.i32(1)), EVENT_COUNT_OFFSET)
      );
      return out;
    }
    const k = this.fb.local("i32");
    const brk = this.fb.label();
    out.push(
      ir.set(k, ir.i32(0)),
      ir.loop(brk, [
        ir.if(ir.bin("i32.ge_s", ir.get(k), ir.get(n)), [ir.br(brk)]),
        ir.if(ir.bin("i32.eq", ir.load("i32.load", itemAddr(ir.get(k)), 8), ir.get(h)), [
          ir.copy(
            ir.bin("i32.add", itemAddr(ir.get(k)), ir.i32(8)),
            ir.bin("i32.add", itemAddr(ir.get(k)), ir.i32(12)),
            ir.bin(
              "i32.mul",
              ir.bin("i32.sub", ir.bin("i32.sub", ir.get(n), ir.get(k)), ir.i32(1)),
              ir.i32(4)
            )
          ),
          ir.store("i32.store", ir.get(ev), ir.bin("i32.sub", ir.get(n), ir.i32(1)), EVENT_COUNT_OFFSET),
          ir.br(brk)
        ]),
        ir.set(k, ir.bin("i32.add", ir.get(k), ir.i32(1))),
        ir.continue(brk)
      ])
    );
    return out;
  }
  eventInvoke(e, recT, field, loc) {
    const [objE, ...argEs] = e.args;
    const ev = this.fb.local("i32");
    const n = this.fb.local("i32");
    const snap = this.fb.local("i32");
    const k = this.fb.local("i32");
    const c2 = this.fb.local("i32");
    const out = [ir.set(ev, this.eventObject(recT, field, this.val(objE)))];
    const { pre, vals } = this.args(argEs);
    out.push(...pre);
    const temps = [];
    const valued = argEs.filter((a) => this.vtOf(a) !== null);
    vals.forEach((v, i) => {
      const t3 = this.fb.local(this.vtOf(valued[i]));
      out.push(ir.set(t3, v));
      temps.push(ir.get(t3));
    });
    const ri = this.L.info(recT);
    if (ri.kind !== "record") throw new Error("lowering: event of a non-record");
    const rec = this.L.program.records[ri.decl];
    const fi = rec.fields.find((f) => f.index === field);
    const recMap = this.L.declMap(rec.typeParams, ri.args);
    const params = fi && fi.kind === "event" ? fi.params.map((p) => this.L.subst(p, recMap)) : [];
    const type = this.closureType(params, T2.unit);
    const brk = this.fb.label();
    out.push(
      ir.set(n, ir.load("i32.load", ir.get(ev), EVENT_COUNT_OFFSET)),
      ir.set(
        snap,
        ir.rt(
          "array_new",
          [ir.i32(LAYOUT.arrayRef), ir.i32(4), ir.un("i64.extend_i32_s", ir.get(n)), ir.i32(loc)],
          loc
        )
      ),
      ir.copy(
        ir.bin("i32.add", ir.get(snap), ir.i32(8)),
        ir.bin("i32.add", ir.load("i32.load", ir.get(ev), EVENT_ITEMS_OFFSET), ir.i32(8)),
        ir.bin("i32.mul", ir.get(n), ir.i32(4))
      ),
      ir.set(k, ir.i32(0)),
      ir.loop(brk, [
        ir.if(ir.bin("i32.ge_s", ir.get(k), ir.get(n)), [ir.br(brk)]),
        ir.set(
          c2,
          ir.load("i32.load", ir.bin("i32.add", ir.get(snap), ir.bin("i32.mul", ir.get(k), ir.i32(4))), 8)
        ),
        ir.exec(
          ir.callIndirect(
            type,
            ir.load("i32.load", ir.get(c2), 4),
            [ir.load("i32.load", ir.get(c2), 8), ...temps],
            loc
          ),
          loc
        ),
        ir.set(k, ir.bin("i32.add", ir.get(k), ir.i32(1))),
        ir.continue(brk)
      ])
    );
    return out;
  }
  // -------------------------------------------------------------------------------------
  // Assignment.
  assign(e, want) {
    const t3 = this.typeOf(e);
    const vt = this.L.vt(t3);
    const loc = this.loc(e);
    const combine = (old, v) => {
      if (e.op === "=") return v;
      if (e.compound === "concat") return ir.rt("str_concat", [old, v]);
      return this.arith(e.op === "+=" ? "add" : "sub", t3, old, v, loc);
    };
    if (vt === null) return { stmts: this.eff(e.value) };
    const finish = (stmts, store, v) => {
      if (!want) return { stmts: [...stmts, ...store(v)] };
      const tmp = this.fb.local(vt);
      return { stmts: [...stmts, ir.set(tmp, v), ...store(ir.get(tmp))], value: ir.get(tmp) };
    };
    const target = e.target;
    switch (target.kind) {
      case "local": {
        const old = e.op === "=" ? ir.i32(0) : this.read(target.local);
        return finish([], (v) => this.write(target.local, v), combine(old, this.val(e.value)));
      }
      case "field": {
        const objT = this.typeOf(target.object);
        const slot = this.L.recordLayout(objT).fields.get(target.field);
        const [pre, obj] = this.spill("i32", this.val(target.object));
        const old = ir.load(this.L.loadOp(vt), obj, slot.offset);
        return finish(
          pre,
          (v) => [ir.store(this.L.storeOp(vt), obj, v, slot.offset)],
          combine(old, this.val(e.value))
        );
      }
      case "index": {
        const at = this.L.info(this.typeOf(target.object));
        const elemT = at.kind === "array" ? at.elem : t3;
        const el = this.L.elem(elemT);
        const [po, obj] = this.spill("i32", this.val(target.object));
        const [pi, idx] = this.spill("i64", this.toI64Index(target.index));
        if (e.op === "=") {
          const [pv, v] = this.spill(vt, this.val(e.value));
          return finish(
            [...po, ...pi, ...pv],
            (x) => [ir.store(el.store, ir.elem(obj, idx, el.size, loc), x, 0, loc)],
            v
          );
        }
        const addr = this.fb.local("i32");
        const pre = [...po, ...pi, ir.set(addr, ir.elem(obj, idx, el.size, loc))];
        const old = ir.load(el.load, ir.get(addr));
        return finish(pre, (x) => [ir.store(el.store, ir.get(addr), x)], combine(old, this.val(e.value)));
      }
    }
  }
  // -------------------------------------------------------------------------------------
  // match (§5.9) and `?` (§5.10).
  /** Lowers a match; `dest` receives each arm's value (null: arms run for their effects). */
  match(e, dest) {
    const st = this.typeOf(e.scrutinee);
    const svt = this.L.vt(st);
    const end = this.fb.label();
    const inner = [];
    let scrut = ir.i32(0);
    if (svt === null) inner.push(...this.eff(e.scrutinee));
    else {
      const s = this.fb.local(svt);
      inner.push(ir.set(s, this.val(e.scrutinee)));
      scrut = ir.get(s);
    }
    for (const arm of e.arms) inner.push(this.arm(arm, scrut, st, end, dest));
    inner.push(ir.unreachable(this.loc(e)));
    return [ir.block(end, inner)];
  }
  arm(arm, scrut, st, end, dest) {
    const fail2 = this.fb.label();
    const body = this.pattern(arm.pattern, scrut, st, fail2);
    if (arm.guard) body.push(ir.if(ir.un("i32.eqz", this.val(arm.guard)), [ir.br(fail2)]));
    if (dest && this.vtOf(arm.body) !== null) body.push(...dest(this.val(arm.body)));
    else body.push(...this.eff(arm.body));
    body.push(ir.br(end));
    return ir.block(fail2, body, this.loc(arm));
  }
  pattern(p, value, t3, fail2) {
    switch (p.kind) {
      case "wildcard":
        return [];
      case "bind":
        return this.bind(p.local, this.L.vt(t3) === null ? null : value);
      case "literal": {
        let lit;
        switch (p.literal) {
          case "string":
            lit = this.L.b.string(String(p.value));
            break;
          case "bool":
            lit = ir.i32(p.value ? 1 : 0);
            break;
          case "char":
            lit = ir.i32(Number(p.value));
            break;
          default:
            lit = this.constOf(t3, p.value);
        }
        return [ir.if(ir.un("i32.eqz", this.L.equals(t3, value, lit)), [ir.br(fail2)])];
      }
      case "variant": {
        const v = this.L.variantLayout(t3, p.variant);
        const out = [
          ir.if(ir.bin("i32.ne", ir.load("i32.load", value, ENUM_TAG_OFFSET), ir.i32(v.tag)), [ir.br(fail2)])
        ];
        p.sub?.forEach((sp, i) => {
          const slot = v.fields[i];
          if (!slot || sp.kind === "wildcard") return;
          if (slot.vt === null) {
            out.push(...this.pattern(sp, ir.i32(0), slot.type, fail2));
            return;
          }
          const loaded = ir.load(this.L.loadOp(slot.vt), value, slot.offset);
          if (sp.kind === "bind") {
            out.push(...this.bind(sp.local, loaded));
            return;
          }
          const tmp = this.fb.local(slot.vt);
          out.push(ir.set(tmp, loaded), ...this.pattern(sp, ir.get(tmp), slot.type, fail2));
        });
        return out;
      }
    }
  }
  tryExpr(e) {
    const loc = this.loc(e);
    const ot = this.typeOf(e.operand);
    const o = this.fb.local("i32");
    const stmts = [ir.set(o, this.val(e.operand))];
    const failV = this.L.variantLayout(ot, e.failVariant);
    let onFail;
    if (e.mode === "panic" || e.returnType === void 0 || e.returnVariant === void 0) {
      onFail = this.L.panicCode("try expression propagated error", loc);
    } else {
      const rt = this.ty(e.returnType);
      const args = [];
      const f0 = failV.fields[0];
      if (f0 && f0.vt !== null) {
        const payload = ir.load(this.L.loadOp(f0.vt), ir.get(o), f0.offset);
        const target = this.L.variantLayout(rt, e.returnVariant).fields[0];
        const conv = e.errorConv;
        args.push({
          val: conv && target ? this.convertValue(conv, f0.type, target.type, payload, loc) : payload
        });
      }
      onFail = [ir.ret(this.enumNew(rt, e.returnVariant, args), loc)];
    }
    stmts.push(
      ir.if(ir.bin("i32.eq", ir.load("i32.load", ir.get(o), ENUM_TAG_OFFSET), ir.i32(failV.tag)), onFail)
    );
    const okV = this.L.variantLayout(ot, e.successVariant);
    const s0 = okV.fields[0];
    const value = s0 && s0.vt !== null && this.vtOf(e) !== null ? ir.load(this.L.loadOp(s0.vt), ir.get(o), s0.offset) : null;
    return { stmts, value };
  }
};
var MAX_STRING_BYTES = 2147483632 - 8;
function concatParts(e) {
  if (e.kind === "concat") return [...concatParts(e.left), e.right];
  if (e.kind === "interp" && e.parts.length > 0) return e.parts.flatMap(concatParts);
  return [e];
}

// src/lowering/lowerer.ts
var ENUM_TAG_OFFSET = 4;
var CELL_VALUE_OFFSET = 8;
var EVENT_COUNT_OFFSET = 4;
var EVENT_ITEMS_OFFSET = 8;
var CONTRACT_RECEIVER_OFFSET = 4;
var CONTRACT_VTABLE_OFFSET = 8;
var VTABLE_TYPEKEY_OFFSET = 4;
var VTABLE_EQ_OFFSET = 8;
var VTABLE_METHODS_OFFSET = 12;
var INT_PRIMS = /* @__PURE__ */ new Set(["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64"]);
function symbolSafe(s) {
  return s.replace(/[^A-Za-z0-9_]/g, "_");
}
var Lowerer = class {
  constructor(program, options) {
    this.program = program;
    this.options = options;
    for (let i = this.types.list.length; i < program.types.length; i++) {
      const id = this.types.intern(program.types[i]);
      if (id !== i) throw new Error(`lowering: type table is not interned (type ${i} \u2192 ${id})`);
    }
  }
  program;
  options;
  types = new TypeTable();
  b = new ArtifactBuilder();
  instances = /* @__PURE__ */ new Map();
  queue = [];
  usedNames = /* @__PURE__ */ new Set();
  layouts = /* @__PURE__ */ new Map();
  records = /* @__PURE__ */ new Map();
  variants = /* @__PURE__ */ new Map();
  eqFuncs = /* @__PURE__ */ new Map();
  fnValues = /* @__PURE__ */ new Map();
  constEnums = /* @__PURE__ */ new Map();
  emptyArrays = /* @__PURE__ */ new Map();
  vtables = /* @__PURE__ */ new Map();
  typeKeys = /* @__PURE__ */ new Map();
  externs = /* @__PURE__ */ new Map();
  run() {
    const p = this.program;
    if (p.entry !== void 0) {
      const f = p.functions[p.entry];
      this.b.entryPoint(f.name, this.instance(p.entry, []), true);
    }
    if (p.entryModule !== void 0) {
      for (const f of p.functions) {
        if (f.id === p.entry || f.kind !== "function" || f.module !== p.entryModule) continue;
        if (f.params.length !== 0 || f.typeParams.length !== 0 || f.body === void 0) continue;
        const r = this.types.get(f.ret);
        if (f.ret !== T2.unit && !(r.kind === "prim" && INT_PRIMS.has(r.prim))) continue;
        this.b.entryPoint(f.name, this.instance(f.id, []), false);
      }
    }
    if (this.options.tests !== false) {
      for (const t3 of p.tests) {
        const loc = this.position(t3.span);
        this.b.test({
          qualifiedName: t3.qualifiedName,
          name: t3.name,
          group: t3.group ?? null,
          tags: [...t3.tags],
          skip: t3.skip ? { condition: t3.skip.condition, reason: t3.skip.reason ?? null } : null,
          file: t3.file,
          line: loc.line,
          column: loc.column,
          func: this.instance(t3.func, [])
        });
      }
    }
    if (this.options.library && p.entryModule !== void 0) {
      const root = p.modules[p.entryModule].path;
      const inTree = (m) => {
        const path2 = p.modules[m].path;
        return root === "" || path2 === root || path2.startsWith(root + ".");
      };
      for (const f of p.functions) {
        if (f.kind !== "function" || !f.isPub || f.typeParams.length !== 0 || f.body === void 0) continue;
        if (!inTree(f.module)) continue;
        this.b.export(symbolSafe(f.qualifiedName), this.instance(f.id, []));
      }
    }
    for (let next = 0; next < this.queue.length; next++) this.define(this.queue[next]);
    return this.b.finish();
  }
  // -------------------------------------------------------------------------------------
  // Source locations.
  position(span) {
    const index = this.program.sources.get(span.file);
    return index ? index.position(span.start) : { line: 0, column: 0 };
  }
  loc(span) {
    const p = this.position(span);
    return this.b.loc(span.file, p.line, p.column);
  }
  /** Location of byte offset `offset` in `file`. */
  locAt(file, offset) {
    return this.loc({ file, start: offset, end: offset });
  }
  // -------------------------------------------------------------------------------------
  // Instances.
  /** The root (non-lambda) function whose type parameters a lambda is instantiated with. */
  rootOf(func) {
    let f = this.program.functions[func];
    while (f.kind === "lambda" && f.parent !== void 0) f = this.program.functions[f.parent];
    return f;
  }
  /** Declares (once) the instance of `func` at `typeArgs` (for lambdas: the root's arguments). */
  instance(func, typeArgs) {
    const key = `${func}|${typeArgs.join(",")}`;
    const found = this.instances.get(key);
    if (found !== void 0) return found;
    const f = this.program.functions[func];
    const params = f.kind === "lambda" ? this.rootOf(func).typeParams : f.typeParams;
    const map = /* @__PURE__ */ new Map();
    params.forEach((p, i) => map.set(p, typeArgs[i] ?? T2.unit));
    const vts = f.kind === "lambda" ? ["i32"] : [];
    for (const t3 of f.paramTypes) {
      const vt = this.vt(this.subst(t3, map));
      if (vt !== null) vts.push(vt);
    }
    const ret = this.vt(this.subst(f.ret, map));
    const args = typeArgs.length ? `<${typeArgs.map((t3) => this.typeName(t3)).join(",")}>` : "";
    const index = this.b.declare(this.uniqueName(f.qualifiedName + args), vts, ret);
    this.instances.set(key, index);
    this.queue.push({ func, typeArgs, map, index });
    return index;
  }
  define(job) {
    const f = this.program.functions[job.func];
    this.b.define(job.index, (fb) => new FnLower(this, job, fb).lower(), this.loc(f.span));
  }
  uniqueName(base) {
    let name = base;
    for (let n = 2; this.usedNames.has(name); n++) name = `${base}#${n}`;
    this.usedNames.add(name);
    return name;
  }
  // -------------------------------------------------------------------------------------
  // Types.
  info(t3) {
    return this.types.get(t3);
  }
  subst(t3, map) {
    return substitute(this.types, t3, map);
  }
  prim(t3) {
    const i = this.types.get(t3);
    return i.kind === "prim" ? i.prim : void 0;
  }
  isIntType(t3) {
    const p = this.prim(t3);
    return p !== void 0 && INT_PRIMS.has(p);
  }
  /** The value type of a (concrete) Beskid type; null for `unit`/`never`. */
  vt(t3) {
    const i = this.types.get(t3);
    if (i.kind === "param" || i.kind === "error")
      throw new Error(`lowering: ${this.typeName(t3)} is not a concrete type`);
    if (i.kind !== "prim") return "i32";
    switch (i.prim) {
      case "unit":
      case "never":
        return null;
      case "i64":
      case "u64":
      case "pointer":
        return "i64";
      case "f32":
        return "f32";
      case "f64":
        return "f64";
      default:
        return "i32";
    }
  }
  /** Whether values of `t` are heap references. */
  isRef(t3) {
    const i = this.types.get(t3);
    return i.kind !== "prim" ? i.kind !== "param" && i.kind !== "error" : i.prim === "string";
  }
  typeName(t3) {
    const i = this.types.get(t3);
    const args = (xs) => xs.length ? `<${xs.map((x) => this.typeName(x)).join(",")}>` : "";
    switch (i.kind) {
      case "prim":
        return i.prim;
      case "array":
        return `${this.typeName(i.elem)}[]`;
      case "fn":
        return `${this.typeName(i.ret)}(${i.params.map((x) => this.typeName(x)).join(",")})`;
      case "record":
        return this.program.records[i.decl].qualifiedName + args(i.args);
      case "enum":
        return this.program.enums[i.decl].qualifiedName + args(i.args);
      case "contract":
        return this.program.contracts[i.decl].qualifiedName + args(i.args);
      case "param":
        return this.program.typeParams[i.param]?.name ?? "?";
      case "error":
        return "{error}";
    }
  }
  /** Type parameter map of a generic declaration instance. */
  declMap(params, args) {
    const m = /* @__PURE__ */ new Map();
    params.forEach((p, i) => m.set(p, args[i] ?? T2.unit));
    return m;
  }
  /** Field storage width in records and cells. */
  fieldSize(vt) {
    return vt === null ? 0 : vt === "i64" || vt === "f64" ? 8 : 4;
  }
  loadOp(vt) {
    return `${vt}.load`;
  }
  storeOp(vt) {
    return `${vt}.store`;
  }
  elem(t3) {
    const p = this.prim(t3);
    switch (p) {
      case "bool":
      case "u8":
        return { size: 1, layout: LAYOUT.array8, vt: "i32", load: "i32.load8_u", store: "i32.store8" };
      case "i8":
        return { size: 1, layout: LAYOUT.array8, vt: "i32", load: "i32.load8_s", store: "i32.store8" };
      case "i16":
        return { size: 2, layout: LAYOUT.array16, vt: "i32", load: "i32.load16_s", store: "i32.store16" };
      case "u16":
        return { size: 2, layout: LAYOUT.array16, vt: "i32", load: "i32.load16_u", store: "i32.store16" };
      case "unit":
      case "never":
        return { size: 1, layout: LAYOUT.array8, vt: null, load: "i32.load8_u", store: "i32.store8" };
      case "i64":
      case "u64":
      case "pointer":
        return { size: 8, layout: LAYOUT.array64, vt: "i64", load: "i64.load", store: "i64.store" };
      case "f64":
        return { size: 8, layout: LAYOUT.array64, vt: "f64", load: "f64.load", store: "f64.store" };
      case "f32":
        return { size: 4, layout: LAYOUT.array32, vt: "f32", load: "f32.load", store: "f32.store" };
      case "i32":
      case "u32":
      case "char":
        return { size: 4, layout: LAYOUT.array32, vt: "i32", load: "i32.load", store: "i32.store" };
      default:
        return { size: 4, layout: LAYOUT.arrayRef, vt: "i32", load: "i32.load", store: "i32.store" };
    }
  }
  // -------------------------------------------------------------------------------------
  // Layouts.
  namedLayout(name, size, refs) {
    const found = this.layouts.get(name);
    if (found !== void 0) return found;
    const id = this.b.layout({ kind: "record", name, size, refs });
    this.layouts.set(name, id);
    return id;
  }
  /** Lays out fields in order, each aligned to its width, from `start`. */
  place(start, fields) {
    let at = start;
    const slots = [];
    const refs = [];
    for (const f of fields) {
      const vt = f.event ? "i32" : this.vt(f.type);
      const size = this.fieldSize(vt);
      if (size > 0) at = Math.ceil(at / size) * size;
      slots.push({ offset: at, type: f.type, vt, ...f.event ? { event: f.event } : {} });
      if (f.event || vt !== null && this.isRef(f.type)) refs.push(at);
      at += size;
    }
    return { slots, size: Math.max(8, Math.ceil(at / 8) * 8), refs };
  }
  recordLayout(t3) {
    const found = this.records.get(t3);
    if (found) return found;
    const i = this.types.get(t3);
    if (i.kind !== "record") throw new Error(`lowering: ${this.typeName(t3)} is not a record`);
    const rec = this.program.records[i.decl];
    const map = this.declMap(rec.typeParams, i.args);
    const ordered = [...rec.fields].sort((a, b) => a.index - b.index);
    const placed = this.place(
      4,
      ordered.map(
        (f) => f.kind === "event" ? { type: T2.i32, event: { capacity: f.capacity } } : { type: this.subst(f.type, map) }
      )
    );
    const fields = /* @__PURE__ */ new Map();
    ordered.forEach((f, k) => fields.set(f.index, placed.slots[k]));
    const layout = this.namedLayout(this.typeName(t3), placed.size, placed.refs);
    const r = { layout, size: placed.size, fields };
    this.records.set(t3, r);
    return r;
  }
  enumInfo(t3) {
    const i = this.types.get(t3);
    if (i.kind !== "enum") throw new Error(`lowering: ${this.typeName(t3)} is not an enum`);
    const decl = this.program.enums[i.decl];
    return { decl, map: this.declMap(decl.typeParams, i.args) };
  }
  variantLayout(t3, variant) {
    const key = `${t3}:${variant}`;
    const found = this.variants.get(key);
    if (found) return found;
    const { decl, map } = this.enumInfo(t3);
    const v = decl.variants[variant];
    const placed = this.place(
      8,
      v.fields.map((f) => ({ type: this.subst(f.type, map) }))
    );
    const layout = this.namedLayout(`${this.typeName(t3)}::${v.name}`, placed.size, placed.refs);
    const r = { layout, size: placed.size, tag: v.tag, fields: placed.slots };
    this.variants.set(key, r);
    return r;
  }
  /** A payload-less enum value as constant data (no allocation; identity is unspecified, §5.6). */
  constEnum(t3, variant) {
    const key = `${t3}:${variant}`;
    const found = this.constEnums.get(key);
    if (found) return found;
    const v = this.variantLayout(t3, variant);
    const bytes = new Uint8Array(8);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, v.layout, true);
    view.setInt32(4, v.tag, true);
    const e = ir.data(this.b.dataSegment(`enum.${this.typeName(t3)}::${variant}`, bytes));
    this.constEnums.set(key, e);
    return e;
  }
  /** A constant empty array of one element layout (the zero value of array elements). */
  emptyArray(layout) {
    const found = this.emptyArrays.get(layout);
    if (found) return found;
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setInt32(0, layout, true);
    const e = ir.data(this.b.dataSegment(`array.empty.${layout}`, bytes));
    this.emptyArrays.set(layout, e);
    return e;
  }
  cellLayout(vt, ref) {
    return this.namedLayout(ref ? "cell.ref" : `cell.${vt}`, 16, ref ? [CELL_VALUE_OFFSET] : []);
  }
  envLayout(lambda, count) {
    const refs = Array.from({ length: count }, (_, i) => 4 + 4 * i);
    const name = `env.${this.program.functions[lambda].qualifiedName}`;
    const size = Math.max(8, Math.ceil((4 + 4 * count) / 8) * 8);
    return { layout: this.namedLayout(name, size, refs), size };
  }
  eventLayout() {
    return this.namedLayout("event", 16, [EVENT_ITEMS_OFFSET]);
  }
  contractLayout() {
    return this.namedLayout("contract", 16, [CONTRACT_RECEIVER_OFFSET, CONTRACT_VTABLE_OFFSET]);
  }
  /** Method tables of `methods` slots (constant data, or allocated by an upcast). */
  vtableLayout(methods) {
    const size = Math.ceil((VTABLE_METHODS_OFFSET + 4 * methods) / 8) * 8;
    return { layout: this.namedLayout(`vtable.${methods}`, size, []), size };
  }
  /** The extern function of `[Extern]` contract `contract`, method `method` (declared once). */
  externIndex(contract, method) {
    const key = `${contract}:${method}`;
    const found = this.externs.get(key);
    if (found !== void 0) return found;
    const c2 = this.program.contracts[contract];
    const m = c2.methods[method];
    const params = [];
    for (const p of m.params) {
      const vt = this.vt(p);
      if (vt !== null) params.push(vt);
    }
    const idx = this.b.extern({
      contract: c2.name,
      name: m.name,
      library: c2.extern?.library ?? "",
      type: { params, result: this.vt(m.ret) }
    });
    this.externs.set(key, idx);
    return idx;
  }
  /** A small dense number per concrete receiver type (for contract equality). */
  typeKey(t3) {
    let k = this.typeKeys.get(t3);
    if (k === void 0) {
      k = this.typeKeys.size + 1;
      this.typeKeys.set(t3, k);
    }
    return k;
  }
  /**
   * The constant method table of `receiverType` as `contract`: layout id, type key, equality
   * slot, then one table slot per method.
   */
  vtable(receiverType, contract, funcs) {
    const key = `${receiverType}>${contract}:${funcs.join(",")}`;
    const found = this.vtables.get(key);
    if (found) return found;
    const slots = funcs.map((f) => this.b.tableSlot(f));
    const bytes = new Uint8Array(VTABLE_METHODS_OFFSET + 4 * slots.length);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, this.vtableLayout(slots.length).layout, true);
    view.setInt32(VTABLE_TYPEKEY_OFFSET, this.typeKey(receiverType), true);
    view.setInt32(VTABLE_EQ_OFFSET, this.b.tableSlot(this.eqFunc(receiverType)), true);
    slots.forEach((s, i) => view.setInt32(VTABLE_METHODS_OFFSET + 4 * i, s, true));
    const e = ir.data(
      this.b.dataSegment(`vtable.${this.typeName(receiverType)}>${this.typeName(contract)}`, bytes)
    );
    this.vtables.set(key, e);
    return e;
  }
  /**
   * The implementations of `contract`'s methods for the concrete `receiver` type, found
   * through the declared conformance; undefined when there is none.
   */
  conformanceFuncs(receiver, contract) {
    const c2 = this.types.get(contract);
    if (c2.kind !== "contract") return void 0;
    const inst = (impl) => this.instance(impl.func, this.implTypeArgs(impl.func, impl.form, receiver));
    for (const conf of this.program.conformances) {
      const cc = this.types.get(conf.contract);
      if (cc.kind !== "contract" || cc.decl !== c2.decl) continue;
      const bindings = /* @__PURE__ */ new Map();
      const vars = new Set(conf.typeParams);
      if (!unify(this.types, conf.type, receiver, vars, bindings)) continue;
      if (!unify(this.types, conf.contract, contract, vars, bindings)) continue;
      return conf.impls.map(inst);
    }
    const wanted = this.program.contracts[c2.decl].methods;
    for (const conf of this.program.conformances) {
      const cc = this.types.get(conf.contract);
      if (cc.kind !== "contract" || !this.embeds(cc.decl, c2.decl)) continue;
      if (!unify(this.types, conf.type, receiver, new Set(conf.typeParams), /* @__PURE__ */ new Map())) continue;
      const have = this.program.contracts[cc.decl].methods;
      const picked = wanted.map((m) => conf.impls[have.findIndex((h) => h.name === m.name)]);
      if (picked.every((p) => p !== void 0)) return picked.map(inst);
    }
    return void 0;
  }
  /** Whether contract `outer` embeds `inner` (directly or transitively). */
  embeds(outer, inner, seen = /* @__PURE__ */ new Set()) {
    if (seen.has(outer)) return false;
    seen.add(outer);
    for (const e of this.program.contracts[outer].embeds) {
      const info = this.types.get(e);
      if (info.kind === "contract" && (info.decl === inner || this.embeds(info.decl, inner, seen)))
        return true;
    }
    return false;
  }
  /** Type arguments of an implementing function, by unifying its receiver parameter with `receiver`. */
  implTypeArgs(func, form, receiver) {
    const f = this.program.functions[func];
    if (f.typeParams.length === 0) return [];
    const pattern = form === "member" ? f.receiver ?? f.paramTypes[0] : f.paramTypes[0];
    const bindings = /* @__PURE__ */ new Map();
    if (pattern !== void 0) unify(this.types, pattern, receiver, new Set(f.typeParams), bindings);
    return f.typeParams.map((p) => bindings.get(p) ?? T2.unit);
  }
  // -------------------------------------------------------------------------------------
  // Function values.
  /**
   * The closure object of a named function instance: constant data `{closure layout, slot,
   * env 0}` whose code is an adapter taking (and ignoring) the environment. One per instance,
   * so `===` on the same named function holds (§5.13).
   */
  fnValue(func, typeArgs) {
    const key = `${func}|${typeArgs.join(",")}`;
    const found = this.fnValues.get(key);
    if (found) return found;
    const target = this.instance(func, typeArgs);
    const t3 = this.b.typeOf(target);
    const name = this.uniqueName(`${this.nameOfInstance(func, typeArgs)}$value`);
    const adapter = this.b.func(name, ["i32", ...t3.params], t3.result, (fb) => {
      const args = t3.params.map((_, i) => fb.param(i + 1));
      const call = ir.call(target, args);
      return t3.result === null ? [ir.exec(call), ir.ret()] : [ir.ret(call)];
    });
    const bytes = new Uint8Array(12);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, LAYOUT.closure, true);
    view.setInt32(4, this.b.tableSlot(adapter), true);
    view.setInt32(8, 0, true);
    const e = ir.data(this.b.dataSegment(`fn.${name}`, bytes));
    this.fnValues.set(key, e);
    return e;
  }
  nameOfInstance(func, typeArgs) {
    const f = this.program.functions[func];
    return f.qualifiedName + (typeArgs.length ? `<${typeArgs.map((t3) => this.typeName(t3)).join(",")}>` : "");
  }
  // -------------------------------------------------------------------------------------
  // Structural equality (D8).
  /** `a == b` on values of the concrete type `t` (both operands already lowered). */
  equals(t3, a, b) {
    const p = this.prim(t3);
    if (p !== void 0) {
      switch (p) {
        case "unit":
        case "never":
          return ir.i32(1);
        case "i64":
        case "u64":
        case "pointer":
          return ir.bin("i64.eq", a, b);
        case "f32":
          return ir.bin("f32.eq", a, b);
        case "f64":
          return ir.bin("f64.eq", a, b);
        case "string":
          return ir.un("i32.wrap_i64", ir.rt("str_eq", [a, b]));
        default:
          return ir.bin("i32.eq", a, b);
      }
    }
    if (this.types.get(t3).kind === "fn") return ir.bin("i32.eq", a, b);
    return ir.call(this.eqFunc(t3), [a, b]);
  }
  /** The generated `(i32, i32) -> i32` equality function of a heap type. */
  eqFunc(t3) {
    const found = this.eqFuncs.get(t3);
    if (found !== void 0) return found;
    const idx = this.b.declare(this.uniqueName(`eq.${this.typeName(t3)}`), ["i32", "i32"], "i32");
    this.eqFuncs.set(t3, idx);
    this.b.define(idx, (fb) => this.eqBody(t3, fb));
    return idx;
  }
  eqBody(t3, fb) {
    const a = fb.param(0);
    const b = fb.param(1);
    const out = [
      ir.if(ir.bin("i32.eq", a, b), [ir.ret(ir.i32(1))]),
      ir.if(ir.bin("i32.or", ir.un("i32.eqz", a), ir.un("i32.eqz", b)), [ir.ret(ir.i32(0))])
    ];
    const i = this.types.get(t3);
    const no = ir.ret(ir.i32(0));
    const field = (base, slot) => ir.load(this.loadOp(slot.vt), base, slot.offset);
    switch (i.kind) {
      case "prim":
        out.push(ir.ret(this.equals(t3, a, b)));
        break;
      case "fn":
        out.push(no);
        break;
      case "array": {
        const el = this.elem(i.elem);
        const len = fb.local("i32");
        const k = fb.local("i32");
        const brk = fb.label();
        out.push(
          ir.set(len, ir.load("i32.load", a, 4)),
          ir.if(ir.bin("i32.ne", ir.get(len), ir.load("i32.load", b, 4)), [no])
        );
        if (el.vt !== null) {
          const at = (base) => ir.load(el.load, ir.bin("i32.add", base, ir.bin("i32.mul", ir.get(k), ir.i32(el.size))), 8);
          out.push(
            ir.loop(brk, [
              ir.if(ir.bin("i32.ge_s", ir.get(k), ir.get(len)), [ir.br(brk)]),
              ir.if(ir.un("i32.eqz", this.equals(i.elem, at(a), at(b))), [no]),
              ir.set(k, ir.bin("i32.add", ir.get(k), ir.i32(1))),
              ir.continue(brk)
            ])
          );
        }
        out.push(ir.ret(ir.i32(1)));
        break;
      }
      case "record": {
        const r = this.recordLayout(t3);
        for (const slot of [...r.fields.values()]) {
          if (slot.event || slot.vt === null) continue;
          out.push(ir.if(ir.un("i32.eqz", this.equals(slot.type, field(a, slot), field(b, slot))), [no]));
        }
        out.push(ir.ret(ir.i32(1)));
        break;
      }
      case "enum": {
        const { decl } = this.enumInfo(t3);
        const tag = fb.local("i32");
        out.push(
          ir.set(tag, ir.load("i32.load", a, ENUM_TAG_OFFSET)),
          ir.if(ir.bin("i32.ne", ir.get(tag), ir.load("i32.load", b, ENUM_TAG_OFFSET)), [no])
        );
        decl.variants.forEach((_, vi) => {
          const v = this.variantLayout(t3, vi);
          const checks = [];
          for (const slot of v.fields) {
            if (slot.vt === null) continue;
            checks.push(
              ir.if(ir.un("i32.eqz", this.equals(slot.type, field(a, slot), field(b, slot))), [no])
            );
          }
          if (checks.length) out.push(ir.if(ir.bin("i32.eq", ir.get(tag), ir.i32(v.tag)), checks));
        });
        out.push(ir.ret(ir.i32(1)));
        break;
      }
      case "contract": {
        const va = ir.load("i32.load", a, CONTRACT_VTABLE_OFFSET);
        const vb = ir.load("i32.load", b, CONTRACT_VTABLE_OFFSET);
        out.push(
          ir.if(
            ir.bin(
              "i32.ne",
              ir.load("i32.load", va, VTABLE_TYPEKEY_OFFSET),
              ir.load("i32.load", vb, VTABLE_TYPEKEY_OFFSET)
            ),
            [no]
          ),
          ir.ret(
            ir.callIndirect(
              { params: ["i32", "i32"], result: "i32" },
              ir.load("i32.load", va, VTABLE_EQ_OFFSET),
              [
                ir.load("i32.load", a, CONTRACT_RECEIVER_OFFSET),
                ir.load("i32.load", b, CONTRACT_RECEIVER_OFFSET)
              ]
            )
          )
        );
        break;
      }
      default:
        out.push(no);
    }
    return out;
  }
  /** Panic statement with a fixed code at `loc`. */
  panicCode(code, loc) {
    return [
      ir.exec(ir.rt("panic_code", [ir.i32(PANIC[code]), ir.i32(loc ?? -1)], loc), loc),
      ir.unreachable(loc)
    ];
  }
};

// src/lowering/index.ts
function lower(program, options = {}) {
  return new Lowerer(program, options).run();
}

// src/util/paths.ts
import { existsSync as existsSync3 } from "node:fs";
import { dirname as dirname6, join as join8 } from "node:path";
import { fileURLToPath } from "node:url";
var cached;
function packageRoot() {
  if (cached) return cached;
  let dir = dirname6(fileURLToPath(import.meta.url));
  for (; ; ) {
    if (existsSync3(join8(dir, "package.json")) && existsSync3(join8(dir, "corelib"))) return cached = dir;
    const up = dirname6(dir);
    if (up === dir) throw new Error("beskid-ci: cannot find the package root (package.json beside corelib/)");
    dir = up;
  }
}
function bundledCorelibRoot() {
  return join8(packageRoot(), "corelib");
}

// src/pipeline/closure-snapshot.ts
import { readFileSync as readFileSync7 } from "node:fs";
import { join as join9 } from "node:path";
function recordingFs(base = nodeFs) {
  const probes = /* @__PURE__ */ new Map();
  const reads = /* @__PURE__ */ new Map();
  const realpaths = /* @__PURE__ */ new Map();
  const fs2 = {
    isFile(p) {
      const v = base.isFile(p);
      probes.set(p, v);
      return v;
    },
    readFile(p) {
      const bytes = base.readFile(p);
      reads.set(p, sha256Hex(bytes));
      return bytes;
    },
    realpath(p) {
      const v = base.realpath(p);
      realpaths.set(p, v);
      return v;
    }
  };
  return { fs: fs2, probes, reads, realpaths };
}
function snapshotPath(dir, identity) {
  return join9(dir, `closure-${sha256Hex(`${VERSION}
${identity}`).slice(0, 16)}.json`);
}
function saveSnapshot(path2, rec, assembly) {
  const sorted = (m) => [...m.entries()].sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const snap = {
    v: 1,
    toolchain: VERSION,
    probes: sorted(rec.probes),
    reads: sorted(rec.reads),
    realpaths: sorted(rec.realpaths),
    units: assembly.units.map((u) => ({
      module: u.module,
      path: u.path,
      relPath: u.relPath,
      hash: u.hash,
      fileName: u.fileName,
      rootIndex: u.rootIndex
    })),
    entryIndex: assembly.entryIndex
  };
  writeFileAtomic(path2, JSON.stringify(snap));
}
function loadValidSnapshot(path2, roots, fs2 = nodeFs) {
  let snap;
  try {
    snap = JSON.parse(readFileSync7(path2, "utf8"));
    if (snap.v !== 1 || snap.toolchain !== VERSION || !Array.isArray(snap.units)) return void 0;
  } catch {
    return void 0;
  }
  try {
    for (const [p, exists] of snap.probes) if (fs2.isFile(p) !== exists) return void 0;
    for (const [p, real] of snap.realpaths) if (fs2.realpath(p) !== real) return void 0;
    const texts = /* @__PURE__ */ new Map();
    const decoder = new TextDecoder("utf-8");
    for (const [p, hash] of snap.reads) {
      const bytes = fs2.readFile(p);
      if (sha256Hex(bytes) !== hash) return void 0;
      texts.set(p, decoder.decode(bytes));
    }
    const units = snap.units.map((u) => ({ ...u, text: texts.get(u.path) ?? "" }));
    if (units.some((u) => !texts.has(u.path))) return void 0;
    return { roots, units, entryIndex: snap.entryIndex, mode: "ImportClosure" };
  } catch {
    return void 0;
  }
}

// src/pipeline/frontend.ts
function unitName(plan, path2) {
  const rel2 = relative6(plan.projectDir, path2);
  if (!rel2.startsWith("..") && !isAbsolute2(rel2)) return rel2.split(sep6).join("/");
  for (const root of plan.roots) {
    const r = relative6(root.path, path2);
    if (!r.startsWith("..") && !isAbsolute2(r)) return `${root.name}:${r.split(sep6).join("/")}`;
  }
  return path2;
}
function displayPath(cwd, unitPaths, name) {
  const abs = unitPaths.get(name) ?? (isAbsolute2(name) ? name : void 0);
  if (abs === void 0) return name;
  const rel2 = relative6(cwd, abs);
  return rel2.startsWith("..") || isAbsolute2(rel2) ? abs : rel2.split(sep6).join("/");
}
function displayDiagnostics(cwd, unitPaths, diagnostics) {
  return diagnostics.map(
    (d) => d.file === void 0 ? d : { ...d, file: displayPath(cwd, unitPaths, d.file) }
  );
}
function hashFile(path2) {
  try {
    return sha256Hex(readFileSync8(path2));
  } catch {
    return "missing";
  }
}
function loweringOptions(command) {
  void command;
  return { tests: true, exports: true };
}
function resolveProject(req, workspaceScanMode = false, snapshotDir) {
  const corelibRoot = req.corelibRoot ? resolvePath(req.cwd, req.corelibRoot) : bundledCorelibRoot();
  const planned = resolvePlan({
    cwd: req.cwd,
    lockMode: req.lockMode ?? "default",
    command: req.command,
    corelibRoot,
    ...req.project !== void 0 ? { project: req.project } : {},
    ...req.input !== void 0 ? { input: req.input } : {},
    ...req.target !== void 0 ? { target: req.target } : {},
    ...req.workspaceMember !== void 0 ? { workspaceMember: req.workspaceMember } : {}
  });
  const diagnostics = [...planned.diagnostics];
  const plan = planned.value;
  if (!plan || hasErrors(diagnostics)) return { diagnostics };
  const roots = plan.roots.map((r) => ({ name: r.name, path: r.path }));
  const fileName = (path2) => unitName(plan, path2);
  const snapshot = snapshotDir && !workspaceScanMode ? snapshotPath(snapshotDir(plan), JSON.stringify([plan.entryFile, roots])) : void 0;
  let assembly = snapshot ? loadValidSnapshot(snapshot, roots) : void 0;
  let saveLater;
  if (!assembly) {
    const rec = recordingFs();
    const assembled = workspaceScanMode ? workspaceScan(
      plan.roots.filter((r) => r.kind !== "corelib").map((r) => ({ name: r.name, path: r.path })),
      { projectDir: plan.projectDir, entryFile: plan.entryFile, fileName }
    ) : assembleImportClosure(
      { roots, entryFile: plan.entryFile, projectDir: plan.projectDir },
      { fileName, fs: rec.fs }
    );
    diagnostics.push(...assembled.diagnostics);
    assembly = assembled.value;
    if (hasErrors(diagnostics)) return { diagnostics };
    const made = assembly;
    if (snapshot) {
      saveLater = () => {
        try {
          saveSnapshot(snapshot, rec, made);
        } catch {
        }
      };
    }
  }
  const unitPaths = /* @__PURE__ */ new Map();
  for (const u of assembly.units) unitPaths.set(u.fileName, u.path);
  const key = computeCacheKey({
    toolchain: VERSION,
    schema: ARTIFACT_SCHEMA_VERSION,
    options: { ...loweringOptions(req.command) },
    units: assembly.units.map((u) => ({ module: `${u.module}@${u.fileName}`, hash: u.hash })),
    inputs: plan.inputs.map((p) => ({
      path: relative6(plan.projectDir, p).split(sep6).join("/"),
      hash: hashFile(p)
    }))
  });
  const summary = {
    projectDir: plan.projectDir,
    projectName: plan.projectName,
    manifestPath: plan.manifestPath ?? "",
    ...plan.target ? { target: { label: plan.target.label, kind: plan.target.kind } } : {},
    entryFile: plan.entryFile,
    inputs: plan.inputs,
    unitCount: assembly.units.length
  };
  return {
    resolved: { plan, assembly, key, summary, unitPaths, ...saveLater ? { saveSnapshot: saveLater } : {} },
    diagnostics
  };
}
function reassemble(r, diagnostics) {
  const roots = r.plan.roots.map((x) => ({ name: x.name, path: x.path }));
  const assembled = assembleImportClosure(
    { roots, entryFile: r.plan.entryFile, projectDir: r.plan.projectDir },
    { fileName: (path2) => unitName(r.plan, path2) }
  );
  diagnostics.push(...assembled.diagnostics);
  return assembled.value;
}
function compileProgram(r, options, stopAfterCheck = false) {
  const diagnostics = [];
  const assembly = r.assembly.units.every((u) => u.tree) ? r.assembly : reassemble(r, diagnostics);
  const units = assembly.units.map((u) => {
    if (u.tree && u.lineIndex)
      return { file: u.fileName, module: u.module, tree: u.tree, lineIndex: u.lineIndex };
    const parsed = parseFile(u.text, u.fileName);
    diagnostics.push(...parsed.diagnostics);
    return { file: u.fileName, module: u.module, tree: parsed.tree, lineIndex: parsed.lineIndex };
  });
  if (hasErrors(diagnostics)) return { diagnostics };
  const analyzed = analyze(units, { entryModuleIndex: assembly.entryIndex });
  const corelibFiles = new Set(
    assembly.units.filter((u) => r.plan.roots[u.rootIndex]?.kind === "corelib").map((u) => u.fileName)
  );
  diagnostics.push(
    ...analyzed.diagnostics.filter(
      (d) => d.severity === "error" || d.file === void 0 || !corelibFiles.has(d.file)
    )
  );
  if (hasErrors(diagnostics) || stopAfterCheck) return { diagnostics };
  const artifact = lower(analyzed.program, { tests: options.tests, library: options.exports });
  return { artifact, diagnostics };
}

// src/pipeline/spine.ts
function defaultCacheDir(projectDir) {
  return join10(projectDir, "obj", "beskid", "cache");
}
function cacheDirFor(req, cache, r) {
  return cache.dir ? resolvePath2(req.cwd, cache.dir) : defaultCacheDir(r.plan.projectDir);
}
function resolveOnly(req, cache) {
  const snapshotDir = cache.enabled ? (plan) => cache.dir ? resolvePath2(req.cwd, cache.dir) : defaultCacheDir(plan.projectDir) : void 0;
  const { resolved, diagnostics } = resolveProject(req, false, snapshotDir);
  const shown = displayDiagnostics(req.cwd, resolved?.unitPaths ?? /* @__PURE__ */ new Map(), diagnostics);
  if (!resolved) return { ok: false, diagnostics: shown };
  return {
    ok: !hasErrors(shown),
    diagnostics: shown,
    plan: resolved.summary,
    cacheKey: resolved.key,
    cacheDir: cacheDirFor(req, cache, resolved),
    resolved
  };
}
function usable(bytes, warn, where) {
  if (!bytes) return void 0;
  const decoded = decodeArtifact(bytes);
  if (!decoded.ok) {
    warn(`ignoring the ${where} cache entry: ${decoded.message}`);
    return void 0;
  }
  const problems = verifyArtifact(decoded.artifact, 1);
  if (problems.length > 0) {
    warn(`ignoring the ${where} cache entry: ${problems[0]}`);
    return void 0;
  }
  return decoded.artifact;
}
async function lowerProject(req, cache) {
  const timings = {};
  const t0 = performance.now();
  const base = resolveOnly(req, cache);
  timings.resolve = performance.now() - t0;
  const miss = { hit: false, source: "none" };
  if (!base.ok || !base.resolved) return { ...base, cache: miss, timings };
  const r = base.resolved;
  const warn = cache.warn ?? (() => void 0);
  const key = r.key.key;
  const local = cache.enabled ? new LocalCache(base.cacheDir) : void 0;
  const remote = cache.enabled && cache.remote ? createRemoteCache({ ...cache.remote, warn }) : void 0;
  try {
    const t1 = performance.now();
    let bytes;
    let program;
    let source = "none";
    if (local) {
      bytes = local.get(key);
      program = usable(bytes, warn, "local");
      if (bytes && !program) local.remove(key);
      if (program) source = "local";
    }
    if (!program && remote) {
      bytes = await remote.get(key);
      program = usable(bytes, warn, "remote");
      if (program) {
        source = "remote";
        safely(warn, "could not write the local cache", () => local?.put(key, bytes));
      }
    }
    timings.cache = performance.now() - t1;
    let diagnostics = base.diagnostics;
    if (!program) {
      const t22 = performance.now();
      const compiled = compileProgram(r, loweringOptions(req.command));
      timings.compile = performance.now() - t22;
      diagnostics = [...diagnostics, ...displayDiagnostics(req.cwd, r.unitPaths, compiled.diagnostics)];
      if (!compiled.artifact || hasErrors(diagnostics))
        return { ...base, ok: false, diagnostics, cache: miss, timings };
      bytes = encodeArtifact(compiled.artifact);
      program = compiled.artifact;
      safely(warn, "could not write the local cache", () => local?.put(key, bytes));
      if (remote) await remote.put(key, bytes);
    }
    r.saveSnapshot?.();
    const path2 = local ? join10(base.cacheDir, `${key}.bca`) : "";
    return {
      ...base,
      diagnostics,
      cache: { hit: source !== "none", source },
      artifact: { path: path2, sha256: artifactId(bytes), bytes: bytes.length },
      timings,
      program
    };
  } finally {
    await remote?.close();
  }
}
function safely(warn, what, f) {
  try {
    f();
  } catch (e) {
    warn(`${what}: ${e.message}`);
  }
}
function checkProject(req, opts = {}) {
  const { resolved, diagnostics } = resolveProject(req, opts.workspace === true);
  if (!resolved) return { ok: false, diagnostics: displayDiagnostics(req.cwd, /* @__PURE__ */ new Map(), diagnostics) };
  const compiled = compileProgram(resolved, loweringOptions("check"), true);
  const all = displayDiagnostics(req.cwd, resolved.unitPaths, [...diagnostics, ...compiled.diagnostics]);
  return { ok: !hasErrors(all), diagnostics: all };
}
function sink(target) {
  if (typeof target === "number") return target;
  const decoder = new TextDecoder("utf-8");
  return (chunk) => target.write(decoder.decode(chunk, { stream: true }));
}
function definedEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) if (v !== void 0) out[k] = v;
  return out;
}
function jitStore(lowered) {
  const bca = lowered.artifact?.path;
  if (!bca || !bca.endsWith(".bca")) return void 0;
  const path2 = bca.slice(0, -4) + ".jit";
  return {
    read: () => existsSync4(path2) ? new Uint8Array(readFileSync9(path2)) : void 0,
    write: (bytes) => {
      writeFileAtomic(path2, bytes);
      const dir = dirname7(path2);
      for (const name of readdirSync5(dir)) {
        if (name.endsWith(".jit") && !existsSync4(join10(dir, name.slice(0, -4) + ".bca")))
          rmSync4(join10(dir, name), { force: true });
      }
    },
    remove: () => rmSync4(path2, { force: true })
  };
}
function prepared(lowered, program, cache, purpose) {
  const opts = { purpose, ...cache.warn ? { warn: cache.warn } : {} };
  return prepareCached(program, lowered.artifact.sha256, jitStore(lowered), opts).prepared;
}
async function runProject(req, cache, io) {
  const lowered = await lowerProject(req, cache);
  if (!lowered.ok || !lowered.program || !lowered.resolved)
    return { ok: false, diagnostics: lowered.diagnostics };
  const r = await runMain(prepared(lowered, lowered.program, cache, "main"), {
    args: io.args,
    env: definedEnv(io.env),
    cwd: req.cwd,
    stdout: sink(io.stdout),
    stderr: sink(io.stderr),
    ...io.stdin !== void 0 ? { stdin: io.stdin } : {},
    ...io.entrypoint !== void 0 ? { entrypoint: io.entrypoint } : {}
  });
  const diagnostics = [...lowered.diagnostics, ...r.diagnostics];
  if (r.diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, diagnostics, exitCode: r.exitCode };
}
async function testProject(req, cache, t3) {
  const lowered = await lowerProject(req, cache);
  if (!lowered.ok || !lowered.program || !lowered.resolved) return lowered;
  const program = lowered.program;
  const { unitPaths } = lowered.resolved;
  const shown = (name) => displayPath(req.cwd, unitPaths, name);
  const started = performance.now();
  const results = new Array(program.tests.length);
  const toRun = [];
  let position = 0;
  program.tests.forEach((entry, index) => {
    const base = {
      name: entry.name,
      qualified_name: entry.qualifiedName,
      file: shown(entry.file),
      line: entry.line
    };
    const extra = { ...entry.group ? { group: entry.group } : {}, tags: entry.tags };
    const descriptor = {
      name: entry.name,
      qualifiedName: entry.qualifiedName,
      tags: entry.tags,
      group: entry.group ?? "",
      ...entry.skip?.condition ? { skip: { reason: entry.skip.reason ?? "skip.condition is true" } } : {}
    };
    const sel = selectTest(descriptor, t3);
    const inThisShard = sel.kind !== "filtered_out" && inShard(position++, t3.shard);
    if (sel.kind === "filtered_out" || !inThisShard) {
      results[index] = { ...base, ...extra, outcome: "filtered_out", duration_ms: 0 };
    } else if (sel.kind === "skipped") {
      results[index] = { ...base, ...extra, outcome: "skipped", reason: sel.reason, duration_ms: 0 };
    } else {
      toRun.push({ index, qualifiedName: entry.qualifiedName });
    }
  });
  const ran = await runTests(toRun.length > 0 ? prepared(lowered, program, cache, "tests") : program, {
    selected: toRun.map((x) => x.qualifiedName),
    timeoutMs: t3.timeoutMs ?? 1e4,
    cwd: req.cwd,
    isOwnFile: (file) => !file.includes(":")
  });
  ran.forEach((r, i) => {
    const index = toRun[i].index;
    const entry = program.tests[index];
    const reason = r.reason?.replace(
      /\(at ([^():]+(?::[^():]+)?):(\d+):(\d+)\)$/,
      (_m, f, l, c2) => `(at ${shown(f)}:${l}:${c2})`
    );
    results[index] = {
      name: entry.name,
      qualified_name: entry.qualifiedName,
      outcome: r.outcome,
      ...reason !== void 0 ? { reason } : {},
      duration_ms: Math.round(r.durationMs * 1e3) / 1e3,
      file: shown(entry.file),
      line: entry.line,
      ...entry.group ? { group: entry.group } : {},
      tags: entry.tags,
      ...r.stdout ? { stdout: r.stdout } : {},
      ...r.stderr ? { stderr: r.stderr } : {}
    };
  });
  const tests = results.map((r) => r);
  return { ...lowered, report: { summary: summarize(tests, performance.now() - started), tests } };
}
async function buildProject(req, cache, b, env = {}) {
  const lowered = await lowerProject(req, cache);
  const { program: _p, resolved: _r, ...base } = lowered;
  if (!lowered.ok || !lowered.program || !lowered.resolved) return { ...base, ok: false, outputs: [] };
  const plan = lowered.resolved.plan;
  const target = plan.target;
  const stem = target?.label ?? stemOf(plan.entryFile);
  const kinds = b.kinds?.length ? [...b.kinds] : [target?.kind === "Lib" ? "shared" : "exe"];
  const output = b.output !== void 0 ? resolvePath2(req.cwd, b.output) : void 0;
  const single = kinds.length === 1 && output !== void 0 && !/[\\/]$/.test(b.output) && !(existsSync4(output) && statSync4(output).isDirectory());
  const outDir = output !== void 0 && !single ? output : join10(plan.projectDir, "obj", "beskid", "build", stem);
  const r = await buildArtifact(lowered.program, {
    kinds,
    outDir,
    ...single ? { outFile: output } : {},
    stem,
    release: b.release === true,
    ...b.entrypoint !== void 0 ? { entrypoint: b.entrypoint } : {},
    ...b.exports !== void 0 ? { exports: b.exports } : {},
    library: target?.kind === "Lib",
    env,
    wasm: (p) => compileArtifact(p)
  });
  const diagnostics = [...lowered.diagnostics, ...r.diagnostics];
  return { ...base, ok: r.ok && !hasErrors(diagnostics), diagnostics, outputs: r.outputs };
}

// src/pipeline/index.ts
async function resolve6(req, cache) {
  const { resolved: _internal, ...result } = resolveOnly(req, cache);
  return result;
}
function check(req, opts = {}) {
  return checkProject(req, opts);
}
async function lower2(req, cache) {
  const { program: _program, resolved: _resolved, ...result } = await lowerProject(req, cache);
  return result;
}
async function run2(req, cache, io) {
  return runProject(req, cache, io);
}
async function test(req, cache, t3) {
  const { program: _program, resolved: _resolved, ...result } = await testProject(req, cache, t3);
  return result;
}
async function build(req, cache, b, env = {}) {
  return buildProject(req, cache, b, env);
}

export {
  resolvePlan,
  decodeSource,
  dumpTree,
  treeToJson,
  parseFile,
  assembleImportClosure,
  workspaceScan,
  bundledCorelibRoot,
  parseShard,
  VERSION,
  DIGEST_PATTERN,
  AC_KEY_PATTERN,
  AC_MAX_BYTES,
  parseAcDocument,
  defaultCacheDir,
  resolve6 as resolve,
  check,
  lower2 as lower,
  run2 as run,
  test,
  build
};
