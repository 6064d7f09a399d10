#!/usr/bin/env bash
# Catalog ingest rate: N ReportArrived events (default 100,000) wait in rap.reports; the packaged catalog starts and
# indexes the backlog into PostgreSQL. Reports the time from the catalog's start to the last event recorded.
# Run from the repository root: docs/benchmarks/catalog.sh [events]. Needs PostgreSQL on 127.0.0.1:5432 (user postgres,
# trust) and free ports 39192-39193, 38082.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
EVENTS=${1:-100000}
WORK=${BENCH_DIR:-/tmp/rap-relay-catalog-bench}
DB=rr_bench_catalog
source "$ROOT/docs/benchmarks/bench-lib.sh"
CATALOG_JAVA_OPTS=${CATALOG_JAVA_OPTS:-$(catalog_pod_java_opts)}

./mvnw -B -q -ntp -DskipTests -pl testing,catalog-service -am install >/dev/null
./mvnw -B -q -ntp -pl catalog-service dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
# The catalog does not start without its access-log keys (docs/security.md).
java -jar "$(ls access-log-verifier/target/access-log-verifier-*-runner.jar | head -1)" keys --dir "$WORK/keys" >/dev/null
fresh_database

java -cp "testing/target/classes:$(cat testing/target/runtime-classpath.txt)" \
    io.raprelay.testing.kafka.KafkaBrokerMain 39192 "$WORK/kafka" >"$WORK/logs/kafka.log" 2>&1 &
PIDS+=($!)
wait_until 60 "the broker" grep -q "Kafka broker ready" "$WORK/logs/kafka.log"

t0=$(now)
java -cp "event-contracts/target/classes:$(cat "$WORK/cp.txt")" docs/benchmarks/CatalogLoad.java 127.0.0.1:39192 "$EVENTS"
echo "producer: $(secs "$t0" "$(now)") s"

t0=$(now)
java $CATALOG_JAVA_OPTS -Dquarkus.http.port=38082 -Dkafka.bootstrap.servers=127.0.0.1:39192 -Dkafka.security.protocol=PLAINTEXT \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$DB" -Dquarkus.datasource.username=postgres \
    -Dquarkus.datasource.password= -Dquarkus.oidc.auth-server-url=http://127.0.0.1:9/realms/none \
    -Dquarkus.management.port=39082 -Dcatalog.access-log.chain-key-file="$WORK/keys/access-log-chain.key" \
    -Dcatalog.access-log.checkpoint-signing-key-file="$WORK/keys/checkpoint-signing.pem" \
    -Dcatalog.access-log.checkpoint-verify-key-file="$WORK/keys/checkpoint-verify.pem" \
    -Dcatalog.access-log.checkpoint-file="$WORK/checkpoints.jsonl" \
    -jar catalog-service/target/quarkus-app/quarkus-run.jar >"$WORK/logs/catalog.log" 2>&1 &
PIDS+=($!)
count() { psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "select count(*) from processed_event" 2>/dev/null || echo 0; }
first_seen() { [[ $(count) -gt 0 ]]; }
wait_until 120 "the first event indexed" first_seen
t1=$(now)
c1=$(count)
all_seen() { [[ $(count) -ge $EVENTS ]]; }
wait_until 1800 "$EVENTS events indexed" all_seen
t2=$(now)
awk -v e="$EVENTS" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v t2="$t2" 'BEGIN {
    printf "catalog: %d events indexed %.1f s after launch; steady rate %.0f events/s (%d events after the first batch in %.1f s)\n",
        e, (t2 - t0) / 1e9, (e - c1) / ((t2 - t1) / 1e9), e - c1, (t2 - t1) / 1e9 }'
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(psql --version)"
echo "catalog JVM: $CATALOG_JAVA_OPTS"
