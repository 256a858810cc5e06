#!/usr/bin/env bash
# Run the headless Neovim test with a given nvim and copydesk binary:
#   test/run.sh NVIM COPYDESK_BIN
set -euo pipefail
nvim="${1:?usage: run.sh NVIM COPYDESK_BIN}"
copydesk="$(cd "$(dirname "${2:?usage: run.sh NVIM COPYDESK_BIN}")" && pwd)/$(basename "$2")"
plugin="$(cd "$(dirname "$0")/.." && pwd)"

project="$(mktemp -d)"
trap 'rm -rf "$project"' EXIT
touch "$project/copydesk.toml"
cat > "$project/draft.md" <<'MD'
# Heating

The delegation flew back to Kiev on Monday to brief the president.
MD

export COPYDESK_TEST_PROJECT="$project" COPYDESK_BIN="$copydesk"
export XDG_CONFIG_HOME="$project/.config" XDG_DATA_HOME="$project/.data" XDG_STATE_HOME="$project/.state"
timeout 120 "$nvim" --headless --clean -u NONE \
  --cmd "set runtimepath^=$plugin" \
  --cmd "filetype on" \
  -c "luafile $plugin/test/e2e.lua"
