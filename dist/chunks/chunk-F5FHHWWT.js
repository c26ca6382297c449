import { createRequire as __bcRequire } from 'node:module'; const require = __bcRequire(import.meta.url);

// src/diagnostics/codes.ts
var CODES = {
  E0001: {
    severity: "error",
    stage: "syntax",
    title: "unexpected character",
    meaning: "unexpected character (including non-ASCII outside strings, chars and comments)"
  },
  E0002: { severity: "error", stage: "syntax", title: "unterminated string literal" },
  E0003: { severity: "error", stage: "syntax", title: "unterminated block comment" },
  E0004: {
    severity: "error",
    stage: "syntax",
    title: "invalid escape sequence",
    meaning: "invalid escape sequence (unknown escape, bad \\u{\u2026})"
  },
  E0005: {
    severity: "error",
    stage: "syntax",
    title: "malformed number literal",
    meaning: "malformed number literal (misplaced _, unknown suffix, 0x without digits, float suffix on an integer, exponent without fraction, value above 64 bits)"
  },
  E0006: {
    severity: "error",
    stage: "syntax",
    title: "malformed character literal",
    meaning: "malformed character literal (empty, several characters, unterminated)"
  },
  E0007: { severity: "error", stage: "syntax", title: "source file is not valid UTF-8" },
  E0008: { severity: "error", stage: "syntax", title: "empty or unterminated ${\u2026} interpolation" },
  E0101: {
    severity: "error",
    stage: "syntax",
    title: "syntax error",
    meaning: "expected one thing, found another (the generic syntax error, with the expected set)"
  },
  E0102: { severity: "error", stage: "syntax", title: "a token that cannot start an item at item level" },
  E0103: {
    severity: "error",
    stage: "syntax",
    title: "syntax from another language or another Beskid era that does not exist here",
    meaning: "syntax from another language or another Beskid era that does not exist here (casts, tuples, let x: T, grouped/glob use, *=, ^, ~, ->, ternary, labels, generic members), with a hint"
  },
  E0104: {
    severity: "error",
    stage: "syntax",
    title: "nesting too deep: the parser's depth limit was reached",
    meaning: "nesting too deep: the parser's depth limit was reached (ours)"
  },
  W0110: {
    severity: "warning",
    stage: "syntax",
    title: "documentation comment that nothing can attach to",
    meaning: "documentation comment that nothing can attach to (ignored)"
  },
  E1001: {
    severity: "error",
    stage: "semantics",
    title: "duplicate type, enum or contract name in a module"
  },
  E1002: { severity: "error", stage: "semantics", title: "duplicate enum variant" },
  E1003: { severity: "error", stage: "semantics", title: "duplicate method in a contract" },
  E1004: {
    severity: "error",
    stage: "semantics",
    title: "embedded contracts bring two methods with one name and different signatures"
  },
  E1005: {
    severity: "error",
    stage: "semantics",
    title: "unknown type in a definition",
    meaning: "unknown type in a definition (field, variant payload, signature)"
  },
  E1006: {
    severity: "error",
    stage: "semantics",
    title: "duplicate item name in a module",
    meaning: "duplicate item name in a module (functions, tests, consts, aliases, child modules)"
  },
  E1007: {
    severity: "error",
    stage: "semantics",
    title: "duplicate field, or member named like a field, in a type",
    meaning: "duplicate field, or member named like a field, in a type; duplicate payload field name (ours)"
  },
  E1008: {
    severity: "error",
    stage: "semantics",
    title: "a primitive type name declared as a type, enum, contract, attribute or type parameter",
    meaning: "a primitive type name declared as a type, enum, contract, attribute or type parameter (ours)"
  },
  E1101: { severity: "error", stage: "semantics", title: "unknown name" },
  E1102: {
    severity: "error",
    stage: "semantics",
    title: "duplicate local in one block",
    meaning: "duplicate local in one block; duplicate member or method name on one type"
  },
  W1103: {
    severity: "warning",
    stage: "semantics",
    title: "a local shadows an outer local, parameter, field or item"
  },
  E1104: {
    severity: "error",
    stage: "semantics",
    title: "ambiguous import: two use bind one name to different targets"
  },
  E1105: { severity: "error", stage: "semantics", title: "unknown import path" },
  E1106: { severity: "error", stage: "semantics", title: "local used before its declaration" },
  E1107: {
    severity: "error",
    stage: "semantics",
    title: "private item or member reached from outside its module"
  },
  E1108: {
    severity: "error",
    stage: "semantics",
    title: "unknown module path",
    meaning: "unknown module path (or no such item in it)"
  },
  E1109: {
    severity: "error",
    stage: "semantics",
    title: "local read before it is definitely assigned",
    meaning: "local read before it is definitely assigned (ours)"
  },
  E1151: {
    severity: "error",
    stage: "semantics",
    title: "invalid test meta/skip entry",
    meaning: "invalid test meta/skip entry (unknown or repeated key, non-literal or wrong-kind value); also internal span errors"
  },
  E1152: { severity: "error", stage: "semantics", title: "unresolved value path" },
  E1153: { severity: "error", stage: "semantics", title: "unresolved type path" },
  E1154: { severity: "error", stage: "semantics", title: "match with no arms" },
  E1201: { severity: "error", stage: "semantics", title: "unknown type" },
  E1202: {
    severity: "error",
    stage: "semantics",
    title: "lambda parameter type cannot be inferred",
    meaning: "lambda parameter type cannot be inferred; unsupported expression"
  },
  E1203: {
    severity: "error",
    stage: "semantics",
    title: "missing type arguments: cannot infer a generic type, call, enum value or literal"
  },
  W1203: { severity: "warning", stage: "semantics", title: "implicit narrowing or int\u2194float conversion" },
  E1204: {
    severity: "error",
    stage: "semantics",
    title: "wrong number of type arguments or call arguments",
    meaning: "wrong number of type arguments or call arguments (incl. a lambda against its expected type)"
  },
  W1204: {
    severity: "warning",
    stage: "semantics",
    title: "unknown name in a member signature taken as an implicit type parameter",
    meaning: "unknown name in a member signature taken as an implicit type parameter (ours, D23)"
  },
  E1205: { severity: "error", stage: "semantics", title: "argument type mismatch" },
  E1206: {
    severity: "error",
    stage: "semantics",
    title: "type mismatch",
    meaning: "type mismatch (initializer, assignment, field, element; also calling a non-function field, a bound method or intrinsic used as a value)"
  },
  E1207: {
    severity: "error",
    stage: "semantics",
    title: "return type mismatch",
    meaning: "return type mismatch; return; in a non-unit function; reaching the end of a never function"
  },
  E1208: { severity: "error", stage: "semantics", title: "condition is not bool" },
  E1209: {
    severity: "error",
    stage: "semantics",
    title: "invalid operand types for a binary operator",
    meaning: "invalid operand types for a binary operator (incl. === on primitives, ordering on non-numbers)"
  },
  E1210: {
    severity: "error",
    stage: "semantics",
    title: "invalid operand type for a unary operator",
    meaning: "invalid operand type for a unary operator (incl. - on an unsigned value)"
  },
  E1211: {
    severity: "error",
    stage: "semantics",
    title: "unknown field, or a field given twice in a struct literal"
  },
  E1212: { severity: "error", stage: "semantics", title: "missing field in a struct literal" },
  E1213: { severity: "error", stage: "semantics", title: "field access on a value that is not a record" },
  E1214: {
    severity: "error",
    stage: "semantics",
    title: "reserved: assignment to an immutable binding as an error",
    meaning: "reserved: assignment to an immutable binding as an error (beskid-ci reports W1214)"
  },
  W1214: {
    severity: "warning",
    stage: "semantics",
    title: "reassignment of a binding not declared mut",
    meaning: "reassignment of a binding not declared mut (ours, D2)"
  },
  E1215: {
    severity: "error",
    stage: "semantics",
    title: "for over a value that has no Next method",
    meaning: "for over a value that has no Next method (and is not a range or an array)"
  },
  E1216: { severity: "error", stage: "semantics", title: "Next takes parameters" },
  E1217: { severity: "error", stage: "semantics", title: "Next does not return an Option-shaped enum" },
  E1218: {
    severity: "error",
    stage: "semantics",
    title: "the Some variant does not carry exactly one field"
  },
  E1219: { severity: "error", stage: "semantics", title: "event invoked outside its owner type and module" },
  E1220: { severity: "error", stage: "semantics", title: "event capacity is not a positive integer" },
  E1221: {
    severity: "error",
    stage: "semantics",
    title: "+=/-= with a function value on something that is not an event"
  },
  E1222: {
    severity: "error",
    stage: "semantics",
    title: "? applied to a value that is not Result- or Option-shaped"
  },
  E1223: {
    severity: "error",
    stage: "semantics",
    title: "constant out of range for its type, or invalid constant arithmetic",
    meaning: "constant out of range for its type, or invalid constant arithmetic (division by zero) (ours)"
  },
  E1224: {
    severity: "error",
    stage: "semantics",
    title: "mixed numeric operands with no common type",
    meaning: "mixed numeric operands with no common type (i64 with u64) (ours)"
  },
  E1225: {
    severity: "error",
    stage: "semantics",
    title: "value cannot be converted to text in interpolation or + with a string",
    meaning: "value cannot be converted to text in interpolation or + with a string (ours)"
  },
  E1226: {
    severity: "error",
    stage: "semantics",
    title: "invalid assignment target",
    meaning: "invalid assignment target (ours)"
  },
  E1227: {
    severity: "error",
    stage: "semantics",
    title: "strings are immutable: s[i] = v",
    meaning: "strings are immutable: s[i] = v (ours)"
  },
  E1228: {
    severity: "error",
    stage: "semantics",
    title: "cannot infer an array literal's element type, or its elements have no common type",
    meaning: "cannot infer an array literal's element type, or its elements have no common type (ours)"
  },
  E1229: {
    severity: "error",
    stage: "semantics",
    title: "ref, out and bulk parameters and ref T types are not supported",
    meaning: "ref, out and bulk parameters and ref T types are not supported (ours)"
  },
  E1230: {
    severity: "error",
    stage: "semantics",
    title: "construct parsed but not supported by beskid-ci",
    meaning: "construct parsed but not supported by beskid-ci (hosts, inject, with, launch, scoped use, spawn, try/catch, macro calls, code fences, clif, associated types, This methods through a contract value) (ours)"
  },
  E1231: {
    severity: "error",
    stage: "semantics",
    title: "indexing a value that is not an array or string, or with a non-integer index",
    meaning: "indexing a value that is not an array or string, or with a non-integer index (ours)"
  },
  E1232: {
    severity: "error",
    stage: "semantics",
    title: "an event field used as a value",
    meaning: "an event field used as a value (ours)"
  },
  E1233: {
    severity: "error",
    stage: "semantics",
    title: "This outside a type body, impl, extend or contract",
    meaning: "This outside a type body, impl, extend or contract (ours)"
  },
  E1235: {
    severity: "error",
    stage: "semantics",
    title: "operation not available on a value of type-parameter type",
    meaning: "operation not available on a value of type-parameter type (ours)"
  },
  E1236: {
    severity: "error",
    stage: "semantics",
    title: "generic instantiation never ends",
    meaning: "a generic function reaches itself again with a type argument that grows each time (polymorphic recursion), so monomorphisation would never finish (ours)"
  },
  E1301: { severity: "error", stage: "semantics", title: "unknown enum or variant" },
  E1302: {
    severity: "error",
    stage: "semantics",
    title: "wrong number of constructor arguments, or E::V without",
    meaning: "wrong number of constructor arguments, or E::V without () for a variant with payload"
  },
  E1303: {
    severity: "error",
    stage: "semantics",
    title: "unqualified variant constructor",
    meaning: "unqualified variant constructor (write E::V(\u2026))"
  },
  E1304: {
    severity: "error",
    stage: "semantics",
    title: "non-exhaustive match",
    meaning: "non-exhaustive match (the message shows a missing case)"
  },
  E1305: { severity: "error", stage: "semantics", title: "match arms have incompatible types" },
  E1306: { severity: "error", stage: "semantics", title: "one name bound twice in a pattern" },
  E1307: { severity: "error", stage: "semantics", title: "wrong number of sub-patterns" },
  E1308: { severity: "error", stage: "semantics", title: "guard is not bool" },
  E1309: {
    severity: "error",
    stage: "semantics",
    title: "pattern cannot match the scrutinee's type",
    meaning: "pattern cannot match the scrutinee's type (ours)"
  },
  W1310: {
    severity: "warning",
    stage: "semantics",
    title: "unreachable match arm",
    meaning: "unreachable match arm (ours)"
  },
  W1311: {
    severity: "warning",
    stage: "semantics",
    title: "binding pattern named like a variant of the scrutinee's enum",
    meaning: "binding pattern named like a variant of the scrutinee's enum (ours)"
  },
  E1401: { severity: "error", stage: "semantics", title: "break outside a loop" },
  E1402: { severity: "error", stage: "semantics", title: "continue outside a loop" },
  W1403: { severity: "warning", stage: "semantics", title: "unreachable code" },
  E1404: {
    severity: "error",
    stage: "semantics",
    title: "a non-unit function can end without return",
    meaning: "a non-unit function can end without return (ours)"
  },
  E1405: {
    severity: "error",
    stage: "semantics",
    title: "entry point has parameters or a return type other than an integer type or unit",
    meaning: "entry point has parameters or a return type other than an integer type or unit (ours)"
  },
  E1406: {
    severity: "error",
    stage: "semantics",
    title: "both main and Main in the entry module",
    meaning: "both main and Main in the entry module (ours)"
  },
  E1501: { severity: "error", stage: "semantics", title: "use of a private item" },
  E1502: { severity: "error", stage: "semantics", title: "module file not found for mod P;" },
  W1503: { severity: "warning", stage: "semantics", title: "unused import" },
  W1504: {
    severity: "warning",
    stage: "semantics",
    title: "unused private item",
    meaning: "unused private item (optional)"
  },
  E1505: {
    severity: "error",
    stage: "semantics",
    title: "file-scoped mod declaration is not the first item"
  },
  E1506: {
    severity: "error",
    stage: "semantics",
    title: "further mod P",
    meaning: "further mod P; in a file that has a file-scoped declaration"
  },
  E1507: {
    severity: "error",
    stage: "semantics",
    title: "inline module in a file that has a file-scoped declaration"
  },
  E1510: { severity: "error", stage: "semantics", title: "Extern on something other than a contract" },
  E1511: {
    severity: "error",
    stage: "semantics",
    title: 'Extern ABI other than "C"',
    meaning: 'Extern ABI other than "C" (ours)'
  },
  E1512: {
    severity: "error",
    stage: "semantics",
    title: "Extern without a non-empty Library",
    meaning: "Extern without a non-empty Library (ours)"
  },
  E1513: {
    severity: "error",
    stage: "semantics",
    title: "type not allowed in an extern signature",
    meaning: "type not allowed in an extern signature (ours)"
  },
  E1601: {
    severity: "error",
    stage: "semantics",
    title: "a declared contract method has no implementation",
    meaning: "a declared contract method has no implementation (member or module function)"
  },
  E1602: {
    severity: "error",
    stage: "semantics",
    title: "an implementation's signature differs from the contract's"
  },
  E1603: {
    severity: "error",
    stage: "semantics",
    title: "a type argument does not satisfy a where bound",
    meaning: "a type argument does not satisfy a where bound (ours)"
  },
  E1605: {
    severity: "error",
    stage: "semantics",
    title: "call of a function declared without a body that nothing provides",
    meaning: "call of a function declared without a body that nothing provides (ours)"
  },
  E1606: {
    severity: "error",
    stage: "semantics",
    title: "unknown call target: no function, method, field or sugar candidate",
    meaning: "unknown call target: no function, method, field or sugar candidate (with a note on a near miss)"
  },
  E1607: { severity: "error", stage: "semantics", title: "conformance to something that is not a contract" },
  W1608: {
    severity: "warning",
    stage: "semantics",
    title: "call of an intrinsic this toolchain does not support",
    meaning: "call of an intrinsic this toolchain does not support; the call panics if reached (ours)"
  },
  W1610: { severity: "warning", stage: "semantics", title: "documentation-comment directive check" },
  W1611: { severity: "warning", stage: "semantics", title: "documentation-comment directive check" },
  W1612: { severity: "warning", stage: "semantics", title: "documentation-comment directive check" },
  W1613: { severity: "warning", stage: "semantics", title: "documentation-comment directive check" },
  W1614: { severity: "warning", stage: "semantics", title: "documentation-comment directive check" },
  W1615: { severity: "warning", stage: "semantics", title: "documentation-comment directive check" },
  W1620: { severity: "warning", stage: "semantics", title: "documentation-comment directive check" },
  W1621: { severity: "warning", stage: "semantics", title: "documentation-comment directive check" },
  W1622: { severity: "warning", stage: "semantics", title: "documentation-comment directive check" },
  W1623: { severity: "warning", stage: "semantics", title: "documentation-comment directive check" },
  W1624: { severity: "warning", stage: "semantics", title: "documentation-comment directive check" },
  W1625: { severity: "warning", stage: "semantics", title: "documentation-comment directive check" },
  E1701: {
    severity: "error",
    stage: "semantics",
    title: "? in a function",
    meaning: "? in a function (or lambda) whose return type is not a Result- or Option-shaped enum of the operand's declaration (entry point and tests excepted, D31)"
  },
  E1702: {
    severity: "error",
    stage: "semantics",
    title: "the operand's error type cannot convert to the function's error type"
  },
  E1703: {
    severity: "error",
    stage: "semantics",
    title: "? on an Option in a function returning a Result, or the other way round"
  },
  E1806: { severity: "error", stage: "semantics", title: "duplicate target in an attribute declaration" },
  E1807: { severity: "error", stage: "semantics", title: "unknown attribute target" },
  E1808: {
    severity: "error",
    stage: "semantics",
    title: "argument given twice in an attribute application",
    meaning: "argument given twice in an attribute application (ours)"
  },
  E1809: {
    severity: "error",
    stage: "semantics",
    title: "attribute applied to a target its declaration does not allow"
  },
  E3001: { severity: "error", stage: "project", title: "no project manifest found" },
  E3003: { severity: "error", stage: "project", title: "manifest syntax error" },
  E3004: { severity: "error", stage: "project", title: "manifest validation error" },
  E3005: { severity: "error", stage: "project", title: "target not found" },
  E3006: { severity: "error", stage: "project", title: "dependency manifest not found" },
  E3007: { severity: "error", stage: "project", title: "dependency cycle" },
  E3011: {
    severity: "error",
    stage: "project",
    title: "dependency source not supported by this toolchain yet"
  },
  W3012: {
    severity: "warning",
    stage: "project",
    title: "unknown key in a manifest block",
    meaning: "unknown key in a manifest block (ignored) (ours)"
  },
  W3013: {
    severity: "warning",
    stage: "project",
    title: "several project manifests in one folder",
    meaning: "several project manifests in one folder; the first by name is used (ours)"
  },
  E3014: {
    severity: "error",
    stage: "project",
    title: "workspace member not found",
    meaning: "workspace member not found (ours)"
  },
  E3021: {
    severity: "error",
    stage: "project",
    title: "Project.lock syntax error",
    meaning: "Project.lock syntax error (ours)"
  },
  E3022: { severity: "error", stage: "project", title: "Project.lock is stale" },
  E3023: {
    severity: "error",
    stage: "project",
    title: "Project.lock is missing or may not be written",
    meaning: "Project.lock is missing or may not be written (--locked/--frozen)"
  },
  E3024: {
    severity: "error",
    stage: "project",
    title: "dependency sources could not be materialized",
    meaning: "dependency sources could not be materialized (ours)"
  },
  E3025: {
    severity: "error",
    stage: "project",
    title: "corelib folder not found",
    meaning: "corelib folder not found (BESKID_CORELIB_ROOT / corelib-path) (ours)"
  },
  E3026: {
    severity: "error",
    stage: "project",
    title: "workspace scan stopped at max_units",
    meaning: "workspace scan stopped at max_units; later files were not indexed (ours)"
  },
  E3027: {
    severity: "error",
    stage: "project",
    title: "entry file of the target not found",
    meaning: "entry file of the target not found (ours)"
  },
  W3028: {
    severity: "warning",
    stage: "project",
    title: "the Test target's tests do not run",
    meaning: "`test` without `--target` chose another target, so the project's `Test` target's tests do not run (ours)"
  },
  W3029: {
    severity: "warning",
    stage: "project",
    title: "standard library dependency satisfied by the toolchain's corelib",
    meaning: "a `git` or `registry` dependency aliased `Std` or `corelib` is satisfied by the corelib this toolchain compiles against; its version is not checked (ours)"
  },
  E4020: { severity: "error", stage: "backend", title: "no C compiler found" },
  E4021: { severity: "error", stage: "backend", title: "C compile or link failed" },
  E4022: { severity: "error", stage: "backend", title: "output kind not supported on this platform" },
  E4023: {
    severity: "error",
    stage: "backend",
    title: "no archiver found",
    meaning: "the archiver for a `static` output (`AR`, default `ar`) cannot be run (ours)"
  },
  E4030: { severity: "error", stage: "backend", title: "entry point not found" },
  E4031: {
    severity: "error",
    stage: "backend",
    title: "exported symbol not found",
    meaning: "`--export` names no `pub` function of the entry module (lists the available exports) (ours)"
  },
  E4040: {
    severity: "error",
    stage: "backend",
    title: "extern function reachable from the entry point or test is not available under the JIT",
    meaning: "extern function reachable from the entry point or test is not available under the JIT (names contract, function and library) (ours)"
  },
  E9001: {
    severity: "error",
    stage: "tool",
    title: "input path not found or unreadable",
    meaning: "input path not found or unreadable (ours)"
  },
  E9002: {
    severity: "error",
    stage: "tool",
    title: "output could not be written",
    meaning: "output could not be written (ours)"
  }
};

