#!/usr/bin/env bash
# werkarchiv.cgi run as a process with CGI variables: statuses, headers,
# escaping of hostile input, every error status, caching, downloads, member
# against anonymous, and the canary: an internal document never reaches an
# anonymous request through any channel, while a member sees it everywhere.
. "$(dirname "$0")/lib.sh"
: "${WA_CGI:?run through ctest}"

# The archive: the corpus plus one internal canary document whose text is a
# public document's with unique words added (so "similar documents" of the
# public one would find it), with a unique title, Werkstatt and tag.
SRC="$TMP/src"
mkdir -p "$SRC/geheim"
cp -r "$CORPUS"/. "$SRC/"
TWIN=chatbot-community/2021-03-protokoll-sitzung.txt
{ cat "$CORPUS/$TWIN"; printf '\nDie Quokkaspirale bleibt intern.\n'; } >"$SRC/geheim/quokka.txt"
printf 'titel: Quokkatitel der Geschäftsstelle\nsichtbarkeit: intern\nwerkstatt: Geheimwerkstatt\nschlagworte: Quokkatag\ntyp: Notiz\ndatum: 2021-03-13\n' \
  >"$SRC/geheim/quokka.txt.meta"
DB="$TMP/archive"
"$WA_INDEX" --db "$DB" -q add "$SRC" >/dev/null 2>"$TMP/index.err" || { fail "indexing"; finish; }
CANARY='quokka|geheimwerkstatt|geheim/'
SECRET=geheim/quokka.txt

CONF="$TMP/cgi.conf"
printf 'archive = %s\nmembers = anna, bert\ntitle = Werkarchiv Test\n' "$DB" >"$CONF"

# cgi METHOD PATH_INFO QUERY_STRING [VAR=VALUE...]: run the CGI; the status
# code goes to $TMP/status, headers to $TMP/h (one per line), body to $TMP/b
cgi() {
  local m=$1 pi=$2 qs=$3; shift 3
  env -i PATH="$PATH" ASAN_OPTIONS="${ASAN_OPTIONS:-}" LSAN_OPTIONS="${LSAN_OPTIONS:-}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" REQUEST_METHOD="$m" PATH_INFO="$pi" QUERY_STRING="$qs" \
    SCRIPT_NAME=/werkarchiv.cgi SERVER_NAME=localhost SERVER_PORT=80 \
    WERKARCHIV_CGI_CONFIG="$CONF" "$@" "$WA_CGI" >"$TMP/resp" 2>"$TMP/cgierr"
  local rc=$?
  python3 - "$TMP" <<'PY'
import sys
t = sys.argv[1]
d = open(t + "/resp", "rb").read()
h, _, b = d.partition(b"\r\n\r\n")
open(t + "/h", "wb").write(h.replace(b"\r\n", b"\n") + b"\n")
open(t + "/b", "wb").write(b)
st = [l for l in h.split(b"\r\n") if l.startswith(b"Status: ")]
open(t + "/status", "w").write(st[0][8:11].decode() if st else "none")
PY
  [ "$rc" -eq 0 ] || fail "CGI exit $rc for $m $pi?$qs: $(head -c 300 "$TMP/cgierr")"
}
status_is() { # status_is CODE DESCRIPTION
  local got; got=$(cat "$TMP/status")
  if [ "$got" = "$1" ]; then ok; else fail "$2: status $got, expected $1"; head -c 400 "$TMP/b" >&2; echo >&2; fi
}
header_has() { expect_grep "$1" "$2" "$TMP/h"; }
body_has() { expect_grep "$1" "$2" "$TMP/b"; }
body_lacks() { expect_no_grep "$1" "$2" "$TMP/b"; }
no_canary() { # the body holds nothing of the internal document
  if grep -Eiq -- "$CANARY" "$TMP/b"; then fail "$1: internal document leaked"; grep -Eio -- ".{0,40}($CANARY).{0,40}" "$TMP/b" | head -3 >&2; else ok; fi
}
json_val() { python3 -c "import json,sys; d=json.load(open('$TMP/b')); print($1)"; }

