#!/usr/bin/env bash
# werkarchiv-index synonyms: the archive's own list, in the archive directory,
# used by searches at once (no add or sync in between), kept by later runs,
# every change in the audit log.
. "$(dirname "$0")/lib.sh"

DB="$TMP/archiv"
SRC="$TMP/quellen"
mkdir -p "$SRC"
printf 'Protokoll vom 1. März 2021\n\nDie Xylophonzentrale der Stadt wurde eröffnet.\n' >"$SRC/a.txt"
printf 'Bericht vom 2. März 2021\n\nEine Stelle der zentralen Xylophonstelle ist frei.\n' >"$SRC/b.txt"
printf 'Notiz vom 3. März 2021\n\nNichts davon hier, nur Verwaltung und KI.\n' >"$SRC/c.txt"
"$WA_INDEX" --db "$DB" -q add "$SRC" >/dev/null 2>&1

# list: the data directory's list until the archive has its own
expect_exit 0 "synonyms list" -- "$WA_INDEX" --db "$DB" synonyms list
expect_grep "the default list is shown" '^ki = KI; AI; künstliche Intelligenz' "$TMP/out"
expect_grep "says where it comes from" 'noch keine eigene' "$TMP/err"
[ ! -e "$DB/synonyms.txt" ] && ok || fail "list writes no file"

expect_exit 1 "no concept yet: XYZ finds nothing" -- "$WA_SEARCH" --db "$DB" XYZ
expect_exit 0 "synonyms add" -- "$WA_INDEX" --db "$DB" synonyms add xyz XYZ Xylophonzentrale "zentrale Xylophonstelle"
expect_grep "names the documents that got the concept" '2 Dokumente neu verschlagwortet' "$TMP/out"
[ -f "$DB/synonyms.txt" ] && ok || fail "the archive has its own list"
expect_grep "the list file has the concept" '^xyz = XYZ; Xylophonzentrale; zentrale Xylophonstelle$' "$DB/synonyms.txt"
expect_grep "the list file keeps the default concepts" '^ozg = OZG' "$DB/synonyms.txt"
# searched at once: the abbreviation, the long forms, inflected
[ "$(ids "$DB" XYZ | sort | tr '\n' ' ')" = "a.txt b.txt " ] && ok ||
  fail "XYZ finds both long forms: $(ids "$DB" XYZ | tr '\n' ' ')"
[ "$(ids "$DB" Xylophonzentrale | sort | tr '\n' ' ')" = "a.txt b.txt " ] && ok ||
  fail "one long form finds the other"
expect_exit 0 "synonyms list --json" -- "$WA_INDEX" --db "$DB" synonyms list --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c={x["id"]:x["variants"] for x in d["concepts"]}; sys.exit(not (d["own"] and c["xyz"]==["XYZ","Xylophonzentrale","zentrale Xylophonstelle"]))' \
  "$TMP/out" && ok || fail "list --json names the concept and its variants"

# the archive's list stays in force for indexing: a new file gets the concept
printf 'Vermerk vom 4. März 2021\n\nDie Xylophonzentrale braucht Personal.\n' >"$SRC/d.txt"
"$WA_INDEX" --db "$DB" -q sync "$SRC" >/dev/null 2>&1
[ "$(ids "$DB" XYZ | sort | tr '\n' ' ')" = "a.txt b.txt d.txt " ] && ok ||
  fail "after sync XYZ also finds the new file: $(ids "$DB" XYZ | tr '\n' ' ')"

# remove one variant, then the concept
expect_exit 0 "synonyms remove a variant" -- "$WA_INDEX" --db "$DB" synonyms remove xyz "zentrale Xylophonstelle"
[ "$(ids "$DB" XYZ | sort | tr '\n' ' ')" = "a.txt d.txt " ] && ok ||
  fail "without the variant XYZ no longer finds b.txt: $(ids "$DB" XYZ | tr '\n' ' ')"
expect_exit 0 "synonyms remove the concept" -- "$WA_INDEX" --db "$DB" synonyms remove --by Geschäftsstelle xyz
expect_exit 1 "XYZ finds nothing again" -- "$WA_SEARCH" --db "$DB" XYZ
expect_no_grep "the concept left the file" '^xyz' "$DB/synonyms.txt"
expect_exit 1 "remove of a concept the list lacks" -- "$WA_INDEX" --db "$DB" synonyms remove xyz
expect_grep "says so in German" "keinen Begriff 'xyz'" "$TMP/err"

