/**
 * The ~10k-line Beskid project of bench/jit-startup.ts `--pipeline`: 100 generated modules of
 * bench/frontend.ts (records, enums, generics, closures, loops, tests) under `Src/Gen/`, and a
 * `Main.bd` whose first statement writes a line, then calls two functions of every module.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { frontendModule } from "./frontend.ts";

export function writeStartupProject(dir: string, modules = 100): void {
  mkdirSync(join(dir, "Src", "Gen"), { recursive: true });
  writeFileSync(
    join(dir, "Project.proj"),
    'project {\n    name = "Startup"\n    version = "0.1.0"\n    root = "Src"\n}\n\n' +
      'target "Startup" {\n    kind = App\n    entry = "Main.bd"\n}\n',
  );
  const uses: string[] = [];
  const calls: string[] = [];
  for (let i = 0; i < modules; i++) {
    writeFileSync(join(dir, "Src", "Gen", `M${i}.bd`), frontendModule(i));
    uses.push(`use Gen.M${i};`);
    calls.push(`    total += M${i}.Loops${i}(20) + M${i}.Area${i}(M${i}.Shape${i}::Nothing);`);
  }
  writeFileSync(
    join(dir, "Src", "Main.bd"),
    [
      "use Core.Output;",
      ...uses,
      "",
      "i32 Main() {",
      '    Output.WriteLine("main");',
      "    mut i64 total = 0;",
    ]
      .concat(calls, ['    Output.WriteLine("total ${total}");', "    return 0;", "}", ""])
      .join("\n"),
  );
}
