"""The sm2-sm3 suite from Python (issue 20; docs/spec/suites.md): the demo draw under SM3 and
SM2 reproduced byte for byte from tests/vectors/v2-sm2-sm3/ and anchored, as
core/tests/suite_sm2.rs checks it in Rust; and a draw whose every signature (signers,
participants, reveals, record) was made by PyPI ``gmssl``, an independent implementation,
verifies — while a changed signature or a key of the other suite is refused."""

from __future__ import annotations

import copy
import datetime
import secrets

import pytest

import shuangsuiji as s
from conftest import ROOT, label_bytes, read_json

# Installed by scripts/test-python.sh: a missing gmssl fails the suite, never skips it.
from gmssl import sm2 as gmssl_sm2

SM = "sm2-sm3"
PARTICIPANTS = [("zazd", "检查部门 省公安厅治安总队"), ("jjjc", "纪检监察 驻厅纪检监察组")]
SIGNERS = ["省公安厅治安总队 抽查负责人", "驻厅纪检监察组 监督人"]
COMMITTED_AT = 1_692_803_700
DIR = "tests/vectors/v2-sm2-sm3"


@pytest.fixture(scope="module")
def v():
    return read_json(f"{DIR}/draw-sample.json")


def test_the_sm2_sm3_draw_is_reproduced_byte_for_byte(sample, v):
    secrets_ = [label_bytes(f"shuangsuiji demo secret {pid}") for pid, _ in PARTICIPANTS]
    pkeys = [label_bytes(f"shuangsuiji demo participant key {pid}") for pid, _ in PARTICIPANTS]
    keys = [label_bytes(f"shuangsuiji demo signing key {n}") for n in SIGNERS]
    given = v["inputs"]["commitment"]["commitment"]
    # The roots of the same registers under SM3, not under SHA-256.
    assert given["roots"]["targets"] == sample.targets.root_in(SM) != sample.targets.root
    assert given["roots"]["inspectors"] == sample.public.root_in(SM)
    assert given["roots"]["item_list"] == sample.items.hash_in(SM)
    c = s.commit(
        given["plan"],  # its annual plan is the SM2-signed one
        sample.items,
        sample.targets,
        sample.public,
        participants=[
            {"id": pid, "role": role, "commitment": s.commit_secret(pid, sec, suite=SM),
             "public_key": s.public_key_hex(k, suite=SM)}
            for (pid, role), sec, k in zip(PARTICIPANTS, secrets_, pkeys)
        ],
        signers=[{"name": n, "public_key": s.public_key_hex(k, suite=SM)} for n, k in zip(SIGNERS, keys)],
        committed_at=datetime.datetime.fromtimestamp(COMMITTED_AT, datetime.timezone.utc),
        beacon=s.quicknet(123),
        log_checkpoint=given["log_checkpoint"],
        suite=SM,
    )
    assert c.suite == SM and c.commitment["suite"] == SM
    for n, k in zip(SIGNERS, keys):
        c.sign(n, k)
    for (pid, _), k in zip(PARTICIPANTS, pkeys):
        c.sign_as_participant(pid, k)
    assert c.to_dict() == v["inputs"]["commitment"]
    reveals = [s.signed_reveal(pid, sec, c.hash, k, suite=SM) for (pid, _), sec, k in zip(PARTICIPANTS, secrets_, pkeys)]
    assert reveals == v["inputs"]["reveals"]
    rec = s.draw(c, sample.items, sample.targets, sample.public, reveals, beacon=v["inputs"]["beacon"])
    assert rec.canonical_bytes() == (ROOT / DIR / "draw-sample.record.json").read_bytes()
    assert rec.hash == v["expected"]["record_hash"]
    for purpose, want in v["expected"]["subseeds"].items():
        assert s.subseed(rec.seed, purpose, suite=SM) == want
    stratum = v["expected"]["strata"][0]
    ss = s.subseed(rec.seed, f"target/{stratum['key']}", suite=SM)
    for t in stratum["selected"]:
        assert s.ticket(ss, t["target"], suite=SM) == t["ticket"]


def test_the_sm2_sm3_sample_is_anchored(sample, v):
    sealed = {
        "record": read_json(f"{DIR}/draw-sample.record.json"),
        "hash": v["expected"]["record_hash"],
        "signatures": v["expected"]["record_signatures"],
    }
    verdict = s.verify_trusted(
        sealed, sample.targets, sample.public,
        trust=read_json(f"{DIR}/trust.json"), anchor=read_json(f"{DIR}/anchor.json"),
    )
    assert verdict == read_json(f"{DIR}/verdict.json")
    assert verdict["level"] == "anchored" and verdict["verified"]["suite"] == SM


