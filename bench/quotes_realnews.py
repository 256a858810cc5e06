#!/usr/bin/env python3
"""Real-news measure for `unattributed-quote`, on articles whose attributions
were annotated by hand (PolNeAR's brat `.ann` files: Source, Cue and Content
spans in character offsets).

    bench/quotes_realnews.py POLNEAR_TRAIN [OUT]

POLNEAR_TRAIN is a folder holding the `text/` and `attributions/` folders of
`data/train` in the public repository networkdynamics/PolNeAR. Use the train
split only: test and dev are reserved for acceptance. OUT (default /tmp/copydesk-quotes) receives the
mutated texts, copydesk's JSON and two samples for hand review; the article
texts stay there, outside the repository.

It measures two things:
  1. False alarms: of the quotations of 4 or more words that the annotators
     mark as the content of an attribution with a source, the share copydesk
     flags `unattributed-quote` when the article is linted alone.
  2. Recall: in a copy of each article, every paragraph `“Q,” SOURCE CUE.`
     whose annotated source and cue make up the whole tail becomes `“Q.”`.
     Strict recall is the share copydesk flags of those whose previous
     paragraph reports no speech or only other named speakers' (by the
     annotations); after the same speaker's speech a quote paragraph is
     still theirs by convention, and is counted apart.

Environment: COPYDESK_BIN (a built binary; default: cargo build --release),
SAMPLE (entries per sample file, default 60), SEED (default 1).
"""

import difflib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

MIN_WORDS = 4
# A quotation: curly pairs, or straight pairs, within one paragraph.
QUOTATION = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")
WORD = re.compile(r"[\w’']+")


def load_attributions(path):
    """Each attribution as a dict of role -> list of (start, end) spans."""
    spans, relations = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, *offsets = fields[1].replace(";", " ").split(" ")
            numbers = [int(n) for n in offsets]
            spans[fields[0]] = (kind, list(zip(numbers[::2], numbers[1::2])))
        elif line.startswith("E") and len(fields) >= 2:
            relations.append(fields[1].split(" "))
    attributions = []
    for relation in relations:
        roles = {}
        for part in relation:
            role, _, ref = part.partition(":")
            role = role.rstrip("0123456789")
            if ref in spans:
                roles.setdefault(role, []).extend(spans[ref][1])
        attributions.append(roles)
    return attributions


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def quotations(text):
    for m in QUOTATION.finditer(text):
        inner = m.group()[1:-1]
        if len(WORD.findall(inner)) >= MIN_WORDS:
            yield (m.start(), m.end())


def attributed_quotations(text, attributions):
    """Quotations of 4+ words that lie mostly inside an annotated content
    span of an attribution with a source."""
    found = []
    for q in quotations(text):
        for a in attributions:
            if not a.get("Source") or not a.get("Cue"):
                continue
            inside = sum(overlap(q, c) for c in a.get("Content", []))
            if inside * 2 >= q[1] - q[0]:
                found.append(q)
                break
    return found


def paragraphs(text):
    start = 0
    for line in text.split("\n"):
        yield (start, start + len(line))
        start += len(line) + 1


PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her", "them"}


def source_text(text, attribution):
    return " ".join(text[s:e] for s, e in attribution.get("Source", []))


DETERMINERS = {"the", "a", "an", "this", "that", "his", "her", "their", "its", "one"}


def same_speaker(a, b):
    """Whether two source texts name one speaker: a shared capitalised word,
    or two a letter or so apart ("Sharpton", "Sharption"). None when either
    is a pronoun or a description ("the NFL legend"), which may be anyone."""
    def names(text):
        words = WORD.findall(text)
        if not words or words[0].lower() in DETERMINERS:
            return set()
        return {w for w in words if w[0].isupper() and w.lower() not in PRONOUNS}
    na, nb = names(a), names(b)
    if not na or not nb:
        return None
    return any(difflib.SequenceMatcher(None, x, y).ratio() >= 0.85 for x in na for y in nb)


