import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  VERSION,
  assembleImportClosure,
  displayDiagnostics,
  displayPath,
  exactLength,
  loweringOptions,
  nodeFs,
  parseFile,
  resolveModule,
  resolveOnly,
  resolveProject,
  unitName
} from "./chunk-ALCSC2RJ.js";
import {
  summarize
} from "./chunk-RLFFWNRO.js";
import {
  ARRAY_DATA_OFFSET,
  ARRAY_LENGTH_OFFSET,
  ARTIFACT_SCHEMA_VERSION,
  BINARY_OPS,
  BUILTIN_LAYOUTS,
  ByteReader,
  ByteReaderError,
  ByteWriter,
  CLOSURE_CODE_OFFSET,
  CLOSURE_ENV_OFFSET,
  CLOSURE_SIZE,
  DATA_BASE,
  EXPR_KINDS,
  LAYOUT,
  LOAD_OPS,
  LocalCache,
  MAGIC,
  MAX_NESTING,
  MAX_PAGES,
  PAGE_SIZE,
  PANIC,
  PANIC_CODES,
  RUNTIME_FUNCTIONS,
  STMT_KINDS,
  STORE_OPS,
  TRAILER_BYTES,
  UNARY_OPS,
  VAL_TYPES,
  artifactId,
  assertNever,
  binaryOperand,
  binaryResult,
  encodeArtifact,
  exprType,
  hasErrors,
  layoutData,
  loadResult,
  makeDiagnostic,
  makeDirs,
  makeDirsWith,
  removeStaleStaging,
  runtimeFunction,
  runtimeType,
  sortDiagnostics,
  unaryOperand,
  unaryResult,
  writeFileAtomic
} from "./chunk-F5FHHWWT.js";

