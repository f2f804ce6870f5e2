"""The results sheet from Python (issue 17 §5): written from the sealed sample record (draw/v2
vector), filled as a team would, read back and checked against the draw."""

from __future__ import annotations

import pytest

import shuangsuiji as s
from conftest import ROOT


def sealed_sample() -> s.SealedRecord:
    rec = s.DrawRecord.from_json((ROOT / "tests/vectors/v2/draw-sample.record.json").read_bytes())
    return s.SealedRecord(rec)


def filled(csv: str) -> tuple[list[str], list[list[str]]]:
    lines = [l for l in csv.lstrip("\ufeff").splitlines() if l]
    header = lines[0].split(",")
    rows = [l.split(",") for l in lines[1:]]
    col = header.index
    for r in rows:
        r[col("检查日期")] = "2023-09-06"
        r[col("结果日期")] = "2023-09-08"
        r[col("录入人")] = r[col("检查人员")].split("；")[0]
        r[col("检查结果")] = "未发现问题"
    return header, rows


def to_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    return "\n".join(",".join(r) for r in [header, *rows]).encode("utf-8")


def test_a_filled_sheet_imports_and_publishes(sample):
    sealed = sealed_sample()
    header, rows = filled(s.results_template_csv(sealed, sample.targets))
    assert len(rows) == len(sealed.record.selected_ids())
    got = s.import_results(to_bytes(header, rows), sealed, sample.targets, sample.inspectors)
    assert len(got) == len(rows)
    assert all(r["draw_record"] == sealed.to_dict()["hash"] for r in got)
    # Names come from the inspector register, never typed.
    assert all(m["name"] for r in got for m in r["team"])


def test_an_undrawn_target_is_refused_with_its_row(sample):
    sealed = sealed_sample()
    header, rows = filled(s.results_template_csv(sealed, sample.targets))
    drawn = set(sealed.record.selected_ids())
    undrawn = next(t["id"] for t in sample.targets.to_dict()["targets"] if t["id"] not in drawn)
    rows[0][header.index("检查对象编码")] = undrawn
    with pytest.raises(s.ValidationError) as e:
        s.import_results(to_bytes(header, rows), sealed, sample.targets, sample.inspectors)
    assert any(p["row"] == 2 and "was not drawn" in p["message"] for p in e.value.problems)
