#!/usr/bin/env bash
# Foundation end to end: index corpus/, German noun stemming, JSON fields,
# exit codes, errors, help and version of both programs.
. "$(dirname "$0")/lib.sh"

DB="$TMP/archiv"
expect_exit 0 "index corpus" -- "$WA_INDEX" --db "$DB" add "$CORPUS"
expect_grep "summary names the indexed count" '[0-9]+ indexiert' "$TMP/out"
[ -d "$DB/public" ] && [ -d "$DB/internal" ] && ok || fail "archive has public/ and internal/"

# Sitzungen must find documents that contain only the singular "Sitzung".
only_singular=$(grep -rlw --include='*.txt' --include='*.html' 'Sitzung' "$CORPUS" | xargs grep -Lw 'Sitzungen' | head -5)
[ -n "$only_singular" ] && ok || fail "corpus has a document with Sitzung but not Sitzungen"
expect_exit 0 "search Sitzungen" -- "$WA_SEARCH" --db "$DB" --json -n 1000 Sitzungen
python3 - "$TMP/out" $only_singular <<'PY' && ok || fail "Sitzungen finds a singular-only document"
import json, sys
out = json.load(open(sys.argv[1]))
paths = {r["path"] for r in out["results"]}
want = set(sys.argv[2:])
sys.exit(0 if paths & want else 1)
PY

# JSON has the documented fields with the right types.
python3 - "$TMP/out" <<'PY' && ok || fail "JSON fields"
import json, os, sys
o = json.load(open(sys.argv[1]))
assert o["format_version"] == 4 and o["query"] == "Sitzungen"
assert isinstance(o["total"], int) and o["total"] >= len(o["results"]) > 0
assert o["offset"] == 0
for i, r in enumerate(o["results"], 1):
    assert r["rank"] == i
    for k in ("id", "path", "title", "date", "snippet"):
        assert isinstance(r[k], str) and r[k], k
    assert os.path.isabs(r["path"]) and os.path.exists(r["path"])
    assert isinstance(r["authors"], list)
    assert isinstance(r["score"], float)
    assert "type" in r and "werkstatt" in r
PY

# Text output: German count line, snippet, path.
expect_exit 0 "text output" -- "$WA_SEARCH" --db "$DB" Sitzungen
expect_grep "count line" '^[0-9]+ Treffer' "$TMP/out"
expect_grep "path shown" "$CORPUS" "$TMP/out"
expect_no_grep "no terminal escapes when piped" $'\033' "$TMP/out"

# The text count is exact (not Xapian's rounded estimate) and equals the JSON total.
"$WA_SEARCH" --db "$DB" Verwaltung >"$TMP/t.txt" 2>/dev/null
"$WA_SEARCH" --db "$DB" --json Verwaltung >"$TMP/t.json" 2>/dev/null
text_total=$(sed -n '1s/^\([0-9][0-9]*\) Treffer.*/\1/p' "$TMP/t.txt")
json_total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$TMP/t.json")
[ -n "$text_total" ] && [ "$text_total" = "$json_total" ] && ok || fail "text total '$text_total' = JSON total '$json_total'"

# Stopwords are left out of the query and named; phrases keep them.
"$WA_SEARCH" --db "$DB" --json 'die Digitalisierung der Verwaltung' >"$TMP/s.json" 2>/dev/null
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert sorted(o["ignored"]) == ["der", "die"], o["ignored"]; assert o["results"]' "$TMP/s.json" && ok || fail "stopwords named in JSON"
"$WA_SEARCH" --db "$DB" 'die Digitalisierung der Verwaltung' >"$TMP/s.txt" 2>/dev/null
expect_grep "stopwords named in text" '^Nicht gesucht \(zu häufig\): die, der$' "$TMP/s.txt"
"$WA_SEARCH" --db "$DB" --json '"sein oder nicht sein"' >"$TMP/s.json" 2>/dev/null
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["ignored"] == [] and o["results"], o' "$TMP/s.json" && ok || fail "a phrase keeps its stopwords"

# Pagination: offset 1 starts at rank 2.
expect_exit 0 "offset" -- "$WA_SEARCH" --db "$DB" --json --offset 1 -n 2 Verwaltung
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["offset"]==1 and o["results"][0]["rank"]==2 and len(o["results"])<=2' "$TMP/out" && ok || fail "offset/limit"

