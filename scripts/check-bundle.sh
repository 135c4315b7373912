#!/usr/bin/env bash
# Proves the browser bundle holds no server-only crate and prints its size.
set -euo pipefail
cd "$(dirname "$0")/.."
forbidden='^(sqlx|sqlx-core|lettre|argon2|tokio|axum|leptos_axum|password-hash) '
deps=$(cargo tree -p frontend --target wasm32-unknown-unknown -e normal --prefix none 2>/dev/null | sort -u)
if echo "$deps" | grep -Eq "$forbidden"; then
  echo "FAIL: the wasm bundle depends on server-only crates:" >&2
  echo "$deps" | grep -E "$forbidden" >&2
  exit 1
fi
wasm=target/site/pkg/jobfair.wasm
[ -f "$wasm" ] || { echo "FAIL: $wasm not built" >&2; exit 1; }
if grep -aqE 'sqlx-core|lettre-0|argon2-0|tokio-1\.' "$wasm"; then
  echo "FAIL: server-only crate paths found inside $wasm" >&2
  exit 1
fi
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
if command -v brotli >/dev/null; then br=$(brotli -c -q 11 "$wasm" | wc -c); else br="n/a"; fi
echo "wasm bundle: ${raw} bytes raw, ${gz} gzip, ${br} brotli; no server-only crates"
