#!/usr/bin/env bash
# The corpus database at scale, on synthetic corpora (default 100,000
# articles): ingest throughput (`copydesk index --to`), a re-run with
# nothing changed, the warm CLI lint of one 2,000-word draft (median of
# five, and the highest peak RSS), 1,000 drafts in one run, the database's
# size, and EXPLAIN ANALYZE of the hot lookups. Prints a Markdown table,
# then the plans.
#   tests/postgres/server.sh bench/postgres_scale.sh [SIZES...]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("${@:-100000}")
read -r -a sizes <<<"${sizes[*]}"
work="${SCALE_DIR:-/tmp/copydesk-scale}"
admin="${COPYDESK_TEST_DATABASE:?run under tests/postgres/server.sh}"
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
cd "$repo"
cargo build --release --quiet --example synthetic_corpus
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$repo/target}/release"
mkdir -p "$work"

measure() {
  local start=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
  local end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" -v kb="$(tail -1 "$work/time.txt")" 'BEGIN { printf "%.3f %d\n", e - s, kb }'
}
sql() { psql -X -q -t -A -d "$1" -c "$2"; }

echo "| articles | corpus MB | ingest s | articles/s | MB/s | ingest peak RSS MB | re-run, nothing changed s | database MB | warm lint of a 2,000-word draft ms (median of 5) | its peak RSS MB | 1,000 drafts s |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
plans=""
for n in "${sizes[@]}"; do
  dir="$work/$n"
  if [ ! -d "$dir/corpus" ]; then
    rm -rf "$dir"
    "$bin/examples/synthetic_corpus" "$dir" "$n" 1000 7 >/dev/null
  fi
  bytes=$(find "$dir/corpus" -type f -print0 | xargs -0 cat | wc -c)
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
  db="scale_$n"
  sql "$admin" "DROP DATABASE IF EXISTS $db" && sql "$admin" "CREATE DATABASE $db"
  url="${admin%/*}/$db"
  read -r ingest_s ingest_kb < <(measure "$bin/copydesk" index --to "$url" "$dir/corpus")
  tail -n 1 "$work/stderr.txt" >&2
  read -r rerun_s _ < <(measure "$bin/copydesk" index --to "$url" "$dir/corpus")
  size=$(sql "$url" "SELECT pg_database_size(current_database()) / 1048576")
  draft="$dir/drafts/draft-00000.md"
  runs=""
  peak=0
  for _ in 1 2 3 4 5; do
    read -r s kb < <(measure "$bin/copydesk" lint --no-cache --corpus "$url" "$draft")
    runs+="$s"$'\n'
    (( kb > peak )) && peak=$kb
  done
  lint_ms=$(sort -n <<<"$runs" | sed -n 3p | awk '{ printf "%.0f", $1 * 1000 }')
  read -r many_s _ < <(measure "$bin/copydesk" lint --no-cache --corpus "$url" "$dir/drafts")
  rate=$(awk -v n="$n" -v s="$ingest_s" 'BEGIN { printf "%.0f", n / s }')
  mbs=$(awk -v b="$bytes" -v s="$ingest_s" 'BEGIN { printf "%.1f", b / 1048576 / s }')
  printf "| %d | %s | %s | %s | %s | %d | %s | %s | %s | %d | %s |\n" "$n" "$mb" "$ingest_s" "$rate" "$mbs" \
    $((ingest_kb / 1024)) "$rerun_s" "$size" "$lint_ms" $((peak / 1024)) "$many_s"
  plans+=$'\n'"### $n articles: the largest tables, MB (table + indexes) and rows"$'\n```\n'
  plans+="$(sql "$url" "SELECT relname, pg_total_relation_size(oid) / 1048576, reltuples::int8 FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY 2 DESC LIMIT 8")"
  plans+=$'\n```\n'
  explain() { sql "$url" "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $1" | cut -c1-200; }
  # The values looked up are chosen first, so that the plans time the
  # lookups alone: ARRAY[...] literals of what the corpus holds most.
  pick() { sql "$url" "SELECT 'ARRAY[' || string_agg(quote_literal(v), ',') || ']' FROM ($1) t (v)"; }
  spellings="$(pick "SELECT spelling FROM spelling_totals ORDER BY articles DESC LIMIT 200")"
  plans+=$'\n'"### $n articles: counts and first places of the 200 most used spellings"$'\n```\n'
  plans+="$(explain "SELECT t.spelling, s.article FROM spelling_totals t CROSS JOIN LATERAL (SELECT article, samples FROM name_counts n WHERE n.spelling = t.spelling ORDER BY article LIMIT 5) s WHERE t.spelling = ANY($spellings)")"
  plans+=$'\n```\n'"### $n articles: near-miss keys (2,000 keys)"$'\n```\n'
  plans+="$(explain "SELECT key, spelling FROM name_keys WHERE key = ANY($(pick "SELECT key FROM name_keys ORDER BY key LIMIT 2000")::int8[])")"
  plans+=$'\n```\n'"### $n articles: wordings per word (100 words)"$'\n```\n'
  plans+="$(explain "SELECT word, wordings FROM word_totals WHERE word = ANY($(pick "SELECT word FROM word_totals ORDER BY wordings DESC LIMIT 100"))")"
  plans+=$'\n```\n'"### $n articles: the first 16 places of the 10 most quoted wordings"$'\n```\n'
  plans+="$(explain "SELECT w.id, q.id FROM unnest($(pick "SELECT wording FROM quotes GROUP BY wording ORDER BY count(*) DESC LIMIT 10")::int8[]) AS w (id) CROSS JOIN LATERAL (SELECT id FROM quotes WHERE wording = w.id ORDER BY id LIMIT 16) q")"
  plans+=$'\n```\n'"### $n articles: opening the database"$'\n```\n'
  plans+="$(explain "SELECT articles, sentences, wordings, (SELECT coalesce(max(id) + 1, 0) FROM articles) FROM corpus_totals")"
  plans+=$'\n```\n'"### $n articles: statements under 50 keys"$'\n```\n'
  plans+="$(explain "SELECT key, statement FROM statement_keys WHERE key = ANY($(pick "SELECT DISTINCT key FROM statement_keys LIMIT 50")) ORDER BY statement")"
  plans+=$'\n```\n'
done
echo "$plans"
