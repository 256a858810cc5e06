#!/usr/bin/env bash
# PolNeAR's train split for the real-news measures: 840 published 2016 US
# political news articles (text/) and their attribution annotations
# (attributions/), from a clone of https://github.com/networkdynamics/PolNeAR.
#   bench/data/polnear-train.sh CLONE [OUT]
# CLONE is the clone's folder or its git directory (a bare clone will do);
# OUT defaults to polnear-train in the temporary folder. Prints OUT.
# Only train is taken: test and dev are kept for acceptance. The texts may not
# be redistributed, so keep OUT outside this repository and never commit it.
set -euo pipefail
clone="${1:?usage: bench/data/polnear-train.sh CLONE [OUT]}"
out="${2:-${TMPDIR:-/tmp}/polnear-train}"
if [ -d "$clone/.git" ]; then
  git_dir="$clone/.git"
else
  git_dir="$clone"
fi
git --git-dir "$git_dir" rev-parse --verify --quiet HEAD >/dev/null ||
  { echo "polnear-train.sh: $clone is not a git clone" >&2; exit 2; }
rm -rf "$out/text" "$out/attributions"
mkdir -p "$out"
# The committed files, as committed: data/train/{text,attributions}/NAME → OUT/…/NAME.
git --git-dir "$git_dir" archive --format=tar HEAD data/train/text data/train/attributions |
  tar -x -C "$out" --strip-components=2
echo "$out"
