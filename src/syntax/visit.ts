/**
 * `forEachChild`: the direct child nodes of any syntax node, in source order (for trees without
 * syntax errors; recovery may keep e.g. a misplaced field after the members), through one
 * exhaustive switch over the node kinds (a new kind that is not listed here fails to compile).
 * Walkers built on it allocate nothing per node, unlike a generic `Object.values` walk.
 *
 * Deliberately not here: a full visitor with enter/leave hooks, parent links or recursion.
 * Callers decide how to walk (an explicit stack keeps deep trees off the call stack).
 */

import type { Node } from "./ast.ts";

function assertNever(x: never): never {
  throw new Error(`unknown syntax node kind ${(x as { kind?: string }).kind}`);
}

type Visit = (child: Node) => void;

function each(list: readonly Node[] | undefined, f: Visit): void {
  if (list) for (let i = 0; i < list.length; i++) f(list[i]!);
}

function opt(n: Node | undefined, f: Visit): void {
  if (n) f(n);
}

/** Calls `f` for every direct child of `n`, in source order. */
export function forEachChild(n: Node, f: Visit): void {
  switch (n.kind) {
    case "SourceFile":
      return each(n.items, f);
    case "Ident":
    case "Doc":
    case "TokenBlock":
    case "PrimitiveType":
    case "ThisType":
    case "ErrorType":
    case "Break":
    case "Continue":
    case "UnsupportedStmt":
    case "IntLit":
    case "FloatLit":
    case "BoolLit":
    case "CharLit":
    case "StringLit":
    case "InterpText":
    case "UnitLit":
    case "UnsupportedExpr":
    case "ErrorExpr":
    case "WildcardPattern":
    case "ErrorPattern":
      return;
    case "Attribute":
      f(n.name);
      return each(n.args, f);
    case "AttrArg":
      f(n.name);
      return f(n.value);
    // items
    case "Function":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.returnType);
      f(n.name);
      each(n.typeParams, f);
      each(n.params, f);
      each(n.where, f);
      return opt(n.body, f);
    case "Impl":
      opt(n.doc, f);
      each(n.attributes, f);
      each(n.typeParams, f);
      f(n.target);
      each(n.conformances, f);
      each(n.where, f);
      return each(n.members, f);
    case "Type":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.typeParams, f);
      each(n.conformances, f);
      each(n.fields, f);
      return each(n.members, f);
    case "Enum":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.typeParams, f);
      return each(n.variants, f);
    case "Contract":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.typeParams, f);
      return each(n.members, f);
    case "Test":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      // Sections and statements interleave in the source; order them by position.
      if (n.sections.length === 0) return each(n.body, f);
      {
        const parts: Node[] = [...n.sections, ...n.body];
        parts.sort((a, b) => a.start - b.start);
        return each(parts, f);
      }
    case "AttributeDecl":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.targets, f);
      return each(n.params, f);
    case "InlineModule":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      return each(n.items, f);
    case "ModDecl":
      opt(n.doc, f);
      each(n.attributes, f);
      return f(n.path);
    case "Use":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.path);
      return opt(n.alias, f);
    case "Const":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      return f(n.value);
    case "Macro":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.params, f);
      return f(n.body);
    case "Host":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.name);
      each(n.params, f);
      opt(n.service, f);
      return f(n.body);
    // item parts
    case "WhereBound":
      f(n.param);
      return f(n.bound);
    case "Param":
      opt(n.doc, f);
      f(n.type);
      return f(n.name);
    case "ExprBody":
      return f(n.expr);
    case "Method":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.returnType);
      f(n.name);
      each(n.params, f);
      return f(n.body);
    case "AssocType":
      opt(n.doc, f);
      f(n.name);
      return opt(n.value, f);
    case "Field":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.type);
      return f(n.name);
    case "EventField":
      opt(n.doc, f);
      each(n.attributes, f);
      opt(n.capacity, f);
      f(n.name);
      return each(n.params, f);
    case "InjectField":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.type);
      return f(n.name);
    case "VariantField":
      opt(n.doc, f);
      f(n.type);
      return opt(n.name, f);
    case "Variant":
      opt(n.doc, f);
      f(n.name);
      return each(n.fields, f);
    case "ContractMethod":
      opt(n.doc, f);
      each(n.attributes, f);
      f(n.returnType);
      f(n.name);
      return each(n.params, f);
    case "ContractEmbed":
      opt(n.doc, f);
      return f(n.type);
    case "TestEntry":
      f(n.key);
      return f(n.value);
    case "TestSection":
      return each(n.entries, f);
    case "AttrParam":
      f(n.name);
      f(n.type);
      return opt(n.default, f);
    case "ModPath":
      return each(n.segments, f);
    case "SignedInt":
      return f(n.literal);
    case "MacroParam":
      f(n.paramKind);
      return f(n.name);
    // types
    case "NamedType":
      each(n.segments, f);
      return opt(n.assoc, f);
    case "PathSegment":
      f(n.name);
      return each(n.typeArgs, f);
    case "RefType":
      return f(n.inner);
    case "ArrayType":
      return f(n.element);
    case "FunctionType":
      if (n.arrow) {
        each(n.params, f);
        return f(n.returnType);
      }
      f(n.returnType);
      return each(n.params, f);
    // statements
    case "Local":
      opt(n.doc, f);
      opt(n.type, f);
      f(n.name);
      return opt(n.init, f);
    case "Return":
      opt(n.doc, f);
      return opt(n.value, f);
    case "If":
      opt(n.doc, f);
      f(n.condition);
      f(n.then);
      return opt(n.else, f);
    case "While":
      opt(n.doc, f);
      f(n.condition);
      return f(n.body);
    case "For":
      opt(n.doc, f);
      f(n.binding);
      f(n.iterable);
      return f(n.body);
    case "BlockStmt":
      opt(n.doc, f);
      return f(n.block);
    case "ExprStmt":
      opt(n.doc, f);
      return f(n.expr);
    // expressions
    case "InterpolatedString":
      return each(n.parts, f);
    case "InterpHole":
      return f(n.expr);
    case "Name":
      f(n.name);
      return each(n.typeArgs, f);
    case "MemberAccess":
      f(n.object);
      f(n.name);
      return each(n.typeArgs, f);
    case "Call":
      f(n.callee);
      return each(n.args, f);
    case "Index":
      f(n.object);
      return f(n.index);
    case "Try":
      return f(n.operand);
    case "Unary":
      return f(n.operand);
    case "Binary":
      f(n.left);
      return f(n.right);
    case "Assign":
      f(n.target);
      return f(n.value);
    case "LambdaParam":
      opt(n.type, f);
      return opt(n.name, f);
    case "Lambda":
      each(n.params, f);
      return f(n.body);
    case "MatchArm":
      f(n.pattern);
      opt(n.guard, f);
      return f(n.body);
    case "Match":
      f(n.scrutinee);
      return each(n.arms, f);
    case "QualName":
      return each(n.segments, f);
    case "EnumValue":
      f(n.enumName);
      f(n.variant);
      return each(n.args, f);
    case "FieldInit":
      f(n.name);
      return f(n.value);
    case "StructLiteral":
      f(n.typeName);
      return each(n.fields, f);
    case "ArrayLiteral":
      return each(n.elements, f);
    case "Block":
      return each(n.statements, f);
    case "Paren":
      return f(n.expr);
    // patterns
    case "BindingPattern":
      return f(n.name);
    case "EnumPattern":
      f(n.enumName);
      f(n.variant);
      return each(n.args, f);
    case "LiteralPattern":
      return f(n.literal);
    default:
      return assertNever(n);
  }
}
