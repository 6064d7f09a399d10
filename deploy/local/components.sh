#!/usr/bin/env bash
# How each part of the local system starts, stops and is seen healthy: the one place run.sh and the end-to-end tests
# take it from. Usage: components.sh start|stop|kill|healthy|pid <component>
# Components: kafka, simulator, outbox, warnsum, keycloak, s3 (with ARCHIVE_STORE=s3), fetcher, catalog, notifier.
# Each runs in the background with its log appended to $RAPRELAY_WORK/logs/<component>.log and its pid in
# $RAPRELAY_WORK/pids/<component>.pid. Ports and paths come from the environment (defaults below).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export RAPRELAY_WORK=${RAPRELAY_WORK:-$ROOT/work}
export KAFKA_PORT=${KAFKA_PORT:-9092}
export SIMULATOR_BASE_PORT=${SIMULATOR_BASE_PORT:-18801}
export SIMULATOR_ADMIN_PORT=${SIMULATOR_ADMIN_PORT:-18900}
export SIMULATOR_RELEASE_INTERVAL=${SIMULATOR_RELEASE_INTERVAL:-PT30S}
export SMTP_PORT=${SMTP_PORT:-2525}
export OUTBOX_PORT=${OUTBOX_PORT:-8025}
export WARNSUM_PORT=${WARNSUM_PORT:-8191}
export KEYCLOAK_PORT=${KEYCLOAK_PORT:-8180}
export KEYCLOAK_MANAGEMENT_PORT=${KEYCLOAK_MANAGEMENT_PORT:-8181}
export FETCHER_PORT=${FETCHER_PORT:-8081}
export CATALOG_PORT=${CATALOG_PORT:-8082}
export NOTIFIER_PORT=${NOTIFIER_PORT:-8083}
# The report archive: file (a folder, the default) or s3 (a bucket of s3proxy on S3_PORT, file-system backend).
export ARCHIVE_STORE=${ARCHIVE_STORE:-file}
export S3_PORT=${S3_PORT:-8300}
# Health, metrics, OpenAPI and Swagger UI: each service's management interface, never its API port.
export FETCHER_MANAGEMENT_PORT=${FETCHER_MANAGEMENT_PORT:-9081}
export CATALOG_MANAGEMENT_PORT=${CATALOG_MANAGEMENT_PORT:-9082}
export NOTIFIER_MANAGEMENT_PORT=${NOTIFIER_MANAGEMENT_PORT:-9083}
export OIDC_AUTH_SERVER_URL=${OIDC_AUTH_SERVER_URL:-http://127.0.0.1:$KEYCLOAK_PORT/realms/rap-relay}
# The simulator's eight SFTP hosts: per installation two in the primary and two in the secondary data centre.
sim_hosts() { echo "127.0.0.1:$((SIMULATOR_BASE_PORT + $1)),127.0.0.1:$((SIMULATOR_BASE_PORT + $1 + 1))"; }
export RAP_HKSCC_PRIMARY=${RAP_HKSCC_PRIMARY:-$(sim_hosts 0)}
export RAP_HKSCC_SECONDARY=${RAP_HKSCC_SECONDARY:-$(sim_hosts 2)}
export RAP_HKCC_SEOCH_PRIMARY=${RAP_HKCC_SEOCH_PRIMARY:-$(sim_hosts 4)}
export RAP_HKCC_SEOCH_SECONDARY=${RAP_HKCC_SEOCH_SECONDARY:-$(sim_hosts 6)}
export CATALOG_DB=${CATALOG_DB:-raprelay_catalog}
# Both catalog roles' password on this machine (run.sh sets it; trust authentication ignores it).
export CATALOG_DB_PASSWORD=${CATALOG_DB_PASSWORD:-local-only-catalog}
export NOTIFIER_DB=${NOTIFIER_DB:-raprelay_notifier}
KEYCLOAK_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/pom.xml")
# Where Keycloak is unpacked and built (once): KEYCLOAK_HOME lets several work folders share one.
KEYCLOAK_HOME=${KEYCLOAK_HOME:-$RAPRELAY_WORK/keycloak-$KEYCLOAK_VERSION}
LOGS=$RAPRELAY_WORK/logs
PIDS=$RAPRELAY_WORK/pids
mkdir -p "$LOGS" "$PIDS"

# s3proxy's self-contained jar: copied by the fetcher's build, else fetched into the Maven repository.
s3proxy_jar() {
    local copied=$ROOT/fetcher-service/target/s3proxy/s3proxy.jar version
    if [[ -f $copied ]]; then echo "$copied"; return; fi
    version=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' "$ROOT/pom.xml")
    (cd "$ROOT" && ./mvnw -B -q -ntp dependency:get -Dartifact="org.gaul:s3proxy:$version:jar:jar-with-dependencies" \
        -Dtransitive=false >&2)
    echo "$HOME/.m2/repository/org/gaul/s3proxy/$version/s3proxy-$version-jar-with-dependencies.jar"
}
testing_classpath() { echo "$ROOT/testing/target/classes:$(cat "$ROOT/testing/target/runtime-classpath.txt")"; }

# A JDK of release 21 or later for Keycloak: $KEYCLOAK_JAVA_HOME, else the newest under /usr/lib/jvm.
keycloak_java_home() {
    if [[ -n "${KEYCLOAK_JAVA_HOME:-}" ]]; then echo "$KEYCLOAK_JAVA_HOME"; return; fi
    local jdk release
    for jdk in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        release=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release" 2>/dev/null || true)
        if [[ -n "$release" && "$release" -ge 21 ]]; then echo "${jdk%/}"; return; fi
    done
    echo "Keycloak needs Java 21 or later: install one or set KEYCLOAK_JAVA_HOME." >&2
    return 1
}

# The keycloak-quarkus-dist zip from Maven Central (through Maven, so it is cached in ~/.m2), unpacked and built
# once for the dev-file database with the health endpoints, the realm of deploy/keycloak/ to import.
install_keycloak() {
    if [[ -f "$KEYCLOAK_HOME/.built" ]]; then return; fi
    local zip="$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
    if [[ ! -f "$zip" ]]; then
        echo "Downloading Keycloak $KEYCLOAK_VERSION (about 170 MB, first run only)..."
        (cd "$ROOT" && ./mvnw -B -q -ntp dependency:get -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -Dtransitive=false)
    fi
    rm -rf "$KEYCLOAK_HOME" "$KEYCLOAK_HOME.unzip" && mkdir -p "$KEYCLOAK_HOME.unzip"
    (cd "$KEYCLOAK_HOME.unzip" && unzip -q "$zip")
    mv "$KEYCLOAK_HOME.unzip/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME" && rmdir "$KEYCLOAK_HOME.unzip"
    echo "Building Keycloak for the local run (first run only)..."
    JAVA_HOME=$(keycloak_java_home) "$KEYCLOAK_HOME/bin/kc.sh" build --db=dev-file --health-enabled=true \
        >"$LOGS/keycloak-build.log" 2>&1
    touch "$KEYCLOAK_HOME/.built"
}

# The services' databases on the machine's PostgreSQL (PGHOST/PGPORT/PGUSER), made when missing; the catalog's two
# roles: Flyway migrates as rap_catalog_owner, the service connects as rap_catalog_app, which may only insert into and
# read the access log. The keys of the access log's chain and checkpoints, made once.
prepare_databases() {
    local db role
    for db in "$CATALOG_DB" "$NOTIFIER_DB"; do
        if [[ -z "$(psql -d postgres -tAc "select 1 from pg_database where datname = '$db'")" ]]; then
            psql -q -d postgres -c "create database $db"
        fi
    done
    psql -q -d "$CATALOG_DB" -v ON_ERROR_STOP=1 -f "$ROOT/catalog-service/src/main/resources/db/roles/catalog-roles.sql"
    for role in rap_catalog_owner rap_catalog_app; do
        psql -q -d postgres -c "alter role $role password '$CATALOG_DB_PASSWORD'"
    done
    java -jar "$(ls "$ROOT"/access-log-verifier/target/access-log-verifier-*-runner.jar | head -1)" keys \
        --dir "$RAPRELAY_WORK/catalog/keys" >/dev/null
}

launch() { # name, command...: in the background, in a process group of its own, pid recorded
    local name=$1; shift
    echo "=== $(date -u +%FT%TZ) components.sh start $name ===" >>"$LOGS/$name.log"
    setsid "$@" >>"$LOGS/$name.log" 2>&1 < /dev/null &
    echo $! >"$PIDS/$name.pid"
}

service() { # name: the packaged service in prod mode with its local settings
    local name=$1
    launch "$name" java -Xmx384m -Dquarkus.config.locations="$ROOT/deploy/local/config/$name.properties" \
        -jar "$ROOT/$name-service/target/quarkus-app/quarkus-run.jar"
}

start() {
    case $1 in
        # Closed as production's: TLS (its CA in work/kafka/tls/ca.pem), SASL/SCRAM, the users and ACLs of the
        # Strimzi manifests (password local-only-<user>), their topics created.
        kafka) launch kafka java -Xmx512m -cp "$(testing_classpath)" io.raprelay.testing.kafka.KafkaBrokerMain \
            "$KAFKA_PORT" "$RAPRELAY_WORK/kafka" "$ROOT/deploy/k8s/kafka-users.yaml" \
            "$ROOT/deploy/k8s/kafka-topics.yaml" ;;
        simulator) launch simulator java -Xmx256m -Dsimulator.data-dir="$RAPRELAY_WORK/rap-simulator" \
            -Dsimulator.base-port="$SIMULATOR_BASE_PORT" -Dsimulator.admin-port="$SIMULATOR_ADMIN_PORT" \
            -Dsimulator.generator.release-interval="$SIMULATOR_RELEASE_INTERVAL" \
            -jar "$(ls "$ROOT"/rap-simulator/target/rap-simulator-*-runner.jar | head -1)" ;;
        outbox) launch outbox java -Xmx128m -cp "$(testing_classpath)" io.raprelay.testing.mail.MailServerMain \
            "$SMTP_PORT" "$OUTBOX_PORT" "$RAPRELAY_WORK/mail" ;;
        warnsum) launch warnsum java -Xmx64m -cp "$(testing_classpath)" \
            io.raprelay.testing.weather.WarnsumSimulatorMain "$WARNSUM_PORT" ${WARNSUM_SCRIPT:+"$WARNSUM_SCRIPT"} ;;
        keycloak)
            install_keycloak
            mkdir -p "$KEYCLOAK_HOME/data/import"
            cp "$ROOT/deploy/keycloak/rap-relay-realm.json" "$KEYCLOAK_HOME/data/import/"
            # Another realm to import beside it (the end-to-end tests load the production template this way).
            if [[ -n "${KEYCLOAK_EXTRA_IMPORT:-}" ]]; then cp "$KEYCLOAK_EXTRA_IMPORT" "$KEYCLOAK_HOME/data/import/"; fi
            JAVA_HOME=$(keycloak_java_home) KC_BOOTSTRAP_ADMIN_USERNAME=admin \
                KC_BOOTSTRAP_ADMIN_PASSWORD=${KEYCLOAK_ADMIN_PASSWORD:-admin} \
                launch keycloak "$KEYCLOAK_HOME/bin/kc.sh" start --optimized --http-enabled=true \
                --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
                --hostname-strict=false --import-realm ;;
        # The archive's bucket rap-relay-archive, a folder of the file-system backend (credentials local-only-*).
        s3) mkdir -p "$RAPRELAY_WORK/s3/rap-relay-archive"
            printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:$S3_PORT" s3proxy.authorization=aws-v2-or-v4 \
                s3proxy.identity=local-only-access-key s3proxy.credential=local-only-secret-key \
                jclouds.provider=filesystem "jclouds.filesystem.basedir=$RAPRELAY_WORK/s3" >"$RAPRELAY_WORK/s3proxy.properties"
            launch s3 java -Xmx256m -jar "$(s3proxy_jar)" --properties "$RAPRELAY_WORK/s3proxy.properties" ;;
        fetcher | catalog | notifier) service "$1" ;;
        *) echo "Unknown component '$1'" >&2; return 2 ;;
    esac
}

