#!/usr/bin/env python3
"""Checks the shape the code keeps (docs/architecture.md, "Gates"):
  - no product file (cmd/, engine/, providers/) over 400 lines;
  - no function in cmd/commands/ over 40 lines, but the command table;
  - no interface (a class's own virtual methods) with more than 10 methods;
  - no direct write to the output streams in cmd/commands/ but in `version`
    and `completion` (every byte goes through the command's view);
  - no option looked up by name in cmd/commands/;
  - no OutputFormat:: outside cmd/views/ and the session;
  - org_identity() called once in cmd/, next_state( once, and
    write_file_atomically nowhere in cmd/commands/.

Usage: scripts/check_shape.py [REPO]   (exits 1 naming each finding)
"""
import pathlib
import re
import sys

FILE_LIMIT = 400
FUNCTION_LIMIT = 40
INTERFACE_LIMIT = 10
COMMAND_TABLE = "all_commands"
DIRECT_WRITES_ALLOWED = {"cmd/commands/version.cpp", "cmd/commands/completion.cpp"}


def strip(text):
    """The text with comments, string and character literals blanked (lines kept)."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            if m:
                close = ")" + m.group(1) + '"'
                end = text.find(close, i)
                end = n if end < 0 else end + len(close)
                out.append('""' + re.sub(r"[^\n]", "", text[i:end]))
                i = end
            else:
                out.append(c)
                i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(text):
    """(name, first line, length in lines) of each function body at namespace level."""
    code = strip(text)
    found = []
    depth = 0
    kinds = []  # per open brace: "function", "namespace", "other"
    start = 0
    for index, char in enumerate(code):
        if char == "{":
            head = code[code.rfind(";", 0, index) + 1:index]
            head = head[head.rfind("}") + 1:]
            kind = "other"
            if re.search(r"\bnamespace\b", head) or re.search(r'extern\s*"C"', head):
                kind = "namespace"
            elif all(k == "namespace" for k in kinds) and re.search(r"\)\s*(const)?\s*(noexcept)?\s*(override)?\s*(->[^{]*)?$", head.strip()):
                kind = "function"
                start = index
                name = re.search(r"([A-Za-z_][A-Za-z0-9_:]*)\s*\([^()]*(\([^()]*\)[^()]*)*\)[^()]*$", head)
                found.append([name.group(1) if name else "?", code.count("\n", 0, index) + 1, 0])
            kinds.append(kind)
            depth += 1
        elif char == "}" and kinds:
            kind = kinds.pop()
            depth -= 1
            if kind == "function":
                found[-1][2] = code.count("\n", start, index) + 1
    return found


def interfaces(text):
    """(class name, count) of the virtual methods each class declares."""
    code = strip(text)
    result = []
    for match in re.finditer(r"(?<!enum )\b(class|struct)\s+(\w+)[^;{()]*\{", code):
        depth = 1
        i = match.end()
        while i < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            i += 1
        body = code[match.end():i - 1]
        while re.search(r"\{[^{}]*\}", body):
            body = re.sub(r"\{[^{}]*\}", ";", body)
        methods = [m for m in re.findall(r"\bvirtual\s+[^;]*\(", body) if "~" not in m]
        if methods:
            result.append((match.group(2), len(methods)))
    return result


def main():
    repo = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    wrong = []
    sources = sorted(p for top in ("cmd", "engine", "providers") for p in (repo / top).rglob("*")
                     if p.suffix in (".h", ".cpp"))
    org_reads = next_states = 0
    for source in sources:
        path = source.relative_to(repo).as_posix()
        text = source.read_text(encoding="utf-8")
        code = strip(text)
        lines = text.count("\n")
        if lines > FILE_LIMIT:
            wrong.append("%s: %d lines (at most %d)" % (path, lines, FILE_LIMIT))
        for name, count in interfaces(text):
            if count > INTERFACE_LIMIT:
                wrong.append("%s: interface %s has %d methods (at most %d)" % (
                    path, name, count, INTERFACE_LIMIT))
        if path.startswith("cmd/"):
            org_reads += len(re.findall(r"\borg_identity\(\)", code))
            next_states += len(re.findall(r"\bnext_state\(", code))
        if path.startswith("cmd/") and not path.startswith("cmd/views/") and \
                not path.startswith("cmd/session") and "OutputFormat::" in code:
            wrong.append("%s: OutputFormat:: outside cmd/views/ and the session" % path)
        if not path.startswith("cmd/commands/"):
            continue
        for name, first, length in functions(text):
            if length > FUNCTION_LIMIT and name != COMMAND_TABLE:
                wrong.append("%s:%d: %s is %d lines (at most %d)" % (
                    path, first, name, length, FUNCTION_LIMIT))
        if "write_file_atomically" in code:
            wrong.append("%s: writes a file itself (go through cmd/steps)" % path)
        if path not in DIRECT_WRITES_ALLOWED and re.search(
                r"console\.(out|err)|std::(cout|cerr)|\b(out|err)\(\)\s*<<", code):
            wrong.append("%s: writes to the output streams directly (go through the view)" % path)
        if re.search(r"\.(value|has|all_values)\(\"", text):
            wrong.append("%s: looks an option up by name" % path)
    # ctest (catch_discover_tests) cuts a test's name at a ';' and then runs a
    # filter that matches nothing, which passes: such a test never runs.
    for test in sorted((repo / "tests").rglob("*.cpp")):
        for literals in re.findall(r'TEST_CASE\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)',
                                   test.read_text(encoding="utf-8")):
            name = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', literals))
            if ";" in name:
                wrong.append("%s: test %r has a ';' in its name: ctest would never run it" % (
                    test.relative_to(repo).as_posix(), name))
    if org_reads != 1:
        wrong.append("cmd/: org_identity() is called %d times (once: cmd/steps/org_step)" % org_reads)
    if next_states != 1:
        wrong.append("cmd/: next_state( is called %d times (once: cmd/steps/state_step)" % next_states)
    for line in wrong:
        print("check_shape: " + line)
    if wrong:
        print("check_shape: %d finding(s) (docs/architecture.md, Gates)" % len(wrong))
        return 1
    print("check_shape: %d files in shape" % len(sources))
    return 0


if __name__ == "__main__":
    sys.exit(main())
