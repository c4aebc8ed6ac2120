# shellcheck shell=bash
# The parallel demo (crates/parallel-demo, www/parallel): rayon on Web Workers with shared memory.
# Sourced by scripts/build and scripts/test after scripts/lib/install.sh (ROOT, PATH, log, die).
#
#   ensure_parallel_tools   nightly Rust with rust-src and the wasm32 target; wasm-bindgen-cli
#   build_parallel          both wasm builds + wasm-bindgen + the page, into dist/parallel/
#   test_parallel           build_parallel, then the renderer's native unit tests
#
# The crate is built apart from the main app (its own workspace, Cargo.lock and target dir
# target/parallel-demo/), so only this demo needs nightly. Run build_parallel after
# `trunk build`, which empties dist/.

PARALLEL_CRATE="$ROOT/crates/parallel-demo"
PARALLEL_TARGET="$ROOT/target/parallel-demo"
PARALLEL_DIST="$ROOT/dist/parallel"

# wasm-bindgen-rayon's threads: atomics and a shared, imported memory that every Web Worker
# instantiates the module with, and the TLS exports wasm-bindgen needs to give each thread its
# own stack and thread-locals. Without the linker arguments current nightlies link an unshared
# memory and the pool fails with "is not a shared typed array" (shared/TOOLCHAIN.md).
PARALLEL_THREAD_RUSTFLAGS="-C target-feature=+atomics,+bulk-memory,+mutable-globals \
-C link-arg=--shared-memory -C link-arg=--max-memory=1073741824 -C link-arg=--import-memory \
-C link-arg=--export=__wasm_init_tls -C link-arg=--export=__tls_size \
-C link-arg=--export=__tls_align -C link-arg=--export=__tls_base"

ensure_parallel_tools() {
  if ! rustup toolchain list | grep '^nightly' >/dev/null; then
    log "installing the nightly Rust toolchain (the parallel demo's build-std needs it)"
    rustup toolchain install nightly --profile minimal || die "rustup could not install nightly"
  fi
  if ! rustup component list --toolchain nightly --installed | grep '^rust-src' >/dev/null; then
    log "adding rust-src to nightly (build-std rebuilds std with atomics)"
    rustup component add rust-src --toolchain nightly || die "rustup could not add rust-src to nightly"
  fi
  if ! rustup target list --toolchain nightly --installed | grep -x wasm32-unknown-unknown >/dev/null; then
    log "adding the wasm32-unknown-unknown target to nightly"
    rustup target add wasm32-unknown-unknown --toolchain nightly ||
      die "rustup could not add wasm32-unknown-unknown to nightly"
  fi
  # One wasm-bindgen-cli serves both crates, so their wasm-bindgen versions must be equal.
  local ours main
  ours=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' \
    "$PARALLEL_CRATE/Cargo.lock")
  main=$(lock_version wasm-bindgen)
  [ "$ours" = "$main" ] ||
    die "crates/parallel-demo/Cargo.lock has wasm-bindgen $ours but Cargo.lock has $main: make them equal"
  [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $main" ] || ensure_wasm_bindgen
}

# parallel_cargo RUSTFLAGS ARGS...: `cargo +nightly ARGS` in the demo crate with exactly these
# rustflags (none from the caller's environment).
parallel_cargo() {
  local flags=$1
  shift
  (
    cd "$PARALLEL_CRATE" || exit 1
    unset CARGO_ENCODED_RUSTFLAGS RUSTFLAGS
    [ -z "$flags" ] || export RUSTFLAGS="$flags"
    cargo +nightly "$@"
  )
}

# build_parallel [OUT]: builds OUT (default dist/parallel/): the threaded wasm (pkg/), the plain
# fallback wasm (pkg-plain/), and the page from www/parallel/. A Trunk post_build hook can pass
# "$TRUNK_STAGING_DIR/parallel", so that `trunk serve` keeps the demo too.
build_parallel() {
  local out=${1:-$PARALLEL_DIST} start=$SECONDS wasm stage="$PARALLEL_TARGET/stage"
  ensure_parallel_tools
  log "parallel demo: threaded wasm (nightly, build-std, atomics)"
  parallel_cargo "$PARALLEL_THREAD_RUSTFLAGS" build --release --locked --target wasm32-unknown-unknown \
    -Z build-std=panic_abort,std --target-dir "$PARALLEL_TARGET/threads" ||
    die "building the threaded parallel demo failed"
  log "parallel demo: plain wasm for the message-passing fallback"
  parallel_cargo "" build --release --locked --target wasm32-unknown-unknown --no-default-features \
    --target-dir "$PARALLEL_TARGET/plain" ||
    die "building the plain parallel demo failed"

  rm -rf "$stage" && mkdir -p "$stage"
  for wasm in threads plain; do
    wasm-bindgen --target web --no-typescript --out-dir "$stage/$wasm" \
      "$PARALLEL_TARGET/$wasm/wasm32-unknown-unknown/release/parallel_demo.wasm" ||
      die "wasm-bindgen failed on the $wasm parallel demo"
  done

  rm -rf "$out" && mkdir -p "$out"
  cp -R "$ROOT/www/parallel/." "$out/"
  cp -R "$stage/threads" "$out/pkg"
  cp -R "$stage/plain" "$out/pkg-plain"
  log "parallel demo built into ${out#"$ROOT/"}/ in $((SECONDS - start)) s:"
  for wasm in "$out"/pkg/*.wasm "$out"/pkg-plain/*.wasm; do
    printf '    %-44s %8s bytes  %7s gzip\n' "${wasm#"$out/"}" "$(wc -c <"$wasm")" \
      "$(gzip -9 -c "$wasm" | wc -c)" >&2
  done
}

# For scripts/test: builds dist/parallel/, then runs the renderer's native unit tests (every
# thread count gives the single-thread image), whose "test result:" line the suite counts.
test_parallel() {
  build_parallel
  log "parallel demo: native unit tests"
  parallel_cargo "" test --release --locked --no-default-features
}
