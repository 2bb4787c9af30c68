#!/usr/bin/env bash
# Instant rollback of a blue-green release: switch rtx-http and rtx-fix back to the other colour,
# which blue-green.sh left running with the previous release. Takes seconds (a selector patch).
#
#   scripts/deploy/rollback.sh NAMESPACE          e.g. scripts/deploy/rollback.sh rtx-prod
#
# Refuses when the other colour has no ready pod (then redeploy the previous tag with
# blue-green.sh instead). Environment: KUBECTL (default kubectl), DRY_RUN=1 prints the commands.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then echo "usage: $0 NAMESPACE" >&2; exit 2; fi
NAMESPACE="$1"
KUBECTL="${KUBECTL:-kubectl}"
DRY_RUN="${DRY_RUN:-0}"
K=("$KUBECTL" -n "$NAMESPACE")
log() { echo "rollback[$NAMESPACE]: $*"; }
run() { if [ "$DRY_RUN" = "1" ]; then echo "+ $*"; else "$@"; fi; }

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

if [ "$DRY_RUN" != "1" ]; then
  ready="$("${K[@]}" get deployment "rtx-$BACK" -o jsonpath='{.status.readyReplicas}' 2>/dev/null || true)"
  if [ -z "$ready" ] || [ "$ready" -lt 1 ]; then
    echo "rtx-$BACK has no ready pod: cannot switch back instantly; redeploy the previous tag with scripts/deploy/blue-green.sh" >&2
    exit 1
  fi
  image="$("${K[@]}" get deployment "rtx-$BACK" -o jsonpath='{.spec.template.spec.containers[?(@.name=="engine")].image}')"
  log "switching back from $LIVE to $BACK ($image, $ready ready)"
fi

t0=$SECONDS
for svc in rtx-http rtx-fix; do
  run "${K[@]}" patch service "$svc" --type=json \
    -p "[{\"op\":\"replace\",\"path\":\"/spec/selector/rtx.io~1colour\",\"value\":\"$BACK\"}]"
done
run "${K[@]}" patch service rtx-http-preview --type=json \
  -p "[{\"op\":\"replace\",\"path\":\"/spec/selector/rtx.io~1colour\",\"value\":\"$LIVE\"}]"
run "${K[@]}" patch configmap rtx-live-colour --type=merge -p "{\"data\":{\"colour\":\"$BACK\"}}"
run "${K[@]}" annotate deployment "rtx-$BACK" rtx.io/live-since="$(date -u +%Y-%m-%dT%H:%M:%SZ)" --overwrite
log "live colour is $BACK again after $((SECONDS - t0)) s; $LIVE still runs (scale it down or redeploy it when understood)"
