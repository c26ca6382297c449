/**
 * The job summary as markdown: project and target, the cache result and why, the lowered
 * artifact, the outputs with sizes and sha256, the test table (counts, failures with message
 * and location, slowest tests), diagnostics beyond the annotation budget, and the release.
 * GitHub rejects a summary over 1 MiB, so the failure list is cut until the text fits and a
 * note says how many were left out and where the full report is. Pure: returns a string.
 */

import type { TestCaseResult, TestReport } from "../pipeline/api.ts";
import type { Conclusion } from "./inputs.ts";
import type { ActionState, RestoreKind } from "./state.ts";

/** GitHub's limit per step summary is 1 MiB; stay below it with room for the runner. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 4096;
const SLOWEST = 5;
const MAX_MESSAGE = 2000;

function esc(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function code(text: string): string {
  return "`" + text.replace(/`/g, "'") + "`";
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

const RESTORE_TEXT: Record<RestoreKind, string> = {
  hit: "exact hit",
  "restore-key": "partial hit (restore key)",
  miss: "miss",
  failed: "failed (treated as a miss)",
  disabled: "disabled",
  unavailable: "unavailable (treated as a miss)",
};

const CONCLUSION_TEXT: Record<Conclusion, string> = {
  success: "✅ success",
  "tests-failed": "❌ tests failed",
  failure: "❌ failure",
  "invalid-input": "❌ invalid input",
};

function failureLine(t: TestCaseResult, location: (t: TestCaseResult) => string): string {
  let reason = t.reason ?? t.outcome;
  if (reason.length > MAX_MESSAGE) reason = reason.slice(0, MAX_MESSAGE) + "…";
  return `- **${esc(t.qualified_name)}** (${t.outcome === "timed_out" ? "timed out" : "failed"}) at ${code(location(t))}: ${esc(reason)}`;
}

export interface SummaryInput {
  readonly state: ActionState;
  readonly conclusion: Conclusion;
  readonly report?: TestReport;
  /** Test file path as shown (workspace-relative when possible). */
  readonly location: (t: TestCaseResult) => string;
  /** A built file's path as shown (workspace-relative when possible). */
  readonly displayPath?: (path: string) => string;
  /** Where the full report went (an artifact name or a file), for truncation notes. */
  readonly fullReport?: string;
  readonly limitBytes?: number;
}

export function renderSummary(input: SummaryInput): string {
  const limit = input.limitBytes ?? SUMMARY_LIMIT_BYTES;
  const failures = (input.report?.tests ?? []).filter(
    (t) => t.outcome === "failed" || t.outcome === "timed_out",
  );
  let shown = failures.length;
  for (;;) {
    const text = render(input, failures, shown);
    if (Buffer.byteLength(text) <= limit || shown === 0) {
      return Buffer.byteLength(text) <= limit
        ? text
        : Buffer.from(text)
            .subarray(0, limit - 200)
            .toString("utf8") + "\n\n_(summary truncated to stay under GitHub's 1 MiB limit)_\n";
    }
    shown = Math.floor(shown / 2);
  }
}

