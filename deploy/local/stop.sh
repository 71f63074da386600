#!/usr/bin/env bash
# Stops what start.sh and scale.sh started, by their pid files: services first, the broker last
# (SIGTERM, then SIGKILL after 30 s).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stop_one() {
  local pidfile="$1" name; name="$(basename "$1" .pid)"
  if alive "$pidfile"; then
    local pid; pid="$(cat "$pidfile")"
    kill -TERM "$pid"
    local deadline=$(( $(date +%s) + 30 ))
    while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid"; echo "killed $name (pid $pid)"
    else
      echo "stopped $name (pid $pid)"
    fi
  fi
  rm -f "$pidfile"
}

[ -d "$RUN" ] || { echo "nothing runs"; exit 0; }
for f in "$RUN"/*.pid; do
  [ -e "$f" ] || continue
  [ "$(basename "$f")" = broker.pid ] || stop_one "$f" &
done
wait
[ -e "$RUN/broker.pid" ] && stop_one "$RUN/broker.pid"
exit 0
