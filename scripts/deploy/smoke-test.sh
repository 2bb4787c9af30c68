#!/usr/bin/env bash
# Smoke test of a running engine (any environment): readiness, the public market-data API, the
# published contract, that the public port serves no metrics or health details, and (when
# SMOKE_MANAGEMENT_URL is given) the metrics and health details on the management port.
# Read-only: places no order, changes nothing.
#
#   scripts/deploy/smoke-test.sh BASE_URL        e.g. http://127.0.0.1:8080 or https://api.staging.example.com
#
# Environment: SMOKE_TIMEOUT_S (per request, default 10), SMOKE_READY_WAIT_S (how long /health/ready
# may take to become UP, default 0 = must be UP now), SMOKE_HOST_HEADER (send a Host header, e.g.
# when BASE_URL is a Service's cluster IP behind an Ingress), SMOKE_INSECURE=1 (curl -k, test
# certificates only), SMOKE_MANAGEMENT_URL (e.g. http://127.0.0.1:9090, through a port-forward in
# Kubernetes: the management port is never behind the Ingress).
# Exit 0 when every check passed, 1 otherwise (each failure is named).
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 BASE_URL" >&2
  exit 2
fi
BASE="${1%/}"
TIMEOUT="${SMOKE_TIMEOUT_S:-10}"
READY_WAIT="${SMOKE_READY_WAIT_S:-0}"

CURL=(curl -sS --max-time "$TIMEOUT" -H "X-Request-Id: smoke-$$")
if [ -n "${SMOKE_HOST_HEADER:-}" ]; then CURL+=(-H "Host: $SMOKE_HOST_HEADER"); fi
if [ "${SMOKE_INSECURE:-0}" = "1" ]; then CURL+=(-k); fi

BODY="$(mktemp)"
trap 'rm -f "$BODY"' EXIT
failures=0
passed=0

# check NAME PATH EXPECTED_STATUS PATTERN...: GET BASE/PATH, expect the status and every pattern
# (grep -E) in the body.
check() {
  check_at "$BASE" "$@"
}

# check_at URL NAME PATH EXPECTED_STATUS PATTERN...: the same against another base URL.
check_at() {
  local base=$1 name=$2 path=$3 expected=$4
  shift 4
  local status
  status="$("${CURL[@]}" -o "$BODY" -w '%{http_code}' "$base$path" 2>/dev/null)" || status="000"
  if [ "$status" != "$expected" ]; then
    echo "smoke: FAIL $name: GET $base$path answered $status, expected $expected: $(head -c 300 "$BODY" 2>/dev/null)"
    failures=$((failures + 1))
    return 0
  fi
  local pattern
  for pattern in "$@"; do
    if ! grep -Eq -- "$pattern" "$BODY"; then
      echo "smoke: FAIL $name: GET $path body lacks /$pattern/: $(head -c 300 "$BODY")"
      failures=$((failures + 1))
      return 0
    fi
  done
  echo "smoke: ok   $name ($path $status)"
  passed=$((passed + 1))
}

# Readiness first, optionally waiting for it (a freshly switched slot).
deadline=$((SECONDS + READY_WAIT))
while :; do
  status="$("${CURL[@]}" -o "$BODY" -w '%{http_code}' "$BASE/health/ready" 2>/dev/null)" || status="000"
  if [ "$status" = "200" ] || (( SECONDS >= deadline )); then break; fi
  sleep 2
done

check "liveness" /health/live 200 '^\{"status":"UP"\}$'
check "readiness" /health/ready 200 '^\{"status":"UP"\}$'
check "symbols" /api/v1/symbols 200 '"symbol"' 'EURUSD|"symbols"|\['
check "openapi contract" /api/v1/openapi.yaml 200 '^openapi: *"?3\.' '/symbols'
check "no public metrics" /metrics 404 '"NOT_FOUND"'
check "no public health details" /health/dependencies 404 '"NOT_FOUND"'
if [ -n "${SMOKE_MANAGEMENT_URL:-}" ]; then
  MANAGEMENT="${SMOKE_MANAGEMENT_URL%/}"
  check_at "$MANAGEMENT" "metrics" /metrics 200 '^# (HELP|TYPE) ' '^rtx_build_info\{' '^jvm_memory_used_bytes'
  check_at "$MANAGEMENT" "health details" /health/ready 200 '"checks"' '"postgres"'
fi
check "unknown path is a JSON error" /api/v1/no-such-path-smoke 404 '"error"'

if [ "$failures" -eq 0 ]; then
  echo "smoke: OK, all $passed checks against $BASE"
else
  echo "smoke: FAILED, $failures of $((passed + failures)) checks against $BASE"
  exit 1
fi
