#!/usr/bin/env bash
# werkarchiv-index export and import: the archive as JSON Lines, valid against
# docs/export.schema.json; export -> import -> export is byte-identical, the
# imported archive (built without the sources) answers searches as the
# original does, and import refuses what it must not build.
. "$(dirname "$0")/lib.sh"

python3 -c 'import jsonschema' 2>/dev/null && ok ||
  { fail "python3 module jsonschema missing (scripts/deps.sh test installs python3-jsonschema)"; finish; }

# the sources are a copy that is gone before the import
SRC="$TMP/ablage"
cp -r "$CORPUS" "$SRC"
DB="$TMP/archiv"
"$WA_INDEX" --db "$DB" -q add "$SRC" >/dev/null 2>"$TMP/index.err"
# curation entries: an alias, an override and a withdrawal of documents the
# archive holds, and an override of one it does not
printf 'werkarchiv-curation 1\nalias\twerkstatt\tOSOD\tOpen Source und Open Data\nmeta\tdatenschutz/2018-05-dsgvo-in-kraft.txt\tschlagworte\tDSGVO\nmeta\tweg/alt.txt\ttitel\tAlter Titel\nwithdrawn\tsocial-media/2022-09-krisenkommunikation.txt\t2026-01-02T03:04:05Z\tdoppelt\n' \
  >"$DB/curation.txt"

# and the archive's own synonym list, with a concept of its own
"$WA_INDEX" --db "$DB" -q synonyms add quelloffen quelloffen "freie Software" >/dev/null 2>&1

expect_exit 0 "export FILE" -- "$WA_INDEX" --db "$DB" export "$TMP/a.jsonl"
expect_grep "export says how many" "^[0-9]+ Dokumente exportiert nach '$TMP/a.jsonl'$" "$TMP/out"
expect_exit 0 "export -" -- "$WA_INDEX" --db "$DB" export -
cmp -s "$TMP/out" "$TMP/a.jsonl" && ok || fail "export - writes the same bytes as export FILE"

# every line is valid; the figures add up
python3 - "$WA_SOURCE_DIR/docs/export.schema.json" "$TMP/a.jsonl" >"$TMP/valid" 2>&1 <<'EOF'
import json, sys, jsonschema
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
lines = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
bad = []
for i, o in enumerate(lines, 1):
    for e in v.iter_errors(o):
        bad.append("line %d: %s" % (i, e.message))
docs = [o for o in lines if o["type"] == "document"]
if lines[0]["type"] != "header" or lines[-1] != {"type": "end", "documents": len(docs)}:
    bad.append("header or end line wrong")
if [d["id"] for d in docs] != sorted(d["id"] for d in docs):
    bad.append("documents not sorted by id")
by = {d["id"]: d for d in docs}
if by["datenschutz/2018-05-dsgvo-in-kraft.txt"].get("overrides") != {"schlagworte": "DSGVO"}:
    bad.append("override missing")
if "withdrawn" not in by["social-media/2022-09-krisenkommunikation.txt"]:
    bad.append("withdrawal missing")
if {"type": "override", "id": "weg/alt.txt", "key": "titel", "value": "Alter Titel"} not in lines:
    bad.append("override of a missing document missing")
if not any(o["type"] == "alias" and o["variant"] == "OSOD" for o in lines):
    bad.append("alias missing")
syn = [o for o in lines if o["type"] == "synonyms"]
if len(syn) != 1 or lines[1] != syn[0] or "quelloffen = quelloffen; freie Software" not in syn[0]["text"]:
    bad.append("the synonym list is not the second line")
if not all(d["text"] for d in docs):
    bad.append("a document without text")
if sum(d["database"] == "internal" for d in docs) != sum(d["visibility"] == "intern" for d in docs):
    bad.append("internal documents not in the internal database")
print("\n".join(bad) or "ok")
EOF
expect_grep "export valid against docs/export.schema.json, complete" '^ok$' "$TMP/valid"
[ "$(cat "$TMP/valid")" = ok ] || sed 's/^/  | /' "$TMP/valid" | head >&2

