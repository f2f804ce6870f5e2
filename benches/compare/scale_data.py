#!/usr/bin/env python3
"""Scales the bundled sample data to N targets (default 1,000,000) for the draw-from-CSV
comparison: examples/data/targets.csv repeated, each copy with fresh valid USCCs and ids,
and a plan whose workload cap lets 72 inspectors staff a draw of that size.

    python3 benches/compare/scale_data.py [N] [OUT_DIR=target/bench-data/scaled-N]
"""

import csv
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def check(s17: str) -> str:
    return CHARSET[(31 - sum(CHARSET.index(c) * w for c, w in zip(s17, W)) % 31) % 31]


def b31(n: int, width: int) -> str:
    out = []
    for _ in range(width):
        out.append(CHARSET[n % 31])
        n //= 31
    return "".join(reversed(out))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "target" / "bench-data" / f"scaled-{n}"
    out.mkdir(parents=True, exist_ok=True)
    src = ROOT / "examples" / "data"
    for f in ["items.csv", "inspectors.csv", "inspector-salt.key", "drand-quicknet.json"]:
        shutil.copy(src / f, out / f)
    plan = json.loads((src / "plan.json").read_text(encoding="utf-8"))
    plan["must_include"] = []
    plan["team"]["workload_cap"] = 10_000_000
    (out / "plan.json").write_text(json.dumps(plan, ensure_ascii=False, indent=2), encoding="utf-8")
    rows = list(csv.reader((src / "targets.csv").read_text(encoding="utf-8").splitlines()))
    header, body = rows[0], rows[1:]
    with open(out / "targets.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        written = 0
        k = 0
        while written < n:
            for r in body:
                if written >= n:
                    break
                r = list(r)
                written += 1
                r[0] = str(written)
                if k:
                    if r[2]:
                        first = r[2][:8] + b31(k * 20000 + written % 20000, 9)
                        r[2] = first + check(first)
                    if r[1]:
                        r[1] = f"{r[1]}-{k}"
                w.writerow(r)
            k += 1
    print(out)


if __name__ == "__main__":
    main()
