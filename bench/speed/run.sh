#!/usr/bin/env bash
# Speed benchmark: Werkarchiv against Omega (omindex/quest, german2), side by side on the
# same machine, on real German text from Debian's documentation packages.
# Usage: bench/speed/run.sh [BUILD_DIR] [ROUNDS]
# Installs gimp-help-de and libreoffice-help-de if missing (needs root or sudo); nothing
# downloaded is copied into the repository. Prints wall-clock times and ratios
# (Werkarchiv / Omega: below 1 means Werkarchiv is faster).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
rounds=${2:-3}
case $build in /*) ;; *) build=$root/$build ;; esac

pkgs=(gimp-help-de libreoffice-help-de)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  echo "installing ${missing[*]} ..." >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
for tool in omindex quest; do
  command -v $tool >/dev/null || { echo "run.sh: '$tool' missing: apt-get install xapian-omega xapian-tools" >&2; exit 2; }
done
index="$build/indexer/werkarchiv-index"
search="$build/search/werkarchiv-search"
for prog in "$index" "$search"; do
  [ -x "$prog" ] || { echo "run.sh: '$prog' missing: build first" >&2; exit 2; }
done

exec python3 "$here/speed.py" --index "$index" --search "$search" --rounds "$rounds" \
  /usr/share/gimp/2.0/help/de /usr/share/libreoffice/help/de
