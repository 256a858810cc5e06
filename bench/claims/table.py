#!/usr/bin/env python3
"""The README's table of same-fact plants caught, by kind, on both
development sets, from the counts `plants.py --summary` wrote:

    python3 bench/claims/plants.py ABC bench/claims/plants-abc.json --summary /tmp/abc.json
    python3 bench/claims/plants.py POLNEAR bench/claims/plants-polnear.json --summary /tmp/pn.json
    python3 bench/claims/table.py /tmp/abc.json /tmp/pn.json | bench/readme_block.py claim-plants
"""

import json
import sys

# The kinds in the README's order, with the README's label for each.
KINDS = [
    ("role", 'role ("former" added or dropped)'),
    ("number", "number, money"),
    ("count", "count"),
    ("percentage", "percentage"),
    ("duration", "duration"),
    ("ordinal", "ordinal"),
    ("year", "year"),
    ("weekday", "weekday"),
    ("date", "date"),
    ("age", "age"),
]


def cells(summary, kind):
    plants, caught = summary["plants"].get(kind, [0, 0])
    return ("–", "–") if plants == 0 else (str(plants), str(caught))


def total(summary):
    plants = sum(p for p, _ in summary["plants"].values())
    caught = sum(c for _, c in summary["plants"].values())
    return f"{plants}", f"**{caught} ({100 * caught / max(plants, 1):.0f}%)**"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: bench/claims/table.py ABC_SUMMARY.json POLNEAR_SUMMARY.json")
    abc, polnear = (json.load(open(path, encoding="utf-8")) for path in sys.argv[1:])
    print("| kind | ABC plants | caught | PolNeAR plants | caught |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for kind, label in KINDS:
        print(f"| {label} | {' | '.join(cells(abc, kind))} | {' | '.join(cells(polnear, kind))} |")
    print(f"| **all** | {' | '.join(total(abc))} | {' | '.join(total(polnear))} |")
    abc_controls, pn_controls = abc["controls"], polnear["controls"]
    print(f"| controls flagged | {abc_controls[0]} | {abc_controls[1]} | {pn_controls[0]} | {pn_controls[1]} |")


if __name__ == "__main__":
    main()
