import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  build,
  check,
  lower,
  run,
  test
} from "./chunk-VLSTPUE2.js";
import {
  defaultCacheDir,
  resolve
} from "./chunk-E4XULVAT.js";
import "./chunk-TUDP4VID.js";
import "./chunk-DYDQ2EQN.js";
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
