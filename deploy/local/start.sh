#!/usr/bin/env bash
# Starts ssal as separate OS processes on this machine, no Docker: a Kafka broker (KRaft) on
# 127.0.0.1:19092, then one instance each of campaign, trainer, scorer and oracle.
# Logs and pid files: deploy/local/run/. Stop with deploy/local/stop.sh.
# Settings (environment): SSAL_KAFKA_PORT (19092), SSAL_TOPIC_PARTITIONS (2), SSAL_HTTP_PORT (8080, campaign API),
# SSAL_ARTIFACTS_DIR (run/artifacts), SSAL_DATA_DIR, SSAL_ORACLE_DELAY_MS, SSAL_ORACLE_ERROR_RATE,
# SSAL_STARTUP_TIMEOUT (180 s per process), SSAL_JAVA_OPTS_<SERVICE>, JAVA_OPTS (all services).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_built
command -v curl >/dev/null || die "curl is needed"
mkdir -p "$RUN"
for f in "$RUN"/*.pid; do
  [ -e "$f" ] || continue
  alive "$f" && die "$(basename "$f" .pid) still runs (pid $(cat "$f")): run deploy/local/stop.sh first"
  rm -f "$f"
done

# --- broker. Its data lives under run/broker and is deleted when it stops (a fresh cluster per
# start), so the services' Kafka Streams state from an earlier run is dropped as well.
rm -rf "$RUN/broker" "$RUN"/campaign-*/kstreams
mkdir -p "$RUN/broker"
if (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; then
  die "port $KAFKA_PORT is taken: another broker? (set SSAL_KAFKA_PORT)"
fi
nohup java -Xmx768m -Djava.io.tmpdir="$RUN/broker" \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "$(broker_classpath)" org.ssal.service.BrokerMain "$KAFKA_PORT" "${SSAL_TOPIC_PARTITIONS:-2}" \
    >"$RUN/broker.log" 2>&1 </dev/null &
echo $! >"$RUN/broker.pid"
echo -n "starting broker (pid $(cat "$RUN/broker.pid")) on $BOOTSTRAP ... "
wait_for broker "$RUN/broker.pid" "$RUN/broker.log" "ssal broker ready at"
echo "up (log $RUN/broker.log)"

# --- services, one instance each (more with scale.sh)
for s in $SERVICES; do
  start_service "$s" 1
done

API="http://127.0.0.1:$(http_port campaign 1)"
cat <<MSG

ssal runs: broker $BOOTSTRAP, campaign API $API, artifacts in $ARTIFACTS.
Make an admin token (printed once): ./ssal token create --home $RUN --role admin --name me
  T="Authorization: Bearer <the token>"      (or start with SSAL_NO_AUTH=1 on a one-person machine)
Create a campaign:
  curl -i -X POST $API/campaigns -H "\$T" -H 'Content-Type: application/json' -d '{
    "campaignId": "demo-1", "dataset": "fashion-mnist", "poolSize": 5000, "testSize": 1000,
    "budget": 500, "initialSize": 100, "batchSize": 100, "strategy": "entropy",
    "encoder": "pixels", "seed": 7}'
  (no Fashion-MNIST here? use "dataset": "synthetic", "datasetOptions": {"classes": "4"})
Follow it:
  curl -s -H "\$T" $API/campaigns/demo-1
More instances: deploy/local/scale.sh scorer 2     Stop everything: deploy/local/stop.sh
MSG
