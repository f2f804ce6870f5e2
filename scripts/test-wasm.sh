#!/usr/bin/env bash
# The WebAssembly package (bindings-wasm/): installs what is missing (skipping what is
# present at the right version), builds pkg/web and pkg/node, writes the demo's public
# register views, then runs the Node tests, including the end-to-end test of the
# verification page in headless Debian Chromium. Ends with node's test-runner summary.
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
scripts/install-browser.sh
if [ ! -d "$wasm_dir/node_modules/playwright-core" ] || [ ! -d "$wasm_dir/node_modules/typescript" ]; then
  (cd "$wasm_dir" && npm ci --no-audit --no-fund)
fi

"$wasm_dir/scripts/build.sh"
# The published types: a small TypeScript program must type-check against the .d.ts.
(cd "$wasm_dir" && npx tsc -p tsconfig.json)
# The public register views the tests verify against (written by the CLI, as users get them).
cargo run -q -p shuangsuiji-cli -- demo --out "$wasm_dir/pkg/demo" > /dev/null

cd "$wasm_dir"
exec node --test --test-reporter=spec tests/
