#!/usr/bin/env python3
"""dactl insights end to end, against genesys-emulator's analytics.

The seed gives five actions a week of traffic (deterministic): one timing out
(timeout 3 s, latency 1-4 s), one at risk (p99 about 2.6 s at 3 s), a healthy
one, and two no manifest manages (one timing out, one at risk); one managed
action has no traffic and a custom-auth one has traffic but takes no timeout.
Checked: verdicts, recommendations, --all, --write and --adopt-into followed
by plan, a configured timeout_error_types, missing percentiles, a 30-day
window, an interval the API refuses, 403, --since-apply, and every request count.

usage: insights_test.py DACTL EMULATOR
"""

import datetime
import json
import os
import sys

from dactl_e2e import check, run_tests
from insights_org import AGGREGATES, Org, action_id


def by_name(document):
    return {entry["name"]: entry for entry in document["actions"]}


def test_verdicts_and_requests(org):
    print("verdicts and recommendations over a week of traffic", flush=True)
    project = org.new_project()
    run = org.run(project, "insights", "--format", "json")
    check(run.returncode == 0, "insights exited %d: %s" % (run.returncode, run.stderr))
    counts = org.counts()
    # The flows calling the two actions timing out or at risk, and the org's
    # limit for the blast radius (docs/impact.md).
    check(counts == {"POST /oauth/token": 1, "GET /api/v2/integrations/actions": 1,
                      "GET /api/v2/integrations": 1, AGGREGATES: 2,
                      "GET /api/v2/architect/dependencytracking/consumingresources": 2,
                      "GET /api/v2/organizations/limits/namespaces/integrations": 1},
          "requests: %s" % counts)
    document = json.loads(run.stdout)
    check(document["command"] == "insights" and document["queries"] == 2, "header: %s" % document)
    actions = by_name(document)
    check(sorted(actions) == ["At Risk", "Healthy", "Idle", "Timing Out"],
          "managed only: %s" % sorted(actions))
    check([entry["name"] for entry in document["actions"]] == ["Timing Out", "At Risk", "Healthy", "Idle"],
          "worst first: %s" % [entry["name"] for entry in document["actions"]])
    slow = actions["Timing Out"]
    check(slow["verdict"] == "timing out" and slow["recommended_timeout_seconds"] == 5 and
          slow["recommendation_at_least"] and slow["executions"] == 700 and 150 <= slow["timeouts"] <= 320
          and slow["max_ms"] == 3000 and slow["address"] == "action.timing_out", "timing out: %s" % slow)
    check(slow["failures"] == [{"error_type": "REQUEST_TIMEOUT", "response_status": "504",
                                "count": slow["timeouts"], "timeout": True}], "failures: %s" % slow["failures"])
    risky = actions["At Risk"]
    check(risky["verdict"] == "at risk" and risky["recommended_timeout_seconds"] == 4 and
          not risky["recommendation_at_least"] and risky["timeouts"] == 0 and
          2400 <= risky["p99_ms"] <= 2620 and risky["percentiles"] == "measured", "at risk: %s" % risky)
    healthy = actions["Healthy"]
    # p99 0.4 s x 1.5 asks for 1 s: the floor of 3 s decides, and says so.
    check(healthy["verdict"] == "ok" and healthy["recommended_timeout_seconds"] == 3 and
          healthy["recommendation_floored"], "healthy: %s" % healthy)
    idle = actions["Idle"]
    check(idle["verdict"] == "no traffic" and idle["recommended_timeout_seconds"] is None and
          idle["p99_ms"] is None, "idle: %s" % idle)
    check(document["summary"] == {"timing_out": 1, "at_risk": 1, "ok": 1, "no_traffic": 1},
          "summary: %s" % document["summary"])

    text = org.run(project, "insights", "--detailed-exitcode")
    check(text.returncode == 2, "--detailed-exitcode with actions timing out: %d" % text.returncode)
    lines = text.stdout.splitlines()
    check(lines[0].split() == ["ACTION", "EXECUTIONS", "TIMEOUTS", "FAILURES", "P95", "P99", "MAX",
                               "CURRENT", "VERDICT", "RECOMMENDED"], "heading: %r" % lines[0])
    row = lines[1].split()
    check(row[0] == "action.timing_out" and row[-3:] == ["out", ">=", "s"] or
          (row[0] == "action.timing_out" and " timing out  " in lines[1] and lines[1].endswith(">= 5 s")),
          "timing out row: %r" % lines[1])
    check("4 actions, " in text.stdout and ": 1 timing out, 1 at risk, 1 ok, 1 no traffic (2 analytics queries)."
          in text.stdout, "summary line: %s" % text.stdout)
    check("measure it with dactl probe --via-draft action.timing_out" in text.stdout, "lower bound note")
    check(text.stderr == "", "stderr: %r" % text.stderr)
    check("    p99 x headroom asks for 1 s; the floor of 3 s decided (--min-timeout)\n" in text.stdout,
          "the floor note: %s" % text.stdout)
    one = org.run(project, "insights", "--format", "json", "action.healthy")
    check([entry["name"] for entry in json.loads(one.stdout)["actions"]] == ["Healthy"], "one address")
    lower = org.run(project, "insights", "--format", "json", "--min-timeout", "1", "action.healthy")
    document = json.loads(lower.stdout)
    entry = document["actions"][0]
    check(document["min_timeout_seconds"] == 1 and entry["recommended_timeout_seconds"] == 1 and
          not entry["recommendation_floored"], "--min-timeout 1: %s" % entry)
    bad = org.run(project, "insights", "--min-timeout", "0")
    check(bad.returncode == 1 and
          bad.stderr == "Error: --min-timeout must be a whole number from 1 to 60, not 0\n",
          "--min-timeout 0: %r" % bad.stderr)


