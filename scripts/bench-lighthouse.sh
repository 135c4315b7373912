#!/usr/bin/env bash
# Lighthouse on the main pages (public ones, a ticket, and two staff pages
# signed in), with its mobile preset: a phone screen on simulated slow 4G
# with a 4x slower CPU, in Debian's Chromium. Prints one row per page
# (scores, LCP, total blocking time, bytes transferred and of them wasm and
# JavaScript), then the sizes of the wasm and JS files in target/site/pkg.
# The full reports go to target/lighthouse/<page>.json. A benchmark, not a
# test: it fails only when Lighthouse does, never on scores.
# Against the release build with the demo data, or a server already running:
#   JOBFAIR_BENCH_URL=http://127.0.0.1:3000 scripts/bench-lighthouse.sh
# (that server needs the demo data: the pages and accounts are the demo's).
set -euo pipefail
cd "$(dirname "$0")/.."
lighthouse_version=12.8.2 # the last release that runs on Node 20 (13.x needs 22.19)
lighthouse_dir="$HOME/.cache/jobfair/lighthouse"
chromium=/usr/bin/chromium
out_dir=target/lighthouse
fair=flughafen-frankfurt

[ -x "$chromium" ] || { echo "$chromium is missing: apt-get install --no-install-recommends chromium" >&2; exit 1; }
command -v node >/dev/null || { echo "node is missing" >&2; exit 1; }

# Lighthouse from npm, pinned, outside the repository; installed only when
# that version is not there yet.
installed=$(node -p "require('$lighthouse_dir/node_modules/lighthouse/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$lighthouse_version" ]; then
  printf '== installing lighthouse %s into %s\n' "$lighthouse_version" "$lighthouse_dir" >&2
  mkdir -p "$lighthouse_dir"
  printf '{ "private": true, "dependencies": { "lighthouse": "%s" } }\n' "$lighthouse_version" > "$lighthouse_dir/package.json"
  (cd "$lighthouse_dir" && npm install --no-audit --no-fund --loglevel=error >&2)
fi

if [ -n "${JOBFAIR_BENCH_URL:-}" ]; then
  base=${JOBFAIR_BENCH_URL%/}
else
  source scripts/lib/build.sh
  source scripts/lib/serve.sh
  # Like the other benchmarks (without their wrk): build_release compiles
  # only when something changed since the last release build.
  build_release >&2
  start_release_server "${JOBFAIR_BENCH_PORT:-3410}"
  base=$server_url
fi
curl -fs -o /dev/null "$base/healthz" || { echo "no server answers on $base" >&2; exit 1; }

# Posts a form to a server function as a browser without JavaScript does
# (Accept: text/html): the answer is a redirect, its Location the page the
# browser goes on to. The Origin header is the server's own, as a browser on
# the page would send it (server/src/origin_check.rs).
post() { # endpoint, then name=value fields; prints the response headers
  local endpoint=$1 field data=(); shift
  for field; do data+=(--data-urlencode "$field"); done
  curl -s -o /dev/null -D - -H "Origin: $base" -H 'Accept: text/html' "${data[@]}" "$base/api/$endpoint" | tr -d '\r'
}
header_value() { sed -n "s/^$1: *//Ip" | head -n 1; }

# The first exhibitor linked from the directory.
exhibitor=$(curl -fs "$base/fairs/$fair/exhibitors" | grep -o "/fairs/$fair/exhibitors/[0-9]*" | head -n 1 || true)
[ -n "$exhibitor" ] || { echo "no exhibitor link on /fairs/$fair/exhibitors" >&2; exit 1; }

