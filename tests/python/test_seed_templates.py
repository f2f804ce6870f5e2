"""The seed's templates from Python (issue 18), as core/tests/seed_templates.rs checks them."""

from __future__ import annotations

import pytest

import shuangsuiji as s


def test_seed_templates_and_notes():
    """Issue 18: the seed's 附件2 template as printed imports; the notes name every derived id
    and unstated attribute; every blank template reads back (core/tests/seed_templates.rs)."""
    from conftest import ROOT

    data = (ROOT / "examples/seed-templates/targets.csv").read_bytes()
    reg = s.TargetRegister.from_bytes(data, "2023-08-23")
    notes = s.import_notes("targets", data, as_of="2023-08-23")
    assert sum("派生" in n for n in notes) == len(reg.to_dict()["targets"])
    assert any("风险等级" in n for n in notes)
    for what, cls in [("items", None), ("targets", s.TargetRegister), ("inspectors", s.InspectorRegister)]:
        template = s.template_csv(what)
        filled = template.replace("（示例）", "").encode("utf-8")
        if cls is None:
            with pytest.raises(s.ValidationError, match="示例行"):
                s.ItemList.from_bytes(template.encode("utf-8"), "t")
            assert len(s.ItemList.from_bytes(filled, "t").to_dict()["items"]) == 1
        else:
            with pytest.raises(s.ValidationError, match="示例行"):
                cls.from_bytes(template.encode("utf-8"), "2023-08-23")
            cls.from_bytes(filled, "2023-08-23")
    with pytest.raises(s.FormatError):
        s.template_csv("plans")
