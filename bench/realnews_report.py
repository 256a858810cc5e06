"""Summarise bench/realnews.sh runs: findings per 1,000 words by code and
severity, and a random sample of warnings with context for hand review.

    python3 realnews_report.py ARTICLES OUT SAMPLE SEED [CODE]

With CODE, the samples hold only warnings of that code.
"""

import collections
import json
import pathlib
import random
import sys


def load_runs(out: pathlib.Path):
    """The diagnostics of the lone run and of the corpus runs, per article name."""
    runs = {"alone": [], "corpus": []}
    for result in sorted((out / "results").glob("*.json")):
        mode = "alone" if result.stem == "alone" else "corpus"
        report = json.loads(result.read_text(encoding="utf-8"))
        for file in report["files"]:
            name = pathlib.Path(file["path"]).name
            for diagnostic in file["diagnostics"]:
                runs[mode].append((name, diagnostic))
    return runs


def context(text: str, diagnostic: dict, width: int = 160) -> str:
    """The match marked with «» inside up to `width` characters either side."""
    raw = text.encode("utf-8")
    start, end = diagnostic["offset"], diagnostic["end_offset"]
    before = raw[max(0, start - width * 2) : start].decode("utf-8", "ignore")[-width:]
    match = raw[start:end].decode("utf-8", "ignore")
    after = raw[end : end + width * 2].decode("utf-8", "ignore")[:width]
    return " ".join(f"{before}«{match}»{after}".split())


def main() -> None:
    articles = pathlib.Path(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    sample_size = int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]))
    only_code = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else None

    texts = {
        p.name: p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(articles.iterdir())
        if p.suffix in (".txt", ".md")
    }
    words = sum(len(t.split()) for t in texts.values())
    print(f"{len(texts)} articles, {words} words")

    for mode, diagnostics in load_runs(out).items():
        counts = collections.Counter(
            (d["code"], d["severity"]) for _, d in diagnostics
        )
        print(f"\n## {mode}\n")
        print("| code | severity | findings | per 1,000 words |")
        print("| --- | --- | ---: | ---: |")
        for (code, severity), n in sorted(counts.items()):
            print(f"| {code} | {severity} | {n} | {1000 * n / words:.2f} |")

        warnings = [
            (n, d)
            for n, d in diagnostics
            if d["severity"] == "warning" and only_code in (None, d["code"])
        ]
        sample = rng.sample(warnings, min(sample_size, len(warnings)))
        lines = [f"# {mode}: {len(sample)} of {len(warnings)} warnings\n"]
        for k, (name, d) in enumerate(sample, 1):
            lines.append(f"## {k}. {d['code']} · {name}:{d['line']}\n")
            lines.append(f"> {context(texts.get(name, ''), d)}\n")
            lines.append(f"{d['message']}")
            if d["suggestions"]:
                lines.append(f"\nsuggestion: {', '.join(d['suggestions'])}")
            for related in d["related"][:3]:
                lines.append(
                    f"\n- {pathlib.Path(related['path']).name}:{related['line']}: {related['message']}"
                )
            lines.append("\n")
        (out / f"sample-{mode}.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"\nsamples for hand review: {out}/sample-alone.md, {out}/sample-corpus.md")


if __name__ == "__main__":
    main()
