# Sourced by the test and benchmark scripts: starts the release server on a
# fresh SQLite demo database in a temporary folder, and optionally an SMTP
# sink for it, and waits until they answer. Everything started here is
# stopped, and the folder removed, when the calling script exits.
# After `start_release_server PORT [SMTP_URL]`, $server_url is set.
# When the calling script fails, the server's and the sink's logs are kept in
# target/test-logs/ (the temporary folder goes).
source scripts/lib/build.sh
cleanup_pids=()
server_dir=$(mktemp -d)
# Stops what was started, newest first (the server before its SMTP sink):
# SIGTERM, up to 10 s for a graceful stop, then SIGKILL.
cleanup() {
  local rc=$? i pid
  for ((i = ${#cleanup_pids[@]} - 1; i >= 0; i--)); do
    pid=${cleanup_pids[$i]}
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$rc" != 0 ] && compgen -G "$server_dir/*.log" >/dev/null; then
    mkdir -p target/test-logs
    cp "$server_dir"/*.log target/test-logs/
    echo "the server's logs are kept in target/test-logs/" >&2
  fi
  rm -rf "$server_dir"
}
trap cleanup EXIT

# For the benchmarks: wrk (from Debian's packages) and the release build.
need_wrk_and_release_build() {
  if ! command -v wrk >/dev/null; then
    as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
    as_root apt-get update && as_root apt-get install -y --no-install-recommends wrk
  fi
  # Always through cargo-leptos: it compiles what changed and nothing else,
  # so a benchmark never measures a stale binary.
  build_release
}

# Fails when the server's log shows a panic or an error: a page that broke
# on the server can still look right in the browser.
check_server_log() {
  local log="$server_dir/server.log"
  if grep -Eq 'panicked|ERROR' "$log"; then
    echo "FAIL: the server logged panics or errors during the tests:" >&2
    grep -E -m 20 'panicked|ERROR' "$log" >&2
    return 1
  fi
}

# An SMTP server on loopback that accepts every mail and keeps it, with the
# inboxes readable over HTTP at INBOX_ADDRESS (app/examples/smtp_sink.rs).
start_smtp_sink() {
  local address=$1 inbox_address=${2:-127.0.0.1:0}
  cargo build --release -q -p app --features ssr,test-util --example smtp_sink
  "$CARGO_TARGET_DIR/release/examples/smtp_sink" "$address" "$inbox_address" > "$server_dir/smtp.log" 2>&1 &
  cleanup_pids+=($!)
  for _ in $(seq 1 50); do
    grep -q listening "$server_dir/smtp.log" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "the SMTP sink did not start on $address" >&2
  return 1
}

start_release_server() {
  local port=$1 smtp=${2:-}
  if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
    echo "port $port is taken by another server: stop it, or set another port" >&2
    return 1
  fi
  env JOBFAIR_DATABASE_URL="sqlite://$server_dir/jobfair.db" JOBFAIR_DEMO_DATA=true JOBFAIR_SITE_ROOT=target/site \
    JOBFAIR_LISTEN_ADDR="127.0.0.1:$port" JOBFAIR_PUBLIC_URL="http://127.0.0.1:$port" RUST_LOG=warn \
    JOBFAIR_TICKET_SECRET_FILE="$server_dir/ticket-secret" \
    JOBFAIR_SIGN_UPS_PER_CLIENT_HOUR=100000 JOBFAIR_REGISTRATIONS_PER_CLIENT_HOUR=1000000 \
    JOBFAIR_SEND_AGAIN_PER_CLIENT_HOUR=100000 JOBFAIR_PASSWORD_RESETS_PER_CLIENT_HOUR=100000 \
    JOBFAIR_ADMIN_EMAILS=admin@jobfair.demo \
    ${smtp:+JOBFAIR_SMTP_URL="$smtp"} \
    "$CARGO_TARGET_DIR/release/server" > "$server_dir/server.log" 2>&1 &
  local pid=$!
  cleanup_pids+=($pid)
  server_url="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    curl -fs "$server_url/healthz" >/dev/null 2>&1 && return 0
    kill -0 $pid 2>/dev/null || { cat "$server_dir/server.log"; return 1; }
    sleep 0.2
  done
  echo "the server did not answer on $server_url" >&2
  return 1
}
