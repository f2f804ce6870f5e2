#!/usr/bin/env bash
# Runs the lint gates, then every test suite: Rust (default features and none, doctests), a
# fuzz smoke, then each binding's suite and the PostgreSQL tests (the last prints node's
# test-runner summary).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/lint.sh
# Chromium and a CJK font first: the CLI's tests render the printed 抽查记录.
scripts/install-browser.sh
cargo test --all-targets
cargo test -p shuangsuiji --doc
cargo run -q -p shuangsuiji --example verify_sample
cargo run -q -p shuangsuiji-cli --example sqlite_draw
cargo test -p shuangsuiji --no-default-features --lib
# tests/db/run.sh after the Python suite: it uses the venv that suite builds.
for s in scripts/fuzz-smoke.sh scripts/test-python.sh tests/db/run.sh scripts/test-wasm.sh; do
  if [ -x "$s" ]; then "$s"; fi
done
# One comparison across runtimes: Rust regenerates every vector, Python and WASM re-compute
# them; the bytes must agree.
"${SHUANGSUIJI_VENV:-target/venv-ci}/bin/python" scripts/cross_runtime.py
