# Sourced by the run, test and benchmark scripts: the one release build they
# all serve. The flags come from .cargo/config.toml alone (a RUSTFLAGS in the
# caller's environment would override them for one command and make the
# next one rebuild), the target folder is shared, the profile is release.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jobfair/target}"
if [ -n "${RUSTFLAGS:-}" ] || [ -n "${CARGO_ENCODED_RUSTFLAGS:-}" ]; then
  echo "note: ignoring RUSTFLAGS from the environment; the build flags live in .cargo/config.toml" >&2
fi
unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS

# The server binary and the site (wasm, JS, CSS) in target/site. Cargo-leptos
# compiles only what changed, but always runs wasm-bindgen and wasm-opt again
# (two and a half minutes here), so a build whose inputs have not changed
# since the last one is skipped: nothing in the sources, the manifests or the
# build configuration is newer than the stamp, the toolchain is the same, and
# nobody rebuilt the shared server binary since (another checkout).
release_stamp=target/site/.release-build
release_is_current() {
  [ -f "$release_stamp" ] && [ -x "$CARGO_TARGET_DIR/release/server" ] && [ -f "$CARGO_TARGET_DIR/release/hash.txt" ] || return 1
  [ "$(cat "$release_stamp")" = "$(rustc -V) $CARGO_TARGET_DIR" ] || return 1
  [ "$CARGO_TARGET_DIR/release/server" -ot "$release_stamp" ] || return 1
  [ -z "$(find Cargo.toml Cargo.lock .cargo app server frontend ticket style public scripts/lib -newer "$release_stamp" -print -quit)" ]
}
# shellcheck source=areas.sh
source "$(dirname "${BASH_SOURCE[0]}")/areas.sh"
build_release() {
  if release_is_current; then
    printf '\n== release build is current (nothing changed since %s)\n' "$(date -r "$release_stamp" '+%F %T')"
    return 0
  fi
  printf '\n== building (release)\n'
  # Cargo-leptos builds the server and the staff area's bundle; the other
  # areas get theirs from areas.sh.
  cargo leptos build --release --lib-features area-staff
  build_area_bundles
  # Brotli and gzip beside every file of the site, served as they are.
  "$CARGO_TARGET_DIR/release/server" precompress target/site
  echo "$(rustc -V) $CARGO_TARGET_DIR" > "$release_stamp"
}