# import a whole list: refused with the line named when malformed
printf 'gut = Gut; Prima\nKaputt ohne Gleichheitszeichen\n' >"$TMP/bad.txt"
expect_exit 2 "import of a malformed list" -- "$WA_INDEX" --db "$DB" synonyms import "$TMP/bad.txt"
expect_grep "names file and line" "bad.txt', Zeile 2" "$TMP/err"
printf '# eigene Liste\nxyz = XYZ; Xylophonzentrale\n' >"$TMP/liste.txt"
expect_exit 0 "synonyms import" -- "$WA_INDEX" --db "$DB" synonyms import "$TMP/liste.txt"
cmp -s "$TMP/liste.txt" "$DB/synonyms.txt" && ok || fail "import makes the file the archive's list"
[ "$(ids "$DB" XYZ | sort | tr '\n' ' ')" = "a.txt d.txt " ] && ok || fail "the imported concept is searched"
# a concept the new list dropped no longer joins its words
[ "$(ids "$DB" 'künstliche Intelligenz' | tr '\n' ' ')" = "" ] && ok ||
  fail "KI's long form no longer finds c.txt after the list without ki"

# bad input
expect_exit 2 "a concept id with capitals" -- "$WA_INDEX" --db "$DB" synonyms add XYZ Foo
expect_grep "says what a concept id is" 'nur Kleinbuchstaben a-z und Ziffern' "$TMP/err"
expect_exit 2 "a variant with a semicolon" -- "$WA_INDEX" --db "$DB" synonyms add xyz 'a;b'
expect_exit 2 "no subcommand" -- "$WA_INDEX" --db "$DB" synonyms
expect_exit 2 "synonyms of a folder that is no archive" -- "$WA_INDEX" --db "$TMP/nie" synonyms list

# while an indexing run holds the writer lock, a change fails at once, in German
# (a stand-in pdftotext hangs on one file and keeps the run going)
REAL=$(command -v pdftotext)
mkdir -p "$TMP/bin" "$TMP/lang"
cat >"$TMP/bin/pdftotext" <<SH
#!/bin/sh
case "\$*" in *haenger*) echo \$\$ >"$TMP/mark"; exec sleep 300 ;; esac
exec "$REAL" "\$@"
SH
chmod +x "$TMP/bin/pdftotext"
cp "$FIXTURES/formats/sample.pdf" "$TMP/lang/haenger.pdf"
PATH="$TMP/bin:$PATH" timeout 120 "$WA_INDEX" --db "$DB" -q -j 1 add "$TMP/lang" >/dev/null 2>&1 &
run=$!
for _ in $(seq 1 300); do [ -s "$TMP/mark" ] && break; sleep 0.1; done
[ -s "$TMP/mark" ] && ok || fail "the indexing run never started"
expect_exit 2 "synonyms add while a run writes" -- timeout 60 "$WA_INDEX" --db "$DB" synonyms add abc ABC
expect_grep "says so in German" "wird gerade von einem anderen Lauf geschrieben" "$TMP/err"
expect_exit 2 "respell while a run writes" -- timeout 60 "$WA_INDEX" --db "$DB" respell
expect_grep "respell says so in German" "wird gerade von einem anderen Lauf geschrieben" "$TMP/err"
expect_exit 2 "export while a run writes" -- timeout 60 "$WA_INDEX" --db "$DB" export "$TMP/x.jsonl"
expect_grep "export says so in German" "wird gerade von einem anderen Lauf geschrieben" "$TMP/err"
expect_exit 0 "stats reads while a run writes" -- timeout 60 "$WA_INDEX" --db "$DB" stats
kill -INT "$run" 2>/dev/null
wait "$run"
kill "$(cat "$TMP/mark")" 2>/dev/null
expect_no_grep "the refused change left the list alone" '^abc' "$DB/synonyms.txt"

# every change in the audit log: who, what, old and new line
log="$DB/audit.log"
[ "$(grep -c '	synonyms-' "$log")" -eq 4 ] && ok || fail "four changes logged: $(cat "$log")"
expect_grep "add logged with the new line" '	synonyms-add		xyz		xyz = XYZ; Xylophonzentrale; zentrale Xylophonstelle	$' "$log"
expect_grep "remove logged with old and new line" '	synonyms-remove		xyz	xyz = XYZ; Xylophonzentrale; zentrale Xylophonstelle	xyz = XYZ; Xylophonzentrale	' "$log"
expect_grep "--by names who" '	Geschäftsstelle	synonyms-remove		xyz	' "$log"
expect_grep "import logged with the file" "	synonyms-import		.*liste.txt$" "$log"

finish
