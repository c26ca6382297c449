/**
 * End-to-end checks of lowering decisions the program suite does not pin down on its own:
 * contract upcasts and bound conversions, generics instantiated with `unit` and with
 * contract types, `?` with error conversion, narrow element types, event snapshots,
 * captured parameters and `this`, extern calls the JIT maps. Each program goes through the
 * real front end and runs under the JIT.
 */

import test from "ava";
import { check } from "./helpers.ts";

test("contract values: upcast to an embedded contract, bound value to its contract", async (t) => {
  await check(
    t,
    `use Core.Output;
contract Named { string Name(); }
contract Loud { Named; string Shout(); }
type Cat : Loud {
    string n,
    pub string Name() => n;
    pub string Shout() => "MEOW from " + n;
}
string UseNamed(Named x) { return x.Name(); }
string Boxed<T>(T v) where T: Named { Named n = v; return "[" + n.Name() + "]"; }
i32 Main() {
    Loud l = Cat { n: "tom" };
    Named n = l;
    Output.WriteLine(l.Shout() + " " + n.Name() + " " + UseNamed(l));
    Output.WriteLine(Boxed(Cat { n: "kit" }));
    Named m = l;
    Output.WriteLine("\${n == m} \${n === m}");
    return 0;
}
`,
    "MEOW from tom tom tom\n[kit]\ntrue true\n",
  );
});

test("generics instantiated with unit and with a contract type", async (t) => {
  await check(
    t,
    `use Core.Output;
contract Shape { i64 Area(); }
type Sq : Shape { i64 s, pub i64 Area() => s * s; }
T Keep<T>(T v) { return v; }
unit Nothing() { Output.WriteLine("called"); }
i64 Sum<T>(T[] xs) where T: Shape {
    mut i64 t = 0;
    for x in xs { t = t + x.Area(); }
    return t;
}
i32 Main() {
    unit u = Keep(Nothing());
    Shape[] shapes = [Sq { s: 2 }, Sq { s: 3 }];
    Output.WriteLine("\${Sum(shapes)} \${Sum([Sq { s: 1 }])}");
    return 0;
}
`,
    "called\n13 1\n",
  );
});

test("? converts the error payload to the function's error type", async (t) => {
  await check(
    t,
    `use Core.Output;
Result<i32, i32> Small(bool fail) {
    if fail { return Result::Error(7); }
    return Result::Ok(1);
}
Result<i32, i64> Wide(bool fail) {
    i32 v = Small(fail)?;
    return Result::Ok(v + 1);
}
i32 Main() {
    string a = match Wide(false) { Result::Ok(v) => "ok \${v}", Result::Error(e) => "err \${e}" };
    string b = match Wide(true) { Result::Ok(v) => "ok \${v}", Result::Error(e) => "err \${e}" };
    Output.WriteLine(a + " " + b);
    return 0;
}
`,
    "ok 2 err 7\n",
  );
});

test("narrow element types keep their width and sign", async (t) => {
  await check(
    t,
    `use Core.Output;
i32 Main() {
    i8[] a = [-1, 127, -128];
    a[1] = a[1] + 1;
    u16[] b = [65535, 1];
    b[1] = b[0] + 2;
    i16[] c = [-300];
    f32[] d = [0.5, 1.25];
    bool[] e = [true, false];
    Output.WriteLine("\${a[0]} \${a[1]} \${a[2]} \${b[0]} \${b[1]} \${c[0]} \${d[0] + d[1]} \${e[0]} \${e[1]}");
    i8[] same = [-1, -128, -128];
    Output.WriteLine("\${a == same}");
    return 0;
}
`,
    "-1 -128 -128 65535 1 -300 1.75 true false\ntrue\n",
  );
});

test("events: handlers see the list as it was when the invocation started", async (t) => {
  await check(
    t,
    `use Core.Output;
type Bus { event Fire(i32 n), }
i32 Main() {
    Bus b = Bus {};
    mut i32 calls = 0;
    unit(i32) second = n => { calls = calls + 100; };
    unit(i32) first = n => {
        calls = calls + 1;
        b.Fire -= second;
        b.Fire += second;
    };
    b.Fire += first;
    b.Fire += second;
    b.Fire(1);
    Output.WriteLine("\${calls}");
    b.Fire -= first;
    b.Fire -= first;
    b.Fire(2);
    Output.WriteLine("\${calls}");
    return 0;
}
`,
    "101\n201\n",
  );
});

test("captured parameters, this and loop variables live in shared cells", async (t) => {
  await check(
    t,
    `use Core.Output;
type Acc {
    i64 total,
    pub i64() Adder(i64 step) {
        return () => {
            step = step + 1;
            total = total + step;
            return total;
        };
    }
}
i32 Main() {
    Acc a = Acc { total: 0 };
    i64() f = a.Adder(10);
    f();
    f();
    Output.WriteLine("\${a.total} \${f()}");
    return 0;
}
`,
    "23 36\n",
  );
});