# import from the file alone: the sources are gone
rm -rf "$SRC"
expect_exit 0 "import FILE" -- "$WA_INDEX" --db "$TMP/neu" import "$TMP/a.jsonl"
expect_grep "import says how many" "^[0-9]+ Dokumente importiert nach '$TMP/neu'$" "$TMP/out"
expect_exit 0 "export of the imported archive" -- "$WA_INDEX" --db "$TMP/neu" export "$TMP/b.jsonl"
cmp -s "$TMP/a.jsonl" "$TMP/b.jsonl" && ok || fail "export -> import -> export is byte-identical"
[ "$(grep -v '^#' "$DB/curation.txt" | sort)" = "$(grep -v '^#' "$TMP/neu/curation.txt" | sort)" ] &&
  ok || fail "the curation file is rebuilt with the same entries"
cmp -s "$DB/synonyms.txt" "$TMP/neu/synonyms.txt" && ok || fail "the synonym list is imported as it was"
expect_grep "the import is in the audit log" '	import	.*a\.jsonl$' "$TMP/neu/audit.log"
ls -d "$TMP"/neu.import-* >/dev/null 2>&1 && fail "no temporary archive is left" || ok

# a target written with a slash: the archive is built beside it, not inside
expect_exit 0 "import into DIR/" -- "$WA_INDEX" --db "$TMP/slash/" import "$TMP/a.jsonl"
[ -d "$TMP/slash/public" ] && [ -z "$(ls -d "$TMP"/slash/*.import-* "$TMP"/slash.import-* 2>/dev/null)" ] &&
  ok || fail "import into DIR/ builds DIR and leaves no temporary archive"

# stdin and stdout
expect_exit 0 "import -" -- sh -c "'$WA_INDEX' --db '$TMP/pipe' import - <'$TMP/a.jsonl'"
"$WA_INDEX" --db "$TMP/pipe" export - >"$TMP/c.jsonl"
cmp -s "$TMP/a.jsonl" "$TMP/c.jsonl" && ok || fail "import - | export - is byte-identical"

# the imported archive answers searches as the original: ids in order, totals,
# facets and spelling suggestions, for members and for the public
answers() { # DB QUERY...: one normalised answer per query
  local db=$1; shift
  for q in "$@"; do
    "$WA_SEARCH" --db "$db" --json --facets -n 100 "$q" 2>/dev/null |
      python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps([d["total"], d["suggestion"], [r["id"] for r in d["results"]], d["facets"]], sort_keys=True))'
    "$WA_SEARCH" --db "$db" --json --no-collapse --sort newest -n 100 "$q" 2>/dev/null |
      python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps([d["total"], [r["id"] for r in d["results"]]]))'
  done
}
queries=('' Sitzung Sitzungen Verwaltungsdigitalisirung Chatbot KI 'künstliche Intelligenz' Muenchen
  'Barrierefreiheit ODER Datenschutz' 'titel:Cloud jahr:2019..2021' '"agile Methoden"' Gebühren
  'Open Source' Protokoll quelloffen 'freie Software')
