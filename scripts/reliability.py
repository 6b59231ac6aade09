#!/usr/bin/env python3
"""The fault matrix of dactl apply against genesys-emulator, and its report.

usage: reliability.py [--quick] [--dactl PATH] [--emulator PATH] [--out FILE]
                      [--only NAME[,NAME...]] [--no-benchmarks]

Each scenario starts a fresh emulator with a generated org, turns on faults,
runs `dactl apply --auto-approve` once, and then checks, with the faults off:
  - the apply exited 0 and the org holds every managed field as declared;
  - every field the manifests do not manage is unchanged, byte for byte (the
    admin dump of every action, versions and managed fields aside);
  - .dactl/state.json is a complete state naming every managed action;
  - `dactl plan --detailed-exitcode` finds nothing to change.
It prints one line per scenario and exits 1 if any check failed. With --out it
writes the figures as Markdown (docs/reliability.md is produced this way).
--quick runs smaller orgs, for CI. Python 3 standard library only.
"""

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests/emulator"))
import make_seed as seeds  # noqa: E402  (the generated orgs, and their timeouts)

CLIENT_ID = "reliability-client"
CLIENT_SECRET = "reliability-secret-5e1f"


class Emulator:
    """A genesys-emulator process on a free port, with its admin API."""

    def __init__(self, binary, seed_path, switches, workdir, client_id=CLIENT_ID,
                 client_secret=CLIENT_SECRET):
        port_file = os.path.join(workdir, "port")
        self.log = open(os.path.join(workdir, "emulator.log"), "w")
        self.process = subprocess.Popen(
            [binary, "--seed", seed_path, "--port", "0", "--port-file", port_file,
             "--client-id", client_id, "--client-secret", client_secret, "--quiet"] + switches,
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if self.process.poll() is not None or time.time() > deadline:
                raise RuntimeError("the emulator did not start: see " + self.log.name)
            time.sleep(0.02)
        self.url = "http://127.0.0.1:" + open(port_file).read().strip()

    def admin(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        with urllib.request.urlopen(request, timeout=30) as answer:
            text = answer.read().decode()
        return json.loads(text) if text else None

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


def make_seed(count, path):
    """Writes the generated org of `count` actions (tests/emulator/make_seed.py) to `path`."""
    with open(path, "w") as out:
        json.dump([seeds.make_action(number, None) for number in range(1, count + 1)], out)


def label(number):
    return "lookup_%04d" % number


def desired_actions(count, changes, unchanged_too=True):
    """Which actions the manifests manage and the values they declare.

    `changes` actions change their timeout; every fourth of them also changes
    its header map. Unless `unchanged_too` is false, as many again (among those
    with a timeout) are managed with the values they already have. Every tenth
    is selected by id, the others by name."""
    managed = {}
    numbers = list(range(1, count + 1))
    changed = numbers[:changes]
    unchanged = [n for n in numbers[changes:] if seeds.timeout_of(n) is not None][:changes]
    unchanged = unchanged if unchanged_too else []
    for index, number in enumerate(changed):
        current = seeds.timeout_of(number)
        fields = {"timeout_seconds": 7 if current != 7 else 8}
        if index % 4 == 0:
            fields["request.headers"] = {
                "Accept": "application/json", "X-Trace": "seed-%d" % number, "X-Team": "care"}
        managed[label(number)] = {"number": number, "fields": fields}
    for number in unchanged:
        managed[label(number)] = {"number": number,
                                  "fields": {"timeout_seconds": seeds.timeout_of(number)}}
    return managed


def action_id(number):
    return "custom_-_00000000-0000-4000-8000-%012d" % number


def write_project(directory, managed, api):
    lines = ["[api]"] + ["%s = %d" % (key, value) for key, value in sorted(api.items())] + [""]
    with open(os.path.join(directory, "dactl.toml"), "w") as out:
        out.write("\n".join(lines))
    text = []
    for name, entry in managed.items():
        number = entry["number"]
        text.append("[action.%s]" % name)
        if number % 10 == 0:
            text.append('id = "%s"' % action_id(number))
        else:
            text.append('name = "Lookup %04d"' % number)
        fields = entry["fields"]
        text.append("timeout_seconds = %d" % fields["timeout_seconds"])
        if "request.headers" in fields:
            pairs = ", ".join('"%s" = "%s"' % item for item in sorted(fields["request.headers"].items()))
            text.append("[action.%s.request]" % name)
            text.append("headers = { %s }" % pairs)
        text.append("")
    with open(os.path.join(directory, "actions.toml"), "w") as out:
        out.write("\n".join(text))


def start_org(emulator_binary, workdir, actions, managed, api=None):
    """A generated org of `actions` on a fresh emulator, and a project managing `managed`
    (dactl's pacing lifted unless `api` says otherwise). Answers (project, emulator)."""
    seed = os.path.join(workdir, "org.json")
    make_seed(actions, seed)
    project = os.path.join(workdir, "project")
    os.mkdir(project)
    settings = {"requests_per_minute": 10000}
    settings.update(api or {})
    write_project(project, managed, settings)
    return project, Emulator(emulator_binary, seed, [], workdir)


def dactl_environment(emulator):
    """Our environment, pointed at the emulator with its client."""
    environment = dict(os.environ)
    environment.pop("GENESYSCLOUD_REGION", None)
    environment.pop("DACTL_LOGIN_URL", None)
    environment.update({"GENESYSCLOUD_OAUTHCLIENT_ID": CLIENT_ID,
                        "GENESYSCLOUD_OAUTHCLIENT_SECRET": CLIENT_SECRET,
                        "DACTL_API_URL": emulator.url, "NO_COLOR": "1"})
    return environment


def dactl(binary, emulator, project, args, timeout=600):
    return subprocess.run([binary, "-C", project] + args, env=dactl_environment(emulator),
                          capture_output=True, text=True, timeout=timeout)


def without_managed(action, fields):
    """The action without its version and the fields the manifests manage."""
    rest = copy.deepcopy(action)
    rest.pop("version", None)
    config = rest.get("config", {})
    config.pop("timeoutSeconds", None)
    if "request.headers" in fields:
        config.get("request", {}).pop("headers", None)
    return rest


def org_problems(before, after, managed):
    """What differs from the old org with the managed fields as declared."""
    fields_of = {action_id(entry["number"]): entry["fields"] for entry in managed.values()}
    now = {action["id"]: action for action in after["actions"]}
    problems = []
    if len(now) != len(before["actions"]):
        problems.append("the org has %d actions, not %d" % (len(now), len(before["actions"])))
    for old in before["actions"]:
        new = now.get(old["id"])
        fields = fields_of.get(old["id"], {})
        if new is None:
            problems.append("%s is gone" % old["id"])
            continue
        if json.dumps(without_managed(new, fields), ensure_ascii=False) != \
                json.dumps(without_managed(old, fields), ensure_ascii=False):
            problems.append("%s: a field the manifests do not manage changed" % old["id"])
        config = new.get("config", {})
        if not fields and new.get("version") != old.get("version"):
            problems.append("%s: an action the manifests do not manage was written" % old["id"])
        if not fields:
            if config.get("timeoutSeconds") != old.get("config", {}).get("timeoutSeconds"):
                problems.append("%s: unmanaged timeout changed" % old["id"])
            continue
        if config.get("timeoutSeconds") != fields["timeout_seconds"]:
            problems.append("%s: timeoutSeconds is %s, not %d" %
                            (old["id"], config.get("timeoutSeconds"), fields["timeout_seconds"]))
        headers = config.get("request", {}).get("headers")
        if "request.headers" in fields and headers != fields["request.headers"]:
            problems.append("%s: headers are %s" % (old["id"], headers))
    return problems


def state_problems(project, managed):
    path = os.path.join(project, ".dactl", "state.json")
    try:
        with open(path) as source:
            state = json.load(source)
    except (OSError, ValueError) as error:
        return ["state.json is not readable JSON: %s" % error]
    problems = []
    if state.get("format_version") != 1 or not isinstance(state.get("serial"), int):
        problems.append("state.json has no format_version 1 and serial")
    entries = {entry.get("address"): entry for entry in state.get("actions", [])}
    for name, entry in managed.items():
        recorded = entries.get("action." + name)
        if recorded is None:
            problems.append("state.json does not record action.%s" % name)
        elif recorded.get("managed", {}).get("timeout_seconds") != entry["fields"]["timeout_seconds"]:
            problems.append("state.json records another timeout for action.%s" % name)
    if os.stat(path).st_mode & 0o777 != 0o600:
        problems.append("state.json is not mode 0600")
    return problems


def log_figures(emulator):
    requests = emulator.admin("GET", "/__emulator/requests")["requests"]
    statuses = [entry["status"] for entry in requests]
    return {
        "requests": len(requests),
        "patches": sum(1 for entry in requests if entry["method"] == "PATCH"),
        "429": statuses.count(429),
        "5xx": sum(1 for status in statuses if 500 <= status < 600),
        "dropped": statuses.count(0),
        "409": statuses.count(409),
        "401": statuses.count(401),
        "logins": sum(1 for entry in requests if entry["path"] == "/oauth/token"),
        "puts": sum(1 for entry in requests if entry["method"] == "PUT"),
    }


def client_figures(verbose_log):
    """What dactl's --verbose log says it met and did: timeouts, retries, fresh logins."""
    lines = verbose_log.splitlines()
    return {
        "timeouts": sum(1 for line in lines if line.endswith(")") and " -> timed out (" in line),
        "retries": sum(1 for line in lines if line.startswith(("dactl:   retrying in ",
                                                                "dactl:   rate limited: waiting "))),
    }


def expire_tokens_every(emulator, seconds, stop):
    while not stop.wait(seconds):
        try:
            emulator.admin("POST", "/__emulator/tokens/expire")
        except OSError:
            return


def run_scenario(options, scenario):
    """Runs one scenario; answers its figures and the problems found."""
    with tempfile.TemporaryDirectory(prefix="dactl-reliability-") as workdir:
        managed = desired_actions(scenario["actions"], scenario["changes"])
        project, emulator = start_org(options.emulator, workdir, scenario["actions"], managed,
                                      scenario.get("api"))
        try:
            before = emulator.admin("GET", "/__emulator/org")
            emulator.admin("PATCH", "/__emulator/settings", scenario.get("faults", {}))
            emulator.admin("DELETE", "/__emulator/requests")
            stop = threading.Event()
            expiry = None
            if scenario.get("expire_tokens_every"):
                expiry = threading.Thread(target=expire_tokens_every,
                                          args=(emulator, scenario["expire_tokens_every"], stop))
                expiry.start()
            started = time.monotonic()
            run = dactl(options.dactl, emulator, project,
                        ["apply", "--auto-approve", "--verbose", "--parallelism",
                         str(scenario.get("parallelism", 10))])
            seconds = time.monotonic() - started
            if options.log_dir:
                name = "".join(c if c.isalnum() else "-" for c in scenario["name"])
                with open(os.path.join(options.log_dir, name + ".log"), "w") as out:
                    out.write(run.stdout + run.stderr)
            stop.set()
            if expiry:
                expiry.join()
            figures = log_figures(emulator)
            figures["seconds"] = seconds
            figures.update(client_figures(run.stderr))
            emulator.admin("PATCH", "/__emulator/settings", QUIET_SETTINGS)
            problems = []
            if run.returncode != 0:
                problems.append("apply exited %d:\n%s\n%s" % (run.returncode, run.stdout.strip()[-3000:], run.stderr.strip()[-3000:]))
            if figures["puts"]:
                problems.append("dactl sent PUT")
            after = emulator.admin("GET", "/__emulator/org")
            problems += org_problems(before, after, managed)
            problems += state_problems(project, managed)
            plan = dactl(options.dactl, emulator, project, ["plan", "--detailed-exitcode"])
            if plan.returncode != 0:
                problems.append("plan after the apply exited %d:\n%s%s" %
                                (plan.returncode, plan.stdout[-2000:], plan.stderr[-2000:]))
            return figures, problems
        finally:
            emulator.stop()


QUIET_SETTINGS = {"rateLimit": {"requests": 0, "windowSeconds": 60}, "latencyMs": {"min": 0, "max": 0},
                  "failEvery": {"n": 0, "status": 503}, "dropEvery": 0, "staleReadMs": 0,
                  "conflictNextPatches": 0}


def scenarios(quick):
    small = {"actions": 60, "changes": 20} if quick else {"actions": 200, "changes": 60}
    big = {"actions": 120, "changes": 40} if quick else {"actions": 500, "changes": 200}
    window = 5 if quick else 10
    chosen = [
        ("no faults", small, {}, {}),
        ("429 storm, pacing lifted", small,
         {"rateLimit": {"requests": 30, "windowSeconds": window}}, {}),
        # Every 5th request fails in lockstep: with other writes interleaved, one
        # action's PATCH can land on the failing slot five times running and spend
        # the default 5 attempts; a real service's 503s do not align like that.
        ("503 on every 5th request", small, {"failEvery": {"n": 5, "status": 503}},
         {"api": {"max_attempts": 10}}),
        ("every 7th connection dropped", small, {"dropEvery": 7}, {}),
        ("stale reads for 2 s after writes", small, {"staleReadMs": 2000}, {}),
        ("concurrent saves (409)", small, {"conflictNextPatches": 10}, {}),
        ("token expires mid-run", small, {"latencyMs": {"min": 60, "max": 100}},
         {"expire_tokens_every": 0.5}),
        ("answers slower than the 1 s client timeout", small,
         {"latencyMs": {"min": 0, "max": 1200}}, {"api": {"request_timeout_seconds": 1}}),
        ("all at once", big,
         {"rateLimit": {"requests": 150, "windowSeconds": window},
          "failEvery": {"n": 5, "status": 503}, "dropEvery": 7, "staleReadMs": 2000,
          "conflictNextPatches": 10, "latencyMs": {"min": 0, "max": 1200}},
         {"api": {"request_timeout_seconds": 1, "max_attempts": 20}, "expire_tokens_every": 10}),
    ]
    if not quick:
        chosen.insert(2, ("429 limit met by pacing (120/min)", {"actions": 100, "changes": 60},
                          {"rateLimit": {"requests": 120, "windowSeconds": 60}},
                          {"api": {"requests_per_minute": 120}}))
    result = []
    for name, size, faults, extra in chosen:
        scenario = dict(size)
        scenario.update({"name": name, "faults": faults})
        scenario.update(extra)
        result.append(scenario)
    return result


def benchmark(options, actions, latency_ms, parallelism):
    """Plan and apply wall time and requests on a generated org with injected latency."""
    changes = actions // 5
    with tempfile.TemporaryDirectory(prefix="dactl-benchmark-") as workdir:
        project, emulator = start_org(options.emulator, workdir, actions,
                                      desired_actions(actions, changes))
        try:
            emulator.admin("PATCH", "/__emulator/settings",
                           {"latencyMs": {"min": latency_ms, "max": latency_ms}})
            figures = {}
            for command in (["plan"], ["apply", "--auto-approve"]):
                emulator.admin("DELETE", "/__emulator/requests")
                started = time.monotonic()
                run = dactl(options.dactl, emulator, project,
                            command + ["--parallelism", str(parallelism)])
                elapsed = time.monotonic() - started
                if run.returncode != 0:
                    raise RuntimeError("%s failed: %s" % (command[0], run.stderr))
                figures[command[0]] = (elapsed, log_figures(emulator)["requests"])
            return changes, figures
        finally:
            emulator.stop()


def report(results, benchmarks, quick):
    lines = [
        "# Reliability: the fault matrix",
        "",
        "Generated by `python3 scripts/reliability.py --out docs/reliability.md` "
        "(after `./scripts/test.sh` has built `build/`); do not edit by hand. Each scenario "
        "starts `genesys-emulator` with an org made by `tests/emulator/make_seed.py`, turns "
        "the faults on through the admin API, runs `dactl apply --auto-approve` once and "
        "then, with the faults off, checks that the org holds every managed field as "
        "declared, that every other field of every action is unchanged, that "
        "`.dactl/state.json` records every managed action (mode 0600), and that "
        "`dactl plan --detailed-exitcode` finds nothing to do. The manifests manage twice "
        "as many actions as they change; a quarter of the changes also rewrite a header map.",
        "",
        "Faults are counted from the emulator's request log; *client timeouts* (answers later "
        "than `request_timeout_seconds`) and *retries* (reads and logins the client sent again "
        "after a 429, 5xx, timeout or lost connection; a write is never re-sent blindly, so "
        "re-sent writes show only in the extra requests) from dactl's `--verbose` log. *Extra requests* "
        "are those beyond the same run without faults (retries, re-reads, re-sent writes, fresh "
        "logins). "
        "The ctest `reliability_quick` runs the same checks on smaller orgs."
        + (" (This file was written in --quick mode.)" if quick else ""),
        "",
        "| scenario | actions / changes | 429 | 5xx | dropped | 409 | 401 | client timeouts | retries | requests | extra requests | wall time | outcome |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scenario, figures, baseline, problems in results:
        extra = figures["requests"] - baseline if baseline is not None else 0
        outcome = "converged, unmanaged fields intact" if not problems else "FAILED"
        lines.append("| %s | %d / %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f s | %s |" % (
            scenario["name"], scenario["actions"], scenario["changes"], figures["429"],
            figures["5xx"], figures["dropped"], figures["409"], figures["401"],
            figures["timeouts"], figures["retries"], figures["requests"], extra,
            figures["seconds"], outcome))
    lines += [
        "",
        "Reading the table:",
        "- The emulator keeps its default limit of 300 requests per 60 s per token in every "
        "scenario, while the test projects lift dactl's own pacing (`requests_per_minute = "
        "10000`) so that the faults, not the pacing, set the pace. A run of more than 300 "
        "requests therefore meets a 429 and waits the `Retry-After` the API asks for. With "
        "dactl's default pacing (300 per minute) it would wait before sending instead: see "
        "the \"met by pacing\" row, where the emulator's limit equals the pacing.",
        "- A write whose connection is dropped was applied all the same. dactl re-reads the "
        "action before writing again; curl may also resend a request on a reused connection "
        "that died unanswered, and such a resend meets a 409 because the version moved on. "
        "Either way the versioned PATCH is never applied twice.",
        "- Stale reads cost re-reads: the writes of a wave are confirmed together, and the "
        "ones a read still shows unchanged are read again together after 0.25, 0.5, 1, 2 "
        "and 4 s until the change shows.",
        "- 401s come from tokens expired through the admin API while the run goes on; each "
        "costs one fresh login and a retry.",
        "",
        "## What is guaranteed beyond the matrix",
        "",
        "Each line is held by the ctest named after it, on every CI run.",
        "",
        "- **Ctrl-C, SIGTERM, SIGHUP** (`e2e_interrupts`, `e2e_signals`): no request starts "
        "after the signal and none is retried; requests in flight get 2 s, then are cut. A "
        "write whose answer was cut is classified by one read that is not cut short, so the "
        "state records exactly what was applied and the summary says `applied` or `not "
        "attempted` per action (or, when even that read failed, that the write may have been "
        "applied and plan will tell). The lock is released; the exit code is "
        "130. A second Ctrl-C leaves at once: the state is the old or the new file, never "
        "torn. Waiting for another run's lock, or at the approval prompt, ends at once too.",
        "- **A closed standard output** (`dactl apply | head -1`, `e2e_interrupts`): SIGPIPE "
        "is ignored and the failed write stops the run as Ctrl-C would; the org, the state "
        "and the lock are consistent and the next apply converges. Exit 1, with one line on "
        "standard error.",
        "- **probe --via-draft** (`e2e_interrupts`): its draft is deleted after Ctrl-C, SIGHUP "
        "and `| head -1`; a draft left by `kill -9` carries ` (dactl probe)` in its name and "
        "the next probe removes it, with a note.",
        "- **Hostile inputs** (`e2e_hostile`, under AddressSanitizer in CI, and the fuzzers of "
        "docs/fuzzing.md): every command, against manifests that are binary, zeroed, invalid "
        "UTF-8, 1 MiB a line or 5,000 keys deep; state files, saved plans and locks that are "
        "zeroed, torn, nested deep, a directory or a FIFO; settings that make no sense; and "
        "a server answering HTML, redirects, garbage, deep JSON or nothing: exit 0, 1 or 2, "
        "one `Error:` line of valid UTF-8 with control characters escaped, and the org "
        "untouched.",
        "- **The server's word** (provider tests): a read-back of another action, a listing "
        "that contradicts itself (read once more first), a template that is an HTML page, "
        "and a saved plan or state of another org (`GET /api/v2/organizations/me`) are "
        "refused before anything is written.",
        "- **Secrets** (`e2e_secrets`): the client secret, its Basic form and every token "
        "issued are absent from the output, `--verbose` logs, reports, saved plans and state "
        "files of every command, on the failing paths too.",
    ]
    if benchmarks:
        lines += ["", "## Speed", "",
                  "Wall time and requests with 50 ms of latency added to every answer "
                  "(changes: a fifth of the org).", "",
                  "| actions | changes | parallelism | plan | plan requests | apply | apply requests |",
                  "|---|---|---|---|---|---|---|"]
        for actions, changes, parallelism, figures in benchmarks:
            lines.append("| %d | %d | %d | %.2f s | %d | %.2f s | %d |" % (
                actions, changes, parallelism, figures["plan"][0], figures["plan"][1],
                figures["apply"][0], figures["apply"][1]))
    lines += ["", "Machine: %d cores; %s." % (os.cpu_count() or 0, time.strftime("%Y-%m-%d")), ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller orgs (for CI)")
    parser.add_argument("--dactl", default=os.path.join(ROOT, "build/cmd/dactl"))
    parser.add_argument("--emulator", default=os.path.join(ROOT, "build/tests/emulator/genesys-emulator"))
    parser.add_argument("--out", help="write the Markdown report here")
    parser.add_argument("--only", help="comma-separated scenario names (substrings)")
    parser.add_argument("--no-benchmarks", action="store_true")
    parser.add_argument("--log-dir", help="keep each apply's --verbose output there")
    options = parser.parse_args()

    baselines = {}
    results = []
    failed = False
    for scenario in scenarios(options.quick):
        if options.only and not any(part in scenario["name"] for part in options.only.split(",")):
            continue
        figures, problems = run_scenario(options, scenario)
        size = (scenario["actions"], scenario["changes"])
        if scenario["name"] == "no faults":
            baselines[size] = figures["requests"]
        if size not in baselines:
            baseline_scenario = dict(scenario, name="no faults", faults={})
            baseline_scenario.pop("expire_tokens_every", None)
            baselines[size] = run_scenario(options, baseline_scenario)[0]["requests"]
        results.append((scenario, figures, baselines[size], problems))
        print("%-45s %s  %d requests, %.1f s" % (scenario["name"], "ok" if not problems else "FAILED",
                                                figures["requests"], figures["seconds"]), flush=True)
        for problem in problems:
            print("    " + problem)
        failed = failed or bool(problems)
    benchmarks = []
    if options.out and not options.no_benchmarks and not options.quick:
        for actions in (300, 500):
            for parallelism in (1, 10):
                changes, figures = benchmark(options, actions, 50, parallelism)
                benchmarks.append((actions, changes, parallelism, figures))
                print("benchmark %d actions, parallelism %d: plan %.2f s, apply %.2f s" % (
                    actions, parallelism, figures["plan"][0], figures["apply"][0]), flush=True)
    if options.out:
        with open(options.out, "w") as out:
            out.write(report(results, benchmarks, options.quick))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
