/**
 * `beskid-ci serve` settings as an operator meets them: a smaller `--max-size` alone is
 * enough (the default blob limit follows it), and a bad value names where it came from, the
 * flag or the BESKID_SERVE_* variable, since a container is configured by variables only.
 */

import test from "ava";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SERVE_ENV, serveCommand } from "../../src/cli/commands/serve.ts";
import { call, tempDir } from "./helpers.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `serve`; once it listens, fetches /status and stops it with SIGTERM. */
function runServe(args: string[], env: Record<string, string> = {}): Promise<Run & { status?: any }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/cli/bin.ts", "serve", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let status: any;
  proc.stderr!.on("data", (d) => (stderr += d));
  proc.stdout!.on("data", (d) => {
    stdout += d;
    const m = /listening on (\S+)/.exec(stdout);
    if (m && status === undefined) {
      status = null;
      void call(m[1]!, "GET", "/status").then((r) => {
        status = r.json();
        proc.kill("SIGTERM");
      });
    }
  });
  return new Promise((resolve) => proc.once("exit", (code) => resolve({ code, stdout, stderr, status })));
}

test("--max-size below the default blob limit needs no --max-blob-size: the limit follows it", async (t) => {
  t.timeout(30_000);
  const dir = tempDir(t);
  const r = await runServe(["--port", "0", "--max-size", "256M", "--data-dir", join(dir, "a")]);
  t.is(r.code, 0, r.stderr);
  t.is(r.status.maxSize, 256 * 1024 ** 2);
  t.is(r.status.maxBlobSize, 256 * 1024 ** 2);
  const env = await runServe([], {
    BESKID_SERVE_PORT: "0",
    BESKID_SERVE_MAX_SIZE: "100M",
    BESKID_SERVE_DATA_DIR: join(dir, "b"),
  });
  t.is(env.code, 0, env.stderr);
  t.is(env.status.maxBlobSize, 100 * 1024 ** 2);
  // An explicit blob limit above the store size is still refused, with both numbers.
  const bad = await runServe(["--port", "0", "--max-size", "1M", "--max-blob-size", "2M"]);
  t.is(bad.code, 2);
  t.regex(
    bad.stderr,
    /--max-blob-size \(2097152 bytes\) is larger than the store's maximum size \(1048576 bytes\)/,
  );
});

test("a bad setting names its source: the flag, or the BESKID_SERVE_* variable", async (t) => {
  t.timeout(30_000);
  const cases: [string[], Record<string, string>, RegExp][] = [
    [["--port", "99999"], {}, /error: invalid --port '99999'/],
    [[], { BESKID_SERVE_PORT: "http" }, /error: invalid BESKID_SERVE_PORT 'http'/],
    [[], { BESKID_SERVE_MAX_SIZE: "lots" }, /error: invalid BESKID_SERVE_MAX_SIZE 'lots'/],
    [["--max-blob-size", "0"], {}, /error: invalid --max-blob-size '0'/],
    [[], { BESKID_SERVE_MAX_BLOB_SIZE: "1X" }, /error: invalid BESKID_SERVE_MAX_BLOB_SIZE '1X'/],
    [[], { BESKID_SERVE_MEMORY_CACHE: "some" }, /error: invalid BESKID_SERVE_MEMORY_CACHE 'some'/],
    [[], { BESKID_SERVE_READ_ONLY: "maybe" }, /error: BESKID_SERVE_READ_ONLY must be true or false/],
  ];
  for (const [args, env, expected] of cases) {
    const r = await runServe(args, env);
    t.is(r.code, 2, `${args.join(" ")} ${JSON.stringify(env)}`);
    t.regex(r.stderr, expected);
    t.notRegex(r.stderr, /\n\s+at /, "no stack trace");
  }
});

test("every serve flag's variable is in docs/service.md's table, container/README.md and --help", async (t) => {
  const docs = readFileSync(join(ROOT, "docs/service.md"), "utf8");
  const container = readFileSync(join(ROOT, "container/README.md"), "utf8");
  const help = serveCommand.flags!.map((f) => `${f.name} ${f.help}`).join("\n");
  const entries = Object.entries(SERVE_ENV);
  t.is(entries.length, Object.keys(serveCommand.options!).length, "one variable per flag");
  for (const [flag, variable] of entries) {
    t.regex(docs, new RegExp(`\\| \`--${flag}[^|]*\` \\| \`${variable}\` \\|`), `docs/service.md: --${flag}`);
    t.true(container.includes(`| \`${variable}\` |`), `container/README.md: ${variable}`);
    t.regex(help, new RegExp(`--${flag}\\b.*\\[${variable}\\]`), `--help: --${flag}`);
  }
});

test("a tokens file with no tokens (an empty mounted secret) is warned about at start", async (t) => {
  t.timeout(30_000);
  const dir = tempDir(t);
  const tokens = join(dir, "tokens");
  writeFileSync(tokens, "# nothing yet\n", { mode: 0o600 });
  const r = await runServe([], {
    BESKID_SERVE_PORT: "0",
    BESKID_SERVE_DATA_DIR: join(dir, "data"),
    BESKID_SERVE_TOKENS_FILE: tokens,
    BESKID_SERVE_ALLOW_ANONYMOUS_READS: "true",
  });
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /warn the tokens file holds no tokens: nobody can write\n/);
});

test("a data folder that cannot be created (under /proc) stops serve with an error instead of hanging", async (t) => {
  t.timeout(30_000);
  if (!existsSync("/proc/self")) return t.pass("no /proc here");
  const r = await runServe(["--port", "0", "--data-dir", "/proc/beskid-no-such/data"]);
  t.not(r.code, 0);
  t.regex(r.stderr, /cannot start the cache service: .*\/proc\/beskid-no-such/);
  t.notRegex(r.stderr, /^\s+at /m, "no stack trace");
});