answers "$DB" "${queries[@]}" >"$TMP/orig.answers"
answers "$TMP/neu" "${queries[@]}" >"$TMP/neu.answers"
[ "$(wc -l <"$TMP/orig.answers")" -eq $((2 * ${#queries[@]})) ] && ok || fail "every query answered"
grep -q '"Verwaltungsdigitalisierung"' "$TMP/orig.answers" && ok || fail "a suggestion is compared"
cmp -s "$TMP/orig.answers" "$TMP/neu.answers" && ok ||
  { fail "imported archive answers the queries as the original"; diff "$TMP/orig.answers" "$TMP/neu.answers" | head -5 >&2; }
answers "$DB/public" '' Sitzung Chatbot >"$TMP/orig.pub"
answers "$TMP/neu/public" '' Sitzung Chatbot >"$TMP/neu.pub"
cmp -s "$TMP/orig.pub" "$TMP/neu.pub" && ok || fail "the public database answers as the original's"
expect_exit 0 "show of an imported document" -- "$WA_SEARCH" --db "$TMP/neu" show datenschutz/2018-05-dsgvo-in-kraft.txt
expect_grep "shows the stored text" 'DSGVO|Datenschutz' "$TMP/out"

# a withdrawn document: kept in the withdrawn database, found by no search,
# and exported again as it was
W=social-media/2022-09-krisenkommunikation.txt
python3 - "$TMP/a.jsonl" "$W" >"$TMP/w.jsonl" <<'EOF'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    if o.get("type") == "document" and o["id"] == sys.argv[2]:
        o["database"] = "withdrawn"
        o["docid"] = 1
        line = json.dumps(o, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    sys.stdout.write(line)
EOF
expect_exit 0 "import with a withdrawn document" -- "$WA_INDEX" --db "$TMP/zurueck" import "$TMP/w.jsonl"
"$WA_INDEX" --db "$TMP/zurueck" export "$TMP/w2.jsonl" >/dev/null 2>&1
cmp -s "$TMP/w.jsonl" "$TMP/w2.jsonl" && ok || fail "the withdrawn document is exported as imported"
[ -z "$(ids "$TMP/zurueck" '' | grep -Fx "$W")" ] && ok || fail "no search finds the withdrawn document"
# the withdrawal written into curation.txt above was applied by the next
# changing command (synonyms add): the export holds it, the import keeps it
[ -z "$(ids "$TMP/neu" '' | grep -Fx "$W")" ] && ok || fail "the imported withdrawal hides the document"
expect_exit 0 "stats of the archive with a withdrawn document" -- "$WA_INDEX" --db "$TMP/zurueck" stats --json
expect_grep "stats counts it as withdrawn" '"withdrawn": 1' "$TMP/out"

# check finds a document in two databases (as a crash during a move leaves it)
cp -r "$TMP/neu" "$TMP/doppelt"
expect_exit 0 "restore of the imported withdrawal" -- "$WA_INDEX" --db "$TMP/doppelt" -q restore "$W"
[ "$(ids "$TMP/doppelt" '' | grep -Fx "$W")" = "$W" ] && ok || fail "the restored document is found"
rm -rf "$TMP/doppelt/withdrawn"
cp -r "$TMP/neu/withdrawn" "$TMP/doppelt/withdrawn"
expect_exit 1 "check finds a document in two databases" -- env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}new_delete_type_mismatch=0" \
  "$WA_INDEX" --db "$TMP/doppelt" check
expect_grep "names it" "^Dokument '$W' liegt in mehr als einer Datenbank" "$TMP/out"

# refused: a target that is not empty, a truncated file, a file that is no export
expect_exit 2 "import into a non-empty archive" -- "$WA_INDEX" --db "$DB" import "$TMP/a.jsonl"
expect_grep "says why in German" "ist nicht leer: import baut ein neues Archiv auf" "$TMP/err"
"$WA_INDEX" --db "$DB" export "$TMP/again.jsonl" >/dev/null 2>&1
cmp -s "$TMP/a.jsonl" "$TMP/again.jsonl" && ok || fail "the refused import changed nothing"
head -n 5 "$TMP/a.jsonl" >"$TMP/cut.jsonl"
expect_exit 2 "import of a truncated export" -- "$WA_INDEX" --db "$TMP/cut" import "$TMP/cut.jsonl"
expect_grep "names the missing end line" 'unvollständig: die Schlusszeile fehlt' "$TMP/err"
[ ! -e "$TMP/cut" ] && ok || fail "a failed import leaves no archive"
ls -d "$TMP"/cut.import-* >/dev/null 2>&1 && fail "a failed import leaves no temporary archive" || ok
printf '{"type":"header","format":"etwas-anderes","version":1}\n' >"$TMP/fremd.jsonl"
expect_exit 2 "import of another format" -- "$WA_INDEX" --db "$TMP/fremd" import "$TMP/fremd.jsonl"
expect_grep "names the line and the expected format" 'Zeile 1: kein Werkarchiv-Export' "$TMP/err"
sed 's/"version":1/"version":9/' "$TMP/a.jsonl" >"$TMP/v9.jsonl"
expect_exit 2 "import of an unknown version" -- "$WA_INDEX" --db "$TMP/v9" import "$TMP/v9.jsonl"
expect_grep "names the supported version" 'Exportversion 9 wird nicht unterstützt' "$TMP/err"
expect_exit 2 "export without a file" -- "$WA_INDEX" --db "$DB" export
expect_exit 2 "export of a folder that is no archive" -- "$WA_INDEX" --db "$TMP/nie" export "$TMP/x.jsonl"
[ ! -e "$TMP/nie" ] && ok || fail "export created no archive"
expect_exit 2 "import of a missing file" -- "$WA_INDEX" --db "$TMP/y" import "$TMP/fehlt.jsonl"

finish
