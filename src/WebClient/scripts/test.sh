#!/usr/bin/env bash
# `npm test`: unit tests (jsdom) and browser tests (Chromium against a real gateway and
# PostgreSQL) in one Vitest run, written as one JUnit file to $JUNIT_OUTPUT.
#
#   JUNIT_OUTPUT   where the JUnit XML goes (default: test-results/junit.xml)
#   CHROMIUM_PATH  browser to drive (default: chromium on PATH, installed with apt when missing)
set -euo pipefail
cd "$(dirname "$0")/.."

junit=${JUNIT_OUTPUT:-$PWD/test-results/junit.xml}
mkdir -p "$(dirname "$junit")"
rm -f "$junit"

bash scripts/ensure-chromium.sh
# Type-checks everything and writes dist/, which the gateway under test serves.
npm run build
npx vitest run --reporter=default --reporter=junit --outputFile.junit="$junit"
