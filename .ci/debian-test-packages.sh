#!/usr/bin/env bash
# Fetches the Debian packages the verify tests judge as real-world input (extension modules, shared
# libraries and vendored pure-Python code from Debian 12) through apt, and unpacks each into its own
# folder: <dest>/<package>_<arch>/ (the package's files as they would be installed).
#
# Usage: .ci/debian-test-packages.sh [dest]
#   dest defaults to $LAMBDAZIP_TEST_DEBIAN or ~/.cache/lambdazip-test/debian, the folder the unit tests read
#   (Maven property lambdazip.test.debian). Packages already unpacked are kept. Needs root (or sudo) once to
#   add the arm64 architecture to apt. Exits non-zero when a package cannot be fetched: the tests would fail.
set -euo pipefail

DEST="${1:-${LAMBDAZIP_TEST_DEBIAN:-$HOME/.cache/lambdazip-test/debian}}"
AMD64=(python3-yaml python3-markupsafe python3-cryptography python3-kiwisolver python3-grpcio python3-msgpack
       libyaml-0-2 libstdc++6
       python3-six python3-requests python3-urllib3 python3-idna python3-certifi python3-chardet
       python3-charset-normalizer python3-typing-extensions python3-dateutil python3-jmespath python3-attr
       python3-openssl python3-jinja2 python3-pkg-resources python3-simplejson python3-packaging
       python3-httplib2 python3-pyparsing)
ARM64=(python3-yaml libyaml-0-2)

log() { echo "[debian-test-packages] $*"; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

ensure_architecture() {
  local arch=$1
  if [[ "$(dpkg --print-architecture)" == "$arch" ]] || dpkg --print-foreign-architectures | grep -qx "$arch"; then
    return
  fi
  log "adding the $arch architecture to apt"
  as_root dpkg --add-architecture "$arch"
  as_root apt-get update -qq
}

fetch() {
  local arch=$1; shift
  local work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  for package in "$@"; do
    local target="$DEST/${package}_${arch}"
    [[ -f "$target/.complete" ]] && continue
    log "fetching $package:$arch"
    (cd "$work" && apt-get download -qq "$package:$arch" >/dev/null 2>&1) \
      || { as_root apt-get update -qq && (cd "$work" && apt-get download -qq "$package:$arch"); }
    rm -rf "$target"
    mkdir -p "$target"
    dpkg-deb -x "$work/${package}_"*"_${arch}.deb" "$target" 2>/dev/null \
      || dpkg-deb -x "$work/${package}_"*"_all.deb" "$target"
    rm -f "$work"/*.deb
    touch "$target/.complete"
  done
}

mkdir -p "$DEST"
ensure_architecture amd64
ensure_architecture arm64
fetch amd64 "${AMD64[@]}"
fetch arm64 "${ARM64[@]}"
log "unpacked into $DEST"
