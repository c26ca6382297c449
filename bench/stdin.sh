#!/bin/sh
# Reads a 5 MB, 100k-line input with Core.Input.ReadLine under the JIT (`run`) and as an AOT
# executable, for this checkout and optionally an older one (`bench/stdin.sh [OLD_CHECKOUT]`,
# e.g. a `git worktree` of an earlier commit). Prints user+sys CPU seconds per run.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node -e 'let s="";for(let i=0;i<100000;i++)s+=(i+":").padEnd(49,"abcdefghij")+"\n";process.stdout.write(s)' >"$work/in.txt"
cp -r "$here/bench/stdin" "$work/proj"
rm -rf "$work/proj/obj"
echo "input: $(wc -c <"$work/in.txt") bytes, $(wc -l <"$work/in.txt") lines; load: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$work/empty.txt"
cpu() { in=$1; shift; /usr/bin/time -f "%U %S" -o "$work/t" "$@" <"$in" >"$work/out"; awk '{printf "%.2f", $1 + $2}' "$work/t"; }
for tree in "$here" "$@"; do
  npx tsx "$tree/src/cli/bin.ts" build --project "$work/proj" --no-cache --output "$work/exe" >/dev/null
  jit0=$(cpu "$work/empty.txt" npx tsx "$tree/src/cli/bin.ts" run --project "$work/proj" --no-cache)
  jit=$(cpu "$work/in.txt" npx tsx "$tree/src/cli/bin.ts" run --project "$work/proj" --no-cache)
  out=$(cat "$work/out")
  aot=$(cpu "$work/in.txt" "$work/exe")
  echo "$tree: JIT run ${jit} s (empty input ${jit0} s), AOT exe ${aot} s CPU ($out)"
done
