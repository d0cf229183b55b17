#!/usr/bin/env bash
# werkarchiv-index stats, failures, check and respell: the figures of the
# sample corpus (counted here without the indexer), remembered failures, each
# kind of problem check names, made on purpose, and respell taking deleted and
# internal words out of the public "Meinten Sie".
. "$(dirname "$0")/lib.sh"
: "${WA_CGI:?run through ctest}"

DB="$TMP/archiv"
index_corpus "$DB"

# ---- stats ---------------------------------------------------------------
expect_exit 0 "stats --json" -- "$WA_INDEX" --db "$DB" stats --json
cp "$TMP/out" "$TMP/stats.json"
# the same figures from the search (all documents, none folded) and from the files
"$WA_SEARCH" --db "$DB" --json --no-collapse --facets -n 0 '' >"$TMP/facets.json"
"$WA_SEARCH" --db "$DB/public" --json --no-collapse -n 0 '' >"$TMP/public.json"
python3 - "$CORPUS" "$TMP/stats.json" "$TMP/facets.json" "$TMP/public.json" >"$TMP/cmp" 2>&1 <<'EOF'
import collections, json, os, re, sys
corpus, stats, facets, public = sys.argv[1:]
s = json.load(open(stats))
f = json.load(open(facets))
pub = json.load(open(public))["total"]
# formats from the file names; a page that asks not to be indexed is no document
formats = collections.Counter()
for root, _, files in os.walk(corpus):
    for name in files:
        ext = name.rsplit(".", 1)[-1]
        if ext == "meta":
            continue
        p = os.path.join(root, name)
        if ext == "html" and re.search(rb'name="robots"[^>]*noindex', open(p, "rb").read()):
            continue
        formats[ext] += 1
bad = []
def same(what, got, want):
    if got != want:
        bad.append("%s: stats %r, expected %r" % (what, got, want))
total = sum(formats.values())
same("total", s["documents"]["total"], total)
same("format", {e["value"]: e["count"] for e in s["format"]}, dict(formats))
same("public", s["documents"]["public"], pub)
same("internal", s["documents"]["internal"], total - pub)
same("visibility", s["visibility"], {"öffentlich": pub, "intern": total - pub})
for key in ("werkstatt", "type", "year"):
    want = {e["value"]: e["count"] for e in f["facets"][key]}
    # the search's year facet names the undated hits "ohne Datum" (docs/json.md)
    undated = want.pop("ohne Datum", None) if key == "year" else None
    got = {e["value"]: e["count"] for e in s[key] if e["value"] is not None}
    same(key, got, want)
    unstated = sum(e["count"] for e in s[key] if e["value"] is None)
    same(key + " without value", unstated + sum(want.values()), total)
    if undated is not None:
        same(key + " without value, as the search counts it", unstated, undated)
same("last run command", s["last_run"]["command"], "add")
same("last run indexed", s["last_run"]["indexed"], total)
same("noindex remembered", s["noindex"], 1)
same("failures", s["failures"], 0)
if s["index"]["bytes"] != s["index"]["public_bytes"] + s["index"]["internal_bytes"] + s["index"]["withdrawn_bytes"] or s["index"]["bytes"] <= 0:
    bad.append("index size %r" % s["index"])
print("\n".join(bad) or "ok")
EOF
expect_grep "stats agree with the corpus counted independently" '^ok$' "$TMP/cmp"
[ "$(cat "$TMP/cmp")" = ok ] || sed 's/^/  | /' "$TMP/cmp" >&2
expect_exit 0 "stats (text)" -- "$WA_INDEX" --db "$DB" stats
expect_grep "text: documents" '^Dokumente: [0-9]+ \(öffentlich [0-9]+, intern [0-9]+' "$TMP/out"
expect_grep "text: by Werkstatt" '^Nach Werkstatt:' "$TMP/out"
expect_grep "text: a Werkstatt of the corpus" '^ +[0-9]+  Barrierefreiheit$' "$TMP/out"
expect_grep "text: by format" '^ +[0-9]+  pdf$' "$TMP/out"
expect_grep "text: index size" '^Indexgröße: [0-9]' "$TMP/out"
expect_grep "text: last run" '^Letzter Lauf: [0-9-]+T[0-9:]+Z, add: ' "$TMP/out"
expect_exit 2 "stats of a folder that is no archive" -- "$WA_INDEX" --db "$TMP/nie" stats
expect_grep "names the folder in German" "'$TMP/nie' ist kein Archivverzeichnis" "$TMP/err"
[ ! -e "$TMP/nie" ] && ok || fail "stats created no archive"
expect_exit 2 "stats with an operand" -- "$WA_INDEX" --db "$DB" stats extra

# ---- failures ------------------------------------------------------------
SRC="$TMP/quellen"
mkdir -p "$SRC"
printf 'Protokoll der Sitzung vom 12. März 2021\n\nDie Werkstatt tagte zum Quokkaprojekt.\n' \
  >"$SRC/protokoll.txt"
