# Sourced by build.sh: the browser bundles of the app areas that do not come
# from cargo-leptos. Cargo-leptos builds the staff area's bundle (account,
# bookings, employers, mail: `--lib-features area-staff`); this builds the
# door's, the organisers' and the organisers' editors' (floor plan,
# invitations) the same way (same target folder, flags and
# environment, so the dependencies are compiled once for all three), runs
# wasm-bindgen and wasm-opt as cargo-leptos does, names each file after its
# content and lists them in target/site/pkg/bundles.txt, which the server's
# shell reads (app/src/shell/document.rs). A door phone so never loads the
# floor-plan editor, nor an organiser the QR decoder.
other_areas=(door organise editors)

build_area_bundles() {
  local pkg=target/site/pkg list area wasm out stem hash
  list=$(mktemp)
  for area in "${other_areas[@]}"; do
    printf '\n== building the %s bundle\n' "$area"
    # The environment cargo-leptos gives its own front-end build: Leptos
    # reads some of it at compile time, so any difference would rebuild
    # Leptos for every bundle.
    LEPTOS_OUTPUT_NAME=jobfair LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
      LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend \
      LEPTOS_BIN_DIR=server LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt \
      cargo build --package=frontend --lib --target-dir="$CARGO_TARGET_DIR/front" \
      --target=wasm32-unknown-unknown --no-default-features --features="area-$area" --profile=wasm-release
    wasm="$CARGO_TARGET_DIR/front/wasm32-unknown-unknown/wasm-release/frontend.wasm"
    out=$(mktemp -d)
    wasm-bindgen --target=web --out-name="jobfair-$area" --out-dir="$out" "$wasm"
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      "$out/jobfair-${area}_bg.wasm" -o "$out/jobfair-${area}_bg.wasm"
    # Minified as cargo-leptos minifies its own (terser, from the test
    # packages setup.sh installs).
    end2end/node_modules/.bin/terser "$out/jobfair-$area.js" --module --compress --mangle \
      --output "$out/jobfair-$area.min.js"
    mv "$out/jobfair-$area.min.js" "$out/jobfair-$area.js"
    hash=$(cat "$out/jobfair-${area}_bg.wasm" "$out/jobfair-$area.js" | sha256sum | cut -c1-20)
    stem="jobfair-$area.$hash"
    mv "$out/jobfair-${area}_bg.wasm" "$pkg/$stem.wasm"
    mv "$out/jobfair-$area.js" "$pkg/$stem.js"
    # The scripts the Rust code imports; the same files as cargo-leptos's.
    if [ -d "$out/snippets" ]; then cp -r "$out/snippets" "$pkg/"; fi
    rm -rf "$out"
    echo "$area: $stem" >> "$list"
  done
  chmod 644 "$list"
  mv "$list" "$pkg/bundles.txt"
}
