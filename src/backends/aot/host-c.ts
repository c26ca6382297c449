/**
 * The host surface (runtime/host-abi.ts) in C: `beskid_host_<name>` functions with the same
 * observable bytes as the JIT's JavaScript host (backends/jit/host.ts), plus the heap, the
 * load/store/bit helpers and the checked operations the generated code calls. It is text
 * pasted into every translation unit by `emit-c.ts` (after the location tables and the
 * forward declarations of the runtime's `panic_code`/`panic_index`, named by the
 * `BX_PANIC_*` macros).
 *
 * It deliberately holds no program logic: everything above this surface is runtime IR.
 * POSIX + C11; assumes a little-endian target (documented in docs/aot.md).
 */

const HOST_TEXT = String.raw`
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

const SPLIT = HOST_TEXT.indexOf("/*@@split@@*/");
/** Feature macros, includes and the heap's declarations: first in the translation unit. */
export const HOST_C_PRELUDE = HOST_TEXT.slice(0, SPLIT);
/** The helpers and host functions: after the location tables and the panic prototypes. */
export const HOST_C = HOST_TEXT.slice(SPLIT + "/*@@split@@*/".length);
