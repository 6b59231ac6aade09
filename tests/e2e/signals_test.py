#!/usr/bin/env python3
"""End to end: dactl apply interrupted (Ctrl-C, twice) and killed (SIGKILL) at
random points, against genesys-emulator. After each: the state file is old or
new and never torn, the lock is released or recoverable, nothing is half
written, and the next apply converges without touching anything else.

usage: signals_test.py DACTL EMULATOR
Exits 1 naming every failed check. Python 3 standard library only.
"""

import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time

import dactl_e2e as harness
from dactl_e2e import check, run_tests




class Setup:
    """A fresh emulator with a generated org and a project changing `changes` timeouts."""

    def __init__(self, workdir, actions, changes, latency_ms):
        self.dactl_binary, self.emulator_binary = sys.argv[1], sys.argv[2]
        self.managed = harness.desired_actions(actions, changes, unchanged_too=False)
        self.project, self.emulator = harness.start_org(self.emulator_binary, workdir, actions,
                                                        self.managed)
        self.original = self.emulator.admin("GET", "/__emulator/org")
        self.emulator.admin("PATCH", "/__emulator/settings",
                            {"latencyMs": {"min": latency_ms[0], "max": latency_ms[1]}})
        self.emulator.admin("DELETE", "/__emulator/requests")

    def start_apply(self, parallelism):
        return subprocess.Popen(
            [self.dactl_binary, "-C", self.project, "apply", "--auto-approve", "--parallelism",
             str(parallelism)], env=harness.dactl_environment(self.emulator),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def run(self, *args):
        return harness.dactl(self.dactl_binary, self.emulator, self.project, list(args))

    def patches(self):
        return harness.log_figures(self.emulator)["patches"]

    def wait_for_patches(self, count, process, limit=30):
        deadline = time.monotonic() + limit
        while self.patches() < count and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)

    def quiet(self):
        self.emulator.admin("PATCH", "/__emulator/settings", harness.QUIET_SETTINGS)

    def timeouts(self):
        org = self.emulator.admin("GET", "/__emulator/org")
        return {action["id"]: action["config"].get("timeoutSeconds") for action in org["actions"]}

    def state_path(self):
        return os.path.join(self.project, ".dactl", "state.json")

    def lock_path(self):
        return os.path.join(self.project, ".dactl", "lock")

    def stop(self):
        self.emulator.stop()


def readable_or_absent(path):
    """None when absent, the parsed JSON when complete; a failed check when torn."""
    if not os.path.exists(path):
        return None
    with open(path) as source:
        text = source.read()
    try:
        return json.loads(text)
    except ValueError:
        check(False, "%s is torn: %r" % (path, text[-200:]))
        return None


def lock_or_absent(path):
    """None when absent, else its fields; a failed check when one is missing (torn)."""
    if not os.path.exists(path):
        return None
    with open(path) as source:
        text = source.read()
    fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    complete = all(fields.get(key) for key in ("id", "pid", "host", "created_at", "command"))
    check(complete and text.endswith("\n"), "the lock %s is torn: %r" % (path, text))
    fields["pid"] = int(fields.get("pid") or 0)
    return fields


def converges(setup, before):
    """The next apply converges, changes nothing unmanaged, and a plan is empty."""
    setup.quiet()
    run = setup.run("apply", "--auto-approve")
    check(run.returncode == 0, "the re-run apply exited %d: %s %s" %
          (run.returncode, run.stdout[-1500:], run.stderr[-1500:]))
    after = setup.emulator.admin("GET", "/__emulator/org")
    for problem in harness.org_problems(before, after, setup.managed):
        check(False, problem)
    for problem in harness.state_problems(setup.project, setup.managed):
        check(False, problem)
    plan = setup.run("plan", "--detailed-exitcode")
    check(plan.returncode == 0, "plan after the re-run exited %d:\n%s" % (plan.returncode, plan.stdout))
    check(not os.path.exists(setup.lock_path()), "the lock is left after a complete apply")


APPLIED = re.compile(r"^action\.(\w+): applied, version (\d+) -> (\d+)$", re.MULTILINE)


def test_ctrl_c_finishes_what_is_in_flight(workdir):
    print("Ctrl-C during apply: in-flight writes finish, state written, exit 130", flush=True)
    setup = Setup(workdir, actions=40, changes=30, latency_ms=(150, 150))
    try:
        process = setup.start_apply(parallelism=2)
        setup.wait_for_patches(4, process)
        process.send_signal(signal.SIGINT)
        started = time.monotonic()
        out, err = process.communicate(timeout=30)
        took = time.monotonic() - started
        check(process.returncode == 130, "exit %d after Ctrl-C, not 130: %s" % (process.returncode, err))
        check(took < 3, "took %.1f s to stop after Ctrl-C" % took)
        applied = {match.group(1) for match in APPLIED.finditer(out)}
        check(4 <= len(applied) < 30, "applied %d actions before stopping" % len(applied))
        summary = out[out.find("Apply incomplete:"):]
        expected = "Apply incomplete: %d changed, 0 written but not converged, 0 not written, " \
                   "%d not attempted, 0 unchanged.\n" % (len(applied), 30 - len(applied))
        for name in sorted(setup.managed):
            expected += "    %s: action.%s\n" % ("applied" if name in applied else "not attempted", name)
        check(summary == expected, "the summary is:\n%s\nnot:\n%s" % (summary, expected))
        check(err == "\nInterrupted: finishing the requests in flight (Ctrl-C again to abort)\n",
          "stderr is %r" % err)
        state = readable_or_absent(setup.state_path())
        recorded = {entry["address"][len("action."):] for entry in (state or {}).get("actions", [])}
        check(recorded == applied, "the state records %s, not the applied %s" %
              (sorted(recorded), sorted(applied)))
        check(not os.path.exists(setup.lock_path()), "the lock is left after Ctrl-C")
        timeouts = setup.timeouts()
        for name, entry in setup.managed.items():
            now = timeouts[harness.action_id(entry["number"])]
            want = entry["fields"]["timeout_seconds"] if name in applied else \
                harness.seeds.timeout_of(entry["number"])
            check(now == want, "%s holds timeout %s, not %s" % (name, now, want))
        converges(setup, setup.original)
    finally:
        setup.stop()


