/**
 * JIT start-up in a fresh process, the way `beskid-ci run` meets it on a cache miss: artifact
 * bytes → decode → verify → link + emit + compile → first instruction of `main`.
 *
 *   npx tsx bench/jit-startup.ts gen FILE        writes the generated 2,001-function artifact
 *                                                 (FILE) and its compiled module (FILE.jit)
 *   node bench/out/startup/new.mjs FILE          (this file bundled with esbuild, as dist/ is)
 *                                                 prints one cold start-up from FILE
 *   node bench/out/startup/new.mjs --cached FILE one start-up from FILE.jit (`loadPrepared`,
 *                                                 what a run on a cache hit does)
 *
 * `bench/jit-startup.sh [BASELINE_DIR]` bundles and runs both sides, alternating, so a baseline
 * checkout (a `git worktree` of an older commit) and this one are measured in one run. Each
 * timing is its own `node` process started with the CLI's engine flags (src/util/engine.ts);
 * figures are CPU ms of that process from the first byte of the artifact on.
 */
import { readFileSync, writeFileSync } from "node:fs";
import {
  type CodegenArtifact,
  artifactId,
  decodeArtifact,
  encodeArtifact,
  verifyArtifact,
} from "../src/artifact/index.ts";
import {
  compileArtifactDetailed,
  compileModule,
  encodePrepared,
  loadPrepared,
  prepareArtifact,
  runMain,
} from "../src/backends/jit/index.ts";
import { tuneEngineForShortRuns } from "../src/util/engine.ts";

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function decodeOrThrow(bytes: Uint8Array): CodegenArtifact {
  const decoded = decodeArtifact(bytes);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.artifact;
}

const [mode, file] = process.argv.slice(2);
if (mode === "gen") {
  const { largeArtifact } = (await import(["./jit", "ts"].join("."))) as typeof import("./jit.ts");
  const bytes = encodeArtifact(largeArtifact());
  writeFileSync(file!, bytes);
  writeFileSync(`${file}.jit`, encodePrepared(prepareArtifact(decodeOrThrow(bytes)), artifactId(bytes)));
} else if (mode === "--cached") {
  tuneEngineForShortRuns();
  const bytes = new Uint8Array(readFileSync(file!));
  const cached = new Uint8Array(readFileSync(`${file}.jit`));
  const t0 = cpuMs();
  const loaded = loadPrepared(cached, artifactId(bytes));
  if (!loaded.ok) throw new Error(loaded.message);
  const t1 = cpuMs();
  const r = await runMain(loaded.prepared);
  const t2 = cpuMs();
  if (r.exitCode !== 0) throw new Error("cached start-up benchmark failed");
  console.log(JSON.stringify({ load: t1 - t0, run: t2 - t1, total: t2 - t0 }));
} else {
  tuneEngineForShortRuns();
  const bytes = new Uint8Array(readFileSync(mode!));
  const t0 = cpuMs();
  const artifact = decodeOrThrow(bytes);
  const t1 = cpuMs();
  const problems = verifyArtifact(artifact, 1);
  if (problems.length > 0) throw new Error(problems[0]);
  const t2 = cpuMs();
  // prepareArtifact's two steps, timed apart.
  const { wasm, info } = compileArtifactDetailed(artifact);
  const t25 = cpuMs();
  const prepared = { ...compileModule(wasm, info), compileMs: 0 };
  const t3 = cpuMs();
  const r = await runMain(prepared);
  const t4 = cpuMs();
  if (r.exitCode !== 0) throw new Error("start-up benchmark failed");
  console.log(
    JSON.stringify({
      decode: t1 - t0,
      verify: t2 - t1,
      emit: t25 - t2,
      compile: t3 - t25,
      run: t4 - t3,
      total: t4 - t0,
    }),
  );
}
