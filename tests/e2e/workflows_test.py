#!/usr/bin/env python3
"""End to end: the example GitHub workflows (examples/github/workflows/*.yml)
and the composite action (action.yml), linted and then run.

Lint (Debian 12 has no actionlint): each file parses as YAML and has the shape
GitHub reads (known keys; every step `run` or `uses`, never both; `with` only
for `uses`), every `${{ }}` names a known context, every `$VARIABLE` a run step
reads is set by the workflow's `env:`, by GitHub, or by the step itself, every
secret and variable is documented in docs/github-actions.md, action.yml
declares the inputs it reads, and shellcheck passes each run script.

Run: the steps of plan, apply and drift in order, as a runner would, in a
scratch git repository whose origin is a bare repository, against the emulator:
`run` steps in bash -e with the workflow's env (expressions evaluated), and the
`uses` steps stood in for: checkout (a clone of origin), this repository's
action (the dactl just built on PATH; the real install is tested in CI by
running install-dactl.sh), upload/download-artifact (a directory), and apt-get
(a stub: the container's package manager). Checks the exit codes, the job
summaries, and that the state commit reached origin so a fresh checkout's
drift job sees no drift, then does after a hand edit.

Then the insights workflow against seeded analytics traffic, with `gh` replaced
by a recorder of its exact calls (and of the pull request they make): the first
run opens a pull request whose body names the actions timing out; a second run
with the same data updates it without a new commit; after the branch is merged
and applied, a run over healthy traffic closes it.

usage: workflows_test.py DACTL EMULATOR
"""

import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

import dactl_e2e as harness
import insights_org as insights_test
from dactl_e2e import check, run_tests
from pg_server import PgServer
from workflow_runner import (ENVIRONMENT_WORKFLOWS, EXPRESSION, PLAN_RUN_ID, POSTGRES_WORKFLOWS,
                             WORKFLOWS, Runner, branch_head, gh_calls, gh_prs, read)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

DOCS = os.path.join(ROOT, "docs/github-actions.md")
TOP_KEYS = {"name", "on", "permissions", "concurrency", "env", "jobs", "defaults"}
JOB_KEYS = {"runs-on", "container", "environment", "env", "steps", "permissions", "needs", "if",
            "concurrency", "timeout-minutes", "outputs", "strategy", "defaults", "name",
            "services"}
STEP_KEYS = {"name", "id", "if", "run", "uses", "with", "env", "shell", "working-directory",
             "continue-on-error", "timeout-minutes"}
CONTEXTS = {"secrets", "vars", "inputs", "github", "runner", "env", "steps", "needs", "matrix",
            "job"}
SHELL_VARIABLE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")
ASSIGNED = re.compile(r"(?:^|[\s;])([A-Za-z_][A-Za-z0-9_]*)=|\bfor ([A-Za-z_][A-Za-z0-9_]*) in\b")
GITHUB_VARIABLES = {"HOME", "PATH", "CI"}


def on_of(document):
    # YAML 1.1 reads the key `on` as True.
    return document.get("on", document.get(True))


