#!/usr/bin/env bash
# Registrations per second through the real HTTP endpoint (the server
# function behind the registration form), on the release build with SQLite:
# each request is a new jobseeker who gets a signed ticket, a QR code PNG and
# a ticket mail with calendar file in the outbox. Afterwards the database is
# counted: every request answered with a ticket must be there ("none lost").
# Usage: scripts/bench-registration.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/build.sh
duration="${1:-20}"
connections="${2:-32}"
port="${JOBFAIR_BENCH_PORT:-3401}"

source scripts/lib/serve.sh
need_wrk_and_release_build
start_release_server "$port"
db="$server_dir/jobfair.db"

# The demo's open slot gets room for everyone the benchmark brings.
slot=$(python3 - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
slot = db.execute("SELECT s.id FROM time_slots s JOIN fairs f ON f.id = s.fair_id "
                  "WHERE f.slug = 'flughafen-frankfurt' AND s.entry_mode = 'open'").fetchone()[0]
db.execute("UPDATE time_slots SET capacity = 100000000 WHERE id = ?", (slot,))
db.commit()
print(slot)
PY
)

printf '== registrations, %s connections, %s s, slot %s\n' "$connections" "$duration" "$slot"
output=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s scripts/lib/register.lua "$server_url" -- "$slot" 2>&1 || true)
echo "$output" | grep -v TICKETS_ANSWERED
answered=$(echo "$output" | sed -n 's/^TICKETS_ANSWERED //p')
timeouts=$(echo "$output" | sed -n 's/.*timeout \([0-9]*\).*/\1/p')
sleep 3 # requests wrk stopped waiting for finish on the server

python3 - "$db" "${answered:-0}" "${timeouts:-0}" "$connections" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
answered, timeouts, connections = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
stored = db.execute("SELECT COUNT(*) FROM registrations WHERE email LIKE 'bench-%' AND status = 'active'").fetchone()[0]
tickets = db.execute("SELECT COUNT(*) FROM tickets t JOIN registrations r ON r.id = t.registration_id "
                     "WHERE r.email LIKE 'bench-%' AND t.payload <> ''").fetchone()[0]
mails = db.execute("SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE 'bench-%'").fetchone()[0]
print(f"answered with a ticket: {answered}; stored: {stored} registrations, {tickets} signed tickets, {mails} ticket mails")
# Every answered registration is stored, complete (ticket and mail). A few
# more may be stored: requests wrk gave up on (timeouts) or that were still
# in flight when it stopped, at most one per connection.
if not (answered <= stored <= answered + timeouts + connections and stored == tickets == mails):
    print("MISMATCH: registrations were lost or half-written", file=sys.stderr)
    sys.exit(1)
print(f"none lost ({stored - answered} finished after wrk stopped waiting)")
PY
