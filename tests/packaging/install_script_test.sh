#!/bin/sh
# The pipeline install path, for real (CI only: it installs packages): runs
# examples/github/tools/install-dactl.sh as a workflow would, from a local clone
# of this checkout (DACTL_SOURCE=file://..., DACTL_REF its HEAD), as a
# consumer's build (no warnings as errors, CXXFLAGS=-Wshadow on top), into a
# scratch prefix; checks the installed dactl names that commit and has its man
# page and completions. Then installs DEB through the same script (DACTL_DEB)
# and removes it again.
#   usage: tests/packaging/install_script_test.sh SOURCE_DIR DEB
set -eu
source_dir="$(cd "$1" && pwd)"
deb="$2"
fail() { echo "install_script_test: FAILED: $*" >&2; exit 1; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

head="$(git -C "$source_dir" rev-parse HEAD)"
(cd "$scratch" && CXXFLAGS=-Wshadow DACTL_SOURCE="file://$source_dir" DACTL_REF="$head" \
  DACTL_PREFIX="$scratch/prefix" "$source_dir/examples/github/tools/install-dactl.sh")
version="$("$scratch/prefix/bin/dactl" version)"
case "$version" in
  *"(commit $(git -C "$source_dir" rev-parse --short=12 HEAD))") ;;
  *) fail "the installed dactl says '$version', not the commit $head" ;;
esac
for path in share/man/man1/dactl.1 share/bash-completion/completions/dactl \
            share/zsh/vendor-completions/_dactl share/doc/dactl/README.md; do
  [ -f "$scratch/prefix/$path" ] || fail "install-dactl.sh did not install $path"
done

DACTL_DEB="$deb" "$source_dir/examples/github/tools/install-dactl.sh" | tail -1 |
  grep -q "^dactl " || fail "install-dactl.sh with DACTL_DEB did not end with dactl version"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -q dactl
echo "install_script_test: install-dactl.sh builds from source and installs a .deb"
