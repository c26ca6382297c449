/**
 * `CC` and `AR` from the caller's environment, with the real C compiler: a value naming a
 * compiler whose path has spaces (as a whole, or quoted with flags after it) is run as that
 * one command, not split at its spaces.
 */

import test from "ava";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { build } from "../../src/pipeline/index.ts";
import { REPO, runProcess, tempDir } from "./helpers.ts";

function which(cmd: string): string {
  return execFileSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).trim();
}

test("CC and AR may be paths with spaces, whole or quoted with flags", async (t) => {
  const root = tempDir("beskid-aot-toolchain-");
  const tools = join(root, "my tools");
  mkdirSync(tools);
  symlinkSync(which("cc"), join(tools, "cc"));
  symlinkSync(which("ar"), join(tools, "ar"));
  const dir = join(root, "app");
  cpSync(join(REPO, "__tests__", "fixtures", "aot", "app"), dir, { recursive: true });
  const cc = join(tools, "cc");
  const ar = join(tools, "ar");
  for (const env of [
    { CC: cc, AR: ar },
    { CC: `"${cc}" -DBESKID_QUOTED=1`, AR: `'${ar}'` },
  ]) {
    const r = await build(
      { cwd: dir, command: "build" },
      { enabled: false },
      { kinds: ["exe", "static"], output: join(root, "out") },
      env,
    );
    t.true(r.ok, `${JSON.stringify(env)}: ${JSON.stringify(r.diagnostics)}`);
    t.is((await runProcess(join(root, "out", "hello"))).exit, 3);
  }
});
