#!/usr/bin/env bash
# Tests against a real PostgreSQL (issue 23; docs/embedding.md §7): tests/db/test_postgres.py
# beside a throw-away cluster (tests/db/cluster.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV="${SHUANGSUIJI_VENV:-$PWD/target/venv-ci}"
exec tests/db/cluster.sh "$VENV/bin/python" -m pytest -p no:cacheprovider -q tests/db "$@"
