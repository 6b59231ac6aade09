#!/bin/sh
# Installs the Debian 12 packages dactl needs to build and test, skipping those
# already present. Safe to run again. Needs root (or sudo) only when something
# is missing.
set -eu

packages="build-essential cmake ninja-build pkg-config git ca-certificates curl
  libcurl4-openssl-dev libssl-dev rapidjson-dev libtomlplusplus-dev libdtl-dev catch2
  libcpp-httplib-dev python3 chromium fonts-dejavu-core man-db zsh"
if [ "${DACTL_WITH_FUZZ:-0}" = 1 ]; then
  packages="$packages clang libclang-rt-14-dev"
fi
# clang-format and clang-tidy for scripts/lint.sh (CI's code gates).
if [ "${DACTL_WITH_LINT:-0}" = 1 ]; then
  packages="$packages clang-format clang-tidy"
fi

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

# Node.js and npm run the conformance test with the vendor's SDK. A machine may
# carry them from another source than Debian's packages; only the commands matter.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
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
