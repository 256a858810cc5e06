#!/usr/bin/env python3
"""ABC News 2006 for the real-news measures: the 3,153 Australian rural and
science stories of NLTK Data's `abc` corpus, one UTF-8 `.txt` per story,
from a clone of https://github.com/nltk/nltk_data.

    bench/data/abc-news.py CLONE [OUT]

CLONE is the clone's folder or its git directory; OUT defaults to news-dev in
the temporary folder (the plant offsets in bench/claims/plants-abc.json are
byte offsets into these files, so the layout below must not change). Prints
OUT.

Each story is written as rural-NNNN.txt or science-NNNN.txt, numbered in the
source's order: its first line as a headline, a blank line, then its
paragraphs separated by blank lines. The source is cleaned only where it is
broken: HTML entities decoded, science.txt read as Windows-1252 when it is
not UTF-8, stray U+00C2 (a mangled non-breaking space) dropped, and a line
break inside a sentence joined. A rural block that starts with a one- or
two-word line ("Support", "NSW") is a sub-headed part of the story before it.
A story that repeats an earlier one exactly is written once. Casing, quotes
and punctuation are the source's; about 470 stories end inside a quotation
the source never closes.

The stories are the ABC's copyright and carry no licence: keep OUT outside
this repository and never commit it.
"""

import hashlib
import html
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile

ENTITY = re.compile(r"&#?[A-Za-z0-9]+;")
# U+00C2 between spaces stands for one space; beside a word, for nothing.
STRAY_A_CIRCUMFLEX = re.compile(" ?\u00c2 ?")
BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
ENDS_A_SENTENCE = re.compile("[.?!:;)\"'\u2019\u201d]$")


def git_dir(clone):
    dotgit = os.path.join(clone, ".git")
    return dotgit if os.path.isdir(dotgit) else clone


def read_zip(clone):
    blob = subprocess.run(
        ["git", "--git-dir", git_dir(clone), "show", "HEAD:packages/corpora/abc.zip"],
        check=True, capture_output=True).stdout
    return zipfile.ZipFile(io.BytesIO(blob))


def decoded(raw):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return STRAY_A_CIRCUMFLEX.sub(lambda m: " " if m.group(0) == " \u00c2 " else "", text)


def stories_of(part, text):
    """Each story as its non-empty, stripped lines."""
    stories = []
    for block in BLOCK_BREAK.split(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        is_sub_head = part == "rural" and stories and len(lines[0].split()) <= 2
        if is_sub_head:
            stories[-1].extend(lines)
        else:
            stories.append(lines)
    return stories


def story_text(lines):
    """Headline, blank line, paragraphs; a lower-case line that follows a
    line ending mid-sentence continues it."""
    paragraphs = [lines[1]]
    for line in lines[2:]:
        continues = not ENDS_A_SENTENCE.search(paragraphs[-1]) and line[:1].islower()
        if continues:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return lines[0] + "\n\n" + "\n\n".join(paragraphs) + "\n"


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: bench/data/abc-news.py CLONE [OUT]")
    clone = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) == 3 else os.path.join(tempfile.gettempdir(), "news-dev")
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if re.fullmatch(r"(rural|science)-\d{4}\.txt", name):
            os.remove(os.path.join(out, name))
    archive = read_zip(clone)
    written = set()
    for part in ("rural", "science"):
        text = decoded(archive.read(f"abc/{part}.txt"))
        for number, lines in enumerate(stories_of(part, text), start=1):
            if len(lines) < 2:
                continue
            story = story_text(lines)
            digest = hashlib.sha1(story.encode("utf-8")).digest()
            if digest in written:
                continue
            written.add(digest)
            path = os.path.join(out, f"{part}-{number:04d}.txt")
            with open(path, "w", encoding="utf-8") as file:
                file.write(story)
    print(out)


if __name__ == "__main__":
    main()
