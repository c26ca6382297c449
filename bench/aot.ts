/**
 * AOT benchmarks: the Beskid programs of bench/programs lowered by the real pipeline and
 * built by the AOT backend with `--release` (-O2), next to their hand-written C twins
 * (`cc -O2`, `CC` overrides) in the same run, both as the child's CPU time of the whole
 * process (best of 3, outputs checked against `<name>.out` first); and how long the C
 * translation and the C compiler take for a generated program of about 10,000 lines.
 *
 * `runAotBench()` returns the figures; run standalone (`npx tsx bench/aot.ts [--write]`) it
 * prints them, and `--write` replaces the `## AOT` section of docs/benchmarks.md.
 * `--baseline <checkout>` (e.g. a `git worktree` of an older commit) also builds every program
 * with that checkout's AOT backend, from the same artifact, and times it in the same run:
 * before and after side by side.
 */

import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildArtifact, emitC } from "../src/backends/aot/index.ts";
import type { CodegenArtifact } from "../src/artifact/index.ts";
import { lowerProject } from "../src/pipeline/spine.ts";
import { writeFileAtomic } from "../src/util/fs.ts";

const REPEAT = 5;
const HERE = dirname(fileURLToPath(import.meta.url));
const PROGRAMS_DIR = join(HERE, "programs");

export interface AotBenchResult {
  readonly name: string;
  /** Wall milliseconds of the C compile + link of the generated C (-O2). */
  readonly buildMs: number;
  readonly aotMs: number;
  /** The baseline checkout's backend over the same artifact (with `baseline`). */
  readonly baseMs: number | null;
  readonly cMs: number | null;
  readonly ratio: number | null;
}

type Build = typeof buildArtifact;

export interface AotBenchReport {
  readonly programs: readonly AotBenchResult[];
  readonly large: {
    readonly sourceLines: number;
    readonly functions: number;
    readonly cLines: number;
    readonly emitMs: number;
    /** Wall time of translation + C compile + link. */
    readonly ccDebugMs: number;
    readonly ccReleaseMs: number;
    readonly baseCcReleaseMs: number | null;
    /** CPU time (user + system) of the C compiler processes alone. */
    readonly ccDebugCpuMs: number;
    readonly ccReleaseCpuMs: number;
    readonly baseCcReleaseCpuMs: number | null;
  };
  readonly cc: string;
  /** The baseline checkout and its commit, when one was measured. */
  readonly baseline: { readonly dir: string; readonly commit: string } | null;
  readonly loadAverage: string;
}

function childCpu(exe: string): { ms: number; output: string } {
  const out = execFileSync("bash", ["-c", `"$0" > "$0.stdout"; times`, exe], { encoding: "utf8" });
  const child = out.trim().split("\n")[1] ?? "";
  const secs = [...child.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (t, m) => t + Number(m[1]) * 60 + Number(m[2]),
    0,
  );
  return { ms: secs * 1000, output: readFileSync(`${exe}.stdout`, "utf8") };
}

function best(exe: string, expected: string, what: string, repeat = REPEAT): number {
  let ms = Infinity;
  for (let i = 0; i < repeat; i++) {
    const r = childCpu(exe);
    if (r.output !== expected) throw new Error(`${what} printed ${JSON.stringify(r.output.slice(0, 200))}`);
    ms = Math.min(ms, r.ms);
  }
  return ms;
}

/** A Beskid program of about `lines` lines: many small functions, all called from Main. */
function generated(lines: number): { source: string; functions: number } {
  const parts = ["use Core.Output;", ""];
  let n = 0;
  while (parts.length < lines - 10) {
    parts.push(
      `i64 F${n}(i64 a, i64 b) {`,
      `    mut i64 s = a;`,
      `    for i in range(0, b) {`,
      `        if i % 3 == 0 {`,
      `            s = s + i * ${n + 1};`,
      `        } else {`,
      `            s = s - i;`,
      `        }`,
      `    }`,
      `    return s + ${n};`,
      `}`,
      "",
    );
    n++;
  }
  parts.push("i32 Main() {", "    mut i64 t = 0;");
  for (let i = 0; i < n; i++) parts.push(`    t = t + F${i}(t % 7, 5);`);
  parts.push('    Output.WriteLine("${t}");', "    return 0;", "}", "");
  return { source: parts.join("\n"), functions: n };
}

