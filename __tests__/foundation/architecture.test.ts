/**
 * Architecture invariants as tests: the import graph follows the stage order of
 * ARCHITECTURE.md, every src/ folder is in the code map, and every module opens with a
 * header comment saying what it is.
 */

import test from "ava";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, dirname, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const SRC = join(ROOT, "src");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** The stage a file belongs to: its first folder under src/ (backends/x counts as one stage). */
function stageOf(file: string): string {
  const rel = relative(SRC, file).split("/");
  if (rel.length === 1) return "leaf";
  if (rel[0] === "backends") return `backends/${rel[1]}`;
  return rel[0]!;
}

const LEAF = ["leaf", "diagnostics", "util"];
// Which stages each stage may import (besides itself and the leaf modules). Backends and the
// runtime see only the artifact: nothing a backend needs may come from the AST or types.
const ALLOWED: Record<string, string[]> = {
  leaf: [],
  diagnostics: [],
  util: [],
  project: [],
  syntax: [],
  assembly: ["project", "syntax"],
  semantics: ["syntax", "assembly"],
  artifact: [],
  lowering: ["syntax", "semantics", "artifact", "runtime"],
  runtime: ["artifact"],
  "backends/jit": ["artifact", "runtime"],
  "backends/aot": ["artifact", "runtime"],
  pipeline: [
    "project",
    "syntax",
    "assembly",
    "semantics",
    "artifact",
    "lowering",
    "runtime",
    "backends/jit",
    "backends/aot",
  ],
  cli: ["pipeline", "service"],
  action: ["pipeline"],
  service: ["pipeline"],
};

const files = walk(SRC);

test("every import points to an allowed stage", (t) => {
  const violations: string[] = [];
  for (const file of files) {
    const from = stageOf(file);
    const allowed = new Set([from, ...LEAF, ...(ALLOWED[from] ?? [])]);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+"(\.[^"]+)"/g)) {
      const target = resolve(dirname(file), m[1]!);
      const to = stageOf(target);
      if (!allowed.has(to)) violations.push(`${relative(ROOT, file)} imports ${to} (${m[1]})`);
    }
  }
  t.deepEqual(violations, []);
});

test("every src/ folder is described in ARCHITECTURE.md", (t) => {
  const map = readFileSync(join(ROOT, "ARCHITECTURE.md"), "utf8");
  const folders = new Set(files.map((f) => relative(SRC, dirname(f))).filter((d) => d !== ""));
  const top = [...folders].map((d) =>
    d.startsWith("backends/") ? d.split("/").slice(0, 2).join("/") : d.split("/")[0]!,
  );
  const missing = [...new Set(top)].filter(
    (d) => !map.includes(`src/${d}/`) && !map.includes(`\`src/${d}\``),
  );
  t.deepEqual(missing, []);
});

test("every module starts with a header comment", (t) => {
  const bare = files.filter((f) => {
    const text = readFileSync(f, "utf8")
      .replace(/^#![^\n]*\n/, "")
      .trimStart();
    return !(text.startsWith("/**") || text.startsWith("//") || text.startsWith("/*"));
  });
  t.deepEqual(
    bare.map((f) => relative(ROOT, f)),
    [],
  );
});
