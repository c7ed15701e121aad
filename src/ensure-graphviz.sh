#!/usr/bin/env bash
# Makes sure Graphviz (the `dot` program and libgvc.so.6) is installed. On Debian/Ubuntu it installs it when it can
# (root, or sudo without a password); otherwise it stops with the exact command to run.
set -euo pipefail
# ldconfig's whole list first, then the match: under pipefail, `ldconfig -p | grep -q` fails whenever grep stops
# at an early match and ldconfig dies of SIGPIPE, and Graphviz would be "missing".
if command -v dot >/dev/null 2>&1 && [[ "$(ldconfig -p 2>/dev/null || true)" == *libgvc.so* ]]; then
  exit 0
fi
install_cmd="apt-get update && apt-get install -y graphviz"
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "Graphviz is missing: installing it (apt-get install graphviz)..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
    exit 0
  elif sudo -n true 2>/dev/null; then
    echo "Graphviz is missing: installing it with sudo (apt-get install graphviz)..." >&2
    sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
    exit 0
  fi
  echo "Graphviz is missing. Install it with:  sudo sh -c '$install_cmd'" >&2
else
  echo "Graphviz is missing. Install it: macOS 'brew install graphviz'; Windows 'winget install graphviz'; Debian/Ubuntu '$install_cmd'." >&2
fi
exit 1
