/**
 * The runtime ABI as the artifact sees it: the catalog of runtime functions a `call.runtime`
 * may name (with exact signatures), the built-in heap layouts every artifact starts with, the
 * object offsets of strings/arrays/closures, and the fixed panic messages.
 *
 * It lives in `artifact/` (not `runtime/`) because lowering, which sits to the left of the
 * runtime in the stage order, must know these names and shapes. It deliberately contains no
 * runtime code: `src/runtime/` implements every entry (a test checks the two agree), and the
 * meanings are documented in docs/runtime.md.
 */

import type { FuncType, HeapLayout, ValType } from "./schema.ts";

// Object layout (docs/runtime.md): every object starts with its i32 layout id.
export const OBJ_LAYOUT_OFFSET = 0;
/** Arrays and strings: i32 length at +4, elements / bytes from +8. */
export const ARRAY_LENGTH_OFFSET = 4;
export const ARRAY_DATA_OFFSET = 8;
/** Records: fields from +4 (8-byte fields should sit at multiples of 8, e.g. from +8). */
export const RECORD_FIELDS_OFFSET = 4;
/** Closures: i32 table slot at +4, i32 environment reference at +8 (0 = none). */
export const CLOSURE_CODE_OFFSET = 4;
export const CLOSURE_ENV_OFFSET = 8;
export const CLOSURE_SIZE = 12;

/** Indices of the built-in layouts (the first entries of every artifact's `layouts`). */
export const LAYOUT = {
  string: 0,
  array8: 1,
  array16: 2,
  array32: 3,
  array64: 4,
  arrayRef: 5,
  closure: 6,
} as const;

export const BUILTIN_LAYOUTS: readonly HeapLayout[] = [
  { kind: "array", name: "string", elemSize: 1, elemRef: false },
  { kind: "array", name: "array.8", elemSize: 1, elemRef: false },
  { kind: "array", name: "array.16", elemSize: 2, elemRef: false },
  { kind: "array", name: "array.32", elemSize: 4, elemRef: false },
  { kind: "array", name: "array.64", elemSize: 8, elemRef: false },
  { kind: "array", name: "array.ref", elemSize: 4, elemRef: true },
  { kind: "record", name: "closure", size: CLOSURE_SIZE, refs: [CLOSURE_ENV_OFFSET] },
];

/** Messages of `panic_code(code, loc)`; the index is the code. Append only. */
export const PANIC_CODES = [
  "division by zero",
  "remainder by zero",
  "integer overflow in division",
  "read of uninitialised array element",
  "try expression propagated error",
  "event capacity exceeded",
  "out of memory",
  "unreachable code reached",
  "stack overflow",
  "indirect call to a function of another type",
] as const;
export type PanicCode = (typeof PANIC_CODES)[number];
export const PANIC = Object.fromEntries(PANIC_CODES.map((m, i) => [m, i])) as Record<PanicCode, number>;

export interface RuntimeFunctionInfo {
  readonly type: FuncType;
  /** Never returns (the caller may follow it with `unreachable`). */
  readonly noreturn?: boolean;
  /** The Beskid intrinsic (LANGUAGE.md §6) this implements, if any. */
  readonly intrinsic?: string;
  readonly doc: string;
}

const i32 = "i32" as const;
const i64 = "i64" as const;
const f32 = "f32" as const;
const f64 = "f64" as const;
function t(params: ValType[], result: ValType | null): FuncType {
  return { params, result };
}

/**
 * Every runtime function a `call.runtime` may name. References (`string`, arrays) are i32.
 * A trailing `loc` parameter is the i32 location id where a panic is reported (-1 = unknown).
 */
