"""The published-numbers beacon from Python (issue 20, 4a; docs/spec/draw-v2.md §15): a
draw/v2 commitment names a future lottery issue, the announced numbers decide the seed with
the reveals, a changed number is refused, and the verdict shows the numbers until the
reader's announcement matches — as core/tests/published_numbers.rs checks in Rust."""

from __future__ import annotations

import copy

import pytest

import shuangsuiji as s
from conftest import label_bytes, read_json

PARTICIPANTS = [("zazd", "检查部门 省公安厅治安总队"), ("jjjc", "纪检监察 驻厅纪检监察组")]
SIGNER = "省公安厅治安总队 抽查负责人"
COMMITTED_AT = 1_692_803_700
DRAWS_AT = COMMITTED_AT + 3600
SSQ = {
    "mode": "published_numbers",
    "draws": [
        {
            "source": "中国福利彩票 双色球",
            "issue": "2026138",
            "announced_in": "www.cwl.gov.cn",
            "draws_at": DRAWS_AT,
            "groups": [
                {"name": "红球", "count": 6, "min": 1, "max": 33, "order": "ascending"},
                {"name": "蓝球", "count": 1, "min": 1, "max": 16, "order": "ascending"},
            ],
        }
    ],
}
NUMBERS = [{"source": "中国福利彩票 双色球", "issue": "2026138", "numbers": [[3, 7, 12, 19, 25, 31], [9]]}]


@pytest.fixture(scope="module")
def drawn(sample):
    secrets = [label_bytes(f"py published secret {pid}") for pid, _ in PARTICIPANTS]
    pkeys = [label_bytes(f"py published participant {pid}") for pid, _ in PARTICIPANTS]
    key = label_bytes("py published signer")
    c = s.commit(
        read_json("examples/data/plan.json"),
        sample.items,
        sample.targets,
        sample.public,
        participants=[
            {"id": pid, "role": role, "commitment": s.commit_secret(pid, sec), "public_key": s.public_key_hex(k)}
            for (pid, role), sec, k in zip(PARTICIPANTS, secrets, pkeys)
        ],
        signers=[{"name": SIGNER, "public_key": s.public_key_hex(key)}],
        committed_at=COMMITTED_AT,
        beacon=SSQ,
    )
    c.sign(SIGNER, key)
    for (pid, _), k in zip(PARTICIPANTS, pkeys):
        c.sign_as_participant(pid, k)
    reveals = [s.signed_reveal(pid, sec, c.hash, k) for (pid, _), sec, k in zip(PARTICIPANTS, secrets, pkeys)]
    return c, reveals, key


def test_a_published_numbers_draw_verifies_and_shows_its_numbers(sample, drawn):
    c, reveals, key = drawn
    rec = s.draw(c, sample.items, sample.targets, sample.public, reveals, published_numbers=NUMBERS)
    assert rec.to_dict()["published_numbers"] == NUMBERS
    other = s.draw(
        c, sample.items, sample.targets, sample.public, reveals,
        published_numbers=[{**NUMBERS[0], "numbers": [[3, 7, 12, 19, 25, 31], [10]]}],
    )
    assert other.seed != rec.seed
    sealed = s.SealedRecord(rec)
    sealed.sign(SIGNER, key)
    s.verify(sealed, sample.targets, sample.public)
    verdict = s.verify_trusted(sealed, sample.targets, sample.public)
    assert verdict["level"] == "not_anchored"
    kinds = [u["kind"] for u in verdict["unanchored"]]
    assert "published_numbers" in kinds
    shown = verdict["published_numbers"][0]
    assert shown["issue"] == "2026138" and shown["compared"] is False
    assert [g["numbers"] for g in shown["groups"]] == [[3, 7, 12, 19, 25, 31], [9]]
    announced = [{"source": "中国福利彩票 双色球", "issue": "2026138", "draws_at": DRAWS_AT,
                  "numbers": [[25, 3, 31, 7, 19, 12], [9]]}]
    seen = s.verify_trusted(sealed, sample.targets, sample.public, announcements=announced)
    assert seen["published_numbers"][0]["compared"] is True
    assert "published_numbers" not in [u["kind"] for u in seen["unanchored"]]

    # A number changed in the sealed record: the re-run refuses it.
    forged = copy.deepcopy(sealed.to_dict())
    forged["record"]["published_numbers"][0]["numbers"][1][0] = 10
    assert s.verify_trusted(forged, sample.targets, sample.public)["level"] == "failed"


def test_numbers_out_of_form_are_refused(sample, drawn):
    c, reveals, _ = drawn
    for bad in ([[7, 3, 12, 19, 25, 31], [9]], [[3, 7, 12, 19, 25, 34], [9]], [[3, 7, 12, 19, 25, 31]]):
        with pytest.raises(s.BeaconError):
            s.draw(c, sample.items, sample.targets, sample.public, reveals,
                   published_numbers=[{**NUMBERS[0], "numbers": bad}])


def test_the_published_numbers_vector_is_reproduced(sample):
    """tests/vectors/v2-published: the draw re-made from its inputs byte for byte, and the
    verdict with the reader's announcement, as in Rust and WASM."""
    from conftest import ROOT

    v = read_json("tests/vectors/v2-published/draw-sample.json")
    c = s.SignedCommitment.from_dict(v["inputs"]["commitment"])
    rec = s.draw(
        c, sample.items, sample.targets, sample.public, v["inputs"]["reveals"],
        published_numbers=v["inputs"]["published_numbers"],
    )
    assert rec.canonical_bytes() == (ROOT / "tests/vectors/v2-published/draw-sample.record.json").read_bytes()
    sealed = {"record": rec.to_dict(), "hash": v["expected"]["record_hash"],
              "signatures": v["expected"]["record_signatures"]}
    verdict = s.verify_trusted(
        sealed, sample.targets, sample.public,
        trust=read_json("tests/vectors/v2/trust.json"),
        announcements=read_json("tests/vectors/v2-published/announcement.json"),
    )
    assert verdict == read_json("tests/vectors/v2-published/verdict.json")
