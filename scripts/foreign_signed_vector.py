"""Writes tests/vectors/v2-sm2-sm3/foreign-signed.json: the sample draw under sm2-sm3 whose
every signature was made outside this library — the first signer and participant by PyPI
gmssl, the second by npm sm-crypto (two independent SM2 implementations, random nonces) —
so that each runtime's tests can check that records signed by other tools verify here.

Run once with the Python package installed (scripts/test-python.sh's venv) and
bindings-wasm/node_modules present:
    target/venv-ci/bin/python scripts/foreign_signed_vector.py
The output is not reproducible (fresh keys and nonces each run); the tests only verify it."""

from __future__ import annotations

import datetime
import json
import pathlib
import secrets
import subprocess
import sys

import shuangsuiji as s
from gmssl import sm2 as gmssl_sm2

ROOT = pathlib.Path(__file__).resolve().parents[1]
SM = "sm2-sm3"
DIR = ROOT / "tests/vectors/v2-sm2-sm3"


def read_json(rel):
    return json.loads((ROOT / rel).read_text(encoding="utf-8"))


class Gmssl:
    def __init__(self):
        d = secrets.token_bytes(32).hex()
        self.c = gmssl_sm2.CryptSM2(private_key=d, public_key="")
        xy = self.c._kg(int(d, 16), gmssl_sm2.default_ecc_table["g"])
        self.c.public_key = xy
        self.public_key = ("04" + xy).lower()

    def sign(self, msg: bytes) -> str:
        return self.c.sign_with_sm3(msg, secrets.token_bytes(32).hex()).lower()


def node(req):
    r = subprocess.run(["node", str(ROOT / "scripts/sm_crypto_sign.mjs")], input=json.dumps(req),
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


class SmCrypto:
    def __init__(self):
        k = node({"keys": 1})[0]
        self.private_key, self.public_key = k["private_key"], k["public_key"]

    def sign(self, msg: bytes) -> str:
        return node({"sign": [{"private_key": self.private_key, "message_hex": msg.hex()}]})[0]


def main() -> int:
    reg = read_json("tests/vectors/registers.json")["inputs"]
    items = s.ItemList.read(ROOT / reg["items"], reg["item_list_version"])
    targets = s.TargetRegister.read(ROOT / reg["targets"], reg["as_of"])
    public = s.InspectorRegister.read(ROOT / reg["inspectors"], reg["as_of"]).public_view(
        bytes.fromhex(reg["personal_salt_key"]))
    v = read_json("tests/vectors/v2-sm2-sm3/draw-sample.json")
    given = v["inputs"]["commitment"]["commitment"]
    signers = [Gmssl(), SmCrypto()]
    parts = [Gmssl(), SmCrypto()]
    secrets_ = [secrets.token_bytes(32) for _ in parts]
    names = [x["name"] for x in given["signers"]]
    pids = [(p["id"], p["role"]) for p in given["participants"]]
    c = s.commit(
        given["plan"], items, targets, public,
        participants=[{"id": pid, "role": role, "commitment": s.commit_secret(pid, sec, suite=SM),
                       "public_key": k.public_key} for (pid, role), sec, k in zip(pids, secrets_, parts)],
        signers=[{"name": n, "public_key": k.public_key} for n, k in zip(names, signers)],
        committed_at=datetime.datetime.fromtimestamp(given["committed_at"], datetime.timezone.utc),
        beacon=s.quicknet(123), suite=SM,
    )
    for n, k in zip(names, signers):
        c.add_signature({"signer": n, "public_key": k.public_key, "signature": k.sign(c.signing_message())})
    for (pid, _), k in zip(pids, parts):
        c.add_participant_signature({"signer": pid, "public_key": k.public_key,
                                     "signature": k.sign(c.participant_signing_message())})
    reveals = [{"participant": pid, "secret": sec.hex(),
                "signature": k.sign(s.reveal_signing_message(pid, sec, c.hash, suite=SM))}
               for (pid, _), sec, k in zip(pids, secrets_, parts)]
    rec = s.draw(c, items, targets, public, reveals, beacon=v["inputs"]["beacon"])
    sealed = s.SealedRecord(rec)
    for n, k in zip(names, signers):
        sealed.add_signature({"signer": n, "public_key": k.public_key, "signature": k.sign(sealed.signing_message())})
    s.verify(sealed, targets, public)
    out = {
        "description": "The sample draw under sm2-sm3 with every signature made outside shuangsuiji: "
                       f"signer {names[0]!r} and participant {pids[0][0]!r} by PyPI gmssl 3.2.2, signer {names[1]!r} "
                       f"and participant {pids[1][0]!r} by npm sm-crypto 0.5.8 (random nonces, default identifier "
                       "1234567812345678). Made by scripts/foreign_signed_vector.py (not reproducible: fresh keys and "
                       "nonces); every runtime verifies `sealed` against the sample registers.",
        "tools": {"gmssl": [names[0], pids[0][0]], "sm-crypto": [names[1], pids[1][0]]},
        "sealed": json.loads(sealed.to_json()),
    }
    (DIR / "foreign-signed.json").write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {DIR / 'foreign-signed.json'}: record {sealed.hash}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
