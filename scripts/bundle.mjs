// Builds dist/ from src/ with esbuild: one ESM bundle per entry point that package.json `bin`,
// action.yml or the container runs. `node scripts/bundle.mjs --outdir DIR` writes elsewhere
// (the staleness test bundles into a temporary folder and compares byte for byte).
import { build } from "esbuild";
import { rmSync, mkdirSync, existsSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

export const ENTRIES = {
  cli: "src/cli/bin.ts",
};

// Action steps: every src/action/steps/<name>.ts becomes dist/action-<name>.js.
if (existsSync("src/action/steps")) {
  for (const f of readdirSync("src/action/steps").sort()) {
    if (f.endsWith(".ts")) ENTRIES[`action-${f.slice(0, -3)}`] = `src/action/steps/${f}`;
  }
}

// `@actions/core` imports an HTTP client (only for `getIDToken`) and `@actions/exec` (only for
// `platform.getDetails`) at its top level. beskid-ci calls neither, yet every action step would
// load ~870 KB for them at start-up (esbuild keeps a module that may have side effects once it
// is imported, and puts it in the chunk every step loads). Inside @actions/core those two imports
// get stubs that throw if ever called; everything else (the cache and artifact clients included)
// still imports the real packages.
const CORE_STUBS = {
  "@actions/http-client": "export class HttpClient { constructor() { unavailable(); } }",
  "@actions/http-client/lib/auth":
    "export class BearerCredentialHandler { constructor() { unavailable(); } }",
  "@actions/exec":
    "export function exec() { unavailable(); }\nexport function getExecOutput() { unavailable(); }",
};
const coreStubs = {
  name: "core-stubs",
  setup(b) {
    b.onResolve({ filter: /^@actions\/(http-client|exec)(\/|$)/ }, (args) => {
      if (!/[\\/]@actions[\\/]core[\\/]lib[\\/]/.test(args.importer)) return undefined;
      if (!(args.path in CORE_STUBS))
        return { errors: [{ text: `no stub for ${args.path} in @actions/core` }] };
      return { path: args.path, namespace: "core-stub" };
    });
    b.onLoad({ filter: /.*/, namespace: "core-stub" }, (args) => ({
      contents: `function unavailable() { throw new Error("beskid-ci bundles @actions/core without ${args.path} (OIDC tokens and platform details are not used)"); }\n${CORE_STUBS[args.path]}\n`,
      loader: "js",
    }));
  },
};

// `@actions/http-client` imports undici at its top level only for the proxy agent of
// `getAgentDispatcher` (fetch-based clients); the cache and artifact clients never call it,
// yet evaluating undici (and the Node built-ins it pulls in) took ~20 ms CPU of every step that
// loads them (the restore step of a warm run included). Inside @actions/http-client, `undici`
// becomes a module whose ProxyAgent requires the real undici when one is constructed: the
// behaviour is the same, the cost is paid only by a caller that uses it.
const lazyUndici = {
  name: "lazy-undici",
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) => {
      if (args.namespace !== "file") return undefined; // the shim's own require: the real undici
      if (!/[\\/]@actions[\\/]http-client[\\/]lib[\\/]/.test(args.importer)) return undefined;
      // A path relative to the checkout (the script runs from its root): esbuild prints it in
      // the bundle and hashes it into chunk names, so an absolute one made dist/ differ by
      // the folder it was built in.
      return { path: relative(process.cwd(), args.importer).split(sep).join("/"), namespace: "lazy-undici" };
    });
    b.onLoad({ filter: /.*/, namespace: "lazy-undici" }, (args) => ({
      contents:
        "export class ProxyAgent {\n" +
        "  constructor(...args) {\n" +
        '    const { ProxyAgent: Real } = require("undici");\n' +
        "    return new Real(...args);\n" +
        "  }\n" +
        "}\n",
      loader: "js",
      // Resolved from the importing package, so it is the undici that package depends on.
      resolveDir: dirname(resolve(args.path)),
    }));
  },
};

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
  plugins: [coreStubs, lazyUndici],
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
