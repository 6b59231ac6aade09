#!/usr/bin/env python3
"""End to end: a function data action's own timeout, against genesys-emulator.

Checks the issue's cases: 16 in a manifest is a validation error at its line
and column; plan shows `function.timeout_seconds: 15 -> 10` and warns when the
action's timeout is above the function's; function.timeout_seconds on an action
that runs no function is a plan error; apply goes through a draft (5 requests:
is there one, create, PUT the function, read the draft's version, publish; then
the confirming read), keeps the id and every other field, leaves no draft;
someone's draft is never touched; a failure between draft and publish leaves no
draft and the function as it was; export writes the function's timeout. Every
case runs under both settings of the emulator's functionTimeouts switch, each
with both of its draftVersions switch (a draft write raises the draft's
version, or not).

usage: functions_test.py DACTL EMULATOR
Exits 1 naming every failed check. Python 3 standard library only.
"""

import itertools
import json
import os
import sys

import dactl_e2e as harness
import make_seed
from dactl_e2e import api_call, check, has_draft, run_tests

LEAD = harness.action_id(1)
ORDER = harness.action_id(2)

MANIFEST = """[action.lead]
name = "Score Lead"
timeout_seconds = 12
function.timeout_seconds = 10
"""


def seed():
    lead = make_seed.make_action(1, None)
    lead["name"] = "Score Lead"
    lead["integrationId"] = "int-lambda"
    lead["category"] = "Functions"
    lead["config"]["timeoutSeconds"] = 12
    lead["_emulator"] = {"function": {"description": "scores a lead", "handler": "index.handler",
                                      "runtime": "nodejs18.x", "zipId": "zip-1"}}
    order = make_seed.make_action(2, None)
    order["name"] = "Get Order"
    order["integrationId"] = "int-rest"
    return [lead, order]


class Org(harness.Org):
    """The org of one function action and one REST action."""

    def __init__(self, workdir, switches):
        super().__init__(workdir, seed(), switches)

    def write(self, text):
        super().write("actions.toml", text)

    def run(self, *args):
        return super().run("--no-color", *args, timeout=120)

    def has_draft(self, id):
        return has_draft(self, id)

    def api(self, method, path, body):
        return api_call(self, method, path, body)


def function_of(org, id):
    """The published function, as the API answers it."""
    return json.loads(org.api("GET", "/api/v2/integrations/actions/%s/function" % id,
                              None))["function"]


def without_versions(stored):
    copy = json.loads(json.dumps(stored))
    copy.pop("version", None)
    return copy


def test_validation(org):
    print("function.timeout_seconds = 16 is a validation error at its line and column", flush=True)
    org.write(MANIFEST.replace("function.timeout_seconds = 10", "function.timeout_seconds = 16"))
    run = org.run("validate")
    check(run.returncode == 1, "validate exited %d" % run.returncode)
    expected = ("actions.toml:4:28: function.timeout_seconds must be a whole number of seconds "
                "from 1 to 15 (a function runs at most 15 s), found 16\n"
                "    function.timeout_seconds = 16\n"
                "                               ^\n")
    check(expected in run.stderr, "validate said:\n%s" % run.stderr)


def test_not_a_function(org):
    print("function.timeout_seconds on an action that runs no function is a plan error", flush=True)
    org.write('[action.order]\nname = "Get Order"\nfunction.timeout_seconds = 5\n')
    run = org.run("plan")
    check(run.returncode == 1, "plan exited %d" % run.returncode)
    expected = ('actions.toml:3:10: action.order: %s "Get Order" is not a function data action '
                '(its integration "int-rest" is not of type function-data-actions), so it has no '
                "function timeout; remove function.timeout_seconds\n" % ORDER)
    check(expected in run.stderr, "plan said:\n%s" % run.stderr)


def test_plan(org):
    print("plan: function.timeout_seconds 15 -> 10 and the warning", flush=True)
    org.write(MANIFEST)
    run = org.run("plan")
    check(run.returncode == 0, "plan exited %d: %s" % (run.returncode, run.stderr))
    expected = ('~ action.lead: "Score Lead" (%s)\n'
                "    ~ function.timeout_seconds: 15 -> 10\n"
                "    called by no published flow\n\n"
                "Plan: 1 to change, 0 unchanged.\n" % LEAD)
    check(run.stdout == expected, "plan printed:\n%s" % run.stdout)
    warning = ("actions.toml:3:1: warning: action.lead: the function stops at 10 s: raising the "
               "action's timeout (12 s) past it has no effect; the function's own limit is "
               "function.timeout_seconds (1-15 s)\n")
    check(warning in run.stderr, "plan's warning:\n%s" % run.stderr)
    counts = org.counts()
    check(counts.get("GET /api/v2/integrations") == 1
          and counts.get("GET /api/v2/integrations/actions/{id}/function") == 1,
          "plan's reads: %s" % counts)


