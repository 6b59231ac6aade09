#!/usr/bin/env python3
"""End to end: one project, two environments, two genesys-emulator orgs.

test and prod hold the same three actions under different ids, reached with
different credentials. The manifests declare one difference on purpose (a
longer timeout in prod). Per environment, plan and apply change only that org
and keep their own state; a plan saved for test is refused for prod before any
write; diff-env shows the intended difference, then an unintended one made in
prod outside dactl (exit 2); a missing or unknown --env gives the exact errors;
export --env writes the base manifests the first time and only override tables
for another environment.

usage: environments_test.py DACTL EMULATOR
Exits 1 naming every failed check. Python 3 standard library only.
"""

import json
import os
import sys

from dactl_e2e import EnvironmentsProject, check, environment_org, run_tests

ACTIONS = [("Lookup Order Status", 8, "GET"), ("Refund", 8, "POST"), ("Check Stock", 5, "GET")]

MANIFEST = """[action.order_status]
name = "Lookup Order Status"
timeout_seconds = 10

# prod's back-end is busier: it waits longer there, on purpose.
[action.order_status.env.prod]
timeout_seconds = 20

[action.refund]
name = "Refund"
timeout_seconds = 12

[action.stock]
name = "Check Stock"
timeout_seconds = 5
"""


def seed(prefix):
    actions = []
    for number, (name, timeout, request_type) in enumerate(ACTIONS, 1):
        actions.append({
            "id": "custom_-_%s-%d" % (prefix, number),
            "name": name,
            "integrationId": "int-%s" % prefix,
            "category": "Orders",
            "version": 1,
            "secure": False,
            "contract": {"input": {"inputSchema": {"type": "object"}},
                         "output": {"successSchema": {"type": "object"}}},
            "config": {
                "timeoutSeconds": timeout,
                "request": {"requestUrlTemplate": "https://%s.example.com/%d" % (prefix, number),
                            "requestType": request_type, "headers": {},
                            "requestTemplate": "${input.rawRequest}"},
                "response": {"translationMap": {}, "translationMapDefaults": {},
                             "successTemplate": "${rawResult}"},
            },
        })
    return actions


class Org:
    """One environment's org (environment_org), its actions by name and number."""

    def __init__(self, name, workdir):
        self.org = environment_org(workdir, name, seed(name))
        self.name = name
        self.client_id, self.secret, self.emulator = self.org.client_id, self.org.secret, \
            self.org.emulator

    def counts(self):
        return self.org.counts()

    def actions(self):
        return self.org.actions()

    def timeouts(self):
        return {a["name"]: a["config"].get("timeoutSeconds") for a in self.actions().values()}

    def edit(self, number, body):
        self.org.edit("custom_-_%s-%d" % (self.name, number), body, "userId=u-ops&userName=Ops")

    def stop(self):
        self.org.stop()


class Project(EnvironmentsProject):
    def __init__(self, workdir, test, prod):
        super().__init__(workdir, test, prod)
        self.write("orders.toml", MANIFEST)


def same(run, code, stdout=None, stderr=None, what=""):
    check(run.returncode == code, "%s exited %d, want %d: %s%s"
          % (what, run.returncode, code, run.stdout, run.stderr))
    if stdout is not None:
        check(run.stdout == stdout, "%s's output:\n%s\nwant:\n%s" % (what, run.stdout, stdout))
    if stderr is not None:
        check(run.stderr == stderr, "%s's errors:\n%s\nwant:\n%s" % (what, run.stderr, stderr))


