"""The working-day deadline (core: calendar; vectors: tests/vectors/publication/publish_by.json)."""

from __future__ import annotations

import datetime

import pytest

import shuangsuiji as s
from conftest import read_json


def test_publish_by_vector():
    for c in read_json("tests/vectors/publication/publish_by.json")["cases"]:
        if "error" in c:
            with pytest.raises(s.CalendarError) as e:
                s.publish_by(c["result_date"], c["working_days"])
            assert e.value.kind == c["error"] and e.value.needs_year == c["needs_year"]
        else:
            d = datetime.date.fromisoformat(c["result_date"])
            assert s.publish_by(d, n=c["working_days"]) == datetime.date.fromisoformat(c["publish_by"])


def test_defaults_and_working_days():
    assert s.PUBLICATION_WORKING_DAYS == 20
    assert s.publish_by("2024-03-04") == datetime.date(2024, 4, 1)
    assert s.is_working_day(datetime.date(2019, 4, 28))  # 调休 Sunday
    assert not s.is_working_day("2025-10-08")
    with pytest.raises(s.FormatError):
        s.publish_by(datetime.datetime(2024, 3, 4, 9, 0))
