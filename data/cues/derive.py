#!/usr/bin/env python3
"""Derive copydesk's attribution cue lexicon from PolNeAR's train split.

    data/cues/derive.py POLNEAR_TRAIN

POLNEAR_TRAIN is a folder holding the `text/` and `attributions/` folders of
`data/train` in the public repository networkdynamics/PolNeAR (840 published
2016 US political news articles whose attributions were annotated by hand).
Only the train split is read; test and dev are reserved for acceptance.

1. Counts every word of every annotated cue span, by lemma, and writes
   `polnear-cue-words.tsv` (lemma, cue spans, cue spans whose content holds
   a quotation mark) for lemmas seen in at least two spans. Words only: no
   sentence of the articles is kept.
2. Inflects the lemmas reviewed by hand in `speech-verbs.txt` (speech and
   reporting verbs; stance and other verbs such as "is", "support" or "want"
   were dropped) and writes them, with `speech-phrases.txt` and
   `speech-nouns.txt`, into the derived section of `rules/quotes.toml`.
"""

import collections
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RULES = HERE.parent.parent / "rules" / "quotes.toml"
BEGIN = "# BEGIN derived: data/cues/derive.py writes this section; edit the word lists there.\n"
END = "# END derived\n"

IRREGULAR_PAST = {
    "say": "said", "tell": "told", "write": "wrote", "read": "read", "think": "thought",
    "shoot": "shot", "speak": "spoke", "go": "went", "put": "put", "cry": "cried",
    "hear": "heard", "give": "gave", "swear": "swore", "forecast": "forecast",
    "tweet": "tweeted", "begin": "began", "sing": "sang", "teach": "taught",
    "broadcast": "broadcast", "foretell": "foretold", "retell": "retold", "sling": "slung",
}
IRREGULAR_PARTICIPLE = {"write": "written", "speak": "spoken", "give": "given", "swear": "sworn",
                        "go": "gone", "begin": "begun", "sing": "sung", "shoot": "shot"}
LEMMA_OF = {form: lemma for lemma, form in IRREGULAR_PAST.items()}
LEMMA_OF.update({form: lemma for lemma, form in IRREGULAR_PARTICIPLE.items()})
LEMMA_OF.update({"is": "be", "was": "be", "were": "be", "are": "be", "been": "be", "has": "have",
                 "had": "have", "does": "do", "did": "do", "done": "do", "made": "make"})


ENGLISH = None


def lemma(word):
    """The lemma of an English verb or noun form, for counting: the first
    candidate stem that is a word of the lexicon's English list."""
    global ENGLISH
    if ENGLISH is None:
        path = HERE.parent / "lexicon" / "english.txt"
        ENGLISH = set(path.read_text(encoding="utf-8").split())
    if word in LEMMA_OF:
        return LEMMA_OF[word]
    candidates = []
    for suffix in ("ies", "ied", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                candidates.append(stem + "y")
            # "noted", "hoped": a consonant-vowel-consonant stem takes its "e" back.
            silent_e = re.search(r"[^aeiou][aeiou][^aeiouwxy]$", stem) is not None
            candidates += [stem + "e", stem] if silent_e else [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])
    return next((c for c in candidates if c in ENGLISH and len(c) > 2), word)


