#!/usr/bin/env bash
# Indexing throughput on a folder of real news (issue 29's measure):
# `copydesk lint --no-cache` of one short draft against the folder as its
# corpus, whole-process wall time (process start included), the median of
# RUNS runs, and the corpus's bytes over that time. With OTHER_BIN set,
# runs alternate with that build's, so both meet the same machine load.
#   bench/index_throughput.sh FOLDER...
#   RUNS=9 COPYDESK_BIN=target/release/copydesk OTHER_BIN=/tmp/old/copydesk \
#     bench/index_throughput.sh /work/data/abc /work/data/polnear-train/text
# Prints a Markdown table: folder, MB, then median seconds and MB/s for
# each build.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-9}"
bin="${COPYDESK_BIN:-${CARGO_TARGET_DIR:-$repo/target}/release/copydesk}"
other="${OTHER_BIN:-}"
[ $# -gt 0 ] || { echo "usage: bench/index_throughput.sh FOLDER..." >&2; exit 2; }
[ -x "$bin" ] || { echo "index_throughput: no build at $bin (cargo build --release)" >&2; exit 2; }
[ -z "$other" ] || [ -x "$other" ] || { echo "index_throughput: no build at $other" >&2; exit 2; }

for folder in "$@"; do
  [ -d "$folder" ] || { echo "index_throughput: $folder: not a folder" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "The council met on Tuesday." >"$work/draft.md"

# `seconds BIN CONFIG` → the wall time of one lint, to the millisecond
# (exit status 1 means findings, not failure).
seconds() {
  local start=$EPOCHREALTIME status=0
  "$1" lint --no-cache --format json --config "$2" "$work/draft.md" >"$work/out.json" 2>"$work/stderr.txt" || status=$?
  if [ "$status" -gt 1 ] || [ ! -s "$work/out.json" ]; then
    echo "index_throughput: $1 failed (exit $status):" >&2
    cat "$work/stderr.txt" >&2
    exit 1
  fi
  awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.3f\n", e - s }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

header="| folder | MB | s | MB/s |"
rule="| --- | ---: | ---: | ---: |"
if [ -n "$other" ]; then
  header="| folder | MB | s | MB/s | other build s | other build MB/s |"
  rule="| --- | ---: | ---: | ---: | ---: | ---: |"
fi
echo "$header"
echo "$rule"
for name in "$@"; do
  folder="$(cd "$name" && pwd)"
  config="$work/copydesk.toml"
  printf 'corpus = ["%s"]\n' "$folder" >"$config"
  # The bytes of the files the corpus reads (copydesk's corpus extensions).
  bytes=$(find "$folder" -type f \( -iname '*.md' -o -iname '*.markdown' -o -iname '*.mdx' -o -iname '*.txt' \) -print0 |
    xargs -0 cat | wc -c)
  : >"$work/this.txt"
  : >"$work/other.txt"
  for _ in $(seq "$runs"); do
    seconds "$bin" "$config" >>"$work/this.txt"
    [ -z "$other" ] || seconds "$other" "$config" >>"$work/other.txt"
  done
  row=$(awk -v b="$bytes" -v s="$(median <"$work/this.txt")" \
    'BEGIN { printf "%.2f | %.3f | %.1f", b / 1e6, s, b / 1e6 / s }')
  if [ -n "$other" ]; then
    row="$row | $(awk -v b="$bytes" -v s="$(median <"$work/other.txt")" \
      'BEGIN { printf "%.3f | %.1f", s, b / 1e6 / s }')"
  fi
  echo "| $name | $row |"
done