def expressions_in(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from expressions_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from expressions_in(item)
    elif isinstance(value, str):
        yield from EXPRESSION.findall(value)


def context_names(expression):
    return set(re.findall(r"\b([a-z_]+)\.[A-Za-z_]", re.sub(r"'[^']*'", "", expression)))


def lint_expressions(name, document, documented):
    for expression in expressions_in(document):
        unknown = context_names(expression) - CONTEXTS
        check(not unknown, "%s: ${{ %s }} names unknown contexts %s" % (name, expression, unknown))
        for kind, key in re.findall(r"\b(secrets|vars)\.([A-Za-z_][A-Za-z0-9_]*)", expression):
            check(key in documented or key == "GITHUB_TOKEN",
                  "%s: %s.%s is not documented in docs/github-actions.md" % (name, kind, key))


def lint_run(name, script, defined):
    plain = EXPRESSION.sub("x", script)
    assigned = {name for pair in ASSIGNED.findall(plain) for name in pair if name}
    for variable in SHELL_VARIABLE.findall(plain):
        known = (variable in defined or variable in assigned or variable in GITHUB_VARIABLES or
                 variable.startswith(("GITHUB_", "RUNNER_")))
        check(known, "%s: the run step reads $%s, which nothing sets (map it in env:)" %
              (name, variable))
    done = subprocess.run(["shellcheck", "-s", "bash", "-"], input=plain, text=True,
                          capture_output=True)
    check(done.returncode == 0, "%s: shellcheck:\n%s" % (name, done.stdout))


def lint_steps(name, steps, defined):
    for number, step in enumerate(steps, 1):
        where = "%s step %d" % (name, number)
        check(set(step) <= STEP_KEYS, "%s: unknown keys %s" % (where, set(step) - STEP_KEYS))
        check(("run" in step) != ("uses" in step), "%s: needs exactly one of run or uses" % where)
        check("with" not in step or "uses" in step, "%s: `with` without `uses`" % where)
        if "uses" in step:
            check(re.fullmatch(r"(\./\S+|[\w.-]+/[\w./-]+@[\w.-]+)", step["uses"]) is not None,
                  "%s: malformed uses: %r" % (where, step["uses"]))
        if "run" in step:
            lint_run(where, step["run"], defined | set(step.get("env", {})))


def lint_own_secrets(where, job):
    """A job for one environment (DACTL_ENV) maps no other org's client."""
    own = str(job.get("env", {}).get("DACTL_ENV", "")).upper()
    if not own:
        return
    for org in re.findall(r"secrets\.GC_([A-Z0-9]+)_", json.dumps(job)):
        check(org == own, "%s: the job for %s maps %s's client" % (where, own.lower(), org.lower()))


def lint_workflow(path, documented):
    name = os.path.relpath(path, ROOT)
    with open(path) as handle:
        document = yaml.safe_load(handle)
    check(isinstance(document, dict), name + ": not a YAML mapping")
    keys = {("on" if key is True else key) for key in document}
    check(keys <= TOP_KEYS, "%s: unknown keys %s" % (name, keys - TOP_KEYS))
    check(on_of(document) is not None and document.get("jobs"), name + ": no `on` or no jobs")
    lint_expressions(name, document, documented)
    for job_name, job in document.get("jobs", {}).items():
        where = "%s job %s" % (name, job_name)
        check(set(job) <= JOB_KEYS, "%s: unknown keys %s" % (where, set(job) - JOB_KEYS))
        check("runs-on" in job and job.get("steps"), where + ": no runs-on or no steps")
        defined = set(document.get("env", {})) | set(job.get("env", {}))
        lint_own_secrets(where, job)
        lint_steps(where, job.get("steps", []), defined)


def lint_action(documented):
    with open(os.path.join(ROOT, "action.yml")) as handle:
        action = yaml.safe_load(handle)
    check(action.get("runs", {}).get("using") == "composite", "action.yml: not a composite action")
    inputs = set(action.get("inputs", {}))
    check(inputs == {"version", "deb"}, "action.yml: inputs %s" % inputs)
    lint_expressions("action.yml", action, documented)
    for expression in expressions_in(action):
        for key in re.findall(r"\binputs\.([a-z_]+)", expression):
            check(key in inputs, "action.yml: inputs.%s is not declared" % key)
    for step in action["runs"]["steps"]:
        check("shell" in step, "action.yml: a composite step needs a shell")
    lint_steps("action.yml", action["runs"]["steps"], set())
    script = os.path.join(ROOT, "examples/github/tools/install-dactl.sh")
    check(os.access(script, os.X_OK), "install-dactl.sh is not executable")


def documented_names():
    with open(DOCS) as handle:
        return set(re.findall(r"`([A-Z][A-Z0-9_]+)`", handle.read()))


def run_workflows(dactl_binary, emulator_binary):
    with tempfile.TemporaryDirectory() as workdir:
        seed = os.path.join(workdir, "org.json")
        harness.make_seed(4, seed)
        emulator = harness.Emulator(emulator_binary, seed, [], workdir)
        try:
            runner = Runner(workdir, dactl_binary, emulator)
            runner.seed_repository({
                ".gitignore": "dactl/.dactl/lock\n",
                "dactl/actions.toml": ('[action.one]\nname = "Lookup 0001"\ntimeout_seconds = 12\n'
                                       '[action.two]\nname = "Lookup 0002"\ntimeout_seconds = %d\n'
                                       % (harness.seeds.timeout_of(2) or 60)),
            })
            print("plan workflow", flush=True)
            outcomes, _, summary = runner.run_job("dactl-plan.yml", "plan")
            check(outcomes == [0, 0, 0, 0, 0], "plan workflow steps: %s" % outcomes)
            check(read(summary).startswith("### dactl plan: 1 to change, 1 unchanged\n"),
                  "plan summary:\n" + read(summary))

            print("apply workflow", flush=True)
            outcomes, _, summary = runner.run_job("dactl-apply.yml", "apply")
            check(outcomes == [0, 0, 0, 0, 0, 0], "apply workflow steps: %s" % outcomes)
            check("Apply complete: 1 changed, 1 unchanged." in read(summary),
                  "apply summary:\n" + read(summary))
            log = runner.git(["log", "--format=%s", "--name-only", "main"], runner.origin)
            check(log.startswith("dactl: state after applying plan run %s\n\ndactl/.dactl/state.json"
                                 % PLAN_RUN_ID), "origin's history after apply:\n" + log)
            check("apt-get install" in read(os.path.join(workdir, "apt-get.log")),
                  "the apply job did not install git first")

            print("drift workflow, a fresh checkout", flush=True)
            outcomes, workspace, summary = runner.run_job("dactl-drift.yml", "drift")
            check(outcomes == [0, 0, 0], "drift workflow steps: %s" % outcomes)
            check(os.path.isfile(os.path.join(workspace, "dactl/.dactl/state.json")),
                  "the drift job's checkout has no state: the commit did not land")
            check("no drift" in read(summary), "drift summary:\n" + read(summary))

            emulator.admin("PATCH", "/__emulator/actions/" + harness.action_id(1),
                           {"config": {"timeoutSeconds": 30}})
            outcomes, _, summary = runner.run_job("dactl-drift.yml", "drift-after-edit")
            check(outcomes == [0, 0, 2], "drift after a hand edit: %s" % outcomes)
            check("### dactl drift: 1 drifted, 1 in sync\n" in read(summary) and
                  "changed in the org outside dactl" in read(summary),
                  "drift summary after a hand edit:\n" + read(summary))
        finally:
            emulator.stop()


def run_postgres_workflows(dactl_binary, emulator_binary):
    """The postgres variant: plan, apply and drift share the state in a database
    (a PostgreSQL 15 server started here); no job commits anything."""
    with tempfile.TemporaryDirectory() as workdir:
        seed = os.path.join(workdir, "org.json")
        harness.make_seed(4, seed)
        emulator = harness.Emulator(emulator_binary, seed, [], workdir)
        server = PgServer()
        try:
            runner = Runner(workdir, dactl_binary, emulator)
            runner.secrets["secrets.DACTL_STATE_URI"] = server.uri()
            head = runner.seed_repository({
                "dactl/dactl.toml": '[state]\nbackend = "postgres"\nproject = "acme/cc"\n'
                                    'conn_env = "DACTL_STATE_URI"\n',
                "dactl/actions.toml": '[action.one]\nname = "Lookup 0001"\ntimeout_seconds = 12\n',
            })
            print("postgres: plan, apply, drift workflows", flush=True)
            outcomes, _, summary = runner.run_job("dactl-plan.yml", "pg-plan",
                                                  directory=POSTGRES_WORKFLOWS)
            check(outcomes == [0, 0, 0, 0, 0], "postgres plan workflow steps: %s" % outcomes)
            outcomes, workspace, summary = runner.run_job("dactl-apply.yml", "pg-apply",
                                                          directory=POSTGRES_WORKFLOWS)
            check(outcomes == [0, 0, 0, 0, 0], "postgres apply workflow steps: %s" % outcomes)
            check("Apply complete: 1 changed, 0 unchanged." in read(summary),
                  "postgres apply summary:\n" + read(summary))
            check(not os.path.exists(os.path.join(workspace, "dactl/.dactl/state.json")),
                  "the postgres apply wrote a state file")
            check(branch_head(runner, "main") == head, "the postgres apply job pushed a commit")
            check(server.sql("SELECT serial || ' ' || command FROM dactl.states") == "1 apply",
                  "the database's history after the apply job")
            outcomes, _, summary = runner.run_job("dactl-drift.yml", "pg-drift",
                                                  directory=POSTGRES_WORKFLOWS)
            check(outcomes == [0, 0, 0] and "no drift" in read(summary),
                  "postgres drift, a fresh checkout: %s\n%s" % (outcomes, read(summary)))
            emulator.admin("PATCH", "/__emulator/actions/" + harness.action_id(1),
                           {"config": {"timeoutSeconds": 30}})
            outcomes, _, summary = runner.run_job("dactl-drift.yml", "pg-drift-after-edit",
                                                  directory=POSTGRES_WORKFLOWS)
            check(outcomes == [0, 0, 2], "postgres drift after a hand edit: %s" % outcomes)
        finally:
            server.close()
            emulator.stop()


def healthy_traffic(emulator):
    """Forgets every execution, then a day of quick ones for every action that has traffic."""
    emulator.admin("DELETE", "/__emulator/traffic")
    for number in (1, 2, 3, 5, 6):
        emulator.admin("POST", "/__emulator/traffic", {
            "actionId": insights_test.action_id(number), "count": 200, "fromSecondsAgo": 86400,
            "latencyMs": [100, 300]})


def run_insights_workflow(dactl_binary, emulator_binary):
    with tempfile.TemporaryDirectory() as workdir:
        seed = os.path.join(workdir, "org.json")
        with open(seed, "w") as out:
            json.dump(insights_test.seed(), out)
        emulator = harness.Emulator(emulator_binary, seed, [], workdir)
        try:
            runner = Runner(workdir, dactl_binary, emulator)
            runner.seed_repository({".gitignore": "dactl/.dactl/lock\n",
                                    "dactl/actions.toml": insights_test.MANIFEST})
            main_before = branch_head(runner, "main")

            print("insights workflow: actions timing out open a pull request", flush=True)
            outcomes, _, summary = runner.run_job("dactl-insights.yml", "insights-1")
            check(outcomes == [0, 0, 0, 0, 0], "insights workflow steps: %s" % outcomes)
            calls = gh_calls(runner)
            check([call["args"][:2] for call in calls] == [["pr", "list"], ["pr", "create"]],
                  "gh calls: %s" % [call["args"] for call in calls])
            check(calls[0]["args"] == ["pr", "list", "--head", "dactl/insights", "--state", "open",
                                       "--json", "number", "--jq", ".[0].number // empty"],
                  "gh pr list: %s" % calls[0]["args"])
            check(all(call["token"] == "ghs_test_token" for call in calls), "gh runs with the job's token")
            (pr,) = gh_prs(runner)
            check(pr["head"] == "dactl/insights" and pr["base"] == "main" and pr["state"] == "open",
                  "the pull request: %s" % {k: v for k, v in pr.items() if k != "body"})
            body = pr["body"]
            check(body.startswith("### dactl insights\n") and
                  "| `action.timing_out` | 700 |" in body and "| timing out | &gt;= 5 s |" in body and
                  "measure it with dactl probe --via-draft action.timing_out" in body and
                  "| `action.at_risk` |" in body and "| at risk | 4 s |" in body and
                  # The blast radius section (issue 28): every host with traffic, the limit.
                  "### Blast radius: what each back-end's actions would hold of the org's 50 "
                  "concurrent executions if it hung\n" in body and
                  "| `https://backend.example.com/` |" in body and
                  "Limit: 50 concurrent executions, read from the org." in body and
                  "\n#### What this run wrote\n\n```text\naction.timing_out: not written: the measurement "
                  "was cut off at the timeout (a lower bound); measure it with --via-draft\n"
                  "Set timeout_seconds = 4 for action.at_risk in actions.toml\n" in body,
                  "the body names the actions timing out and at risk:\n" + body)
            check(body == read(summary), "the job summary is the body")
            branch = branch_head(runner, "dactl/insights")
            log = runner.git(["log", "--format=%s", "--name-only", "main..dactl/insights"], runner.origin)
            check(log == "dactl insights: recommended timeouts from the org's analytics\n\n"
                         "dactl/actions.toml\ndactl/adopted.toml\n", "the branch's commit:\n" + log)
            manifest = runner.git(["show", "dactl/insights:dactl/actions.toml"], runner.origin)
            check('[action.at_risk]\nname = "At Risk"\ntimeout_seconds = 4\n' in manifest and
                  '[action.timing_out]\nname = "Timing Out"\ntimeout_seconds = 3\n' in manifest,
                  "the raised manifest (lower bounds not written):\n" + manifest)
            check(branch_head(runner, "main") == main_before, "main is untouched")

            print("insights workflow: the same data updates the pull request, no new commit", flush=True)
            outcomes, _, _ = runner.run_job("dactl-insights.yml", "insights-2")
            check(outcomes == [0, 0, 0, 0, 0], "second run steps: %s" % outcomes)
            calls = gh_calls(runner)[2:]
            check([call["args"] for call in calls] ==
                  [calls[0]["args"], ["pr", "edit", "1", "--body-file", calls[1]["args"][-1]]],
                  "second run's gh calls: %s" % [call["args"] for call in calls])
            check(len(gh_prs(runner)) == 1 and branch_head(runner, "dactl/insights") == branch,
                  "a second pull request or a new commit")

            print("merged and applied, healthy traffic closes the pull request", flush=True)
            release = os.path.join(workdir, "release")
            runner.git(["clone", "--quiet", runner.origin, release], workdir)
            runner.git(["merge", "--quiet", "--ff-only", "origin/dactl/insights"], release)
            runner.git(["push", "--quiet", "origin", "HEAD:main"], release)
            applied = subprocess.run(["dactl", "-C", os.path.join(release, "dactl"), "apply",
                                      "--auto-approve"], env=dict(harness.dactl_environment(emulator),
                                      PATH=runner.dactl_dir + ":" + os.environ["PATH"]),
                                     capture_output=True, text=True)
            check(applied.returncode == 0, "apply of the merged branch: %s" % applied.stderr)
            healthy_traffic(emulator)
            outcomes, _, summary = runner.run_job("dactl-insights.yml", "insights-3")
            check(outcomes == [0, 0, 0, 0, 0], "third run steps: %s" % outcomes)
            calls = gh_calls(runner)[4:]
            check([call["args"][:3] for call in calls] == [["pr", "list", "--head"], ["pr", "close", "1"]] and
                  calls[1]["args"][3:] == ["--delete-branch", "--comment",
                                           "dactl insights: no action is timing out or at risk any "
                                           "more, nothing to change; the org is healthy."],
                  "third run's gh calls: %s" % [call["args"] for call in calls])
            check(gh_prs(runner)[0]["state"] == "closed" and branch_head(runner, "dactl/insights") is None,
                  "the pull request is closed and its branch gone")
            check(": 0 timing out, 0 at risk, " in read(summary), "healthy summary:\n" + read(summary))
        finally:
            emulator.stop()


def all_tests(_workdir):
    documented = documented_names()
    for directory in (WORKFLOWS, ENVIRONMENT_WORKFLOWS, POSTGRES_WORKFLOWS):
        for workflow in sorted(os.listdir(directory)):
            print("lint " + os.path.relpath(os.path.join(directory, workflow), ROOT), flush=True)
            lint_workflow(os.path.join(directory, workflow), documented)
    print("lint action.yml", flush=True)
    lint_action(documented)
    run_workflows(sys.argv[1], sys.argv[2])
    run_postgres_workflows(sys.argv[1], sys.argv[2])
    run_insights_workflow(sys.argv[1], sys.argv[2])


def main():
    return run_tests(all_tests, __doc__)



if __name__ == "__main__":
    sys.exit(main())
