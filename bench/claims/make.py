"""Turn labelled candidate pairs (from mine.py) into plants and controls.

    python3 make.py CANDIDATES.jsonl[,MORE.jsonl] LABELS.txt OUT.json --set NAME
                    [--per-kind KIND=N ...]

LABELS.txt has one line per pair read by a person: `ID VERDICT KIND | note`,
VERDICT being SAME (one fact: the pair becomes a plant) or DIFF (two facts:
a control, for pairs mined with --controls). A plant changes the draft
article's figure to a plausible wrong value of its kind: the next weekday,
the next day, the year before, a share three points off, an amount a fifth
larger, an age two years on, one more unit of time, the next ordinal, or
"former" added to (or dropped from) a title. OUT keeps file names, byte
offsets, old and new strings, kinds and the corpus files; no sentence.
"""

import argparse
import json
import pathlib
import re
import sys

from mine import FIGURE

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve "
                "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
ORDINAL_WORDS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth "
                 "eleventh twelfth thirteenth").split()
LEADING_WORDS = {"But", "And", "The", "When", "As", "If", "Meanwhile", "Then", "So", "Now",
                 "While", "After", "Before", "Yesterday", "Today", "Earlier", "Later", "Also",
                 "Former", "Federal", "However"}


def cased(word, like):
    return word.capitalize() if like[:1].isupper() else word


def bump_number(text, fraction):
    """The first number in `text` made larger by `fraction` (at least one)."""
    match = re.search(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", text)
    if match:
        raw = match.group(0)
        if "." in raw:
            value = float(raw)
            decimals = len(raw.split(".")[1])
            new = f"{value * (1 + fraction):.{decimals}f}"
        else:
            value = int(raw.replace(",", ""))
            step = max(1, round(value * fraction))
            new = f"{value + step:,}" if "," in raw else str(value + step)
        return text[:match.start()] + new + text[match.end():]
    for i, word in enumerate(NUMBER_WORDS):
        hit = re.search(r"\b%s\b" % word, text, re.I)
        if hit and i + 1 < len(NUMBER_WORDS):
            return text[:hit.start()] + cased(NUMBER_WORDS[i + 1], hit.group(0)) + text[hit.end():]
    return None


def mutate(kind, figure, sentence_start):
    """(offset within the figure, old, new) of a plausible wrong value."""
    if kind == "weekday":
        i = WEEKDAYS.index(figure)
        return 0, figure, WEEKDAYS[(i + 1) % 7]
    if kind == "date":
        match = re.search(r"\d+", figure)
        day = int(match.group(0))
        new_day = day + 1 if day < 28 else day - 1
        return 0, figure, figure[:match.start()] + str(new_day) + figure[match.end():]
    if kind == "year":
        match = re.search(r"(19|20)\d\d", figure)
        return match.start(), match.group(0), str(int(match.group(0)) - 1)
    if kind == "percentage":
        match = re.search(r"\d+(?:\.\d+)?", figure)
        value = float(match.group(0))
        new = value + 3 if value < 90 else value - 3
        text = f"{new:g}" if "." not in match.group(0) else f"{new:.1f}"
        return 0, figure, figure[:match.start()] + text + figure[match.end():]
    if kind == "age":
        match = re.search(r"\d+", figure)
        return match.start(), match.group(0), str(int(match.group(0)) + 2)
    if kind == "ordinal":
        match = re.search(r"(\d+)(st|nd|rd|th)", figure)
        if match:
            n = int(match.group(1)) + 1
            suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            return match.start(), match.group(0), f"{n}{suffix}"
        for i, word in enumerate(ORDINAL_WORDS):
            hit = re.search(r"\b%s\b" % word, figure, re.I)
            if hit:
                return hit.start(), hit.group(0), cased(ORDINAL_WORDS[i + 1], hit.group(0))
        return None
    if kind == "role":
        words = figure.split(" ")
        skip = 0
        while skip < len(words) - 2 and words[skip] in LEADING_WORDS - {"Former"}:
            skip += 1
        offset = len(" ".join(words[:skip])) + (1 if skip else 0)
        title = figure[offset:]
        if title.lower().startswith(("former ", "ex-")):
            rest = title.split(" ", 1)[1] if title.lower().startswith("former ") else title[3:]
            return offset, title, rest[:1].upper() + rest[1:] if offset == 0 and sentence_start else rest
        former = "Former " if offset == 0 and sentence_start else "former "
        return offset, title, former + title
    # count, duration, number: a fifth more (one more for a small figure).
    fraction = 0.2
    new = bump_number(figure, fraction)
    return (0, figure, new) if new else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("candidates")
    parser.add_argument("labels")
    parser.add_argument("out")
    parser.add_argument("--set", required=True)
    parser.add_argument("--articles", required=True)
    parser.add_argument("--per-kind", nargs="*", default=[])
    args = parser.parse_args()
    caps = {k: int(v) for k, v in (p.split("=") for p in args.per_kind)}
    candidates = {}
    for path in args.candidates.split(","):
        for number, line in enumerate(open(path, encoding="utf-8")):
            pair = json.loads(line)
            candidates[pair["id"]] = pair
    plants, controls, taken = [], [], {}
    for line in open(args.labels, encoding="utf-8"):
        fields = line.split("|")[0].split()
        if len(fields) < 3 or fields[0] not in candidates:
            continue
        pair_id, verdict, kind = fields[:3]
        pair = candidates[pair_id]
        draft, corpus = pair["draft"], pair["corpus"]
        if verdict == "DIFF" and pair_id[1] == "c":
            controls.append({"id": pair_id, "file": draft["file"], "offset": draft["offset"],
                             "old": draft["figure"], "kind": kind, "corpus": [corpus["file"]]})
            continue
        if verdict != "SAME" or pair_id[1] != "p":
            continue
        key = (draft["file"], draft["offset"])
        if key in taken:
            taken[key]["corpus"] = sorted(set(taken[key]["corpus"]) | {corpus["file"]})
            continue
        if caps and sum(p["kind"] == kind for p in plants) >= caps.get(kind, 0):
            continue
        # The figure as the article has it from its offset: a sentence cut
        # at a decimal point ("$7." of "$7.00") gave a part of it.
        text = (pathlib.Path(args.articles) / draft["file"]).read_bytes()
        at = len(text[:draft["offset"]].decode("utf-8", "replace"))
        whole = FIGURE.match(text.decode("utf-8", "replace"), at)
        figure = whole.group(0) if whole and kind != "role" else draft["figure"]
        sentence_start = draft["sentence"].startswith(draft["figure"])
        mutation = mutate(kind, figure, sentence_start)
        if mutation is None:
            print(f"{pair_id}: no mutation for {kind} «{draft['figure']}»", file=sys.stderr)
            continue
        offset, old, new = mutation
        plant = {"id": pair_id, "file": draft["file"],
                 "offset": draft["offset"] + len(figure[:offset].encode("utf-8")),
                 "old": old, "new": new, "kind": kind, "corpus": [corpus["file"]]}
        plants.append(plant)
        taken[key] = plant
    data = {"set": args.set,
            "about": "Same-fact plants and near-miss controls for claim-conflict: see "
                     "bench/claims/plants.py. Offsets are bytes into the set's files "
                     "as the set's extraction script writes them; no text is stored.",
            "plants": plants, "controls": controls}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
    kinds = {}
    for p in plants:
        kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
    print(f"{len(plants)} plants {dict(sorted(kinds.items()))}, {len(controls)} controls")


if __name__ == "__main__":
    main()
