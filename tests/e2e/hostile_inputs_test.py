#!/usr/bin/env python3
"""End to end: every command against hostile inputs, local and remote. Under
AddressSanitizer in CI, so a read past a buffer is found here, not in a user's
pipeline.

- Local: manifests that are empty, binary, zeroed, invalid UTF-8, one 1 MiB
  line, 60 dotted parts deep, with control characters in names and file names;
  a state file, saved plan and lock that are zeroed, torn, nested deep, a
  directory or a FIFO; a dactl.toml of garbage; settings in the environment
  that make no sense.
- Remote: a server answering an HTML page, a redirect, an empty 200, garbage,
  JSON of the wrong shape, a cut connection, for the login and for the API.

Every run must end as dactl means to end: exit 0, 1 or 2 (never a signal, an
abort or 134/139), no sanitizer report, no "terminate called", an error that
is one "Error: " line of valid UTF-8 without raw control characters, and the
emulator's org untouched by every run that failed.

usage: hostile_inputs_test.py DACTL EMULATOR
Exits 1 naming every failed check. Python 3 standard library only.
"""

import http.server
import json
import os
import shutil
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading

import dactl_e2e as harness
from dactl_e2e import check, run_tests

# The action's own timeout: an apply that succeeds changes nothing, so the org
# is the same after every run and each input starts alike.
GOOD_MANIFEST = '[action.one]\nname = "Lookup 0001"\ntimeout_seconds = %d\n' % \
    harness.seeds.timeout_of(1)

# (what, file name, bytes) of manifests no editor should produce.
MANIFESTS = [
    ("an empty manifest", "empty.toml", b""),
    ("a binary manifest", "binary.toml", bytes(range(256)) * 8),
    ("a zeroed manifest", "zeroed.toml", b"\0" * 4096),
    ("invalid UTF-8", "latin1.toml", b'[action.one]\nname = "Caf\xe9"\n'),
    ("a 1 MiB line", "long.toml", b'[action.one]\nname = "' + b"x" * (1 << 20) + b'"\n'),
    ("keys 60 parts deep", "deep.toml", b"[" + b".".join([b"a"] * 60) + b"]\nx = 1\n"),
    ("a header 5,000 parts deep", "deeper.toml", b"[" + b".".join([b"a"] * 5000) + b"]\n"),
    ("control characters in a name", "controls.toml",
     b'[action.one]\nname = "Lookup\\u001b[2J\\u0007"\ntimeout_seconds = 9\n'),
    ("a control character in the file name", b"evil\x1b[31m.toml", b"bogus = 1\n"),
    ("invalid UTF-8 in the file name", b"bad\xff.toml", b"bogus = 1\n"),
    ("a huge integer", "huge.toml", b"[action.one]\nname = \"x\"\ntimeout_seconds = 99999999999999999999\n"),
    ("a table in place of a value", "table.toml", b"[action.one]\nname = { a = 1 }\n"),
    ("every field of the wrong type", "types.toml",
     b'[action.one]\nname = 1\ntimeout_seconds = "9"\ncategory = []\n'
     b'[action.one.request]\nheaders = "x"\ntemplate = 4\n'),
]

# (what, bytes) for the state file, the saved plan and the lock.
FILES = [
    ("zeroed", b"\0" * 512),
    ("torn", b'{"format_version": 1, "lineage": "x", "serial": 1, "actions": [{"addr'),
    ("nested deep", b"[" * 100000),
    ("of the wrong types", b'{"format_version": "1", "lineage": 5, "serial": [], "actions": {}}'),
    ("invalid UTF-8", b'{"format_version": 1, "lineage": "\xff\xfe", "serial": 1, "actions": []}'),
    ("a directory", None),
    ("a FIFO", "fifo"),
]

ENVIRONMENTS = [
    ("an API URL that is not a URL", {"DACTL_API_URL": "http://[::1"}),
    ("an API URL of another scheme", {"DACTL_API_URL": "ftp://127.0.0.1/"}),
    ("an empty API URL", {"DACTL_API_URL": ""}),
    ("an API URL of 100 kB", {"DACTL_API_URL": "http://" + "a" * 100000}),
    ("an unknown region", {"DACTL_API_URL": None, "GENESYSCLOUD_REGION": "mars-north-1"}),
    ("an empty client id", {"GENESYSCLOUD_OAUTHCLIENT_ID": ""}),
    ("a secret with a newline", {"GENESYSCLOUD_OAUTHCLIENT_SECRET": "a\r\nX-Evil: 1"}),
]

