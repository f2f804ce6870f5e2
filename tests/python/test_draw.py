"""Commit, reveal, beacon, draw, seal, verify (core: protocol, draw, record, verify;
vectors: draw-sample.json and draw-sample.record.json byte for byte)."""

from __future__ import annotations

import copy
import datetime
import json

import pytest

import shuangsuiji as s
from conftest import ROOT, label_bytes, read_json

PARTICIPANTS = [("zazd", "检查部门 省公安厅治安总队"), ("jjjc", "纪检监察 驻厅纪检监察组")]
SIGNERS = ["省公安厅治安总队 抽查负责人", "驻厅纪检监察组 监督人"]
COMMITTED_AT = 1_692_803_700  # cli/src/demo.rs DEMO_COMMITTED_AT


def record_bytes() -> bytes:
    return (ROOT / "tests/vectors/draw-sample.record.json").read_bytes()


def test_sample_draw_vector(sample, draw_vector):
    v, e = draw_vector["inputs"], draw_vector["expected"]
    commitment = s.SignedCommitment.from_dict(v["commitment"])
    rec = s.draw(commitment, sample.items, sample.targets, sample.public, v["reveals"], v["beacon"])
    assert commitment.hash == e["commitment_hash"]
    assert rec.seed == e["seed"]
    for purpose, want in e["subseeds"].items():
        assert s.subseed(rec.seed, purpose) == want, purpose
    d = rec.to_dict()
    assert d["strata"] == e["strata"]
    assert d["must_include"] == e["must_include"]
    assert d["teams"] == e["teams"]
    assert len(d["exclusions"]) == e["exclusions_count"]
    for st in d["strata"]:
        ss = s.subseed(rec.seed, "target/" + st["key"])
        for t in st["selected"] + st["alternates"]:
            assert s.ticket(ss, t["target"]) == t["ticket"]
    # Byte for byte the Rust canonical record.
    assert rec.canonical_bytes() == record_bytes()
    assert rec.to_json().encode("utf-8") == record_bytes()
    assert rec.hash == e["record_hash"]
    sealed = s.SealedRecord.from_dict(
        {"record": d, "hash": e["record_hash"], "signatures": e["record_signatures"]}
    )
    ok = s.verify(sealed, sample.targets, sample.public)
    assert ok.record_hash == e["record_hash"] and ok.beacon and ok.seed == e["seed"]


def demo_commitment(sample, beacon, log_checkpoint=None):
    """The draw/v1 of the vector, with the plan it was made with (tests/vectors/v1-plan.json)."""
    secrets = [label_bytes(f"shuangsuiji demo secret {pid}") for pid, _ in PARTICIPANTS]
    keys = [label_bytes(f"shuangsuiji demo signing key {n}") for n in SIGNERS]
    plan = read_json("tests/vectors/v1-plan.json")
    c = s.commit(
        plan,
        sample.items,
        sample.targets,
        sample.public,
        participants=[
            {"id": pid, "role": role, "commitment": s.commit_secret(pid, sec)}
            for (pid, role), sec in zip(PARTICIPANTS, secrets)
        ],
        signers=[{"name": n, "public_key": s.public_key_hex(k)} for n, k in zip(SIGNERS, keys)],
        committed_at=datetime.datetime.fromtimestamp(COMMITTED_AT, datetime.timezone.utc),
        beacon=beacon,
        log_checkpoint=log_checkpoint,
        version=1,
    )
    for n, k in zip(SIGNERS, keys):
        c.sign(n, k)
    reveals = [s.reveal(pid, sec) for (pid, _), sec in zip(PARTICIPANTS, secrets)]
    return c, reveals, keys


def test_end_to_end_drand_reproduces_the_vector(sample, draw_vector):
    """The whole demo job from Python: commit, sign, reveal, verify the round, draw, seal,
    sign, verify — giving the vector's bytes."""
    checkpoint = draw_vector["inputs"]["commitment"]["commitment"]["log_checkpoint"]
    c, reveals, keys = demo_commitment(sample, s.quicknet(123), checkpoint)
    assert c.to_dict() == draw_vector["inputs"]["commitment"]
    assert json.loads(c.to_json()) == draw_vector["inputs"]["commitment"]
    rnd = read_json("examples/data/drand-quicknet.json")["rounds"][0]
    assert s.verify_round(s.quicknet(123), COMMITTED_AT, rnd).hex() == rnd["randomness"]
    rec = s.draw(c, sample.items, sample.targets, sample.public, reveals, beacon=rnd)
    assert rec.canonical_bytes() == record_bytes()
    sealed = s.SealedRecord(rec)
    for n, k in zip(SIGNERS, keys):
        sealed.sign(n, k)
    assert sealed.signatures == draw_vector["expected"]["record_signatures"]
    v = s.verify(sealed, sample.targets, sample.public)
    assert v.selected == len(rec.selected_ids()) and v.beacon
    # A verifier with only the published JSON files gets the same answer.
    v2 = s.verify(
        sealed.to_json(pretty=True),
        s.TargetRegister.from_json(sample.targets.to_json()),
        s.PublicInspectorRegister.from_json(sample.public.to_json()),
    )
    assert v2.to_dict() == v.to_dict()


