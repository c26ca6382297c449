import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  build,
  check,
  lower,
  run,
  test
} from "./chunk-SNW2FUTX.js";
import {
  defaultCacheDir,
  resolve
} from "./chunk-ALCSC2RJ.js";
import "./chunk-RLFFWNRO.js";
import "./chunk-F5FHHWWT.js";
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
