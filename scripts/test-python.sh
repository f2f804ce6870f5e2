#!/usr/bin/env bash
# Builds the Python package (bindings-python/, import name `shuangsuiji`) into a virtual
# environment and runs its pytest suite (tests/python/), which reads tests/vectors/.
#
# Needs only CPython >= 3.9 with pip and venv, and cargo. The venv is created on first use
# (target/venv-ci, or $SHUANGSUIJI_VENV) and maturin/pytest are installed only if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PYTHON="${PYTHON:-python3}"
VENV="${SHUANGSUIJI_VENV:-$ROOT/target/venv-ci}"

# SHUANGSUIJI_WHEEL: test a built wheel as a user installs it — into a fresh venv, then the
# suite run with a PATH that has no cargo (scripts/test-all.sh passes dist/'s x86_64 wheel).
WHEEL="${SHUANGSUIJI_WHEEL:-}"
if [ -n "$WHEEL" ]; then
  rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
# pyarrow, pandas, polars: the Arrow paths (tests/python/test_rows.py) are tested against the
# real data-frame libraries, not a stand-in.
# gmssl: an independent SM2/SM3 implementation the 国密 primitives are tested against
# (tests/python/test_sm.py).
if ! "$VENV/bin/python" -c "import pytest, mypy, pyarrow, pandas, polars, gmssl" 2>/dev/null; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pytest>=7" "mypy>=1.10" \
    "pyarrow>=14" "pandas>=2.2" "polars>=1" "gmssl==3.2.2"
fi

if [ -n "$WHEEL" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$WHEEL"
  export PATH="$VENV/bin:/usr/bin:/bin"
  if command -v cargo > /dev/null || command -v rustc > /dev/null; then
    echo "cannot test the wheel without cargo: cargo is in /usr/bin or /bin" >&2; exit 1
  fi
  echo "testing $(basename "$WHEEL") installed in a fresh venv, no cargo on PATH"
else
  [ -x "$VENV/bin/maturin" ] || "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.9.4,<2"
  # Build the extension in release mode and install it (editable) into the venv.
  VIRTUAL_ENV="$VENV" PATH="$VENV/bin:$PATH" \
    "$VENV/bin/maturin" develop --release --manifest-path bindings-python/Cargo.toml
fi

cd "$ROOT"
# The hand-written stub must say what the native module has (names, signatures, classes).
"$VENV/bin/python" -m mypy.stubtest shuangsuiji._shuangsuiji \
  --allowlist bindings-python/stubtest-allowlist.txt --ignore-disjoint-bases
"$VENV/bin/python" -m pytest -p no:cacheprovider tests/python "$@"
