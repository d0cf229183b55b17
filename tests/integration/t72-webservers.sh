#!/usr/bin/env bash
# werkarchiv.cgi under Apache (mod_cgi) and under nginx + fcgiwrap, each
# started from its snippet in docs/web/ on a free loopback port: a search, a
# details page, the download, the security headers, and the German 400, 404
# and 405 pages come through each server unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

index_corpus "$TMP/archive" || { fail "indexing the corpus"; finish; }
CONF="$TMP/cgi.conf"
printf 'archive = %s\ntitle = Werkarchiv\n' "$TMP/archive" >"$CONF"
DOC=chatbot-community/2021-03-protokoll-sitzung.txt

# through BASE NAME: the checks every server must pass
through() {
  local base=$1 name=$2
  get "$base/"
  status_is 302 "$name: / redirects"
  header_has "$name: to the search page" "^Location: (http://[^/]+)?/werkarchiv\.cgi/$"
  get "$base/werkarchiv.cgi/"
  status_is 200 "$name: start page"; body_has "$name: search form" '<form class="suche" role="search"'
  get "$base/werkarchiv.css"
  status_is 200 "$name: stylesheet"; header_has "$name: stylesheet type" "^Content-Type: text/css"
  get "$base/werkarchiv.cgi/?q=Sitzungen"
  status_is 200 "$name: search"
  body_has "$name: hits" '<h2 id="anzahl" class="anzahl">[1-9][0-9]* Treffer'
  body_has "$name: marked snippet" '<mark>Sitzung'
  body_has "$name: links under the script name" 'href="/werkarchiv.cgi/dokument\?id='
  header_has "$name: CSP" "^Content-Security-Policy: default-src 'none';.*frame-ancestors 'none'"
  header_has "$name: nosniff" "^X-Content-Type-Options: nosniff"
  header_has "$name: ETag" '^ETag: "[0-9a-f]{16}"'
  local etag; etag=$(sed -n 's/^ETag: //p' "$TMP/h")
  get "$base/werkarchiv.cgi/?q=Sitzungen" -H "If-None-Match: $etag"
  status_is 304 "$name: If-None-Match"
  get "$base/werkarchiv.cgi/?q=Sitzungen&format=json"
  status_is 200 "$name: JSON"; header_has "$name: JSON type" "^Content-Type: application/json"
  python3 -c "import json; d=json.load(open('$TMP/b')); assert d['total'] > 0" && ok || fail "$name: JSON results"
  get "$base/werkarchiv.cgi/dokument?id=$(urlenc "$DOC")"
  status_is 200 "$name: details page"; body_has "$name: full text" '<h2 id="volltext-titel">Volltext</h2>'
  get "$base/werkarchiv.cgi/original?id=$(urlenc "$DOC")"
  status_is 200 "$name: download"
  header_has "$name: file name" "^Content-Disposition: attachment; filename=\"2021-03-protokoll-sitzung.txt\""
  cmp -s "$TMP/b" "$CORPUS/$DOC" && ok || fail "$name: downloaded bytes differ from the original"
  get "$base/werkarchiv.cgi/hilfe" -I # curl -I writes the headers where the body would go
  status_is 200 "$name: HEAD"; body_lacks "$name: HEAD has no body" "<html"
  header_has "$name: HEAD gets the type of GET" "^Content-Type: text/html; charset=utf-8"
  get "$base/werkarchiv.cgi/?seite=0"
  status_is 400 "$name: bad parameter"; body_has "$name: German 400 page" '<h1>Fehler 400: '
  get "$base/werkarchiv.cgi/gibt-es-nicht"
  status_is 404 "$name: unknown page"; body_has "$name: German 404 page" '<h1>Fehler 404: '
  get "$base/werkarchiv.cgi/dokument?id=gibt/es/nicht.txt"
  status_is 404 "$name: unknown document"
  get "$base/werkarchiv.cgi/?q=x" -X DELETE
  status_is 405 "$name: DELETE"; header_has "$name: Allow" "^Allow: GET, HEAD"
  get "$base/werkarchiv.cgi/?q=a%00b"
  status_is 400 "$name: NUL byte"
  # the web folder serves nothing but the stylesheet
  get "$base/../docs/web.md" --path-as-is
  case $(cat "$TMP/status") in 400 | 403 | 404) ok ;; *) fail "$name: a path outside the web folder: $(cat "$TMP/status")" ;; esac
}

ran=0
# ---- Apache with mod_cgi -------------------------------------------------
if command -v apache2 >/dev/null && [ -f /usr/lib/apache2/modules/mod_cgi.so ]; then
  port=$(free_port); st=$(state_dir apache)
  fill apache.conf "$st/apache2.conf" "$port" "$st" "$CONF"
  start "$TMP/apache.log" apache2 -f "$st/apache2.conf" -DFOREGROUND
  if wait_for "http://127.0.0.1:$port/werkarchiv.css"; then
    through "http://127.0.0.1:$port" apache
    ran=$((ran + 1))
  else
    fail "apache did not start"; cat "$TMP/apache.log" "$st/error.log" 2>/dev/null | tail -20 >&2
  fi
else
  echo "skipped: Apache (apache2) is not installed; scripts/deps.sh test installs it" >&2
  [ -n "${CI:-}" ] && fail "apache2 missing in CI"
fi

# ---- nginx with fcgiwrap -------------------------------------------------
if command -v nginx >/dev/null && command -v fcgiwrap >/dev/null; then
  port=$(free_port); st=$(state_dir nginx)
  fill nginx.conf "$st/nginx.conf" "$port" "$st" "$CONF"
  start "$TMP/fcgiwrap.log" fcgiwrap -c 2 -s "unix:$st/fcgiwrap.sock" -p "$WA_CGI"
  start "$TMP/nginx.log" nginx -e "$st/error.log" -p "$st" -c "$st/nginx.conf"
  if wait_for "http://127.0.0.1:$port/werkarchiv.css"; then
    through "http://127.0.0.1:$port" nginx
    ran=$((ran + 1))
  else
    fail "nginx did not start"; cat "$TMP/nginx.log" "$TMP/fcgiwrap.log" "$st/error.log" 2>/dev/null | tail -20 >&2
  fi
else
  echo "skipped: nginx or fcgiwrap is not installed; scripts/deps.sh test installs them" >&2
  [ -n "${CI:-}" ] && fail "nginx or fcgiwrap missing in CI"
fi

if [ "$ran" -eq 0 ] && [ "$FAILS" -eq 0 ]; then
  echo "no web server to test" >&2
  exit 77
fi
finish
