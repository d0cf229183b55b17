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
usage_error "unknown filter field" "unbekanntes Filterfeld 'farbe' \(gültige Felder: .*typ/type, werkstatt/community" "${S[@]}" --filter farbe=rot x
usage_error "filter lists all fields" "unbekanntes Filterfeld .*autor/author.*jahr/year.*schlagwort/tag.*format" "${S[@]}" --filter farbe=rot x
usage_error "filter without =" "--filter will FELD=WERT, nicht 'Protokoll'" "${S[@]}" --filter Protokoll x
usage_error "filter without value" "--filter 'typ=' hat keinen Wert" "${S[@]}" --filter typ= x
usage_error "filter on the date" "nach 'datum' kann nicht gefiltert werden: --from und --to begrenzen das Datum" "${S[@]}" --filter datum=2021 x
usage_error "bad --from" "--from: '31.02.2021' ist kein Datum" "${S[@]}" --from 31.02.2021 x
usage_error "bad --to" "--to: 'gestern' ist kein Datum" "${S[@]}" --to gestern x
usage_error "empty --from" "--from: '' ist kein Datum" "${S[@]}" --from '' x
usage_error "--from after --to" "--from 01.01.2022 liegt nach --to 31.12.2021" "${S[@]}" --from 2022 --to 2021 x
usage_error "bad --sort" "--sort will relevanz, neueste oder älteste, nicht 'random'" "${S[@]}" --sort random x
usage_error "bad --limit" "--limit will eine Zahl von 0 bis 10000, nicht 'zehn'" "${S[@]}" -n zehn x
usage_error "negative --limit" "--limit will eine Zahl von 0 bis 10000, nicht '-1'" "${S[@]}" --limit=-1 x
usage_error "huge --limit" "--limit will eine Zahl von 0 bis 10000, nicht '99999999999999999999'" "${S[@]}" -n 99999999999999999999 x
usage_error "bad --offset" "--offset will eine Zahl von 0 bis 1000000, nicht '1x'" "${S[@]}" --offset 1x x
usage_error "--page 0" "--page will eine Zahl von 1 bis 100000, nicht '0'" "${S[@]}" --page 0 x
usage_error "--page and --offset" "--page und --offset schließen sich aus" "${S[@]}" --page 2 --offset 3 x
usage_error "bad --format" "--format wants text, json, csv or excel, not 'xml'" "${S[@]}" --format xml x
usage_error "bad --color" "--color wants auto, always or never, not 'bunt'" "${S[@]}" --color bunt x
usage_error "unknown option" "unknown option '--bogus'" "${S[@]}" --bogus x
usage_error "missing value" "option '--limit' needs a value" "${S[@]}" x --limit
usage_error "no query" "no query given" "${S[@]}"
usage_error "show with a query" "show takes one document id and no query" "${S[@]}" --show a.txt wort

# the request limits (lib/wa_limits.h): German message quoting only the start, exit 2
long=$(printf 'Verwaltungsdigitalisierung%.0s ' $(seq 1 50))
usage_error "query too long" "die Suchanfrage ist zu lang \([0-9]+ Bytes, höchstens 1024\): 'Verwaltungsdigitalisierung Verwaltungsdi…'$" "${S[@]}" "$long$long"
many=$(seq -s ' ' 1 40)
usage_error "too many words" "die Suchanfrage hat zu viele Wörter \(40, höchstens 32\)" "${S[@]}" "$many"
usage_error "too many wildcards" "die Suchanfrage hat zu viele Platzhalter \* \(5, höchstens 4\)" "${S[@]}" "a* b* c* d* e*"
usage_error "NEAR too wide" "NAHE/999 ist zu weit \(höchstens NAHE/50\)" "${S[@]}" "Sitzung NAHE/999 Verwaltung"
filters=(); for i in $(seq 1 17); do filters+=(--filter "typ=T$i"); done
usage_error "too many filters" "zu viele Filter \(höchstens 16\)" "${S[@]}" "${filters[@]}" x
expect_exit 0 "NEAR within the limit" -- "${S[@]}" "Sitzung NAHE/10 Verwaltung"

# queries
error "malformed query (operator)" "die Suchanfrage 'Chatbot AND OR Sitzung' lässt sich nicht lesen: Operatoren \\(UND, ODER, NICHT, NAHE\\)" "${S[@]}" "Chatbot AND OR Sitzung"
error "malformed query (bad date)" "die Suchanfrage 'datum:31.02.2021' lässt sich nicht lesen: '31.02.2021' ist kein Datum" "${S[@]}" "datum:31.02.2021"
error "malformed query (reversed range)" "die Suchanfrage 'datum:2022..2021' lässt sich nicht lesen: der Zeitraum endet, bevor er beginnt" "${S[@]}" "datum:2022..2021"
error "malformed query (year)" "die Suchanfrage 'jahr:abc' lässt sich nicht lesen: 'abc' ist kein Datum" "${S[@]}" "jahr:abc"
error "malformed query in JSON mode" "die Suchanfrage .* lässt sich nicht lesen" "${S[@]}" --json "Chatbot AND OR Sitzung"

usage_error "query not UTF-8" "die Suchanfrage ist kein gültiger UTF-8-Text" "${S[@]}" $'Chat\xffbot'
usage_error "filter value not UTF-8" "ein Wert von --filter ist kein gültiger UTF-8-Text" "${S[@]}" --filter $'typ=Proto\xff' x

# databases and documents
error "missing database" "kein Archiv unter '$TMP/nowhere'" "$WA_SEARCH" --db "$TMP/nowhere" x
error "one of several databases missing" "kein Archiv unter '$TMP/nowhere'" "${S[@]}" --db "$TMP/nowhere" x
mkdir "$TMP/empty"
error "not a database" "das Archiv lässt sich nicht öffnen \(beschädigt oder kein Archiv\?\): " "$WA_SEARCH" --db "$TMP/empty" x
echo "kein Xapian" >"$TMP/junk"
error "junk stub file" "das Archiv lässt sich nicht öffnen \(beschädigt oder kein Archiv\?\): " "$WA_SEARCH" --db "$TMP/junk" x
error "default archive missing" "kein Archiv unter '$TMP/default' \(--db angeben oder WERKARCHIV_DB setzen\)" env WERKARCHIV_DB="$TMP/default" "$WA_SEARCH" x
error "--similar unknown id" "kein Dokument 'gibt/es/nicht.txt' für --similar" "${S[@]}" --similar gibt/es/nicht.txt
error "show unknown id" "kein Dokument 'gibt/es/nicht.txt'" "${S[@]}" show gibt/es/nicht.txt
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
