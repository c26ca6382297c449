/**
 * Assembly skips the candidate files of a module path whose folder does not exist (one memoised
 * folder check instead of up to three file checks per root). That must never change a closure:
 * every `.bd` file of the repository (examples, test fixtures, bench programs, the corelib) is
 * assembled as an entry twice, with and without folder checks, and the units (module, path,
 * content hash, order) and diagnostics must be identical, while the pruned runs ask the file
 * system fewer questions. The closure snapshot records the folder checks, so a folder that
 * appears later invalidates it.
 */

import test from "ava";
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import {
  assembleImportClosure,
  nodeFs,
  parserFacts,
  type AssemblyFs,
  type FactsProvider,
} from "../../src/assembly/index.ts";
import { loadValidSnapshot, recordingFs, saveSnapshot } from "../../src/pipeline/closure-snapshot.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CORELIB_SRC = join(ROOT, "corelib", "Src");

function bdFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== "node_modules" && e.name !== "obj") out.push(...bdFiles(p));
    else if (e.isFile() && e.name.endsWith(".bd")) out.push(p);
  }
  return out.sort();
}

/** The project root a file belongs to: its nearest `Src` folder, else its own folder. */
function rootOfEntry(file: string): string {
  const parts = dirname(file).split(sep);
  const i = parts.lastIndexOf("Src");
  return i >= 0 ? parts.slice(0, i + 1).join(sep) : dirname(file);
}

/** Parses each distinct text once (the same corelib files recur in most closures). */
function memoFacts(): FactsProvider {
  const memo = new Map<string, ReturnType<FactsProvider>>();
  return (text, file) => {
    const k = `${file}\n${text}`;
    let v = memo.get(k);
    if (!v) memo.set(k, (v = parserFacts(text, file)));
    return v;
  };
}

function counting(withFolders: boolean): AssemblyFs & { questions: number } {
  const fs = {
    questions: 0,
    readFile: nodeFs.readFile,
    realpath: nodeFs.realpath,
    isFile: (p: string) => (fs.questions++, nodeFs.isFile(p)),
    ...(withFolders ? { isDir: (p: string) => (fs.questions++, nodeFs.isDir!(p)) } : {}),
  };
  return fs;
}

test("folder checks never change a closure: every .bd file of the repository as an entry", (t) => {
  const entries = [
    ...bdFiles(join(ROOT, "examples")),
    ...bdFiles(join(ROOT, "__tests__", "fixtures")),
    ...bdFiles(join(ROOT, "bench", "programs")),
    ...bdFiles(CORELIB_SRC),
  ];
  t.true(entries.length > 200, `${entries.length} entries`);
  const facts = memoFacts();
  const pruned = counting(true);
  const plain = counting(false);
  let units = 0;
  for (const entryFile of entries) {
    const root = rootOfEntry(entryFile);
    const roots = [
      { name: "project", path: root },
      ...(root === CORELIB_SRC ? [] : [{ name: "corelib", path: CORELIB_SRC }]),
    ];
    const input = { roots, entryFile, projectDir: dirname(root) };
    const a = assembleImportClosure(input, { fs: pruned, facts });
    const b = assembleImportClosure(input, { fs: plain, facts });
    const shape = (x: typeof a) => ({
      units: x.value.units.map((u) => [u.module, u.path, u.hash, u.rootIndex]),
      entryIndex: x.value.entryIndex,
      diagnostics: x.diagnostics.map((d) => [d.code, d.file, d.start?.line, d.start?.column, d.message]),
    });
    t.deepEqual(shape(a), shape(b), entryFile);
    units += a.value.units.length;
  }
  t.true(units > entries.length, "the closures reach beyond their entries");
  t.true(
    pruned.questions < plain.questions,
    `file system questions: ${pruned.questions} with folder checks, ${plain.questions} without`,
  );
});

test("a closure snapshot records folder checks: a new folder with a module file invalidates it", (t) => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "beskid-fold-")));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const src = join(dir, "Src");
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, "Main.bd"), "i32 Main() {\n    return Util.Helper.Value();\n}\n");
  const roots = [{ name: "project", path: src }];
  const input = { roots, entryFile: join(src, "Main.bd"), projectDir: dir };
  const rec = recordingFs();
  const first = assembleImportClosure(input, { fs: rec.fs });
  t.deepEqual(
    first.value.units.map((u) => u.module),
    ["Main"],
  );
  t.true(rec.folders.get(join(src, "Util")) === false, "the missing folder was checked, not its files");
  t.false(rec.probes.has(join(src, "Util", "Helper.bd")), "no file probe inside a missing folder");
  const snap = join(dir, "closure.json");
  saveSnapshot(snap, rec, first.value);
  t.truthy(loadValidSnapshot(snap, roots), "valid while nothing changed");
  mkdirSync(join(src, "Util"));
  writeFileSync(join(src, "Util", "Helper.bd"), "pub i32 Value() {\n    return 0;\n}\n");
  t.is(loadValidSnapshot(snap, roots), undefined, "the new folder invalidates the snapshot");
  const second = assembleImportClosure(input, { fs: recordingFs().fs });
  t.deepEqual(
    second.value.units.map((u) => u.module),
    ["Main", "Util.Helper"],
  );
});
