import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  defaultCacheDir,
  displayDiagnostics,
  displayPath,
  loweringOptions,
  resolve,
  resolveOnly,
  resolveProject,
  unitName
} from "./chunk-IN33QUJ3.js";
import "./chunk-PKWUUWPU.js";
import "./chunk-5V3WT3R2.js";
export {
  defaultCacheDir,
  displayDiagnostics,
  displayPath,
  loweringOptions,
  resolve,
  resolveOnly,
  resolveProject,
  unitName
};
