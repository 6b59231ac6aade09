#!/usr/bin/env python3
"""The blast radius end to end, against genesys-emulator (tests/support/blast_org.py):
four actions on https://orders.example.com/ with a daily peak, one on another
host. Raising Order Status from 5 s to 8 s takes the host's worst case from 40
to 55 of the org's 50 concurrent executions.

Checked: plan's lines (text, Markdown, JSON) and notes, its requests (one
analytics query, one limits read, one dependency request), --no-impact, the
limit from the org, from dactl.toml when the org's is absent or forbidden, a
forbidden analytics read, --target; insights' section, --write holding the
raise back, --allow-over-limit writing it, and the pull-request Markdown.

usage: blast_radius_test.py DACTL EMULATOR
"""

import json
import re
import sys

from blast_org import HOST, MANIFEST, STATUS, Org
from dactl_e2e import check, run_tests

AGGREGATES = "POST /api/v2/analytics/actions/aggregates/query"
LIMITS = "GET /api/v2/organizations/limits/namespaces/integrations"
FLOWS = "GET /api/v2/architect/dependencytracking/consumingresources"

RAISED = MANIFEST.replace("timeout_seconds = 5\n", "timeout_seconds = 8\n", 1)
OVER = ("    if https://orders.example.com/ hangs, its 4 actions would hold 40 -> 55 of the org's "
        "50 concurrent executions: over the limit\n")
THIS = re.compile(r"    this action: 300 runs a minute at its peak x 8 s = 40 slots \(25 at 5 s\); "
                  r"in use at that peak today: 2[0-3]\.\d\n")
WARNING = ("warning: over the limit: if https://orders.example.com/ hangs, its 4 actions would "
           "hold 55 of the org's 50 concurrent executions, and every data action of the org, in "
           "every flow, is refused until it answers. This plan takes it there (40 now): keep the "
           "timeout short and retry in the flow, make the call asynchronous, or ask Genesys for a "
           "higher limit.\n")
ARITHMETIC = re.compile(
    r"Worst case if a back-end hangs = each of its actions' runs a second in its busiest 15 "
    r"minutes \(\S+:[0-5][05]:00Z to \S+:[0-5][05]:00Z\) x its timeout, summed per host "
    r"\(docs/impact\.md\)\. (Limit: .*)\n")


def limit_sentence(text):
    found = ARITHMETIC.search(text)
    return found.group(1) if found else None


def test_plan(org):
    print("plan: the raise is weighed against the org's limit", flush=True)
    project = org.new_project(RAISED)
    run = org.run("plan", project=project)
    check(run.returncode == 0, "plan exited %d: %s" % (run.returncode, run.stderr))
    check(OVER in run.stdout, "the host's line:\n%s" % run.stdout)
    check(THIS.search(run.stdout) is not None, "this action's line:\n%s" % run.stdout)
    check(run.stdout.endswith(WARNING), "the warning:\n%s" % run.stdout)
    check(limit_sentence(run.stdout) == "Limit: 50 concurrent executions, read from the org.",
          "the limit: %s" % limit_sentence(run.stdout))
    counts = org.counts()
    check(counts == {"POST /oauth/token": 1, "GET /api/v2/integrations/actions": 1, FLOWS: 1,
                     AGGREGATES: 1, LIMITS: 1}, "plan's requests: %s" % counts)

    markdown = org.run("plan", "--format", "markdown", project=project).stdout
    # In the action's <details> block, where ">" is written as an entity.
    check("if https://orders.example.com/ hangs, its 4 actions would hold 40 -&gt; 55 of the "
          "org's 50 concurrent executions: over the limit\n" in markdown and
          "> warning: over the limit: if https://orders.example.com/ hangs" in markdown,
          "the Markdown:\n%s" % markdown)
    document = json.loads(org.run("plan", "--format", "json", project=project).stdout)
    radius = document["impact"]["blast_radius"]
    (host,) = radius["hosts"]
    status = host["actions"][0]
    check(radius["limit"] == 50 and radius["limit_source"] == "org" and host["host"] == HOST and
          host["worst_before"] == 40 and host["worst_after"] == 55 and host["over_limit"] and
          len(host["actions"]) == 4, "the JSON: %s" % radius)
    check(status["id"] == STATUS and status["address"] == "action.status" and
          status["peak_executions_per_15_minutes"] == 4500 and status["timeout_before"] == 5 and
          status["timeout_after"] == 8 and status["slots_before"] == 25 and
          status["slots_after"] == 40 and status["peak_at"][11:13] == "10",
          "Order Status in JSON: %s" % status)

    print("plan --no-impact: not one request more than the plan's", flush=True)
    run = org.run("plan", "--no-impact", project=project)
    check("hangs" not in run.stdout and "Limit:" not in run.stdout, "--no-impact:\n%s" % run.stdout)
    check(org.counts() == {"POST /oauth/token": 1, "GET /api/v2/integrations/actions": 1},
          "--no-impact's requests: %s" % org.counts())

    print("plan with an unchanged manifest reads no analytics", flush=True)
    run = org.run("plan", project=org.new_project())
    check("No changes." in run.stdout and AGGREGATES not in org.counts() and
          LIMITS not in org.counts(), "no change: %s" % org.counts())


