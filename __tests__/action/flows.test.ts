/**
 * The action's flows in-process against the fake GitHub: cold run, warm run, restore-key
 * hit, read-only cache, every cache fault, artifacts (and a duplicate name), test gating,
 * and release publishing. Serial: the clients read `process.env` at call time.
 */

import test from "ava";
import { createHash } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FakeGitHub } from "../fakes/github/server.ts";
import { makeWorkspace, runAction, type RunOptions, type RunResult } from "../fakes/github/runner.ts";
import type { ActionState } from "../../src/action/state.ts";
import { OUTPUTS } from "../../src/action/inputs.ts";
import { FIXTURES, inProcessRunner } from "./helpers.ts";
import { pipelineToolchain } from "../../src/action/toolchain.ts";

const runner = inProcessRunner(pipelineToolchain({ PATH: process.env.PATH }));

/** Whether the run's lower step really lowered (false: the artifact came from the cache). */
function lowered(r: RunResult): boolean {
  const state = JSON.parse(
    readFileSync(join(r.outputs.resolve!["state-dir"]!, "state.json"), "utf8"),
  ) as ActionState;
  return state.lower?.cacheHit === false;
}

async function fresh() {
  const fake = await new FakeGitHub().start();
  return fake;
}

function run(fixture: string, fake: FakeGitHub, opts: RunOptions) {
  const ws = makeWorkspace(join(FIXTURES, fixture));
  return { ws, result: runAction(ws, fake, opts, runner) };
}

test.serial("cold run: miss, lower, save; warm run: exact hit, nothing lowered, no save", async (t) => {
  const fake = await fresh();
  try {
    const cold = run("greeter", fake, { inputs: { test: "true" } });
    const r1 = await cold.result;
    t.deepEqual(r1.failed, [], r1.log);
    t.deepEqual(r1.ran, ["resolve", "restore", "lower", "save", "build", "upload", "test", "report"]);
    t.is(r1.action["cache-hit"], "false");
    t.regex(r1.action["cache-primary-key"]!, /^beskid-v1-linux-x64-/);
    t.true(lowered(r1));
    t.is(fake.caches.filter((c) => c.finalized).length, 1);
    t.is(r1.action.conclusion, "success");
    t.is(r1.action["tests-passed"], "2");
    t.regex(r1.summary, /Restore: \*\*miss\*\*/);
    cold.ws.cleanup();

    const warm = run("greeter", fake, { inputs: { test: "true" } });
    const r2 = await warm.result;
    t.deepEqual(r2.failed, [], r2.log);
    t.is(r2.action["cache-hit"], "true");
    t.is(r2.action["cache-matched-key"], r1.action["cache-primary-key"]);
    t.false(r2.ran.includes("save"));
    t.false(lowered(r2), "nothing lowered on the warm run");
    t.regex(r2.summary, /exact hit/);
    // The save step did not run because of the hit, and the summary says so (not the branch policy).
    t.regex(r2.summary, /- Save: \*\*skipped\*\* — exact hit, and cache entries are immutable/, r2.summary);
    warm.ws.cleanup();
  } finally {
    await fake.close();
  }
});

test.serial(
  "restore-key hit: an older entry is restored, the changed closure is lowered and saved",
  async (t) => {
    const fake = await fresh();
    try {
      const first = run("greeter", fake, { inputs: { build: "false" } });
      const r1 = await first.result;
      t.deepEqual(r1.failed, [], r1.log);
      first.ws.cleanup();
      const ws = makeWorkspace(join(FIXTURES, "greeter"));
      appendFileSync(join(ws.workspace, "Src/Main.bd"), "\n// a change to the closure\n");
      const r2 = await runAction(ws, fake, { inputs: { build: "false" } }, runner);
      t.deepEqual(r2.failed, [], r2.log);
      t.is(r2.action["cache-hit"], "false");
      t.is(r2.action["cache-matched-key"], r1.action["cache-primary-key"]);
      t.not(r2.action["cache-primary-key"], r1.action["cache-primary-key"]);
      t.true(r2.ran.includes("save"));
      t.is(fake.caches.filter((c) => c.finalized).length, 2);
      t.regex(r2.summary, /partial hit \(restore key\)/);
      ws.cleanup();
    } finally {
      await fake.close();
    }
  },
);

