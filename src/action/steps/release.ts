// Entry point of the action's "release" step (bundled to dist/action-release.js): it only runs the step.
import { run } from "../main.ts";

run("release").then((code) => process.exit(code));
