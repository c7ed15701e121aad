#!/usr/bin/env bash
# Makes sure the real notebook clients the tests drive are installed, installing what is missing:
#   Debian's Jupyter (jupyter-nbconvert, jupyter-client, python3-nbformat, and the classic Notebook app:
#   jupyter-notebook), chromium, node + npm;
#   the .NET Interactive kernel (NuGet tool Microsoft.dotnet-interactive 1.0.712001, registered with Jupyter);
#   the npm packages in tests/clients (puppeteer-core, JupyterLab's sanitizer), from package-lock.json.
# apt-get needs root or passwordless sudo; otherwise it stops with the exact command to run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export PATH="$PATH:$HOME/.dotnet/tools" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

packages=()
command -v jupyter-nbconvert >/dev/null 2>&1 || packages+=(jupyter-nbconvert)
/usr/bin/python3 -c 'import jupyter_client' >/dev/null 2>&1 || packages+=(jupyter-client)
/usr/bin/python3 -c 'import nbformat' >/dev/null 2>&1 || packages+=(python3-nbformat)
/usr/bin/python3 -c 'import notebook, ipykernel' >/dev/null 2>&1 || packages+=(jupyter-notebook python3-ipykernel)
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM:-}" ] || packages+=(chromium)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing the notebook clients the tests use: ${packages[*]} (apt-get)..." >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  elif sudo -n true 2>/dev/null; then
    sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "Missing: ${packages[*]}. Install them with:  sudo apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
fi

if ! command -v dotnet-interactive >/dev/null 2>&1; then
  echo "Installing the .NET Interactive kernel (Microsoft.dotnet-interactive 1.0.712001, a .NET global tool)..." >&2
  dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001 >/dev/null
fi
# The whole list first, then the match (no `| grep -q` under pipefail: an early match would fail the pipeline).
if [[ "$(jupyter kernelspec list 2>/dev/null || true)" != *.net-csharp* ]]; then
  echo "Registering the .NET kernels with Jupyter (dotnet interactive jupyter install)..." >&2
  dotnet interactive jupyter install >/dev/null
fi

# npm ci when the installed packages are missing or older than the lock file.
if [ ! -d "$here/node_modules" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  echo "Installing the npm packages in tests/clients (npm ci)..." >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
