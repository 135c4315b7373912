#!/usr/bin/env bash
# Load benchmark of the public fair page, served by the release build with the
# demo data on SQLite: wrk on the same machine, first without compression,
# then with `Accept-Encoding: br, gzip` (what every browser sends; the page
# cache keeps the brotli form). Prints wrk's summary; README records the
# figures. Usage: scripts/bench-public-page.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/build.sh
duration="${1:-20}"
connections="${2:-64}"
port="${JOBFAIR_BENCH_PORT:-3400}"

source scripts/lib/serve.sh
need_wrk_and_release_build
start_release_server "$port"

url="$server_url/fairs/flughafen-frankfurt"
status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
[ "$status" = 200 ] || { echo "the page answered $status" >&2; exit 1; }
echo "page size: $(curl -s "$url" | wc -c) bytes, brotli: $(curl -s -H 'Accept-Encoding: br, gzip' "$url" | wc -c) bytes, gzip: $(curl -s -H 'Accept-Encoding: gzip' "$url" | wc -c) bytes"
wrk -t2 -c"$connections" -d3s "$url" >/dev/null # warm-up

printf '\n== %s, %s connections, %s s, no compression\n' "$url" "$connections" "$duration"
wrk -t2 -c"$connections" -d"${duration}s" --latency "$url"
printf '\n== the same with Accept-Encoding: br, gzip (as browsers ask)\n'
wrk -t2 -c"$connections" -d"${duration}s" --latency -H 'Accept-Encoding: br, gzip' "$url"
