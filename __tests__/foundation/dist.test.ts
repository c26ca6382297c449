/**
 * dist/ is committed (action.yml and `bin` run it), so it must be exactly what bundling src/
 * gives today. Bundles into a temporary folder and compares every file byte for byte.
 */

import test from "ava";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

function listFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return walk(root)
    .map((p) => relative(root, p))
    .sort();
}

test("dist/ matches a fresh bundle of src/ (run `npm run bundle` and commit dist/)", (t) => {
  const out = mkdtempSync(join(tmpdir(), "beskid-dist-"));
  try {
    execFileSync(process.execPath, ["scripts/bundle.mjs", "--outdir", out], { cwd: ROOT, stdio: "pipe" });
    const fresh = listFiles(out);
    const committed = listFiles(join(ROOT, "dist"));
    t.deepEqual(committed, fresh, "the same files");
    const stale = fresh.filter(
      (f) => !readFileSync(join(out, f)).equals(readFileSync(join(ROOT, "dist", f))),
    );
    t.deepEqual(stale, [], "the same bytes");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

// A bundle that names the folder it was built in (a plugin's absolute module path, say) matches
// a fresh bundle made in the same checkout, so the test above cannot see it; it fails on every
// other clone, CI's included.
test("dist/ names no absolute path of the checkout it was built in", (t) => {
  const naming = listFiles(join(ROOT, "dist")).filter((f) =>
    readFileSync(join(ROOT, "dist", f), "utf8").includes(ROOT),
  );
  t.deepEqual(naming, []);
});
