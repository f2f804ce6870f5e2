"""Against a real PostgreSQL (tests/db/run.sh starts a throw-away cluster and sets
SHUANGSUIJI_PG): the sample registers live in tables with the seed's Chinese column names
and real column types; read through a psycopg cursor, through Arrow (ADBC) and streamed by
TargetQuery, each gives the CSV files' roots and the vector's record bytes; the outcome is
written back into the tables of docs/embedding.md; results are read back from a table."""

from __future__ import annotations

import csv
import importlib.util
import io
import os
import pathlib
import re

import adbc_driver_postgresql.dbapi as adbc
import psycopg
import pytest

import shuangsuiji as s

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
DSN = os.environ["SHUANGSUIJI_PG"]

_spec = importlib.util.spec_from_file_location("shared_conftest", ROOT / "tests/python/conftest.py")
shared = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shared)

# Columns with a type of their own in the host system's tables; every other column is TEXT.
TYPES = {
    "成立日期": "DATE",
    "执法证有效期起": "DATE",
    "执法证有效期至": "DATE",
    "行政区划代码": "INTEGER",
    "所在地区": "INTEGER",
}
TABLES = {"事项清单": "items.csv", "检查对象名录库": "targets.csv", "执法检查人员名录库": "inspectors.csv"}
VECTOR_RECORD = ROOT / "tests/vectors/draw-sample.record.json"
ORDER_BY_ID = 'ORDER BY COALESCE("对象编码", "统一社会信用代码") COLLATE "C"'


def csv_rows(name: str) -> tuple[list[str], list[list[str | None]]]:
    rows = list(csv.reader(io.StringIO((DATA / name).read_text(encoding="utf-8-sig"))))
    return rows[0], [[c if c != "" else None for c in r] for r in rows[1:]]


@pytest.fixture(scope="module")
def sample():
    return shared.Sample()


@pytest.fixture(scope="module")
def conn():
    with psycopg.connect(DSN, autocommit=True) as c:
        for table, name in TABLES.items():
            header, rows = csv_rows(name)
            cols = ", ".join(f'"{h}" {TYPES.get(h, "TEXT")}' for h in header)
            c.execute(f'DROP TABLE IF EXISTS "{table}"')
            c.execute(f'CREATE TABLE "{table}" ({cols})')
            with c.cursor().copy(f'COPY "{table}" FROM STDIN') as cp:
                for r in rows:
                    cp.write_row(r)
        yield c


def test_typed_columns_are_typed(conn):
    cur = conn.execute('SELECT "成立日期", "行政区划代码" FROM "检查对象名录库" LIMIT 1')
    d, region = cur.fetchone()
    assert type(d).__name__ == "date" and isinstance(region, int)


def test_registers_from_a_psycopg_cursor(conn, sample):
    cur = conn.cursor()
    cur.execute('SELECT * FROM "检查对象名录库"')
    targets = s.TargetRegister.from_rows(cur, sample.as_of, batch_size=1000)
    assert targets.root == sample.targets.root
    assert vector_draw(sample, targets).canonical_bytes() == VECTOR_RECORD.read_bytes()
    cur.execute('SELECT * FROM "事项清单"')
    assert s.ItemList.from_rows(cur, sample.items.version).hash == sample.items.hash
    cur.execute('SELECT * FROM "执法检查人员名录库"')
    reg = s.InspectorRegister.from_rows(cur, sample.as_of)
    assert reg.public_view(sample.key).root == sample.public.root


def test_registers_through_arrow(sample):
    with adbc.connect(os.environ["SHUANGSUIJI_PG_URI"]) as a:
        with a.cursor() as cur:
            cur.execute('SELECT * FROM "检查对象名录库"')
            targets = s.TargetRegister.from_arrow(cur.fetch_arrow_table(), sample.as_of)
            assert targets.root == sample.targets.root
            assert vector_draw(sample, targets).canonical_bytes() == VECTOR_RECORD.read_bytes()
            cur.execute('SELECT * FROM "执法检查人员名录库"')
            reg = s.InspectorRegister.from_arrow(cur.fetch_arrow_table(), sample.as_of)
            assert reg.public_view(sample.key).root == sample.public.root


def vector_draw(sample, targets):
    v = shared.read_json("tests/vectors/draw-sample.json")["inputs"]
    commitment = s.SignedCommitment.from_dict(v["commitment"])
    return s.draw(commitment, sample.items, targets, sample.public, v["reveals"], v["beacon"])