# every answer carries the security headers
security_headers() {
  header_has "$1: CSP" "^Content-Security-Policy: default-src 'none';.*frame-ancestors 'none'"
  expect_no_grep "$1: CSP allows no inline script" "unsafe-inline|script-src" "$TMP/h"
  header_has "$1: nosniff" "^X-Content-Type-Options: nosniff$"
  header_has "$1: referrer" "^Referrer-Policy: no-referrer$"
}
# German error page without internals
error_page() { # error_page CODE DESCRIPTION
  status_is "$1" "$2"
  security_headers "$2"
  header_has "$2: HTML" "^Content-Type: text/html; charset=utf-8$"
  header_has "$2: not cached" "^Cache-Control: no-store$"
  body_has "$2: German heading" "<h1>Fehler $1: "
  body_has "$2: lang" '<html lang="de">'
  body_lacks "$2: no paths" "$TMP|/tmp/|/var/"
  body_lacks "$2: no internals" "Xapian|Database|Error|errno|wa_"
}

# ---- pages and statuses -------------------------------------------------
cgi GET "" ""
status_is 200 "start page"; security_headers "start page"
body_has "start page: search form" '<form class="suche" role="search"'
body_has "start page: OpenSearch link" 'rel="search" type="application/opensearchdescription\+xml"'
body_has "start page: skip link" 'href="#inhalt">Zum Inhalt springen'
cgi GET /hilfe ""
status_is 200 "help page"; body_has "help: operators" "NICHT.*|ODER"; body_has "help: fields" "titel:Protokoll"
cgi GET /opensearch.xml "" HTTP_HOST=archiv.example
status_is 200 "OpenSearch"
header_has "OpenSearch type" "^Content-Type: application/opensearchdescription\+xml"
body_has "OpenSearch template" 'template="http://archiv.example/werkarchiv.cgi/\?q=\{searchTerms\}"'
cgi GET /opensearch.xml "" 'HTTP_HOST=evil"><x'
body_lacks "OpenSearch: hostile Host header ignored" 'evil'
cgi GET "" "q=Chatbot"
status_is 200 "results"; security_headers "results"
body_has "results: count" '<h2 id="anzahl" class="anzahl">[0-9]+ Treffer'
body_has "results: marked snippet" "<mark>Chatbot"
body_has "results: facets" 'Ergebnisse eingrenzen'
body_has "results: similar link" 'Ähnliche Dokumente<span class="vh">'
body_has "results: query kept" 'id="q" name="q"[^>]*value="Chatbot"'
get_len=$(grep -i '^Content-Length:' "$TMP/h")
cgi HEAD "" "q=Chatbot"
status_is 200 "HEAD"
[ ! -s "$TMP/b" ] && ok || fail "HEAD: has a body"
[ "$(grep -i '^Content-Length:' "$TMP/h")" = "$get_len" ] && ok || fail "HEAD: Content-Length differs from GET"

# JSON: the CLI's schema
cgi GET "" "q=Chatbot&format=json"
status_is 200 "JSON"; header_has "JSON type" "^Content-Type: application/json; charset=utf-8$"
python3 -c "
import json,sys,jsonschema
jsonschema.validate(json.load(open('$TMP/b')), json.load(open('$WA_SOURCE_DIR/docs/search-output.schema.json')))" \
  && ok || fail "JSON does not follow docs/search-output.schema.json"
[ "$(json_val 'all(r["path"] is None for r in d["results"])')" = True ] && ok || fail "JSON: anonymous sees paths"

# filters, dates, sort, pages
cgi GET "" "q=&filter=typ%3DProtokoll"
status_is 200 "filter"; body_has "filter: active with remove link" "Aktive Filter.*|entfernen<span"
body_lacks "filter: only Protokolle" "Typ: Artikel"
cgi GET "" "q=&von=2021&bis=2021&sortierung=neueste&format=json"
[ "$(json_val 'all(r["date"][:4]=="2021" for r in d["results"]) and len(d["results"])>0')" = True ] && ok || fail "von/bis 2021"
cgi GET "" "q=&seite=2&anzahl=5"
status_is 200 "page 2"; body_has "page 2: current page" 'aria-current="page" aria-label="Seite 2, aktuelle Seite"'
body_has "page 2: starts at 6" '<ol class="treffer-liste" start="6">'

