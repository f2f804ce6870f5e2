"""One error, one kind, in every runtime: the failing inputs of tests/vectors/errors.json,
the same cases core/tests/error_kinds.rs and bindings-wasm/tests/error_kinds.test.mjs run.
Each must raise the exception class, ``.kind`` and ``.cause_kind`` the file states, with a
Chinese ``.message_zh``."""

from __future__ import annotations

import copy
import json
import re

import pytest

import shuangsuiji as s
from conftest import read_json

CASES = read_json("tests/vectors/errors.json")["cases"]


def patched(base, sets):
    """``base`` with each ``[JSON pointer, value]`` written into it."""
    v = copy.deepcopy(base)
    for pointer, value in sets:
        parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
        at = v
        for p in parts[:-1]:
            at = at[int(p)] if isinstance(at, list) else at[p]
        last = parts[-1]
        if isinstance(at, list):
            at[int(last)] = value
        else:
            at[last] = value
    return v


@pytest.fixture(scope="module")
def bases():
    d = read_json("tests/vectors/draw-sample.json")
    n = read_json("tests/vectors/publication/notice.json")
    c = d["inputs"]["commitment"]["commitment"]
    return {
        "sealed": {
            "record": read_json("tests/vectors/draw-sample.record.json"),
            "hash": d["expected"]["record_hash"],
            "signatures": d["expected"]["record_signatures"],
        },
        "notice": {"notice": json.loads(n["notice_jcs"]), "signature": n["signature"]},
        "spec": c["beacon"],
        "committed_at": c["committed_at"],
        "round": d["inputs"]["beacon"],
    }


def run(case, b, sample, tmp_path):
    op, sets = case["op"], case.get("set", [])
    if op == "verify":
        return s.verify(s.SealedRecord.from_dict(patched(b["sealed"], sets)), sample.targets, sample.public)
    if op == "verify_round":
        at = b["committed_at"] + case.get("committed_at_delta", 0)
        return s.verify_round(b["spec"], at, patched(b["round"], sets))
    if op == "verify_notice":
        notice = s.SignedNotice.from_dict(patched(b["notice"], sets))
        return notice.verify_csv(case["csv"]) if case.get("csv") is not None else notice.verify()
    if op == "publish_by":
        return s.publish_by(case["result_date"])
    if op == "sample_ids":
        f = tmp_path / "ids.txt"
        f.write_text(case["text"], encoding="utf-8")
        return s.sample_ids(f, case["subseed"], case["take"])
    raise AssertionError(f"unknown op {op}")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_kind_is_the_cores(case, bases, sample, tmp_path):
    with pytest.raises(s.ShuangsuijiError) as e:
        run(case, bases, sample, tmp_path)
    err = e.value
    assert type(err).__name__ == case["type"]
    assert (err.kind, err.cause_kind) == (case["kind"], case["cause_kind"])
    assert re.search(r"[\u4e00-\u9fff]", err.message_zh), err.message_zh
