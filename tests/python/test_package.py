"""The package surface: exports, stubs, docstrings and the exception hierarchy."""

from __future__ import annotations

import ast
import pathlib

import shuangsuiji as s

STUB = pathlib.Path(s.__file__).with_name("_shuangsuiji.pyi")


def test_every_export_is_typed_and_documented():
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    stubbed = {
        n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))
    } | {
        t.id for n in tree.body if isinstance(n, (ast.AnnAssign,)) for t in [n.target] if isinstance(t, ast.Name)
    }
    # Pure-Python modules of the package are typed in their own source (case.py).
    for src in STUB.parent.glob("*.py"):
        body = ast.parse(src.read_text(encoding="utf-8")).body
        stubbed |= {n.name for n in body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    assert set(s.__all__) <= stubbed, set(s.__all__) - stubbed
    for name in s.__all__:
        obj = getattr(s, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"
    assert (STUB.parent / "py.typed").exists()


def test_exception_hierarchy():
    assert issubclass(s.ShuangsuijiError, ValueError)
    for e in (s.FormatError, s.ValidationError, s.DrawError, s.VerifyError, s.PublishError,
              s.NoticeError, s.CalendarError, s.AuditError):
        assert issubclass(e, s.ShuangsuijiError)
    assert issubclass(s.PlanError, s.DrawError) and issubclass(s.BeaconError, s.DrawError)
    assert issubclass(s.PolicyError, s.PublishError)
    assert s.ValidationError.__module__ == "shuangsuiji"
