#!/usr/bin/env bash
# Prepares this machine to run the app and its tests; start.sh and test.sh call it.
# Idempotent: when everything is in place it only checks (a second or two).
#
#   bash scripts/setup.sh [--with-browser]
#
# 1. Debian packages: docker.io, redis-server, debootstrap (+ chromium with --with-browser)
# 2. a Docker engine (started here if none answers; no bridge, no iptables)
# 3. the sandbox base image (pulled where a registry answers, else built by debootstrap)
# 4. the sandbox image aspire-sandbox:latest, rebuilt when sandbox/ changes
# 5. where no registry answers, a Redis image (aspire-sandbox-redis:latest, from redis/) on the
#    same base: the AppHost runs Redis as an Aspire container resource. start.sh and test.sh
#    point the AppHost at it (Redis__Image) when it exists.
# redis-server itself is also installed: tests of the frame bus start their own on loopback.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_IMAGE=${SANDBOX_BASE_IMAGE:-aspire-sandbox-base:bookworm}
export SANDBOX_IMAGE=${SANDBOX_IMAGE:-aspire-sandbox:latest}
REDIS_IMAGE=aspire-sandbox-redis:latest
OFFICIAL_REDIS_IMAGE=docker.io/library/redis:8.6   # what Aspire.Hosting.Redis 13.6 runs

