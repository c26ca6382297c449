/**
 * The services a step core is given: the runner's command channel (`ActionCore`), the
 * GitHub cache and artifact clients, the toolchain (the pipeline's four functions), the
 * environment and a clock. Step logic depends only on these interfaces, so tests and the
 * entry points wire different implementations without module mocks. The real adapters live
 * in `real.ts`; this file holds types only.
 */

import type {
  BuildRequest,
  BuildResult,
  CacheRequest,
  LowerResult,
  ProjectRequest,
  ResolveOptions,
  ResolveResult,
  TestRequest,
  TestResult,
} from "../pipeline/api.ts";
import type { Env } from "./context.ts";

export interface AnnotationProps {
  readonly title?: string;
  readonly file?: string;
  readonly startLine?: number;
  readonly endLine?: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
}

/** What a step says to the runner (a subset of `@actions/core`). */
export interface ActionCore {
  info(message: string): void;
  warning(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
  startGroup(name: string): void;
  endGroup(): void;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  setSecret(value: string): void;
  /** Appends markdown to the job summary file. */
  appendSummary(markdown: string): Promise<void>;
}

export interface RestoreOutcome {
  /** The key that was restored, undefined on a miss or a failure. */
  readonly matchedKey?: string;
  /** Set when the cache client reported a problem (its warning is already in the log). */
  readonly problem?: string;
}

export interface SaveOutcome {
  readonly saved: boolean;
  readonly problem?: string;
}

/** The GitHub cache (the real one is `@actions/cache`). Implementations never throw. */
export interface CacheClient {
  available(): boolean;
  restore(
    paths: readonly string[],
    primaryKey: string,
    restoreKeys: readonly string[],
  ): Promise<RestoreOutcome>;
  save(paths: readonly string[], key: string): Promise<SaveOutcome>;
}

export interface UploadOptions {
  readonly retentionDays?: number;
  readonly compressionLevel?: number;
}

export interface UploadedArtifact {
  readonly id?: number;
  readonly size?: number;
  readonly digest?: string;
}

/** GitHub artifacts (the real one is `@actions/artifact`). Throws on failure. */
export interface ArtifactClient {
  upload(
    name: string,
    files: readonly string[],
    rootDirectory: string,
    options: UploadOptions,
  ): Promise<UploadedArtifact>;
}

/** The pipeline functions the action needs (exported by `src/pipeline/index.ts`). */
export interface Toolchain {
  resolve(req: ProjectRequest, cache: CacheRequest, opts?: ResolveOptions): Promise<ResolveResult>;
  lower(req: ProjectRequest, cache: CacheRequest): Promise<LowerResult>;
  build(req: ProjectRequest, cache: CacheRequest, b: BuildRequest): Promise<BuildResult>;
  test(req: ProjectRequest, cache: CacheRequest, t: TestRequest): Promise<TestResult>;
}

export interface Services {
  readonly core: ActionCore;
  readonly cache: CacheClient;
  readonly artifact: ArtifactClient;
  readonly toolchain: Toolchain;
  readonly env: Env;
  readonly cwd: string;
  readonly platform: string;
  readonly arch: string;
  readonly tmpdir: string;
  readonly now: () => number;
}