def test_existing_draft(org):
    print("apply never touches someone's draft", flush=True)
    org.write(MANIFEST)
    org.api("POST", "/api/v2/integrations/actions/%s/draft" % LEAD, {})
    draft = org.emulator.admin("GET", "/__emulator/actions/%s/draft" % LEAD)
    before = org.stored(LEAD)
    run = org.run("apply", "--auto-approve")
    check(run.returncode == 1, "apply exited %d" % run.returncode)
    check("has a draft already (someone's work in progress)" in run.stdout + run.stderr,
          "apply said:\n%s%s" % (run.stdout, run.stderr))
    check(org.emulator.admin("GET", "/__emulator/actions/%s/draft" % LEAD) == draft,
          "the draft was touched")
    check(org.stored(LEAD) == before, "the action changed")
    writes = {k: v for k, v in org.counts().items()
              if not k.startswith("GET") and k != "POST /oauth/token"}
    check(writes == {}, "apply wrote: %s" % writes)
    org.api("DELETE", "/api/v2/integrations/actions/%s/draft" % LEAD, None)


def test_failure_between_draft_and_publish(org):
    print("a failure between draft and publish leaves no draft", flush=True)
    org.write(MANIFEST)
    # Requests up to GET .../draft: an apply refused for someone's draft makes exactly those.
    # Then POST .../draft and PUT .../draft/function: failEvery makes that PUT answer 500
    # (the log below shows it was the PUT).
    org.api("POST", "/api/v2/integrations/actions/%s/draft" % LEAD, {})
    org.run("apply", "--auto-approve")
    reads = sum(org.counts().values())
    org.api("DELETE", "/api/v2/integrations/actions/%s/draft" % LEAD, None)
    org.emulator.admin("PATCH", "/__emulator/settings",
                       {"failEvery": {"n": reads + 2, "status": 500}})
    before = org.stored(LEAD)
    run = org.run("apply", "--auto-approve")
    org.emulator.admin("PATCH", "/__emulator/settings", {"failEvery": {"n": 0, "status": 503}})
    check(run.returncode == 1, "apply exited %d" % run.returncode)
    said = run.stdout + run.stderr
    check("writing the draft's function failed:" in said
          and "the draft dactl made was deleted, the action is unchanged" in said,
          "apply said:\n%s" % said)
    log = org.emulator.admin("GET", "/__emulator/requests")["requests"]
    failed = [(r["method"], r["path"]) for r in log if r["status"] == 500]
    check(failed == [("PUT", "/api/v2/integrations/actions/%s/draft/function" % LEAD)],
          "the failed requests: %s" % failed)
    check(not org.has_draft(LEAD), "a draft was left")
    check(org.stored(LEAD) == before, "the action changed")
    counts = org.counts()
    check(counts.get("DELETE /api/v2/integrations/actions/{id}/draft") == 1
          and counts.get("POST /api/v2/integrations/actions/{id}/draft/publish") is None,
          "the draft was not deleted, or was published: %s" % counts)


def test_apply(org):
    print("apply: 15 -> 10 through draft and publish, id and everything else kept", flush=True)
    org.write(MANIFEST)
    before = org.stored(LEAD)
    run = org.run("apply", "--auto-approve")
    check(run.returncode == 0, "apply exited %d: %s%s" % (run.returncode, run.stdout, run.stderr))
    counts = org.counts()
    expected = ('~ action.lead: "Score Lead" (%s)\n'
                "    ~ function.timeout_seconds: 15 -> 10\n\n"
                "Plan: 1 to change, 0 unchanged.\n"
                "action.lead: applied, version 2 -> 3\n\n"
                "Apply complete: 1 changed, 0 unchanged.\n" % LEAD)
    check(run.stdout == expected, "apply printed:\n%s" % run.stdout)
    after = org.stored(LEAD)
    function = function_of(org, LEAD)
    check(after["id"] == LEAD and function["timeoutSeconds"] == 10,
          "after apply: %s" % after)
    check(without_versions(after) == without_versions(before), "other fields changed:\n%s\n%s"
          % (before, after))
    kept = {k: v for k, v in function.items() if k != "timeoutSeconds"}
    check(kept == {"description": "scores a lead", "handler": "index.handler",
                   "runtime": "nodejs18.x", "zipId": "zip-1"} or
          kept == {"description": "scores a lead", "handler": "index.handler",
                   "runtime": "nodejs18.x"},
          "the function's other members: %s" % kept)
    check(not org.has_draft(LEAD), "a draft was left")
    # GET .../draft: none there before; after the function's PUT, the version to publish at.
    want = {"GET /api/v2/integrations/actions/{id}/draft": 2,
            "POST /api/v2/integrations/actions/{id}/draft": 1,
            "PUT /api/v2/integrations/actions/{id}/draft/function": 1,
            "POST /api/v2/integrations/actions/{id}/draft/publish": 1,
            "GET /api/v2/integrations/actions/{id}/function": 2}  # the plan's read, the confirm
    for key, count in want.items():
        check(counts.get(key) == count, "%s: %s, want %d" % (key, counts.get(key), count))
    check(counts.get("PATCH /api/v2/integrations/actions/{id}") is None,
          "the action was PATCHed: %s" % counts)
    again = org.run("plan")
    check(again.returncode == 0 and again.stdout.startswith("No changes."),
          "plan after apply:\n%s%s" % (again.stdout, again.stderr))
    drift = org.run("drift")
    check(drift.returncode == 0, "drift after apply exited %d:\n%s" % (drift.returncode, drift.stdout))


