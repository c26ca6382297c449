/**
 * Deliberately broken variants of the example projects, checked through the real pipeline:
 * each mistake a user makes (typo, type error, missing arm, wrong argument count, private
 * access, missing return, missing `;`, unclosed block) gives exactly one error with the right
 * code, file, line and column and a message that names the problem. The projects are copied
 * to a temp folder and one file is edited there; `examples/` is never touched.
 */

import test from "ava";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { check } from "../../src/pipeline/index.ts";

const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));

interface Variant {
  readonly title: string;
  readonly example: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
  /** `CODE file:line:column` of each expected error (one per use of the broken thing). */
  readonly errors: readonly string[];
  readonly message: RegExp;
  readonly help?: RegExp;
}

const VARIANTS: readonly Variant[] = [
  {
    title: "a misspelt field name",
    example: "inventory",
    file: "Src/Domain/Stock.bd",
    from: "for i in range(0, items.Count())",
    to: "for i in range(0, itms.Count())",
    errors: ["E1101 Src/Domain/Stock.bd:43:27"],
    message: /`itms` is not declared here/,
    help: /did you mean `items`\?/,
  },
  {
    title: "a string where a field wants an integer",
    example: "inventory",
    file: "Src/Domain/Money.bd",
    from: "Money { cents: 0, }",
    to: 'Money { cents: "0", }',
    errors: ["E1206 Src/Domain/Money.bd:26:36"],
    message: /field `cents` of `Money` expects `i64`, found `string`/,
  },
  {
    title: "a missing match arm",
    example: "inventory",
    file: "Src/Domain/Stock.bd",
    from: '        StockError::InvalidQuantity(q) => "invalid quantity ${q}",\n',
    to: "",
    errors: ["E1304 Src/Domain/Stock.bd:80:12"],
    message: /`StockError::InvalidQuantity\(_\)` is not covered/,
  },
  {
    title: "a call with too few arguments",
    example: "inventory",
    file: "Src/Main.bd",
    from: 'Stock.Take(w, "B-2", 4)?',
    to: 'Stock.Take(w, "B-2")?',
    errors: ["E1204 Src/Main.bd:71:16"],
    message: /`Take` takes 3 arguments, found 2/,
  },
  {
    title: "a private function used from another module",
    example: "inventory",
    file: "Src/Domain/Money.bd",
    from: "pub Money Cents(i64 value)",
    to: "Money Cents(i64 value)",
    errors: [
      "E1107 Src/Main.bd:21:72",
      "E1107 Src/Main.bd:25:22",
      "E1107 Src/Main.bd:87:24",
      "E1107 Src/Main.bd:88:42",
    ],
    message: /`Cents` is private to module `Domain.Money`/,
    help: /mark it `pub`/,
  },
  {
    title: "a missing return",
    example: "inventory",
    file: "Src/Domain/Stock.bd",
    from: "    return Result::Ok(item.quantity);\n",
    to: "",
    errors: ["E1404 Src/Domain/Stock.bd:62:29"],
    message: /`Take` returns `Result<i64, StockError>` but can reach the end of its body/,
  },
  {
    title: "a missing `;` (older syntax)",
    example: "wordstat",
    file: "Src/Text/Stats.bd",
    from: "i64 mut words = 0;",
    to: "i64 mut words = 0",
    errors: ["E0101 Src/Text/Stats.bd:18:22"],
    message: /expected `;` at the end of the line/,
  },
  {
    title: "an unclosed `if` block",
    example: "wordstat",
    file: "Src/Text/Stats.bd",
    from: "            longest = tok.text;\n        }\n",
    to: "            longest = tok.text;\n",
    errors: ["E0101 Src/Text/Stats.bd:33:1"],
    message: /expected `}`, found the start of a function/,
    help: /the `\{` on line 27 is not closed: the `\}` on line 29 is indented like an outer block/,
  },
  {
    title: "a private impl method (older syntax)",
    example: "wordstat",
    file: "Src/Text/Tokenizer.bd",
    from: "    pub Token Next()",
    to: "    Token Next()",
    errors: ["E1107 Src/Text/Stats.bd:22:33"],
    message: /member `Next` is private to module `Text.Tokenizer`/,
  },
  {
    title: "a wrong argument type in a workspace member",
    example: "shop",
    file: "app/Src/Main.bd",
    from: 'Quote("gold", [1000])',
    to: "Quote(1000, [1000])",
    errors: ["E1205 app/Src/Main.bd:37:24"],
    message: /parameter `tierName` of `Quote` expects `string`, found `i32`/,
  },
  {
    title: "a missing `use` of a corelib module the program loads nowhere else",
    example: "inventory",
    file: "Src/Main.bd",
    from: "use Core.Output;\n",
    to: "",
    errors: [
      "E1101 Src/Main.bd:46:33",
      "E1101 Src/Main.bd:47:33",
      "E1101 Src/Main.bd:50:5",
      "E1101 Src/Main.bd:53:5",
      "E1101 Src/Main.bd:58:9",
      "E1101 Src/Main.bd:60:9",
      "E1101 Src/Main.bd:62:9",
    ],
    message: /`Output` is not declared here/,
    help: /import the module: `use Core\.Output;`/,
  },
  {
    title: "a missing `use` of a generic collection (no cascade at the generic call)",
    example: "inventory",
    file: "Src/Domain/Stock.bd",
    from: "use Collections.List;\n",
    to: "",
    errors: [
      "E1005 Src/Domain/Stock.bd:35:5",
      "E1101 Src/Domain/Stock.bd:53:31",
      "E1005 Src/Domain/Stock.bd:88:25",
    ],
    message: /no type `List` is visible here/,
    help: /import it: `use Collections\.List;`/,
  },
  {
    title: "`print` from another language",
    example: "inventory",
    file: "Src/Main.bd",
    from: 'Result::Ok(left) => Output.WriteLine("took',
    to: 'Result::Ok(left) => print("took',
    errors: ["E1606 Src/Main.bd:47:33"],
    message: /no function `print` is visible here/,
    help: /there is no print builtin: `use Core\.Output;` and call `Output\.WriteLine\(text\)`/,
  },
  {
    title: "`null` from another language",
    example: "ledger",
    file: "Src/Ledger/Account.bd",
    from: "        return Option::None;",
    to: "        return null;",
    errors: ["E1101 Src/Ledger/Account.bd:96:16"],
    message: /`null` is not declared here/,
    help: /there is no null: use `Option<T>`/,
  },
  {
    title: "an own `Result` shadowed by the prelude's one for want of a `use` (older syntax)",
    example: "rpn",
    file: "Src/Calc/Machine.bd",
    from: "use Calc.Errors.Result;\n",
    to: "",
    errors: [
      "E1203 Src/Calc/Machine.bd:14:9",
      "E1203 Src/Calc/Machine.bd:23:9",
      "E1203 Src/Calc/Machine.bd:31:9",
    ],
    message: /`Result` needs 2 type arguments/,
    help: /the prelude's generic one; for the `Result` declared in `Calc\.Errors`, add `use Calc\.Errors\.Result;`/,
  },
];

for (const v of VARIANTS) {
  test(`${v.example}: ${v.title}`, (t) => {
    const dir = mkdtempSync(join(tmpdir(), `beskid-broken-${v.example}-`));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(EXAMPLES, v.example), dir, {
      recursive: true,
      filter: (src) => !/[\\/](obj|Project\.lock)$/.test(src),
    });
    const path = join(dir, v.file);
    const text = readFileSync(path, "utf8");
    t.true(text.includes(v.from), "the edit applies");
    writeFileSync(path, text.replace(v.from, v.to));

    const r = check({ cwd: dir, project: dir, command: "check" });
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    t.deepEqual(
      errors.map((d) => `${d.code} ${d.file}:${d.start?.line}:${d.start?.column}`),
      v.errors,
      errors.map((d) => d.message).join("\n"),
    );
    t.false(r.ok);
    t.regex(errors[0]?.message ?? "", v.message);
    if (v.help) t.regex(errors[0]?.help ?? "", v.help);
  });
}
