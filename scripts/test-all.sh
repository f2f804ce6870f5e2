#!/usr/bin/env bash
# Runs every test suite: Rust (default features and none), then each binding's suite.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --all-targets
cargo test -p shuangsuiji --no-default-features --lib
for s in scripts/test-python.sh scripts/test-wasm.sh; do
  if [ -x "$s" ]; then "$s"; fi
done
