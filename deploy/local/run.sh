#!/usr/bin/env bash
# Runs the whole of RAP Relay on this machine, without Docker: the Kafka broker (single-node KRaft, from the testing
# module), the machine's PostgreSQL (started if it is installed and down), the RAP simulator (eight SFTP hosts, a
# business day of reports and a release schedule that keeps producing), the local outbox (an SMTP server and an SMS
# gateway whose messages a person reads on a web page and as .eml files), the HKO warning-feed simulator, a real
# Keycloak with the realm of deploy/keycloak/, and the three services in prod mode. Builds what is missing, waits
# until each part is healthy, prints the URLs, the sample users and how to get a token. Ctrl-C stops everything it
# started, nothing else.
#
# Environment: RAPRELAY_WORK (state, default ./work) and the ports of deploy/local/components.sh (KAFKA_PORT 9092,
# SIMULATOR_BASE_PORT 18801-18808, SIMULATOR_ADMIN_PORT 18900, SMTP_PORT 2525, OUTBOX_PORT 8025, WARNSUM_PORT 8191,
# KEYCLOAK_PORT 8180 and KEYCLOAK_MANAGEMENT_PORT 8181, FETCHER_PORT 8081, CATALOG_PORT 8082, NOTIFIER_PORT 8083, and
# the services' management interfaces FETCHER_MANAGEMENT_PORT 9081, CATALOG_MANAGEMENT_PORT 9082,
# NOTIFIER_MANAGEMENT_PORT 9083);
# PGHOST/PGPORT/PGUSER/PGPASSWORD for PostgreSQL; WARNSUM_SCRIPT (a scripted warning timeline, see
# testing/README.md); KEYCLOAK_JAVA_HOME (a JDK 21+; default the newest under /usr/lib/jvm).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=components.sh
source "$ROOT/deploy/local/components.sh"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

now_ms() { echo $(($(date +%s%N) / 1000000)); }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
T0=$(now_ms)

# --- Build what is missing -------------------------------------------------------------------------------------
missing=()
for jar in fetcher-service catalog-service notifier-service; do
    [[ -f "$ROOT/$jar/target/quarkus-app/quarkus-run.jar" ]] || missing+=("$jar")
