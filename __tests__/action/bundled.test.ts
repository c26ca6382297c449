/**
 * The same flows once more through the bundled entry points: `scripts/bundle.mjs` writes
 * the bundles into a scratch folder inside the package (so they find corelib/ as dist/ does),
 * and every step runs as `node action-<step>.js` in a child process with an explicit runner
 * environment pointed at the fake GitHub. A bundling mistake (a missing chunk, a dependency
 * esbuild cannot carry, an entry that does not run) fails here.
 */

import test from "ava";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { FakeGitHub } from "../fakes/github/server.ts";
import { childStepRunner, makeWorkspace, runAction, type RunOptions } from "../fakes/github/runner.ts";
import { OUTPUTS } from "../../src/action/inputs.ts";
import { FIXTURES, ROOT } from "./helpers.ts";

const DIST = join(ROOT, "node_modules", ".cache", `beskid-action-bundle-${process.pid}`);
let fake: FakeGitHub;

test.before(async () => {
  mkdirSync(join(ROOT, "node_modules", ".cache"), { recursive: true });
  execFileSync(process.execPath, ["scripts/bundle.mjs", "--outdir", DIST], { cwd: ROOT, stdio: "pipe" });
  fake = await new FakeGitHub().start();
});

test.after.always(async () => {
  await fake?.close();
  rmSync(DIST, { recursive: true, force: true });
});

function run(fixture: string, opts: RunOptions, at?: string) {
  const ws = makeWorkspace(join(FIXTURES, fixture), ".", at);
  return { ws, result: runAction(ws, fake, opts, childStepRunner(DIST, ws.workspace)) };
}

test.serial("bundled: invalid inputs fail resolve clearly; report still sets every output", async (t) => {
  const a = run("greeter", { inputs: { kinds: "dll" } });
  const r = await a.result;
  t.deepEqual(r.failed, ["resolve"], r.log);
  t.true(
    r.errors.some((e) => /unknown kind `dll`/.test(e)),
    r.log,
  );
  for (const name of Object.keys(OUTPUTS)) t.true(name in r.action, `output ${name}`);
  t.is(r.action.conclusion, "invalid-input");
  a.ws.cleanup();
});

test.serial(
  "bundled: cold run lowers and saves, warm run is an exact hit with nothing lowered",
  async (t) => {
    const a = run("greeter", { inputs: { test: "true", build: "false" } });
    const r1 = await a.result;
    t.deepEqual(r1.failed, [], r1.log);
    t.deepEqual(r1.ran, ["resolve", "restore", "lower", "save", "test", "report"]);
    t.is(r1.action["cache-hit"], "false");
    t.regex(r1.action["artifact-digest"]!, /^[0-9a-f]{64}$/);
    t.is(r1.action["tests-passed"], "2");
    t.regex(r1.log, /Lowered in \d+ ms/);
    a.ws.cleanup();

    const b = run("greeter", { inputs: { test: "true", build: "false" } });
    const r2 = await b.result;
    t.deepEqual(r2.failed, [], r2.log);
    t.is(r2.action["cache-hit"], "true");
    t.deepEqual(r2.ran, ["resolve", "restore", "test", "report"], "exact hit: no lower, no save");
    t.regex(r2.log, /Lowered artifact verified in \d+ ms/);
    t.is(r2.action["artifact-digest"], r1.action["artifact-digest"]);
    b.ws.cleanup();
  },
);

