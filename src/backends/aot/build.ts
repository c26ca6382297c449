/**
 * Drives the system C compiler over the translation unit `emit-c.ts` produces and places the
 * requested outputs (exe, shared, static, object, wasm) plus a header for libraries.
 *
 * Reproducible by construction: the C file always has the same name (`beskid.c`), is
 * compiled from inside a private temporary folder with relative paths and no debug
 * information, `-frandom-seed` is fixed and archives are made in deterministic mode, so the
 * same artifact gives byte-identical outputs. Atomic: everything is produced in a temporary
 * folder next to the destination and renamed into place only when every step succeeded; a
 * failed build leaves nothing behind. Problems are returned as coded diagnostics (E4020, E4023,
 * E4021, E4022, E4030; E9002 for outputs the file system refuses), never thrown. It reads
 * only the artifact (and the runtime linker).
 */

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { makeDiagnostic, type Diagnostic } from "../../diagnostics/index.ts";
import type { CodegenArtifact } from "../../artifact/index.ts";
import { emitC } from "./emit-c.ts";
import { makeDirs, removeStaleStaging } from "../../util/fs.ts";

/** Name prefix of a build's staging folder inside the output folder. */
const STAGING_PREFIX = ".beskid-build-";

export type AotOutputKind = "exe" | "shared" | "static" | "object" | "wasm";

export interface AotBuildOptions {
  readonly kinds: readonly AotOutputKind[];
  /** Destination folder (created if needed). */
  readonly outDir: string;
  /** Exact destination file when exactly one kind is built (overrides the name in `outDir`). */
  readonly outFile?: string;
  /** Target label or input file stem: names the outputs (`stem`, `libstem.so`, …). */
  readonly stem: string;
  readonly release?: boolean;
  /** Entry point name (`--entrypoint`); default: the artifact's `main`/`Main`. */
  readonly entrypoint?: string;
  /** Export only these pub functions from libraries (default: all the artifact's exports). */
  readonly exports?: readonly string[];
  /** The target is a library: an `object` then carries no `main`. */
  readonly library?: boolean;
  /** `CC` and `AR` (the caller passes the environment in; defaults `cc` and `ar`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Heap limit in 64 KiB pages (default: the JIT's, 65536); the JIT's `maxPages` twin. */
  readonly maxPages?: number;
  /** Default `process.platform`. */
  readonly platform?: string;
  /**
   * The JIT's artifact → WebAssembly compiler, for `wasm` outputs. The pipeline passes it in:
   * this backend may not import the JIT (stages only see the artifact and the runtime).
   */
  readonly wasm?: (program: CodegenArtifact) => Uint8Array;
}

export interface AotOutput {
  readonly kind: AotOutputKind | "header";
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface AotBuildResult {
  readonly ok: boolean;
  readonly outputs: readonly AotOutput[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The file name of each output kind (PIPELINE.md §4). */
export function outputFileName(kind: AotOutputKind | "header", stem: string): string {
  switch (kind) {
    case "exe":
      return stem;
    case "shared":
      return `lib${stem}.so`;
    case "static":
      return `lib${stem}.a`;
    case "object":
      return `${stem}.o`;
    case "wasm":
      return `${stem}.wasm`;
    case "header":
      return `${stem}.h`;
  }
}

const C_FILE = "beskid.c";
const POSIX = new Set(["linux", "darwin", "freebsd", "openbsd", "netbsd", "sunos", "aix"]);

interface Ran {
  readonly ok: boolean;
  readonly missing: boolean;
  readonly output: string;
}

function run(cmd: string, args: readonly string[], cwd: string): Promise<Ran> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (!err) return done({ ok: true, missing: false, output });
      const code = (err as NodeJS.ErrnoException).code;
      done({ ok: false, missing: code === "ENOENT" || code === "EACCES", output: output || err.message });
    });
  });
}

/**
 * `CC`/`AR` as a command and its flags: a value naming an existing file is that one command
 * (a path with spaces); otherwise words split at white space, where a word may be quoted with
 * `"` or `'` to keep its spaces (`"/opt/my cc/gcc" -m64`).
 */
