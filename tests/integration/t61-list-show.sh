#!/usr/bin/env bash
# The office's view of the archive: list with its filters (text and --json),
# show by id and by source path, withdrawn documents included.
. "$(dirname "$0")/lib.sh"

DB="$TMP/archiv"
SRC="$TMP/quellen"
mkdir -p "$SRC/ki"
printf 'Leitlinien zum Einsatz künstlicher Intelligenz in Behörden.\n' >"$SRC/ki/leitlinien.txt"
printf 'titel: KI-Leitlinien\ndatum: 2021-06-01\nwerkstatt: Künstliche Intelligenz\ntyp: Ergebnis\n' \
  >"$SRC/ki/leitlinien.txt.meta"
printf 'Protokoll der Sitzung vom Frühjahr zur KI-Assistenz.\n' >"$SRC/ki/protokoll.txt"
printf 'werkstatt: Künstliche Intelligenz\ntyp: Protokoll\nsichtbarkeit: intern\n' \
  >"$SRC/ki/protokoll.txt.meta"
printf 'Notizen ohne jede Angabe zur Herkunft.\n' >"$SRC/notizen.txt"
printf 'Rundbrief der Werkstatt Social Media 2019.\n' >"$SRC/rundbrief.txt"
printf 'titel: Rundbrief\ndatum: 2019-08\nwerkstatt: Social Media\ntyp: Artikel\n' >"$SRC/rundbrief.txt.meta"
"$WA_INDEX" --db "$DB" -q add "$SRC" || fail "indexing"
"$WA_INDEX" --db "$DB" -q withdraw rundbrief.txt --reason "veraltet" || fail "withdraw"

# ids of a list run (text output, first column)
list_ids() { "$WA_INDEX" --db "$DB" list "$@" 2>/dev/null | cut -f1 | tr '\n' ' '; }

[ "$(list_ids)" = "ki/leitlinien.txt ki/protokoll.txt notizen.txt rundbrief.txt " ] && ok ||
  fail "list shows every document, withdrawn ones too, by id: $(list_ids)"
expect_exit 0 "list" -- "$WA_INDEX" --db "$DB" list
expect_grep "a line has id, date, state, Werkstatt, type, title" \
  $'^ki/leitlinien.txt\t2021-06-01\töffentlich\tKünstliche Intelligenz\tErgebnis\tKI-Leitlinien$' "$TMP/out"
expect_grep "a withdrawn document is listed as withdrawn" $'^rundbrief.txt\t2019-08\tzurückgezogen\t' "$TMP/out"
expect_grep "the count goes to stderr" '^4 Dokumente$' "$TMP/err"
[ "$(list_ids --werkstatt 'Künstliche Intelligenz')" = "ki/leitlinien.txt ki/protokoll.txt " ] && ok ||
  fail "--werkstatt: $(list_ids --werkstatt 'Künstliche Intelligenz')"
[ "$(list_ids --type Protokoll)" = "ki/protokoll.txt " ] && ok || fail "--type"
[ "$(list_ids --year 2019)" = "rundbrief.txt " ] && ok || fail "--year"
[ "$(list_ids --visibility intern)" = "ki/protokoll.txt " ] && ok || fail "--visibility intern"
[ "$(list_ids --visibility public)" = "ki/leitlinien.txt notizen.txt rundbrief.txt " ] && ok ||
  fail "--visibility public (English name): $(list_ids --visibility public)"
[ "$(list_ids --withdrawn)" = "rundbrief.txt " ] && ok || fail "--withdrawn"
[ "$(list_ids --active)" = "ki/leitlinien.txt ki/protokoll.txt notizen.txt " ] && ok || fail "--active"
[ "$(list_ids --missing datum)" = "ki/protokoll.txt notizen.txt " ] && ok || fail "--missing datum: $(list_ids --missing datum)"
[ "$(list_ids --missing werkstatt)" = "notizen.txt " ] && ok || fail "--missing werkstatt"
[ "$(list_ids --missing datum --werkstatt 'Künstliche Intelligenz')" = "ki/protokoll.txt " ] && ok ||
  fail "filters combine"
expect_exit 1 "list with nothing matching" -- "$WA_INDEX" --db "$DB" list --year 1990
expect_exit 2 "list --visibility bad" -- "$WA_INDEX" --db "$DB" list --visibility geheim
expect_grep "names the allowed visibilities" "erlaubt: öffentlich, intern" "$TMP/err"
expect_exit 2 "list --missing bad" -- "$WA_INDEX" --db "$DB" list --missing farbe
expect_exit 2 "list --year bad" -- "$WA_INDEX" --db "$DB" list --year neunzehn

