"""The org of the insights tests (tests/e2e/insights_test.py, the insights
report's browser test, the workflows test): seven actions with a week of
seeded traffic, and projects managing four of them."""

import os

import make_seed
from dactl_e2e import Org as BaseOrg
from dactl_e2e import action_id

__all__ = ["AGGREGATES", "MANIFEST", "Org", "action", "action_id", "seed"]

AGGREGATES = "POST /api/v2/analytics/actions/aggregates/query"

MANIFEST = """[action.timing_out]
name = "Timing Out"
timeout_seconds = 3

[action.at_risk]
name = "At Risk"
timeout_seconds = 3

[action.healthy]
name = "Healthy"
timeout_seconds = 10

[action.idle]
name = "Idle"
timeout_seconds = 5
"""


def action(number, name, timeout, latency, per_day):
    seeded = make_seed.make_action(number, latency)
    seeded["name"] = name
    seeded["config"]["timeoutSeconds"] = timeout
    if per_day:
        seeded["_emulator"]["traffic"] = {"days": 7, "perDay": per_day}
    return seeded


def seed():
    actions = [action(1, "Timing Out", 3, (1000, 4000), 100),
               action(2, "At Risk", 3, (1800, 2620), 100),
               action(3, "Healthy", 10, (200, 400), 100),
               action(4, "Idle", 5, (100, 100), 0),
               action(5, "Unmanaged Slow", 3, (2000, 5000), 50),
               action(6, "Unmanaged Close", 5, (3000, 4300), 50)]
    auth = action(7, "Token", 3, (100, 200), 50)
    auth["id"] = "customAuth_-_00000000-0000-4000-8000-000000000007"
    del auth["config"]["timeoutSeconds"]
    return actions + [auth]


class Org(BaseOrg):
    """The seeded org; each project() is a fresh project directory with the manifest."""

    def __init__(self, workdir, binary=None, emulator_binary=None):
        super().__init__(workdir, seed(), dactl_binary=binary, emulator_binary=emulator_binary)
        self.projects = 0

    def new_project(self, settings=""):
        """A fresh project directory with the manifest (and dactl.toml settings)."""
        self.projects += 1
        directory = os.path.join(self.workdir, "project%d" % self.projects)
        os.mkdir(directory)
        self.write("actions.toml", MANIFEST, project=directory)
        self.write("dactl.toml", settings, project=directory)
        return directory

    def run(self, project, *args, **options):
        return super().run(*args, project=project, timeout=120, **options)
