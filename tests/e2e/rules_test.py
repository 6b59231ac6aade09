#!/usr/bin/env python3
"""End to end: rules over a generated org of 500 actions, against genesys-emulator.

One `at_least` rule by URL host raises exactly the matching actions below it,
leaves those above it and those unset (the service default of 60 s) alone,
never touches a custom authentication action on the same host (whether its
id starts with customAuth or looks like any other); apply writes
exactly those, a second plan plans nothing and drift finds nothing. A pair of
rules that cannot both hold is an error naming both; a manifest value below a
rule's floor is an error naming both places.

usage: rules_test.py DACTL EMULATOR
Exits 1 naming every failed check. Python 3 standard library only.
"""

import json
import os
import re
import sys

import dactl_e2e as harness
import make_seed
from dactl_e2e import check, run_tests

COUNT = 500
RULE = """# Every action that calls the orders back-end waits at least 15 s.
[rule.orders_backend]
match = { url = "https://orders.example.com/*" }
timeout_seconds = { at_least = 15 }
"""


def on_orders_host(number):
    return number % 4 == 0


def seed():
    actions = []
    for number in range(1, COUNT + 1):
        action = make_seed.make_action(number, None)
        if on_orders_host(number):
            action["config"]["request"]["requestUrlTemplate"] = (
                "https://orders.example.com/v2/orders/%d/${input.key}" % number)
        actions.append(action)
    custom_auth = make_seed.make_action(COUNT + 1, None)
    custom_auth["id"] = "customAuth_-_orders"
    custom_auth["name"] = "Orders Login"
    custom_auth["config"].pop("timeoutSeconds", None)
    custom_auth["config"]["request"]["requestUrlTemplate"] = "https://orders.example.com/login"
    custom_auth["_emulator"] = {"customAuth": True}
    actions.append(custom_auth)
    return actions


class Org(harness.Org):
    """The org of 500 generated actions, a custom authentication one among them."""

    def __init__(self, workdir, auth_ids):
        super().__init__(workdir, seed(), ["--auth-ids", auth_ids], name="org-" + auth_ids)

    def write(self, name, text):
        super().write(name, text)

    def remove(self, name):
        os.remove(self.path(name))

    def run(self, *args):
        return super().run("--no-color", *args)


def raised():
    """The numbers of the actions the rule raises: on the host, timeout set and below 15."""
    return [n for n in range(1, COUNT + 1) if on_orders_host(n)
            and make_seed.timeout_of(n) is not None and make_seed.timeout_of(n) < 15]


def test_plan_and_apply(org):
    print("one at_least rule by URL host over 500 actions: plan, apply, plan again", flush=True)
    org.write("rules.toml", RULE)
    governed = [n for n in range(1, COUNT + 1) if on_orders_host(n)]
    want = raised()
    check(len(governed) == 125 and 0 < len(want) < len(governed), "the seed: %d of %d"
          % (len(want), len(governed)))
    plan = org.run("plan")
    check(plan.returncode == 0, "plan exited %d: %s" % (plan.returncode, plan.stderr))
    planned = re.findall(r"^~ action\.lookup_(\d{4}): \"Lookup \d{4}\" \(([^)]+)\)\n"
                         r"    ~ timeout_seconds: (\d+) -> 15   \(rule\.orders_backend: at least 15\)$",
                         plan.stdout, re.M)
    check([int(n) for n, _, _ in planned] == want, "planned: %s, want %s"
          % ([n for n, _, _ in planned], want))
    check(all(int(before) == make_seed.timeout_of(int(n)) for n, _, before in planned),
          "before values: %s" % planned)
    summary = "Plan: %d to change, %d unchanged; %d actions governed by rules.\n" % (
        len(want), len(governed) - len(want), len(governed))
    if len(want) > 25:  # past the flows' budget: one line instead of a request per action
        summary += ("Flows not listed: %d actions change (more than 25); dactl plan --impact "
                    "all lists them (one request per action).\n" % len(want))
    check(plan.stdout.endswith(summary), "plan's summary:\n%s" % plan.stdout[-300:])
    # 500 actions listed (the custom authentication one is left out): 5 pages of 100;
    # rules cost no request of their own; the blast radius of the raised timeouts
    # one analytics query (no traffic: the org's limit is not read).
    check(org.counts() == {"POST /oauth/token": 1, "GET /api/v2/integrations/actions": 5,
                           "POST /api/v2/analytics/actions/aggregates/query": 1},
          "plan's requests: %s" % org.counts())

    before = org.actions()
    apply = org.run("apply", "--auto-approve")
    check(apply.returncode == 0, "apply exited %d: %s" % (apply.returncode, apply.stderr[-2000:]))
    check(org.counts().get("PATCH /api/v2/integrations/actions/{id}") == len(want),
          "apply's writes: %s" % org.counts())
    after = org.actions()
    for id, action in after.items():
        number = int(id[-12:]) if id[-12:].isdigit() else None
        if number in want:
            check(action["config"]["timeoutSeconds"] == 15, "%s: %s" % (id, action["config"]))
            without = {k: v for k, v in action.items() if k != "version"}
            without["config"] = dict(without["config"], timeoutSeconds=before[id]["config"]
                                     .get("timeoutSeconds"))
            was = {k: v for k, v in before[id].items() if k != "version"}
            check(without == was, "%s changed beyond its timeout" % id)
        else:
            check(action == before[id], "%s changed" % id)

    again = org.run("plan")
    check(again.returncode == 0 and again.stdout ==
          "No changes. The live actions match the manifests.\n\n"
          "Plan: 0 to change, %d unchanged; %d actions governed by rules.\n"
          % (len(governed), len(governed)), "plan after apply:\n%s%s" % (again.stdout, again.stderr))
    drift = org.run("drift")
    check(drift.returncode == 0, "drift after apply exited %d:\n%s%s"
          % (drift.returncode, drift.stdout[-1000:], drift.stderr))
    with open(os.path.join(org.project, ".dactl", "state.json")) as source:
        state = json.load(source)
    recorded = {entry["address"] for entry in state["actions"]}
    check(recorded == {"action.lookup_%04d" % n for n in governed},
          "the state records %d actions" % len(recorded))


