// Entry point of the action's "upload" step (bundled to dist/action-upload.js): it only runs the step.
import { run } from "../main.ts";

run("upload").then((code) => process.exit(code));