def test_limits(org):
    print("the limit: the org's, else dactl.toml's, and why", flush=True)
    project = org.new_project(RAISED)
    org.settings(orgLimits="forbidden")
    run = org.run("plan", project=project)
    check(limit_sentence(run.stdout) ==
          "Limit: 50 concurrent executions, [insights] concurrency_limit in dactl.toml (default "
          "50): the OAuth client may not read the org's limits (HTTP 403).",
          "forbidden: %s" % limit_sentence(run.stdout))
    check(OVER in run.stdout, "forbidden, still over the configured 50:\n%s" % run.stdout)

    org.settings(orgLimits="absent")
    roomy = org.new_project(RAISED, settings="[insights]\nconcurrency_limit = 100\n")
    run = org.run("plan", project=roomy)
    check(limit_sentence(run.stdout) ==
          "Limit: 100 concurrent executions, [insights] concurrency_limit in dactl.toml (default "
          "50): the org's limits do not give actions.concurrent.executions.max.",
          "absent: %s" % limit_sentence(run.stdout))
    check("    if https://orders.example.com/ hangs, its 4 actions would hold 40 -> 55 of the "
          "org's 100 concurrent executions\n" in run.stdout and "warning:" not in run.stdout,
          "under 100:\n%s" % run.stdout)

    org.settings(orgLimits="present", concurrentExecutionsMax=200)
    run = org.run("plan", project=project)
    check(limit_sentence(run.stdout) == "Limit: 200 concurrent executions, read from the org." and
          "over the limit" not in run.stdout, "the org's 200:\n%s" % run.stdout)
    org.settings(concurrentExecutionsMax=50)

    print("plan and insights: 15-minute buckets refused, hours asked for", flush=True)
    org.settings(analyticsMaxBuckets=200)
    for command in (("plan",), ("insights",)):
        run = org.run(*command, project=project)
        counts = org.counts()
        check(run.returncode == 0 and re.search(
            r"Worst case if a back-end hangs = each of its actions' runs a second in its busiest "
            r"hour \(\S+ to \S+\) x its timeout, summed per host \(docs/impact\.md\)\. Limit: 50 "
            r"concurrent executions, read from the org\. The analytics refused 15-minute "
            r"buckets: these are hourly averages, and a shorter burst holds more than this "
            r"says\.\n", run.stdout),
              "%s with hours:\n%s%s" % (command[0], run.stdout, run.stderr))
        # plan: one refused query, then hours; insights: the refused pair, then both again.
        check(counts[AGGREGATES] == (2 if command[0] == "plan" else 4),
              "%s's queries with hours: %s" % (command[0], counts))
    org.settings(analyticsMaxBuckets=0)

    print("plan: analytics refused, flows and the plan stand", flush=True)
    org.settings(analyticsForbidden=True)
    run = org.run("plan", project=project)
    check(run.returncode == 0 and "called by 2 published flows" in run.stdout and
          run.stdout.endswith(
              "Blast radius not shown: the OAuth client may not read the analytics (it needs "
              "integrations:action:view and the scope analytics).\n"),
          "analytics forbidden:\n%s" % run.stdout)
    check(LIMITS not in org.counts(), "no limits read without peaks: %s" % org.counts())
    org.settings(analyticsForbidden=False)


