#!/usr/bin/env bash
# Notifier burst: N critical alerts (distinct ReportOverdue events, default 10,000) published at once to a running,
# packaged notifier (prod profile, shipped delivery settings) with two active contacts on email and SMS; timed until
# every email reached the SMTP server and every SMS the gateway (the local outbox: GreenMail SMTP plus an HTTP SMS
# endpoint). Then N arrivals of one business date: they must leave as digests, a bounded number per contact.
# Run from the repository root: docs/benchmarks/notifier.sh [N]. Needs PostgreSQL on 127.0.0.1:5432 (user postgres,
# trust) and free ports 39392-39393, 32525, 38025, 38084, 39084.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
N=${1:-10000}
WORK=${BENCH_DIR:-/tmp/rap-relay-notifier-bench}
DB=rr_bench_notifier
source "$ROOT/docs/benchmarks/bench-lib.sh"
# The notifier pod's JVM: 60 % of its 512 MiB limit, the parallel collector, one processor as its 1-CPU limit shows it
# to the JVM (the CPU time itself is not capped here) (deploy/k8s/notifier.yaml).
NOTIFIER_JAVA_OPTS=${NOTIFIER_JAVA_OPTS:-"$(pod_java_opts 307m -XX:+UseParallelGC) -XX:ActiveProcessorCount=1"}
sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "$1"; }

./mvnw -B -q -ntp -DskipTests -pl testing,notifier-service -am install >/dev/null
./mvnw -B -q -ntp -pl notifier-service dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
fresh_database
TESTING_CP="testing/target/classes:$(cat testing/target/runtime-classpath.txt)"

java -cp "$TESTING_CP" io.raprelay.testing.kafka.KafkaBrokerMain 39392 "$WORK/kafka" >"$WORK/logs/kafka.log" 2>&1 &
PIDS+=($!)
java -Xmx256m -cp "$TESTING_CP" io.raprelay.testing.mail.MailServerMain 32525 38025 "$WORK/mail" \
    >"$WORK/logs/outbox.log" 2>&1 &
PIDS+=($!)
wait_until 60 "the broker" grep -q "Kafka broker ready" "$WORK/logs/kafka.log"
wait_until 60 "the outbox" grep -q "Mail server ready" "$WORK/logs/outbox.log"

# The local run's settings (deploy/local/config/notifier.properties) with this script's addresses; the broker is
# plain here, the API's tokens are never used (no Keycloak), the weather feed is not read.
java $NOTIFIER_JAVA_OPTS -Dquarkus.config.locations="$ROOT/deploy/local/config/notifier.properties" \
    -DNOTIFIER_PORT=38084 -DNOTIFIER_MANAGEMENT_PORT=39084 -DKAFKA_PORT=39392 -Dkafka.security.protocol=PLAINTEXT \
    -DSMTP_PORT=32525 -DOUTBOX_PORT=38025 -DNOTIFIER_DB=$DB -DRAPRELAY_WORK="$WORK" \
    -DOIDC_AUTH_SERVER_URL=http://127.0.0.1:9/realms/none -Dnotifier.weather.poll-interval=off \
    -jar notifier-service/target/quarkus-app/quarkus-run.jar >"$WORK/logs/notifier.log" 2>&1 &
PIDS+=($!)
wait_until 120 "the notifier" curl -sf -o /dev/null localhost:39084/q/health/ready
# Two operations contacts: everything, every clearing house, email and SMS.
sql "insert into contact (name, email, mobile, language, active, created_at, updated_at)
     values ('Ops One', 'ops1@example.com', '+85291234567', 'en', true, now(), now()),
            ('Ops Two', 'ops2@example.com', '+85291234568', 'zh-HK', true, now(), now());
     insert into subscription (contact_id, min_severity) select id, 'INFO' from contact;
     insert into subscription_channel (subscription_id, channel)
     select id, channel from subscription, (values ('EMAIL'), ('SMS')) as c(channel);" >/dev/null

emails() { find "$WORK/mail" -name '*.eml' 2>/dev/null | wc -l; }
sent() { sql "select count(*) from notification where status = 'SENT'"; }

t0=$(now)
java -cp "event-contracts/target/classes:$(cat "$WORK/cp.txt")" docs/benchmarks/NotifierLoad.java 127.0.0.1:39392 alerts "$N"
t1=$(now)
expected=$((N * 2))
all_emails() { [[ $(emails) -ge $expected ]]; }
wait_until 3600 "$expected emails" all_emails
t2=$(now)
all_sent() { [[ $(sent) -ge $((expected * 2)) ]]; }
wait_until 3600 "$((expected * 2)) notifications sent" all_sent
t3=$(now)
echo "alerts: $N published in $(secs "$t0" "$t1") s; $expected emails at the SMTP server $(secs "$t0" "$t2") s after the first was published ($(awk -v n="$expected" -v a="$t0" -v b="$t2" 'BEGIN { printf "%.0f", n / ((b - a) / 1e9) }') emails/s); all $((expected * 2)) notifications (email and SMS) sent after $(secs "$t0" "$t3") s"
sql "select channel, status, count(*) from notification group by 1, 2 order by 1, 2" | sed 's/^/  /'

before=$(emails)
t0=$(now)
java -cp "event-contracts/target/classes:$(cat "$WORK/cp.txt")" docs/benchmarks/NotifierLoad.java 127.0.0.1:39392 arrivals "$N"
recorded() { [[ $(sql "select count(*) from arrival") -ge $N ]]; }
wait_until 600 "$N arrivals recorded" recorded
digested() { [[ $(sql "select count(*) from arrival where digest_id is null") -eq 0 ]]; }
wait_until 600 "every arrival in a digest" digested
last=-1
quiet() { # no new email for 5 s
    local seen; seen=$(emails)
    [[ $seen -eq $last ]] && return 0
    last=$seen; sleep 5; return 1
}
wait_until 120 "the digest emails" quiet
echo "arrivals: $N ReportArrived of one business date -> $(($(emails) - before)) emails for 2 contacts ($(sql "select count(distinct digest_id) from arrival") digests) within $(secs "$t0" "$(now)") s"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(psql --version)"
echo "notifier JVM: $NOTIFIER_JAVA_OPTS"
