#!/usr/bin/env bash
# Installs and starts a Docker engine and builds the Python test images from
# Debian packages. Nothing is pulled from an image registry and no Python
# package index is used: the images hold Debian's python3, pip and gcc.
#
# Usage: .ci/docker-setup.sh [--arm64]
#   Prints nothing but progress; exits non-zero when the engine or an image
#   cannot be made ready. Existing images are reused, so reruns are fast.
set -euo pipefail

X86_IMAGE="${LAMBDAZIP_TEST_IMAGE:-lambdazip-test/python:3.11}"
ARM_IMAGE="${LAMBDAZIP_TEST_IMAGE_ARM64:-lambdazip-test/python:3.11-arm64}"
WANT_ARM64=false
[[ "${1:-}" == "--arm64" ]] && WANT_ARM64=true
SUITE=bookworm
PACKAGES=python3,python3-pip,python3-dev,python3-setuptools,python3-wheel,gcc,libc6-dev

log() { echo "[docker-setup] $*"; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# The Debian mirror this machine already uses: never a host name of our own.
debian_mirror() {
  local uri=""
  if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
    uri=$(awk '/^URIs:/ {u=$2} /^Suites:/ && $0 ~ /'"$SUITE"'( |$)/ {print u; exit}' /etc/apt/sources.list.d/*.sources)
  fi
  if [[ -z "$uri" && -f /etc/apt/sources.list ]]; then
    uri=$(awk '$1=="deb" && $3=="'"$SUITE"'" {print $2; exit}' /etc/apt/sources.list)
  fi
  [[ -n "$uri" ]] || { echo "no Debian $SUITE mirror found in the apt sources" >&2; exit 1; }
  echo "$uri"
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  if $WANT_ARM64; then
    [[ -x /usr/bin/qemu-aarch64-static ]] || missing+=(qemu-user-static)
    command -v update-binfmts >/dev/null || missing+=(binfmt-support)
  fi
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

start_engine() {
  if docker info >/dev/null 2>&1; then log "engine already running"; return; fi
  log "starting dockerd"
  as_root mkdir -p /var/log
  (as_root nohup dockerd >/var/log/lambdazip-dockerd.log 2>&1 &)
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && { log "engine up"; return; }
    sleep 1
  done
  echo "dockerd did not start; its log:" >&2
  tail -n 40 /var/log/lambdazip-dockerd.log >&2 || true
  exit 1
}

bootstrap_rootfs() { # arch dir
  local arch=$1 dir=$2
  local mirror; mirror=$(debian_mirror)
  log "debootstrap $SUITE ($arch) into $dir"
  as_root debootstrap --variant=minbase --arch="$arch" --include="$PACKAGES" "$SUITE" "$dir" "$mirror" >"$dir.log" 2>&1 \
    || { tail -n 30 "$dir.log" >&2; exit 1; }
  # pip refuses to install into a system interpreter marked as externally managed;
  # the plugin installs with --target, but the marker has no use in a build image.
  as_root find "$dir/usr/lib" -maxdepth 2 -name EXTERNALLY-MANAGED -delete
  as_root rm -rf "$dir/var/cache/apt/archives"/*.deb "$dir/var/lib/apt/lists"/*
}

build_x86_image() {
  if docker image inspect "$X86_IMAGE" >/dev/null 2>&1; then log "reusing $X86_IMAGE"; return; fi
  local work; work=$(mktemp -d)
  bootstrap_rootfs amd64 "$work/rootfs"
  as_root tar -C "$work/rootfs" -c . | docker import -c 'CMD ["python3"]' - "$X86_IMAGE" >/dev/null
  as_root rm -rf "$work"
  log "built $X86_IMAGE"
}

build_arm64_image() {
  if docker image inspect "$ARM_IMAGE" >/dev/null 2>&1; then log "reusing $ARM_IMAGE"; return; fi
  if [[ ! -e /proc/sys/fs/binfmt_misc/register ]]; then
    as_root mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  fi
  as_root update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
  [[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] || { echo "qemu-aarch64 binfmt handler is not registered" >&2; exit 1; }
  local work; work=$(mktemp -d)
  bootstrap_rootfs arm64 "$work/rootfs"
  as_root tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
  # docker import would record the host's architecture; a scratch build records arm64.
  printf 'FROM scratch\nADD rootfs.tar /\nCMD ["python3"]\n' >"$work/Dockerfile"
  DOCKER_BUILDKIT=0 docker build -q --platform linux/arm64 -t "$ARM_IMAGE" "$work" >/dev/null
  as_root rm -rf "$work"
  log "built $ARM_IMAGE"
}

install_packages
start_engine
build_x86_image
$WANT_ARM64 && build_arm64_image
log "ready: $X86_IMAGE$($WANT_ARM64 && echo ", $ARM_IMAGE")"
