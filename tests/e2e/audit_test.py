#!/usr/bin/env python3
"""dactl drift names who changed an action outside dactl, from the emulator's
audit trail: a user (Jane Admin, through the admin UI), another OAuth client,
another dactl run with the same client; dactl's own apply never shows as drift.
Then every audit switch (403, the service missing from the mapping, bare
property names) and --no-audit: drift still works and says why in one line.
Request counts asserted: a drift run costs what it did plus 1 mapping request
and, per action changed outside dactl, its newest entries in pages of 500 (two
at most); 10,050 edits of one action leave the newest change of another named
and the report bounded.

usage: audit_test.py DACTL EMULATOR
"""

import json
import os
import re
import sys
import time

import dactl_e2e as harness
from dactl_e2e import check, run_tests

MANIFEST = ('[action.one]\nname = "Lookup 0001"\ntimeout_seconds = 12\n\n'
            '[action.two]\nname = "Lookup 0002"\ntimeout_seconds = 20\n')
MAPPING = "GET /api/v2/audits/query/realtime/servicemapping"
QUERY = "POST /api/v2/audits/query/realtime"
BASE = {"POST /oauth/token": 1, "GET /api/v2/organizations/me": 1,
        "GET /api/v2/integrations/actions": 1}
ISO = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"


class Org(harness.Org):
    """The org of three generated actions, and the project managing them."""

    def __init__(self, workdir):
        super().__init__(workdir, 3)
        self.write("actions.toml", MANIFEST)

    def run(self, *args, project=None):
        return super().run(*args, project=project, timeout=120)

    def edit(self, number, query, body):
        super().edit(harness.action_id(number), body, query)

    def settings(self, body):
        super().settings(body)


def test_own_apply_is_not_drift(org):
    print("dactl's own apply is not drift", flush=True)
    applied = org.run("apply", "--auto-approve")
    check(applied.returncode == 0, "apply: %s" % applied.stderr)
    run = org.run("drift")
    check(run.returncode == 0 and "No drift." in run.stdout and "by " not in run.stdout,
          "drift after apply: %d %s" % (run.returncode, run.stdout))
    check(org.counts() == BASE, "no drift, no audit request: %s" % org.counts())


def test_jane(org):
    print("a user's hand edit names the user, the time and the change", flush=True)
    org.edit(1, "userId=u-jane&userName=Jane%20Admin", {"config": {"timeoutSeconds": 45}})
    run = org.run("drift")
    check(run.returncode == 2, "drift exit %d: %s" % (run.returncode, run.stderr))
    lines = run.stdout.splitlines()
    check(lines[:3] == ['~ action.one: "Lookup 0001" (%s), live version %s, last applied version %s'
                        % (harness.action_id(1), lines[0].split("live version ")[1].split(",")[0],
                           lines[0].split("last applied version ")[1]) if "last applied version" in lines[0]
                        else lines[0],
                        "    changed in the org outside dactl (last applied -> live):",
                        "        ~ timeout_seconds: 12 -> 45"], "drift lines: %s" % lines[:3])
    check(re.fullmatch(r"    by Jane Admin \(user u-jane\) at %s: config\.timeoutSeconds 12 -> 45" % ISO,
                       lines[3]) is not None, "the attribution: %r" % lines[3])
    check(dict(BASE, **{MAPPING: 1, QUERY: 1}) == org.counts(), "requests: %s" % org.counts())
    document = json.loads(org.run("drift", "--format", "json").stdout)
    (one,) = [entry for entry in document["drifted"] if entry["address"] == "action.one"]
    (by,) = one["changed_by"]
    check(by["user"] == {"id": "u-jane", "name": "Jane Admin"} and not by["by_dactl"] and
          by["changes"] == [{"property": "config.timeoutSeconds", "old": ["12"], "new": ["45"]}] and
          document["audit"] == {"read": True, "note": None}, "JSON: %s" % one)


def test_other_client_and_other_dactl(org):
    print("another OAuth client, and another dactl run with the same client", flush=True)
    org.edit(2, "clientId=7c1d-reporting-tool", {"config": {"timeoutSeconds": 33}})
    other = os.path.join(os.path.dirname(org.project), "other-checkout")
    os.mkdir(other)
    with open(os.path.join(other, "actions.toml"), "w") as out:
        out.write('[action.one]\nname = "Lookup 0001"\ntimeout_seconds = 50\n')
    # applied_at has whole seconds: dactl takes its own client's writes up to 2 s
    # after it for the apply's own; another run comes later than that.
    time.sleep(2.5)
    applied = org.run("apply", "--auto-approve", project=other)
    check(applied.returncode == 0, "the other checkout's apply: %s" % applied.stderr)
    run = org.run("drift")
    by_lines = [line.strip() for line in run.stdout.splitlines() if line.startswith("    by ")]
    check(len(by_lines) == 3, "three attributions: %s" % by_lines)
    check(re.fullmatch(r"by dactl \(OAuth client %s\) at %s: config\.timeoutSeconds 45 -> 50"
                       % (harness.CLIENT_ID, ISO), by_lines[1]) is not None, "dactl: %r" % by_lines[1])
    check(re.fullmatch(r"by OAuth client 7c1d-reporting-tool at %s: config\.timeoutSeconds 20 -> 33" % ISO,
                       by_lines[2]) is not None, "the other client: %r" % by_lines[2])
    check(dict(BASE, **{MAPPING: 1, QUERY: 2}) == org.counts(),
          "a query for each drifted action: %s" % org.counts())


