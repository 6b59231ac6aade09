"""The org of the blast radius tests (tests/e2e/blast_radius_test.py and the
insights report's chart in tests/browser/blast_radius_report_test.py): four
actions calling https://orders.example.com/, busy every day from 10:00 UTC for
an hour, and one on another host.

At its peak Order Status runs 300 times a minute (4,500 a quarter hour), the
three others 60 (900): at their 5 s, 25 + 3 x 5 = 40 of the org's 50 slots if
the host hangs. Order Status is at risk (3.8-4.8 s at 5 s): insights recommends
8 s, which makes 40 + 15 = 55, past the limit."""

import make_seed
from dactl_e2e import Org as BaseOrg

__all__ = ["HOST", "MANIFEST", "Org", "STATUS", "seed"]

HOST = "https://orders.example.com/"
STATUS = "custom_-_00000000-0000-4000-8000-000000000007"

MANIFEST = """[action.status]
name = "Order Status"
timeout_seconds = 5

[action.history]
name = "Order History"
timeout_seconds = 5

[action.returns]
name = "Order Returns"
timeout_seconds = 5

[action.tracking]
name = "Order Tracking"
timeout_seconds = 5
"""


def action(number, name, url, latency, per_minute, timeout=5):
    seeded = make_seed.make_action(number, latency)
    seeded["name"] = name
    seeded["config"]["timeoutSeconds"] = timeout
    seeded["config"]["request"]["requestUrlTemplate"] = url
    seeded["_emulator"]["traffic"] = {
        "days": 7, "perDay": 0,
        "peak": {"perMinute": per_minute, "startUtc": "10:00", "minutes": 60}}
    return seeded


def seed():
    return [action(7, "Order Status", HOST + "status/${input.key}", (3800, 4800), 300),
            action(2, "Order History", HOST + "history/${input.key}", (100, 300), 60),
            action(3, "Order Returns", HOST + "returns", (100, 300), 60),
            action(4, "Order Tracking", HOST + "tracking", (100, 300), 60),
            action(5, "Customer Lookup", "https://crm.example.com/customers", (100, 200), 20, 10)]


class Org(BaseOrg):
    """The seeded org; each new_project() a fresh directory with the manifest."""

    def __init__(self, workdir, switches=(), binary=None, emulator_binary=None):
        super().__init__(workdir, seed(), switches=switches, dactl_binary=binary,
                         emulator_binary=emulator_binary)
        self.projects = 0

    def new_project(self, manifest=MANIFEST, settings=""):
        self.projects += 1
        directory = self.path("..", "project%d" % self.projects)
        self.write("actions.toml", manifest, project=directory)
        self.write("dactl.toml", settings, project=directory)
        return directory
