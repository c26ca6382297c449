/**
 * The largest real program we have: the corelib's own test project (corelib/Tests), lowered
 * through the real front end. Its artifact must verify, be byte-identical when lowered twice,
 * and every one of its tests must pass under the JIT.
 */

import test from "ava";
import { join } from "node:path";
import { encodeArtifact } from "../../src/artifact/encode.ts";
import { verifyArtifact } from "../../src/artifact/verify.ts";
import { runTests } from "../../src/backends/jit/index.ts";
import { REPO, compileFile, describeErrors } from "./helpers.ts";

const ROOT = join(REPO, "corelib", "Tests", "Src");

test("the corelib test project lowers deterministically and all its tests pass", async (t) => {
  const first = compileFile(join(ROOT, "Main.bd"), ROOT);
  if (!first.artifact) return t.fail(describeErrors(first.errors));
  t.deepEqual(verifyArtifact(first.artifact), []);
  t.true(first.artifact.tests.length >= 100, `${first.artifact.tests.length} tests`);
  const second = compileFile(join(ROOT, "Main.bd"), ROOT);
  t.deepEqual(encodeArtifact(second.artifact!), encodeArtifact(first.artifact));
  const results = await runTests(first.artifact, { timeoutMs: 10_000 });
  const bad = results.filter((r) => r.outcome !== "passed");
  t.deepEqual(
    bad.map((r) => `${r.qualifiedName}: ${r.outcome} ${r.reason ?? ""}`),
    [],
  );
  t.is(results.length, first.artifact.tests.length);
});
