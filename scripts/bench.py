#!/usr/bin/env python3
"""Benchmark: dactl against the vendor's JavaScript SDK, on genesys-emulator.

usage: PYTHONPATH=tests/support:tests/emulator scripts/bench.py [--quick] [--out docs/performance.md] [--dactl PATH]
                        [--emulator PATH] [--sdk-dir DIR]

Each scenario starts the emulator with a generated org (tests/emulator/make_seed.py)
and a fixed latency on every answer, then makes the same change twice on fresh
orgs: (a) `dactl plan` and `dactl apply`, (b) bench_sdk.js, the way the
vendor's docs show it with purecloud-platform-client-v2 (list the pages, then
per action GET with config, PATCH with the version, GET to confirm). Requests
are counted by the emulator; "minutes at 300/min" is requests / 300, the time
the API's budget allows. Wall times are measured with both rate limits lifted
(the latency, not the pacing, sets them); CPU time and peak RSS are dactl's own
(os.wait4). A last scenario runs at the API's real limits (300 requests per
minute per token, 3,000 per OAuth client, enforced by the emulator on a clock
scaled 20x, which dactl is told of): an apply of 1,000 changes over 1,000
actions, an export of 1,000 and insights --all over 1,000, each with the token
pool and with `tokens = 1`, side by side with the vendor-SDK script's and the
Terraform provider's request patterns replayed through the same limits. The
pool's apply must take at most 0.5 emulated minutes, with no 429.

--quick: small sizes and 5 ms of latency, to prove the script works (CI).
--out FILE: also write the results as Markdown (docs/performance.md).
Exits 1 when a run fails or a target is missed. Python 3 standard library only.
"""

import argparse
import heapq
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

import dactl_e2e as harness  # tests/support, on PYTHONPATH with tests/emulator (ctest sets it)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SDK_VERSION_FILE = os.path.join(ROOT, "tests/conformance/package.json")


