"""Runs a GitHub workflow's jobs the way GitHub's runner would, with stand-ins
for the actions they use, in a scratch git repository whose origin is a bare
repository (tests/e2e/workflows_test.py, tests/e2e/environment_workflows_test.py).

`run` steps run in bash -e with the workflow's env (expressions evaluated from
the repository's secrets and those of the job's GitHub environment only; an
expression the runner cannot evaluate is an error, so a job reading another
environment's secret fails); `uses` steps are stood in for: checkout (a clone of
origin, at `ref` when given), this repository's action (the dactl just built on
PATH), upload/download-artifact (a directory), apt-get (a stub) and gh (a
recorder of its exact calls and of the pull requests they make)."""

import json
import os
import re
import shutil
import subprocess
import tempfile

import yaml

import dactl_e2e as harness
from dactl_e2e import check

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORKFLOWS = os.path.join(ROOT, "examples/github/workflows")
ENVIRONMENT_WORKFLOWS = os.path.join(ROOT, "examples/github/environments")
POSTGRES_WORKFLOWS = os.path.join(ROOT, "examples/github/postgres")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
PLAN_RUN_ID = "4242"

# gh, as the insights workflow calls it: `pr list`, `pr create`, `pr edit`,
# `pr close`. Records every call (with the body it was given) as a JSON line and
# keeps the pull requests in a JSON file; `pr close --delete-branch` deletes the
# branch from origin as GitHub would.
GH_RECORDER = r"""#!/usr/bin/env python3
import json, os, subprocess, sys
here = os.path.dirname(os.path.abspath(__file__))
state_path, log_path = os.path.join(here, "gh-prs.json"), os.path.join(here, "gh-calls.jsonl")
prs = json.load(open(state_path)) if os.path.exists(state_path) else []
args = sys.argv[1:]
def option(name):
    return args[args.index(name) + 1] if name in args else None
body = open(option("--body-file")).read() if option("--body-file") else None
with open(log_path, "a") as log:
    log.write(json.dumps({"args": args, "body": body, "token": os.environ.get("GH_TOKEN")}) + "\n")
if args[:2] == ["pr", "list"]:
    open_prs = [pr for pr in prs if pr["head"] == option("--head") and pr["state"] == "open"]
    if open_prs:
        print(open_prs[0]["number"])
elif args[:2] == ["pr", "create"]:
    prs.append({"number": len(prs) + 1, "head": option("--head"), "base": option("--base"),
                "title": option("--title"), "body": body, "state": "open"})
    print("https://github.example/pull/%d" % len(prs))
elif args[:2] == ["pr", "edit"]:
    prs[int(args[2]) - 1]["body"] = body
elif args[:2] == ["pr", "close"]:
    pr = prs[int(args[2]) - 1]
    pr["state"], pr["comment"] = "closed", option("--comment")
    if "--delete-branch" in args:
        subprocess.run(["git", "push", "-q", "origin", "--delete", pr["head"]], check=True)
else:
    sys.exit("the gh recorder does not know: gh " + " ".join(args))
json.dump(prs, open(state_path, "w"))
"""


