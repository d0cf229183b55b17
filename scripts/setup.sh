#!/usr/bin/env bash
# Build everything, index corpus/ into .werkarchiv/ and run a sample search.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWA_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)"
build/indexer/werkarchiv-index --db .werkarchiv add corpus || [ $? -eq 1 ]
echo
echo '$ build/search/werkarchiv-search --db .werkarchiv Sitzungen'
build/search/werkarchiv-search --db .werkarchiv Sitzungen
