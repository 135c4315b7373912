#!/usr/bin/env bash
# Builds Jobfair (release) and runs it at http://127.0.0.1:3000 on SQLite in
# ./data/, filled with the German demo on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jobfair/target}"
printf '\n== building (release)\n'
cargo leptos build --release
export JOBFAIR_DEMO_DATA="${JOBFAIR_DEMO_DATA:-true}"
export JOBFAIR_SITE_ROOT="${JOBFAIR_SITE_ROOT:-target/site}"
printf '\n== Jobfair starts at %s (Ctrl-C stops it)\n' "${JOBFAIR_PUBLIC_URL:-http://127.0.0.1:3000}"
exec "$CARGO_TARGET_DIR/release/server"
