#!/usr/bin/env python3
"""End to end: the GitHub workflows for a project with environments
(examples/github/environments/*.yml) run as a runner would
(tests/support/workflow_runner.py), against two emulators as the orgs test and
prod, each with its own client.

Every job gets the repository's secrets and those of its GitHub environment
only (test-plan and test hold test's client, prod-plan and production prod's,
promote-compare both): a job that read the other org's secret could not run.

- plan: one job per org, each planning only its org, its own summary and
  artefact;
- promote: test is applied and its state committed on main; then main moves
  on (another merge); compare passes (prod only not applied yet); prod applies
  the commit that test got, not main's tip, and its state lands on main on top
  of the other merge;
- drift: one job per org; the merge not applied yet is reported without
  failing; a hand edit in prod fails prod's job only;
- insights: prod's analytics raise prod's override tables (never the base that
  test uses) and adopt prod's unmanaged actions in a pull request; plans for
  both environments of the branch succeed.

usage: environment_workflows_test.py DACTL EMULATOR
"""

import os
import subprocess
import sys

import insights_org
from dactl_e2e import action_id, check, environment_org, run_tests
from workflow_runner import (ENVIRONMENT_WORKFLOWS, Runner, branch_head, gh_calls, gh_prs,
                             read)

SETTINGS = """[env.test]
api_url = "%s"
client_id_env = "GC_TEST_CLIENT_ID"
client_secret_env = "GC_TEST_CLIENT_SECRET"

[env.prod]
api_url = "%s"
client_id_env = "GC_PROD_CLIENT_ID"
client_secret_env = "GC_PROD_CLIENT_SECRET"
"""

MANIFEST = """[action.one]
name = "Lookup 0001"
timeout_seconds = 12

[action.one.env.prod]
timeout_seconds = 20

[action.two]
name = "Lookup 0002"
timeout_seconds = 9
"""

IGNORED = "dactl/.dactl/env/*/lock\ndactl/.dactl/env/*/key\n"


def secrets_of(org, name):
    return {"secrets.GC_%s_CLIENT_ID" % name: org.client_id,
            "secrets.GC_%s_CLIENT_SECRET" % name: org.secret}


def github_environments(test, prod):
    """The secrets each GitHub environment holds."""
    test_secrets, prod_secrets = secrets_of(test, "TEST"), secrets_of(prod, "PROD")
    return {"test-plan": test_secrets, "test": test_secrets, "prod-plan": prod_secrets,
            "production": prod_secrets, "promote-compare": dict(test_secrets, **prod_secrets)}


def run(runner, workflow, job, run_name):
    return runner.run_job(workflow, run_name, job_name=job, directory=ENVIRONMENT_WORKFLOWS)


def timeouts(org):
    return {id: action["config"].get("timeoutSeconds") for id, action in org.actions().items()}


def plan_and_promote(runner, test, prod):
    print("plan workflow: one job per org", flush=True)
    for job, org, other in (("test", test, prod), ("prod", prod, test)):
        for each in (test, prod):
            each.emulator.admin("DELETE", "/__emulator/requests")
        outcomes, _, summary = run(runner, "dactl-plan.yml", job, "plan-" + job)
        check(outcomes == [0, 0, 0, 0, 0], "plan %s steps: %s" % (job, outcomes))
        check(read(summary).startswith("### dactl plan for %s: 2 to change, 0 unchanged\n" % job),
              "plan %s summary:\n%s" % (job, read(summary)))
        check(other.counts() == {}, "the %s plan job reached the other org: %s" % (job, other.counts()))
        check(os.path.isfile(os.path.join(runner.artifacts, "dactl-plan-" + job, "dactl.plan")),
              "no artefact dactl-plan-" + job)

    print("promote workflow: test, then main moves on, compare, prod", flush=True)
    merged = runner.sha
    outcomes, _, summary = run(runner, "dactl-promote.yml", "test", "promote-test")
    check(outcomes == [0, 0, 0, 0, 0, 0], "promote test steps: %s" % outcomes)
    check("Apply complete: 2 changed, 0 unchanged." in read(summary), "test's apply:\n" + read(summary))
    check(timeouts(test)[action_id(1)] == 12 and timeouts(prod)[action_id(1)] != 20,
          "test applied, prod untouched")
    later = runner.seed_repository({"dactl/actions.toml": MANIFEST.replace(
        "timeout_seconds = 9", "timeout_seconds = 33")}, "another merge: action.two waits 33 s")
    outcomes, _, summary = run(runner, "dactl-promote.yml", "compare", "promote-compare")
    check(outcomes == [0, 0, 0, 0, 0], "compare steps: %s\n%s" % (outcomes, read(summary)))
    outcomes, workspace, summary = run(runner, "dactl-promote.yml", "prod", "promote-prod")
    check(outcomes == [0, 0, 0, 0, 0, 0], "promote prod steps: %s\n%s" % (outcomes, read(summary)))
    live = timeouts(prod)
    check(live[action_id(1)] == 20 and live[action_id(2)] == 9,
          "prod got the merged commit %s, not main's tip %s: %s" % (merged, later, live))
    log = runner.git(["log", "--format=%s", "--name-only", "-3", "main"], runner.origin)
    check(log == ("dactl: state of prod after applying %s\n\ndactl/.dactl/env/prod/state.json\n"
                  "another merge: action.two waits 33 s\n\ndactl/actions.toml\n"
                  "dactl: state of test after applying %s\n\ndactl/.dactl/env/test/state.json\n"
                  % (merged, merged)), "main's history:\n" + log)
    check(os.path.isfile(os.path.join(workspace, "dactl/.dactl/env/prod/state.json")),
          "prod's state")


