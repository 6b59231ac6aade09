#!/usr/bin/env python3
"""Text from the org is escaped for the medium it is written to (issue 27,
defect 8): action names holding an ESC sequence, a newline that forges a plan
line, backticks, HTML and an @-mention, a zero-width joiner, and an audit user
name holding an OSC sequence, a BEL and a newline that forges an attribution.
plan, drift and insights are run in every format they offer: no output holds
a raw control character, no forged line appears, Markdown and HTML show the
text and nothing it would start, JSON carries it exactly.

usage: escaping_test.py DACTL EMULATOR
"""

import json
import re
import sys
import urllib.parse

import dactl_e2e as harness
import make_seed as seeds
from dactl_e2e import check, run_tests

# action 1: managed, the terminal and Markdown attacks in its name.
LOUD = "Orders\x1b[31m RED\n~ action.fake: forged | <script>alert(1)</script> @octocat *bold*"
# action 2: unmanaged, timing out, a name that tries to leave its code span.
TICKS = "a``b` @team"
# action 3: managed, a joiner no one can see.
JOINED = "Look\u200dup"
EVE = "Eve\x1b]0;pwned\x07\nby Jane Admin (user u-jane)"

MANIFEST = """[action.loud]
name = "Orders\\u001b[31m RED\\n~ action.fake: forged | <script>alert(1)</script> @octocat *bold*"
timeout_seconds = 12

[action.joined]
name = "Look\\u200dup"
timeout_seconds = 20
"""


def seed():
    actions = [seeds.make_action(number, None) for number in (1, 2, 3)]
    for action, name in zip(actions, (LOUD, TICKS, JOINED)):
        action["name"] = name
    return actions


def raw_controls(text):
    """The control characters in `text` other than newline."""
    return sorted({c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f})


def run(org, *args):
    """dactl ARGS; JSON carries the text as it is (escaped as JSON escapes)."""
    done = org.run(*args)
    for stream, text in (("stdout", done.stdout), ("stderr", done.stderr)):
        check(not raw_controls(text), "%s %s holds %r: %r" % (args, stream, raw_controls(text), text))
        check("json" in args or "\u200d" not in text,
              "%s %s holds a raw zero-width joiner" % (args, stream))
    return done


def test_plan(org):
    print("plan: text, Markdown, JSON", flush=True)
    text = run(org, "plan")
    check(text.returncode == 0, "plan: %s" % text.stderr)
    lines = text.stdout.splitlines()
    check('~ action.loud: "Orders\\u001b[31m RED\\n~ action.fake: forged | <script>alert(1)</script>'
          ' @octocat *bold*" (%s)' % harness.action_id(1) in lines, "the loud name: %s" % lines)
    check(not any(line.startswith("~ action.fake") for line in lines), "a forged line: %s" % lines)
    check('~ action.joined: "Look\\u200dup" (%s)' % harness.action_id(3) in lines,
          "the joiner shown: %s" % lines)
    markdown = run(org, "plan", "--format", "markdown").stdout
    # Rendered: Orders\u001b[31m RED\n~ action.fake: forged | <script>... @octocat *bold*
    check("| ~ | `action.loud` | Orders\\\\u001b\\[31m RED\\\\n\\~ action.fake: forged \\| "
          "&lt;script&gt;alert(1)&lt;/script&gt; @&#8203;octocat \\*bold\\* |" in markdown,
          "the Markdown row: %s" % markdown)
    check("<script>" not in markdown and "@octocat" not in markdown, "Markdown: %s" % markdown)
    check("<summary><code>action.loud</code> &quot;Orders\\u001b[31m RED\\n~ action.fake: forged | "
          "&lt;script&gt;alert(1)&lt;/script&gt; @&#8203;octocat *bold*&quot; (" in markdown,
          "the summary: %s" % markdown)
    document = json.loads(run(org, "plan", "--format", "json").stdout)
    names = {change["address"]: change["name"] for change in document["changes"]}
    check(names == {"action.loud": LOUD, "action.joined": JOINED}, "JSON names: %s" % names)


def test_drift(org):
    print("drift: an audit user name that forges a line", flush=True)
    applied = run(org, "apply", "--auto-approve")
    check(applied.returncode == 0, "apply: %s" % applied.stderr)
    org.edit(harness.action_id(1), {"config": {"timeoutSeconds": 45}},
             "userId=u-eve&userName=" + urllib.parse.quote(EVE))
    text = run(org, "drift")
    check(text.returncode == 2, "drift: %d %s" % (text.returncode, text.stderr))
    lines = text.stdout.splitlines()
    by = [line for line in lines if line.strip().startswith("by ")]
    check(len(by) == 1 and re.fullmatch(
        r"    by Eve\\u001b\]0;pwned\\u0007\\nby Jane Admin \(user u-jane\) \(user u-eve\) at "
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: config\.timeoutSeconds 12 -> 45", by[0]) is not None,
          "the attribution: %s" % by)
    markdown = run(org, "drift", "--format", "markdown").stdout
    check("\nby Jane Admin" not in markdown and "<script>" not in markdown and
          "@octocat" not in markdown, "Markdown: %s" % markdown)
    document = json.loads(run(org, "drift", "--format", "json").stdout)
    (loud,) = [entry for entry in document["drifted"] if entry["address"] == "action.loud"]
    check(loud["changed_by"][0]["user"] == {"id": "u-eve", "name": EVE} and loud["name"] == LOUD,
          "JSON: %s" % loud)


def test_insights(org):
    print("insights: text, Markdown, HTML, JSON", flush=True)
    org.emulator.admin("DELETE", "/__emulator/traffic")
    for number in (1, 2):
        org.emulator.admin("POST", "/__emulator/traffic", {
            "actionId": harness.action_id(number), "count": 100, "fromSecondsAgo": 3 * 86400,
            "latencyMs": [2000, 9000], "timeoutSeconds": 3})
    text = run(org, "insights", "--all")
    check(text.returncode == 0, "insights: %s" % text.stderr)
    check('"a``b` @team" (unmanaged)' in text.stdout, "the ticks in text: %s" % text.stdout)
    markdown = run(org, "insights", "--all", "--format", "markdown").stdout
    notes = [line for line in markdown.splitlines() if line.startswith("- ")]
    check(notes and all(line.startswith("- `action.loud`: ") or
                        line.startswith('- ```"a``b` @team" (unmanaged)```: ') for line in notes),
          "each note's action in one code span: %s" % notes)
    check("| ```\"a``b` @team\" (unmanaged)``` |" in markdown, "the table row: %s" % markdown)
    check("<script>" not in markdown and "@octocat" not in markdown, "Markdown: %s" % markdown)
    report = org.path("..", "report.html")
    check(run(org, "insights", "--all", "--html", report).returncode == 0, "insights --html")
    with open(report) as source:
        html = source.read()
    check(not raw_controls(html.replace("\n", "")) and "\u200d" not in html, "HTML controls")
    check("<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html and
          "Orders\\u001b[31m RED\\n~ action.fake" in html, "HTML: %s" % html)
    document = json.loads(run(org, "insights", "--all", "--format", "json").stdout)
    names = sorted(entry["name"] for entry in document["actions"])
    check(names == sorted([LOUD, TICKS, JOINED]), "JSON names: %s" % names)


def main():
    def body(workdir):
        org = harness.Org(workdir, seed())
        try:
            org.write("actions.toml", MANIFEST)
            for test in (test_plan, test_drift, test_insights):
                test(org)
        finally:
            org.stop()
    return run_tests(body, __doc__)


if __name__ == "__main__":
    sys.exit(main())
