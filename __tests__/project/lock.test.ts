/**
 * Project.lock v1 (byte-exact, relative paths written, absolute accepted), the
 * default / --locked / --frozen table, atomic writes, and materialization of dependency
 * sources into obj/beskid/deps/src/<Name>-<hash>/.
 */

import test from "ava";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { parseLock, resolvePlan, type LockMode } from "../../src/project/index.ts";
import { tree } from "./tree.ts";

const APP = `//- app/Project.proj
project {
    name = "App"
    version = "1.0.0"
}
target "App" {
    kind = App
    entry = "Main.bd"
}
dependency "Util" {
    source = path
    path = "../util"
}
//- app/Src/Main.bd
use Util.Text;
//- util/Project.proj
project {
    name = "Util"
    version = "0.1.0"
}
target "Util" {
    kind = Lib
    entry = "Util.bd"
}
//- util/Src/Util.bd
pub mod Util.Text;
//- util/Src/Util/Text.bd
pub i64 Len(string s) { return 0; }
//- util/Src/Util/Notes.txt
not a source file
//- util/.generated/Util/Gen.g.bd
pub i64 Generated() { return 1; }
`;

function plan(cwd: string, lockMode: LockMode = "default") {
  return resolvePlan({ cwd, lockMode, command: "build" });
}
const codes = (r: { diagnostics: readonly { code: string }[] }): string[] => r.diagnostics.map((d) => d.code);

function materialized(app: string): string {
  const base = join(app, "obj/beskid/deps/src");
  const dirs = readdirSync(base);
  return join(base, dirs[0]!);
}

test("default mode writes Project.lock byte for byte, with relative paths", (t) => {
  const dir = tree(t, APP);
  const app = join(dir, "app");
  const r = plan(app);
  t.deepEqual(codes(r), []);
  t.is(r.value!.lock!.action, "written");
  const m = materialized(app);
  const name = m.slice(m.lastIndexOf("/") + 1);
  t.regex(name, /^Util-[0-9a-f]{12}$/);
  t.is(
    readFileSync(join(app, "Project.lock"), "utf8"),
    [
      "# Project.lock v1",
      "root_manifest=Project.proj",
      "project_name=App",
      "dependencies:",
      `- name=Util;manifest=../util/Project.proj;project=../util;source_root=../util/Src;materialized_root=obj/beskid/deps/src/${name}/src`,
      "",
    ].join("\n"),
  );
  // Second run: unchanged, not rewritten.
  const before = statSync(join(app, "Project.lock")).mtimeMs;
  const again = plan(app);
  t.is(again.value!.lock!.action, "unchanged");
  t.is(statSync(join(app, "Project.lock")).mtimeMs, before);
  // No temporary files are left behind.
  t.deepEqual(
    readdirSync(app).filter((f) => f.endsWith(".tmp")),
    [],
  );
});

