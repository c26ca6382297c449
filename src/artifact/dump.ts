/**
 * A stable, human-readable text dump of a `CodegenArtifact`, for golden tests and debugging
 * (`beskid-ci lower --dump` may print it). Stable means: it depends only on the artifact's
 * contents (no object identity, no hash order), one node per line, S-expression-like.
 *
 * It is not a format anything parses back; the binary encoding (`encode.ts`) is the
 * interchange format.
 */

import type { CodegenArtifact, Expr, Func, LocId, Stmt } from "./schema.ts";
import { assertNever } from "./types.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

function constText(e: Extract<Expr, { kind: "const" }>): string {
  if (e.type === "f32" || e.type === "f64") {
    const v = e.value as number;
    return Object.is(v, -0) ? "-0" : String(v);
  }
  return String(e.value);
}

export function dumpArtifact(a: CodegenArtifact): string {
  const out: string[] = [];
  const locText = (loc: LocId | undefined): string => {
    if (loc === undefined) return "";
    const l = a.locations[loc];
    if (l === undefined) return ` @?${loc}`;
    return ` @${a.files[l.file] ?? "?"}:${l.line}:${l.column}`;
  };
  out.push(`artifact schema=${a.schemaVersion}`);
  a.files.forEach((f, i) => out.push(`file ${i} ${JSON.stringify(f)}`));
  a.layouts.forEach((l, i) =>
    out.push(
      l.kind === "record"
        ? `layout ${i} record ${l.name} size=${l.size} refs=[${l.refs.join(",")}]`
        : `layout ${i} array ${l.name} elem=${l.elemSize}${l.elemRef ? " ref" : ""}`,
    ),
  );
  a.globals.forEach((g, i) =>
    out.push(`global ${i} ${g.name} ${g.mutable ? "mut " : ""}${g.type} = ${g.init}`),
  );
  a.externs.forEach((x, i) =>
    out.push(
      `extern ${i} ${x.contract}.${x.name} lib=${JSON.stringify(x.library)} (${x.type.params.join(" ")}) -> ${x.type.result ?? "void"}`,
    ),
  );
  a.data.forEach((d, i) => {
    let text: string;
    try {
      text = JSON.stringify(utf8.decode(d.bytes.length >= 8 ? d.bytes.subarray(8) : d.bytes));
    } catch {
      text = "";
    }
    out.push(
      `data ${i} ${d.name} ${d.bytes.length} bytes ${hex(d.bytes.subarray(0, 8))}${text ? " " + text : ""}`,
    );
  });
  if (a.table.length > 0) out.push(`table [${a.table.join(" ")}]`);
  a.functions.forEach((f, i) => dumpFunc(out, i, f, locText));
  a.tests.forEach((t) =>
    out.push(
      `test ${t.qualifiedName} func=${t.func} ${t.file}:${t.line}:${t.column}` +
        (t.group ? ` group=${JSON.stringify(t.group)}` : "") +
        (t.tags.length ? ` tags=${JSON.stringify(t.tags.join(","))}` : "") +
        (t.skip
          ? ` skip=${t.skip.condition}${t.skip.reason === null ? "" : ":" + JSON.stringify(t.skip.reason)}`
          : ""),
    ),
  );
  a.exports.forEach((e) => out.push(`export ${e.name} = ${e.func}`));
  for (const e of a.entryPoints) out.push(`entrypoint ${e.name} = ${e.func}`);
  out.push(`entry ${a.entry ? `${a.entry.name} = ${a.entry.func}` : "none"}`);
  return out.join("\n") + "\n";
}

function hex(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += x.toString(16).padStart(2, "0");
  return s;
}