export async function runAotBench(
  env: Readonly<Record<string, string | undefined>> = process.env,
  baselineDir: string | null = null,
): Promise<AotBenchReport> {
  const cc = env["CC"] || "cc";
  const dir = mkdtempSync(join(tmpdir(), "beskid-bench-aot-"));
  let baseBuild: Build | null = null;
  let baseline: AotBenchReport["baseline"] = null;
  if (baselineDir !== null) {
    const mod = (await import(pathToFileURL(join(baselineDir, "src/backends/aot/index.ts")).href)) as {
      buildArtifact: Build;
    };
    baseBuild = mod.buildArtifact;
    const commit = execFileSync("git", ["-C", baselineDir, "rev-parse", "--short", "HEAD"], {
      encoding: "utf8",
    });
    baseline = { dir: baselineDir, commit: commit.trim() };
  }
  const exeOf = async (
    build: Build,
    program: CodegenArtifact,
    out: string,
    stem: string,
  ): Promise<string> => {
    const built = await build(program, { kinds: ["exe"], outDir: out, stem, release: true, env });
    if (!built.ok) throw new Error(`${stem}: ${built.diagnostics[0]?.message}`);
    return built.outputs[0]!.path;
  };
  try {
    const programs: AotBenchResult[] = [];
    const names = readdirSync(PROGRAMS_DIR)
      .filter((f) => f.endsWith(".bd"))
      .map((f) => f.slice(0, -3))
      .sort();
    for (const name of names) {
      const expected = readFileSync(join(PROGRAMS_DIR, `${name}.out`), "utf8");
      const lowered = await lowerProject(
        { cwd: PROGRAMS_DIR, input: `${name}.bd`, command: "build" },
        { enabled: false },
      );
      if (!lowered.ok || !lowered.program) throw new Error(`${name}.bd does not lower`);
      const t0 = performance.now();
      const exe = await exeOf(buildArtifact, lowered.program, join(dir, name), name);
      const buildMs = performance.now() - t0;
      const baseExe = baseBuild
        ? await exeOf(baseBuild, lowered.program, join(dir, `base_${name}`), name)
        : null;
      let cExe: string | null = null;
      if (existsSync(join(PROGRAMS_DIR, `${name}.c`))) {
        cExe = join(dir, `c_${name}`);
        execFileSync(cc, ["-O2", "-o", cExe, join(PROGRAMS_DIR, `${name}.c`), "-lm"]);
      }
      // Interleaved rounds: a burst of load from other processes hits all variants alike.
      let [aotMs, baseMs, cMs] = [Infinity, Infinity, Infinity];
      for (let i = 0; i < REPEAT; i++) {
        aotMs = Math.min(aotMs, best(exe, expected, `${name} (AOT)`, 1));
        if (baseExe) baseMs = Math.min(baseMs, best(baseExe, expected, `${name} (baseline AOT)`, 1));
        if (cExe) cMs = Math.min(cMs, best(cExe, expected, `${name} (C twin)`, 1));
      }
      programs.push({
        name,
        buildMs,
        aotMs,
        baseMs: baseExe ? baseMs : null,
        cMs: cExe ? cMs : null,
        ratio: cExe ? aotMs / cMs : null,
      });
    }
    // The generated ~10k-line program: C translation and the C compiler, debug and release.
    const g = generated(10_000);
    const src = join(dir, "large");
    execFileSync("mkdir", ["-p", src]);
    writeFileSync(join(src, "large.bd"), g.source);
    const lowered = await lowerProject({ cwd: src, input: "large.bd", command: "build" }, { enabled: false });
    if (!lowered.ok || !lowered.program)
      throw new Error(`the generated program does not lower: ${lowered.diagnostics[0]?.message}`);
    const t1 = performance.now();
    const c = emitC(lowered.program, { prefix: "large", mainFunc: lowered.program.entry!.func });
    const emitMs = performance.now() - t1;
    // CC wrapped so the C compiler's own CPU time (bash `times`, children) is logged.
    const log = join(src, "cc-times");
    const wrapper = join(src, "cc-timed");
    writeFileSync(wrapper, `#!/bin/bash\n${cc} "$@"\nrc=$?\ntimes >> '${log}'\nexit $rc\n`);
    chmodSync(wrapper, 0o755);
    const timeBuild = async (release: boolean, build: Build = buildArtifact): Promise<[number, number]> => {
      writeFileSync(log, "");
      const t = performance.now();
      const r = await build(lowered.program!, {
        kinds: ["exe"],
        outDir: join(src, `${build === buildArtifact ? "new" : "base"}-${release}`),
        stem: "large",
        release,
        env: { ...env, CC: wrapper },
      });
      if (!r.ok) throw new Error(`large: ${r.diagnostics[0]?.message}`);
      const wall = performance.now() - t;
      // `times` prints the shell's own line, then its children's (the compiler).
      const children = readFileSync(log, "utf8")
        .split("\n")
        .filter((_, i) => i % 2 === 1)
        .join(" ");
      const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
        (sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000,
        0,
      );
      return [wall, cpu];
    };
    const [ccDebugMs, ccDebugCpuMs] = await timeBuild(false);
    const [ccReleaseMs, ccReleaseCpuMs] = await timeBuild(true);
    const base = baseBuild ? await timeBuild(true, baseBuild) : null;
    return {
      programs,
      large: {
        sourceLines: g.source.split("\n").length,
        functions: g.functions,
        cLines: c.source.split("\n").length,
        emitMs,
        ccDebugMs,
        ccReleaseMs,
        baseCcReleaseMs: base ? base[0] : null,
        ccDebugCpuMs,
        ccReleaseCpuMs,
        baseCcReleaseCpuMs: base ? base[1] : null,
      },
      cc,
      baseline,
      loadAverage: loadavg()
        .map((x) => x.toFixed(2))
        .join(" "),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatAotReport(r: AotBenchReport): string {
  const f = (x: number | null): string => (x === null ? "n/a" : x.toFixed(1));
  const q = (x: number | null, c: number | null): string => (x === null || !c ? "n/a" : (x / c).toFixed(2));
  const b = r.baseline;
  return [
    "## AOT",
    "",
    "The Beskid programs of `bench/programs/` lowered by the real pipeline and built by the AOT",
    `backend with \`--release\` (\`${r.cc} -O2\` over the generated C), next to their hand-written C`,
    `twins (\`${r.cc} -O2\`), measured in the same run by`,
    `\`npx tsx bench/aot.ts${b ? " --baseline <checkout>" : ""}\`: child CPU time (user + system) of the`,
    `whole process, best of ${REPEAT} interleaved rounds, outputs checked against \`<name>.out\` first.`,
    `Build: wall time of translation + C compile + link.`,
    ...(b ? [`"Before" is the backend of commit ${b.commit} over the same artifact.`] : []),
    `Load average at the end of the run: ${r.loadAverage} (2 cores, shared).`,
    "",
    b
      ? "| Program | before ms | AOT ms | C -O2 ms | before / C | AOT / C | build ms |"
      : "| Program | AOT ms | C -O2 ms | AOT / C | build ms |",
    b ? "|---|---:|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|",
    ...r.programs.map((p) =>
      b
        ? `| ${p.name} | ${f(p.baseMs)} | ${f(p.aotMs)} | ${f(p.cMs)} | ${q(p.baseMs, p.cMs)} | ${q(p.aotMs, p.cMs)} | ${p.buildMs.toFixed(0)} |`
        : `| ${p.name} | ${f(p.aotMs)} | ${f(p.cMs)} | ${q(p.aotMs, p.cMs)} | ${p.buildMs.toFixed(0)} |`,
    ),
    "",
    `A generated program of ${r.large.sourceLines} lines (${r.large.functions} functions, ${r.large.cLines} lines`,
    `of C with the runtime): artifact → C ${r.large.emitMs.toFixed(0)} ms. The C compiler step, CPU time of`,
    `the compiler processes: **${r.large.ccDebugCpuMs.toFixed(0)} ms** debug (-O0), ` +
      `**${r.large.ccReleaseCpuMs.toFixed(0)} ms** release (-O2)` +
      (r.large.baseCcReleaseCpuMs === null ? "." : ` (before: ${r.large.baseCcReleaseCpuMs.toFixed(0)} ms).`),
    `Wall time of the whole build (translation + compile + link): ${r.large.ccDebugMs.toFixed(0)} ms debug,`,
    `${r.large.ccReleaseMs.toFixed(0)} ms release` +
      (r.large.baseCcReleaseMs === null ? "." : ` (before: ${r.large.baseCcReleaseMs.toFixed(0)} ms).`),
    "",
  ].join("\n");
}

/** Replaces (or appends) the `## AOT` section of docs/benchmarks.md. */
export function writeAotSection(docsPath: string, section: string): void {
  const old = existsSync(docsPath) ? readFileSync(docsPath, "utf8") : "# Benchmarks\n\n";
  const start = old.indexOf("## AOT\n");
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
  const report = await runAotBench(process.env, at > 0 ? (process.argv[at + 1] ?? null) : null);
  const text = formatAotReport(report);
  process.stdout.write(text + "\n");
  if (process.argv.includes("--write")) writeAotSection(join(HERE, "..", "docs", "benchmarks.md"), text);
}