function render(input: SummaryInput, failures: readonly TestCaseResult[], shown: number): string {
  const { state } = input;
  const out: string[] = [];
  const plan = state.plan;
  const title = plan
    ? `${plan.projectName}${plan.target ? ` · ${plan.target.label}` : ""}`
    : (state.inputs?.project ?? "project");
  out.push(`## beskid-ci: ${esc(title)}`, "");
  out.push("| | |", "|---|---|");
  out.push(`| Conclusion | ${CONCLUSION_TEXT[input.conclusion]} |`);
  if (plan) {
    const manifest = input.displayPath ? input.displayPath(plan.manifestPath) : plan.manifestPath;
    out.push(`| Project | ${code(plan.projectName)} (${code(manifest)}) |`);
    if (plan.target) out.push(`| Target | ${code(plan.target.label)} (${plan.target.kind}) |`);
    if (plan.unitCount !== undefined) out.push(`| Units in closure | ${plan.unitCount} |`);
  }
  out.push("");

  if (state.inputErrors?.length) {
    out.push("### Invalid input", "", ...state.inputErrors.map((e) => `- ${e}`), "");
  }
  if (state.failures.length) {
    out.push("### Failed steps", "", ...state.failures.map((f) => `- **${f.step}**: ${esc(f.message)}`), "");
  }

  if (state.key || state.restore) {
    out.push("### Cache", "");
    const r = state.restore;
    if (r) {
      out.push(
        `- Restore: **${RESTORE_TEXT[r.kind]}**${r.matchedKey ? ` from ${code(r.matchedKey)}` : ""} (${r.ms} ms) — ${r.note}`,
      );
    }
    if (state.closure) {
      out.push(
        `- Closure hash: ${state.closure.from === "snapshot" ? "from the restored closure snapshot, nothing parsed" : "by reading the import closure"} (${state.closure.ms} ms; ${state.closure.lookups === 2 ? "the newest entry was another closure's, so the exact key was looked up too" : `${state.closure.lookups} cache lookup${state.closure.lookups === 1 ? "" : "s"}`})`,
      );
    }
    if (state.save) out.push(`- Save: **${state.save.kind}** — ${state.save.note}`);
    else if (r?.kind === "hit")
      // action.yml skips the save step on an exact hit; say why rather than the branch policy.
      out.push("- Save: **skipped** — exact hit, and cache entries are immutable");
    else if (state.policy?.readOnly) out.push(`- Save: **read-only** — ${state.policy.reason}`);
    else if (state.policy)
      out.push(
        state.lower && !state.lower.ok
          ? "- Save: **skipped** — lowering failed (set `cache-save-on-failure: true` to save anyway)"
          : `- Save: not attempted — ${state.policy.reason}`,
      );
    if (state.lower) {
      const how = state.lower.cacheHit
        ? `taken from the ${state.lower.source} cache, nothing lowered`
        : `lowered in ${state.lower.ms} ms`;
      out.push(`- Lowered artifact: ${how}`);
      if (state.lower.artifact) {
        out.push(
          `- Artifact digest: ${code(state.lower.artifact.sha256)} (${formatBytes(state.lower.artifact.bytes)})`,
        );
      }
    }
    if (state.key) {
      out.push("", "<details><summary>Cache key</summary>", "");
      out.push(`Primary key: ${code(state.key.primary)}`, "");
      out.push("| Part | Value |", "|---|---|");
      for (const c of state.key.components) out.push(`| ${c.name} | ${code(c.value)} |`);
      out.push("", `Restore keys: ${state.key.restoreKeys.map(code).join(", ")}`, "", "</details>");
    }
    out.push("");
  }

  if (state.build?.outputs.length) {
    out.push("### Outputs", "", "| File | Kind | Size | sha256 |", "|---|---|---|---|");
    for (const o of state.build.outputs) {
      const shown = input.displayPath ? input.displayPath(o.path) : o.path;
      out.push(
        `| ${code(shown)} | ${o.kind} | ${formatBytes(o.bytes)} (${o.bytes} bytes) | ${code(o.sha256)} |`,
      );
    }
    if (state.upload) {
      out.push(
        "",
        state.upload.ok
          ? `Uploaded as artifact ${state.upload.url ? `[${esc(state.upload.name)}](${state.upload.url})` : code(state.upload.name)}.`
          : `Not uploaded: ${esc(state.upload.note ?? "the upload failed")}`,
      );
    }
    out.push("");
  }

  if (state.tests) {
    const s = state.tests.summary;
    out.push("### Tests", "");
    out.push(
      "| Total | Passed | Failed | Skipped | Filtered out | Timed out | Duration |",
      "|---|---|---|---|---|---|---|",
    );
    out.push(
      `| ${s.total} | ${s.passed} | ${s.failed} | ${s.skipped} | ${s.filtered_out} | ${s.timed_out} | ${s.duration_ms} ms |`,
    );
    out.push("");
    if (failures.length) {
      out.push("#### Failures", "");
      for (const t of failures.slice(0, shown)) out.push(failureLine(t, input.location));
      const unannotatedTests = state.unannotated.tests ?? 0;
      if (unannotatedTests > 0) {
        out.push(
          "",
          `_${unannotatedTests} failing tests were not annotated (GitHub shows at most 10 error annotations per step)${shown === failures.length ? "; all are listed above" : ""}._`,
        );
      }
      if (shown < failures.length) {
        out.push(
          "",
          `_${failures.length - shown} more failures not shown to keep this summary under 1 MiB${input.fullReport ? `; the full report is in ${input.fullReport}` : ""}._`,
        );
      }
      out.push("");
    }
    const ran = (input.report?.tests ?? []).filter(
      (t) => t.outcome !== "filtered_out" && t.outcome !== "skipped",
    );
    if (ran.length) {
      const slow = [...ran].sort((a, b) => b.duration_ms - a.duration_ms).slice(0, SLOWEST);
      out.push("#### Slowest tests", "", "| Test | Duration |", "|---|---|");
      for (const t of slow) out.push(`| ${esc(t.qualified_name)} | ${t.duration_ms} ms |`);
      out.push("");
    }
  }

  const d = state.diagnostics;
  const un = state.unannotated;
  if (d.errors || d.warnings || un.errors || un.warnings) {
    out.push("### Diagnostics", "");
    out.push(`${d.errors} errors, ${d.warnings} warnings.`);
    if (un.errors || un.warnings) {
      out.push(
        `${un.errors} errors and ${un.warnings} warnings were not annotated (GitHub shows at most 10 of each per step); see the step logs${input.fullReport ? ` and ${input.fullReport}` : ""}.`,
      );
    }
    out.push("");
  }

  if (state.release) {
    out.push("### Release", "");
    out.push(
      state.release.ok
        ? `Published ${state.release.url ? `[${state.release.url}](${state.release.url})` : ""} with ${(state.release.assets ?? []).map(code).join(", ")}.`
        : `Not published: ${esc(state.release.note ?? "failed")}`,
    );
    out.push("");
  }
  return out.join("\n") + "\n";
}
