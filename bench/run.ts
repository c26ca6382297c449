/**
 * `npm run bench`: runs every benchmark script in bench/ (each `bench/<name>.ts` is runnable on
 * its own and records its figures in docs/benchmarks.md under its own heading), one after
 * the other in child processes so they do not disturb each other's timings and memory.
 * `npm run bench -- parse jit` runs only the named ones.
 */

import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .map((f) => f.slice(0, -3))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

let failed = 0;
for (const name of scripts) {
  console.log(`\n=== bench/${name}.ts`);
  const r = spawnSync(process.execPath, ["--import=tsx", "--expose-gc", join(here, `${name}.ts`)], {
    stdio: "inherit",
  });
  if (r.status !== 0) {
    failed++;
    console.log(`bench/${name}.ts exited with ${r.status}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
