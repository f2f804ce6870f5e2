#!/usr/bin/env python3
"""One run, one machine: 1,000 drawn from 1,000,000 ids, side by side.

Rows: our native CLI (`shuangsuiji sample`), the Python package (`shuangsuiji.sample_ids`),
the WASM package in Node (when bindings-wasm/pkg-node is built), Rivest's/VotingWorks'
`consistent_sampler` from PyPI, Python's `random.sample` (not verifiable: the baseline of
doing nothing), and `openssl speed sha256` on 64-byte inputs as the floor (one hash per id).
Each row is the best of REPEAT runs; ratios are against the native row and the floor.

Run from the repository root after `./scripts/test-python.sh` (which builds the package
into target/venv-ci) and `cargo build --release -p shuangsuiji-cli`:

    target/venv-ci/bin/python benches/compare/compare.py

It installs consistent_sampler into that venv if missing.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

N, TAKE, REPEAT = int(os.environ.get("N", 1_000_000)), 1000, int(os.environ.get("REPEAT", 5))
ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "target" / "bench-data"
SEED = "5eed" * 16


def best(f):
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    ids_file = DATA / f"ids-{N}.txt"
    ids = [f"91410100{i:09d}X" for i in range(N)]
    if not ids_file.exists():
        ids_file.write_text("\n".join(ids) + "\n")
    rows: list[tuple[str, float | None, str]] = []

    cli = ROOT / "target" / "release" / "shuangsuiji"
    if cli.exists():
        cmd = [str(cli), "sample", str(ids_file), "--seed", SEED, "--take", str(TAKE)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
        rows.append(("native (shuangsuiji sample, incl. process start + file read)", best(lambda: subprocess.run(cmd, capture_output=True, check=True)), ""))
    else:
        out = None
        rows.append(("native", None, "build with: cargo build --release -p shuangsuiji-cli"))

    try:
        import shuangsuiji as s

        got = [i for i, _ in s.sample_ids(ids_file, SEED, TAKE)]
        if out is not None:
            assert got == out, "Python and native disagree"
        rows.append(("Python package (shuangsuiji.sample_ids from the file)", best(lambda: s.sample_ids(ids_file, SEED, TAKE)), "same ids as native" if out else ""))
    except ImportError:
        rows.append(("Python package", None, "run ./scripts/test-python.sh first"))

    node_pkg = ROOT / "bindings-wasm" / "pkg" / "node"
    node_script = ROOT / "benches" / "compare" / "sample_node.mjs"
    if node_pkg.exists() and node_script.exists():
        def run_node():
            return subprocess.run(["node", str(node_script), str(ids_file), SEED, str(TAKE)], capture_output=True, text=True, check=True).stdout
        res = run_node().split()
        ms = float(res[0])  # in-process time reported by the script
        if out is not None:
            assert res[1:] == out, "WASM and native disagree"
        rows.append(("WASM package in Node (in-process, file read as text)", ms / 1000, "same ids as native" if out else ""))
    else:
        rows.append(("WASM package in Node", None, "build bindings-wasm/pkg (./scripts/test-wasm.sh)"))

    try:
        import consistent_sampler  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "consistent_sampler"], check=False)
    try:
        from consistent_sampler import sampler

        rows.append(("consistent_sampler (PyPI), take=1000", best(lambda: list(sampler(ids, seed=SEED, take=TAKE, output="id"))), "verifiable, pure Python"))
    except ImportError:
        rows.append(("consistent_sampler", None, "pip install consistent_sampler failed"))

    rows.append(("random.sample (not verifiable)", best(lambda: random.sample(ids, TAKE)), "baseline"))

    floor = None
    try:
        o = subprocess.run(["openssl", "speed", "-bytes", "64", "-seconds", "2", "sha256"], capture_output=True, text=True).stdout
        m = re.search(r"^sha256\s+([\d.]+)k", o, re.M)
        if m:
            bytes_per_s = float(m.group(1)) * 1000
            floor = N * 64 / bytes_per_s
            rows.append(("SHA-256 floor: openssl speed, 1M × 64-byte hashes", floor, "one hash per id"))
    except FileNotFoundError:
        rows.append(("openssl speed", None, "openssl not found"))

    native = next((t for name, t, _ in rows if name.startswith("native") and t), None)
    print(f"{N:,} ids, take {TAKE}, best of {REPEAT}, {os.cpu_count()} cores, {sys.platform}")
    print(f"{'':62} {'seconds':>9} {'÷ native':>9} {'÷ floor':>8}")
    for name, t, note in rows:
        if t is None:
            print(f"{name:62} {'—':>9} {'':>9} {'':>8}  {note}")
            continue
        rn = f"{t / native:9.2f}" if native else f"{'':9}"
        rf = f"{t / floor:8.2f}" if floor else f"{'':8}"
        print(f"{name:62} {t:9.4f} {rn} {rf}  {note}")


if __name__ == "__main__":
    main()
