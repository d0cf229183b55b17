#!/usr/bin/env bash
# Run the whole test suite: format check, a warnings-as-errors build with all
# tests, then the same tests under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
jobs=$(nproc)

echo "== npm packages of the browser tests (pinned in tests/browser/package-lock.json)"
(cd tests/browser && npm ci --no-audit --no-fund)

echo "== clang-format"
files=$(git ls-files '*.c' '*.h' '*.cc' 2>/dev/null || find lib indexer search tests -name '*.[ch]' -o -name '*.cc')
clang-format --dry-run --Werror $files

echo "== build (warnings are errors)"
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWA_WERROR=ON >/dev/null
cmake --build build-test -j"$jobs"
(cd build-test && ctest --output-on-failure -j"$jobs")

echo "== build with ASan + UBSan"
CC=clang CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DWA_WERROR=ON \
  -DWA_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# the browser and web-server tests ran above; the servers do not pass the sanitizer
# options to the CGI (t70 runs it under the sanitizers directly)
(cd build-asan && ctest --output-on-failure -j"$jobs" -LE "slow|browser|webserver")
