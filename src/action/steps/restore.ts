// Entry point of the action's "restore" step (bundled to dist/action-restore.js): it only runs the step.
import { run } from "../main.ts";

run("restore").then((code) => process.exit(code));