test.serial("read-only cache off the default branch; a read-only token scope only warns", async (t) => {
  const fake = await fresh();
  try {
    const pr = run("greeter", fake, { inputs: { build: "false" }, ref: "refs/pull/3/merge" });
    const r1 = await pr.result;
    t.deepEqual(r1.failed, [], r1.log);
    t.is(r1.outputs.resolve!["run-save"], "false");
    t.false(r1.ran.includes("save"));
    t.is(fake.caches.length, 0);
    t.regex(r1.summary, /read-only\*\* — `refs\/pull\/3\/merge` is not the default branch `main`/);
    pr.ws.cleanup();

    // Forced to save, but the token's scope is read-only: the service refuses, the build goes on.
    const forced = run("greeter", fake, {
      inputs: { build: "false", "cache-read-only": "false" },
      ref: "refs/pull/3/merge",
      readOnlyToken: true,
    });
    const r2 = await forced.result;
    t.deepEqual(r2.failed, [], r2.log);
    t.true(r2.ran.includes("save"));
    t.true(
      r2.warnings.some((w) => /Saving the cache failed/.test(w) && /cache write denied/.test(w)),
      r2.log,
    );
    t.is(r2.action.conclusion, "success");
    t.is(fake.caches.length, 0);
    forced.ws.cleanup();
  } finally {
    await fake.close();
  }
});

test.serial("faults: reservation refused and 429 keep the build green with a warning", async (t) => {
  const fake = await fresh();
  try {
    fake.faults.reservationRefused = true;
    const a = run("greeter", fake, { inputs: {} });
    const r1 = await a.result;
    t.deepEqual(r1.failed, [], r1.log);
    t.true(
      r1.warnings.some((w) => /Saving the cache failed/.test(w)),
      r1.log,
    );
    t.is(r1.action.conclusion, "success");
    t.regex(r1.summary, /Save: \*\*failed\*\*/);
    a.ws.cleanup();
    fake.faults.reservationRefused = false;

    fake.faults.rateLimitSeconds = 30;
    const b = run("greeter", fake, { inputs: {} });
    const r2 = await b.result;
    t.deepEqual(r2.failed, [], r2.log);
    t.true(
      r2.warnings.some((w) => /Restoring the cache failed/.test(w) && /Rate limited/.test(w)),
      r2.log,
    );
    t.true(
      r2.warnings.some((w) => /Saving the cache failed/.test(w)),
      r2.log,
    );
    t.is(r2.errors.length, 0, "cache problems never become error annotations");
    t.is(r2.action.conclusion, "success");
    t.truthy(fake.requests.find((q) => q.status === 429));
    b.ws.cleanup();
  } finally {
    await fake.close();
  }
});

test.serial("faults: a 500 is retried and the run recovers", async (t) => {
  const fake = await fresh();
  try {
    fake.faults.serverErrors = 1;
    const a = run("greeter", fake, { inputs: { build: "false" } });
    const r = await a.result;
    t.deepEqual(r.failed, [], r.log);
    const twirp = fake.requests.filter((q) => q.path.includes("/twirp/"));
    t.is(twirp[0]!.status, 500);
    t.is(twirp[1]!.status, 200);
    t.is(r.errors.length, 0);
    t.is(fake.caches.filter((c) => c.finalized).length, 1, "saved after the recovery");
    a.ws.cleanup();
  } finally {
    await fake.close();
  }
});

test.serial("faults: a stalled download and a corrupt archive warn, lower again, stay green", async (t) => {
  const fake = await fresh();
  try {
    const seed = run("greeter", fake, { inputs: { build: "false" } });
    t.deepEqual((await seed.result).failed, []);
    seed.ws.cleanup();

    fake.faults.corruptArchive = true;
    const a = run("greeter", fake, { inputs: { build: "false" } });
    const r1 = await a.result;
    t.deepEqual(r1.failed, [], r1.log);
    t.is(r1.action["cache-hit"], "false");
    t.true(
      r1.warnings.some((w) => /Restoring the cache failed/.test(w)),
      r1.log,
    );
    t.true(lowered(r1), "lowered again");
    t.is(r1.action.conclusion, "success");
    a.ws.cleanup();
    fake.faults.corruptArchive = false;

    fake.faults.stallDownload = true;
    const b = run("greeter", fake, { inputs: { build: "false" } });
    const r2 = await b.result;
    t.deepEqual(r2.failed, [], r2.log);
    t.true(
      r2.warnings.some((w) => /Restoring the cache failed/.test(w)),
      r2.log,
    );
    t.is(r2.action.conclusion, "success");
    t.true(lowered(r2), "lowered again");
    b.ws.cleanup();
  } finally {
    await fake.close();
  }
});

