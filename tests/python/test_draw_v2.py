"""draw/v2 from Python (docs/spec/draw-v2.md): the demo's v2 draw reproduced byte for byte
from the vector in tests/vectors/v2/, its anchored verdict, and the attacks it stops, as
core/tests/draw_v2.rs and core/tests/trust_v2.rs check them in Rust."""

from __future__ import annotations

import copy
import datetime
import json

import pytest

import shuangsuiji as s
from conftest import ROOT, label_bytes, read_json

PARTICIPANTS = [("zazd", "检查部门 省公安厅治安总队"), ("jjjc", "纪检监察 驻厅纪检监察组")]
SIGNERS = ["省公安厅治安总队 抽查负责人", "驻厅纪检监察组 监督人"]
COMMITTED_AT = 1_692_803_700


@pytest.fixture(scope="module")
def v2():
    return read_json("tests/vectors/v2/draw-sample.json")


def sealed_of(v2):
    return {
        "record": read_json("tests/vectors/v2/draw-sample.record.json"),
        "hash": v2["expected"]["record_hash"],
        "signatures": v2["expected"]["record_signatures"],
    }


def test_the_v2_draw_is_reproduced_byte_for_byte(sample, v2):
    secrets = [label_bytes(f"shuangsuiji demo secret {pid}") for pid, _ in PARTICIPANTS]
    pkeys = [label_bytes(f"shuangsuiji demo participant key {pid}") for pid, _ in PARTICIPANTS]
    keys = [label_bytes(f"shuangsuiji demo signing key {n}") for n in SIGNERS]
    c = s.commit(
        read_json("examples/data/plan.json"),
        sample.items,
        sample.targets,
        sample.public,
        participants=[
            {"id": pid, "role": role, "commitment": s.commit_secret(pid, sec), "public_key": s.public_key_hex(k)}
            for (pid, role), sec, k in zip(PARTICIPANTS, secrets, pkeys)
        ],
        signers=[{"name": n, "public_key": s.public_key_hex(k)} for n, k in zip(SIGNERS, keys)],
        committed_at=datetime.datetime.fromtimestamp(COMMITTED_AT, datetime.timezone.utc),
        beacon=s.quicknet(123),
        log_checkpoint=v2["inputs"]["commitment"]["commitment"]["log_checkpoint"],
    )
    assert c.commitment["algorithm"] == "shuangsuiji/draw/v2"
    assert c.commitment["as_of"] == "2023-08-23"
    for n, k in zip(SIGNERS, keys):
        c.sign(n, k)
    for (pid, _), k in zip(PARTICIPANTS, pkeys):
        c.sign_as_participant(pid, k)
    assert c.to_dict() == v2["inputs"]["commitment"]
    reveals = [s.signed_reveal(pid, sec, c.hash, k) for (pid, _), sec, k in zip(PARTICIPANTS, secrets, pkeys)]
    assert reveals == v2["inputs"]["reveals"]
    rec = s.draw(c, sample.items, sample.targets, sample.public, reveals, beacon=v2["inputs"]["beacon"])
    assert rec.canonical_bytes() == (ROOT / "tests/vectors/v2/draw-sample.record.json").read_bytes()
    assert rec.hash == v2["expected"]["record_hash"]


def test_the_v2_sample_is_anchored(sample, v2):
    verdict = s.verify_trusted(
        sealed_of(v2),
        sample.targets,
        sample.public,
        trust=read_json("tests/vectors/v2/trust.json"),
        anchor=read_json("tests/vectors/v2/anchor.json"),
    )
    assert verdict == read_json("tests/vectors/v2/verdict.json")
    assert verdict["level"] == "anchored" and verdict["plan_commitments"] == 1


def test_weakened_anchors_are_named(sample, v2):
    trust = read_json("tests/vectors/v2/trust.json")
    anchor = read_json("tests/vectors/v2/anchor.json")
    no_reveals = dict(anchor, reveals=anchor["reveals"][:1])
    v = s.verify_trusted(sealed_of(v2), sample.targets, sample.public, trust=trust, anchor=no_reveals)
    assert v["level"] == "not_anchored"
    assert [u["kind"] for u in v["unanchored"]] == ["time_anchor_refused"]
    assert "withheld" in v["unanchored"][0]["message"]
    no_log = {k: x for k, x in anchor.items() if k != "log"}
    v = s.verify_trusted(sealed_of(v2), sample.targets, sample.public, trust=trust, anchor=no_log)
    assert [u["kind"] for u in v["unanchored"]] == ["plan_log"]
    untrusted = dict(trust, participants=[])
    v = s.verify_trusted(sealed_of(v2), sample.targets, sample.public, trust=untrusted, anchor=anchor)
    assert [u["kind"] for u in v["unanchored"]] == ["participant", "participant", "participant_roles"]


