# Fuzzing, sourced by scripts/test (after install.sh): the cargo-fuzz targets in fuzz/ (a crate
# of its own, built with nightly), each run for a short while from corpora seeded with the
# scenario programs and the tests' share links.
#
#   ensure_cargo_fuzz   cargo-fuzz from crates.io, when nightly Rust is there
#   test_fuzz           seed, build, then run every target for $FUZZ_SECONDS (30) seconds
#
# A long campaign: `fuzz/seed.sh`, then `cargo +nightly fuzz run -s none TARGET fuzz/corpus/TARGET
# -- -max_total_time=3600`; a crash is saved under fuzz/artifacts/TARGET/ and replayed with
# `cargo +nightly fuzz run -s none TARGET fuzz/artifacts/TARGET/crash-…`.

FUZZ_TARGETS=(compile run share_decode trace_timeline)

ensure_cargo_fuzz() {
  command -v cargo-fuzz >/dev/null && return
  log "installing cargo-fuzz (about 2 minutes)"
  cargo install cargo-fuzz --locked || die "cargo install cargo-fuzz failed"
}

# Prints "fuzz target NAME: ok (N runs)" or "fuzz target NAME: FAILED"; fails if any failed.
test_fuzz() {
  local t failed=0 log runs
  (cd "$ROOT" && fuzz/seed.sh) || return 1
  (cd "$ROOT" && cargo +nightly fuzz build -s none) || return 1
  for t in "${FUZZ_TARGETS[@]}"; do
    log="$ARTIFACTS/logs/fuzz-$t.log"
    if (cd "$ROOT" && cargo +nightly fuzz run -s none "$t" "fuzz/corpus/$t" -- \
          -max_total_time="${FUZZ_SECONDS:-30}" -max_len=4096 -timeout=20 -rss_limit_mb=3072) >"$log" 2>&1; then
      runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log")
      echo "fuzz target $t: ok (${runs:-?} runs)"
    else
      echo "fuzz target $t: FAILED (see $log and fuzz/artifacts/$t/)"
      tail -n 30 "$log"
      failed=1
    fi
  done
  return "$failed"
}
