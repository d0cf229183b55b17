#!/usr/bin/env bash
# werkarchiv-search: sorting, pagination and facets, alone and combined
# with filters and date ranges.
. "$(dirname "$0")/lib.sh"
CHECK="$(dirname "$0")/t5-search-check.py"
check() { local desc=$1 out; shift; if out=$(python3 "$CHECK" "$@" 2>&1); then ok; else fail "$desc: $out"; fi; }
json() { "$WA_SEARCH" --db "$DB" --json "$@" 2>/dev/null; }

DB="$TMP/archive"
index_corpus "$DB" || { fail "indexing the corpus"; finish; }
stat() { json -n 0 '' | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
TYPE1=$(stat 'd["facets"]["type"][0]["value"]')
# the most frequent tag: a word that many documents contain
WORD=$(stat 'd["facets"]["tags"][0]["value"].split()[0]')
# a page size that gives at least three full pages
PG=$(stat 'max(1, d["total"] // 4)')

# sorting by the document date
json -n 1000 --sort newest '' >"$TMP/new.json"
check "--sort newest" sorted "$TMP/new.json" newest
json -n 1000 --sort oldest '' >"$TMP/old.json"
check "--sort oldest" sorted "$TMP/old.json" oldest
json -n 1000 --sort neueste '' >"$TMP/a.json"
check "--sort neueste = newest" same-ids "$TMP/new.json" "$TMP/a.json"
json -n 1000 -s älteste '' >"$TMP/a.json"
check "-s älteste = oldest" same-ids "$TMP/old.json" "$TMP/a.json"
json -n 1000 --sort newest --from 2019 --to 2024 '' >"$TMP/a.json"
check "newest within a date range" sorted "$TMP/a.json" newest
json -n 1000 --sort relevance '' >"$TMP/a.json"
json -n 1000 '' >"$TMP/b.json"
check "relevance is the default" same-ids "$TMP/a.json" "$TMP/b.json"

# pagination: pages are disjoint and add up to the full list, in every order
for sort in relevance newest oldest; do
  json -n 1000 --sort $sort '' >"$TMP/full.json"
  json -n $PG --sort $sort '' >"$TMP/p1.json"
  json -n $PG --sort $sort --offset $PG '' >"$TMP/p2.json"
  json -n $PG --sort $sort --page 3 '' >"$TMP/p3.json"
  json -n 1000 --sort $sort --offset $((3 * PG)) '' >"$TMP/rest.json"
  check "pages ($sort)" pages "$TMP/full.json" "$TMP/p1.json" "$TMP/p2.json" "$TMP/p3.json" "$TMP/rest.json"
done
json -n 3 --page 2 '' >"$TMP/a.json"
json -n 3 --offset 3 '' >"$TMP/b.json"
check "--page 2 = --offset LIMIT" same-ids "$TMP/a.json" "$TMP/b.json"
python3 - "$TMP/a.json" <<'PY' && ok || fail "ranks and offset of page 2"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["offset"] == 3 and d["request"]["limit"] == 3 and d["count"] == len(d["results"]) <= 3
assert [h["rank"] for h in d["results"]] == list(range(4, 4 + d["count"])), d["results"]
PY
# pages of a word query too
json -n 1000 "$WORD" >"$TMP/full.json"
json -n 1 "$WORD" >"$TMP/p1.json"
json -n 1 --page 2 "$WORD" >"$TMP/p2.json"
json -n 1000 --offset 2 "$WORD" >"$TMP/rest.json"
check "pages of a word query" pages "$TMP/full.json" "$TMP/p1.json" "$TMP/p2.json" "$TMP/rest.json"
# a page past the end: no hits, exit 1, and a line saying how many there are
expect_exit 1 "page past the end" -- "$WA_SEARCH" --db "$DB" --page 1000 ''
expect_grep "page past the end says so" "nur [0-9]+ Treffer" "$TMP/err"
# -n 0: only the count
expect_exit 0 "-n 0 with hits" -- "$WA_SEARCH" --db "$DB" -n 0 ''
expect_grep "-n 0 prints the count" "^[0-9]+ Treffer" "$TMP/out"
expect_no_grep "-n 0 prints no hit" "^ +1\. " "$TMP/out"

# facets: exact counts from the metadata of all hits
check "facets of everything" facets-match-metadata "$DB" ''
check "facets of a word query" facets-match-metadata "$DB" "$WORD"
check "facets with a filter and a date range" facets-match-metadata "$DB" --filter "typ=$TYPE1" --from 2019 ''
check "facets = totals of their filters (collapsed)" facets-match-filters "$DB"
# facets do not depend on the page shown
json -n 2 --page 2 '' | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["facets"], sort_keys=True))' >"$TMP/f2"
json -n 1000 '' | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["facets"], sort_keys=True))' >"$TMP/f1"
cmp -s "$TMP/f1" "$TMP/f2" && ok || fail "facets change with the page"
# text: facets only with --facets, with German labels and counts
expect_exit 0 "text --facets" -- "$WA_SEARCH" --db "$DB" --facets -n 1 ''
expect_grep "text facets: type" "^ *Typ: .+ \([0-9]+\)" "$TMP/out"
expect_grep "text facets: Werkstatt" "^ *Werkstatt/Community: .+ \([0-9]+\)" "$TMP/out"
expect_grep "text facets: year" "^ *Jahr: [0-9]{4} \([0-9]+\)" "$TMP/out"
expect_exit 0 "text without --facets" -- "$WA_SEARCH" --db "$DB" -n 1 ''
expect_no_grep "no facets without --facets" "^ *Typ: " "$TMP/out"

# everything combined: filter + date range + sort + facets + pagination
ARGS=(--filter "typ=$TYPE1" --from 2018 --to 2026 --sort oldest --facets)
json "${ARGS[@]}" -n 1000 '' >"$TMP/full.json"
json "${ARGS[@]}" -n 1 '' >"$TMP/p1.json"
json "${ARGS[@]}" -n 1 --page 2 '' >"$TMP/p2.json"
json "${ARGS[@]}" -n 1000 --offset 2 '' >"$TMP/rest.json"
check "combined: pages" pages "$TMP/full.json" "$TMP/p1.json" "$TMP/p2.json" "$TMP/rest.json"
check "combined: sorted" sorted "$TMP/full.json" oldest
python3 - "$TMP/full.json" "$TMP/p2.json" "$TYPE1" <<'PY' && ok || fail "combined: filter, range, facets"
import json, sys
full, p2, typ = (json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3])
assert full["results"], "no hits"
for h in full["results"]:
    assert h["type"] == typ and "2018" <= h["date"][:4] <= "2026", h
assert full["facets"]["type"] == [{"value": typ, "count": full["total"]}], full["facets"]["type"]
assert p2["facets"] == full["facets"] and p2["total"] == full["total"]
assert full["request"]["sort"] == "oldest" and full["request"]["date_from"] == "2018-01-01"
assert full["request"]["date_to"] == "2026-12-31"
assert full["request"]["filters"] == [{"field": "type", "value": typ}]
PY
# the text output of the combination: count line, sort order and range named
expect_exit 0 "combined text" -- "$WA_SEARCH" --db "$DB" "${ARGS[@]}" -n 1 --page 2 ''
expect_grep "combined text: count line" "^[0-9]+ Treffer, angezeigt 2–2, älteste zuerst, 01\.01\.2018 bis 31\.12\.2026$" "$TMP/out"
expect_grep "combined text: rank 2" "^  2\. " "$TMP/out"
expect_grep "combined text: facets" "^ *Typ: $TYPE1 \([0-9]+\)$" "$TMP/out"
finish