printf 'Ergebnis vom 3. Mai 2022\n\nZweites Dokument über Verwaltung.\n' >"$SRC/ergebnis.txt"
printf 'PK\003\004kaputt' >"$SRC/kaputt.docx"
D2="$TMP/klein"
expect_exit 1 "add with a broken file" -- "$WA_INDEX" --db "$D2" add "$SRC"
expect_exit 0 "failures" -- "$WA_INDEX" --db "$D2" failures
expect_grep "failures lists the file with its reason" "^$SRC/kaputt.docx	.*ZIP" "$TMP/out"
expect_exit 0 "failures --json" -- "$WA_INDEX" --db "$D2" failures --json
expect_grep "JSON failure names the id" '"id": "kaputt.docx"' "$TMP/out"
expect_exit 0 "stats counts the failure" -- "$WA_INDEX" --db "$D2" stats --json
expect_grep "one remembered failure" '"failures": 1' "$TMP/out"
expect_grep "last run counted it" '"failed": 1' "$TMP/out"

# ---- check ---------------------------------------------------------------
# libxapian 1.4.22's own check code frees an object with the size of another
# inside the library (AddressSanitizer: new-delete-type-mismatch in
# Xapian::Database::check); under the sanitizer build that report is
# switched off for check, as the leak in libxapian is (docs/design-notes.md)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}new_delete_type_mismatch=0"
rm "$SRC/kaputt.docx"
expect_exit 0 "sync after removing the broken file" -- "$WA_INDEX" --db "$D2" -q sync "$SRC"
expect_exit 0 "check of a sound archive" -- "$WA_INDEX" --db "$D2" check
expect_grep "says it is in order" 'in Ordnung' "$TMP/out"
expect_exit 0 "stats records sync as last run" -- "$WA_INDEX" --db "$D2" stats --json
expect_grep "last run is sync" '"command": "sync"' "$TMP/out"

# a document without a date
printf 'Notiz ohne jede Zeitangabe\n\nNur Text.\n' >"$SRC/notiz.txt"
"$WA_INDEX" --db "$D2" -q add "$SRC" >/dev/null 2>&1
expect_exit 1 "check finds a document without date" -- "$WA_INDEX" --db "$D2" check
expect_grep "names it" "^Dokument 'notiz.txt' hat kein Datum$" "$TMP/out"
expect_grep "counts the problems" '^1 Problem gefunden$' "$TMP/out"
rm "$SRC/notiz.txt"
"$WA_INDEX" --db "$D2" -q sync --force "$SRC" >/dev/null 2>&1

# a document without a title: indexing always finds one, an import need not
printf '%s\n' '{"format":"werkarchiv-export","type":"header","version":1}' \
  '{"database":"public","id":"ohne-titel.txt","metadata":{"date":"2021-03-01"},"source":{"mtime":1,"size":3},"text":"Nur Text","type":"document","visibility":"öffentlich"}' \
  '{"documents":1,"type":"end"}' >"$TMP/ohne-titel.jsonl"
"$WA_INDEX" --db "$TMP/ot" -q import "$TMP/ohne-titel.jsonl" >/dev/null 2>&1
expect_exit 1 "check finds a document without title" -- "$WA_INDEX" --db "$TMP/ot" check
expect_grep "names it" "^Dokument 'ohne-titel.txt' hat keinen Titel$" "$TMP/out"

# a source that vanished (the archive was not synced)
mv "$SRC/ergebnis.txt" "$TMP/ergebnis.txt"
expect_exit 1 "check finds a vanished source" -- "$WA_INDEX" --db "$D2" check
expect_grep "names the document and the file" "^Quelle von 'ergebnis.txt' fehlt: '$SRC/ergebnis.txt'$" "$TMP/out"
mv "$TMP/ergebnis.txt" "$SRC/ergebnis.txt"

# a curation entry for a document the archive does not hold
cur="$D2/curation.txt"
printf 'werkarchiv-curation 1\nmeta\tgibt-es-nicht.txt\ttitel\tNeuer Titel\n' >"$cur"
expect_exit 1 "check finds an override of a missing document" -- "$WA_INDEX" --db "$D2" check --json
expect_grep "JSON names the kind" '"kind": "override-orphan"' "$TMP/out"
expect_grep "JSON names the id" '"id": "gibt-es-nicht.txt"' "$TMP/out"
expect_grep "JSON is not ok" '"ok": false' "$TMP/out"
rm "$cur"

# spelling entries left by a deleted document
expect_exit 0 "remove a document" -- "$WA_INDEX" --db "$D2" -q remove protokoll.txt
expect_exit 1 "check finds stale spelling entries" -- "$WA_INDEX" --db "$D2" check
expect_grep "names the database and the remedy" "^Datenbank 'public': [0-9]+ Rechtschreibeinträge .*respell" "$TMP/out"
"$WA_INDEX" --db "$D2" -q add "$SRC" >/dev/null 2>&1

