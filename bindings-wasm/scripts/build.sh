#!/usr/bin/env bash
# Builds the WebAssembly package into bindings-wasm/pkg/: pkg/web (ES module, for the page
# and bundlers) and pkg/node (CommonJS, loads the .wasm synchronously). Needs the
# wasm32-unknown-unknown target and the wasm-bindgen CLI at the crate's exact version
# (scripts/test-wasm.sh installs both).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd -P)"
cd "$root"
# Reproducible: the checkout's and the cargo home's paths are remapped, so the .wasm does not
# depend on where the source lies (scripts/check-page-reproducible.sh).
# Each registry's source folder (named after its index URL: a mirror such as rsproxy or tuna
# gives another name) is remapped to one fixed name, so a rebuild from a mirror matches too;
# vendored sources (`cargo vendor`) are not covered (docs/install.md §4).
if [ -n "${RUSTFLAGS:-}${CARGO_ENCODED_RUSTFLAGS:-}" ]; then
  echo "RUSTFLAGS/CARGO_ENCODED_RUSTFLAGS are set: cargo would drop the path remapping, and the" >&2
  echo "page would not be reproducible; unset them" >&2
  exit 1
fi
cargo fetch -q --locked
cargo_home="$(cd "${CARGO_HOME:-$HOME/.cargo}" && pwd -P)"
flags="--remap-path-prefix=$cargo_home=/cargo"
for src in "$cargo_home"/registry/src/*/; do
  [ -d "$src" ] && flags="$flags --remap-path-prefix=${src%/}=/cargo/registry/src/crates.io"
done
# Last: the checkout (the last matching remap wins, so a cargo home inside it still maps).
flags="$flags --remap-path-prefix=$root=/shuangsuiji"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags"
cargo build --locked -p shuangsuiji-wasm --target wasm32-unknown-unknown --release
wasm="${CARGO_TARGET_DIR:-$root/target}/wasm32-unknown-unknown/release/shuangsuiji_wasm.wasm"
rm -rf "$here/pkg/web" "$here/pkg/node"
wasm-bindgen --target web --out-dir "$here/pkg/web" --out-name shuangsuiji "$wasm"
wasm-bindgen --target nodejs --out-dir "$here/pkg/node" --out-name shuangsuiji "$wasm"
# pkg/node is CommonJS inside a "type": "module" package.
printf '{ "type": "commonjs" }\n' > "$here/pkg/node/package.json"
ls -l "$here/pkg/web/shuangsuiji_bg.wasm"
