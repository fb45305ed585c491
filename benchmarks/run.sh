#!/usr/bin/env bash
# One command for the benchmark:
#   bash benchmarks/run.sh [small|medium|large] [repetitions]
#     Builds the plugin and this module, then times lambda-zip's core in a bare JVM against Info-ZIP and Python's
#     zipfile on a synthetic tree (generated once under benchmarks/target/work).
#   bash benchmarks/run.sh --maven ["small medium"|large|...] [pairs]
#     Times real `mvn -o -q package` and `mvn -o -q validate` on Maven projects generated around the same trees,
#     alternating with Info-ZIP: full, no-op and one-file rebuilds, the floors in the same pairs (a skipped goal, a
#     fresh JVM reading every file's attributes, copying the zip with its SHA-256, deflating on all cores), and the
#     plugin's fixed cost on a one-file function. The plugin built from this work tree is installed into a local repository of its own
#     (benchmarks/target/work/maven-repo, ~/.m2 linked in for everything else; the timed builds are offline). Default presets
#     "small medium", 5 pairs; large runs with MAVEN_OPTS=-Xmx256m.
# Needs zip, python3 and GNU time (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
maven=false
if [[ ${1:-} == --maven ]]; then maven=true; shift; fi
preset=${1:-medium}
repetitions=${2:-5}
if $maven; then preset=${1:-small medium}; fi
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
if $maven; then
  work="$(pwd)/benchmarks/target/work"
  version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)   # the parent's, which the plugin inherits
  # The benchmark's local repository: ~/.m2's folders linked in (the timed builds run offline),
  # except io/github/lambdazip, which holds only the plugin built from this work tree, so no other build's snapshot
  # of it is used, and installing it here changes nothing in ~/.m2.
  m2=${MAVEN_LOCAL_REPOSITORY:-$HOME/.m2/repository}
  repo="$work/maven-repo"
  rm -rf "$repo"
  mkdir -p "$repo/io/github/lambdazip"
  for entry in "$m2"/* "$m2"/io/* "$m2"/io/github/*; do
    [[ -e $entry ]] || continue   # an empty folder: the pattern itself
    case ${entry#"$m2"/} in io | io/github | io/github/lambdazip) ;; *) ln -s "$entry" "$repo/${entry#"$m2"/}" ;; esac
  done
  install="org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file"
  # not offline: the install plugin itself may not be in ~/.m2 yet
  { mvn -B -q -ntp -Dmaven.repo.local="$repo" "$install" -Dfile=pom.xml -DpomFile=pom.xml -Dpackaging=pom \
    && mvn -B -q -ntp -Dmaven.repo.local="$repo" "$install" \
      -Dfile="plugin/target/lambda-zip-maven-plugin-$version.jar" -DpomFile=plugin/dependency-reduced-pom.xml; } >"$work/install.log" 2>&1 \
    || { tail -n 30 "$work/install.log" >&2; echo "cannot install the plugin into $repo" >&2; exit 1; }
  # shellcheck disable=SC2086  # the presets are words
  exec java -cp "$classpath" io.github.lambdazip.bench.MavenBenchmark "$work" "$repetitions" "$version" "$classpath" $preset
fi
java -cp "$classpath" io.github.lambdazip.bench.ZipBenchmark "$preset" "$repetitions" benchmarks/target/work "$classpath"