def test_end_to_end_offline(sample):
    c, reveals, keys = demo_commitment(sample, None)
    assert c.commitment["beacon"] == {"mode": "offline"}
    rec = s.draw(c, sample.items, sample.targets, sample.public, reveals)
    sealed = s.SealedRecord(rec)
    for n, k in zip(SIGNERS, keys):
        sealed.sign(n, k)
    v = s.verify(sealed, sample.targets, sample.public)
    assert not v.beacon and v.record_hash == rec.hash
    # Same inputs, same bytes.
    again = s.draw(c, sample.items, sample.targets, sample.public, reveals)
    assert again.canonical_bytes() == rec.canonical_bytes()


def test_draw_errors(sample, draw_vector):
    v = draw_vector["inputs"]
    c = s.SignedCommitment.from_dict(v["commitment"])
    wrong = [dict(v["reveals"][0], secret="00" * 32), v["reveals"][1]]
    with pytest.raises(s.DrawError) as e:
        s.draw(c, sample.items, sample.targets, sample.public, wrong, v["beacon"])
    assert e.value.kind == "reveal" and "zazd" in str(e.value)
    # Another register than the one committed to.
    other = s.TargetRegister(sample.targets.to_dict()["targets"][:-1], "2023-08-23")
    with pytest.raises(s.DrawError, match="target register") as e:
        s.draw(c, sample.items, other, sample.public, v["reveals"], v["beacon"])
    assert e.value.kind == "root"


def test_beacon_errors(sample, draw_vector):
    v = draw_vector["inputs"]
    c = s.SignedCommitment.from_dict(v["commitment"])
    bad = dict(v["beacon"], signature="00" * 48)
    with pytest.raises(s.BeaconError) as e:
        s.draw(c, sample.items, sample.targets, sample.public, v["reveals"], bad)
    assert isinstance(e.value, s.DrawError)
    with pytest.raises(s.BeaconError, match="round 124"):
        s.verify_round(s.quicknet(123), COMMITTED_AT, dict(v["beacon"], round=124))
    with pytest.raises(s.BeaconError) as e:
        s.draw(c, sample.items, sample.targets, sample.public, v["reveals"])
    assert e.value.kind == "presence"


def test_plan_errors(sample):
    plan = read_json("examples/data/plan.json")
    s.check_plan(plan, sample.items)
    plan["items"] = ["NO-SUCH-ITEM"]
    with pytest.raises(s.PlanError) as e:
        s.check_plan(plan, sample.items)
    assert isinstance(e.value, s.DrawError)
    assert [p.split(" is not in item list ")[0] for p in e.value.problems] == ["items: NO-SUCH-ITEM"]
    with pytest.raises(s.FormatError, match="plan"):
        s.check_plan({"id": 1}, sample.items)
    # An id given as bytes has no one reading (b"T001" as hex would be the id "54303031"):
    # refused, not converted; the same id as str is the control.
    ok = dict(plan, items=read_json("examples/data/plan.json")["items"])
    s.check_plan(dict(ok, must_include=["T001"]), sample.items)
    with pytest.raises(s.FormatError, match="bytes"):
        s.check_plan(dict(ok, must_include=[b"T001"]), sample.items)


def test_verify_errors(sample, draw_vector):
    e = draw_vector["expected"]
    d = json.loads(record_bytes())
    sealed = {"record": d, "hash": e["record_hash"], "signatures": e["record_signatures"]}
    tampered = copy.deepcopy(sealed)
    tampered["record"]["strata"][0]["selected"][0]["target"] = "91410000000000000X"
    with pytest.raises(s.VerifyError):
        s.verify(tampered, sample.targets, sample.public)
    unsigned = dict(sealed, signatures=sealed["signatures"][:1])
    with pytest.raises(s.VerifyError, match="missing") as err:
        s.verify(unsigned, sample.targets, sample.public)
    assert err.value.kind == "signature"


def test_sample_ids_streams_a_file(tmp_path):
    ids = [f"ID{i}" for i in range(500)]
    f = tmp_path / "ids.txt"
    f.write_text("\n".join(ids) + "\n")
    seed = "ab" * 32
    got = s.sample_ids(f, seed, 7)
    want = sorted((s.ticket(seed, i), i) for i in ids)[:7]
    assert got == [(i, t) for t, i in want]


def test_sample_ids_refuses_look_alike_ids(tmp_path):
    """Spec §1.2: a line that is not an id in its one spelling is refused with its line."""
    f = tmp_path / "ids.txt"
    f.write_text("ID1\n\nＩＤ2\n", encoding="utf-8")
    with pytest.raises(s.ValidationError) as e:
        s.sample_ids(f, "ab" * 32, 5)
    p = e.value.problems[0]
    assert (p["row"], p["field"], p["kind"]) == (3, "id", "invalid_id")
    # A line that is not UTF-8 is named by number, and nothing is sampled.
    f.write_bytes(b"ID1\nID2\n\xffID3\n")
    with pytest.raises(s.ValidationError) as e:
        s.sample_ids(f, "ab" * 32, 1)
    p = e.value.problems[0]
    assert (p["row"], p["field"], p["kind"]) == (3, "line", "file")
    with pytest.raises(s.FormatError, match="target_id"):
        s.ticket("ab" * 32, "ＩＤ2")
