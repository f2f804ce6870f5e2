"""Publication (core: publish; vectors: tests/vectors/publication/notice.json, disclosure.json)."""

from __future__ import annotations

import copy
import datetime
import json

import pytest

import shuangsuiji as s
from conftest import read_json

NOTICE = read_json("tests/vectors/publication/notice.json")


def publish_vector(**kw):
    h = NOTICE["header"]
    args = dict(
        notice_id=h["notice_id"],
        publisher=h["publisher"],
        published_on=datetime.date.fromisoformat(h["published_on"]),
        draw_record=h["draw_record"],
        signing_key=bytes.fromhex(NOTICE["signing_key_seed"]),
        policy=NOTICE["policy"],
        seed=2024,  # ChaCha20Rng::seed_from_u64(2024), as the Rust vector
    )
    args.update(kw)
    return s.publish(NOTICE["results"], **args)


def test_notice_vector():
    p = publish_vector()
    n = p.notice
    assert n.canonical_bytes().decode("utf-8") == NOTICE["notice_jcs"]
    assert n.hash == NOTICE["notice_hash"]
    assert n.signature == NOTICE["signature"]
    assert n.to_csv() == NOTICE["csv"]
    assert p.disclosures == NOTICE["disclosures"]
    assert s.policy_digest(NOTICE["policy"]) == NOTICE["policy_digest"]
    assert s.default_policy() == NOTICE["policy"]
    assert n.verify() == NOTICE["notice_hash"]
    n.verify_csv(NOTICE["csv"])
    n.verify_disclosures(p.disclosures)
    # The published JSON parses back and verifies.
    back = s.SignedNotice.from_json(n.to_json())
    assert back.verify() == NOTICE["notice_hash"]
    assert json.loads(p.to_json()) == p.to_dict()


def test_disclosure_vector():
    for c in read_json("tests/vectors/publication/disclosure.json")["cases"]:
        got = s.disclosure_commitment(bytes.fromhex(c["salt"]), c["path"], c["value"])
        assert got == c["digest"], c["path"]
        assert s.canonical_json(c["value"]).decode("utf-8") == c["value_jcs"]


def test_publication_end_to_end_with_os_rng():
    """Default policy and OS salts: verifies, proves every disclosure, refuses a wrong one."""
    h = NOTICE["header"]
    p = s.publish(
        NOTICE["results"],
        notice_id="N-1",
        publisher=h["publisher"],
        published_on="2024-05-06",
        draw_record=h["draw_record"],
        signing_key=bytes(range(32)),
    )
    n = p.notice
    n.verify()
    assert p.disclosures and p.disclosures != NOTICE["disclosures"]  # fresh salts
    for d in p.disclosures:
        n.verify_disclosure(d)
    wrong = dict(p.disclosures[0], value="someone else")
    with pytest.raises(s.NoticeError) as e:
        n.verify_disclosure(wrong)
    assert e.value.kind == "digest_mismatch"
    with pytest.raises(s.NoticeError):
        n.verify_csv(n.to_csv() + "x")
    # Masks are the core's.
    assert s.mask_phone("13812341234") == "138****1234"
    assert s.mask_name("欧阳娜娜") == "欧阳**"


def test_tampered_notice_is_refused():
    d = publish_vector().notice.to_dict()
    d["notice"]["publisher"] = "someone else"
    with pytest.raises(s.NoticeError, match="signature"):
        s.SignedNotice.from_dict(d).verify()


def test_publish_errors():
    with pytest.raises(s.PublishError) as e:
        publish_vector(draw_record="22" * 32)
    assert e.value.kind == "draw_record_mismatch"
    with pytest.raises(s.PublishError, match="no results"):
        s.publish([], notice_id="N", publisher="P", published_on="2024-05-06",
                  draw_record="11" * 32, signing_key=bytes(32))
    policy = copy.deepcopy(NOTICE["policy"])
    policy["rules"].append(policy["rules"][0])
    with pytest.raises(s.PolicyError) as e:
        publish_vector(policy=policy)
    assert isinstance(e.value, s.PublishError)
    with pytest.raises(s.PolicyError):
        s.validate_policy(policy)
