#!/usr/bin/env python3
"""Times the ways a target register reaches the library from Python (docs/embedding.md):
the CSV file read in Rust, rows from a SQLite cursor (`from_rows`) and a pyarrow table with
the types pyarrow infers (`from_arrow`). Every path must give the file's root.

    python3 benches/compare/scale_data.py 1000000
    target/venv-ci/bin/python benches/compare/rows_paths.py target/bench-data/scaled-1000000
"""

import csv
import io
import sqlite3
import sys
import time
from pathlib import Path

import pyarrow.csv as pacsv

import shuangsuiji as s

AS_OF = "2023-08-23"


def timed(label, f):
    t0 = time.perf_counter()
    out = f()
    print(f"{label:<44} {time.perf_counter() - t0:7.2f} s")
    return out


def main() -> None:
    d = Path(sys.argv[1] if len(sys.argv) > 1 else "examples/data")
    path = d / "targets.csv"
    want = timed("TargetRegister.read (CSV, in Rust)", lambda: s.TargetRegister.read(path, AS_OF))
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header, body = rows[0], [[c or None for c in r] for r in rows[1:]]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (" + ", ".join(f'"{h}" TEXT' for h in header) + ")")
    conn.executemany("INSERT INTO t VALUES (" + ", ".join("?" * len(header)) + ")", body)
    del rows, body
    got = timed("from_rows (SQLite cursor, fetchmany 10000)", lambda: s.TargetRegister.from_rows(conn.execute("SELECT * FROM t"), AS_OF))
    assert got.root == want.root
    table = timed("pyarrow.csv.read_csv (for reference)", lambda: pacsv.read_csv(path))
    got = timed("from_arrow (pyarrow table, inferred types)", lambda: s.TargetRegister.from_arrow(table, AS_OF))
    assert got.root == want.root
    print(f"{len(want)} targets; every path gave root {want.root[:16]}…")


if __name__ == "__main__":
    main()
