/**
 * Standard input through the buffered hosts: one program (`__tests__/fixtures/stdin`) reading
 * with Core.Input.IsEmpty/ReadLine/ReadByte/Read runs under the JIT (stdin as a file
 * descriptor, which goes through the host's buffer, and as bytes) and as an AOT executable
 * fed through a pipe; the three outputs must be identical and equal to the expected echo.
 */

import test from "ava";
import { closeSync, openSync, rmSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { runMain } from "../../src/backends/jit/index.ts";
import { buildArtifact } from "../../src/backends/aot/index.ts";
import { REPO, compileFile, tempDir } from "./helpers.ts";

const DIR = join(REPO, "__tests__", "fixtures", "stdin");
const work = tempDir("beskid-aot-stdin-");
test.after.always(() => rmSync(work, { recursive: true, force: true }));

const exe = (async () => {
  const c = compileFile(join(DIR, "Main.bd"), DIR);
  if (!c.artifact) throw new Error("the stdin fixture does not compile");
  const built = await buildArtifact(c.artifact, {
    kinds: ["exe"],
    outDir: work,
    stem: "stdin",
    env: process.env,
  });
  if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join("\n"));
  return { artifact: c.artifact, path: built.outputs[0]!.path };
})();

/** What the fixture prints for line-mode input: ReadLine splits at "\n" and drops one "\r". */
function expected(input: string): string {
  const lines = input === "" ? [] : (input.endsWith("\n") ? input.slice(0, -1) : input).split("\n");
  const out = lines.map((l) => `<${l.endsWith("\r") ? l.slice(0, -1) : l}>\n`).join("");
  return `${out}end after ${lines.length} lines, empty true, next <>\n`;
}

function runAot(path: string, input: Uint8Array): Promise<string> {
  return new Promise((done, fail) => {
    const p = spawn(path, [], { stdio: ["pipe", "pipe", "inherit"] });
    const out: Buffer[] = [];
    p.stdout.on("data", (b: Buffer) => out.push(b));
    p.on("error", fail);
    p.on("close", (code) =>
      code === 0 ? done(Buffer.concat(out).toString("utf8")) : fail(new Error(`exit ${code}`)),
    );
    p.stdin.end(Buffer.from(input));
  });
}

async function outputs(name: string, input: Uint8Array): Promise<{ fd: string; bytes: string; aot: string }> {
  const { artifact, path } = await exe;
  const file = join(work, `${name}.in`);
  writeFileSync(file, input);
  const fd = openSync(file, "r");
  let viaFd: string;
  try {
    const r = await runMain(artifact, { stdin: fd });
    viaFd = Buffer.from(r.stdout).toString("utf8");
  } finally {
    closeSync(fd);
  }
  const viaBytes = Buffer.from((await runMain(artifact, { stdin: input })).stdout).toString("utf8");
  return { fd: viaFd, bytes: viaBytes, aot: await runAot(path, input) };
}

// Long input: lines of 0..299 bytes, some ending in "\r", so lines cross the 64 KiB refills.
let long = "";
for (let i = 0; long.length < 300_000; i++)
  long += `${i}:`.padEnd(i % 300, "x") + (i % 7 === 0 ? "\r\n" : "\n");

const CASES: Record<string, string> = {
  empty: "",
  "one newline": "\n",
  "blank line before the end": "a\n\n",
  "no trailing newline": "alpha\nbeta",
  "crlf lines": "one\r\ntwo\r\n\r\nthree",
  "lone carriage returns": "\r\n\r",
  "utf-8": "zażółć\ngęślą\n",
  "long, across buffer refills": long,
  // One line longer than the 64 KiB buffer (and one more that ends without "\n"), multi-byte
  // UTF-8 included, so a line is collected across refills and its "\r" found in the last one.
  "lines longer than 64 KiB": `${"ł".repeat(50_000)}\r\n${"z".repeat(200_001)}`,
  "many short lines": "a\n\nb\r\n".repeat(30_000),
};

for (const [name, text] of Object.entries(CASES)) {
  test(`stdin: ${name} reads the same under the JIT and AOT`, async (t) => {
    const got = await outputs(name.replace(/\W+/g, "_"), new TextEncoder().encode(text));
    t.is(got.fd, expected(text));
    t.is(got.bytes, got.fd);
    t.is(got.aot, got.fd);
  });
}

test("stdin: IsEmpty tells a blank last line from the end of input", async (t) => {
  const blank = await outputs("blank", new TextEncoder().encode("x\n\n"));
  const end = await outputs("end", new TextEncoder().encode("x\n"));
  t.is(blank.aot, "<x>\n<>\nend after 2 lines, empty true, next <>\n");
  t.is(end.aot, "<x>\nend after 1 lines, empty true, next <>\n");
  t.is(blank.fd, blank.aot);
  t.is(end.fd, end.aot);
});

test("stdin: ReadByte and Read continue from the buffer ReadLine and IsEmpty filled", async (t) => {
  const rest = "é" + "y".repeat(3000) + "\n";
  const got = await outputs("bytes", new TextEncoder().encode(`#bytes\n${rest}`));
  // ReadByte takes the first byte of "é"; Read then returns the rest (at most 4096 bytes).
  t.is(
    got.fd,
    `byte <\u{fffd}> then ${new TextEncoder().encode(rest).length - 1} bytes\nend after 1 lines, empty true, next <>\n`,
  );
  t.is(got.bytes, got.fd);
  t.is(got.aot, got.fd);
});