// src/diagnostics/diagnostic.ts
var LineIndex = class {
  constructor(text) {
    this.text = text;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }
  text;
  starts = [0];
  position(offset) {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - this.starts[lo] + 1 };
  }
  /** The text of a 1-based line without its line break. */
  lineText(line) {
    const start = this.starts[line - 1];
    if (start === void 0) return "";
    const next = this.starts[line];
    let end = next === void 0 ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
  get lineCount() {
    return this.starts.length;
  }
};
function makeDiagnostic(code, facts, at) {
  const info = CODES[code];
  const message = facts.detail ? `${info.title}: ${facts.detail}` : info.title;
  const base = {
    code,
    severity: info.severity,
    message,
    notes: facts.notes ?? [],
    ...facts.help !== void 0 ? { help: facts.help } : {}
  };
  if (at === void 0) return base;
  if ("span" in at) {
    return {
      ...base,
      file: at.span.file,
      start: at.index.position(at.span.start),
      end: at.index.position(Math.max(at.span.start, at.span.end)),
      span: at.span
    };
  }
  return {
    ...base,
    file: at.file,
    ...at.start ? { start: at.start } : {},
    ...at.end ? { end: at.end } : {}
  };
}
function hasErrors(diagnostics) {
  return diagnostics.some((d) => d.severity === "error");
}
function sortDiagnostics(diagnostics) {
  return diagnostics.map((d, i) => ({ d, i })).sort((a, b) => {
    const fa = a.d.file ?? "";
    const fb = b.d.file ?? "";
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.d.start?.line ?? 0;
    const lb = b.d.start?.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.d.start?.column ?? 0;
    const cb = b.d.start?.column ?? 0;
    if (ca !== cb) return ca - cb;
    return a.i - b.i;
  }).map((x) => x.d);
}

