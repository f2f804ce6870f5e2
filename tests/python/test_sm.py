"""The 国密 primitives against independent implementations (issue 20; docs/spec/suites.md §4):
SM3 known answers from GB/T 32905; SM2 signatures made by PyPI ``gmssl`` verify here and
ours verify in gmssl, keys exported either way load in the other; and OpenSSL 3's SM2 PEM
keys and signatures, where the machine's openssl supports SM2; and a whole sm2-sm3 draw
whose every signature gmssl made, filed through ``add_signature``, verifies."""

from __future__ import annotations

import copy
import datetime
import os
import secrets
import shutil
import subprocess

import pytest

import shuangsuiji as s
from conftest import read_json

# Installed by scripts/test-python.sh: a missing gmssl fails the suite, never skips it.
from gmssl import func as gmssl_func
from gmssl import sm2 as gmssl_sm2
from gmssl import sm3 as gmssl_sm3


def test_sm3_known_answers_and_gmssl_agree():
    assert s.sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert s.sm3_hex(b"abcd" * 16) == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
    for msg in (b"", b"abc", "双随机一公开".encode(), secrets.token_bytes(1000)):
        assert s.sm3_hex(msg) == gmssl_sm3.sm3_hash(gmssl_func.bytes_to_list(msg))


def gmssl_key():
    """A fresh key pair as gmssl holds it: the scalar and x‖y hex (gmssl's public key has
    no 04 prefix; it is set after construction because its constructor strips '0' and '4'
    characters from the front)."""
    d = secrets.token_bytes(32).hex()
    c = gmssl_sm2.CryptSM2(private_key=d, public_key="")
    xy = c._kg(int(d, 16), gmssl_sm2.default_ecc_table["g"])
    c.public_key = xy
    return c, d, xy


def test_a_gmssl_signature_verifies_here_and_ours_there():
    for _ in range(5):
        c, d, xy = gmssl_key()
        # The same public key from the scalar, exported as 04‖x‖y.
        assert s.sm2_public_key(bytes.fromhex(d)) == "04" + xy.lower()
        msg = "抽查记录 record hash ".encode() + secrets.token_bytes(16)
        sig = c.sign_with_sm3(msg, secrets.token_bytes(32).hex())
        assert s.sm2_verify("04" + xy, msg, sig)
        assert not s.sm2_verify("04" + xy, msg + b"x", sig)
        ours = s.sm2_sign(bytes.fromhex(d), msg)
        assert c.verify_with_sm3(ours, msg)
        assert not c.verify_with_sm3(ours, msg + b"x")


def test_the_distinguishing_identifier_matters():
    d = secrets.token_bytes(32)
    pk = s.sm2_public_key(d)
    sig = s.sm2_sign(d, b"m", distid="ALICE123@YAHOO.COM")
    assert s.sm2_verify(pk, b"m", sig, distid="ALICE123@YAHOO.COM")
    assert not s.sm2_verify(pk, b"m", sig)
    with pytest.raises(s.FormatError):
        s.sm2_verify(pk[2:], b"m", sig)
    # One spelling: upper-case hex is refused, for the key and for the signature.
    with pytest.raises(s.FormatError):
        s.sm2_verify(pk.upper(), b"m", sig)
    with pytest.raises(s.FormatError):
        s.sm2_verify(pk, b"m", sig.upper())
    # A non-ASCII identifier is its UTF-8 bytes.
    zh = s.sm2_sign(d, b"m", distid="纪检监察")
    assert s.sm2_verify(pk, b"m", zh, distid="纪检监察")
    assert not s.sm2_verify(pk, b"m", zh)


def openssl_sm2() -> bool:
    exe = shutil.which("openssl")
    if not exe:
        return False
    r = subprocess.run([exe, "genpkey", "-algorithm", "SM2"], capture_output=True)
    return r.returncode == 0


