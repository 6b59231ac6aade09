#!/bin/sh
# Installs dactl on a Debian 12 machine (a CI runner's container, a server):
#   DACTL_DEB     a dactl .deb (a path, or an https URL of a release asset):
#                 installed with apt-get, which brings its dependencies;
#   otherwise dactl is built from source and installed with `cmake --install`:
#   DACTL_SOURCE  a git URL or a local checkout of dactl (required); a local
#                 tree without git (an action's download) is copied as it is;
#   DACTL_REF     the tag or commit to build (default: what DACTL_SOURCE has
#                 checked out); pin it so that every run uses the same dactl;
#   DACTL_PREFIX  where to install (default /usr/local).
# Runs apt-get as root, or through sudo. Ends by printing `dactl version`.
set -eu

sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

if [ -n "${DACTL_DEB:-}" ]; then
  deb="$DACTL_DEB"
  $sudo apt-get update -q
  case "$deb" in
    http://* | https://*)
      $sudo apt-get install -y -q --no-install-recommends curl ca-certificates
      download="$(mktemp -d)/dactl.deb"
      curl -fsSL --retry 3 -o "$download" "$deb"
      deb="$download"
      ;;
  esac
  # apt-get takes a local package only by a path with a slash in it.
  case "$deb" in /*) ;; *) deb="./$deb" ;; esac
  $sudo apt-get install -y -q --no-install-recommends "$deb"
  dactl version
  exit 0
fi

: "${DACTL_SOURCE:?set DACTL_SOURCE to the git URL (or a checkout) of dactl, or DACTL_DEB to a .deb}"
prefix="${DACTL_PREFIX:-/usr/local}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -d "$DACTL_SOURCE" ] && [ ! -e "$DACTL_SOURCE/.git" ]; then
  if [ -n "${DACTL_REF:-}" ]; then
    echo "install-dactl: $DACTL_SOURCE is not a git checkout, so DACTL_REF cannot pick a version" >&2
    exit 1
  fi
  cp -R "$DACTL_SOURCE" "$work/dactl"
else
  if ! command -v git >/dev/null 2>&1; then
    $sudo apt-get update -q
    $sudo apt-get install -y -q --no-install-recommends git ca-certificates
  fi
  git clone --quiet "$DACTL_SOURCE" "$work/dactl"
  if [ -n "${DACTL_REF:-}" ]; then
    git -C "$work/dactl" checkout --quiet "$DACTL_REF"
  fi
fi
DACTL_DEPS=build "$work/dactl/scripts/install-deps.sh"
cmake -S "$work/dactl" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DDACTL_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX="$prefix"
cmake --build "$work/build"
$sudo cmake --install "$work/build"
"$prefix/bin/dactl" version