// src/pipeline/spine.ts
import { existsSync as existsSync2, readdirSync, readFileSync as readFileSync2, rmSync as rmSync2, statSync as statSync2 } from "node:fs";
import { dirname as dirname2, join as join2, resolve as resolvePath } from "node:path";

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
    const key2 = `${f}:${line}:${column}`;
    let id = this.locIndex.get(key2);
    if (id === void 0) {
      id = this.locations.length;
      this.locations.push({ file: f, line, column });
      this.locIndex.set(key2, id);
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
    const t2 = this.types[func];
    if (t2 === void 0) throw new Error(`no function ${func}`);
    return t2;
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

// src/artifact/dump.ts
var utf82 = new TextDecoder("utf-8", { fatal: true });

// src/artifact/decode.ts
import { createHash } from "node:crypto";
var Corrupt = class extends Error {
};
var HEADER = 12;
function decodeArtifact(bytes) {
  const fail = (kind, message) => ({ ok: false, kind, message });
  if (bytes.length < 4 || MAGIC.some((b, i) => bytes[i] !== b)) {
    return fail("not-an-artifact", "not a beskid-ci artifact (the file does not start with BSKA)");
  }
  if (bytes.length < HEADER)
    return fail("truncated", `artifact truncated: ${bytes.length} bytes, header incomplete`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== ARTIFACT_SCHEMA_VERSION) {
    return fail(
      "wrong-version",
      `artifact schema version ${version} is not supported (this toolchain reads version ${ARTIFACT_SCHEMA_VERSION})`
    );
  }
  const total = view.getUint32(8, true);
  if (bytes.length < total) return fail("truncated", `artifact truncated: ${bytes.length} of ${total} bytes`);
  if (bytes.length > total || total < HEADER + TRAILER_BYTES) {
    return fail("corrupted", `artifact corrupted: ${bytes.length} bytes where the header says ${total}`);
  }
  const body = bytes.subarray(0, total - TRAILER_BYTES);
  const digest = createHash("sha256").update(body).digest();
  const trailer = bytes.subarray(total - TRAILER_BYTES, total);
  for (let i = 0; i < TRAILER_BYTES; i++) {
    if (digest[i] !== trailer[i]) return fail("corrupted", "artifact corrupted: checksum mismatch");
  }
  try {
    const r = new ByteReader(body);
    r.pos = HEADER;
    const artifact = readBody(r);
    if (r.remaining !== 0) throw new Corrupt(`${r.remaining} unexpected bytes after the last section`);
    return { ok: true, artifact };
  } catch (e) {
    if (e instanceof Corrupt || e instanceof ByteReaderError || e instanceof RangeError) {
      return fail("corrupted", `artifact corrupted: ${e.message}`);
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
  const withLoc2 = (node, loc) => {
    if (loc !== void 0) node.loc = loc;
    return node;
  };
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
  const stmts2 = () => list(stmt2);
  function expr() {
    const kind = pick(EXPR_KINDS, r.u8(), "expression");
    switch (kind) {
      case "const": {
        const type = valType();
        switch (type) {
          case "i32":
            return { kind, type, value: r.sleb32() };
          case "i64":
            return { kind, type, value: r.sleb64() };
          case "f32":
            return { kind, type, value: r.f32() };
          case "f64":
            return { kind, type, value: r.f64() };
          default:
            return assertNever(type);
        }
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
        const body = stmts2();
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
  function stmt2() {
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
        s = { kind, label, body: stmts2() };
        break;
      }
      case "if": {
        const cond = expr();
        const then = stmts2();
        s = { kind, cond, then, else: stmts2() };
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
    const body = stmts2();
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
  for (const t2 of table) check2(t2 < nf, `table refers to function ${t2}`);
  for (const t2 of tests) check2(t2.func < nf, `test ${t2.qualifiedName} refers to function ${t2.func}`);
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
  for (const t2 of a.tests) {
    const f = a.functions[t2.func];
    if (!f || f.type.params.length !== 0 || f.type.result !== null)
      report(`test ${t2.qualifiedName}`, "func must be () -> void");
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
        const t2 = runtimeType(e.name);
        if (!t2) {
          report(where, `unknown runtime function ${e.name}`);
          return null;
        }
        args(t2.params, e.args, `rt.${e.name}`);
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
        const t2 = checkExpr(e.then);
        expect(e.else, t2, "select else");
        return t2;
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

// src/artifact/walk.ts
function forEachChild(x, e, s) {
  switch (x.kind) {
    case "const":
    case "local.get":
    case "global.get":
    case "data.addr":
    case "memory.size":
      return;
    case "local.tee":
    case "unary":
      return e(x.value);
    case "binary":
      e(x.left);
      return e(x.right);
    case "load":
      return e(x.addr);
    case "call":
    case "call.runtime":
    case "call.extern":
      for (let i = 0; i < x.args.length; i++) e(x.args[i]);
      return;
    case "call.indirect":
      for (let i = 0; i < x.args.length; i++) e(x.args[i]);
      return e(x.target);
    case "select":
      e(x.then);
      e(x.else);
      return e(x.cond);
    case "cond":
      e(x.cond);
      e(x.then);
      return e(x.else);
    case "seq":
      for (let i = 0; i < x.body.length; i++) s(x.body[i]);
      return e(x.value);
    case "elem.addr":
      e(x.base);
      return e(x.index);
    case "memory.grow":
      return e(x.pages);
    default:
      return assertNever(x);
  }
}
function forEachStmtChild(x, e, s) {
  switch (x.kind) {
    case "expr":
      return e(x.expr);
    case "local.set":
    case "global.set":
      return e(x.value);
    case "store":
      e(x.addr);
      return e(x.value);
    case "block":
    case "loop":
      for (let i = 0; i < x.body.length; i++) s(x.body[i]);
      return;
    case "if":
      e(x.cond);
      for (let i = 0; i < x.then.length; i++) s(x.then[i]);
      for (let i = 0; i < x.else.length; i++) s(x.else[i]);
      return;
    case "return":
      if (x.value !== void 0) e(x.value);
      return;
    case "break":
    case "continue":
    case "unreachable":
      return;
    case "memory.copy":
      e(x.dst);
      e(x.src);
      return e(x.len);
    case "memory.fill":
      e(x.dst);
      e(x.value);
      return e(x.len);
    default:
      return assertNever(x);
  }
}
function walkBody(body, onE, onS = () => {
}) {
  const visitE = (x) => {
    onE(x);
    forEachChild(x, visitE, visitS);
  };
  const visitS = (x) => {
    onS(x);
    forEachStmtChild(x, visitE, visitS);
  };
  for (let i = 0; i < body.length; i++) visitS(body[i]);
}
function mapChildren(x, e, s) {
  switch (x.kind) {
    case "const":
    case "local.get":
    case "global.get":
    case "data.addr":
    case "memory.size":
      return x;
    case "local.tee":
    case "unary":
      return { ...x, value: e(x.value) };
    case "binary":
      return { ...x, left: e(x.left), right: e(x.right) };
    case "load":
      return { ...x, addr: e(x.addr) };
    case "call":
    case "call.runtime":
    case "call.extern":
      return { ...x, args: x.args.map((a) => e(a)) };
    case "call.indirect":
      return { ...x, args: x.args.map((a) => e(a)), target: e(x.target) };
    case "select":
    case "cond":
      return { ...x, cond: e(x.cond), then: e(x.then), else: e(x.else) };
    case "seq":
      return { ...x, body: x.body.flatMap((b) => s(b)), value: e(x.value) };
    case "elem.addr":
      return { ...x, base: e(x.base), index: e(x.index) };
    case "memory.grow":
      return { ...x, pages: e(x.pages) };
    default:
      return assertNever(x);
  }
}
function mapStmtChildren(x, e, s) {
  const ss = (xs) => xs.flatMap((b) => s(b));
  switch (x.kind) {
    case "expr":
      return { ...x, expr: e(x.expr) };
    case "local.set":
    case "global.set":
      return { ...x, value: e(x.value) };
    case "store":
      return { ...x, addr: e(x.addr), value: e(x.value) };
    case "block":
    case "loop":
      return { ...x, body: ss(x.body) };
    case "if":
      return { ...x, cond: e(x.cond), then: ss(x.then), else: ss(x.else) };
    case "return":
      return x.value === void 0 ? x : { ...x, value: e(x.value) };
    case "break":
    case "continue":
    case "unreachable":
      return x;
    case "memory.copy":
      return { ...x, dst: e(x.dst), src: e(x.src), len: e(x.len) };
    case "memory.fill":
      return { ...x, dst: e(x.dst), value: e(x.value), len: e(x.len) };
    default:
      return assertNever(x);
  }
}

// src/artifact/loops.ts
var MAX_BODY_NODES = 1500;
var i64c = (v) => ({ kind: "const", type: "i64", value: v });
var i32c = (v) => ({ kind: "const", type: "i32", value: v });
var get = (index) => ({ kind: "local.get", index });
var bin = (op, left, right) => ({
  kind: "binary",
  op,
  left,
  right
});
function versionLoops(f) {
  if (!f.body.some(hasElem)) return f;
  const extra = [];
  const base = f.type.params.length + f.locals.length;
  const newLocal = (type = "i64") => {
    extra.push(type);
    return base + extra.length - 1;
  };
  const body = stmts(f.body, newLocal);
  if (extra.length === 0 && body === f.body) return f;
  return { ...f, locals: [...f.locals, ...extra], body };
}
function hasElem(s) {
  let found = false;
  walkBody([s], (x) => {
    if (x.kind === "elem.addr") found = true;
  });
  return found;
}
function stmts(ss, newLocal) {
  let out = null;
  ss.forEach((s, i) => {
    const r = stmt(s, newLocal);
    if (r.length === 1 && r[0] === s) {
      out?.push(s);
      return;
    }
    out ??= ss.slice(0, i);
    out.push(...r);
  });
  return out ?? ss;
}
function stmt(s, newLocal) {
  switch (s.kind) {
    case "block": {
      const body = stmts(s.body, newLocal);
      return [body === s.body ? s : { ...s, body }];
    }
    case "if": {
      const then = stmts(s.then, newLocal);
      const els = stmts(s.else, newLocal);
      return [then === s.then && els === s.else ? s : { ...s, then, else: els }];
    }
    case "loop": {
      const body = stmts(s.body, newLocal);
      const loop = body === s.body ? s : { ...s, body };
      return versionLoop(loop, newLocal) ?? [loop];
    }
    default:
      return [s];
  }
}
function assignedLocals(ss) {
  const n = /* @__PURE__ */ new Map();
  const bump = (i) => void n.set(i, (n.get(i) ?? 0) + 1);
  walkBody(
    ss,
    (x) => {
      if (x.kind === "local.tee") bump(x.index);
    },
    (x) => {
      if (x.kind === "local.set") bump(x.index);
    }
  );
  return n;
}
function countNodes(ss, max) {
  let n = 0;
  const e = (x) => {
    if (++n <= max) forEachChild(x, e, st);
  };
  const st = (x) => {
    if (++n <= max) forEachStmtChild(x, e, st);
  };
  ss.forEach(st);
  return n;
}
function loopInvariant(x, assigned) {
  switch (x.kind) {
    case "const":
      return true;
    case "local.get":
      return !assigned.has(x.index);
    case "unary":
      return loopInvariant(x.value, assigned);
    case "binary":
      return !/\.(div|rem)/.test(x.op) && loopInvariant(x.left, assigned) && loopInvariant(x.right, assigned);
    default:
      return false;
  }
}
function key(x) {
  switch (x.kind) {
    case "const":
      return `${x.type}:${String(x.value)}`;
    case "local.get":
      return `$${x.index}`;
    case "unary":
      return `(${x.op} ${key(x.value)})`;
    case "binary":
      return `(${x.op} ${key(x.left)} ${key(x.right)})`;
    default:
      return "?";
  }
}
function exitTest(cond) {
  let op;
  let l;
  let r;
  if (cond.kind === "unary" && cond.op === "i32.eqz" && cond.value.kind === "binary") {
    const b = cond.value;
    if (b.op !== "i64.lt_s" && b.op !== "i64.le_s") return null;
    op = b.op === "i64.lt_s" ? "ge" : "gt";
    [l, r] = [b.left, b.right];
  } else if (cond.kind === "binary" && (cond.op === "i64.ge_s" || cond.op === "i64.gt_s")) {
    op = cond.op === "i64.ge_s" ? "ge" : "gt";
    [l, r] = [cond.left, cond.right];
  } else return null;
  if (l.kind !== "local.get") return null;
  return { iv: l.index, end: r, inclusive: op === "gt" };
}
function countedLoop(loop) {
  const body = loop.body;
  const first = body[0];
  if (first?.kind !== "if" || first.else.length !== 0 || first.then.length !== 1 || // At the top of the loop body any break leaves the loop.
  first.then[0].kind !== "break")
    return null;
  const test2 = exitTest(first.cond);
  if (!test2) return null;
  const counts = assignedLocals(body);
  const assigned = new Set(counts.keys());
  if (!loopInvariant(test2.end, assigned) || test2.end.kind !== "const" && test2.end.kind !== "local.get")
    return null;
  if (counts.get(test2.iv) !== 1) return null;
  let incAt = -1;
  let step = null;
  for (let i = 0; i < body.length; i++) {
    const s = body[i];
    if (s.kind === "local.set" && s.index === test2.iv && s.value.kind === "binary" && s.value.op === "i64.add" && s.value.left.kind === "local.get" && s.value.left.index === test2.iv) {
      incAt = i;
      step = s.value.right;
    }
  }
  if (step === null) return null;
  const st = step;
  if (!(st.kind === "const" || st.kind === "local.get" && !assigned.has(st.index))) return null;
  const copies = /* @__PURE__ */ new Set();
  for (let i = 1; i < incAt; i++) {
    const s = body[i];
    if (s.kind !== "local.set" || s.value.kind !== "local.get" || s.value.index !== test2.iv) break;
    if (counts.get(s.index) !== 1) break;
    copies.add(s.index);
  }
  return { ...test2, step: st, incAt, copies, assigned, counts };
}
function accesses(body, c2) {
  const found = [];
  const ivOk = (x, at) => x.kind === "local.get" && (c2.copies.has(x.index) || x.index === c2.iv && at < c2.incAt);
  const affine = (i, at) => {
    if (ivOk(i, at)) return { inv: null, iv: i };
    if (i.kind !== "binary") return null;
    if (i.op === "i64.add") {
      if (ivOk(i.right, at) && loopInvariant(i.left, c2.assigned)) return { inv: i.left, iv: i.right };
      if (ivOk(i.left, at) && loopInvariant(i.right, c2.assigned)) return { inv: i.right, iv: i.left };
    }
    if (i.op === "i64.sub" && ivOk(i.left, at) && i.right.kind === "const") {
      const v = BigInt.asIntN(64, BigInt(i.right.value));
      if (v !== -(1n << 63n)) return { inv: i64c(-v), iv: i.left };
    }
    return null;
  };
  const derived = /* @__PURE__ */ new Map();
  const match = (x, at) => {
    if (x.base.kind !== "local.get" || c2.assigned.has(x.base.index)) return null;
    const base = x.base.index;
    const i = x.index;
    const d = i.kind === "local.get" ? derived.get(i.index) : void 0;
    if (d) return { node: x, base, ...d, index: i };
    const m = affine(i, at);
    return m ? { node: x, base, ...m } : null;
  };
  const visit = (s, at) => {
    const e = (x) => {
      if (x.kind === "elem.addr") {
        const m = match(x, at);
        if (m) found.push(m);
      }
      forEachChild(x, e, st);
    };
    const st = (x) => forEachStmtChild(x, e, st);
    st(s);
  };
  const list = (ss, outerAt) => {
    const added = [];
    ss.forEach((s, i) => {
      const at = outerAt ?? i;
      if (s.kind === "block") list(s.body, at);
      else visit(s, at);
      if (s.kind === "local.set" && c2.counts.get(s.index) === 1 && !c2.copies.has(s.index)) {
        const m = affine(s.value, at);
        if (m) {
          derived.set(s.index, m);
          added.push(s.index);
        }
      }
    });
    for (const d of added) derived.delete(d);
  };
  list(body, null);
  return found;
}
function versionLoop(loop, newLocal) {
  const c2 = countedLoop(loop);
  if (!c2) return null;
  if (countNodes(loop.body, MAX_BODY_NODES + 1) > MAX_BODY_NODES) return null;
  const found = accesses(loop.body, c2);
  if (found.length === 0) return null;
  const pre = [];
  const hoisted = /* @__PURE__ */ new Map();
  const invOf = (a) => {
    if (a.inv === null || a.inv.kind === "const" || a.inv.kind === "local.get") return a.inv;
    const k = key(a.inv);
    let h = hoisted.get(k);
    if (!h) {
      const t2 = newLocal();
      pre.push({ kind: "local.set", index: t2, value: a.inv });
      h = get(t2);
      hoisted.set(k, h);
    }
    return h;
  };
  const start = get(c2.iv);
  const last = c2.inclusive ? c2.end : bin("i64.sub", c2.end, i64c(1n));
  let ok = bin(
    "i32.and",
    bin("i64.ge_s", c2.step, i64c(1n)),
    bin("i64.gt_s", bin("i64.add", last, c2.step), last)
  );
  const span = bin("i64.sub", last, start);
  const rewritten = /* @__PURE__ */ new Map();
  for (const a of found) {
    const inv = invOf(a);
    const index = a.index ?? (inv === null ? a.iv : bin("i64.add", inv, a.iv));
    const len = {
      kind: "unary",
      op: "i64.extend_i32_u",
      value: { kind: "load", op: "i32.load", addr: get(a.base), offset: ARRAY_LENGTH_OFFSET }
    };
    const lo = inv === null ? start : bin("i64.add", inv, start);
    const hi = inv === null ? last : bin("i64.add", inv, last);
    const cond = bin(
      "i32.and",
      bin("i32.and", bin("i64.lt_u", lo, len), bin("i64.lt_u", hi, len)),
      bin("i64.lt_u", span, len)
    );
    ok = bin("i32.and", ok, cond);
    const shift = Math.log2(a.node.elemSize);
    const offset = { kind: "unary", op: "i32.wrap_i64", value: index };
    rewritten.set(
      a.node,
      bin("i32.add", get(a.base), shift > 0 ? bin("i32.shl", offset, i32c(shift)) : offset)
    );
  }
  const runs = bin(c2.inclusive ? "i64.le_s" : "i64.lt_s", start, c2.end);
  const flag = newLocal("i32");
  pre.push(
    { kind: "local.set", index: flag, value: i32c(1) },
    { kind: "if", cond: runs, then: [{ kind: "local.set", index: flag, value: ok }], else: [] }
  );
  const fast = { ...loop, body: loop.body.map((s) => unchecked(s, rewritten)) };
  const versioned = {
    kind: "if",
    cond: get(flag),
    then: [fast],
    else: [loop],
    ...loop.loc !== void 0 ? { loc: loop.loc } : {}
  };
  return [...pre, versioned];
}
function unchecked(s, raw) {
  const e = (x) => uncheckedExpr(x, raw);
  const r = s.kind === "store" && s.addr.kind === "elem.addr" ? raw.get(s.addr) : void 0;
  if (s.kind === "store" && r)
    return { ...s, addr: r, offset: s.offset + ARRAY_DATA_OFFSET, value: e(s.value) };
  return mapStmtChildren(s, e, (y) => [unchecked(y, raw)]);
}
function uncheckedExpr(x, raw) {
  const e = (y) => uncheckedExpr(y, raw);
  if (x.kind === "load" && x.addr.kind === "elem.addr") {
    const r = raw.get(x.addr);
    if (r) return { ...x, addr: r, offset: x.offset + ARRAY_DATA_OFFSET };
  }
  if (x.kind === "elem.addr") {
    const r = raw.get(x);
    if (r) return bin("i32.add", r, i32c(ARRAY_DATA_OFFSET));
  }
  return mapChildren(x, e, (y) => [unchecked(y, raw)]);
}

// src/artifact/frees.ts
var FRESH = (() => {
  const str = () => ({ elem: 1 });
  const r = {
    array_new: (args) => {
      const e = args[1];
      return e?.kind === "const" ? { elem: Number(e.value) } : null;
    },
    // A string (layout 0) is sized by its length; any other object by its constant size.
    alloc: (args) => {
      const [layout, s] = args;
      if (layout?.kind === "const" && Number(layout.value) === LAYOUT.string) return { elem: 1 };
      return s?.kind === "const" ? { size: Number(s.value) } : null;
    },
    syscall_read_bytes: () => ({ elem: 1 })
  };
  for (const n of [
    "str_concat",
    "str_slice",
    "str_from_bytes_utf8",
    "str_from_i32",
    "str_from_u32",
    "str_from_i64",
    "str_from_u64",
    "str_from_f32",
    "str_from_f64",
    "str_from_bool",
    "str_from_char",
    "syscall_read",
    "syscall_read_line",
    "fs_read_text",
    "env_get",
    "env_getcwd"
  ])
    r[n] = str;
  return r;
})();
var BORROWS = {
  str_len: [0],
  array_len: [0],
  str_eq: [0, 1],
  str_concat: [0, 1],
  str_slice: [0],
  str_from_bytes_utf8: [0],
  bytes_get: [0],
  bytes_compare: [0, 1],
  bytes_copy: [0, 2],
  syscall_write: [1],
  syscall_write_bytes: [1],
  fs_read_text: [0],
  fs_write_text: [0, 1],
  fs_delete: [0],
  fs_mkdir: [0],
  fs_exists: [0],
  env_get: [0],
  env_set: [0, 1],
  panic: [0],
  unsupported: [0]
};
function uses(body, programFunctions, sinks) {
  const escapes = /* @__PURE__ */ new Set();
  const passed = /* @__PURE__ */ new Map();
  const e = (x, ok) => {
    switch (x.kind) {
      case "local.get":
        if (!ok) escapes.add(x.index);
        return;
      case "load":
        return e(x.addr, true);
      case "elem.addr":
        e(x.base, ok);
        return e(x.index, false);
      case "unary":
        return e(x.value, x.op === "i32.eqz");
      case "binary": {
        const pass = x.op === "i32.eq" || x.op === "i32.ne" || ok && x.op === "i32.add";
        e(x.left, pass);
        return e(x.right, pass);
      }
      case "call.runtime": {
        const b = BORROWS[x.name] ?? [];
        x.args.forEach((a, i) => e(a, b.includes(i)));
        return;
      }
      case "call":
        x.args.forEach((a, i) => {
          if (a.kind === "local.get" && x.func < programFunctions) {
            const l = passed.get(a.index) ?? [];
            l.push([x.func, i]);
            passed.set(a.index, l);
          } else e(a, false);
        });
        return;
      default:
        return forEachChild(x, (c2) => e(c2, false), s);
    }
  };
  const s = (x) => {
    switch (x.kind) {
      case "local.set":
        return e(x.value, sinks?.has(x.index) ?? false);
      case "store":
        e(x.addr, true);
        return e(x.value, false);
      case "memory.copy":
        e(x.dst, true);
        e(x.src, true);
        return e(x.len, false);
      case "memory.fill":
        e(x.dst, true);
        e(x.value, false);
        return e(x.len, false);
      default:
        return forEachStmtChild(x, (c2) => e(c2, false), s);
    }
  };
  body.forEach(s);
  return { escapes, passed };
}
function occurrences(body) {
  const tees = /* @__PURE__ */ new Set();
  const count = /* @__PURE__ */ new Map();
  const sets = /* @__PURE__ */ new Map();
  const bump = (i) => void count.set(i, (count.get(i) ?? 0) + 1);
  walkBody(
    body,
    (x) => {
      if (x.kind === "local.get") bump(x.index);
      if (x.kind === "local.tee") {
        bump(x.index);
        tees.add(x.index);
      }
    },
    (x) => {
      if (x.kind === "local.set") {
        bump(x.index);
        sets.set(x.index, (sets.get(x.index) ?? 0) + 1);
      }
    }
  );
  return { tees, count, sets };
}
function borrowedParams(a, programFunctions) {
  const none = { escapes: /* @__PURE__ */ new Set(), passed: /* @__PURE__ */ new Map() };
  const info = a.functions.slice(0, programFunctions).map((f) => {
    const refs = f.type.params.includes("i32");
    return {
      f,
      u: refs ? uses(f.body, programFunctions) : none,
      // Counts local.set and local.tee, in `seq`s too.
      assigned: refs ? assignedLocals(f.body) : /* @__PURE__ */ new Map()
    };
  });
  const borrowed = info.map(
    ({ f, u, assigned }) => f.type.params.map((t2, p) => t2 === "i32" && !u.escapes.has(p) && !assigned.has(p))
  );
  for (let changed = true; changed; ) {
    changed = false;
    info.forEach(({ u }, fi) => {
      borrowed[fi].forEach((ok, p) => {
        if (!ok) return;
        const to = u.passed.get(p) ?? [];
        if (to.some(([g, i]) => !(borrowed[g]?.[i] ?? false))) {
          borrowed[fi][p] = false;
          changed = true;
        }
      });
    });
  }
  return borrowed;
}
function sameRule(x, y) {
  return "elem" in x ? "elem" in y && x.elem === y.elem : "size" in y && x.size === y.size;
}
function freshRule(v, count, programFunctions) {
  if (v.kind === "const" || v.kind === "data.addr") return "none";
  if (v.kind === "call.runtime") return FRESH[v.name]?.(v.args) ?? null;
  return v.kind === "seq" ? freshSeq(v, count, programFunctions) : null;
}
function freshSeq(v, count, programFunctions) {
  if (v.value.kind !== "local.get") return null;
  const t2 = v.value.index;
  const inner = occurrences([...v.body, { kind: "expr", expr: v.value }]);
  const priv = /* @__PURE__ */ new Set();
  for (const [l, n] of inner.count) if (count.get(l) === n && !inner.tees.has(l)) priv.add(l);
  if (!priv.has(t2)) return null;
  let rule = null;
  let sets = 0;
  const seen = /* @__PURE__ */ new Set();
  for (const st of v.body) {
    const here = occurrences([st]).count;
    if (st.kind === "local.set" && priv.has(st.index)) {
      for (const l of here.keys()) if (l !== st.index && priv.has(l) && !seen.has(l)) return null;
      if ((here.get(st.index) ?? 0) !== 1 && !seen.has(st.index)) return null;
      seen.add(st.index);
      if (st.index === t2) {
        sets++;
        rule = st.value.kind === "call.runtime" ? FRESH[st.value.name]?.(st.value.args) ?? null : null;
      }
      continue;
    }
    for (const l of here.keys()) if (priv.has(l) && !seen.has(l)) return null;
  }
  if (sets !== 1 || rule === null || (inner.sets.get(t2) ?? 0) !== 1) return null;
  const holds = /* @__PURE__ */ new Set([t2]);
  const privSets = [];
  walkBody(
    v.body,
    () => {
    },
    (x) => {
      if (x.kind === "local.set" && priv.has(x.index)) privSets.push(x);
    }
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const st of privSets) {
      if (holds.has(st.index)) continue;
      if ([...occurrences([{ kind: "expr", expr: st.value }]).count.keys()].some((l) => holds.has(l))) {
        holds.add(st.index);
        grew = true;
      }
    }
  }
  const u = uses(v.body, programFunctions, holds);
  for (const l of holds) if (u.escapes.has(l) || u.passed.has(l)) return null;
  return rule;
}
function assignedWhilePending(body, candidates) {
  const out = /* @__PURE__ */ new Set();
  const none = /* @__PURE__ */ new Set();
  const e = (x, pending) => {
    const reads = /* @__PURE__ */ new Set();
    if (x.kind === "local.get" && candidates.has(x.index)) reads.add(x.index);
    if (x.kind === "seq") {
      for (const st of x.body) s(st, pending);
      return e(x.value, pending);
    }
    let acc = pending;
    forEachChild(
      x,
      (c2) => {
        const r = e(c2, acc);
        if (r.size === 0) return;
        r.forEach((l) => reads.add(l));
        acc = /* @__PURE__ */ new Set([...acc, ...r]);
      },
      (st) => s(st, acc)
    );
    return reads;
  };
  const s = (x, pending) => {
    if (x.kind === "local.set" && pending.has(x.index)) out.add(x.index);
    let acc = pending;
    forEachStmtChild(
      x,
      (c2) => {
        const r = e(c2, acc);
        if (r.size > 0) acc = /* @__PURE__ */ new Set([...acc, ...r]);
      },
      (st) => s(st, pending)
    );
  };
  if (candidates.size > 0) for (const st of body) s(st, none);
  return out;
}
function readByTailCalls(f, self) {
  const out = /* @__PURE__ */ new Set();
  if (self < 0) return out;
  const last = unitTailCall(f, self);
  if (last) for (const l of occurrences([last]).count.keys()) out.add(l);
  const tail = (v) => v?.kind === "call" ? v.func === self : v?.kind === "binary" && (v.op === "i32.add" || v.op === "i64.add") && tail(v.right);
  walkBody(
    f.body,
    () => {
    },
    (x) => {
      if (x.kind === "return" && tail(x.value))
        for (const l of occurrences([{ kind: "expr", expr: x.value }]).count.keys()) out.add(l);
    }
  );
  return out;
}
function unitTailCall(f, self) {
  const last = f.body[f.body.length - 1];
  return f.type.result === null && last?.kind === "expr" && last.expr.kind === "call" && last.expr.func === self ? last : void 0;
}
function owning(f, programFunctions, borrowed, self, { tees, count }) {
  const params = f.type.params.length;
  const u = uses(f.body, programFunctions);
  const rules = /* @__PURE__ */ new Map();
  walkBody(
    f.body,
    () => {
    },
    (x) => {
      if (x.kind === "local.set" && x.index >= params && f.locals[x.index - params] === "i32") {
        const r = freshRule(x.value, count, programFunctions);
        const prev = rules.get(x.index);
        if (prev === void 0 || prev === "none") rules.set(x.index, r);
        else if (prev !== null && r !== "none" && (r === null || !sameRule(prev, r)))
          rules.set(x.index, null);
      }
    }
  );
  const out = /* @__PURE__ */ new Map();
  for (const [l, r] of rules) {
    if (r === null || r === "none" || tees.has(l) || u.escapes.has(l)) continue;
    const to = u.passed.get(l) ?? [];
    if (to.some(([g, i]) => !(borrowed[g]?.[i] ?? false))) continue;
    out.set(l, r);
  }
  for (const l of assignedWhilePending(f.body, new Set(out.keys()))) out.delete(l);
  for (const l of readByTailCalls(f, self)) out.delete(l);
  return out;
}
function allocates(body) {
  let found = false;
  const e = (x) => {
    if (found) return;
    if (x.kind === "call.runtime" && FRESH[x.name] !== void 0) found = true;
    else forEachChild(x, e, s);
  };
  const s = (x) => {
    if (!found) forEachStmtChild(x, e, s);
  };
  body.forEach(s);
  return found;
}
function hasTemporary(body, freshArgs) {
  let found = false;
  const e = (x) => {
    if (found) return;
    if ((x.kind === "call" || x.kind === "call.runtime") && freshArgs(x).size > 0) found = true;
    else forEachChild(x, e, s);
  };
  const s = (x) => {
    if (!found) forEachStmtChild(x, e, s);
  };
  body.forEach(s);
  return found;
}
function insertFrees(f, programFunctions, borrowed, targets, resultType, self = -1) {
  if (!allocates(f.body)) return f;
  const occ = occurrences(f.body);
  const { count } = occ;
  const owned = owning(f, programFunctions, borrowed, self, occ);
  const extra = [];
  const base = f.type.params.length + f.locals.length;
  const newLocal = (t2) => {
    extra.push(t2);
    return base + extra.length - 1;
  };
  const temp = /* @__PURE__ */ new Map();
  for (const l of owned.keys()) temp.set(l, newLocal("i32"));
  let resultTemp = -1;
  let changed = owned.size > 0;
  const get2 = (index) => ({ kind: "local.get", index });
  const freeWith = (l, r) => {
    const [func, arg] = "elem" in r ? [targets.freeArray, r.elem] : [targets.free, r.size];
    return {
      kind: "expr",
      expr: { kind: "call", func, args: [get2(l), { kind: "const", type: "i32", value: arg }] }
    };
  };
  const freeOf = (l) => freeWith(l, owned.get(l));
  const freeAll = () => [...owned.keys()].map(freeOf);
  const readsOwned = (x) => {
    let found = false;
    const e = (y) => {
      if ((y.kind === "local.get" || y.kind === "local.tee") && owned.has(y.index)) found = true;
      if (!found) forEachChild(y, e, st);
    };
    const st = (y) => {
      if (y.kind === "local.set" && owned.has(y.index)) found = true;
      if (!found) forEachStmtChild(y, e, st);
    };
    e(x);
    return found;
  };
  const freshArgs = (x) => {
    const out = /* @__PURE__ */ new Map();
    x.args.forEach((a, i) => {
      const borrows = x.kind === "call.runtime" ? BORROWS[x.name]?.includes(i) ?? false : x.func < programFunctions && (borrowed[x.func]?.[i] ?? false);
      if (!borrows) return;
      const r = freshRule(a, count, programFunctions);
      if (r === null || r === "none") return;
      const assigned = occurrences([{ kind: "expr", expr: a }]).sets;
      const simple = (b, j) => out.has(j) || b.kind === "const" || b.kind === "data.addr" || b.kind === "local.get" && !assigned.has(b.index);
      if (x.args.slice(0, i).every(simple)) out.set(i, r);
    });
    return out;
  };
  const withTemps = (orig, x, result) => {
    if (orig.kind === "call" && result !== null && resultType === void 0) return null;
    const fresh = freshArgs(orig);
    if (fresh.size === 0) return null;
    const pre = [];
    const post = [];
    const args = x.args.map((a, i) => {
      const r = fresh.get(i);
      if (!r) return a;
      const t2 = newLocal("i32");
      pre.push({ kind: "local.set", index: t2, value: a });
      post.push(freeWith(t2, r));
      return get2(t2);
    });
    changed = true;
    return { pre, call: { ...x, args }, post };
  };
  const resultOf = (x) => x.kind === "call.runtime" ? runtimeFunction(x.name)?.type.result ?? null : resultType?.(x.func) ?? null;
  const expr = (x) => {
    const y = mapChildren(x, expr, stmt2);
    if (x.kind !== "call" && x.kind !== "call.runtime") return y;
    const result = resultOf(x);
    if (result === null) return y;
    const w = withTemps(x, y, result);
    if (!w) return y;
    const r = newLocal(result);
    return {
      kind: "seq",
      body: [...w.pre, { kind: "local.set", index: r, value: w.call }, ...w.post],
      value: get2(r)
    };
  };
  const stmt2 = (x) => {
    if (x.kind === "local.set" && owned.has(x.index)) {
      const t2 = temp.get(x.index);
      return [
        { ...x, index: t2, value: expr(x.value) },
        freeOf(x.index),
        { kind: "local.set", index: x.index, value: get2(t2) }
      ];
    }
    if (x.kind === "expr" && (x.expr.kind === "call" || x.expr.kind === "call.runtime")) {
      const y = mapChildren(x.expr, expr, stmt2);
      const w = withTemps(x.expr, y, resultOf(x.expr));
      return w ? [...w.pre, { ...x, expr: w.call }, ...w.post] : [{ ...x, expr: y }];
    }
    if (x.kind === "return") {
      const value = x.value === void 0 ? void 0 : x.value.kind === "call" ? mapChildren(x.value, expr, stmt2) : x.value.kind === "binary" && (x.value.op === "i32.add" || x.value.op === "i64.add") && x.value.right.kind === "call" && x.value.right.func === self ? { ...x.value, left: expr(x.value.left), right: mapChildren(x.value.right, expr, stmt2) } : expr(x.value);
      if (owned.size === 0) return [value === void 0 ? x : { ...x, value }];
      if (value === void 0 || x.value === void 0 || !readsOwned(x.value))
        return [...freeAll(), value === void 0 ? x : { ...x, value }];
      if (resultTemp < 0) resultTemp = newLocal(f.type.result);
      return [
        { kind: "local.set", index: resultTemp, value },
        ...freeAll(),
        { ...x, value: get2(resultTemp) }
      ];
    }
    return [mapStmtChildren(x, expr, stmt2)];
  };
  if (owned.size === 0 && !hasTemporary(f.body, freshArgs)) return f;
  const tail = unitTailCall(f, self);
  const body = tail ? [
    ...f.body.slice(0, -1).flatMap(stmt2),
    ...freeAll(),
    { ...tail, expr: mapChildren(tail.expr, expr, stmt2) }
  ] : f.body.flatMap(stmt2);
  if (!changed) return f;
  const last = f.body[f.body.length - 1];
  if (!tail && f.type.result === null && last?.kind !== "return" && last?.kind !== "unreachable")
    body.push(...freeAll());
  return { ...f, locals: [...f.locals, ...extra], body };
}
function freesFor(a, programFunctions, targets) {
  const borrowed = borrowedParams(a, programFunctions);
  const resultType = (i) => a.functions[i].type.result;
  return (f, index) => index < programFunctions ? insertFrees(f, programFunctions, borrowed, targets, resultType, index) : f;
}
function freeDeadObjects(a, programFunctions, targets) {
  const frees = freesFor(a, programFunctions, targets);
  return a.functions.slice(0, programFunctions).map((f, i) => frees(f, i));
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
function selectTest(t2, req) {
  const include = req.includeTags ?? [];
  const exclude = req.excludeTags ?? [];
  if (include.length > 0 && !t2.tags.some((tag) => include.includes(tag))) return { kind: "filtered_out" };
  if (exclude.length > 0 && t2.tags.some((tag) => exclude.includes(tag))) return { kind: "filtered_out" };
  if (req.group !== void 0 && req.group !== "" && !matchesGroup(req.group, t2.group))
    return { kind: "filtered_out" };
  if (req.filter !== void 0 && req.filter !== "" && !matchesFilter(req.filter, t2.qualifiedName, t2.name)) {
    return { kind: "filtered_out" };
  }
  if (t2.skip) return { kind: "skipped", reason: t2.skip.reason };
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
  if (!Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return void 0;
  return { index, count };
}

// src/runtime/host-abi.ts
var HOST_CONTRACT = "__host";
var HOST_LIBRARY = "host";
function t(params, result) {
  return { params, result };
}
var HOST_FUNCTIONS = {
  /** (fd, ptr, len) → bytes written, or -1. fd is 1 or 2 (the runtime checks). */
  write: t(["i32", "i32", "i32"], "i32"),
  /** (fd, ptr, max) → bytes read (≥ 1), 0 at end of input or on error. Blocks for ≥ 1 byte. */
  read: t(["i32", "i32", "i32"], "i32"),
  /**
   * (fd) → 1 when the next `read` gives the end of input, else 0. Peeks: waits for one byte
   * like `read` but keeps it for the next `read`.
   */
  read_at_end: t(["i32"], "i32"),
  /**
   * (fd) → length of the next line of stdin, without its "\n" and one trailing "\r", made
   * pending for `take`; -1 at the end of input or on error (nothing left to read).
   */
  read_line: t(["i32"], "i32"),
  /** (code) ends the program after flushing output; never returns. */
  exit: t(["i32"], null),
  /** (msgPtr, msgLen, loc) reports a panic (docs/runtime.md) and ends the program with 101. */
  panic: t(["i32", "i32", "i32"], null),
  /** () → nanoseconds since the Unix epoch. */
  clock_realtime: t([], "i64"),
  /** () → monotonic nanoseconds. */
  clock_monotonic: t([], "i64"),
  /** (namePtr, nameLen) → pending length of the value, or -1 when unset. */
  env_get: t(["i32", "i32"], "i32"),
  /** (namePtr, nameLen, valuePtr, valueLen) → 0 ok, else non-zero. */
  env_set: t(["i32", "i32", "i32", "i32"], "i32"),
  /** () → pending length of the current directory. */
  getcwd: t([], "i32"),
  /** (dst) copies the pending result to dst and clears it. */
  take: t(["i32"], null),
  /** (pathPtr, pathLen) → pending length of the file contents, or -1. */
  fs_read: t(["i32", "i32"], "i32"),
  /** (pathPtr, pathLen, dataPtr, dataLen) → 0 ok. */
  fs_write: t(["i32", "i32", "i32", "i32"], "i32"),
  /** (pathPtr, pathLen) → 0 ok. Deletes a file or an empty directory. */
  fs_delete: t(["i32", "i32"], "i32"),
  /** (pathPtr, pathLen) → 0 ok (also when it exists as a directory). Creates parents. */
  fs_mkdir: t(["i32", "i32"], "i32"),
  /** (pathPtr, pathLen) → 1 exists, 0 not. */
  fs_exists: t(["i32", "i32"], "i32"),
  /** () → process id. */
  getpid: t([], "i32"),
  /** (fd) → columns*65536 + rows, 0 when unknown. */
  tty_winsize: t(["i32"], "i64"),
  /** (value) → pending length of the shortest round-trip text of an f64 (docs/runtime.md). */
  format_f64: t(["f64"], "i32"),
  /** (value) → pending length of the shortest round-trip text of an f32. */
  format_f32: t(["f32"], "i32")
};
var HOST_NAMES = Object.keys(HOST_FUNCTIONS);
var JIT_MAPPED_EXTERNS = {
  getpid: t([], "i32"),
  isatty: t(["i32"], "i32"),
  sched_yield: t([], "i32")
};

// src/backends/jit/reach.ts
function reachableExterns(a, root) {
  const seen = /* @__PURE__ */ new Set();
  const externs = /* @__PURE__ */ new Map();
  const stack = [root];
  let tableAdded = false;
  const expr = (e) => {
    if (e.kind === "call") {
      if (!seen.has(e.func)) stack.push(e.func);
    } else if (e.kind === "call.extern") {
      const prev = externs.get(e.ext);
      if (!externs.has(e.ext) || e.loc !== void 0 && (prev === void 0 || e.loc < prev))
        externs.set(e.ext, e.loc);
    } else if (e.kind === "call.indirect" && !tableAdded) {
      tableAdded = true;
      stack.push(...a.table);
    }
  };
  while (stack.length > 0) {
    const f = stack.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    walkBody(a.functions[f]?.body ?? [], expr);
  }
  return externs;
}
function unavailableByRoot(a, roots, isMapped) {
  const out = {};
  if (a.externs.every((x) => isMapped(x.name))) return out;
  for (const root of roots) {
    const names = [];
    for (const [i, loc] of [...reachableExterns(a, root)].sort((x, y) => x[0] - y[0])) {
      const x = a.externs[i];
      if (!isMapped(x.name))
        names.push({
          detail: `${x.contract}.${x.name} (library ${x.library})`,
          ...loc !== void 0 ? { loc } : {}
        });
    }
    if (names.length > 0) out[root] = names;
  }
  return out;
}

// src/runtime/runtime.ts
var HEAP_TOP_GLOBAL = "rt.heap_top";
var HEAP_BASE_GLOBAL = "rt.heap_base";
var FREE_TABLE_GLOBAL = "rt.free_table";
var FREE_SMALL_MAX = 256;
var FREE_TABLE_BYTES = (FREE_SMALL_MAX / 8 + 1) * 4;
var FREE_SEARCH_MAX = 128;
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
  const HB = b.global(HEAP_BASE_GLOBAL, "i32", 0);
  const FT = b.global(FREE_TABLE_GLOBAL, "i32", 0);
  const FM = b.global("rt.free_classes", "i32", 0);
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
  priv("bump", ["i32", "i32"], "i32");
  priv("reuse", ["i32"], "i32");
  priv("free", ["i32", "i32"], null);
  priv("free_array", ["i32", "i32"], null);
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
  const bumpBody = (f) => {
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
  };
  def("bump", bumpBody);
  def("alloc", (f) => {
    const r = f.local("i32");
    return [
      ir.if(b32("ne", ir.gget(FT), c(0)), [
        ir.if(
          ir.cond(
            "i32",
            b32("le_u", f.param(1), c(FREE_SMALL_MAX)),
            b32("and", b32("shr_u", ir.gget(FM), b32("shr_u", b32("add", f.param(1), c(7)), c(3))), c(1)),
            b32("ne", ir.load("i32.load", ir.gget(FT)), c(0))
          ),
          [
            ir.set(r, call("reuse", [f.param(1)])),
            ir.if(b32("ne", ir.get(r), c(0)), [
              ir.store("i32.store", ir.get(r), f.param(0)),
              ir.ret(ir.get(r))
            ])
          ]
        )
      ]),
      ...bumpBody(f)
    ];
  });
  const round8 = (size) => ir.select(b32("eq", size, c(0)), c(8), b32("and", b32("add", size, c(7)), c(-8)));
  const smallSlot = (n) => b32("add", ir.gget(FT), b32("shr_u", n, c(1)));
  const classBit = (n) => b32("shl", c(1), b32("shr_u", n, c(3)));
  const markClass = (n) => ir.gset(FM, b32("or", ir.gget(FM), classBit(n)));
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
          ir.gset(FM, b32("and", ir.gget(FM), b32("xor", classBit(ir.get(n)), c(-1))))
        ]),
        ir.fill(ir.get(r), c(0), ir.get(n)),
        ir.ret(ir.get(r))
      ]),
      ir.set(prev, ir.gget(FT)),
      ir.loop(L, [
        ir.set(r, ir.load("i32.load", ir.get(prev))),
        // Past FREE_SEARCH_MAX blocks the search gives up (bump): no quadratic cliff.
        ir.set(k, b32("add", ir.get(k), c(1))),
        ir.if(b32("or", b32("eq", ir.get(r), c(0)), b32("gt_u", ir.get(k), c(FREE_SEARCH_MAX))), [
          ir.ret(c(0))
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
                  markClass(ir.get(rest))
                ],
                [
                  ir.store("i32.store", b32("add", ir.get(r), ir.get(n)), ir.load("i32.load", ir.get(r))),
                  ir.store("i32.store", b32("add", ir.get(r), ir.get(n)), ir.get(rest), 4),
                  ir.store("i32.store", ir.get(prev), b32("add", ir.get(r), ir.get(n)))
                ]
              )
            ]
          ),
          ir.fill(ir.get(r), c(0), ir.get(n)),
          ir.ret(ir.get(r))
        ]),
        ir.set(prev, ir.get(r)),
        ir.continue(L)
      ])
    ];
  });
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
        ir.gset(FT, call("bump", [c(0), c(FREE_TABLE_BYTES)]))
      ]),
      ir.if(b32("le_u", ir.get(n), c(FREE_SMALL_MAX)), [
        ir.set(prev, smallSlot(ir.get(n))),
        ir.store("i32.store", obj, ir.load("i32.load", ir.get(prev))),
        ir.store("i32.store", ir.get(prev), obj),
        markClass(ir.get(n)),
        ir.ret()
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
          ir.continue(L)
        ])
      ]),
      // Merge with the next block when adjacent.
      ir.if(b32("and", b32("ne", ir.get(r), c(0)), b32("eq", b32("add", obj, ir.get(n)), ir.get(r))), [
        ir.set(n, b32("add", ir.get(n), ir.load("i32.load", ir.get(r), 4))),
        ir.set(r, ir.load("i32.load", ir.get(r)))
      ]),
      // Merge into the previous block when adjacent.
      ir.if(
        b32(
          "and",
          b32("ne", ir.get(pb), c(0)),
          b32("eq", b32("add", ir.get(pb), ir.load("i32.load", ir.get(pb), 4)), obj)
        ),
        [
          ir.store("i32.store", ir.get(pb), b32("add", ir.load("i32.load", ir.get(pb), 4), ir.get(n)), 4),
          ir.store("i32.store", ir.get(pb), ir.get(r)),
          ir.ret()
        ]
      ),
      ir.store("i32.store", obj, ir.get(r)),
      ir.store("i32.store", obj, ir.get(n), 4),
      ir.store("i32.store", ir.get(prev), obj),
      ir.ret()
    ];
  });
  def("free_array", (f) => [
    ir.if(b32("lt_u", f.param(0), ir.gget(HB)), [ir.ret()]),
    ir.exec(
      call("free", [f.param(0), b32("add", b32("mul", len32(f.param(0)), f.param(1)), c(ARRAY_DATA_OFFSET))])
    ),
    ir.ret()
  ]);
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
    const t2 = f.local("i64");
    const r = f.local("i32");
    const p = f.local("i32");
    const m = f.local("i64");
    const q = f.local("i64");
    const L1 = f.label();
    const B1 = f.label();
    const L2 = f.label();
    return [
      ir.set(digits, c(1)),
      ir.set(t2, c64(10)),
      ir.block(B1, [
        ir.loop(L1, [
          ir.if(b32("eq", ir.get(digits), c(20)), [ir.br(B1)]),
          ir.if(b64("lt_u", mag, ir.get(t2)), [ir.br(B1)]),
          ir.set(t2, b64("mul", ir.get(t2), c64(10))),
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
      // From the bump pointer, never a reused block: the tail is handed back to it.
      ir.set(r, call("bump", [layout, b32("add", ir.get(m), c(ARRAY_DATA_OFFSET))])),
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
  def("syscall_read_at_end", (f) => [
    ir.if(b64("ne", f.param(0), c64(0)), [ir.ret(c64(1))]),
    ir.ret(extU(H("read_at_end", [c(0)])))
  ]);
  const pendingOrEmpty = (name, lenExpr) => def(name, (f) => {
    const k = f.local("i32");
    return [
      ir.set(k, lenExpr(f)),
      ir.if(b32("lt_s", ir.get(k), c(0)), [ir.ret(empty)]),
      ir.ret(call("str_pending", [ir.get(k)]))
    ];
  });
  pendingOrEmpty(
    "syscall_read_line",
    (f) => ir.cond("i32", b64("ne", f.param(0), c64(0)), c(-1), H("read_line", [c(0)]))
  );
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
    ...r.globals.map(
      (g) => g.name === HEAP_TOP_GLOBAL || g.name === HEAP_BASE_GLOBAL ? { ...g, init: heapBase } : g
    )
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
function freeTargets(linked) {
  return { free: linked.runtimeIndex.get("free"), freeArray: linked.runtimeIndex.get("free_array") };
}
function withFrees(linked) {
  const a = linked.artifact;
  const n = linked.programFunctions;
  const program = freeDeadObjects(a, n, freeTargets(linked));
  return { ...linked, artifact: { ...a, functions: [...program, ...a.functions.slice(n)] } };
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
var V128 = 123;
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
var SIMD_PREFIX = 253;
var SIMD = {
  v128_load: 0,
  v128_store: 11,
  f64x2_splat: 20,
  "f64.abs": 236,
  "f64.neg": 237,
  "f64.sqrt": 239,
  "f64.add": 240,
  "f64.sub": 241,
  "f64.mul": 242,
  "f64.div": 243
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
function typeKey(t2) {
  if (t2.params.length > 18) return `${t2.params.join(",")}>${t2.result ?? ""}`;
  let k = t2.result === null ? 0 : TYPE_CODE[t2.result];
  for (const p of t2.params) k = k * 5 + TYPE_CODE[p];
  return k * 32 + t2.params.length;
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
  type(t2) {
    let idx = this.typeIndex.get(typeKey(t2));
    if (idx === void 0) {
      idx = this.types.count;
      const w = this.types.entry();
      w.u8(FUNC_TYPE);
      w.uleb(t2.params.length);
      for (const p of t2.params) w.u8(VALTYPE[p]);
      if (t2.result === null) w.uleb(0);
      else {
        w.uleb(1);
        w.u8(VALTYPE[t2.result]);
      }
      this.typeIndex.set(typeKey(t2), idx);
    }
    return idx;
  }
  /** Imports a function; all imports must come before the first `func`. */
  importFunction(module, name, t2) {
    if (this.functions.count > 0) throw new Error("imports must precede defined functions");
    const typeIdx = this.type(t2);
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
  func(name, t2, body) {
    this.functions.entry().uleb(this.type(t2));
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

// src/backends/jit/recursion.ts
function isSelfCall(e, self) {
  return e?.kind === "call" && e.func === self;
}
function isTail(r, self, add) {
  const v = r.value;
  return isSelfCall(v, self) || v?.kind === "binary" && v.op === add && isSelfCall(v.right, self);
}
function hasTail(ss, self, add) {
  for (const s of ss) {
    if (s.kind === "return" ? isTail(s, self, add) : s.kind === "block" || s.kind === "loop" ? hasTail(s.body, self, add) : s.kind === "if" && (hasTail(s.then, self, add) || hasTail(s.else, self, add)))
      return true;
  }
  return false;
}
function eliminateTailRecursion(f, self) {
  const result = f.type.result;
  if (result === null) return unitTailLoop(f, self);
  if (result !== "i32" && result !== "i64") return f;
  const add = result === "i32" ? "i32.add" : "i64.add";
  if (!hasTail(f.body, self, add)) return f;
  const selfCall = (e) => isSelfCall(e, self);
  const params = f.type.params.length;
  const acc = params + f.locals.length;
  const tmps = f.type.params.map((_, i) => acc + 1 + i);
  const label = freshLabel(f);
  const zero2 = (t2) => ({ kind: "const", type: t2, value: t2 === "i64" ? 0n : 0 });
  const get2 = (index) => ({ kind: "local.get", index });
  const ret = (r) => {
    const v = r.value;
    let call;
    const pre = [];
    if (selfCall(v)) call = v;
    else if (v.kind === "binary" && v.op === add && selfCall(v.right)) {
      call = v.right;
      pre.push({
        kind: "local.set",
        index: acc,
        value: { kind: "binary", op: add, left: get2(acc), right: stmtsExpr(v.left) }
      });
    } else {
      const value = { kind: "binary", op: add, left: get2(acc), right: stmtsExpr(v) };
      return [{ ...r, value }];
    }
    call.args.forEach((a, i) => pre.push({ kind: "local.set", index: tmps[i], value: stmtsExpr(a) }));
    call.args.forEach((_, i) => pre.push({ kind: "local.set", index: i, value: get2(tmps[i]) }));
    pre.push({ kind: "continue", label, ...r.loc !== void 0 ? { loc: r.loc } : {} });
    return pre;
  };
  const stmtsExpr = (e) => mapChildren(e, stmtsExpr, rewrite);
  const rewrite = (s) => {
    if (s.kind === "return") return s.value === void 0 ? [s] : ret(s);
    return [mapStmtChildren(s, stmtsExpr, rewrite)];
  };
  const reset = f.locals.map((t2, i) => ({ kind: "local.set", index: params + i, value: zero2(t2) }));
  const body = [
    { kind: "local.set", index: acc, value: zero2(result) },
    { kind: "loop", label, body: [...reset, ...f.body.flatMap(rewrite), { kind: "unreachable" }] }
  ];
  return { ...f, locals: [...f.locals, result, ...f.type.params], body };
}
function freshLabel(f) {
  let maxLabel = -1;
  walkBody(
    f.body,
    () => {
    },
    (s) => {
      if (s.kind === "block" || s.kind === "loop") maxLabel = Math.max(maxLabel, s.label);
    }
  );
  return maxLabel + 1;
}
function unitTailLoop(f, self) {
  const last = f.body[f.body.length - 1];
  if (last?.kind !== "expr" || !isSelfCall(last.expr, self)) return f;
  const call = last.expr;
  const params = f.type.params.length;
  const tmps = f.type.params.map((_, i) => params + f.locals.length + i);
  const label = freshLabel(f);
  const zero2 = (t2) => ({ kind: "const", type: t2, value: t2 === "i64" ? 0n : 0 });
  const reset = f.locals.map((t2, i) => ({ kind: "local.set", index: params + i, value: zero2(t2) }));
  const next = [
    ...call.args.map((a, i) => ({ kind: "local.set", index: tmps[i], value: a })),
    ...call.args.map((_, i) => ({
      kind: "local.set",
      index: i,
      value: { kind: "local.get", index: tmps[i] }
    })),
    { kind: "continue", label, ...last.loc !== void 0 ? { loc: last.loc } : {} }
  ];
  const body = [{ kind: "loop", label, body: [...reset, ...f.body.slice(0, -1), ...next] }];
  return { ...f, locals: [...f.locals, ...f.type.params], body };
}

// src/backends/jit/simd.ts
var F64_BINARY = /* @__PURE__ */ new Set(["f64.add", "f64.sub", "f64.mul", "f64.div"]);
var F64_UNARY = /* @__PURE__ */ new Set(["f64.neg", "f64.abs", "f64.sqrt"]);
function planVector(loop, localTypes) {
  const body = loop.body;
  const first = body[0];
  if (first?.kind !== "if" || first.else.length > 0 || first.then.length !== 1) return null;
  if (first.then[0].kind !== "break") return null;
  const test2 = exitTest(first.cond);
  if (!test2) return null;
  const { iv } = test2;
  let last = body.length - 1;
  if (body[last]?.kind === "continue" && body[last].label === loop.label) last--;
  const inc = body[last];
  if (inc?.kind !== "local.set" || inc.index !== iv || inc.value.kind !== "binary" || inc.value.op !== "i64.add" || inc.value.left.kind !== "local.get" || inc.value.left.index !== iv || inc.value.right.kind !== "const" || BigInt(inc.value.right.value) !== 1n)
    return null;
  const steps = [];
  const flatten = (ss) => ss.every((s) => s.kind === "block" ? flatten(s.body) : (steps.push(s), true));
  if (!flatten(body.slice(1, last))) return null;
  const assignedCount = assignedLocals(body);
  for (const [l, n] of assignedCount) if (l !== iv && n !== 1) return null;
  const assigned = new Set(assignedCount.keys());
  const invariantLocal = (l) => !assigned.has(l);
  if (test2.end.kind === "local.get" ? !invariantLocal(test2.end.index) : test2.end.kind !== "const")
    return null;
  const defined = /* @__PURE__ */ new Set();
  const unitIndex = /* @__PURE__ */ new Set([iv]);
  const lanes = /* @__PURE__ */ new Set();
  const defs = /* @__PURE__ */ new Map();
  const closed = (x) => {
    if (x.kind === "local.get") return defs.get(x.index) ?? x;
    if (x.kind === "unary") return { ...x, value: closed(x.value) };
    if (x.kind === "binary") return { ...x, left: closed(x.left), right: closed(x.right) };
    return x;
  };
  const invariant = (x) => loopInvariant(x, assigned);
  const unit = (x) => {
    if (x.kind === "local.get") return unitIndex.has(x.index) && (x.index === iv || defined.has(x.index));
    if (x.kind === "binary" && x.op === "i64.add")
      return unit(x.left) && invariant(x.right) || invariant(x.left) && unit(x.right);
    return false;
  };
  const address = (a) => {
    if (a.kind !== "binary" || a.op !== "i32.add" || a.left.kind !== "local.get") return null;
    if (!invariantLocal(a.left.index)) return null;
    const s = a.right;
    if (s.kind !== "binary" || s.op !== "i32.shl" || s.right.kind !== "const" || Number(s.right.value) !== 3)
      return null;
    const w = s.left;
    if (w.kind !== "unary" || w.op !== "i32.wrap_i64" || !unit(w.value)) return null;
    return closed(a);
  };
  const loads = [];
  const f64expr = (x) => {
    switch (x.kind) {
      case "const":
        return x.type === "f64";
      case "local.get":
        return localTypes[x.index] === "f64" && (invariantLocal(x.index) || lanes.has(x.index));
      case "load": {
        if (x.op !== "f64.load") return false;
        const a = address(x.addr);
        if (!a) return false;
        loads.push({ addr: a, offset: x.offset });
        return true;
      }
      case "unary":
        return F64_UNARY.has(x.op) && f64expr(x.value);
      case "binary":
        return F64_BINARY.has(x.op) && f64expr(x.left) && f64expr(x.right);
      default:
        return false;
    }
  };
  let store = null;
  for (const s of steps) {
    if (s.kind === "local.set") {
      const t2 = localTypes[s.index];
      if (t2 === "i64" && unit(s.value)) {
        unitIndex.add(s.index);
        defs.set(s.index, closed(s.value));
      } else if (t2 === "f64" && f64expr(s.value)) lanes.add(s.index);
      else return null;
      defined.add(s.index);
    } else if (s.kind === "store" && s.op === "f64.store" && store === null) {
      const a = address(s.addr);
      if (!a || !f64expr(s.value)) return null;
      store = { addr: a, offset: s.offset };
    } else return null;
  }
  if (store === null) return null;
  return { iv, end: test2.end, inclusive: test2.inclusive, steps, lanes, store, loads };
}

// src/backends/jit/emit.ts
var FMOD_TYPE = { params: ["f64", "f64"], result: "f64" };
function flatLocTables(tables) {
  const locTableStarts = new Int32Array(tables.length + 1);
  tables.forEach((t2, i) => locTableStarts[i + 1] = locTableStarts[i] + t2.length);
  const locTable = new Int32Array(locTableStarts[tables.length]);
  tables.forEach((t2, i) => locTable.set(t2, locTableStarts[i]));
  return { locTable, locTableStarts };
}
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
    typeIndex: (t2) => mb.type(t2),
    panicCode: importCount + linked.runtimeIndex.get("panic_code"),
    panicIndex: importCount + linked.runtimeIndex.get("panic_index")
  };
  const locTables = [];
  const scratch = new ByteWriter(64 * 1024);
  const frees = freesFor(a, linked.programFunctions, freeTargets(linked));
  for (const [i, f] of a.functions.entries()) {
    const g = f.type.result === null ? eliminateTailRecursion(frees(f, i), i) : frees(eliminateTailRecursion(f, i), i);
    const facts = checkFacts(g.body);
    const fe = new FunctionEmitter(
      ctx,
      facts.elem ? versionLoops(g) : g,
      scratch,
      facts.elem || facts.loopCheck
    );
    mb.func(f.name, f.type, fe.emit());
    locTables.push(fe.locTable);
  }
  const testFuncs = a.tests.map((t2) => importCount + t2.func);
  const dispatcher = mb.func(
    "beskid.run_test",
    { params: ["i32"], result: null },
    dispatchBody(testFuncs, scratch)
  );
  locTables.push([]);
  const maxPages = Math.min(options.maxPages ?? MAX_PAGES, MAX_PAGES);
  const initialPages = Math.min(Math.max(1, Math.ceil(linked.heapBase / PAGE_SIZE)), maxPages);
  const reset = mb.func(
    "beskid.reset",
    { params: [], result: "i32" },
    resetBody(a.globals, linked.heapBase, initialPages, 0, scratch)
  );
  locTables.push([]);
  mb.start(mb.func("beskid.init", { params: [], result: null }, initBody(reset, scratch)));
  locTables.push([]);
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
      ...flatLocTables(locTables),
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
        [...entries, ...a.tests.map((t2) => t2.func)],
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
var MAX_HANDLERS = 256;
var CHECKED_DIVISION = /* @__PURE__ */ new Set([
  "i32.div_s",
  "i32.div_u",
  "i32.rem_s",
  "i32.rem_u",
  "i64.div_s",
  "i64.div_u",
  "i64.rem_s",
  "i64.rem_u"
]);
function divisionIsSafe(e) {
  const r = e.right;
  if (r.kind !== "const") return false;
  const v = BigInt(r.value);
  return v !== 0n && (v !== -1n || !e.op.endsWith("_s"));
}
function checkFacts(body) {
  let elem = false;
  let loopCheck = false;
  let loops = 0;
  const visitE = (e) => {
    if (e.kind === "elem.addr") {
      elem = true;
      if (loops > 0) loopCheck = true;
    } else if (loops > 0 && e.kind === "binary" && CHECKED_DIVISION.has(e.op) && !divisionIsSafe(e)) {
      loopCheck = true;
    }
    forEachChild(e, visitE, visitS);
  };
  const visitS = (s) => {
    const loop = s.kind === "loop";
    if (loop) loops++;
    forEachStmtChild(s, visitE, visitS);
    if (loop) loops--;
  };
  for (let i = 0; i < body.length; i++) visitS(body[i]);
  return { elem, loopCheck };
}
var FunctionEmitter = class {
  /**
   * `w` is a scratch writer shared by all functions; `emit` resets it. `mayHaveLoopChecks`
   * false (from `checkFacts`) skips planning out-of-line handlers: there would be none.
   */
  constructor(ctx, f, w, mayHaveLoopChecks = true) {
    this.ctx = ctx;
    this.f = f;
    this.w = w;
    this.mayHaveLoopChecks = mayHaveLoopChecks;
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
  mayHaveLoopChecks;
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
  /**
   * Checks inside loops whose panic call sits outside the function body (see `emit`): the
   * checked node → index of its first handler. A loop with a call in it is never unrolled by
   * V8 and keeps the call's arguments alive in registers or spills, so the hot path only
   * branches out.
   */
  handlerOf = /* @__PURE__ */ new Map();
  handlers = [];
  /** Loops with a vector version (simd.ts) and the v128 local of each of their lane locals. */
  vectorPlans = /* @__PURE__ */ new Map();
  /** The body bytes: a view of the scratch writer, valid until the next function. */
  emit() {
    const w = this.w;
    w.length = 0;
    const vectors = this.planVectors();
    const declared = [...this.f.locals, "i32", "i32", "i64", "i64"].map(
      (t2) => VALTYPE[t2]
    );
    for (let i = 0; i < vectors; i++) declared.push(V128);
    const groups = [];
    for (const t2 of declared) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t2) last[0]++;
      else groups.push([1, t2]);
    }
    w.uleb(groups.length);
    for (const [n2, t2] of groups) {
      w.uleb(n2);
      w.u8(t2);
    }
    this.planHandlers();
    const n = this.handlers.length;
    for (let k = n - 1; k >= 0; k--) {
      w.u8(OP.block);
      w.u8(BLOCK_VOID);
      this.ctl.push({ label: null, role: "none" });
    }
    for (const s of this.f.body) this.stmt(s);
    if (this.f.type.result !== null) w.u8(OP.unreachable);
    else if (n > 0) w.u8(OP.return);
    for (let k = 0; k < n; k++) {
      this.ctl.pop();
      w.u8(OP.end);
      this.handlers[k]();
    }
    w.u8(OP.end);
    return w.peek();
  }
  /** Finds the loops run two iterations at a time; returns how many v128 locals they need. */
  planVectors() {
    let next = this.localTypes.length + 4;
    const visit = (s) => {
      if (s.kind === "loop") {
        const plan = planVector(s, this.localTypes);
        if (plan) {
          const lanes = /* @__PURE__ */ new Map();
          for (const l of plan.lanes) lanes.set(l, next++);
          this.vectorPlans.set(s, { plan, lanes });
          return;
        }
      }
      forEachStmtChild(s, () => {
      }, visit);
    };
    this.f.body.forEach(visit);
    return next - (this.localTypes.length + 4);
  }
  /**
   * Two iterations per round with `f64x2` while at least three remain (simd.ts), so the
   * scalar loop that follows always runs the last iteration and leaves every local as the
   * scalar loop would; skipped when a load could read the previous lane's store. Uses the
   * scratch locals `s64a` (the round limit); the body has no checked operation that would.
   */
  vectorLoop(plan, lanes) {
    const w = this.w;
    const iv = plan.iv;
    w.u8(OP.block);
    w.u8(BLOCK_VOID);
    this.ctl.push({ label: null, role: "none" });
    const byteAddress = (a) => {
      this.expr(a.addr);
      this.op(UNARY_OPCODE["i64.extend_i32_u"]);
      if (a.offset !== 0) {
        writeConst(w, "i64", BigInt(a.offset));
        w.u8(BINARY_OPCODE["i64.add"]);
      }
    };
    for (const l of plan.loads) {
      byteAddress(plan.store);
      byteAddress(l);
      w.u8(BINARY_OPCODE["i64.sub"]);
      writeConst(w, "i64", 1n);
      w.u8(BINARY_OPCODE["i64.sub"]);
      writeConst(w, "i64", 15n);
      w.u8(BINARY_OPCODE["i64.lt_u"]);
      w.u8(OP.br_if);
      w.uleb(0);
    }
    const back = plan.inclusive ? 1n : 2n;
    this.expr(plan.end);
    writeConst(w, "i64", -(1n << 63n) + back);
    w.u8(BINARY_OPCODE["i64.lt_s"]);
    w.u8(OP.br_if);
    w.uleb(0);
    this.expr(plan.end);
    writeConst(w, "i64", back);
    w.u8(BINARY_OPCODE["i64.sub"]);
    this.setLocal(this.s64a);
    w.u8(OP.loop);
    w.u8(BLOCK_VOID);
    this.ctl.push({ label: null, role: "none" });
    this.getLocal(iv);
    this.getLocal(this.s64a);
    w.u8(BINARY_OPCODE["i64.ge_s"]);
    w.u8(OP.br_if);
    w.uleb(1);
    for (const s of plan.steps) {
      if (s.kind === "local.set") {
        const lane = lanes.get(s.index);
        if (lane === void 0) this.stmt(s);
        else {
          this.vexpr(s.value, lanes);
          this.setLocal(lane);
        }
      } else if (s.kind === "store") {
        this.expr(s.addr);
        this.vexpr(s.value, lanes);
        this.simd(SIMD.v128_store);
        w.uleb(3);
        w.uleb(s.offset);
      }
    }
    this.getLocal(iv);
    writeConst(w, "i64", 2n);
    w.u8(BINARY_OPCODE["i64.add"]);
    this.setLocal(iv);
    w.u8(OP.br);
    w.uleb(0);
    this.ctl.pop();
    w.u8(OP.end);
    this.ctl.pop();
    w.u8(OP.end);
  }
  simd(op) {
    this.w.u8(SIMD_PREFIX);
    this.w.uleb(op);
  }
  /** An f64 expression of `simd.ts`'s grammar, as an `f64x2` of two consecutive iterations. */
  vexpr(e, lanes) {
    const w = this.w;
    switch (e.kind) {
      case "const":
        writeConst(w, "f64", e.value);
        this.simd(SIMD.f64x2_splat);
        return;
      case "local.get": {
        const lane = lanes.get(e.index);
        if (lane !== void 0) this.getLocal(lane);
        else {
          this.getLocal(e.index);
          this.simd(SIMD.f64x2_splat);
        }
        return;
      }
      case "load":
        this.expr(e.addr);
        this.simd(SIMD.v128_load);
        w.uleb(3);
        w.uleb(e.offset);
        return;
      case "unary":
        this.vexpr(e.value, lanes);
        this.simd(SIMD[e.op]);
        return;
      case "binary":
        this.vexpr(e.left, lanes);
        this.vexpr(e.right, lanes);
        this.simd(SIMD[e.op]);
        return;
      default:
        throw new Error(`${this.f.name}: ${e.kind} in a vector loop`);
    }
  }
  /** Assigns out-of-line handlers to the checks inside loops (at most `MAX_HANDLERS`). */
  planHandlers() {
    if (!this.mayHaveLoopChecks) return;
    const hasLoop = (ss) => ss.some(
      (s) => s.kind === "loop" ? true : s.kind === "block" ? hasLoop(s.body) : s.kind === "if" && (hasLoop(s.then) || hasLoop(s.else))
    );
    if (!hasLoop(this.f.body)) return;
    const visitE = (e, inLoop) => {
      if (inLoop && this.handlers.length < MAX_HANDLERS) {
        if (e.kind === "elem.addr") {
          this.handlerOf.set(e, this.handlers.length);
          this.handlers.push(() => this.indexPanic(e.loc));
        } else if (e.kind === "binary" && CHECKED_DIVISION.has(e.op) && !divisionIsSafe(e)) {
          const isDiv = e.op.includes("div");
          this.handlerOf.set(e, this.handlers.length);
          this.handlers.push(
            () => this.codePanic(isDiv ? PANIC["division by zero"] : PANIC["remainder by zero"], e.loc)
          );
          this.handlers.push(() => this.codePanic(PANIC["integer overflow in division"], e.loc));
        }
      }
      forEachChild(
        e,
        (x) => visitE(x, inLoop),
        (x) => visitS(x, inLoop)
      );
    };
    const visitS = (s, inLoop) => {
      const loop = inLoop || s.kind === "loop";
      forEachStmtChild(
        s,
        (x) => visitE(x, loop),
        (x) => visitS(x, loop)
      );
    };
    for (const s of this.f.body) visitS(s, false);
  }
  /** Depth of the `br` to out-of-line handler `k` from the current position. */
  handlerDepth(k) {
    return this.ctl.length - 1 - (this.handlers.length - 1 - k);
  }
  indexPanic(loc) {
    const w = this.w;
    this.getLocal(this.s32a);
    w.u8(LOAD_OPCODE["i64.load32_u"][0]);
    w.uleb(2);
    w.uleb(4);
    this.getLocal(this.s64a);
    w.u8(OP.i32_const);
    w.sleb32(loc ?? -1);
    this.callFunc(this.ctx.panicIndex, loc);
    w.u8(OP.unreachable);
  }
  codePanic(code, loc) {
    const w = this.w;
    w.u8(OP.i32_const);
    w.sleb32(code);
    w.u8(OP.i32_const);
    w.sleb32(loc ?? -1);
    this.callFunc(this.ctx.panicCode, loc);
    w.u8(OP.unreachable);
  }
  mark(loc) {
    if (loc === void 0) return;
    const t2 = this.locTable;
    const at = this.w.length;
    if (t2.length >= 2 && t2[t2.length - 2] === at) t2[t2.length - 1] = loc;
    else t2.push(at, loc);
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
        const t2 = exprType(this.typeCtx, s.expr);
        if (t2 !== null) w.u8(OP.drop);
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
      case "loop": {
        const v = this.vectorPlans.get(s);
        if (v) this.vectorLoop(v.plan, v.lanes);
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
      }
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
  /** `if (stack top) { panic_code(code, loc) }`, or a branch to out-of-line handler `handler`. */
  panicIf(code, loc, handler) {
    const w = this.w;
    if (handler !== void 0) {
      w.u8(OP.br_if);
      w.uleb(this.handlerDepth(handler));
      return;
    }
    w.u8(OP.if);
    w.u8(BLOCK_VOID);
    this.codePanic(code, loc);
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
    if (divisionIsSafe(e)) {
      this.expr(e.left);
      this.expr(e.right);
      w.u8(opcode);
      return;
    }
    const handler = this.handlerOf.get(e);
    const [ta, tb] = wide ? [this.s64a, this.s64b] : [this.s32a, this.s32b];
    this.expr(e.left);
    this.expr(e.right);
    this.setLocal(tb);
    this.setLocal(ta);
    this.getLocal(tb);
    w.u8(wide ? 80 : 69);
    this.panicIf(isDiv ? PANIC["division by zero"] : PANIC["remainder by zero"], e.loc, handler);
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
      this.panicIf(
        PANIC["integer overflow in division"],
        e.loc,
        handler === void 0 ? void 0 : handler + 1
      );
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
    const handler = this.handlerOf.get(e);
    if (handler !== void 0) {
      w.u8(OP.br_if);
      w.uleb(this.handlerDepth(handler));
    } else {
      w.u8(OP.if);
      w.u8(BLOCK_VOID);
      this.indexPanic(e.loc);
      w.u8(OP.end);
    }
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
import { createHash as createHash2 } from "node:crypto";

// src/backends/jit/run.ts
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
      const t2 = v.toPrecision(p);
      if (Math.fround(Number(t2)) === v) {
        s = String(Number(t2));
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
  const held = { out: 0, err: 0 };
  const dropped = { out: 0, err: 0 };
  const start = { out: 0, err: 0 };
  const capture = (which, chunk) => {
    const list = captured[which];
    list.push(chunk);
    cfg.onCaptured?.(which === "out" ? 0 : 1, chunk);
    held[which] += chunk.length;
    const limit = cfg.captureLimit;
    if (limit === void 0) return;
    while (held[which] > limit && start[which] < list.length - 1) {
      const n = list[start[which]++].length;
      held[which] -= n;
      dropped[which] += n;
    }
    if (start[which] > 1024 && start[which] * 2 > list.length) {
      list.splice(0, start[which]);
      start[which] = 0;
    }
  };
  const pendingOut = { fd: 0, chunks: [], size: 0 };
  let pending = null;
  let stdinPos = 0;
  const bytesAt = (ptr, len) => new Uint8Array(mem.memory.buffer, ptr >>> 0, len >>> 0);
  const textAt = (ptr, len) => dec.decode(bytesAt(ptr, len));
  const pathAt = (ptr, len) => {
    const p = textAt(ptr, len);
    return p === "" || lib.path.isAbsolute(p) ? p : `${cfg.cwd}${lib.path.sep}${p}`;
  };
  const setPending = (b) => {
    pending = b;
    return b.length;
  };
  const flushFd = () => {
    cfg.flushSinks?.();
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
    if (sink2 === null) capture(fd === 1 ? "out" : "err", chunk);
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
  const inBuf = new Uint8Array(typeof cfg.stdin === "number" ? 65536 : 0);
  let inPos = 0;
  let inLen = 0;
  let inEnd = false;
  const readFd = (fd, dst) => {
    flushFd();
    for (; ; ) {
      try {
        return lib.fs.readSync(fd, dst, 0, dst.length, null);
      } catch (e) {
        if (e.code === "EAGAIN") continue;
        return 0;
      }
    }
  };
  const available = () => {
    const stdin = cfg.stdin;
    if (stdin === null) return 0;
    if (typeof stdin !== "number") return stdin.length - stdinPos;
    if (inPos === inLen && !inEnd) {
      inPos = 0;
      inLen = readFd(stdin, inBuf);
      inEnd = inLen === 0;
    }
    return inLen - inPos;
  };
  const read = (_fd, ptr, max) => {
    const stdin = cfg.stdin;
    if (typeof stdin === "number" && inPos === inLen && !inEnd && max >= inBuf.length) {
      const buf = new Uint8Array(max);
      const n2 = readFd(stdin, buf);
      if (n2 > 0) bytesAt(ptr, n2).set(buf.subarray(0, n2));
      return n2;
    }
    const n = Math.min(max, available());
    inEnd = false;
    if (n <= 0) return 0;
    if (typeof stdin === "number") {
      bytesAt(ptr, n).set(inBuf.subarray(inPos, inPos + n));
      inPos += n;
    } else if (stdin !== null) {
      bytesAt(ptr, n).set(stdin.subarray(stdinPos, stdinPos + n));
      stdinPos += n;
    }
    return n;
  };
  const readAtEnd = (_fd) => available() > 0 ? 0 : 1;
  const readLine = (_fd) => {
    const stdin = cfg.stdin;
    const parts = [];
    let size = 0;
    for (; ; ) {
      const n = available();
      if (n <= 0 || stdin === null) {
        inEnd = false;
        if (parts.length === 0) return -1;
        break;
      }
      const [buf, pos] = typeof stdin === "number" ? [inBuf, inPos] : [stdin, stdinPos];
      const nl = buf.subarray(pos, pos + n).indexOf(10);
      const k = nl < 0 ? n : nl;
      parts.push(buf.slice(pos, pos + k));
      size += k;
      const used = nl < 0 ? n : nl + 1;
      if (typeof stdin === "number") inPos += used;
      else stdinPos += used;
      if (nl >= 0) break;
    }
    let line = parts.length === 1 ? parts[0] : new Uint8Array(size);
    if (parts.length > 1) {
      let off = 0;
      for (const p of parts) {
        line.set(p, off);
        off += p.length;
      }
    }
    if (size > 0 && line[size - 1] === 13) line = line.subarray(0, size - 1);
    return setPending(line);
  };
  const fail = () => 1;
  const host = {
    write,
    read,
    read_at_end: readAtEnd,
    read_line: readLine,
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
        return fail();
      }
    },
    fs_delete(ptr, len) {
      try {
        const p = pathAt(ptr, len);
        if (lib.fs.statSync(p).isDirectory()) lib.fs.rmdirSync(p);
        else lib.fs.unlinkSync(p);
        return 0;
      } catch {
        return fail();
      }
    },
    fs_mkdir(ptr, len) {
      try {
        const p = pathAt(ptr, len);
        lib.makeDirs(p);
        return lib.fs.statSync(p).isDirectory() ? 0 : 1;
      } catch {
        return fail();
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
    const join3 = (cs) => {
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
    const note = (which) => dropped[which] > 0 ? [enc.encode(`[\u2026 ${dropped[which]} bytes of earlier output dropped \u2026]
`)] : [];
    const kept = (which) => [
      ...note(which),
      ...captured[which].slice(start[which])
    ];
    return { out: join3(kept("out")), err: join3(kept("err")) };
  };
  return {
    imports(info) {
      for (const x of info.externs) {
        const key2 = `${x.contract}.${x.name}`;
        externs[key2] = mapped[x.name] ?? (() => {
          throw {
            beskidPanic: {
              message: `extern function ${key2} (library ${x.library}) is not available under the JIT`,
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
      if (sink2 === null) capture("err", b);
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
    const table = info.locTable;
    let loc = -1;
    for (let i = info.locTableStarts[def], end = info.locTableStarts[def + 1]; i < end; i += 2) {
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
    const file = outcome.file === void 0 ? void 0 : cfg.displayFiles?.[outcome.file] ?? outcome.file;
    const where = file !== void 0 ? ` at ${file}:${outcome.line}:${outcome.column}` : "";
    host.flush();
    host.writeErr(`panic${where}: ${outcome.message}
`);
  }
  host.flush();
  const { out, err } = host.captured();
  return { outcome, stdout: out, stderr: err };
}

// src/backends/jit/run.ts
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
    winsize: o.winsize ?? 0,
    ...o.displayFiles ? { displayFiles: o.displayFiles } : {}
  };
}
function unavailableExterns(info, root) {
  return (info.unavailable[root] ?? []).map(({ detail, loc }) => {
    const at = loc !== void 0 && loc * 3 + 2 < info.locations.length ? {
      file: info.files[info.locations[loc * 3]],
      start: { line: info.locations[loc * 3 + 1], column: info.locations[loc * 3 + 2] }
    } : void 0;
    return makeDiagnostic(
      "E4040",
      {
        detail,
        help: `the JIT maps only ${Object.keys(JIT_MAPPED_EXTERNS).join(", ")}; build it with the AOT backend`
      },
      at
    );
  });
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
  const r = await runInStackedWorker(prepared2, cfg, prepared2.info.runExports[entry.func]);
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
var MAIN_STACK_MB = 64;
var workerSource;
function newWorker() {
  workerSource ??= WORKER_SOURCE();
  return new Worker(workerSource, { eval: true, resourceLimits: { stackSizeMb: MAIN_STACK_MB } });
}
var spare;
function prewarmMainWorker() {
  if (spare) return;
  const w = newWorker();
  w.unref();
  w.once("exit", () => {
    if (spare === w) spare = void 0;
  });
  spare = w;
}
function takeMainWorker() {
  const w = spare ?? newWorker();
  spare = void 0;
  w.ref();
  return w;
}
function runInStackedWorker(prepared2, cfg, exportName) {
  const empty = new Uint8Array(0);
  const post = (s) => typeof s === "function" ? "post" : s;
  const message = {
    type: "main",
    module: prepared2.module,
    info: prepared2.info,
    cfg: { ...cfg, stdout: post(cfg.stdout), stderr: post(cfg.stderr) },
    exportName
  };
  return new Promise((resolve3) => {
    let done = false;
    let current;
    const finish = (r) => {
      if (done) return;
      done = true;
      if (current) void current.terminate();
      resolve3(r);
    };
    const failed = (message2) => finish({ outcome: { kind: "error", message: message2 }, stdout: empty, stderr: empty });
    const start = (w, retries) => {
      current = w;
      let running = false;
      const gone = (why) => {
        if (done || current !== w) return;
        if (!running && retries > 0) {
          void w.terminate();
          try {
            start(newWorker(), retries - 1);
          } catch (e) {
            failed(`the JIT's worker thread could not start: ${String(e)}`);
          }
        } else failed(why);
      };
      w.on("message", (m) => {
        if (m.running) running = true;
        else if (m.out) {
          for (let i = 0; i < m.out.length; i += 2) {
            const s = m.out[i] === 1 ? cfg.stdout : cfg.stderr;
            if (typeof s === "function") s(m.out[i + 1]);
          }
        } else if (m.result) finish(m.result);
      });
      w.on("error", (e) => gone(String(e.stack ?? e)));
      w.on("exit", (code) => gone(`the JIT's worker thread ended with code ${code}`));
      w.postMessage(message);
    };
    try {
      start(takeMainWorker(), 1);
    } catch (e) {
      failed(`the JIT's worker thread could not start: ${String(e)}`);
    }
  });
}
var TEST_CAPTURE_LIMIT = 1 << 20;
function runMainMessage(m, port, lib, run3) {
  let batch = [];
  let size = 0;
  let last = performance.now();
  const flush = () => {
    if (batch.length > 0) port.postMessage({ out: batch });
    batch = [];
    size = 0;
    last = performance.now();
  };
  const sink2 = (fd) => (chunk) => {
    batch.push(fd, chunk);
    size += chunk.length;
    if (size >= 65536 || m.cfg.ttys.includes(fd) || performance.now() - last >= 10) flush();
  };
  const cfg = {
    ...m.cfg,
    stdout: m.cfg.stdout === "post" ? sink2(1) : m.cfg.stdout,
    stderr: m.cfg.stderr === "post" ? sink2(2) : m.cfg.stderr,
    flushSinks: flush
  };
  const result = run3(m.module, m.info, cfg, lib, m.exportName);
  flush();
  port.postMessage({ result });
}
var TIMEOUT_OUTPUT_BYTES = 64 * 1024;
function ringWrite(ring, which, chunk) {
  const size = (ring.byteLength - 16) / 2;
  const head = new Int32Array(ring, 0, 4);
  const data = new Uint8Array(ring, 16 + which * size, size);
  const src = chunk.length > size ? chunk.subarray(chunk.length - size) : chunk;
  const pos = head[which];
  const first = Math.min(src.length, size - pos);
  data.set(src.subarray(0, first), pos);
  data.set(src.subarray(first), 0);
  Atomics.store(head, which, (pos + src.length) % size);
  Atomics.store(head, 2 + which, Math.min(2147483647, head[2 + which] + chunk.length));
}
function ringReset(ring) {
  const head = new Int32Array(ring, 0, 4);
  for (let i = 0; i < 4; i++) Atomics.store(head, i, 0);
}
function ringRead(ring) {
  const size = (ring.byteLength - 16) / 2;
  const head = new Int32Array(ring, 0, 4);
  const read = (which) => {
    const pos = Atomics.load(head, which);
    const total = Atomics.load(head, 2 + which);
    const data = new Uint8Array(ring, 16 + which * size, size);
    if (total <= size) return utf83.decode(data.slice(0, total));
    const bytes = new Uint8Array(size);
    bytes.set(data.subarray(pos), 0);
    bytes.set(data.subarray(0, pos), size - pos);
    const more = total === 2147483647 ? "at least " : "";
    return `[\u2026 ${more}${total - size} bytes of earlier output dropped \u2026]
${utf83.decode(bytes)}`;
  };
  return { stdout: read(0), stderr: read(1) };
}
var WORKER_SOURCE = () => [
  // tsx/esbuild may wrap inner functions in __name(); the worker has no such helper.
  "var __name = (f) => f;",
  'const { parentPort } = require("node:worker_threads");',
  'const fs = require("node:fs");',
  'const path = require("node:path");',
  `const formatFloat = (${formatFloat.toString()});`,
  `const makeDirsWith = (${makeDirsWith.toString()});`,
  `const createHost = (${createHost.toString()});`,
  `const mapFrames = (${mapFrames.toString()});`,
  `const runInstance = (${runInstance.toString()});`,
  "const lib = { fs, path, formatFloat, makeDirs: (d) => makeDirsWith(d, fs, path), createHost, mapFrames };",
  `const runMainMessage = (${runMainMessage.toString()});`,
  `const ringWrite = (${ringWrite.toString()});`,
  `const ringReset = (${ringReset.toString()});`,
  "let state = null;",
  "const slot = {};",
  'parentPort.on("message", (m) => {',
  '  if (m.type === "init") {',
  "    state = m;",
  "    if (m.ring) state.cfg = { ...m.cfg, onCaptured: (which, chunk) => ringWrite(m.ring, which, chunk) };",
  "    return;",
  "  }",
  '  if (m.type === "main") {',
  "    parentPort.postMessage({ running: true });",
  "    runMainMessage(m, parentPort, lib, runInstance);",
  "    return;",
  "  }",
  "  parentPort.postMessage({ started: true });",
  "  for (const item of m.items) {",
  "    if (state.ring) ringReset(state.ring);",
  "    const t0 = performance.now();",
  "    const r = runInstance(state.module, state.info, state.cfg, lib, item.exportName, item.arg, state.fresh ? undefined : slot);",
  "    parentPort.postMessage({ id: item.id, result: r, ms: performance.now() - t0 });",
  "  }",
  "});"
].join("\n");
var utf83 = new TextDecoder("utf-8");
function failurePlace(p, isOwnFile, testFile) {
  const own = isOwnFile && [p, ...p.frames].find((f) => f.file !== void 0 && isOwnFile(f.file, testFile));
  const at = own || p;
  return at.file !== void 0 ? { file: at.file, line: at.line ?? 0, column: at.column ?? 0 } : void 0;
}
function failureReason(p, at) {
  return at ? `${p.message} (at ${at.file}:${at.line}:${at.column})` : p.message;
}
async function runTests(input, options = {}) {
  const timeoutMs = options.timeoutMs ?? 1e4;
  useWasmTier("baseline");
  const tests = isPrepared(input) ? input.info.tests : input.tests;
  const indexOf = /* @__PURE__ */ new Map();
  tests.forEach((t2, i) => {
    if (!indexOf.has(t2.qualifiedName)) indexOf.set(t2.qualifiedName, i);
  });
  const names = options.selected ?? tests.map((_, i) => i);
  const positions = names.map((s) => typeof s === "number" ? tests[s] ? s : void 0 : indexOf.get(s));
  const results = new Array(names.length);
  const work = [];
  let prepared2 = isPrepared(input) ? input : void 0;
  const getPrepared = () => prepared2 ??= prepareArtifact(
    input,
    options.maxPages === void 0 ? {} : { maxPages: options.maxPages }
  );
  names.forEach((selected, id) => {
    const at = positions[id];
    const t2 = at === void 0 ? void 0 : tests[at];
    const qn = t2 ? t2.qualifiedName : String(selected);
    if (at === void 0 || !t2) {
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
    const missing = unavailableExterns(getPrepared().info, t2.func);
    if (missing.length > 0) {
      results[id] = {
        qualifiedName: qn,
        name: t2.name,
        outcome: "failed",
        reason: missing.map((d) => `${d.code}: ${d.message}`).join("; "),
        durationMs: 0,
        file: t2.file,
        line: t2.line,
        stdout: "",
        stderr: ""
      };
      return;
    }
    getPrepared();
    work.push({ id, exportName: TEST_DISPATCH_EXPORT, arg: at });
  });
  if (work.length > 0 && prepared2) {
    const p = prepared2;
    const cfg = {
      ...hostConfig({ env: options.env, cwd: options.cwd, stdin: null }),
      captureLimit: options.captureLimit ?? TEST_CAPTURE_LIMIT
    };
    const record = (id, r, ms, partial) => {
      const t2 = tests[positions[id]];
      const base = {
        qualifiedName: t2.qualifiedName,
        name: t2.name,
        file: t2.file,
        line: t2.line,
        durationMs: Math.round(ms * 1e3) / 1e3
      };
      if (r === null) {
        results[id] = {
          ...base,
          outcome: "timed_out",
          reason: `timed out after ${timeoutMs} ms`,
          stdout: partial?.stdout ?? "",
          stderr: partial?.stderr ?? ""
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
      const place = failurePlace(panic, options.isOwnFile, t2.file);
      const failureAt = place && options.displayFile ? { ...place, file: options.displayFile(place.file) } : place;
      results[id] = {
        ...base,
        outcome: "failed",
        reason: failureReason(panic, failureAt),
        ...failureAt ? { failureAt } : {},
        stdout,
        stderr,
        panic
      };
    };
    const fresh = options.isolation === "fresh";
    await runPool(work, p, cfg, timeoutMs, Math.max(1, options.workers ?? 1), fresh, record);
  }
  return results;
}
function runPool(work, prepared2, cfg, timeoutMs, workers, fresh, record) {
  const queue = [...work];
  const CHUNK = 32;
  let remaining = work.length;
  return new Promise((resolve3, reject) => {
    const slots = /* @__PURE__ */ new Set();
    const tick = Math.max(5, Math.min(100, Math.floor(timeoutMs / 10)));
    const finishIfDone = () => {
      if (remaining > 0) return;
      clearInterval(timer);
      for (const s of slots) void s.worker.terminate();
      slots.clear();
      resolve3();
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
      const worker = newWorker();
      const ring = new SharedArrayBuffer(16 + 2 * TIMEOUT_OUTPUT_BYTES);
      const s = { worker, ring, inflight: [], since: performance.now(), running: false };
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
      worker.postMessage({ type: "init", module: prepared2.module, info: prepared2.info, cfg, fresh, ring });
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
        const partial = s.running ? ringRead(s.ring) : void 0;
        void s.worker.terminate();
        const [first, ...rest] = s.inflight;
        record(first.id, null, now - s.since, partial);
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
var JIT_MODULE_FORMAT = 3;
var MAGIC2 = [66, 83, 75, 87];
function encodePrepared(p, artifactId2) {
  const w = new ByteWriter(p.wasm.length + 64 * 1024);
  for (const b of MAGIC2) w.u8(b);
  w.u32le(JIT_MODULE_FORMAT);
  w.str(VERSION);
  w.str(artifactId2);
  w.uleb(p.wasm.length);
  w.bytes(p.wasm);
  const { locTable, locTableStarts, locations, ...rest } = p.info;
  for (const a of [locTable, locTableStarts, locations]) {
    w.uleb(a.length);
    w.bytes(i32Bytes(a));
  }
  w.str(JSON.stringify(rest));
  w.bytes(createHash2("sha256").update(w.peek()).digest());
  return w.finish();
}
var LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function i32Bytes(a) {
  if (LITTLE_ENDIAN) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(a.length * 4);
  const v = new DataView(out.buffer);
  a.forEach((x, i) => v.setInt32(i * 4, x, true));
  return out;
}
function i32From(bytes) {
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0)
    return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Int32Array.from({ length: bytes.length / 4 }, (_, i) => v.getInt32(i * 4, true));
}
function loadPrepared(bytes, artifactId2, purpose) {
  const fail = (message) => ({ ok: false, message });
  if (bytes.length < 40 || MAGIC2.some((b, i) => bytes[i] !== b)) return fail("not a compiled JIT module");
  const body = bytes.subarray(0, bytes.length - 32);
  const digest = createHash2("sha256").update(body).digest();
  if (!digest.equals(bytes.subarray(bytes.length - 32)))
    return fail("compiled JIT module corrupted: checksum mismatch");
  try {
    const r = new ByteReader(body);
    r.pos = 4;
    const format = r.u32le();
    if (format !== JIT_MODULE_FORMAT)
      return fail(`compiled JIT module format ${format} is not ${JIT_MODULE_FORMAT}`);
    const version = r.str();
    if (version !== VERSION) return fail(`compiled JIT module is from toolchain ${version}, not ${VERSION}`);
    const id = r.str();
    if (id !== artifactId2) return fail("compiled JIT module belongs to another artifact");
    const wasm = r.bytes(r.uleb());
    const [locTable, locTableStarts, locations] = [0, 1, 2].map(() => i32From(r.bytes(r.uleb() * 4)));
    const rest = JSON.parse(r.str());
    const info = {
      ...rest,
      locTable,
      locTableStarts,
      locations
    };
    if (purpose !== void 0)
      useWasmTier(purpose === "tests" ? "baseline" : defaultTier(info.programFunctions));
    const t0 = performance.now();
    const prepared2 = compileModule(wasm, info);
    return { ok: true, prepared: { ...prepared2, compileMs: performance.now() - t0 } };
  } catch (e) {
    if (e instanceof ByteReaderError || e instanceof SyntaxError || e instanceof WebAssembly.CompileError) {
      return fail(`compiled JIT module unreadable: ${e.message}`);
    }
    throw e;
  }
}
function loadCached(artifactId2, store, options = {}) {
  const warn = options.warn ?? (() => void 0);
  let bytes;
  try {
    bytes = store.read();
  } catch (e) {
    warn(`could not read the compiled JIT module: ${e.message}`);
  }
  if (bytes === void 0) return void 0;
  let loaded;
  try {
    loaded = loadPrepared(bytes, artifactId2, options.purpose ?? "main");
  } catch (e) {
    loaded = { ok: false, message: e.message };
  }
  if (loaded.ok) return loaded.prepared;
  warn(`ignoring the compiled JIT module: ${loaded.message}`);
  try {
    store.remove?.();
  } catch {
  }
  return void 0;
}
function prepareCached(artifact, artifactId2, store, options = {}) {
  const warn = options.warn ?? (() => void 0);
  useWasmTier(options.purpose === "tests" ? "baseline" : defaultTier(artifact.functions.length));
  const loaded = store && loadCached(artifactId2, store, options);
  if (loaded) return { prepared: loaded, hit: true };
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
/*
 * Optimised GCC builds: the "cheap" vectorizer cost model instead of -O2's "very cheap" one,
 * which lets GCC vectorize a loop whose trip count it does not know or whose arrays it cannot
 * prove apart (it adds the runtime overlap test and the scalar remainder itself). Set before
 * any function, the headers' included, so every function is compiled with the same options.
 */
#if defined(__GNUC__) && !defined(__clang__) && defined(__OPTIMIZE__)
#pragma GCC optimize("vect-cost-model=cheap")
#endif
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
#include <sys/mman.h>

/* Branch hints and cold paths: GCC and Clang spell them the same; other compilers go without. */
#if defined(__GNUC__) || defined(__clang__)
#define BX_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define BX_COLD __attribute__((cold, noinline))
#else
#define BX_UNLIKELY(x) (x)
#define BX_COLD
#endif

#define BX_PAGE 65536u
static uint8_t *bx_mem;
static uint32_t bx_pages;
/* 1 when bx_mem is an address-space reservation of BX_MAX_PAGES pages (grows in place). */
static int bx_reserved;
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

static _Noreturn BX_COLD void bx_panic_at(const char *msg, size_t len, int32_t loc) {
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

static _Noreturn BX_COLD void bx_panic_text(const char *msg, int32_t loc) { bx_panic_at(msg, strlen(msg), loc); }
static _Noreturn BX_COLD void bx_unreachable(int32_t loc) { bx_panic_text("unreachable code reached", loc); }

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
/* The failure paths: out of line, cold, never returning (the runtime's panics end the process). */
static _Noreturn BX_COLD void bx_fail_code(int32_t code, int32_t loc) {
  BX_PANIC_CODE(code, loc);
  abort();
}
static _Noreturn BX_COLD void bx_fail_index(int64_t len, int64_t index, int32_t loc) {
  BX_PANIC_INDEX(len, index, loc);
  abort();
}
static inline int32_t bx_div_s32(int32_t a, int32_t b, int32_t loc) {
  if (BX_UNLIKELY(b == 0)) bx_fail_code(BX_DIV_ZERO, loc);
  if (BX_UNLIKELY(a == INT32_MIN && b == -1)) bx_fail_code(BX_DIV_OVERFLOW, loc);
  return a / b;
}
static inline int32_t bx_div_u32(int32_t a, int32_t b, int32_t loc) {
  if (BX_UNLIKELY(b == 0)) bx_fail_code(BX_DIV_ZERO, loc);
  return (int32_t)((uint32_t)a / (uint32_t)b);
}
static inline int32_t bx_rem_s32(int32_t a, int32_t b, int32_t loc) {
  if (BX_UNLIKELY(b == 0)) bx_fail_code(BX_REM_ZERO, loc);
  return b == -1 ? 0 : a % b;
}
static inline int32_t bx_rem_u32(int32_t a, int32_t b, int32_t loc) {
  if (BX_UNLIKELY(b == 0)) bx_fail_code(BX_REM_ZERO, loc);
  return (int32_t)((uint32_t)a % (uint32_t)b);
}
static inline int64_t bx_div_s64(int64_t a, int64_t b, int32_t loc) {
  if (BX_UNLIKELY(b == 0)) bx_fail_code(BX_DIV_ZERO, loc);
  if (BX_UNLIKELY(a == INT64_MIN && b == -1)) bx_fail_code(BX_DIV_OVERFLOW, loc);
  return a / b;
}
static inline int64_t bx_div_u64(int64_t a, int64_t b, int32_t loc) {
  if (BX_UNLIKELY(b == 0)) bx_fail_code(BX_DIV_ZERO, loc);
  return (int64_t)((uint64_t)a / (uint64_t)b);
}
static inline int64_t bx_rem_s64(int64_t a, int64_t b, int32_t loc) {
  if (BX_UNLIKELY(b == 0)) bx_fail_code(BX_REM_ZERO, loc);
  return b == -1 ? 0 : a % b;
}
static inline int64_t bx_rem_u64(int64_t a, int64_t b, int32_t loc) {
  if (BX_UNLIKELY(b == 0)) bx_fail_code(BX_REM_ZERO, loc);
  return (int64_t)((uint64_t)a % (uint64_t)b);
}
/* elem.addr against a length already loaded (bx_len): what loops use for an invariant base. */
static inline int32_t bx_elem_n(int32_t base, int64_t index, int shift, uint32_t len, int32_t loc) {
  if (BX_UNLIKELY((uint64_t)index >= (uint64_t)len)) bx_fail_index((int64_t)len, index, loc);
  return (int32_t)((uint32_t)base + 8u + ((uint32_t)(uint64_t)index << shift));
}
static inline int32_t bx_elem(int32_t base, int64_t index, int shift, int32_t loc) {
  return bx_elem_n(base, index, shift, (uint32_t)bx_ld32((uint64_t)(uint32_t)base + 4u), loc);
}
/*
 * The length word of the object at base, read before a loop: an address outside the heap
 * (a local that does not hold a reference yet, the loop may never index it) reads as 0
 * instead of touching memory that is not there.
 */
static inline uint32_t bx_len(int32_t base) {
  uint64_t a = (uint64_t)(uint32_t)base + 4u;
  return a + 4u <= (uint64_t)bx_pages * BX_PAGE ? (uint32_t)bx_ld32(a) : 0u;
}

/*
 * The heap: on a 64-bit POSIX system, an address-space reservation of the whole limit
 * (BX_MAX_PAGES pages, untouched pages cost nothing), so growing is bookkeeping: no copy, no
 * memset, the base never moves. Transparent huge pages are requested for it past its first
 * 4 MiB where the kernel offers them (fewer page faults for allocation-heavy programs; small
 * ones keep 4 KiB pages and never wait for the kernel to assemble a huge one). Elsewhere, or
 * when the reservation is refused: calloc, then realloc + zeroing on growth.
 */
static uint8_t *bx_heap_alloc(uint32_t pages) {
#if defined(MAP_ANONYMOUS) && defined(MAP_NORESERVE)
  if (sizeof(size_t) >= 8) {
    size_t size = (size_t)BX_MAX_PAGES * BX_PAGE;
    void *r = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (r != MAP_FAILED) {
#ifdef MADV_HUGEPAGE
      /* Past the first 4 MiB only: a small program never waits for the kernel to find one. */
      if (size > (size_t)4 << 20) (void)madvise((uint8_t *)r + ((size_t)4 << 20), size - ((size_t)4 << 20), MADV_HUGEPAGE);
#endif
      bx_reserved = 1;
      return (uint8_t *)r;
    }
  }
#endif
  return (uint8_t *)calloc((size_t)pages * BX_PAGE, 1);
}

static int32_t bx_grow(int32_t n) {
  uint32_t old = bx_pages;
  uint64_t want = (uint64_t)old + (uint32_t)n;
  uint8_t *m;
  if (want > BX_MAX_PAGES) return -1;
  if (n == 0) return (int32_t)old;
  /* A reservation's pages beyond bx_pages were never touched: the kernel gives zeroes. */
  if (bx_reserved) { bx_pages = (uint32_t)want; return (int32_t)old; }
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
/*
 * Standard input is buffered exactly like the JIT host's: a read is served from bx_in and
 * refills it with one read() of whatever is available (pipes and terminals still deliver line
 * by line); a large read with an empty buffer goes straight to the destination. bx_in_end: a
 * peek saw the end, so the next read gives it without asking again.
 */
static uint8_t bx_in[65536];
static size_t bx_in_pos, bx_in_len;
static int bx_in_end;

static size_t bx_read_fd(uint8_t *dst, size_t max) {
  bx_flush();
  for (;;) {
    ssize_t n = read(0, dst, max);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    return n > 0 ? (size_t)n : 0;
  }
}
static size_t bx_in_available(void) {
  if (bx_in_pos == bx_in_len && !bx_in_end) {
    bx_in_pos = 0;
    bx_in_len = bx_read_fd(bx_in, sizeof bx_in);
    bx_in_end = bx_in_len == 0;
  }
  return bx_in_len - bx_in_pos;
}
static int32_t beskid_host_read(int32_t fd, int32_t ptr, int32_t max) {
  size_t n;
  (void)fd;
  if (bx_in_pos == bx_in_len && !bx_in_end && (size_t)(uint32_t)max >= sizeof bx_in)
    return (int32_t)bx_read_fd(bx_mem + (uint32_t)ptr, (size_t)(uint32_t)max);
  n = bx_in_available();
  bx_in_end = 0;
  if (n > (size_t)(uint32_t)max) n = (size_t)(uint32_t)max;
  memcpy(bx_mem + (uint32_t)ptr, bx_in + bx_in_pos, n);
  bx_in_pos += n;
  return (int32_t)n;
}
static int32_t beskid_host_read_at_end(int32_t fd) {
  (void)fd;
  return bx_in_available() > 0 ? 0 : 1;
}
/*
 * The next line without its "\n" and one trailing "\r", made pending for take; -1 when
 * nothing is left. Collects buffer after buffer until a "\n" or the end (which it consumes,
 * as a read returning 0 does), so a line may be of any length. Same as the JIT host's.
 */
static int32_t beskid_host_read_line(int32_t fd) {
  uint8_t *line = 0; /* allocated (never empty: +1) once any byte of the line is read */
  size_t len = 0, cap = 0;
  (void)fd;
  for (;;) {
    size_t n = bx_in_available(), k;
    const uint8_t *start = bx_in + bx_in_pos, *nl;
    if (n == 0) {
      bx_in_end = 0;
      if (!line) return -1;
      break;
    }
    nl = (const uint8_t *)memchr(start, '\n', n);
    k = nl ? (size_t)(nl - start) : n;
    if (len + k + 1 > cap) {
      uint8_t *p = (uint8_t *)realloc(line, (len + k + 1) * 2);
      if (!p) { free(line); return -1; }
      line = p;
      cap = (len + k + 1) * 2;
    }
    memcpy(line + len, start, k);
    len += k;
    bx_in_pos += nl ? k + 1 : k;
    if (nl) break;
  }
  if (len > 0 && line[len - 1] == '\r') len--;
  return bx_set_pending(line, len);
}
static _Noreturn void beskid_host_exit(int32_t code) { bx_flush(); exit(code & 255); }
static _Noreturn BX_COLD void beskid_host_panic(int32_t ptr, int32_t len, int32_t loc) {
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
function sigKey(t2) {
  return `${t2.params.join(",")}>${t2.result ?? "v"}`;
}
function fnPtrType(t2) {
  return `${t2.result ? CT[t2.result] : "void"} (*)(${t2.params.length ? t2.params.map((p) => CT[p]).join(", ") : "void"})`;
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
function uncheckedAddr(a) {
  if (a.kind !== "binary" || a.op !== "i32.add" || a.left.kind !== "local.get") return null;
  let r = a.right;
  let shift = 0;
  if (r.kind === "binary" && r.op === "i32.shl" && r.right.kind === "const") {
    shift = Number(r.right.value);
    r = r.left;
  }
  if (r.kind !== "unary" || r.op !== "i32.wrap_i64" || hasEffects(r.value)) return null;
  return { base: a.left.index, index: r.value, shift };
}
function isVersioned(s) {
  if (s.kind !== "if" || s.then.length !== 1 || s.else.length !== 1) return false;
  const [fast, slow] = [s.then[0], s.else[0]];
  return fast.kind === "loop" && slow.kind === "loop" && fast.label === slow.label;
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
  /** Local index → the temporary holding its array length, inside loops that hoisted it. */
  lengths = /* @__PURE__ */ new Map();
  /** Depth of unchecked loop copies (`isVersioned`) around the code being emitted. */
  unchecked = 0;
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
    this.f.locals.forEach((t2, i) => {
      head.push(`  ${CT[t2]} l${this.f.type.params.length + i} = 0;`);
    });
    for (const t2 of this.temps) head.push(`  ${t2};`);
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
    this.temps.push(
      type === "ptr" ? `void *${name}` : type === "u32" ? `uint32_t ${name}` : `${CT[type]} ${name}`
    );
    return name;
  }
  spill(e, c2) {
    const t2 = this.temp(exprType(this.typeCtx, e) ?? "i32");
    this.line(`${t2} = ${c2};`);
    return t2;
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
        const u = this.unchecked > 0 && !hasEffects(s.value) ? uncheckedAddr(s.addr) : null;
        if (u) {
          const at = `${this.wideAddr(u)} + ${s.offset}u`;
          this.line(STORE_C[s.op].replace("%a", at).replace("%v", this.expr(s.value)) + ";");
          return;
        }
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
        const hoisted = invariantBases(s.body).filter((b) => !this.lengths.has(b));
        for (const b of hoisted) {
          const t2 = this.temp("u32");
          this.lengths.set(b, t2);
          this.line(`${t2} = bx_len(l${b});`);
        }
        this.ctl.push({ label: s.label, brk: `B${n}`, cont: `C${n}` });
        this.line(`C${n}: {`);
        this.body(s.body);
        this.line(`  goto C${n};`);
        this.line("}");
        this.ctl.pop();
        this.line(`B${n}:;`);
        for (const b of hoisted) this.lengths.delete(b);
        return;
      }
      case "if": {
        const c2 = this.expr(s.cond);
        this.line(`if (${c2}) {`);
        this.ctl.push({ label: null, brk: null, cont: null });
        const fast = isVersioned(s);
        if (fast) this.unchecked++;
        this.body(s.then);
        if (fast) this.unchecked--;
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
  /** The 64-bit heap offset of an unchecked access (see `uncheckedAddr`). */
  wideAddr(u) {
    return `(uint64_t)(uint32_t)l${u.base} + ((uint64_t)${this.expr(u.index)} << ${u.shift})`;
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
        const [fn] = LOAD_C[e.op];
        const u = this.unchecked > 0 ? uncheckedAddr(e.addr) : null;
        if (u) return `(${fn}(${this.wideAddr(u)} + ${e.offset}u))`;
        const a = this.expr(e.addr);
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
        const [t2, el, c2] = this.operands([e.then, e.else, e.cond], true);
        return `((${c2}) ? ${t2} : ${el})`;
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
        const n = e.base.kind === "local.get" ? this.lengths.get(e.base.index) : void 0;
        if (n !== void 0)
          return `bx_elem_n(${b}, ${i}, ${Math.log2(e.elemSize)}, ${n}, ${this.loc(e.loc)})`;
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
  sigId(t2) {
    const k = sigKey(t2);
    let id = this.sigs.get(k);
    if (id === void 0) {
      id = this.sigs.size;
      this.sigs.set(k, id);
    }
    return id;
  }
};
function signature(name, t2, named) {
  const params = t2.params.length ? t2.params.map((p, i) => named ? `${CT[p]} l${i}` : CT[p]).join(", ") : "void";
  return `${t2.result ? CT[t2.result] : "void"} ${name}(${params})`;
}
function invariantBases(body) {
  const bases = /* @__PURE__ */ new Set();
  const excluded = /* @__PURE__ */ new Set();
  walkBody(
    body,
    (e) => {
      if (e.kind === "elem.addr" && e.base.kind === "local.get") bases.add(e.base.index);
      else if (e.kind === "local.tee") excluded.add(e.index);
    },
    (st) => {
      if (st.kind === "local.set") excluded.add(st.index);
      else if (st.kind === "store" && st.addr.kind === "local.get" && st.offset < ARRAY_DATA_OFFSET)
        excluded.add(st.addr.index);
    }
  );
  return [...bases].filter((b) => !excluded.has(b)).sort((x, y) => x - y);
}
function reachable(a, linked, roots) {
  const seen = /* @__PURE__ */ new Set();
  const todo = [...roots, ...a.table];
  const onE = (e) => {
    if (e.kind === "call") todo.push(e.func);
    else if (e.kind === "call.runtime") {
      const i = linked.runtimeIndex.get(e.name);
      if (i !== void 0) todo.push(i);
    }
  };
  while (todo.length > 0) {
    const f = todo.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    walkBody(a.functions[f].body, onE);
  }
  return seen;
}
function emitC(program, options) {
  const linked = withFrees(linkRuntime(program));
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
        new FunctionC(g, versionLoops(f), i < linked.programFunctions).emit(
          `static ${signature(fname(i), f.type, true)}`
        )
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
  bx_mem = bx_heap_alloc(bx_pages);
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
      const t2 = a.functions[ex.func].type;
      const args = t2.params.map((_, i) => `l${i}`).join(", ");
      prototypes.push(`${signature(sym, t2, false)};`);
      parts.push(
        `${signature(sym, t2, true)} { bx_init(); ${t2.result ? "return " : ""}${fname(ex.func)}(${args}); }`
      );
    }
  }
  if (options.mainFunc !== void 0 && options.mainFunc !== null) {
    const t2 = a.functions[options.mainFunc].type;
    const call = `${fname(options.mainFunc)}()`;
    const code = t2.result === null ? `${call}; code = 0;` : `code = (int)(uint8_t)(uint64_t)${call};`;
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
import { createHash as createHash3 } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
var STAGING_PREFIX = ".beskid-build-";
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
  if (existsSync(s) && !statSync(s).isDirectory()) return [s];
  const words = [];
  for (const m of s.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}
function sha256(b) {
  return createHash3("sha256").update(b).digest("hex");
}
async function buildArtifact(program, o) {
  const fail = (d) => ({ ok: false, outputs: [], diagnostics: [d] });
  const platform = o.platform ?? process.platform;
  const kinds = [...new Set(o.kinds)];
  const cKinds = kinds.filter((k) => k !== "wasm");
  if (cKinds.length > 0 && !POSIX.has(platform)) {
    return fail(
      makeDiagnostic(
        "E4022",
        { detail: `\`${cKinds[0]}\` outputs need a POSIX C toolchain; this platform is ${platform}` },
        void 0
      )
    );
  }
  if (platform === "darwin" && kinds.includes("shared")) {
    return fail(makeDiagnostic("E4022", { detail: "`shared` is not supported on macOS yet" }, void 0));
  }
  const entry = o.entrypoint === void 0 ? program.entry : program.entryPoints.find((e) => e.name === o.entrypoint) ?? (program.entry?.name === o.entrypoint ? program.entry : null);
  if (kinds.includes("exe") && !entry) {
    return fail(
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
  const unknown = [...wanted ?? []].find((w) => !program.exports.some((e) => e.name === w));
  if (unknown !== void 0) {
    const names = program.exports.map((e) => e.name);
    const meant = names.filter((n) => n.endsWith(`_${unknown}`));
    return fail(
      makeDiagnostic(
        "E4031",
        {
          detail: meant.length ? `\`${unknown}\` is exported under its symbol name ${meant.map((n) => `\`${n}\``).join(" or ")}; --export takes that name` : `\`${unknown}\` is not a \`pub\` function of the entry module`,
          help: names.length ? `name the exported symbol: ${names.join(", ")}` : "the entry module has no `pub` functions to export"
        },
        void 0
      )
    );
  }
  const exports = program.exports.filter((e) => !wanted || wanted.has(e.name));
  const outDir = resolve(o.outDir);
  const single = o.outFile !== void 0 && kinds.length === 1;
  const stageDir = single ? dirname(resolve(o.outFile)) : outDir;
  if (!single && existsSync(outDir) && !statSync(outDir).isDirectory()) {
    return fail(
      makeDiagnostic(
        "E9002",
        {
          detail: `\`${outDir}\` is a file; ${kinds.length === 1 ? "the output needs" : `${kinds.length} output kinds need`} a folder`,
          help: "pass a folder to --output (or build one kind to name its file)"
        },
        void 0
      )
    );
  }
  let tmp;
  let created;
  let ok = false;
  const outputs = [];
  try {
    created = makeDirs(stageDir);
    removeStaleStaging(stageDir, STAGING_PREFIX);
    tmp = mkdtempSync(join(stageDir, `${STAGING_PREFIX}${process.pid}-`));
  } catch (e) {
    return fail(
      makeDiagnostic(
        "E9002",
        {
          detail: `cannot create ${stageDir}: ${e.message}`,
          help: "pass --output a folder that can be written (a read-only checkout cannot hold obj/)"
        },
        void 0
      )
    );
  }
  const staged = [];
  const destOf = (kind) => single && kind !== "header" ? resolve(o.outFile) : join(stageDir, outputFileName(kind, o.stem));
  try {
    const env = o.env ?? {};
    const cc = splitCommand(env.CC || "cc");
    const ar = splitCommand(env.AR || "ar");
    const opt = o.release ? ["-O2"] : ["-O0"];
    const common = [
      "-std=c11",
      "-w",
      ...opt,
      "-ffp-contract=off",
      "-fno-strict-aliasing",
      "-fwrapv",
      "-frandom-seed=beskid"
    ];
    const emitted = /* @__PURE__ */ new Map();
    const source = (withMain, withExports) => {
      const key2 = `${withMain}-${withExports}`;
      let e = emitted.get(key2);
      if (!e) {
        e = emitC(program, {
          prefix: o.stem,
          mainFunc: withMain ? entry.func : null,
          ...o.maxPages !== void 0 ? { maxPages: o.maxPages } : {},
          ...withExports ? { exports } : {}
        });
        emitted.set(key2, e);
      }
      const file = key2 === "false-true" ? C_FILE : `beskid-${key2}.c`;
      writeFileSync(join(tmp, file), e.source);
      return { file, libs: [...e.libraries, "-lm"] };
    };
    const compile = async (args) => {
      const r = await run(cc[0], [...cc.slice(1), ...args], tmp);
      if (r.ok) return null;
      if (r.missing)
        return makeDiagnostic(
          "E4020",
          {
            detail: `\`${cc[0]}\` (CC) could not be run`,
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
          writeFileSync(join(tmp, name), o.wasm(wanted ? { ...program, exports } : program));
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
          mkdirSync(join(tmp, "static"), { recursive: true });
          d = await compile([...common, "-fPIC", "-c", s.file, "-o", join("static", obj)]);
          if (!d) {
            const r = await run(ar[0], [...ar.slice(1), "rcsD", name, join("static", obj)], tmp);
            if (!r.ok)
              d = r.missing ? makeDiagnostic(
                "E4023",
                {
                  detail: `\`${ar[0]}\` (AR) could not be run`,
                  help: "install an archiver (binutils' ar, llvm-ar) or point the AR environment variable at one"
                },
                void 0
              ) : makeDiagnostic("E4021", { detail: r.output.slice(0, 4e3) }, void 0);
          }
          break;
        }
      }
      if (d) return fail(d);
      staged.push({ kind, file: join(tmp, name), dest: destOf(kind) });
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
      writeFileSync(join(tmp, outputFileName("header", o.stem)), header);
      staged.push({
        kind: "header",
        file: join(tmp, outputFileName("header", o.stem)),
        dest: destOf("header")
      });
    }
    const blocked = staged.find((s) => existsSync(s.dest) && statSync(s.dest).isDirectory());
    if (blocked)
      return fail(
        makeDiagnostic(
          "E9002",
          { detail: `\`${blocked.dest}\` is a folder; no output was put in place` },
          void 0
        )
      );
    for (const s of staged) {
      const bytes = readFileSync(s.file);
      makeDirs(dirname(s.dest));
      renameSync(s.file, s.dest);
      outputs.push({ kind: s.kind, path: s.dest, bytes: bytes.length, sha256: sha256(bytes) });
    }
    ok = true;
    return { ok: true, outputs, diagnostics: [] };
  } catch (e) {
    if (typeof e?.code !== "string") throw e;
    return fail(makeDiagnostic("E9002", { detail: e.message }, void 0));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    if (!ok) for (const o2 of outputs) rmSync(o2.path, { force: true });
    if (!ok && created !== void 0) removeEmptyFolders(stageDir, created);
  }
}
function removeEmptyFolders(dir, top) {
  for (let d = dir; ; d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === top || dirname(d) === d) return;
  }
}
function stemOf(file) {
  return basename(file).replace(/\.[^.]*$/, "");
}

// src/pipeline/remote-cache.ts
import { createHash as createHash4 } from "node:crypto";
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
  return "sha256-" + createHash4("sha256").update(cacheKey, "utf8").digest("hex");
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
  let undici;
  function dispatcher(Agent) {
    agent ??= new Agent({
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
  async function exchange(method, path, body, contentType) {
    try {
      undici ??= await import("./undici-CM3NJTOE.js");
      const res = await undici.request(`${base}${path}`, {
        method,
        dispatcher: dispatcher(undici.Agent),
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
  async function get2(key2) {
    if (!validUrl) return invalidUrl();
    if (readsOff) return void 0;
    const ac = acKeyFor(key2);
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
    const actual = createHash4("sha256").update(b.body).digest("hex");
    if (actual !== blob.digest || b.body.length !== blob.size) {
      warn(
        `remote cache: downloaded blob for ${ac} is corrupt (sha256 ${actual}, ${b.body.length} bytes; expected ${blob.digest}, ${blob.size} bytes); treating it as a miss`
      );
      return void 0;
    }
    return new Uint8Array(b.body.buffer, b.body.byteOffset, b.body.byteLength);
  }
  async function put(key2, bytes) {
    if (!validUrl) return void invalidUrl();
    if (writesOff) return;
    const ac = acKeyFor(key2);
    const digest = createHash4("sha256").update(bytes).digest("hex");
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
  return { get: get2, put, close };
}

// src/semantics/typed.ts
var T = {
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
function keyOf(t2) {
  switch (t2.kind) {
    case "prim":
      return t2.prim;
    case "array":
      return `a${t2.elem}`;
    case "fn":
      return `f${t2.params.join(",")}>${t2.ret}`;
    case "record":
      return `r${t2.decl}<${t2.args.join(",")}>`;
    case "enum":
      return `e${t2.decl}<${t2.args.join(",")}>`;
    case "contract":
      return `c${t2.decl}<${t2.args.join(",")}>`;
    case "param":
      return `p${t2.param}`;
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
  intern(t2) {
    const k = keyOf(t2);
    const found = this.byKey.get(k);
    if (found !== void 0) return found;
    const id = this.list.length;
    this.list.push(t2);
    this.byKey.set(k, id);
    return id;
  }
  get(id) {
    return this.list[id];
  }
  // Direct caches for the most frequent requests (every written type resolves through one of
  // them): no key string is built for an array type or a non-generic record/enum/contract seen before.
  arrays = [];
  plain = {
    record: [],
    enum: [],
    contract: []
  };
  plainType(kind, decl) {
    const cache = this.plain[kind];
    let id = cache[decl];
    if (id === void 0) cache[decl] = id = this.intern({ kind, decl, args: [] });
    return id;
  }
  array(elem) {
    let id = this.arrays[elem];
    if (id === void 0) this.arrays[elem] = id = this.intern({ kind: "array", elem });
    return id;
  }
  fn(params, ret) {
    return this.intern({ kind: "fn", params, ret });
  }
  param(p) {
    return this.intern({ kind: "param", param: p });
  }
  record(decl, args) {
    return args.length === 0 ? this.plainType("record", decl) : this.intern({ kind: "record", decl, args });
  }
  enumT(decl, args) {
    return args.length === 0 ? this.plainType("enum", decl) : this.intern({ kind: "enum", decl, args });
  }
  contract(decl, args) {
    return args.length === 0 ? this.plainType("contract", decl) : this.intern({ kind: "contract", decl, args });
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
function primOf(types, t2) {
  const i = types.get(t2);
  return i.kind === "prim" ? i.prim : void 0;
}
function isInt(types, t2) {
  const p = primOf(types, t2);
  return p !== void 0 && isIntPrim(p);
}
function isFloat(types, t2) {
  const p = primOf(types, t2);
  return p !== void 0 && isFloatPrim(p);
}
function isNumeric(types, t2) {
  return isInt(types, t2) || isFloat(types, t2);
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
function substitute(types, t2, map) {
  if (map.size === 0) return t2;
  const info = types.get(t2);
  switch (info.kind) {
    case "prim":
    case "error":
      return t2;
    case "param":
      return map.get(info.param) ?? t2;
    case "array":
      return types.array(substitute(types, info.elem, map));
    case "fn":
      return types.fn(
        info.params.map((p) => substitute(types, p, map)),
        substitute(types, info.ret, map)
      );
    case "record":
      return info.args.length === 0 ? t2 : types.record(
        info.decl,
        info.args.map((a) => substitute(types, a, map))
      );
    case "enum":
      return info.args.length === 0 ? t2 : types.enumT(
        info.decl,
        info.args.map((a) => substitute(types, a, map))
      );
    case "contract":
      return info.args.length === 0 ? t2 : types.contract(
        info.decl,
        info.args.map((a) => substitute(types, a, map))
      );
  }
}
function mentionsParam(types, t2, only) {
  const info = types.get(t2);
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
function containsError(types, t2) {
  const info = types.get(t2);
  switch (info.kind) {
    case "error":
      return true;
    case "prim":
    case "param":
      return false;
    case "array":
      return containsError(types, info.elem);
    case "fn":
      return info.params.some((p) => containsError(types, p)) || containsError(types, info.ret);
    case "record":
    case "enum":
    case "contract":
      return info.args.some((a) => containsError(types, a));
  }
}
function unify(types, pattern, actual, vars, bindings, numericConflicts) {
  if (pattern === actual && !mentionsParam(types, pattern, vars)) return true;
  const p = types.get(pattern);
  const a = types.get(actual);
  if (a.kind === "error") {
    if (p.kind === "param" && vars.has(p.param) && !bindings.has(p.param)) bindings.set(p.param, actual);
    return true;
  }
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
function typeName(types, names, t2) {
  const info = types.get(t2);
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
  /** Records the attributes of a declaration for the target checks (most have none: nothing kept). */
  noteAttributes(attrs, target, file) {
    if (attrs.length > 0) this.attrUses.push({ attrs, target, file });
  }
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
      let path = u.module;
      const first = u.tree.items[0];
      if (first && first.kind === "ModDecl" && !first.isPub && first.attributes.length === 0) {
        const p = first.path.segments.map((x) => x.text).join(".");
        if (p && !p.includes("..")) path = p;
      }
      const id = s.moduleFor(path);
      const scope = s.scopes[id];
      unitModule[index] = id;
      if (scope.unit !== void 0) {
        s.report("E1006", { file: u.file, start: 0, end: 0 }, `module \`${path}\` is defined by two files`, {
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
          this.noteAttributes(item.attributes, "FunctionDeclaration", file);
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
            selfType: T.error,
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
          this.noteAttributes(item.attributes, "TypeDeclaration", file);
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
            selfType: T.error,
            variants: [],
            members: /* @__PURE__ */ new Map(),
            shape: void 0,
            span: s.span(file, item)
          });
          this.enumItems.push({ id, ast: item, module, file });
          this.bind(module, item.name, { sym: { kind: "enum", id }, isPub: item.isPub, module, span }, true);
          this.noteAttributes(item.attributes, "EnumDeclaration", file);
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
            selfType: T.error,
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
          this.noteAttributes(item.attributes, "ContractDeclaration", file);
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
          const path = qual(scope.path, item.name.text);
          const existing = s.byPath.get(path);
          const prev = scope.items.get(item.name.text);
          if (existing !== void 0 && (s.scopes[existing].unit !== void 0 || prev && prev.span.file !== "")) {
            s.report("E1006", span, `module \`${path}\` is declared twice`, {
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
          const id = s.moduleFor(path);
          const child = s.scopes[id];
          child.isPub = item.isPub;
          child.file = file;
          scope.items.set(item.name.text, { sym: { kind: "module", id }, isPub: item.isPub, module, span });
          this.noteAttributes(item.attributes, "ModuleDeclaration", file);
          this.declareItems(item.items, id, file, false);
          break;
        }
        case "ModDecl":
          if (topLevel && !item.isPub && item.attributes.length === 0) break;
          this.modDecls.push({ ast: item, module, file });
          this.noteAttributes(item.attributes, "ModuleDeclaration", file);
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
          assertNever2(item);
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
    const path = s.scopes[module].path;
    s.functions.push({
      id,
      kind,
      name,
      qualifiedName: kind === "test" ? `${qual(path, name)}` : qual(path, name),
      module,
      isPub,
      typeParams: [],
      params: [],
      paramTypes: [],
      ret: T.unit,
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
  importHelp(path) {
    const s = this.s;
    const cands = [];
    for (const m of s.scopes) {
      if (m.path === "") continue;
      cands.push(m.path);
      for (const name of m.items.keys()) cands.push(`${m.path}.${name}`);
    }
    const bare = path.startsWith("Std.") ? path.slice(4) : path;
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
      const path = u.decl.path.segments.map((x) => x.text).join(".");
      s.markBrokenImport(u.module, useName(u.decl));
      s.report("E1105", s.span(u.file, u.decl.path), `no module or item \`${path}\` in this program`, {
        help: this.importHelp(path)
      });
    }
    const unitPaths = new Set(s.scopes.filter((x) => x.unit !== void 0).map((x) => x.path));
    for (const d of this.modDecls) {
      const path = d.ast.path.segments.map((x) => x.text).join(".");
      const alt = path.startsWith("Std.") ? path.slice(4) : path;
      if (!unitPaths.has(path) && !unitPaths.has(alt))
        s.report("E1502", s.span(d.file, d.ast.path), `no file defines module \`${path}\``, {
          help: `create ${path.replace(/\./g, "/")}.bd under a source root`
        });
    }
  }
  tryResolveUse(u) {
    const s = this.s;
    const segs = u.decl.path.segments.map((x) => x.text);
    if (segs.some((x) => x === "")) return "error";
    let isPrivate = false;
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
      isPrivate = !entry2.isPub && !s.canSeePrivate(u.module, entry2.module);
      return entry2.sym;
    };
    let r = attempt(segs);
    if (r === void 0 && segs[0] === "Std" && segs.length > 1) r = attempt(segs.slice(1));
    if (r === "defer") return "defer";
    const span = s.span(u.file, u.decl.path);
    if (isPrivate)
      s.report("E1501", span, `\`${segs.join(".")}\` is private to its module`, {
        help: "mark it `pub` or import something public"
      });
    if (r === void 0) {
      s.markBrokenImport(u.module, useName(u.decl));
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
      use: { used: isPrivate, decl: u.decl }
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
      sc.items.forEach((e, name) => {
        if (!e.use || e.use.used || e.isPub) return;
        s.report("W1503", e.span, `\`${name}\` is imported but never used`, {
          help: "remove the `use` declaration"
        });
      });
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
  /**
   * When `id` is the prelude's generic `Result`/`Option` but the program declares its own
   * non-generic enum of that name elsewhere (older programs do), the help for E1203 that
   * names the import which was probably meant; D5's prelude only applies where no item,
   * import or ancestor item of that name is visible.
   */
  ownPreludeHomonym(id) {
    const s = this.s;
    const en = s.enums[id];
    const pre = this.prelude(en.name)?.sym;
    if (!pre || pre.kind !== "enum" || pre.id !== id) return void 0;
    const own = s.enums.find((e) => e.id !== id && e.name === en.name && e.typeParams.length === 0);
    if (!own) return void 0;
    const path = s.scopes[own.module].path;
    return `this \`${en.name}\` is the prelude's generic one; for the \`${en.name}\` declared in \`${path}\`, add \`use ${path}.${en.name};\` or qualify it (\`${s.lastName(path)}.${en.name}\`)`;
  }
  prelude(name) {
    if (name !== "Result" && name !== "Option") return void 0;
    if (this.preludeCache.has(name)) return this.preludeCache.get(name);
    const path = name === "Result" ? "Core.Results" : "Core.Optional.Option";
    const m = this.s.byPath.get(path);
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
  /** Items referenced anywhere (W1504): ids per symbol kind (every module-level lookup marks one, so no key strings). */
  used = /* @__PURE__ */ new Map();
  markUsed(sym) {
    if (sym.kind === "attribute") return;
    let ids = this.used.get(sym.kind);
    if (ids === void 0) this.used.set(sym.kind, ids = /* @__PURE__ */ new Set());
    ids.add(sym.id);
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
        if (this.used.get(k)?.has(e.sym.id)) continue;
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
  resolveType(t2, sc, code = "E1201") {
    const s = this.s;
    switch (t2.kind) {
      case "PrimitiveType":
        return t2.name === "word" ? T.u64 : T[t2.name];
      case "ArrayType":
        return s.types.array(this.resolveType(t2.element, sc, code));
      case "FunctionType":
        return s.types.fn(
          t2.params.map((p) => this.resolveType(p, sc, code)),
          this.resolveType(t2.returnType, sc, code)
        );
      case "ThisType":
        if (sc.thisType !== void 0) return sc.thisType;
        s.report(
          "E1233",
          s.span(sc.file, t2),
          "`This` is only meaningful inside a type body, `impl`, `extend` or contract",
          {
            help: "write the type's name"
          }
        );
        return T.error;
      case "RefType":
        s.report("E1229", s.span(sc.file, t2), "`ref T` types are not supported", {
          help: "pass the value itself; records and arrays are references already"
        });
        this.resolveType(t2.inner, sc, code);
        return T.error;
      case "ErrorType":
        return T.error;
      case "NamedType":
        return this.resolveNamedType(t2, sc, code);
      default:
        return assertNever2(t2);
    }
  }
  resolveNamedType(t2, sc, code) {
    const s = this.s;
    if (t2.assoc) {
      s.report("E1230", s.span(sc.file, t2), "associated types (`T::Item`) are not supported by beskid-ci");
      return T.error;
    }
    const segs = t2.segments;
    const first = segs[0];
    if (!first || first.name.text === "") return T.error;
    if (segs.length === 1 && !first.typeArgs) {
      const p = sc.params.get(first.name.text);
      if (p !== void 0) return s.types.param(p);
    }
    const sym = this.resolveTypeSym(segs, sc, code, t2);
    if (!sym) return T.error;
    const last = segs[segs.length - 1];
    const args = (last.typeArgs ?? []).map((a) => this.resolveType(a, sc, code));
    return this.instantiateDecl(
      sym,
      args,
      last.typeArgs !== void 0,
      s.span(sc.file, t2),
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
      if (s.isBrokenImport(first.name.text, sc.module)) return void 0;
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
      if (sym.name === "BeskidStr") return T.string;
      if (sym.name.startsWith("#param")) return s.types.param(Number(sym.name.slice(6)));
      return T.error;
    }
    const decl = sym.kind === "record" ? s.records[sym.id] : sym.kind === "enum" ? s.enums[sym.id] : sym.kind === "contract" ? s.contracts[sym.id] : void 0;
    if (!decl) return T.error;
    const n = decl.typeParams.length;
    if (args.length !== n) {
      if (!written && n > 0) {
        s.report("E1203", span, `\`${decl.name}\` needs ${n} type argument${n === 1 ? "" : "s"}`, {
          help: sym.kind === "enum" && this.ownPreludeHomonym(sym.id) || `write \`${decl.name}<${decl.typeParams.map((p) => s.typeParams[p].name).join(", ")}>\` with concrete types`
        });
      } else {
        s.report(
          "E1204",
          argSpan,
          `\`${decl.name}\` takes ${n} type argument${n === 1 ? "" : "s"}, found ${args.length}`
        );
      }
      return T.error;
    }
    if (sym.kind === "record") return s.types.record(sym.id, args);
    if (sym.kind === "enum") return s.types.enumT(sym.id, args);
    return s.types.contract(sym.id, args);
  }
  /**
   * Answers "does a module with this path exist under the effective roots?" for modules the
   * program did not load (set by the pipeline; without it only loaded modules are suggested).
   */
  moduleExists;
  /**
   * A module whose last segment is `name` (for "import it with `use`"), the shortest path
   * first: one the program loaded, else one that exists on disk below a module the program
   * knows or below a top-level area of the corelib (LANGUAGE.md §8), so a forgotten
   * `use Core.Output;` is named even though assembly never read that file.
   */
  moduleNamed(name) {
    let best;
    for (const sc of this.s.scopes)
      if (sc.unit !== void 0 && this.s.lastName(sc.path) === name && (best === void 0 || sc.path.length < best.length))
        best = sc.path;
    if (best !== void 0 || !this.moduleExists || !/^[A-Z]\w*$/.test(name)) return best;
    const prefixes = /* @__PURE__ */ new Set(["", ...CORELIB_AREAS]);
    for (const sc of this.s.scopes) if (sc.path !== "") prefixes.add(sc.path);
    const candidates = [...prefixes].map((p) => p === "" ? name : `${p}.${name}`).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    return candidates.find((c2) => this.moduleExists(c2));
  }
  suggestType(name, module) {
    const m = this.moduleNamed(name);
    if (m) return `import it: \`use ${m};\``;
    const foreign = FOREIGN_TYPES.get(name);
    if (foreign) return `Beskid spells this type \`${foreign}\``;
    const word = FOREIGN_TYPE_WORDS.get(name);
    if (word) return word;
    const candidates = [];
    for (let m2 = module; m2 !== void 0; m2 = this.s.modules[m2].parent)
      for (const [n, e] of this.s.scopes[m2].items)
        if (e.sym.kind === "record" || e.sym.kind === "enum" || e.sym.kind === "contract" || e.sym.kind === "module")
          candidates.push(n);
    for (const p of PRIM_NAMES) candidates.push(p);
    const best = closest(name, candidates);
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
      if (bound === T.error) continue;
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
      const mentionsThis = [...params, ret].some((t2) => this.mentions(t2, thisT));
      methods.push({ name: m.name.text, index: methods.length, params, ret, mentionsThis, from: it.id });
      if (c2.extern) {
        const bad = (t2, isRet) => {
          const info = s.types.get(t2);
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
  mentions(t2, needle) {
    if (t2 === needle) return true;
    const info = this.s.types.get(t2);
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
      const t2 = this.resolveType(m.type, sc, "E1005");
      const info = s.types.get(t2);
      if (info.kind === "error") continue;
      if (info.kind !== "contract") {
        s.report(
          "E1607",
          s.span(it.file, m),
          `\`${s.typeName(t2)}\` is not a contract and cannot be embedded`
        );
        continue;
      }
      if (visiting.has(info.decl)) {
        s.report("E1607", s.span(it.file, m), `embedding \`${s.typeName(t2)}\` makes a cycle`);
        continue;
      }
      this.mergeEmbeds(info.decl, visiting);
      embeds.push(t2);
      const inner = s.contracts[info.decl];
      const map = /* @__PURE__ */ new Map();
      inner.typeParams.forEach((p, i) => map.set(p, info.args[i] ?? T.error));
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
      this.noteAttributes(f.attributes, "FieldDeclaration", it.file);
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
      this.noteAttributes(m.attributes, "MethodDeclaration", file);
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
    const t2 = s.tests[it.id];
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
          t2.tags = String(v).split(",").map((x) => x.trim()).filter((x) => x !== "");
        else t2.group = String(v);
      });
    if (skip) {
      let condition = false;
      let reason = "skip.condition is true";
      check2(skip, { condition: "bool", reason: "string" }, (k, v) => {
        if (k === "condition") condition = v === true;
        else reason = String(v);
      });
      t2.skip = { condition, reason };
    }
    const f = s.functions[t2.func];
    f.ret = T.unit;
    this.jobs.push({
      func: t2.func,
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
    for (const t2 of s.tests) {
      let path = s.scopes[t2.module].path;
      if (entryPath !== void 0 && entryPath !== "") {
        if (path === entryPath) path = "";
        else if (path.startsWith(entryPath + ".")) path = path.slice(entryPath.length + 1);
      }
      t2.qualifiedName = [...path ? path.split(".") : [], t2.name].join("::");
      s.functions[t2.func].qualifiedName = `test ${t2.qualifiedName}`;
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
    for (const t2 of d.targets ?? []) {
      if (!valid.has(t2.text))
        this.s.report("E1807", this.s.span(file, t2), `\`${t2.text}\` is not an attribute target`, {
          help: `valid targets: ${[...valid].slice(0, 8).join(", ")}`
        });
      else if (seen.has(t2.text))
        this.s.report("E1806", this.s.span(file, t2), `target \`${t2.text}\` is listed twice`);
      seen.add(t2.text);
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
        const targets = decl.targets.map((t2) => synonyms[t2.text] ?? t2.text);
        if (!targets.includes(use.target))
          s.report(
            "E1809",
            s.span(use.file, a),
            `\`${a.name.text}\` cannot be applied to a ${use.target.replace("Declaration", "").toLowerCase()}`,
            {
              notes: [`it allows: ${decl.targets.map((t2) => t2.text).join(", ")}`]
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
      c2.typeParams.forEach((p, i) => map.set(p, cinfo.args[i] ?? T.error));
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
        ec.typeParams.forEach((p, i) => emap.set(p, ei.args[i] ?? T.error));
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
function qual(path, name) {
  return path ? `${path}.${name}` : name;
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
var CORELIB_AREAS = ["Core", "Collections", "Testing", "Query", "System", "Core.Text", "Core.Time"];
var FOREIGN_TYPE_WORDS = /* @__PURE__ */ new Map([
  ["var", "write `let x = \u2026;` to infer a local's type, or give the type: `i64 x = \u2026;`"],
  ["auto", "write `let x = \u2026;` to infer a local's type, or give the type: `i64 x = \u2026;`"],
  ["fn", "functions start with their return type: `i32 Main() { \u2026 }`, `unit Log(string s) { \u2026 }`"],
  ["func", "functions start with their return type: `i32 Main() { \u2026 }`, `unit Log(string s) { \u2026 }`"],
  ["def", "functions start with their return type: `i32 Main() { \u2026 }`, `unit Log(string s) { \u2026 }`"],
  ["function", "functions start with their return type: `i32 Main() { \u2026 }`, `unit Log(string s) { \u2026 }`"]
]);
var FOREIGN_TYPES = /* @__PURE__ */ new Map([
  ["int", "i32"],
  ["uint", "u32"],
  ["long", "i64"],
  ["ulong", "u64"],
  ["short", "i16"],
  ["ushort", "u16"],
  ["byte", "u8"],
  ["sbyte", "i8"],
  ["usize", "u64"],
  ["isize", "i64"],
  ["float", "f32"],
  ["double", "f64"],
  ["boolean", "bool"],
  ["Boolean", "bool"],
  ["String", "string"],
  ["str", "string"],
  ["void", "unit"]
]);
function closest(name, candidates) {
  let best;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  let inside;
  const lower3 = name.toLowerCase();
  for (const c2 of candidates) {
    if (c2 === name) continue;
    if (c2.length >= 4 && c2.length < name.length && !name.includes(".") && lower3.includes(c2.toLowerCase())) {
      if (!inside || c2.length > inside.length) inside = c2;
    }
    if (Math.abs(c2.length - name.length) >= bestD) continue;
    const d = editDistance(lower3, c2.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c2;
    }
  }
  return best ?? inside;
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
function assertNever2(x) {
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
  // Ours (not in LANGUAGE.md §6): 1 when reading fd would give the end of input (a peek).
  ["__syscall_read_at_end", sig("R", "i64", "i64")],
  // Ours: the next line of fd without "\n" and one trailing "\r"; "" at the end of input.
  ["__syscall_read_line", sig("R", "string", "i64")],
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
var BOOL_CTORS = [
  { name: "true", key: true, fields: [] },
  { name: "false", key: false, fields: [] }
];
var ctorCache = /* @__PURE__ */ new WeakMap();
function ctorsOf(s, t2) {
  if (t2 === T.bool) return BOOL_CTORS;
  const info = s.types.get(t2);
  if (info.kind !== "enum") return void 0;
  let cache = ctorCache.get(s);
  if (cache === void 0) ctorCache.set(s, cache = /* @__PURE__ */ new Map());
  const cached = cache.get(t2);
  if (cached !== void 0) return cached;
  const en = s.enums[info.decl];
  const map = new Map(en.typeParams.map((p, i) => [p, info.args[i] ?? T.error]));
  const ctors = en.variants.map((v) => ({
    name: `${en.name}::${v.name}`,
    key: v.tag,
    fields: v.fields.map((f) => substitute(s.types, f.type, map))
  }));
  cache.set(t2, ctors);
  return ctors;
}
function isWild(p) {
  return p.kind === "wildcard" || p.kind === "bind";
}
function headIs(p, c2) {
  if (p.kind === "variant") return p.variant === c2.key;
  if (p.kind === "literal" && p.literal === "bool") return p.value === c2.key;
  return false;
}
var WILD = { kind: "wildcard", type: T.error, span: { start: 0, end: 0 } };
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
  const t2 = types[0];
  const rest = types.slice(1);
  const ctors = ctorsOf(s, t2);
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
var NO_NAMES = /* @__PURE__ */ new Map();
var NO_VARS = /* @__PURE__ */ new Set();
var NO_BINDINGS = /* @__PURE__ */ new Map();
var NO_CONFLICTS = /* @__PURE__ */ new Map();
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
function typeAsWritten(t2) {
  if (!t2) return void 0;
  const list = (ts) => {
    const xs = ts.map(typeAsWritten);
    return xs.every((x) => x !== void 0) ? xs.join(", ") : void 0;
  };
  switch (t2.kind) {
    case "PrimitiveType":
      return t2.name;
    case "ThisType":
      return "This";
    case "NamedType": {
      const segs = t2.segments.map((g) => {
        if (!g.typeArgs) return g.name.text;
        const args = list(g.typeArgs);
        return args === void 0 ? void 0 : `${g.name.text}<${args}>`;
      });
      if (segs.some((x) => x === void 0)) return void 0;
      return segs.join(".") + (t2.assoc ? `::${t2.assoc.text}` : "");
    }
    case "ArrayType": {
      const e = typeAsWritten(t2.element);
      return e === void 0 ? void 0 : `${e}[]`;
    }
    case "FunctionType": {
      const r = typeAsWritten(t2.returnType);
      const ps = list(t2.params);
      if (r === void 0 || ps === void 0) return void 0;
      return t2.arrow ? `(${ps}) => ${r}` : `${r}(${ps})`;
    }
    default:
      return void 0;
  }
}
var LAMBDA_LOOP_HELP = "a lambda body cannot leave the loop around it: `return` a value from the lambda and test it in the loop";
var PRINT_HELP = "there is no print builtin: `use Core.Output;` and call `Output.WriteLine(text)`";
var LENGTH_NAMES = /* @__PURE__ */ new Set([
  "length",
  "Length",
  "len",
  "Len",
  "size",
  "Size",
  "count",
  "Count"
]);
var FOREIGN_NAMES = /* @__PURE__ */ new Map([
  ["print", PRINT_HELP],
  ["println", PRINT_HELP],
  ["printf", PRINT_HELP],
  ["puts", PRINT_HELP],
  ["console", PRINT_HELP],
  ["Console", PRINT_HELP],
  ["null", "there is no null: use `Option<T>` with `Option::None` and `Option::Some(v)`"],
  ["nil", "there is no null: use `Option<T>` with `Option::None` and `Option::Some(v)`"],
  ["len", "use `Array.Len(xs)` (`use Collections.Array;`) or `String.Len(s)` (`use Core.String;`)"]
]);
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
  /** Checking a condition that is an `=` assignment (E1208 explains it; no W1214 as well). */
  conditionAssign = false;
  /** The type as written of locals declared with one (W1214's help repeats it: `mut Cart.Cart c`). */
  writtenTypes = /* @__PURE__ */ new Map();
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
      scopes: [{ names: NO_NAMES, stmts: void 0, pos: 0 }],
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
      const t2 = f.paramTypes[i + (job.receiver !== void 0 ? 1 : 0)] ?? T.error;
      if (p.name.text === "") return;
      if (ctx.scopes[0].names.has(p.name.text)) {
        this.rep("E1102", this.sp(p.name), `parameter \`${p.name.text}\` is declared twice`);
        return;
      }
      params.push(this.newLocal(p.name.text, t2, "param", p.modifier === "mut", this.sp(p.name)));
    });
    f.params = exactLength(params);
    if (job.body === void 0) {
      f.body = void 0;
      f.locals = exactLength(ctx.locals);
      return;
    }
    const bodySpan = Array.isArray(job.body) ? f.span : this.sp(job.body);
    const block = this.functionBody(job.body, f.ret, bodySpan, f.nameSpan, f.name);
    f.body = block;
    f.locals = exactLength(ctx.locals);
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
          const t2 = x.type === T.never ? T.never : x.type;
          this.ctx.inferredReturns.push(t2);
          block = { stmts: [{ kind: "return", value: x, span: espan }], diverges: true, span: espan };
        } else if (ret === T.unit) {
          const x = e.kind === "Match" ? this.match(e, void 0, true) : this.expr(e, void 0);
          block = {
            stmts: [{ kind: "expr", expr: x, span: espan }],
            diverges: x.type === T.never,
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
      if (ret === T.never)
        this.rep("E1207", nameSpan, `\`${name}\` returns \`never\` but can reach the end of its body`, {
          help: "end it with a call that never returns, or loop forever"
        });
      else if (ret !== T.unit && ret !== T.error)
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
  /** The AST node itself serves as the span (its `start`/`end`; offsets into the function's file). */
  sp(n) {
    return n;
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
    if (bind) {
      const scope = this.ctx.scopes[this.ctx.scopes.length - 1];
      if (scope.names === NO_NAMES) scope.names = /* @__PURE__ */ new Map();
      scope.names.set(name, id);
    }
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
    return { kind: "error", type: T.error, span };
  }
  tn(t2) {
    return this.s.typeName(t2);
  }
  isErr(t2) {
    return this.s.types.get(t2).kind === "error";
  }
  resolveType(t2) {
    return this.c.resolveType(t2, this.ctx.typeScope, "E1201");
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
    params.forEach((p, i) => m.set(p, args[i] ?? T.error));
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
  /** `xs.length`, `s.Length()`, `xs.Count()`: arrays and strings have no members; name the corelib call. */
  lengthHelp(t2, name, recv) {
    if (!LENGTH_NAMES.has(name)) return void 0;
    const info = this.s.types.get(t2);
    const x = recv.kind === "local" ? this.s.locals[recv.local].name : info.kind === "array" ? "xs" : "s";
    if (info.kind === "array") return `an array's length is \`Array.Len(${x})\` (\`use Collections.Array;\`)`;
    if (t2 === T.string) return `a string's length in bytes is \`String.Len(${x})\` (\`use Core.String;\`)`;
    return void 0;
  }
  unknownName(name, span, code) {
    const s = this.s;
    if (name === "") return;
    if (s.isBrokenImport(name, this.ctx.module)) return;
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
    const foreign = FOREIGN_NAMES.get(name);
    if (foreign) {
      this.rep(
        code,
        span,
        code === "E1606" ? `no function \`${name}\` is visible here` : `\`${name}\` is not declared here`,
        { help: foreign }
      );
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
    if (from === to || containsError(s.types, from) || containsError(s.types, to)) return x;
    const conv = this.conversion(x, from, to, true);
    if (conv) return { kind: "convert", operand: x, conv, type: to, span: x.span };
    const code = site === "arg" ? "E1205" : site === "return" ? "E1207" : "E1206";
    let help;
    const fi = s.types.get(from);
    const ti = s.types.get(to);
    if (ti.kind === "contract" && (fi.kind === "record" || fi.kind === "enum"))
      help = `declare the conformance: \`type ${this.tn(from)} : ${this.tn(to)}\``;
    else if (to === T.string && (isIntPrim(primOf(s.types, from) ?? "bool") || from === T.bool))
      help = 'convert it to text with interpolation: "${\u2026}"';
    else if (from === T.bool || to === T.bool) help = "there is no truthiness; compare explicitly (`x != 0`)";
    else {
      const inner = this.wrapped(from);
      if (inner && (inner.value === to || this.conversion(x, inner.value, to, false)))
        help = this.unwrapHelp(from);
    }
    this.rep(
      code,
      x.span,
      `${(typeof what === "function" ? what() : what) ?? "expected"} \`${this.tn(to)}\`, found \`${this.tn(from)}\``,
      help ? { help } : void 0
    );
    return { ...x, type: T.error };
  }
  /** The conversion from `from` to `to`, or undefined when there is none. Reports W1203 when `warn`. */
  conversion(x, from, to, warn) {
    const s = this.s;
    if (from === T.never) return { kind: "never" };
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
      if (fi.kind === "record" || fi.kind === "enum") {
        const conv = this.toContract(from, to);
        if (conv?.kind === "to_contract" && this.ctx) {
          for (const m of conv.methods)
            if (m.typeArgs.length > 0)
              this.instantiations.push({
                caller: this.rootFunc(),
                callee: m.func,
                typeArgs: m.typeArgs,
                span: this.full(x.span)
              });
        }
        return conv;
      }
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
    if (to === T.i64 && x.kind === "call" && x.target.kind === "intrinsic" && x.target.name === "__array_new")
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
        return { func: impl.func, typeArgs: f.typeParams.map((p) => fb.get(p) ?? T.error), form: impl.form };
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
    const path = this.modulePath(e);
    if (path === void 0 || path === "error" || path.entry.sym.kind !== "const") return void 0;
    return this.s.consts[path.entry.sym.id].value;
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
      return { kind: "float", value: v.value, type: T.f64, span };
    }
    let t2;
    if (numericExpected) {
      if (isFloatPrim(ep)) return { kind: "float", value: Number(v.value), type: expected, span };
      t2 = expected;
    } else {
      const i32 = intRange("i32");
      const i64 = intRange("i64");
      if (v.value >= i32[0] && v.value <= i32[1]) t2 = T.i32;
      else if (v.value >= i64[0] && v.value <= i64[1]) t2 = T.i64;
      else if (v.hex && v.value >= 0n && v.value <= intRange("u64")[1]) t2 = T.u64;
      else t2 = T.i64;
    }
    const p = primOf(s.types, t2);
    if (isIntPrim(p)) {
      const range = intRange(p);
      const lo = range[0];
      const hi = range[1];
      if (v.value < lo || v.value > hi) {
        this.rep("E1223", span, `${v.value} does not fit in \`${p}\` (${lo}..${hi})`, {
          help: "use a wider type or a smaller value"
        });
        return { kind: "int", value: 0n, type: t2, span };
      }
    }
    const constId = e.kind === "Name" ? this.constIdOf(e) : void 0;
    return constId !== void 0 ? { kind: "int", value: v.value, type: t2, span, const: constId } : { kind: "int", value: v.value, type: t2, span };
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
        const t2 = T[e.suffix];
        const range = intRange(e.suffix);
        const lo = range[0];
        const hi = range[1];
        if (e.value < lo || e.value > hi)
          this.rep("E1223", span, `${e.value} does not fit in \`${e.suffix}\` (${lo}..${hi})`);
        return { kind: "int", value: e.value, type: t2, span };
      }
      case "FloatLit":
        return {
          kind: "float",
          value: e.suffix === "f32" ? Math.fround(e.value) : e.value,
          type: T[e.suffix],
          span
        };
      case "BoolLit":
        return { kind: "bool", value: e.value, type: T.bool, span };
      case "CharLit":
        return { kind: "char", value: e.value, type: T.char, span };
      case "StringLit":
        return { kind: "string", value: e.value, type: T.string, span };
      case "UnitLit":
        return { kind: "unit", type: T.unit, span };
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
        return { kind: "block", block: b, type: b.diverges ? T.never : T.unit, span };
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
    if (x.type === T.string || this.isErr(x.type)) return x;
    const conv = this.textConv(x);
    if (!conv) {
      this.rep("E1225", x.span, `a \`${this.tn(x.type)}\` cannot be converted to text`, {
        help: "format it with a function that returns `string`"
      });
      return { ...x, type: T.error };
    }
    return { kind: "to_text", operand: x, conv, type: T.string, span: x.span };
  }
  interp(e) {
    const parts = [];
    for (const p of e.parts) {
      if (p.kind === "InterpText") {
        if (p.value !== "") parts.push({ kind: "string", value: p.value, type: T.string, span: this.sp(p) });
      } else parts.push(this.toText(this.expr(p.expr, void 0)));
    }
    return { kind: "interp", parts, type: T.string, span: this.sp(e) };
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
        args = typeArgs.map((t2) => this.resolveType(t2));
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
      if (args.length > 0)
        this.instantiations.push({
          caller: this.rootFunc(),
          callee: sym.id,
          typeArgs: args,
          span: this.full(span)
        });
      return { kind: "funcref", func: sym.id, typeArgs: args, type, span };
    }
    if (sym.kind === "const") {
      const v = s.consts[sym.id].value;
      return {
        kind: "int",
        value: v,
        type: v >= -(2n ** 31n) && v < 2n ** 31n ? T.i32 : T.i64,
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
    const path = this.modulePath(e.object);
    if (path === "error") return this.err(span);
    if (path && path.entry.sym.kind === "module") {
      const mod = path.entry.sym.id;
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
        const t2 = ep && isIntPrim(ep) ? expected : v >= -(2n ** 31n) && v < 2n ** 31n ? T.i32 : T.i64;
        return { kind: "int", value: v, type: t2, span, const: next.sym.id };
      }
      return this.entryValue(next, e.typeArgs ?? path.typeArgs, expected, span, e.name.text);
    }
    if (path) {
      this.rep(
        "E1152",
        span,
        `\`${e.name.text}\` cannot be read from ${symKindName(path.entry.sym)} \`${exprText(e.object)}\``
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
          help: m !== void 0 ? `call it: \`.${name}()\`` : this.lengthHelp(obj.type, name, obj)
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
      const path = this.modulePath(callee.object);
      if (path === "error") {
        for (const a of e.args) this.expr(a, void 0);
        return this.err(span);
      }
      if (path) {
        const sym = path.entry.sym;
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
          if (callee.typeArgs && path.typeArgs)
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
            callee.typeArgs ?? path.typeArgs,
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
      const explicit = typeArgs?.map((t2) => this.resolveType(t2));
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
        type: T.unit,
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
        map.set(c2.thisParam, T.error);
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
          const explicit = typeArgs?.map((t2) => this.resolveType(t2));
          return this.callFunction(f.id, recv, args, explicit, expected, span, "sugar", nameSpan);
        }
        nearMiss = `\`${s.scopes[declModule].path}.${name}\` exists, but its first parameter (\`${f.paramTypes[0] !== void 0 ? this.tn(f.paramTypes[0]) : "none"}\`) does not accept a \`${this.tn(T0)}\``;
      }
    }
    const inScope = this.c.lookupModuleLevel(name, this.ctx.module, false);
    const literalOwner = recv.kind === "int" && recv.const === void 0 || recv.kind === "float" ? NUMERIC_PRIMS.find((p) => p !== primOf(s.types, T0) && this.c.membersOf(T[p])?.has(name)) : void 0;
    this.rep("E1606", nameSpan, `\`${this.tn(T0)}\` has no member \`${name}\``, {
      notes: nearMiss ? [nearMiss] : [],
      help: literalOwner ? `an unsuffixed literal is \`${this.tn(T0)}\` here; \`${name}\` is a member of \`${literalOwner}\`: write the literal with the suffix \`_${literalOwner}\`` : inScope && inScope.sym.kind === "function" ? `call it as \`${name}(${recv.kind === "local" ? s.locals[recv.local].name : "x"}${args.length > 0 ? ", \u2026" : ""})\`` : this.lengthHelp(T0, name, recv) ?? this.suggestMember(T0, name)
    });
    for (const a of args) this.expr(a, void 0);
    return this.err(span);
  }
  suggestMember(t2, name) {
    const s = this.s;
    const cands = [...this.c.membersOf(t2)?.keys() ?? []];
    const info = s.types.get(t2);
    if (info.kind === "record") cands.push(...s.records[info.decl].fields.map((f) => f.name));
    const dm = this.c.declModuleOf(t2);
    if (dm !== void 0) {
      for (const [n, e] of s.scopes[dm].items) if (e.sym.kind === "function") cands.push(n);
    }
    const best = closest(name, cands);
    return best ? `did you mean \`${best}\`?` : void 0;
  }
  /** Whether a first parameter of type `param` (with F's type parameters) accepts a `T` (§5.8 rule 4). */
  accepts(param, t2, vars) {
    const s = this.s;
    if (unify(s.types, param, t2, new Set(vars), /* @__PURE__ */ new Map())) return true;
    const pi = s.types.get(param);
    if (pi.kind === "contract" && !mentionsParam(s.types, param))
      return this.toContract(t2, param) !== void 0;
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
      const path = s.scopes[mod].path;
      return `\`${name}\` is a function of module \`${path}\`: add \`use ${path};\`, or call it on a value as \`value.${name}(\u2026)\``;
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
    const generic = vars.size > 0;
    const conflicts = generic ? /* @__PURE__ */ new Map() : NO_CONFLICTS;
    const unbound = (t2) => generic && mentionsParam(s.types, substitute(s.types, t2, bindings), vars);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (generic && this.isContextDependent(a)) continue;
      const pt = substitute(s.types, paramTypes[i], bindings);
      const x = this.expr(a, unbound(pt) ? void 0 : pt);
      typed[i] = x;
      if (generic) this.unifyArg(paramTypes[i], x.type, vars, bindings, conflicts);
    }
    if (generic)
      for (const [p, list] of conflicts) {
        let c2 = primOf(s.types, list[0]);
        for (const t2 of list.slice(1)) {
          const pt = primOf(s.types, t2);
          c2 = c2 && pt ? commonNumeric(c2, pt) : void 0;
        }
        if (c2) bindings.set(p, T[c2]);
      }
    if (vars.size > 0 && ret !== void 0 && expected !== void 0 && !this.isErr(expected)) {
      const tmp = new Map(bindings);
      if (unify(s.types, ret, expected, vars, tmp)) {
        for (const [k, v] of tmp)
          if (!bindings.has(k) && !mentionsParam(s.types, v, vars)) bindings.set(k, v);
      }
    }
    if (generic) {
      const saved = this.inferVars;
      this.inferVars = vars;
      for (let i = 0; i < args.length; i++) {
        if (typed[i]) continue;
        const a = args[i];
        const pt = substitute(s.types, paramTypes[i], bindings);
        const hasHoles = unbound(pt);
        const x = this.expr(a, hasHoles ? a.kind === "Lambda" ? pt : void 0 : pt);
        typed[i] = x;
        this.unifyArg(paramTypes[i], x.type, vars, bindings);
      }
      this.inferVars = saved;
    }
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
    const vars = f.typeParams.length > 0 ? new Set(f.typeParams) : NO_VARS;
    const bindings = f.typeParams.length > 0 ? /* @__PURE__ */ new Map() : NO_BINDINGS;
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
    const poisoned = params.some((p) => this.isErr(p)) || targs.some((a) => this.isErr(a.type));
    if (missing.length > 0 && !poisoned) {
      this.rep(
        "E1203",
        calleeSpan ?? span,
        `cannot infer ${missing.map((p) => `\`${s.typeParams[p].name}\``).join(", ")} for \`${f.name}\``,
        {
          help: `give the type arguments: \`${f.name}<\u2026>(\u2026)\`, or an expected type`
        }
      );
    }
    for (const p of missing) bindings.set(p, T.error);
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
              help: this.otherInstanceHelp(arg, b) ?? `declare \`${this.tn(arg)} : ${this.tn(b)}\``
            }
          );
      }
    });
  }
  /**
   * E1603 help when `arg` conforms to another instance of the bound's contract (`Monoid<i64>`
   * where `Monoid<i32>` is required): a type argument was inferred differently, typically an
   * unsuffixed literal that defaulted to `i32`.
   */
  otherInstanceHelp(arg, bound) {
    const s = this.s;
    const bi = s.types.get(bound);
    if (bi.kind !== "contract" || bi.args.length === 0) return void 0;
    for (const conf of s.conformances) {
      const ci = s.types.get(conf.contract);
      if (ci.kind !== "contract" || ci.decl !== bi.decl) continue;
      const bind = /* @__PURE__ */ new Map();
      if (!unify(s.types, conf.type, arg, new Set(conf.typeParams), bind)) continue;
      const other = substitute(s.types, conf.contract, bind);
      return `\`${this.tn(arg)}\` conforms to \`${this.tn(other)}\`: a type argument was inferred as another type (an unsuffixed literal defaults to \`i32\`); suffix the literals (\`1_i64\`) or give the type arguments explicitly`;
    }
    return void 0;
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
  sigType(t2, tp) {
    if (t2.endsWith("[]")) return this.s.types.array(this.sigType(t2.slice(0, -2), tp));
    if (t2 === "T") return tp !== void 0 ? this.s.types.param(tp) : T.error;
    return T[t2] ?? T.error;
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
    if (name === "__array_new" && expected === T.i64 && tp !== void 0) bindings.set(tp, T.u8);
    const targs = this.inferArgs(params, args, vars, bindings, ret, expected);
    if (tp !== void 0 && !bindings.has(tp)) {
      this.rep("E1203", span, `cannot infer the element type of \`${name}\``, {
        help: `give an expected type, e.g. \`i64[] a = ${name}(\u2026);\``
      });
      bindings.set(tp, T.error);
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
    const idx = this.expr(e.index, T.i64);
    if (!this.isErr(idx.type) && !isIntPrim(primOf(s.types, idx.type) ?? "bool"))
      this.rep("E1231", idx.span, `an index must be an integer, found \`${this.tn(idx.type)}\``);
    const info = s.types.get(obj.type);
    if (info.kind === "array")
      return { kind: "index", object: obj, index: idx, of: "array", type: info.elem, span };
    if (obj.type === T.string)
      return { kind: "index", object: obj, index: idx, of: "string", type: T.u8, span };
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
      const range = intRange(p2);
      const lo = range[0];
      const hi = range[1];
      if (!isSigned(p2)) this.rep("E1210", span, `\`-\` cannot apply to an unsigned \`${p2}\``);
      else if (v < lo || v > hi) this.rep("E1223", span, `${v} does not fit in \`${p2}\``);
      return { kind: "int", value: v, type: T[p2], span };
    }
    const x = this.expr(e.operand, void 0);
    if (this.isErr(x.type)) return this.err(span);
    const p = primOf(s.types, x.type);
    if (e.op === "!") {
      if (x.type !== T.bool) {
        this.rep("E1210", span, `\`!\` needs a \`bool\`, found \`${this.tn(x.type)}\``, {
          help: "compare explicitly, e.g. `x == 0`"
        });
        return this.err(span);
      }
      return { kind: "unary", op: "not", operand: x, type: T.bool, span };
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
      const l2 = this.expr(e.left, T.bool);
      const saved = this.snap(this.unassigned);
      const r2 = this.expr(e.right, T.bool);
      this.unassigned = saved;
      for (const x of [l2, r2])
        if (x.type !== T.bool && !this.isErr(x.type))
          this.rep("E1209", x.span, `\`${e.op}\` needs \`bool\` operands, found \`${this.tn(x.type)}\``);
      return { kind: "logical", op: e.op === "&&" ? "and" : "or", left: l2, right: r2, type: T.bool, span };
    }
    const isShift = e.op === "<<" || e.op === ">>";
    const lc = this.isConst(e.left);
    const rc = this.isConst(e.right);
    let l;
    let r;
    const numericOrUndef = (t2) => isIntPrim(primOf(s.types, t2) ?? "bool") || isFloatPrim(primOf(s.types, t2) ?? "bool") ? t2 : void 0;
    if (isShift) {
      l = this.expr(e.left, lc ? numericOrUndef(expected ?? T.error) : void 0);
      r = this.expr(e.right, rc ? T.i32 : void 0);
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
    if (e.op === "+" && (l.type === T.string || r.type === T.string)) {
      const lt = this.toText(l);
      const rt = this.toText(r);
      if (this.isErr(lt.type) || this.isErr(rt.type)) return this.err(span);
      return { kind: "concat", left: lt, right: rt, type: T.string, span };
    }
    if (e.op === "===" || e.op === "!==") {
      const heap = (k, t2) => k !== "prim" || t2 === T.string;
      if (l.type !== r.type || !heap(lk, l.type))
        return bad("`===` compares heap values of one type; use `==` for values");
      return {
        kind: "binary",
        op: e.op === "===" ? "id_eq" : "id_ne",
        left: l,
        right: r,
        operandType: l.type,
        type: T.bool,
        span
      };
    }
    const numeric = lp && rp && (isIntPrim(lp) || isFloatPrim(lp)) && (isIntPrim(rp) || isFloatPrim(rp));
    if (e.op === "==" || e.op === "!=") {
      const op2 = e.op === "==" ? "eq" : "ne";
      if (numeric) {
        const c3 = this.common(l, r, span);
        if (!c3) return this.err(span);
        return { kind: "binary", op: op2, left: c3.l, right: c3.r, operandType: c3.t, type: T.bool, span };
      }
      if (l.type !== r.type) {
        if (l.type === T.never || r.type === T.never)
          return {
            kind: "binary",
            op: op2,
            left: l,
            right: r,
            operandType: l.type === T.never ? r.type : l.type,
            type: T.bool,
            span
          };
        return bad("both sides must have the same type");
      }
      return { kind: "binary", op: op2, left: l, right: r, operandType: l.type, type: T.bool, span };
    }
    const cmp = CMP[e.op];
    if (cmp) {
      if (l.type === T.char && r.type === T.char)
        return { kind: "binary", op: cmp, left: l, right: r, operandType: T.char, type: T.bool, span };
      if (!numeric)
        return bad(
          lp === "string" || rp === "string" ? "strings have no ordering; compare bytes with the corelib" : void 0
        );
      const c3 = this.common(l, r, span);
      if (!c3) return this.err(span);
      return { kind: "binary", op: cmp, left: c3.l, right: c3.r, operandType: c3.t, type: T.bool, span };
    }
    const op = ARITH[e.op];
    if (isShift) {
      if (!lp || !rp || !isIntPrim(lp) || !isIntPrim(rp)) return bad("shifts need integer operands");
      return { kind: "binary", op, left: l, right: r, operandType: l.type, type: l.type, span };
    }
    if (!numeric) return bad(this.unwrapHelp(l.type) ?? this.unwrapHelp(r.type));
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
    const t2 = T[c2];
    const conv = (x) => x.type === t2 ? x : { kind: "convert", operand: x, conv: this.conversion(x, x.type, t2, true), type: t2, span: x.span };
    return { l: conv(l), r: conv(r), t: t2 };
  }
  // ---- assignment ------------------------------------------------------------------------
  assign(e) {
    const s = this.s;
    const span = this.sp(e);
    const tgt = e.target;
    let lv;
    let ttype = T.error;
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
      const rhs = e.value.kind === "Lambda" || s.types.get(ttype).kind === "fn" ? void 0 : this.expr(e.value, ttype === T.string ? void 0 : ttype);
      if (rhs === void 0 || s.types.get(rhs.type).kind === "fn") {
        if (!this.isErr(ttype))
          this.rep("E1221", span, `\`${e.op}\` with a function value only works on events`);
        if (rhs === void 0) this.expr(e.value, void 0);
        return this.err(span);
      }
      if (ttype === T.string) {
        if (e.op === "-=") {
          this.rep("E1209", span, "`-=` does not apply to strings");
          return this.err(span);
        }
        value = this.toText(rhs);
        compound = "concat";
      } else if (isIntPrim(primOf(s.types, ttype) ?? "bool") || isFloatPrim(primOf(s.types, ttype) ?? "bool")) {
        value = this.coerce(rhs, ttype, "other");
        compound = "num";
      } else {
        if (!this.isErr(ttype))
          this.rep("E1209", span, `\`${e.op}\` needs a number or a string, found \`${this.tn(ttype)}\``);
        return this.err(span);
      }
    }
    if (localId !== void 0) {
      const l = s.locals[localId];
      if (e.op !== "=" && this.unassigned.has(localId)) this.readLocal(localId, this.sp(tgt));
      const firstInit = e.op === "=" && this.unassigned.has(localId);
      if (!l.mutable && !firstInit && !this.conditionAssign)
        this.rep("W1214", this.sp(tgt), `\`${l.name}\` is not declared \`mut\` but is reassigned`, {
          help: l.kind === "param" ? `declare the parameter \`mut ${this.tn(l.type)} ${l.name}\`` : this.letLocals.has(localId) ? `declare it \`let mut ${l.name}\`` : `declare it \`mut ${typeAsWritten(this.writtenTypes.get(localId)) ?? this.tn(l.type)} ${l.name}\``
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
    const handler = this.exprAt(e.value, s.types.fn(field.params, T.unit), "other", "a handler must be");
    return { kind: "event_sub", op: e.op, object: obj, field: field.index, handler, type: T.unit, span };
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
    const hole = (t2) => this.inferVars.size > 0 && mentionsParam(s.types, t2, this.inferVars);
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
      ret: T.unit,
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
      scopes: [{ names: NO_NAMES, stmts: void 0, pos: 0 }],
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
      let t2;
      if (p.type) t2 = this.resolveType(p.type);
      else if (expFn && !hole(expFn.params[i])) t2 = expFn.params[i];
      else {
        this.rep(
          "E1202",
          this.sp(p),
          `cannot infer the type of lambda parameter \`${p.name?.text ?? "_"}\``,
          { help: "write its type: `(i64 x) => \u2026`" }
        );
        t2 = T.error;
      }
      if (p.type && expFn && !hole(expFn.params[i]) && t2 !== expFn.params[i] && !this.isErr(t2))
        this.rep(
          "E1206",
          this.sp(p),
          `parameter type \`${this.tn(t2)}\` differs from the expected \`${this.tn(expFn.params[i])}\``
        );
      paramTypes.push(t2);
      params.push(this.newLocal(p.name?.text ?? "_", t2, "param", false, this.sp(p), p.name !== void 0));
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
      const rs = ctx.inferredReturns.filter((t2) => t2 !== T.never);
      if (e.body.kind === "Block")
        ret = rs.length === 0 ? body.diverges && ctx.inferredReturns.length > 0 ? T.never : T.unit : this.commonOf(rs, span);
      else ret = ctx.inferredReturns[0] ?? T.unit;
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
    let t2 = ts[0];
    for (const u of ts.slice(1)) {
      if (u === t2) continue;
      const a = primOf(s.types, t2);
      const b = primOf(s.types, u);
      const c2 = a && b ? commonNumeric(a, b) : void 0;
      if (!c2) {
        this.rep(
          "E1305",
          span,
          `the returned values have different types: \`${this.tn(t2)}\` and \`${this.tn(u)}\``
        );
        return T.error;
      }
      t2 = T[c2];
    }
    return t2;
  }
  // ---- `?` -------------------------------------------------------------------------------
  /** For a Result- or Option-shaped type used as its value: how to get the value out. */
  unwrapHelp(t2) {
    const inner = this.wrapped(t2);
    if (!inner) return void 0;
    return inner.shape === "result" ? "the value is inside `Ok`: add `?` to return early on `Error`, or `match` on it" : "the value is inside `Some`: add `?` to return early on `None`, or `match` on it";
  }
  /** A Result- or Option-shaped enum type (§5.10): its shape and the type inside `Ok`/`Some`. */
  wrapped(t2) {
    const s = this.s;
    const info = s.types.get(t2);
    if (info.kind !== "enum") return void 0;
    const en = s.enums[info.decl];
    if (!en.shape) return void 0;
    const succ = en.variants.find((v) => v.name === (en.shape === "result" ? "Ok" : "Some"));
    const field = succ?.fields[0];
    if (!field) return void 0;
    return {
      shape: en.shape,
      value: substitute(s.types, field.type, this.paramMap(en.typeParams, info.args))
    };
  }
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
    const fail = en.variants.findIndex((v) => v.name === (en.shape === "result" ? "Error" : "None"));
    const valueType = substitute(s.types, en.variants[succ].fields[0].type, map);
    const base = {
      kind: "try",
      operand: x,
      shape: en.shape,
      successVariant: succ,
      failVariant: fail,
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
      const from = substitute(s.types, en.variants[fail].fields[0].type, map);
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
      const ta = last.typeArgs.map((t2) => this.resolveType(t2));
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
      if (expected !== void 0 && this.isErr(expected)) return this.err(span);
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
    const misspelt = /* @__PURE__ */ new Set();
    for (const fi of e.fields) {
      const field = r.fields.find((f) => f.name === fi.name.text);
      if (!field || field.kind === "event") {
        const meant = field ? void 0 : closest(
          fi.name.text,
          r.fields.filter((f) => f.kind === "value" && !given.has(f.name)).map((f) => f.name)
        );
        if (meant) misspelt.add(meant);
        this.rep(
          "E1211",
          this.sp(fi.name),
          field ? `event \`${fi.name.text}\` cannot be given a value` : `\`${r.name}\` has no field \`${fi.name.text}\``,
          {
            help: field ? "events start empty; subscribe with `+=`" : meant ? `did you mean \`${meant}\`?` : void 0
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
    const missing = r.fields.filter((f) => f.kind === "value" && !given.has(f.name) && !misspelt.has(f.name));
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
      const ta = last.typeArgs.map((t2) => this.resolveType(t2));
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
      order.map((o) => o.field.kind === "value" ? o.field.type : T.error),
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
        if (x.type === elem || x.type === T.never) continue;
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
        elem = T[c2];
      }
    }
    const consts = e.elements.filter((_, i) => typed[i] === void 0);
    if (elem === void 0) {
      let c2 = T.i32;
      for (const x of consts) {
        const t2 = this.constant(x, void 0).type;
        const cp = commonNumeric(primOf(s.types, c2), primOf(s.types, t2) ?? "i32");
        if (cp) c2 = T[cp];
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
      this.ctx.scopes.push({ names: NO_NAMES, stmts: void 0, pos: 0 });
      const bindings = [];
      const pattern = this.pattern(arm.pattern, scrut.type, bindings, /* @__PURE__ */ new Set());
      let guard;
      if (arm.guard) {
        guard = this.expr(arm.guard, T.bool);
        if (guard.type !== T.bool && !this.isErr(guard.type))
          this.rep("E1308", guard.span, `a guard must be \`bool\`, found \`${this.tn(guard.type)}\``);
      }
      let body;
      if (asStmt) body = this.expr(arm.body, void 0);
      else if (expected !== void 0 && arm.body.kind === "Block" && expected !== T.unit && !this.isErr(expected)) {
        const b = this.expr(arm.body, expected);
        if (b.type === T.unit) {
          this.rep("E1206", b.span, `expected \`${this.tn(expected)}\`, found \`unit\``, {
            help: "a block arm yields no value (blocks never do, and `return` leaves the whole function): make the arm an expression, e.g. a call of a function that does the work and returns the value"
          });
          body = this.err(b.span);
        } else body = this.coerce(b, expected, "other");
      } else if (expected !== void 0) body = this.exprAt(arm.body, expected, "other");
      else body = this.expr(arm.body, void 0);
      this.ctx.scopes.pop();
      bodies.push(body);
      arms.push({ pattern, guard, body, bindings: exactLength(bindings), span: this.sp(arm) });
      if (body.type !== T.never) afterSets.push(this.unassigned);
    }
    this.unassigned = afterSets.length === 0 ? /* @__PURE__ */ new Set() : union(afterSets);
    const patternErrors = this.s.diagnostics.slice(errorsBefore).some((d) => d.severity === "error" && /^(E130[1679]|E1201|E1108|E1107)$/.test(d.code));
    if (!this.isErr(scrut.type) && !patternErrors) checkExhaustive(s, this.ctx.file, scrut.type, arms, span);
    let type;
    if (asStmt) type = arms.every((a) => a.body.type === T.never) ? T.never : T.unit;
    else if (expected !== void 0) type = expected;
    else {
      const live = bodies.filter((b) => b.type !== T.never && !this.isErr(b.type));
      if (live.length === 0) type = bodies.some((b) => this.isErr(b.type)) ? T.error : T.never;
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
            type = T.error;
            break;
          }
          type = T[cm];
        }
        if (!this.isErr(type)) {
          const final = type;
          arms.forEach((a, i) => {
            if (a.body.type !== final && a.body.type !== T.never)
              arms[i].body = this.coerce(a.body, final, "other");
          });
        }
      }
    }
    return { kind: "match", scrutinee: scrut, arms: exactLength(arms), type, span };
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
        const fail = (what) => {
          if (!this.isErr(type))
            this.rep("E1309", span, `a ${what} pattern cannot match a \`${this.tn(type)}\``);
          return { kind: "wildcard", type, span };
        };
        switch (lit.kind) {
          case "IntLit": {
            if (!tp || !(isIntPrim(tp) || isFloatPrim(tp))) return fail("number");
            const v = p.negative ? -lit.value : lit.value;
            if (isFloatPrim(tp)) return { kind: "literal", value: Number(v), literal: "float", type, span };
            if (lit.suffix && T[lit.suffix] !== type) return fail(lit.suffix);
            const range = intRange(tp);
            const lo = range[0];
            const hi = range[1];
            if (v < lo || v > hi) this.rep("E1223", span, `${v} does not fit in \`${tp}\``);
            return { kind: "literal", value: v, literal: "int", type, span };
          }
          case "FloatLit":
            if (!tp || !isFloatPrim(tp)) return fail("float");
            return {
              kind: "literal",
              value: p.negative ? -lit.value : lit.value,
              literal: "float",
              type,
              span
            };
          case "CharLit":
            if (type !== T.char) return fail("char");
            return { kind: "literal", value: lit.value, literal: "char", type, span };
          case "StringLit":
            if (type !== T.string) return fail("string");
            return { kind: "literal", value: lit.value, literal: "string", type, span };
          case "BoolLit":
            if (type !== T.bool) return fail("bool");
            return { kind: "literal", value: lit.value, literal: "bool", type, span };
        }
        return fail("literal");
      }
      case "EnumPattern": {
        const sym = this.c.resolveTypeSym(
          p.enumName.segments,
          { module: this.ctx.module, file: this.ctx.file },
          "E1201",
          p.enumName
        );
        const sub = (ts) => (p.args ?? []).map((a, i) => this.pattern(a, ts[i] ?? T.error, bindings, names));
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
    this.ctx.scopes.push({ names: NO_NAMES, stmts: void 0, pos: 0 });
    const r = this.stmts(b.statements, this.sp(b), true);
    return r;
  }
  /** Check statements in a new scope (already pushed when `pushed`). */
  stmts(list, span, pushed = false) {
    if (!pushed) this.ctx.scopes.push({ names: NO_NAMES, stmts: void 0, pos: 0 });
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
    return { stmts: exactLength(out), diverges, span };
  }
  stmt(st) {
    const s = this.s;
    const span = this.sp(st);
    switch (st.kind) {
      case "Local": {
        const l = this.local(st);
        const init = l?.kind === "let" ? l.init : void 0;
        const never = init !== void 0 && (init.type === T.never || init.kind === "convert" && init.conv.kind === "never");
        return { stmt: l, diverges: never };
      }
      case "Return": {
        const ctx = this.ctx;
        if (ctx.ret === void 0) {
          const v2 = st.value ? this.expr(st.value, void 0) : void 0;
          ctx.inferredReturns.push(v2 ? v2.type : T.unit);
          return { stmt: { kind: "return", value: v2, span }, diverges: true };
        }
        if (!st.value) {
          if (ctx.ret !== T.unit && !this.isErr(ctx.ret))
            this.rep(
              "E1207",
              span,
              ctx.ret === T.never ? "a function returning `never` cannot return" : `\`return;\` in a function that returns \`${this.tn(ctx.ret)}\``,
              {
                help: ctx.ret === T.never ? void 0 : "return a value: `return \u2026;`"
              }
            );
          return { stmt: { kind: "return", value: void 0, span }, diverges: true };
        }
        if (ctx.ret === T.never) {
          this.rep("E1207", span, "a function returning `never` cannot return");
          this.expr(st.value, void 0);
          return { stmt: { kind: "return", value: void 0, span }, diverges: true };
        }
        if (ctx.ret === T.unit) {
          const v2 = this.expr(st.value, void 0);
          if (v2.type !== T.unit && v2.type !== T.never && !this.isErr(v2.type))
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
          this.rep("E1401", span, "`break` is only valid inside `while` or `for`", {
            help: this.loopOutsideLambda() ? LAMBDA_LOOP_HELP : void 0
          });
          return { stmt: void 0, diverges: false };
        }
        this.ctx.loops[this.ctx.loops.length - 1].hasBreak = true;
        return { stmt: { kind: "break", span }, diverges: true };
      case "Continue":
        if (this.ctx.loops.length === 0) {
          this.rep("E1402", span, "`continue` is only valid inside `while` or `for`", {
            help: this.loopOutsideLambda() ? LAMBDA_LOOP_HELP : void 0
          });
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
        return { stmt: { kind: "expr", expr: x, span }, diverges: x.type === T.never };
      }
      case "UnsupportedStmt":
        this.rep("E1230", span, `\`${st.construct}\` statements are not supported by beskid-ci`);
        return { stmt: void 0, diverges: false };
    }
  }
  /** A lambda being checked sits inside a loop of an enclosing function (E1401/E1402 help). */
  loopOutsideLambda() {
    for (let c2 = this.ctx.outer; c2; c2 = c2.outer) if (c2.loops.length > 0) return true;
    return false;
  }
  cond(e) {
    const typo = e.kind === "Assign" && e.op === "=";
    if (typo) this.conditionAssign = true;
    let x;
    try {
      x = this.expr(e, T.bool);
    } finally {
      this.conditionAssign = false;
    }
    if (x.type !== T.bool && !this.isErr(x.type)) {
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
    else if (st.type) this.writtenTypes.set(id, st.type);
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
      let t2 = T.error;
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
          else t2 = T[c2];
        }
      }
      const start = this.isErr(t2) ? ax : this.coerce(ax, t2, "other");
      const end = this.isErr(t2) ? bx : this.coerce(bx, t2, "other");
      const local2 = this.newLocal(st.binding.text, t2, "for", false, this.sp(st.binding), false);
      return loopBody(local2, (body) => ({ kind: "for_range", local: local2, start, end, body, span }));
    }
    const x = this.expr(it, void 0);
    if (this.isErr(x.type)) {
      const local2 = this.newLocal(st.binding.text, T.error, "for", false, this.sp(st.binding), false);
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
      const local2 = this.newLocal(st.binding.text, T.error, "for", false, this.sp(st.binding), false);
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
    const t2 = recv.type;
    const info = s.types.get(t2);
    let candidate;
    const member = this.c.membersOf(t2)?.get("Next");
    if (member !== void 0) {
      const f = s.functions[member];
      const b = /* @__PURE__ */ new Map();
      unify(s.types, f.paramTypes[0], t2, new Set(f.typeParams), b);
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
      const dm = this.c.declModuleOf(t2);
      const e = s.scopes[dm].items.get("Next");
      if (e && e.sym.kind === "function") {
        const f = s.functions[e.sym.id];
        const b = /* @__PURE__ */ new Map();
        if (f.paramTypes.length > 0 && unify(s.types, f.paramTypes[0], t2, new Set(f.typeParams), b))
          candidate = { params: f.paramTypes.length - 1, ret: substitute(s.types, f.ret, b) };
      }
    }
    if (!candidate) {
      this.rep(
        "E1215",
        span,
        `cannot iterate over a \`${this.tn(t2)}\`: it is not a range or an array and has no \`Next\` method`,
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
        `\`Next\` of \`${this.tn(t2)}\` takes ${candidate.params} parameter(s); \`for\` calls it with none`
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
      { kind: "Ident", text: "Next", start: span.start, end: span.end },
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
  /** Names bound by `use` declarations that resolved nowhere (E1105), per module. */
  brokenImports = /* @__PURE__ */ new Map();
  /** Records that `use … name;` in module `m` failed (E1105), so uses of `name` add no cascade. */
  markBrokenImport(m, name) {
    let set = this.brokenImports.get(m);
    if (!set) this.brokenImports.set(m, set = /* @__PURE__ */ new Set());
    set.add(name);
  }
  /** Whether `name` seen from module `from` is a failed import of it or an ancestor (already E1105). */
  isBrokenImport(name, from) {
    for (let m = from; m !== void 0; m = this.modules[m].parent)
      if (this.brokenImports.get(m)?.has(name)) return true;
    return false;
  }
  span(file, node) {
    return { file, start: node.start, end: node.end };
  }
  report(code, at, detail, extra) {
    if (at) {
      const key2 = `${code}@${at.file}:${at.start}`;
      if (this.reported.has(key2)) return;
      this.reported.add(key2);
    }
    const index = at ? this.lineIndexes.get(at.file) : void 0;
    const facts = { detail, ...extra ?? {} };
    this.diagnostics.push(
      makeDiagnostic(code, facts, at && index ? { span: at, index } : at ? { file: at.file } : void 0)
    );
  }
  typeName(t2) {
    return typeName(this.types, this, t2);
  }
  /** Module `path`, creating it and its prefixes. */
  moduleFor(path) {
    const found = this.byPath.get(path);
    if (found !== void 0) return found;
    let parent;
    if (path !== "") {
      const dot = path.lastIndexOf(".");
      parent = this.moduleFor(dot < 0 ? "" : path.slice(0, dot));
    }
    const id = this.modules.length;
    this.modules.push({ id, path, parent, file: void 0, isEntry: false });
    this.scopes.push({ id, path, parent, items: /* @__PURE__ */ new Map(), unit: void 0, isPub: true, file: void 0 });
    this.byPath.set(path, id);
    if (parent !== void 0) {
      const name = path.slice(path.lastIndexOf(".") + 1);
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
  lastName(path) {
    return path.slice(path.lastIndexOf(".") + 1);
  }
};

// src/util/graph.ts
function stronglyConnected(adj) {
  const index = /* @__PURE__ */ new Map();
  const low = /* @__PURE__ */ new Map();
  const comp = /* @__PURE__ */ new Map();
  const stack = [];
  const onStack = /* @__PURE__ */ new Set();
  let counter = 0;
  let comps = 0;
  const enter = (n) => {
    index.set(n, counter);
    low.set(n, counter++);
    stack.push(n);
    onStack.add(n);
  };
  for (const root of adj.keys()) {
    if (index.has(root)) continue;
    const work = [{ node: root, next: 0 }];
    enter(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const succ = adj.get(top.node) ?? [];
      if (top.next < succ.length) {
        const w = succ[top.next++];
        if (!index.has(w)) {
          enter(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node), index.get(w)));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(top.node)));
      }
      if (low.get(top.node) === index.get(top.node)) {
        for (; ; ) {
          const w = stack.pop();
          onStack.delete(w);
          comp.set(w, comps);
          if (w === top.node) break;
        }
        comps++;
      }
    }
  }
  return comp;
}

// src/semantics/index.ts
function analyze(units, opts = {}) {
  const s = new Sema(units);
  const c2 = new Collector(s);
  c2.moduleExists = opts.moduleExists;
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
  checkFiniteInstantiation(s, checker);
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
  const retOk = f.ret === T.unit || f.ret === T.error || ri.kind === "prim" && isIntPrim(ri.prim);
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
  const textual = (t2) => {
    const info = s.types.get(t2);
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
function checkFiniteInstantiation(s, checker) {
  const edges = [];
  const params = (t2, out) => {
    const i = s.types.get(t2);
    switch (i.kind) {
      case "param":
        out.add(i.param);
        return;
      case "array":
        return params(i.elem, out);
      case "fn":
        i.params.forEach((x) => params(x, out));
        return params(i.ret, out);
      case "record":
      case "enum":
      case "contract":
        i.args.forEach((x) => params(x, out));
        return;
      default:
        return;
    }
  };
  for (const inst of checker.instantiations) {
    const caller = s.functions[inst.caller];
    if (caller.typeParams.length === 0) continue;
    inst.typeArgs.forEach((arg, j) => {
      const used = /* @__PURE__ */ new Set();
      params(arg, used);
      const direct = s.types.get(arg);
      for (const p of used) {
        const i = caller.typeParams.indexOf(p);
        if (i < 0) continue;
        const expanding = !(direct.kind === "param" && direct.param === p);
        edges.push({ from: `${inst.caller}:${i}`, to: `${inst.callee}:${j}`, expanding, span: inst.span });
      }
    });
  }
  if (!edges.some((e) => e.expanding)) return;
  const adj = /* @__PURE__ */ new Map();
  for (const e of edges) {
    if (!adj.has(e.from)) adj.set(e.from, []);
    adj.get(e.from).push(e.to);
  }
  const comp = stronglyConnected(adj);
  for (const e of edges) {
    if (!e.expanding || comp.get(e.from) === void 0 || comp.get(e.from) !== comp.get(e.to)) continue;
    const [callee] = e.to.split(":");
    const f = s.functions[Number(callee)];
    s.report(
      "E1236",
      e.span,
      `this instantiates \`${f.name}\` with a type argument that grows on every round`,
      {
        help: "a generic function must not reach itself with a larger type argument (`T[]`, `Box<T>`): pass the value through a non-generic helper or a contract instead"
      }
    );
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
function isConstant(e) {
  return e.kind === "const" || e.kind === "data.addr";
}
function isSimple(e) {
  return e.kind === "local.get" || isConstant(e);
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
      const t2 = this.localType(local);
      const vt = this.L.vt(t2);
      if (vt === null) {
        this.slots.set(local, { kind: "unit" });
        continue;
      }
      const index = k++;
      if (this.L.program.locals[local].captured) {
        const cell = this.fb.local("i32");
        const ref = this.L.isRef(t2);
        this.slots.set(local, { kind: "cell", index: cell, vt, ref });
        out.push(...this.allocCell(cell, vt, ref, ir.get(index)));
      } else {
        this.slots.set(local, { kind: "direct", index, vt });
      }
    }
    if (f.kind === "lambda") {
      f.captures.forEach((c2, i) => {
        const t2 = this.localType(c2);
        const vt = this.L.vt(t2);
        if (vt === null) {
          this.slots.set(c2, { kind: "unit" });
          return;
        }
        const cell = this.fb.local("i32");
        this.slots.set(c2, { kind: "cell", index: cell, vt, ref: this.L.isRef(t2) });
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
  ty(t2) {
    return this.L.subst(t2, this.map);
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
  /**
   * A fresh local holding `value`: [the set, its read]. Values `keep` accepts (by default the
   * simple ones) are not spilled.
   */
  spill(vt, value, keep = isSimple) {
    if (keep(value)) return [[], value];
    const t2 = this.fb.local(vt);
    return [[ir.set(t2, value)], ir.get(t2)];
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
      const t2 = this.localType(id);
      const vt = this.L.vt(t2);
      if (vt === null) s = { kind: "unit" };
      else if (this.L.program.locals[id].captured)
        s = { kind: "cell", index: this.fb.local("i32"), vt, ref: this.L.isRef(t2) };
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
        const t2 = this.localType(s.local);
        const vt = this.L.vt(t2) ?? "i32";
        const p = this.L.prim(t2) ?? "i32";
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
        const elemT = ai.kind === "array" ? ai.elem : T.unit;
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
        const opt = this.fb.local("i32");
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
              ir.set(opt, this.val(s.next)),
              ir.if(ir.bin("i32.ne", ir.load("i32.load", ir.get(opt), ENUM_TAG_OFFSET), ir.i32(some.tag)), [
                ir.br(brk)
              ]),
              ...this.bind(
                s.local,
                f0 && f0.vt !== null ? ir.load(this.L.loadOp(f0.vt), ir.get(opt), f0.offset) : null
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
        if (c2.noreturn || this.typeOf(e) === T.never) out.push(ir.unreachable(this.loc(e)));
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
    const t2 = this.typeOf(e);
    const vt = this.L.vt(t2);
    if (vt === null) {
      const tail = t2 === T.never ? [ir.unreachable()] : [];
      return ir.seq([...this.eff(e), ...tail], zero(hint));
    }
    switch (e.kind) {
      case "int":
        return this.constOf(t2, e.value);
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
        const p = this.L.prim(t2) ?? "i32";
        if (vt === "f32" || vt === "f64") return ir.un(`${vt}.neg`, v);
        return this.normalize(p, ir.bin(`${vt}.sub`, zero(vt), v));
      }
      case "binary":
        return this.binary(e.op, this.ty(e.operandType), t2, e.left, e.right, this.loc(e));
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
        return this.convert(e.conv, this.typeOf(e.operand), t2, e.operand, this.loc(e));
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
          t2,
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
  constOf(t2, value) {
    switch (this.L.vt(t2)) {
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
        if (this.L.info(ot).kind === "prim" && ot !== T.string)
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
  arith(op, t2, l, r, loc) {
    const p = this.L.prim(t2) ?? "i32";
    const vt = this.L.vt(t2) ?? "i32";
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
  toText(conv, t2, operand) {
    const v = this.val(operand);
    const p = this.L.prim(t2);
    if (conv === "param") {
      if (p === void 0) throw new Error(`lowering: ${this.L.typeName(t2)} has no text form`);
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
        const t2 = this.fb.local("i32");
        return ir.seq(
          [
            ir.set(t2, ir.un(`i32.trunc_sat_${fv}_${signed ? "s" : "u"}`, v)),
            ir.set(
              t2,
              ir.select(
                ir.bin(signed ? "i32.lt_s" : "i32.lt_u", ir.get(t2), ir.i32(min)),
                ir.i32(min),
                ir.get(t2)
              )
            ),
            ir.set(
              t2,
              ir.select(
                ir.bin(signed ? "i32.gt_s" : "i32.gt_u", ir.get(t2), ir.i32(max)),
                ir.i32(max),
                ir.get(t2)
              )
            )
          ],
          ir.get(t2)
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
    const stmts2 = [
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
      (s, i) => stmts2.push(
        ir.store(
          "i32.store",
          ir.get(nvt),
          ir.load("i32.load", ir.get(svt), VTABLE_METHODS_OFFSET + 4 * s),
          VTABLE_METHODS_OFFSET + 4 * i
        )
      )
    );
    return ir.seq(
      stmts2,
      this.makeContract(ir.load("i32.load", ir.get(src), CONTRACT_RECEIVER_OFFSET), ir.get(nvt))
    );
  }
  // -------------------------------------------------------------------------------------
  // Heap values.
  recordNew(e) {
    const t2 = this.typeOf(e);
    const r = this.L.recordLayout(t2);
    const obj = this.fb.local("i32");
    const loc = this.loc(e);
    const stmts2 = [ir.set(obj, ir.rt("alloc", [ir.i32(r.layout), ir.i32(r.size)]))];
    for (const slot of r.fields.values()) {
      if (!slot.event) continue;
      const ev = this.fb.local("i32");
      stmts2.push(
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
      if (slot.vt === null) stmts2.push(...this.eff(fi.value));
      else stmts2.push(ir.store(this.L.storeOp(slot.vt), ir.get(obj), this.val(fi.value), slot.offset));
    }
    return ir.seq(stmts2, ir.get(obj));
  }
  enumNew(t2, variant, args) {
    const v = this.L.variantLayout(t2, variant);
    if (v.fields.length === 0) return this.L.constEnum(t2, variant);
    const obj = this.fb.local("i32");
    const stmts2 = [
      ir.set(obj, ir.rt("alloc", [ir.i32(v.layout), ir.i32(v.size)])),
      ir.store("i32.store", ir.get(obj), ir.i32(v.tag), ENUM_TAG_OFFSET)
    ];
    args.forEach((a, i) => {
      const slot = v.fields[i];
      if ("eff" in a) stmts2.push(...a.eff);
      else if (slot.vt !== null)
        stmts2.push(ir.store(this.L.storeOp(slot.vt), ir.get(obj), a.val, slot.offset));
    });
    return ir.seq(stmts2, ir.get(obj));
  }
  arrayLit(e) {
    const elemT = this.ty(e.elem);
    const el = this.L.elem(elemT);
    const arr = this.fb.local("i32");
    const loc = this.loc(e);
    const stmts2 = [
      ir.set(
        arr,
        ir.rt("array_new", [ir.i32(el.layout), ir.i32(el.size), ir.i64(e.elements.length), ir.i32(loc)], loc)
      )
    ];
    e.elements.forEach((x, k) => {
      if (el.vt === null) stmts2.push(...this.eff(x));
      else stmts2.push(ir.store(el.store, ir.get(arr), this.val(x), 8 + k * el.size));
    });
    return ir.seq(stmts2, ir.get(arr));
  }
  /** A loaded reference element: never-written slots read as "" / an empty array, or panic (§5.11). */
  refDefault(elemT, loaded, loc) {
    if (!this.L.isRef(elemT)) return loaded;
    const t2 = this.fb.local("i32");
    const info = this.L.info(elemT);
    let fallback;
    if (elemT === T.string) fallback = this.L.b.string("");
    else if (info.kind === "array") fallback = this.L.emptyArray(this.L.elem(info.elem).layout);
    else fallback = ir.seq(this.L.panicCode("read of uninitialised array element", loc), ir.i32(0));
    return ir.seq([ir.set(t2, loaded)], ir.cond("i32", ir.un("i32.eqz", ir.get(t2)), fallback, ir.get(t2)));
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
    const stmts2 = [ir.set(env, ir.rt("alloc", [ir.i32(layout), ir.i32(size)]))];
    lf.captures.forEach((c2, i) => {
      const s = this.slot(c2);
      if (s.kind === "cell") stmts2.push(ir.store("i32.store", ir.get(env), ir.get(s.index), 4 + 4 * i));
    });
    return ir.seq(stmts2, ir.rt("closure_new", [slot, ir.get(env)]));
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
      const types = args.map((a) => this.vtOf(a)).filter((vt) => vt !== null);
      vals = vals.map((v, i) => {
        const [set, read] = this.spill(types[i], v, isConstant);
        pre.push(...set);
        return read;
      });
      pre.push(...pending);
    }
    return { pre, vals };
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
        return { pre, call: ir.call(inst, vals, loc), noreturn: this.ty(fi.ret) === T.never };
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
          noreturn: this.ty(ft.ret) === T.never
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
      const t2 = this.typeOf(e);
      const info2 = L.info(t2);
      const elemT = info2.kind === "array" ? info2.elem : typeArgs.length ? this.ty(typeArgs[0]) : T.u8;
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
      const t2 = this.fb.local(this.vtOf(valued[i]));
      out.push(ir.set(t2, v));
      temps.push(ir.get(t2));
    });
    const ri = this.L.info(recT);
    if (ri.kind !== "record") throw new Error("lowering: event of a non-record");
    const rec = this.L.program.records[ri.decl];
    const fi = rec.fields.find((f) => f.index === field);
    const recMap = this.L.declMap(rec.typeParams, ri.args);
    const params = fi && fi.kind === "event" ? fi.params.map((p) => this.L.subst(p, recMap)) : [];
    const type = this.closureType(params, T.unit);
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
    const t2 = this.typeOf(e);
    const vt = this.L.vt(t2);
    const loc = this.loc(e);
    const combine = (old, v) => {
      if (e.op === "=") return v;
      if (e.compound === "concat") return ir.rt("str_concat", [old, v]);
      return this.arith(e.op === "+=" ? "add" : "sub", t2, old, v, loc);
    };
    if (vt === null) return { stmts: this.eff(e.value) };
    const finish = (stmts2, store, v) => {
      if (!want) return { stmts: [...stmts2, ...store(v)] };
      const tmp = this.fb.local(vt);
      return { stmts: [...stmts2, ir.set(tmp, v), ...store(ir.get(tmp))], value: ir.get(tmp) };
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
        const elemT = at.kind === "array" ? at.elem : t2;
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
    const fail = this.fb.label();
    const body = this.pattern(arm.pattern, scrut, st, fail);
    if (arm.guard) body.push(ir.if(ir.un("i32.eqz", this.val(arm.guard)), [ir.br(fail)]));
    if (dest && this.vtOf(arm.body) !== null) body.push(...dest(this.val(arm.body)));
    else body.push(...this.eff(arm.body));
    body.push(ir.br(end));
    return ir.block(fail, body, this.loc(arm));
  }
  pattern(p, value, t2, fail) {
    switch (p.kind) {
      case "wildcard":
        return [];
      case "bind":
        return this.bind(p.local, this.L.vt(t2) === null ? null : value);
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
            lit = this.constOf(t2, p.value);
        }
        return [ir.if(ir.un("i32.eqz", this.L.equals(t2, value, lit)), [ir.br(fail)])];
      }
      case "variant": {
        const v = this.L.variantLayout(t2, p.variant);
        const out = [
          ir.if(ir.bin("i32.ne", ir.load("i32.load", value, ENUM_TAG_OFFSET), ir.i32(v.tag)), [ir.br(fail)])
        ];
        p.sub?.forEach((sp, i) => {
          const slot = v.fields[i];
          if (!slot || sp.kind === "wildcard") return;
          if (slot.vt === null) {
            out.push(...this.pattern(sp, ir.i32(0), slot.type, fail));
            return;
          }
          const loaded = ir.load(this.L.loadOp(slot.vt), value, slot.offset);
          if (sp.kind === "bind") {
            out.push(...this.bind(sp.local, loaded));
            return;
          }
          const tmp = this.fb.local(slot.vt);
          out.push(ir.set(tmp, loaded), ...this.pattern(sp, ir.get(tmp), slot.type, fail));
        });
        return out;
      }
    }
  }
  tryExpr(e) {
    const loc = this.loc(e);
    const ot = this.typeOf(e.operand);
    const o = this.fb.local("i32");
    const stmts2 = [ir.set(o, this.val(e.operand))];
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
    stmts2.push(
      ir.if(ir.bin("i32.eq", ir.load("i32.load", ir.get(o), ENUM_TAG_OFFSET), ir.i32(failV.tag)), onFail)
    );
    const okV = this.L.variantLayout(ot, e.successVariant);
    const s0 = okV.fields[0];
    const value = s0 && s0.vt !== null && this.vtOf(e) !== null ? ir.load(this.L.loadOp(s0.vt), ir.get(o), s0.offset) : null;
    return { stmts: stmts2, value };
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
        if (f.ret !== T.unit && !(r.kind === "prim" && INT_PRIMS.has(r.prim))) continue;
        this.b.entryPoint(f.name, this.instance(f.id, []), false);
      }
    }
    if (this.options.tests !== false) {
      for (const t2 of p.tests) {
        const loc = this.position(t2.span);
        this.b.test({
          qualifiedName: t2.qualifiedName,
          name: t2.name,
          group: t2.group ?? null,
          tags: [...t2.tags],
          skip: t2.skip ? { condition: t2.skip.condition, reason: t2.skip.reason ?? null } : null,
          file: t2.file,
          line: loc.line,
          column: loc.column,
          func: this.instance(t2.func, [])
        });
      }
    }
    if (this.options.library && p.entryModule !== void 0) {
      const root = p.modules[p.entryModule].path;
      const inTree = (m) => {
        const path = p.modules[m].path;
        return root === "" || path === root || path.startsWith(root + ".");
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
    const key2 = `${func}|${typeArgs.join(",")}`;
    const found = this.instances.get(key2);
    if (found !== void 0) return found;
    const f = this.program.functions[func];
    const params = f.kind === "lambda" ? this.rootOf(func).typeParams : f.typeParams;
    const map = /* @__PURE__ */ new Map();
    params.forEach((p, i) => map.set(p, typeArgs[i] ?? T.unit));
    const vts = f.kind === "lambda" ? ["i32"] : [];
    for (const t2 of f.paramTypes) {
      const vt = this.vt(this.subst(t2, map));
      if (vt !== null) vts.push(vt);
    }
    const ret = this.vt(this.subst(f.ret, map));
    const args = typeArgs.length ? `<${typeArgs.map((t2) => this.typeName(t2)).join(",")}>` : "";
    const index = this.b.declare(this.uniqueName(f.qualifiedName + args), vts, ret);
    this.instances.set(key2, index);
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
  info(t2) {
    return this.types.get(t2);
  }
  subst(t2, map) {
    return substitute(this.types, t2, map);
  }
  prim(t2) {
    const i = this.types.get(t2);
    return i.kind === "prim" ? i.prim : void 0;
  }
  isIntType(t2) {
    const p = this.prim(t2);
    return p !== void 0 && INT_PRIMS.has(p);
  }
  /** The value type of a (concrete) Beskid type; null for `unit`/`never`. */
  vt(t2) {
    const i = this.types.get(t2);
    if (i.kind === "param" || i.kind === "error")
      throw new Error(`lowering: ${this.typeName(t2)} is not a concrete type`);
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
  isRef(t2) {
    const i = this.types.get(t2);
    return i.kind !== "prim" ? i.kind !== "param" && i.kind !== "error" : i.prim === "string";
  }
  typeName(t2) {
    const i = this.types.get(t2);
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
    params.forEach((p, i) => m.set(p, args[i] ?? T.unit));
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
  elem(t2) {
    const p = this.prim(t2);
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
  recordLayout(t2) {
    const found = this.records.get(t2);
    if (found) return found;
    const i = this.types.get(t2);
    if (i.kind !== "record") throw new Error(`lowering: ${this.typeName(t2)} is not a record`);
    const rec = this.program.records[i.decl];
    const map = this.declMap(rec.typeParams, i.args);
    const ordered = [...rec.fields].sort((a, b) => a.index - b.index);
    const placed = this.place(
      4,
      ordered.map(
        (f) => f.kind === "event" ? { type: T.i32, event: { capacity: f.capacity } } : { type: this.subst(f.type, map) }
      )
    );
    const fields = /* @__PURE__ */ new Map();
    ordered.forEach((f, k) => fields.set(f.index, placed.slots[k]));
    const layout = this.namedLayout(this.typeName(t2), placed.size, placed.refs);
    const r = { layout, size: placed.size, fields };
    this.records.set(t2, r);
    return r;
  }
  enumInfo(t2) {
    const i = this.types.get(t2);
    if (i.kind !== "enum") throw new Error(`lowering: ${this.typeName(t2)} is not an enum`);
    const decl = this.program.enums[i.decl];
    return { decl, map: this.declMap(decl.typeParams, i.args) };
  }
  variantLayout(t2, variant) {
    const key2 = `${t2}:${variant}`;
    const found = this.variants.get(key2);
    if (found) return found;
    const { decl, map } = this.enumInfo(t2);
    const v = decl.variants[variant];
    const placed = this.place(
      8,
      v.fields.map((f) => ({ type: this.subst(f.type, map) }))
    );
    const layout = this.namedLayout(`${this.typeName(t2)}::${v.name}`, placed.size, placed.refs);
    const r = { layout, size: placed.size, tag: v.tag, fields: placed.slots };
    this.variants.set(key2, r);
    return r;
  }
  /** A payload-less enum value as constant data (no allocation; identity is unspecified, §5.6). */
  constEnum(t2, variant) {
    const key2 = `${t2}:${variant}`;
    const found = this.constEnums.get(key2);
    if (found) return found;
    const v = this.variantLayout(t2, variant);
    const bytes = new Uint8Array(8);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, v.layout, true);
    view.setInt32(4, v.tag, true);
    const e = ir.data(this.b.dataSegment(`enum.${this.typeName(t2)}::${variant}`, bytes));
    this.constEnums.set(key2, e);
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
    const key2 = `${contract}:${method}`;
    const found = this.externs.get(key2);
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
    this.externs.set(key2, idx);
    return idx;
  }
  /** A small dense number per concrete receiver type (for contract equality). */
  typeKey(t2) {
    let k = this.typeKeys.get(t2);
    if (k === void 0) {
      k = this.typeKeys.size + 1;
      this.typeKeys.set(t2, k);
    }
    return k;
  }
  /**
   * The constant method table of `receiverType` as `contract`: layout id, type key, equality
   * slot, then one table slot per method.
   */
  vtable(receiverType, contract, funcs) {
    const key2 = `${receiverType}>${contract}:${funcs.join(",")}`;
    const found = this.vtables.get(key2);
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
    this.vtables.set(key2, e);
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
    return f.typeParams.map((p) => bindings.get(p) ?? T.unit);
  }
  // -------------------------------------------------------------------------------------
  // Function values.
  /**
   * The closure object of a named function instance: constant data `{closure layout, slot,
   * env 0}` whose code is an adapter taking (and ignoring) the environment. One per instance,
   * so `===` on the same named function holds (§5.13).
   */
  fnValue(func, typeArgs) {
    const key2 = `${func}|${typeArgs.join(",")}`;
    const found = this.fnValues.get(key2);
    if (found) return found;
    const target = this.instance(func, typeArgs);
    const t2 = this.b.typeOf(target);
    const name = this.uniqueName(`${this.nameOfInstance(func, typeArgs)}$value`);
    const adapter = this.b.func(name, ["i32", ...t2.params], t2.result, (fb) => {
      const args = t2.params.map((_, i) => fb.param(i + 1));
      const call = ir.call(target, args);
      return t2.result === null ? [ir.exec(call), ir.ret()] : [ir.ret(call)];
    });
    const bytes = new Uint8Array(12);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, LAYOUT.closure, true);
    view.setInt32(4, this.b.tableSlot(adapter), true);
    view.setInt32(8, 0, true);
    const e = ir.data(this.b.dataSegment(`fn.${name}`, bytes));
    this.fnValues.set(key2, e);
    return e;
  }
  nameOfInstance(func, typeArgs) {
    const f = this.program.functions[func];
    return f.qualifiedName + (typeArgs.length ? `<${typeArgs.map((t2) => this.typeName(t2)).join(",")}>` : "");
  }
  // -------------------------------------------------------------------------------------
  // Structural equality (D8).
  /** `a == b` on values of the concrete type `t` (both operands already lowered). */
  equals(t2, a, b) {
    const p = this.prim(t2);
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
    if (this.types.get(t2).kind === "fn") return ir.bin("i32.eq", a, b);
    return ir.call(this.eqFunc(t2), [a, b]);
  }
  /** The generated `(i32, i32) -> i32` equality function of a heap type. */
  eqFunc(t2) {
    const found = this.eqFuncs.get(t2);
    if (found !== void 0) return found;
    const idx = this.b.declare(this.uniqueName(`eq.${this.typeName(t2)}`), ["i32", "i32"], "i32");
    this.eqFuncs.set(t2, idx);
    this.b.define(idx, (fb) => this.eqBody(t2, fb));
    return idx;
  }
  eqBody(t2, fb) {
    const a = fb.param(0);
    const b = fb.param(1);
    const out = [
      ir.if(ir.bin("i32.eq", a, b), [ir.ret(ir.i32(1))]),
      ir.if(ir.bin("i32.or", ir.un("i32.eqz", a), ir.un("i32.eqz", b)), [ir.ret(ir.i32(0))])
    ];
    const i = this.types.get(t2);
    const no = ir.ret(ir.i32(0));
    const field = (base, slot) => ir.load(this.loadOp(slot.vt), base, slot.offset);
    switch (i.kind) {
      case "prim":
        out.push(ir.ret(this.equals(t2, a, b)));
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
        const r = this.recordLayout(t2);
        for (const slot of [...r.fields.values()]) {
          if (slot.event || slot.vt === null) continue;
          out.push(ir.if(ir.un("i32.eqz", this.equals(slot.type, field(a, slot), field(b, slot))), [no]));
        }
        out.push(ir.ret(ir.i32(1)));
        break;
      }
      case "enum": {
        const { decl } = this.enumInfo(t2);
        const tag = fb.local("i32");
        out.push(
          ir.set(tag, ir.load("i32.load", a, ENUM_TAG_OFFSET)),
          ir.if(ir.bin("i32.ne", ir.get(tag), ir.load("i32.load", b, ENUM_TAG_OFFSET)), [no])
        );
        decl.variants.forEach((_, vi) => {
          const v = this.variantLayout(t2, vi);
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

// src/pipeline/compile.ts
function reassemble(r, diagnostics) {
  const roots = r.plan.roots.map((x) => ({ name: x.name, path: x.path }));
  const assembled = assembleImportClosure(
    { roots, entryFile: r.plan.entryFile, projectDir: r.plan.projectDir },
    { fileName: (path) => unitName(r.plan, path) }
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
  const analyzed = analyze(units, {
    entryModuleIndex: assembly.entryIndex,
    // Only consulted for hints on errors ("import it: `use Core.Output;`").
    moduleExists: (path) => resolveModule(r.plan.roots, path.split("."), nodeFs.isFile) !== void 0
  });
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
function usable(bytes, warn, where) {
  if (!bytes) return void 0;
  const decoded = decodeArtifact(bytes);
  if (!decoded.ok) {
    warn(`ignoring the ${where} cache entry: ${decoded.message}`);
    return void 0;
  }
  const problems = where === "local" ? [] : verifyArtifact(decoded.artifact, 1);
  if (problems.length > 0) {
    warn(`ignoring the ${where} cache entry: ${problems[0]}`);
    return void 0;
  }
  return decoded.artifact;
}
async function lowerProject(req, cache, options = {}) {
  const timings = {};
  const t0 = performance.now();
  const base = resolveOnly(req, cache);
  timings.resolve = performance.now() - t0;
  const miss = { hit: false, source: "none" };
  if (!base.ok || !base.resolved) return { ...base, cache: miss, timings };
  const r = base.resolved;
  const warn = cache.warn ?? (() => void 0);
  const key2 = r.key.key;
  const local = cache.enabled ? new LocalCache(base.cacheDir) : void 0;
  const remote = cache.enabled && cache.remote ? createRemoteCache({ ...cache.remote, warn }) : void 0;
  try {
    const t1 = performance.now();
    let bytes;
    let id;
    let program;
    let jitModule;
    let source = "none";
    let stored = false;
    if (local) {
      const entry = local.getEntry(key2);
      bytes = entry?.bytes;
      id = entry?.sha256;
      const store = entry && options.jit ? jitStore(join2(base.cacheDir, `${key2}.bca`)) : void 0;
      jitModule = store && loadCached(entry.sha256, store, { purpose: options.jit, warn });
      program = jitModule ? void 0 : usable(bytes, warn, "local");
      if (bytes && !program && !jitModule) local.remove(key2);
      if (program || jitModule) source = "local";
      stored = source === "local";
    }
    if (!program && !jitModule && remote) {
      bytes = await remote.get(key2);
      program = usable(bytes, warn, "remote");
      if (program) {
        source = "remote";
        id = artifactId(bytes);
        stored = !!local && safely(warn, "could not write the local cache", () => local.put(key2, bytes, id));
      }
    }
    timings.cache = performance.now() - t1;
    let diagnostics = base.diagnostics;
    if (source === "local" && local)
      diagnostics = [...diagnostics, ...displayDiagnostics(req.cwd, r.unitPaths, local.getWarnings(key2))];
    if (!program && !jitModule) {
      const t2 = performance.now();
      const compiled = compileProgram(r, loweringOptions(req.command));
      timings.compile = performance.now() - t2;
      diagnostics = [...diagnostics, ...displayDiagnostics(req.cwd, r.unitPaths, compiled.diagnostics)];
      if (!compiled.artifact || hasErrors(diagnostics))
        return { ...base, ok: false, diagnostics, cache: miss, timings };
      bytes = encodeArtifact(compiled.artifact);
      id = artifactId(bytes);
      program = compiled.artifact;
      stored = !!local && safely(warn, "could not write the local cache", () => {
        local.put(key2, bytes, id);
        local.putWarnings(key2, compiled.diagnostics);
      });
      if (remote) await remote.put(key2, bytes);
    }
    r.saveSnapshot?.();
    const path = stored ? join2(base.cacheDir, `${key2}.bca`) : "";
    return {
      ...base,
      diagnostics,
      cache: { hit: source !== "none", source },
      artifact: { path, sha256: id, bytes: bytes.length },
      timings,
      ...program ? { program } : {},
      ...jitModule ? { jitModule } : {}
    };
  } finally {
    await remote?.close();
  }
}
function safely(warn, what, f) {
  try {
    f();
    return true;
  } catch (e) {
    warn(`${what}: ${e.message}`);
    return false;
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
  if (target.writeBytes) {
    const w = target.writeBytes.bind(target);
    return (chunk) => w(chunk);
  }
  const decoder = new TextDecoder("utf-8");
  return (chunk) => target.write(decoder.decode(chunk, { stream: true }));
}
function definedEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) if (v !== void 0) out[k] = v;
  return out;
}
function jitStore(bca) {
  if (!bca || !bca.endsWith(".bca")) return void 0;
  const path = bca.slice(0, -4) + ".jit";
  return {
    read: () => existsSync2(path) ? new Uint8Array(readFileSync2(path)) : void 0,
    write: (bytes) => {
      writeFileAtomic(path, bytes);
      const dir = dirname2(path);
      for (const name of readdirSync(dir)) {
        if (name.endsWith(".jit") && !existsSync2(join2(dir, name.slice(0, -4) + ".bca")))
          rmSync2(join2(dir, name), { force: true });
      }
    },
    remove: () => rmSync2(path, { force: true })
  };
}
function prepared(lowered, program, cache, purpose) {
  const opts = { purpose, ...cache.warn ? { warn: cache.warn } : {} };
  return prepareCached(program, lowered.artifact.sha256, jitStore(lowered.artifact?.path), opts).prepared;
}
function displayBackendDiagnostics(ds, lowered, cwd) {
  const entry = lowered.resolved?.plan.entryFile;
  const unitPaths = lowered.resolved?.unitPaths ?? /* @__PURE__ */ new Map();
  return ds.map(
    (d) => (d.code === "E4030" || d.code === "E4031") && d.file === void 0 && entry !== void 0 ? { ...d, file: displayPath(cwd, /* @__PURE__ */ new Map(), entry) } : (
      // A backend names places by unit name (E4040): show them as the front end's diagnostics.
      d.file !== void 0 ? { ...d, file: displayPath(cwd, unitPaths, d.file) } : d
    )
  );
}
async function runProject(req, cache, io) {
  prewarmMainWorker();
  const lowered = await lowerProject(req, cache, { jit: "main" });
  const { program, resolved, jitModule } = lowered;
  if (!lowered.ok || !(program || jitModule) || !resolved)
    return { ok: false, diagnostics: lowered.diagnostics };
  io.beforeRun?.(lowered.diagnostics);
  const module = jitModule ?? prepared(lowered, program, cache, "main");
  const r = await runMain(module, {
    args: io.args,
    env: definedEnv(io.env),
    cwd: req.cwd,
    stdout: sink(io.stdout),
    stderr: sink(io.stderr),
    ...io.stdin !== void 0 ? { stdin: io.stdin } : {},
    ...io.ttys !== void 0 ? { ttys: io.ttys } : {},
    // A panic names files as diagnostics do: relative to the working directory, a
    // dependency's original file rather than its copy under obj/.
    displayFiles: Object.fromEntries(
      module.info.files.map((f) => [f, displayPath(req.cwd, resolved.unitPaths, f)])
    ),
    ...io.entrypoint !== void 0 ? { entrypoint: io.entrypoint } : {}
  });
  const diagnostics = [...lowered.diagnostics, ...displayBackendDiagnostics(r.diagnostics, lowered, req.cwd)];
  if (r.diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, diagnostics, exitCode: r.exitCode };
}
async function testProject(req, cache, t2) {
  const { jitModule, ...lowered } = await lowerProject(req, cache, { jit: "tests" });
  const program = lowered.program;
  if (!lowered.ok || !(program || jitModule) || !lowered.resolved) return lowered;
  const table = program?.tests ?? jitModule.info.tests;
  const { unitPaths } = lowered.resolved;
  const shown = (name) => displayPath(req.cwd, unitPaths, name);
  const rootOfUnit = new Map(lowered.resolved.assembly.units.map((u) => [u.fileName, u.rootIndex]));
  const isOwnFile = (file, testFile) => {
    const root = rootOfUnit.get(file) ?? -1;
    return root >= 0 && root === rootOfUnit.get(testFile);
  };
  const started = performance.now();
  const results = new Array(table.length);
  const toRun = [];
  let position = 0;
  table.forEach((entry, index) => {
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
    const sel = selectTest(descriptor, t2);
    const inThisShard = sel.kind !== "filtered_out" && inShard(position++, t2.shard);
    if (sel.kind === "filtered_out" || !inThisShard) {
      results[index] = { ...base, ...extra, outcome: "filtered_out", duration_ms: 0 };
    } else if (sel.kind === "skipped") {
      results[index] = { ...base, ...extra, outcome: "skipped", reason: sel.reason, duration_ms: 0 };
    } else {
      toRun.push({ index, qualifiedName: entry.qualifiedName });
    }
  });
  const ran = await runTests(
    jitModule ?? (toRun.length > 0 ? prepared(lowered, program, cache, "tests") : program),
    {
      selected: toRun.map((x) => x.index),
      timeoutMs: t2.timeoutMs ?? 1e4,
      cwd: req.cwd,
      isOwnFile,
      displayFile: shown
    }
  );
  ran.forEach((r, i) => {
    const index = toRun[i].index;
    const entry = table[index];
    results[index] = {
      name: entry.name,
      qualified_name: entry.qualifiedName,
      outcome: r.outcome,
      ...r.reason !== void 0 ? { reason: r.reason } : {},
      duration_ms: Math.round(r.durationMs * 1e3) / 1e3,
      file: shown(entry.file),
      line: entry.line,
      ...r.failureAt ? { failure_at: r.failureAt } : {},
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
  const output = b.output !== void 0 ? resolvePath(req.cwd, b.output) : void 0;
  const single = kinds.length === 1 && output !== void 0 && !/[\\/]$/.test(b.output) && !(existsSync2(output) && statSync2(output).isDirectory());
  const outDir = output !== void 0 && !single ? output : join2(plan.projectDir, "obj", "beskid", "build", stem);
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
  const diagnostics = [...lowered.diagnostics, ...displayBackendDiagnostics(r.diagnostics, lowered, req.cwd)];
  return { ...base, ok: r.ok && !hasErrors(diagnostics), diagnostics, outputs: r.outputs };
}

// src/pipeline/index.ts
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
async function test(req, cache, t2) {
  const { program: _program, resolved: _resolved, ...result } = await testProject(req, cache, t2);
  return result;
}
async function build(req, cache, b, env = {}) {
  return buildProject(req, cache, b, env);
}

export {
  parseShard,
  DIGEST_PATTERN,
  AC_KEY_PATTERN,
  AC_MAX_BYTES,
  parseAcDocument,
  check,
  lower2 as lower,
  run2 as run,
  test,
  build
};
