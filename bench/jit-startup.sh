#!/bin/sh
# JIT start-up, fresh processes, this checkout against an optional baseline checkout (a git
# worktree of an older commit) in one run: bench/jit-startup.sh [BASELINE_DIR] [ROUNDS]
# See bench/jit-startup.ts. Prints one JSON line per process, then the table of
# docs/benchmarks.md ("JIT start-up in a fresh process").
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
base=$1
rounds=${2:-10}
out=$here/bench/out/startup
mkdir -p "$out"
bundle() { # $1 checkout, $2 side: this driver and that checkout's CLI, against its src/
  if [ "$1" != "$here" ]; then
    cp "$here/bench/jit-startup.ts" "$1/bench/"
    [ -e "$1/node_modules" ] || ln -s "$here/node_modules" "$1/node_modules"
  fi
  # Both bundles inside the checkout, so that they find its corelib/ (as dist/ does).
  mkdir -p "$1/bench/out/startup-cli"
  (cd "$here" && npx esbuild "$1/bench/jit-startup.ts" --bundle --platform=node --target=node20 \
    --format=esm --log-level=error --outfile="$1/bench/out/startup-driver.mjs" \
    --banner:js="import{createRequire as __cr}from'module';const require=__cr(import.meta.url);")
  ln -sf "$1/bench/out/startup-driver.mjs" "$out/$2.mjs"
  # The CLI as dist/ is built.
  (cd "$1" && node scripts/bundle.mjs --outdir "$1/bench/out/startup-cli" >/dev/null)
  ln -sf "$1/bench/out/startup-cli/cli.js" "$out/cli-$2.js"
}
rm -rf "$out/project" "$out/project-base" "$out/project-new"
(cd "$here" && npx tsx bench/jit-startup.ts gen "$out/large.bca" "$out/project")
sides=new
bundle "$here" new
if [ -n "$base" ]; then
  sides="base new"
  bundle "$base" base
fi
# Each side's compiled module of the artifact, and each side's filled project cache (artifact and
# compiled module), so --cached, --prewarmed, --pipeline and --cli are cache hits.
for side in $sides; do
  cp -r "$out/project" "$out/project-$side"
  node "$out/$side.mjs" --prepare "$out/large.bca" "$out/large.$side.jit"
  node "$out/$side.mjs" --pipeline "$out/project-$side" >/dev/null
  node "$out/$side.mjs" --cli "$(readlink -f "$out/cli-$side.js")" "$out/project-$side" >/dev/null
done
log=$out/log.txt
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$log"
for i in $(seq "$rounds"); do
  for mode in --cold --cached --prewarmed --pipeline-nojit --pipeline --cli; do
    for side in $sides; do
      case $mode in
        --cold) set -- "$out/large.bca" ;;
        --pipeline*) set -- "$out/project-$side" ;;
        --cli) set -- "$(readlink -f "$out/cli-$side.js")" "$out/project-$side" ;;
        *) set -- "$out/large.bca" "$out/large.$side.jit" ;;
      esac
      echo "$side $mode $(node "$out/$side.mjs" $mode "$@")" | tee -a "$log"
    done
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
node "$out/new.mjs" --table "$log"
