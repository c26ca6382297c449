// Entry point of the action's "lower" step (bundled to dist/action-lower.js): it only runs the step.
import { run } from "../main.ts";

run("lower").then((code) => process.exit(code));
