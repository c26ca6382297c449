/**
 * `beskid-ci serve`: runs the remote cache service until SIGTERM or SIGINT. This command is
 * the service's entry: it reads flags and `BESKID_SERVE_*` environment variables (flags
 * win), loads the tokens file, starts the server and wires the signals to a graceful
 * shutdown. Its promise resolves (exit code 0) only once the server has stopped.
 *
 * Deliberately not here: any serving logic (src/service/), and any compilation.
 */

import { resolve } from "node:path";
import {
  DEFAULTS,
  loadTokensFile,
  parsePort,
  parseSize,
  startServer,
  type Logger,
  type ServiceConfig,
  type TokenEntry,
} from "../../service/index.ts";
import {
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  boolFlag,
  stringFlag,
  type Command,
  type CommandContext,
} from "../command.ts";

/** Flag name → environment variable, the one table both are read from. */
export const SERVE_ENV = {
  port: "BESKID_SERVE_PORT",
  host: "BESKID_SERVE_HOST",
  "data-dir": "BESKID_SERVE_DATA_DIR",
  "max-size": "BESKID_SERVE_MAX_SIZE",
  "max-blob-size": "BESKID_SERVE_MAX_BLOB_SIZE",
  "memory-cache": "BESKID_SERVE_MEMORY_CACHE",
  "tokens-file": "BESKID_SERVE_TOKENS_FILE",
  "read-only": "BESKID_SERVE_READ_ONLY",
  "allow-anonymous-reads": "BESKID_SERVE_ALLOW_ANONYMOUS_READS",
  verbose: "BESKID_SERVE_VERBOSE",
} as const;

type Key = keyof typeof SERVE_ENV;

function usage(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`error: ${message}\nRun 'beskid-ci serve --help' for more.\n`);
  return EXIT_USAGE;
}

function stringSetting(ctx: CommandContext, key: Key): string | undefined {
  return setting(ctx, key)?.value;
}

/** A setting's value and where it came from (`--flag` or the variable), for error messages. */
function setting(ctx: CommandContext, key: Key): { value: string; source: string } | undefined {
  const flag = stringFlag(ctx, key);
  if (flag !== undefined) return { value: flag, source: `--${key}` };
  const env = ctx.env[SERVE_ENV[key]];
  return env === undefined || env === "" ? undefined : { value: env, source: SERVE_ENV[key] };
}

/** A switch: the flag, else the variable (`1`, `true`, `yes`, `on` are true). */
function boolSetting(ctx: CommandContext, key: Key): boolean | "invalid" {
  if (boolFlag(ctx, key)) return true;
  const env = ctx.env[SERVE_ENV[key]]?.trim().toLowerCase();
  if (env === undefined || env === "") return false;
  if (["1", "true", "yes", "on"].includes(env)) return true;
  if (["0", "false", "no", "off"].includes(env)) return false;
  return "invalid";
}

function stderrLogger(ctx: CommandContext, verbose: boolean): Logger {
  const line = (level: string, m: string) => ctx.stderr.write(`${new Date().toISOString()} ${level} ${m}\n`);
  return {
    info: (m) => line("info", m),
    warn: (m) => line("warn", m),
    error: (m) => line("error", m),
    debug: verbose ? (m) => line("debug", m) : undefined,
  };
}

