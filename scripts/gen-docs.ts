// Regenerates the generated parts of docs/ (today: docs/diagnostics.md from the code table).
import { writeFileSync } from "node:fs";
import { renderCodesMarkdown } from "../src/diagnostics/docs.ts";

writeFileSync("docs/diagnostics.md", renderCodesMarkdown());
console.log("wrote docs/diagnostics.md");
