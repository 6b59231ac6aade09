#!/bin/sh
# Installs the Debian 12 packages dactl needs, skipping those already present.
# Safe to run again. Needs root (or sudo) only when something is missing.
#   DACTL_DEPS=build   only what building dactl needs (install-dactl.sh uses it)
#   (default)          also what the tests need: Catch2, cpp-httplib (the
#                      emulator), Python, Chromium, man-db, zsh, Node.js, and
#                      PostgreSQL 15 (the state backend's tests start a server)
#   DACTL_WITH_FUZZ=1  also clang and libFuzzer's runtime
#   DACTL_WITH_LINT=1  also clang-format and clang-tidy (scripts/lint.sh)
set -eu

packages="build-essential cmake ninja-build pkg-config git ca-certificates
  libcurl4-openssl-dev libssl-dev rapidjson-dev libtomlplusplus-dev libdtl-dev libpq-dev"
if [ "${DACTL_DEPS:-all}" != build ]; then
  packages="$packages curl catch2 libcpp-httplib-dev python3 python3-yaml shellcheck
    chromium fonts-dejavu-core man-db zsh postgresql-15 postgresql-client-15"
fi
if [ "${DACTL_WITH_FUZZ:-0}" = 1 ]; then
  packages="$packages clang libclang-rt-14-dev"
fi
if [ "${DACTL_WITH_LINT:-0}" = 1 ]; then
  packages="$packages clang-format clang-tidy shellcheck"
fi

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

# Node.js and npm run the conformance test with the vendor's SDK. A machine may
# carry them from another source than Debian's packages; only the commands matter.
if [ "${DACTL_DEPS:-all}" != build ] &&
   { ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; }; then
  missing="$missing nodejs npm"
fi

if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  exit 0
fi

echo "install-deps: installing$missing"
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
