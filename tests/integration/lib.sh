# Shared helpers for the integration scripts (sourced, not run).
# Each script gets: WA_SOURCE_DIR, WA_BINARY_DIR, WA_INDEX, WA_SEARCH.
set -u
: "${WA_SOURCE_DIR:?run through ctest}"
CORPUS=$(cd "$WA_SOURCE_DIR/corpus" 2>/dev/null && pwd -P)
FIXTURES="$WA_SOURCE_DIR/tests/fixtures"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/wa-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FAILS=0
PASSES=0
unset WERKARCHIV_DB

ok() { PASSES=$((PASSES + 1)); }
fail() { FAILS=$((FAILS + 1)); echo "FAIL: $*" >&2; }

# expect_exit CODE DESCRIPTION -- COMMAND...: run COMMAND, compare its exit status
expect_exit() {
  local want=$1 desc=$2; shift 3
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else
    fail "$desc: exit $got, expected $want"; sed 's/^/  | /' "$TMP/err" >&2; fi
}

# expect_grep DESCRIPTION PATTERN FILE: FILE contains PATTERN (extended regex)
expect_grep() {
  if grep -Eq -- "$2" "$3"; then ok; else fail "$1: '$2' not in $(basename "$3")"; sed 's/^/  | /' "$3" | head -20 >&2; fi
}
expect_no_grep() {
  if grep -Eq -- "$2" "$3"; then fail "$1: '$2' unexpectedly in $(basename "$3")"; else ok; fi
}

# ids DB QUERY...: the ids of all hits, one per line (via --json)
ids() {
  local db=$1; shift
  "$WA_SEARCH" --db "$db" --json -n 1000 "$@" 2>/dev/null |
    python3 -c 'import json,sys; [print(r["id"]) for r in json.load(sys.stdin)["results"]]'
}

# index_corpus DB: build an archive of corpus/ once per script
index_corpus() {
  "$WA_INDEX" --db "$1" -q add "$CORPUS" >/dev/null 2>"$TMP/index.err"
}

finish() {
  echo "$PASSES passed, $FAILS failed"
  [ "$FAILS" -eq 0 ]
  exit $?
}
