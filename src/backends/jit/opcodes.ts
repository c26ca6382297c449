/**
 * The one opcode table of the WebAssembly emitter: every instruction it writes, by name,
 * including the IR's op tables mapped one to one (`UNARY_OPS`, `BINARY_OPS`, `LOAD_OPS`,
 * `STORE_OPS` → opcodes), value-type and section codes. Numbers come from the WebAssembly
 * core specification (2.0: sign extension, saturating truncation, bulk memory, and the
 * fixed-width SIMD instructions the vector loops use).
 *
 * It encodes nothing itself and knows no IR semantics beyond the name mapping; the
 * `_sat` and bulk-memory ops carry the 0xFC prefix as `[0xfc, sub]`.
 */

import type { BinaryOp, LoadOp, StoreOp, UnaryOp, ValType } from "../../artifact/index.ts";

export const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d] as const;
export const WASM_VERSION = [0x01, 0x00, 0x00, 0x00] as const;

export const SECTION = {
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
  dataCount: 12,
} as const;

export const VALTYPE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };
/** The 128-bit vector type (fixed-width SIMD, WebAssembly 2.0). */
export const V128 = 0x7b;
export const FUNCREF = 0x70;
export const FUNC_TYPE = 0x60;
export const BLOCK_VOID = 0x40;
export const EXTERNAL_KIND = { func: 0, table: 1, memory: 2, global: 3 } as const;

export const OP = {
  unreachable: 0x00,
  nop: 0x01,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  br_if: 0x0d,
  return: 0x0f,
  call: 0x10,
  call_indirect: 0x11,
  drop: 0x1a,
  select: 0x1b,
  local_get: 0x20,
  local_set: 0x21,
  local_tee: 0x22,
  global_get: 0x23,
  global_set: 0x24,
  memory_size: 0x3f,
  memory_grow: 0x40,
  i32_const: 0x41,
  i64_const: 0x42,
  f32_const: 0x43,
  f64_const: 0x44,
  prefix_fc: 0xfc,
  fc_memory_init: 0x08,
  fc_memory_copy: 0x0a,
  fc_memory_fill: 0x0b,
} as const;

/** An opcode: one byte, or the 0xFC prefix and a LEB128 sub-opcode. */
export type Opcode = number | readonly [0xfc, number];

export const UNARY_OPCODE: Record<UnaryOp, Opcode> = {
  "i32.eqz": 0x45,
  "i32.clz": 0x67,
  "i32.ctz": 0x68,
  "i32.popcnt": 0x69,
  "i32.extend8_s": 0xc0,
  "i32.extend16_s": 0xc1,
  "i64.eqz": 0x50,
  "i64.clz": 0x79,
  "i64.ctz": 0x7a,
  "i64.popcnt": 0x7b,
  "i64.extend8_s": 0xc2,
  "i64.extend16_s": 0xc3,
  "i64.extend32_s": 0xc4,
  "f32.abs": 0x8b,
  "f32.neg": 0x8c,
  "f32.ceil": 0x8d,
  "f32.floor": 0x8e,
  "f32.trunc": 0x8f,
  "f32.nearest": 0x90,
  "f32.sqrt": 0x91,
  "f64.abs": 0x99,
  "f64.neg": 0x9a,
  "f64.ceil": 0x9b,
  "f64.floor": 0x9c,
  "f64.trunc": 0x9d,
  "f64.nearest": 0x9e,
  "f64.sqrt": 0x9f,
  "i32.wrap_i64": 0xa7,
  "i64.extend_i32_s": 0xac,
  "i64.extend_i32_u": 0xad,
  "i32.trunc_sat_f32_s": [0xfc, 0],
  "i32.trunc_sat_f32_u": [0xfc, 1],
  "i32.trunc_sat_f64_s": [0xfc, 2],
  "i32.trunc_sat_f64_u": [0xfc, 3],
  "i64.trunc_sat_f32_s": [0xfc, 4],
  "i64.trunc_sat_f32_u": [0xfc, 5],
  "i64.trunc_sat_f64_s": [0xfc, 6],
  "i64.trunc_sat_f64_u": [0xfc, 7],
  "f32.convert_i32_s": 0xb2,
  "f32.convert_i32_u": 0xb3,
  "f32.convert_i64_s": 0xb4,
  "f32.convert_i64_u": 0xb5,
  "f32.demote_f64": 0xb6,
  "f64.convert_i32_s": 0xb7,
  "f64.convert_i32_u": 0xb8,
  "f64.convert_i64_s": 0xb9,
  "f64.convert_i64_u": 0xba,
  "f64.promote_f32": 0xbb,
  "i32.reinterpret_f32": 0xbc,
  "i64.reinterpret_f64": 0xbd,
  "f32.reinterpret_i32": 0xbe,
  "f64.reinterpret_i64": 0xbf,
};