function splitCommand(s: string): string[] {
  if (existsSync(s) && !statSync(s).isDirectory()) return [s];
  const words: string[] = [];
  for (const m of s.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

function sha256(b: Uint8Array): string {
  return createHash("sha256").update(b).digest("hex");
}

/** Compiles `program` into the requested outputs. Never throws for a failed build. */
export async function buildArtifact(program: CodegenArtifact, o: AotBuildOptions): Promise<AotBuildResult> {
  const fail = (d: Diagnostic): AotBuildResult => ({ ok: false, outputs: [], diagnostics: [d] });
  const platform = o.platform ?? process.platform;
  const kinds = [...new Set(o.kinds)];
  const cKinds = kinds.filter((k) => k !== "wasm");
  if (cKinds.length > 0 && !POSIX.has(platform)) {
    return fail(
      makeDiagnostic(
        "E4022",
        { detail: `\`${cKinds[0]}\` outputs need a POSIX C toolchain; this platform is ${platform}` },
        undefined,
      ),
    );
  }
  if (platform === "darwin" && kinds.includes("shared")) {
    // Mach-O shared libraries are `.dylib` with other link flags; not supported yet.
    return fail(makeDiagnostic("E4022", { detail: "`shared` is not supported on macOS yet" }, undefined));
  }
  const entry =
    o.entrypoint === undefined
      ? program.entry
      : (program.entryPoints.find((e) => e.name === o.entrypoint) ??
        (program.entry?.name === o.entrypoint ? program.entry : null));
  if (kinds.includes("exe") && !entry) {
    return fail(
      makeDiagnostic(
        "E4030",
        {
          detail:
            o.entrypoint === undefined
              ? "an `exe` output needs a `main` or `Main` function"
              : `no top-level function \`${o.entrypoint}\` without parameters in the entry module`,
        },
        undefined,
      ),
    );
  }
  const wanted = o.exports ? new Set(o.exports) : null;
  const unknown = [...(wanted ?? [])].find((w) => !program.exports.some((e) => e.name === w));
  if (unknown !== undefined) {
    const names = program.exports.map((e) => e.name);
    // `--export Add` for a `pub Add` exported as `Main_Add`: say which symbol it is, since the
    // function is public and "not a pub function" would send the user looking in the wrong place.
    const meant = names.filter((n) => n.endsWith(`_${unknown}`));
    return fail(
      makeDiagnostic(
        "E4031",
        {
          detail: meant.length
            ? `\`${unknown}\` is exported under its symbol name ${meant.map((n) => `\`${n}\``).join(" or ")}; --export takes that name`
            : `\`${unknown}\` is not a \`pub\` function of the entry module`,
          help: names.length
            ? `name the exported symbol: ${names.join(", ")}`
            : "the entry module has no `pub` functions to export",
        },
        undefined,
      ),
    );
  }
  const exports = program.exports.filter((e) => !wanted || wanted.has(e.name));
  const outDir = resolve(o.outDir);
  // Staged next to where the outputs go, so the final renames never cross file systems.
  const single = o.outFile !== undefined && kinds.length === 1;
  const stageDir = single ? dirname(resolve(o.outFile!)) : outDir;
  if (!single && existsSync(outDir) && !statSync(outDir).isDirectory()) {
    return fail(
      makeDiagnostic(
        "E9002",
        {
          detail: `\`${outDir}\` is a file; ${kinds.length === 1 ? "the output needs" : `${kinds.length} output kinds need`} a folder`,
          help: "pass a folder to --output (or build one kind to name its file)",
        },
        undefined,
      ),
    );
  }
  let tmp: string;
  // The first folder this build had to create (if any): removed again when the build fails,
  // so a failed build leaves no empty `obj/beskid/build/<target>/` (or `--output`) behind.
  let created: string | undefined;
  let ok = false;
  /** Outputs already moved into place (removed again if a later one fails). */
  const outputs: AotOutput[] = [];
  try {
    created = makeDirs(stageDir);
    // The process id in the name lets a later build remove what a killed one left behind.
    removeStaleStaging(stageDir, STAGING_PREFIX);
    tmp = mkdtempSync(join(stageDir, `${STAGING_PREFIX}${process.pid}-`));
  } catch (e) {
    return fail(
      makeDiagnostic(
        "E9002",
        {
          detail: `cannot create ${stageDir}: ${(e as Error).message}`,
          help: "pass --output a folder that can be written (a read-only checkout cannot hold obj/)",
        },
        undefined,
      ),
    );
  }
  const staged: { kind: AotOutputKind | "header"; file: string; dest: string }[] = [];
  const destOf = (kind: AotOutputKind | "header"): string =>
    single && kind !== "header" ? resolve(o.outFile!) : join(stageDir, outputFileName(kind, o.stem));
  try {
    const env = o.env ?? {};
    const cc = splitCommand(env.CC || "cc");
    const ar = splitCommand(env.AR || "ar");
    const opt = o.release ? ["-O2"] : ["-O0"];
    const common = [
      "-std=c11",
      "-w",
      ...opt,
      "-ffp-contract=off",
      "-fno-strict-aliasing",
      "-fwrapv",
      "-frandom-seed=beskid",
    ];
    const emitted = new Map<string, ReturnType<typeof emitC>>();
    const source = (withMain: boolean, withExports: boolean): { file: string; libs: string[] } => {
      const key = `${withMain}-${withExports}`;
      let e = emitted.get(key);
      if (!e) {
        e = emitC(program, {
          prefix: o.stem,
          mainFunc: withMain ? entry!.func : null,
          ...(o.maxPages !== undefined ? { maxPages: o.maxPages } : {}),
          ...(withExports ? { exports } : {}),
        });
        emitted.set(key, e);
      }
      const file = key === "false-true" ? C_FILE : `beskid-${key}.c`;
      writeFileSync(join(tmp, file), e.source);
      return { file, libs: [...e.libraries, "-lm"] };
    };
    const compile = async (args: string[]): Promise<Diagnostic | null> => {
      const r = await run(cc[0]!, [...cc.slice(1), ...args], tmp);
      if (r.ok) return null;
      if (r.missing)
        return makeDiagnostic(
          "E4020",
          {
            detail: `\`${cc[0]}\` (CC) could not be run`,
            help: "install a C compiler or point the CC environment variable at one",
          },
          undefined,
        );
      return makeDiagnostic("E4021", { detail: r.output.slice(0, 4000) }, undefined);
    };
    const libHeader = emitted; // header prototypes come from the library translation
    for (const kind of kinds) {
      const name = outputFileName(kind, o.stem);
      let d: Diagnostic | null = null;
      switch (kind) {
        case "wasm":
          if (!o.wasm) {
            d = makeDiagnostic("E4022", { detail: "no WebAssembly compiler was supplied" }, undefined);
            break;
          }
          // `--export` narrows the module's exports as it narrows a C library's symbols.
          writeFileSync(join(tmp, name), o.wasm(wanted ? { ...program, exports } : program));
          break;
        case "exe": {
          const s = source(true, false);
          d = await compile([...common, s.file, "-o", name, ...s.libs]);
          break;
        }
        case "object": {
          const s = source(!o.library && entry !== null, true);
          d = await compile([...common, "-c", s.file, "-o", name]);
          break;
        }
        case "shared": {
          const s = source(false, true);
          d = await compile([
            ...common,
            "-shared",
            "-fPIC",
            `-Wl,-soname,${name}`,
            s.file,
            "-o",
            name,
            ...s.libs,
          ]);
          break;
        }
        case "static": {
          const s = source(false, true);
          const obj = `${o.stem}.o`;
          mkdirSync(join(tmp, "static"), { recursive: true });
          d = await compile([...common, "-fPIC", "-c", s.file, "-o", join("static", obj)]);
          if (!d) {
            const r = await run(ar[0]!, [...ar.slice(1), "rcsD", name, join("static", obj)], tmp);
            if (!r.ok)
              d = r.missing
                ? makeDiagnostic(
                    "E4023",
                    {
                      detail: `\`${ar[0]}\` (AR) could not be run`,
                      help: "install an archiver (binutils' ar, llvm-ar) or point the AR environment variable at one",
                    },
                    undefined,
                  )
                : makeDiagnostic("E4021", { detail: r.output.slice(0, 4000) }, undefined);
          }
          break;
        }
      }
      if (d) return fail(d);
      staged.push({ kind, file: join(tmp, name), dest: destOf(kind) });
    }
    if (kinds.includes("shared") || kinds.includes("static")) {
      const e = libHeader.get("false-true")!;
      const guard = `BESKID_${o.stem.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()}_H`;
      const header = [
        `/* ${o.stem}: generated by beskid-ci from a Beskid library. See docs/aot.md. */`,
        `#ifndef ${guard}`,
        `#define ${guard}`,
        "#include <stdint.h>",
        "#ifdef __cplusplus",
        'extern "C" {',
        "#endif",
        ...e.prototypes,
        "#ifdef __cplusplus",
        "}",
        "#endif",
        "#endif",
        "",
      ].join("\n");
      writeFileSync(join(tmp, outputFileName("header", o.stem)), header);
      staged.push({
        kind: "header",
        file: join(tmp, outputFileName("header", o.stem)),
        dest: destOf("header"),
      });
    }
    // Renaming onto an existing folder is the one way a rename in place fails part way through
    // (a read-only destination fails the first rename): check them all before moving any.
    const blocked = staged.find((s) => existsSync(s.dest) && statSync(s.dest).isDirectory());
    if (blocked)
      return fail(
        makeDiagnostic(
          "E9002",
          { detail: `\`${blocked.dest}\` is a folder; no output was put in place` },
          undefined,
        ),
      );
    for (const s of staged) {
      const bytes = readFileSync(s.file);
      makeDirs(dirname(s.dest));
      renameSync(s.file, s.dest);
      outputs.push({ kind: s.kind, path: s.dest, bytes: bytes.length, sha256: sha256(bytes) });
    }
    ok = true;
    return { ok: true, outputs, diagnostics: [] };
  } catch (e) {
    // A file-system failure (disk full, permissions) is a failed build, not a crash: E9002
    // "output could not be written", not E4021, which would send the user looking for a
    // compiler problem that does not exist. Anything else is a bug of ours and stays an
    // internal error.
    if (typeof (e as NodeJS.ErrnoException)?.code !== "string") throw e;
    return fail(makeDiagnostic("E9002", { detail: (e as Error).message }, undefined));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    // A rename that fails part-way (disk, permissions) must not leave the outputs already
    // moved into place: the build failed, so it leaves no output of its own behind.
    if (!ok) for (const o of outputs) rmSync(o.path, { force: true });
    if (!ok && created !== undefined) removeEmptyFolders(stageDir, created);
  }
}

/** Removes `dir` and its parents up to `top` as long as they are empty (never anything else). */
function removeEmptyFolders(dir: string, top: string): void {
  for (let d = dir; ; d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === top || dirname(d) === d) return;
  }
}

/** The name an input file gives its outputs when there is no target label. */
export function stemOf(file: string): string {
  return basename(file).replace(/\.[^.]*$/, "");
}
