#!/usr/bin/env bash
# Builds the release artifacts into dist/ (docs/install.md says how to install them offline):
#   shuangsuiji-V-cp39-abi3-manylinux2014_{x86_64,aarch64}…whl  Python wheels (abi3, zig)
#   shuangsuiji-V.tar.gz                                         Python sdist
#   shuangsuiji-cli-V-{x86_64,aarch64}-linux-musl.tar.gz         static CLI + sample data
#   shuangsuiji-V.tgz                                            npm package (npm pack)
#   page/ and shuangsuiji-page-V.zip                             the verification page
#   SHA256SUMS
# Installs what it misses (rust targets; maturin and ziglang in target/venv-build). Prints
# the time each step takes. Archives carry no time, owner or file mode of the build machine;
# the page is reproducible byte for byte (scripts/check-page-reproducible.sh), the wheels and
# the CLI are not yet (they hold the build machine's paths in panic messages).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
dist="${SHUANGSUIJI_DIST:-$root/dist}"
bvenv="$root/target/venv-build"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
export CARGO_TERM_COLOR=never
total=$SECONDS
step_start=$SECONDS
step() { echo "[dist] $1: $((SECONDS - step_start)) s"; step_start=$SECONDS; }
# SHUANGSUIJI_DIST_CLEAN=1 (CI, whose disk may be small): a target's build folder goes once
# its artifact is in dist/.
clean_build() { [ -z "${SHUANGSUIJI_DIST_CLEAN:-}" ] || rm -rf "${CARGO_TARGET_DIR:-$root/target}/$1"; }

targets=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl aarch64-unknown-linux-gnu x86_64-unknown-linux-gnu)
installed=$(rustup target list --installed)
for t in "${targets[@]}"; do
  grep -qx "$t" <<< "$installed" || rustup target add "$t"
done
scripts/install-wasm-tools.sh
[ -x "$bvenv/bin/python" ] || python3 -m venv "$bvenv"
if ! "$bvenv/bin/python" -c "import ziglang" 2>/dev/null || [ ! -x "$bvenv/bin/maturin" ]; then
  "$bvenv/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.9.4,<2" ziglang
fi
step "tools"

rm -rf "$dist"
mkdir -p "$dist"

# Python: one abi3 wheel per architecture (CPython >= 3.9), manylinux2014 through zig, and
# the sdist. maturin finds zig as `python -m ziglang` on PATH.
for arch in x86_64 aarch64; do
  PATH="$bvenv/bin:$PATH" maturin build --quiet --profile dist --zig --compatibility manylinux2014 \
    --target "$arch-unknown-linux-gnu" -m bindings-python/Cargo.toml -o "$dist" 2>&1 | grep -v '^\s*Compiling' || true
  ls "$dist"/shuangsuiji-"$version"-cp39-abi3-manylinux*"$arch".whl > /dev/null
  clean_build "$arch-unknown-linux-gnu"
  step "wheel $arch"
done
PATH="$bvenv/bin:$PATH" maturin sdist -m bindings-python/Cargo.toml -o "$dist" 2>&1 | tail -1
step "sdist"

# The CLI: static (musl) binaries, linked by rust-lld for the foreign architecture, each in
# an archive with the sample data the demo reads beside the program.
for arch in x86_64 aarch64; do
  t="$arch-unknown-linux-musl"
  env "CARGO_TARGET_$(tr 'a-z-' 'A-Z_' <<< "$t")_LINKER=rust-lld" \
    cargo build -q --profile dist -p shuangsuiji-cli --target "$t"
  name="shuangsuiji-cli-$version-$arch-linux-musl"
  stage="$root/target/dist-stage/$name"
  rm -rf "$stage"
  mkdir -p "$stage/examples"
  cp "${CARGO_TARGET_DIR:-target}/$t/dist/shuangsuiji" "$stage/"
  cp -r examples/data "$stage/examples/data"
  cp LICENSE "$stage/" 2>/dev/null || true
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --mode=u+rwX,go+rX,go-w -C "$root/target/dist-stage" -cf - "$name" \
    | gzip -n -9 > "$dist/$name.tar.gz"
  rm -rf "$stage"
  clean_build "$t"
  step "cli $arch"
done

# The npm package and the page, from one WebAssembly build.
scripts/build-page.sh "$dist/page"
clean_build wasm32-unknown-unknown
(cd bindings-wasm && npm pack --silent --pack-destination "$dist" > /dev/null)
python3 - "$dist/page" "$dist/shuangsuiji-page-$version.zip" <<'PY'
import pathlib, sys, zipfile
page, out = pathlib.Path(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(page.iterdir()):
        info = zipfile.ZipInfo(f"shuangsuiji-page/{f.name}", date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        z.writestr(info, f.read_bytes(), zipfile.ZIP_DEFLATED)
PY
step "wasm, npm package, page"

# Every file, the page folder's included (an admin installs from page/ as well as the zip).
(cd "$dist" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
echo "[dist] artifacts in $dist (total $((SECONDS - total)) s):"
(cd "$dist" && find . -type f -printf '%10s  %P\n' | LC_ALL=C sort -k2)