def test_target(org):
    print("plan --target weighs the targeted change with the whole host", flush=True)
    project = org.new_project(RAISED.replace(
        'name = "Order History"\ntimeout_seconds = 5', 'name = "Order History"\ntimeout_seconds = 45'))
    run = org.run("plan", "--target", "action.history", project=project)
    check(run.returncode == 0 and "action.status" not in run.stdout and
          "    if https://orders.example.com/ hangs, its 4 actions would hold 40 -> 80 of the "
          "org's 50 concurrent executions: over the limit\n" in run.stdout and
          "    this action: 60 runs a minute at its peak x 45 s = 45 slots (5 at 5 s)" in run.stdout,
          "--target:\n%s" % run.stdout)


def test_insights(org):
    print("insights: the section, and --write holds the raise back", flush=True)
    project = org.new_project()
    run = org.run("insights", project=project)
    check(run.returncode == 0, "insights exited %d: %s" % (run.returncode, run.stderr))
    check("HOST                         ACTIONS  IN USE AT PEAK  WORST CASE          RECOMMENDED\n"
          in run.stdout and
          re.search(r"https://orders\.example\.com/        4            2\d\.\d          40  "
                    r"55 \(over the limit\)\n", run.stdout) and
          re.search(r"    action\.status: 300 runs a minute at its peak \(\S+T10:\d\d:\d\dZ\) x 5 s "
                    r"= 25 slots; at the recommended 8 s: 40 slots\n", run.stdout) and
          "    called by 2 published flows: Main IVR 0007 (inbound call flow), Order bot 0007 "
          "(digital bot flow)\n" in run.stdout and
          "    Customer Lookup: 20 runs a minute at its peak" in run.stdout,
          "insights' text:\n%s" % run.stdout)
    check(run.stdout.endswith(WARNING.replace("This plan takes it there",
                                              "The recommended timeouts take it there")),
          "insights' warning:\n%s" % run.stdout)
    counts = org.counts()
    check(counts[AGGREGATES] == 2 and counts[LIMITS] == 1 and counts[FLOWS] == 1,
          "insights' requests: %s" % counts)

    run = org.run("insights", "--write", project=project)
    check(run.returncode == 0 and org.read("actions.toml", project=project) == MANIFEST,
          "--write changed the manifest: %s" % run.stderr)
    check(run.stderr == "Not written: action.status at 8 s: if https://orders.example.com/ hangs, "
          "its 4 actions would hold 40 -> 55 of the org's 50 concurrent executions: over the "
          "limit; --allow-over-limit writes it\n", "--write's words: %r" % run.stderr)
    run = org.run("insights", "--allow-over-limit", project=project)
    check(run.returncode == 1 and "--allow-over-limit goes with --write" in run.stderr,
          "--allow-over-limit alone: %s" % run.stderr)

    run = org.run("insights", "--write", "--allow-over-limit", project=project)
    check(run.returncode == 0 and org.read("actions.toml", project=project) == RAISED,
          "--allow-over-limit did not write 8 s: %s\n%s" % (run.stderr,
                                                            org.read("actions.toml", project=project)))
    run = org.run("plan", project=project)
    check(OVER in run.stdout, "the written raise, planned:\n%s" % run.stdout)

    print("the pull request's Markdown carries the section", flush=True)
    markdown = org.run("insights", "--format", "markdown", project=org.new_project()).stdout
    check("### Blast radius: what each back-end's actions would hold of the org's 50 concurrent "
          "executions if it hung\n" in markdown and
          re.search(r"\| `https://orders\.example\.com/` \| 4 \| 2\d\.\d \| 40 \| 55 \(over the "
                    r"limit\) \|", markdown) and
          "> warning: over the limit: if https://orders.example.com/ hangs" in markdown,
          "insights' Markdown:\n%s" % markdown)

    print("insights --no-impact: neither flows nor limits", flush=True)
    run = org.run("insights", "--no-impact", project=project)
    counts = org.counts()
    check("Blast radius" not in run.stdout and LIMITS not in counts and FLOWS not in counts and
          counts[AGGREGATES] == 2, "--no-impact: %s" % counts)


def main():
    def body(workdir):
        org = Org(workdir)
        try:
            test_plan(org)
            test_limits(org)
            test_target(org)
            test_insights(org)
        finally:
            org.stop()

    return run_tests(body, __doc__)


if __name__ == "__main__":
    sys.exit(main())
