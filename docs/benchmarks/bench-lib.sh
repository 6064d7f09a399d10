# Shared by catalog.sh, search.sh and notifier.sh; sourced once WORK (a scratch folder) and DB (a database to create
# and drop) are set. Starts each run clean and removes everything at exit; KEEP_LOGS=<folder> keeps the logs.
rm -rf "$WORK" && mkdir -p "$WORK/logs"
PIDS=() # background processes to stop at exit
cleanup() {
    kill "${PIDS[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $DB" >/dev/null 2>&1 || true
    [[ -n "${KEEP_LOGS:-}" ]] && cp -r "$WORK/logs" "$KEEP_LOGS"
    rm -rf "$WORK"
}
trap cleanup EXIT
wait_until() { # <seconds> <what> <command...>
    local limit=$1 what=$2 deadline=$(($(date +%s) + $1)); shift 2
    until "$@"; do
        if (($(date +%s) > deadline)); then echo "gave up after ${limit}s waiting for: $what" >&2; exit 1; fi
        sleep 0.2
    done
}
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
fresh_database() { psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $DB" -c "create database $DB" >/dev/null; }
# The JVM options a pod of deploy/k8s runs with. The image's run-java.sh starts the JVM with the collector that the
# manifest pins (GC_CONTAINER_OPTIONS) and the script's own heap-sizing ratios; the manifest's JAVA_OPTS_APPEND sets the
# heap as a share of the pod's memory limit, given here as -Xmx of that share (this machine is not a container).
pod_java_opts() { # <heap> <collector option>
    echo "-Xmx$1 $2 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90" \
        "-XX:+ExitOnOutOfMemoryError"
}
