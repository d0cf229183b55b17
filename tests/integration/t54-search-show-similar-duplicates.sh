#!/usr/bin/env bash
# werkarchiv-search: show, --similar, collapsed duplicates, spelling
# suggestions, snippets and --color.
. "$(dirname "$0")/lib.sh"
CHECK="$(dirname "$0")/t5-search-check.py"
check() { local desc=$1 out; shift; if out=$(python3 "$CHECK" "$@" 2>&1); then ok; else fail "$desc: $out"; fi; }
json() { "$WA_SEARCH" --db "$DB" --json "$@" 2>/dev/null; }

DB="$TMP/archive"
index_corpus "$DB" || { fail "indexing the corpus"; finish; }
json --no-collapse -n 1000 '' >"$TMP/all.json"

# show: metadata as the search shows it, and the full text of the file
DOC=search/2019-09-digitale-dorfgemeinschaft.txt
expect_exit 0 "show as JSON" -- "$WA_SEARCH" --db "$DB" --json show "$DOC"
cp "$TMP/out" "$TMP/show.json"
check "show: metadata" show-matches "$DB" "$DOC" "$TMP/show.json" "$TMP/all.json"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["document"]["text"] == open(sys.argv[2], encoding="utf-8").read()' \
  "$TMP/show.json" "$CORPUS/$DOC" && ok || fail "show: JSON text is the file's text"
expect_exit 0 "show as text" -- "$WA_SEARCH" --db "$DB" show "$DOC"
expect_grep "show: title" "^Titel: Die digitale Dorfgemeinschaft" "$TMP/out"
expect_grep "show: German date" "^Datum: 20\.09\.2019$" "$TMP/out"
expect_grep "show: Werkstatt" "^Werkstatt/Community: Digitale Daseinsvorsorge$" "$TMP/out"
expect_grep "show: id" "^ID: $DOC$" "$TMP/out"
# every line of the file appears in the output
python3 -c 'import sys; out=open(sys.argv[1], encoding="utf-8").read(); assert all(l in out for l in open(sys.argv[2], encoding="utf-8").read().splitlines())' \
  "$TMP/out" "$CORPUS/$DOC" && ok || fail "show: full text"
expect_exit 0 "--show ID = show ID" -- "$WA_SEARCH" --db "$DB" --show "$DOC"
expect_grep "--show: title" "^Titel: Die digitale Dorfgemeinschaft" "$TMP/out"
# every document can be shown
python3 - "$TMP/all.json" <<'PY' >"$TMP/allids"
import json, sys
for h in json.load(open(sys.argv[1]))["results"]:
    print(h["id"])
PY
bad=0
while IFS= read -r id; do "$WA_SEARCH" --db "$DB" --json show "$id" >/dev/null 2>&1 || bad=$((bad + 1)); done <"$TMP/allids"
[ $bad -eq 0 ] && ok || fail "show failed for $bad documents"

# --similar: documents like a given one, never the document itself
json -n 1000 --similar "$DOC" >"$TMP/sim.json"
python3 - "$TMP/sim.json" "$DOC" <<'PY' && ok || fail "--similar"
import json, sys
d, doc = json.load(open(sys.argv[1])), sys.argv[2]
assert d["results"], "nothing similar"
assert doc not in [h["id"] for h in d["results"]], "the document itself"
assert d["request"]["similar"] == doc and d["total"] >= d["count"]
PY
# the most similar documents to a paper include others of its Werkstatt
python3 - "$TMP/sim.json" "$TMP/all.json" "$DOC" <<'PY' && ok || fail "--similar: same Werkstatt among the top"
import json, sys
sim, alls, doc = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
ws = {h["id"]: h["werkstatt"] for h in alls["results"]}
top = [h["werkstatt"] for h in sim["results"][:5]]
assert ws[doc] in top, (ws[doc], top)
PY
WS=$(python3 -c 'import json,sys; print(next(h["werkstatt"] for h in json.load(open(sys.argv[1]))["results"] if h["id"] == sys.argv[2]))' "$TMP/all.json" "$DOC")
json -n 1000 --similar "$DOC" --filter "werkstatt=$WS" >"$TMP/a.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["results"] and all(h["werkstatt"] == sys.argv[2] for h in d["results"])' \
  "$TMP/a.json" "$WS" && ok || fail "--similar with --filter"
expect_exit 0 "--similar text" -- "$WA_SEARCH" --db "$DB" --similar "$DOC"
expect_grep "--similar text header" "^Ähnliche Dokumente wie '$DOC'$" "$TMP/out"

# duplicates: one hit per text, the other files listed
check "duplicates collapse into one hit" duplicates "$DB"
TWIN=search/2020-09-verwaltungsdigitalisierung-zwischenbilanz
expect_exit 0 "duplicates in text" -- "$WA_SEARCH" --db "$DB" "titel:Zwischenbilanz"
expect_grep "duplicates: listed" "^     Gleicher Text auch in einer weiteren Datei:$" "$TMP/out"
expect_grep "duplicates: the path" "^       .*$TWIN\.(txt|html)$" "$TMP/out"
[ "$(grep -c "^ *[0-9]\+\. Zwischenbilanz der Verwaltungsdigitalisierung" "$TMP/out")" -eq 1 ] && ok || fail "duplicates: one hit"
expect_exit 0 "--no-collapse" -- "$WA_SEARCH" --db "$DB" --no-collapse "titel:Zwischenbilanz"
[ "$(grep -c "^ *[0-9]\+\. Zwischenbilanz der Verwaltungsdigitalisierung" "$TMP/out")" -eq 2 ] && ok || fail "--no-collapse: both files"
expect_no_grep "--no-collapse lists no copies" "Gleicher Text" "$TMP/out"
# a filter that only one copy matches shows that copy
json --filter format=html "titel:Zwischenbilanz" >"$TMP/a.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; assert [h["format"] for h in r if h["id"].startswith(sys.argv[2])] == ["html"], r' \
  "$TMP/a.json" "$TWIN" && ok || fail "duplicates: filter picks the matching copy"

