#!/usr/bin/env bash
# Speed and size benchmark: Werkarchiv against Omega (omindex/quest/omega CGI, german2) and
# Recoll (recollindex/recollq, german2), side by side in one run, on real German
# documentation from Debian packages (docs/benchmarks.md).
# Usage: bench/speed/run.sh [BUILD_DIR] [--scale N] [--queries N] [--single N]
#          [--rounds N] [--work DIR] [--json FILE] [--systems werkarchiv,omega,recoll]
# Installs the documentation packages and Recoll if missing (needs root or sudo); nothing
# downloaded is copied into the repository. --work DIR keeps the rendered corpus (reused
# by the next run) and the indexes. Prints one table of figures and the ratios Werkarchiv /
# other system (below 1: Werkarchiv is faster or smaller).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$root/build
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  build=$1
  shift
fi
case $build in /*) ;; *) build=$root/$build ;; esac

"$root/scripts/deps.sh" bench >&2
for tool in omindex quest xapian-delve recollindex recollq man groff; do
  command -v $tool >/dev/null || { echo "run.sh: '$tool' missing" >&2; exit 2; }
done
index="$build/indexer/werkarchiv-index"
search="$build/search/werkarchiv-search"
for prog in "$index" "$search"; do
  [ -x "$prog" ] || { echo "run.sh: '$prog' missing: build first" >&2; exit 2; }
done

exec python3 "$here/speed.py" --index "$index" --search "$search" "$@"
