#!/usr/bin/env bash
# Installs what building Jobfair needs, only what is missing: the wasm target,
# cargo-leptos, wasm-bindgen-cli (the version in Cargo.lock), wasm-opt from
# npm's binaryen (Debian's is too old), the end-to-end test packages, and with
# --with-browser Debian's Chromium. Safe to run again; fast when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

command -v cargo >/dev/null || { echo "Rust is missing: install it with rustup (https://rustup.rs) and run again." >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js and npm are missing: install them (Debian: apt-get install nodejs npm) and run again." >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "0.3.10"; then
  step "installing cargo-leptos 0.3.10 (about 20 minutes, once)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install cargo-leptos --version 0.3.10 --locked
fi

wasm_bindgen_version=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
if ! wasm-bindgen --version 2>/dev/null | grep -q "$wasm_bindgen_version"; then
  step "installing wasm-bindgen-cli $wasm_bindgen_version (about 5 minutes, once)"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version 132"; then
  step "installing wasm-opt (binaryen 132 from npm)"
  as_root npm install -g binaryen@132.0.0
fi

if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules ]; then
  step "installing the end-to-end test packages"
  (cd end2end && npm ci --no-audit --no-fund)
fi

# The mail test's SMTP server with STARTTLS and logins (aiosmtpd from PyPI),
# in a virtual environment of its own.
venv="$HOME/.cache/jobfair/venv"
if ! "$venv/bin/python" -c "import aiosmtpd" 2>/dev/null; then
  step "installing aiosmtpd for the mail tests (Python virtual environment in $venv)"
  command -v python3 >/dev/null || { echo "Python 3 is missing: install it (Debian: apt-get install python3 python3-venv) and run again." >&2; exit 1; }
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet aiosmtpd==1.4.6
fi

if [ "${1:-}" = "--with-browser" ] && [ ! -x /usr/bin/chromium ]; then
  step "installing Chromium from Debian's packages"
  as_root apt-get update
  as_root apt-get -y --fix-broken install
  as_root apt-get install -y --no-install-recommends chromium
fi