class Measured:
    """One process run: its exit code, output, wall, CPU and peak RSS."""

    def __init__(self, args, env, cwd=None):
        out = tempfile.TemporaryFile()
        err = tempfile.TemporaryFile()
        started = time.monotonic()
        process = subprocess.Popen(args, env=env, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        self.wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        self.code = process.returncode
        self.cpu = usage.ru_utime + usage.ru_stime
        self.rss_mb = usage.ru_maxrss / 1024.0
        out.seek(0)
        err.seek(0)
        self.stdout = out.read().decode("utf-8", "replace")
        self.stderr = err.read().decode("utf-8", "replace")


def ensure_sdk(sdk_dir):
    """The pinned SDK installed in sdk_dir (npm install once), as the conformance test does."""
    if os.path.isdir(os.path.join(sdk_dir, "node_modules", "purecloud-platform-client-v2")):
        return
    os.makedirs(sdk_dir, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(os.path.join(ROOT, "tests/conformance", name), sdk_dir)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=sdk_dir, check=True,
                   stdout=subprocess.DEVNULL)


def sdk_version():
    with open(SDK_VERSION_FILE) as handle:
        return json.load(handle)["dependencies"]["purecloud-platform-client-v2"]


def new_timeout(number):
    """The timeout a change sets: not the one the seed gave the action."""
    return 7 if harness.seeds.timeout_of(number) != 7 else 8


def start_emulator(options, workdir, actions, latency_ms, limited):
    os.makedirs(workdir, exist_ok=True)
    seed = os.path.join(workdir, "org.json")
    harness.make_seed(actions, seed)
    emulator = harness.Emulator(options.emulator, seed, [], workdir)
    settings = {"latencyMs": {"min": latency_ms, "max": latency_ms}}
    if not limited:
        settings["rateLimit"] = {"requests": 0, "windowSeconds": 60, "clientRequests": 0}
    emulator.admin("PATCH", "/__emulator/settings", settings)
    emulator.admin("DELETE", "/__emulator/requests")
    return emulator


def requests_of(emulator):
    log = emulator.admin("GET", "/__emulator/requests")
    return {"requests": len(log["requests"]),
            "429": sum(1 for r in log["requests"] if r["status"] == 429),
            "counts": log["counts"]}


def write_project(directory, changes, paced):
    os.makedirs(directory)
    with open(os.path.join(directory, "dactl.toml"), "w") as out:
        out.write("[api]\n" + ("" if paced else "requests_per_minute = 10000\n"))
    with open(os.path.join(directory, "actions.toml"), "w") as out:
        for number in range(1, changes + 1):
            out.write('[action.lookup_%04d]\nname = "Lookup %04d"\ntimeout_seconds = %d\n\n' % (
                number, number, new_timeout(number)))


def run_dactl(options, workdir, actions, changes, latency_ms, paced=False, apply=True):
    """dactl plan, then apply, on a fresh org: figures of each."""
    emulator = start_emulator(options, os.path.join(workdir, "dactl"), actions, latency_ms,
                              limited=paced)
    try:
        project = os.path.join(workdir, "dactl", "project")
        write_project(project, changes, paced)
        env = harness.dactl_environment(emulator)
        figures = {}
        for command in (["plan"], ["apply", "--auto-approve"])[:2 if apply else 1]:
            emulator.admin("DELETE", "/__emulator/requests")
            run = Measured([options.dactl, "-C", project] + command + ["--parallelism", "10"], env)
            if run.code != 0:
                raise RuntimeError("dactl %s exited %d:\n%s" % (command[0], run.code,
                                                                run.stderr[-3000:]))
            figures[command[0]] = dict(requests_of(emulator), wall=run.wall, cpu=run.cpu,
                                       rss_mb=run.rss_mb)
        if apply:
            check_converged(emulator, changes)
        return figures
    finally:
        emulator.stop()


def run_sdk(options, workdir, actions, changes, latency_ms):
    """The same change through the vendor's SDK on a fresh org."""
    emulator = start_emulator(options, os.path.join(workdir, "sdk"), actions, latency_ms,
                              limited=False)
    try:
        changes_file = os.path.join(workdir, "sdk", "changes.json")
        with open(changes_file, "w") as out:
            json.dump({"Lookup %04d" % n: new_timeout(n) for n in range(1, changes + 1)}, out)
        env = dict(os.environ, NODE_PATH=os.path.join(options.sdk_dir, "node_modules"))
        run = Measured(["node", os.path.join(HERE, "bench_sdk.js"), emulator.url.rsplit(":", 1)[1],
                        harness.CLIENT_ID, harness.CLIENT_SECRET, changes_file, "10"], env)
        if run.code != 0:
            raise RuntimeError("the SDK script exited %d:\n%s" % (run.code, run.stderr[-3000:]))
        said = json.loads(run.stdout.strip().splitlines()[-1])
        if said["confirmed"] != changes:
            raise RuntimeError("the SDK script confirmed %d of %d changes" % (said["confirmed"],
                                                                              changes))
        check_converged(emulator, changes)
        return dict(requests_of(emulator), wall=run.wall, cpu=run.cpu, rss_mb=run.rss_mb)
    finally:
        emulator.stop()


def check_converged(emulator, changes):
    org = emulator.admin("GET", "/__emulator/org")["actions"]
    wrong = [a["name"] for a in org[:changes]
             if a["config"].get("timeoutSeconds") != new_timeout(int(a["name"][-4:]))]
    if wrong:
        raise RuntimeError("%d actions do not hold the new timeout, e.g. %s" % (len(wrong), wrong[0]))


def minutes(requests):
    return requests / 300.0


# The API's real limits, on the emulator's scaled clock: an emulated minute lasts 3 s.
SCALE = 0.05
EMULATED_LATENCY_MS = 100


def window_free_at(starts, limit, after, window):
    """When one more start fits a sliding `window` holding `starts` (in order): `after`, or
    when the start `limit` back leaves it."""
    return max(after, starts[-limit] + window) if len(starts) >= limit else after


def replay(requests, tokens, concurrency, latency_s, per_token=300, per_client=3000, window=60.0):
    """Emulated seconds `requests` take through the API's limits: `concurrency` in flight,
    each answered after `latency_s`, spread over `tokens` (each request goes with the token
    that can start it soonest), every start within the sliding windows (per token and per
    client) the emulator enforces. Pacing is perfect: no 429 is met and no retry waits, so
    the figure is the best such a client could do."""
    workers = [0.0] * concurrency
    token_starts = [[] for _ in range(tokens)]
    client_starts = []
    finished = 0.0
    for _ in range(requests):
        ready = heapq.heappop(workers)
        client_at = window_free_at(client_starts, per_client, ready, window)
        token = min(range(tokens),
                    key=lambda t: window_free_at(token_starts[t], per_token, client_at, window))
        start = window_free_at(token_starts[token], per_token, client_at, window)
        token_starts[token].append(start)
        client_starts.append(start)
        finished = max(finished, start + latency_s)
        heapq.heappush(workers, start + latency_s)
    return finished


def run_at_real_limits(options, workdir, actions, command, tokens):
    """One dactl command on a fresh org of `actions` at the real limits on the scaled clock."""
    where = os.path.join(workdir, "%s-%d" % (command[0], tokens))
    os.makedirs(where)
    seed = os.path.join(where, "org.json")
    harness.make_seed(actions, seed)
    latency = max(1, round(EMULATED_LATENCY_MS * SCALE))
    emulator = harness.Emulator(options.emulator, seed,
                                ["--rate-time-scale", str(SCALE), "--latency-ms", str(latency)],
                                where)
    try:
        project = os.path.join(where, "project")
        os.makedirs(project)
        with open(os.path.join(project, "dactl.toml"), "w") as out:
            out.write("[api]\ntokens = %d\n" % tokens)
        with open(os.path.join(project, "actions.toml"), "w") as out:
            if command[0] == "apply":
                for number in range(1, actions + 1):
                    out.write('[action.lookup_%04d]\nname = "Lookup %04d"\ntimeout_seconds = %d\n\n'
                              % (number, number, new_timeout(number)))
        env = dict(harness.dactl_environment(emulator), DACTL_API_TIME_SCALE=str(SCALE))
        run = Measured([options.dactl, "-C", project] + command, env, cwd=where)
        if run.code != 0:
            raise RuntimeError("dactl %s exited %d:\n%s" % (command[0], run.code,
                                                            run.stderr[-3000:]))
        log = emulator.admin("GET", "/__emulator/requests")["requests"]
        return {"requests": len(log), "429": sum(1 for r in log if r["status"] == 429),
                "logins": sum(1 for r in log if r["path"] == "/oauth/token"),
                "tokens": len({r["token"] for r in log if r["token"]}),
                "minutes": run.wall / SCALE / 60}
    finally:
        emulator.stop()


def real_limits(options, workdir, actions):
    """The three workloads at the real limits, dactl measured and the others replayed."""
    latency = EMULATED_LATENCY_MS / 1000.0
    pages = -(-actions // 100)
    workloads = [
        ("apply of %d changes over %d actions" % (actions, actions),
         ["apply", "--auto-approve"],
         # the SDK script: pages, then GET, PATCH and GET per change (measured above);
         # the provider: 5 calls per change, and 3 GETs per action for the refresh
         # `terraform apply` makes first unless told -refresh=false.
         pages + 3 * actions, 5 * actions, 3 * actions + 5 * actions),
        ("export of %d actions" % actions, ["export", "--out", "exported", "--fields", "all"],
         # the SDK way: pages, then GET with its config per action; the provider's
         # exporter: 3 GETs per action (the action and its two templates).
         pages + actions, 3 * actions, None),
        ("insights --all over %d actions" % actions, ["insights", "--all"], None, None, None),
    ]
    rows = []
    for name, command, sdk, terraform, terraform_refresh in workloads:
        pool = run_at_real_limits(options, workdir, actions, command, 10)
        one = run_at_real_limits(options, workdir, actions, command, 1)
        row = {"name": name, "pool": pool, "one": one,
               "pool_replayed": replay(pool["requests"], max(1, pool["tokens"]), 10, latency) / 60,
               "sdk": None, "terraform": None, "terraform_refresh": None}
        if sdk:
            row["sdk"] = (sdk, replay(sdk, 1, 10, latency) / 60)
        if terraform:
            row["terraform"] = (terraform, replay(terraform, 10, 10, latency) / 60)
        if terraform_refresh:
            row["terraform_refresh"] = (terraform_refresh,
                                        replay(terraform_refresh, 10, 10, latency) / 60)
        rows.append(row)
        print("%s: pool %d requests, %d logins, %.2f emulated min; one token %.2f min" % (
            name, pool["requests"], pool["logins"], pool["minutes"], one["minutes"]), flush=True)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out")
    parser.add_argument("--dactl", default=os.path.join(ROOT, "build/cmd/dactl"))
    parser.add_argument("--emulator",
                        default=os.path.join(ROOT, "build/tests/emulator/genesys-emulator"))
    parser.add_argument("--sdk-dir", default=os.path.join(ROOT, "build/conformance"))
    options = parser.parse_args()
    ensure_sdk(options.sdk_dir)

    if options.quick:
        latency, applies, plan_size, limits_size = 5, [(100, 20), (100, 100)], 1000, 400
    else:
        latency, applies, plan_size, limits_size = 100, [(1000, 100), (1000, 1000)], 10000, 1000
    problems = []
    rows = []
    with tempfile.TemporaryDirectory(prefix="dactl-bench-") as workdir:
        for index, (actions, changes) in enumerate(applies):
            where = os.path.join(workdir, "apply-%d" % index)
            dactl = run_dactl(options, where, actions, changes, latency)
            sdk = run_sdk(options, where, actions, changes, latency)
            rows.append((actions, changes, dactl, sdk))
            apply = dactl["apply"]
            print("apply %d of %d: dactl %d requests %.1f s, SDK %d requests %.1f s" % (
                changes, actions, apply["requests"], apply["wall"], sdk["requests"], sdk["wall"]),
                flush=True)
            budget = 2 + -(-actions // 100) + changes + min(-(-actions // 100), -(-changes // 50))
            if apply["requests"] > budget:
                problems.append("apply of %d changes sent %d requests, over its budget of %d" % (
                    changes, apply["requests"], budget))
            if not options.quick and changes == 1000 and apply["requests"] > 1030:
                problems.append("apply of 1,000 changes sent %d requests, over 1,030" %
                                apply["requests"])

        plan = run_dactl(options, os.path.join(workdir, "plan"), plan_size, 10, latency,
                         apply=False)["plan"]
        print("plan over %d: %d requests, %.2f s CPU, %.0f MB RSS, %.2f s" % (
            plan_size, plan["requests"], plan["cpu"], plan["rss_mb"], plan["wall"]), flush=True)
        if not options.quick and (plan["cpu"] >= 0.5 or plan["rss_mb"] >= 150):
            problems.append("plan over %d actions took %.2f s CPU and %.0f MB" % (
                plan_size, plan["cpu"], plan["rss_mb"]))

        limits = real_limits(options, os.path.join(workdir, "limits"), limits_size)
        apply_row = limits[0]
        if apply_row["pool"]["429"] or apply_row["one"]["429"]:
            problems.append("at the real limits the apply met %d and %d answers 429" % (
                apply_row["pool"]["429"], apply_row["one"]["429"]))
        if not options.quick and apply_row["pool"]["minutes"] > 0.5:
            problems.append("the pool's apply of 1,000 changes took %.2f emulated minutes" %
                            apply_row["pool"]["minutes"])
        for row in limits[1:]:
            if row["pool"]["logins"] != 1:
                problems.append("%s made %d logins" % (row["name"], row["pool"]["logins"]))

    if options.out:
        with open(options.out, "w") as out:
            out.write(report(rows, plan_size, plan, limits, latency, options.quick))
    for problem in problems:
        print("bench: " + problem)
    print("bench: %s" % ("targets met" if not problems else "%d targets missed" % len(problems)))
    return 1 if problems else 0


def limits_report(limits):
    def cell(figure):
        return "%.2f" % figure if figure is not None else ""

    lines = [
        "",
        "## At the real limits",
        "",
        "The API allows 300 requests per minute per token and 3,000 per OAuth client "
        "(`../shared/docs/genesys-api.md`, \"Limits\"). The emulator enforces both, as sliding "
        "windows answering 429 with Retry-After, on a clock scaled 20x (`--rate-time-scale "
        "%s`: an emulated minute lasts 3 s; dactl is told the same by `DACTL_API_TIME_SCALE`), "
        "with %d emulated ms of latency on every answer. *dactl* rows are measured: wall time "
        "divided by the scale. The vendor-SDK script's and the Terraform provider's request "
        "patterns are replayed through the same limits by `replay()` in scripts/bench.py (10 in "
        "flight, each answered after the same latency, every start within both windows, "
        "perfect pacing: no 429 and no Retry-After wait, the best either could do); the SDK "
        "script holds one token, the provider a pool of 10 (its default `token_pool_size`). "
        "The provider's requests are the documented 5 calls per timeout change, and 3 GETs "
        "per action for its refresh (`terraform apply` refreshes first unless told "
        "`-refresh=false`) and per exported action. The *replayed* column for dactl replays "
        "its own measured requests, to show the model agrees with the measurement."
        % (SCALE, EMULATED_LATENCY_MS),
        "",
        "| workload | client | requests | logins | 429 | emulated minutes | replayed |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in limits:
        pool, one = row["pool"], row["one"]
        lines.append("| %s | dactl, token pool (`tokens = 10`) | %d | %d | %d | %.2f | %.2f |" % (
            row["name"], pool["requests"], pool["logins"], pool["429"], pool["minutes"],
            row["pool_replayed"]))
        lines.append("| | dactl, `tokens = 1` | %d | %d | %d | %.2f | |" % (
            one["requests"], one["logins"], one["429"], one["minutes"]))
        for key, label in (("sdk", "vendor SDK script, 1 token"),
                           ("terraform", "Terraform provider, 10 tokens"),
                           ("terraform_refresh", "Terraform provider with its refresh")):
            if row[key]:
                lines.append("| | %s | %d | | | | %s |" % (label, row[key][0], cell(row[key][1])))
        if not any(row[key] for key in ("sdk", "terraform")):
            lines.append("| | vendor SDK, Terraform provider | no counterpart | | | | |")
    lines += [
        "",
        "The pool logs in again only when a request would otherwise wait on its token's "
        "budget while the client's has room, so the export and insights (a dozen requests) "
        "make one login and the apply as many as its requests need. An apply's requests then "
        "fit within the client's 3,000 a minute, and its time is set by the latency and the "
        "requests in flight (`--parallelism`, 10), not by the budget; with `tokens = 1` it "
        "waits a whole window for every 300 requests after the first, as before the pool.",
    ]
    return lines


def report(rows, plan_size, plan, limits, latency, quick):
    lines = [
        "# Performance: dactl against the vendor's SDK",
        "",
        "Generated by `PYTHONPATH=tests/support:tests/emulator python3 scripts/bench.py --out "
        "docs/performance.md` (after "
        "`./scripts/test.sh` has built `build/`); do not edit by hand%s. Each row changes the "
        "timeout of the first K actions of a generated org of M (tests/emulator/make_seed.py) on "
        "`genesys-emulator`, %d ms of latency on every answer, twice on fresh orgs: with "
        "`dactl plan` and `dactl apply --auto-approve` (`--parallelism 10`), and with "
        "`scripts/bench_sdk.js`, the change made the way the vendor's documentation shows it "
        "with its JavaScript SDK (purecloud-platform-client-v2 %s: list the pages, then per "
        "action GET with its config, PATCH with the version, GET to confirm; 10 actions at a "
        "time). Requests are counted by the emulator; *minutes at 300/min* is what the API's "
        "budget of 300 requests per minute makes of them, the floor of a real run. Wall times "
        "are measured with both rate limits lifted, so the latency sets them; CPU time and peak "
        "RSS are of the one process (dactl, or node)."
        % (" (this file was written in --quick mode)" if quick else "", latency, sdk_version()),
        "",
        "| M actions | K changes | | requests | minutes at 300/min | wall | CPU | peak RSS |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for actions, changes, dactl, sdk in rows:
        plan_run, apply = dactl["plan"], dactl["apply"]
        both = apply["requests"] + plan_run["requests"]
        lines.append("| %d | %d | dactl plan | %d | %.2f | %.2f s | %.2f s | %.0f MB |" % (
            actions, changes, plan_run["requests"], minutes(plan_run["requests"]),
            plan_run["wall"], plan_run["cpu"], plan_run["rss_mb"]))
        lines.append("| | | dactl apply | %d | %.2f | %.2f s | %.2f s | %.0f MB |" % (
            apply["requests"], minutes(apply["requests"]), apply["wall"], apply["cpu"],
            apply["rss_mb"]))
        lines.append("| | | vendor SDK | %d | %.2f | %.2f s | %.2f s | %.0f MB |" % (
            sdk["requests"], minutes(sdk["requests"]), sdk["wall"], sdk["cpu"], sdk["rss_mb"]))
        lines.append("| | | SDK / dactl apply | %.2f× | | %.2f× | | |" % (
            sdk["requests"] / apply["requests"], sdk["wall"] / apply["wall"]))
        lines.append("| | | SDK / dactl plan + apply | %.2f× | | %.2f× | | |" % (
            sdk["requests"] / both, sdk["wall"] / (apply["wall"] + plan_run["wall"])))
    lines += [
        "",
        "Where dactl's requests go (apply of the last row): %s." % ", ".join(
            "%s %d" % (name, count) for name, count in sorted(rows[-1][2]["apply"]["counts"].items())),
        "The budget of an apply of K changes over M actions is 1 token + 1 organization + "
        "ceil(M/100) list pages + K PATCHes + min(ceil(M/100), ceil(K/50)) confirming reads "
        "(README, asserted by the e2e test `apply costs a write per change and a read per group "
        "of them`). The SDK script spends 3 requests per change and no request on the org.",
        "",
        "## A plan over %d actions" % plan_size,
        "",
        "| requests | wall | CPU | peak RSS | target |",
        "|---|---|---|---|---|",
        "| %d | %.2f s | %.2f s | %.0f MB | under 0.5 s CPU and 150 MB |" % (
            plan["requests"], plan["wall"], plan["cpu"], plan["rss_mb"]),
    ]
    lines += limits_report(limits)
    lines += ["", "Machine: %d cores, %s; %s." % (os.cpu_count() or 0, platform.platform(),
                                                  time.strftime("%Y-%m-%d")), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
