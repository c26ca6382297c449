import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-4GA3GJKH.js";
import "./chunks/chunk-W5M6VYVY.js";
import "./chunks/chunk-HMZJF4MD.js";
import "./chunks/chunk-RLFFWNRO.js";
import "./chunks/chunk-F5FHHWWT.js";
import "./chunks/chunk-VRNN5J2J.js";

// src/action/steps/save.ts
run("save").then((code) => process.exit(code));