healthy() {
    case $1 in
        # Ready once this start's users, ACLs and topics are in place (said after the last start marker of its log).
        kafka) sed -n "$(grep -n 'components.sh start kafka' "$LOGS/kafka.log" | tail -1 | cut -d: -f1),\$p" \
            "$LOGS/kafka.log" 2>/dev/null | grep -q "Kafka broker ready" ;;
        simulator) curl -sf -o /dev/null "http://127.0.0.1:$SIMULATOR_ADMIN_PORT/api/hosts" ;;
        outbox) curl -sf -o /dev/null "http://127.0.0.1:$OUTBOX_PORT/" ;;
        warnsum) curl -sf -o /dev/null "http://127.0.0.1:$WARNSUM_PORT/warnsum" ;;
        keycloak) curl -sf -o /dev/null "http://127.0.0.1:$KEYCLOAK_MANAGEMENT_PORT/health/ready" ;;
        # Any answer (403 without credentials) means it serves.
        s3) [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$S3_PORT/") != 000 ]] ;;
        fetcher) curl -sf -o /dev/null "http://127.0.0.1:$FETCHER_MANAGEMENT_PORT/q/health/ready" ;;
        catalog) curl -sf -o /dev/null "http://127.0.0.1:$CATALOG_MANAGEMENT_PORT/q/health/ready" ;;
        notifier) curl -sf -o /dev/null "http://127.0.0.1:$NOTIFIER_MANAGEMENT_PORT/q/health/ready" ;;
        *) echo "Unknown component '$1'" >&2; return 2 ;;
    esac
}

pid() { cat "$PIDS/$1.pid" 2>/dev/null; }

running() { local p; p=$(pid "$1") && kill -0 "$p" 2>/dev/null; }

signal() { # signal, name: to the component's whole process group, then wait until it is gone
    local p; p=$(pid "$2") || return 0
    kill "-$1" -- "-$p" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$p" 2>/dev/null; then kill -KILL -- "-$p" 2>/dev/null || true; fi
    rm -f "$PIDS/$2.pid"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    case ${1:-} in
        start) start "$2" ;;
        stop) signal TERM "$2" ;;
        kill) signal KILL "$2" ;;
        healthy) healthy "$2" ;;
        pid) pid "$2" ;;
        *) echo "Usage: $0 start|stop|kill|healthy|pid <component>" >&2; exit 2 ;;
    esac
fi
