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
} from "./chunk-ALCSC2RJ.js";
import "./chunk-F5FHHWWT.js";
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
