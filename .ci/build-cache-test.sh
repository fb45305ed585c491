#!/usr/bin/env bash
# The plugin under Maven's build cache, end to end: the real maven-build-cache-extension on Maven 3.9, a real
# WebDAV server (Debian's nginx on 127.0.0.1) as the remote cache, and two CI runners with nothing in common but
# that server:
#   runner A  fresh local repository, fresh copy of .ci/build-cache-project (a function with a native dependency
#             built by pip from a local sdist in the test image, and a pure one): `install`, saved to the remote cache;
#   runner B  another fresh repository and copy, Docker unreachable: the same commit comes from the remote cache,
#             byte for byte, with no container started; then, with one source file of the pure module changed (and
#             a file no function uses added to the other), only that module runs lambda-zip:package; then another
#             project.build.outputTimestamp given with -D, which no key holds, rebuilds the pure module (reconciled);
#   runner C  the same project without .mvn/maven-build-cache-config.xml: the build fails and names the file;
#             with the check turned off it passes, and a cache hit then lacks the hash files and manifest.json (the
#             gap the check guards against).
# The plugin under test is the one built from this work tree (plugin/target; rebuilt when its sources are newer).
#
# Usage: .ci/build-cache-test.sh        (needs the Docker engine and test image of .ci/docker-setup.sh; installs
#                                        nginx from apt when missing; root or sudo for that)
# Exits non-zero on the first failed check; prints the wall times of runners A and B. LAMBDAZIP_KEEP_WORK=1 keeps
# the work folder (runners, logs, the cache server's files) for a look after a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

MAVEN_VERSION=3.9.16          # the Maven 3.9 under test, fetched from Maven Central as an artifact
TEST_IMAGE="${LAMBDAZIP_TEST_IMAGE:-lambdazip-test/python:3.11}"
PROJECT_SOURCE="$ROOT/.ci/build-cache-project"
SDIST="$ROOT/plugin/src/test/python-packages/wheelhouse/fastmath-1.0.tar.gz"
VERSION=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)   # the parent's, which the plugin inherits

