#!/usr/bin/env bash
# Builds the WebAssembly package into bindings-wasm/pkg/: pkg/web (ES module, for the page
# and bundlers) and pkg/node (CommonJS, loads the .wasm synchronously). Needs the
# wasm32-unknown-unknown target and the wasm-bindgen CLI at the crate's exact version
# (scripts/test-wasm.sh installs both).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
cargo build -p shuangsuiji-wasm --target wasm32-unknown-unknown --release
wasm="$root/target/wasm32-unknown-unknown/release/shuangsuiji_wasm.wasm"
rm -rf "$here/pkg/web" "$here/pkg/node"
wasm-bindgen --target web --out-dir "$here/pkg/web" --out-name shuangsuiji "$wasm"
wasm-bindgen --target nodejs --out-dir "$here/pkg/node" --out-name shuangsuiji "$wasm"
# pkg/node is CommonJS inside a "type": "module" package.
printf '{ "type": "commonjs" }\n' > "$here/pkg/node/package.json"
ls -l "$here/pkg/web/shuangsuiji_bg.wasm"
