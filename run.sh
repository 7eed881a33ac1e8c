#!/usr/bin/env bash
# Set-up and entry point: installs what is missing (apt packages, the virtual environment), then runs.
#   ./run.sh render [render.py args]   default: render Chapter 1 into output/
#   ./run.sh test   [pytest args]      the test suite (what CI runs)
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(
  # manim's Cairo/Pango renderer (ManimPango and pycairo build against these)
  libcairo2-dev libpango1.0-dev pkg-config
  # MathTex through a real LaTeX, converted to SVG
  texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended dvisvgm
  # the espeak voice; ffmpeg's ffprobe is the independent probe the tests use
  espeak-ng ffmpeg
  # the player page's browser test
  chromium
)

say() { printf '[run.sh] %s\n' "$*" >&2; }

ensure_apt() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  say "installing system packages: ${missing[*]}"
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
  local py
  for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  say "error: Python 3.11 or newer is required (python3 --version: $(python3 --version 2>&1))"
  exit 1
}

ensure_venv() {
  local stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  [[ -f $stamp ]] && return 0
  if [[ ! -x .venv/bin/python ]]; then
    local py; py=$(find_python)
    if ! "$py" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      say "installing python3-venv"
      local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
      "$py" -m venv .venv
    fi
  fi
  say "installing the project into .venv (pyproject.toml changed or new)"
  local log=.venv/pip-install.log
  if ! { .venv/bin/python -m pip install -q --upgrade pip && .venv/bin/python -m pip install -q -e '.[test,cluster,listen]'; } >"$log" 2>&1; then
    grep -v '^WARNING: Location' "$log" | tail -n 20 >&2
    say "error: installing the Python dependencies failed (full log: $log)"
    exit 1
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
}

cmd=${1:-}
[[ $# -gt 0 ]] && shift
case "$cmd" in
  render)
    ensure_apt; ensure_venv
    if [[ $# -eq 0 ]]; then set -- chapter 1; fi
    exec .venv/bin/python render.py "$@"
    ;;
  test)
    ensure_apt; ensure_venv
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: ./run.sh render [render.py arguments]  |  ./run.sh test [pytest arguments]" >&2
    exit 2
    ;;
esac