# details page and download of a public document
PUB=$TWIN
cgi GET /dokument "id=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1],safe=""))' "$PUB")"
status_is 200 "details page"; body_has "details: full text" '<h2 id="volltext-titel">Volltext</h2>'
body_has "details: download link" 'href="/werkarchiv.cgi/original\?id=chatbot-community%2F2021-03-protokoll-sitzung.txt"'
body_lacks "details: anonymous sees no server path" "$SRC|<dt>Datei</dt>"
cgi GET /original "id=$PUB"
status_is 200 "download"
header_has "download: file name" "^Content-Disposition: attachment; filename=\"2021-03-protokoll-sitzung.txt\"; filename\*=UTF-8''2021-03-protokoll-sitzung.txt$"
header_has "download: type" "^Content-Type: text/plain; charset=utf-8$"
cmp -s "$TMP/b" "$SRC/$PUB" && ok || fail "download: bytes differ from the original"
cgi HEAD /original "id=$PUB"
[ ! -s "$TMP/b" ] && ok || fail "download HEAD: has a body"
printf 'archive = %s\ndownload_prefix = https://dateien.example/archiv/\n' "$DB" >"$TMP/prefix.conf"
cgi GET /original "id=$PUB" WERKARCHIV_CGI_CONFIG="$TMP/prefix.conf"
status_is 302 "download prefix"
header_has "download prefix: Location" "^Location: https://dateien.example/archiv/chatbot-community/2021-03-protokoll-sitzung.txt$"

# caching: ETag and Last-Modified from the database, 304 when unchanged
cgi GET "" "q=Chatbot"
etag=$(sed -n 's/^ETag: //p' "$TMP/h"); lm=$(sed -n 's/^Last-Modified: //p' "$TMP/h")
[ -n "$etag" ] && ok || fail "no ETag"
[ -n "$lm" ] && ok || fail "no Last-Modified"
header_has "anonymous cache" "^Cache-Control: max-age=60$"
cgi GET "" "q=Chatbot" HTTP_IF_NONE_MATCH="$etag"
status_is 304 "If-None-Match"; [ ! -s "$TMP/b" ] && ok || fail "304 has a body"
cgi GET "" "q=Chatbot" HTTP_IF_MODIFIED_SINCE="$lm"
status_is 304 "If-Modified-Since"
cgi GET "" "q=Chatbot" REMOTE_USER=anna HTTP_IF_NONE_MATCH="$etag"
status_is 200 "member: anonymous ETag does not match"
header_has "member cache is private" "^Cache-Control: private, no-cache$"
mkdir -p "$TMP/neu"; echo "Ein neues Dokument über Chatbots" >"$TMP/neu/neu.txt"
"$WA_INDEX" --db "$DB" -q add "$TMP/neu" >/dev/null 2>&1
cgi GET "" "q=Chatbot" HTTP_IF_NONE_MATCH="$etag"
status_is 200 "new ETag after a commit"

# ---- hostile input is escaped everywhere ----------------------------------
for q in '<script>alert(1)</script>' '"onmouseover=alert(1) x="' "<img src=x onerror=alert(1)>" "'><svg onload=alert(1)>"; do
  enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1],safe=""))' "$q")
  for qs in "q=$enc" "q=$enc&format=html" "von=$enc" "filter=typ%3D$enc" "$enc=1" "aehnlich=$enc" "q=x&filter=$enc"; do
    cgi GET "" "$qs"
    if grep -Eq '<script|<img|<svg|"onmouseover|" onmouseover' "$TMP/b"; then fail "unescaped in answer to '$qs'"; else ok; fi
  done
  cgi GET /dokument "id=$enc"
  if grep -Eq '<script|<img|<svg|"onmouseover' "$TMP/b"; then fail "unescaped on details 404"; else ok; fi
done
cgi GET "" "q=%3Cscript%3E"
body_has "query escaped in the form" 'value="&lt;script&gt;"'

# ---- every error status ---------------------------------------------------
for m in POST PUT DELETE OPTIONS; do
  cgi "$m" "" "q=x"
  error_page 405 "method $m"; header_has "$m: Allow" "^Allow: GET, HEAD$"
