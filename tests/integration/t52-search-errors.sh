#!/usr/bin/env bash
# werkarchiv-search: every bad input gets a clear message and exit 2 (no
# crash, nothing on stdout); a search without hits exits 1 with a German hint.
. "$(dirname "$0")/lib.sh"

DB="$TMP/archive"
index_corpus "$DB" || { fail "indexing the corpus"; finish; }
S=("$WA_SEARCH" --db "$DB")

# usage_error DESCRIPTION PATTERN ARGS...: exit 2, the message, the --help hint, no output
usage_error() {
  local desc=$1 pat=$2; shift 2
  expect_exit 2 "$desc" -- "$@"
  expect_grep "$desc: message" "^werkarchiv-search: $pat" "$TMP/err"
  expect_grep "$desc: hint" "^try 'werkarchiv-search --help'$" "$TMP/err"
  [ ! -s "$TMP/out" ] && ok || fail "$desc: printed results"
}
# error DESCRIPTION PATTERN ARGS...: exit 2 with the message, no output
error() {
  local desc=$1 pat=$2; shift 2
  expect_exit 2 "$desc" -- "$@"
  expect_grep "$desc: message" "^werkarchiv-search: $pat" "$TMP/err"
  [ ! -s "$TMP/out" ] && ok || fail "$desc: printed results"
}

# options
usage_error "unknown filter field" "unknown filter field 'farbe' \(valid fields: .*typ/type, werkstatt/community" "${S[@]}" --filter farbe=rot x
usage_error "filter lists all fields" "unknown filter field .*autor/author.*jahr/year.*schlagwort/tag.*format" "${S[@]}" --filter farbe=rot x
usage_error "filter without =" "--filter wants FIELD=VALUE, not 'Protokoll'" "${S[@]}" --filter Protokoll x
usage_error "filter without value" "--filter 'typ=' has no value" "${S[@]}" --filter typ= x
usage_error "filter on the date" "cannot filter on 'datum': use --from and --to" "${S[@]}" --filter datum=2021 x
usage_error "bad --from" "--from: '31.02.2021' is not a date" "${S[@]}" --from 31.02.2021 x
usage_error "bad --to" "--to: 'gestern' is not a date" "${S[@]}" --to gestern x
usage_error "empty --from" "--from: '' is not a date" "${S[@]}" --from '' x
usage_error "--from after --to" "--from 2022-01-01 is after --to 2021-12-31" "${S[@]}" --from 2022 --to 2021 x
usage_error "bad --sort" "--sort wants relevance, newest or oldest, not 'random'" "${S[@]}" --sort random x
usage_error "bad --limit" "--limit wants a number from 0 to 10000, not 'zehn'" "${S[@]}" -n zehn x
usage_error "negative --limit" "--limit wants a number from 0 to 10000, not '-1'" "${S[@]}" --limit=-1 x
usage_error "huge --limit" "--limit wants a number from 0 to 10000, not '99999999999999999999'" "${S[@]}" -n 99999999999999999999 x
usage_error "bad --offset" "--offset wants a number from 0 to 1000000, not '1x'" "${S[@]}" --offset 1x x
usage_error "--page 0" "--page wants a number from 1 to 100000, not '0'" "${S[@]}" --page 0 x
usage_error "--page and --offset" "--page and --offset cannot be combined" "${S[@]}" --page 2 --offset 3 x
usage_error "bad --format" "--format wants text, json or csv, not 'xml'" "${S[@]}" --format xml x
usage_error "bad --color" "--color wants auto, always or never, not 'bunt'" "${S[@]}" --color bunt x
usage_error "unknown option" "unknown option '--bogus'" "${S[@]}" --bogus x
usage_error "missing value" "option '--limit' needs a value" "${S[@]}" x --limit
usage_error "no query" "no query given" "${S[@]}"
usage_error "show with a query" "show takes one document id and no query" "${S[@]}" --show a.txt wort