def test_choosing(project):
    print("a missing or unknown environment is an error naming them", flush=True)
    same(project.run("plan"), 1, "", "Error: this project declares the environments prod and "
         "test; choose one with --env NAME (or DACTL_ENV)\n", "plan without --env")
    same(project.run("plan", "--env", "prdo"), 1, "",
         "Error: --env prdo: no such environment in dactl.toml; did you mean prod?\n",
         "plan --env prdo")
    same(project.run("drift", extra={"DACTL_ENV": "staging"}), 1, "",
         "Error: DACTL_ENV=staging: no such environment in dactl.toml; the environments are "
         "prod and test\n", "drift with DACTL_ENV=staging")
    same(project.run("validate"), 0, "Valid: 3 actions in 2 files, for environments prod and "
         "test.\n", "", "validate")
    same(project.run("validate", "--env", "prod"), 0,
         "Valid: 3 actions in 2 files, for environment prod.\n", "", "validate --env prod")
    for org in (project.test, project.prod):
        check(org.counts() == {}, "%s was contacted: %s" % (org.name, org.counts()))


def test_validation(project, workdir):
    print("override errors carry path:line:col", flush=True)
    broken = os.path.join(workdir, "broken")
    os.makedirs(broken)
    with open(os.path.join(project.directory, "dactl.toml")) as source:
        settings = source.read()
    with open(os.path.join(broken, "dactl.toml"), "w") as out:
        out.write(settings)
    with open(os.path.join(broken, "orders.toml"), "w") as out:
        out.write(MANIFEST + "\n[action.stock.env.prod]\ntimeout_seconds = 61\n"
                  "[action.stock.env.uat]\ntimeout_seconds = 9\n")
    same(project.run("validate", directory=broken), 1, "",
         "orders.toml:18:19: timeout_seconds must be a whole number of seconds from 1 to 60, "
         "found 61; without it the service default of 60 applies (environment prod)\n"
         "    timeout_seconds = 61\n"
         "                      ^\n"
         "orders.toml:19:19: action.stock.env.uat overrides environment \"uat\", which "
         "dactl.toml does not declare; the environments are prod and test\n"
         "    [action.stock.env.uat]\n"
         "                      ^\n"
         "Error: 2 problems in the manifests; nothing was sent to the org\n", "validate broken")


