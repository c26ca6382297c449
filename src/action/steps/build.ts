// Entry point of the action's "build" step (bundled to dist/action-build.js): it only runs the step.
import { run } from "../main.ts";

run("build").then((code) => process.exit(code));
