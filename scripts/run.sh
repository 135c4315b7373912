#!/usr/bin/env bash
# Builds Jobfair (release) and runs it at http://127.0.0.1:3000 on SQLite in
# ./data/, filled with the German demo on first start.
#
# JOBFAIR_PORT (default 3000) and JOBFAIR_DATA_DIR (default ./data) move the
# server and its SQLite database and ticket secret; every other setting is a
# JOBFAIR_* variable as README lists them. The build is the one the test
# command tests (same flags from .cargo/config.toml, same target folder, same
# profile), so after the test command this compiles nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/lib/build.sh
build_release

port="${JOBFAIR_PORT:-3000}"
data_dir="${JOBFAIR_DATA_DIR:-data}"
mkdir -p "$data_dir"
export JOBFAIR_DEMO_DATA="${JOBFAIR_DEMO_DATA:-true}"
export JOBFAIR_SITE_ROOT="${JOBFAIR_SITE_ROOT:-target/site}"
export JOBFAIR_LISTEN_ADDR="${JOBFAIR_LISTEN_ADDR:-127.0.0.1:$port}"
export JOBFAIR_PUBLIC_URL="${JOBFAIR_PUBLIC_URL:-http://127.0.0.1:$port}"
export JOBFAIR_DATABASE_URL="${JOBFAIR_DATABASE_URL:-${DATABASE_URL:-sqlite://$data_dir/jobfair.db}}"
export JOBFAIR_TICKET_SECRET_FILE="${JOBFAIR_TICKET_SECRET_FILE:-$data_dir/ticket-secret}"
# The demo's installation administrator (approves new organisers).
export JOBFAIR_ADMIN_EMAILS="${JOBFAIR_ADMIN_EMAILS:-admin@jobfair.demo}"
printf '\n== Jobfair starts at %s (Ctrl-C stops it)\n' "$JOBFAIR_PUBLIC_URL"
exec "$CARGO_TARGET_DIR/release/server"
