#!/usr/bin/env bash
# Runs the whole test suite (unit, integration, distributed, browser) the way CI does.
# Prepares the machine first (same as start.sh, plus Chromium). The last line printed
# is always "N passed, N failed", summed over every test project's .trx file; the exit
# code is non-zero when anything failed or could not run. Extra args go to dotnet test
# (e.g. --filter "FullyQualifiedName~Frames").
#
#   bash scripts/test.sh [dotnet test args...]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --with-browser
export SANDBOX_IMAGE=${SANDBOX_IMAGE:-aspire-sandbox:latest}
# The Redis image setup.sh built where no registry answers (else Aspire's official one).
if [ -z "${Redis__Image:-}" ] && docker image inspect aspire-sandbox-redis:latest >/dev/null 2>&1; then
  export Redis__Image=aspire-sandbox-redis:latest
fi
export PLAYWRIGHT_CHROMIUM_EXECUTABLE=${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-/usr/bin/chromium}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=TestResults   # git-ignored
rm -rf "$results"

fail_line() { echo "$1" >&2; echo "0 passed, 1 failed"; exit 1; }

# The black-box test's viewers (bench/blackbox: the official SignalR JS client in Node), as the Web's build does
# for Web/ClientApp: npm ci when node_modules is missing or older than the lock file.
blackbox=bench/blackbox
if [ ! -f "$blackbox/node_modules/.npm-ci.stamp" ] || [ "$blackbox/package-lock.json" -nt "$blackbox/node_modules/.npm-ci.stamp" ]; then
  (cd "$blackbox" && npm ci --no-audit --no-fund --loglevel=error </dev/null) || fail_line "npm ci in $blackbox failed: no tests ran"
  touch "$blackbox/node_modules/.npm-ci.stamp"
fi

# Build once, separately, so a compile error is reported as such and not as a test result.
dotnet build Aspire.Sandbox.sln -c Release --nologo </dev/null ||
  fail_line "build failed: no tests ran"

# Bounded in time so CI always gets a summary: a test hanging for 10 min has its test
# host killed (the other projects' results are kept), the whole run stops after 75 min.
# timeout runs in its own process group so it can kill test hosts too; Ctrl+C therefore
# has to be handed to it, and `wait` repeated until it has really ended.
timeout --kill-after=30s 75m dotnet test Aspire.Sandbox.sln -c Release --no-build --nologo \
  --logger trx --results-directory "$results" \
  --blame-hang-timeout 10m --blame-hang-dump-type none \
  "$@" </dev/null &
tpid=$!
trap 'kill -INT "$tpid" 2>/dev/null || true' INT TERM
while wait "$tpid"; rc=$?; kill -0 "$tpid" 2>/dev/null; do :; done
trap - INT TERM

# Sum <Counters .../> over all trx files (one per test project). Errors, timeouts and
# aborts count as failures, and so does a project whose run ended badly (e.g. its test
# host crashed or hung: outcome "Failed" with all counters at zero).
shopt -s nullglob
trx=("$results"/*.trx)
[ ${#trx[@]} -gt 0 ] || fail_line "dotnet test exited with $rc and wrote no .trx file"
read -r passed failed < <(for f in "${trx[@]}"; do
    grep -o '<ResultSummary [^>]*>\|<Counters [^>]*>' "$f"; echo '<End />'; done | awk '
  { for (i = 2; i <= NF; i++) if (split($i, kv, "=") == 2) { gsub(/[^A-Za-z0-9]/, "", kv[2]); c[kv[1]] = kv[2] } }
  $1 == "<End" { f = c["failed"] + c["error"] + c["timeout"] + c["aborted"]
                 if (f == 0 && c["outcome"] != "Completed" && c["outcome"] != "Passed") f = 1
                 P += c["passed"]; F += f; split("", c) }
  END { print P + 0, F + 0 }')

# dotnet test failing with no failed test means a test host crashed or hung: count it.
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $rc (test host crash or timeout?): counted as 1 failure" >&2
  failed=1
fi
echo "trx results: $results/"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
