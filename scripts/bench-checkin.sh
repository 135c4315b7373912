#!/usr/bin/env bash
# Door check-ins per second through the JSON API (token auth), on the
# release build with SQLite: each request is one scan of a genuine ticket
# that the server verifies, judges (slot, revocation, first admission) and
# appends to the check-in log. Tickets are made beforehand by registering
# jobseekers over HTTP for the demo's fair on now. Afterwards the log is
# counted: every admission answered is there, each ticket admitted once.
# Then the offline verification time per ticket, natively and as wasm.
# Usage: scripts/bench-checkin.sh [seconds] [connections] [tickets]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/build.sh
duration="${1:-20}"
connections="${2:-8}"
tickets="${3:-30000}"
port="${JOBFAIR_BENCH_PORT:-3402}"

source scripts/lib/serve.sh
need_wrk_and_release_build
start_release_server "$port"
db="$server_dir/jobfair.db"

# Room for every ticket on the fair on now, and an API token.
read -r slot token < <(python3 - "$db" <<'PY'
import base64, hashlib, secrets, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30)
fair, slot = db.execute("SELECT f.id, s.id FROM time_slots s JOIN fairs f ON f.id = s.fair_id "
                        "WHERE f.slug = 'jobtag-kassel'").fetchone()
db.execute("UPDATE time_slots SET capacity = 100000000 WHERE id = ?", (slot,))
secret = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")
digest = base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()).decode().rstrip("=")
db.execute("INSERT INTO door_tokens (fair_id, label, token_hash, created_at) VALUES (?, 'bench', ?, ?)",
           (fair, digest, int(time.time())))
db.commit()
print(slot, "jfd_" + secret)
PY
)

printf '== making tickets: registering jobseekers for the fair on now (slot %s)\n' "$slot"
round=0
while :; do
  have=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1], timeout=30).execute(\"SELECT COUNT(*) FROM tickets t JOIN fairs f ON f.id = t.fair_id WHERE f.slug = 'jobtag-kassel' AND t.revoked_at IS NULL\").fetchone()[0])" "$db")
  echo "$have tickets"
  [ "$have" -ge "$tickets" ] && break
  # New addresses every round (the script numbers them per run).
  round=$((round + 1))
  sed -e 's/slug=flughafen-frankfurt/slug=jobtag-kassel/' -e "s/email%5D=bench-/email%5D=bench-r$round-/" \
    scripts/lib/register.lua > "$server_dir/register.lua"
  wrk -t2 -c32 -d10s -s "$server_dir/register.lua" "$server_url" -- "$slot" > /dev/null 2>&1 || true
done
python3 - "$db" "$server_dir/tickets.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
rows = db.execute("SELECT t.payload FROM tickets t JOIN fairs f ON f.id = t.fair_id "
                  "WHERE f.slug = 'jobtag-kassel' AND t.revoked_at IS NULL ORDER BY t.id").fetchall()
open(sys.argv[2], "w").write("".join(r[0] + "\n" for r in rows))
print(f"{len(rows)} tickets")
PY

printf '\n== check-ins through the JSON API, %s connections, %s s\n' "$connections" "$duration"
output=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s scripts/lib/checkin.lua "$server_url" \
  -- "$token" "$server_dir/tickets.txt" 2 2>&1 || true)
echo "$output" | grep -v '^SCANS_'
admitted=$(echo "$output" | sed -n 's/^SCANS_ADMITTED //p')
other=$(echo "$output" | sed -n 's/^SCANS_OTHER //p')
sleep 2

python3 - "$db" "${admitted:-0}" "${other:-0}" "$connections" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
admitted, other, connections = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
logged = db.execute("SELECT COUNT(*) FROM checkins WHERE gate = 'Bench' AND result = 'admitted'").fetchone()[0]
twice = db.execute("SELECT COUNT(*) FROM (SELECT ticket_id FROM checkins WHERE result = 'admitted' "
                   "GROUP BY ticket_id HAVING COUNT(*) > 1)").fetchone()[0]
duplicates = db.execute("SELECT COUNT(*) FROM checkins WHERE gate = 'Bench' AND result = 'duplicate'").fetchone()[0]
print(f"answered admitted: {admitted}, otherwise: {other}; logged: {logged} admissions, {duplicates} duplicates")
if twice or not (admitted <= logged <= admitted + connections):
    print("MISMATCH: admissions were lost or a ticket was admitted twice", file=sys.stderr)
    sys.exit(1)
print("every answered admission is logged, no ticket admitted twice")
PY

printf '\n== offline verification per ticket (natively, then as wasm in Node)\n'
cargo test -q --release -p ticket --test verify_speed -- --include-ignored --nocapture 2>&1 | grep OFFLINE_VERIFY
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --release -p ticket --target wasm32-unknown-unknown --test verify_speed -- --include-ignored --nocapture 2>&1 \
  | grep OFFLINE_VERIFY
