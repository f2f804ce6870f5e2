"""The `.kind` of each exception, as docs/errors.md lists it."""

from __future__ import annotations

import json

import pytest

import shuangsuiji as s
from conftest import ROOT, read_json


def test_verify_error_kinds_and_cause(sample, draw_vector):
    e = draw_vector["expected"]
    record = json.loads((ROOT / "tests/vectors/draw-sample.record.json").read_text())
    sealed = {"record": record, "hash": e["record_hash"], "signatures": e["record_signatures"]}
    changed = json.loads(json.dumps(sealed))
    changed["record"]["strata"][0]["selected"][0]["target"] = changed["record"]["strata"][0]["alternates"][0]["target"]
    with pytest.raises(s.VerifyError) as x:
        s.verify(changed, sample.targets, sample.public)
    assert x.value.kind == "mismatch"
    wrong = json.loads(json.dumps(sealed))
    wrong["record"]["reveals"][0]["secret"] = "00" * 32
    with pytest.raises(s.VerifyError) as x:
        s.verify(wrong, sample.targets, sample.public)
    assert x.value.kind == "rerun"
    assert isinstance(x.value.__cause__, s.DrawError) and x.value.__cause__.kind == "reveal"


def test_beacon_wrong_round_kind(draw_vector):
    with pytest.raises(s.BeaconError) as x:
        s.verify_round(s.quicknet(123), 1_692_803_700, dict(draw_vector["inputs"]["beacon"], round=124))
    assert x.value.kind == "wrong_round"


def test_notice_and_audit_kinds():
    n = read_json("tests/vectors/publication/notice.json")
    notice = s.SignedNotice.from_dict({"notice": json.loads(n["notice_jcs"]), "signature": n["signature"]})
    with pytest.raises(s.NoticeError) as x:
        notice.verify_csv(n["csv"] + "x")
    assert x.value.kind == "csv_mismatch"
    forged = s.SignedNotice.from_dict({"notice": json.loads(n["notice_jcs"]), "signature": "00" * 64})
    with pytest.raises(s.NoticeError) as x:
        forged.verify()
    assert x.value.kind == "bad_signature"
    log = read_json("tests/vectors/audit/demo-log.json")
    with pytest.raises(s.AuditError) as x:
        s.verify_checkpoint(log["checkpoints"][-1], log["verifier_key"].replace("+", "x", 1))
    assert x.value.kind in ("malformed", "bad_signature")
    with pytest.raises(s.AuditError) as x:
        s.verify_inclusion(s.audit_leaf_hash(log["events"][0]), 5, 3, [], "00" * 32)
    assert x.value.kind == "out_of_range"


def test_verified_names_the_commitment(sample, draw_vector):
    e = draw_vector["expected"]
    record = json.loads((ROOT / "tests/vectors/draw-sample.record.json").read_text())
    ok = s.verify({"record": record, "hash": e["record_hash"], "signatures": e["record_signatures"]}, sample.targets, sample.public)
    assert ok.commitment_hash == e["commitment_hash"]
    assert ok.beacon_round == 123 and ok.committed_at == 1_692_803_700
