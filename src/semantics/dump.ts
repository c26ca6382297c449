/**
 * A readable text dump of a `TypedProgram`: declarations with their layouts, then every
 * function body as an indented tree showing types, resolved names, call classes and
 * explicit conversions. Used by golden tests and for debugging lowering.
 *
 * It prints only what the typed program holds; it does not re-derive anything from the AST.
 */

import type {
  CallTarget,
  Conversion,
  LValue,
  TBlock,
  TExpr,
  TPattern,
  TStmt,
  TypeId,
  TypedProgram,
} from "./typed.ts";
import { typeName } from "./types.ts";

export function dumpProgram(p: TypedProgram, opts: { modules?: (path: string) => boolean } = {}): string {
  const table = { get: (id: TypeId) => p.types[id]! };
  const tn = (t: TypeId) => typeName(table, p, t);
  const keep = (module: number) => !opts.modules || opts.modules(p.modules[module]!.path);
  const out: string[] = [];
  const local = (id: number) => {
    const l = p.locals[id]!;
    return `${l.name}#${id}`;
  };
  for (const r of p.records) {
    if (!keep(r.module)) continue;
    const tps = r.typeParams.map((x) => p.typeParams[x]!.name);
    out.push(`record ${r.qualifiedName}${tps.length ? `<${tps.join(", ")}>` : ""}`);
    for (const f of r.fields)
      out.push(
        f.kind === "value"
          ? `  [${f.index}] ${tn(f.type)} ${f.name}`
          : `  [${f.index}] event{${f.capacity}} ${f.name}(${f.params.map(tn).join(", ")})`,
      );
    for (const [n, id] of r.members) out.push(`  member ${n} -> fn#${id}`);
  }
  for (const e of p.enums) {
    if (!keep(e.module)) continue;
    out.push(`enum ${e.qualifiedName}${e.shape ? ` (${e.shape}-shaped)` : ""}`);
    for (const v of e.variants)
      out.push(`  ${v.tag}: ${v.name}(${v.fields.map((f) => `${tn(f.type)} ${f.name}`).join(", ")})`);
  }
  for (const c of p.contracts) {
    if (!keep(c.module)) continue;
    out.push(`contract ${c.qualifiedName}${c.extern ? ` extern(${c.extern.library})` : ""}`);
    for (const m of c.methods)
      out.push(`  [${m.index}] ${tn(m.ret)} ${m.name}(${m.params.map(tn).join(", ")})`);
  }
  for (const conf of p.conformances) {
    out.push(
      `conformance ${tn(conf.type)} : ${tn(conf.contract)} = [${conf.impls.map((i) => `${i.form} fn#${i.func}`).join(", ")}]`,
    );
  }
  for (const t of p.tests) {
    if (!keep(t.module)) continue;
    out.push(
      `test ${t.qualifiedName} -> fn#${t.func} tags=[${t.tags.join(",")}]${t.group ? ` group=${t.group}` : ""}${t.skip ? ` skip=${t.skip.condition}` : ""}`,
    );
  }
  if (p.entry !== undefined) out.push(`entry fn#${p.entry}`);

  const expr = (e: TExpr, ind: string): string[] => {
    const head = (s: string) => `${ind}${s} : ${tn(e.type)}`;
    const sub = (x: TExpr) => expr(x, ind + "  ");
    switch (e.kind) {
      case "int":
      case "float":
      case "bool":
        return [head(`${e.kind} ${String(e.value)}`)];
      case "char":
        return [head(`char U+${e.value.toString(16)}`)];
      case "string":
        return [head(`string ${JSON.stringify(e.value)}`)];
      case "unit":
        return [head("unit")];
      case "local":
        return [head(`local ${local(e.local)}`)];
      case "funcref":
        return [head(`funcref fn#${e.func}${typeArgs(e.typeArgs)}`)];
      case "lambda":
        return [head(`lambda fn#${e.func}`)];
      case "field":
        return [head(`field [${e.field}]`), ...sub(e.object)];
      case "index":
        return [head(`index ${e.of}`), ...sub(e.object), ...sub(e.index)];
      case "unary":
        return [head(e.op), ...sub(e.operand)];
      case "binary":
        return [head(`${e.op} on ${tn(e.operandType)}`), ...sub(e.left), ...sub(e.right)];
      case "logical":
        return [head(e.op), ...sub(e.left), ...sub(e.right)];
      case "concat":
        return [head("concat"), ...sub(e.left), ...sub(e.right)];
      case "interp":
        return [head("interp"), ...e.parts.flatMap(sub)];
      case "to_text":
        return [head(`to_text ${e.conv}`), ...sub(e.operand)];
      case "convert":
        return [head(`convert ${conv(e.conv)}`), ...sub(e.operand)];
      case "call":
        return [
          head(`call ${target(e.target)}`),
          ...(e.target.kind === "closure" ? sub(e.target.callee) : []),
          ...e.args.flatMap(sub),
        ];
      case "record_new":
        return [
          head("record_new"),
          ...e.fields.flatMap((f) => [`${ind}  .[${f.field}] =`, ...expr(f.value, ind + "    ")]),
        ];
      case "enum_new":
        return [head(`enum_new variant ${e.variant}`), ...e.args.flatMap(sub)];
      case "array_lit":
        return [head(`array_lit of ${tn(e.elem)}`), ...e.elements.flatMap(sub)];
      case "block":
        return [head("block"), ...block(e.block, ind + "  ")];
      case "match":
        return [
          head("match"),
          ...sub(e.scrutinee),
          ...e.arms.flatMap((a) => [
            `${ind}  arm ${pattern(a.pattern)}${a.bindings.length ? ` binds ${a.bindings.map(local).join(", ")}` : ""}`,
            ...(a.guard ? [`${ind}    when`, ...expr(a.guard, ind + "      ")] : []),
            ...expr(a.body, ind + "    "),
          ]),
        ];
      case "try":
        return [
          head(
            `try ${e.shape} ${e.mode}${e.returnType !== undefined ? ` -> ${tn(e.returnType)} variant ${e.returnVariant}` : ""}${e.errorConv ? ` err ${conv(e.errorConv)}` : ""}`,
          ),
          ...sub(e.operand),
        ];
      case "assign":
        return [
          head(`assign ${e.op}${e.compound ? ` ${e.compound}` : ""}`),
          ...lvalue(e.target, ind + "  "),
          ...sub(e.value),
        ];
      case "event_sub":
        return [head(`event_sub ${e.op} [${e.field}]`), ...sub(e.object), ...sub(e.handler)];
      case "error":
        return [head("error")];
    }
  };
  const lvalue = (l: LValue, ind: string): string[] => {
    if (l.kind === "local") return [`${ind}to local ${local(l.local)}`];
    if (l.kind === "field") return [`${ind}to field [${l.field}]`, ...expr(l.object, ind + "  ")];
    return [`${ind}to index`, ...expr(l.object, ind + "  "), ...expr(l.index, ind + "  ")];
  };
  const typeArgs = (xs: readonly TypeId[]) => (xs.length ? `<${xs.map(tn).join(", ")}>` : "");
  const target = (t: CallTarget): string => {
    switch (t.kind) {
      case "function":
        return `${t.form} fn#${t.func} ${p.functions[t.func]!.qualifiedName}${typeArgs(t.typeArgs)}`;
      case "intrinsic":
        return `intrinsic ${t.name}${typeArgs(t.typeArgs)}`;
      case "contract":
        return `contract ${tn(t.contract)} slot ${t.method}`;
      case "bound":
        return `bound ${p.typeParams[t.param]!.name}: ${tn(t.contract)} slot ${t.method}`;
      case "extern":
        return `extern ${p.contracts[t.contract]!.name}.${p.contracts[t.contract]!.methods[t.method]!.name}`;
      case "event":
        return `event [${t.field}] of ${tn(t.record)}`;
      case "closure":
        return "closure";
    }
  };
  const conv = (c: Conversion): string => {
    if (c.kind === "to_contract")
      return `to_contract [${c.methods.map((m) => `${m.form} fn#${m.func}${typeArgs(m.typeArgs)}`).join(", ")}]`;
    if (c.kind === "contract_upcast") return `contract_upcast [${c.slots.join(", ")}]`;
    return c.kind;
  };
  const pattern = (pt: TPattern): string => {
    switch (pt.kind) {
      case "wildcard":
        return "_";
      case "bind":
        return local(pt.local);
      case "literal":
        return JSON.stringify(typeof pt.value === "bigint" ? String(pt.value) : pt.value);
      case "variant":
        return `variant ${pt.variant}${pt.sub ? `(${pt.sub.map(pattern).join(", ")})` : ""}`;
    }
  };
  const block = (b: TBlock, ind: string): string[] => [
    ...b.stmts.flatMap((s) => stmt(s, ind)),
    ...(b.diverges ? [`${ind}(diverges)`] : []),
  ];
  const stmt = (s: TStmt, ind: string): string[] => {
    const more = ind + "  ";
    switch (s.kind) {
      case "let":
        return [
          `${ind}let ${local(s.local)} : ${tn(p.locals[s.local]!.type)}${p.locals[s.local]!.captured ? " (captured)" : ""}`,
          ...(s.init ? expr(s.init, more) : []),
        ];
      case "expr":
        return [`${ind}expr`, ...expr(s.expr, more)];
      case "return":
        return [`${ind}return`, ...(s.value ? expr(s.value, more) : [])];
      case "break":
      case "continue":
        return [`${ind}${s.kind}`];
      case "if":
        return [
          `${ind}if`,
          ...expr(s.cond, more),
          `${ind}then`,
          ...block(s.then, more),
          ...(s.else ? [`${ind}else`, ...block(s.else, more)] : []),
        ];
      case "while":
        return [`${ind}while`, ...expr(s.cond, more), `${ind}do`, ...block(s.body, more)];
      case "for_range":
        return [
          `${ind}for_range ${local(s.local)}`,
          ...expr(s.start, more),
          ...expr(s.end, more),
          `${ind}do`,
          ...block(s.body, more),
        ];
      case "for_array":
        return [
          `${ind}for_array ${local(s.local)}`,
          ...expr(s.array, more),
          `${ind}do`,
          ...block(s.body, more),
        ];
      case "for_iter":
        return [
          `${ind}for_iter ${local(s.local)} via ${local(s.iterLocal)} some=${s.someVariant} none=${s.noneVariant}`,
          ...expr(s.iterator, more),
          `${ind}next`,
          ...expr(s.next, more),
          `${ind}do`,
          ...block(s.body, more),
        ];
      case "block":
        return [`${ind}block`, ...block(s.block, more)];
    }
  };
  for (const f of p.functions) {
    if (!keep(f.module)) continue;
    const tps = f.typeParams.map((x) => p.typeParams[x]!.name);
    const params = f.params.map((id, i) => `${tn(f.paramTypes[i] ?? p.locals[id]!.type)} ${local(id)}`);
    out.push(
      `fn#${f.id} ${f.kind} ${f.qualifiedName}${tps.length ? `<${tps.join(", ")}>` : ""}(${params.join(", ")}) -> ${tn(f.ret)}${f.captures.length ? ` captures ${f.captures.map(local).join(", ")}` : ""}${f.isEntry ? " [entry]" : ""}`,
    );
    if (f.body) out.push(...block(f.body, "  "));
    else out.push("  (no body)");
  }
  return out.join("\n") + "\n";
}
