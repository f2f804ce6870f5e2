"""Issue 17 §6: the case workflow from Python, the same Rust steps as ``shuangsuiji case``:
keys on separate folders, commitment, signatures, reveals, beacon, draw, record signatures,
verdict, printing and status — and the refusals a clerk meets."""

from __future__ import annotations

import json

import pytest

import shuangsuiji as s
from shuangsuiji import case as c

from conftest import ROOT

DATA = ROOT / "examples" / "data"
T0, T_COMMIT, T_AFTER = 1_692_803_100, 1_692_803_700, 1_692_803_800


def make(tmp_path):
    k = tmp_path / "keys"
    c.new_signer(k / "log", "日志", "审计日志", rehearsal=True)
    lead = c.new_signer(k / "lead", "抽查负责人 甲", "抽查负责人", rehearsal=True)
    c.new_signer(k / "sup", "监督人 乙", "监督人", rehearsal=True)
    for pid in ("zazd", "jjjc"):
        c.new_participant(k / pid, pid, pid, rehearsal=True)
    case = s.Case.new(
        tmp_path / "task",
        items=DATA / "items.csv",
        targets=DATA / "targets.csv",
        inspectors=DATA / "inspectors.csv",
        plan=DATA / "plan.json",
        list_version="豫政办〔2017〕80号",
        as_of="2023-08-23",
        unit="单位",
        origin="example/py",
        log_key=k / "log" / "key",
        margin=30,
        now=T0,
    )
    for pid in ("zazd", "jjjc"):
        case.add_participant(k / pid / "participant.json")
    case.add_signer(k / "lead" / "public.json")
    case.add_signer(k / "sup" / "public.json")
    assert lead["role"] == "抽查负责人"
    return case, k


def test_a_case_from_python_to_a_verified_printed_record(tmp_path):
    case, k = make(tmp_path)
    st = case.status(now=T0)
    assert st["next"].startswith("抽取承诺")
    committed = case.commit(now=T_COMMIT)
    assert committed["round"] == 123
    for who in ("lead", "sup", "zazd", "jjjc"):
        case.add_signature(c.sign(k / who, case.file("commitment.json"), now=T_COMMIT), now=T_COMMIT)
    for pid in ("zazd", "jjjc"):
        case.add_reveal(c.reveal(k / pid, case.file("commitment.json"), now=T_COMMIT), now=T_COMMIT)
    recorded = json.loads((DATA / "drand-quicknet.json").read_text(encoding="utf-8"))
    assert case.beacon(recorded["rounds"][0]) == 123
    record_hash = case.draw(now=T_AFTER)
    for who in ("lead", "sup"):
        sig = c.sign(
            k / who,
            case.file("record.json"),
            now=T_AFTER,
            targets=case.file("public/targets.sealed.json"),
            inspectors=case.file("public/inspectors.public.json"),
        )
        case.add_signature(sig, now=T_AFTER)
    verdict = case.verify(case.trust_draft("演练"))
    assert verdict["level"] == "not_anchored"  # no witness: the time is the record's own claim
    assert verdict["verified"]["record_hash"] == record_hash
    paths = case.print()
    assert any(p.endswith("record.public.html") for p in paths)
    assert record_hash in open(paths[0], encoding="utf-8").read()
    assert case.dispatch()[1] == 24
    st = case.status(now=T_AFTER)
    assert all(step["done"] for step in st["steps"]), st


def test_refusals_are_case_errors_with_kinds(tmp_path):
    case, k = make(tmp_path)
    with pytest.raises(s.CaseError) as e:
        case.draw(now=T_COMMIT)
    assert e.value.kind == "refused"  # no commitment yet
    case.commit(now=T_COMMIT)
    with pytest.raises(s.CaseError) as e:
        case.commit(now=T_COMMIT)
    assert e.value.kind == "done"
    # A participant's folder reveals only for a commitment it signed.
    with pytest.raises(s.CaseError) as e:
        c.reveal(k / "zazd", case.file("commitment.json"), now=T_COMMIT)
    assert "did not sign" in str(e.value)
    # Bad inputs: every problem at once.
    bad = tmp_path / "targets.csv"
    bad.write_text(
        "统一社会信用代码,企业名称,行政区划代码,行业,对象类型,信用类别,风险等级,所属部门,状态\n"
        "91350100M000100Y44,甲,410105,R,企业,A,低,治安,存续\n"
        "91110000802100433B,乙,4101,R,企业,A,低,治安,存续\n",
        encoding="utf-8",
    )
    with pytest.raises(s.CaseError) as e:
        s.Case.new(
            tmp_path / "task2", items=DATA / "items.csv", targets=bad,
            inspectors=DATA / "inspectors.csv", plan=DATA / "plan.json",
            list_version="豫政办〔2017〕80号", as_of="2023-08-23", unit="u", origin="o",
            log_key=k / "log" / "key", now=T0,
        )
    assert e.value.kind == "invalid" and len(e.value.problems) >= 2
    # A real case (no hand-set time) refuses one later.
    real = s.Case.new(
        tmp_path / "real", items=DATA / "items.csv", targets=DATA / "targets.csv",
        inspectors=DATA / "inspectors.csv", plan=DATA / "plan.json",
        list_version="豫政办〔2017〕80号", as_of="2023-08-23", unit="u", origin="o",
        log_key=k / "log" / "key",
    )
    with pytest.raises(s.CaseError, match="rehearsal"):
        real.status(now=T0)
    assert real.status()["plan_id"]
