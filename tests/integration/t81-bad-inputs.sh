#!/usr/bin/env bash
# Bad inputs cost only themselves: hostile file names, sizes, encodings and
# races when indexing, hostile queries on the command line, hostile query
# strings on the search page. Each gets a clear per-file or per-request
# error, the rest proceeds, and nothing already indexed is lost.
. "$(dirname "$0")/lib.sh"
: "${WA_CGI:?run through ctest}"

SRC="$TMP/src"
DB="$TMP/archive"
mkdir -p "$SRC/gut"
S=("$WA_SEARCH" --db "$DB")

# ---- an archive that already holds good documents ---------------------------
for w in Bestandswort Vorratsprotokoll Altbestandsnotiz; do
  printf 'Ein gutes Dokument über das %s der Gemeinde.\n' "$w" >"$SRC/gut/$w.txt"
done
"$WA_INDEX" --db "$DB" -q add "$SRC" >/dev/null 2>"$TMP/err" && ok || fail "indexing the good documents"
before=$(ids "$DB" '' | sort)
[ "$(echo "$before" | wc -l)" -eq 3 ] && ok || fail "three good documents before: $before"

# still_there DESCRIPTION: the good documents are all still found, each by its word
still_there() {
  local w
  for w in Bestandswort Vorratsprotokoll Altbestandsnotiz; do
    [ "$(ids "$DB" "$w")" = "gut/$w.txt" ] && ok || fail "$1: '$w' lost"
  done
}

# ---- bad files, all in one run -------------------------------------------------
B="$SRC/boese"
mkdir -p "$B"
# a newline and invalid UTF-8 in file names: stored as they are, found by their words
printf 'Zeilenumbruchname im Dateinamen.\n' >"$B/zeilen"$'\n'"umbruch.txt"
printf 'Bytenamendokument mit kaputtem Namen.\n' >"$B/"$'ung\xfcltig\xff'".txt"
# a path far beyond Xapian's 245-byte term limit (the id term is then a hash)
deep="$B"
for i in $(seq 1 12); do deep="$deep/verzeichnis-mit-einem-sehr-langen-namen-$i"; done
mkdir -p "$deep"
printf 'Tiefenpfadwort ganz unten.\n' >"$deep/$(printf 'n%.0s' $(seq 1 200)).txt"
# words of 200 and 100,000 letters beside a normal one
{ printf 'Langwortnachbar '; printf 'x%.0s' $(seq 1 200); printf ' '; head -c 100000 /dev/zero | tr '\0' 'q'; printf ' Langwortende\n'; } >"$B/langes-wort.txt"
# a 2 GB sparse file: refused by its size, never read
truncate -s 2G "$B/riesig.txt"
# UTF-16LE without a BOM
printf 'Gemeindeverwaltung ohne Byte-Reihenfolge: Straßenreinigung\n' | iconv -f UTF-8 -t UTF-16LE >"$B/utf16-ohne-bom.txt"
# NUL bytes: at the start a binary file; after the first 8 KiB inside text
printf 'Nullbytebeginn\0\0\0 Text\n' >"$B/nul-anfang.txt"
{ head -c 9000 /dev/zero | tr '\0' 'a' | fold -w 60; printf '\nvorher Nullbytemitte\0danach Nullbyteende\n'; } >"$B/nul-mitte.txt"
# a file that grows and one that vanishes at the moment they are read
# (an LD_PRELOAD shim makes the race happen every run)
printf 'Wachsdateiwort am Anfang.\n' >"$B/wachsend.txt"
printf 'Verschwindewort.\n' >"$B/verschwindet.txt"
shim=
if cc -shared -fPIC -o "$TMP/shim.so" "$WA_SOURCE_DIR/tests/integration/shim-io.c" -ldl 2>"$TMP/cc.err"; then
  shim="$TMP/shim.so"
else
  echo "note: no C compiler for the I/O shim; grow/vanish not tested" >&2
fi

env ${shim:+LD_PRELOAD="$shim"} WA_SHIM_GROW="$B/wachsend.txt" \
  WA_SHIM_VANISH="$B/verschwindet.txt" timeout 600 "$WA_INDEX" --db "$DB" --json add "$SRC" \
  >"$TMP/run.json" 2>"$TMP/run.err"
rc=$?
[ "$rc" -eq 1 ] && ok || { fail "the run with bad files: exit $rc, expected 1"; sed 's/^/  | /' "$TMP/run.err" | head -20 >&2; }
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/run.json" && ok || fail "JSON summary"

