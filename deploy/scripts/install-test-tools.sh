#!/usr/bin/env bash
# Installs the tools the tests need when they are missing:
#   promtool and prometheus (Debian package `prometheus`), for PrometheusConfigIT and PrometheusScrapeIT;
#   kcat (Debian package `kcat`), for ExamplesIT, which runs the README's Kafka example.
# Idempotent; does nothing when the tools are already there (also without root). The root pom runs it first thing
# in every build that runs tests (exec-maven-plugin), so `./mvnw verify` alone installs them.
set -euo pipefail

PACKAGES=()
{ command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; } || PACKAGES+=(prometheus)
command -v kcat >/dev/null 2>&1 || PACKAGES+=(kcat)
if [[ ${#PACKAGES[@]} -eq 0 ]]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-tools: ${PACKAGES[*]} missing and there is no apt-get here." >&2
  echo "Install Prometheus 2.x (promtool and prometheus on PATH) and kcat yourself, then run ./mvnw verify again." >&2
  exit 1
fi

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-test-tools: not root and no sudo: install the Debian packages ${PACKAGES[*]} yourself." >&2; exit 1; }
  # -n: never ask for a password (a build has no terminal); without password-less sudo this fails with sudo's message.
  SUDO=(sudo -n)
fi

echo "install-test-tools: installing the Debian packages ${PACKAGES[*]} ..."
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
# --no-install-recommends: the server and promtool only, no node exporter or web assets.
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
# Debian's package may start its own server (systemd or an init script) on :9090; the tests start their
# own on free ports and never need it, so it is left as the package set it up.
command -v promtool >/dev/null 2>&1 || { echo "install-test-tools: promtool is still missing after the install." >&2; exit 1; }
command -v kcat >/dev/null 2>&1 || { echo "install-test-tools: kcat is still missing after the install." >&2; exit 1; }
echo "install-test-tools: $(promtool --version 2>&1 | head -n 1)"
