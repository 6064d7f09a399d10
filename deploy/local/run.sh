#!/usr/bin/env bash
# Runs RAP Relay locally without Docker: a single-node Kafka broker (KRaft, Apache Kafka's own jars, from the
# testing module) and the RAP simulator (8 SFTP hosts, admin API, a business day of reports and a release schedule).
# The three services join this script as their issues land. Ctrl-C stops everything this script started, nothing else.
#
# Environment: RAPRELAY_WORK (state, default ./work), KAFKA_PORT (9092), SIMULATOR_BASE_PORT (18801),
# SIMULATOR_ADMIN_PORT (18900), SIMULATOR_RELEASE_INTERVAL (PT30S).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${RAPRELAY_WORK:-$ROOT/work}
KAFKA_PORT=${KAFKA_PORT:-9092}
SIMULATOR_BASE_PORT=${SIMULATOR_BASE_PORT:-18801}
SIMULATOR_ADMIN_PORT=${SIMULATOR_ADMIN_PORT:-18900}
SIMULATOR_RELEASE_INTERVAL=${SIMULATOR_RELEASE_INTERVAL:-PT30S}
LOGS=$WORK/logs
mkdir -p "$LOGS"

SIMULATOR_JAR=$(ls "$ROOT"/rap-simulator/target/rap-simulator-*-runner.jar 2>/dev/null | head -1 || true)
BROKER_CLASSPATH_FILE=$ROOT/testing/target/runtime-classpath.txt
if [[ -z "$SIMULATOR_JAR" || ! -f "$BROKER_CLASSPATH_FILE" ]]; then
    echo "Building the simulator and the broker launcher (first run only)..."
    (cd "$ROOT" && ./mvnw -B -q -ntp -DskipTests -pl testing,rap-simulator -am install)
    SIMULATOR_JAR=$(ls "$ROOT"/rap-simulator/target/rap-simulator-*-runner.jar | head -1)
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$KAFKA_PORT" "$SIMULATOR_BASE_PORT" "$SIMULATOR_ADMIN_PORT"; do
    if port_in_use "$port"; then
        echo "Port $port is already in use; stop what holds it or choose other ports (see the header of $0)." >&2
        exit 1
    fi
done

PIDS=()
stop_all() {
    trap - INT TERM EXIT
    if ((${#PIDS[@]})); then
        echo; echo "Stopping ${PIDS[*]}..."
        kill "${PIDS[@]}" 2>/dev/null || true
        wait "${PIDS[@]}" 2>/dev/null || true
    fi
}
trap stop_all INT TERM EXIT

wait_for() { # name, seconds, command...
    local name=$1 seconds=$2; shift 2
    for ((i = 0; i < seconds * 2; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.5
    done
    echo "$name did not become healthy in ${seconds}s; see $LOGS" >&2
    exit 1
}

started=$(date +%s%N)
java -Xmx512m -cp "$ROOT/testing/target/classes:$(cat "$BROKER_CLASSPATH_FILE")" \
    io.raprelay.testing.kafka.KafkaBrokerMain "$KAFKA_PORT" "$WORK/kafka" >"$LOGS/kafka.log" 2>&1 &
PIDS+=($!)
java -Xmx256m -Dsimulator.data-dir="$WORK/rap-simulator" -Dsimulator.base-port="$SIMULATOR_BASE_PORT" \
    -Dsimulator.admin-port="$SIMULATOR_ADMIN_PORT" -Dsimulator.generator.release-interval="$SIMULATOR_RELEASE_INTERVAL" \
    -jar "$SIMULATOR_JAR" >"$LOGS/rap-simulator.log" 2>&1 &
PIDS+=($!)

wait_for "RAP simulator" 60 grep -q "RAP simulator ready" "$LOGS/rap-simulator.log"
wait_for "Kafka broker" 90 grep -q "Kafka broker ready" "$LOGS/kafka.log"

cat <<INFO

RAP Relay local stack is up ($(( ($(date +%s%N) - started) / 1000000 )) ms):
  Kafka broker      127.0.0.1:$KAFKA_PORT            (data in $WORK/kafka, log $LOGS/kafka.log)
  RAP simulator     sftp://127.0.0.1:$SIMULATOR_BASE_PORT-$((SIMULATOR_BASE_PORT + 7))   (log $LOGS/rap-simulator.log)
  Simulator admin   http://127.0.0.1:$SIMULATOR_ADMIN_PORT/api/hosts
  known_hosts       $WORK/rap-simulator/known_hosts
  Account keys      $WORK/rap-simulator/accounts/<user>/id_ecdsa  (users: rapb01234, raphkcc01, rapseoch01)
  Try:  sftp -i $WORK/rap-simulator/accounts/rapb01234/id_ecdsa -o UserKnownHostsFile=$WORK/rap-simulator/known_hosts -P $SIMULATOR_BASE_PORT rapb01234@127.0.0.1
Press Ctrl-C to stop.
INFO
wait -n "${PIDS[@]}"
echo "A component exited; see $LOGS" >&2