def test_plan_and_apply(project):
    print("plan and apply per environment change only that org", flush=True)
    prod_before = project.prod.actions()
    plan = project.run("plan", "--env", "test")
    same(plan, 0, None, "", "plan --env test")
    check("~ timeout_seconds: 8 -> 10" in plan.stdout and "~ timeout_seconds: 8 -> 12"
          in plan.stdout and plan.stdout.endswith("Plan: 2 to change, 1 unchanged.\n"),
          "plan --env test:\n" + plan.stdout)
    check(project.prod.counts() == {}, "plan for test contacted prod: %s" % project.prod.counts())
    check(project.test.counts() == {"POST /oauth/token": 1,
                                    "GET /api/v2/integrations/actions": 1,
                                    # the flows calling each of the two changed actions
                                    "GET /api/v2/architect/dependencytracking/consumingresources":
                                    2,
                                    # the peaks of the blast radius (no traffic: no limit read)
                                    "POST /api/v2/analytics/actions/aggregates/query": 1},
          "plan --env test's requests: %s" % project.test.counts())

    apply = project.run("apply", "--env", "test", "--auto-approve")
    same(apply, 0, None, "", "apply --env test")
    check(project.test.timeouts() == {"Lookup Order Status": 10, "Refund": 12, "Check Stock": 5},
          "test after apply: %s" % project.test.timeouts())
    check(project.prod.actions() == prod_before, "apply to test changed prod")
    check(project.prod.counts() == {}, "apply to test contacted prod: %s" % project.prod.counts())
    check(os.path.exists(project.path(".dactl", "env", "test", "state.json")), "no test state")
    check(not os.path.exists(project.path(".dactl", "state.json")), "a state outside env/")
    check(not os.path.exists(project.path(".dactl", "env", "prod")), "prod's state dir exists")
    check(oct(os.stat(project.path(".dactl", "env")).st_mode & 0o777) == "0o700",
          ".dactl/env is not private")

    saved = project.run("plan", "--env", "test", "--out", "test.plan")
    same(saved, 0, None, None, "plan --env test --out")
    refused = project.run("apply", "--env", "prod", "--auto-approve", "test.plan")
    same(refused, 1, None, "Error: the saved plan test.plan was made for environment test, but "
         "this run is for environment prod; make the plan for environment prod (dactl plan "
         "--env prod --out FILE); nothing was changed\n", "apply --env prod test.plan")
    check(project.prod.actions() == prod_before, "the refused plan changed prod")
    check(not any(key.startswith("PATCH") for key in project.prod.counts()),
          "the refused plan wrote to prod: %s" % project.prod.counts())
    check(not os.path.exists(project.path(".dactl", "env", "prod", "state.json")),
          "the refused plan wrote prod's state")

    made = project.run("plan", "--env", "prod", "--out", "prod.plan")
    same(made, 0, None, None, "plan --env prod --out")
    check("~ timeout_seconds: 8 -> 20" in made.stdout and "~ timeout_seconds: 8 -> 12"
          in made.stdout, "plan --env prod:\n" + made.stdout)
    shown = project.run("show", "prod.plan")
    check(shown.returncode == 0 and "against \"Prod\" (id org-prod), environment prod.\n"
          "Apply exactly it with: dactl apply --env prod prod.plan\n" in shown.stdout,
          "show prod.plan:\n" + shown.stdout)
    applied = project.run("apply", "--env", "prod", "--auto-approve", "prod.plan")
    same(applied, 0, None, "", "apply --env prod prod.plan")
    check(project.prod.timeouts() == {"Lookup Order Status": 20, "Refund": 12, "Check Stock": 5},
          "prod after apply: %s" % project.prod.timeouts())
    states = [json.load(open(project.path(".dactl", "env", name, "state.json")))
              for name in ("test", "prod")]
    check(states[0]["lineage"] != states[1]["lineage"], "the two states share a lineage")
    check([s["org"]["id"] for s in states] == ["org-test", "org-prod"],
          "the states' orgs: %s" % [s.get("org") for s in states])
    # A saved plan's apply records the actions it planned.
    ids = sorted(a["id"] for s in states for a in s["actions"])
    check(ids == sorted(["custom_-_test-1", "custom_-_test-2", "custom_-_test-3",
                         "custom_-_prod-1", "custom_-_prod-2", "custom_-_prod-3"]),
          "the states' ids: %s" % ids)
    for name in ("test", "prod"):
        same(project.run("plan", "--env", name), 0, None, "", "plan --env %s again" % name)
        drift = project.run("drift", "--env", name)
        same(drift, 0, None, "", "drift --env %s" % name)


def test_diff_env(project):
    print("diff-env shows the intended difference, then an unintended one (exit 2)", flush=True)
    same(project.run("diff-env", "test", "prod"), 0,
         "~ action.order_status \"Lookup Order Status\" (test custom_-_test-1, prod "
         "custom_-_prod-1)\n"
         "    intended (each org holds what its manifests declare, test -> prod):\n"
         "        ~ timeout_seconds: 10 -> 20\n"
         "\n"
         "No unintended differences: 1 intended difference; 3 managed actions compared.\n",
         "", "diff-env test prod")
    check(project.test.counts() == {"POST /oauth/token": 1, "GET /api/v2/organizations/me": 1,
                                    "GET /api/v2/integrations/actions": 1},
          "diff-env's requests to test: %s" % project.test.counts())
    check(project.prod.counts() == project.test.counts(),
          "diff-env's requests to prod: %s" % project.prod.counts())

    project.prod.edit(3, {"config": {"timeoutSeconds": 9}})
    run = project.run("diff-env", "test", "prod")
    same(run, 2,
         "~ action.order_status \"Lookup Order Status\" (test custom_-_test-1, prod "
         "custom_-_prod-1)\n"
         "    intended (each org holds what its manifests declare, test -> prod):\n"
         "        ~ timeout_seconds: 10 -> 20\n"
         "! action.stock \"Check Stock\" (test custom_-_test-3, prod custom_-_prod-3)\n"
         "    unintended (test -> prod):\n"
         "        ~ timeout_seconds: 5 -> 9\n"
         "          prod was changed outside dactl: its manifests declare 5\n"
         "\n"
         "test and prod differ: 1 unintended difference, 1 intended difference; 3 managed "
         "actions compared.\n", "", "diff-env after an edit in prod")
    data = project.run("diff-env", "test", "prod", "--format", "json")
    check(data.returncode == 2, "diff-env --format json exited %d" % data.returncode)
    document = json.loads(data.stdout)
    check(document["summary"] == {"compared": 3, "intended": 1, "not_applied": 0,
                                  "unintended": 1},
          "diff-env JSON summary: %s" % document.get("summary"))
    check(document["actions"][1]["differences"] == [
        {"field": "timeout_seconds", "test": 5, "prod": 9, "intended": False,
         "judgement": "unintended", "declared": {"test": 5, "prod": 5},
         "standing": {"test": "as_declared", "prod": "changed_outside"}}],
        "diff-env JSON: %s" % document["actions"])
    drift = project.run("drift", "--env", "prod")
    check(drift.returncode == 2 and "~ timeout_seconds: 5 -> 9" in drift.stdout
          and "by Ops (user u-ops) at " in drift.stdout, "drift --env prod:\n" + drift.stdout)
    same(project.run("drift", "--env", "test"), 0, None, "", "drift --env test")
    for org in (project.test, project.prod):
        check(org.client_id not in run.stdout + run.stderr and org.secret not in
              run.stdout + run.stderr, "a credential was printed")


