#!/usr/bin/env bash
# Builds the verification page as one self-contained static folder: OUT/index.html, app.js, worker.js,
# style.css, the wasm-bindgen module and its .wasm, and build.json (the page hash: see
# docs/install.md §4). No request leaves the folder. Two builds of the same source give
# byte-identical folders wherever the checkout and the cargo home lie (paths are remapped in
# bindings-wasm/scripts/build.sh, and nothing here writes a time or a path), which
# scripts/check-page-reproducible.sh tests.
#
#   scripts/build-page.sh OUT [--no-build]   (--no-build: reuse bindings-wasm/pkg/web)
set -euo pipefail
out="${1:?usage: scripts/build-page.sh OUT [--no-build]}"
cd "$(dirname "$0")/.."
root="$PWD"
[ "${2:-}" = "--no-build" ] || bindings-wasm/scripts/build.sh > /dev/null
case "$out" in /*) ;; *) out="$root/$out" ;; esac
rm -rf "$out"
mkdir -p "$out"
web=bindings-wasm/web
pkg=bindings-wasm/pkg/web
cp "$web/index.html" "$web/style.css" "$pkg/shuangsuiji.js" "$pkg/shuangsuiji_bg.wasm" "$out/"
# In the repository the page imports the module from ../pkg/web; in the folder it sits beside.
for js in app.js worker.js; do
  sed 's|"\.\./pkg/web/|"./|g' "$web/$js" > "$out/$js"
  grep -q '"./shuangsuiji.js"' "$out/$js" || { echo "$js: module import not rewritten" >&2; exit 1; }
  ! grep -q 'pkg/web' "$out/$js" || { echo "$js: a path into pkg/web is left" >&2; exit 1; }
done
chmod 0644 "$out"/*    # readable by the web server whatever the umask
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
# The toolchain a rebuild must use to get the same bytes (not pinned by a rust-toolchain file:
# the build machine's one toolchain is used, and named here).
rustc_v=$(rustc -V | cut -d' ' -f2)
bindgen_v=$(wasm-bindgen --version | cut -d' ' -f2)
wasm_opt_v=$("${WASM_OPT:-bindings-wasm/node_modules/.bin/wasm-opt}" --version | sed -n 's/^wasm-opt version \([0-9]*\).*/\1/p')
# The page hash: SHA-256 of the sha256sum listing of the page's files in byte order of their
# names (build.json itself excluded) — what `sha256sum` and `sort` give anyone.
(
  cd "$out"
  listing=$(LC_ALL=C ls -1 | grep -vx build.json | LC_ALL=C sort | xargs sha256sum)
  hash=$(printf '%s\n' "$listing" | sha256sum | cut -d' ' -f1)
  {
    printf '{\n  "format": "shuangsuiji-page/1",\n  "version": "%s",\n  "rustc": "%s",\n  "wasm_bindgen": "%s",\n  "wasm_opt": "%s",\n  "page_hash": "%s",\n  "files": {\n' \
      "$version" "$rustc_v" "$bindgen_v" "$wasm_opt_v" "$hash"
    printf '%s\n' "$listing" | awk '{ printf "%s    \"%s\": \"%s\"", (NR > 1 ? ",\n" : ""), $2, $1 } END { printf "\n" }'
    printf '  }\n}\n'
  } > build.json
  echo "page $out: page_hash $hash"
)
