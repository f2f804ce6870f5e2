#!/usr/bin/env bash
# Runs every test suite: Rust (all features and none).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --all-targets
cargo test -p shuangsuiji --no-default-features --lib
