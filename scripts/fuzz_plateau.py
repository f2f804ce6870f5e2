"""Coverage over time from the time-stamped logs scripts/fuzz-long.sh writes.

For each target: edges (cov), features (ft) and corpus size at fixed fractions of the run,
the growth over the last quarter, executions, exec/s, peak RSS. A target is called on a
plateau when its edge coverage grew by less than 1 % over the last quarter of the run.
"""
import re
import sys

LINE = re.compile(r"^(\d+) #(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)")
STAT = re.compile(r"^\d+ stat::(\w+):\s+(\d+)")


def summary(path):
    points, stats = [], {}
    for raw in open(path, encoding="utf-8", errors="replace"):
        m = LINE.match(raw)
        if m:
            points.append(tuple(int(x) for x in m.groups()))
        s = STAT.match(raw)
        if s:
            stats[s.group(1)] = int(s.group(2))
    return points, stats


def at(points, t):
    """The last reported state at or before second t."""
    best = None
    for p in points:
        if p[0] <= t:
            best = p
    return best


def main(paths):
    print("| target | 10 % | 25 % | 50 % | 75 % | end | growth, last quarter | executions | exec/s | peak RSS | plateau |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for path in paths:
        name = path.rsplit("/", 1)[-1].removesuffix(".log")
        points, stats = summary(path)
        if not points:
            print(f"| {name} | no data |")
            continue
        end = points[-1][0] or 1
        cols = []
        for f in (0.10, 0.25, 0.50, 0.75, 1.0):
            p = at(points, end * f)
            cols.append(f"{p[2]:,}" if p else "–")
        q3 = at(points, end * 0.75)
        growth = (points[-1][2] - q3[2]) / q3[2] * 100 if q3 else float("nan")
        execs = stats.get("number_of_executed_units", points[-1][1])
        rate = stats.get("average_exec_per_sec", 0)
        rss = stats.get("peak_rss_mb", 0)
        plateau = "yes" if growth < 1.0 else "no"
        print(
            f"| {name} ({end} s) | " + " | ".join(cols)
            + f" | {growth:.2f} % | {execs:,} | {rate:,} | {rss} MB | {plateau} |"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
