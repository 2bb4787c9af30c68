#!/usr/bin/env bash
# Blue-green release of the engine (staging and prod overlays, deployment/k8s/components/blue-green).
#
#   scripts/deploy/blue-green.sh OVERLAY_DIR IMAGE_TAG
#   e.g. scripts/deploy/blue-green.sh deployment/k8s/overlays/prod 0.2.0
#
# 1. reads the live colour from the rtx-http Service (never from git), the other is idle;
# 2. applies the overlay with the new image on the idle slot only: the live Deployment is left out
#    of the apply (never restarted), the Service selectors and rtx-config's RTX_LIVE_COLOUR are
#    kept as they run (a generated kustomization on top of the overlay);
# 3. waits for the idle rollout (readiness), then runs scripts/deploy/smoke-test.sh against the
#    idle colour through the rtx-http-preview Service (kubectl port-forward); the idle colour is in
#    standby (its RTX_COLOUR differs from RTX_LIVE_COLOUR), so it owns no dealing shard yet;
# 4. the switch: writes RTX_LIVE_COLOUR=<idle> to ConfigMap rtx-config. The engines pick it up
#    within RTX_CONFIG_SCAN_PERIOD_MS with no pod restart: the live colour releases each dealing
#    shard after its in-flight commit, the idle colour acquires them. Waits until the old colour
#    holds no shard and the new one holds all (lib-live-colour.sh; reverts RTX_LIVE_COLOUR and
#    exits 1 if not within SWITCH_TIMEOUT_S, traffic untouched), then switches rtx-http and rtx-fix
#    to the new colour and points the preview at the old one;
# 5. keeps the old colour running, in standby, for instant rollback (scripts/deploy/rollback.sh).
#
# Environment: NAMESPACE (default: the overlay's), KUBECTL (default kubectl), ROLLOUT_TIMEOUT
# (default 600s), SMOKE_PORT (local port for the port-forward, default 18080),
# SMOKE_MANAGEMENT_PORT (local port forwarded to a pod's management port 9090, default 18090),
# SWITCH_TIMEOUT_S, PG_CLUSTER, SHARD_CHECK (lib-live-colour.sh), STATE_FILE (where the colour live
# before this deploy and whether the switch began are recorded, for scripts/deploy/on-failure.sh),
# DRY_RUN=1 prints the rendered manifests and the switch commands without touching the cluster.
set -euo pipefail

usage() { echo "usage: $0 OVERLAY_DIR IMAGE_TAG|sha256:DIGEST" >&2; exit 2; }
[ $# -eq 2 ] || usage
OVERLAY="$(cd "$1" && pwd)"
TAG="$2"
# A digest (what the pipeline deploys: the exact image staging tested) or a pinned tag.
if [[ "$TAG" =~ ^sha256:[0-9a-f]{64}$ ]]; then
  SEP="@"
else
  [[ "$TAG" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "invalid image tag: $TAG" >&2; exit 2; }
  [ "$TAG" != "latest" ] || { echo "refusing the tag 'latest': deploy a pinned version" >&2; exit 2; }
  SEP=":"
fi

HERE="$(cd "$(dirname "$0")" && pwd)"
KUBECTL="${KUBECTL:-kubectl}"
IMAGE_NAME="${IMAGE_NAME:-ghcr.io/rtx/rtx-engine}"
IMAGE_REF="$IMAGE_NAME$SEP$TAG"
ROLLOUT_TIMEOUT="${ROLLOUT_TIMEOUT:-600s}"
SMOKE_PORT="${SMOKE_PORT:-18080}"
SMOKE_MANAGEMENT_PORT="${SMOKE_MANAGEMENT_PORT:-18090}"
DRY_RUN="${DRY_RUN:-0}"
NAMESPACE="${NAMESPACE:-$(sed -n 's/^namespace: *//p' "$OVERLAY/kustomization.yaml" | head -n 1)}"
[ -n "$NAMESPACE" ] || { echo "no namespace in $OVERLAY/kustomization.yaml; set NAMESPACE" >&2; exit 2; }
K=("$KUBECTL" -n "$NAMESPACE")

log() { echo "blue-green[$NAMESPACE]: $*"; }
run() { if [ "$DRY_RUN" = "1" ]; then echo "+ $*"; else "$@"; fi; }
# shellcheck source=scripts/deploy/lib-live-colour.sh
. "$HERE/lib-live-colour.sh"

# --- 1. live and idle colour -----------------------------------------------------------------------
if [ "$DRY_RUN" = "1" ]; then
  LIVE="${LIVE_COLOUR:-blue}"
else
  LIVE="$("${K[@]}" get service rtx-http -o jsonpath='{.spec.selector.rtx\.io/colour}' 2>/dev/null || true)"
  LIVE="${LIVE:-blue}"   # first deployment: git's default
fi
case "$LIVE" in
  blue) IDLE=green ;;
  green) IDLE=blue ;;
  *) echo "unexpected live colour '$LIVE' on service rtx-http" >&2; exit 1 ;;
