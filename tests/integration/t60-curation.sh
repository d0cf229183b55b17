#!/usr/bin/env bash
# The office's curation: meta overrides that survive re-indexing and a full
# rebuild, visibility moves, aliases, withdrawal that survives add and sync,
# restore, remove, and the audit log of each change.
. "$(dirname "$0")/lib.sh"

DB="$TMP/archiv"
SRC="$TMP/quellen"
mkdir -p "$SRC"
cat >"$SRC/bericht.txt" <<'TXT'
Zuckerrübenfeldversuche im Gemeinschaftsgarten

Die Zuckerrübenfeldversuche (Verfahren Quirlomatik) der Werkstatt zeigen, wie Plattenkompostierung und
Fruchtfolge im Gemeinschaftsgarten zusammenwirken.
TXT
printf 'titel: Bericht Feldversuche\ndatum: 2021-03-04\nwerkstatt: Open Source\ntyp: Ergebnis\n' \
  >"$SRC/bericht.txt.meta"
cat >"$SRC/anhang.txt" <<'TXT'
Anhang zu den Feldversuchen

Plattenkompostierung und Fruchtfolge im Gemeinschaftsgarten, Messwerte der
Feldversuche mit Zuckerrüben.
TXT
printf 'titel: Anhang Feldversuche\ndatum: 2021-03-05\nwerkstatt: Open Source und Open Data\ntyp: Ergebnis\n' \
  >"$SRC/anhang.txt.meta"
cat >"$SRC/protokoll.txt" <<'TXT'
Protokoll der Sitzung zur Datensouveränität

Wir sprachen über Datensouveränität und quelloffene Werkzeuge.
TXT
printf 'titel: Protokoll Datensouveränität\ndatum: 2022-06-01\nwerkstatt: Open Source und Open Data\ntyp: protokoll\n' \
  >"$SRC/protokoll.txt.meta"

"$WA_INDEX" --db "$DB" -q add "$SRC" || fail "indexing the sources"

# field VALUE of the first hit for QUERY (JSON), or "-" when there is none
hit() {
  "$WA_SEARCH" --db "$1" --json "$2" 2>/dev/null |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["results"]; print(r[0].get(sys.argv[1]) if r else "-")' "$3"
}
total() {
  "$WA_SEARCH" --db "$1" --json -n 100 "$2" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'
}
# facet COUNT of VALUE in field F over all documents
facet() {
  "$WA_SEARCH" --db "$DB" --json --facets '' 2>/dev/null | python3 -c '
import json,sys
f=json.load(sys.stdin)["facets"][sys.argv[1]]
print(sum(e["count"] for e in f if e["value"]==sys.argv[2]))' "$1" "$2"
}

# ---- meta: set, with the log -------------------------------------------------
expect_exit 0 "meta --set" -- "$WA_INDEX" --db "$DB" meta bericht.txt --set "titel=Feldversuche 2021" \
  --set datum=12.03.2021 --by anna --reason "Titel aus dem Deckblatt"
[ "$(hit "$DB" Quirlomatik title)" = "Feldversuche 2021" ] && ok || fail "the override is searchable at once"
[ "$(hit "$DB" Quirlomatik date)" = "2021-03-12" ] && ok || fail "the date override is normalised and applied"
expect_grep "the override is in the curation file" $'^meta\tbericht.txt\ttitel\tFeldversuche 2021$' "$DB/curation.txt"
expect_grep "the log names who, what, old and new value, why" \
  $'\tanna\tmeta-set\tbericht.txt\ttitel\tBericht Feldversuche\tFeldversuche 2021\tTitel aus dem Deckblatt$' "$DB/audit.log"

