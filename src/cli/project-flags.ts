/**
 * The project flags every pipeline command shares (`--project`, `--target`,
 * `--workspace-member`, `--locked`, `--frozen`) and the cache flags, turned into pipeline
 * requests. Environment variables are read here, at the surface, and nowhere deeper.
 */

import type { CacheRequest, ProjectRequest } from "../pipeline/api.ts";
import { boolFlag, stringFlag, type CommandContext, type OptionSpec } from "./command.ts";

export const PROJECT_OPTIONS: OptionSpec = {
  project: { type: "string", short: "p" },
  target: { type: "string", short: "t" },
  "workspace-member": { type: "string" },
  locked: { type: "boolean" },
  frozen: { type: "boolean" },
  json: { type: "boolean" },
};

export const CACHE_OPTIONS: OptionSpec = {
  "no-cache": { type: "boolean" },
  "cache-dir": { type: "string" },
  "remote-cache": { type: "string" },
};

export const PROJECT_FLAG_HELP = [
  {
    name: "--project, -p P",
    help: "project folder or manifest (default: nearest manifest above the input or cwd)",
  },
  { name: "--target, -t T", help: "target label (default: the first App target, else the first target)" },
  { name: "--workspace-member M", help: "workspace member to use" },
  { name: "--locked", help: "fail if Project.lock is missing (E3023) or stale (E3022)" },
  { name: "--frozen", help: "like --locked, and never write Project.lock (E3023)" },
  { name: "--json", help: "print results and diagnostics as JSON" },
];

export const CACHE_FLAG_HELP = [
  { name: "--no-cache", help: "do not read or write the lowered-artifact cache" },
  { name: "--cache-dir DIR", help: "local cache folder (default: <project>/obj/beskid/cache)" },
  { name: "--remote-cache URL", help: "remote cache service (token from BESKID_CACHE_TOKEN)" },
];

export function projectRequest(ctx: CommandContext, command: ProjectRequest["command"]): ProjectRequest {
  const input = ctx.positionals[0];
  const project = stringFlag(ctx, "project");
  const target = stringFlag(ctx, "target");
  const member = stringFlag(ctx, "workspace-member");
  const corelib = ctx.env.BESKID_CORELIB_ROOT;
  return {
    cwd: ctx.cwd,
    command,
    lockMode: boolFlag(ctx, "frozen") ? "frozen" : boolFlag(ctx, "locked") ? "locked" : "default",
    ...(input !== undefined ? { input } : {}),
    ...(project !== undefined ? { project } : {}),
    ...(target !== undefined ? { target } : {}),
    ...(member !== undefined ? { workspaceMember: member } : {}),
    ...(corelib ? { corelibRoot: corelib } : {}),
  };
}

export function cacheRequest(ctx: CommandContext): CacheRequest {
  const dir = stringFlag(ctx, "cache-dir");
  const remote = stringFlag(ctx, "remote-cache") ?? ctx.env.BESKID_REMOTE_CACHE_URL;
  const token = ctx.env.BESKID_CACHE_TOKEN;
  return {
    enabled: !boolFlag(ctx, "no-cache"),
    ...(dir !== undefined ? { dir } : {}),
    ...(remote ? { remote: { url: remote, ...(token ? { token } : {}) } } : {}),
    warn: (message) => ctx.stderr.write(`warning: ${message}\n`),
  };
}
