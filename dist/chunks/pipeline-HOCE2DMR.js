import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  build,
  check,
  lower,
  run,
  test
} from "./chunk-QPAOH46P.js";
import {
  defaultCacheDir,
  resolve
} from "./chunk-IN33QUJ3.js";
import "./chunk-UHJ5KMZR.js";
import "./chunk-PKWUUWPU.js";
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
