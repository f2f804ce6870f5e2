#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL cluster (docs/embedding.md §7): installs
# Debian's `postgresql` when missing, starts a cluster in a temporary folder on a free port of
# 127.0.0.1, runs "$@" with SHUANGSUIJI_PG (a libpq DSN) and SHUANGSUIJI_PG_URI (a URI) set,
# and stops and removes the cluster at exit, whatever happened. Uses the venv
# scripts/test-python.sh built (psycopg and ADBC are installed into it when missing).
#
#   tests/db/cluster.sh target/venv-ci/bin/python -m pytest tests/db
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
VENV="${SHUANGSUIJI_VENV:-$ROOT/target/venv-ci}"
sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pgbin)" ]; then
  $sudo_ apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q postgresql
fi
PGBIN="$(pgbin)"
"$VENV/bin/python" -c "import psycopg, pyarrow, adbc_driver_postgresql" 2>/dev/null ||
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "psycopg[binary]>=3.1" "pyarrow>=14" "adbc-driver-postgresql>=1"

TMP="$(mktemp -d)"
chmod 755 "$TMP"
# initdb refuses to run as root: the cluster belongs to Debian's postgres user then.
as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$TMP"
  as=(runuser -u postgres --)
fi
PORT="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
stop() {
  "${as[@]}" "$PGBIN/pg_ctl" -D "$TMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap stop EXIT
"${as[@]}" "$PGBIN/initdb" -D "$TMP/data" -U ssj -A trust -E UTF8 --no-locale >/dev/null
"${as[@]}" "$PGBIN/pg_ctl" -D "$TMP/data" -l "$TMP/server.log" -w \
  -o "-p $PORT -k $TMP -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
export SHUANGSUIJI_PG="host=127.0.0.1 port=$PORT user=ssj dbname=postgres"
export SHUANGSUIJI_PG_URI="postgresql://ssj@127.0.0.1:$PORT/postgres"
"$@"
