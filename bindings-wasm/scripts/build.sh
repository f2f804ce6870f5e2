#!/usr/bin/env bash
# Builds the WebAssembly package into bindings-wasm/pkg/: pkg/web (ES module, for the page
# and bundlers) and pkg/node (CommonJS, loads the .wasm synchronously). Needs the
# wasm32-unknown-unknown target and the wasm-bindgen CLI at the crate's exact version
# (scripts/test-wasm.sh installs both).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
# Reproducible: the checkout's and the cargo home's paths are remapped, so the .wasm does not
# depend on where the source lies (scripts/check-page-reproducible.sh).
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$root=/shuangsuiji --remap-path-prefix=$cargo_home=/cargo"
cargo build -p shuangsuiji-wasm --target wasm32-unknown-unknown --release
wasm="${CARGO_TARGET_DIR:-$root/target}/wasm32-unknown-unknown/release/shuangsuiji_wasm.wasm"
rm -rf "$here/pkg/web" "$here/pkg/node"
wasm-bindgen --target web --out-dir "$here/pkg/web" --out-name shuangsuiji "$wasm"
wasm-bindgen --target nodejs --out-dir "$here/pkg/node" --out-name shuangsuiji "$wasm"
# pkg/node is CommonJS inside a "type": "module" package.
printf '{ "type": "commonjs" }\n' > "$here/pkg/node/package.json"
ls -l "$here/pkg/web/shuangsuiji_bg.wasm"