esac
LIVE_IMAGE=""
if [ "$DRY_RUN" != "1" ]; then
  LIVE_IMAGE="$("${K[@]}" get deployment "rtx-$LIVE" -o jsonpath='{.spec.template.spec.containers[?(@.name=="engine")].image}' 2>/dev/null || true)"
fi
if [ "$DRY_RUN" != "1" ]; then
  CONFIG_LIVE="$(config_value RTX_LIVE_COLOUR "")"
  if [ -n "$CONFIG_LIVE" ] && [ "$CONFIG_LIVE" != "$LIVE" ]; then
    log "WARNING: rtx-config says RTX_LIVE_COLOUR=$CONFIG_LIVE but rtx-http serves $LIVE (an interrupted switch?): the apply sets it to $LIVE"
  fi
fi
# What a failure handler needs (scripts/deploy/on-failure.sh): the colour live before this deploy,
# and whether the switch to the new one began. Nothing switched → nothing to roll back.
STATE_FILE="${STATE_FILE:-}"
record() { [ -z "$STATE_FILE" ] || printf 'namespace=%s\nprevious_live=%s\nswitched=%s\n' "$NAMESPACE" "$LIVE" "$1" > "$STATE_FILE"; }
record 0
log "live colour $LIVE (${LIVE_IMAGE:-not deployed yet}), deploying $IMAGE_REF to idle colour $IDLE"

