#!/usr/bin/env bash
# Every format is indexed and findable with its metadata; broken files are
# reported and skipped; re-running add extracts nothing; sync and remove work.
. "$(dirname "$0")/lib.sh"

SRC="$TMP/archiv"
DB="$TMP/db"
mkdir -p "$SRC"
cp -p -r "$CORPUS/formate" "$SRC/formate"
cp -p -r "$FIXTURES/edge" "$SRC/kaputt"

json_field() { # json_field FILE PYTHON-EXPRESSION-ON-d
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

# ---- first run: everything indexed except the broken files ----------------
expect_exit 1 "add with broken files exits 1" -- "$WA_INDEX" --db "$DB" --json add "$SRC"
cp "$TMP/out" "$TMP/first.json"
cp "$TMP/err" "$TMP/first.err"
for f in abgeschnitten.docx leer.pdf scan-ohne-text.pdf kein-pdf.pdf zipbombe.docx \
         tief-verschachtelt.xml lachsalven.xml binaer.txt; do
  expect_grep "broken file $f is reported" "kaputt/$f'" "$TMP/first.err"
done
expect_grep "truncated DOCX reason" "abgeschnitten.docx': not a valid ZIP" "$TMP/first.err"
expect_grep "zip bomb reason" "zipbombe.docx': .*MiB" "$TMP/first.err"
expect_grep "scanned PDF reason" "no text extracted" "$TMP/first.err"
expect_grep "nesting reason" "tief-verschachtelt.xml': .*depth" "$TMP/first.err"
expect_grep "binary reason" "binaer.txt': binary" "$TMP/first.err"
n=$(ls "$SRC/formate" | grep -vc '\.meta$')
[ "$(json_field "$TMP/first.json" 'd["indexed"]')" -eq $((n + 3)) ] && ok ||
  fail "indexed count: $(json_field "$TMP/first.json" 'd["indexed"]'), want $((n + 3))"
[ "$(json_field "$TMP/first.json" 'len(d["failed"])')" -eq 8 ] && ok || fail "8 failures listed"
# a file of unknown type is skipped with its reason, not indexed as garbage
printf '\x89PNG\r\n\x1a\n' >"$SRC/kaputt/bild.png"
expect_exit 1 "unknown type" -- "$WA_INDEX" --db "$DB" --json add "$SRC"
[ "$(json_field "$TMP/out" '[s["reason"] for s in d["skipped_files"] if s["path"].endswith("/bild.png")][0]')" = "unknown file type" ] &&
  ok || fail "unknown file type not listed as skipped"
rm "$SRC/kaputt/bild.png"

# ---- every format's own words are findable --------------------------------
while read -r word id; do
  got=$(ids "$DB" "$word" | tr '\n' ' ')
  case " $got" in *" $id "*) ok ;; *) fail "'$word' should find $id, found: $got" ;; esac
done <<'WORDS'
Transparenzregister formate/protokoll-ki-werkstatt-2021-03.docx
Posteingangsklassifikation formate/protokoll-ki-werkstatt-2021-03.docx
Formularvalidierung formate/ergebnis-barrierefreie-formulare.odt
Haltestellenkataster formate/artikel-offene-daten-kommunen.pdf
Übergangsfristen formate/protokoll-datenschutz-loeschfristen.pdf
Müllereimer formate/protokoll-datenschutz-loeschfristen.pdf
Bürgerkoffer formate/haushaltsnotiz-smarte-doerfer.txt
Hasskommentaren formate/einladung-social-media-utf16.txt
Feuerlöscher formate/telefonkette-serverraum-utf16be.txt
Sondierungsphase formate/cloud-migration-notizen.md
Lesereihenfolge formate/checkliste-barrierefreie-pdf.md
Wertstromabgleich formate/ergebnis-retrospektiven.xml
Eskalationsmatrix formate/protokoll-redaktionsrunde-intern.xml
Dialogassistent formate/vermerk-chatbot-personal.txt
Quelloffenheit formate/ergebnis-open-source-strategie.docx
Sperrmülltermin formate/protokoll-chatbot-testphase.odt
Redaktionsfrühstück formate/rundbrief-social-media-2021.txt
Abwehrtext kaputt/xxe.xml
Wohlbehaltenes kaputt/ok-neben-kaputten.txt
WORDS
# Windows-1252 characters survive: the euro sign and German quotes
"$WA_SEARCH" --db "$DB" --json Förderprogramm >"$TMP/s.json"
expect_grep "Windows-1252 euro sign decoded" "250.000 €" "$TMP/s.json"
expect_grep "Windows-1252 quotes decoded" "„Smarte Dörfer“" "$TMP/s.json"
# decomposed umlauts in the PDF are composed: the composed query word matches
expect_grep "decomposed PDF text is NFC" "Übergangsfristen" <("$WA_SEARCH" --db "$DB" --json Übergangsfristen)
# a mislabelled charset still reads right
[ -n "$(ids "$DB" Größe Maßnahme)" ] && ok || fail "mislabelled HTML charset not repaired"
# the XXE attempt did not pull in /etc/passwd
[ -z "$(ids "$DB" root daemon)" ] && ok || fail "XXE: /etc/passwd content is indexed"

