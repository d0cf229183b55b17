#!/usr/bin/env bash
# werkarchiv-search: --filter, --from/--to and the same in query syntax,
# checked against the metadata stored for every corpus document.
. "$(dirname "$0")/lib.sh"
CHECK="$(dirname "$0")/t5-search-check.py"
check() { local desc=$1 out; shift; if out=$(python3 "$CHECK" "$@" 2>&1); then ok; else fail "$desc: $out"; fi; }
json() { "$WA_SEARCH" --db "$DB" --json "$@" 2>/dev/null; }

DB="$TMP/archive"
index_corpus "$DB" || { fail "indexing the corpus"; finish; }

# the most frequent values of a facet over the whole corpus (nth, 0-based)
facet() { json -n 0 '' | python3 -c 'import json,sys; f=json.load(sys.stdin)["facets"][sys.argv[1]]; print(f[int(sys.argv[2])]["value"] if len(f) > int(sys.argv[2]) else "")' "$1" "$2"; }
TYPE1=$(facet type 0); TYPE2=$(facet type 1)
WS1=$(facet werkstatt 0); WS2=$(facet werkstatt 1)
YEAR=$(facet year 0); TAG=$(facet tags 0)
[ -n "$TYPE2" ] && [ -n "$WS2" ] && ok || fail "corpus needs two types and two Werkstätten"

# one filter, German and English field names
check "filter typ" filter "$DB" "typ=$TYPE1"
check "filter type (English)" filter "$DB" "type=$TYPE2"
check "filter werkstatt" filter "$DB" "werkstatt=$WS1"
check "filter community (English)" filter "$DB" "community=$WS2"
check "filter jahr" filter "$DB" "jahr=$YEAR"
check "filter schlagwort" filter "$DB" "schlagwort=$TAG"
check "filter format" filter "$DB" "format=txt"
check "filter sichtbarkeit" filter "$DB" "sichtbarkeit=öffentlich"
# the same field ORs, different fields AND
check "same field ORs" filter "$DB" "typ=$TYPE1" "typ=$TYPE2"
check "different fields AND" filter "$DB" "typ=$TYPE1" "werkstatt=$WS1"
check "OR within AND" filter "$DB" "typ=$TYPE1" "typ=$TYPE2" "werkstatt=$WS1"
# values match regardless of case and umlaut spelling
LOWER=$(printf '%s' "$WS1" | tr '[:upper:]' '[:lower:]')
json --no-collapse -n 1000 --filter "werkstatt=$WS1" '' >"$TMP/a.json"
json --no-collapse -n 1000 --filter "werkstatt=$LOWER" '' >"$TMP/b.json"
check "filter value case-insensitive" same-set "$TMP/a.json" "$TMP/b.json"
# decomposed umlauts (as some terminals and macOS send them) meet composed ones
DECOMP=$(printf '%s' "$WS1" | python3 -c 'import sys, unicodedata; print(unicodedata.normalize("NFD", sys.stdin.read()), end="")')
json --no-collapse -n 1000 --filter "werkstatt=$DECOMP" '' >"$TMP/b.json"
check "filter value in NFD" same-set "$TMP/a.json" "$TMP/b.json"
json --no-collapse -n 1000 "$WS1" >"$TMP/a.json"
json --no-collapse -n 1000 "$DECOMP" >"$TMP/b.json"
check "query in NFD" same-set "$TMP/a.json" "$TMP/b.json"
# query syntax gives the same as --filter
json --no-collapse -n 1000 "typ:$TYPE1" >"$TMP/b.json"
json --no-collapse -n 1000 --filter "typ=$TYPE1" '' >"$TMP/a.json"
check "typ: in the query = --filter typ=" same-set "$TMP/a.json" "$TMP/b.json"

# dates: ISO, German, month and year only, open ranges
check "--from/--to years" range "$DB" 20190101 20211231 --from 2019 --to 2021
check "--from/--to ISO" range "$DB" 20200301 20221031 --from 2020-03-01 --to 2022-10-31
check "--from/--to German" range "$DB" 20200301 20221031 --from 1.3.2020 --to 31.10.2022
check "--to month (end of month)" range "$DB" - 20200930 --to 09.2020
check "--from German month name" range "$DB" 20210301 - --from "März 2021"
check "open range --from" range "$DB" 20220101 - --from 2022
check "open range --to" range "$DB" - 20191231 --to 2019
check "one day" range "$DB" 20200915 20200915 --from 15.09.2020 --to 2020-09-15
check "datum: range in the query" range "$DB" 20190101 20211231 "datum:2019..2021"
check "datum: German range" range "$DB" 20200301 20221031 "datum:1.3.2020..31.10.2022"
check "jahr: in the query" range "$DB" 20200101 20201231 "jahr:2020"
check "datum: open range" range "$DB" - 20191231 "datum:..2019"

# a filter, a date range and words together
json --no-collapse -n 1000 --filter "typ=$TYPE1" --from 2019 --to 2023 '' >"$TMP/a.json"
python3 - "$TMP/a.json" "$TYPE1" <<'PY' && ok || fail "filter + date range"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["results"], "no hits"
for h in d["results"]:
    assert h["type"] == sys.argv[2], h
    assert "2019" <= h["date"][:4] <= "2023", h
PY
finish
