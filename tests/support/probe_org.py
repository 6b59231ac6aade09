"""The probed org of the probe tests (tests/e2e/probe_test.py, the interrupts
test and the probe report's browser test): five actions with seeded
latencies, and a project probing them."""

import json

import make_seed
from dactl_e2e import Org, api_call, has_draft
from dactl_e2e import action_id as generated_id

MANIFEST = """# Actions we probe.
[action.fast]
name = "Fast Lookup"
timeout_seconds = 3   # raised after the March incident
[action.fast.probe]
input = { key = "k-1" }

[action.slow]
name  = "Slow Lookup"
timeout_seconds=3
[action.slow.probe]
input = { key = "k-2", depth = 2 }

[action.glacial]
name = "Glacial Lookup"
[action.glacial.probe]
input = { key = "k-3" }

[action.ticket]
name = "Create Ticket"
timeout_seconds = 5
[action.ticket.probe]
input = { key = "k-4" }

[action.drafted]
name = "Drafted Lookup"
timeout_seconds = 4
[action.drafted.probe]
input = { key = "k-5" }
"""


def seed_action(number, name, latency, timeout, request_type="GET"):
    action = make_seed.make_action(number, latency)
    action["name"] = name
    action["config"]["request"]["requestType"] = request_type
    if timeout is None:
        action["config"].pop("timeoutSeconds", None)
    else:
        action["config"]["timeoutSeconds"] = timeout
    return action


def action_id(number):
    return generated_id(number)


class Probe(Org):
    """The probed org: five actions with seeded latencies, and the project probing them."""

    def __init__(self, workdir):
        super().__init__(workdir, [seed_action(1, "Fast Lookup", (1200, 1600), 3),
                                   seed_action(2, "Slow Lookup", (5400, 5600), 3),
                                   seed_action(3, "Glacial Lookup", (61000, 65000), None),
                                   seed_action(4, "Create Ticket", (200, 300), 5, "POST"),
                                   seed_action(5, "Drafted Lookup", (100, 200), 4)])
        self.manifest = self.path("actions.toml")
        self.write("actions.toml", MANIFEST)

    def environment_for(self, scale):
        """Sets the emulator's time scale, clears its log; answers dactl's matching environment."""
        self.emulator.admin("PATCH", "/__emulator/settings", {"timeScale": scale})
        self.emulator.admin("DELETE", "/__emulator/requests")
        return self.environment({"DACTL_PROBE_TIME_SCALE": str(scale)})

    def run(self, *args, scale=0.01):
        self.environment_for(scale)
        return super().run(*args, extra={"DACTL_PROBE_TIME_SCALE": str(scale)}, clear=False)

    def has_draft(self, number):
        return has_draft(self, action_id(number))

    def stored(self, number):
        return json.dumps(super().stored(action_id(number)))

    def create_draft(self, number):
        """Someone starts editing the action in the admin UI: a draft exists."""
        api_call(self, "POST", "/api/v2/integrations/actions/%s/draft" % action_id(number), {})
