// Entry point of the action's "report" step (bundled to dist/action-report.js): it only runs the step.
import { run } from "../main.ts";

run("report").then((code) => process.exit(code));
