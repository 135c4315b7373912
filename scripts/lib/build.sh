# Sourced by the run, test and benchmark scripts: the one release build they
# all serve. The flags come from .cargo/config.toml alone (a RUSTFLAGS in the
# caller's environment would override them for one command and make the
# next one rebuild), the target folder is shared, the profile is release.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jobfair/target}"
if [ -n "${RUSTFLAGS:-}" ] || [ -n "${CARGO_ENCODED_RUSTFLAGS:-}" ]; then
  echo "note: ignoring RUSTFLAGS from the environment; the build flags live in .cargo/config.toml" >&2
fi
unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS

# The server binary and the site (wasm, JS, CSS) in target/site; cargo-leptos
# compiles only what changed since the last build.
build_release() {
  printf '\n== building (release)\n'
  cargo leptos build --release
}
