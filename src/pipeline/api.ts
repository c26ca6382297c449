/**
 * The contract between the pipeline and its surfaces (cli, action, service): request and
 * result shapes of every command the spine supports. Surfaces depend on these types only;
 * the spine in `pipeline/spine.ts` implements them. No logic lives here (one constant: the
 * length of the hashes in a cache key, which the action relies on too).
 */

import type { Diagnostic } from "../diagnostics/index.ts";

/** Hex digits of each hash in a cache key (the options hash, the closure hash). */
export const KEY_HASH_LENGTH = 16;

export type LockMode = "default" | "locked" | "frozen";

/** Which project, target and input a command works on (PIPELINE.md §1). */
export interface ProjectRequest {
  /** Folder relative paths are resolved against. */
  readonly cwd: string;
  /** `--project`: a folder or a manifest file. */
  readonly project?: string;
  /** An explicit `.bd` input file (bypasses target selection). */
  readonly input?: string;
  readonly target?: string;
  readonly workspaceMember?: string;
  readonly lockMode?: LockMode;
  /** Another corelib checkout (BESKID_CORELIB_ROOT / the action's corelib-path). */
  readonly corelibRoot?: string;
  /** The command asking (member selection prefers `defaultTestMember` for `test`). */
  readonly command: "check" | "lower" | "run" | "test" | "build" | "assemble";
}

export interface CacheRequest {
  /** Use and fill the lowered-artifact cache (default true). */
  readonly enabled: boolean;
  /** Local cache folder; default `<project>/obj/beskid/cache`. */
  readonly dir?: string;
  /** Optional remote tier (the container's service). */
  readonly remote?: { readonly url: string; readonly token?: string };
  /** Called for cache problems: they only warn, never fail the build. */
  readonly warn?: (message: string) => void;
}

/** The cache key and its parts, printed in full by the action. */
export interface CacheKey {
  /** `<toolchain>-<schema>-<options hash>-<closure hash>`; the action prefixes it. */
  readonly key: string;
  readonly components: {
    readonly toolchain: string;
    readonly schema: string;
    readonly options: string;
    readonly closure: string;
  };
}

export interface PlanSummary {
  readonly projectDir: string;
  readonly projectName: string;
  readonly manifestPath: string;
  readonly target?: { readonly label: string; readonly kind: "App" | "Lib" | "Test" };
  readonly entryFile: string;
  /** Files whose contents feed the cache key besides the units: manifests and the lock. */
  readonly inputs: readonly string[];
  /** Units in the import closure; absent when the closure was not read (`closure: "snapshot"`). */
  readonly unitCount?: number;
}

/** The parts of the cache key that do not depend on the import closure. */
export type CacheKeyBase = Omit<CacheKey["components"], "closure">;

export interface ResolveOptions {
  /**
   * `"assemble"` (the default): read the import closure (from a still-valid closure snapshot in
   * the cache folder, else by assembling and parsing). `"snapshot"`: read it only from a valid
   * snapshot; without one the result has no `cacheKey` (only `keyBase`) and nothing is parsed.
   */
  readonly closure?: "assemble" | "snapshot";
}

export interface ResolveResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly plan?: PlanSummary;
  readonly cacheKey?: CacheKey;
  /** The key's closure-independent parts; set whenever the plan resolved. */
  readonly keyBase?: CacheKeyBase;
  /** How the import closure was read: from a validated closure snapshot, or by assembling it. */
  readonly closureFrom?: "snapshot" | "assembly";
  /** The folder holding the local lowered-artifact cache for this project. */
  readonly cacheDir?: string;
}

export interface LowerResult extends ResolveResult {
  readonly cache: { readonly hit: boolean; readonly source: "local" | "remote" | "none" };
  readonly artifact?: { readonly path: string; readonly sha256: string; readonly bytes: number };
  /** Milliseconds per stage, for reports and benchmarks. */
  readonly timings: Readonly<Record<string, number>>;
}

export type OutputKind = "exe" | "shared" | "static" | "object" | "wasm";

export interface BuildRequest {
  readonly kinds?: readonly OutputKind[];
  readonly output?: string;
  readonly release?: boolean;
  readonly entrypoint?: string;
  readonly exports?: readonly string[];
}

export interface BuiltOutput {
  readonly kind: OutputKind | "header";
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface BuildResult extends LowerResult {
  readonly outputs: readonly BuiltOutput[];
}

export interface TestRequest {
  readonly filter?: string;
  readonly includeTags?: readonly string[];
  readonly excludeTags?: readonly string[];
  readonly group?: string;
  readonly timeoutMs?: number;
  /** `{ index, count }` from `--shard i/n` (1-based index). */
  readonly shard?: { readonly index: number; readonly count: number };
}

export type TestOutcome = "passed" | "failed" | "skipped" | "filtered_out" | "timed_out";

export interface TestCaseResult {
  readonly name: string;
  readonly qualified_name: string;
  readonly outcome: TestOutcome;
  readonly reason?: string;
  readonly duration_ms: number;
  readonly file: string;
  readonly line: number;
  /**
   * For a failure with a known place: where it happened in the project's own files (the
   * `Assert` call, the panicking line), which is not the test's declaration line.
   */
  readonly failure_at?: { readonly file: string; readonly line: number; readonly column: number };
  readonly group?: string;
  readonly tags?: readonly string[];
  /** What the test wrote to stdout/stderr, for reports. */
  readonly stdout?: string;
  readonly stderr?: string;
}

export interface TestSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly filtered_out: number;
  readonly timed_out: number;
  readonly duration_ms: number;
}

export interface TestReport {
  readonly summary: TestSummary;
  readonly tests: readonly TestCaseResult[];
}

export interface TestResult extends LowerResult {
  readonly report?: TestReport;
}
