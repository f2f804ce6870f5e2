#!/usr/bin/env bash
# The page is reproducible: the source copied to another directory (its own target dir) and
# built again gives a folder byte-identical to PAGE (default dist/page). Fails, listing the
# files that differ, otherwise. docs/install.md §4 says how anyone does the same by hand.
#
#   scripts/check-page-reproducible.sh [PAGE]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
page="$(cd "${1:-dist/page}" && pwd)"
[ -f "$page/build.json" ] || { echo "$page/build.json missing: build the page first" >&2; exit 1; }
work="$(mktemp -d /tmp/shuangsuiji-rebuild.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# The files of this checkout (tracked, and new ones not ignored), nothing built.
mkdir -p "$work/src"
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | xargs -0 cp --parents -t "$work/src"
start=$SECONDS
# The same pinned wasm-opt (node_modules is not part of the source copied).
(cd "$work/src" && CARGO_TERM_QUIET=true CARGO_TARGET_DIR="$work/target" \
  WASM_OPT="$root/bindings-wasm/node_modules/.bin/wasm-opt" scripts/build-page.sh "$work/page" > /dev/null)
echo "rebuilt the page in $work/src in $((SECONDS - start)) s"
if diff -r "$page" "$work/page"; then
  echo "page reproducible: $(sed -n 's/.*"page_hash": "\(.*\)".*/\1/p' "$page/build.json") (two builds, two directories, identical bytes)"
else
  echo "page NOT reproducible: the files above differ between $page and a rebuild elsewhere" >&2
  exit 1
fi
