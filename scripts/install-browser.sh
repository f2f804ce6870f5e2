#!/usr/bin/env bash
# Debian's Chromium (the page's end-to-end tests, the printed 抽查记录's render test) and a
# CJK font (Noto CJK) so that rendered Chinese is readable in screenshots. Skips what is
# already installed.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
  $sudo_ apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y "${need[@]}"
fi
