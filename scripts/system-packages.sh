#!/usr/bin/env bash
# Install the Debian packages formbuilder needs, only when one is missing.
#   fonts-noto-cjk       Japanese/Chinese/Korean glyphs for PDF receipts (covers 𠮷)
#   fonts-noto-core      Devanagari and other scripts for receipts in every language
#   libharfbuzz-subset0  fast font subsetting in WeasyPrint (~0.15 s instead of ~7 s a receipt)
#   chromium             the real browser the tests drive (only with --test)
#   npm                  installs the pinned axe-core for the accessibility gate (only with --test,
#                        and only when no npm is on the PATH: NodeSource's nodejs carries its own
#                        and conflicts with Debian's npm)
#   clamav clamav-daemon clamav-testfiles
#                        a real clamd for the virus-scan tests, with a local signature database the
#                        tests build (only with --test; freshclam cannot reach its mirror here)
set -euo pipefail
packages=(fonts-noto-cjk fonts-noto-core libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0)
if [ "${1:-}" = "--test" ]; then
  packages+=(chromium clamav clamav-daemon clamav-testfiles)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" < /dev/null
# The tests start their own clamd; the packaged services would only fail without a database.
if [[ " ${missing[*]} " == *" clamav-daemon "* ]] && [ -d /run/systemd/system ]; then
  $sudo systemctl disable --now clamav-freshclam clamav-daemon >/dev/null 2>&1 || true
fi