# A ticket: register a new jobseeker through the registration form's server
# function. The page offers an invitation-only slot too; try the slots in
# order until one gives a ticket.
ticket=
for slot in $(curl -fs "$base/fairs/$fair/register" | grep -o 'name="form\[slot_id\]" value="[0-9]*"' | grep -o '[0-9]*"$' | tr -d '"'); do
  location=$(post registration/register "slug=$fair" 'form[name]=Lighthouse Bench' \
    "form[email]=lighthouse-$(date +%s)-$$@example.org" 'form[language]=de' "form[slot_id]=$slot" 'form[consent]=yes' |
    header_value location || true)
  case "$location" in /tickets/*) ticket=$location; break ;; esac
done
[ -n "$ticket" ] || { echo "registering for $fair gave no ticket" >&2; exit 1; }

# Staff: sign in (demo accounts, README) and keep the session cookie, which
# Lighthouse sends with every request of the page.
session() {
  local cookie
  cookie=$(post auth/sign_in "email=$1" 'password=jobfair-demo' | header_value set-cookie | grep -o '^jf_session=[^;]*' || true)
  [ -n "$cookie" ] || { echo "signing in as $1 failed" >&2; return 1; }
  echo "$cookie"
}
door_cookie=$(session einlass@jobfair.demo)
organiser_cookie=$(session organisator@jobfair.demo)
# The airport fair's id from the organiser's list of fairs (German or English title).
fair_id=$(curl -fs -H "Cookie: $organiser_cookie" "$base/organise" | python3 -c '
import re, sys
m = re.search(r"/organise/fairs/(\d+)\"[^>]*>(?:<[^>]*>|\s)*(?:Jobmesse am Flughafen Frankfurt|Job fair at Frankfurt Airport)", sys.stdin.read())
print(m.group(1) if m else "")' || true)
[ -n "$fair_id" ] || { echo "the airport fair is not on /organise" >&2; exit 1; }

# Name, URL and the cookie, to the helper on stdin (no cookies in files).
{
  printf '%s\t%s\n' start "$base/" fair "$base/fairs/$fair" register "$base/fairs/$fair/register" \
    exhibitors "$base/fairs/$fair/exhibitors" exhibitor "$base$exhibitor" sign-in "$base/login" \
    sign-up "$base/signup" password-forgot "$base/password/forgot" ticket "$base$ticket"
  printf '%s\t%s\t%s\n' door "$base/door/jobtag-kassel" "$door_cookie" \
    organise-fair "$base/organise/fairs/$fair_id" "$organiser_cookie"
} | {
  printf '\n== Lighthouse %s, mobile preset (simulated slow 4G), %s\n' "$lighthouse_version" "$base"
  LIGHTHOUSE_DIR="$lighthouse_dir" CHROME_PATH="$chromium" node scripts/lib/lighthouse.mjs "$out_dir"
}
echo "full reports: $out_dir/<page>.json"

# What the browser downloads at most: each part of the last release build
# (named in hash.txt; split-off wasm chunks and JS snippets too), raw and as
# served: the precompressed gzip and brotli files the build wrote.
printf '\n== parts of the release build (target/site/pkg)\n'
printf '%-48s %10s %10s %10s\n' file raw gzip brotli
hashes="${CARGO_TARGET_DIR:-$HOME/.cache/jobfair/target}/release/hash.txt"
parts=()
if [ -f "$hashes" ]; then
  for kind in wasm js css; do
    hash=$(sed -n "s/^$kind: *//p" "$hashes")
    [ -n "$hash" ] && parts+=("target/site/pkg/jobfair.$hash.$kind")
  done
fi
while IFS= read -r file; do parts+=("$file"); done < <(find target/site/pkg \( -name '*.wasm' -o -name '*.js' \) \
  ! -name 'jobfair.*' 2>/dev/null | sort)
for file in "${parts[@]}"; do
  [ -f "$file" ] || continue
  size() { if [ -f "$1" ]; then stat -c %s "$1"; else echo -; fi; }
  printf '%-48s %10s %10s %10s\n' "${file#target/site/pkg/}" "$(stat -c %s "$file")" "$(size "$file.gz")" "$(size "$file.br")"
done