# spelling: "Meinten Sie" in text and JSON when nothing matches
expect_exit 1 "misspelt word" -- "$WA_SEARCH" --db "$DB" Wasserversorgnug
expect_grep "Meinten Sie in text" "^Meinten Sie: [Ww]asserversorgung\?$" "$TMP/out"
expect_grep "Meinten Sie on stderr" "meinten Sie: [Ww]asserversorgung\?" "$TMP/err"
json Wasserversorgnug >"$TMP/a.json"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["suggestion"].lower() == "wasserversorgung"' "$TMP/a.json" && ok || fail "suggestion in JSON"
json Wasserversorgung >"$TMP/a.json"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["suggestion"] is None' "$TMP/a.json" && ok || fail "no suggestion for a correct word"

# snippets: the best passage from anywhere in the text, stemmed forms marked
json Müllabfuhr >"$TMP/a.json"
python3 - "$TMP/a.json" "$DOC" "$CORPUS/$DOC" <<'PY' && ok || fail "snippet from deep in the text"
import json, sys
hits = {h["id"]: h for h in json.load(open(sys.argv[1]))["results"]}
text = open(sys.argv[3], encoding="utf-8").read()
assert text.find("Müllabfuhr") > 500, "the word is not deep in the document"
assert "<mark>Müllabfuhr</mark>" in hits[sys.argv[2]]["snippet_html"], hits[sys.argv[2]]
assert "Müllabfuhr" in hits[sys.argv[2]]["snippet"] and "<mark>" not in hits[sys.argv[2]]["snippet"]
PY
json -n 1000 Chatbots >"$TMP/a.json"
python3 - "$TMP/a.json" <<'PY' && ok || fail "snippets mark stemmed forms"
import json, re, sys
marked = set()
for h in json.load(open(sys.argv[1]))["results"]:
    marked |= {m.lower() for m in re.findall(r"<mark>(.*?)</mark>", h["snippet_html"])}
assert "chatbot" in marked, marked
PY
# compounds whose last part a query word matched are marked too
# (a short document of its own, so the snippet is its whole text whatever else the corpus holds)
mkdir -p "$TMP/kompositum"
printf 'Die Verwaltungsdigitalisierung scheitert auf dem Land oft an Funklöchern.\n' >"$TMP/kompositum/notiz.txt"
"$WA_INDEX" --db "$TMP/kdb" -q add "$TMP/kompositum" >/dev/null 2>&1
"$WA_SEARCH" --db "$TMP/kdb" --json "Digitalisierung Funklöchern" >"$TMP/a.json"
python3 - "$TMP/a.json" <<'PY' && ok || fail "snippets mark compounds"
import json, sys
hits = json.load(open(sys.argv[1]))["results"]
assert any("<mark>Verwaltungsdigitalisierung</mark>" in h["snippet_html"] for h in hits), hits
PY
"$WA_SEARCH" --db "$TMP/kdb" --color=always "Digitalisierung Funklöchern" >"$TMP/a" 2>/dev/null
grep -q $'\033\[1mVerwaltungsdigitalisierung\033\[0m' "$TMP/a" && ok || fail "--color: compound in bold"
# --color: bold matches on request, plain when piped or never
"$WA_SEARCH" --db "$DB" --color=always Müllabfuhr >"$TMP/a" 2>/dev/null
grep -q $'\033\[1mMüllabfuhr\033\[0m' "$TMP/a" && ok || fail "--color=always: bold match"
"$WA_SEARCH" --db "$DB" --color=never Müllabfuhr >"$TMP/a" 2>/dev/null
grep -q $'\033' "$TMP/a" && fail "--color=never: escape codes" || ok
"$WA_SEARCH" --db "$DB" Müllabfuhr >"$TMP/a" 2>/dev/null
grep -q $'\033' "$TMP/a" && fail "--color=auto piped: escape codes" || ok
# --color=auto on a terminal (a pseudo-terminal from script(1)): bold, unless NO_COLOR
if command -v script >/dev/null; then
  TERM=xterm script -qec "'$WA_SEARCH' --db '$DB' Müllabfuhr" /dev/null >"$TMP/a" 2>&1
  grep -q $'\033\[1mMüllabfuhr\033\[0m' "$TMP/a" && ok || fail "--color=auto on a terminal: no bold"
  NO_COLOR=1 TERM=xterm script -qec "'$WA_SEARCH' --db '$DB' Müllabfuhr" /dev/null >"$TMP/a" 2>&1
  grep -q 'Müllabfuhr' "$TMP/a" && ! grep -q $'\033' "$TMP/a" && ok || fail "NO_COLOR: escape codes on a terminal"
fi
"$WA_SEARCH" --db "$DB" --json --color=always Müllabfuhr >"$TMP/a" 2>/dev/null
grep -q $'\033' "$TMP/a" && fail "--color=always leaks into JSON" || ok
# the text output: count line, German date, Werkstatt, type, path, snippet
expect_exit 0 "text output" -- "$WA_SEARCH" --db "$DB" Müllabfuhr
expect_grep "text: count line" "^[0-9]+ Treffer$" "$TMP/out"
expect_grep "text: title" "^  1\. " "$TMP/out"
expect_grep "text: date, Werkstatt, type" "^     20\.09\.2019 · Digitale Daseinsvorsorge · Artikel$" "$TMP/out"
expect_grep "text: path" "^     .*/$DOC$" "$TMP/out"
expect_grep "text: snippet" "^     ….*Müllabfuhr" "$TMP/out"
finish
