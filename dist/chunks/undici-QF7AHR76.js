import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);
import {
  require_undici
} from "./chunk-TZZCBI7V.js";
import "./chunk-5V3WT3R2.js";
export default require_undici();
