#!/usr/bin/env bash
# The real pre-commit (from PyPI) in a throwaway git repository whose
# .pre-commit-config.yaml takes a copydesk hook from this checkout:
# a commit with a bad draft must be refused with copydesk's output shown,
# and a clean draft must pass.
#   tests/pre-commit/run.sh [HOOK_ID]
# HOOK_ID is `copydesk` (built with cargo install, the default) or
# `copydesk-python` (the Python wheel, built by pip with maturin).
#
# The hook source is this checkout's HEAD commit, as pre-commit needs a rev.
set -euo pipefail
hook_id="${1:-copydesk}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
PRE_COMMIT_VERSION=4.7.0

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
trap 'echo "pre-commit test: FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR

fail() {
  echo "pre-commit test: FAILED: $*" >&2
  exit 1
}

echo "-- installing pre-commit $PRE_COMMIT_VERSION into a virtualenv"
python3 -m venv "$work/venv"
timeout 300 "$work/venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION" \
  || timeout 300 "$work/venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION"
pre_commit="$work/venv/bin/pre-commit"

export PRE_COMMIT_HOME="$work/cache"
# `cargo install` honours CARGO_TARGET_DIR: reuse this checkout's release
# build instead of compiling everything a second time.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
export GIT_AUTHOR_NAME=copydesk GIT_AUTHOR_EMAIL=ci@copydesk.invalid
export GIT_COMMITTER_NAME=copydesk GIT_COMMITTER_EMAIL=ci@copydesk.invalid

rev="$(git -C "$repo" rev-parse HEAD)"
newsroom="$work/newsroom"
mkdir -p "$newsroom"
cd "$newsroom"
git init --quiet --initial-branch=main
cp -r "$repo/examples/corpus" corpus
cp -r "$repo/examples/rules" rules
cat > copydesk.toml <<'TOML'
corpus = "corpus"
exclude = ["corpus/**", "rules/**"]
TOML
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: $hook_id
YAML
git add .pre-commit-config.yaml copydesk.toml corpus rules
git commit --quiet --no-verify -m "newsroom setup"
"$pre_commit" install >/dev/null

echo "-- a bad draft must be refused (hook $hook_id)"
cp "$repo/examples/drafts/peace-plan-draft.md" bad-draft.md
git add bad-draft.md
if timeout 1200 git commit -m "bad draft" > "$work/bad.log" 2>&1; then
  cat "$work/bad.log" >&2
  fail "the commit of a draft with findings was accepted"
fi
grep -q "copydesk" "$work/bad.log" || { cat "$work/bad.log" >&2; fail "no copydesk hook output"; }
grep -q "name-spelling" "$work/bad.log" || { cat "$work/bad.log" >&2; fail "copydesk's findings were not shown"; }
grep -E "^copydesk\.+Failed" "$work/bad.log" || { cat "$work/bad.log" >&2; fail "the hook did not report Failed"; }
git reset --quiet HEAD bad-draft.md
rm bad-draft.md

echo "-- a clean draft must pass"
cp "$repo/examples/drafts/clean-brief.md" clean-brief.md
git add clean-brief.md
if ! timeout 600 git commit -m "clean draft" > "$work/clean.log" 2>&1; then
  cat "$work/clean.log" >&2
  fail "the commit of a clean draft was refused"
fi
grep -E "^copydesk\.+Passed" "$work/clean.log" || { cat "$work/clean.log" >&2; fail "the hook did not report Passed"; }
echo "pre-commit test ($hook_id): ok"