def test_all(org):
    print("--all finds the actions nobody manages", flush=True)
    project = org.new_project()
    run = org.run(project, "insights", "--all", "--format", "json")
    check(run.returncode == 0, "insights --all exited %d: %s" % (run.returncode, run.stderr))
    actions = by_name(json.loads(run.stdout))
    check(sorted(actions) == ["At Risk", "Healthy", "Idle", "Timing Out", "Unmanaged Close", "Unmanaged Slow"],
          "every action but the custom-auth one: %s" % sorted(actions))
    check(actions["Unmanaged Slow"]["address"] is None and actions["Unmanaged Slow"]["verdict"] == "timing out",
          "unmanaged slow: %s" % actions["Unmanaged Slow"])
    check(actions["Unmanaged Close"]["verdict"] == "at risk" and
          actions["Unmanaged Close"]["recommended_timeout_seconds"] == 7, "unmanaged close: %s" % actions["Unmanaged Close"])
    check(org.counts()[AGGREGATES] == 2, "--all costs the same two queries")


def test_write_adopt_and_plan(org):
    print("--write and --adopt-into, then plan shows exactly the recommendations", flush=True)
    project = org.new_project()
    run = org.run(project, "insights", "--all", "--write", "--adopt-into", "adopted.toml")
    check(run.returncode == 0, "insights --write exited %d: %s" % (run.returncode, run.stderr))
    check(run.stderr ==
          "action.timing_out: not written: the measurement was cut off at the timeout (a lower bound); "
          "measure it with --via-draft\n"
          "Set timeout_seconds = 4 for action.at_risk in actions.toml\n"
          "Adopted action.unmanaged_slow into adopted.toml\n"
          "Adopted action.unmanaged_close into adopted.toml\n", "notes: %r" % run.stderr)
    with open(os.path.join(project, "adopted.toml")) as source:
        adopted = source.read()
    check('[action.unmanaged_close]\nid = "%s"\ntimeout_seconds = 7\n' % action_id(6) in adopted and
          '# timing out: needs at least 5 s (a lower bound, not written); measure it with dactl probe '
          '--via-draft\n[action.unmanaged_slow]\nid = "%s"\ntimeout_seconds = 3\n' % action_id(5) in adopted,
          "adopted.toml: %s" % adopted)
    plan = org.run(project, "plan", "--format", "json")
    check(plan.returncode == 0, "plan exited %d: %s" % (plan.returncode, plan.stderr))
    changes = [(change["address"], [(field["field"], field["before"], field["after"]) for field in change["fields"]])
               for change in json.loads(plan.stdout)["changes"]]
    check(changes == [("action.at_risk", [("timeout_seconds", 3, 4)]),
                      ("action.unmanaged_close", [("timeout_seconds", 5, 7)])], "plan: %s" % changes)
    again = org.run(project, "insights", "--all", "--write")
    check(again.returncode == 1 and again.stderr.startswith("Error: --all --write needs --adopt-into FILE"),
          "--all --write without --adopt-into: %r" % again.stderr)