say() { echo "==> $*"; }
die() { echo "setup: $*" >&2; exit 1; }
# Our machines run as root; elsewhere fall back to sudo for the system-level steps.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. Debian packages ---------------------------------------------------------------
# Checked by command rather than package name, so a machine with docker-ce (or a
# chromium from elsewhere) is left alone.
ensure_packages() {
  local want=()
  # Without recommends (they pull git, needrestart, ...); the few that matter are named.
  command -v dockerd >/dev/null || docker info >/dev/null 2>&1 || want+=(docker.io ca-certificates xz-utils)
  command -v redis-server >/dev/null || want+=(redis-server)
  command -v debootstrap >/dev/null || want+=(debootstrap)
  # Browser tests use Debian's Chromium (never a downloaded one); a font so pages render text.
  [ "${1:-}" = browser ] && { [ -x /usr/bin/chromium ] || want+=(chromium fonts-liberation); }
  [ ${#want[@]} -eq 0 ] && return 0

  say "installing ${want[*]} (apt)"
  # Packages must not start their services: a system redis would squat on the port and
  # docker.io's default daemon would create the docker0 bridge. policy-rc.d says no.
  local policy=/usr/sbin/policy-rc.d added=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod +x "$policy"; added=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${want[@]}" >/dev/null || { [ -n "$added" ] && as_root rm -f "$policy"; die "apt-get install ${want[*]} failed"; }
  [ -n "$added" ] && as_root rm -f "$policy"
  return 0
}

# --- 2. Docker engine -----------------------------------------------------------------
docker_ok() { docker info >/dev/null 2>&1; }

ensure_docker() {
  local err i
  err=$(docker info 2>&1 >/dev/null) && return 0
  # A CLI told to use an API newer than the engine's (DOCKER_API_VERSION) is refused:
  # use the version the engine says it supports (Debian's 20.10: 1.41).
  if [[ $err =~ Maximum\ supported\ API\ version\ is\ ([0-9.]+) ]]; then
    export DOCKER_API_VERSION=${BASH_REMATCH[1]}
    echo "setup: using DOCKER_API_VERSION=$DOCKER_API_VERSION (export it too, for your own docker commands)" >&2
    docker_ok && return 0
  fi
  [ -n "${DOCKER_HOST:-}" ] && die "DOCKER_HOST=$DOCKER_HOST does not answer: $err"
  if ! pidof dockerd >/dev/null; then  # else one is starting up: wait for it
    say "starting dockerd (log: /var/log/dockerd.log)"
    # No bridge and no iptables: containers only ever use --network none, and this
    # machine must not route to private ranges. setsid+nohup: it outlives this script.
    as_root setsid nohup dockerd --bridge=none --iptables=false --ip-masq=false \
      >>/var/log/dockerd.log 2>&1 </dev/null 9>&- &   # 9>&-: must not inherit our lock
  fi
  for i in $(seq 60); do docker_ok && return 0; sleep 0.5; done
  die "the Docker engine did not answer within 30 s: $(docker info 2>&1 >/dev/null | tail -n 1) (see /var/log/dockerd.log)"
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# --- 3. base image --------------------------------------------------------------------
ensure_base_image() {
  image_exists "$BASE_IMAGE" && return 0
  # Where a registry answers (laptops, deployments) the official slim image is the base.
  if timeout 60 docker pull -q debian:bookworm-slim >/dev/null 2>&1; then
    docker tag debian:bookworm-slim "$BASE_IMAGE"
    return 0
  fi
  say "building sandbox base image $BASE_IMAGE from Debian packages (about 1 minute)..."
  as_root bash "$ROOT/sandbox/build-base.sh" "$BASE_IMAGE"
}

# --- 4. sandbox image -----------------------------------------------------------------
# The recipe hash covers every file in sandbox/ and the base image id, so a changed
# Dockerfile, agent or base triggers a rebuild and nothing else does.
recipe_hash() {
  { (cd "$ROOT/sandbox" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    docker image inspect -f '{{.Id}}' "$BASE_IMAGE"
  } | sha256sum | cut -c1-64
}

ensure_sandbox_image() {
  local want have
  want=$(recipe_hash)
  have=$(docker image inspect -f '{{ index .Config.Labels "aspire-sandbox.recipe" }}' \
           "$SANDBOX_IMAGE" 2>/dev/null || true)
  [ "$want" = "$have" ] && return 0
  say "building sandbox image $SANDBOX_IMAGE (about 1 minute)..."
  # Host network at build time only, so apt-get reaches the mirror. Classic builder:
  # the engine here (20.10) has no buildx plugin beside it.
  local log=${TMPDIR:-/tmp}/aspire-sandbox-build.log
  DOCKER_BUILDKIT=0 docker build --network host --build-arg "BASE=$BASE_IMAGE" \
    --label "aspire-sandbox.recipe=$want" -t "$SANDBOX_IMAGE" "$ROOT/sandbox" >"$log" 2>&1 ||
    { tail -n 30 "$log" >&2; die "docker build of $SANDBOX_IMAGE failed (log: $log)"; }
  # The image it replaced is now untagged: drop it (and only ours, by label).
  docker image prune -f --filter label=aspire-sandbox.recipe >/dev/null 2>&1 || true
}

# --- 5. Redis image ------------------------------------------------------------------
# The official image where a registry answers (Aspire's default); else one built from Debian's
# redis-server on the base image, rebuilt when redis/ or the base changes.
ensure_redis_image() {
  local want have
  image_exists "$OFFICIAL_REDIS_IMAGE" && return 0
  want=$({ (cd "$ROOT/redis" && sha256sum Dockerfile); docker image inspect -f '{{.Id}}' "$BASE_IMAGE"; } | sha256sum | cut -c1-64)
  have=$(docker image inspect -f '{{ index .Config.Labels "aspire-sandbox.recipe" }}' "$REDIS_IMAGE" 2>/dev/null || true)
  [ "$want" = "$have" ] && return 0
  if [ -z "$have" ] && timeout 60 docker pull -q "$OFFICIAL_REDIS_IMAGE" >/dev/null 2>&1; then return 0; fi
  say "building Redis image $REDIS_IMAGE from Debian packages (about 30 s)..."
  local log=${TMPDIR:-/tmp}/aspire-sandbox-redis-build.log
  DOCKER_BUILDKIT=0 docker build --network host --build-arg "BASE=$BASE_IMAGE" \
    --label "aspire-sandbox.recipe=$want" -t "$REDIS_IMAGE" "$ROOT/redis" >"$log" 2>&1 ||
    { tail -n 30 "$log" >&2; die "docker build of $REDIS_IMAGE failed (log: $log)"; }
  docker image prune -f --filter label=aspire-sandbox.recipe >/dev/null 2>&1 || true
}

setup_main() {
  local browser=
  for a in "$@"; do case $a in --with-browser) browser=browser ;; esac; done
  # Two setups at once (start + test in two terminals) would both apt-get and build.
  exec 9>"${TMPDIR:-/tmp}/.aspire-sandbox-setup.lock"
  flock -w 900 9 || die "another scripts/setup.sh has been running for 15 min"
  ensure_packages "$browser"
  ensure_docker
  ensure_base_image
  ensure_sandbox_image
  ensure_redis_image
}

setup_main "$@"
