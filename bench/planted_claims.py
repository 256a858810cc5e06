#!/usr/bin/env python3
"""Recall of claim-conflict on real news, with conflicts planted by hand rule.

    bench/planted_claims.py REALNEWS_OUT [PER_ARTICLE]

REALNEWS_OUT is the OUT folder of a bench/realnews.sh run without a fixed
corpus, which holds folds/N/drafts and folds/N/corpus. For every draft, each
figure written as "<number> <noun>" ("11 states", "2,383 delegates", "15
percent") that at least two of its fold's corpus articles also write, word for
word, is a figure the corpus corroborates. Up to PER_ARTICLE (default 3) such
figures per draft are planted one at a time: the number is changed to another
(a third larger, at least 1 more) in a copy of the draft, and the copies are
linted against the fold's corpus.

Prints how many planted figures get a claim-conflict warning at the changed
number (recall on planted conflicts), and how many warnings land elsewhere in
the planted copies. Corroboration by the same words is no proof that the
corpus speaks of the same thing ("15 percent" of two different polls), so the
figure is a lower bound for comparing versions, not a recall estimate to
quote alone. Uses COPYDESK_BIN (default target/release/copydesk).
The planted copies stay in REALNEWS_OUT/planted: never commit them.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

FIGURE = re.compile(r"(?<![\w$.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?( percent| [a-z]{4,})\b")
STOPWORDS = {"that", "this", "with", "from", "were", "have", "years", "year", "days", "times"}


def figures(text):
    for match in FIGURE.finditer(text):
        if match.group(2).strip() in STOPWORDS:
            continue
        yield match


def planted_number(number):
    value = int(number.replace(",", ""))
    new = max(value + 1, round(value * 4 / 3))
    return f"{new:,}" if "," in number else str(new)


def main():
    out = Path(sys.argv[1])
    per_article = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    binary = os.environ.get("COPYDESK_BIN", "target/release/copydesk")
    planted_root = out / "planted"
    shutil.rmtree(planted_root, ignore_errors=True)
    plants = {}  # planted file -> (start, end) of the changed number
    for fold in sorted((out / "folds").iterdir()):
        corpus_texts = [p.read_text(errors="replace") for p in (fold / "corpus").iterdir()]
        counts = {}
        for text in corpus_texts:
            for phrase in {m.group(0) for m in figures(text)}:
                counts[phrase] = counts.get(phrase, 0) + 1
        drafts = planted_root / fold.name
        drafts.mkdir(parents=True)
        for draft in sorted((fold / "drafts").iterdir()):
            text = draft.read_text(errors="replace")
            seen = set()
            chosen = []
            for match in figures(text):
                phrase = match.group(0)
                if counts.get(phrase, 0) >= 2 and phrase not in seen:
                    seen.add(phrase)
                    chosen.append(match)
            for k, match in enumerate(chosen[:per_article]):
                new = planted_number(match.group(1))
                start = match.start(1)
                planted = text[:start] + new + text[match.end(1):]
                name = f"{draft.stem}__{k}{draft.suffix}"
                (drafts / name).write_text(planted)
                begin = len(planted[:start].encode())
                plants[str(drafts / name)] = (begin, begin + len(new.encode()))
        result = subprocess.run(
            [binary, "lint", "--format", "json", "--no-cache", "--color", "never",
             "--corpus", str(fold / "corpus"), str(drafts)],
            capture_output=True, text=True, check=False,
        )
        if result.returncode > 1:
            sys.exit(f"copydesk lint failed: {result.stderr.strip()}")
        (planted_root / f"{fold.name}.json").write_text(result.stdout)
    found = elsewhere = 0
    for report in sorted(planted_root.glob("*.json")):
        for file in json.loads(report.read_text())["files"]:
            span = plants.get(str(Path(file["path"]).resolve())) or plants.get(file["path"])
            for d in file["diagnostics"]:
                if d["code"] != "claim-conflict" or d["severity"] != "warning":
                    continue
                if span and d["offset"] <= span[0] < d["end_offset"] + 1:
                    found += 1
                else:
                    elsewhere += 1
    total = len(plants)
    print(f"planted conflicts: {total}")
    print(f"flagged at the planted number: {found} ({100 * found / max(total, 1):.1f}%)")
    print(f"claim-conflict warnings elsewhere in the planted copies: {elsewhere}")


if __name__ == "__main__":
    main()
