import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  build,
  check,
  lower,
  run,
  test
} from "./chunk-Z26HTOKE.js";
import {
  defaultCacheDir,
  resolve
} from "./chunk-4NSGO37D.js";
import "./chunk-E3K65NKN.js";
import "./chunk-LQPGY5VJ.js";
import "./chunk-5V3WT3R2.js";
export {
  build,
  check,
  defaultCacheDir,
  lower,
  resolve,
  run,
  test
};