def test_timeout_error_types(org):
    print("a configured timeout_error_types is honoured", flush=True)
    org.settings({"analyticsTimeoutErrorType": "GATEWAY_GAVE_UP"})
    try:
        listed = org.new_project('[insights]\ntimeout_error_types = ["GATEWAY_GAVE_UP"]\n')
        run = org.run(listed, "insights", "--format", "json", "action.timing_out")
        slow = json.loads(run.stdout)["actions"][0]
        check(slow["timeouts"] > 0 and slow["failures"][0]["error_type"] == "GATEWAY_GAVE_UP" and
              slow["verdict"] == "timing out", "listed: %s" % slow)
        other = org.new_project('[insights]\ntimeout_error_types = ["SOMETHING_ELSE"]\n')
        run = org.run(other, "insights", "--format", "json", "action.timing_out")
        slow = json.loads(run.stdout)["actions"][0]
        check(slow["timeouts"] == 0 and slow["failures"][0]["timeout"] is False and
              slow["verdict"] == "at risk", "not listed: %s" % slow)
        text = org.run(other, "insights", "action.timing_out")
        check('failed with errorType "GATEWAY_GAVE_UP", responseStatus "504" (not a timeout)' in text.stdout,
              "the raw values are shown: %s" % text.stdout)
    finally:
        org.settings({"analyticsTimeoutErrorType": "REQUEST_TIMEOUT"})


def test_percentiles_missing(org):
    print("without percentiles the max is used, and said", flush=True)
    org.settings({"analyticsPercentiles": False})
    try:
        project = org.new_project()
        run = org.run(project, "insights", "--format", "json", "action.healthy")
        healthy = json.loads(run.stdout)["actions"][0]
        check(healthy["percentiles"] == "unavailable" and healthy["p99_ms"] is None and
              healthy["recommended_timeout_seconds"] == 3 and
              healthy["notes"][0].startswith("the analytics gave no p95 or p99: the max ("),
              "healthy: %s" % healthy)
    finally:
        org.settings({"analyticsPercentiles": True})


def test_long_windows(org):
    print("30 days are at most 10 queries; a refused interval gets smaller chunks", flush=True)
    project = org.new_project()
    run = org.run(project, "insights", "--since", "30d", "--format", "json")
    check(run.returncode == 0, "--since 30d exited %d: %s" % (run.returncode, run.stderr))
    check(org.counts()[AGGREGATES] == 10, "30 days: %s" % org.counts())
    check(by_name(json.loads(run.stdout))["Timing Out"]["executions"] == 700, "30 days hold the week")
    org.settings({"analyticsMaxIntervalDays": 2})
    try:
        run = org.run(project, "insights", "--format", "json")
        check(run.returncode == 0, "max interval 2 days: %d %s" % (run.returncode, run.stderr))
        queries = org.counts()[AGGREGATES]
        check(queries == 1 + 1 + 7 * 2, "7 days refused, then 3-day chunks refused, then 1-day: %d" % queries)
        check(by_name(json.loads(run.stdout))["Timing Out"]["executions"] == 700, "same executions")
    finally:
        org.settings({"analyticsMaxIntervalDays": 7})
    bad = org.run(project, "insights", "--since", "91d")
    check(bad.returncode == 1 and bad.stderr == "Error: --since must be from 1h to 90d, not 91d\n",
          "--since 91d: %r" % bad.stderr)