export const RUNTIME_FUNCTIONS = {
  // Panics.
  panic: {
    type: t([i32, i32], null),
    noreturn: true,
    intrinsic: "__panic_str",
    doc: "(message, loc) panics",
  },
  panic_code: { type: t([i32, i32], null), noreturn: true, doc: "(code, loc) panics with PANIC_CODES[code]" },
  panic_index: {
    type: t([i64, i64, i32], null),
    noreturn: true,
    doc: "(length, index, loc) panics `index out of bounds: the length is N but the index is I`",
  },
  unsupported: {
    type: t([i32, i32], null),
    noreturn: true,
    doc: "(intrinsic name string without `__`, loc) panics `intrinsic __name is not supported by this toolchain`",
  },
  // Allocation.
  alloc: {
    type: t([i32, i32], i32),
    doc: "(layout, size in bytes) → zeroed object with its layout id written",
  },
  array_new: {
    type: t([i32, i32, i64, i32], i32),
    doc: "(layout, elemSize, length, loc) → zeroed array; negative length panics `invalid array length: N`",
  },
  array_len: { type: t([i32], i64), intrinsic: "__array_len", doc: "(array) → length" },
  closure_new: { type: t([i32, i32], i32), doc: "(table slot, env) → closure object" },
  // Strings.
  str_len: { type: t([i32], i64), intrinsic: "__str_len", doc: "(s) → byte length" },
  str_slice: {
    type: t([i32, i64, i64, i32], i32),
    intrinsic: "__str_slice",
    doc: "(s, start, count, loc) → new string of bytes [start, start+count)",
  },
  str_eq: { type: t([i32, i32], i64), intrinsic: "__str_eq", doc: "(a, b) → 1 if equal bytes else 0" },
  str_concat: { type: t([i32, i32], i32), doc: "(a, b) → a + b" },
  str_from_bytes_utf8: {
    type: t([i32], i32),
    intrinsic: "__str_from_bytes_utf8",
    doc: "(u8[]) → string; invalid UTF-8 sequences become U+FFFD",
  },
  str_from_i32: { type: t([i32], i32), doc: "signed decimal" },
  str_from_u32: { type: t([i32], i32), doc: "unsigned decimal" },
  str_from_i64: { type: t([i64], i32), doc: "signed decimal" },
  str_from_u64: { type: t([i64], i32), doc: "unsigned decimal" },
  str_from_f32: { type: t([f32], i32), doc: "shortest round-trip f32 text (docs/runtime.md)" },
  str_from_f64: { type: t([f64], i32), doc: "shortest round-trip f64 text (docs/runtime.md)" },
  str_from_bool: { type: t([i32], i32), doc: "`true` / `false`" },
  str_from_char: { type: t([i32], i32), doc: "UTF-8 encoding of a code point (invalid → U+FFFD)" },
  // Byte arrays.
  bytes_get: { type: t([i32, i64, i32], i64), intrinsic: "__bytes_get", doc: "(bytes, index, loc) → 0..255" },
  bytes_compare: { type: t([i32, i32], i64), intrinsic: "__bytes_compare", doc: "(a, b) → -1, 0, 1" },
  bytes_copy: {
    type: t([i32, i64, i32, i64, i64, i32], null),
    intrinsic: "__bytes_copy",
    doc: "(dst, dstOff, src, srcOff, len, loc) overlapping-safe copy; out of bounds panics",
  },
  // I/O.
  syscall_write: {
    type: t([i64, i32], i64),
    intrinsic: "__syscall_write",
    doc: "(fd, string) → count or -1",
  },
  syscall_write_bytes: {
    type: t([i64, i32], i64),
    intrinsic: "__syscall_write_bytes",
    doc: "(fd, u8[]) → count or -1",
  },
  syscall_read: { type: t([i64, i64], i32), intrinsic: "__syscall_read", doc: "(fd, maxBytes) → string" },
  syscall_read_bytes: {
    type: t([i64, i64], i32),
    intrinsic: "__syscall_read_bytes",
    doc: "(fd, maxBytes) → u8[]",
  },
  syscall_read_at_end: {
    type: t([i64], i64),
    intrinsic: "__syscall_read_at_end",
    doc: "(fd) → 1 when the next read gives the end of input (peeks, blocking for one byte), else 0",
  },
  syscall_read_line: {
    type: t([i64], i32),
    intrinsic: "__syscall_read_line",
    doc: '(fd) → the next line without its "\\n" and one trailing "\\r"; "" at the end of input',
  },
  // Files.
  fs_read_text: { type: t([i32], i32), intrinsic: "__fs_read_text", doc: '(path) → contents or ""' },
  fs_write_text: { type: t([i32, i32], i64), intrinsic: "__fs_write_text", doc: "(path, text) → 0 ok" },
  fs_delete: { type: t([i32], i64), intrinsic: "__fs_delete", doc: "(path) → 0 ok" },
  fs_mkdir: { type: t([i32], i64), intrinsic: "__fs_mkdir", doc: "(path) → 0 ok" },
  fs_exists: { type: t([i32], i64), intrinsic: "__fs_exists", doc: "(path) → 1 / 0" },
  // Environment and process.
  env_get: { type: t([i32], i32), intrinsic: "__env_get", doc: '(name) → value or ""' },
  env_set: { type: t([i32, i32], i64), intrinsic: "__env_set", doc: "(name, value) → 0 ok" },
  env_getcwd: { type: t([], i32), intrinsic: "__env_getcwd", doc: "() → cwd" },
  process_getpid: { type: t([], i32), intrinsic: "__process_getpid", doc: "() → pid" },
  process_exit: {
    type: t([i32], null),
    noreturn: true,
    intrinsic: "__process_exit",
    doc: "(code) ends the program",
  },
  // Clocks and terminal.
  clock_realtime_nanos: { type: t([], i64), intrinsic: "__clock_realtime_nanos", doc: "ns since the epoch" },
  clock_monotonic_nanos: { type: t([], i64), intrinsic: "__clock_monotonic_nanos", doc: "monotonic ns" },
  tty_winsize: { type: t([i64], i64), intrinsic: "__tty_winsize", doc: "(fd) → columns*65536+rows or 0" },
  // Single-threaded fiber stand-ins (tier T).
  fiber_yield: { type: t([], null), intrinsic: "__fiber_yield", doc: "no-op" },
  fiber_now_millis: { type: t([], i64), intrinsic: "__fiber_now_millis", doc: "monotonic ms" },
  fiber_processor_count: { type: t([], i64), intrinsic: "__fiber_processor_count", doc: "1" },
} as const satisfies Record<string, RuntimeFunctionInfo>;

export type RuntimeName = keyof typeof RUNTIME_FUNCTIONS;

export function runtimeFunction(name: string): RuntimeFunctionInfo | undefined {
  return Object.prototype.hasOwnProperty.call(RUNTIME_FUNCTIONS, name)
    ? (RUNTIME_FUNCTIONS as Record<string, RuntimeFunctionInfo>)[name]
    : undefined;
}
