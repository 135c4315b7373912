#!/usr/bin/env bash
# Load benchmark of the public fair page, served by the release build with the
# demo data on SQLite: wrk on the same machine, first without and then with
# gzip (what browsers ask for). Prints wrk's summary; README records the
# figures. Usage: scripts/bench-public-page.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jobfair/target}"
export RUSTFLAGS="--cfg erase_components"
duration="${1:-20}"
connections="${2:-64}"
port="${JOBFAIR_BENCH_PORT:-3400}"
binary="$CARGO_TARGET_DIR/release/server"

if ! command -v wrk >/dev/null; then
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update && as_root apt-get install -y --no-install-recommends wrk
fi
if [ ! -x "$binary" ] || [ ! -f target/site/pkg/jobfair.wasm ]; then
  cargo leptos build --release
fi

workdir=$(mktemp -d)
JOBFAIR_DATABASE_URL="sqlite://$workdir/bench.db" JOBFAIR_DEMO_DATA=true JOBFAIR_SITE_ROOT=target/site \
  JOBFAIR_LISTEN_ADDR="127.0.0.1:$port" JOBFAIR_PUBLIC_URL="http://127.0.0.1:$port" RUST_LOG=warn \
  "$binary" > "$workdir/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null; rm -rf "$workdir"' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 $server_pid 2>/dev/null || { cat "$workdir/server.log"; exit 1; }
  sleep 0.2
done

url="http://127.0.0.1:$port/fairs/flughafen-frankfurt"
status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
[ "$status" = 200 ] || { echo "the page answered $status" >&2; exit 1; }
echo "page size: $(curl -s "$url" | wc -c) bytes, gzip: $(curl -s -H 'Accept-Encoding: gzip' "$url" | wc -c) bytes"
wrk -t2 -c"$connections" -d3s "$url" >/dev/null # warm-up

printf '\n== %s, %s connections, %s s, no compression\n' "$url" "$connections" "$duration"
wrk -t2 -c"$connections" -d"${duration}s" --latency "$url"
printf '\n== the same with Accept-Encoding: gzip\n'
wrk -t2 -c"$connections" -d"${duration}s" --latency -H 'Accept-Encoding: gzip' "$url"
