#!/usr/bin/env bash
# Instant rollback of a blue-green release: make the other colour live again, which blue-green.sh
# left running (in standby) with the previous release. Takes seconds, no pod restart:
# 1. writes RTX_LIVE_COLOUR=<other> to ConfigMap rtx-config; the engines pick it up within
#    RTX_CONFIG_SCAN_PERIOD_MS: the current colour releases each dealing shard after its in-flight
#    commit, the other acquires them;
# 2. switches rtx-http and rtx-fix to the other colour at once (getting off the bad release first),
#    the preview to the current one;
# 3. waits until the other colour holds every dealing shard and the current one none
#    (lib-live-colour.sh); exits 1 if that is not confirmed within SWITCH_TIMEOUT_S (the traffic is
#    switched anyway: check the dealing logs and pg_locks, see RUNBOOK).
#
#   scripts/deploy/rollback.sh NAMESPACE [--to COLOUR]   e.g. scripts/deploy/rollback.sh rtx-prod --to blue
#
# --to names the colour to make live (the pipeline passes the colour that was live before its
# switch, recorded by blue-green.sh); when that colour is live already there is nothing to do.
# Without it, the colour not serving now becomes live (manual use).
#
# Refuses when the other colour has no ready pod or is pinned in standby (then redeploy the
# previous tag with blue-green.sh instead). Environment: KUBECTL (default kubectl),
# SWITCH_TIMEOUT_S, PG_CLUSTER, SHARD_CHECK (lib-live-colour.sh), DRY_RUN=1 prints the commands.
set -euo pipefail

usage() { echo "usage: $0 NAMESPACE [--to blue|green]" >&2; exit 2; }
[ $# -eq 1 ] || [ $# -eq 3 ] || usage
[ -n "$1" ] || usage
NAMESPACE="$1"
TARGET=""
if [ $# -eq 3 ]; then
  [ "$2" = "--to" ] || usage
  case "$3" in blue|green) TARGET="$3" ;; *) usage ;; esac
fi
KUBECTL="${KUBECTL:-kubectl}"
DRY_RUN="${DRY_RUN:-0}"
K=("$KUBECTL" -n "$NAMESPACE")
log() { echo "rollback[$NAMESPACE]: $*"; }
run() { if [ "$DRY_RUN" = "1" ]; then echo "+ $*"; else "$@"; fi; }
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/deploy/lib-live-colour.sh
. "$HERE/lib-live-colour.sh"

if [ "$DRY_RUN" = "1" ]; then
  LIVE="${LIVE_COLOUR:-green}"
else
  LIVE="$("${K[@]}" get service rtx-http -o jsonpath='{.spec.selector.rtx\.io/colour}')"
fi
case "$LIVE" in
  blue) BACK=green ;;
  green) BACK=blue ;;
  *) echo "service rtx-http selects no colour ('$LIVE'): not a blue-green namespace?" >&2; exit 1 ;;
esac
if [ -n "$TARGET" ] && [ "$TARGET" = "$LIVE" ]; then
  if [ "$DRY_RUN" = "1" ] || [ "$(config_value RTX_LIVE_COLOUR "$LIVE")" = "$LIVE" ]; then
    log "$TARGET is live already (traffic and RTX_LIVE_COLOUR): nothing to roll back"
    exit 0
  fi
  # Traffic is on the target but the dealing switch is half-way: finish it back to the target.
  log "traffic is on $TARGET but RTX_LIVE_COLOUR is not: setting it back"
  set_live_colour "$TARGET"
  wait_handover "$TARGET" "$([ "$TARGET" = blue ] && echo green || echo blue)" || exit 1
  exit 0
fi

if [ "$DRY_RUN" != "1" ]; then
  ready="$("${K[@]}" get deployment "rtx-$BACK" -o jsonpath='{.status.readyReplicas}' 2>/dev/null || true)"
  if [ -z "$ready" ] || [ "$ready" -lt 1 ]; then
    echo "rtx-$BACK has no ready pod: cannot switch back instantly; redeploy the previous tag with scripts/deploy/blue-green.sh" >&2
    exit 1
  fi
  check_slot "$BACK" || exit 1
  require_config_scan || exit 1
  image="$("${K[@]}" get deployment "rtx-$BACK" -o jsonpath='{.spec.template.spec.containers[?(@.name=="engine")].image}')"
  log "switching back from $LIVE to $BACK ($image, $ready ready)"
fi

t0=$SECONDS
set_live_colour "$BACK"
for svc in rtx-http rtx-fix; do
  run "${K[@]}" patch service "$svc" --type=json \
    -p "[{\"op\":\"replace\",\"path\":\"/spec/selector/rtx.io~1colour\",\"value\":\"$BACK\"}]"
done
run "${K[@]}" patch service rtx-http-preview --type=json \
  -p "[{\"op\":\"replace\",\"path\":\"/spec/selector/rtx.io~1colour\",\"value\":\"$LIVE\"}]"
run "${K[@]}" annotate deployment "rtx-$BACK" rtx.io/live-since="$(date -u +%Y-%m-%dT%H:%M:%SZ)" --overwrite
run "${K[@]}" annotate deployment "rtx-$LIVE" rtx.io/live-since- 2>/dev/null || true
log "traffic on $BACK after $((SECONDS - t0)) s; waiting for the dealing shards to move from $LIVE"
if ! wait_handover "$BACK" "$LIVE"; then
  log "traffic is on $BACK but the dealing shard hand-over is NOT confirmed: orders may answer 503 DEALING_UNAVAILABLE (RUNBOOK: rollback)"
  exit 1
fi
log "live colour is $BACK again after $((SECONDS - t0)) s; $LIVE still runs in standby (scale it down or redeploy it when understood)"
