// Entry point of the action's "test" step (bundled to dist/action-test.js): it only runs the step.
import { run } from "../main.ts";

run("test").then((code) => process.exit(code));
