/**
 * Assembly benchmark: a generated project of N files (~100 lines each; 2,000 files / 200k
 * lines at full size) whose files reach each other through `use` and qualified references, so
 * the whole project is one import closure. Measures `assembleImportClosure` two ways:
 *
 * - `facts`:  facts precomputed, so the figure is assembly alone (read, decode, hash, resolve
 *             module paths, queue) — the "excluding parsing" number;
 * - `parse`:  the default, the real parser (every unit parsed once) — "including parsing".
 *
 * Each measurement runs in a child process so peak memory (max RSS) is per configuration;
 * a `baseline` child (runtime + tsx + modules loaded, nothing assembled) is reported too.
 * Sizes 500 / 1000 / 2000 show whether time grows linearly with the number of units.
 *
 * Run alone: `npx tsx bench/assembly.ts [--write]` (`--write` records the figures under
 * `## Assembly` in docs/benchmarks.md). Deliberately not here: name resolution or lowering.
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assembleImportClosure, parserFacts, type FactsProvider } from "../src/assembly/index.ts";
import type { ModuleFacts } from "../src/syntax/index.ts";
import { writeFileAtomic } from "../src/util/fs.ts";

export type BenchMode = "baseline" | "facts" | "parse";

export interface AssemblyBenchRow {
  readonly files: number;
  readonly lines: number;
  readonly mode: BenchMode;
  /** Best of the timed runs, milliseconds. */
  readonly bestMs: number;
  /** First (cold-in-process) run, milliseconds. */
  readonly firstMs: number;
  /** CPU time (user + system) of the best run, milliseconds: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly maxRssMb: number;
  readonly units: number;
}

const MODULES_PER_FOLDER = 50;

function modPath(i: number): string[] {
  return [`Area${Math.floor(i / MODULES_PER_FOLDER)}`, `Unit${i}`];
}

/** One ~100-line file; file i uses 2i+1 (by `use`) and 2i+2 (by a qualified reference). */
function fileText(i: number, n: number): string {
  const lines: string[] = [];
  const a = 2 * i + 1;
  const b = 2 * i + 2;
  if (a < n) lines.push(`use ${modPath(a).join(".")};`);
  lines.push("use Core.Missing.Module;", "");
  lines.push(`/// Generated unit ${i}.`, `pub type Point${i} {`, "    i64 x,", "    i64 y,", "}", "");
  let f = 0;
  while (lines.length < 92) {
    lines.push(
      `/// Function ${f} of unit ${i}.`,
      `pub i64 F${f}(i64 v) {`,
      `    mut i64 total = v;`,
      `    for k in range(0, 10) {`,
      `        total += k * ${f + 1}; // a comment with use Fake.Module; inside`,
      `    }`,
      `    string s = "use Not.A.Module; \${total}";`,
      `    return total;`,
      `}`,
      "",
    );
    f++;
  }
  lines.push("i64 Calls() {");
  if (b < n) lines.push(`    return ${modPath(b).join(".")}.F0(1);`);
  else lines.push("    return 0;");
  lines.push("}");
  while (lines.length < 100) lines.push("");
  return lines.join("\n") + "\n";
}

/** Writes the generated project; returns its source root and entry file. */
export function generateProject(dir: string, n: number): { root: string; entry: string; lines: number } {
  const root = join(dir, "Src");
  let total = 0;
  for (let i = 0; i < n; i++) {
    const segs = modPath(i);
    const folder = join(root, segs[0]!);
    if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
    const text = fileText(i, n);
    total += text.split("\n").length - 1;
    writeFileSync(join(folder, `${segs[1]}.bd`), text);
  }
  return { root, entry: join(root, ...modPath(0)) + ".bd", lines: total };
}

/** Runs one configuration in this process: `runs` timed assemblies after loading. */
export function measure(
  root: string,
  entry: string,
  mode: BenchMode,
  runs = 5,
): { bestMs: number; firstMs: number; cpuMs: number; units: number } {
  if (mode === "baseline") return { bestMs: 0, firstMs: 0, cpuMs: 0, units: 0 };
  const input = { roots: [{ name: "Bench", path: root }], entryFile: entry, projectDir: join(root, "..") };
  let facts: FactsProvider = parserFacts;
  if (mode === "facts") {
    // Precompute facts so the timed runs measure assembly alone.
    const table = new Map<string, ModuleFacts>();
    assembleImportClosure(input, {
      facts: (text, file) => {
        const r = parserFacts(text, file);
        table.set(file, r.facts);
        return r;
      },
    });
    facts = (_text, file) => ({ facts: table.get(file)! });
  }
  const times: number[] = [];
  const cpu: number[] = [];
  let units = 0;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const a = assembleImportClosure(input, { facts });
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    units = a.value.units.length;
  }
  const best = times.indexOf(Math.min(...times));
  return { bestMs: times[best]!, firstMs: times[0]!, cpuMs: cpu[best]!, units };
}