/** `f32.rem`/`f64.rem` have no WebAssembly opcode: the emitter calls the host's `fmod`. */
export const BINARY_OPCODE: Record<Exclude<BinaryOp, "f32.rem" | "f64.rem">, number> = {
  "i32.eq": 0x46,
  "i32.ne": 0x47,
  "i32.lt_s": 0x48,
  "i32.lt_u": 0x49,
  "i32.gt_s": 0x4a,
  "i32.gt_u": 0x4b,
  "i32.le_s": 0x4c,
  "i32.le_u": 0x4d,
  "i32.ge_s": 0x4e,
  "i32.ge_u": 0x4f,
  "i64.eq": 0x51,
  "i64.ne": 0x52,
  "i64.lt_s": 0x53,
  "i64.lt_u": 0x54,
  "i64.gt_s": 0x55,
  "i64.gt_u": 0x56,
  "i64.le_s": 0x57,
  "i64.le_u": 0x58,
  "i64.ge_s": 0x59,
  "i64.ge_u": 0x5a,
  "f32.eq": 0x5b,
  "f32.ne": 0x5c,
  "f32.lt": 0x5d,
  "f32.gt": 0x5e,
  "f32.le": 0x5f,
  "f32.ge": 0x60,
  "f64.eq": 0x61,
  "f64.ne": 0x62,
  "f64.lt": 0x63,
  "f64.gt": 0x64,
  "f64.le": 0x65,
  "f64.ge": 0x66,
  "i32.add": 0x6a,
  "i32.sub": 0x6b,
  "i32.mul": 0x6c,
  "i32.div_s": 0x6d,
  "i32.div_u": 0x6e,
  "i32.rem_s": 0x6f,
  "i32.rem_u": 0x70,
  "i32.and": 0x71,
  "i32.or": 0x72,
  "i32.xor": 0x73,
  "i32.shl": 0x74,
  "i32.shr_s": 0x75,
  "i32.shr_u": 0x76,
  "i32.rotl": 0x77,
  "i32.rotr": 0x78,
  "i64.add": 0x7c,
  "i64.sub": 0x7d,
  "i64.mul": 0x7e,
  "i64.div_s": 0x7f,
  "i64.div_u": 0x80,
  "i64.rem_s": 0x81,
  "i64.rem_u": 0x82,
  "i64.and": 0x83,
  "i64.or": 0x84,
  "i64.xor": 0x85,
  "i64.shl": 0x86,
  "i64.shr_s": 0x87,
  "i64.shr_u": 0x88,
  "i64.rotl": 0x89,
  "i64.rotr": 0x8a,
  "f32.add": 0x92,
  "f32.sub": 0x93,
  "f32.mul": 0x94,
  "f32.div": 0x95,
  "f64.add": 0xa0,
  "f64.sub": 0xa1,
  "f64.mul": 0xa2,
  "f64.div": 0xa3,
};

/** Load opcodes and their natural alignment (log2 bytes). */
export const LOAD_OPCODE: Record<LoadOp, readonly [number, number]> = {
  "i32.load": [0x28, 2],
  "i64.load": [0x29, 3],
  "f32.load": [0x2a, 2],
  "f64.load": [0x2b, 3],
  "i32.load8_s": [0x2c, 0],
  "i32.load8_u": [0x2d, 0],
  "i32.load16_s": [0x2e, 1],
  "i32.load16_u": [0x2f, 1],
  "i64.load8_s": [0x30, 0],
  "i64.load8_u": [0x31, 0],
  "i64.load16_s": [0x32, 1],
  "i64.load16_u": [0x33, 1],
  "i64.load32_s": [0x34, 2],
  "i64.load32_u": [0x35, 2],
};

export const STORE_OPCODE: Record<StoreOp, readonly [number, number]> = {
  "i32.store": [0x36, 2],
  "i64.store": [0x37, 3],
  "f32.store": [0x38, 2],
  "f64.store": [0x39, 3],
  "i32.store8": [0x3a, 0],
  "i32.store16": [0x3b, 1],
  "i64.store8": [0x3c, 0],
  "i64.store16": [0x3d, 1],
  "i64.store32": [0x3e, 2],
};

/** The SIMD instructions the vector loops use (0xFD prefix, then this LEB128 number). */
export const SIMD_PREFIX = 0xfd;
export const SIMD = {
  v128_load: 0x00,
  v128_store: 0x0b,
  f64x2_splat: 0x14,
  "f64.abs": 0xec,
  "f64.neg": 0xed,
  "f64.sqrt": 0xef,
  "f64.add": 0xf0,
  "f64.sub": 0xf1,
  "f64.mul": 0xf2,
  "f64.div": 0xf3,
} as const;
