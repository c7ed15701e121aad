#!/usr/bin/env bash
# What the browser tests need on a fresh machine: Debian's chromium, node and npm (apt, when root or passwordless
# sudo), then `npm ci` here (puppeteer-core from package-lock.json; it downloads no browser).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "Missing ${missing[*]}: install with  sudo apt-get install -y ${missing[*]}" >&2; exit 1
    fi
  fi
  echo "Installing ${missing[*]} (apt-get) for the browser tests..." >&2
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -d "$here/node_modules/puppeteer-core" ]; then
  echo "Installing puppeteer-core (npm ci in tests/clients)..." >&2
  (cd "$here" && npm ci --silent --no-audit --no-fund)
fi
