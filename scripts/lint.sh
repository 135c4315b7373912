#!/usr/bin/env bash
# Clippy with the workspace lints (Cargo.toml: unwrap_used is denied) on the
# server's code and on the browser's, warnings as errors.
#
# It checks the configuration the builds do not use: without
# `--cfg erase_components` (.cargo/config.toml sets it for every build), so
# the code is known to compile both ways. It keeps its own target folder, so
# the builds' artifacts are never overwritten.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/build.sh
export CARGO_TARGET_DIR="$CARGO_TARGET_DIR/lint"
export RUSTFLAGS=""   # present and empty: .cargo/config.toml's flags do not apply

printf '\n== clippy: server code (ssr), without erase_components\n'
cargo clippy -p app -p server -p ticket --features app/ssr --lib --bins -- -D warnings
printf '\n== clippy: browser code (hydrate, wasm32), without erase_components\n'
cargo clippy -p frontend -p ticket --target wasm32-unknown-unknown --lib -- -D warnings