# --- 2. render: overlay + new image on the idle slot, live slot and selectors as they run ---------
WORK="$(mktemp -d)"
PF_PID=""
PF_MANAGEMENT_PID=""
cleanup() {
  [ -z "$PF_PID" ] || kill "$PF_PID" 2>/dev/null || true
  [ -z "$PF_MANAGEMENT_PID" ] || kill "$PF_MANAGEMENT_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
{
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "resources:"
  echo "  - $(realpath --relative-to="$WORK" "$OVERLAY")"   # kustomize wants a relative path
  echo "patches:"
  # Idle slot: the new image; it is in standby while RTX_LIVE_COLOUR names the live colour.
  echo "  - target: { kind: Deployment, name: rtx-$IDLE }"
  echo "    patch: |-"
  echo "      apiVersion: apps/v1"
  echo "      kind: Deployment"
  echo "      metadata: { name: rtx-$IDLE }"
  echo "      spec:"
  echo "        template:"
  echo "          spec:"
  echo "            containers:"
  echo "              - name: engine"
  echo "                image: \"$IMAGE_REF\""
  # Live slot: left out of the apply, so it runs on untouched (no restart of the live colour).
  if [ -n "$LIVE_IMAGE" ]; then
    echo "  - target: { kind: Deployment, name: rtx-$LIVE }"
    echo "    patch: |-"
    echo "      \$patch: delete"
    echo "      apiVersion: apps/v1"
    echo "      kind: Deployment"
    echo "      metadata: { name: rtx-$LIVE }"
  fi
  for svc in rtx-http rtx-fix; do
    echo "  - target: { kind: Service, name: $svc }"
    echo "    patch: |-"
    echo "      - { op: replace, path: /spec/selector/rtx.io~1colour, value: $LIVE }"
  done
  echo "  - target: { kind: Service, name: rtx-http-preview }"
  echo "    patch: |-"
  echo "      - { op: replace, path: /spec/selector/rtx.io~1colour, value: $IDLE }"
  # The switch stays where it is (git says blue; the running cluster may say green).
  echo "  - target: { kind: ConfigMap, name: rtx-config }"
  echo "    patch: |-"
  echo "      - { op: add, path: /data/RTX_LIVE_COLOUR, value: $LIVE }"
} > "$WORK/kustomization.yaml"
"$KUBECTL" kustomize "$WORK" > "$WORK/rendered.yaml"
grep -q "image: $IMAGE_REF" "$WORK/rendered.yaml" || { echo "render lacks the new image" >&2; exit 1; }
grep -q "RTX_LIVE_COLOUR: $LIVE\$" "$WORK/rendered.yaml" || { echo "render lacks RTX_LIVE_COLOUR=$LIVE" >&2; exit 1; }
if grep -q "name: RTX_STANDBY\$" "$WORK/rendered.yaml"; then
  echo "render sets RTX_STANDBY on a Deployment: RTX_LIVE_COLOUR in rtx-config is the only switch" >&2; exit 1
fi
if [ "$DRY_RUN" = "1" ]; then
  log "rendered $(grep -c '^kind:' "$WORK/rendered.yaml") objects (dry run: not applied)"
else
  require_config_scan
  "${K[@]}" apply --server-side --force-conflicts --field-manager=rtx-blue-green -f "$WORK/rendered.yaml"
  # Deployments from before RTX_LIVE_COLOUR had RTX_STANDBY per slot; one left on the idle slot
  # (e.g. first applied by another field manager) would pin it in standby after the switch.
  if [ -n "$(slot_env "$IDLE" RTX_STANDBY)" ]; then
    "${K[@]}" set env "deployment/rtx-$IDLE" RTX_STANDBY-
  fi
fi

# --- 3. idle rollout and smoke test ------------------------------------------------------------------
run "${K[@]}" rollout status "deployment/rtx-$IDLE" --timeout="$ROLLOUT_TIMEOUT"
if [ "$DRY_RUN" != "1" ]; then
  "${K[@]}" port-forward service/rtx-http-preview "$SMOKE_PORT:8080" >"$WORK/port-forward.log" 2>&1 &
  PF_PID=$!
  # The management port (metrics, health details) is on no Service the Ingress uses: straight to a pod.
  "${K[@]}" port-forward "deployment/rtx-$IDLE" "$SMOKE_MANAGEMENT_PORT:9090" >"$WORK/port-forward-management.log" 2>&1 &
  PF_MANAGEMENT_PID=$!
  for _ in $(seq 1 30); do
    curl -s -o /dev/null "http://127.0.0.1:$SMOKE_PORT/health/live" && break
    sleep 1
  done
  if ! SMOKE_READY_WAIT_S=60 SMOKE_MANAGEMENT_URL="http://127.0.0.1:$SMOKE_MANAGEMENT_PORT" \
    "$HERE/smoke-test.sh" "http://127.0.0.1:$SMOKE_PORT"; then
    log "smoke test of $IDLE FAILED: traffic stays on $LIVE; $IDLE left running for inspection"
    exit 1
  fi
  kill "$PF_PID" "$PF_MANAGEMENT_PID" 2>/dev/null || true
  PF_PID=""
  PF_MANAGEMENT_PID=""
fi

# --- 4. switch -----------------------------------------------------------------------------------
# Dealing first (RTX_LIVE_COLOUR; the engines follow within RTX_CONFIG_SCAN_PERIOD_MS, no restart),
# then the traffic once the new colour owns every shard.
# The new colour takes the live colour's load at once: give it at least as many pods first (the
# live colour's HPA may have scaled it far above the idle colour's minimum).
if [ "$DRY_RUN" = "1" ]; then
  echo "+ scale deployment/rtx-$IDLE to the replicas of rtx-$LIVE when it has fewer, and wait for the rollout"
elif [ -n "$LIVE_IMAGE" ]; then
  live_replicas="$("${K[@]}" get deployment "rtx-$LIVE" -o jsonpath='{.spec.replicas}' 2>/dev/null || true)"
  idle_replicas="$("${K[@]}" get deployment "rtx-$IDLE" -o jsonpath='{.spec.replicas}' 2>/dev/null || true)"
  if [ -n "$live_replicas" ] && [ "${idle_replicas:-0}" -lt "$live_replicas" ]; then
    log "scaling $IDLE from ${idle_replicas:-0} to $live_replicas replicas (as $LIVE) before the switch"
    "${K[@]}" scale deployment "rtx-$IDLE" --replicas="$live_replicas"
    "${K[@]}" rollout status "deployment/rtx-$IDLE" --timeout="$ROLLOUT_TIMEOUT"
  fi
fi
check_slot "$IDLE" || exit 1
log "switching RTX_LIVE_COLOUR in rtx-config from $LIVE to $IDLE (dealing shards move: $LIVE releases, $IDLE acquires)"
record 1
set_live_colour "$IDLE"
if ! wait_handover "$IDLE" "$LIVE"; then
  log "switch ABORTED: RTX_LIVE_COLOUR back to $LIVE; traffic stays on $LIVE; $IDLE left running for inspection"
  set_live_colour "$LIVE"
  record 0
  exit 1
fi
log "switching rtx-http and rtx-fix from $LIVE to $IDLE"
for svc in rtx-http rtx-fix; do
  run "${K[@]}" patch service "$svc" --type=json \
    -p "[{\"op\":\"replace\",\"path\":\"/spec/selector/rtx.io~1colour\",\"value\":\"$IDLE\"}]"
done
run "${K[@]}" patch service rtx-http-preview --type=json \
  -p "[{\"op\":\"replace\",\"path\":\"/spec/selector/rtx.io~1colour\",\"value\":\"$LIVE\"}]"
run "${K[@]}" annotate deployment "rtx-$IDLE" rtx.io/live-since="$(date -u +%Y-%m-%dT%H:%M:%SZ)" --overwrite
run "${K[@]}" annotate deployment "rtx-$LIVE" rtx.io/live-since- 2>/dev/null || true

log "live colour is now $IDLE ($IMAGE_REF); $LIVE kept running in standby for rollback: scripts/deploy/rollback.sh $NAMESPACE"
