#!/usr/bin/env bash
# Fetch benchmark with the shipped defaults, timed until the reports are visible through the catalog's API.
#
# The whole path runs as in production, on loopback: the Kafka broker closed (TLS, SCRAM, ACLs), Keycloak, the
# packaged catalog (prod profile, the machine's PostgreSQL) and the packaged fetcher (prod profile: every fetcher.*
# setting at its default; only addresses, the account and its key, the Kafka credentials and the data folder are set,
# in $WORK/fetcher.properties). The RAP server is OpenSSH's own sshd (internal-sftp, read-only, key-only login) and,
# for comparison, the RAP simulator (Apache MINA SSHD). Phases (all by default, or name some as arguments):
#   burst    1,000 files (10 KB - 20 MB, log-uniform, fixed seed, ~2.7 GB) appear at once (one rename): from the start
#            of the first poll that sees them until the catalog lists all; then OpenSSH sftp (get -r) and
#            lftp mirror --parallel=4 download the same folder from the same server. Fetcher CPU-seconds per GB, and
#            how many of them its JIT compiler took. The fetcher is warm: it fetched 5,100 reports of another day first
#            (WARM_FILES, WARM_MAX, WARM_LARGE below; that cold warm-up is reported too).
#   s3burst  the same burst with the archive in an S3 bucket (fetcher.archive-store=s3; s3proxy 2.6.0, file-system
#            backend, on this machine, started as the local run's s3 part): run with burst (`fetch.sh burst s3burst`)
#            for both side by side.
#   small    20,000 files of a few bytes appear at once: same timing, and sftp get -r of the folder.
#   idle     the polls over that folder of 20,000 fetched files, nothing new: the poll's duration and the RSS after.
#   latency  100 single reports dropped at random times over 5 minutes: appearance -> ingested by the catalog, p50/p99.
#   sim      the burst against the simulator (its sftp in the same run).
#   big      one 2 GB file: the fetcher's peak RSS (fresh process).
# Run from the repository root as root (sshd logs in the user running it): docs/benchmarks/fetch.sh [phase...].
# Needs ~12 GB free in $BENCH_DIR (default /tmp/rap-relay-bench), PostgreSQL as .ci/run leaves it, openssh-server and
# lftp (installed with apt-get when missing), the ports below. FETCHER_JAVA_OPTS: the fetcher's JVM options (default:
# what the Kubernetes pod gets: its 96 MB heap, the serial collector its manifest pins, the image's run-java.sh ratios);
# FETCHER_JAVA_HOME: another JDK for the fetcher.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PHASES=("$@")
((${#PHASES[@]})) || PHASES=(burst small idle latency sim big)
WORK=${BENCH_DIR:-/tmp/rap-relay-bench}
# Smaller sets for a quick try, and the warm-up's size; the figures in fetch.md are with the defaults.
BURST_FILES=${BURST_FILES:-1000}
SMALL_FILES=${SMALL_FILES:-20000}
# The warm-up: 5,000 reports of 10-20 KB (72 MB) and 100 of 10 KB-20 MB (311 MB) of another day, fetched and ingested
# before a burst is timed. HotSpot compiles a method with C2 only after about 5,000 calls (Tier4InvocationThreshold), so
# code that runs once per report is compiled only in a fetcher (and a catalog) that has handled a few thousand reports
# of every size; with the 100 files alone (WARM_FILES=0, the warm-up until 2026-12-08: a fetcher just started) the JIT
# compiled during the burst.
WARM_FILES=${WARM_FILES:-5000} WARM_MAX=${WARM_MAX:-20000} WARM_LARGE=${WARM_LARGE:-100}
source "$ROOT/docs/benchmarks/pod-jvm.sh"
FETCHER_JAVA_OPTS=${FETCHER_JAVA_OPTS:-$(pod_java_opts 96m -XX:+UseSerialGC)}
FETCHER_JAVA=${FETCHER_JAVA_HOME:+$FETCHER_JAVA_HOME/bin/}java
SSHD_PORT=38822
export RAPRELAY_WORK=$WORK S3_PORT=38902 KAFKA_PORT=39092 KEYCLOAK_PORT=38180 KEYCLOAK_MANAGEMENT_PORT=38181 \
    CATALOG_PORT=38082 CATALOG_MANAGEMENT_PORT=39082 SIMULATOR_BASE_PORT=38801 SIMULATOR_ADMIN_PORT=38900 \
    SIMULATOR_RELEASE_INTERVAL=P1D CATALOG_DB=rr_bench_fetch_catalog NOTIFIER_DB=rr_bench_fetch_notifier \
    KEYCLOAK_HOME=${KEYCLOAK_HOME:-$HOME/.cache/rap-relay/keycloak}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} \
    PGOPTIONS='-c client_min_messages=warning'
export OIDC_AUTH_SERVER_URL=http://127.0.0.1:$KEYCLOAK_PORT/realms/rap-relay
FETCHER_MANAGEMENT_PORT=39081
rm -rf "$WORK" && mkdir -p "$WORK/logs"
# shellcheck source=../../deploy/local/components.sh
source deploy/local/components.sh
has() { local p; for p in "${PHASES[@]}"; do [[ $p == "$1" ]] && return 0; done; return 1; }

PIDS_STARTED=()
cleanup() {
    local rc=$? name
    set +e
    [[ -n "${FETCHER:-}" ]] && kill "$FETCHER" 2>/dev/null
    [[ -n "${SSHD:-}" ]] && kill "$SSHD" 2>/dev/null
    [[ -n "${S3PROXY:-}" ]] && kill "$S3PROXY" 2>/dev/null
    for name in "${PIDS_STARTED[@]}"; do signal TERM "$name"; done
    wait 2>/dev/null
    psql -q -d postgres -c "drop database if exists $CATALOG_DB" -c "drop database if exists $NOTIFIER_DB" \
        >/dev/null 2>&1
    if ((rc != 0)); then rm -rf "$WORK-logs" && mv "$WORK/logs" "$WORK-logs" && echo "logs kept in $WORK-logs" >&2; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
command -v lftp >/dev/null && [[ -x /usr/sbin/sshd ]] ||
    { apt-get update -qq && apt-get install -y -qq lftp openssh-server >/dev/null; }

./mvnw -B -q -ntp -DskipTests -pl testing,rap-simulator,fetcher-service,catalog-service,access-log-verifier -am \
    install >/dev/null
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
grown() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; } # <before> <now>: how much a counter grew
cpu_user() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", $14 / hz }' /proc/$1/stat; }
cpu_secs() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' /proc/$1/stat; }
peak_rss_mb() { awk '/VmHWM/ { print int($2 / 1024) }' /proc/$1/status; }
# CPU-seconds of a JVM's JIT compiler threads (C1 and C2) so far: what compiling costs within its CPU figure.
jit_secs() {
    local t total=0
    for t in /proc/$1/task/*; do
        [[ $(cat "$t/comm" 2>/dev/null) == C[12]" CompilerThre"* ]] || continue
        total=$((total + $(sed 's/.*) //' "$t/stat" | awk '{ print $12 + $13 }')))
    done
    awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}

# --- The system: broker, Keycloak, catalog, simulator ------------------------------------------------------------
# The ports free (a previous run's Keycloak may still be letting go of them).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$KAFKA_PORT" "$KEYCLOAK_PORT" "$KEYCLOAK_MANAGEMENT_PORT" "$CATALOG_PORT" "$CATALOG_MANAGEMENT_PORT" \
    "$SIMULATOR_ADMIN_PORT" $(seq "$SIMULATOR_BASE_PORT" $((SIMULATOR_BASE_PORT + 7))) "$SSHD_PORT" 38081 \
    "$FETCHER_MANAGEMENT_PORT"; do
    wait_until 60 "port $port to be free" port_free "$port"
done
psql -q -d postgres -c "drop database if exists $CATALOG_DB" -c "drop database if exists $NOTIFIER_DB" >/dev/null
prepare_databases
install_keycloak
for name in kafka keycloak simulator; do start "$name"; PIDS_STARTED+=("$name"); done
wait_until 180 "kafka, keycloak, simulator" bash -c \
    "source deploy/local/components.sh; healthy kafka && healthy keycloak && healthy simulator"
start catalog
PIDS_STARTED+=(catalog)
wait_until 180 "the catalog" healthy catalog
TOKEN=$(curl -sf -d grant_type=password -d client_id=rap-relay-cli -d username=audrey -d password=audrey \
    "$OIDC_AUTH_SERVER_URL/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
token_at=$(date +%s)
refresh_token() {
    if (($(date +%s) - token_at > 200)); then
        TOKEN=$(curl -sf -d grant_type=password -d client_id=rap-relay-cli -d username=audrey -d password=audrey \
            "$OIDC_AUTH_SERVER_URL/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
        token_at=$(date +%s)
    fi
}
# Reports of one account and business date the catalog lists (its CSV export: a header line, one line per report).
in_catalog() { # account, yyyy-mm-dd
    refresh_token
    curl -sf -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:$CATALOG_PORT/api/reports/export?account=$1&from=$2&to=$2" | tail -n +2 | wc -l
}

# --- OpenSSH's sshd as a RAP host: internal-sftp, read-only, key-only, as the user running this script -----------
USER_NAME=$(id -un)
SSHD_DIR=$WORK/sshd
RAP_HOME=$WORK/rap-openssh
mkdir -p "$SSHD_DIR" "$RAP_HOME"/{INBOX,COMMON,RPF} /run/sshd
ssh-keygen -q -t ecdsa -N '' -f "$SSHD_DIR/host_key"
ssh-keygen -q -t ecdsa -N '' -f "$SSHD_DIR/id_ecdsa"
cp "$SSHD_DIR/id_ecdsa.pub" "$SSHD_DIR/authorized_keys"
echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1,2 "$SSHD_DIR/host_key.pub")" >"$SSHD_DIR/known_hosts"
cat >"$SSHD_DIR/sshd_config" <<CONF
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $SSHD_DIR/host_key
PidFile $SSHD_DIR/sshd.pid
AuthorizedKeysFile $SSHD_DIR/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers $USER_NAME
UsePAM no
Subsystem sftp internal-sftp
ForceCommand internal-sftp -R -d $RAP_HOME
CONF
/usr/sbin/sshd -D -e -f "$SSHD_DIR/sshd_config" >"$WORK/logs/sshd.log" 2>&1 &
SSHD=$!
wait_until 20 "sshd" bash -c "exec 3<>/dev/tcp/127.0.0.1/$SSHD_PORT" 2>/dev/null

# --- The fetcher: prod profile, defaults; only where things are ----------------------------------------------------
start_fetcher() { # server (openssh|sim), log file
    local account key known sites
    if [[ $1 == openssh ]]; then
        account=$USER_NAME key=$SSHD_DIR/id_ecdsa known=$SSHD_DIR/known_hosts
        sites="127.0.0.1:$SSHD_PORT,127.0.0.1:$SSHD_PORT"
    else
        account=rapb01234 key=$WORK/rap-simulator/accounts/rapb01234/id_ecdsa known=$WORK/rap-simulator/known_hosts
        sites="127.0.0.1:$SIMULATOR_BASE_PORT,127.0.0.1:$((SIMULATOR_BASE_PORT + 1))"
    fi
    # Kafka and Keycloak as the Kubernetes manifests give them (environment); sites and the account in a file.
    cat >"$WORK/fetcher.properties" <<PROPS
config_ordinal=275
quarkus.http.port=38081
quarkus.management.port=$FETCHER_MANAGEMENT_PORT
fetcher.data-dir=$WORK/fetcher
fetcher.sites.HKSCC.primary=$sites
fetcher.sites.HKSCC.secondary=$sites
fetcher.sites.HKSCC.known-hosts-file=$known
fetcher.sites.HKCC_SEOCH.primary=$sites
fetcher.sites.HKCC_SEOCH.secondary=$sites
fetcher.sites.HKCC_SEOCH.known-hosts-file=$known
fetcher.accounts.$account.installation=HKSCC
fetcher.accounts.$account.clearing-house=HKSCC
fetcher.accounts.$account.private-key-file=$key
PROPS
    if [[ $FETCHER_ARCHIVE == s3 ]]; then
        # Where the bucket is and how to sign in: settings of the deployment, as the ConfigMap gives them.
        cat >>"$WORK/fetcher.properties" <<PROPS
fetcher.archive-store=s3
fetcher.s3.bucket=rap-relay-archive
quarkus.s3.endpoint-override=http://127.0.0.1:$S3_PORT
quarkus.s3.path-style-access=true
quarkus.s3.checksum-validation=false
quarkus.s3.aws.region=us-east-1
quarkus.s3.aws.credentials.type=static
quarkus.s3.aws.credentials.static-provider.access-key-id=local-only-access-key
quarkus.s3.aws.credentials.static-provider.secret-access-key=local-only-secret-key
PROPS
    fi
    ACCOUNT=$account
    # shellcheck disable=SC2086
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT KAFKA_USER=rap-relay-fetcher \
        KAFKA_PASSWORD=local-only-rap-relay-fetcher KAFKA_TRUSTSTORE=$WORK/kafka/tls/ca.pem \
        "$FETCHER_JAVA" $FETCHER_JAVA_OPTS -Dquarkus.config.locations="$WORK/fetcher.properties" \
        -jar fetcher-service/target/quarkus-app/quarkus-run.jar >"$2" 2>&1 &
    FETCHER=$!
    wait_until 120 "the fetcher's first poll" grep -qs "Poll $ACCOUNT" "$2"
}
stop_fetcher() { kill "$FETCHER"; wait "$FETCHER" 2>/dev/null || true; FETCHER=; }
FETCHER_ARCHIVE=file
start_s3proxy() { # the local run's s3 part (components.sh): s3proxy, its bucket rap-relay-archive a folder of it
    start s3
    S3PROXY=$(pid s3)
    wait_until 60 "s3proxy" healthy s3
}
polls() { grep -c "Poll $ACCOUNT via" "$1"; }
more_polls_than() { [[ $(polls "$1") -gt $2 ]]; }
wait_for_poll() { # log: until one more poll has ended
    wait_until 120 "a poll" more_polls_than "$1" "$(polls "$1")"
}
# The start of the poll whose end was just logged, in nanoseconds: now less the duration it logged.
last_poll_start() { # log
    local ms; ms=$(grep "Poll $ACCOUNT via" "$1" | tail -1 | sed -n 's/.* in \([0-9]*\) ms.*/\1/p')
    echo $(($(now) - ${ms:-0} * 1000000))
}

# generate <folder> <count> <min bytes> <max bytes>: log-uniform sizes, fixed seed, in a folder beside the tree.
generate() {
    python3 - "$@" <<'PY'
import math, os, random, sys
out, count, lo, hi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
first = int(sys.argv[5]) if len(sys.argv) > 5 else 0  # the first file's number, to add files to a folder
os.makedirs(out, exist_ok=True)
rng = random.Random(20250620)
chunk = os.urandom(1 << 20)
for i in range(first, first + count):
    size = int(math.exp(rng.uniform(math.log(lo), math.log(hi)))) if hi > lo else lo
    name = os.path.join(out, f"CSEMA08_B01234_{os.path.basename(out)}_{i:05d}.txt")
    with open(name, "wb") as f:
        left = size
        while left > 0:
            n = min(left, len(chunk))
            f.write(chunk[rng.randrange(0, len(chunk) - n + 1):][:n])
            left -= n
    os.utime(name, (1750000000, 1750000000))
PY
}

# Logins OpenSSH's sshd accepted so far (empty for the simulator): what a burst costs RAP besides its bytes.
logins() { [[ $server == openssh ]] && grep -c "Accepted publickey" "$WORK/logs/sshd.log"; }

# burst <server> <inbox> <date> <count> <min> <max> <label>: the files appear at once; times the fetcher until the
# catalog lists them all, from the start of the first poll that sees them; then sftp (and lftp) on the same folder.
burst() {
    local server=$1 inbox=$2 day=$3 count=$4 label=$7 iso log t0 t1 cpu0 bytes sshport
    iso="${day:0:4}-${day:4:2}-${day:6:2}"
    log=$WORK/logs/fetcher-$label.log
    generate "$WORK/gen/$day" "$count" "$5" "$6"
    bytes=$(du -sb "$WORK/gen/$day" | cut -f1)
    sync
    start_fetcher "$server" "$log"
    # Warm, as a fetcher that has been running is: WARM_FILES files of 10 KB-WARM_MAX and WARM_LARGE of 10 KB-20 MB
    # (default 5,000 and 100) of another day fetched first; the cold figures are reported too.
    local warm="202507${day:6:2}" warm_t0 warm_cpu0 warm_count=$((WARM_FILES + WARM_LARGE))
    generate "$WORK/gen/$warm" "$WARM_FILES" 10000 "$WARM_MAX"
    generate "$WORK/gen/$warm" "$WARM_LARGE" 10000 20000000 "$WARM_FILES"
    warm_cpu0=$(cpu_secs "$FETCHER")
    mv "$WORK/gen/$warm" "$inbox/$warm"
    warm_t0=$(now)
    warm_in() { [[ $(in_catalog "$ACCOUNT" "2025-07-${day:6:2}") -ge $warm_count ]]; }
    wait_until 600 "the warm-up files in the catalog" warm_in
    echo "$label: warm-up, $warm_count files, $(($(du -sb "$inbox/$warm" | cut -f1) / 1000000)) MB, cold fetcher:" \
        "$(secs "$warm_t0" "$(now)") s from appearance until all in the catalog, fetcher CPU" \
        "$(grown "$warm_cpu0" "$(cpu_secs "$FETCHER")") s"
    # Moved in right after a poll ended: the next poll, a whole interval later, is the first to see them. It is timed
    # from its start (its end, as soon as it is logged, less the duration it logs), so the wait for it is left out.
    wait_for_poll "$log"
    cpu0=$(cpu_secs "$FETCHER")
    local user0 logins0 jit0 catalog catalog_cpu0 catalog_jit0
    user0=$(cpu_user "$FETCHER") logins0=$(logins) jit0=$(jit_secs "$FETCHER")
    catalog=$(pid catalog) catalog_cpu0=$(cpu_secs "$catalog") catalog_jit0=$(jit_secs "$catalog")
    mv "$WORK/gen/$day" "$inbox/$day"
    wait_for_poll "$log"
    t0=$(last_poll_start "$log")
    # The fetcher's log first (a grep), then the catalog: asking the catalog for the whole day's export every 0.2 s
    # while the burst runs took several CPU-seconds from the two cores the fetcher and the catalog share.
    all_fetched() { [[ $(grep -c "Fetched [^ ]*/$day/" "$log") -ge $count ]]; }
    wait_until 3600 "$count files fetched" all_fetched
    all_in() { [[ $(in_catalog "$ACCOUNT" "$iso") -ge $count ]]; }
    wait_until 600 "$count reports in the catalog" all_in
    t1=$(now)
    local fetch_s fetch_cpu
    fetch_s=$(secs "$t0" "$t1")
    fetch_cpu=$(grown "$cpu0" "$(cpu_secs "$FETCHER")")
    echo "$label: $count files, $((bytes / 1000000)) MB from $server: fetcher $fetch_s s until all in the catalog;" \
        "fetcher CPU $fetch_cpu s, user $(grown "$user0" "$(cpu_user "$FETCHER")") s" \
        "($(awk -v c="$fetch_cpu" -v b="$bytes" 'BEGIN { printf "%.1f", c / (b / 1e9) }') CPU-s/GB);" \
        "peak RSS $(peak_rss_mb "$FETCHER") MB; $(grep -c 'the next poll starts now' "$log") capped polls${logins0:+; $(($(logins) - logins0)) logins on RAP}"
    echo "$label: of that fetcher CPU, its JIT compiler threads $(grown "$jit0" "$(jit_secs "$FETCHER")") s;" \
        "the catalog meanwhile $(grown "$catalog_cpu0" "$(cpu_secs "$catalog")") CPU-s," \
        "its JIT $(grown "$catalog_jit0" "$(jit_secs "$catalog")") s"
    stop_fetcher
    if [[ $server == openssh ]]; then sshport=$SSHD_PORT key=$SSHD_DIR/id_ecdsa known=$SSHD_DIR/known_hosts
    else sshport=$SIMULATOR_BASE_PORT key=$WORK/rap-simulator/accounts/rapb01234/id_ecdsa known=$WORK/rap-simulator/known_hosts; fi
    t0=$(now)
    echo "get -r INBOX/$day $WORK/dl-sftp" | sftp -q -b - -i "$key" -o UserKnownHostsFile="$known" \
        -o StrictHostKeyChecking=yes -P "$sshport" "$ACCOUNT@127.0.0.1" >/dev/null
    t1=$(now)
    local sftp_s; sftp_s=$(secs "$t0" "$t1")
    echo "$label: OpenSSH sftp get -r: $sftp_s s; fetcher / sftp = $(awk -v a="$fetch_s" -v b="$sftp_s" 'BEGIN { printf "%.2f", a / b }')x"
    rm -rf "$WORK/dl-sftp"
    if ((count <= 1000)); then
        t0=$(now)
        lftp -e "set sftp:connect-program 'ssh -a -x -i $key -o UserKnownHostsFile=$known -o StrictHostKeyChecking=yes'; \
mirror --parallel=4 INBOX/$day $WORK/dl-lftp; quit" -p "$sshport" -u "$ACCOUNT," sftp://127.0.0.1 >/dev/null
        t1=$(now)
        echo "$label: lftp mirror --parallel=4: $(secs "$t0" "$t1") s"
        rm -rf "$WORK/dl-lftp"
    fi
}

if has burst; then burst openssh "$RAP_HOME/INBOX" 20250620 "$BURST_FILES" 10000 20000000 burst-openssh; fi
if has s3burst; then
    start_s3proxy
    FETCHER_ARCHIVE=s3 burst openssh "$RAP_HOME/INBOX" 20250625 "$BURST_FILES" 10000 20000000 burst-openssh-s3
    echo "burst-openssh-s3: the bucket holds $(find "$WORK/s3/rap-relay-archive" -type f | wc -l) objects," \
        "$(($(du -sb "$WORK/s3/rap-relay-archive" | cut -f1) / 1000000)) MB"
fi
if has small || has idle; then burst openssh "$RAP_HOME/INBOX" 20250621 "$SMALL_FILES" 5 5 small-openssh; fi
if has idle; then
    log=$WORK/logs/fetcher-idle.log
    start_fetcher openssh "$log"
    # Three polls over the 20,000 (and any earlier) fetched files, nothing new: each one's duration as logged.
    wait_until 200 "three more polls" more_polls_than "$log" 3
    grep "Poll $ACCOUNT via" "$log" | tail -3 | sed -n 's/.* \([0-9]*\) files seen.* in \([0-9]*\) ms.*/idle: poll over \1 files, nothing new: \2 ms/p'
    echo "idle: RSS $(awk '/VmRSS/ { print int($2 / 1024) }' /proc/$FETCHER/status) MB"
    stop_fetcher
fi
if has latency; then
    log=$WORK/logs/fetcher-latency.log
    start_fetcher openssh "$log"
    mkdir -p "$RAP_HOME/INBOX/20250624" "$WORK/gen/20250624"
    : >"$WORK/appeared.txt"
    # 100 drops at random moments over 5 minutes (a fixed seed): each written aside, then renamed in.
    start_lat=$(now)
    for delay in $(python3 -c 'import random; r = random.Random(7); print("\n".join(sorted(f"{r.uniform(0, 300):.3f}" for _ in range(100))))' | sort -n); do
        target=$(awk -v s="$start_lat" -v d="$delay" 'BEGIN { printf "%d", s + d * 1e9 }')
        while (($(now) < target)); do sleep 0.05; done
        name=CSEMA08_B01234_20250624_$(printf '%03d' "$(wc -l <"$WORK/appeared.txt")").txt
        head -c 20000 /dev/urandom >"$WORK/gen/20250624/$name"
        mv "$WORK/gen/20250624/$name" "$RAP_HOME/INBOX/20250624/$name"
        echo "$name $(now)" >>"$WORK/appeared.txt"
    done
    all_in() { [[ $(in_catalog "$ACCOUNT" 2025-06-24) -ge 100 ]]; }
    wait_until 120 "the 100 single reports in the catalog" all_in
    refresh_token
    curl -sf -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:$CATALOG_PORT/api/reports?account=$ACCOUNT&from=2025-06-24&to=2025-06-24&limit=100" \
        | python3 -c '
import json, sys, datetime
appeared = dict(line.split() for line in open(sys.argv[1]))
page = json.load(sys.stdin)
lat = sorted((datetime.datetime.fromisoformat(i["latest"]["ingestedAt"].replace("Z", "+00:00")).timestamp()
              - int(appeared[i["fileName"]]) / 1e9) for i in page["items"])
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
print(f"latency: {len(lat)} single reports, appearance -> in the catalog: p50 {p(0.5):.1f} s, p99 {p(0.99):.1f} s, max {lat[-1]:.1f} s")
' "$WORK/appeared.txt"
    stop_fetcher
fi
if has sim; then burst sim "$WORK/rap-simulator/tree/HKSCC/rapb01234/INBOX" 20250622 "$BURST_FILES" 10000 20000000 burst-simulator; fi
if has big; then
    mkdir -p "$WORK/gen/20250623"
    head -c 2000000000 /dev/urandom >"$WORK/gen/20250623/CCLTN05_B01234_20250623.txt"
    touch -d '1 hour ago' "$WORK/gen/20250623/CCLTN05_B01234_20250623.txt"
    log=$WORK/logs/fetcher-big.log
    start_fetcher openssh "$log"
    t0=$(now)
    mv "$WORK/gen/20250623" "$RAP_HOME/INBOX/20250623"
    one_in() { [[ $(in_catalog "$ACCOUNT" 2025-06-23) -ge 1 ]]; }
    wait_until 600 "the 2 GB file in the catalog" one_in
    t1=$(now)
    echo "big: one 2 GB file in the catalog $(secs "$t0" "$t1") s after it appeared; fetcher peak RSS $(peak_rss_mb "$FETCHER") MB"
    stop_fetcher
fi
echo "fetcher JVM: $FETCHER_JAVA_OPTS, $("$FETCHER_JAVA" -version 2>&1 | head -1); all fetcher.* settings at their defaults"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(/usr/sbin/sshd -V 2>&1 | head -1 || true)"
