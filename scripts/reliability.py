#!/usr/bin/env python3
"""The fault matrix of dactl apply against genesys-emulator, and its report.

usage: PYTHONPATH=tests/support:tests/emulator scripts/reliability.py [--quick] [--dactl PATH] [--emulator PATH] [--out FILE]
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
import os
import sys
import tempfile
import threading
import time

# The harness lives in tests/support (on PYTHONPATH with tests/emulator, as ctest sets them).
from dactl_e2e import (QUIET_SETTINGS, dactl, desired_actions, log_figures, org_problems,
                       start_org, state_problems)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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


HOSTILE_CASES = [
    ("`PUT .../draft/function` raises the draft's version (emulator `--draft-versions rise`)",
     'the draft is read again after the last write and published at that version; under `fixed` too',
     '`e2e_functions`, provider tests'),
    ('a draft answer without `category` or `name`',
     'the `PATCH .../draft` sends only the members it read',
     'provider tests'),
    ('one signal delivered twice (GNU `timeout`, a process group), a CI cancel (SIGINT then SIGTERM)',
     "one stop: state written, lock released, probe's draft deleted; only Ctrl-C pressed again a second later aborts",
     '`e2e_interrupts` (repeated runs), `e2e_signals`'),
    ('custom authentication actions with ids like any other (emulator `--auth-ids plain`)',
     'told apart by the listing (`includeAuthActions` off), never by id; a declaration naming one is refused naming it',
     '`e2e_rules` under both shapes'),
    ("executions cut off by a function's own timeout",
     "verdict `timing out`, the note names `function.timeout_seconds`; `--write` leaves the action's timeout",
     '`e2e_functions`'),
    ('a managed secret header typed over by hand',
     'drift shows `~ "Authorization": ... -> (sensitive)` in text and JSON',
     '`e2e_secrets`'),
    ('10,050 audit entries for one action, a stalled audit query, a future `applied_at`',
     "newest first, five lines per action and a count of the rest, the trail's cut-off said; 15 s per query, 30 s in all",
     '`e2e_audit`, engine tests'),
    ('a `pageCount` of 5000, a short page before the last, an id twice, a total the pages do not hold',
     'page 1 is checked before more are asked for (1 request, not 298); read once more, then refused; the same for integrations',
     'provider tests'),
    ('an integration without `integrationType`',
     'refused, naming it',
     'provider tests'),
    ('ESC sequences, newlines, backticks, HTML and @-mentions in action names and audit user names',
     'escaped for the medium in one place (`engine/util/escape.h`): `\\u001b` on a terminal, a longer code fence in Markdown, entities in HTML, no mention; JSON carries the text as it is',
     '`e2e_escaping`, engine tests'),
    ('an action id holding control or invisible characters',
     'refused before it reaches a message or the state',
     'provider tests'),
    ('negative percentiles, p99 above max, 1e308, counts of -5, 2.5 or 1e20',
     'refused, naming the action and the value as given (`1e+20`)',
     'provider tests'),
    ('`region` or `api_url` mistyped, top level or in `[env.<name>]`',
     '`validate` names `dactl.toml:line:col` and the valid regions',
     'cli tests'),
    ('`--adopt-into` or `import --into` outside the project, `dactl.toml`, a hidden path or not `.toml`',
     'refused before anything is read',
     'cli tests'),
    ('a no-op apply',
     'the state is not rewritten; its serial stays',
     'engine and cli tests'),
    ('a cancelled `apply --format json`; `yes\\r\\n` at the prompt',
     'a JSON document with every change `not attempted`; yes is yes',
     'cli tests'),
    ('a state written before environments were declared',
     'a warning naming it and the `git mv` that moves it',
     'cli tests'),
    ('an id listing several (`a,b`), with spaces or a zero-width character; an NFC/NFD name',
     'refused at `file:line:col`; the look-alike name is named as a normalization difference',
     'engine tests'),
    ("`--target '*'`",
     'the whole project, not a partial run',
     'cli tests'),
]


def report(results, benchmarks, quick):
    lines = [
        "# Reliability: the fault matrix",
        "",
        "Generated by `PYTHONPATH=tests/support:tests/emulator python3 scripts/reliability.py "
        "--out docs/reliability.md` "
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
        "",
        "## Hostile cases tried",
        "",
        "Each found by trying the product as a hostile user or server would (issue 27), each "
        "held by the tests named.",
        "",
        "| case | what dactl does | held by |",
        "|---|---|---|",
    ]
    lines += ["| %s | %s | %s |" % case for case in HOSTILE_CASES]
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