# invalid keys and values are refused, naming the allowed ones; nothing changes
cp "$DB/curation.txt" "$TMP/curation.before"
expect_exit 2 "meta unknown key" -- "$WA_INDEX" --db "$DB" meta bericht.txt --set farbe=rot
expect_grep "unknown key names the allowed keys" "unbekanntes Feld 'farbe'; erlaubt: titel, datum, typ, werkstatt" "$TMP/err"
expect_exit 2 "meta bad date" -- "$WA_INDEX" --db "$DB" meta bericht.txt --set datum=gestern
expect_grep "bad date names the allowed forms" "ungültiges Datum 'gestern'; erlaubt: JJJJ-MM-TT" "$TMP/err"
expect_exit 2 "meta bad visibility" -- "$WA_INDEX" --db "$DB" meta bericht.txt --set sichtbarkeit=geheim
expect_grep "bad visibility names the allowed values" "erlaubt: öffentlich, intern" "$TMP/err"
expect_exit 2 "meta --set without =" -- "$WA_INDEX" --db "$DB" meta bericht.txt --set titel
expect_exit 2 "meta without a change" -- "$WA_INDEX" --db "$DB" meta bericht.txt
expect_exit 1 "meta of a missing document" -- "$WA_INDEX" --db "$DB" meta gibtsnicht.txt --set titel=X
expect_grep "a missing document is named" "kein Dokument 'gibtsnicht.txt' im Archiv" "$TMP/err"
cmp -s "$DB/curation.txt" "$TMP/curation.before" && ok || fail "refused changes leave the curation file alone"

# ---- an override survives add of the unchanged and of a changed source ------
expect_exit 0 "add unchanged" -- "$WA_INDEX" --db "$DB" add "$SRC"
expect_grep "nothing extracted again" '^0 indexiert, 3 unverändert' "$TMP/out"
[ "$(hit "$DB" Quirlomatik title)" = "Feldversuche 2021" ] && ok || fail "override after add of the unchanged source"
printf '\nNachtrag: Bodenproben folgen.\n' >>"$SRC/bericht.txt"
expect_exit 0 "add changed" -- "$WA_INDEX" --db "$DB" add "$SRC"
expect_grep "the changed source is extracted again" '^1 indexiert' "$TMP/out"
[ "$(hit "$DB" Bodenproben title)" = "Feldversuche 2021" ] && ok || fail "override after add of the changed source"

# ... and a full rebuild from an empty archive with the same curation file
mkdir -p "$TMP/neu"
cp "$DB/curation.txt" "$TMP/neu/"
"$WA_INDEX" --db "$TMP/neu" -q add "$SRC" || fail "full rebuild"
[ "$(hit "$TMP/neu" Quirlomatik title)" = "Feldversuche 2021" ] && ok || fail "override after a full rebuild"
[ "$(hit "$TMP/neu" Quirlomatik date)" = "2021-03-12" ] && ok || fail "date override after a full rebuild"

# an edited curation file is applied by the next run, without the sources changing
sed -i 's/Feldversuche 2021/Feldversuche im Frühjahr 2021/' "$TMP/neu/curation.txt"
"$WA_INDEX" --db "$TMP/neu" -q add "$SRC" || fail "run after editing the file"
[ "$(hit "$TMP/neu" Quirlomatik title)" = "Feldversuche im Frühjahr 2021" ] && ok ||
  fail "a hand-edited curation file is applied by the next run"

# unset gives the document's own value back
expect_exit 0 "meta --unset" -- "$WA_INDEX" --db "$DB" meta bericht.txt --unset titel
[ "$(hit "$DB" Quirlomatik title)" = "Bericht Feldversuche" ] && ok || fail "unset restores the document's title"
[ "$(hit "$DB" Quirlomatik date)" = "2021-03-12" ] && ok || fail "unset of one key keeps the others"
expect_exit 2 "unset of a key without override" -- "$WA_INDEX" --db "$DB" meta bericht.txt --unset titel

# ---- visibility moves the document between the databases ---------------------
expect_exit 0 "meta sichtbarkeit=intern" -- "$WA_INDEX" --db "$DB" meta protokoll.txt --set sichtbarkeit=intern
[ "$(total "$DB/public" Datensouveränität)" = 0 ] && ok || fail "an internal override leaves the public database"
[ "$(total "$DB/internal" Datensouveränität)" = 1 ] && ok || fail "an internal override is in the internal database"
"$WA_INDEX" --db "$DB" -q sync "$SRC" || fail "sync"
[ "$(total "$DB/public" Datensouveränität)" = 0 ] && ok || fail "the visibility override survives sync"
expect_exit 0 "meta --unset sichtbarkeit" -- "$WA_INDEX" --db "$DB" meta protokoll.txt --unset sichtbarkeit
[ "$(total "$DB/public" Datensouveränität)" = 1 ] && ok || fail "unset moves it back to public"
[ "$(total "$DB/internal" Datensouveränität)" = 0 ] && ok || fail "and out of the internal database"

