#!/usr/bin/env bash
# What the pipeline does when a deploy job fails: roll back only what blue-green.sh switched, to the
# colour that was live before it (recorded in STATE_FILE), never to "the colour not serving".
#
#   scripts/deploy/on-failure.sh STATE_FILE
#
# Decision table:
#   no state file (failed before blue-green.sh began)      → nothing to roll back
#   switched=0 (failed before the switch: apply, rollout,   → nothing to roll back: traffic and
#     idle smoke test, or the hand-over aborted and reverted)   shards never left the previous colour
#   switched=1 (the switch began or finished; a later step  → rollback.sh NAMESPACE --to previous_live
#     such as the smoke test through the Ingress failed)       (nothing to do if it is live already)
# Environment: as rollback.sh (KUBECTL, DRY_RUN, SWITCH_TIMEOUT_S, SHARD_CHECK, PG_CLUSTER).
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 STATE_FILE" >&2; exit 2; }
STATE_FILE="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ ! -f "$STATE_FILE" ]; then
  echo "on-failure: no deploy state ($STATE_FILE): the blue-green deploy never began; nothing to roll back"
  exit 0
fi
state() { sed -n "s/^$1=//p" "$STATE_FILE" | head -1; }
NAMESPACE="$(state namespace)"
PREVIOUS="$(state previous_live)"
SWITCHED="$(state switched)"
case "$PREVIOUS" in blue|green) ;; *) echo "on-failure: state names no previous colour ('$PREVIOUS')" >&2; exit 1 ;; esac
[ -n "$NAMESPACE" ] || { echo "on-failure: state names no namespace" >&2; exit 1; }
if [ "$SWITCHED" != "1" ]; then
  echo "on-failure: no switch happened in $NAMESPACE: $PREVIOUS stayed live; nothing to roll back"
  exit 0
fi
echo "on-failure: the switch in $NAMESPACE began: rolling back to $PREVIOUS"
exec "$HERE/rollback.sh" "$NAMESPACE" --to "$PREVIOUS"
