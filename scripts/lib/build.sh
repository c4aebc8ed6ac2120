# shellcheck shell=bash
# The release build of the web app, shared by scripts/build and scripts/test.
# Needs scripts/lib/install.sh sourced first (ROOT, PATH, log).

# Builds dist/ with `trunk build --release` (wasm-release profile, wasm-opt -Oz).
build_release() {
  (cd "$ROOT" && trunk build --release)
}

# Prints the raw and gzip sizes of the wasm, JS and CSS in dist/.
report_sizes() {
  local f total=0 gz
  log "sizes in dist/ (gzip -9):"
  for f in "$ROOT"/dist/*.wasm "$ROOT"/dist/*.js "$ROOT"/dist/*.css; do
    [ -f "$f" ] || continue
    gz=$(gzip -9 -c "$f" | wc -c)
    total=$((total + gz))
    printf '    %-44s %8s bytes  %7s gzip\n' "$(basename "$f")" "$(wc -c <"$f")" "$gz" >&2
  done
  printf '    %-44s %8s        %7s gzip\n' "total" "" "$total" >&2
}
