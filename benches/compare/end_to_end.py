#!/usr/bin/env python3
"""The job a department runs, side by side in one run: a target register CSV to a sealed
draw record, and what the same file costs other tools.

Rows (each a separate process under /usr/bin/time, so each has its own wall time and peak
RSS; best of REPEAT by wall time):
  native       benches/examples/draw_csv.rs: import, roots, commitment, draw (in memory)
  Python       benches/compare/draw_csv.py: the same draw through the Python package
  WASM         benches/compare/verify_node.mjs: the WASM package in Node re-running a signed
               record of the same draw from the same CSV (bindings-wasm/scripts/build.sh first)
  csv.reader   Python's standard csv module merely reading the file
  SQLite       what departments use today: load the CSV into SQLite (Python's sqlite3), then
               `ORDER BY random() LIMIT k` per risk stratum (k as the sample plan's ratios
               give; not verifiable)
  consistent_sampler  (PyPI) the same number of ids drawn from the register's ids
  streamed 10M (STREAM=1) benches/examples/draw_stream.rs over a sorted 10M-row CSV

Run from the repository root, after
  cargo build --release -p shuangsuiji-benches --examples
  python3 benches/compare/scale_data.py 1000000
  (the Python package installed in the venv that runs this script, e.g. target/venv-ci)

    target/venv-ci/bin/python benches/compare/end_to_end.py [DIR]

DIR defaults to target/bench-data/scaled-1000000. Prints a Markdown table.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPEAT = int(os.environ.get("REPEAT", 3))
EXAMPLES = ROOT / "target" / "release" / "examples"


def timed(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB and stdout of the best of REPEAT runs."""
    runs = []
    for _ in range(REPEAT):
        with tempfile.NamedTemporaryFile("r") as t:
            out = subprocess.run(["/usr/bin/time", "-o", t.name, "-f", "%e %M", *cmd],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                raise SystemExit(f"{' '.join(cmd)} failed:\n{out.stderr}")
            wall, kb = t.read().split()[-2:]
            runs.append((float(wall), int(kb) // 1024, out.stdout.strip()))
    return min(runs)


PY_CSV = "import csv,sys\nn=0\nwith open(sys.argv[1],newline='',encoding='utf-8') as f:\n    for r in csv.reader(f): n+=1\nprint(n)"

PY_SQLITE = r"""
import csv, sqlite3, sys, time
path, quotas = sys.argv[1], [tuple(q.split("=")) for q in sys.argv[2].split(",")]
db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE t (uscc TEXT, name TEXT, risk TEXT, credit TEXT, industry TEXT)")
with open(path, newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    h = next(r)
    i = [h.index(c) for c in ("统一社会信用代码", "企业名称", "风险等级", "信用类别", "行业")]
    db.executemany("INSERT INTO t VALUES (?,?,?,?,?)", ([row[j] for j in i] for row in r))
t = time.perf_counter()
n = sum(len(db.execute("SELECT uscc FROM t WHERE risk = ? ORDER BY random() LIMIT ?", (risk, int(k))).fetchall()) for risk, k in quotas)
print(n, f"{time.perf_counter() - t:.3f}")
"""

PY_SAMPLER = r"""
import csv, sys
from consistent_sampler import sampler
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    r = csv.reader(f); h = next(r); i = h.index("统一社会信用代码")
    ids = [row[i] or f"row-{n}" for n, row in enumerate(r)]  # derived ids stand in for empty USCCs
print(len(list(sampler(ids, seed="5eed" * 16, take=int(sys.argv[2]), output="id"))))
"""


def main() -> None:
    global REPEAT
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "bench-data" / "scaled-1000000"
    csv_file = data / "targets.csv"
    py = sys.executable
    rows = []
    repeat = REPEAT

    wall, mb, out = timed([str(EXAMPLES / "draw_csv"), str(data)])
    native = wall
    selected = int(re.search(r"(\d+) selected", out).group(1))
    record = re.search(r"record ([0-9a-f]{64})", out).group(1)
    rows.append(("native: CSV → sealed record (import, roots, commitment, draw)", wall, mb, out.split(";")[0]))

    wall, mb, out = timed([py, str(ROOT / "benches" / "compare" / "draw_csv.py"), str(data)])
    same = "same record" if record in out else "RECORD DIFFERS"
    rows.append(("Python package: the same draw", wall, mb, same))

    # WebAssembly in Node: the package verifies (it does not draw), so its row re-runs a
    # signed record of the same draw from the same CSV: import, roots, the draw, the compare.
    with tempfile.TemporaryDirectory() as signed:
        subprocess.run([str(EXAMPLES / "draw_csv"), str(data), signed], check=True, capture_output=True)
        wall, mb, out = timed(["node", str(ROOT / "benches" / "compare" / "verify_node.mjs"), signed, str(csv_file)])
    rows.append(("WASM in Node: the same draw re-run from the same CSV (`verify`)", wall, mb, out.split(";")[0]))

    wall, mb, out = timed([py, "-c", PY_CSV, str(csv_file)])
    rows.append(("Python `csv.reader` reading the file", wall, mb, f"{out} records"))

    # The sample plan's strata, roughly: k per risk level in proportion to the selection.
    import csv
    counts: dict[str, int] = {}
    with open(csv_file, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        at = next(r).index("风险等级")
        for row in r:
            counts[row[at]] = counts.get(row[at], 0) + 1
    total = sum(counts.values())
    quotas = ",".join(f"{r}={max(1, selected * n // total)}" for r, n in sorted(counts.items()))
    wall, mb, out = timed([py, "-c", PY_SQLITE, str(csv_file), quotas])
    n, query = out.split()
    rows.append((f"SQLite: load, then `ORDER BY random() LIMIT k` per risk stratum", wall, mb,
                 f"{n} ids; the queries alone {query} s; not verifiable"))

    try:
        import consistent_sampler  # noqa: F401
    except ImportError:
        subprocess.run([py, "-m", "pip", "install", "--quiet", "consistent_sampler"], check=True)
    wall, mb, out = timed([py, "-c", PY_SAMPLER, str(csv_file), str(selected)])
    rows.append((f"`consistent_sampler` (PyPI): {selected} of the register's ids", wall, mb, "flat sample, ids only"))

    if os.environ.get("STREAM"):
        big = ROOT / "target" / "bench-data" / "sorted" / "10000000.csv"
        if not big.exists():
            big.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([str(EXAMPLES / "gen_sorted_targets"), "10000000", str(big)], check=True)
        REPEAT = 1
        wall, mb, out = timed([str(EXAMPLES / "draw_stream"), str(big), str(data)])
        rows.append(("native, streamed: 10M sorted rows (root pass, then the draw's two passes)", wall, mb, out.split(";")[0]))

    print(f"{total:,} targets ({csv_file.stat().st_size / 1e6:.0f} MB CSV), {selected} selected; "
          f"best of {repeat} runs (the streamed row: one), {os.cpu_count()} cores\n")
    print("| | wall s | ÷ native | peak RSS MB | note |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, wall, mb, note in rows:
        print(f"| {name} | {wall:.2f} | {wall / native:.2f} | {mb} | {note} |")


if __name__ == "__main__":
    main()
