#!/usr/bin/env bash
# What building the WebAssembly package needs: the wasm32-unknown-unknown target and the
# wasm-bindgen CLI at exactly the version bindings-wasm/Cargo.toml pins. Skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
wasm_dir=bindings-wasm

# wasm-bindgen CLI at exactly the version the crate pins (wasm-bindgen = "=X.Y.Z").
want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$wasm_dir/Cargo.toml")
[ -n "$want" ] || { echo "cannot read the pinned wasm-bindgen version" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (once; several minutes)"
  cargo install wasm-bindgen-cli --version "$want"
fi