// src/diagnostics/render.ts
var ANSI = { red: "\x1B[31m", yellow: "\x1B[33m", blue: "\x1B[34m", bold: "\x1B[1m", reset: "\x1B[0m" };
function paint(on, code, text) {
  return on ? `${code}${text}${ANSI.reset}` : text;
}
function lineOf(text, line) {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) return void 0;
    start = nl + 1;
  }
  let end = text.indexOf("\n", start);
  if (end < 0) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return text.slice(start, end);
}
function renderText(d, opts) {
  const sevColor = d.severity === "error" ? ANSI.red : ANSI.yellow;
  const where = d.file ? `${d.file}${d.start ? `:${d.start.line}:${d.start.column}` : ""}: ` : "";
  const head = `${where}${paint(opts.color, sevColor + ANSI.bold, `${d.severity}[${d.code}]`)}: ${d.message}`;
  const out = [head];
  const source = d.file && d.start ? opts.sources?.(d.file) : void 0;
  if (source !== void 0 && d.start) {
    const text = lineOf(source, d.start.line);
    if (text !== void 0) {
      const gutter = String(d.start.line);
      const pad = " ".repeat(gutter.length);
      const sameLine = d.end && d.end.line === d.start.line;
      const word = /^[A-Za-z0-9_][A-Za-z0-9_.]*/.exec(text.slice(d.start.column - 1));
      const width = sameLine ? Math.max(1, d.end.column - d.start.column) : d.end ? Math.max(1, text.length - d.start.column + 1) : Math.max(1, word ? word[0].replace(/\.+$/, "").length : 1);
      const indent = text.slice(0, d.start.column - 1).replace(/[^\t]/g, " ");
      out.push(`${pad} ${paint(opts.color, ANSI.blue, "|")}`);
      out.push(`${paint(opts.color, ANSI.blue, gutter)} ${paint(opts.color, ANSI.blue, "|")} ${text}`);
      out.push(
        `${pad} ${paint(opts.color, ANSI.blue, "|")} ${indent}${paint(opts.color, sevColor, "^".repeat(width))}`
      );
    }
  }
  for (const note of d.notes) out.push(`  = note: ${note}`);
  if (d.help) out.push(`  = help: ${d.help}`);
  return out.join("\n");
}
function renderTextAll(diagnostics, opts) {
  return diagnostics.map((d) => renderText(d, opts)).join("\n\n");
}
function toJson(d) {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...d.file !== void 0 ? { file: d.file } : {},
    ...d.start ? { line: d.start.line, column: d.start.column } : {},
    ...d.end ? { endLine: d.end.line, endColumn: d.end.column } : {},
    notes: d.notes,
    ...d.help !== void 0 ? { help: d.help } : {}
  };
}