# ---- metadata appears in the results ----------------------------------------
"$WA_SEARCH" --db "$DB" --json Transparenzregister >"$TMP/m.json"
r='d["results"][0]'
[ "$(json_field "$TMP/m.json" "$r[\"type\"]")" = Protokoll ] && ok || fail "DOCX: sidecar type"
[ "$(json_field "$TMP/m.json" "$r[\"werkstatt\"]")" = "Künstliche Intelligenz" ] && ok ||
  fail "DOCX: sidecar werkstatt"
[ "$(json_field "$TMP/m.json" "$r[\"title\"]")" = "Protokoll der Werkstatt KI in der Verwaltung" ] &&
  ok || fail "DOCX: title from core.xml"
[ "$(json_field "$TMP/m.json" "'|'.join($r[\"tags\"])")" = "KI|Posteingang|Transparenzregister" ] &&
  ok || fail "DOCX: keywords as tags"
[ "$(json_field "$TMP/m.json" "'|'.join($r[\"authors\"])")" = "Miriam Albers|Jonas Petersen" ] &&
  ok || fail "DOCX: sidecar authors override the document's"
"$WA_SEARCH" --db "$DB" --json Haltestellenkataster >"$TMP/m.json"
[ "$(json_field "$TMP/m.json" "$r[\"title\"]")" = "Offene Daten in kleinen Kommunen" ] && ok ||
  fail "PDF: title from pdfinfo"
[ "$(json_field "$TMP/m.json" "$r[\"date\"]")" = 2022-06-14 ] && ok || fail "PDF: date from pdfinfo"
"$WA_SEARCH" --db "$DB" --json Müllereimer >"$TMP/m.json"
[ "$(json_field "$TMP/m.json" "$r[\"date\"]")" = 2022-05-04 ] && ok ||
  fail "PDF without info: date from 'Sitzung vom 4. Mai 2022'"
"$WA_SEARCH" --db "$DB" --json Sondierungsphase >"$TMP/m.json"
[ "$(json_field "$TMP/m.json" "$r[\"werkstatt\"]")" = "Neue Technologien und Cloud" ] && ok ||
  fail "Markdown: front matter werkstatt"
[ "$(json_field "$TMP/m.json" "'|'.join($r[\"tags\"])")" = "Cloud|Migration|Souveränität" ] &&
  ok || fail "Markdown: front matter list"
"$WA_SEARCH" --db "$DB" --json Wertstromabgleich >"$TMP/m.json"
[ "$(json_field "$TMP/m.json" "'|'.join($r[\"authors\"])")" = "Sven Brandt|Ülkü Aydın" ] && ok ||
  fail "XML: authors"
[ "$(json_field "$TMP/m.json" "$r[\"type\"]")" = Ergebnis ] && ok || fail "XML: type attribute"
# fielded search uses the metadata
[ "$(ids "$DB" typ:Protokoll werkstatt:Datenschutz)" = formate/protokoll-datenschutz-loeschfristen.pdf ] &&
  ok || fail "typ:/werkstatt: filters over sidecar metadata"

# ---- internal documents live in the internal database only ------------------
[ -n "$(ids "$DB/internal" Eskalationsmatrix)" ] && ok || fail "internal XML not in internal/"
[ -z "$(ids "$DB/public" Eskalationsmatrix)" ] && ok || fail "internal XML leaked into public/"
[ -z "$(ids "$DB/public" Dialogassistent)" ] && ok || fail "sidecar-internal text leaked into public/"
[ -z "$(ids "$DB/public" Quelloffenheit)" ] && ok || fail "sidecar-internal DOCX leaked into public/"
"$WA_SEARCH" --db "$DB" --json Sperrmülltermin >"$TMP/m.json"
[ "$(json_field "$TMP/m.json" "$r[\"title\"]")" = "Protokoll der Sitzung vom 21. Juni 2023" ] && ok ||
  fail "ODT: title from the first heading"
"$WA_SEARCH" --db "$DB" --json Redaktionsfrühstück >"$TMP/m.json"
expect_grep "Windows-1252 text: euro and quotes" "8,50 € pro Person" "$TMP/m.json"

# ---- a second run extracts nothing ------------------------------------------
expect_exit 1 "second add still reports the broken files" -- "$WA_INDEX" --db "$DB" --json add "$SRC"
[ "$(json_field "$TMP/out" 'd["extracted"]')" -eq 0 ] && ok || fail "second run extracted files"
[ "$(json_field "$TMP/out" 'd["indexed"]')" -eq 0 ] && ok || fail "second run indexed files"
[ "$(json_field "$TMP/out" 'len(d["failed"])')" -eq 8 ] && ok || fail "remembered failures reported"
expect_exit 1 "text summary" -- "$WA_INDEX" --db "$DB" add "$SRC"
expect_grep "text summary shows no extraction" "0 indexiert, $((n + 3)) unverändert.*; 0 extrahiert" "$TMP/out"
# a new mtime with the same content: the hash says unchanged
touch "$SRC/formate/cloud-migration-notizen.md" "$SRC/formate/ergebnis-barrierefreie-formulare.odt"
expect_exit 1 "touch only" -- "$WA_INDEX" --db "$DB" --json add "$SRC"
[ "$(json_field "$TMP/out" 'd["extracted"]')" -eq 0 ] && ok || fail "touched files were extracted"
# --retry-failed tries the broken files again (and they fail again)
expect_exit 1 "retry failed" -- "$WA_INDEX" --db "$DB" --json --retry-failed add "$SRC"
[ "$(json_field "$TMP/out" 'd["extracted"]')" -eq 8 ] && ok || fail "--retry-failed did not retry 8"
# a repaired file is retried without being asked
cp "$FIXTURES/formats/sample.docx" "$SRC/kaputt/abgeschnitten.docx"
expect_exit 1 "repaired file" -- "$WA_INDEX" --db "$DB" --json add "$SRC"
[ "$(json_field "$TMP/out" 'd["extracted"]')" -eq 1 ] && ok || fail "repaired file not retried"
[ "$(json_field "$TMP/out" 'len(d["failed"])')" -eq 7 ] && ok || fail "repaired file still failed"
[ "$(ids "$DB" Eichhörnchen)" = kaputt/abgeschnitten.docx ] && ok || fail "repaired file not found"

# ---- changes: content, visibility ------------------------------------------
printf '\nNachtrag: Sumpfkrebsbeobachtung.\n' >>"$SRC/formate/checkliste-barrierefreie-pdf.md"
expect_exit 1 "changed file" -- "$WA_INDEX" --db "$DB" --json add "$SRC"
[ "$(json_field "$TMP/out" 'd["extracted"]')" -eq 1 ] && ok || fail "changed file: extracted != 1"
[ "$(ids "$DB" Sumpfkrebsbeobachtung)" = formate/checkliste-barrierefreie-pdf.md ] && ok ||
  fail "changed content not found"
# a sidecar making a public document internal moves it
printf 'Sichtbarkeit: intern\n' >"$SRC/formate/checkliste-barrierefreie-pdf.md.meta"
expect_exit 1 "visibility change" -- "$WA_INDEX" --db "$DB" add "$SRC"
[ -z "$(ids "$DB/public" Lesereihenfolge)" ] && ok || fail "now-internal document still public"
[ "$(ids "$DB/internal" Lesereihenfolge)" = formate/checkliste-barrierefreie-pdf.md ] && ok ||
  fail "now-internal document not in internal/"

# an unknown sidecar key is a warning; the document is still indexed
printf 'Tpy: Protokoll\nTitel: Checkliste mit Warnung\n' >"$SRC/formate/checkliste-barrierefreie-pdf.md.meta"
expect_exit 1 "sidecar warning" -- "$WA_INDEX" --db "$DB" --json add "$SRC"
expect_grep "warning on stderr" "warning: '.*checkliste-barrierefreie-pdf.md': .*unknown key 'Tpy'" "$TMP/err"
[ "$(json_field "$TMP/out" '[w["warning"] for w in d["warnings"]][0]')" != "" ] && ok ||
  fail "warning missing from the JSON summary"
"$WA_SEARCH" --db "$DB" --json Lesereihenfolge >"$TMP/m.json"
[ "$(json_field "$TMP/m.json" "$r[\"title\"]")" = "Checkliste mit Warnung" ] && ok ||
  fail "sidecar lines beside an unknown key not applied"

# a document that now fails (here: a typo in its visibility) leaves the index
printf 'Sichtbarkeit: intren\n' >"$SRC/formate/checkliste-barrierefreie-pdf.md.meta"
expect_exit 1 "visibility typo" -- "$WA_INDEX" --db "$DB" add "$SRC"
expect_grep "visibility typo reported" "checkliste-barrierefreie-pdf.md': .*Sichtbarkeit" "$TMP/err"
[ -z "$(ids "$DB" Lesereihenfolge)" ] && ok || fail "stale version of a failing document still found"
rm "$SRC/formate/checkliste-barrierefreie-pdf.md.meta"

# ---- sync removes vanished files, remove works ------------------------------
rm "$SRC/formate/telefonkette-serverraum-utf16be.txt" "$SRC/kaputt/binaer.txt"
expect_exit 1 "sync" -- "$WA_INDEX" --db "$DB" --json sync "$SRC"
[ "$(json_field "$TMP/out" 'd["removed"]')" -eq 1 ] && ok || fail "sync removed != 1"
expect_no_grep "vanished broken file not listed" "binaer.txt" "$TMP/err"
# its remembered failure is forgotten too: the same file coming back is tried afresh
cp -p "$FIXTURES/edge/binaer.txt" "$SRC/kaputt/binaer.txt"
expect_exit 1 "vanished file returns" -- "$WA_INDEX" --db "$DB" --json add "$SRC"
[ "$(json_field "$TMP/out" 'd["extracted"]')" -eq 1 ] && ok || fail "sync kept a vanished failure"
[ -z "$(ids "$DB" Feuerlöscher)" ] && ok || fail "vanished file still found"
expect_exit 0 "remove by id" -- "$WA_INDEX" --db "$DB" remove formate/cloud-migration-notizen.md
[ -z "$(ids "$DB" Sondierungsphase)" ] && ok || fail "removed document still found"
expect_exit 0 "remove by path" -- "$WA_INDEX" --db "$DB" remove "$SRC/formate/ergebnis-retrospektiven.xml"
[ -z "$(ids "$DB" Wertstromabgleich)" ] && ok || fail "document removed by path still found"

# ---- a page that asks not to be indexed is not extracted again either --------
mkdir -p "$TMP/n"
printf '<html><head><meta name="robots" content="noindex"></head><body>Geheimseite</body></html>\n' \
  >"$TMP/n/seite.html"
expect_exit 0 "noindex page" -- "$WA_INDEX" --db "$TMP/ndb" --json add "$TMP/n"
[ "$(json_field "$TMP/out" 'd["skipped"]')" -eq 1 ] && ok || fail "noindex page not skipped"
expect_exit 0 "noindex page again" -- "$WA_INDEX" --db "$TMP/ndb" --json add "$TMP/n"
[ "$(json_field "$TMP/out" 'd["skipped"], d["extracted"]')" = "1 0" ] && ok ||
  { fail "unchanged noindex page extracted again"; cat "$TMP/out" "$TMP/err" >&2; }
[ -z "$(ids "$TMP/ndb" Geheimseite)" ] && ok || fail "noindex page indexed"

finish
