#!/usr/bin/env python3
"""The insights HTML report's blast radius chart in headless Chromium (Debian's
`chromium`), over tests/support/blast_org.py's org: four actions on
https://orders.example.com/ hold 40 slots now and 55 with the recommendations,
past the org's 50; one action on https://crm.example.com/ holds 4.

Read back from the DOM Chromium lays out: one pair of bars per host (now, with
the recommendations), their lengths in proportion to the slots on one scale,
the limit line where 50 falls on that scale, the over-limit bar red and past the
line, the others short of it, everything inside the chart; the warning under it.

usage: blast_radius_report_test.py DACTL EMULATOR
Fails (exit 1) when chromium is missing. Python 3 standard library only.
"""

import os
import sys

import browser as browser_tools
from blast_org import Org
from dactl_e2e import check, run_tests

MEASURE = """
<script>
const box = e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
const chart = document.querySelector('svg#blast');
const limit = chart && chart.querySelector('line#limit');
const out = document.createElement('pre');
out.id = 'measured';
out.textContent = JSON.stringify(chart ? {
  box: box(chart),
  bars: [...chart.querySelectorAll('rect')].map(r => ({
    kind: r.classList[0], over: r.classList.contains('over'), host: r.dataset.host,
    slots: +r.dataset.slots, fill: r.getAttribute('fill'), box: box(r)})),
  limit: {value: +limit.dataset.limit, box: box(limit)},
  notes: [...document.querySelectorAll('section.blast-radius p.note')].map(p => p.textContent),
} : null);
document.body.appendChild(out);
</script>
"""


def main():
    browser = browser_tools.chromium()
    if not browser:
        print("FAILED: chromium is not installed (apt-get install chromium; scripts/install-deps.sh does)")
        return 1

    def body(workdir):
        org = Org(workdir)
        try:
            report = os.path.join(workdir, "report.html")
            run = org.run("insights", "--html", report, project=org.new_project())
            check(run.returncode == 0, "insights --html exited %d: %s" % (run.returncode, run.stderr))
        finally:
            org.stop()
        print("the blast radius chart, measured in Chromium", flush=True)
        page = browser_tools.measured(browser, report, workdir, MEASURE)
        if not check(page is not None, "the page has no svg#blast"):
            return
        bars = {(bar["host"], bar["kind"]): bar for bar in page["bars"]}
        check(sorted(bars) == [("https://crm.example.com/", "host-after"),
                               ("https://crm.example.com/", "host-now"),
                               ("https://orders.example.com/", "host-after"),
                               ("https://orders.example.com/", "host-now")],
              "the bars: %s" % sorted(bars))
        slots = {key: bar["slots"] for key, bar in bars.items()}
        check(slots == {("https://crm.example.com/", "host-after"): 4,
                        ("https://crm.example.com/", "host-now"): 4,
                        ("https://orders.example.com/", "host-after"): 55,
                        ("https://orders.example.com/", "host-now"): 40}, "the slots: %s" % slots)
        inside = browser_tools.inside
        for bar in page["bars"]:
            check(inside(bar["box"], page["box"]), "a bar outside the chart: %s" % bar)
        # One scale: pixels a slot, from the bars' common start.
        start = page["bars"][0]["box"]["x"]
        check(all(abs(bar["box"]["x"] - start) < 0.5 for bar in page["bars"]),
              "the bars do not start together")
        scale = bars[("https://orders.example.com/", "host-after")]["box"]["w"] / 55.0
        for bar in page["bars"]:
            check(abs(bar["box"]["w"] - scale * bar["slots"]) < 1.5,
                  "a bar's length does not follow its slots: %s" % bar)
        limit_x = page["limit"]["box"]["x"] + page["limit"]["box"]["w"] / 2
        check(page["limit"]["value"] == 50 and abs(limit_x - (start + scale * 50)) < 1.5,
              "the limit line is not where 50 falls: %s" % page["limit"])
        over = bars[("https://orders.example.com/", "host-after")]
        check(over["over"] and over["fill"] == "#b3261e" and
              over["box"]["x"] + over["box"]["w"] > limit_x + 5,
              "the over-limit bar: %s" % over)
        for key, bar in bars.items():
            if bar is not over:
                check(not bar["over"] and bar["box"]["x"] + bar["box"]["w"] < limit_x,
                      "%s should stay short of the limit: %s" % (key, bar))
        check(any(note.startswith("warning: over the limit: if https://orders.example.com/ hangs, "
                                  "its 4 actions would hold 55 of the org's 50")
                  for note in page["notes"]), "the warning under the chart: %s" % page["notes"])
        print("the screenshot", flush=True)
        shot = os.path.join(workdir, "report.png")
        browser_tools.render(browser, report, "--window-size=1000,1000",
                             "--screenshot=" + os.path.abspath(shot))
        if check(os.path.exists(shot), "Chromium wrote no screenshot"):
            browser_tools.png_looks_drawn(shot)

    return run_tests(body, __doc__)


if __name__ == "__main__":
    sys.exit(main())
