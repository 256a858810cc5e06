#!/usr/bin/env bash
# Parity of the two corpus backends: lints drafts against a corpus folder
# through the local index, and against the same folder written into a
# corpus database, and compares the JSON outputs byte for byte.
#   bench/postgres_parity.sh CORPUS_DIR DRAFTS_DIR
#   bench/postgres_parity.sh --folds TEXT_DIR   (every fifth file a draft, the rest the corpus)
# Needs COPYDESK_TEST_DATABASE (run it under tests/postgres/server.sh).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="${COPYDESK_BIN:-${CARGO_TARGET_DIR:-$repo/target}/release/copydesk}"
admin="${COPYDESK_TEST_DATABASE:?run under tests/postgres/server.sh}"
work="$(mktemp -d /tmp/copydesk-parity.XXXXXX)"
# A database of its own, so that no earlier run's articles are in it.
name="parity_$$"
psql -X -q -d "$admin" -c "CREATE DATABASE $name"
db="${admin%/*}/$name"
trap 'cd /; rm -rf "$work"; psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS $name"' EXIT

if [ "$1" = --folds ]; then
  mkdir -p "$work/corpus" "$work/drafts"
  i=0
  for f in "$2"/*; do
    if (( i % 5 == 0 )); then cp "$f" "$work/drafts/"; else cp "$f" "$work/corpus/"; fi
    i=$((i + 1))
  done
  corpus="$work/corpus"; drafts="$work/drafts"
else
  corpus="$1"; drafts="$2"
fi

cd "$work"
start=$EPOCHREALTIME
"$bin" index --to "$db" "$corpus" 2>&1 | tail -n 1
echo "ingest: $(awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.2f s", e - s }')"
"$bin" lint --no-cache --format json --corpus "$corpus" "$drafts" > local.json || true
start=$EPOCHREALTIME
"$bin" lint --format json --corpus "$db" "$drafts" > database.json || true
echo "lint through the database: $(awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.2f s", e - s }')"
findings=$(python3 -c 'import json,sys; print(sum(len(f["diagnostics"]) for f in json.load(open(sys.argv[1]))["files"]))' local.json)
if cmp -s local.json database.json; then
  echo "parity: identical JSON ($findings findings, $(ls "$drafts" | wc -l) drafts)"
else
  echo "parity: DIFFERENT" >&2
  diff <(python3 -m json.tool local.json) <(python3 -m json.tool database.json) | head -n 40 >&2
  exit 1
fi