# queries
error "malformed query (operator)" "malformed query 'Chatbot AND': " "${S[@]}" "Chatbot AND"
error "malformed query (bad date)" "malformed query 'datum:31.02.2021': invalid date '31.02.2021'" "${S[@]}" "datum:31.02.2021"
error "malformed query (reversed range)" "malformed query 'datum:2022..2021': date range ends before it starts" "${S[@]}" "datum:2022..2021"
error "malformed query (year)" "malformed query 'jahr:abc': invalid date 'abc'" "${S[@]}" "jahr:abc"
error "malformed query in JSON mode" "malformed query" "${S[@]}" --json "Chatbot AND"

usage_error "query not UTF-8" "the query is not valid UTF-8" "${S[@]}" $'Chat\xffbot'
usage_error "filter value not UTF-8" "a --filter value is not valid UTF-8" "${S[@]}" --filter $'typ=Proto\xff' x

# databases and documents
error "missing database" "no archive at '$TMP/nowhere'" "$WA_SEARCH" --db "$TMP/nowhere" x
error "one of several databases missing" "no archive at '$TMP/nowhere'" "${S[@]}" --db "$TMP/nowhere" x
mkdir "$TMP/empty"
error "not a database" "cannot open the archive: " "$WA_SEARCH" --db "$TMP/empty" x
echo "kein Xapian" >"$TMP/junk"
error "junk stub file" "cannot open the archive: " "$WA_SEARCH" --db "$TMP/junk" x
error "default archive missing" "no archive at '$TMP/default' \(use --db or set WERKARCHIV_DB\)" env WERKARCHIV_DB="$TMP/default" "$WA_SEARCH" x
error "--similar unknown id" "no document 'gibt/es/nicht.txt' for --similar" "${S[@]}" --similar gibt/es/nicht.txt
error "show unknown id" "no document 'gibt/es/nicht.txt'" "${S[@]}" show gibt/es/nicht.txt
error "show as CSV" "show prints text or JSON, not CSV" "${S[@]}" --format csv show "$(ids "$DB" '' | sed -n 1p)"

# no hits: exit 1 and a German line with a hint
expect_exit 1 "no hits" -- "${S[@]}" Quaxelbrummtopf
expect_grep "no hits: count line" "^0 Treffer$" "$TMP/out"
expect_grep "no hits: German line" "^werkarchiv-search: keine Treffer für 'Quaxelbrummtopf'" "$TMP/err"
expect_exit 1 "no hits with filters" -- "${S[@]}" --filter typ=Gedicht ''
expect_grep "no hits: hint to drop filters" "keine Dokumente gefunden – versuchen Sie es ohne --filter" "$TMP/err"
expect_exit 1 "no hits in the date range" -- "${S[@]}" --to 1900 ''
expect_grep "no hits: hint to widen the range" "größeren Zeitraum" "$TMP/err"
expect_exit 1 "no hits with filter and range" -- "${S[@]}" --filter typ=Gedicht --from 2020 ''
expect_grep "no hits: both hints" "ohne --filter oder mit einem größeren Zeitraum" "$TMP/err"
expect_exit 1 "no hits as JSON" -- "${S[@]}" --json Quaxelbrummtopf
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["total"] == 0 and d["results"] == []' "$TMP/out" && ok || fail "no hits: JSON still printed"
expect_exit 1 "no hits as CSV" -- "${S[@]}" --format csv Quaxelbrummtopf
[ "$(wc -l <"$TMP/out")" -eq 1 ] && ok || fail "no hits: CSV is only the header"

# help and version
expect_exit 0 "--help" -- "$WA_SEARCH" --help
expect_grep "--help lists --filter" "--filter" "$TMP/out"
expect_grep "--help lists --similar" "--similar" "$TMP/out"
expect_exit 0 "--version" -- "$WA_SEARCH" --version
expect_grep "--version names Xapian" "Xapian [0-9]" "$TMP/out"
finish
