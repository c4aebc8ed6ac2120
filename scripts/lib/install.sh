# shellcheck shell=bash
# Installs what the build and the tests need, and only what is missing: with everything in place
# each step is a version check and the whole takes seconds. Sourced by scripts/serve,
# scripts/build and scripts/test; every tool comes from crates.io, npm or Debian's apt.
#
#   ensure_build_tools   wasm32 target, Trunk, wasm-bindgen-cli, npm packages, crates
#   ensure_browser       Chromium and ChromeDriver from apt (for the tests)
#
# A step that fails stops the calling script with a message (die), whether or not it runs
# under `set -e`.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
# npm's binaryen first: Debian's wasm-opt (binaryen 108) cannot read current wasm-bindgen output.
export PATH="$ROOT/node_modules/.bin:$CARGO_HOME/bin:$PATH"

# Trunk 0.22 needs rustc >= 1.96.1, which only the nightly toolchain has here; 0.21.14 builds on
# stable and is the fallback when there is no such nightly. Trunk.toml accepts both.
TRUNK_VERSION=0.22.1
TRUNK_MIN_RUSTC=1.96.1
TRUNK_STABLE_VERSION=0.21.14
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The version of package $1 in Cargo.lock.
lock_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' \
    "$ROOT/Cargo.lock"
}

# Runs a command as root (apt-get), through sudo when not root already.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "'$*' needs root; run it as root, then try again"
  fi
}

ensure_wasm_target() {
  rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null && return
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown || die "rustup could not add wasm32-unknown-unknown"
}

# True when `rustc +nightly` exists and is at least $TRUNK_MIN_RUSTC.
nightly_can_build_trunk() {
  local v
  rustup toolchain list | grep '^nightly' >/dev/null || return 1
  v=$(rustc +nightly --version 2>/dev/null | awk '{ sub(/-.*/, "", $2); print $2 }')
  [ -n "$v" ] && [ "$(printf '%s\n%s\n' "$TRUNK_MIN_RUSTC" "$v" | sort -V | head -n1)" = "$TRUNK_MIN_RUSTC" ]
}

ensure_trunk() {
  case "$(trunk --version 2>/dev/null)" in
    "trunk $TRUNK_VERSION" | "trunk $TRUNK_STABLE_VERSION") return ;;
  esac
  if nightly_can_build_trunk; then
    log "building Trunk $TRUNK_VERSION with nightly Rust (about 15 minutes on 2 cores)"
    cargo +nightly install trunk --version "$TRUNK_VERSION" --locked --force ||
      die "building Trunk $TRUNK_VERSION failed"
  else
    log "no nightly >= $TRUNK_MIN_RUSTC: building Trunk $TRUNK_STABLE_VERSION with stable Rust (about 15 minutes)"
    cargo install trunk --version "$TRUNK_STABLE_VERSION" --locked --force ||
      die "building Trunk $TRUNK_STABLE_VERSION failed"
  fi
}

# wasm-bindgen-cli (wasm-bindgen, wasm-bindgen-test-runner) must equal Cargo.lock's wasm-bindgen.
ensure_wasm_bindgen() {
  local want trunk_pin src tmp
  want=$(lock_version wasm-bindgen)
  [ -n "$want" ] || die "Cargo.lock has no wasm-bindgen"
  trunk_pin=$(sed -n 's/^wasm_bindgen *= *"\(.*\)".*/\1/p' "$ROOT/Trunk.toml")
  [ "$trunk_pin" = "$want" ] ||
    die "Trunk.toml pins wasm_bindgen = \"$trunk_pin\" but Cargo.lock has wasm-bindgen $want: make them equal"
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $want" ] &&
     [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" = "wasm-bindgen-test-runner $want" ]; then
    return
  fi
  log "installing wasm-bindgen-cli $want (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$want" --locked --force && return
  # 0.2.130's lock file pins webpki-roots 1.0.11, which the registry here lacks: build the
  # source that the failed install just downloaded, with webpki-roots one patch lower.
  log "retrying wasm-bindgen-cli $want with webpki-roots 1.0.10"
  src=$(ls -d "$CARGO_HOME"/registry/src/*/"wasm-bindgen-cli-$want" 2>/dev/null | head -n1)
  [ -n "$src" ] || die "cargo did not download wasm-bindgen-cli $want"
  tmp=$(mktemp -d)
  cp -R "$src/." "$tmp"
  (cd "$tmp" && cargo update -p webpki-roots --precise 1.0.10 && cargo install --path . --locked --force) ||
    die "building wasm-bindgen-cli $want failed (sources in $tmp)"
  rm -rf "$tmp"
}

# npm packages from package-lock.json (wasm-opt from binaryen, playwright-core); `npm ci` runs
# only when the lock file differs from the one last installed.
ensure_npm_packages() {
  local stamp="$ROOT/node_modules/.installed-package-lock.json"
  command -v npm >/dev/null || die "npm is missing (Node.js comes with this machine; apt-get install npm)"
  cmp -s "$ROOT/package-lock.json" "$stamp" && return
  log "installing npm packages"
  (cd "$ROOT" && npm ci --no-audit --no-fund) || die "npm ci failed"
  cp "$ROOT/package-lock.json" "$stamp"
}

# Every crate for every target (`cargo fetch` without --target includes wasm32's), so Trunk,
# which runs cargo with --offline, finds them all.
fetch_crates() {
  (cd "$ROOT" && cargo fetch --quiet) || die "cargo fetch failed"
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_npm_packages
  ensure_wasm_bindgen
  ensure_trunk
  fetch_crates
}

ensure_browser() {
  [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ] && return
  log "installing Chromium and ChromeDriver from apt"
  as_root apt-get update -q || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver ||
    die "installing chromium and chromium-driver with apt-get failed"
}
