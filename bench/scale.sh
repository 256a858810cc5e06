#!/usr/bin/env bash
# End-to-end scale runs on synthetic corpora of 1k, 10k and 100k articles:
# cold and warm `copydesk lint` (wall time, peak RSS), indexing throughput,
# the first lint that writes the index (wall time, peak RSS),
# the in-process lint time of one 2,000-word draft, the CLI wall time for
# 1,000 drafts, a lint after one article is added (into a delta index, the
# index itself untouched), the warm lint that follows, and a lint after one
# indexed article is changed, then after another is removed (each retired
# from the index by the delta).
# The cold lint is the median of three runs. Prints a Markdown table.
#   bench/scale.sh [SIZES...]        (default: 1000 10000 100000)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("${@:-1000 10000 100000}")
read -r -a sizes <<<"${sizes[*]}"
work="${SCALE_DIR:-/tmp/copydesk-scale}"
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }

cd "$repo"
cargo build --release --quiet --example synthetic_corpus --example lint_timing
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$repo/target}/release"

# `measure CMD...` → "seconds peak_kb" of one run (exit status 1 = findings),
# the wall time to the millisecond (`time -f %e` rounds to 10 ms, a seventh
# of a cold lint at 1k).
measure() {
  local start=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
  local end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" -v kb="$(tail -1 "$work/time.txt")" 'BEGIN { printf "%.3f %d\n", e - s, kb }'
}

# `median_of_three CMD...` → "seconds peak_kb": the median wall time of
# three runs and the highest peak RSS.
median_of_three() {
  local runs
  runs=$(for _ in 1 2 3; do measure "$@"; done)
  echo "$(cut -d' ' -f1 <<<"$runs" | sort -n | sed -n 2p) $(cut -d' ' -f2 <<<"$runs" | sort -n | tail -1)"
}

echo "| articles | corpus MB | cold lint s | indexing MB/s | cold peak RSS MB | first lint, writing the index s | its peak RSS MB | warm lint s | warm peak RSS MB | 2,000-word draft ms (median) | 1,000 drafts s | one article added s | warm lint with the delta s | one article changed s | one article removed s |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${sizes[@]}"; do
  dir="$work/$n"
  if [ ! -d "$dir/corpus" ]; then
    rm -rf "$dir"
    "$bin/examples/synthetic_corpus" "$dir" "$n" 1000 7 >/dev/null
  fi
  rm -rf "$dir/.copydesk-cache"
  bytes=$(find "$dir/corpus" -type f -print0 | xargs -0 cat | wc -c)
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
  draft="$dir/drafts/draft-00000.md"
  read -r cold_s cold_kb < <(median_of_three "$bin/copydesk" lint --no-cache --config "$dir/copydesk.toml" "$draft")
  read -r first_s first_kb < <(measure "$bin/copydesk" lint --config "$dir/copydesk.toml" "$draft")   # writes the cache
  read -r warm_s warm_kb < <(measure "$bin/copydesk" lint --config "$dir/copydesk.toml" "$draft")
  timing=$("$bin/examples/lint_timing" "$dir/corpus" "$draft" 30)
  lint_ms=$(sed -E 's/.*lint_median_ms=([0-9.]+).*/\1/' <<<"$timing")
  read -r many_s _ < <(measure "$bin/copydesk" lint --config "$dir/copydesk.toml" "$dir/drafts")
  added="$dir/corpus/zz-added-by-scale.md"
  { cat "$(find "$dir/corpus" -name '*.md' | head -1)"; echo; echo "A paragraph added to test an index update."; } >"$added"
  read -r update_s _ < <(measure "$bin/copydesk" lint --config "$dir/copydesk.toml" "$draft")
  read -r layered_s _ < <(measure "$bin/copydesk" lint --config "$dir/copydesk.toml" "$draft")
  changed="$(find "$dir/corpus" -name '*.md' | sort | sed -n 2p)"
  cp "$changed" "$work/changed.bak"
  echo "A paragraph added to test a change." >>"$changed"
  read -r changed_s _ < <(measure "$bin/copydesk" lint --config "$dir/copydesk.toml" "$draft")
  removed="$(find "$dir/corpus" -name '*.md' | sort | sed -n 3p)"
  mv "$removed" "$work/removed.bak"
  read -r removed_s _ < <(measure "$bin/copydesk" lint --config "$dir/copydesk.toml" "$draft")
  mv "$work/removed.bak" "$removed"
  cp "$work/changed.bak" "$changed"
  rm -f "$added"
  rate=$(awk -v b="$bytes" -v s="$cold_s" 'BEGIN { printf "%.1f", (s > 0) ? b / 1048576 / s : 0 }')
  printf "| %d | %s | %s | %s | %d | %s | %d | %s | %d | %s | %s | %s | %s | %s | %s |\n" "$n" "$mb" "$cold_s" "$rate" \
    $((cold_kb / 1024)) "$first_s" $((first_kb / 1024)) "$warm_s" $((warm_kb / 1024)) "$lint_ms" "$many_s" "$update_s" "$layered_s" "$changed_s" "$removed_s"
done
