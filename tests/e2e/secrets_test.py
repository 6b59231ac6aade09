#!/usr/bin/env python3
"""End to end: no secret ever leaves dactl. Runs every command (and each with
--verbose, and the failing paths: a wrong secret, tokens expiring mid-run, a
crash leaving the lock) against genesys-emulator with a known client secret and
secret-looking header values in the org and in the manifests, then scans
everything written (standard output and error, plan file, state file and its
backup, lock, exported manifests, job summary, HTML report) for the secret, the
Basic credentials, every token the emulator issued and the header values. Also
checks that plan, state and lock files are mode 0600.

usage: secrets_test.py DACTL EMULATOR
Exits 1 naming every failed check. Python 3 standard library only.
"""

import base64
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

import make_seed
import dactl_e2e as harness
from dactl_e2e import check, finish, run_tests

SEED_HEADERS = {"Authorization": "Bearer s3ed-auth-value-6b1f", "X-Api-Key": "s3ed-api-key-93ad",
                "Cookie": "session=s3ed-cookie-0c7e", "Accept": "application/json"}
MANIFEST_SECRET = "m4nifest-auth-value-2d8e"
WRONG_SECRET = "wr0ng-client-secret-77aa"



def write_seed(path):
    actions = [make_seed.make_action(number, (100, 200)) for number in range(1, 6)]
    for action in actions:
        action["config"]["request"]["headers"] = dict(SEED_HEADERS)
        action["config"]["request"]["requestType"] = "GET"
        action["config"]["timeoutSeconds"] = 3
    with open(path, "w") as out:
        json.dump(actions, out)


MANIFEST = """[action.first]
name = "Lookup 0001"
timeout_seconds = 9
[action.first.request]
headers = { Accept = "application/json", Authorization = "Bearer %s", X-Api-Key = "s3ed-api-key-93ad", Cookie = "session=s3ed-cookie-0c7e" }
[action.first.probe]
input = { key = "k-1" }

[action.second]
name = "Lookup 0002"
timeout_seconds = 12
[action.second.probe]
input = { key = "k-2" }
""" % MANIFEST_SECRET


class Run:
    """Runs dactl commands against the emulator, keeping everything they print."""

    def __init__(self, workdir):
        self.dactl_binary, emulator_binary = sys.argv[1], sys.argv[2]
        seed = os.path.join(workdir, "org.json")
        write_seed(seed)
        self.project = os.path.join(workdir, "project")
        os.mkdir(self.project)
        with open(os.path.join(self.project, "dactl.toml"), "w") as out:
            out.write("[api]\nrequests_per_minute = 10000\n")
        with open(os.path.join(self.project, "actions.toml"), "w") as out:
            out.write(MANIFEST)
        self.emulator = harness.Emulator(emulator_binary, seed, [], workdir)
        self.emulator.admin("PATCH", "/__emulator/settings", {"timeScale": 0.01})
        self.outputs = []
        self.summary = os.path.join(workdir, "summary.md")

    def environment(self, secret=None, extra=None):
        environment = harness.dactl_environment(self.emulator)
        environment["DACTL_PROBE_TIME_SCALE"] = "0.01"
        environment["GITHUB_ACTIONS"] = "true"
        environment["GITHUB_STEP_SUMMARY"] = self.summary
        if secret:
            environment["GENESYSCLOUD_OAUTHCLIENT_SECRET"] = secret
        environment.update(extra or {})
        return environment

    def dactl(self, *args, expect=(0,), secret=None, variants=([], ["--verbose"])):
        for verbose in variants:
            command = [self.dactl_binary, "-C", self.project] + verbose + list(args)
            run = subprocess.run(command, env=self.environment(secret), capture_output=True,
                                 text=True, timeout=120)
            self.outputs.append((" ".join(verbose + list(args)), run.stdout + run.stderr))
            check(run.returncode in expect, "dactl %s exited %d: %s" %
                  (" ".join(verbose + list(args)), run.returncode, run.stderr[-800:]))
        return run

    def start(self, *args):
        return subprocess.Popen([self.dactl_binary, "-C", self.project, "--verbose"] + list(args),
                                env=self.environment(), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)


def mode_is_private(path):
    return check(os.stat(path).st_mode & 0o777 == 0o600,
                 "%s is mode %o, not 600" % (path, os.stat(path).st_mode & 0o777))


def scan(run, files, extra=None):
    tokens = run.emulator.admin("GET", "/__emulator/tokens")["tokens"]
    check(len(tokens) >= 10, "only %d tokens issued: the scan would prove little" % len(tokens))
    basic = base64.b64encode(("%s:%s" % (harness.CLIENT_ID, harness.CLIENT_SECRET)).encode()).decode()
    needles = {"the client secret": harness.CLIENT_SECRET, "the wrong secret": WRONG_SECRET,
               "the Basic credentials": basic, "the manifest's Authorization value": MANIFEST_SECRET}
    for name, value in SEED_HEADERS.items():
        if name != "Accept":
            needles["the org's %s value" % name] = value.split("=")[-1]
    for index, token in enumerate(tokens):
        needles["token %d" % index] = token
    needles.update(extra or {})
    # The scan must be able to see a secret: the manifest holds one, the seed others.
    with open(os.path.join(run.emulator.log.name.rsplit("/", 1)[0], "org.json")) as seed:
        control = MANIFEST + seed.read()
    for what in ("the manifest's Authorization value", "the org's Cookie value"):
        check(needles[what] in control, "the scan cannot see %s" % what)
    texts = list(run.outputs)
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as source:
            texts.append((path, source.read()))
    for where, text in texts:
        for what, needle in needles.items():
            check(needle not in text, "%s shows %s" % (where, what))
    print("  scanned %d outputs and files for %d secrets" % (len(texts), len(needles)), flush=True)


