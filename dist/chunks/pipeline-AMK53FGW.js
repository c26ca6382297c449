import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  build,
  check,
  defaultCacheDir,
  lower,
  resolve,
  run,
  test
} from "./chunk-LUBQ64HC.js";
import "./chunk-TZZCBI7V.js";
import "./chunk-VX237YEB.js";
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
