import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  build,
  check,
  lower,
  run,
  test
} from "./chunk-KQUCX6ZZ.js";
import {
  defaultCacheDir,
  resolve
} from "./chunk-NL24AFED.js";
import "./chunk-JSXLKVZM.js";
import "./chunk-4L2MTY22.js";
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
