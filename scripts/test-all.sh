#!/usr/bin/env bash
# Runs the lint gates, then every test suite: Rust (default features and none, doctests), a
# fuzz smoke, then builds the release artifacts (scripts/dist.sh) and tests them as installed:
# the Python suite against the x86_64 wheel in a fresh venv, the Node suite against the npm
# tarball in an empty project with the page folder as released, the static CLIs and the
# aarch64 wheel under emulation, the page rebuilt elsewhere (scripts/test-dist.sh); then the
# PostgreSQL tests and the comparison across runtimes. Prints the time of each step at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
times=()
free_disk() { df -Pk . | awk 'NR == 2 { printf "%.1f GB", $4 / 1048576 }'; }
timed() {
  local start=$SECONDS
  "$@"
  times+=("$(printf '%5d s  %-9s free  %s' $((SECONDS - start)) "$(free_disk)" "$*")")
}
trap 'printf "\n[test-all] time per step (and disk free after it):\n"; printf "  %s\n" "${times[@]}"' EXIT

# On CI the disk may be small (a run stopped at "No space left on device" with everything at
# defaults, about 13 GB written): no incremental caches, line tables instead of full debug
# info, no pip cache, and each build folder removed once nothing later reads it. Local runs
# keep their caches (set SHUANGSUIJI_LEAN_DISK=1 to behave as CI does).
lean="${SHUANGSUIJI_LEAN_DISK:-${CI:-}}"
case "$lean" in false | 0) lean= ;; esac
if [ -n "$lean" ]; then
  export CARGO_INCREMENTAL=0 CARGO_PROFILE_DEV_DEBUG=line-tables-only PIP_NO_CACHE_DIR=1
  export SHUANGSUIJI_DIST_CLEAN=1
fi
echo "[test-all] disk free at start: $(free_disk)"

timed scripts/lint.sh
# Chromium and a CJK font first: the CLI's tests render the printed 抽查记录.
timed scripts/install-browser.sh
timed cargo test --all-targets
timed cargo test -p shuangsuiji --doc
timed cargo run -q -p shuangsuiji --example verify_sample
timed cargo run -q -p shuangsuiji-cli --example sqlite_draw
timed cargo test -p shuangsuiji --no-default-features --lib
timed scripts/fuzz-smoke.sh
# The fuzz builds are not read again (logs and corpora stay).
[ -z "$lean" ] || rm -rf fuzz/target/release fuzz/target/debug fuzz/target/x86_64-unknown-linux-gnu

# The artifacts are built once; the suites below test them, not a build of their own.
timed scripts/dist.sh
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
export SHUANGSUIJI_VENV="$PWD/target/venv-dist"
wheel=$(ls dist/shuangsuiji-"$version"-cp39-abi3-manylinux*_x86_64.whl)
timed env SHUANGSUIJI_WHEEL="$wheel" scripts/test-python.sh
# tests/db/run.sh after the Python suite: it uses the venv that suite builds.
timed tests/db/run.sh
timed env SHUANGSUIJI_NPM_TARBALL="dist/shuangsuiji-$version.tgz" SHUANGSUIJI_PAGE_DIR="$PWD/dist/page" \
  scripts/test-wasm.sh
timed scripts/test-dist.sh
# One comparison across runtimes: Rust regenerates every vector, Python and WASM re-compute
# them; the bytes must agree.
timed "$SHUANGSUIJI_VENV/bin/python" scripts/cross_runtime.py
