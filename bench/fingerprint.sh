#!/usr/bin/env bash
# Behaviour fingerprint: hashes of everything copydesk says, for checking
# that a restructuring changed no output. Run it on two builds and compare.
#   bench/fingerprint.sh [POLNEAR_TEXT_DIR] [ABC_DIR]
# Prints one line per output:
#   - the JSON for the 1,000 synthetic drafts against a 10,000-article
#     synthetic corpus (seed 7, as bench/scale.sh);
#   - each section of that corpus's index (name, length, XXH3 checksum from
#     the index's own table), except the manifest, which holds file times;
#   - the real-news runs of bench/realnews.sh (alone and against the rest
#     of the set), when the development sets are given: PolNeAR train's
#     text folder and the ABC News 2006 folder (see bench/realnews.sh).
# COPYDESK_BIN names a built binary (default: build this checkout).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${FINGERPRINT_DIR:-/tmp/copydesk-fingerprint}"
polnear="${1:-}"
abc="${2:-}"

cd "$repo"
cargo build --release --quiet --example synthetic_corpus
if [ -z "${COPYDESK_BIN:-}" ]; then
  cargo build --release --quiet
fi
bin="$(realpath "${COPYDESK_BIN:-${CARGO_TARGET_DIR:-$repo/target}/release/copydesk}")"
generator="${CARGO_TARGET_DIR:-$repo/target}/release/examples/synthetic_corpus"

mkdir -p "$work"
synthetic="$work/synthetic-10k"
if [ ! -d "$synthetic/corpus" ]; then
  "$generator" "$synthetic" 10000 1000 7 >/dev/null
fi
rm -rf "$synthetic/.copydesk-cache"
status=0
"$bin" lint --format json --color never --config "$synthetic/copydesk.toml" "$synthetic/drafts" \
  >"$work/synthetic.json" || status=$?
[ "$status" -le 1 ] || { echo "copydesk lint failed ($status)" >&2; exit "$status"; }
echo "synthetic drafts json  $(md5sum <"$work/synthetic.json" | cut -c1-32)"

python3 - "$synthetic/.copydesk-cache/corpus-index.bin" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
count = struct.unpack_from("<I", data, 36)[0]
for row in range(count):
    at = 40 + row * (24 + 8 + 8 + 16)
    name = data[at:at + 24].rstrip(b"\0").decode()
    length = struct.unpack_from("<Q", data, at + 32)[0]
    if name != "manifest":
        print(f"index {name:<20} {length:>10}  {data[at + 40:at + 56].hex()}")
PY

for set in "polnear:$polnear" "abc:$abc"; do
  name="${set%%:*}"
  dir="${set#*:}"
  [ -n "$dir" ] || continue
  OUT="$work/realnews-$name" COPYDESK_BIN="$bin" SAMPLE=0 bash bench/realnews.sh "$dir" >/dev/null
  for result in "$work/realnews-$name"/results/*.json; do
    echo "$name $(basename "$result" .json)  $(md5sum <"$result" | cut -c1-32)"
  done
done