# --json: valid, versioned, the same documents and facts
expect_exit 0 "list --json" -- "$WA_INDEX" --db "$DB" list --json
python3 - "$TMP/out" <<'PY' && ok || fail "list --json content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format_version"] == 1 and d["count"] == 4, d
docs = {x["id"]: x for x in d["documents"]}
assert sorted(docs) == ["ki/leitlinien.txt", "ki/protokoll.txt", "notizen.txt", "rundbrief.txt"]
r = docs["rundbrief.txt"]
assert r["database"] == "withdrawn" and r["withdrawn"]["reason"] == "veraltet", r
assert r["metadata"]["titel"] == "Rundbrief" and r["metadata"]["datum"] == "2019-08", r
assert docs["ki/protokoll.txt"]["database"] == "internal"
assert docs["notizen.txt"]["metadata"]["werkstatt"] is None
assert docs["ki/leitlinien.txt"]["path"].endswith("/ki/leitlinien.txt")
PY
"$WA_INDEX" --db "$DB" list --json --withdrawn 2>/dev/null |
  python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["count"]==1 and d["documents"][0]["id"]=="rundbrief.txt"' &&
  ok || fail "list --json takes the filters"

# show by id and by path, with overrides and withdrawal
"$WA_INDEX" --db "$DB" -q meta ki/leitlinien.txt --set titel="Leitlinien KI-Einsatz" || fail "meta"
expect_exit 0 "show by id" -- "$WA_INDEX" --db "$DB" show ki/leitlinien.txt
expect_grep "show: the title with its override and own value" \
  '^Titel: +Leitlinien KI-Einsatz  \[Korrektur; eigener Wert: KI-Leitlinien\]$' "$TMP/out"
expect_grep "show: the database" '^Datenbank: +öffentlich \(public/\)$' "$TMP/out"
expect_grep "show: not withdrawn" '^Zurückgezogen: +nein$' "$TMP/out"
cp "$TMP/out" "$TMP/show-id"
expect_exit 0 "show by path" -- "$WA_INDEX" --db "$DB" show "$SRC/ki/leitlinien.txt"
cmp -s "$TMP/out" "$TMP/show-id" && ok || fail "show by path shows the same as by id"
expect_exit 0 "show by relative path" -- sh -c "cd '$SRC' && '$WA_INDEX' --db '$DB' show ki/../ki/leitlinien.txt"
cmp -s "$TMP/out" "$TMP/show-id" && ok || fail "show by a relative path"
expect_exit 0 "show a withdrawn document" -- "$WA_INDEX" --db "$DB" show rundbrief.txt
expect_grep "show: withdrawn with its reason" '^Zurückgezogen: +[0-9T:Z-]+, Grund: veraltet$' "$TMP/out"
expect_grep "show: withdrawn database" '^Datenbank: +zurückgezogen \(withdrawn/\)$' "$TMP/out"
expect_grep "show: its metadata" '^Werkstatt/Community: +Social Media$' "$TMP/out"
expect_exit 0 "show --json" -- "$WA_INDEX" --db "$DB" show --json ki/leitlinien.txt
python3 - "$TMP/out" <<'PY' && ok || fail "show --json content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format_version"] == 1 and d["id"] == "ki/leitlinien.txt"
assert d["overrides"] == {"titel": "Leitlinien KI-Einsatz"}, d
assert d["original"] == {"titel": "KI-Leitlinien"}, d
assert d["metadata"]["titel"] == "Leitlinien KI-Einsatz" and d["withdrawn"] is None
assert d["database"] == "public"
PY
expect_exit 1 "show of a missing document" -- "$WA_INDEX" --db "$DB" show gibtsnicht.txt
expect_grep "show names the missing document" "kein Dokument 'gibtsnicht.txt' im Archiv" "$TMP/err"
expect_exit 2 "show without operand" -- "$WA_INDEX" --db "$DB" show

# list and show only read: they work while a run holds the writer lock
setsid python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "r+")
fcntl.lockf(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(30)' "$DB/public/flintlock" "$TMP/locked" &
locker=$!
trap 'kill $locker 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [ -e "$TMP/locked" ] && break; sleep 0.1; done
expect_exit 0 "list while a run writes" -- timeout 20 "$WA_INDEX" --db "$DB" list
expect_exit 0 "show while a run writes" -- timeout 20 "$WA_INDEX" --db "$DB" show notizen.txt
kill "$locker" 2>/dev/null
wait "$locker" 2>/dev/null

finish
