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
     whose annotated source and cue make up the whole tail, and whose
     previous paragraph has no quotation mark, becomes `“Q.”`. The share of
     those now-unattributed quotations copydesk flags.

Environment: COPYDESK_BIN (a built binary; default: cargo build --release),
SAMPLE (entries per sample file, default 60), SEED (default 1).
"""

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


def mutations(text, attributions):
    """Paragraphs `“Q,” SOURCE CUE.` after a paragraph with no quotation
    mark, as (paragraph span, replacement)."""
    found = []
    previous = ""
    for start, end in paragraphs(text):
        para = text[start:end]
        m = re.match(r"“([^“”]*),”(.*)$", para)
        if m and not re.search("[“”\"]", previous) and len(WORD.findall(m.group(1))) >= MIN_WORDS:
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
                    found.append(((start, end), "“" + m.group(1) + ".”"))
                    break
        if para.strip():
            previous = para
    return found


def mutate(text, edits):
    """The mutated text and, per edit, the quotation's span in it."""
    out, spans, at = [], [], 0
    for (start, end), replacement in edits:
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
        edits[path.name] = (mutated, spans)

    alone = lint(binary, root / "text", out / "alone.json")
    mutated = lint(binary, out / "mutated", out / "mutated.json")

    false_alarms, total = [], 0
    for name, quotes in annotated.items():
        flags = char_spans(texts[name], alone.get(name, []))
        for q in quotes:
            total += 1
            if any(overlap(q, f) for f in flags):
                false_alarms.append((name, q))
    caught, missed, removed = 0, [], 0
    for name, (text, spans) in edits.items():
        flags = char_spans(text, mutated.get(name, []))
        for q in spans:
            removed += 1
            if any(overlap(q, f) for f in flags):
                caught += 1
            else:
                missed.append((name, q))
    words = sum(len(WORD.findall(t)) for t in texts.values())
    all_flags = sum(len(v) for v in alone.values())

    rate = 100 * len(false_alarms) / max(total, 1)
    recall = 100 * caught / max(removed, 1)
    print(f"articles: {len(texts)}, words: {words:,}")
    print(f"unattributed-quote warnings, articles alone: {all_flags} ({1000 * all_flags / words:.2f} per 1,000 words)")
    print(f"false alarms on annotated-attributed quotations (>= {MIN_WORDS} words): "
          f"{len(false_alarms)} of {total} = {rate:.2f}%")
    print(f"recall on removed `, SOURCE CUE.` tails: {caught} of {removed} = {recall:.1f}%")

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