done
cgi GET /etc/passwd ""; error_page 404 "unknown page"
cgi GET /../../etc/passwd ""; error_page 404 "path traversal page"
cgi GET /dokument "id=gibt/es/nicht.txt"; error_page 404 "unknown document"
cgi GET /original "id=gibt/es/nicht.txt"; error_page 404 "unknown original"
cgi GET /original "id=../../../../etc/passwd"; error_page 404 "original by a path"
body_lacks "original by a path: no file content" "root:"
cgi GET "" "aehnlich=gibt/es/nicht.txt"; error_page 404 "similar to an unknown document"
bad() { cgi GET "${3:-}" "$1"; error_page 400 "$2"; }
bad "pfad=/etc/passwd" "unknown parameter"
body_has "unknown parameter: named" "unbekannter Parameter &#39;pfad&#39;"
bad "q=a&q=b" "duplicate parameter"
bad "q=a%00b" "NUL byte"
bad "q=%FF" "invalid UTF-8"
bad "q=%G1" "bad escape"
bad "q=a%" "cut escape"
bad "q=$(printf 'x%.0s' $(seq 1 1100))" "query too long"
body_has "too long: quotes only the start" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"
body_lacks "too long: not the whole query" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
bad "q=$(seq -s + 1 40)" "too many words"
bad "q=a*+b*+c*+d*+e*" "too many wildcards"
bad "q=a+NAHE/500+b" "NEAR too wide"
bad "von=gestern" "bad date"
bad "von=2022&bis=2021" "dates reversed"
bad "sortierung=zufall" "bad sort"
bad "seite=0" "page 0"
bad "seite=99999" "page too large"
bad "seite=500" "page beyond the offset cap"
bad "anzahl=1000" "page size too large"
bad "format=xml" "bad format"
bad "filter=farbe%3Drot" "unknown filter field"
bad "q=Chatbot+AND+OR+Sitzung" "malformed query"
body_has "malformed query: German" "lässt sich nicht lesen"
bad "" "document without id" /dokument
bad "id=a&pfad=b" "parameter of another page" /original
bad "q=$(printf 'a%%26%.0s' $(seq 1 3000))" "query string too long"