# ---- alias: spellings merged into one facet value -----------------------------------
[ "$(facet werkstatt 'Open Source')" = 1 ] && ok || fail "two spellings before the alias"
[ "$(facet werkstatt 'Open Source und Open Data')" = 2 ] && ok || fail "canonical spelling before the alias"
expect_exit 0 "alias werkstatt" -- "$WA_INDEX" --db "$DB" alias werkstatt "Open Source" \
  "Open Source und Open Data" --by anna
[ "$(facet werkstatt 'Open Source')" = 0 ] && ok || fail "the variant is gone from the facet"
[ "$(facet werkstatt 'Open Source und Open Data')" = 3 ] && ok || fail "the alias merges the facet counts"
expect_grep "the alias is in the curation file" $'^alias\twerkstatt\tOpen Source\tOpen Source und Open Data$' "$DB/curation.txt"
expect_grep "the alias is logged" $'\tanna\talias-add\t\twerkstatt\tOpen Source\tOpen Source und Open Data\t$' "$DB/audit.log"
expect_exit 0 "alias --list" -- "$WA_INDEX" --db "$DB" alias --list
expect_grep "alias --list shows it" $'^werkstatt\tOpen Source\tOpen Source und Open Data$' "$TMP/out"
expect_exit 0 "alias typ" -- "$WA_INDEX" --db "$DB" alias typ protokoll Protokoll
[ "$(hit "$DB" Datensouveränität type)" = "Protokoll" ] && ok || fail "the type alias applies"
"$WA_INDEX" --db "$DB" -q add "$SRC" || fail "add after alias"
[ "$(facet werkstatt 'Open Source und Open Data')" = 3 ] && ok || fail "the alias survives add"
expect_exit 2 "alias of a field without aliases" -- "$WA_INDEX" --db "$DB" alias titel a b
expect_grep "names the fields that have aliases" "werkstatt und typ" "$TMP/err"
expect_exit 2 "alias chain refused" -- "$WA_INDEX" --db "$DB" alias werkstatt "Open Source und Open Data" OSOD
expect_exit 0 "alias --remove" -- "$WA_INDEX" --db "$DB" alias --remove werkstatt "Open Source"
[ "$(facet werkstatt 'Open Source')" = 1 ] && ok || fail "removing the alias brings the spelling back"
expect_exit 1 "alias --remove of an unknown alias" -- "$WA_INDEX" --db "$DB" alias --remove werkstatt Nirgendwo

# ---- withdraw -------------------------------------------------------------------
all_before=$(total "$DB" '')
[ "$(facet werkstatt 'Open Source')" = 1 ] && ok || fail "facet before withdrawal"
"$WA_SEARCH" --db "$DB" --json Quirlomatick >"$TMP/sug" 2>/dev/null
expect_grep "its word is suggested before" '"suggestion": "Quirlomatik"' "$TMP/sug"

expect_exit 2 "withdraw without a reason" -- "$WA_INDEX" --db "$DB" withdraw bericht.txt
expect_grep "the reason is asked for" "\-\-reason" "$TMP/err"
expect_exit 0 "withdraw by path" -- "$WA_INDEX" --db "$DB" withdraw "$SRC/bericht.txt" \
  --reason "Rechte ungeklärt" --by bernd
expect_grep "the withdrawal is in the curation file" $'^withdrawn\tbericht.txt\t[0-9T:Z-]+\tRechte ungeklärt$' "$DB/curation.txt"
expect_grep "the withdrawal is logged" $'\tbernd\twithdraw\tbericht.txt\t.*\tRechte ungeklärt$' "$DB/audit.log"

