#!/usr/bin/env bash
# The Python wheel: build it with maturin from this checkout, install it into
# a fresh virtual environment, and lint the shipped example from there.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
MATURIN_VERSION=1.16.0

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
trap 'echo "wheel test: FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR

echo "-- building the wheel with maturin $MATURIN_VERSION"
python3 -m venv "$work/build"
timeout 300 "$work/build/bin/pip" install --quiet --disable-pip-version-check "maturin==$MATURIN_VERSION" \
  || timeout 300 "$work/build/bin/pip" install --quiet --disable-pip-version-check "maturin==$MATURIN_VERSION"
# maturin builds with cargo: CARGO_TARGET_DIR (this checkout's target by
# default) lets it reuse the release build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
(cd "$repo" && timeout 1200 "$work/build/bin/maturin" build --release --locked --out "$work/dist" --quiet)
wheel="$(ls "$work"/dist/copydesk-*.whl)"
echo "   $(basename "$wheel")"

echo "-- installing it into a clean virtual environment"
python3 -m venv "$work/clean"
"$work/clean/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
copydesk="$work/clean/bin/copydesk"
[ -x "$copydesk" ] || { echo "wheel test: FAILED: no copydesk in the venv" >&2; exit 1; }
version="$("$copydesk" --version)"
expected="copydesk $(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -1)"
[ "$version" = "$expected" ] || { echo "wheel test: FAILED: $version, expected $expected" >&2; exit 1; }

echo "-- linting the example from the venv"
status=0
(cd "$repo" && "$copydesk" lint --no-cache --color never examples/drafts) > "$work/lint.txt" || status=$?
if [ "$status" -ne 1 ] || ! grep -q "name-spelling" "$work/lint.txt"; then
  echo "wheel test: FAILED: expected the example's findings and exit status 1, got $status" >&2
  cat "$work/lint.txt" >&2
  exit 1
fi
tail -n 1 "$work/lint.txt"
echo "wheel test: ok ($version)"
