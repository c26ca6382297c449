/**
 * The one table of diagnostic codes. Every code the toolchain can emit is listed here with
 * its fixed severity, the pipeline stage that owns it and a one-line title; docs/diagnostics.md
 * is generated from this table (`npm run docs`) and a test checks both stay in step.
 *
 * Codes keep the Beskid bands (E00xx/E01xx syntax, E1xxx semantics, E30xx projects, E40xx
 * backends) so users can search them; E90xx is ours, for toolchain I/O that the reference
 * compiler has no code for. A code never changes meaning once released.
 *
 * Call sites never word messages themselves: they pass a `detail` (and optional notes) to
 * `makeDiagnostic`, which prefixes the title. This table does not render anything.
 */

export type Severity = "error" | "warning";
export type Stage = "syntax" | "semantics" | "project" | "backend" | "tool";

export interface CodeInfo {
  readonly severity: Severity;
  readonly stage: Stage;
  /** Short, starts every message of the code. */
  readonly title: string;
  /** The full meaning for docs/diagnostics.md, when longer than the title. */
  readonly meaning?: string;
}

export const CODES = {
  E0001: {
    severity: "error",
    stage: "syntax",
    title: "unexpected character",
    meaning: "unexpected character (including non-ASCII outside strings, chars and comments)",
  },
  E0002: { severity: "error", stage: "syntax", title: "unterminated string literal" },
  E0003: { severity: "error", stage: "syntax", title: "unterminated block comment" },
  E0004: {
    severity: "error",
    stage: "syntax",
    title: "invalid escape sequence",
    meaning: "invalid escape sequence (unknown escape, bad \\u{…})",
  },
  E0005: {
    severity: "error",
    stage: "syntax",
    title: "malformed number literal",
    meaning:
      "malformed number literal (misplaced _, unknown suffix, 0x without digits, float suffix on an integer, exponent without fraction, value above 64 bits)",
  },
  E0006: {
    severity: "error",
    stage: "syntax",
    title: "malformed character literal",
    meaning: "malformed character literal (empty, several characters, unterminated)",
  },
  E0007: { severity: "error", stage: "syntax", title: "source file is not valid UTF-8" },
  E0008: { severity: "error", stage: "syntax", title: "empty or unterminated ${…} interpolation" },
  E0101: {
    severity: "error",
    stage: "syntax",
    title: "syntax error",
    meaning: "expected one thing, found another (the generic syntax error, with the expected set)",
  },
  E0102: { severity: "error", stage: "syntax", title: "a token that cannot start an item at item level" },
  E0103: {
    severity: "error",
    stage: "syntax",
    title: "syntax from another language or another Beskid era that does not exist here",
    meaning:
      "syntax from another language or another Beskid era that does not exist here (casts, tuples, let x: T, grouped/glob use, *=, ^, ~, ->, ternary, labels, generic members), with a hint",
  },
  E0104: {
    severity: "error",
    stage: "syntax",
    title: "nesting too deep: the parser's depth limit was reached",
    meaning: "nesting too deep: the parser's depth limit was reached (ours)",
  },
  W0110: {
    severity: "warning",
    stage: "syntax",
    title: "documentation comment that nothing can attach to",
    meaning: "documentation comment that nothing can attach to (ignored)",
  },
  E1001: {
    severity: "error",
    stage: "semantics",
    title: "duplicate type, enum or contract name in a module",
  },
  E1002: { severity: "error", stage: "semantics", title: "duplicate enum variant" },
  E1003: { severity: "error", stage: "semantics", title: "duplicate method in a contract" },
  E1004: {
    severity: "error",
    stage: "semantics",
    title: "embedded contracts bring two methods with one name and different signatures",
  },
  E1005: {
    severity: "error",
    stage: "semantics",
    title: "unknown type in a definition",
    meaning: "unknown type in a definition (field, variant payload, signature)",
  },
  E1006: {
    severity: "error",
    stage: "semantics",
    title: "duplicate item name in a module",
    meaning: "duplicate item name in a module (functions, tests, consts, aliases, child modules)",
  },
  E1007: {
    severity: "error",
    stage: "semantics",
    title: "duplicate field, or member named like a field, in a type",
    meaning: "duplicate field, or member named like a field, in a type; duplicate payload field name (ours)",
  },
  E1008: {
    severity: "error",
    stage: "semantics",
    title: "a primitive type name declared as a type, enum, contract, attribute or type parameter",
    meaning: "a primitive type name declared as a type, enum, contract, attribute or type parameter (ours)",
  },
  E1101: { severity: "error", stage: "semantics", title: "unknown name" },
  E1102: {
    severity: "error",
    stage: "semantics",
    title: "duplicate local in one block",
    meaning: "duplicate local in one block; duplicate member or method name on one type",
  },
  W1103: {
    severity: "warning",
    stage: "semantics",
    title: "a local shadows an outer local, parameter, field or item",
  },
  E1104: {
    severity: "error",
    stage: "semantics",
    title: "ambiguous import: two use bind one name to different targets",
  },
  E1105: { severity: "error", stage: "semantics", title: "unknown import path" },
  E1106: { severity: "error", stage: "semantics", title: "local used before its declaration" },
  E1107: {
    severity: "error",
    stage: "semantics",
    title: "private item or member reached from outside its module",
  },
  E1108: {
    severity: "error",
    stage: "semantics",
    title: "unknown module path",
    meaning: "unknown module path (or no such item in it)",
  },
  E1109: {
    severity: "error",
    stage: "semantics",
    title: "local read before it is definitely assigned",
    meaning: "local read before it is definitely assigned (ours)",
  },
  E1151: {
    severity: "error",
    stage: "semantics",
    title: "invalid test meta/skip entry",
    meaning:
      "invalid test meta/skip entry (unknown or repeated key, non-literal or wrong-kind value); also internal span errors",
  },
  E1152: { severity: "error", stage: "semantics", title: "unresolved value path" },
  E1153: { severity: "error", stage: "semantics", title: "unresolved type path" },
  E1154: { severity: "error", stage: "semantics", title: "match with no arms" },
  E1201: { severity: "error", stage: "semantics", title: "unknown type" },
  E1202: {
    severity: "error",
    stage: "semantics",
    title: "lambda parameter type cannot be inferred",
    meaning: "lambda parameter type cannot be inferred; unsupported expression",
  },
  E1203: {
    severity: "error",
    stage: "semantics",
    title: "missing type arguments: cannot infer a generic type, call, enum value or literal",
  },
  W1203: { severity: "warning", stage: "semantics", title: "implicit narrowing or int↔float conversion" },
  E1204: {
    severity: "error",
    stage: "semantics",
    title: "wrong number of type arguments or call arguments",
    meaning: "wrong number of type arguments or call arguments (incl. a lambda against its expected type)",
  },
  W1204: {
    severity: "warning",
    stage: "semantics",
    title: "unknown name in a member signature taken as an implicit type parameter",
    meaning: "unknown name in a member signature taken as an implicit type parameter (ours, D23)",
  },
  E1205: { severity: "error", stage: "semantics", title: "argument type mismatch" },
  E1206: {
    severity: "error",
    stage: "semantics",
    title: "type mismatch",
    meaning:
      "type mismatch (initializer, assignment, field, element; also calling a non-function field, a bound method or intrinsic used as a value)",
  },
  E1207: {
    severity: "error",
    stage: "semantics",
    title: "return type mismatch",
    meaning: "return type mismatch; return; in a non-unit function; reaching the end of a never function",
  },
  E1208: { severity: "error", stage: "semantics", title: "condition is not bool" },
  E1209: {
    severity: "error",
    stage: "semantics",
    title: "invalid operand types for a binary operator",
    meaning: "invalid operand types for a binary operator (incl. === on primitives, ordering on non-numbers)",
  },
  E1210: {
    severity: "error",
    stage: "semantics",
    title: "invalid operand type for a unary operator",
    meaning: "invalid operand type for a unary operator (incl. - on an unsigned value)",
  },
  E1211: {
    severity: "error",
    stage: "semantics",
    title: "unknown field, or a field given twice in a struct literal",
  },
  E1212: { severity: "error", stage: "semantics", title: "missing field in a struct literal" },
  E1213: { severity: "error", stage: "semantics", title: "field access on a value that is not a record" },
  E1214: {
    severity: "error",
    stage: "semantics",
    title: "reserved: assignment to an immutable binding as an error",
    meaning: "reserved: assignment to an immutable binding as an error (beskid-ci reports W1214)",
  },
  W1214: {
    severity: "warning",
    stage: "semantics",
    title: "reassignment of a binding not declared mut",
    meaning: "reassignment of a binding not declared mut (ours, D2)",
  },
  E1215: {
    severity: "error",
    stage: "semantics",
    title: "for over a value that has no Next method",
    meaning: "for over a value that has no Next method (and is not a range or an array)",
  },
  E1216: { severity: "error", stage: "semantics", title: "Next takes parameters" },
  E1217: { severity: "error", stage: "semantics", title: "Next does not return an Option-shaped enum" },
  E1218: {
    severity: "error",
    stage: "semantics",
    title: "the Some variant does not carry exactly one field",
  },
  E1219: { severity: "error", stage: "semantics", title: "event invoked outside its owner type and module" },
  E1220: { severity: "error", stage: "semantics", title: "event capacity is not a positive integer" },
  E1221: {
    severity: "error",
    stage: "semantics",
    title: "+=/-= with a function value on something that is not an event",
  },
  E1222: {
    severity: "error",
    stage: "semantics",
    title: "? applied to a value that is not Result- or Option-shaped",
  },
  E1223: {
    severity: "error",
    stage: "semantics",
    title: "constant out of range for its type, or invalid constant arithmetic",
    meaning: "constant out of range for its type, or invalid constant arithmetic (division by zero) (ours)",
  },
  E1224: {
    severity: "error",
    stage: "semantics",
    title: "mixed numeric operands with no common type",
    meaning: "mixed numeric operands with no common type (i64 with u64) (ours)",
  },
  E1225: {
    severity: "error",
    stage: "semantics",
    title: "value cannot be converted to text in interpolation or + with a string",
    meaning: "value cannot be converted to text in interpolation or + with a string (ours)",
  },
  E1226: {
    severity: "error",
    stage: "semantics",
    title: "invalid assignment target",
    meaning: "invalid assignment target (ours)",
  },
  E1227: {
    severity: "error",
    stage: "semantics",
    title: "strings are immutable: s[i] = v",
    meaning: "strings are immutable: s[i] = v (ours)",
  },
  E1228: {
    severity: "error",
    stage: "semantics",
    title: "cannot infer an array literal's element type, or its elements have no common type",
    meaning: "cannot infer an array literal's element type, or its elements have no common type (ours)",
  },
  E1229: {
    severity: "error",
    stage: "semantics",
    title: "ref, out and bulk parameters and ref T types are not supported",
    meaning: "ref, out and bulk parameters and ref T types are not supported (ours)",
  },
  E1230: {
    severity: "error",
    stage: "semantics",
    title: "construct parsed but not supported by beskid-ci",
    meaning:
      "construct parsed but not supported by beskid-ci (hosts, inject, with, launch, scoped use, spawn, try/catch, macro calls, code fences, clif, associated types, This methods through a contract value) (ours)",
  },
  E1231: {
    severity: "error",
    stage: "semantics",
    title: "indexing a value that is not an array or string, or with a non-integer index",
    meaning: "indexing a value that is not an array or string, or with a non-integer index (ours)",
  },
  E1232: {
    severity: "error",
    stage: "semantics",
    title: "an event field used as a value",
    meaning: "an event field used as a value (ours)",
  },
  E1233: {
    severity: "error",
    stage: "semantics",
    title: "This outside a type body, impl, extend or contract",
    meaning: "This outside a type body, impl, extend or contract (ours)",
  },
  E1235: {
    severity: "error",
    stage: "semantics",
    title: "operation not available on a value of type-parameter type",
    meaning: "operation not available on a value of type-parameter type (ours)",
  },
  E1236: {
    severity: "error",
    stage: "semantics",
    title: "generic instantiation never ends",
    meaning:
      "a generic function reaches itself again with a type argument that grows each time (polymorphic recursion), so monomorphisation would never finish (ours)",
  },
  E1301: { severity: "error", stage: "semantics", title: "unknown enum or variant" },
  E1302: {
    severity: "error",
    stage: "semantics",
    title: "wrong number of constructor arguments, or E::V without",
    meaning: "wrong number of constructor arguments, or E::V without () for a variant with payload",
  },
  E1303: {
    severity: "error",
    stage: "semantics",
    title: "unqualified variant constructor",
    meaning: "unqualified variant constructor (write E::V(…))",
  },
  E1304: {
    severity: "error",
    stage: "semantics",
    title: "non-exhaustive match",
    meaning: "non-exhaustive match (the message shows a missing case)",
  },
  E1305: { severity: "error", stage: "semantics", title: "match arms have incompatible types" },
  E1306: { severity: "error", stage: "semantics", title: "one name bound twice in a pattern" },
  E1307: { severity: "error", stage: "semantics", title: "wrong number of sub-patterns" },
  E1308: { severity: "error", stage: "semantics", title: "guard is not bool" },
  E1309: {
    severity: "error",
    stage: "semantics",
    title: "pattern cannot match the scrutinee's type",
    meaning: "pattern cannot match the scrutinee's type (ours)",
  },
  W1310: {
    severity: "warning",
    stage: "semantics",
    title: "unreachable match arm",
    meaning: "unreachable match arm (ours)",
  },
  W1311: {
    severity: "warning",
    stage: "semantics",
    title: "binding pattern named like a variant of the scrutinee's enum",
    meaning: "binding pattern named like a variant of the scrutinee's enum (ours)",
  },
  E1401: { severity: "error", stage: "semantics", title: "break outside a loop" },
  E1402: { severity: "error", stage: "semantics", title: "continue outside a loop" },
  W1403: { severity: "warning", stage: "semantics", title: "unreachable code" },
  E1404: {
    severity: "error",
    stage: "semantics",
    title: "a non-unit function can end without return",
    meaning: "a non-unit function can end without return (ours)",
  },
  E1405: {
    severity: "error",
    stage: "semantics",
    title: "entry point has parameters or a return type other than an integer type or unit",
    meaning: "entry point has parameters or a return type other than an integer type or unit (ours)",
  },
  E1406: {
    severity: "error",
    stage: "semantics",
    title: "both main and Main in the entry module",
    meaning: "both main and Main in the entry module (ours)",
  },
  E1501: { severity: "error", stage: "semantics", title: "use of a private item" },
  E1502: { severity: "error", stage: "semantics", title: "module file not found for mod P;" },
  W1503: { severity: "warning", stage: "semantics", title: "unused import" },
  W1504: {
    severity: "warning",
    stage: "semantics",
    title: "unused private item",
    meaning: "unused private item (optional)",
  },
  E1505: {
    severity: "error",
    stage: "semantics",
    title: "file-scoped mod declaration is not the first item",
  },
  E1506: {
    severity: "error",
    stage: "semantics",
    title: "further mod P",
    meaning: "further mod P; in a file that has a file-scoped declaration",
  },
  E1507: {
    severity: "error",
    stage: "semantics",
    title: "inline module in a file that has a file-scoped declaration",
  },
  E1510: { severity: "error", stage: "semantics", title: "Extern on something other than a contract" },
  E1511: {
    severity: "error",
    stage: "semantics",
    title: 'Extern ABI other than "C"',
    meaning: 'Extern ABI other than "C" (ours)',
  },
  E1512: {
    severity: "error",
    stage: "semantics",
    title: "Extern without a non-empty Library",
    meaning: "Extern without a non-empty Library (ours)",
  },
  E1513: {
    severity: "error",
    stage: "semantics",
    title: "type not allowed in an extern signature",
    meaning: "type not allowed in an extern signature (ours)",
  },
  E1601: {
    severity: "error",
    stage: "semantics",
    title: "a declared contract method has no implementation",
    meaning: "a declared contract method has no implementation (member or module function)",
  },
  E1602: {
    severity: "error",
    stage: "semantics",
    title: "an implementation's signature differs from the contract's",
  },
  E1603: {
    severity: "error",
    stage: "semantics",
    title: "a type argument does not satisfy a where bound",
    meaning: "a type argument does not satisfy a where bound (ours)",
  },
  E1605: {
    severity: "error",
    stage: "semantics",
    title: "call of a function declared without a body that nothing provides",
    meaning: "call of a function declared without a body that nothing provides (ours)",
  },
  E1606: {
    severity: "error",
    stage: "semantics",
    title: "unknown call target: no function, method, field or sugar candidate",
    meaning:
      "unknown call target: no function, method, field or sugar candidate (with a note on a near miss)",
  },
  E1607: { severity: "error", stage: "semantics", title: "conformance to something that is not a contract" },
  W1608: {
    severity: "warning",
    stage: "semantics",
    title: "call of an intrinsic this toolchain does not support",
    meaning: "call of an intrinsic this toolchain does not support; the call panics if reached (ours)",
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
    meaning:
      "? in a function (or lambda) whose return type is not a Result- or Option-shaped enum of the operand's declaration (entry point and tests excepted, D31)",
  },
  E1702: {
    severity: "error",
    stage: "semantics",
    title: "the operand's error type cannot convert to the function's error type",
  },
  E1703: {
    severity: "error",
    stage: "semantics",
    title: "? on an Option in a function returning a Result, or the other way round",
  },
  E1806: { severity: "error", stage: "semantics", title: "duplicate target in an attribute declaration" },
  E1807: { severity: "error", stage: "semantics", title: "unknown attribute target" },
  E1808: {
    severity: "error",
    stage: "semantics",
    title: "argument given twice in an attribute application",
    meaning: "argument given twice in an attribute application (ours)",
  },
  E1809: {
    severity: "error",
    stage: "semantics",
    title: "attribute applied to a target its declaration does not allow",
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
    title: "dependency source not supported by this toolchain yet",
  },
  W3012: {
    severity: "warning",
    stage: "project",
    title: "unknown key in a manifest block",
    meaning: "unknown key in a manifest block (ignored) (ours)",
  },
  W3013: {
    severity: "warning",
    stage: "project",
    title: "several project manifests in one folder",
    meaning: "several project manifests in one folder; the first by name is used (ours)",
  },
  E3014: {
    severity: "error",
    stage: "project",
    title: "workspace member not found",
    meaning: "workspace member not found (ours)",
  },
  E3021: {
    severity: "error",
    stage: "project",
    title: "Project.lock syntax error",
    meaning: "Project.lock syntax error (ours)",
  },
  E3022: { severity: "error", stage: "project", title: "Project.lock is stale" },
  E3023: {
    severity: "error",
    stage: "project",
    title: "Project.lock is missing or may not be written",
    meaning: "Project.lock is missing or may not be written (--locked/--frozen)",
  },
  E3024: {
    severity: "error",
    stage: "project",
    title: "dependency sources could not be materialized",
    meaning: "dependency sources could not be materialized (ours)",
  },
  E3025: {
    severity: "error",
    stage: "project",
    title: "corelib folder not found",
    meaning: "corelib folder not found (BESKID_CORELIB_ROOT / corelib-path) (ours)",
  },
  E3026: {
    severity: "error",
    stage: "project",
    title: "workspace scan stopped at max_units",
    meaning: "workspace scan stopped at max_units; later files were not indexed (ours)",
  },
  E3027: {
    severity: "error",
    stage: "project",
    title: "entry file of the target not found",
    meaning: "entry file of the target not found (ours)",
  },
  W3028: {
    severity: "warning",
    stage: "project",
    title: "the Test target's tests do not run",
    meaning:
      "`test` without `--target` chose another target, so the project's `Test` target's tests do not run (ours)",
  },
  W3029: {
    severity: "warning",
    stage: "project",
    title: "standard library dependency satisfied by the toolchain's corelib",
    meaning:
      "a `git` or `registry` dependency aliased `Std` or `corelib` is satisfied by the corelib this toolchain compiles against; its version is not checked (ours)",
  },
  E4020: { severity: "error", stage: "backend", title: "no C compiler found" },
  E4021: { severity: "error", stage: "backend", title: "C compile or link failed" },
  E4022: { severity: "error", stage: "backend", title: "output kind not supported on this platform" },
  E4023: {
    severity: "error",
    stage: "backend",
    title: "no archiver found",
    meaning: "the archiver for a `static` output (`AR`, default `ar`) cannot be run (ours)",
  },
  E4030: { severity: "error", stage: "backend", title: "entry point not found" },
  E4031: {
    severity: "error",
    stage: "backend",
    title: "exported symbol not found",
    meaning: "`--export` names no `pub` function of the entry module (lists the available exports) (ours)",
  },
  E4040: {
    severity: "error",
    stage: "backend",
    title: "extern function reachable from the entry point or test is not available under the JIT",
    meaning:
      "extern function reachable from the entry point or test is not available under the JIT (names contract, function and library) (ours)",
  },
  E9001: {
    severity: "error",
    stage: "tool",
    title: "input path not found or unreadable",
    meaning: "input path not found or unreadable (ours)",
  },
  E9002: {
    severity: "error",
    stage: "tool",
    title: "output could not be written",
    meaning: "output could not be written (ours)",
  },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof CODES;

export function codeInfo(code: DiagnosticCode): CodeInfo {
  return CODES[code];
}
