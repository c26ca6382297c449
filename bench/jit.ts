/**
 * JIT benchmarks: hand-built IR versions of fib, a sieve and n-body, and the Beskid programs
 * of bench/programs lowered by the real pipeline, each against the same algorithm in C
 * (`cc -O2`, `CC` overrides) in the same run; JIT start-up (artifact → first instruction)
 * for a large generated artifact, fresh and from a cached compiled module; 10,000 trivial
 * tests through `runTests`.
 *
 * `runJitBench()` returns the figures; run standalone (`npx tsx bench/jit.ts [--write]
 * [--baseline <checkout>]`) it prints them, and `--write` replaces the `## JIT` section of
 * docs/benchmarks.md. `--baseline` runs the same artifacts through another checkout's JIT
 * (e.g. a `git worktree` of an older commit) in the same process, runs alternating.
 */

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  ArtifactBuilder,
  LAYOUT,
  ir,
  encodeArtifact,
  decodeArtifact,
  artifactId,
  type CodegenArtifact,
  type Expr,
  type FuncBuilder,
  type Stmt,
} from "../src/artifact/index.ts";
import {
  encodePrepared,
  loadPrepared,
  prepareArtifact,
  runMain,
  runTests,
} from "../src/backends/jit/index.ts";
import { writeFileAtomic } from "../src/util/fs.ts";

const { i32, i64, f64, bin } = ir;

export interface JitBenchResult {
  readonly name: string;
  /** First run of a freshly compiled module: V8's lazy compilation of what it calls included. */
  readonly jitMs: number;
  /** Steady state: best of REPEAT further runs (fresh instances) of the same compiled module. */
  readonly jitSteadyMs: number;
  readonly cMs: number | null;
  /** jitMs / cMs. */
  readonly ratio: number | null;
  /** jitSteadyMs / cMs. */
  readonly steadyRatio: number | null;
  /** The C twin built with `-O2 -fno-tree-vectorize` (programs only): what vectorising buys C. */
  readonly cScalarMs?: number | null;
  /** The same artifact run by the baseline checkout's JIT (with `--baseline`), interleaved. */
  readonly baseMs?: number;
  readonly baseSteadyMs?: number;
  readonly output: string;
}

export interface JitBenchReport {
  readonly compute: readonly JitBenchResult[];
  /** The Beskid programs of bench/programs, lowered by the real pipeline, against their C twins. */
  readonly programs: readonly JitBenchResult[];
  readonly startup: {
    readonly functions: number;
    readonly statements: number;
    readonly artifactBytes: number;
    readonly decodeMs: number;
    readonly compileMs: number;
    readonly firstInstructionMs: number;
    readonly cachedBytes: number;
    readonly cachedFirstInstructionMs: number;
  };
  readonly tenKTests: { readonly wallMs: number; readonly mainCpuMs: number };
  readonly cc: string | null;
  /** The baseline checkout and its commit, when one was measured. */
  readonly baseline: { readonly dir: string; readonly commit: string } | null;
}

/** What the benchmark needs of a JIT backend: this checkout's, or a baseline checkout's. */
interface Jit {
  readonly prepareArtifact: typeof prepareArtifact;
  readonly runMain: typeof runMain;
}

const THIS_JIT: Jit = { prepareArtifact, runMain };

