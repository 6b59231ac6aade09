#!/bin/sh
# Builds and installs dactl on a Debian 12 runner from its source repository.
# Set DACTL_SOURCE (a git URL) and DACTL_REF (a tag or commit) as repository
# variables; pin DACTL_REF so that every run uses the same dactl.
set -eu
: "${DACTL_SOURCE:?set DACTL_SOURCE to the git URL of dactl}"
: "${DACTL_REF:?set DACTL_REF to the tag or commit of dactl to use}"
apt-get update -q
apt-get install -y -q --no-install-recommends git ca-certificates
work="$(mktemp -d)"
git clone --quiet "$DACTL_SOURCE" "$work/dactl"
git -C "$work/dactl" checkout --quiet "$DACTL_REF"
"$work/dactl/scripts/install-deps.sh"
cmake -S "$work/dactl" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDACTL_BUILD_TESTS=OFF
cmake --build "$work/build" --target dactl
install -m 0755 "$work/build/cmd/dactl" /usr/local/bin/dactl
dactl version
