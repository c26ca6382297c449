/**
 * Cache correctness through the real action steps against the fake GitHub: the primary key
 * covers exactly the import closure, the manifests, the lock and the corelib. After a cold run
 * saved an entry, a fresh workspace with one change runs the steps again: a change to a unit of
 * the closure, the manifest, the lock or a corelib unit of the closure must change the key and
 * lower again; a change to a file outside the closure (in the project or the corelib) must
 * leave the key alone and be an exact hit whose artifact the restore step verifies, so the
 * lower step is skipped. Serial: the clients read `process.env` at call time.
 */

import test, { type ExecutionContext } from "ava";
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { FakeGitHub } from "../fakes/github/server.ts";
import {
  makeWorkspace,
  runAction,
  type RunResult,
  type StepRunner,
  type Workspace,
} from "../fakes/github/runner.ts";
import type { ActionState } from "../../src/action/state.ts";
import { pipelineToolchain } from "../../src/action/toolchain.ts";
import { FIXTURES, inProcessRunner, ROOT } from "./helpers.ts";

const runner = inProcessRunner(pipelineToolchain({ PATH: process.env.PATH }));

function stateOf(r: RunResult): ActionState {
  return JSON.parse(
    readFileSync(join(r.outputs.resolve!["state-dir"]!, "state.json"), "utf8"),
  ) as ActionState;
}

type Change = (ws: Workspace) => void;

/**
 * One run of the action on a fresh copy of the fixture (plus a corelib copy as `corelib-path`
 * when asked), changed by `change` first; `step` may wrap the step runner.
 */
async function runChanged(
  fake: FakeGitHub,
  change: Change,
  corelib = false,
  wrap: (r: StepRunner, ws: Workspace) => StepRunner = (r) => r,
): Promise<{ r: RunResult; state: ActionState }> {
  const ws = makeWorkspace(join(FIXTURES, "keyed"));
  try {
    if (corelib) cpSync(join(ROOT, "corelib"), join(ws.workspace, "corelib"), { recursive: true });
    change(ws);
    const inputs = { build: "false", ...(corelib ? { "corelib-path": "corelib" } : {}) };
    const r = await runAction(ws, fake, { inputs }, wrap(runner, ws));
    return { r, state: stateOf(r) };
  } finally {
    ws.cleanup();
  }
}

const unchanged: Change = () => undefined;
const append =
  (rel: string, text: string): Change =>
  (ws) =>
    appendFileSync(join(ws.workspace, rel), text);
const create =
  (rel: string, text: string): Change =>
  (ws) => {
    mkdirSync(dirname(join(ws.workspace, rel)), { recursive: true });
    writeFileSync(join(ws.workspace, rel), text);
  };

/** The cold run of the fixture, then the same again: an exact hit, verified, nothing lowered. */
async function baseline(t: ExecutionContext, fake: FakeGitHub, corelib: boolean): Promise<string> {
  const cold = await runChanged(fake, unchanged, corelib);
  t.deepEqual(cold.r.failed, [], cold.r.log);
  t.is(cold.r.action["cache-hit"], "false");
  const key = cold.r.action["cache-primary-key"]!;
  const warm = await runChanged(fake, unchanged, corelib);
  t.deepEqual(warm.r.failed, [], warm.r.log);
  t.is(warm.r.action["cache-hit"], "true", warm.r.log);
  t.is(warm.r.action["cache-primary-key"], key);
  t.deepEqual(warm.r.ran, ["resolve", "restore", "report"], "a verified exact hit skips lower and save");
  t.is(warm.state.lower?.verifiedBy, "restore");
  t.is(warm.r.action["artifact-digest"], cold.r.action["artifact-digest"]);
  return key;
}

/** A change that must give a new key: no exact hit, lowered and saved again. */
function expectNewKey(
  t: ExecutionContext,
  what: string,
  key: string,
  run: { r: RunResult; state: ActionState },
) {
  const { r, state } = run;
  t.deepEqual(r.failed, [], `${what}\n${r.log}`);
  t.not(r.action["cache-primary-key"], key, `${what} must change the key`);
  t.is(r.action["cache-hit"], "false", what);
  t.true(r.ran.includes("lower"), what);
  t.is(state.lower?.cacheHit, false, `${what}: lowered again`);
  t.true(r.ran.includes("save"), what);
}

