// Entry point of the action's "resolve" step (bundled to dist/action-resolve.js): it only runs the step.
import { run } from "../main.ts";

run("resolve").then((code) => process.exit(code));
