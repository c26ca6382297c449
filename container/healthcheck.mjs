// The image's HEALTHCHECK: exit 0 when `beskid-ci serve` answers GET /healthz, 1 otherwise.
// Reads the same BESKID_SERVE_* variables as the service; a wildcard bind address is
// checked through the loopback interface. Irrelevant for CLI runs of the image.
const port = process.env.BESKID_SERVE_PORT || "8080";
const bind = process.env.BESKID_SERVE_HOST || "127.0.0.1";
const host = bind === "0.0.0.0" || bind === "::" || bind === "" ? "127.0.0.1" : bind;
const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}/healthz`;
try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
  process.exitCode = res.ok ? 0 : 1;
} catch {
  process.exitCode = 1;
}
