#!/bin/sh
# Builds the Debian package as a release does: a Release build (-O3) of
# everything, tests included, with warnings as errors, the unit tests run on
# it, then `cpack -G DEB`. The package is BUILD/dactl_<version>_<arch>.deb.
#   usage: scripts/package.sh [BUILD_DIR]   (default build-release)
set -eu
cd "$(dirname "$0")/.."
build="${1:-build-release}"
./scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDACTL_WERROR=ON
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j2 \
  -L 'engine_tests|provider_tests|cli_tests|emulator_tests|e2e_tests|packaging'
(cd "$build" && cpack -G DEB)