# Skipped only off CI: under CI a missing openssl (or one without SM2) fails the test.
@pytest.mark.skipif(not openssl_sm2() and not os.environ.get("CI"), reason="this openssl has no SM2")
def test_openssl_pem_keys_and_signatures(tmp_path):
    key = tmp_path / "key.pem"
    subprocess.run(["openssl", "genpkey", "-algorithm", "SM2", "-out", str(key)], check=True)
    pub_pem = subprocess.run(["openssl", "pkey", "-in", str(key), "-pubout"], check=True, capture_output=True, text=True).stdout
    d = s.sm2_secret_key_from_pem(key.read_text())
    pk = s.sm2_public_key(d)
    assert s.sm2_public_key_from_pem(pub_pem) == pk
    assert s.sm2_public_key_from_pem(s.sm2_public_key_pem(pk)) == pk
    msg = tmp_path / "msg"
    msg.write_bytes(b"abc")
    # OpenSSL 3's default identifier is empty, not GM/T 0009's: it must be named.
    distid = ["-pkeyopt", "distid:1234567812345678"]
    sig = subprocess.run(
        ["openssl", "pkeyutl", "-sign", "-inkey", str(key), "-rawin", "-digest", "sm3", "-in", str(msg), *distid],
        check=True, capture_output=True,
    ).stdout
    # OpenSSL writes DER; only r‖s is verified (one spelling), DER is converted first.
    with pytest.raises(s.FormatError):
        s.sm2_verify(pk, b"abc", sig.hex())
    assert s.sm2_verify(pk, b"abc", s.sm2_signature_from_der(sig))
    # Without the identifier OpenSSL signs another Z_A: not a signature under the default.
    empty = subprocess.run(
        ["openssl", "pkeyutl", "-sign", "-inkey", str(key), "-rawin", "-digest", "sm3", "-in", str(msg)],
        check=True, capture_output=True,
    ).stdout
    assert not s.sm2_verify(pk, b"abc", s.sm2_signature_from_der(empty))
    # Ours (r‖s, DER-encoded for OpenSSL) verifies in OpenSSL under our exported PEM key.
    pub = tmp_path / "pub.pem"
    pub.write_text(s.sm2_public_key_pem(pk))
    ours = tmp_path / "ours.der"
    ours.write_bytes(der_of(bytes.fromhex(s.sm2_sign(d, b"abc"))))
    r = subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(pub), "-rawin", "-digest", "sm3",
         "-in", str(msg), "-sigfile", str(ours), *distid],
        capture_output=True, text=True,
    )
    assert r.returncode == 0 and "Verified" in r.stdout, r.stdout + r.stderr


def der_of(rs: bytes) -> bytes:
    """An SM2 signature r‖s as the DER SEQUENCE { INTEGER r, INTEGER s } OpenSSL reads."""

    def integer(b: bytes) -> bytes:
        b = b.lstrip(b"\0") or b"\0"
        if b[0] & 0x80:
            b = b"\0" + b
        return bytes([2, len(b)]) + b

    body = integer(rs[:32]) + integer(rs[32:])
    return bytes([0x30, len(body)]) + body


# A whole draw under sm2-sm3 signed by gmssl (docs/spec/suites.md; tests/python/test_suite_sm2.py
# has the vector tests that need no third-party package).
SM = "sm2-sm3"
PARTICIPANTS = [("zazd", "检查部门 省公安厅治安总队"), ("jjjc", "纪检监察 驻厅纪检监察组")]
SIGNERS = ["省公安厅治安总队 抽查负责人", "驻厅纪检监察组 监督人"]


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


def test_a_draw_signed_entirely_by_gmssl_verifies(sample):
    v = read_json("tests/vectors/v2-sm2-sm3/draw-sample.json")
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
        committed_at=datetime.datetime.fromtimestamp(1_692_803_700, datetime.timezone.utc),
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


