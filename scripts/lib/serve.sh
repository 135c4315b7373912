# Sourced by the test and benchmark scripts: starts the release server on a
# fresh SQLite demo database in a temporary folder and waits until it answers.
# After `start_release_server PORT`, $server_pid and $server_url are set; the
# server is stopped and its folder removed when the calling script exits.
start_release_server() {
  local port=$1
  server_dir=$(mktemp -d)
  JOBFAIR_DATABASE_URL="sqlite://$server_dir/jobfair.db" JOBFAIR_DEMO_DATA=true JOBFAIR_SITE_ROOT=target/site \
    JOBFAIR_LISTEN_ADDR="127.0.0.1:$port" JOBFAIR_PUBLIC_URL="http://127.0.0.1:$port" RUST_LOG=warn \
    "$CARGO_TARGET_DIR/release/server" > "$server_dir/server.log" 2>&1 &
  server_pid=$!
  server_url="http://127.0.0.1:$port"
  trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null; rm -rf "$server_dir"' EXIT
  for _ in $(seq 1 100); do
    curl -fs "$server_url/healthz" >/dev/null 2>&1 && return 0
    kill -0 $server_pid 2>/dev/null || { cat "$server_dir/server.log"; return 1; }
    sleep 0.2
  done
  echo "the server did not answer on $server_url" >&2
  return 1
}
