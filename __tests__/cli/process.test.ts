/**
 * The `beskid-ci` command as a real process (bin.ts run from source in a child): what the
 * in-process `main` tests cannot see, such as the reader of stdout going away.
 */

import test from "ava";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./helpers.ts";

test("a closed stdout pipe (run | head -1) ends the command with 141 and no stack trace", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "beskid-pipe-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "Lines.bd");
  writeFileSync(
    file,
    'use Core.Output;\n\ni32 Main() {\n    for i in range(0, 2000000) {\n        Output.WriteLine("line ${i}");\n    }\n    return 0;\n}\n',
  );
  const proc = spawn(process.execPath, ["--import", "tsx", "src/cli/bin.ts", "run", file], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  proc.stderr!.on("data", (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const first = await Promise.race([
    new Promise<string>((resolve) => proc.stdout!.once("data", (d) => resolve(String(d)))),
    exit.then(() => ""),
  ]);
  t.regex(first, /^line 0\n/);
  proc.stdout!.destroy();
  const code = await exit;
  t.is(err, "");
  t.is(code, 141);
});