/** A full garbage collection between timed runs, so one run's freed heap is not the next's cost. */
const collect: () => void = (() => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

// Sized so that each C twin runs for at least ~150 ms: smaller inputs measure V8's
// compilation and process noise more than the generated code.
const FIB_N = 41;
const REPEAT = 3;
const SIEVE_N = 5_000_000;
const SIEVE_ROUNDS = 20;

/** main prints the result of `body` (an i64) and returns 0. */
function withMain(b: ArtifactBuilder, value: ReturnType<typeof ir.call>): CodegenArtifact {
  const m = b.func("main", [], "i32", () => [
    ir.exec(ir.rt("syscall_write", [i64(1), ir.rt("str_from_i64", [value])])),
    ir.ret(i32(0)),
  ]);
  b.entryPoint("main", m);
  return b.finish();
}

export function fibArtifact(n = FIB_N): CodegenArtifact {
  const b = new ArtifactBuilder();
  const fib = b.declare("fib", ["i64"], "i64");
  b.define(fib, (f) => [
    ir.if(bin("i64.lt_s", f.param(0), i64(2)), [ir.ret(f.param(0))]),
    ir.ret(
      bin(
        "i64.add",
        ir.call(fib, [bin("i64.sub", f.param(0), i64(1))]),
        ir.call(fib, [bin("i64.sub", f.param(0), i64(2))]),
      ),
    ),
  ]);
  return withMain(b, ir.call(fib, [i64(n)]));
}

const FIB_C = `#include <stdio.h>
#include <time.h>
static long long fib(long long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int main(void) {
  clock_t a = clock();
  long long r = fib(${FIB_N});
  printf("%lld %f\\n", r, (double)(clock() - a) * 1000.0 / CLOCKS_PER_SEC);
  return 0;
}
`;

/** Counts primes up to n with a byte-array sieve, `rounds` times; returns the last count. */
export function sieveArtifact(n = SIEVE_N, rounds = SIEVE_ROUNDS): CodegenArtifact {
  const b = new ArtifactBuilder();
  const sieve = b.func("sieve", ["i64"], "i64", (f) => {
    const flags = f.local("i32");
    const i = f.local("i64");
    const j = f.local("i64");
    const count = f.local("i64");
    const [L1, B1, L2, B2] = [f.label(), f.label(), f.label(), f.label()];
    const at = (idx: ReturnType<typeof ir.get>) => ir.elem(ir.get(flags), idx, 1);
    return [
      ir.set(
        flags,
        ir.rt("array_new", [i32(LAYOUT.array8), i32(1), bin("i64.add", f.param(0), i64(1)), i32(-1)]),
      ),
      ir.set(i, i64(2)),
      ir.block(B1, [
        ir.loop(L1, [
          ir.if(bin("i64.gt_s", ir.get(i), f.param(0)), [ir.br(B1)]),
          ir.if(ir.un("i32.eqz", ir.load("i32.load8_u", at(ir.get(i)))), [
            ir.set(count, bin("i64.add", ir.get(count), i64(1))),
            ir.set(j, bin("i64.mul", ir.get(i), ir.get(i))),
            ir.block(B2, [
              ir.loop(L2, [
                ir.if(bin("i64.gt_s", ir.get(j), f.param(0)), [ir.br(B2)]),
                ir.store("i32.store8", at(ir.get(j)), i32(1)),
                ir.set(j, bin("i64.add", ir.get(j), ir.get(i))),
              ]),
            ]),
          ]),
          ir.set(i, bin("i64.add", ir.get(i), i64(1))),
        ]),
      ]),
      ir.ret(ir.get(count)),
    ];
  });
  const loop = b.func("rounds", [], "i64", (f) => {
    const r = f.local("i32");
    const last = f.local("i64");
    const [L, B] = [f.label(), f.label()];
    return [
      ir.block(B, [
        ir.loop(L, [
          ir.if(bin("i32.ge_s", ir.get(r), i32(rounds)), [ir.br(B)]),
          ir.set(last, ir.call(sieve, [i64(n)])),
          ir.set(r, bin("i32.add", ir.get(r), i32(1))),
        ]),
      ]),
      ir.ret(ir.get(last)),
    ];
  });
  return withMain(b, ir.call(loop, []));
}

const SIEVE_C = `#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static long long sieve(long long n) {
  unsigned char *flags = calloc((size_t)n + 1, 1);
  long long count = 0;
  for (long long i = 2; i <= n; i++) {
    if (!flags[i]) { count++; for (long long j = i * i; j <= n; j += i) flags[j] = 1; }
  }
  free(flags);
  return count;
}
int main(void) {
  clock_t a = clock();
  long long last = 0;
  for (int r = 0; r < ${SIEVE_ROUNDS}; r++) last = sieve(${SIEVE_N});
  printf("%lld %f\\n", last, (double)(clock() - a) * 1000.0 / CLOCKS_PER_SEC);
  return 0;
}
`;

const NBODY_STEPS = 5_000_000;

/** `for (i = from; i < to; i++) body(i)` over an i64 local. */
function forRange(f: FuncBuilder, from: Expr, to: Expr, body: (i: number) => Stmt[]): Stmt[] {
  const i = f.local("i64");
  const [L, B] = [f.label(), f.label()];
  return [
    ir.set(i, from),
    ir.block(B, [
      ir.loop(L, [
        ir.if(bin("i64.ge_s", ir.get(i), to), [ir.br(B)]),
        ...body(i),
        ir.set(i, bin("i64.add", ir.get(i), i64(1))),
      ]),
    ]),
  ];
}

const PI = 3.141592653589793;
const SOLAR_MASS = 4 * PI * PI;
const DAYS_PER_YEAR = 365.24;
const PLANETS: readonly (readonly number[])[] = [
  [0, 0, 0, 0, 0, 0, 1],
  [
    4.8414314424647209, -1.16032004402742839, -1.03622044471123109e-1, 1.66007664274403694e-3,
    7.69901118419740425e-3, -6.90460016972063023e-5, 9.54791938424326609e-4,
  ],
  [
    8.34336671824457987, 4.12479856412430479, -4.03523417114321381e-1, -2.76742510726862411e-3,
    4.99852801234917238e-3, 2.30417297573763929e-5, 2.85885980666130812e-4,
  ],
  [
    1.2894369562139131e1, -1.51111514016986312e1, -2.23307578892655734e-1, 2.96460137564761618e-3,
    2.3784717395948095e-3, -2.96589568540237556e-5, 4.36624404335156298e-5,
  ],
  [
    1.53796971148509165e1, -2.59193146099879641e1, 1.79258772950371181e-1, 2.68067772490389322e-3,
    1.62824170038242295e-3, -9.5159225451971587e-5, 5.15138902046611451e-5,
  ],
];

/** The n-body simulation (5 bodies as heap records in an array of references), f64 throughout. */
export function nbodyArtifact(steps = NBODY_STEPS): CodegenArtifact {
  const b = new ArtifactBuilder();
  const body = b.layout({ kind: "record", name: "Body", size: 64, refs: [] });
  const F = { x: 8, y: 16, z: 24, vx: 32, vy: 40, vz: 48, mass: 56 } as const;
  type Field = keyof typeof F;
  const get = (o: Expr, k: Field): Expr => ir.load("f64.load", o, F[k]);
  const put = (o: Expr, k: Field, v: Expr): Stmt => ir.store("f64.store", o, v, F[k]);
  const add = (x: Expr, y: Expr) => bin("f64.add", x, y);
  const sub = (x: Expr, y: Expr) => bin("f64.sub", x, y);
  const mul = (x: Expr, y: Expr) => bin("f64.mul", x, y);
  const at = (arr: number, idx: Expr): Expr => ir.load("i32.load", ir.elem(ir.get(arr), idx, 4));
  const N = i64(PLANETS.length);

  const advance = b.func("advance", ["i32", "f64"], null, (f) => {
    const [bodies, dt] = [0, 1];
    const bi = f.local("i32");
    const bj = f.local("i32");
    const [dx, dy, dz, d2, mag] = [
      f.local("f64"),
      f.local("f64"),
      f.local("f64"),
      f.local("f64"),
      f.local("f64"),
    ];
    const g = ir.get;
    return [
      ...forRange(f, i64(0), N, (i) => [
        ir.set(bi, at(bodies, g(i))),
        ...forRange(f, bin("i64.add", g(i), i64(1)), N, (j) => [
          ir.set(bj, at(bodies, g(j))),
          ir.set(dx, sub(get(g(bi), "x"), get(g(bj), "x"))),
          ir.set(dy, sub(get(g(bi), "y"), get(g(bj), "y"))),
          ir.set(dz, sub(get(g(bi), "z"), get(g(bj), "z"))),
          ir.set(d2, add(add(mul(g(dx), g(dx)), mul(g(dy), g(dy))), mul(g(dz), g(dz)))),
          ir.set(mag, bin("f64.div", g(dt), mul(g(d2), ir.un("f64.sqrt", g(d2))))),
          ...(["x", "y", "z"] as const).flatMap((axis, k) => {
            const d = [dx, dy, dz][k]!;
            const v = `v${axis}` as Field;
            return [
              put(g(bi), v, sub(get(g(bi), v), mul(mul(g(d), get(g(bj), "mass")), g(mag)))),
              put(g(bj), v, add(get(g(bj), v), mul(mul(g(d), get(g(bi), "mass")), g(mag)))),
            ];
          }),
        ]),
      ]),
      ...forRange(f, i64(0), N, (i) => [
        ir.set(bi, at(bodies, g(i))),
        put(g(bi), "x", add(get(g(bi), "x"), mul(g(dt), get(g(bi), "vx")))),
        put(g(bi), "y", add(get(g(bi), "y"), mul(g(dt), get(g(bi), "vy")))),
        put(g(bi), "z", add(get(g(bi), "z"), mul(g(dt), get(g(bi), "vz")))),
      ]),
    ];
  });

  const energy = b.func("energy", ["i32"], "f64", (f) => {
    const e = f.local("f64");
    const bi = f.local("i32");
    const bj = f.local("i32");
    const [dx, dy, dz] = [f.local("f64"), f.local("f64"), f.local("f64")];
    const g = ir.get;
    const sq = (x: Expr) => mul(x, x);
    return [
      ...forRange(f, i64(0), N, (i) => [
        ir.set(bi, at(0, g(i))),
        ir.set(
          e,
          add(
            g(e),
            mul(
              mul(f64(0.5), get(g(bi), "mass")),
              add(add(sq(get(g(bi), "vx")), sq(get(g(bi), "vy"))), sq(get(g(bi), "vz"))),
            ),
          ),
        ),
        ...forRange(f, bin("i64.add", g(i), i64(1)), N, (j) => [
          ir.set(bj, at(0, g(j))),
          ir.set(dx, sub(get(g(bi), "x"), get(g(bj), "x"))),
          ir.set(dy, sub(get(g(bi), "y"), get(g(bj), "y"))),
          ir.set(dz, sub(get(g(bi), "z"), get(g(bj), "z"))),
          ir.set(
            e,
            sub(
              g(e),
              bin(
                "f64.div",
                mul(get(g(bi), "mass"), get(g(bj), "mass")),
                ir.un("f64.sqrt", add(add(mul(g(dx), g(dx)), mul(g(dy), g(dy))), mul(g(dz), g(dz)))),
              ),
            ),
          ),
        ]),
      ]),
      ir.ret(g(e)),
    ];
  });

  const run = b.func("nbody", [], "f64", (f) => {
    const bodies = f.local("i32");
    const o = f.local("i32");
    const [px, py, pz] = [f.local("f64"), f.local("f64"), f.local("f64")];
    const g = ir.get;
    const make: Stmt[] = [];
    PLANETS.forEach((p, k) => {
      const vals = [
        p[0]!,
        p[1]!,
        p[2]!,
        p[3]! * DAYS_PER_YEAR,
        p[4]! * DAYS_PER_YEAR,
        p[5]! * DAYS_PER_YEAR,
        p[6]! * SOLAR_MASS,
      ];
      make.push(ir.set(o, ir.rt("alloc", [i32(body), i32(64)])));
      (Object.keys(F) as Field[]).forEach((field, n) => make.push(put(g(o), field, f64(vals[n]!))));
      make.push(ir.store("i32.store", ir.elem(g(bodies), i64(k), 4), g(o)));
    });
    return [
      ir.set(bodies, ir.rt("array_new", [i32(LAYOUT.arrayRef), i32(4), N, i32(-1)])),
      ...make,
      ...forRange(f, i64(0), N, (i) => [
        ir.set(o, at(bodies, g(i))),
        ir.set(px, add(g(px), mul(get(g(o), "vx"), get(g(o), "mass")))),
        ir.set(py, add(g(py), mul(get(g(o), "vy"), get(g(o), "mass")))),
        ir.set(pz, add(g(pz), mul(get(g(o), "vz"), get(g(o), "mass")))),
      ]),
      ir.set(o, at(bodies, i64(0))),
      put(g(o), "vx", bin("f64.div", ir.un("f64.neg", g(px)), f64(SOLAR_MASS))),
      put(g(o), "vy", bin("f64.div", ir.un("f64.neg", g(py)), f64(SOLAR_MASS))),
      put(g(o), "vz", bin("f64.div", ir.un("f64.neg", g(pz)), f64(SOLAR_MASS))),
      ...forRange(f, i64(0), i64(steps), () => [ir.exec(ir.call(advance, [g(bodies), f64(0.01)]))]),
      ir.ret(ir.call(energy, [g(bodies)])),
    ];
  });
  const m = b.func("main", [], "i32", () => [
    ir.exec(ir.rt("syscall_write", [i64(1), ir.rt("str_from_f64", [ir.call(run, [])])])),
    ir.ret(i32(0)),
  ]);
  b.entryPoint("main", m);
  return b.finish();
}

const NBODY_C = `#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
typedef struct { double x, y, z, vx, vy, vz, mass; } Body;
#define N ${PLANETS.length}
static void advance(Body **bodies, double dt) {
  for (long long i = 0; i < N; i++) {
    Body *bi = bodies[i];
    for (long long j = i + 1; j < N; j++) {
      Body *bj = bodies[j];
      double dx = bi->x - bj->x, dy = bi->y - bj->y, dz = bi->z - bj->z;
      double d2 = dx * dx + dy * dy + dz * dz;
      double mag = dt / (d2 * sqrt(d2));
      bi->vx -= dx * bj->mass * mag; bj->vx += dx * bi->mass * mag;
      bi->vy -= dy * bj->mass * mag; bj->vy += dy * bi->mass * mag;
      bi->vz -= dz * bj->mass * mag; bj->vz += dz * bi->mass * mag;
    }
  }
  for (long long i = 0; i < N; i++) {
    Body *b = bodies[i];
    b->x += dt * b->vx; b->y += dt * b->vy; b->z += dt * b->vz;
  }
}
static double energy(Body **bodies) {
  double e = 0;
  for (long long i = 0; i < N; i++) {
    Body *bi = bodies[i];
    e += 0.5 * bi->mass * (bi->vx * bi->vx + bi->vy * bi->vy + bi->vz * bi->vz);
    for (long long j = i + 1; j < N; j++) {
      Body *bj = bodies[j];
      double dx = bi->x - bj->x, dy = bi->y - bj->y, dz = bi->z - bj->z;
      e -= (bi->mass * bj->mass) / sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}
int main(void) {
  static const double init[N][7] = {
${PLANETS.map((p) => `    {${p.map((v) => v.toExponential(17)).join(", ")}},`).join("\n")}
  };
  const double PI = 3.141592653589793, SOLAR_MASS = 4 * PI * PI, DPY = 365.24;
  clock_t a = clock();
  Body *bodies[N];
  for (int k = 0; k < N; k++) {
    Body *b = calloc(1, sizeof(Body));
    b->x = init[k][0]; b->y = init[k][1]; b->z = init[k][2];
    b->vx = init[k][3] * DPY; b->vy = init[k][4] * DPY; b->vz = init[k][5] * DPY;
    b->mass = init[k][6] * SOLAR_MASS;
    bodies[k] = b;
  }
  double px = 0, py = 0, pz = 0;
  for (long long i = 0; i < N; i++) { px += bodies[i]->vx * bodies[i]->mass; py += bodies[i]->vy * bodies[i]->mass; pz += bodies[i]->vz * bodies[i]->mass; }
  bodies[0]->vx = -px / SOLAR_MASS; bodies[0]->vy = -py / SOLAR_MASS; bodies[0]->vz = -pz / SOLAR_MASS;
  for (long long s = 0; s < ${NBODY_STEPS}; s++) advance(bodies, 0.01);
  double e = energy(bodies);
  printf("%.17g %f\\n", e, (double)(clock() - a) * 1000.0 / CLOCKS_PER_SEC);
  return 0;
}
`;

/**
 * A large artifact shaped like a 10k-line program: `functions` functions of ~5 statements
 * each (locals, arithmetic, a branch, a loop, calls to the previous function and the runtime).
 * With `announce`, main's first statement writes "main\n" to stdout (bench/jit-startup.ts
 * times its arrival: the first instruction of `main`); otherwise main only returns 0.
 */
export function largeArtifact(functions = 2000, announce = false): CodegenArtifact {
  const b = new ArtifactBuilder();
  let prev = -1;
  for (let k = 0; k < functions; k++) {
    const file = `src/M${Math.floor(k / 50)}.bd`;
    const at = (line: number) => b.loc(file, (k % 50) * 5 + line, 5);
    const fn = b.func(`M.f${k}`, ["i64"], "i64", (f) => {
      const x = f.local("i64");
      const L = f.label();
      const B = f.label();
      return [
        ir.set(x, bin("i64.mul", f.param(0), i64(k + 1)), at(1)),
        ir.if(
          bin("i64.gt_s", ir.get(x), i64(1000)),
          [ir.set(x, bin("i64.rem_s", ir.get(x), i64(997), at(2)))],
          [],
          at(2),
        ),
        ir.block(
          B,
          [
            ir.loop(L, [
              ir.if(bin("i64.le_s", ir.get(x), i64(0)), [ir.br(B)]),
              ir.set(x, bin("i64.sub", ir.get(x), i64(7))),
            ]),
          ],
          at(3),
        ),
        ir.exec(ir.rt("str_len", [b.string(`message ${k}`)]), at(4)),
        ir.ret(prev >= 0 ? bin("i64.add", ir.get(x), ir.call(prev, [ir.get(x)], at(5))) : ir.get(x), at(5)),
      ];
    });
    prev = fn;
  }
  const hello = announce ? [ir.exec(ir.rt("syscall_write", [i64(1), b.string("main\n")]))] : [];
  const main = b.func("main", [], "i32", () => [...hello, ir.ret(i32(0))]);
  b.entryPoint("main", main);
  void prev;
  return b.finish();
}

function findCc(): string | null {
  const cc = process.env["CC"] ?? "cc";
  try {
    execFileSync(cc, ["--version"], { stdio: "ignore" });
    return cc;
  } catch {
    return null;
  }
}

function runC(cc: string, source: string, dir: string, name: string): { ms: number; output: string } {
  const src = join(dir, `${name}.c`);
  const exe = join(dir, name);
  writeFileSync(src, source);
  execFileSync(cc, ["-O2", "-o", exe, src, "-lm"]);
  let best = { ms: Infinity, output: "" };
  for (let i = 0; i < REPEAT; i++) {
    const [out, ms] = execFileSync(exe, { encoding: "utf8" }).trim().split(" ");
    if (Number(ms) < best.ms) best = { ms: Number(ms), output: out! };
  }
  return best;
}

/** CPU milliseconds of this process (the machine may be shared; wall time would lie). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

interface JitTiming {
  readonly ms: number;
  readonly steadyMs: number;
  readonly output: string;
}

/**
 * The first run of a freshly compiled module (what `beskid-ci run` does: V8 compiles wasm
 * lazily, at a function's first call, so this includes compiling what it calls), then the
 * steady state: the best of REPEAT further runs, each in a fresh instance of the same
 * module, whose compiled code V8 keeps. With several JITs (this checkout's and a baseline's)
 * their runs alternate, each after a full GC, so both see the same machine load.
 */
async function timeJits(a: CodegenArtifact, jits: readonly Jit[]): Promise<JitTiming[]> {
  const prepared = jits.map((j) => j.prepareArtifact(a));
  const ms = jits.map(() => 0);
  const steady = jits.map(() => Infinity);
  const outputs = jits.map(() => "");
  for (let i = 0; i <= REPEAT; i++) {
    for (let k = 0; k < jits.length; k++) {
      collect();
      const t0 = cpuMs();
      const r = await jits[k]!.runMain(prepared[k]!);
      const t = cpuMs() - t0;
      if (r.exitCode !== 0) throw new Error(`benchmark failed: ${new TextDecoder().decode(r.stderr)}`);
      const text = new TextDecoder().decode(r.stdout);
      if (i === 0) {
        ms[k] = t;
        outputs[k] = text;
      } else {
        if (text !== outputs[k]) throw new Error(`benchmark printed ${text}, then ${outputs[k]}`);
        steady[k] = Math.min(steady[k]!, t);
      }
    }
  }
  if (outputs.some((o) => o !== outputs[0])) throw new Error(`the JITs disagree: ${outputs.join(" / ")}`);
  return jits.map((_, k) => ({ ms: ms[k]!, steadyMs: steady[k]!, output: outputs[k]! }));
}

async function loadBaseline(dir: string): Promise<{ jit: Jit; commit: string }> {
  const mod = (await import(pathToFileURL(join(dir, "src/backends/jit/index.ts")).href)) as Jit;
  const commit = execFileSync("git", ["-C", dir, "rev-parse", "--short", "HEAD"], { encoding: "utf8" });
  return { jit: { prepareArtifact: mod.prepareArtifact, runMain: mod.runMain }, commit: commit.trim() };
}

/** This checkout's timing and, if measured, the baseline's, as result fields. */
function jitFields(
  t: readonly JitTiming[],
): Pick<JitBenchResult, "jitMs" | "jitSteadyMs" | "baseMs" | "baseSteadyMs"> {
  const [now, base] = t;
  return {
    jitMs: now!.ms,
    jitSteadyMs: now!.steadyMs,
    ...(base ? { baseMs: base.ms, baseSteadyMs: base.steadyMs } : {}),
  };
}

export async function runJitBench(baselineDir: string | null = null): Promise<JitBenchReport> {
  const cc = findCc();
  const base = baselineDir === null ? null : await loadBaseline(baselineDir);
  const jits = base ? [THIS_JIT, base.jit] : [THIS_JIT];
  const dir = mkdtempSync(join(tmpdir(), "beskid-bench-jit-"));
  try {
    const compute: JitBenchResult[] = [];
    for (const [name, artifact, csrc] of [
      [`fib(${FIB_N})`, fibArtifact(), FIB_C],
      [`sieve(${SIEVE_N}) x${SIEVE_ROUNDS}`, sieveArtifact(), SIEVE_C],
      [`nbody(${NBODY_STEPS} steps)`, nbodyArtifact(), NBODY_C],
    ] as const) {
      const t = await timeJits(artifact, jits);
      const jit = t[0]!;
      const c = cc ? runC(cc, csrc, dir, name.replace(/\W+/g, "_")) : null;
      // Same text, or (floats: %.17g in C, shortest in Beskid) the same number.
      if (c && c.output !== jit.output && Number(c.output) !== Number(jit.output))
        throw new Error(`${name}: JIT printed ${jit.output}, C printed ${c.output}`);
      compute.push({
        name,
        ...jitFields(t),
        cMs: c?.ms ?? null,
        ratio: c ? jit.ms / c.ms : null,
        steadyRatio: c ? jit.steadyMs / c.ms : null,
        output: jit.output,
      });
    }

    // Start-up, twice: from the artifact's bytes (decode, link, emit, compile), and from a
    // cached compiled module (what a second run of the same artifact does).
    const programs = await benchPrograms(cc, dir, jits);

    const big = largeArtifact();
    const bytes = encodeArtifact(big);
    const t0 = cpuMs();
    const decoded = decodeArtifact(bytes);
    const t1 = cpuMs();
    if (!decoded.ok) throw new Error(decoded.message);
    const prepared = prepareArtifact(decoded.artifact);
    const t2 = cpuMs();
    const r = await runMain(prepared);
    const t3 = cpuMs();
    if (r.exitCode !== 0) throw new Error("start-up benchmark failed");
    const cached = encodePrepared(prepared, artifactId(bytes));
    const t4 = cpuMs();
    const loaded = loadPrepared(cached, artifactId(bytes));
    if (!loaded.ok) throw new Error(loaded.message);
    const r2 = await runMain(loaded.prepared);
    const t5 = cpuMs();
    if (r2.exitCode !== 0) throw new Error("cached start-up benchmark failed");
    const statements = big.functions.reduce((n, f) => n + f.body.length, 0);

    // 10,000 trivial tests, each its own function, through runTests (compile included).
    const tb = new ArtifactBuilder();
    for (let i = 0; i < 10_000; i++) {
      const fn = tb.func(`t${i}`, [], null, () => [ir.exec(bin("i32.add", i32(i), i32(2)))]);
      tb.test({
        qualifiedName: `T${i}`,
        name: `T${i}`,
        group: null,
        tags: [],
        skip: null,
        file: "t.bd",
        line: i + 1,
        column: 1,
        func: fn,
      });
    }
    const testArtifact = tb.finish();
    const w0 = performance.now();
    const c0 = cpuMs();
    const results = await runTests(testArtifact, { workers: 2 });
    const tenKTests = { wallMs: performance.now() - w0, mainCpuMs: cpuMs() - c0 };
    if (results.some((x) => x.outcome !== "passed")) throw new Error("trivial tests failed");
    return {
      compute,
      programs,
      startup: {
        functions: big.functions.length,
        statements,
        artifactBytes: bytes.length,
        decodeMs: t1 - t0,
        compileMs: t2 - t1,
        firstInstructionMs: t3 - t0,
        cachedBytes: cached.length,
        cachedFirstInstructionMs: t5 - t4,
      },
      tenKTests,
      cc,
      baseline: base && baselineDir ? { dir: baselineDir, commit: base.commit } : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PROGRAMS_DIR = join(dirname(fileURLToPath(import.meta.url)), "programs");

/** Children's CPU milliseconds of one run of `exe` (bash's `times`), and its output. */
function runChildCpu(exe: string): { ms: number; output: string } {
  const out = execFileSync("bash", ["-c", `"$0" > "$0.stdout"; times`, exe], { encoding: "utf8" });
  // `times` prints two lines: the shell's user/sys, then its children's: "0m0.123s 0m0.004s".
  const child = out.trim().split("\n")[1] ?? "";
  const secs = [...child.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (t, m) => t + Number(m[1]) * 60 + Number(m[2]),
    0,
  );
  return { ms: secs * 1000, output: readFileSync(`${exe}.stdout`, "utf8") };
}

/**
 * bench/programs/<name>.bd lowered by the pipeline and run by the JIT (best of REPEAT, CPU),
 * against <name>.c (`cc -O2`, children's CPU time); both outputs must equal <name>.out.
 */
async function benchPrograms(
  cc: string | null,
  dir: string,
  jits: readonly Jit[],
): Promise<JitBenchResult[]> {
  if (!existsSync(PROGRAMS_DIR)) return [];
  const { lowerProject } = await import("../src/pipeline/spine.ts");
  const out: JitBenchResult[] = [];
  const names = readdirSync(PROGRAMS_DIR)
    .filter((f) => f.endsWith(".bd"))
    .map((f) => f.slice(0, -3))
    .sort();
  for (const name of names) {
    const expected = readFileSync(join(PROGRAMS_DIR, `${name}.out`), "utf8");
    const lowered = await lowerProject(
      { cwd: PROGRAMS_DIR, input: `${name}.bd`, command: "run" },
      { enabled: false },
    );
    if (!lowered.ok || !lowered.program)
      throw new Error(`${name}.bd does not lower: ${lowered.diagnostics[0]?.message}`);
    const t = await timeJits(lowered.program, jits);
    const jit = t[0]!;
    if (jit.output !== expected) throw new Error(`${name}: the JIT printed ${JSON.stringify(jit.output)}`);
    let cMs: number | null = null;
    let cScalarMs: number | null = null;
    if (cc && existsSync(join(PROGRAMS_DIR, `${name}.c`))) {
      const timeC = (flags: string[], tag: string): number => {
        const exe = join(dir, `prog_${name}${tag}`);
        execFileSync(cc, [...flags, "-o", exe, join(PROGRAMS_DIR, `${name}.c`), "-lm"]);
        let best = Infinity;
        for (let i = 0; i < REPEAT; i++) {
          const c = runChildCpu(exe);
          if (c.output !== expected)
            throw new Error(`${name}: the C twin printed ${JSON.stringify(c.output)}`);
          best = Math.min(best, c.ms);
        }
        return best;
      };
      cMs = timeC(["-O2"], "");
      cScalarMs = timeC(["-O2", "-fno-tree-vectorize"], "_scalar");
    }
    out.push({
      name,
      ...jitFields(t),
      cMs,
      cScalarMs,
      ratio: cMs ? jit.ms / cMs : null,
      steadyRatio: cMs ? jit.steadyMs / cMs : null,
      output: jit.output,
    });
  }
  return out;
}

const ms = (v: number | null | undefined): string => (v === null || v === undefined ? "n/a" : v.toFixed(1));
const x = (a: number | undefined, c: number | null): string =>
  a === undefined || c === null ? "n/a" : (a / c).toFixed(2);

function table(rs: readonly JitBenchResult[], baseline: boolean, scalar: boolean): string[] {
  const cols = [
    "Benchmark",
    "C -O2 ms",
    ...(scalar ? ["C -O2 scalar ms"] : []),
    ...(baseline ? ["before: first / steady ms"] : []),
    "JIT first / steady ms",
    ...(baseline ? ["before steady / C"] : []),
    "first / C",
    "**steady / C**",
  ];
  return [
    `| ${cols.join(" | ")} |`,
    `|---|${cols
      .slice(1)
      .map(() => "---:")
      .join("|")}|`,
    ...rs.map((c) =>
      [
        "",
        c.name,
        ms(c.cMs),
        ...(scalar ? [ms(c.cScalarMs)] : []),
        ...(baseline ? [`${ms(c.baseMs)} / ${ms(c.baseSteadyMs)}`] : []),
        `${ms(c.jitMs)} / ${ms(c.jitSteadyMs)}`,
        ...(baseline ? [x(c.baseSteadyMs, c.cMs)] : []),
        x(c.jitMs, c.cMs),
        `**${x(c.jitSteadyMs, c.cMs)}**`,
        "",
      ]
        .join(" | ")
        .trim(),
    ),
  ];
}

export function formatJitReport(r: JitBenchReport, loadAverage = loadavg()[0]!): string {
  const b = r.baseline;
  const lines = [
    "## JIT",
    "",
    `Measured by \`npx tsx bench/jit.ts${b ? " --baseline <checkout>" : ""}\` in CPU time (the benchmark machine is shared; load average`,
    `${loadAverage.toFixed(1)} on ${cpus().length} CPUs at the end of the run; Node ${process.version}). Every JIT figure is a pair:`,
    "**first** is the first `runMain` of a freshly compiled module, what `beskid-ci run` does (V8",
    "compiles each function at its first call, so compilation is included); **steady** is the best",
    `of ${REPEAT} further runs of the same compiled module, each in a fresh instance (V8 keeps the compiled`,
    "code): the speed of the generated code itself. A full GC precedes every timed run.",
    ...(b
      ? [
          `*before* is the JIT of commit \`${b.commit}\` (a \`git worktree\` of it) running the same artifacts,`,
          "its runs alternating with this checkout's in the same process.",
        ]
      : []),
    "",
    `Hand-built IR versions (\`bench/jit.ts\`, the checked operations lowering emits) against the same`,
    `algorithm in C (\`${r.cc ?? "no C compiler"} -O2\`, best of ${REPEAT}, \`clock()\` around the computation):`,
    "",
    ...table(r.compute, b !== null, false),
    "",
    "The Beskid programs of `bench/programs/` (lowered by the real pipeline, run by `runMain`;",
    `C twins timed as the child's CPU time of the whole process, best of ${REPEAT}; *scalar* is the twin`,
    "built with `-O2 -fno-tree-vectorize`; every output checked against `<name>.out` first):",
    "",
    ...table(r.programs, b !== null, true),
    "",
    `Start-up (CPU ms, cold code paths: first use in this process): a generated artifact of`,
    `${r.startup.functions} functions / ${r.startup.statements} statements (about a 10k-line program;`,
    `${(r.startup.artifactBytes / 1024).toFixed(0)} KiB encoded).`,
    "",
    "| Path | artifact → first instruction |",
    "|---|---:|",
    `| from the artifact bytes (decode ${r.startup.decodeMs.toFixed(1)}, link + emit + compile ${r.startup.compileMs.toFixed(1)}) | ${r.startup.firstInstructionMs.toFixed(1)} ms |`,
    `| from a cached compiled module (\`loadPrepared\`, ${(r.startup.cachedBytes / 1024).toFixed(0)} KiB) | ${r.startup.cachedFirstInstructionMs.toFixed(1)} ms |`,
    "",
    `10,000 trivial tests (each its own function) through \`runTests\` with 2 workers, compile included:`,
    `**${r.tenKTests.wallMs.toFixed(0)} ms** wall (main thread CPU ${r.tenKTests.mainCpuMs.toFixed(0)} ms).`,
    "",
  ];
  return lines.join("\n");
}

/** Replaces (or appends) the `## JIT` section of docs/benchmarks.md. */
export function writeJitSection(docsPath: string, section: string): void {
  const old = existsSync(docsPath) ? readFileSync(docsPath, "utf8") : "# Benchmarks\n\n";
  const start = old.indexOf("## JIT\n");
  let next: string;
  if (start < 0) next = old.replace(/\n*$/, "\n\n") + section;
  else {
    const after = old.indexOf("\n## ", start + 1);
    next =
      old.slice(0, start) +
      section.replace(/\n*$/, after < 0 ? "\n" : "\n\n") +
      (after < 0 ? "" : old.slice(after + 1));
  }
  writeFileAtomic(docsPath, next);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf("--baseline");
  const report = await runJitBench(at > 0 ? (process.argv[at + 1] ?? null) : null);
  const text = formatJitReport(report);
  process.stdout.write(text + "\n");
  if (process.argv.includes("--write")) {
    writeJitSection(join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "benchmarks.md"), text);
  }
}
