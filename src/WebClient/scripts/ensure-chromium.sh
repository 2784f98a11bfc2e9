#!/usr/bin/env bash
# Makes sure a Chromium for the browser tests exists: $CHROMIUM_PATH, or `chromium` on PATH, or
# Debian's package installed with apt (as root). Playwright's own browser download is never used.
set -euo pipefail

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  [[ -x "$CHROMIUM_PATH" ]] || { echo "ensure-chromium: CHROMIUM_PATH=$CHROMIUM_PATH is not executable" >&2; exit 1; }
  exit 0
fi
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: chromium not found; install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH" >&2
  exit 1
fi
echo "ensure-chromium: installing Debian's chromium (and an emoji font for readable screenshots)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update >&2
apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji >&2
command -v chromium >/dev/null 2>&1 || { echo "ensure-chromium: chromium still not on PATH after apt-get" >&2; exit 1; }
