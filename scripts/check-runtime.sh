#!/usr/bin/env bash
# Proves that the image's jlink module list is complete without a Docker engine:
#   1. builds a jlink runtime with the host JDK's jlink from deployment/docker/jlink-modules.txt
#      (the same file the Dockerfile uses) into target/jlink-runtime,
#   2. starts target/rtx-engine.jar on it with the image's JVM options
#      (deployment/docker/jvm.options), embedded PostgreSQL and Redis, an ephemeral data dir
#      under target/, free loopback ports and the Hazelcast cluster manager on (loopback),
#   3. waits for /health/ready = UP, runs scripts/deploy/smoke-test.sh against it,
#   4. stops it with SIGTERM and checks that it exits 0 and logged no missing class or module.
# It checks the module list, not the musl (Alpine) image itself.
#
# Exit 0: passed, or skipped because no jlink exists. Exit 1: failed.
# Before that, jdeps (next to jlink) must not derive a module that the list lacks.
# Environment: RTX_CHECK_READY_TIMEOUT_S (default 180), RTX_CHECK_KEEP=1 keeps the work dir,
#              RTX_CHECK_JDEPS=0 skips the jdeps comparison,
#              RTX_JLINK_MODULES overrides the module list (for experiments only).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/rtx-engine.jar
MODULES_FILE=deployment/docker/jlink-modules.txt
JVM_OPTIONS=deployment/docker/jvm.options
RUNTIME=target/jlink-runtime
READY_TIMEOUT_S="${RTX_CHECK_READY_TIMEOUT_S:-180}"

log() { echo "check-runtime: $*"; }
fail() { echo "check-runtime: FAILED: $*" >&2; exit 1; }

JLINK=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jlink" ]; then
  JLINK="$JAVA_HOME/bin/jlink"
elif command -v jlink >/dev/null 2>&1; then
  JLINK="$(command -v jlink)"
fi
if [ -z "$JLINK" ]; then
  log "SKIPPED: no jlink on this machine (a JRE only?); the module list was not checked"
  exit 0
fi

[ -f "$JAR" ] || fail "$JAR is missing; build it first: ./mvnw -B -q package -DskipTests"
command -v curl >/dev/null 2>&1 || fail "curl is needed"

MODULES="${RTX_JLINK_MODULES:-$(tr -d ' \t\r\n' < "$MODULES_FILE")}"
[ -n "$MODULES" ] || fail "$MODULES_FILE is empty"

# --- 0. jdeps must not find a module the list lacks (skipped with RTX_CHECK_JDEPS=0) --------------
JDEPS="$(dirname "$JLINK")/jdeps"
if [ "${RTX_CHECK_JDEPS:-1}" = "1" ] && [ -x "$JDEPS" ]; then
  log "jdeps --print-module-deps $JAR (about 20 s)"
  DERIVED="$("$JDEPS" --ignore-missing-deps --multi-release 17 --print-module-deps "$JAR" | tail -n 1)"
  missing=""
  for m in ${DERIVED//,/ }; do
    [[ ",$MODULES," == *",$m,"* ]] || missing="$missing $m"
  done
  [ -z "$missing" ] || fail "jdeps derives$missing, missing from $MODULES_FILE (jdeps: $DERIVED)"
  log "jdeps derives $DERIVED: all in the list"
fi

# --- 1. the runtime (rebuilt when the module list or the JDK changes) ---------------------------
JDK_VERSION="$("$JLINK" --version)"
STAMP="$JDK_VERSION $MODULES"
if [ -x "$RUNTIME/bin/java" ] && [ "$(cat "$RUNTIME.stamp" 2>/dev/null)" = "$STAMP" ]; then
  log "reusing $RUNTIME (jlink $JDK_VERSION, same module list)"
else
  log "jlink $JDK_VERSION --add-modules $MODULES"
  rm -rf "$RUNTIME" "$RUNTIME.stamp"
  t0=$SECONDS
  "$JLINK" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --output "$RUNTIME"
  echo "$STAMP" > "$RUNTIME.stamp"
  log "runtime built in $((SECONDS - t0)) s, $(du -sh "$RUNTIME" | cut -f1)"
fi
RUNTIME_MODULES="$("$RUNTIME/bin/java" --list-modules | sed 's/@.*//' | sort | tr '\n' ' ')"
log "runtime modules: $RUNTIME_MODULES"

# --- 2. start the engine on it -------------------------------------------------------------------
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
USED_PORTS=" "
# Prints a free loopback port not yet in USED_PORTS (the caller appends it: this runs in $(...)).
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 40000 ))
    if [[ "$USED_PORTS" != *" $p "* ]] && port_free "$p"; then echo "$p"; return 0; fi
  done
  return 1
}
HTTP_PORT=$(free_port) || fail "no free port"; USED_PORTS="$USED_PORTS$HTTP_PORT "
FIX_PORT=$(free_port) || fail "no free port"; USED_PORTS="$USED_PORTS$FIX_PORT "
LPSIM_PORT=$(free_port) || fail "no free port"; USED_PORTS="$USED_PORTS$LPSIM_PORT "
LPSIM_CONTROL_PORT=$(free_port) || fail "no free port"; USED_PORTS="$USED_PORTS$LPSIM_CONTROL_PORT "
CLUSTER_PORT=$(free_port) || fail "no free port"; USED_PORTS="$USED_PORTS$CLUSTER_PORT "
MANAGEMENT_PORT=$(free_port) || fail "no free port"
# Clustered (Hazelcast on loopback), as the image runs in Kubernetes; RTX_CHECK_CLUSTER=0 turns it off.
CLUSTER_ENV=(RTX_CLUSTER_ENABLED=false)
if [ "${RTX_CHECK_CLUSTER:-1}" = "1" ]; then
  CLUSTER_ENV=(RTX_CLUSTER_ENABLED=true RTX_CLUSTER_HOST=127.0.0.1 RTX_CLUSTER_PORT="$CLUSTER_PORT"
               RTX_CLUSTER_MEMBERS="127.0.0.1:$CLUSTER_PORT")