log() { echo "[build-cache-test] $*"; }
fail() { echo "[build-cache-test] FAILED: $*" >&2; exit 1; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
now_ms() { date +%s%3N; }
seconds() { printf '%d.%d' $(($1 / 1000)) $((($1 % 1000) / 100)); }   # milliseconds as seconds, one decimal
# One entry of a zip on standard output (the JDK's jar tool: unzip need not be installed).
zip_entry() { # zip name
  local dir; dir=$(mktemp -d "$WORK/entry.XXXXXX")
  (cd "$dir" && jar xf "$1" "$2") && cat "$dir/$2"
}

script_start=$(date +%s)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lambdazip-build-cache.XXXXXX")
NGINX_PID_FILE="$WORK/nginx/nginx.pid"

cleanup() {
  local status=$?
  if [[ -s "$NGINX_PID_FILE" ]]; then
    kill "$(cat "$NGINX_PID_FILE")" 2>/dev/null || true
    for _ in $(seq 1 50); do [[ -e "$NGINX_PID_FILE" ]] || break; sleep 0.1; done
  fi
  [[ -n "${LAMBDAZIP_KEEP_WORK:-}" ]] && echo "[build-cache-test] kept $WORK" >&2 || rm -rf "$WORK"
  if ((status != 0)); then echo "[build-cache-test] exit status $status" >&2; fi
}
trap cleanup EXIT

# --- prerequisites -------------------------------------------------------------------------------------------
docker image inspect "$TEST_IMAGE" >/dev/null 2>&1 \
  || fail "the test image $TEST_IMAGE is missing: run .ci/docker-setup.sh first"
[[ -f "$SDIST" ]] || fail "the test sdist $SDIST is missing"

if ! command -v nginx >/dev/null || ! nginx -V 2>&1 | grep -q -- --with-http_dav_module; then
  log "installing nginx (for its WebDAV module) from apt"
  # Installing the package must not start a system-wide nginx on port 80: hold service starts while it installs.
  created_policy=false
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod 755 /usr/sbin/policy-rc.d
    created_policy=true
  fi
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends nginx >/dev/null
  if $created_policy; then as_root rm -f /usr/sbin/policy-rc.d; fi
  nginx -V 2>&1 | grep -q -- --with-http_dav_module || fail "Debian's nginx has no http_dav_module"
fi

jar="$ROOT/plugin/target/lambda-zip-maven-plugin-$VERSION.jar"
# the jar holds its run-time dependencies; the POM to install with it is the one that declares none (maven-shade-plugin)
if [[ ! -f "$jar" ]] || [[ ! -f plugin/dependency-reduced-pom.xml ]] || [[ -n "$(find plugin/src/main plugin/pom.xml pom.xml -newer "$jar" -type f -print -quit)" ]]; then
  log "building the plugin from this work tree"
  mvn -B -q -ntp -pl plugin package -DskipTests -Dinvoker.skip >"$WORK/plugin-build.log" 2>&1 \
    || { tail -n 40 "$WORK/plugin-build.log" >&2; fail "the plugin did not build"; }
fi

log "fetching Maven $MAVEN_VERSION from Maven Central"
mvn -B -q -ntp dependency:copy -Dartifact="org.apache.maven:apache-maven:$MAVEN_VERSION:tar.gz:bin" \
  -DoutputDirectory="$WORK" >"$WORK/maven-fetch.log" 2>&1 \
  || { tail -n 20 "$WORK/maven-fetch.log" >&2; fail "cannot fetch apache-maven $MAVEN_VERSION"; }
tar -xzf "$WORK/apache-maven-$MAVEN_VERSION-bin.tar.gz" -C "$WORK"
MVN="$WORK/apache-maven-$MAVEN_VERSION/bin/mvn"

# --- the remote cache: nginx with WebDAV PUT on a temporary root ------------------------------------------------
port=""
for candidate in $(seq 18431 18530); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[[ -n "$port" ]] || fail "no free port on 127.0.0.1 between 18431 and 18530"
mkdir -p "$WORK/nginx/temp" "$WORK/cache-root"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
user $(id -un) $(id -gn);
pid $NGINX_PID_FILE;
error_log $WORK/nginx/error.log warn;
events { worker_connections 64; }
http {
  access_log $WORK/nginx/access.log;
  client_body_temp_path $WORK/nginx/temp/body;
  proxy_temp_path $WORK/nginx/temp/proxy;
  fastcgi_temp_path $WORK/nginx/temp/fastcgi;
  uwsgi_temp_path $WORK/nginx/temp/uwsgi;
  scgi_temp_path $WORK/nginx/temp/scgi;
  client_max_body_size 0;
  server {
    listen 127.0.0.1:$port;
    root $WORK/cache-root;
    location / {
      dav_methods PUT DELETE MKCOL COPY MOVE;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
  }
}
EOF
nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" \
  || { cat "$WORK/nginx/error.log" >&2 || true; fail "nginx did not start"; }
for _ in $(seq 1 50); do [[ -s "$NGINX_PID_FILE" ]] && break; sleep 0.1; done
URL="http://127.0.0.1:$port/cache"
# A PUT through bash's /dev/tcp (curl need not be installed): 201 Created, and the file lands under the root.
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'PUT /cache/probe/probe.txt HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nprobe' >&3
status_line=$(head -n 1 <&3)
exec 3<&-
[[ "$status_line" == *" 201 "* && "$(cat "$WORK/cache-root/cache/probe/probe.txt")" == probe ]] \
  || fail "the WebDAV server at $URL does not take a PUT (answered: $status_line)"
rm -rf "$WORK/cache-root/cache"
log "remote cache: $URL (nginx pid $(cat "$NGINX_PID_FILE"))"

# --- runners ---------------------------------------------------------------------------------------------------
# A runner: a fresh local repository holding only the plugin under test, a fresh copy of the project.
new_runner() { # dir
  local dir=$1
  mkdir -p "$dir"
  cp -r "$PROJECT_SOURCE" "$dir/project"
  mkdir -p "$dir/project/native-fn/wheels"
  cp "$SDIST" "$dir/project/native-fn/wheels/"
  "$MVN" -B -q -ntp install:install-file -Dmaven.repo.local="$dir/repo" -Dfile="$ROOT/pom.xml" \
    -DpomFile="$ROOT/pom.xml" -Dpackaging=pom >"$dir/install-plugin.log" 2>&1 \
    && "$MVN" -B -q -ntp install:install-file -Dmaven.repo.local="$dir/repo" -Dfile="$jar" \
      -DpomFile="$ROOT/plugin/dependency-reduced-pom.xml" >>"$dir/install-plugin.log" 2>&1 \
    || { tail -n 30 "$dir/install-plugin.log" >&2; fail "cannot install the plugin into $dir/repo"; }
}

# Runs the runner's build; the log goes to $dir/$name.log. Extra arguments go to Maven.
build() { # dir name [maven args...]
  local dir=$1 name=$2
  shift 2
  (cd "$dir/project" && "$MVN" -B -ntp install -Dmaven.repo.local="$dir/repo" \
    -Dmaven.build.cache.location="$dir/build-cache" -Dlambdazip.cacheDirectory="$dir/lambda-zip-cache" \
    -Dlambda-zip.version="$VERSION" -Dtest.image="$TEST_IMAGE" \
    -Dmaven.build.cache.remote.enabled=true -Dmaven.build.cache.remote.url="$URL" "$@") >"$dir/$name.log" 2>&1
}

expect_log() { # log pattern what
  grep -q -E -- "$2" "$1" || { tail -n 60 "$1" >&2; fail "$3 (no line matching '$2' in $1)"; }
}
expect_no_log() { # log pattern what
  if grep -q -E -- "$2" "$1"; then grep -E -- "$2" "$1" >&2; fail "$3"; fi
}
# The plugin labels each container with the function it installs for; this project's names are its own, so builds
# of other projects on a shared engine are not counted.
OUR_ARTIFACTS=(cache-adder cache-greeter)
containers() {
  local artifact count=0
  for artifact in "${OUR_ARTIFACTS[@]}"; do
    count=$((count + $(docker ps -a -q --filter "label=io.github.lambdazip.artifact=$artifact" | wc -l)))
  done
  echo "$count"
}
containers_created_since() { # epoch seconds
  local artifact count=0 until; until=$(date +%s)
  for artifact in "${OUR_ARTIFACTS[@]}"; do
    count=$((count + $(docker events --since "$1" --until "$until" --filter type=container --filter event=create \
      --filter "label=io.github.lambdazip.artifact=$artifact" --format '{{.ID}}' | wc -l)))
  done
  echo "$count"
}
# Maven's own "Total time" of a build log: the reactor without JVM start-up and core extension resolution.
reactor_time() { sed -n 's/^\[INFO\] Total time: *\(.*\)$/\1/p' "$1" | tail -n 1; }
same_files() { # dirA dirB what
  local a=$1 b=$2 file
  for file in "$a"/*; do
    cmp -s "$file" "$b/$(basename "$file")" || fail "$3: $(basename "$file") differs between $a and $b"
  done
}

A="$WORK/runner-a"; B="$WORK/runner-b"; C="$WORK/runner-c"
OUTPUTS=(native-fn/target/lambda-zip/cache-adder.zip native-fn/target/lambda-zip/cache-adder.zip.sha256
  native-fn/target/lambda-zip/cache-adder.zip.base64sha256 native-fn/target/lambda-zip/manifest.json
  pure-fn/target/lambda-zip/cache-greeter.zip pure-fn/target/lambda-zip/cache-greeter.zip.sha256
  pure-fn/target/lambda-zip/cache-greeter.zip.base64sha256 pure-fn/target/lambda-zip/manifest.json)
ATTACHED=(io/github/lambdazip/it/native-fn/1.0.0/native-fn-1.0.0-cache-adder.zip
  io/github/lambdazip/it/pure-fn/1.0.0/pure-fn-1.0.0-cache-greeter.zip)

log "runner A: fresh repository and copy, builds and saves to the remote cache"
new_runner "$A"
a_start=$(now_ms)
build "$A" build -Dmaven.build.cache.remote.save.enabled=true || { tail -n 80 "$A/build.log" >&2; fail "runner A's build failed"; }
a_seconds=$(seconds $(($(now_ms) - a_start)))
expect_log "$A/build.log" 'lambda-zip:[^ ]+:package \(default\) @ native-fn' "runner A did not package native-fn"
expect_log "$A/build.log" 'lambda-zip:[^ ]+:package \(default\) @ pure-fn' "runner A did not package pure-fn"
expect_log "$A/build.log" '\[cache-adder\] \[pip\]' "runner A did not run pip for native-fn"
expect_log "$A/build.log" 'Build cache extension [0-9.]+: .* declares every input and output of the zips' \
  "runner A's plugin did not see the build cache extension and its configuration"
expect_log "$A/build.log" 'Saved to remote cache .*native-fn' "runner A did not save native-fn to the remote cache"
expect_no_log "$A/build.log" 'Unable to save to remote cache' "runner A could not save to the remote cache"
for output in "${OUTPUTS[@]}"; do [[ -s "$A/project/$output" ]] || fail "runner A wrote no $output"; done
jar tf "$A/project/native-fn/target/lambda-zip/cache-adder.zip" | grep -q -E 'fastmath.*\.so$' \
  || fail "cache-adder.zip holds no compiled fastmath module"
log "runner A: $a_seconds s"

log "runner B: another fresh repository and copy, Docker unreachable: everything from the remote cache"
new_runner "$B"
before=$(containers)
events_since=$(date +%s)
b_start=$(now_ms)
DOCKER_HOST=tcp://127.0.0.1:9 build "$B" build -Dmaven.build.cache.remote.save.enabled=false \
  || { tail -n 80 "$B/build.log" >&2; fail "runner B's build failed"; }
b_seconds=$(seconds $(($(now_ms) - b_start)))
for module in native-fn pure-fn; do
  expect_log "$B/build.log" "Found cached build, restoring io.github.lambdazip.it:$module from cache" \
    "runner B did not restore $module from the cache"
done
expect_log "$B/build.log" 'Build info downloaded from remote repo' "runner B did not use the remote cache"
expect_no_log "$B/build.log" 'lambda-zip:[^ ]+:package \(default\) @' "runner B ran lambda-zip:package although all was cached"
[[ $(grep -c 'Skipping plugin execution (cached): lambda-zip:package' "$B/build.log") -eq 2 ]] \
  || fail "runner B did not skip lambda-zip:package in both modules"
for output in "${OUTPUTS[@]}"; do
  cmp -s "$A/project/$output" "$B/project/$output" || fail "runner B's $output is not runner A's"
done
for artifact in "${ATTACHED[@]}"; do
  cmp -s "$A/repo/$artifact" "$B/repo/$artifact" || fail "runner B installed another $artifact than runner A"
done
after=$(containers)
created=$(containers_created_since "$events_since")
expect_no_log "$B/build.log" '\[(cache-adder|cache-greeter)\] ' "runner B staged or installed something"
[[ "$before" -eq "$after" && "$created" -eq 0 ]] \
  || fail "runner B started containers ($before before, $after after, $created created)"
log "runner B: $b_seconds s; every zip, hash file, manifest and installed zip byte-identical to A's; no container"

log "runner B, one source file of pure-fn changed: only pure-fn packages again"
printf 'def handler(event, context):\n    return {"greeting": "changed"}\n' >"$B/project/pure-fn/src/app.py"
printf 'Notes no function packages: a change here is no miss.\n' >"$B/project/native-fn/NOTES.md"
b2_start=$(now_ms)
DOCKER_HOST=tcp://127.0.0.1:9 build "$B" changed -Dmaven.build.cache.remote.save.enabled=false \
  || { tail -n 80 "$B/changed.log" >&2; fail "runner B's build after the change failed"; }
b2_seconds=$(seconds $(($(now_ms) - b2_start)))
expect_log "$B/changed.log" 'lambda-zip:[^ ]+:package \(default\) @ pure-fn' "the changed module pure-fn was not packaged"
expect_no_log "$B/changed.log" 'lambda-zip:[^ ]+:package \(default\) @ native-fn' "the unchanged module native-fn was packaged"
expect_log "$B/changed.log" "Found cached build, restoring io.github.lambdazip.it:native-fn from cache" \
  "native-fn was not restored from the cache"
zip_entry "$B/project/pure-fn/target/lambda-zip/cache-greeter.zip" app.py | grep -q changed \
  || fail "cache-greeter.zip does not hold the changed app.py (stale code)"
cmp -s "$A/project/pure-fn/target/lambda-zip/cache-greeter.zip" "$B/project/pure-fn/target/lambda-zip/cache-greeter.zip" \
  && fail "cache-greeter.zip did not change with its source"
same_files "$A/project/native-fn/target/lambda-zip" "$B/project/native-fn/target/lambda-zip" "native-fn after the change"
log "runner B, changed: $b2_seconds s"

log "runner B, -Dproject.build.outputTimestamp on the unchanged pure-fn: no part of the key, reconciled: a rebuild"
cp "$B/project/pure-fn/target/lambda-zip/cache-greeter.zip" "$WORK/greeter-before.zip"
DOCKER_HOST=tcp://127.0.0.1:9 build "$B" reconciled -pl pure-fn -Dmaven.build.cache.remote.enabled=false \
  -Dproject.build.outputTimestamp=2026-06-01T00:00:00Z \
  || { tail -n 60 "$B/reconciled.log" >&2; fail "runner B's build with another entry time failed"; }
expect_log "$B/reconciled.log" \
  'Plugin parameter mismatch found. Parameter: outputTimestamp, expected: 2026-01-01T00:00:00Z, actual: 2026-06-01T00:00:00Z' \
  "the entry time given with -D was not compared with the cached build's"
expect_log "$B/reconciled.log" 'lambda-zip:[^ ]+:package \(default\) @ pure-fn' "pure-fn was not packaged with the other time"
cmp -s "$WORK/greeter-before.zip" "$B/project/pure-fn/target/lambda-zip/cache-greeter.zip" \
  && fail "cache-greeter.zip kept its old entry time (stale)"

log "runner C: no .mvn/maven-build-cache-config.xml: the plugin fails the build and names the file"
new_runner "$C"
rm "$C/project/.mvn/maven-build-cache-config.xml"
if build "$C" missing-config -pl pure-fn -Dmaven.build.cache.remote.enabled=false; then
  fail "the build without the cache configuration passed"
fi
expect_log "$C/missing-config.log" 'runs under the Maven build cache extension [0-9.]+, and there is no .*/\.mvn/maven-build-cache-config\.xml' \
  "the failure does not name the missing configuration file"
expect_log "$C/missing-config.log" 'How to fix: add .*maven-build-cache-config\.xml' "the failure says no fix"
build "$C" unchecked -pl pure-fn -Dmaven.build.cache.remote.enabled=false -Dlambdazip.buildCacheCheck=false \
  || { tail -n 60 "$C/unchecked.log" >&2; fail "the build with -Dlambdazip.buildCacheCheck=false failed"; }
rm -rf "$C/project/pure-fn/target"
build "$C" unchecked-hit -pl pure-fn -Dmaven.build.cache.remote.enabled=false -Dlambdazip.buildCacheCheck=false \
  || { tail -n 60 "$C/unchecked-hit.log" >&2; fail "the second build with the check off failed"; }
expect_log "$C/unchecked-hit.log" 'Skipping plugin execution \(cached\): lambda-zip:package' "the second build was no cache hit"
[[ -f "$C/project/pure-fn/target/lambda-zip/cache-greeter.zip" && ! -e "$C/project/pure-fn/target/lambda-zip/manifest.json" ]] \
  || fail "expected the extension's defaults to restore the zip without its manifest"
log "runner C: without the configuration the build fails; with the check off, a hit restores cache-greeter.zip but no manifest.json or hash files"

total=$(( $(date +%s) - script_start ))
echo "[build-cache-test] runner A (cold: pip in a container, saves to the remote cache): $a_seconds s wall, Maven's total $(reactor_time "$A/build.log")"
echo "[build-cache-test] runner B (same commit, from the remote cache, no Docker): $b_seconds s wall, Maven's total $(reactor_time "$B/build.log")"
echo "[build-cache-test] runner B, one pure module changed: $b2_seconds s wall, Maven's total $(reactor_time "$B/changed.log")"
echo "[build-cache-test] all checks passed in ${total} s"
