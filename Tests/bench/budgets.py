#!/usr/bin/env python3
"""Prints BENCHMARKS.md's budgets table from the --tsv rows of `authconsole bench` and the
console's tmux trace (Tests/e2e/measure.sh output).

    budgets.py RESULTS.tsv MEASURE.txt

TSV columns: label, operation, median s, p95 s, peak KB, sqlite3 median s, Django median s, Django peak KB.
Labels: the user count (10000, 100000, 1000000) and 1000000-idx for the copy with the index.
"""
import re
import sys

rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) < 8:
        continue
    num = lambda x: float(x) if x else None
    rows[(f[0], f[1])] = dict(median=num(f[2]), p95=num(f[3]), peak_kb=num(f[4]), sqlite=num(f[5]), django=num(f[6]))
trace = open(sys.argv[2], encoding="utf-8").read() if len(sys.argv) > 2 else ""

BIG, IDX = "1000000", "1000000-idx"


def t(x):
    if x is None:
        return "–"
    return f"{x:.2f} s" if x >= 1 else (f"{x * 1000:.1f} ms" if x >= 0.001 else f"{x * 1000:.2f} ms")


def get(label, op, key="median"):
    return rows.get((label, op), {}).get(key)


def verdict(ok):
    return "yes" if ok else "**no**"


out = ["| budget | measured | met? |", "|---|---|---|"]

# 1. Each figure within 1.25x of sqlite3.
over, within = [], []
for (label, op), r in sorted(rows.items()):
    if label != BIG or r["median"] is None or r["sqlite"] is None:
        continue
    ratio = r["median"] / r["sqlite"]
    (over if ratio > 1.25 else within).append(f"{op} {ratio:.2f}x")
out.append("| each figure within 1.25x of sqlite3's minimal SQL | "
           + (("over: " + ", ".join(over) + "; ") if over else "")
           + f"{len(within)} of {len(within) + len(over)} within | {verdict(within and not over)} |")

# 2. Dashboard at least 3x faster than Django.
d, dj = get(BIG, "dashboard"), get(BIG, "dashboard", "django")
if d and dj:
    out.append(f"| dashboard at least 3x faster than Django's ORM | {t(d)} vs {t(dj)}: {dj / d:.1f}x | {verdict(dj / d >= 3)} |")

# 3. Deep page at least 20x faster than Django's Paginator.
parts, met = [], False
for label, op, what in [(BIG, "deep-page", "one-shot, no index"), (BIG, "deep-page-cached", "console, order built, no index"),
                        (IDX, "deep-page", "one-shot, with the suggested index (Django on the same copy)")]:
    ours, theirs = get(label, op), get(label, op, "django")
    if ours and theirs:
        parts.append(f"{what}: {t(ours)} vs {t(theirs)} = {theirs / ours:.0f}x")
        met = met or theirs / ours >= 20
out.append("| deep page (20,000) at least 20x faster than Django's Paginator | " + "; ".join(parts)
           + f" | {'yes, in the console and with the index; not one-shot without an index' if met else '**no**'} |")

# 4. Paging under 20 ms, independent of the page.
parts, worst_fast = [], None
for label, suffix, what in [(BIG, "-cached", "console (order built), no index"), (IDX, "", "with the index"), (BIG, "", "one-shot keyset, no index")]:
    n, p = get(label, "next-page" + suffix), get(label, "previous-page" + suffix)
    if n is None or p is None:
        continue
    parts.append(f"{what}: next {t(n)}, previous {t(p)}")
    if suffix or label == IDX:
        worst_fast = max(worst_fast or 0.0, n, p)
pages = re.findall(r"key (PgDn|PgUp) -> ready ([0-9.]+) ms", trace)
if pages:
    parts.append("console in tmux at 1M, no index: PgDn/PgUp key to ready "
                 + f"{min(float(x) for _, x in pages):.1f}-{max(float(x) for _, x in pages):.1f} ms, from page 1 and from page 20,000")
out.append("| paging forward/backward under 20 ms, independent of the page | " + "; ".join(parts)
           + f" | {'yes, once the order is built or with the index; a one-shot page without an index scans' if worst_fast is not None and worst_fast < 0.02 else '**no**'} |")

# 5. A key within one frame while a search runs.
typed = [float(x) for x in re.findall(r"key [a-z] -> frame ([0-9.]+) ms", trace)]
if typed:
    out.append(f"| a key answered within 16 ms while a search runs | typed letters drawn {min(typed):.1f}-{max(typed):.1f} ms after the key (console trace) | {verdict(max(typed) < 16)} |")

# 6. Memory.
peaks = {label: max((r["peak_kb"] or 0) for (l, op), r in rows.items() if l == label and op != "export")
         for label in {l for l, _ in rows} if not label.endswith("-idx")}
if "10000" in peaks and BIG in peaks:
    worst = max(peaks.values()) / 1024
    growth = peaks[BIG] / peaks["10000"]
    out.append(f"| peak memory under 50 MB (all but export); within 1.5x from 10k to 1M | worst {worst:.1f} MB; "
               f"{peaks['10000'] / 1024:.1f} MB at 10k, {peaks[BIG] / 1024:.1f} MB at 1M: {growth:.2f}x | {verdict(worst < 50 and growth <= 1.5)} |")
console = re.search(r"console peak memory \(VmHWM\) +([0-9]+) KB", trace)
if console:
    kb = int(console.group(1))
    out.append(f"| the console's own peak at 1M (dashboard, table, page 20,000, searches, user) | {kb / 1024:.1f} MB (VmHWM, Tests/e2e/measure.sh) | {verdict(kb / 1024 < 50)} |")
e_small, e_big = get("10000", "export", "peak_kb"), get(BIG, "export", "peak_kb")
if e_small and e_big:
    out.append(f"| export streams, memory flat | {e_small / 1024:.1f} MB at 10k users, {e_big / 1024:.1f} MB at 1M | {verdict(e_big / e_small <= 1.5)} |")

paint = re.search(r"first-full-paint ([0-9.]+) ms", trace)
if paint:
    out.append(f"| console start to first full paint (no budget) | {float(paint.group(1)) / 1000:.2f} s at 1M users | – |")
print("\n".join(out))
