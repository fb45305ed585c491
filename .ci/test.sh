#!/usr/bin/env bash
# The whole test suite: unit tests, Docker integration tests (real engine, real pip) and the it-projects/ builds.
# Needs root (or sudo) once, to install and start Docker and build the test images from Debian packages.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/docker-setup.sh --arm64
mvn -B -ntp verify "$@"
