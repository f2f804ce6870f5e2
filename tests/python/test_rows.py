"""Registers from a database's rows and from Arrow, streamed draws, write-back and results
read back (issue 23; docs/embedding.md): each path gives the same bytes as the CSV files.
SQLite from the standard library; PostgreSQL in tests/db/."""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import re
import sqlite3

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import shuangsuiji as s
from conftest import ROOT, read_json

DATA = ROOT / "examples" / "data"
ORDER_BY_ID = 'ORDER BY COALESCE("对象编码", "统一社会信用代码")'


def csv_table(name: str) -> tuple[list[str], list[list[str | None]]]:
    """A sample CSV as a database keeps it: empty cells are NULL."""
    rows = list(csv.reader(io.StringIO((DATA / name).read_text(encoding="utf-8-sig"))))
    return rows[0], [[c if c != "" else None for c in r] for r in rows[1:]]


def load(conn: sqlite3.Connection, table: str, name: str) -> list[str]:
    header, rows = csv_table(name)
    cols = ", ".join(f'"{h}" TEXT' for h in header)
    conn.execute(f'CREATE TABLE "{table}" ({cols})')
    marks = ", ".join("?" for _ in header)
    conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
    return header


@pytest.fixture(scope="module")
def db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    for table, name in [("items", "items.csv"), ("targets", "targets.csv"), ("inspectors", "inspectors.csv")]:
        load(conn, table, name)
    return conn


def test_registers_from_a_cursor_equal_the_files(db, sample):
    cur = db.execute("SELECT * FROM targets")
    targets = s.TargetRegister.from_rows(cur, sample.as_of, batch_size=777)
    assert targets.root == sample.targets.root
    items = s.ItemList.from_rows(db.execute("SELECT * FROM items"), sample.items.version)
    assert items.hash == sample.items.hash
    inspectors = s.InspectorRegister.from_rows(db.execute("SELECT * FROM inspectors"), sample.as_of)
    assert inspectors.public_view(sample.key).root == sample.public.root


def test_tuples_with_a_header_and_mappings(db, sample):
    header, rows = csv_table("targets.csv")
    assert s.TargetRegister.from_rows(rows, sample.as_of, header=header).root == sample.targets.root
    dicts = [dict(zip(header, r)) for r in rows]
    assert s.TargetRegister.from_rows(dicts, sample.as_of).root == sample.targets.root
    with pytest.raises(s.FormatError, match="header"):
        s.TargetRegister.from_rows(rows, sample.as_of)


def test_aliases_are_mapped_and_unknown_columns_refused(db, sample):
    sql = 'SELECT "统一社会信用代码" AS code, "企业名称" AS name, "风险等级" AS fx, 1 AS extra FROM targets'
    with pytest.raises(s.ValidationError) as e:
        s.TargetRegister.from_rows(db.execute(sql), sample.as_of)
    assert sorted(p["column"] for p in e.value.problems) == ["code", "extra", "fx"]
    reg = s.TargetRegister.from_rows(
        db.execute(sql), sample.as_of, columns={"code": "统一社会信用代码", "fx": "风险等级", "extra": None}
    )
    assert len(reg) == len(sample.targets)


def test_row_problems_name_the_row_and_the_source_column(sample):
    rows = [("甲公司", "低"), ("乙公司", "极高"), ("丙公司", "低")]
    with pytest.raises(s.ValidationError) as e:
        s.TargetRegister.from_rows(rows, sample.as_of, header=["企业名称", "fx"], columns={"fx": "风险等级"})
    (p,) = e.value.problems
    assert (p["row"], p["column"], p["field"], p["kind"]) == (2, "fx", "risk", "unknown_value")


def test_python_values_read_as_the_xlsx_cells_would(sample):
    header = ["企业名称", "统一社会信用代码", "成立日期", "行政区划代码"]
    row = ["甲公司", "91350100M000100Y43", datetime.date(2015, 3, 2), decimal.Decimal("350102")]
    as_datetime = row[:2] + [datetime.datetime(2015, 3, 2, 0, 0), 350102.0]
    a = s.TargetRegister.from_rows([row], sample.as_of, header=header)
    b = s.TargetRegister.from_rows([as_datetime], sample.as_of, header=header)
    text = s.TargetRegister.from_rows([["甲公司", "91350100M000100Y43", "2015-03-02", "350102"]], sample.as_of, header=header)
    assert a.root == b.root == text.root
    with pytest.raises(s.FormatError, match='row 1, column "成立日期"'):
        s.TargetRegister.from_rows([row[:2] + [object(), "350102"]], sample.as_of, header=header)


