#!/usr/bin/env bash
# German search quality: the query table tests/german-queries.tsv over corpus/ and
# tests/fixtures/german/ (one archive holding both), plus spelling suggestions.
. "$WA_SOURCE_DIR/tests/integration/lib.sh"
TABLE=$WA_SOURCE_DIR/tests/german-queries.tsv
GERMAN=$FIXTURES/german
DB=$TMP/archive
if [ -d "$CORPUS" ]; then
  index_corpus "$DB" || { fail "indexing corpus/"; sed 's/^/  | /' "$TMP/index.err" >&2; }
fi
"$WA_INDEX" --db "$DB" -q add "$GERMAN" >/dev/null 2>"$TMP/index2.err" ||
  { fail "indexing tests/fixtures/german"; sed 's/^/  | /' "$TMP/index2.err" >&2; finish; }

declare -A alias
SKIPS=0
CASES=0
resolve() { local x; for x in $1; do echo "${alias[$x]:-$x}"; done; }

while IFS= read -r line; do
  # tabs as a non-blank separator, so that empty columns are kept
  line=${line//$'\t'/$'\x1f'}
  IFS=$'\x1f' read -r query expect reject above note <<<"$line"
  case $query in '' | '#'*) continue ;; esac
  if [ "${query:0:1}" = "@" ]; then alias[${query:1}]=$expect; continue; fi
  want=$(resolve "$expect"); bad=$(resolve "$reject")
  missing=""
  for id in $want $bad; do
    [ -e "$GERMAN/$id" ] || [ -e "$CORPUS/$id" ] || missing="$missing $id"
  done
  if [ -n "$missing" ]; then
    echo "SKIP: '$query': no such document:$missing"; SKIPS=$((SKIPS + 1)); continue
  fi
  CASES=$((CASES + 1))
  got=$(ids "$DB" -- "$query")
  desc="'$query'${note:+ ($note)}"
  for id in $want; do
    if grep -qxF -- "$id" <<<"$got"; then ok; else fail "$desc should find $id; hits: $(echo $got)"; fi
  done
  for id in $bad; do
    if grep -qxF -- "$id" <<<"$got"; then fail "$desc must not find $id"; else ok; fi
  done
  for pair in $above; do
    a=$(resolve "${pair%%>*}"); b=$(resolve "${pair##*>}")
    ra=$(grep -nxF -- "$a" <<<"$got" | cut -d: -f1); rb=$(grep -nxF -- "$b" <<<"$got" | cut -d: -f1)
    if [ -n "$ra" ] && [ -n "$rb" ] && [ "$ra" -lt "$rb" ]; then ok; else
      fail "$desc: $a (rank ${ra:-none}) should rank above $b (rank ${rb:-none})"; fi
  done
done <"$TABLE"
echo "$CASES query cases run, $SKIPS skipped"
[ "$CASES" -ge 60 ] && ok || fail "fewer than 60 query cases ran ($CASES)"

# "Meinten Sie": a suggestion from the archive's own words, capitalised like the query
json=$("$WA_SEARCH" --db "$DB" --json -- Verwaltungsdigitalisirung 2>/dev/null)
sugg=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["suggestion"] or "")' <<<"$json")
[ "$sugg" = "Verwaltungsdigitalisierung" ] && ok || fail "suggestion for Verwaltungsdigitalisirung: '$sugg'"
json=$("$WA_SEARCH" --db "$DB" --json -- Bürgerversamlung 2>/dev/null)
sugg=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["suggestion"] or "")' <<<"$json")
[ "$sugg" = "Bürgerversammlung" ] && ok || fail "suggestion for Bürgerversamlung: '$sugg'"
# words the archive has are not "corrected"
json=$("$WA_SEARCH" --db "$DB" --json -- sein oder nicht sein 2>/dev/null)
sugg=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["suggestion"] or "")' <<<"$json")
[ -z "$sugg" ] && ok || fail "no suggestion expected for 'sein oder nicht sein', got '$sugg'"
"$WA_SEARCH" --db "$DB" Verwaltungsdigitalisirung >"$TMP/out" 2>&1
expect_grep "text output shows the suggestion" "Verwaltungsdigitalisierung" "$TMP/out"
finish