# 503: archive missing, damaged, configuration broken; never the path
printf 'archive = %s/nirgends\n' "$TMP" >"$TMP/missing.conf"
cgi GET "" "q=x" WERKARCHIV_CGI_CONFIG="$TMP/missing.conf"; error_page 503 "archive missing"
cgi GET "" "q=x" WERKARCHIV_CGI_CONFIG="$TMP/gibt-es-nicht.conf"; error_page 503 "config file missing"
printf 'archiv = %s\n' "$DB" >"$TMP/typo.conf"
cgi GET "" "q=x" WERKARCHIV_CGI_CONFIG="$TMP/typo.conf"; error_page 503 "config with an unknown key"
expect_grep "config error logged for the admin" "unknown key 'archiv'" "$TMP/cgierr"
cp -r "$DB" "$TMP/kaputt"
for f in "$TMP"/kaputt/public/*.glass; do head -c 100 /dev/urandom >"$f"; done
printf 'archive = %s/kaputt\n' "$TMP" >"$TMP/kaputt.conf"
cgi GET "" "q=Chatbot" WERKARCHIV_CGI_CONFIG="$TMP/kaputt.conf"; error_page 503 "damaged database"
cgi GET /hilfe "" WERKARCHIV_CGI_CONFIG="$TMP/missing.conf"
status_is 200 "help needs no database (opened lazily)"

# ---- member against anonymous, and the canary through every channel ------
# REMOTE_USER alone is not enough: only names on the allow-list are members
for who in anon mallory; do
  u=(); [ "$who" = mallory ] && u=(REMOTE_USER=mallory)
  cgi GET "" "q=Quokkaspirale" "${u[@]}"
  body_has "$who: results empty" '<h2 id="anzahl" class="anzahl">0 Treffer'
  body_lacks "$who: results" "Quokkatitel"
  cgi GET "" "q=&anzahl=100" "${u[@]}"; no_canary "$who: results, snippets, facets of all documents"
  cgi GET "" "q=Protokoll&anzahl=100" "${u[@]}"; no_canary "$who: snippets of a word the canary has"
  cgi GET "" "q=&anzahl=100&format=json" "${u[@]}"; no_canary "$who: JSON"
  anon_total=$(json_val 'd["total"]')
  cgi GET "" "q=Quokaspirale" "${u[@]}"; body_lacks "$who: spelling suggestion" "Meinten Sie"
  body_lacks "$who: suggested word" "Quokkaspirale"
  cgi GET "" "q=Quokaspirale&format=json" "${u[@]}"
  [ "$(json_val 'd["suggestion"]')" = None ] && ok || fail "$who: JSON suggestion"
  cgi GET "" "aehnlich=$TWIN&anzahl=100" "${u[@]}"; status_is 200 "$who: similar"; no_canary "$who: similar documents"
  cgi GET /dokument "id=$TWIN" "${u[@]}"; status_is 200 "$who: twin details"; no_canary "$who: similar on the details page"
  cgi GET /dokument "id=gibt/es/nicht.txt" "${u[@]}"; cp "$TMP/b" "$TMP/b404"
  for id in "$SECRET" "./$SECRET" "geheim%2Fquokka.txt" "internal/$SECRET"; do
    cgi GET /dokument "id=$id" "${u[@]}"; error_page 404 "$who: details of '$id'"; no_canary "$who: details 404 of '$id'"
    cgi GET /original "id=$id" "${u[@]}"; error_page 404 "$who: download of '$id'"; no_canary "$who: download 404 of '$id'"
    cgi GET /dokument "id=$id&format=json" "${u[@]}"; error_page 404 "$who: JSON details of '$id'"
    cgi GET "" "aehnlich=$id" "${u[@]}"; error_page 404 "$who: similar to '$id'"; no_canary "$who: similar 404"
  done
  cgi GET /dokument "id=$SECRET" "${u[@]}"
  cmp -s "$TMP/b" "$TMP/b404" && ok || fail "$who: an internal id answers differently from a missing one"
  # a malformed query's error names the query, and nothing else differs
  cgi GET "" "q=Zyxwvutsrqpon+AND+OR+x" "${u[@]}"; cp "$TMP/b" "$TMP/bneutral"
  cgi GET "" "q=Quokkaspirale+AND+OR+x" "${u[@]}"; status_is 400 "$who: malformed query"
  sed 's/Quokkaspirale/Zyxwvutsrqpon/g' "$TMP/b" | cmp -s - "$TMP/bneutral" && ok ||
    fail "$who: the error for a query with an internal word differs from any other"
done

cgi GET "" "q=&format=json" REMOTE_USER=anna
member_total=$(json_val 'd["total"]')
# members count the internal database too (the corpus has internal documents besides the canary)
internal=$("$WA_SEARCH" --db "$DB/internal" --json '' | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$internal" -ge 1 ] && [ "$member_total" -eq $((anon_total + internal)) ] && ok ||
  fail "totals: member $member_total, anonymous $anon_total, internal $internal"
cgi GET "" "q=Quokkaspirale" REMOTE_USER=anna
body_has "member: results" "Quokkatitel"; body_has "member: marked snippet" "<mark>Quokkaspirale</mark>"
body_has "member: named in the header" "Angemeldet als anna"
cgi GET "" "q=" REMOTE_USER=bert; body_has "member: facets" "Geheimwerkstatt"; body_has "member: tag facet" "Quokkatag"
body_has "member: internal marked as such (in words)" '<span class="intern">intern</span>'
cgi GET "" "q=Quokaspirale" REMOTE_USER=anna; body_has "member: spelling suggestion" "Meinten Sie <a [^>]*><em>Quokkaspirale</em>"
cgi GET "" "aehnlich=$TWIN&anzahl=100&format=json" REMOTE_USER=anna
expect_grep "member: similar documents" "$SECRET" "$TMP/b"
cgi GET /dokument "id=$SECRET" REMOTE_USER=anna
status_is 200 "member: details"; body_has "member: details text" "Quokkaspirale bleibt intern"
body_has "member: sees the file path" "<dt>Datei</dt><dd>$SRC/$SECRET"
cgi GET /original "id=$SECRET" REMOTE_USER=anna
status_is 200 "member: download"; cmp -s "$TMP/b" "$SRC/$SECRET" && ok || fail "member: download bytes"
cgi GET "" "q=Quokkaspirale&format=json" REMOTE_USER=anna
[ "$(json_val 'd["results"][0]["id"]')" = "$SECRET" ] && ok || fail "member: JSON result"

finish
