#!/usr/bin/env bash
# Safe sync: no removal below an empty, missing or unreadable folder, none
# beyond --max-remove without --force; --dry-run of add, sync and remove
# changes nothing; every removal is in the audit log, which `log` prints;
# --wait waits for the writer lock.
. "$(dirname "$0")/lib.sh"

DB="$TMP/archiv"
SRC="$TMP/quellen"
mkdir -p "$SRC"
cp -r "$CORPUS/." "$SRC/"
expect_exit 0 "index a copy of the corpus" -- "$WA_INDEX" --db "$DB" -q add "$SRC"

# the revisions of both databases: a dry run or a refused sync must not move them
revisions() { for s in public internal; do xapian-delve "$DB/$s" | sed -n 's/^revision = //p'; done | tr '\n' ' '; }
# the number of documents in both databases
doccount() { for s in public internal; do xapian-delve "$DB/$s" | sed -n 's/^number of documents = //p'; done |
  awk '{n += $1} END {print n}'; }
total=$(doccount)
[ "$total" -gt 20 ] && ok || fail "corpus archive has $total documents"
rev0=$(revisions)

# ---- the share did not mount: an empty folder removes nothing ---------------
mv "$SRC" "$TMP/weg"
mkdir "$SRC"
expect_exit 2 "sync over an empty folder is refused" -- "$WA_INDEX" --db "$DB" sync "$SRC"
expect_grep "names the empty folder" "der Ordner '.*quellen' ist leer" "$TMP/err"
expect_grep "names the count" "$total Dokumente darunter würden entfernt" "$TMP/err"
expect_grep "says how to override" "\-\-force" "$TMP/err"
expect_grep "says nothing changed" "nichts geändert" "$TMP/err"
[ "$(doccount)" = "$total" ] && ok || fail "empty-folder sync removed documents"
[ "$(revisions)" = "$rev0" ] && ok || fail "refused sync changed the databases"
[ ! -e "$DB/audit.log" ] && ok || fail "refused sync wrote removals to the log"

# a folder with only hidden files and empty subfolders is empty too
mkdir -p "$SRC/leer/tiefer" && touch "$SRC/.versteckt"
expect_exit 2 "sync over a folder without files" -- "$WA_INDEX" --db "$DB" sync "$SRC"
expect_grep "still empty" "ist leer" "$TMP/err"

# ---- missing folder ----------------------------------------------------------
rm -rf "$SRC"
expect_exit 2 "sync over a missing folder is refused" -- "$WA_INDEX" --db "$DB" sync "$SRC"
expect_grep "names the missing folder" "der Ordner '.*quellen' fehlt" "$TMP/err"
expect_grep "missing: names the count" "$total Dokumente" "$TMP/err"
[ "$(doccount)" = "$total" ] && ok || fail "missing-folder sync removed documents"
# a missing folder the archive knows nothing of is an error, as before
expect_exit 2 "sync over an unknown missing folder" -- "$WA_INDEX" --db "$DB" sync "$TMP/nirgends"
expect_grep "unknown folder named" "'.*nirgends' gibt es nicht" "$TMP/err"
# two folders, one of them missing: nothing at all is removed or added
mkdir -p "$TMP/zweit" && printf 'Neue Notiz der Werkstatt\n' >"$TMP/zweit/notiz.txt"
expect_exit 2 "sync of a present and a missing folder" -- "$WA_INDEX" --db "$DB" sync "$TMP/zweit" "$SRC"
[ "$(doccount)" = "$total" ] && ok || fail "one missing folder of two: documents changed"

# ---- unreadable folder (needs a user the permissions apply to) ---------------
mv "$TMP/weg" "$SRC"
as=()
if [ "$(id -u)" -eq 0 ]; then
  # root reads everything: run these as nobody, on files nobody owns
  if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    chmod 755 "$TMP"
    chown -R 65534:65534 "$DB" "$SRC"
  fi
