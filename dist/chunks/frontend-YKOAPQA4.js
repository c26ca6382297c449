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
} from "./chunk-GRR4ROX3.js";
import "./chunk-YORRENFV.js";
import "./chunk-VRNN5J2J.js";
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
