#!/usr/bin/env bash
# Fetch throughput and memory, against the RAP simulator on loopback:
#   1. 1,000 files (sizes log-uniform 10 KB - 20 MB, fixed seed, about 2.7 GB) appear at once in an account's inbox;
#      time from their appearance until the fetcher's last ReportArrived is acknowledged by Kafka;
#   2. the same files downloaded from the same server by OpenSSH sftp and by lftp mirror --parallel=4;
#   3. the fetcher's peak RSS while fetching one 2 GB file (fresh process).
# Run from the repository root: docs/benchmarks/fetch.sh [files] (default 1000). Needs ~12 GB free disk in $BENCH_DIR
# (default /tmp/rap-relay-bench, removed afterwards), free ports 39092-39093, 38801-38808, 38081, and lftp
# (installed with apt-get when missing). Extra JVM options for the fetcher: FETCHER_JAVA_OPTS.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
FILES=${1:-1000}
WORK=${BENCH_DIR:-/tmp/rap-relay-bench}
FETCHER_JAVA_OPTS=${FETCHER_JAVA_OPTS:-"-Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -Xss512k"}
rm -rf "$WORK" && mkdir -p "$WORK/logs"
PIDS=()
cleanup() {
    local rc=$?
    kill "${PIDS[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
    if ((rc != 0)); then rm -rf "$WORK-logs" && mv "$WORK/logs" "$WORK-logs" && echo "logs kept in $WORK-logs" >&2; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
command -v lftp >/dev/null || { apt-get update -qq && apt-get install -y -qq lftp >/dev/null; }

./mvnw -B -q -ntp -DskipTests -pl testing,rap-simulator,fetcher-service -am install >/dev/null
SIM_JAR=$(ls rap-simulator/target/rap-simulator-*-runner.jar | head -1)
now() { date +%s%N; }
# wait_until <seconds> <what> <command...>: polls the command every 0.2 s; fails the benchmark after the limit.
wait_until() {
    local limit=$1 what=$2 deadline=$(($(date +%s) + $1)); shift 2
    until "$@"; do
        if (($(date +%s) > deadline)); then echo "gave up after ${limit}s waiting for: $what (logs in $WORK/logs)" >&2; exit 1; fi
        sleep 0.2
    done
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }

java -cp "testing/target/classes:$(cat testing/target/runtime-classpath.txt)" \
    io.raprelay.testing.kafka.KafkaBrokerMain 39092 "$WORK/kafka" >"$WORK/logs/kafka.log" 2>&1 &
PIDS+=($!)
java -Dsimulator.data-dir="$WORK/sim" -Dsimulator.base-port=38801 -Dsimulator.admin-port=-1 \
    -Dsimulator.generator.release-interval= -jar "$SIM_JAR" >"$WORK/logs/sim.log" 2>&1 &
SIM=$!
PIDS+=($SIM)
wait_until 60 "the simulator" grep -q "RAP simulator ready" "$WORK/logs/sim.log"
wait_until 60 "the broker" grep -q "Kafka broker ready" "$WORK/logs/kafka.log"
HOME_DIR="$WORK/sim/tree/HKSCC/rapb01234"
KEY="$WORK/sim/accounts/rapb01234/id_ecdsa"
KNOWN="$WORK/sim/known_hosts"

# The files, generated aside on the same file system and moved into the inbox in one rename.
python3 - "$WORK/gen/20250620" "$FILES" <<'PY'
import math, os, random, sys
out, count = sys.argv[1], int(sys.argv[2])
os.makedirs(out)
rng = random.Random(20250620)
chunk = os.urandom(1 << 20)
total = 0
for i in range(count):
    size = int(math.exp(rng.uniform(math.log(10_000), math.log(20_000_000))))
    with open(os.path.join(out, f"CSEMA08_B01234_20250620_{i:04d}.txt"), "wb") as f:
        left = size
        while left > 0:
            n = min(left, len(chunk))
            f.write(chunk[rng.randrange(0, len(chunk) - n + 1):][:n])
            left -= n
    total += size
    os.utime(os.path.join(out, f"CSEMA08_B01234_20250620_{i:04d}.txt"), (0, 1750000000))
print(f"generated {count} files, {total / 1e9:.2f} GB")
PY
BYTES=$(du -sb "$WORK/gen/20250620" | cut -f1)

start_fetcher() { # log file
    java $FETCHER_JAVA_OPTS -Dquarkus.profile=bench -Dquarkus.http.port=38081 \
        -Dkafka.bootstrap.servers=127.0.0.1:39092 -Dquarkus.management.port=39081 -Dkafka.security.protocol=PLAINTEXT \
        -Dfetcher.data-dir="$WORK/fetcher" \
        -Dfetcher.sites.HKSCC.primary=127.0.0.1:38801,127.0.0.1:38802 \
        -Dfetcher.sites.HKSCC.secondary=127.0.0.1:38803,127.0.0.1:38804 \
        -Dfetcher.sites.HKSCC.known-hosts-file="$KNOWN" \
        -Dfetcher.accounts.rapb01234.installation=HKSCC -Dfetcher.accounts.rapb01234.clearing-house=HKSCC \
        -Dfetcher.accounts.rapb01234.private-key-file="$KEY" \
        -Dfetcher.poll.interval=1s -Dfetcher.poll.min-age=1s -Dfetcher.poll.max-files-per-poll=5000 \
        -jar fetcher-service/target/quarkus-app/quarkus-run.jar >"$1" 2>&1 &
    FETCHER=$!
    PIDS+=($FETCHER)
    wait_until 120 "the fetcher's first poll" grep -q "Poll rapb01234" "$1"
}
fetched() { curl -s localhost:39081/q/metrics | awk '/^rap_fetcher_files_fetched_total/ { s += $2 } END { print s + 0 }'; }
peak_rss_mb() { awk '/VmHWM/ { print int($2 / 1024) }' /proc/$1/status; }
# CPU seconds (user + system) a process has used so far.
cpu_secs() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' /proc/$1/stat; }

start_fetcher "$WORK/logs/fetcher.log"
# The simulator's own business day is fetched by the first poll; count only the burst.
base=$(fetched)
cpu0=$(cpu_secs $FETCHER)
sim_cpu0=$(cpu_secs $SIM)
t0=$(now)
mv "$WORK/gen/20250620" "$HOME_DIR/INBOX/20250620"
all_fetched() { [[ $(fetched) -ge $((base + FILES)) ]]; }
wait_until 1800 "$FILES files fetched" all_fetched
t1=$(now)
echo "fetcher: $FILES files, $((BYTES / 1000000)) MB: $(secs "$t0" "$t1") s until the last ReportArrived was acknowledged; peak RSS $(peak_rss_mb $FETCHER) MB; CPU: fetcher $(awk -v a="$cpu0" -v b="$(cpu_secs $FETCHER)" 'BEGIN { printf "%.1f", b - a }') s, simulator $(awk -v a="$sim_cpu0" -v b="$(cpu_secs $SIM)" 'BEGIN { printf "%.1f", b - a }') s"
kill $FETCHER; wait $FETCHER 2>/dev/null || true

t0=$(now)
sim_cpu0=$(cpu_secs $SIM)
echo "get -r INBOX/20250620 $WORK/dl-sftp" | sftp -q -b - -i "$KEY" -o UserKnownHostsFile="$KNOWN" \
    -o StrictHostKeyChecking=yes -P 38801 rapb01234@127.0.0.1 >/dev/null
t1=$(now)
echo "openssh sftp get -r: $(secs "$t0" "$t1") s; simulator CPU $(awk -v a="$sim_cpu0" -v b="$(cpu_secs $SIM)" 'BEGIN { printf "%.1f", b - a }') s"

t0=$(now)
lftp -e "set sftp:connect-program 'ssh -a -x -i $KEY -o UserKnownHostsFile=$KNOWN -o StrictHostKeyChecking=yes'; \
mirror --parallel=4 INBOX/20250620 $WORK/dl-lftp; quit" -p 38801 -u rapb01234, sftp://127.0.0.1 >/dev/null
t1=$(now)
echo "lftp mirror --parallel=4: $(secs "$t0" "$t1") s"
rm -rf "$WORK/dl-sftp" "$WORK/dl-lftp" "$WORK/fetcher/archive"

mkdir -p "$WORK/gen/20250623"
head -c 2000000000 /dev/urandom >"$WORK/gen/20250623/CCLTN05_B01234_20250623.txt"
touch -d '1 hour ago' "$WORK/gen/20250623/CCLTN05_B01234_20250623.txt"
start_fetcher "$WORK/logs/fetcher-2g.log"
before=$(fetched)
t0=$(now)
mv "$WORK/gen/20250623" "$HOME_DIR/INBOX/20250623"
one_more() { [[ $(fetched) -gt $before ]]; }
wait_until 600 "the 2 GB file fetched" one_more
t1=$(now)
echo "fetcher: one 2 GB file in $(secs "$t0" "$t1") s; peak RSS $(peak_rss_mb $FETCHER) MB (JVM options: $FETCHER_JAVA_OPTS)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