# Exit status 1 when nothing matches, 2 on errors.
expect_exit 1 "no hits" -- "$WA_SEARCH" --db "$DB" Quastenflosserzebra
expect_exit 2 "malformed query" -- "$WA_SEARCH" --db "$DB" 'Sitzung AND OR Protokoll'
expect_grep "malformed query message" "die Suchanfrage 'Sitzung AND OR Protokoll' lässt sich nicht lesen" "$TMP/err"
expect_exit 2 "missing archive" -- "$WA_SEARCH" --db "$TMP/nirgends" Sitzung
expect_grep "missing archive message" "kein Archiv unter" "$TMP/err"
expect_exit 2 "bad limit" -- "$WA_SEARCH" --db "$DB" -n zehn Sitzung
expect_exit 2 "no query" -- "$WA_SEARCH" --db "$DB"
expect_exit 2 "unknown option" -- "$WA_SEARCH" --gibtsnicht Sitzung

# --db defaults to $WERKARCHIV_DB.
WERKARCHIV_DB="$DB" expect_exit 0 "WERKARCHIV_DB" -- "$WA_SEARCH" Sitzung

# Re-running add on the unchanged corpus indexes nothing again.
expect_exit 0 "re-run add" -- "$WA_INDEX" --db "$DB" add "$CORPUS"
expect_grep "nothing re-indexed" '^0 indexiert' "$TMP/out"

# One unchanged file added again into a larger archive is checked by a direct
# lookup (not the table read for big runs): still nothing is re-indexed.
one=$(find "$CORPUS" -name '2021-03-protokoll-sitzung.txt' | head -1)
expect_exit 0 "re-add one unchanged file" -- "$WA_INDEX" --db "$DB" add "$one"
expect_grep "one file: unchanged" '^0 indexiert, 1 unverändert' "$TMP/out"
cp -p "$one" "$TMP/sitzung.txt" && touch "$TMP/sitzung.txt"
expect_exit 0 "add a changed file" -- "$WA_INDEX" --db "$DB" add "$TMP/sitzung.txt"
expect_grep "changed file indexed" '^1 indexiert' "$TMP/out"

# Syncing a subfolder of an indexed folder keeps the files' ids: no second copies.
count_all() { "$WA_SEARCH" --db "$DB" --json --no-collapse -n 0 '' 2>/dev/null |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
before=$(count_all)
sub=$(dirname "$one")
expect_exit 0 "sync a subfolder" -- "$WA_INDEX" --db "$DB" sync "$sub"
expect_grep "subfolder unchanged" '^0 indexiert' "$TMP/out"
after=$(count_all)
[ -n "$before" ] && [ "$before" = "$after" ] && ok || fail "documents before/after subfolder sync: $before/$after"

# An archive kept inside the folder it indexes is not walked into.
mkdir -p "$TMP/ablage"
printf 'Notiz zur Ablage\n' >"$TMP/ablage/notiz.txt"
"$WA_INDEX" --db "$TMP/ablage/archiv" add "$TMP/ablage" >/dev/null 2>&1
expect_exit 0 "index a folder that holds its archive" -- "$WA_INDEX" --db "$TMP/ablage/archiv" add "$TMP/ablage"
expect_grep "archive files are not documents" '1 unverändert, 0 entfernt, 0 übersprungen, 0 fehlgeschlagen' "$TMP/out"

# remove by id takes a document out; a later add brings it back.
some_id=$(ids "$DB" Sitzung | head -1)
expect_exit 0 "remove by id" -- "$WA_INDEX" --db "$DB" remove "$some_id"
expect_grep "removed count" '1 entfernt' "$TMP/out"
ids "$DB" Sitzung | grep -qxF "$some_id" && fail "removed document still found" || ok
expect_exit 1 "remove unknown id" -- "$WA_INDEX" --db "$DB" remove gibt/es/nicht.txt
expect_exit 0 "add again" -- "$WA_INDEX" --db "$DB" add "$CORPUS"
ids "$DB" Sitzung | grep -qxF "$some_id" && ok || fail "re-added document found again"

# help and version of both programs.
for p in "$WA_INDEX" "$WA_SEARCH"; do
  expect_exit 0 "$(basename "$p") --help" -- "$p" --help
  expect_grep "help shows usage" '^Usage:' "$TMP/out"
  expect_exit 0 "$(basename "$p") --version" -- "$p" --version
  expect_grep "version names Xapian and libxml2" 'Xapian 1\.4.*libxml2' "$TMP/out"
done
expect_exit 2 "index without command" -- "$WA_INDEX" --db "$DB"
expect_exit 2 "index unknown command" -- "$WA_INDEX" --db "$DB" zaubern
expect_exit 2 "index missing folder" -- "$WA_INDEX" --db "$DB" add "$TMP/fehlt"

finish
