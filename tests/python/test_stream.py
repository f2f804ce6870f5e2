"""A target register streamed from a CSV sorted by id (TargetCsvFile): the re-run reads it
twice and never holds it, and verifies exactly as the register in memory does — the same
streamed form the page's Worker and ``shuangsuiji verify --stream`` read (spec §7)."""

from __future__ import annotations

import json

import pytest

import shuangsuiji as s
from conftest import ROOT


def sealed(draw_vector) -> dict:
    e = draw_vector["expected"]
    record = json.loads((ROOT / "tests/vectors/draw-sample.record.json").read_bytes())
    return {"record": record, "hash": e["record_hash"], "signatures": e["record_signatures"]}


def test_a_streamed_csv_verifies_as_the_register_in_memory(sample, draw_vector, tmp_path):
    path = tmp_path / "targets.public.csv"
    path.write_text(sample.targets.to_csv(), encoding="utf-8")
    streamed = s.TargetCsvFile(path, sample.as_of)
    rec = sealed(draw_vector)
    got = s.verify(rec, streamed, sample.public).to_dict()
    assert got == s.verify(rec, sample.targets, sample.public).to_dict()
    assert got["record_hash"] == draw_vector["expected"]["record_hash"]
    whole = s.verify_trusted(rec, sample.targets, sample.public)
    assert s.verify_trusted(rec, streamed, sample.public) == whole
    assert whole["verified"]["record_hash"] == draw_vector["expected"]["record_hash"]


def test_a_streamed_csv_out_of_order_or_changed_is_refused(sample, draw_vector, tmp_path):
    lines = sample.targets.to_csv().splitlines(keepends=True)
    rec = sealed(draw_vector)
    swapped = lines[:]
    swapped[2], swapped[3] = swapped[3], swapped[2]
    path = tmp_path / "swapped.csv"
    path.write_text("".join(swapped), encoding="utf-8")
    with pytest.raises(s.VerifyError) as err:
        s.verify(rec, s.TargetCsvFile(path, sample.as_of), sample.public)
    assert err.value.cause_kind == "unsorted", err.value
    dropped = tmp_path / "dropped.csv"
    dropped.write_text("".join(lines[:5] + lines[6:]), encoding="utf-8")
    verdict = s.verify_trusted(rec, s.TargetCsvFile(dropped, sample.as_of), sample.public)
    assert verdict["level"] == "failed"
    with pytest.raises(s.VerifyError) as err:
        s.verify(rec, s.TargetCsvFile(tmp_path / "absent.csv", sample.as_of), sample.public)
    assert "absent.csv" in str(err.value)
    with pytest.raises(s.FormatError):
        s.TargetCsvFile(path, "2023-13-01")
