#!/usr/bin/env python3
"""End to end: dactl probe against genesys-emulator's seeded latencies.

The emulator scales its simulated waits by a time scale and dactl scales its
clock back (DACTL_PROBE_TIME_SCALE), so a 5 s back-end takes 50 ms here.
Checks the recommendations the issue names (1.2-1.6 s at 3 s -> 3 s; 5.4-5.6 s at
3 s -> all timed out, "at least"; with --via-draft -> 9 s; over 60 s -> the
asynchronous-design warning), the requests made (draft created, tested,
deleted; the published action untouched), skips (writes, existing drafts),
--write, the JSON output, and Ctrl-C removing the draft.

usage: probe_test.py DACTL EMULATOR
Exits 1 naming every failed check. Python 3 standard library only.
"""

import json
import re
import signal
import subprocess
import sys
import time

from dactl_e2e import check, run_tests
from probe_org import MANIFEST, Probe, action_id


def row(out, address):
    for line in out.splitlines():
        if line.startswith(address + " "):
            return line.split()
    return []


def seconds(cell):
    return float(cell)


def test_published(probe):
    print("probe on the published actions", flush=True)
    run = probe.run("probe", "--no-color", "action.fast", "action.slow", "action.ticket", scale=0.05)
    check(run.returncode == 0, "probe exited %d: %s" % (run.returncode, run.stderr))
    out = run.stdout
    fast = row(out, "action.fast")  # address samples failures p50 s p90 s p99 s max s current s recommended s
    check(len(fast) == 15 and fast[:3] == ["action.fast", "20", "0"], "fast row: %s" % fast)
    if len(fast) == 15:
        for cell in (fast[3], fast[5], fast[7], fast[9]):
            check(1.2 <= seconds(cell) <= 1.8, "fast latency %s outside 1.2-1.8 s" % cell)
        check(fast[11:] == ["3", "s", "3", "s"], "fast current and recommended: %s" % fast)
    slow = row(out, "action.slow")
    check(len(slow) == 17 and slow[:3] == ["action.slow", "20", "20"], "slow row: %s" % slow)
    if len(slow) == 17:
        check(slow[7] == ">=" and 3.0 <= seconds(slow[8]) < 4.0, "slow p99 not 'at least ~3 s': %s" % slow)
        check(slow[12:15] == ["3", "s", ">="], "slow current and recommended: %s" % slow)
    ticket = row(out, "action.ticket")
    check(ticket[-3:] == ["5", "s", "skipped"], "ticket row: %s" % ticket)
    expected_slow = (
        'action.slow "Slow Lookup" (%s)\n'
        "    samples cut off at the timeout only say the latency is at least that long\n"
        "    warning: 20 of 20 samples timed out at the current timeout of 3 s, so the latency is at "
        "least that; measure it with --via-draft\n" % action_id(2))
    check(expected_slow in out, "the slow action's notes are not:\n%s\nin:\n%s" % (expected_slow, out))
    expected_ticket = (
        'action.ticket "Create Ticket" (%s)\n'
        "    skipped: request type POST: the test endpoint calls the real back-end; pass "
        "--allow-writes to probe it\n" % action_id(4))
    check(expected_ticket in out, "the ticket's skip note is not:\n" + expected_ticket)
    check(out.endswith("Recommended = p99 x 1.5, rounded up to whole seconds, within 3-60 s.\n"),
          "the footer is missing")
    counts = probe.counts()
    check(counts.get("POST /api/v2/integrations/actions/{id}/test") == 40,
          "test calls: %s (want 2 probed actions x 20)" % counts)
    check("POST /api/v2/integrations/actions/{id}/draft" not in counts, "a draft was made without --via-draft")


def test_beyond_60_seconds(probe):
    print("a back-end slower than 60 s gets the asynchronous-design warning", flush=True)
    run = probe.run("probe", "--no-color", "--samples", "4", "action.glacial")
    check(run.returncode == 0, "probe exited %d: %s" % (run.returncode, run.stderr))
    out = run.stdout
    glacial = row(out, "action.glacial")
    check(glacial[:3] == ["action.glacial", "4", "4"] and glacial[-3:] == [">=", "60", "s"],
          "glacial row: %s" % glacial)
    expected = re.compile(
        r'action\.glacial "Glacial Lookup" \(%s\)\n'
        r"    samples cut off at the timeout only say the latency is at least that long\n"
        r"    warning: the p99 latency \(at least 6\d\.\d s\) with headroom exceeds 60 s, the longest "
        r"timeout allowed: this back-end needs an asynchronous design, not a bigger timeout\n"
        r"    warning: 4 of 4 samples timed out at the current timeout of 60 s, so the latency is "
        r"at least that\n" % re.escape(action_id(3)))
    check(expected.search(out), "the glacial action's notes are otherwise:\n" + out)


