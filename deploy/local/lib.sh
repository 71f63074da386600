# Shared by start.sh, scale.sh and stop.sh: where things are, how one process is started and how
# we wait for it. Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="$ROOT/deploy/local/run"
KAFKA_PORT="${SSAL_KAFKA_PORT:-19092}"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
HTTP_BASE="${SSAL_HTTP_PORT:-8080}"          # campaign API; the others use HTTP_BASE+1.. (see http_port)
ARTIFACTS="${SSAL_ARTIFACTS_DIR:-$RUN/artifacts}" # shared by every trainer and scorer
STARTUP_TIMEOUT="${SSAL_STARTUP_TIMEOUT:-180}"    # seconds one process may take to come up
SERVICES="campaign trainer scorer oracle"
# JVM options per service (override with SSAL_JAVA_OPTS_<SERVICE>); ND4J lives off-heap
JAVA_OPTS_campaign="${SSAL_JAVA_OPTS_CAMPAIGN:--Xmx512m}"
JAVA_OPTS_trainer="${SSAL_JAVA_OPTS_TRAINER:--Xmx1g -Dorg.bytedeco.javacpp.maxbytes=2G -Dorg.bytedeco.javacpp.maxphysicalbytes=4G}"
JAVA_OPTS_scorer="${SSAL_JAVA_OPTS_SCORER:---add-modules jdk.incubator.vector -Xmx1g -Dorg.bytedeco.javacpp.maxbytes=1G -Dorg.bytedeco.javacpp.maxphysicalbytes=3G}"
JAVA_OPTS_oracle="${SSAL_JAVA_OPTS_ORACLE:--Xmx512m}"

die() { echo "error: $*" >&2; exit 1; }

app_jar() { echo "$ROOT/services/$1/target/quarkus-app/quarkus-run.jar"; }

require_built() {
  for s in $SERVICES; do
    [ -f "$(app_jar "$s")" ] || die "$(app_jar "$s") is missing: build first with 'mvn install -DskipTests' in $ROOT"
  done
}

# The broker runs org.ssal.service.BrokerMain (services/common) from a service's own runtime
# classpath: quarkus-app/lib/main holds ssal-service-common and the Kafka broker jars (kafka_2.13,
# kafka-server, -raft, -metadata, scala-library), lib/boot holds jboss-logging and the log manager.
broker_classpath() {
  local app="$ROOT/services/campaign/target/quarkus-app"
  echo "$app/lib/boot/*:$app/lib/main/*"
}

# alive PIDFILE: the process of the pid file runs (a zombie left by kill -9 counts as gone)
alive() {
  [ -f "$1" ] || return 1
  local pid state; pid="$(cat "$1")"
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(ps -o stat= -p "$pid" 2>/dev/null)" || return 1
  case "$state" in Z*) return 1 ;; esac
}

# http_port SERVICE INDEX: campaign-1 = base, trainer-1 = base+1, scorer-1 = base+2,
# oracle-1 = base+3; instance i of a service adds 10*(i-1).
http_port() {
  local offset
  case "$1" in campaign) offset=0 ;; trainer) offset=1 ;; scorer) offset=2 ;; oracle) offset=3 ;;
    *) die "unknown service $1 (one of: $SERVICES)" ;; esac
  echo $((HTTP_BASE + offset + 10 * ($2 - 1)))
}

# wait_for NAME PIDFILE LOG PATTERN: polls the log for PATTERN until STARTUP_TIMEOUT; fails early
# when the process dies.
wait_for() {
  local name="$1" pidfile="$2" log="$3" pattern="$4"
  local deadline=$(( $(date +%s) + STARTUP_TIMEOUT ))
  while ! grep -qE "$pattern" "$log" 2>/dev/null; do
    if ! alive "$pidfile"; then
      echo "--- last lines of $log" >&2; tail -n 30 "$log" >&2
      die "$name exited while starting"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "--- last lines of $log" >&2; tail -n 30 "$log" >&2
      die "$name not up after ${STARTUP_TIMEOUT}s (waiting for /$pattern/ in $log)"
    fi
    sleep 0.5
  done
}

# start_service SERVICE INDEX: java -jar quarkus-run.jar with the shared settings, a stable
# instance id (SERVICE-INDEX: a restarted instance aborts its predecessor's open transaction at
# once) and its own HTTP port; waits until it consumes (or, for campaign, answers HTTP).
start_service() {
  local s="$1" i="$2" name="$1-$2"
  local dir="$RUN/$name" pidfile="$RUN/$name.pid" log="$RUN/$name.log"
  alive "$pidfile" && die "$name already runs (pid $(cat "$pidfile"))"
  local port; port="$(http_port "$s" "$i")"
  mkdir -p "$dir" "$ARTIFACTS"
  local opts_var="JAVA_OPTS_$s"
  # shellcheck disable=SC2086
  (cd "$dir" && exec nohup java ${!opts_var} ${JAVA_OPTS:-} \
      -Dkafka.bootstrap.servers="$BOOTSTRAP" \
      -Dssal.artifacts.dir="$ARTIFACTS" \
      -Dssal.instance-id="$name" \
      -Dquarkus.http.port="$port" \
      -Dkafka-streams.state.dir="$dir/kstreams" \
      ${SSAL_TOPIC_PARTITIONS:+-Dssal.topics.partitions="$SSAL_TOPIC_PARTITIONS"} \
      ${SSAL_TOPIC_PARTITIONS:+-Dssal.campaign.topic-partitions="$SSAL_TOPIC_PARTITIONS"} \
      ${SSAL_DATA_DIR:+-Dssal.data.dir="$SSAL_DATA_DIR"} \
      -Dssal.auth.tokens-file="${SSAL_TOKENS_FILE:-$RUN/tokens}" \
      ${SSAL_NO_AUTH:+-Dssal.auth.enabled=false} \
      ${SSAL_ORACLE_DELAY_MS:+-Dssal.oracle.delay-ms="$SSAL_ORACLE_DELAY_MS"} \
      ${SSAL_ORACLE_ERROR_RATE:+-Dssal.oracle.error-rate="$SSAL_ORACLE_ERROR_RATE"} \
      -jar "$(app_jar "$s")" >"$log" 2>&1 </dev/null) &
  echo $! >"$pidfile"
  echo -n "starting $name (pid $(cat "$pidfile"), http $port) ... "
  if [ "$s" = campaign ]; then
    wait_for "$name" "$pidfile" "$log" "Listening on"
    # the API answers 200 once the budget tracker (Kafka Streams) runs, 503 before; without a
    # token (SSAL_ADMIN_TOKEN) it answers 401 as soon as it listens
    local deadline=$(( $(date +%s) + STARTUP_TIMEOUT ))
    local auth=(); [ -n "${SSAL_ADMIN_TOKEN:-}" ] && auth=(-H "Authorization: Bearer $SSAL_ADMIN_TOKEN")
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "http://127.0.0.1:$port/campaigns")" =~ ^(200|401)$ ]]; do
      alive "$pidfile" || die "$name exited while starting; see $log"
      [ "$(date +%s)" -ge "$deadline" ] && die "$name: GET /campaigns not 200 after ${STARTUP_TIMEOUT}s; see $log"
      sleep 0.5
    done
  else
    wait_for "$name" "$pidfile" "$log" "$s consuming"
  fi
  echo "up (log $log)"
}

# next_index SERVICE: the first instance number without a live process
next_index() {
  local i=1
  while alive "$RUN/$1-$i.pid"; do i=$((i + 1)); done
  echo "$i"
}
