/**
 * One growable byte writer and one bounds-checked byte reader: LEB128 (unsigned and signed,
 * 32- and 64-bit), little-endian fixed-width integers and IEEE floats, UTF-8 strings.
 * Shared by the artifact encoding and the WebAssembly emitter (both use LEB128).
 *
 * The writer never builds arrays of bytes to spread; it doubles one Uint8Array. The reader
 * throws `ByteReaderError` on truncation or malformed input; callers at a stage boundary
 * catch it and turn it into a value.
 */

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b & 0xff;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  u32le(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }

  f32(v: number): void {
    this.ensure(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }

  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }

  /** Unsigned LEB128 of a non-negative integer below 2^53. */
  uleb(v: number): void {
    if (!(v >= 0) || !Number.isInteger(v)) throw new RangeError(`uleb: ${v}`);
    this.ensure(8);
    do {
      let byte = v % 128;
      v = Math.floor(v / 128);
      if (v !== 0) byte |= 0x80;
      this.buf[this.length++] = byte;
    } while (v !== 0);
  }

  /** Signed LEB128 of a 32-bit integer. */
  sleb32(v: number): void {
    v |= 0;
    this.ensure(5);
    for (;;) {
      const byte = v & 0x7f;
      v >>= 7;
      const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
      this.buf[this.length++] = done ? byte : byte | 0x80;
      if (done) return;
    }
  }

  /** Signed LEB128 of a 64-bit integer. */
  sleb64(v: bigint): void {
    // Signed LEB128 depends only on the value: small values take the allocation-free path.
    if (v >= -0x80000000n && v <= 0x7fffffffn) {
      this.sleb32(Number(v));
      return;
    }
    v = BigInt.asIntN(64, v);
    this.ensure(10);
    for (;;) {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
      this.buf[this.length++] = done ? byte : byte | 0x80;
      if (done) return;
    }
  }

  /** Length-prefixed UTF-8. */
  str(s: string): void {
    // ASCII fast path: most names are ASCII, and TextEncoder costs a native call each time.
    const n = s.length;
    if (n < 128) {
      this.ensure(n + 1);
      const start = this.length;
      this.buf[start] = n;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        this.buf[start + 1 + i] = c;
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
  patchU32le(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0, true);
  }

  /** Writes `v` as a 5-byte padded unsigned LEB128 at `at` (space reserved with `reserveUleb5`). */
  patchUleb5(at: number, v: number): void {
    for (let i = 0; i < 5; i++) {
      const byte = v & 0x7f;
      v >>>= 7;
      this.buf[at + i] = i < 4 ? byte | 0x80 : byte;
    }
  }

  reserveUleb5(): number {
    const at = this.length;
    this.ensure(5);
    this.length += 5;
    return at;
  }

  /** A copy of the written bytes. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }

  /** A view of the written bytes (valid until the next write). */
  peek(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

export class ByteReaderError extends Error {}

export class ByteReader {
  pos = 0;
  private readonly view: DataView;
  constructor(readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new ByteReaderError(`truncated at byte ${this.pos}`);
  }

  u8(): number {
    if (this.pos >= this.buf.length) throw new ByteReaderError(`truncated at byte ${this.pos}`);
    return this.buf[this.pos++]!;
  }

  bytes(n: number): Uint8Array {
    this.need(n);
    const b = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  u32le(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  uleb(): number {
    // Most values (indices, counts, tags) fit in one byte.
    if (this.pos < this.buf.length && this.buf[this.pos]! < 0x80) return this.buf[this.pos++]!;
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      if (i >= 8) throw new ByteReaderError(`overlong unsigned LEB128 at byte ${this.pos}`);
      const b = this.u8();
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return result;
    }
  }

  sleb32(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; ; i++) {
      if (i >= 5) throw new ByteReaderError(`overlong signed LEB128 at byte ${this.pos}`);
      const b = this.u8();
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        if (shift < 32 && (b & 0x40) !== 0) result |= -1 << shift;
        return result | 0;
      }
    }
  }

  sleb64(): bigint {
    // Up to 7 bytes (49 bits) fit a double exactly; only longer encodings need bigint steps.
    let small = 0;
    let mul = 1;
    const start = this.pos;
    for (let i = 0; i < 7; i++) {
      const b = this.u8();
      small += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) {
        if ((b & 0x40) !== 0) small -= mul;
        return BigInt(small);
      }
    }
    this.pos = start;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      if (i >= 10) throw new ByteReaderError(`overlong signed LEB128 at byte ${this.pos}`);
      const b = this.u8();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        if ((b & 0x40) !== 0) result -= 1n << shift;
        return BigInt.asIntN(64, result);
      }
    }
  }

  str(): string {
    const n = this.uleb();
    this.need(n);
    // ASCII fast path (see ByteWriter.str).
    if (n < 64) {
      const buf = this.buf;
      const start = this.pos;
      let s = "";
      let i = 0;
      for (; i < n; i++) {
        const c = buf[start + i]!;
        if (c >= 0x80) break;
        s += String.fromCharCode(c);
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
}
