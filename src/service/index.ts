/**
 * The container's HTTP service (`beskid-ci serve`): a remote cache for lowered artifacts.
 * This barrel is what the `serve` command and the tests import; it starts nothing itself.
 */

export { startServer, type ServerHandle } from "./server.ts";
export { DEFAULTS, parsePort, parseSize, type Logger, type ServiceConfig } from "./config.ts";
export { authorize, loadTokensFile, parseTokens, type Rights, type TokenEntry } from "./auth.ts";
