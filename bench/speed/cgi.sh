#!/usr/bin/env bash
# CGI latency: werkarchiv.cgi against Omega's omega CGI, one process per request,
# on the sample corpus and on the German GIMP and LibreOffice help from Debian.
# Usage: bench/speed/cgi.sh [BUILD_DIR] [ROUNDS] [--keep DIR]
# Installs xapian-omega, gimp-help-de and libreoffice-help-de if missing (needs root
# or sudo); nothing downloaded is copied into the repository. Prints median and 95th
# percentile per request and the ratio werkarchiv.cgi / omega (below 1: faster).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
rounds=${2:-5}
shift $(($# > 2 ? 2 : $#))
case $build in /*) ;; *) build=$root/$build ;; esac

pkgs=(xapian-omega gimp-help-de libreoffice-help-de)
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
index="$build/indexer/werkarchiv-index"
cgi="$build/search/werkarchiv.cgi"
for prog in "$index" "$cgi"; do
  [ -x "$prog" ] || { echo "cgi.sh: '$prog' missing: build first" >&2; exit 2; }
done
exec python3 "$here/cgi.py" --index "$index" --cgi "$cgi" --rounds "$rounds" \
  --sample "$root/corpus" "$@" /usr/share/gimp/2.0/help/de /usr/share/libreoffice/help/de
