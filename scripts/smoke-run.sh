#!/usr/bin/env bash
# Tries README's run command as a newcomer would: starts `bash scripts/run.sh`
# on a free port with a temporary data folder, waits for it, checks that the
# demo's public fair page answers in German and that a demo account can sign
# in, then stops it with SIGTERM and checks that it stopped cleanly.
#
# With --no-compile (the test command passes it, after its own release build)
# it also fails when the run command compiled anything: the test command and
# the run command share one build.
set -euo pipefail
cd "$(dirname "$0")/.."

expect_no_compile=false
[ "${1:-}" = "--no-compile" ] && expect_no_compile=true

work=$(mktemp -d)
log="$work/run.log"
run_pid=
finish() {
  local rc=$?
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill -9 "$run_pid" 2>/dev/null || true
  fi
  if [ "$rc" != 0 ] && [ -f "$log" ]; then
    mkdir -p target/test-logs
    cp "$log" target/test-logs/smoke-run.log
    echo "the run command's output is kept in target/test-logs/smoke-run.log; its end:" >&2
    tail -n 40 "$log" >&2
  fi
  rm -rf "$work"
}
trap finish EXIT
fail() { echo "smoke test of scripts/run.sh FAILED: $*" >&2; exit 1; }

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"
printf '\n== smoke test: bash scripts/run.sh on %s, data in a temporary folder\n' "$base"
JOBFAIR_PORT=$port JOBFAIR_DATA_DIR="$work/data" bash scripts/run.sh >"$log" 2>&1 &
run_pid=$!

# The first start may compile (minutes); a start after a build takes seconds.
deadline=$((SECONDS + ${JOBFAIR_SMOKE_TIMEOUT:-3600}))
until curl -fs "$base/healthz" >/dev/null 2>&1; do
  kill -0 "$run_pid" 2>/dev/null || { wait "$run_pid" || true; fail "scripts/run.sh ended before the server answered"; }
  [ "$SECONDS" -lt "$deadline" ] || fail "no answer on $base within the time limit"
  sleep 0.5
done

if $expect_no_compile && grep -Eq '^\s*Compiling ' "$log"; then
  grep -E '^\s*Compiling ' "$log" | head -n 5 >&2
  fail "the run command compiled again after the test command's build (the two must share one build)"
fi

page=$(curl -fsS -H 'Accept-Language: en-US,en;q=0.9' "$base/fairs/flughafen-frankfurt") \
  || fail "the demo's public fair page does not answer"
grep -q 'lang="de"' <<<"$page" || fail "the fair page is not marked German"
grep -q 'Jetzt anmelden' <<<"$page" || fail "the fair page does not offer 'Jetzt anmelden'"
grep -q 'Flughafen' <<<"$page" || fail "the fair page does not show the demo fair"

jar="$work/cookies"
status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" \
  --data-urlencode 'email=organisator@jobfair.demo' --data-urlencode 'password=jobfair-demo' \
  "$base/api/auth/sign_in")
case "$status" in 200 | 302 | 303) ;; *) false ;; esac || fail "signing in as organisator@jobfair.demo answered $status"
grep -q jf_session "$jar" || fail "signing in set no session cookie"
me=$(curl -fsS -b "$jar" -X POST "$base/api/auth/me") || fail "the session is not accepted"
grep -q 'Sabine Keller' <<<"$me" || fail "the signed-in account is not the demo organiser: $me"

kill -TERM "$run_pid"
stopped=false
for _ in $(seq 1 100); do
  kill -0 "$run_pid" 2>/dev/null || { stopped=true; break; }
  sleep 0.1
done
$stopped || fail "the server did not stop within 10 s of SIGTERM"
rc=0
wait "$run_pid" || rc=$?
run_pid=
[ "$rc" = 0 ] || fail "the server exited with $rc after SIGTERM"
grep -q 'Jobfair stopped' "$log" || fail "the server did not report a clean stop"
! grep -Eq 'panicked|ERROR' "$log" || fail "the run command's log has panics or errors"
echo "smoke test of scripts/run.sh: passed (German fair page, demo sign-in, clean stop on SIGTERM)"
