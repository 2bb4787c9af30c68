#!/usr/bin/env bash
# The blue-green switch, sourced by blue-green.sh and rollback.sh (not run on its own).
#
# The engine's contract (README: `standby`, `deployment.colour`, `deployment.live-colour`): each
# slot's Deployment sets RTX_COLOUR, ConfigMap rtx-config holds RTX_LIVE_COLOUR (shared by both
# colours), and a pod whose colour differs from it is in standby: it serves HTTP but takes no dealing
# shard. The engine re-reads rtx-config every RTX_CONFIG_SCAN_PERIOD_MS, so writing RTX_LIVE_COLOUR
# switches without a pod restart: within one scan period the old colour releases each shard after
# its in-flight commit and the new colour acquires them (every RTX_DEALING_ACQUIRE_INTERVAL_MS),
# recovering their state from PostgreSQL.
#
# No engine endpoint (health or metric) tells which shards a pod owns (known gap,
# deployment/README.md), so the hand-over is observed in PostgreSQL: a shard is a session advisory
# lock (first key 0x52545844 "RTXD", ShardLocks.LOCK_CLASS) on a connection named
# rtx-dealing-locks, whose client address is the owning pod's IP. That needs `kubectl exec` into the
# CloudNativePG primary (cluster PG_CLUSTER, default rtx-pg). SHARD_CHECK=0 skips it and only waits
# one scan period plus one acquire interval (unverified).
#
# Environment: SWITCH_TIMEOUT_S (hand-over wait, default 120), PG_CLUSTER, SHARD_CHECK.
# Expects from the caller: the array K (kubectl -n NAMESPACE), DRY_RUN, log() and run().

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  echo "$0 is sourced by blue-green.sh and rollback.sh, not run" >&2
  exit 2
fi

SHARD_LOCK_CLASS=1381259332   # 0x52545844, com.rtx.dealing.ShardLocks.LOCK_CLASS
SWITCH_TIMEOUT_S="${SWITCH_TIMEOUT_S:-120}"
PG_CLUSTER="${PG_CLUSTER:-rtx-pg}"
SHARD_CHECK="${SHARD_CHECK:-1}"

# config_value KEY DEFAULT: a key of the running ConfigMap rtx-config (DEFAULT when absent).
config_value() {
  local v
  v="$("${K[@]}" get configmap rtx-config -o "jsonpath={.data.$1}" 2>/dev/null || true)"
  echo "${v:-$2}"
}

# slot_env COLOUR NAME: the engine container's env value NAME in Deployment rtx-COLOUR.
slot_env() {
  "${K[@]}" get deployment "rtx-$1" \
    -o "jsonpath={.spec.template.spec.containers[?(@.name==\"engine\")].env[?(@.name==\"$2\")].value}" 2>/dev/null || true
}

# check_slot COLOUR: rtx-COLOUR can become live: it says it is COLOUR, is not pinned in standby and
# has a ready pod.
check_slot() {
  [ "$DRY_RUN" != "1" ] || return 0
  local colour standby ready
  colour="$(slot_env "$1" RTX_COLOUR)"
  standby="$(slot_env "$1" RTX_STANDBY)"
  ready="$("${K[@]}" get deployment "rtx-$1" -o jsonpath='{.status.readyReplicas}' 2>/dev/null || true)"
  if [ "$colour" != "$1" ]; then
    echo "rtx-$1 sets RTX_COLOUR='$colour', expected '$1': it would not follow RTX_LIVE_COLOUR" >&2
    return 1
  fi
  if [ "$standby" = "true" ]; then
    echo "rtx-$1 sets RTX_STANDBY=true (manifests older than RTX_LIVE_COLOUR): it would never take a shard;" \
      "remove it first: kubectl -n <namespace> set env deployment/rtx-$1 RTX_STANDBY- (restarts that colour)" >&2
    return 1
  fi
  if [ -z "$ready" ] || [ "$ready" -lt 1 ]; then
    echo "rtx-$1 has no ready pod" >&2
    return 1
  fi
}