test.serial(
  "artifacts: outputs uploaded with retention and a unique name; a duplicate name fails clearly",
  async (t) => {
    const fake = await fresh();
    try {
      const a = run("greeter", fake, {
        inputs: { "retention-days": "3", "compression-level": "9" },
        runId: "5001",
      });
      const r1 = await a.result;
      t.deepEqual(r1.failed, [], r1.log);
      const uploaded = fake.artifacts.find((x) => x.id !== undefined && !x.name.endsWith("-report"))!;
      t.truthy(uploaded);
      t.regex(uploaded.name, /^beskid-Greeter-Greeter-build-linux-x64-[0-9a-f]{8}$/);
      t.is(r1.action["artifact-id"], String(uploaded.id));
      t.is(
        r1.action["artifact-url"],
        `https://github.com/octo/hello/actions/runs/5001/artifacts/${uploaded.id}`,
      );
      t.truthy(uploaded.expiresAt);
      const days = (Date.parse(uploaded.expiresAt!) - Date.now()) / 86400000;
      t.true(days > 2.9 && days < 3.1);
      const zip = fake.blobs.get(uploaded.blob)!;
      t.true(zip.includes(Buffer.from("Greeter")), "the zip names the built file");
      t.regex(uploaded.hash!, /^sha256:[0-9a-f]{64}$/);
      t.truthy(
        fake.artifacts.find((x) => x.name === `${uploaded.name}-report` && x.id !== undefined),
        "full report uploaded",
      );
      t.true((JSON.parse(r1.action.outputs!) as string[]).includes("obj/beskid/build/Greeter/Greeter"));
      t.regex(
        r1.summary,
        /\| `obj\/beskid\/build\/Greeter\/Greeter` \| exe \| [\d.]+ (B|KiB|MiB) \(\d+ bytes\) \| `[0-9a-f]{64}` \|/,
      );
      a.ws.cleanup();

      // Same run, same explicit name: the second upload is refused with 409.
      const b1 = run("greeter", fake, { inputs: { "artifact-name": "dup" }, runId: "5002" });
      t.deepEqual((await b1.result).failed, []);
      b1.ws.cleanup();
      const b2 = run("greeter", fake, { inputs: { "artifact-name": "dup" }, runId: "5002", job: "other" });
      const r2 = await b2.result;
      t.deepEqual(r2.failed, ["upload"]);
      t.true(
        r2.errors.some((e) => /an artifact named `dup` already exists/.test(e) && /artifact-name/.test(e)),
        r2.log,
      );
      t.is(r2.action.conclusion, "failure");
      t.true(r2.ran.includes("report"));
      b2.ws.cleanup();
    } finally {
      await fake.close();
    }
  },
);

