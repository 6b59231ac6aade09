#!/usr/bin/env python3
"""The probe's HTML report rendered in headless Chromium (Debian's `chromium`).

Runs `dactl probe --html` against genesys-emulator (a fast action, a slow one
whose samples are cut off at its timeout, a skipped one), then:
  1. renders the page with a measuring script appended and reads back, from the
     DOM Chromium dumps, the laid-out geometry of every chart: the bars, the
     markers and their labels (inside the chart, in the right places);
  2. checks the table and the notes as rendered;
  3. takes a screenshot and checks it is a real picture, not a blank page.
With --screenshot FILE it also keeps the screenshot (docs/probe-report.png).

usage: probe_report_test.py DACTL EMULATOR [--screenshot FILE]
Fails (exit 1) when chromium is missing. Python 3 standard library only.
"""

import os
import re
import sys

from browser import chromium, inside, measured, png_looks_drawn, render
from dactl_e2e import check, run_tests
from probe_org import Probe


# Appended to a copy of the report: measures what Chromium laid out and writes
# it into the page as JSON, which --dump-dom then prints.
MEASURE = """
<script>
const box = e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
const charts = [...document.querySelectorAll('svg.chart')].map(svg => ({
  id: svg.id,
  box: box(svg),
  bars: [...svg.querySelectorAll('rect.bar')].map(r => ({kind: r.classList.contains('timed-out') ? 'timed-out' : 'answered',
                                                      count: +r.dataset.count, box: box(r)})),
  markers: [...svg.querySelectorAll('line.marker')].map(l => ({id: l.id, box: box(l)})),
  labels: [...svg.querySelectorAll('text[id$="-label"]')].map(t => ({id: t.id, text: t.textContent, box: box(t)})),
  ticks: [...svg.querySelectorAll('text.tick')].map(t => ({text: t.textContent, box: box(t)})),
}));
const tables = [...document.querySelectorAll('table')].map(t => [...t.rows].map(r => [...r.cells].map(c => c.innerText)));
const out = document.createElement('pre');
out.id = 'measured';
out.textContent = JSON.stringify({charts, tables, warnings: [...document.querySelectorAll('.warning')].map(p => p.innerText),
  skipped: [...document.querySelectorAll('.skipped')].map(p => p.innerText), width: document.documentElement.scrollWidth});
document.body.appendChild(out);
</script>
"""

def check_chart(chart, samples, timed_out, labels):
    """One chart: bars for every sample, markers and labels inside, in order."""
    name = chart["id"]
    check(chart["box"]["w"] >= 600 and chart["box"]["h"] >= 200, "%s is %s" % (name, chart["box"]))
    counted = sum(bar["count"] for bar in chart["bars"])
    cut = sum(bar["count"] for bar in chart["bars"] if bar["kind"] == "timed-out")
    check(counted == samples, "%s shows %d samples, not %d" % (name, counted, samples))
    check(cut == timed_out, "%s shows %d cut-off samples, not %d" % (name, cut, timed_out))
    for bar in chart["bars"]:
        check(bar["box"]["h"] > 0 and inside(bar["box"], chart["box"]), "%s: a bar outside: %s" % (name, bar))
    for label in chart["labels"]:
        check(inside(label["box"], chart["box"]), "%s: label %r is cut off" % (name, label["text"]))
    texts = sorted(label["text"] for label in chart["labels"])
    check(len(texts) == len(labels) and all(re.fullmatch(pattern, text)
                                            for pattern, text in zip(sorted(labels), texts)),
          "%s labels %s, not %s" % (name, texts, labels))
    ticks = [tick["box"]["x"] for tick in chart["ticks"]]
    check(ticks == sorted(ticks) and len(ticks) >= 3, "%s ticks out of order: %s" % (name, chart["ticks"]))
    return {marker["id"].rsplit("-", 1)[0]: marker["box"]["x"] for marker in chart["markers"]}


def main():
    arguments = sys.argv[1:]
    keep = None
    if "--screenshot" in arguments:
        at = arguments.index("--screenshot")
        keep = os.path.abspath(arguments[at + 1])
        del arguments[at:at + 2]
    if len(arguments) != 2:
        print(__doc__)
        return 2
    browser = chromium()
    if not browser:
        print("FAILED: chromium is not installed (apt-get install chromium; scripts/install-deps.sh does)")
        return 1
    sys.argv = [sys.argv[0]] + arguments

    def body(workdir):
        probe = Probe(workdir)
        try:
            report = os.path.join(workdir, "report.html")
            # At 1:10 time the HTTP overhead of a sample (up to 40 ms on a busy
            # machine) keeps the fast action's p99 x 1.5 within its 3 s.
            run = probe.run("probe", "--html", report, "action.fast", "action.slow", "action.ticket",
                            scale=0.1)
            check(run.returncode == 0, "probe --html exited %d: %s" % (run.returncode, run.stderr))
        finally:
            probe.stop()
        print("the page, measured in Chromium", flush=True)
        page = measured(browser, report, workdir, MEASURE)
        if page:
            check(page["width"] <= 1200, "the page is %d px wide: it scrolls sideways" % page["width"])
            check(len(page["charts"]) == 2, "%d charts, not 2 (the skipped action has none)" % len(page["charts"]))
            fast = check_chart(page["charts"][0], 20, 0, ["current = recommended 3 s"])
            check(abs(fast["current"] - fast["recommended"]) < 1, "fast: the markers differ")
            fast_bars = [bar["box"]["x"] + bar["box"]["w"] for bar in page["charts"][0]["bars"]]
            check(max(fast_bars) < fast["recommended"], "fast: a bar lies right of the 3 s timeout")
            # A cut-off sample lasts 3 s plus the HTTP overhead: at least 5 s, or 6 s on a busy machine.
            slow = check_chart(page["charts"][1], 20, 20, ["current 3 s", r"recommended at least [56] s"])
            slow_bars = [bar["box"]["x"] for bar in page["charts"][1]["bars"]]
            check(slow["current"] - 1 <= min(slow_bars) and max(slow_bars) < slow["recommended"],
                  "slow: the cut-off bars are not between the current and recommended markers")
            rows = page["tables"]
            check(rows[0][0] == ["samples", "failures", "p50", "p90", "p99", "max", "current timeout",
                                 "recommended"], "table head: %s" % rows[0][0])
            check(rows[0][1][:2] == ["20", "0"] and rows[0][1][6:] == ["3 s", "3 s"], "fast row: %s" % rows[0][1])
            check(rows[1][1][:2] == ["20", "20"] and rows[1][1][4].startswith("≥ ")
                  and rows[1][1][6] == "3 s" and re.fullmatch("≥ [56] s", rows[1][1][7]),
                  "slow row: %s" % rows[1][1])
            check(page["warnings"] == ["20 of 20 samples timed out at the current timeout of 3 s, so "
                                       "the latency is at least that; measure it with --via-draft"],
                  "warnings: %s" % page["warnings"])
            check(page["skipped"] == ["Skipped: request type POST: the test endpoint calls the real "
                                      "back-end; pass --allow-writes to probe it"], "skipped: %s" % page["skipped"])
        print("the screenshot", flush=True)
        shot = keep or os.path.join(workdir, "report.png")
        render(browser, report, "--window-size=1000,1250", "--screenshot=" + os.path.abspath(shot))
        if check(os.path.exists(shot), "Chromium wrote no screenshot"):
            png_looks_drawn(shot)

    return run_tests(body, __doc__)


if __name__ == "__main__":
    sys.exit(main())
