/**
 * `match` exhaustiveness and reachability (LANGUAGE.md §5.9, D11): the `covers` algorithm of
 * the spec over typed patterns, extended to produce one missing case for E1304 and to find
 * arms made unreachable by earlier unguarded arms (W1310).
 *
 * It does not type patterns (`check.ts` does); it only reads `TPattern`s and enum tables.
 */

import type { Span } from "../diagnostics/index.ts";
import type { Sema } from "./context.ts";
import { T, type SrcSpan, type TMatchArm, type TPattern, type TypeId } from "./typed.ts";
import { substitute } from "./types.ts";

interface Ctor {
  readonly name: string;
  /** Enum variant index, or the bool value. */
  readonly key: number | boolean;
  readonly fields: readonly TypeId[];
}

const BOOL_CTORS: readonly Ctor[] = [
  { name: "true", key: true, fields: [] },
  { name: "false", key: false, fields: [] },
];

/** Constructors per enum type, per analysis: `witness` asks for them at every level of every match. */
const ctorCache = new WeakMap<Sema, Map<TypeId, readonly Ctor[]>>();

function ctorsOf(s: Sema, t: TypeId): readonly Ctor[] | undefined {
  if (t === T.bool) return BOOL_CTORS;
  const info = s.types.get(t);
  if (info.kind !== "enum") return undefined;
  let cache = ctorCache.get(s);
  if (cache === undefined) ctorCache.set(s, (cache = new Map()));
  const cached = cache.get(t);
  if (cached !== undefined) return cached;
  const en = s.enums[info.decl]!;
  const map = new Map(en.typeParams.map((p, i) => [p, info.args[i] ?? T.error] as const));
  const ctors = en.variants.map((v) => ({
    name: `${en.name}::${v.name}`,
    key: v.tag,
    fields: v.fields.map((f) => substitute(s.types, f.type, map)),
  }));
  cache.set(t, ctors);
  return ctors;
}

function isWild(p: TPattern): boolean {
  return p.kind === "wildcard" || p.kind === "bind";
}

function headIs(p: TPattern, c: Ctor): boolean {
  if (p.kind === "variant") return p.variant === c.key;
  if (p.kind === "literal" && p.literal === "bool") return p.value === c.key;
  return false;
}

const WILD: TPattern = { kind: "wildcard", type: T.error, span: { start: 0, end: 0 } };

function specialise(rows: readonly (readonly TPattern[])[], c: Ctor): TPattern[][] {
  const out: TPattern[][] = [];
  for (const row of rows) {
    const head = row[0]!;
    const rest = row.slice(1);
    if (headIs(head, c)) {
      const sub = head.kind === "variant" && head.sub ? head.sub : c.fields.map(() => WILD);
      out.push([...sub, ...rest]);
    } else if (isWild(head)) out.push([...c.fields.map(() => WILD), ...rest]);
  }
  return out;
}

function render(c: Ctor, args: readonly string[]): string {
  if (c.fields.length === 0) return c.name;
  return `${c.name}(${args.join(", ")})`;
}

/** One uncovered case (as pattern text per column), or undefined when `rows` cover `types`. */
function witness(
  s: Sema,
  rows: readonly (readonly TPattern[])[],
  types: readonly TypeId[],
  depth = 0,
): string[] | undefined {
  if (types.length === 0) return rows.length > 0 ? undefined : [];
  if (depth > 64) return undefined;
  const t = types[0]!;
  const rest = types.slice(1);
  const ctors = ctorsOf(s, t);
  if (ctors && ctors.length > 0 && ctors.every((c) => rows.some((r) => headIs(r[0]!, c)))) {
    for (const c of ctors) {
      const w = witness(s, specialise(rows, c), [...c.fields, ...rest], depth + 1);
      if (w) return [render(c, w.slice(0, c.fields.length)), ...w.slice(c.fields.length)];
    }
    return undefined;
  }
  const def = rows.filter((r) => isWild(r[0]!)).map((r) => r.slice(1));
  const w = witness(s, def, rest, depth + 1);
  if (!w) return undefined;
  let head = "_";
  if (ctors && ctors.length > 0) {
    const missing = ctors.find((c) => !rows.some((r) => headIs(r[0]!, c))) ?? ctors[0]!;
    head = render(
      missing,
      missing.fields.map(() => "_"),
    );
  }
  return [head, ...w];
}

/** E1304 for a non-exhaustive match, W1310 for unreachable arms. */
export function checkExhaustive(
  s: Sema,
  file: string,
  scrutinee: TypeId,
  arms: readonly TMatchArm[],
  span: SrcSpan,
): void {
  const at = (x: SrcSpan): Span => ({ file, start: x.start, end: x.end });
  const rows: TPattern[][] = [];
  let covered = false;
  const ctorCount = ctorsOf(s, scrutinee)?.length ?? Infinity;
  for (const arm of arms) {
    if (covered) {
      s.report("W1310", at(arm.span), "this arm can never be reached: the arms above cover every value", {
        help: "remove it or move it up",
      });
      break;
    }
    if (arm.guard) continue;
    rows.push([arm.pattern]);
    // Coverage can only be complete after a catch-all or once every constructor may appear.
    if ((isWild(arm.pattern) || rows.length >= ctorCount) && !witness(s, rows, [scrutinee])) covered = true;
  }
  if (covered) return;
  const w = witness(s, rows, [scrutinee]);
  if (!w) return;
  s.report("E1304", at(span), `\`${w[0]}\` is not covered`, {
    help: `add an arm \`${w[0]} => …\`, or \`_ => …\``,
    notes: arms.some((a) => a.guard) ? ["arms with a `when` guard do not count towards exhaustiveness"] : [],
  });
}
