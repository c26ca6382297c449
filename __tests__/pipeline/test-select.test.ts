/** Test selection order (tags, group, filter, skip) and sharding, PIPELINE.md §5. */

import test from "ava";
import {
  inShard,
  matchesFilter,
  matchesGroup,
  parseShard,
  selectTest,
  type TestDescriptor,
} from "../../src/pipeline/test-select.ts";

const parser: TestDescriptor = {
  name: "ParsesEmpty",
  qualifiedName: "Text::ParsesEmpty",
  tags: ["fast", "parser"],
  group: "text.parser",
};
const slow: TestDescriptor = { name: "BigInput", qualifiedName: "BigInput", tags: ["slow"], group: "text" };
const skipped: TestDescriptor = {
  ...parser,
  name: "Flaky",
  qualifiedName: "Flaky",
  skip: { reason: "flaky on CI" },
};

test("include-tag keeps tests having any of the tags", (t) => {
  t.deepEqual(selectTest(parser, { includeTags: ["slow", "parser"] }), { kind: "run" });
  t.deepEqual(selectTest(slow, { includeTags: ["fast"] }), { kind: "filtered_out" });
});

test("exclude-tag drops tests having any of the tags, after include", (t) => {
  t.deepEqual(selectTest(parser, { includeTags: ["fast"], excludeTags: ["parser"] }), {
    kind: "filtered_out",
  });
  t.deepEqual(selectTest(slow, { excludeTags: ["fast"] }), { kind: "run" });
});

test("group is a dotted prefix", (t) => {
  t.true(matchesGroup("text", "text.parser"));
  t.true(matchesGroup("text.parser", "text.parser"));
  t.false(matchesGroup("text", "textual"));
  t.deepEqual(selectTest(slow, { group: "text.parser" }), { kind: "filtered_out" });
});

test("filter is a substring, or a glob when it has * or ?", (t) => {
  t.true(matchesFilter("Empty", "Text::ParsesEmpty", "ParsesEmpty"));
  t.true(matchesFilter("Text::*", "Text::ParsesEmpty", "ParsesEmpty"));
  t.false(matchesFilter("Big*x", "BigInput", "BigInput"));
  t.true(matchesFilter("Big?nput", "BigInput", "BigInput"));
});

test("a filtered test is filtered_out even when it would be skipped; skip comes after filters", (t) => {
  t.deepEqual(selectTest(skipped, { includeTags: ["slow"] }), { kind: "filtered_out" });
  t.deepEqual(selectTest(skipped, {}), { kind: "skipped", reason: "flaky on CI" });
});

test("shards are disjoint and cover every position", (t) => {
  const seen = new Map<number, number>();
  for (let shard = 1; shard <= 3; shard++) {
    for (let p = 0; p < 10; p++)
      if (inShard(p, { index: shard, count: 3 })) seen.set(p, (seen.get(p) ?? 0) + 1);
  }
  t.is(seen.size, 10);
  t.true([...seen.values()].every((n) => n === 1));
});

test("shard syntax i/n", (t) => {
  t.deepEqual(parseShard("2/4"), { index: 2, count: 4 });
  t.is(parseShard("0/4"), undefined);
  t.is(parseShard("5/4"), undefined);
  t.is(parseShard("a/b"), undefined);
  t.is(parseShard("1/0"), undefined);
});

test("shard numbers beyond exact integers are malformed, not a shard that selects nothing", (t) => {
  t.is(parseShard("99999999999999999999/99999999999999999999"), undefined);
  t.is(parseShard("1/99999999999999999999"), undefined);
  t.deepEqual(parseShard("007/010"), { index: 7, count: 10 });
});
