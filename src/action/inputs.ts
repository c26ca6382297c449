/**
 * The action's inputs and outputs, named once (action.yml is checked against these tables
 * by a test), and the validation that turns raw input strings into typed `ActionInputs`.
 * Validation collects every problem with a sentence that names the input, what was given and
 * what would be valid. It reads nothing itself: the raw values and the runner context are
 * passed in, so it never touches `process.env` or `@actions/core`.
 */

import type { OutputKind } from "../pipeline/api.ts";
import type { RunnerContext } from "./context.ts";

export interface InputSpec {
  readonly description: string;
  /** The default as action.yml states it (expressions included). */
  readonly default: string;
}

export const INPUTS = {
  project: { description: "Project folder or manifest file, relative to the workspace.", default: "." },
  target: { description: "Target to build and test (default: the manifest's default target).", default: "" },
  "workspace-member": { description: "Workspace member to use when `project` is a workspace.", default: "" },
  locked: {
    description:
      "`true` requires an up-to-date Project.lock; `frozen` also forbids fetching; `false` allows updating it.",
    default: "false",
  },
  "corelib-path": {
    description: "Another corelib checkout to compile against (default: the bundled corelib).",
    default: "",
  },
  cache: { description: "Restore and save the lowered artifact with the GitHub cache.", default: "true" },
  "cache-key-prefix": {
    description: "First part of the cache key; change it to start a fresh cache.",
    default: "v1",
  },
  "cache-read-only": {
    description: "Restore but never save. Default: read-only everywhere except on the default branch.",
    default: "",
  },
  "cache-save-on-failure": {
    description: "Save the cache folder even when assembling or lowering failed.",
    default: "false",
  },
  "remote-cache-url": {
    description: "URL of a beskid-ci remote cache service, tried before the GitHub cache.",
    default: "",
  },
  "remote-cache-token": { description: "Bearer token for the remote cache service.", default: "" },
  build: { description: "Build the AOT outputs and upload them as an artifact.", default: "true" },
  kinds: {
    description:
      "Comma-separated output kinds: exe, shared, static, object, wasm (default: the target's kind).",
    default: "",
  },
  "artifact-name": {
    description: "Name of the uploaded artifact (default: unique per job and matrix entry).",
    default: "",
  },
  "retention-days": {
    description: "Days to keep the uploaded artifact, 1-90 (default: the repository's setting).",
    default: "",
  },
  "compression-level": { description: "Zip compression level of the artifact, 0-9.", default: "6" },
  test: { description: "Run the tests through the JIT and gate the job on them.", default: "false" },
  "test-filter": {
    description: "Only tests whose name contains this text or matches this glob.",
    default: "",
  },
  "test-tags": { description: "Comma-separated tags; run tests having any of them.", default: "" },
  "test-exclude-tags": { description: "Comma-separated tags; skip tests having any of them.", default: "" },
  "test-group": { description: "Only tests whose group starts with this prefix.", default: "" },
  "test-shard": { description: "Run one shard of the tests, as `i/n` (1-based).", default: "" },
  "fail-on-test-failure": { description: "Fail the step when a test fails or times out.", default: "true" },
  "junit-path": {
    description: "Where to write the JUnit XML report, relative to the workspace.",
    default: "",
  },
  annotations: {
    description: "Annotate compile diagnostics and failing tests at their source line.",
    default: "true",
  },
  "job-summary": { description: "Write a job summary (cache, outputs, tests).", default: "true" },
  release: {
    description: "On a tag, attach the outputs and SHA256SUMS to the tag's release.",
    default: "false",
  },
  token: {
    description: "Token for release publishing (needs `contents: write`).",
    default: "${{ github.token }}",
  },
} as const satisfies Record<string, InputSpec>;

export type InputName = keyof typeof INPUTS;

