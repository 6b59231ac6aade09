#!/usr/bin/env python3
"""Writes a seed for genesys-emulator with N generated actions to standard output.

usage: make_seed.py N [--latency-ms MIN-MAX]

The org is deterministic: actions "Lookup 0001".."Lookup N" with ids
custom_-_00000000-0000-4000-8000-<n>, spread over three categories and two
integrations; every fifth has no timeoutSeconds, the others cycle through 1-60
(timeoutSeconds 3 for every third). Templates carry quotes, ${...}, newlines and
non-ASCII text. Every seventh is called by three Architect flows (the second only
checked in, not published). Python 3 standard library only.
"""

import argparse
import json
import sys

CATEGORIES = ["Orders Web Services", "CRM", "Payments"]
INTEGRATIONS = ["8d5b1a7e-2c44-4f0e-9a51-0f3b6e2d9c10", "b4e1d2c3-9f8a-4b7c-a6d5-e4f3a2b1c0d9"]


def timeout_of(number):
    if number % 5 == 0:
        return None
    if number % 3 == 0:
        return 3
    return 1 + number % 60


def make_action(number, latency):
    config = {}
    timeout = timeout_of(number)
    if timeout is not None:
        config["timeoutSeconds"] = timeout
    config["request"] = {
        "requestUrlTemplate": "https://backend.example.com/lookup/%d/${input.key}" % number,
        "requestType": "POST" if number % 2 else "GET",
        "headers": {"Accept": "application/json", "X-Trace": "seed-%d" % number},
        "requestTemplate": '{\n  "key": "${input.key}",\n  "note": "Zoë said \\"hi\\""\n}',
    }
    config["response"] = {
        "translationMap": {"status": "$.status"},
        "translationMapDefaults": {"status": '"UNKNOWN"'},
        "successTemplate": '{"status": ${status}}',
    }
    action = {
        "id": "custom_-_00000000-0000-4000-8000-%012d" % number,
        "name": "Lookup %04d" % number,
        "integrationId": INTEGRATIONS[number % len(INTEGRATIONS)],
        "category": CATEGORIES[number % len(CATEGORIES)],
        "version": 1 + number % 4,
        "secure": False,
        "contract": {
            "input": {"inputSchema": {"type": "object", "properties": {"key": {"type": "string"}}}},
            "output": {"successSchema": {"type": "object", "properties": {"status": {"type": "string"}}}},
        },
        "config": config,
    }
    if latency is not None:
        action["_emulator"] = {"latencyMs": list(latency)}
    if number % 7 == 0:
        action.setdefault("_emulator", {})["flows"] = flows_of(number)
    return action


def flows_of(number):
    """The flows that call every seventh action: an inbound call flow and a digital bot,
    published, and an in-queue flow only checked in."""
    return [
        {"id": "flow-ivr-%d" % number, "name": "Main IVR %04d" % number,
         "type": "INBOUNDCALLFLOW", "version": "%d.0" % (1 + number % 9)},
        {"id": "flow-queue-%d" % number, "name": "Queue %04d" % number,
         "type": "INQUEUECALLFLOW", "published": False},
        {"id": "flow-bot-%d" % number, "name": "Order bot %04d" % number,
         "type": "DIGITALBOTFLOW", "version": "2.0"},
    ]


def parse_latency(text):
    low, _, high = text.partition("-")
    return (int(low), int(high or low))


def main():
    parser = argparse.ArgumentParser(description="Write a generated genesys-emulator seed.")
    parser.add_argument("count", type=int, help="how many actions")
    parser.add_argument("--latency-ms", type=parse_latency, default=None,
                        help="simulated test/execute latency MIN-MAX for every action")
    arguments = parser.parse_args()
    actions = [make_action(number, arguments.latency_ms) for number in range(1, arguments.count + 1)]
    json.dump(actions, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
