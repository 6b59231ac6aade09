#!/bin/sh
# The code gates CI keeps: every shell script clean under shellcheck, every C++
# file formatted by .clang-format, every
# include pointing down the layers (scripts/check_layers.py), the shape the code
# keeps (scripts/check_shape.py), and clang-tidy
# (with the repository's .clang-tidy) clean on the product code (cmd/,
# engine/, providers/). Needs a configured build directory (default
# build/) for its compile_commands.json. Exits non-zero on any finding.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}

echo "lint: clang-format"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror

echo "lint: shellcheck"
shellcheck .ci/run scripts/*.sh examples/github/tools/*.sh tests/conformance/run.sh

echo "lint: includes point down"
python3 scripts/check_layers.py .

echo "lint: the code's shape (file and function sizes, interfaces, one home per side effect)"
python3 scripts/check_shape.py .

echo "lint: clang-tidy"
log=$(mktemp)
status=0
# g++'s own warning options in compile_commands.json mean nothing to clang.
git ls-files 'cmd/*.cpp' 'engine/*.cpp' 'providers/*.cpp' |
  xargs -P2 -n8 clang-tidy -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option \
  >"$log" 2>&1 || status=$?
grep -v "warnings generated\.$" "$log" || true
rm -f "$log"
if [ "$status" != 0 ]; then
  echo "lint: clang-tidy found problems (above)"
  exit 1
fi
echo "lint: clean"
