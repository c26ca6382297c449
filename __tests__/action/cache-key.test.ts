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
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
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
import { resolve } from "../../src/pipeline/index.ts";
import { FIXTURES, inProcessRunner, ROOT } from "./helpers.ts";

const runner = inProcessRunner(pipelineToolchain({ PATH: process.env.PATH }));

function stateOf(r: RunResult): ActionState {
  return JSON.parse(
    readFileSync(join(r.outputs.resolve!["state-dir"]!, "state.json"), "utf8"),
  ) as ActionState;
}

type Change = (ws: Workspace) => void;

/**
 * Where each run's workspace goes: a new temporary folder per run (no restored closure snapshot
 * can hold, so every run reads its closure by parsing), or, while `fixedRoot` is set, the same
 * folder every run, as on a GitHub runner (a restored snapshot holds while its files do).
 */
let fixedRoot: string | undefined;

async function withFixedRoot<T>(fixed: boolean, body: () => Promise<T>): Promise<T> {
  const parent = fixed ? mkdtempSync(join(tmpdir(), "beskid-fixed-")) : undefined;
  fixedRoot = parent ? join(parent, "runner") : undefined;
  try {
    return await body();
  } finally {
    fixedRoot = undefined;
    if (parent) rmSync(parent, { recursive: true, force: true });
  }
}

interface Changed {
  readonly r: RunResult;
  readonly state: ActionState;
  /** The pipeline key a full assembly of the same files gives (no cache, no snapshot). */
  readonly assembledKey?: string;
}

/**
 * One run of the action on a fresh copy of the fixture (plus a corelib copy as `corelib-path`
 * when asked), changed by `change` first; `step` may wrap the step runner.
 */
async function runChanged(
  fake: FakeGitHub,
  change: Change,
  corelib = false,
  wrap: (r: StepRunner, ws: Workspace) => StepRunner = (r) => r,
): Promise<Changed> {
  const ws = makeWorkspace(join(FIXTURES, "keyed"), ".", fixedRoot);
  try {
    if (corelib) cpSync(join(ROOT, "corelib"), join(ws.workspace, "corelib"), { recursive: true });
    change(ws);
    const inputs = { build: "false", ...(corelib ? { "corelib-path": "corelib" } : {}) };
    const r = await runAction(ws, fake, { inputs }, wrap(runner, ws));
    const state = stateOf(r);
    const full = state.request ? await resolve(state.request, { enabled: false }) : undefined;
    return { r, state, ...(full?.cacheKey ? { assembledKey: full.cacheKey.key } : {}) };
  } finally {
    ws.cleanup();
  }
}

/** Whatever way the run read its closure, its key is the one a full assembly gives. */
function keyIsAssembled(t: ExecutionContext, what: string, run: Changed) {
  t.truthy(run.assembledKey, what);
  t.is(run.state.pipelineKey, run.assembledKey, `${what}: the key is the full assembly's`);
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
  keyIsAssembled(t, "cold", cold);
  const key = cold.r.action["cache-primary-key"]!;
  const warm = await runChanged(fake, unchanged, corelib);
  t.deepEqual(warm.r.failed, [], warm.r.log);
  t.is(warm.r.action["cache-hit"], "true", warm.r.log);
  t.is(warm.r.action["cache-primary-key"], key);
  t.is(warm.r.action["cache-matched-key"], key);
  t.deepEqual(warm.r.ran, ["resolve", "restore", "report"], "a verified exact hit skips lower and save");
  t.is(warm.state.lower?.verifiedBy, "restore");
  t.is(warm.r.action["artifact-digest"], cold.r.action["artifact-digest"]);
  // At a fixed path the restored snapshot holds: the closure hash comes without parsing.
  t.is(warm.state.closure?.from, fixedRoot ? "snapshot" : "assembly", warm.r.log);
  t.is(warm.state.closure?.lookups, 1, "one lookup: the newest entry is this closure's");
  keyIsAssembled(t, "warm", warm);
  return key;
}