function dumpFunc(out: string[], index: number, f: Func, locText: (l: LocId | undefined) => string): void {
  out.push(
    `func ${index} ${f.name} (${f.type.params.join(" ")}) -> ${f.type.result ?? "void"}` +
      (f.locals.length ? ` locals (${f.locals.join(" ")})` : "") +
      locText(f.loc),
  );
  const stmt = (s: Stmt, ind: string): void => {
    const l = locText(s.loc);
    switch (s.kind) {
      case "expr":
        out.push(`${ind}(drop ${expr(s.expr)})${l}`);
        return;
      case "local.set":
        out.push(`${ind}(set $${s.index} ${expr(s.value)})${l}`);
        return;
      case "global.set":
        out.push(`${ind}(gset $g${s.index} ${expr(s.value)})${l}`);
        return;
      case "store":
        out.push(`${ind}(${s.op} ${expr(s.addr)}+${s.offset} ${expr(s.value)})${l}`);
        return;
      case "block":
      case "loop":
        out.push(`${ind}(${s.kind} L${s.label}${l}`);
        for (const c of s.body) stmt(c, ind + "  ");
        out.push(`${ind})`);
        return;
      case "if":
        out.push(`${ind}(if ${expr(s.cond)}${l}`);
        for (const c of s.then) stmt(c, ind + "  ");
        if (s.else.length) {
          out.push(`${ind} else`);
          for (const c of s.else) stmt(c, ind + "  ");
        }
        out.push(`${ind})`);
        return;
      case "break":
        out.push(`${ind}(break L${s.label})${l}`);
        return;
      case "continue":
        out.push(`${ind}(continue L${s.label})${l}`);
        return;
      case "return":
        out.push(`${ind}(return${s.value ? " " + expr(s.value) : ""})${l}`);
        return;
      case "unreachable":
        out.push(`${ind}(unreachable)${l}`);
        return;
      case "memory.copy":
        out.push(`${ind}(memory.copy ${expr(s.dst)} ${expr(s.src)} ${expr(s.len)})${l}`);
        return;
      case "memory.fill":
        out.push(`${ind}(memory.fill ${expr(s.dst)} ${expr(s.value)} ${expr(s.len)})${l}`);
        return;
      default:
        assertNever(s);
    }
  };
  const args = (xs: readonly Expr[]): string => xs.map((x) => " " + expr(x)).join("");
  const expr = (e: Expr): string => {
    switch (e.kind) {
      case "const":
        return `${e.type}:${constText(e)}`;
      case "local.get":
        return `$${e.index}`;
      case "local.tee":
        return `(tee $${e.index} ${expr(e.value)})`;
      case "global.get":
        return `$g${e.index}`;
      case "unary":
        return `(${e.op} ${expr(e.value)})`;
      case "binary":
        return `(${e.op} ${expr(e.left)} ${expr(e.right)}${locText(e.loc)})`;
      case "load":
        return `(${e.op} ${expr(e.addr)}+${e.offset})`;
      case "call":
        return `(call ${e.func}${args(e.args)}${locText(e.loc)})`;
      case "call.indirect":
        return `(call.indirect (${e.type.params.join(" ")})->${e.type.result ?? "void"} ${expr(e.target)}${args(e.args)}${locText(e.loc)})`;
      case "call.runtime":
        return `(rt.${e.name}${args(e.args)}${locText(e.loc)})`;
      case "call.extern":
        return `(extern ${e.ext}${args(e.args)}${locText(e.loc)})`;
      case "select":
        return `(select ${expr(e.cond)} ${expr(e.then)} ${expr(e.else)})`;
      case "cond":
        return `(cond ${e.type} ${expr(e.cond)} ${expr(e.then)} ${expr(e.else)})`;
      case "seq": {
        const inner: string[] = [];
        const saved = out.length;
        for (const c of e.body) stmt(c, "");
        inner.push(...out.splice(saved));
        return `(seq [${inner.join("; ")}] ${expr(e.value)})`;
      }
      case "data.addr":
        return `(data ${e.segment})`;
      case "elem.addr":
        return `(elem ${expr(e.base)} ${expr(e.index)} *${e.elemSize}${locText(e.loc)})`;
      case "memory.size":
        return `(memory.size)`;
      case "memory.grow":
        return `(memory.grow ${expr(e.pages)})`;
      default:
        return assertNever(e);
    }
  };
  for (const s of f.body) stmt(s, "  ");
}