def test_arrow_with_inferred_types_equals_the_files(sample):
    # pyarrow infers ints (区划, 警号, 手机号码) and dates: each crosses as the file's text.
    t = pacsv.read_csv(DATA / "targets.csv")
    assert t.schema.field("行政区划代码").type == pa.int64()
    assert s.TargetRegister.from_arrow(t, sample.as_of).root == sample.targets.root
    i = pacsv.read_csv(DATA / "inspectors.csv")
    assert s.InspectorRegister.from_arrow(i, sample.as_of).public_view(sample.key).root == sample.public.root
    assert s.ItemList.from_arrow(pacsv.read_csv(DATA / "items.csv"), sample.items.version).hash == sample.items.hash
    # A stream in several batches reads as the whole table.
    reader = pa.RecordBatchReader.from_batches(t.schema, t.to_batches(max_chunksize=999))
    assert s.TargetRegister.from_arrow(reader, sample.as_of).root == sample.targets.root


def vector_draw(sample, targets):
    v = read_json("tests/vectors/draw-sample.json")["inputs"]
    commitment = s.SignedCommitment.from_dict(v["commitment"])
    return s.draw(commitment, sample.items, targets, sample.public, v["reveals"], v["beacon"])


def test_a_streamed_query_draws_the_vectors_bytes(db, sample):
    calls = []

    def query():
        calls.append(1)
        return db.execute(f"SELECT * FROM targets {ORDER_BY_ID}")

    rec = vector_draw(sample, s.TargetQuery(query, sample.as_of, batch_size=1000))
    assert rec.canonical_bytes() == (ROOT / "tests/vectors/draw-sample.record.json").read_bytes()
    assert len(calls) == 2, "two passes: root and census, then selection"


def test_a_query_out_of_order_stops_the_draw(db, sample):
    q = s.TargetQuery(lambda: db.execute(f'SELECT * FROM targets ORDER BY "企业名称"'), sample.as_of)
    with pytest.raises(s.DrawError, match="order|sorted"):
        vector_draw(sample, q)


def ddl() -> str:
    """The CREATE TABLE statements of docs/embedding.md, as the page gives them."""
    text = (ROOT / "docs" / "embedding.md").read_text(encoding="utf-8")
    return re.search(r"```sql\n(.*?)```", text, re.S).group(1)


def test_write_back_into_the_documented_tables(db, sample):
    rec = vector_draw(sample, sample.targets)
    sealed = s.SealedRecord(rec)
    conn = sqlite3.connect(":memory:")
    conn.executescript(ddl())
    tables = sealed.outcome_rows()
    assert set(tables) == {"ssj_draw_item", "ssj_draw_target", "ssj_draw_member", "ssj_draw_exclusion"}
    for name, (columns, rows) in tables.items():
        marks = ", ".join("?" for _ in columns)
        conn.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", rows)
        assert pa.table(sealed.to_arrow(name)).num_rows == len(rows)
        assert pa.table(sealed.to_arrow(name)).column_names == columns
    drawn = {r[0] for r in conn.execute("SELECT target_id FROM ssj_draw_target WHERE role != 'alternate'")}
    assert drawn == set(rec.selected_ids())
    (n,) = conn.execute("SELECT COUNT(*) FROM ssj_draw_member WHERE record_hash = ?", (sealed.hash,)).fetchone()
    assert n == sum(len(t["members"]) for t in rec.to_dict()["teams"])
    with pytest.raises(s.FormatError, match="ssj_draw_target"):
        sealed.to_arrow("nope")


def test_results_read_back_from_rows_and_arrow(sample):
    from test_results_import import filled, sealed_sample, to_bytes

    sealed = sealed_sample()
    header, rows = filled(s.results_template_csv(sealed, sample.targets))
    want = s.import_results(to_bytes(header, rows), sealed, sample.targets, sample.inspectors)
    got = s.import_results_rows(rows, sealed, sample.targets, sample.inspectors, header=header)
    assert got == want
    table = pa.table({h: [r[i] for r in rows] for i, h in enumerate(header)})
    assert s.import_results_arrow(table, sealed, sample.targets, sample.inspectors) == want