# set_live_colour COLOUR: the switch itself (engines follow within one config scan, no restart).
set_live_colour() {
  run "${K[@]}" patch configmap rtx-config --type=merge -p "{\"data\":{\"RTX_LIVE_COLOUR\":\"$1\"}}"
}

pg_primary() {
  local p
  p="$("${K[@]}" get pods -l "cnpg.io/cluster=$PG_CLUSTER,cnpg.io/instanceRole=primary" -o jsonpath='{.items[0].metadata.name}' 2>/dev/null || true)"
  [ -n "$p" ] || p="$("${K[@]}" get pods -l "cnpg.io/cluster=$PG_CLUSTER,role=primary" -o jsonpath='{.items[0].metadata.name}' 2>/dev/null || true)"
  [ -n "$p" ] && echo "$p"
}

# shard_locks COLOUR: how many dealing shard locks the pods of COLOUR hold; fails when unreadable.
shard_locks() {
  local ips ip in="" primary
  ips="$("${K[@]}" get pods -l "app.kubernetes.io/component=engine,rtx.io/colour=$1" -o jsonpath='{.items[*].status.podIP}')" || return 1
  for ip in $ips; do
    [[ "$ip" =~ ^[0-9A-Fa-f.:]+$ ]] || return 1
    in="$in${in:+,}'$ip'"
  done
  if [ -z "$in" ]; then echo 0; return 0; fi
  primary="$(pg_primary)" || return 1
  "${K[@]}" exec "$primary" -c postgres -- psql -AtX -v ON_ERROR_STOP=1 -c \
    "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.classid = $SHARD_LOCK_CLASS AND l.objsubid = 2 AND l.granted
       AND a.application_name = 'rtx-dealing-locks' AND host(a.client_addr) IN ($in)"
}

# wait_handover NEW OLD: after set_live_colour NEW, wait until OLD holds no dealing shard and NEW
# holds all of them (RTX_DEALING_SHARDS). Fails on timeout or when the locks cannot be read.
wait_handover() {
  local new=$1 old=$2 shards scan acquire deadline n_new n_old
  if [ "$DRY_RUN" = "1" ]; then
    echo "+ wait until rtx-$old holds no dealing shard and rtx-$new holds all (pg_locks on the $PG_CLUSTER primary), at most ${SWITCH_TIMEOUT_S}s"
    return 0
  fi
  shards="$(config_value RTX_DEALING_SHARDS 16)"
  scan="$(config_value RTX_CONFIG_SCAN_PERIOD_MS 5000)"
  acquire="$(config_value RTX_DEALING_ACQUIRE_INTERVAL_MS 2000)"
  if [ "$SHARD_CHECK" != "1" ]; then
    local s=$(((scan + acquire) / 1000 + 5))
    log "SHARD_CHECK=0: shard hand-over NOT verified; waiting ${s}s (one config scan + one acquire interval)"
    sleep "$s"
    return 0
  fi
  deadline=$((SECONDS + SWITCH_TIMEOUT_S))
  while :; do
    n_new="$(shard_locks "$new" 2>/dev/null)" || n_new=""
    n_old="$(shard_locks "$old" 2>/dev/null)" || n_old=""
    if [ -z "$n_new" ] || [ -z "$n_old" ]; then
      log "cannot read the dealing shard locks (kubectl exec into the $PG_CLUSTER primary); SHARD_CHECK=0 waits unverified"
      return 1
    fi
    if [ "$n_old" = "0" ] && [ "$n_new" = "$shards" ]; then
      log "dealing shards handed over: $new holds $n_new of $shards, $old none"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      log "dealing shards NOT handed over after ${SWITCH_TIMEOUT_S}s: $new holds $n_new of $shards, $old still $n_old"
      return 1
    fi
    sleep 1
  done
}

# require_config_scan: the engines only see the switch when the config scan is on.
require_config_scan() {
  [ "$DRY_RUN" != "1" ] || return 0
  if [ "$(config_value RTX_CONFIG_SCAN_PERIOD_MS 5000)" = "0" ]; then
    echo "RTX_CONFIG_SCAN_PERIOD_MS is 0 in rtx-config: the engines would never see RTX_LIVE_COLOUR change" >&2
    return 1
  fi
}
