#!/bin/sh
# Sets up a fresh Debian 12 machine (as root) and runs every test: installs the
# packages, builds into build/, and runs the whole suite through ctest.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDACTL_WERROR=ON
cmake --build build
ctest --test-dir build --output-on-failure -j2 "$@"