# failed_for NAME PATTERN: the JSON summary lists NAME as failed with a reason matching PATTERN
failed_for() {
  python3 - "$TMP/run.json" "$1" "$2" <<'PY' && ok || fail "failure of '$1' with /$2/ not in the summary"
import json, re, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if any(f["path"].endswith(sys.argv[2]) and re.search(sys.argv[3], f["reason"]) for f in d["failed"]) else 1)
PY
}
warned_for() {
  python3 - "$TMP/run.json" "$1" "$2" <<'PY' && ok || fail "warning for '$1' with /$2/ not in the summary"
import json, re, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if any(f["path"].endswith(sys.argv[2]) and re.search(sys.argv[3], f["warning"]) for f in d["warnings"]) else 1)
PY
}
failed_for riesig.txt "larger than 256 MiB"
failed_for nul-anfang.txt "binary content"
failed_for "$(printf 'ung\xef\xbf\xbdltig\xef\xbf\xbd.txt')" "file name is not valid UTF-8"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["cut"] == 0 else 1)' "$TMP/run.json" && ok || fail "JSON: nothing cut"
if [ -n "$shim" ]; then
  failed_for wachsend.txt "changed while being read"
  failed_for verschwindet.txt "cannot open: No such file"
fi
grep -q "failed '.*riesig.txt': file larger than 256 MiB" "$TMP/run.err" && ok || fail "per-file line on stderr"

# what was indexed is found by its words
found() { # found WORD NAME-PATTERN
  ids "$DB" "$1" | grep -Eq -- "$2" && ok || fail "'$1' does not find $2"
}
found Zeilenumbruchname 'zeilen$'
found Tiefenpfadwort '/nnnnnnnnnn+\.txt$'
found Langwortnachbar 'langes-wort'
found Langwortende 'langes-wort'
found Straßenreinigung 'utf16-ohne-bom'
found Nullbytemitte 'nul-mitte'
found Nullbyteende 'nul-mitte'
[ -z "$(ids "$DB" Bytenamendokument)" ] && ok || fail "the file with an invalid UTF-8 name was indexed"
[ -z "$(ids "$DB" Nullbytebeginn)" ] && ok || fail "the binary file was indexed"
still_there "after the bad files"
# the long path: show finds it by its id, and its id is the whole path
longid=$(ids "$DB" Tiefenpfadwort)
[ "${#longid}" -gt 700 ] && ok || fail "long id is ${#longid} bytes"
expect_exit 0 "show the long path" -- "${S[@]}" show "$longid"
expect_grep "show the long path: text" "Tiefenpfadwort" "$TMP/out"
# the newline in a name is escaped on the terminal (one hit, one path line)
expect_exit 0 "search the newline name" -- "${S[@]}" --color=never Zeilenumbruchname
expect_grep "newline name shown as \\n" '^     /.*/boese/zeilen\\numbruch\.txt$' "$TMP/out"

# the next run without the races: the changed file is read again, nothing else changes
if [ -n "$shim" ]; then
  expect_exit 1 "next run" -- "$WA_INDEX" --db "$DB" -q add "$SRC"
  found Wachsdateiwort 'wachsend'
  still_there "after the next run"
fi

# a PDF whose converter spins: bounded by --timeout (a stand-in pdftotext
# burns CPU for files named *schleife*, runs the real one otherwise)
REAL=$(command -v pdftotext)
mkdir -p "$TMP/bin"
cat >"$TMP/bin/pdftotext" <<SH
#!/bin/sh
case "\$*" in
  *schleife*) while :; do :; done ;;
esac
exec "$REAL" "\$@"
SH
chmod +x "$TMP/bin/pdftotext"
mkdir -p "$TMP/pdf"
cp "$FIXTURES/formats/sample.pdf" "$TMP/pdf/schleife.pdf"
printf 'Nachbar der Schleife.\n' >"$TMP/pdf/nachbar.txt"
expect_exit 1 "a spinning converter is a per-file failure" -- env PATH="$TMP/bin:$PATH" \
  "$WA_INDEX" --db "$TMP/pdfdb" --timeout 2 add "$TMP/pdf"
expect_grep "spinning converter: reason" "failed '.*schleife.pdf': pdftotext (timed out after 2 s|was killed)" "$TMP/err"
[ "$(ids "$TMP/pdfdb" Nachbar)" = nachbar.txt ] && ok || fail "the file beside the spinning PDF"

