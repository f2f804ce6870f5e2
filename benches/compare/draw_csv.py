#!/usr/bin/env python3
"""The Python side of benches/examples/draw_csv.rs: the same draw from the same files
through the Python package, timed by phase; the record hash must equal Rust's.

    target/venv-ci/bin/python benches/compare/draw_csv.py DIR
"""

import json
import sys
import time
from pathlib import Path

import shuangsuiji as s

d = Path(sys.argv[1])
t = time.perf_counter()
targets = s.TargetRegister.read(d / "targets.csv", "2023-08-23")
t_import = time.perf_counter() - t
items = s.ItemList.read(d / "items.csv", "v")
key = bytes.fromhex((d / "inspector-salt.key").read_text().strip())
inspectors = s.InspectorRegister.read(d / "inspectors.csv", "2023-08-23").public_view(key)
plan = json.loads((d / "plan.json").read_text(encoding="utf-8"))
for v2_only in ("must_include_reasons", "level", "annual_task"):  # timed as draw/v1, like benches/examples
    plan.pop(v2_only, None)
round_ = json.loads((d / "drand-quicknet.json").read_text())["rounds"][0]
secret, secret2 = bytes([7] * 32), bytes([8] * 32)
t = time.perf_counter()
c = s.commit(plan, items, targets, inspectors,
             participants=[{"id": "zazd", "role": "检查部门", "commitment": s.commit_secret("zazd", secret)},
                           {"id": "jjjc", "role": "纪检监察", "commitment": s.commit_secret("jjjc", secret2)}],
             signers=[{"name": "负责人", "public_key": s.public_key_hex(bytes([9] * 32))}],
             committed_at=1_692_803_700, beacon=s.quicknet(123), version=1)
t_commit = time.perf_counter() - t
t = time.perf_counter()
rec = s.draw(c, items, targets, inspectors, [s.reveal("zazd", secret), s.reveal("jjjc", secret2)], beacon=round_)
t_draw = time.perf_counter() - t
print(f"{len(targets)} targets: import {t_import:.3f} s, commit (roots) {t_commit:.3f} s, draw {t_draw:.3f} s; "
      f"{len(rec.selected_ids())} selected; record {rec.hash}")
