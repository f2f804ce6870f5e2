"""draw/v3 sealed classes from Python (issue 19; docs/spec/privacy.md): the shared vector
tests/vectors/v3-privacy/selection.json recomputed (sealed view, proof, both verdicts,
disclosure) as core/tests/privacy.rs does, and tampers refused with PrivacyError."""

from __future__ import annotations

import copy

import pytest

import shuangsuiji as s
from conftest import read_json


@pytest.fixture(scope="module")
def v():
    return read_json("tests/vectors/v3-privacy/selection.json")


@pytest.fixture(scope="module")
def world(v):
    i = v["inputs"]
    reg = s.TargetRegister(i["register"]["targets"], i["register"]["as_of"])
    items = s.ItemList.from_dict(i["item_list"])
    return i, reg, items, bytes.fromhex(i["view_key"])


def test_the_vector_is_recomputed(v, world):
    i, reg, items, key = world
    e = v["expected"]
    assert s.seal_targets(reg, key) == e["sealed_view"]
    assert s.sealed_root(e["sealed_view"]) == e["targets_root"]
    proof = s.prove_classes(i["plan"], items, reg, key, i["seed"])
    assert proof == e["proof"]
    public = s.check_classes_public(i["plan"], items, e["sealed_view"], i["seed"], e["proof"])
    assert public == e["public_verdict"]
    auditor = s.check_classes_auditor(i["plan"], items, reg, key, e["sealed_view"], i["seed"], e["proof"])
    assert auditor == e["auditor_verdict"]
    assert s.class_disclosure(e["proof"], len(reg)) == e["disclosure"]


def test_no_class_in_the_sealed_view(v):
    for t in v["expected"]["sealed_view"]["targets"]:
        assert "risk" not in t and "credit" not in t


def test_tampers_are_refused(v, world):
    i, reg, items, key = world
    e = v["expected"]
    # An extra opening would leak a class: refused.
    proof = copy.deepcopy(e["proof"])
    neg = next(o for o in proof["openings"] if o["bit"] == 0)
    proof["openings"].remove(neg)
    with pytest.raises(s.PrivacyError) as ex:
        s.check_classes_public(i["plan"], items, e["sealed_view"], i["seed"], proof)
    assert ex.value.kind == "missing_opening"
    # A member moved between strata: the commitments' sums refuse it.
    proof = copy.deepcopy(e["proof"])
    proof["strata"][0]["population"] += 1
    proof["strata"][1]["population"] -= 1
    with pytest.raises(s.PrivacyError) as ex:
        s.check_classes_public(i["plan"], items, e["sealed_view"], i["seed"], proof)
    assert ex.value.kind == "population"
    # One more than the eligible count.
    proof = copy.deepcopy(e["proof"])
    proof["strata"][0]["population"] += 1
    with pytest.raises(s.PrivacyError) as ex:
        s.check_classes_public(i["plan"], items, e["sealed_view"], i["seed"], proof)
    assert ex.value.kind == "class_proof"
    # A stratum kept whole must prove its unkept entries commit to 0.
    proof = copy.deepcopy(e["proof"])
    whole = next(st for st in proof["strata"] if "zero_blind" in st)
    del whole["zero_blind"]
    with pytest.raises(s.PrivacyError) as ex:
        s.check_classes_public(i["plan"], items, e["sealed_view"], i["seed"], proof)
    assert ex.value.kind == "class_proof"
    # Another seed: the walk no longer matches.
    with pytest.raises(s.PrivacyError):
        s.check_classes_public(i["plan"], items, e["sealed_view"], "00" * 32, e["proof"])


def test_the_auditor_names_a_falsified_class(v, world):
    i, reg, items, key = world
    e = v["expected"]
    targets = copy.deepcopy(i["register"]["targets"])
    victim = next(t for t in targets if t["risk"] == "high")
    victim["risk"] = "low"
    forged = s.TargetRegister(targets, i["register"]["as_of"])
    view = s.seal_targets(forged, key)
    proof = s.prove_classes(i["plan"], items, forged, key, i["seed"])
    s.check_classes_public(i["plan"], items, view, i["seed"], proof)
    with pytest.raises(s.PrivacyError) as ex:
        s.check_classes_auditor(i["plan"], items, reg, key, view, i["seed"], proof)
    assert ex.value.kind == "auditor"
    assert victim["id"] in str(ex.value)


# A whole draw/v3 record (docs/spec/privacy.md §13): tests/vectors/v3-privacy/draw.json.


@pytest.fixture(scope="module")
def drawn():
    return read_json("tests/vectors/v3-privacy/draw.json")


def test_the_v3_record_verifies_for_the_public_and_the_auditor(v, world, drawn, sample):
    i, reg, items, key = world
    e = drawn["expected"]
    # The published inspector view carries no declared conflict; the keeper's does.
    published = sample.public.without_conflicts()
    assert published.root != sample.public.root
    public = s.verify_sealed(e["sealed"], v["expected"]["sealed_view"], published)
    assert public.classes == "public"
    assert public.record_hash == e["record_hash"]
    assert public.seed == e["seed"]
    assert public.selected == e["selected"]
    auditor = s.audit_sealed(e["sealed"], reg, bytes.fromhex(drawn["inputs"]["view_key"]), sample.public)
    assert auditor.classes == "auditor"
    assert auditor.to_dict()["classes"] == "auditor"
    # The sealed root is the commitment's.
    assert s.sealed_root(v["expected"]["sealed_view"]) == e["targets_root"]
    assert e["sealed"]["record"]["commitment"]["commitment"]["roots"]["targets"] == e["targets_root"]