# a damaged database: Xapian's own check fails
cp -r "$D2" "$TMP/kaputt"
for f in "$TMP/kaputt/public/"postlist.glass; do
  head -c 100 "$f" >"$f.tmp" && mv "$f.tmp" "$f"
done
expect_exit 1 "check finds a damaged database" -- "$WA_INDEX" --db "$TMP/kaputt" check
expect_grep "names the database and Xapian" "^Datenbank 'public': Xapians Prüfung meldet" "$TMP/out"

# ---- respell ---------------------------------------------------------------
# A deleted document's word and a word of a document that became internal stay
# in the public spelling data until respell: anonymous visitors were offered
# them as "Meinten Sie".
R="$TMP/rs"
RDB="$TMP/rsdb"
mkdir -p "$R"
printf 'Protokoll vom 1. März 2021\n\nDas Quokkaprojekt läuft.\n' >"$R/weg.txt"
printf 'Bericht vom 2. März 2021\n\nZwei Quokkaprojekte sind geplant.\n' >"$R/bleibt.txt"
printf 'Notiz vom 5. März 2021\n\nDas Wombatzentrum ist geheim.\n' >"$R/intern.txt"
printf 'Notiz vom 6. März 2021\n\nMehrere Wombatzentrums sind öffentlich.\n' >"$R/offen.txt"
"$WA_INDEX" --db "$RDB" -q add "$R" >/dev/null 2>&1
rm "$R/weg.txt"
printf 'sichtbarkeit: intern\n' >"$R/intern.txt.meta"
"$WA_INDEX" --db "$RDB" -q sync --force "$R" >/dev/null 2>&1
suggestion() { # DB QUERY: the "Meinten Sie" of the JSON output
  "$WA_SEARCH" --db "$1" --json "$2" 2>/dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["suggestion"])'
}
CONF="$TMP/cgi.conf"
printf 'archive = %s\nmembers = anna\n' "$RDB" >"$CONF"
anonymous() { # QUERY: the search page for an anonymous visitor
  env -i PATH="$PATH" ASAN_OPTIONS="${ASAN_OPTIONS:-}" LSAN_OPTIONS="${LSAN_OPTIONS:-}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" REQUEST_METHOD=GET QUERY_STRING="q=$1" \
    SCRIPT_NAME=/werkarchiv.cgi SERVER_NAME=localhost SERVER_PORT=80 \
    WERKARCHIV_CGI_CONFIG="$CONF" timeout 60 "$WA_CGI" 2>/dev/null
}
[ "$(suggestion "$RDB/public" Quokkaprojekk)" = Quokkaprojekt ] && ok ||
  fail "before respell: the deleted document's word is suggested"
[ "$(suggestion "$RDB/public" Wombatzentrun)" = Wombatzentrum ] && ok ||
  fail "before respell: the internal document's word is suggested publicly"
anonymous Wombatzentrun | grep -q 'Meinten Sie.*Wombatzentrum<' && ok ||
  fail "before respell: the page offers anonymous visitors the internal word"
expect_exit 1 "check names the stale entries" -- "$WA_INDEX" --db "$RDB" check
expect_exit 0 "respell" -- "$WA_INDEX" --db "$RDB" respell
expect_grep "respell says what it dropped" '^Rechtschreibdaten neu aufgebaut: öffentlich [0-9]+ Wörter \([1-9][0-9]* entfernt\)' "$TMP/out"
[ "$(suggestion "$RDB/public" Quokkaprojekk)" = Quokkaprojekte ] && ok ||
  fail "after respell: the deleted document's word is gone, the present one suggested"
[ "$(suggestion "$RDB" Quokkaprojekk)" = Quokkaprojekte ] && ok ||
  fail "after respell: members are not offered the deleted word either"
[ "$(suggestion "$RDB/public" Wombatzentrun)" = Wombatzentrums ] && ok ||
  fail "after respell: the internal word is not suggested publicly"
anonymous Wombatzentrun >"$TMP/page"
expect_no_grep "after respell: the page offers no internal word" 'Wombatzentrum<' "$TMP/page"
expect_grep "after respell: the page offers the public word" 'Meinten Sie.*Wombatzentrums<' "$TMP/page"
[ "$(suggestion "$RDB" Wombatzentrun)" = Wombatzentrum ] && ok ||
  fail "members still get the internal word"
expect_exit 0 "check is content after respell" -- "$WA_INDEX" --db "$RDB" check
expect_grep "respell is in the audit log" '	respell		spelling	[0-9]+	[0-9]+	$' "$RDB/audit.log"

expect_exit 0 "check --help" -- "$WA_INDEX" check --help
expect_grep "help says what it checks" 'exit 1' "$TMP/out"

finish
