#!/usr/bin/env python3
"""The token pool at the API's real limits, end to end.

The emulator enforces 300 requests per minute per token and 3,000 per OAuth
client (sliding windows, 429 with Retry-After) on a scaled clock: one emulated
minute lasts 3 real seconds (--rate-time-scale 0.05), and dactl is told the same
scale (DACTL_API_TIME_SCALE). Every figure below is read from the emulator's
request log, which records each request's token and emulated arrival time.
Checked: an apply of 1,000 changes over 1,000 actions within 0.5 emulated
minutes, no 429, no more logins than tokens used, every token's window and the
client's kept; a plan of 1,000 actions with one login; `tokens = 1` paced as one
token; a token expired mid-run renewed alone.

usage: token_pool_test.py DACTL EMULATOR
"""

import os
import subprocess
import sys
import time

from dactl_e2e import (check, dactl, dactl_environment, desired_actions, log_figures, run_tests,
                       start_org, window_peaks)

SCALE = "0.05"
SCALED = {"DACTL_API_TIME_SCALE": SCALE}


def started(workdir, name, actions, api, switches=()):
    directory = os.path.join(workdir, name)
    os.mkdir(directory)
    return start_org(sys.argv[2], directory, actions, desired_actions(actions, actions, False), api,
                     ["--rate-time-scale", SCALE] + list(switches))


def test_pool_at_the_real_limits(workdir):
    print("apply of 1,000 changes at 300/min per token, 3,000/min per client", flush=True)
    project, emulator = started(workdir, "pool", 1000, {"requests_per_minute": 300})
    try:
        run = dactl(sys.argv[1], emulator, project, ["apply", "--auto-approve", "--verbose"],
                    extra=SCALED)
        check(run.returncode == 0, "apply exited %d: %s" % (run.returncode, run.stderr[-2000:]))
        check("Apply complete: 1000 changed" in run.stdout, "summary: %s" % run.stdout[-300:])
        issued = emulator.admin("GET", "/__emulator/tokens")["tokens"]
        check(len(issued) >= 2 and not any(token in run.stdout + run.stderr for token in issued),
              "a token in the output")
        announced = [line for line in run.stderr.splitlines() if " in use: " in line]
        check(len(announced) == len(issued) and
              announced[-1].startswith("dactl:   token %d " % len(issued)) and
              announced[-1].endswith(" in use: %d held, at most 10" % len(issued)),
              "the pool's tokens in the log: %s" % announced)
        requests = emulator.admin("GET", "/__emulator/requests")["requests"]
        figures = log_figures(emulator)
        peaks = window_peaks(requests)
        tokens = sorted(peaks["per_token"])
        check(figures["429"] == 0 and figures["401"] == 0, "refusals: %s" % figures)
        check(figures["logins"] == len(tokens) and 2 <= len(tokens) <= 10,
              "logins %d, tokens used %s" % (figures["logins"], tokens))
        check(max(peaks["per_token"].values()) <= 300, "per token: %s" % peaks["per_token"])
        check(peaks["client"] <= 3000, "client: %d" % peaks["client"])
        check(peaks["span_ms"] <= 30000, "took %.1f emulated s" % (peaks["span_ms"] / 1000))
        print("  %d requests, %d tokens, %.1f emulated s" %
              (figures["requests"], len(tokens), peaks["span_ms"] / 1000), flush=True)

        print("a plan of 1,000 actions makes one login", flush=True)
        emulator.admin("DELETE", "/__emulator/requests")
        plan = dactl(sys.argv[1], emulator, project, ["plan", "--detailed-exitcode"], extra=SCALED)
        check(plan.returncode == 0, "plan exited %d: %s" % (plan.returncode, plan.stdout[-500:]))
        check(log_figures(emulator)["logins"] == 1, "plan: %s" % log_figures(emulator))
        emulator.admin("DELETE", "/__emulator/requests")
        drift = dactl(sys.argv[1], emulator, project, ["drift"], extra=SCALED)
        check(drift.returncode == 0, "drift exited %d: %s" % (drift.returncode, drift.stderr))
        check(log_figures(emulator)["logins"] == 1, "drift: %s" % log_figures(emulator))
    finally:
        emulator.stop()


def test_one_token(workdir):
    print("tokens = 1: one token, paced at 300 a minute", flush=True)
    project, emulator = started(workdir, "one", 400, {"requests_per_minute": 300, "tokens": 1})
    try:
        run = dactl(sys.argv[1], emulator, project, ["apply", "--auto-approve", "--verbose"],
                    extra=SCALED)
        check(run.returncode == 0, "apply exited %d: %s" % (run.returncode, run.stderr[-2000:]))
        requests = emulator.admin("GET", "/__emulator/requests")["requests"]
        figures = log_figures(emulator)
        peaks = window_peaks(requests)
        check(figures["logins"] == 1 and figures["429"] == 0, "figures: %s" % figures)
        check(list(peaks["per_token"].values()) == [300], "per token: %s" % peaks["per_token"])
        check(peaks["span_ms"] >= 60000, "a second window was waited for: %.1f emulated s" %
              (peaks["span_ms"] / 1000))
        check("to stay within 300 requests per minute of token 1 " in run.stderr,
              "the pacing is logged with the token")
    finally:
        emulator.stop()


def test_token_expired_mid_run(workdir):
    print("a token expired mid-run is renewed alone", flush=True)
    project, emulator = started(workdir, "expiry", 200, {"requests_per_minute": 60, "tokens": 2},
                                ["--rate-limit", "60/60"])
    try:
        environment = dactl_environment(emulator)
        environment.update(SCALED)
        process = subprocess.Popen([sys.argv[1], "-C", project, "apply", "--auto-approve"],
                                   env=environment, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        expired = False
        while process.poll() is None and not expired:
            requests = emulator.admin("GET", "/__emulator/requests")["requests"]
            if any(entry["token"] == 2 for entry in requests):
                emulator.admin("POST", "/__emulator/tokens/expire", {"number": 1})
                expired = True
            time.sleep(0.02)
        out, err = process.communicate(timeout=300)
        check(expired, "the second token was never used")
        check(process.returncode == 0, "apply exited %d: %s" % (process.returncode, err[-2000:]))
        requests = emulator.admin("GET", "/__emulator/requests")["requests"]
        figures = log_figures(emulator)
        refused = [index for index, entry in enumerate(requests) if entry["status"] == 401]
        check(refused and all(requests[index]["token"] == 1 for index in refused),
              "401s: %s" % [requests[index] for index in refused])
        after = requests[refused[0] + 1:] if refused else []
        check(figures["logins"] == 3, "logins: %s" % figures)
        # Requests already in flight with token 1 meet their 401 too; none is sent after.
        check(all(entry["status"] == 401 for entry in after if entry["token"] == 1),
              "token 1 used after its 401")
        check(any(entry["token"] == 2 for entry in after), "token 2 dropped with token 1")
        check(any(entry["token"] == 3 for entry in after), "token 1 never renewed")
        check(figures["429"] == 0, "429s: %s" % figures)
        plan = dactl(sys.argv[1], emulator, project, ["plan", "--detailed-exitcode"], extra=SCALED)
        check(plan.returncode == 0, "plan after exited %d" % plan.returncode)
    finally:
        emulator.stop()


def body(workdir):
    test_pool_at_the_real_limits(workdir)
    test_one_token(workdir)
    test_token_expired_mid_run(workdir)


if __name__ == "__main__":
    sys.exit(run_tests(body))
