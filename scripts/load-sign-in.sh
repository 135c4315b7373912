#!/usr/bin/env bash
# Load script (not a timed test): 2,000 concurrent connections sign in with
# wrong passwords against the release build, with the sign-in throttle
# lifted so that every request reaches the Argon2 hash (19 MiB each). Shows
# the server's peak memory (the hashes in flight are bounded) and how
# /healthz answers meanwhile. README records the figures.
# Usage: scripts/load-sign-in.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30}"
connections="${2:-2000}"
port="${JOBFAIR_BENCH_PORT:-3410}"
ulimit -n 65536 2>/dev/null || true

source scripts/lib/serve.sh
need_wrk_and_release_build
export JOBFAIR_LOGIN_MAX_FAILURES=1000000000 JOBFAIR_LOGIN_MAX_FAILURES_PER_IP=1000000000
start_release_server "$port"
pid=${cleanup_pids[-1]}

health_log="$server_dir/health.log"
(
  end=$((SECONDS + duration))
  while [ "$SECONDS" -lt "$end" ]; do
    curl -s -o /dev/null -m 5 -w '%{http_code} %{time_total}\n' "$server_url/healthz" >>"$health_log" || echo "fail 5" >>"$health_log"
    sleep 0.5
  done
) &
health_pid=$!
printf '\n== %s connections signing in with wrong passwords for %s s\n' "$connections" "$duration"
wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s -s scripts/lib/sign-in.lua "$server_url" &
wrk_pid=$!
peak=0
while kill -0 "$wrk_pid" 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  [ "${rss:-0}" -gt "$peak" ] && peak=$rss
  sleep 0.2
done
wait "$wrk_pid"
wait "$health_pid"
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
answered=$(grep -c '^200 ' "$health_log" || true)
asked=$(wc -l <"$health_log")
slowest=$(awk '$1 == 200 {print $2}' "$health_log" | sort -n | tail -1)
printf '\nserver peak memory: %d MB (VmHWM %d MB)\n' $((peak / 1024)) $((hwm / 1024))
printf 'healthz: %s of %s answered 200 during the load, slowest %s s\n' "$answered" "$asked" "${slowest:-n/a}"