export const OUTPUTS = {
  "cache-hit": "`true` when the cache was restored from the exact primary key.",
  "cache-primary-key": "The cache key this run looked for (and saved under).",
  "cache-matched-key": "The key of the restored cache entry, empty on a miss.",
  "artifact-digest": "sha256 of the lowered artifact.",
  outputs: "JSON list of the built files (workspace-relative paths).",
  "artifact-id": "ID of the uploaded artifact.",
  "artifact-url": "URL of the uploaded artifact.",
  "tests-passed": "Number of tests that passed.",
  "tests-failed": "Number of tests that failed or timed out.",
  "tests-skipped": "Number of tests skipped by their skip condition.",
  conclusion: "`success`, `tests-failed`, `failure` (compile or build error) or `invalid-input`.",
  "release-url": "URL of the release the outputs were attached to.",
} as const;

export type OutputName = keyof typeof OUTPUTS;

export type Conclusion = "success" | "tests-failed" | "failure" | "invalid-input";

export const OUTPUT_KINDS: readonly OutputKind[] = ["exe", "shared", "static", "object", "wasm"];

/** GitHub refuses cache keys longer than this or containing a comma. */
export const MAX_KEY_LENGTH = 512;

export interface ActionInputs {
  readonly project: string;
  readonly target?: string;
  readonly workspaceMember?: string;
  readonly lockMode: "default" | "locked" | "frozen";
  readonly corelibPath?: string;
  readonly cache: boolean;
  readonly cacheKeyPrefix: string;
  /** Undefined: decided from the ref (read-only off the default branch). */
  readonly cacheReadOnly?: boolean;
  readonly cacheSaveOnFailure: boolean;
  readonly remoteCacheUrl?: string;
  readonly build: boolean;
  readonly kinds?: readonly OutputKind[];
  readonly artifactName?: string;
  readonly retentionDays?: number;
  readonly compressionLevel: number;
  readonly test: boolean;
  readonly testFilter?: string;
  readonly testTags: readonly string[];
  readonly testExcludeTags: readonly string[];
  readonly testGroup?: string;
  readonly testShard?: { readonly index: number; readonly count: number };
  readonly failOnTestFailure: boolean;
  readonly junitPath?: string;
  readonly annotations: boolean;
  readonly jobSummary: boolean;
  readonly release: boolean;
}

export type InputParse =
  | { readonly ok: true; readonly inputs: ActionInputs }
  | { readonly ok: false; readonly errors: readonly string[] };

const TRUE = new Set(["true", "True", "TRUE"]);
const FALSE = new Set(["false", "False", "FALSE"]);

