/**
 * A stable, human-readable dump of a syntax tree: indented S-expressions with spans, one node
 * per line, used by the golden tests and `beskid-ci parse`. Also a JSON form for tools.
 *
 * The dump is generic over node shapes (every node is `{kind, …, start, end}`), so new AST fields
 * appear without touching this file. Fields print in the order the parser builds them; empty
 * lists, `false` flags and absent optionals are left out to keep goldens short. Identifiers and
 * primitive types print on one line. Not here: pretty-printing back to Beskid source.
 */

import type { Node, SourceFile } from "./ast.ts";

type Value = unknown;

function isNode(v: Value): v is Node {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as { kind?: unknown }).kind === "string"
  );
}

function scalar(v: Value): string | undefined {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "bigint":
      return `${v}`;
    case "boolean":
      return v ? "true" : undefined;
    default:
      return undefined;
  }
}

function spanText(n: Node): string {
  return `${n.start}..${n.end}`;
}

/** Renders one node as lines; a node whose whole subtree fits on one short line is joined. */
function dumpNode(n: Node): string[] {
  const head: string[] = [`(${n.kind} ${spanText(n)}`];
  const children: [string, Value][] = [];
  for (const [key, value] of Object.entries(n)) {
    if (key === "kind" || key === "start" || key === "end" || value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length) children.push([key, value]);
      continue;
    }
    if (isNode(value)) {
      children.push([key, value]);
      continue;
    }
    // `false` flags are left out, but a boolean literal's value is always shown.
    const s = key === "value" && value === false ? "false" : scalar(value);
    if (s === undefined) continue;
    head.push(key === "text" || key === "name" || key === "value" ? s : value === true ? key : `${key}=${s}`);
  }
  const lines = [head.join(" ")];
  for (const [key, value] of children) {
    if (Array.isArray(value)) {
      lines.push(`  ${key}:`);
      for (const item of value) {
        const sub = isNode(item) ? dumpNode(item) : [scalar(item) ?? String(item)];
        for (const l of sub) lines.push(`    ${l}`);
      }
    } else {
      const sub = dumpNode(value as Node);
      lines.push(`  ${key}: ${sub[0]}`);
      for (let i = 1; i < sub.length; i++) lines.push(`  ${sub[i]}`);
    }
  }
  lines[lines.length - 1] += ")";
  if (lines.length > 1 && lines.length <= 3) {
    const joined = lines.map((l) => l.trim()).join(" ");
    if (joined.length <= 88 && !lines.some((l) => l.trimEnd().endsWith(":"))) return [joined];
  }
  return lines;
}

/** The S-expression dump of a tree (ends with a newline). */
export function dumpTree(tree: SourceFile | Node): string {
  return dumpNode(tree).join("\n") + "\n";
}

/**
 * A JSON form of the tree: bigint values become decimal strings, and each node's `start`/`end`
 * offsets are shown as a trailing `span: {start, end}` object (the JSON shape tools read).
 */
export function treeToJson(tree: SourceFile | Node): string {
  return JSON.stringify(
    tree,
    (_k, v: unknown) => {
      if (typeof v === "bigint") return v.toString();
      if (!isNode(v)) return v;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(v)) if (key !== "start" && key !== "end") out[key] = value;
      out.span = { start: v.start, end: v.end };
      return out;
    },
    2,
  );
}
