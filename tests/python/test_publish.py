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


def test_leak_suite_from_python():
    """Leak suite in this runtime: generated results full of protected values, published
    under the default policy — no protected value, nor a 4-character piece of one that its
    mask does not keep, appears in the notice JSON or CSV; each is provable later."""
    import random
    import re

    rng = random.Random(99)
    surnames = ["欧阳", "司马", "王", "李", "张", "诸葛"]
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚"
    base = NOTICE["results"][0]
    results, protected = [], []
    for i in range(40):
        r = copy.deepcopy(base)
        r["id"] = f"L-{i:03d}"
        name = rng.choice(surnames) + "".join(rng.choice(given) for _ in range(2))
        mobile = "1" + "".join(rng.choice("3456789") for _ in range(10))
        idno = "4101" + "".join(rng.choice("0123456789") for _ in range(13)) + rng.choice("0123456789X")
        badge = "".join(rng.choice("0123456789") for _ in range(6))
        secret = f"专案线索{rng.randrange(10**8):08d}号"
        r["target"]["contact"] = {"name": name, "id_number": idno, "mobile": mobile}
        r["team"] = [{"inspector_id": "P001", "name": rng.choice(surnames) + rng.choice(given), "badge": badge}]
        r["findings"] = secret
        r["sensitivity"] = [{"class": "police_work_secret", "field": "findings"}] if i % 2 else [{"class": "state_secret"}]
        results.append(r)
        protected += [name, mobile, idno, badge, secret]
    h = NOTICE["header"]
    p = s.publish(results, notice_id="N-LEAK", publisher=h["publisher"], published_on="2024-05-06",
                  draw_record=h["draw_record"], signing_key=bytes(range(32)))
    feed = p.notice.credit_feed()
    assert feed["entries"], "the feed has entries"
    out = p.notice.to_json() + p.notice.to_csv() + json.dumps(feed, ensure_ascii=False) + p.notice.credit_feed_csv()
    scrubbed = re.sub(r"[0-9a-f]{64,}", "", out)  # digests and signatures are random hex
    # What the masks keep of any value (138****1234, 410105********1234, 欧阳**): a piece
    # inside a kept part of some value may legitimately appear.
    kept = [x for v in protected for x in (v[:6], v[-4:])]
    for v in protected:
        assert v not in out, v
        for k in range(len(v) - 3):
            piece = v[k : k + 4]
            if any(piece in m for m in kept):
                continue
            assert piece not in scrubbed, (v, piece)
    p.notice.verify_disclosures(p.disclosures)
    assert {d["path"] for d in p.disclosures} >= {f"/L-001/findings"}


def test_credit_feed_links_notice_and_draw_and_refuses_a_changed_notice():
    n = s.SignedNotice.from_dict({"notice": json.loads(NOTICE["notice_jcs"]), "signature": NOTICE["signature"]})
    feed = n.credit_feed()
    assert feed["entries"] and all(e["notice_hash"] == NOTICE["notice_hash"] for e in feed["entries"])
    assert n.credit_feed_csv().splitlines()[0].count(",") >= 3
    changed = json.loads(NOTICE["notice_jcs"])
    changed["publisher"] = "别的单位"
    with pytest.raises(s.NoticeError):
        s.SignedNotice.from_dict({"notice": changed, "signature": NOTICE["signature"]}).credit_feed()
