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
(os.wait4). A last scenario applies 1,000 changes with dactl's default pacing
against the emulator's default limit (300 requests per 60 s): it must meet no
429 and end within 5 % of requests / 300 minutes.

--quick: small sizes and 5 ms of latency, to prove the script works (CI).
--out FILE: also write the results as Markdown (docs/performance.md).
Exits 1 when a run fails or a target is missed. Python 3 standard library only.
"""

import argparse
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
        latency, applies, plan_size, paced = 5, [(100, 20), (100, 100)], 1000, None
    else:
        latency, applies, plan_size, paced = 100, [(1000, 100), (1000, 1000)], 10000, (1000, 1000)
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

        paced_figures = None
        if paced:
            actions, changes = paced
            paced_figures = run_dactl(options, os.path.join(workdir, "paced"), actions, changes,
                                      latency, paced=True)["apply"]
            allowed = minutes(paced_figures["requests"]) * 60 * 1.05
            print("paced apply of %d: %d requests, %d answered 429, %.1f s (allowed %.1f s)" % (
                changes, paced_figures["requests"], paced_figures["429"], paced_figures["wall"],
                allowed), flush=True)
            if paced_figures["429"]:
                problems.append("the paced apply met %d answers 429" % paced_figures["429"])
            if paced_figures["wall"] > allowed:
                problems.append("the paced apply took %.1f s, more than %.1f s" % (
                    paced_figures["wall"], allowed))

    if options.out:
        with open(options.out, "w") as out:
            out.write(report(rows, plan_size, plan, paced, paced_figures, latency, options.quick))
    for problem in problems:
        print("bench: " + problem)
    print("bench: %s" % ("targets met" if not problems else "%d targets missed" % len(problems)))
    return 1 if problems else 0


def report(rows, plan_size, plan, paced, paced_figures, latency, quick):
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
    if paced_figures:
        allowed = minutes(paced_figures["requests"]) * 60 * 1.05
        lines += [
            "",
            "## At the API's limit",
            "",
            "`dactl apply` of %d changes over %d actions with its default pacing (300 requests "
            "per minute) against the emulator's default limit (300 requests per sliding 60 s per "
            "token, 429 with Retry-After beyond it), %d ms per answer:" % (paced[1], paced[0],
                                                                          latency),
            "",
            "| requests | answered 429 | wall | requests / 300 minutes | target |",
            "|---|---|---|---|---|",
            "| %d | %d | %.1f s | %.1f s | no 429, within 5 %% (%.1f s) |" % (
                paced_figures["requests"], paced_figures["429"], paced_figures["wall"],
                minutes(paced_figures["requests"]) * 60, allowed),
            "",
            "The pacer lets 300 requests start in any 61 s window (one second more than the API's "
            "60, for the time a request takes to arrive): the first 300 go as fast as the latency "
            "allows, each later one when the start 300 before it is 61 s old. `--parallelism` (default 10) is how many requests are in "
            "flight at once: it buys wall time while the budget has room (a plan, or an apply of "
            "fewer than 300 changes, at 10 is several times faster than at 1) and nothing once "
            "the pacer sets the pace.",
        ]
    lines += ["", "Machine: %d cores, %s; %s." % (os.cpu_count() or 0, platform.platform(),
                                                  time.strftime("%Y-%m-%d")), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
