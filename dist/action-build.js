import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-OVQDN55I.js";
import "./chunks/chunk-W5M6VYVY.js";
import "./chunks/chunk-HMZJF4MD.js";
import "./chunks/chunk-LHSJSJGN.js";
import "./chunks/chunk-YORRENFV.js";
import "./chunks/chunk-VRNN5J2J.js";

// src/action/steps/build.ts
run("build").then((code) => process.exit(code));
