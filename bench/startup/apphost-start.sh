#!/usr/bin/env bash
# One start of the app, timed from the command to every resource healthy, then a stop by SIGTERM to the AppHost.
#
#   bash bench/startup/apphost-start.sh [--tree DIR] [--fresh-redis] [--workers N]
#
# --tree DIR     the checkout to start (default: this one), built in Release beforehand
# --fresh-redis  start with no Redis data directory (AppHost/.aspire/redis-data of that tree is removed first)
# --workers N    worker replicas (--Workers=N; default 1)
#
# The command timed is the README's: `dotnet run --project AppHost -c Release` (its up-to-date check included), with
# the launch profile's settings given as environment on ports of its own (BENCH_PORT_BASE, default 25000: web +80,
# api +81, dashboard +888, OTLP +889/+890, resource service +891, Redis +379 where the AppHost runs redis-server itself),
# so it never meets another app on the defaults. Healthy means what the AppHost's own checks ask, seen from outside:
# GET /health answers 200 on the Api, the Web and every worker replica (each process found under the AppHost, or under
# the DCP that monitors it, its address read from its ASPNETCORE_URLS), and Redis answers PING at the address the Api
# was given. Polled every 0.1 s; bounded by BENCH_START_TIMEOUT (default 300 s).
#
# Prints one line:  tree=… commit=… redis=fresh|kept workers=N apphost_s=… healthy_s=… stop_s=… left=…
#   apphost_s  command → the AppHost process exists (dotnet run's build check and start-up)
#   healthy_s  command → every resource healthy
#   stop_s     SIGTERM to the AppHost → the command has exited
#   left       processes and containers of this start still there 5 s after the command exited (0 expected)
set -euo pipefail

tree=$(cd "$(dirname "$0")/../.." && pwd)
fresh=0
workers=1
while [ $# -gt 0 ]; do
  case "$1" in
    --tree) tree=$(cd "$2" && pwd); shift 2 ;;
    --fresh-redis) fresh=1; shift ;;
    --workers) workers=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

base=${BENCH_PORT_BASE:-25000}
timeout_s=${BENCH_START_TIMEOUT:-300}
log=$(mktemp /tmp/apphost-start.XXXXXX.log)
export SANDBOX_IMAGE=${SANDBOX_IMAGE:-aspire-sandbox:latest}
if [ -z "${Redis__Image:-}" ] && docker image inspect aspire-sandbox-redis:latest >/dev/null 2>&1; then
  export Redis__Image=aspire-sandbox-redis:latest
fi

for port in $((base + 80)) $((base + 81)) $((base + 888)) $((base + 889)) $((base + 890)) $((base + 891)) $((base + 379)); do
  if ss -Hltn "sport = :$port" | grep -q .; then echo "port $port is in use: set BENCH_PORT_BASE" >&2; exit 1; fi
done

