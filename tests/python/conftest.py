"""Shared fixtures: the repository's sample data and the known-answer vectors in tests/vectors/,
the same files the Rust tests read (core/tests/vectors.rs, core/src/publish/tests.rs)."""

from __future__ import annotations

import hashlib
import json
import os
import pathlib

import pytest

import shuangsuiji as s

# Reproducible notice salts for the vectors (refused without this switch).
os.environ["SHUANGSUIJI_INSECURE_TEST_SALTS"] = "1"

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"


def read_json(rel: str):
    return json.loads((ROOT / rel).read_text(encoding="utf-8"))


def label_bytes(label: str) -> bytes:
    """As cli/src/demo.rs: SHA-256 of a label (public, for the reproducible demo only)."""
    return hashlib.sha256(label.encode("utf-8")).digest()


class Sample:
    def __init__(self) -> None:
        reg = read_json("tests/vectors/registers.json")
        i = reg["inputs"]
        self.vector = reg
        self.as_of = i["as_of"]
        self.key = bytes.fromhex(i["personal_salt_key"])
        self.items = s.ItemList.read(ROOT / i["items"], i["item_list_version"])
        self.targets = s.TargetRegister.read(ROOT / i["targets"], i["as_of"])
        self.inspectors = s.InspectorRegister.read(ROOT / i["inspectors"], i["as_of"])
        self.public = self.inspectors.public_view(self.key)


@pytest.fixture(scope="session")
def sample() -> Sample:
    return Sample()


@pytest.fixture(scope="session")
def draw_vector():
    return read_json("tests/vectors/draw-sample.json")