def test_a_copied_participant_signature_is_refused(sample, v2):
    """Attack 2: the department re-commits with its own new secret and 纪检监察's copied
    signature and reveal."""
    c = copy.deepcopy(v2["inputs"]["commitment"])
    dept = label_bytes("shuangsuiji demo participant key zazd")
    c["commitment"]["participants"][0]["commitment"] = s.commit_secret("zazd", bytes(32))
    forged = s.SignedCommitment(c["commitment"])
    forged_dict = forged.to_dict()
    forged_dict["participant_signatures"] = [
        dict(c["participant_signatures"][0]),
        c["participant_signatures"][1],
    ]
    forged = s.SignedCommitment.from_dict(forged_dict)
    reveals = [s.signed_reveal("zazd", bytes(32), forged.hash, dept), v2["inputs"]["reveals"][1]]
    with pytest.raises(s.DrawError) as e:
        s.draw(forged, sample.items, sample.targets, sample.public, reveals, beacon=v2["inputs"]["beacon"])
    assert e.value.kind == "participant"
    assert "zazd" in str(e.value) or "jjjc" in str(e.value)


def test_earlier_draws_are_checked_against_their_records(sample, v2):
    """A plan that leaves out targets an earlier draw selected names that record; the verdict
    lists the copy as unchecked until the record itself is given (issue 18)."""
    first = sealed_of(v2)
    plan = read_json("examples/data/plan.json")
    plan["id"] = "HA-ZA-2023-Q3-002"
    plan["inspection_date"] = "2023-09-14"
    copy = {
        "record": first["hash"],
        "plan": first["record"]["commitment"]["commitment"]["plan"]["id"],
        "departments": ["省公安厅治安总队"],
        "items": ["HA-GAT-002"],
        "inspection_date": "2023-09-04",
        "annual_plan": plan["annual_task"]["annual_plan"]["hash"],
        "task": "T2023-ZA-01",
        "joinable": True,
        "counted": 0,
        "targets": sorted(set(s.DrawRecord.from_json(json.dumps(first["record"])).selected_ids())),
    }
    assert copy["targets"]
    plan["exclusions"]["prior_draws"] = [copy]
    plan["exclusions"]["drawn_within_days"] = 30
    # The copy must be the record's own: a wrong count is caught once the record is given.
    secrets = [label_bytes(f"t {pid}") for pid, _ in PARTICIPANTS]
    pkeys = [label_bytes(f"t key {pid}") for pid, _ in PARTICIPANTS]
    key = label_bytes("t signer")
    c = s.commit(
        plan, sample.items, sample.targets, sample.public,
        participants=[
            {"id": pid, "role": role, "commitment": s.commit_secret(pid, sec), "public_key": s.public_key_hex(k)}
            for (pid, role), sec, k in zip(PARTICIPANTS, secrets, pkeys)
        ],
        signers=[{"name": "负责人", "public_key": s.public_key_hex(key)}],
        committed_at=datetime.datetime.fromtimestamp(COMMITTED_AT, datetime.timezone.utc),
    )
    c.sign("负责人", key)
    for (pid, _), k in zip(PARTICIPANTS, pkeys):
        c.sign_as_participant(pid, k)
    reveals = [s.signed_reveal(pid, sec, c.hash, k) for (pid, _), sec, k in zip(PARTICIPANTS, secrets, pkeys)]
    rec = s.draw(c, sample.items, sample.targets, sample.public, reveals)
    reasons = {e["reason"] for e in rec.to_dict()["exclusions"]}
    assert "drawn_before" in reasons
    sealed = s.SealedRecord(rec)
    sealed.sign("负责人", key)
    kinds = lambda v: [u["kind"] for u in v["unanchored"]]
    assert "prior_draws" in kinds(s.verify_trusted(sealed, sample.targets, sample.public))
    v = s.verify_trusted(sealed, sample.targets, sample.public, prior_records=[first])
    # counted was typed as 0: the record says otherwise.
    assert "prior_draws" in kinds(v)
    assert "differs from the record" in next(u for u in v["unanchored"] if u["kind"] == "prior_draws")["reason"]
