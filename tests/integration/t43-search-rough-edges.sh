#!/usr/bin/env bash
# Search-side rough edges: "Meinten Sie" inside multi-word queries, dangling
# operators read leniently, German query errors, filters folded like queries,
# show and --similar by the printed path, the id in the text output, CSV for
# German Excel, years in year order with "ohne Datum", long facet lists cut,
# and --similar led by content words rather than people's names.
. "$(dirname "$0")/lib.sh"
D="$TMP/docs"
mkdir -p "$D"
printf 'Heizung\n\nDie Wärmepumpen ersetzen den Heizungstausch im Rathaus. Wärmepumpen sparen Energie.\n' >"$D/a-waerme.txt"
printf 'autor: Ingeborg Quastenflosser\nwerkstatt: Künstliche Intelligenz\ndatum: 2019-05-02\nschlagworte: Qualitätssicherung\n' >"$D/a-waerme.txt.meta"
printf 'Pumpen\n\nWärmepumpen und Heizungstausch: Erfahrungen mit Wärmepumpen im Bestand.\n' >"$D/b-pumpen.txt"
printf 'datum: 2021-01-10\n' >"$D/b-pumpen.txt.meta"
printf 'Radwege\n\nIngeborg Quastenflosser plant neue Radwege für die Innenstadt.\n' >"$D/c-name.txt"
printf 'datum: 2020-03-03\n' >"$D/c-name.txt.meta"
# many tags: the facet list is cut in text output
tags=$(seq -s '; ' -f 'Thema%g' 1 30)
printf 'Sammlung\n\nEine Sammlung vieler Themen zur Verwaltung.\n' >"$D/d-tags.txt"
printf 'schlagworte: %s\n' "$tags" >"$D/d-tags.txt.meta"
DB="$TMP/db"
"$WA_INDEX" --db "$DB" -q add "$D" >/dev/null 2>"$TMP/index.err" || { fail "indexing"; finish; }
S=("$WA_SEARCH" --db "$DB")

# "Meinten Sie" for a misspelt word inside a multi-word query
expect_exit 0 "misspelt word in two words" -- "${S[@]}" "Wärmepumpen Heizungstuasch"
expect_grep "correction offered for a multi-word query" "Meinten Sie: .*Heizungstausch" "$TMP/out"
n=$(grep -c "Meinten Sie" "$TMP/out")
[ "$n" -eq 1 ] && ok || fail "correction printed once, not $n times"

# dangling operators are words, not errors
for q in "Wärmepumpen ODER" "Wärmepumpen UND" "Wärmepumpen OR" "UND Wärmepumpen" "Wärmepumpen NICHT"; do
  expect_exit 0 "lenient '$q'" -- "${S[@]}" "$q"
  expect_no_grep "no parser error for '$q'" "Syntax|expression" "$TMP/err"
done
expect_exit 1 "NICHT alone is the word" -- "${S[@]}" "NICHT"
expect_no_grep "NICHT alone: no parser error" "Syntax|expression|nicht lesen" "$TMP/err"
# what stays malformed says so in German
expect_exit 2 "malformed query" -- "${S[@]}" "Wärmepumpen AND OR Rathaus"
expect_grep "German query error" "die Suchanfrage 'Wärmepumpen AND OR Rathaus' lässt sich nicht lesen: Operatoren" "$TMP/err"
expect_no_grep "no English parser message" "Syntax:|expression" "$TMP/err"

# filter values fold like queries: case, umlauts, ae/oe/ue, ß/ss
for f in "werkstatt=kuenstliche intelligenz" "werkstatt=KÜNSTLICHE INTELLIGENZ" "schlagwort=qualitaetssicherung" \
  "schlagwort=Qualitatssicherung"; do
  got=$(ids "$DB" --filter "$f" Wärmepumpen | tr '\n' ' ')
  [ "$got" = "a-waerme.txt " ] && ok || fail "--filter '$f' folds: $got"
done

# show and --similar take the path the text output prints; the output shows the id
"${S[@]}" Radwege >"$TMP/t" 2>/dev/null
path=$(grep -m1 -E '^     /' "$TMP/t" | sed 's/^ *//')
expect_grep "text output shows the id" "^     ID: c-name.txt$" "$TMP/t"
expect_exit 0 "show by printed path" -- "${S[@]}" show "$path"
expect_grep "show by path prints the document" "Radwege für die Innenstadt" "$TMP/out"
(cd "$D" && "${S[@]}" show c-name.txt >"$TMP/out2" 2>&1) && ok || fail "show by id from another folder"
(cd "$D/.." && "${S[@]}" show docs/c-name.txt >"$TMP/out3" 2>&1) && ok || fail "show by relative path"
expect_exit 0 "--similar by printed path" -- "${S[@]}" --similar "$D/a-waerme.txt"

# --similar: content words lead, not the author's name
got=$(ids "$DB" --similar a-waerme.txt | head -1)
[ "$got" = "b-pumpen.txt" ] && ok || fail "similar by content, not by name: $got"
got=$(ids "$DB" --similar a-waerme.txt | tr '\n' ' ')
case "$got" in *c-name.txt*) fail "a document sharing only the name is similar: $got" ;; *) ok ;; esac

# CSV for German Excel: BOM, ';', decimal comma; plain CSV unchanged
"${S[@]}" --format excel Wärmepumpen >"$TMP/x.csv" 2>/dev/null
head -c 3 "$TMP/x.csv" | od -An -tx1 | grep -q "ef bb bf" && ok || fail "excel CSV starts with a BOM"
expect_grep "excel CSV uses ';'" "rank;id;title;" "$TMP/x.csv"
expect_grep "excel CSV decimal comma" ";[0-9]+,[0-9]{4};" "$TMP/x.csv"
"${S[@]}" --format csv Wärmepumpen >"$TMP/c.csv" 2>/dev/null
expect_grep "plain CSV without BOM" "^rank,id,title," "$TMP/c.csv"

# facets: years newest first, then "ohne Datum"; long lists cut in text
"${S[@]}" --facets "" >"$TMP/f" 2>/dev/null
expect_grep "years in year order, undated last" "Jahr: 2021 \(1\), 2020 \(1\), 2019 \(1\), ohne Datum \(1\)" "$TMP/f"
expect_grep "long facet list cut" "… und 16 weitere" "$TMP/f"
"${S[@]}" --json "" >"$TMP/f.json" 2>/dev/null
python3 - "$TMP/f.json" <<'PY' && ok || fail "JSON years in order with ohne Datum"
import json, sys
d = json.load(open(sys.argv[1]))
years = [v["value"] for v in d["facets"]["year"]]
assert years == ["2021", "2020", "2019", "ohne Datum"], years
PY
finish
