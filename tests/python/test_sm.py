"""The 国密 primitives against independent implementations (issue 20; docs/spec/suites.md §4):
SM3 known answers from GB/T 32905; SM2 signatures made by PyPI ``gmssl`` verify here and
ours verify in gmssl, keys exported either way load in the other; and OpenSSL 3's SM2 PEM
keys and signatures, where the machine's openssl supports SM2."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess

import pytest

import shuangsuiji as s

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
