#!/usr/bin/env python3
"""End to end: the shipped demo (examples/demo against examples/seeds/demo-org.json,
the org scripts/demo.sh starts), as a team would use it.

The demo's project has declared actions, one selected by id and a rule
(rule.payments_floor) governing the payments actions. insights --all --write
--adopt-into adopted.toml must govern as plan does: the rule-governed Check
Fraud Score is named by its address and never adopted, no timeout is written
past the rule, lower bounds are not written; then the plan succeeds with
exactly the changes the manifests and the rule ask for, the apply converges,
and a hand edit is caught by drift, naming who made it.

usage: demo_test.py DACTL EMULATOR
"""

import os
import re
import shutil
import subprocess
import sys

from dactl_e2e import CLIENT_ID, CLIENT_SECRET, Emulator, check, run_tests

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FETCH_CUSTOMER_HISTORY = "custom_-_9a0b4c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d"

WRITTEN = (
    "action.check_fraud_score: not written: the measurement was cut off at the timeout (a lower "
    "bound) and rule.payments_floor governs it; measure it with dactl probe --via-draft\n"
    "action.order_status: not written: the manifest already sets 8 s, at least the recommended "
    "5 s\n"
    "action.customer_history: not written: the measurement was cut off at the timeout (a lower "
    "bound); measure it with --via-draft\n"
    "No unmanaged action is timing out or at risk; adopted.toml was not changed\n")

PLAN_SUMMARY = "Plan: 5 to change, 2 unchanged; 2 actions governed by rules.\n"
# The seed's daily peak of Lookup Order Status: 120 a minute, 1,800 a quarter hour.
BLAST_ORDERS = re.compile(
    r"    if https://orders\.example\.com/ hangs, its 1 action would hold 7 -> 17 of the org's 50 "
    r"concurrent executions\n    this action: 120 runs a minute at its peak x 8 s = 16\.1 slots "
    r"\(6\.1 at 3 s\); in use at that peak today: \d\.\d\n")


def runner(project, emulator):
    environment = dict(os.environ, DACTL_API_URL=emulator.url, GENESYSCLOUD_OAUTHCLIENT_ID=CLIENT_ID,
                       GENESYSCLOUD_OAUTHCLIENT_SECRET=CLIENT_SECRET, NO_COLOR="1")
    for name in ("GENESYSCLOUD_REGION", "DACTL_LOGIN_URL", "DACTL_ENV", "GITHUB_ACTIONS"):
        environment.pop(name, None)

    def run(*args):
        return subprocess.run([sys.argv[1], "-C", project] + list(args), env=environment,
                              capture_output=True, text=True, timeout=120)
    return run


def exited(done, code, what):
    return check(done.returncode == code, "%s exited %d, want %d:\n%s%s" % (
        what, done.returncode, code, done.stdout, done.stderr))


def demo(workdir):
    project = os.path.join(workdir, "project")
    shutil.copytree(os.path.join(ROOT, "examples/demo"), project)
    emulator = Emulator(sys.argv[2], os.path.join(ROOT, "examples/seeds/demo-org.json"), [],
                        workdir)
    try:
        run = runner(project, emulator)
        exited(run("validate"), 0, "validate")
        insights = run("insights", "--all", "--write", "--adopt-into", "adopted.toml")
        exited(insights, 0, "insights --all --write --adopt-into adopted.toml")
        check(insights.stderr == WRITTEN, "what insights wrote:\n" + insights.stderr)
        check("\naction.check_fraud_score " in insights.stdout and
              '"Check Fraud Score" (unmanaged' not in insights.stdout,
              "the governed action is named by its address:\n" + insights.stdout)
        check(not os.path.exists(os.path.join(project, "adopted.toml")), "adopted.toml was written")

        plan = run("plan")
        exited(plan, 0, "plan after insights")
        check(PLAN_SUMMARY in plan.stdout and "breaks" not in plan.stdout + plan.stderr and
              BLAST_ORDERS.search(plan.stdout) and
              plan.stdout.endswith("Limit: 50 concurrent executions, read from the org.\n") and
              "    ~ timeout_seconds: 3 -> 8   (rule.payments_floor: at least 8)\n" in plan.stdout,
              "the plan after insights:\n" + plan.stdout + plan.stderr)
        applied = run("apply", "--auto-approve")
        exited(applied, 0, "apply")
        check(applied.stdout.endswith("Apply complete: 5 changed, 2 unchanged.\n"),
              "apply:\n" + applied.stdout)
        exited(run("plan", "--detailed-exitcode"), 0, "plan after apply")

        emulator.admin("PATCH", "/__emulator/actions/%s?userId=u-jane&userName=Jane%%20Admin"
                       % FETCH_CUSTOMER_HISTORY, {"config": {"timeoutSeconds": 45}})
        drift = run("drift")
        exited(drift, 2, "drift after a hand edit")
        check("    ~ timeout_seconds: 10 -> 45\n" in drift.stdout and
              "by Jane Admin (user u-jane) at " in drift.stdout, "drift:\n" + drift.stdout)
        for done in (insights, plan, applied, drift):
            check(CLIENT_SECRET not in done.stdout + done.stderr, "the client secret was printed")
    finally:
        emulator.stop()


def main():
    return run_tests(demo, __doc__)


if __name__ == "__main__":
    sys.exit(main())
