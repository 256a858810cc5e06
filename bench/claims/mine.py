"""Mine candidate same-fact pairs from a folder of news articles, for the
claim-conflict plant sets. Independent of copydesk's own reading: a figure is
found by pattern (weekday, date, year, percentage, money, age, duration,
ordinal, count, number, or a title before a name), and two sentences of two
articles pair up when they give the same figure of the same kind, share a
name and enough content words. A person then reads each pair and says
whether both sentences state the same fact (a plant) or not (a control).

    python3 mine.py ARTICLES OUT.jsonl [--controls]

Writes one JSON object per candidate: the draft article and the byte
offsets of its figure, the corpus article and its figure, both sentences
(for the reader; OUT stays outside the repository), kind, and the
similarity. With --controls, pairs give *different* figures of the same
kind about a shared name: look-alikes for the near-miss controls.
"""

import itertools
import json
import pathlib
import re
import sys
from collections import defaultdict

WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
MONTHS = ("january february march april may june july august september october "
          "november december").split()
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                     "eighty": 80, "ninety": 90, "dozen": 12})
ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth".split())}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "m": 1e6, "bn": 1e9}
DURATION_UNITS = {"minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43800,
                  "year": 525600, "decade": 5256000}
TITLES = ("president minister chancellor secretary senator governor mayor premier "
          "treasurer leader chairman chairwoman director spokesman spokeswoman "
          "ambassador commissioner general chief judge justice").split()
STOP = set("""the a an of to in on at for and or but is was were are has had have be been
that this with by from as it its his her their they he she we said says will would could
not no more than about after before over into up out who which what when also there per
cent percent year years""".split())

NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
WORDNUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
FIGURE = re.compile(
    r"(?P<weekday>\b(?:%s)\b)" % "|".join(w.capitalize() for w in WEEKDAYS)
    + r"|(?P<date>\b(?:(?:%s) \d{1,2}\b|\d{1,2} (?:%s)\b))" % (
        "|".join(m.capitalize() for m in MONTHS), "|".join(m.capitalize() for m in MONTHS))
    + r"|(?P<age>(?<=, )\d{2}(?=,)|\b\d{2}-year-old\b|\baged \d{2}\b)"
    + r"|(?P<percentage>\b%s ?(?:%%|per ?cent\b|percent\b))" % NUMBER
    + r"|(?P<money>[$£€] ?%s(?: ?(?:million|billion|trillion|bn|m)\b)?)" % NUMBER
    + r"|(?P<duration>\b(?:%s|%s)[ -](?:minute|hour|day|week|month|year|decade)s?\b(?! old))"
    % (NUMBER, WORDNUM)
    + r"|(?P<ordinal>\b(?:%s|\d+(?:st|nd|rd|th))\b)" % "|".join(ORDINALS)
    + r"|(?P<year>\b(?:19|20)\d{2}\b)"
    + r"|(?P<count>\b(?:%s|%s)(?: (?:million|billion|thousand|hundred))? [a-z]+s\b)"
    % (NUMBER, WORDNUM)
    + r"|(?P<role>\b(?:former |ex-)?(?:[A-Z][a-z]+ ){0,2}(?:%s) (?:[A-Z][a-z]+ )?[A-Z][a-z]+\b)"
    % "|".join(t.capitalize() for t in TITLES),
)
# Candidate pairs kept per figure (kind and value): values that recur for
# many facts (a weekday, a year) keep more. Controls keep more per kind.
PAIRS_PER_FIGURE = {"weekday": 12, "date": 6, "year": 6, "ordinal": 6}
PAIRS_PER_KIND = 40
# A sentence ends at a full stop that a space or the end follows: "$7.00"
# and "U.S." stay inside.
SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=\S))+(?:[.!?]+[\"”’']?|\n|$)")


def number_value(text):
    """The value of a figure's number ("1,300", "five", "4.5", "third")."""
    text = text.lower()
    for word, value in ORDINALS.items():
        if re.search(r"\b%s\b" % word, text):
            return value
    match = re.search(NUMBER, text)
    if match:
        value = float(match.group(0).replace(",", ""))
    else:
        words = [w for w in re.findall(r"[a-z]+", text) if w in NUMBER_WORDS]
        if not words:
            return None
        value = float(NUMBER_WORDS[words[0]])
    for scale, factor in SCALES.items():
        if re.search(r"\d ?%s\b|\b%s\b" % (scale, scale), text) and scale not in ("m",) or (
                scale == "m" and re.search(r"\dm\b", text)):
            value *= factor
            break
    return value


def figure_key(kind, text):
    """What must be equal for two figures to be the same figure."""
    lower = text.lower()
    if kind == "weekday":
        return lower
    if kind == "date":
        month = next(m for m in MONTHS if m in lower)
        return (month, int(re.search(r"\d+", lower).group(0)))
    if kind == "role":
        words = lower.replace("ex-", "former ").split()
        return (words[0] == "former", words[-1],
                next((w for w in words if w in TITLES), ""))
    if kind == "duration":
        unit = next(u for u in DURATION_UNITS if u in lower)
        return (number_value(lower), unit)
    if kind == "count":
        return (number_value(lower), lower.split()[-1].rstrip("s"))
    return number_value(lower)


def names(sentence, start):
    """Capitalised words of a sentence, not its first word."""
    found = set()
    for match in re.finditer(r"\b[A-Z][A-Za-z'’-]+", sentence):
        if match.start() == 0 or match.group(0).lower() in STOP:
            continue
        if match.group(0).lower() in WEEKDAYS or match.group(0).lower() in MONTHS:
            continue
        found.add(match.group(0))
    return found


def content(sentence, figure):
    words = re.findall(r"[a-z][a-z'’-]+", sentence.replace(figure, " ").lower())
    return {w for w in words if w not in STOP and len(w) > 2 and w not in NUMBER_WORDS}


def figures(path):
    raw = path.read_bytes()
    text = raw.decode("utf-8", "replace")
    for sentence in SENTENCE.finditer(text):
        s = sentence.group(0)
        if len(s.split()) < 6:
            continue
        for match in FIGURE.finditer(s):
            kind = match.lastgroup
            figure = match.group(0)
            key = figure_key(kind, figure)
            if key is None or key == (None,) or (isinstance(key, tuple) and key[0] is None):
                continue
            char_start = sentence.start() + match.start()
            start = len(text[:char_start].encode("utf-8"))
            yield {
                "file": path.name, "kind": kind, "figure": figure, "key": repr(key),
                "offset": start, "end": start + len(figure.encode("utf-8")),
                "sentence": " ".join(s.split()),
                "names": sorted(names(s, sentence.start())),
                "content": sorted(content(s, figure)),
            }


def main():
    articles = pathlib.Path(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    controls = "--controls" in sys.argv
    found = [f for p in sorted(articles.iterdir()) if p.suffix in (".txt", ".md")
             for f in figures(p)]
    by_kind = defaultdict(list)
    for f in found:
        by_kind[(f["kind"], f["key"]) if not controls else f["kind"]].append(f)
    pairs = []
    for group in by_kind.values():
        if len(group) > 2000:
            continue
        group_pairs = []
        for a, b in itertools.combinations(group, 2):
            if a["file"] == b["file"] or (controls and a["key"] == b["key"]):
                continue
            shared_names = set(a["names"]) & set(b["names"])
            ca, cb = set(a["content"]), set(b["content"])
            similarity = len(ca & cb) / len(ca | cb) if ca and cb else 0.0
            # A title and a person are the fact itself; a figure needs
            # its sentence to be about the same things.
            if a["kind"] != "role" or controls:
                if not shared_names or similarity < (0.3 if controls else 0.15):
                    continue
            group_pairs.append((similarity, shared_names, a, b))
        # The most alike pairs of each figure: one fact repeated across many
        # articles (a title, a total) gives a few candidates, not hundreds.
        group_pairs.sort(key=lambda p: -p[0])
        cap = PAIRS_PER_KIND if controls else PAIRS_PER_FIGURE.get(group[0]["kind"], 3)
        for similarity, shared_names, a, b in group_pairs[:cap]:
            pairs.append({
                "kind": a["kind"], "similarity": round(similarity, 2),
                "shared_names": sorted(shared_names),
                "draft": {k: a[k] for k in ("file", "offset", "end", "figure", "sentence")},
                "corpus": {k: b[k] for k in ("file", "offset", "end", "figure", "sentence")},
            })
    pairs.sort(key=lambda p: (p["kind"], -p["similarity"]))
    with out.open("w", encoding="utf-8") as f:
        for pair in pairs:
            f.write(json.dumps(pair, ensure_ascii=False) + "\n")
    counts = defaultdict(int)
    for pair in pairs:
        counts[pair["kind"]] += 1
    print(f"{len(found)} figures, {len(pairs)} candidate pairs:", dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
