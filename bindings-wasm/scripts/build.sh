#!/usr/bin/env bash
# Builds the WebAssembly package into bindings-wasm/pkg/: pkg/web (ES module, for the page
# and bundlers) and pkg/node (CommonJS, loads the .wasm synchronously). Needs the
# wasm32-unknown-unknown target, the wasm-bindgen CLI at the crate's exact version and
# binaryen's wasm-opt at package.json's (scripts/install-wasm-tools.sh installs all three).
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
# wasm-opt -O3 (binaryen, pinned in package.json; scripts/install-wasm-tools.sh installs it):
# 17 % smaller and 6 % faster (docs/performance.md). Both targets get the same module, so it
# is optimised once. WASM_OPT names another wasm-opt of the same version (a rebuild elsewhere).
wasm_opt="${WASM_OPT:-$here/node_modules/.bin/wasm-opt}"
opt_want=$(node -p "require('$here/package.json').devDependencies.binaryen.split('.')[0]")
opt_have=$("$wasm_opt" --version 2>/dev/null | sed -n 's/^wasm-opt version \([0-9]*\).*/\1/p')
if [ "$opt_have" != "$opt_want" ]; then
  echo "wasm-opt $opt_want is needed (found: ${opt_have:-none} at $wasm_opt): run scripts/install-wasm-tools.sh" >&2
  exit 1
fi
cmp -s "$here/pkg/web/shuangsuiji_bg.wasm" "$here/pkg/node/shuangsuiji_bg.wasm" \
  || { echo "wasm-bindgen gave the two targets different modules" >&2; exit 1; }
"$wasm_opt" -O3 --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals \
  "$here/pkg/web/shuangsuiji_bg.wasm" -o "$here/pkg/web/shuangsuiji_bg.opt.wasm"
mv "$here/pkg/web/shuangsuiji_bg.opt.wasm" "$here/pkg/web/shuangsuiji_bg.wasm"
cp "$here/pkg/web/shuangsuiji_bg.wasm" "$here/pkg/node/shuangsuiji_bg.wasm"
ls -l "$here/pkg/web/shuangsuiji_bg.wasm"