// src/util/fs.ts
import { randomBytes, createHash } from "node:crypto";
import * as nodeFs from "node:fs";
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as nodePath from "node:path";
import { dirname, basename, join, resolve } from "node:path";
function tempNameFor(path) {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}
function makeDirs(dir) {
  return makeDirsWith(dir, nodeFs, nodePath);
}
function makeDirsWith(dir, fs, path) {
  const missing = [];
  for (let d = path.resolve(dir); ; ) {
    try {
      if (fs.statSync(d).isDirectory()) break;
      const e = new Error(`ENOTDIR: not a directory, mkdir '${d}'`);
      e.code = "ENOTDIR";
      throw e;
    } catch (e) {
      const up = path.dirname(d);
      if (e.code !== "ENOENT" || up === d) throw e;
      missing.push(d);
      d = up;
    }
  }
  missing.reverse();
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
    } catch (e) {
      if (e.code !== "EEXIST" || !fs.statSync(d).isDirectory()) throw e;
    }
  }
  return missing[0];
}
function writeFileAtomic(path, data, mode) {
  makeDirs(dirname(path));
  const tmp = tempNameFor(path);
  try {
    writeFileSync(tmp, data, mode === void 0 ? void 0 : { mode });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}
function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}
function removeStaleStaging(dir, prefix) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || processAlive(pid)) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
    } catch {
    }
  }
}
function reportFilePath(base, given, nameInFolder) {
  const path = resolve(base, given);
  let folder = /[\\/]$/.test(given);
  if (!folder) {
    try {
      folder = statSync(path).isDirectory();
    } catch {
      folder = false;
    }
  }
  return folder ? join(path, nameInFolder) : path;
}

// src/artifact/schema.ts
var ARTIFACT_SCHEMA_VERSION = 1;
var VAL_TYPES = ["i32", "i64", "f32", "f64"];
var UNARY_OPS = [
  "i32.eqz",
  "i32.clz",
  "i32.ctz",
  "i32.popcnt",
  "i32.extend8_s",
  "i32.extend16_s",
  "i64.eqz",
  // result i32
  "i64.clz",
  "i64.ctz",
  "i64.popcnt",
  "i64.extend8_s",
  "i64.extend16_s",
  "i64.extend32_s",
  "f32.neg",
  "f32.abs",
  "f32.sqrt",
  "f32.ceil",
  "f32.floor",
  "f32.trunc",
  "f32.nearest",
  "f64.neg",
  "f64.abs",
  "f64.sqrt",
  "f64.ceil",
  "f64.floor",
  "f64.trunc",
  "f64.nearest",
  "i32.wrap_i64",
  "i64.extend_i32_s",
  "i64.extend_i32_u",
  // Float → int conversions saturate (NaN → 0, out of range → MIN/MAX), as LANGUAGE.md §5.5.
  "i32.trunc_sat_f32_s",
  "i32.trunc_sat_f32_u",
  "i32.trunc_sat_f64_s",
  "i32.trunc_sat_f64_u",
  "i64.trunc_sat_f32_s",
  "i64.trunc_sat_f32_u",
  "i64.trunc_sat_f64_s",
  "i64.trunc_sat_f64_u",
  "f32.convert_i32_s",
  "f32.convert_i32_u",
  "f32.convert_i64_s",
  "f32.convert_i64_u",
  "f64.convert_i32_s",
  "f64.convert_i32_u",
  "f64.convert_i64_s",
  "f64.convert_i64_u",
  "f32.demote_f64",
  "f64.promote_f32",
  "i32.reinterpret_f32",
  "i64.reinterpret_f64",
  "f32.reinterpret_i32",
  "f64.reinterpret_i64"
];
var BINARY_OPS = [
  "i32.add",
  "i32.sub",
  "i32.mul",
  "i32.div_s",
  "i32.div_u",
  "i32.rem_s",
  "i32.rem_u",
  "i32.and",
  "i32.or",
  "i32.xor",
  "i32.shl",
  "i32.shr_s",
  "i32.shr_u",
  "i32.rotl",
  "i32.rotr",
  "i32.eq",
  "i32.ne",
  "i32.lt_s",
  "i32.lt_u",
  "i32.gt_s",
  "i32.gt_u",
  "i32.le_s",
  "i32.le_u",
  "i32.ge_s",
  "i32.ge_u",
  "i64.add",
  "i64.sub",
  "i64.mul",
  "i64.div_s",
  "i64.div_u",
  "i64.rem_s",
  "i64.rem_u",
  "i64.and",
  "i64.or",
  "i64.xor",
  "i64.shl",
  "i64.shr_s",
  "i64.shr_u",
  "i64.rotl",
  "i64.rotr",
  "i64.eq",
  "i64.ne",
  "i64.lt_s",
  "i64.lt_u",
  "i64.gt_s",
  "i64.gt_u",
  "i64.le_s",
  "i64.le_u",
  "i64.ge_s",
  "i64.ge_u",
  "f32.add",
  "f32.sub",
  "f32.mul",
  "f32.div",
  "f32.rem",
  "f32.eq",
  "f32.ne",
  "f32.lt",
  "f32.gt",
  "f32.le",
  "f32.ge",
  "f64.add",
  "f64.sub",
  "f64.mul",
  "f64.div",
  "f64.rem",
  "f64.eq",
  "f64.ne",
  "f64.lt",
  "f64.gt",
  "f64.le",
  "f64.ge"
];
var LOAD_OPS = [
  "i32.load",
  "i64.load",
  "f32.load",
  "f64.load",
  "i32.load8_s",
  "i32.load8_u",
  "i32.load16_s",
  "i32.load16_u",
  "i64.load8_s",
  "i64.load8_u",
  "i64.load16_s",
  "i64.load16_u",
  "i64.load32_s",
  "i64.load32_u"
];
var STORE_OPS = [
  "i32.store",
  "i64.store",
  "f32.store",
  "f64.store",
  "i32.store8",
  "i32.store16",
  "i64.store8",
  "i64.store16",
  "i64.store32"
];
var MAX_NESTING = 500;
var DATA_BASE = 16;
var HEAP_ALIGN = 8;
var PAGE_SIZE = 65536;
var MAX_PAGES = 65536;
function layoutData(data) {
  const addresses = [];
  let at = DATA_BASE;
  for (const seg of data) {
    addresses.push(at);
    at = alignUp(at + seg.bytes.length, HEAP_ALIGN);
  }
  return { addresses, heapBase: at };
}
function alignUp(n, align) {
  return Math.ceil(n / align) * align;
}