def drift(runner, prod):
    print("drift workflow: a merge not applied yet is pending, not drift", flush=True)
    for job in ("test", "prod"):
        outcomes, _, summary = run(runner, "dactl-drift.yml", job, "drift-" + job)
        check(outcomes == [0, 0, 0], "drift %s steps: %s\n%s" % (job, outcomes, read(summary)))
        check(read(summary).startswith("### dactl drift for %s: " % job) and
              "not yet applied" in read(summary), "drift %s summary:\n%s" % (job, read(summary)))
    prod.edit(action_id(1), {"config": {"timeoutSeconds": 45}})
    outcomes, _, _ = run(runner, "dactl-drift.yml", "test", "drift-test-2")
    check(outcomes == [0, 0, 0], "test's drift after prod's hand edit: %s" % outcomes)
    outcomes, _, summary = run(runner, "dactl-drift.yml", "prod", "drift-prod-2")
    check(outcomes == [0, 0, 2] and "changed in the org outside dactl" in read(summary),
          "prod's drift after a hand edit: %s\n%s" % (outcomes, read(summary)))


def plan_environments(runner, test, prod, workdir):
    """dactl plan --env test and --env prod of the insights branch: both succeed."""
    clone = os.path.join(workdir, "review")
    runner.git(["clone", "--quiet", "--branch", "dactl/insights-prod", runner.origin, clone], workdir)
    environment = dict(os.environ, NO_COLOR="1", GC_TEST_CLIENT_ID=test.client_id,
                       GC_TEST_CLIENT_SECRET=test.secret, GC_PROD_CLIENT_ID=prod.client_id,
                       GC_PROD_CLIENT_SECRET=prod.secret)
    for name in ("test", "prod"):
        done = subprocess.run([sys.argv[1], "-C", os.path.join(clone, "dactl"), "plan", "--env", name],
                              env=environment, capture_output=True, text=True)
        check(done.returncode == 0, "plan --env %s of the branch: %s%s" % (name, done.stdout, done.stderr))
        yield name, done.stdout


def insights(workdir, emulator_binary):
    print("insights workflow: prod's analytics, prod's override tables", flush=True)
    quiet = insights_org.seed()
    for action in quiet:
        action["_emulator"].pop("traffic", None)
    test = environment_org(workdir, "test-insights", quiet, switches=())
    prod = environment_org(workdir, "prod-insights", insights_org.seed())
    try:
        runner = Runner(os.path.join(workdir, "insights-runner"), sys.argv[1], test.emulator)
        runner.environments = github_environments(test, prod)
        runner.sha = runner.seed_repository({
            ".gitignore": IGNORED, "dactl/dactl.toml": SETTINGS % (test.emulator.url, prod.emulator.url),
            "dactl/actions.toml": insights_org.MANIFEST})
        outcomes, _, summary = run(runner, "dactl-insights.yml", "insights", "insights")
        check(outcomes == [0, 0, 0, 0, 0], "insights steps: %s\n%s" % (outcomes, read(summary)))
        check(test.counts() == {}, "the insights job reached test: %s" % test.counts())
        calls = gh_calls(runner)
        check([call["args"][:2] for call in calls] == [["pr", "list"], ["pr", "create"]],
              "gh calls: %s" % [call["args"] for call in calls])
        (pr,) = gh_prs(runner)
        check(pr["head"] == "dactl/insights-prod" and
              pr["title"] == "dactl insights: raise the timeouts of actions timing out or at risk in prod"
              and pr["body"].startswith("### dactl insights for prod\n"),
              "the pull request: %s" % pr)
        manifest = runner.git(["show", "dactl/insights-prod:dactl/actions.toml"], runner.origin)
        check('[action.at_risk]\nname = "At Risk"\ntimeout_seconds = 3\n' in manifest and
              '[action.at_risk.env.prod]\ntimeout_seconds = 4\n' in manifest,
              "prod's override raised, the base kept:\n" + manifest)
        check(branch_head(runner, "main") != branch_head(runner, "dactl/insights-prod"), "a branch")
        plans = dict(plan_environments(runner, test, prod, workdir))
        check("action.at_risk" not in plans["test"], "test's plan changes at_risk:\n" + plans["test"])
        check('~ action.at_risk: "At Risk"' in plans["prod"] and "timeout_seconds: 3 -> 4" in plans["prod"],
              "prod's plan raises at_risk:\n" + plans["prod"])
    finally:
        test.stop()
        prod.stop()


def promotion(workdir):
    test = environment_org(workdir, "test", 4)
    prod = environment_org(workdir, "prod", 4)
    try:
        runner = Runner(os.path.join(workdir, "runner"), sys.argv[1], test.emulator)
        runner.environments = github_environments(test, prod)
        runner.sha = runner.seed_repository({
            ".gitignore": IGNORED, "dactl/dactl.toml": SETTINGS % (test.emulator.url, prod.emulator.url),
            "dactl/actions.toml": MANIFEST})
        plan_and_promote(runner, test, prod)
        drift(runner, prod)
    finally:
        test.stop()
        prod.stop()


def all_tests(workdir):
    promotion(workdir)
    insights(workdir, sys.argv[2])


def main():
    return run_tests(all_tests, __doc__)


if __name__ == "__main__":
    sys.exit(main())
