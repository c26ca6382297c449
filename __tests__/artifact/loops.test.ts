/**
 * Loop versioning (src/artifact/loops.ts) on lowered Beskid code: an index the loop computes
 * into a local from its variable (`c[r + j] = c[r + j] + …` lowers that way) is proven in
 * bounds like a direct one, so the unchecked copy has no `elem.addr` left. The program's
 * behaviour (values, the panic past the end) is checked under both backends by the program
 * suite and the JIT/AOT parity suite (`loops/derived_index.bd`).
 */

import test from "ava";
import { join } from "node:path";
import {
  forEachChild,
  forEachStmtChild,
  versionLoops,
  type Expr,
  type Stmt,
} from "../../src/artifact/index.ts";
import { PROGRAMS, compileFile } from "../lowering/helpers.ts";

function elems(ss: readonly Stmt[]): number {
  let n = 0;
  const e = (x: Expr): void => {
    if (x.kind === "elem.addr") n++;
    forEachChild(x, e, s);
  };
  const s = (x: Stmt): void => forEachStmtChild(x, e, s);
  ss.forEach(s);
  return n;
}

/** Element accesses in the unchecked and the checked copy of the first versioned loop. */
function versioned(ss: readonly Stmt[]): { fast: number; slow: number } | null {
  for (const s of ss) {
    if (s.kind === "if" && s.then[0]?.kind === "loop" && s.else[0]?.kind === "loop" && s.then.length === 1)
      return { fast: elems(s.then), slow: elems(s.else) };
    const inner =
      s.kind === "block" || s.kind === "loop"
        ? versioned(s.body)
        : s.kind === "if"
          ? versioned(s.then)
          : null;
    if (inner) return inner;
  }
  return null;
}

const compiled = compileFile(join(PROGRAMS, "loops", "derived_index.bd"), PROGRAMS);

for (const [name, accesses] of [
  ["AddRow", 3],
  ["Shift", 1],
] as const) {
  test(`${name}: the index local derived from the loop variable is versioned`, (t) => {
    const a = compiled.artifact;
    if (!a) return t.fail(compiled.errors.map((d) => d.message).join("\n"));
    const f = a.functions.find((g) => g.name.endsWith(name));
    if (!f) return t.fail(`no function ${name}`);
    t.is(elems(f.body), accesses);
    t.deepEqual(versioned(versionLoops(f).body), { fast: 0, slow: accesses });
  });
}
