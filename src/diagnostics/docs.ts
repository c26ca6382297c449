/**
 * Generates docs/diagnostics.md from the code table, so the documentation can never list a
 * code the toolchain does not have (or miss one it has). Used by `npm run docs` and a test.
 */

import { CODES, type Stage } from "./codes.ts";

const STAGE_TITLES: Record<Stage, string> = {
  syntax: "Lexical and syntax (E00xx, E01xx, W01xx)",
  semantics: "Semantic analysis (E1xxx, W1xxx)",
  project: "Projects, workspaces and lockfiles (E30xx, W30xx)",
  backend: "Backends (E40xx)",
  tool: "Toolchain I/O (E90xx, ours)",
};

const ORDER: Stage[] = ["syntax", "semantics", "project", "backend", "tool"];

export function renderCodesMarkdown(): string {
  const lines = [
    "# Diagnostic codes",
    "",
    "Generated from `src/diagnostics/codes.ts` by `npm run docs`; a test fails when this file is",
    "out of date. Codes keep the Beskid bands; `(ours)` marks codes beskid-ci adds. A code never",
    "changes meaning once released. `E` codes are errors (they stop the pipeline before lowering),",
    "`W` codes are warnings.",
    "",
    "Every diagnostic is printed as `file:line:col: error[CODE]: message` with the source line and",
    "a caret underline; `--json` gives the same facts as data, and the GitHub Action turns them",
    "into annotations.",
  ];
  for (const stage of ORDER) {
    lines.push("", `## ${STAGE_TITLES[stage]}`, "", "| Code | Severity | Meaning |", "|---|---|---|");
    for (const [code, info] of Object.entries(CODES)) {
      if (info.stage !== stage) continue;
      const meaning: string = "meaning" in info && info.meaning ? info.meaning : info.title;
      lines.push(`| ${code} | ${info.severity} | ${meaning.replace(/\|/g, "\\|")} |`);
    }
  }
  return lines.join("\n") + "\n";
}