/** Reads raw values through `get` (already trimmed, "" when unset) and validates them all. */
export function parseInputs(get: (name: InputName) => string, ctx: RunnerContext): InputParse {
  const errors: string[] = [];
  const raw = (name: InputName): string => get(name).trim();
  const opt = (name: InputName): string | undefined => raw(name) || undefined;
  const bool = (name: InputName): boolean => {
    const v = raw(name) || INPUTS[name].default;
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    errors.push(`Input \`${name}\` must be \`true\` or \`false\`, got \`${v}\`.`);
    return false;
  };
  const optBool = (name: InputName): boolean | undefined => (raw(name) === "" ? undefined : bool(name));
  const list = (name: InputName): string[] =>
    raw(name)
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  const int = (name: InputName, min: number, max: number): number | undefined => {
    const v = raw(name) || INPUTS[name].default;
    if (v === "") return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      errors.push(`Input \`${name}\` must be a whole number from ${min} to ${max}, got \`${v}\`.`);
      return undefined;
    }
    return Number(v);
  };

  const lockedRaw = raw("locked") || "false";
  let lockMode: ActionInputs["lockMode"] = "default";
  if (lockedRaw === "frozen") lockMode = "frozen";
  else if (TRUE.has(lockedRaw)) lockMode = "locked";
  else if (!FALSE.has(lockedRaw))
    errors.push(`Input \`locked\` must be \`true\`, \`false\` or \`frozen\`, got \`${lockedRaw}\`.`);

  let kinds: OutputKind[] | undefined;
  const kindList = list("kinds");
  if (kindList.length > 0) {
    kinds = [];
    for (const k of kindList) {
      if ((OUTPUT_KINDS as readonly string[]).includes(k)) {
        if (!kinds.includes(k as OutputKind)) kinds.push(k as OutputKind);
      } else {
        errors.push(
          `Input \`kinds\` has an unknown kind \`${k}\`; valid kinds are ${OUTPUT_KINDS.join(", ")}.`,
        );
      }
    }
  }

  let testShard: ActionInputs["testShard"];
  const shard = raw("test-shard");
  if (shard !== "") {
    const m = /^(\d+)\/(\d+)$/.exec(shard);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1 || Number(m[1]) > Number(m[2])) {
      errors.push(
        `Input \`test-shard\` must be \`i/n\` with 1 <= i <= n (for example \`2/4\`), got \`${shard}\`.`,
      );
    } else {
      testShard = { index: Number(m[1]), count: Number(m[2]) };
    }
  }

  const cacheKeyPrefix = raw("cache-key-prefix") || INPUTS["cache-key-prefix"].default;
  if (cacheKeyPrefix.includes(",")) {
    errors.push(
      `Input \`cache-key-prefix\` must not contain a comma (GitHub cache keys cannot), got \`${cacheKeyPrefix}\`.`,
    );
  } else if (cacheKeyPrefix.length > 200) {
    errors.push(
      `Input \`cache-key-prefix\` is ${cacheKeyPrefix.length} characters long; keep it under 200 so the whole key stays under ${MAX_KEY_LENGTH}.`,
    );
  }

  const artifactName = opt("artifact-name");
  if (artifactName !== undefined && /["<>:|*?\\/\r\n]/.test(artifactName)) {
    errors.push(
      `Input \`artifact-name\` must not contain any of " : < > | * ? \\ / or a line break, got \`${artifactName}\`.`,
    );
  }

  const release = bool("release");
  if (release && ctx.refType !== "tag") {
    errors.push(
      `Input \`release: true\` needs a tag ref (refs/tags/…), but this run is on \`${ctx.ref || "an unknown ref"}\`; run it on \`push: tags\` or set it only for tags: \`release: \${{ startsWith(github.ref, 'refs/tags/') }}\`.`,
    );
  }

  const build = bool("build");
  if (release && !build) {
    errors.push("Input `release: true` needs `build: true`: without a build there are no outputs to attach.");
  }

  const remoteCacheUrl = opt("remote-cache-url");
  if (remoteCacheUrl !== undefined && !/^https?:\/\/\S+$/.test(remoteCacheUrl)) {
    errors.push(`Input \`remote-cache-url\` must be an http(s) URL, got \`${remoteCacheUrl}\`.`);
  }

  const inputs: ActionInputs = {
    project: raw("project") || ".",
    target: opt("target"),
    workspaceMember: opt("workspace-member"),
    lockMode,
    corelibPath: opt("corelib-path"),
    cache: bool("cache"),
    cacheKeyPrefix,
    cacheReadOnly: optBool("cache-read-only"),
    cacheSaveOnFailure: bool("cache-save-on-failure"),
    remoteCacheUrl,
    build,
    kinds,
    artifactName,
    retentionDays: int("retention-days", 1, 90),
    compressionLevel: int("compression-level", 0, 9) ?? 6,
    test: bool("test"),
    testFilter: opt("test-filter"),
    testTags: list("test-tags"),
    testExcludeTags: list("test-exclude-tags"),
    testGroup: opt("test-group"),
    testShard,
    failOnTestFailure: bool("fail-on-test-failure"),
    junitPath: opt("junit-path"),
    annotations: bool("annotations"),
    jobSummary: bool("job-summary"),
    release,
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, inputs };
}
