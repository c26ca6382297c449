/**
 * Module facts of one parsed file, for program assembly (PIPELINE.md §2, LANGUAGE.md §5.1): the
 * file-scoped `mod A.B;`, every `mod A.B;` / `pub mod A.B;` declaration, every `use` path (also
 * inside inline modules), and the dotted name chains whose prefixes could be module paths.
 *
 * One iterative walk over the tree (an explicit stack over `forEachChild`, so deep trees cannot
 * overflow the call stack and no per-node arrays are allocated). Deliberately not here: deciding which chains really are modules.
 * `Core.Output.Print(x)` yields the candidates `Core.Output.Print`, `Core.Output` and `Core`; the
 * assembly engineer checks them against the file system, and a local `p.x` simply matches no
 * module. Nothing here reads files or knows the source roots.
 */

import { forEachChild } from "./visit.ts";
import type {
  Item,
  MemberAccess,
  ModuleDecl,
  NameExpr,
  NamedType,
  Node,
  NodeSpan,
  QualName,
  SourceFile,
  UseDecl,
} from "./ast.ts";

/** A `mod A.B;` declaration. */
export interface ModDeclFact {
  readonly path: readonly string[];
  readonly span: NodeSpan;
  readonly isPub: boolean;
  readonly hasAttributes: boolean;
  /** Private and attribute-less: a file-scoped declaration of this file's own module (§5.1). */
  readonly fileScoped: boolean;
  /** Names of the inline modules around the declaration, outermost first (empty at top level). */
  readonly inlineModule: readonly string[];
}

/** A `use A.B;` / `use A.B as N;` declaration. */
export interface UseFact {
  readonly path: readonly string[];
  readonly alias?: string;
  readonly isPub: boolean;
  readonly span: NodeSpan;
  readonly inlineModule: readonly string[];
}

/** A dotted chain `a.b.c` (two segments or more) in an expression, type or pattern. */
export interface QualifiedRef {
  readonly segments: readonly string[];
  /** Every proper or full prefix joined with ".", longest first: `a.b.c`, `a.b`, `a`. */
  readonly candidates: readonly string[];
  readonly span: NodeSpan;
  readonly position: "expression" | "type" | "pattern";
}

export interface ModuleFacts {
  /** The first item when it is a private, attribute-less `mod P;` (the file's own module path). */
  readonly fileModule?: ModDeclFact;
  /** Every `mod P;` declaration in source order, the file-scoped one included. */
  readonly modDecls: readonly ModDeclFact[];
  readonly uses: readonly UseFact[];
  readonly qualifiedRefs: readonly QualifiedRef[];
  /** The union of all candidates of `qualifiedRefs` and all `use` paths, deduplicated, in first-seen order. */
  readonly referencedPaths: readonly string[];
}

function candidatesOf(segments: readonly string[]): string[] {
  const out: string[] = [];
  for (let n = segments.length; n >= 1; n--) out.push(segments.slice(0, n).join("."));
  return out;
}

/** The segments of a `Name(.member)*` chain, or undefined when its root is not a plain name. */
function memberChain(e: MemberAccess): string[] | undefined {
  const rev: string[] = [];
  let cur: MemberAccess["object"] = e;
  while (cur.kind === "MemberAccess") {
    rev.push(cur.name.text);
    cur = cur.object;
  }
  if (cur.kind !== "Name") return undefined;
  rev.push(cur.name.text);
  return rev.reverse();
}

