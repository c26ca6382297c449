/**
 * The command line as a user with a real repository meets it: machine-readable output on every
 * path (`--json` usage errors included), reports and outputs that cannot be written.
 */

import test from "ava";
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { ROOT, cli, copyProject } from "./helpers.ts";

test("--json usage errors are one JSON document on stdout, exit 2, nothing on stderr", async (t) => {
  const dir = copyProject(t, "examples/hello");
  const cases: [string[], RegExp][] = [
    [["frobnicate", "--json"], /unknown command 'frobnicate'/],
    [["--frobnicate", "--json"], /unknown option '--frobnicate'/],
    [["check", "--frob", "--json"], /--frob/],
    [["check", "a.bd", "b.bd", "--json"], /unexpected argument 'b.bd'/],
    [["build", "--kind", "dll", "--json"], /unknown output kind 'dll'/],
    [["build", "--output", "", "--json"], /--output needs/],
    [["test", "--shard", "3/2", "--json"], /--shard takes i\/n/],
    [["test", "--json", "--timeout-ms", "soon"], /--timeout-ms takes a positive integer/],
    [["assemble", "--max-units", "0", "--json"], /--max-units/],
    [["parse", "--json"], /missing the file to parse/],
    // run's stdout is the program's: --json there would mix a JSON document into it.
    [["run", "--json"], /`run` has no --json/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(dir, args);
    t.is(r.code, 2, args.join(" "));
    t.is(r.stderr, "", args.join(" "));
    const doc = JSON.parse(r.stdout);
    t.false(doc.ok);
    t.deepEqual(doc.diagnostics, []);
    t.regex(doc.usage_error.message, message, args.join(" "));
    t.regex(doc.usage_error.usage, /^beskid-ci /);
  }
  // Without --json the same errors stay text on stderr; a `--json` meant for the program after
  // `--` does not switch the format.
  const text = await cli(dir, ["build", "--kind", "dll"]);
  t.is(text.code, 2);
  t.is(text.stdout, "");
  t.regex(text.stderr, /^error: unknown output kind 'dll'/);
  const passed = await cli(dir, ["run", "--frob", "--", "--json"]);
  t.is(passed.code, 2);
  t.regex(passed.stderr, /^error: /);
});

// Node's recursive mkdir never returns when every mkdir answers ENOENT, as under /proc.
const procFs = existsSync("/proc/self") ? test : test.skip;

procFs("--junit and --output under /proc are clean errors, not a hang", async (t) => {
  t.timeout(120_000);
  const dir = copyProject(t, "examples/hello");
  const junit = await cli(dir, ["test", "--junit", "/proc/beskid-x/y.xml"]);
  t.is(junit.code, 1);
  t.regex(junit.stderr, /could not write the JUnit report to '\/proc\/beskid-x\/y.xml': ENOENT/);
  t.regex(junit.stdout, /Result: passed=2/, "the tests still ran and reported");
  const built = await cli(dir, ["build", "--output", "/proc/beskid-x/y"]);
  t.is(built.code, 1);
  t.regex(built.stderr, /error\[E9002\]: output could not be written: cannot create \/proc\/beskid-x/);
  const folder = await cli(dir, ["build", "--kind", "exe,static", "--output", "/proc/beskid-x/out"]);
  t.is(folder.code, 1);
  t.regex(folder.stderr, /error\[E9002\]/);
});

test("a project whose obj/ cannot be made: lower names no artifact file it did not write; build says what to do", async (t) => {
  // A file named obj stands in for a read-only checkout (the tests may run as root, which
  // ignores permissions): every write under obj/ fails, as it does there.
  const dir = copyProject(t, "examples/hello");
  writeFileSync(join(dir, "obj"), "not a folder\n");
  const lowered = await cli(dir, ["lower", "--json"]);
  t.is(lowered.code, 0, lowered.stderr);
  const doc = JSON.parse(lowered.stdout);
  t.true(doc.ok);
  t.is(doc.artifact.path, "", "no path to a file that was never written");
  t.regex(doc.artifact.sha256, /^[0-9a-f]{64}$/);
  t.regex(lowered.stderr, /warning: could not write the local cache/);
  const text = await cli(dir, ["lower"]);
  t.regex(text.stdout, /^artifact: \(not stored: no local cache\)$/m);
  // run and test still work, with one warning (no second one about a JIT module beside a
  // cache entry that does not exist).
  const tested = await cli(dir, ["test"]);
  t.is(tested.code, 0, tested.stderr);
  t.is(tested.stderr.match(/warning:/g)?.length, 1, tested.stderr);
  const built = await cli(dir, ["build"]);
  t.is(built.code, 1);
  t.regex(built.stderr, /error\[E9002\].*cannot create .*obj\/beskid\/build\/Hello/);
  t.notRegex(built.stderr, /C compile or link/);
  t.regex(built.stderr, /help: pass --output a folder that can be written/);
  const elsewhere = await cli(dir, ["build", "--output", join(dir, "out") + "/"]);
  t.is(elsewhere.code, 0, elsewhere.stderr);
  t.true(existsSync(join(dir, "out", "Hello")));
});

test("a build killed with SIGKILL mid-compile leaves no outputs, and the next build clears its staging folder", async (t) => {
  t.timeout(120_000);
  const dir = copyProject(t, "examples/hello");
  const out = join(dir, "dist");
  // A C compiler that says it started and then waits: the build is killed while it compiles.
  const marker = join(dir, "cc-started");
  const cc = join(dir, "slow-cc.sh");
  writeFileSync(cc, `#!/bin/sh\necho $$ > "${marker}"\nexec sleep 60\n`, { mode: 0o755 });
  const child = spawn(
    process.execPath,
    ["--import", import.meta.resolve("tsx"), join(ROOT, "src/cli/bin.ts"), "build", "--output", out + "/"],
    { cwd: dir, env: { ...process.env, CC: cc, NO_COLOR: "1" }, stdio: "ignore" },
  );
  while (!existsSync(marker) || readFileSync(marker, "utf8").trim() === "")
    await new Promise((r) => setTimeout(r, 50));
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
  process.kill(Number(readFileSync(marker, "utf8").trim()), "SIGKILL");
  const left = readdirSync(out);
  t.deepEqual(
    left.filter((n) => !n.startsWith(".beskid-build-")),
    [],
    "no output was put in place",
  );
  t.is(left.length, 1, "the killed build's staging folder is there");
  // Another build's staging folder whose process still runs is not touched.
  const live = spawn("sleep", ["60"]);
  t.teardown(() => live.kill("SIGKILL"));
  mkdirSync(join(out, `.beskid-build-${live.pid}-abcdef`));
  const again = await cli(dir, ["build", "--output", out + "/"]);
  t.is(again.code, 0, again.stderr);
  t.deepEqual(readdirSync(out).sort(), [`.beskid-build-${live.pid}-abcdef`, "Hello"]);
});

test("colour follows stderr, where diagnostics go: not when only stdout is a terminal; NO_COLOR wins", async (t) => {
  const dir = copyProject(t, "examples/hello");
  const run = async (ttys: number[], env: Record<string, string> = {}) => {
    let stderr = "";
    const code = await main(["check", "--target", "Nope"], {
      stdout: { write: () => undefined },
      stderr: { write: (s) => void (stderr += s) },
      cwd: dir,
      env,
      isTty: ttys.includes(1),
      ttys,
    });
    t.is(code, 1);
    t.regex(stderr, /error\[E3005\]/);
    return stderr.includes("\x1b[");
  };
  t.false(await run([0, 1]), "stderr redirected to a file from a terminal: no escape codes");
  t.true(await run([2]), "stderr on a terminal, stdout piped: coloured");
  t.false(await run([1, 2], { NO_COLOR: "1" }));
  t.true(await run([1, 2], { NO_COLOR: "" }), "an empty NO_COLOR does not count (no-color.org)");
});

test("--junit naming a folder (existing, or ending in a slash) writes junit.xml inside it, as the action does", async (t) => {
  const dir = copyProject(t, "examples/hello");
  mkdirSync(join(dir, "existing"));
  for (const [given, file] of [
    ["existing", "existing/junit.xml"],
    ["fresh/", "fresh/junit.xml"],
    ["deep/er/", "deep/er/junit.xml"],
    ["plain.xml", "plain.xml"],
  ] as const) {
    const r = await cli(dir, ["test", "--junit", given]);
    t.is(r.code, 0, `${given}: ${r.stderr}`);
    t.regex(readFileSync(join(dir, file), "utf8"), /<testsuites /, given);
  }
  t.false(statSync(join(dir, "fresh")).isFile(), "a trailing slash never becomes a file");
});

test("a read-only project: a missing lock is E9002 with the way out; --frozen with a committed lock runs", async (t) => {
  t.timeout(120_000);
  const dir = copyProject(t, "examples/hello");
  // Root ignores permissions: then the command runs as `nobody`, which cannot write there.
  const asRoot = process.getuid?.() === 0;
  chmodSync(dirname(dir), 0o755);
  const cli2 = (args: string[]) =>
    spawnSync(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), join(ROOT, "src/cli/bin.ts"), ...args],
      {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", HOME: dir },
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      },
    );
  rmSync(join(dir, "Project.lock"), { force: true });
  chmodSync(dir, 0o555);
  t.teardown(() => chmodSync(dir, 0o755));
  const missing = cli2(["check"]);
  t.is(missing.status, 1, missing.stderr);
  t.regex(missing.stderr, /error\[E9002\]: output could not be written: .*Project\.lock/);
  t.regex(missing.stderr, /help: the project folder cannot be written: commit the Project\.lock .* --frozen/);
  t.notRegex(missing.stderr, /\n\s+at /);
  chmodSync(dir, 0o755);
  t.is((await cli(dir, ["check"])).code, 0, "a writable checkout (its owner) writes the lock");
  chmodSync(dir, 0o555);
  const frozen = cli2(["test", "--frozen"]);
  t.is(frozen.status, 0, frozen.stderr);
  t.regex(frozen.stdout, /Result: passed=2/);
});
