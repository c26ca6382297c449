import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-XUFOA5SC.js";
import "./chunks/chunk-DKNRZLDT.js";
import "./chunks/chunk-VX237YEB.js";
import "./chunks/chunk-5V3WT3R2.js";

// src/action/steps/report.ts
run("report").then((code) => process.exit(code));