/** A change that must give a new key: no exact hit, lowered and saved again. */
function expectNewKey(t: ExecutionContext, what: string, key: string, run: Changed) {
  const { r, state } = run;
  t.deepEqual(r.failed, [], `${what}\n${r.log}`);
  t.not(r.action["cache-primary-key"], key, `${what} must change the key`);
  t.is(r.action["cache-hit"], "false", what);
  t.true(r.ran.includes("lower"), what);
  t.is(state.lower?.cacheHit, false, `${what}: lowered again`);
  t.true(r.ran.includes("save"), what);
  keyIsAssembled(t, what, run);
}

/** A change outside the closure: the same key, an exact hit, nothing lowered. */
function expectSameKey(t: ExecutionContext, what: string, key: string, run: Changed) {
  const { r } = run;
  t.deepEqual(r.failed, [], `${what}\n${r.log}`);
  t.is(r.action["cache-primary-key"], key, `${what} must not change the key`);
  t.is(r.action["cache-hit"], "true", what);
  t.false(r.ran.includes("lower"), what);
  keyIsAssembled(t, what, run);
}

const MODES = [
  [false, "a new workspace path each run: the closure is parsed"],
  [true, "the same workspace path each run: restored closure snapshots checked"],
] as const;

for (const [fixed, how] of MODES)
  test.serial(
    `the key changes with each unit of the closure, the manifest and the lock, and only with them (${how})`,
    (t) =>
      withFixedRoot(fixed, async () => {
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
          expectSameKey(t, "a change to a file outside the closure", key, outside);
          const candidate = await runChanged(
            fake,
            create("Src/Words/mod.bd", "pub i64 Later() {\n    return 1;\n}\n"),
          );
          expectSameKey(t, "a new file that loses to the closure's module file", key, candidate);
        } finally {
          await fake.close();
        }
      }),
  );