def test_via_draft(probe):
    print("probe --via-draft: the true latency, the published action untouched", flush=True)
    before = probe.stored(2)
    # Templates served as URIs: the draft's are read from the draft and sent back whole.
    probe.emulator.admin("PATCH", "/__emulator/settings", {"templatesAsUris": True})
    # 5.4-5.6 s x 1.5 is 8.1-8.4 s: 9 s whatever the 20 samples drew. At 1:10 time a sample's
    # HTTP overhead counts ten times; up to 40 ms of it (0.4 s) still rounds to 9 s.
    run = probe.run("probe", "--no-color", "--via-draft", "action.slow", scale=0.1)
    check(run.returncode == 0, "probe --via-draft exited %d: %s" % (run.returncode, run.stderr))
    slow = row(run.stdout, "action.slow")
    check(slow[:3] == ["action.slow", "20", "0"], "slow via draft: %s" % slow)
    check(slow[-2:] == ["9", "s"], "slow via draft recommends %s, not 9 s" % slow[-2:])
    check("    measured on a draft with a 60 s timeout; the published action was not changed\n"
          in run.stdout, "no draft note")
    counts = probe.counts()
    want = {"POST /api/v2/integrations/actions/{id}/draft": 1,
            "PATCH /api/v2/integrations/actions/{id}/draft": 1,
            "POST /api/v2/integrations/actions/{id}/draft/test": 20,
            "DELETE /api/v2/integrations/actions/{id}/draft": 1,
            "GET /api/v2/integrations/actions/{id}/draft/templates/{file}": 2}
    for key, count in want.items():
        check(counts.get(key) == count, "%s: %s, not %d" % (key, counts.get(key), count))
    check("POST /api/v2/integrations/actions/{id}/test" not in counts, "the published action was tested")
    check(probe.stored(2) == before, "the published action changed")
    probe.emulator.admin("PATCH", "/__emulator/settings", {"templatesAsUris": False})
    check(not probe.has_draft(2), "the draft was left behind")


def test_ctrl_c_removes_the_draft(probe):
    print("Ctrl-C during probe --via-draft: the draft is removed, exit 130", flush=True)
    process = subprocess.Popen([probe.dactl_binary, "-C", probe.project, "probe", "--via-draft",
                                "action.glacial"], env=probe.environment_for(0.01),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and \
            not probe.counts().get("POST /api/v2/integrations/actions/{id}/draft/test"):
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    check(process.returncode == 130, "probe exited %d after Ctrl-C: %s" % (process.returncode, err))
    counts = probe.counts()
    check(counts.get("DELETE /api/v2/integrations/actions/{id}/draft") == 1,
          "the draft was not deleted after Ctrl-C: %s" % counts)
    check(counts.get("POST /api/v2/integrations/actions/{id}/draft/test", 0) < 20,
          "Ctrl-C did not stop the sampling: %s" % counts)
    check(not probe.has_draft(3), "the draft was left behind after Ctrl-C")


def test_existing_draft(probe):
    print("probe --via-draft never touches someone's draft", flush=True)
    probe.create_draft(5)
    draft = probe.emulator.admin("GET", "/__emulator/actions/%s/draft" % action_id(5))
    run = probe.run("probe", "--no-color", "--via-draft", "action.drafted")
    check(run.returncode == 0, "probe exited %d: %s" % (run.returncode, run.stderr))
    expected = ('action.drafted "Drafted Lookup" (%s)\n    skipped: it has a draft (someone\'s work in '
                "progress); --via-draft leaves it alone\n" % action_id(5))
    check(expected in run.stdout, "the skip note is not:\n%s\nin:\n%s" % (expected, run.stdout))
    counts = probe.counts()
    check(not any("draft/test" in key or key.startswith(("PATCH", "DELETE")) for key in counts),
          "requests touched the draft: %s" % counts)
    check(probe.emulator.admin("GET", "/__emulator/actions/%s/draft" % action_id(5)) == draft,
          "the draft changed")


def test_write_and_plan(probe):
    print("probe --write edits the manifest in place; plan shows the change", flush=True)
    run = probe.run("probe", "--no-color", "--via-draft", "--write", "action.slow", "action.fast",
                    scale=0.1)
    check(run.returncode == 0, "probe --write exited %d: %s" % (run.returncode, run.stderr))
    with open(probe.manifest) as source:
        text = source.read()
    check(text == MANIFEST.replace("timeout_seconds=3", "timeout_seconds=9"),
          "the manifest after --write:\n" + text)
    plan = probe.run("plan", "--no-color")
    expected = ('~ action.slow: "Slow Lookup" (%s)\n    ~ timeout_seconds: 3 -> 9\n'
                "    called by no published flow\n\n"
                "Plan: 1 to change, 4 unchanged.\n" % action_id(2))
    check(plan.stdout == expected, "plan after --write:\n%s\nnot:\n%s" % (plan.stdout, expected))


def test_json(probe):
    print("probe --format json", flush=True)
    run = probe.run("probe", "--format", "json", "action.fast", "action.ticket", scale=0.05)
    check(run.returncode == 0, "probe --format json exited %d: %s" % (run.returncode, run.stderr))
    document = json.loads(run.stdout)
    check(document["command"] == "probe" and document["format_version"] == 1, "header: %s" % document)
    fast, ticket = document["actions"]
    check(fast["address"] == "action.fast" and fast["samples"] == 20 and fast["failures"] == 0,
          "fast: %s" % fast)
    check(1200 <= fast["p50_ms"] <= fast["p90_ms"] <= fast["p99_ms"] <= fast["max_ms"] <= 1800,
          "fast percentiles: %s" % fast)
    check(fast["recommended_timeout_seconds"] == 3 and not fast["recommendation_at_least"],
          "fast recommendation: %s" % fast)
    check(ticket["skipped"] is not None and "--allow-writes" in ticket["skipped"], "ticket: %s" % ticket)


def main():
    def body(workdir):
        probe = Probe(workdir)
        try:
            for test in (test_published, test_beyond_60_seconds, test_via_draft,
                         test_ctrl_c_removes_the_draft, test_existing_draft, test_json,
                         test_write_and_plan):
                test(probe)
        finally:
            probe.stop()
    return run_tests(body, __doc__)


if __name__ == "__main__":
    sys.exit(main())
