"""verify_trusted: the verdict against a trust file (docs/spec/trust.md), as core/tests/trust.rs
checks it in Rust and bindings-wasm/tests/trust.test.mjs in WASM."""

from __future__ import annotations

import pytest

import shuangsuiji as s
from conftest import read_json


@pytest.fixture(scope="module")
def sealed():
    d = read_json("tests/vectors/draw-sample.json")
    return {
        "record": read_json("tests/vectors/draw-sample.record.json"),
        "hash": d["expected"]["record_hash"],
        "signatures": d["expected"]["record_signatures"],
    }


def trust_for(sealed, roles=("抽查负责人", "监督人")):
    signers = sealed["record"]["commitment"]["commitment"]["signers"]
    return {
        "format": "shuangsuiji/trust/v1",
        "name": "测试",
        "signers": [
            {"role": r, "name": x["name"], "public_key": x["public_key"]} for r, x in zip(roles, signers)
        ],
    }


def kinds(v):
    return [u["kind"] for u in v["unanchored"]]


def test_without_a_trust_file_nothing_is_anchored(sample, sealed):
    v = s.verify_trusted(sealed, sample.targets, sample.public)
    assert v["level"] == "not_anchored"
    assert kinds(v) == ["no_trust_file", "unsigned_participants", "time_anchor"]
    assert v["beacon"]["name"] == "drand quicknet" and v["beacon"]["round"] == 123
    assert all(x["role"] is None for x in v["signers"])
    assert v["verified"]["record_hash"] == sealed["hash"] and v["error"] is None


def test_trusted_signers_are_shown_with_their_roles(sample, sealed):
    v = s.verify_trusted(sealed, sample.targets, sample.public, trust_for(sealed))
    assert kinds(v) == ["unsigned_participants", "time_anchor"]
    assert [x["role"] for x in v["signers"]] == ["抽查负责人", "监督人"]
    assert all(u["message_zh"] and u["message"] for u in v["unanchored"])
    assert v["anchored_time"] is None


def test_an_untrusted_key_is_named(sample, sealed):
    t = trust_for(sealed)
    t["signers"][1]["public_key"] = "11" * 32
    v = s.verify_trusted(sealed, sample.targets, sample.public, t)
    [u] = [u for u in v["unanchored"] if u["kind"] == "signer"]
    assert u["public_key"] == sealed["signatures"][1]["public_key"] and u["public_key"] in u["message"]


def test_a_failed_record_is_a_failed_verdict(sample, sealed):
    bad = dict(sealed, record=dict(sealed["record"], seed="00" * 32))
    v = s.verify_trusted(bad, sample.targets, sample.public, trust_for(sealed))
    assert v["level"] == "failed" and v["verified"] is None
    assert v["error"]["kind"] == "mismatch" and v["error"]["message_zh"]


def test_a_trust_file_that_breaks_its_rules_is_refused(sample, sealed):
    t = trust_for(sealed)
    t["format"] = "x"
    t["witness_quorum"] = 1
    with pytest.raises(s.TrustError) as e:
        s.verify_trusted(sealed, sample.targets, sample.public, t)
    assert e.value.kind == "trust"
    assert any(p.startswith("format:") for p in e.value.problems)
    assert any(p.startswith("witness_quorum:") for p in e.value.problems)