/** Collects the facts in one walk over the tree. */
export function extractModuleFacts(tree: SourceFile): ModuleFacts {
  const modDecls: ModDeclFact[] = [];
  const uses: UseFact[] = [];
  const qualifiedRefs: QualifiedRef[] = [];
  const seen = new Set<string>();
  const referencedPaths: string[] = [];

  const note = (paths: readonly string[]): void => {
    for (const p of paths) {
      if (!seen.has(p)) {
        seen.add(p);
        referencedPaths.push(p);
      }
    }
  };
  const ref = (segments: string[], span: NodeSpan, position: QualifiedRef["position"]): void => {
    if (segments.length < 2 || segments.some((s) => s === "")) return;
    const candidates = candidatesOf(segments);
    qualifiedRefs.push({ segments, candidates, span, position });
    note(candidates);
  };

  const modDecl = (item: ModuleDecl, inlineModule: readonly string[], first: boolean): ModDeclFact => ({
    path: item.path.segments.map((s) => s.text),
    span: { start: item.start, end: item.end },
    isPub: item.isPub,
    hasAttributes: item.attributes.length > 0,
    fileScoped: first && !item.isPub && item.attributes.length === 0,
    inlineModule,
  });
  const useFact = (item: UseDecl, inlineModule: readonly string[]): UseFact => ({
    path: item.path.segments.map((s) => s.text),
    alias: item.alias?.text,
    isPub: item.isPub,
    span: { start: item.start, end: item.end },
    inlineModule,
  });

  let fileModule: ModDeclFact | undefined;
  // Items first (they carry the module structure), with their inline-module path.
  const itemStack: { items: readonly Item[]; inlineModule: readonly string[] }[] = [
    { items: tree.items, inlineModule: [] },
  ];
  const bodies: Node[] = [];
  while (itemStack.length) {
    const { items, inlineModule } = itemStack.pop()!;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      switch (item.kind) {
        case "ModDecl": {
          const fact = modDecl(item, inlineModule, i === 0 && inlineModule.length === 0);
          if (fact.fileScoped) fileModule = fact;
          modDecls.push(fact);
          break;
        }
        case "Use": {
          const fact = useFact(item, inlineModule);
          uses.push(fact);
          note([fact.path.join(".")]);
          break;
        }
        case "InlineModule":
          itemStack.push({ items: item.items, inlineModule: [...inlineModule, item.name.text] });
          break;
        default:
          bodies.push(item);
          break;
      }
    }
  }

  // Then every other node, iteratively (preorder, source order), looking for dotted chains.
  const stack: Node[] = bodies.reverse();
  // A reused buffer (written by index: resetting an array's length is slow) reverses each
  // node's children so that popping the stack visits them in source order.
  const children: Node[] = [];
  let count = 0;
  const collect = (c: Node): void => {
    children[count++] = c;
  };
  const pushChildren = (n: Node): void => {
    count = 0;
    forEachChild(n, collect);
    for (let i = count - 1; i >= 0; i--) stack.push(children[i]!);
  };
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.kind) {
      case "MemberAccess": {
        const chain = memberChain(node);
        if (chain) {
          ref(chain, { start: node.start, end: node.end }, "expression");
          // Only type arguments can hide more chains inside a name chain.
          let cur: MemberAccess | NameExpr = node;
          for (;;) {
            if (cur.typeArgs) for (let i = cur.typeArgs.length - 1; i >= 0; i--) stack.push(cur.typeArgs[i]!);
            if (cur.kind !== "MemberAccess") break;
            cur = cur.object as MemberAccess | NameExpr;
          }
          continue;
        }
        break;
      }
      case "NamedType":
        ref(
          node.segments.map((s) => s.name.text),
          { start: node.start, end: node.end },
          "type",
        );
        break;
      case "EnumValue":
        refQual(node.enumName, "expression");
        break;
      case "StructLiteral":
        refQual(node.typeName, "expression");
        break;
      case "EnumPattern":
        refQual(node.enumName, "pattern");
        break;
      case "Ident":
      case "Doc":
      case "TokenBlock":
      case "Attribute": // attribute arguments are never resolved (§5.15)
        continue;
      default:
        break;
    }
    pushChildren(node);
  }

  function refQual(q: QualName, position: QualifiedRef["position"]): void {
    ref(
      q.segments.map((s) => s.name.text),
      { start: q.start, end: q.end },
      position,
    );
  }

  return {
    ...(fileModule ? { fileModule } : {}),
    modDecls,
    uses,
    qualifiedRefs,
    referencedPaths,
  };
}