def test_conflicts(org):
    print("rules that cannot both hold, and a manifest below a rule's floor", flush=True)
    org.write("rules.toml", RULE)
    org.write("exact.toml", '[rule.order_8]\nmatch = { name = "Lookup 0008" }\n'
                            "timeout_seconds = { at_most = 10 }\n")
    plan = org.run("plan")
    check(plan.returncode == 1, "plan exited %d" % plan.returncode)
    expected = ('rules.toml:2:1: custom_-_00000000-0000-4000-8000-000000000008 "Lookup 0008": '
                "rule.order_8 (exact.toml:1) asks for at most 10 and rule.orders_backend "
                "(rules.toml:2) asks for at least 15; the two rules cannot both hold\n")
    check(expected in plan.stderr, "plan said:\n%s" % plan.stderr)
    org.remove("exact.toml")

    org.write("orders.toml", '[action.order_12]\nname = "Lookup 0012"\ntimeout_seconds = 10\n')
    plan = org.run("plan")
    check(plan.returncode == 1, "plan exited %d" % plan.returncode)
    expected = ("orders.toml:3:1: action.order_12: timeout_seconds = 10 breaks "
                "rule.orders_backend (rules.toml:2), which asks for at least 15; change one of them\n")
    check(expected in plan.stderr, "plan said:\n%s" % plan.stderr)
    org.remove("orders.toml")


def test_saved_plan(org):
    print("a saved plan of a rule's change applies, and show names the rule", flush=True)
    org.write("rules.toml", RULE)
    id = harness.action_id(16)
    org.emulator.admin("PATCH", "/__emulator/actions/" + id, {"config": {"timeoutSeconds": 4}})
    saved = os.path.join(org.project, "plan.json")
    plan = org.run("plan", "--out", saved)
    check(plan.returncode == 0, "plan --out exited %d: %s" % (plan.returncode, plan.stderr))
    show = org.run("show", saved)
    expected = ('~ action.lookup_0016: "Lookup 0016" (%s)\n'
                "    ~ timeout_seconds: 4 -> 15   (rule.orders_backend: at least 15)\n"
                "    called by no published flow\n" % id)  # as plan --out listed them
    check(expected + "\nPlan: 1 to change, 124 unchanged; 125 actions governed by rules.\n"
          in show.stdout, "show printed:\n%s" % show.stdout)
    apply = org.run("apply", saved, "--auto-approve")
    check(apply.returncode == 0, "apply PLANFILE exited %d: %s%s"
          % (apply.returncode, apply.stdout[-500:], apply.stderr))
    check(org.actions()[id]["config"]["timeoutSeconds"] == 15, "not applied")
    with open(os.path.join(org.project, ".dactl", "state.json")) as source:
        recorded = {entry["address"] for entry in json.load(source)["actions"]}
    check(len(recorded) == 125, "a saved plan of one change left %d actions in the state"
          % len(recorded))


def test_stops_matching(org):
    print("an action that stops matching stops being governed, and the plan says so", flush=True)
    org.write("rules.toml", RULE)
    id = harness.action_id(20)
    org.emulator.admin("PATCH", "/__emulator/actions/" + id,
                       {"config": {"request": {"requestUrlTemplate": "https://elsewhere.example.com/x"}}})
    note = ("note: action.lookup_0020 (%s) is in the state, but no manifest declares it and no "
            "rule governs it now; the next apply forgets it (the org is not changed)\n" % id)
    plan = org.run("plan")
    check(plan.returncode == 0 and note in plan.stderr, "plan said:\n%s" % plan.stderr)
    before = org.actions()[id]
    apply = org.run("apply", "--auto-approve")
    check(apply.returncode == 0, "apply exited %d: %s" % (apply.returncode, apply.stderr))
    check(org.actions()[id] == before, "the action that stopped matching was changed")
    again = org.run("plan")
    check(note not in again.stderr, "the note again after apply:\n%s" % again.stderr)


def main():
    def body(workdir):
        # Custom authentication ids prefixed with customAuth, or like any other:
        # the rule must leave the action alone either way.
        for auth_ids in ("prefixed", "plain"):
            print("custom authentication ids: %s" % auth_ids, flush=True)
            org = Org(workdir, auth_ids)
            try:
                test_plan_and_apply(org)
                test_conflicts(org)
                test_saved_plan(org)
                test_stops_matching(org)
            finally:
                org.stop()
    return run_tests(body, __doc__)


if __name__ == "__main__":
    sys.exit(main())
