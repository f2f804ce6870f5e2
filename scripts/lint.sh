#!/usr/bin/env bash
# The gates every change passes (called by scripts/test-all.sh, so CI runs them): formatting,
# clippy with warnings denied on each feature set and on the fuzz crate, the docs with
# warnings denied, a build with the declared MSRV, and cargo-deny's licence, ban and source
# checks (advisories need a network CI does not have). Installs what it misses; prints the
# time each gate takes.
set -euo pipefail
cd "$(dirname "$0")/.."

gate() {
  local name=$1; shift
  local t0=$SECONDS
  echo "== lint: $name"
  "$@"
  echo "== lint: $name ok ($((SECONDS - t0)) s)"
}

msrv=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)
[ -n "$msrv" ] || { echo "cannot read rust-version from Cargo.toml" >&2; exit 1; }
deny_version=0.20.2

gate "rustfmt" cargo fmt --all --check
gate "rustfmt (fuzz)" cargo fmt --manifest-path fuzz/Cargo.toml --check
gate "clippy (default features, all crates and targets)" \
  cargo clippy --workspace --all-targets -- -D warnings
gate "clippy (core, no features)" \
  cargo clippy -p shuangsuiji --no-default-features --lib -- -D warnings
gate "clippy (core, all features)" \
  cargo clippy -p shuangsuiji --all-features --all-targets -- -D warnings
gate "clippy (fuzz crate)" \
  cargo clippy --manifest-path fuzz/Cargo.toml --all-targets -- -D warnings
gate "rustdoc (warnings denied)" \
  env RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p shuangsuiji --all-features

if ! rustup toolchain list | grep -q "^$msrv"; then
  rustup toolchain install "$msrv" --profile minimal
fi
# The library is what others embed, so its MSRV is the one checked; the CLI declares its
# own (cli/Cargo.toml: 1.89, for rust_xlsxwriter's zip) and is built by the stable toolchain.
gate "MSRV $msrv build (core)" \
  cargo "+$msrv" check -p shuangsuiji --all-features

if [ "$(cargo deny --version 2>/dev/null | awk '{print $2}')" != "$deny_version" ]; then
  echo "installing cargo-deny $deny_version (once; several minutes)"
  cargo install cargo-deny --version "$deny_version"
fi
# deny reads every crate of every target offline; a dependency only some target uses (the
# wasm VFS of rusqlite's SQLite) is fetched first.
gate "cargo fetch (every target, for deny)" cargo fetch -q
gate "cargo deny (licenses, bans, sources)" cargo deny --offline check licenses bans sources
