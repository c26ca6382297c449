/**
 * The action as a Beskid developer meets it, with projects written on the spot: a compile error
 * in a path dependency, many failing tests and a panicking one (the annotation budget), a
 * warning-only project, a project folder whose path has spaces, and very long failure messages
 * (the 1 MiB summary). In-process against the fake GitHub, serial like flows.test.ts.
 */

import test from "ava";
import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { FakeGitHub } from "../fakes/github/server.ts";
import { makeWorkspace, runAction, type RunOptions } from "../fakes/github/runner.ts";
import { pipelineToolchain } from "../../src/action/toolchain.ts";
import { inProcessRunner } from "./helpers.ts";

const runner = inProcessRunner(pipelineToolchain({ PATH: process.env.PATH }));

/** Writes `files` (path → text) into a fresh folder and runs the action on a copy of it. */
async function runOn(files: Record<string, string>, opts: RunOptions, as = ".") {
  const src = mkdtempSync(join(tmpdir(), "beskid-situation-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(src, path)), { recursive: true });
    writeFileSync(join(src, path), text);
  }
  const fake = await new FakeGitHub().start();
  const ws = makeWorkspace(src, as);
  try {
    const r = await runAction(ws, fake, opts, runner);
    return { r, ws, fake };
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
}

function app(name: string, extra = ""): string {
  return `project {\n    name = "${name}"\n    version = "0.1.0"\n    root = "Src"\n}\n\ntarget "${name}" {\n    kind = App\n    entry = "Main.bd"\n}\n${extra}`;
}

const annotations = (log: string, kind: "error" | "warning") =>
  [...log.matchAll(new RegExp(`^::${kind} ([^:]*)::(.*)$`, "gm"))].map((m) => ({
    props: m[1]!,
    text: m[2]!,
  }));

test.serial("a compile error in a path dependency is annotated in the dependency's file", async (t) => {
  const { r, ws, fake } = await runOn(
    {
      "app/Project.proj": app("App", `\ndependency "Util" {\n    source = path\n    path = "../util"\n}\n`),
      "app/Src/Main.bd": 'use Util.Strings;\n\ni32 Main() {\n    return Strings.Count("abc");\n}\n',
      "util/Project.proj":
        'project {\n    name = "Util"\n    version = "0.1.0"\n}\ntarget "Util" {\n    kind = Lib\n    entry = "Util/Strings.bd"\n}\n',
      "util/Src/Util/Strings.bd": 'pub i32 Count(string s) {\n    return "three";\n}\n',
    },
    { inputs: { project: "app", test: "true" } },
  );
  try {
    t.deepEqual(r.failed, ["lower"], r.log);
    t.is(r.action.conclusion, "failure");
    const errs = annotations(r.log, "error").filter((a) => /^title=E\d+/.test(a.props));
    t.true(errs.length >= 1, r.log);
    t.regex(errs[0]!.props, /file=util\/Src\/Util\/Strings\.bd,line=2,/, r.log);
    for (const name of ["cache-hit", "artifact-digest", "tests-failed", "outputs"])
      t.true(name in r.action, name);
    t.is(r.action.outputs, "[]");
  } finally {
    ws.cleanup();
    await fake.close();
  }
});

function manyFailures(count: number, message: string): string {
  const tests = Array.from(
    { length: count },
    (_, i) => `test Fails${i} {\n    Assert.Equal(${i}, ${i + 1}, "${message}${i}");\n}\n`,
  ).join("\n");
  return `use Testing.Assert;\n\ni32 Main() {\n    return 0;\n}\n\ntest Passes {\n    Assert.Equal(1, 1, "one");\n}\n\ntest Panics {\n    i32 zero = 0;\n    i32 x = 10 / zero;\n    Assert.Equal(x, 1, "unreached");\n}\n\n${tests}`;
}

test.serial(
  "30 failing tests and a panicking one: 10 annotations, every failure in the summary, the rest counted",
  async (t) => {
    const { r, ws, fake } = await runOn(
      { "Project.proj": app("Many"), "Src/Main.bd": manyFailures(30, "value ") },
      { inputs: { test: "true", build: "false" } },
    );
    try {
      t.deepEqual(r.failed, ["test"], r.log);
      t.is(r.action.conclusion, "tests-failed");
      t.is(r.action["tests-failed"], "31");
      t.is(r.action["tests-passed"], "1");
      const testStep = r.steps.find((s) => s.step === "test")!;
      const errs = annotations(testStep.log, "error").filter((a) => /title=Test failed/.test(a.props));
      t.is(errs.length, 10, testStep.log);
      for (const e of errs) t.regex(e.props, /file=Src\/Main\.bd,line=\d+,col=\d+$/);
      const panic = /- \*\*[^*]*Panics\*\* \(failed\) at `Src\/Main\.bd:(\d+)`: (.*)$/m.exec(r.summary);
      t.truthy(panic, r.summary);
      t.regex(panic![2]!, /division by zero/);
      t.is([...r.summary.matchAll(/^- \*\*.*\(failed\) at /gm)].length, 31);
      t.regex(r.summary, /21 failing tests were not annotated/);
      t.notRegex(r.summary, /### Diagnostics/, "no compile diagnostics, so no diagnostics section");
      t.regex(
        r.summary,
        /\| Project \| `Many` \(`Project\.proj`\) \|/,
        "the manifest path is workspace-relative",
      );
    } finally {
      ws.cleanup();
      await fake.close();
    }
  },
);

test.serial(
  "a warning-only project in a folder with spaces: green, warnings annotated, paths intact, warm run too",
  async (t) => {
    const files = {
      "Project.proj": app("Spaced"),
      "Src/Main.bd":
        'use Core.Output;\nuse Testing.Assert;\n\ni32 Main() {\n    i32 x = 1;\n    x = 2;\n    return 0;\n}\n\ntest Ok {\n    Assert.Equal(1, 1, "one");\n}\n',
    };
    const fake = await new FakeGitHub().start();
    const src = mkdtempSync(join(tmpdir(), "beskid-situation-"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(src, path)), { recursive: true });
      writeFileSync(join(src, path), text);
    }
    try {
      for (const round of ["cold", "warm"]) {
        const ws = makeWorkspace(src, "my project");
        const r = await runAction(
          ws,
          fake,
          { inputs: { project: "my project", test: "true", "junit-path": "test reports/junit.xml" } },
          runner,
        );
        try {
          t.deepEqual(r.failed, [], r.log);
          t.is(r.action.conclusion, "success", round);
          t.is(r.action["cache-hit"], String(round === "warm"), round);
          const warns = annotations(r.log, "warning").filter((a) => /^title=W\d+/.test(a.props));
          t.true(warns.length >= 1, `${round}: ${r.log}`);
          for (const w of warns) t.regex(w.props, /file=my project\/Src\/Main\.bd,line=\d+/);
          t.is(annotations(r.log, "error").length, 0, round);
          t.deepEqual(JSON.parse(r.action.outputs!), ["my project/obj/beskid/build/Spaced/Spaced"], round);
          t.regex(readFileSync(join(ws.workspace, "test reports/junit.xml"), "utf8"), /<testsuite/);
          t.regex(r.summary, /\d+ warnings\./, round);
        } finally {
          ws.cleanup();
        }
      }
    } finally {
      rmSync(src, { recursive: true, force: true });
      await fake.close();
    }
  },
);

test.serial("very long failure messages: summary under 1 MiB, annotations kept short", async (t) => {
  const long = "x".repeat(300_000);
  const { r, ws, fake } = await runOn(
    { "Project.proj": app("Long"), "Src/Main.bd": manyFailures(12, long) },
    { inputs: { test: "true", build: "false" } },
  );
  try {
    t.deepEqual(r.failed, ["test"], r.log.slice(0, 2000));
    t.is(r.action["tests-failed"], "13");
    t.true(Buffer.byteLength(r.summary) < 1024 * 1024, `summary is ${Buffer.byteLength(r.summary)} bytes`);
    t.regex(r.summary, /Fails11\*\* \(failed\)/);
    const errs = annotations(r.log, "error").filter((a) => /title=Test failed/.test(a.props));
    t.is(errs.length, 10);
    for (const e of errs) t.true(e.text.length <= 4100, `annotation of ${e.text.length} characters`);
    t.true(errs.some((e) => /Fails3 failed: Assertion failed: x+…/.test(e.text)));
  } finally {
    ws.cleanup();
    await fake.close();
  }
});

function lib(name: string): string {
  return `project {\n    name = "${name}"\n    version = "0.1.0"\n    root = "Src"\n}\n\ntarget "${name}" {\n    kind = Lib\n    entry = "${name}.bd"\n}\n`;
}

test.serial(
  "build kinds per target kind: every kind of an App, a Lib's default, a Lib asked for an exe",
  async (t) => {
    const appFiles = { "Project.proj": app("Kinds"), "Src/Main.bd": "i32 Main() {\n    return 0;\n}\n" };
    const all = await runOn(appFiles, { inputs: { kinds: "exe,shared,static,object,wasm" } });
    try {
      t.deepEqual(all.r.failed, [], all.r.log);
      const outs = JSON.parse(all.r.action.outputs!) as string[];
      // The five kinds plus the C header that comes with the shared and static libraries.
      t.deepEqual(outs.map((o) => o.split("/").at(-1)).sort(), [
        "Kinds",
        "Kinds.h",
        "Kinds.o",
        "Kinds.wasm",
        "libKinds.a",
        "libKinds.so",
      ]);
      for (const kind of ["exe", "shared", "static", "object", "wasm"])
        t.regex(all.r.summary, new RegExp(`\\| ${kind} \\| `), kind);
    } finally {
      all.ws.cleanup();
      await all.fake.close();
    }

    const libFiles = {
      "Project.proj": lib("Shapes"),
      "Src/Shapes.bd": "pub i32 Sides() {\n    return 4;\n}\n",
    };
    const dflt = await runOn(libFiles, { inputs: {} });
    try {
      t.deepEqual(dflt.r.failed, [], dflt.r.log);
      const outs = JSON.parse(dflt.r.action.outputs!) as string[];
      t.true(outs.length >= 1, dflt.r.log);
      t.notRegex(dflt.r.summary, /\| exe \| /, "a Lib builds no executable by default");
    } finally {
      dflt.ws.cleanup();
      await dflt.fake.close();
    }

    const exe = await runOn(libFiles, { inputs: { kinds: "exe" } });
    try {
      t.deepEqual(exe.r.failed, ["build"], exe.r.log);
      t.is(exe.r.action.conclusion, "failure");
      const errs = annotations(exe.r.log, "error");
      t.true(
        errs.some((e) => /^title=E\d+/.test(e.props)),
        exe.r.log,
      );
      t.notRegex(exe.r.log, /internal error|\n\s+at .*\.ts:\d+/, "no stack trace");
    } finally {
      exe.ws.cleanup();
      await exe.fake.close();
    }
  },
);

/** The `run:` script of action.yml's "check node" step, as bash runs it. */
function checkNodeScript(): string {
  const yml = readFileSync(join(import.meta.dirname, "../../action.yml"), "utf8");
  const block = yml.slice(yml.indexOf('- name: "beskid-ci: check node"'));
  const run = block.slice(block.indexOf("run: |\n") + "run: |\n".length);
  const lines: string[] = [];
  for (const line of run.split("\n")) {
    if (line.trim() !== "" && !line.startsWith("        ")) break;
    lines.push(line.slice(8));
  }
  return lines.join("\n");
}

test.serial("the node check: missing node and Node 18 fail plainly, Node 20 and 22 pass", (t) => {
  const bin = mkdtempSync(join(tmpdir(), "beskid-node-"));
  const script = checkNodeScript();
  const bash = execFileSync("bash", ["-c", "command -v bash"], { encoding: "utf8" }).trim();
  const check = (version: string | undefined) => {
    rmSync(join(bin, "node"), { force: true });
    if (version !== undefined) {
      // A stand-in node that answers the two questions the check asks.
      writeFileSync(
        join(bin, "node"),
        `#!${bash}\nif [ "$1" = "--version" ]; then echo v${version}; else echo ${version.split(".")[0]}; fi\n`,
        { mode: 0o755 },
      );
    }
    // The check needs nothing but bash builtins and node, so the PATH holds only the stand-in.
    const r = spawnSync(bash, ["-c", script], { env: { PATH: bin }, encoding: "utf8" });
    return { code: r.status, out: r.stdout + r.stderr };
  };
  try {
    const none = check(undefined);
    t.is(none.code, 1);
    t.regex(
      none.out,
      /^::error title=beskid-ci::No 'node' on the PATH\. beskid-ci needs Node\.js 20 or newer/m,
    );
    const old = check("18.19.0");
    t.is(old.code, 1, old.out);
    t.regex(
      old.out,
      /::error title=beskid-ci::Found Node\.js v18\.19\.0 at .*node; beskid-ci needs Node\.js 20 or newer/,
    );
    for (const v of ["20.0.0", "22.11.0"]) t.is(check(v).code, 0, v);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

test.serial(
  "a release from two matrix jobs: SHA256SUMS lists every asset, not only the last job's",
  async (t) => {
    const fake = await new FakeGitHub().start();
    const src = mkdtempSync(join(tmpdir(), "beskid-situation-"));
    writeFileSync(join(src, "Project.proj"), app("Multi"));
    mkdirSync(join(src, "Src"));
    writeFileSync(join(src, "Src/Main.bd"), "i32 Main() {\n    return 0;\n}\n");
    try {
      for (const [job, kinds] of [
        ["exe", "exe"],
        ["libs", "static,wasm"],
      ] as const) {
        const ws = makeWorkspace(src);
        const r = await runAction(
          ws,
          fake,
          { inputs: { release: "true", kinds }, ref: "refs/tags/v2.0.0", job, runId: "7001" },
          runner,
        );
        ws.cleanup();
        t.deepEqual(r.failed, [], r.log);
      }
      t.is(fake.releases.length, 1);
      const assets = fake.releases[0]!.assets;
      const sums = assets.find((a) => a.name === "SHA256SUMS")!.data.toString("utf8");
      const expected = assets
        .filter((a) => a.name !== "SHA256SUMS")
        .map((a) => `${createHash("sha256").update(a.data).digest("hex")}  ${a.name}`)
        .sort();
      t.true(expected.length >= 3, expected.join("\n"));
      t.deepEqual(sums.trimEnd().split("\n").sort(), expected);
    } finally {
      rmSync(src, { recursive: true, force: true });
      await fake.close();
    }
  },
);

test.serial(
  "a release from matrix jobs on two operating systems: each job's exe is its own asset",
  async (t) => {
    const fake = await new FakeGitHub().start();
    const src = mkdtempSync(join(tmpdir(), "beskid-situation-"));
    writeFileSync(join(src, "Project.proj"), app("Multi"));
    mkdirSync(join(src, "Src"));
    writeFileSync(join(src, "Src/Main.bd"), "i32 Main() {\n    return 0;\n}\n");
    try {
      for (const [os, arch] of [
        ["Linux", "X64"],
        ["macOS", "ARM64"],
      ] as const) {
        const ws = makeWorkspace(src);
        const r = await runAction(
          ws,
          fake,
          {
            inputs: { release: "true", kinds: "exe,static" },
            ref: "refs/tags/v3.0.0",
            job: "release",
            runId: "7002",
            extraEnv: { RUNNER_OS: os, RUNNER_ARCH: arch },
          },
          runner,
        );
        ws.cleanup();
        t.deepEqual(r.failed, [], r.log);
      }
      t.is(fake.releases.length, 1);
      const names = fake.releases[0]!.assets.map((a) => a.name).sort();
      t.deepEqual(names, [
        "Multi-linux-x64",
        "Multi-linux-x64.h",
        "Multi-macos-arm64",
        "Multi-macos-arm64.h",
        "SHA256SUMS",
        "libMulti-linux-x64.a",
        "libMulti-macos-arm64.a",
      ]);
      const sums = fake.releases[0]!.assets.find((a) => a.name === "SHA256SUMS")!.data.toString("utf8");
      t.deepEqual(
        sums
          .trimEnd()
          .split("\n")
          .map((l) => l.slice(66))
          .sort(),
        names.filter((n) => n !== "SHA256SUMS"),
      );
    } finally {
      rmSync(src, { recursive: true, force: true });
      await fake.close();
    }
  },
);

test.serial(
  "junit-path naming a folder gets junit.xml inside it; an unwritable path fails the step plainly",
  async (t) => {
    const files = {
      "Project.proj": app("J"),
      "Src/Main.bd":
        'use Testing.Assert;\n\ni32 Main() {\n    return 0;\n}\n\ntest Ok {\n    Assert.Equal(1, 1, "one");\n}\n',
    };
    for (const junit of [".", "reports/"]) {
      const { r, ws, fake } = await runOn(files, {
        inputs: { test: "true", build: "false", "junit-path": junit },
      });
      try {
        t.deepEqual(r.failed, [], r.log);
        t.regex(readFileSync(join(ws.workspace, junit, "junit.xml"), "utf8"), /<testsuite/, junit);
      } finally {
        ws.cleanup();
        await fake.close();
      }
    }
    const { r, ws, fake } = await runOn(files, {
      inputs: { test: "true", build: "false", "junit-path": "Project.proj/junit.xml" },
    });
    try {
      t.deepEqual(r.failed, ["test"]);
      t.true(
        r.errors.some((e) =>
          /could not write the JUnit report to `Project\.proj\/junit\.xml` \(input `junit-path`\)/.test(e),
        ),
        r.log,
      );
      t.notRegex(r.log, /internal error/);
    } finally {
      ws.cleanup();
      await fake.close();
    }
  },
);

test.serial(
  "a matrix entry name with odd characters in artifact-name: refused before anything runs, clearly",
  async (t) => {
    const { r, ws, fake } = await runOn(
      { "Project.proj": app("Odd"), "Src/Main.bd": "i32 Main() {\n    return 0;\n}\n" },
      { inputs: { "artifact-name": 'hello-Linux / gcc: "x64"' } },
    );
    try {
      t.deepEqual(r.ran, ["resolve", "report"]);
      t.true(
        r.errors.some(
          (e) => /Input `artifact-name` must not contain any of/.test(e) && /hello-Linux \/ gcc/.test(e),
        ),
        r.log,
      );
      t.is(r.action.conclusion, "invalid-input");
      t.is(r.action.outputs, "[]");
      t.is(fake.artifacts.length, 0);
    } finally {
      ws.cleanup();
      await fake.close();
    }
  },
);