if [ "$fresh" = 1 ]; then rm -rf "$tree/AppHost/.aspire/redis-data"; fi
containers_before=$(docker ps -aq --no-trunc | sort)

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# Every process of this start: the AppHost's descendants, and those of the DCP that monitors it (DCP detaches).
descendants() {
  local pid
  for pid in "$@"; do
    echo "$pid"
    descendants $(ps -o pid= --ppid "$pid" 2>/dev/null || true)
  done
}
app_processes() {
  local dcp
  dcp=$(pgrep -f -- "--monitor $apphost( |$)" || true)
  descendants "$apphost" $dcp | sort -un
}
env_of() { tr '\0' '\n' <"/proc/$1/environ" 2>/dev/null | sed -n "s/^$2=//p" | head -1; }
service_pids() { # name → its processes (the service's own, not the `dotnet run` DCP starts it with)
  local pid
  for pid in $(app_processes); do
    if { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -Eq "(^|/)Aspire\.Sandbox\.$1(\.dll)?( |$)"; then echo "$pid"; fi
  done
}
healthy() { # pid → its /health answers 200
  local url
  url=$(env_of "$1" ASPNETCORE_URLS | cut -d';' -f1)
  [ -n "$url" ] && [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "${url%/}/health" || true)" = 200 ]
}
redis_healthy() { # the Redis the Api was given answers PING
  local cs hostport password
  cs=$(env_of "$1" ConnectionStrings__redis)
  hostport=${cs%%,*}
  password=$(tr ',' '\n' <<<"$cs" | sed -n 's/^password=//p')
  [ -n "$hostport" ] && [ "$(redis-cli -h "${hostport%:*}" -p "${hostport##*:}" ${password:+-a "$password" --no-auth-warning} ping 2>/dev/null)" = PONG ]
}
all_healthy() {
  local api web pid n=0
  api=$(service_pids Api | head -1); web=$(service_pids Web | head -1)
  [ -n "$api" ] && [ -n "$web" ] || return 1
  healthy "$api" && healthy "$web" && redis_healthy "$api" || return 1
  for pid in $(service_pids Worker); do healthy "$pid" || return 1; n=$((n + 1)); done
  [ "$n" = "$workers" ]
}

start=$(now)
(
  cd "$tree"
  exec env DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development \
    SANDBOX_API_KEY="sbx_bench_$RANDOM$RANDOM" \
    WEB_PORT=$((base + 80)) API_PORT=$((base + 81)) REDIS_PORT=$((base + 379)) \
    ASPNETCORE_URLS="http://127.0.0.1:$((base + 888))" AppHost__DashboardUrl="http://127.0.0.1:$((base + 888))" \
    ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$((base + 889))" \
    ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="http://127.0.0.1:$((base + 890))" \
    ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$((base + 891))" \
    ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true \
    setsid dotnet run --project AppHost -c Release --no-launch-profile -- --Workers="$workers"
) >"$log" 2>&1 &
group=$!

apphost=""
apphost_s=""
healthy_s=""
while [ "$(since "$start" | cut -d. -f1)" -lt "$timeout_s" ] && kill -0 "$group" 2>/dev/null; do
  if [ -z "$apphost" ]; then
    for pid in $(descendants "$group"); do
      if { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -q 'Aspire\.Sandbox\.AppHost'; then apphost=$pid; apphost_s=$(since "$start"); fi
    done
  elif all_healthy; then
    healthy_s=$(since "$start")
    break
  fi
  sleep 0.1
done

stop_s=""
if [ -n "$apphost" ]; then
  processes=$(app_processes)
  stopping=$(now)
  kill -TERM "$apphost" 2>/dev/null || true
  for _ in $(seq 1 1200); do kill -0 "$group" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$group" 2>/dev/null; then echo "the AppHost did not stop within 120 s" >&2; else stop_s=$(since "$stopping"); fi
  sleep 5
  left=0
  for pid in $processes; do # still there, not a zombie (an empty command line) nor a pid reused since
    cmd=$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null || true)
    if [ -n "$cmd" ] && { grep -q -- "$tree\|--monitor $apphost\|/dcp " <<<"$cmd"; }; then left=$((left + 1)); echo "left running: $pid $cmd" >&2; fi
  done
  # Containers of this start: made by its DCP (DCP labels them with its process id) or sandboxes labelled with the
  # AppHost's pid; others on this machine (other apps, tests) are not counted.
  for id in $(comm -13 <(echo "$containers_before") <(docker ps -aq --no-trunc | sort)); do
    labels=$(docker inspect --format '{{range $k, $v := .Config.Labels}}{{$k}}={{$v}} {{end}}' "$id" 2>/dev/null || true)
    creator=$(grep -o 'usvc-dev.creatorProcessId=[0-9]*' <<<"$labels" | cut -d= -f2 || true)
    if grep -qw -- "${creator:-none}" <<<"$processes" || grep -q "\.$apphost\." <<<"$labels"; then
      left=$((left + 1)); echo "container left: $(docker ps -a --filter "id=$id" --format '{{.Names}} {{.Image}} {{.Status}}')" >&2
    fi
  done
else
  kill -TERM -- -"$group" 2>/dev/null || true
  left=unknown
fi

commit=$(git -C "$tree" rev-parse --short HEAD)
echo "tree=$tree commit=$commit redis=$([ "$fresh" = 1 ] && echo fresh || echo kept) workers=$workers" \
  "apphost_s=${apphost_s:-none} healthy_s=${healthy_s:-none} stop_s=${stop_s:-none} left=$left"
if [ -z "$healthy_s" ]; then echo "not healthy within ${timeout_s} s; output: $log" >&2; exit 1; fi
rm -f "$log"
