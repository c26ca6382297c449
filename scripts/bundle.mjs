// Builds dist/ from src/ with esbuild: one ESM bundle per entry point that package.json `bin`,
// action.yml or the container runs. `node scripts/bundle.mjs --outdir DIR` writes elsewhere
// (the staleness test bundles into a temporary folder and compares byte for byte).
import { build } from "esbuild";
import { rmSync, mkdirSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const ENTRIES = {
  cli: "src/cli/bin.ts",
};

// Action steps: every src/action/steps/<name>.ts becomes dist/action-<name>.js.
if (existsSync("src/action/steps")) {
  for (const f of readdirSync("src/action/steps").sort()) {
    if (f.endsWith(".ts")) ENTRIES[`action-${f.slice(0, -3)}`] = `src/action/steps/${f}`;
  }
}

const outIdx = process.argv.indexOf("--outdir");
const outdir = outIdx > 0 ? process.argv[outIdx + 1] : "dist";

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

await build({
  entryPoints: ENTRIES,
  outdir,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "none",
  logLevel: "warning",
  // Some bundled CommonJS dependencies call require(); give ESM output a real one.
  banner: {
    js: "import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);",
  },
});

// The CLI must be executable through package.json `bin`.
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
const cli = join(outdir, "cli.js");
const text = readFileSync(cli, "utf8");
if (!text.startsWith("#!")) writeFileSync(cli, "#!/usr/bin/env node\n" + text);
chmodSync(cli, 0o755);