def put_to(paragraph, source):
    """Whether the paragraph puts a question to the quote's speaker
    ("Boyle asked Trump", "Clinton was asked about"): the answer is theirs
    by convention, whoever the annotations make the paragraph's source."""
    for name in WORD.findall(source):
        if not name[0].isupper() or name.lower() in PRONOUNS:
            continue
        n = re.escape(name)
        if re.search(rf"\basked\s+(?:[A-Z][\w.]*\s+){{0,2}}{n}\b|\b{n}\s+(?:was|were)\s+asked\b", paragraph):
            return True
    return False


def previous_speech(text, attributions, span, source):
    """What the paragraph before a quote paragraph reports: "none" (no
    annotated attribution with a source has its cue or its content there:
    a paragraph that is someone's quotation reports their speech), "same" (the quote's own
    speaker, or a pronoun that may be them), or "other" (only other named
    speakers)."""
    cues = [
        a
        for a in attributions
        if a.get("Source")
        and any(overlap(span, c) for c in a.get("Cue", []) + a.get("Content", []))
    ]
    if put_to(text[span[0]:span[1]], source):
        return "same"
    if not cues:
        return "none"
    verdicts = [same_speaker(source, source_text(text, a)) for a in cues]
    if all(v is False for v in verdicts):
        return "other"
    return "same"


def mutations(text, attributions):
    """Paragraphs `“Q,” SOURCE CUE.` as (paragraph span, replacement, what the
    previous paragraph reports: see `previous_speech`)."""
    found = []
    previous = None
    for start, end in paragraphs(text):
        para = text[start:end]
        m = re.match(r"“([^“”]*),”(.*)$", para)
        if m and previous and len(WORD.findall(m.group(1))) >= MIN_WORDS:
            tail = (start + m.end(1) + 2, end)
            for a in attributions:
                content = a.get("Content", [])
                if not any(overlap((start, start + m.end(1)), c) for c in content):
                    continue
                covered = set()
                for role in ("Source", "Cue"):
                    for s, e in a.get(role, []):
                        covered.update(range(s, e))
                rest = "".join(
                    ch for i, ch in enumerate(text[tail[0]:tail[1]], tail[0]) if i not in covered
                )
                if a.get("Source") and a.get("Cue") and re.fullmatch(r"[\s,.]*", rest):
                    before = previous_speech(text, attributions, previous, source_text(text, a))
                    found.append(((start, end), "“" + m.group(1) + ".”", before))
                    break
        if para.strip():
            previous = (start, end)
    return found


def mutate(text, edits):
    """The mutated text and, per edit, the quotation's span in it."""
    out, spans, at = [], [], 0
    for (start, end), replacement, _ in edits:
        out.append(text[at:start])
        begin = sum(len(s) for s in out)
        out.append(replacement)
        spans.append((begin, begin + len(replacement)))
        at = end
    out.append(text[at:])
    return "".join(out), spans


def lint(binary, folder, target):
    with open(target, "w", encoding="utf-8") as out:
        status = subprocess.run(
            [binary, "lint", "--format", "json", "--no-cache", "--color", "never", str(folder)],
            stdout=out,
            cwd=target.parent,
        ).returncode
    if status > 1:
        sys.exit(f"copydesk lint failed with status {status} on {folder}")
    flagged = {}
    for entry in json.loads(target.read_text(encoding="utf-8"))["files"]:
        name = Path(entry["path"]).name
        flagged[name] = [
            (d["offset"], d["end_offset"])
            for d in entry["diagnostics"]
            if d["code"] == "unattributed-quote"
        ]
    return flagged


def char_spans(text, byte_spans):
    """Byte offsets into UTF-8 as character offsets."""
    encoded = text.encode("utf-8")
    return [
        (len(encoded[:s].decode("utf-8", "replace")), len(encoded[:e].decode("utf-8", "replace")))
        for s, e in byte_spans
    ]