/** A change outside the closure: the same key, an exact hit, nothing lowered. */
function expectSameKey(t: ExecutionContext, what: string, key: string, r: RunResult) {
  t.deepEqual(r.failed, [], `${what}\n${r.log}`);
  t.is(r.action["cache-primary-key"], key, `${what} must not change the key`);
  t.is(r.action["cache-hit"], "true", what);
  t.false(r.ran.includes("lower"), what);
}

test.serial(
  "the key changes with each unit of the closure, the manifest and the lock, and only with them",
  async (t) => {
    const fake = await new FakeGitHub().start();
    try {
      const key = await baseline(t, fake, false);
      const changes: [string, Change][] = [
        ["a change to the entry unit", append("Src/Main.bd", "\n// changed\n")],
        ["a change to another unit of the closure", append("Src/Words.bd", "\n// changed\n")],
        ["a change to the manifest", append("Project.proj", "\n# changed\n")],
        ["a change to the lock", append("Project.lock", "\n")],
        [
          // The project's root comes before the corelib's: this file takes over `Core.Output`.
          "a new file that takes over a module of the closure",
          create("Src/Core/Output.bd", "pub unit WriteLine(string text) {\n}\n"),
        ],
      ];
      for (const [what, change] of changes) expectNewKey(t, what, key, await runChanged(fake, change));
      const outside = await runChanged(fake, append("Src/Unused.bd", "\n// not in the closure\n"));
      expectSameKey(t, "a change to a file outside the closure", key, outside.r);
      const candidate = await runChanged(
        fake,
        create("Src/Words/mod.bd", "pub i64 Later() {\n    return 1;\n}\n"),
      );
      expectSameKey(t, "a new file that loses to the closure's module file", key, candidate.r);
    } finally {
      await fake.close();
    }
  },
);

test.serial(
  "the key changes with a corelib unit of the closure, not with the rest of the corelib",
  async (t) => {
    const fake = await new FakeGitHub().start();
    try {
      const key = await baseline(t, fake, true);
      const inClosure = await runChanged(fake, append("corelib/Src/Core/Output.bd", "\n// changed\n"), true);
      expectNewKey(t, "a change to a corelib unit of the closure", key, inClosure);
      const outside = await runChanged(fake, append("corelib/Src/Query/Query.bd", "\n// changed\n"), true);
      expectSameKey(t, "a change to a corelib file outside the closure", key, outside.r);
    } finally {
      await fake.close();
    }
  },
);

test.serial("an exact hit whose artifact fails verification is lowered again, with a warning", async (t) => {
  const fake = await new FakeGitHub().start();
  try {
    // Save an entry whose artifact is damaged: flip a byte in the cache folder before the save step.
    const damage =
      (inner: StepRunner, ws: Workspace): StepRunner =>
      async (step, env) => {
        if (step === "save") {
          const dir = join(ws.workspace, "obj/beskid/cache");
          const bca = readdirSync(dir).find((n) => n.endsWith(".bca"))!;
          const bytes = readFileSync(join(dir, bca));
          bytes[20] ^= 0xff;
          writeFileSync(join(dir, bca), bytes);
        }
        return inner(step, env);
      };
    const cold = await runChanged(fake, unchanged, false, damage);
    t.deepEqual(cold.r.failed, [], cold.r.log);
    const warm = await runChanged(fake, unchanged);
    t.deepEqual(warm.r.failed, [], warm.r.log);
    t.is(warm.r.action["cache-hit"], "true");
    t.regex(warm.r.log, /not usable \(its digest does not match its bytes\)/);
    t.true(warm.r.ran.includes("lower"), "the lower step runs after a failed verification");
    t.is(warm.state.lower?.cacheHit, false, "lowered again");
    t.true(
      warm.r.warnings.some((w) => /held no usable artifact/.test(w)),
      warm.r.log,
    );
    t.is(warm.r.action["artifact-digest"], cold.state.lower?.artifact?.sha256 ?? "(none)");
  } finally {
    await fake.close();
  }
});
