/**
 * The corelib's public API against LANGUAGE.md §8 and docs/corelib.md: the callable count
 * matches §8 (implemented + left out = 351), at least 80% of them are implemented and called
 * by a corelib test, and the status table in the docs is the one the sources give.
 *
 * Not here: whether the calls behave (the corelib's own `test` items decide that).
 */

import test from "ava";
import { readFileSync } from "node:fs";
import { BEGIN, DOC, END, LEFT_OUT, inventory, renderTable } from "./api.ts";

const items = inventory();

test("implemented plus left-out callables are the 351 of §8", (t) => {
  t.is(items.length + LEFT_OUT.length, 351);
});

test("at least 80% of the callables are implemented and tested", (t) => {
  const tested = items.filter((c) => c.tested).length;
  t.true(tested / 351 >= 0.8, `${tested} of 351 tested`);
});

test("spot checks of names and signatures' modules", (t) => {
  const has = (module: string, name: string) => items.some((c) => c.module === module && c.name === name);
  t.true(has("Core.Output", "WriteLine"));
  t.true(has("Collections.List", "List.Push"));
  t.true(has("Collections.List", "Push"));
  t.true(has("Collections.Map", "Map.ContainsKey"));
  t.true(has("Testing.Assert", "Equal"));
  t.true(has("Core.Text.Regex.Generated", "ParseSymSafe"));
  t.true(has("Query.QueryState", "QueryState.Select"));
  t.true(has("Core.Input", "IsEmpty"), "implemented with the __syscall_read_at_end peek");
});

test("docs/corelib.md carries the current table", (t) => {
  const doc = readFileSync(DOC, "utf8");
  const start = doc.indexOf(BEGIN);
  const stop = doc.indexOf(END);
  t.true(start >= 0 && stop > start, "markers present");
  t.is(
    doc.slice(start + BEGIN.length, stop).trim(),
    renderTable(items).trim(),
    "run: npx tsx __tests__/corelib/api.ts --write",
  );
});
