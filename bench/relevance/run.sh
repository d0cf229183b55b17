#!/usr/bin/env bash
# Relevance benchmark: Werkarchiv against Omega (omindex/quest, german2) on real German help text.
# Usage: bench/relevance/run.sh [BUILD_DIR [--misses] [--only VARIANTS] [--werkarchiv-only]]
#   (default: build). RELEVANCE_DIR=DIR keeps both indexes in DIR and reuses them on the
#   next run (delete DIR/wa after an indexer change).
# Installs Debian's gimp-help-de if it is missing (needs root or sudo); nothing is copied
# into the repository. Prints success@10 and MRR@10 per query variant and system.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
case $build in /*) ;; *) build=$root/$build ;; esac
pkg=gimp-help-de
docs=/usr/share/gimp/2.0/help/de

if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  echo "installing $pkg (German GIMP manual, HTML) ..." >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$pkg" >&2
fi
for tool in omindex quest; do
  command -v $tool >/dev/null || { echo "run.sh: '$tool' missing: apt-get install xapian-omega xapian-tools" >&2; exit 2; }
done
for prog in "$build/indexer/werkarchiv-index" "$build/search/werkarchiv-search"; do
  [ -x "$prog" ] || { echo "run.sh: '$prog' missing: build first" >&2; exit 2; }
done

if [ -n "${RELEVANCE_DIR:-}" ]; then
  work=$RELEVANCE_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/wa-relevance.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
if [ ! -d "$work/wa" ]; then
  echo "indexing $(find "$docs" -name '*.html' | wc -l) pages from $pkg ..." >&2
  "$build/indexer/werkarchiv-index" --db "$work/wa" -q add "$docs" >/dev/null 2>"$work/wa.err" || {
    echo "run.sh: werkarchiv-index failed:" >&2; cat "$work/wa.err" >&2; exit 2; }
fi
if [ ! -d "$work/omega/db" ]; then
  mkdir -p "$work/omega"
  omindex -s german2 --db "$work/omega/db" --url / "$docs" >/dev/null 2>"$work/omega.err" || {
    echo "run.sh: omindex failed:" >&2; tail "$work/omega.err" >&2; exit 2; }
fi

python3 "$here/relevance.py" --docs "$docs" --werkarchiv "$build/search/werkarchiv-search" \
  --wa-db "$work/wa" --omega-db "$work/omega/db" --wordlist /usr/share/dict/ngerman "${@:2}"
