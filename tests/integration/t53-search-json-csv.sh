#!/usr/bin/env bash
# werkarchiv-search: real JSON output validates against
# docs/search-output.schema.json, and CSV holds the same hits.
. "$(dirname "$0")/lib.sh"
CHECK="$(dirname "$0")/t5-search-check.py"
SCHEMA="$WA_SOURCE_DIR/docs/search-output.schema.json"
check() { local desc=$1 out; shift; if out=$(python3 "$CHECK" "$@" 2>&1); then ok; else fail "$desc: $out"; fi; }

python3 -c 'import jsonschema' 2>/dev/null && ok ||
  { fail "python3 module jsonschema missing (scripts/deps.sh test installs python3-jsonschema)"; finish; }

DB="$TMP/archive"
index_corpus "$DB" || { fail "indexing the corpus"; finish; }
FIRST=$(ids "$DB" '' | sed -n 1p)
TYPE1=$("$WA_SEARCH" --db "$DB" --json -n 0 '' | python3 -c 'import json,sys; print(json.load(sys.stdin)["facets"]["type"][0]["value"])')

# one output file per kind of run
n=0
run() {
  n=$((n + 1))
  "$WA_SEARCH" --db "$DB" "$@" >"$TMP/j$n.json" 2>/dev/null
  local rc=$?
  [ $rc -le 1 ] && ok || fail "run $n ($*): exit $rc"
}
run --json -n 1000 ''
run --json Verwaltung
run --json --facets --filter "typ=$TYPE1" --from 2019 --to 2025 --sort newest -n 2 --page 2 ''
run --json --no-collapse -n 1000 ''
run --json Quaxelbrummtopf
run --json Chatbto
run --json "Chatbot wasserversorgung Quaxelbrummtopf"
run --json --similar "$FIRST"
run --format=json -n 0 ''
run --json show "$FIRST"
run --json --show "$FIRST"
check "JSON validates against the schema" validate "$SCHEMA" "$TMP"/j*.json
check "the schema rejects broken results" reject "$SCHEMA" "$TMP/j1.json"
check "the schema rejects a broken document" reject "$SCHEMA" "$TMP/j10.json"

# facets are always present in JSON, even without --facets
python3 - "$TMP/j1.json" <<'PY' && ok || fail "facets always in JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert all(d["facets"][k] for k in ("year", "type", "werkstatt", "format")), d["facets"]
assert d["format_version"] == 4 and d["count"] == len(d["results"]) == d["total"]
PY
# the version documented in docs/json.md is the one printed
grep -q "format_version.*2" "$WA_SOURCE_DIR/docs/json.md" && ok || fail "docs/json.md does not document format_version 2"

# CSV: same hits and fields as JSON, RFC 4180 quoting
for args in "-n 1000 ''" "Verwaltung" "--sort oldest -n 5 --page 2 ''"; do
  eval "\"\$WA_SEARCH\" --db \"\$DB\" --format=csv $args" >"$TMP/r.csv" 2>/dev/null
  eval "\"\$WA_SEARCH\" --db \"\$DB\" --json $args" >"$TMP/r.json" 2>/dev/null
  check "CSV = JSON ($args)" csv "$TMP/r.csv" "$TMP/r.json"
done
# the round trips above covered a field with a comma (quoted, RFC 4180)
"$WA_SEARCH" --db "$DB" --format=csv -n 1000 '' >"$TMP/all.csv"
python3 - "$TMP/all.csv" <<'PY' && ok || fail "no quoted field with a comma in the CSV"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
assert any("," in t for t in [r[2] for r in rows[1:]]), "no title with a comma in the corpus"
PY
finish
