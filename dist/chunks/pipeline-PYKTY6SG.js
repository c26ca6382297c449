import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  build,
  check,
  lower,
  run,
  test
} from "./chunk-DQ4W24J2.js";
import {
  defaultCacheDir,
  resolve
} from "./chunk-GRR4ROX3.js";
import "./chunk-LHSJSJGN.js";
import "./chunk-YORRENFV.js";
import "./chunk-VRNN5J2J.js";
export {
  build,
  check,
  defaultCacheDir,
  lower,
  resolve,
  run,
  test
};