test.serial(
  "bundled: at the same workspace path the warm run takes its key from the restored closure snapshot",
  async (t) => {
    const parent = mkdtempSync(join(tmpdir(), "beskid-fixed-"));
    try {
      const at = join(parent, "runner");
      const a = run("keyed", { inputs: { build: "false" } }, at);
      const r1 = await a.result;
      t.deepEqual(r1.failed, [], r1.log);
      t.is(r1.action["cache-hit"], "false", r1.log);
      t.regex(r1.log, /Import closure: \d+ units, assembled and parsed/);
      const b = run("keyed", { inputs: { build: "false" } }, at);
      const r2 = await b.result;
      t.deepEqual(r2.failed, [], r2.log);
      t.is(r2.action["cache-hit"], "true", r2.log);
      t.is(r2.action["cache-primary-key"], r1.action["cache-primary-key"]);
      t.is(r2.action["cache-matched-key"], r1.action["cache-primary-key"]);
      t.deepEqual(r2.ran, ["resolve", "restore", "report"]);
      t.regex(r2.log, /Import closure: \d+ units, from the closure snapshot/);
      t.is(r2.action["artifact-digest"], r1.action["artifact-digest"]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  },
);

test.serial("bundled: a refused reservation and a corrupt archive only warn", async (t) => {
  fake.faults.reservationRefused = true;
  fake.faults.corruptArchive = true;
  try {
    // The entry the previous test saved is served corrupt; the new key's reservation is refused.
    const a = run("greeter", { inputs: { build: "false" } });
    const r = await a.result;
    t.deepEqual(r.failed, [], r.log);
    t.true(
      r.warnings.some((w) => /Restoring the cache failed/.test(w)),
      r.log,
    );
    t.true(
      r.warnings.some((w) => /Saving the cache failed/.test(w)),
      r.log,
    );
    t.is(r.errors.length, 0);
    t.is(r.action.conclusion, "success");
    a.ws.cleanup();
  } finally {
    fake.faults.reservationRefused = false;
    fake.faults.corruptArchive = false;
  }
});

test.serial(
  "bundled: compile errors are annotated at their source line and fail the lower step",
  async (t) => {
    const a = run("broken", { inputs: { test: "true", build: "false" } });
    const r = await a.result;
    t.deepEqual(r.failed, ["lower"], r.log);
    t.deepEqual(r.ran, ["resolve", "restore", "lower", "report"]);
    t.is([...r.log.matchAll(/^::error title=E\d+,file=Src\/Main\.bd,line=\d+,col=\d+::/gm)].length, 2, r.log);
    t.is(r.action.conclusion, "failure");
    t.regex(r.summary, /### Diagnostics/);
    a.ws.cleanup();
  },
);

test.serial("bundled: a failing test fails the test step with an annotation and the summary", async (t) => {
  const a = run("failing", { inputs: { test: "true", build: "false" } });
  const r = await a.result;
  t.deepEqual(r.failed, ["test"], r.log);
  t.is(r.action["tests-failed"], "1");
  t.is(r.action.conclusion, "tests-failed");
  t.regex(r.log, /^::error title=Test failed,file=Src\/Main\.bd,line=\d+,col=\d+::BrokenExpectation failed/m);
  t.regex(r.summary, /#### Failures/);
  a.ws.cleanup();
});

test.serial("bundled: outputs built and uploaded; release published on a tag", async (t) => {
  const a = run("greeter", { inputs: { release: "true", kinds: "exe,static" }, ref: "refs/tags/v0.1.0" });
  const r = await a.result;
  t.deepEqual(r.failed, [], r.log);
  t.regex(r.action["artifact-id"]!, /^\d+$/);
  const outputs = JSON.parse(r.action.outputs!) as string[];
  t.true(outputs.length >= 1);
  t.is(r.action["release-url"], "https://github.com/octo/hello/releases/tag/v0.1.0");
  const rel = fake.releases.find((x) => x.tag_name === "v0.1.0")!;
  t.false(rel.draft);
  const names = rel.assets.map((x) => x.name);
  t.true(
    names.includes("Greeter-linux-x64") &&
      names.includes("libGreeter-linux-x64.a") &&
      names.includes("SHA256SUMS"),
    names.join(),
  );
  const sums = rel.assets.find((x) => x.name === "SHA256SUMS")!.data.toString("utf8");
  t.is(sums.trim().split("\n").length, names.length - 1, "one checksum line per output");
  t.regex(r.summary, /### Outputs/);
  a.ws.cleanup();
});

test.serial("bundled: undici inside @actions/http-client is loaded only when a proxy agent is built", (t) => {
  // The chunk that carries @actions/http-client (the cache and artifact clients import it).
  const chunks = join(DIST, "chunks");
  const chunk = readdirSync(chunks).find((f) =>
    readFileSync(join(chunks, f), "utf8").includes("// node_modules/@actions/http-client/lib/index.js"),
  );
  if (!chunk) return t.fail("no bundled chunk holds @actions/http-client");
  const probe = [
    `const m = await import(${JSON.stringify(pathToFileURL(join(chunks, chunk)).href)});`,
    // undici needs node:http2; nothing else the clients load at start-up does.
    `const loaded = () => process.moduleLoadList.includes("NativeModule http2");`,
    `const atLoad = loaded();`,
    `process.env.https_proxy = "http://127.0.0.1:9";`,
    `const agent = new m.HttpClient("beskid-ci-test").getAgentDispatcher("https://example.com/");`,
    `console.log(JSON.stringify({ atLoad, afterAgent: loaded(), dispatch: typeof agent?.dispatch, proxy: /ProxyAgent/.test(agent?.constructor?.name ?? "") }));`,
  ].join("\n");
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", probe], { encoding: "utf8" });
  t.deepEqual(JSON.parse(out.trim()), { atLoad: false, afterAgent: true, dispatch: "function", proxy: true });
});
