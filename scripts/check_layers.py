#!/usr/bin/env python3
"""Checks that every include points down: a file of a module may include its
own module's headers and those of modules on lower floors, nothing else (no
include sideways, none upwards). The floors are the layers drawn in
docs/architecture.md; a new module gets a floor here and there.

Usage: scripts/check_layers.py [REPO]   (exits 1 naming each wrong include)
"""
import pathlib
import re
import sys

# module (a directory, or cmd/ as a whole) -> floor
FLOORS = {
    "engine/util": 0, "engine/diagnostics": 1,
    "engine/model": 2, "engine/text": 2, "providers/http": 2,
    "engine/json": 3, "engine/export": 3, "engine/manifest": 3, "engine/provider": 3,
    "engine/gather": 4, "engine/state": 4, "providers/genesys": 4,
    "engine/resolve": 5, "providers/postgres": 5,
    "engine/plan": 6, "engine/capacity": 6, "engine/drift": 6, "engine/probe": 6, "engine/import": 6,
    "engine/apply": 7, "engine/insights": 7, "engine/audit": 7, "engine/impact": 7,
    "engine/render": 8,
    "cmd/views": 9,
    "cmd": 10,
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def module_of(path):
    """The module a repository path belongs to: the longest FLOORS key it is under."""
    best = None
    for module in FLOORS:
        if path == module or path.startswith(module + "/"):
            if best is None or len(module) > len(best):
                best = module
    return best


def main():
    repo = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    wrong = []
    sources = [p for top in ("engine", "providers", "cmd") for p in (repo / top).rglob("*")
               if p.suffix in (".h", ".cpp")]
    for source in sorted(sources):
        path = source.relative_to(repo).as_posix()
        here = module_of(path)
        if here is None:
            wrong.append("%s: in no module; give its directory a floor in %s" % (path, __file__))
            continue
        for included in INCLUDE.findall(source.read_text(encoding="utf-8")):
            there = module_of(included)
            if there is None or there == here:
                continue
            if FLOORS[there] >= FLOORS[here]:
                wrong.append("%s (%s, floor %d) includes %s (%s, floor %d)" % (
                    path, here, FLOORS[here], included, there, FLOORS[there]))
    for line in wrong:
        print("check_layers: " + line)
    if wrong:
        print("check_layers: %d include(s) do not point down (docs/architecture.md)" % len(wrong))
        return 1
    print("check_layers: %d files, every include points down" % len(sources))
    return 0


if __name__ == "__main__":
    sys.exit(main())
