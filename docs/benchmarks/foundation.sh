#!/usr/bin/env bash
# Measures what the foundation promises: Kafka broker start-up, RAP simulator start-up (cold: new keys; warm: kept
# keys) and the full `./mvnw -B verify`. Run from the repository root: docs/benchmarks/foundation.sh [--skip-verify]
# Needs free ports 29092-29093, 28801-28808 and PostgreSQL for the verify step. Prints one line per figure.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

./mvnw -B -q -ntp -DskipTests -pl testing,rap-simulator -am install >/dev/null
CP="$ROOT/testing/target/classes:$(cat testing/target/runtime-classpath.txt)"
JAR=$(ls rap-simulator/target/rap-simulator-*-runner.jar | head -1)

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# Kafka: from JVM launch until the broker answers a metadata request (KafkaBroker.start waits for that).
for run in 1 2 3; do
    t0=$(date +%s%N)
    java -cp "$CP" io.raprelay.testing.kafka.KafkaBrokerMain 29092 "$WORK/kafka-$run" >"$WORK/kafka.log" 2>&1 &
    pid=$!
    until grep -q "Kafka broker ready" "$WORK/kafka.log"; do sleep 0.05; done
    echo "kafka broker, run $run: $(ms "$t0") ms from JVM launch to ready; $(grep -o 'in [0-9]* ms' "$WORK/kafka.log" | head -1) inside the JVM; RSS $(($(ps -o rss= -p $pid) / 1024)) MB"
    kill $pid; wait $pid 2>/dev/null || true
done

# Simulator: eight SFTP hosts listening; first run generates host and account keys.
for run in cold warm warm; do
    t0=$(date +%s%N)
    java -Dsimulator.data-dir="$WORK/sim" -Dsimulator.base-port=28801 -Dsimulator.admin-port=-1 \
        -Dsimulator.generator.release-interval= -jar "$JAR" >"$WORK/sim.log" 2>&1 &
    pid=$!
    until grep -q "RAP simulator ready" "$WORK/sim.log"; do sleep 0.05; done
    echo "rap simulator, $run: $(ms "$t0") ms from JVM launch to 8 hosts listening and a day published; RSS $(($(ps -o rss= -p $pid) / 1024)) MB"
    kill $pid; wait $pid 2>/dev/null || true
done

if [[ "${1:-}" != "--skip-verify" ]]; then
    t0=$(date +%s%N)
    ./mvnw -B -q -ntp verify >"$WORK/verify.log" 2>&1 || { tail -50 "$WORK/verify.log"; exit 1; }
    echo "./mvnw -B verify: $(( $(ms "$t0") / 1000 )) s"
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
