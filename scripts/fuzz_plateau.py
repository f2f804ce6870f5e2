"""Coverage over time from the time-stamped logs scripts/fuzz-long.sh writes.

For each target: edges (libFuzzer's `cov`) once the corpus is loaded (INITED), after 10, 30
and 60 minutes and at the end; the edges gained over the last 30 minutes (the last quarter
for runs under an hour) and over the last doubling of executions (the run's second half by
executions, which does not depend on how much CPU the run had); executions, exec/s and
peak RSS. A target is called on a plateau when the last stretch added less than 1 % to its
edges.
"""
import re
import sys

LINE = re.compile(r"^(\d+) #(\d+)\s+(\w+)\s+cov: (\d+) ft: (\d+) corp: (\d+)")
STAT = re.compile(r"^\d+ stat::(\w+):\s+(\d+)")


def summary(path):
    points, stats, inited = [], {}, None
    for raw in open(path, encoding="utf-8", errors="replace"):
        m = LINE.match(raw)
        if m:
            t, execs, event, cov, ft, corp = m.groups()
            p = (int(t), int(execs), int(cov), int(ft), int(corp))
            points.append(p)
            if event == "INITED" and inited is None:
                inited = p
        s = STAT.match(raw)
        if s:
            stats[s.group(1)] = int(s.group(2))
    return points, stats, inited


def at(points, t):
    """The last reported state at or before second t."""
    best = None
    for p in points:
        if p[0] <= t:
            best = p
    return best


def main(paths):
    print("| target | run | loaded corpus | 10 min | 30 min | 60 min | end | last stretch | last doubling of executions | executions | exec/s | peak RSS | plateau |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for path in paths:
        name = path.rsplit("/", 1)[-1].removesuffix(".log")
        points, stats, inited = summary(path)
        if not points:
            print(f"| {name} | no data |")
            continue
        end = points[-1][0]
        cols = []
        for t in (600, 1800, 3600):
            p = at(points, t) if t <= end else None
            cols.append(f"{p[2]:,}" if p else "–")
        stretch = 1800 if end >= 3600 else max(end // 4, 1)
        before = at(points, end - stretch) or points[0]
        gained = points[-1][2] - before[2]
        pct = gained / before[2] * 100 if before[2] else float("nan")
        execs = stats.get("number_of_executed_units", points[-1][1])
        half = [p for p in points if p[1] <= points[-1][1] // 2] or points[:1]
        doubling = (points[-1][2] - half[-1][2]) / half[-1][2] * 100 if half[-1][2] else float("nan")
        rate = stats.get("average_exec_per_sec")
        rss = stats.get("peak_rss_mb")
        print(
            f"| {name} | {end / 60:.0f} min | {inited[2] if inited else 0:,} | " + " | ".join(cols)
            + f" | {points[-1][2]:,} | +{gained} in {stretch // 60} min ({pct:.2f} %) | +{doubling:.2f} % | {execs:,}"
            + f" | {rate if rate is not None else '–'} | {str(rss) + ' MB' if rss is not None else '–'}"
            + f" | {'yes' if pct < 1.0 else 'no'} |"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