# The audit log under sm2-sm3 (docs/spec/suites.md §3 "Audit log"): the sample's SM2
# checkpoint and its witness's SM2 cosignature, checked by gmssl from the bytes the spec
# names, and the SM3 tree's proofs through the bindings.

SM2_LOG_TYPE = b"\xffshuangsuiji/sm2-sm3/v1\n"
SM2_WITNESS_TYPE = b"\xffshuangsuiji/sm2-sm3-cosignature/v1\n"


def note_key(verifier_key: str, key_type: bytes) -> tuple[str, str]:
    """(name, x‖y hex as gmssl takes it) of a verifier key of `key_type`, after checking its
    key ID = SHA-256(name ‖ 0x0A ‖ type ‖ 04‖x‖y)[:4]."""
    import base64
    import hashlib
    name, key_id, b64 = verifier_key.split("+", 2)
    raw = base64.b64decode(b64)
    assert raw.startswith(key_type) and len(raw) == len(key_type) + 65
    point = raw[len(key_type):]
    assert point[0] == 4
    assert hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4].hex() == key_id
    return name, point[1:].hex()


def note_lines(note: str) -> tuple[str, dict[str, bytes]]:
    import base64
    body, sigs = note.split("\n\n", 1)
    lines = {}
    for line in sigs.splitlines():
        name, b64 = line.removeprefix("\u2014 ").rsplit(" ", 1)
        lines[name] = base64.b64decode(b64)
    return body + "\n", lines


def test_the_sm2_log_checkpoint_and_cosignature_verify_in_gmssl():
    d = "tests/vectors/v2-sm2-sm3"
    trust, anchor = read_json(f"{d}/trust.json"), read_json(f"{d}/anchor.json")
    body, lines = note_lines(anchor["checkpoint"])
    name, xy = note_key(trust["audit_log"], SM2_LOG_TYPE)
    blob = lines[name]
    assert len(blob) == 4 + 64 and blob[:4].hex() == trust["audit_log"].split("+")[1]
    log = gmssl_sm2.CryptSM2(private_key="", public_key="")
    log.public_key = xy
    assert log.verify_with_sm3(blob[4:].hex(), body.encode())
    assert not log.verify_with_sm3(blob[4:].hex(), body.replace("\n7\n", "\n8\n").encode())

    w = trust["witnesses"][0]
    wname, wxy = note_key(w["public_key"], SM2_WITNESS_TYPE)
    cos = lines[wname]
    assert len(cos) == 4 + 8 + 64
    time = int.from_bytes(cos[4:12], "big")
    witness = gmssl_sm2.CryptSM2(private_key="", public_key="")
    witness.public_key = wxy
    msg = f"cosignature/v1\ntime {time}\n{body}".encode()
    assert witness.verify_with_sm3(cos[12:].hex(), msg)
    assert not witness.verify_with_sm3(cos[12:].hex(), msg.replace(b"time ", b"time 1"))

    # Our verifier agrees, and the event's inclusion holds in the SM3 tree only.
    cp = s.verify_checkpoint(anchor["checkpoint"], trust["audit_log"])
    assert cp["suite"] == "sm2-sm3"
    leaf = s.audit_leaf_hash(anchor["event"], suite="sm2-sm3")
    assert leaf == s.sm3_hex(b"\x00" + s.canonical_json(anchor["event"]))
    s.verify_inclusion(leaf, anchor["index"], cp["size"], anchor["proof"], cp["root"], suite="sm2-sm3")
    with pytest.raises(s.AuditError):
        s.verify_inclusion(leaf, anchor["index"], cp["size"], anchor["proof"], cp["root"])
    s.verify_event_in_checkpoint(anchor["event"], anchor["index"], anchor["proof"],
                                 anchor["checkpoint"], trust["audit_log"])
    events = anchor["log"]
    assert s.audit_root(events, cp["size"], suite="sm2-sm3") == cp["root"]
    assert s.audit_root(events, cp["size"]) != cp["root"]
