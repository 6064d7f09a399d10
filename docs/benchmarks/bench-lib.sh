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
source "$(dirname "${BASH_SOURCE[0]}")/pod-jvm.sh"
