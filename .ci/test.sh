#!/usr/bin/env bash
# The whole test suite: unit tests, Docker integration tests (real engine, real pip) and the it-projects/ builds.
# Needs root (or sudo) once: it installs Docker and the test fixtures' packages from apt, starts dockerd and
# builds the test images from Debian packages.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Native-check fixtures: gcc compiles test objects; Debian's own extension modules are judged as-is.
missing=()
for package in gcc libc6-dev python3-yaml python3-markupsafe; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "[test] installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Real-world fixtures for the verify rules: Debian packages (amd64 and arm64) unpacked where the tests read them.
bash .ci/debian-test-packages.sh

bash .ci/docker-setup.sh --arm64
mvn -B -ntp verify "$@"

# The plugin under Maven's build cache extension, with a WebDAV remote cache and two runners (see the script).
bash .ci/build-cache-test.sh
