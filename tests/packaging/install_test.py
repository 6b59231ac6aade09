#!/usr/bin/env python3
"""`cmake --install` into a temporary prefix, then what a user gets from it:
the binary runs and names its commit, dactl(1) renders with `man -l` and lists
every command, the bash completion loads and completes commands, option values
and the manifests' addresses, the zsh completion parses and registers, and the
docs are there.

Usage: install_test.py BUILD_DIR SOURCE_DIR
"""
import os
import subprocess
import sys
import tempfile

from dactl_e2e import check, finish

EXPECTED = [
    "bin/dactl",
    "share/man/man1/dactl.1",
    "share/bash-completion/completions/dactl",
    "share/zsh/vendor-completions/_dactl",
    "share/doc/dactl/README.md",
    "share/doc/dactl/docs/manifests.md",
    "share/doc/dactl/docs/architecture.md",
    "share/doc/dactl/examples/demo/orders.toml",
]
COMMANDS = ["validate", "plan", "apply", "drift", "export", "probe", "force-unlock", "version",
            "completion"]


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)


def bash_complete(prefix, words, source_dir):
    """The words bash completion offers for the last of `words`."""
    script = ('source "%s/share/bash-completion/completions/dactl"; COMP_WORDS=(%s); '
              'COMP_CWORD=%d; _dactl; printf "%%s\\n" "${COMPREPLY[@]}"' % (
                  prefix, " ".join("'%s'" % w for w in words), len(words) - 1))
    env = dict(os.environ, PATH="%s/bin:%s" % (prefix, os.environ["PATH"]))
    done = run(["bash", "-c", script], cwd=source_dir, env=env)
    return [line for line in done.stdout.splitlines() if line]


def main():
    build, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as prefix:
        installed = run(["cmake", "--install", build, "--prefix", prefix])
        check(installed.returncode == 0, "cmake --install failed: " + installed.stderr)
        for path in EXPECTED:
            check(os.path.isfile(os.path.join(prefix, path)), "not installed: " + path)
        check(os.access(os.path.join(prefix, "bin/dactl"), os.X_OK), "bin/dactl is not executable")

        version = run([os.path.join(prefix, "bin/dactl"), "--version"])
        head = run(["git", "-C", source, "rev-parse", "--short=12", "HEAD"]).stdout.strip()
        check(version.returncode == 0 and version.stdout.startswith("dactl "),
              "dactl --version: %r" % version.stdout)
        if head:
            check("(commit %s" % head in version.stdout,
                  "dactl --version names commit %s: %r" % (head, version.stdout))

        page = run(["man", "-l", os.path.join(prefix, "share/man/man1/dactl.1")],
                   env=dict(os.environ, MANWIDTH="100", MANPAGER="cat", PAGER="cat"))
        check(page.returncode == 0, "man -l failed: " + page.stderr)
        check("DACTL(1)" in page.stdout and "EXIT STATUS" in page.stdout,
              "the man page lacks its heading or sections:\n" + page.stdout[:500])
        for command in COMMANDS:
            check("dactl %s" % command in page.stdout, "the man page lacks dactl " + command)
        check("__complete" not in page.stdout, "the man page shows an internal command")

        loaded = run(["bash", "-c", 'source "%s/share/bash-completion/completions/dactl"; '
                      "complete -p dactl" % prefix])
        check(loaded.stdout.strip() == "complete -o default -F _dactl dactl",
              "bash completion did not register: %r %r" % (loaded.stdout, loaded.stderr))
        check(bash_complete(prefix, ["dactl", "pl"], source) == ["plan"],
              "bash completes 'pl' to: %s" % bash_complete(prefix, ["dactl", "pl"], source))
        formats = bash_complete(prefix, ["dactl", "plan", "--format", ""], source)
        check(formats == ["text", "json", "markdown"], "--format values: %s" % formats)
        addresses = bash_complete(prefix, ["dactl", "-C", "examples/demo", "probe", "action.o"],
                                  source)
        check(addresses == ["action.order_status", "action.order_status_v2"],
              "probe addresses from the demo's manifests: %s" % addresses)

        zsh_file = os.path.join(prefix, "share/zsh/vendor-completions/_dactl")
        parsed = run(["zsh", "-n", zsh_file])
        check(parsed.returncode == 0, "zsh -n: " + parsed.stderr)
        registered = run(["zsh", "-fc", "fpath=(%s $fpath); autoload -U compinit; "
                          "compinit -u -D; print -r -- $_comps[dactl]" %
                          os.path.dirname(zsh_file)])
        check(registered.stdout.strip() == "_dactl",
              "zsh did not register _dactl: %r %r" % (registered.stdout, registered.stderr))
    return finish()


if __name__ == "__main__":
    sys.exit(main())
