"""Headless Chromium for the report tests: finding it, rendering a page,
reading back what a script measured in the laid-out DOM, and checking that a
screenshot is a real picture. Python 3 standard library only."""

import json
import os
import re
import shutil
import struct
import subprocess
import zlib

from dactl_e2e import check

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--no-first-run", "--hide-scrollbars",
                  "--allow-file-access-from-files"]



def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def render(browser, page, *flags):
    return subprocess.run([browser] + CHROMIUM_FLAGS + list(flags) + ["file://" + page],
                          capture_output=True, text=True, timeout=120)


def measured(browser, report, workdir, script):
    """The JSON `script` (appended to a copy of the report) writes into <pre id="measured">."""
    page = os.path.join(workdir, "measured.html")
    with open(report) as source:
        html = source.read()
    with open(page, "w") as out:
        out.write(html.replace("</body>", script + "</body>"))
    run = render(browser, page, "--window-size=1200,1600", "--dump-dom")
    found = re.search(r'<pre id="measured">(.*?)</pre>', run.stdout, re.S)
    if not check(found, "Chromium did not run the measuring script: %s" % run.stderr[-1000:]):
        return None
    text = found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"') \
        .replace("&amp;", "&")
    return json.loads(text)


def inside(inner, outer, slack=1.0):
    return (inner["x"] >= outer["x"] - slack and inner["y"] >= outer["y"] - slack and
            inner["x"] + inner["w"] <= outer["x"] + outer["w"] + slack and
            inner["y"] + inner["h"] <= outer["y"] + outer["h"] + slack)


def png_looks_drawn(path):
    """A PNG of real content: valid signature, a sensible size, and many colours."""
    with open(path, "rb") as source:
        data = source.read()
    if not check(data[:8] == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG"):
        return
    width, height = struct.unpack(">II", data[16:24])
    check(width >= 1000 and height >= 900, "the screenshot is %dx%d" % (width, height))
    chunks, at = [], 8
    while at < len(data):
        length = struct.unpack(">I", data[at:at + 4])[0]
        if data[at + 4:at + 8] == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    check(len(set(pixels)) > 50, "the screenshot looks blank (%d byte values)" % len(set(pixels)))