def test_python_and_arrow_read_awkward_values_alike(sample):
    """Zoned timestamps at their date in Beijing, scaled decimals, float32, NaN: the same
    text on both paths (review of issue 23)."""
    import math

    header = ["企业名称", "统一社会信用代码", "成立日期", "行政区划代码"]
    utc = datetime.timezone.utc
    # 2015-03-01 16:30 UTC is 2015-03-02 00:30 in Beijing.
    py_row = ["甲公司", "91350100M000100Y43", datetime.datetime(2015, 3, 1, 16, 30, tzinfo=utc), decimal.Decimal("350102.00")]
    text = s.TargetRegister.from_rows([["甲公司", "91350100M000100Y43", "2015-03-02", "350102"]], sample.as_of, header=header)
    assert s.TargetRegister.from_rows([py_row], sample.as_of, header=header).root == text.root
    table = pa.table(
        {
            "企业名称": ["甲公司"],
            "统一社会信用代码": ["91350100M000100Y43"],
            "成立日期": pa.array([datetime.datetime(2015, 3, 1, 16, 30, tzinfo=utc)], pa.timestamp("us", tz="UTC")),
            "行政区划代码": pa.array([decimal.Decimal("350102.00")], pa.decimal128(10, 2)),
        }
    )
    assert s.TargetRegister.from_arrow(table, sample.as_of).root == text.root
    # NaN is how pandas writes a missing value: empty on both paths.
    nan_row = ["甲公司", "91350100M000100Y43", "2015-03-02", "350102"]
    with_nan = s.TargetRegister.from_rows([nan_row + [math.nan]], sample.as_of, header=header + ["行业"])
    assert with_nan.root == text.root
    f32 = pa.table({"企业名称": ["甲公司"], "统一社会信用代码": ["91350100M000100Y43"], "风险等级": ["低"], "行业": pa.array([float("nan")], pa.float32())})
    assert s.TargetRegister.from_arrow(f32, sample.as_of).get("91350100M000100Y43")["industry"] == ""


def test_values_that_are_no_cells_are_refused(sample):
    header = ["企业名称", "统一社会信用代码"]
    with pytest.raises(s.FormatError, match="list"):
        s.TargetRegister.from_rows([["甲公司", [57, 49]]], sample.as_of, header=header)
    nested = pa.table({"企业名称": ["甲公司"], "统一社会信用代码": pa.array([["a"]], pa.list_(pa.string()))})
    with pytest.raises(s.FormatError, match="统一社会信用代码"):
        s.TargetRegister.from_arrow(nested, sample.as_of)
    bad = pa.table({"企业名称": pa.array([b"\xff\xfe"], pa.binary()), "统一社会信用代码": ["91350100M000100Y43"]})
    with pytest.raises(s.FormatError, match="企业名称"):
        s.TargetRegister.from_arrow(bad, sample.as_of)


class Cursor:
    """A cursor that records whether it was closed, and may fail part-way."""

    def __init__(self, rows, header, fail_at=None):
        self.description = [(h,) for h in header]
        self.rows, self.fail_at, self.closed = list(rows), fail_at, False

    def fetchmany(self, n):
        if self.fail_at is not None and self.fail_at < n:
            raise ConnectionResetError("server closed the connection")
        out, self.rows = self.rows[:n], self.rows[n:]
        return out

    def close(self):
        self.closed = True


def test_a_query_error_is_re_raised_as_itself_and_its_cursor_closed(sample):
    header, rows = csv_table("targets.csv")
    cursors = []

    def query():
        cursors.append(Cursor(rows, header, fail_at=5))
        return cursors[-1]

    with pytest.raises(ConnectionResetError):
        vector_draw(sample, s.TargetQuery(query, sample.as_of, batch_size=100))
    assert cursors and all(c.closed for c in cursors)

    def no_rows():
        return Cursor([], ["企业名称", "风险等级X"])

    with pytest.raises(s.DrawError, match="风险等级X"):
        vector_draw(sample, s.TargetQuery(no_rows, sample.as_of))


def test_pandas_and_polars_frames_through_the_arrow_interface(sample):
    """Data frames as scripts hold them: pandas with inferred types (ints, NaN for empty
    cells) and polars, through ``__arrow_c_stream__``; the file's root each time."""
    import pandas as pd
    import polars as pl

    path = DATA / "targets.csv"
    assert s.TargetRegister.from_arrow(pd.read_csv(path), sample.as_of).root == sample.targets.root
    assert s.TargetRegister.from_arrow(pd.read_csv(path, dtype=str), sample.as_of).root == sample.targets.root
    assert s.TargetRegister.from_arrow(pl.read_csv(path), sample.as_of).root == sample.targets.root
