#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (npm run e2e) when it is missing.
# playwright-core drives this browser; it never downloads one of its own.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium
