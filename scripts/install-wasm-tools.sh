#!/usr/bin/env bash
# What building the WebAssembly package needs: the wasm32-unknown-unknown target, the
# wasm-bindgen CLI at exactly the version bindings-wasm/Cargo.toml pins, and binaryen's
# wasm-opt at the version bindings-wasm/package.json pins (npm ci). Skips what is there.
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
# wasm-opt (npm `binaryen`, a devDependency pinned exactly; Debian's binaryen 108 predates the
# externref table wasm-bindgen emits and breaks the module).
opt_want=$(node -p "require('./$wasm_dir/package.json').devDependencies.binaryen")
opt_have=$(node -p "try { require('./$wasm_dir/node_modules/binaryen/package.json').version } catch { '' }")
if [ "$opt_have" != "$opt_want" ]; then
  (cd "$wasm_dir" && npm ci --no-audit --no-fund)
fi