def context(text, span, width=300):
    start, end = span
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    prev_start = text.rfind("\n", 0, max(para_start - 2, 0)) + 1
    before = text[max(prev_start, start - width) : start]
    after = text[end : min(para_end, end + width)]
    return f"{before}[[{text[start:end]}]]{after}"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = Path(sys.argv[1])
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/copydesk-quotes")
    repo = Path(__file__).resolve().parent.parent
    binary = os.environ.get("COPYDESK_BIN")
    binary = binary and str(Path(binary).resolve())
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=repo, check=True)
        target = Path(os.environ.get("CARGO_TARGET_DIR", repo / "target"))
        binary = str(target / "release" / "copydesk")
    shutil.rmtree(out, ignore_errors=True)
    (out / "mutated").mkdir(parents=True)

    texts, annotated, edits = {}, {}, {}
    for path in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(path.stem + "_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        attributions = load_attributions(anns[0])
        texts[path.name] = text
        annotated[path.name] = attributed_quotations(text, attributions)
        edits[path.name] = mutations(text, attributions)
        mutated, spans = mutate(text, edits[path.name])
        (out / "mutated" / path.name).write_text(mutated, encoding="utf-8")
        edits[path.name] = (mutated, list(zip(spans, (e[2] for e in edits[path.name]))))

    alone = lint(binary, root / "text", out / "alone.json")
    mutated = lint(binary, out / "mutated", out / "mutated.json")

    false_alarms, total = [], 0
    for name, quotes in annotated.items():
        flags = char_spans(texts[name], alone.get(name, []))
        for q in quotes:
            total += 1
            if any(overlap(q, f) for f in flags):
                false_alarms.append((name, q))
    # Strict recall counts only the quotations left with no speaker by any
    # convention: the previous paragraph reports no speech, or only other
    # named speakers'. After the same speaker's reported speech, a quote
    # paragraph is still theirs by convention; it is counted apart.
    caught, removed, missed = {}, {}, []
    for name, (text, spans) in edits.items():
        flags = char_spans(text, mutated.get(name, []))
        for q, before in spans:
            removed[before] = removed.get(before, 0) + 1
            if any(overlap(q, f) for f in flags):
                caught[before] = caught.get(before, 0) + 1
            elif before != "same":
                missed.append((name, q))
    words = sum(len(WORD.findall(t)) for t in texts.values())
    all_flags = sum(len(v) for v in alone.values())

    rate = 100 * len(false_alarms) / max(total, 1)
    strict_caught = caught.get("none", 0) + caught.get("other", 0)
    strict_removed = removed.get("none", 0) + removed.get("other", 0)
    recall = 100 * strict_caught / max(strict_removed, 1)
    print(f"articles: {len(texts)}, words: {words:,}")
    print(f"unattributed-quote warnings, articles alone: {all_flags} ({1000 * all_flags / words:.2f} per 1,000 words)")
    print(f"false alarms on annotated-attributed quotations (>= {MIN_WORDS} words): "
          f"{len(false_alarms)} of {total} = {rate:.2f}%")
    print(f"recall on removed `, SOURCE CUE.` tails (strict): {strict_caught} of {strict_removed} = {recall:.1f}%")
    for before, label in (
        ("none", "after a paragraph reporting no speech"),
        ("other", "after only other named speakers"),
        ("same", "after the same speaker's speech (attributed by convention, not counted)"),
    ):
        print(f"  {label}: {caught.get(before, 0)} of {removed.get(before, 0)} flagged")

    rng = random.Random(int(os.environ.get("SEED", "1")))
    size = int(os.environ.get("SAMPLE", "60"))
    for label, items, source in (
        ("false-alarms", false_alarms, lambda n: texts[n]),
        ("missed", missed, lambda n: edits[n][0]),
    ):
        chosen = rng.sample(items, min(size, len(items)))
        with open(out / f"sample-{label}.md", "w", encoding="utf-8") as f:
            f.write(f"# {label}: {len(chosen)} of {len(items)}\n\n")
            for i, (name, span) in enumerate(chosen, 1):
                f.write(f"## {i}. {name} @{span[0]}\n\n{context(source(name), span)}\n\n")
    print(f"samples for hand review: {out}/sample-false-alarms.md, {out}/sample-missed.md")


if __name__ == "__main__":
    main()
