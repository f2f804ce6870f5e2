#!/usr/bin/env python3
"""A 1M-row target register from PostgreSQL into a sealed record, three ways, side by side
with the database's own `COPY … TO STDOUT` of the same table, in one run (issue 23 §7;
docs/performance.md). Each path runs in its own process, so each peak RSS is its own; the
three records must be byte-identical.

    python3 benches/compare/scale_data.py 1000000
    tests/db/cluster.sh target/venv-ci/bin/python benches/compare/pg_paths.py target/bench-data/scaled-1000000

Paths: `cursor` (a server-side psycopg cursor → `TargetRegister.from_rows`, then commit, draw,
seal), `arrow` (ADBC `fetch_arrow_table` → `from_arrow`, then the same), `streamed` (the
commitment made earlier, as in practice; the draw reads the table twice through
`TargetQuery`, in one REPEATABLE READ snapshot, never holding the register).
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AS_OF = "2023-08-23"
SECRETS = {"zazd": bytes([7] * 32), "jjjc": bytes([8] * 32)}
ORDER = 'ORDER BY COALESCE("对象编码", "统一社会信用代码") COLLATE "C"'


def load(d: Path) -> None:
    import psycopg

    header = (d / "targets.csv").read_text(encoding="utf-8-sig").split("\n", 1)[0].split(",")
    with psycopg.connect(os.environ["SHUANGSUIJI_PG"], autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS t")
        conn.execute("CREATE TABLE t (" + ", ".join(f'"{h}" TEXT' for h in header) + ")")
        with conn.cursor().copy("COPY t FROM STDIN (FORMAT csv, HEADER true)") as cp:
            with open(d / "targets.csv", "rb") as f:
                if f.read(3) != b"\xef\xbb\xbf":
                    f.seek(0)
                while chunk := f.read(1 << 20):
                    cp.write(chunk)
        conn.execute("ANALYZE t")


def copy_out() -> dict:
    import psycopg

    t = time.perf_counter()
    n = 0
    with psycopg.connect(os.environ["SHUANGSUIJI_PG"]) as conn:
        with conn.cursor().copy("COPY (SELECT * FROM t) TO STDOUT") as cp:
            for data in cp:
                n += len(data)
    return {"total": time.perf_counter() - t, "bytes": n}


def inputs(d: Path):
    import shuangsuiji as s

    items = s.ItemList.read(d / "items.csv", "v")
    key = bytes.fromhex((d / "inspector-salt.key").read_text().strip())
    inspectors = s.InspectorRegister.read(d / "inspectors.csv", AS_OF).public_view(key)
    round_ = json.loads((d / "drand-quicknet.json").read_text())["rounds"][0]
    return items, inspectors, round_


def commit(d: Path, items, targets, inspectors):
    import shuangsuiji as s

    plan = json.loads((d / "plan.json").read_text(encoding="utf-8"))
    for v2_only in ("must_include_reasons", "level", "annual_task"):  # timed as draw/v1
        plan.pop(v2_only, None)
    return s.commit(
        plan, items, targets, inspectors,
        participants=[{"id": p, "role": r, "commitment": s.commit_secret(p, SECRETS[p])}
                      for p, r in (("zazd", "检查部门"), ("jjjc", "纪检监察"))],
        signers=[{"name": "负责人", "public_key": s.public_key_hex(bytes([9] * 32))}],
        committed_at=1_692_803_700, beacon=s.quicknet(123), version=1,
    )


def run_path(path: str, d: Path, out: Path) -> dict:
    import psycopg

    import shuangsuiji as s

    items, inspectors, round_ = inputs(d)
    reveals = [s.reveal(p, k) for p, k in SECRETS.items()]
    times = {}
    t0 = time.perf_counter()
    if path == "streamed":
        c = s.SignedCommitment.from_json((out / "commitment.json").read_text())
        with psycopg.connect(os.environ["SHUANGSUIJI_PG"]) as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ

            def query():
                cur = conn.cursor(name="ssj")
                cur.execute(f"SELECT * FROM t {ORDER}")
                return cur

            with conn.transaction():
                rec = s.draw(c, items, s.TargetQuery(query, AS_OF, batch_size=10000), inspectors, reveals, beacon=round_)
        times["draw (two passes from the query)"] = time.perf_counter() - t0
    else:
        if path == "cursor":
            with psycopg.connect(os.environ["SHUANGSUIJI_PG"]) as conn:
                with conn.transaction():
                    cur = conn.cursor(name="ssj")
                    cur.execute("SELECT * FROM t")
                    targets = s.TargetRegister.from_rows(cur, AS_OF, batch_size=10000)
            times["read + import"] = time.perf_counter() - t0
        else:
            import adbc_driver_postgresql.dbapi as adbc

            with adbc.connect(os.environ["SHUANGSUIJI_PG_URI"]) as conn:
                with conn.cursor() as cur:
                    cur.execute("SELECT * FROM t")
                    table = cur.fetch_arrow_table()
            times["fetch_arrow_table"] = time.perf_counter() - t0
            t = time.perf_counter()
            targets = s.TargetRegister.from_arrow(table, AS_OF)
            del table
            times["from_arrow (import)"] = time.perf_counter() - t
        t = time.perf_counter()
        c = commit(d, items, targets, inspectors)
        times["commit (roots)"] = time.perf_counter() - t
        if path == "cursor":
            (out / "commitment.json").write_text(c.to_json())
        t = time.perf_counter()
        rec = s.draw(c, items, targets, inspectors, reveals, beacon=round_)
        times["draw"] = time.perf_counter() - t
    sealed = s.SealedRecord(rec)
    sealed.sign("负责人", bytes([9] * 32))
    times["total"] = time.perf_counter() - t0
    return {
        "times": times,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "record": rec.hash,
        "selected": len(rec.selected_ids()),
    }


def main() -> None:
    d = Path(sys.argv[1])
    if len(sys.argv) > 3:  # a child: one path
        print(json.dumps(run_path(sys.argv[2], d, Path(sys.argv[3]))))
        return
    t = time.perf_counter()
    load(d)
    print(f"loaded {d / 'targets.csv'} into PostgreSQL in {time.perf_counter() - t:.1f} s")
    results = {"COPY … TO STDOUT": copy_out()}
    with tempfile.TemporaryDirectory() as tmp:
        for path in ("cursor", "arrow", "streamed"):
            child = subprocess.run([sys.executable, __file__, str(d), path, tmp],
                                   capture_output=True, text=True)
            if child.returncode != 0:
                sys.exit(f"{path}: {child.stderr}")
            results[path] = json.loads(child.stdout.strip().splitlines()[-1])
    base = results["COPY … TO STDOUT"]["total"]
    print(f"COPY (SELECT * FROM t) TO STDOUT: {base:.2f} s, {results['COPY … TO STDOUT']['bytes'] / 1e6:.0f} MB")
    for path in ("cursor", "arrow", "streamed"):
        r = results[path]
        phases = ", ".join(f"{k} {v:.2f} s" for k, v in r["times"].items() if k != "total")
        print(f"{path:<9} total {r['times']['total']:6.2f} s ({r['times']['total'] / base:4.1f}× COPY), "
              f"peak RSS {r['rss_mb']:6.0f} MB; {phases}")
    records = {results[p]["record"] for p in ("cursor", "arrow", "streamed")}
    assert len(records) == 1, f"records differ: {records}"
    print(f"one record for every path: {records.pop()} ({results['cursor']['selected']} selected)")


if __name__ == "__main__":
    main()
