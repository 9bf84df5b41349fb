#!/usr/bin/env bash
# Installs what tradecheck needs on a Debian/Ubuntu machine, then the project into .venv.
#   scripts/bootstrap.sh runtime   system packages for reading documents (tesseract + languages)
#   scripts/bootstrap.sh test      the same, plus Chromium for the report's browser tests
# Safe to run again: it installs only what is missing and reinstalls the project when
# pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-runtime}"
packages=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim tesseract-ocr-osd)
[ "$profile" = test ] && packages+=(chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
python="${PYTHON:-python3}"
if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  missing+=(python3-venv)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "tradecheck needs these system packages: ${missing[*]}" >&2
    echo "Install them (e.g. sudo apt-get install ${missing[*]}) and run this again." >&2
    exit 1
  fi
fi

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "tradecheck needs Python 3.11 or newer; $python is $("$python" --version 2>&1)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv"
  "$python" -m venv .venv
fi
stamp=.venv/.tradecheck-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Installing tradecheck and its Python dependencies into .venv (a few minutes the first time)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch "$stamp"
fi
