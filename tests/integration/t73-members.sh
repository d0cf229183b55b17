#!/usr/bin/env bash
# Members through real web-server authentication: lighttpd (scripts/serve.sh
# with docs/web/lighttpd-members.conf) asks for a password under /intern/.
# A listed member who logged in sees the internal canary document on every
# channel; an anonymous visitor, a visitor who only claims a name, a wrong
# password and a user the server knows but the configuration does not list
# never see it: results, totals, facets, snippets, "Meinten Sie", similar
# documents, details, download by a guessed id, JSON, errors.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"
for tool in lighttpd htpasswd curl; do
  if ! command -v $tool >/dev/null; then
    echo "skipped: $tool is not installed; scripts/deps.sh test installs it" >&2
    [ -n "${CI:-}" ] && exit 1
    exit 77
  fi
done

# The archive: the corpus plus an internal canary whose text is a public
# document's with unique words added (so "similar documents" of the public
# one would find it), with its own title, Werkstatt and tag.
SRC="$TMP/src"
mkdir -p "$SRC/geheim"
cp -r "$CORPUS"/. "$SRC/"
TWIN=chatbot-community/2021-03-protokoll-sitzung.txt
{ cat "$CORPUS/$TWIN"; printf '\nDie Quokkaspirale bleibt intern.\n'; } >"$SRC/geheim/quokka.txt"
printf 'titel: Quokkatitel der Geschäftsstelle\nsichtbarkeit: intern\nwerkstatt: Geheimwerkstatt\nschlagworte: Quokkatag\ntyp: Notiz\ndatum: 2021-03-13\n' \
  >"$SRC/geheim/quokka.txt.meta"
"$WA_INDEX" --db "$TMP/archive" -q add "$SRC" >/dev/null 2>"$TMP/index.err" || { fail "indexing"; finish; }
CANARY='quokka|geheimwerkstatt|geheim/'
SECRET=geheim/quokka.txt
SECRET_ENC=$(urlenc "$SECRET")

# anna is a member; mallory has a password but is not on the allow-list
htpasswd -cbB "$TMP/htpasswd" anna anna-geheim 2>/dev/null
htpasswd -bB "$TMP/htpasswd" mallory mallory-geheim 2>/dev/null
chmod 644 "$TMP/htpasswd"
port=$(free_port); st=$(state_dir serve)
start "$TMP/serve.log" "$WA_SOURCE_DIR/scripts/serve.sh" --port "$port" --archive "$TMP/archive" \
  --build "$(dirname "$(dirname "$WA_CGI")")" --members "anna, bert" --htpasswd "$TMP/htpasswd" \
  --state "$st"
BASE=http://127.0.0.1:$port
wait_for "$BASE/werkarchiv.css" || { fail "lighttpd did not start"; tail -20 "$TMP/serve.log" >&2; finish; }

no_canary() { # the answer holds nothing of the internal document
  if grep -Eiq -- "$CANARY" "$TMP/b"; then fail "$1: internal document leaked"; grep -Eio -- ".{0,40}($CANARY).{0,40}" "$TMP/b" | head -3 >&2; else ok; fi
}
json_val() { python3 -c "import json,sys; d=json.load(open('$TMP/b')); print($1)"; }

# ---- the server's authentication --------------------------------------------
get "$BASE/intern/werkarchiv.cgi/?q=Quokkaspirale"
status_is 401 "members' pages without a password"; no_canary "401 page"
header_has "401 asks for basic authentication" '^WWW-Authenticate: Basic realm="Werkarchiv"'
get "$BASE/intern/werkarchiv.cgi/?q=Quokkaspirale" -u anna:falsch
status_is 401 "a wrong password"; no_canary "wrong password"
get "$BASE/intern/werkarchiv.cgi/dokument?id=$SECRET_ENC" -u bert:irgendwas
status_is 401 "a listed name the server does not know"; no_canary "unknown user"
get "$BASE/intern/"
status_is 301 "/intern/ leads to the members' search page"
header_has "/intern/ redirect target" "^Location: (http://[^/]+)?/intern/werkarchiv\.cgi/$"