// src/util/paths.ts
import { existsSync } from "node:fs";
import { dirname as dirname2, isAbsolute, join as join2, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
var cached;
function packageRoot() {
  if (cached) return cached;
  let dir = dirname2(fileURLToPath(import.meta.url));
  for (; ; ) {
    if (existsSync(join2(dir, "package.json")) && existsSync(join2(dir, "corelib"))) return cached = dir;
    const up = dirname2(dir);
    if (up === dir) throw new Error("beskid-ci: cannot find the package root (package.json beside corelib/)");
    dir = up;
  }
}
function bundledCorelibRoot() {
  return join2(packageRoot(), "corelib");
}
function pathUnder(root, path) {
  const rel = relative(root, path);
  return rel.startsWith("..") || isAbsolute(rel) ? void 0 : rel.split(sep).join("/");
}

// src/pipeline/cache.ts
import { existsSync as existsSync2, readdirSync as readdirSync2, readFileSync, rmSync as rmSync2, statSync as statSync2, utimesSync } from "node:fs";
import { join as join3 } from "node:path";

// src/artifact/encode.ts
import { createHash as createHash2 } from "node:crypto";

// src/artifact/bytes.ts
var utf8Encoder = new TextEncoder();
var utf8Decoder = new TextDecoder("utf-8", { fatal: true });
var ByteWriter = class {
  buf;
  view;
  length = 0;
  constructor(initialCapacity = 1024) {
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }
  ensure(extra) {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(b) {
    this.ensure(1);
    this.buf[this.length++] = b & 255;
  }
  bytes(b) {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  u32le(v) {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }
  f32(v) {
    this.ensure(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }
  f64(v) {
    this.ensure(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }
  /** Unsigned LEB128 of a non-negative integer below 2^53. */
  uleb(v) {
    if (!(v >= 0) || !Number.isInteger(v)) throw new RangeError(`uleb: ${v}`);
    this.ensure(8);
    do {
      let byte = v % 128;
      v = Math.floor(v / 128);
      if (v !== 0) byte |= 128;
      this.buf[this.length++] = byte;
    } while (v !== 0);
  }
  /** Signed LEB128 of a 32-bit integer. */
  sleb32(v) {
    v |= 0;
    this.ensure(5);
    for (; ; ) {
      const byte = v & 127;
      v >>= 7;
      const done = v === 0 && (byte & 64) === 0 || v === -1 && (byte & 64) !== 0;
      this.buf[this.length++] = done ? byte : byte | 128;
      if (done) return;
    }
  }
  /** Signed LEB128 of a 64-bit integer. */
  sleb64(v) {
    if (v >= -0x80000000n && v <= 0x7fffffffn) {
      this.sleb32(Number(v));
      return;
    }
    v = BigInt.asIntN(64, v);
    this.ensure(10);
    for (; ; ) {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      const done = v === 0n && (byte & 64) === 0 || v === -1n && (byte & 64) !== 0;
      this.buf[this.length++] = done ? byte : byte | 128;
      if (done) return;
    }
  }
  /** Length-prefixed UTF-8. */
  str(s) {
    const n = s.length;
    if (n < 128) {
      this.ensure(n + 1);
      const start = this.length;
      this.buf[start] = n;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 128) break;
        this.buf[start + 1 + i] = c;
      }
      if (i === n) {
        this.length = start + 1 + n;
        return;
      }
    }
    const b = utf8Encoder.encode(s);
    this.uleb(b.length);
    this.bytes(b);
  }
  /** Overwrites the 4 bytes at `at` with `v`, little-endian. */
  patchU32le(at, v) {
    this.view.setUint32(at, v >>> 0, true);
  }
  /** Writes `v` as a 5-byte padded unsigned LEB128 at `at` (space reserved with `reserveUleb5`). */
  patchUleb5(at, v) {
    for (let i = 0; i < 5; i++) {
      const byte = v & 127;
      v >>>= 7;
      this.buf[at + i] = i < 4 ? byte | 128 : byte;
    }
  }
  reserveUleb5() {
    const at = this.length;
    this.ensure(5);
    this.length += 5;
    return at;
  }
  /** A copy of the written bytes. */
  finish() {
    return this.buf.slice(0, this.length);
  }
  /** A view of the written bytes (valid until the next write). */
  peek() {
    return this.buf.subarray(0, this.length);
  }
};
var ByteReaderError = class extends Error {
};
var ByteReader = class {
  constructor(buf) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  buf;
  pos = 0;
  view;
  get remaining() {
    return this.buf.length - this.pos;
  }
  need(n) {
    if (this.pos + n > this.buf.length) throw new ByteReaderError(`truncated at byte ${this.pos}`);
  }
  u8() {
    if (this.pos >= this.buf.length) throw new ByteReaderError(`truncated at byte ${this.pos}`);
    return this.buf[this.pos++];
  }
  bytes(n) {
    this.need(n);
    const b = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  u32le() {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  f32() {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }
  f64() {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }
  uleb() {
    if (this.pos < this.buf.length && this.buf[this.pos] < 128) return this.buf[this.pos++];
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      if (i >= 8) throw new ByteReaderError(`overlong unsigned LEB128 at byte ${this.pos}`);
      const b = this.u8();
      result += (b & 127) * mul;
      mul *= 128;
      if ((b & 128) === 0) return result;
    }
  }
  sleb32() {
    let result = 0;
    let shift = 0;
    for (let i = 0; ; i++) {
      if (i >= 5) throw new ByteReaderError(`overlong signed LEB128 at byte ${this.pos}`);
      const b = this.u8();
      result |= (b & 127) << shift;
      shift += 7;
      if ((b & 128) === 0) {
        if (shift < 32 && (b & 64) !== 0) result |= -1 << shift;
        return result | 0;
      }
    }
  }
  sleb64() {
    let small = 0;
    let mul = 1;
    const start = this.pos;
    for (let i = 0; i < 7; i++) {
      const b = this.u8();
      small += (b & 127) * mul;
      mul *= 128;
      if ((b & 128) === 0) {
        if ((b & 64) !== 0) small -= mul;
        return BigInt(small);
      }
    }
    this.pos = start;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      if (i >= 10) throw new ByteReaderError(`overlong signed LEB128 at byte ${this.pos}`);
      const b = this.u8();
      result |= BigInt(b & 127) << shift;
      shift += 7n;
      if ((b & 128) === 0) {
        if ((b & 64) !== 0) result -= 1n << shift;
        return BigInt.asIntN(64, result);
      }
    }
  }
  str() {
    const n = this.uleb();
    this.need(n);
    if (n < 64) {
      const buf = this.buf;
      const start = this.pos;
      let s = "";
      let i = 0;
      for (; i < n; i++) {
        const c = buf[start + i];
        if (c >= 128) break;
        s += String.fromCharCode(c);
      }
      if (i === n) {
        this.pos += n;
        return s;
      }
    }
    const b = this.bytes(n);
    try {
      return utf8Decoder.decode(b);
    } catch {
      throw new ByteReaderError(`invalid UTF-8 in a string at byte ${this.pos - n}`);
    }
  }
};

// src/artifact/runtime-abi.ts
var ARRAY_LENGTH_OFFSET = 4;
var ARRAY_DATA_OFFSET = 8;
var CLOSURE_CODE_OFFSET = 4;
var CLOSURE_ENV_OFFSET = 8;
var CLOSURE_SIZE = 12;
var LAYOUT = {
  string: 0,
  array8: 1,
  array16: 2,
  array32: 3,
  array64: 4,
  arrayRef: 5,
  closure: 6
};
var BUILTIN_LAYOUTS = [
  { kind: "array", name: "string", elemSize: 1, elemRef: false },
  { kind: "array", name: "array.8", elemSize: 1, elemRef: false },
  { kind: "array", name: "array.16", elemSize: 2, elemRef: false },
  { kind: "array", name: "array.32", elemSize: 4, elemRef: false },
  { kind: "array", name: "array.64", elemSize: 8, elemRef: false },
  { kind: "array", name: "array.ref", elemSize: 4, elemRef: true },
  { kind: "record", name: "closure", size: CLOSURE_SIZE, refs: [CLOSURE_ENV_OFFSET] }
];
var PANIC_CODES = [
  "division by zero",
  "remainder by zero",
  "integer overflow in division",
  "read of uninitialised array element",
  "try expression propagated error",
  "event capacity exceeded",
  "out of memory",
  "unreachable code reached",
  "stack overflow",
  "indirect call to a function of another type"
];
var PANIC = Object.fromEntries(PANIC_CODES.map((m, i) => [m, i]));
var i32 = "i32";
var i64 = "i64";
var f32 = "f32";
var f64 = "f64";
function t(params, result) {
  return { params, result };
}
var RUNTIME_FUNCTIONS = {
  // Panics.
  panic: {
    type: t([i32, i32], null),
    noreturn: true,
    intrinsic: "__panic_str",
    doc: "(message, loc) panics"
  },
  panic_code: { type: t([i32, i32], null), noreturn: true, doc: "(code, loc) panics with PANIC_CODES[code]" },
  panic_index: {
    type: t([i64, i64, i32], null),
    noreturn: true,
    doc: "(length, index, loc) panics `index out of bounds: the length is N but the index is I`"
  },
  unsupported: {
    type: t([i32, i32], null),
    noreturn: true,
    doc: "(intrinsic name string without `__`, loc) panics `intrinsic __name is not supported by this toolchain`"
  },
  // Allocation.
  alloc: {
    type: t([i32, i32], i32),
    doc: "(layout, size in bytes) \u2192 zeroed object with its layout id written"
  },
  array_new: {
    type: t([i32, i32, i64, i32], i32),
    doc: "(layout, elemSize, length, loc) \u2192 zeroed array; negative length panics `invalid array length: N`"
  },
  array_len: { type: t([i32], i64), intrinsic: "__array_len", doc: "(array) \u2192 length" },
  closure_new: { type: t([i32, i32], i32), doc: "(table slot, env) \u2192 closure object" },
  // Strings.
  str_len: { type: t([i32], i64), intrinsic: "__str_len", doc: "(s) \u2192 byte length" },
  str_slice: {
    type: t([i32, i64, i64, i32], i32),
    intrinsic: "__str_slice",
    doc: "(s, start, count, loc) \u2192 new string of bytes [start, start+count)"
  },
  str_eq: { type: t([i32, i32], i64), intrinsic: "__str_eq", doc: "(a, b) \u2192 1 if equal bytes else 0" },
  str_concat: { type: t([i32, i32], i32), doc: "(a, b) \u2192 a + b" },
  str_from_bytes_utf8: {
    type: t([i32], i32),
    intrinsic: "__str_from_bytes_utf8",
    doc: "(u8[]) \u2192 string; invalid UTF-8 sequences become U+FFFD"
  },
  str_from_i32: { type: t([i32], i32), doc: "signed decimal" },
  str_from_u32: { type: t([i32], i32), doc: "unsigned decimal" },
  str_from_i64: { type: t([i64], i32), doc: "signed decimal" },
  str_from_u64: { type: t([i64], i32), doc: "unsigned decimal" },
  str_from_f32: { type: t([f32], i32), doc: "shortest round-trip f32 text (docs/runtime.md)" },
  str_from_f64: { type: t([f64], i32), doc: "shortest round-trip f64 text (docs/runtime.md)" },
  str_from_bool: { type: t([i32], i32), doc: "`true` / `false`" },
  str_from_char: { type: t([i32], i32), doc: "UTF-8 encoding of a code point (invalid \u2192 U+FFFD)" },
  // Byte arrays.
  bytes_get: { type: t([i32, i64, i32], i64), intrinsic: "__bytes_get", doc: "(bytes, index, loc) \u2192 0..255" },
  bytes_compare: { type: t([i32, i32], i64), intrinsic: "__bytes_compare", doc: "(a, b) \u2192 -1, 0, 1" },
  bytes_copy: {
    type: t([i32, i64, i32, i64, i64, i32], null),
    intrinsic: "__bytes_copy",
    doc: "(dst, dstOff, src, srcOff, len, loc) overlapping-safe copy; out of bounds panics"
  },
  // I/O.
  syscall_write: {
    type: t([i64, i32], i64),
    intrinsic: "__syscall_write",
    doc: "(fd, string) \u2192 count or -1"
  },
  syscall_write_bytes: {
    type: t([i64, i32], i64),
    intrinsic: "__syscall_write_bytes",
    doc: "(fd, u8[]) \u2192 count or -1"
  },
  syscall_read: { type: t([i64, i64], i32), intrinsic: "__syscall_read", doc: "(fd, maxBytes) \u2192 string" },
  syscall_read_bytes: {
    type: t([i64, i64], i32),
    intrinsic: "__syscall_read_bytes",
    doc: "(fd, maxBytes) \u2192 u8[]"
  },
  syscall_read_at_end: {
    type: t([i64], i64),
    intrinsic: "__syscall_read_at_end",
    doc: "(fd) \u2192 1 when the next read gives the end of input (peeks, blocking for one byte), else 0"
  },
  syscall_read_line: {
    type: t([i64], i32),
    intrinsic: "__syscall_read_line",
    doc: '(fd) \u2192 the next line without its "\\n" and one trailing "\\r"; "" at the end of input'
  },
  // Files.
  fs_read_text: { type: t([i32], i32), intrinsic: "__fs_read_text", doc: '(path) \u2192 contents or ""' },
  fs_write_text: { type: t([i32, i32], i64), intrinsic: "__fs_write_text", doc: "(path, text) \u2192 0 ok" },
  fs_delete: { type: t([i32], i64), intrinsic: "__fs_delete", doc: "(path) \u2192 0 ok" },
  fs_mkdir: { type: t([i32], i64), intrinsic: "__fs_mkdir", doc: "(path) \u2192 0 ok" },
  fs_exists: { type: t([i32], i64), intrinsic: "__fs_exists", doc: "(path) \u2192 1 / 0" },
  // Environment and process.
  env_get: { type: t([i32], i32), intrinsic: "__env_get", doc: '(name) \u2192 value or ""' },
  env_set: { type: t([i32, i32], i64), intrinsic: "__env_set", doc: "(name, value) \u2192 0 ok" },
  env_getcwd: { type: t([], i32), intrinsic: "__env_getcwd", doc: "() \u2192 cwd" },
  process_getpid: { type: t([], i32), intrinsic: "__process_getpid", doc: "() \u2192 pid" },
  process_exit: {
    type: t([i32], null),
    noreturn: true,
    intrinsic: "__process_exit",
    doc: "(code) ends the program"
  },
  // Clocks and terminal.
  clock_realtime_nanos: { type: t([], i64), intrinsic: "__clock_realtime_nanos", doc: "ns since the epoch" },
  clock_monotonic_nanos: { type: t([], i64), intrinsic: "__clock_monotonic_nanos", doc: "monotonic ns" },
  tty_winsize: { type: t([i64], i64), intrinsic: "__tty_winsize", doc: "(fd) \u2192 columns*65536+rows or 0" },
  // Single-threaded fiber stand-ins (tier T).
  fiber_yield: { type: t([], null), intrinsic: "__fiber_yield", doc: "no-op" },
  fiber_now_millis: { type: t([], i64), intrinsic: "__fiber_now_millis", doc: "monotonic ms" },
  fiber_processor_count: { type: t([], i64), intrinsic: "__fiber_processor_count", doc: "1" }
};
function runtimeFunction(name) {
  return Object.prototype.hasOwnProperty.call(RUNTIME_FUNCTIONS, name) ? RUNTIME_FUNCTIONS[name] : void 0;
}

// src/artifact/types.ts
function prefixType(op) {
  return op.slice(0, 3);
}
var COMPARE = /\.(eqz|eq|ne|lt|gt|le|ge)(_[su])?$/;
function unaryResult(op) {
  if (op === "i64.eqz") return "i32";
  return prefixType(op);
}
function binaryResult(op) {
  return COMPARE.test(op) ? "i32" : prefixType(op);
}
function binaryOperand(op) {
  return prefixType(op);
}
function unaryOperand(op) {
  const m = /_(i32|i64|f32|f64)(_[su])?$/.exec(op);
  return m ? m[1] : prefixType(op);
}
function loadResult(op) {
  return prefixType(op);
}
function runtimeType(name) {
  return runtimeFunction(name)?.type;
}
function exprType(ctx, e) {
  switch (e.kind) {
    case "const":
      return e.type;
    case "local.get":
    case "local.tee":
      return ctx.localTypes[e.index] ?? null;
    case "global.get":
      return ctx.artifact.globals[e.index]?.type ?? null;
    case "unary":
      return unaryResult(e.op);
    case "binary":
      return binaryResult(e.op);
    case "load":
      return loadResult(e.op);
    case "call":
      return ctx.artifact.functions[e.func]?.type.result ?? null;
    case "call.indirect":
      return e.type.result;
    case "call.runtime":
      return runtimeType(e.name)?.result ?? null;
    case "call.extern":
      return ctx.artifact.externs[e.ext]?.type.result ?? null;
    case "select":
      return exprType(ctx, e.then);
    case "cond":
      return e.type;
    case "seq":
      return exprType(ctx, e.value);
    case "data.addr":
    case "elem.addr":
    case "memory.size":
    case "memory.grow":
      return "i32";
    default:
      return assertNever(e);
  }
}
function assertNever(x) {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}

// src/artifact/encode.ts
var MAGIC = [66, 83, 75, 65];
var TRAILER_BYTES = 32;
var EXPR_KINDS = [
  "const",
  "local.get",
  "local.tee",
  "global.get",
  "unary",
  "binary",
  "load",
  "call",
  "call.indirect",
  "call.runtime",
  "call.extern",
  "select",
  "cond",
  "seq",
  "data.addr",
  "elem.addr",
  "memory.size",
  "memory.grow"
];
var STMT_KINDS = [
  "expr",
  "local.set",
  "global.set",
  "store",
  "block",
  "loop",
  "if",
  "break",
  "continue",
  "return",
  "unreachable",
  "memory.copy",
  "memory.fill"
];
var exprTag = new Map(EXPR_KINDS.map((k, i) => [k, i]));
var stmtTag = new Map(STMT_KINDS.map((k, i) => [k, i]));
var unaryTag = new Map(UNARY_OPS.map((k, i) => [k, i]));
var binaryTag = new Map(BINARY_OPS.map((k, i) => [k, i]));
var loadTag = new Map(LOAD_OPS.map((k, i) => [k, i]));
var storeTag = new Map(STORE_OPS.map((k, i) => [k, i]));
function valTypeTag(t2) {
  const i = VAL_TYPES.indexOf(t2);
  if (i < 0) throw new Error(`not a value type: ${String(t2)}`);
  return i;
}
function encodeArtifact(a) {
  const w = new ByteWriter(64 * 1024);
  for (const b of MAGIC) w.u8(b);
  w.u32le(a.schemaVersion);
  const totalAt = w.length;
  w.u32le(0);
  const optLoc = (loc) => w.uleb(loc === void 0 ? 0 : loc + 1);
  const funcType = (t2) => {
    w.uleb(t2.params.length);
    for (const p of t2.params) w.u8(valTypeTag(p));
    w.u8(t2.result === null ? 255 : valTypeTag(t2.result));
  };
  const constant = (type, value) => {
    w.u8(valTypeTag(type));
    switch (type) {
      case "i32":
        w.sleb32(Number(value));
        return;
      case "i64":
        w.sleb64(BigInt(value));
        return;
      case "f32":
        w.f32(Number(value));
        return;
      case "f64":
        w.f64(Number(value));
        return;
      default:
        assertNever(type);
    }
  };
  const optStr = (s) => {
    if (s === null) w.u8(0);
    else {
      w.u8(1);
      w.str(s);
    }
  };
  const exprs = (es) => {
    w.uleb(es.length);
    for (const e of es) expr(e);
  };
  const stmts = (ss) => {
    w.uleb(ss.length);
    for (const s of ss) stmt(s);
  };
  let depth = 0;
  const deeper = () => {
    if (++depth > MAX_NESTING) {
      throw new RangeError(
        `artifact nesting deeper than ${MAX_NESTING} levels (lowering must spill into locals)`
      );
    }
  };
  function expr(e) {
    deeper();
    exprInner(e);
    depth--;
  }
  function exprInner(e) {
    w.u8(exprTag.get(e.kind));
    switch (e.kind) {
      case "const":
        constant(e.type, e.value);
        return;
      case "local.get":
      case "global.get":
        w.uleb(e.index);
        return;
      case "local.tee":
        w.uleb(e.index);
        expr(e.value);
        return;
      case "unary":
        w.u8(unaryTag.get(e.op));
        expr(e.value);
        return;
      case "binary":
        w.u8(binaryTag.get(e.op));
        optLoc(e.loc);
        expr(e.left);
        expr(e.right);
        return;
      case "load":
        w.u8(loadTag.get(e.op));
        w.uleb(e.offset);
        expr(e.addr);
        return;
      case "call":
        w.uleb(e.func);
        optLoc(e.loc);
        exprs(e.args);
        return;
      case "call.indirect":
        funcType(e.type);
        optLoc(e.loc);
        expr(e.target);
        exprs(e.args);
        return;
      case "call.runtime":
        w.str(e.name);
        optLoc(e.loc);
        exprs(e.args);
        return;
      case "call.extern":
        w.uleb(e.ext);
        optLoc(e.loc);
        exprs(e.args);
        return;
      case "select":
        expr(e.cond);
        expr(e.then);
        expr(e.else);
        return;
      case "cond":
        w.u8(valTypeTag(e.type));
        expr(e.cond);
        expr(e.then);
        expr(e.else);
        return;
      case "seq":
        stmts(e.body);
        expr(e.value);
        return;
      case "data.addr":
        w.uleb(e.segment);
        return;
      case "elem.addr":
        w.u8(e.elemSize);
        optLoc(e.loc);
        expr(e.base);
        expr(e.index);
        return;
      case "memory.size":
        return;
      case "memory.grow":
        expr(e.pages);
        return;
      default:
        assertNever(e);
    }
  }
  function stmt(s) {
    deeper();
    stmtInner(s);
    depth--;
  }
  function stmtInner(s) {
    w.u8(stmtTag.get(s.kind));
    optLoc(s.loc);
    switch (s.kind) {
      case "expr":
        expr(s.expr);
        return;
      case "local.set":
      case "global.set":
        w.uleb(s.index);
        expr(s.value);
        return;
      case "store":
        w.u8(storeTag.get(s.op));
        w.uleb(s.offset);
        expr(s.addr);
        expr(s.value);
        return;
      case "block":
      case "loop":
        w.uleb(s.label);
        stmts(s.body);
        return;
      case "if":
        expr(s.cond);
        stmts(s.then);
        stmts(s.else);
        return;
      case "break":
      case "continue":
        w.uleb(s.label);
        return;
      case "return":
        if (s.value === void 0) w.u8(0);
        else {
          w.u8(1);
          expr(s.value);
        }
        return;
      case "unreachable":
        return;
      case "memory.copy":
        expr(s.dst);
        expr(s.src);
        expr(s.len);
        return;
      case "memory.fill":
        expr(s.dst);
        expr(s.value);
        expr(s.len);
        return;
      default:
        assertNever(s);
    }
  }
  w.uleb(a.files.length);
  for (const f of a.files) w.str(f);
  w.uleb(a.locations.length);
  for (const l of a.locations) {
    w.uleb(l.file);
    w.uleb(l.line);
    w.uleb(l.column);
  }
  w.uleb(a.functions.length);
  for (const f of a.functions) {
    w.str(f.name);
    funcType(f.type);
    w.uleb(f.locals.length);
    for (const l of f.locals) w.u8(valTypeTag(l));
    optLoc(f.loc);
    stmts(f.body);
  }
  w.uleb(a.globals.length);
  for (const g of a.globals) {
    w.str(g.name);
    w.u8(g.mutable ? 1 : 0);
    constant(g.type, g.init);
  }
  w.uleb(a.externs.length);
  for (const x of a.externs) {
    w.str(x.contract);
    w.str(x.name);
    w.str(x.library);
    funcType(x.type);
  }
  w.uleb(a.table.length);
  for (const t2 of a.table) w.uleb(t2);
  w.uleb(a.data.length);
  for (const d of a.data) {
    w.str(d.name);
    w.uleb(d.bytes.length);
    w.bytes(d.bytes);
  }
  w.uleb(a.layouts.length);
  for (const l of a.layouts) {
    if (l.kind === "record") {
      w.u8(0);
      w.str(l.name);
      w.uleb(l.size);
      w.uleb(l.refs.length);
      for (const r of l.refs) w.uleb(r);
    } else {
      w.u8(1);
      w.str(l.name);
      w.u8(l.elemSize);
      w.u8(l.elemRef ? 1 : 0);
    }
  }
  w.uleb(a.tests.length);
  for (const t2 of a.tests) {
    w.str(t2.qualifiedName);
    w.str(t2.name);
    optStr(t2.group);
    w.uleb(t2.tags.length);
    for (const tag of t2.tags) w.str(tag);
    if (t2.skip === null) w.u8(0);
    else {
      w.u8(t2.skip.condition ? 2 : 1);
      optStr(t2.skip.reason);
    }
    w.str(t2.file);
    w.uleb(t2.line);
    w.uleb(t2.column);
    w.uleb(t2.func);
  }
  w.uleb(a.exports.length);
  for (const e of a.exports) {
    w.str(e.name);
    w.uleb(e.func);
  }
  if (a.entry === null) w.u8(0);
  else {
    w.u8(1);
    w.str(a.entry.name);
    w.uleb(a.entry.func);
  }
  w.uleb(a.entryPoints.length);
  for (const e of a.entryPoints) {
    w.str(e.name);
    w.uleb(e.func);
  }
  w.patchU32le(totalAt, w.length + TRAILER_BYTES);
  w.bytes(createHash2("sha256").update(w.peek()).digest());
  return w.finish();
}
function artifactId(bytes) {
  return createHash2("sha256").update(bytes).digest("hex");
}

// src/pipeline/api.ts
var KEY_HASH_LENGTH = 16;

// src/pipeline/cache.ts
function short(hex) {
  return hex.slice(0, KEY_HASH_LENGTH);
}
function cacheKeyBase(k) {
  const options = short(
    sha256Hex(
      Object.keys(k.options).sort().map((name) => `${name}=${String(k.options[name])}`).join("\n")
    )
  );
  return { toolchain: k.toolchain, schema: `s${k.schema}`, options };
}
function computeCacheKey(k) {
  const base = cacheKeyBase(k);
  const closureText = [
    ...k.units.map((u) => `unit ${u.module} ${u.hash}`),
    ...k.inputs.map((i) => `input ${i.path} ${i.hash}`)
  ].join("\n");
  const closure = short(sha256Hex(closureText));
  const components = { ...base, closure };
  return { key: `${base.toolchain}-${base.schema}-${base.options}-${closure}`, components };
}
var LOCAL_CACHE_KEEP = 4;
var LocalCache = class {
  constructor(dir) {
    this.dir = dir;
  }
  dir;
  pathOf(key) {
    return join3(this.dir, `${key}.bca`);
  }
  /**
   * An entry's body and stored digest (the last 64 bytes of the file are the hex digest of
   * the rest), or why it is unusable; undefined when there is no entry.
   */
  read(key) {
    const path = this.pathOf(key);
    if (!existsSync2(path)) return void 0;
    try {
      const file = readFileSync(path);
      const body = file.subarray(0, Math.max(0, file.length - 64));
      const digest = file.subarray(body.length).toString("latin1");
      if (file.length < 64 || sha256Hex(body) !== digest)
        return { problem: "its digest does not match its bytes" };
      return { body, digest };
    } catch (e) {
      return { problem: e.message };
    }
  }
  /** Stored bytes whose sha256 matches the stored digest; a damaged entry is removed. */
  get(key) {
    return this.getEntry(key)?.bytes;
  }
  /**
   * As `get`, with the bytes' sha256 (the artifact's identity, `artifactId`), already computed
   * to check them against the stored digest.
   */
  getEntry(key) {
    const entry = this.read(key);
    if (entry === void 0) return void 0;
    if ("problem" in entry) {
      this.remove(key);
      return void 0;
    }
    try {
      const now = /* @__PURE__ */ new Date();
      utimesSync(this.pathOf(key), now, now);
    } catch {
      this.remove(key);
      return void 0;
    }
    return { bytes: new Uint8Array(entry.body), sha256: entry.digest };
  }
  /**
   * Checks an entry without decoding it (the action's exact-hit path, which must not load
   * the compiler): the stored digest over the bytes, the `BSKA` magic, this toolchain's
   * schema version and the encoded total length. A bad entry is removed, so whoever lowers
   * next writes a good one. The digest is the artifact's identity (`artifactId`).
   */
  verify(key) {
    const entry = this.read(key);
    if (entry === void 0) return { problem: `no entry ${key}.bca in the cache folder` };
    const problem = "problem" in entry ? entry.problem : headerProblem(entry.body);
    if (problem !== void 0 || "problem" in entry) {
      this.remove(key);
      return { problem };
    }
    return { path: this.pathOf(key), sha256: entry.digest, bytes: entry.body.length };
  }
  /** Stores `bytes`; `sha256` is their digest when the caller has it already. */
  put(key, bytes, sha256 = sha256Hex(bytes)) {
    const path = this.pathOf(key);
    const digest = Buffer.from(sha256, "latin1");
    writeFileAtomic(path, Buffer.concat([Buffer.from(bytes), digest]));
    this.prune(key);
    return path;
  }
  remove(key) {
    rmSync2(this.pathOf(key), { force: true });
    rmSync2(this.warningsPathOf(key), { force: true });
  }
  warningsPathOf(key) {
    return join3(this.dir, `${key}.warnings.json`);
  }
  /**
   * The warnings the compile that produced an entry reported (`<key>.warnings.json`), so a hit
   * shows them again as a fresh compile would (the artifact itself carries no diagnostics).
   * Nothing is written when there were none. Stored as the front end reported them (unit
   * paths), so the caller renders them relative to its own working directory.
   */
  putWarnings(key, warnings) {
    const path = this.warningsPathOf(key);
    if (warnings.length === 0) rmSync2(path, { force: true });
    else writeFileAtomic(path, JSON.stringify(warnings));
  }
  /** The stored warnings of an entry; none when absent or unreadable (a damaged file is removed). */
  getWarnings(key) {
    const path = this.warningsPathOf(key);
    if (!existsSync2(path)) return [];
    try {
      const parsed = JSON.parse(readFileSync(path, "utf8"));
      if (Array.isArray(parsed) && parsed.every(isStoredDiagnostic)) return parsed;
    } catch {
    }
    rmSync2(path, { force: true });
    return [];
  }
  /** Keeps the newest LOCAL_CACHE_KEEP entries so an archived cache folder stays small. */
  prune(keep) {
    let entries;
    try {
      entries = readdirSync2(this.dir).filter((n) => n.endsWith(".bca") && n !== `${keep}.bca`).map((name) => ({ name, mtime: statSync2(join3(this.dir, name)).mtimeMs }));
    } catch {
      return;
    }
    entries.sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? -1 : 1));
    for (const e of entries.slice(LOCAL_CACHE_KEEP - 1)) this.remove(e.name.slice(0, -".bca".length));
  }
};
function isStoredDiagnostic(d) {
  if (typeof d !== "object" || d === null) return false;
  const o = d;
  return typeof o.code === "string" && o.severity === "warning" && typeof o.message === "string" && Array.isArray(o.notes);
}
function headerProblem(body) {
  if (body.length < 12) return "it is truncated";
  if (MAGIC.some((b, i) => body[i] !== b)) return "it is not a beskid-ci artifact";
  const schema = body.readUInt32LE(4);
  if (schema !== ARTIFACT_SCHEMA_VERSION)
    return `it has artifact schema ${schema}, this toolchain reads ${ARTIFACT_SCHEMA_VERSION}`;
  if (body.readUInt32LE(8) !== body.length) return "it is truncated";
  return void 0;
}

export {
  LineIndex,
  makeDiagnostic,
  hasErrors,
  sortDiagnostics,
  renderText,
  renderTextAll,
  toJson,
  makeDirs,
  makeDirsWith,
  writeFileAtomic,
  sha256Hex,
  processAlive,
  removeStaleStaging,
  reportFilePath,
  ARTIFACT_SCHEMA_VERSION,
  VAL_TYPES,
  UNARY_OPS,
  BINARY_OPS,
  LOAD_OPS,
  STORE_OPS,
  MAX_NESTING,
  DATA_BASE,
  PAGE_SIZE,
  MAX_PAGES,
  layoutData,
  bundledCorelibRoot,
  pathUnder,
  ByteWriter,
  ByteReaderError,
  ByteReader,
  ARRAY_LENGTH_OFFSET,
  ARRAY_DATA_OFFSET,
  CLOSURE_CODE_OFFSET,
  CLOSURE_ENV_OFFSET,
  CLOSURE_SIZE,
  LAYOUT,
  BUILTIN_LAYOUTS,
  PANIC_CODES,
  PANIC,
  RUNTIME_FUNCTIONS,
  runtimeFunction,
  unaryResult,
  binaryResult,
  binaryOperand,
  unaryOperand,
  loadResult,
  runtimeType,
  exprType,
  assertNever,
  MAGIC,
  TRAILER_BYTES,
  EXPR_KINDS,
  STMT_KINDS,
  encodeArtifact,
  artifactId,
  KEY_HASH_LENGTH,
  cacheKeyBase,
  computeCacheKey,
  LocalCache
};
