/** Loop versioning is backend-neutral: it lives in the artifact stage (src/artifact/loops.ts). */
export { versionLoops } from "../../artifact/index.ts";
