#!/usr/bin/env bash
# The cold-start benchmark: bash benchmarks/cold-start.sh [runs]
# Fetches Debian's pure-Python requests, urllib3, idna, certifi, charset-normalizer, jinja2, markupsafe, yaml,
# dateutil and six with apt-get download (once, under benchmarks/target/cold-start), repacks them as wheels, packages
# one handler that imports them with and without compileBytecode, and times `import handler` from a read-only
# /var/task in a network-less container of the test image (.ci/docker-setup.sh builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
image=${LAMBDAZIP_TEST_IMAGE:-lambdazip-test/python:3.11}
work=benchmarks/target/cold-start
mkdir -p "$work/debs" "$work/wheels"
if ! ls "$work"/debs/*.deb >/dev/null 2>&1; then
  (cd "$work/debs" && apt-get download python3-requests python3-urllib3 python3-idna python3-certifi \
    python3-charset-normalizer python3-jinja2 python3-markupsafe python3-yaml python3-dateutil python3-six)
fi
python3 benchmarks/debian-wheels.py "$work/debs" "$work/wheels" >/dev/null
mvn -B -q -ntp package -pl benchmarks -am -DskipTests -Dinvoker.skip
classpath="$(pwd)/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
java -cp "$classpath" io.github.lambdazip.bench.ColdStartBenchmark "$work/wheels" "$work" "$image" "$runs"
