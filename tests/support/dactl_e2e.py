"""The harness of dactl's process-level tests (Python 3 standard library only):
the genesys-emulator as a process, generated orgs and projects, one Org helper
(an emulator, a project directory and dactl run against them), and checks that
report every failure of a run, not just the first.

The tests and scripts import it with tests/support and tests/emulator on
PYTHONPATH (ctest sets it; by hand: PYTHONPATH=tests/support:tests/emulator).
`run_tests` runs a test's body in a fresh temporary directory, so that no test
writes into the directory it was started from.
"""

import base64
import copy
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import make_seed as seeds  # tests/emulator: the generated orgs, and their timeouts

CLIENT_ID = "reliability-client"
CLIENT_SECRET = "reliability-secret-5e1f"

FAILURES = []


def check(condition, message):
    """Answers `condition`; when false, records and prints `message`."""
    if not condition:
        FAILURES.append(message)
        print("  FAILED: " + message, flush=True)
    return condition


def finish():
    """Prints the verdict; answers 1 when a check failed, else 0."""
    print("%d checks failed" % len(FAILURES) if FAILURES else "all passed")
    return 1 if FAILURES else 0


def run_tests(body, usage=None, arguments=2):
    """Runs `body(workdir)` in a fresh temporary directory (also the working
    directory, so that relative paths land there), then finish(). With fewer
    than `arguments` command-line arguments prints `usage` and answers 2."""
    if len(sys.argv) - 1 < arguments:
        print(usage or "usage: %s DACTL EMULATOR" % os.path.basename(sys.argv[0]))
        return 2
    started = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="dactl-test-") as workdir:
        os.chdir(workdir)
        try:
            body(workdir)
        finally:
            os.chdir(started)
    return finish()


