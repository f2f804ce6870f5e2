"""The sm2-sm3 suite from Python (issue 20; docs/spec/suites.md): the demo draw under SM3 and
SM2 reproduced byte for byte from tests/vectors/v2-sm2-sm3/ and anchored, as
core/tests/suite_sm2.rs checks it in Rust; and a draw whose every signature (signers,
participants, reveals, record) was made by PyPI ``gmssl``, an independent implementation,
verifies — while a changed signature or a key of the other suite is refused."""

from __future__ import annotations

import copy
import datetime

import pytest

import shuangsuiji as s
from conftest import ROOT, label_bytes, read_json

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


def test_a_signer_under_another_identifier(sample, v):
    """docs/spec/suites.md §3 "Identifiers": an SM2 signer whose key signs under another
    distinguishing identifier names it in the commitment; its signature made under that
    identifier is filed, one under the default is refused; the default written out and an
    identifier under Ed25519 are refused."""
    keys = [label_bytes(f"shuangsuiji demo signing key {n}") for n in SIGNERS]
    given = v["inputs"]["commitment"]["commitment"]
    distid = "zhangsan@gat.example.gov.cn"

    def make(signer0_distid, suite=SM):
        signers = [{"name": n, "public_key": s.public_key_hex(k, suite=suite)} for n, k in zip(SIGNERS, keys)]
        signers[0]["distid"] = signer0_distid
        return s.commit(
            given["plan"], sample.items, sample.targets, sample.public,
            participants=[{**p, "commitment": p["commitment"]} for p in given["participants"]],
            signers=signers,
            committed_at=datetime.datetime.fromtimestamp(COMMITTED_AT, datetime.timezone.utc),
            beacon=s.quicknet(123), suite=suite,
        )

    c = make(distid)
    assert c.commitment["signers"][0]["distid"] == distid
    msg = c.signing_message()
    pk = s.public_key_hex(keys[0], suite=SM)
    with pytest.raises(s.SignatureError):
        c.add_signature({"signer": SIGNERS[0], "public_key": pk, "signature": s.sm2_sign(keys[0], msg)})
    c.add_signature({"signer": SIGNERS[0], "public_key": pk,
                     "signature": s.sm2_sign(keys[0], msg, distid=distid)})
    assert c.signatures[0]["signer"] == SIGNERS[0]
    # The commitment's own rules, checked before anything is drawn.
    for bad, why, suite in [("1234567812345678", "default identifier", SM), ("", "1 to 8,191 bytes", SM),
                            ("zhang\u200bsan", "printable ASCII", SM),
                            (distid, "only an SM2 key", "ed25519-sha256")]:
        with pytest.raises(s.DrawError, match=why):
            s.draw(make(bad, suite), sample.items, sample.targets, sample.public,
                   v["inputs"]["reveals"], beacon=v["inputs"]["beacon"])


def test_the_sm2_sm3_notice_verifies():
    """The vector's SM2-signed notice: verifies, its CSV is its rendering, its disclosures
    open; a changed signature or value is refused (docs/spec/suites.md §3.1)."""
    n = s.SignedNotice.from_json((ROOT / DIR / "notice.json").read_bytes())
    jcs = (ROOT / DIR / "notice.jcs").read_bytes()
    assert n.canonical_bytes() == jcs
    assert read_json(f"{DIR}/notice.json")["notice"]["suite"] == SM
    tag = b"shuangsuiji/v1/notice"
    assert n.verify() == n.hash == s.sm3_hex(bytes([len(tag)]) + tag + jcs)
    n.verify_csv((ROOT / DIR / "notice.csv").read_bytes().decode("utf-8"))  # CRLF kept
    ds = read_json(f"{DIR}/notice.disclosures.json")
    n.verify_disclosures(ds)
    for d in ds:  # SM3 commitments: the helper needs the notice's suite
        c = s.disclosure_commitment(bytes.fromhex(d["salt"]), d["path"], d["value"], suite=SM)
        assert c != s.disclosure_commitment(bytes.fromhex(d["salt"]), d["path"], d["value"])
    with pytest.raises(s.NoticeError):
        n.verify_disclosure({**ds[0], "value": "另一个值"})
    d = read_json(f"{DIR}/notice.json")
    sig = d["signature"]
    d["signature"] = sig[:10] + ("0" if sig[10] != "0" else "1") + sig[11:]
    with pytest.raises(s.NoticeError):
        s.SignedNotice.from_dict(d).verify()
