/**
 * The service benchmark stays runnable: a tiny bounded run (in process) finishes by itself
 * with every request answered correctly. The figures themselves are in docs/benchmarks.md.
 */

import test from "ava";
import { benchService, formatServiceBench } from "../../bench/service.ts";

test("bench/service.ts: a small bounded run completes with no failures", async (t) => {
  const r = await benchService({ gets: 400, puts: 100, concurrency: 4, inProcess: true });
  t.is(r.put.requests, 100);
  t.is(r.get.requests, 400);
  t.is(r.put.failures, 0);
  t.is(r.get.failures, 0);
  t.true(r.get.p50ms <= r.get.p99ms);
  t.regex(formatServiceBench(r), /\| GET \/cache\/cas \| 400 \|/);
});