const SELF = fileURLToPath(import.meta.url);

/** Measures one configuration in a child process (for its own peak RSS). */
function child(root: string, entry: string, mode: BenchMode, files: number, lines: number): AssemblyBenchRow {
  const r = spawnSync(process.execPath, ["--import=tsx", SELF, "--child", mode, root, entry], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
  return { files, lines, mode, ...out };
}

export function benchAssembly(sizes: readonly number[] = [500, 1000, 2000]): AssemblyBenchRow[] {
  const rows: AssemblyBenchRow[] = [];
  const base = mkdtempSync(join(tmpdir(), "beskid-bench-asm-"));
  try {
    for (const n of sizes) {
      const dir = join(base, `p${n}`);
      const { root, entry, lines } = generateProject(dir, n);
      for (const mode of ["baseline", "facts", "parse"] as const)
        rows.push(child(root, entry, mode, n, lines));
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  return rows;
}

export function renderMarkdown(rows: readonly AssemblyBenchRow[]): string {
  const big = Math.max(...rows.map((r) => r.files));
  const at = (mode: BenchMode, files: number) => rows.find((r) => r.mode === mode && r.files === files);
  const lines = [
    "## Assembly",
    "",
    "`npx tsx bench/assembly.ts --write` (bench/assembly.ts): `assembleImportClosure` over a generated",
    `project in which every file is reachable from the entry through \`use\` and qualified references`,
    "(~100 lines per file). `facts` = assembly alone with facts precomputed (read, decode, SHA-256,",
    "module path resolution, queue): the figure *excluding parsing*; `parse` = the default, every unit",
    "parsed once by the real parser, module facts taken from its tree (*including parsing*).",
    "Time is the best of 5 runs in one process (first run in brackets) and the CPU time of that run;",
    "peak memory is the max RSS of a child process per row (`baseline` = Node + tsx + modules loaded,",
    "nothing assembled; the `facts` child also parsed every file once to precompute the facts, so its",
    "RSS includes those trees). The machine is shared (2 cores, other work running), so wall times are noisy;",
    `load average at the start: ${loadavg()[0]!.toFixed(1)}. ${process.platform} ${process.arch}, Node ${process.version}.`,
    "",
    "| files | lines | mode | units | wall ms (first run) | CPU ms | max RSS MB |",
    "|---:|---:|---|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.files} | ${r.lines} | ${r.mode} | ${r.units} | ${r.mode === "baseline" ? "- | -" : `${r.bestMs.toFixed(1)} (${r.firstMs.toFixed(1)}) | ${r.cpuMs.toFixed(0)}`} | ${r.maxRssMb.toFixed(0)} |`,
    ),
    "",
  ];
  // Linearity, judged from the data: CPU time per unit at each size, and the spread between sizes.
  const sizes = [...new Set(rows.map((r) => r.files))].sort((x, y) => x - y);
  for (const m of ["facts", "parse"] as const) {
    const per = sizes.map((n) => (at(m, n)?.cpuMs ?? NaN) / n);
    const spread = Math.max(...per) / Math.min(...per);
    const verdict =
      spread <= 1.5
        ? "flat within noise: linear in the number of units"
        : `varies ${spread.toFixed(1)}x between sizes (noise on a shared machine, or not linear: rerun to tell)`;
    lines.push(
      `- ${m}: CPU µs per unit at ${sizes.join(" / ")} files: ${per.map((v) => (v * 1000).toFixed(0)).join(" / ")}; ${verdict}.`,
    );
  }
  lines.push(
    "",
    `Target (issue 3): under 300 ms excluding parsing at ${big} files: ${(at("facts", big)?.bestMs ?? NaN).toFixed(1)} ms wall.`,
    "",
    "",
  );
  return lines.join("\n");
}

/** Replaces (or appends) the `## Assembly` section of docs/benchmarks.md. */
export function recordSection(docPath: string, section: string): void {
  const current = existsSync(docPath)
    ? readFileSync(docPath, "utf8")
    : "# Benchmarks\n\nFigures recorded by the scripts in `bench/`; each script owns its heading.\n";
  const start = current.indexOf("\n## Assembly\n");
  let next: string;
  if (start < 0) next = current.replace(/\n*$/, "\n\n") + section;
  else {
    const after = current.indexOf("\n## ", start + 1);
    next = current.slice(0, start + 1) + section + (after < 0 ? "" : current.slice(after + 1));
  }
  writeFileAtomic(docPath, next);
}

if (process.argv[1] === SELF) {
  const args = process.argv.slice(2);
  if (args[0] === "--child") {
    const [, mode, root, entry] = args as [string, BenchMode, string, string];
    const r = measure(root, entry, mode);
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({ ...r, maxRssMb }));
  } else {
    const rows = benchAssembly();
    const md = renderMarkdown(rows);
    console.log(md);
    if (args.includes("--write")) recordSection(join(SELF, "../../docs/benchmarks.md"), md);
  }
}
