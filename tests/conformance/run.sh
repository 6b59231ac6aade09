#!/bin/sh
# The conformance test: the vendor's JavaScript SDK against genesys-emulator.
# usage: run.sh EMULATOR_BINARY SOURCE_DIR WORK_DIR
# Installs the pinned SDK into WORK_DIR (once), starts the emulator on a free port
# with a generated org of 300 actions, and runs conformance.js. Never skips: a
# failed npm install fails the test.
set -eu
emulator="$1"
source_dir="$2"
work="$3"
here="$source_dir/tests/conformance"
actions=300

mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/conformance.js" "$work/"
if [ ! -d "$work/node_modules/purecloud-platform-client-v2" ]; then
    echo "conformance: installing the SDK (npm install)"
    if ! (cd "$work" && npm install --no-audit --no-fund); then
        echo "conformance: FAILED: npm install did not succeed" >&2
        exit 1
    fi
fi

python3 "$source_dir/tests/emulator/make_seed.py" "$actions" > "$work/seed.json"
rm -f "$work/port"
secret="conformance-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
"$emulator" --seed "$work/seed.json" --port 0 --port-file "$work/port" \
    --client-id conformance-client --client-secret "$secret" --quiet >"$work/emulator.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 200); do
    [ -s "$work/port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
done
if [ ! -s "$work/port" ]; then
    echo "conformance: FAILED: the emulator did not start:" >&2
    cat "$work/emulator.log" >&2
    exit 1
fi
port="$(cat "$work/port")"
cd "$work"
node conformance.js "$port" conformance-client "$secret" "$actions"
