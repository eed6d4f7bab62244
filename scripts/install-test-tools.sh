#!/usr/bin/env bash
# Installs, from Debian's packages, what the build and two kinds of test need beside Java and Maven:
#   - the build of the job jar: nodejs and npm (beam-pipelines runs `npm ci` on
#     src/main/frontend/package-lock.json to bring the planner report's table and chart libraries
#     from the npm registry into the jar)
#   - the planner report's check in a real browser: chromium (headless)
#   - the analysts' notebooks, executed headless: jupyter-nbconvert, python3-ipykernel,
#     python3-pandas, python3-matplotlib (Debian's /usr/bin/python3)
# Does nothing when they are all there. Needs root (or sudo) to install; otherwise it names the
# packages to install and exits non-zero. Run it once before `mvn -B verify` (docs/tests.md).
set -euo pipefail

missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-liberation)
command -v jupyter-nbconvert >/dev/null 2>&1 || missing+=(jupyter-nbconvert)
if [[ ! -x /usr/bin/python3 ]] || ! /usr/bin/python3 -c 'import ipykernel' >/dev/null 2>&1; then
  missing+=(python3-ipykernel)
fi
if [[ ! -x /usr/bin/python3 ]] || ! /usr/bin/python3 -c 'import pandas' >/dev/null 2>&1; then
  missing+=(python3-pandas)
fi
if [[ ! -x /usr/bin/python3 ]] || ! /usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1; then
  missing+=(python3-matplotlib)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-test-tools: node, npm, chromium and Jupyter (nbconvert, ipykernel, pandas, matplotlib) are installed"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "install-test-tools: missing Debian packages: ${missing[*]}" >&2
  echo "install them as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "install-test-tools: installing ${missing[*]} from Debian" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
