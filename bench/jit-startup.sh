#!/bin/sh
# JIT start-up, fresh processes, this checkout against an optional baseline checkout (a git
# worktree of an older commit) in one run: bench/jit-startup.sh [BASELINE_DIR] [ROUNDS]
# See bench/jit-startup.ts.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
base=$1
rounds=${2:-10}
out=$here/bench/out/startup
mkdir -p "$out"
bundle() { # $1 checkout, $2 output file: this driver against that checkout's src/
  [ "$1" = "$here" ] || cp "$here/bench/jit-startup.ts" "$1/bench/jit-startup.ts"
  (cd "$here" && npx esbuild "$1/bench/jit-startup.ts" --bundle --platform=node --target=node20 \
    --format=esm --log-level=error --outfile="$2" \
    --banner:js="import{createRequire as __cr}from'module';const require=__cr(import.meta.url);")
}
(cd "$here" && npx tsx bench/jit-startup.ts gen "$out/large.bca")
bundle "$here" "$out/new.mjs"
[ -n "$base" ] && bundle "$base" "$out/base.mjs"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$rounds"); do
  [ -n "$base" ] && echo "base $(node "$out/base.mjs" "$out/large.bca")"
  echo "new  $(node "$out/new.mjs" "$out/large.bca")"
  [ -n "$base" ] && echo "base-cached $(node "$out/base.mjs" --cached "$out/large.bca")"
  echo "new-cached  $(node "$out/new.mjs" --cached "$out/large.bca")"
done