def inflect(entry):
    """Every form of a verb line: `lemma`, `lemma particle` (only the verb
    is inflected), `lemma | form form ...` for forms the rules get wrong, or
    `= form form ...` for only the forms listed (when the lemma is also a
    common noun: "the revised text")."""
    if entry.startswith("="):
        return sorted(set(entry[1:].split()))
    head, _, overrides = entry.partition("|")
    verb, *particle = head.split()
    rest = "".join(" " + p for p in particle)
    if overrides.strip():
        words = overrides.split()
        # Overrides of a particle verb are whole phrases ("shot back").
        if particle:
            forms = [" ".join(words[i:i + len(particle) + 1])
                     for i in range(0, len(words), len(particle) + 1)]
        else:
            forms = words
        return sorted({head.strip(), *forms})
    if verb.endswith("y") and verb[-2] not in "aeiou":
        third, past, ing = verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"
    elif verb.endswith("ee"):
        third, past, ing = verb + "s", verb + "d", verb + "ing"
    elif verb.endswith("e"):
        third, past, ing = verb + "s", verb + "d", verb[:-1] + "ing"
    elif re.search(r"(s|sh|ch|x|z|o)$", verb):
        third, past, ing = verb + "es", verb + "ed", verb + "ing"
    else:
        third, past, ing = verb + "s", verb + "ed", verb + "ing"
    past = IRREGULAR_PAST.get(verb, past)
    participle = IRREGULAR_PARTICIPLE.get(verb, past)
    return sorted({form + rest for form in (verb, third, past, ing, participle)})


def count(root):
    words, quoted = collections.Counter(), collections.Counter()
    for ann in sorted((root / "attributions").glob("*.ann")):
        text_path = root / "text" / (ann.stem.rsplit("_", 1)[0] + ".txt")
        text = text_path.read_text(encoding="utf-8")
        spans, relations = {}, []
        for line in ann.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) < 2:
                continue
            if line.startswith("T"):
                kind, *offsets = fields[1].replace(";", " ").split(" ")
                numbers = [int(n) for n in offsets]
                spans[fields[0]] = list(zip(numbers[::2], numbers[1::2]))
            elif line.startswith("E"):
                relations.append(fields[1].split(" "))
        for relation in relations:
            roles = collections.defaultdict(list)
            for part in relation:
                role, _, ref = part.partition(":")
                roles[role.rstrip("0123456789")].extend(spans.get(ref, []))
            cue = " ".join(text[s:e] for s, e in roles["Cue"]).lower()
            content = "".join(text[s:e] for s, e in roles["Content"])
            lemmas = {lemma(w) for w in re.findall(r"[a-z]+", cue)}
            for w in lemmas:
                words[w] += 1
                if re.search("[“”\"]", content):
                    quoted[w] += 1
    return words, quoted


def listed(name):
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [l.split("#")[0].strip() for l in lines if l.split("#")[0].strip()]


def toml_list(key, items):
    """A TOML array, several short strings to a line."""
    lines, line = [], ""
    for item in items:
        quoted = f'"{item}", '
        if len(line) + len(quoted) > 96:
            lines.append(line.rstrip())
            line = ""
        line += quoted
    lines.append(line.rstrip())
    body = "".join(f"  {l}\n" for l in lines if l)
    return f"{key} = [\n{body}]\n"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    words, quoted = count(Path(sys.argv[1]))
    with open(HERE / "polnear-cue-words.tsv", "w", encoding="utf-8") as out:
        out.write("# Words of PolNeAR train cue spans by rough lemma: lemma, spans, spans quoting.\n")
        out.write("# Source: networkdynamics/PolNeAR data/train/attributions (derived counts only).\n")
        for w, n in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])):
            if n >= 2:
                out.write(f"{w}\t{n}\t{quoted[w]}\n")
    forms = {form for entry in listed("speech-verbs.txt") for form in inflect(entry)}
    verbs = sorted(f for f in forms if " " not in f)
    phrases = sorted({f for f in forms if " " in f} | set(listed("speech-phrases.txt")))
    nouns = sorted({form for noun in listed("speech-nouns.txt") for form in (noun, noun + "s")})
    section = BEGIN + toml_list("verbs", verbs) + toml_list("phrases", phrases) + toml_list("nouns", nouns) + END
    rules = RULES.read_text(encoding="utf-8")
    start, end = rules.index(BEGIN), rules.index(END) + len(END)
    RULES.write_text(rules[:start] + section + rules[end:], encoding="utf-8")
    print(f"{len(words)} cue lemmas; {len(verbs)} verbs, {len(phrases)} phrases, {len(nouns)} nouns written to {RULES}")


if __name__ == "__main__":
    main()