class GmsslKey:
    """A key pair held by gmssl; it signs with its own random nonces."""

    def __init__(self) -> None:
        d = secrets.token_bytes(32).hex()
        self.c = gmssl_sm2.CryptSM2(private_key=d, public_key="")
        xy = self.c._kg(int(d, 16), gmssl_sm2.default_ecc_table["g"])
        self.c.public_key = xy
        self.public_key = ("04" + xy).lower()

    def sign(self, msg: bytes) -> str:
        return self.c.sign_with_sm3(msg, secrets.token_bytes(32).hex()).lower()


def test_a_draw_signed_entirely_by_gmssl_verifies(sample, v):
    signers = [GmsslKey() for _ in SIGNERS]
    parts = [GmsslKey() for _ in PARTICIPANTS]
    secrets_ = [secrets.token_bytes(32) for _ in PARTICIPANTS]
    given = v["inputs"]["commitment"]["commitment"]
    c = s.commit(
        given["plan"], sample.items, sample.targets, sample.public,
        participants=[
            {"id": pid, "role": role, "commitment": s.commit_secret(pid, sec, suite=SM), "public_key": k.public_key}
            for (pid, role), sec, k in zip(PARTICIPANTS, secrets_, parts)
        ],
        signers=[{"name": n, "public_key": k.public_key} for n, k in zip(SIGNERS, signers)],
        committed_at=datetime.datetime.fromtimestamp(COMMITTED_AT, datetime.timezone.utc),
        beacon=s.quicknet(123),
        suite=SM,
    )
    for n, k in zip(SIGNERS, signers):
        c.add_signature({"signer": n, "public_key": k.public_key, "signature": k.sign(c.signing_message())})
    for (pid, _), k in zip(PARTICIPANTS, parts):
        c.add_participant_signature(
            {"signer": pid, "public_key": k.public_key, "signature": k.sign(c.participant_signing_message())})
    # A signature by another key, or over another message, is refused before it is filed.
    other = GmsslKey()
    with pytest.raises(s.SignatureError):
        c.add_signature({"signer": SIGNERS[0], "public_key": other.public_key, "signature": other.sign(c.signing_message())})
    with pytest.raises(s.SignatureError):
        c.add_participant_signature({"signer": "zazd", "public_key": parts[0].public_key,
                                     "signature": parts[0].sign(c.signing_message())})
    reveals = [
        {"participant": pid, "secret": sec.hex(),
         "signature": k.sign(s.reveal_signing_message(pid, sec, c.hash, suite=SM))}
        for (pid, _), sec, k in zip(PARTICIPANTS, secrets_, parts)
    ]
    rec = s.draw(c, sample.items, sample.targets, sample.public, reveals, beacon=v["inputs"]["beacon"])
    sealed = s.SealedRecord(rec)
    assert sealed.suite == SM
    for n, k in zip(SIGNERS, signers):
        sealed.add_signature({"signer": n, "public_key": k.public_key, "signature": k.sign(sealed.signing_message())})
    checked = s.verify(sealed, sample.targets, sample.public)
    assert checked.record_hash == sealed.hash
    # One changed signature anywhere in the record and it no longer verifies.
    d = sealed.to_dict()
    bad = copy.deepcopy(d)
    sig = bad["signatures"][0]["signature"]
    bad["signatures"][0]["signature"] = sig[:-1] + ("0" if sig[-1] != "0" else "1")
    with pytest.raises(s.VerifyError):
        s.verify(bad, sample.targets, sample.public)
    bad = copy.deepcopy(d)
    r = bad["record"]["reveals"][1]
    r["signature"] = parts[1].sign(s.reveal_signing_message("jjjc", secrets_[1], "00" * 32, suite=SM))
    with pytest.raises(s.VerifyError):
        s.verify(bad, sample.targets, sample.public)


def test_a_key_of_the_other_suite_is_refused(sample, v):
    given = copy.deepcopy(v["inputs"]["commitment"]["commitment"])
    given["signers"][0]["public_key"] = s.public_key_hex(b"\x05" * 32)  # Ed25519
    c = s.SignedCommitment(given)
    # Refused by the commitment's own rules, naming the key — before any signature check.
    with pytest.raises(s.DrawError, match=r"signers\..*\.public_key: not an SM2 public key"):
        s.draw(c, sample.items, sample.targets, sample.public,
               v["inputs"]["reveals"], beacon=v["inputs"]["beacon"])
    with pytest.raises(s.FormatError):
        s.commit_secret("zazd", b"\x01" * 32, suite="SM2-SM3")


def test_a_record_signed_by_gmssl_and_sm_crypto_verifies(sample):
    f = read_json(f"{DIR}/foreign-signed.json")
    assert s.verify(f["sealed"], sample.targets, sample.public).suite == SM
    bad = copy.deepcopy(f["sealed"])
    sig = bad["signatures"][1]["signature"]
    bad["signatures"][1]["signature"] = sig[:-1] + ("0" if sig[-1] != "0" else "1")
    with pytest.raises(s.VerifyError):
        s.verify(bad, sample.targets, sample.public)