# How a hostile server answers: (what, status, headers, body); None: cut the connection.
ANSWERS = [
    ("an HTML page", 200, {"Content-Type": "text/html"},
     b"<html><title>Sign in to the proxy</title></html>"),
    ("a redirect", 302, {"Location": "https://sso.example.com/\x1b[2J"}, b""),
    ("an empty 200", 200, {"Content-Type": "application/json"}, b""),
    ("garbage", 200, {"Content-Type": "application/json"}, bytes(range(256))),
    ("JSON of the wrong shape", 200, {"Content-Type": "application/json"},
     b'{"access_token": ["t"], "entities": 5, "pageCount": "x", "id": {}}'),
    ("JSON nested deep", 200, {"Content-Type": "application/json"}, b"[" * 200000),
    ("a 500 with a binary body", 500, {}, b"\xff\xfe\0\0" * 64),
    ("a cut connection", None, {}, b""),
]


def commands(plan_file, export_dir):
    """Every command a user runs, with the arguments that make it do its work."""
    return [
        ["validate"],
        ["plan"],
        ["plan", "--out", plan_file],
        ["apply", "--auto-approve"],
        ["apply", plan_file],
        ["drift"],
        ["drift", "--format", "json"],
        ["export", "--out", export_dir],
        ["probe", "--samples", "1", "--format", "json"],
        ["insights", "--format", "json"],
        ["insights", "--since-apply"],
        ["force-unlock"],
        ["__complete", "addresses"],
    ]


def clean_ending(what, run):
    """The checks every run must pass, whatever its input."""
    check(run.returncode in (0, 1, 2), "%s: exit %d\n%s" % (what, run.returncode, run.stderr[-2000:]))
    for marker in ("AddressSanitizer", "LeakSanitizer", "runtime error:", "terminate called",
                   "Segmentation fault", "Aborted"):
        check(marker not in run.stderr, "%s: %r in the error output\n%s" % (
            what, marker, run.stderr[-2000:]))
    try:
        text = run.stderr_bytes.decode("utf-8")
    except UnicodeDecodeError as error:
        check(False, "%s: the error output is not UTF-8 (%s)" % (what, error))
        return
    raw = [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or ord(c) == 0x7f]
    check(not raw, "%s: raw control characters %r in the error output" % (what, raw[:5]))
    if "--format" in run.args and run.args[run.args.index("--format") + 1] == "json":
        try:
            json.loads(run.stdout.decode("utf-8"))
        except ValueError as error:
            check(False, "%s: --format json printed no JSON document (%s): %r" % (
                what, error, run.stdout[:300]))
    if run.returncode == 1:
        lines = [line for line in text.splitlines() if line.startswith("Error: ")]
        check(len(lines) == 1, "%s: exit 1 with %d Error: lines\n%s" % (what, len(lines), text[-2000:]))


class Run:
    def __init__(self, process, args):
        self.args = args
        self.returncode = process.returncode
        self.stderr_bytes = process.stderr
        self.stderr = process.stderr.decode("utf-8", "replace")
        self.stdout = process.stdout


RUNS = []


