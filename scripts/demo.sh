#!/bin/sh
# The demo: sets up a fresh Debian 12 machine (as root), builds dactl and the
# Genesys Cloud emulator, starts the emulator with an example org in which
# several data actions time out at 3 s, and runs dactl against it:
# validate, insights (which actions time out, from the org's analytics), plan,
# apply, plan again, then a change made by hand in the org
# and the drift report that catches it and names who did it (the audit trail).
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target dactl genesys-emulator

work="$(mktemp -d)"
cp -r examples/demo "$work/project"
secret="demo-secret-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
build/tests/emulator/genesys-emulator --seed examples/seeds/demo-org.json --port 0 \
    --port-file "$work/port" --client-id demo-client --client-secret "$secret" \
    >"$work/emulator.log" 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.05; done
port="$(cat "$work/port")"
api="http://127.0.0.1:$port"

export GENESYSCLOUD_OAUTHCLIENT_ID=demo-client
export GENESYSCLOUD_OAUTHCLIENT_SECRET="$secret"
export DACTL_API_URL="$api"
unset GENESYSCLOUD_REGION DACTL_LOGIN_URL 2>/dev/null || true

if [ -t 1 ]; then bold="$(printf '\033[1m')"; plain="$(printf '\033[0m')"; else bold=""; plain=""; fi
step() { printf '\n%s== %s%s\n' "$bold" "$1" "$plain"; }
dactl() {
    printf '$ dactl %s\n' "$*"
    code=0
    build/cmd/dactl -C "$work/project" "$@" || code=$?
    printf '(exit %s)\n' "$code"
}

echo "Emulated org on $api; the manifests are examples/demo/*.toml."
step "1. Check the manifests (offline)"
dactl validate
step "2. Which actions time out? The org's own analytics, no back-end called (--all: managed or not)"
dactl insights --all
step "3. What would change? (one token request and one page of the org)"
dactl plan
step "4. Apply it: one PATCH per action with its current version, then a re-read to confirm"
dactl apply --auto-approve
step "5. Plan again: nothing left to do"
dactl plan --detailed-exitcode
step "6. Someone raises a timeout by hand in the admin UI..."
curl -s -X PATCH -H 'Content-Type: application/json' \
    -d '{"config": {"timeoutSeconds": 45}}' \
    "$api/__emulator/actions/custom_-_9a0b4c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d?userId=5f2e8c1a-0d3b-4e6f-9a7c-1b2d3e4f5a6b&userName=Jane%20Admin" >/dev/null
echo "(Jane Admin set FetchCustomerHistory's timeout to 45 s outside dactl)"
step "7. ...and the scheduled drift check catches it, and names who did it (the audit trail)"
dactl drift
step "8. The requests dactl made, as the emulator counted them"
curl -s "$api/__emulator/requests" | python3 -c '
import json, sys
for key, count in sorted(json.load(sys.stdin)["counts"].items()):
    print(f"  {count:3}  {key}")'
