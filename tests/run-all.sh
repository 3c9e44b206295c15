#!/usr/bin/env bash
# The whole test suite: unit, integration (real PostgreSQL + Redis when configured), then e2e
# (production build + Playwright on Chromium). Usage: npm test
#   TEST_DATABASE_URL  admin URL of a PostgreSQL server; each run creates and drops a fresh database.
#                      Unset: a local server that answers at postgres://postgres@127.0.0.1:5432/postgres
#                      is used; otherwise the integration tests run on embedded PGlite and the
#                      multi-process ones are skipped.
#   REDIS_URL          Redis for the BullMQ tests. Unset: a local Redis on 127.0.0.1:6379 is used (its
#                      database 9, keys under a per-run prefix); otherwise those tests are skipped
#                      with a message (under CI=true they are required).
#   CHROMIUM_PATH      browser for Playwright (default /usr/bin/chromium)
set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
results="$(mktemp -d)"
status=0

section() { printf '\n==> %s\n' "$*"; }

if [ ! -d node_modules ]; then
  section "installing dependencies (npm ci)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund || exit 1
fi

if [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    section "installing Chromium for the e2e tests (apt-get install chromium)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 1
  else
    echo "Chromium not found at $CHROMIUM_PATH: install it (apt-get install chromium) or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi

# Local services that answer are used, so that "npm test" on a machine running them tests everything.
if [ -z "${TEST_DATABASE_URL:-}" ] && command -v psql >/dev/null 2>&1 &&
  PGCONNECT_TIMEOUT=3 psql "postgres://postgres@127.0.0.1:5432/postgres" -Atqc "select 1" >/dev/null 2>&1; then
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
fi
if [ -z "${REDIS_URL:-}" ] && command -v redis-cli >/dev/null 2>&1 &&
  [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; then
  export REDIS_URL="redis://127.0.0.1:6379/9"
fi

section "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json" || status=1

database="embedded PGlite"
[ -n "${TEST_DATABASE_URL:-}" ] && database="PostgreSQL"
redis="none: BullMQ tests skipped"
[ -n "${REDIS_URL:-}" ] && redis="configured"
section "integration tests (database: $database; redis: $redis)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$results/integration.json" || status=1

section "e2e tests: production build, then Playwright"
if npm run build; then
  e2e_data="$(mktemp -d)"
  # With PostgreSQL, a second server backs the agent install test (its CLI shares the database).
  agent_db=""
  if [ -n "${TEST_DATABASE_URL:-}" ] && [ -z "${E2E_AGENT_DATABASE_URL:-}" ]; then
    agent_db="patchmon_e2e_agent_$$"
    psql "$TEST_DATABASE_URL" -qc "create database $agent_db" &&
      export E2E_AGENT_DATABASE_URL="${TEST_DATABASE_URL%/*}/$agent_db"
  fi
  E2E_DATA_DIR="$e2e_data/data" PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" \
    npx playwright test --reporter=list,json || status=1
  if [ -n "$agent_db" ]; then
    psql "$TEST_DATABASE_URL" -qc "drop database if exists $agent_db with (force)" || true
  fi
  rm -rf "$e2e_data"
else
  echo "build failed" >&2
  status=1
fi

section "summary"
node tests/support/summarize.mjs "$results" || status=1
rm -rf "$results"
exit "$status"