done
ls "$ROOT"/rap-simulator/target/rap-simulator-*-runner.jar >/dev/null 2>&1 || missing+=(rap-simulator)
ls "$ROOT"/access-log-verifier/target/access-log-verifier-*-runner.jar >/dev/null 2>&1 || missing+=(access-log-verifier)
[[ -f "$ROOT/testing/target/runtime-classpath.txt" ]] || missing+=(testing)
if ((${#missing[@]})); then
    echo "Building ${missing[*]} (first run only; a few minutes)..."
    (cd "$ROOT" && ./mvnw -B -q -ntp install -DskipTests)
fi

# --- Ports ---------------------------------------------------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$KAFKA_PORT" $(seq "$SIMULATOR_BASE_PORT" $((SIMULATOR_BASE_PORT + 7))) "$SIMULATOR_ADMIN_PORT" \
    "$SMTP_PORT" "$OUTBOX_PORT" "$WARNSUM_PORT" "$KEYCLOAK_PORT" "$KEYCLOAK_MANAGEMENT_PORT" "$FETCHER_PORT" \
    "$CATALOG_PORT" "$NOTIFIER_PORT" "$FETCHER_MANAGEMENT_PORT" "$CATALOG_MANAGEMENT_PORT" \
    "$NOTIFIER_MANAGEMENT_PORT"; do
    if port_in_use "$port"; then
        echo "Port $port is already in use; stop what holds it or choose other ports (see the header of $0)." >&2
        exit 1
    fi
done

# --- PostgreSQL: the machine's -------------------------------------------------------------------------------------
pg_up() { pg_isready -h "$PGHOST" -p "$PGPORT" -q 2>/dev/null; }
if ! pg_up; then
    if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
        echo "Starting PostgreSQL..."
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
        for _ in $(seq 1 60); do pg_up && break; sleep 0.5; done
    fi
    if ! pg_up; then
        cat >&2 <<MSG
PostgreSQL is not reachable at $PGHOST:$PGPORT. Install and start one (Debian: apt-get install postgresql, then
pg_ctlcluster <version> main start), or point PGHOST/PGPORT/PGUSER/PGPASSWORD at one that lets $PGUSER create databases.
MSG
        exit 1
    fi
fi
prepare_databases

# --- Start, and stop on Ctrl-C -------------------------------------------------------------------------------------
STARTED=()
stop_all() {
    trap - INT TERM EXIT
    # Whatever happens to the terminal (a closed pipe, say), stop every part.
    set +e
    trap '' PIPE
    echo
    local name
    for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
        name=${STARTED[i]}
        if running "$name"; then
            echo "Stopping $name..."
            signal TERM "$name"
        fi
    done
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

declare -A SINCE READY_MS
up() { for name in "$@"; do SINCE[$name]=$(now_ms); start "$name"; STARTED+=("$name"); done; }
await() { # seconds, names...: until each is healthy; a part that exits fails the run with its log
    local seconds=$1; shift
    local deadline=$(($(now_ms) + seconds * 1000)) name pending=("$@")
    while ((${#pending[@]})); do
        local still=()
        for name in "${pending[@]}"; do
            if healthy "$name" >/dev/null 2>&1; then
                READY_MS[$name]=$(($(now_ms) - SINCE[$name]))
                printf '  %-9s healthy after %5.1f s\n' "$name" "$(secs "${READY_MS[$name]}")"
            elif ! running "$name"; then
                echo "$name exited; the end of $LOGS/$name.log:" >&2
                tail -30 "$LOGS/$name.log" >&2
                exit 1
            else
                still+=("$name")
            fi
        done
        pending=("${still[@]+"${still[@]}"}")
        if ((${#pending[@]})); then
            if (($(now_ms) > deadline)); then
                echo "Not healthy after ${seconds}s: ${pending[*]}; see $LOGS" >&2
                exit 1
            fi
            sleep 0.5
        fi
    done
}

echo "Starting the infrastructure (logs in $LOGS)..."
install_keycloak
INFRASTRUCTURE=(kafka simulator outbox warnsum keycloak)
if [[ $ARCHIVE_STORE == s3 ]]; then INFRASTRUCTURE+=(s3); fi
up "${INFRASTRUCTURE[@]}"
await 180 "${INFRASTRUCTURE[@]}"
echo "Starting the services..."
up fetcher catalog notifier
await 180 fetcher catalog notifier

# --- A sample operations contact, so that arrivals and alerts show in the outbox -----------------------------------
token() { # user (password = user name in the sample realm)
    curl -sf -d grant_type=password -d client_id=rap-relay-cli -d username="$1" -d password="$1" \
        "$OIDC_AUTH_SERVER_URL/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
OPERATOR_TOKEN=$(token oscar)
if [[ $(curl -sf -H "Authorization: Bearer $OPERATOR_TOKEN" "http://127.0.0.1:$NOTIFIER_PORT/api/contacts") == "[]" ]]; then
    curl -sf -o /dev/null -H "Authorization: Bearer $OPERATOR_TOKEN" -H 'Content-Type: application/json' \
        "http://127.0.0.1:$NOTIFIER_PORT/api/contacts" -d '{"name": "Operations desk", "email": "ops@participant.example",
         "mobile": "+85291234567", "language": "en", "installations": ["HKSCC", "HKCC_SEOCH"], "roles": ["operations"],
         "subscriptions": [{"eventTypes": [], "minSeverity": "INFO", "channels": ["EMAIL"]},
                           {"eventTypes": [], "minSeverity": "ERROR", "channels": ["SMS"]}]}'
fi

cat <<INFO

RAP Relay is up in $(secs $(($(now_ms) - T0))) s. State in $RAPRELAY_WORK, logs in $LOGS.

  fetcher-service    API http://127.0.0.1:$FETCHER_PORT/api, Swagger UI http://127.0.0.1:$FETCHER_MANAGEMENT_PORT/q/swagger-ui  (data centres, login checks)
  catalog-service    API http://127.0.0.1:$CATALOG_PORT/api, Swagger UI http://127.0.0.1:$CATALOG_MANAGEMENT_PORT/q/swagger-ui  (reports, completeness, schedule, access log)
  notifier-service   API http://127.0.0.1:$NOTIFIER_PORT/api, Swagger UI http://127.0.0.1:$NOTIFIER_MANAGEMENT_PORT/q/swagger-ui  (contacts, deliveries, weather, practice sessions)
  outbox (mail, SMS) http://127.0.0.1:$OUTBOX_PORT/                  (.eml files in $RAPRELAY_WORK/mail)
  Keycloak           http://127.0.0.1:$KEYCLOAK_PORT/admin/            (admin / ${KEYCLOAK_ADMIN_PASSWORD:-admin}; realm rap-relay)
  RAP simulator      sftp://127.0.0.1:$SIMULATOR_BASE_PORT-$((SIMULATOR_BASE_PORT + 7)), admin http://127.0.0.1:$SIMULATOR_ADMIN_PORT/api/hosts
  HKO feed simulator http://127.0.0.1:$WARNSUM_PORT/warnsum
  Kafka              127.0.0.1:$KAFKA_PORT

  Sample users (password = user name): audrey (auditor), oscar (operator), ada (admin), nina (no role).
  A token and a call:
    TOKEN=\$(curl -s -d grant_type=password -d client_id=rap-relay-cli -d username=audrey -d password=audrey \\
            $OIDC_AUTH_SERVER_URL/protocol/openid-connect/token | jq -r .access_token)
    curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$CATALOG_PORT/api/reports

Press Ctrl-C to stop everything this script started.
INFO

# Parts that exit are reported; the rest go on (a drill may stop one on purpose: deploy/local/components.sh).
while true; do
    sleep 5 &
    wait $! || true
    for name in "${STARTED[@]}"; do
        if [[ -f "$PIDS/$name.pid" ]] && ! running "$name"; then
            echo "$(date -u +%H:%M:%S) $name has exited; see $LOGS/$name.log (restart: deploy/local/components.sh start $name)" >&2
            rm -f "$PIDS/$name.pid"
        fi
    done
done