check_hidden() { # $1: when
  [ "$(total "$DB" Quirlomatik)" = 0 ] && ok || fail "$1: withdrawn document still found"
  [ "$(total "$DB/public" Quirlomatik)" = 0 ] && ok || fail "$1: withdrawn document in public/"
  [ "$(total "$DB" '')" = $((all_before - 1)) ] && ok || fail "$1: count still includes it"
  [ "$(facet werkstatt 'Open Source')" = 0 ] && ok || fail "$1: facet still counts it"
  "$WA_SEARCH" --db "$DB" --json --similar anhang.txt >"$TMP/sim" 2>/dev/null
  expect_no_grep "$1: not among similar documents" '"id": "bericht.txt"' "$TMP/sim"
  "$WA_SEARCH" --db "$DB" --json Quirlomatick >"$TMP/sug" 2>/dev/null
  expect_no_grep "$1: its word is not suggested" '"suggestion": "Quirlomatik"' "$TMP/sug"
  expect_exit 2 "$1: show finds no withdrawn document" -- "$WA_SEARCH" --db "$DB" show bericht.txt
  expect_grep "$1: show says there is none" "kein Dokument 'bericht.txt'" "$TMP/err"
  [ "$(total "$DB/withdrawn" Quirlomatik)" = 1 ] && ok || fail "$1: kept in withdrawn/"
}
check_hidden "after withdraw"
"$WA_INDEX" --db "$DB" -q add "$SRC" || fail "add after withdraw"
check_hidden "after add of the unchanged source"
"$WA_INDEX" --db "$DB" -q sync "$SRC" || fail "sync after withdraw"
check_hidden "after sync of the unchanged source"
printf '\nZweiter Nachtrag.\n' >>"$SRC/bericht.txt"
"$WA_INDEX" --db "$DB" -q sync "$SRC" || fail "sync of the changed source"
check_hidden "after sync of the changed source"
mkdir -p "$TMP/neu2"
cp "$DB/curation.txt" "$TMP/neu2/"
"$WA_INDEX" --db "$TMP/neu2" -q add "$SRC" || fail "rebuild with a withdrawal"
[ "$(total "$TMP/neu2" Quirlomatik)" = 0 ] && ok || fail "withdrawn after a full rebuild"

# ---- restore: back without the source ---------------------------------------------
mv "$SRC/bericht.txt" "$TMP/bericht.txt.weg"
expect_exit 0 "restore" -- "$WA_INDEX" --db "$DB" restore bericht.txt
[ "$(total "$DB/public" Quirlomatik)" = 1 ] && ok || fail "restore brings it back without its source"
[ "$(facet werkstatt 'Open Source')" = 1 ] && ok || fail "restored document counted in the facet"
[ "$(hit "$DB" Quirlomatik date)" = "2021-03-12" ] && ok || fail "restored with its overrides"
[ "$(total "$DB/withdrawn" '')" = 0 ] && ok || fail "restore leaves withdrawn/ empty"
expect_grep "the restore is logged" $'\trestore\tbericht.txt\t' "$DB/audit.log"
expect_exit 1 "restore of a document that is not withdrawn" -- "$WA_INDEX" --db "$DB" restore bericht.txt
expect_grep "says it is not withdrawn" "nicht zurückgezogen" "$TMP/err"
mv "$TMP/bericht.txt.weg" "$SRC/bericht.txt"

# ---- remove deletes for good, with its curation entries -------------------------
"$WA_INDEX" --db "$DB" -q withdraw bericht.txt --reason "wird gelöscht" || fail "withdraw again"
expect_exit 0 "remove a withdrawn document" -- "$WA_INDEX" --db "$DB" remove bericht.txt
[ "$(total "$DB/withdrawn" '')" = 0 ] && ok || fail "remove deletes from withdrawn/"
expect_no_grep "remove drops its curation entries" $'\tbericht.txt\t' "$DB/curation.txt"
expect_grep "the removal is logged" $'\tremove\tbericht.txt\t' "$DB/audit.log"

# ---- the single writer: a changing command fails fast while a run writes ------
# (Xapian's lock is an fcntl lock on public/flintlock: a process holding it is a writer)
cp "$DB/curation.txt" "$TMP/curation.before"
setsid python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "r+")
fcntl.lockf(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(30)' "$DB/public/flintlock" "$TMP/locked" &
locker=$!
trap 'kill $locker 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [ -e "$TMP/locked" ] && break; sleep 0.1; done
for c in "meta anhang.txt --set titel=X" "withdraw anhang.txt --reason x" "restore anhang.txt" "remove anhang.txt"; do
  # shellcheck disable=SC2086
  expect_exit 2 "$c while another run writes" -- timeout 20 "$WA_INDEX" --db "$DB" $c
  expect_grep "$c: German message about the other run" "wird gerade von einem anderen Lauf geschrieben" "$TMP/err"
done
kill "$locker" 2>/dev/null
wait "$locker" 2>/dev/null
cmp -s "$DB/curation.txt" "$TMP/curation.before" && ok || fail "a locked-out command leaves the curation file alone"

finish
