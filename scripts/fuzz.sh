#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz in build-fuzz (clang, ASan + UBSan)
# and runs each for SECONDS (default 60). Exits non-zero as soon as a fuzzer
# finds a crash, a hang, a leak or a sanitizer report; the input that did it is
# kept in build-fuzz/artifacts/<fuzzer>/. Usage: scripts/fuzz.sh [SECONDS] [FUZZER...]
# See docs/fuzzing.md.
set -eu
cd "$(dirname "$0")/.."

seconds="${1:-60}"
[ $# -gt 0 ] && shift
fuzzers="${*:-fuzz_manifest fuzz_action_json fuzz_state_json fuzz_saved_plan}"
case "$seconds" in
  '' | *[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, got '$seconds'" >&2; exit 2 ;;
esac

# clang, libFuzzer's runtime and what the libraries under test need.
packages="clang libclang-rt-14-dev cmake ninja-build pkg-config libcurl4-openssl-dev libssl-dev
  rapidjson-dev libtomlplusplus-dev libdtl-dev libpq-dev"
missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -n "$missing" ]; then
  echo "fuzz.sh: installing$missing"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  # shellcheck disable=SC2086
  $sudo apt-get install -y -q --no-install-recommends $missing
fi

build="build-fuzz"
CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDACTL_FUZZ=ON -DDACTL_WERROR=ON >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" --target $fuzzers -- -j2

for fuzzer in $fuzzers; do
  work="$build/corpus/$fuzzer"        # what the fuzzer learns; the seeds stay untouched
  artifacts="$build/artifacts/$fuzzer"
  mkdir -p "$work" "$artifacts"
  dict="tests/fuzz/$fuzzer.dict"
  [ -f "$dict" ] || dict="tests/fuzz/json.dict"
  echo "== $fuzzer: $seconds s"
  # -timeout: one input taking 10 s is a hang. -max_len: inputs up to 128 KiB (a 50,000-part header is 100 KB).
  # A 1 MiB stack (not 8) makes unbounded recursion overflow with inputs that
  # small: nesting 16,000 deep crashed the JSON readers before they were fixed.
  # shellcheck disable=SC3045  # dash, Debian's sh, has ulimit -s
  if ! (ulimit -s 1024 && exec "$build/tests/fuzz/$fuzzer" "$work" "tests/fuzz/corpus/$fuzzer" \
      -max_total_time="$seconds" -timeout=10 -max_len=131072 -rss_limit_mb=2048 -dict="$dict" \
      -artifact_prefix="$artifacts/" -print_final_stats=1) >"$build/$fuzzer.log" 2>&1; then
    tail -n 60 "$build/$fuzzer.log" >&2
    echo "fuzz.sh: $fuzzer failed; the input is in $artifacts/ (log: $build/$fuzzer.log)" >&2
    exit 1
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done' "$build/$fuzzer.log" || true
done
echo "fuzz.sh: every fuzzer ran $seconds s without a finding"