for (const [fixed, how] of MODES)
  test.serial(
    `the key changes with a corelib unit of the closure, not with the rest of the corelib (${how})`,
    (t) =>
      withFixedRoot(fixed, async () => {
        const fake = await new FakeGitHub().start();
        try {
          const key = await baseline(t, fake, true);
          const inClosure = await runChanged(
            fake,
            append("corelib/Src/Core/Output.bd", "\n// changed\n"),
            true,
          );
          expectNewKey(t, "a change to a corelib unit of the closure", key, inClosure);
          const outside = await runChanged(
            fake,
            append("corelib/Src/Query/Query.bd", "\n// changed\n"),
            true,
          );
          expectSameKey(t, "a change to a corelib file outside the closure", key, outside);
        } finally {
          await fake.close();
        }
      }),
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

test.serial(
  "the newest entry is another closure's: the exact key is looked up once more and its older entry is an exact hit",
  (t) =>
    withFixedRoot(true, async () => {
      const fake = await new FakeGitHub().start();
      try {
        const key = await baseline(t, fake, false);
        const other = await runChanged(fake, append("Src/Words.bd", "\n// changed\n"));
        expectNewKey(t, "a changed unit", key, other);
        t.is(other.state.closure?.lookups, 2, "the exact key was looked up after the prefix lookup");
        t.is(other.r.action["cache-matched-key"], key, "the older entry was restored by the prefix");
        // Back to the baseline's files: the newest entry is the changed run's.
        const back = await runChanged(fake, unchanged);
        expectSameKey(t, "the baseline's files again", key, back);
        t.is(back.r.action["cache-matched-key"], key);
        t.is(
          back.state.closure?.from,
          "assembly",
          "the newest entry's snapshot does not hold for these files",
        );
        t.is(back.state.closure?.lookups, 2);
        t.deepEqual(back.r.ran, ["resolve", "restore", "report"], back.r.log);
        t.regex(back.r.log, /is not this closure's; looking up beskid-/);
      } finally {
        await fake.close();
      }
    }),
);

/** Rewrites the closure snapshot in the cache folder just before the cold run's save step. */
function damageSnapshot(edit: (text: string) => string) {
  return (inner: StepRunner, ws: Workspace): StepRunner =>
    async (step, env) => {
      if (step === "save") {
        const dir = join(ws.workspace, "obj/beskid/cache");
        const snap = readdirSync(dir).find((n) => /^closure-.*\.json$/.test(n));
        if (!snap) throw new Error(`no closure snapshot in ${readdirSync(dir).join(", ")}`);
        writeFileSync(join(dir, snap), edit(readFileSync(join(dir, snap), "utf8")));
      }
      return inner(step, env);
    };
}

test.serial(
  "a damaged closure snapshot is not used: the closure is parsed and the exact hit is still found",
  (t) =>
    withFixedRoot(true, async () => {
      const damages: [string, (text: string) => string][] = [
        ["not JSON", (text) => text.slice(0, text.length >> 1)],
        [
          // Well-formed, every recorded file fact true, but a unit's hash is not the hash of its file.
          "a unit hash that is not its file's",
          (text) => {
            const snap = JSON.parse(text) as { units: { hash: string }[] };
            snap.units[0]!.hash = snap.units[0]!.hash.replace(/^./, (c) => (c === "0" ? "1" : "0"));
            return JSON.stringify(snap);
          },
        ],
        ["another schema", (text) => text.replace('"v":2', '"v":3')],
      ];
      for (const [what, edit] of damages) {
        const fake = await new FakeGitHub().start();
        try {
          const cold = await runChanged(fake, unchanged, false, damageSnapshot(edit));
          t.deepEqual(cold.r.failed, [], cold.r.log);
          const key = cold.r.action["cache-primary-key"]!;
          const warm = await runChanged(fake, unchanged);
          expectSameKey(t, what, key, warm);
          t.is(warm.state.closure?.from, "assembly", `${what}: the snapshot is not used`);
          t.is(warm.state.closure?.lookups, 1, what);
          t.deepEqual(warm.r.warnings, [], `${what}: a snapshot is a shortcut, never a warning`);
        } finally {
          await fake.close();
        }
      }
    }),
);

test.serial(
  "a unit that does not parse leaves no key: the restore step says so, the lower step reports the error",
  (t) =>
    withFixedRoot(true, async () => {
      const fake = await new FakeGitHub().start();
      try {
        await baseline(t, fake, false);
        const bad = await runChanged(fake, (ws) =>
          writeFileSync(
            join(ws.workspace, "Src/Main.bd"),
            "use Core.Output;\nuse Words;\n\ni32 Main( {\n    return 0;\n}\n",
          ),
        );
        t.deepEqual(bad.r.failed, ["lower"], bad.r.log);
        t.deepEqual(bad.r.ran, ["resolve", "restore", "lower", "report"]);
        t.regex(bad.r.log, /there is no cache key; the lower step reports them/);
        t.true(
          bad.r.log.includes("::error title=E") && /file=Src\/Main\.bd,line=4/.test(bad.r.log),
          bad.r.log,
        );
        t.is(bad.r.action["cache-primary-key"], "");
        t.is(bad.r.action["cache-hit"], "false");
        t.is(bad.r.action.conclusion, "failure");
        t.is(bad.state.key, undefined);
      } finally {
        await fake.close();
      }
    }),
);

test.serial("without the cache service the restore step still computes the key; nothing is looked up", (t) =>
  withFixedRoot(true, async () => {
    const fake = await new FakeGitHub().start();
    try {
      const noService: (r: StepRunner) => StepRunner = (inner) => (step, env) => {
        const { ACTIONS_RESULTS_URL: _u, ACTIONS_CACHE_URL: _c, ...rest } = env;
        return inner(step, rest);
      };
      const r = await runChanged(fake, unchanged, false, noService);
      t.deepEqual(r.r.failed, [], r.r.log);
      t.is(r.state.restore?.kind, "unavailable");
      t.is(r.state.closure?.lookups, 0);
      t.regex(r.r.action["cache-primary-key"]!, /^beskid-v1-/);
      keyIsAssembled(t, "no cache service", r);
      t.is(fake.caches.length, 0);
    } finally {
      await fake.close();
    }
  }),
);