def test_insights_function_cut_off(org):
    print("insights: runs cut off by the function's own timeout are timing out now", flush=True)
    # After test_apply: the action waits 12 s, its function 10 s. A day of runs taking
    # 8-13 s: those over 10 s stop at the function's limit, well under the action's 12 s.
    org.emulator.admin("DELETE", "/__emulator/traffic")
    org.emulator.admin("POST", "/__emulator/traffic", {
        "actionId": LEAD, "count": 200, "fromSecondsAgo": 86400, "latencyMs": [8000, 13000]})
    report = org.run("insights", "--format", "json")
    check(report.returncode == 0, "insights exited %d: %s" % (report.returncode, report.stderr))
    (entry,) = json.loads(report.stdout)["actions"]
    check(entry["verdict"] == "timing out" and entry["timeouts"] > 0,
          "the function's cut-off is not a current timeout: %s" % entry)
    text = org.run("insights", "--no-color")
    cut = entry["timeouts"]
    note = ("%d of 200 executions were cut off by the function's own timeout of 10 s, before the "
            "action's 12 s: a longer action timeout cannot help; raise function.timeout_seconds "
            "(at most 15 s)" % cut)
    check(note in text.stdout and "under an earlier, lower timeout" not in text.stdout,
          "insights said:\n" + text.stdout)
    written = org.run("insights", "--write", "--no-color")
    check(written.returncode == 0 and
          "action.lead: not written: the function's own timeout of 10 s stops its runs before the "
          "action's timeout; raise function.timeout_seconds (at most 15 s) instead\n"
          in written.stderr, "insights --write said:\n" + written.stderr)
    check(org.read("actions.toml") == MANIFEST, "insights --write changed the manifest")
    org.emulator.admin("DELETE", "/__emulator/traffic")


def test_probe_and_insights_warn(org):
    print("probe and insights warn when the action's timeout is above its function's", flush=True)
    org.write('[action.lead]\nname = "Score Lead"\n[action.lead.probe]\ninput = { key = "k" }\n')
    warning = ("actions.toml:1:1: warning: action.lead: the function stops at 10 s: raising the "
               "action's timeout (12 s) past it has no effect; the function's own limit is "
               "function.timeout_seconds (1-15 s)\n")
    probe = org.run("probe", "--samples", "2", "--allow-writes", "action.lead")
    check(warning in probe.stderr, "probe exited %d, said:\n%s" % (probe.returncode, probe.stderr))
    insights = org.run("insights")
    check(warning in insights.stderr,
          "insights exited %d, said:\n%s" % (insights.returncode, insights.stderr))


def test_export(org):
    print("export writes function.timeout_seconds for function actions", flush=True)
    out = os.path.join(org.workdir, "exported")
    run = org.run("export", "--out", out)
    check(run.returncode == 0, "export exited %d: %s" % (run.returncode, run.stderr))
    with open(os.path.join(out, "functions.toml")) as source:
        text = source.read()
    check("timeout_seconds = 12\nfunction.timeout_seconds = 10\n" in text,
          "functions.toml:\n" + text)
    for name in os.listdir(out):
        with open(os.path.join(out, name)) as source:
            if name != "functions.toml":
                check("function." not in source.read(), "%s has a function timeout" % name)


def main():
    def body(workdir):
        for setting, versions in itertools.product(("smaller", "refuse-over-15"), ("rise", "fixed")):
            print("functionTimeouts = %s, draftVersions = %s" % (setting, versions), flush=True)
            org = Org(os.path.join(workdir, setting + "-" + versions), [])
            org.settings({"functionTimeouts": setting, "draftVersions": versions})
            try:
                for test in (test_validation, test_not_a_function, test_plan, test_existing_draft,
                             test_failure_between_draft_and_publish, test_apply,
                             test_insights_function_cut_off, test_probe_and_insights_warn,
                             test_export):
                    test(org)
            finally:
                org.stop()
    return run_tests(body, __doc__)


if __name__ == "__main__":
    sys.exit(main())
