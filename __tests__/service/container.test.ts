/**
 * The container without Docker: the Dockerfile's structure (pinned base, C compiler,
 * non-root user, health check, copies of dist/ and corelib/, the data volume, the entry
 * script), the build context's ignore file, and the entry and health-check scripts run
 * directly on this machine.
 */

import test from "ava";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { VERSION } from "../../src/version.ts";
import { serve, tempDir } from "./helpers.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CONTAINER = join(ROOT, "container");

interface Instruction {
  readonly op: string;
  readonly args: string;
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = "";
  for (const line of text.split("\n")) {
    if (/^\s*#/.test(line) && pending === "") continue;
    const cont = line.endsWith("\\");
    pending += (pending ? " " : "") + (cont ? line.slice(0, -1) : line).trim();
    if (cont) continue;
    if (pending.trim()) {
      const m = /^(\S+)\s*(.*)$/.exec(pending.trim())!;
      out.push({ op: m[1]!.toUpperCase(), args: m[2]! });
    }
    pending = "";
  }
  return out;
}

const dockerfile = instructions(readFileSync(join(CONTAINER, "Dockerfile"), "utf8"));
const all = (op: string) => dockerfile.filter((i) => i.op === op);

test("Dockerfile: Node base image pinned to an exact version, C compiler installed", (t) => {
  const from = all("FROM");
  t.is(from.length, 1);
  t.regex(from[0]!.args, /^node:20\.\d+\.\d+-[a-z]+(-slim)?(@sha256:[0-9a-f]{64})?$/);
  const runs = all("RUN").map((r) => r.args);
  t.true(runs.some((r) => /apt-get install[^&]*\bgcc\b/.test(r) && /libc6-dev/.test(r)));
  t.true(
    runs.some((r) => /rm -rf \/var\/lib\/apt\/lists/.test(r)),
    "apt lists cleaned in the same layer",
  );
});

test("Dockerfile: runs as a non-root user, with VOLUME /data, HEALTHCHECK and the entry script", (t) => {
  const users = all("USER");
  t.true(users.length > 0);
  const last = users[users.length - 1]!.args.split(":")[0]!;
  t.false(["root", "0"].includes(last));
  // The user exists: created by a RUN before the USER line.
  t.true(all("RUN").some((r) => r.args.includes(`useradd`) && r.args.includes(last)));
  const userIdx = dockerfile.lastIndexOf(users[users.length - 1]!);
  t.false(
    dockerfile.slice(userIdx).some((i) => i.op === "RUN"),
    "no RUN after switching to the unprivileged user",
  );
  t.true(all("VOLUME").some((v) => /(^|\s|")\/data("|\s|$|\])/.test(v.args)));
  const hc = all("HEALTHCHECK");
  t.is(hc.length, 1);
  t.regex(hc[0]!.args, /CMD .*healthcheck\.mjs/);
  t.regex(readFileSync(join(CONTAINER, "healthcheck.mjs"), "utf8"), /\/healthz/);
  const ep = all("ENTRYPOINT");
  t.is(ep.length, 1);
  t.regex(ep[0]!.args, /container\/entrypoint\.sh/);
});

test("Dockerfile: copies dist/, corelib/ and package.json; configuration is environment only", (t) => {
  const copies = all("COPY").map((c) => c.args);
  for (const src of ["dist/", "corelib/", "package.json", "container/entrypoint.sh"]) {
    t.true(
      copies.some((c) => c.split(/\s+/).slice(0, -1).includes(src)),
      `COPY ${src}`,
    );
  }
  // Every copied source exists in the repository and is let through the ignore file.
  const ignore = readFileSync(join(CONTAINER, "Dockerfile.dockerignore"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("!"))
    .map((l) => l.slice(1));
  for (const c of copies) {
    for (const src of c
      .split(/\s+/)
      .slice(0, -1)
      .filter((s) => !s.startsWith("--"))) {
      t.true(existsSync(join(ROOT, src)), `${src} exists`);
      t.true(ignore.includes(src), `${src} is in the build context`);
    }
  }
  const env = all("ENV")
    .map((e) => e.args)
    .join(" ");
  t.regex(env, /BESKID_SERVE_DATA_DIR=\/data/);
  t.regex(env, /BESKID_SERVE_HOST=0\.0\.0\.0/);
  t.false(/TOKEN/i.test(env), "no secrets baked into the image");
  t.is(all("ARG").length, 0, "no build-time configuration");
});

test("entrypoint.sh runs the bundled CLI on the host (found relative to the script)", (t) => {
  const r = spawnSync(join(CONTAINER, "entrypoint.sh"), ["--version"], {
    encoding: "utf8",
    env: { ...process.env, BESKID_CI_HOME: "" },
  });
  t.is(r.status, 0, r.stderr);
  t.is(r.stdout.trim(), `beskid-ci ${VERSION}`);
});

test("entrypoint.sh without arguments runs BESKID_CI_DEFAULT_COMMAND (a services: container), else the help", (t) => {
  const withDefault = spawnSync(join(CONTAINER, "entrypoint.sh"), [], {
    encoding: "utf8",
    env: { ...process.env, BESKID_CI_HOME: "", BESKID_CI_DEFAULT_COMMAND: "--version" },
  });
  t.is(withDefault.status, 0, withDefault.stderr);
  t.is(withDefault.stdout.trim(), `beskid-ci ${VERSION}`);
  const bare = spawnSync(join(CONTAINER, "entrypoint.sh"), [], {
    encoding: "utf8",
    env: { ...process.env, BESKID_CI_HOME: "", BESKID_CI_DEFAULT_COMMAND: "" },
  });
  t.is(bare.status, 0, bare.stderr);
  t.regex(bare.stdout, /Usage: beskid-ci <command>/);
  t.is(all("CMD").length, 0, "no CMD: the default comes from the environment");
});

test("entrypoint.sh honours BESKID_CI_HOME and says plainly when dist/ is missing", (t) => {
  const home = tempDir(t);
  mkdirSync(join(home, "dist"));
  writeFileSync(join(home, "dist", "cli.js"), "console.log(JSON.stringify(process.argv.slice(2)));\n");
  const r = spawnSync(join(CONTAINER, "entrypoint.sh"), ["test", "--project", "/src"], {
    encoding: "utf8",
    env: { ...process.env, BESKID_CI_HOME: home },
  });
  t.is(r.status, 0, r.stderr);
  t.deepEqual(JSON.parse(r.stdout), ["test", "--project", "/src"]);
  const missing = spawnSync(join(CONTAINER, "entrypoint.sh"), ["--version"], {
    encoding: "utf8",
    env: { ...process.env, BESKID_CI_HOME: join(home, "nope") },
  });
  t.is(missing.status, 127);
  t.regex(missing.stderr, /no dist\/cli\.js/);
});

test("healthcheck.mjs exits 0 against a serving instance and 1 when nothing answers", async (t) => {
  const s = await serve(t);
  const check = (port: number) =>
    new Promise<number | null>((resolve) => {
      const p = spawn(process.execPath, [join(CONTAINER, "healthcheck.mjs")], {
        env: { ...process.env, BESKID_SERVE_PORT: String(port), BESKID_SERVE_HOST: "0.0.0.0" },
        stdio: "ignore",
      });
      p.once("exit", resolve);
    });
  t.is(await check(s.port), 0);
  await s.close();
  t.is(await check(s.port), 1);
});