def expire_tokens_while(run, process):
    while process.poll() is None:
        run.emulator.admin("POST", "/__emulator/tokens/expire")
        time.sleep(0.05)


def all_tests(_workdir):
    with tempfile.TemporaryDirectory(prefix="dactl-secrets-") as workdir:
        run = Run(workdir)
        try:
            exercise(run, workdir)
        finally:
            run.emulator.stop()
    return finish()


def exercise(run, workdir):
    project = run.project
    plan_file = os.path.join(workdir, "reviewed.plan")
    print("every command, plain and --verbose", flush=True)
    run.dactl("validate")
    plan = run.dactl("plan", "--no-color")
    check('        ~ "Authorization": (sensitive) -> (sensitive)\n' in plan.stdout,
          "the plan does not mask the Authorization change as expected:\n" + plan.stdout)
    run.dactl("plan", "--format", "json")
    run.dactl("plan", "--format", "markdown", "--github-summary")
    run.dactl("drift", "--format", "json", expect=(0, 2))
    run.dactl("plan", "--out", plan_file)
    mode_is_private(plan_file)
    run.dactl("apply", plan_file, expect=(0, 1))
    run.emulator.admin("PATCH", "/__emulator/actions/" + harness.action_id(2), {"config": {"timeoutSeconds": 4}})
    for output in ("text", "json", "markdown"):
        run.dactl("drift", "--format", output, expect=(2,))
    run.dactl("apply", "--auto-approve", "--format", "json")
    run.dactl("apply", "--auto-approve")
    run.dactl("export", "--out", os.path.join(workdir, "exported", "plain"), "--fields", "all",
              variants=([],))
    run.dactl("export", "--out", os.path.join(workdir, "exported", "verbose"), "--fields", "all",
              variants=(["--verbose"],))
    run.dactl("probe", "--samples", "3", "--via-draft", "--html", os.path.join(workdir, "report.html"))
    run.dactl("probe", "--samples", "3", "--format", "json")
    run.dactl("insights", "--all", "--html", os.path.join(workdir, "insights.html"))
    run.dactl("insights", "--since-apply", "--format", "json")

    print("failing paths: a wrong secret, tokens expiring mid-run, a crash holding the lock", flush=True)
    failed = run.dactl("plan", secret=WRONG_SECRET, expect=(1,))
    said = "Error: logging in at %s failed: client not found " \
           "or wrong client secret (HTTP 401, correlation id " % run.emulator.url
    check(failed.stderr.splitlines()[-1].startswith(said), "a wrong secret says: " + failed.stderr)
    run.emulator.admin("PATCH", "/__emulator/settings", {"latencyMs": {"min": 100, "max": 100}})
    process = run.start("plan")
    expire_tokens_while(run, process)
    out, _ = process.communicate(timeout=60)
    run.outputs.append(("plan with tokens expiring", out))
    for number in (1, 2):  # work for the apply about to be killed
        run.emulator.admin("PATCH", "/__emulator/actions/" + harness.action_id(number),
                           {"config": {"timeoutSeconds": 5}})
    process = run.start("apply", "--auto-approve")
    lock_path = os.path.join(project, ".dactl", "lock")
    deadline = time.monotonic() + 20
    while not os.path.exists(lock_path) and time.monotonic() < deadline:
        time.sleep(0.005)
    check(os.path.exists(lock_path), "no lock seen while apply ran")
    time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    out, _ = process.communicate(timeout=60)
    run.outputs.append(("apply killed", out))
    files = []
    if check(os.path.exists(lock_path), "the killed apply left no lock"):
        mode_is_private(lock_path)
        with open(lock_path) as source:
            lock_text = source.read()
        run.outputs.append((lock_path, lock_text))
        lock_id = dict(line.split("=", 1) for line in lock_text.splitlines())["id"]
        run.dactl("force-unlock", "--force", lock_id, variants=(["--verbose"],))
        run.dactl("apply", "--auto-approve")
    run.emulator.admin("PATCH", "/__emulator/settings", {"latencyMs": {"min": 0, "max": 0}})

    print("a secret header changed by hand: drift tells it by its fingerprint", flush=True)
    typed = "Bearer typed-by-hand-5a1c"
    run.emulator.admin("PATCH", "/__emulator/actions/" + harness.action_id(1),
                       {"config": {"request": {"headers": {"Authorization": typed}}}})
    drift = run.dactl("drift", "--no-color", expect=(2,))
    check('        ~ "Authorization": (sensitive) -> (sensitive)\n' in drift.stdout,
          "drift does not show the Authorization changed by hand:\n" + drift.stdout)
    run.dactl("drift", "--format", "json", expect=(2,))
    key_path = os.path.join(project, ".dactl", "key")
    extra = {"the hand-typed Authorization value": typed.split(" ")[1]}
    if check(os.path.exists(key_path), "no state key written"):
        mode_is_private(key_path)
        with open(key_path) as source:
            extra["the state key"] = source.read().strip()
    for name in ("state.json", "state.json.backup"):
        path = os.path.join(project, ".dactl", name)
        if check(os.path.exists(path), "no %s written" % name):
            mode_is_private(path)
            files.append(path)
    for directory, _, names in os.walk(os.path.join(workdir, "exported")):
        files += [os.path.join(directory, name) for name in names]
    files += [plan_file, run.summary, os.path.join(workdir, "report.html")]
    check(len(files) >= 7, "only %d files to scan: %s" % (len(files), files))
    scan(run, files, extra)


def main():
    return run_tests(all_tests, __doc__)



if __name__ == "__main__":
    sys.exit(main())