class Runner:
    """Runs a workflow's job the way GitHub's runner would, with stand-ins for actions."""

    def __init__(self, workdir, dactl_binary, emulator):
        self.workdir = workdir
        self.emulator = emulator
        os.makedirs(workdir, exist_ok=True)
        self.origin = os.path.join(workdir, "origin.git")
        self.artifacts = os.path.join(workdir, "artifacts")
        self.tools = os.path.join(workdir, "tools")
        self.dactl_dir = os.path.join(workdir, "dactl-bin")
        for directory in (self.artifacts, self.tools, self.dactl_dir):
            os.mkdir(directory)
        os.symlink(os.path.abspath(dactl_binary), os.path.join(self.dactl_dir, "dactl"))
        stub = os.path.join(self.tools, "apt-get")
        with open(stub, "w") as out:
            out.write('#!/bin/sh\necho "apt-get $*" >> "%s/apt-get.log"\n' % workdir)
        os.chmod(stub, 0o755)
        gh = os.path.join(self.tools, "gh")
        with open(gh, "w") as out:
            out.write(GH_RECORDER)
        os.chmod(gh, 0o755)
        self.home = os.path.join(workdir, "home")
        os.mkdir(self.home)
        self.git(["init", "--quiet", "--bare", "--initial-branch=main", self.origin], workdir)
        self.environments = {}  # GitHub environment -> the secrets it holds, as contexts
        self.secrets = {}  # more repository secrets, as contexts ("secrets.NAME": value)
        self.sha = None  # github.sha: the commit the workflow runs for

    def git(self, args, cwd):
        environment = dict(os.environ, HOME=self.home, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
                           GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
        return subprocess.run(["git"] + args, cwd=cwd, env=environment, check=True,
                              capture_output=True, text=True).stdout

    def seed_repository(self, project_files, message="the manifests"):
        """Commits the files on top of origin's main (a merge, as a developer makes
        it); answers the commit."""
        seed = tempfile.mkdtemp(prefix="seed", dir=self.workdir)
        self.git(["clone", "--quiet", self.origin, seed], self.workdir)
        for path, text in project_files.items():
            os.makedirs(os.path.dirname(os.path.join(seed, path)), exist_ok=True)
            with open(os.path.join(seed, path), "w") as out:
                out.write(text)
        self.git(["add", "-A"], seed)
        self.git(["commit", "--quiet", "-m", message], seed)
        self.git(["push", "--quiet", "origin", "HEAD:main"], seed)
        return self.git(["rev-parse", "HEAD"], seed).strip()

    def evaluate(self, text, context):
        def value(match):
            expression = match.group(1)
            if expression not in context:
                raise RuntimeError("the test runner cannot evaluate ${{ %s }}" % expression)
            return context[expression]
        return EXPRESSION.sub(value, text) if isinstance(text, str) else text

    def run_job(self, workflow, run_name, job_name=None, directory=WORKFLOWS, extra_env=None):
        """Runs one job of the workflow (its only one unless named), with the
        secrets of the repository and of the job's GitHub environment (from
        self.environments) and nothing else; answers (outcomes, workspace, summary)."""
        with open(os.path.join(directory, workflow)) as handle:
            document = yaml.safe_load(handle)
        if job_name is None:
            (job,) = document["jobs"].values()
        else:
            job = document["jobs"][job_name]
        run_dir = os.path.join(self.workdir, run_name)
        workspace = os.path.join(run_dir, "workspace")
        temp = os.path.join(run_dir, "temp")
        os.makedirs(temp)
        os.makedirs(workspace)  # GitHub's runner makes it, empty, before any step
        summary = os.path.join(run_dir, "summary.md")
        context = {
            "secrets.GENESYSCLOUD_OAUTHCLIENT_ID": harness.CLIENT_ID,
            "secrets.GENESYSCLOUD_OAUTHCLIENT_SECRET": harness.CLIENT_SECRET,
            "vars.GENESYSCLOUD_REGION": "",
            "secrets.DACTL_STATE_KEY": "ci-state-key-0d6e2f81",
            "inputs.plan_run_id": PLAN_RUN_ID,
            "github.token": "ghs_test_token",
            "github.sha": self.sha or "",
            "runner.temp": temp,
        }
        context.update(self.secrets)
        if "environment" in job:
            context.update(self.environments.get(job["environment"], {}))
        environment = {
            "PATH": "%s:%s" % (self.tools, os.environ["PATH"]), "HOME": self.home, "CI": "true",
            "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": workspace, "RUNNER_TEMP": temp,
            "GITHUB_STEP_SUMMARY": summary, "DACTL_API_URL": self.emulator.url,
            "GITHUB_REF_NAME": "main", "GITHUB_SHA": self.sha or "",
        }
        environment.update(extra_env or {})
        for scope in (document.get("env", {}), job.get("env", {})):
            environment.update({k: self.evaluate(str(v), context) for k, v in scope.items()})
        outcomes = []
        failed = False
        for step in job["steps"]:
            if failed and "always()" not in str(step.get("if", "")):
                outcomes.append("skipped")
                continue
            code = self.step(step, context, environment, workspace)
            outcomes.append(code)
            failed = failed or code != 0
        return outcomes, workspace, summary

    def step(self, step, context, environment, workspace):
        step_env = dict(environment)
        step_env.update({k: self.evaluate(str(v), context) for k, v in step.get("env", {}).items()})
        if "run" in step:
            script = self.evaluate(step["run"], context)
            return subprocess.run(["bash", "-e", "-c", script], cwd=workspace, env=step_env,
                                  timeout=300).returncode
        uses = step["uses"]
        inputs = {k: self.evaluate(str(v), context) for k, v in step.get("with", {}).items()}
        if uses.startswith("actions/checkout@"):
            self.git(["clone", "--quiet", self.origin, workspace], self.workdir)
            if "ref" in inputs:
                self.git(["checkout", "--quiet", "--detach", inputs["ref"]], workspace)
            return 0
        if uses.endswith("/dactl@v1"):
            environment["PATH"] = self.dactl_dir + ":" + environment["PATH"]
            return 0
        if uses.startswith("actions/upload-artifact@"):
            target = os.path.join(self.artifacts, inputs["name"])
            os.makedirs(target, exist_ok=True)
            shutil.copy(inputs["path"], target)
            return 0
        if uses.startswith("actions/download-artifact@"):
            check(inputs.get("run-id") == PLAN_RUN_ID, "download-artifact run-id: %s" % inputs)
            source = os.path.join(self.artifacts, inputs["name"])
            for name in os.listdir(source):
                shutil.copy(os.path.join(source, name), inputs["path"])
            return 0
        raise RuntimeError("the test runner has no stand-in for " + uses)


def read(path):
    with open(path) as handle:
        return handle.read()


def gh_calls(runner):
    path = os.path.join(runner.tools, "gh-calls.jsonl")
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        return [json.loads(line) for line in handle]


def gh_prs(runner):
    with open(os.path.join(runner.tools, "gh-prs.json")) as handle:
        return json.load(handle)


def branch_head(runner, branch):
    found = subprocess.run(["git", "rev-parse", "--verify", "-q", branch], cwd=runner.origin,
                           capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 else None


