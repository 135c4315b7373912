#!/usr/bin/env bash
# Delivery benchmark: 10,000 invitations queued in the outbox (SQLite), sent by
# the worker's delivery code to an SMTP server on loopback, with the sending
# rate limit out of the way. Usage: scripts/bench-mail.sh [count]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/build.sh
cargo run --release -q -p app --features ssr,test-util --example mail_bench -- "${1:-10000}"
