import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);

// src/util/engine.ts
import { setFlagsFromString } from "node:v8";
var SHORT_RUN_FLAGS = ["--interrupt-budget=540672"];
var applied = false;
function tuneEngineForShortRuns() {
  if (applied) return;
  for (const flag of SHORT_RUN_FLAGS) setFlagsFromString(flag);
  applied = true;
}

export {
  tuneEngineForShortRuns
};