def test_v3_record_tampers_are_refused(v, world, drawn, sample):
    i, reg, items, key = world
    e = drawn["expected"]
    view = v["expected"]["sealed_view"]
    published = sample.public.without_conflicts()
    # An opening dropped: the public check refuses it.
    forged = copy.deepcopy(e["sealed"])
    forged["record"]["classes"]["openings"].pop()
    with pytest.raises(s.VerifyError):
        s.verify_sealed(forged, view, published)
    # No class proof: a v3 record carries one.
    bare = copy.deepcopy(e["sealed"])
    del bare["record"]["classes"]
    with pytest.raises(s.VerifyError):
        s.verify_sealed(bare, view, published)
    # A recusal set missing for a team target.
    gone = copy.deepcopy(e["sealed"])
    gone["record"]["recusals"].pop()
    with pytest.raises(s.VerifyError):
        s.verify_sealed(gone, view, published)
    # The keeper's view with its conflicts is not the published one.
    with pytest.raises(s.VerifyError):
        s.verify_sealed(e["sealed"], view, sample.public)
    # The auditor with another key: not the committed sealed root.
    with pytest.raises(s.VerifyError):
        s.audit_sealed(e["sealed"], reg, bytes(32), sample.public)
    # The plain register: a v3 record is not checked against classes in the clear.
    with pytest.raises(s.ShuangsuijiError):
        s.verify(e["sealed"], reg, published)
    # The untouched record still verifies (the refusals above are not vacuous).
    assert s.verify_sealed(e["sealed"], view, published).classes == "public"


def test_the_v3_draw_is_made_from_python_byte_for_byte(v, world, drawn, sample):
    """The keeper's side from Python: seal, commit (version=3), sign, reveal, draw — the
    vector's record byte for byte, as cli/src/privacy_draw.rs made it."""
    import datetime

    from conftest import label_bytes

    i, reg, items, _ = world
    e = drawn["expected"]
    key = bytes.fromhex(drawn["inputs"]["view_key"])
    # The excerpt's register: the sample's declarations name targets outside it, refused
    # rather than lost; the vector's keeper sealed none.
    with pytest.raises(s.PrivacyError, match="not in the register"):
        s.SealedKeeper(reg, key, sample.public)
    published = sample.public.without_conflicts()
    keeper = s.SealedKeeper(reg, key, published)
    assert keeper.view() == v["expected"]["sealed_view"]
    assert keeper.root() == e["targets_root"]
    participants = [("zazd", "检查部门 省公安厅治安总队"), ("jjjc", "纪检监察 驻厅纪检监察组")]
    signers = ["省公安厅治安总队 抽查负责人", "驻厅纪检监察组 监督人"]
    secrets = [label_bytes(f"shuangsuiji demo secret {p}") for p, _ in participants]
    pkeys = [label_bytes(f"shuangsuiji demo participant key {p}") for p, _ in participants]
    keys = [label_bytes(f"shuangsuiji demo signing key {n}") for n in signers]
    args = dict(
        participants=[
            {"id": p, "role": r, "commitment": s.commit_secret(p, sec), "public_key": s.public_key_hex(k)}
            for (p, r), sec, k in zip(participants, secrets, pkeys)
        ],
        signers=[{"name": n, "public_key": s.public_key_hex(k)} for n, k in zip(signers, keys)],
        committed_at=datetime.datetime.fromtimestamp(1_692_803_700, datetime.timezone.utc),
        beacon=s.quicknet(123),
    )
    # draw/v3 commits to a keeper's sealed view, never to a plain register.
    with pytest.raises(s.FormatError, match="SealedKeeper"):
        s.commit(i["plan"], items, reg, published, version=3, **args)
    # ... nor to an inspector view that still lists the declared conflicts.
    with pytest.raises(s.FormatError, match="without_conflicts"):
        s.commit(i["plan"], items, keeper, sample.public, version=3, **args)
    c = s.commit(i["plan"], items, keeper, published, version=3, **args)
    assert c.commitment["algorithm"] == "shuangsuiji/draw/v3"
    assert c.commitment["roots"]["targets"] == e["targets_root"]
    for n, k in zip(signers, keys):
        c.sign(n, k)
    for (p, _), k in zip(participants, pkeys):
        c.sign_as_participant(p, k)
    assert c.to_dict() == e["sealed"]["record"]["commitment"]
    reveals = [s.signed_reveal(p, sec, c.hash, k) for (p, _), sec, k in zip(participants, secrets, pkeys)]
    beacon = read_json("examples/data/drand-quicknet.json")["rounds"][0]
    rec = s.draw(c, items, keeper, published, reveals, beacon=beacon)
    assert rec.hash == e["record_hash"]
    assert rec.to_dict() == e["sealed"]["record"]
    # The keeper's draw verified by the auditor from the keeper itself.
    sealed = s.SealedRecord(rec)
    for n, k in zip(signers, keys):
        sealed.sign(n, k)
    assert s.verify(sealed, keeper, published).classes == "auditor"
    assert s.verify_sealed(sealed, keeper.view(), published).classes == "public"