def test_second_ctrl_c_aborts(workdir):
    print("A second Ctrl-C, a second later, aborts at once; the lock is recoverable", flush=True)
    # Answers take 3 s: the first Ctrl-C's clean stop (a 2 s grace for the requests in
    # flight) is still under way when the person presses again.
    setup = Setup(workdir, actions=40, changes=30, latency_ms=(3000, 3000))
    try:
        process = setup.start_apply(parallelism=2)
        setup.wait_for_patches(2, process)
        process.send_signal(signal.SIGINT)
        time.sleep(1.1)
        check(process.poll() is None, "the apply ended before the second Ctrl-C")
        process.send_signal(signal.SIGINT)
        started = time.monotonic()
        out, err = process.communicate(timeout=30)
        check(process.returncode == 130, "exit %d after two Ctrl-C, not 130" % process.returncode)
        check(time.monotonic() - started < 0.25, "the second Ctrl-C did not abort at once")
        readable_or_absent(setup.state_path())
        readable_or_absent(setup.state_path() + ".backup")
        lock = lock_or_absent(setup.lock_path())
        if lock is not None:
            recover_lock(setup, lock)
        converges(setup, setup.original)
    finally:
        setup.stop()


def test_ctrl_c_while_planning(workdir):
    print("Ctrl-C while the org is read: nothing written, exit 130", flush=True)
    setup = Setup(workdir, actions=10, changes=5, latency_ms=(1000, 1000))
    try:
        process = setup.start_apply(parallelism=2)
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
        check(process.returncode == 130, "exit %d after Ctrl-C while planning" % process.returncode)
        check(setup.patches() == 0, "%d PATCHes sent after Ctrl-C while planning" % setup.patches())
        summary = out[out.find("Apply incomplete:"):]
        expected = "Apply incomplete: 0 changed, 0 written but not converged, 0 not written, " \
                   "5 not attempted, 0 unchanged.\n" + \
                   "".join("    not attempted: action.%s\n" % name for name in sorted(setup.managed))
        check(summary == expected, "the summary after Ctrl-C while planning is %r" % summary)
        check(not os.path.exists(setup.lock_path()), "the lock is left after Ctrl-C while planning")
    finally:
        setup.stop()


def recover_lock(setup, lock):
    print("  lock %s left behind: refused, then removed with force-unlock" % lock["id"], flush=True)
    refused = setup.run("apply", "--auto-approve")
    check(refused.returncode == 1, "apply with a stale lock exited %d" % refused.returncode)
    expected = ("Error: the project is locked by %s (pid %d on %s, since %s, lock id %s); "
                "that process is no longer running; wait for it (--lock-timeout), or if it "
                "crashed run: dactl force-unlock %s\n" %
                (lock["command"], lock["pid"], lock["host"], lock["created_at"], lock["id"],
                 lock["id"]))
    check(refused.stderr == expected, "the lock error is:\n%s\nnot:\n%s" % (refused.stderr, expected))
    unlocked = setup.run("force-unlock", "--force", lock["id"])
    check(unlocked.returncode == 0, "force-unlock exited %d: %s" % (unlocked.returncode, unlocked.stderr))
    check(not os.path.exists(setup.lock_path()), "force-unlock left the lock")


def test_kill_at_random_points(workdir, seed, someone_saves):
    print("SIGKILL at a random point (seed %d%s)" %
          (seed, ", then someone saves an action" if someone_saves else ""), flush=True)
    setup = Setup(workdir, actions=80, changes=60, latency_ms=(20, 60))
    try:
        delay = random.Random(seed).uniform(0.02, 1.6)
        process = setup.start_apply(parallelism=4)
        time.sleep(delay)
        process.kill()
        process.communicate(timeout=30)
        print("  killed after %.2f s, %d PATCHes sent" % (delay, setup.patches()), flush=True)
        readable_or_absent(setup.state_path())
        readable_or_absent(setup.state_path() + ".backup")
        lock = lock_or_absent(setup.lock_path())
        setup.quiet()
        if lock is not None:
            recover_lock(setup, lock)
        before = setup.original
        if someone_saves:
            # A person renames the category of an action the manifests do not manage.
            edited = harness.action_id(75)
            saved = setup.emulator.admin("PATCH", "/__emulator/actions/" + edited,
                                         {"category": "Edited by hand"})
            before = {"actions": [saved if action["id"] == edited else action
                                  for action in before["actions"]]}
        converges(setup, before)
    finally:
        setup.stop()


def all_tests(_workdir):
    tests = [test_ctrl_c_finishes_what_is_in_flight, test_second_ctrl_c_aborts,
             test_ctrl_c_while_planning]
    for seed in (11, 23, 37, 41, 59):
        tests.append(lambda d, seed=seed: test_kill_at_random_points(d, seed, seed == 59))
    for test in tests:
        with tempfile.TemporaryDirectory(prefix="dactl-signals-") as workdir:
            test(workdir)


def main():
    return run_tests(all_tests, __doc__)



if __name__ == "__main__":
    sys.exit(main())
