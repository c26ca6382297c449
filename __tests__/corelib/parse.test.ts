/**
 * The bundled corelib and its test project parse cleanly: every `corelib/**\/*.bd` file goes
 * through the real parser (`parseFile`) and must produce no diagnostics at all (no syntax
 * errors, and no W0110 stray doc comments either). Also checks the layout other stages rely
 * on: the manifest, one module file per §8 module path, and the test count of the test project.
 *
 * Not here: name resolution and type checking (see analyze.test.ts when semantics lands) or
 * running the tests (that is `beskid-ci test --project corelib/Tests`).
 */

import test from "ava";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseFile } from "../../src/syntax/index.ts";

const CORELIB = resolve(import.meta.dirname, "../../corelib");

function bdFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...bdFiles(full));
    else if (name.endsWith(".bd")) out.push(full);
  }
  return out;
}

const files = bdFiles(CORELIB);

test("the corelib has Beskid sources and a test project", (t) => {
  t.true(files.length > 80, `found ${files.length} .bd files`);
  t.true(existsSync(join(CORELIB, "Project.proj")));
  t.true(existsSync(join(CORELIB, "Tests/Project.proj")));
  t.false(existsSync(join(CORELIB, "Src/Prelude.bd")), "the corelib has no Prelude.bd");
});

for (const file of files) {
  const rel = relative(CORELIB, file);
  test(`parses without diagnostics: ${rel}`, (t) => {
    const parsed = parseFile(readFileSync(file, "utf8"), rel);
    const shown = parsed.diagnostics.map((d) => `${d.code} ${d.start?.line}:${d.start?.column} ${d.message}`);
    t.deepEqual(shown, []);
  });
}

/** Module path of a file under Src/, by LANGUAGE.md §5.1. */
function modulePath(file: string): string {
  const segs = relative(join(CORELIB, "Src"), file).replace(/\.bd$/, "").split("/");
  if (segs.length >= 2 && segs[segs.length - 1] === segs[segs.length - 2]) segs.pop();
  else if (segs[segs.length - 1] === "mod") segs.pop();
  return segs.join(".");
}

test("every module of LANGUAGE.md §8 has exactly one file", (t) => {
  const modules = files.filter((f) => f.startsWith(join(CORELIB, "Src"))).map(modulePath);
  const required = [
    "Collections",
    "Collections.Array",
    "Collections.Array.ArrayIter",
    "Collections.List",
    "Collections.Map",
    "Collections.Map.MapEntry",
    "Collections.Queue",
    "Collections.Set",
    "Collections.Stack",
    "Core.Results",
    "Core.Optional",
    "Core.Optional.Option",
    "Core.ErrorHandling",
    "Core.String",
    "Core.Text.Casing",
    "Core.Text.Cursor",
    "Core.Text.Parser",
    "Core.Text.Parser.Result",
    "Core.Text.Parser.Context",
    "Core.Text.Parser.Literals",
    "Core.Text.Parser.Terms",
    "Core.Text.Parser.Combine",
    "Core.Text.Parser.Cardinality",
    "Core.Text.Parser.Coordination",
    "Core.Text.Parser.Flow",
    "Core.Text.Regex",
    "Core.Text.Regex.Generated",
    "Core.Bytes",
    "Core.Bytes.Convert",
    "Core.Bytes.Errors",
    "Core.Bytes.Slice",
    "Core.Encoding",
    "Core.Encoding.EncodingError",
    "Core.Encoding.Contract",
    "Core.Encoding.Utf8",
    "Core.Encoding.Hex",
    "Core.Encoding.Base64",
    "Core.Output",
    "Core.Error",
    "Core.Input",
    "Core.Syscall",
    "Core.Syscall.Descriptor",
    "Core.Syscall.StandardStream",
    "Core.Syscall.ReadLimit",
    "Core.Syscall.SyscallError",
    "Core.Syscall.ReadRequest",
    "Core.Syscall.ReadBytesRequest",
    "Core.Syscall.WriteRequest",
    "Core.Syscall.WriteBytesRequest",
    "Core.FS",
    "Core.FS.FsError",
    "Core.Path",
    "Core.Environment",
    "Core.Environment.EnvironmentError",
    "Core.Process",
    "Core.Process.ProcessError",
    "Core.Time",
    "Core.Time.Date",
    "Core.Time.TimeOfDay",
    "Core.Time.DateTime",
    "Core.Time.Duration",
    "Core.Time.Instant",
    "Core.Time.TimeError",
    "Core.Threading.Thread",
    "Core.Threading.ThreadError",
    "Core.Fluent.Step",
    "Query",
    "Query.QueryState",
    "Query.Operators",
    "Query.Execution",
    "Testing",
    "Testing.Assert",
    "Testing.Contracts",
    "System.IO",
    "System.Syscall",
    "Testing.Assertions",
    "Query.Contracts",
  ];
  for (const m of required) {
    t.is(modules.filter((x) => x === m).length, 1, `module ${m}`);
  }
});

test("the test project holds at least 200 test items", (t) => {
  const testFiles = files.filter((f) => f.startsWith(join(CORELIB, "Tests")));
  let count = 0;
  for (const f of testFiles) {
    const parsed = parseFile(readFileSync(f, "utf8"), f);
    count += parsed.tree.items.filter((item) => item.kind === "Test").length;
  }
  t.true(count >= 200, `${count} tests`);
});
