"""The audit log from Python, on the demo's log vector (tests/vectors/audit/demo-log.json)."""

from __future__ import annotations

import pytest

import shuangsuiji as s

from conftest import read_json


def test_demo_log_checkpoints_and_proofs():
    log = read_json("tests/vectors/audit/demo-log.json")
    events, key = log["events"], log["verifier_key"]
    last = s.verify_checkpoint(log["checkpoints"][-1], key)
    assert last["size"] == len(events)
    assert s.audit_root(events) == last["root"]
    first = s.verify_checkpoint(log["checkpoints"][0], key)
    assert s.audit_root(events, first["size"]) == first["root"]
    proof = s.audit_consistency_proof(events, first["size"], last["size"])
    s.verify_consistency(first["size"], last["size"], first["root"], last["root"], proof)
    draw_index = next(i for i, e in enumerate(events) if e["kind"] == "draw")
    p = s.audit_inclusion_proof(events, draw_index, len(events))
    assert len(p) <= (len(events) - 1).bit_length()
    s.verify_event_in_checkpoint(events[draw_index], draw_index, p, log["checkpoints"][-1], key)
    s.verify_inclusion(s.audit_leaf_hash(events[draw_index]), draw_index, len(events), p, last["root"])


def test_tampering_raises_audit_error():
    log = read_json("tests/vectors/audit/demo-log.json")
    events, key = log["events"], log["verifier_key"]
    i = 3
    p = s.audit_inclusion_proof(events, i, len(events))
    changed = dict(events[i], actor="someone else")
    with pytest.raises(s.AuditError):
        s.verify_event_in_checkpoint(changed, i, p, log["checkpoints"][-1], key)
    with pytest.raises(s.AuditError):
        cp = log["checkpoints"][-1].split("\n")
        cp[1] = str(int(cp[1]) + 1)  # the tree size: one more than was signed
        s.verify_checkpoint("\n".join(cp), key)
