#!/usr/bin/env python3
"""The postgres state backend against a real PostgreSQL 15 server.

The test starts a throwaway server (tests/support/pg_server.py) and one emulated
org, and runs dactl from two copies of one project, as two CI runners would.
Checked: the first use makes the schema; two applies at once (one waits on the
lock, names its holder, then plans against the state the first wrote: no lost
update); a stale writer's compare-and-swap refused after a force-unlock, and
the next apply converging; kill -9 mid-apply leaving the lock with its holder
(the CI run's URL included) for force-unlock; every state command, drift, and
history, show --serial and restore; environments keeping their own states;
push and pull; and the errors: no server, a wrong password, a role that may
only read, a role that may not make the schema, a password in dactl.toml.
No password or URI is printed anywhere.

usage: postgres_state_test.py DACTL EMULATOR
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

from dactl_e2e import Org, check, run_tests
from pg_server import PASSWORD, PgServer

STATE_KEY = "ab" * 32
CI = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/cc-actions",
      "GITHUB_RUN_ID": "4242", "GITHUB_ACTOR": "release-bot"}
SETTINGS = '[api]\nrequests_per_minute = 10000\n\n[state]\nbackend = "postgres"\n' \
           'project = "acme/cc"\n'


def actions_toml(timeouts):
    return "".join('[action.lookup_%04d]\nname = "Lookup %04d"\ntimeout_seconds = %d\n\n' %
                   (number, number, timeout) for number, timeout in sorted(timeouts.items()))


class Runners:
    """One org, one database, two copies of the project (runner a and b)."""

    def __init__(self, workdir, server):
        self.org = Org(workdir, 8)
        self.server = server
        self.projects = {}
        for name in ("a", "b"):
            self.projects[name] = os.path.join(workdir, "runner_" + name)
            os.makedirs(self.projects[name])
            self.write(name, "dactl.toml", SETTINGS)

    def write(self, runner, name, text):
        self.org.write(name, text, project=self.projects[runner])

    def env(self, extra=None):
        environment = dict(self.server.environment())
        environment["DACTL_STATE_KEY"] = STATE_KEY
        environment.update(extra or {})
        return environment

    def run(self, runner, *args, extra=None):
        return self.org.run(*args, project=self.projects[runner], extra=self.env(extra),
                            clear=False)

    def start(self, runner, *args, extra=None):
        return subprocess.Popen([self.org.dactl_binary, "-C", self.projects[runner]] + list(args),
                                env=self.org.environment(self.env(extra)),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def lock_row(self):
        row = self.server.sql("SELECT id, operation, who, ci_url FROM dactl.locks")
        return row.split("|") if row else None

    def wait_for_lock(self, seconds=20):
        deadline = time.time() + seconds
        while time.time() < deadline:
            row = self.lock_row()
            if row:
                return row
            time.sleep(0.05)
        return None


def no_secret(run, where):
    text = run.stdout + run.stderr
    check(PASSWORD not in text and STATE_KEY not in text, "a secret printed by %s" % where)


def ok(run, what):
    return check(run.returncode == 0, "%s exited %d: %s%s" % (what, run.returncode, run.stdout,
                                                              run.stderr))


def test_two_runners(workdir, server):
    runners = Runners(workdir, server)
    try:
        print("first apply makes the schema and writes version 1", flush=True)
        first = {1: 11, 2: 12, 3: 13}
        for name in ("a", "b"):
            runners.write(name, "actions.toml", actions_toml(first))
        applied = runners.run("a", "apply", "--auto-approve", "--verbose", extra=CI)
        ok(applied, "the first apply")
        no_secret(applied, "apply --verbose")
        check(server.sql("SELECT max(version) FROM dactl.schema_version") == "1",
              "the schema version")
        history = runners.run("b", "state", "history", "--format", "json")
        ok(history, "state history")
        versions = json.loads(history.stdout)["versions"] if history.returncode == 0 else []
        check([(v["serial"], v["command"], v["changed"], v["by"], v["from"]) for v in versions] ==
              [(1, "apply", 3, "release-bot@" + os.uname().nodename,
                "https://github.com/acme/cc-actions/actions/runs/4242")],
              "history after the first apply: %s" % versions)
        listed = runners.run("b", "state", "list")
        check(listed.returncode == 0 and "3 actions in the state (serial 1)" in listed.stdout,
              "runner b lists runner a's state: %s%s" % (listed.stdout, listed.stderr))

        print("two applies at once: b waits, names a, then plans on a's state", flush=True)
        runners.org.settings({"latencyMs": {"min": 400, "max": 400}})
        runners.write("a", "actions.toml", actions_toml({1: 21, 2: 12, 3: 13}))
        runners.write("b", "actions.toml", actions_toml({1: 21, 2: 22, 3: 13}))
        a = runners.start("a", "apply", "--auto-approve")
        holder = runners.wait_for_lock()
        b = runners.start("b", "apply", "--auto-approve", "--lock-timeout", "60s")
        a_out, a_err = a.communicate(timeout=120)
        b_out, b_err = b.communicate(timeout=120)
        runners.org.settings({"latencyMs": {"min": 0, "max": 0}})
        check(a.returncode == 0 and b.returncode == 0,
              "the two applies exited %s, %s: %s %s" % (a.returncode, b.returncode, a_err, b_err))
        check(holder is not None and
              ("Waiting for the lock: held by apply (%s@%s, dactl " %
               (os.environ.get("USER", "unknown") if "USER" in os.environ else
                os.environ.get("LOGNAME", "unknown"), os.uname().nodename)) in b_err and
              ("lock id %s)" % holder[0]) in b_err, "b's wait names the holder: %s" % b_err)
        check("1 changed" in b_out and "lookup_0002" in b_out and "lookup_0001" not in b_out,
              "b planned against a's state and org: %s" % b_out)
        check(runners.org.timeouts()[
            "custom_-_00000000-0000-4000-8000-000000000001"] == 21 and runners.org.timeouts()[
            "custom_-_00000000-0000-4000-8000-000000000002"] == 22, "the org holds both changes")
        versions = json.loads(runners.run("a", "state", "history", "--format", "json").stdout)
        check([v["serial"] for v in versions["versions"]] == [3, 2, 1],
              "history holds both applies: %s" % versions)
        shown = runners.run("a", "state", "show", "action.lookup_0001")
        check("timeout_seconds = 21" in shown.stdout, "no lost update: %s" % shown.stdout)

        print("a stale writer's compare-and-swap is refused", flush=True)
        runners.org.settings({"latencyMs": {"min": 700, "max": 700}})
        runners.write("a", "actions.toml", actions_toml({1: 31, 2: 22, 3: 13}))
        runners.write("b", "actions.toml", actions_toml({1: 31, 2: 22, 3: 33}))
        a = runners.start("a", "apply", "--auto-approve")
        holder = runners.wait_for_lock()
        unlocked = runners.run("b", "force-unlock", "--force", holder[0] if holder else "none")
        ok(unlocked, "force-unlock --force")
        b = runners.start("b", "apply", "--auto-approve")
        a_out, a_err = a.communicate(timeout=120)
        b_out, b_err = b.communicate(timeout=120)
        runners.org.settings({"latencyMs": {"min": 0, "max": 0}})
        outcomes = sorted([a.returncode, b.returncode])
        stale_err = a_err if a.returncode else b_err
        check(outcomes == [0, 1], "one of the two writers refused: %s %s" % (a_err, b_err))
        check("Error: the state was not written: the state (postgres schema dactl, project "
              "acme/cc) holds serial 4, not the serial 3 this run read: another run wrote it "
              "meanwhile; nothing was written; the org was changed as reported above. Run "
              "dactl apply again once the state can be written: it finds those changes in "
              "place, changes nothing twice and records them\n" in stale_err,
              "the refusal: %s" % stale_err)
        again = runners.run("a", "apply", "--auto-approve")
        ok(again, "the apply after the refusal")
        again = runners.run("b", "apply", "--auto-approve")
        ok(again, "the second apply after the refusal")
        plan = runners.run("b", "plan", "--detailed-exitcode")
        check(plan.returncode == 0, "b's plan after converging: %s" % plan.stdout)
        state = json.loads(runners.run("a", "state", "list", "--format", "json").stdout)
        check(state["serial"] >= 5, "the converged state's serial: %s" % state["serial"])

        print("kill -9 mid-apply leaves the lock and its holder", flush=True)
        runners.org.settings({"latencyMs": {"min": 800, "max": 800}})
        runners.write("a", "actions.toml", actions_toml({1: 41, 2: 22, 3: 33}))
        a = runners.start("a", "apply", "--auto-approve", extra=CI)
        holder = runners.wait_for_lock()
        time.sleep(0.5)
        a.send_signal(signal.SIGKILL)
        a.communicate(timeout=30)
        runners.org.settings({"latencyMs": {"min": 0, "max": 0}})
        row = runners.lock_row()
        check(row is not None and row[1] == "apply" and
              row[3] == "https://github.com/acme/cc-actions/actions/runs/4242",
              "the lock after kill -9: %s" % row)
        blocked = runners.run("b", "apply", "--auto-approve")
        since = server.sql("SELECT created_at FROM dactl.locks")
        expected = ("Error: the state (postgres schema dactl, project acme/cc) is locked by apply "
                    "(release-bot@%s, https://github.com/acme/cc-actions/actions/runs/4242, "
                    "dactl %s, since %s, lock id %s); wait for it (--lock-timeout), or if that "
                    "run died: dactl force-unlock %s\n" %
                    (os.uname().nodename, server.sql("SELECT version FROM dactl.locks"), since,
                     row[0] if row else "", row[0] if row else ""))
        check(blocked.returncode == 1 and blocked.stderr == expected,
              "the blocked apply says:\n%s\nnot:\n%s" % (blocked.stderr, expected))
        unlocked = runners.run("b", "force-unlock", row[0] if row else "none", "--force")
        check(unlocked.returncode == 0 and unlocked.stdout == "Removed the lock %s.\n" % row[0],
              "force-unlock: %s%s" % (unlocked.stdout, unlocked.stderr))
        runners.write("b", "actions.toml", actions_toml({1: 41, 2: 22, 3: 33}))
        ok(runners.run("b", "apply", "--auto-approve"), "the apply after force-unlock")
        check(runners.run("a", "plan", "--detailed-exitcode").returncode == 0, "a converged")

        print("state commands, drift, show --serial and restore on the backend", flush=True)
        before = json.loads(runners.run("a", "state", "list", "--format", "json").stdout)
        ok(runners.run("a", "state", "mv", "action.lookup_0003", "action.renamed"), "state mv")
        moved = runners.run("a", "state", "list")
        check("action.renamed" in moved.stdout, "state mv on the backend: %s" % moved.stdout)
        ok(runners.run("a", "state", "rm", "action.renamed"), "state rm")
        history = json.loads(runners.run("a", "state", "history", "--format", "json").stdout)
        commands = [v["command"] for v in history["versions"]][:2]
        check(commands == ["state rm", "state mv"], "history of mv and rm: %s" % commands)
        old = runners.run("a", "state", "show", "action.lookup_0003", "--serial",
                          str(before["serial"]))
        check(old.returncode == 0 and "timeout_seconds = 33" in old.stdout,
              "show --serial: %s%s" % (old.stdout, old.stderr))
        restored = runners.run("a", "state", "restore", str(before["serial"]))
        check(restored.returncode == 0 and restored.stdout ==
              "Restored version %d of the state as the latest: drift and the next plan compare "
              "against it again. The org was not touched.\n" % before["serial"],
              "restore: %s%s" % (restored.stdout, restored.stderr))
        now = json.loads(runners.run("a", "state", "list", "--format", "json").stdout)
        check(now["actions"] == before["actions"] and now["serial"] == before["serial"] + 3,
              "the restored version: %s" % now["serial"])
        drift = runners.run("b", "drift")
        check(drift.returncode == 0, "drift reads the backend: %s%s" % (drift.stdout, drift.stderr))
        runners.org.edit("custom_-_00000000-0000-4000-8000-000000000002",
                         {"config": {"timeoutSeconds": 50}})
        drift = runners.run("b", "drift")
        check(drift.returncode == 2 and "lookup_0002" in drift.stdout,
              "drift against the backend's state: %s" % drift.stdout)
    finally:
        runners.org.stop()


def apply_holding_lock(org, environment, server):
    """An apply started and waited for until it holds the lock; answers it and the lock's id."""
    started = subprocess.Popen([org.dactl_binary, "-C", org.project, "apply", "--auto-approve"],
                               env=org.environment(environment), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    lock = ""
    deadline = time.time() + 20
    while time.time() < deadline and not lock:
        lock = server.sql("SELECT id FROM dactl.locks WHERE project = 'acme/interrupts'")
        time.sleep(0.05)
    return started, lock


def test_interrupt_and_lost_connection(workdir, server):
    print("Ctrl-C releases the lock; a connection lost mid-apply is said, then converges",
          flush=True)
    org = Org(workdir, 3, name="interrupts")
    try:
        org.write("dactl.toml", SETTINGS.replace("acme/cc", "acme/interrupts"))
        environment = dict(server.environment(), DACTL_STATE_KEY=STATE_KEY)
        org.write("actions.toml", actions_toml({1: 11, 2: 12}))
        org.settings({"latencyMs": {"min": 600, "max": 600}})
        started, _ = apply_holding_lock(org, environment, server)
        started.send_signal(signal.SIGINT)
        started.communicate(timeout=60)
        check(started.returncode == 130, "Ctrl-C'd apply exited %d" % started.returncode)
        check(server.sql("SELECT count(*) FROM dactl.locks WHERE project = 'acme/interrupts'")
              == "0", "Ctrl-C left the lock")

        started, lock = apply_holding_lock(org, environment, server)
        server.stop("immediate")
        out, err = started.communicate(timeout=60)
        server.start()
        org.settings({"latencyMs": {"min": 0, "max": 0}})
        check(started.returncode == 1 and "Apply complete: 2 changed" in out,
              "the apply whose database went away: %d %s" % (started.returncode, out))
        check(err.startswith("Error: the state was not written: lost the connection to the "
                             "state database (libpq's PG* variables): ") and
              err.endswith("; the lock %s may still be held: once the database answers, dactl "
                           "force-unlock %s; the org was changed as reported above. Run dactl "
                           "apply again once the state can be written: it finds those changes "
                           "in place, changes nothing twice and records them\n" % (lock, lock)),
              "the lost connection's message: %s" % err)
        check(PASSWORD not in out + err, "the password printed")
        ok(org.run("force-unlock", "--force", lock, extra=environment), "force-unlock after")
        again = org.run("apply", "--auto-approve", extra=environment)
        check(again.returncode == 0 and "No changes" in again.stdout and
              org.counts().get("PATCH /api/v2/integrations/actions/{id}", 0) == 0,
              "the apply after: %s %s" % (again.stdout, org.counts()))
        listed = json.loads(org.run("state", "list", "--format", "json", extra=environment).stdout)
        check(sorted(a["address"] for a in listed["actions"]) ==
              ["action.lookup_0001", "action.lookup_0002"],
              "the state records the changes made while the database was away: %s" % listed)
    finally:
        org.stop()


def test_environments_push_pull(workdir, server):
    print("environments keep their own states; push and pull", flush=True)
    org = Org(workdir, 4, name="envorg")
    try:
        environment = dict(server.environment())
        environment["DACTL_STATE_KEY"] = STATE_KEY
        local = os.path.join(workdir, "local_project")
        os.makedirs(local)
        org.write("actions.toml", actions_toml({1: 9}), project=local)
        org.write("dactl.toml", '[env.dev]\n[env.prod]\n', project=local)
        for name in ("dev", "prod"):
            ok(org.run("--env", name, "apply", "--auto-approve", project=local,
                       extra=environment), "local apply to " + name)
        settings = ('[env.dev]\n[env.prod]\n\n[state]\nbackend = "postgres"\nproject = "moved"\n'
                    'conn_env = "CC_STATE_URI"\n')
        org.write("dactl.toml", settings, project=local)
        uri = {"CC_STATE_URI": server.uri(), "PGPASSWORD": ""}
        pushed = org.run("--env", "prod", "state", "push", project=local, extra=uri)
        check(pushed.returncode == 0 and pushed.stdout ==
              "Moved the state (serial 1, 1 action) from %s/.dactl/env/prod/state.json to "
              "postgres schema dactl, project moved, environment prod. The local files stay as "
              "they were; dactl reads and writes the backend now.\n" % local,
              "push: %s%s" % (pushed.stdout, pushed.stderr))
        check(server.uri() not in pushed.stdout + pushed.stderr, "the URI printed")
        again = org.run("--env", "prod", "state", "push", project=local, extra=uri)
        check(again.returncode == 0 and "holds serial 1 of this state already" in again.stdout,
              "push again: %s" % again.stdout)
        check(org.run("--env", "dev", "state", "list", project=local, extra=uri).returncode == 1,
              "dev has no state in the backend before its push")
        ok(org.run("--env", "dev", "state", "push", project=local, extra=uri), "push dev")
        rows = server.sql("SELECT environment, serial FROM dactl.states WHERE project = 'moved' "
                          "ORDER BY environment")
        check(rows == "dev|1\nprod|1", "one state per environment: %s" % rows)
        other = dict(uri)
        other["DACTL_STATE_KEY"] = STATE_KEY
        org.write("actions.toml", actions_toml({1: 19}), project=local)
        ok(org.run("--env", "prod", "apply", "--auto-approve", project=local, extra=other),
           "apply to prod on the backend")
        shutil.rmtree(os.path.join(local, ".dactl", "env", "prod"))
        pulled = org.run("--env", "prod", "state", "pull", project=local, extra=uri)
        check(pulled.returncode == 0 and "Moved the state (serial 2, 1 action)" in pulled.stdout,
              "pull: %s%s" % (pulled.stdout, pulled.stderr))
        with open(os.path.join(local, ".dactl", "env", "prod", "state.json")) as source:
            check(json.load(source)["serial"] == 2, "the pulled state")
        stranger = os.path.join(workdir, "stranger")
        os.makedirs(stranger)
        org.write("actions.toml", actions_toml({2: 9}), project=stranger)
        org.write("dactl.toml", '[env.prod]\n', project=stranger)
        ok(org.run("--env", "prod", "apply", "--auto-approve", project=stranger,
                   extra=environment), "a stranger's local apply")
        org.write("dactl.toml", '[env.prod]\n[state]\nbackend = "postgres"\nproject = "moved"\n',
                  project=stranger)
        refused = org.run("--env", "prod", "state", "push", project=stranger, extra=environment)
        check(refused.returncode == 1 and "holds another state (lineage " in refused.stderr and
              "nothing was moved: it is not overwritten by a different one" in refused.stderr,
              "push over another lineage: %s" % refused.stderr)
    finally:
        org.stop()


def test_errors(workdir, server):
    print("errors: no server, wrong password, read-only role, no schema rights", flush=True)
    org = Org(workdir, 2, name="errors")
    try:
        org.write("actions.toml", actions_toml({1: 9}))
        org.write("dactl.toml", SETTINGS)
        base = dict(server.environment())
        base["DACTL_STATE_KEY"] = STATE_KEY

        gone = dict(base, PGPORT="1")
        down = org.run("plan", extra=gone)
        check(down.returncode == 1 and down.stderr.startswith(
            "Error: cannot connect to the state database (libpq's PG* variables): connection "
            "to server on socket \"%s/.s.PGSQL.1\" failed: No such file or directory" %
            server.socket_dir), "no server: %s" % down.stderr)

        wrong = org.run("apply", "--auto-approve", extra=dict(base, PGPASSWORD="not-it"))
        check(wrong.returncode == 1 and "password authentication failed for user \"dactl\"" in
              wrong.stderr and "not-it" not in wrong.stderr and org.counts().get("PATCH", 0) == 0,
              "wrong password: %s" % wrong.stderr)

        server.sql("CREATE ROLE reader LOGIN PASSWORD 'reader-pass-77'; "
                   "CREATE ROLE newbie LOGIN PASSWORD 'newbie-pass-77'; "
                   "GRANT USAGE ON SCHEMA dactl TO reader; "
                   "GRANT SELECT ON ALL TABLES IN SCHEMA dactl TO reader; "
                   "REVOKE CREATE ON DATABASE postgres FROM PUBLIC")
        reader = dict(base, PGUSER="reader", PGPASSWORD="reader-pass-77")
        check(org.run("plan", extra=reader).returncode == 0, "a reader may plan")
        refused = org.run("apply", "--auto-approve", extra=reader)
        check(refused.returncode == 1 and refused.stderr.startswith(
            "Error: the role reader may not do this in the schema dactl (ERROR: permission "
            "denied for table locks); it needs the grants in docs/state.md:\n"
            "GRANT USAGE ON SCHEMA \"dactl\" TO \"reader\";\n") and
              "reader-pass-77" not in refused.stderr, "read-only role: %s" % refused.stderr)

        org.write("dactl.toml", SETTINGS + 'schema = "fresh"\n')
        newbie = dict(base, PGUSER="newbie", PGPASSWORD="newbie-pass-77")
        missing = org.run("plan", extra=newbie)
        check(missing.returncode == 1 and missing.stderr.startswith(
            "Error: the schema fresh does not exist and the role newbie may not create it "
            "(ERROR: permission denied for database postgres); have its owner run this once "
            "(docs/state.md):\nCREATE SCHEMA IF NOT EXISTS \"fresh\";\n"),
              "no schema rights: %s" % missing.stderr)

        org.write("dactl.toml", SETTINGS + 'password = "%s"\n' % PASSWORD)
        in_file = org.run("plan", extra=base)
        check(in_file.returncode == 1 and
              "state.password: the database connection and its password never go in "
              "dactl.toml" in in_file.stderr, "a password in dactl.toml: %s" % in_file.stderr)
        org.write("dactl.toml", SETTINGS + 'conn_env = "NOT_SET_URI"\n')
        unset = org.run("plan", extra=base)
        check(unset.stderr == "Error: [state] conn_env names NOT_SET_URI, which is not set: put "
              "the database's connection URI in it (docs/state.md)\n", "unset: %s" % unset.stderr)
        org.write("dactl.toml", SETTINGS)
        no_key = org.run("apply", "--auto-approve", extra=dict(base, DACTL_STATE_KEY=""))
        check(no_key.returncode == 1 and "set DACTL_STATE_KEY" in no_key.stderr,
              "no shared key: %s" % no_key.stderr)
    finally:
        org.stop()


def main(workdir):
    server = PgServer()
    try:
        test_two_runners(workdir, server)
        test_interrupt_and_lost_connection(workdir, server)
        test_environments_push_pull(workdir, server)
        test_errors(workdir, server)
    finally:
        server.close()


if __name__ == "__main__":
    sys.exit(run_tests(main))
