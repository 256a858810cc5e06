#!/usr/bin/env bash
# CI for the VS Code extension: install the pinned packages, compile, run
# the unit tests, and build the .vsix with the release binary inside.
#   editors/vscode/ci.sh [COPYDESK_BIN]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
binary="${1:-$here/../../target/release/copydesk}"
cd "$here"
timeout 600 npm ci --no-audit --no-fund
timeout 300 npm run compile
timeout 300 npm test
bash scripts/package.sh "$binary"
