import test from "ava";
import { stronglyConnected } from "../../src/util/graph.ts";

test("stronglyConnected: cycles share a component, a chain does not", (t) => {
  // a → b → c → a is one cycle; c → d → e → d another; f alone.
  const adj = new Map([
    ["a", ["b"]],
    ["b", ["c"]],
    ["c", ["a", "d"]],
    ["d", ["e"]],
    ["e", ["d"]],
    ["f", ["a"]],
  ]);
  const c = stronglyConnected(adj);
  t.is(c.get("a"), c.get("b"));
  t.is(c.get("b"), c.get("c"));
  t.is(c.get("d"), c.get("e"));
  t.not(c.get("a"), c.get("d"));
  t.not(c.get("f"), c.get("a"));
  t.is(new Set(c.values()).size, 3);
});

test("stronglyConnected: a 100,000-node chain closing on itself is one component, without recursion", (t) => {
  const n = 100_000;
  const adj = new Map<number, number[]>();
  for (let i = 0; i < n; i++) adj.set(i, [(i + 1) % n]);
  const c = stronglyConnected(adj);
  t.is(c.size, n);
  t.is(new Set(c.values()).size, 1);
});
