#!/usr/bin/env bash
# Build the .vsix with the release binary bundled for linux-x64:
#   scripts/package.sh [COPYDESK_BIN]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
binary="${1:-$here/../../target/release/copydesk}"
[ -x "$binary" ] || { echo "package: no copydesk binary at $binary (cargo build --release)" >&2; exit 1; }
cd "$here"
rm -rf server ./*.vsix
mkdir -p server/linux-x64
cp "$binary" server/linux-x64/copydesk
chmod +x server/linux-x64/copydesk
timeout 300 npx --no-install vsce package --no-dependencies
vsix="$(ls ./*.vsix)"
listing="$(python3 -m zipfile -l "$vsix")"
for required in extension/out/extension.js extension/server/linux-x64/copydesk extension/package.json; do
  grep -q "$required" <<<"$listing" || { echo "package: $vsix lacks $required" >&2; exit 1; }
done
echo "package: built $vsix ($(du -h "$vsix" | cut -f1)) with the linux-x64 binary"
