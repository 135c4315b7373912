#!/usr/bin/env bash
# Runs every test: the release build the run command serves and a smoke test
# of the run command itself, unit and service tests (on SQLite and
# PostgreSQL), HTTP tests, ticket verification natively and as wasm, clippy,
# the bundle check, and the browser tests in Chromium against that same
# release build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-browser
source scripts/lib/build.sh
export JOBFAIR_TEST_PG_URL="${JOBFAIR_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
# The Python with aiosmtpd (setup.sh installs it) for the STARTTLS mail test.
export JOBFAIR_TEST_PYTHON="${JOBFAIR_TEST_PYTHON:-$HOME/.cache/jobfair/venv/bin/python}"

pg_host_port=$(echo "$JOBFAIR_TEST_PG_URL" | sed -E 's#^[a-z]+://([^@/]*@)?([^/:?]+)(:([0-9]+))?.*#\2 \4#')
read -r pg_host pg_port <<<"$pg_host_port"
if ! timeout 5 bash -c "exec 3<>/dev/tcp/${pg_host}/${pg_port:-5432}" 2>/dev/null; then
  echo "PostgreSQL is not reachable at ${pg_host}:${pg_port:-5432} (JOBFAIR_TEST_PG_URL=$JOBFAIR_TEST_PG_URL)." >&2
  echo "Start it, or point JOBFAIR_TEST_PG_URL at a server where this user may create databases." >&2
  exit 1
fi

# The very build `bash scripts/run.sh` serves; the smoke test then starts the
# run command as README shows it and fails if it had to compile again.
build_release
scripts/smoke-run.sh --no-compile

printf '\n== unit, service (SQLite + PostgreSQL) and HTTP tests\n'
cargo test -p app --features ssr,test-util
cargo test -p server

printf '\n== ticket verification, natively and as wasm (Node runs it, like the scanner in a browser)\n'
cargo test -p ticket
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p ticket --target wasm32-unknown-unknown

scripts/lint.sh

printf '\n== browser tests (Chromium, phone viewport) against the release build\n'
source scripts/lib/serve.sh
smtp_address="127.0.0.1:${JOBFAIR_E2E_SMTP_PORT:-2525}"
inbox_address="127.0.0.1:${JOBFAIR_E2E_INBOX_PORT:-2526}"
start_smtp_sink "$smtp_address" "$inbox_address"
start_release_server "${JOBFAIR_E2E_PORT:-3300}" "smtp://$smtp_address"

printf '\n== bundle check: parts within budget, public pages without wasm\n'
scripts/check-bundle.sh "$server_url"
(cd end2end && JOBFAIR_BASE_URL="$server_url" JOBFAIR_INBOX_URL="http://$inbox_address" npx playwright test)
check_server_log