def test_switches(org):
    print("bare property names, 403, no service, --no-audit", flush=True)
    org.settings({"auditPropertyNames": "bare"})
    run = org.run("drift")
    check(": timeoutSeconds 12 -> 45" in run.stdout, "bare names shown as given: %s" % run.stdout)
    org.settings({"auditPropertyNames": "dotted", "auditsForbidden": True})
    run = org.run("drift")
    check(run.returncode == 2 and "    by " not in run.stdout and run.stdout.endswith(
        "Audit trail: the OAuth client may not read the audit trail (HTTP 403: it needs the "
        "permission audits:audit:view and the scope audits or audits:readonly), so drift cannot "
        "say who changed what.\n"), "403: %d %r" % (run.returncode, run.stdout[-300:]))
    check(dict(BASE, **{MAPPING: 1, QUERY: 1}) == org.counts(), "403 is not retried: %s" % org.counts())
    org.settings({"auditsForbidden": False, "auditServiceMapped": False})
    run = org.run("drift")
    check(run.returncode == 2 and run.stdout.endswith(
        "Audit trail: the audit trail offers no service Integrations with the entity type Action "
        "(GET /api/v2/audits/query/realtime/servicemapping), so drift cannot say who changed what.\n"),
        "unmapped: %r" % run.stdout[-300:])
    check(dict(BASE, **{MAPPING: 1}) == org.counts(), "unmapped: no query: %s" % org.counts())
    org.settings({"auditServiceMapped": True})
    run = org.run("drift", "--no-audit")
    check(run.returncode == 2 and "by " not in run.stdout and "Audit trail" not in run.stdout,
          "--no-audit: %s" % run.stdout)
    check(org.counts() == BASE, "--no-audit reads no audit: %s" % org.counts())


def test_pages(org):
    print("10,050 edits of one action, then a change of another: newest first, bounded",
          flush=True)
    project = os.path.join(os.path.dirname(org.project), "third")
    os.mkdir(project)
    with open(os.path.join(project, "actions.toml"), "w") as out:
        out.write('[action.three]\nname = "Lookup 0003"\ncategory = "Orders"\n\n'
                  '[action.one]\nname = "Lookup 0001"\ncategory = "Orders"\n')
    applied = org.run("apply", "--auto-approve", project=project)
    check(applied.returncode == 0, "apply: %d %s" % (applied.returncode, applied.stderr))
    for value in range(1, 10_051):
        org.edit(3, "userId=u-bot&userName=Bot", {"category": "C%d" % value})
    org.edit(1, "userId=u-jane&userName=Jane%20Admin", {"category": "Billing"})
    run = org.run("drift", "--no-color", project=project)
    check(run.returncode == 2, "drift after 10,050 edits: %d %s" % (run.returncode, run.stderr))
    counts = org.counts()
    # action.three: its newest 1000 (2 pages of 500); action.one: one page.
    check(counts.get(MAPPING) == 1 and counts.get(QUERY) == 3, "the audit queries: %s" % counts)
    lines = run.stdout.splitlines()
    check(len(lines) < 30, "the report runs to %d lines" % len(lines))
    check("    more than 995 earlier changes since the last apply (dactl reads the newest 1000; "
          "the admin UI's audit view has them all); the newest:" in lines,
          "the cut is not said:\n" + run.stdout)
    bot = [line for line in lines if line.startswith("    by Bot")]
    check(len(bot) == 5 and bot[-1].endswith(": category C10049 -> C10050"),
          "the newest five of Bot's: %s" % bot)
    check(any(re.fullmatch(r"    by Jane Admin \(user u-jane\) at %s: category Orders -> Billing"
                           % ISO, line) for line in lines),
          "the newest change, of another action, is not named:\n" + run.stdout)
    markdown = org.run("drift", "--format", "markdown", project=project)
    check("Jane Admin" in markdown.stdout and markdown.stdout.count("# by Bot") == 5 and
          len(markdown.stdout) < 10_000, "the Markdown summary:\n" + markdown.stdout[-2000:])


def main():
    def body(workdir):
        org = Org(workdir)
        try:
            for test in (test_own_apply_is_not_drift, test_jane, test_other_client_and_other_dactl,
                         test_switches, test_pages):
                test(org)
        finally:
            org.stop()
    return run_tests(body, __doc__)


if __name__ == "__main__":
    sys.exit(main())
