import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-QOYT7ZSP.js";
import "./chunks/chunk-W5M6VYVY.js";
import "./chunks/chunk-HMZJF4MD.js";
import "./chunks/chunk-UHJ5KMZR.js";
import "./chunks/chunk-PKWUUWPU.js";
import "./chunks/chunk-5V3WT3R2.js";

// src/action/steps/report.ts
run("report").then((code) => process.exit(code));