# ---- hostile queries on the command line: exit 2, a short message -------------
# short_error DESCRIPTION PATTERN QUERY: exit 2, the message, at most 300 bytes on stderr
short_error() {
  expect_exit 2 "$1" -- "${S[@]}" "$3"
  expect_grep "$1: message" "^werkarchiv-search: $2" "$TMP/err"
  [ "$(wc -c <"$TMP/err")" -lt 300 ] && ok || fail "$1: stderr has $(wc -c <"$TMP/err") bytes"
}
big=$(head -c 102400 /dev/zero | tr '\0' 'a')
short_error "100 KiB query" "die Suchanfrage ist zu lang \(102400 Bytes, höchstens 1024\)" "$big"
words=$(python3 -c 'print(" ".join("wort%d" % i for i in range(10000)))')
short_error "10,000 words" "die Suchanfrage ist zu lang" "$words"
short_error "33 short words" "die Suchanfrage hat zu viele Wörter \(33, höchstens 32\)" "$(seq -s ' ' 1 33)"
nest=$(printf '(%.0s' $(seq 1 2000))Bestandswort$(printf ')%.0s' $(seq 1 2000))
short_error "2,000 nested brackets" "die Suchanfrage ist zu lang" "$nest"
nest=$(printf '(%.0s' $(seq 1 500))Bestandswort$(printf ')%.0s' $(seq 1 500))
expect_exit 0 "500 nested brackets within the limit" -- "${S[@]}" "$nest"
unbalanced=$(printf '(%.0s' $(seq 1 1000))
expect_exit 1 "1,000 unclosed brackets" -- "${S[@]}" "$unbalanced"
[ "$(wc -c <"$TMP/err")" -lt 300 ] && ok || fail "unclosed brackets: stderr has $(wc -c <"$TMP/err") bytes"
short_error "5 wildcards" "die Suchanfrage hat zu viele Platzhalter" "a* b* c* d* e*"
for q in 'a*' '*' 'e* s* d* w*' '"a* b*"' 'a* NEAR/50 b*' 'w0*'; do
  timeout 60 "${S[@]}" -n 5 "$q" >/dev/null 2>"$TMP/err"
  rc=$?
  [ "$rc" -le 1 ] && ok || fail "wildcard query '$q': exit $rc: $(head -c 200 "$TMP/err")"
done
short_error "wide NEAR" "NEAR/5000 ist zu weit" "a NEAR/5000 b"
short_error "query with invalid UTF-8" "die Suchanfrage ist kein gültiger UTF-8-Text" $'Stra\xdfe \xff'

# ---- hostile query strings on the search page: 400, short German page ---------
CONF="$TMP/cgi.conf"
printf 'archive = %s\n' "$DB" >"$CONF"
cgi() { # cgi QUERY_STRING: status to $TMP/status, body to $TMP/b
  env -i PATH="$PATH" ASAN_OPTIONS="${ASAN_OPTIONS:-}" LSAN_OPTIONS="${LSAN_OPTIONS:-}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" REQUEST_METHOD=GET PATH_INFO=/ QUERY_STRING="$1" \
    SCRIPT_NAME=/werkarchiv.cgi SERVER_NAME=localhost SERVER_PORT=80 \
    WERKARCHIV_CGI_CONFIG="$CONF" timeout 60 "$WA_CGI" >"$TMP/resp" 2>"$TMP/cgierr"
  local rc=$?
  [ "$rc" -eq 0 ] && ok || fail "CGI exit $rc for '${1:0:60}'"
  sed -n 's/^Status: \([0-9]*\).*/\1/p' "$TMP/resp" | head -1 >"$TMP/status"
  sed '1,/^\r$/d' "$TMP/resp" >"$TMP/b"
}
bad_request() { # bad_request DESCRIPTION QUERY_STRING [PATTERN]
  cgi "$2"
  [ "$(cat "$TMP/status")" = 400 ] && ok || fail "$1: status $(cat "$TMP/status"), expected 400"
  [ -z "${3:-}" ] || expect_grep "$1: message" "$3" "$TMP/b"
  # the page quotes at most a few dozen characters of the input
  if grep -q 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' "$TMP/b"; then fail "$1: the page echoes the input"; else ok; fi
}
bad_request "%00 in q" "q=Bestands%00wort" "UTF-8|Kodierung|Steuerzeichen|NUL"
bad_request "invalid UTF-8 in q" "q=Stra%DFe+%FF" "kein gültiger UTF-8-Text"
bad_request "truncated %-sequence" "q=M%C3" "UTF-8|Kodierung"
bad_request "bad %-sequence" "q=%zz" "ungültige Kodierung"
bad_request "repeated q" "q=a&q=b" "darf nur einmal vorkommen"
bad_request "unknown key" "q=a&db=..%2Finternal" "unbekannter Parameter"
bad_request "unknown key with a long name" "$(printf 'a%.0s' $(seq 1 300))=1" "unbekannter Parameter"
bad_request "100 KiB query string" "q=$big" "zu lang"
bad_request "2 KiB query" "q=$(head -c 2000 /dev/zero | tr '\0' 'a')" "die Suchanfrage ist zu lang"
bad_request "33 words" "q=$(seq -s + 1 33)" "zu viele Wörter"
bad_request "page beyond the limit" "q=a&seite=4000000000" "seite"
bad_request "page size beyond the limit" "q=a&anzahl=1000000000" "anzahl"
bad_request "17 filters" "q=a$(for i in $(seq 1 17); do printf '&filter=typ%%3DT%d' "$i"; done)" "zu viele Filter"
bad_request "control characters in a filter name" "filter=%01typ%3Da" "Filterfeld"
cgi "q=Bestandswort"
[ "$(cat "$TMP/status")" = 200 ] && ok || fail "a good request after the bad ones: status $(cat "$TMP/status")"
expect_grep "a good request finds its document" "Bestandswort" "$TMP/b"

finish
