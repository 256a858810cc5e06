#!/usr/bin/env bash
# Scaling of `copydesk lint --no-cache` on hostile drafts: each shape at
# 10 KB, 100 KB and 1 MB, with no corpus and with the example corpus. Time
# should grow about 10x per step (linear in the input); prints a Markdown
# table with the ratio of each step.
#   bench/hostile.sh [SIZES...]        (default: 10000 100000 1000000)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("${@:-10000 100000 1000000}")
read -r -a sizes <<<"${sizes[*]}"
work="${HOSTILE_DIR:-/tmp/copydesk-hostile}"
mkdir -p "$work"

cd "$repo"
cargo build --release --quiet --example hostile_input
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$repo/target}/release"

# Seconds for one lint of FILE (exit status 1 means findings, not failure).
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$work/stderr.txt" || [ $? -eq 1 ] || { cat "$work/stderr.txt" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

for corpus in none example; do
  echo
  echo "corpus: $corpus"
  header="| shape |"; rule="| --- |"
  for size in "${sizes[@]}"; do header+=" ${size} B s |"; rule+=" ---: |"; done
  echo "$header growth per step |"; echo "$rule --- |"
  for shape in long-word quotes capitalised nesting suppressions variants quoted-words names quote-paragraphs; do
    row="| $shape |"; previous=""; growth=""
    for size in "${sizes[@]}"; do
      draft="$work/$shape-$size.md"
      "$bin/examples/hostile_input" "$shape" "$size" "$draft"
      if [ "$corpus" = none ]; then
        t=$(seconds "$bin/copydesk" lint --no-cache "$draft")
      else
        t=$(seconds "$bin/copydesk" lint --no-cache --config examples/copydesk.toml "$draft")
      fi
      row+=" $(printf '%.3f' "$t") |"
      if [ -n "$previous" ]; then growth+="$(printf '%.1fx ' "$(echo "$t / $previous" | bc -l)")"; fi
      previous=$t
    done
    echo "$row ${growth:-–} |"
  done
done