def test_forbidden(org):
    print("403: one line naming the permission", flush=True)
    org.settings({"analyticsForbidden": True})
    try:
        run = org.run(org.new_project(), "insights")
        check(run.returncode == 1 and run.stdout == "" and run.stderr ==
              "Error: the OAuth client may not read the analytics (HTTP 403): its role needs the "
              "permission integrations:action:view (or bridge:actions:view) and its grant the scope "
              "analytics or analytics:readonly\n", "403: %r" % run.stderr)
    finally:
        org.settings({"analyticsForbidden": False})


def test_since_apply(org):
    print("--since-apply: one action fixed, one still timing out", flush=True)
    project = org.new_project()
    with open(os.path.join(project, "actions.toml"), "w") as out:
        out.write('[action.timing_out]\nname = "Timing Out"\ntimeout_seconds = 6\n\n'
                  '[action.unfixed]\nname = "Unmanaged Slow"\ntimeout_seconds = 4\n\n'
                  '[action.healthy]\nname = "Healthy"\ntimeout_seconds = 10\n')
    before = org.run(project, "insights", "--since-apply")
    check(before.returncode == 1 and before.stderr.startswith("Error: --since-apply needs the last apply"),
          "without a state: %r" % before.stderr)
    applied = org.run(project, "apply", "--auto-approve")
    check(applied.returncode == 0, "apply exited %d: %s" % (applied.returncode, applied.stderr))
    state_path = os.path.join(project, ".dactl", "state.json")
    with open(state_path) as source:
        state = json.load(source)
    two_hours_ago = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=2))
    for entry in state["actions"]:
        entry["applied_at"] = two_hours_ago.strftime("%Y-%m-%dT%H:%M:%SZ")
    with open(state_path, "w") as out:
        json.dump(state, out)
    org.emulator.admin("DELETE", "/__emulator/traffic")
    for number, latency in ((1, [1000, 4000]), (5, [2000, 6000]), (3, [200, 400])):
        org.emulator.admin("POST", "/__emulator/traffic", {
            "actionId": action_id(number), "count": 200, "fromSecondsAgo": 4 * 3600 - 60,
            "toSecondsAgo": 2 * 3600 + 60, "latencyMs": latency, "timeoutSeconds": 3})
        org.emulator.admin("POST", "/__emulator/traffic", {
            "actionId": action_id(number), "count": 200, "fromSecondsAgo": 2 * 3600 - 60,
            "latencyMs": latency})
    run = org.run(project, "insights", "--since-apply", "--format", "json", "--detailed-exitcode")
    check(run.returncode == 2, "--since-apply exited %d: %s" % (run.returncode, run.stderr))
    # The state records the org: it is read once to check the state is this org's.
    check(org.counts() == {"POST /oauth/token": 1, "GET /api/v2/integrations/actions": 1,
                            "GET /api/v2/integrations": 1, "GET /api/v2/organizations/me": 1,
                            AGGREGATES: 4},
          "requests: %s" % org.counts())
    document = json.loads(run.stdout)
    verdicts = {entry["address"]: (entry["verdict"], entry["before"]["timeouts"] > 0, entry["after"]["timeouts"])
                for entry in document["actions"]}
    check(verdicts["action.timing_out"] == ("fixed", True, 0), "timing out: %s" % verdicts)
    check(verdicts["action.unfixed"][0] == "still timing out" and verdicts["action.unfixed"][2] > 0,
          "unfixed: %s" % verdicts)
    check(set(verdicts) == {"action.timing_out", "action.unfixed"},
          "only the actions the last apply changed: %s" % verdicts)
    text = org.run(project, "insights", "--since-apply")
    check("2 actions changed by the apply at " in text.stdout and
          ": 1 fixed, 0 improved, 1 still timing out, 0 not enough traffic yet, 0 ok (4 analytics queries)."
          in text.stdout, "summary: %s" % text.stdout)


def main():
    def body(workdir):
        org = Org(workdir)
        try:
            for test in (test_verdicts_and_requests, test_all, test_write_adopt_and_plan,
                         test_timeout_error_types, test_percentiles_missing, test_long_windows,
                         test_forbidden, test_since_apply):
                test(org)
        finally:
            org.stop()
    return run_tests(body, __doc__)


if __name__ == "__main__":
    sys.exit(main())