def test_streamed_from_a_server_side_cursor(conn, sample):
    def query():
        cur = conn.cursor(name="ssj_targets")  # server-side: rows arrive per fetchmany
        cur.execute(f'SELECT * FROM "检查对象名录库" {ORDER_BY_ID}')
        return cur

    # Both passes in one snapshot (docs/embedding.md §3).
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    try:
        with conn.transaction():
            rec = vector_draw(sample, s.TargetQuery(query, sample.as_of, batch_size=500))
    finally:
        conn.isolation_level = None
    assert rec.canonical_bytes() == VECTOR_RECORD.read_bytes()


def test_a_table_updated_between_the_passes_is_refused(conn, sample):
    passes = []

    def query():
        passes.append(1)
        if len(passes) == 2:  # another session updates a row while the draw runs
            with psycopg.connect(DSN, autocommit=True) as other:
                other.execute('UPDATE "检查对象名录库" SET "风险等级" = \'高\' WHERE "风险等级" = \'低\' '
                              'AND "统一社会信用代码" = (SELECT MIN("统一社会信用代码") FROM "检查对象名录库" WHERE "风险等级" = \'低\')')
        return conn.execute(f'SELECT * FROM "检查对象名录库" {ORDER_BY_ID}')

    conn.execute('CREATE TABLE saved AS SELECT * FROM "检查对象名录库"')
    try:
        with pytest.raises(s.DrawError, match="changed between"):
            vector_draw(sample, s.TargetQuery(query, sample.as_of))
    finally:
        conn.execute('DELETE FROM "检查对象名录库"')
        conn.execute('INSERT INTO "检查对象名录库" SELECT * FROM saved')
        conn.execute("DROP TABLE saved")


def test_a_query_in_another_order_is_refused(conn, sample):
    q = s.TargetQuery(lambda: conn.execute('SELECT * FROM "检查对象名录库" ORDER BY "住所"'), sample.as_of)
    with pytest.raises(s.DrawError):
        vector_draw(sample, q)


def test_write_back_and_read_again(conn, sample):
    sealed = s.SealedRecord(vector_draw(sample, sample.targets))
    ddl = re.search(r"```sql\n(.*?)```", (ROOT / "docs/embedding.md").read_text(encoding="utf-8"), re.S).group(1)
    for t in ["ssj_draw_item", "ssj_draw_target", "ssj_draw_member", "ssj_draw_exclusion"]:
        conn.execute(f"DROP TABLE IF EXISTS {t}")
    conn.execute(ddl)
    cur = conn.cursor()
    for name, (columns, rows) in sealed.outcome_rows().items():
        cur.executemany(
            f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})", rows
        )
    got = conn.execute(
        "SELECT target_id FROM ssj_draw_target WHERE record_hash = %s AND role <> 'alternate'", (sealed.hash,)
    ).fetchall()
    assert {r[0] for r in got} == set(sealed.record.selected_ids())
    (batches,) = conn.execute("SELECT COUNT(DISTINCT batch) FROM ssj_draw_target WHERE batch IS NOT NULL").fetchone()
    assert batches == len(sealed.record.to_dict()["batches"])


def test_results_back_from_a_table(conn, sample):
    rec = s.DrawRecord.from_json((ROOT / "tests/vectors/v2/draw-sample.record.json").read_bytes())
    sealed = s.SealedRecord(rec)
    lines = [l for l in s.results_template_csv(sealed, sample.targets).lstrip("\ufeff").splitlines() if l]
    header = lines[0].split(",")
    rows = [l.split(",") for l in lines[1:]]
    col = header.index
    for r in rows:
        r[col("检查日期")], r[col("结果日期")] = "2023-09-06", "2023-09-08"
        r[col("录入人")] = r[col("检查人员")].split("；")[0]
        r[col("检查结果")] = "未发现问题"
    conn.execute('DROP TABLE IF EXISTS "检查结果"')
    conn.execute('CREATE TABLE "检查结果" (' + ", ".join(f'"{h}" TEXT' for h in header) + ")")
    with conn.cursor().copy('COPY "检查结果" FROM STDIN') as cp:
        for r in rows:
            cp.write_row([c or None for c in r])
    want = s.import_results(
        "\n".join(",".join(r) for r in [header, *rows]).encode(), sealed, sample.targets, sample.inspectors
    )
    cur = conn.execute('SELECT * FROM "检查结果"')
    assert s.import_results_rows(cur, sealed, sample.targets, sample.inspectors) == want
