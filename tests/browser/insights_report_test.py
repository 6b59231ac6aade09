#!/usr/bin/env python3
"""The insights HTML report rendered in headless Chromium (Debian's `chromium`).

Runs `dactl insights --all --html` against genesys-emulator's seeded analytics
(tests/support/insights_org.py's org), then reads back from the DOM Chromium lays
out: per action with traffic, the p95/p99/max bars in order and inside their
chart, the current and recommended markers where the numbers put them, one
bar per day whose heights follow the day's timeouts; the tables as rendered;
and a screenshot that is a real picture.

usage: insights_report_test.py DACTL EMULATOR
Fails (exit 1) when chromium is missing. Python 3 standard library only.
"""

import json
import os
import sys

import browser as browser_tools
from dactl_e2e import check, run_tests
from insights_org import Org

MEASURE = """
<script>
const box = e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
const sections = [...document.querySelectorAll('section.action')].map(s => ({
  id: s.id,
  verdict: s.querySelector('.verdict').textContent,
  table: [...s.querySelector('table').rows].map(r => [...r.cells].map(c => c.innerText)),
  latency: [...s.querySelectorAll('svg.latency')].map(svg => ({
    box: box(svg),
    bars: [...svg.querySelectorAll('rect.bar')].map(r => ({kind: r.classList[1], ms: +r.dataset.ms, box: box(r)})),
    markers: [...svg.querySelectorAll('line.marker')].map(l => ({id: l.id, box: box(l)})),
    labels: [...svg.querySelectorAll('text')].map(t => ({text: t.textContent, box: box(t)})),
  })),
  days: [...s.querySelectorAll('svg.daily')].map(svg => ({
    box: box(svg),
    bars: [...svg.querySelectorAll('rect.day')].map(r => ({timeouts: +r.dataset.timeouts, box: box(r)})),
  })),
}));
const out = document.createElement('pre');
out.id = 'measured';
out.textContent = JSON.stringify({width: document.documentElement.scrollWidth, sections});
document.body.appendChild(out);
</script>
"""


def check_section(section, expected):
    name = section["id"]
    inside = browser_tools.inside
    check(section["verdict"] == expected["verdict"], "%s verdict %r" % (name, section["verdict"]))
    check(section["table"][0] == ["executions", "timeouts", "failures", "p95", "p99", "max",
                                  "current timeout", "recommended"], "%s table head" % name)
    row = section["table"][1]
    check(row[0] == str(expected["executions"]) and row[1] == str(expected["timeouts"]) and
          row[7] == expected["recommended"], "%s row %s" % (name, row))
    (chart,) = section["latency"]
    bars = {bar["kind"]: bar for bar in chart["bars"]}
    check(sorted(bars) == ["max", "p95", "p99"], "%s bars %s" % (name, sorted(bars)))
    ends = [bars[kind]["box"]["x"] + bars[kind]["box"]["w"] for kind in ("p95", "p99", "max")]
    check(ends == sorted(ends), "%s: p95, p99 and max out of order: %s" % (name, ends))
    for item in chart["bars"] + chart["markers"] + chart["labels"]:
        check(inside(item["box"], chart["box"]), "%s: outside its chart: %s" % (name, item))
    markers = {marker["id"].rsplit("-", 1)[0]: marker["box"]["x"] for marker in chart["markers"]}
    check(ends[2] <= markers["current"] + 1.5, "%s: the max lies right of the current timeout" % name)
    if "recommended" in markers:
        above = expected["recommended_seconds"] > expected["current_seconds"]
        check((markers["recommended"] > markers["current"]) == above,
              "%s: the recommended marker is on the wrong side of the current one" % name)
        check(markers["recommended"] >= ends[1], "%s: the recommendation is below the p99" % name)
    (days,) = section["days"]
    check(len(days["bars"]) == 7, "%s: %d days, not 7" % (name, len(days["bars"])))
    highest = max(bar["timeouts"] for bar in days["bars"])
    for bar in days["bars"]:
        check(inside(bar["box"], days["box"]), "%s: a day outside its chart" % name)
        if highest:
            check(abs(bar["box"]["h"] - 60.0 * bar["timeouts"] / highest) < 1.5,
                  "%s: a day's height does not follow its timeouts: %s" % (name, bar))
    check(sum(bar["timeouts"] for bar in days["bars"]) == expected["timeouts"],
          "%s: the days' timeouts do not add up" % name)


def main():
    browser = browser_tools.chromium()
    if not browser:
        print("FAILED: chromium is not installed (apt-get install chromium; scripts/install-deps.sh does)")
        return 1

    def body(workdir):
        org = Org(workdir)
        try:
            project = org.new_project()
            report = os.path.join(workdir, "report.html")
            run = org.run(project, "insights", "--all", "--html", report, "--format", "json")
            check(run.returncode == 0, "insights --html exited %d: %s" % (run.returncode, run.stderr))
            expected = {entry["id"]: entry for entry in json.loads(run.stdout)["actions"]}
        finally:
            org.stop()
        print("the page, measured in Chromium", flush=True)
        page = browser_tools.measured(browser, report, workdir, MEASURE)
        if page:
            check(page["width"] <= 1200, "the page is %d px wide: it scrolls sideways" % page["width"])
            with_traffic = [section for section in page["sections"] if section["latency"]]
            check(len(page["sections"]) == 6 and len(with_traffic) == 5,
                  "%d sections, %d with charts" % (len(page["sections"]), len(with_traffic)))
            for section in with_traffic:
                entry = expected[section["id"]]
                recommended = ("≥ " if entry["recommendation_at_least"] else "") + \
                    "%d s" % entry["recommended_timeout_seconds"]
                check_section(section, {"verdict": entry["verdict"], "executions": entry["executions"],
                                        "timeouts": entry["timeouts"], "recommended": recommended,
                                        "recommended_seconds": entry["recommended_timeout_seconds"],
                                        "current_seconds": entry["current_timeout_seconds"] or 60})
        print("the screenshot", flush=True)
        shot = os.path.join(workdir, "report.png")
        browser_tools.render(browser, report, "--window-size=1000,1250", "--screenshot=" + os.path.abspath(shot))
        if check(os.path.exists(shot), "Chromium wrote no screenshot"):
            browser_tools.png_looks_drawn(shot)

    return run_tests(body, __doc__)


if __name__ == "__main__":
    sys.exit(main())
