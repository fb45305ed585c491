#!/usr/bin/env bash
# One command for the benchmark: bash benchmarks/run.sh [small|medium|large] [repetitions]
# Builds the plugin and this module, then times lambda-zip against Info-ZIP and Python's zipfile on a synthetic
# tree (generated once under benchmarks/target/work). Needs zip, python3 and GNU time (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-medium}
repetitions=${2:-5}
missing=()
command -v zip >/dev/null || missing+=(zip)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq "${missing[@]}" >/dev/null; fi
fi
mvn -B -q -ntp package -pl benchmarks -am -DskipTests -Dinvoker.skip
classpath="$(pwd)/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
mkdir -p benchmarks/target/work
java -cp "$classpath" io.github.lambdazip.bench.ZipBenchmark "$preset" "$repetitions" benchmarks/target/work "$classpath"
