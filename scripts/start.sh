#!/usr/bin/env bash
# Starts the whole app: Redis, Api, Worker(s), Web and the dashboard, via the AppHost.
# First run on a new machine installs what is missing and builds the sandbox image
# (a few minutes); later runs go straight to the AppHost. Arguments go to the AppHost.
#
#   bash scripts/start.sh [AppHost args...]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export SANDBOX_IMAGE=${SANDBOX_IMAGE:-aspire-sandbox:latest}
# The Redis image setup.sh built where no registry answers (else Aspire's official one).
if [ -z "${Redis__Image:-}" ] && docker image inspect aspire-sandbox-redis:latest >/dev/null 2>&1; then
  export Redis__Image=aspire-sandbox-redis:latest
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# exec: Ctrl+C and signals reach the AppHost directly, which stops what it started.
exec dotnet run --project AppHost -c Release -- "$@"