def run_dactl(binary, project, args, environment, timeout=60):
    RUNS.append(args[0])
    process = subprocess.run([binary, "-C", project] + args, env=environment,
                             capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    return Run(process, args)


def fresh_project(workdir, name):
    project = os.path.join(workdir, name)
    if os.path.exists(project):
        shutil.rmtree(project)
    os.mkdir(project)
    with open(os.path.join(project, "dactl.toml"), "w") as out:
        out.write("[api]\nrequests_per_minute = 10000\nmax_attempts = 2\n")
    with open(os.path.join(project, "actions.toml"), "w") as out:
        out.write(GOOD_MANIFEST)
    return project


def place(path, contents):
    """Puts `contents` at `path`: bytes, a directory (None) or a FIFO ("fifo")."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if contents is None:
        os.mkdir(path)
    elif contents == "fifo":
        os.mkfifo(path)
    else:
        with open(path, "wb") as out:
            out.write(contents)


def org_of(emulator):
    return emulator.admin("GET", "/__emulator/org")["actions"]


def test_manifests(binary, emulator, workdir):
    print("hostile manifests: every command", flush=True)
    environment = harness.dactl_environment(emulator)
    before = org_of(emulator)
    for what, name, contents in MANIFESTS:
        project = fresh_project(workdir, "manifests")
        raw_name = name if isinstance(name, bytes) else name.encode()
        with open(os.path.join(project.encode(), raw_name), "wb") as out:
            out.write(contents)
        plan_file = os.path.join(workdir, "manifests.plan")
        for args in commands(plan_file, os.path.join(project, "exported")):
            if args[0] == "apply" and len(args) == 2 and not os.path.exists(plan_file):
                continue
            run = run_dactl(binary, project, args, environment)
            label = "%s, dactl %s" % (what, " ".join(args))
            clean_ending(label, run)
            check(org_of(emulator) == before, "%s: the org changed" % label)
        if os.path.exists(plan_file):
            os.remove(plan_file)


def test_files(binary, emulator, workdir):
    print("hostile state files, saved plans and locks", flush=True)
    environment = harness.dactl_environment(emulator)
    before = org_of(emulator)
    for what, contents in FILES:
        for role, relative in (("state", ".dactl/state.json"), ("lock", ".dactl/lock"),
                               ("saved plan", "saved.plan")):
            project = fresh_project(workdir, "files")
            path = os.path.join(project, relative)
            place(path, contents)
            args_list = [["apply", path]] if role == "saved plan" else \
                [["plan"], ["apply", "--auto-approve"], ["drift"], ["force-unlock"]]
            for args in args_list:
                run = run_dactl(binary, project, args, environment)
                label = "a %s %s, dactl %s" % (role, what, " ".join(a for a in args if a != path))
                clean_ending(label, run)
                if role != "lock" or args[0] != "force-unlock":
                    check(org_of(emulator) == before, "%s: the org changed" % label)
                if args[0] == "apply" and role != "saved plan":
                    check(run.returncode == 1, "%s: exit %d, not 1" % (label, run.returncode))


def test_environments(binary, emulator, workdir):
    print("hostile settings in the environment", flush=True)
    for what, changes in ENVIRONMENTS:
        environment = harness.dactl_environment(emulator)
        for name, value in changes.items():
            if value is None:
                environment.pop(name, None)
            else:
                environment[name] = value
        project = fresh_project(workdir, "environment")
        for args in (["plan"], ["apply", "--auto-approve"], ["drift"], ["probe", "--samples", "1"]):
            run = run_dactl(binary, project, args, environment)
            clean_ending("%s, dactl %s" % (what, " ".join(args)), run)
            check(run.returncode == 1, "%s, dactl %s: exit %d, not 1" % (
                what, " ".join(args), run.returncode))
            check("a\r\nX-Evil" not in run.stderr and "X-Evil" not in run.stderr,
                  "%s: the secret is in the error output" % what)


class HostileHandler(http.server.BaseHTTPRequestHandler):
    answer = ANSWERS[0]
    protocol_version = "HTTP/1.1"

    def respond(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        _, status, headers, body = HostileHandler.answer
        if status is None:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = respond

    def log_message(self, *args):
        pass


def test_answers(binary, emulator, workdir):
    print("hostile answers, at the login and at the API", flush=True)
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), HostileHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hostile_url = "http://127.0.0.1:%d" % server.server_address[1]
    try:
        for answer in ANSWERS:
            HostileHandler.answer = answer
            for where, urls in (("the login", {"DACTL_LOGIN_URL": hostile_url}),
                                ("the API", {"DACTL_API_URL": hostile_url,
                                             "DACTL_LOGIN_URL": emulator.url})):
                environment = harness.dactl_environment(emulator)
                environment.update(urls)
                project = fresh_project(workdir, "answers")
                for args in (["plan"], ["apply", "--auto-approve"], ["drift"],
                             ["export", "--out", os.path.join(project, "out")],
                             ["probe", "--samples", "1"], ["insights"]):
                    run = run_dactl(binary, project, args, environment)
                    label = "%s from %s, dactl %s" % (answer[0], where, args[0])
                    clean_ending(label, run)
                    check(run.returncode == 1, "%s: exit %d, not 1" % (label, run.returncode))
    finally:
        server.shutdown()


def all_tests(_workdir):
    binary, emulator_binary = sys.argv[1], sys.argv[2]
    workdir = tempfile.mkdtemp(prefix="dactl-hostile-")
    try:
        _, emulator = harness.start_org(emulator_binary, workdir, 3, {})
        try:
            test_manifests(binary, emulator, workdir)
            test_files(binary, emulator, workdir)
            test_environments(binary, emulator, workdir)
            test_answers(binary, emulator, workdir)
        finally:
            emulator.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("%d runs of dactl" % len(RUNS))
    check(len(RUNS) >= 290, "only %d runs of dactl" % len(RUNS))


def main():
    return run_tests(all_tests, __doc__)



if __name__ == "__main__":
    sys.exit(main())
