#!/usr/bin/env bash
# Copies the screenshots the browser tests take (artifacts/screenshots/webclient/, written by
# `npm test`) into docs/screenshots/, where README.md and src/WebClient/README.md show them.
# Run `npm test` first; a missing screenshot is an error, so the docs never mix two runs' sets.
set -euo pipefail
cd "$(dirname "$0")/../../.."

from=artifacts/screenshots/webclient
to=docs/screenshots
names=(
  login-desktop login-phone
  directory-desktop directory-phone
  room-desktop room-phone
  dm-desktop dm-phone
  profile-desktop profile-phone
  friends-desktop friends-phone
  room-settings-desktop room-settings-phone
  your-profile-desktop your-profile-phone
  drawer-phone
)
for name in "${names[@]}"; do
  [[ -f "$from/$name.png" ]] || { echo "update-screenshots: $from/$name.png is missing; run npm test first" >&2; exit 1; }
done
for name in "${names[@]}"; do
  cp "$from/$name.png" "$to/webclient-$name.png"
done
echo "update-screenshots: copied ${#names[@]} screenshots to $to/"
