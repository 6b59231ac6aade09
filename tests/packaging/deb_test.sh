#!/bin/sh
# The Debian package as a user gets it (CI only: it installs into the machine).
# Inspects DEB (its control fields, Depends and contents), installs it with
# apt-get, runs the installed dactl (version, validate on the demo), checks
# the man page and completions are where man and bash look, removes it again.
#   usage: tests/packaging/deb_test.sh DEB SOURCE_DIR
set -eu
deb="$1"
source_dir="$2"
fail() { echo "deb_test: FAILED: $*" >&2; exit 1; }

info="$(dpkg-deb --info "$deb")"
echo "$info"
for field in "Package: dactl" "Architecture: $(dpkg --print-architecture)" \
             "Description: manage Genesys Cloud data actions as code" "Section: utils"; do
  echo "$info" | grep -q "^ $field\$" || fail "no '$field' in the control file"
done
depends="$(dpkg-deb --field "$deb" Depends)"
for library in libc6 libcurl4 libpq5 libssl3 libstdc++6 libtomlplusplus3; do
  echo "$depends" | grep -q "$library" || fail "Depends lacks $library: $depends"
done

contents="$(dpkg-deb --contents "$deb")"
for path in ./usr/bin/dactl ./usr/share/man/man1/dactl.1 \
            ./usr/share/bash-completion/completions/dactl \
            ./usr/share/zsh/vendor-completions/_dactl ./usr/share/doc/dactl/README.md \
            ./usr/share/doc/dactl/docs/manifests.md; do
  echo "$contents" | grep -q " $path\$" || fail "the package lacks $path"
done
if echo "$contents" | grep -q "genesys-emulator\|_tests"; then
  fail "the package carries test binaries"
fi

case "$deb" in /*) ;; *) deb="./$deb" ;; esac
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb"
/usr/bin/dactl version | grep -q "^dactl " || fail "the installed dactl does not run"
/usr/bin/dactl -C "$source_dir/examples/demo" validate || fail "validate on the demo failed"
[ "$(man -w dactl)" = /usr/share/man/man1/dactl.1 ] || fail "man -w dactl: $(man -w dactl)"
MANPAGER=cat MANWIDTH=80 man dactl | grep -q "EXIT STATUS" || fail "man dactl does not render"
bash -c '. /usr/share/bash-completion/completions/dactl; complete -p dactl' |
  grep -q "_dactl dactl" || fail "the bash completion does not load"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -q dactl
[ ! -e /usr/bin/dactl ] || fail "apt-get remove left /usr/bin/dactl"
echo "deb_test: the package installs, runs and removes cleanly"