def test_export(project, workdir):
    print("export --env: base manifests the first time, then override tables only", flush=True)
    out = os.path.join(workdir, "adopted")
    os.makedirs(out)
    with open(os.path.join(project.directory, "dactl.toml")) as source, \
            open(os.path.join(out, "dactl.toml"), "w") as target:
        target.write(source.read())
    first = project.run("export", "--env", "test", "--out", out)
    same(first, 0, "Exported 3 actions into 1 file in %s:\n    orders.toml\n" % out, "",
         "export --env test")
    with open(os.path.join(out, "orders.toml")) as written:
        base = written.read()
    second = project.run("export", "--env", "prod", "--out", out)
    same(second, 0, "Exported the overrides of prod: 3 actions differ from the base manifests "
         "in %s, 0 are the same; appended to:\n    orders.toml\n" % out, "", "export --env prod")
    with open(os.path.join(out, "orders.toml")) as written:
        text = written.read()
    check(text.startswith(base), "export --env prod changed the base manifests")
    check(text[len(base):] ==
          '\n# prod: "Check Stock", exported at version 2\n'
          '[action.check_stock.env.prod]\nid = "custom_-_prod-3"\ntimeout_seconds = 9\n'
          '\n# prod: "Lookup Order Status", exported at version 2\n'
          '[action.lookup_order_status.env.prod]\nid = "custom_-_prod-1"\ntimeout_seconds = 20\n'
          '\n# prod: "Refund", exported at version 2\n'
          '[action.refund.env.prod]\nid = "custom_-_prod-2"\n',
          "the override tables:\n" + text[len(base):])
    for name in ("test", "prod"):
        plan = project.run("plan", "--env", name, directory=out)
        same(plan, 0, None, "", "plan --env %s of the exported project" % name)
        check(plan.stdout.startswith("Environment: %s\n\nNo changes." % name) and plan.stdout.endswith(
            "Plan: 0 to change, 3 unchanged.\n"), "plan --env %s of the exported project:\n%s"
            % (name, plan.stdout))
    again = project.run("export", "--env", "prod", "--out", out)
    same(again, 0, None, None, "export --env prod again")
    check("note: action.refund has overrides for prod already; left as it is\n" in again.stderr,
          "export --env prod again:\n" + again.stderr)


def main():
    def body(workdir):
        test, prod = Org("test", workdir), Org("prod", workdir)
        try:
            project = Project(workdir, test, prod)
            test_choosing(project)
            test_validation(project, workdir)
            test_plan_and_apply(project)
            test_diff_env(project)
            test_export(project, workdir)
        finally:
            test.stop()
            prod.stop()
    return run_tests(body, __doc__)


if __name__ == "__main__":
    sys.exit(main())
