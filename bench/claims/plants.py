"""Same-fact plants and near-miss controls for `claim-conflict`, on a
development set of real news.

A plant changes one figure in one article to a plausible wrong value where
other articles of the set state the same fact about the same subject (a
person read both sentences and confirmed it). A control is a figure whose
look-alike in another article is a different fact: it must stay silent.
Plants and controls are stored as data (file, byte offset, old and new
string, kind, the corpus files that confirm them), never as text.

    python3 plants.py ARTICLES PLANTS.json [--bin COPYDESK] [--show] [--summary OUT.json]

Each article with plants or controls is taken out of the set, its copy
(mutated, for a plant) is linted against the rest through the index cache
(a delta retires the one article), and the finding at the figure is read.
Prints recall by kind (warning level, and info notes beside), the controls
flagged, and with --show each plant's finding or miss. --summary writes the
counts as JSON for bench/claims/table.py, which makes the README's table.
"""

import argparse
import collections
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile


def load(path):
    data = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    return data["plants"], data.get("controls", [])


def findings_at(report, start, end):
    """claim-conflict findings overlapping bytes start..end of the draft."""
    found = []
    for file in report["files"]:
        for d in file["diagnostics"]:
            if d["code"] == "claim-conflict" and d["offset"] < end and start < d["end_offset"]:
                found.append(d)
    return found


def lint(copydesk, config, draft):
    result = subprocess.run(
        [copydesk, "lint", "--format", "json", "--color", "never", "--config", str(config), str(draft)],
        capture_output=True, text=True)
    if result.returncode > 1:
        sys.exit(f"copydesk failed ({result.returncode}) on {draft}: {result.stderr.strip()}")
    return json.loads(result.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("articles")
    parser.add_argument("plants")
    parser.add_argument("--bin", default=None)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--summary", default=None)
    args = parser.parse_args()
    repo = pathlib.Path(__file__).resolve().parents[2]
    copydesk = args.bin or str(repo / "target" / "release" / "copydesk")
    plants, controls = load(args.plants)
    articles = pathlib.Path(args.articles)

    work = pathlib.Path(tempfile.mkdtemp(prefix="copydesk-plants-"))
    corpus, held, drafts = work / "corpus", work / "held", work / "drafts"
    for folder in (held, drafts):
        folder.mkdir()
    shutil.copytree(articles, corpus)
    config = work / "copydesk.toml"
    config.write_text('corpus = ["corpus"]\ncache = ".cache"\n', encoding="utf-8")

    by_file = collections.defaultdict(list)
    for plant in plants:
        by_file[plant["file"]].append(("plant", plant))
    for control in controls:
        by_file[control["file"]].append(("control", control))

    caught = collections.Counter()
    noted = collections.Counter()
    total = collections.Counter()
    flagged_controls = []
    lines = []
    for name, items in sorted(by_file.items()):
        source = corpus / name
        original = source.read_bytes()
        source.rename(held / name)
        try:
            for role, item in items:
                start = item["offset"]
                old = item["old"].encode("utf-8")
                if original[start:start + len(old)] != old:
                    sys.exit(f"{item['id']}: {name} has no «{item['old']}» at byte {start}")
                new = item.get("new", item["old"]).encode("utf-8")
                text = original[:start] + new + original[start + len(old):]
                draft = drafts / name
                draft.write_bytes(text)
                report = lint(copydesk, config, draft)
                found = findings_at(report, start, start + len(new))
                warnings = [d for d in found if d["severity"] in ("warning", "error")]
                if role == "plant":
                    kind = item["kind"]
                    total[kind] += 1
                    if warnings:
                        caught[kind] += 1
                    elif found:
                        noted[kind] += 1
                    status = "CAUGHT" if warnings else ("info" if found else "missed")
                    lines.append(f"{status:7} {item['id']} {kind}: «{item['old']}» → «{item['new']}» "
                                 f"({name}) {found[0]['message'] if found else ''}")
                elif warnings:
                    flagged_controls.append(item["id"])
                    lines.append(f"CONTROL {item['id']} flagged: {warnings[0]['message']}")
                draft.unlink()
        finally:
            (held / name).rename(source)
    shutil.rmtree(work, ignore_errors=True)

    if args.show:
        print("\n".join(lines))
    print("| kind | plants | caught (warning) | recall | info notes |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for kind in sorted(total):
        print(f"| {kind} | {total[kind]} | {caught[kind]} | {100 * caught[kind] / total[kind]:.0f}% "
              f"| {noted[kind]} |")
    all_plants = sum(total.values())
    all_caught = sum(caught.values())
    print(f"| all | {all_plants} | {all_caught} | "
          f"{100 * all_caught / max(all_plants, 1):.1f}% | {sum(noted.values())} |")
    print(f"\ncontrols flagged: {len(flagged_controls)} of {len(controls)}"
          + (f" ({', '.join(flagged_controls)})" if flagged_controls else ""))
    if args.summary:
        summary = {
            "plants": {kind: [total[kind], caught[kind]] for kind in total},
            "controls": [len(controls), len(flagged_controls)],
        }
        pathlib.Path(args.summary).write_text(json.dumps(summary, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
