#!/usr/bin/env bash
# Installs what the registry tests run (Debian packages): docker-registry (the OCI registry the
# tests start on 127.0.0.1), umoci (builds images) and skopeo (pushes them). Idempotent: does
# nothing when all three are on PATH. Called by scripts/test.mjs before the mocha suites.
set -euo pipefail
missing=()
command -v docker-registry >/dev/null || missing+=(docker-registry)
command -v umoci >/dev/null || missing+=(umoci)
command -v skopeo >/dev/null || missing+=(skopeo)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo -n)
echo "installing ${missing[*]} (apt)"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
