"""Registers and the item list (core: item, target, inspector, import; vectors: registers.json)."""

from __future__ import annotations

import datetime
import json

import pytest

import shuangsuiji as s
from conftest import ROOT


def test_register_vectors(sample):
    v = sample.vector
    assert sample.items.hash == v["item_list_hash"]
    assert sample.targets.root == v["targets_root"]
    assert sample.public.root == v["inspectors_root"]
    assert sample.inspectors.root(sample.key) == v["inspectors_root"]
    assert len(sample.targets) == v["targets_count"]
    assert len(sample.inspectors) == v["inspectors_count"]
    assert sample.targets.leaf_bytes(0).decode() == v["first_target_leaf"]
    assert sample.public.leaf_bytes(0).decode() == v["first_inspector_public_leaf"]
    first = sample.inspectors.to_dict()["inspectors"][0]
    salt = s.personal_salt(sample.key, first["id"])
    assert salt == v["first_inspector_personal_salt"]
    assert s.personal_digest(salt, first["personal"]) == v["first_inspector_personal_digest"]


def test_published_views_round_trip(sample):
    back = s.PublicInspectorRegister.from_json(sample.public.to_json())
    assert back.root == sample.public.root
    t = s.TargetRegister.from_dict(sample.targets.to_dict())
    assert t.root == sample.targets.root
    assert t.as_of == datetime.date(2023, 8, 23)
    assert s.ItemList.from_json(sample.items.to_json()).hash == sample.items.hash
    # to_dict() is the JSON form, and pretty JSON is what the CLI writes.
    assert json.loads(sample.public.to_json(pretty=True)) == sample.public.to_dict()


def test_registers_from_lists_of_dicts(sample):
    # The same entries as dicts give the same roots.
    d = sample.targets.to_dict()
    t = s.TargetRegister(d["targets"], datetime.date(2023, 8, 23))
    assert t.root == sample.targets.root
    i = s.ItemList(sample.items.to_dict()["items"], sample.items.version)
    assert i.hash == sample.items.hash
    full = s.InspectorRegister(sample.inspectors.to_dict()["inspectors"], "2023-08-23")
    assert full.root(sample.key) == sample.public.root
    pub = s.PublicInspectorRegister(sample.public.to_dict()["inspectors"], "2023-08-23")
    assert pub.root == sample.public.root


def test_bytes_and_files_agree(sample):
    data = (ROOT / "examples/data/targets.csv").read_bytes()
    assert s.TargetRegister.from_bytes(data, "2023-08-23").root == sample.targets.root


def test_csv_with_bad_rows_lists_every_row(tmp_path):
    lines = (ROOT / "examples/data/targets.csv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:6]
    bad = list(rows)
    cols = [r.split(",") for r in bad]
    cols[1][2] = "91410105XXXXXXXX3W"  # row 3: USCC check fails
    cols[3][4] = "2023-02-30"  # row 5: impossible date
    cols[4][3] = ""  # row 6: name missing
    path = tmp_path / "targets.csv"
    path.write_text("\n".join([header] + [",".join(c) for c in cols]) + "\n", encoding="utf-8")
    with pytest.raises(s.ValidationError) as e:
        s.TargetRegister.read(path, "2023-08-23")
    problems = e.value.problems
    assert sorted({p["row"] for p in problems}) == [3, 5, 6]
    assert all(p["register"] == "targets" for p in problems)
    assert {p["kind"] for p in problems} >= {"invalid_uscc", "invalid_date", "missing"}
    # The message names every problem with its row.
    for row in (3, 5, 6):
        assert f"row {row}" in str(e.value)
    assert isinstance(e.value, ValueError) and isinstance(e.value, s.ShuangsuijiError)


def test_dict_entries_of_the_wrong_shape_are_problems_too(sample):
    targets = sample.targets.to_dict()["targets"][:3]
    targets[0] = dict(targets[0], kind="spaceship")
    del targets[1]["name"]
    with pytest.raises(s.ValidationError) as e:
        s.TargetRegister(targets, "2023-08-23")
    fields = {(p["record"], p["field"], p["kind"]) for p in e.value.problems}
    assert (targets[0]["id"], "kind", "unknown_value") in fields
    assert (targets[1]["id"], "name", "missing") in fields


def test_bad_values_raise_format_error(sample):
    with pytest.raises(s.FormatError):
        s.TargetRegister([], "2023-02-30")
    with pytest.raises(s.FormatError):
        sample.inspectors.public_view(b"short")
    with pytest.raises(FileNotFoundError):
        s.TargetRegister.read(ROOT / "no-such-file.csv", "2023-08-23")