test("extern calls reach the host functions the JIT maps", async (t) => {
  await check(
    t,
    `use Core.Output;
[Extern(Abi: "C", Library: "libc.so.6")]
contract Libc {
    i32 getpid();
}
i32 Main() {
    i32 pid = Libc.getpid();
    Output.WriteLine("\${pid > 0}");
    return 0;
}
`,
    "true\n",
  );
});

test("a never-returning call in value position and a panic inside a nested call", async (t) => {
  await check(
    t,
    `use Core.Output;
i32 Fail(string why) { __panic_str(why); }
i32 Pick(i32 x) {
    i32 y = match x {
        0 => 10,
        _ => Fail("bad \${x}"),
    };
    return y;
}
i32 Main() {
    Output.WriteLine("\${Pick(0)}");
    Output.WriteLine("\${Pick(3)}");
    return 0;
}
`,
    { stdout: "10\n", exit: 101, stderr: "panic at Main.bd:2:24: bad 3\n" },
  );
});

test("lambdas inside generic functions are instantiated with them; type-parameter values convert to text", async (t) => {
  await check(
    t,
    `use Core.Output;
string Show<T>(T[] xs) {
    mut string out = "";
    unit(T) add = x => { out = out + "<\${x}>"; };
    for x in xs { add(x); }
    return out;
}
i32 Main() {
    Output.WriteLine(Show([1, 2]) + Show(["a"]) + Show([true]) + Show([1.5]) + Show(['c']));
    u64 big = 18446744073709551615;
    Output.WriteLine(Show([big]));
    return 0;
}
`,
    "<1><2><a><true><1.5><c>\n<18446744073709551615>\n",
  );
});

test("sugar Next() iterators, unit locals, f64 to f32, exit code keeps the low 8 bits", async (t) => {
  await check(
    t,
    `use Core.Output;
type Steps { i32[] at, i32 end, }
Option<i32> Next(Steps s) {
    if s.at[0] >= s.end { return Option::None; }
    s.at[0] = s.at[0] + 1;
    return Option::Some(s.at[0]);
}
i32 Main() {
    mut i32 sum = 0;
    for v in Steps { at: [0], end: 4 } { sum = sum + v; }
    unit nothing = ();
    f64 wide = 0.1;
    f32 narrow = wide;
    Output.WriteLine("\${sum} \${narrow}");
    return 300;
}
`,
    { stdout: "10 0.1\n", exit: 44 },
  );
});

test("older array handles: __array_new used as an i64", async (t) => {
  await check(
    t,
    `use Core.Output;
i32 Main() {
    i64 handle = __array_new(8, 3);
    Output.WriteLine("\${handle != 0}");
    return 0;
}
`,
    "true\n",
  );
});

test("a capturing lambda stored in a record field escapes its frame", async (t) => {
  await check(
    t,
    `use Core.Output;
type Handler { unit(string) on, }
Handler Make(string prefix) {
    mut i32 n = 0;
    return Handler { on: s => { n = n + 1; Output.WriteLine("\${prefix}\${n}: \${s}"); } };
}
i32 Main() {
    Handler h = Make("#");
    h.on("a");
    h.on("b");
    Handler g = Make("@");
    g.on("c");
    return 0;
}
`,
    "#1: a\n#2: b\n@1: c\n",
  );
});

test("generic code instantiated with unit compares unit values as equal", async (t) => {
  await check(
    t,
    `use Core.Output;
bool Same<T>(T a, T b) { return a == b; }
unit Tick() { Output.WriteLine("tick"); }
i32 Main() {
    Output.WriteLine("\${Same(Tick(), Tick())} \${Same(1, 2)}");
    Option<unit> o = Option::Some(());
    bool some = match o { Option::Some(u) => true, Option::None => false };
    Output.WriteLine("\${some}");
    return 0;
}
`,
    "tick\ntick\ntrue false\ntrue\n",
  );
});

test("events of generic records invoked from a module function use the instance's types", async (t) => {
  await check(
    t,
    `use Core.Output;
type Cell<T> {
    T value,
    event Changed(T old, T now),
}
unit Set(Cell<i64> c, i64 v) {
    i64 old = c.value;
    c.value = v;
    c.Changed(old, v);
}
i32 Main() {
    Cell<i64> c = Cell { value: 1 };
    c.Changed += (a, b) => { Output.WriteLine("\${a} -> \${b}"); };
    Set(c, 5000000000);
    Set(c, -2);
    return 0;
}
`,
    "1 -> 5000000000\n5000000000 -> -2\n",
  );
});
