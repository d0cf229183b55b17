#!/usr/bin/env bash
# Snippets show the passage with the matches, wherever it lies in a long text,
# and mark every match: stems, compounds, gender forms, identifiers, concepts;
# passages far apart are joined by " … "; text, JSON and the CGI's page agree.
. "$(dirname "$0")/lib.sh"
D="$TMP/docs"
mkdir -p "$D"
# doc NAME TITLE AT TEXT: a document of filler sentences with TEXT at byte AT
# (TEXT may hold several "@OFFSET@text" parts for several places)
python3 - "$D" <<'PY'
import sys
d = sys.argv[1]
fill = "Der Bericht nennt Zahlen aus dem Vorjahr und beschreibt die Lage im Einzelnen. "
def doc(name, title, parts, size=60000):
    body = (fill * (size // len(fill) + 1))[:size]
    for at, text in parts:
        at = body.rfind(". ", 0, at) + 2
        body = body[:at] + text + " " + body[at:]
    open(f"{d}/{name}", "w").write(title + "\n\n" + body + "\n")
doc("lang.txt", "Jahresbericht", [(45000, "Die Sitzungen des Ausschusses fanden monatlich statt.")])
doc("kompositum.txt", "Strategiepapier", [(30000, "Die Verwaltungsdigitalisierung kommt voran.")])
doc("unterstrich.txt", "Krisenbericht", [(20000, "Viele Bürger_innen fragten nach Sandsäcken.")])
doc("binnen.txt", "Webbericht", [(25000, "Es nutzen alle BürgerInnen das Portal.")])
doc("stern.txt", "Coronabericht", [(35000, "Die meisten Bürger*innen wollten dasselbe wissen.")])
doc("paragraf.txt", "Bauvorhaben", [(40000, "Das Vorhaben ist nach § 34 BauGB zulässig.")])
doc("akte.txt", "Widerspruch", [(15000, "Der Bescheid trägt das Az. 12-345/2021 und ist bestandskräftig.")])
doc("konzept.txt", "Pilotprojekt", [(50000, "Das Amt setzt künstliche Intelligenz im Posteingang ein.")])
doc("verstreut.txt", "Verstreutes", [(5000, "Der Haushaltsplan wurde beraten."),
    (40000, "Das Protokoll liegt vor."), (75000, "Die Kommission tagte.")], size=90000)
PY
DB="$TMP/db"
"$WA_INDEX" --db "$DB" -q add "$D" >/dev/null 2>"$TMP/index.err" || { fail "indexing"; finish; }

# snippet QUERY ID: the marked snippet (snippet_html) of hit ID for QUERY
snippet() {
  "$WA_SEARCH" --db "$DB" --json -n 50 "$1" 2>/dev/null | python3 -c '
import json, sys
for r in json.load(sys.stdin)["results"]:
    if r["id"] == sys.argv[1]:
        print(r["snippet_html"])' "$2"
}
# marks DESCRIPTION QUERY ID PATTERN: the snippet of ID for QUERY matches PATTERN
marks() {
  local s; s=$(snippet "$2" "$3")
  if printf '%s' "$s" | grep -Eq -- "$4"; then ok; else fail "$1: '$4' not in snippet of $3: $s"; fi
}

marks "stem, far from the start" "Sitzung" lang.txt '<mark>Sitzungen</mark> des Ausschusses'
s=$(snippet "Sitzung" lang.txt)
case "$s" in "Jahresbericht"* | "Der Bericht nennt"*) fail "long text shows its head: $s" ;; *) ok ;; esac
marks "compound with the query word as its head" "Digitalisierung" kompositum.txt '<mark>Verwaltungsdigitalisierung</mark>'
marks "compound part" "Verwaltung" kompositum.txt '<mark>Verwaltungsdigitalisierung</mark>'
marks "gender form Bürger_innen" "Bürger" unterstrich.txt '<mark>Bürger_innen</mark> fragten'
marks "gender form BürgerInnen" "Bürger" binnen.txt 'alle <mark>BürgerInnen</mark>'
marks "gender form Bürger*innen" "Bürger" stern.txt '<mark>Bürger\*innen</mark> wollten'
marks "gender query, feminine form" "Bürgerinnen" stern.txt '<mark>Bürger\*innen</mark>'
marks "paragraph" "§ 34" paragraf.txt 'nach <mark>§ 34</mark> BauGB'
marks "file number" "Az. 12-345/2021" akte.txt '<mark>12-345/2021</mark> und'
marks "synonym concept" "KI" konzept.txt '<mark>künstliche Intelligenz</mark> im Posteingang'
# three words far apart: three passages, each with its word
s=$(snippet "Haushalt Protokoll Kommission" verstreut.txt)
n=$(printf '%s' "$s" | grep -o ' … ' | wc -l)
[ "$n" -eq 2 ] && ok || fail "three passages joined by ' … ': $s"
for w in '<mark>Haushaltsplan</mark>' '<mark>Protokoll</mark>' '<mark>Kommission</mark>'; do
  printf '%s' "$s" | grep -q -- "$w" && ok || fail "passages mark $w: $s"
done

# the same snippet in text, JSON and on the search page
"$WA_SEARCH" --db "$DB" --json "Sitzung" >"$TMP/j" 2>/dev/null
plain=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["snippet"])' "$TMP/j")
html=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["snippet_html"])' "$TMP/j")
"$WA_SEARCH" --db "$DB" --color=never "Sitzung" >"$TMP/t" 2>/dev/null
grep -qF -- "$plain" "$TMP/t" && ok || fail "text output shows the JSON snippet: $plain"
if [ -n "${WA_CGI:-}" ]; then
  printf 'archive = %s\ntitle = Test\n' "$DB" >"$TMP/cgi.conf"
  env -i PATH="$PATH" ASAN_OPTIONS="${ASAN_OPTIONS:-}" LSAN_OPTIONS="${LSAN_OPTIONS:-}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" REQUEST_METHOD=GET PATH_INFO= QUERY_STRING="q=Sitzung" \
    SCRIPT_NAME=/werkarchiv.cgi SERVER_NAME=localhost SERVER_PORT=80 \
    WERKARCHIV_CGI_CONFIG="$TMP/cgi.conf" timeout 20 "$WA_CGI" >"$TMP/page" 2>"$TMP/cgierr"
  grep -qF -- "<p class=\"auszug\">$html</p>" "$TMP/page" && ok ||
    fail "search page shows the JSON snippet: $html"
fi
finish