export const serveCommand: Command = {
  name: "serve",
  summary: "run the remote cache service (the container's HTTP server)",
  usage:
    "serve [--port N] [--host H] [--data-dir DIR] [--max-size SIZE] [--max-blob-size SIZE] [--memory-cache SIZE] [--tokens-file FILE] [--read-only] [--allow-anonymous-reads] [--verbose]",
  flags: [
    {
      name: "--port N",
      help: `port to listen on (default ${DEFAULTS.port}; 0 picks a free one) [BESKID_SERVE_PORT]`,
    },
    {
      name: "--host H",
      help: `address to bind (default ${DEFAULTS.host}; 0.0.0.0 in the container) [BESKID_SERVE_HOST]`,
    },
    {
      name: "--data-dir DIR",
      help: `where entries are stored (default ${DEFAULTS.dataDir}) [BESKID_SERVE_DATA_DIR]`,
    },
    {
      name: "--max-size SIZE",
      help: "evict least-recently-used entries above this (default 10G) [BESKID_SERVE_MAX_SIZE]",
    },
    {
      name: "--max-blob-size SIZE",
      help: "reject larger uploads with 413 (default 1G, or --max-size if smaller) [BESKID_SERVE_MAX_BLOB_SIZE]",
    },
    {
      name: "--memory-cache SIZE",
      help: "keep recently used small entries in memory up to this (default 64M; 0 off) [BESKID_SERVE_MEMORY_CACHE]",
    },
    {
      name: "--tokens-file FILE",
      help: "bearer tokens, one '<r|rw> <token> [name]' a line; without it auth is off [BESKID_SERVE_TOKENS_FILE]",
    },
    { name: "--read-only", help: "refuse every write with 403 [BESKID_SERVE_READ_ONLY]" },
    { name: "--allow-anonymous-reads", help: "reads need no token [BESKID_SERVE_ALLOW_ANONYMOUS_READS]" },
    { name: "--verbose", help: "log one line per request [BESKID_SERVE_VERBOSE]" },
  ],
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "data-dir": { type: "string" },
    "max-size": { type: "string" },
    "max-blob-size": { type: "string" },
    "memory-cache": { type: "string" },
    "tokens-file": { type: "string" },
    "read-only": { type: "boolean" },
    "allow-anonymous-reads": { type: "boolean" },
    verbose: { type: "boolean" },
  },
  maxPositionals: 0,
  async run(ctx) {
    const portSetting = setting(ctx, "port");
    const port = portSetting === undefined ? DEFAULTS.port : parsePort(portSetting.value);
    if (port === undefined)
      return usage(ctx, `invalid ${portSetting!.source} '${portSetting!.value}' (a port, 0-65535)`);
    const sizes: Record<"max-size" | "max-blob-size", number> = {
      "max-size": DEFAULTS.maxSize,
      "max-blob-size": DEFAULTS.maxBlobSize,
    };
    const given: Partial<Record<"max-size" | "max-blob-size", string>> = {};
    for (const key of ["max-size", "max-blob-size"] as const) {
      const s = setting(ctx, key);
      if (s === undefined) continue;
      const n = parseSize(s.value);
      if (n === undefined) return usage(ctx, `invalid ${s.source} '${s.value}' (e.g. 1073741824, 512M, 10G)`);
      sizes[key] = n;
      given[key] = s.source;
    }
    const memory = setting(ctx, "memory-cache");
    const memoryCacheSize =
      memory === undefined ? undefined : memory.value.trim() === "0" ? 0 : parseSize(memory.value);
    if (memoryCacheSize === undefined && memory !== undefined)
      return usage(ctx, `invalid ${memory.source} '${memory.value}' (e.g. 0, 64M, 1G)`);
    if (sizes["max-blob-size"] > sizes["max-size"]) {
      // The default blob limit follows a smaller store; only an explicit one can conflict.
      if (given["max-blob-size"] === undefined) sizes["max-blob-size"] = sizes["max-size"];
      else
        return usage(
          ctx,
          `${given["max-blob-size"]} (${sizes["max-blob-size"]} bytes) is larger than the store's maximum size (${sizes["max-size"]} bytes)`,
        );
    }
    const switches: Partial<Record<Key, boolean>> = {};
    for (const key of ["read-only", "allow-anonymous-reads", "verbose"] as const) {
      const v = boolSetting(ctx, key);
      if (v === "invalid") return usage(ctx, `${SERVE_ENV[key]} must be true or false`);
      switches[key] = v;
    }
    let tokens: readonly TokenEntry[] | undefined;
    let tokensWarning: string | undefined;
    const tokensFile = stringSetting(ctx, "tokens-file");
    if (tokensFile !== undefined) {
      const loaded = loadTokensFile(resolve(ctx.cwd, tokensFile));
      if (!loaded.ok) {
        ctx.stderr.write(`error: ${tokensFile}: ${loaded.error}\n`);
        return EXIT_FAILURE;
      }
      tokens = loaded.tokens;
      tokensWarning = loaded.warning;
    }
    const logger = stderrLogger(ctx, switches.verbose === true);
    if (tokensWarning) logger.warn(tokensWarning);
    const config: ServiceConfig = {
      host: stringSetting(ctx, "host") ?? DEFAULTS.host,
      port,
      dataDir: resolve(ctx.cwd, stringSetting(ctx, "data-dir") ?? DEFAULTS.dataDir),
      maxSize: sizes["max-size"],
      maxBlobSize: sizes["max-blob-size"],
      memoryCacheSize,
      tokens,
      readOnly: switches["read-only"] === true,
      allowAnonymousReads: switches["allow-anonymous-reads"] === true,
      logger,
    };
    if (!tokens)
      logger.warn("no tokens file: authentication is off, anyone who can reach the port may read and write");
    else if (tokens.length === 0)
      // An empty mounted secret is an easy mistake; say what it means instead of 401s only.
      logger.warn(
        `the tokens file holds no tokens: nobody can write${config.allowAnonymousReads ? "" : ", and every read is refused (401)"}`,
      );

    let handle;
    try {
      handle = await startServer(config);
    } catch (e) {
      ctx.stderr.write(`error: cannot start the cache service: ${(e as Error).message}\n`);
      return EXIT_FAILURE;
    }
    // One machine-readable line on stdout, for scripts and tests that asked for port 0.
    ctx.stdout.write(`listening on ${handle.url}\n`);

    const server = handle;
    await new Promise<void>((done) => {
      const stop = (signal: string) => {
        process.off("SIGTERM", onTerm);
        process.off("SIGINT", onInt);
        logger.info(`${signal} received`);
        server.close().then(done, done);
      };
      const onTerm = () => stop("SIGTERM");
      const onInt = () => stop("SIGINT");
      process.on("SIGTERM", onTerm);
      process.on("SIGINT", onInt);
    });
    return EXIT_OK;
  },
};
