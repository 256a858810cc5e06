#!/usr/bin/env bash
# Real-news measure: lint published articles nobody here wrote, and count what
# copydesk says about them.
#   bench/realnews.sh ARTICLES [CORPUS]
# ARTICLES is a folder of .txt or .md articles (for example PolNeAR's train
# split, extracted outside this repository). Every article is linted
#   1. alone: built-in rules and draft-internal checks only;
#   2. against CORPUS, or, without one, against the rest of ARTICLES: the
#      articles are dealt into FOLDS folds (default 5) and each fold is linted
#      with the other folds as its reference corpus.
# Prints warnings (and infos) per 1,000 words by code for both runs, and
# writes a random sample of warnings with their context for hand review to
# OUT/sample-alone.md and OUT/sample-corpus.md (OUT defaults to
# /tmp/copydesk-realnews; SAMPLE, default 50, sets the size; SEED the draw;
# CODE, for example name-spelling, samples that code only).
# The article texts stay in OUT, outside the repository: never commit them.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
articles="$(cd "${1:?usage: bench/realnews.sh ARTICLES [CORPUS]}" && pwd)"
corpus="${2:+$(cd "$2" && pwd)}"
out="${OUT:-/tmp/copydesk-realnews}"
folds="${FOLDS:-5}"

cd "$repo"
[ -n "${COPYDESK_BIN:-}" ] || cargo build --release --quiet
bin="${COPYDESK_BIN:-${CARGO_TARGET_DIR:-$repo/target}/release/copydesk}"
# A relative COPYDESK_BIN is relative to where the script was started.
bin="$(cd "$OLDPWD" && realpath "$bin")"

rm -rf "$out"
mkdir -p "$out/results"
# Run from an empty folder so that no copydesk.toml is discovered.
cd "$out"

lint() { # lint OUTPUT.json ARGS... (exit status 1 only means findings)
  local target="$1"
  shift
  local status=0
  "$bin" lint --format json --no-cache --color never "$@" >"$target" || status=$?
  if [ "$status" -gt 1 ]; then
    echo "copydesk lint failed with status $status: $*" >&2
    exit "$status"
  fi
}

lint results/alone.json "$articles"

if [ -n "$corpus" ]; then
  lint results/corpus-0.json --corpus "$corpus" "$articles"
else
  # Deal the articles into folds by their sorted position.
  mapfile -t files < <(find "$articles" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.md' \) | sort)
  for ((fold = 0; fold < folds; fold++)); do
    mkdir -p "folds/$fold/drafts" "folds/$fold/corpus"
  done
  for i in "${!files[@]}"; do
    own=$((i % folds))
    for ((fold = 0; fold < folds; fold++)); do
      if [ "$fold" -eq "$own" ]; then
        cp "${files[$i]}" "folds/$fold/drafts/"
      else
        cp "${files[$i]}" "folds/$fold/corpus/"
      fi
    done
  done
  for ((fold = 0; fold < folds; fold++)); do
    lint "results/corpus-$fold.json" --corpus "folds/$fold/corpus" "folds/$fold/drafts"
  done
fi

python3 "$repo/bench/realnews_report.py" "$articles" "$out" "${SAMPLE:-50}" "${SEED:-1}" "${CODE:-}"
