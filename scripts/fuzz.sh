#!/usr/bin/env bash
# Fuzz every libFuzzer target (tests/fuzz) for MINUTES minutes in total, split
# evenly, at low priority:   scripts/fuzz.sh MINUTES [TARGET...]
# Builds build-fuzz/ with clang (-DWA_FUZZ=ON: -fsanitize=fuzzer,address,undefined).
# Each target grows its corpus in build-fuzz/corpus/TARGET (starting from
# tests/fuzz/seeds/TARGET and regressions/TARGET); crashes, leaks and timeouts
# land in build-fuzz/crashes/TARGET/. Exit 1 if any target found one.
# Interesting new inputs: copy them into tests/fuzz/seeds/TARGET; every crash
# becomes tests/fuzz/regressions/TARGET/NAME plus a fix.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-}
if [[ ! $minutes =~ ^[0-9]+$ ]] || [ "$minutes" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh MINUTES [TARGET...]" >&2
  exit 2
fi
shift
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for d in tests/fuzz/seeds/*/; do targets+=("$(basename "$d")"); done
fi
each=$((minutes * 60 / ${#targets[@]}))
[ "$each" -ge 10 ] || each=10

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWA_FUZZ=ON \
  >/dev/null
build_targets=(wa_german_data)
for t in "${targets[@]}"; do build_targets+=("fuzz_$t"); done
nice cmake --build build-fuzz -j"${JOBS:-2}" --target "${build_targets[@]}" >/dev/null

export WERKARCHIV_DATA=$PWD/build-fuzz/data
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
found=0
for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t crashes=build-fuzz/crashes/$t
  mkdir -p "$corpus" "$crashes"
  dirs=("$corpus" "tests/fuzz/seeds/$t")
  [ -d "tests/fuzz/regressions/$t" ] && dirs+=("tests/fuzz/regressions/$t")
  echo "== fuzz_$t for ${each}s"
  if ! nice -n 15 "build-fuzz/tests/fuzz/fuzz_$t" -max_total_time="$each" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$crashes/" -print_final_stats=1 \
      "${dirs[@]}" 2>"build-fuzz/fuzz_$t.log"; then
    found=1
  fi
  grep -E '^stat::number_of_executed_units|^stat::new_units_added|^#[0-9]+ *DONE' \
    "build-fuzz/fuzz_$t.log" | tr '\n' ' '
  echo
  if ls "$crashes"/* >/dev/null 2>&1; then
    echo "   found: $(ls "$crashes" | tr '\n' ' ') (log: build-fuzz/fuzz_$t.log)"
    found=1
  fi
done
exit $found
