#!/bin/sh
# Entry point of the beskid-ci image: runs the bundled CLI with the given arguments.
# It finds the toolchain in $BESKID_CI_HOME, else /opt/beskid-ci (the image), else the
# checkout this script sits in (so it also runs on a development machine). Configuration is
# by environment variables, read by the CLI itself.
set -eu

if [ -n "${BESKID_CI_HOME:-}" ]; then
  home=$BESKID_CI_HOME
elif [ -f /opt/beskid-ci/dist/cli.js ]; then
  home=/opt/beskid-ci
else
  here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
  home=$(dirname -- "$here")
fi

if [ ! -f "$home/dist/cli.js" ]; then
  echo "beskid-ci: no dist/cli.js under $home (run 'npm run bundle', or set BESKID_CI_HOME)" >&2
  exit 127
fi

# No arguments (a GitHub Actions `services:` container cannot pass any): run the command
# named by BESKID_CI_DEFAULT_COMMAND, e.g. `serve`; without it, print the help.
if [ "$#" -eq 0 ]; then
  # shellcheck disable=SC2086 # split on purpose: the variable may hold a command and flags
  set -- ${BESKID_CI_DEFAULT_COMMAND:---help}
fi

exec node "$home/dist/cli.js" "$@"