test("the lock's entries are sorted by their full line and include transitive dependencies", (t) => {
  const dir = tree(
    t,
    APP.replace(
      'dependency "Util"',
      'dependency "Zed" {\n    source = path\n    path = "../zed"\n}\ndependency "Util"',
    ) +
      `//- zed/Project.proj\nproject {\n name = "Zed"\n version = "1"\n}\ntarget "Zed" {\n kind = Lib\n entry = "Zed.bd"\n}\ndependency "U2" {\n source = path\n path = "../util"\n}\n//- zed/Src/Zed.bd\n`,
  );
  const app = join(dir, "app");
  t.deepEqual(codes(plan(app)), []);
  const lines = readFileSync(join(app, "Project.lock"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("- "));
  t.deepEqual(
    lines.map((l) => l.slice(0, l.indexOf(";"))),
    ["- name=U2", "- name=Util", "- name=Zed"],
  );
  t.deepEqual([...lines].sort(), lines);
});

test("a lock written with absolute paths is accepted as fresh (and not rewritten)", (t) => {
  const dir = tree(t, APP);
  const app = join(dir, "app");
  plan(app);
  const rel = readFileSync(join(app, "Project.lock"), "utf8");
  const abs = rel
    .replace("root_manifest=Project.proj", `root_manifest=${app}/Project.proj`)
    .replace(
      /manifest=\.\.\/util\/Project\.proj;project=\.\.\/util;source_root=\.\.\/util\/Src;materialized_root=/,
      `manifest=${dir}/util/Project.proj;project=${dir}/util;source_root=${dir}/util/Src;materialized_root=${app}/`,
    );
  t.not(abs, rel);
  writeFileSync(join(app, "Project.lock"), abs);
  for (const mode of ["default", "locked", "frozen"] as const) {
    const r = plan(app, mode);
    t.deepEqual(codes(r), [], mode);
    t.is(r.value!.lock!.action, "unchanged");
  }
  t.is(readFileSync(join(app, "Project.lock"), "utf8"), abs);
  // Unknown keys in an entry are ignored on read.
  const parsed = parseLock(
    abs.replace(";materialized_root", ";artifact_digest=abc;materialized_root"),
    "Project.lock",
    app,
  );
  t.deepEqual(parsed.diagnostics, []);
  t.is(parsed.lock!.dependencies[0]!.sourceRoot, join(dir, "util/Src"));
});

test("lock modes: missing lock", (t) => {
  const dir = tree(t, APP);
  const app = join(dir, "app");
  for (const mode of ["locked", "frozen"] as const) {
    const r = plan(app, mode);
    t.deepEqual(codes(r), ["E3023"], mode);
    t.is(r.value, undefined);
    t.false(existsSync(join(app, "Project.lock")), `${mode} never writes the lock`);
    t.false(existsSync(join(app, "obj")), `${mode} stops before materialization`);
  }
  t.is(plan(app, "default").value!.lock!.action, "written");
});

test("lock modes: an empty or blank lock counts as missing (rewritten by default, E3023 otherwise)", (t) => {
  const dir = tree(t, APP);
  const app = join(dir, "app");
  const good = (plan(app), readFileSync(join(app, "Project.lock"), "utf8"));
  for (const blank of ["", "\n", " \r\n\n"]) {
    writeFileSync(join(app, "Project.lock"), blank);
    for (const mode of ["locked", "frozen"] as const) {
      const r = plan(app, mode);
      t.deepEqual(codes(r), ["E3023"], `${mode} ${JSON.stringify(blank)}`);
      t.regex(r.diagnostics[0]!.message, /Project\.lock is empty \(--(locked|frozen)\)/);
      t.is(readFileSync(join(app, "Project.lock"), "utf8"), blank, `${mode} never writes`);
    }
    const fixed = plan(app, "default");
    t.deepEqual(codes(fixed), [], JSON.stringify(blank));
    t.is(fixed.value!.lock!.action, "written");
    t.is(readFileSync(join(app, "Project.lock"), "utf8"), good);
  }
});

test("lock modes: stale lock", (t) => {
  const dir = tree(t, APP);
  const app = join(dir, "app");
  plan(app);
  const stale = readFileSync(join(app, "Project.lock"), "utf8").replace(
    "project_name=App",
    "project_name=Old",
  );
  writeFileSync(join(app, "Project.lock"), stale);
  const locked = plan(app, "locked");
  t.deepEqual(codes(locked), ["E3022"]);
  t.true(locked.diagnostics[0]!.notes.includes("expected: project_name=App"));
  t.is(readFileSync(join(app, "Project.lock"), "utf8"), stale, "--locked never writes");
  t.deepEqual(codes(plan(app, "frozen")), ["E3023"]);
  t.is(readFileSync(join(app, "Project.lock"), "utf8"), stale, "--frozen never writes");
  const fixed = plan(app, "default");
  t.is(fixed.value!.lock!.action, "written");
  t.regex(readFileSync(join(app, "Project.lock"), "utf8"), /project_name=App/);
});

test("a dependency change makes the lock stale", (t) => {
  const dir = tree(t, APP);
  const app = join(dir, "app");
  plan(app);
  const manifest = readFileSync(join(app, "Project.proj"), "utf8");
  writeFileSync(join(app, "Project.proj"), manifest.replace('dependency "Util"', 'dependency "Utils"'));
  t.deepEqual(codes(plan(app, "locked")), ["E3022"]);
});

test("E3021: a malformed lock is reported at the offending line", (t) => {
  const dir = tree(t, APP);
  const app = join(dir, "app");
  plan(app);
  const text = readFileSync(join(app, "Project.lock"), "utf8");
  writeFileSync(join(app, "Project.lock"), text.replace("dependencies:", "<<<<<<< HEAD\ndependencies:"));
  const r = plan(app);
  t.deepEqual(codes(r), ["E3021"]);
  t.deepEqual(r.diagnostics[0]!.start, { line: 4, column: 1 });
  writeFileSync(join(app, "Project.lock"), "# Project.lock v2\n");
  const newer = plan(app);
  t.deepEqual(codes(newer), ["E3021"]);
  // A newer format is named as such, with what to do; it is never silently rewritten.
  t.regex(newer.diagnostics[0]!.message, /is lock format v2, written by a newer toolchain/);
  t.regex(newer.diagnostics[0]!.help ?? "", /delete Project\.lock/);
  t.is(readFileSync(join(app, "Project.lock"), "utf8"), "# Project.lock v2\n");
  writeFileSync(join(app, "Project.lock"), "# Project.lock\n");
  t.regex(plan(app).diagnostics[0]!.message, /the first line must be '# Project\.lock v1'/);
});

test("materialization: only .bd files, content-based sync, removed files deleted, .generated beside src", (t) => {
  const dir = tree(t, APP);
  const app = join(dir, "app");
  const r = plan(app);
  const m = materialized(app);
  t.is(r.value!.roots[1]!.path, join(m, "src"));
  t.is(readFileSync(join(m, "src/Util/Text.bd"), "utf8"), "pub i64 Len(string s) { return 0; }\n");
  t.true(existsSync(join(m, "src/Util.bd")));
  t.false(existsSync(join(m, "src/Util/Notes.txt")));
  t.true(existsSync(join(m, ".generated/Util/Gen.g.bd")));

  const unchangedBefore = statSync(join(m, "src/Util.bd")).ino;
  const changedBefore = statSync(join(m, "src/Util/Text.bd")).ino;
  writeFileSync(join(dir, "util/Src/Util/Text.bd"), "pub i64 Len(string s) { return 1; }\n");
  writeFileSync(join(dir, "util/Src/Util/New.bd"), "pub i64 New() { return 2; }\n");
  unlinkSync(join(dir, "util/.generated/Util/Gen.g.bd"));
  plan(app);
  t.is(statSync(join(m, "src/Util.bd")).ino, unchangedBefore, "identical files are left alone");
  t.not(
    statSync(join(m, "src/Util/Text.bd")).ino,
    changedBefore,
    "changed files are rewritten (atomically: a new inode)",
  );
  t.is(readFileSync(join(m, "src/Util/Text.bd"), "utf8"), "pub i64 Len(string s) { return 1; }\n");
  t.true(existsSync(join(m, "src/Util/New.bd")));
  t.false(existsSync(join(m, ".generated/Util/Gen.g.bd")), "removed files are deleted");
});

test("materialization: folders of dependencies that are gone are removed", (t) => {
  const dir = tree(t, APP);
  const app = join(dir, "app");
  plan(app);
  const m = materialized(app);
  const manifest = readFileSync(join(app, "Project.proj"), "utf8");
  writeFileSync(join(app, "Project.proj"), manifest.slice(0, manifest.indexOf('dependency "Util"')));
  t.deepEqual(codes(plan(app)), []);
  t.false(existsSync(m));
});

test("E3024: a materialization failure stops the plan", (t) => {
  const dir = tree(t, APP);
  const app = join(dir, "app");
  // A file where the deps folder must be: creating folders under it fails.
  mkdirSync(join(app, "obj/beskid/deps"), { recursive: true });
  writeFileSync(join(app, "obj/beskid/deps/src"), "not a folder");
  const r = plan(app);
  t.deepEqual(codes(r), ["E3024"]);
  t.is(r.value, undefined);
  t.is(r.diagnostics[0]!.file, join(app, "Project.proj"));
});

test("a lock that an editor saved with a byte order mark and CRLF line ends still parses", (t) => {
  const text =
    "\ufeff# Project.lock v1\r\nroot_manifest=Project.proj\r\nproject_name=App\r\ndependencies:\r\n" +
    "- name=Util;manifest=../util/Project.proj;project=../util;source_root=../util/Src;materialized_root=obj/x/src\r\n";
  const r = parseLock(text, "/p/app/Project.lock", "/p/app");
  t.deepEqual(r.diagnostics, []);
  t.is(r.lock?.projectName, "App");
  t.is(r.lock?.dependencies.length, 1);
});
