"""Progress of a large target import (issue 21): an optional callback hears the rows read
and the checking step; an exception it raises reaches the caller, and nothing is returned."""

import pytest

import shuangsuiji as s

EVERY = 1 << 16


def sheet(n: int) -> bytes:
    rows = "".join(f"X-{i:07},对象{i},行为\n" for i in range(n))
    return ("对象编码,对象名称,对象类型\n" + rows).encode()


def test_progress_reports_rows_then_checking(tmp_path):
    n = EVERY + 7
    path = tmp_path / "targets.csv"
    path.write_bytes(sheet(n))
    seen = []
    r = s.TargetRegister.read(path, "2023-08-23", progress=lambda step, k: seen.append((step, k)))
    assert len(r) == n
    assert seen == [("rows", EVERY), ("rows", n), ("checking", n)]
    # Without a callback the same register.
    assert s.TargetRegister.from_bytes(sheet(n), "2023-08-23").root == r.root


def test_exception_in_progress_reaches_the_caller():
    calls = []

    def stop(step, k):
        calls.append(step)
        raise KeyboardInterrupt("stop")

    with pytest.raises(KeyboardInterrupt):
        s.TargetRegister.from_bytes(sheet(10), "2023-08-23", progress=stop)
    assert calls == ["rows"], "no call after the first exception"