test.serial("test gating: a failing test fails the step, with annotations, summary and JUnit", async (t) => {
  const fake = await fresh();
  try {
    const a = run("failing", fake, {
      inputs: { test: "true", build: "false", "junit-path": "reports/junit.xml" },
    });
    const r = await a.result;
    t.deepEqual(r.failed, ["test"]);
    t.is(r.action.conclusion, "tests-failed");
    t.is(r.action["tests-failed"], "1");
    t.is(r.action["tests-passed"], "2");
    t.true(r.ran.includes("save"), "the lowered artifact was saved before the tests ran");
    const annotation =
      /^::error title=Test failed,file=Src\/Main\.bd,line=(\d+),col=(\d+)::BrokenExpectation failed/m.exec(
        r.log,
      );
    t.truthy(annotation, r.log);
    // At the assertion that failed, not at the test's declaration.
    const source = readFileSync(join(a.ws.workspace, "Src/Main.bd"), "utf8").split("\n");
    t.regex(source[Number(annotation![1]) - 1]!.slice(Number(annotation![2]) - 1), /^Assert\./);
    t.regex(r.summary, /#### Failures/);
    t.regex(r.summary, /BrokenExpectation\*\* \(failed\) at `Src\/Main\.bd:\d+`/);
    t.regex(r.summary, /#### Slowest tests/);
    t.regex(readFileSync(join(a.ws.workspace, "reports/junit.xml"), "utf8"), /<failure message=/);
    a.ws.cleanup();

    const b = run("failing", fake, {
      inputs: { test: "true", build: "false", "fail-on-test-failure": "false" },
    });
    const r2 = await b.result;
    t.deepEqual(r2.failed, []);
    t.is(r2.action.conclusion, "tests-failed");
    t.true(r2.warnings.some((w) => /fail-on-test-failure/.test(w)));
    b.ws.cleanup();
  } finally {
    await fake.close();
  }
});

test.serial(
  "release: draft created, outputs and SHA256SUMS uploaded, published; re-run replaces; 403 names contents: write",
  async (t) => {
    const fake = await fresh();
    try {
      const opts = { inputs: { release: "true" }, ref: "refs/tags/v1.2.0" };
      const a = run("greeter", fake, opts);
      const r1 = await a.result;
      t.deepEqual(r1.failed, [], r1.log);
      t.is(r1.ran.at(-1), "release");
      t.is(fake.releases.length, 1);
      const rel = fake.releases[0]!;
      t.false(rel.draft);
      t.is(rel.tag_name, "v1.2.0");
      const names = rel.assets.map((x) => x.name);
      t.true(names.includes("Greeter-linux-x64") && names.includes("SHA256SUMS"), names.join(", "));
      const sums = rel.assets.find((x) => x.name === "SHA256SUMS")!.data.toString("utf8");
      const expected = rel.assets
        .filter((x) => x.name !== "SHA256SUMS")
        .map((x) => `${createHash("sha256").update(x.data).digest("hex")}  ${x.name}\n`);
      t.deepEqual(sums.split(/(?<=\n)/).sort(), expected.sort(), "one line per asset, matching its bytes");
      t.is(r1.action["release-url"], "https://github.com/octo/hello/releases/tag/v1.2.0");
      const firstIds = rel.assets.map((x) => x.id);
      a.ws.cleanup();

      const b = run("greeter", fake, { ...opts, runAttempt: "2" });
      const r2 = await b.result;
      t.deepEqual(r2.failed, [], r2.log);
      t.is(fake.releases.length, 1, "the same release");
      t.is(rel.assets.length, firstIds.length, "replaced, not duplicated");
      t.false(rel.assets.some((x) => firstIds.includes(x.id)));
      b.ws.cleanup();

      fake.faults.releaseForbidden = true;
      const c = run("greeter", fake, { ...opts, runAttempt: "3" });
      const r3 = await c.result;
      t.deepEqual(r3.failed, ["release"]);
      t.true(
        r3.errors.some((e) => /contents: write/.test(e)),
        r3.log,
      );
      // The report step ran before the release: the action's conclusion must still say it failed.
      t.is(r3.action.conclusion, "failure");
      t.is(r3.action["release-url"], "");
      t.regex(r3.summary, /### Release\n\nNot published: .*contents: write/);
      c.ws.cleanup();
    } finally {
      await fake.close();
    }
  },
);

test.serial(
  "invalid inputs fail the resolve step with clear errors and still set every output",
  async (t) => {
    const fake = await fresh();
    try {
      const a = run("greeter", fake, {
        inputs: { release: "true", kinds: "exe,dll", "test-shard": "3/2", cache: "yes" },
      });
      const r = await a.result;
      t.deepEqual(r.failed, ["resolve"]);
      t.deepEqual(r.ran, ["resolve", "report"]);
      t.true(r.errors.some((e) => /unknown kind `dll`/.test(e)));
      t.true(r.errors.some((e) => /`test-shard` must be `i\/n`/.test(e)));
      t.true(r.errors.some((e) => /`cache` must be `true` or `false`, got `yes`/.test(e)));
      t.true(r.errors.some((e) => /`release: true` needs a tag ref/.test(e)));
      t.is(r.action.conclusion, "invalid-input");
      for (const name of Object.keys(OUTPUTS)) t.true(name in r.action, `output ${name} is set`);
      t.regex(r.summary, /### Invalid input/);
      a.ws.cleanup();
    } finally {
      await fake.close();
    }
  },
);

test.serial(
  "compile errors: annotated at file, line and column; the lower step fails; nothing saved",
  async (t) => {
    const fake = await fresh();
    try {
      const a = run("broken", fake, { inputs: { test: "true" } });
      const r = await a.result;
      t.deepEqual(r.failed, ["lower"], r.log);
      t.deepEqual(r.ran, ["resolve", "restore", "lower", "report"]);
      const anns = [
        ...r.log.matchAll(/^::error title=(E\d+),file=Src\/Main\.bd,line=(\d+),col=(\d+)::(.*)$/gm),
      ];
      t.deepEqual(
        anns.map((m) => [m[1], m[2], m[3]]),
        [
          ["E1207", "5", "12"],
          ["E1101", "10", "12"],
        ],
        r.log,
      );
      t.regex(r.log, /\n5 \| {5}return "twice";\n/, "the log shows the source line");
      t.is(r.action.conclusion, "failure");
      t.is(r.action["artifact-digest"], "");
      t.is(fake.caches.length, 0);
      t.regex(r.summary, /### Diagnostics\n\n2 errors, 0 warnings\./);
      t.regex(r.summary, /- Save: \*\*skipped\*\* — lowering failed/);
      a.ws.cleanup();

      // `cache-save-on-failure` runs the save step anyway; with nothing lowered it has nothing to save.
      const b = run("broken", fake, { inputs: { "cache-save-on-failure": "true" } });
      const r2 = await b.result;
      t.deepEqual(r2.ran, ["resolve", "restore", "lower", "save", "report"]);
      t.deepEqual(r2.failed, ["lower"]);
      t.regex(r2.summary, /Save: \*\*skipped\*\* — the cache folder is empty/);
      t.is(fake.caches.length, 0);
      b.ws.cleanup();
    } finally {
      await fake.close();
    }
  },
);
