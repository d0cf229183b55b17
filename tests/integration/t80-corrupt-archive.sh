#!/usr/bin/env bash
# A damaged archive: every table of the database truncated, emptied or
# overwritten in the middle. The CLI never crashes: it answers, or exits 2
# with a German message; the page answers, or says 503 in German without
# paths or Xapian's text. The intact archive beside it keeps working.
. "$(dirname "$0")/lib.sh"
: "${WA_CGI:?run through ctest}"

DB="$TMP/archive"
index_corpus "$DB" || { fail "indexing the corpus"; finish; }
CONF="$TMP/cgi.conf"
cgi() { # cgi ARCHIVE QUERY_STRING: status to $TMP/status, body to $TMP/b, exit code checked
  printf 'archive = %s\n' "$1" >"$CONF"
  env -i PATH="$PATH" ASAN_OPTIONS="${ASAN_OPTIONS:-}" LSAN_OPTIONS="${LSAN_OPTIONS:-}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" REQUEST_METHOD=GET PATH_INFO=/ QUERY_STRING="$2" \
    SCRIPT_NAME=/werkarchiv.cgi SERVER_NAME=localhost SERVER_PORT=80 \
    WERKARCHIV_CGI_CONFIG="$CONF" timeout 60 "$WA_CGI" >"$TMP/resp" 2>"$TMP/cgierr"
  local rc=$?
  [ "$rc" -eq 0 ] && ok || fail "CGI exit $rc on $(basename "$1"): $(head -c 300 "$TMP/cgierr")"
  sed -n 's/^Status: \([0-9]*\).*/\1/p' "$TMP/resp" | head -1 >"$TMP/status"
  sed '1,/^\r$/d' "$TMP/resp" >"$TMP/b"
}

damaged=0 refused=0
for table in postlist termlist docdata position; do
  for how in truncate empty overwrite; do
    C="$TMP/c-$table-$how"
    cp -r "$DB" "$C"
    f="$C/public/$table.glass"
    [ -e "$f" ] || continue
    case $how in
      truncate) truncate -s $(($(stat -c %s "$f") / 2)) "$f" ;;
      empty) : >"$f" ;;
      overwrite) python3 -c '
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
for i in range(8192 + 100, len(b), 997):
    b[i] ^= 0xFF
open(p, "wb").write(b)' "$f" ;;
    esac
    damaged=$((damaged + 1))
    desc="$table $how"
    for q in Verwaltung '' 'Chatbot*'; do
      timeout 60 "$WA_SEARCH" --db "$C" --json -n 5 "$q" >"$TMP/out" 2>"$TMP/err"
      rc=$?
      case $rc in
        0 | 1) python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out" && ok || fail "$desc '$q': exit $rc with broken JSON" ;;
        2)
          refused=$((refused + 1))
          expect_grep "$desc '$q': German message" "^werkarchiv-search: (das Archiv lässt sich nicht öffnen|die Suche ist fehlgeschlagen|die Treffer lassen sich nicht lesen)" "$TMP/err" ;;
        *) fail "$desc '$q': exit $rc (crash?): $(head -c 300 "$TMP/err")" ;;
      esac
    done
    cgi "$C" "q=Verwaltung"
    st=$(cat "$TMP/status")
    case $st in
      200) ok ;;
      503)
        expect_grep "$desc: 503 page in German" "Das Archiv ist gerade nicht verfügbar" "$TMP/b"
        expect_no_grep "$desc: 503 page without paths" "$TMP|glass|DatabaseError|Xapian" "$TMP/b" ;;
      *) fail "$desc: CGI status $st" ;;
    esac
  done
done
[ "$refused" -gt 0 ] && ok || fail "no damage was noticed at all"
# the public database gone: the page for anonymous visitors has nothing to open
rm -rf "$TMP/c-postlist-empty/public"
cgi "$TMP/c-postlist-empty" "q=Verwaltung"
[ "$(cat "$TMP/status")" = 503 ] && ok || fail "a missing database: status $(cat "$TMP/status")"
expect_exit 0 "the intact archive" -- "$WA_SEARCH" --db "$DB" Verwaltung
echo "note: $damaged damaged archives, $refused searches refused with exit 2" >&2
finish
