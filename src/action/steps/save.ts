// Entry point of the action's "save" step (bundled to dist/action-save.js): it only runs the step.
import { run } from "../main.ts";

run("save").then((code) => process.exit(code));