class Emulator:
    """A genesys-emulator process on a free port, with its admin API."""

    def __init__(self, binary, seed_path, switches, workdir, client_id=CLIENT_ID,
                 client_secret=CLIENT_SECRET):
        port_file = os.path.join(workdir, "port")
        if os.path.exists(port_file):
            os.remove(port_file)
        self.log = open(os.path.join(workdir, "emulator.log"), "w")
        self.process = subprocess.Popen(
            [binary, "--seed", seed_path, "--port", "0", "--port-file", port_file,
             "--client-id", client_id, "--client-secret", client_secret, "--quiet"] + switches,
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if self.process.poll() is not None or time.time() > deadline:
                raise RuntimeError("the emulator did not start: see " + self.log.name)
            time.sleep(0.02)
        self.url = "http://127.0.0.1:" + open(port_file).read().strip()

    def admin(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        with urllib.request.urlopen(request, timeout=30) as answer:
            text = answer.read().decode()
        return json.loads(text) if text else None

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


def make_seed(count, path):
    """Writes the generated org of `count` actions (tests/emulator/make_seed.py) to `path`."""
    with open(path, "w") as out:
        json.dump([seeds.make_action(number, None) for number in range(1, count + 1)], out)


def label(number):
    return "lookup_%04d" % number


def action_id(number):
    return "custom_-_00000000-0000-4000-8000-%012d" % number


def desired_actions(count, changes, unchanged_too=True):
    """Which actions the manifests manage and the values they declare.

    `changes` actions change their timeout; every fourth of them also changes
    its header map. Unless `unchanged_too` is false, as many again (among those
    with a timeout) are managed with the values they already have. Every tenth
    is selected by id, the others by name."""
    managed = {}
    numbers = list(range(1, count + 1))
    changed = numbers[:changes]
    unchanged = [n for n in numbers[changes:] if seeds.timeout_of(n) is not None][:changes]
    unchanged = unchanged if unchanged_too else []
    for index, number in enumerate(changed):
        current = seeds.timeout_of(number)
        fields = {"timeout_seconds": 7 if current != 7 else 8}
        if index % 4 == 0:
            fields["request.headers"] = {
                "Accept": "application/json", "X-Trace": "seed-%d" % number, "X-Team": "care"}
        managed[label(number)] = {"number": number, "fields": fields}
    for number in unchanged:
        managed[label(number)] = {"number": number,
                                  "fields": {"timeout_seconds": seeds.timeout_of(number)}}
    return managed


def write_project(directory, managed, api):
    lines = ["[api]"] + ["%s = %d" % (key, value) for key, value in sorted(api.items())] + [""]
    with open(os.path.join(directory, "dactl.toml"), "w") as out:
        out.write("\n".join(lines))
    text = []
    for name, entry in managed.items():
        number = entry["number"]
        text.append("[action.%s]" % name)
        if number % 10 == 0:
            text.append('id = "%s"' % action_id(number))
        else:
            text.append('name = "Lookup %04d"' % number)
        fields = entry["fields"]
        text.append("timeout_seconds = %d" % fields["timeout_seconds"])
        if "request.headers" in fields:
            pairs = ", ".join('"%s" = "%s"' % item
                              for item in sorted(fields["request.headers"].items()))
            text.append("[action.%s.request]" % name)
            text.append("headers = { %s }" % pairs)
        text.append("")
    with open(os.path.join(directory, "actions.toml"), "w") as out:
        out.write("\n".join(text))


def start_org(emulator_binary, workdir, actions, managed, api=None, switches=()):
    """A generated org of `actions` on a fresh emulator (started with `switches`), and a
    project managing `managed` (dactl's pacing lifted unless `api` says otherwise).
    Answers (project, emulator)."""
    seed = os.path.join(workdir, "org.json")
    make_seed(actions, seed)
    project = os.path.join(workdir, "project")
    os.mkdir(project)
    settings = {"requests_per_minute": 10000}
    settings.update(api or {})
    write_project(project, managed, settings)
    return project, Emulator(emulator_binary, seed, list(switches), workdir)


def dactl_environment(emulator, client_id=CLIENT_ID, client_secret=CLIENT_SECRET):
    """Our environment, pointed at the emulator with its client."""
    environment = dict(os.environ)
    for name in ("GENESYSCLOUD_REGION", "DACTL_LOGIN_URL", "DACTL_ENV", "DACTL_STATE_KEY",
                 "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        environment.pop(name, None)
    environment.update({"GENESYSCLOUD_OAUTHCLIENT_ID": client_id,
                        "GENESYSCLOUD_OAUTHCLIENT_SECRET": client_secret,
                        "DACTL_API_URL": emulator.url, "NO_COLOR": "1"})
    return environment


def dactl(binary, emulator, project, args, timeout=600, extra=None):
    environment = dactl_environment(emulator)
    environment.update(extra or {})
    return subprocess.run([binary, "-C", project] + args, env=environment,
                          capture_output=True, text=True, timeout=timeout)


def most_in_window(times, window_ms):
    """The most of `times` (sorted or not, in ms) that fall in any window of `window_ms`."""
    times = sorted(times)
    most = 0
    first = 0
    for last, at in enumerate(times):
        while times[first] <= at - window_ms:
            first += 1
        most = max(most, last - first + 1)
    return most


def window_peaks(requests, window_ms=60000):
    """From the emulator's request log: the most API requests any one token and all tokens
    together started in any window of `window_ms` emulated ms, and the span of the run in
    emulated ms. Answers {"per_token": {number: most}, "client": most, "span_ms": ms}."""
    api = [entry for entry in requests if entry["token"] > 0]
    by_token = {}
    for entry in api:
        by_token.setdefault(entry["token"], []).append(entry["atMs"])
    times = [entry["atMs"] for entry in requests]
    return {"per_token": {token: most_in_window(at, window_ms) for token, at in by_token.items()},
            "client": most_in_window([entry["atMs"] for entry in api], window_ms),
            "span_ms": (max(times) - min(times)) if times else 0}


class Org:
    """One emulated org and a project directory to run dactl in against it.

    `seed` is a list of actions (written to org.json) or a number of generated
    ones (make_seed); `switches` are the emulator's flags."""

    def __init__(self, workdir, seed, switches=(), name="org", dactl_binary=None,
                 emulator_binary=None, client_id=CLIENT_ID, client_secret=CLIENT_SECRET):
        self.dactl_binary = dactl_binary or sys.argv[1]
        self.workdir = os.path.join(workdir, name)
        os.makedirs(self.workdir, exist_ok=True)
        self.name = name
        self.client_id = client_id
        self.secret = client_secret
        path = os.path.join(self.workdir, "org.json")
        if isinstance(seed, int):
            make_seed(seed, path)
        else:
            with open(path, "w") as out:
                json.dump(seed, out)
        self.emulator = Emulator(emulator_binary or sys.argv[2], path, list(switches),
                                 self.workdir, client_id, client_secret)
        self.project = os.path.join(self.workdir, "project")
        os.makedirs(self.project, exist_ok=True)

    def path(self, *parts):
        return os.path.join(self.project, *parts)

    def write(self, name, text, project=None):
        target = os.path.join(project or self.project, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w") as out:
            out.write(text)

    def read(self, name, project=None):
        with open(os.path.join(project or self.project, name)) as source:
            return source.read()

    def environment(self, extra=None):
        environment = dactl_environment(self.emulator, self.client_id, self.secret)
        environment.update(extra or {})
        return environment

    def run(self, *args, project=None, extra=None, timeout=300, clear=True):
        """dactl -C PROJECT ARGS... against the emulator; the request log cleared first."""
        if clear:
            self.emulator.admin("DELETE", "/__emulator/requests")
        return subprocess.run([self.dactl_binary, "-C", project or self.project] + list(args),
                              env=self.environment(extra), capture_output=True, text=True,
                              timeout=timeout)

    def start(self, *args, stdout=subprocess.PIPE, project=None):
        """dactl started, not waited for."""
        return subprocess.Popen([self.dactl_binary, "-C", project or self.project] + list(args),
                                env=self.environment(), stdout=stdout, stderr=subprocess.PIPE,
                                text=True)

    def counts(self):
        return self.emulator.admin("GET", "/__emulator/requests")["counts"]

    def requests(self):
        return self.emulator.admin("GET", "/__emulator/requests")["requests"]

    def settings(self, body=None, **switches):
        self.emulator.admin("PATCH", "/__emulator/settings", body if body is not None else switches)

    def actions(self):
        return {a["id"]: a for a in self.emulator.admin("GET", "/__emulator/org")["actions"]}

    def stored(self, id):
        return self.emulator.admin("GET", "/__emulator/actions/" + id)

    def timeouts(self):
        return {id: a.get("config", {}).get("timeoutSeconds") for id, a in self.actions().items()}

    def edit(self, id, body, query=""):
        """An admin edit of one action, as someone in the UI would make it."""
        self.emulator.admin("PATCH", "/__emulator/actions/%s%s" % (id, "?" + query if query else ""),
                            body)

    def state(self, environment=""):
        parts = [".dactl"] + (["env", environment] if environment else []) + ["state.json"]
        path = self.path(*parts)
        if not os.path.exists(path):
            return None
        with open(path) as source:
            return json.load(source)

    def stop(self):
        self.emulator.stop()


# Every fault switch of the emulator off.
QUIET_SETTINGS = {"rateLimit": {"requests": 0, "windowSeconds": 60, "clientRequests": 0}, "latencyMs": {"min": 0, "max": 0},
                  "failEvery": {"n": 0, "status": 503}, "dropEvery": 0, "staleReadMs": 0,
                  "conflictNextPatches": 0}


def log_figures(emulator):
    requests = emulator.admin("GET", "/__emulator/requests")["requests"]
    statuses = [entry["status"] for entry in requests]
    return {
        "requests": len(requests),
        "patches": sum(1 for entry in requests if entry["method"] == "PATCH"),
        "429": statuses.count(429),
        "5xx": sum(1 for status in statuses if 500 <= status < 600),
        "dropped": statuses.count(0),
        "409": statuses.count(409),
        "401": statuses.count(401),
        "logins": sum(1 for entry in requests if entry["path"] == "/oauth/token"),
        "puts": sum(1 for entry in requests if entry["method"] == "PUT"),
    }


def without_managed(action, fields):
    """The action without its version and the fields the manifests manage."""
    rest = copy.deepcopy(action)
    rest.pop("version", None)
    config = rest.get("config", {})
    config.pop("timeoutSeconds", None)
    if "request.headers" in fields:
        config.get("request", {}).pop("headers", None)
    return rest


def org_problems(before, after, managed):
    """What differs from the old org with the managed fields as declared."""
    fields_of = {action_id(entry["number"]): entry["fields"] for entry in managed.values()}
    now = {action["id"]: action for action in after["actions"]}
    problems = []
    if len(now) != len(before["actions"]):
        problems.append("the org has %d actions, not %d" % (len(now), len(before["actions"])))
    for old in before["actions"]:
        new = now.get(old["id"])
        fields = fields_of.get(old["id"], {})
        if new is None:
            problems.append("%s is gone" % old["id"])
            continue
        if json.dumps(without_managed(new, fields), ensure_ascii=False) != \
                json.dumps(without_managed(old, fields), ensure_ascii=False):
            problems.append("%s: a field the manifests do not manage changed" % old["id"])
        config = new.get("config", {})
        if not fields and new.get("version") != old.get("version"):
            problems.append("%s: an action the manifests do not manage was written" % old["id"])
        if not fields:
            if config.get("timeoutSeconds") != old.get("config", {}).get("timeoutSeconds"):
                problems.append("%s: unmanaged timeout changed" % old["id"])
            continue
        if config.get("timeoutSeconds") != fields["timeout_seconds"]:
            problems.append("%s: timeoutSeconds is %s, not %d" %
                            (old["id"], config.get("timeoutSeconds"), fields["timeout_seconds"]))
        headers = config.get("request", {}).get("headers")
        if "request.headers" in fields and headers != fields["request.headers"]:
            problems.append("%s: headers are %s" % (old["id"], headers))
    return problems


def state_problems(project, managed):
    path = os.path.join(project, ".dactl", "state.json")
    try:
        with open(path) as source:
            state = json.load(source)
    except (OSError, ValueError) as error:
        return ["state.json is not readable JSON: %s" % error]
    problems = []
    if state.get("format_version") != 1 or not isinstance(state.get("serial"), int):
        problems.append("state.json has no format_version 1 and serial")
    entries = {entry.get("address"): entry for entry in state.get("actions", [])}
    for name, entry in managed.items():
        recorded = entries.get("action." + name)
        if recorded is None:
            problems.append("state.json does not record action.%s" % name)
        elif recorded.get("managed", {}).get("timeout_seconds") != entry["fields"]["timeout_seconds"]:
            problems.append("state.json records another timeout for action.%s" % name)
    if os.stat(path).st_mode & 0o777 != 0o600:
        problems.append("state.json is not mode 0600")
    return problems


def api_call(org, method, path, body=None):
    """A call to the emulated API as the org's client would make it (its own
    login): someone's action in the admin UI, or a check dactl cannot make."""
    basic = base64.b64encode(("%s:%s" % (org.client_id, org.secret)).encode()).decode()
    login = urllib.request.Request(org.emulator.url + "/oauth/token",
                                   data=b"grant_type=client_credentials", method="POST",
                                   headers={"Authorization": "Basic " + basic,
                                            "Content-Type": "application/x-www-form-urlencoded"})
    token = json.load(urllib.request.urlopen(login))["access_token"]
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(org.emulator.url + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + token,
                                              "Content-Type": "application/json"})
    return urllib.request.urlopen(request).read()


def has_draft(org, id):
    """Whether the action has a draft (the admin API answers 404 when not)."""
    try:
        org.emulator.admin("GET", "/__emulator/actions/%s/draft" % id)
        return True
    except urllib.error.HTTPError as error:
        check(error.code == 404, "GET draft answered %d" % error.code)
        return False


def environment_org(workdir, name, seed, switches=()):
    """An Org for environment `name`: its own org id and name, its own client."""
    return Org(workdir, seed, ["--org-id", "org-%s" % name, "--org-name", name.title()] +
               list(switches), name=name, client_id="%s-client" % name,
               client_secret="%s-secret-9f3a" % name)


class EnvironmentsProject:
    """A project of two environments, test and prod, each an Org (environment_org)
    reached through its [env.<name>] table: its api_url and its credentials'
    variables (GC_TEST_CLIENT_ID ...), which run() sets and nothing else."""

    def __init__(self, workdir, test, prod, extra_settings=""):
        self.test, self.prod = test, prod
        self.directory = os.path.join(workdir, "project")
        os.makedirs(self.directory)
        self.write("dactl.toml", """# Two orgs, each with its own credentials.
[env.test]
api_url = "%s"
client_id_env = "GC_TEST_CLIENT_ID"
client_secret_env = "GC_TEST_CLIENT_SECRET"

[env.prod]
api_url = "%s"
client_id_env = "GC_PROD_CLIENT_ID"
client_secret_env = "GC_PROD_CLIENT_SECRET"
""" % (test.emulator.url, prod.emulator.url) + extra_settings)

    def write(self, name, text):
        with open(os.path.join(self.directory, name), "w") as out:
            out.write(text)

    def environment(self, extra=None):
        environment = dict(os.environ)
        for name in ("GENESYSCLOUD_REGION", "DACTL_LOGIN_URL", "DACTL_API_URL", "DACTL_ENV",
                     "GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYSCLOUD_OAUTHCLIENT_SECRET",
                     "DACTL_STATE_KEY", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
            environment.pop(name, None)
        environment.update({"GC_TEST_CLIENT_ID": self.test.client_id,
                            "GC_TEST_CLIENT_SECRET": self.test.secret,
                            "GC_PROD_CLIENT_ID": self.prod.client_id,
                            "GC_PROD_CLIENT_SECRET": self.prod.secret, "NO_COLOR": "1"})
        environment.update(extra or {})
        return environment

    def run(self, *args, extra=None, directory=None):
        """dactl -C PROJECT ARGS...; both orgs' request logs cleared first."""
        for org in (self.test, self.prod):
            org.emulator.admin("DELETE", "/__emulator/requests")
        return subprocess.run([sys.argv[1], "-C", directory or self.directory] + list(args),
                              env=self.environment(extra), capture_output=True, text=True,
                              timeout=120)

    def path(self, *parts):
        return os.path.join(self.directory, *parts)

    def stop(self):
        self.test.stop()
        self.prod.stop()