fi

mkdir -p target
WORK="$(mktemp -d "$PWD/target/check-runtime.XXXXXX")"
mkdir -p "$WORK/data" "$WORK/tmp"
ENGINE_LOG="$WORK/engine.log"
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$PID" 2>/dev/null || true
  fi
  if [ "${RTX_CHECK_KEEP:-0}" = "1" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

log "starting $JAR on $RUNTIME: http $HTTP_PORT, management $MANAGEMENT_PORT, fixapi $FIX_PORT, lpsim $LPSIM_PORT/$LPSIM_CONTROL_PORT, ${CLUSTER_ENV[*]}, data $WORK/data"
# Same argument file as the image; tmpdir moved under the work dir (later options win).
env RTX_DATA_DIR="$WORK/data" \
    RTX_HTTP_HOST=127.0.0.1 RTX_HTTP_PORT="$HTTP_PORT" RTX_MANAGEMENT_PORT="$MANAGEMENT_PORT" \
    RTX_FIXAPI_HOST=127.0.0.1 RTX_FIXAPI_PORT="$FIX_PORT" \
    RTX_LPSIM_HOST=127.0.0.1 RTX_LPSIM_PORT="$LPSIM_PORT" RTX_LPSIM_CONTROL_PORT="$LPSIM_CONTROL_PORT" \
    "${CLUSTER_ENV[@]}" RTX_CONFIG_SCAN_PERIOD_MS=0 \
  "$RUNTIME/bin/java" "@$JVM_OPTIONS" -Djava.io.tmpdir="$WORK/tmp" -jar "$JAR" run \
    >"$ENGINE_LOG" 2>&1 &
PID=$!

BASE="http://127.0.0.1:$HTTP_PORT"
t0=$SECONDS
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready" 2>/dev/null)" = "200" ]; do
  if ! kill -0 "$PID" 2>/dev/null; then
    wait "$PID" || true
    tail -n 60 "$ENGINE_LOG" >&2
    fail "the engine exited before /health/ready was UP (log above)"
  fi
  if (( SECONDS - t0 > READY_TIMEOUT_S )); then
    tail -n 60 "$ENGINE_LOG" >&2
    fail "/health/ready not UP within ${READY_TIMEOUT_S} s"
  fi
  sleep 0.5
done
READY_BODY="$(curl -s "$BASE/health/ready")"
case "$READY_BODY" in
  *'"status":"UP"'*) ;;
  *) fail "/health/ready answered 200 without status UP: $READY_BODY" ;;
esac
log "/health/ready UP after $((SECONDS - t0)) s: $READY_BODY"

# --- 3. the deployment smoke test against it ------------------------------------------------------
if [ -x scripts/deploy/smoke-test.sh ]; then
  SMOKE_MANAGEMENT_URL="http://127.0.0.1:$MANAGEMENT_PORT" scripts/deploy/smoke-test.sh "$BASE" || { tail -n 40 "$ENGINE_LOG" >&2; fail "smoke test failed"; }
fi

# --- 4. graceful stop ------------------------------------------------------------------------------
log "SIGTERM to $PID"
kill -TERM "$PID"
rc=0
wait "$PID" || rc=$?
PID=""
if [ "$rc" != "0" ]; then
  tail -n 40 "$ENGINE_LOG" >&2
  fail "the engine exited $rc after SIGTERM (expected 0)"
fi
if grep -nE 'NoClassDefFoundError|ClassNotFoundException: (java|javax|jdk|sun|com\.sun)\.|Module [a-z.]+ not found|UnsupportedOperationException: .*module' "$ENGINE_LOG" >&2; then
  fail "the log shows classes or modules missing from the runtime (lines above)"
fi
warnings="$(grep -cE ' (WARN|ERROR) ' "$ENGINE_LOG" || true)"
log "engine log: $(wc -l < "$ENGINE_LOG") lines, $warnings WARN/ERROR"
if [ "$warnings" != "0" ]; then grep -E ' (WARN|ERROR) ' "$ENGINE_LOG" | head -n 20; fi
log "PASSED: the jlink runtime of $MODULES_FILE runs the engine to ready and exits 0 on SIGTERM"
