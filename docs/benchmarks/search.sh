#!/usr/bin/env bash
# Catalog search latency with 1,000,000 reports indexed: fills a fresh database with one version each of 400
# participants x 10 report codes x every weekday of 2024 (SQL, not through Kafka: ingest is catalog.sh's subject),
# starts the packaged catalog with the pod's JVM options, and times typical queries through the REST API, one at a
# time, each with different values (SearchLoad.java): first 100 calls of every query on the fresh catalog (the cold
# figures: p50 and max), then p50, p99 and max of N calls (default 500) of each on the warm catalog.
# Run from the repository root: docs/benchmarks/search.sh [calls]. Needs PostgreSQL on 127.0.0.1:5432 (user postgres,
# trust), openssl, and free ports 39292-39293, 38083. The bearer token is signed by the script's own RSA key, given to
# the catalog as quarkus.oidc.public-key (no Keycloak needed).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CALLS=${1:-500}
WORK=${BENCH_DIR:-/tmp/rap-relay-search-bench}
DB=rr_bench_search
source "$ROOT/docs/benchmarks/bench-lib.sh"
CATALOG_JAVA_OPTS=${CATALOG_JAVA_OPTS:-$(catalog_pod_java_opts)}
sql() { psql -q -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 "$@"; }

./mvnw -B -q -ntp -DskipTests -pl testing,catalog-service -am install >/dev/null
# The catalog does not start without its access-log keys (docs/security.md).
java -jar "$(ls access-log-verifier/target/access-log-verifier-*-runner.jar | head -1)" keys --dir "$WORK/keys" >/dev/null
fresh_database
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
PUBLIC_KEY=$(openssl pkey -in "$WORK/key.pem" -pubout -outform DER | base64 -w0)

java -cp "testing/target/classes:$(cat testing/target/runtime-classpath.txt)" \
    io.raprelay.testing.kafka.KafkaBrokerMain 39292 "$WORK/kafka" >"$WORK/logs/kafka.log" 2>&1 &
PIDS+=($!)
wait_until 60 "the broker" grep -q "Kafka broker ready" "$WORK/logs/kafka.log"

start_catalog() {
    java $CATALOG_JAVA_OPTS -Dquarkus.http.port=38083 -Dkafka.bootstrap.servers=127.0.0.1:39292 -Dkafka.security.protocol=PLAINTEXT \
        -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$DB" -Dquarkus.datasource.username=postgres \
        -Dquarkus.datasource.password= -Dquarkus.oidc.public-key="$PUBLIC_KEY" -Dquarkus.management.port=39083 \
        -Dcatalog.access-log.chain-key-file="$WORK/keys/access-log-chain.key" \
        -Dcatalog.access-log.checkpoint-signing-key-file="$WORK/keys/checkpoint-signing.pem" \
        -Dcatalog.access-log.checkpoint-verify-key-file="$WORK/keys/checkpoint-verify.pem" \
        -Dcatalog.access-log.checkpoint-file="$WORK/checkpoints.jsonl" \
        -jar catalog-service/target/quarkus-app/quarkus-run.jar >>"$WORK/logs/catalog.log" 2>&1 &
    CATALOG=$!
    PIDS+=($CATALOG)
    wait_until 120 "the catalog" curl -sf -o /dev/null localhost:39083/q/health/live
}
# First start: Flyway creates the schema.
start_catalog
kill $CATALOG && wait $CATALOG 2>/dev/null || true

t0=$(now)
sql <<'SQL'
insert into report (report_key, clearing_house, source_system, report_code, participant, business_date, installation,
                    account, file_name, remote_path, latest_version, first_seen_at, updated_at, first_fetched_at)
select 'HKSCC/rapb' || p || '/INBOX/' || to_char(d, 'YYYYMMDD') || '/' || c || '_B' || p || '_' || to_char(d, 'YYYYMMDD') || '.txt',
       'HKSCC', case when c like 'RM%' or c = 'RPF01' then 'VAR' when c = 'CCMDS01' then 'CCMS' else 'CCASS' end,
       c, 'B' || p, d, 'HKSCC', 'rapb' || p, c || '_B' || p || '_' || to_char(d, 'YYYYMMDD') || '.txt',
       'INBOX/' || to_char(d, 'YYYYMMDD') || '/' || c || '_B' || p || '_' || to_char(d, 'YYYYMMDD') || '.txt',
       1, d + time '18:00', d + time '18:00', d + time '18:00'
from generate_series(date '2024-01-01', date '2024-12-31', interval '1 day') as g(d0)
     cross join lateral (select d0::date as d) dd
     cross join generate_series(10000, 10399) as p
     cross join unnest(array['CSEMS08','CCLID01','RMAMP01','RMAMR01','CIPSI02','CSEMA08','CCLTN05','CCMDS01','RMAMR03','RPF01']) as c
where extract(isodow from d) < 6;
insert into report_version (report_key, version, report_id, event_id, size, sha256, remote_modified_at, fetched_at,
                            data_centre, host, archive_location, media_type, practice_session, kafka_topic,
                            kafka_partition, kafka_offset, ingested_at)
select report_key, 1, 'r-' || md5(report_key), md5(report_key || '/event'), 1000 + length(report_key),
       md5(report_key) || md5(report_key || '/content'), updated_at, updated_at, 'PRIMARY', '10.243.2.141:18801',
       'file:///var/lib/rap-relay/archive/' || report_key, 'text/plain', false, 'rap.reports', 0,
       row_number() over (), updated_at
from report;
analyze;
SQL
REPORTS=$(sql -tAc "select count(*) from report")
echo "loaded $REPORTS reports in $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.0f", (b - a) / 1e9 }') s; database $(sql -tAc "select pg_size_pretty(pg_database_size('$DB'))")"

start_catalog
java docs/benchmarks/SearchLoad.java http://localhost:38083 "$WORK/key.pem" "$CALLS"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(psql --version)"
echo "catalog JVM: $CATALOG_JAVA_OPTS"