# ---- who does not see the canary, on every channel ---------------------------
# channels_hidden WHO URL-PREFIX [CURL-OPTIONS...]
channels_hidden() {
  local who=$1 base=$2; shift 2
  get "$base/?q=Quokkaspirale" "$@"
  status_is 200 "$who: results"
  body_has "$who: no hits" '<h2 id="anzahl" class="anzahl">0 Treffer'
  body_lacks "$who: results (beyond the query shown again)" "Quokkatitel|Quokkatag|Geheimwerkstatt|geheim/"
  get "$base/?q=&anzahl=100" "$@"; no_canary "$who: all documents, their facets and snippets"
  get "$base/?q=Protokoll&anzahl=100" "$@"; no_canary "$who: snippets of a word the canary has"
  get "$base/?q=&anzahl=100&format=json" "$@"; no_canary "$who: JSON"
  local total; total=$(json_val 'd["total"]')
  [ "$total" = "$PUBLIC_TOTAL" ] && ok || fail "$who: total $total, the public archive has $PUBLIC_TOTAL"
  get "$base/?q=&filter=werkstatt%3DGeheimwerkstatt" "$@"
  body_lacks "$who: filter by the internal Werkstatt (beyond the filter shown again)" "Quokka|geheim/"
  body_has "$who: that filter finds nothing" '<h2 id="anzahl" class="anzahl">0 Treffer'
  get "$base/?q=Quokaspirale" "$@"; body_lacks "$who: Meinten Sie" "Meinten Sie"; no_canary "$who: spelling"
  get "$base/?q=Quokaspirale&format=json" "$@"
  [ "$(json_val 'd["suggestion"]')" = None ] && ok || fail "$who: JSON suggestion"
  get "$base/?aehnlich=$(urlenc "$TWIN")&anzahl=100" "$@"; status_is 200 "$who: similar"; no_canary "$who: similar documents"
  get "$base/dokument?id=$(urlenc "$TWIN")" "$@"; status_is 200 "$who: twin's details"; no_canary "$who: similar on a details page"
  get "$base/dokument?id=gibt%2Fes%2Fnicht.txt" "$@"; cp "$TMP/b" "$TMP/b404"
  local id
  for id in "$SECRET_ENC" "geheim/quokka.txt" ".%2F$SECRET_ENC" "internal%2F$SECRET_ENC"; do
    get "$base/dokument?id=$id" "$@"; status_is 404 "$who: details of '$id'"; no_canary "$who: details of '$id'"
    get "$base/original?id=$id" "$@"; status_is 404 "$who: download of '$id'"; no_canary "$who: download of '$id'"
    get "$base/dokument?id=$id&format=json" "$@"; status_is 404 "$who: JSON details of '$id'"; no_canary "$who: JSON details"
    get "$base/?aehnlich=$id" "$@"; status_is 404 "$who: similar to '$id'"; no_canary "$who: similar to '$id'"
  done
  get "$base/dokument?id=$SECRET_ENC" "$@"
  cmp -s "$TMP/b" "$TMP/b404" && ok || fail "$who: an internal id answers differently from a missing one"
  # errors: a malformed query names the query and nothing else differs
  get "$base/?q=Zyxwvutsrqpon+AND+OR+x" "$@"; cp "$TMP/b" "$TMP/bneutral"
  get "$base/?q=Quokkaspirale+AND+OR+x" "$@"; status_is 400 "$who: malformed query"
  sed 's/Quokkaspirale/Zyxwvutsrqpon/g' "$TMP/b" | cmp -s - "$TMP/bneutral" && ok ||
    fail "$who: the error for a query with an internal word differs from any other"
  get "$base/?q=x&geheim=1" "$@"; status_is 400 "$who: unknown parameter"; no_canary "$who: 400 page"
}

PUBLIC_TOTAL=$("$WA_SEARCH" --db "$TMP/archive/public" --json '' | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
channels_hidden anonymous "$BASE/werkarchiv.cgi"
# credentials sent to the open page are not checked there, so they count for nothing
channels_hidden "anna's password on the open page" "$BASE/werkarchiv.cgi" -u anna:anna-geheim
# a header cannot make a visitor a member
channels_hidden "a claimed name" "$BASE/werkarchiv.cgi" -H "Remote-User: anna" -H "X-Remote-User: anna"
channels_hidden "an unlisted user" "$BASE/intern/werkarchiv.cgi" -u mallory:mallory-geheim
body_lacks "an unlisted user is not named as a member" "Angemeldet als"

# ---- a listed member sees it everywhere ------------------------------------
M=("-u" "anna:anna-geheim")
IB=$BASE/intern/werkarchiv.cgi
get "$IB/?q=Quokkaspirale" "${M[@]}"
status_is 200 "member: results"
body_has "member: the hit" "Quokkatitel"; body_has "member: marked snippet" "<mark>Quokkaspirale</mark>"
body_has "member: named in the header" "Angemeldet als anna"
body_has "member: links stay under /intern/" 'href="/intern/werkarchiv.cgi/dokument\?id=geheim%2Fquokka.txt"'
header_has "member: never in a shared cache" "^Cache-Control: private, no-cache"
get "$IB/?q=" "${M[@]}"
body_has "member: Werkstatt facet" "Geheimwerkstatt"; body_has "member: tag facet" "Quokkatag"
get "$IB/?q=&format=json" "${M[@]}"
internal=$("$WA_SEARCH" --db "$TMP/archive/internal" --json '' | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$(json_val 'd["total"]')" -eq $((PUBLIC_TOTAL + internal)) ] && ok || fail "member: total $(json_val 'd["total"]')"
get "$IB/?q=Quokaspirale" "${M[@]}"
body_has "member: Meinten Sie" "Meinten Sie <a [^>]*><em>Quokkaspirale</em>"
get "$IB/?aehnlich=$(urlenc "$TWIN")&anzahl=100&format=json" "${M[@]}"
expect_grep "member: similar documents" "$SECRET" "$TMP/b"
get "$IB/dokument?id=$SECRET_ENC" "${M[@]}"
status_is 200 "member: details"; body_has "member: full text" "Quokkaspirale bleibt intern"
get "$IB/dokument?id=$SECRET_ENC&format=json" "${M[@]}"
[ "$(json_val 'd["document"]["id"]')" = "$SECRET" ] && ok || fail "member: JSON details"
get "$IB/original?id=$SECRET_ENC" "${M[@]}"
status_is 200 "member: download"
header_has "member: file name" '^Content-Disposition: attachment; filename="quokka.txt"'
cmp -s "$TMP/b" "$SRC/$SECRET" && ok || fail "member: downloaded bytes"
etag_member=$(sed -n 's/^ETag: //p' "$TMP/h")
get "$BASE/werkarchiv.cgi/original?id=$(urlenc "$TWIN")"
etag_anon=$(sed -n 's/^ETag: //p' "$TMP/h")
[ -n "$etag_member" ] && [ "$etag_member" != "$etag_anon" ] && ok || fail "members and visitors share an ETag"

finish
