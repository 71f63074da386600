#!/usr/bin/env bash
# scale.sh SERVICE N: makes N instances of SERVICE (trainer, scorer, oracle) run, starting the
# missing ones (instance ids SERVICE-2, SERVICE-3, ...). They share the work through the consumer
# group named after the service; Kafka spreads the campaigns (keys) over the topic partitions
# (2 by default: more instances than partitions stand by). Scaling down: kill -TERM the pid in
# run/SERVICE-i.pid.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -eq 2 ] || die "usage: $0 SERVICE N   (SERVICE: trainer, scorer or oracle)"
service="$1" wanted="$2"
case "$service" in trainer|scorer|oracle) ;;
  campaign) die "campaign runs once: its API reads the budget ledger of every partition locally" ;;
  *) die "unknown service $service" ;; esac
alive "$RUN/broker.pid" || die "the broker does not run: deploy/local/start.sh first"
running=0
for f in "$RUN/$service"-*.pid; do alive "$f" && running=$((running + 1)); done
while [ "$running" -lt "$wanted" ]; do
  start_service "$service" "$(next_index "$service")"
  running=$((running + 1))
done
echo "$running instance(s) of $service run"