fi
if [ "$(id -u)" -ne 0 ] || [ ${#as[@]} -gt 0 ]; then
  chmod 000 "$SRC"
  expect_exit 2 "sync over an unreadable folder is refused" -- "${as[@]}" "$WA_INDEX" --db "$DB" sync "$SRC"
  expect_grep "names the unreadable folder" "der Ordner '.*quellen' ist nicht lesbar" "$TMP/err"
  expect_grep "unreadable: names the count" "$total Dokumente darunter würden entfernt" "$TMP/err"
  chmod 755 "$SRC"
  # an unreadable subfolder: its documents are not gone, only unseen
  chmod 000 "$SRC/open-source"
  expect_exit 1 "sync with an unreadable subfolder" -- "${as[@]}" "$WA_INDEX" --db "$DB" --json sync "$SRC"
  [ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["removed"])' "$TMP/out")" = 0 ] &&
    ok || fail "documents below an unreadable subfolder were removed"
  expect_grep "the unreadable subfolder is reported" "failed '.*/open-source'" "$TMP/err"
  chmod 755 "$SRC/open-source"
  [ ${#as[@]} -gt 0 ] && chown -R 0:0 "$DB" "$SRC"
else
  echo "# unreadable folders not tested: running as root without setpriv"
fi
[ "$(doccount)" = "$total" ] && ok || fail "documents changed before the threshold tests"
rev0=$(revisions) # the sync with an unreadable subfolder indexed (and committed)

# ---- more than --max-remove of the archive -----------------------------------
mv "$SRC/open-source" "$SRC/kuenstliche-intelligenz" "$SRC/datenschutz" "$TMP/"
gone=$(find "$TMP/open-source" "$TMP/kuenstliche-intelligenz" "$TMP/datenschutz" -type f ! -name '*.meta' | wc -l)
pct=$((gone * 100 / total))
[ "$pct" -gt 20 ] && [ "$pct" -lt 50 ] && ok || fail "test set-up: $gone of $total is $pct %"
expect_exit 0 "dry run of an over-threshold sync with --force lists the removals" -- \
  "$WA_INDEX" --db "$DB" sync --dry-run --force "$SRC"
[ "$(grep -c '^entfernen ' "$TMP/out")" = "$gone" ] && ok || fail "dry run lists $gone removals"
expect_grep "dry run: its title" "^entfernen   open-source/2022-12-open-source-strategie.md  „Eckpunkte" "$TMP/out"
expect_grep "dry run summary" "^Probelauf, nichts geändert: 0 hinzuzufügen, 0 zu ersetzen, $gone zu entfernen" "$TMP/out"
[ "$(revisions)" = "$rev0" ] && ok || fail "sync --dry-run changed the databases"
expect_exit 2 "sync removing more than 20 % is refused" -- "$WA_INDEX" --db "$DB" sync "$SRC"
expect_grep "names count and share" "sync würde $gone von $total Dokumenten des Archivs entfernen \(" "$TMP/err"
expect_grep "names the limit" "\-\-max-remove 20 %" "$TMP/err"
[ "$(doccount)" = "$total" ] && ok || fail "over-threshold sync removed documents"
expect_exit 2 "--max-remove below the share is refused" -- "$WA_INDEX" --db "$DB" sync --max-remove $((pct - 1)) "$SRC"
expect_exit 2 "--max-remove rejects 101" -- "$WA_INDEX" --db "$DB" sync --max-remove 101 "$SRC"
expect_grep "bad percentage named" "\-\-max-remove erwartet einen Prozentwert" "$TMP/err"
[ "$(revisions)" = "$rev0" ] && ok || fail "refused syncs changed the databases"

# a higher limit lets it through; the removals are logged with who and why
expect_exit 0 "sync with --max-remove above the share" -- \
  "$WA_INDEX" --db "$DB" --json sync --max-remove $((pct + 1)) --by "Geschäftsstelle" "$SRC"
[ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["removed"])' "$TMP/out")" = "$gone" ] &&
  ok || fail "sync removed $gone documents"
[ "$(doccount)" = $((total - gone)) ] && ok || fail "archive holds $((total - gone)) documents"
[ "$(grep -c "	remove	" "$DB/audit.log")" = "$gone" ] && ok || fail "one audit line per removal"
expect_grep "audit line: who, id, path, title, reason" \
  "^[0-9-]{10}T[0-9:]{8}Z	Geschäftsstelle	remove	open-source/2022-12-open-source-strategie.md	document	\{.*\"path\":\"[^\"]*/quellen/open-source/2022-12-open-source-strategie.md\",\"title\":\"Eckpunkte einer kommunalen Open-Source-Strategie\".*\}		sync: die Quelldatei ist nicht mehr vorhanden$" \
  "$DB/audit.log"

# ---- log ------------------------------------------------------------------------
expect_exit 0 "log" -- "$WA_INDEX" --db "$DB" log
[ "$(wc -l <"$TMP/out")" = "$gone" ] && ok || fail "log prints one line per removal"
expect_grep "log line" "^[0-9-]{10}T[0-9:]{8}Z  Geschäftsstelle  remove  open-source/2022-12-open-source-strategie.md  „Eckpunkte einer kommunalen Open-Source-Strategie“  \(.*/quellen/open-source/2022-12-open-source-strategie.md\)  – sync: " "$TMP/out"
expect_exit 0 "log --id" -- "$WA_INDEX" --db "$DB" log --id open-source/2022-12-open-source-strategie.md
[ "$(wc -l <"$TMP/out")" = 1 ] && ok || fail "log --id prints the one entry"
expect_exit 0 "log --since tomorrow" -- "$WA_INDEX" --db "$DB" log --since 2999-01-01
[ ! -s "$TMP/out" ] && ok || fail "log --since in the future prints nothing"
expect_exit 0 "log --until today" -- "$WA_INDEX" --db "$DB" log --until "$(date -u +%Y-%m-%d)"
[ "$(wc -l <"$TMP/out")" = "$gone" ] && ok || fail "log --until a date includes that day"
expect_exit 2 "log --since with a bad date" -- "$WA_INDEX" --db "$DB" log --since gestern
expect_grep "bad date named" "\-\-since erwartet ein Datum" "$TMP/err"
expect_exit 0 "log --json" -- "$WA_INDEX" --db "$DB" log --json --action remove
python3 - "$TMP/out" "$gone" <<'EOF' && ok || fail "log --json entries"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format_version"] == 1 and d["malformed_lines"] == 0
e = d["entries"]
assert len(e) == int(sys.argv[2]), len(e)
x = [x for x in e if x["id"] == "open-source/2022-12-open-source-strategie.md"][0]
assert x["who"] == "Geschäftsstelle" and x["action"] == "remove" and x["field"] == "document"
assert x["document"]["title"] == "Eckpunkte einer kommunalen Open-Source-Strategie"
assert x["document"]["path"].endswith("/open-source/2022-12-open-source-strategie.md")
assert x["reason"].startswith("sync:")
EOF
# undo from the log: the paths of the removed files, back from where they went
expect_exit 0 "log --paths" -- "$WA_INDEX" --db "$DB" log --action remove --paths
[ "$(grep -c "^$SRC/" "$TMP/out")" = "$gone" ] && ok || fail "log --paths lists the removed files"
mv "$TMP/open-source" "$TMP/kuenstliche-intelligenz" "$TMP/datenschutz" "$SRC/"
while read -r p; do [ -f "$p" ] || fail "logged path '$p' is not back"; done <"$TMP/out"
expect_exit 0 "add the folder again" -- "$WA_INDEX" --db "$DB" -q add "$SRC"
[ "$(doccount)" = "$total" ] && ok || fail "the archive is whole again"
[ "$(ids "$DB" Open-Source-Strategie | head -1)" = open-source/2022-12-open-source-strategie.md ] &&
  ok || fail "re-added document has its old id"

# ---- --force empties the archive below an empty folder, on purpose ----------
mkdir -p "$TMP/einzeln" && printf 'Einzelnes Protokoll\n' >"$TMP/einzeln/a.txt"
expect_exit 0 "add a folder of one" -- "$WA_INDEX" --db "$DB" -q add "$TMP/einzeln"
rm "$TMP/einzeln/a.txt"
expect_exit 2 "its last file gone: refused" -- "$WA_INDEX" --db "$DB" sync "$TMP/einzeln"
expect_exit 0 "sync --force over the empty folder" -- "$WA_INDEX" --db "$DB" sync --force "$TMP/einzeln"
expect_grep "forced: 1 removed" "1 entfernt" "$TMP/out"
expect_grep "forced removal logged with its reason" "	remove	a.txt	document	.*	sync --force: der Quellordner" "$DB/audit.log"
[ "$(doccount)" = "$total" ] && ok || fail "forced sync removed only its folder's document"

# ---- --dry-run of add and remove --------------------------------------------
rev1=$(revisions)
printf 'Ganz neuer Bericht der Werkstatt\n' >"$SRC/neu.txt"
printf '\nQuokkanachtrag.\n' >>"$SRC/open-source/2019-02-protokoll-auftakt.txt"
touch -d '2001-01-01' "$SRC/open-source/2019-02-protokoll-auftakt.txt"
expect_exit 0 "add --dry-run" -- "$WA_INDEX" --db "$DB" add --dry-run "$SRC"
expect_grep "would add the new file" "^hinzufügen  neu.txt  \(.*/quellen/neu.txt\)$" "$TMP/out"
expect_grep "would replace the changed file" "^ersetzen    open-source/2019-02-protokoll-auftakt.txt" "$TMP/out"
expect_grep "add dry run summary" "^Probelauf, nichts geändert: 1 hinzuzufügen, 1 zu ersetzen, 0 zu entfernen; " "$TMP/out"
[ "$(revisions)" = "$rev1" ] && ok || fail "add --dry-run changed the databases"
[ -z "$(ids "$DB" Quokkanachtrag)" ] && ok || fail "add --dry-run indexed the change"
expect_exit 0 "add -n --json" -- "$WA_INDEX" --db "$DB" add -n --json "$SRC"
python3 - "$TMP/out" <<'EOF' && ok || fail "add --dry-run --json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["dry_run"] is True and d["indexed"] == 0
c = sorted((x["action"], x["id"]) for x in d["changes"])
assert c == [("add", "neu.txt"), ("replace", "open-source/2019-02-protokoll-auftakt.txt")], c
EOF
expect_exit 0 "remove --dry-run by id and by folder" -- \
  "$WA_INDEX" --db "$DB" remove --dry-run --json open-source/2022-12-open-source-strategie.md "$SRC/datenschutz"
python3 - "$TMP/out" "$(ls "$SRC/datenschutz" | grep -vc '\.meta$')" <<'EOF' && ok || fail "remove --dry-run --json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["dry_run"] is True and d["removed"] == 0
c = d["changes"]
assert all(x["action"] == "remove" for x in c)
assert len(c) == 1 + int(sys.argv[2]), len(c)
x = [x for x in c if x["id"] == "open-source/2022-12-open-source-strategie.md"][0]
assert x["title"].startswith("Eckpunkte")
EOF
[ "$(revisions)" = "$rev1" ] && ok || fail "remove --dry-run changed the databases"
lines=$(wc -l <"$DB/audit.log")
expect_exit 0 "remove with a reason" -- \
  "$WA_INDEX" --db "$DB" remove --by "M. Muster" --reason "doppelt abgelegt" open-source/2022-12-open-source-strategie.md
[ "$(wc -l <"$DB/audit.log")" = $((lines + 1)) ] && ok || fail "remove wrote one audit line"
expect_grep "remove: who and why" "	M. Muster	remove	open-source/2022-12-open-source-strategie.md	document	.*		doppelt abgelegt$" "$DB/audit.log"
expect_exit 0 "log --action remove --id" -- "$WA_INDEX" --db "$DB" log --id open-source/2022-12-open-source-strategie.md
expect_grep "log shows the removal by remove" "M. Muster  remove  .*  – doppelt abgelegt$" "$TMP/out"

# the earlier version of a file that now fails leaves the index: logged too
mkdir -p "$TMP/kaputt" && printf 'Protokoll der Quokkakommission\n' >"$TMP/kaputt/b.txt"
expect_exit 0 "add a file" -- "$WA_INDEX" --db "$DB" -q add "$TMP/kaputt"
[ "$(ids "$DB" Quokkakommission)" = b.txt ] && ok || fail "the file is found before it fails"
printf 'Sichtbarkeit: intren\n' >"$TMP/kaputt/b.txt.meta"
expect_exit 1 "the file now fails" -- "$WA_INDEX" --db "$DB" add "$TMP/kaputt"
expect_grep "its earlier version's removal is logged with the failure" \
  "	remove	b.txt	document	.*	.*Sichtbarkeit" "$DB/audit.log"
[ -z "$(ids "$DB" Quokkakommission)" ] && ok || fail "the failing file's earlier version is still found"

# a dry run on an archive that does not exist yet creates nothing
expect_exit 0 "add --dry-run into a new archive" -- "$WA_INDEX" --db "$TMP/neu" add -n "$TMP/zweit"
expect_grep "lists the file" "^hinzufügen  notiz.txt" "$TMP/out"
[ ! -e "$TMP/neu" ] && ok || fail "add --dry-run created the archive"

# ---- --wait: a second writer waits instead of failing -------------------------
cat >"$TMP/hold.py" <<'EOF'
# Hold the archive's writer lock (Xapian's fcntl lock on public/flintlock) until told.
import fcntl, os, sys, time
fd = os.open(os.path.join(sys.argv[1], "flintlock"), os.O_RDWR | os.O_CREAT, 0o644)
fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)
open(sys.argv[2], "w").close()
while not os.path.exists(sys.argv[3]):
    time.sleep(0.05)
EOF
timeout 60 python3 "$TMP/hold.py" "$DB/public" "$TMP/locked" "$TMP/release" &
holder=$!
for _ in $(seq 100); do [ -e "$TMP/locked" ] && break; sleep 0.1; done
[ -e "$TMP/locked" ] && ok || fail "test set-up: the lock is held"
expect_exit 2 "a second writer fails fast" -- "$WA_INDEX" --db "$DB" remove neu.txt
expect_grep "fails with a German message naming --wait" "wird gerade von einem anderen Lauf geschrieben; --wait wartet darauf" "$TMP/err"
expect_exit 2 "--wait=1 gives up while the lock stays" -- "$WA_INDEX" --db "$DB" add --wait=1 "$SRC"
expect_grep "says it waits" "warte darauf \(höchstens 1 s\)" "$TMP/err"
expect_grep "says it gave up" "nach 1 s noch immer geschrieben; aufgegeben" "$TMP/err"
timeout 60 "$WA_INDEX" --db "$DB" add --wait -q "$SRC" >"$TMP/wait.out" 2>"$TMP/wait.err" &
waiter=$!
for _ in $(seq 100); do grep -q "warte darauf" "$TMP/wait.err" && break; sleep 0.1; done
expect_grep "the waiting writer says so" "wird gerade von einem anderen Lauf geschrieben; warte darauf \.\.\." "$TMP/wait.err"
kill -0 "$waiter" 2>/dev/null && ok || fail "the waiting writer is still waiting"
touch "$TMP/release"
wait "$holder"
wait "$waiter" && ok || fail "the waiting writer finished after the lock was released"
[ "$(ids "$DB" Quokkanachtrag)" = open-source/2019-02-protokoll-auftakt.txt ] && ok || fail "the waiting add indexed"

# every writing command's --help names --wait and --by; dry runs for the three
for c in add sync remove; do
  "$WA_INDEX" "$c" --help >"$TMP/help"
  expect_grep "$c --help names --wait" "\-\-wait\[=S\]" "$TMP/help"
  expect_grep "$c --help names --dry-run" "\-\-dry-run" "$TMP/help"
  expect_grep "$c --help names --by" "\-\-by NAME" "$TMP/help"
done
"$WA_INDEX" sync --help >"$TMP/help"
expect_grep "sync --help names --max-remove" "\-\-max-remove P" "$TMP/help"
expect_grep "sync --help names --force" "\-\-force" "$TMP/help"
"$WA_INDEX" --help >"$TMP/help"
expect_grep "program --help lists log" "^  log " "$TMP/help"

finish
